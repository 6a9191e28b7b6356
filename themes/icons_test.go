package themes_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/playbookhq/playbook/builder"
	"github.com/playbookhq/playbook/internal/browser"
	"github.com/playbookhq/playbook/themes"
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
	{".action-owner", ""},
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
				img := viewport(t, p)
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
			k := rgb8(img.At(x, y))
			counts[k]++
			if counts[k] > counts[bg] {
				bg = k
			}
		}
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if inkDistance(rgb8(img.At(x, y)), bg) > 60 {
				inked++
				ink = ink.Union(image.Rect(x, y, x+1, y+1))
			}
			area++
		}
	}
	return inked, area, ink
}

// rgb8 is a colour's red, green and blue, 0 to 255.
func rgb8(c color.Color) [3]uint32 {
	r, g, b, _ := c.RGBA()
	return [3]uint32{r >> 8, g >> 8, b >> 8}
}

// inkDistance is how far apart two colours are, channel by channel.
func inkDistance(a, b [3]uint32) uint32 {
	return absDiff(a[0], b[0]) + absDiff(a[1], b[1]) + absDiff(a[2], b[2])
}

// viewport is a screenshot of what the page shows now.
func viewport(t *testing.T, p *browser.Page) image.Image {
	t.Helper()
	shot, err := p.ViewportScreenshot()
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatal(err)
	}
	return img
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

// scaleDotsJS scrolls the n-th visible scale into view and returns where its dots
// are, in viewport pixels: the stylesheet draws them before the words, the filled
// ones in ::before and the rings in ::after, one to each step of the width.
const scaleDotsJS = `((n) => {
  const el = Array.from(document.querySelectorAll(".scale")).filter(e => e.checkVisibility())[n];
  if (!el) return null;
  el.scrollIntoView({block: "center", behavior: "instant"});
  const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
  const on = parseFloat(getComputedStyle(el, "::before").width), rest = parseFloat(getComputedStyle(el, "::after").width);
  return {text: el.textContent, left: r.left + parseFloat(cs.paddingLeft), mid: r.top + r.height / 2, on, rest, step: parseFloat(getComputedStyle(document.documentElement).fontSize) * 0.85};
})`

// TestScalesShowTheirDots: a scale ("4 of 5", a confidence) shows as many dots as
// its words say, filled for its value and rings for the rest, on screen, light and
// dark: the centre of a filled dot is ink, a ring's is not but its edge is.
func TestScalesShowTheirDots(t *testing.T) {
	dir := sampleSite(t)
	base := serve(t, dir)
	b := sharedBrowser(t)
	words := map[string][2]int{"Low": {1, 3}, "Medium": {2, 3}, "High": {3, 3}}
	for _, v := range []browser.View{phone, {Width: 1280, Height: 800, Dark: true}} {
		seen := 0
		for _, path := range []string{"/insights/late-fee-surprise/", "/analogies/", "/insights/form-jargon/"} {
			p, err := b.Open(base+path, v)
			if err != nil {
				t.Fatal(err)
			}
			for n := 0; n < 3; n++ {
				var s *struct {
					Text                      string
					Left, Mid, On, Rest, Step float64
				}
				if err := p.Eval("("+scaleDotsJS+")("+strconv.Itoa(n)+")", &s); err != nil {
					t.Fatal(err)
				}
				if s == nil {
					break
				}
				want, ok := words[s.Text]
				if !ok {
					var of int
					if _, err := fmt.Sscanf(s.Text, "%d of %d", &want[0], &of); err != nil {
						t.Fatalf("%s: a scale says %q", path, s.Text)
					}
					want[1] = of
				}
				if got := [2]int{int(math.Round(s.On / s.Step)), int(math.Round((s.On + s.Rest) / s.Step))}; got != want {
					t.Errorf("%s at %s: %q draws %d of %d dots", path, v, s.Text, got[0], got[1])
					continue
				}
				img := viewport(t, p)
				bg := rgb8(img.At(int(s.Left+s.Step/2), int(s.Mid-s.Step)))
				inked := func(x, y float64) bool { return inkDistance(rgb8(img.At(int(x), int(y))), bg) > 60 }
				for i := range want[1] {
					cx := s.Left + (float64(i)+0.5)*s.Step
					filled, edge := inked(cx, s.Mid), inked(cx+s.Step*0.32, s.Mid)
					if i < want[0] && !filled || i >= want[0] && (filled || !edge) {
						t.Errorf("%s at %s: dot %d of %q: centre inked %v, edge inked %v", path, v, i+1, s.Text, filled, edge)
					}
				}
				seen++
			}
			p.Close()
		}
		if seen < 4 {
			t.Errorf("at %s only %d scales were on screen", v, seen)
		}
	}
}

