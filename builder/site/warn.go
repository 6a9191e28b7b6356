package site

import (
	"time"

	"github.com/playbookhq/playbook/builder/content"
	"github.com/playbookhq/playbook/builder/diag"
	"github.com/playbookhq/playbook/builder/model"
)

// docWarnings are the warnings a document earns on its own, for one today.
type docWarnings struct {
	today time.Time
	list  diag.List
}

// recommended are the fields of each type the build warns about when missing.
var recommended = func() map[*model.Type][]model.Field {
	m := map[*model.Type][]model.Field{}
	for _, t := range model.Types {
		for _, f := range t.AllFields() {
			if f.Missing != "" {
				m[t] = append(m[t], f)
			}
		}
	}
	return m
}()

// warn reports what a complete playbook should have and this one lacks. Every
// document is checked, published or not. What a document earns on its own is kept
// (in kept, by place) while the document and today are the same.
func warn(set *content.Set, kept []perDoc, today time.Time) diag.List {
	var diags diag.List
	// The analogies that mirror each insight, for "a chosen analogy needs
	// alternatives": step 2 compares a range of options before choosing one.
	mirrors := map[string][]*content.Doc{}
	for _, d := range set.Docs {
		if d.Type.Name == "analogies" && !d.Broken {
			for _, r := range d.InsightRefs {
				if l := mirrors[r.Slug]; len(l) == 0 || l[len(l)-1] != d {
					mirrors[r.Slug] = append(l, d)
				}
			}
		}
	}
	for i, d := range set.Docs {
		if d.Broken {
			continue
		}
		w := kept[i].warnings
		if w == nil || !w.today.Equal(today) {
			w = &docWarnings{today: today, list: warnDoc(d, today)}
			kept[i].warnings = w
		}
		diags = append(diags, w.list...)
		if l := mirrors[d.Slug]; d.Type.Name == "insights" && len(l) == 1 && l[0].Status == "chosen" {
			diags.Warnf(d.Top, "the one analogy for this insight, %q, is already chosen: step 2 compares a range of options (add the others you considered, as candidate or set-aside)", l[0].Slug)
		}
	}
	return diags
}

// warnDoc is what one document lacks, judged on its own.
func warnDoc(d *content.Doc, today time.Time) diag.List {
	var diags diag.List
	for _, f := range recommended[d.Type] {
		if !d.Has(f.Key) {
			diags.Warnf(d.Top, "no %s: %s", f.Key, f.Missing)
		}
	}
	switch d.Type.Name {
	case "experiences":
		if d.Duration > 120 {
			diags.Warnf(d.At("duration"), "duration %s is over 2 h: the method keeps experiences to one or two hours", d.Duration)
		}
		if d.Debrief > 0 && d.Debrief < 30 {
			diags.Warnf(d.At("debrief"), "debrief %s is under 30 min: leave at least half an hour to talk it through", d.Debrief)
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
	return diags
}
