package main

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"

	"github.com/playbookhq/playbook/builder/cms"
	"github.com/playbookhq/playbook/internal/browser"
)

// netlifyConfig is the part of netlify.toml that SPEC §9 is about.
type netlifyConfig struct {
	Build struct {
		Command     string            `toml:"command"`
		Publish     string            `toml:"publish"`
		Environment map[string]string `toml:"environment"`
	} `toml:"build"`
	Context map[string]struct {
		Command string `toml:"command"`
	} `toml:"context"`
	Plugins []struct {
		Package string `toml:"package"`
	} `toml:"plugins"`
	Headers []struct {
		For    string            `toml:"for"`
		Values map[string]string `toml:"values"`
	} `toml:"headers"`
}

func readNetlify(t *testing.T) netlifyConfig {
	t.Helper()
	var c netlifyConfig
	data, err := os.ReadFile("../../netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	dec := toml.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		t.Errorf("netlify.toml: %v (a key this test does not know?)", err)
	}
	return c
}

// headersFor returns the headers Netlify sends for a path: every rule whose
// pattern matches it, in order. A header that two rules set is reported twice, so
// that a test can refuse it: Netlify may combine the values.
func headersFor(c netlifyConfig, p string) map[string][]string {
	out := map[string][]string{}
	for _, h := range c.Headers {
		match := h.For == p
		if prefix, ok := strings.CutSuffix(h.For, "*"); ok {
			match = strings.HasPrefix(p, prefix)
		}
		if match {
			for k, v := range h.Values {
				out[k] = append(out[k], v)
			}
		}
	}
	return out
}

func TestNetlifyBuild(t *testing.T) {
	c := readNetlify(t)
	if c.Build.Publish != "public" {
		t.Errorf("publish = %q, want public", c.Build.Publish)
	}
	for _, tc := range []struct{ where, command, url string }{
		{"production", c.Build.Command, `"$URL"`},
		{"deploy-preview", c.Context["deploy-preview"].Command, `"$DEPLOY_PRIME_URL"`},
		{"branch-deploy", c.Context["branch-deploy"].Command, `"$DEPLOY_PRIME_URL"`},
	} {
		// The same set-up as CI installs the pinned Dart Sass and the Go modules.
		if !strings.HasPrefix(tc.command, ".ci/setup && ") {
			t.Errorf("%s: command %q should start with the set-up, .ci/setup", tc.where, tc.command)
		}
		if !strings.Contains(tc.command, "go run ./cmd/playbook build --base-url "+tc.url) {
			t.Errorf("%s: command %q should build with --base-url %s", tc.where, tc.command, tc.url)
		}
	}
	if _, err := os.Stat("../../.ci/setup"); err != nil {
		t.Error(err)
	}
}

// TestNetlifyKeepsResources runs the build plugin that netlify.toml names with a
// stand-in for Netlify's cache that copies folders in and out, around real builds:
// a first deploy keeps resources/ and its output; the next deploy starts from a
// fresh checkout, gets both back before the build, and renders nothing again.
func TestNetlifyKeepsResources(t *testing.T) {
	c := readNetlify(t)
	if len(c.Plugins) != 1 || c.Plugins[0].Package != "./netlify/keep-resources" {
		t.Fatalf("plugins = %+v, want the one that keeps resources/", c.Plugins)
	}
	dir := filepath.Join("..", "..", c.Plugins[0].Package)
	if _, err := os.Stat(filepath.Join(dir, "manifest.yml")); err != nil {
		t.Fatal(err)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		if browser.InCI() {
			t.Fatal("node is needed to run the Netlify plugin")
		}
		t.Skip("no node")
	}
	plugin, err := filepath.Abs(filepath.Join(dir, "index.js"))
	if err != nil {
		t.Fatal(err)
	}
	site, cache := sampleSite(t), t.TempDir()
	script := `
const fs = require("node:fs"), path = require("node:path");
const [plugin, hook, cache, publish] = process.argv.slice(1);
const utils = { cache: {
  restore: async (p) => {
    const from = path.join(cache, p);
    if (!fs.existsSync(from)) return false;
    fs.cpSync(from, p, { recursive: true });
    console.log("restored " + p);
    return true;
  },
  save: async (p) => {
    fs.rmSync(path.join(cache, p), { recursive: true, force: true });
    fs.cpSync(p, path.join(cache, p), { recursive: true });
    console.log("saved " + p);
    return true;
  },
} };
require(plugin)[hook]({ utils, constants: { PUBLISH_DIR: publish } });`
	hook := func(name string) string {
		t.Helper()
		cmd := exec.Command(node, "-e", script, plugin, name, cache, filepath.Join(site, "public"))
		cmd.Dir = site
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", name, err, out)
		}
		return string(out)
	}
	hook("onPreBuild")
	total, _ := build(t, "--source", site)
	if out := hook("onPostBuild"); !strings.Contains(out, "saved resources") || !strings.Contains(out, "saved public") {
		t.Fatalf("the first deploy kept:\n%s", out)
	}
	// The next deploy: a fresh checkout, without resources/ or public/.
	for _, d := range []string{"resources", "public"} {
		if err := os.RemoveAll(filepath.Join(site, d)); err != nil {
			t.Fatal(err)
		}
	}
	if out := hook("onPreBuild"); !strings.Contains(out, "restored resources") || !strings.Contains(out, "restored public") {
		t.Fatalf("the next deploy got back:\n%s", out)
	}
	if rendered, reused := build(t, "--source", site); rendered != 0 || reused != total {
		t.Errorf("the next deploy rendered %d and reused %d, want 0 and %d", rendered, reused, total)
	}
}

