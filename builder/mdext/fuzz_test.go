package mdext

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
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
	md := newMarkdown()
	f.Fuzz(func(t *testing.T, src string) {
		if d := os.Getenv("MDEXT_FUZZ_LAST"); d != "" {
			_ = os.WriteFile(d+"/"+strconv.Itoa(os.Getpid()), []byte(src), 0o644)
		}
		out, pc := parse(t, md, src)
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
			if h.Offset < 0 || h.Offset > len(src) {
				t.Fatalf("heading offset %d outside the source", h.Offset)
			}
		}
	})
}
