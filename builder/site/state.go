package site

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/playbookhq/playbook/builder/content"
	"github.com/playbookhq/playbook/builder/internal/keys"
	"github.com/playbookhq/playbook/builder/mdext"
	"github.com/playbookhq/playbook/builder/model"
)

func typeAt(i int) *model.Type { return model.Types[i] }

// sections groups the published entries by type, newest first, with their facets.
func sections(s *Site, set *content.Set, byDate []*Entry) []*Section {
	out := make([]*Section, 0, len(model.Types))
	byType := map[*model.Type]*Section{}
	for _, t := range model.Types {
		sec := &Section{Type: t, Intro: set.Sections[t.Name]}
		byType[t] = sec
		out = append(out, sec)
	}
	// Each section's entries are in the order of byDate, newest first.
	for _, e := range byDate {
		sec := byType[e.Type]
		sec.Entries = append(sec.Entries, e)
	}
	for _, sec := range out {
		sec.Facets = facets(sec, s.Today)
		sec.Shape = sectionShape(sec)
	}
	return out
}

type facetDef struct {
	name, title string
	term        string
	values      func(buf []string, e *Entry, today time.Time) []string // appended to buf
	order       []string                                               // fixed order of values, when there is one
}

func one(buf []string, s string) []string {
	if s == "" {
		return buf
	}
	return append(buf, s)
}

var termFacets = []facetDef{
	{name: "themes", title: "Themes", term: "themes", values: func(buf []string, e *Entry, _ time.Time) []string { return append(buf, e.Themes...) }},
	{name: "tags", title: "Tags", term: "tags", values: func(buf []string, e *Entry, _ time.Time) []string { return append(buf, e.Tags...) }},
}

// Progress says how far along the chain of the method an entry has got: the
// values of the progress facets, in their order.
var (
	InsightProgress    = []string{"not yet mirrored", "mirrored", "experience designed", "run", "actions done"}
	AnalogyProgress    = []string{"no experience yet", "built into an experience", "run"}
	ExperienceProgress = []string{"never run", "run"}
)

// Progress is how far along the chain an insight, an analogy or an experience has
// got (one of the values above), "" for other entries. Linking finds it once every
// entry's links are known; it is asked often after that (lists, facets, the map).
func (e *Entry) Progress() string {
	if e.progressKnown {
		return e.progress
	}
	return e.findProgress()
}

func (e *Entry) findProgress() string {
	today := e.site.Today
	ran := func(sessions []*Entry) bool {
		for _, s := range sessions {
			if s.hasRun(today) {
				return true
			}
		}
		return false
	}
	switch e.Type.Name {
	case "insights":
		switch {
		case ran(e.sessions) && chainDone(e.sessions):
			return InsightProgress[4]
		case ran(e.sessions):
			return InsightProgress[3]
		case len(e.AddressedBy) > 0:
			return InsightProgress[2]
		case len(e.MirroredBy) > 0:
			return InsightProgress[1]
		}
		return InsightProgress[0]
	case "analogies":
		switch {
		case ran(e.sessions):
			return AnalogyProgress[2]
		case len(e.BuiltInto) > 0:
			return AnalogyProgress[1]
		}
		return AnalogyProgress[0]
	case "experiences":
		if ran(e.RunIn) {
			return ExperienceProgress[1]
		}
		return ExperienceProgress[0]
	}
	return ""
}

// ProgressStep is how many steps of its progress an entry has reached: the
// position of Progress in its list (0 for an insight no analogy mirrors yet, 4 for
// one whose sessions' actions are all done).
func (e *Entry) ProgressStep() int {
	p := e.Progress()
	for _, l := range [][]string{InsightProgress, AnalogyProgress, ExperienceProgress} {
		for i, v := range l {
			if v == p {
				return i
			}
		}
	}
	return 0
}

// chainDone reports that the sessions have actions, all of them done. It reads
// the actions of the sessions' front matter, which are known before the site's
// list of actions is made: cards are keyed with Progress before that.
func chainDone(sessions []*Entry) bool {
	n := 0
	for _, s := range sessions {
		for _, a := range s.Actions {
			if !a.Done() {
				return false
			}
			n++
		}
	}
	return n > 0
}

func progressFacet(order []string) facetDef {
	return facetDef{name: "progress", title: "Progress", order: order, values: func(buf []string, e *Entry, _ time.Time) []string { return one(buf, e.Progress()) }}
}

