package search

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/playbookhq/playbook/builder/content"
	"github.com/playbookhq/playbook/builder/internal/sitetest"
	"github.com/playbookhq/playbook/builder/site"
)

func TestFoldTerms(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"The Queue hides its RULES", []string{"the", "queue", "hides", "its", "rules"}},
		{"Café résumé, Straße and ÆSIR", []string{"cafe", "resume", "strasse", "and", "aesir"}},
		{"cafe\u0301 nai\u0308ve", []string{"cafe", "naive"}}, // combining accents
		{"Łódź, Kraków; Ørsted", []string{"lodz", "krakow", "orsted"}},
		{"first-time applicants' 24/7 help", []string{"first", "time", "applicants", "24", "help"}},
		{"a I x 7 ok", []string{"ok"}}, // one character is not a term
		{"ΣΟΦΊΑ Москва", []string{"σοφία", "москва"}},
		{strings.Repeat("x", 41) + " kept", []string{"kept"}},
		{"", nil},
	} {
		if got := foldTerms(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("foldTerms(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestPostingsCode(t *testing.T) {
	for _, l := range [][]int32{nil, {0}, {5}, {0, 1, 2, 3}, {31, 32, 33}, {1000, 1031, 1032, 40000, 1 << 30}} {
		code := string(appendPostings(nil, l))
		if got := decodePostings(code); !slices.Equal(got, l) {
			t.Errorf("%v coded as %q decodes to %v", l, code, got)
		}
		if strings.ContainsAny(code, `"\`) {
			t.Errorf("%v coded as %q, which a JSON string would escape", l, code)
		}
	}
	if got := string(appendPostings(nil, []int32{0, 1, 2, 3})); got != "0000" {
		t.Errorf("consecutive documents coded as %q, want one digit each", got)
	}
}

func TestAppendJSONString(t *testing.T) {
	for _, s := range []string{"", "plain", `a "quote" and a \ backslash`, "tab\tnew\nline\x00\x1f", "line\u2028para\u2029end", "é ü ß 中 🙂", "</script>"} {
		b := appendJSONString(nil, s)
		var back string
		if err := json.Unmarshal(b, &back); err != nil || back != s {
			t.Errorf("%q coded as %s reads back %q (%v)", s, b, back, err)
		}
		if strings.ContainsAny(string(b), "\u2028\u2029\n") {
			t.Errorf("%q coded as %s keeps a line break", s, b)
		}
	}
}

var today = time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)

// indexer runs the stages that the index reads from (load, link) and the index
// itself over an inline site, build after build, as the builder does.
type indexer struct {
	t      *testing.T
	fsys   fstest.MapFS
	loader *content.Loader
	linker *site.Linker
	index  *Index
	files  map[string][]byte
	site   *site.Site
}

func newIndexer(t *testing.T, fsys fstest.MapFS) *indexer {
	return &indexer{t: t, fsys: fsys, loader: content.NewLoader(), linker: site.NewLinker(), index: New(), files: map[string][]byte{}}
}

// build indexes the site again, told which paths changed (nil: every one), and
// returns the files whose bytes changed or went, relative to the index's folder.
func (x *indexer) build(changed []string) []string {
	x.t.Helper()
	set, err := x.loader.Load(context.Background(), x.fsys, changed)
	if err != nil {
		x.t.Fatal(err)
	}
	s, diags := x.linker.Link(set, site.Options{Today: today})
	if err := append(set.Diags, diags...).Err(); err != nil {
		x.t.Fatal(err)
	}
	x.site = s
	files, err := x.index.Files(context.Background(), s, true)
	if err != nil {
		x.t.Fatal(err)
	}
	next := map[string][]byte{}
	var wrote []string
	for _, f := range files {
		next[f.Path] = f.Data
		if old, ok := x.files[f.Path]; !ok || !bytes.Equal(old, f.Data) {
			wrote = append(wrote, strings.TrimPrefix(f.Path, searchDir))
		}
	}
	for p := range x.files {
		if _, ok := next[p]; !ok {
			wrote = append(wrote, strings.TrimPrefix(p, searchDir))
		}
	}
	slices.Sort(wrote)
	x.files = next
	return wrote
}

// indexOf indexes an inline site once.
func indexOf(t *testing.T, archive string) (*site.Site, map[string][]byte) {
	x := newIndexer(t, sitetest.FS(archive))
	x.build(nil)
	return x.site, x.files
}

// builtIndex is a build's index, read back.
type builtIndex struct {
	meta struct {
		N       int    `json:"n"`
		Chunk   int    `json:"chunk"`
		Doc     string `json:"doc"`
		A, B, V string
		Fold    map[string]string `json:"fold"`
		Stop    string            `json:"stop"`
	}
	terms  map[string]*postings // by class, from both kinds of shard
	shards map[string]string    // term → the files that hold it
	vocab  []string             // the terms of v/, in the order of its files
	docs   [][]any              // title, slug, date, summary, facts
	files  map[string][]byte
}

// readIndex reads the index files of a built site and checks their shape.
func readIndex(t *testing.T, files map[string][]byte) *builtIndex {
	t.Helper()
	ix := &builtIndex{terms: map[string]*postings{}, shards: map[string]string{}, files: files}
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, p := range paths {
		data := files[p]
		s := string(data)
		open, close := "PlaybookSearch.add(", ");\n"
		if !strings.HasPrefix(s, open) || !strings.HasSuffix(s, close) {
			t.Fatalf("%s is not a call of PlaybookSearch.add: %.60q", p, s)
		}
		s = strings.TrimSuffix(strings.TrimPrefix(s, open), close)
		var name string
		dec := json.NewDecoder(strings.NewReader(s))
		if err := dec.Decode(&name); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		rest := strings.TrimPrefix(strings.TrimSpace(s[dec.InputOffset():]), ",")
		rel := strings.TrimSuffix(strings.TrimPrefix(p, searchDir), ".js")
		switch {
		case rel == "meta":
			if err := json.Unmarshal([]byte(rest), &ix.meta); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
		case strings.HasPrefix(rel, "a/"), strings.HasPrefix(rel, "b/"):
			dir := rel[:1]
			prefix, ok := strings.CutPrefix(name, dir+":")
			if !ok || shardFile(prefix) != rel[2:] {
				t.Errorf("%s registers as %q", p, name)
			}
			var terms map[string]json.RawMessage
			if err := json.Unmarshal([]byte(rest), &terms); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			for rest, raw := range terms {
				var lists []string
				var err error
				if dir == "b" {
					lists = []string{""}
					err = json.Unmarshal(raw, &lists[0])
				} else {
					err = json.Unmarshal(raw, &lists)
				}
				if err != nil {
					t.Fatalf("%s: %q: %v", p, rest, err)
				}
				term := prefix + rest
				n := 2
				if dir == "b" {
					n = 3
				}
				if runePrefix(term, n) != prefix || dir == "b" && runePrefix(term, 2) == term {
					t.Errorf("%s holds %q", p, term)
				}
				ps := ix.terms[term]
				if ps == nil {
					ps = &postings{}
					ix.terms[term] = ps
				}
				classes := []int{inTitle, inFields, inBody}
				if dir == "b" {
					classes = []int{inBody}
				}
				for i, l := range lists {
					ps[classes[i]] = append(ps[classes[i]], decodePostings(l)...)
				}
				ix.shards[term] += " " + rel
			}
		case strings.HasPrefix(rel, "v/"):
			if name != "v:"+rel[2:] {
				t.Errorf("%s registers as %q", p, name)
			}
			n, err := strconv.Atoi(rel[2:])
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			var text string
			if err := json.Unmarshal([]byte(rest), &text); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			terms, err := decodeVocab(text, n)
			if err != nil {
				t.Errorf("%s: %v", p, err)
			}
			if !slices.IsSorted(terms) || len(slices.Compact(slices.Clone(terms))) != len(terms) {
				t.Errorf("%s: terms out of order or twice: %q", p, terms)
			}
			ix.vocab = append(ix.vocab, terms...)
		case strings.HasPrefix(rel, "d/"):
			var recs [][]any
			if err := json.Unmarshal([]byte(rest), &recs); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			ix.docs = append(ix.docs, recs...) // Paths are sorted: d/0, d/1, ... below ten files
		}
	}
	if ix.meta.N != len(ix.docs) || len(ix.meta.Doc) != ix.meta.N {
		t.Fatalf("meta says %d documents (types of %d), the files hold %d", ix.meta.N, len(ix.meta.Doc), len(ix.docs))
	}
	// The vocabulary is every term that a typo can be meant for, once.
	var want []string
	for term := range ix.terms {
		if inVocab(term) {
			want = append(want, term)
		}
	}
	slices.Sort(want)
	got := slices.Sorted(slices.Values(ix.vocab))
	if !slices.Equal(got, want) {
		t.Errorf("the vocabulary holds %q, want %q", got, want)
	}
	return ix
}

// decodeVocab reverses writeVocab: the terms of n characters that text holds.
func decodeVocab(text string, n int) ([]string, error) {
	var terms []string
	var prev []rune
	rs := []rune(text)
	for len(rs) > 0 {
		shared := strings.IndexRune(postingDigits, rs[0])
		if shared < 0 || shared > len(prev) || 1+n-shared > len(rs) {
			return terms, fmt.Errorf("bad term at %q", string(rs))
		}
		t := append(slices.Clone(prev[:shared]), rs[1:1+n-shared]...)
		rs = rs[1+n-shared:]
		terms = append(terms, string(t))
		prev = t
	}
	return terms, nil
}

// classOf is where a term was found in a document: its class, or -1.
func (ix *builtIndex) classOf(term string, doc int) int {
	if p := ix.terms[term]; p != nil {
		for c, l := range p {
			if slices.Contains(l, int32(doc)) {
				return c
			}
		}
	}
	return -1
}

func (ix *builtIndex) doc(t *testing.T, title string) int {
	t.Helper()
	for i, d := range ix.docs {
		if d[0] == title {
			return i
		}
	}
	t.Fatalf("no document titled %q", title)
	return -1
}

func TestSearchIndex(t *testing.T) {
	site := sitetest.Minimal + `
-- content/pages/accents.md --
---
title: Café résumé
summary: Straße naïve.
themes: [Ærø]
---
Crème brûlée.
`
	_, files := indexOf(t, site)
	ix := readIndex(t, files)

	// Newest first; pages without a date last.
	var titles []string
	for _, d := range ix.docs {
		titles = append(titles, d[0].(string))
	}
	want := []string{"March session", "The waiting room", "Restaurant waitlist", "Emergency triage", "The queue hides its rules", "About", "Café résumé"}
	if !slices.Equal(titles, want) {
		t.Errorf("documents %q, want %q", titles, want)
	}
	if ix.meta.Doc != "3211044" {
		t.Errorf("document types %q, want 3211044", ix.meta.Doc)
	}
	queue := ix.doc(t, "The queue hides its rules")
	if d := ix.docs[queue]; d[1] != "queue" || d[2] != "2026-01-10" || d[3] != "People cannot see the order they are served in." {
		t.Errorf("queue's record: %q", d)
	}
	if facts := ix.docs[queue][4]; !slices.Equal(toStrings(facts), []string{"Customer", "walk-in residents", "Kind", "frustrating", "Themes", "Hidden rules, waiting", "Tags", "counter"}) {
		t.Errorf("queue's facts: %q", facts)
	}

	// Each term once per document, in the best place it appears.
	triage := ix.doc(t, "Emergency triage")
	accents := ix.doc(t, "Café résumé")
	for _, tc := range []struct {
		term  string
		doc   int
		class int
	}{
		{"queue", queue, inTitle},
		{"the", queue, inTitle},     // titles keep stop words
		{"cannot", queue, inFields}, // summary
		{"walk", queue, inFields},   // customer
		{"hidden", queue, inFields}, // themes
		{"counter", queue, inFields},
		{"frustrating", queue, inFields},
		{"knowing", queue, inBody},
		{"idea", queue, inBody},      // evidence
		{"interview", queue, inBody}, // evidence source
		{"hospital", triage, inFields},
		{"posted", triage, inBody},
		{"cafe", accents, inTitle},
		{"resume", accents, inTitle},
		{"strasse", accents, inFields},
		{"naive", accents, inFields},
		{"aero", accents, inFields},
		{"creme", accents, inBody},
		{"brulee", accents, inBody},
	} {
		if got := ix.classOf(tc.term, tc.doc); got != tc.class {
			t.Errorf("%q in %q: class %d, want %d", tc.term, ix.docs[tc.doc][0], got, tc.class)
		}
	}
	// Stop words stay out of bodies; the wikilink reads as its target's title.
	if p := ix.terms["the"]; p != nil && len(p[inBody]) > 0 {
		t.Errorf("the stop word %q is indexed in bodies %v", "the", p[inBody])
	}
	if got := ix.classOf("emergency", queue); got != inBody {
		t.Errorf("queue's link to triage is not indexed as its label (class %d)", got)
	}

	// Shards: two characters for titles and fields, three for bodies.
	for term, want := range map[string]string{"queue": " a/qu b/que", "knowing": " b/kno", "brulee": " b/bru", "hospital": " a/ho"} {
		if got := ix.shards[term]; got != want {
			t.Errorf("%q is in%s, want%s", term, got, want)
		}
	}
	if ix.meta.A == "" || ix.meta.B == "" || !strings.Contains(" "+ix.meta.A+" ", " qu ") || !strings.Contains(" "+ix.meta.B+" ", " kno ") {
		t.Errorf("meta lists shards a %q, b %q", ix.meta.A, ix.meta.B)
	}
	// The vocabulary: words of three characters or more, without stop words or
	// digits, in files by length.
	for term, want := range map[string]bool{"queue": true, "brulee": true, "strasse": true, "hospital": true, "the": false, "its": false, "qu": false, "2026": false} {
		if got := slices.Contains(ix.vocab, term); got != want {
			t.Errorf("%q in the vocabulary: %v, want %v", term, got, want)
		}
	}
	if !strings.Contains(" "+ix.meta.V+" ", " 5 ") || strings.Contains(" "+ix.meta.V+" ", " 2 ") {
		t.Errorf("meta lists vocabulary lengths %q", ix.meta.V)
	}
	if ix.meta.Fold["é"] != "e" || ix.meta.Fold["ß"] != "ss" {
		t.Errorf("meta's folding table lacks é or ß: %v", ix.meta.Fold)
	}
}

func toStrings(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

func TestShardFile(t *testing.T) {
	for in, want := range map[string]string{"qu": "qu", "20": "20", "мо": "_43c__43e_", "a中": "a_4e2d_"} {
		if got := shardFile(in); got != want {
			t.Errorf("shardFile(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSearchIndexLeavesOutHidden: drafts and entries above the build's visibility
// are not in the index, not even as terms.
func TestSearchIndexLeavesOutHidden(t *testing.T) {
	s, files := indexOf(t, sitetest.Hidden)
	ix := readIndex(t, files)
	if ix.meta.N != len(s.Entries) {
		t.Errorf("index holds %d documents, the site publishes %d", ix.meta.N, len(s.Entries))
	}
	for _, term := range []string{"leak", "should"} {
		if p := ix.terms[term]; p != nil {
			t.Errorf("hidden term %q is in the index: %v", term, *p)
		}
	}
	for _, d := range ix.docs {
		if strings.Contains(strings.ToLower(d[0].(string)+d[1].(string)+d[3].(string)), "leak") {
			t.Errorf("hidden document in the index: %q", d)
		}
	}
	// The links page reads its hidden links as text: that text is indexed, the
	// hidden entries' titles are not.
	links := ix.doc(t, "Links")
	if ix.classOf("note", links) != inBody {
		t.Errorf("the label of a link to a hidden entry is not indexed as text")
	}
}

// TestSearchIndexBodyEdit: a rebuild after a body edit rewrites only the shard of
// the words that changed (and meta.js when a shard comes or goes).
func TestSearchIndexBodyEdit(t *testing.T) {
	fsys := sitetest.FS(sitetest.Minimal)
	x := newIndexer(t, fsys)
	build := func() []string {
		t.Helper()
		return x.build([]string{"content/insights/queue.md"})
	}
	build()
	edit := func(old, new string) {
		f := fsys["content/insights/queue.md"]
		if !strings.Contains(string(f.Data), old) {
			t.Fatalf("queue.md lacks %q", old)
		}
		fsys["content/insights/queue.md"] = &fstest.MapFile{Data: []byte(strings.Replace(string(f.Data), old, new, 1))}
	}

	// The same shard, kno; the vocabulary loses a word of 7 characters and gains
	// one of 9.
	edit("without knowing why", "without knowledge why")
	if got := build(); !slices.Equal(got, []string{"b/kno.js", "v/7.js", "v/9.js"}) {
		t.Errorf("a body edit within one shard changed %q, want b/kno.js, v/7.js and v/9.js", got)
	}
	edit("Residents wait", "Residents wait, knotted,")
	if got := build(); !slices.Equal(got, []string{"b/kno.js", "v/7.js"}) {
		t.Errorf("a new body word changed %q, want b/kno.js and v/7.js", got)
	}
	edit("Residents wait", "Residents wait, knotted, posted,") // a word another body has
	if got := build(); !slices.Equal(got, []string{"b/pos.js"}) {
		t.Errorf("a body word that another body has changed %q, want only b/pos.js", got)
	}
	edit("Residents wait", "Residents wait, puzzled,") // a new shard, which meta.js lists
	if got := build(); !slices.Equal(got, []string{"b/puz.js", "meta.js", "v/7.js"}) {
		t.Errorf("a new body word in a new shard changed %q, want b/puz.js, meta.js and v/7.js", got)
	}
	if got := build(); len(got) != 0 {
		t.Errorf("a rebuild without changes changed %q", got)
	}
	edit("title: The queue hides its rules", "title: The line hides its rules")
	got := build()
	for _, want := range []string{"a/li.js", "a/qu.js", "d/0.js"} {
		if !slices.Contains(got, want) {
			t.Errorf("a title edit changed %q, which lacks %s", got, want)
		}
	}
}

// searchEditSite is minimalSite with enough pages for several files of documents,
// whose words recur from page to page.
func searchEditSite() fstest.MapFS {
	fsys := sitetest.FS(sitetest.Minimal)
	words := strings.Fields("amber basil cedar delta ember fjord garnet harbor indigo juniper kestrel lagoon " +
		"meadow nutmeg orchid pepper quartz raven saffron thistle umber violet willow xenon yarrow zinnia")
	for i := range 50 {
		var body []string
		for j := range 12 {
			body = append(body, words[(i*7+j*j+j)%len(words)])
		}
		date := ""
		if i%5 != 4 { // some pages without a date, which come last
			date = fmt.Sprintf("date: 2025-%02d-%02d\n", 1+i%12, 1+i%27)
		}
		link := ""
		if i%3 == 0 {
			link = " See [[queue]]."
		}
		fsys[fmt.Sprintf("content/pages/p%02d.md", i)] = &fstest.MapFile{Data: fmt.Appendf(nil,
			"---\ntitle: Page %d %s\nsummary: About %s and %s.\n%s---\n%s.%s\n",
			i, words[i%len(words)], words[(i+3)%len(words)], words[(i*5)%len(words)], date, strings.Join(body, " "), link)}
	}
	return fsys
}

// TestSearchIndexRebuild edits a site step by step through one builder and checks
// after each step that every file of the index is what a fresh build writes, and
// that the index was updated in place when the documents and their order stayed
// the same, and made again otherwise.
func TestSearchIndexRebuild(t *testing.T) {
	fsys := searchEditSite()
	x := newIndexer(t, fsys)
	x.build(nil)
	if n := len(x.index.last.chunks); n < 4 {
		t.Fatalf("the site's documents fill %d files, want several", n)
	}

	var changed []string
	set := func(path, text string) {
		fsys[path] = &fstest.MapFile{Data: []byte(text)}
		changed = append(changed, path)
	}
	edit := func(path, old, new string) {
		t.Helper()
		f := fsys[path]
		if !strings.Contains(string(f.Data), old) {
			t.Fatalf("%s lacks %q", path, old)
		}
		set(path, strings.Replace(string(f.Data), old, new, 1))
	}
	const updated, remade = true, false
	steps := []struct {
		name    string
		change  func()
		inPlace bool
	}{
		{"nothing", func() {}, updated},
		{"body edit adding words", func() {
			edit("content/pages/p07.md", "\n---\n", "\n---\nZygote zymurgy qi, and amber again; knowing floccinaucinihilipilification.\n\n")
			edit("content/pages/p31.md", "\n---\n", "\n---\nZygote and Ørsted.\n\n")
		}, updated},
		{"body edit removing words", func() {
			edit("content/pages/p07.md", "Zygote zymurgy qi, and amber again; knowing floccinaucinihilipilification.", "Still here.")
		}, updated},
		{"body edit removing the last of a shard", func() {
			edit("content/pages/p31.md", "Zygote and Ørsted.", "")
		}, updated},
		{"body word in a title", func() { edit("content/pages/p12.md", "\n---\n", "\n---\nPage twelve, about meadows.\n\n") }, updated},
		{"title edit", func() {
			edit("content/pages/p12.md", "title: Page 12", "title: Leaf 12 zinnia meadows qi")
			edit("content/insights/queue.md", "title: The queue hides its rules", "title: The line hides its rules")
		}, updated},
		{"summary edit", func() { edit("content/pages/p20.md", "summary: About", "summary: Mostly about willow and") }, updated},
		{"a linked title, read in other bodies", func() {
			edit("content/insights/queue.md", "title: The line hides its rules", "title: The hidden queue")
		}, updated},
		{"new entry", func() {
			set("content/pages/fresh.md", "---\ntitle: Fresh page\nsummary: New.\ndate: 2025-06-15\n---\nBrand new quokka words.\n")
		}, remade},
		{"deleted entry", func() { delete(fsys, "content/pages/p03.md"); changed = append(changed, "content/pages/p03.md") }, remade},
		{"draft", func() { edit("content/pages/p08.md", "---\ntitle", "---\ndraft: true\ntitle") }, remade},
		{"draft published", func() { edit("content/pages/p08.md", "draft: true\n", "") }, remade},
		{"re-dated", func() { edit("content/pages/p05.md", "date: 2025-06-06", "date: 2024-06-06") }, remade},
		{"body edit after all that", func() { edit("content/pages/p05.md", "\n---\n", "\n---\nQuokka and zygote.\n\n") }, updated},
	}
	for _, step := range steps {
		changed = nil
		step.change()
		before := x.index.last
		wrote := x.build(changed)
		if inPlace := x.index.last == before; inPlace != step.inPlace {
			t.Errorf("%s: index updated in place %v, want %v", step.name, inPlace, step.inPlace)
		}
		switch step.name {
		case "nothing":
			if len(wrote) > 0 {
				t.Errorf("a rebuild without changes wrote %q", wrote)
			}
		case "body edit removing the last of a shard":
			if _, ok := x.files[searchDir+"b/zyg.js"]; ok || !slices.Contains(wrote, "meta.js") {
				t.Errorf("the last word of a shard gone, the index wrote %q and kept b/zyg.js %v", wrote, ok)
			}
		}
		full := newIndexer(t, fsys)
		full.build(nil)
		compareSearch(t, step.name, x.files, full.files)
	}
}

// compareSearch checks that got holds the index files of want, byte for byte.
func compareSearch(t *testing.T, step string, got, want map[string][]byte) {
	t.Helper()
	keys := func(m map[string][]byte) []string {
		out := make([]string, 0, len(m))
		for p := range m {
			out = append(out, p)
		}
		slices.Sort(out)
		return out
	}
	gp, wp := keys(got), keys(want)
	if !slices.Equal(gp, wp) {
		t.Errorf("%s: index files differ:\n got %v\nwant %v", step, gp, wp)
		return
	}
	for _, p := range wp {
		if !bytes.Equal(got[p], want[p]) {
			t.Errorf("%s: %s differs from a full build's:\n--- rebuilt\n%s\n--- full\n%s", step, p, got[p], want[p])
		}
	}
}
