package content

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestLazyBodies loads the same files with and without Loader.Lazy: a lazy entry
// body keeps no HTML, renders the HTML a kept one has, with the same links,
// headings, word count and keys, and fails with the file's name when the file
// changed or went away after the load. Introductions (the home page's) are kept.
func TestLazyBodies(t *testing.T) {
	body := "Intro with [[b]] and [a file](other.md).\n\n## First part\n\nText <em>raw</em>.\n\n## First part\n\n- [ ] a task\n"
	fsys := fstest.MapFS{
		"content/_index.md":  {Data: []byte("---\ntitle: Site\nunsafeHTML: true\n---\nThe home page's [[a]].\n")},
		"content/pages/a.md": {Data: []byte("\ufeff---\r\ntitle: A\r\n---\r\n" + strings.ReplaceAll(body, "\n", "\r\n"))},
		"content/pages/b.md": {Data: []byte("+++\ntitle = \"B\"\n+++\n" + body)},
		"content/pages/c.md": {Data: []byte("---\ntitle: C\n---\n")},
	}
	load := func(lazy bool) *Set {
		t.Helper()
		l := NewLoader()
		l.Lazy = func(uint64) bool { return lazy }
		set, err := l.Load(context.Background(), fsys, nil)
		if err != nil || len(set.Diags) > 0 || len(set.Docs) != 3 {
			t.Fatalf("load (lazy %v): %v %v", lazy, err, set.Diags)
		}
		return set
	}
	kept, lazy := load(false), load(true)
	if lazy.Home.Body.file != nil || lazy.Home.Body.html == nil {
		t.Error("the home page's introduction is not kept")
	}
	for i, k := range kept.Docs {
		l := lazy.Docs[i]
		want, err1 := k.Body.HTML()
		if k.Body.file != nil || l.Body.file == nil || l.Body.html != nil {
			t.Errorf("%s: a lazy load kept the body's HTML, or the other did not", l.File)
		}
		got, err2 := l.Body.HTML()
		if err1 != nil || err2 != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: rendered again\n%q (%v)\nkept\n%q (%v)", l.File, got, err2, want, err1)
		}
		if !reflect.DeepEqual(l.Body.Refs, k.Body.Refs) || !reflect.DeepEqual(l.Body.Headings, k.Body.Headings) || l.Body.Words != k.Body.Words ||
			l.Summary != k.Summary || l.Card != k.Card || l.TargetKey != k.TargetKey {
			t.Errorf("%s: a lazy load read other links, headings, words or keys", l.File)
		}
	}
	if html, _ := kept.Docs[0].Body.HTML(); !bytes.Contains(html, []byte("<em>raw</em>")) || !bytes.Contains(html, []byte(`id="first-part-1"`)) {
		t.Errorf("the test's body lost its raw HTML or its second heading's id:\n%s", html)
	}

	fsys["content/pages/a.md"] = &fstest.MapFile{Data: []byte("---\ntitle: A\n---\nEdited.\n")}
	if _, err := lazy.Docs[0].Body.HTML(); err == nil || err.Error() != "content/pages/a.md changed while the site was being built: build again" {
		t.Errorf("an edited file: %v", err)
	}
	delete(fsys, "content/pages/b.md")
	if _, err := lazy.Docs[1].Body.HTML(); err == nil || !strings.HasPrefix(err.Error(), "content/pages/b.md: cannot read it again: open: ") {
		t.Errorf("a removed file: %v", err)
	}
}

// TestStamp: the loader's stamp of the content stays while the Markdown files
// stay, changes with a file's size, time or name, and is what Lazy is asked with.
func TestStamp(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_index.md":  {Data: []byte("---\ntitle: Site\n---\n")},
		"content/pages/a.md": {Data: []byte("---\ntitle: A\n---\nA.\n"), ModTime: time.Unix(1000, 0)},
		"content/pic.png":    {Data: []byte("png")},
	}
	stamp := func() uint64 {
		t.Helper()
		l := NewLoader()
		var asked uint64
		l.Lazy = func(s uint64) bool { asked = s; return false }
		if _, err := l.Load(context.Background(), fsys, nil); err != nil {
			t.Fatal(err)
		}
		if asked != l.Stamp() || asked == 0 {
			t.Fatalf("Lazy was asked with %x, the stamp is %x", asked, l.Stamp())
		}
		return asked
	}
	first := stamp()
	if stamp() != first {
		t.Error("the same files stamp differently")
	}
	fsys["content/pic.png"] = &fstest.MapFile{Data: []byte("a new picture")}
	if stamp() != first {
		t.Error("an attachment changed the stamp of the Markdown files")
	}
	for _, c := range []struct {
		name   string
		change func()
	}{
		{"time", func() { fsys["content/pages/a.md"].ModTime = time.Unix(1001, 0) }},
		{"size", func() { fsys["content/pages/a.md"].Data = []byte("---\ntitle: A\n---\nAb.\n") }},
		{"name", func() { fsys["content/pages/b.md"] = fsys["content/pages/a.md"]; delete(fsys, "content/pages/a.md") }},
	} {
		before := stamp()
		c.change()
		if stamp() == before {
			t.Errorf("a file's %s changed, the stamp did not", c.name)
		}
	}
}
