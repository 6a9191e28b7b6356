package site

import (
	"slices"
	"strings"
	"sync"

	"github.com/playbookhq/playbook/builder/internal/keys"
	"github.com/playbookhq/playbook/builder/internal/work"
)

// Related is an entry that shares something with another without a link between
// them (Of, the entry whose list it is in); Why says what they share, in words.
type Related struct {
	Entry  *Entry
	Of     *Entry
	whyKey uint64
}

// newRelated is x, related to e, keyed by the words of why. Only the hash is kept:
// the words are made again when a page shows them (Why), so a large playbook does
// not hold five sentences an entry through the whole build.
func newRelated(e, x *Entry, es, xs termSlugs) Related {
	return Related{Entry: x, Of: e, whyKey: keys.String(why(e, x, es, xs))}
}

// Why is what the two entries share: "Also mirrored by “The queue hides its
// rules”; the theme hidden rules".
func (r Related) Why() string {
	if r.Of == nil {
		return ""
	}
	return why(r.Of, r.Entry, slugsOfTerms(r.Of), slugsOfTerms(r.Entry))
}

// RelatedWhys are the words of Why for each of the entry's related entries, in
// order, made with what the entry shares found once rather than once each.
func (e *Entry) RelatedWhys() []string {
	if len(e.Related) == 0 {
		return nil
	}
	es, via := slugsOfTerms(e), sharedVia(e)
	out := make([]string, len(e.Related))
	for i, r := range e.Related {
		out[i] = whyVia(e, r.Entry, es, slugsOfTerms(r.Entry), via)
	}
	return out
}

// WhyKey is the hash of Why, for the keys of the pages that show it.
func (r Related) WhyKey() uint64 { return r.whyKey }

const (
	maxRelated = 5
	// relatedScan bounds the entries of one theme or tag looked at (the newest),
	// so that a theme every entry has costs no more than a small one.
	relatedScan = 150
)

// Points for what two entries share.
const (
	pointsShared = 4 // an insight, an analogy or an experience
	pointsTheme  = 2
	pointsTag    = 1
)

// related gives every published entry at most five related entries: those that
// share its insights or analogies, then its themes, then its tags, never one it
// already links to or is linked from. Entries are scored on both cores, each
// with a table of points by entry that it clears after use. When what the
// scores depend on is as it was for last (relatedKey: an edit of a title or a
// summary changes none of it), last's choice is kept and only the words of why,
// which name entries by title, are made again. It returns the key.
func related(s *Site, last *derived) uint64 {
	key := relatedKey(s)
	if last != nil && last.relKey == key && len(last.related) == len(s.Entries) {
		// Only the words of why that name entries may have changed.
		work.Small(len(s.Entries), func(i int) {
			e := s.Entries[i]
			e.Related = make([]Related, len(last.related[i]))
			for j, r := range last.related[i] {
				x := s.Entries[r.entry]
				e.Related[j] = Related{Entry: x, Of: e, whyKey: r.whyKey}
				if r.via != 0 && viaKey(e, x) != r.via {
					e.Related[j] = newRelated(e, x, slugsOfTerms(e), slugsOfTerms(x))
				}
			}
		})
		return key
	}
	// The slugs of every entry's themes and tags, found once an entry rather than
	// once a pair of entries.
	slugs := make([]termSlugs, len(s.Entries))
	work.Small(len(s.Entries), func(i int) {
		slugs[i] = slugsOfTerms(s.Entries[i])
	})
	terms := map[string]*Term{}
	for _, t := range s.Themes {
		terms["themes/"+t.Slug] = t
	}
	for _, t := range s.Tags {
		terms["tags/"+t.Slug] = t
	}
	pool := sync.Pool{New: func() any { return &relatedScratch{points: make([]int32, len(s.Entries)), slugs: slugs} }}
	work.Small(len(s.Entries), func(i int) {
		sc := pool.Get().(*relatedScratch)
		s.Entries[i].Related = sc.relatedTo(s.Entries[i], i, terms)
		pool.Put(sc)
	})
	return key
}

