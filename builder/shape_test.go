package builder

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/playbookhq/playbook/builder/render"
	"github.com/playbookhq/playbook/builder/search"
	"github.com/playbookhq/playbook/builder/site"
	"github.com/playbookhq/playbook/builder/theme"
)

// TestKeptSiteStaysAsItWas keeps the Site of one build, runs rebuilds with edits
// while rendering the kept site again and again beside them, and checks that it
// renders the bytes it rendered before: no build writes the values of another.
func TestKeptSiteStaysAsItWas(t *testing.T) {
	fsys := siteFS(hiddenSite)
	o := Options{Source: "site", FS: fsys, Today: today, Themes: os.DirFS("testdata/themes")}
	b := NewBuilder(o, NewMemSink())
	res, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	kept := res.Site
	// The theme is read once: the edits below change the files under the test.
	th, err := theme.Load(fsys, os.DirFS("testdata/themes"), kept.Theme)
	if err != nil {
		t.Fatal(err)
	}
	ts, diags := render.LoadTemplates(th)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	before := renderSite(t, ts, kept)

	edit := func(path, old, new string) []string {
		t.Helper()
		f := fsys[path]
		if !strings.Contains(string(f.Data), old) {
			t.Fatalf("%s lacks %q", path, old)
		}
		fsys[path] = &fstest.MapFile{Data: []byte(strings.Replace(string(f.Data), old, new, 1))}
		return []string{path}
	}
	steps := []func() []string{
		func() []string { return edit("content/insights/queue.md", "Residents wait", "Residents queue") },
		func() []string {
			return edit("content/analogies/triage.md", "title: Emergency triage", "title: Triage in A&E")
		},
		func() []string {
			return edit("content/sessions/march.md", "status: open", "status: done")
		},
		func() []string { return edit("content/insights/secret-draft.md", "draft: true", "draft: false") },
		func() []string {
			fsys["content/insights/fresh.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Fresh\nsummary: New.\ndate: 2026-06-01\nkind: [broken]\ncustomer: c\nevidence: [{quote: q}]\nthemes: [waiting]\n---\nLinks [[triage]].\n")}
			return []string{"content/insights/fresh.md"}
		},
		func() []string { delete(fsys, "content/pages/about.md"); return []string{"content/pages/about.md"} },
		func() []string { return edit("content/_index.md", "title: Test playbook", "title: Renamed playbook") },
	}
	var wg sync.WaitGroup
	done := make(chan struct{})
	// The kept site is read while the rebuilds run: the race detector sees any
	// write of a rebuild to it.
	wg.Go(func() {
		for {
			select {
			case <-done:
				return
			default:
				renderSite(t, ts, kept)
			}
		}
	})
	for _, step := range steps {
		if _, err := b.Rebuild(context.Background(), step()); err != nil {
			t.Fatal(err)
		}
	}
	close(done)
	wg.Wait()

	after := renderSite(t, ts, kept)
	if len(after) != len(before) {
		t.Errorf("the kept site renders %d files, it rendered %d", len(after), len(before))
	}
	for p, data := range before {
		if !bytes.Equal(after[p], data) {
			t.Errorf("%s of the kept site changed after later builds:\n--- before\n%s\n--- after\n%s", p, data, after[p])
		}
	}
}

// renderSite renders every page, feed and index file of a site afresh.
func renderSite(t *testing.T, ts *render.Templates, s *site.Site) map[string][]byte {
	outs := render.Outputs(s, ts, 0)
	files, err := search.New().Files(context.Background(), s, false)
	if err != nil {
		t.Error(err)
	}
	for _, f := range files {
		outs = append(outs, &render.Output{Path: f.Path, URL: "/" + f.Path, Data: f.Data, Key: f.Key})
	}
	out := map[string][]byte{}
	var mu sync.Mutex
	_, diags, err := render.NewRenderer().Render(context.Background(), ts, outs, map[string]string{"main.css": "/assets/main.css"}, 0,
		func(p string, data []byte) error {
			mu.Lock()
			out[p] = bytes.Clone(data)
			mu.Unlock()
			return nil
		})
	if err != nil || len(diags) > 0 {
		t.Errorf("rendering the kept site: %v %v", err, diags)
	}
	return out
}

// packageRank orders the project's packages: each may import only packages of a
// lower rank, so that imports run one way, from the command down to the content
// model. Stages of one rank (render, search, style, publish, digest) do not import
// each other.
var packageRank = map[string]int{
	"cmd/playbook":                 100,
	"themes/gen":                   100,
	"internal/browser/cmd/shot":    100,
	"builder/devserver":            90,
	"builder":                      80,
	"builder/render":               60,
	"builder/search":               60,
	"builder/style":                60,
	"builder/publish":              60,
	"builder/digest":               60,
	"builder/theme":                40,
	"builder/site":                 35,
	"builder/cms":                  34,
	"builder/schema":               32,
	"builder/content":              30,
	"builder/mdext":                20,
	"builder/social":               20,
	"builder/sass":                 20,
	"builder/sass/sasstest":        25,
	"builder/model":                10,
	"internal/sitegen/cmd/sitegen": 100,
	"builder/diag":                 0,
	"builder/internal/keys":        0,
	"builder/internal/work":        0,
	"builder/internal/safefs":      0,
	"internal/sitegen":             0,
	"builder/internal/sitetest":    0,
	"internal/browser":             0,
	"themes":                       0,
}

// TestImportsRunDownward reads the package graph with `go list` and refuses an
// import upward or sideways.
func TestImportsRunDownward(t *testing.T) {
	cmd := exec.Command("go", "list", "-json", "github.com/playbookhq/playbook/...")
	out, err := cmd.Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	const module = "github.com/playbookhq/playbook/"
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var p struct {
			ImportPath string
			Imports    []string
		}
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		name := strings.TrimPrefix(p.ImportPath, module)
		rank, ok := packageRank[name]
		if !ok {
			t.Errorf("package %s has no place in packageRank: give it one", name)
			continue
		}
		for _, imp := range p.Imports {
			dep, ours := strings.CutPrefix(imp, module)
			if !ours {
				continue
			}
			if r, ok := packageRank[dep]; ok && r >= rank {
				t.Errorf("%s (rank %d) imports %s (rank %d): imports run only downward", name, rank, dep, r)
			}
		}
	}
}
