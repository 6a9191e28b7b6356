package devserver

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watched starts a Watcher on a fresh site folder with content/insights/a.md,
// batching with a fake clock.
func watched(t *testing.T) (dir string, w *Watcher, b *Batcher, c *fakeClock) {
	t.Helper()
	dir = t.TempDir()
	writeFile(t, filepath.Join(dir, "content/insights/a.md"), "---\ntitle: A\n---\n")
	b, c = newTestBatcher()
	w, err := Watch(dir, b, func(format string, args ...any) { t.Errorf(format, args...) })
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := w.Close(); err != nil {
			t.Error(err)
		}
	})
	return dir, w, b, c
}

func writeFile(t testing.TB, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// settle writes a sentinel file and waits until the batcher has it: events come
// in order, so every earlier change has been handled then. It ends the batch and
// returns it without the sentinel.
func settle(t *testing.T, dir string, b *Batcher, c *fakeClock) []string {
	t.Helper()
	const sentinel = "content/zz-sentinel.txt"
	// Renamed into place, the sentinel makes a single event: no later event of
	// its own can restart the quiet period after the clock moved.
	tmp := filepath.Join(dir, "content/.sentinel.tmp")
	writeFile(t, tmp, time.Now().String())
	if err := os.Rename(tmp, filepath.Join(dir, sentinel)); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		b.mu.Lock()
		seen := b.pending[sentinel]
		b.mu.Unlock()
		if seen {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the watcher did not report the sentinel file")
		}
		time.Sleep(2 * time.Millisecond)
	}
	c.Advance(quiet)
	if !ready(b) {
		t.Fatal("no batch after the quiet period")
	}
	got := b.Take()
	return slices.DeleteFunc(got.Paths, func(p string) bool { return p == sentinel })
}

// TestEditorSaves replays the events editors make when they save, as inotify
// reports them: each is one change of the file saved.
func TestEditorSaves(t *testing.T) {
	const (
		C = fsnotify.Create
		W = fsnotify.Write
		R = fsnotify.Remove
		N = fsnotify.Rename
		M = fsnotify.Chmod
	)
	type ev struct {
		op   fsnotify.Op
		name string
	}
	saves := map[string][]ev{
		"vim":                     {{C, "4913"}, {M, "4913"}, {R, "4913"}, {N, "a.md"}, {C, "a.md~"}, {C, "a.md"}, {W, "a.md"}, {M, "a.md"}, {R, "a.md~"}, {W, ".a.md.swp"}},
		"vim (second probe name)": {{C, "5036"}, {R, "5036"}, {W, "a.md"}},
		"JetBrains": {{C, "a.md___jb_tmp___"}, {W, "a.md___jb_tmp___"}, {N, "a.md"}, {C, "a.md___jb_old___"},
			{N, "a.md___jb_tmp___"}, {C, "a.md"}, {R, "a.md___jb_old___"}},
		"VS Code": {{W, "a.md"}, {M, "a.md"}},
		"emacs": {{C, ".#a.md"}, {N, "a.md"}, {C, "a.md~"}, {C, "a.md"}, {W, "a.md"}, {R, ".#a.md"},
			{C, "#a.md#"}, {W, "#a.md#"}, {R, "#a.md#"}},
		"atomic writer": {{C, ".a.md.tmp4821"}, {W, ".a.md.tmp4821"}, {N, ".a.md.tmp4821"}, {C, "a.md"}},
		"macOS Finder":  {{C, ".DS_Store"}, {W, ".DS_Store"}, {W, "a.md"}},
	}
	for name, events := range saves {
		t.Run(name, func(t *testing.T) {
			dir, w, b, c := watched(t)
			for _, e := range events {
				w.handle(fsnotify.Event{Name: filepath.Join(dir, "content", "insights", e.name), Op: e.op})
			}
			c.Advance(quiet)
			if got := b.Take(); !slices.Equal(got.Paths, []string{"content/insights/a.md"}) {
				t.Errorf("batch = %q, want the saved file alone", got.Paths)
			}
		})
	}
}

// TestWatchRenameSave saves the way careful programs do: write a temporary file,
// rename it over the real one.
func TestWatchRenameSave(t *testing.T) {
	dir, _, b, c := watched(t)
	tmp := filepath.Join(dir, "content/insights/.a.md.tmp-1234")
	writeFile(t, tmp, "---\ntitle: A, saved\n---\n")
	if err := os.Rename(tmp, filepath.Join(dir, "content/insights/a.md")); err != nil {
		t.Fatal(err)
	}
	if got := settle(t, dir, b, c); !slices.Equal(got, []string{"content/insights/a.md"}) {
		t.Errorf("batch = %q, want content/insights/a.md alone", got)
	}
}