// relatedKey hashes what the choice of related entries depends on: the published
// entries, their dates, themes and tags, and the links between them. Each entry's
// share is hashed on both cores, then the shares in order.
func relatedKey(s *Site) uint64 {
	shares := make([]uint64, len(s.Entries))
	work.Small(len(s.Entries), func(i int) {
		e := s.Entries[i]
		k := keys.New(0).Str(e.ID).U64(uint64(e.Date.UnixNano()))
		ref := func(x *Entry) {
			if x == nil {
				k = k.U64(1 << 62)
				return
			}
			k = k.U64(uint64(x.index))
		}
		for _, names := range [][]string{e.Themes, e.Tags} {
			k = k.U64(uint64(len(names)))
			for _, n := range names {
				k = k.Str(n)
			}
		}
		for _, l := range [][]*Entry{e.Insights, e.Surfaced, e.MirroredBy, e.AddressedBy, e.SurfacedIn, e.BuiltInto, e.RunIn, e.Mentions, e.MentionedIn, e.sessions} {
			k = k.U64(uint64(len(l)))
			for _, x := range l {
				ref(x)
			}
		}
		ref(e.Analogy)
		ref(e.Experience)
		shares[i] = k.Sum()
	})
	k := keys.New(uint64(len(s.Entries)))
	for _, sh := range shares {
		k = k.U64(sh)
	}
	return k.Sum()
}

// termSlugs are the slugs of an entry's themes and of its tags, in their order.
type termSlugs struct{ themes, tags []string }

func slugsOfTerms(e *Entry) termSlugs { return termSlugs{slugsOf(e.Themes), slugsOf(e.Tags)} }

func slugsOf(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = TermSlug(n)
	}
	return out
}

// relatedScratch is one worker's table: points by entry index, the entries
// touched, and those a page already links (marked below zero).
type relatedScratch struct {
	points  []int32
	touched []int32
	slugs   []termSlugs // by entry index, shared by every worker
}

const blocked = -1 << 30

func (sc *relatedScratch) relatedTo(e *Entry, i int, terms map[string]*Term) []Related {
	block := func(x *Entry) {
		if x != nil && x.index >= 0 && sc.points[x.index] > blocked {
			if sc.points[x.index] == 0 {
				sc.touched = append(sc.touched, int32(x.index))
			}
			sc.points[x.index] = blocked
		}
	}
	block(e)
	for _, l := range [][]*Entry{e.Insights, e.Surfaced, e.MirroredBy, e.AddressedBy, e.SurfacedIn, e.BuiltInto, e.RunIn, e.Mentions, e.MentionedIn, e.sessions} {
		for _, x := range l {
			block(x)
		}
	}
	block(e.Analogy)
	block(e.Experience)
	add := func(x *Entry, p int32) {
		if x.index < 0 || sc.points[x.index] < 0 {
			return
		}
		if sc.points[x.index] == 0 {
			sc.touched = append(sc.touched, int32(x.index))
		}
		sc.points[x.index] += p
	}
	for _, via := range sharedVia(e) {
		for _, x := range via.with {
			add(x, pointsShared)
		}
	}
	for _, kind := range []string{"themes", "tags"} {
		slugs, points := sc.slugs[i].themes, int32(pointsTheme)
		if kind == "tags" {
			slugs, points = sc.slugs[i].tags, pointsTag
		}
		for _, slug := range slugs {
			if t := terms[kind+"/"+slug]; t != nil {
				for _, x := range t.Entries[:min(len(t.Entries), relatedScan)] {
					add(x, points)
				}
			}
		}
	}
	// The five best: most points, then newest, then by ID.
	var best [maxRelated]*Entry
	var bestPoints [maxRelated]int32
	n := 0
	better := func(x *Entry, p int32, y *Entry, q int32) bool {
		switch {
		case p != q:
			return p > q
		case !x.Date.Equal(y.Date):
			return x.Date.After(y.Date)
		}
		return x.ID < y.ID
	}
	all := e.site.Entries
	for _, t := range sc.touched {
		p := sc.points[t]
		sc.points[t] = 0
		if p <= 0 {
			continue
		}
		x := all[t]
		if n < maxRelated {
			best[n], bestPoints[n] = x, p
			n++
		} else if better(x, p, best[n-1], bestPoints[n-1]) {
			best[n-1], bestPoints[n-1] = x, p
		} else {
			continue
		}
		for j := n - 1; j > 0 && better(best[j], bestPoints[j], best[j-1], bestPoints[j-1]); j-- {
			best[j], best[j-1] = best[j-1], best[j]
			bestPoints[j], bestPoints[j-1] = bestPoints[j-1], bestPoints[j]
		}
	}
	sc.touched = sc.touched[:0]
	if n == 0 {
		return nil
	}
	out := make([]Related, n)
	for j, x := range best[:n] {
		out[j] = newRelated(e, x, sc.slugs[i], sc.slugs[x.index])
	}
	return out
}

