package themes_test

// Search, live filters and sharing, used as a reader would in headless Chromium:
// typing and the keyboard, typos, results as links, the search page, filters
// kept in the URL, copying a link, and search from a copy of the site opened
// from disk. The sample site is
// built once (site_test.go) and every test shares one Chromium.

import (
	"cmp"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/playbookhq/playbook/builder"
	"github.com/playbookhq/playbook/internal/browser"
)

// waitFor evaluates a JavaScript condition until it is true (a navigation in
// between is fine), and fails the test after a few seconds.
func waitFor(t testing.TB, p *browser.Page, cond string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	var last error
	for time.Now().Before(deadline) {
		var ok bool
		if last = p.Eval("!!("+cond+")", &ok); last == nil && ok {
			return
		}
		time.Sleep(40 * time.Millisecond)
	}
	t.Fatalf("waiting for %s: timed out (%v)", cond, last)
}

func eval[T any](t testing.TB, p *browser.Page, js string) T {
	t.Helper()
	var v T
	if err := p.Eval(js, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// keys types text, or special keys (kb.ArrowDown...), into the focused element.
func keys(t *testing.T, p *browser.Page, s string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(p.Context(), 10*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.KeyEvent(s)); err != nil {
		t.Fatal(err)
	}
}

// press presses one key as a keyboard does: a keydown that carries the
// character, so that a script cancelling the keydown cancels the typing too.
func press(t *testing.T, p *browser.Page, key string) {
	t.Helper()
	k := map[string]input.DispatchKeyEventParams{
		"/":     {Key: "/", Code: "Slash", Text: "/", WindowsVirtualKeyCode: 191},
		"Enter": {Key: "Enter", Code: "Enter", Text: "\r", WindowsVirtualKeyCode: 13},
	}[key]
	ctx, cancel := context.WithTimeout(p.Context(), 10*time.Second)
	defer cancel()
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		down, up := k, k
		down.Type, up.Type, up.Text = input.DispatchKeyEventTypeKeyDown, input.DispatchKeyEventTypeKeyUp, ""
		if _, err := cdp.Call(ctx, tg, input.DispatchKeyEvent, down); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, input.DispatchKeyEvent, up)
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
}

func click(t *testing.T, p *browser.Page, sel string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(p.Context(), 10*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
		t.Fatalf("clicking %s: %v", sel, err)
	}
}

// noErrors fails the test for console errors and violations of the
// Content-Security-Policy, and for requests to anywhere but base.
func noErrors(t *testing.T, p *browser.Page, base string) {
	t.Helper()
	for _, m := range p.Console() {
		if m.IsError() || m.IsCSPViolation() {
			t.Errorf("console: %s", m)
		}
	}
	for _, r := range p.Requests() {
		if base != "" && !sameOrigin(base, r.URL) {
			t.Errorf("request to another origin: %s", r.URL)
		}
	}
}

func axe(t *testing.T, p *browser.Page, what string) {
	t.Helper()
	vs, err := p.Axe()
	browser.Require(t, err)
	for _, v := range vs {
		t.Errorf("%s: %s", what, v)
	}
}

// TestHeaderSearchWithoutJavaScript: search runs in the browser, so without
// JavaScript the header's search box is a link to the search page (which says
// why it cannot search), drawn where the form is; with it, the form takes its
// place at the same size, on a phone and wide, so nothing moves when it comes.
func TestHeaderSearchWithoutJavaScript(t *testing.T) {
	dir := sampleSite(t)
	b := sharedBrowser(t)
	base := serve(t, dir)
	const boxJS = `((sel) => {
	  const el = document.querySelector(sel);
	  if (!el || !el.checkVisibility()) return null;
	  const r = el.getBoundingClientRect(), hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
	  return {x: r.x, y: r.y, w: r.width, h: r.height, hit: el.contains(hit), href: el.href || el.action || ""};
	})`
	type box struct {
		X, Y, W, H float64
		Hit        bool
		Href       string
	}
	for _, v := range []browser.View{phone, {Width: 1280, Height: 800}} {
		boxes := map[bool]box{}
		for _, script := range []bool{false, true} {
			v.NoScript = !script
			p, err := b.Open(base+"/insights/late-fee-surprise/", v)
			if err != nil {
				t.Fatal(err)
			}
			sel := "a.site-search"
			if script {
				sel = "form.site-search"
				waitFor(t, p, `document.getElementById("site-search-q")`)
			}
			got := eval[*box](t, p, boxJS+`(`+strconv.Quote(sel)+`)`)
			p.Close()
			if got == nil {
				t.Fatalf("%dpx, scripts %v: no visible %s", v.Width, script, sel)
			}
			if !got.Hit || !strings.HasSuffix(got.Href, "/search/") || got.W < 150 || got.H < 30 {
				t.Errorf("%dpx, scripts %v: %s is %+v, want a box on top that goes to /search/", v.Width, script, sel, *got)
			}
			boxes[script] = *got
		}
		off, on := boxes[false], boxes[true]
		if math.Abs(off.X-on.X) > 0.5 || math.Abs(off.Y-on.Y) > 0.5 || math.Abs(off.W-on.W) > 0.5 || math.Abs(off.H-on.H) > 0.5 {
			t.Errorf("%dpx: the link is at %+v and the form at %+v: the header moves when the script runs", v.Width, off, on)
		}
	}
}

// TestSearchBoxKeyboard: "/" focuses the header's box, typing lists the best
// results, the arrow keys choose one and Enter opens it.
func TestSearchBoxKeyboard(t *testing.T) {
	dir := sampleSite(t)
	b := sharedBrowser(t)
	base := serve(t, dir)
	p, err := b.Open(base+"/analogies/", browser.View{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()

	press(t, p, "/")
	if id := eval[string](t, p, "document.activeElement.id + document.activeElement.value"); id != "site-search-q" {
		t.Fatalf(`"/" focused %q, want the header's empty search box`, id)
	}
	keys(t, p, "Queue TICK")
	waitFor(t, p, `document.querySelectorAll("#site-search-q-list .suggest-hit").length > 0`)
	box := eval[map[string]string](t, p, `(() => { const i = document.getElementById("site-search-q");
		return {role: i.getAttribute("role"), expanded: i.getAttribute("aria-expanded"), controls: i.getAttribute("aria-controls")}; })()`)
	if box["role"] != "combobox" || box["expanded"] != "true" || box["controls"] != "site-search-q-list" {
		t.Errorf("the box is not an expanded combobox: %v", box)
	}
	first := eval[string](t, p, `document.querySelector("#site-search-q-list .suggest-hit .suggest-name").innerHTML`)
	if first != "The <mark>tick</mark>et number at the counter tells you nothing" {
		t.Errorf("first result %q", first)
	}
	axe(t, p, "the search box with its results")

	keys(t, p, kb.ArrowDown+kb.ArrowDown+kb.ArrowUp)
	active := eval[string](t, p, `(() => { const i = document.getElementById("site-search-q"), o = document.getElementById(i.getAttribute("aria-activedescendant"));
		return o && o.getAttribute("aria-selected") === "true" ? o.textContent : ""; })()`)
	if !strings.Contains(active, "ticket number") {
		t.Errorf("after ↓↓↑ the active option is %q", active)
	}
	keys(t, p, kb.Escape)
	if got := eval[string](t, p, `document.getElementById("site-search-q").getAttribute("aria-expanded")`); got != "false" {
		t.Errorf("Escape left the list open (aria-expanded %s)", got)
	}
	keys(t, p, kb.ArrowDown)
	press(t, p, "Enter")
	waitFor(t, p, `location.pathname === "/insights/counter-queue-ticket/"`)
	noErrors(t, p, base)
}

// TestSearchPage: Enter in the header's box opens the search page, which groups
// the results by type, with their counts and the words marked.
func TestSearchPage(t *testing.T) {
	dir := sampleSite(t)
	b := sharedBrowser(t)
	base := serve(t, dir)
	p, err := b.Open(base+"/", browser.View{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	click(t, p, "#site-search-q")
	keys(t, p, "queue")
	press(t, p, "Enter")
	waitFor(t, p, `location.pathname === "/search/" && document.querySelector(".search-group")`)
	if q := eval[string](t, p, "location.search"); q != "?q=queue" {
		t.Errorf("the search page's query is %q", q)
	}
	type group struct {
		Title  string
		Count  int
		Hits   int
		Marked bool
		Titles []bool // whether each hit's title has the word
	}
	groups := eval[[]group](t, p, `Array.from(document.querySelectorAll(".search-group")).map(g => ({
		Title: g.querySelector("h2").firstChild.textContent.trim(),
		Count: +g.querySelector("h2 .count").textContent,
		Hits: g.querySelectorAll(".search-hit").length,
		Marked: Array.from(g.querySelectorAll(".search-hit")).every(h => h.querySelector("mark") || h.querySelector(".hit-body")),
		Titles: Array.from(g.querySelectorAll(".search-hit-title")).map(h => !!h.querySelector("mark")),
	}))`)
	var titles []string
	total := 0
	order := []string{"Insights", "Analogies", "Experiences", "Sessions", "Pages"}
	for i, g := range groups {
		titles = append(titles, g.Title)
		total += g.Count
		if g.Hits != min(g.Count, 10) || !g.Marked {
			t.Errorf("group %+v: want min(count, 10) hits, each with a mark", g)
		}
		// Titles first: no hit with the word in its title after one without.
		if !slices.IsSortedFunc(g.Titles, func(a, b bool) int { return cmpBool(b, a) }) {
			t.Errorf("%s: hits with the word in the title do not come first: %v", g.Title, g.Titles)
		}
		if i > 0 && slices.Index(order, g.Title) <= slices.Index(order, groups[i-1].Title) {
			t.Errorf("groups out of the method's order: %q", titles)
		}
	}
	if len(groups) < 4 {
		t.Errorf("groups %q: the sample has queues in four types", titles)
	}
	status := eval[string](t, p, `document.getElementById("search-status").textContent`)
	if !strings.HasPrefix(status, fmt.Sprintf("%d results for “queue”", total)) {
		t.Errorf("status %q, want %d results", status, total)
	}
	axe(t, p, "the search page with results")
	if err := p.Emulate(browser.View{Dark: true}); err != nil {
		t.Fatal(err)
	}
	axe(t, p, "the search page with results, dark")
	if err := p.Emulate(browser.View{}); err != nil {
		t.Fatal(err)
	}

	// Arrow keys go from the box to the results and back.
	click(t, p, "#search-q")
	keys(t, p, kb.ArrowDown+kb.ArrowDown)
	if got := eval[string](t, p, `document.activeElement.textContent`); got != eval[string](t, p, `document.querySelectorAll(".search-hit-title a")[1].textContent`) {
		t.Errorf("↓↓ from the box focused %q, want the second result", got)
	}
	keys(t, p, kb.ArrowUp+kb.ArrowUp)
	if id := eval[string](t, p, "document.activeElement.id"); id != "search-q" {
		t.Errorf("↑↑ went to %q, want back to the box", id)
	}
	// Typing searches again and keeps the query in the URL; accents and case do not matter.
	keys(t, p, kb.End+" RÉSIDENT")
	waitFor(t, p, `location.search === "?q=queue+R%C3%89SIDENT" && /for “queue RÉSIDENT”/.test(document.getElementById("search-status").textContent)`)
	if n := eval[int](t, p, `document.querySelectorAll(".search-hit mark").length`); n == 0 {
		t.Error("no marks for an accented query")
	}
	noErrors(t, p, base)
}

// suggestionsJS lists the header box's results as a reader sees them: the
// element, where its link goes, its text, its marked words, and whether it is on
// the screen (shown, and inside the viewport).
const suggestionsJS = `Array.from(document.querySelectorAll("#site-search-q-list .suggest-hit")).map(o => {
	const r = o.getBoundingClientRect();
	return {Tag: o.tagName, Href: o.href || "", Text: o.textContent,
		Marks: Array.from(o.querySelectorAll(".suggest-name mark")).map(m => m.textContent),
		Seen: o.checkVisibility() && r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth,
		X: r.left + r.width / 2, Y: r.top + r.height / 2};
})`

type suggestion struct {
	Tag, Href, Text string
	Marks           []string
	Seen            bool
	X, Y            float64
}

// waitSuggestions waits until the header's box shows a result on the screen,
// and returns them all.
func waitSuggestions(t *testing.T, p *browser.Page) []suggestion {
	t.Helper()
	waitFor(t, p, suggestionsJS+`.some(s => s.Seen)`)
	return eval[[]suggestion](t, p, suggestionsJS)
}

// entryAt is the sample's entry that a link points at.
func entryAt(t *testing.T, base, href string) *builder.Entry {
	t.Helper()
	u, err := url.Parse(href)
	if err != nil || !sameOrigin(base, href) {
		t.Fatalf("%q is not a link into the site", href)
	}
	sampleSite(t)
	for _, e := range built.site.Entries {
		if e.URL == u.Path {
			return e
		}
	}
	t.Fatalf("%q links to no entry", href)
	return nil
}

// waits tells whether an entry is about waiting: its title, summary, fields or
// body say so.
func waits(t *testing.T, e *builder.Entry) bool {
	text := strings.Join(append([]string{e.Title, e.Summary, e.Customer, e.Moment, e.Domain, e.Setting}, append(e.Themes, e.Tags...)...), " ")
	if b := e.Body(); b != nil {
		html, err := b.HTML()
		if err != nil {
			t.Fatal(err)
		}
		text += " " + string(html)
	}
	return strings.Contains(strings.ToLower(text), "waiting")
}

// TestSearchTypo: a word typed with a typo ("waitng") still shows results, in
// the header's box and on the search page, each a link to an entry about
// waiting, that the keyboard and the mouse open as links.
func TestSearchTypo(t *testing.T) {
	dir := sampleSite(t)
	b := sharedBrowser(t)
	base := serve(t, dir)
	for _, view := range []browser.View{{}, {Width: 375, Height: 700}} {
		p, err := b.Open(base+"/", view)
		if err != nil {
			t.Fatal(err)
		}
		click(t, p, "#site-search-q")
		keys(t, p, "waitng")
		got := waitSuggestions(t, p)
		first := got[0]
		if !first.Seen {
			t.Errorf("%s: the first result is not on the screen: %+v", view, first)
		}
		for _, s := range got {
			if s.Tag != "A" || s.Href == "" {
				t.Errorf("%s: result %q is a %s linking to %q, want a link", view, s.Text, s.Tag, s.Href)
				continue
			}
			if e := entryAt(t, base, s.Href); !waits(t, e) || !strings.Contains(s.Text, e.Title) {
				t.Errorf("%s: result %q links to %s (%q), which is not about waiting", view, s.Text, e.URL, e.Title)
			}
		}
		if !slices.ContainsFunc(first.Marks, func(m string) bool { return strings.EqualFold(m, "waiting") }) {
			t.Errorf("%s: the first result %q marks %q, want the word it was found for", view, first.Text, first.Marks)
		}
		p.Close()
	}

	p := mustOpen(t, b, base+"/")
	click(t, p, "#site-search-q")
	keys(t, p, "waitng")
	first := waitSuggestions(t, p)[0]
	axe(t, p, "the search box with results for a typo")
	// A middle click opens the result in a new tab, and this page stays.
	ctx, cancel := context.WithTimeout(p.Context(), 10*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.MouseClickXY(first.X, first.Y, chromedp.ButtonMiddle)); err != nil {
		t.Fatal(err)
	}
	if tab := waitTab(t, p, first.Href); tab != "" {
		if _, err := chromedp.CallBrowser(ctx, target.CloseTarget, target.CloseTargetParams{TargetID: tab}); err != nil {
			t.Error(err)
		}
	}
	if u := eval[string](t, p, "location.href"); u != base+"/" {
		t.Errorf("a middle click on a result left the page for %s", u)
	}
	// ↓ chooses the first result, Enter opens it.
	keys(t, p, kb.ArrowDown)
	press(t, p, "Enter")
	want := entryAt(t, base, first.Href).URL
	waitFor(t, p, `location.pathname === "`+want+`"`)
	noErrors(t, p, base)

	// The search page shows the results as links, and says what it searched for.
	s := mustOpen(t, b, base+"/search/?q=waitng")
	waitFor(t, s, `document.querySelector(".search-hit-title a")`)
	type hit struct {
		Href, Text string
		Seen       bool
	}
	hits := eval[[]hit](t, s, `Array.from(document.querySelectorAll(".search-hit-title a")).map(a => {
		const r = a.getBoundingClientRect();
		return {Href: a.href, Text: a.textContent, Seen: a.checkVisibility() && r.width > 0 && r.height > 0};
	})`)
	if top := eval[bool](t, s, `(() => { const r = document.querySelector(".search-hit-title a").getBoundingClientRect();
		return r.top >= 0 && r.bottom <= innerHeight; })()`); !top {
		t.Error("the search page's first result is not on the screen")
	}
	for _, h := range hits {
		e := entryAt(t, base, h.Href)
		if !h.Seen || h.Text != e.Title || !waits(t, e) {
			t.Errorf("search page result %+v: want a visible link to an entry about waiting (%s)", h, e.URL)
		}
	}
	if status := eval[string](t, s, `document.getElementById("search-status").textContent`); !strings.Contains(status, "for “waiting”") {
		t.Errorf("the search page says %q, want what it searched for", status)
	}
	noErrors(t, s, base)
}

// waitTab waits for a tab showing u to open, and returns its target's id.
func waitTab(t *testing.T, p *browser.Page, u string) target.ID {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		tabs, err := chromedp.Targets(p.Context())
		if err != nil {
			t.Fatal(err)
		}
		for _, tab := range tabs {
			if tab.Type == "page" && tab.URL == u {
				return tab.TargetID
			}
		}
		time.Sleep(40 * time.Millisecond)
	}
	t.Errorf("no tab opened %s", u)
	return ""
}

// TestSearchFromDisk opens the built site from disk: the index loads as
// scripts, and results link to index.html files.
func TestSearchFromDisk(t *testing.T) {
	dir := sampleSite(t)
	b := sharedBrowser(t)
	u := (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, "search", "index.html")), RawQuery: "q=triage"}).String()
	p, err := b.Open(u, browser.View{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	waitFor(t, p, `document.querySelector(".search-hit a")`)
	href := eval[string](t, p, `document.querySelector(".search-hit a").href`)
	if !strings.HasPrefix(href, "file://") || !strings.HasSuffix(href, "/index.html") {
		t.Errorf("result links to %q, want a file:// index.html", href)
	}
	path, _ := url.Parse(href)
	if _, err := os.Stat(path.Path); err != nil {
		t.Errorf("result links to a missing file: %v", err)
	}
	// Typing searches again; the header's box lists results too.
	click(t, p, "#search-q")
	keys(t, p, kb.End+" room")
	waitFor(t, p, `/for “triage room”/.test(document.getElementById("search-status").textContent)`)
	click(t, p, "#site-search-q")
	keys(t, p, "relay")
	waitFor(t, p, `document.querySelector("#site-search-q-list .suggest-hit")`)
	noErrors(t, p, "")

	// Filters work from disk too.
	list := (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, "insights", "index.html"))}).String()
	f, err := b.Open(list, browser.View{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	waitFor(t, f, `document.querySelector('.facet-kind input[value="broken"]')`)
	click(t, f, `.facet-kind input[value="broken"]`)
	want := titles(sampleSection(t, "insights").Facet("kind").Value("broken").Entries)
	if got := waitVisibleCards(t, f, len(want)); !slices.Equal(got, want) {
		t.Errorf("from disk, the kind filter shows %q, want %q", got, want)
	}
	noErrors(t, f, "")
}

// TestCopyLink: the entry page's button puts the address on the clipboard, or,
// without the Clipboard API, selects it for the reader to copy.
func TestCopyLink(t *testing.T) {
	dir := sampleSite(t)
	b := sharedBrowser(t)
	base := serve(t, dir)
	const path = "/insights/counter-queue-ticket/"
	p, err := b.Open(base+path, browser.View{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	ctx, cancel := context.WithTimeout(p.Context(), 10*time.Second)
	defer cancel()
	grant := func(name string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, cdpbrowser.SetPermission, cdpbrowser.SetPermissionParams{
				Permission: &cdpbrowser.PermissionDescriptor{Name: name}, Setting: cdpbrowser.PermissionSettingGranted, Origin: base,
			})
			return err
		})
	}
	focus := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true})
		return err
	})
	if err := chromedp.Do(ctx, grant("clipboard-read"), grant("clipboard-write"), focus); err != nil {
		t.Fatal(err)
	}
	// The sample's baseURL is absolute: the link is the published address.
	want := "https://playbook.example.org" + path
	click(t, p, ".share-link .share-copy")
	waitFor(t, p, `document.querySelector(".share-status").textContent === "Link copied"`)
	if got := eval[string](t, p, "navigator.clipboard.readText()"); got != want {
		t.Errorf("clipboard holds %q, want %q", got, want)
	}
	click(t, p, ".share-cite .share-copy")
	waitFor(t, p, `document.querySelector(".share-status").textContent === "Citation copied"`)
	cite := eval[string](t, p, "navigator.clipboard.readText()")
	if !strings.HasPrefix(cite, "“The ticket number at the counter tells you nothing” — Insight, Harbour City Council Experience Playbook, updated ") || !strings.HasSuffix(cite, ". "+want) {
		t.Errorf("citation %q", cite)
	}

	// Without the Clipboard API the address is selected.
	if err := p.Eval(`Object.defineProperty(navigator, "clipboard", {value: undefined}); true`, nil); err != nil {
		t.Fatal(err)
	}
	click(t, p, ".share-link .share-copy")
	waitFor(t, p, `/copied|Ctrl\+C/.test(document.querySelector(".share-status").textContent)`)
	sel := eval[string](t, p, `getSelection().toString()`)
	if sel != want {
		t.Errorf("the fallback selected %q, want %q", sel, want)
	}
	axe(t, p, "the entry page with its share buttons")
	noErrors(t, p, base)
}

