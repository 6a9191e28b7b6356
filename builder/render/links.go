package render

import (
	"html/template"
	"strconv"
	"strings"
)

// Connections is an entry page's links in both directions, grouped by meaning
// ("Mirrored by", "Addressed by", "Run in", "Mentioned in"...): a heading and a
// list each, where every linked entry is the theme's "link-item" piece (cached, as
// cards are). With the breadcrumbs, these make the chain insight → analogy →
// experience → session walkable by links alone. An insight's analogies are left
// out: the page shows them side by side as its options. So are the entries its
// body links to ("mentions"): they are links in the text already.
//
// It is made in Go rather than by a template because every entry page has it and
// a template's every action costs about a microsecond: the default theme's
// "link-groups" template is {{.Connections}}, and a theme may write its own from
// .Entry.Groups instead.
func (p *Page) Connections() (template.HTML, error) {
	e := p.Entry
	if e == nil {
		return "", nil
	}
	groups := e.GroupsBut("mentions")
	if e.TypeOf == "insight" {
		groups = e.GroupsBut("mirrored-by", "mentions")
	}
	if len(groups) == 0 {
		return "", nil
	}
	// The pieces first, so that the page's share is written into one string of
	// the right size.
	n := 0
	for _, g := range groups {
		n += len(g.Entries)
	}
	items := make([]template.HTML, 0, n)
	size := 128
	for _, g := range groups {
		mixed := g.Rel == "mentioned-in" || g.Rel == "linked-both-ways"
		for _, x := range g.Entries {
			h, err := p.Piece("link-item", x, "Mixed", mixed)
			if err != nil {
				return "", err
			}
			items = append(items, h)
			size += len(h) + 1
		}
		size += 100 + len(g.Rel) + len(g.Title)
	}
	var b strings.Builder
	b.Grow(size)
	b.WriteString("\n<section class=\"connections\" aria-labelledby=\"pb-connections\">\n<h2 id=\"pb-connections\">Connections</h2>\n<div class=\"link-groups\">")
	for _, g := range groups {
		rel := escapeHTML(g.Rel)
		for _, s := range [...]string{"\n<div class=\"link-group rel-", rel, "\">\n<h3>",
			escapeHTML(g.Title), " <span class=\"count\">", strconv.Itoa(len(g.Entries)), "</span></h3>\n<ul class=\"link-list\">"} {
			b.WriteString(s)
		}
		for _, h := range items[:len(g.Entries)] {
			b.WriteByte('\n')
			b.WriteString(string(h))
		}
		items = items[len(g.Entries):]
		b.WriteString("\n</ul>\n</div>")
	}
	b.WriteString("\n</div>\n</section>")
	return template.HTML(b.String()), nil
}

// RelatedList is an entry page's related entries, those that share insights,
// analogies, themes or tags with it without a link between them, grouped by what
// they share: each reason is a heading once, above the entries it is true of, in
// the order of their best-ranked entry. Made in Go for the reason Connections
// is: the default theme's "related" template is {{.RelatedList}}; a theme may
// range over .Entry.Related, whose Why is each entry's reason.
func (p *Page) RelatedList() template.HTML {
	if p.Entry == nil || len(p.Entry.Related) == 0 {
		return ""
	}
	var b strings.Builder
	b.Grow(200 * len(p.Entry.Related))
	b.WriteString("\n<section class=\"related\" aria-labelledby=\"pb-related\">\n<h2 id=\"pb-related\">Related</h2>")
	whys := p.Entry.RelatedWhys()
	done := make([]bool, len(whys))
	for i, why := range whys {
		if done[i] {
			continue
		}
		b.WriteString("\n<h3 class=\"related-why\">" + escapeHTML(why) + "</h3>\n<ul class=\"link-list\">")
		for j := i; j < len(whys); j++ {
			if done[j] || whys[j] != why {
				continue
			}
			done[j] = true
			r := p.Entry.Related[j].Entry
			b.WriteString("\n<li class=\"t-" + escapeHTML(r.TypeOf) + "\"><a href=\"" + escapeHTML(r.URL) + "\">" + escapeHTML(r.Title) + "</a></li>")
		}
		b.WriteString("\n</ul>")
	}
	b.WriteString("\n</section>")
	return template.HTML(b.String())
}

// htmlEscaper writes text as html/template writes it in text and in quoted
// attributes, so that the HTML the page writes in Go (the head's tags, the chain,
// body links, connections) reads byte for byte as a template's would.
var htmlEscaper = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

func escapeHTML(s string) string {
	if !strings.ContainsAny(s, "\x00\"&'+<>") {
		return s
	}
	return htmlEscaper.Replace(s)
}
