package devserver

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestParseHost(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		ok       bool
	}{
		{"localhost", "localhost", true},
		{"LocalHost:1313", "localhost", true},
		{"localhost:", "localhost", true},
		{"localhost.", "localhost", true},
		{"app.localhost.:80", "app.localhost", true},
		{"127.0.0.1:1313", "127.0.0.1", true},
		{"[::1]:1313", "::1", true},
		{"[::1]", "::1", true},
		{"[0:0:0:0:0:0:0:1]", "::1", true},
		{"::1", "::1", true},
		{"[::ffff:127.0.0.1]:1313", "127.0.0.1", true},
		{"Phone_1.LAN", "phone_1.lan", true},
		{"", "", false},
		{":1313", "", false},
		{".", "", false},
		{"localhost..", "", false},
		{".localhost", "", false},
		{"a..localhost", "", false},
		{"localhost:http", "", false},
		{"localhost:1313@evil.example", "", false},
		{"localhost:1313:1313", "", false},
		{"[::1", "", false},
		{"[::1]x", "", false},
		{"[127.0.0.1]", "", false},
		{"[localhost]", "", false},
		{"http://localhost", "", false},
		{"localhost/x", "", false},
		{"local host", "", false},
		{"evil%2eexample", "", false},
		{strings.Repeat("a", 64) + ".localhost", "", false},
	} {
		got, ok := ParseHost(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseHost(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// fakeListener has an address and nothing else: the rule takes the address the
// server listens on from it.
type fakeListener struct{ addr net.Addr }

func (l fakeListener) Accept() (net.Conn, error) { return nil, net.ErrClosed }
func (l fakeListener) Close() error              { return nil }
func (l fakeListener) Addr() net.Addr            { return l.addr }

func TestHostRule(t *testing.T) {
	lan := fakeListener{&net.TCPAddr{IP: net.ParseIP("192.168.1.5"), Port: 1313}}
	wild := fakeListener{&net.TCPAddr{IP: net.IPv6unspecified, Port: 1313}}
	for _, tt := range []struct {
		ln    net.Listener
		allow []string
		host  string
		want  bool
	}{
		{nil, nil, "localhost", true},
		{nil, nil, "sub.app.localhost:1", true},
		{nil, nil, "127.255.255.254", true},
		{nil, nil, "[::1]", true},
		{nil, nil, "[::ffff:127.0.0.1]:1313", true},
		{nil, nil, "localhost.evil.example", false},
		{nil, nil, "localhostx", false},
		{nil, nil, "128.0.0.1", false},
		{nil, nil, "[::2]", false},
		{nil, nil, "0.0.0.0", false},
		{lan, nil, "192.168.1.5:1313", true},
		{lan, nil, "192.168.1.5", true},
		{lan, nil, "192.168.1.6", false},
		{lan, nil, "laptop.lan", false},
		{lan, []string{"Laptop.LAN.:1313", "192.168.1.6", "[fe80::1]"}, "laptop.lan", true},
		{lan, []string{"Laptop.LAN.:1313", "192.168.1.6", "[fe80::1]"}, "LAPTOP.lan.:8080", true},
		{lan, []string{"Laptop.LAN.:1313", "192.168.1.6", "[fe80::1]"}, "192.168.1.6", true},
		{lan, []string{"Laptop.LAN.:1313", "192.168.1.6", "[fe80::1]"}, "[fe80:0::1]:1313", true},
		{lan, []string{"Laptop.LAN.:1313", "192.168.1.6", "[fe80::1]"}, "www.laptop.lan", false},
		{lan, []string{"not a name", ""}, "not a name", false},
		{wild, nil, "[::]:1313", true}, // the address it listens on, taken literally
		{wild, nil, "192.168.1.5", false},
	} {
		if got := newHosts(tt.ln, tt.allow).allowed(tt.host); got != tt.want {
			t.Errorf("listening on %v, allowing %q: allowed(%q) = %v, want %v", addrOf(tt.ln), tt.allow, tt.host, got, tt.want)
		}
	}
}

func addrOf(ln net.Listener) any {
	if ln == nil {
		return nil
	}
	return ln.Addr()
}

// answer is a response as the test reads it.
type answer struct {
	status int
	header http.Header
	body   string // the first bytes of it: an event stream never ends
}

// request sends a request exactly as written to addr: a browser can be made to
// send any Host, and none at all over HTTP/1.0.
func request(t *testing.T, addr, req string) answer {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(c, req); err != nil {
		t.Fatal(err)
	}
	r, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("%q: %v", req, err)
	}
	// Not r.Body.Close: it would read an event stream to its end. Closing the
	// connection ends it.
	b := make([]byte, 4096)
	n, _ := io.ReadAtLeast(r.Body, b, 1)
	return answer{r.StatusCode, r.Header, string(b[:n])}
}

// get11 is an HTTP/1.1 request for target with the given Host and headers.
func get11(method, target, host string, headers ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n", method, target, host)
	for _, h := range headers {
		b.WriteString(h + "\r\n")
	}
	b.WriteString("\r\n")
	return b.String()
}

// guarded serves the test site on a loopback port, answering also for
// phone.lan, as `--allow-host phone.lan` asks.
func guarded(t *testing.T) (addr string, port int) {
	t.Helper()
	s, _ := testSite(t)
	s.hub.setState(message{Build: "b-1"})
	srv := httptest.NewUnstartedServer(s) // on 127.0.0.1
	s.hosts = newHosts(srv.Listener, []string{"phone.lan"})
	srv.Start()
	t.Cleanup(srv.Close)
	t.Cleanup(s.hub.close) // first: Close waits for the streams
	return srv.Listener.Addr().String(), srv.Listener.Addr().(*net.TCPAddr).Port
}

func noCORS(t *testing.T, what string, a answer) {
	t.Helper()
	for k := range a.header {
		if strings.HasPrefix(http.CanonicalHeaderKey(k), "Access-Control-") {
			t.Errorf("%s: a CORS header: %s: %s", what, k, a.header.Get(k))
		}
	}
}

// TestForeignHosts: a page and the event stream are refused to any Host that is
// not local or allowed, the way DNS rebinding would send them.
func TestForeignHosts(t *testing.T) {
	addr, _ := guarded(t)
	for _, tt := range []struct {
		name, req, says string
	}{
		{"evil.example", "Host: evil.example", `"evil.example"`},
		{"evil.example:1313", "Host: evil.example:1313", `"evil.example:1313"`},
		{"localhost.evil.example", "Host: localhost.evil.example", "--allow-host localhost.evil.example"},
		{"127.0.0.1.evil.example", "Host: 127.0.0.1.evil.example", "--allow-host 127.0.0.1.evil.example"},
		{"evil.example.", "Host: evil.example.", "--allow-host evil.example\n"},
		{"a port that is no number", "Host: localhost:http", `"localhost:http"`},
		{"an address not loopback", "Host: 192.168.1.5:1313", "--allow-host 192.168.1.5"},
		{"empty", "Host: ", "no Host"},
		{"missing (HTTP/1.0)", "", "no Host"},
		{"an absolute request line", "Host: localhost", `"evil.example"`},
	} {
		for _, path := range []string{"/", "/insights/queue/", EventsPath, LivePath} {
			var req string
			switch tt.name {
			case "missing (HTTP/1.0)":
				req = "GET " + path + " HTTP/1.0\r\n\r\n"
			case "an absolute request line":
				req = get11("GET", "http://evil.example"+path, "localhost")
			default:
				req = strings.Replace(get11("GET", path, "X"), "Host: X", tt.req, 1)
			}
			a := request(t, addr, req)
			if a.status != http.StatusForbidden || !strings.Contains(a.body, tt.says) || !strings.Contains(a.body, "--allow-host") {
				t.Errorf("%s, %s: %d %q; want 403 saying %q and --allow-host", tt.name, path, a.status, a.body, tt.says)
			}
			if ct := a.header.Get("Content-Type"); ct != "text/plain; charset=utf-8" || a.header.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("%s, %s: Content-Type %q", tt.name, path, ct)
			}
			if strings.Contains(a.body, "home") || strings.Contains(a.body, "event:") {
				t.Errorf("%s, %s: the site leaked: %q", tt.name, path, a.body)
			}
			noCORS(t, tt.name, a)
		}
	}
}

// TestLocalHosts: the names that can only be this computer, and the allowed
// ones, get the site and its event stream.
func TestLocalHosts(t *testing.T) {
	addr, port := guarded(t)
	for _, host := range []string{
		"localhost", "localhost:1313", "LOCALHOST.", "app.localhost", "App.Localhost.:1313",
		"127.0.0.1:1313", "[::1]:1313", "127.1.2.3", fmt.Sprintf("127.0.0.1:%d", port),
		"phone.lan", "Phone.LAN.:1313",
	} {
		a := request(t, addr, get11("GET", "/", host))
		if a.status != http.StatusOK || !strings.Contains(a.body, "home") {
			t.Errorf("Host %s: %d %q; want the home page", host, a.status, a.body)
		}
		noCORS(t, host, a)
		a = request(t, addr, get11("GET", EventsPath, host))
		if a.status != http.StatusOK || a.header.Get("Content-Type") != "text/event-stream; charset=utf-8" {
			t.Errorf("Host %s, the event stream: %d %v %q", host, a.status, a.header, a.body)
		}
		noCORS(t, host+", the event stream", a)
	}
}

// TestOrigins: a page of another site may open the event stream (its requests
// name this server's Host when DNS rebinding does not, so only Origin tells);
// the server's own pages, and those of other local names, may.
func TestOrigins(t *testing.T) {
	addr, port := guarded(t)
	for _, tt := range []struct {
		origin string
		ok     bool
	}{
		{"http://evil.example", false},
		{"https://evil.example:1313", false},
		{"http://localhost.evil.example:1313", false},
		{"http://127.0.0.1.evil.example", false},
		{"null", false},
		{"", false},
		{"file://", false},
		{"ftp://localhost", false},
		{"chrome-extension://abcdef", false},
		{"http://user@localhost:1313", false},
		{"http://localhost:1313/page", false},
		{"http://localhost:1313", true},
		{fmt.Sprintf("http://127.0.0.1:%d", port), true},
		{"http://[::1]:1313", true},
		{"https://app.localhost", true},
		{"HTTP://LOCALHOST:1313", true},
		{"http://phone.lan:1313", true},
	} {
		a := request(t, addr, get11("GET", EventsPath, "localhost:1313", "Origin: "+tt.origin))
		switch {
		case tt.ok && (a.status != http.StatusOK || !strings.Contains(a.body, "event: hello")):
			t.Errorf("Origin %q: %d %q; want the stream", tt.origin, a.status, a.body)
		case !tt.ok && (a.status != http.StatusForbidden || !strings.Contains(a.body, fmt.Sprintf("%q", tt.origin))):
			t.Errorf("Origin %q: %d %q; want 403 naming it", tt.origin, a.status, a.body)
		}
		noCORS(t, "Origin "+tt.origin, a)

		// Any method but GET and HEAD is more than a file too.
		a = request(t, addr, get11("POST", "/", "localhost", "Origin: "+tt.origin, "Content-Length: 0"))
		if want := map[bool]int{true: http.StatusMethodNotAllowed, false: http.StatusForbidden}[tt.ok]; a.status != want {
			t.Errorf("POST, Origin %q: %d, want %d", tt.origin, a.status, want)
		}
		noCORS(t, "POST, Origin "+tt.origin, a)
	}

	// A second Origin header is checked too.
	a := request(t, addr, get11("GET", EventsPath, "localhost", "Origin: http://localhost", "Origin: http://evil.example"))
	if a.status != http.StatusForbidden {
		t.Errorf("two Origins, one foreign: %d", a.status)
	}
	// Files are no secret from other sites' pages (they cannot read them
	// without CORS, which is never sent): an Origin does not matter there.
	for _, path := range []string{"/", "/assets/main.css", LivePath} {
		a := request(t, addr, get11("GET", path, "localhost", "Origin: http://evil.example"))
		if a.status != http.StatusOK {
			t.Errorf("%s with a foreign Origin: %d", path, a.status)
		}
		noCORS(t, path, a)
	}
	// A CORS preflight gets no CORS answer.
	a = request(t, addr, get11("OPTIONS", EventsPath, "localhost", "Origin: http://localhost:3000", "Access-Control-Request-Method: GET"))
	if a.status != http.StatusMethodNotAllowed {
		t.Errorf("preflight: %d", a.status)
	}
	noCORS(t, "preflight", a)
}

// TestServerAllowHosts: Config.AllowHosts reaches the handler of a Server.
func TestServerAllowHosts(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := New(Config{Listener: ln, AllowHosts: []string{"phone.lan", "tablet.lan"}})
	srv := &http.Server{Handler: s.Handler()}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	for host, want := range map[string]int{
		"phone.lan":    http.StatusNotFound, // answered: nothing is built
		"tablet.lan":   http.StatusNotFound,
		"localhost":    http.StatusNotFound,
		"evil.example": http.StatusForbidden,
	} {
		if a := request(t, ln.Addr().String(), get11("GET", "/", host)); a.status != want {
			t.Errorf("Host %s: %d %q, want %d", host, a.status, a.body, want)
		}
	}
}
