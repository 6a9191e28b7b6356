package builder

import (
	"hash/maphash"
	"strings"
)

// output is one file the build writes. Pages are rendered from a layout; other
// outputs (feeds, sitemap, redirects) from a function.
type output struct {
	path   string   // relative to the destination: "insights/x/index.html"
	url    string   // site-relative URL, for collisions and messages
	layout []string // candidate layouts, first found wins
	page   *Page
	gen    func() ([]byte, error)
	key    uint64 // hash of every input; equal keys render equal bytes
	source string // what the output is rendered from, for messages
	pos    Pos    // where its URL was declared (aliases), for collisions
}

// keyer hashes the inputs of one output. It mixes whole words rather than bytes:
// keys only have to tell, within one process, whether an output's inputs changed,
// and a dev-server rebuild computes some ten thousand of them.
type keyer struct {
	seed maphash.Seed
	h    uint64
}

func newKeyer(seed maphash.Seed, base uint64) *keyer {
	k := &keyer{seed: seed, h: 0x9e3779b97f4a7c15}
	return k.u64(base)
}

func (k *keyer) u64(v uint64) *keyer {
	// splitmix64's finaliser over the running state and the word.
	x := k.h ^ v
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	k.h = x + 0x9e3779b97f4a7c15
	return k
}

func (k *keyer) str(s string) *keyer { return k.u64(maphash.String(k.seed, s)) }

func (k *keyer) cards(l []*Entry) *keyer {
	k.u64(uint64(len(l)))
	for _, e := range l {
		k.u64(e.card)
	}
	return k
}

func (k *keyer) sum() uint64 { return k.h }

// outputs lists every file of the site but assets and copied files, each with its
// key. siteKey covers what every page shows (settings, today, asset names).
//
// An entry page depends on its own file and on the cards (front matter and summary)
// of the entries one or two links away, in either direction; a list, facet or term
// page on the cards of the entries it lists and on its section's facets (their
// values and counts); the home page, feeds and sitemap on every card. So a body
// edit re-renders one page, and a title edit the pages that show the title.
func outputs(s *Site, ts *templates, seed maphash.Seed, siteKey uint64) []*output {
	var outs []*output
	lkey := func(names []string) uint64 {
		for _, n := range names {
			if k, ok := ts.keys[n]; ok {
				return k
			}
		}
		return 0
	}
	page := func(p *Page, layout []string, key func(k *keyer)) {
		p.Site = s
		path := strings.TrimPrefix(p.URL, "/")
		if strings.HasSuffix(p.URL, "/") {
			path += "index.html"
		}
		k := newKeyer(seed, siteKey).u64(lkey(layout)).str(p.URL)
		key(k)
		outs = append(outs, &output{path: path, url: p.URL, layout: layout, page: p, key: k.sum()})
	}

	nearKeys(s)
	// All the cards, for the pages that summarise the whole playbook.
	all := newKeyer(seed, 0).cards(s.Entries).u64(uint64(s.Today.Unix()))
	allCards := all.sum()

	intro := uint64(0)
	if s.Intro != nil {
		intro = s.Intro.hash
	}
	page(&Page{Kind: "home", Title: s.Title, Description: s.Description, URL: "/"}, []string{"home.html"},
		func(k *keyer) { k.u64(allCards).u64(intro) })

	for _, sec := range s.Sections {
		introHash := uint64(0)
		if sec.Intro != nil {
			introHash = sec.Intro.hash
		}
		desc := ""
		if sec.Intro != nil {
			desc = sec.Intro.Summary
		}
		title := sec.Title
		if sec.Intro != nil && sec.Intro.Title != "" {
			title = sec.Intro.Title
		}
		page(&Page{Kind: "list", Title: title, Description: desc, URL: sec.URL(), Section: sec, Entries: sec.Entries},
			[]string{sec.Name + "-list.html", "list.html"},
			func(k *keyer) { k.u64(introHash).cards(sec.Entries).u64(sec.shape) })
		for _, f := range sec.Facets {
			if f.Term != "" {
				continue
			}
			for _, v := range f.Values {
				page(&Page{Kind: "facet", Title: sec.Title + ": " + v.Name, URL: v.URL(), Section: sec, Facet: f, Value: v, Entries: v.Entries},
					[]string{"facet.html", "list.html"},
					func(k *keyer) { k.cards(v.Entries).u64(sec.shape) })
			}
		}
		for _, e := range sec.Entries {
			page(&Page{Kind: "entry", Title: e.Title, Description: e.Summary, URL: e.URL(), Entry: e},
				[]string{e.Type.Singular + ".html", "entry.html"},
				func(k *keyer) { entryKey(k, e) })
		}
	}

	for _, tx := range []struct {
		kind, title string
		terms       []*Term
	}{{"themes", "Themes", s.Themes}, {"tags", "Tags", s.Tags}} {
		page(&Page{Kind: "terms", Title: tx.title, URL: "/" + tx.kind + "/", Terms: tx.terms}, []string{"terms.html"},
			func(k *keyer) {
				for _, t := range tx.terms {
					k.str(t.Name).u64(uint64(len(t.Entries)))
				}
			})
		for _, t := range tx.terms {
			page(&Page{Kind: "term", Title: t.Name, URL: t.URL(), Term: t, Entries: t.Entries}, []string{"term.html"},
				func(k *keyer) { k.cards(t.Entries) })
		}
	}

	page(&Page{Kind: "actions", Title: "Actions", Description: "Every action from every session, by status, owner and due date.", URL: "/actions/", Actions: s.Actions},
		[]string{"actions.html"}, func(k *keyer) { k.cards(s.Section("sessions").Entries) })
	page(&Page{Kind: "pack", Title: "Facilitator pack", Description: "Every experience's run sheet, one per sheet of paper.", URL: "/pack/", Entries: s.Section("experiences").Entries},
		[]string{"pack.html"}, func(k *keyer) {
			for _, e := range s.Section("experiences").Entries {
				entryKey(k, e)
			}
		})
	page(&Page{Kind: "search", Title: "Search", URL: "/search/"}, []string{"search.html"}, func(k *keyer) {})
	page(&Page{Kind: "404", Title: "Page not found", URL: "/404.html", rootRelative: true}, []string{"404.html"}, func(k *keyer) {})

	for _, e := range s.Entries {
		for i, a := range e.Aliases {
			u := aliasURL(a)
			e := e
			outs = append(outs, &output{
				path: strings.TrimPrefix(u, "/") + "index.html", url: u, layout: []string{"alias.html"},
				page: &Page{Site: s, Kind: "alias", Title: e.Title, URL: u, Entry: e, Target: e.Permalink()},
				key:  newKeyer(seed, siteKey).u64(lkey([]string{"alias.html"})).str(u).str(e.URL()).str(e.Title).sum(),
				pos:  e.aliasPos[i], source: e.File,
			})
		}
	}

	gen := func(path string, fn func(*Site) ([]byte, error), key uint64) {
		outs = append(outs, &output{path: path, url: "/" + path, gen: func() ([]byte, error) { return fn(s) }, key: newKeyer(seed, siteKey).str(path).u64(key).sum()})
	}
	for _, fd := range s.Feeds {
		outs = append(outs,
			&output{path: fd.Atom()[1:], url: fd.Atom(), gen: func() ([]byte, error) { return atomFeed(s, fd) }, key: newKeyer(seed, siteKey).str(fd.Atom()).u64(allCards).sum()},
			&output{path: fd.JSON()[1:], url: fd.JSON(), gen: func() ([]byte, error) { return jsonFeed(s, fd) }, key: newKeyer(seed, siteKey).str(fd.JSON()).u64(allCards).sum()})
	}
	calendar := func(path string, sessions []*Entry) {
		outs = append(outs, &output{path: path, url: "/" + path, gen: func() ([]byte, error) { return icsCalendar(s, sessions), nil }, key: newKeyer(seed, siteKey).str(path).cards(sessions).sum()})
	}
	calendar("sessions/calendar.ics", s.State.Upcoming)
	for _, e := range s.Section("sessions").Entries {
		calendar(strings.TrimPrefix(e.URL(), "/")+"calendar.ics", []*Entry{e})
	}
	gen("sitemap.xml", sitemap, allCards)
	gen("_redirects", redirects, allCards)
	return append(outs, searchOutputs(s, seed)...)
}

