package content

import (
	"io/fs"
	"path"
	"strings"

	"github.com/yuin/goldmark"

	"github.com/playbookhq/playbook/builder/diag"
	"github.com/playbookhq/playbook/builder/internal/keys"
	"github.com/playbookhq/playbook/builder/model"
)

// MaxMarkdown bounds the size of a content file.
const MaxMarkdown = 4 << 20

// Parse parses one content file, its path relative to content/. It never fails:
// problems go into the document's Diags. md gives the Markdown renderer for a
// setting of unsafeHTML; unsafeHTML is the site's (the site settings file decides it
// for itself).
func Parse(rel string, data []byte, md func(unsafeHTML bool) goldmark.Markdown, unsafeHTML bool) *Doc {
	return parse(rel, data, md, unsafeHTML, nil)
}

// parse is Parse; given lazy, an entry's body is not rendered but read again from
// lazy each time its HTML is asked for.
func parse(rel string, data []byte, md func(unsafeHTML bool) goldmark.Markdown, unsafeHTML bool, lazy fs.FS) *Doc {
	d := &Doc{Path: rel, File: "content/" + rel, Hash: keys.Bytes(data)}
	d.Top = diag.Pos{File: d.File, Line: 1, Col: 1}
	dir, name := path.Split(rel)
	dir = strings.TrimSuffix(dir, "/")
	first, _, _ := strings.Cut(dir, "/")
	switch t := model.Named(first); {
	case rel == "_index.md":
		d.Role = Home
	case name == "_index.md" && model.Named(dir) != nil && model.Named(dir).Name == dir:
		d.Role, d.Type = Section, model.Named(dir)
	case t == nil || t.Name != first:
		d.Role = Misplaced
		d.Diags.Errorf(d.Top, "Markdown files belong in a type folder (insights, analogies, experiences, sessions or pages), not in %q", "content/"+dir)
		return d
	case name == "_index.md":
		d.Role = Misplaced
		d.Diags.Errorf(d.Top, "only content/_index.md and content/<type>/_index.md introduce pages; this one is in a sub-folder")
		return d
	default:
		d.Role, d.Type = Entry, t
		d.Slug = strings.TrimSuffix(name, ".md")
		d.ID = t.Name + "/" + d.Slug
		d.URL = "/" + d.ID + "/"
		if !ValidSlug(d.Slug) {
			d.Diags.Errorf(d.Top, "bad slug %q: a file name is lower-case letters, digits and single hyphens, then .md", d.Slug)
		}
	}
	if len(data) > MaxMarkdown {
		d.Diags.Errorf(d.Top, "the file is %.1f MB: a content file is at most %d MB", float64(len(data))/(1<<20), MaxMarkdown>>20)
		d.Broken = true
		return d
	}

	s, problem := splitSource(d.File, data)
	if problem != nil {
		d.Diags = append(d.Diags, *problem)
		d.Broken = true
		return d
	}
	d.Top = s.top()
	root, problem := parseFrontMatter(s)
	if problem != nil {
		d.Diags = append(d.Diags, *problem)
		d.Broken = true
		return d
	}
	if d.Role == Home {
		d.Settings = decodeSettings(d, root)
		d.Title = d.Settings.Title
		d.Summary = d.Settings.Description
		unsafeHTML = d.Settings.UnsafeHTML
	} else {
		decodeFields(d, root)
	}
	lead := ""
	if problem := checkBody(s); problem != nil {
		d.Diags = append(d.Diags, *problem)
	} else {
		m := md(unsafeHTML)
		later := lazy != nil && d.Role == Entry
		d.Body, lead = parseBody(m, s, later)
		if later {
			d.Body.file = &bodyFile{fsys: lazy, file: d.File, hash: d.Hash, md: m}
		}
	}
	if d.Role == Home {
		return d
	}
	if d.Summary == "" {
		d.Summary = Shorten(lead, 300)
	}
	d.Card = keys.New(keys.Bytes(s.fm)).Str(d.Path).Str(d.Summary).Sum()
	tk := keys.New(0).Str(d.Path).Str(d.Title)
	if d.Body != nil {
		for _, h := range d.Body.Headings {
			tk = tk.Str(h.ID)
		}
	}
	d.TargetKey = tk.Sum()
	return d
}
