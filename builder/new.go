package builder

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/template"
	"time"
)

// archetypes are the files `playbook new` writes: every field present, the ones to
// fill in empty, so that the first build names each of them with its line. A site
// overrides one with archetypes/<type>.md (for example archetypes/insight.md).
var archetypes = map[string]string{
	"insight": `---
title: {{.Title}}
summary: ""
date: {{.Date}}
authors: []
kind: [frustrating]     # broken, frustrating, surprising, uncomfortable
customer: ""            # who lives this, e.g. "first-time applicants"
moment: ""              # where in their journey
evidence: []           # - quote: "..."  source: "..."  date: {{.Date}}  link: https://...
confidence: medium      # low, medium, high
themes: []
tags: []
---

What happens, why it matters to the customer, and what we still do not know.
`,
	"analogy": `---
title: {{.Title}}
summary: ""
date: {{.Date}}
domain: ""              # the outside world it comes from
insights: []            # slugs of the insights whose themes it mirrors
status: candidate       # candidate, chosen, set-aside
parallels: []          # - customer: "what the customer meets"  analog: "what the analogy has"
resonance: 3            # 1 to 5
themes: []
---

Where the two worlds meet, and where they part.
`,
	"experience": `---
title: {{.Title}}
summary: ""
date: {{.Date}}
analogy: ""             # slug of the analogy it is built on
insights: []            # slugs of the insights it connects to
format: [simulate]      # make, build, simulate, act-out, play
duration: 1h
debrief: 45m
group: "6-12"
materials: []
roles: [facilitator, observer]
moments: []            # - moment: "..."  customer: "..."  analog: "..."
questions: []
prep: 30m
difficulty: moderate    # easy, moderate, hard
setting: in-person      # in-person, remote, hybrid
care: ""                # consent, opt-out and emotional safety
---

## Agenda

## Set-up

## Script

## Debrief
`,
	"session": `---
title: {{.Title}}
summary: ""
experience: ""          # slug of the experience it runs
date: {{.Date}}
location: ""
facilitators: []
participants: 0
teams: []
felt: []
noticed: []
ideas: []
actions: []            # - action: "..."  owner: "..."  due: {{.Date}}  status: open (open, doing, done)
share: []              # - audience: "..."  channel: "..."  when: {{.Date}}  status: planned (planned, done)
surfaced: []
---

What happened, in the group's words.
`,
	"page": `---
title: {{.Title}}
summary: ""
date: {{.Date}}
---

`,
}

// NewEntry writes content/<type>/<slug>.md from the type's archetype, dated today,
// and returns its path. It refuses to overwrite a file or to reuse a slug.
func NewEntry(source, typ, slug, title string, today time.Time) (string, error) {
	t := typeNamed(typ)
	if t == nil {
		return "", &UsageError{fmt.Sprintf("unknown type %q: want insight, analogy, experience, session or page", typ)}
	}
	slug = strings.TrimSuffix(slug, ".md")
	if !validSlug(slug) {
		return "", &UsageError{fmt.Sprintf("bad slug %q: use lower-case letters, digits and single hyphens", slug)}
	}
	dir := filepath.Join(source, "content", t.Name)
	// A slug is unique within its type, sub-folders included.
	var clash string
	filepath.WalkDir(dir, func(p string, de fs.DirEntry, err error) error {
		if err == nil && !de.IsDir() && de.Name() == slug+".md" {
			clash = p
		}
		return nil
	})
	if clash != "" {
		return "", &UsageError{fmt.Sprintf("%s already exists: not overwriting it", clash)}
	}
	if title == "" {
		title = strings.ToUpper(slug[:1]) + strings.ReplaceAll(slug[1:], "-", " ")
	}
	text := archetypes[t.Singular]
	if b, err := os.ReadFile(filepath.Join(source, "archetypes", t.Singular+".md")); err == nil {
		text = string(b)
	}
	tmpl, err := template.New(t.Singular).Parse(text)
	if err != nil {
		return "", fmt.Errorf("archetypes/%s.md: %w", t.Singular, err)
	}
	var b strings.Builder
	if err := tmpl.Execute(&b, map[string]string{"Title": yamlQuote(title), "Date": today.Format(time.DateOnly), "Slug": slug, "Type": t.Name}); err != nil {
		return "", fmt.Errorf("archetypes/%s.md: %w", t.Singular, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	p := filepath.Join(dir, slug+".md")
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return "", &UsageError{fmt.Sprintf("%s already exists: not overwriting it", p)}
	}
	if err != nil {
		return "", err
	}
	if _, err := f.WriteString(b.String()); err != nil {
		f.Close()
		return "", err
	}
	return p, f.Close()
}

// yamlQuote writes a title as a YAML double-quoted string.
func yamlQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
