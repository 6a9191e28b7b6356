// Package render is the render stage of a build: it lists every page and feed of a
// site with a key that hashes its inputs, and executes the theme's templates for
// the outputs whose keys changed since the last build, turning site-root links
// into relative ones.
package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/playbookhq/playbook/builder/diag"
	"github.com/playbookhq/playbook/builder/internal/keys"
	"github.com/playbookhq/playbook/builder/internal/work"
)

// Renderer renders outputs build after build. It keeps the key of every output it
// wrote, so that a build renders only the outputs whose inputs changed, and the
// pieces that Page.Cache rendered, while the theme and what every page shows stay
// the same.
type Renderer struct {
	written   map[string]Kept // output path → key and size of the bytes last written there
	fragments *sync.Map
	salt      uint64

	// Kept, when set, are the outputs a previous build left in place, by path,
	// and Reuse publishes one of them again without rendering it (the sink links
	// the file); it reports false when it cannot, and the output is rendered.
	Kept  map[string]Kept
	Reuse func(path string, size int64) bool
	// Reused is how many outputs the last Render published again through Reuse.
	Reused int
}

// Kept is an output a previous build wrote: its key and its size.
type Kept struct {
	Key  uint64
	Size int64
}

// NewRenderer returns a renderer that has rendered nothing.
func NewRenderer() *Renderer { return &Renderer{written: map[string]Kept{}} }

// WriteError is a failure to hand a rendered file to the sink: the build stops at
// the first one (a full disk fails every file alike).
type WriteError struct {
	Path string
	Err  error
}

// Error names the site's file, not the staging folder's: "writing feed.xml: no
// space left on device".
func (e *WriteError) Error() string {
	err := e.Err
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		err = pe.Err
	}
	return fmt.Sprintf("writing %s: %v", e.Path, err)
}
func (e *WriteError) Unwrap() error { return e.Err }

// Render executes every output whose key changed since the last call, across all
// cores, and hands the bytes to put; an output that Kept holds with the same key
// it publishes through Reuse instead. assets maps logical asset names to their
// published paths; salt changes whenever what cached pieces show may have changed
// (the key Outputs was given, and the day). It returns how many
// outputs it rendered, the problems of the templates (each once, with the pages it
// failed on), and an error when put failed or ctx ended.
func (r *Renderer) Render(ctx context.Context, ts *Templates, outs []*Output, assets map[string]string, salt uint64, put func(path string, data []byte) error) (int, diag.List, error) {
	r.salted(ts, salt)
	var todo []*Output
	for _, out := range outs {
		if w, ok := r.written[out.Path]; !ok || w.Key != out.Key {
			todo = append(todo, out)
		}
	}
	// The pages that show every entry in full take longest: started first, they
	// do not finish alone on one core at the end.
	slices.SortStableFunc(todo, func(a, b *Output) int { return cmpBool(b.whole(), a.whole()) })
	type failure struct {
		d    diag.Diagnostic
		what string
	}
	failures := make([]*failure, len(todo))
	sizes := make([]int64, len(todo))
	reused := make([]bool, len(todo))
	var mu sync.Mutex
	var writeErr error
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var bufs sync.Pool
	err := work.Each(ctx, len(todo), func(i int) error {
		out := todo[i]
		if k, ok := r.Kept[out.Path]; ok && k.Key == out.Key && r.Reuse(out.Path, k.Size) {
			sizes[i], reused[i] = k.Size, true
			return nil
		}
		buf, _ := bufs.Get().(*bytes.Buffer)
		if buf == nil {
			buf = new(bytes.Buffer)
		}
		defer bufs.Put(buf)
		buf.Reset()
		what, err := r.renderOne(buf, ts, out, assets)
		if err != nil {
			var d diag.Diagnostic
			if !errors.As(err, &d) {
				d = diag.Diagnostic{Pos: diag.Pos{File: out.URL}, Msg: err.Error()}
			}
			failures[i] = &failure{d, what}
			return nil
		}
		sizes[i] = int64(buf.Len())
		if err := put(out.Path, buf.Bytes()); err != nil {
			mu.Lock()
			if writeErr == nil {
				writeErr = &WriteError{Path: out.Path, Err: err}
			}
			mu.Unlock()
			cancel()
		}
		return nil
	})
	if writeErr != nil {
		return 0, nil, writeErr
	}
	if err != nil {
		return 0, nil, err
	}
	// Unchanged outputs keep what was written; the others are what this call wrote.
	next := make(map[string]Kept, len(outs))
	for _, out := range outs {
		next[out.Path] = Kept{Key: out.Key, Size: r.written[out.Path].Size}
	}
	rendered := len(todo)
	r.Reused = 0
	for i, out := range todo {
		next[out.Path] = Kept{Key: out.Key, Size: sizes[i]}
		if reused[i] {
			rendered--
			r.Reused++
		}
	}
	// A broken template fails every page that uses it: say so once.
	var diags diag.List
	byProblem := map[diag.Diagnostic][]string{}
	for i, f := range failures {
		if f == nil {
			continue
		}
		rendered--
		delete(next, todo[i].Path)
		if _, seen := byProblem[f.d]; !seen {
			diags = append(diags, f.d)
		}
		byProblem[f.d] = append(byProblem[f.d], f.what)
	}
	r.written = next
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
	return rendered, diags, nil
}

