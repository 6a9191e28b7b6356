package schema

import (
	"cmp"
	"slices"
	"strings"

	"github.com/playbookhq/playbook/builder/content"
	"github.com/playbookhq/playbook/builder/model"
)

// FrontMatterKeys are the keys of frontmatter.json, the project settings of the
// Front Matter CMS extension for VS Code, that FrontMatterCMS makes; an author's
// other settings in that file are theirs.
var FrontMatterKeys = []string{"frontMatter.taxonomy.contentTypes", "frontMatter.content.pageFolders"}

// FrontMatterCMS returns the settings that give VS Code, with the Front Matter CMS
// extension, a form beside each entry file: a content type per entry type, made
// from the model, and each type's folder tied to its content type, so that an
// entry needs no key naming its type. References are choices among the entries of
// docs (their slugs, shown by title), since the extension's own relationship
// field names entries by a slug made from their titles, not by their file names.
// Lists of maps (evidence, moments, actions...) are left to the file itself: the
// extension's fields for them write a key of their own into every item.
func FrontMatterCMS(docs []*content.Doc) map[string]any {
	type choice struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	}
	choices := map[string][]choice{}
	seen := map[string]bool{}
	for _, d := range docs {
		if d.Role == content.Entry && content.ValidSlug(d.Slug) && !seen[d.ID] {
			seen[d.ID] = true
			choices[d.Type.Name] = append(choices[d.Type.Name], choice{d.Slug, cmp.Or(d.Title, d.Slug)})
		}
	}
	for _, l := range choices {
		slices.SortFunc(l, func(a, b choice) int { return cmp.Compare(a.Title, b.Title) })
	}
	var types, folders []map[string]any
	for _, t := range model.Types {
		var fields []map[string]any
		for _, f := range t.AllFields() {
			fm := map[string]any{"title": f.Label, "name": f.Key, "description": f.Doc}
			if f.Required {
				fm["required"] = true
			}
			switch f.Kind {
			case model.Text:
				fm["type"], fm["single"] = "string", !f.Lines
			case model.Duration:
				fm["type"], fm["single"] = "string", true
				fm["description"] = f.Doc + ` Minutes ("90"), or hours and minutes ("1h30m").`
			case model.Group:
				fm["type"], fm["single"] = "string", true
			case model.List, model.Paths:
				fm["type"] = "list"
			case model.Ref, model.Refs:
				refs := choices[f.Ref]
				if refs == nil {
					refs = []choice{}
				}
				fm["type"], fm["choices"] = "choice", refs
				if f.Kind == model.Refs {
					fm["multiple"] = true
				}
			case model.Date:
				fm["type"], fm["dateFormat"] = "datetime", "yyyy-MM-dd"
				if strings.Contains(f.New, "{{date}}") {
					fm["default"] = "{{now}}"
				}
			case model.Bool:
				fm["type"] = "boolean"
			case model.Int:
				opts := map[string]any{"min": f.Min}
				if f.Max != 0 {
					opts["max"] = f.Max
				}
				fm["type"], fm["numberOptions"] = "number", opts
			case model.Enum, model.Enums:
				fm["type"], fm["choices"] = "choice", f.Values
				if f.Kind == model.Enums {
					fm["multiple"] = true
				}
			case model.Objects:
				continue
			}
			fields = append(fields, fm)
		}
		types = append(types, map[string]any{
			"name": t.Singular, "pageBundle": false, "fileType": "md", "clearEmpty": true, "previewPath": nil, "fields": fields,
		})
		folders = append(folders, map[string]any{
			"title": t.Title, "path": "[[workspace]]/content/" + t.Name, "contentTypes": []string{t.Singular},
		})
	}
	return map[string]any{FrontMatterKeys[0]: types, FrontMatterKeys[1]: folders}
}
