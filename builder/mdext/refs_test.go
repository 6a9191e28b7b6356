package mdext

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
)

// wantRef is a Ref whose Offset is given as the text found there, which must occur
// once in the source.
type wantRef struct {
	Kind                       RefKind
	Target, Anchor, Label, Raw string
	Image                      bool
	At                         string
}

func TestRefs(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []wantRef
	}{{
		name: "wikilink forms",
		src:  "See [[a]], [[insights/b|B]], [[c#h]] and [[ d # Some Heading | the d ]].\n",
		want: []wantRef{
			{Kind: RefWiki, Target: "a", Raw: "a", At: "[[a]]"},
			{Kind: RefWiki, Target: "insights/b", Label: "B", Raw: "insights/b|B", At: "[[insights/b|B]]"},
			{Kind: RefWiki, Target: "c", Anchor: "h", Raw: "c#h", At: "[[c#h]]"},
			{Kind: RefWiki, Target: "d", Anchor: "Some Heading", Label: "the d", Raw: " d # Some Heading | the d ", At: "[[ d #"},
		},
	}, {
		name: "list items and block quotes",
		src:  "Intro.\n\n- one [[a]]\n  - two\t[[b]]\n\n> quoted [x](x.md)\n> > deeper ![i](i.png)\n\n1. [[c]]\n",
		want: []wantRef{
			{Kind: RefWiki, Target: "a", Raw: "a", At: "[[a]]"},
			{Kind: RefWiki, Target: "b", Raw: "b", At: "[[b]]"},
			{Kind: RefDoc, Target: "x.md", Label: "x", At: "[x]"},
			{Kind: RefFile, Target: "i.png", Label: "i", Image: true, At: "![i]"},
			{Kind: RefWiki, Target: "c", Raw: "c", At: "[[c]]"},
		},
	}, {
		name: "after front-matter-like lines and blank lines",
		src:  "---\ntitle: x\n---\n\n\n\nBody [[a]]\nmore [b](b.md)\n",
		want: []wantRef{
			{Kind: RefWiki, Target: "a", Raw: "a", At: "[[a]]"},
			{Kind: RefDoc, Target: "b.md", Label: "b", At: "[b]"},
		},
	}, {
		name: "CRLF",
		src:  "# T\r\n\r\nline one\r\nline [[a|A]] two\r\n\r\n- [b](b.md)\r\n",
		want: []wantRef{
			{Kind: RefWiki, Target: "a", Label: "A", Raw: "a|A", At: "[[a|A]]"},
			{Kind: RefDoc, Target: "b.md", Label: "b", At: "[b]"},
		},
	}, {
		name: "multi-byte text before",
		src:  "Ünïcode — “quotes” [[a]] ![ä](ä%C3%B6.png)",
		want: []wantRef{
			{Kind: RefWiki, Target: "a", Raw: "a", At: "[[a]]"},
			{Kind: RefFile, Target: "äö.png", Label: "ä", Image: true, At: "![ä]"},
		},
	}, {
		name: "doc links: fragment, query, decoding, escapes",
		src:  "[a](../insights/a.md#why) [b *c*](/b.MD?x=1#y) [d](my%20doc.md) [e](e\\_f.md) [g](<h i.md>) [j](k&amp;l.md#m%20n)",
		want: []wantRef{
			{Kind: RefDoc, Target: "../insights/a.md", Anchor: "why", Label: "a", At: "[a]"},
			{Kind: RefDoc, Target: "/b.MD", Anchor: "y", Label: "b c", At: "[b *c*]"},
			{Kind: RefDoc, Target: "my doc.md", Label: "d", At: "[d]"},
			{Kind: RefDoc, Target: "e_f.md", Label: "e", At: "[e]"},
			{Kind: RefDoc, Target: "h i.md", Label: "g", At: "[g]"},
			{Kind: RefDoc, Target: "k&l.md", Anchor: "m%20n", Label: "j", At: "[j]"},
		},
	}, {
		name: "reference-style links point at their use",
		src:  "[full][r], [r] and ![pic][p]\n\n[r]: docs/r.md#s\n[p]: p.jpg\n",
		want: []wantRef{
			{Kind: RefDoc, Target: "docs/r.md", Anchor: "s", Label: "full", At: "[full]"},
			{Kind: RefDoc, Target: "docs/r.md", Anchor: "s", Label: "r", At: "[r] and"},
			{Kind: RefFile, Target: "p.jpg", Label: "pic", Image: true, At: "![pic]"},
		},
	}, {
		name: "image inside link, in document order",
		src:  "[![logo](logo.svg) home](index.md)",
		want: []wantRef{
			{Kind: RefDoc, Target: "index.md", Label: "logo home", At: "[![logo]"},
			{Kind: RefFile, Target: "logo.svg", Label: "logo", Image: true, At: "![logo]"},
		},
	}, {
		name: "untouched",
		src:  "[a](http://x.md) [b](mailto:b@c) [c](#c) [d](//d/e.md) [e]() [f](?g) `[[h]]` \\[[i]] [see [[j]]](http://k) <http://l>\n\n```\n[[m]]\n```\n",
	}}
	md := newMarkdown()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, pc := parse(t, md, tt.src)
			got := Refs(pc)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d refs, want %d: %+v", len(got), len(tt.want), got)
			}
			for i, w := range tt.want {
				if strings.Count(tt.src, w.At) != 1 {
					t.Fatalf("%q does not occur once in the source", w.At)
				}
				want := Ref{Kind: w.Kind, Target: w.Target, Anchor: w.Anchor, Label: w.Label,
					Raw: w.Raw, Image: w.Image, Offset: strings.Index(tt.src, w.At)}
				if got[i] != want {
					t.Errorf("ref %d:\n got %+v\nwant %+v", i, got[i], want)
				}
			}
		})
	}
}

