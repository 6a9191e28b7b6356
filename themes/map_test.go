package themes_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/playbookhq/playbook/internal/browser"
)

// visibleMapRowsJS lists the titles of the map's rows a reader can see, the
// page's own or those the filters draw.
const visibleMapRowsJS = `Array.from(document.querySelectorAll("article.map-row")).filter(a => {
  if (!a.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) return false;
  const t = a.querySelector(".card-title a");
  t.scrollIntoView({block: "center", behavior: "instant"});
  const c = t.getBoundingClientRect();
  const hit = document.elementFromPoint(c.left + Math.min(20, c.width / 2), c.top + c.height / 2);
  return c.width > 0 && hit !== null && a.contains(hit);
}).map(a => a.querySelector(".card-title a").textContent.trim())`

// TestMapShowsEveryInsight: the map shows every published insight once, under its
// first theme, with its progress; filtering by a facet shows exactly the insights
// that have the value; the home page and the header link to it.
func TestMapShowsEveryInsight(t *testing.T) {
	dir := sampleSite(t)
	base := serve(t, dir)
	b := sharedBrowser(t)
	insights := built.site.Section("insights")
	for _, v := range []browser.View{{Width: 1280, Height: 800}, phone} {
		p, err := b.Open(base+"/map/", v)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		if err := p.Eval(visibleMapRowsJS, &got); err != nil {
			t.Fatal(err)
		}
		want := titles(insights.Entries)
		slices.Sort(want)
		sorted := slices.Clone(got)
		slices.Sort(sorted)
		if !slices.Equal(sorted, want) {
			t.Errorf("at %s the map shows %q, want every insight %q", v, got, want)
		}
		var themes []string
		if err := p.Eval(`Array.from(document.querySelectorAll(".map-group")).map(g => g.querySelector("h3").textContent.trim().replace(/\s+\d+$/, "") + ": " + Array.from(g.querySelectorAll(".card-title a")).map(a => a.textContent.trim()).join(" | "))`, &themes); err != nil {
			t.Fatal(err)
		}
		for _, e := range insights.Entries {
			if len(e.Themes) == 0 {
				continue
			}
			ok := false
			for _, g := range themes {
				if strings.HasPrefix(strings.ToLower(g), strings.ToLower(e.Themes[0])+": ") && strings.Contains(g, e.Title) {
					ok = true
				}
			}
			if !ok {
				t.Errorf("%q is not under its first theme %q: %q", e.Title, e.Themes[0], themes)
			}
		}
		p.Close()
	}

	p, err := b.Open(base+"/map/", browser.View{Width: 1280, Height: 800})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	waitFor(t, p, `document.querySelector(".filters-live")`)
	progress := insights.Facet("progress")
	for _, v := range progress.Values {
		box := `.facet-progress input[value="` + v.Slug + `"]`
		reveal(t, p, "progress", box)
		click(t, p, box)
		want := titles(v.Entries)
		var got []string
		for range 50 {
			if err := p.Eval(visibleMapRowsJS, &got); err == nil && slices.Equal(got, want) {
				break
			}
			time.Sleep(40 * time.Millisecond)
		}
		if !slices.Equal(got, want) {
			t.Errorf("progress = %s: the map shows %q, want %q", v.Name, got, want)
		}
		click(t, p, box)
	}
	noErrors(t, p, base)

	home, err := b.Open(base+"/", browser.View{Width: 1280, Height: 800})
	if err != nil {
		t.Fatal(err)
	}
	defer home.Close()
	var links int
	if err := home.Eval(`Array.from(document.querySelectorAll('a[href$="map/"]')).filter(a => a.checkVisibility()).length`, &links); err != nil {
		t.Fatal(err)
	}
	if links < 2 {
		t.Errorf("%d visible links to the map on the home page, want the header's and the state's", links)
	}
}
