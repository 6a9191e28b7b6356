package builder

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/template"
	"time"

	"github.com/playbookhq/playbook/builder/content"
	"github.com/playbookhq/playbook/builder/diag"
	"github.com/playbookhq/playbook/builder/model"
)

// archetypeBodies are the prompts `playbook new` writes under the front matter.
var archetypeBodies = map[string]string{
	"insight":    "What happens, why it matters to the customer, and what we still do not know.\n",
	"analogy":    "Where the two worlds meet, and where they part.\n",
	"experience": "## Agenda\n\n## Set-up\n\n## Script\n\n## Debrief\n",
	"session":    "What happened, in the group's words.\n",
	"page":       "",
}

// Archetype is the file `playbook new` writes for an entry of type t, made from the
// content model: the title and the dates filled in, every required field present
// and empty for the author to fill in (so that the first build names each with its
// line), the fields worth filling in with a sensible value or an empty list, and a
// comment with the allowed values of each enumeration. It is a text/template with
// {{.Title}} and {{.Date}}, as a site's own archetypes/<type>.md is.
func Archetype(t *model.Type) string {
	var b strings.Builder
	b.WriteString("---\n")
	fields := t.AllFields()
	// The common keys that describe the entry first, the type's own next, the
	// vocabulary last.
	order := []string{"title", "summary"}
	if _, own := ownField(t, "date"); !own || t.Name != "sessions" {
		order = append(order, "date")
	}
	for _, f := range t.Fields {
		if f.Key != "date" || t.Name == "sessions" {
			order = append(order, f.Key)
		}
	}
	order = append(order, "authors", "themes", "tags")
	seen := map[string]bool{}
	for _, key := range order {
		if seen[key] {
			continue
		}
		seen[key] = true
		f, ok := fieldOf(fields, key)
		if !ok || f.New == "" && !f.Required {
			continue
		}
		value := f.New
		switch value {
		case "":
			value = `""`
		case "{{title}}":
			value = "{{.Title}}"
		case "{{date}}":
			value = "{{.Date}}"
		}
		line := key + ": " + value
		note := strings.ReplaceAll(f.Note, "{{date}}", "{{.Date}}")
		if note == "" && (f.Kind == model.Enum || f.Kind == model.Enums) {
			note = strings.Join(f.Values, ", ")
		}
		if f.Kind == model.Int && f.Max > 0 && note == "" {
			note = fmt.Sprintf("%d to %d", f.Min, f.Max)
		}
		if note != "" {
			line = fmt.Sprintf("%-23s # %s", line, note)
		}
		b.WriteString(line + "\n")
	}
	b.WriteString("---\n\n")
	b.WriteString(archetypeBodies[t.Singular])
	return b.String()
}

func ownField(t *model.Type, key string) (model.Field, bool) {
	for _, f := range t.Fields {
		if f.Key == key {
			return f, true
		}
	}
	return model.Field{}, false
}

func fieldOf(fields []model.Field, key string) (model.Field, bool) {
	for _, f := range fields {
		if f.Key == key {
			return f, true
		}
	}
	return model.Field{}, false
}

// NewEntry writes content/<type>/<slug>.md from the type's archetype, dated today,
// and returns its path and the fields the author must still fill in, as the
// build will report them (file, line, column). It refuses to overwrite a file or
// to reuse a slug.
func NewEntry(source, typ, slug, title string, today time.Time) (string, Diagnostics, error) {
	t := model.Named(typ)
	if t == nil {
		return "", nil, &UsageError{fmt.Sprintf("unknown type %q: want insight, analogy, experience, session or page", typ)}
	}
	slug = strings.TrimSuffix(slug, ".md")
	if !content.ValidSlug(slug) {
		return "", nil, &UsageError{fmt.Sprintf("bad slug %q: use lower-case letters, digits and single hyphens", slug)}
	}
	dir := filepath.Join(source, "content", t.Name)
	// A slug is unique within its type, sub-folders included.
	var clash string
	filepath.WalkDir(dir, func(p string, de fs.DirEntry, err error) error {
		if err == nil && !de.IsDir() && de.Name() == slug+".md" {
			clash = p
		}
		return nil
	})
	if clash != "" {
		return "", nil, &UsageError{fmt.Sprintf("%s already exists: not overwriting it", clash)}
	}
	if title == "" {
		title = strings.ToUpper(slug[:1]) + strings.ReplaceAll(slug[1:], "-", " ")
	}
	text := Archetype(t)
	if b, err := os.ReadFile(filepath.Join(source, "archetypes", t.Singular+".md")); err == nil {
		text = string(b)
	}
	tmpl, err := template.New(t.Singular).Parse(text)
	if err != nil {
		return "", nil, fmt.Errorf("archetypes/%s.md: %w", t.Singular, err)
	}
	var b strings.Builder
	if err := tmpl.Execute(&b, map[string]string{"Title": yamlQuote(title), "Date": today.Format(time.DateOnly), "Slug": slug, "Type": t.Name}); err != nil {
		return "", nil, fmt.Errorf("archetypes/%s.md: %w", t.Singular, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", nil, err
	}
	p := filepath.Join(dir, slug+".md")
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return "", nil, &UsageError{fmt.Sprintf("%s already exists: not overwriting it", p)}
	}
	if err != nil {
		return "", nil, err
	}
	if _, err := f.WriteString(b.String()); err != nil {
		f.Close()
		return "", nil, err
	}
	if err := f.Close(); err != nil {
		return "", nil, err
	}
	doc := content.Parse(t.Name+"/"+slug+".md", []byte(b.String()), content.NewMarkdown, false)
	var todo diag.List
	for _, d := range doc.Diags {
		if d.Severity == diag.Error {
			todo = append(todo, d)
		}
	}
	return p, todo.Sort(), nil
}

// yamlQuote writes a title as a YAML double-quoted string.
func yamlQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
