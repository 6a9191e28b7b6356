package site

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/playbookhq/playbook/builder/content"
	"github.com/playbookhq/playbook/internal/sitegen"
)

// BenchmarkLink links a generated playbook again, as each dev-server rebuild does:
// the documents and their resolved links are the same, the site is new.
//
//	PLAYBOOK_BENCH_DIR=/mnt/tmpfs go test -run '^$' -bench Link ./builder/site/
func BenchmarkLink(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			root := os.Getenv("PLAYBOOK_BENCH_DIR")
			if root == "" {
				root = b.TempDir()
			}
			dir, err := sitegen.Cached(root, fmt.Sprintf("site-%d", n), sitegen.Options{Entries: n, Seed: 1})
			if err != nil {
				b.Fatal(err)
			}
			set, err := content.NewLoader().Load(context.Background(), os.DirFS(dir), nil)
			if err != nil {
				b.Fatal(err)
			}
			l := NewLinker()
			o := Options{Today: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)}
			l.Link(set, o)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				l.Link(set, o)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/entry")
		})
	}
}
