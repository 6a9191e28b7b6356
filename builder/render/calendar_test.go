package render

import (
	"strings"
	"testing"
	"time"

	"github.com/playbookhq/playbook/builder/content"
	"github.com/playbookhq/playbook/builder/site"
)

// TestCalendarText: whatever a title, summary or location holds, each value stays
// on its own content line, so that calendar programs read every property.
func TestCalendarText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain", "plain"},
		{"a, b; c\\d", `a\, b\; c\\d`},
		{"one\r\ntwo", `one\ntwo`},
		{"one\ntwo", `one\ntwo`},
		{"lone\rCR", `lone\nCR`},
		{"tab\there", "tab here"},
		{"bell\x07 nul\x00 esc\x1b del\x7f", "bell nul esc del"},
		{"DTSTART:x\r\nATTENDEE:evil", `DTSTART:x\nATTENDEE:evil`},
	} {
		if got := icsText(c.in); got != c.want {
			t.Errorf("icsText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := icsURI("https://x.example/a\r\nX-EVIL:1"); got != "https://x.example/aX-EVIL:1" {
		t.Errorf("icsURI kept a line break: %q", got)
	}
	for m, want := range map[int]string{1: "PT1M", 45: "PT45M", 60: "PT1H", 90: "PT1H30M", 150: "PT2H30M"} {
		if got := icsDuration(m); got != want {
			t.Errorf("icsDuration(%d) = %q, want %q", m, got, want)
		}
	}
}

// TestCalendarEdgeOfTime: a session on the last day of year 9999, all day or at a
// time, gives a calendar whose every line is a well-formed property.
func TestCalendarEdgeOfTime(t *testing.T) {
	x := &site.Entry{Title: "Exp", Fields: &content.Fields{Duration: content.Duration(90), Debrief: content.Duration(45)}}
	s := &site.Site{Title: "P\r\nX-INJECTED:1", BaseURL: "https://p.example/"}
	sessions := []*site.Entry{
		{ID: "sessions/a", Title: "All day\rlater", Date: time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), Fields: &content.Fields{}, Permalink: "https://p.example/sessions/a/"},
		{ID: "sessions/b", Title: "Late", Date: time.Date(9999, 12, 31, 23, 0, 0, 0, time.UTC), Fields: &content.Fields{}, Experience: x, Permalink: "https://p.example/sessions/b/"},
	}
	cal := string(icsCalendar(s, sessions))
	lines := strings.Split(strings.TrimSuffix(cal, "\r\n"), "\r\n")
	for _, l := range lines {
		if strings.ContainsAny(l, "\r\n") {
			t.Errorf("a bare line break inside %q", l)
		}
		if l == "" || l[0] == ' ' {
			continue // a folded line's continuation
		}
		name, _, ok := strings.Cut(l, ":")
		if !ok || strings.ContainsAny(name, " ") {
			t.Errorf("not a property line: %q", l)
		}
		if strings.HasPrefix(l, "X-INJECTED") {
			t.Errorf("the site's title injected a property: %q", l)
		}
	}
	for _, want := range []string{"DTSTART;VALUE=DATE:99991231\r\n", "DTSTART:99991231T230000Z\r\nDURATION:PT2H15M\r\n", `SUMMARY:All day\nlater`} {
		if !strings.Contains(cal, want) {
			t.Errorf("calendar lacks %q:\n%s", want, cal)
		}
	}
	if strings.Contains(cal, "DTEND") || strings.Contains(cal, "10000") {
		t.Errorf("an end past year 9999:\n%s", cal)
	}
}
