package builder

import (
	"bytes"
	"context"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestRebuildEqualsFullBuild edits a site step by step and checks after each step
// that the incremental rebuild leaves exactly the files a fresh build writes.
func TestRebuildEqualsFullBuild(t *testing.T) {
	fsys := siteFS(hiddenSite)
	o := Options{Source: "site", FS: fsys, Today: today, Themes: os.DirFS("testdata/themes")}
	// One builder re-reads everything; the other is told what changed, as the
	// dev server's watcher tells it, and renders the pages of edited entries
	// ahead of the rest, as for the dev server.
	sink, told := NewMemSink(), NewMemSink()
	var ahead map[string][]byte // the pages rendered ahead, as they were then
	ot := o
	ot.Ahead = func() {
		for _, p := range told.TakeChanged() {
			ahead[p], _ = told.Get(p)
		}
	}
	b, bt := NewBuilder(o, sink), NewBuilder(ot, told)
	for _, x := range []*Builder{b, bt} {
		if _, err := x.Build(context.Background()); err != nil {
			t.Fatal(err)
		}
	}

	var changed []string
	set := func(path, text string) {
		fsys[path] = &fstest.MapFile{Data: []byte(text)}
		changed = append(changed, path)
	}
	edit := func(path, old, new string) {
		t.Helper()
		f := fsys[path]
		if !strings.Contains(string(f.Data), old) {
			t.Fatalf("%s lacks %q", path, old)
		}
		set(path, strings.Replace(string(f.Data), old, new, 1))
	}
	steps := []struct {
		name     string
		change   func()
		rendered func(n int) bool // how many outputs the step may re-render
		ahead    []string         // the pages rendered ahead: edited entries' pages that were there
	}{
		{"nothing", func() {}, func(n int) bool { return n == 0 }, nil},
		{"body edit", func() { edit("content/insights/queue.md", "Residents wait", "Residents queue") },
			func(n int) bool { return n >= 1 && n <= 3 }, []string{"insights/queue/index.html"}},
		{"title edit", func() { edit("content/analogies/triage.md", "title: Emergency triage", "title: Triage in A&E") },
			func(n int) bool { return n > 3 }, []string{"analogies/triage/index.html"}},
		{"new file in a new folder", func() {
			set("content/insights/new/fresh.md", "---\ntitle: Fresh\nsummary: New.\ndate: 2026-06-01\nkind: [broken]\ncustomer: c\nevidence: [{quote: q}]\n---\nLinks [[triage]].\n")
		}, nil, nil},
		{"delete", func() { delete(fsys, "content/pages/about.md"); changed = append(changed, "content/pages/about.md") }, nil, nil},
		{"delete a folder", func() {
			delete(fsys, "content/insights/new/fresh.md")
			changed = append(changed, "content/insights/new")
		}, nil, nil},
		{"publish a draft", func() { edit("content/insights/secret-draft.md", "draft: true", "draft: false") }, nil, nil},
		{"template edit", func() { // the site overrides one layout of the theme
			set("layouts/entry.html", strings.Replace(string(readFile(t, "testdata/themes/plain/layouts/entry.html")), "<article", "<article data-edited", 1))
		}, func(n int) bool { return n > 3 }, nil},
		{"stylesheet edit", func() { set("assets/main.css", "body { margin: 1em }") }, func(n int) bool { return n > 0 }, nil},
		{"settings edit", func() { edit("content/_index.md", "title: Test playbook", "title: Renamed playbook") }, nil, nil},
	}
	for _, step := range steps {
		changed = nil
		step.change()
		res, err := b.Build(context.Background())
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		told.TakeChanged()
		ahead = map[string][]byte{}
		if _, err := bt.Rebuild(context.Background(), changed); err != nil {
			t.Fatalf("%s: rebuild of %v: %v", step.name, changed, err)
		}
		if got := slices.Sorted(maps.Keys(ahead)); !slices.Equal(got, step.ahead) {
			t.Errorf("%s: rendered ahead %q, want %q", step.name, got, step.ahead)
		}
		if step.rendered != nil && !step.rendered(res.Rendered) {
			t.Errorf("%s: rendered %d outputs", step.name, res.Rendered)
		}
		full := NewMemSink()
		if _, err := NewBuilder(o, full).Build(context.Background()); err != nil {
			t.Fatalf("%s: full build: %v", step.name, err)
		}
		for p, data := range ahead {
			if w, _ := full.Get(p); !bytes.Equal(data, w) {
				t.Errorf("%s: %s as rendered ahead differs from a full build:\n%s", step.name, p, data)
			}
		}
		compareSinks(t, step.name, sink, full)
		compareSinks(t, step.name+" (told what changed)", told, full)
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func compareSinks(t *testing.T, step string, got, want *MemSink) {
	t.Helper()
	gp, wp := got.Paths(), want.Paths()
	if strings.Join(gp, "\n") != strings.Join(wp, "\n") {
		t.Errorf("%s: files differ:\n got %v\nwant %v", step, gp, wp)
		return
	}
	for _, p := range wp {
		g, _ := got.Get(p)
		w, _ := want.Get(p)
		if !bytes.Equal(g, w) {
			t.Errorf("%s: %s differs from a full build:\n--- rebuilt\n%s\n--- full\n%s", step, p, g, w)
		}
	}
}

// TestRebuildAfterError fixes a broken file: the next build succeeds and matches a
// fresh one.
func TestRebuildAfterError(t *testing.T) {
	fsys := siteFS(minimalSite)
	o := Options{Source: "site", FS: fsys, Today: today, Themes: os.DirFS("testdata/themes")}
	sink := NewMemSink()
	b := NewBuilder(o, sink)
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	good := fsys["content/insights/queue.md"].Data
	fsys["content/insights/queue.md"] = &fstest.MapFile{Data: []byte("---\ntitle: [\n---\n")}
	if _, err := b.Build(context.Background()); err == nil {
		t.Fatal("broken file built")
	}
	fsys["content/insights/queue.md"] = &fstest.MapFile{Data: good}
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	full := NewMemSink()
	NewBuilder(o, full).Build(context.Background())
	compareSinks(t, "fixed", sink, full)
}

// TestKeepGoing renders the pages it can when the content has errors, for the dev
// server, and still reports them.
func TestKeepGoing(t *testing.T) {
	site := minimalSite + "-- content/pages/bad.md --\n---\ntitle: Bad\nsummary: s\n---\nSee [[ghost]].\n"
	res, sink, err := build(t, site, func(o *Options) { o.KeepGoing = true })
	if err == nil || !strings.Contains(err.Error(), "content/pages/bad.md:5:5: wikilink [[ghost]]") {
		t.Fatalf("err = %v", err)
	}
	if got := page(t, sink, "pages/bad/index.html"); !strings.Contains(got, "See ghost.") {
		t.Errorf("the page with the broken link was not rendered with it as text:\n%s", got)
	}
	if res.Rendered == 0 {
		t.Error("nothing rendered")
	}
}

// TestWarningsFollowRebuilds keeps the dev server's warnings true as analogies
// come and go: "the one analogy for this insight is already chosen" is kept
// between builds while that analogy stays the only one, and must leave, come back
// and name the right analogy as a fresh build's would.
func TestWarningsFollowRebuilds(t *testing.T) {
	fsys := siteFS(minimalSite + "-- content/insights/lonely.md --\n---\ntitle: Lonely\nsummary: s\ndate: 2026-01-01\nkind: [broken]\ncustomer: c\nevidence: [{quote: q}]\n---\n" +
		"-- content/analogies/solo.md --\n---\ntitle: Solo\nsummary: s\ndate: 2026-01-01\ndomain: d\ninsights: [lonely]\nstatus: chosen\n---\n")
	o := Options{Source: "site", FS: fsys, Today: today, Themes: os.DirFS("testdata/themes")}
	b := NewBuilder(o, NewMemSink())
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	analogy := func(slug, status string) string {
		return "---\ntitle: " + slug + "\nsummary: s\ndate: 2026-01-01\ndomain: d\ninsights: [lonely]\nstatus: " + status + "\n---\n"
	}
	chosen := func(l Diagnostics) string {
		for _, d := range l {
			if strings.Contains(d.Msg, "already chosen") {
				return d.Error()
			}
		}
		return ""
	}
	for _, step := range []struct {
		name, path, text string // text "" deletes the file
		want             string // the analogy the warning names, or "" for none
	}{
		{"set aside", "content/analogies/solo.md", analogy("solo", "set-aside"), ""},
		{"chosen again", "content/analogies/solo.md", analogy("solo", "chosen"), "solo"},
		{"a second option", "content/analogies/pair.md", analogy("pair", "candidate"), ""},
		{"the first one gone", "content/analogies/solo.md", "", ""},
		{"the second chosen", "content/analogies/pair.md", analogy("pair", "chosen"), "pair"},
	} {
		if step.text == "" {
			delete(fsys, step.path)
		} else {
			fsys[step.path] = &fstest.MapFile{Data: []byte(step.text)}
		}
		res, err := b.Rebuild(context.Background(), []string{step.path})
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		fresh, err := NewBuilder(o, NewMemSink()).Build(context.Background())
		if err != nil {
			t.Fatalf("%s: fresh build: %v", step.name, err)
		}
		got, full := chosen(res.Diagnostics), chosen(fresh.Diagnostics)
		if got != full {
			t.Errorf("%s: rebuild warns %q, a fresh build %q", step.name, got, full)
		}
		if (got != "") != (step.want != "") || step.want != "" && !strings.Contains(got, `"`+step.want+`"`) {
			t.Errorf("%s: warning %q, want one naming %q", step.name, got, step.want)
		}
	}
}
