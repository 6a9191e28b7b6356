package builder

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/playbookhq/playbook/builder/sass"
	"github.com/playbookhq/playbook/builder/sass/sasstest"
)

// fakeSass stands in for Dart Sass where a test is about the stored CSS, not about
// Sass: its "CSS" shows which colours file it read.
type fakeSass struct {
	calls atomic.Int32
	err   error
}

func (f *fakeSass) Compile(_ context.Context, entry string, read func(string) ([]byte, string, error)) ([]byte, error) {
	f.calls.Add(1)
	if f.err != nil {
		return nil, f.err
	}
	if _, _, err := read(entry); err != nil {
		return nil, err
	}
	colors, _, err := read("_colors.scss")
	if err != nil {
		return nil, err
	}
	return []byte("/*" + entry + "*/" + strings.TrimSpace(string(colors))), nil
}

func (f *fakeSass) Version() string { return "9.9.9" }

// styledThemes is testdata/themes/plain with SCSS instead of CSS, and its stored
// CSS made by fakeSass.
func styledThemes(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS("testdata/themes/plain"), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(p, "assets/") {
			return err
		}
		data, err := os.ReadFile(filepath.Join("testdata/themes/plain", p))
		fsys["styled/"+p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, src := range map[string]string{
		"main.scss":              "@use \"colors\";\n@use \"components/cards\";\nbody { color: colors.$fg; }\n",
		"_colors.scss":           "$fg: #111111 !default;\n",
		"components/_cards.scss": "@use \"../colors\";\n.card { border-color: colors.$fg; }\n",
	} {
		fsys["styled/assets/"+name] = &fstest.MapFile{Data: []byte(src)}
	}
	restore(t, fsys, &fakeSass{})
	return fsys
}

// restore writes the theme's stored CSS, as `go generate ./themes/...` does.
func restore(t *testing.T, fsys fstest.MapFS, c SassCompiler) {
	t.Helper()
	for p := range fsys {
		if strings.HasPrefix(p, "styled/compiled/") {
			delete(fsys, p)
		}
	}
	files, err := StoredStyles(context.Background(), fsys, "styled", c)
	if err != nil {
		t.Fatal(err)
	}
	for p, data := range files {
		fsys["styled/"+p] = &fstest.MapFile{Data: data}
	}
}

var styledSite = strings.Replace(minimalSite, "theme: plain", "theme: styled", 1)

func buildStyled(t *testing.T, site fstest.MapFS, themes fs.FS, mod func(*Options)) (*Result, *MemSink, error) {
	t.Helper()
	o := Options{Source: "site", FS: site, Today: today, Themes: themes}
	if mod != nil {
		mod(&o)
	}
	sink := NewMemSink()
	res, err := NewBuilder(o, sink).Build(context.Background())
	return res, sink, err
}

// css returns the stylesheet a build published.
func css(t *testing.T, sink *MemSink) string {
	t.Helper()
	for _, p := range sink.Paths() {
		if strings.HasPrefix(p, "assets/main.") && strings.HasSuffix(p, ".css") {
			data, _ := sink.Get(p)
			return string(data)
		}
	}
	t.Fatalf("no assets/main.*.css among %v", sink.Paths())
	return ""
}

func TestStoredCSSWithoutSass(t *testing.T) {
	res, sink, err := buildStyled(t, siteFS(styledSite), styledThemes(t), nil)
	if err != nil || len(res.Diagnostics) > 0 {
		t.Fatalf("build: %v\n%s", err, diagText(res.Diagnostics))
	}
	if got, want := css(t, sink), "/*main.scss*/$fg: #111111 !default;"; got != want {
		t.Errorf("published CSS = %q, want the stored CSS without its header, %q", got, want)
	}
}

func TestStaleCSSWithoutSassSaysWhatAndHow(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(site, themes fstest.MapFS)
		want   string
	}{
		{"theme partial edited", func(_, th fstest.MapFS) {
			th["styled/assets/_colors.scss"] = &fstest.MapFile{Data: []byte("$fg: red;\n")}
		}, "themes/styled/assets/_colors.scss changed"},
		{"partial added", func(_, th fstest.MapFS) {
			th["styled/assets/_extra.scss"] = &fstest.MapFile{Data: []byte("")}
		}, "themes/styled/assets/_extra.scss was added"},
		{"partial removed", func(_, th fstest.MapFS) {
			delete(th, "styled/assets/components/_cards.scss")
		}, "themes/styled/assets/components/_cards.scss was removed"},
		{"site overrides a partial", func(site, _ fstest.MapFS) {
			site["assets/_colors.scss"] = &fstest.MapFile{Data: []byte("$fg: rebeccapurple;\n")}
		}, "assets/_colors.scss changed"},
		{"no stored CSS", func(_, th fstest.MapFS) {
			delete(th, "styled/compiled/main.css")
		}, "there is no stored CSS for it (themes/styled/compiled/main.css)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site, th := siteFS(styledSite), styledThemes(t)
			tc.change(site, th)
			res, _, err := buildStyled(t, site, th, nil)
			if err == nil {
				t.Fatal("build succeeded with stale stored CSS and no Dart Sass")
			}
			var d *Diagnostic
			for i := range res.Diagnostics {
				if strings.Contains(res.Diagnostics[i].Msg, "Dart Sass") {
					d = &res.Diagnostics[i]
				}
			}
			if d == nil {
				t.Fatalf("no diagnostic about Dart Sass:\n%s", diagText(res.Diagnostics))
			}
			if d.Pos.File != "themes/styled/assets/main.scss" {
				t.Errorf("placed at %v, want the entry point themes/styled/assets/main.scss", d.Pos)
			}
			for _, want := range []string{tc.want, "Dart Sass was not found", "`npm install`", "npm install " + sass.Package(), "--sass", "PLAYBOOK_DART_SASS"} {
				if !strings.Contains(d.Msg, want) {
					t.Errorf("message lacks %q:\n%s", want, d.Msg)
				}
			}
			if tc.name != "no stored CSS" && !strings.Contains(d.Msg, sass.Package()+"@9.9.9") {
				t.Errorf("message should name the version that made the stored CSS:\n%s", d.Msg)
			}
		})
	}
}

