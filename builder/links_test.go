package builder

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/playbookhq/playbook/builder/internal/sitetest"
	"github.com/playbookhq/playbook/builder/render"
)

func ids(l []*Entry) []string {
	out := make([]string, len(l))
	for i, e := range l {
		out[i] = e.ID
	}
	return out
}

// TestLinksBothDirections follows the chain insight → analogy → experience →
// session and back, in the link graph and in the rendered pages.
func TestLinksBothDirections(t *testing.T) {
	res, sink := mustBuild(t, minimalSite, nil)
	s := res.Site
	queue, triage, room, march := s.Get("insights/queue"), s.Get("analogies/triage"), s.Get("experiences/waiting-room"), s.Get("sessions/march")

	for _, c := range []struct {
		name      string
		got, want []string
	}{
		{"queue mirrored by", ids(queue.MirroredBy), []string{"analogies/triage", "analogies/waitlist"}},
		{"queue addressed by", ids(queue.AddressedBy), []string{"experiences/waiting-room"}},
		{"queue surfaced in", ids(queue.SurfacedIn), []string{"sessions/march"}},
		{"queue explored in", ids(queue.Sessions()), []string{"sessions/march"}},
		{"queue mentions", ids(queue.Mentions), []string{"analogies/triage"}},
		{"queue mentioned in", ids(queue.MentionedIn), []string{"sessions/march"}},
		{"triage mirrors", ids(triage.Insights), []string{"insights/queue"}},
		{"triage built into", ids(triage.BuiltInto), []string{"experiences/waiting-room"}},
		{"triage mentioned in", ids(triage.MentionedIn), []string{"insights/queue"}},
		{"room run in", ids(room.RunIn), []string{"sessions/march"}},
		{"march surfaced", ids(march.Surfaced), []string{"insights/queue"}},
	} {
		if !slices.Equal(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if room.Analogy != triage || march.Experience != room {
		t.Errorf("front-matter references not resolved: %v %v", room.Analogy, march.Experience)
	}

	// The pages link along the chain, relatively.
	for _, c := range []struct{ page, href string }{
		{"insights/queue/index.html", `href="../../analogies/triage/"`},
		{"insights/queue/index.html", `href="../../analogies/triage/#where-it-differs"`},
		{"insights/queue/index.html", `href="../../experiences/waiting-room/"`},
		{"insights/queue/index.html", `href="../../sessions/march/"`},
		{"analogies/triage/index.html", `href="../../insights/queue/"`},
		{"analogies/triage/index.html", `href="../../experiences/waiting-room/"`},
		{"experiences/waiting-room/index.html", `href="../../analogies/triage/"`},
		{"experiences/waiting-room/index.html", `href="../../sessions/march/"`},
		{"sessions/march/index.html", `href="../../experiences/waiting-room/"`},
		{"sessions/march/index.html", `<a href="../../insights/queue/">the insight</a>`},
		{"index.html", `<a class="wikilink" href="insights/queue/">The queue hides its rules</a>`},
	} {
		if got := page(t, sink, c.page); !strings.Contains(got, c.href) {
			t.Errorf("%s lacks %s", c.page, c.href)
		}
	}
}

const hiddenSite = sitetest.Hidden

// TestLeftOutEntriesLeaveNoTrace checks that nothing of a draft or of an entry above
// the build's visibility reaches any output file.
func TestLeftOutEntriesLeaveNoTrace(t *testing.T) {
	res, sink := mustBuild(t, hiddenSite, nil)
	for _, p := range sink.Paths() {
		b, _ := sink.Get(p)
		for _, leak := range []string{"SHOULD-NOT-LEAK", "secret-draft/", "team-only/", "draft-alias", "draft-only-theme", "team-only-tag"} {
			if strings.Contains(string(b), leak) {
				t.Errorf("%s contains %q", p, leak)
			}
		}
	}
	if got := ids(res.Site.Get("analogies/mixed").Insights); !slices.Equal(got, []string{"insights/queue"}) {
		t.Errorf("mixed mirrors %v, want only the published insight", got)
	}
	// Body links to hidden entries are plain text: the label, or the text as written.
	links := page(t, sink, "pages/links/index.html")
	for _, want := range []string{"See secret-draft, the team&#39;s note and a link."} {
		if !strings.Contains(links, want) {
			t.Errorf("links page lacks %q:\n%s", want, links)
		}
	}

	// With --drafts and at team visibility, both appear.
	_, sink = mustBuild(t, hiddenSite, func(o *Options) { o.Drafts = true; o.Visibility = Team })
	for _, p := range []string{"insights/secret-draft/index.html", "insights/team-only/index.html", "old/draft-alias/index.html", "insights/draft-chart.png"} {
		page(t, sink, p)
	}
	if !strings.Contains(page(t, sink, "pages/links/index.html"), `href="../../insights/team-only/">the team&#39;s note</a>`) {
		t.Errorf("team build does not link the team entry")
	}
}

// TestPublicBuild publishes public entries only, and only the files they link to.
func TestPublicBuild(t *testing.T) {
	site := hiddenSite + `
-- content/pages/open.md --
---
title: Open
summary: A public page with a picture.
visibility: public
---
![map](map.svg)
-- content/pages/map.svg --
<svg xmlns="http://www.w3.org/2000/svg"/>
-- content/pages/unlinked.pdf --
PDF
`
	res, sink := mustBuild(t, site, func(o *Options) { o.Visibility = Public })
	if got := ids(res.Site.Entries); !slices.Equal(got, []string{"pages/links", "pages/open"}) {
		t.Errorf("public build published %v", got)
	}
	if _, ok := sink.Get("pages/map.svg"); !ok {
		t.Error("public build did not copy the image a public page embeds")
	}
	for _, p := range []string{"pages/unlinked.pdf", "insights/draft-chart.png", "insights/queue/index.html"} {
		if _, ok := sink.Get(p); ok {
			t.Errorf("public build wrote %s", p)
		}
	}
	if !strings.Contains(page(t, sink, "pages/open/index.html"), `src="../../pages/map.svg"`) {
		t.Error("image not linked relatively")
	}
}

func TestAliases(t *testing.T) {
	site := minimalSite + "-- content/pages/moved.md --\n---\ntitle: Moved\nsummary: s\naliases: [/old/moved/, old-two]\n---\nx\n"
	_, sink := mustBuild(t, site, func(o *Options) { o.BaseURL = "https://example.org/pb/" })
	redirects := page(t, sink, "_redirects")
	for _, want := range []string{"/pb/old/moved/ /pb/pages/moved/ 301\n", "/pb/old-two/ /pb/pages/moved/ 301\n"} {
		if !strings.Contains(redirects, want) {
			t.Errorf("_redirects lacks %q:\n%s", want, redirects)
		}
	}
	alias := page(t, sink, "old/moved/index.html")
	if !strings.Contains(alias, "https://example.org/pb/pages/moved/") {
		t.Errorf("alias page does not point at the entry:\n%s", alias)
	}
}

func TestFeedsAndSitemap(t *testing.T) {
	_, sink := mustBuild(t, minimalSite+"-- content/sessions/later.md --\n---\ntitle: Later\nsummary: s\nexperience: waiting-room\ndate: 2027-02-01\n---\n", nil)

	var atom struct {
		ID      string `xml:"id"`
		Entries []struct {
			ID      string `xml:"id"`
			Title   string `xml:"title"`
			Updated string `xml:"updated"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(page(t, sink, "feed.xml")), &atom); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range atom.Entries {
		got = append(got, e.ID)
	}
	want := []string{ // newest first; the upcoming session and the page are not news
		"https://playbook.example.org/sessions/march/",
		"https://playbook.example.org/experiences/waiting-room/",
		"https://playbook.example.org/analogies/waitlist/",
		"https://playbook.example.org/analogies/triage/",
		"https://playbook.example.org/insights/queue/",
	}
	if !slices.Equal(got, want) {
		t.Errorf("atom entries:\n got %v\nwant %v", got, want)
	}

	var jf struct {
		Version string `json:"version"`
		FeedURL string `json:"feed_url"`
		Items   []struct {
			URL string `json:"url"`
		} `json:"items"`
	}
	if err := json.Unmarshal([]byte(page(t, sink, "feed.json")), &jf); err != nil {
		t.Fatal(err)
	}
	if jf.Version != "https://jsonfeed.org/version/1.1" || jf.FeedURL != "https://playbook.example.org/feed.json" || len(jf.Items) != len(want) || jf.Items[0].URL != want[0] {
		t.Errorf("json feed: %+v", jf)
	}

	var sm struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(page(t, sink, "sitemap.xml")), &sm); err != nil {
		t.Fatal(err)
	}
	locs := map[string]bool{}
	for _, u := range sm.URLs {
		locs[u.Loc] = true
	}
	for _, u := range []string{"https://playbook.example.org/", "https://playbook.example.org/insights/queue/", "https://playbook.example.org/sessions/later/", "https://playbook.example.org/themes/hidden-rules/"} {
		if !locs[u] {
			t.Errorf("sitemap lacks %s", u)
		}
	}
}

// TestSitemapInParts: a site of more URLs than one sitemap file may list has
// /sitemap.xml as an index of parts, each within the limit, which together list
// what the single file would, in the same order.
func TestSitemapInParts(t *testing.T) {
	type urlset struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	read := func(sink *MemSink, path string) []string {
		var u urlset
		if err := xml.Unmarshal([]byte(page(t, sink, path)), &u); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		var out []string
		for _, x := range u.URLs {
			out = append(out, x.Loc+" "+x.LastMod)
		}
		return out
	}
	_, sink := mustBuild(t, minimalSite, nil)
	whole := read(sink, "sitemap.xml")
	if _, ok := sink.Get("sitemap-1.xml"); ok {
		t.Errorf("a small site's sitemap is in parts")
	}

	defer func(limit int) { render.SitemapLimit = limit }(render.SitemapLimit)
	render.SitemapLimit = 4
	_, sink = mustBuild(t, minimalSite, nil)
	var index struct {
		XMLName xml.Name
		Parts   []string `xml:"sitemap>loc"`
	}
	if err := xml.Unmarshal([]byte(page(t, sink, "sitemap.xml")), &index); err != nil {
		t.Fatal(err)
	}
	if want := (len(whole) + 3) / 4; index.XMLName.Local != "sitemapindex" || len(index.Parts) != want {
		t.Fatalf("sitemap.xml is a %s of %d parts, want a sitemapindex of %d: %q", index.XMLName.Local, len(index.Parts), want, index.Parts)
	}
	var joined []string
	for i, loc := range index.Parts {
		path := fmt.Sprintf("sitemap-%d.xml", i+1)
		if loc != "https://playbook.example.org/"+path {
			t.Errorf("part %d is at %s", i+1, loc)
		}
		part := read(sink, path)
		if len(part) == 0 || len(part) > 4 {
			t.Errorf("%s lists %d URLs", path, len(part))
		}
		joined = append(joined, part...)
	}
	if !slices.Equal(joined, whole) {
		t.Errorf("the parts list\n%q\nthe single file\n%q", joined, whole)
	}
}

var hrefRe = regexp.MustCompile(`href="([^"]+)"`)

// TestRelativeLinksResolve checks that every relative link in every page points at a
// file the build wrote.
func TestRelativeLinksResolve(t *testing.T) {
	_, sink := mustBuild(t, minimalSite, nil)
	for _, p := range sink.Paths() {
		if !strings.HasSuffix(p, ".html") || p == "404.html" {
			continue
		}
		dir := p[:strings.LastIndexByte(p, '/')+1]
		for _, m := range hrefRe.FindAllStringSubmatch(page(t, sink, p), -1) {
			href := m[1]
			if strings.Contains(href, "://") || strings.HasPrefix(href, "#") || strings.HasPrefix(href, "mailto:") {
				continue
			}
			href, _, _ = strings.Cut(href, "#")
			target := joinURL(dir, href)
			if strings.HasSuffix(target, "/") || target == "" {
				target += "index.html"
			}
			if _, ok := sink.Get(target); !ok {
				t.Errorf("%s links %s: no %s", p, m[1], target)
			}
		}
	}
}

// joinURL resolves a relative href against a folder, both slash-separated.
func joinURL(dir, href string) string {
	parts := strings.Split(strings.TrimSuffix(dir, "/"), "/")
	if dir == "" {
		parts = nil
	}
	segs := strings.Split(href, "/")
	for i, s := range segs {
		switch s {
		case "..":
			if len(parts) > 0 {
				parts = parts[:len(parts)-1]
			}
		case ".", "":
			if i == len(segs)-1 {
				return strings.Join(append(parts, ""), "/")[0:]
			}
		default:
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "/")
}

func TestTypeAndThemeFeedsAndCalendars(t *testing.T) {
	_, sink := mustBuild(t, minimalSite+"-- content/sessions/later.md --\n---\ntitle: Later, with commas; and more\nsummary: s\nexperience: waiting-room\ndate: 2027-02-01\nlocation: Room 2\n---\n", nil)
	insights := page(t, sink, "insights/feed.xml")
	if !strings.Contains(insights, "https://playbook.example.org/insights/queue/") || strings.Contains(insights, "/analogies/") {
		t.Errorf("insights feed:\n%s", insights)
	}
	theme := page(t, sink, "themes/hidden-rules/feed.json")
	for _, want := range []string{`"home_page_url": "https://playbook.example.org/themes/hidden-rules/"`, "/insights/queue/", "/analogies/triage/"} {
		if !strings.Contains(theme, want) {
			t.Errorf("theme feed lacks %s:\n%s", want, theme)
		}
	}
	cal := page(t, sink, "sessions/calendar.ics")
	for _, want := range []string{"BEGIN:VCALENDAR\r\n", "DTSTART;VALUE=DATE:20270201\r\n",
		`SUMMARY:Later\, with commas\; and more` + "\r\n", "LOCATION:Room 2\r\n", "UID:sessions/later@playbook.example.org\r\n", "END:VCALENDAR\r\n"} {
		if !strings.Contains(cal, want) {
			t.Errorf("calendar lacks %q:\n%s", want, cal)
		}
	}
	if strings.Contains(cal, "DTEND") {
		t.Error("an all-day session has an end: without one it lasts its day")
	}
	if strings.Contains(cal, "sessions/march") {
		t.Error("the calendar of upcoming sessions holds a past one")
	}
	for _, l := range strings.Split(cal, "\r\n") {
		if len(l) > 75 {
			t.Errorf("unfolded line of %d octets: %q", len(l), l)
		}
	}
	page(t, sink, "sessions/march/calendar.ics")
}

func TestShareCards(t *testing.T) {
	_, sink := mustBuild(t, hiddenSite, nil)
	card, ok := sink.Get("insights/queue/share.png")
	if !ok || !bytes.HasPrefix(card, []byte("\x89PNG")) {
		t.Fatalf("no share card for a published insight")
	}
	if !strings.Contains(page(t, sink, "insights/queue/index.html"), `<meta property="og:image" content="https://playbook.example.org/insights/queue/share.png">`) {
		t.Error("the entry page does not point at its card")
	}
	for _, p := range sink.Paths() {
		if strings.Contains(p, "secret-draft") || strings.Contains(p, "team-only") {
			t.Errorf("a hidden entry got %s", p)
		}
	}
	// The dev server draws no cards.
	_, sink = mustBuild(t, minimalSite, func(o *Options) { o.Serve = true })
	if _, ok := sink.Get("insights/queue/share.png"); ok {
		t.Error("a card was drawn while serving")
	}
}

func TestCacheRefusesThePage(t *testing.T) {
	site := minimalSite + "-- layouts/partials/bad.html --\n{{define \"bad.html\"}}x{{end}}\n-- layouts/term.html --\n{{define \"main\"}}{{$.Cache \"bad.html\" (dict \"P\" $)}}{{end}}\n"
	_, _, err := build(t, site, nil)
	if err == nil || !strings.Contains(err.Error(), `Cache "bad.html": argument P is a *render.Page, which cannot name a cached piece`) {
		t.Errorf("err = %v", err)
	}
}

// TestRawHTML leaves raw HTML in Markdown out unless the site enables it.
func TestRawHTML(t *testing.T) {
	body := "-- content/pages/raw.md --\n---\ntitle: Raw\nsummary: s\n---\nBefore <span class=\"x\">inline</span> after.\n\n<div class=\"block\">block</div>\n"
	_, sink := mustBuild(t, minimalSite+body, nil)
	got := page(t, sink, "pages/raw/index.html")
	if strings.Contains(got, `<span class="x">`) || strings.Contains(got, `<div class="block">`) {
		t.Errorf("raw HTML reached the page without unsafeHTML:\n%s", got)
	}
	unsafe := strings.Replace(minimalSite, "theme: plain\n", "theme: plain\nunsafeHTML: true\n", 1)
	_, sink = mustBuild(t, unsafe+body, nil)
	got = page(t, sink, "pages/raw/index.html")
	if !strings.Contains(got, `<span class="x">inline</span>`) || !strings.Contains(got, `<div class="block">block</div>`) {
		t.Errorf("raw HTML left out with unsafeHTML: true:\n%s", got)
	}
}

// TestRelatedEntries: an entry's related entries share something with it and are
// never ones it links to, each with what they share in words.
func TestRelatedEntries(t *testing.T) {
	extra := "-- content/insights/other.md --\n---\ntitle: Another wait\nsummary: s\ndate: 2026-03-01\nkind: [broken]\ncustomer: c\nevidence: [{quote: q}]\nthemes: [Waiting]\ntags: [counter]\n---\nx\n" +
		"-- content/pages/tagged.md --\n---\ntitle: Tagged page\nsummary: s\ntags: [counter]\n---\nx\n"
	res, _ := mustBuild(t, minimalSite+extra, nil)
	queue := res.Site.Get("insights/queue")
	if queue == nil {
		t.Fatal("no insights/queue")
	}
	got := map[string]string{}
	for _, r := range queue.Related {
		got[r.Entry.ID] = r.Why()
	}
	if !strings.EqualFold(got["insights/other"], "The theme waiting; the tag counter") {
		t.Errorf("insights/other: %q (related: %v)", got["insights/other"], got)
	}
	if got["pages/tagged"] != "The tag counter" {
		t.Errorf("pages/tagged: %q", got["pages/tagged"])
	}
	for _, direct := range []string{"analogies/triage", "insights/queue"} {
		if _, ok := got[direct]; ok {
			t.Errorf("%s is linked directly, yet listed as related", direct)
		}
	}
	if len(queue.Related) > 5 {
		t.Errorf("%d related entries, at most 5", len(queue.Related))
	}
	// The theme outweighs the tag.
	if len(queue.Related) < 2 || queue.Related[0].Entry.ID != "insights/other" {
		t.Errorf("order: %v", queue.Related)
	}
}

// TestRelatedAfterEdits: after edits that keep what related entries are chosen
// from (a title) and edits that change it (themes), a rebuild's related entries,
// and the words of why, are those of a fresh build.
func TestRelatedAfterEdits(t *testing.T) {
	extra := "-- content/insights/other.md --\n---\ntitle: Another wait\nsummary: s\ndate: 2026-03-01\nkind: [broken]\ncustomer: c\nevidence: [{quote: q}]\nthemes: [Waiting]\ntags: [counter]\n---\nx\n" +
		"-- content/analogies/bus.md --\n---\ntitle: The bus stop\nsummary: s\ndate: 2026-02-02\ndomain: buses\ninsights: [queue, other]\nstatus: candidate\n---\nx\n"
	fsys := siteFS(minimalSite + extra)
	o := Options{Source: "site", FS: fsys, Today: today, Themes: os.DirFS("testdata/themes")}
	b := NewBuilder(o, NewMemSink())
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	related := func(res *Result) map[string]string {
		out := map[string]string{}
		for _, e := range res.Site.Entries {
			for _, r := range e.Related {
				out[e.ID] += r.Entry.ID + ": " + r.Why() + "\n"
			}
		}
		return out
	}
	for _, step := range []struct{ path, old, new, want string }{
		{"content/analogies/bus.md", "title: The bus stop", "title: The night bus", "“The night bus”"},
		{"content/insights/other.md", "themes: [Waiting]", "themes: [Waiting, hidden-rules]", "the themes"},
		{"content/analogies/bus.md", "insights: [queue, other]", "insights: [other]", ""},
	} {
		f := fsys[step.path]
		fsys[step.path] = &fstest.MapFile{Data: []byte(strings.Replace(string(f.Data), step.old, step.new, 1))}
		got, err := b.Rebuild(context.Background(), []string{step.path})
		if err != nil {
			t.Fatal(err)
		}
		want, err := NewBuilder(o, NewMemSink()).Build(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		g, w := related(got), related(want)
		if !maps.Equal(g, w) {
			t.Errorf("after %q: related entries of the rebuild\n%v\nof a fresh build\n%v", step.new, g, w)
		}
		if !strings.Contains(fmt.Sprint(g), step.want) {
			t.Errorf("after %q: the related entries do not say %q: %v", step.new, step.want, g)
		}
	}
}

// TestShareCardsKept: a build on disk keeps each card it draws in the site's
// resources/social/ and publishes that file; a later build publishes the kept file
// as it is, without drawing again; and a site whose cache folder cannot be made
// still gets its cards.
func TestShareCardsKept(t *testing.T) {
	src := t.TempDir()
	o := Options{Source: src, FS: siteFS(hiddenSite), Today: today, Themes: os.DirFS("testdata/themes"), StyleCache: true}
	build := func(dest string) []byte {
		t.Helper()
		o.Dest = dest
		if _, err := Build(context.Background(), o); err != nil {
			t.Fatal(err)
		}
		card, err := os.ReadFile(filepath.Join(dest, "insights", "queue", "share.png"))
		if err != nil {
			t.Fatalf("no card published: %v", err)
		}
		return card
	}
	card := build(filepath.Join(src, "out1"))
	kept, err := filepath.Glob(filepath.Join(src, "resources", "social", "*.png"))
	if err != nil || len(kept) == 0 {
		t.Fatalf("no card kept in resources/social: %v", err)
	}
	var own string
	for _, k := range kept {
		if data, _ := os.ReadFile(k); bytes.Equal(data, card) {
			own = k
		}
	}
	if own == "" || !bytes.HasPrefix(card, []byte("\x89PNG")) {
		t.Fatalf("the published card is not a PNG kept in resources/social (%d kept)", len(kept))
	}
	// A kept card stands for the drawing: what the file holds is what is published.
	marked := append(bytes.Clone(card), "kept"...)
	if err := os.WriteFile(own, marked, 0o644); err != nil {
		t.Fatal(err)
	}
	if got := build(filepath.Join(src, "out2")); !bytes.Equal(got, marked) {
		t.Error("a later build drew the card again instead of publishing the kept one")
	}

	// resources is a file: nothing can be kept, the cards are drawn all the same.
	src2 := t.TempDir()
	if err := os.WriteFile(filepath.Join(src2, "resources"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	o.Source = src2
	if got := build(filepath.Join(src2, "out")); !bytes.Equal(got, card) {
		t.Error("without a cache the card differs from the one drawn with it")
	}
}
