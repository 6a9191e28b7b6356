package builder

import (
	"context"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/builder/render"
	"github.com/playbookhq/playbook/internal/sitegen"
	"github.com/playbookhq/playbook/themes"
)

// Page size budgets, for a generated playbook of 1,000 entries with the default
// theme: what a phone must load. No page but the facilitator pack (which is every
// run sheet, to print) is over pageBudget; the pages that grow with the playbook
// (a facet's list of every value) are held to a tenth of it, since they are ten
// times larger at 10,000 entries; an entry page is entryAverage bytes on average
// (about 17.3 KB now: the aim is 15).
const (
	pageBudget    = 512 << 10
	growingBudget = pageBudget / 10
	entryAverage  = 18 << 10
)

func TestPageSizes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 1,000 entries")
	}
	dir := t.TempDir()
	if err := sitegen.Write(dir, sitegen.Options{Entries: 1000, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	sink := NewMemSink()
	o := Options{Source: dir, Today: today, Themes: themes.FS()}
	if _, err := NewBuilder(o, sink).Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	var entries, entryBytes int
	for _, p := range sink.Paths() {
		data, _ := sink.Get(p)
		if !strings.HasSuffix(p, ".html") || p == "pack/index.html" {
			continue
		}
		parts := strings.Split(p, "/")
		budget := pageBudget
		if len(parts) == 3 && strings.HasPrefix(parts[1], "by-") {
			budget = growingBudget // /<type>/by-<facet>/index.html: every value
		}
		if len(data) > budget {
			t.Errorf("%s is %d KB, over its budget of %d KB", p, len(data)>>10, budget>>10)
		}
		if len(parts) == 3 && parts[2] == "index.html" && isType(parts[0]) && !strings.HasPrefix(parts[1], "by-") && parts[1] != "page" {
			entries++
			entryBytes += len(data)
		}
	}
	if entries < 900 {
		t.Fatalf("only %d entry pages", entries)
	}
	if avg := entryBytes / entries; avg > entryAverage {
		t.Errorf("entry pages are %d KB on average, over %d KB", avg>>10, entryAverage>>10)
	} else {
		t.Logf("%d entry pages, %.1f KB on average", entries, float64(avg)/1024)
	}
}

func isType(name string) bool {
	switch path.Clean(name) {
	case "insights", "analogies", "experiences", "sessions", "pages":
		return true
	}
	return false
}

// TestValuesPagesHaveEveryValue: a free-text facet has about a value an entry, so
// its page of values has pages of its own, as a list does. With pages of four,
// the first is at /analogies/by-domain/ and the others at .../page/N/; together,
// in order, they list every value the one page lists, and no page lists more
// than four.
func TestValuesPagesHaveEveryValue(t *testing.T) {
	dir := t.TempDir()
	if err := sitegen.Write(dir, sitegen.Options{Entries: 60, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	build := func() *MemSink {
		sink := NewMemSink()
		if _, err := NewBuilder(Options{Source: dir, Today: today, Themes: themes.FS()}, sink).Build(context.Background()); err != nil {
			t.Fatal(err)
		}
		return sink
	}
	valueRe := regexp.MustCompile(`<li><a href="([^"]*)">([^<]*)</a> <span class="count">`)
	values := func(sink *MemSink, path string) []string {
		data, ok := sink.Get(path)
		if !ok {
			t.Fatalf("no %s", path)
		}
		var out []string
		for _, m := range valueRe.FindAllStringSubmatch(string(data), -1) {
			out = append(out, m[2])
		}
		return out
	}
	whole := values(build(), "analogies/by-domain/index.html")
	if len(whole) < 9 {
		t.Fatalf("the values page lists %d values; the test wants more than two pages of four", len(whole))
	}

	defer func(n int) { render.ValuesPageSize = n }(render.ValuesPageSize)
	render.ValuesPageSize = 4
	sink := build()
	var joined []string
	pages := (len(whole) + 3) / 4
	for n := 1; n <= pages; n++ {
		path := "analogies/by-domain/index.html"
		if n > 1 {
			path = fmt.Sprintf("analogies/by-domain/page/%d/index.html", n)
		}
		part := values(sink, path)
		if len(part) == 0 || len(part) > 4 {
			t.Errorf("%s lists %d values", path, len(part))
		}
		data, _ := sink.Get(path)
		up := strings.Repeat("../", strings.Count(path, "/"))
		if next := fmt.Sprintf(`href="%sanalogies/by-domain/page/%d/" rel="next"`, up, n+1); n < pages && !strings.Contains(string(data), next) {
			t.Errorf("%s does not link to the next page (%s)", path, next)
		}
		joined = append(joined, part...)
	}
	if _, ok := sink.Get(fmt.Sprintf("analogies/by-domain/page/%d/index.html", pages+1)); ok {
		t.Errorf("a page after the last")
	}
	if !slices.Equal(joined, whole) {
		t.Errorf("the pages list\n%q\nthe one page listed\n%q", joined, whole)
	}
}
