package mdext

import (
	"net/url"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// transformer numbers the links of a document, replaces local links by LocalLink
// nodes and gives headings their final ids. It runs after inline parsing, when
// reference-style links have been resolved.
type transformer struct{}

func (transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	source := reader.Source()
	var links, headings []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch n.(type) {
			case *Wikilink, *ast.Link, *ast.Image:
				links = append(links, n)
			case *ast.Heading:
				headings = append(headings, n)
			}
		}
		return ast.WalkContinue, nil
	})

	// HTML cannot nest links, and an image's description becomes its alt text, so a
	// wikilink inside either stays as written. This runs first so that the labels
	// below see the text that is rendered.
	kept := links[:0]
	for _, n := range links {
		if w, ok := n.(*Wikilink); ok && insideLink(w) {
			w.Parent().ReplaceChild(w.Parent(), w, ast.NewTextSegment(w.Segment))
			continue
		}
		kept = append(kept, n)
	}

	var refs []Ref
	for _, n := range kept {
		switch n := n.(type) {
		case *Wikilink:
			n.Index = len(refs)
			refs = append(refs, Ref{
				Kind:   RefWiki,
				Target: n.Target,
				Anchor: n.Anchor,
				Label:  n.Label,
				Raw:    n.Raw,
				Offset: n.Pos(),
			})
		case *ast.Link:
			if ref, ok := localRef(n.Destination, false); ok {
				ref.Label = PlainText(n, source)
				ref.Offset = n.Pos()
				replaceLink(n, &LocalLink{RefKind: ref.Kind, Title: n.Title, Index: len(refs)})
				refs = append(refs, ref)
			}
		case *ast.Image:
			if ref, ok := localRef(n.Destination, true); ok {
				ref.Label = PlainText(n, source)
				ref.Offset = n.Pos()
				replaceLink(n, &LocalLink{RefKind: ref.Kind, Image: true, Title: n.Title, Index: len(refs)})
				refs = append(refs, ref)
			}
		}
	}
	pc.Set(refsKey, refs)
	pc.Set(headingsKey, headingIDs(headings, source, pc))
}

func insideLink(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		switch p.(type) {
		case *ast.Link, *ast.Image, *LocalLink:
			return true
		}
	}
	return false
}

// replaceLink puts to in the place of from, with from's children and attributes.
func replaceLink(from ast.Node, to *LocalLink) {
	to.SetPos(from.Pos())
	for _, a := range from.Attributes() {
		to.SetAttribute(a.Name, a.Value)
	}
	for c := from.FirstChild(); c != nil; {
		next := c.NextSibling()
		to.AppendChild(to, c)
		c = next
	}
	from.Parent().ReplaceChild(from.Parent(), from, to)
}

// localRef classifies a link destination. It reports false for what the browser
// resolves on its own: an empty destination, a fragment, a scheme-relative URL, a URL
// with a scheme, or a bare "?query".
func localRef(dest []byte, image bool) (Ref, bool) {
	// The same resolution as goldmark's renderer, so that the decision matches the
	// href that would have been written.
	d := string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(dest))))
	if d == "" || d[0] == '#' || strings.HasPrefix(d, "//") || hasScheme(d) {
		return Ref{}, false
	}
	path, anchor, _ := strings.Cut(d, "#")
	path, _, _ = strings.Cut(path, "?")
	if path == "" {
		return Ref{}, false
	}
	if p, err := url.PathUnescape(path); err == nil {
		path = p
	}
	ref := Ref{Kind: RefFile, Target: path, Anchor: anchor, Image: image}
	if !image && len(path) >= 3 && strings.EqualFold(path[len(path)-3:], ".md") {
		ref.Kind = RefDoc
	}
	return ref, true
}

// hasScheme reports whether s starts with ^[A-Za-z][A-Za-z0-9+.-]*:
func hasScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '.' || c == '-'):
		case i > 0 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}

// headingIDs gives every heading its final id, generated from its plain text, and
// lists the headings. Explicit ids ("# Title {#id}") are kept; only the document's own
// IDs can tell them from goldmark's automatic ones, so with any other parser.IDs every
// id is generated again.
func headingIDs(nodes []ast.Node, source []byte, pc parser.Context) []Heading {
	ids, ours := pc.IDs().(*IDs)
	explicit := make([]string, len(nodes))
	var keep []string
	if ours {
		for i, n := range nodes {
			if v, ok := n.AttributeString("id"); ok {
				if b, ok := v.([]byte); ok && !ids.generated(b) {
					explicit[i] = string(b)
					keep = append(keep, explicit[i])
				}
			}
		}
	} else {
		ids = NewIDs()
	}
	ids.restart(keep)
	headings := make([]Heading, 0, len(nodes))
	for i, n := range nodes {
		h := n.(*ast.Heading)
		text := PlainText(h, source)
		id := explicit[i]
		if id == "" {
			id = ids.generate(Slugify(text))
			h.SetAttributeString("id", []byte(id))
		}
		headings = append(headings, Heading{ID: id, Text: text, Level: h.Level, Offset: headingOffset(h, source)})
	}
	return headings
}

// headingOffset is where h starts: its first '#', or the first character of a setext
// heading's text. goldmark's Pos counts a tab's virtual spaces as bytes (">\t# x"), so
// an ATX heading is found from its text instead, which the segments place exactly.
func headingOffset(h *ast.Heading, source []byte) int {
	if len(source) == 0 {
		return 0
	}
	p := min(max(h.Pos(), 0), len(source)-1)
	if h.Lines().Len() > 0 {
		p = h.Lines().At(0).Start
		q := p
		for q > 0 && (source[q-1] == ' ' || source[q-1] == '\t') {
			q--
		}
		if q == 0 || source[q-1] != '#' {
			return p // setext: nothing but container markers precede the text
		}
		p = q - 1
	}
	// An empty ATX heading: back from wherever Pos points to the start of its '#' run.
	for p > 0 && source[p] != '#' && source[p] != '\n' {
		p--
	}
	for p > 0 && source[p-1] == '#' {
		p--
	}
	return p
}
