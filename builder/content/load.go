package content

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/yuin/goldmark"

	"github.com/playbookhq/playbook/builder/diag"
	"github.com/playbookhq/playbook/builder/internal/keys"
	"github.com/playbookhq/playbook/builder/internal/safefs"
	"github.com/playbookhq/playbook/builder/internal/work"
)

// Set is what one load returns: every file under content/, parsed. Like its
// documents, a Set is never written once returned.
type Set struct {
	Settings Settings        // the site's, defaults filled in
	Home     *Doc            // content/_index.md, nil when it is missing
	Sections map[string]*Doc // content/<type>/_index.md by type name
	Docs     []*Doc          // entries, by path
	Files    []string        // other files, relative to content/, sorted
	Diags    diag.List       // every problem of every file, and of the folder
}

// Loader loads content/ again and again, as the dev server does: it keeps the
// documents of the last load by path, and the list of files the last walk found,
// so that a load told which paths changed reads only those, and a document whose
// bytes are the same is not parsed again.
type Loader struct {
	docs       map[string]*Doc // the last load's, by path relative to content/
	unsafeHTML bool            // the setting they were parsed with
	md         [2]goldmark.Markdown
	mdPaths    map[string]bool // Markdown files under content/, relative to it
	files      map[string]bool // other files
	walkDiags  map[string]diag.List
	walked     bool
	// The lists of the last walk, sorted: the Set's order. Nil when they changed.
	sorted, sortedFiles []string

	// Lazy, when set, is asked once the folder is walked, with its Stamp: when it
	// says so, no entry's body is kept as HTML (see Body).
	Lazy  func(stamp uint64) bool
	stamp uint64 // see Stamp
}

// NewLoader returns a loader with nothing kept.
func NewLoader() *Loader { return &Loader{docs: map[string]*Doc{}} }

func (l *Loader) markdown(unsafeHTML bool) goldmark.Markdown {
	i := 0
	if unsafeHTML {
		i = 1
	}
	if l.md[i] == nil {
		l.md[i] = NewMarkdown(unsafeHTML)
	}
	return l.md[i]
}

