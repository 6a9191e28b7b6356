package builder

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/playbookhq/playbook/builder/content"
	"github.com/playbookhq/playbook/builder/diag"
	"github.com/playbookhq/playbook/builder/internal/keys"
	"github.com/playbookhq/playbook/builder/internal/work"
	"github.com/playbookhq/playbook/builder/render"
	"github.com/playbookhq/playbook/builder/search"
	"github.com/playbookhq/playbook/builder/site"
	"github.com/playbookhq/playbook/builder/style"
	"github.com/playbookhq/playbook/builder/theme"
)

// run is one build: each step reads what the steps before it made.
type run struct {
	b       *Builder
	o       Options
	changed []string
	res     *Result

	set        *content.Set
	site       *site.Site
	diags      diag.List // the content's problems, for the check step
	theme      *theme.Theme
	themed     *themeCache
	outs       []*render.Output
	cards      []render.ShareCard
	assetNames map[string]string
	siteKey    uint64
	owners     map[string]claimant // every file of the site → what makes it
	sameFiles  bool                // owners are the last build's (Builder.claimed)
	contentErr error               // the content's errors, when the build keeps going
}

// themeCache is the last theme read without problems, reused while only content
// changes.
type themeCache struct {
	name    string
	ts      *render.Templates
	assets  []style.Asset
	statics []string
}

func (r *run) load(ctx context.Context) error {
	set, err := r.b.loader.Load(ctx, r.o.FS, r.changed)
	if err != nil {
		return err
	}
	r.set = set
	return nil
}

func (r *run) link(ctx context.Context) error {
	s, diags := r.b.linker.Link(r.set, site.Options{
		Today: r.o.Today, Drafts: r.o.Drafts, Visibility: r.o.Visibility, BaseURL: r.o.BaseURL, Theme: r.o.Theme, Serve: r.o.Serve, Once: r.b.once,
	})
	r.site, r.res.Site = s, s
	r.diags = append(append(diag.List{}, r.set.Diags...), diags...)
	if r.o.Strict {
		r.diags = r.diags.Strict()
	}
	return nil
}

