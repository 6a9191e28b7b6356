package devserver

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// hub sends Server-Sent Events to every open page. Each page gets, when it
// connects, the current state ("hello": the build id and its errors), then one
// event per build:
//
//	reload  {build, errors, changed,  pages changed: reload if yours is in changed
//	         css, all}                (or all is set), else swap the css
//	css     {build, errors, css}      only stylesheets changed: swap them
//	errors  {build, errors}           nothing changed; the errors (maybe none) stand
//
// A page whose build id differs from the hello's missed a build (the server
// restarted, or it loaded just before a change): it reloads.
type hub struct {
	mu      sync.Mutex
	clients map[chan []byte]bool
	hello   []byte // the encoded hello event for the current state
	closed  bool
	done    chan struct{}
}

func newHub() *hub {
	return &hub{clients: map[chan []byte]bool{}, done: make(chan struct{})}
}

// message is the data of every event.
type message struct {
	Build   string     `json:"build"`
	Errors  []errorMsg `json:"errors"`
	Changed []string   `json:"changed,omitempty"` // reload: HTML pages that changed
	All     bool       `json:"all,omitempty"`     // reload: too many to list; every page reloads
	CSS     []string   `json:"css,omitempty"`     // css: the stylesheets that changed
}

// errorMsg is one error for the overlay.
type errorMsg struct {
	Pos     string `json:"pos"` // "content/insights/a.md:3:7"
	Message string `json:"message"`
}

func encodeEvent(event string, m message) []byte {
	if m.Errors == nil {
		m.Errors = []errorMsg{}
	}
	data, err := json.Marshal(m)
	if err != nil {
		panic(err) // plain strings only
	}
	return fmt.Appendf(nil, "event: %s\ndata: %s\n\n", event, data)
}

// publish sends an event to every page and makes state the hello of later ones.
func (h *hub) publish(event string, m message) {
	ev := encodeEvent(event, m)
	hello := encodeEvent("hello", message{Build: m.Build, Errors: m.Errors})
	h.mu.Lock()
	defer h.mu.Unlock()
	h.hello = hello
	for c := range h.clients {
		select {
		case c <- ev:
		default:
			// A page that does not read its events is dropped; its browser
			// reconnects and gets the hello.
			delete(h.clients, c)
			close(c)
		}
	}
}

// setState sets the hello without sending anything (the first build).
func (h *hub) setState(m message) {
	hello := encodeEvent("hello", m)
	h.mu.Lock()
	h.hello = hello
	h.mu.Unlock()
}

// close ends every open stream and refuses new ones: http.Server.Shutdown waits
// for handlers to return, and a stream handler only returns when told.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return
	}
	h.closed = true
	close(h.done)
	for c := range h.clients {
		delete(h.clients, c)
		close(c)
	}
}

func (h *hub) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

// keepAlive is how often an idle stream gets a comment, so that a page that went
// away is noticed and proxies do not time the stream out.
const keepAlive = 20 * time.Second

func (h *hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	c := make(chan []byte, 16)
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	h.clients[c] = true
	hello := h.hello
	h.mu.Unlock()
	defer func() {
		h.mu.Lock()
		if h.clients[c] {
			delete(h.clients, c)
			close(c)
		}
		h.mu.Unlock()
	}()

	hd := w.Header()
	hd.Set("Content-Type", "text/event-stream; charset=utf-8")
	hd.Set("Cache-Control", "no-store")
	hd.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	// retry: reconnect quickly when the server restarts.
	var first bytes.Buffer
	first.WriteString("retry: 500\n\n")
	first.Write(hello)
	if _, err := w.Write(first.Bytes()); err != nil {
		return
	}
	if err := rc.Flush(); err != nil {
		return
	}
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		var data []byte
		select {
		case <-r.Context().Done():
			return
		case <-h.done:
			return
		case ev, ok := <-c:
			if !ok {
				return
			}
			data = ev
		case <-tick.C:
			data = []byte(": keep-alive\n\n")
		}
		if _, err := w.Write(data); err != nil {
			return
		}
		if err := rc.Flush(); err != nil {
			return
		}
	}
}
