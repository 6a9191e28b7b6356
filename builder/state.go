package builder

import (
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/playbookhq/playbook/builder/mdext"
)

// warn reports what a complete playbook should have and this one lacks. Every
// document is checked, published or not.
func warn(c *content, byType map[*Type]map[string]*Entry, today time.Time, diags *Diagnostics) {
	// Which analogies share an insight, for "a chosen analogy needs alternatives".
	mirrors := map[string]int{}
	for _, d := range c.docs {
		if d.Type == typeAnalogy && !d.broken {
			seen := map[string]bool{}
			for _, r := range d.insightRefs {
				if !seen[r.Slug] {
					mirrors[r.Slug]++
					seen[r.Slug] = true
				}
			}
		}
	}
	for _, d := range c.docs {
		if d.broken {
			continue
		}
		if !d.summaryFromKey {
			diags.warnf(d.top, "no summary: listings and share cards will use the first paragraph")
		}
		if d.Date.IsZero() && d.Type != typePage && d.Type != typeSession {
			diags.warnf(d.top, "no date: feeds and \"recent\" lists order entries by it")
		}
		switch d.Type {
		case typeInsight:
			if len(d.Evidence) == 0 {
				diags.warnf(d.top, "no evidence: an insight says what supports it")
			}
		case typeExperience:
			if d.Duration > 120 {
				diags.warnf(d.keyPos("duration"), "duration %s is over 2 h: the method keeps experiences to one or two hours", d.Duration)
			}
			if d.Debrief > 0 && d.Debrief < 30 {
				diags.warnf(d.keyPos("debrief"), "debrief %s is under 30 min: leave at least half an hour to talk it through", d.Debrief)
			}
		case typeAnalogy:
			if d.Status == "chosen" {
				shared := false
				for _, r := range d.insightRefs {
					if mirrors[r.Slug] > 1 {
						shared = true
					}
				}
				if !shared && len(d.insightRefs) > 0 {
					diags.warnf(d.keyPos("status"), "chosen analogy shares no insight with any other analogy: the method compares several options for a problem")
				}
			}
		case typeSession:
			if !d.Date.IsZero() && d.Date.Before(today) {
				if len(d.Actions) == 0 {
					diags.warnf(d.datePos, "the session has run (%s) but records no actions", d.Date.Format(time.DateOnly))
				}
				if len(d.Share) == 0 {
					diags.warnf(d.datePos, "the session has run (%s) but has no share plan", d.Date.Format(time.DateOnly))
				}
			}
			for _, a := range d.Actions {
				if !a.Due.IsZero() && a.Due.Before(today) && !a.Done() {
					diags.warnf(a.pos, "action %q was due %s and is not done", shorten(a.Action, 60), a.Due.Format(time.DateOnly))
				}
			}
		}
	}
}

// keyPos is where a key's value sits, for warnings about it.
func (d *Entry) keyPos(key string) Pos {
	for _, k := range d.warnAt {
		if k.key == key {
			return k.pos
		}
	}
	return d.top
}

// sections groups the published entries by type, newest first, with their facets.
func sections(s *Site, c *content) []*Section {
	var out []*Section
	for _, t := range Types {
		sec := &Section{Type: t, Intro: c.sections[t.Name]}
		for _, e := range s.Entries {
			if e.Type == t {
				sec.Entries = append(sec.Entries, e)
			}
		}
		sortByDate(sec.Entries)
		sec.Facets = facets(sec)
		sec.shape = sectionShape(cardSeed, sec)
		out = append(out, sec)
	}
	return out
}

// Facet is one way to filter a type's list: kind, customer, status, format...
type Facet struct {
	Name   string // "kind"; its pages live at /<type>/by-<name>/<value>/
	Title  string // "Kind"
	Values []*FacetValue
	// Term facets (themes, tags) link to the term pages instead of pages of their own.
	Term string
}

// FacetValue is one value of a facet and the entries that have it.
type FacetValue struct {
	Name    string
	Slug    string
	Entries []*Entry
	url     string
}

// URL is the page listing the value's entries.
func (v *FacetValue) URL() string { return v.url }

// Count is the number of entries with the value.
func (v *FacetValue) Count() int { return len(v.Entries) }

type facetDef struct {
	name, title string
	term        string
	values      func(e *Entry, today time.Time) []string
	order       []string // fixed order of values, when there is one
}

