package themes_test

// Live filters, judged by what a reader sees: after each choice, the cards on
// screen (laid out, not hidden, not covered) are exactly the entries the build
// says have the value, in the list's order, and the heading counts them.

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/playbookhq/playbook/builder"
	"github.com/playbookhq/playbook/internal/browser"
	"github.com/playbookhq/playbook/internal/sitegen"
	"github.com/playbookhq/playbook/themes"
)

// visibleCardsJS lists the titles of the cards a reader can see: rendered
// (checkVisibility), with a box, and on top where they are (elementFromPoint at
// the title's centre, once scrolled there).
const visibleCardsJS = `Array.from(document.querySelectorAll("article.card")).filter(a => {
  if (!a.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) return false;
  const t = a.querySelector(".card-title a");
  const r = t.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) return false;
  t.scrollIntoView({block: "center", behavior: "instant"});
  const c = t.getBoundingClientRect();
  const hit = document.elementFromPoint(c.left + c.width / 2, c.top + c.height / 2);
  return hit !== null && a.contains(hit);
}).map(a => a.querySelector(".card-title a").textContent.trim())`

// waitVisibleCards waits until n cards are visible (the script draws them from
// data it loads), and returns their titles.
func waitVisibleCards(t *testing.T, p *browser.Page, n int) []string {
	t.Helper()
	var got []string
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if err := p.Eval(visibleCardsJS, &got); err == nil && len(got) == n {
			time.Sleep(50 * time.Millisecond) // no more arrive
			p.Eval(visibleCardsJS, &got)
			return got
		}
		time.Sleep(40 * time.Millisecond)
	}
	return got
}

func titles(l []*builder.Entry) []string {
	out := make([]string, len(l))
	for i, e := range l {
		out[i] = e.Title
	}
	return out
}

func sampleSection(t *testing.T, name string) *builder.Section {
	t.Helper()
	sampleSite(t)
	return built.site.Section(name)
}

// TestLiveFiltersShowWhatTheyCount: on every list page of the sample, checking
// each value of each facet shows exactly the entries with it, and the heading
// says how many of how many.
func TestLiveFiltersShowWhatTheyCount(t *testing.T) {
	dir := sampleSite(t)
	b := sharedBrowser(t)
	base := serve(t, dir)
	for _, name := range []string{"insights", "analogies", "experiences", "sessions"} {
		sec := built.site.Section(name)
		p, err := b.Open(base+"/"+name+"/", browser.View{})
		if err != nil {
			t.Fatal(err)
		}
		waitFor(t, p, `document.querySelector(".filters-live")`)
		for _, f := range sec.Facets {
			for i, v := range f.Values {
				if i == 2 {
					break
				}
				box := fmt.Sprintf(`.facet-%s input[value="%s"]`, f.Name, v.Slug)
				reveal(t, p, f.Name, box)
				click(t, p, box)
				want := titles(v.Entries)
				if got := waitVisibleCards(t, p, len(want)); !slices.Equal(got, want) {
					t.Errorf("%s, %s = %s: the cards shown are %q, want %q", name, f.Name, v.Name, got, want)
				}
				heading := eval[string](t, p, `document.getElementById("pb-results").textContent`)
				if w := fmt.Sprintf("%d of %d ", len(want), len(sec.Entries)); !strings.HasPrefix(heading, w) {
					t.Errorf("%s, %s = %s: heading %q, want it to start %q", name, f.Name, v.Name, heading, w)
				}
				click(t, p, box) // and back
				if got := waitVisibleCards(t, p, min(len(sec.Entries), 24)); len(got) != min(len(sec.Entries), 24) {
					t.Errorf("%s: after unchecking %s, %d cards show", name, v.Name, len(got))
				}
			}
		}
		noErrors(t, p, base)
		p.Close()
	}
}