// salted starts the cache of pieces afresh when what they show may have changed.
func (r *Renderer) salted(ts *Templates, salt uint64) {
	if salt := keys.New(salt).U64(ts.Key).Sum(); salt != r.salt || r.fragments == nil {
		r.fragments, r.salt = &sync.Map{}, salt
	}
}

// Ahead renders those of some outputs that the last Render wrote (pages that may
// be open), at once and on one core, and hands each to put, before Render renders
// the rest: the dev server shows the page an author is editing while the rest of
// the site is listed and made. It keeps no record of them, so Render renders them
// again, to the same bytes; one that fails is left to Render to report. Salt is
// the one Render is given.
func (r *Renderer) Ahead(ts *Templates, outs []*Output, assets map[string]string, salt uint64, put func(path string, data []byte) error) []string {
	r.salted(ts, salt)
	var done []string
	var buf bytes.Buffer
	for _, out := range outs {
		if _, ok := r.written[out.Path]; !ok {
			continue
		}
		buf.Reset()
		if _, err := r.renderOne(&buf, ts, out, assets); err != nil {
			continue
		}
		if put(out.Path, buf.Bytes()) == nil {
			done = append(done, out.Path)
		}
	}
	return done
}

// Written lists every output the last Render left in the sink, with its key and
// size, for a later build to find.
func (r *Renderer) Written() iter.Seq2[string, Kept] {
	return maps.All(r.written)
}

// renderOne renders one output; on failure it also says what was being rendered.
func (r *Renderer) renderOne(buf *bytes.Buffer, ts *Templates, out *Output, assets map[string]string) (string, error) {
	switch {
	case out.Data != nil:
		buf.Write(out.Data)
		return "", nil
	case out.Gen != nil:
		data, err := out.Gen()
		buf.Write(data)
		return out.URL, err
	}
	_, set := ts.lookup(out.Layout...)
	if set == nil {
		return "", diag.Diagnostic{Pos: diag.Pos{File: "layouts/" + out.Layout[len(out.Layout)-1]}, Msg: fmt.Sprintf("the theme has no layout for %s (looked for %s)", out.URL, strings.Join(out.Layout, ", "))}
	}
	// The page is the output's own: the renderer fills in what executing it needs.
	p := *out.Page
	p.set, p.assets, p.fragments, p.direct = set, assets, r.fragments, ts.direct[set]
	raw := pageBuffers.Get().(*bytes.Buffer)
	defer pageBuffers.Put(raw)
	raw.Reset()
	if err := set.ExecuteTemplate(raw, ts.base, &p); err != nil {
		what := out.URL
		if p.Entry != nil {
			what = p.Entry.File
		}
		return what, templateDiag(err, ts.base)
	}
	relativize(buf, raw.Bytes(), p.linkPrefix())
	return "", nil
}

var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// whole reports an output that shows every entry it lists in full, such as the pack.
func (o *Output) whole() bool { return o.Page != nil && o.Page.Kind == "pack" }

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}
