package themes_test

// The search script's engine (matching, prefixes, typos, ranking), run under Node
// on the index of a small playbook made for it: the builder writes the index, the
// theme's search.js answers the queries, and the test checks the answers.

import (
	"context"
	"encoding/json"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/playbookhq/playbook/builder"
	"github.com/playbookhq/playbook/internal/browser"
	"github.com/playbookhq/playbook/themes"
)

// rankingSite has one word, "lantern", in a title, a summary, a field and a body,
// so that the order of the results shows the ranking.
var rankingSite = map[string]string{
	"content/_index.md": "---\ntitle: Ranking playbook\nbaseURL: https://example.org/\n---\n",
	"content/insights/in-title.md": `---
title: The lantern goes out
summary: Nothing else here.
date: 2026-01-01
kind: [broken]
customer: walkers
evidence: [{quote: q}]
---
Plain words.
`,
	"content/insights/in-summary.md": `---
title: Second entry
summary: A lantern in the summary.
date: 2026-01-03
kind: [broken]
customer: walkers
evidence: [{quote: q}]
---
Plain words.
`,
	"content/insights/in-field.md": `---
title: Third entry
summary: Nothing here.
date: 2026-01-02
kind: [broken]
customer: lanterns carriers
evidence: [{quote: q}]
---
Plain words.
`,
	"content/insights/in-body.md": `---
title: Fourth entry
summary: Nothing here either.
date: 2026-01-04
kind: [broken]
customer: walkers
evidence: [{quote: q}]
---
A lantern in the body, and a crème brûlée at the Café Straße.
`,
	"content/pages/titled.md": `---
title: Lanterns, a page
summary: About lanterns.
---
Words.
`,
}

// engineQuery is what the harness prints for one query.
type engineQuery struct {
	Q      string
	Words  []string
	Titles []string // best first
	Scores []int
	ByType map[string]int
	Marks  [][2]int   // in the first result's title
	Near   [][]string // for each word, the terms it was taken for as a typo, or nil
}

const engineHarness = `
const fs = require("fs"), path = require("path"), vm = require("vm");
const [js, site, ...queries] = process.argv.slice(2);
const Engine = require(js);
let got;
globalThis.PlaybookSearch = { add: (name, data) => { got = data; } };
const file = name => {
  const m = name.match(/^(?:(a|b|d|v):)?(.*)$/);
  const f = m[1] ? m[1] + "/" + (m[1] === "d" ? m[2] : Array.from(m[2]).map(c => /^[a-z0-9]$/.test(c) ? c : "_" + c.codePointAt(0).toString(16) + "_").join("")) : m[2];
  return path.join(site, "search/data", f + ".js");
};
const e = new Engine(async name => { got = undefined; vm.runInThisContext(fs.readFileSync(file(name), "utf8")); return got; });
(async () => {
  const out = [];
  for (const q of queries) {
    const r = await e.search(q);
    const docs = await e.docs(r.ids);
    const byType = {};
    r.byType.forEach((n, t) => { if (n) byType[e.meta.types[t].name] = n; });
    out.push({Q: q, Words: r.words, Titles: docs.map(d => d.title), Scores: docs.map(d => r.scores[d.id]), ByType: byType,
      Marks: docs.length ? e.marks(docs[0].title, r.words, r.terms) : [], Near: r.near});
  }
  console.log(JSON.stringify(out));
})().catch(err => { console.error(err); process.exit(1); });
`

func runEngine(t *testing.T, site string, queries ...string) map[string]engineQuery {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		browser.Require(t, &browser.MissingError{Tool: "Node.js", Hint: "install it (Debian: apt-get install nodejs)"})
	}
	harness := filepath.Join(t.TempDir(), "harness.js")
	if err := os.WriteFile(harness, []byte(engineHarness), 0o644); err != nil {
		t.Fatal(err)
	}
	js, err := filepath.Abs("default/assets/js/search.js")
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, append([]string{harness, js, site}, queries...)...).Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			t.Fatalf("node: %v\n%s", err, ee.Stderr)
		}
		t.Fatal(err)
	}
	var res []engineQuery
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	by := map[string]engineQuery{}
	for _, r := range res {
		by[r.Q] = r
	}
	return by
}

