// Package themes holds the built-in themes, compiled into the playbook binary so
// that a site needs nothing but its content/ folder.
package themes

import (
	"embed"
	"io/fs"
)

//go:embed all:default
var files embed.FS

// FS holds one folder per theme: default/layouts, default/assets, default/static.
func FS() fs.FS { return files }
