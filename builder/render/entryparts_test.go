package render

import (
	"html/template"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/playbookhq/playbook/builder/site"
	"github.com/playbookhq/playbook/builder/theme"
	"github.com/playbookhq/playbook/themes"
)

// entryPartTemplates are the default theme's "byline", "toc" and "share" partials
// as the templates that byline, toc and shareBlock replaced.
const entryPartTemplates = `
{{define "byline"}}
{{- $authors := .Authors}}{{$updated := .Updated -}}
{{- if or $authors (not .Date.IsZero)}}
<p class="byline">
  {{- with $authors}}<span>By {{range $i, $a := .}}{{if $i}}{{if eq (add $i 1) (len $authors)}} and {{else}}, {{end}}{{end}}{{$a}}{{end}}</span>{{end}}
  {{- if and (not .Date.IsZero) (ne .TypeOf "session")}}<span>Added {{datetime .Date}}</span>{{end}}
  {{- if and (not $updated.IsZero) ($updated.After .Date)}}<span>Updated {{datetime $updated}}</span>{{end}}
</p>
{{- end}}
{{end}}

{{define "toc"}}
{{- with .Outline}}{{if gt (len .) 1}}
<nav class="toc" aria-label="On this page">
  <h2>On this page</h2>
  <ol>
    {{- range .}}
    <li><a href="#{{.ID}}">{{.Text}}</a></li>
    {{- end}}
  </ol>
</nav>
{{- end}}{{end}}
{{end}}

{{define "share"}}
{{- $e := .Entry -}}
<div class="share" aria-label="Share this {{$e.TypeOf}}" role="group">
  <p class="share-row share-cite">
    <span class="share-label">Cite</span>
    <span class="citation" id="pb-cite">“{{$e.Title}}” — {{$e.Type.One}}, {{.Site.Title}}
      {{- $updated := $e.Updated}}{{if and (not $updated.IsZero) ($updated.After $e.Date)}}, updated {{date $updated}}
      {{- else if not $e.Date.IsZero}}, {{date $e.Date}}{{end}}. <span class="citation-url">{{$e.Permalink}}</span></span>
  </p>
</div>
{{end}}
`

func TestEntryPartsWriteWhatTheTemplatesWrote(t *testing.T) {
	tmpl := template.Must(template.New("parts").Funcs(funcs).Parse(entryPartTemplates))
	trimTemplates(tmpl)
	// The theme's partials call the functions.
	for name, call := range map[string]string{"entry-parts.html": "{{byline .}}", "share.html": "{{shareBlock .}}"} {
		src, err := fs.ReadFile(themes.FS(), "default/layouts/partials/"+name)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(src), call) {
			t.Errorf("partials/%s does not call %s", name, call)
		}
	}
	check := sameAs(t, tmpl)
	sites := []*site.Site{{Title: "Test playbook"}, {Title: `A "site" & <co>`}}
	date := time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)
	entries := comparedEntries(t)
	for _, e := range entries[:len(entries):len(entries)] {
		// Authors and dates in every order, and text that needs escaping.
		for i, authors := range [][]string{nil, {"Ann"}, {"Ann", `B "Bo" & co`}, {"Ann", "Bo", "<Cy>"}} {
			x := *e
			f := *e.Fields
			x.Fields = &f
			f.Authors = authors
			x.Permalink = `https://example.org/x/"a" & b/`
			switch i {
			case 1:
				f.Updated = date
			case 2:
				f.Updated, x.Date = date, date.AddDate(0, 0, 1)
			case 3:
				f.Updated, x.Date = date, date
			}
			entries = append(entries, &x)
		}
	}
	for _, e := range entries {
		check("byline", e, byline(e))
		if e.Doc() != nil {
			check("toc", e, toc(e))
		}
		for _, s := range sites {
			p := &Page{Site: s, Entry: e}
			check("share", p, shareBlock(p))
		}
	}
}

// TestEscapeURLPart compares escapeURLPart with html/template's escaping of a
// URL's fragment.
func TestEscapeURLPart(t *testing.T) {
	tmpl := template.Must(template.New("a").Parse(`<a href="#{{.}}">`))
	for _, s := range []string{"", "open-questions", "a_b.c~d", "ü and 50%", `"x"&<y>'+/?#=`, "\x00\xff"} {
		var want strings.Builder
		if err := tmpl.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		if got := `<a href="#` + escapeURLPart(s) + `">`; got != want.String() {
			t.Errorf("escapeURLPart(%q): %s, html/template: %s", s, got, want.String())
		}
	}
}

// TestDirectPieces: a piece that is nothing but a call of a piece written in Go
// is called without its template, in every layout of the default theme; one that
// writes anything else is executed.
func TestDirectPieces(t *testing.T) {
	th, err := theme.Load(fstest.MapFS{}, themes.FS(), "default")
	if err != nil {
		t.Fatal(err)
	}
	ts, diags := LoadTemplates(th)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	for name, set := range ts.sets {
		for _, piece := range []string{"card", "link-item"} {
			if ts.direct[set][piece] == nil {
				t.Errorf("%s: the %s piece is executed as a template", name, piece)
			}
		}
	}
	for src, want := range map[string]bool{
		`{{define "card"}}{{entryCard .}}{{end}}`:            true,
		`{{define "card"}}<div>{{entryCard .}}</div>{{end}}`: false,
		`{{define "card"}}{{entryCard .E}}{{end}}`:           false,
		`{{define "card"}}{{linkItem .}}{{end}}`:             true, // what it calls is what it writes
		`{{define "card"}}{{shorten . 3}}{{end}}`:            false,
		`{{define "card"}}{{$x := entryCard .}}{{end}}`:      false,
	} {
		set := template.Must(template.New("t").Funcs(funcs).Parse(src))
		if got := directOf(set)["card"] != nil; got != want {
			t.Errorf("%s: direct %v, want %v", src, got, want)
		}
	}
}
