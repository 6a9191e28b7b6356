package style

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/playbookhq/playbook/builder/sass"
	"github.com/playbookhq/playbook/builder/theme"
	"github.com/playbookhq/playbook/themes"
)

// The built-in theme without Dart Sass: its stored CSS serves, and an edited
// partial is named along with how to install Dart Sass.
func TestBuiltinThemeWithoutSass(t *testing.T) {
	builtin, err := theme.Builtin(themes.FS(), "default")
	if err != nil {
		t.Fatal(err)
	}
	entries := scssEntries(builtin)
	if len(entries) == 0 {
		t.Skip("the default theme has no SCSS")
	}
	assets, diags := Assets(context.Background(), builtin, Options{FS: fstest.MapFS{}})
	if len(diags) > 0 {
		t.Fatalf("the stored CSS should serve:\n%s", fmt.Sprint(diags))
	}
	if len(assets) == 0 {
		t.Fatal("no assets")
	}

	copied := fstest.MapFS{}
	err = fs.WalkDir(themes.FS(), "default", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(themes.FS(), p)
		copied[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var partial string
	for _, p := range slices.Sorted(maps.Keys(copied)) {
		if strings.HasPrefix(path.Base(p), "_") && isSCSS(p) && strings.HasPrefix(p, "default/assets/") {
			partial = p
			break
		}
	}
	if partial == "" {
		partial = "default/assets/" + entries[0]
	}
	copied[partial] = &fstest.MapFile{Data: append(copied[partial].Data, "\n// edited\n"...)}
	edited, err := theme.Builtin(copied, "default")
	if err != nil {
		t.Fatal(err)
	}
	_, diags = Assets(context.Background(), edited, Options{FS: fstest.MapFS{}})
	want := "themes/" + partial + " changed"
	if got := fmt.Sprint(diags); !strings.Contains(got, want) || !strings.Contains(got, "npm install "+sass.Package()+"@") {
		t.Errorf("diagnostics:\n%s\nwant them to say %q and how to install Dart Sass", got, want)
	}
}
