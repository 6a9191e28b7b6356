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

func TestRelatedListGroupsEntriesByWhatTheyShare(t *testing.T) {
	entry := func(typ, slug, title string, themes ...string) *site.Entry {
		ty := model.Named(typ)
		return &site.Entry{Type: ty, TypeOf: ty.Singular, Slug: slug, URL: "/" + typ + "/" + slug + "/", Title: title, Fields: &content.Fields{Themes: themes}}
	}
	tricky := `Fees <b>"late"</b> & 'unfair' + more`
	e := entry("insights", "here", "Here", "hidden rules", tricky)
	if got := string((&Page{Entry: e}).RelatedList()); got != "" {
		t.Errorf("no related entries wrote %q", got)
	}
	// Ranked best first: the second reason's group comes after the first's, and
	// the third entry joins the first's group.
	e.Related = []site.Related{
		{Entry: entry("insights", "late-fees", "Late fees", "hidden rules"), Of: e},
		{Entry: entry("sessions", "s-2", "Queue <script>alert(1)</script>", tricky), Of: e},
		{Entry: entry("analogies", "a-1", tricky, "hidden rules"), Of: e},
	}
	want := `
<section class="related" aria-labelledby="pb-related">
<h2 id="pb-related">Related</h2>
<h3 class="related-why">The theme hidden rules</h3>
<ul class="link-list">
<li class="t-insight"><a href="/insights/late-fees/">Late fees</a></li>
<li class="t-analogy"><a href="/analogies/a-1/">Fees &lt;b&gt;&#34;late&#34;&lt;/b&gt; &amp; &#39;unfair&#39; &#43; more</a></li>
</ul>
<h3 class="related-why">The theme Fees &lt;b&gt;&#34;late&#34;&lt;/b&gt; &amp; &#39;unfair&#39; &#43; more</h3>
<ul class="link-list">
<li class="t-session"><a href="/sessions/s-2/">Queue &lt;script&gt;alert(1)&lt;/script&gt;</a></li>
</ul>
</section>`
	if got := string((&Page{Entry: e}).RelatedList()); got != want {
		t.Errorf("got %s\nwant %s", got, want)
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
