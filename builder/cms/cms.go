// Package cms makes the editing forms published at /admin/: Decap CMS, from the
// npm package that the playbook's set-up installs, with a configuration made from
// the content model. A folder collection per type writes the same Markdown the
// build reads, with YAML front matter, to content/<type>/: a form field per model
// key and no other (the body is the Markdown after the front matter), references
// as relation widgets that pick from the referenced type's entries, enumerations
// as selects, lists of maps (evidence, moments, actions, share plans) as lists of
// sub-forms. The page's own script (admin.js) previews with the site's stylesheet,
// reads and writes group sizes in every spelling the build takes, and leaves out
// what the author emptied, so that nothing the build would refuse is saved.
package cms

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/playbookhq/playbook/builder/model"
	"github.com/playbookhq/playbook/builder/schema"
)

// Package is the npm package whose dist/ folder holds Decap CMS, and Version the
// version package.json pins (a test holds them together).
const (
	Package = "decap-cms"
	Version = "3.16.3"
)

// CSP is the Content-Security-Policy of /admin/, in netlify.toml and on the dev
// server. Decap CMS needs more than the site's policy: its styles are injected
// at run time ('unsafe-inline' styles), its configuration is checked by code it
// compiles ('unsafe-eval'), previews and uploads are shown from blob: URLs, and
// the GitHub backend talks to GitHub's API and shows avatars from GitHub. Nothing
// else is loaded from another host: no CDN, no fonts, no frames.
const CSP = "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob: https://avatars.githubusercontent.com; font-src 'self' data:; " +
	"connect-src 'self' blob: https://api.github.com; frame-src 'self' blob:; worker-src 'self' blob:; " +
	"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// Site is what the configuration takes from the site and the build.
type Site struct {
	Title    string
	BaseURL  string // the published site's address, for links from the forms
	Language string
	Backend  string // git-gateway or github
	Repo     string // owner/name, for github
	Branch   string
	// LocalBackend, when set, is the root-relative URL of the Decap local backend
	// (playbook serve --cms) that the forms save through instead, to the working
	// copy.
	LocalBackend string
	// Style is the URL of the site's stylesheet, relative to /admin/, for
	// previews.
	Style string
}

// Files are the files of /admin/ besides Decap's own, by name.
func Files(s Site) map[string][]byte {
	return map[string][]byte{
		"index.html": Index(s),
		"config.yml": Config(s),
		"admin.js":   adminJS,
	}
}

//go:embed admin.js
var adminJS []byte

var index = template.Must(template.New("index.html").Parse(`<!DOCTYPE html>
<html lang="{{.Language}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Edit · {{.Title}}</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
<noscript><p>The editing forms need JavaScript.</p></noscript>
<script src="decap-cms.js"></script>
<script src="admin.js" data-preview-style="{{.Style}}"></script>
</body>
</html>
`))

// Index is /admin/index.html: Decap CMS, then the playbook's own script.
func Index(s Site) []byte {
	if s.Language == "" {
		s.Language = "en"
	}
	var b bytes.Buffer
	if err := index.Execute(&b, s); err != nil {
		panic(err) // the template and its data are ours
	}
	return b.Bytes()
}

// Dist lists the files of the Decap CMS package that /admin/ serves: the script,
// the chunks it loads as it needs them, its WebAssembly and its licence; not the
// source maps nor the second copy of the bundle (cms.js).
func Dist(pkg fs.FS) ([]string, error) {
	entries, err := fs.ReadDir(pkg, "dist")
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		n := e.Name()
		if e.Type().IsRegular() && (n == "decap-cms.js" || strings.HasSuffix(n, ".decap-cms.js") ||
			strings.HasSuffix(n, ".wasm") || n == "decap-cms.js.LICENSE.txt") {
			out = append(out, n)
		}
	}
	if !slices.Contains(out, "decap-cms.js") {
		return nil, fmt.Errorf("%s has no dist/decap-cms.js", Package)
	}
	return out, nil
}

// PackageVersion reads the version of the Decap CMS package.
func PackageVersion(pkg fs.FS) string {
	data, err := fs.ReadFile(pkg, "package.json")
	if err != nil {
		return ""
	}
	var p struct{ Version string }
	json.Unmarshal(data, &p)
	return p.Version
}

// LocalBackendPath is where the dev server answers for the Decap local backend.
const LocalBackendPath = "/__playbook/cms/api/v1"

// m is a YAML map in the order written.
type m = yaml.MapSlice

func item(k string, v any) yaml.MapItem { return yaml.MapItem{Key: k, Value: v} }

// Config is /admin/config.yml.
func Config(s Site) []byte {
	backend := m{item("name", s.Backend)}
	if s.Backend == "" {
		backend = m{item("name", "git-gateway")}
	}
	if s.Backend == "github" {
		backend = append(backend, item("repo", s.Repo))
	}
	branch := s.Branch
	if branch == "" {
		branch = "main"
	}
	backend = append(backend, item("branch", branch))
	if s.LocalBackend != "" {
		// Decap's local backend, decap-server, reached through the dev server, at
		// a path of its own: the proxy backend takes a root-relative address,
		// which local_backend does not, so that the forms work whatever name the
		// author opens the site by.
		backend = m{item("name", "proxy"), item("proxy_url", s.LocalBackend), item("branch", branch)}
	}
	c := m{item("backend", backend)}
	if strings.HasPrefix(s.BaseURL, "http://") || strings.HasPrefix(s.BaseURL, "https://") {
		c = append(c, item("site_url", s.BaseURL), item("display_url", s.BaseURL))
	}
	c = append(c,
		// Uploads sit beside the entry that uses them, where the build looks for
		// an image a body names; media_folder is for the media library.
		item("media_folder", "content/media"),
		item("public_folder", "/media"),
		item("slug", m{item("encoding", "ascii"), item("clean_accents", true), item("sanitize_replacement", "-")}),
	)
	var cols []m
	for _, t := range model.Types {
		cols = append(cols, collection(t))
	}
	c = append(c, item("collections", cols))
	out, err := yaml.MarshalWithOptions(c, yaml.Indent(2), yaml.IndentSequence(true), yaml.UseLiteralStyleIfMultiline(true))
	if err != nil {
		panic(err) // maps, lists, strings, numbers and booleans
	}
	return append([]byte("# The editing forms' configuration, made by playbook from its content model:\n# change the model, not this file.\n"), out...)
}

