package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/internal/browser"
)

// sampleSite copies the repository's sample playbook into a temporary folder.
func sampleSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// testDay is the day the tests build for, unless one sets another (onDay).
var testDay = "2026-11-26"

// onDay makes the rest of the test build for day.
func onDay(t *testing.T, day string) {
	was := testDay
	testDay = day
	t.Cleanup(func() { testDay = was })
}

func playbook(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Setenv("PLAYBOOK_TODAY", testDay)
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestBuildSample(t *testing.T) {
	dir := sampleSite(t)
	code, out, errs := playbook(t, "build", "--source", dir)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	if !strings.Contains(out, "Built ") {
		t.Errorf("stdout: %q", out)
	}
	// The sample keeps exactly one deliberate warning, to show authors what one looks like.
	if got := strings.Count(errs, ": warning: "); got != 1 {
		t.Errorf("want 1 warning, got %d:\n%s", got, errs)
	}
	for _, p := range []string{"index.html", "insights/counter-queue-ticket/index.html", "feed.xml", ".playbook-output"} {
		if _, err := os.Stat(filepath.Join(dir, "public", p)); err != nil {
			t.Error(err)
		}
	}
}

func TestExitCodes(t *testing.T) {
	dir := sampleSite(t)
	for _, c := range []struct {
		args []string
		code int
	}{
		{nil, 2},
		{[]string{"frobnicate"}, 2},
		{[]string{"build", "--no-such-flag"}, 2},
		{[]string{"build", "--source", dir, "--visibility", "everyone"}, 2},
		{[]string{"build", "--source", dir, "--strict"}, 1}, // the sample's deliberate warning
		{[]string{"build", "--source", filepath.Join(dir, "nowhere")}, 2},
		{[]string{"check", "--source", dir, "--format", "yaml"}, 2},
		{[]string{"check", "--source", dir}, 0},
		{[]string{"version"}, 0},
		{[]string{"new", "insight"}, 2},
	} {
		if code, _, errs := playbook(t, c.args...); code != c.code {
			t.Errorf("playbook %v: exit %d, want %d\n%s", c.args, code, c.code, errs)
		}
	}
}

// TestBrokenContentKeepsPreviousOutput breaks a file after a good build: the build
// fails with the file and line, and the published site is left as it was.
func TestBrokenContentKeepsPreviousOutput(t *testing.T) {
	dir := sampleSite(t)
	if code, _, errs := playbook(t, "build", "--source", dir); code != 0 {
		t.Fatalf("first build: %s", errs)
	}
	index := filepath.Join(dir, "public", "index.html")
	before, _ := os.ReadFile(index)
	write(t, filepath.Join(dir, "content", "insights", "broken.md"), "---\ntitle: Broken\nkind: [nope]\n---\n")
	code, _, errs := playbook(t, "build", "--source", dir)
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	if !strings.Contains(errs, `content/insights/broken.md:3:8: kind: want broken, frustrating, surprising or uncomfortable, got "nope"`) {
		t.Errorf("stderr:\n%s", errs)
	}
	after, err := os.ReadFile(index)
	if err != nil || !bytes.Equal(before, after) {
		t.Errorf("previous output changed (err %v)", err)
	}
	// No staging folders are left behind.
	matches, _ := filepath.Glob(filepath.Join(dir, ".public.playbook-*"))
	if len(matches) > 0 {
		t.Errorf("left behind: %v", matches)
	}
}

// TestRebuildReplacesOutput builds twice into the same folder with an entry gone
// in between: the second output is the second build's alone (the first's pages
// removed, on both cores), and nothing is left beside it.
func TestRebuildReplacesOutput(t *testing.T) {
	dir := sampleSite(t)
	write(t, filepath.Join(dir, "content", "pages", "a-passing-note.md"), "---\ntitle: A passing note\nsummary: Here for one build.\n---\nSoon gone.\n")
	if code, _, errs := playbook(t, "build", "--source", dir); code != 0 {
		t.Fatalf("first build: %s", errs)
	}
	files := func() map[string]bool {
		got := map[string]bool{}
		filepath.WalkDir(filepath.Join(dir, "public"), func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(filepath.Join(dir, "public"), p)
				got[filepath.ToSlash(rel)] = true
			}
			return nil
		})
		return got
	}
	first := files()
	const gone = "a-passing-note"
	if !first["pages/"+gone+"/index.html"] {
		t.Fatalf("the first build has no pages/%s/index.html", gone)
	}
	if err := os.Remove(filepath.Join(dir, "content", "pages", gone+".md")); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := playbook(t, "build", "--source", dir); code != 0 {
		t.Fatalf("second build: %s", errs)
	}
	second := files()
	if second["pages/"+gone+"/index.html"] {
		t.Errorf("pages/%s/index.html outlived its entry", gone)
	}
	if len(second) == 0 || len(second) >= len(first) {
		t.Errorf("%d files after the second build, %d after the first", len(second), len(first))
	}
	left, _ := os.ReadDir(dir)
	for _, e := range left {
		if strings.HasPrefix(e.Name(), ".public") {
			t.Errorf("left beside the output: %s", e.Name())
		}
	}
}

