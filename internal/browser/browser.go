// Package browser checks a built site the way its readers and web professionals
// will: in a real headless Chromium and with the Nu HTML Checker. It is for tests
// (and for the shot command, which screenshots a page for a person to look at).
//
// A [Browser] is one Chromium process; [Browser.Open] loads a page in a new tab at
// a viewport size and colour scheme, and records every request the page makes and
// every console message it writes. A [Page] evaluates JavaScript, takes a
// full-page screenshot, prints to PDF and runs axe-core. [ServeDir] serves a built
// folder on loopback for the browser to load; [VNU] validates every HTML file of a
// folder.
//
// Tools are found from environment variables, then where they usually are:
//
//	PLAYBOOK_CHROMIUM  Chromium; else chromium, chromium-browser or google-chrome on PATH
//	PLAYBOOK_AXE       axe.min.js; else node_modules/axe-core/axe.min.js at the module root
//	PLAYBOOK_VNU_JAR   vnu.jar; else node_modules/vnu-jar/build/dist/vnu.jar at the module
//	                   root; it runs with the java on PATH
//	CI                 "true": a missing tool fails the test instead of skipping it
package browser

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

const (
	startTimeout = time.Minute      // Chromium's first start on a cold machine is slow
	opTimeout    = 30 * time.Second // one navigation, evaluation, screenshot or print
	idleQuiet    = 250 * time.Millisecond
	idleMax      = 5 * time.Second
)

// Browser is a headless Chromium. Its methods are safe for concurrent use: each
// page is a tab of its own.
type Browser struct {
	ctx         context.Context // the browser's context; tabs are its children
	cancel      context.CancelFunc
	allocCancel context.CancelFunc

	axeOnce sync.Once
	axe     string
	axeErr  error
}

// New starts a browser for the test and closes it when the test ends. Without
// Chromium it skips the test, or fails it in CI.
func New(t testing.TB) *Browser {
	t.Helper()
	b, err := Start(context.Background())
	Require(t, err)
	t.Cleanup(func() {
		if err := b.Close(); err != nil {
			t.Logf("closing Chromium: %v", err)
		}
	})
	return b
}

// Start starts a headless Chromium with a fresh profile, which Close removes. It
// returns a *MissingError when there is no Chromium. The browser lives until Close
// or until ctx ends.
func Start(ctx context.Context) (*Browser, error) {
	exe, err := FindChromium()
	if err != nil {
		return nil, err
	}
	// The defaults already run headless, skip the first-run screens and turn off
	// background networking and sync. The rest keeps Chromium from reaching for
	// the network (there may be none) and lets it run as root in a container.
	// Without a user-data-dir flag chromedp makes a fresh profile folder and
	// removes it when the browser exits.
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
	)
	allocCtx, allocCancel := chromedp.NewExecAllocator(ctx, opts...)
	bctx, bcancel := chromedp.NewContext(allocCtx)
	// The first Do binds the browser's life to its context, so the time limit
	// cancels that context instead of being a deadline on it.
	timer := time.AfterFunc(startTimeout, allocCancel)
	err = chromedp.Do(bctx)
	if !timer.Stop() {
		err = fmt.Errorf("Chromium (%s) did not start within %v", exe, startTimeout)
	}
	if err != nil {
		bcancel()
		allocCancel()
		return nil, fmt.Errorf("starting Chromium (%s): %w", exe, err)
	}
	return &Browser{ctx: bctx, cancel: bcancel, allocCancel: allocCancel}, nil
}

// Close closes the browser, waits for it to exit and removes its profile.
func (b *Browser) Close() error {
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	err := chromedp.Cancel(ctx)
	b.cancel()
	b.allocCancel()
	if errors.Is(err, context.Canceled) {
		err = nil // it was already gone
	}
	return err
}

