package site

import (
	"time"

	"github.com/playbookhq/playbook/builder/content"
	"github.com/playbookhq/playbook/builder/mdext"
	"github.com/playbookhq/playbook/builder/model"
)

// Entry is one published (or left-out) entry in one build. Its fields are copied
// from the document by value when the build starts, so that templates read them
// directly (text/template finds the fields of an embedded struct through a slow
// reflective search on every access); the link stage then sets the references to
// other published entries and the links back. Nothing writes an Entry once its
// build's Site is returned.
type Entry struct {
	Path      string      // relative to content/, slash-separated: "insights/billing/late-fees.md"
	File      string      // for messages: "content/insights/billing/late-fees.md"
	Type      *model.Type //
	TypeOf    string      // how templates name the type in CSS classes: "insight"
	Slug      string
	ID        string // "insights/late-fees"
	URL       string // site-relative: "/insights/late-fees/"
	Permalink string // absolute: "https://playbook.example.org/insights/late-fees/"
	// CardKey hashes what the entry's card shows: its front matter and summary,
	// how far along the chain it has got, and for a session the title of the
	// experience it ran, whether it has run and which of its actions are overdue.
	// Pieces and lists showing the entry are kept while it is the same.
	CardKey uint64
	// OverdueKey hashes how many days past due a session's overdue actions are,
	// which changes every day while there are any; 0 for other entries. The pages
	// that may show these counts are keyed with it (render.Outputs).
	OverdueKey uint64

	// The front matter's fields (Title, Summary, Date, Themes, Customer, Moments,
	// Actions, …), shared with the document, which is never written: an entry
	// holds them without a copy.
	*content.Fields
	// The fields that templates read most, again here, where text/template finds
	// them at once: it looks for a field of an embedded struct by a slower search.
	Title, Summary string
	Date           time.Time
	Params         map[string]any // keys the model does not know, for templates

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
	// Related are at most five entries that share insights, analogies, themes or
	// tags with this one without a link between them (related.go).
	Related []Related

	doc       *content.Doc
	site      *Site
	index     int    // in Site.Entries; -1 for an entry the build leaves out
	links     []Link // one per body placeholder
	linksKey  uint64 // hash of what the links became (URLs and labels)
	sessions  []*Entry
	actions   []*ActionItem
	published bool
	// progress is Progress, once linking has found it (progressKnown).
	progress      string
	progressKnown bool
}

// newEntry makes a fresh entry of site s from a document.
func newEntry(s *Site, d *content.Doc) *Entry {
	return &Entry{
		Path: d.Path, File: d.File, Type: d.Type, TypeOf: d.Type.Singular, Slug: d.Slug,
		ID: d.ID, URL: d.URL, Permalink: s.Abs(d.URL),
		Fields: &d.Fields, Title: d.Title, Summary: d.Summary, Date: d.Date, Params: d.Params,
		doc: d, site: s, index: -1,
	}
}

// Doc is the document the entry was made from.
func (e *Entry) Doc() *content.Doc { return e.doc }

// Index is the entry's place in its site's Entries, or -1 when the build leaves
// it out; other stages keep what they know of entries in slices by it.
func (e *Entry) Index() int { return e.index }

// Site is the build the entry belongs to.
func (e *Entry) Site() *Site { return e.site }

// Links are what the body's links became in this build, one per placeholder.
func (e *Entry) Links() []Link { return e.links }

// LinksKey hashes what the body's links became: their URLs and labels.
func (e *Entry) LinksKey() uint64 { return e.linksKey }

// Body is the entry's parsed body, nil when it has none.
func (e *Entry) Body() *content.Body { return e.doc.Body }

// WordCount is the length of the body in words.
func (e *Entry) WordCount() int {
	if e.doc.Body == nil {
		return 0
	}
	return e.doc.Body.Words
}

// ReadingTime is minutes to read the body at 220 words a minute, at least 1.
func (e *Entry) ReadingTime() int { return max(1, (e.WordCount()+110)/220) }

// Headings lists the body's headings, for a table of contents.
func (e *Entry) Headings() []mdext.Heading {
	if e.doc.Body == nil {
		return nil
	}
	return e.doc.Body.Headings
}

// hasRun reports a session dated on or before today.
func (e *Entry) hasRun(today time.Time) bool { return !e.Date.After(today) }

// Link is what one body link becomes in a build.
type Link struct {
	Target string // the published entry it points at ("insights/x"), or ""
	URL    string // site-relative URL of the target or file; "" renders the link as text
	Label  string // wikilinks: the text shown (the target's title or the author's label)
	Text   string // shown instead of a hidden or missing wikilink
	Kind   mdext.RefKind
	to     int32 // 1 + the target's place among the documents linked, within one epoch
}