// buildSite builds a site of files (path → text) and returns the published folder.
func buildSite(t *testing.T, files map[string]string) string {
	t.Helper()
	src := t.TempDir()
	for name, text := range files {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := builder.Build(context.Background(), builder.Options{Source: src, Dest: dest, Themes: themes.FS(), Today: today}); err != nil {
		t.Fatal(err)
	}
	return dest
}

func TestSearchEngine(t *testing.T) {
	dest := buildSite(t, rankingSite)
	res := runEngine(t, dest, "lantern", "LANT", "la", "lanterns", "the lantern", "lantern body", "creme BRULEE", "cafe strasse", "Café Straße", "x", "zzz", "lantern-walkers")

	// Titles, then summaries and fields, then bodies; the whole word above its
	// beginning; newer first among equals.
	if got, want := res["lantern"].Titles, []string{"The lantern goes out", "Lanterns, a page", "Second entry", "Third entry", "Fourth entry"}; !slices.Equal(got, want) {
		t.Errorf("lantern: %q (scores %v), want %q", got, res["lantern"].Scores, want)
	}
	// A prefix matches "lantern" and "lanterns" alike: equals, newest first.
	if got, want := res["LANT"].Titles, []string{"The lantern goes out", "Lanterns, a page", "Second entry", "Third entry", "Fourth entry"}; !slices.Equal(got, want) {
		t.Errorf("LANT: %q (scores %v), want %q", got, res["LANT"].Scores, want)
	}
	if got := res["LANT"].Words; !slices.Equal(got, []string{"lant"}) {
		t.Errorf("LANT reads as %q", got)
	}
	// Two letters search titles and fields, not bodies.
	if got := res["la"].Titles; slices.Contains(got, "Fourth entry") || !slices.Contains(got, "The lantern goes out") {
		t.Errorf("la: %q", got)
	}
	if got := res["lanterns"].Titles; !slices.Equal(got, []string{"Lanterns, a page", "Third entry"}) {
		t.Errorf("lanterns (no stemming): %q", got)
	}
	if got := res["the lantern"].Titles; !slices.Equal(got, res["lantern"].Titles) {
		t.Errorf("the lantern: %q, want what lantern finds: a stop word is left out", got)
	}
	if got := res["lantern body"].Titles; !slices.Equal(got, []string{"Fourth entry"}) {
		t.Errorf("lantern body: %q, want only the entry with both words", got)
	}
	for _, q := range []string{"creme BRULEE", "cafe strasse", "Café Straße"} {
		if got := res[q].Titles; !slices.Equal(got, []string{"Fourth entry"}) {
			t.Errorf("%s: %q, want the entry with the accented words", q, got)
		}
	}
	if got := res["lantern"].ByType; got["insights"] != 4 || got["pages"] != 1 {
		t.Errorf("lantern counts by type: %v", got)
	}
	if got := res["lantern"].Marks; !slices.Equal(got, [][2]int{{4, 11}}) {
		t.Errorf("lantern marks %v in %q", got, res["lantern"].Titles[0])
	}
	// Every word must match; each counts where it matches best.
	if got, want := res["lantern-walkers"].Titles, []string{"The lantern goes out", "Second entry", "Fourth entry"}; !slices.Equal(got, want) {
		t.Errorf("lantern-walkers: %q (scores %v), want %q", got, res["lantern-walkers"].Scores, want)
	}
	for _, q := range []string{"x", "zzz"} {
		if len(res[q].Titles) != 0 {
			t.Errorf("%s finds %q", q, res[q].Titles)
		}
	}
}

// TestSearchEngineTypos: a word of four characters or more that begins no term
// finds the terms one edit away (two from eight characters on), a swap of two
// characters being one edit, below what the right spelling finds.
func TestSearchEngineTypos(t *testing.T) {
	files := maps.Clone(rankingSite)
	// An entry that has a typo of its own: typing it finds it, not what it is a
	// typo of.
	files["content/pages/misspelt.md"] = "---\ntitle: Spelling\nsummary: As found.\n---\nSome walkres passed by.\n"
	dest := buildSite(t, files)
	res := runEngine(t, dest, "lantern", "lantrn", "lantenr", "cafr", "cfe", "lamtern", "lamterms", "lanterms", "wolkars", "walkres", "walkesr", "lantern walkesr", "lantrn zzzz")

	for _, tc := range []struct {
		q      string
		titles []string
		near   [][]string
	}{
		// A letter left out: the entries with "lantern", in the same order.
		{"lantrn", []string{"The lantern goes out", "Second entry", "Fourth entry"}, [][]string{{"lantern"}}},
		// Two letters swapped are one edit, and seven letters allow one.
		{"lantenr", []string{"The lantern goes out", "Second entry", "Fourth entry"}, [][]string{{"lantern"}}},
		{"walkesr", []string{"Fourth entry", "Second entry", "The lantern goes out"}, [][]string{{"walkers"}}},
		// Four letters: one edit; three: none.
		{"cafr", []string{"Fourth entry"}, [][]string{{"cafe"}}},
		{"cfe", nil, [][]string{nil}},
		// Seven letters: one edit, not two; eight: two, the closer terms first.
		{"lamtern", []string{"The lantern goes out", "Second entry", "Fourth entry"}, [][]string{{"lantern"}}},
		{"wolkars", nil, [][]string{{}}},
		{"lamterms", []string{"Lanterns, a page", "Third entry"}, [][]string{{"lanterns"}}},
		{"lanterms", []string{"Lanterns, a page", "The lantern goes out", "Third entry", "Second entry", "Fourth entry"}, [][]string{{"lanterns", "lantern"}}},
		// A word found as it is typed is not taken for a typo.
		{"walkres", []string{"Spelling"}, [][]string{nil}},
		// Each word on its own: one as typed, one a typo.
		{"lantern walkesr", []string{"The lantern goes out", "Second entry", "Fourth entry"}, [][]string{nil, {"walkers"}}},
		{"lantrn zzzz", nil, [][]string{{"lantern"}, {}}},
	} {
		r := res[tc.q]
		if !slices.Equal(r.Titles, tc.titles) {
			t.Errorf("%s: %q (scores %v), want %q", tc.q, r.Titles, r.Scores, tc.titles)
		}
		if !slices.EqualFunc(r.Near, tc.near, func(a, b []string) bool { return (a == nil) == (b == nil) && slices.Equal(a, b) }) {
			t.Errorf("%s: taken for %q, want %q", tc.q, r.Near, tc.near)
		}
	}
	// Below the right spelling: each entry scores less for a typo than for the
	// word, in the same place.
	exact, typo := res["lantern"], res["lantrn"]
	for i, title := range typo.Titles {
		j := slices.Index(exact.Titles, title)
		if j < 0 || typo.Scores[i] >= exact.Scores[j] {
			t.Errorf("lantrn scores %q %d, lantern %d", title, typo.Scores[i], exact.Scores[max(j, 0)])
		}
	}
	// What the typo stood for is marked.
	if got := typo.Marks; !slices.Equal(got, [][2]int{{4, 11}}) {
		t.Errorf("lantrn marks %v in %q", got, typo.Titles[0])
	}
}

// TestSearchEditDistance: the script's edit distance, which tells how far a
// typo is from a term: a swap of two characters side by side is one edit, and
// a distance over the most asked for reads as one more than it.
func TestSearchEditDistance(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		browser.Require(t, &browser.MissingError{Tool: "Node.js", Hint: "install it (Debian: apt-get install nodejs)"})
	}
	js, err := filepath.Abs("default/assets/js/search.js")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		a, b string
		max  int
		want int
	}{
		{"waitng", "waiting", 1, 1},   // left out
		{"waitting", "waiting", 2, 1}, // added
		{"wauting", "waiting", 1, 1},  // changed
		{"wiating", "waiting", 1, 1},  // swapped
		{"lantenr", "lantern", 1, 1},
		{"waiting", "waiting", 1, 0},
		{"wtiaing", "waiting", 2, 2},    // two swaps
		{"wtiaing", "waiting", 1, 2},    // more than one: one more than max
		{"ca", "abc", 2, 3},             // one swap does not take an insertion inside it
		{"lamterms", "lanterns", 2, 2},  // two changes
		{"lanterms", "lantern", 2, 2},   // a change and a letter left out
		{"lamtrerms", "lanterns", 2, 3}, // too far
		{"café", "cafe", 1, 1},          // characters, not bytes
		{"𝒶bcd", "abcd", 1, 1},
		{"abcdefgh", "ab", 2, 3}, // lengths too far apart
	}
	script := `const E = require(process.argv[1]); const out = [];
for (const [a, b, max] of JSON.parse(process.argv[2])) {
  const cp = s => Array.from(s, c => c.codePointAt(0));
  const bs = Int32Array.from(cp("xx" + b));
  out.push(E.edits(cp(a), bs, 2, bs.length - 2, max));
}
console.log(JSON.stringify(out));`
	var in []any
	for _, c := range cases {
		in = append(in, []any{c.a, c.b, c.max})
	}
	arg, _ := json.Marshal(in)
	out, err := exec.Command(node, "-e", script, js, string(arg)).Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var got []int
	if err := json.Unmarshal(out, &got); err != nil || len(got) != len(cases) {
		t.Fatalf("node printed %s (%v)", out, err)
	}
	for i, c := range cases {
		if got[i] != c.want {
			t.Errorf("edits(%q, %q, max %d) = %d, want %d", c.a, c.b, c.max, got[i], c.want)
		}
	}
}
