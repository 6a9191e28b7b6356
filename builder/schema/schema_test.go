package schema_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/playbookhq/playbook/builder/content"
	"github.com/playbookhq/playbook/builder/diag"
	"github.com/playbookhq/playbook/builder/internal/sitetest"
	"github.com/playbookhq/playbook/builder/model"
	"github.com/playbookhq/playbook/builder/schema"
	"github.com/playbookhq/playbook/builder/site"
	"github.com/playbookhq/playbook/internal/sitegen"
)

// compile checks s against the draft 2020-12 meta-schema and compiles it.
func compile(t testing.TB, s *schema.Schema) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(s.JSON()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("mem:///schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("mem:///schema.json")
	if err != nil {
		t.Fatalf("%s: %v", s.Title, err)
	}
	return sch
}

// schemas compiles the schema of every type, with the slugs given.
func schemas(t testing.TB, slugs schema.Slugs) map[*model.Type]*jsonschema.Schema {
	out := map[*model.Type]*jsonschema.Schema{}
	for _, typ := range model.Types {
		out[typ] = compile(t, schema.For(typ, slugs))
	}
	return out
}

func load(t testing.TB, fsys fs.FS) *content.Set {
	t.Helper()
	set, err := content.NewLoader().Load(context.Background(), fsys, nil)
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// validateSite checks every entry of a site, and its settings, against the
// schemas made with and without the site's slugs.
func validateSite(t *testing.T, name string, fsys fs.FS) {
	set := load(t, fsys)
	if errs, _ := set.Diags.Count(); errs > 0 {
		t.Fatalf("%s does not load cleanly: %v", name, set.Diags)
	}
	bySlugs := schemas(t, schema.SlugsOf(set.Docs))
	plain := schemas(t, nil)
	site := compile(t, schema.Site())
	syntaxes := map[string]int{}
	for _, d := range append([]*content.Doc{set.Home}, set.Docs...) {
		data, err := fs.ReadFile(fsys, d.File)
		if err != nil {
			t.Fatal(err)
		}
		syntaxes[string(bytes.TrimSpace(data)[:1])]++
		v, problem := content.FrontMatter(d.File, data)
		if problem != nil {
			t.Fatalf("%s: %v", d.File, problem)
		}
		if d.Role == content.Home {
			if err := site.Validate(map[string]any(v)); err != nil {
				t.Errorf("%s: %s: %v", name, d.File, err)
			}
			continue
		}
		for _, sch := range []*jsonschema.Schema{plain[d.Type], bySlugs[d.Type]} {
			if err := sch.Validate(map[string]any(v)); err != nil {
				t.Errorf("%s: %s: %v", name, d.File, err)
			}
		}
	}
	t.Logf("%s: %d entries; front matter by its first character: %v", name, len(set.Docs), syntaxes)
}

// TestSamplesValidate: the sample playbook, the tests' playbooks and a generated
// one (YAML, TOML and JSON front matter) all satisfy their schemas.
func TestSamplesValidate(t *testing.T) {
	validateSite(t, "the sample playbook", os.DirFS("../.."))
	validateSite(t, "sitetest.Hidden", sitetest.FS(sitetest.Hidden))
	dir := t.TempDir()
	if err := sitegen.Write(dir, sitegen.Options{Entries: 150, Seed: 7, Words: 20}); err != nil {
		t.Fatal(err)
	}
	validateSite(t, "a generated playbook", os.DirFS(dir))
}

// missing, as a case's value, deletes the key.
type missingKey struct{}

var missing missingKey

// edit returns the Minimal playbook with one key of one entry set (or deleted),
// the entry's front matter rewritten as JSON.
func edit(t testing.TB, id, key string, value any) fstest.MapFS {
	t.Helper()
	fsys := sitetest.FS(sitetest.Minimal)
	file := "content/" + id + ".md"
	data := fsys[file].Data
	fm, problem := content.FrontMatter(file, data)
	if problem != nil {
		t.Fatal(problem)
	}
	if value == missing {
		delete(fm, key)
	} else {
		fm[key] = value
	}
	_, body, _ := strings.Cut(strings.TrimPrefix(string(data), "---\n"), "\n---\n")
	fsys[file] = &fstest.MapFile{Data: entryFile(t, fm, body)}
	return fsys
}

func entryFile(t testing.TB, fm map[string]any, body string) []byte {
	j, err := json.MarshalIndent(fm, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return []byte(string(j) + "\n\n" + body)
}

// buildErrors loads and links a playbook as a build does, and returns its errors.
func buildErrors(t testing.TB, fsys fs.FS) diag.List {
	set := load(t, fsys)
	_, diags := site.NewLinker().Link(set, site.Options{Today: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)})
	var errs diag.List
	for _, d := range append(set.Diags, diags...) {
		if d.Severity == diag.Error {
			errs = append(errs, d)
		}
	}
	return errs
}

// TestBadInputs: every value the build refuses for a field, the schema refuses
// too, where JSON Schema can say so; the few it cannot are listed, and the schema
// is seen to accept them (so that this table stays true).
func TestBadInputs(t *testing.T) {
	slugs := schema.SlugsOf(load(t, sitetest.FS(sitetest.Minimal)).Docs)
	withSlugs, plain := schemas(t, slugs), schemas(t, nil)
	const (
		insight    = "insights/queue"
		analogy    = "analogies/triage"
		experience = "experiences/waiting-room"
		session    = "sessions/march"
		page       = "pages/about"
	)
	for _, tc := range []struct {
		id, key string
		value   any
		build   string // what the build's message says
		// inexpressible: JSON Schema cannot compare two values, or read a
		// number inside text
		inexpressible bool
		// siteOnly: only the schema made with the site's slugs can tell
		siteOnly bool
	}{
		{id: insight, key: "title", value: missing, build: `missing required field "title"`},
		{id: insight, key: "title", value: "  ", build: "title must not be empty"},
		{id: insight, key: "title", value: map[string]any{"en": "x"}, build: "title: want text, got a map"},
		{id: insight, key: "kind", value: "angry", build: "kind: want broken, frustrating"},
		{id: insight, key: "kind", value: []any{"broken", "sad"}, build: "kind: want broken"},
		{id: insight, key: "kind", value: []any{}, build: "kind needs at least one of"},
		{id: insight, key: "kind", value: missing, build: `missing required field "kind"`},
		{id: insight, key: "kind", value: nil, build: `missing required field "kind"`},
		{id: insight, key: "customer", value: missing, build: `missing required field "customer"`},
		{id: insight, key: "customer", value: "", build: "customer must not be empty"},
		{id: insight, key: "customer", value: []any{"a", "b"}, build: "customer: want text, got a list"},
		{id: insight, key: "confidence", value: "sure", build: "confidence: want low, medium or high"},
		{id: insight, key: "evidence", value: map[string]any{"quote": "q"}, build: "evidence: want a list, got a map"},
		{id: insight, key: "evidence", value: []any{"I waited"}, build: "evidence: want a list of maps"},
		{id: insight, key: "evidence", value: []any{map[string]any{"source": "interview"}}, build: `missing required field "quote"`},
		{id: insight, key: "evidence", value: []any{map[string]any{"quote": "q", "date": "last week"}}, build: "date: want a date"},
		{id: insight, key: "date", value: "2026-02-30", build: "date: want a date as YYYY-MM-DD"},
		{id: insight, key: "date", value: "2025-02-29", build: "date: want a date as YYYY-MM-DD"},
		{id: insight, key: "date", value: "yesterday", build: "date: want a date as YYYY-MM-DD"},
		{id: insight, key: "date", value: 20260110, build: "date: want a date as YYYY-MM-DD"},
		{id: insight, key: "date", value: "0000-01-01", build: "want a date from the year 0001"},
		{id: insight, key: "updated", value: []any{"2026-01-01"}, build: "updated: want a date"},
		{id: insight, key: "draft", value: "yes", build: "draft: want true or false"},
		{id: insight, key: "visibility", value: "secret", build: "visibility: want public, company or team"},
		{id: insight, key: "aliases", value: "/", build: "names the home page"},
		{id: insight, key: "aliases", value: []any{"/index.html"}, build: "names the home page"},
		{id: insight, key: "aliases", value: []any{"https://old.example.org/queue/"}, build: "is not a site path"},
		{id: insight, key: "aliases", value: []any{"/a/../b/"}, build: "is not a site path"},
		{id: insight, key: "aliases", value: []any{"/old queue/"}, build: "is not a site path"},
		{id: insight, key: "aliases", value: []any{""}, build: "aliases: want a path"},
		{id: insight, key: "tags", value: []any{map[string]any{"a": 1}}, build: "tags: want text, got a map"},
		{id: insight, key: "tags", value: []any{nil}, build: "tags: want text, got nothing"},
		{id: insight, key: "themes", value: map[string]any{"a": 1}, build: "themes: want a list of text"},

		{id: analogy, key: "domain", value: missing, build: `missing required field "domain"`},
		{id: analogy, key: "insights", value: missing, build: `missing required field "insights"`},
		{id: analogy, key: "insights", value: []any{}, build: "insights needs at least one slug"},
		{id: analogy, key: "insights", value: []any{map[string]any{}}, build: "insights: want a slug"},
		{id: analogy, key: "insights", value: []any{"Queue Rules"}, build: `insight "Queue Rules" not found`},
		{id: analogy, key: "insights", value: []any{"ghost"}, build: `insight "ghost" not found`, siteOnly: true},
		{id: analogy, key: "insights", value: "triage", build: `insight "triage" not found (analogies/triage is an analogy)`, siteOnly: true},
		{id: analogy, key: "status", value: "maybe", build: "status: want candidate, chosen or set-aside"},
		{id: analogy, key: "resonance", value: 7, build: "resonance: want a number from 1 to 5, got 7"},
		{id: analogy, key: "resonance", value: 0, build: "resonance: want a number from 1 to 5, got 0"},
		{id: analogy, key: "resonance", value: "high", build: "resonance: want a whole number"},
		{id: analogy, key: "resonance", value: "9", build: "resonance: want a number from 1 to 5, got 9"},
		{id: analogy, key: "resonance", value: 2.5, build: "resonance: want a whole number"},
		{id: analogy, key: "parallels", value: []any{map[string]any{"customer": "waits"}}, build: `missing required field "analog"`},

		{id: experience, key: "analogy", value: missing, build: `missing required field "analogy"`},
		{id: experience, key: "analogy", value: "", build: "analogy must name a slug"},
		{id: experience, key: "analogy", value: []any{"triage", "waitlist"}, build: "analogy: want a slug, got a list"},
		{id: experience, key: "analogy", value: "triag", build: `analogy "triag" not found; did you mean "triage"?`, siteOnly: true},
		{id: experience, key: "format", value: "dance", build: "format: want make, build, simulate, act-out or play"},
		{id: experience, key: "format", value: []any{"make", "dance"}, build: "format: want make"},
		{id: experience, key: "duration", value: missing, build: `missing required field "duration"`},
		{id: experience, key: "duration", value: "ninety", build: `duration: want a positive number of minutes`},
		{id: experience, key: "duration", value: 0, build: `duration: want a positive number of minutes`},
		{id: experience, key: "duration", value: -5, build: `duration: want a positive number of minutes`},
		{id: experience, key: "duration", value: 1.5, build: `duration: want a positive number of minutes`},
		{id: experience, key: "duration", value: "1h30", build: `duration: want a positive number of minutes`},
		{id: experience, key: "duration", value: "0h 0m", build: `duration: want a positive number of minutes`},
		{id: experience, key: "duration", value: "2 days", build: `duration: want a positive number of minutes`},
		{id: experience, key: "duration", value: 60001, build: "duration: 60001 is over 1,000 hours"},
		{id: experience, key: "duration", value: "1001h", build: "duration: 1001h is over 1,000 hours", inexpressible: true},
		{id: experience, key: "debrief", value: "", build: `debrief: want a positive number of minutes`},
		{id: experience, key: "prep", value: []any{"30m"}, build: `prep: want a positive number of minutes`},
		{id: experience, key: "group", value: 0, build: `group: want a number, a range like "6-12", or {min, max}`},
		{id: experience, key: "group", value: -3, build: `group: want a number`},
		{id: experience, key: "group", value: "6-", build: `group: want a number`},
		{id: experience, key: "group", value: "twelve", build: `group: want a number`},
		{id: experience, key: "group", value: []any{6, 12}, build: `group: want a number`},
		{id: experience, key: "group", value: map[string]any{"min": 0, "max": 8}, build: "min: want a number from 1, got 0"},
		{id: experience, key: "group", value: map[string]any{"min": "six"}, build: "min: want a whole number"},
		{id: experience, key: "group", value: "12-6", build: "group: min 12 is above max 6", inexpressible: true},
		{id: experience, key: "group", value: map[string]any{"min": 12, "max": 6}, build: "group: min 12 is above max 6", inexpressible: true},
		{id: experience, key: "difficulty", value: "trivial", build: "difficulty: want easy, moderate or hard"},
		{id: experience, key: "setting", value: "online", build: "setting: want in-person, remote or hybrid"},
		{id: experience, key: "materials", value: map[string]any{}, build: "materials: want a list of text"},
		{id: experience, key: "moments", value: []any{map[string]any{"customer": "c"}}, build: `missing required field "moment"`},

		{id: session, key: "experience", value: missing, build: `missing required field "experience"`},
		{id: session, key: "experience", value: "waiting-rooms", build: `experience "waiting-rooms" not found`, siteOnly: true},
		{id: session, key: "date", value: missing, build: `missing required field "date"`},
		{id: session, key: "date", value: "2026-13-01", build: "date: want a date as YYYY-MM-DD"},
		{id: session, key: "participants", value: -3, build: "participants: want a number from 0, got -3"},
		{id: session, key: "participants", value: "many", build: "participants: want a whole number"},
		{id: session, key: "actions", value: []any{map[string]any{"owner": "Dana"}}, build: `missing required field "action"`},
		{id: session, key: "actions", value: []any{map[string]any{"action": "a", "status": "closed"}}, build: "status: want open, doing or done"},
		{id: session, key: "actions", value: []any{map[string]any{"action": "a", "due": "soon"}}, build: "due: want a date"},
		{id: session, key: "share", value: []any{map[string]any{"audience": "all", "when": "tomorrow"}}, build: "when: want a date"},
		{id: session, key: "share", value: []any{map[string]any{"audience": "all", "status": "sent"}}, build: "status: want planned or done"},
		{id: session, key: "share", value: []any{map[string]any{"channel": "email"}}, build: `missing required field "audience"`},
		{id: session, key: "surfaced", value: []any{"ghost"}, build: `insight "ghost" not found`, siteOnly: true},

		{id: page, key: "title", value: missing, build: `missing required field "title"`},
		{id: page, key: "date", value: "soon", build: "date: want a date as YYYY-MM-DD"},
	} {
		name := fmt.Sprintf("%s %s=%v", tc.id, tc.key, tc.value)
		if tc.value == missing {
			name = fmt.Sprintf("%s without %s", tc.id, tc.key)
		}
		t.Run(name, func(t *testing.T) {
			fsys := edit(t, tc.id, tc.key, tc.value)
			errs := buildErrors(t, fsys)
			if len(errs) == 0 || !strings.Contains(errs.Err().Error(), tc.build) {
				t.Fatalf("the build says %q, want an error with %q", errs, tc.build)
			}
			file := "content/" + tc.id + ".md"
			fm, _ := content.FrontMatter(file, fsys[file].Data)
			typ := model.Named(path.Dir(tc.id))
			for _, s := range []struct {
				name      string
				sch       *jsonschema.Schema
				canRefuse bool
			}{
				{"the schema with the site's slugs", withSlugs[typ], !tc.inexpressible},
				{"the schema without slugs", plain[typ], !tc.inexpressible && !tc.siteOnly},
			} {
				err := s.sch.Validate(map[string]any(fm))
				switch {
				case s.canRefuse && err == nil:
					t.Errorf("%s accepts it", s.name)
				case !s.canRefuse && err != nil:
					t.Errorf("%s refuses it, which the table says it cannot: %v", s.name, err)
				}
			}
		})
	}
}

// TestSchemaAgreesWithBuild compares, value by value, what the build and the
// schema accept for the kinds that JSON Schema checks with a pattern: dates,
// durations, group sizes, whole numbers and aliases, over a list of cases at the
// edges and a few thousand random strings of the characters that matter.
func TestSchemaAgreesWithBuild(t *testing.T) {
	withSlugs := schemas(t, nil)
	r := rand.New(rand.NewPCG(13, 13))
	random := func(alphabet string, n int) []string {
		out := make([]string, n)
		for i := range out {
			b := make([]byte, 1+r.IntN(12))
			for j := range b {
				b[j] = alphabet[r.IntN(len(alphabet))]
			}
			out[i] = string(b)
		}
		return out
	}
	for _, tc := range []struct {
		id, key string
		cases   []string
		skip    string // an error the schema cannot see
	}{
		{"insights/queue", "date", append([]string{
			"2026-01-10", " 2026-01-10 ", "2026-1-10", "26-01-10", "2026-02-29", "2024-02-29", "2000-02-29", "1900-02-29",
			"2026-04-31", "2026-04-30", "2026-12-31", "2026-00-10", "2026-01-00", "0001-01-01", "0000-01-01", "9999-12-31",
			"2026-01-10T09:30:00", "2026-01-10T09:30:00Z", "2026-01-10T09:30:00+01:00", "2026-01-10T09:30:00.123Z",
			"2026-01-10T09:30:00,5Z", "2026-01-10T24:00:00Z", "2026-01-10T09:60:00Z", "2026-01-10T09:30:60Z",
			"2026-01-10T09:30Z", "2026-01-10t09:30:00z", "2026-01-10T09:30:00+1:00", "2026-01-10T09:30:00+24:00",
			"2026-01-10T09:30:00+23:59", "2026-01-10T09:30:00+24:60", "2026-01-10T09:30:00+25:00", "2026-01-10T09:30:00-00:61",
			"2026-01-10 09:30:00 +2460 XYZ", "2026-01-10 09:30:00 +2500 UTC", "2026-01-10 09:30:00 +0000 utc", "2026-01-10 09:30:00 +0000 ABCDEF", "2026-01-10T09:30:00+0100", "2026-01-10 09:30:00", "2026-01-10 09:30:00Z",
			"2026-01-10 09:30:00+02:00", "2026-01-10 09:30:00 +0000 UTC", "2026-01-10 09:30:00 +0100 CET",
			"2026-01-10  09:30:00", "2026-01-10T09:30:00 Z", "20260110", "2026/01/10", "",
		}, random("0123456789-:TZ +.", 3000)...), ""},
		{"experiences/waiting-room", "duration", append([]string{
			"90", "+90", "-90", "0", "00", "090", "90m", "90 m", "1h30m", "1h 30m", "1 h 30 min", "2h", "2H", "45 min",
			"45 mins", "45 minute", "45 minutes", "1 hour", "2 hours", "1hr", "2hrs", "1hour30minutes", "1h30", "h", "m",
			"1d", "1.5h", "1h,30m", "1h\t30m", " 1h ", "0h", "0h 5m", "1h 0m", "60000", "60001", "1000h", "99999999999999999999",
		}, random("0123456789 hmrinoutesHM+-.", 3000)...), "is over 1,000 hours"},
		{"experiences/waiting-room", "group", append([]string{
			"6", "06", "+6", "0", "-6", "6-12", " 6 - 12 ", "6-", "-12", "6--3", "6-+12", "6-0", "6-x", "6 12", "6–12",
		}, random("0123456789 -+", 3000)...), "is above max"},
		{"analogies/triage", "resonance", append([]string{
			"1", "5", "0", "6", "05", "+3", "-3", " 3 ", "3.0", "3 4", "",
		}, random("0123456789 +-", 1000)...), ""},
		{"sessions/march", "participants", append([]string{
			"0", "-0", "+0", "00", "12", "-1", " 7 ", "7a",
		}, random("0123456789 +-", 1000)...), ""},
		{"insights/queue", "aliases", append([]string{
			"/old/", "old", "/old/path/", "/", "//", "/.", "./", "/index.html", "index.html", "/a/index.html", "/a?b",
			"/a#b", "/a%20b", `/a\b`, "/a b", " /a/ ", "/a/../b", "/a..b", "http://x", "/a\x01b", "/a\u0085b",
		}, random("/.aindex.html:? #", 3000)...), ""},
	} {
		typ := model.Named(path.Dir(tc.id))
		sch := withSlugs[typ]
		disagree := 0
		for _, v := range tc.cases {
			fsys := sitetest.FS(sitetest.Minimal)
			file := "content/" + tc.id + ".md"
			fm, _ := content.FrontMatter(file, fsys[file].Data)
			fm[tc.key] = v
			data := entryFile(t, fm, "Body.\n")
			d := content.Parse(strings.TrimPrefix(file, "content/"), data, content.NewMarkdown, false)
			var errs []string
			for _, p := range d.Diags {
				if p.Severity == diag.Error {
					errs = append(errs, p.Msg)
				}
			}
			if tc.skip != "" && slices.ContainsFunc(errs, func(m string) bool { return strings.Contains(m, tc.skip) }) {
				continue
			}
			fm2, _ := content.FrontMatter(file, data)
			serr := sch.Validate(map[string]any(fm2))
			if (len(errs) == 0) != (serr == nil) && disagree < 10 {
				disagree++
				t.Errorf("%s %q: the build says %q, the schema %v", tc.key, v, errs, serr)
			}
		}
	}
}

// TestSlugsEnum: with a site, a reference lists the referenced type's slugs,
// drafts and hidden entries included.
func TestSlugsEnum(t *testing.T) {
	set := load(t, sitetest.FS(sitetest.Hidden))
	s := schema.For(model.Named("experiences"), schema.SlugsOf(set.Docs))
	var analogy, insights *schema.Schema
	for _, p := range s.Properties {
		switch p.Key {
		case "analogy":
			analogy = p.Schema
		case "insights":
			insights = p.Schema
		}
	}
	if got := fmt.Sprint(analogy.Enum); !strings.Contains(got, "triage waitlist") {
		t.Errorf("analogy enum = %s", got)
	}
	if got := fmt.Sprint(insights.AnyOf[0].Enum); !strings.Contains(got, "secret-draft") {
		t.Errorf("insights enum = %s, want the draft insight too", got)
	}
	if analogy.Title != "Analogy" || analogy.Description == "" {
		t.Errorf("analogy has title %q and description %q", analogy.Title, analogy.Description)
	}
}
