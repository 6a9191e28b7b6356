// Package sitetest holds the small playbooks that the stages' tests build, written
// inline as txtar archives, and what reads them.
package sitetest

import (
	"strings"
	"testing/fstest"
)

// FS reads a site written inline as a txtar archive: "-- path --" lines start
// files. Text before the first file is a comment.
func FS(archive string) fstest.MapFS {
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

// Minimal is a complete, warning-free playbook for tests to extend.
const Minimal = `
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

// Hidden adds a draft insight and a team-only insight, each linked from
// published entries by front matter and by body links.
const Hidden = Minimal + `
-- content/insights/secret-draft.md --
---
title: Draft title SHOULD-NOT-LEAK
summary: Draft summary SHOULD-NOT-LEAK
date: 2026-04-01
draft: true
kind: [broken]
customer: c
evidence: [{quote: q}]
aliases: [/old/draft-alias/]
themes: [draft-only-theme]
---
Draft body SHOULD-NOT-LEAK. ![chart](draft-chart.png)
-- content/insights/draft-chart.png --
PNG
-- content/insights/team-only.md --
---
title: Team title SHOULD-NOT-LEAK
summary: Team summary SHOULD-NOT-LEAK
date: 2026-04-02
visibility: team
kind: [broken]
customer: c
evidence: [{quote: q}]
tags: [team-only-tag]
---
Team body SHOULD-NOT-LEAK.
-- content/pages/links.md --
---
title: Links
summary: Links to hidden entries.
visibility: public
---
See [[secret-draft]], [[team-only|the team's note]] and [a link](../insights/team-only.md).
-- content/analogies/mixed.md --
---
title: Mixed
summary: Mirrors visible and hidden insights.
date: 2026-02-03
domain: d
insights: [queue, secret-draft, team-only]
---
x
`