// Load reads content/ from fsys. changed lists the source-relative paths that
// changed since the last load ("content/insights/x.md", a folder, a deleted path);
// nil means unknown, and every file is read and compared.
func (l *Loader) Load(ctx context.Context, fsys fs.FS, changed []string) (*Set, error) {
	fresh := map[string]bool{} // paths to read even if kept
	if changed == nil || !l.walked {
		l.mdPaths, l.files, l.walkDiags = map[string]bool{}, map[string]bool{}, map[string]diag.List{}
		l.sorted, l.stamp = nil, 0
		if err := l.walk(fsys, "content", true); err != nil {
			return nil, err
		}
		l.walked = true
		for p := range l.mdPaths {
			fresh[p] = true
		}
	} else {
		l.stamp = 0 // only a full walk stamps the folder
		if _, err := fs.Stat(fsys, "content"); err != nil {
			return nil, err
		}
		for _, p := range changed {
			p = path.Clean(p)
			if p != "content" && !strings.HasPrefix(p, "content/") {
				continue
			}
			rel := strings.TrimPrefix(strings.TrimPrefix(p, "content"), "/")
			if info, err := fs.Stat(fsys, p); err == nil && info.Mode().IsRegular() && (l.mdPaths[rel] || l.files[rel]) {
				// A file the last walk found, still there: an edit. Only it is read
				// again, nothing comes or goes.
				delete(l.walkDiags, rel)
				if l.mdPaths[rel] {
					fresh[rel] = true
				}
				continue
			}
			under := func(q string) bool { return q == rel || rel == "" || strings.HasPrefix(q, rel+"/") }
			// Forget the path and anything under it, then walk it again.
			for _, m := range []map[string]bool{l.mdPaths, l.files} {
				for q := range m {
					if under(q) {
						delete(m, q)
					}
				}
			}
			for q := range l.walkDiags {
				if under(q) {
					delete(l.walkDiags, q)
				}
			}
			if err := l.walk(fsys, p, false); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return nil, err
			}
			for q := range l.mdPaths {
				if under(q) {
					fresh[q] = true
				}
			}
			l.sorted = nil
		}
	}
	set := &Set{Sections: map[string]*Doc{}}
	if l.sorted == nil {
		l.sorted, l.sortedFiles = sortedKeys(l.mdPaths), sortedKeys(l.files)
	}
	mdPaths := l.sorted
	set.Files = l.sortedFiles
	for _, p := range sortedKeys(l.walkDiags) {
		set.Diags = append(set.Diags, l.walkDiags[p]...)
	}

	// The site settings decide how Markdown is rendered: read them first.
	var lazy fs.FS
	if l.Lazy != nil && l.Lazy(l.stamp) {
		lazy = fsys
	}
	home, err := l.read(fsys, "_index.md", fresh["_index.md"] || !l.mdPaths["_index.md"], l.unsafeHTML, nil)
	if err != nil {
		set.Diags.Errorf(diag.Pos{File: "content/_index.md"}, "the site needs content/_index.md with a title: %v", err)
	}
	unsafeHTML := false
	if home != nil && home.Settings != nil {
		set.Home = home
		set.Settings = *home.Settings
		unsafeHTML = home.Settings.UnsafeHTML
	} else {
		set.Settings = Settings{BaseURL: "/", Theme: "default", Language: "en"}
		if home != nil {
			set.Home = home
		}
	}
	if unsafeHTML != l.unsafeHTML {
		// Every body must be rendered again with the other setting.
		l.docs = map[string]*Doc{"_index.md": home}
		l.unsafeHTML = unsafeHTML
	}

	docs := make([]*Doc, len(mdPaths))
	problems := make([]error, len(mdPaths))
	err = work.Each(ctx, len(mdPaths), func(i int) error {
		p := mdPaths[i]
		if p == "_index.md" {
			return nil
		}
		docs[i], problems[i] = l.read(fsys, p, fresh[p], unsafeHTML, lazy)
		return nil
	})
	if err != nil {
		return nil, err
	}

	kept := make(map[string]*Doc, len(docs)+1)
	if home != nil {
		kept["_index.md"] = home
		set.Diags = append(set.Diags, home.Diags...)
	}
	for i, d := range docs {
		if problems[i] != nil {
			set.Diags.Errorf(diag.Pos{File: "content/" + mdPaths[i]}, "cannot read: %v", unwrapPath(problems[i]))
			continue
		}
		if d == nil {
			continue
		}
		kept[d.Path] = d
		set.Diags = append(set.Diags, d.Diags...)
		switch d.Role {
		case Section:
			set.Sections[d.Type.Name] = d
		case Entry:
			set.Docs = append(set.Docs, d)
		}
	}
	l.docs = kept
	// Docs are in path order already: mdPaths is sorted.
	return set, nil
}

// Stamp is a key of the names, sizes and modification times of the Markdown files
// the last full walk found (a load told nothing of what changed walks in full):
// equal stamps tell, short of a file rewritten within the same instant at the same
// size, the same files.
func (l *Loader) Stamp() uint64 { return l.stamp }

// read returns the document at rel, the kept one when the file is not known to
// have changed (fresh is false) or its bytes are the same. Given lazy, an entry's
// body is read from it again when its HTML is asked for.
func (l *Loader) read(fsys fs.FS, rel string, fresh, unsafeHTML bool, lazy fs.FS) (*Doc, error) {
	kept := l.docs[rel]
	if kept != nil && !fresh {
		return kept, nil
	}
	data, err := fs.ReadFile(fsys, "content/"+rel)
	if err != nil {
		return nil, err
	}
	d := parse(rel, data, l.markdown, unsafeHTML, lazy)
	if kept != nil && kept.Hash == d.Hash {
		return kept, nil
	}
	return d, nil
}