func TestStaleCSSCompiledWithSass(t *testing.T) {
	site := siteFS(styledSite)
	site["assets/_colors.scss"] = &fstest.MapFile{Data: []byte("$fg: rebeccapurple;\n")}
	fake := &fakeSass{}
	res, sink, err := buildStyled(t, site, styledThemes(t), func(o *Options) { o.Sass = fake })
	if err != nil || len(res.Diagnostics) > 0 {
		t.Fatalf("build: %v\n%s", err, diagText(res.Diagnostics))
	}
	if got := css(t, sink); !strings.Contains(got, "rebeccapurple") {
		t.Errorf("CSS = %q, want the site's colours", got)
	}

	// Matching stored CSS is used even with Dart Sass at hand: the same bytes on
	// every machine, and no process to start.
	fake = &fakeSass{}
	if _, _, err := buildStyled(t, siteFS(styledSite), styledThemes(t), func(o *Options) { o.Sass = fake }); err != nil {
		t.Fatal(err)
	}
	if n := fake.calls.Load(); n != 0 {
		t.Errorf("Dart Sass compiled %d times although the stored CSS matched", n)
	}
}

func TestStyleCacheServesLaterBuilds(t *testing.T) {
	dir := t.TempDir()
	site := siteFS(styledSite)
	site["assets/_colors.scss"] = &fstest.MapFile{Data: []byte("$fg: rebeccapurple;\n")}
	th := styledThemes(t)
	_, first, err := buildStyled(t, site, th, func(o *Options) { o.Source, o.Sass, o.StyleCache = dir, &fakeSass{}, true })
	if err != nil {
		t.Fatal(err)
	}
	cached, err := os.ReadFile(filepath.Join(dir, "resources", "css", "main.css"))
	if err != nil {
		t.Fatalf("no cache written: %v", err)
	}
	if !strings.HasPrefix(string(cached), "/* Playbook stored CSS") {
		t.Errorf("the cache has no header:\n%s", cached)
	}

	site["resources/css/main.css"] = &fstest.MapFile{Data: cached}
	res, second, err := buildStyled(t, site, th, nil)
	if err != nil {
		t.Fatalf("a later build without Dart Sass should use resources/css/main.css:\n%s", diagText(res.Diagnostics))
	}
	if css(t, first) != css(t, second) {
		t.Errorf("the cached CSS differs from the compiled CSS")
	}

	site["assets/_colors.scss"] = &fstest.MapFile{Data: []byte("$fg: teal;\n")}
	res, _, err = buildStyled(t, site, th, nil)
	if err == nil || !strings.Contains(diagText(res.Diagnostics), "what resources/css/main.css was compiled from (assets/_colors.scss changed)") {
		t.Errorf("a stale cache should be named with what changed since:\n%s", diagText(res.Diagnostics))
	}
}

type placed struct{}

func (placed) Error() string { return "themes/styled/assets/_colors.scss:1:5: Expected expression." }
func (placed) Position() (file string, line, col int) {
	return "themes/styled/assets/_colors.scss", 1, 5
}
func (placed) Message() string { return "Expected expression." }