// View is how a page is shown.
type View struct {
	Width, Height int  // the viewport in CSS pixels; zero means 1280 by 800
	Dark          bool // prefers-color-scheme: dark, else light
	Print         bool // print media, as when printing (PDF uses it by itself)
	NoScript      bool // the page's scripts do not run, as for a reader without them
}

func (v View) String() string {
	w, h := v.size()
	s := fmt.Sprintf("%d×%d light", w, h)
	if v.Dark {
		s = fmt.Sprintf("%d×%d dark", w, h)
	}
	if v.Print {
		s += " print"
	}
	if v.NoScript {
		s += " without scripts"
	}
	return s
}

func (v View) size() (int64, int64) {
	w, h := v.Width, v.Height
	if w <= 0 {
		w = 1280
	}
	if h <= 0 {
		h = 800
	}
	return int64(w), int64(h)
}

// Page is a page loaded in a tab of its own.
type Page struct {
	URL    string
	Status int // the HTTP status of the document
	View   View

	b      *Browser
	ctx    context.Context
	cancel context.CancelFunc

	mu       sync.Mutex
	requests []Request
	byID     map[network.RequestID]int // request id → index in requests
	inflight map[network.RequestID]bool
	console  []ConsoleMessage
}

// Request is one request a page made.
type Request struct {
	URL    string
	Type   string // Document, Stylesheet, Script, Image, Font, Fetch, ...
	Status int    // the HTTP status; 0 when no response came
	Failed string // why it failed ("net::ERR_FAILED", "csp", ...), if it did
}

// ConsoleMessage is a message the page wrote to the console: a console call, an
// uncaught exception or an entry of the browser's log (a violation of the
// Content-Security-Policy, a failed load).
type ConsoleMessage struct {
	Level  string // "error", "warning", "info", "verbose", "log", "debug"; "exception" for an uncaught exception
	Source string // "javascript", "network", "security", "console-api", ...
	Text   string
	URL    string
	Line   int // 1-based; 0 when unknown
}

func (m ConsoleMessage) String() string {
	where := m.URL
	if m.Line > 0 {
		where = fmt.Sprintf("%s:%d", m.URL, m.Line)
	}
	if where != "" {
		where += ": "
	}
	return fmt.Sprintf("%s%s (%s): %s", where, m.Level, m.Source, m.Text)
}

// IsCSPViolation reports whether the message says the page broke its
// Content-Security-Policy.
func (m ConsoleMessage) IsCSPViolation() bool {
	return m.Source == "security" && strings.Contains(m.Text, "Content Security Policy")
}

// IsError reports whether the message is an error or an uncaught exception.
func (m ConsoleMessage) IsError() bool { return m.Level == "error" || m.Level == "exception" }

// Open loads url in a new tab shown as v, and waits until the page has loaded
// and the network has been quiet for a moment. Close the page when done.
func (b *Browser) Open(url string, v View) (*Page, error) { return b.open(url, v, false) }

func (b *Browser) open(url string, v View, bypassCSP bool) (*Page, error) {
	p := &Page{URL: url, View: v, b: b, byID: map[network.RequestID]int{}, inflight: map[network.RequestID]bool{}}
	p.ctx, p.cancel = chromedp.NewContext(b.ctx, chromedp.WithListener(p.record))
	if err := chromedp.Do(p.ctx); err != nil { // opens the tab, for as long as p.ctx
		p.cancel()
		return nil, fmt.Errorf("opening a tab: %w", err)
	}
	ctx, cancel := context.WithTimeout(p.ctx, opTimeout)
	defer cancel()
	err := chromedp.Do(ctx, emulate(v), call(page.SetBypassCSP, page.SetBypassCSPParams{Enabled: bypassCSP}))
	if err != nil {
		p.Close()
		return nil, fmt.Errorf("setting up the tab for %s: %w", url, err)
	}
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(url))
	if err != nil {
		p.Close()
		return nil, fmt.Errorf("loading %s: %w", url, err)
	}
	if resp != nil {
		p.Status = int(resp.Status)
	}
	if err := p.settle(ctx); err != nil {
		p.Close()
		return nil, err
	}
	return p, nil
}

