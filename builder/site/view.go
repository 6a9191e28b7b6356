package site

import (
	"slices"
	"strings"
	"time"

	"github.com/playbookhq/playbook/builder/content"
	"github.com/playbookhq/playbook/builder/internal/keys"
	"github.com/playbookhq/playbook/builder/mdext"
	"github.com/playbookhq/playbook/builder/model"
)

// What templates ask of a site and its entries beyond their fields. Everything here
// reads the entry, the entries one or two links away, the actions and today, which
// is what the render stage's page keys cover.

// Steps returns the four method steps' sections, without pages.
func (s *Site) Steps() []*Section { return s.Sections[:4] }

// Section returns a type's section by name ("insights").
func (s *Site) Section(name string) *Section {
	for _, sec := range s.Sections {
		if sec.Name == name || sec.Singular == name {
			return sec
		}
	}
	return nil
}

// Pages are the free-form pages, by title.
func (s *Site) Pages() []*Entry { return s.Section("pages").Entries }

// Get returns a published entry by id ("insights/late-fees"), or nil.
func (s *Site) Get(id string) *Entry {
	tn, slug, _ := strings.Cut(id, "/")
	t := model.Named(tn)
	if t == nil {
		return nil
	}
	if i, ok := s.ix.slug(t, slug); ok && s.all[i].published {
		return s.all[i]
	}
	return nil
}

// EntryOf returns the published entry of a file by its path in the source folder
// ("content/insights/late-fees.md"), or nil.
func (s *Site) EntryOf(file string) *Entry {
	p, ok := strings.CutPrefix(file, "content/")
	if !ok {
		return nil
	}
	if i, ok := s.ix.byPath[p]; ok && s.all[i].published {
		return s.all[i]
	}
	return nil
}

// Year is the build's year, for footers.
func (s *Site) Year() int { return s.Today.Year() }

// Abs returns the absolute URL of a site-relative one, for feeds and share metadata.
func (s *Site) Abs(u string) string {
	if !strings.HasPrefix(u, "/") {
		u = "/" + u
	}
	return strings.TrimSuffix(s.BaseURL, "/") + u
}

// Permalink is the site's absolute home URL.
func (s *Site) Permalink() string { return s.Abs("/") }

// ActionItems lists a session's actions, by status, due date and owner.
func (e *Entry) ActionItems() []*ActionItem { return e.actions }

// HasRun reports a session dated today or earlier.
func (e *Entry) HasRun() bool { return e.hasRun(e.site.Today) }

// Sessions are the sessions that ran the experiences addressing an insight, or built
// on an analogy, newest first; an experience's own sessions.
func (e *Entry) Sessions() []*Entry { return e.sessions }