func TestSassErrors(t *testing.T) {
	site := siteFS(styledSite)
	site["assets/_colors.scss"] = &fstest.MapFile{Data: []byte("$fg: ;\n")}
	for _, tc := range []struct {
		err  error
		want string
	}{
		{placed{}, "themes/styled/assets/_colors.scss:1:5: Expected expression."},
		{fmt.Errorf("%w: sass on PATH is the JavaScript sass package", ErrSassUnavailable),
			"themes/styled/assets/main.scss: the SCSS differs from what themes/styled/compiled/main.css was compiled from (assets/_colors.scss changed), so Dart Sass must compile it, and Dart Sass is not available: sass on PATH is the JavaScript sass package. Install it: run `npm install`"},
	} {
		res, _, err := buildStyled(t, site, styledThemes(t), func(o *Options) { o.Sass = &fakeSass{err: tc.err} })
		if err == nil || !strings.Contains(diagText(res.Diagnostics), tc.want) {
			t.Errorf("diagnostics:\n%s\nwant %q", diagText(res.Diagnostics), tc.want)
		}
	}
}

func TestCheckStoredStyles(t *testing.T) {
	th := styledThemes(t)
	if err := CheckStoredStyles(th, "styled"); err != nil {
		t.Fatal(err)
	}
	if v := StoredSassVersion(th, "styled"); v != "9.9.9" {
		t.Errorf("StoredSassVersion = %q, want 9.9.9", v)
	}
	th["styled/assets/_colors.scss"] = &fstest.MapFile{Data: []byte("$fg: red;\n")}
	th["styled/compiled/old.css"] = &fstest.MapFile{Data: []byte("a{}")}
	err := CheckStoredStyles(th, "styled")
	for _, want := range []string{"go generate ./themes/...", "themes/styled/assets/_colors.scss changed", "styled/compiled/old.css: no SCSS entry point makes it"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("CheckStoredStyles = %v, want it to say %q", err, want)
		}
	}
}

// The Sass path, with the real pinned Dart Sass: a site overriding one partial
// gets its colours, and a mistake in it is placed in the site's file.
func TestDartSassCompilesSiteOverride(t *testing.T) {
	c, err := sass.Open(sasstest.Binary(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	th := styledThemes(t)
	restore(t, th, c)
	site := siteFS(styledSite)
	site["assets/_colors.scss"] = &fstest.MapFile{Data: []byte("$fg: #663399;\n")}
	res, sink, err := buildStyled(t, site, th, func(o *Options) { o.Sass = c })
	if err != nil {
		t.Fatalf("build: %v\n%s", err, diagText(res.Diagnostics))
	}
	if got, want := css(t, sink), ".card{border-color:#639}body{color:#639}"; got != want {
		t.Errorf("CSS = %q, want %q", got, want)
	}

	site["assets/_colors.scss"] = &fstest.MapFile{Data: []byte("// brand\n$fg: ;\n")}
	res, _, _ = buildStyled(t, site, th, func(o *Options) { o.Sass = c })
	if got := diagText(res.Diagnostics); !strings.Contains(got, "assets/_colors.scss:2:6: Expected expression.") {
		t.Errorf("diagnostics:\n%s\nwant the error placed in assets/_colors.scss", got)
	}
}

// A theme kept in the site with its own compiled/ (the built-in theme's source) is
// refreshed by go generate, not cached; a site override on top of it is cached.
func TestStyleCacheSkipsThemeSources(t *testing.T) {
	for _, tc := range []struct {
		name, file string
		cached     bool
	}{
		{"theme edited", "themes/styled/assets/_colors.scss", false},
		{"site override", "assets/_colors.scss", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			site := siteFS(styledSite)
			for p, f := range styledThemes(t) {
				site["themes/"+p] = f
			}
			site[tc.file] = &fstest.MapFile{Data: []byte("$fg: teal;\n")}
			res, sink, err := buildStyled(t, site, nil, func(o *Options) { o.Source, o.Sass, o.StyleCache = dir, &fakeSass{}, true })
			if err != nil {
				t.Fatalf("build: %v\n%s", err, diagText(res.Diagnostics))
			}
			if got := css(t, sink); !strings.Contains(got, "teal") {
				t.Errorf("CSS = %q", got)
			}
			_, err = os.Stat(filepath.Join(dir, "resources", "css", "main.css"))
			if cached := err == nil; cached != tc.cached {
				t.Errorf("cached = %v, want %v", cached, tc.cached)
			}
		})
	}
}
