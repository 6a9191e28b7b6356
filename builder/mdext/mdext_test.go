package mdext

import (
	"bytes"
	"io"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/testutil"
	"github.com/yuin/goldmark/text"
)

func newMarkdown(opts ...goldmark.Option) goldmark.Markdown {
	opts = append([]goldmark.Option{
		goldmark.WithExtensions(New()),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	}, opts...)
	return goldmark.New(opts...)
}

// parse parses and renders src as the builder does, with a fresh context.
func parse(t testing.TB, md goldmark.Markdown, src string) (string, parser.Context) {
	t.Helper()
	pc := parser.NewContext(parser.WithIDs(NewIDs()))
	doc := md.Parser().Parse(text.NewReader([]byte(src)), parser.WithContext(pc))
	var out bytes.Buffer
	if err := md.Renderer().Render(&out, []byte(src), doc); err != nil {
		t.Fatal(err)
	}
	return out.String(), pc
}

// visibleMarkdown converts with a fresh IDs per document, as the builder does, and
// shows the NUL bytes of placeholders as "§", since the case file is plain text.
type visibleMarkdown struct{ goldmark.Markdown }

func (m visibleMarkdown) Convert(src []byte, w io.Writer, opts ...parser.ParseOption) error {
	var buf bytes.Buffer
	pc := parser.NewContext(parser.WithIDs(NewIDs()))
	if err := m.Markdown.Convert(src, &buf, append(opts, parser.WithContext(pc))...); err != nil {
		return err
	}
	_, err := w.Write(bytes.ReplaceAll(buf.Bytes(), []byte{0}, []byte("§")))
	return err
}

func TestCaseFile(t *testing.T) {
	testutil.DoTestCaseFile(visibleMarkdown{newMarkdown()}, "_test/wikilinks.txt", t, testutil.ParseCliCaseArg()...)
}
