package content

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"

	"github.com/playbookhq/playbook/builder/internal/keys"
	"github.com/playbookhq/playbook/builder/mdext"
)

// NewMarkdown returns the one goldmark instance a build uses. goldmark parsers and
// renderers hold no per-document state, so it serves every worker.
func NewMarkdown(unsafeHTML bool) goldmark.Markdown {
	opts := []renderer.Option{}
	if unsafeHTML {
		opts = append(opts, html.WithUnsafe())
	}
	return goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList, extension.Footnote, mdext.New()),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(opts...),
	)
}

// renderBuffers are reused across bodies: goldmark wraps any writer that is not
// already buffered in a new bufio.Writer, and a fresh buffer grows by copying.
var renderBuffers = sync.Pool{New: func() any {
	b := &renderBuffer{}
	b.w = bufio.NewWriterSize(&b.buf, 8<<10)
	return b
}}

type renderBuffer struct {
	buf bytes.Buffer
	w   *bufio.Writer
}

// parseBody parses and, unless lazy, renders the source's body, and returns the
// text of its first paragraph, for a missing summary.
func parseBody(md goldmark.Markdown, s *source, lazy bool) (*Body, string) {
	doc, pc := parseMarkdown(md, s.body)
	b := &Body{Headings: mdext.Headings(pc)}
	if !lazy {
		b.html = renderHTML(md, s.body, doc)
	}
	if refs := mdext.Refs(pc); len(refs) > 0 {
		b.Refs = make([]BodyRef, len(refs)) // kept as long as the document: no room to grow
		for i, r := range refs {
			at := s.bodyPos(r.Offset)
			b.Refs[i] = BodyRef{Ref: r, Line: int32(at.Line), Col: int32(at.Col)}
		}
	}
	// The text itself is not kept: search reads it from the HTML when it needs it.
	b.Words = mdext.CountWords(doc, s.body)
	lead := ""
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() == ast.KindParagraph {
			lead = mdext.PlainText(c, s.body)
			break
		}
	}
	return b, lead
}

// parseMarkdown parses a body, with the context that gathers its links and
// headings.
func parseMarkdown(md goldmark.Markdown, src []byte) (ast.Node, parser.Context) {
	pc := parser.NewContext(parser.WithIDs(mdext.NewIDs()))
	return md.Parser().Parse(text.NewReader(src), parser.WithContext(pc)), pc
}

// renderHTML renders a parsed body. Bodies may stay in memory for the whole
// build: the HTML keeps no spare capacity.
func renderHTML(md goldmark.Markdown, src []byte, doc ast.Node) []byte {
	rb := renderBuffers.Get().(*renderBuffer)
	defer renderBuffers.Put(rb)
	rb.buf.Reset()
	rb.w.Reset(&rb.buf)
	// Rendering into a buffer cannot fail.
	_ = md.Renderer().Render(rb.w, src, doc)
	rb.w.Flush()
	return bytes.Clone(rb.buf.Bytes())
}

// bodyFile is where a lazy body is rendered from.
type bodyFile struct {
	fsys fs.FS
	file string // "content/insights/a.md"
	hash uint64 // of the bytes it was loaded from
	md   goldmark.Markdown
}

// render reads the file again and renders its body as parseBody did.
func (f *bodyFile) render() ([]byte, error) {
	data, err := fs.ReadFile(f.fsys, f.file)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read it again: %v", f.file, unwrapPath(err))
	}
	if keys.Bytes(data) != f.hash {
		return nil, fmt.Errorf("%s changed while the site was being built: build again", f.file)
	}
	s, problem := splitSource(f.file, data)
	if problem != nil {
		return nil, problem // cannot be: the same bytes split when they were loaded
	}
	doc, _ := parseMarkdown(f.md, s.body)
	return renderHTML(f.md, s.body, doc), nil
}

// Shorten cuts text to about n characters at a word boundary.
func Shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut := 0
	for i := range s {
		if cut >= n {
			s = s[:i]
			break
		}
		cut++
	}
	if sp := strings.LastIndexByte(s, ' '); sp > len(s)/2 {
		s = s[:sp]
	}
	return strings.TrimRight(s, " ,;:.-–—") + "…"
}
