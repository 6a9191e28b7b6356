package builder

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
)

var update = flag.Bool("update", false, "rewrite golden files")

// digestSite has something of every kind in March 2026, and one session later.
const digestSite = minimalSite + `
-- content/insights/late-fees.md --
---
title: Late fees arrive as a surprise
summary: The first notice of a fee is the fee itself.
date: 2026-03-05
kind: [surprising, uncomfortable]
customer: ratepayers
moment: opening the bill
evidence:
  - quote: Nobody told me it was late until it cost me.
    source: phone call, March
---
x
-- content/sessions/april.md --
---
title: April session
summary: Billing ran the waiting room.
experience: waiting-room
date: 2026-04-20
participants: 9
felt: [Lost at first, "Curious once the *rules* showed"]
noticed: [Nobody asked the host]
ideas: [Show the queue per service, "Say *why* someone jumps ahead"]
actions:
  - action: Draft the new display board
    owner: Sam
    due: 2026-03-25
    status: done
  - action: Test the board with residents
    owner: Ana
    due: 2027-01-10
share:
  - audience: council
    channel: briefing
---
x
-- content/sessions/coming.md --
---
title: Planning team session
summary: The planning team runs it next.
experience: waiting-room
date: 2027-01-21
location: Civic Centre, room 4
---
x
`