var facetDefs = map[string][]facetDef{
	"insights": append([]facetDef{
		progressFacet(InsightProgress),
		{name: "kind", title: "Kind", order: model.InsightKinds, values: func(buf []string, e *Entry, _ time.Time) []string { return append(buf, e.Kind...) }},
		{name: "customer", title: "Customer", values: func(buf []string, e *Entry, _ time.Time) []string { return one(buf, e.Customer) }},
		{name: "confidence", title: "Confidence", order: model.Confidences, values: func(buf []string, e *Entry, _ time.Time) []string { return one(buf, e.Confidence) }},
	}, termFacets...),
	"analogies": append([]facetDef{
		progressFacet(AnalogyProgress),
		{name: "status", title: "Status", order: model.AnalogyStatuses, values: func(buf []string, e *Entry, _ time.Time) []string { return one(buf, e.Status) }},
		{name: "domain", title: "Domain", values: func(buf []string, e *Entry, _ time.Time) []string { return one(buf, e.Domain) }},
	}, termFacets...),
	"experiences": append([]facetDef{
		progressFacet(ExperienceProgress),
		{name: "format", title: "Format", order: model.Formats, values: func(buf []string, e *Entry, _ time.Time) []string { return append(buf, e.Format...) }},
		{name: "duration", title: "Duration", order: durationBuckets, values: func(buf []string, e *Entry, _ time.Time) []string { return one(buf, durationBucket(e.Duration)) }},
		{name: "group", title: "Group size", order: groupBuckets, values: func(buf []string, e *Entry, _ time.Time) []string { return append(buf, groupBucket(e.Group)...) }},
		{name: "difficulty", title: "Difficulty", order: model.Difficulties, values: func(buf []string, e *Entry, _ time.Time) []string { return one(buf, e.Difficulty) }},
		{name: "setting", title: "Setting", order: model.Settings, values: func(buf []string, e *Entry, _ time.Time) []string { return one(buf, e.Setting) }},
	}, termFacets...),
	"sessions": append([]facetDef{
		{name: "status", title: "Status", order: []string{"upcoming", "run"}, values: func(buf []string, e *Entry, today time.Time) []string {
			if e.hasRun(today) {
				return append(buf, "run")
			}
			return append(buf, "upcoming")
		}},
		{name: "teams", title: "Teams", values: func(buf []string, e *Entry, _ time.Time) []string { return append(buf, e.Teams...) }},
		{name: "location", title: "Location", values: func(buf []string, e *Entry, _ time.Time) []string { return one(buf, e.Location) }},
	}, termFacets...),
}

var (
	durationBuckets = []string{"under 1 h", "1 to 2 h", "over 2 h"}
	groupBuckets    = []string{"up to 6", "7 to 12", "13 or more"}
)

