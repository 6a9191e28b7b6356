package themes_test

// These tests build the sample playbook (../content) with the built-in theme and
// check the result as a browser, a validator and a security header would: valid
// HTML, no axe-core violations in light and dark mode, no request to anywhere but
// the site, a clean console, and nothing inline that a strict
// Content-Security-Policy would block. The site is built once per test binary and
// one Chromium serves every browser test.

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pelletier/go-toml/v2"
	"golang.org/x/net/html"

	"github.com/playbookhq/playbook/builder"
	"github.com/playbookhq/playbook/internal/browser"
	"github.com/playbookhq/playbook/themes"
)

// today fixes the sample's upcoming sessions and overdue actions.
var today = time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)

var (
	built struct {
		once sync.Once
		tmp  string // removed by TestMain
		dir  string // the published site
		site *builder.Site
		err  error
	}
	chromium struct {
		once sync.Once
		b    *browser.Browser // closed by TestMain
		err  error
	}
)

func TestMain(m *testing.M) {
	code := m.Run()
	if chromium.b != nil {
		if err := chromium.b.Close(); err != nil {
			fmt.Fprintln(os.Stderr, "closing Chromium:", err)
		}
	}
	if built.tmp != "" {
		os.RemoveAll(built.tmp)
	}
	os.Exit(code)
}

// sampleSite builds the sample playbook once and returns the published folder.
func sampleSite(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		built.tmp, built.err = os.MkdirTemp("", "playbook-sample-")
		if built.err != nil {
			return
		}
		dest := filepath.Join(built.tmp, "public")
		res, err := builder.Build(context.Background(), builder.Options{
			Source: "..",
			Dest:   dest,
			Themes: themes.FS(),
			Today:  today,
		})
		built.dir, built.err = dest, err
		if res != nil {
			built.site = res.Site
		}
	})
	if built.err != nil {
		t.Fatalf("building the sample site: %v", built.err)
	}
	return built.dir
}

// sharedBrowser starts Chromium once for every test of the binary.
func sharedBrowser(t testing.TB) *browser.Browser {
	t.Helper()
	chromium.once.Do(func() { chromium.b, chromium.err = browser.Start(context.Background()) })
	browser.Require(t, chromium.err)
	return chromium.b
}

// serve serves the site under the Content-Security-Policy that the deploy sends
// (netlify.toml at the repository's root), or browser.DefaultCSP until there is one.
func serve(t testing.TB, dir string) string {
	t.Helper()
	return browser.ServeDirCSP(t, dir, deployCSP(t))
}

func deployCSP(t testing.TB) string {
	t.Helper()
	var cfg struct {
		Headers []struct {
			For    string            `toml:"for"`
			Values map[string]string `toml:"values"`
		} `toml:"headers"`
	}
	data, err := os.ReadFile("../netlify.toml")
	if os.IsNotExist(err) {
		return browser.DefaultCSP
	}
	if err == nil {
		err = toml.Unmarshal(data, &cfg)
	}
	if err != nil {
		t.Fatalf("reading netlify.toml: %v", err)
	}
	for _, h := range cfg.Headers {
		if h.For != "/*" {
			continue
		}
		for k, v := range h.Values {
			if strings.EqualFold(k, "Content-Security-Policy") {
				return v
			}
		}
	}
	t.Fatal(`netlify.toml sends no Content-Security-Policy for "/*"`)
	return ""
}

// samplePages are the pages the browser tests load: the home page, the first
// entry of each type, the insights list, the actions page, the facilitator pack
// and search.
func samplePages(t *testing.T, dir string) []string {
	t.Helper()
	pages := []string{"/"}
	for _, typ := range []string{"insights", "analogies", "experiences", "sessions", "pages"} {
		entries, err := os.ReadDir(filepath.Join(dir, typ))
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, e := range entries {
			if !e.IsDir() || strings.HasPrefix(e.Name(), "by-") {
				continue
			}
			if _, err := os.Stat(filepath.Join(dir, typ, e.Name(), "index.html")); err == nil {
				pages = append(pages, "/"+typ+"/"+e.Name()+"/")
				found = true
				break
			}
		}
		if !found {
			t.Fatalf("the sample site has no %s entry page", typ)
		}
	}
	return append(pages, "/insights/", "/actions/", "/pack/", "/search/", "/map/", "/present/", "/sessions/customer-services-march-2026/present/")
}

// htmlFiles lists every HTML file of the site, slash-separated and relative.
func htmlFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(dir, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("the sample site has no HTML file")
	}
	return files
}

func TestSampleSiteValidHTML(t *testing.T) {
	dir := sampleSite(t)
	msgs := browser.VNU(t, dir)
	for _, m := range msgs {
		t.Error(m)
	}
	if len(msgs) > 0 {
		t.Logf("%d errors in %d HTML files", len(msgs), len(htmlFiles(t, dir)))
	}
}

// views are the two ways every page must pass: light and dark, on a laptop.
var views = []browser.View{{}, {Dark: true}}

