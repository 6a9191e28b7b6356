package cms

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/goccy/go-yaml"

	"github.com/playbookhq/playbook/builder/model"
)

type field struct {
	Name     string   `yaml:"name"`
	Widget   string   `yaml:"widget"`
	Required bool     `yaml:"required"`
	Options  []any    `yaml:"options"`
	Multiple bool     `yaml:"multiple"`
	Coll     string   `yaml:"collection"`
	Value    string   `yaml:"value_field"`
	Field    *field   `yaml:"field"`
	Fields   []field  `yaml:"fields"`
	Format   string   `yaml:"format"`
	Pattern  []string `yaml:"pattern"`
}

type config struct {
	Backend struct {
		Name, Repo, Branch string
		ProxyURL           string `yaml:"proxy_url"`
	} `yaml:"backend"`
	Collections []struct {
		Name   string  `yaml:"name"`
		Folder string  `yaml:"folder"`
		Format string  `yaml:"format"`
		Fields []field `yaml:"fields"`
	} `yaml:"collections"`
}

func parse(t *testing.T, s Site) config {
	t.Helper()
	var c config
	if err := yaml.Unmarshal(Config(s), &c); err != nil {
		t.Fatalf("%v\n%s", err, Config(s))
	}
	return c
}

// wantWidget is the form field each kind of key gets.
var wantWidget = map[model.Kind]string{
	model.Text: "string", model.List: "list", model.Ref: "relation", model.Refs: "relation", model.Date: "datetime",
	model.Bool: "boolean", model.Int: "number", model.Duration: "string", model.Enum: "select", model.Enums: "select",
	model.Objects: "list", model.Group: "playbook-group", model.Paths: "list",
}

// checkFields: the form has a field for every key of the model and for no other
// (so the forms never write a key the model does not know), of the widget its
// kind calls for, required as the model says, with the model's values.
func checkFields(t *testing.T, where string, fs []field, model_ []model.Field) {
	t.Helper()
	if len(fs) != len(model_) {
		t.Errorf("%s: %d fields, the model has %d keys", where, len(fs), len(model_))
	}
	for i, mf := range model_ {
		if i >= len(fs) {
			break
		}
		f := fs[i]
		w := wantWidget[mf.Kind]
		if mf.Kind == model.Text && mf.Lines {
			w = "text"
		}
		if f.Name != mf.Key || f.Widget != w || f.Required != mf.Required {
			t.Errorf("%s: field %d is %s (%s, required %v), want %s (%s, required %v)", where, i, f.Name, f.Widget, f.Required, mf.Key, w, mf.Required)
		}
		switch mf.Kind {
		case model.Enum, model.Enums:
			if len(f.Options) != len(mf.Values) || f.Multiple != (mf.Kind == model.Enums) {
				t.Errorf("%s: %s offers %v (multiple %v), want %v", where, f.Name, f.Options, f.Multiple, mf.Values)
			}
		case model.Ref, model.Refs:
			if f.Coll != mf.Ref || f.Value != "{{filename}}" || f.Multiple != (mf.Kind == model.Refs) {
				t.Errorf("%s: %s picks %s by %s (multiple %v)", where, f.Name, f.Coll, f.Value, f.Multiple)
			}
		case model.Date:
			if f.Format != "YYYY-MM-DD" {
				t.Errorf("%s: %s is written as %q", where, f.Name, f.Format)
			}
		case model.Objects:
			checkFields(t, where+" "+mf.Key, f.Fields, mf.Item)
		case model.List, model.Paths:
			if f.Field == nil || f.Field.Widget != "string" {
				t.Errorf("%s: %s is not a list of text", where, f.Name)
			}
		case model.Duration:
			if len(f.Pattern) != 2 {
				t.Errorf("%s: %s has no pattern", where, f.Name)
			}
		}
	}
}

