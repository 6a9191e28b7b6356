package themes_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/playbookhq/playbook/builder"
	"github.com/playbookhq/playbook/internal/browser"
	"github.com/playbookhq/playbook/internal/sitegen"
	"github.com/playbookhq/playbook/themes"
)

// BenchmarkLiveFilter times the live filters of a generated playbook of 10,000
// entries as a reader meets them: on /insights/, a press and, a tenth of a second
// later, the release of the mouse on a customer's box, then on a theme's. It
// reports the milliseconds from the click to the first card of the new view on
// screen (drawn, not hidden: checkVisibility), timed in the page, for the first
// choice (whose records the page has not loaded) and the next. It needs
// Chromium, and PLAYBOOK_BENCH_DIR for the playbook and its build:
//
//	PLAYBOOK_BENCH_DIR=/mnt/tmpfs go test -run '^$' -bench LiveFilter -benchtime 12x ./themes/
func BenchmarkLiveFilter(b *testing.B) {
	root := os.Getenv("PLAYBOOK_BENCH_DIR")
	if root == "" {
		b.Skip("set PLAYBOOK_BENCH_DIR to a folder (a tmpfs) for a playbook of 10,000 entries")
	}
	src, err := sitegen.Cached(root, "filter-10000", sitegen.Options{Entries: 10000, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	dest := filepath.Join(src, "public")
	if _, err := builder.Build(context.Background(), builder.Options{Source: src, Dest: dest, Themes: themes.FS(), Today: today}); err != nil {
		b.Fatal(err)
	}
	br := sharedBrowser(b)
	base := browser.ServeDirCSP(b, dest, deployCSP(b))
	var first, next float64
	b.ResetTimer()
	for i := range b.N {
		p, err := br.Open(base+"/insights/", browser.View{Width: 1280, Height: 900})
		if err != nil {
			b.Fatal(err)
		}
		waitFor(b, p, `document.querySelector(".filters-live")`)
		first += choose(b, p, "customer", i%8)
		next += choose(b, p, "themes", (i+3)%8)
		p.Close()
	}
	b.StopTimer()
	b.ReportMetric(first/float64(b.N), "first-ms")
	b.ReportMetric(next/float64(b.N), "next-ms")
}

// choose clicks the nth value shown of a facet, as a hand on a mouse does, and
// returns the milliseconds from the click to the first card of the new view on
// screen.
func choose(b *testing.B, p *browser.Page, facet string, nth int) float64 {
	b.Helper()
	sel := fmt.Sprintf(`details.facet-%s li:nth-child(%d) input`, facet, nth+1)
	eval[bool](b, p, `(() => { document.querySelector("details.facet-`+facet+`").open = true;
	  const live = document.getElementById("pb-live"), before = live.textContent;
	  window.pbShown = 0;
	  document.addEventListener("click", () => {
	    const t0 = performance.now();
	    const tick = () => {
	      const c = live.querySelector("article.card");
	      if (c && c.checkVisibility() && live.textContent !== before) window.pbShown = performance.now() - t0;
	      else requestAnimationFrame(tick);
	    };
	    requestAnimationFrame(tick);
	  }, {capture: true, once: true});
	  return true; })()`)
	x, y := centre(b, p, sel)
	time.Sleep(100 * time.Millisecond) // the page at rest
	mouse(b, p, chromedp.MouseMoved, x, y)
	mouse(b, p, chromedp.MousePressed, x, y)
	time.Sleep(100 * time.Millisecond)
	mouse(b, p, chromedp.MouseReleased, x, y)
	waitFor(b, p, `window.pbShown > 0`)
	return eval[float64](b, p, `window.pbShown`)
}
