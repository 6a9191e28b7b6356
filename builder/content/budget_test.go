package content

import (
	"strings"
	"testing"
)

// TestBudgets: small files that once cost minutes or gigabytes are each refused
// with one positioned error, at once. Without the budgets each of these took from
// ten seconds to minutes to parse, or gigabytes of memory.
func TestBudgets(t *testing.T) {
	page := "---\ntitle: x\nsummary: s\n---\n"
	// YAML: one anchor, 2,000 aliases of a list that holds it 2,000 times.
	var bomb strings.Builder
	bomb.WriteString("---\ntitle: x\nsummary: s\nbig: &a [" + strings.Repeat("0123456789,", 150) + "x]\nrows:\n")
	for range 2000 {
		bomb.WriteString("  - *a\n")
	}
	bomb.WriteString("---\n")
	for _, c := range []struct {
		name, text, want string
	}{
		{"link openers", page + strings.Repeat("[a](", 80_000), "content/pages/x.md:5:1: the body has over 5000 links"},
		{"wikilink openers", page + strings.Repeat("[[", 200_000), "content/pages/x.md:5:1: the body has over 5000 links"},
		{"nested quotes", page + "Fine.\n\n" + strings.Repeat(">", 100_000) + " a\n", "content/pages/x.md:7:1: this line nests block quotes or lists 100000 deep: at most 50"},
		{"nested lists", page + strings.Repeat("- ", 50_000) + "a\n", "content/pages/x.md:5:1: this line nests block quotes or lists 50000 deep"},
		{"numbered lists", page + strings.Repeat("1. ", 50_000) + "a\n", "content/pages/x.md:5:1: this line nests block quotes or lists 50000 deep"},
		{"link definitions", page + strings.Repeat("[a]: /x\n", 100_000), "content/pages/x.md:2005:1: the body defines over 2000 link references"},
		{"YAML aliases", bomb.String(), "content/pages/x.md:"},
		{"YAML nesting", "---\ntitle: x\nsummary: s\ndeep: " + strings.Repeat("[", 10_000) + strings.Repeat("]", 10_000) + "\n---\n", "content/pages/x.md:"},
		{"TOML inline tables", "+++\ntitle = \"x\"\nsummary = \"s\"\ndeep = " + strings.Repeat("{a = ", 10_000) + "1" + strings.Repeat("}", 10_000) + "\n+++\n", "content/pages/x.md:"},
		{"TOML arrays", "+++\ntitle = \"x\"\nsummary = \"s\"\ndeep = " + strings.Repeat("[", 10_000) + strings.Repeat("]", 10_000) + "\n+++\n", "content/pages/x.md:"},
		{"JSON nesting", "{\"title\": \"x\", \"summary\": \"s\", \"deep\": " + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "}\n", "content/pages/x.md:"},
		{"JSON nesting, deeper", "{\"title\": \"x\", \"summary\": \"s\", \"deep\": " + strings.Repeat("[", 10_000) + strings.Repeat("]", 10_000) + "}\n", "content/pages/x.md:1:104: JSON front matter: front matter is nested too deeply"},
		{"body size", page + strings.Repeat("word ", MaxMarkdown/5+1), "content/pages/x.md:"},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := Parse("pages/x.md", []byte(c.text), NewMarkdown, false)
			if len(d.Diags) != 1 || !strings.HasPrefix(d.Diags[0].Error(), c.want) {
				t.Fatalf("want one error starting %q, got %v", c.want, d.Diags)
			}
			if d.Diags[0].Pos.Line == 0 {
				t.Errorf("no line: %v", d.Diags[0])
			}
			t.Log(d.Diags[0])
		})
	}
}

// TestBudgetsLeaveRealBodiesAlone: what an author writes is never refused.
func TestBudgetsLeaveRealBodiesAlone(t *testing.T) {
	body := "---\ntitle: x\nsummary: s\n---\n" +
		"> A quote\n> > nested once\n\n- a\n  - b\n    - c\n      1. d\n\n[ref]: https://example.org/\n\nSee [the ref][ref], [[x]] and [a](b.md).\n" +
		strings.Repeat("- [ ] a task with a [link](x.md)\n", 1_000) +
		"```\n" + strings.Repeat(" ", 300) + "deeply indented code\n```\n"
	d := Parse("pages/x.md", []byte(body), NewMarkdown, false)
	if len(d.Diags) != 0 {
		t.Errorf("refused: %v", d.Diags)
	}
}
