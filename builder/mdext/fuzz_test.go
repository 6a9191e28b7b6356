package mdext

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
)

// caseInputs returns the Markdown inputs of a goldmark-format case file.
func caseInputs(t testing.TB, name string) []string {
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	const sep = "//- - - - - - - - -//\n"
	var inputs []string
	for _, c := range strings.Split(string(data), "//= = = = = = = = = = = = = = = = = = = = = = = =//") {
		parts := strings.Split(c, sep)
		if len(parts) == 3 {
			inputs = append(inputs, strings.TrimSuffix(parts[1], "\n"))
		}
	}
	return inputs
}

var placeholderRE = regexp.MustCompile("\x00([LOCS])([0-9]+)\x00")

func FuzzParse(f *testing.F) {
	for _, in := range caseInputs(f, "_test/wikilinks.txt") {
		f.Add(in)
	}
	f.Add("[[a]]\r\n- [b](b.md)\n\t> ![c](c.png)\n")
	// The builder's configuration, with and without raw HTML.
	exts := goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList, extension.Footnote)
	safe := newMarkdown(exts)
	unsafe := newMarkdown(exts, goldmark.WithRendererOptions(html.WithUnsafe()))
	f.Fuzz(func(t *testing.T, src string) {
		out, pc := parse(t, safe, src)
		if raw, _ := parse(t, unsafe, src); strings.Count(raw, "\x00") != strings.Count(out, "\x00") {
			t.Fatalf("NUL count differs with raw HTML: %q", raw)
		}
		refs := Refs(pc)
		for i, r := range refs {
			if r.Offset < 0 || r.Offset >= len(src) {
				t.Fatalf("ref %d: offset %d outside the source (%d bytes)", i, r.Offset, len(src))
			}
			first := src[r.Offset]
			switch {
			case r.Kind == RefWiki && !strings.HasPrefix(src[r.Offset:], "[["),
				r.Image && first != '!',
				!r.Image && first != '[':
				t.Fatalf("ref %d (%+v) starts at %q", i, r, src[r.Offset:])
			}
		}
		// Every NUL in the output belongs to a placeholder with a valid index.
		rest := placeholderRE.ReplaceAllStringFunc(out, func(p string) string {
			n, err := strconv.Atoi(p[2 : len(p)-1])
			if err != nil || n >= len(refs) {
				t.Fatalf("placeholder %q with %d refs", p, len(refs))
			}
			return ""
		})
		if strings.IndexByte(rest, 0) >= 0 {
			t.Fatalf("stray NUL in output %q", out)
		}
		seen := map[string]bool{}
		for _, h := range Headings(pc) {
			if seen[h.ID] || h.ID == "" {
				t.Fatalf("heading id %q repeated or empty", h.ID)
			}
			seen[h.ID] = true
			if h.Offset < 0 || h.Offset >= len(src) {
				t.Fatalf("heading offset %d outside the source", h.Offset)
			}
			if c := src[h.Offset]; c == ' ' || c == '\t' || c == '\n' || c == '\r' {
				t.Fatalf("heading %+v starts at %q", h, src[h.Offset:])
			}
		}
	})
}

// FuzzSlugify holds the ASCII path to the general one.
func FuzzSlugify(f *testing.F) {
	for _, s := range []string{"Late fees", "already-a-slug", "C++ & Go 1.26", "a\tb", "Übergrößen"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Slugify(s), slugify(s); got != want {
			t.Errorf("Slugify(%q) = %q, the general path gives %q", s, got, want)
		}
	})
}
