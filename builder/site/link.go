package site

import (
	"cmp"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/playbookhq/playbook/builder/content"
	"github.com/playbookhq/playbook/builder/diag"
	"github.com/playbookhq/playbook/builder/internal/keys"
	"github.com/playbookhq/playbook/builder/internal/work"
	"github.com/playbookhq/playbook/builder/mdext"
	"github.com/playbookhq/playbook/builder/model"
)

// Options are what a build decides beyond the content.
type Options struct {
	Today      time.Time
	Drafts     bool               // publish drafts
	Visibility content.Visibility // publish entries at or above it
	BaseURL    string             // overrides the site's baseURL (deploy previews)
	Theme      string             // overrides the site's theme
	Serve      bool               // built for the dev server
	Once       bool               // no build follows: keep nothing for one
}

// Linker links loads into sites, build after build. It keeps, by document, what
// each body's links resolved to and against which state of the playbook, the
// warnings each document earns on its own, the index of the documents while their
// paths are the same, and the lists of the last site while every card is the
// same, so that a build after an edit does little more than copy each document
// into its entry and draw the links between them.
type Linker struct {
	ix    *index
	last  []perDoc // the last Link's, by place in ix.docs
	lists *derived
}

// perDoc is what the linker keeps of one document. Never written once made.
type perDoc struct {
	doc      *content.Doc
	body     *linkedBody
	warnings *docWarnings
}

// linkedBody is what one body's links became, for one epoch: a hash of every
// document's path, title, headings and publication, which is all that links
// resolve against.
type linkedBody struct {
	epoch uint64
	links []Link
	diags diag.List
	key   uint64
	// deps are the places of the documents the links found, and depKey what
	// they resolved against in those alone: while the documents' paths stay the
	// same, a new epoch that leaves depKey as it was (an edit of another entry's
	// title) leaves the links as they are.
	deps   []int32
	depKey uint64
}

// NewLinker returns a linker with nothing kept.
func NewLinker() *Linker { return &Linker{} }

// index finds documents by type and slug, and by path: their places in docs. Its
// maps depend on the paths of the documents alone, so the linker keeps them while
// they are the same. Never written once made.
type index struct {
	docs   []*content.Doc
	paths  []string // of docs, to tell whether a later load has the same
	byType map[*model.Type]map[string]int32
	byPath map[string]int32
	first  []bool    // docs[i] is the first with its type and slug
	dups   diag.List // duplicate slugs
}

func (ix *index) slug(t *model.Type, slug string) (int32, bool) {
	i, ok := ix.byType[t][slug]
	return i, ok
}

// didYouMean suggests the slug of one of types nearest to slug, for a message
// about a reference to nothing: `; did you mean "queue"?`, or "".
func (ix *index) didYouMean(slug string, types ...*model.Type) string {
	var slugs []string
	for _, t := range types {
		for s := range ix.byType[t] {
			slugs = append(slugs, s)
		}
	}
	slices.Sort(slugs)
	if near := content.Nearest(slug, slugs); near != "" {
		return fmt.Sprintf("; did you mean %q?", near)
	}
	return ""
}

// indexOf returns the index of docs, and whether it is the last one's, whose
// documents sat at the same places.
func (l *Linker) indexOf(docs []*content.Doc) (*index, bool) {
	if last := l.ix; last != nil && len(last.paths) == len(docs) {
		same := true
		for i, d := range docs {
			if last.paths[i] != d.Path {
				same = false
				break
			}
		}
		if same {
			// The places are the same; the documents at them may be new.
			ix := *last
			ix.docs, ix.dups = docs, nil
			for i, d := range docs {
				if !ix.first[i] {
					prev := ix.byType[d.Type][d.Slug]
					ix.dups.Errorf(d.Top, "duplicate slug %q in %s: %s has it too", d.Slug, d.Type.Name, docs[prev].File)
				}
			}
			l.ix = &ix
			return &ix, true
		}
	}
	ix := &index{docs: docs, paths: make([]string, len(docs)), byType: map[*model.Type]map[string]int32{},
		byPath: make(map[string]int32, len(docs)), first: make([]bool, len(docs))}
	for _, t := range model.Types {
		ix.byType[t] = make(map[string]int32, len(docs)/len(model.Types))
	}
	for i, d := range docs {
		ix.paths[i] = d.Path
		ix.byPath[d.Path] = int32(i)
		if prev, dup := ix.byType[d.Type][d.Slug]; dup {
			ix.dups.Errorf(d.Top, "duplicate slug %q in %s: %s has it too", d.Slug, d.Type.Name, docs[prev].File)
			continue
		}
		ix.byType[d.Type][d.Slug] = int32(i)
		ix.first[i] = true
	}
	l.ix = ix
	return ix, false
}

