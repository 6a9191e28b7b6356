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
{{define "confidence"}}<span class="scale confidence-{{.}} on-{{if eq . "high"}}3{{else if eq . "medium"}}2{{else}}1{{end}} of-3">{{title .}}</span>{{end}}
{{define "duration"}}<time datetime="{{.ISO}}">{{.String}}</time>{{end}}
{{define "terms"}}{{if or .E.Themes .E.Tags}}
<div class="terms">
  {{with .E.Themes}}<p class="terms-row"><span class="terms-label"><span class="icon icon-theme"></span>Themes</span> {{range .}}<a class="chip chip-theme" href="{{printf "/themes/%s/" (urlize .)}}">{{.}}</a> {{end}}</p>{{end}}
  {{with .E.Tags}}<p class="terms-row"><span class="terms-label"><span class="icon icon-tag"></span>Tags</span> {{range .}}<a class="chip chip-tag" href="{{printf "/tags/%s/" (urlize .)}}">{{.}}</a> {{end}}</p>{{end}}
</div>
{{end}}{{end}}
{{define "url"}}<a href="{{.}}">x</a>{{end}}
`

// sameAs returns a check that what Go wrote, got, is what the template name of
// tmpl writes for arg.
func sameAs(t *testing.T, tmpl *template.Template) func(name string, arg any, got template.HTML) {
	return func(name string, arg any, got template.HTML) {
		t.Helper()
		var want strings.Builder
		if err := tmpl.ExecuteTemplate(&want, name, arg); err != nil {
			t.Fatal(err)
		}
		if string(got) != want.String() {
			t.Errorf("%s %q:\n got %s\nwant %s", name, arg, got, want.String())
		}
	}
}

func TestBadgesWriteWhatTheTemplatesWrote(t *testing.T) {
	tmpl := template.Must(template.New("badges").Funcs(funcs).Parse(badgesTemplate))
	trimTemplates(tmpl) // as the theme's templates are
	check := sameAs(t, tmpl)
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
			e := &site.Entry{Fields: &content.Fields{Themes: themes, Tags: tags}}
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

// actionListTemplate is the default theme's "action-list" piece as the template
// ActionList replaced.
const actionListTemplate = `{{define "action-list"}}
<ul class="checklist">
  {{- range .Items}}
  <li class="action status-{{.Status}}{{if .Overdue}} is-overdue{{end}}">
    {{actionStatus .Status}}
    <div class="action-body">
      <p class="action-text">{{.Action.Action}}</p>
      <p class="action-meta">
        {{- with .Owner}}<span class="action-owner">{{.}}</span>{{end}}
        {{- if not .Due.IsZero}}<span class="action-due"><span>Due {{datetime .Due}}</span></span>{{end}}
        {{- if .Overdue}}<strong class="overdue-flag"><span class="icon icon-alert"></span>Overdue by {{plural ($.P.OverdueBy .) "day" "days"}}</strong>{{end}}
        {{- if $.ShowSession}}<span class="action-session"><a href="{{.Session.URL}}">{{.Session.Title}}</a></span>{{end}}
      </p>
    </div>
  </li>
  {{- end}}
</ul>
{{end}}`

// TestActionListWritesWhatTheTemplateWrote: the sample's actions on days when
// some are overdue and none are, and actions with tricky text, with and without
// their sessions, as the template wrote them.
func TestActionListWritesWhatTheTemplateWrote(t *testing.T) {
	tmpl := template.Must(template.New("actions").Funcs(funcs).Parse(actionListTemplate))
	trimTemplates(tmpl)
	checked, overdue := 0, 0
	for _, today := range []time.Time{time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC), time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)} {
		s := sitetestSite(t, today)
		items := s.Actions
		if len(items) == 0 {
			t.Fatal("the sample has no actions")
		}
		odd := *items[0]
		odd.Action = content.Action{Action: `Fix "this" & <that> it's +1`, Owner: `O'Brien & <Co>`, Status: `a"b`, Due: today.AddDate(0, 0, -3)}
		odd.Overdue = true
		items = append(items[:len(items):len(items)], &odd, &site.ActionItem{Action: content.Action{Action: "bare"}, Session: items[0].Session})
		p := &Page{Site: s, Kind: "actions", URL: "/actions/"}
		for _, show := range []bool{false, true} {
			var want strings.Builder
			if err := tmpl.ExecuteTemplate(&want, "action-list", map[string]any{"P": p, "Items": items, "ShowSession": show}); err != nil {
				t.Fatal(err)
			}
			got, err := p.ActionList(items, show)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != want.String() {
				t.Errorf("%s, sessions %v:\n got %s\nwant %s", today.Format(time.DateOnly), show, got, want.String())
			}
			checked++
		}
		for _, a := range items {
			if a.Overdue {
				overdue++
			}
		}
	}
	if checked == 0 || overdue < 2 {
		t.Errorf("checked %d lists with %d overdue actions; the test wants overdue ones", checked, overdue)
	}
	// A page that does not show an action's session may not say how long it is overdue.
	s := sitetestSite(t, time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC))
	var late *site.ActionItem
	for _, a := range s.Actions {
		if a.Overdue {
			late = a
		}
	}
	if late == nil {
		t.Fatal("no overdue action in 2030")
	}
	if _, err := (&Page{Site: s, Kind: "term", URL: "/tags/x/"}).ActionList([]*site.ActionItem{late}, true); err == nil || !strings.Contains(err.Error(), "OverdueBy") {
		t.Errorf("a term page listed an overdue action: %v", err)
	}
}