func TestNetlifySecurityHeaders(t *testing.T) {
	c := readNetlify(t)
	for _, p := range []string{"/", "/insights/late-fees/", "/assets/main.0123456789.css", "/feed.xml"} {
		h := headersFor(c, p)
		for name, want := range map[string]string{
			"X-Content-Type-Options": "nosniff",
			"X-Frame-Options":        "DENY",
			"Referrer-Policy":        "strict-origin-when-cross-origin",
		} {
			if got := h[name]; len(got) != 1 || got[0] != want {
				t.Errorf("%s: %s = %q, want %q once", p, name, got, want)
			}
		}
		if len(h["Permissions-Policy"]) != 1 {
			t.Errorf("%s: no Permissions-Policy", p)
		}
		csp := h["Content-Security-Policy"]
		if len(csp) != 1 {
			t.Fatalf("%s: Content-Security-Policy = %q, want one", p, csp)
		}
		directives := map[string]string{}
		for _, d := range strings.Split(csp[0], ";") {
			name, value, _ := strings.Cut(strings.TrimSpace(d), " ")
			directives[name] = value
		}
		for name, want := range map[string]string{
			"default-src":     "'self'",
			"script-src":      "'self'",
			"style-src":       "'self'",
			"img-src":         "'self' data:",
			"object-src":      "'none'",
			"base-uri":        "'self'",
			"form-action":     "'self'",
			"frame-ancestors": "'none'",
		} {
			if directives[name] != want {
				t.Errorf("%s: CSP %s = %q, want %q", p, name, directives[name], want)
			}
		}
		if strings.Contains(csp[0], "unsafe-") || strings.Contains(csp[0], "http") {
			t.Errorf("%s: CSP %q allows inline code or other hosts", p, csp[0])
		}
	}
}

func TestNetlifyCaching(t *testing.T) {
	c := readNetlify(t)
	// Fingerprinted assets never change under their name.
	for _, p := range []string{"/assets/main.0123456789.css", "/assets/js/site.0123456789.js"} {
		got := headersFor(c, p)["Cache-Control"]
		if len(got) != 1 || !strings.Contains(got[0], "max-age=31536000") || !strings.Contains(got[0], "immutable") {
			t.Errorf("%s: Cache-Control = %q, want one long immutable lifetime", p, got)
		}
	}
	// Every address of SPEC §6 keeps its URL as it changes: browsers must ask again.
	for _, p := range []string{
		"/", "/index.html", "/insights/", "/insights/late-fees/", "/analogies/x/", "/experiences/x/",
		"/sessions/x/", "/pages/about/", "/themes/", "/themes/waiting/", "/tags/x/", "/actions/",
		"/pack/", "/search/", "/404.html", "/feed.xml", "/feed.json", "/sitemap.xml",
	} {
		got := headersFor(c, p)["Cache-Control"]
		if len(got) != 1 || !strings.Contains(got[0], "max-age=0") || !strings.Contains(got[0], "must-revalidate") {
			t.Errorf("%s: Cache-Control = %q, want one that revalidates", p, got)
		}
	}
}

