package devserver

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/fsnotify/fsnotify"
)

// Roots are the folders of a site that the dev server watches, relative to the
// source folder. Those that do not exist yet are picked up when they are created.
var Roots = []string{"content", "themes", "layouts", "assets", "static"}

// Watcher reports changes under the source's Roots to a Batcher, as
// source-relative slash-separated paths: a file that was created, written,
// removed or renamed, or a folder, which stands for everything under it.
//
// fsnotify watches single folders, so Watcher adds every folder of the tree, and
// every folder created while it runs. A file created in a new folder before the
// watch on that folder exists sends no event: so when Watcher adds a new folder
// it also reports everything it finds in it.
type Watcher struct {
	source string // absolute
	fw     *fsnotify.Watcher
	b      *Batcher
	logf   func(format string, args ...any)

	mu      sync.Mutex
	watched map[string]bool // absolute folders being watched
	done    chan struct{}
	closing sync.Once
}

// Watch starts watching source's Roots (and source itself, to notice a root being
// created). logf receives problems worth telling the author (nil: dropped).
func Watch(source string, b *Batcher, logf func(format string, args ...any)) (*Watcher, error) {
	abs, err := filepath.Abs(source)
	if err != nil {
		return nil, err
	}
	if logf == nil {
		logf = func(string, ...any) {}
	}
	fw, err := fsnotify.NewBufferedWatcher(1024)
	if err != nil {
		return nil, fmt.Errorf("watching %s: %w (use --poll to poll for changes instead)", source, err)
	}
	w := &Watcher{source: abs, fw: fw, b: b, logf: logf, watched: map[string]bool{}, done: make(chan struct{})}
	if err := w.add(abs); err != nil {
		fw.Close()
		return nil, fmt.Errorf("watching %s: %w", source, err)
	}
	for _, r := range Roots {
		if _, err := w.addTree(filepath.Join(abs, r)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			fw.Close()
			return nil, err
		}
	}
	go w.run()
	return w, nil
}

// Close stops watching and waits for the event loop to end.
func (w *Watcher) Close() error {
	var err error
	w.closing.Do(func() {
		err = w.fw.Close()
		<-w.done
	})
	return err
}

func (w *Watcher) run() {
	defer close(w.done)
	for {
		select {
		case ev, ok := <-w.fw.Events:
			if !ok {
				return
			}
			w.handle(ev)
		case err, ok := <-w.fw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: watch whatever folders appeared meanwhile and
				// read everything again.
				for _, r := range Roots {
					w.addTree(filepath.Join(w.source, r))
				}
				w.b.AddAll()
				continue
			}
			w.logf("watching: %v", err)
		}
	}
}

// rel turns an absolute path into the source-relative form the builder takes; ok
// is false for paths outside the watched roots.
func (w *Watcher) rel(abs string) (string, bool) {
	r, err := filepath.Rel(w.source, abs)
	if err != nil || r == "." || strings.HasPrefix(r, "..") {
		return "", false
	}
	r = filepath.ToSlash(r)
	top, _, _ := strings.Cut(r, "/")
	for _, root := range Roots {
		if top == root {
			return r, !ignoredPath(r)
		}
	}
	return "", false
}

func (w *Watcher) handle(ev fsnotify.Event) {
	rel, ok := w.rel(ev.Name)
	if !ok {
		return
	}
	switch {
	case ev.Has(fsnotify.Create):
		// A folder (new, or moved in) is watched and reported whole; a file that
		// replaces another by rename arrives as Create too.
		found, err := w.addTree(ev.Name)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			w.logf("watching %s: %v", rel, err)
		}
		w.b.Add(rel)
		w.b.Add(found...)
	case ev.Has(fsnotify.Remove), ev.Has(fsnotify.Rename):
		// The path is gone (a rename reports the old name; the new one comes as
		// Create). If it was a folder, forget its watches.
		w.forget(ev.Name)
		w.b.Add(rel)
	case ev.Has(fsnotify.Write):
		w.b.Add(rel)
	}
	// Chmod alone (touch, or the attribute change before a delete) changes no
	// content.
}

// addTree watches root and every folder under it, and returns the source-relative
// paths of the files it finds, for a folder that just appeared. root may be a file.
func (w *Watcher) addTree(root string) ([]string, error) {
	var found []string
	// A root that is a symbolic link to a folder (content/ kept elsewhere) is
	// walked through the link, as the builder reads it; links further down are
	// not followed, as the builder does not follow them.
	if fi, err := os.Lstat(root); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		if fi, err := os.Stat(root); err == nil && fi.IsDir() {
			root += string(filepath.Separator)
		}
	}
	err := filepath.WalkDir(root, func(p string, de fs.DirEntry, err error) error {
		if err != nil {
			if p == root {
				return err
			}
			return nil // vanished meanwhile: its Remove event says so
		}
		if p != root && Ignored(de.Name()) {
			if de.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !de.IsDir() {
			if rel, ok := w.rel(p); ok && p != root {
				found = append(found, rel)
			}
			return nil
		}
		if err := w.add(p); err != nil {
			return fmt.Errorf("%w (the system's limit on watches may be reached: raise fs.inotify.max_user_watches, or use --poll)", err)
		}
		return nil
	})
	return found, err
}

func (w *Watcher) add(dir string) error {
	dir = filepath.Clean(dir)
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.watched[dir] {
		return nil
	}
	if err := w.fw.Add(dir); err != nil {
		return err
	}
	w.watched[dir] = true
	return nil
}

// forget drops the watches of a folder that is gone and of every folder under it.
func (w *Watcher) forget(gone string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	prefix := gone + string(filepath.Separator)
	for dir := range w.watched {
		if dir == gone || strings.HasPrefix(dir, prefix) {
			delete(w.watched, dir)
			_ = w.fw.Remove(dir) // usually gone with the folder already
		}
	}
}
