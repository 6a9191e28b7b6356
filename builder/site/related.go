package site

import (
	"slices"
	"strings"
)

// Related is an entry that shares something with another without a link between
// them, and what they share, in words.
type Related struct {
	Entry *Entry
	Why   string // "also mirrors “The queue hides its rules”; the theme hidden rules"
}

const (
	maxRelated = 5
	// relatedScan bounds the entries of one theme or tag looked at (the newest),
	// so that a theme every entry has costs no more than a small one.
	relatedScan = 300
)

// related gives every published entry at most five related entries: those that
// share its insights or analogies, then its themes, then its tags, never one it
// already links to or is linked from.
func related(s *Site) {
	bySlug := map[string]*Term{}
	for _, t := range s.Themes {
		bySlug["themes/"+t.Slug] = t
	}
	for _, t := range s.Tags {
		bySlug["tags/"+t.Slug] = t
	}
	for _, e := range s.Entries {
		e.Related = relatedTo(e, bySlug)
	}
}

type relatedScore struct {
	e      *Entry
	points int
	via    []string // titles of the insights or analogies shared
	themes []string
	tags   []string
}

func relatedTo(e *Entry, terms map[string]*Term) []Related {
	direct := map[*Entry]bool{e: true}
	for _, l := range [][]*Entry{e.Insights, e.Surfaced, e.MirroredBy, e.AddressedBy, e.SurfacedIn, e.BuiltInto, e.RunIn, e.Mentions, e.MentionedIn, e.sessions, {e.Analogy, e.Experience}} {
		for _, x := range l {
			direct[x] = true
		}
	}
	scores := map[*Entry]*relatedScore{}
	add := func(x *Entry, points int) *relatedScore {
		if x == nil || direct[x] {
			return nil
		}
		sc := scores[x]
		if sc == nil {
			sc = &relatedScore{e: x}
			scores[x] = sc
		}
		sc.points += points
		return sc
	}
	shared := func(via *Entry, l []*Entry) {
		for _, x := range l {
			if sc := add(x, 4); sc != nil && !slices.Contains(sc.via, via.Title) {
				sc.via = append(sc.via, via.Title)
			}
		}
	}
	switch e.Type.Name {
	case "insights":
		for _, a := range e.MirroredBy {
			shared(a, a.Insights)
		}
	case "analogies", "experiences":
		for _, in := range e.Insights {
			shared(in, in.MirroredBy)
			shared(in, in.AddressedBy)
		}
	case "sessions":
		if x := e.Experience; x != nil {
			shared(x, x.RunIn)
		}
	}
	for _, kind := range []string{"themes", "tags"} {
		names, points := e.Themes, 2
		if kind == "tags" {
			names, points = e.Tags, 1
		}
		for _, name := range names {
			t := terms[kind+"/"+TermSlug(name)]
			if t == nil {
				continue
			}
			for _, x := range t.Entries[:min(len(t.Entries), relatedScan)] {
				sc := add(x, points)
				if sc == nil {
					continue
				}
				if kind == "themes" && !slices.Contains(sc.themes, t.Name) {
					sc.themes = append(sc.themes, t.Name)
				} else if kind == "tags" && !slices.Contains(sc.tags, t.Name) {
					sc.tags = append(sc.tags, t.Name)
				}
			}
		}
	}
	if len(scores) == 0 {
		return nil
	}
	list := make([]*relatedScore, 0, len(scores))
	for _, sc := range scores {
		list = append(list, sc)
	}
	slices.SortFunc(list, func(a, b *relatedScore) int {
		switch {
		case a.points != b.points:
			return b.points - a.points
		case !a.e.Date.Equal(b.e.Date):
			return b.e.Date.Compare(a.e.Date)
		}
		return strings.Compare(a.e.ID, b.e.ID)
	})
	out := make([]Related, 0, maxRelated)
	for _, sc := range list[:min(len(list), maxRelated)] {
		out = append(out, Related{Entry: sc.e, Why: sc.why(sharedVerb[e.Type.Name])})
	}
	return out
}

// sharedVerb says, by the type of the page's entry, how a related entry shares
// what the two have in common.
var sharedVerb = map[string]string{"insights": "also mirrored by", "analogies": "also about", "experiences": "also about", "sessions": "also ran"}

// why says what two entries share: "also about “X”; the themes a and b; the tag c".
func (sc *relatedScore) why(verb string) string {
	var parts []string
	if len(sc.via) > 0 {
		parts = append(parts, verb+" "+andList(quoteAll(sc.via)))
	}
	if len(sc.themes) > 0 {
		parts = append(parts, pluralWord(len(sc.themes), "the theme ", "the themes ")+andList(sc.themes))
	}
	if len(sc.tags) > 0 {
		parts = append(parts, pluralWord(len(sc.tags), "the tag ", "the tags ")+andList(sc.tags))
	}
	s := strings.Join(parts, "; ")
	if s != "" {
		s = strings.ToUpper(s[:1]) + s[1:]
	}
	return s
}

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