func TestSampleSiteAccessible(t *testing.T) {
	dir := sampleSite(t)
	b := sharedBrowser(t)
	base := serve(t, dir)
	for _, path := range samplePages(t, dir) {
		t.Run(pageName(path), func(t *testing.T) {
			t.Parallel() // a tab each, one per core
			vs, err := b.RunAxe(base+path, views...)
			browser.Require(t, err)
			for _, v := range vs {
				t.Errorf("%s", v)
			}
		})
	}
}

func TestSampleSiteNoThirdPartyRequests(t *testing.T) {
	dir := sampleSite(t)
	b := sharedBrowser(t)
	base := serve(t, dir)
	for _, path := range samplePages(t, dir) {
		t.Run(pageName(path), func(t *testing.T) {
			t.Parallel()
			p, err := b.Open(base+path, views[0])
			if err != nil {
				t.Fatal(err)
			}
			defer p.Close()
			if p.Status != 200 {
				t.Errorf("status %d", p.Status)
			}
			// The dark scheme may load other images or styles.
			for _, v := range views[1:] {
				if err := p.Emulate(v); err != nil {
					t.Fatal(err)
				}
			}
			for _, r := range p.Requests() {
				if !sameOrigin(base, r.URL) {
					t.Errorf("request to another origin: %s (%s)", r.URL, r.Type)
				}
			}
			for _, m := range p.Console() {
				switch {
				case m.IsCSPViolation():
					t.Errorf("CSP violation: %s", m)
				case m.IsError():
					t.Errorf("console error: %s", m)
				}
			}
		})
	}
}

// sameOrigin reports whether u is on the test server, or needs no network at all.
func sameOrigin(base, u string) bool {
	return strings.HasPrefix(u, base+"/") || u == base || strings.HasPrefix(u, "data:") || strings.HasPrefix(u, "blob:")
}

func pageName(path string) string {
	if name := strings.Trim(path, "/"); name != "" {
		return name
	}
	return "home"
}

func TestSampleSiteNoInlineScriptsOrStyles(t *testing.T) {
	dir := sampleSite(t)
	for _, name := range htmlFiles(t, dir) {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range inlineProblems(data) {
			t.Errorf("%s:%s", name, p)
		}
	}
}

// inlineProblems finds what a strict Content-Security-Policy blocks or a
// no-inline rule forbids: scripts with content, style elements and attributes,
// event handler attributes and javascript: URLs. Each problem is "LINE: what".
// It tokenizes as a browser does, so text that merely mentions these (in a code
// sample, say) is not mistaken for them.
func inlineProblems(data []byte) []string {
	var problems []string
	z := html.NewTokenizer(bytes.NewReader(data))
	line := 1
	inScript := 0 // line of the open <script> without src, 0 outside one
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return problems // io.EOF: the tokenizer accepts any input
		}
		raw := z.Raw()
		at := line
		line += bytes.Count(raw, []byte("\n"))
		report := func(format string, args ...any) {
			problems = append(problems, fmt.Sprintf("%d: %s", at, fmt.Sprintf(format, args...)))
		}
		switch tt {
		case html.TextToken:
			if inScript > 0 && len(bytes.TrimSpace(raw)) > 0 {
				problems = append(problems, fmt.Sprintf("%d: inline <script> with content: %.60q", inScript, bytes.TrimSpace(raw)))
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "script" {
				inScript = 0
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			if tok.Data == "style" {
				report("<style> element")
			}
			hasSrc := false
			for _, a := range tok.Attr {
				key := strings.ToLower(a.Key)
				switch {
				case key == "style":
					report("style attribute on <%s>: %q", tok.Data, a.Val)
				case strings.HasPrefix(key, "on"):
					report("event handler attribute %s on <%s>", a.Key, tok.Data)
				case isJavaScriptURL(a.Val):
					report("javascript: URL in %s of <%s>", a.Key, tok.Data)
				}
				if key == "src" {
					hasSrc = true
				}
			}
			if tok.Data == "script" && tt == html.StartTagToken && !hasSrc {
				inScript = at
			}
		}
	}
}

// isJavaScriptURL reads an attribute value as a browser reads a URL: leading and
// trailing spaces and controls, and tabs and newlines anywhere, are ignored.
func isJavaScriptURL(v string) bool {
	v = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, v)
	v = strings.TrimFunc(v, func(r rune) bool { return r <= ' ' })
	return len(v) >= len("javascript:") && strings.EqualFold(v[:len("javascript:")], "javascript:")
}

func TestInlineProblems(t *testing.T) {
	page := `<!doctype html>
<html lang="en"><head><title>x</title>
<style>p { color: red }</style>
<script src="/a.js"></script>
<script>alert(1)</script>
<script src="/b.js"> </script>
</head>
<body>
<p style="color: red" onclick="go()">x</p>
<a href=" java
script:go()">y</a>
<pre><code>&lt;p style="x" onclick="y"&gt; &lt;script&gt;z&lt;/script&gt;</code></pre>
<p>Write style="..." nowhere; onload is a word.</p>
<svg><style>circle { fill: red }</style></svg>
</body></html>
`
	got := inlineProblems([]byte(page))
	want := []string{
		`3: <style> element`,
		`5: inline <script> with content: "alert(1)"`,
		`9: style attribute on <p>: "color: red"`,
		`9: event handler attribute onclick on <p>`,
		`10: javascript: URL in href of <a>`,
		`14: <style> element`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
