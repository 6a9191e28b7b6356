package builder

import (
	"context"
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
	files    []string        // other files, relative to content/, sorted
	diags    Diagnostics
}

// parseCache keeps parsed documents between builds, by path.
type parseCache struct {
	seed  maphash.Seed
	mdKey bool // the unsafeHTML setting the documents were parsed with
	docs  map[string]*Entry
	md    goldmark.Markdown
}

func newParseCache() *parseCache {
	return &parseCache{seed: maphash.MakeSeed(), docs: map[string]*Entry{}}
}

// load reads content/. With a cache, files whose bytes did not change keep their
// parsed document.
func load(ctx context.Context, fsys fs.FS, cache *parseCache) (*content, error) {
	c := &content{sections: map[string]*Entry{}}
	var mdPaths []string
	err := fs.WalkDir(fsys, "content", func(p string, de fs.DirEntry, err error) error {
		if err != nil {
			if p == "content" {
				return err
			}
			c.diags.errorf(Pos{File: p}, "cannot read: %v", err)
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
			mdPaths = append(mdPaths, rel)
		} else {
			c.files = append(c.files, rel)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(c.files)

	// The site settings decide how Markdown is rendered; read them first.
	home, err := readDoc(fsys, "_index.md", cache, nil)
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
				d, err := readDoc(fsys, p, cache, md)
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

	fresh := make(map[string]*Entry, len(docs)+1)
	if home != nil {
		fresh["_index.md"] = home
		c.diags = append(c.diags, home.diags...)
	}
	for _, d := range docs {
		if d == nil {
			continue
		}
		fresh[d.Path] = d
		c.diags = append(c.diags, d.diags...)
		switch {
		case d.section != "":
			c.sections[d.section] = d
		case d.Type != nil:
			c.docs = append(c.docs, d)
		}
	}
	cache.docs = fresh
	sort.Slice(c.docs, func(i, j int) bool { return c.docs[i].Path < c.docs[j].Path })
	return c, nil
}

// ignoredFile names editors' and systems' droppings that never belong to a site.
func ignoredFile(name string) bool {
	return strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") ||
		strings.HasPrefix(name, "#") || name == "4913" || name == "Thumbs.db"
}

// readDoc reads and parses one Markdown file, or returns the cached document when
// the bytes are unchanged.
func readDoc(fsys fs.FS, rel string, cache *parseCache, md goldmark.Markdown) (*Entry, error) {
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
	return d
}

// cardSeed hashes what other pages show of a document; the value only has to be
// stable within one process.
var cardSeed = maphash.MakeSeed()
