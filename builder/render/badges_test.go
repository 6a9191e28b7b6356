package render

import (
	"context"
	"html/template"
	"strings"
	"testing"
	"time"

	"github.com/playbookhq/playbook/builder/content"
	"github.com/playbookhq/playbook/builder/internal/sitetest"
	"github.com/playbookhq/playbook/builder/model"
	"github.com/playbookhq/playbook/builder/site"
)

// badgesTemplate is the labels of badges.go as the templates they replaced, and
// normalizeURL's work as a template does it. Go must write what they write,
// escaping included.
const badgesTemplate = `
{{define "type-badge"}}<span class="badge badge-type t-{{.TypeOf}}">{{.Type.One}}</span>{{end}}
{{define "analogy-status"}}<span class="badge status-{{.}}">{{if eq . "chosen"}}Chosen{{else if eq . "set-aside"}}Set aside{{else}}Candidate{{end}}</span>{{end}}
{{define "session-state"}}{{if .HasRun}}<span class="badge state-run">Ran</span>{{else}}<span class="badge state-upcoming">Upcoming</span>{{end}}{{end}}
{{define "kinds"}}{{range .}}<span class="badge kind kind-{{.}}">{{title .}}</span> {{end}}{{end}}
{{define "action-status"}}<span class="action-status status-{{.}}"><span>{{if eq . "done"}}Done{{else if eq . "doing"}}In progress{{else}}Open{{end}}</span></span>{{end}}
{{define "confidence"}}<span class="scale confidence-{{.}}"><span class="scale-dots" aria-hidden="true">{{if eq . "high"}}{{dots 3 3}}{{else if eq . "medium"}}{{dots 2 3}}{{else}}{{dots 1 3}}{{end}}</span> <span class="scale-text">{{title .}}</span></span>{{end}}
{{define "duration"}}<time datetime="{{.ISO}}">{{.String}}</time>{{end}}
{{define "terms"}}{{if or .E.Themes .E.Tags}}
<div class="terms">
  {{with .E.Themes}}<p class="terms-row"><span class="terms-label"><span class="icon icon-theme"></span>Themes</span> {{range .}}<a class="chip chip-theme" href="{{printf "/themes/%s/" (urlize .)}}">{{.}}</a> {{end}}</p>{{end}}
  {{with .E.Tags}}<p class="terms-row"><span class="terms-label"><span class="icon icon-tag"></span>Tags</span> {{range .}}<a class="chip chip-tag" href="{{printf "/tags/%s/" (urlize .)}}">{{.}}</a> {{end}}</p>{{end}}
</div>
{{end}}{{end}}
{{define "url"}}<a href="{{.}}">x</a>{{end}}
`

func TestBadgesWriteWhatTheTemplatesWrote(t *testing.T) {
	tmpl := template.Must(template.New("badges").Funcs(funcs).Parse(badgesTemplate))
	trimTemplates(tmpl) // as the theme's templates are
	check := func(name string, arg any, got template.HTML) {
		t.Helper()
		var want strings.Builder
		if err := tmpl.ExecuteTemplate(&want, name, arg); err != nil {
			t.Fatal(err)
		}
		if string(got) != want.String() {
			t.Errorf("%s %q:\n got %s\nwant %s", name, arg, got, want.String())
		}
	}
	tricky := []string{"", "chosen", "set-aside", "candidate", "done", "doing", "open", "high", "medium", "low",
		`a"b`, "x&y", "<b>", "it's", "a+b", "nul\x00", "élan"}
	for _, s := range tricky {
		check("analogy-status", s, analogyBadge(s))
		check("action-status", s, actionStatus(s))
		check("confidence", s, confidenceScale(s))
	}
	for _, l := range [][]string{nil, {"frustrating"}, {"broken", "uncomfortable"}, tricky} {
		check("kinds", l, kindBadges(l))
	}
	for _, d := range []content.Duration{0, 30, 90, 120, 135} {
		check("duration", d, durationTime(d))
	}
	// Sessions that have run, and the same sessions before they ran.
	for _, today := range []time.Time{time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC), time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)} {
		for _, e := range sitetestSite(t, today).Entries {
			check("type-badge", e, typeBadge(e))
			if e.Type.Name == "sessions" {
				check("session-state", e, sessionState(e))
			}
		}
	}
	names := [][]string{nil, {"hidden rules"}, {"Übergrößen", "a&b", `"q"`, "<x>", "50% off", "it's (odd)", "x+y", "nul\x00"}}
	for _, themes := range names {
		for _, tags := range names {
			e := &site.Entry{Themes: themes, Tags: tags}
			check("terms", map[string]any{"E": e}, termChips(e))
		}
	}
	for _, u := range []string{"/a/", "ü", "50%", "%4g", "%41", "a b", "'()", "-._~!#$&*+,/:;=?@[]", "\x00\x7f\xff"} {
		check("url", u, template.HTML(`<a href="`+escapeHTML(normalizeURL(u))+`">x</a>`))
	}
	odd := &site.Entry{Type: &model.Type{One: `Odd "type" & <more>`}, TypeOf: `o"d&d`}
	check("type-badge", odd, typeBadge(odd))
}

// sitetestSite links the tests' small playbook as it stands on a day.
func sitetestSite(t *testing.T, today time.Time) *site.Site {
	t.Helper()
	set, err := content.NewLoader().Load(context.Background(), sitetest.FS(sitetest.Minimal), nil)
	if err != nil {
		t.Fatal(err)
	}
	s, _ := site.NewLinker().Link(set, site.Options{Today: today})
	return s
}
