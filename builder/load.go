package builder

import (
	"context"
	"errors"
	"hash/maphash"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
)

// content is what the load stage returns: every file under content/, parsed.
type content struct {
	settings Settings
	home     *Entry            // content/_index.md
	sections map[string]*Entry // content/<type>/_index.md by type name
	docs     []*Entry          // entries, by path
	files    []string          // other files, relative to content/, sorted
	diags    Diagnostics
}

// parseCache keeps parsed documents between builds, by path, and the list of
// files the last walk found, so that a rebuild told which paths changed reads only
// those.
type parseCache struct {
	seed    maphash.Seed
	mdKey   bool // the unsafeHTML setting the documents were parsed with
	docs    map[string]*Entry
	md      goldmark.Markdown
	mdPaths map[string]bool // Markdown files under content/, relative to it
	files   map[string]bool // other files under content/
	walked  bool
}

func newParseCache() *parseCache {
	return &parseCache{seed: maphash.MakeSeed(), docs: map[string]*Entry{}}
}

// load reads content/. With a cache, files whose bytes did not change keep their
// parsed document. changed lists the source-relative paths that changed since the
// last load ("content/insights/x.md", a folder, a deleted path); nil means unknown,
// and every file is read and compared.
func load(ctx context.Context, fsys fs.FS, cache *parseCache, changed []string) (*content, error) {
	c := &content{sections: map[string]*Entry{}}
	fresh := map[string]bool{} // paths to read even if cached
	if changed == nil || !cache.walked {
		cache.mdPaths, cache.files = map[string]bool{}, map[string]bool{}
		if err := walkContent(fsys, "content", cache, &c.diags); err != nil {
			return nil, err
		}
		cache.walked = true
		for p := range cache.mdPaths {
			fresh[p] = true
		}
	} else {
		if _, err := fs.Stat(fsys, "content"); err != nil {
			return nil, err
		}
		for _, p := range changed {
			p = path.Clean(p)
			if p != "content" && !strings.HasPrefix(p, "content/") {
				continue
			}
			rel := strings.TrimPrefix(strings.TrimPrefix(p, "content"), "/")
			// Forget the path and anything under it, then read it again.
			for _, m := range []map[string]bool{cache.mdPaths, cache.files} {
				for q := range m {
					if q == rel || rel == "" || strings.HasPrefix(q, rel+"/") {
						delete(m, q)
					}
				}
			}
			if err := walkContent(fsys, p, cache, &c.diags); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return nil, err
			}
			for q := range cache.mdPaths {
				if q == rel || rel == "" || strings.HasPrefix(q, rel+"/") {
					fresh[q] = true
				}
			}
		}
	}
	mdPaths := make([]string, 0, len(cache.mdPaths))
	for p := range cache.mdPaths {
		mdPaths = append(mdPaths, p)
	}
	sort.Strings(mdPaths)
	for p := range cache.files {
		c.files = append(c.files, p)
	}
	sort.Strings(c.files)

	// The site settings decide how Markdown is rendered; read them first.
	home, err := readDoc(fsys, "_index.md", cache, nil, fresh["_index.md"] || !cache.mdPaths["_index.md"])
	if err != nil {
		c.diags.errorf(Pos{File: "content/_index.md"}, "the site needs content/_index.md with a title: %v", err)
	}
	unsafeHTML := false
	if home != nil {
		c.home = home
		c.settings = home.settings
		unsafeHTML = c.settings.UnsafeHTML
	}
	if cache.md == nil || cache.mdKey != unsafeHTML {
		cache.docs = map[string]*Entry{}
		cache.mdKey = unsafeHTML
		cache.md = newMarkdown(unsafeHTML)
		if home != nil {
			home.body = nil
		}
	}
	md := cache.md
	if home != nil && home.body == nil && home.src != nil {
		home.body = parseBody(md, home.src)
	}

	docs := make([]*Entry, len(mdPaths))
	var wg sync.WaitGroup
	var mu sync.Mutex
	work := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range work {
				p := mdPaths[i]
				if p == "_index.md" {
					continue
				}
				d, err := readDoc(fsys, p, cache, md, fresh[p])
				if err != nil {
					mu.Lock()
					c.diags.errorf(Pos{File: "content/" + p}, "cannot read: %v", err)
					mu.Unlock()
					continue
				}
				docs[i] = d
			}
		})
	}
	for i := range mdPaths {
		if ctx.Err() != nil {
			break
		}
		work <- i
	}
	close(work)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	kept := make(map[string]*Entry, len(docs)+1)
	if home != nil {
		kept["_index.md"] = home
		c.diags = append(c.diags, home.diags...)
	}
	for _, d := range docs {
		if d == nil {
			continue
		}
		kept[d.Path] = d
		c.diags = append(c.diags, d.diags...)
		switch {
		case d.section != "":
			c.sections[d.section] = d
		case d.Type != nil:
			c.docs = append(c.docs, d)
		}
	}
	cache.docs = kept
	sort.Slice(c.docs, func(i, j int) bool { return c.docs[i].Path < c.docs[j].Path })
	return c, nil
}