func (r *run) loadTheme(ctx context.Context) error {
	t, err := theme.Load(r.o.FS, r.o.Themes, r.site.Theme)
	if err != nil {
		at := diag.Pos{File: "content/_index.md", Line: 1, Col: 1}
		if r.set.Home != nil {
			at = r.set.Home.At("theme")
		}
		r.diags.Errorf(at, "%v", err)
		return nil
	}
	r.theme = t
	cache := &r.b.theme
	if cache.ts != nil && cache.name == r.site.Theme && r.changed != nil && !touchesTheme(r.changed) {
		// A content edit: the theme is as the last build left it.
		r.themed = cache
		return nil
	}
	tc := &themeCache{name: r.site.Theme}
	var td, ad diag.List
	tc.ts, td = render.LoadTemplates(t)
	tc.assets, ad = style.Assets(ctx, t, style.Options{FS: r.o.FS, Source: r.o.Source, Sass: r.o.Sass, Cache: r.o.StyleCache, Serve: r.o.Serve})
	tc.statics = t.List("static", "")
	r.diags = append(append(r.diags, td...), ad...)
	*cache = themeCache{}
	if len(td) == 0 && len(ad) == 0 {
		*cache = *tc
	}
	if tc.ts != nil {
		r.themed = tc
	}
	return nil
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

func (r *run) check(ctx context.Context) error {
	r.diagnose(r.diags)
	if err := r.res.Diagnostics.Err(); err != nil {
		if !r.o.KeepGoing || r.themed == nil {
			return err
		}
		r.contentErr = err
	}
	return nil
}

// keyed names the assets for the pages and keys what every page shows of the
// site.
func (r *run) keyed() {
	if r.assetNames != nil {
		return
	}
	s, o := r.site, r.o
	r.assetNames = map[string]string{}
	// Today is not in it: the pages that show the day itself add it (Outputs).
	k := keys.New(0).Str(s.Title).Str(s.Description).Str(s.BaseURL).Str(s.Language).Str(s.Organisation).
		Str(fmt.Sprint(o.Serve, o.Visibility, o.Drafts))
	for _, a := range r.themed.assets {
		r.assetNames[a.Name] = "/" + a.Path
		k = k.Str(a.Name).Str(a.Path)
	}
	r.siteKey = k.Sum()
}

// salt is what the renderer's cached pieces are valid for.
func (r *run) salt() uint64 { return keys.New(r.siteKey).U64(uint64(r.site.Today.Unix())).Sum() }

// ahead renders, for the dev server (a step only when Options.Ahead is set), the
// pages of the entries whose files this rebuild is for, before the rest of the
// site is listed and rendered, and calls Options.Ahead once they are in the sink:
// an author sees the entry being edited sooner. Only a build without problems
// does, since a page must not show content that a problem may yet hold back; the
// same build renders those pages again with the rest, to the same bytes.
func (r *run) ahead(ctx context.Context) error {
	if r.changed == nil || r.themed == nil || r.res.Diagnostics.Err() != nil {
		return nil
	}
	var entries []*site.Entry
	for _, p := range r.changed {
		if e := r.site.EntryOf(p); e != nil && len(entries) < maxAhead {
			entries = append(entries, e)
		}
	}
	if len(entries) == 0 {
		return nil
	}
	r.keyed()
	if done := r.b.renderer.Ahead(r.themed.ts, render.EntryPages(r.site, r.themed.ts, entries), r.assetNames, r.salt(), r.b.sink.Put); len(done) > 0 {
		r.o.Ahead()
	}
	return nil
}

// maxAhead is how many entries' pages a rebuild renders ahead of the rest: an
// edit of a few files, not a checkout of many.
const maxAhead = 4

func (r *run) list(ctx context.Context) error {
	s, tc, o := r.site, r.themed, r.o
	r.keyed()
	r.outs = render.Outputs(s, tc.ts, r.siteKey)
	if err := r.listIndex(ctx); err != nil {
		return err
	}
	r.outs = append(r.outs, r.admin()...)
	if tc.ts.Share && !o.Serve {
		r.cards = render.ShareCards(s)
	}
	if o.Loaded != nil {
		o.Loaded()
	}
	return r.claim()
}

// listIndex lists the files of the search index. A single build into the output of
// one whose index was made from the same inputs (the key of the index's meta file
// says so) lists that output's index files as they are, to be linked, and makes
// the index only if one of them cannot be: reading every entry's words again is
// most of a build that renders nothing else.
func (r *run) listIndex(ctx context.Context) error {
	once, kept := r.b.once, r.b.renderer.Kept
	var metaKey uint64 // only a single build keys the index by its inputs
	if once {
		metaKey = keys.New(r.siteKey).U64(search.InputsKey(r.site)).Str(search.Meta).Sum()
	}
	if once && kept[search.Meta].Key == metaKey {
		var made struct {
			sync.Once
			files map[string][]byte
			err   error
		}
		makeIndex := func() {
			files, err := r.b.index.Files(context.WithoutCancel(ctx), r.site, false)
			made.files, made.err = map[string][]byte{}, err
			for _, f := range files {
				made.files[f.Path] = f.Data
			}
		}
		paths := make([]string, 0, 1024)
		for p := range kept {
			if strings.HasPrefix(p, search.Dir) {
				paths = append(paths, p)
			}
		}
		slices.Sort(paths)
		for _, p := range paths {
			r.outs = append(r.outs, &render.Output{Path: p, URL: "/" + p, Key: kept[p].Key, Gen: func() ([]byte, error) {
				made.Do(makeIndex)
				data, ok := made.files[p]
				if made.err == nil && !ok {
					made.err = fmt.Errorf("the search index has no %s", p)
				}
				return data, made.err
			}})
		}
		return nil
	}
	files, err := r.b.index.Files(ctx, r.site, !once)
	if err != nil {
		return err
	}
	for _, f := range files {
		k := f.Key
		if once && f.Path == search.Meta {
			k = metaKey // for the next build into this output
		}
		r.outs = append(r.outs, &render.Output{Path: f.Path, URL: "/" + f.Path, Data: f.Data, Key: k})
	}
	return nil
}

// claim lists every file of the site, and reports the ones that two things would
// write, or that one would write as a file where another writes a folder. A build
// whose files are those of the last one (any edit that adds and removes nothing)
// knows they are all claimed once.
func (r *run) claim() error {
	k := keys.New(uint64(len(r.outs)))
	for _, out := range r.outs {
		k = k.Str(out.Path)
	}
	for _, c := range r.cards {
		k = k.Str(c.Path)
	}
	for _, a := range r.themed.assets {
		k = k.Str(a.Path)
	}
	for _, p := range r.themed.statics {
		k = k.Str(p)
	}
	for _, p := range r.site.Files() {
		k = k.Str(p)
	}
	if last := r.b.claimed; last.owners != nil && last.key == k.Sum() {
		r.owners, r.sameFiles = last.owners, true
		return nil
	}
	defer func() {
		r.b.claimed = claimed{key: k.Sum()}
		if r.res.Diagnostics.Err() == nil {
			r.b.claimed.owners = r.owners
		}
	}()
	files := r.site.Files()
	r.owners = make(map[string]claimant, len(r.outs)+len(r.cards)+len(files))
	at := map[string]diag.Pos{}
	var collide diag.List
	add := func(p string, c claimant, pos diag.Pos) {
		if prev, ok := r.owners[p]; ok {
			if pos.File == "" {
				pos = at[p]
			}
			owner := r.ownerOf(c)
			collide.Errorf(pos.OrTop(owner), "%s would be written twice: by %s and by %s", "/"+strings.TrimSuffix(p, "index.html"), r.ownerOf(prev), owner)
			return
		}
		r.owners[p] = c
		if pos.File != "" {
			at[p] = pos
		}
	}
	for i, out := range r.outs {
		add(out.Path, claimant{claimOutput, int32(i)}, out.Pos)
	}
	for i, c := range r.cards {
		add(c.Path, claimant{claimCard, int32(i)}, diag.Pos{})
	}
	for i, a := range r.themed.assets {
		add(a.Path, claimant{claimAsset, int32(i)}, diag.Pos{})
	}
	for i, p := range r.themed.statics {
		add(p, claimant{claimStatic, int32(i)}, diag.Pos{})
	}
	for i, p := range files {
		add(p, claimant{claimFile, int32(i)}, diag.Pos{})
	}
	// A file where another output needs a folder of the same name.
	for p, c := range r.owners {
		for dir := path.Dir(p); dir != "."; dir = path.Dir(dir) {
			if other, ok := r.owners[dir]; ok {
				pos := at[p]
				if pos.File == "" {
					pos = at[dir]
				}
				owner := r.ownerOf(c)
				collide.Errorf(pos.OrTop(owner), "/%s would be both a file (written by %s) and a folder (holding what %s writes)", dir, r.ownerOf(other), owner)
			}
		}
	}
	if len(collide) > 0 {
		r.diagnose(collide)
		return r.res.Diagnostics.Err()
	}
	return nil
}

// claimant is what writes one file of the site, by its place in the list it is
// in: its name, for messages, is made only when one is needed.
type claimant struct {
	kind uint8
	i    int32
}

const (
	claimOutput = iota + 1
	claimCard
	claimAsset
	claimStatic
	claimFile
)

// ownerOf names what writes a file, for messages.
func (r *run) ownerOf(c claimant) string {
	switch c.kind {
	case claimOutput:
		return r.outs[c.i].Owner()
	case claimCard:
		return "the share card of /" + path.Dir(r.cards[c.i].Path) + "/"
	case claimAsset:
		return "the theme's assets/" + r.themed.assets[c.i].Name
	case claimStatic:
		return "static/" + r.themed.statics[c.i]
	}
	return "content/" + r.site.Files()[c.i]
}

func (r *run) render(ctx context.Context) error {
	rendered, diags, err := r.b.renderer.Render(ctx, r.themed.ts, r.outs, r.assetNames, r.salt(), r.b.sink.Put)
	if err != nil {
		return err
	}
	r.res.Rendered, r.res.Reused = rendered, r.b.renderer.Reused
	if r.b.once {
		r.b.renderer.Kept = nil // the previous output's keys: no build follows to ask
	}
	if len(diags) > 0 {
		r.diagnose(diags)
		return r.res.Diagnostics.Err()
	}
	return nil
}

func (r *run) share(ctx context.Context) error {
	cache := ""
	if r.o.StyleCache { // a build of a site on disk, as opposed to a test or the dev server
		cache = path.Join(r.o.Source, "resources", "social")
	}
	return drawCards(ctx, r.cards, cache, r.b.sink)
}

// copy publishes assets, static files and the content's other files, skipping
// those whose bytes did not change since the last build.
func (r *run) copy(ctx context.Context) error {
	type job struct {
		path string
		read func() ([]byte, error)
	}
	var jobs []job
	for _, a := range r.themed.assets {
		data := a.Data
		jobs = append(jobs, job{a.Path, func() ([]byte, error) { return data, nil }})
	}
	t := r.theme
	for _, p := range r.themed.statics {
		jobs = append(jobs, job{p, func() ([]byte, error) { d, _, err := t.Read("static", p); return d, err }})
	}
	for _, p := range r.site.Files() {
		jobs = append(jobs, job{p, func() ([]byte, error) { return fs.ReadFile(r.o.FS, "content/"+p) }})
	}
	sums := make([]uint64, len(jobs))
	err := work.Each(ctx, len(jobs), func(i int) error {
		j := jobs[i]
		data, err := j.read()
		if err != nil {
			return fmt.Errorf("copying %s: %w", j.path, err)
		}
		sums[i] = keys.Bytes(data)
		if r.b.copied[j.path] == sums[i] {
			return nil
		}
		if err := r.b.sink.Put(j.path, data); err != nil {
			return &render.WriteError{Path: j.path, Err: err}
		}
		return nil
	})
	if err != nil {
		return err
	}
	copied := make(map[string]uint64, len(jobs))
	for i, j := range jobs {
		copied[j.path] = sums[i]
	}
	r.b.copied = copied
	return nil
}
