package render

import (
	"strings"
	"sync"

	"github.com/playbookhq/playbook/builder/diag"
	"github.com/playbookhq/playbook/builder/internal/keys"
	"github.com/playbookhq/playbook/builder/internal/work"
	"github.com/playbookhq/playbook/builder/site"
)

// Output is one file the build writes. Pages are rendered from a layout; other
// outputs (feeds, sitemap, redirects, the search index) from a function or from
// bytes made already.
type Output struct {
	Path   string   // relative to the destination: "insights/x/index.html"
	URL    string   // site-relative URL, for collisions and messages
	Layout []string // candidate layouts, first found wins
	Page   *Page
	Gen    func() ([]byte, error)
	Data   []byte
	Key    uint64   // hash of every input; equal keys render equal bytes
	Source string   // what declared the output, for messages ("content/insights/x.md")
	Pos    diag.Pos // where its URL was declared (aliases), for collisions
}

// optionalLayouts are layouts a theme may leave out: their pages are then not
// made (they came after themes that predate them).
var optionalLayouts = map[string]bool{"values.html": true, "map.html": true, "present.html": true}

// Owner names what makes the output, for messages.
func (o *Output) Owner() string {
	switch {
	case o.Source != "":
		return o.Source
	case o.Page != nil && o.Page.Entry != nil:
		return o.Page.Entry.File
	case o.Page != nil:
		return "the " + o.Page.Kind + " " + o.URL + " page"
	}
	return "the " + o.URL + " page"
}

