package themes_test

// What a reader sees on a phone and on paper, judged by layout: boxes, visibility
// and what is on top at a point, never by classes or attributes.

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/internal/browser"
)

var phone = browser.View{Width: 390, Height: 844}

// everyKind is one page of every kind the default theme makes.
func everyKind(t *testing.T, dir string) []string {
	t.Helper()
	return append(samplePages(t, dir), "/analogies/", "/experiences/", "/sessions/", "/pages/",
		"/insights/by-kind/", "/insights/by-kind/broken/", "/themes/", "/themes/waiting-without-information/",
		"/tags/", "/404.html")
}

// wideJS lists what sticks out past the right edge of the viewport, outside any
// box that scrolls sideways on its own.
const wideJS = `(() => {
  const out = [];
  const scrolls = el => { for (let p = el.parentElement; p; p = p.parentElement) { const o = getComputedStyle(p).overflowX; if (o === "auto" || o === "scroll" || o === "hidden") return true; } return false; };
  for (const el of document.body.querySelectorAll("*")) {
    if (!el.checkVisibility()) continue;
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > innerWidth + 1 && !scrolls(el)) out.push(el.tagName.toLowerCase() + "." + el.className + " right=" + Math.round(r.right));
    if (out.length > 5) break;
  }
  return {scrollWidth: document.documentElement.scrollWidth, wide: out};
})()`

// TestPhoneNoSidewaysScroll: at 390 px no page is wider than the screen.
func TestPhoneNoSidewaysScroll(t *testing.T) {
	dir := sampleSite(t)
	base := serve(t, dir)
	b := sharedBrowser(t)
	for _, path := range everyKind(t, dir) {
		for _, v := range []browser.View{phone, {Width: 390, Height: 844, Dark: true}} {
			p, err := b.Open(base+path, v)
			if err != nil {
				t.Fatal(err)
			}
			var got struct {
				ScrollWidth int
				Wide        []string
			}
			if err := p.Eval(wideJS, &got); err != nil {
				t.Fatal(err)
			}
			if got.ScrollWidth > 390 || len(got.Wide) > 0 {
				t.Errorf("%s at %s: %d px wide; sticking out: %v", path, v, got.ScrollWidth, got.Wide)
			}
			p.Close()
		}
	}
}

// TestPhoneContentStartsEarly: on a phone, an entry's own content (the first
// heading of its main column) and the home page's four steps start within the
// first two screens.
func TestPhoneContentStartsEarly(t *testing.T) {
	dir := sampleSite(t)
	base := serve(t, dir)
	b := sharedBrowser(t)
	pages := map[string]string{"/": "#pb-steps"}
	for _, path := range samplePages(t, dir) {
		if strings.Count(path, "/") == 3 { // an entry: /type/slug/
			pages[path] = ".entry-main h2, .entry-main h3"
		}
	}
	for path, sel := range pages {
		p, err := b.Open(base+path, phone)
		if err != nil {
			t.Fatal(err)
		}
		var top float64
		js := fmt.Sprintf(`(() => { const h = document.querySelector(%q); return h && h.checkVisibility() ? h.getBoundingClientRect().top + scrollY : -1 })()`, sel)
		if err := p.Eval(js, &top); err != nil {
			t.Fatal(err)
		}
		if top < 0 || top > 2*float64(phone.Height) {
			t.Errorf("%s: %s starts at %.0f px, past two screens (%d px)", path, sel, top, 2*phone.Height)
		}
		p.Close()
	}
}

// brokenWordsJS lists the words of table cells that a narrow column breaks
// across lines ("TIM/E", "0:/00").
const brokenWordsJS = `(() => {
  const out = [];
  for (const cell of document.querySelectorAll("main td, main th")) {
    const box = cell.getBoundingClientRect();
    if (!cell.checkVisibility() || box.width < 4 || box.height < 4) continue; // a heading kept for screen readers
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const re = /\S+/g;
      let m;
      while ((m = re.exec(n.data))) {
        if (m[0].length > 24) continue; // an address may wrap
        const r = document.createRange();
        r.setStart(n, m.index);
        r.setEnd(n, m.index + m[0].length);
        const lines = new Set(Array.from(r.getClientRects()).filter(b => b.width > 0).map(b => Math.round(b.top)));
        if (lines.size > 1) out.push(m[0]);
      }
    }
  }
  return out;
})()`