// sectionShape hashes what a section's list and facet pages show besides their
// cards: the facets, their values and their counts.
func sectionShape(seed maphash.Seed, sec *Section) uint64 {
	k := newKeyer(seed, uint64(len(sec.Entries)))
	for _, f := range sec.Facets {
		k.str(f.Name)
		for _, v := range f.Values {
			k.str(v.Name).u64(uint64(len(v.Entries)))
		}
	}
	return k.sum()
}

// aliasURL makes an alias a directory URL: "old/x" → "/old/x/".
func aliasURL(a string) string {
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
func entryKey(k *keyer, e *Entry) {
	k.u64(e.hash)
	for _, l := range [][]*Entry{e.Insights, e.Surfaced, e.MirroredBy, e.AddressedBy, e.SurfacedIn, e.BuiltInto, e.RunIn, e.Mentions, e.MentionedIn, e.sessions} {
		k.u64(uint64(len(l)))
		for _, x := range l {
			k.u64(x.near)
		}
	}
	for _, x := range []*Entry{e.Analogy, e.Experience} {
		if x != nil {
			k.u64(x.near)
		}
	}
	k.u64(e.linked.key)
}

// nearKeys gives every entry the hash of its card and of the cards one step away
// that pages linking to it show beside it (its insights, its sessions, its
// analogy): entryKey then covers two steps by looking one step away.
func nearKeys(s *Site) {
	for _, e := range s.Entries {
		k := keyer{h: e.card}
		k.cards(e.Insights).cards(e.RunIn)
		if e.Analogy != nil {
			k.u64(e.Analogy.card)
		}
		e.near = k.sum()
	}
}
