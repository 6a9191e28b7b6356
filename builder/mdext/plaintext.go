package mdext

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// PlainText returns the text content of n, for search indexing and summaries: text,
// code spans, the text of wikilinks and autolinks and the description of images, with
// line breaks and block boundaries as single spaces and every run of white space
// collapsed. Code blocks and raw HTML are left out.
func PlainText(n ast.Node, source []byte) string {
	var b strings.Builder
	writePlain(&b, n, source, true)
	return strings.Join(strings.Fields(b.String()), " ")
}

// CountWords counts the words of PlainText(n, source) without building the text.
func CountWords(n ast.Node, source []byte) int {
	var c wordCounter
	writePlain(&c, n, source, false)
	return c.n
}

// plainWriter is what the text walk writes to: a strings.Builder, or a counter.
type plainWriter interface {
	Write([]byte) (int, error)
	WriteByte(byte) error
	WriteString(string) (int, error)
}

type wordCounter struct {
	n    int
	word bool
}

func (c *wordCounter) WriteByte(b byte) error {
	space := b == ' ' || b == '\n' || b == '\t' || b == '\r'
	if !space && !c.word {
		c.n++
	}
	c.word = !space
	return nil
}

func (c *wordCounter) Write(p []byte) (int, error) {
	for _, b := range p {
		c.WriteByte(b)
	}
	return len(p), nil
}

func (c *wordCounter) WriteString(s string) (int, error) {
	for i := 0; i < len(s); i++ {
		c.WriteByte(s[i])
	}
	return len(s), nil
}

// writePlain walks n's text into b; resolve turns entities and escapes into the
// characters they stand for (counting words does without).
func writePlain(b plainWriter, n ast.Node, source []byte, resolve bool) {
	switch n := n.(type) {
	case *ast.Text:
		v := n.Segment.Value(source)
		if !n.IsRaw() && resolve {
			v = resolveText(v)
		}
		b.Write(v)
		if n.SoftLineBreak() || n.HardLineBreak() {
			b.WriteByte(' ')
		}
		return
	case *ast.String:
		// Strings hold HTML when IsCode (the typographer's "&ldquo;" for example).
		v := n.Value
		if (n.IsCode() || !n.IsRaw()) && resolve {
			v = resolveText(v)
		}
		b.Write(v)
		return
	case *Wikilink:
		b.WriteString(wikilinkText(n))
		return
	case *ast.AutoLink:
		b.Write(n.Label(source))
		return
	case *ast.RawHTML, *ast.HTMLBlock, *ast.CodeBlock, *ast.FencedCodeBlock:
		return
	}
	block := n.Type() == ast.TypeBlock
	if block {
		b.WriteByte(' ')
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		writePlain(b, c, source, resolve)
	}
	if block {
		b.WriteByte(' ')
	}
}

// resolveText does what goldmark's HTML writer does to text, without the escaping.
func resolveText(v []byte) []byte {
	v = util.UnescapePunctuations(v)
	v = util.ResolveNumericReferences(v)
	return util.ResolveEntityNames(v)
}
