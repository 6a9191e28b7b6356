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
	slugs, err := siteSlugs(ctx, source)
	if err != nil {
		return nil, false, err
	}
	files = map[string][]byte{"site.schema.json": schema.Site().JSON()}
	for _, t := range model.Types {
		files[t.Name+".schema.json"] = schema.For(t, slugs).JSON()
	}
	return files, slugs != nil, nil
}

// siteSlugs reads the slugs of the site in source; nil when it has no content/.
func siteSlugs(ctx context.Context, source string) (schema.Slugs, error) {
	dir, err := safefs.Dir(source)
	if err != nil {
		return nil, err
	}
	defer dir.Close()
	if _, err := fs.Stat(dir, "content"); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	set, err := content.NewLoader().Load(ctx, dir, nil)
	if err != nil {
		return nil, err
	}
	return schema.SlugsOf(set.Docs), nil
}
