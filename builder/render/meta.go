package render

import (
	"html/template"
	"strings"
	"time"
)

// Meta is the metadata a page carries in its <head>: description, authors,
// canonical URL, the feeds it advertises, and the share card tags (Open Graph,
// and Twitter's, which reads the Open Graph ones), with absolute URLs. It is made
// in Go rather than by a template because every page has it: the default theme's
// "meta" template is {{.Meta}}, and a theme may write its own instead.
func (p *Page) Meta() template.HTML {
	var b strings.Builder
	b.Grow(2048)
	attr := escapeHTML
	tag := func(kind, name, key, value string) {
		b.WriteString(`<meta ` + kind + `="` + name + `" ` + key + `="`)
		b.WriteString(attr(value))
		b.WriteString("\">\n")
	}
	desc := p.Description
	if desc == "" && p.Entry != nil {
		desc = p.Entry.Summary
	}
	if desc == "" {
		desc = p.Site.Description
	}
	canonical := p.Permalink()
	if p.Target != "" {
		canonical = p.Target
	}
	title := p.Title
	if p.Kind == "home" {
		title = p.Site.Title
	}
	if desc != "" {
		tag("name", "description", "content", desc)
	}
	if p.Entry != nil && len(p.Entry.Authors) > 0 {
		tag("name", "author", "content", strings.Join(p.Entry.Authors, ", "))
	}
	if p.Kind == "404" || p.Kind == "alias" {
		b.WriteString("<meta name=\"robots\" content=\"noindex\">\n")
	}
	b.WriteString(`<link rel="canonical" href="` + attr(canonical) + "\">\n")
	for _, f := range p.Feeds() {
		b.WriteString(`<link rel="alternate" type="application/atom+xml" title="` + attr(f.Title) + ` (Atom)" href="` + attr(p.Abs(f.Atom())) + "\">\n")
		b.WriteString(`<link rel="alternate" type="application/feed+json" title="` + attr(f.Title) + ` (JSON Feed)" href="` + attr(p.Abs(f.JSON())) + "\">\n")
	}
	b.WriteString("<meta name=\"color-scheme\" content=\"light dark\">\n")
	tag("property", "og:site_name", "content", p.Site.Title)
	tag("property", "og:title", "content", title)
	if desc != "" {
		tag("property", "og:description", "content", desc)
	}
	tag("property", "og:url", "content", canonical)
	image := p.ShareImage()
	if image == "" {
		image = p.Abs("/share-card.png")
	}
	tag("property", "og:image", "content", image)
	b.WriteString("<meta property=\"og:image:width\" content=\"1200\">\n<meta property=\"og:image:height\" content=\"630\">\n")
	tag("property", "og:image:alt", "content", p.Site.Title)
	if e := p.Entry; e != nil && p.Kind == "entry" {
		b.WriteString("<meta property=\"og:type\" content=\"article\">\n")
		if !e.Date.IsZero() {
			tag("property", "article:published_time", "content", e.Date.Format(time.DateOnly))
		}
		if e.Updated.After(e.Date) {
			tag("property", "article:modified_time", "content", e.Updated.Format(time.DateOnly))
		}
		tag("property", "article:section", "content", e.Type.Title)
		for _, t := range e.Themes {
			tag("property", "article:tag", "content", t)
		}
	} else {
		b.WriteString("<meta property=\"og:type\" content=\"website\">\n")
	}
	b.WriteString("<meta name=\"twitter:card\" content=\"summary_large_image\">\n")
	return template.HTML(b.String())
}
