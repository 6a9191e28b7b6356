package builder

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Type is a kind of entry, named after its folder under content/.
type Type struct {
	Name     string // folder and URL segment: "insights"
	Singular string // "insight"
	Title    string // "Insights"
	One      string // "Insight"
	Step     int    // 1 to 4 in the method; 0 for pages
	Verb     string // the step's name on the home page: "Gather insights"
}

// Types lists the entry types in the method's order; pages come last.
var Types = []*Type{
	{Name: "insights", Singular: "insight", Title: "Insights", One: "Insight", Step: 1, Verb: "Gather insights"},
	{Name: "analogies", Singular: "analogy", Title: "Analogies", One: "Analogy", Step: 2, Verb: "Get outside"},
	{Name: "experiences", Singular: "experience", Title: "Experiences", One: "Experience", Step: 3, Verb: "Get creative"},
	{Name: "sessions", Singular: "session", Title: "Sessions", One: "Session", Step: 4, Verb: "Invite a group"},
	{Name: "pages", Singular: "page", Title: "Pages", One: "Page"},
}

var (
	typeInsight    = Types[0]
	typeAnalogy    = Types[1]
	typeExperience = Types[2]
	typeSession    = Types[3]
	typePage       = Types[4]
)

// typeNamed finds a type by its folder name or its singular.
func typeNamed(name string) *Type {
	for _, t := range Types {
		if t.Name == name || t.Singular == name {
			return t
		}
	}
	return nil
}

// Visibility says who may read an entry. The zero value is Company, the default.
type Visibility uint8

const (
	Company Visibility = iota
	Public
	Team
)

// rank orders visibilities from the widest audience (public) to the narrowest.
func (v Visibility) rank() int { return [...]int{Company: 1, Public: 0, Team: 2}[v] }

// Includes reports whether a build at visibility v publishes an entry at e.
func (v Visibility) Includes(e Visibility) bool { return e.rank() <= v.rank() }

var visibilityNames = []string{"public", "company", "team"}

func (v Visibility) String() string {
	return [...]string{Company: "company", Public: "public", Team: "team"}[v]
}

// ParseVisibility reads "public", "company" or "team".
func ParseVisibility(s string) (Visibility, error) {
	switch s {
	case "public":
		return Public, nil
	case "company":
		return Company, nil
	case "team":
		return Team, nil
	}
	return Company, fmt.Errorf("visibility %q: want public, company or team", s)
}

// Duration is a length of time in whole minutes.
type Duration int

// String reads like "1 h 15 min", "45 min", "2 h".
func (d Duration) String() string {
	h, m := int(d)/60, int(d)%60
	switch {
	case d <= 0:
		return ""
	case h == 0:
		return fmt.Sprintf("%d min", m)
	case m == 0:
		return fmt.Sprintf("%d h", h)
	}
	return fmt.Sprintf("%d h %d min", h, m)
}

// ISO returns the duration as ISO 8601 ("PT1H15M") for <time datetime>.
func (d Duration) ISO() string {
	h, m := int(d)/60, int(d)%60
	s := "PT"
	if h > 0 {
		s += strconv.Itoa(h) + "H"
	}
	if m > 0 || h == 0 {
		s += strconv.Itoa(m) + "M"
	}
	return s
}

// Minutes is the duration as a number, for filters and sorting.
func (d Duration) Minutes() int { return int(d) }

// parseDuration reads "90m", "1h30m", "1h 30m", "2h", "45 min", "1 h 15 min" or "90".
func parseDuration(s string) (Duration, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(s); err == nil {
		return Duration(n), n > 0
	}
	total, seen := 0, false
	for s != "" {
		s = strings.TrimLeft(s, " ")
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 0 {
			return 0, false
		}
		n, _ := strconv.Atoi(s[:i])
		s = strings.TrimLeft(s[i:], " ")
		j := 0
		for j < len(s) && s[j] >= 'a' && s[j] <= 'z' {
			j++
		}
		switch s[:j] {
		case "h", "hr", "hrs", "hour", "hours":
			total += 60 * n
		case "m", "min", "mins", "minute", "minutes":
			total += n
		default:
			return 0, false
		}
		seen = true
		s = s[j:]
	}
	return Duration(total), seen && total > 0
}

// parseDate reads YYYY-MM-DD or RFC 3339.
func parseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	for _, layout := range []string{time.RFC3339, time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05 -0700 MST", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("want a date as YYYY-MM-DD, got %q", s)
}

// Group is the number of participants an experience is made for.
type Group struct{ Min, Max int }

func (g Group) String() string {
	switch {
	case g.Min == 0 && g.Max == 0:
		return ""
	case g.Min == g.Max:
		return strconv.Itoa(g.Min)
	case g.Max == 0:
		return fmt.Sprintf("%d or more", g.Min)
	case g.Min == 0:
		return fmt.Sprintf("up to %d", g.Max)
	}
	return fmt.Sprintf("%d–%d", g.Min, g.Max)
}

// IsZero reports an unset group.
func (g Group) IsZero() bool { return g.Min == 0 && g.Max == 0 }

// Evidence supports an insight.
type Evidence struct {
	Quote, Source string
	Date          time.Time
	Link          string
}

// Parallel is a correspondence between the customer's moment and the analogy's.
type Parallel struct{ Customer, Analog string }

// Moment is one of the overlapping moments an experience plays through.
type Moment struct{ Moment, Customer, Analog string }

// Action is something a session decided to do.
type Action struct {
	Action, Owner string
	Due           time.Time
	Status        string // open, doing, done
	pos           Pos
}

// Done reports a finished action.
func (a Action) Done() bool { return a.Status == "done" }

// Share is one line of a session's plan for telling the organisation.
type Share struct {
	Audience, Channel string
	When              time.Time
	Status            string // planned, done
}

