package builder

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/playbookhq/playbook/builder/mdext"
)

// resolvedRef is what one body link becomes in this build.
type resolvedRef struct {
	target *Entry // a published entry, or nil
	url    string // site-relative URL of the target or file; "" renders the link as text
	label  string // wikilinks: the text shown (the target's title or the author's label)
	text   string // shown instead of a hidden or missing wikilink
	kind   mdext.RefKind
}

// Site is everything one build publishes. Templates see it as .Site.
type Site struct {
	Settings
	// BaseURL is absolute (or "/"), ends in "/", and is what feeds and share
	// metadata start with; basePath is its path part.
	basePath string
	Today    time.Time
	Serve    bool

	Intro    *Entry     // content/_index.md
	Sections []*Section // the four types, then pages
	Entries  []*Entry   // every published entry, by path
	Themes   []*Term
	Tags     []*Term
	Actions  []*ActionItem
	State    State
	Feeds    []*Feed // the site's feed first, then one per type and per theme

	byID        map[string]*Entry
	shareWanted sync.Map                 // *Entry → true: the entries whose pages show their share card
	introLinks  map[*Entry][]resolvedRef // body links of the home and section introductions
	fragments   *sync.Map                // rendered pieces that Page.Cache reuses, kept by the Builder
	cardsKey    uint64                   // hash of every published card, for the next build
	files       []string                 // files under content/ to copy, relative to content/
}

// Section is one type's entries.
type Section struct {
	*Type
	Intro   *Entry   // content/<type>/_index.md, or nil
	Entries []*Entry // newest first, then by title
	Facets  []*Facet
	shape   uint64 // hash of the facets' values and counts
}

// URL is the section's list page.
func (s *Section) URL() string { return "/" + s.Name + "/" }

// Recent returns the n newest entries.
func (s *Section) Recent(n int) []*Entry { return s.Entries[:min(n, len(s.Entries))] }

// Term is a theme or a tag.
type Term struct {
	Kind    string // "themes" or "tags"
	Name    string // the first spelling met
	Slug    string
	Entries []*Entry
}

// URL is the term's page: "/themes/hidden-rules/".
func (t *Term) URL() string { return "/" + t.Kind + "/" + t.Slug + "/" }