// TestTableWordsStayWhole: no table cell of the sample breaks a word across lines,
// on a phone or a desktop.
func TestTableWordsStayWhole(t *testing.T) {
	dir := sampleSite(t)
	base := serve(t, dir)
	b := sharedBrowser(t)
	pages := []string{"/actions/"}
	for _, e := range sampleSection(t, "experiences").Entries {
		pages = append(pages, e.URL)
	}
	for _, path := range pages {
		for _, v := range []browser.View{phone, {Width: 1280, Height: 800}} {
			p, err := b.Open(base+path, v)
			if err != nil {
				t.Fatal(err)
			}
			var broken []string
			if err := p.Eval(brokenWordsJS, &broken); err != nil {
				t.Fatal(err)
			}
			if len(broken) > 0 {
				t.Errorf("%s at %s: words broken across lines: %q", path, v, broken)
			}
			p.Close()
		}
	}
}

// TestOwnersTableFitsOnPhone: every column of the actions page's owners table is
// on screen at 390 px, and is what shows at its place.
func TestOwnersTableFitsOnPhone(t *testing.T) {
	dir := sampleSite(t)
	p, err := sharedBrowser(t).Open(serve(t, dir)+"/actions/", phone)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	var hidden []string
	err = p.Eval(`(() => {
	  const out = [];
	  for (const th of document.querySelectorAll(".owners thead th")) {
	    th.scrollIntoView({block: "center", behavior: "instant"});
	    const r = th.getBoundingClientRect();
	    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
	    if (r.left < 0 || r.right > innerWidth || !hit || !th.contains(hit)) out.push(th.textContent.trim());
	  }
	  return out;
	})()`, &hidden)
	if err != nil {
		t.Fatal(err)
	}
	if len(hidden) > 0 {
		t.Errorf("columns off screen at 390 px: %v", hidden)
	}
}

var pdfPage = regexp.MustCompile(`/Type\s*/Page[^s]`)

// TestPackPrintsTwoPagesPerExperience: the facilitator pack printed by Chromium
// holds a cover and at most two pages (one sheet) per experience, and each run
// sheet's title is larger than its summary.
func TestPackPrintsTwoPagesPerExperience(t *testing.T) {
	dir := sampleSite(t)
	p, err := sharedBrowser(t).Open(serve(t, dir)+"/pack/", browser.View{Width: 1280, Height: 800})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	pdf, err := p.PDF()
	if err != nil {
		t.Fatal(err)
	}
	n := len(sampleSection(t, "experiences").Entries)
	pages := len(pdfPage.FindAll(pdf, -1))
	if pages == 0 || pages > 1+2*n {
		t.Errorf("the pack prints %d pages for %d experiences, want at most %d", pages, n, 1+2*n)
	}
	// The title outranks the summary on paper.
	pp, err := sharedBrowser(t).Open(serve(t, dir)+"/pack/", browser.View{Width: 703, Height: 1000, Print: true})
	if err != nil {
		t.Fatal(err)
	}
	defer pp.Close()
	var small []string
	if err := pp.Eval(`Array.from(document.querySelectorAll(".runsheet")).filter(r => {
	  const h = r.querySelector("h2"), l = r.querySelector(".lead");
	  return !h.checkVisibility() || (l && parseFloat(getComputedStyle(h).fontSize) <= parseFloat(getComputedStyle(l).fontSize));
	}).map(r => r.id)`, &small); err != nil {
		t.Fatal(err)
	}
	if len(small) > 0 {
		t.Errorf("run sheets whose title is not larger than the summary: %v", small)
	}
	if os.Getenv("PLAYBOOK_SCREENSHOTS") != "" {
		os.WriteFile(filepath.Join(os.Getenv("PLAYBOOK_SCREENSHOTS"), "pack.pdf"), pdf, 0o644)
	}
}

