package render

import (
	"html/template"
	"strings"
	"sync"
	"testing"

	"github.com/playbookhq/playbook/builder/content"
	"github.com/playbookhq/playbook/builder/model"
	"github.com/playbookhq/playbook/builder/site"
)

// relatedTemplate is the template RelatedList replaced, as the theme's parser trims
// it. Go must write what it wrote, escaping included.
const relatedTemplate = `{{- with .Related}}
<section class="related" aria-labelledby="pb-related">
<h2 id="pb-related">Related</h2>
<ul class="link-list related-list">
{{- range .}}
<li class="t-{{.Entry.TypeOf}}"><span><span class="visually-hidden">{{.Entry.Type.One}}: </span><a href="{{.Entry.URL}}">{{.Entry.Title}}</a> <span class="related-why">{{.Why}}</span></span></li>
{{- end}}
</ul>
</section>
{{- end}}`

func TestRelatedListWritesWhatTheTemplateWrote(t *testing.T) {
	tmpl := template.Must(template.New("related").Parse(relatedTemplate))
	entry := func(typ, slug, title string) *site.Entry {
		ty := model.Named(typ)
		return &site.Entry{Type: ty, TypeOf: ty.Singular, Slug: slug, URL: "/" + typ + "/" + slug + "/", Title: title, Fields: &content.Fields{}}
	}
	tricky := `Fees <b>"late"</b> & 'unfair' + more`
	// Why is made from what the two entries share: here a theme and a tag whose
	// names need escaping, and nothing at all.
	with := func(x *site.Entry, themes, tags []string) *site.Entry {
		x.Fields = &content.Fields{Themes: themes, Tags: tags}
		return x
	}
	e := with(entry("insights", "here", "Here"), []string{"hidden rules", tricky}, []string{"a&b"})
	for _, related := range [][]site.Related{
		nil,
		{{Entry: with(entry("insights", "late-fees", "Late fees"), []string{"hidden rules"}, nil), Of: e}},
		{
			{Entry: with(entry("analogies", "a-1", tricky), []string{tricky}, nil), Of: e},
			{Entry: with(entry("sessions", "s-2", "Queue <script>alert(1)</script>"), nil, []string{"a&b"}), Of: e},
			{Entry: entry("pages", "p", "Nul\x00byte"), Of: e},
		},
	} {
		e.Related = related
		var want strings.Builder
		if err := tmpl.Execute(&want, e); err != nil {
			t.Fatal(err)
		}
		if len(related) == 3 && !strings.Contains(want.String(), "The theme Fees &lt;b&gt;") || len(related) == 1 && !strings.Contains(want.String(), "The theme hidden rules") {
			t.Fatalf("the related entries' why is not what they share:\n%s", want.String())
		}
		if got := string((&Page{Entry: e}).RelatedList()); got != want.String() {
			t.Errorf("%d related:\n got %s\nwant %s", len(related), got, want.String())
		}
	}
}

// connectionsTemplate is the template Connections replaced, as the theme's parser
// trims it, beside a small "link-item".
const connectionsTemplate = `{{define "old"}}
{{- $p := . -}}
{{- $groups := .Entry.GroupsBut "mentions" -}}
{{- if eq .Entry.TypeOf "insight"}}{{$groups = .Entry.GroupsBut "mirrored-by" "mentions"}}{{end -}}
{{- with $groups}}
<section class="connections" aria-labelledby="pb-connections">
<h2 id="pb-connections">Connections</h2>
<div class="link-groups">
{{- range .}}
<div class="link-group rel-{{.Rel}}">
<h3>{{.Title}} <span class="count">{{len .Entries}}</span></h3>
<ul class="link-list">
{{- $mixed := or (eq .Rel "mentioned-in") (eq .Rel "linked-both-ways") -}}
{{- range .Entries}}
{{$p.Piece "link-item" . "Mixed" $mixed}}
{{- end}}
</ul>
</div>
{{- end}}
</div>
</section>
{{- end}}{{end}}
{{define "link-item"}}<li>{{if .Mixed}}{{.E.Type.One}}: {{end}}<a href="{{.E.URL}}">{{.E.Title}}</a></li>{{end}}`

func TestConnectionsWriteWhatTheTemplateWrote(t *testing.T) {
	set := template.Must(template.New("x").Parse(connectionsTemplate))
	entry := func(typ, slug, title string) *site.Entry {
		ty := model.Named(typ)
		return &site.Entry{Type: ty, TypeOf: ty.Singular, Slug: slug, ID: typ + "/" + slug, URL: "/" + typ + "/" + slug + "/", Title: title, Fields: &content.Fields{}}
	}
	a, b, c := entry("analogies", "a", "A & <b>"), entry("pages", "b", `B "quoted"`), entry("sessions", "c", "C")
	x, d := entry("experiences", "x", "X"), entry("experiences", "d", "D")
	lonely := entry("pages", "lonely", "Lonely")
	insight := entry("insights", "i", "I")
	insight.MirroredBy, insight.AddressedBy = []*site.Entry{a}, []*site.Entry{x}
	insight.Mentions, insight.MentionedIn = []*site.Entry{a, b, d}, []*site.Entry{b, c}
	analogy := entry("analogies", "m", "M")
	analogy.Insights, analogy.BuiltInto, analogy.MentionedIn = []*site.Entry{insight}, []*site.Entry{x}, []*site.Entry{c}
	for _, e := range []*site.Entry{insight, analogy, lonely} {
		p := &Page{Entry: e, set: set, fragments: new(sync.Map)}
		var want strings.Builder
		if err := set.ExecuteTemplate(&want, "old", p); err != nil {
			t.Fatal(err)
		}
		got, err := p.Connections()
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want.String() {
			t.Errorf("%s:\n got %s\nwant %s", e.ID, got, want.String())
		}
		if e == insight && (!strings.Contains(string(got), "Linked both ways") || strings.Contains(string(got), "Mirrored by") || strings.Contains(string(got), d.URL)) {
			t.Errorf("%s: the groups are not an insight's:\n%s", e.ID, got)
		}
	}
}
