package themes_test

import (
	"testing"

	"github.com/chromedp/chromedp/kb"

	"github.com/playbookhq/playbook/internal/browser"
)

// visibleSlidesJS lists the numbers of the slides a viewer can see: rendered,
// with a box in the viewport, and on top at their heading.
const visibleSlidesJS = `Array.from(document.querySelectorAll(".slide")).filter(s => {
  if (!s.checkVisibility()) return false;
  const h = s.querySelector("h1, h2");
  const r = h.getBoundingClientRect();
  if (r.width === 0 || r.bottom < 0 || r.top > innerHeight) return false;
  const hit = document.elementFromPoint(r.left + Math.min(10, r.width / 2), r.top + r.height / 2);
  return hit !== null && s.contains(hit);
}).map(s => s.id)`

// TestPresentKeyboard: on a session's presentation, the keys move through the
// slides: what is on screen is one slide, the one the keys chose.
func TestPresentKeyboard(t *testing.T) {
	dir := sampleSite(t)
	base := serve(t, dir)
	var session string
	for _, e := range built.site.Section("sessions").Entries {
		if e.HasRun() && len(e.Felt) > 0 {
			session = e.URL
		}
	}
	for _, v := range []browser.View{{Width: 1280, Height: 720}, {Width: 390, Height: 844, Dark: true}} {
		p, err := sharedBrowser(t).Open(base+session+"present/", v)
		if err != nil {
			t.Fatal(err)
		}
		n := eval[int](t, p, `document.querySelectorAll(".slide").length`)
		if n < 5 {
			t.Fatalf("%d slides", n)
		}
		see := func(step, want string) {
			t.Helper()
			var got []string
			if err := p.Eval(visibleSlidesJS, &got); err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || got[0] != want {
				t.Errorf("at %s, after %s: slides on screen %v, want only %s", v, step, got, want)
			}
		}
		see("opening", "slide-1")
		keys(t, p, kb.ArrowRight)
		see("→", "slide-2")
		keys(t, p, " ")
		see("space", "slide-3")
		keys(t, p, kb.ArrowLeft)
		see("←", "slide-2")
		keys(t, p, kb.End)
		see("End", "slide-"+itoa(n))
		keys(t, p, kb.ArrowRight)
		see("→ at the end", "slide-"+itoa(n))
		keys(t, p, kb.Home)
		see("Home", "slide-1")
		click(t, p, `.deck-controls button[aria-label="Next slide"]`)
		see("the next button", "slide-2")
		if c := eval[string](t, p, `document.querySelector(".deck-counter").textContent`); c != "Slide 2 of "+itoa(n) {
			t.Errorf("counter %q", c)
		}
		noErrors(t, p, base)
		p.Close()
	}
}

// TestPresentWithoutScript: without the script every slide is on the page, one
// after another.
func TestPresentWithoutScript(t *testing.T) {
	dir := sampleSite(t)
	base := serve(t, dir)
	for _, path := range []string{"/present/", built.site.Section("sessions").Entries[len(built.site.Section("sessions").Entries)-1].URL + "present/"} {
		p, err := sharedBrowser(t).Open(base+path, browser.View{Width: 1280, Height: 720, NoScript: true})
		if err != nil {
			t.Fatal(err)
		}
		var shown []string
		err = p.Eval(`Array.from(document.querySelectorAll(".slide")).filter(s => {
		  s.scrollIntoView({block: "start", behavior: "instant"});
		  const h = s.querySelector("h1, h2"), r = h.getBoundingClientRect();
		  const hit = document.elementFromPoint(r.left + 5, r.top + r.height / 2);
		  return s.checkVisibility() && hit !== null && s.contains(hit);
		}).map(s => s.id)`, &shown)
		if err != nil {
			t.Fatal(err)
		}
		n := eval[int](t, p, `document.querySelectorAll(".slide").length`)
		if len(shown) != n || n < 3 {
			t.Errorf("%s without scripts: %d of %d slides can be seen: %v", path, len(shown), n, shown)
		}
		if eval[bool](t, p, `!!document.querySelector(".deck-controls")`) {
			t.Errorf("%s: the controls show without the script that runs them", path)
		}
		p.Close()
	}
}

// TestPresentPrintsASlideAPage: printed, a presentation is one landscape page per
// slide.
func TestPresentPrintsASlideAPage(t *testing.T) {
	dir := sampleSite(t)
	base := serve(t, dir)
	for _, e := range built.site.Section("sessions").Entries {
		if !e.HasRun() {
			continue
		}
		p, err := sharedBrowser(t).Open(base+e.URL+"present/", browser.View{Width: 1280, Height: 720})
		if err != nil {
			t.Fatal(err)
		}
		n := eval[int](t, p, `document.querySelectorAll(".slide").length`)
		pdf, err := p.PDF()
		if err != nil {
			t.Fatal(err)
		}
		if got := len(pdfPage.FindAll(pdf, -1)); got != n {
			t.Errorf("%s: %d slides print on %d pages", e.URL+"present/", n, got)
		}
		p.Close()
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
