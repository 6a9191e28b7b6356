//go:build unix

package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// snapshot reads every file under dir but the marker, by slash path.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	got := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == ".playbook-output" {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		got[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

var reusedRe = regexp.MustCompile(`rendered (\d+) pages and feeds, reused (\d+)`)

// build runs playbook build --verbose and returns how many pages and feeds it
// rendered and reused.
func build(t *testing.T, args ...string) (rendered, reused int) {
	t.Helper()
	code, out, errs := playbook(t, append([]string{"build", "--verbose"}, args...)...)
	if code != 0 {
		t.Fatalf("playbook build %v: exit %d\n%s", args, code, errs)
	}
	m := reusedRe.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no counts in %q", out)
	}
	rendered, _ = strconv.Atoi(m[1])
	reused, _ = strconv.Atoi(m[2])
	return rendered, reused
}

func inode(t *testing.T, p string) uint64 {
	t.Helper()
	info, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return info.Sys().(*syscall.Stat_t).Ino
}

// TestBuildReusesPreviousOutput: a build into a folder a build made publishes its
// unchanged pages again by hard link, and its output is, file for file, what a
// fresh build of the same content writes; after an edit of a body, a title, the
// settings and a layout, after an entry leaves, and on later days: the next (the
// counts of days change), the day after a session (it has run; again for a second
// session of the same experience) and the day after an action's due date (it is
// overdue).
func TestBuildReusesPreviousOutput(t *testing.T) {
	dir := sampleSite(t)
	pub, fresh := filepath.Join(dir, "public"), filepath.Join(t.TempDir(), "fresh")
	note := filepath.Join(dir, "content", "pages", "a-passing-note.md")
	write(t, note, "---\ntitle: A passing note\nsummary: Here for a few builds.\n---\nSoon gone.\n")
	// A second session of an experience: when it runs in its turn, the experience
	// has got no further along the chain, but its page shows the session as run.
	write(t, filepath.Join(dir, "content", "sessions", "planning-again.md"),
		"---\ntitle: Planning and Works again\ndate: 2027-01-26\nexperience: lost-bag-relay\n---\nA second run.\n")
	total, _ := build(t, "--source", dir)
	page := filepath.Join(pub, "insights", "counter-queue-ticket", "index.html")
	before := inode(t, page)
	rendered, reused := build(t, "--source", dir)
	if rendered != 0 || reused != total {
		t.Errorf("the same content again: rendered %d and reused %d, want 0 and %d", rendered, reused, total)
	}
	if inode(t, page) != before {
		t.Error("an unchanged page was written again rather than linked")
	}
	edit := func(rel, old, new string) {
		t.Helper()
		p := filepath.Join(dir, rel)
		data, err := os.ReadFile(p)
		if err != nil || !bytes.Contains(data, []byte(old)) {
			t.Fatalf("%s lacks %q (%v)", rel, old, err)
		}
		write(t, p, strings.Replace(string(data), old, new, 1))
	}
	steps := []struct {
		name   string
		change func()
	}{
		{"body edit", func() { edit("content/insights/counter-queue-ticket.md", "\n\n", "\n\nOne more line.\n\n") }},
		{"title edit", func() { edit("content/analogies/emergency-room-triage.md", "title: ", "title: Renamed ") }},
		{"settings", func() { edit("content/_index.md", "title: ", "title: The ") }},
		{"layout", func() {
			write(t, filepath.Join(dir, "layouts", "partials", "extra.html"), `{{define "head"}}<meta name="x-edited" content="1">{{end}}`)
		}},
		{"entry gone", func() {
			if err := os.Remove(note); err != nil {
				t.Fatal(err)
			}
		}},
		{"nothing", func() {}},
		{"next day", func() { onDay(t, "2026-11-27") }},
		{"a session has run", func() { onDay(t, "2027-01-22") }},
		{"the day before another", func() { onDay(t, "2027-01-25") }},
		{"another session has run", func() { onDay(t, "2027-01-26") }},
		{"an action is overdue", func() { onDay(t, "2027-01-30") }},
	}
	for _, s := range steps {
		s.change()
		rendered, reused := build(t, "--source", dir)
		os.RemoveAll(fresh)
		if r, k := build(t, "--source", dir, "--dest", fresh, "--fresh"); k != 0 {
			t.Fatalf("%s: --fresh reused %d (rendered %d)", s.name, k, r)
		}
		got, want := snapshot(t, pub), snapshot(t, fresh)
		for p, w := range want {
			if g, ok := got[p]; !ok {
				t.Errorf("%s: %s is missing", s.name, p)
			} else if !bytes.Equal(g, w) {
				t.Errorf("%s: %s is not what a fresh build writes", s.name, p)
			}
		}
		for p := range got {
			if _, ok := want[p]; !ok {
				t.Errorf("%s: %s is left over", s.name, p)
			}
		}
		t.Logf("%s: rendered %d, reused %d", s.name, rendered, reused)
		if s.name == "body edit" && (rendered == 0 || rendered > 5 || reused == 0) {
			t.Errorf("a body edit rendered %d and reused %d", rendered, reused)
		}
		if s.name == "nothing" && rendered != 0 {
			t.Errorf("nothing changed, and %d were rendered", rendered)
		}
		if s.name == "next day" && (rendered == 0 || reused < 2*rendered) {
			t.Errorf("the next day rendered %d and reused %d: most pages do not show the day", rendered, reused)
		}
	}
}

