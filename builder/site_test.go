package builder

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// today is the date every test builds for.
var today = time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)

// siteFS reads a site written inline as a txtar archive: "-- path --" lines start
// files. Text before the first file is a comment.
func siteFS(archive string) fstest.MapFS {
	fsys := fstest.MapFS{}
	var name string
	var body strings.Builder
	flush := func() {
		if name != "" {
			fsys[name] = &fstest.MapFile{Data: []byte(body.String()), Mode: 0o644}
		}
		body.Reset()
	}
	for _, line := range strings.SplitAfter(archive, "\n") {
		trimmed := strings.TrimRight(line, "\n")
		if strings.HasPrefix(trimmed, "-- ") && strings.HasSuffix(trimmed, " --") && len(trimmed) > 6 {
			flush()
			name = strings.TrimSpace(trimmed[3 : len(trimmed)-3])
			continue
		}
		if name != "" {
			body.WriteString(line)
		}
	}
	flush()
	return fsys
}

// Tests build with testdata/themes/plain, a small theme of the tests' own that
// prints every relation, so that they do not depend on the default theme's design.

// minimalSite is a complete, warning-free playbook for tests to extend.
const minimalSite = `
-- content/_index.md --
---
title: Test playbook
baseURL: https://playbook.example.org/
theme: plain
organisation: Example Org
---
Welcome. See [[queue]].
-- content/insights/queue.md --
---
title: The queue hides its rules
summary: People cannot see the order they are served in.
date: 2026-01-10
kind: [frustrating]
customer: walk-in residents
themes: [Hidden rules, waiting]
tags: [counter]
evidence:
  - quote: I had no idea who was next.
    source: interview 3
---
## What happens

Residents wait without knowing why. Compare [[triage]] and [[triage#Where it differs]].
-- content/analogies/triage.md --
---
title: Emergency triage
summary: Patients are seen by urgency, not arrival.
date: 2026-02-01
domain: hospital emergency department
insights: [queue]
status: chosen
themes: [hidden-rules]
---
## Where it differs

In the hospital the rules are posted.
-- content/analogies/waitlist.md --
---
title: Restaurant waitlist
summary: A host keeps a list.
date: 2026-02-02
domain: restaurants
insights: [queue]
status: set-aside
---
Set aside: too gentle.
-- content/experiences/waiting-room.md --
---
title: The waiting room
summary: Participants wait for numbers called by rules they cannot see.
date: 2026-03-01
analogy: triage
insights: [queue]
format: [simulate]
duration: 1h15m
debrief: 45m
group: "6-12"
care: Anyone may step out at any time.
---
## Agenda

Play it, then talk.
-- content/sessions/march.md --
---
title: March session
summary: Customer services ran the waiting room.
experience: waiting-room
date: 2026-03-18
actions:
  - action: Show each queue separately
    owner: Dana
    due: 2027-01-30
    status: open
share:
  - audience: all staff
    channel: newsletter
    when: 2026-04-01
    status: done
surfaced: [queue]
---
The room got quiet. See [the insight](../insights/queue.md).
-- content/pages/about.md --
---
title: About
summary: What this playbook is.
---
Kept by the service design team.
`

// build builds an inline site into memory.
func build(t *testing.T, archive string, mod func(*Options)) (*Result, *MemSink, error) {
	t.Helper()
	o := Options{Source: "site", FS: siteFS(archive), Today: today, Themes: os.DirFS("testdata/themes")}
	if mod != nil {
		mod(&o)
	}
	sink := NewMemSink()
	res, err := NewBuilder(o, sink).Build(context.Background())
	return res, sink, err
}

// mustBuild builds and fails the test on any error or warning.
func mustBuild(t *testing.T, archive string, mod func(*Options)) (*Result, *MemSink) {
	t.Helper()
	res, sink, err := build(t, archive, mod)
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	if len(res.Diagnostics) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", diagText(res.Diagnostics))
	}
	return res, sink
}

func diagText(l Diagnostics) string {
	var b strings.Builder
	l.Write(&b, "text")
	return b.String()
}

func page(t *testing.T, sink *MemSink, path string) string {
	t.Helper()
	b, ok := sink.Get(path)
	if !ok {
		t.Fatalf("no output %s; have %v", path, sink.Paths())
	}
	return string(b)
}

func TestMinimalSiteBuildsClean(t *testing.T) {
	res, sink := mustBuild(t, minimalSite, nil)
	if got := len(res.Site.Entries); got != 6 {
		t.Errorf("published %d entries, want 6", got)
	}
	for _, p := range []string{
		"index.html", "insights/index.html", "insights/queue/index.html", "analogies/triage/index.html",
		"experiences/waiting-room/index.html", "sessions/march/index.html", "pages/about/index.html",
		"themes/index.html", "themes/hidden-rules/index.html", "tags/counter/index.html", "actions/index.html",
		"pack/index.html", "search/index.html", "404.html", "feed.xml", "feed.json", "sitemap.xml", "_redirects",
		"insights/by-kind/frustrating/index.html",
	} {
		page(t, sink, p)
	}
}

func TestBuildErrorIsBuildError(t *testing.T) {
	_, _, err := build(t, minimalSite+"-- content/insights/bad.md --\n---\ntitle: x\n---\n", nil)
	var be *BuildError
	if !errors.As(err, &be) {
		t.Fatalf("err = %v, want a *BuildError", err)
	}
}
