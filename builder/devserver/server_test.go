package devserver

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/playbookhq/playbook/builder"
)

// syncBuffer is a bytes.Buffer safe for the server and the test at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// running is a Server started by a test.
type running struct {
	dir      string
	base     string // http://127.0.0.1:PORT
	srv      *Server
	out, err *syncBuffer
	builds   chan Report
	stop     func() error // cancels Run and returns what it returned
}

var testToday = time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)

// copySite copies a site from testdata into a temporary folder.
func copySite(t testing.TB, name string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", name))); err != nil {
		t.Fatal(err)
	}
	return dir
}

// serve runs a Server on dir on a loopback port until the test ends.
func serve(t testing.TB, dir string, o builder.Options) *running {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	o.Source = dir
	if o.Today.IsZero() {
		o.Today = testToday
	}
	r := &running{dir: dir, base: "http://" + ln.Addr().String(), out: &syncBuffer{}, err: &syncBuffer{}, builds: make(chan Report, 100)}
	ready := make(chan struct{})
	r.srv = New(Config{
		Options:  o,
		Listener: ln,
		Out:      r.out,
		Err:      r.err,
		Ready:    func() { close(ready) },
		OnBuild: func(rep Report) {
			select {
			case r.builds <- rep:
			default:
			}
		},
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.srv.Run(ctx) }()
	limit := 2 * time.Minute
	if _, ok := t.(*testing.B); ok {
		limit = 30 * time.Minute // 10,000 entries on a busy machine
	}
	var once sync.Once
	var runErr error
	r.stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case runErr = <-done:
			case <-time.After(10 * time.Second):
				t.Error("the server did not stop within 10 s")
			}
		})
		return runErr
	}
	t.Cleanup(func() {
		if err := r.stop(); err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	select {
	case <-ready:
	case err := <-done:
		t.Fatalf("Run ended before serving: %v\n%s", err, r.err)
	case <-time.After(limit):
		t.Fatalf("the first build took more than %v", limit)
	}
	<-r.builds // the first build's
	return r
}

func (r *running) write(t testing.TB, rel, text string) {
	t.Helper()
	writeFile(t, filepath.Join(r.dir, filepath.FromSlash(rel)), text)
}

func (r *running) edit(t testing.TB, rel, old, new string) {
	t.Helper()
	p := filepath.Join(r.dir, filepath.FromSlash(rel))
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s lacks %q", rel, old)
	}
	writeFile(t, p, strings.Replace(string(data), old, new, 1))
}