// chainSessions computes Sessions once the links are known.
func (e *Entry) chainSessions() []*Entry {
	var exps []*Entry
	switch e.Type.Name {
	case "insights":
		exps = e.AddressedBy
	case "analogies":
		exps = e.BuiltInto
	case "experiences":
		return e.RunIn
	}
	var out []*Entry
	for _, x := range exps {
		for _, s := range x.RunIn {
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	SortByDate(out)
	return out
}

// ChainActions lists the actions that came out of the sessions in an entry's chain.
func (e *Entry) ChainActions() []*ActionItem {
	if e.Type.Name == "sessions" {
		return e.actions
	}
	var out []*ActionItem
	for _, s := range e.sessions {
		out = append(out, s.actions...)
	}
	SortActions(out)
	return out
}

// LinkGroup is a heading and the entries under it, for the "links in both directions"
// panel of an entry page.
type LinkGroup struct {
	Title   string
	Rel     string // "mirrored-by": a stable name for styling and tests
	Entries []*Entry
}

// Groups returns the entry's links in both directions, grouped by meaning, empty
// groups left out. The body's links come last, without the entries the groups
// before them show already: those that link back first, then the others each
// way. No entry is listed twice.
func (e *Entry) Groups() []LinkGroup {
	var g []LinkGroup
	shown := map[*Entry]bool{}
	group := func(title, rel string, body bool, l []*Entry) {
		var keep []*Entry
		for _, x := range l {
			if x == nil || body && shown[x] {
				continue
			}
			keep = append(keep, x)
			if !body {
				shown[x] = true
			}
		}
		if len(keep) > 0 {
			g = append(g, LinkGroup{Title: title, Rel: rel, Entries: keep})
		}
	}
	add := func(title, rel string, l ...*Entry) { group(title, rel, false, l) }
	switch e.Type.Name {
	case "insights":
		add("Mirrored by", "mirrored-by", e.MirroredBy...)
		add("Addressed by", "addressed-by", e.AddressedBy...)
		add("Explored in", "explored-in", e.Sessions()...)
		add("Surfaced in", "surfaced-in", e.SurfacedIn...)
	case "analogies":
		add("Mirrors", "mirrors", e.Insights...)
		add("Built into", "built-into", e.BuiltInto...)
		add("Run in", "run-in", e.Sessions()...)
	case "experiences":
		add("Built on", "built-on", e.Analogy)
		add("Addresses", "addresses", e.Insights...)
		add("Run in", "run-in", e.RunIn...)
	case "sessions":
		add("Ran", "ran", e.Experience)
		if e.Experience != nil {
			add("Built on", "built-on", e.Experience.Analogy)
			add("Addresses", "addresses", e.Experience.Insights...)
		}
		add("Surfaced", "surfaced", e.Surfaced...)
	}
	// An entry the body links to that links back is listed once.
	var both []*Entry
	for _, x := range e.Mentions {
		if !shown[x] && slices.Contains(e.MentionedIn, x) {
			both = append(both, x)
		}
	}
	add("Linked both ways", "linked-both-ways", both...)
	group("Mentions", "mentions", true, e.Mentions)
	group("Mentioned in", "mentioned-in", true, e.MentionedIn)
	return g
}

// GroupsBut is Groups without the groups of the relations named ("mirrored-by"),
// for a page that shows those entries another way.
func (e *Entry) GroupsBut(rels ...string) []LinkGroup {
	g := e.Groups()
	return slices.DeleteFunc(g, func(l LinkGroup) bool { return slices.Contains(rels, l.Rel) })
}

// Options are the analogies that mirror an insight, as step 2 compares them: the
// chosen first, then candidates by resonance, then those set aside.
func (e *Entry) Options() []*Entry {
	rank := map[string]int{"chosen": 0, "candidate": 1, "set-aside": 2}
	out := slices.Clone(e.MirroredBy)
	slices.SortStableFunc(out, func(a, b *Entry) int {
		if ra, rb := rank[a.Status], rank[b.Status]; ra != rb {
			return ra - rb
		}
		return b.Resonance - a.Resonance
	})
	return out
}

// Modified is the later of updated and date.
func (e *Entry) Modified() time.Time {
	if e.Updated.After(e.Date) {
		return e.Updated
	}
	return e.Date
}

// DaysUntil is how many days remain before an entry's date (an upcoming session);
// 0 for today or the past.
func (e *Entry) DaysUntil() int { return max(0, daysBetween(e.site.Today, e.Date)) }

// daysBetween counts calendar days from a to b.
func daysBetween(a, b time.Time) int {
	da := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	db := time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	return int(db.Sub(da).Hours() / 24)
}

// dayState adds to k what today's date changes in how a session shows on other
// pages' cards and lists: whether it has run, and which of its actions are
// overdue. The counts of days (DaysUntil, DaysOverdue) change every day and are
// left to the pages that show them (OverdueKey). Nothing else an entry shows depends on the day (Progress
// follows from the sessions).
func (e *Entry) dayState(k keys.Keyer) keys.Keyer {
	if e.Type.Name != "sessions" {
		return k
	}
	today := e.site.Today
	k = k.Bool(e.hasRun(today))
	for _, a := range e.Actions {
		k = k.Bool(overdue(a, today))
	}
	return k
}

// overdueKey hashes how many days past due each of a session's overdue actions is;
// 0 for other entries.
func (e *Entry) overdueKey() uint64 {
	if e.Type.Name != "sessions" {
		return 0
	}
	today := e.site.Today
	k := keys.New(uint64(len(e.Actions)))
	for _, a := range e.Actions {
		if overdue(a, today) {
			k = k.U64(uint64(daysBetween(a.Due, today)))
		} else {
			k = k.U64(0)
		}
	}
	return k.Sum()
}

// overdue reports an action past its due date and not done.
func overdue(a content.Action, today time.Time) bool {
	return !a.Due.IsZero() && a.Due.Before(today) && !a.Done()
}

// DaysOverdue is how many days past its due date an overdue action is; 0 otherwise.
func (a *ActionItem) DaysOverdue() int {
	if !a.Overdue {
		return 0
	}
	return daysBetween(a.Due, a.Session.site.Today)
}

// TotalTime is the time an experience takes with the group: the experience itself
// and its debrief, without the set-up.
func (e *Entry) TotalTime() content.Duration { return e.Duration + e.Debrief }

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

// EntryGroup is a type's share of a list of entries.
type EntryGroup struct {
	Section *Section
	Entries []*Entry
}

// GroupByType splits entries by type, in the method's order, keeping their order
// within each type.
func GroupByType(s *Site, l []*Entry) []EntryGroup {
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

// ByType groups a theme's or tag's entries by type (the index of themes and tags).
func (t *Term) ByType() []EntryGroup { return t.byType }
