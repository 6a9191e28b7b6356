package mdext

import (
	"strings"
	"testing"
	"unsafe"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

func TestSlugify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Late fees", "late-fees"},
		{"  Late   fees  ", "late-fees"},
		{"late_fees--and__more", "late-fees-and-more"},
		{"Late - fees", "late-fees"},
		{"-_ lead and trail _-", "lead-and-trail"},
		{"Q&A: what?!", "qa-what"},
		{"C++ & Go 1.26", "c-go-126"},
		{"Übergrößen", "übergrößen"},
		{"ΑΒΓ δ", "αβγ-δ"},
		{"日本語 テキスト", "日本語-テキスト"},
		{"٣ arabic digits", "٣-arabic-digits"},
		{"emoji 🎉 here", "emoji-here"},
		{"a\tb\nc", "a-b-c"},
		{"", "section"},
		{"???", "section"},
		{" - _ ", "section"},
		{"already-a-slug", "already-a-slug"},
	}
	for _, tt := range tests {
		if got := Slugify(tt.in); got != tt.want {
			t.Errorf("Slugify(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestSlugifyASCII holds the ASCII path to the general one, for every byte and for
// runs of the characters that matter.
func TestSlugifyASCII(t *testing.T) {
	check := func(in string) {
		t.Helper()
		if got, want := Slugify(in), slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, the general path gives %q", in, got, want)
		}
	}
	for c := 0; c < 0x80; c++ {
		check(string(rune(c)))
		check("a" + string(rune(c)) + "B")
		check(string(rune(c)) + "z9" + string(rune(c)))
	}
	alphabet := "aZ0 -_\t\v\r\n.&"
	for i := 0; i < 20000; i++ {
		var b []byte
		for n := i; n > 0; n /= len(alphabet) {
			b = append(b, alphabet[n%len(alphabet)])
		}
		check(string(b))
	}
	check(strings.Repeat("Long Title ", 20))
	if s := "already-a-slug"; unsafe.StringData(Slugify(s)) != unsafe.StringData(s) {
		t.Error("a slug is copied rather than returned as it is")
	}
}

func TestIDsGenerate(t *testing.T) {
	ids := NewIDs()
	ids.Put([]byte("b-1"))
	var got []string
	for _, v := range []string{"A", "a", "B", "b", "A", "", "?"} {
		got = append(got, string(ids.Generate([]byte(v), ast.KindHeading)))
	}
	want := []string{"a", "a-1", "b", "b-2", "a-2", "section", "section-1"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("Generate #%d = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct{ src, want string }{
		{"Hello *big* **bold** world", "Hello big bold world"},
		{"soft\nbreak and hard  \nbreak and hard\\\nbreak", "soft break and hard break and hard break"},
		{"Para one.\n\nPara two.\n\n- item\n- item two\n\n> quote", "Para one. Para two. item item two quote"},
		{"code `a  *b*` span", "code a *b* span"},
		{"[[a]] [[b|Label]] [[c#h]] [[d#h|]]", "a Label c#h d#h"},
		{"[link *text*](http://x) ![alt **t**](i.png) <http://auto.link>", "link text alt t http://auto.link"},
		{"escaped \\*star\\* &amp; &copy; &#65;", "escaped *star* & © A"},
		{"raw <b>html</b> stays out", "raw html stays out"},
		{"# Title\n\n```\ncode block\n```\n\n    indented\n\n<div>\nblock\n</div>\n\nafter", "Title after"},
		{"a\n\n---\n\nb", "a b"},
		{"", ""},
	}
	md := newMarkdown()
	for _, tt := range tests {
		pc := parser.NewContext(parser.WithIDs(NewIDs()))
		doc := md.Parser().Parse(text.NewReader([]byte(tt.src)), parser.WithContext(pc))
		if got := PlainText(doc, []byte(tt.src)); got != tt.want {
			t.Errorf("PlainText(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}
