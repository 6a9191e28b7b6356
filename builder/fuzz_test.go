package builder

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseDoc feeds arbitrary bytes to the loader as every type of entry: it must
// never panic, and every problem must name the file and a line inside it.
func FuzzParseDoc(f *testing.F) {
	for _, text := range siteFS(hiddenSite) {
		f.Add(string(text.Data))
	}
	for _, seed := range []string{
		"---\ntitle: a\nkind: [broken\n---\n",
		"+++\ntitle = \"a\"\n[[evidence]]\nquote = \"q\"\n+++\n[[x]]",
		"{\n\"title\": \"a\", \"group\": {\"min\": 3}\n}\n\nbody [[y#z|w]]",
		"{\"title\": 1}\n",
		"\ufeff---\r\ntitle: a\r\n---\r\n![x](y.png)",
		"---\na: &x [*x]\n---\n",
		"---\ntitle: x\ngroup: 12-6\nduration: 1h 99m\ndate: 2026-13-45\n---\n",
		"---\n---\n",
		"+++\n+++\n",
	} {
		f.Add(seed)
	}
	md := newMarkdown(false)
	f.Fuzz(func(t *testing.T, text string) {
		for _, dir := range []string{"insights", "analogies", "experiences", "sessions", "pages"} {
			d := parseDoc(dir+"/x.md", []byte(text), md)
			lines := strings.Count(text, "\n") + 1
			for _, diag := range d.diags {
				if diag.Pos.File != "content/"+dir+"/x.md" || diag.Pos.Line < 1 || diag.Pos.Line > lines+1 {
					t.Fatalf("diagnostic %q has a bad position (file has %d lines)", diag.Error(), lines)
				}
				if !utf8.ValidString(diag.Msg) && utf8.ValidString(text) {
					t.Fatalf("message is not UTF-8: %q", diag.Msg)
				}
			}
			if d.body != nil {
				for _, r := range d.body.refs {
					if r.pos.Line < 1 || r.pos.Line > lines {
						t.Fatalf("link %q at line %d of a %d-line file", r.Raw, r.pos.Line, lines)
					}
				}
			}
		}
		parseDoc("_index.md", []byte(text), nil)
	})
}
