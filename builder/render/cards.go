package render

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"github.com/playbookhq/playbook/builder/content"
	"github.com/playbookhq/playbook/builder/site"
)

// The default theme's "card" and "link-item" pieces, written in Go: every entry
// is a card on the lists and a link on the pages that link to it, so a build of
// 10,000 entries renders each piece some 20,000 times, and as templates they
// were a tenth of its work (each of their forty actions costs about a
// microsecond). They write what the templates of TestCardsWriteWhatTheTemplatesWrote
// write, with the labels of badges.go. A theme that wants other cards or links
// overrides partials/card.html or partials/links.html.

// entryCard is an entry as a card: {{entryCard .}} in the "card" piece, whose
// arguments are E the entry, H the title's heading level (2, 3 or 4; 3 when
// missing), Compact to leave out the summary's tail and the facts, Mini to leave
// out the summary.
func entryCard(args map[string]any) (template.HTML, error) {
	e, err := entryArg("card", args)
	if err != nil {
		return "", err
	}
	compact, mini := truth(args["Compact"]), truth(args["Mini"])
	h := "3"
	switch args["H"] {
	case 2:
		h = "2"
	case 4:
		h = "4"
	}
	var b strings.Builder
	b.Grow(1536)
	b.WriteString(`<article class="card t-`)
	b.WriteString(escapeHTML(e.TypeOf))
	if compact {
		b.WriteString(` card-compact`)
	}
	b.WriteString("\">\n<p class=\"card-kicker\">")
	b.WriteString(string(typeBadge(e)))
	writeCardStatus(&b, e)
	for _, s := range [...]string{"</p>\n<h", h, ` class="card-title"><a href="`, escapeHTML(normalizeURL(e.URL)), `">`, escapeHTML(e.Title), "</a></h", h, ">\n"} {
		b.WriteString(s)
	}
	if !mini && e.Summary != "" {
		summary := e.Summary
		if compact {
			summary = content.Shorten(summary, 100)
		}
		b.WriteString(`<p class="card-summary">`)
		b.WriteString(escapeHTML(summary))
		b.WriteString(`</p>`)
	}
	b.WriteByte('\n')
	if !compact {
		writeCardFacts(&b, e)
		if e.TypeOf == "insight" {
			writeInsightProgress(&b, e.ProgressStep())
		}
	}
	b.WriteString("\n</article>\n")
	return template.HTML(b.String()), nil
}

// linkItem is a linked entry in the connections: {{linkItem .}} in the
// "link-item" piece, whose arguments are E the entry and Mixed when the group
// holds entries of several types, the links of bodies: the item is then the title
// alone, as the link in the text is, and the stylesheet's alternative text for
// the item's icon tells a screen reader the type (_icons.scss). A group
// of one type shows each entry's status too, and a session's date.
func linkItem(args map[string]any) (template.HTML, error) {
	e, err := entryArg("link-item", args)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.Grow(320)
	b.WriteString(`<li class="t-`)
	b.WriteString(escapeHTML(e.TypeOf))
	b.WriteString(`">`)
	for _, s := range [...]string{`<a href="`, escapeHTML(normalizeURL(e.URL)), `">`, escapeHTML(e.Title), `</a>`} {
		b.WriteString(s)
	}
	if truth(args["Mixed"]) {
		b.WriteString(`</li>`)
		return template.HTML(b.String()), nil
	}
	writeCardStatus(&b, e)
	if e.TypeOf == "session" {
		b.WriteByte(' ')
		b.WriteString(string(datetime(e.Date)))
	}
	b.WriteString(`</li>`)
	return template.HTML(b.String()), nil
}

// entryArg is the entry a piece shows, its argument E.
func entryArg(piece string, args map[string]any) (*site.Entry, error) {
	if e, ok := args["E"].(*site.Entry); ok && e != nil {
		return e, nil
	}
	return nil, fmt.Errorf("%s: E is %T, not an entry", piece, args["E"])
}

// truth is a template's if: whether v is set and not its type's zero.
func truth(v any) bool {
	t, _ := template.IsTrue(v)
	return t
}

// writeCardStatus writes the one status an entry's type has ("card-status"),
// after a space: an analogy's, or whether a session has run.
func writeCardStatus(b *strings.Builder, e *site.Entry) {
	switch e.TypeOf {
	case "analogy":
		b.WriteByte(' ')
		b.WriteString(string(analogyBadge(e.Status)))
	case "session":
		b.WriteByte(' ')
		b.WriteString(string(sessionState(e)))
	}
}

