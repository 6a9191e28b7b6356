package devserver

import (
	"strings"

	"github.com/playbookhq/playbook/builder/content"
)

// Ignored reports whether a file or folder name is an editor's or a system's
// dropping rather than part of the site (see content.Ignored: the builder skips the
// same names, so a rebuild for them would change nothing).
func Ignored(name string) bool { return content.Ignored(name) }

// ignoredPath reports whether any element of a slash-separated path is ignored:
// a file inside a dot-folder is as irrelevant as the folder.
func ignoredPath(p string) bool {
	for p != "" {
		var elem string
		elem, p, _ = strings.Cut(p, "/")
		if Ignored(elem) {
			return true
		}
	}
	return false
}
