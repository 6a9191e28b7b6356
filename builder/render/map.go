package render

import (
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
