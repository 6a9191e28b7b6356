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
	writePlain(&b, n, source)
	return strings.Join(strings.Fields(b.String()), " ")
}

func writePlain(b *strings.Builder, n ast.Node, source []byte) {
	switch n := n.(type) {
	case *ast.Text:
		v := n.Segment.Value(source)
		if !n.IsRaw() {
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
		if n.IsCode() || !n.IsRaw() {
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
		writePlain(b, c, source)
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
