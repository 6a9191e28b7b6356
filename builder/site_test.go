package builder

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/playbookhq/playbook/builder/internal/sitetest"
)

// today is the date every test builds for.
var today = time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)

// siteFS reads a site written inline as a txtar archive (see package sitetest).
var siteFS = sitetest.FS

// Tests build with testdata/themes/plain, a small theme of the tests' own that
// prints every relation, so that they do not depend on the default theme's design.

const minimalSite = sitetest.Minimal

// build builds an inline site into memory.
func build(t *testing.T, archive string, mod func(*Options)) (*Result, *MemSink, error) {
	t.Helper()
	o := Options{Source: "site", FS: siteFS(archive), Today: today, Themes: os.DirFS("testdata/themes")}
	if mod != nil {
		mod(&o)
	}
	sink := NewMemSink()
	res, err := NewBuilder(o, sink).Build(context.Background())
	return res, sink, err
}

// mustBuild builds and fails the test on any error or warning.
func mustBuild(t *testing.T, archive string, mod func(*Options)) (*Result, *MemSink) {
	t.Helper()
	res, sink, err := build(t, archive, mod)
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	if len(res.Diagnostics) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", diagText(res.Diagnostics))
	}
	return res, sink
}

func diagText(l Diagnostics) string {
	var b strings.Builder
	l.Write(&b, "text")
	return b.String()
}

func page(t *testing.T, sink *MemSink, path string) string {
	t.Helper()
	b, ok := sink.Get(path)
	if !ok {
		t.Fatalf("no output %s; have %v", path, sink.Paths())
	}
	return string(b)
}

func TestMinimalSiteBuildsClean(t *testing.T) {
	res, sink := mustBuild(t, minimalSite, nil)
	if got := len(res.Site.Entries); got != 6 {
		t.Errorf("published %d entries, want 6", got)
	}
	for _, p := range []string{
		"index.html", "insights/index.html", "insights/queue/index.html", "analogies/triage/index.html",
		"experiences/waiting-room/index.html", "sessions/march/index.html", "pages/about/index.html",
		"themes/index.html", "themes/hidden-rules/index.html", "tags/counter/index.html", "actions/index.html",
		"pack/index.html", "search/index.html", "404.html", "feed.xml", "feed.json", "sitemap.xml", "_redirects",
	} {
		page(t, sink, p)
	}
}

// TestFacetPages: a facet value that several entries have gets a page, paginated;
// one that a single entry has links to the entry instead.
func TestFacetPages(t *testing.T) {
	extra := ""
	for i := range 30 {
		extra += fmt.Sprintf("-- content/insights/more-%02d.md --\n---\ntitle: More %d\nsummary: s\ndate: 2026-01-%02d\nkind: [broken]\ncustomer: walk-in residents\nevidence: [{quote: q}]\n---\nBody.\n", i, i, 1+i%28)
	}
	res, sink := mustBuild(t, minimalSite+extra, nil)
	page(t, sink, "insights/by-kind/broken/index.html")
	page(t, sink, "insights/by-kind/broken/page/2/index.html")
	if _, ok := sink.Get("insights/by-kind/frustrating/index.html"); ok {
		t.Error("a value of one entry has a page of its own")
	}
	v := res.Site.Section("insights").Facet("kind").Value("frustrating")
	if v.URL() != "/insights/queue/" || v.HasPage() {
		t.Errorf("the value of one entry links to %s (page %v), want the entry", v.URL(), v.HasPage())
	}
	if got := page(t, sink, "insights/page/2/index.html"); !strings.Contains(got, "More") {
		t.Errorf("the list's second page shows no entry:\n%s", got)
	}
}

func TestBuildErrorIsBuildError(t *testing.T) {
	_, _, err := build(t, minimalSite+"-- content/insights/bad.md --\n---\ntitle: x\n---\n", nil)
	var be *BuildError
	if !errors.As(err, &be) {
		t.Fatalf("err = %v, want a *BuildError", err)
	}
}

// TestInterruptStops: a build whose context ends stops at the next step or page,
// says so (context.Canceled), and publishes nothing.
func TestInterruptStops(t *testing.T) {
	full, _ := mustBuild(t, minimalSite, nil)
	for _, at := range []string{"loaded", "rendering"} {
		ctx, cancel := context.WithCancel(context.Background())
		o := Options{Source: "site", FS: siteFS(minimalSite), Today: today, Themes: os.DirFS("testdata/themes")}
		sink := NewMemSink()
		var once sync.Once
		stop := func() { once.Do(cancel) }
		if at == "loaded" {
			o.Loaded = stop
		}
		put := &countingSink{Sink: sink}
		if at == "rendering" {
			put.after, put.then = 3, stop
		}
		_, err := NewBuilder(o, put).Build(ctx)
		cancel()
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s: err = %v, want context.Canceled", at, err)
		}
		if n := len(sink.Paths()); n >= full.Outputs {
			t.Errorf("%s: %d of %d files written after the interrupt", at, n, full.Outputs)
		}
	}
}

// countingSink calls then once after files have been put.
type countingSink struct {
	Sink
	mu    sync.Mutex
	n     int
	after int
	then  func()
}

func (c *countingSink) Put(p string, data []byte) error {
	c.mu.Lock()
	c.n++
	if c.then != nil && c.n == c.after {
		c.then()
	}
	c.mu.Unlock()
	return c.Sink.Put(p, data)
}
