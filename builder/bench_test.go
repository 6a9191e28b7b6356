package builder

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/playbookhq/playbook/internal/sitegen"
	"github.com/playbookhq/playbook/themes"
)

// benchDir holds generated sites and outputs. Point PLAYBOOK_BENCH_DIR at a tmpfs
// folder: on a slow disk, creating 10,000 files hides everything else.
func benchDir(b *testing.B) string {
	if d := os.Getenv("PLAYBOOK_BENCH_DIR"); d != "" {
		return d
	}
	return b.TempDir()
}

// generatedSite is a generated playbook of that many entries, kept in benchDir.
func generatedSite(b *testing.B, entries int) string {
	dir, err := sitegen.Cached(benchDir(b), fmt.Sprintf("site-%d", entries), sitegen.Options{Entries: entries, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	return dir
}

// peakHeap samples the live heap while fn runs and returns its largest value.
func peakHeap(fn func()) uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	})
	fn()
	close(done)
	wg.Wait()
	return peak
}

// BenchmarkBuild is `playbook build --fresh` of generated playbooks with the default
// theme (load, link, render every page and publish into a fresh folder), its share cards already
// kept in resources/ as after a first build: time, allocations and output bytes
// per entry, and the peak of the live heap.
//
//	PLAYBOOK_BENCH_DIR=/mnt/tmpfs go test -run '^$' -bench Build -benchtime 5x ./builder/
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			benchBuild(b, n, themes.FS(), "")
		})
	}
}

// BenchmarkBuildMinimal uses testdata/themes/minimal: the templates of the minimal
// Hugo site that sitegen -hugo writes, so that the two compare on equal pages.
func BenchmarkBuildMinimal(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			benchBuild(b, n, os.DirFS("testdata/themes"), "minimal")
		})
	}
}

func benchBuild(b *testing.B, n int, themeFS fs.FS, theme string) {
	src := generatedSite(b, n)
	// StyleCache keeps share cards in the site's resources/, as playbook build does:
	// the warm-up build draws them, the measured ones copy them.
	// Fresh: every build renders every page, rather than linking the last one's.
	o := Options{Source: src, Dest: filepath.Join(benchDir(b), fmt.Sprintf("out-%d-%s", n, theme)), Today: today, Themes: themeFS, Theme: theme, StyleCache: true, Fresh: true}
	if _, err := Build(context.Background(), o); err != nil {
		b.Fatal(err)
	}
	var out int64
	filepath.WalkDir(o.Dest, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				out += info.Size()
			}
		}
		return nil
	})
	b.ReportAllocs()
	var peak uint64
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	for b.Loop() {
		peak = max(peak, peakHeap(func() {
			if _, err := Build(context.Background(), o); err != nil {
				b.Fatal(err)
			}
		}))
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	per := float64(b.N) * float64(n)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/per, "ns/entry")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/per, "allocs/entry")
	b.ReportMetric(float64(out)/float64(n), "out-bytes/entry")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}

// BenchmarkRebuild is the dev server's rebuild after an edit, without the watcher
// and the event stream: a body edit and a title edit of one insight, alternating
// with the edit undone, on a generated playbook built once into memory.
//
//	PLAYBOOK_BENCH_DIR=/mnt/tmpfs go test -run '^$' -bench Rebuild -benchtime 20x ./builder/
func BenchmarkRebuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		src := generatedSite(b, n)
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			o := Options{Source: src, Today: today, Themes: themes.FS(), Serve: true, KeepGoing: true}
			bd := NewBuilder(o, NewMemSink())
			defer bd.Close()
			if _, err := bd.Build(context.Background()); err != nil {
				b.Fatal(err)
			}
			var file string
			filepath.WalkDir(filepath.Join(src, "content", "insights"), func(p string, d fs.DirEntry, err error) error {
				if file == "" && err == nil && !d.IsDir() && filepath.Ext(p) == ".md" {
					file = p
				}
				return nil
			})
			orig, err := os.ReadFile(file)
			if err != nil {
				b.Fatal(err)
			}
			defer os.WriteFile(file, orig, 0o644)
			rel, _ := filepath.Rel(src, file)
			for _, kind := range []string{"body", "title"} {
				b.Run(kind, func(b *testing.B) {
					edited := append(append([]byte{}, orig...), "\nOne more line.\n"...)
					if kind == "title" {
						edited = []byte(strings.Replace(string(orig), "title: ", "title: Edited ", 1))
					}
					i := 0
					steps := map[string]time.Duration{}
					for b.Loop() {
						data := edited
						if i%2 == 1 {
							data = orig
						}
						i++
						os.WriteFile(file, data, 0o644)
						res, err := bd.Rebuild(context.Background(), []string{filepath.ToSlash(rel)})
						if err != nil {
							b.Fatal(err)
						}
						for _, t := range res.Timings {
							steps[t.Stage] += t.Duration
						}
					}
					b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/rebuild")
					for name, d := range steps {
						b.ReportMetric(float64(d.Microseconds())/1000/float64(b.N), name+"-ms")
					}
				})
			}
		})
	}
}
