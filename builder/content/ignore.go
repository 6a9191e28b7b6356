package content

import (
	"path"
	"strconv"
	"strings"
)

// Ignored reports whether a file or folder name is an editor's or a system's
// dropping rather than part of the site. The build skips these names, and the dev
// server's watcher does not rebuild for them:
//
//	.x.swp .x.swx .#x .DS_Store .goutputstream-*   any name starting with a dot
//	                                              (vim and Kate swap files, emacs
//	                                              locks, macOS, gedit, most
//	                                              atomic writers' temporary files)
//	x~  #x#                                       backups (vim, emacs) and emacs
//	                                              auto-saves
//	4913 5036 ...                                 vim's probe of whether it may
//	                                              write in the folder
//	x___jb_tmp___  x___jb_old___                  JetBrains' save-by-rename
//	x.swp x.swx x.swo x.tmp x.crdownload x.part   swap, temporary and partial files
//	x.bak x.orig x.rej                            backups and leftovers of merges
//	Thumbs.db desktop.ini                         Windows
func Ignored(name string) bool {
	if name == "" {
		return false
	}
	switch {
	case name[0] == '.', name[0] == '#':
		return true
	case strings.HasSuffix(name, "~"),
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"):
		return true
	case vimProbe(name):
		return true
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".swp", ".swx", ".swo", ".swpx", ".tmp", ".crdownload", ".part", ".kate-swp", ".bak", ".orig", ".rej":
		return true
	}
	switch strings.ToLower(name) {
	case "thumbs.db", "desktop.ini":
		return true
	}
	return false
}

// vimProbe recognises the file vim creates and deletes to learn whether it may
// write in a folder: "4913", or 4913 plus a multiple of 123 when that exists.
func vimProbe(name string) bool {
	n, err := strconv.Atoi(name)
	return err == nil && n >= 4913 && (n-4913)%123 == 0
}

// IgnoredPath reports whether any element of a slash-separated path is ignored:
// a file inside a dot-folder is as irrelevant as the folder.
func IgnoredPath(p string) bool {
	for p != "" {
		var elem string
		elem, p, _ = strings.Cut(p, "/")
		if Ignored(elem) {
			return true
		}
	}
	return false
}
