package builder

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
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
