package builder

import (
	"context"
	"path"
	"strings"
	"testing"

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
