package devserver

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/playbookhq/playbook/builder"
)

// Config is what a Server serves and how.
type Config struct {
	// Options describe the site. The server sets Serve (asset names without a
	// content hash, so that a style edit changes only the stylesheet) and
	// KeepGoing (a broken file leaves the rest of the site current).
	Options builder.Options
	// Listener is where to serve; Run closes it.
	Listener net.Listener
	// Poll, when positive, polls the files that often instead of waiting for the
	// system's change events.
	Poll time.Duration
	// Out receives a line per build; Err each build's errors (once per build) and
	// the warnings not shown before, as file:line:col: message. Nil: discarded.
	Out, Err io.Writer
	// Ready, if set, is called once the first build is done and the site is
	// served.
	Ready func()
	// Quiet and Cap tune the batching of changes (see Batcher); zero: defaults.
	Quiet, Cap time.Duration
	// OnBuild, if set, is called after every build, once its event is sent.
	OnBuild func(Report)
	// AllowHosts are the names (or addresses; a port is ignored) the server
	// answers for besides localhost, *.localhost, loopback addresses and the
	// Listener's address: every other Host is refused, against DNS rebinding.
	AllowHosts []string
	// Backend, when set, is the editing forms' local backend (playbook serve
	// --cms), served at cms.LocalBackendPath to the site's own pages only.
	Backend http.Handler
}

// Report describes one build of the server, for tests and benchmarks.
type Report struct {
	Paths    []string  // the changes it was for; nil: every file (the first build)
	First    time.Time // when the watcher reported the batch's first change
	Ready    time.Time // when the batch was complete (the quiet period ended)
	Start    time.Time // when the build began
	Built    time.Time // when the build ended
	Sent     time.Time // when its event went out to the pages
	Timings  []builder.Timing
	Rendered int      // pages the build rendered (the others' inputs were unchanged)
	Changed  []string // files of the site the build altered
	// Ahead are the pages of the edited entries, rendered and reloaded ahead of
	// the rest of the build (builder.Options.Ahead), when AheadSent is set; they
	// are among Changed.
	Ahead     []string
	AheadSent time.Time
	Event     string // "reload", "css" or "errors"
	Errors    builder.Diagnostics
}

// Server builds a site into memory, serves it, and rebuilds it when its files
// change, telling the open pages over Server-Sent Events.
type Server struct {
	cfg     Config
	sink    *builder.MemSink
	b       *builder.Builder
	hub     *hub
	batch   *Batcher
	handler http.Handler

	instance string // random: a restarted server has new build ids
	mu       sync.Mutex
	gen      int
	first    chan struct{}   // closed when it has
	running  atomic.Bool     // Run has begun the first build
	home     func()          // called once the first build has published its home page
	warned   map[string]bool // warnings already printed
	ahead    *Report         // the build under way: what it sent ahead
}

// homeSink is the server's sink: it tells the server when the first build has
// put the home page, which the server then serves without waiting for the rest.
type homeSink struct {
	*builder.MemSink
	s    *Server
	once sync.Once
}

func (h *homeSink) Put(p string, data []byte) error {
	err := h.MemSink.Put(p, data)
	if p == "index.html" && err == nil && h.s.home != nil {
		h.once.Do(h.s.home)
	}
	return err
}

// New prepares a server; Run starts it.
func New(cfg Config) *Server {
	if cfg.Out == nil {
		cfg.Out = io.Discard
	}
	if cfg.Err == nil {
		cfg.Err = io.Discard
	}
	cfg.Options.Serve = true
	cfg.Options.KeepGoing = true
	var id [4]byte
	rand.Read(id[:])
	s := &Server{
		cfg:      cfg,
		sink:     builder.NewMemSink(),
		hub:      newHub(),
		batch:    NewBatcher(nil, cfg.Quiet, cfg.Cap),
		instance: hex.EncodeToString(id[:]),
		// Pages served while the first build runs are of that build: they carry
		// the id it ends with.
		gen:    1,
		first:  make(chan struct{}),
		warned: map[string]bool{},
	}
	s.cfg.Options.Ahead = s.sendAhead
	s.b = builder.NewBuilder(s.cfg.Options, &homeSink{MemSink: s.sink, s: s})
	s.handler = &site{files: s.sink, build: s.buildID, hub: s.hub, hosts: newHosts(cfg.Listener, cfg.AllowHosts), backend: cfg.Backend, first: s.first, running: &s.running}
	return s
}

// Handler serves the site as built so far.
func (s *Server) Handler() http.Handler { return s.handler }

func (s *Server) buildID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return fmt.Sprintf("%s-%d", s.instance, s.gen)
}

