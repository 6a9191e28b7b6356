package render

import (
	"github.com/playbookhq/playbook/builder/content"
	"github.com/playbookhq/playbook/builder/site"
)

// Slide is one slide of a presentation page: a session's outcomes for a town hall
// or a team meeting (/sessions/<slug>/present/), or the latest sessions'
// (/present/). Kind says which of the layout's slides it is: "title", "explored",
// "felt", "noticed", "ideas", "actions", "share", "session" (a session in brief,
// for /present/) or "end".
type Slide struct {
	Kind    string
	Title   string
	Session *site.Entry
	Items   []string           // felt, noticed, ideas
	Actions []*site.ActionItem // actions
	Share   []content.Share    // the share plan
	Entries []*site.Entry      // the insights explored
	Number  int                // from 1
	Of      int                // how many slides the page has
}

// How much a slide holds, so that it reads from the back of a room and prints on
// one landscape page.
const (
	slideQuotes  = 3
	slideItems   = 5
	slideActions = 5
	slideShares  = 5
	latestDecks  = 6 // sessions on /present/
)

// Slides are the page's slides, in order.
func (p *Page) Slides() []Slide {
	var out []Slide
	switch {
	case p.Kind == "present" && p.Entry != nil:
		out = sessionSlides(p.Entry)
	case p.Kind == "present":
		out = append(out, Slide{Kind: "title", Title: p.Title})
		for _, s := range p.Entries {
			out = append(out, Slide{Kind: "session", Title: s.Title, Session: s, Items: first(s.Felt, 2), Actions: first(s.ChainActions(), 3)})
		}
		out = append(out, Slide{Kind: "end", Title: "Every session, with what came of it"})
	}
	for i := range out {
		out[i].Number, out[i].Of = i+1, len(out)
	}
	return out
}

func sessionSlides(s *site.Entry) []Slide {
	out := []Slide{{Kind: "title", Title: s.Title, Session: s}}
	if x := s.Experience; x != nil && (len(x.Insights) > 0 || x.Analogy != nil) {
		out = append(out, Slide{Kind: "explored", Title: "What we explored", Session: s, Entries: x.Insights})
	}
	pages := func(kind, title string, items []string, size int) {
		for i := 0; i < len(items); i += size {
			t := title
			if i > 0 {
				t += ", continued"
			}
			out = append(out, Slide{Kind: kind, Title: t, Session: s, Items: items[i:min(i+size, len(items))]})
		}
	}
	pages("felt", "What people felt", s.Felt, slideQuotes)
	pages("noticed", "What people noticed", s.Noticed, slideQuotes)
	pages("ideas", "Ideas", s.Ideas, slideItems)
	actions := s.ChainActions()
	for i := 0; i < len(actions); i += slideActions {
		t := "Actions"
		if i > 0 {
			t += ", continued"
		}
		out = append(out, Slide{Kind: "actions", Title: t, Session: s, Actions: actions[i:min(i+slideActions, len(actions))]})
	}
	for i := 0; i < len(s.Share); i += slideShares {
		out = append(out, Slide{Kind: "share", Title: "How we will tell everyone", Session: s, Share: s.Share[i:min(i+slideShares, len(s.Share))]})
	}
	return append(out, Slide{Kind: "end", Title: "The whole session", Session: s})
}

func first[T any](l []T, n int) []T { return l[:min(n, len(l))] }
