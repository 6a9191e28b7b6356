package builder

import (
	"strings"
	"testing"
)

// TestDiagnostics builds the minimal site with one file added or replaced and
// checks every problem SPEC §5 names: its message and its file:line:col.
func TestDiagnostics(t *testing.T) {
	tests := []struct {
		name  string
		files string   // txtar files added to (or replacing) the minimal site
		want  []string // each must appear as a line of the output, in order
	}{
		// Errors.
		{"not UTF-8", "-- content/insights/latin1.md --\n---\ntitle: caf\xe9\n---\n",
			[]string{"content/insights/latin1.md:2:11: file is not valid UTF-8"}},
		{"malformed YAML", "-- content/insights/bad.md --\n---\ntitle: a\nkind: [broken\ncustomer: x\n---\n",
			[]string{"content/insights/bad.md:3:7: YAML front matter: the items of a list in [ ] are separated by commas, and the list ends with ]"}},
		{"malformed TOML", "-- content/insights/bad.md --\n+++\ntitle = \"a\"\nkind = [\"broken\"\n+++\n",
			[]string{"content/insights/bad.md:3:17: TOML front matter: a list opened with [ is not closed with ]"}},
		{"malformed JSON", "-- content/insights/bad.md --\n{\n  \"title\": \"a\",\n  \"kind\": broken\n}\n\nBody.\n",
			[]string{"content/insights/bad.md:3:11: JSON front matter: invalid character 'b' looking for beginning of value"}},
		{"unclosed front matter", "-- content/insights/bad.md --\n---\ntitle: a\n",
			[]string{`content/insights/bad.md:1:1: front matter opened with "---" is never closed`}},
		{"no front matter", "-- content/insights/bad.md --\nJust text.\n",
			[]string{"content/insights/bad.md:1:1: no front matter: a content file opens with ---, +++ or {"}},
		{"outside type folders", "-- content/notes/x.md --\n---\ntitle: x\n---\n",
			[]string{`content/notes/x.md:1:1: Markdown files belong in a type folder (insights, analogies, experiences, sessions or pages), not in "content/notes"`}},
		{"missing required", "-- content/insights/bad.md --\n---\ntitle: Bad\nsummary: s\ndate: 2026-01-01\nevidence: [{quote: q}]\n---\n",
			[]string{`content/insights/bad.md:1:1: missing required field "customer"`, `content/insights/bad.md:1:1: missing required field "kind"`}},
		{"required but empty", "-- content/analogies/bad.md --\n---\ntitle: Bad\nsummary: s\ndate: 2026-01-01\ndomain:\ninsights: []\n---\n",
			[]string{`content/analogies/bad.md:5:1: missing required field "domain"`, "content/analogies/bad.md:6:11: insights needs at least one slug"}},
		{"wrong type", "-- content/experiences/bad.md --\n---\ntitle: Bad\nsummary: s\ndate: 2026-01-01\nanalogy: triage\ninsights: [queue]\nformat: [play]\nduration: soon\ndebrief: 45m\ngroup: {min: 12, max: 6}\n---\n",
			[]string{`content/experiences/bad.md:8:11: duration: want a positive number of minutes or a duration like "1h30m", got "soon"`,
				"content/experiences/bad.md:10:8: group: min 12 is above max 6"}},
		{"unknown enum", "-- content/insights/bad.md --\n---\ntitle: Bad\nsummary: s\ndate: 2026-01-01\nkind: [borken]\ncustomer: c\nconfidence: total\nevidence: [{quote: q}]\n---\n",
			[]string{`content/insights/bad.md:5:8: kind: want broken, frustrating, surprising or uncomfortable, got "borken"`,
				`content/insights/bad.md:7:13: confidence: want low, medium or high, got "total"`}},
		{"empty reference", "-- content/sessions/bad.md --\n---\ntitle: Bad\nsummary: s\nexperience: \"\"\ndate: 2026-12-01\n---\n",
			[]string{"content/sessions/bad.md:4:13: experience must name a slug"}},
		{"bad date", "-- content/sessions/bad.md --\n---\ntitle: Bad\nsummary: s\nexperience: waiting-room\ndate: next Tuesday\n---\n",
			[]string{`content/sessions/bad.md:5:7: date: want a date as YYYY-MM-DD, got "next Tuesday"`}},
		{"reference to nothing", "-- content/experiences/bad.md --\n---\ntitle: Bad\nsummary: s\ndate: 2026-01-01\nanalogy: ghost\ninsights: [queue, triage]\nformat: [play]\nduration: 1h\ndebrief: 45m\n---\n",
			[]string{`content/experiences/bad.md:5:10: analogy: analogy "ghost" not found`,
				`content/experiences/bad.md:6:19: insights: insight "triage" not found (analogies/triage is an analogy)`}},
		{"wikilink to nothing", "-- content/pages/bad.md --\n---\ntitle: Bad\nsummary: s\n---\nFirst line.\n\nSee [[ghost]] and [[sessions/nope]].\n",
			[]string{`content/pages/bad.md:7:5: wikilink [[ghost]]: no entry has the slug "ghost"`,
				`content/pages/bad.md:7:19: wikilink [[sessions/nope]]: no session "nope"`}},
		{"link to missing heading", "-- content/pages/bad.md --\n---\ntitle: Bad\nsummary: s\n---\nSee [[triage#Nowhere]].\n",
			[]string{`content/pages/bad.md:5:5: link to triage#Nowhere: content/analogies/triage.md has no heading "Nowhere"`}},
		{"markdown link to nothing", "-- content/pages/bad.md --\n---\ntitle: Bad\nsummary: s\n---\nSee [x](../insights/gone.md).\n",
			[]string{`content/pages/bad.md:5:5: link to "../insights/gone.md": no such content file (content/insights/gone.md)`}},
		{"ambiguous wikilink", "-- content/pages/queue.md --\n---\ntitle: Queue page\nsummary: s\n---\nx\n-- content/pages/bad.md --\n---\ntitle: Bad\nsummary: s\n---\nSee [[queue]].\n",
			[]string{"content/_index.md:7:14: wikilink [[queue]] is ambiguous: write [[insights/queue]] or [[pages/queue]]",
				"content/pages/bad.md:5:5: wikilink [[queue]] is ambiguous: write [[insights/queue]] or [[pages/queue]]"}},
		{"duplicate slug", "-- content/insights/sub/queue.md --\n---\ntitle: Again\nsummary: s\ndate: 2026-01-01\nkind: [broken]\ncustomer: c\nevidence: [{quote: q}]\n---\n",
			[]string{`content/insights/sub/queue.md:1:1: duplicate slug "queue" in insights: content/insights/queue.md has it too`}},
		{"alias collides with an entry", "-- content/pages/old.md --\n---\ntitle: Old\nsummary: s\naliases: [/insights/queue/]\n---\nx\n",
			[]string{"content/pages/old.md:4:11: /insights/queue/ would be written twice: by content/insights/queue.md and by content/pages/old.md"}},
		{"alias collides with a generated page", "-- content/pages/old.md --\n---\ntitle: Old\nsummary: s\naliases: [/actions/]\n---\nx\n",
			[]string{"content/pages/old.md:4:11: /actions/ would be written twice: by the actions /actions/ page and by content/pages/old.md"}},
		{"static file collides with a content file", "-- static/pages/notes.txt --\nx\n-- content/pages/notes.txt --\ny\n",
			[]string{"content/pages/notes.txt:1:1: /pages/notes.txt would be written twice: by static/pages/notes.txt and by content/pages/notes.txt"}},
		{"bad slug", "-- content/insights/Bad_Name.md --\n---\ntitle: Bad\nsummary: s\ndate: 2026-01-01\nkind: [broken]\ncustomer: c\nevidence: [{quote: q}]\n---\n",
			[]string{`content/insights/Bad_Name.md:1:1: bad slug "Bad_Name": a file name is lower-case letters, digits and single hyphens, then .md`}},
		{"template fails", "-- layouts/page.html --\n{{define \"main\"}}\n<p>{{.Entry.Nope}}</p>\n{{end}}\n",
			[]string{`layouts/page.html:2:11: executing "main" at <.Entry.Nope>: can't evaluate field Nope in type *site.Entry (rendering content/pages/about.md)`}},

		// Warnings.
		{"no summary or date", "-- content/insights/thin.md --\n---\ntitle: Thin\nkind: [broken]\ncustomer: c\nevidence: [{quote: q}]\n---\nFirst paragraph.\n",
			[]string{`content/insights/thin.md:1:1: warning: no date: feeds and "recent" lists order entries by it`,
				"content/insights/thin.md:1:1: warning: no summary: listings and share cards will use the first paragraph"}},
		{"long experience, short debrief", "-- content/experiences/long.md --\n---\ntitle: Long\nsummary: s\ndate: 2026-01-01\nanalogy: triage\ninsights: [queue]\nformat: [play]\nduration: 2h30m\ndebrief: 20\n---\n",
			[]string{"content/experiences/long.md:8:11: warning: duration 2 h 30 min is over 2 h: the method keeps experiences to one or two hours",
				"content/experiences/long.md:9:10: warning: debrief 20 min is under 30 min: leave at least half an hour to talk it through"}},
		{"misspelt field", "-- content/insights/typo.md --\n---\ntitle: Typo\nsummary: s\ndate: 2026-01-01\nkind: [broken]\ncustmer: c\ncustomer: c\nevidence: [{quote: q}]\ntitel: t\nmy-colour: blue\n---\n",
			[]string{`content/insights/typo.md:6:1: warning: unknown field "custmer"; did you mean "customer"?`,
				`content/insights/typo.md:9:1: warning: unknown field "titel"; did you mean "title"?`}},
		{"misspelt reference", "-- content/experiences/typo.md --\n---\ntitle: Typo\nsummary: s\ndate: 2026-01-01\nanalogy: triag\ninsights: [queeu]\nformat: [play]\nduration: 1h\ndebrief: 45m\n---\n",
			[]string{`content/experiences/typo.md:5:10: analogy: analogy "triag" not found; did you mean "triage"?`,
				`content/experiences/typo.md:6:12: insights: insight "queeu" not found; did you mean "queue"?`}},
		{"misspelt wikilinks", "-- content/pages/typo.md --\n---\ntitle: Typo\nsummary: s\n---\nSee [[triaeg]], [[insights/queu]] and [[zzz]].\n",
			[]string{`content/pages/typo.md:5:5: wikilink [[triaeg]]: no entry has the slug "triaeg"; did you mean "triage"?`,
				`content/pages/typo.md:5:17: wikilink [[insights/queu]]: no insight "queu"; did you mean "queue"?`,
				`content/pages/typo.md:5:39: wikilink [[zzz]]: no entry has the slug "zzz"`}},
		{"chosen analogy alone", "-- content/insights/lonely.md --\n---\ntitle: Lonely\nsummary: s\ndate: 2026-01-01\nkind: [broken]\ncustomer: c\nevidence: [{quote: q}]\n---\n-- content/analogies/solo.md --\n---\ntitle: Solo\nsummary: s\ndate: 2026-01-01\ndomain: d\ninsights: [lonely]\nstatus: chosen\n---\n",
			[]string{`content/insights/lonely.md:1:1: warning: the one analogy for this insight, "solo", is already chosen: step 2 compares a range of options (add the others you considered, as candidate or set-aside)`}},
		{"chosen analogy alone for one of its insights", "-- content/insights/lonely.md --\n---\ntitle: Lonely\nsummary: s\ndate: 2026-01-01\nkind: [broken]\ncustomer: c\nevidence: [{quote: q}]\n---\n-- content/analogies/solo.md --\n---\ntitle: Solo\nsummary: s\ndate: 2026-01-01\ndomain: d\ninsights: [lonely, queue]\nstatus: chosen\n---\n",
			[]string{`content/insights/lonely.md:1:1: warning: the one analogy for this insight, "solo", is already chosen`}},
		{"session run without actions or share plan", "-- content/sessions/bare.md --\n---\ntitle: Bare\nsummary: s\nexperience: waiting-room\ndate: 2026-05-01\n---\n",
			[]string{"content/sessions/bare.md:5:7: warning: the session has run (2026-05-01) but has no share plan",
				"content/sessions/bare.md:5:7: warning: the session has run (2026-05-01) but records no actions"}},
		{"overdue action", "-- content/sessions/late.md --\n---\ntitle: Late\nsummary: s\nexperience: waiting-room\ndate: 2026-05-01\nactions:\n  - action: Fix the sign\n    due: 2026-06-01\nshare: [{audience: all, channel: mail}]\n---\n",
			[]string{`content/sessions/late.md:7:5: warning: action "Fix the sign" was due 2026-06-01 and is not done`}},
		{"base URL not absolute", "-- content/_index.md --\n---\ntitle: T\nbaseURL: /playbook/\ntheme: plain\n---\n",
			[]string{`content/_index.md:3:10: warning: baseURL "/playbook/" is not absolute: feeds, the sitemap and share cards need https://…`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, _, err := build(t, minimalSite+tt.files, nil)
			if res == nil {
				t.Fatalf("no result: %v", err)
			}
			got := diagText(res.Diagnostics)
			lines := strings.Split(got, "\n")
			i := 0
			for _, w := range tt.want {
				for i < len(lines) && !strings.HasPrefix(lines[i], w) {
					i++
				}
				if i == len(lines) {
					t.Errorf("missing (or out of order) %q in:\n%s", w, got)
					return
				}
				i++
			}
			isWarning := strings.Contains(tt.want[0], ": warning: ")
			if isWarning && err != nil {
				t.Errorf("warnings failed the build: %v", err)
			}
			if !isWarning && err == nil {
				t.Errorf("errors did not fail the build")
			}
		})
	}
}