func (r *running) get(t testing.TB, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(r.base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(resp.Body)
	return resp.StatusCode, b.String()
}

// until reads events until one satisfies ok: a save may come as two batches
// when the machine is slow, and the earlier events do not matter then.
func (e *events) until(what string, ok func(name string, m message) bool) message {
	e.t.Helper()
	return e.within(20*time.Second, what, ok)
}

// within is until with a time limit.
func (e *events) within(limit time.Duration, what string, ok func(name string, m message) bool) message {
	e.t.Helper()
	deadline := time.Now().Add(limit)
	var seen []string
	for time.Now().Before(deadline) {
		got := make(chan event, 1)
		go func() {
			ev, more := e.next()
			if !more {
				ev.name = "(end)"
			}
			got <- ev
		}()
		select {
		case ev := <-got:
			if ev.name == "(end)" {
				e.t.Fatalf("the stream ended waiting for %s (saw %q)", what, seen)
			}
			if ok(ev.name, ev.data) {
				return ev.data
			}
			seen = append(seen, ev.name)
		case <-time.After(time.Until(deadline)):
		}
	}
	e.body.Close()
	e.t.Fatalf("no event for %s within %v (saw %q)", what, limit, seen)
	return message{}
}

func hasError(m message, pos, text string) bool {
	for _, e := range m.Errors {
		if strings.HasPrefix(e.Pos, pos) && strings.Contains(e.Message, text) {
			return true
		}
	}
	return false
}

// eventually reports whether ok becomes true within two seconds.
func eventually(ok func() bool) bool {
	for deadline := time.Now().Add(2 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if ok() {
			return true
		}
	}
	return ok()
}

// TestServe runs the server on a small site and goes through an author's
// session: edit, restyle, break, fix, add, delete, stop.
func TestServe(t *testing.T) {
	r := serve(t, copySite(t, "plain"), builder.Options{})
	if !strings.Contains(r.out.String(), "Built ") {
		t.Errorf("no summary of the first build: %q", r.out)
	}
	code, page := r.get(t, "/insights/queue/")
	if code != 200 || !strings.Contains(page, "Residents wait") || !strings.Contains(page, LivePath) {
		t.Fatalf("/insights/queue/: %d\n%s", code, page)
	}
	ev := openEvents(t, r.base)
	hello := ev.expect("hello", 5*time.Second)

	// A body edit re-renders the entry: its page reloads.
	r.edit(t, "content/insights/queue.md", "Residents wait", "Residents queue")
	m := ev.until("the body edit", func(name string, m message) bool {
		return name == "reload" && slices.Contains(m.Changed, "insights/queue/index.html")
	})
	if m.Build == hello.Build || len(m.Errors) != 0 {
		t.Errorf("reload: %+v after hello %+v", m, hello)
	}
	if _, page := r.get(t, "/insights/queue/"); !strings.Contains(page, "Residents queue") {
		t.Errorf("the page was not rebuilt:\n%s", page)
	}
	// The summary is printed once the event is on its way: give it a moment.
	if !eventually(func() bool { return strings.Contains(r.out.String(), "content/insights/queue.md: rebuilt in ") }) {
		t.Errorf("no summary line for the rebuild:\n%s", r.out)
	}
	// Its time is the clock's, not midnight.
	for _, l := range strings.Split(r.out.String(), "\n") {
		if stamp, _, ok := strings.Cut(l, " content/insights/queue.md: rebuilt in "); ok {
			at, err := time.ParseInLocation("15:04:05", stamp, time.Local)
			now := time.Now()
			at = time.Date(now.Year(), now.Month(), now.Day(), at.Hour(), at.Minute(), at.Second(), 0, time.Local)
			if d := now.Sub(at); err != nil || d < -time.Minute || d > time.Minute {
				t.Errorf("the summary's time %q is not the time of the rebuild (%s)", stamp, now.Format("15:04:05"))
			}
		}
	}

	// A stylesheet edit changes the stylesheet alone: pages swap it.
	r.write(t, "themes/plain/assets/main.css", "body { margin: 0; color: rebeccapurple }")
	m = ev.until("the stylesheet edit", func(name string, m message) bool { return name != "errors" })
	if !slices.Equal(m.CSS, []string{"assets/main.css"}) {
		t.Errorf("css event: %+v", m)
	}
	if _, css := r.get(t, "/assets/main.css"); !strings.Contains(css, "rebeccapurple") {
		t.Errorf("stylesheet: %q", css)
	}

	// Broken front matter: every page learns the error, with its place, and the
	// terminal prints it once.
	r.write(t, "content/insights/queue.md", "---\ntitle: The queue\nsummary: [unclosed\n---\nBody.\n")
	m = ev.until("the broken front matter", func(name string, m message) bool { return len(m.Errors) > 0 })
	if !hasError(m, "content/insights/queue.md:3", "") {
		t.Errorf("errors: %+v", m.Errors)
	}
	late := openEvents(t, r.base)
	if m := late.expect("hello", 5*time.Second); !hasError(m, "content/insights/queue.md:3", "") {
		t.Errorf("a page opened while broken: hello %+v", m)
	}
	if n := strings.Count(r.err.String(), "content/insights/queue.md:3:"); n != 1 {
		t.Errorf("the error is printed %d times:\n%s", n, r.err)
	}
	if !strings.Contains(r.err.String(), "build failed in") {
		t.Errorf("no failure line:\n%s", r.err)
	}

	// Fixed: no more errors.
	r.write(t, "content/insights/queue.md", "---\ntitle: The queue\nsummary: Fixed.\ndate: 2026-01-10\nkind: [frustrating]\ncustomer: walk-in residents\nevidence: [{quote: q}]\n---\nCompare [[triage]].\n")
	ev.until("the fix", func(name string, m message) bool { return len(m.Errors) == 0 })
	late.until("the fix, on the late page", func(name string, m message) bool { return len(m.Errors) == 0 })

	// A new file in a new folder: its page appears, the list links it.
	r.write(t, "content/insights/new/deeper/fresh.md", "---\ntitle: Fresh insight\nsummary: New.\ndate: 2026-06-01\nkind: [broken]\ncustomer: c\nevidence: [{quote: q}]\n---\nLinks [[triage]].\n")
	ev.until("the new file", func(name string, m message) bool {
		return name == "reload" && slices.Contains(m.Changed, "insights/fresh/index.html")
	})
	if code, _ := r.get(t, "/insights/fresh/"); code != 200 {
		t.Errorf("new page: %d", code)
	}
	if _, list := r.get(t, "/insights/"); !strings.Contains(list, "Fresh insight") {
		t.Errorf("the list does not link the new entry:\n%s", list)
	}

	// Deleting an entry: its page is gone, the pages linking it report it.
	if err := os.Remove(filepath.Join(r.dir, "content/analogies/triage.md")); err != nil {
		t.Fatal(err)
	}
	m = ev.until("the deletion", func(name string, m message) bool { return len(m.Errors) > 0 })
	if !hasError(m, "content/insights/queue.md", "triage") || !hasError(m, "content/insights/new/deeper/fresh.md", "triage") {
		t.Errorf("errors after deleting triage: %+v", m.Errors)
	}
	if code, page := r.get(t, "/analogies/triage/"); code != 404 {
		t.Errorf("deleted page: %d\n%s", code, page)
	}
	if _, page := r.get(t, "/insights/fresh/"); !strings.Contains(page, "Links triage.") {
		t.Errorf("the broken link is not plain text:\n%s", page)
	}

	// Ctrl-C: the streams end, the server stops.
	if err := r.stop(); err != nil {
		t.Fatal(err)
	}
	if got, ok := ev.next(); ok {
		t.Errorf("stream still open after stop: %+v", got)
	}
	if c, err := net.DialTimeout("tcp", strings.TrimPrefix(r.base, "http://"), time.Second); err == nil {
		c.Close()
		t.Error("still listening after stop")
	}
}

// TestServePoll: with --poll, changes are found by comparing the files.
func TestServePoll(t *testing.T) {
	dir := copySite(t, "plain")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	builds := make(chan Report, 10)
	s := New(Config{Options: builder.Options{Source: dir, Today: testToday}, Listener: ln, Poll: 20 * time.Millisecond,
		OnBuild: func(r Report) { builds <- r }})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	<-builds // the first
	writeFile(t, filepath.Join(dir, "content/pages/about.md"), "---\ntitle: About us\nsummary: s\n---\nPolled.\n")
	select {
	case r := <-builds:
		if !slices.Equal(r.Paths, []string{"content/pages/about.md"}) || !slices.Contains(r.Changed, "pages/about/index.html") {
			t.Errorf("build for %q changed %q", r.Paths, r.Changed)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the poller did not notice the edit")
	}
}

// TestServeBadSource: a folder without content/ is the author's mistake, not a
// content error.
func TestServeBadSource(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := New(Config{Options: builder.Options{Source: t.TempDir()}, Listener: ln})
	err = s.Run(context.Background())
	if _, ok := err.(*builder.UsageError); !ok {
		t.Errorf("Run = %v, want a usage error", err)
	}
}

func TestClassify(t *testing.T) {
	for _, tt := range []struct {
		changed []string
		event   string
		all     bool
	}{
		{nil, "errors", false},
		{[]string{"assets/main.css"}, "css", false},
		{[]string{"assets/main.css", "assets/print.css"}, "css", false},
		{[]string{"assets/main.css", "search/data/meta.js"}, "css", false},
		{[]string{"insights/a/index.html"}, "reload", false},
		{[]string{"assets/main.css", "insights/a/index.html"}, "reload", false},
		{[]string{"insights/a/index.html", "search/data/meta.js", "search/data/7.js"}, "reload", false},
		{[]string{"feed.xml", "sitemap.xml"}, "errors", false},
		{[]string{"search/data/meta.js", "search/data/7.js"}, "errors", false},
		{[]string{"assets/js/site.js"}, "reload", true},
		{[]string{"favicon.svg"}, "reload", true},
	} {
		event, _, _, all := classify(tt.changed)
		if event != tt.event || all != tt.all {
			t.Errorf("classify(%q) = %s all=%v, want %s all=%v", tt.changed, event, all, tt.event, tt.all)
		}
	}
}

// TestEditedPageAhead edits an entry: its page is rendered and reloaded ahead of
// the rest of the build, with its new text, and the build's own event does not
// reload it again. An edit that breaks the file sends nothing ahead.
func TestEditedPageAhead(t *testing.T) {
	r := serve(t, copySite(t, "plain"), builder.Options{})
	ev := openEvents(t, r.base)
	ev.expect("hello", 5*time.Second)
	const page = "insights/queue/index.html"

	r.edit(t, "content/insights/queue.md", "Residents wait", "Residents queue")
	first := ev.until("the page sent ahead", func(name string, m message) bool { return name == "reload" })
	if !slices.Equal(first.Changed, []string{page}) || len(first.Errors) != 0 {
		t.Fatalf("the first reload after the edit: %+v, want one for %s alone", first, page)
	}
	if _, body := r.get(t, "/insights/queue/"); !strings.Contains(body, "Residents queue") {
		t.Errorf("the page sent ahead lacks the edit:\n%s", body)
	}
	rep := nextBuild(t, r, "content/insights/queue.md", func(rep Report) bool { return len(rep.Changed) > 0 })
	if !slices.Contains(rep.Ahead, page) || rep.AheadSent.IsZero() || rep.AheadSent.After(rep.Sent) {
		t.Errorf("report: ahead %q at %v, event at %v", rep.Ahead, rep.AheadSent, rep.Sent)
	}
	if !slices.Contains(rep.Changed, page) || rep.Event != "reload" {
		t.Errorf("report: changed %q, event %q; want the page among the changes, and a reload", rep.Changed, rep.Event)
	}
	// The build's own event has gone out by now: it does not name the page.
	if last := ev.expect("errors", 5*time.Second); len(last.Changed) != 0 || last.Build != first.Build {
		t.Errorf("the build's own event: %+v, after %+v", last, first)
	}

	r.write(t, "content/insights/queue.md", "---\ntitle: [\n---\n")
	ev.until("the broken file", func(name string, m message) bool { return len(m.Errors) > 0 })
	if rep := nextBuild(t, r, "content/insights/queue.md", func(rep Report) bool { return len(rep.Errors) > 0 }); len(rep.Ahead) != 0 || !rep.AheadSent.IsZero() {
		t.Errorf("a broken file sent %q ahead", rep.Ahead)
	}
}

// nextBuild waits for the report of a build for path that ok accepts: a save may
// come as two batches when the machine is slow, and the first build then reads a
// file half written.
func nextBuild(t *testing.T, r *running, path string, ok func(Report) bool) Report {
	t.Helper()
	for {
		select {
		case rep := <-r.builds:
			if slices.Contains(rep.Paths, path) && ok(rep) {
				return rep
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("no build for %s", path)
		}
	}
}
