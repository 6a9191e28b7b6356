package site

import (
	"time"

	"github.com/playbookhq/playbook/builder/content"
	"github.com/playbookhq/playbook/builder/diag"
)

// warn reports what a complete playbook should have and this one lacks. Every
// document is checked, published or not.
func warn(set *content.Set, ix index, today time.Time) diag.List {
	var diags diag.List
	// Which analogies share an insight, for "a chosen analogy needs alternatives".
	mirrors := map[string]int{}
	for _, d := range set.Docs {
		if d.Type.Name == "analogies" && !d.Broken {
			seen := map[string]bool{}
			for _, r := range d.InsightRefs {
				if !seen[r.Slug] {
					mirrors[r.Slug]++
					seen[r.Slug] = true
				}
			}
		}
	}
	for _, d := range set.Docs {
		if d.Broken {
			continue
		}
		for _, f := range d.Type.AllFields() {
			if f.Missing == "" || d.Has(f.Key) {
				continue
			}
			diags.Warnf(d.Top, "no %s: %s", f.Key, f.Missing)
		}
		switch d.Type.Name {
		case "experiences":
			if d.Duration > 120 {
				diags.Warnf(d.At("duration"), "duration %s is over 2 h: the method keeps experiences to one or two hours", d.Duration)
			}
			if d.Debrief > 0 && d.Debrief < 30 {
				diags.Warnf(d.At("debrief"), "debrief %s is under 30 min: leave at least half an hour to talk it through", d.Debrief)
			}
		case "analogies":
			if d.Status == "chosen" {
				shared := false
				for _, r := range d.InsightRefs {
					if mirrors[r.Slug] > 1 {
						shared = true
					}
				}
				if !shared && len(d.InsightRefs) > 0 {
					diags.Warnf(d.At("status"), "chosen analogy shares no insight with any other analogy: the method compares several options for a problem")
				}
			}
		case "sessions":
			if !d.Date.IsZero() && d.Date.Before(today) {
				if len(d.Actions) == 0 {
					diags.Warnf(d.At("date"), "the session has run (%s) but records no actions", d.Date.Format(time.DateOnly))
				}
				if len(d.Share) == 0 {
					diags.Warnf(d.At("date"), "the session has run (%s) but has no share plan", d.Date.Format(time.DateOnly))
				}
			}
			for _, a := range d.Actions {
				if !a.Due.IsZero() && a.Due.Before(today) && !a.Done() {
					diags.Warnf(a.Pos, "action %q was due %s and is not done", content.Shorten(a.Action, 60), a.Due.Format(time.DateOnly))
				}
			}
		}
	}
	return diags
}