// Outputs lists every file of the site but assets, copied files and the search
// index, each with its key. siteKey covers what every page shows (settings, asset
// names, the build's options) but the day: a page whose templates name Today or
// Year adds it (Templates.day), and so do the pages that show it (home, the pack,
// the latest slides: Page.AsOf) and empty feeds, which are stamped with it. What entries show that follows from the day (a session that has run,
// overdue actions) is in their cards.
//
// An entry page depends on its own file and on the cards (front matter and summary)
// of the entries one or two links away, in either direction; a list, facet or term
// page on the cards of the entries it lists and on its section's facets (their
// values and counts); the home page, feeds and sitemap on every card. So a body
// edit re-renders one page, and a title edit the pages that show the title.
func Outputs(s *site.Site, ts *Templates, siteKey uint64) []*Output {
	// Every entry has a page; the rest are a few per section, facet value and term.
	n := len(s.Entries) + len(s.Themes) + len(s.Tags) + 64
	for _, sec := range s.Sections {
		for _, f := range sec.Facets {
			n += len(f.Values)
		}
	}
	ck := newCardKeys(s, ts.Counts)
	near := nearKeys(s, ck)
	// Every entry's key, on both cores: entry pages, presentations and the pack
	// start from it.
	ek := make([]uint64, len(s.Entries))
	work.Small(len(s.Entries), func(i int) {
		ek[i] = entryKey(keys.New(0), s.Entries[i], near, ck).Sum()
	})
	// All the cards, for the pages that summarise the whole playbook.
	allCards := ck.of(keys.New(0), s.Entries).Sum()
	today := uint64(s.Today.Unix())

	intro := uint64(0)
	if s.Intro != nil {
		intro = s.Intro.Hash
	}
	// The sections' pages on one core and the other pages on the other, joined in
	// that order, the order the files have always been listed in.
	newList := func(n int) *outList {
		return &outList{s: s, ts: ts, siteKey: siteKey, store: make([]Output, 0, n), layouts: map[string]layoutOf{}}
	}
	// Terms, actions, the map, presentations, the pack, aliases, feeds, calendars.
	otherPages := func(l *outList) {
		for _, tx := range []struct {
			kind, title string
			terms       []*site.Term
		}{{"themes", "Themes", s.Themes}, {"tags", "Tags", s.Tags}} {
			k := keys.New(0)
			for _, t := range tx.terms {
				k = k.Str(t.Name).U64(uint64(len(t.Entries)))
			}
			l.page(&Page{Kind: "terms", Title: tx.title, URL: "/" + tx.kind + "/", Terms: tx.terms}, []string{"terms.html"}, k)
			for _, t := range tx.terms {
				parts, pagers := chunks(t.URL(), t.Entries, PageSize)
				for i, part := range parts {
					pg := pagers[i]
					l.page(&Page{Kind: "term", Title: t.Name, URL: pg.URLOf(pg.Number), Term: t, Entries: part, Pager: pg}, []string{"term.html"},
						pagerKey(ck.of(keys.New(0), part), pg))
				}
			}
		}

		sessions, experiences := s.Section("sessions").Entries, s.Section("experiences").Entries
		actionParts, actionPagers := chunks("/actions/", s.Actions, ActionsPageSize)
		// Once: every page of actions shows from all sessions, with their counts of
		// days overdue.
		sessionCards := ck.of(keys.New(0), sessions)
		for _, e := range sessions {
			sessionCards = sessionCards.U64(e.OverdueKey)
		}
		for i, part := range actionParts {
			pg := actionPagers[i]
			l.page(&Page{Kind: "actions", Title: "Actions", Description: "Every action from every session, by status, owner and due date.", URL: pg.URLOf(pg.Number), Actions: part, Pager: pg},
				[]string{"actions.html"}, pagerKey(sessionCards, pg))
		}
		if insights := s.Section("insights"); insights != nil && len(insights.Entries) > 0 {
			parts, pagers := chunks("/map/", s.Map, MapPageSize)
			for i, part := range parts {
				pg := pagers[i]
				l.page(&Page{Kind: "map", Title: "Map of the playbook", Description: "Every insight, by theme, and how far along the chain it has got.",
					URL: pg.URLOf(pg.Number), Section: insights, Entries: part, Groups: mapGroups(part), Pager: pg},
					[]string{"map.html"}, pagerKey(ck.of(keys.New(insights.Shape), part), pg))
			}
		}
		// Presentations: each session's outcomes as slides, and the latest sessions'.
		var latest []*site.Entry
		presentKey := keys.New(0)
		for _, e := range sessions {
			l.page(&Page{Kind: "present", Title: e.Title, Description: "What came of the session, as slides.", URL: e.URL + "present/", Entry: e},
				[]string{"present.html"}, keys.New(ek[e.Index()]))
			if e.HasRun() && len(latest) < latestDecks {
				latest = append(latest, e)
				presentKey = presentKey.U64(ek[e.Index()])
			}
		}
		if len(latest) > 0 {
			l.page(&Page{Kind: "present", Title: "The latest sessions", Description: "What came of the latest sessions, as slides.", URL: "/present/", Entries: latest, dated: true},
				[]string{"present.html"}, presentKey)
		}
		pack := keys.New(0)
		for _, e := range experiences {
			pack = pack.U64(ek[e.Index()])
		}
		l.page(&Page{Kind: "pack", Title: "Facilitator pack", Description: "Every experience's run sheet, one per sheet of paper.", URL: "/pack/", Entries: experiences, dated: true},
			[]string{"pack.html"}, pack)
		l.page(&Page{Kind: "search", Title: "Search", URL: "/search/"}, []string{"search.html"}, keys.New(0))
		l.page(&Page{Kind: "404", Title: "Page not found", URL: "/404.html", rootRelative: true}, []string{"404.html"}, keys.New(0))

		aliasLayout := []string{"alias.html"}
		aliasDay, aliasDated := ts.day(aliasLayout, s.Today)
		for _, e := range s.Entries {
			for i, a := range e.Aliases {
				u := AliasURL(a)
				l.outs = append(l.outs, &Output{
					Path: strings.TrimPrefix(u, "/") + "index.html", URL: u, Layout: aliasLayout,
					Page: &Page{Site: s, Kind: "alias", Title: e.Title, URL: u, Entry: e, Target: e.Permalink, dated: aliasDated},
					Key:  keys.New(siteKey).U64(ts.layoutKey(aliasLayout)).U64(aliasDay).Str(u).Str(e.URL).Str(e.Title).Sum(),
					Pos:  e.Doc().AliasPos[i], Source: e.File,
				})
			}
		}

		gen := func(path string, fn func() ([]byte, error), key uint64) {
			l.outs = append(l.outs, &Output{Path: path, URL: "/" + path, Gen: fn, Key: keys.New(siteKey).Str(path).U64(key).Sum()})
		}
		for _, fd := range s.Feeds {
			// A feed shows the cards of its entries; an empty one says it was
			// updated today.
			fk := ck.of(keys.New(0).Str(fd.Title).Str(fd.URL), fd.Entries)
			if len(fd.Entries) == 0 {
				fk = fk.U64(today)
			}
			gen(fd.Atom()[1:], func() ([]byte, error) { return atomFeed(s, fd) }, fk.Sum())
			gen(fd.JSON()[1:], func() ([]byte, error) { return jsonFeed(s, fd) }, fk.Sum())
		}
		calendar := func(path string, sessions []*site.Entry) {
			gen(path, func() ([]byte, error) { return icsCalendar(s, sessions), nil }, ck.of(keys.New(0), sessions).Sum())
		}
		calendar("sessions/calendar.ics", s.State.Upcoming)
		for _, e := range sessions {
			calendar(strings.TrimPrefix(e.URL, "/")+"calendar.ics", []*site.Entry{e})
		}
		if n := sitemapSize(s); n <= SitemapLimit {
			gen("sitemap.xml", func() ([]byte, error) { return sitemapPart(s, 0) }, allCards)
		} else {
			parts := (n + SitemapLimit - 1) / SitemapLimit
			gen("sitemap.xml", func() ([]byte, error) { return sitemapIndex(s, parts) }, allCards)
			for i := range parts {
				gen(sitemapPartPath(i+1), func() ([]byte, error) { return sitemapPart(s, i*SitemapLimit) }, allCards)
			}
		}
		gen("_redirects", func() ([]byte, error) { return redirects(s) }, allCards)
	}
	// The home page, then each section's lists, facets and entries.
	sectionPages := func(l *outList) {
		l.page(&Page{Kind: "home", Title: s.Title, Description: s.Description, URL: "/", dated: true}, []string{"home.html"},
			keys.New(allCards).U64(intro))

		for _, sec := range s.Sections {
			introHash := uint64(0)
			desc, title := "", sec.Title
			if sec.Intro != nil {
				introHash = sec.Intro.Hash
				desc = sec.Intro.Summary
				if sec.Intro.Title != "" {
					title = sec.Intro.Title
				}
			}
			parts, pagers := chunks(sec.URL(), sec.Entries, PageSize)
			for i, part := range parts {
				pg := pagers[i]
				l.page(&Page{Kind: "list", Title: title, Description: desc, URL: pg.URLOf(pg.Number), Section: sec, Entries: part, Pager: pg},
					[]string{sec.Name + "-list.html", "list.html"},
					pagerKey(ck.of(keys.New(introHash), part).U64(sec.Shape), pg))
			}
			for _, f := range sec.Facets {
				if f.Term != "" {
					continue
				}
				vk := keys.New(sec.Shape)
				parts, pagers := chunks(f.URL(), f.Values, ValuesPageSize)
				for i, part := range parts {
					pg := pagers[i]
					l.page(&Page{Kind: "values", Title: sec.Title + " by " + strings.ToLower(f.Title), URL: pg.URLOf(pg.Number), Section: sec, Facet: f, Values: part, Pager: pg},
						[]string{"values.html"}, pagerKey(vk, pg))
				}
				for _, v := range f.Values {
					if !v.HasPage() {
						continue
					}
					parts, pagers := chunks(v.URL(), v.Entries, PageSize)
					for i, part := range parts {
						pg := pagers[i]
						l.page(&Page{Kind: "facet", Title: sec.Title + ": " + v.Name, URL: pg.URLOf(pg.Number), Section: sec, Facet: f, Value: v, Entries: part, Pager: pg},
							[]string{"facet.html", "list.html"},
							pagerKey(ck.of(keys.New(0), part).U64(sec.Shape), pg))
					}
				}
			}
			layout := entryLayout(sec.Singular)
			pages := make([]Page, len(sec.Entries))
			for i, e := range sec.Entries {
				pages[i] = entryPage(e)
				l.page(&pages[i], layout, dayCounts(keys.New(ek[e.Index()]), e))
			}
		}

	}
	a, b := newList(n), newList(len(s.Themes)+len(s.Tags)+len(s.Entries)/4+64)
	var wg sync.WaitGroup
	wg.Go(func() { otherPages(b) })
	sectionPages(a)
	wg.Wait()
	return append(a.outs, b.outs...)
}

