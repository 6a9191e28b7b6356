package builder

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/builder/model"
)

// TestArchetypesFromModel: for every type, `playbook new` writes only keys the
// model knows, every required key, and leaves to fill in exactly the required
// keys the model starts empty, each named with its line.
func TestArchetypesFromModel(t *testing.T) {
	key := regexp.MustCompile(`(?m)^([a-z][a-zA-Z]*):`)
	for _, typ := range model.Types {
		dir := t.TempDir()
		p, todo, err := NewEntry(dir, typ.Singular, "x", "A title", today)
		if err != nil {
			t.Fatalf("%s: %v", typ.Name, err)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		fm, _, _ := strings.Cut(strings.TrimPrefix(string(data), "---\n"), "\n---")
		var keys []string
		for _, m := range key.FindAllStringSubmatch(fm, -1) {
			keys = append(keys, m[1])
			if _, ok := typ.Field(m[1]); !ok {
				t.Errorf("%s: the new file has %q, which the model does not know", typ.Name, m[1])
			}
		}
		var empty []string
		for _, f := range typ.AllFields() {
			if !f.Required {
				continue
			}
			if !slices.Contains(keys, f.Key) {
				t.Errorf("%s: the new file lacks the required %q", typ.Name, f.Key)
			}
			if f.New == "" || f.New == `""` || f.New == "[]" {
				empty = append(empty, f.Key)
			}
		}
		var named []string
		for _, d := range todo {
			if !strings.HasPrefix(d.Pos.String(), "content/"+typ.Name+"/x.md:") || d.Pos.Line == 0 {
				t.Errorf("%s: %q is not positioned in the new file", typ.Name, d.Error())
			}
			named = append(named, strings.Fields(d.Msg)[0])
		}
		slices.Sort(empty)
		slices.Sort(named)
		if !slices.Equal(empty, named) {
			t.Errorf("%s: left to fill in %v, want the required keys the model starts empty %v", typ.Name, named, empty)
		}
	}
}
