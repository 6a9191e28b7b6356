package site

import (
	"github.com/playbookhq/playbook/builder/content"
	"github.com/playbookhq/playbook/builder/internal/work"
)

// derived is what a site's lists show (sections and their facets, themes and tags,
// actions, the state of the playbook, feeds) in a form that outlives a build:
// entries by their place in Site.Entries. It depends on the cards of the published
// entries alone (Site.CardsKey), so a build whose cards are all the same, as after
// a body edit, makes its lists from the last build's instead of sorting and
// grouping every entry again. Never written once made.
type derived struct {
	key      uint64
	entries  int
	sections []dSection
	themes   []dTerm
	tags     []dTerm
	actions  []dAction
	state    dState
	feeds    []dFeed
	related  [][]dRelated // by entry
	relKey   uint64       // what related was chosen from (relatedKey)
	mapOrder []int32
}

type (
	dSection struct {
		entries []int32
		facets  []dFacet
		shape   uint64
	}
	dFacet struct {
		name, title, term, url string
		ordered                bool
		values                 []dValue
	}
	dValue struct {
		name, slug, url string
		entries         []int32
	}
	dTerm struct {
		kind, name, slug string
		entries          []int32
	}
	dAction struct {
		action  content.Action
		session int32
		overdue bool
	}
	dState struct {
		unmirrored, unbuilt, neverRun, upcoming []int32
		open, overdue                           []int32 // in actions
	}
	dFeed struct {
		title, url string
		entries    []int32
	}
	dRelated struct {
		entry  int32
		whyKey uint64
		via    uint64 // what of why may change: the titles it names (viaKey)
	}
)

func indices(l []*Entry) []int32 {
	out := make([]int32, len(l))
	for i, e := range l {
		out[i] = int32(e.index)
	}
	return out
}

func (s *Site) pick(l []int32) []*Entry {
	if len(l) == 0 {
		return nil
	}
	out := make([]*Entry, len(l))
	for i, n := range l {
		out[i] = s.Entries[n]
	}
	return out
}

// freeze keeps the lists of a site that has them.
func freeze(s *Site) *derived {
	d := &derived{key: s.cardsKey, entries: len(s.Entries)}
	for _, sec := range s.Sections {
		ds := dSection{entries: indices(sec.Entries), shape: sec.Shape}
		for _, f := range sec.Facets {
			df := dFacet{name: f.Name, title: f.Title, term: f.Term, url: f.url, ordered: f.Ordered}
			for _, v := range f.Values {
				df.values = append(df.values, dValue{name: v.Name, slug: v.Slug, url: v.url, entries: indices(v.Entries)})
			}
			ds.facets = append(ds.facets, df)
		}
		d.sections = append(d.sections, ds)
	}
	for _, t := range s.Themes {
		d.themes = append(d.themes, dTerm{t.Kind, t.Name, t.Slug, indices(t.Entries)})
	}
	for _, t := range s.Tags {
		d.tags = append(d.tags, dTerm{t.Kind, t.Name, t.Slug, indices(t.Entries)})
	}
	at := make(map[*ActionItem]int32, len(s.Actions))
	for i, a := range s.Actions {
		at[a] = int32(i)
		d.actions = append(d.actions, dAction{a.Action, int32(a.Session.index), a.Overdue})
	}
	st := s.State
	d.state = dState{unmirrored: indices(st.Unmirrored), unbuilt: indices(st.Unbuilt), neverRun: indices(st.NeverRun), upcoming: indices(st.Upcoming)}
	for _, a := range st.OpenActions {
		d.state.open = append(d.state.open, at[a])
	}
	for _, a := range st.Overdue {
		d.state.overdue = append(d.state.overdue, at[a])
	}
	for _, f := range s.Feeds {
		d.feeds = append(d.feeds, dFeed{f.Title, f.URL, indices(f.Entries)})
	}
	d.mapOrder = indices(s.Map)
	d.related = make([][]dRelated, len(s.Entries))
	work.Small(len(s.Entries), func(i int) {
		e := s.Entries[i]
		if len(e.Related) > 0 {
			d.related[i] = make([]dRelated, len(e.Related))
			for j, r := range e.Related {
				d.related[i][j] = dRelated{int32(r.Entry.index), r.whyKey, viaKey(e, r.Entry)}
			}
		}
	})
	return d
}

// thaw gives a site, whose cards are those d was frozen with, the same lists made of
// its own entries.
func (d *derived) thaw(s *Site, set *content.Set) {
	for i, ds := range d.sections {
		t := typeAt(i)
		sec := &Section{Type: t, Intro: set.Sections[t.Name], Entries: s.pick(ds.entries), Shape: ds.shape}
		for _, df := range ds.facets {
			f := &Facet{Name: df.name, Title: df.title, Term: df.term, url: df.url, Ordered: df.ordered}
			for _, dv := range df.values {
				f.Values = append(f.Values, &FacetValue{Name: dv.name, Slug: dv.slug, url: dv.url, Entries: s.pick(dv.entries)})
			}
			if !f.Ordered {
				f.common = byCount(f.Values)
			}
			sec.Facets = append(sec.Facets, f)
		}
		s.Sections = append(s.Sections, sec)
	}
	terms := func(l []dTerm) []*Term {
		out := make([]*Term, len(l))
		for i, t := range l {
			out[i] = &Term{Kind: t.kind, Name: t.name, Slug: t.slug, Entries: s.pick(t.entries), site: s}
			out[i].byType = GroupByType(s, out[i].Entries)
		}
		return out
	}
	s.Themes, s.Tags = terms(d.themes), terms(d.tags)
	s.Actions = make([]*ActionItem, len(d.actions))
	for i, a := range d.actions {
		item := &ActionItem{Action: a.action, Session: s.Entries[a.session], Overdue: a.overdue}
		s.Actions[i] = item
		item.Session.actions = append(item.Session.actions, item)
	}
	items := func(l []int32) []*ActionItem {
		if len(l) == 0 {
			return nil
		}
		out := make([]*ActionItem, len(l))
		for i, n := range l {
			out[i] = s.Actions[n]
		}
		return out
	}
	s.State = State{Unmirrored: s.pick(d.state.unmirrored), Unbuilt: s.pick(d.state.unbuilt), NeverRun: s.pick(d.state.neverRun),
		Upcoming: s.pick(d.state.upcoming), OpenActions: items(d.state.open), Overdue: items(d.state.overdue)}
	s.Feeds = make([]*Feed, len(d.feeds))
	for i, f := range d.feeds {
		s.Feeds[i] = &Feed{Title: f.title, URL: f.url, Entries: s.pick(f.entries)}
	}
	s.Map = s.pick(d.mapOrder)
	// Each entry's related entries, on both cores.
	work.Small(len(d.related), func(i int) {
		if l := d.related[i]; len(l) > 0 {
			rel := make([]Related, len(l))
			for j, r := range l {
				rel[j] = Related{Entry: s.Entries[r.entry], Of: s.Entries[i], whyKey: r.whyKey}
			}
			s.Entries[i].Related = rel
		}
	})
}
