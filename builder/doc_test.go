package builder

import (
	"go/parser"
	"go/token"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/builder/model"
	"github.com/playbookhq/playbook/builder/render"
)

// docComment is the package comment of doc.go, the builder's specification.
func docComment(t *testing.T) string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", nil, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		t.Fatal(err)
	}
	return f.Doc.Text()
}

// TestDocNamesEveryKey: the specification names every front-matter key of the model.
func TestDocNamesEveryKey(t *testing.T) {
	doc := docComment(t)
	for _, typ := range model.Types {
		for _, f := range typ.AllFields() {
			if !regexp.MustCompile(`\b` + regexp.QuoteMeta(f.Key) + `\b`).MatchString(doc) {
				t.Errorf("doc.go does not name the %s key %q", typ.Singular, f.Key)
			}
		}
	}
	for _, f := range model.SiteSettings {
		if !strings.Contains(doc, f.Key) {
			t.Errorf("doc.go does not name the site setting %q", f.Key)
		}
	}
}

// TestDocNamesEveryTemplateName: every template function, and every field and
// method of the page, is in the specification.
func TestDocNamesEveryTemplateName(t *testing.T) {
	doc := docComment(t)
	for _, name := range render.FuncNames() {
		if !regexp.MustCompile(`\b` + name + `\b`).MatchString(doc) {
			t.Errorf("doc.go does not name the template function %q", name)
		}
	}
	pt := reflect.TypeFor[*render.Page]()
	for i := range pt.Elem().NumField() {
		if f := pt.Elem().Field(i); f.IsExported() && !strings.Contains(doc, "."+f.Name) {
			t.Errorf("doc.go does not name the page field .%s", f.Name)
		}
	}
	for i := range pt.NumMethod() {
		if m := pt.Method(i); !strings.Contains(doc, "."+m.Name) {
			t.Errorf("doc.go does not name the page method .%s", m.Name)
		}
	}
}

// TestDocNamesTrueFiles: every Go file doc.go names exists where it says.
func TestDocNamesTrueFiles(t *testing.T) {
	doc := docComment(t)
	dir := "."
	for _, line := range strings.Split(doc, "\n") {
		if m := regexp.MustCompile(`^\s*(\w+)/\s`).FindStringSubmatch(line); m != nil {
			if st, err := os.Stat(m[1]); err == nil && st.IsDir() {
				dir = m[1]
			} else if m[1] != "builder" {
				t.Errorf("doc.go names a folder %s/ that does not exist", m[1])
			}
		}
		for _, name := range regexp.MustCompile(`\b(?:[a-z]+/)?[a-z_]+\.go\b`).FindAllString(line, -1) {
			p := name
			if !strings.Contains(name, "/") {
				p = dir + "/" + name
			}
			if _, err := os.Stat(p); err != nil {
				t.Errorf("doc.go names %s (as %s), which does not exist", name, p)
			}
		}
	}
}
