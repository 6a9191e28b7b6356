package themes_test

import (
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/internal/browser"
)

var (
	journeyFigure = regexp.MustCompile(`(?s)<figure class="journey".*?</figure>`)
	hrefAttr      = regexp.MustCompile(`href="([^"]*)"`)
)

// TestJourneyPictures compares the chain picture of every insight and experience
// of the sample with testdata/golden/journey/, checks that every node links to a
// page the build wrote and that the page's text links too, that the sample's
// chains include one that stops early and one with an overdue action, and that no
// hidden entry appears in any.
func TestJourneyPictures(t *testing.T) {
	dir := sampleSite(t)
	var all strings.Builder
	for _, typ := range []string{"insights", "experiences"} {
		for _, e := range built.site.Section(typ).Entries {
			page := strings.TrimPrefix(e.URL, "/") + "index.html"
			data, err := os.ReadFile(filepath.Join(dir, page))
			if err != nil {
				t.Fatal(err)
			}
			fig := journeyFigure.Find(data)
			if fig == nil {
				t.Errorf("%s has no journey picture", page)
				continue
			}
			all.Write(fig)
			golden := filepath.Join("testdata", "golden", "journey", typ+"-"+e.Slug+".html")
			if *update {
				os.MkdirAll(filepath.Dir(golden), 0o755)
				if err := os.WriteFile(golden, fig, 0o644); err != nil {
					t.Fatal(err)
				}
			} else if want, err := os.ReadFile(golden); err != nil || string(want) != string(fig) {
				t.Errorf("%s: the picture differs from %s (run with -update if the change is meant)", page, golden)
			}
			// The picture is hidden from screen readers and out of the tab order:
			// every page it links to is linked from the page's text as well.
			text := strings.Replace(string(data), string(fig), "", 1)
			for _, m := range hrefAttr.FindAllSubmatch(fig, -1) {
				u, err := url.Parse(string(m[1]))
				if err != nil {
					t.Fatal(err)
				}
				own := path.Join(path.Dir(page), u.Path) == path.Dir(page)
				if !own && !strings.Contains(text, `href="`+u.Path+`"`) && !strings.Contains(text, `href="`+u.Path+`#`) {
					t.Errorf("%s: the picture links to %s, and the page's text does not", page, u.Path)
				}
				target := path.Join(path.Dir(page), u.Path)
				if strings.HasSuffix(u.Path, "/") || u.Path == "" {
					target = path.Join(target, "index.html")
				}
				if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(target))); err != nil {
					t.Errorf("%s: a node links to %s, which the build did not write", page, m[1])
				}
			}
		}
	}
	text := all.String()
	for _, want := range []string{"Not yet mirrored", "j-status-overdue", ">set aside<", `class="j-node j-gap j-dashed"`} {
		if !strings.Contains(text, want) {
			t.Errorf("no picture of the sample shows %q", want)
		}
	}
	// The sample keeps team-only entries; a company build leaves them out.
	hidden, err := filepath.Glob("../content/*/*.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range hidden {
		data, _ := os.ReadFile(f)
		if !strings.Contains(string(data), "visibility: team") && !strings.Contains(string(data), "draft: true") {
			continue
		}
		slug := strings.TrimSuffix(filepath.Base(f), ".md")
		if strings.Contains(text, "/"+slug+"/") {
			t.Errorf("a picture shows %s, which the build leaves out", f)
		}
	}
}

// TestJourneyVisible: on an insight's page the picture is on screen at 1280 px,
// and at 390 px it scrolls sideways inside its own box, the page does not.
func TestJourneyVisible(t *testing.T) {
	dir := sampleSite(t)
	base := serve(t, dir)
	b := sharedBrowser(t)
	for _, v := range []browser.View{{Width: 1280, Height: 800}, phone, {Width: 390, Height: 844, Dark: true}} {
		p, err := b.Open(base+"/insights/counter-queue-ticket/", v)
		if err != nil {
			t.Fatal(err)
		}
		var got struct {
			Visible, Scrolls bool
			PageWidth, Nodes int
		}
		err = p.Eval(`(() => {
		  const s = document.querySelector(".journey-scroll"), svg = s.querySelector("svg");
		  svg.scrollIntoView({block: "center", behavior: "instant"});
		  const r = s.getBoundingClientRect();
		  const first = svg.querySelector(".j-node rect").getBoundingClientRect();
		  const hit = document.elementFromPoint(first.left + 5, first.top + first.height / 2);
		  return {visible: svg.checkVisibility() && r.width > 0 && hit !== null && svg.contains(hit),
		    scrolls: s.scrollWidth > s.clientWidth, pageWidth: document.documentElement.scrollWidth,
		    nodes: svg.querySelectorAll(".j-node").length};
		})()`, &got)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Visible || got.Nodes < 5 || got.PageWidth > v.Width {
			t.Errorf("at %s: %+v", v, got)
		}
		if v.Width == 390 && !got.Scrolls {
			t.Errorf("at %s the picture neither fits nor scrolls: %+v", v, got)
		}
		p.Close()
	}
}

// TestJourneyOnPaper: printed, an insight's or experience's page leaves out the
// drawing (it would be cut at the paper's edge), and every entry the drawing shows
// is named by a link that is printed.
func TestJourneyOnPaper(t *testing.T) {
	dir := sampleSite(t)
	base := serve(t, dir)
	b := sharedBrowser(t)
	for _, page := range []string{"/insights/counter-queue-ticket/", "/experiences/triage-waiting-room/"} {
		p, err := b.Open(base+page, browser.View{Width: 794, Height: 1123, Print: true})
		if err != nil {
			t.Fatal(err)
		}
		var got struct {
			Drawn   bool
			Missing []string
			Nodes   int
		}
		err = p.Eval(`(() => {
		  const fig = document.querySelector("figure.journey");
		  const printed = Array.from(document.querySelectorAll("a[href]"))
		    .filter(a => !fig.contains(a) && a.checkVisibility({checkVisibilityCSS: true}) && a.getBoundingClientRect().width > 0)
		    .map(a => a.pathname);
		  const nodes = Array.from(fig.querySelectorAll("svg a[href]")).map(a => new URL(a.getAttribute("href"), location.href).pathname)
		    .filter(u => u !== location.pathname);
		  return {drawn: fig.querySelector("svg").checkVisibility(), nodes: nodes.length,
		    missing: [...new Set(nodes.filter(u => !printed.includes(u)))]};
		})()`, &got)
		if err != nil {
			t.Fatal(err)
		}
		if got.Drawn || got.Nodes == 0 || len(got.Missing) > 0 {
			t.Errorf("%s on paper: drawing printed %v, %d entries drawn, these not named by a printed link: %q", page, got.Drawn, got.Nodes, got.Missing)
		}
		p.Close()
	}
}
