package render

import (
	"html/template"
	"strings"

	"github.com/playbookhq/playbook/builder/site"
)

// The default theme's byline, contents and share block of an entry page, written
// in Go for the reason cards are (cards.go): every entry page shows all three,
// and as templates they were a twentieth of a build's work, most of it in
// reflective calls to read fields and call functions. They write what the
// templates of TestEntryPartsWriteWhatTheTemplatesWrote write. A theme that
// wants others overrides partials/entry-parts.html or partials/share.html.

// byline is an entry's authors and dates: {{byline .}} in the "byline" partial,
// whose argument is the entry.
func byline(e *site.Entry) template.HTML {
	authors, updated := e.Authors, e.Updated
	if len(authors) == 0 && e.Date.IsZero() {
		return "\n"
	}
	var b strings.Builder
	b.Grow(160)
	b.WriteString("\n<p class=\"byline\">")
	if len(authors) > 0 {
		b.WriteString("<span>By ")
		for i, a := range authors {
			switch {
			case i == 0:
			case i+1 == len(authors):
				b.WriteString(" and ")
			default:
				b.WriteString(", ")
			}
			b.WriteString(escapeHTML(a))
		}
		b.WriteString("</span>")
	}
	if !e.Date.IsZero() && e.TypeOf != "session" {
		b.WriteString("<span>Added " + string(datetime(e.Date)) + "</span>")
	}
	if !updated.IsZero() && updated.After(e.Date) {
		b.WriteString("<span>Updated " + string(datetime(updated)) + "</span>")
	}
	b.WriteString("\n</p>\n")
	return template.HTML(b.String())
}

// toc is the body's top-level headings, when there are a few: {{toc .}} in the
// "toc" partial, whose argument is the entry.
func toc(e *site.Entry) template.HTML {
	hs := e.Outline()
	if len(hs) <= 1 {
		return "\n"
	}
	var b strings.Builder
	b.Grow(96 + 64*len(hs))
	b.WriteString("\n<nav class=\"toc\" aria-label=\"On this page\">\n<h2>On this page</h2>\n<ol>")
	for _, h := range hs {
		b.WriteString("\n<li><a href=\"#" + escapeURLPart(h.ID) + "\">" + escapeHTML(h.Text) + "</a></li>")
	}
	b.WriteString("\n</ol>\n</nav>\n")
	return template.HTML(b.String())
}

// shareBlock is a citation to paste into documents, ending with the entry's
// address: {{shareBlock .}} in the "share" partial, whose argument is the page.
// js/share.js adds the buttons that copy the link and the citation.
func shareBlock(p *Page) template.HTML {
	e := p.Entry
	if e == nil {
		return ""
	}
	link := escapeHTML(e.Permalink)
	var b strings.Builder
	b.Grow(640)
	for _, s := range [...]string{"<div class=\"share\" aria-label=\"Share this ", escapeHTML(e.TypeOf), "\" role=\"group\">\n<p class=\"share-row share-cite\">\n<span class=\"share-label\">Cite</span>\n<span class=\"citation\" id=\"pb-cite\">“", escapeHTML(e.Title), "” — ", escapeHTML(e.Type.One), ", ", escapeHTML(p.Site.Title)} {
		b.WriteString(s)
	}
	if updated := e.Updated; !updated.IsZero() && updated.After(e.Date) {
		b.WriteString(", updated " + updated.Format("2 January 2006"))
	} else if !e.Date.IsZero() {
		b.WriteString(", " + e.Date.Format("2 January 2006"))
	}
	b.WriteString(". <span class=\"citation-url\">" + link + "</span></span>\n</p>\n</div>\n")
	return template.HTML(b.String())
}