// walk adds the files under root (a path of fsys inside content/) to the lists,
// and reports those that can never be published; with stamp, it adds the Markdown
// files to the stamp (a full walk).
func (l *Loader) walk(fsys fs.FS, root string, stamp bool) error {
	return fs.WalkDir(fsys, root, func(p string, de fs.DirEntry, err error) error {
		rel := strings.TrimPrefix(strings.TrimPrefix(p, "content"), "/")
		if err != nil {
			if p == root {
				return err
			}
			l.problem(rel, "cannot read: %v", unwrapPath(err))
			return nil
		}
		name := de.Name()
		if p != "content" && Ignored(name) {
			if de.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if de.IsDir() {
			return nil
		}
		var info fs.FileInfo // of the file read, for the stamp
		switch mode := de.Type(); {
		case mode&fs.ModeSymlink != 0:
			var err error
			info, err = fs.Stat(fsys, p)
			switch {
			case errors.Is(err, safefs.ErrOutside):
				l.problem(rel, "it is a symbolic link to somewhere outside the site folder: it is not published (copy the file in instead)")
				return nil
			case err != nil:
				l.problem(rel, "cannot read the file this link points to: %v", unwrapPath(err))
				return nil
			case info.IsDir():
				l.problem(rel, "it is a symbolic link to a folder: links are followed to files only")
				return nil
			case !info.Mode().IsRegular():
				l.problem(rel, "it is a link to a FIFO, a socket or a device: only regular files are read")
				return nil
			}
		case !mode.IsRegular():
			l.problem(rel, "it is not a regular file (a FIFO, a socket or a device): it is not read")
			return nil
		}
		switch kind := classify(name); kind {
		case markdownFile:
			l.mdPaths[rel] = true
			if stamp && info == nil {
				info, _ = de.Info()
			}
			if stamp && info != nil {
				l.stamp += keys.New(uint64(info.Size())).U64(uint64(info.ModTime().UnixNano())).Str(rel).Sum()
			}
		case markdownBackup:
			// An editor's or a merge's copy of a Markdown file: left out, since
			// it may hold what a draft hides.
		case misnamedMarkdown:
			l.problem(rel, "Markdown content files end in .md, in lower case: rename it to %s (it is not published)", strings.TrimSuffix(name, path.Ext(name))+".md")
		default:
			l.files[rel] = true
		}
		return nil
	})
}

func (l *Loader) problem(rel, format string, args ...any) {
	var list diag.List
	list.Errorf(diag.Pos{File: "content/" + rel}, format, args...)
	l.walkDiags[rel] = append(l.walkDiags[rel], list...)
}

type fileKind uint8

const (
	attachment fileKind = iota
	markdownFile
	markdownBackup
	misnamedMarkdown
)

// markdownExts are the other extensions Markdown files go by.
var markdownExts = []string{".md", ".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn", ".mdtxt", ".mdtext"}

// classify says what a file's name makes it: only "x.md" is content; "x.MD" or
// "x.markdown" is an error, so that its author notices it is not published; a copy
// such as "x.md.old" is left out, never copied as an attachment, so that the front
// matter and text of a hidden entry cannot be published under another name.
func classify(name string) fileKind {
	ext := path.Ext(name)
	if ext == ".md" {
		return markdownFile
	}
	lower := strings.ToLower(name)
	if slices.Contains(markdownExts, strings.ToLower(ext)) {
		return misnamedMarkdown
	}
	for _, e := range markdownExts {
		if strings.Contains(lower, e+".") || strings.Contains(lower, e+"~") || strings.Contains(lower, e+"#") {
			return markdownBackup
		}
	}
	return attachment
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// unwrapPath drops the path an fs.PathError repeats: messages name the file first.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}