// linkedBody remembers how a body's links were resolved, and for which body and
// which state of the site (epoch), so that a rebuild resolves only what changed.
type linkedBody struct {
	body  *body
	epoch uint64
	links []resolvedRef
	diags Diagnostics
	key   uint64 // hash of what the links became (URLs and labels), for page keys
}

// keyAt is a key's value position.
type keyAt struct {
	key string
	pos Pos
}

// ref is a front-matter reference to another entry, by slug.
type ref struct {
	Slug string
	pos  Pos
}

// Entry is one content file. The load stage fills its fields from the file alone
// (so a rebuild reuses it while the file is unchanged); the link stage sets, on every
// build, the references to other published entries and the links back.
//
// Templates read these fields directly. They are fields of Entry itself, not of an
// embedded struct: text/template finds embedded fields through a slow reflective
// search on every access.
type Entry struct {
	Path string // relative to content/, slash-separated: "insights/billing/late-fees.md"
	File string // for messages: "content/insights/billing/late-fees.md"
	Type *Type  // nil for _index.md files
	Slug string

	// Common fields.
	Title, Summary string
	Date, Updated  time.Time
	Authors        []string
	Themes, Tags   []string
	Draft          bool
	Aliases        []string
	Visibility     Visibility
	Params         map[string]any

	// Insight.
	Kind       []string
	Customer   string
	Moment     string
	Evidence   []Evidence
	Confidence string

	// Analogy.
	Domain    string
	Status    string
	Parallels []Parallel
	Resonance int

	// Experience.
	Format     []string
	Duration   Duration
	Debrief    Duration
	Prep       Duration
	Group      Group
	Materials  []string
	Roles      []string
	Moments    []Moment
	Questions  []string
	Difficulty string
	Setting    string
	Care       string

	// Session.
	Location     string
	Facilitators []string
	Participants int
	Teams        []string
	Felt         []string
	Noticed      []string
	Ideas        []string
	Actions      []Action
	Share        []Share

	// References by slug, resolved by the link stage.
	insightRefs    []ref // analogy, experience
	analogyRef     ref   // experience
	experienceRef  ref   // session
	surfacedRefs   []ref // session
	aliasPos       []Pos
	summaryFromKey bool
	datePos        Pos     // the date's value, or the front matter's top when missing
	warnAt         []keyAt // where the values that warnings point at are
	top            Pos

	id, url   string   // "insights/x" and "/insights/x/", made once: templates ask often
	targetKey uint64   // hash of what links to the entry resolve against: path, title, headings
	section   string   // for a type folder's _index.md: the type's name
	settings  Settings // for content/_index.md
	src       *source  // for content/_index.md, whose body is parsed once settings are known
	broken    bool     // the front matter could not be read

	body  *body
	diags Diagnostics // problems of this file alone
	hash  uint64      // of the file's bytes
	card  uint64      // of what other pages show of this document

	// Set by the link stage on every build.
	site      *Site
	published bool

	// Front-matter references to published entries.
	Analogy    *Entry   // experience: the analogy it is built on
	Experience *Entry   // session: the experience it ran
	Insights   []*Entry // analogy: the insights it mirrors; experience: those it addresses
	Surfaced   []*Entry // session: insights it produced or confirmed

	// The same references seen from the other end.
	MirroredBy  []*Entry // insight: analogies
	AddressedBy []*Entry // insight: experiences
	SurfacedIn  []*Entry // insight: sessions
	BuiltInto   []*Entry // analogy: experiences
	RunIn       []*Entry // experience: sessions, by date

	// Body links.
	Mentions    []*Entry // entries this body links to
	MentionedIn []*Entry // entries whose bodies link here

	links      []resolvedRef // one per body placeholder
	sessions   []*Entry      // Sessions
	actions    []*ActionItem // a session's actions
	linked     linkedBody    // the body's links as resolved by an earlier build
	replacedBy *Entry        // the entry read from the same file after this one changed
	near       uint64        // this build's card and nearest cards (pages.go nearKeys)

	// What the search index read of the entry, kept while its file and the labels
	// of its body links are unchanged (search.go).
	search *searchTerms
}

// resetLinks clears what the previous build linked.
func (e *Entry) resetLinks(s *Site, published bool) {
	e.site, e.published = s, published
	e.Analogy, e.Experience = nil, nil
	// The lists filled by appending keep their room from the last build: nothing
	// of that build reads them any more, and a rebuild then allocates little.
	e.Insights, e.Surfaced = nil, nil
	e.MirroredBy, e.AddressedBy, e.SurfacedIn = e.MirroredBy[:0], e.AddressedBy[:0], e.SurfacedIn[:0]
	e.BuiltInto, e.RunIn, e.Mentions, e.MentionedIn = e.BuiltInto[:0], e.RunIn[:0], e.Mentions[:0], e.MentionedIn[:0]
	e.links, e.sessions, e.actions = nil, nil, e.actions[:0]
}

// ID is "type/slug".
func (d *Entry) ID() string { return d.id }

// URL is the entry's site-relative URL: "/insights/late-fees/".
func (d *Entry) URL() string {
	if d.Type == nil {
		return "/"
	}
	return d.url
}

// WordCount is the length of the body in words.
func (d *Entry) WordCount() int { return d.body.words }

// ReadingTime is minutes to read the body at 220 words a minute, at least 1.
func (d *Entry) ReadingTime() int { return max(1, (d.body.words+110)/220) }

// HasRun reports a session dated today or earlier.
func (d *Entry) hasRun(today time.Time) bool { return !d.Date.After(today) }

// validSlug reports whether s is lower-case letters and digits joined by single hyphens.
func validSlug(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	for _, c := range []byte(s) {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}
