package devserver

import (
	"context"
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/playbookhq/playbook/builder"
)

// holdSink holds back one file of the first build until the test lets it go.
type holdSink struct {
	*homeSink
	hold    string
	release chan struct{}
}

func (h *holdSink) Put(p string, data []byte) error {
	if p == h.hold {
		<-h.release
	}
	return h.homeSink.Put(p, data)
}

// TestServesHomeDuringFirstBuild: the server answers as soon as the first build
// has made the home page; a file that build has not made yet is answered once
// it has, from that build, never with a 404; and a page served early is greeted
// by its event stream with its own build id, so it does not reload.
func TestServesHomeDuringFirstBuild(t *testing.T) {
	dir := copySite(t, "plain")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	ready := make(chan struct{})
	s := New(Config{Options: builder.Options{Source: dir, Today: testToday}, Listener: ln, Ready: func() { close(ready) }})
	const held = "sitemap.xml"
	release := make(chan struct{})
	s.b = builder.NewBuilder(s.cfg.Options, &holdSink{homeSink: &homeSink{MemSink: s.sink, s: s}, hold: held, release: release})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	released := false
	let := func() {
		if !released {
			released = true
			close(release)
		}
	}
	t.Cleanup(func() {
		let()
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	select {
	case <-ready:
	case <-time.After(time.Minute):
		t.Fatal("the server did not start serving while the first build was held")
	}
	get := func(p string) (int, string) {
		resp, err := http.Get(base + p)
		if err != nil {
			t.Error(err)
			return 0, ""
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	code, home := get("/")
	if code != http.StatusOK || !strings.Contains(home, "<html") {
		t.Fatalf("the home page during the first build: %d %.200s", code, home)
	}
	select {
	case <-s.first:
		t.Fatal("the first build ended although a file was held: the test proves nothing")
	default:
	}

	type answer struct {
		code int
		body string
	}
	got := make(chan answer, 1)
	go func() { c, b := get("/" + held); got <- answer{c, b} }()
	select {
	case a := <-got:
		t.Fatalf("/%s was answered before the build made it: %d %.100s", held, a.code, a.body)
	case <-time.After(300 * time.Millisecond):
	}
	let()
	select {
	case a := <-got:
		if a.code != http.StatusOK || !strings.Contains(a.body, "<urlset") {
			t.Errorf("/%s after the build made it: %d %.200s", held, a.code, a.body)
		}
	case <-time.After(time.Minute):
		t.Fatalf("/%s was not answered after the first build", held)
	}

	id := regexp.MustCompile(`data-build="([^"]+)"`).FindStringSubmatch(home)
	if id == nil {
		t.Fatalf("no build id in the home page: %.300s", home)
	}
	ev := openEvents(t, base)
	if m := ev.expect("hello", 10*time.Second); m.Build != id[1] {
		t.Errorf("the stream greets with build %q; the page served early has %q and would reload", m.Build, id[1])
	}
}