// TestInsightShowsOptionsAndProgress: an insight's page shows every analogy
// considered for it, with its status; the insights list shows each card's
// progress along the chain.
func TestInsightShowsOptionsAndProgress(t *testing.T) {
	dir := sampleSite(t)
	base := serve(t, dir)
	b := sharedBrowser(t)
	insight := built.site.Section("insights").Entries[0]
	for _, e := range built.site.Section("insights").Entries {
		if len(e.MirroredBy) > 1 {
			insight = e
		}
	}
	for _, v := range []browser.View{phone, {Width: 1280, Height: 800}} {
		p, err := b.Open(base+insight.URL, v)
		if err != nil {
			t.Fatal(err)
		}
		var shown []string
		if err := p.Eval(`Array.from(document.querySelectorAll(".option")).filter(o => {
		  o.scrollIntoView({block: "center", behavior: "instant"});
		  const a = o.querySelector(".option-title a"), r = a.getBoundingClientRect();
		  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
		  return o.checkVisibility() && hit && o.contains(hit) && r.left >= 0 && r.right <= innerWidth;
		}).map(o => o.querySelector(".option-title a").textContent.trim() + " / " + o.querySelector(".badge").textContent.trim())`, &shown); err != nil {
			t.Fatal(err)
		}
		if len(shown) != len(insight.MirroredBy) {
			t.Errorf("%s at %s: %d of %d analogies shown: %v", insight.URL, v, len(shown), len(insight.MirroredBy), shown)
		}
		for _, a := range insight.MirroredBy {
			want := a.Title + " / " + map[string]string{"chosen": "Chosen", "candidate": "Candidate", "set-aside": "Set aside"}[a.Status]
			if !strings.Contains(strings.Join(shown, "\n"), want) {
				t.Errorf("%s at %s: %q not shown among %v", insight.URL, v, want, shown)
			}
		}
		p.Close()
	}
	p, err := b.Open(base+"/insights/", browser.View{Width: 1280, Height: 800})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	var progress []int
	if err := p.Eval(`Array.from(document.querySelectorAll("article.card")).filter(c => c.checkVisibility()).map(c =>
	  Array.from(c.querySelectorAll(".chain-progress li")).filter(li => li.checkVisibility() && getComputedStyle(li).backgroundColor !== "rgba(0, 0, 0, 0)").length)`, &progress); err != nil {
		t.Fatal(err)
	}
	entries := built.site.Section("insights").Entries
	if len(progress) < min(len(entries), 24) {
		t.Fatalf("%d cards with progress, want %d", len(progress), min(len(entries), 24))
	}
	for i, n := range progress {
		if want := entries[i].ProgressStep(); n != want {
			t.Errorf("card %q fills %d steps of its progress, want %d (%s)", entries[i].Title, n, want, entries[i].Progress())
		}
	}
}

// TestScreenshots makes a screenshot of every page kind at 390 and 1280 px, light
// and dark, into the folder PLAYBOOK_SCREENSHOTS names, for a person to look at.
// Without it, the test is skipped.
func TestScreenshots(t *testing.T) {
	out := os.Getenv("PLAYBOOK_SCREENSHOTS")
	if out == "" {
		t.Skip("set PLAYBOOK_SCREENSHOTS to a folder to make screenshots")
	}
	dir := sampleSite(t)
	base := serve(t, dir)
	b := sharedBrowser(t)
	for _, path := range everyKind(t, dir) {
		for _, v := range []browser.View{{Width: 390, Height: 844}, {Width: 390, Height: 844, Dark: true}, {Width: 1280, Height: 800}, {Width: 1280, Height: 800, Dark: true}} {
			p, err := b.Open(base+path, v)
			if err != nil {
				t.Fatal(err)
			}
			png, err := p.Screenshot()
			p.Close()
			if err != nil {
				t.Fatal(err)
			}
			scheme := "light"
			if v.Dark {
				scheme = "dark"
			}
			name := strings.Trim(strings.ReplaceAll(path, "/", "_"), "_")
			if name == "" {
				name = "home"
			}
			if !bytes.HasPrefix(png, []byte("\x89PNG")) {
				t.Fatalf("%s: not a PNG", path)
			}
			if err := os.WriteFile(filepath.Join(out, fmt.Sprintf("%s-%d-%s.png", name, v.Width, scheme)), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestSessionCardsSayWhatHappened: on the sessions list, each card says whether
// the session ran or is upcoming, and names the experience it runs.
func TestSessionCardsSayWhatHappened(t *testing.T) {
	dir := sampleSite(t)
	p, err := sharedBrowser(t).Open(serve(t, dir)+"/sessions/", browser.View{Width: 1280, Height: 800})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	var cards []struct{ Title, State, Facts string }
	if err := p.Eval(`Array.from(document.querySelectorAll("#pb-entries article.card")).filter(c => c.checkVisibility()).map(c => ({
	  title: c.querySelector(".card-title").innerText.trim(),
	  state: c.querySelector(".card-kicker .badge:not(.badge-type)").innerText.trim(),
	  facts: c.querySelector(".card-facts").innerText}))`, &cards); err != nil {
		t.Fatal(err)
	}
	sessions := built.site.Section("sessions").Entries
	if len(cards) != len(sessions) {
		t.Fatalf("%d cards for %d sessions", len(cards), len(sessions))
	}
	for i, e := range sessions {
		want := "Upcoming"
		if e.HasRun() {
			want = "Ran"
		}
		if cards[i].Title != e.Title || cards[i].State != want {
			t.Errorf("card %d: %q says %q, want %q says %q", i, cards[i].Title, cards[i].State, e.Title, want)
		}
		if e.Experience != nil && !strings.Contains(cards[i].Facts, e.Experience.Title) {
			t.Errorf("%q: the card does not name its experience %q: %q", e.Title, e.Experience.Title, cards[i].Facts)
		}
	}
}