// Run watches, builds, and serves until ctx ends, then shuts down: open event
// streams are closed, the HTTP server drains, the watcher stops. A content error
// never ends it; only a problem with the site's folder itself (no content/) at
// the first build, or the listener failing, does.
func (s *Server) Run(ctx context.Context) error {
	src := s.cfg.Options.Source
	if src == "" {
		src = "."
	}
	// Watch first: a change made during the first build is not missed.
	var watcher io.Closer
	if s.cfg.Poll > 0 {
		watcher = Poll(src, s.cfg.Poll, s.batch)
	} else {
		w, err := Watch(src, s.batch, s.logf)
		if err != nil {
			s.cfg.Listener.Close()
			return err
		}
		watcher = w
	}
	defer watcher.Close()

	// Serving begins as soon as the first build has put the home page (or when it
	// ends, if it never does): on a large playbook the author reads the home page
	// while the other pages are made. A request for a file not made yet waits
	// for the first build to end, so every answer is the first build's.
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
	}
	served := make(chan error, 1)
	var serving sync.Once
	startServing := func() {
		serving.Do(func() {
			go func() { served <- srv.Serve(s.cfg.Listener) }()
			if s.cfg.Ready != nil {
				s.cfg.Ready()
			}
		})
	}
	s.home = startServing
	s.running.Store(true)
	_, err := s.build(ctx, nil, time.Time{}, time.Time{})
	close(s.first)
	if ue := (*builder.UsageError)(nil); errors.As(err, &ue) || ctx.Err() != nil {
		srv.Close()
		s.cfg.Listener.Close()
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	startServing()

	var runErr error
loop:
	for {
		select {
		case <-ctx.Done():
			break loop
		case err := <-served:
			runErr = err
			break loop
		case <-s.batch.Ready():
			b := s.batch.Take()
			if b.Empty() {
				continue
			}
			s.build(ctx, b.Paths, b.First, b.Ready)
		}
	}
	// Streams first: Shutdown waits for every handler, and a stream's handler
	// returns only when its stream ends.
	s.hub.close()
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
	}
	if errors.Is(runErr, http.ErrServerClosed) {
		runErr = nil
	}
	return runErr
}

func (s *Server) logf(format string, args ...any) {
	fmt.Fprintf(s.cfg.Err, format+"\n", args...)
}

// build runs one build and tells the pages and the terminal what came of it.
// paths nil reads everything.
func (s *Server) build(ctx context.Context, paths []string, first, ready time.Time) (Report, error) {
	firstBuild := paths == nil && first.IsZero()
	rep := Report{Paths: paths, First: first, Ready: ready, Start: time.Now()}
	s.ahead = &rep
	res, err := s.b.Rebuild(ctx, paths)
	s.ahead = nil
	rep.Built = time.Now()
	if ctx.Err() != nil {
		return rep, ctx.Err()
	}
	var diags builder.Diagnostics
	if res != nil {
		rep.Timings = res.Timings
		rep.Rendered = res.Rendered
		diags = res.Diagnostics
	}
	// What the build altered, finished or not: what it rendered is in the sink.
	rep.Changed = s.sink.TakeChanged()
	var be *builder.BuildError
	switch {
	case err == nil:
	case errors.As(err, &be):
		diags = be.Diagnostics
	default:
		diags = append(diags, builder.Diagnostic{Pos: builder.Pos{File: src(s.cfg.Options)}, Msg: err.Error()})
	}
	for _, d := range diags {
		if d.Severity == builder.Error {
			rep.Errors = append(rep.Errors, d)
		}
	}

	msg := message{Errors: errorMsgs(rep.Errors)}
	var event string
	event, msg.Changed, msg.CSS, msg.All = classify(rep.Changed)
	rep.Event = event
	// A build that changed nothing a page shows (only feeds, say, or the search
	// index) leaves every open page current: pages keep their build id.
	s.mu.Lock()
	if (len(msg.Changed) > 0 || len(msg.CSS) > 0 || msg.All) && !firstBuild {
		s.gen++
	}
	s.mu.Unlock()
	if len(rep.Ahead) > 0 {
		// The report covers the build: the pages sent ahead, and what the event
		// below tells.
		rep.Changed = slices.Compact(slices.Sorted(slices.Values(slices.Concat(rep.Ahead, rep.Changed))))
		rep.Event, _, _, _ = classify(rep.Changed)
	}
	msg.Build = s.buildID()
	// The terminal hears of the build before the pages do, but for the pages
	// sent ahead: whoever reads both (an author, a test) never sees the rest of
	// the site ahead of the terminal.
	s.report(rep, res, diags, err)
	if firstBuild {
		s.hub.setState(message{Build: msg.Build, Errors: msg.Errors}) // the first build: nobody listens yet
	} else {
		s.hub.publish(event, msg)
	}
	rep.Sent = time.Now()
	if s.cfg.OnBuild != nil {
		s.cfg.OnBuild(rep)
	}
	return rep, err
}

