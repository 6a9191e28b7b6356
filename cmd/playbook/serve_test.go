package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/playbookhq/playbook/builder/sass"
	"github.com/playbookhq/playbook/builder/sass/sasstest"
	"github.com/playbookhq/playbook/internal/browser"
	"github.com/playbookhq/playbook/themes"
)

// lockedBuffer collects a command's output while it runs.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// served is a `playbook serve` running in the test.
type served struct {
	dir, url       string
	stdout, stderr *lockedBuffer
}

var servingAt = regexp.MustCompile(`Serving at (http://\S+/)`)

// startServe runs `playbook serve` with args on dir until the test ends, and
// returns once it serves.
func startServe(t *testing.T, dir string, args ...string) *served {
	t.Helper()
	t.Setenv("PLAYBOOK_TODAY", "2026-11-26")
	s := &served{dir: dir, stdout: &lockedBuffer{}, stderr: &lockedBuffer{}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "--source", dir}, args...), s.stdout, s.stderr)
	}()
	t.Cleanup(func() {
		cancel() // Ctrl-C
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("serve exited %d after Ctrl-C\n%s", code, s.stderr)
			}
			if !strings.Contains(s.stdout.String(), "Stopped.") {
				t.Errorf("serve did not say it stopped:\n%s", s.stdout)
			}
		case <-time.After(10 * time.Second):
			t.Error("serve did not stop within 10 s of Ctrl-C")
		}
	})
	deadline := time.Now().Add(2 * time.Minute)
	start := time.Now()
	for {
		if m := servingAt.FindStringSubmatch(s.stdout.String()); m != nil {
			s.url = strings.TrimSuffix(m[1], "/")
			t.Logf("serving after %v", time.Since(start))
			return s
		}
		select {
		case code := <-done:
			done <- code
			t.Fatalf("serve exited %d before serving\nstdout:\n%s\nstderr:\n%s", code, s.stdout, s.stderr)
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not serve within 2 minutes:\n%s\n%s", s.stdout, s.stderr)
		}
	}
}

func (s *served) file(rel string) string { return filepath.Join(s.dir, filepath.FromSlash(rel)) }