// entryPage is the page of an entry, and entryLayout its layouts, by the singular
// name of its type.
func entryPage(e *site.Entry) Page {
	return Page{Kind: "entry", Title: e.Title, Description: e.Summary, URL: e.URL, Entry: e}
}

func entryLayout(singular string) []string { return []string{singular + ".html", "entry.html"} }

// EntryPages lists the pages of some entries of s as Outputs lists them, without
// keys: for Renderer.Ahead.
func EntryPages(s *site.Site, ts *Templates, entries []*site.Entry) []*Output {
	l := &outList{s: s, ts: ts, store: make([]Output, 0, len(entries)), layouts: map[string]layoutOf{}}
	pages := make([]Page, len(entries))
	for i, e := range entries {
		pages[i] = entryPage(e)
		l.page(&pages[i], entryLayout(e.TypeOf), keys.New(0))
	}
	return l.outs
}

// pagerKey adds where a page sits in its list to its key.
func pagerKey(k keys.Keyer, p *Pager) keys.Keyer {
	return k.U64(uint64(p.Number)).U64(uint64(p.Count)).U64(uint64(p.Total))
}

// cardKeys are the keys of what the entries' cards show, by entry index: their
// CardKey, and their counts of days when the theme's templates name DaysUntil or
// DaysOverdue (Templates.Counts), since any card may then show them.
type cardKeys []uint64