// sendAhead tells the open pages of the entries that the build under way rendered
// ahead of the rest to reload (builder.Options.Ahead); the build's own event
// follows with the rest of what it changed. Ahead runs only in builds without
// problems, so the overlay, if shown, goes.
func (s *Server) sendAhead() {
	rep := s.ahead
	if rep == nil {
		return
	}
	changed := s.sink.TakeChanged()
	event, pages, _, _ := classify(changed)
	rep.Ahead = append(rep.Ahead, changed...)
	if event != "reload" || len(pages) == 0 {
		return
	}
	s.mu.Lock()
	s.gen++
	s.mu.Unlock()
	s.hub.publish("reload", message{Build: s.buildID(), Changed: pages})
	rep.AheadSent = time.Now()
}

func src(o builder.Options) string {
	if o.Source == "" {
		return "."
	}
	return o.Source
}

// report prints a build's outcome: its errors (this build's, once), warnings not
// printed before, and one line of summary.
func (s *Server) report(rep Report, res *builder.Result, diags builder.Diagnostics, err error) {
	var e strings.Builder
	for _, d := range diags {
		if d.Severity == builder.Warning {
			if s.warned[d.Error()] {
				continue
			}
			s.warned[d.Error()] = true
		}
		e.WriteString(d.Error())
		e.WriteByte('\n')
	}
	took := rep.Built.Sub(rep.Start).Round(100 * time.Microsecond)
	stamp := rep.Built.Format("15:04:05") // when the build ended: report runs before the event is sent
	what := describe(rep.Paths)
	switch {
	case err != nil:
		n := len(rep.Errors)
		fmt.Fprintf(&e, "%s %sbuild failed in %v: %d %s (shown in the browser; fix and save)\n", stamp, what, took, n, plural(n, "error", "errors"))
		io.WriteString(s.cfg.Err, e.String())
	case rep.Paths == nil && rep.First.IsZero():
		io.WriteString(s.cfg.Err, e.String())
		fmt.Fprintf(s.cfg.Out, "Built %s (%s) in %v.\n", plural2(res.Outputs, "file", "files"), plural2(len(res.Site.Entries), "entry", "entries"), took)
	default:
		io.WriteString(s.cfg.Err, e.String())
		action := map[string]string{"reload": "reloading", "css": "swapping styles", "errors": "nothing to update"}[rep.Event]
		fmt.Fprintf(s.cfg.Out, "%s %srebuilt in %v: %d %s changed, %s\n", stamp, what, took, len(rep.Changed), plural(len(rep.Changed), "file", "files"), action)
	}
}

func describe(paths []string) string {
	switch {
	case paths == nil:
		return ""
	case len(paths) == 1:
		return paths[0] + ": "
	}
	return fmt.Sprintf("%s and %d more: ", paths[0], len(paths)-1)
}

// plural2 is n and its noun in number: "1 entry", "2 entries".
func plural2(n int, one, many string) string { return fmt.Sprintf("%d %s", n, plural(n, one, many)) }

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func errorMsgs(diags builder.Diagnostics) []errorMsg {
	out := make([]errorMsg, 0, len(diags))
	for _, d := range diags {
		out = append(out, errorMsg{Pos: d.Pos.String(), Message: d.Msg})
	}
	return out
}

// maxListed is how many changed pages a reload event names; beyond that every
// page reloads.
const maxListed = 500

// classify picks what the open pages must do about a build that altered changed
// (files of the site): nothing but show the errors ("errors"), swap stylesheets
// ("css"), or reload ("reload") the pages listed, or all when a script, an image
// or a font changed, which any page may use. Feeds, the sitemap and the search
// index (scripts, but read only when a search runs) concern no page already open.
func classify(changed []string) (event string, pages, css []string, all bool) {
	for _, p := range changed {
		if strings.HasPrefix(p, builder.SearchData) {
			continue
		}
		switch path.Ext(p) {
		case ".html":
			pages = append(pages, p)
		case ".css":
			css = append(css, p)
		case ".xml", ".json", ".txt", "":
		default:
			all = true
		}
	}
	if len(pages) == 0 && !all {
		if len(css) > 0 {
			return "css", nil, css, false
		}
		return "errors", nil, nil, false
	}
	if len(pages) > maxListed {
		pages, all = nil, true
	}
	return "reload", pages, css, all
}
