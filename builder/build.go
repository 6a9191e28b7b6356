package builder

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"io/fs"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
)

// HeapProfile, when set, is called once a build has loaded and linked everything,
// the moment it holds the most; the playbook command sets it to write a heap profile.
var HeapProfile func()

// Result describes a finished build.
type Result struct {
	Diagnostics Diagnostics // every problem, sorted; warnings only when the build succeeded
	Site        *Site
	Outputs     int // files the site consists of
	Rendered    int // pages and feeds rendered by this build (the others were unchanged)
	Timings     []Timing
	// Changed lists what this build altered in a MemSink: the dev server decides from
	// it whether to swap a stylesheet or reload the page.
	Changed []string
}

// Timing is how long one stage took.
type Timing struct {
	Stage    string
	Duration time.Duration
}

func (r *Result) time(stage string, start time.Time) time.Time {
	now := time.Now()
	r.Timings = append(r.Timings, Timing{stage, now.Sub(start)})
	return now
}

// Build builds the site and publishes it into o.Dest: the previous output is only
// replaced when everything succeeded. Content problems come back as a *BuildError,
// a destination that must not be replaced as a *UsageError.
func Build(ctx context.Context, o Options) (*Result, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, &UsageError{err.Error()}
	}
	if o.Dest == "" {
		o.Dest = filepath.Join(o.Source, "public")
	}
	if err := checkDest(o.Source, o.Dest); err != nil {
		return nil, err
	}
	st, err := newStage(o.Dest)
	if err != nil {
		return nil, err
	}
	b := NewBuilder(o, &dirSink{root: st.dir})
	b.once = true
	res, err := b.Build(ctx)
	if err != nil {
		st.discard()
		return res, err
	}
	if err := st.publish(); err != nil {
		st.discard()
		return res, fmt.Errorf("publishing %s: %w", o.Dest, err)
	}
	return res, nil
}

// Check validates the content and renders every page without writing anything.
func Check(ctx context.Context, o Options) (*Result, error) {
	return NewBuilder(o, discard{}).Build(ctx)
}

type discard struct{}

func (discard) Put(string, []byte) error { return nil }

// Builder builds a site again and again, as the dev server does: each build re-reads
// only changed files and re-renders only pages whose inputs changed.
type Builder struct {
	opts  Options
	sink  Sink
	cache *parseCache
	seed  maphash.Seed
	keys  map[string]uint64 // output path → key of the bytes last written there
	// fragments keeps the pieces Page.Cache rendered, while fragSalt (the theme
	// and the site-wide inputs) is unchanged.
	fragments *sync.Map
	fragSalt  uint64
	prev      *Site // the last successful build's site
	once      bool  // a single build: nothing is kept for a next one
	theme     struct {
		name    string
		ts      *templates
		assets  []asset
		statics []string
	} // the last theme read without problems
	copied map[string]uint64 // copied file → hash of the bytes last written
}

// NewBuilder returns a builder that writes into sink.
func NewBuilder(o Options, sink Sink) *Builder {
	return &Builder{opts: o, sink: sink, cache: newParseCache(), seed: maphash.MakeSeed(), keys: map[string]uint64{}, copied: map[string]uint64{}}
}

// Build runs every stage, reading every file and comparing it with what the last
// build read. It returns a *BuildError when the content or the theme has errors;
// nothing is written then.
func (b *Builder) Build(ctx context.Context) (*Result, error) { return b.Rebuild(ctx, nil) }