// shared is an entry through which others share something with a page's entry.
type shared struct {
	via  *Entry
	with []*Entry
}

// sharedVia lists what an entry's related entries may share with it: for an
// insight, the analogies that mirror it (and their other insights); for an
// analogy or experience, its insights (and their other analogies and
// experiences); for a session, its experience (and its other sessions).
func sharedVia(e *Entry) []shared {
	var out []shared
	switch e.Type.Name {
	case "insights":
		for _, a := range e.MirroredBy {
			out = append(out, shared{a, a.Insights})
		}
	case "analogies", "experiences":
		for _, in := range e.Insights {
			out = append(out, shared{in, in.MirroredBy}, shared{in, in.AddressedBy})
		}
	case "sessions":
		if x := e.Experience; x != nil {
			out = append(out, shared{x, x.RunIn})
		}
	}
	return out
}

// viaKey hashes the titles that why(e, x) names: those of the insights, analogies
// or experiences x shares with e; 0 when it names none.
func viaKey(e, x *Entry) uint64 {
	var k keys.Keyer
	named := false
	for _, sh := range sharedVia(e) {
		if slices.Contains(sh.with, x) {
			if !named {
				k, named = keys.New(1), true
			}
			k = k.Str(sh.via.Title)
		}
	}
	if !named {
		return 0
	}
	return k.Sum() | 1
}

// why says what x shares with e: "also about “X”; the themes a and b; the tag c".
// es and xs are the slugs of their themes and tags.
func why(e, x *Entry, es, xs termSlugs) string { return whyVia(e, x, es, xs, sharedVia(e)) }

// whyVia is why, given what e shares (sharedVia).
func whyVia(e, x *Entry, es, xs termSlugs, shares []shared) string {
	var via, themes, tags []string
	for _, sh := range shares {
		if slices.Contains(sh.with, x) && !slices.Contains(via, sh.via.Title) {
			via = append(via, sh.via.Title)
		}
	}
	common := func(names, a, b []string) []string {
		var out []string
		for i, slug := range a {
			if slices.Contains(b, slug) && !slices.Contains(out, names[i]) {
				out = append(out, names[i])
			}
		}
		return out
	}
	themes, tags = common(e.Themes, es.themes, xs.themes), common(e.Tags, es.tags, xs.tags)
	var parts []string
	if len(via) > 0 {
		parts = append(parts, sharedVerb[e.Type.Name]+" "+andList(quoteAll(via)))
	}
	if len(themes) > 0 {
		parts = append(parts, pluralWord(len(themes), "the theme ", "the themes ")+andList(themes))
	}
	if len(tags) > 0 {
		parts = append(parts, pluralWord(len(tags), "the tag ", "the tags ")+andList(tags))
	}
	s := strings.Join(parts, "; ")
	if s != "" {
		s = strings.ToUpper(s[:1]) + s[1:]
	}
	return s
}

// sharedVerb says, by the type of the page's entry, how a related entry shares
// what the two have in common.
var sharedVerb = map[string]string{"insights": "also mirrored by", "analogies": "also about", "experiences": "also about", "sessions": "also ran"}

func quoteAll(l []string) []string {
	out := make([]string, len(l))
	for i, s := range l {
		out[i] = "“" + s + "”"
	}
	return out
}

func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// andList joins "a", "a and b", "a, b and c".
func andList(l []string) string {
	switch len(l) {
	case 0:
		return ""
	case 1:
		return l[0]
	}
	return strings.Join(l[:len(l)-1], ", ") + " and " + l[len(l)-1]
}