func TestHeadings(t *testing.T) {
	src := "# Late fees\n\nText.\n\n## Late *fees*\n\n> ### In a quote\n\n- #### In a list [[x|label]]\n\nSetext\n===\n\n## ???\n## Übergrößen & Co.\n#  Late fees  #\n"
	want := []Heading{
		{ID: "late-fees", Text: "Late fees", Level: 1},
		{ID: "late-fees-1", Text: "Late fees", Level: 2},
		{ID: "in-a-quote", Text: "In a quote", Level: 3},
		{ID: "in-a-list-label", Text: "In a list label", Level: 4},
		{ID: "setext", Text: "Setext", Level: 1},
		{ID: "section", Text: "???", Level: 2},
		{ID: "übergrößen-co", Text: "Übergrößen & Co.", Level: 2},
		{ID: "late-fees-2", Text: "Late fees", Level: 1},
	}
	at := []string{"# Late fees\n\nText", "## Late *", "### In", "#### In", "Setext", "## ???", "## Ü", "#  Late"}
	_, pc := parse(t, newMarkdown(), src)
	got := Headings(pc)
	if len(got) != len(want) {
		t.Fatalf("got %d headings, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		want[i].Offset = strings.Index(src, at[i])
		if got[i] != want[i] {
			t.Errorf("heading %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

// Ids are generated by the transformer, so they follow the scheme whatever IDs the
// context has and whether or not goldmark's automatic ids are on.
func TestHeadingIDsWithoutOurIDs(t *testing.T) {
	md := goldmark.New(goldmark.WithExtensions(New()))
	var out strings.Builder
	if err := md.Convert([]byte("# A_b\n# A-b\n"), &out); err != nil {
		t.Fatal(err)
	}
	want := "<h1 id=\"a-b\">A_b</h1>\n<h1 id=\"a-b-1\">A-b</h1>\n"
	if out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
}

func TestExplicitHeadingIDsAreKept(t *testing.T) {
	src := "# Intro\n# Other {#intro}\n# Intro\n"
	for name, md := range map[string]goldmark.Markdown{
		"auto ids": newMarkdown(goldmark.WithParserOptions(parser.WithHeadingAttribute())),
		"no auto ids": goldmark.New(goldmark.WithExtensions(New()),
			goldmark.WithParserOptions(parser.WithHeadingAttribute())),
	} {
		out, pc := parse(t, md, src)
		var ids []string
		for _, h := range Headings(pc) {
			ids = append(ids, h.ID)
		}
		if got := strings.Join(ids, " "); got != "intro-1 intro intro-2" {
			t.Errorf("%s: ids %q\n%s", name, got, out)
		}
	}
}

func TestXHTMLImage(t *testing.T) {
	md := newMarkdown(goldmark.WithRendererOptions(html.WithXHTML()))
	out, _ := parse(t, md, `![a "b"](c.png "d")`)
	want := "<p><img src=\"\x00S0\x00\" alt=\"a &quot;b&quot;\" title=\"d\" /></p>\n"
	if out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

// A NUL byte in the source must not come out as the start of a placeholder.
func TestNULCannotForgePlaceholders(t *testing.T) {
	src := "`\x00L7\x00` \x00L8\x00\n\n```\n\x00S9\x00\n```\n\n    \x00O1\x00\n"
	src += "<b title=\"\x00L2\x00\">x</b>\n\n<div>\x00L3\x00</div>\n"
	for _, md := range []goldmark.Markdown{newMarkdown(), newMarkdown(goldmark.WithRendererOptions(html.WithUnsafe()))} {
		out, _ := parse(t, md, src)
		if strings.IndexByte(out, 0) >= 0 {
			t.Errorf("NUL in output: %q", out)
		}
	}
}

// goldmark's own Pos is off by a tab's virtual spaces; these offsets are checked
// against the source.
func TestHeadingOffsets(t *testing.T) {
	tests := []struct{ src, at string }{
		{">\t# x", "# x"},
		{">\t#", "#"},
		{"-\t## item", "## item"},
		{"  ### indented ###", "### indented"},
		{"   Setext\n===", "Setext"},
		{">  Quoted setext\n> ---", "Quoted"},
		{"#", "#"},
		{"x\n\n##   \n", "##"},
		{"> - \t#\tdeep", "#\tdeep"},
	}
	for _, tt := range tests {
		_, pc := parse(t, newMarkdown(), tt.src)
		hs := Headings(pc)
		if len(hs) != 1 {
			t.Errorf("%q: %d headings", tt.src, len(hs))
			continue
		}
		if want := strings.Index(tt.src, tt.at); hs[0].Offset != want {
			t.Errorf("%q: offset %d, want %d", tt.src, hs[0].Offset, want)
		}
	}
}

// The builder may turn GFM on: wikilinks must survive table cells (with "\|") and
// autolinked URLs ending in ".md" are not local links.
func TestWithGFM(t *testing.T) {
	md := newMarkdown(goldmark.WithExtensions(extension.GFM))
	src := "| a | b |\n|---|---|\n| [[x\\|y]] | [d](d.md) |\n\nwww.example.com/a.md ~~[[s]]~~\n"
	out, pc := parse(t, md, src)
	want := []Ref{
		{Kind: RefWiki, Target: "x", Label: "y", Raw: `x\|y`, Offset: strings.Index(src, "[[x")},
		{Kind: RefDoc, Target: "d.md", Label: "d", Offset: strings.Index(src, "[d]")},
		{Kind: RefWiki, Target: "s", Raw: "s", Offset: strings.Index(src, "[[s")},
	}
	got := Refs(pc)
	if len(got) != len(want) {
		t.Fatalf("got %+v\n%q", got, out)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("ref %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
	if !strings.Contains(out, `<a href="http://www.example.com/a.md">`) {
		t.Errorf("autolink rewritten: %q", out)
	}
}
