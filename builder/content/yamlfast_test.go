package content

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/internal/sitegen"
)

// samePlainYAML checks that, where plainYAMLNodes reads a file's front matter, it
// makes the nodes the full parser makes, places included, and reports whether it
// read it.
func samePlainYAML(t *testing.T, name, text string) bool {
	t.Helper()
	s, d := splitSource("content/"+name, []byte(text))
	if d != nil || s.syntax != "yaml" {
		return false
	}
	plain, ok := plainYAMLNodes(s)
	if !ok {
		return false
	}
	full, d := fullYAML(s)
	if d != nil {
		t.Fatalf("%s: the full parser says %v, the plain reader read:\n%s", name, d, text)
	}
	if !reflect.DeepEqual(plain, full) {
		t.Fatalf("%s: the plain reader made\n%s\nthe full parser\n%s\nof:\n%s", name, dumpNode(plain), dumpNode(full), text)
	}
	return true
}

func dumpNode(n *node) string {
	var b strings.Builder
	var walk func(n *node, depth int)
	walk = func(n *node, depth int) {
		pad := strings.Repeat("  ", depth)
		if n == nil {
			fmt.Fprintf(&b, "%snil\n", pad)
			return
		}
		fmt.Fprintf(&b, "%s%d %d:%d %s %q items=%v\n", pad, n.kind, n.pos.Line, n.pos.Col, n.tag, n.raw, n.items != nil)
		for i, k := range n.keys {
			fmt.Fprintf(&b, "%s %q at %d:%d\n", pad, k, n.keyPos[i].Line, n.keyPos[i].Col)
			walk(n.vals[i], depth+1)
		}
		for _, it := range n.items {
			walk(it, depth+1)
		}
	}
	walk(n, 0)
	return b.String()
}

// The plain reader reads the front matter of every generated entry and of the
// sample playbook, and makes what the full parser makes of it.
func TestPlainYAMLReadsWhatTheFullParserReads(t *testing.T) {
	dir := t.TempDir()
	if err := sitegen.Write(dir, sitegen.Options{Entries: 120, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	var yaml, read int
	for _, root := range []string{filepath.Join(dir, "content"), "../../content"} {
		filepath.WalkDir(root, func(p string, e os.DirEntry, err error) error {
			if err != nil || e.IsDir() || !strings.HasSuffix(p, ".md") {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(string(data), "---") {
				return nil
			}
			yaml++
			if samePlainYAML(t, p, string(data)) {
				read++
			} else if strings.HasPrefix(p, dir) {
				t.Errorf("%s: the plain reader left it to the full parser:\n%s", p, data)
			}
			return nil
		})
	}
	if yaml < 100 || read < yaml*3/4 {
		t.Errorf("the plain reader read %d of %d YAML front matters", read, yaml)
	}
	t.Logf("the plain reader read %d of %d YAML front matters", read, yaml)
}

func TestPlainYAMLCases(t *testing.T) {
	for _, c := range []struct {
		text string
		read bool
	}{
		{"---\ntitle: A plain title\ndate: 2026-05-18\n---\n", true},
		{"---\ntitle: \"Quoted: with a colon\"\nsummary: 'single'\n---\n", true},
		{"---\nkind: [broken, frustrating]\nthemes: []\nresonance: 4\ndraft: false\nx: ~\ny:\nz: 1\n---\n", true},
		{"---\ntitle: a\nlast:\n---\n", false},
		{"---\nauthors:\n  - Ana Lima\n  - Jo\nevidence:\n  - quote: I gave up.\n    source: survey 82\n    date: 2026-03-31\n---\n", true},
		{"---\nauthors:\n- Ana Lima\ngroup:\n  min: 3\n  max: 12\n---\n", true},
		{"---\ntitle: Café über\nkind: [naïve, thé]\n---\n", true},
		{"---\nurl: https://example.org/a\n---\n", true},
		{"---\ntitle: Q&A, at last! 5* > 4 | 100% @home `x`\nsummary: \"&a *b !c\"\n---\n", true},
		{"---\ntitle: !tag a\n---\n", false},
		{"---\ntitle: 'it''s'\nsummary: ''\n---\n", true},
		{"---\ncare: >-\n  Folded text\n  on two lines.\nnotes: |\n  Kept\n  lines\nx: 1\n---\n", true},
		{"---\nmoments:\n  - moment: a\n    customer: >\n      folded\n      text\n    analog: b\n---\n", true},
		{"---\ncare: >-\n  Folded\n\n  with a blank line\nx: 1\n---\n", false},
		{"---\ncare: |+\n  kept\nx: 1\n---\n", false},
		{"---\nx: 1\ncare: >-\n  Folded\n  at the end\n---\n", true},
		{"---\nroles:\n  - >-\n    folded\n    item\n  - plain\nx: 1\n---\n", true},
		{"---\nroles:\n- |\n  kept\n- plain\n---\n", true},
		{"---\nx: 1\ncare: |\n  Kept\n  at the end\n---\n", true},
		{"---\nx: 1\ncare: >\n  Folded\n  at the end\n---\nbody\n", true},
		{"---\ntitle: >\n  folded\n---\n", true},
		{"---\ntitle: True\nnull: 1\n---\n", false},
		{"---\ntitle: a # comment\n---\n", false},
		{"---\ntitle: |\n  block\n---\n", true},
		{"---\ntitle: a\ntitle: b\n---\n", false},
		{"---\ntitle: \"esc\\\"aped\"\n---\n", false},
		{"---\ntitle: a\n  continued\n---\n", false},
		{"---\nresonance: 4.5\nn: 012\n---\n", false},
		{"---\ntitle: a: b\n---\n", false},
		{"---\n- a\n---\n", false},
		{"---\nx: &a 1\ny: *a\n---\n", false},
	} {
		if got := samePlainYAML(t, "insights/x.md", c.text); got != c.read {
			t.Errorf("read %v, want %v:\n%s", got, c.read, c.text)
		}
	}
}

// FuzzPlainYAML: whatever the plain reader reads, the full parser reads the same.
func FuzzPlainYAML(f *testing.F) {
	samples, _ := filepath.Glob("../../content/*/*.md")
	for _, p := range samples {
		if data, err := os.ReadFile(p); err == nil && strings.HasPrefix(string(data), "---") {
			f.Add(string(data[:min(len(data), 2000)]))
		}
	}
	for _, seed := range []string{
		"---\ntitle: a\nkind: [x, y]\nauthors:\n  - b\nevidence:\n  - quote: q\n    source: s\n---\n",
		"---\ngroup:\n  min: 3\ntags:\n- a\n- b\n---\n",
		"---\ncare: >-\n  Folded text\n  on two lines.\nnotes: |\n  Kept\n  lines\nx: 'it''s'\n---\n",
		"---\ndate: 2026-05-18T10:00:00Z\nupdated: 2026-05-18 10:00\nroles:\n  - >-\n    a\n    b\n  - 'c'\ngroup: {min: 3}\n---\n",
		"---\nTitle: Écrit à la main\nn: -3\nm: +4\nk: 1_000\nz: 0x1F\nf: .5\n---\n",
		"---\ntitle: Q&A! 5* > 4 | 100% @home `x` 'q' \"r\" a:b\nkind: [a&b, c!, d*]\n---\n",
		"---\ntitle: \"q\"\nsummary: 'r'\nn: 12\nd: 2026-01-02\nb: true\nz: null\n---\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		samePlainYAML(t, "insights/x.md", text)
	})
}
