package builder

import (
	"html/template"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/playbookhq/playbook/builder/mdext"
)

// View helpers used by the default theme. Everything here reads what a page already
// depends on (its own entries, the entries one or two links away, the actions and
// today), so the render cache in pages.go stays correct.

// SectionName is the type whose section the page belongs to ("insights"): its
// list page, a facet page of it, or one of its entries; "" for other pages. The
// header uses it to mark where you are.
func (p *Page) SectionName() string {
	switch {
	case p.Section != nil:
		return p.Section.Name
	case p.Entry != nil && p.Kind == "entry":
		return p.Entry.Type.Name
	}
	return ""
}

var (
	headingTagRe = regexp.MustCompile(`<(/?)h([1-5])([ >])`)
	idAttrRe     = regexp.MustCompile(` (id|href)="(#?)`)
)

// ScopedBody is an entry's body for a page that shows several bodies (the pack):
// every id is prefixed with the entry's slug so that ids stay unique on the page,
// links to the body's own headings follow, and headings move one level down so they
// sit under the entry's title.
func (p *Page) ScopedBody(e *Entry) template.HTML {
	if e == nil {
		return ""
	}
	src := string(p.Body(e))
	prefix := e.Slug + "-"
	src = idAttrRe.ReplaceAllStringFunc(src, func(m string) string {
		sub := idAttrRe.FindStringSubmatch(m)
		switch {
		case sub[1] == "id":
			return ` id="` + prefix
		case sub[2] == "#":
			return ` href="#` + prefix
		}
		return m
	})
	src = headingTagRe.ReplaceAllStringFunc(src, func(m string) string {
		sub := headingTagRe.FindStringSubmatch(m)
		return "<" + sub[1] + "h" + string(rune(sub[2][0]+1)) + sub[3]
	})
	return template.HTML(src)
}

// EntryGroup is a type's share of a list of entries.
type EntryGroup struct {
	Section *Section
	Entries []*Entry
}

// groupByType splits entries by type, in the method's order, keeping their order
// within each type.
func groupByType(s *Site, l []*Entry) []EntryGroup {
	var out []EntryGroup
	for _, sec := range s.Sections {
		var keep []*Entry
		for _, e := range l {
			if e.Type == sec.Type {
				keep = append(keep, e)
			}
		}
		if len(keep) > 0 {
			out = append(out, EntryGroup{Section: sec, Entries: keep})
		}
	}
	return out
}

// EntriesByType groups the page's entries by type (theme and tag pages).
func (p *Page) EntriesByType() []EntryGroup { return groupByType(p.Site, p.Entries) }

// ByType groups a theme's or tag's entries by type (the index of themes and tags).
func (t *Term) ByType() []EntryGroup {
	if len(t.Entries) == 0 {
		return nil
	}
	return groupByType(t.Entries[0].site, t.Entries)
}

// ActionsWith returns the page's actions with one status: open, doing or done.
func (p *Page) ActionsWith(status string) []*ActionItem {
	var out []*ActionItem
	for _, a := range p.Actions {
		if a.Status == status {
			out = append(out, a)
		}
	}
	return out
}

// OwnerActions sums up one owner's actions.
type OwnerActions struct {
	Owner                      string // "" for actions nobody owns
	Open, Doing, Done, Overdue int
	Items                      []*ActionItem
}

// ActionOwners sums up the page's actions per owner, by owner name; actions without
// an owner come last.
func (p *Page) ActionOwners() []*OwnerActions {
	by := map[string]*OwnerActions{}
	var out []*OwnerActions
	for _, a := range p.Actions {
		o := by[a.Owner]
		if o == nil {
			o = &OwnerActions{Owner: a.Owner}
			by[a.Owner] = o
			out = append(out, o)
		}
		o.Items = append(o.Items, a)
		switch a.Status {
		case "done":
			o.Done++
		case "doing":
			o.Doing++
		default:
			o.Open++
		}
		if a.Overdue {
			o.Overdue++
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if (out[i].Owner == "") != (out[j].Owner == "") {
			return out[j].Owner == ""
		}
		return strings.ToLower(out[i].Owner) < strings.ToLower(out[j].Owner)
	})
	return out
}

// DaysOverdue is how many days past its due date an overdue action is; 0 otherwise.
func (a *ActionItem) DaysOverdue() int {
	if !a.Overdue || a.Session == nil || a.Session.site == nil {
		return 0
	}
	return daysBetween(a.Due, a.Session.site.Today)
}

// DaysUntil is how many days remain before an entry's date (an upcoming session);
// 0 for today or the past.
func (e *Entry) DaysUntil() int {
	if e.site == nil {
		return 0
	}
	return max(0, daysBetween(e.site.Today, e.Date))
}

// daysBetween counts calendar days from a to b.
func daysBetween(a, b time.Time) int {
	da := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	db := time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	return int(db.Sub(da).Hours() / 24)
}

// TotalTime is the time an experience takes with the group: the experience itself
// and its debrief, without the set-up.
func (e *Entry) TotalTime() Duration { return e.Duration + e.Debrief }

// Outline lists the body's top-level headings (the highest level it uses), for an
// "On this page" list.
func (e *Entry) Outline() []mdext.Heading {
	hs := e.Headings()
	top := 7
	for _, h := range hs {
		top = min(top, h.Level)
	}
	var out []mdext.Heading
	for _, h := range hs {
		if h.Level == top {
			out = append(out, h)
		}
	}
	return out
}

// FirstActions returns at most n of the actions, for short previews.
func (p *Page) FirstActions(n int, l []*ActionItem) []*ActionItem { return l[:max(0, min(n, len(l)))] }