// The built site satisfies the Content-Security-Policy: no inline script, style,
// or event handler, nothing loaded from another host, and every asset fingerprinted
// so that the immutable cache lifetime is safe.
func TestBuiltSiteSatisfiesNetlifyHeaders(t *testing.T) {
	dir := sampleSite(t)
	noSass(t) // the stored CSS, as a deploy without Dart Sass would use
	if code, _, errs := playbook(t, "build", "--source", dir); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, errs)
	}
	public := filepath.Join(dir, "public")
	fingerprinted := regexp.MustCompile(`^assets/.+\.[0-9a-f]{10}\.[a-z0-9]+$`)
	pages := 0
	err := filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(public, p)
		rel = filepath.ToSlash(rel)
		if strings.HasPrefix(rel, "assets/") && !fingerprinted.MatchString(rel) {
			t.Errorf("%s is not fingerprinted, yet /assets/* is cached as immutable", rel)
		}
		var problems []string
		switch filepath.Ext(p) {
		case ".html":
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			pages++
			problems = cspProblems(string(data))
		case ".css":
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if remoteURL.Match(data) {
				problems = append(problems, "a url() on another host")
			}
		}
		for _, problem := range problems {
			t.Errorf("%s: %s, which the Content-Security-Policy blocks", rel, problem)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 20 {
		t.Errorf("checked only %d pages", pages)
	}
}

func TestCSPProblems(t *testing.T) {
	for page, want := range map[string]string{
		`<p class="a">x</p><script src="/assets/js/site.0123456789.js" defer></script>`:             "",
		`<script type="application/ld+json">{"a":1}</script>`:                                       "",
		`<link rel="alternate" href="https://example.org/feed.xml"><a href="https://example.org">x`: "",
		`<script>alert(1)</script>`:                                       "an inline <script>",
		`<div style="color: red">`:                                        "a style attribute on <div>",
		`<button onclick='x()'>`:                                          "an event handler onclick on <button>",
		`<a href=" javascript:void(0)">`:                                  "a javascript: URL",
		`<script defer src=/assets/x.js></script><input disabled name=q>`: "",
		`<input disabled style=color:red>`:                                "a style attribute on <input>",
		`<style>p{}</style>`:                                              "a <style> element",
		`<img alt="a > b" src="https://cdn.example.org/x.png">`:           "<img> from another host: https://cdn.example.org/x.png",
		`<link href="//fonts.example.org/css" rel="stylesheet">`:          "<link rel=stylesheet> to another host: //fonts.example.org/css",
	} {
		got := strings.Join(cspProblems(page), "; ")
		if got != want {
			t.Errorf("cspProblems(%s) = %q, want %q", page, got, want)
		}
	}
}

var (
	remoteURL = regexp.MustCompile(`(?i)url\(\s*["']?(?:https?:)?//`)
)

// cspProblems lists what in a page the site's Content-Security-Policy would block.
func cspProblems(page string) []string {
	var out []string
	remote := func(u string) bool {
		u = strings.ToLower(u)
		return strings.HasPrefix(u, "http:") || strings.HasPrefix(u, "https:") || strings.HasPrefix(u, "//")
	}
	for _, tg := range tags(page) {
		name, rest, _ := strings.Cut(tg, " ")
		name = strings.ToLower(strings.TrimRight(name, "/"))
		attrs := attributes(rest)
		if name == "style" {
			out = append(out, "a <style> element")
		}
		if _, ok := attrs["src"]; name == "script" && !ok && !strings.Contains(attrs["type"], "json") {
			out = append(out, "an inline <script>") // JSON data blocks never run
		}
		for a, v := range attrs {
			switch {
			case a == "style":
				out = append(out, "a style attribute on <"+name+">")
			case strings.HasPrefix(a, "on"):
				out = append(out, "an event handler "+a+" on <"+name+">")
			case (a == "href" || a == "src") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(v)), "javascript:"):
				out = append(out, "a javascript: URL")
			}
		}
		switch name {
		case "script", "img", "iframe", "source", "video", "audio", "embed":
			if remote(attrs["src"]) {
				out = append(out, "<"+name+"> from another host: "+attrs["src"])
			}
		case "link":
			if rel := attrs["rel"]; rel != "alternate" && rel != "canonical" && remote(attrs["href"]) {
				out = append(out, "<link rel="+rel+"> to another host: "+attrs["href"])
			}
		}
	}
	return out
}

