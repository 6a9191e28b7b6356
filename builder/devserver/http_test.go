package devserver

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/playbookhq/playbook/builder"
)

// testSite is a handler over a small site held in memory.
func testSite(t *testing.T) (*site, *builder.MemSink) {
	t.Helper()
	sink := builder.NewMemSink()
	files := map[string]string{
		"index.html":                  "<!doctype html><html><head><title>Home</title></head><body>home</body></html>",
		"insights/index.html":         "<!doctype html><html><HEAD><title>Insights</title></HEAD><body>list</body></html>",
		"insights/queue/index.html":   "<!doctype html><html><head><title>Queue</title></head><body>queue</body></html>",
		"404.html":                    "<!doctype html><html><head><title>Not found</title></head><body>nothing here</body></html>",
		"fragment.html":               "<p>no head, no body",
		"assets/main.css":             "body { margin: 0 }",
		"assets/js/site.js":           "console.log(1)",
		"feed.xml":                    "<feed/>",
		"feed.json":                   "{}",
		"sitemap.xml":                 "<urlset/>",
		"favicon.svg":                 "<svg/>",
		"share-card.png":              "\x89PNG\r\n\x1a\n",
		"photo.JPG":                   "\xff\xd8\xff",
		"_redirects":                  "/old /new 301",
		"experiences/queue-map.svg":   "<svg/>",
		"fonts/inter.woff2":           "wOF2",
		"search/index.json":           "[]",
		"experiences/guide.pdf":       "%PDF-1.7",
		"pages/themed/index.html":     "<html><head><script src=\"/__playbook/live.js\" defer></script></head></html>",
		"data/unknown.qqq":            "plain words",
		"insights/late-fees/notes.md": "# notes",
	}
	for p, data := range files {
		if err := sink.Put(p, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	return &site{files: sink, build: func() string { return "test-7" }, hub: newHub()}, sink
}

func get(h http.Handler, method, target string) *http.Response {
	r := httptest.NewRequest(method, "http://localhost"+target, nil)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Result()
}

func body(t *testing.T, r *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestContentTypes(t *testing.T) {
	s, _ := testSite(t)
	for path, want := range map[string]string{
		"/":                            "text/html; charset=utf-8",
		"/insights/queue/":             "text/html; charset=utf-8",
		"/fragment.html":               "text/html; charset=utf-8",
		"/assets/main.css":             "text/css; charset=utf-8",
		"/assets/js/site.js":           "text/javascript; charset=utf-8",
		"/feed.xml":                    "application/xml; charset=utf-8",
		"/sitemap.xml":                 "application/xml; charset=utf-8",
		"/feed.json":                   "application/json",
		"/search/index.json":           "application/json",
		"/favicon.svg":                 "image/svg+xml",
		"/experiences/queue-map.svg":   "image/svg+xml",
		"/share-card.png":              "image/png",
		"/photo.JPG":                   "image/jpeg",
		"/fonts/inter.woff2":           "font/woff2",
		"/experiences/guide.pdf":       "application/pdf",
		"/_redirects":                  "text/plain; charset=utf-8",
		"/insights/late-fees/notes.md": "text/markdown; charset=utf-8",
		"/data/unknown.qqq":            "text/plain; charset=utf-8",
		"/__playbook/live.js":          "text/javascript; charset=utf-8",
		"/__playbook/overlay.css":      "text/css; charset=utf-8",
	} {
		r := get(s, "GET", path)
		if r.StatusCode != 200 {
			t.Errorf("%s: status %d", path, r.StatusCode)
		}
		if got := r.Header.Get("Content-Type"); got != want {
			t.Errorf("%s: Content-Type %q, want %q", path, got, want)
		}
		if got := r.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options %q", path, got)
		}
	}
}

// TestHeaders: nothing is cached, and every response carries the production CSP.
func TestHeaders(t *testing.T) {
	s, _ := testSite(t)
	for _, path := range []string{"/", "/assets/main.css", "/missing/", "/insights", "/__playbook/live.js", "/__playbook/nope"} {
		r := get(s, "GET", path)
		if got := r.Header.Get("Cache-Control"); got != "no-store" {
			t.Errorf("%s: Cache-Control %q", path, got)
		}
		csp := r.Header.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: CSP %q lacks %q", path, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: CSP allows inline code: %q", path, csp)
		}
	}
}