func newCardKeys(s *site.Site, counts bool) cardKeys {
	ck := make(cardKeys, len(s.Entries))
	for i, e := range s.Entries {
		ck[i] = e.CardKey
		if counts {
			ck[i] = keys.New(e.CardKey).U64(uint64(e.DaysUntil())).U64(e.OverdueKey).Sum()
		}
	}
	return ck
}

// of adds the cards of l to k.
func (ck cardKeys) of(k keys.Keyer, l []*site.Entry) keys.Keyer {
	k = k.U64(uint64(len(l)))
	for _, e := range l {
		k = k.U64(ck[e.Index()])
	}
	return k
}

// AliasURL makes an alias a directory URL: "old/x" → "/old/x/".
func AliasURL(a string) string {
	a = strings.TrimSuffix(a, "index.html")
	if !strings.HasPrefix(a, "/") {
		a = "/" + a
	}
	if !strings.HasSuffix(a, "/") {
		a += "/"
	}
	return a
}

// entryKey covers what an entry page shows: its own file, and the cards of every
// entry it links to, in either direction, one step and two steps away.
func entryKey(k keys.Keyer, e *site.Entry, near []uint64, ck cardKeys) keys.Keyer {
	k = k.U64(e.Doc().Hash).U64(ck[e.Index()])
	for _, l := range [][]*site.Entry{e.Insights, e.Surfaced, e.MirroredBy, e.AddressedBy, e.SurfacedIn, e.BuiltInto, e.RunIn, e.Mentions, e.MentionedIn, e.Sessions()} {
		k = k.U64(uint64(len(l)))
		for _, x := range l {
			k = k.U64(near[x.Index()])
		}
	}
	for _, x := range []*site.Entry{e.Analogy, e.Experience} {
		if x != nil {
			k = k.U64(near[x.Index()])
		}
	}
	for _, r := range e.Related {
		k = k.U64(ck[r.Entry.Index()]).U64(r.WhyKey())
	}
	return k.U64(e.LinksKey())
}

// dayCounts adds to an entry page's key the counts of days it may show (Page.DaysLeft
// and Page.OverdueBy): until the entry's date, and past the due dates of the actions
// of its sessions (itself, or those of its chain).
func dayCounts(k keys.Keyer, e *site.Entry) keys.Keyer {
	k = k.U64(uint64(e.DaysUntil())).U64(e.OverdueKey)
	for _, x := range e.Sessions() {
		k = k.U64(x.OverdueKey)
	}
	return k
}

// nearKeys gives every entry the hash of its card and of the cards one step away
// that pages linking to it show beside it (its insights, its sessions, its
// analogy): entryKey then covers two steps by looking one step away.
func nearKeys(s *site.Site, ck cardKeys) []uint64 {
	near := make([]uint64, len(s.Entries))
	for i, e := range s.Entries {
		k := ck.of(ck.of(keys.New(ck[i]), e.Insights), e.RunIn)
		if e.Analogy != nil {
			k = k.U64(ck[e.Analogy.Index()])
		}
		near[i] = k.Sum()
	}
	return near
}

// layoutOf is what a layout adds to its pages' keys: its own key, and its share of
// the date (Templates.day).
type layoutOf struct {
	key, day uint64
	dated    bool
}

// outList gathers outputs with their keys: Outputs fills two at once.
type outList struct {
	s       *site.Site
	ts      *Templates
	siteKey uint64
	outs    []*Output
	store   []Output            // one allocation for the pages' outputs
	layouts map[string]layoutOf // by the first name of a page's layouts
}

// page adds a page with its layouts, unless the theme lacks an optional layout.
func (l *outList) page(p *Page, layout []string, key keys.Keyer) {
	if optionalLayouts[layout[len(layout)-1]] {
		if _, set := l.ts.lookup(layout...); set == nil {
			return
		}
	}
	p.Site = l.s
	path := p.URL[1:]
	if strings.HasSuffix(p.URL, "/") {
		path += "index.html"
	}
	lo, ok := l.layouts[layout[0]]
	if !ok {
		lo.key = l.ts.layoutKey(layout)
		lo.day, lo.dated = l.ts.day(layout, l.s.Today)
		l.layouts[layout[0]] = lo
	}
	day := lo.day
	if p.dated = p.dated || lo.dated; p.dated {
		day = uint64(l.s.Today.Unix())
	}
	k := keys.New(l.siteKey).U64(lo.key).U64(day).Str(p.URL).U64(key.Sum())
	if len(l.store) == cap(l.store) {
		l.store = make([]Output, 0, 64)
	}
	l.store = append(l.store, Output{Path: path, URL: p.URL, Layout: layout, Page: p, Key: k.Sum()})
	l.outs = append(l.outs, &l.store[len(l.store)-1])
}