// ActionItem is one action of a session, for the actions page and the home page.
type ActionItem struct {
	Action
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

// link indexes the loaded documents, decides what the build publishes, resolves
// every reference and collects the problems that involve more than one file.
// With the previous build's site, link reuses what no change could affect: the
// body links of entries whose bodies and whose targets are the same, and, when
// every card is the same, the sections, facets, terms, actions and feeds.
func link(c *content, o Options, prev *Site) *Site {
	s := &Site{Settings: c.settings, Today: o.Today, Serve: o.Serve, Intro: c.home, byID: make(map[string]*Entry, len(c.docs)), fragments: &sync.Map{}}
	diags := &c.diags
	if o.BaseURL != "" {
		s.BaseURL = o.BaseURL
	}
	s.BaseURL, s.basePath = normaliseBaseURL(s.BaseURL)
	if c.home != nil && !strings.Contains(s.BaseURL, "://") {
		diags.warnf(c.settings.basePos, "baseURL %q is not absolute: feeds, the sitemap and share cards need https://…", s.BaseURL)
	}

	// Index every document, published or not: references to hidden entries are
	// valid, they are only left out.
	byType := map[*Type]map[string]*Entry{}
	byPath := make(map[string]*Entry, len(c.docs))
	for _, t := range Types {
		byType[t] = make(map[string]*Entry, len(c.docs)/len(Types))
	}
	for _, d := range c.docs {
		byPath[d.Path] = d
		if prev, dup := byType[d.Type][d.Slug]; dup {
			diags.errorf(d.top, "duplicate slug %q in %s: %s has it too", d.Slug, d.Type.Name, prev.File)
			continue
		}
		byType[d.Type][d.Slug] = d
	}
	for _, d := range c.docs {
		published := !d.broken && (!d.Draft || o.Drafts) && o.Visibility.Includes(d.Visibility) && byType[d.Type][d.Slug] == d
		d.resetLinks(s, published)
		if published {
			s.Entries = append(s.Entries, d)
			s.byID[d.ID()] = d
		}
	}

	resolve := func(d *Entry, t *Type, r ref, field string) *Entry {
		if r.Slug == "" {
			return nil
		}
		target := byType[t][r.Slug]
		if target == nil {
			hint := ""
			for _, other := range Types {
				if other != t && byType[other][r.Slug] != nil {
					hint = fmt.Sprintf(" (%s/%s is %s %s)", other.Name, r.Slug, article(other.Singular), other.Singular)
					break
				}
			}
			diags.errorf(r.pos, "%s: %s %q not found%s", field, t.Singular, r.Slug, hint)
			return nil
		}
		if !target.published {
			return nil
		}
		return target
	}
	resolveAll := func(d *Entry, t *Type, refs []ref, field string) []*Entry {
		var out []*Entry
		for _, r := range refs {
			if e := resolve(d, t, r, field); e != nil && !slices.Contains(out, e) {
				out = append(out, e)
			}
		}
		return out
	}

	// The body links of an entry depend on its body and on what its links may point
	// at: every entry's path, slug, publication, title and headings.
	ek := newKeyer(cardSeed, 0)
	for _, d := range c.docs {
		ek.u64(d.targetKey)
		if d.published {
			ek.u64(1)
		}
	}
	epoch := ek.sum()

	for _, e := range c.docs {
		d := e
		switch d.Type {
		case typeAnalogy:
			e.Insights = resolveAll(d, typeInsight, d.insightRefs, "insights")
		case typeExperience:
			e.Analogy = resolve(d, typeAnalogy, d.analogyRef, "analogy")
			e.Insights = resolveAll(d, typeInsight, d.insightRefs, "insights")
		case typeSession:
			e.Experience = resolve(d, typeExperience, d.experienceRef, "experience")
			e.Surfaced = resolveAll(d, typeInsight, d.surfacedRefs, "surfaced")
		}
		if d.body != nil {
			if d.linked.epoch != epoch || d.linked.body != d.body {
				var ld Diagnostics
				d.linked.links = resolveBody(d, byType, byPath, c.files, &ld)
				d.linked.diags, d.linked.epoch, d.linked.body = ld, epoch, d.body
				lk := newKeyer(cardSeed, 0)
				for _, r := range d.linked.links {
					lk.str(r.url).str(r.label)
				}
				d.linked.key = lk.sum()
			}
			// The targets may have been re-read since: point at their current selves.
			for i := range d.linked.links {
				r := &d.linked.links[i]
				for r.target != nil && r.target.replacedBy != nil {
					r.target = r.target.replacedBy
				}
			}
			e.links = d.linked.links
			*diags = append(*diags, d.linked.diags...)
		}
		if !e.published {
			continue
		}
		for _, r := range e.links {
			if r.target != nil && r.target != e && !slices.Contains(e.Mentions, r.target) {
				e.Mentions = append(e.Mentions, r.target)
			}
		}
	}
	// Introductions may link entries too; nothing links back to them.
	s.introLinks = map[*Entry][]resolvedRef{}
	for _, d := range append([]*Entry{c.home}, mapValues(c.sections)...) {
		if d != nil && d.body != nil {
			s.introLinks[d] = resolveBody(d, byType, byPath, c.files, diags)
		}
	}

	// Links in the other direction.
	for _, e := range s.Entries {
		for _, i := range e.Insights {
			switch e.Type {
			case typeAnalogy:
				i.MirroredBy = append(i.MirroredBy, e)
			case typeExperience:
				i.AddressedBy = append(i.AddressedBy, e)
			}
		}
		for _, i := range e.Surfaced {
			i.SurfacedIn = append(i.SurfacedIn, e)
		}
		if e.Analogy != nil {
			e.Analogy.BuiltInto = append(e.Analogy.BuiltInto, e)
		}
		if e.Experience != nil {
			e.Experience.RunIn = append(e.Experience.RunIn, e)
		}
		for _, m := range e.Mentions {
			m.MentionedIn = append(m.MentionedIn, e)
		}
	}
	for _, e := range s.Entries {
		sortByDate(e.RunIn)
		sortByDate(e.SurfacedIn)
	}
	for _, e := range s.Entries {
		e.sessions = e.chainSessions()
	}

	warn(c, byType, o.Today, diags)
	s.files = c.files
	if o.Visibility == Public {
		s.files = linkedFiles(s)
	}

	// What lists, facets, terms, actions and feeds show comes from the cards of the
	// published entries alone.
	ck := newKeyer(cardSeed, uint64(o.Today.Unix())).str(s.Title).str(s.Description).str(s.BaseURL).str(s.Language).str(s.Organisation)
	for _, e := range s.Entries {
		ck.str(e.Path).u64(e.card)
	}
	s.cardsKey = ck.sum()
	if prev != nil && prev.cardsKey == s.cardsKey && len(prev.Entries) == len(s.Entries) {
		reuseDerived(s, prev, c)
		return s
	}
	s.Sections = sections(s, c)
	s.Themes = terms(s, "themes", func(e *Entry) []string { return e.Themes })
	s.Tags = terms(s, "tags", func(e *Entry) []string { return e.Tags })
	s.Actions, s.State = state(s)
	s.Feeds = feeds(s)
	return s
}

// reuseDerived takes the sections, facets, terms, actions, state and feeds of the
// previous build, whose cards were all the same: only entries re-read since (a body
// edit makes a new Entry) are swapped for their new selves.
func reuseDerived(s, prev *Site, c *content) {
	swap := map[*Entry]*Entry{}
	for i, e := range s.Entries {
		if old := prev.Entries[i]; old != e {
			swap[old] = e
		}
	}
	fix := func(l []*Entry) {
		for i, e := range l {
			if n, ok := swap[e]; ok {
				l[i] = n
			}
		}
	}
	for _, sec := range prev.Sections {
		sec.Intro = c.sections[sec.Name]
		fix(sec.Entries)
		for _, f := range sec.Facets {
			for _, v := range f.Values {
				fix(v.Entries)
			}
		}
	}
	for _, terms := range [][]*Term{prev.Themes, prev.Tags} {
		for _, t := range terms {
			fix(t.Entries)
		}
	}
	for _, a := range prev.Actions {
		if n, ok := swap[a.Session]; ok {
			a.Session = n
		}
		a.Session.actions = append(a.Session.actions, a)
	}
	st := &prev.State
	for _, l := range [][]*Entry{st.Unmirrored, st.Unbuilt, st.NeverRun, st.Upcoming} {
		fix(l)
	}
	for _, f := range prev.Feeds {
		fix(f.entries)
	}
	s.Sections, s.Themes, s.Tags, s.Actions, s.State, s.Feeds = prev.Sections, prev.Themes, prev.Tags, prev.Actions, prev.State, prev.Feeds
}

func article(word string) string {
	if strings.IndexByte("aeiou", word[0]) >= 0 {
		return "an"
	}
	return "a"
}

// normaliseBaseURL makes the base URL end in "/" and returns its path part.
func normaliseBaseURL(base string) (string, string) {
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	u, err := url.Parse(base)
	if err != nil || u.Path == "" {
		return base, "/"
	}
	return base, u.Path
}

// resolveBody resolves one document's body links, reporting links to nothing.
func resolveBody(d *Entry, byType map[*Type]map[string]*Entry, byPath map[string]*Entry, files []string, diags *Diagnostics) []resolvedRef {
	out := make([]resolvedRef, len(d.body.refs))
	for i, r := range d.body.refs {
		out[i].kind = r.Kind
		switch r.Kind {
		case mdext.RefWiki:
			target := findWiki(r, byType, diags)
			out[i].text = r.Label
			if out[i].text == "" {
				out[i].text = r.Target
				if r.Anchor != "" {
					out[i].text += "#" + r.Anchor
				}
			}
			if target == nil {
				continue
			}
			anchor := checkAnchor(r, target, diags)
			if target.published {
				out[i].target = target
				out[i].url = target.URL() + anchor
				out[i].label = r.Label
				if out[i].label == "" {
					out[i].label = target.Title
				}
			}
		case mdext.RefDoc:
			p := resolvePath(d.Path, r.Target)
			target := byPath[p]
			switch {
			case target != nil:
			case p == "_index.md":
				out[i].url = "/"
				continue
			case strings.HasSuffix(p, "/_index.md") && typeNamed(strings.TrimSuffix(p, "/_index.md")) != nil:
				out[i].url = "/" + strings.TrimSuffix(p, "_index.md")
				continue
			default:
				diags.errorf(r.pos, "link to %q: no such content file (content/%s)", r.Target, p)
				continue
			}
			anchor := checkAnchor(r, target, diags)
			if target.published {
				out[i].target = target
				out[i].url = target.URL() + anchor
			}
		case mdext.RefFile:
			out[i].url = "/" + resolvePath(d.Path, r.Target)
			if r.Anchor != "" {
				out[i].url += "#" + r.Anchor
			}
		}
	}
	return out
}

// resolvePath resolves a link in the file at from (relative to content/).
func resolvePath(from, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Clean(path.Join(path.Dir(from), target)), "/")
}

