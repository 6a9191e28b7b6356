package builder

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/builder/model"
)

// The field tables of docs/reference.md are made from the model, between
// <!-- model: NAME --> and <!-- end model --> (NAME: common, a type's folder
// name, or site). TestReferenceTables fails when a table and the model disagree;
//
//	go test ./builder -run TestReferenceTables -update
//
// rewrites them.
const referenceDoc = "../docs/reference.md"

var modelTable = regexp.MustCompile(`(?s)(<!-- model: (\w+) -->\n).*?(<!-- end model -->)`)

func TestReferenceTables(t *testing.T) {
	data, err := os.ReadFile(referenceDoc)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	seen := map[string]bool{}
	want := modelTable.ReplaceAllStringFunc(doc, func(m string) string {
		sub := modelTable.FindStringSubmatch(m)
		seen[sub[2]] = true
		table, ok := referenceTable(sub[2])
		if !ok {
			t.Errorf("%s: <!-- model: %s --> names nothing in the model", referenceDoc, sub[2])
			return m
		}
		return sub[1] + table + sub[3]
	})
	for _, name := range append([]string{"common", "site"}, typeNames()...) {
		if !seen[name] {
			t.Errorf("%s has no table <!-- model: %s -->", referenceDoc, name)
		}
	}
	if want == doc {
		return
	}
	if *update {
		if err := os.WriteFile(referenceDoc, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("%s: the field tables differ from the model; run go test ./builder -run TestReferenceTables -update\n%s", referenceDoc, firstDiff(doc, want))
}

func typeNames() []string {
	var out []string
	for _, typ := range model.Types {
		out = append(out, typ.Name)
	}
	return out
}

// firstDiff shows the first line that differs.
func firstDiff(have, want string) string {
	h, w := strings.Split(have, "\n"), strings.Split(want, "\n")
	for i := range min(len(h), len(w)) {
		if h[i] != w[i] {
			return fmt.Sprintf("line %d:\n  doc:   %s\n  model: %s", i+1, h[i], w[i])
		}
	}
	return "the lengths differ"
}

// referenceTable is the Markdown table of the fields named: "common" (every
// type's), a type's own, or "site" (content/_index.md).
func referenceTable(name string) (string, bool) {
	var b strings.Builder
	switch name {
	case "site":
		b.WriteString("| key | value | default | meaning |\n|---|---|---|---|\n")
		for _, f := range model.SiteSettings {
			def := "none"
			switch {
			case f.Required:
				def = "required"
			case f.Default != "":
				def = "`" + f.Default + "`"
			case f.Kind == model.Bool:
				def = "`false`"
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", f.Key, valueText(f), def, cell(f.Doc))
		}
		return b.String(), true
	case "common":
		return fieldTable(model.Common), true
	}
	t := model.Named(name)
	if t == nil || t.Name != name {
		return "", false
	}
	return fieldTable(t.Fields), true
}

func fieldTable(fs []model.Field) string {
	var b strings.Builder
	b.WriteString("| key | value | required | notes |\n|---|---|---|---|\n")
	for _, f := range fs {
		need := "no"
		switch {
		case f.Required:
			need = "yes"
		case f.Recommended:
			need = "recommended"
		}
		if f.Default != "" {
			need += ", default `" + f.Default + "`"
		}
		notes := f.Doc
		if f.Kind == model.Objects {
			var items []string
			for _, it := range f.Item {
				var about []string
				if it.Required {
					about = append(about, "required")
				}
				if it.Kind != model.Text {
					about = append(about, valueText(it))
				}
				if it.Default != "" {
					about = append(about, "default `"+it.Default+"`")
				}
				s := "`" + it.Key + "`"
				if len(about) > 0 {
					s += " (" + strings.Join(about, "; ") + ")"
				}
				doc := it.Doc
				if !strings.HasSuffix(doc, "...") {
					doc = strings.TrimSuffix(doc, ".")
				}
				items = append(items, s+": "+doc)
			}
			notes += " Each item: " + strings.Join(items, "; ") + "."
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", f.Key, valueText(f), need, cell(notes))
	}
	return b.String()
}

// valueText says what a field holds, for people.
func valueText(f model.Field) string {
	quoted := func(vs []string) string {
		q := make([]string, len(vs))
		for i, v := range vs {
			q[i] = "`" + v + "`"
		}
		return strings.Join(q, ", ")
	}
	switch f.Kind {
	case model.Text:
		return "text"
	case model.List:
		return "list of text"
	case model.Ref:
		s := model.Named(f.Ref).Singular
		return article(s) + " " + s + " slug"
	case model.Refs:
		return "list of " + model.Named(f.Ref).Singular + " slugs"
	case model.Date:
		return "date"
	case model.Bool:
		return "true/false"
	case model.Int:
		if f.Max != 0 {
			return fmt.Sprintf("whole number %d–%d", f.Min, f.Max)
		}
		return fmt.Sprintf("whole number from %d", f.Min)
	case model.Duration:
		return "duration"
	case model.Enum:
		return quoted(f.Values)
	case model.Enums:
		return "list of " + quoted(f.Values)
	case model.Objects:
		keys := make([]string, len(f.Item))
		for i, it := range f.Item {
			keys[i] = it.Key
		}
		return "list of `{" + strings.Join(keys, ", ") + "}`"
	case model.Group:
		return "`12`, `\"6-12\"` or `{min: 6, max: 12}`"
	case model.Paths:
		return "list of paths"
	}
	return f.Kind.String()
}

func article(word string) string {
	if strings.ContainsRune("aeiou", rune(word[0])) {
		return "an"
	}
	return "a"
}

// cell escapes text for a table cell: a bar would end it, and <html lang> is text.
func cell(s string) string {
	return strings.NewReplacer("|", `\|`, "<", "&lt;").Replace(s)
}
