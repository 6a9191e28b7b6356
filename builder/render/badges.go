package render

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/playbookhq/playbook/builder/content"
	"github.com/playbookhq/playbook/builder/site"
)

// The small labels of the default theme's badges.html, written in Go: a page
// shows dozens of them, and each costs a template several escaped values. They
// write what the templates of TestBadgesWriteWhatTheTemplatesWrote write. Their
// icons are drawn by the theme's CSS (_icons.scss), before the label's text.

// typeBadge is an entry's type (the theme's CSS draws its icon).
func typeBadge(e *site.Entry) template.HTML {
	t := escapeHTML(e.TypeOf)
	return template.HTML(`<span class="badge badge-type t-` + t + `">` + escapeHTML(e.Type.One) + `</span>`)
}

// analogyBadge is an analogy's status: chosen, candidate or set aside.
func analogyBadge(s string) template.HTML {
	words := "Candidate"
	switch s {
	case "chosen":
		words = "Chosen"
	case "set-aside":
		words = "Set aside"
	}
	return template.HTML(`<span class="badge status-` + escapeHTML(s) + `">` + words + `</span>`)
}

// sessionState says whether a session has run.
func sessionState(e *site.Entry) template.HTML {
	if e.HasRun() {
		return `<span class="badge state-run">Ran</span>`
	}
	return `<span class="badge state-upcoming">Upcoming</span>`
}

// kindBadges are an insight's kinds, each followed by a space.
func kindBadges(kinds []string) template.HTML {
	var b strings.Builder
	for _, k := range kinds {
		b.WriteString(`<span class="badge kind kind-`)
		b.WriteString(escapeHTML(k))
		b.WriteString(`">`)
		b.WriteString(escapeHTML(upperFirst(k)))
		b.WriteString(`</span> `)
	}
	return template.HTML(b.String())
}

// actionStatus is an action's status: open, doing or done.
func actionStatus(s string) template.HTML {
	words := "Open"
	switch s {
	case "done":
		words = "Done"
	case "doing":
		words = "In progress"
	}
	return template.HTML(`<span class="action-status status-` + escapeHTML(s) + `"><span>` + words + `</span></span>`)
}

// confidenceScale is an insight's confidence, low, medium or high, in words: the
// stylesheet draws its dots from on-N (how many are filled) and of-3.
func confidenceScale(s string) template.HTML {
	n := 1
	switch s {
	case "high":
		n = 3
	case "medium":
		n = 2
	}
	return template.HTML(`<span class="scale confidence-` + escapeHTML(s) + ` on-` + strconv.Itoa(n) + ` of-3">` + escapeHTML(upperFirst(s)) + `</span>`)
}

// durationTime is a duration in words, with its ISO form for machines.
func durationTime(d content.Duration) template.HTML {
	return template.HTML(`<time datetime="` + escapeHTML(d.ISO()) + `">` + escapeHTML(d.String()) + `</time>`)
}

// termChips are an entry's themes and tags as links to their pages.
func termChips(e *site.Entry) template.HTML {
	if len(e.Themes) == 0 && len(e.Tags) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("\n<div class=\"terms\">\n")
	row := func(names []string, kind, label, icon string) {
		if len(names) > 0 {
			b.WriteString(`<p class="terms-row"><span class="terms-label"><span class="icon icon-` + icon + `"></span>` + label + `</span> `)
			for _, n := range names {
				b.WriteString(`<a class="chip chip-` + icon + `" href="/` + kind + `/`)
				b.WriteString(escapeHTML(normalizeURL(site.TermSlug(n))))
				b.WriteString(`/">`)
				b.WriteString(escapeHTML(n))
				b.WriteString(`</a> `)
			}
			b.WriteString(`</p>`)
		}
		b.WriteString("\n")
	}
	row(e.Themes, "themes", "Themes", "theme")
	row(e.Tags, "tags", "Tags", "tag")
	b.WriteString("</div>\n")
	return template.HTML(b.String())
}

// normalizeURL percent-encodes what html/template's URL normaliser encodes: every
// byte but letters, digits, the characters URLs allow as they are, and the
// percent signs of valid escapes.
func normalizeURL(s string) string {
	isHex := func(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }
	return percentEncode(s, func(i int) bool {
		if s[i] == '%' {
			return i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2])
		}
		return unreserved(s[i]) || strings.IndexByte("!#$&*+,/:;=?@[]", s[i]) >= 0
	})
}

// escapeURLPart percent-encodes, as html/template does a value in the query or
// fragment of a URL, every byte but letters, digits and "-._~".
func escapeURLPart(s string) string {
	return percentEncode(s, func(i int) bool { return unreserved(s[i]) })
}

// unreserved reports a letter, a digit or one of "-._~".
func unreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~", c) >= 0
}

// percentEncode writes each byte of s that keep does not keep (by its index) as
// %xx, in lower-case hex as html/template does.
func percentEncode(s string, keep func(i int) bool) string {
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		if keep(i) {
			continue
		}
		const hex = "0123456789abcdef"
		b.WriteString(s[written:i])
		b.WriteByte('%')
		b.WriteByte(hex[s[i]>>4])
		b.WriteByte(hex[s[i]&15])
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

// ActionList writes actions as a checklist: status, what, who, by when, how long
// overdue, and with showSession each action's session. It is the default theme's
// "action-list" piece ({{.P.ActionList .Items .ShowSession}}), made in Go because
// the actions pages show fifty a page and every session and chain shows some; a
// theme that overrides the piece writes its own.
func (p *Page) ActionList(items []*site.ActionItem, showSession bool) (template.HTML, error) {
	var b strings.Builder
	b.Grow(64 + 600*len(items))
	b.WriteString("\n<ul class=\"checklist\">")
	for _, a := range items {
		status := escapeHTML(a.Status)
		b.WriteString("\n<li class=\"action status-" + status)
		if a.Overdue {
			b.WriteString(" is-overdue")
		}
		b.WriteString("\">\n")
		b.WriteString(string(actionStatus(a.Status)))
		b.WriteString("\n<div class=\"action-body\">\n<p class=\"action-text\">" + escapeHTML(a.Action.Action) + "</p>\n<p class=\"action-meta\">")
		if a.Owner != "" {
			b.WriteString("<span class=\"action-owner\">" + escapeHTML(a.Owner) + "</span>")
		}
		if !a.Due.IsZero() {
			b.WriteString("<span class=\"action-due\"><span>Due " + string(datetime(a.Due)) + "</span></span>")
		}
		if a.Overdue {
			days, err := p.OverdueBy(a)
			if err != nil {
				return "", err
			}
			b.WriteString("<strong class=\"overdue-flag\"><span class=\"icon icon-alert\"></span>Overdue by " + plural(days, "day", "days") + "</strong>")
		}
		if showSession {
			b.WriteString("<span class=\"action-session\"><a href=\"" + escapeHTML(normalizeURL(a.Session.URL)) + "\">" + escapeHTML(a.Session.Title) + "</a></span>")
		}
		b.WriteString("\n</p>\n</div>\n</li>")
	}
	b.WriteString("\n</ul>\n")
	return template.HTML(b.String()), nil
}