// walkContent adds the files under root (a path of fsys inside content/) to the
// cache's lists.
func walkContent(fsys fs.FS, root string, cache *parseCache, diags *Diagnostics) error {
	return fs.WalkDir(fsys, root, func(p string, de fs.DirEntry, err error) error {
		if err != nil {
			if p == root {
				return err
			}
			diags.errorf(Pos{File: p}, "cannot read: %v", err)
			return nil
		}
		name := de.Name()
		if p != "content" && (strings.HasPrefix(name, ".") || ignoredFile(name)) {
			if de.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if de.IsDir() {
			return nil
		}
		rel := strings.TrimPrefix(p, "content/")
		if strings.HasSuffix(name, ".md") {
			cache.mdPaths[rel] = true
		} else {
			cache.files[rel] = true
		}
		return nil
	})
}

// ignoredFile names editors' and systems' droppings that never belong to a site.
func ignoredFile(name string) bool {
	return strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") ||
		strings.HasPrefix(name, "#") || name == "4913" || name == "Thumbs.db"
}

// readDoc reads and parses one Markdown file, or returns the cached document when
// the file is not known to have changed (read is false) or its bytes are the same.
func readDoc(fsys fs.FS, rel string, cache *parseCache, md goldmark.Markdown, read bool) (*Entry, error) {
	if d := cache.docs[rel]; d != nil && !read {
		return d, nil
	}
	data, err := fs.ReadFile(fsys, "content/"+rel)
	if err != nil {
		return nil, err
	}
	h := maphash.Bytes(cache.seed, data)
	if d := cache.docs[rel]; d != nil && d.hash == h {
		return d, nil
	}
	d := parseDoc(rel, data, md)
	d.hash = h
	if old := cache.docs[rel]; old != nil {
		old.replacedBy = d // for links resolved by earlier builds (link.go)
	}
	return d, nil
}

// parseDoc parses one content file. It never fails: problems go into d.diags.
// md is nil for the site settings file, whose body is parsed later.
func parseDoc(rel string, data []byte, md goldmark.Markdown) *Entry {
	d := &Entry{Path: rel, File: "content/" + rel}
	d.top = Pos{File: d.File, Line: 1, Col: 1}
	dir, name := path.Split(rel)
	dir = strings.TrimSuffix(dir, "/")
	first, _, _ := strings.Cut(dir, "/")
	switch {
	case rel == "_index.md":
		// the site settings
	case name == "_index.md" && typeNamed(dir) != nil && !strings.Contains(dir, "/"):
		d.section = typeNamed(dir).Name
	case typeNamed(first) == nil || typeNamed(first).Name != first:
		d.diags.errorf(d.top, "Markdown files belong in a type folder (insights, analogies, experiences, sessions or pages), not in %q", "content/"+dir)
		return d
	case name == "_index.md":
		d.diags.errorf(d.top, "only content/_index.md and content/<type>/_index.md introduce pages; this one is in a sub-folder")
		return d
	default:
		d.Type = typeNamed(first)
		d.Slug = strings.TrimSuffix(name, ".md")
		d.id = d.Type.Name + "/" + d.Slug
		d.url = "/" + d.id + "/"
		if !validSlug(d.Slug) {
			d.diags.errorf(d.top, "bad slug %q: a file name is lower-case letters, digits and single hyphens, then .md", d.Slug)
		}
	}

	s, diag := splitSource(d.File, data)
	if diag != nil {
		d.diags = append(d.diags, *diag)
		d.broken = true
		return d
	}
	d.top = s.top()
	root, diag := parseFrontMatter(s)
	if diag != nil {
		d.diags = append(d.diags, *diag)
		d.broken = true
		return d
	}
	if rel == "_index.md" {
		d.settings = decodeSettings(d, root)
		d.Title = d.settings.Title
		d.Summary = d.settings.Description
		d.src = s
		return d
	}
	decodeFields(d, root)
	if md != nil {
		d.body = parseBody(md, s)
	}
	if d.Summary == "" && d.body != nil {
		d.Summary = shorten(d.body.lead, 300)
	}
	d.card = maphash.Bytes(cardSeed, append(append([]byte(d.Path+"\x00"), s.fm...), d.Summary...))
	tk := newKeyer(cardSeed, 0).str(d.Path).str(d.Title)
	if d.body != nil {
		for _, h := range d.body.headings {
			tk.str(h.ID)
		}
	}
	d.targetKey = tk.sum()
	return d
}

// cardSeed hashes what other pages show of a document; the value only has to be
// stable within one process.
var cardSeed = maphash.MakeSeed()
