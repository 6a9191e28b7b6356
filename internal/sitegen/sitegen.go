// Package sitegen writes realistic playbook sites for benchmarks and scale tests.
//
// A site is planned once from a seed (every entry's slug, folder, front matter and
// headings), then each entry's body is generated from its own random stream, so the
// files can be written concurrently and the output is byte-for-byte the same for a
// given seed. [Write] lays the plan out as a playbook (content/ with the four entry
// types and a few pages, valid per the product specification so that a strict build
// reports nothing when PLAYBOOK_TODAY=2026-11-26); [WriteHugo] lays the same entries out
// as a minimal Hugo site, so the two generators can be compared on the same content.
package sitegen

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// Options for a generated site.
type Options struct {
	Entries int   // total entries across the four types (and a few pages); default 100, at least 7
	Seed    int64 // deterministic output for a given seed
	Words   int   // approximate words per body (default 600)
}

// Entry types, in the order in which they are planned.
const (
	tInsights = iota
	tAnalogies
	tExperiences
	tSessions
	tPages
	numTypes
)

var typeNames = [numTypes]string{"insights", "analogies", "experiences", "sessions", "pages"}

// Front-matter formats.
const (
	fmtYAML = iota
	fmtTOML
	fmtJSON
)

// Value kinds held in a field: string, int, date, []string, obj, []obj.
type (
	date  string // YYYY-MM-DD; unquoted in YAML
	obj   []field
	field struct {
		key string
		val any
	}
)

type entry struct {
	idx      int // position in site.entries; seeds the body
	typ      int
	slug     string
	dir      string // sub-folder of the type folder, "" for none
	format   int
	headings []string // "##" headings of the body, distinct ids
	fields   []field  // front matter, in order, title first

	// Kept for planning later entries.
	day      int
	themes   []string
	insights []string // analogies and experiences
	status   string   // analogies
	refs     []string // every front-matter reference, as "type/slug"
}

func (e *entry) id() string { return typeNames[e.typ] + "/" + e.slug }

func (e *entry) get(key string) any {
	for _, f := range e.fields {
		if f.key == key {
			return f.val
		}
	}
	return nil
}

func (e *entry) title() string { s, _ := e.get("title").(string); return s }

// path is the file's path relative to content/.
func (e *entry) path() string {
	if e.dir == "" {
		return typeNames[e.typ] + "/" + e.slug + ".md"
	}
	return typeNames[e.typ] + "/" + e.dir + "/" + e.slug + ".md"
}

type site struct {
	seed    int64
	words   int
	entries []*entry
	byType  [numTypes][]*entry
	tags    []string
}

// Dates: entries spread over the two years ending on endDay; sessions up to three
// months later; today is the PLAYBOOK_TODAY the site is checked against.
var (
	firstDay = time.Date(2024, 11, 1, 0, 0, 0, 0, time.UTC)
	endDay   = day(time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC))
	lastDay  = day(time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC))
	today    = day(time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC))
)

func day(t time.Time) int { return int(t.Sub(firstDay).Hours() / 24) }

func dateOf(d int) date { return date(firstDay.AddDate(0, 0, d).Format("2006-01-02")) }

// counts splits n entries into the types: about 45% insights, 20% analogies, 15%
// experiences, 18% sessions and 2% pages (at least 2 pages, 2 analogies and one of
// every other type).
func counts(n int) [numTypes]int {
	var c [numTypes]int
	c[tPages] = max(2, n*2/100)
	c[tInsights] = max(1, n*45/100)
	c[tAnalogies] = max(2, n*20/100)
	c[tExperiences] = max(1, n*15/100)
	c[tSessions] = max(1, n-c[tPages]-c[tInsights]-c[tAnalogies]-c[tExperiences])
	return c
}

func normalize(o Options) Options {
	if o.Entries <= 0 {
		o.Entries = 100
	}
	if o.Words <= 0 {
		o.Words = 600
	}
	return o
}

// Write writes a complete playbook under dir: dir/content/_index.md and entries. Files
// already in dir are overwritten or left alone, never removed: use an empty folder.
func Write(dir string, o Options) error {
	s := plan(normalize(o))
	files := []file{{"content/_index.md", func(b []byte) []byte { return s.appendIndex(b) }}}
	for _, e := range s.entries {
		files = append(files, file{"content/" + e.path(), func(b []byte) []byte { return s.appendEntry(b, e) }})
	}
	return writeFiles(dir, files)
}

// Cached returns root/name, a playbook written by Write with o, writing it first
// unless an earlier run left it there: benchmarks keep their playbooks between runs.
func Cached(root, name string, o Options) (string, error) {
	dir := filepath.Join(root, name)
	if _, err := os.Stat(filepath.Join(dir, "content", "_index.md")); err == nil {
		return dir, nil
	}
	return dir, Write(dir, o)
}

// WriteHugo writes the same entries as a minimal Hugo site under dir.
func WriteHugo(dir string, o Options) error {
	s := plan(normalize(o))
	files := s.hugoFiles()
	for _, e := range s.entries {
		files = append(files, file{"content/posts/" + hugoName(e) + ".md", func(b []byte) []byte { return s.appendHugoEntry(b, e) }})
	}
	return writeFiles(dir, files)
}

type file struct {
	path string // slash-separated, relative to the site folder
	gen  func([]byte) []byte
}

// writeFiles creates the folders, then writes the files from a pool of workers, each
// reusing one buffer: a file is generated whole and written with a single call.
func writeFiles(dir string, files []file) error {
	made := map[string]bool{}
	for _, f := range files {
		d := filepath.Dir(filepath.Join(dir, filepath.FromSlash(f.path)))
		if !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			made[d] = true
		}
	}
	jobs := make(chan file)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var buf []byte
			for f := range jobs {
				buf = f.gen(buf[:0])
				if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(f.path)), buf, 0o644); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		})
	}
	for _, f := range files {
		jobs <- f
	}
	close(jobs)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}

func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

// pickN picks min(n, len(list)) distinct elements, in the order drawn.
func pickN[T any](r *rand.Rand, list []T, n int) []T {
	n = min(n, len(list))
	if n <= 0 {
		return nil
	}
	out := make([]T, 0, n)
	idx := make([]int, 0, n)
	for len(out) < n {
		i := r.IntN(len(list))
		if contains(idx, i) {
			continue
		}
		idx = append(idx, i)
		out = append(out, list[i])
	}
	return out
}

func contains[T comparable](list []T, x T) bool {
	for _, y := range list {
		if x == y {
			return true
		}
	}
	return false
}

func capFirst(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// headingID turns a heading's text into its id as the builder does (see builder/doc.go).
func headingID(text string) string {
	var b []byte
	hyphen := false
	for _, c := range strings.ToLower(text) {
		switch {
		case unicode.IsLetter(c) || unicode.IsDigit(c):
			if hyphen && len(b) > 0 {
				b = append(b, '-')
			}
			hyphen = false
			b = utf8.AppendRune(b, c)
		case c == ' ' || c == '-' || c == '_':
			hyphen = true
		}
	}
	if len(b) == 0 {
		return "section"
	}
	return string(b)
}
