package schema_test

import (
	"encoding/json"
	"os"
	"slices"
	"testing"

	"github.com/playbookhq/playbook/builder/model"
	"github.com/playbookhq/playbook/builder/schema"
)

// The field types the Front Matter CMS extension (10.x) knows: a field of another
// type is shown as plain text, or not at all.
var frontMatterTypes = []string{
	"string", "number", "datetime", "boolean", "image", "file", "choice", "taxonomy",
	"tags", "categories", "draft", "fields", "json", "block", "list", "dataFile",
	"slug", "divider", "heading", "customField", "contentRelationship", "fieldCollection",
}

type fmField struct {
	Type     string `json:"type"`
	Name     string `json:"name"`
	Title    string `json:"title"`
	Required bool   `json:"required"`
	Multiple bool   `json:"multiple"`
	Choices  []any  `json:"choices"`
	Format   string `json:"dateFormat"`
}

type fmSettings struct {
	Types []struct {
		Name     string    `json:"name"`
		FileType string    `json:"fileType"`
		Fields   []fmField `json:"fields"`
	} `json:"frontMatter.taxonomy.contentTypes"`
	Folders []struct {
		Title        string   `json:"title"`
		Path         string   `json:"path"`
		ContentTypes []string `json:"contentTypes"`
	} `json:"frontMatter.content.pageFolders"`
}

// TestFrontMatterCMS: the settings made for VS Code have, in the shape the
// extension reads, a content type per entry type with only the model's keys,
// each type's folder under content/, enums offering the model's values and
// references the site's own entries.
func TestFrontMatterCMS(t *testing.T) {
	set := load(t, os.DirFS("../.."))
	data, err := json.Marshal(schema.FrontMatterCMS(set.Docs))
	if err != nil {
		t.Fatal(err)
	}
	var got fmSettings
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Types) != len(model.Types) || len(got.Folders) != len(model.Types) {
		t.Fatalf("%d content types and %d folders for %d entry types", len(got.Types), len(got.Folders), len(model.Types))
	}
	for i, typ := range model.Types {
		ct, folder := got.Types[i], got.Folders[i]
		if ct.Name != typ.Singular || ct.FileType != "md" {
			t.Errorf("content type %d: %q (%s), want %q (md)", i, ct.Name, ct.FileType, typ.Singular)
		}
		if folder.Path != "[[workspace]]/content/"+typ.Name || !slices.Equal(folder.ContentTypes, []string{typ.Singular}) {
			t.Errorf("folder of %s: %q for %v", typ.Name, folder.Path, folder.ContentTypes)
		}
		if st, err := os.Stat("../../content/" + typ.Name); err != nil || !st.IsDir() {
			t.Errorf("folder of %s: the sample has no content/%s", typ.Name, typ.Name)
		}
		for _, f := range ct.Fields {
			mf, ok := typ.Field(f.Name)
			if !ok {
				t.Errorf("%s: field %q is not in the model: the extension would write it", typ.Name, f.Name)
				continue
			}
			if !slices.Contains(frontMatterTypes, f.Type) {
				t.Errorf("%s.%s: type %q is not one the extension knows", typ.Name, f.Name, f.Type)
			}
			if f.Title == "" || f.Required != mf.Required {
				t.Errorf("%s.%s: title %q, required %v (model: %v)", typ.Name, f.Name, f.Title, f.Required, mf.Required)
			}
			switch mf.Kind {
			case model.Enum, model.Enums:
				var values []string
				for _, c := range f.Choices {
					values = append(values, c.(string))
				}
				if f.Type != "choice" || !slices.Equal(values, mf.Values) || f.Multiple != (mf.Kind == model.Enums) {
					t.Errorf("%s.%s: %s of %v, multiple %v; want the model's %v", typ.Name, f.Name, f.Type, values, f.Multiple, mf.Values)
				}
			case model.Ref, model.Refs:
				var ids []string
				for _, c := range f.Choices {
					ids = append(ids, c.(map[string]any)["id"].(string))
				}
				var want []string
				for _, d := range set.Docs {
					if d.Type != nil && d.Type.Name == mf.Ref && d.Slug != "" && !slices.Contains(want, d.Slug) {
						want = append(want, d.Slug)
					}
				}
				slices.Sort(ids)
				slices.Sort(want)
				if f.Type != "choice" || len(ids) == 0 || !slices.Equal(ids, want) {
					t.Errorf("%s.%s: choices %v, want the site's %s %v", typ.Name, f.Name, ids, mf.Ref, want)
				}
			case model.Date:
				if f.Type != "datetime" || f.Format != "yyyy-MM-dd" {
					t.Errorf("%s.%s: %s as %q, want a date as yyyy-MM-dd", typ.Name, f.Name, f.Type, f.Format)
				}
			}
		}
	}
	// The experience's analogy offers the sample's analogies by title.
	for _, f := range got.Types[2].Fields {
		if f.Name == "analogy" && !slices.ContainsFunc(f.Choices, func(c any) bool {
			m := c.(map[string]any)
			return m["id"] == "emergency-room-triage" && m["title"] != ""
		}) {
			t.Errorf("experience.analogy: %v", f.Choices)
		}
	}
}