func TestDestinationSafety(t *testing.T) {
	dir := sampleSite(t)
	write(t, filepath.Join(dir, "notes", "mine.txt"), "an author's file")
	for _, c := range []struct {
		dest, want string
	}{
		{dir, "is the source folder"},
		{filepath.Dir(dir), "holds the source folder"},
		{filepath.Join(dir, "content", "out"), "inside the source's content/ folder"},
		{filepath.Join(dir, "static"), "inside the source's static/ folder"},
		{filepath.Join(dir, "notes"), "not empty and was not made by playbook build"},
	} {
		code, _, errs := playbook(t, "build", "--source", dir, "--dest", c.dest)
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("--dest %s: exit %d, stderr %q; want exit 2 and %q", c.dest, code, errs, c.want)
		}
	}
	if b, err := os.ReadFile(filepath.Join(dir, "notes", "mine.txt")); err != nil || string(b) != "an author's file" {
		t.Errorf("the author's file was touched: %v", err)
	}
	// A folder the build made may be replaced; an empty one may be used.
	empty := filepath.Join(t.TempDir(), "site")
	os.Mkdir(empty, 0o755)
	for i := 0; i < 2; i++ {
		if code, _, errs := playbook(t, "build", "--source", dir, "--dest", empty); code != 0 {
			t.Fatalf("build %d into %s: %s", i, empty, errs)
		}
	}
}

func TestCheckWritesNothing(t *testing.T) {
	dir := sampleSite(t)
	code, out, errs := playbook(t, "check", "--source", dir, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var diags []struct {
		File, Severity, Message string
		Line, Column            int
	}
	if err := json.Unmarshal([]byte(out), &diags); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	if len(diags) != 1 || diags[0].Severity != "warning" || diags[0].Line == 0 {
		t.Errorf("diagnostics: %+v", diags)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Errorf("check wrote public/: %v", err)
	}
	code, _, errs = playbook(t, "check", "--source", dir, "--format", "github")
	if want := "::warning file=" + diags[0].File + ",line="; code != 0 || !strings.HasPrefix(errs, want) {
		t.Errorf("github format: exit %d, %q, want it to start with %q", code, errs, want)
	}
}

func TestNew(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := playbook(t, "new", "insight", "late-fees", "--source", dir, "--title", "Late fees surprise")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	path := filepath.Join(dir, "content", "insights", "late-fees.md")
	if !strings.Contains(out, path) {
		t.Errorf("stdout %q does not name %s", out, path)
	}
	b, _ := os.ReadFile(path)
	for _, want := range []string{`title: "Late fees surprise"`, "date: 2026-11-26", "kind:", "customer:"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("new file lacks %q:\n%s", want, b)
		}
	}
	if code, _, errs := playbook(t, "new", "insight", "late-fees", "--source", dir); code != 2 || !strings.Contains(errs, "already exists") {
		t.Errorf("second new: exit %d, %q", code, errs)
	}
	if code, _, _ := playbook(t, "new", "gadget", "x", "--source", dir); code != 2 {
		t.Errorf("unknown type: exit %d", code)
	}
	if code, _, _ := playbook(t, "new", "page", "Bad Slug", "--source", dir); code != 2 {
		t.Errorf("bad slug: exit %d", code)
	}
}

// TestDigestValidHTML writes the sample's digest as HTML for email and checks it
// with the Nu HTML Checker.
func TestDigestValidHTML(t *testing.T) {
	dir := sampleSite(t)
	outDir := t.TempDir()
	code, _, errs := playbook(t, "digest", "--source", dir, "--since", "2026-01-01", "--until", "2026-11-26", "-o", filepath.Join(outDir, "digest.html"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	b, _ := os.ReadFile(filepath.Join(outDir, "digest.html"))
	for _, want := range []string{"<!doctype html>", "https://playbook.example.org/insights/", "Actions:"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("digest lacks %q", want)
		}
	}
	for _, m := range browser.VNU(t, outDir) {
		t.Errorf("%s:%d:%d: %s", m.File, m.Line, m.Column, m.Text)
	}
	if code, _, _ := playbook(t, "digest", "--source", dir); code != 2 {
		t.Errorf("digest without --since: exit %d, want 2", code)
	}
}