// Emulate shows the loaded page as v (viewport, colour scheme, media) and waits
// for it to settle, without reloading it.
func (p *Page) Emulate(v View) error {
	ctx, cancel := context.WithTimeout(p.ctx, opTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, emulate(v)); err != nil {
		return fmt.Errorf("%s: emulating %s: %w", p.URL, v, err)
	}
	p.View = v
	return p.settle(ctx)
}

func emulate(v View) chromedp.Action[chromedp.Void] {
	scheme := "light"
	if v.Dark {
		scheme = "dark"
	}
	media := ""
	if v.Print {
		media = "print"
	}
	w, h := v.size()
	return chromedp.Steps(
		chromedp.EmulateViewport(w, h),
		call(emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Media:    media,
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		}),
		call(emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: v.NoScript}),
	)
}

// settleJS resolves when the fonts are loaded, two frames have been drawn and
// every finite animation and transition has ended (or after two seconds), so
// that screenshots and colour checks see the final page.
const settleJS = `Promise.race([
	new Promise(r => setTimeout(r, 2000)),
	document.fonts.ready
		.then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))))
		.then(() => Promise.all(document.getAnimations()
			.filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
			.map(a => a.finished.catch(() => {})))),
]).then(() => true)`

// settle waits for the network to go quiet, then for settleJS.
func (p *Page) settle(ctx context.Context) error {
	p.waitIdle(ctx)
	if p.View.NoScript {
		return nil // nothing runs that could change the page
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](settleJS, chromedp.EvalAwaitPromise)); err != nil {
		return fmt.Errorf("%s: waiting for the page to settle: %w", p.URL, err)
	}
	return nil
}

// call is an action that sends one protocol command and ignores its result.
func call[P, R any](cmd cdp.Command[P, R], params P) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, cmd, params)
		return err
	})
}

// record keeps what the page does. It runs on the tab's event loop, so it only
// takes notes.
func (p *Page) record(ev any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		if ev.Request == nil {
			return
		}
		if i, ok := p.byID[ev.RequestID]; ok && ev.RedirectResponse != nil {
			p.requests[i].Status = int(ev.RedirectResponse.Status)
		}
		p.byID[ev.RequestID] = len(p.requests)
		p.requests = append(p.requests, Request{URL: ev.Request.URL, Type: string(ev.Type)})
		// A stream that stays open (live reload) is never idle.
		if ev.Type != network.ResourceTypeEventSource && ev.Type != network.ResourceTypeWebSocket {
			p.inflight[ev.RequestID] = true
		}
	case *network.EventResponseReceived:
		if i, ok := p.byID[ev.RequestID]; ok && ev.Response != nil {
			p.requests[i].Status = int(ev.Response.Status)
		}
	case *network.EventLoadingFinished:
		delete(p.inflight, ev.RequestID)
	case *network.EventLoadingFailed:
		if i, ok := p.byID[ev.RequestID]; ok {
			p.requests[i].Failed = ev.ErrorText
			if ev.BlockedReason != "" {
				p.requests[i].Failed = string(ev.BlockedReason)
			}
		}
		delete(p.inflight, ev.RequestID)
	case *runtime.EventConsoleAPICalled:
		m := ConsoleMessage{Level: string(ev.Type), Source: "console-api", Text: argsText(ev.Args)}
		if st := ev.StackTrace; st != nil && len(st.CallFrames) > 0 {
			m.URL, m.Line = st.CallFrames[0].URL, int(st.CallFrames[0].LineNumber)+1
		}
		p.console = append(p.console, m)
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		if d == nil {
			return
		}
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + d.Exception.Description
		}
		p.console = append(p.console, ConsoleMessage{Level: "exception", Source: "javascript", Text: text, URL: d.URL, Line: int(d.LineNumber) + 1})
	case *log.EventEntryAdded:
		e := ev.Entry
		if e == nil {
			return
		}
		p.console = append(p.console, ConsoleMessage{Level: string(e.Level), Source: string(e.Source), Text: e.Text, URL: e.URL, Line: int(e.LineNumber)})
	}
}

