package themes_test

import (
	"bytes"
	"encoding/json"
	"image"
	"image/png"
	"testing"

	"github.com/playbookhq/playbook/internal/browser"
)

// iconHosts are the elements that draw their icon before their content, and the
// part of each whose left edge is where the icon ends and the text begins.
var iconHosts = []struct{ host, text string }{
	{".connections .link-list > li", "a"},
	{".related .link-list > li", "a"},
	{".nav-types a", ""},
	{".badge-type", ""},
	{".badge.state-run", ""},
	{".badge.state-upcoming", ""},
	{".badge.status-chosen", ""},
	{".action-status.status-done", "span"},
	{".action-status.status-doing", "span"},
	{".action-status.status-open", "span"},
	{".action-owner", "span"},
	{".action-due", "span"},
	{".action-session", "a"},
}

// iconBoxJS scrolls the first visible host of a selector into view and returns,
// in viewport pixels, the box between the start of its content and its text (to
// its left, or above it): the icon's room.
const iconBoxJS = `((host, text) => {
  const el = Array.from(document.querySelectorAll(host)).find(e => e.checkVisibility());
  if (!el) return null;
  el.scrollIntoView({block: "center", behavior: "instant"});
  const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
  let t;
  if (text) { t = el.querySelector(text).getBoundingClientRect(); }
  else { const range = document.createRange(); range.selectNodeContents(el); t = Array.from(range.getClientRects()).find(x => x.width > 0); }
  const left = r.left + parseFloat(cs.borderLeftWidth) + parseFloat(cs.paddingLeft), top = r.top + parseFloat(cs.borderTopWidth) + parseFloat(cs.paddingTop);
  // An icon above its text, as in the phone's navigation, or before it.
  if (t.top - top >= 10) return {left, right: r.right - parseFloat(cs.borderRightWidth), top, bottom: t.top};
  return {left, right: t.left, top, bottom: r.bottom - parseFloat(cs.borderBottomWidth)};
})`

// TestIconsAreDrawn: every element that draws its icon with CSS shows one before
// its text: a drawing of strokes (not a blank gap, not a filled square) in the room
// the text leaves it, on screen, light and dark, on a phone and wide.
func TestIconsAreDrawn(t *testing.T) {
	dir := sampleSite(t)
	base := serve(t, dir)
	b := sharedBrowser(t)
	insight := "/insights/late-fee-surprise/"
	pages := []string{insight, "/actions/", "/sessions/", "/analogies/"}
	for _, v := range []browser.View{phone, {Width: 1280, Height: 800}, {Width: 1280, Height: 800, Dark: true}} {
		found := map[string]bool{}
		for _, path := range pages {
			p, err := b.Open(base+path, v)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range iconHosts {
				if found[h.host] {
					continue
				}
				var box *struct{ Left, Right, Top, Bottom float64 }
				if err := p.Eval("("+iconBoxJS+")("+jsString(h.host)+", "+jsString(h.text)+")", &box); err != nil {
					t.Fatal(err)
				}
				if box == nil {
					continue
				}
				found[h.host] = true
				shot, err := p.ViewportScreenshot()
				if err != nil {
					t.Fatal(err)
				}
				img, err := png.Decode(bytes.NewReader(shot))
				if err != nil {
					t.Fatal(err)
				}
				room := image.Rect(int(box.Left), int(box.Top), int(box.Right), int(box.Bottom))
				inked, area, ink := inkIn(img, room)
				switch {
				case room.Dx() < 10 || room.Dy() < 10:
					t.Errorf("%s %s at %s: %v before the text, no room for an icon", path, h.host, v, room.Size())
				case inked < 8:
					t.Errorf("%s %s at %s: %d of %d px before the text are inked: no icon", path, h.host, v, inked, area)
				case inked*4 > ink.Dx()*ink.Dy()*3:
					t.Errorf("%s %s at %s: %d of the %v px of the ink's box are inked: a block, not a drawing", path, h.host, v, inked, ink.Size())
				}
			}
			p.Close()
		}
		for _, h := range iconHosts {
			if !found[h.host] {
				t.Errorf("at %s no page of %v shows %s", v, pages, h.host)
			}
		}
	}
}

// inkIn counts the pixels of r that differ clearly from its most common colour (the
// background), r's area, and the box of those pixels.
func inkIn(img image.Image, r image.Rectangle) (inked, area int, ink image.Rectangle) {
	r = r.Intersect(img.Bounds())
	counts := map[[3]uint32]int{}
	var bg [3]uint32
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c, g, b, _ := img.At(x, y).RGBA()
			k := [3]uint32{c >> 8, g >> 8, b >> 8}
			counts[k]++
			if counts[k] > counts[bg] {
				bg = k
			}
		}
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c, g, b, _ := img.At(x, y).RGBA()
			d := absDiff(c>>8, bg[0]) + absDiff(g>>8, bg[1]) + absDiff(b>>8, bg[2])
			if d > 60 {
				inked++
				ink = ink.Union(image.Rect(x, y, x+1, y+1))
			}
			area++
		}
	}
	return inked, area, ink
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

// jsString quotes s for JavaScript.
func jsString(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}
