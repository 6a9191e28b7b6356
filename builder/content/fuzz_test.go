package content

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
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
					if r.Line < 1 || int(r.Line) > lines {
						t.Fatalf("link %q at line %d of a %d-line file", r.Raw, r.Line, lines)
					}
				}
			}
		}
		Parse("_index.md", []byte(text), NewMarkdown, false)
	})
}

// The fuzz targets of each front matter syntax hold every input to a budget: at
// most budgetBytes allocated per input byte (plus a floor), and, while fuzzing
// (not in plain test runs, where seeds alone run), budgetTime.
const (
	budgetFloor = 64 << 20
	budgetBytes = 4 << 10
	budgetTime  = 2 * time.Second
)

func fuzzFrontMatter(f *testing.F, wrap func(string) string, seeds ...string) {
	for _, s := range seeds {
		f.Add(s)
	}
	fuzzing := flag.Lookup("test.fuzz") != nil && flag.Lookup("test.fuzz").Value.String() != ""
	f.Fuzz(func(t *testing.T, text string) {
		data := []byte(wrap(text))
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		d := Parse("pages/x.md", data, NewMarkdown, false)
		took := time.Since(start)
		runtime.ReadMemStats(&after)
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > budgetFloor+budgetBytes*uint64(len(data)) {
			t.Fatalf("%d bytes of input allocated %d MB", len(data), alloc>>20)
		}
		if fuzzing && took > budgetTime {
			t.Fatalf("%d bytes of input took %v", len(data), took)
		}
		lines := bytes.Count(data, []byte("\n")) + 1
		for _, e := range d.Diags {
			if e.Pos.File != "content/pages/x.md" || e.Pos.Line < 1 || e.Pos.Line > lines+1 {
				t.Fatalf("diagnostic %q has a bad position (file has %d lines)", e.Error(), lines)
			}
		}
	})
}

func FuzzYAML(f *testing.F) {
	fuzzFrontMatter(f, func(s string) string { return "---\n" + s + "\n---\nBody.\n" },
		"title: a\nsummary: s",
		"a: &x [1, 2]\nb: [*x, *x, *x]",
		"a: &a [x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]",
		"a: {b: {c: {d: [[[[1]]]]}}}",
		"a: !!binary aGVsbG8=\nb: !custom x",
		"? [complex, key]\n: value",
		"a: |\n  block\n  text\nb: >-\n  folded",
		"<<: {a: 1}\nb: 2",
	)
}

func FuzzTOML(f *testing.F) {
	fuzzFrontMatter(f, func(s string) string { return "+++\n" + s + "\n+++\nBody.\n" },
		"title = \"a\"\nsummary = \"s\"",
		"a = {b = {c = {d = [[[1]]]}}}",
		"[[evidence]]\nquote = \"q\"\n[[evidence]]\nquote = \"r\"",
		"[a.b.c]\nd = 1\n[a]\ne = 2",
		"d = 2026-01-01T10:00:00Z\nt = 10:00:00\nf = 1e10\ni = 0x10",
		"s = '''\nmulti\nline'''",
		"\"quoted key\" = 1\nbare-key = 2",
	)
}

func FuzzJSON(f *testing.F) {
	fuzzFrontMatter(f, func(s string) string {
		if strings.HasPrefix(s, "{") {
			return s + "\n\nBody.\n"
		}
		return "{" + s + "}\n\nBody.\n"
	},
		`"title": "a", "summary": "s"`,
		`{"a": [[[[{"b": null}]]]], "c": 1e400}`,
		`"a": "\ud800", "b": "\u0000"`,
		`"a": 1, "a": 2`,
		`"n": 123456789012345678901234567890`,
	)
}