func TestNotFound(t *testing.T) {
	s, sink := testSite(t)
	for _, path := range []string{"/missing", "/missing/", "/insights/ghost/", "/assets/gone.css", "/index.html/"} {
		r := get(s, "GET", path)
		b := body(t, r)
		if r.StatusCode != 404 || !strings.Contains(b, "nothing here") {
			t.Errorf("%s: status %d, body %q; want the site's 404 page", path, r.StatusCode, b)
		}
		if !strings.Contains(b, LivePath) {
			t.Errorf("%s: the 404 page has no live-reload script: a page deleted while open must come back", path)
		}
	}
	// A site without a 404 page still answers 404.
	fresh := builder.NewMemSink()
	for _, p := range sink.Paths() {
		if p != "404.html" {
			data, _ := sink.Get(p)
			fresh.Put(p, data)
		}
	}
	s.files = fresh
	if r := get(s, "GET", "/missing/"); r.StatusCode != 404 {
		t.Errorf("no 404.html: status %d", r.StatusCode)
	}
}

func TestFolders(t *testing.T) {
	s, _ := testSite(t)
	r := get(s, "GET", "/insights/queue/")
	if b := body(t, r); r.StatusCode != 200 || !strings.Contains(b, "queue") {
		t.Errorf("/insights/queue/: %d %q", r.StatusCode, b)
	}
	for target, want := range map[string]string{
		"/insights":           "/insights/",
		"/insights/queue":     "/insights/queue/",
		"/insights/queue?x=1": "/insights/queue/?x=1",
	} {
		r := get(s, "GET", target)
		if r.StatusCode != http.StatusFound || r.Header.Get("Location") != want {
			t.Errorf("%s: %d to %q, want a redirect to %q", target, r.StatusCode, r.Header.Get("Location"), want)
		}
	}
	if r := get(s, "GET", "/insights/queue/index.html"); r.StatusCode != 200 {
		t.Errorf("index.html by name: %d", r.StatusCode)
	}
}

// TestNoEscape sends paths that try to leave the site: the server only ever
// answers with the site's own files.
func TestNoEscape(t *testing.T) {
	s, _ := testSite(t)
	srv := httptest.NewServer(s)
	defer srv.Close()
	for _, target := range []string{
		"/../../../../etc/passwd",
		"/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
		"/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
		"/insights/..%2f..%2f..%2fetc/passwd",
		"/..%5c..%5c..%5cwindows%5cwin.ini",
		"/%252e%252e/%252e%252e/etc/passwd",
		"//etc/passwd",
		"/./././etc/passwd",
		"/insights/%00/../../etc/passwd",
		"/..;/..;/etc/passwd",
		"/assets/../../go.mod",
		"/__playbook/../../etc/passwd",
		"/__playbook/../../../go.mod",
	} {
		status, b := rawGet(t, srv.Listener.Addr().String(), target)
		if strings.Contains(b, "root:") || strings.Contains(b, "module ") {
			t.Errorf("%s: a file from outside the site: %q", target, b)
		}
		if status != 404 && status != 200 && status != 400 {
			t.Errorf("%s: status %d", target, status)
		}
		if status == 200 && !strings.Contains(b, "<html") {
			t.Errorf("%s: served %q", target, b)
		}
	}
}

// rawGet sends a request line exactly as written, as an attacker's client would.
func rawGet(t *testing.T, addr, target string) (int, string) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", target)
	r, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("%s: %v", target, err)
	}
	defer r.Body.Close()
	b, _ := io.ReadAll(r.Body)
	return r.StatusCode, string(b)
}

func TestMethods(t *testing.T) {
	s, _ := testSite(t)
	if r := get(s, "POST", "/"); r.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d", r.StatusCode)
	}
	r := get(s, "HEAD", "/assets/main.css")
	if b := body(t, r); r.StatusCode != 200 || b != "" || r.Header.Get("Content-Length") != "18" {
		t.Errorf("HEAD: %d, body %q, length %q", r.StatusCode, b, r.Header.Get("Content-Length"))
	}
}

func TestInjectScript(t *testing.T) {
	s, _ := testSite(t)
	tag := `<script src="/__playbook/live.js" data-build="test-7" defer></script>`
	for path, before := range map[string]string{
		"/":              "</head>",
		"/insights/":     "</HEAD>",
		"/fragment.html": "", // at the end
	} {
		b := body(t, get(s, "GET", path))
		if strings.Count(b, LivePath) != 1 {
			t.Errorf("%s: %d scripts in %q", path, strings.Count(b, LivePath), b)
			continue
		}
		if !strings.Contains(b, tag+"\n"+before) {
			t.Errorf("%s: want %q before %q in %q", path, tag, before, b)
		}
	}
	if b := body(t, get(s, "GET", "/pages/themed/")); strings.Count(b, LivePath) != 1 {
		t.Errorf("a theme that includes the script itself got a second: %q", b)
	}
	for _, path := range []string{"/assets/main.css", "/feed.xml", "/favicon.svg"} {
		if b := body(t, get(s, "GET", path)); strings.Contains(b, "<script") {
			t.Errorf("%s: script injected: %q", path, b)
		}
	}
	// The injected page has no inline script: only the script file.
	if b := body(t, get(s, "GET", "/")); strings.Contains(b, "<script>") {
		t.Errorf("inline script: %q", b)
	}
}