func TestDigestGolden(t *testing.T) {
	o := Options{Source: "site", FS: siteFS(digestSite), Today: today}
	since := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	until := time.Date(2026, 4, 30, 0, 0, 0, 0, time.UTC)
	out := map[string]string{}
	for _, format := range []string{"html", "markdown", "text"} {
		var b bytes.Buffer
		if _, err := Digest(context.Background(), o, DigestOptions{Since: since, Until: until, Format: format}, &b); err != nil {
			t.Fatal(err)
		}
		out[format] = b.String()
		golden := filepath.Join("testdata", "digest", "digest."+format+".golden")
		if *update {
			os.MkdirAll(filepath.Dir(golden), 0o755)
			if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if string(want) != b.String() {
			t.Errorf("%s digest differs from %s (run go test -update if the change is right):\n%s", format, golden, b.String())
		}
	}
	for _, want := range []string{"Late fees arrive as a surprise", "Nobody told me it was late until it cost me.", "April session", "Draft the new display board", "Planning team session", "https://playbook.example.org/sessions/april/"} {
		if !strings.Contains(out["text"], want) {
			t.Errorf("text digest lacks %q", want)
		}
	}
	if strings.Contains(out["html"], "<script") {
		t.Error("the HTML digest has a script")
	}

	// The Markdown digest, rendered by goldmark, says what the HTML digest says.
	var rendered bytes.Buffer
	if err := goldmark.Convert([]byte(out["markdown"]), &rendered); err != nil {
		t.Fatal(err)
	}
	body := out["html"][strings.Index(out["html"], "<body"):]
	if got, want := words(rendered.String()), words(body); got != want {
		t.Errorf("Markdown and HTML digests differ:\nmarkdown: %s\n    html: %s", got, want)
	}
}

var tagRe = regexp.MustCompile(`<[^>]*>`)
var nonWord = regexp.MustCompile(`[^\p{L}\p{N}]+`)

// words is the text of some HTML as lower-case words, markup and punctuation dropped.
func words(html string) string {
	text := tagRe.ReplaceAllString(html, " ")
	text = strings.NewReplacer("&#39;", "'", "&amp;", "&", "&quot;", `"`, "&lt;", "<", "&gt;", ">", "&#34;", `"`).Replace(text)
	return strings.TrimSpace(nonWord.ReplaceAllString(strings.ToLower(text), " "))
}

func TestDigestPeriod(t *testing.T) {
	o := Options{Source: "site", FS: siteFS(digestSite), Today: today}
	var b bytes.Buffer
	_, err := Digest(context.Background(), o, DigestOptions{Since: today, Until: today.AddDate(0, 0, -1)}, &b)
	if _, ok := err.(*UsageError); !ok {
		t.Errorf("until before since: err = %v", err)
	}
	b.Reset()
	if _, err := Digest(context.Background(), o, DigestOptions{Since: today, Format: "text"}, &b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "Nothing new in this period.") {
		t.Errorf("empty period:\n%s", b.String())
	}
}

// TestDigestSessionReflections: each session in the period says what people felt
// and noticed, in every form of the digest.
func TestDigestSessionReflections(t *testing.T) {
	o := Options{Source: "site", FS: siteFS(digestSite), Today: today}
	since := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	until := time.Date(2026, 4, 30, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		format string
		want   string
	}{
		{"text", "  Felt:\n  - Lost at first\n  - Curious once the *rules* showed\n  Noticed:\n  - Nobody asked the host\n  Ideas:"},
		{"markdown", "Felt:\n\n- Lost at first\n- Curious once the \\*rules\\* showed\n\nNoticed:\n\n- Nobody asked the host\n\nIdeas:"},
		{"html", "billing ran the waiting room felt lost at first curious once the rules showed noticed nobody asked the host ideas"},
	} {
		t.Run(tc.format, func(t *testing.T) {
			var b bytes.Buffer
			if _, err := Digest(context.Background(), o, DigestOptions{Since: since, Until: until, Format: tc.format}, &b); err != nil {
				t.Fatal(err)
			}
			got := b.String()
			if tc.format == "html" {
				got = words(got)
			}
			if !strings.Contains(got, tc.want) {
				t.Errorf("the digest lacks %q:\n%s", tc.want, got)
			}
		})
	}
}

// TestDigestComingUp: what is coming up are the sessions dated after today,
// soonest first, whatever the period; a session dated in the period that has not
// run yet is not among the sessions that ran.
func TestDigestComingUp(t *testing.T) {
	archive := digestSite + `
-- content/sessions/today.md --
---
title: Session of the day
summary: It runs today.
experience: waiting-room
date: 2026-11-26
---
x
-- content/sessions/later.md --
---
title: Later session
summary: After the planning team.
experience: waiting-room
date: 2027-03-02
---
x
`
	titles := []string{"March session", "April session", "Session of the day", "Planning team session", "Later session"}
	o := Options{Source: "site", FS: siteFS(archive), Today: today}
	for _, tc := range []struct {
		name         string
		since, until string
		ran, coming  []string
	}{
		{"period in the past", "2026-03-01", "2026-03-31", []string{"March session"}, []string{"Planning team session", "Later session"}},
		{"period ending today", "2026-03-01", "2026-11-26", []string{"Session of the day", "April session", "March session"}, []string{"Planning team session", "Later session"}},
		{"period reaching past today", "2026-11-01", "2027-01-31", []string{"Session of the day"}, []string{"Planning team session", "Later session"}},
		{"period in the future", "2027-01-01", "2027-12-31", nil, []string{"Planning team session", "Later session"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			since, _ := time.Parse(time.DateOnly, tc.since)
			until, _ := time.Parse(time.DateOnly, tc.until)
			var b bytes.Buffer
			if _, err := Digest(context.Background(), o, DigestOptions{Since: since, Until: until, Format: "text"}, &b); err != nil {
				t.Fatal(err)
			}
			if got := titlesIn(textSection(b.String(), "SESSIONS"), titles); !slices.Equal(got, tc.ran) {
				t.Errorf("sessions: %q, want %q\n%s", got, tc.ran, b.String())
			}
			if got := titlesIn(textSection(b.String(), "COMING UP"), titles); !slices.Equal(got, tc.coming) {
				t.Errorf("coming up: %q, want %q\n%s", got, tc.coming, b.String())
			}
		})
	}
}

var textHeading = regexp.MustCompile(`\n\n[A-Z][A-Z ]+\n`)

// textSection is what a text digest says under a heading: "" without the heading.
func textSection(digest, heading string) string {
	_, after, ok := strings.Cut(digest, "\n\n"+heading+"\n")
	if !ok {
		return ""
	}
	if i := textHeading.FindStringIndex(after); i != nil {
		after = after[:i[0]]
	}
	return after
}

// titlesIn lists the titles that some text mentions, in the order it mentions them.
func titlesIn(text string, titles []string) []string {
	var found []string
	for _, title := range titles {
		if strings.Contains(text, title) {
			found = append(found, title)
		}
	}
	slices.SortFunc(found, func(a, b string) int { return strings.Index(text, a) - strings.Index(text, b) })
	return found
}

// countsSite adds n of everything to the minimal site in May 2026: insights,
// analogies, experiences, sessions of n participants each with an action done,
// and insights from 2025 updated in May.
func countsSite(n int) string {
	var b strings.Builder
	b.WriteString(minimalSite)
	for i := range n {
		fmt.Fprintf(&b, `-- content/insights/new-%[1]d.md --
---
title: New insight %[1]d
summary: The summary.
date: 2026-05-0%[2]d
kind: [broken]
customer: residents
evidence: [{quote: q}]
---
x
-- content/insights/old-%[1]d.md --
---
title: Old insight %[1]d
summary: The summary.
date: 2025-12-0%[2]d
updated: 2026-05-1%[2]d
kind: [broken]
customer: residents
evidence: [{quote: q}]
---
x
-- content/analogies/analogy-%[1]d.md --
---
title: Analogy %[1]d
summary: The summary.
date: 2026-05-0%[2]d
domain: d
insights: [queue]
---
x
-- content/experiences/experience-%[1]d.md --
---
title: Experience %[1]d
summary: The summary.
date: 2026-05-0%[2]d
analogy: triage
insights: [queue]
format: [simulate]
duration: 1h
debrief: 45m
---
x
-- content/sessions/session-%[1]d.md --
---
title: Session %[1]d
summary: The summary.
experience: waiting-room
date: 2026-05-2%[2]d
participants: %[3]d
actions: [{action: Act %[1]d, due: 2026-05-2%[2]d, status: done}]
---
x
`, i, i+1, n)
	}
	return b.String()
}

// TestDigestCounts: every count the digest prints agrees in number with its noun,
// in every form of the digest.
func TestDigestCounts(t *testing.T) {
	since := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	until := time.Date(2026, 5, 31, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		n    int
		want []string // as words
	}{
		{1, []string{
			"1 new insight 1 new analogy 1 new experience 1 session 1 entry updated 1 action completed",
			"the waiting room 1 participant the summary",
		}},
		{2, []string{
			"2 new insights 2 new analogies 2 new experiences 2 sessions 2 entries updated 2 actions completed",
			"the waiting room 2 participants the summary",
		}},
	} {
		for _, format := range []string{"text", "markdown", "html"} {
			t.Run(fmt.Sprintf("%d %s", tc.n, format), func(t *testing.T) {
				o := Options{Source: "site", FS: siteFS(countsSite(tc.n)), Today: today}
				var b bytes.Buffer
				if _, err := Digest(context.Background(), o, DigestOptions{Since: since, Until: until, Format: format}, &b); err != nil {
					t.Fatal(err)
				}
				got := " " + words(b.String()) + " "
				for _, want := range tc.want {
					if !strings.Contains(got, " "+want+" ") {
						t.Errorf("the digest lacks %q:\n%s", want, b.String())
					}
				}
			})
		}
	}
}
