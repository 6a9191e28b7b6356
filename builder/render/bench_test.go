package render

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/playbookhq/playbook/builder/content"
	"github.com/playbookhq/playbook/builder/site"
	"github.com/playbookhq/playbook/builder/theme"
	"github.com/playbookhq/playbook/internal/sitegen"
	"github.com/playbookhq/playbook/themes"
)

// BenchmarkPages renders each kind of page of a generated playbook of 1,000
// entries with the default theme, without writing anything, and reports the time
// and allocations of a page of each kind.
//
//	PLAYBOOK_BENCH_DIR=/mnt/tmpfs go test -run '^$' -bench Pages ./builder/render/
func BenchmarkPages(b *testing.B) {
	root := os.Getenv("PLAYBOOK_BENCH_DIR")
	if root == "" {
		root = b.TempDir()
	}
	dir, err := sitegen.Cached(root, "site-1000", sitegen.Options{Entries: 1000, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	fsys := os.DirFS(dir)
	set, err := content.NewLoader().Load(context.Background(), fsys, nil)
	if err != nil {
		b.Fatal(err)
	}
	s, _ := site.NewLinker().Link(set, site.Options{Today: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)})
	th, err := theme.Load(fsys, themes.FS(), "default")
	if err != nil {
		b.Fatal(err)
	}
	ts, diags := LoadTemplates(th)
	if len(diags) > 0 {
		b.Fatal(diags)
	}
	outs := Outputs(s, ts, 0)
	byKind := map[string][]*Output{}
	for _, o := range outs {
		if o.Page != nil {
			byKind[o.Page.Kind] = append(byKind[o.Page.Kind], o)
		}
	}
	assets := map[string]string{"main.css": "/assets/main.css", "js/site.js": "/assets/js/site.js", "js/search.js": "/assets/js/search.js", "js/filters.js": "/assets/js/filters.js", "js/share.js": "/assets/js/share.js"}
	for _, kind := range []string{"entry", "list", "facet", "term", "home", "actions"} {
		pages := byKind[kind]
		b.Run(fmt.Sprintf("kind=%s", kind), func(b *testing.B) {
			r := NewRenderer()
			r.Render(context.Background(), ts, pages, assets, 0, func(string, []byte) error { return nil }) // warm the pieces
			var buf bytes.Buffer
			b.ReportAllocs()
			i := 0
			bytesOut := 0
			for b.Loop() {
				buf.Reset()
				if _, err := r.renderOne(&buf, ts, pages[i%len(pages)], assets); err != nil {
					b.Fatal(err)
				}
				bytesOut += buf.Len()
				i++
			}
			b.ReportMetric(float64(bytesOut)/float64(b.N), "bytes/page")
		})
	}
}
