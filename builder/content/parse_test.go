package content

import (
	"slices"
	"strings"
	"testing"
	"unsafe"
)

// TestFrontMatterFormats reads the same entry written in YAML, TOML and JSON, with a
// byte-order mark and with CRLF line endings, and checks that each decodes alike
// and that a body link's line is the file's true line.
func TestFrontMatterFormats(t *testing.T) {
	bodies := "\nLine one.\n\nA link on this line: [[nowhere]].\n"
	files := map[string]string{
		"yaml": "---\ntitle: Same\nsummary: s\ndate: 2026-01-01\nkind: [broken, surprising]\ncustomer: c\ngroup-size: 7\nevidence:\n  - quote: q\n    date: 2026-01-02\n---\n" + bodies,
		"toml": "+++\ntitle = \"Same\"\nsummary = \"s\"\ndate = 2026-01-01\nkind = [\"broken\", \"surprising\"]\ncustomer = \"c\"\ngroup-size = 7\n[[evidence]]\nquote = \"q\"\ndate = 2026-01-02\n+++\n" + bodies,
		"json": "{\n  \"title\": \"Same\",\n  \"summary\": \"s\",\n  \"date\": \"2026-01-01\",\n  \"kind\": [\"broken\", \"surprising\"],\n  \"customer\": \"c\",\n  \"group-size\": 7,\n  \"evidence\": [{\"quote\": \"q\",\n    \"date\": \"2026-01-02\"}]\n}\n" + bodies,
	}
	files["json-inline-brace"] = strings.Replace(files["json"], "{\n  \"title\"", "{\"title\"", 1)
	files["yaml-bom-crlf"] = "\ufeff" + strings.ReplaceAll(files["yaml"], "\n", "\r\n")
	files["toml-crlf"] = strings.ReplaceAll(files["toml"], "\n", "\r\n")
	for name, text := range files {
		t.Run(name, func(t *testing.T) {
			d := Parse("insights/x.md", []byte(text), NewMarkdown, false)
			if len(d.Diags) > 0 {
				t.Fatalf("diagnostics:\n%v", d.Diags)
			}
			if d.Title != "Same" || !slices.Equal(d.Kind, []string{"broken", "surprising"}) || d.Customer != "c" ||
				d.Date.Format("2006-01-02") != "2026-01-01" || len(d.Evidence) != 1 || d.Evidence[0].Date.Day() != 2 {
				t.Errorf("decoded %+v", d)
			}
			if v, ok := d.Params["group-size"].(int64); !ok || v != 7 {
				t.Errorf("unknown field kept as %#v", d.Params["group-size"])
			}
			// The body's wikilink sits on the file's line of "A link on this line".
			lines := strings.Split(strings.ReplaceAll(strings.TrimPrefix(text, "\ufeff"), "\r\n", "\n"), "\n")
			want := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "A link") }) + 1
			if got := d.Body.Refs[0].At(d.File); got.Line != want || got.Col != 22 {
				t.Errorf("wikilink at %v, want line %d col 22", got, want)
			}
		})
	}
}

// TestDocSize: a large playbook holds one Doc a file for the whole build, and the
// allocator rounds each up to its size class; a field added or moved that takes
// a Doc past 1,152 bytes costs 128 bytes a file (13 MB at 100,000 entries).
func TestDocSize(t *testing.T) {
	if n := unsafe.Sizeof(Doc{}); n > 1152 {
		t.Errorf("a Doc is %d bytes, over the allocator's 1,152-byte class: order its small fields together", n)
	}
}
