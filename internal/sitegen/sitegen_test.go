package sitegen

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// doc is one content file as the tests read it back.
type doc struct {
	path     string // relative to content/
	typ      string
	slug     string
	format   int
	fm       map[string]any // strings and []string (YAML, TOML); anything (JSON)
	body     string
	headings map[string]bool // ids
}

var (
	slugRE     = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	wikilinkRE = regexp.MustCompile(`\[\[([^\]]*)\]\]`)
	mdLinkRE   = regexp.MustCompile(`\[([^\]]*)\]\(\.\./([^)/#]*)/(#[^)]*)?\)`)
)

func TestWrite(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	const n = 200
	if err := Write(dir, Options{Entries: n, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	docs, index := readContent(t, filepath.Join(dir, "content"))

	if !strings.HasPrefix(index, "---\n") || !strings.Contains(index, `baseURL: "https://bench.example.org/"`) {
		t.Errorf("content/_index.md lacks the site settings:\n%s", index)
	}

	// Counts, formats, folders.
	want := counts(n)
	perType := map[string][]*doc{}
	var formats [3]int
	inFolders := 0
	for _, d := range docs {
		perType[d.typ] = append(perType[d.typ], d)
		formats[d.format]++
		if strings.Count(d.path, "/") > 1 {
			inFolders++
		}
	}
	total := 0
	for i, name := range typeNames {
		total += want[i]
		if got := len(perType[name]); got != want[i] {
			t.Errorf("%d %s, want %d", got, name, want[i])
		}
	}
	if total != n || len(docs) != n {
		t.Errorf("%d entries written, %d planned, want %d", len(docs), total, n)
	}
	if want[tPages] < 2 || want[tInsights] < n*40/100 || want[tSessions] < n*15/100 {
		t.Errorf("distribution %v", want)
	}
	if formats[fmtYAML] < n*65/100 || formats[fmtTOML] < n*4/100 || formats[fmtJSON] < n*4/100 {
		t.Errorf("front-matter formats (YAML, TOML, JSON) = %v", formats)
	}
	if inFolders < n*30/100 || inFolders > n*70/100 {
		t.Errorf("%d of %d entries in sub-folders, want about half", inFolders, n)
	}

	// Slugs: valid, unique within a type, and (so that [[slug]] is never ambiguous)
	// unique across types.
	byID := map[string]*doc{}
	bySlug := map[string][]*doc{}
	for _, d := range docs {
		if !slugRE.MatchString(d.slug) {
			t.Errorf("%s: bad slug %q", d.path, d.slug)
		}
		id := d.typ + "/" + d.slug
		if o := byID[id]; o != nil {
			t.Errorf("%s: slug %q also used by %s", d.path, d.slug, o.path)
		}
		byID[id] = d
		bySlug[d.slug] = append(bySlug[d.slug], d)
	}

	// Front matter: required fields and references.
	ref := func(d *doc, key, typ string, required bool) {
		v, ok := d.fm[key]
		if !ok {
			if required {
				t.Errorf("%s: no %s", d.path, key)
			}
			return
		}
		var slugs []string
		switch v := v.(type) {
		case string:
			slugs = []string{v}
		case []string:
			slugs = v
		}
		if len(slugs) == 0 {
			t.Errorf("%s: %s = %#v, want slugs", d.path, key, v)
		}
		for _, s := range slugs {
			if byID[typ+"/"+s] == nil {
				t.Errorf("%s: %s names %q, not an existing %s slug", d.path, key, s, typ)
			}
		}
	}
	for _, d := range docs {
		for _, k := range []string{"title", "summary", "date"} {
			if s, ok := d.fm[k].(string); !ok || s == "" {
				t.Errorf("%s: %s = %#v", d.path, k, d.fm[k])
			}
		}
		switch d.typ {
		case "insights":
			for _, k := range []string{"kind", "customer", "evidence"} {
				if d.fm[k] == nil {
					t.Errorf("%s: no %s", d.path, k)
				}
			}
		case "analogies":
			ref(d, "insights", "insights", true)
		case "experiences":
			ref(d, "analogy", "analogies", true)
			ref(d, "insights", "insights", true)
		case "sessions":
			ref(d, "experience", "experiences", true)
			ref(d, "surfaced", "insights", false)
		}
	}

	// Every chosen analogy shares an insight with another analogy.
	mirrors := map[string]int{}
	for _, d := range perType["analogies"] {
		for _, s := range d.fm["insights"].([]string) {
			mirrors[s]++
		}
	}
	chosen := 0
	for _, d := range perType["analogies"] {
		if d.fm["status"] != "chosen" {
			continue
		}
		chosen++
		shared := false
		for _, s := range d.fm["insights"].([]string) {
			shared = shared || mirrors[s] > 1
		}
		if !shared {
			t.Errorf("%s: chosen analogy shares no insight with another analogy", d.path)
		}
	}
	if a := len(perType["analogies"]); chosen < a/5 || chosen > a/2 {
		t.Errorf("%d of %d analogies chosen", chosen, a)
	}

	// Wikilinks name existing entries, and existing headings.
	for _, d := range docs {
		links := wikilinks(d.body)
		if len(links) < 3 || len(links) > 8 {
			t.Errorf("%s: %d wikilinks, want 3 to 8", d.path, len(links))
		}
		for _, l := range links {
			target, _, _ := strings.Cut(l, "|")
			target, anchor, hasAnchor := strings.Cut(target, "#")
			var to *doc
			if typ, slug, ok := strings.Cut(target, "/"); ok {
				to = byID[typ+"/"+slug]
			} else if ds := bySlug[target]; len(ds) == 1 {
				to = ds[0]
			}
			switch {
			case to == nil:
				t.Errorf("%s: [[%s]] names no single entry", d.path, l)
			case hasAnchor && !to.headings[headingID(anchor)]:
				t.Errorf("%s: [[%s]]: %s has no heading %q", d.path, l, to.path, anchor)
			}
		}
		if n := strings.Count(d.body, "\n## "); n < 2 || n > 4 {
			t.Errorf("%s: %d headings", d.path, n)
		}
		if !strings.Contains(d.body, "\n- ") {
			t.Errorf("%s: no bullet list", d.path)
		}
	}
}

// TestPlanAvoidsWarnings checks what a strict build warns about, on the plan itself.
func TestPlanAvoidsWarnings(t *testing.T) {
	t.Parallel()
	s := plan(normalize(Options{Entries: 500, Seed: 3}))
	groups := map[string]bool{}
	for _, e := range s.entries {
		switch e.typ {
		case tExperiences:
			if d := minutes(t, e.get("duration")); d <= 0 || d > 120 {
				t.Errorf("%s: duration %v", e.path(), e.get("duration"))
			}
			if d := minutes(t, e.get("debrief")); d < 30 {
				t.Errorf("%s: debrief %v", e.path(), e.get("debrief"))
			}
			switch g := e.get("group").(type) {
			case int:
				groups["number"] = true
			case string:
				groups["range"] = true
			case obj:
				groups["map"] = true
				if g[0].val.(int) > g[1].val.(int) {
					t.Errorf("%s: group %v", e.path(), g)
				}
			}
		case tSessions:
			d := string(e.get("date").(date))
			if d < "2024-11-01" || d > "2027-01-31" {
				t.Errorf("%s: date %s", e.path(), d)
			}
			ran := d <= string(dateOf(today))
			actions, _ := e.get("actions").([]obj)
			share, _ := e.get("share").([]obj)
			if ran && (len(actions) == 0 || len(share) == 0) {
				t.Errorf("%s: ran on %s without actions or share plan", e.path(), d)
			}
			for _, a := range actions {
				due, status := "", "open"
				for _, f := range a {
					switch f.key {
					case "due":
						due = string(f.val.(date))
					case "status":
						status = f.val.(string)
					}
				}
				if due <= string(dateOf(today)) && status != "done" {
					t.Errorf("%s: action due %s is %s", e.path(), due, status)
				}
			}
		default:
			if d := string(e.get("date").(date)); d < "2024-11-01" || d > "2026-10-31" {
				t.Errorf("%s: date %s", e.path(), d)
			}
		}
	}
	if len(groups) != 3 {
		t.Errorf("group forms used: %v, want all three", groups)
	}
}

func minutes(t *testing.T, v any) int {
	switch v := v.(type) {
	case int:
		return v
	case string:
		m := 0
		s := strings.ReplaceAll(strings.ReplaceAll(v, " min", "m"), " ", "")
		if h, rest, ok := strings.Cut(s, "h"); ok {
			n, _ := strconv.Atoi(h)
			m, s = 60*n, rest
		}
		if s != "" {
			n, err := strconv.Atoi(strings.TrimSuffix(s, "m"))
			if err != nil {
				t.Errorf("duration %q: %v", v, err)
			}
			m += n
		}
		return m
	}
	t.Errorf("duration %#v", v)
	return 0
}

func TestDeterministic(t *testing.T) {
	t.Parallel()
	o := Options{Entries: 100, Seed: 7, Words: 150}
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	for _, d := range []string{a, b} {
		if err := Write(d, o); err != nil {
			t.Fatal(err)
		}
	}
	o.Seed = 8
	if err := Write(c, o); err != nil {
		t.Fatal(err)
	}
	fa, fb, fc := readTree(t, a), readTree(t, b), readTree(t, c)
	if len(fa) != len(fb) {
		t.Fatalf("%d files, then %d", len(fa), len(fb))
	}
	for p, data := range fa {
		if !bytes.Equal(data, fb[p]) {
			t.Errorf("%s differs between two runs with the same seed", p)
		}
	}
	same := 0
	for p, data := range fa {
		if bytes.Equal(data, fc[p]) {
			same++
		}
	}
	if same > 1 { // content/_index.md
		t.Errorf("%d files identical across seeds 7 and 8", same)
	}
}

func TestWriteHugo(t *testing.T) {
	t.Parallel()
	const n = 200
	o := Options{Entries: n, Seed: 1, Words: 150}
	pb, hu := t.TempDir(), t.TempDir()
	if err := Write(pb, o); err != nil {
		t.Fatal(err)
	}
	if err := WriteHugo(hu, o); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"hugo.toml", "content/_index.md", "layouts/_default/baseof.html",
		"layouts/_default/single.html", "layouts/_default/list.html", "layouts/index.html"} {
		if _, err := os.Stat(filepath.Join(hu, f)); err != nil {
			t.Error(err)
		}
	}
	docs, _ := readContent(t, filepath.Join(pb, "content"))
	posts, err := os.ReadDir(filepath.Join(hu, "content", "posts"))
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != n || len(docs) != n {
		t.Fatalf("%d posts for %d entries, want %d", len(posts), len(docs), n)
	}
	norm := func(body string, re *regexp.Regexp) string { return re.ReplaceAllString(body, "LINK") }
	for _, d := range docs {
		name := d.typ + "-" + d.slug
		data, err := os.ReadFile(filepath.Join(hu, "content", "posts", name+".md"))
		if err != nil {
			t.Error(err)
			continue
		}
		fm, body, ok := strings.Cut(strings.TrimPrefix(string(data), "---\n"), "\n---\n\n")
		if !ok || !strings.HasPrefix(string(data), "---\n") {
			t.Errorf("%s: no YAML front matter", name)
			continue
		}
		h := parseYAML(fm)
		for _, k := range []string{"title", "date", "summary"} {
			if h[k] != d.fm[k] {
				t.Errorf("%s: %s %q, playbook has %q", name, k, h[k], d.fm[k])
			}
		}
		if h["entrytype"] != d.typ {
			t.Errorf("%s: entrytype %q", name, h["entrytype"])
		}
		if strings.Contains(body, "[[") {
			t.Errorf("%s: wikilink left in a Hugo body", name)
		}
		for _, m := range mdLinkRE.FindAllStringSubmatch(body, -1) {
			if _, err := os.Stat(filepath.Join(hu, "content", "posts", m[2]+".md")); err != nil {
				t.Errorf("%s: link %s to no post", name, m[0])
			}
		}
		if norm(body, mdLinkRE) != norm(d.body, wikilinkRE) {
			t.Errorf("%s: the Hugo body differs from the playbook's beyond its links", name)
		}
	}
}

func BenchmarkWrite(b *testing.B) {
	dir := b.TempDir()
	for b.Loop() {
		if err := Write(dir, Options{Entries: 1000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestHeadingID(t *testing.T) {
	for in, want := range map[string]string{
		"What we heard": "what-we-heard", "Set-up": "set-up", "  A -- b__c  ": "a-b-c",
		"Don't panic!": "dont-panic", "???": "section", "Étape 2": "étape-2",
	} {
		if got := headingID(in); got != want {
			t.Errorf("headingID(%q) = %q, want %q", in, got, want)
		}
	}
}

// readContent reads every entry under content (and returns content/_index.md apart).
func readContent(t *testing.T, content string) (docs []*doc, index string) {
	t.Helper()
	err := filepath.WalkDir(content, func(p string, de fs.DirEntry, err error) error {
		if err != nil || de.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(content, p)
		rel = filepath.ToSlash(rel)
		if rel == "_index.md" {
			index = string(data)
			return nil
		}
		d := &doc{path: rel, slug: strings.TrimSuffix(filepath.Base(p), ".md"), headings: map[string]bool{}}
		d.typ, _, _ = strings.Cut(rel, "/")
		d.fm, d.body, d.format = parseFrontMatter(t, rel, string(data))
		for line := range strings.Lines(d.body) {
			if h, ok := strings.CutPrefix(line, "## "); ok {
				d.headings[headingID(strings.TrimSpace(h))] = true
			}
		}
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return docs, index
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, de fs.DirEntry, err error) error {
		if err != nil || de.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[rel] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// parseFrontMatter is a minimal reader for the front matter this package writes.
func parseFrontMatter(t *testing.T, name, s string) (map[string]any, string, int) {
	t.Helper()
	switch {
	case strings.HasPrefix(s, "---\n"):
		fm, body, ok := strings.Cut(s[4:], "\n---\n\n")
		if !ok {
			t.Errorf("%s: YAML front matter not closed", name)
		}
		return parseYAML(fm), body, fmtYAML
	case strings.HasPrefix(s, "+++\n"):
		fm, body, ok := strings.Cut(s[4:], "\n+++\n\n")
		if !ok {
			t.Errorf("%s: TOML front matter not closed", name)
		}
		return parseTOML(t, name, fm), body, fmtTOML
	case strings.HasPrefix(s, "{\n"):
		fm, body, ok := strings.Cut(s, "\n}\n\n")
		if !ok {
			t.Errorf("%s: JSON front matter not closed by a lone } and a blank line", name)
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(fm+"\n}"), &m); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		for k, v := range m {
			if list, ok := v.([]any); ok {
				var ss []string
				for _, x := range list {
					if s, ok := x.(string); ok {
						ss = append(ss, s)
					}
				}
				m[k] = ss
			}
		}
		return m, body, fmtJSON
	}
	t.Errorf("%s: no front matter", name)
	return nil, s, -1
}

// parseYAML reads top-level keys with a scalar, a flow list or a block list of
// scalars. Quoted scalars use JSON's escapes.
func parseYAML(fm string) map[string]any {
	m := map[string]any{}
	var list *[]string
	for line := range strings.Lines(fm) {
		line = strings.TrimSuffix(line, "\n")
		if item, ok := strings.CutPrefix(line, "  - "); ok && list != nil {
			*list = append(*list, unquote(item))
			continue
		}
		if line == "" || line[0] == ' ' {
			continue
		}
		list = nil
		key, val, _ := strings.Cut(line, ":")
		val = strings.TrimSpace(val)
		switch {
		case val == "":
			var l []string
			list = &l
			m[key] = list
		case strings.HasPrefix(val, "["):
			var l []string
			for _, x := range strings.Split(strings.Trim(val, "[]"), ", ") {
				l = append(l, unquote(x))
			}
			m[key] = l
		default:
			m[key] = unquote(val)
		}
	}
	for k, v := range m {
		if l, ok := v.(*[]string); ok {
			m[k] = *l
		}
	}
	return m
}

func unquote(s string) string {
	if strings.HasPrefix(s, `"`) {
		var out string
		if json.Unmarshal([]byte(s), &out) == nil {
			return out
		}
	}
	return s
}

// parseTOML reads the keys before the first table; the package writes their values
// (basic strings, integers, arrays of strings) in a form JSON reads too.
func parseTOML(t *testing.T, name, fm string) map[string]any {
	m := map[string]any{}
	tables := false
	for line := range strings.Lines(fm) {
		if strings.HasPrefix(line, "[") {
			m[strings.Trim(strings.TrimSpace(line), "[]")] = true
			tables = true
			continue
		}
		key, val, ok := strings.Cut(strings.TrimSpace(line), " = ")
		if !ok || tables {
			continue
		}
		var v any
		if err := json.Unmarshal([]byte(val), &v); err != nil {
			t.Errorf("%s: %s = %s: %v", name, key, val, err)
		}
		if list, ok := v.([]any); ok {
			var ss []string
			for _, x := range list {
				ss = append(ss, x.(string))
			}
			v = ss
		}
		m[key] = v
	}
	return m
}

// wikilinks returns the targets of the [[...]] links outside fenced code blocks.
func wikilinks(body string) []string {
	var out []string
	fenced := false
	for line := range strings.Lines(body) {
		if strings.HasPrefix(line, "```") {
			fenced = !fenced
			continue
		}
		if fenced {
			continue
		}
		for _, m := range wikilinkRE.FindAllStringSubmatch(line, -1) {
			out = append(out, m[1])
		}
	}
	return out
}

// TestCached: the first call writes the playbook, a later one finds it and leaves
// it as it is.
func TestCached(t *testing.T) {
	root := t.TempDir()
	o := Options{Entries: 12, Seed: 1, Words: 20}
	dir, err := Cached(root, "site-12", o)
	if err != nil {
		t.Fatal(err)
	}
	index := filepath.Join(dir, "content", "_index.md")
	if _, err := os.Stat(index); err != nil {
		t.Fatalf("the first call wrote no playbook: %v", err)
	}
	if err := os.WriteFile(index, []byte("kept\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	again, err := Cached(root, "site-12", o)
	if err != nil || again != dir {
		t.Fatalf("second call: %q, %v; want %q", again, err, dir)
	}
	if data, _ := os.ReadFile(index); string(data) != "kept\n" {
		t.Errorf("the second call wrote the playbook again")
	}
}
