// Package mdext holds Playbook's goldmark extensions: wikilinks, local links that the
// site builder rewrites per page, and the heading id scheme.
//
// Pages link to each other relatively, so the URL of a link depends on the page it is
// rendered into, and a link to a left-out entry must render as plain text. The HTML
// renderer therefore writes placeholders instead of URLs, and the builder substitutes
// them afterwards. Every placeholder is a NUL byte, a letter, a decimal index into
// [Refs] and a NUL byte:
//
//	\x00L<n>\x00            the whole wikilink
//	\x00O<n>\x00 … \x00C<n>\x00  around the rendered text of a link to a Markdown file
//	\x00S<n>\x00            the href of a link, or the src of an image, to another file
//
// Use it like this, with a fresh context for every document:
//
//	md := goldmark.New(
//		goldmark.WithExtensions(mdext.New()),
//		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
//	)
//	pc := parser.NewContext(parser.WithIDs(mdext.NewIDs()))
//	doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
//	refs, headings := mdext.Refs(pc), mdext.Headings(pc)
//
// A NUL byte of the source reaches the output as U+FFFD, in text, code and raw HTML
// alike, so a document cannot forge a placeholder.
package mdext

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// RefKind tells what a [Ref] points at.
type RefKind uint8

const (
	RefWiki RefKind = iota // [[target#anchor|label]]
	RefDoc                 // [text](path.md#anchor): link to a Markdown file
	RefFile                // [text](file.pdf) or ![alt](img.png): any other local file
)

func (k RefKind) String() string {
	switch k {
	case RefWiki:
		return "wiki"
	case RefDoc:
		return "doc"
	case RefFile:
		return "file"
	}
	return "RefKind(?)"
}

// Ref is one link of a document that the builder resolves.
type Ref struct {
	Kind  RefKind
	Image bool // an image, not a link; beside Kind, so the two share a word
	// Target is, for a wikilink, the text before '#' and '|', trimmed; otherwise the
	// path as written, percent-decoded, without #fragment or ?query.
	Target string
	// Anchor is the part after '#', as written (may be empty).
	Anchor string
	// Label is, for a wikilink, the text after '|', trimmed (may be empty); otherwise
	// the plain text of the link's content or the image's alt text.
	Label string
	// Raw is, for a wikilink, the text between "[[" and "]]" as written.
	Raw string
	// Offset is the byte offset in the source of the link's first character
	// ('[' or '!').
	Offset int
}

// Heading is one heading of a document, with its final id.
type Heading struct {
	ID, Text string
	Level    int
	Offset   int // byte offset in the source where the heading starts
}

var (
	refsKey     = parser.NewContextKey()
	headingsKey = parser.NewContextKey()
)

// Refs returns the links of the document parsed with pc, in document order. The
// placeholders' indices are positions in this slice.
func Refs(pc parser.Context) []Ref {
	v, _ := pc.Get(refsKey).([]Ref)
	return v
}

// Headings returns the headings of the document parsed with pc, in document order.
func Headings(pc parser.Context) []Heading {
	v, _ := pc.Get(headingsKey).([]Heading)
	return v
}

// Extension is a goldmark.Extender that adds wikilinks, local-link placeholders and
// the heading id scheme.
type Extension struct{}

// New returns the Playbook extension.
func New() *Extension { return &Extension{} }

// Priorities: goldmark runs lower numbers first. Wikilinks must win over the link
// parser (200) for "[[", and the transformer runs after goldmark's own (100).
const (
	wikilinkPriority    = 199
	transformerPriority = 900
	rendererPriority    = 500
)

// Extend implements goldmark.Extender.
func (e *Extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithInlineParsers(util.Prioritized(wikilinkParser{}, wikilinkPriority)),
		parser.WithASTTransformers(util.Prioritized(transformer{}, transformerPriority)),
	)
	// The writer is set here so that a NUL byte in a code span or code block cannot
	// pose as a placeholder. An extension that installs its own html.Writer after this
	// one replaces it.
	m.Renderer().AddOptions(
		renderer.WithNodeRenderers(util.Prioritized(newHTMLRenderer(), rendererPriority)),
		html.WithWriter(nulSafeWriter{html.DefaultWriter}),
	)
}

var replacementChar = []byte("\uFFFD")

// nulSafeWriter replaces NUL in raw writes too; goldmark's default writer does so only
// in Write and SecureWrite.
type nulSafeWriter struct{ html.Writer }

func (w nulSafeWriter) RawWrite(out util.BufWriter, source []byte) {
	for {
		i := bytes.IndexByte(source, 0)
		if i < 0 {
			break
		}
		w.Writer.RawWrite(out, source[:i])
		_, _ = out.Write(replacementChar)
		source = source[i+1:]
	}
	w.Writer.RawWrite(out, source)
}