// TestShareWithoutJavaScript: without the script an entry's share block is its
// citation, which ends with the entry's address, on screen to select; there are
// no copy buttons, which need the script.
func TestShareWithoutJavaScript(t *testing.T) {
	dir := sampleSite(t)
	b := sharedBrowser(t)
	base := serve(t, dir)
	const path = "/insights/counter-queue-ticket/"
	p, err := b.Open(base+path, browser.View{Width: 390, Height: 844, NoScript: true})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	got := eval[map[string]any](t, p, `(() => {
	  const u = document.querySelector(".share .citation-url");
	  u.scrollIntoView({block: "center", behavior: "instant"});
	  const r = u.getClientRects()[0];
	  return {text: u.textContent, visible: u.checkVisibility() && r.width > 0,
	    top: u.contains(document.elementFromPoint(r.left + 2, r.top + r.height / 2)),
	    buttons: document.querySelectorAll(".share button").length};
	})()`)
	if got["text"] != "https://playbook.example.org"+path || got["visible"] != true || got["top"] != true || got["buttons"] != float64(0) {
		t.Errorf("without JavaScript the share block's address is %v", got)
	}
}

// TestSearchIndexScale measures search on a big built site: set
// PLAYBOOK_SEARCH_SITE to its folder (go run ./internal/sitegen/cmd/sitegen
// -n 10000, then playbook build). It logs the bytes the first search downloads,
// gzipped as a server would send them, in the header's box and on the search
// page, and how long queries take in the page.
func TestSearchIndexScale(t *testing.T) {
	dir := os.Getenv("PLAYBOOK_SEARCH_SITE")
	if dir == "" {
		t.Skip("PLAYBOOK_SEARCH_SITE is not set")
	}
	b := sharedBrowser(t)
	base := browser.ServeDirCSP(t, dir, "")
	typed := cmp.Or(os.Getenv("PLAYBOOK_SEARCH_WORDS"), "renewal letter")

	// downloaded sums the index files a page requested, as sent gzipped.
	downloaded := func(p *browser.Page) (files int, raw, gz int64) {
		for _, r := range p.Requests() {
			if !strings.Contains(r.URL, "/search/data/") {
				continue
			}
			u, _ := url.Parse(r.URL)
			data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(u.Path)))
			if err != nil {
				t.Fatal(err)
			}
			files++
			raw += int64(len(data))
			gz += gzipSize(data)
		}
		return
	}
	// typeSlowly types as a person does, a letter every 150 ms.
	typeSlowly := func(p *browser.Page, s string) {
		for _, r := range s {
			keys(t, p, string(r))
			time.Sleep(150 * time.Millisecond)
		}
	}

	// The header's box on an entry page.
	entry := eval[string](t, mustOpen(t, b, base+"/insights/"), `new URL(document.querySelector("#pb-entries a").href).pathname`)
	p := mustOpen(t, b, base+entry)
	click(t, p, "#site-search-q")
	typeSlowly(p, typed)
	waitFor(t, p, `document.querySelectorAll("#site-search-q-list .suggest-hit").length > 0`)
	time.Sleep(300 * time.Millisecond)
	files, raw, gz := downloaded(p)
	t.Logf("header box, %q typed: %d index files, %d bytes, %d gzipped", typed, files, raw, gz)

	// The search page.
	p = mustOpen(t, b, base+"/search/")
	click(t, p, "#search-q")
	typeSlowly(p, typed)
	waitFor(t, p, `document.getElementById("search-status").textContent.indexOf("`+typed+`") >= 0`)
	time.Sleep(300 * time.Millisecond)
	files, raw, gz = downloaded(p)
	t.Logf("search page, %q typed: %d index files, %d bytes, %d gzipped; %s", typed, files, raw, gz,
		eval[string](t, p, `document.getElementById("search-status").textContent`))

	// Query time, in the page: every prefix of some words, once with the index
	// parts it needs loading (from this local server), then with them loaded.
	js := `(async () => {
		const e = PlaybookSearch.engine, cold = [], warm = [];
		const words = ["queue", "deposit", "waiting approval", "helpline menu", "first invoice", "status page"];
		const qs = [];
		for (const w of words) for (let i = 2; i <= w.length; i++) qs.push(w.slice(0, i));
		const time = async (q, into) => {
			const t0 = performance.now();
			const r = await e.search(q);
			await e.docs(r.ids.slice(0, 10));
			into.push(performance.now() - t0);
		};
		for (const q of qs) await time(q, cold);
		for (const q of qs) await time(q, warm);
		const stat = l => { l.sort((a, b) => a - b); return {median: +l[l.length >> 1].toFixed(1), p90: +l[Math.floor(l.length * 0.9)].toFixed(1), max: +l[l.length - 1].toFixed(1)}; };
		return {queries: qs.length, cold: stat(cold), warm: stat(warm)};
	})()`
	var stats map[string]any
	if err := p.Eval(js, &stats); err != nil {
		t.Fatal(err)
	}
	s, _ := json.Marshal(stats)
	t.Logf("query times in ms: %s", s)
}

func mustOpen(t *testing.T, b *browser.Browser, u string) *browser.Page {
	t.Helper()
	p, err := b.Open(u, browser.View{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	return p
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

func gzipSize(data []byte) int64 {
	var n countWriter
	w := gzip.NewWriter(&n)
	w.Write(data)
	w.Close()
	return int64(n)
}

type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }
