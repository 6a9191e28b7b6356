package mdext

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// Slugify turns a heading's text, or the anchor of a link, into an id: lower-cased,
// letters and digits kept, every run of spaces, hyphens and underscores turned into
// one hyphen, everything else dropped, hyphens trimmed at both ends, and "section"
// when nothing is left.
func Slugify(s string) string {
	if out, ok := slugifyASCII(s); ok {
		return out
	}
	return slugify(s)
}

// slugifyASCII is Slugify for text that is all ASCII, without lower-casing a copy
// first, and returning s itself when it is already its own slug (a tag such as
// "phone-call"); ok is false when s holds anything else.
func slugifyASCII(s string) (out string, ok bool) {
	var buf [64]byte
	b := buf[:0]
	hyphen := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80:
			return "", false
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
			fallthrough
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			if hyphen && len(b) > 0 {
				b = append(b, '-')
			}
			hyphen = false
			b = append(b, c)
		case c == ' ' || '\t' <= c && c <= '\r' || c == '-' || c == '_':
			hyphen = true
		}
	}
	switch {
	case len(b) == 0:
		return "section", true
	case string(b) == s:
		return s, true
	}
	return string(b), true
}

func slugify(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	hyphen := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		case unicode.IsSpace(r) || r == '-' || r == '_':
			hyphen = true
		}
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}

// IDs is the parser.IDs of one document. Give every document a fresh one.
//
// goldmark generates heading ids from the heading's source line before inline parsing,
// so "## See [x](http://a.b)" would give "see-xhttpab". The extension's transformer
// therefore generates every automatic heading id again from the heading's plain text,
// through the same IDs, keeping the ids that the document sets explicitly.
type IDs struct {
	used map[string]bool
	next map[string]int // the last suffix tried for a base id
	// auto holds the ids that Generate returned, by identity, so that the transformer
	// can tell them from explicit ids that happen to be equal.
	auto map[*byte]bool
}

// NewIDs returns an empty IDs.
func NewIDs() *IDs {
	return &IDs{used: map[string]bool{}, next: map[string]int{}, auto: map[*byte]bool{}}
}

// Generate implements parser.IDs: the slug of value, with "-1", "-2", … appended
// when it is taken.
func (s *IDs) Generate(value []byte, _ ast.NodeKind) []byte {
	id := []byte(s.generate(Slugify(string(value))))
	s.auto[&id[0]] = true // never empty: Slugify gives "section" for nothing
	return id
}

func (s *IDs) generate(base string) string {
	id := base
	for s.used[id] {
		s.next[base]++
		id = base + "-" + strconv.Itoa(s.next[base])
	}
	s.used[id] = true
	return id
}

// Put implements parser.IDs: goldmark calls it for an id set explicitly.
func (s *IDs) Put(value []byte) {
	s.used[string(value)] = true
}

// generated reports whether v is an id that Generate returned.
func (s *IDs) generated(v []byte) bool {
	return len(v) > 0 && s.auto[&v[0]]
}

// restart forgets every id but those given.
func (s *IDs) restart(keep []string) {
	clear(s.used)
	clear(s.next)
	for _, id := range keep {
		s.used[id] = true
	}
}