func durationBucket(d content.Duration) string {
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
func groupBucket(g content.Group) []string {
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

func facets(sec *Section, today time.Time) []*Facet {
	// One pass over the entries gives every facet its values: an entry's fields
	// are read while they are at hand, not once a facet.
	defs := facetDefs[sec.Name]
	type facetAcc struct {
		f              *Facet
		bySlug, byName map[string]*FacetValue // a value's slug is found once a spelling
	}
	accs := make([]facetAcc, len(defs))
	for i, def := range defs {
		f := &Facet{Name: def.name, Title: def.title, Term: def.term, Ordered: def.order != nil, url: "/" + sec.Name + "/by-" + def.name + "/"}
		if def.term != "" {
			f.url = "/" + def.term + "/"
		}
		accs[i] = facetAcc{f, map[string]*FacetValue{}, map[string]*FacetValue{}}
	}
	var buf []string
	for _, e := range sec.Entries {
		for i, def := range defs {
			a := &accs[i]
			buf = def.values(buf[:0], e, today)
			for _, v := range buf {
				fv := a.byName[v]
				if fv == nil {
					slug := TermSlug(v)
					if fv = a.bySlug[slug]; fv == nil {
						fv = &FacetValue{Name: v, Slug: slug}
						if def.term != "" {
							fv.url = "/" + def.term + "/" + slug + "/"
						} else {
							fv.url = "/" + sec.Name + "/by-" + def.name + "/" + slug + "/"
						}
						a.bySlug[slug] = fv
						a.f.Values = append(a.f.Values, fv)
					}
					a.byName[v] = fv
				}
				if len(fv.Entries) == 0 || fv.Entries[len(fv.Entries)-1] != e {
					fv.Entries = append(fv.Entries, e)
				}
			}
		}
	}
	var out []*Facet
	for i, def := range defs {
		f := accs[i].f
		if len(f.Values) == 0 {
			continue
		}
		if def.term == "" {
			// A value that one entry has links to the entry: a page of one card
			// would say nothing more.
			for _, v := range f.Values {
				if len(v.Entries) == 1 {
					v.url = v.Entries[0].URL
				}
			}
		}
		if def.order != nil {
			sort.SliceStable(f.Values, func(i, j int) bool {
				return slices.Index(def.order, f.Values[i].Name) < slices.Index(def.order, f.Values[j].Name)
			})
		} else {
			sortByLower(f.Values)
			f.common = byCount(f.Values)
		}
		out = append(out, f)
	}
	return out
}

// sortByLower orders values by their names lower-cased, keeping the order of
// values whose names differ only in case. Each name is lower-cased once.
func sortByLower(values []*FacetValue) {
	type keyed struct {
		key string
		v   *FacetValue
	}
	l := make([]keyed, len(values))
	for i, v := range values {
		l[i] = keyed{strings.ToLower(v.Name), v}
	}
	slices.SortStableFunc(l, func(a, b keyed) int { return strings.Compare(a.key, b.key) })
	for i := range l {
		values[i] = l[i].v
	}
}

// sectionShape hashes what a section's list and facet pages show besides their
// cards: the facets, their values and their counts.
func sectionShape(sec *Section) uint64 {
	k := keys.New(uint64(len(sec.Entries)))
	for _, f := range sec.Facets {
		k = k.Str(f.Name)
		for _, v := range f.Values {
			k = k.Str(v.Name).U64(uint64(len(v.Entries)))
		}
	}
	return k.Sum()
}

// FacetValues returns the slugs of an entry's values for one facet, for the data
// attributes that live filtering reads.
func FacetValues(e *Entry, name string) []string {
	for _, def := range facetDefs[e.Type.Name] {
		if def.name == name {
			var out []string
			for _, v := range def.values(nil, e, e.site.Today) {
				out = append(out, TermSlug(v))
			}
			return out
		}
	}
	return nil
}

// TermSlug is a theme's or tag's URL segment: "Hidden rules" and "hidden-rules" are
// the same term.
func TermSlug(s string) string { return mdext.Slugify(s) }

// terms collects themes or tags across published entries; the first spelling met
// names the term. It reads the entries alone (not the sections): the caller groups
// each term's entries by type.
func terms(s *Site, kind string, rank []int32, of func(*Entry) []string) []*Term {
	bySlug := map[string]*Term{}
	byName := map[string]*Term{} // a spelling's slug is found once
	var out []*Term
	for _, e := range s.Entries {
		for _, name := range of(e) {
			t := byName[name]
			if t == nil {
				slug := TermSlug(name)
				if t = bySlug[slug]; t == nil {
					t = &Term{Kind: kind, Name: name, Slug: slug, site: s}
					bySlug[slug] = t
					out = append(out, t)
				}
				byName[name] = t
			}
			if len(t.Entries) == 0 || t.Entries[len(t.Entries)-1] != e {
				t.Entries = append(t.Entries, e)
			}
		}
	}
	for _, t := range out {
		sortByRank(t.Entries, rank)
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
	return out
}

// actionItems lists every action of the published sessions, sorted, and gives each
// session its own.
func actionItems(s *Site) []*ActionItem {
	var sessions []*Entry
	for _, e := range s.Entries {
		if e.Type.Name == "sessions" {
			sessions = append(sessions, e)
		}
	}
	SortByDate(sessions) // as the sessions' list shows them: ties keep that order
	var actions []*ActionItem
	for _, e := range sessions {
		for _, a := range e.Actions {
			actions = append(actions, &ActionItem{Action: a, Session: e, Overdue: overdue(a, s.Today)})
		}
	}
	SortActions(actions)
	for _, a := range actions {
		a.Session.actions = append(a.Session.actions, a)
	}
	return actions
}

// state lists what the playbook still has to do.
func state(s *Site) State {
	var st State
	for _, sec := range s.Sections {
		for _, e := range sec.Entries {
			switch e.Type.Name {
			case "insights":
				if len(e.MirroredBy) == 0 {
					st.Unmirrored = append(st.Unmirrored, e)
				}
			case "analogies":
				if e.Status == "chosen" && len(e.BuiltInto) == 0 {
					st.Unbuilt = append(st.Unbuilt, e)
				}
			case "experiences":
				run := false
				for _, sess := range e.RunIn {
					run = run || sess.hasRun(s.Today)
				}
				if !run {
					st.NeverRun = append(st.NeverRun, e)
				}
			case "sessions":
				if !e.hasRun(s.Today) {
					st.Upcoming = append(st.Upcoming, e)
				}
			}
		}
	}
	slices.Reverse(st.Upcoming) // soonest first
	for _, a := range s.Actions {
		if !a.Done() {
			st.OpenActions = append(st.OpenActions, a)
		}
		if a.Overdue {
			st.Overdue = append(st.Overdue, a)
		}
	}
	return st
}

// SortActions orders actions by status (open, doing, done), then due date (undated
// last), then owner.
func SortActions(l []*ActionItem) {
	// The keys are found once an action; ties keep their order.
	type keyed struct {
		status, at int
		undated    bool
		due        time.Time
		owner      string
		a          *ActionItem
	}
	ks := make([]keyed, len(l))
	for i, a := range l {
		ks[i] = keyed{slices.Index(model.ActionStatuses, a.Status), i, a.Due.IsZero(), a.Due, a.Owner, a}
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		c := cmp.Compare(a.status, b.status)
		if c == 0 && a.undated != b.undated {
			c = 1
			if b.undated {
				c = -1
			}
		}
		if c == 0 && !a.undated {
			c = a.due.Compare(b.due)
		}
		return cmp.Or(c, strings.Compare(a.owner, b.owner), a.at-b.at)
	})
	for i, k := range ks {
		l[i] = k.a
	}
}

// feedSize is how many entries the feeds carry, newest first.
const feedSize = 100

// feeds lists every feed of the site: the site's own, one per type of the method,
// one per theme.
func feeds(s *Site, byDate []*Entry) []*Feed {
	out := []*Feed{{Title: s.Title, URL: "/", Entries: feedEntries(s, byDate)}}
	for _, sec := range s.Steps() {
		out = append(out, &Feed{Title: s.Title + ": " + sec.Title, URL: sec.URL(), Entries: feedEntries(s, sec.Entries)})
	}
	for _, t := range s.Themes {
		out = append(out, &Feed{Title: s.Title + ": " + t.Name, URL: t.URL(), Entries: feedEntries(s, t.Entries)})
	}
	return out
}

// feedEntries are the entries a feed announces: insights, analogies and experiences
// when they are added, sessions once they have run.
// from is newest first (as SortByDate orders it); entries of the same date are
// put in the order of their paths, and the list stops after the date of the
// feedSize-th entry.
func feedEntries(s *Site, from []*Entry) []*Entry {
	var l []*Entry
	for i, e := range from {
		if len(l) >= feedSize && (i == 0 || !e.Date.Equal(from[i-1].Date)) {
			break
		}
		switch {
		case e.Type.Step == 0, e.Date.IsZero():
		case e.Type.Name == "sessions" && !e.hasRun(s.Today):
		default:
			l = append(l, e)
		}
	}
	for i := 0; i < len(l); {
		j := i + 1
		for j < len(l) && l[j].Date.Equal(l[i].Date) {
			j++
		}
		slices.SortFunc(l[i:j], func(a, b *Entry) int { return strings.Compare(a.Path, b.Path) })
		i = j
	}
	return l[:min(len(l), feedSize)]
}

// MapOrder orders insights for the map: by their first theme, those without one
// last, then by how far they have got (the chain's gaps first), then by title.
func MapOrder(l []*Entry) []*Entry {
	// The keys are found once an entry, not once a comparison.
	type keyed struct {
		e            *Entry
		first, title string
		step, at     int
	}
	ks := make([]keyed, len(l))
	for i, e := range l {
		ks[i] = keyed{e, "\uffff", e.Title, e.ProgressStep(), i}
		if len(e.Themes) > 0 {
			ks[i].first = strings.ToLower(e.Themes[0])
		}
	}
	// Ties keep their order: the last key is the place in l.
	slices.SortFunc(ks, func(a, b keyed) int {
		return cmp.Or(strings.Compare(a.first, b.first), a.step-b.step, strings.Compare(a.title, b.title), a.at-b.at)
	})
	out := make([]*Entry, len(ks))
	for i, k := range ks {
		out[i] = k.e
	}
	return out
}