// Rebuild is Build when the caller knows which source paths changed since the last
// build (a watcher does): only those are read again. Paths are relative to the
// source folder and slash-separated; a folder stands for everything under it.
func (b *Builder) Rebuild(ctx context.Context, changed []string) (*Result, error) {
	o, err := b.opts.withDefaults()
	if err != nil {
		return nil, &UsageError{err.Error()}
	}
	res := &Result{}
	start := time.Now()

	c, err := load(ctx, o.FS, b.cache, changed)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &UsageError{fmt.Sprintf("no content/ folder in %s", o.Source)}
		}
		return nil, err
	}
	start = res.time("load", start)

	site := link(c, o, b.prev)
	res.Site = site
	start = res.time("link", start)
	diags := c.diags
	if o.Strict {
		diags = diags.Strict()
	}

	if o.Theme != "" {
		site.Theme = o.Theme
	}
	t, err := loadTheme(o.FS, o.Themes, site.Theme)
	if err != nil {
		diags.errorf(site.Settings.basePos.fileTop("content/_index.md"), "%v", err)
	}
	var ts *templates
	var assets []asset
	var statics []string
	switch {
	case t == nil:
	case b.theme.ts != nil && b.theme.name == site.Theme && changed != nil && !touchesTheme(changed):
		// A content edit: the theme is as the last build left it.
		ts, assets, statics = b.theme.ts, b.theme.assets, b.theme.statics
	default:
		var d Diagnostics
		ts, d = loadTemplates(t)
		diags = append(diags, d...)
		var ad Diagnostics
		assets, ad = buildAssets(ctx, t, o)
		diags = append(diags, ad...)
		statics = t.list("static", "")
		b.theme.ts = nil
		if len(d) == 0 && len(ad) == 0 {
			b.theme.name, b.theme.ts, b.theme.assets, b.theme.statics = site.Theme, ts, assets, statics
		}
	}
	start = res.time("theme", start)
	res.Diagnostics = diags.Sort()
	// contentErr holds back the content's errors when the build goes on regardless.
	var contentErr error
	if err := res.Diagnostics.Err(); err != nil {
		if !o.KeepGoing || ts == nil {
			return res, err
		}
		contentErr = err
	}

	assetNames := map[string]string{}
	siteKey := newKeyer(b.seed, 0).str(site.Title).str(site.Description).str(site.BaseURL).str(site.Language).
		str(site.Organisation).u64(uint64(site.Today.Unix())).str(fmt.Sprint(o.Serve, o.Visibility, o.Drafts))
	for _, a := range assets {
		assetNames[a.name] = "/" + a.path
		siteKey.str(a.name).str(a.path)
	}
	// Rendered pieces (Page.Cache) outlive a build while the theme and what every
	// page shows are unchanged.
	fragSalt := newKeyer(b.seed, siteKey.sum())
	for _, name := range layoutNames {
		fragSalt.u64(ts.keys[name])
	}
	if salt := fragSalt.sum(); salt != b.fragSalt || b.fragments == nil {
		b.fragments, b.fragSalt = &sync.Map{}, salt
	}
	site.fragments = b.fragments
	outs := outputs(site, ts, b.seed, siteKey.sum())
	if b.once {
		// Nothing will rebuild: what the search index kept of each entry for the
		// next build can go.
		for _, e := range site.Entries {
			e.search = nil
		}
	}
	if o.Loaded != nil {
		o.Loaded()
	}
	for _, out := range outs {
		if out.page != nil {
			out.page.assets = assetNames
		}
	}

	// Every file of the site, for collisions: no two outputs may share a path.
	owners := map[string]string{}
	var collide Diagnostics
	claim := func(p, owner string, at Pos) {
		if prev, ok := owners[p]; ok {
			if at.File == "" {
				at = Pos{File: owner}
			}
			collide.errorf(at, "%s would be written twice: by %s and by %s", "/"+strings.TrimSuffix(p, "index.html"), prev, owner)
			return
		}
		owners[p] = owner
	}
	for _, out := range outs {
		owner := out.source
		if owner == "" {
			owner = "the " + pageKindName(out) + " page"
			if out.page != nil && out.page.Entry != nil {
				owner = out.page.Entry.File
			}
		}
		claim(out.path, owner, out.pos)
	}
	for _, a := range assets {
		claim(a.path, "the theme's assets/"+a.name, Pos{})
	}
	for _, p := range statics {
		claim(p, "static/"+p, Pos{})
	}
	for _, p := range site.files {
		claim(p, "content/"+p, Pos{})
	}
	if len(collide) > 0 {
		res.Diagnostics = append(res.Diagnostics, collide...).Sort()
		return res, res.Diagnostics.Err()
	}

	if HeapProfile != nil {
		HeapProfile() // everything is loaded and linked: the most a build holds
	}
	rendered, rdiags := b.render(ctx, ts, outs)
	res.Rendered = rendered
	if len(rdiags) > 0 {
		res.Diagnostics = append(res.Diagnostics, rdiags...).Sort()
		return res, res.Diagnostics.Err()
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	start = res.time("render", start)

	cards, err := b.drawShareCards(ctx, site, o, ts)
	if err != nil {
		return res, err
	}
	for p := range cards {
		owners[p] = "share card"
	}
	if err := b.copyFiles(ctx, o, t, assets, statics, site.files); err != nil {
		return res, err
	}
	res.time("copy", start)
	res.Outputs = len(owners)
	b.prev = site
	if m, ok := b.sink.(*MemSink); ok {
		live := make(map[string]bool, len(owners))
		for p := range owners {
			live[p] = true
		}
		m.keep(live)
		res.Changed = m.TakeChanged()
		for p := range b.keys {
			if !live[p] {
				delete(b.keys, p)
			}
		}
	}
	return res, contentErr
}

func pageKindName(out *output) string {
	if out.page != nil {
		return out.page.Kind + " " + out.url
	}
	return out.url
}

// touchesTheme reports whether a change concerns the theme rather than content.
func touchesTheme(changed []string) bool {
	for _, p := range changed {
		if !strings.HasPrefix(p, "content/") && p != "content" {
			return true
		}
	}
	return false
}

// fileTop turns a position without a file into the top of file.
func (p Pos) fileTop(file string) Pos {
	if p.File == "" {
		return Pos{File: file, Line: 1, Col: 1}
	}
	return p
}