// TestWatchNewFolder creates folders and files in them at once, before any watch
// on them can exist: walking the new folder finds them. Later files in it arrive
// by the new watch.
func TestWatchNewFolder(t *testing.T) {
	dir, w, b, c := watched(t)
	if err := os.MkdirAll(filepath.Join(dir, "content/insights/billing/2026"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "content/insights/billing/2026/late.md"), "x")
	writeFile(t, filepath.Join(dir, "content/insights/billing/fees.md"), "x")
	got := settle(t, dir, b, c)
	for _, want := range []string{"content/insights/billing/2026/late.md", "content/insights/billing/fees.md"} {
		if !slices.Contains(got, want) && !slices.Contains(got, "content/insights/billing") {
			t.Errorf("batch %q lacks %s", got, want)
		}
	}

	writeFile(t, filepath.Join(dir, "content/insights/billing/2026/later.md"), "x")
	if got := settle(t, dir, b, c); !slices.Equal(got, []string{"content/insights/billing/2026/later.md"}) {
		t.Errorf("batch = %q, want the file written in the new folder", got)
	}

	// Deleting the folder reports it, and drops its watches.
	if err := os.RemoveAll(filepath.Join(dir, "content/insights/billing")); err != nil {
		t.Fatal(err)
	}
	if got := settle(t, dir, b, c); !slices.Contains(got, "content/insights/billing") {
		t.Errorf("batch = %q, want the deleted folder", got)
	}
	w.mu.Lock()
	for d := range w.watched {
		if filepath.Base(filepath.Dir(d)) == "billing" || filepath.Base(d) == "billing" {
			t.Errorf("still watching %s", d)
		}
	}
	w.mu.Unlock()
}

// TestWatchRootCreatedLater: a site that gets its own layouts/ while the server
// runs.
func TestWatchRootCreatedLater(t *testing.T) {
	dir, _, b, c := watched(t)
	writeFile(t, filepath.Join(dir, "layouts/partials/card.html"), "x")
	got := settle(t, dir, b, c)
	if !slices.Contains(got, "layouts") || !slices.Contains(got, "layouts/partials/card.html") {
		t.Errorf("batch = %q, want layouts and its file", got)
	}
	writeFile(t, filepath.Join(dir, "layouts/partials/card.html"), "y")
	if got := settle(t, dir, b, c); !slices.Equal(got, []string{"layouts/partials/card.html"}) {
		t.Errorf("batch = %q", got)
	}
}

// TestWatchIgnoresTheRest: the output, the style cache, version control and
// editors' files never rebuild.
func TestWatchIgnoresTheRest(t *testing.T) {
	dir, _, b, c := watched(t)
	writeFile(t, filepath.Join(dir, "public/index.html"), "x")
	writeFile(t, filepath.Join(dir, "resources/css/main.css"), "x")
	writeFile(t, filepath.Join(dir, "notes.txt"), "x")
	writeFile(t, filepath.Join(dir, "content/.git/HEAD"), "x")
	writeFile(t, filepath.Join(dir, "content/insights/.a.md.swp"), "x")
	if got := settle(t, dir, b, c); len(got) != 0 {
		t.Errorf("batch = %q, want nothing", got)
	}
}

// TestWatchStorm checks out hundreds of files at once: one batch.
func TestWatchStorm(t *testing.T) {
	dir, _, b, c := watched(t)
	for i := range 300 {
		writeFile(t, filepath.Join(dir, "content/insights", fmt.Sprintf("s%03d.md", i)), "x")
	}
	if got := settle(t, dir, b, c); len(got) != 300 {
		t.Errorf("one batch of %d paths, want 300", len(got))
	}
	c.Advance(time.Hour)
	if ready(b) {
		t.Error("a second batch")
	}
}

// TestWatchSymlinkedRoot: content/ kept elsewhere and linked into the site.
func TestWatchSymlinkedRoot(t *testing.T) {
	dir, elsewhere := t.TempDir(), t.TempDir()
	writeFile(t, filepath.Join(elsewhere, "insights/a.md"), "x")
	if err := os.Symlink(elsewhere, filepath.Join(dir, "content")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	b, c := newTestBatcher()
	w, err := Watch(dir, b, func(format string, args ...any) { t.Errorf(format, args...) })
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	writeFile(t, filepath.Join(dir, "content/insights/a.md"), "y")
	if got := settle(t, dir, b, c); !slices.Equal(got, []string{"content/insights/a.md"}) {
		t.Errorf("batch = %q", got)
	}
}

func TestPoll(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "content/insights/a.md"), "one")
	writeFile(t, filepath.Join(dir, "content/insights/b.md"), "one")
	p := newPoller(dir, time.Hour, nil)
	p.last = p.scan()
	if got := p.check(); len(got) != 0 {
		t.Errorf("nothing changed, got %q", got)
	}
	writeFile(t, filepath.Join(dir, "content/insights/a.md"), "two!") // size changes
	old := time.Now().Add(-time.Hour)
	os.Chtimes(filepath.Join(dir, "content/insights/b.md"), old, old) // mtime changes
	writeFile(t, filepath.Join(dir, "content/new/c.md"), "x")
	writeFile(t, filepath.Join(dir, "content/new/.c.md.swp"), "x")
	got := p.check()
	slices.Sort(got)
	want := []string{"content/insights/a.md", "content/insights/b.md", "content/new", "content/new/c.md"}
	if !slices.Equal(got, want) {
		t.Errorf("changed = %q, want %q", got, want)
	}
	os.RemoveAll(filepath.Join(dir, "content/new"))
	got = p.check()
	slices.Sort(got)
	if want := []string{"content/new", "content/new/c.md"}; !slices.Equal(got, want) {
		t.Errorf("after deleting: %q, want %q", got, want)
	}
}