// writeInsightProgress writes how far an insight has got along the chain
// ("insight-progress"): the steps reached are filled in.
func writeInsightProgress(b *strings.Builder, n int) {
	b.WriteString(`<ol class="chain-progress" aria-label="Progress">`)
	for i, step := range [...]string{"Mirrored", "Designed", "Run", "Acted on"} {
		if n > i {
			b.WriteString(`<li class="reached"><span class="visually-hidden">Done: </span>`)
		} else {
			b.WriteString(`<li><span class="visually-hidden">Not yet: </span>`)
		}
		b.WriteString(step)
		b.WriteString(`</li>`)
	}
	b.WriteString(`</ol>`)
}

// writeCardFacts writes the facts that tell entries of a type apart ("card-facts"):
// one line each, empty when the entry has no such fact, as the template wrote
// them; the insight's lines are not indented, the others' by two spaces.
func writeCardFacts(b *strings.Builder, e *site.Entry) {
	b.WriteString("\n<ul class=\"card-facts\">")
	line := "\n  "
	if e.TypeOf == "insight" {
		line = "\n"
	}
	w := func(parts ...string) {
		for _, p := range parts {
			b.WriteString(p)
		}
	}
	switch e.TypeOf {
	case "insight":
		w(line)
		if len(e.Kind) > 0 {
			w(`<li class="card-kinds">`, string(kindBadges(e.Kind)), `</li>`)
		}
		w(line)
		if e.Customer != "" {
			w(`<li><span class="icon icon-people"></span><span><span class="visually-hidden">Customer: </span>`, escapeHTML(content.Shorten(e.Customer, 90)), `</span></li>`)
		}
		w(line)
		if e.Confidence != "" {
			w(`<li><span class="fact-label">Confidence</span> `, string(confidenceScale(e.Confidence)), `</li>`)
		}
	case "analogy":
		w(line)
		if e.Domain != "" {
			w(`<li><span class="icon icon-analogy"></span><span><span class="visually-hidden">Domain: </span>`, escapeHTML(e.Domain), `</span></li>`)
		}
		w(line)
		if e.Resonance != 0 {
			v := strconv.Itoa(e.Resonance)
			w(`<li><span class="fact-label">Resonance</span> <span class="scale on-`, v, ` of-5">`, v, ` of 5</span></li>`)
		}
	case "experience":
		w(line)
		if len(e.Format) > 0 {
			w(`<li><span class="icon icon-experience"></span><span><span class="visually-hidden">Format: </span>`)
			for i, f := range e.Format {
				if i > 0 {
					w(", ")
				}
				w(escapeHTML(enumWords(f)))
			}
			w(`</span></li>`)
		}
		w(line)
		if e.Duration != 0 {
			w(`<li><span class="icon icon-clock"></span><span>`, string(durationTime(e.Duration)))
			if e.Debrief != 0 {
				w(" + ", string(durationTime(e.Debrief)), " debrief")
			}
			w(`</span></li>`)
		}
		w(line)
		if !e.Group.IsZero() {
			w(`<li><span class="icon icon-people"></span><span>`, escapeHTML(e.Group.String()), ` people</span></li>`)
		}
	case "session":
		w(line)
		if e.Experience != nil {
			w(`<li><span class="icon icon-experience"></span><span><span class="visually-hidden">Experience: </span>`, escapeHTML(e.Experience.Title), `</span></li>`)
		}
		w(line)
		if !e.Date.IsZero() {
			w(`<li><span class="icon icon-calendar"></span><span>`, string(datetime(e.Date)), `</span></li>`)
		}
		w(line)
		if e.Location != "" {
			w(`<li><span class="icon icon-pin"></span><span><span class="visually-hidden">Location: </span>`, escapeHTML(e.Location), `</span></li>`)
		}
		w(line)
		if e.Participants != 0 {
			w(`<li><span class="icon icon-people"></span><span>`, plural(e.Participants, "participant", "participants"), `</span></li>`)
		}
	default:
		w(line)
		if m := e.Modified(); !m.IsZero() {
			w(`<li><span class="icon icon-calendar"></span><span>Updated `, string(datetime(m)), `</span></li>`)
		}
	}
	w("\n</ul>\n")
}