// tags returns the inside of every start tag of a page ("a href=x"), with
// whitespace made spaces; a quoted ">" does not end a tag.
func tags(page string) []string {
	var out []string
	for i := 0; i < len(page); i++ {
		if page[i] != '<' || i+1 == len(page) || !isLetter(page[i+1]) {
			continue
		}
		var quote byte
		j := i + 1
		for ; j < len(page); j++ {
			c := page[j]
			switch {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '>':
				out = append(out, strings.Map(func(r rune) rune {
					if r == '\n' || r == '\t' || r == '\r' {
						return ' '
					}
					return r
				}, page[i+1:j]))
				i = j
				j = len(page) + 1 // done
			}
		}
		if j == len(page) {
			break // an unclosed tag ends the page
		}
	}
	return out
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// attributes takes apart the attributes of a tag: `href="x" hidden` gives
// {href: x, hidden: ""}.
func attributes(s string) map[string]string {
	out := map[string]string{}
	for {
		s = strings.TrimLeft(s, " /")
		if s == "" {
			return out
		}
		end := strings.IndexAny(s, " =")
		if end < 0 {
			end = len(s)
		}
		name := strings.ToLower(s[:end])
		s = strings.TrimLeft(s[end:], " ")
		if !strings.HasPrefix(s, "=") {
			out[name] = ""
			continue
		}
		s = strings.TrimLeft(s[1:], " ")
		var value string
		if s != "" && (s[0] == '"' || s[0] == '\'') {
			close := strings.IndexByte(s[1:], s[0])
			if close < 0 {
				close = len(s) - 1
			}
			value, s = s[1:1+close], s[min(len(s), close+2):]
		} else {
			end := strings.IndexByte(s, ' ')
			if end < 0 {
				end = len(s)
			}
			value, s = s[:end], s[end:]
		}
		out[name] = value
	}
}

// effective is what Netlify sends for a path: for a header that several matching
// rules set, the last rule's value.
func effective(c netlifyConfig, p string) map[string]string {
	out := map[string]string{}
	for k, vs := range headersFor(c, p) {
		out[k] = vs[len(vs)-1]
	}
	return out
}

// TestNetlifyAdminHeaders: the editing forms get Decap CMS's policy (the one the
// dev server sends too), and a sign-in window may answer them; the site's pages
// keep theirs (TestNetlifySecurityHeaders).
func TestNetlifyAdminHeaders(t *testing.T) {
	c := readNetlify(t)
	site, admin := -1, -1
	for i, h := range c.Headers {
		switch h.For {
		case "/*":
			site = i
		case "/admin/*":
			admin = i
		}
	}
	if admin < site {
		t.Fatalf("the /admin/* rule (%d) must come after /* (%d) to replace its policy", admin, site)
	}
	for _, p := range []string{"/admin/", "/admin/index.html", "/admin/config.yml", "/admin/decap-cms.js"} {
		h := effective(c, p)
		if h["Content-Security-Policy"] != cms.CSP {
			t.Errorf("%s: Content-Security-Policy = %q, want cms.CSP %q", p, h["Content-Security-Policy"], cms.CSP)
		}
		if h["Cross-Origin-Opener-Policy"] != "same-origin-allow-popups" {
			t.Errorf("%s: Cross-Origin-Opener-Policy = %q", p, h["Cross-Origin-Opener-Policy"])
		}
		if got := headersFor(c, p)["Cache-Control"]; len(got) != 1 || !strings.Contains(got[0], "must-revalidate") {
			t.Errorf("%s: Cache-Control = %q, want one that revalidates (Decap's files keep their names)", p, got)
		}
		if h["X-Frame-Options"] != "DENY" || h["X-Content-Type-Options"] != "nosniff" {
			t.Errorf("%s: the site's other headers are missing: %v", p, h)
		}
	}
	if csp := effective(c, "/admin-guide/")["Content-Security-Policy"]; strings.Contains(csp, "unsafe") {
		t.Errorf("/admin-guide/ gets the forms' policy: %s", csp)
	}
}