func argsText(args []*runtime.RemoteObject) string {
	var parts []string
	for _, a := range args {
		switch {
		case a == nil:
		case a.Type == runtime.RemoteObjectTypeString:
			var s string
			if json.Unmarshal(a.Value, &s) == nil {
				parts = append(parts, s)
				continue
			}
			parts = append(parts, string(a.Value))
		case len(a.Value) > 0:
			parts = append(parts, string(a.Value))
		case a.Description != "":
			parts = append(parts, a.Description)
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}

// waitIdle waits until no request has been in flight for idleQuiet, or idleMax
// passed: scripts may fetch after the load event (the search index).
func (p *Page) waitIdle(ctx context.Context) {
	deadline := time.Now().Add(idleMax)
	var quietSince time.Time
	for time.Now().Before(deadline) && ctx.Err() == nil {
		p.mu.Lock()
		n := len(p.inflight)
		p.mu.Unlock()
		switch {
		case n > 0:
			quietSince = time.Time{}
		case quietSince.IsZero():
			quietSince = time.Now()
		case time.Since(quietSince) >= idleQuiet:
			return
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// Close closes the page's tab.
func (p *Page) Close() {
	if err := chromedp.Cancel(p.ctx); err != nil {
		p.cancel()
	}
}

// Context is the tab's chromedp context, for anything this package does not wrap:
// chromedp.Run(p.Context(), chromedp.Click(...)).
func (p *Page) Context() context.Context { return p.ctx }

// Requests returns every request the page has made so far, in order.
func (p *Page) Requests() []Request {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.requests)
}

// Console returns every console message so far, in order.
func (p *Page) Console() []ConsoleMessage {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.console)
}

// Eval evaluates a JavaScript expression in the page, awaiting it if it is a
// promise, and decodes its JSON value into out (unless out is nil).
func (p *Page) Eval(js string, out any) error {
	ctx, cancel := context.WithTimeout(p.ctx, opTimeout)
	defer cancel()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](js, chromedp.EvalAwaitPromise))
	if err != nil {
		return fmt.Errorf("%s: evaluating %q: %w", p.URL, abbrev(js), err)
	}
	if out == nil {
		return nil
	}
	if len(raw) == 0 {
		return fmt.Errorf("%s: %q gave undefined", p.URL, abbrev(js))
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("%s: decoding the value of %q: %w", p.URL, abbrev(js), err)
	}
	return nil
}

func abbrev(s string) string {
	if len(s) > 60 {
		return s[:57] + "..."
	}
	return s
}

// Screenshot returns a PNG of the whole page, as wide as the viewport and as tall
// as the page.
func (p *Page) Screenshot() ([]byte, error) {
	ctx, cancel := context.WithTimeout(p.ctx, opTimeout)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		return nil, fmt.Errorf("%s: screenshot: %w", p.URL, err)
	}
	return png, nil
}

// ViewportScreenshot captures what the viewport shows now.
func (p *Page) ViewportScreenshot() ([]byte, error) {
	ctx, cancel := context.WithTimeout(p.ctx, opTimeout)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		return nil, fmt.Errorf("%s: screenshot: %w", p.URL, err)
	}
	return png, nil
}

// PDF prints the page as Chromium's print dialog would (print media, the page
// size of the stylesheet's @page rule, else Letter) and returns the PDF.
func (p *Page) PDF() ([]byte, error) {
	ctx, cancel := context.WithTimeout(p.ctx, opTimeout)
	defer cancel()
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize()))
	if err != nil {
		return nil, fmt.Errorf("%s: printing: %w", p.URL, err)
	}
	return pdf, nil
}