func TestConfigFromModel(t *testing.T) {
	c := parse(t, Site{Title: "T", BaseURL: "https://playbook.example.org/"})
	if c.Backend.Name != "git-gateway" || c.Backend.Branch != "main" {
		t.Errorf("backend = %+v", c.Backend)
	}
	if len(c.Collections) != len(model.Types) {
		t.Fatalf("%d collections, %d types", len(c.Collections), len(model.Types))
	}
	for i, typ := range model.Types {
		col := c.Collections[i]
		if col.Name != typ.Name || col.Folder != "content/"+typ.Name || col.Format != "frontmatter" {
			t.Errorf("collection %d: %s in %s as %s", i, col.Name, col.Folder, col.Format)
		}
		fs := col.Fields
		if n := len(fs); n == 0 || fs[n-1].Name != "body" || fs[n-1].Widget != "markdown" {
			t.Errorf("%s: the last field is not the Markdown body", typ.Name)
		} else {
			fs = fs[:n-1]
		}
		checkFields(t, typ.Name, fs, typ.AllFields())
	}
}

func TestConfigBackends(t *testing.T) {
	c := parse(t, Site{Backend: "github", Repo: "harbour/playbook", Branch: "content"})
	if c.Backend.Name != "github" || c.Backend.Repo != "harbour/playbook" || c.Backend.Branch != "content" {
		t.Errorf("github: %+v", c.Backend)
	}
	c = parse(t, Site{LocalBackend: LocalBackendPath})
	if c.Backend.Name != "proxy" || c.Backend.ProxyURL != LocalBackendPath {
		t.Errorf("served with --cms: %+v", c.Backend)
	}
}

// The patterns the forms check with are JavaScript's and Go's alike, and take
// what the build takes.
func TestPatterns(t *testing.T) {
	c := parse(t, Site{})
	for _, col := range c.Collections {
		for _, f := range col.Fields {
			if f.Name != "duration" {
				continue
			}
			re := regexp.MustCompile(f.Pattern[0])
			for v, ok := range map[string]bool{"90": true, "1h30m": true, "1h 30m": true, "45 min": true, "ninety": false, "1h30": false} {
				if re.MatchString(v) != ok {
					t.Errorf("duration pattern on %q: %v", v, !ok)
				}
			}
		}
	}
}

func TestIndex(t *testing.T) {
	page := string(Index(Site{Title: "A <b> playbook", Language: "fr", Style: "../assets/main.0123456789.css"}))
	for _, want := range []string{`<html lang="fr">`, `<title>Edit · A &lt;b&gt; playbook</title>`, `<script src="decap-cms.js"></script>`,
		`data-preview-style="../assets/main.0123456789.css"`, `rel="cms-config-url"`} {
		if !strings.Contains(page, want) {
			t.Errorf("index.html lacks %s:\n%s", want, page)
		}
	}
	if regexp.MustCompile(`<script>|\sstyle=|\son[a-z]+=`).MatchString(page) {
		t.Errorf("index.html has inline code:\n%s", page)
	}
}

func TestDist(t *testing.T) {
	pkg := fstest.MapFS{
		"package.json":                  {Data: []byte(`{"name": "decap-cms", "version": "3.16.3"}`)},
		"dist/decap-cms.js":             {Data: []byte("x")},
		"dist/decap-cms.js.map":         {Data: []byte("x")},
		"dist/103.decap-cms.js":         {Data: []byte("x")},
		"dist/103.cms.js":               {Data: []byte("x")},
		"dist/cms.js":                   {Data: []byte("x")},
		"dist/f7.wasm":                  {Data: []byte("x")},
		"dist/decap-cms.js.LICENSE.txt": {Data: []byte("x")},
	}
	got, err := Dist(pkg)
	if err != nil || strings.Join(got, " ") != "103.decap-cms.js decap-cms.js decap-cms.js.LICENSE.txt f7.wasm" {
		t.Errorf("Dist = %v, %v", got, err)
	}
	if v := PackageVersion(pkg); v != "3.16.3" {
		t.Errorf("version %q", v)
	}
	delete(pkg, "dist/decap-cms.js")
	if _, err := Dist(pkg); err == nil {
		t.Error("a package without decap-cms.js is taken")
	}
}

// TestPinned: package.json installs the version this package names.
func TestPinned(t *testing.T) {
	data, err := os.ReadFile("../../package.json")
	if err != nil {
		t.Fatal(err)
	}
	var p struct{ DevDependencies map[string]string }
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatal(err)
	}
	if got := p.DevDependencies[Package]; got != Version {
		t.Errorf("package.json pins %s %q, cms.Version is %q", Package, got, Version)
	}
}
