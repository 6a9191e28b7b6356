package mdext

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// wikilinkParser recognises [[target#anchor|label]]. goldmark never calls inline
// parsers inside code spans, code blocks, raw HTML, autolinks or link destinations,
// nor on an escaped '[', so those cases need no code here.
type wikilinkParser struct{}

func (wikilinkParser) Trigger() []byte { return []byte{'['} }

func (wikilinkParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	// Padding means the line starts with virtual spaces, so it cannot start with "[[".
	if seg.Padding != 0 || len(line) < 5 || line[0] != '[' || line[1] != '[' {
		return nil
	}
	end := closeWikilink(line)
	if end < 0 {
		return nil
	}
	raw := string(line[2:end])
	target, anchor, label := splitWikilink(raw)
	if target == "" {
		return nil
	}
	n := &Wikilink{
		Target:  target,
		Anchor:  anchor,
		Label:   label,
		Raw:     raw,
		Segment: text.NewSegment(seg.Start, seg.Start+end+2),
		Index:   -1,
	}
	n.SetPos(seg.Start)
	block.Advance(end + 2)
	return n
}

// closeWikilink returns the index of the "]]" that closes the wikilink opening line, or
// -1. The link must close on its line. Brackets inside are refused so that "[[a]b]]"
// and "[[[x]]]" fall back to ordinary link parsing, and backticks so that a code span
// that starts inside binds tighter, as it does for links.
func closeWikilink(line []byte) int {
	for i := 2; i < len(line); i++ {
		switch line[i] {
		case '\n', '\r', '[', '`':
			return -1
		case ']':
			if i+1 < len(line) && line[i+1] == ']' {
				return i
			}
			return -1
		}
	}
	return -1
}

// splitWikilink splits the text between the brackets at the first '|' and then at the
// first '#'. A backslash before the '|' is dropped, so that "[[a\|b]]" works inside
// GFM table cells, where '|' must be escaped.
func splitWikilink(raw string) (target, anchor, label string) {
	left := raw
	if i := strings.IndexByte(raw, '|'); i >= 0 {
		left, label = raw[:i], strings.TrimSpace(raw[i+1:])
		left = strings.TrimSuffix(left, `\`)
	}
	if i := strings.IndexByte(left, '#'); i >= 0 {
		left, anchor = left[:i], strings.TrimSpace(left[i+1:])
	}
	return strings.TrimSpace(left), anchor, label
}

// wikilinkText is the text of a wikilink as written, without the label: the builder
// shows it when a link has no label and its target is hidden.
func wikilinkText(n *Wikilink) string {
	if n.Label != "" {
		return n.Label
	}
	left := n.Raw
	if i := strings.IndexByte(left, '|'); i >= 0 {
		left = strings.TrimSuffix(left[:i], `\`)
	}
	return strings.TrimSpace(left)
}
