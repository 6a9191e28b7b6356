package devserver

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/playbookhq/playbook/builder"
	"github.com/playbookhq/playbook/internal/sitegen"
	"github.com/playbookhq/playbook/themes"
)

// BenchmarkEditToReload measures what an author waits for: from writing a file
// to the moment an open page receives its reload event, through a real watcher,
// the batcher, a rebuild and the event stream, on a generated site of 10,000
// entries (PLAYBOOK_BENCH_ENTRIES to change). Each edit is one iteration; the
// metrics are medians, in milliseconds, with the time split by stage:
//
//	watch     the write until the watcher reported it
//	debounce  the batch's quiet period
//	load, link, theme, ahead, list, copy, render   the builder's stages (Result.Timings)
//	event     classifying the change and sending the event
//	sent-ahead  from the build's start to the event for the edited entry's page,
//	          rendered ahead of the rest (builder.Options.Ahead): the page reloads
//	          then, while the build goes on
//	deliver   the event's way to the page (an HTTP client reading the stream)
//
// Generating and first building the site takes minutes: point PLAYBOOK_BENCH_DIR
// at a tmpfs folder, which keeps the site between runs, and use a fixed count.
// PLAYBOOK_BENCH_PROFILE=DIR writes a CPU profile of each kind of edit there.
//
//	go test ./builder/devserver -run '^$' -bench EditToReload -benchtime 15x
func BenchmarkEditToReload(b *testing.B) {
	n := 10000
	if s := os.Getenv("PLAYBOOK_BENCH_ENTRIES"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			b.Fatalf("PLAYBOOK_BENCH_ENTRIES=%q: %v", s, err)
		}
	}
	dir := benchSite(b, n)
	entry := firstEntry(b, dir, "insights")
	orig, err := os.ReadFile(filepath.Join(dir, entry))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { os.WriteFile(filepath.Join(dir, entry), orig, 0o644) })

	start := time.Now()
	r := serve(b, dir, builder.Options{Themes: themes.FS()})
	b.Logf("%d entries: first build and serve in %v", n, time.Since(start).Round(time.Millisecond))
	ev := openEvents(b, r.base)
	ev.expect("hello", 10*time.Second)
	page := strings.TrimSuffix(strings.TrimPrefix(entry, "content/insights/"), ".md")
	page = "insights/" + page[strings.LastIndex(page, "/")+1:] + "/index.html"

	title := regexp.MustCompile(`(?m)^title: .*$`)
	edits := []struct {
		name string
		edit func(i int) []byte
	}{
		{"body", func(i int) []byte {
			return fmt.Appendf(slices.Clip(orig), "\nA sentence added by edit %d of the benchmark.\n", i)
		}},
		{"title", func(i int) []byte {
			return title.ReplaceAllFunc(orig, func(line []byte) []byte { return fmt.Appendf(nil, "title: Retitled %d", i) })
		}},
	}
	iter := 0
	for _, e := range edits {
		b.Run(e.name, func(b *testing.B) {
			stages := map[string][]time.Duration{}
			var order []string
			add := func(stage string, d time.Duration) {
				if _, ok := stages[stage]; !ok {
					order = append(order, stage)
				}
				stages[stage] = append(stages[stage], d)
			}
			rendered, changed := 0, 0
			stop := profile(b, e.name)
			defer stop()
			for b.Loop() {
				iter++
				data := e.edit(iter)
				t0 := time.Now()
				if err := os.WriteFile(filepath.Join(dir, entry), data, 0o644); err != nil {
					b.Fatal(err)
				}
				ev.within(10*time.Minute, e.name+" edit", func(name string, m message) bool {
					return name == "reload" && (m.All || slices.Contains(m.Changed, page))
				})
				t1 := time.Now()
				// The build that sent it; an earlier one (the write seen as two
				// batches) would have been for the same edit.
				var rep Report
				for rep.Sent.IsZero() || slices.Index(rep.Changed, page) < 0 {
					select {
					case rep = <-r.builds:
					case <-time.After(time.Minute):
						b.Fatal("no report of the build")
					}
				}
				add("total", t1.Sub(t0))
				add("watch", rep.First.Sub(t0))
				add("debounce", rep.Ready.Sub(rep.First))
				add("queue", rep.Start.Sub(rep.Ready))
				var staged time.Duration
				for _, tm := range rep.Timings {
					add(tm.Stage, tm.Duration)
					staged += tm.Duration
				}
				add("build-other", rep.Built.Sub(rep.Start)-staged)
				add("event", rep.Sent.Sub(rep.Built))
				sent := rep.Sent
				if !rep.AheadSent.IsZero() && slices.Contains(rep.Ahead, page) {
					sent = rep.AheadSent
					add("sent-ahead", sent.Sub(rep.Start))
				}
				add("deliver", t1.Sub(sent))
				rendered, changed = rep.Rendered, len(rep.Changed)
			}
			var line strings.Builder
			for _, stage := range order {
				m := median(stages[stage])
				b.ReportMetric(float64(m)/float64(time.Millisecond), stage+"-ms")
				fmt.Fprintf(&line, " %s %.1f", stage, float64(m)/float64(time.Millisecond))
			}
			b.Logf("%s edit, median ms of %d:%s; the last rendered %d pages, %d changed", e.name, len(stages["total"]), line.String(), rendered, changed)
		})
	}
}

// profile writes a CPU profile of the edits (not of the first build) to
// $PLAYBOOK_BENCH_PROFILE/<name>.pprof, for `go tool pprof`.
func profile(b *testing.B, name string) func() {
	dir := os.Getenv("PLAYBOOK_BENCH_PROFILE")
	if dir == "" {
		return func() {}
	}
	f, err := os.Create(filepath.Join(dir, name+".pprof"))
	if err != nil {
		b.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		b.Fatal(err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// benchSite returns a generated site of n entries, kept in PLAYBOOK_BENCH_DIR
// between runs.
func benchSite(b *testing.B, n int) string {
	root := os.Getenv("PLAYBOOK_BENCH_DIR")
	if root == "" {
		root = b.TempDir()
	}
	dir, err := sitegen.Cached(root, fmt.Sprintf("serve-%d", n), sitegen.Options{Entries: n, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	return dir
}

// firstEntry returns the source-relative path of the first entry of a type.
func firstEntry(b *testing.B, dir, typ string) string {
	var found string
	filepath.WalkDir(filepath.Join(dir, "content", typ), func(p string, d os.DirEntry, err error) error {
		if err == nil && found == "" && !d.IsDir() && strings.HasSuffix(p, ".md") && d.Name() != "_index.md" {
			found = p
		}
		return nil
	})
	if found == "" {
		b.Fatalf("no %s in %s", typ, dir)
	}
	rel, _ := filepath.Rel(dir, found)
	return filepath.ToSlash(rel)
}