// TestStrict turns warnings into errors.
func TestStrict(t *testing.T) {
	site := minimalSite + "-- content/pages/thin.md --\n---\ntitle: Thin\n---\nx\n"
	if _, _, err := build(t, site, nil); err != nil {
		t.Fatalf("a warning failed a normal build: %v", err)
	}
	res, _, err := build(t, site, func(o *Options) { o.Strict = true })
	if err == nil {
		t.Fatal("--strict build with a warning succeeded")
	}
	if got := diagText(res.Diagnostics); !strings.Contains(got, "content/pages/thin.md:1:1: no summary") {
		t.Errorf("strict output:\n%s", got)
	}
}

// TestAllProblemsCollected reports every problem of every file, not the first.
func TestAllProblemsCollected(t *testing.T) {
	site := minimalSite +
		"-- content/insights/a.md --\n---\ntitle: A\n---\n" +
		"-- content/insights/b.md --\n---\ntitle: [\n---\n" +
		"-- content/pages/c.md --\n---\ntitle: C\nsummary: s\n---\n[[nothing]]\n"
	res, _, err := build(t, site, nil)
	if err == nil {
		t.Fatal("build succeeded")
	}
	got := diagText(res.Diagnostics)
	for _, want := range []string{"content/insights/a.md:", "content/insights/b.md:", "content/pages/c.md:5:1: wikilink"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}
