package mdext

import (
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// Wikilink is a [[target#anchor|label]] link. It has no children: the builder renders
// the whole link, because its text may be the target's title.
type Wikilink struct {
	ast.BaseInline
	Target, Anchor, Label, Raw string
	// Segment covers the link from "[[" to "]]", so it can be turned back into text.
	Segment text.Segment
	// Index is the link's position in Refs, or -1 when it is not one.
	Index int
}

// KindWikilink is the NodeKind of Wikilink.
var KindWikilink = ast.NewNodeKind("Wikilink")

// Kind implements ast.Node.Kind.
func (n *Wikilink) Kind() ast.NodeKind { return KindWikilink }

// Dump implements ast.Node.Dump.
func (n *Wikilink) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{
		"Target": n.Target,
		"Anchor": n.Anchor,
		"Label":  n.Label,
		"Index":  strconv.Itoa(n.Index),
	}, nil)
}

// LocalLink replaces an ast.Link or ast.Image whose destination is a local path. Its
// children are the link's content or the image's description.
type LocalLink struct {
	ast.BaseInline
	RefKind RefKind
	Image   bool
	Title   []byte
	// Index is the link's position in Refs.
	Index int
}

// KindLocalLink is the NodeKind of LocalLink.
var KindLocalLink = ast.NewNodeKind("LocalLink")

// Kind implements ast.Node.Kind.
func (n *LocalLink) Kind() ast.NodeKind { return KindLocalLink }

// Dump implements ast.Node.Dump.
func (n *LocalLink) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{
		"RefKind": n.RefKind.String(),
		"Image":   strconv.FormatBool(n.Image),
		"Title":   string(n.Title),
		"Index":   strconv.Itoa(n.Index),
	}, nil)
}
