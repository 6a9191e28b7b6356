package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse feeds arbitrary bytes to the loader as every type of entry: it must
// never panic, and every problem must name the file and a line inside it.
func FuzzParse(f *testing.F) {
	samples, _ := filepath.Glob("../../content/*/*.md")
	for _, p := range samples {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(string(data))
		}
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
	f.Fuzz(func(t *testing.T, text string) {
		for _, dir := range []string{"insights", "analogies", "experiences", "sessions", "pages"} {
			d := Parse(dir+"/x.md", []byte(text), NewMarkdown, false)
			lines := strings.Count(text, "\n") + 1
			for _, diag := range d.Diags {
				if diag.Pos.File != "content/"+dir+"/x.md" || diag.Pos.Line < 1 || diag.Pos.Line > lines+1 {
					t.Fatalf("diagnostic %q has a bad position (file has %d lines)", diag.Error(), lines)
				}
				if !utf8.ValidString(diag.Msg) && utf8.ValidString(text) {
					t.Fatalf("message is not UTF-8: %q", diag.Msg)
				}
			}
			if d.Body != nil {
				for _, r := range d.Body.Refs {
					if r.Pos.Line < 1 || r.Pos.Line > lines {
						t.Fatalf("link %q at line %d of a %d-line file", r.Raw, r.Pos.Line, lines)
					}
				}
			}
		}
		Parse("_index.md", []byte(text), NewMarkdown, false)
	})
}