func collection(t *model.Type) m {
	fields := make([]m, 0, len(t.AllFields())+1)
	for _, f := range t.AllFields() {
		fields = append(fields, widget(f))
	}
	fields = append(fields, m{
		item("name", "body"), item("label", bodyLabel(t)), item("widget", "markdown"),
		// The Markdown as written: the rich-text editor would escape wikilinks.
		item("modes", []string{"raw"}), item("required", false),
		item("hint", "Markdown. [[slug]] links to an entry, [[slug|words]] with words of your own."),
	})
	col := m{
		item("name", t.Name),
		item("label", t.Title),
		item("label_singular", t.One),
		item("description", t.Doc),
		item("folder", "content/"+t.Name),
		// Entries in sub-folders of the type's folder are listed too, by their
		// file name; new ones go in the folder itself.
		item("nested", m{item("depth", 10), item("subfolders", false)}),
		item("extension", "md"),
		// Read YAML, TOML and JSON front matter; write YAML.
		item("format", "frontmatter"),
		item("create", true),
		item("slug", "{{slug}}"),
		item("identifier_field", "title"),
		item("summary", "{{title}}"),
		item("sortable_fields", []string{"title", "date"}),
		item("media_folder", ""),
		item("public_folder", ""),
		item("fields", fields),
	}
	return col
}

func bodyLabel(t *model.Type) string {
	if t.Name == "experiences" {
		return "Facilitator's guide"
	}
	return "Text"
}

// widget is the form field of a model key.
func widget(f model.Field) m {
	w := m{item("name", f.Key), item("label", f.Label)}
	hint := f.Doc
	if f.Default != "" && (f.Kind == model.Enum || f.Kind == model.Text) {
		hint += " Left empty: " + f.Default + "."
	}
	switch f.Kind {
	case model.Text:
		if f.Lines {
			w = append(w, item("widget", "text"))
		} else {
			w = append(w, item("widget", "string"))
		}
	case model.List, model.Paths:
		inner := m{item("name", strings.TrimSuffix(f.Key, "s")), item("label", f.Label), item("widget", "string")}
		if f.Kind == model.Paths {
			inner = append(inner, item("pattern", []string{schema.Pattern(model.Paths), `A site path such as /old/path/`}))
		}
		// Open: each item is a line to type in, not a folded sub-form.
		w = append(w, item("widget", "list"), item("allow_add", true), item("collapsed", false), item("field", inner))
	case model.Ref, model.Refs:
		to := model.Named(f.Ref)
		w = append(w, item("widget", "relation"), item("collection", to.Name),
			// The build names entries by file name, whatever sub-folder holds them.
			item("value_field", "{{filename}}"),
			item("search_fields", []string{"title"}), item("display_fields", []string{"title"}),
			item("options_length", 50))
		if f.Kind == model.Refs {
			w = append(w, item("multiple", true))
			if f.Required {
				w = append(w, item("min", 1))
			}
		}
	case model.Date:
		w = append(w, item("widget", "datetime"), item("format", "YYYY-MM-DD"),
			item("date_format", "YYYY-MM-DD"), item("time_format", false))
		if strings.Contains(f.New, "{{date}}") {
			w = append(w, item("default", "{{now}}"))
		}
	case model.Bool:
		w = append(w, item("widget", "boolean"))
		if f.Default == "true" {
			w = append(w, item("default", true))
		}
	case model.Int:
		w = append(w, item("widget", "number"), item("value_type", "int"), item("min", f.Min))
		if f.Max != 0 {
			w = append(w, item("max", f.Max))
		}
	case model.Duration:
		w = append(w, item("widget", "string"),
			item("pattern", []string{schema.Pattern(model.Duration), "minutes (90), or hours and minutes (1h30m, 2h, 45m)"}))
		hint += ` Minutes ("90"), or hours and minutes ("1h30m").`
	case model.Group:
		w = append(w, item("widget", "playbook-group"), item("group_pattern", schema.Pattern(model.Group)))
		hint += ` A number ("12") or a range ("6-12").`
	case model.Enum:
		w = append(w, item("widget", "select"), item("options", f.Values))
	case model.Enums:
		w = append(w, item("widget", "select"), item("options", f.Values), item("multiple", true))
		if f.Required {
			w = append(w, item("min", 1))
		}
	case model.Objects:
		sub := make([]m, len(f.Item))
		for i, it := range f.Item {
			sub[i] = widget(it)
		}
		w = append(w, item("widget", "list"), item("allow_add", true),
			item("summary", "{{fields."+f.Item[0].Key+"}}"), item("fields", sub))
	default:
		panic(fmt.Sprintf("cms: no widget for a %s", f.Kind))
	}
	w = append(w, item("required", f.Required), item("hint", hint))
	return w
}

// Path is where the files of /admin/ are published.
func Path(name string) string { return path.Join("admin", name) }