func findWiki(r bodyRef, byType map[*Type]map[string]*Entry, diags *Diagnostics) *Entry {
	if tn, slug, ok := strings.Cut(r.Target, "/"); ok {
		t := typeNamed(tn)
		if t == nil {
			diags.errorf(r.pos, "wikilink [[%s]]: %q is not a type (insights, analogies, experiences, sessions, pages)", r.Raw, tn)
			return nil
		}
		if d := byType[t][slug]; d != nil {
			return d
		}
		diags.errorf(r.pos, "wikilink [[%s]]: no %s %q", r.Raw, t.Singular, slug)
		return nil
	}
	var found []*Entry
	for _, t := range Types {
		if d := byType[t][r.Target]; d != nil {
			found = append(found, d)
		}
	}
	switch len(found) {
	case 0:
		diags.errorf(r.pos, "wikilink [[%s]]: no entry has the slug %q", r.Raw, r.Target)
		return nil
	case 1:
		return found[0]
	}
	ids := make([]string, len(found))
	for i, d := range found {
		ids[i] = "[[" + d.ID() + "]]"
	}
	diags.errorf(r.pos, "wikilink [[%s]] is ambiguous: write %s", r.Raw, quoteList(ids))
	return nil
}

// checkAnchor returns "#id" for a link to a heading the target has, and reports one
// it does not have.
func checkAnchor(r bodyRef, target *Entry, diags *Diagnostics) string {
	if r.Anchor == "" {
		return ""
	}
	want := mdext.Slugify(r.Anchor)
	if target.body != nil {
		for _, h := range target.body.headings {
			if h.ID == r.Anchor || h.ID == want {
				return "#" + h.ID
			}
		}
	}
	diags.errorf(r.pos, "link to %s#%s: %s has no heading %q", target.Slug, r.Anchor, target.File, r.Anchor)
	return ""
}

func mapValues[K comparable, V any](m map[K]V) []V {
	out := make([]V, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

func sortByDate(l []*Entry) {
	sort.SliceStable(l, func(i, j int) bool {
		if !l[i].Date.Equal(l[j].Date) {
			return l[i].Date.After(l[j].Date)
		}
		return l[i].Title < l[j].Title
	})
}

// linkedFiles keeps the files a published entry links to or embeds: a public build
// copies nothing else.
func linkedFiles(s *Site) []string {
	used := map[string]bool{}
	all := [][]resolvedRef{}
	for _, e := range s.Entries {
		all = append(all, e.links)
	}
	for _, l := range s.introLinks {
		all = append(all, l)
	}
	for _, links := range all {
		for _, r := range links {
			if r.kind == mdext.RefFile {
				p, _, _ := strings.Cut(strings.TrimPrefix(r.url, "/"), "#")
				used[p] = true
			}
		}
	}
	var out []string
	for _, f := range s.files {
		if used[f] {
			out = append(out, f)
		}
	}
	return out
}