// kept returns what the last Link kept of each document of docs that is the same.
func (l *Linker) kept(docs []*content.Doc, same bool) []perDoc {
	out := make([]perDoc, len(docs))
	if same {
		for i, d := range docs {
			if i < len(l.last) && l.last[i].doc == d {
				out[i] = l.last[i]
			}
		}
		return out
	}
	at := make(map[*content.Doc]int, len(l.last))
	for i, p := range l.last {
		at[p.doc] = i
	}
	for i, d := range docs {
		if j, ok := at[d]; ok {
			out[i] = l.last[j]
		}
	}
	return out
}

// Link makes the site of one load, and returns the problems that involve more than
// one file (references to nothing, duplicate slugs) and the warnings of §5 of the
// specification.
func (l *Linker) Link(set *content.Set, o Options) (*Site, diag.List) {
	var diags diag.List
	st := set.Settings
	s := &Site{
		Title: st.Title, Description: st.Description, BaseURL: st.BaseURL, Theme: st.Theme, Language: st.Language,
		Organisation: st.Organisation, UnsafeHTML: st.UnsafeHTML, Params: st.Params,
		Today: o.Today, Serve: o.Serve, Intro: set.Home,
	}
	if o.BaseURL != "" {
		s.BaseURL = o.BaseURL
	}
	if o.Theme != "" {
		s.Theme = o.Theme
	}
	if bad := badBaseURL(s.BaseURL); bad != "" {
		where := st.BasePos
		if o.BaseURL != "" {
			where = diag.Pos{File: "--base-url"}
		}
		diags.Errorf(where, "baseURL %q %s", s.BaseURL, bad)
		s.BaseURL = ""
	}
	s.BaseURL, s.basePath = normaliseBaseURL(s.BaseURL)
	if set.Home != nil && set.Home.Settings != nil && !strings.Contains(s.BaseURL, "://") {
		diags.Warnf(st.BasePos, "baseURL %q is not absolute: feeds, the sitemap and share cards need https://…", s.BaseURL)
	}

	// Index every document, published or not: references to hidden entries are
	// valid, they are only left out.
	ix, same := l.indexOf(set.Docs)
	s.ix = ix
	diags = append(diags, ix.dups...)
	kept := l.kept(set.Docs, same)
	// The warnings read the documents alone: they are made on the other core
	// while the entries are linked.
	warnings := make(chan diag.List, 1)
	go func() { warnings <- warn(set, kept, o.Today) }()
	pub := make([]bool, len(set.Docs))
	all := make([]*Entry, len(set.Docs))
	work.Small(len(set.Docs), func(i int) {
		all[i] = newEntry(s, set.Docs[i])
	})
	for i, d := range set.Docs {
		e := all[i]
		if !d.Broken && (!d.Draft || o.Drafts) && o.Visibility.Includes(d.Visibility) && ix.first[i] {
			e.published, e.index = true, len(s.Entries)
			pub[i] = true
			s.Entries = append(s.Entries, e)
		}
	}
	s.all = all

	// Each entry's references, body links and mentions, on both cores: an entry
	// writes only its own fields, and its messages go in its own list, joined in
	// the order of the documents.
	resolve := func(t *model.Type, r content.Ref, field string, diags *diag.List) *Entry {
		if r.Slug == "" {
			return nil
		}
		i, ok := ix.slug(t, r.Slug)
		if !ok {
			hint := ""
			for _, other := range model.Types {
				if _, ok := ix.slug(other, r.Slug); ok && other != t {
					hint = fmt.Sprintf(" (%s/%s is %s %s)", other.Name, r.Slug, article(other.Singular), other.Singular)
					break
				}
			}
			if hint == "" {
				hint = ix.didYouMean(r.Slug, t)
			}
			diags.Errorf(r.Pos, "%s: %s %q not found%s", field, t.Singular, r.Slug, hint)
			return nil
		}
		if pub[i] {
			return all[i]
		}
		return nil // left out
	}
	resolveAll := func(t *model.Type, refs []content.Ref, field string, diags *diag.List) []*Entry {
		var out []*Entry
		for _, r := range refs {
			if e := resolve(t, r, field, diags); e != nil && !slices.Contains(out, e) {
				out = append(out, e)
			}
		}
		return out
	}

	epoch := epochOf(set.Docs, pub)
	insights, analogies, experiences, sessions := model.Types[0], model.Types[1], model.Types[2], model.Types[3]
	entryDiags := make([]diag.List, len(all))
	work.Small(len(all), func(i int) {
		e := all[i]
		d := e.doc
		dl := &entryDiags[i]
		switch d.Type {
		case analogies:
			e.Insights = resolveAll(insights, d.InsightRefs, "insights", dl)
		case experiences:
			e.Analogy = resolve(analogies, d.AnalogyRef, "analogy", dl)
			e.Insights = resolveAll(insights, d.InsightRefs, "insights", dl)
		case sessions:
			e.Experience = resolve(experiences, d.ExperienceRef, "experience", dl)
			e.Surfaced = resolveAll(insights, d.SurfacedRefs, "surfaced", dl)
		}
		kept[i].doc = d
		if d.Body != nil {
			lb := kept[i].body
			if lb != nil && lb.epoch != epoch && same && depKeyOf(lb.deps, set.Docs, pub) == lb.depKey {
				again := *lb
				again.epoch = epoch
				lb = &again
				kept[i].body = lb
			}
			if lb == nil || lb.epoch != epoch {
				lb = &linkedBody{epoch: epoch}
				lb.links, lb.deps = resolveBody(d, ix, pub, &lb.diags)
				lb.depKey = depKeyOf(lb.deps, set.Docs, pub)
				k := keys.New(0)
				for _, r := range lb.links {
					k = k.Str(r.URL).Str(r.Label)
				}
				lb.key = k.Sum()
				kept[i].body = lb
			}
			e.links, e.linksKey = lb.links, lb.key
			if len(lb.diags) > 0 {
				*dl = append(*dl, lb.diags...)
			}
		}
		if !e.published {
			return
		}
		for _, r := range e.links {
			if r.to == 0 || !pub[r.to-1] {
				continue
			}
			if t := all[r.to-1]; t != e && !slices.Contains(e.Mentions, t) {
				e.Mentions = append(e.Mentions, t)
			}
		}
	})
	for _, dl := range entryDiags {
		diags = append(diags, dl...)
	}
	// Introductions may link entries too; nothing links back to them.
	s.introLinks = map[*content.Doc][]Link{}
	intros := []*content.Doc{set.Home}
	for _, t := range model.Types {
		intros = append(intros, set.Sections[t.Name])
	}
	for _, d := range intros {
		if d != nil && d.Body != nil {
			s.introLinks[d], _ = resolveBody(d, ix, pub, &diags)
		}
	}

	// Links in the other direction. Mentions are the most: each entry's list of
	// those mentioning it is cut from one array, counted first.
	mentioned := make([]int32, len(s.Entries))
	total := 0
	for _, e := range s.Entries {
		for _, m := range e.Mentions {
			mentioned[m.index]++
		}
		total += len(e.Mentions)
	}
	backing := make([]*Entry, total)
	for _, e := range s.Entries {
		if n := int(mentioned[e.index]); n > 0 {
			e.MentionedIn, backing = backing[:0:n], backing[n:]
		}
	}
	for _, e := range s.Entries {
		for _, i := range e.Insights {
			switch e.Type {
			case analogies:
				i.MirroredBy = append(i.MirroredBy, e)
			case experiences:
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
	// Each step on both cores, every entry's before the next step, which reads
	// the others'.
	each := func(f func(e *Entry)) {
		work.Small(len(s.Entries), func(i int) {
			f(s.Entries[i])
		})
	}
	each(func(e *Entry) {
		SortByDate(e.RunIn)
		SortByDate(e.SurfacedIn)
	})
	each(func(e *Entry) { e.sessions = e.chainSessions() })
	// A card shows the entry's own fields, how far along the chain it has got, and
	// for a session the experience it ran and what it is as of today.
	each(func(e *Entry) {
		e.progress, e.progressKnown = e.findProgress(), true
		k := keys.New(e.doc.Card).Str(e.progress)
		if x := e.Experience; x != nil {
			k = k.Str(x.Title).Str(x.URL)
		}
		e.CardKey = e.dayState(k).Sum()
		e.OverdueKey = e.overdueKey()
	})

	diags = append(diags, <-warnings...)
	l.last = kept
	s.files = publishedFiles(set, all, s.introLinks, o.Visibility == content.Public)

	// What lists, facets, terms, actions and feeds show comes from the cards of the
	// published entries alone.
	ck := keys.New(uint64(o.Today.Unix())).Str(s.Title).Str(s.Description).Str(s.BaseURL).Str(s.Language).Str(s.Organisation)
	for _, e := range s.Entries {
		ck = ck.Str(e.Path).U64(e.CardKey)
	}
	s.cardsKey = ck.Sum()
	if d := l.lists; d != nil && d.key == s.cardsKey && d.entries == len(s.Entries) {
		d.thaw(s, set)
		return s, diags
	}
	s.Actions = actionItems(s)
	// The published entries are sorted by date once; the lists of a part of them
	// take their order from it.
	byDate := slices.Clone(s.Entries)
	SortByDate(byDate)
	rank := make([]int32, len(byDate))
	for i, e := range byDate {
		rank[e.index] = int32(i)
	}
	// The sections with their facets and the map on one core, themes and tags on
	// the other (their groups by type need the sections, so they are made after).
	var wg sync.WaitGroup
	wg.Go(func() {
		s.Sections = sections(s, set, byDate)
		if sec := s.Section("insights"); sec != nil {
			s.Map = MapOrder(sec.Entries)
		}
	})
	themes := terms(s, "themes", rank, func(e *Entry) []string { return e.Themes })
	tags := terms(s, "tags", rank, func(e *Entry) []string { return e.Tags })
	wg.Wait()
	for _, t := range slices.Concat(themes, tags) {
		t.byType = GroupByType(s, t.Entries)
	}
	s.Themes, s.Tags = themes, tags
	s.State = state(s)
	s.Feeds = feeds(s, byDate)
	relKey := related(s, l.lists)
	if !o.Once {
		l.lists = freeze(s)
		l.lists.relKey = relKey
	}
	return s, diags
}

// epochOf hashes what body links resolve against: every document's path, title,
// headings and publication.
func epochOf(docs []*content.Doc, pub []bool) uint64 {
	k := keys.New(uint64(len(docs)))
	for i, d := range docs {
		k = k.U64(d.TargetKey).Bool(pub[i])
	}
	return k.Sum()
}

func article(word string) string {
	if strings.IndexByte("aeiou", word[0]) >= 0 {
		return "an"
	}
	return "a"
}

// normaliseBaseURL makes the base URL end in "/" and returns its path part.
// badBaseURL says what is wrong with a base URL, or "". Feeds, the sitemap, the
// calendars and every page's metadata repeat it, so it must be one plain URL.
func badBaseURL(base string) string {
	if strings.IndexFunc(base, func(r rune) bool { return unicode.IsControl(r) || unicode.IsSpace(r) }) >= 0 {
		return "holds a space, a line break or a control character"
	}
	if strings.ContainsAny(base, `"<>\`+"`") {
		return "holds a character a URL cannot (\", <, >, \\ or `)"
	}
	u, err := url.Parse(base)
	if err != nil {
		return "is not a URL: " + strings.TrimPrefix(err.Error(), "parse \""+base+"\": ")
	}
	if u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" {
		return "must start with https:// (or http://)"
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return "must not have a query or a fragment"
	}
	return ""
}

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

// SortByDate orders entries newest first, then by title, keeping the order of
// entries with the same date and title. Short lists (an entry's sessions) are
// sorted as they are; long ones (every entry of a site) by keys read once an
// entry, which keeps the comparisons in one block of memory.
func SortByDate(l []*Entry) {
	if len(l) < 64 {
		slices.SortStableFunc(l, func(a, b *Entry) int {
			if c := b.Date.Compare(a.Date); c != 0 {
				return c
			}
			return strings.Compare(a.Title, b.Title)
		})
		return
	}
	type keyed struct {
		sec   int64
		nsec  int32
		at    int32
		title string
		e     *Entry
	}
	ks := make([]keyed, len(l))
	for i, e := range l {
		ks[i] = keyed{e.Date.Unix(), int32(e.Date.Nanosecond()), int32(i), e.Title, e}
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		return cmp.Or(cmp.Compare(b.sec, a.sec), cmp.Compare(b.nsec, a.nsec), strings.Compare(a.title, b.title), cmp.Compare(a.at, b.at))
	})
	for i, k := range ks {
		l[i] = k.e
	}
}

// sortByRank orders published entries, taken from Site.Entries in its order, as
// SortByDate would: rank is each entry's place in Site.Entries sorted by date.
func sortByRank(l []*Entry, rank []int32) {
	slices.SortFunc(l, func(a, b *Entry) int { return cmp.Compare(rank[a.index], rank[b.index]) })
}

// publishedFiles are the files under content/ the build copies. A file that only
// left-out entries link to or embed is left out with them; a public build copies
// only the files that a published entry (or an introduction) links to or embeds.
func publishedFiles(set *content.Set, all []*Entry, intros map[*content.Doc][]Link, onlyLinked bool) []string {
	if len(set.Files) == 0 {
		return nil
	}
	used := map[string]bool{}   // by something published
	hidden := map[string]bool{} // by something left out
	mark := func(links []Link, into map[string]bool) {
		for _, r := range links {
			if r.Kind == mdext.RefFile {
				p, _, _ := strings.Cut(strings.TrimPrefix(r.URL, "/"), "#")
				into[p] = true
			}
		}
	}
	for _, l := range intros {
		mark(l, used)
	}
	for _, e := range all {
		if e.published {
			mark(e.links, used)
		} else {
			mark(e.links, hidden)
		}
	}
	var out []string
	for _, f := range set.Files {
		switch {
		case used[f]:
			out = append(out, f)
		case onlyLinked, hidden[f]:
		default:
			out = append(out, f)
		}
	}
	return out
}
