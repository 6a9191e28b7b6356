// Package theme reads a theme's files through the site's overrides. Each kind of
// file (layouts, assets, static) is looked up in the site root first, then in the
// theme: the site's own themes/<name>/ if it has one, else the built-in theme.
package theme

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/playbookhq/playbook/builder/content"
)

// Theme is one theme as a site sees it.
type Theme struct {
	Name   string
	layers []Layer // highest priority first
}

// Layer is one folder a theme's files are looked up in.
type Layer struct {
	FS    fs.FS
	Root  string // folder in FS holding layouts/, assets/, static/ ("." or "themes/x")
	Label string // how messages name that folder: "", "themes/default/"
}

// Load finds theme name for the site in src: the site's own themes/<name>/, else
// the built-in one in builtin (a folder per theme).
func Load(src fs.FS, builtin fs.FS, name string) (*Theme, error) {
	t := &Theme{Name: name}
	t.layers = append(t.layers, Layer{FS: src, Root: ".", Label: ""})
	if name == "" {
		return nil, errors.New("no theme named: the site's theme setting is empty")
	}
	if fi, err := fs.Stat(src, "themes/"+name); err == nil && fi.IsDir() {
		t.layers = append(t.layers, Layer{FS: src, Root: "themes/" + name, Label: "themes/" + name + "/"})
		return t, nil
	}
	if builtin != nil {
		if fi, err := fs.Stat(builtin, name); err == nil && fi.IsDir() {
			t.layers = append(t.layers, Layer{FS: builtin, Root: name, Label: "themes/" + name + "/"})
			return t, nil
		}
	}
	return nil, fmt.Errorf("theme %q not found: no themes/%s/ in the site and no built-in theme of that name", name, name)
}

// Builtin reads theme name from themes alone, with no site around it.
func Builtin(themes fs.FS, name string) (*Theme, error) {
	return Load(noFiles{}, themes, name)
}

type noFiles struct{}

func (noFiles) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// Home is the theme's own folder, below the site's overrides.
func (t *Theme) Home() Layer { return t.layers[len(t.layers)-1] }

// Read returns the file kind/name ("layouts", "base.html") and the name messages use.
func (t *Theme) Read(kind, name string) ([]byte, string, error) {
	for _, l := range t.layers {
		data, err := fs.ReadFile(l.FS, path.Join(l.Root, kind, name))
		if err == nil {
			return data, l.Label + kind + "/" + name, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, l.Label + kind + "/" + name, err
		}
	}
	return nil, "", fs.ErrNotExist
}

// Has reports whether any layer has the file.
func (t *Theme) Has(kind, name string) bool {
	for _, l := range t.layers {
		if _, err := fs.Stat(l.FS, path.Join(l.Root, kind, name)); err == nil {
			return true
		}
	}
	return false
}

// List returns the names of every file under kind/dir in any layer, sorted.
func (t *Theme) List(kind, dir string) []string {
	seen := map[string]bool{}
	for _, l := range t.layers {
		root := path.Join(l.Root, kind)
		start := path.Join(root, dir)
		_ = fs.WalkDir(l.FS, start, func(p string, de fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if de.IsDir() {
				if p != start && content.Ignored(de.Name()) {
					return fs.SkipDir
				}
				return nil
			}
			if content.Ignored(de.Name()) {
				return nil
			}
			seen[strings.TrimPrefix(p, root+"/")] = true
			return nil
		})
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Label is how messages name a theme file: the first layer that has it.
func (t *Theme) Label(kind, name string) string {
	if _, label, err := t.Read(kind, name); err == nil {
		return label
	}
	return kind + "/" + name
}
