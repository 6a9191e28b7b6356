package builder

import (
	"context"
	"errors"
	"os"
	"strings"
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
		"insights/by-kind/frustrating/index.html",
	} {
		page(t, sink, p)
	}
}

func TestBuildErrorIsBuildError(t *testing.T) {
	_, _, err := build(t, minimalSite+"-- content/insights/bad.md --\n---\ntitle: x\n---\n", nil)
	var be *BuildError
	if !errors.As(err, &be) {
		t.Fatalf("err = %v, want a *BuildError", err)
	}
}