func one(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

var facetDefs = map[*Type][]facetDef{
	typeInsight: {
		{name: "kind", title: "Kind", order: insightKinds, values: func(e *Entry, _ time.Time) []string { return e.Kind }},
		{name: "customer", title: "Customer", values: func(e *Entry, _ time.Time) []string { return one(e.Customer) }},
		{name: "confidence", title: "Confidence", order: confidences, values: func(e *Entry, _ time.Time) []string { return one(e.Confidence) }},
		{name: "themes", title: "Themes", term: "themes", values: func(e *Entry, _ time.Time) []string { return e.Themes }},
		{name: "tags", title: "Tags", term: "tags", values: func(e *Entry, _ time.Time) []string { return e.Tags }},
	},
	typeAnalogy: {
		{name: "status", title: "Status", order: analogyStatuses, values: func(e *Entry, _ time.Time) []string { return one(e.Status) }},
		{name: "domain", title: "Domain", values: func(e *Entry, _ time.Time) []string { return one(e.Domain) }},
		{name: "themes", title: "Themes", term: "themes", values: func(e *Entry, _ time.Time) []string { return e.Themes }},
		{name: "tags", title: "Tags", term: "tags", values: func(e *Entry, _ time.Time) []string { return e.Tags }},
	},
	typeExperience: {
		{name: "format", title: "Format", order: formats, values: func(e *Entry, _ time.Time) []string { return e.Format }},
		{name: "duration", title: "Duration", order: durationBuckets, values: func(e *Entry, _ time.Time) []string { return one(durationBucket(e.Duration)) }},
		{name: "group", title: "Group size", order: groupBuckets, values: func(e *Entry, _ time.Time) []string { return groupBucket(e.Group) }},
		{name: "difficulty", title: "Difficulty", order: difficulties, values: func(e *Entry, _ time.Time) []string { return one(e.Difficulty) }},
		{name: "setting", title: "Setting", order: settings, values: func(e *Entry, _ time.Time) []string { return one(e.Setting) }},
		{name: "themes", title: "Themes", term: "themes", values: func(e *Entry, _ time.Time) []string { return e.Themes }},
		{name: "tags", title: "Tags", term: "tags", values: func(e *Entry, _ time.Time) []string { return e.Tags }},
	},
	typeSession: {
		{name: "status", title: "Status", order: []string{"upcoming", "run"}, values: func(e *Entry, today time.Time) []string {
			if e.hasRun(today) {
				return one("run")
			}
			return one("upcoming")
		}},
		{name: "teams", title: "Teams", values: func(e *Entry, _ time.Time) []string { return e.Teams }},
		{name: "location", title: "Location", values: func(e *Entry, _ time.Time) []string { return one(e.Location) }},
		{name: "themes", title: "Themes", term: "themes", values: func(e *Entry, _ time.Time) []string { return e.Themes }},
		{name: "tags", title: "Tags", term: "tags", values: func(e *Entry, _ time.Time) []string { return e.Tags }},
	},
}

var (
	durationBuckets = []string{"under 1 h", "1 to 2 h", "over 2 h"}
	groupBuckets    = []string{"up to 6", "7 to 12", "13 or more"}
)

func durationBucket(d Duration) string {
	switch {
	case d <= 0:
		return ""
	case d < 60:
		return durationBuckets[0]
	case d <= 120:
		return durationBuckets[1]
	}
	return durationBuckets[2]
}

// groupBucket places a group in every size bucket its range overlaps.
func groupBucket(g Group) []string {
	if g.IsZero() {
		return nil
	}
	lo, hi := g.Min, g.Max
	if hi == 0 {
		hi = 1 << 30
	}
	if lo == 0 {
		lo = 1
	}
	var out []string
	for i, b := range [][2]int{{1, 6}, {7, 12}, {13, 1 << 30}} {
		if lo <= b[1] && hi >= b[0] {
			out = append(out, groupBuckets[i])
		}
	}
	return out
}

func facets(sec *Section) []*Facet {
	var out []*Facet
	for _, def := range facetDefs[sec.Type] {
		f := &Facet{Name: def.name, Title: def.title, Term: def.term}
		bySlug := map[string]*FacetValue{}
		for _, e := range sec.Entries {
			for _, v := range def.values(e, e.site.Today) {
				slug := termSlug(v)
				fv := bySlug[slug]
				if fv == nil {
					fv = &FacetValue{Name: v, Slug: slug}
					if def.term != "" {
						fv.url = "/" + def.term + "/" + slug + "/"
					} else {
						fv.url = "/" + sec.Name + "/by-" + def.name + "/" + slug + "/"
					}
					bySlug[slug] = fv
					f.Values = append(f.Values, fv)
				}
				if len(fv.Entries) == 0 || fv.Entries[len(fv.Entries)-1] != e {
					fv.Entries = append(fv.Entries, e)
				}
			}
		}
		if len(f.Values) == 0 {
			continue
		}
		if def.order != nil {
			sort.SliceStable(f.Values, func(i, j int) bool {
				return slices.Index(def.order, f.Values[i].Name) < slices.Index(def.order, f.Values[j].Name)
			})
		} else {
			sort.SliceStable(f.Values, func(i, j int) bool {
				return strings.ToLower(f.Values[i].Name) < strings.ToLower(f.Values[j].Name)
			})
		}
		out = append(out, f)
	}
	return out
}

// termSlug is a theme's or tag's URL segment: "Hidden rules" and "hidden-rules" are
// the same term.
func termSlug(s string) string { return mdext.Slugify(s) }

// terms collects themes or tags across published entries; the first spelling met
// names the term.
func terms(s *Site, kind string, of func(*Entry) []string) []*Term {
	bySlug := map[string]*Term{}
	var out []*Term
	for _, e := range s.Entries {
		for _, name := range of(e) {
			slug := termSlug(name)
			t := bySlug[slug]
			if t == nil {
				t = &Term{Kind: kind, Name: name, Slug: slug}
				bySlug[slug] = t
				out = append(out, t)
			}
			if len(t.Entries) == 0 || t.Entries[len(t.Entries)-1] != e {
				t.Entries = append(t.Entries, e)
			}
		}
	}
	for _, t := range out {
		sortByDate(t.Entries)
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
	return out
}

// state lists every action and what the playbook still has to do.
func state(s *Site) ([]*ActionItem, State) {
	var actions []*ActionItem
	var st State
	for _, sec := range s.Sections {
		for _, e := range sec.Entries {
			switch e.Type {
			case typeInsight:
				if len(e.MirroredBy) == 0 {
					st.Unmirrored = append(st.Unmirrored, e)
				}
			case typeAnalogy:
				if e.Status == "chosen" && len(e.BuiltInto) == 0 {
					st.Unbuilt = append(st.Unbuilt, e)
				}
			case typeExperience:
				run := false
				for _, sess := range e.RunIn {
					run = run || sess.hasRun(s.Today)
				}
				if !run {
					st.NeverRun = append(st.NeverRun, e)
				}
			case typeSession:
				if !e.hasRun(s.Today) {
					st.Upcoming = append(st.Upcoming, e)
				}
				for _, a := range e.Actions {
					item := &ActionItem{Action: a, Session: e, Overdue: !a.Due.IsZero() && a.Due.Before(s.Today) && !a.Done()}
					actions = append(actions, item)
					if !a.Done() {
						st.OpenActions = append(st.OpenActions, item)
					}
					if item.Overdue {
						st.Overdue = append(st.Overdue, item)
					}
				}
			}
		}
	}
	slices.Reverse(st.Upcoming) // soonest first
	sortActions(actions)
	for _, a := range actions {
		a.Session.actions = append(a.Session.actions, a)
	}
	sortActions(st.OpenActions)
	sortActions(st.Overdue)
	return actions, st
}

// sortActions orders actions by status (open, doing, done), then due date (undated
// last), then owner.
func sortActions(l []*ActionItem) {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if sa, sb := slices.Index(actionStatuses, a.Status), slices.Index(actionStatuses, b.Status); sa != sb {
			return sa < sb
		}
		if !a.Due.Equal(b.Due) {
			if a.Due.IsZero() || b.Due.IsZero() {
				return b.Due.IsZero()
			}
			return a.Due.Before(b.Due)
		}
		return a.Owner < b.Owner
	})
}

// facetValues returns the slugs of an entry's values for one facet, for the data
// attributes that live filtering reads.
func facetValues(e *Entry, name string) []string {
	for _, def := range facetDefs[e.Type] {
		if def.name == name {
			var out []string
			for _, v := range def.values(e, e.site.Today) {
				out = append(out, termSlug(v))
			}
			return out
		}
	}
	return nil
}
