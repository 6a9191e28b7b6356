package builder

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// theme reads a theme's files through the site's overrides. Each kind of file
// (layouts, assets, static) is looked up in the site root first, then in the theme:
// the site's own themes/<name>/ if it has one, else the built-in theme.
type theme struct {
	name   string
	layers []layer // highest priority first
}

type layer struct {
	fsys  fs.FS
	root  string // folder in fsys holding layouts/, assets/, static/ ("" or "themes/x")
	label string // how messages name that folder: "", "themes/default/"
}

func loadTheme(src fs.FS, builtin fs.FS, name string) (*theme, error) {
	t := &theme{name: name}
	t.layers = append(t.layers, layer{fsys: src, root: ".", label: ""})
	if fi, err := fs.Stat(src, "themes/"+name); err == nil && fi.IsDir() {
		t.layers = append(t.layers, layer{fsys: src, root: "themes/" + name, label: "themes/" + name + "/"})
		return t, nil
	}
	if builtin != nil {
		if fi, err := fs.Stat(builtin, name); err == nil && fi.IsDir() {
			t.layers = append(t.layers, layer{fsys: builtin, root: name, label: "themes/" + name + "/"})
			return t, nil
		}
	}
	return nil, fmt.Errorf("theme %q not found: no themes/%s/ in the site and no built-in theme of that name", name, name)
}

// read returns the file kind/name ("layouts", "base.html") and the name messages use.
func (t *theme) read(kind, name string) ([]byte, string, error) {
	for _, l := range t.layers {
		data, err := fs.ReadFile(l.fsys, path.Join(l.root, kind, name))
		if err == nil {
			return data, l.label + kind + "/" + name, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, "", err
		}
	}
	return nil, "", fs.ErrNotExist
}

// has reports whether any layer has the file.
func (t *theme) has(kind, name string) bool {
	for _, l := range t.layers {
		if _, err := fs.Stat(l.fsys, path.Join(l.root, kind, name)); err == nil {
			return true
		}
	}
	return false
}

// list returns the names of every file under kind/dir in any layer, sorted.
func (t *theme) list(kind, dir string) []string {
	seen := map[string]bool{}
	for _, l := range t.layers {
		root := path.Join(l.root, kind)
		start := path.Join(root, dir)
		_ = fs.WalkDir(l.fsys, start, func(p string, de fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if de.IsDir() {
				if p != start && strings.HasPrefix(de.Name(), ".") {
					return fs.SkipDir
				}
				return nil
			}
			if strings.HasPrefix(de.Name(), ".") || ignoredFile(de.Name()) {
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

// label is how messages name a theme file: the first layer that has it.
func (t *theme) label(kind, name string) string {
	if _, label, err := t.read(kind, name); err == nil {
		return label
	}
	return kind + "/" + name
}