// TestLiveFiltersCombineAndStay: values of one facet widen the list, facets narrow
// it; the view, its counts and its order are kept in a link that restores them.
func TestLiveFiltersCombineAndStay(t *testing.T) {
	dir := sampleSite(t)
	b := sharedBrowser(t)
	base := serve(t, dir)
	sec := built.site.Section("insights")
	kind := sec.Facet("kind")
	themesFacet := sec.Facet("themes")
	// Two kinds and a theme that make a small, non-empty view.
	kinds := []string{"frustrating", "uncomfortable"}
	var theme string
	var want []string
	for _, tv := range themesFacet.Values {
		want = nil
		for _, e := range sec.Entries {
			has := func(f string, v string) bool { return slices.Contains(f2slugs(sec, f, e), v) }
			if (has("kind", kinds[0]) || has("kind", kinds[1])) && has("themes", tv.Slug) {
				want = append(want, e.Title)
			}
		}
		if len(want) > 0 && len(want) < len(sec.Entries) {
			theme = tv.Slug
			break
		}
	}
	if theme == "" {
		t.Fatal("the sample makes no useful view")
	}
	p, err := b.Open(base+"/insights/", browser.View{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	waitFor(t, p, `document.querySelector(".filters-live")`)
	for _, v := range kinds {
		click(t, p, `.facet-kind input[value="`+v+`"]`)
	}
	reveal(t, p, "themes", `.facet-themes input[value="`+theme+`"]`)
	click(t, p, `.facet-themes input[value="`+theme+`"]`)
	if got := waitVisibleCards(t, p, len(want)); !slices.Equal(got, want) {
		t.Errorf("shown %q, want %q", got, want)
	}
	q, _ := url.ParseQuery(strings.TrimPrefix(eval[string](t, p, "location.search"), "?"))
	if got := strings.Split(q.Get("kind"), ","); !slices.Equal(got, kinds) || q.Get("themes") != theme {
		t.Errorf("URL %v does not hold the filters", q)
	}
	// The count beside a kind is what checking it would show.
	n := 0
	for _, e := range kind.Value("frustrating").Entries {
		if slices.Contains(f2slugs(sec, "themes", e), theme) {
			n++
		}
	}
	if got := eval[int](t, p, `+document.querySelector('.facet-kind input[value="frustrating"]').parentElement.querySelector(".count").textContent`); got != n {
		t.Errorf("frustrating counts %d, want %d", got, n)
	}
	// Sorted by title, across every entry, and kept in the link.
	if err := chromedp.Do(p.Context(), chromedp.SetValue(chromedp.CSS(".results-order select"), "title"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector(".results-order select").dispatchEvent(new Event("change"))`)); err != nil {
		t.Fatal(err)
	}
	sorted := slices.Clone(want)
	slices.SortFunc(sorted, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	if got := waitVisibleCards(t, p, len(want)); !slices.Equal(got, sorted) {
		t.Errorf("sorted by title: shown %q, want %q", got, sorted)
	}
	shared := eval[string](t, p, "location.href")
	axe(t, p, "the insights list, filtered")
	noErrors(t, p, base)

	again, err := b.Open(shared, browser.View{})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if got := waitVisibleCards(t, again, len(want)); !slices.Equal(got, sorted) {
		t.Errorf("the shared link shows %q, want %q", got, sorted)
	}
	checked := eval[[]string](t, again, `Array.from(document.querySelectorAll(".filters input:checked")).map(i => i.name + "=" + i.value)`)
	if w := []string{"kind=frustrating", "kind=uncomfortable", "themes=" + theme}; !slices.Equal(checked, w) {
		t.Errorf("the shared link checks %q, want %q", checked, w)
	}
	// Clearing shows the page's own cards again.
	click(t, again, ".filters-clear")
	if got := waitVisibleCards(t, again, len(sec.Entries)); len(got) != len(sec.Entries) {
		t.Errorf("after clearing, %d cards show, want %d", len(got), len(sec.Entries))
	}
	noErrors(t, again, base)
}

// reveal makes a facet's checkbox visible as a reader would: opening the facet,
// then showing all its values.
func reveal(t *testing.T, p *browser.Page, facet, box string) {
	t.Helper()
	if !eval[bool](t, p, `document.querySelector(".facet-`+facet+`").open`) {
		click(t, p, ".facet-"+facet+" summary")
	}
	if !eval[bool](t, p, `document.querySelector('`+box+`').checkVisibility()`) {
		click(t, p, ".facet-"+facet+" .facet-more")
	}
	if !eval[bool](t, p, `document.querySelector('`+box+`').checkVisibility()`) {
		t.Fatalf("%s stays hidden", box)
	}
}

// f2slugs are an entry's values of a facet, as slugs.
func f2slugs(sec *builder.Section, facet string, e *builder.Entry) []string {
	var out []string
	for _, v := range sec.Facet(facet).Values {
		if slices.Contains(v.Entries, e) {
			out = append(out, v.Slug)
		}
	}
	return out
}

// TestPaginatedFilterFindsEveryEntry: on a list of several pages, a filter finds
// an entry that is not on the first page, and draws its card.
func TestPaginatedFilterFindsEveryEntry(t *testing.T) {
	src := t.TempDir()
	if err := sitegen.Write(src, sitegen.Options{Entries: 300, Seed: 3, Words: 60}); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	res, err := builder.Build(context.Background(), builder.Options{Source: src, Dest: dest, Themes: themes.FS(), Today: today})
	if err != nil {
		t.Fatal(err)
	}
	sec := res.Site.Section("insights")
	if len(sec.Entries) <= 24 {
		t.Fatalf("%d insights fit on one page", len(sec.Entries))
	}
	// A customer whose insights are all past the first page.
	var value *builder.FacetValue
	for _, v := range sec.Facet("customer").Values {
		late := true
		for _, e := range v.Entries {
			late = late && slices.Index(sec.Entries, e) >= 24
		}
		if late {
			value = v
			break
		}
	}
	if value == nil {
		t.Fatal("every customer has an insight on the first page")
	}
	b := sharedBrowser(t)
	base := browser.ServeDirCSP(t, dest, deployCSP(t))
	p, err := b.Open(base+"/insights/", browser.View{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	waitFor(t, p, `document.querySelector(".filters-live")`)
	if got := eval[[]string](t, p, visibleCardsJS); len(got) != 24 || slices.Contains(got, value.Entries[0].Title) {
		t.Fatalf("the first page shows %d cards, %q among them", len(got), value.Entries[0].Title)
	}
	box := `.facet-customer input[value="` + value.Slug + `"]`
	reveal(t, p, "customer", box)
	if n := len(records(p)); n != 0 {
		t.Fatalf("%d files of records loaded before any choice", n)
	}
	// A press loads the records of the first cards the choice will show, before
	// the release that makes it.
	x, y := centre(t, p, box)
	mouse(t, p, chromedp.MousePressed, x, y)
	waitFor(t, p, `performance.getEntriesByType("resource").some(r => r.name.includes("/search/data/d/"))`)
	time.Sleep(200 * time.Millisecond) // every file the press asks for
	pressed := records(p)
	if eval[bool](t, p, `document.querySelector('`+box+`').checked`) {
		t.Fatal("the box is checked before the release")
	}
	start := time.Now()
	mouse(t, p, chromedp.MouseReleased, x, y)
	want := titles(value.Entries)
	got := waitVisibleCards(t, p, len(want))
	t.Logf("%d of %d insights shown %v after the click", len(got), len(sec.Entries), time.Since(start).Round(time.Millisecond))
	if !slices.Equal(got, want) {
		t.Errorf("customer %q shows %q, want %q", value.Name, got, want)
	}
	if len(want) <= 6 && !slices.Equal(records(p), pressed) {
		t.Errorf("the press loaded %q; the cards needed %q", pressed, records(p))
	}
	noErrors(t, p, base)
}

// records lists the files of search records the page has asked for, sorted.
func records(p *browser.Page) []string {
	var out []string
	for _, r := range p.Requests() {
		if i := strings.Index(r.URL, "/search/data/d/"); i >= 0 {
			out = append(out, r.URL[i:])
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// centre scrolls an element into view and returns the middle of its box.
func centre(t testing.TB, p *browser.Page, sel string) (x, y float64) {
	t.Helper()
	r := eval[[]float64](t, p, `(() => { const e = document.querySelector('`+sel+`'); e.scrollIntoView({block: "center", behavior: "instant"});
  const r = e.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; })()`)
	return r[0], r[1]
}

// mouse sends one event of the left button at x, y, as a hand on a mouse does.
func mouse(t testing.TB, p *browser.Page, typ input.DispatchMouseEventType, x, y float64) {
	t.Helper()
	ctx, cancel := context.WithTimeout(p.Context(), 10*time.Second)
	defer cancel()
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, input.DispatchMouseEvent, input.DispatchMouseEventParams{Type: typ, X: x, Y: y, Button: input.MouseButtonLeft, ClickCount: 1})
		return err
	}))
	if err != nil {
		t.Fatalf("mouse %s at %.0f, %.0f: %v", typ, x, y, err)
	}
}
