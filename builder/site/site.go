// Package site is the link stage of a build: from the documents of a load it makes
// a fresh Site of per-build entries, decides what the build publishes, resolves
// every reference and body link, computes the links in both directions, and lists
// as data what the pages show: the sections and their facets, themes and tags,
// actions, the state of the playbook and the feeds.
//
// A Site is a value: Link makes a new one every build and nothing writes it once
// returned, so a kept Site renders the same bytes however many builds follow. What
// one build can reuse from the last (the resolved links of bodies whose targets
// are the same) a [Linker] keeps, keyed by the immutable documents.
package site

import (
	"cmp"
	"slices"
	"time"

	"github.com/playbookhq/playbook/builder/content"
	"github.com/playbookhq/playbook/builder/model"
)

// Site is everything one build publishes. Templates see it as .Site.
type Site struct {
	// The settings of content/_index.md; BaseURL is absolute (or "/") and ends in
	// "/", and is what feeds and share metadata start with.
	Title, Description, BaseURL, Theme, Language, Organisation string
	UnsafeHTML                                                 bool
	Params                                                     map[string]any

	Today time.Time
	Serve bool // built for the dev server

	Intro    *content.Doc // content/_index.md
	Sections []*Section   // the four types, then pages
	Entries  []*Entry     // every published entry, by path
	Themes   []*Term
	Tags     []*Term
	Actions  []*ActionItem
	State    State
	Feeds    []*Feed  // the site's feed first, then one per type and per theme
	Map      []*Entry // the insights in the map's order (see MapOrder)

	basePath   string                  // BaseURL's path part
	ix         *index                  // the documents, by type and slug
	all        []*Entry                // every document's entry, published or not, in the documents' order
	introLinks map[*content.Doc][]Link // body links of the home and section introductions
	files      []string                // files under content/ to copy, relative to content/
	cardsKey   uint64
}

// BasePath is the path part of BaseURL: "/" or "/playbook/".
func (s *Site) BasePath() string { return s.basePath }

// Files are the files under content/ the build copies, relative to content/.
func (s *Site) Files() []string { return s.files }

// IntroLinks are what the links of an introduction (the home page's or a
// section's) became.
func (s *Site) IntroLinks(d *content.Doc) []Link { return s.introLinks[d] }

// CardsKey hashes what every list shows: the settings, today and every published
// entry's card.
func (s *Site) CardsKey() uint64 { return s.cardsKey }

// Section is one type's entries.
type Section struct {
	*model.Type
	Intro   *content.Doc // content/<type>/_index.md, or nil
	Entries []*Entry     // newest first, then by title
	Facets  []*Facet
	Shape   uint64 // hash of the facets' values and counts
}

// URL is the section's list page.
func (s *Section) URL() string { return "/" + s.Name + "/" }

// Facet returns the section's facet by name ("kind"), or nil.
func (s *Section) Facet(name string) *Facet {
	for _, f := range s.Facets {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// Recent returns the n newest entries.
func (s *Section) Recent(n int) []*Entry { return s.Entries[:min(n, len(s.Entries))] }

// Term is a theme or a tag.
type Term struct {
	Kind    string // "themes" or "tags"
	Name    string // the first spelling met
	Slug    string
	Entries []*Entry
	site    *Site
	byType  []EntryGroup
}

// URL is the term's page: "/themes/hidden-rules/".
func (t *Term) URL() string { return "/" + t.Kind + "/" + t.Slug + "/" }

// ActionItem is one action of a session, for the actions page and the home page.
type ActionItem struct {
	content.Action
	Session *Entry
	Overdue bool
}

// State is the playbook's to-do list, shown on the home page.
type State struct {
	Unmirrored  []*Entry // insights no published analogy mirrors
	Unbuilt     []*Entry // chosen analogies with no experience
	NeverRun    []*Entry // experiences with no session dated today or earlier
	Upcoming    []*Entry // sessions after today, soonest first
	OpenActions []*ActionItem
	Overdue     []*ActionItem
}

// Feed is one Atom feed and its JSON Feed twin: the site's, a type's or a theme's.
type Feed struct {
	Title   string   // "Harbour City Playbook: Insights"
	URL     string   // the page the feed follows: "/insights/"
	Entries []*Entry // newest first
}

// Atom and JSON are the feeds' site-relative URLs.
func (f *Feed) Atom() string { return f.URL + "feed.xml" }
func (f *Feed) JSON() string { return f.URL + "feed.json" }

// Facet is one way to filter a type's list: kind, customer, status, format...
type Facet struct {
	Name   string // "kind"; its pages live at /<type>/by-<name>/<value>/
	Title  string // "Kind"
	Values []*FacetValue
	// Term facets (themes, tags) link to the term pages instead of pages of their own.
	Term string
	url  string
	// Ordered facets (kind, status...) show their values in their own order; the
	// others, most common first.
	Ordered bool
	common  []*FacetValue // Values, most common first (for the others)
}

// URL is the page listing every value of the facet with its count:
// /insights/by-customer/, or /themes/ for a term facet.
func (f *Facet) URL() string { return f.url }

// Top returns at most n values to offer first: an ordered facet's first n, the n
// most common of the others (ties by name).
func (f *Facet) Top(n int) []*FacetValue {
	if len(f.Values) <= n {
		return f.Values
	}
	if f.Ordered {
		return f.Values[:n]
	}
	if f.common == nil {
		// Made once, as the site is linked (state.go); a facet of a site made
		// otherwise sorts here.
		return byCount(f.Values)[:n]
	}
	return f.common[:n]
}

// byCount orders values most common first, ties as they were.
func byCount(l []*FacetValue) []*FacetValue {
	top := slices.Clone(l)
	slices.SortStableFunc(top, func(a, b *FacetValue) int { return cmp.Compare(len(b.Entries), len(a.Entries)) })
	return top
}

// FacetValue is one value of a facet and the entries that have it.
type FacetValue struct {
	Name    string
	Slug    string
	Entries []*Entry
	url     string
}

// Value returns the facet's value by slug ("broken"), or nil.
func (f *Facet) Value(slug string) *FacetValue {
	for _, v := range f.Values {
		if v.Slug == slug {
			return v
		}
	}
	return nil
}

// URL is the page listing the value's entries, or the entry itself when only one
// has the value.
func (v *FacetValue) URL() string { return v.url }

// HasPage reports whether the value has a page of its own: it has, unless one
// entry alone has it (or it is a theme or a tag, whose pages are the terms').
func (v *FacetValue) HasPage() bool {
	return len(v.Entries) > 1 || len(v.Entries) == 1 && v.url != v.Entries[0].URL
}

// Count is the number of entries with the value.
func (v *FacetValue) Count() int { return len(v.Entries) }
