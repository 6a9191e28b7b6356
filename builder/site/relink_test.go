package site

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/playbookhq/playbook/builder/content"
	"github.com/playbookhq/playbook/internal/sitegen"
)

// TestRelinkEqualsFreshLink edits the title of an analogy whose title other
// entries' related entries give as the reason, and checks that the linker that
// linked the playbook before gives the lists and related entries a fresh linker
// gives.
func TestRelinkEqualsFreshLink(t *testing.T) {
	dir := t.TempDir()
	if err := sitegen.Write(dir, sitegen.Options{Entries: 80, Seed: 3, Words: 40}); err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	if err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(dir + "/" + p)
		fsys[p] = &fstest.MapFile{Data: data}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	o := Options{Today: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)}
	load := func(ld *content.Loader, changed []string) *content.Set {
		t.Helper()
		set, err := ld.Load(context.Background(), fsys, changed)
		if err != nil {
			t.Fatal(err)
		}
		return set
	}
	ld, l := content.NewLoader(), NewLinker()
	before, _ := l.Link(load(ld, nil), o)

	// An analogy that a related entry's reason names.
	var path, title string
	for _, e := range before.Entries {
		for _, r := range e.Related {
			for _, a := range e.MirroredBy {
				if strings.Contains(r.Why(), "“"+a.Title+"”") && path == "" {
					path, title = a.doc.File, a.Title
				}
			}
		}
	}
	if path == "" {
		t.Fatal("no related entry is related through an analogy's title")
	}
	f := fsys[path]
	re := regexp.MustCompile(`(?m)^title: .*$`)
	f.Data = re.ReplaceAll(f.Data, []byte("title: Renamed "+title))
	after, _ := l.Link(load(ld, []string{path}), o)
	fresh, _ := NewLinker().Link(load(content.NewLoader(), nil), o)

	got, want := dumpLists(after), dumpLists(fresh)
	if got != want {
		t.Errorf("after the edit, the linker gives\n%s\na fresh linker gives\n%s", got, want)
	}
	if !strings.Contains(got, "“Renamed "+title+"”") {
		t.Errorf("no related entry gives the new title %q as its reason", "Renamed "+title)
	}
}

// dumpLists writes what a site's lists and related entries are, entry by entry.
func dumpLists(s *Site) string {
	var b strings.Builder
	for _, e := range s.Entries {
		fmt.Fprintf(&b, "%s:", e.ID)
		for _, r := range e.Related {
			fmt.Fprintf(&b, " %s (%s)", r.Entry.ID, r.Why())
		}
		b.WriteString("\n")
	}
	for _, sec := range s.Sections {
		fmt.Fprintf(&b, "%s:", sec.Name)
		for _, e := range sec.Entries {
			fmt.Fprintf(&b, " %s", e.ID)
		}
		for _, f := range sec.Facets {
			for _, v := range f.Values {
				fmt.Fprintf(&b, "\n  %s=%s %d", f.Name, v.Slug, len(v.Entries))
			}
		}
		b.WriteString("\n")
	}
	for _, t := range append(s.Themes, s.Tags...) {
		fmt.Fprintf(&b, "%s/%s:", t.Kind, t.Slug)
		for _, e := range t.Entries {
			fmt.Fprintf(&b, " %s", e.ID)
		}
		b.WriteString("\n")
	}
	return b.String()
}
