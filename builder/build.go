package builder

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"time"

	"github.com/playbookhq/playbook/builder/content"
	"github.com/playbookhq/playbook/builder/diag"
	"github.com/playbookhq/playbook/builder/publish"
	"github.com/playbookhq/playbook/builder/render"
	"github.com/playbookhq/playbook/builder/search"
	"github.com/playbookhq/playbook/builder/site"
)

// Result describes a finished build.
type Result struct {
	Diagnostics Diagnostics // every problem, sorted; warnings only when the build succeeded
	Site        *Site
	Outputs     int // files the site consists of
	Rendered    int // pages and feeds rendered by this build (the others were unchanged)
	Reused      int // pages and feeds published again from the previous output (Options.Fresh)
	Timings     []Timing
	Notes       []string // what the build left out and why, for the author: not problems
}

// Timing is how long one step took.
type Timing struct {
	Stage    string
	Duration time.Duration
}

// Build builds the site and publishes it into o.Dest: the previous output is only
// replaced when everything succeeded. Unless o.Fresh, the pages and feeds of the
// previous output whose keys are those this build would render are published
// again by hard link (see kept.go). Content problems come back as a *BuildError,
// a destination that must not be replaced as a *UsageError.
func Build(ctx context.Context, o Options) (*Result, error) {
	if o.Source == "" {
		o.Source = "."
	}
	if o.Dest == "" {
		o.Dest = filepath.Join(o.Source, "public")
	}
	if err := publish.CheckDest(o.Source, o.Dest); err != nil {
		return nil, usage(err)
	}
	st, err := publish.NewStage(o.Dest)
	if err != nil {
		return nil, usage(err)
	}
	dir := publish.NewDir(st.Dir())
	b := NewBuilder(o, dir)
	b.once = true
	day := o.Today
	if day.IsZero() {
		day, _ = Today() // Build reports a bad day
	}
	if !o.Fresh {
		if kept, stamp := readKept(st.Dest()); kept != nil {
			old := st.Dest()
			b.renderer.Kept = kept
			b.renderer.Reuse = func(p string, size int64) bool { return dir.Reuse(p, old, size) }
			// The same files on the same day: every page and the search index
			// will be linked, so bodies are rendered only if a page asks.
			b.loader.Lazy = func(s uint64) bool { return dayStamp(s, day) == stamp }
		}
	}
	res, err := b.Build(ctx)
	b.Close()
	if err == nil {
		err = writeKept(st.Dir(), b.renderer.Written(), dayStamp(b.loader.Stamp(), day))
	}
	if err != nil {
		st.Discard()
		return res, err
	}
	if err := st.Publish(); err != nil {
		st.Discard()
		return res, fmt.Errorf("publishing %s: %w", o.Dest, err)
	}
	return res, nil
}

// usage turns a refused destination into a usage error.
func usage(err error) error {
	var re *publish.RefusedError
	if errors.As(err, &re) {
		return &UsageError{re.Msg}
	}
	return err
}

// Check validates the content and renders every page without writing anything.
func Check(ctx context.Context, o Options) (*Result, error) {
	b := NewBuilder(o, publish.Discard{})
	b.once = true
	defer b.Close()
	return b.Build(ctx)
}

// Builder builds a site again and again, as the dev server does. Each stage keeps
// what it can reuse in a value of its own (the loader the parsed documents, the
// linker the resolved links, the renderer the key of every output, the index what
// it read of each entry), so that a build re-reads only changed files and
// re-renders only pages whose inputs changed; every build makes a new Site.
type Builder struct {
	opts     Options
	optsErr  error
	fixedDay bool
	sink     Sink
	once     bool // a single build: nothing is kept for a next one

	loader   *content.Loader
	linker   *site.Linker
	renderer *render.Renderer
	index    *search.Index
	theme    themeCache
	copied   map[string]uint64 // copied file → hash of the bytes last written
	decap    decapFiles        // what /admin/ publishes of Options.CMS
	claimed  claimed           // the files of the last build that had no collision
}

// claimed is the files of a build and what makes each, with a hash of their paths.
type claimed struct {
	key    uint64
	owners map[string]claimant // of the build that made them
	pruned bool                // the sink holds no file but these (Sink.Keep ran with them)
}

// NewBuilder returns a builder that writes into sink.
func NewBuilder(o Options, sink Sink) *Builder {
	b := &Builder{sink: sink, fixedDay: !o.Today.IsZero(), loader: content.NewLoader(), linker: site.NewLinker(),
		renderer: render.NewRenderer(), index: search.New(), copied: map[string]uint64{}}
	b.opts, b.optsErr = o.withDefaults()
	return b
}

// Close releases the source folder.
func (b *Builder) Close() {
	if c, ok := b.opts.FS.(interface{ Close() error }); ok && b.opts.FS != nil {
		c.Close()
	}
}

// Build runs every step, reading every file and comparing it with what the last
// build read. It returns a *BuildError when the content or the theme has errors;
// nothing is written then.
func (b *Builder) Build(ctx context.Context) (*Result, error) { return b.Rebuild(ctx, nil) }

// Rebuild is Build when the caller knows which source paths changed since the last
// build (a watcher does): only those are read again. Paths are relative to the
// source folder and slash-separated; a folder stands for everything under it.
func (b *Builder) Rebuild(ctx context.Context, changed []string) (*Result, error) {
	if b.optsErr != nil {
		return nil, &UsageError{b.optsErr.Error()}
	}
	o := b.opts
	if !b.fixedDay {
		t, err := Today()
		if err != nil {
			return nil, &UsageError{err.Error()}
		}
		o.Today = t
	}
	r := &run{b: b, o: o, changed: changed, res: &Result{}}
	type step struct {
		name string
		fn   func(context.Context) error
	}
	steps := []step{
		{"load", r.load},       // content/ → documents
		{"link", r.link},       // documents → this build's Site
		{"theme", r.loadTheme}, // templates, assets, static files
		{"check", r.check},     // stop here on errors, unless keeping going
	}
	if o.Ahead != nil {
		steps = append(steps, step{"ahead", r.ahead}) // the dev server: the pages of the entries edited, first
	}
	steps = append(steps,
		step{"list", r.list},     // every output with its key, the search index, collisions
		step{"copy", r.copy},     // assets, static files, content attachments: before the pages that use them
		step{"render", r.render}, // the outputs whose keys changed → the sink
		step{"share", r.share},   // share cards
	)
	for _, s := range steps {
		start := time.Now()
		err := s.fn(ctx)
		r.res.Timings = append(r.res.Timings, Timing{s.name, time.Since(start)})
		if err == nil {
			err = ctx.Err()
		}
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && s.name == "load" {
				return nil, &UsageError{fmt.Sprintf("no content/ folder in %s", o.Source)}
			}
			return r.res, err
		}
	}
	// A build with the last one's files, when the sink was pruned to them, has
	// nothing to drop: the sink is asked only when the files are new.
	if !r.sameFiles || !b.claimed.pruned {
		b.sink.Keep(func(p string) bool { _, ok := r.owners[p]; return ok })
	}
	b.claimed.pruned = b.claimed.owners != nil
	r.res.Outputs = len(r.owners)
	return r.res, r.contentErr
}

// diagnose adds problems to the result, sorted.
func (r *run) diagnose(l diag.List) {
	r.res.Diagnostics = append(r.res.Diagnostics, l...).Sort()
}
