package main

import (
	"io/fs"
	"os"
	"path/filepath"

	"github.com/playbookhq/playbook/builder/cms"
)

// findDecap finds the Decap CMS npm package that /admin/ publishes, as Dart Sass
// is found: $PLAYBOOK_DECAP (the package's folder), else node_modules/decap-cms
// under the site's folder, else under the current folder. Nil when there is none:
// the build then leaves /admin/ out and says so.
func findDecap(source string) fs.FS {
	dirs := []string{os.Getenv("PLAYBOOK_DECAP")}
	for _, d := range []string{source, "."} {
		dirs = append(dirs, filepath.Join(d, "node_modules", cms.Package))
	}
	for _, d := range dirs {
		if d == "" {
			continue
		}
		if fi, err := os.Stat(filepath.Join(d, "dist", "decap-cms.js")); err == nil && fi.Mode().IsRegular() {
			return os.DirFS(d)
		}
	}
	return nil
}
