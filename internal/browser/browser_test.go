package browser

import (
	"bytes"
	"errors"
	"image/png"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// site writes files (path → content) into a new folder.
func site(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const head = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Test page</title>
<link rel="stylesheet" href="/style.css">
</head>
`

var testSite = map[string]string{
	"style.css": `body { margin: 0; background: #fff; color: #111; }
.tall { height: 2000px; }
@media (prefers-color-scheme: dark) { body { background: #000; color: #eee; } }`,
	"index.html":     head + "<body><main><h1>Hello</h1><p>Plain and good.</p><div class=\"tall\"></div></main></body></html>\n",
	"bad/index.html": head + "<body><main><h1>Bad</h1><img src=\"/pic.png\"></main></body></html>\n",
	// An inline script and style break the CSP; the script file throws; the image
	// is from elsewhere.
	"noisy/index.html": head + `<body><main><h1>Noisy</h1>
<script>document.title = "inline ran";</script>
<p style="color: red">styled</p>
<img src="http://elsewhere.invalid/pixel.png" alt="">
<script src="/throws.js"></script>
</main></body></html>
`,
	"throws.js": `console.error("about to fail"); throw new Error("boom");`,
	"pic.png":   "", // empty: the bad page only needs the element
	"404.html":  head + "<body><main><h1>Not found</h1></main></body></html>\n",
}

func TestHandler(t *testing.T) {
	base := ServeDir(t, site(t, testSite))
	get := func(path string) (int, http.Header, string) {
		t.Helper()
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, resp.Header, string(body)
	}
	if !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Errorf("base URL %s is not on loopback", base)
	}
	code, h, body := get("/bad/")
	if code != 200 || !strings.Contains(body, "<h1>Bad</h1>") {
		t.Errorf("/bad/: %d %q", code, body)
	}
	if got := h.Get("Content-Security-Policy"); got != DefaultCSP {
		t.Errorf("CSP = %q, want %q", got, DefaultCSP)
	}
	if got := h.Get("Cache-Control"); got != "no-store" {
		t.Errorf("Cache-Control = %q", got)
	}
	code, _, body = get("/nowhere/")
	if code != 404 || !strings.Contains(body, "Not found") {
		t.Errorf("/nowhere/: %d %q, want the 404 page", code, body)
	}
	code, _, _ = get("/../../etc/passwd")
	if code != 404 {
		t.Errorf("path escape: status %d", code)
	}
}

func TestBrowser(t *testing.T) {
	b := New(t)
	base := ServeDir(t, site(t, testSite))

	t.Run("screenshot", func(t *testing.T) {
		for _, width := range []int{390, 1280} {
			p, err := b.Open(base+"/", View{Width: width})
			if err != nil {
				t.Fatal(err)
			}
			shot, err := p.Screenshot()
			p.Close()
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := png.DecodeConfig(bytes.NewReader(shot))
			if err != nil {
				t.Fatalf("width %d: not a PNG: %v", width, err)
			}
			if cfg.Width != width || cfg.Height < 2000 {
				t.Errorf("screenshot is %d×%d, want %d wide and the full page (over 2000) high", cfg.Width, cfg.Height, width)
			}
		}
	})

	t.Run("colour scheme and eval", func(t *testing.T) {
		p, err := b.Open(base+"/", View{})
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		background := func() string {
			t.Helper()
			var bg string
			if err := p.Eval(`getComputedStyle(document.body).backgroundColor`, &bg); err != nil {
				t.Fatal(err)
			}
			return bg
		}
		var width int
		if err := p.Eval(`Promise.resolve(window.innerWidth)`, &width); err != nil || width != 1280 {
			t.Errorf("default viewport %d wide (%v), want 1280", width, err)
		}
		if bg := background(); bg != "rgb(255, 255, 255)" {
			t.Errorf("light: background %s", bg)
		}
		// Switching to dark must not reload the page: the mark survives.
		if err := p.Eval(`window.mark = 42`, nil); err != nil {
			t.Fatal(err)
		}
		if err := p.Emulate(View{Width: 390, Dark: true}); err != nil {
			t.Fatal(err)
		}
		if bg := background(); bg != "rgb(0, 0, 0)" {
			t.Errorf("dark: background %s", bg)
		}
		var after [2]int
		if err := p.Eval(`[window.mark, window.innerWidth]`, &after); err != nil || after != [2]int{42, 390} {
			t.Errorf("after Emulate: mark and width %v (%v); want 42 (no reload) and 390", after, err)
		}
		if err := p.Eval(`undefined`, &width); err == nil {
			t.Error("Eval of undefined into an int: no error")
		}
	})

	t.Run("pdf", func(t *testing.T) {
		p, err := b.Open(base+"/", View{})
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		pdf, err := p.PDF()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
			t.Errorf("not a PDF: %q", pdf[:min(len(pdf), 20)])
		}
	})

	t.Run("axe", func(t *testing.T) {
		vs, err := b.RunAxe(base + "/bad/")
		Require(t, err)
		ids := make([]string, len(vs))
		for i, v := range vs {
			ids[i] = v.ID
		}
		i := slices.Index(ids, "image-alt")
		if i < 0 {
			t.Fatalf("axe found %v on a page with an img without alt, want image-alt", ids)
		}
		if v := vs[i]; v.Impact != "critical" || len(v.Nodes) != 1 || v.Nodes[0].Target != "img" ||
			!strings.HasPrefix(v.String(), "image-alt (critical, 1280×800 light): ") || !strings.Contains(v.String(), `<img src="/pic.png">`) {
			t.Errorf("image-alt violation:\n%s", v)
		}
		vs, err = b.RunAxe(base+"/bad/", View{Width: 390}, View{Width: 390, Dark: true})
		if err != nil {
			t.Fatal(err)
		}
		var views []string
		for _, v := range vs {
			if v.ID == "image-alt" {
				views = append(views, v.View.String())
			}
		}
		if want := []string{"390×800 light", "390×800 dark"}; !slices.Equal(views, want) {
			t.Errorf("image-alt found in %q, want %q", views, want)
		}
		vs, err = b.RunAxe(base+"/", View{}, View{Dark: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vs {
			t.Errorf("good page: %s", v)
		}
	})

	t.Run("requests and console", func(t *testing.T) {
		p, err := b.Open(base+"/noisy/", View{})
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		if p.Status != 200 {
			t.Errorf("status %d", p.Status)
		}
		var urls []string
		for _, r := range p.Requests() {
			urls = append(urls, r.URL)
			if r.URL == base+"/throws.js" && r.Status != 200 {
				t.Errorf("throws.js: %+v", r)
			}
		}
		for _, want := range []string{base + "/noisy/", base + "/style.css", base + "/throws.js", "http://elsewhere.invalid/pixel.png"} {
			if !slices.Contains(urls, want) {
				t.Errorf("requests %q lack %s", urls, want)
			}
		}
		var title string
		if err := p.Eval(`document.title`, &title); err != nil || title != "Test page" {
			t.Errorf("title %q (%v): the inline script ran despite the CSP", title, err)
		}
		var log []string
		csp := 0
		for _, m := range p.Console() {
			log = append(log, m.String())
			if m.IsCSPViolation() {
				csp++
			}
		}
		all := strings.Join(log, "\n")
		if csp != 3 {
			t.Errorf("%d CSP violations, want 3 (inline script, inline style, image from elsewhere):\n%s", csp, all)
		}
		for _, want := range []string{
			"noisy/:9: error (security): Executing inline script violates",
			"noisy/:10: error (security): Applying inline style violates",
			"noisy/:12: error (security): Loading the image 'http://elsewhere.invalid/pixel.png' violates",
			"throws.js:1: error (console-api): about to fail",
			"throws.js:1: exception (javascript): Uncaught Error: boom",
		} {
			if !strings.Contains(all, want) {
				t.Errorf("console lacks %q:\n%s", want, all)
			}
		}
	})
}

func TestVNU(t *testing.T) {
	dir := site(t, map[string]string{
		"good/index.html": "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Good</title></head><body><p>Fine.</p></body></html>\n",
		"bad.html":        "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Bad</title></head>\n<body>\n<p><div>x</div></p>\n<img src=\"a.png\">\n</body></html>\n",
		"style.css":       "this is not css {",
	})
	msgs := VNU(t, dir)
	var got []string
	for _, m := range msgs {
		got = append(got, m.String())
		if m.File != "bad.html" {
			t.Errorf("error in %s, want only bad.html: %s", m.File, m)
		}
	}
	if len(msgs) != 2 || msgs[0].Line != 5 || msgs[1].Line != 6 || !strings.Contains(msgs[1].Text, "alt") {
		t.Errorf("got\n%s\nwant an error on bad.html:5 (p end tag) and on bad.html:6 (img without alt)", strings.Join(got, "\n"))
	}
}

func TestFindTools(t *testing.T) {
	nowhere := filepath.Join(t.TempDir(), "nowhere")
	// A tool named by its variable but not there is a mistake, not a tool to skip.
	t.Setenv("PLAYBOOK_CHROMIUM", nowhere)
	t.Setenv("PLAYBOOK_AXE", nowhere)
	for name, find := range map[string]func() (string, error){"chromium": FindChromium, "axe": FindAxe} {
		_, err := find()
		if _, missing := errors.AsType[*MissingError](err); err == nil || missing || !strings.Contains(err.Error(), "PLAYBOOK_") {
			t.Errorf("%s: a variable naming no file gave %v, want an error naming the variable", name, err)
		}
	}
	// Unset and not under the module root: missing, so skipped locally.
	t.Setenv("PLAYBOOK_AXE", "")
	t.Chdir(t.TempDir())
	if _, err := FindAxe(); !errors.As(err, new(*MissingError)) {
		t.Errorf("FindAxe outside the module = %v, want a *MissingError", err)
	}
	t.Setenv("CI", "")
	if InCI() {
		t.Error("InCI with CI unset")
	}
	t.Setenv("CI", "true")
	if !InCI() {
		t.Error("not InCI with CI=true")
	}
}
