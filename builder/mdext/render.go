package mdext

import (
	"bytes"
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// htmlRenderer renders Wikilink and LocalLink nodes with placeholders where the
// builder puts URLs.
type htmlRenderer struct {
	html.Config
	// goldmark's renderer, kept for its functions, which are not exported: an image's
	// alt text must come out exactly as goldmark writes it, and raw HTML is wrapped.
	inner *html.Renderer
	funcs funcTable
}

func newHTMLRenderer() *htmlRenderer {
	r := &htmlRenderer{
		Config: html.NewConfig(),
		inner:  html.NewRenderer().(*html.Renderer),
		funcs:  funcTable{},
	}
	r.inner.RegisterFuncs(r.funcs)
	return r
}

type funcTable map[ast.NodeKind]renderer.NodeRendererFunc

func (t funcTable) Register(k ast.NodeKind, f renderer.NodeRendererFunc) { t[k] = f }

// SetOption implements renderer.SetOptioner, so that XHTML, the writer and the other
// options reach the alt text too.
func (r *htmlRenderer) SetOption(name renderer.OptionName, value any) {
	r.Config.SetOption(name, value)
	r.inner.SetOption(name, value)
}

// RegisterFuncs implements renderer.NodeRenderer.
func (r *htmlRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindWikilink, r.renderWikilink)
	reg.Register(KindLocalLink, r.renderLocalLink)
	// With html.WithUnsafe goldmark copies raw HTML byte for byte, NUL included.
	// Registered at a higher priority than goldmark's renderer, these replace its own.
	for _, k := range []ast.NodeKind{ast.KindRawHTML, ast.KindHTMLBlock} {
		f := r.funcs[k]
		reg.Register(k, func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
			return f(nulFilter{w}, source, n, entering)
		})
	}
}

// nulFilter replaces NUL bytes written through it by U+FFFD.
type nulFilter struct{ util.BufWriter }

func (w nulFilter) Write(p []byte) (int, error) {
	n := len(p)
	for {
		i := bytes.IndexByte(p, 0)
		if i < 0 {
			break
		}
		if _, err := w.BufWriter.Write(p[:i]); err != nil {
			return 0, err
		}
		if _, err := w.BufWriter.Write(replacementChar); err != nil {
			return 0, err
		}
		p = p[i+1:]
	}
	if _, err := w.BufWriter.Write(p); err != nil {
		return 0, err
	}
	return n, nil
}

func (w nulFilter) WriteString(s string) (int, error) { return w.Write([]byte(s)) }

func (w nulFilter) WriteRune(r rune) (int, error) {
	if r == 0 {
		r = '\uFFFD'
	}
	return w.BufWriter.WriteRune(r)
}

func (w nulFilter) WriteByte(c byte) error {
	if c == 0 {
		_, err := w.BufWriter.Write(replacementChar)
		return err
	}
	return w.BufWriter.WriteByte(c)
}

func writePlaceholder(w util.BufWriter, letter byte, index int) {
	_ = w.WriteByte(0)
	_ = w.WriteByte(letter)
	_, _ = w.WriteString(strconv.Itoa(index))
	_ = w.WriteByte(0)
}

func (r *htmlRenderer) renderWikilink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*Wikilink)
	if n.Index < 0 { // the transformer did not run: show the link as written
		r.Writer.Write(w, n.Segment.Value(source))
		return ast.WalkSkipChildren, nil
	}
	writePlaceholder(w, 'L', n.Index)
	return ast.WalkSkipChildren, nil
}

func (r *htmlRenderer) renderLocalLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*LocalLink)
	switch {
	case n.Image:
		if entering {
			r.renderImage(w, source, n)
		}
		return ast.WalkSkipChildren, nil
	case n.RefKind == RefDoc:
		// The builder writes the <a> itself, or nothing when the target is hidden, so
		// the title and attributes have nowhere to go.
		if entering {
			writePlaceholder(w, 'O', n.Index)
		} else {
			writePlaceholder(w, 'C', n.Index)
		}
		return ast.WalkContinue, nil
	}
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<a href="`)
	writePlaceholder(w, 'S', n.Index)
	_ = w.WriteByte('"')
	r.renderTitle(w, n.Title)
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, html.LinkAttributeFilter)
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

// renderImage follows goldmark's renderImage, with the placeholder as src.
func (r *htmlRenderer) renderImage(w util.BufWriter, source []byte, n *LocalLink) {
	_, _ = w.WriteString(`<img src="`)
	writePlaceholder(w, 'S', n.Index)
	_, _ = w.WriteString(`" alt="`)
	r.renderTexts(w, source, n)
	_ = w.WriteByte('"')
	r.renderTitle(w, n.Title)
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, html.ImageAttributeFilter)
	}
	if r.XHTML {
		_, _ = w.WriteString(" />")
	} else {
		_ = w.WriteByte('>')
	}
}

func (r *htmlRenderer) renderTitle(w util.BufWriter, title []byte) {
	if title != nil {
		_, _ = w.WriteString(` title="`)
		r.Writer.Write(w, title)
		_ = w.WriteByte('"')
	}
}

// renderTexts writes the text of n's descendants as goldmark does for alt text.
func (r *htmlRenderer) renderTexts(w util.BufWriter, source []byte, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if k := c.Kind(); k == ast.KindText || k == ast.KindString {
			_, _ = r.funcs[k](w, source, c, true)
		} else {
			r.renderTexts(w, source, c)
		}
	}
}