// TestReuseTrustsOnlyItsOwnFiles: a page of the previous output that is no longer
// what the build wrote (edited by hand, or swapped for a link to a file outside)
// is rendered again, so are files of the search index (edited, or gone) although
// the index's inputs are the same, and a list written by another program is not
// read.
func TestReuseTrustsOnlyItsOwnFiles(t *testing.T) {
	dir := sampleSite(t)
	pub := filepath.Join(dir, "public")
	total, _ := build(t, "--source", dir)
	page := filepath.Join(pub, "insights", "counter-queue-ticket", "index.html")
	want, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	linked := filepath.Join(pub, "insights", "index.html")
	wantLinked, _ := os.ReadFile(linked)
	secret := filepath.Join(t.TempDir(), "secret.html")
	write(t, secret, string(bytes.Repeat([]byte("s"), len(wantLinked))))
	os.Remove(linked)
	if err := os.Symlink(secret, linked); err != nil {
		t.Fatal(err)
	}
	write(t, page, "edited by hand")
	meta, chunk := filepath.Join(pub, "search", "data", "meta.js"), filepath.Join(pub, "search", "data", "d", "0.js")
	wantMeta, err1 := os.ReadFile(meta)
	wantChunk, err2 := os.ReadFile(chunk)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	write(t, meta, "edited by hand")
	if err := os.Remove(chunk); err != nil {
		t.Fatal(err)
	}
	rendered, _ := build(t, "--source", dir)
	if rendered != 4 {
		t.Errorf("rendered %d pages, want the 4 that changed", rendered)
	}
	for p, want := range map[string][]byte{meta: wantMeta, chunk: wantChunk} {
		if got, _ := os.ReadFile(p); !bytes.Equal(got, want) {
			t.Errorf("%s is %.40q, not the index's", p, got)
		}
	}
	if got, _ := os.ReadFile(page); !bytes.Equal(got, want) {
		t.Errorf("the hand-edited page is still %.40q", got)
	}
	if info, err := os.Lstat(linked); err != nil || !info.Mode().IsRegular() {
		t.Errorf("the linked page is not a regular file: %v %v", info.Mode(), err)
	} else if got, _ := os.ReadFile(linked); !bytes.Equal(got, wantLinked) {
		t.Errorf("the linked page holds %.40q", got)
	}

	marker := filepath.Join(pub, ".playbook-output")
	data, err := os.ReadFile(marker)
	if err != nil {
		t.Fatal(err)
	}
	other := regexp.MustCompile(`playbook-outputs 1 [0-9a-f]{16}`).ReplaceAll(data, []byte("playbook-outputs 1 0123456789abcdef"))
	if bytes.Equal(other, data) {
		t.Fatal("no program key in the marker")
	}
	write(t, marker, string(other))
	if rendered, reused := build(t, "--source", dir); rendered != total || reused != 0 {
		t.Errorf("after another program's build: rendered %d, reused %d, want %d and 0", rendered, reused, total)
	}
}

// TestFailedBuildAfterReuseKeepsPreviousOutput: a build that links pages of the
// previous output and then fails to render others leaves that output, its marker
// included, exactly as it was, and nothing beside it.
func TestFailedBuildAfterReuseKeepsPreviousOutput(t *testing.T) {
	dir := sampleSite(t)
	pub := filepath.Join(dir, "public")
	build(t, "--source", dir)
	before := snapshot(t, pub)
	marker, _ := os.ReadFile(filepath.Join(pub, ".playbook-output"))
	// Every session's page fails; the search index's files are still those of the
	// last build, and are linked before the failure is known.
	write(t, filepath.Join(dir, "layouts", "partials", "broken.html"),
		`{{define "head"}}{{with .Entry}}{{if eq .TypeOf "session"}}{{.NoSuchField}}{{end}}{{end}}{{end}}`)
	code, out, errs := playbook(t, "build", "--source", dir, "--verbose")
	if code != 1 || !strings.Contains(errs, "NoSuchField") {
		t.Fatalf("exit %d, want 1 with the template's error\n%s%s", code, out, errs)
	}
	after := snapshot(t, pub)
	if len(after) != len(before) {
		t.Errorf("%d files after the failed build, %d before", len(after), len(before))
	}
	for p, b := range before {
		if !bytes.Equal(after[p], b) {
			t.Errorf("%s changed", p)
		}
	}
	if got, _ := os.ReadFile(filepath.Join(pub, ".playbook-output")); !bytes.Equal(got, marker) {
		t.Error("the marker changed")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".public.playbook-*")); len(left) > 0 {
		t.Errorf("left beside the output: %v", left)
	}
}

// TestAsOfOnlyOnDailyPages: a page kept from one day to the next cannot show the
// day through .AsOf; the build says which page asked and what to use instead.
func TestAsOfOnlyOnDailyPages(t *testing.T) {
	dir := sampleSite(t)
	write(t, filepath.Join(dir, "layouts", "partials", "dated.html"),
		`{{define "head"}}{{if .Entry}}<meta name="x-day" content="{{.AsOf}}">{{end}}{{end}}`)
	code, out, errs := playbook(t, "build", "--source", dir)
	if code != 1 || !strings.Contains(errs, "AsOf: the entry page /") || !strings.Contains(errs, "use .Site.Today") {
		t.Fatalf("exit %d, want 1 naming the page and .Site.Today\n%s%s", code, out, errs)
	}
	// On the home page, rendered every day, it is the day.
	write(t, filepath.Join(dir, "layouts", "partials", "dated.html"),
		`{{define "head"}}{{if eq .Kind "home"}}<meta name="x-day" content="{{isodate .AsOf}}">{{end}}{{end}}`)
	if code, out, errs := playbook(t, "build", "--source", dir); code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	home, err := os.ReadFile(filepath.Join(dir, "public", "index.html"))
	if err != nil || !bytes.Contains(home, []byte(`<meta name="x-day" content="`+testDay+`">`)) {
		t.Errorf("the home page does not carry the day %s (%v)", testDay, err)
	}
}
