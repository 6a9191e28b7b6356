package render

import (
	"cmp"
	"slices"
	"strings"

	"github.com/playbookhq/playbook/builder/site"
)

// MapPageSize is how many insights a page of the map shows.
const MapPageSize = 100

// MapGroup is a theme's insights on a page of the map; Theme is "" for those with
// none.
type MapGroup struct {
	Theme   string
	URL     string // the theme's page
	Entries []*site.Entry
}

// mapOrder orders insights for the map: by their first theme, those without one
// last, then by how far they have got (the chain's gaps first), then by title.
func mapOrder(l []*site.Entry) []*site.Entry {
	// The keys are found once an entry, not once a comparison.
	type keyed struct {
		e     *site.Entry
		first string
		step  int
	}
	ks := make([]keyed, len(l))
	for i, e := range l {
		ks[i] = keyed{e, "\uffff", e.ProgressStep()}
		if len(e.Themes) > 0 {
			ks[i].first = strings.ToLower(e.Themes[0])
		}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int {
		return cmp.Or(strings.Compare(a.first, b.first), a.step-b.step, strings.Compare(a.e.Title, b.e.Title))
	})
	out := make([]*site.Entry, len(ks))
	for i, k := range ks {
		out[i] = k.e
	}
	return out
}

// mapGroups cuts a page of the map into runs of one first theme.
func mapGroups(l []*site.Entry) []MapGroup {
	var out []MapGroup
	for _, e := range l {
		name := ""
		if len(e.Themes) > 0 {
			name = e.Themes[0]
		}
		if n := len(out); n == 0 || !strings.EqualFold(out[n-1].Theme, name) {
			g := MapGroup{Theme: name}
			if name != "" {
				g.URL = "/themes/" + site.TermSlug(name) + "/"
			}
			out = append(out, g)
		}
		out[len(out)-1].Entries = append(out[len(out)-1].Entries, e)
	}
	return out
}
