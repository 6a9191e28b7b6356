package builder

import (
	"context"
	"errors"
	"io/fs"

	"github.com/playbookhq/playbook/builder/content"
	"github.com/playbookhq/playbook/builder/internal/safefs"
	"github.com/playbookhq/playbook/builder/model"
	"github.com/playbookhq/playbook/builder/schema"
)

// Schemas returns the files `playbook schema` writes: a JSON Schema per entry type
// (insights.schema.json...) and one of the site settings (site.schema.json). When
// source holds a content/ folder, references list its entries' slugs (found says
// so); the content need not build for that.
func Schemas(ctx context.Context, source string) (files map[string][]byte, found bool, err error) {
	docs, found, err := siteDocs(ctx, source)
	if err != nil {
		return nil, false, err
	}
	var slugs schema.Slugs
	if found {
		slugs = schema.SlugsOf(docs)
	}
	files = map[string][]byte{"site.schema.json": schema.Site().JSON()}
	for _, t := range model.Types {
		files[t.Name+".schema.json"] = schema.For(t, slugs).JSON()
	}
	return files, found, nil
}

// FrontMatterSettings returns the settings of frontmatter.json, for the Front
// Matter CMS extension of VS Code, that `playbook schema --vscode` writes: a
// content type per entry type, references offering the entries of source.
func FrontMatterSettings(ctx context.Context, source string) (map[string]any, error) {
	docs, _, err := siteDocs(ctx, source)
	if err != nil {
		return nil, err
	}
	return schema.FrontMatterCMS(docs), nil
}

// siteDocs reads the documents of the site in source; found is false when it has
// no content/.
func siteDocs(ctx context.Context, source string) (docs []*content.Doc, found bool, err error) {
	dir, err := safefs.Dir(source)
	if err != nil {
		return nil, false, err
	}
	defer dir.Close()
	if _, err := fs.Stat(dir, "content"); errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	set, err := content.NewLoader().Load(ctx, dir, nil)
	if err != nil {
		return nil, false, err
	}
	return set.Docs, true, nil
}
