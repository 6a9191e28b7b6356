package render

import (
	"context"
	"html/template"
	"io/fs"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/playbookhq/playbook/builder/content"
	"github.com/playbookhq/playbook/builder/model"
	"github.com/playbookhq/playbook/builder/site"
	"github.com/playbookhq/playbook/internal/sitegen"
	"github.com/playbookhq/playbook/themes"
)

// cardTemplates are the default theme's "card" and "link-item" pieces as the
// templates that entryCard and linkItem replaced. With the partials they call, as
// the theme's card.html and badges.html define them, Go must write what they
// write, white space and escaping included.
const cardTemplates = `
{{define "card"}}
{{- $e := .E -}}
<article class="card t-{{$e.TypeOf}}{{if .Compact}} card-compact{{end}}">
  <p class="card-kicker">{{template "type-badge" $e}}{{template "card-status" $e}}</p>
  {{if eq .H 2}}<h2 class="card-title">{{else if eq .H 4}}<h4 class="card-title">{{else}}<h3 class="card-title">{{end -}}
  <a href="{{$e.URL}}">{{$e.Title}}</a>
  {{- if eq .H 2}}</h2>{{else if eq .H 4}}</h4>{{else}}</h3>{{end}}
  {{if not .Mini}}{{with $e.Summary}}<p class="card-summary">{{if $.Compact}}{{shorten . 100}}{{else}}{{.}}{{end}}</p>{{end}}{{end}}
  {{if not .Compact}}{{template "card-facts" $e}}{{if eq $e.TypeOf "insight"}}{{template "insight-progress" $e}}{{end}}{{end}}
</article>
{{end}}

{{define "link-item"}}
{{- $e := .E -}}
<li class="t-{{$e.TypeOf}}"><a href="{{$e.URL}}">{{$e.Title}}</a>{{if not .Mixed}}{{template "card-status" $e}}{{if eq $e.TypeOf "session"}} {{datetime $e.Date}}{{end}}{{end}}</li>
{{- end}}
`

func TestCardsWriteWhatTheTemplatesWrote(t *testing.T) {
	tmpl := template.New("cards").Funcs(funcs)
	for _, name := range []string{"badges.html", "card.html"} {
		src, err := fs.ReadFile(themes.FS(), "default/layouts/partials/"+name)
		if err != nil {
			t.Fatal(err)
		}
		template.Must(tmpl.Parse(string(src)))
	}
	// After card.html, whose "card" the old one replaces; trimmed as the theme's
	// templates are.
	template.Must(tmpl.Parse(cardTemplates))
	trimTemplates(tmpl)
	check := func(name string, args map[string]any, got template.HTML, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		var want strings.Builder
		if err := tmpl.ExecuteTemplate(&want, name, args); err != nil {
			t.Fatal(err)
		}
		if string(got) != want.String() {
			t.Fatalf("%s of %s %v:\n got %q\nwant %q", name, args["E"].(*site.Entry).ID, args, got, want.String())
		}
	}
	entries := comparedEntries(t)
	types := map[string]int{}
	for _, e := range entries {
		types[e.TypeOf]++
		for _, args := range []map[string]any{
			{"E": e, "H": 3}, {"E": e, "H": 2}, {"E": e, "H": 4}, {"E": e},
			{"E": e, "H": 3, "Compact": true}, {"E": e, "H": 3, "Mini": true}, {"E": e, "H": 2, "Compact": true, "Mini": true},
		} {
			got, err := entryCard(args)
			check("card", args, got, err)
		}
		for _, args := range []map[string]any{{"E": e, "Mixed": true}, {"E": e, "Mixed": false}, {"E": e}} {
			got, err := linkItem(args)
			check("link-item", args, got, err)
		}
	}
	for _, ty := range []string{"insight", "analogy", "experience", "session", "page"} {
		if types[ty] < 3 {
			t.Errorf("only %d entries of type %s were compared", types[ty], ty)
		}
	}
}

// comparedEntries are the entries whose pieces written in Go are compared with
// the templates they replaced: those of the test site on two days, of a generated
// one, each again with nothing but its type and with text that needs escaping,
// and one of an odd type.
func comparedEntries(t *testing.T) []*site.Entry {
	t.Helper()
	var entries []*site.Entry
	for _, today := range []time.Time{time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC), time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)} {
		entries = append(entries, sitetestSite(t, today).Entries...)
	}
	dir := t.TempDir()
	if err := sitegen.Write(dir, sitegen.Options{Entries: 150, Seed: 3, Words: 20}); err != nil {
		t.Fatal(err)
	}
	set, err := content.NewLoader().Load(context.Background(), os.DirFS(dir), nil)
	if err != nil {
		t.Fatal(err)
	}
	generated, _ := site.NewLinker().Link(set, site.Options{Today: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)})
	entries = append(entries, generated.Entries...)
	// Each entry again with nothing but its type, and with text that needs escaping.
	for _, e := range entries[:len(entries):len(entries)] {
		bare := *e
		bare.Fields = &content.Fields{}
		bare.Title, bare.Summary, bare.Date, bare.Experience = "", "", time.Time{}, nil
		odd := *e
		f := *e.Fields
		odd.Fields = &f
		odd.Title, odd.Summary, odd.URL = `A "title" & <more>`, strings.Repeat("a summary & more ", 9), "/x/ü 50%/"
		f.Kind, f.Customer, f.Domain, f.Location = []string{"x&y", "<b>"}, strings.Repeat("people & co ", 9), `a "domain"`, "room <1>"
		f.Status, f.Format, f.Resonance, f.Participants = `o"dd`, []string{"act-out", "x<y"}, 7, 1
		entries = append(entries, &bare, &odd)
	}
	odd := &site.Entry{Type: &model.Type{One: `Odd "type" & <more>`}, TypeOf: `o"d&d`, Fields: &content.Fields{}, URL: "/odd/"}
	entries = append(entries, odd)
	return entries
}
