package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestDigestFlags: a bad flag says what is wrong with it, and exits 2.
func TestDigestFlags(t *testing.T) {
	dir := sampleSite(t)
	for _, tc := range []struct {
		name string
		args []string
		want string // all of standard error
	}{
		{"no --since", nil, "playbook digest: --since YYYY-MM-DD is required\n"},
		{"empty --since", []string{"--since", ""}, "playbook digest: --since YYYY-MM-DD is required\n"},
		{"month 13", []string{"--since", "2026-13-01"}, "playbook digest: --since \"2026-13-01\" is not a date as YYYY-MM-DD\n"},
		{"a word", []string{"--since", "yesterday"}, "playbook digest: --since \"yesterday\" is not a date as YYYY-MM-DD\n"},
		{"day and month swapped", []string{"--since", "01-03-2026"}, "playbook digest: --since \"01-03-2026\" is not a date as YYYY-MM-DD\n"},
		{"bad --until", []string{"--since", "2026-01-01", "--until", "2026-02-30"}, "playbook digest: --until \"2026-02-30\" is not a date as YYYY-MM-DD\n"},
		{"--until a word", []string{"--since", "2026-01-01", "--until", "today"}, "playbook digest: --until \"today\" is not a date as YYYY-MM-DD\n"},
		{"--until before --since", []string{"--since", "2026-03-01", "--until", "2026-02-28"}, "playbook digest: --until 2026-02-28 is before --since 2026-03-01\n"},
		{"--since after today", []string{"--since", "2026-12-01"}, "playbook digest: --since 2026-12-01 is after today (2026-11-26)\n"},
		{"bad --format", []string{"--since", "2026-01-01", "--format", "pdf"}, "playbook digest: --format \"pdf\": want html, markdown or text\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := playbook(t, append([]string{"digest", "--source", dir}, tc.args...)...)
			if code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			if errs != tc.want {
				t.Errorf("stderr:\n%s\nwant:\n%s", errs, tc.want)
			}
			if out != "" {
				t.Errorf("stdout: %q", out)
			}
		})
	}
}

// TestDigestAndSummaryCounts: the counts that digest, check and build print agree with their nouns.
func TestDigestAndSummaryCounts(t *testing.T) {
	// One more warning than the sample's one.
	const noEvidence = `---
title: An insight without evidence yet
summary: Heard once, not yet backed up.
date: 2026-11-20
kind: [surprising]
customer: residents
---
To be confirmed.
`
	// A playbook of one entry.
	one := map[string]string{
		"content/_index.md": "---\ntitle: One\nbaseURL: https://one.example.org/\n---\n",
		"content/insights/only.md": `---
title: The only insight
summary: It stands alone.
date: 2026-11-20
kind: [surprising]
customer: residents
evidence: [{quote: Alone.}]
---
Body.
`,
	}
	for _, tc := range []struct {
		name   string
		files  map[string]string // nil: the sample; else the sample's files are replaced
		extra  map[string]string // added to the site
		args   []string
		stdout bool // want is in standard output, not standard error
		want   string
	}{
		{"digest, 1 warning", nil, nil, []string{"digest", "--since", "2026-01-01"}, false, `(?m)^playbook digest: 1 warning in the content; see playbook check$`},
		{"digest, 2 warnings", nil, map[string]string{"content/insights/no-evidence.md": noEvidence}, []string{"digest", "--since", "2026-01-01"}, false, `(?m)^playbook digest: 2 warnings in the content; see playbook check$`},
		{"check, 1 warning", nil, nil, []string{"check"}, true, `(?m)^\d+ entries checked: no errors, 1 warning\.$`},
		{"check, 2 warnings", nil, map[string]string{"content/insights/no-evidence.md": noEvidence}, []string{"check"}, true, `(?m)^\d+ entries checked: no errors, 2 warnings\.$`},
		{"check, 1 entry", one, nil, []string{"check"}, true, `(?m)^1 entry checked: no errors, \d+ warnings?\.$`},
		{"build, 1 entry", one, nil, []string{"build"}, true, `(?m)^Built \d+ files \(1 entry\) into `},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if tc.files == nil {
				dir = sampleSite(t)
			}
			for name, text := range tc.files {
				write(t, filepath.Join(dir, name), text)
			}
			for name, text := range tc.extra {
				write(t, filepath.Join(dir, name), text)
			}
			code, out, errs := playbook(t, append(tc.args, "--source", dir)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			got := errs
			if tc.stdout {
				got = out
			}
			if !regexp.MustCompile(tc.want).MatchString(got) {
				t.Errorf("output lacks %s:\n%s", tc.want, got)
			}
		})
	}
}

// TestDigestFailureKeepsFile: a digest that fails on the content leaves an
// earlier -o file as it was.
func TestDigestFailureKeepsFile(t *testing.T) {
	dir := sampleSite(t)
	write(t, filepath.Join(dir, "content", "insights", "untitled.md"), "---\nsummary: No title.\n---\n")
	file := filepath.Join(t.TempDir(), "digest.html")
	write(t, file, "last week's digest")
	code, _, errs := playbook(t, "digest", "--source", dir, "--since", "2026-01-01", "-o", file)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if !strings.Contains(errs, "untitled.md") {
		t.Errorf("stderr does not name the broken file:\n%s", errs)
	}
	if b, _ := os.ReadFile(file); string(b) != "last week's digest" {
		t.Errorf("the earlier digest became %q", b)
	}
}
