package render

import (
	"math/rand/v2"
	"testing"

	"github.com/playbookhq/playbook/builder/content"
	"github.com/playbookhq/playbook/builder/site"
)

// CountActions counts by binary search over the site's sorted actions: it must
// give what counting one by one gives, for every status and for none at all.
func TestCountActions(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 7, 100} {
		var l []*site.ActionItem
		for range n {
			l = append(l, &site.ActionItem{Action: content.Action{Status: []string{"open", "doing", "done"}[r.IntN(3)]}})
		}
		site.SortActions(l)
		p := &Page{Site: &site.Site{Actions: l}}
		for _, status := range []string{"open", "doing", "done", "unknown"} {
			want := 0
			for _, a := range l {
				if a.Status == status {
					want++
				}
			}
			if got := p.CountActions(status); got != want {
				t.Errorf("%d actions: CountActions(%q) = %d, counted %d", n, status, got, want)
			}
		}
	}
}