// events reads a Server-Sent Events stream.
type events struct {
	t    testing.TB
	r    *bufio.Reader
	body io.Closer
}

type event struct {
	name string
	data message
}

func openEvents(t testing.TB, base string) *events {
	t.Helper()
	req, _ := http.NewRequest("GET", base+EventsPath, nil)
	r, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if r.StatusCode != 200 || r.Header.Get("Content-Type") != "text/event-stream; charset=utf-8" || r.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("events: %d %v", r.StatusCode, r.Header)
	}
	t.Cleanup(func() { r.Body.Close() })
	return &events{t: t, r: bufio.NewReader(r.Body), body: r.Body}
}

// next returns the next event, skipping comments and the retry field; ok is
// false at the end of the stream.
func (e *events) next() (ev event, ok bool) {
	e.t.Helper()
	for {
		line, err := e.r.ReadString('\n')
		if err != nil {
			return ev, false
		}
		line = strings.TrimSuffix(line, "\n")
		switch {
		case line == "":
			if ev.name != "" {
				return ev, true
			}
		case strings.HasPrefix(line, "event: "):
			ev.name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			if err := json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &ev.data); err != nil {
				e.t.Fatalf("event data %q: %v", line, err)
			}
		}
	}
}

// expect returns the next event, which must be named name, within the timeout.
func (e *events) expect(name string, timeout time.Duration) message {
	e.t.Helper()
	got := make(chan event, 1)
	go func() {
		ev, ok := e.next()
		if !ok {
			ev.name = "(end of stream)"
		}
		got <- ev
	}()
	select {
	case ev := <-got:
		if ev.name != name {
			e.t.Fatalf("event %q (%+v), want %q", ev.name, ev.data, name)
		}
		return ev.data
	case <-time.After(timeout):
		e.body.Close()
		e.t.Fatalf("no %q event within %v", name, timeout)
	}
	return message{}
}

func TestEvents(t *testing.T) {
	s, _ := testSite(t)
	s.hub.setState(message{Build: "b-1"})
	srv := httptest.NewServer(s)
	defer srv.Close()

	ev := openEvents(t, srv.URL)
	if m := ev.expect("hello", time.Second); m.Build != "b-1" || len(m.Errors) != 0 {
		t.Errorf("hello: %+v", m)
	}
	waitClients(t, s.hub, 1)

	s.hub.publish("reload", message{Build: "b-2", Changed: []string{"insights/queue/index.html"}})
	if m := ev.expect("reload", time.Second); m.Build != "b-2" || m.Changed[0] != "insights/queue/index.html" {
		t.Errorf("reload: %+v", m)
	}
	s.hub.publish("css", message{Build: "b-3", CSS: []string{"assets/main.css"}})
	if m := ev.expect("css", time.Second); m.CSS[0] != "assets/main.css" {
		t.Errorf("css: %+v", m)
	}
	broken := []errorMsg{{Pos: "content/insights/queue.md:2:8", Message: "YAML front matter: bad"}}
	s.hub.publish("errors", message{Build: "b-3", Errors: broken})
	if m := ev.expect("errors", time.Second); len(m.Errors) != 1 || m.Errors[0] != broken[0] {
		t.Errorf("errors: %+v", m)
	}

	// A page that connects while the site is broken learns it at once.
	late := openEvents(t, srv.URL)
	if m := late.expect("hello", time.Second); m.Build != "b-3" || len(m.Errors) != 1 || m.Errors[0] != broken[0] {
		t.Errorf("hello while broken: %+v", m)
	}

	// Shutting down ends every stream.
	s.hub.close()
	for _, e := range []*events{ev, late} {
		if got, ok := e.next(); ok {
			t.Errorf("after close: %+v", got)
		}
	}
	if r := get(s, "GET", EventsPath); r.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("a stream opened after close: %d", r.StatusCode)
	}
}

func waitClients(t *testing.T, h *hub, n int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for h.count() != n {
		if ctx.Err() != nil {
			t.Fatalf("%d streams open, want %d", h.count(), n)
		}
		time.Sleep(time.Millisecond)
	}
}