// TestDotsOfASiteTemplate: a site whose own "scale" partial draws its dots with
// the dots function, as the default theme once did, still gets them from the
// default stylesheet, each a visible circle, filled for the value, and no dots
// drawn by the stylesheet beside them.
func TestDotsOfASiteTemplate(t *testing.T) {
	src := t.TempDir()
	if err := os.CopyFS(filepath.Join(src, "content"), os.DirFS("../content")); err != nil {
		t.Fatal(err)
	}
	badges, err := fs.ReadFile(themes.FS(), "default/layouts/partials/badges.html")
	if err != nil {
		t.Fatal(err)
	}
	own := regexp.MustCompile(`\{\{define "scale"\}\}.*\{\{end\}\}`).ReplaceAll(badges,
		[]byte(`{{define "scale"}}<span class="scale" title="{{.V}} of {{.Of}}"><span class="scale-dots" aria-hidden="true">{{dots .V .Of}}</span> <span class="scale-text">{{.V}} of {{.Of}}</span></span>{{end}}`))
	if bytes.Equal(own, badges) {
		t.Fatal("no scale partial to replace in badges.html")
	}
	if err := os.MkdirAll(filepath.Join(src, "layouts", "partials"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "layouts", "partials", "badges.html"), own, 0o644); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(src, "public")
	if _, err := builder.Build(context.Background(), builder.Options{Source: src, Dest: dest, Themes: themes.FS(), Today: today}); err != nil {
		t.Fatal(err)
	}
	p, err := sharedBrowser(t).Open(serve(t, dest)+"/insights/form-jargon/", phone)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	var got []struct {
		Text    string
		Dots    []bool
		Visible bool
		Drawn   bool
	}
	if err := p.Eval(`Array.from(document.querySelectorAll(".option .scale")).map(el => {
	  el.scrollIntoView({block: "center", behavior: "instant"});
	  const dots = Array.from(el.querySelectorAll(".dot"));
	  return {text: el.querySelector(".scale-text").textContent,
	    dots: dots.map(d => getComputedStyle(d).backgroundColor !== "rgba(0, 0, 0, 0)"),
	    visible: dots.every(d => { const r = d.getBoundingClientRect(); return d.checkVisibility() && r.width > 8 && Math.abs(r.width - r.height) < 1; }),
	    drawn: ["::before", "::after"].some(w => parseFloat(getComputedStyle(el, w).width) > 0)};
	})`, &got); err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 {
		t.Fatal("no scale among the analogies considered")
	}
	for _, s := range got {
		var on, of int
		fmt.Sscanf(s.Text, "%d of %d", &on, &of)
		filled := 0
		for i, d := range s.Dots {
			if d && i != filled {
				t.Errorf("%q: dot %d is filled after an empty one", s.Text, i+1)
			}
			if d {
				filled++
			}
		}
		if len(s.Dots) != of || filled != on || !s.Visible || s.Drawn {
			t.Errorf("%q: %d dots, %d filled, visible circles %v, dots drawn by the stylesheet too %v", s.Text, len(s.Dots), filled, s.Visible, s.Drawn)
		}
	}
}