func (s *served) read(t *testing.T, rel string) string {
	t.Helper()
	b, err := os.ReadFile(s.file(rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// save writes a file as an editor that saves by rename does: the reader never
// sees it half-written.
func (s *served) save(t *testing.T, rel, text string) {
	t.Helper()
	p := s.file(rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(filepath.Dir(p), "."+filepath.Base(p)+".tmp")
	if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, p); err != nil {
		t.Fatal(err)
	}
}

// waitFor evaluates js in the page until it gives true. The page may be
// reloading meanwhile, so errors only count at the end.
func waitFor(t *testing.T, p *browser.Page, what, js string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second) // generous: -race makes big rebuilds slow
	var last error
	start := time.Now()
	for time.Now().Before(deadline) {
		var ok bool
		last = p.Eval(js, &ok)
		if last == nil && ok {
			t.Logf("%s: after %v", what, time.Since(start))
			return
		}
		time.Sleep(25 * time.Millisecond)
	}
	t.Fatalf("%s: not within 30 s (last error: %v)", what, last)
}

func eval[T any](t *testing.T, p *browser.Page, js string) T {
	t.Helper()
	var v T
	if err := p.Eval(js, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// overlayJS is the text of the error overlay, "" when there is none.
const overlayJS = `(() => { const o = document.getElementById("playbook-overlay"); return o && !o.hidden && o.shadowRoot ? o.shadowRoot.textContent : "" })()`

func checkConsole(t *testing.T, p *browser.Page) {
	t.Helper()
	for _, m := range p.Console() {
		if m.IsCSPViolation() || m.Level == "exception" {
			t.Errorf("console: %s", m)
		}
	}
}

// findSass returns the Dart Sass the tests use, "" when there is none (the
// subtest that needs it then skips, or fails in CI).
func findSass(t *testing.T) string {
	if p := os.Getenv("PLAYBOOK_DART_SASS"); p != "" {
		return p
	}
	for _, p := range sass.NodeModules(sasstest.Root(t)) {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// TestServeInBrowser goes through an author's session in headless Chromium
// against a real `playbook serve` of a copy of the sample playbook. The steps
// share the server (its first build is most of the time they take), so they run
// in order, each leaving the site as the next expects.
func TestServeInBrowser(t *testing.T) {
	b := browser.New(t)
	var args []string
	sassPath := findSass(t)
	if sassPath != "" {
		args = append(args, "--sass", sassPath)
	}
	s := startServe(t, sampleSite(t), append(args, "--port", "0")...)

	t.Run("body edit keeps the scroll position", func(t *testing.T) {
		p, err := b.Open(s.url+"/insights/form-jargon/", browser.View{Width: 1024, Height: 500})
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		y := eval[float64](t, p, `window.scrollTo({top: 700, behavior: "instant"}); window.marker = 42; window.scrollY`)
		if y < 650 {
			t.Fatalf("the page does not scroll far enough to test (scrollY %v)", y)
		}
		const rel = "content/insights/form-jargon.md"
		s.save(t, rel, s.read(t, rel)+"\nA sentence the test added at the end.\n")
		waitFor(t, p, "the new text", `document.body.textContent.includes("A sentence the test added at the end.")`)
		if got := eval[bool](t, p, `window.marker === undefined`); !got {
			t.Error("the page was not reloaded")
		}
		waitFor(t, p, "the scroll position", fmt.Sprintf(`Math.abs(window.scrollY - %v) < 2`, y))
		checkConsole(t, p)
	})

	t.Run("style edit swaps the stylesheet without reloading", func(t *testing.T) {
		const rule = "\nhtml body { outline: 7px solid rgb(1, 2, 3); }\n"
		var overrideRel, override string
		if _, err := fs.Stat(themes.FS(), "default/assets/main.scss"); err == nil {
			// The theme's styles are SCSS: override one partial in the site's
			// assets/, as an author changing the colours would. Dart Sass compiles.
			if sassPath == "" {
				sasstest.Binary(t) // skips, or fails in CI
			}
			partial := "_colours.scss"
			if _, err := fs.Stat(themes.FS(), "default/assets/"+partial); err != nil {
				partial = "main.scss"
			}
			orig, err := fs.ReadFile(themes.FS(), "default/assets/"+partial)
			if err != nil {
				t.Fatal(err)
			}
			overrideRel, override = "assets/"+partial, string(orig)+rule
		} else {
			// Plain CSS: the site's assets/main.css overrides the theme's.
			orig, err := fs.ReadFile(themes.FS(), "default/assets/main.css")
			if err != nil {
				t.Fatal(err)
			}
			overrideRel, override = "assets/main.css", string(orig)+rule
		}
		p, err := b.Open(s.url+"/insights/", browser.View{})
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		if got := eval[string](t, p, `window.marker = 42; getComputedStyle(document.body).outlineColor`); got == "rgb(1, 2, 3)" {
			t.Fatal("the outline is there before the edit")
		}
		s.save(t, overrideRel, override)
		waitFor(t, p, "the new style", `getComputedStyle(document.body).outlineColor === "rgb(1, 2, 3)"`)
		if got := eval[bool](t, p, `window.marker === 42`); !got {
			t.Error("the page reloaded: a JavaScript value set on it is gone")
		}
		if got := eval[int](t, p, `document.querySelectorAll('link[rel~="stylesheet"]').length`); got != 1 {
			t.Errorf("%d stylesheets after the swap, want the new one alone", got)
		}
		checkConsole(t, p)
	})

	t.Run("broken front matter shows in the overlay, the fix removes it", func(t *testing.T) {
		p, err := b.Open(s.url+"/insights/form-jargon/", browser.View{})
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		const rel = "content/insights/form-jargon.md"
		good := s.read(t, rel)
		// Line 3 of the file: summary.
		s.save(t, rel, strings.Replace(good, "summary: ", "summary: [unclosed ", 1))
		waitFor(t, p, "the overlay", `(`+overlayJS+`).includes("content/insights/form-jargon.md:3:")`)
		s.save(t, rel, good)
		waitFor(t, p, "the overlay to go", `document.getElementById("playbook-overlay") === null && document.title.startsWith("Our forms speak council")`)
		checkConsole(t, p)
		if n := strings.Count(s.stderr.String(), "content/insights/form-jargon.md:3:"); n != 1 {
			t.Errorf("the terminal shows the error %d times, want once:\n%s", n, s.stderr)
		}
	})

	t.Run("new file in a new folder", func(t *testing.T) {
		p, err := b.Open(s.url+"/insights/", browser.View{})
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		s.save(t, "content/insights/transport/bus-timetable-riddle.md", `---
title: The bus timetable is a riddle
summary: Riders cannot tell from the stop's timetable when the next bus comes.
date: 2026-11-20
kind: [frustrating]
customer: Riders at a suburban bus stop
evidence:
  - quote: "I read it three times and still missed the bus."
    source: Street intercept
---
Like [[form-jargon]], the timetable speaks the operator's language.
`)
		waitFor(t, p, "the list links the new entry", `!!document.querySelector('a[href$="insights/bus-timetable-riddle/"]')`)
		q, err := b.Open(s.url+"/insights/bus-timetable-riddle/", browser.View{})
		if err != nil {
			t.Fatal(err)
		}
		defer q.Close()
		if title := eval[string](t, q, `document.title`); q.Status != 200 || !strings.Contains(title, "The bus timetable is a riddle") {
			t.Errorf("new page: status %d, title %q", q.Status, title)
		}
		checkConsole(t, p)
	})

	t.Run("deleted entry: its page is gone, linking pages report it", func(t *testing.T) {
		p, err := b.Open(s.url+"/analogies/mao-card-game/", browser.View{})
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		if err := os.Remove(s.file("content/insights/form-jargon.md")); err != nil {
			t.Fatal(err)
		}
		waitFor(t, p, "the overlay", `(`+overlayJS+`).includes("content/analogies/mao-card-game.md:")`)
		text := eval[string](t, p, overlayJS)
		for _, want := range []string{"form-jargon", "content/pages/about.md:", "content/experiences/secret-rules-card-game.md:", "content/insights/transport/bus-timetable-riddle.md:"} {
			if !strings.Contains(text, want) {
				t.Errorf("the overlay lacks %q:\n%s", want, text)
			}
		}
		if got := eval[bool](t, p, `!document.querySelector('a[href*="form-jargon"]')`); !got {
			t.Error("the page still links the deleted entry")
		}
		gone, err := b.Open(s.url+"/insights/form-jargon/", browser.View{})
		if err != nil {
			t.Fatal(err)
		}
		defer gone.Close()
		if gone.Status != 404 {
			t.Errorf("deleted entry: status %d, want 404", gone.Status)
		}
		checkConsole(t, p)
	})
}

func TestServeUsage(t *testing.T) {
	dir := sampleSite(t)
	for _, args := range [][]string{
		{"serve", "--source", dir, "--port", "-1"},
		{"serve", "--source", dir, "--port", "70000"},
		{"serve", "--source", dir, "--poll", "-1s"},
		{"serve", "--source", dir, "--poll", "often"},
		{"serve", "--source", dir, "--bind", "999.1.1.1"},
		{"serve", "--source", dir, "--allow-host", ""},
		{"serve", "--source", dir, "--allow-host", "phone.lan,,tablet.lan"},
		{"serve", "--source", dir, "--allow-host", "http://phone.lan/"},
		{"serve", "--source", dir, "--allow-host", "phone lan"},
		{"serve", "--source", dir, "extra"},
		{"serve", "--source", t.TempDir(), "--port", "0"}, // no content/
	} {
		if code, _, errs := playbook(t, args...); code != exitUsage {
			t.Errorf("%q: exit %d, want %d\n%s", args, code, exitUsage, errs)
		}
	}
}

// TestServeNextPort: a taken port is no reason to stop; serve says which it took.
func TestServeNextPort(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	port := taken.Addr().(*net.TCPAddr).Port
	s := startServe(t, sampleSite(t), "--port", strconv.Itoa(port))
	if s.url == fmt.Sprintf("http://127.0.0.1:%d", port) {
		t.Fatalf("serving on the taken port %d", port)
	}
	if !strings.Contains(s.stdout.String(), fmt.Sprintf("(port %d is taken)", port)) {
		t.Errorf("serve did not say the port was taken:\n%s", s.stdout)
	}
}

// TestServeAllowHost: the names of --allow-host, repeated or listed with commas,
// are answered; other foreign names are not.
func TestServeAllowHost(t *testing.T) {
	s := startServe(t, sampleSite(t), "--port", "0", "--allow-host", "phone.lan, Tablet.LAN.", "--allow-host", "192.168.1.20:1313")
	for host, want := range map[string]int{
		"phone.lan":          http.StatusOK,
		"tablet.lan:1313":    http.StatusOK,
		"192.168.1.20":       http.StatusOK,
		"localhost":          http.StatusOK,
		"evil.example":       http.StatusForbidden,
		"www.phone.lan":      http.StatusForbidden,
		"phone.lan.evil.com": http.StatusForbidden,
	} {
		req, err := http.NewRequest("GET", s.url+"/", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Host = host
		r, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r.Body)
		r.Body.Close()
		if r.StatusCode != want {
			t.Errorf("Host %s: %d %q, want %d", host, r.StatusCode, b, want)
		}
		if want == http.StatusForbidden && !strings.Contains(string(b), "--allow-host") {
			t.Errorf("Host %s: the refusal does not say how to allow it: %q", host, b)
		}
	}
}
