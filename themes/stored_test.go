package themes_test

import (
	"bytes"
	"context"
	"io/fs"
	"testing"

	"github.com/playbookhq/playbook/builder"
	"github.com/playbookhq/playbook/builder/sass"
	"github.com/playbookhq/playbook/builder/sass/sasstest"
	"github.com/playbookhq/playbook/themes"
)

func themeNames(t *testing.T) []string {
	t.Helper()
	entries, err := fs.ReadDir(themes.FS(), ".")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	return names
}

// Builds without Dart Sass rely on the stored CSS: it must match the SCSS, and
// come from the Dart Sass that package.json pins.
func TestStoredCSSIsFresh(t *testing.T) {
	pinned := sasstest.Pinned(t)
	for _, name := range themeNames(t) {
		if err := builder.CheckStoredStyles(themes.FS(), name); err != nil {
			t.Error(err)
		}
		if v := builder.StoredSassVersion(themes.FS(), name); v != "" && v != pinned {
			t.Errorf("theme %s: the stored CSS was compiled by Dart Sass %s; package.json pins %s: run `npm install` and `go generate ./themes/...`", name, v, pinned)
		}
	}
}

// The stored CSS is byte for byte what the pinned Dart Sass makes of the SCSS, so
// a build is the same with Dart Sass or without.
func TestStoredCSSIsWhatDartSassMakes(t *testing.T) {
	c, err := sass.Open(sasstest.Binary(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if pinned := sasstest.Pinned(t); c.Version() != pinned {
		t.Fatalf("Dart Sass %s at %s; package.json pins %s", c.Version(), c.Path(), pinned)
	}
	for _, name := range themeNames(t) {
		files, err := builder.StoredStyles(context.Background(), themes.FS(), name, c)
		if err != nil {
			t.Fatalf("theme %s: %v", name, err)
		}
		for p, want := range files {
			got, err := fs.ReadFile(themes.FS(), name+"/"+p)
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("themes/%s/%s is not what Dart Sass %s makes of the SCSS: run `go generate ./themes/...`", name, p, c.Version())
			}
		}
	}
}