// render executes every output whose key changed since the last build, across all
// cores, and hands the bytes to the sink.
func (b *Builder) render(ctx context.Context, ts *templates, outs []*output) (int, Diagnostics) {
	var mu sync.Mutex
	var diags Diagnostics
	rendered := 0
	work := make(chan *output, 64)
	var wg sync.WaitGroup
	newKeys := make(map[string]uint64, len(outs))
	for _, out := range outs {
		newKeys[out.path] = out.key
	}
	type failure struct {
		d    Diagnostic
		what string
	}
	var failures []failure
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var buf bytes.Buffer
			for out := range work {
				buf.Reset()
				what, err := b.renderOne(&buf, ts, out)
				if err == nil {
					err = b.sink.Put(out.path, buf.Bytes())
				}
				mu.Lock()
				if err != nil {
					var d Diagnostic
					if !errors.As(err, &d) {
						d = Diagnostic{Pos: Pos{File: out.url}, Msg: err.Error()}
					}
					failures = append(failures, failure{d, what})
					delete(newKeys, out.path)
				} else {
					rendered++
				}
				mu.Unlock()
			}
		})
	}
	for _, out := range outs {
		if ctx.Err() != nil {
			break
		}
		if k, ok := b.keys[out.path]; ok && k == out.key {
			continue
		}
		work <- out
	}
	close(work)
	wg.Wait()
	b.keys = newKeys
	// A broken template fails every page that uses it: say so once.
	byProblem := map[Diagnostic][]string{}
	for _, f := range failures {
		if _, seen := byProblem[f.d]; !seen {
			diags = append(diags, f.d)
		}
		byProblem[f.d] = append(byProblem[f.d], f.what)
	}
	for i, d := range diags {
		whats := byProblem[d]
		if whats[0] == "" {
			continue
		}
		slices.Sort(whats)
		diags[i].Msg += " (rendering " + whats[0]
		if n := len(whats) - 1; n > 0 {
			diags[i].Msg += fmt.Sprintf(" and %d other pages", n)
		}
		diags[i].Msg += ")"
	}
	return rendered, diags
}

// renderOne renders one output; on failure it also says what was being rendered.
func (b *Builder) renderOne(buf *bytes.Buffer, ts *templates, out *output) (string, error) {
	if out.gen != nil {
		data, err := out.gen()
		buf.Write(data)
		return out.url, err
	}
	_, set := ts.lookup(out.layout...)
	if set == nil {
		return "", Diagnostic{Pos: Pos{File: "layouts/" + out.layout[len(out.layout)-1]}, Msg: fmt.Sprintf("the theme has no layout for %s (looked for %s)", out.url, strings.Join(out.layout, ", "))}
	}
	out.page.set = set
	raw := pageBuffers.Get().(*bytes.Buffer)
	defer pageBuffers.Put(raw)
	raw.Reset()
	if err := set.ExecuteTemplate(raw, ts.base, out.page); err != nil {
		what := out.url
		if out.page.Entry != nil {
			what = out.page.Entry.File
		}
		return what, templateDiag(err, ts.base, "")
	}
	relativize(buf, raw.Bytes(), out.page.linkPrefix())
	return "", nil
}

var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// copyFiles publishes assets, static files and the content's other files, skipping
// those whose bytes did not change since the last build.
func (b *Builder) copyFiles(ctx context.Context, o Options, t *theme, assets []asset, statics, files []string) error {
	type job struct {
		path string
		read func() ([]byte, error)
	}
	var jobs []job
	for _, a := range assets {
		data := a.data
		jobs = append(jobs, job{a.path, func() ([]byte, error) { return data, nil }})
	}
	for _, p := range statics {
		jobs = append(jobs, job{p, func() ([]byte, error) { d, _, err := t.read("static", p); return d, err }})
	}
	for _, p := range files {
		jobs = append(jobs, job{p, func() ([]byte, error) { return fs.ReadFile(o.FS, "content/"+p) }})
	}
	var mu sync.Mutex
	var firstErr error
	work := make(chan job)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for j := range work {
				data, err := j.read()
				if err == nil {
					h := maphash.Bytes(b.seed, data)
					mu.Lock()
					same := b.copied[j.path] == h
					b.copied[j.path] = h
					mu.Unlock()
					if !same {
						err = b.sink.Put(j.path, data)
					}
				}
				if err != nil {
					mu.Lock()
					firstErr = cmpOr(firstErr, fmt.Errorf("copying %s: %w", j.path, err))
					mu.Unlock()
				}
			}
		})
	}
	for _, j := range jobs {
		if ctx.Err() != nil {
			break
		}
		work <- j
	}
	close(work)
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	live := map[string]bool{}
	for _, j := range jobs {
		live[j.path] = true
	}
	for p := range b.copied {
		if !live[p] {
			delete(b.copied, p)
		}
	}
	return ctx.Err()
}

func cmpOr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}
