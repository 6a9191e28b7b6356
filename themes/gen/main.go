// Command gen remakes the stored CSS of every built-in theme (themes/<name>/compiled/)
// with the Dart Sass that package.json pins. `go generate ./themes/...` runs it.
//
//	go run ./themes/gen [-sass PATH]
//
// Dart Sass is -sass, else $PLAYBOOK_DART_SASS, else the one `npm install` put in the
// repository's node_modules. Any other version than the pinned one is refused: the
// stored CSS must be what every machine would make.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/playbookhq/playbook/builder"
	"github.com/playbookhq/playbook/builder/sass"
)

func main() {
	bin := flag.String("sass", os.Getenv("PLAYBOOK_DART_SASS"), "the Dart Sass `executable`")
	flag.Parse()
	if err := run(*bin); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(bin string) error {
	root, err := repoRoot()
	if err != nil {
		return err
	}
	data, err := os.ReadFile(filepath.Join(root, "package.json"))
	if err != nil {
		return err
	}
	pinned, err := sass.Pinned(data)
	if err != nil {
		return err
	}
	if bin == "" {
		for _, p := range sass.NodeModules(root) {
			if _, err := os.Stat(p); err == nil {
				bin = p
				break
			}
		}
	}
	if bin == "" {
		return fmt.Errorf("no Dart Sass: run `npm install` in %s (it installs %s@%s), or pass -sass", root, sass.Package(), pinned)
	}
	c, err := sass.Open(bin, os.Stderr)
	if err != nil {
		return err
	}
	defer c.Close()
	if c.Version() != pinned {
		return fmt.Errorf("%s is Dart Sass %s, but package.json pins %s: run `npm install`", bin, c.Version(), pinned)
	}

	themesDir := filepath.Join(root, "themes")
	entries, err := os.ReadDir(themesDir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if _, err := os.Stat(filepath.Join(themesDir, e.Name(), "assets")); err != nil {
			continue
		}
		if err := store(c, themesDir, e.Name()); err != nil {
			return err
		}
	}
	return nil
}

// store writes a theme's compiled/ afresh: what its SCSS makes now, and nothing else.
func store(c *sass.Compiler, themesDir, name string) error {
	files, err := builder.StoredStyles(context.Background(), os.DirFS(themesDir), name, c)
	if err != nil {
		return err
	}
	dir := filepath.Join(themesDir, name)
	names := make([]string, 0, len(files))
	for p := range files {
		names = append(names, p)
	}
	sort.Strings(names)
	for _, p := range names {
		file := filepath.Join(dir, filepath.FromSlash(p))
		old, err := os.ReadFile(file)
		if err == nil && bytes.Equal(old, files[p]) {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(file, files[p], 0o644); err != nil {
			return err
		}
		fmt.Printf("wrote themes/%s/%s\n", name, p)
	}
	compiled := filepath.Join(dir, "compiled")
	err = filepath.WalkDir(compiled, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if _, keep := files[filepath.ToSlash(rel)]; !keep {
			fmt.Printf("removed themes/%s/%s\n", name, filepath.ToSlash(rel))
			return os.Remove(p)
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the current folder")
		}
		dir = parent
	}
}
