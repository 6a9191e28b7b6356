package builder

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// Sink receives the files of a build. Paths are slash-separated and relative to the
// site's root.
type Sink interface {
	Put(path string, data []byte) error
}

// dirSink writes files under a folder. Parent folders are made once each.
type dirSink struct {
	root string
	dirs sync.Map
}

func (d *dirSink) Put(p string, data []byte) error {
	full := filepath.Join(d.root, filepath.FromSlash(p))
	dir := filepath.Dir(full)
	if _, ok := d.dirs.Load(dir); !ok {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		d.dirs.Store(dir, true)
	}
	// No fsync: the folder is swapped in whole once every file is written.
	return os.WriteFile(full, data, 0o644)
}

// MemSink keeps a site in memory, as the dev server serves it. Put reports through
// Changed which files a build actually altered.
type MemSink struct {
	mu      sync.RWMutex
	files   map[string][]byte
	changed map[string]bool
}

// NewMemSink returns an empty in-memory site.
func NewMemSink() *MemSink { return &MemSink{files: map[string][]byte{}, changed: map[string]bool{}} }

func (m *MemSink) Put(p string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if old, ok := m.files[p]; ok && bytes.Equal(old, data) {
		return nil
	}
	m.files[p] = bytes.Clone(data)
	m.changed[p] = true
	return nil
}

// Get returns a file's bytes.
func (m *MemSink) Get(p string) ([]byte, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	b, ok := m.files[p]
	return b, ok
}

// Paths lists every file, sorted.
func (m *MemSink) Paths() []string {
	m.mu.RLock()
	defer m.mu.RUnlock()
	out := make([]string, 0, len(m.files))
	for p := range m.files {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// keep drops every file not in the set, and reports the dropped ones as changed.
func (m *MemSink) keep(live map[string]bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for p := range m.files {
		if !live[p] {
			delete(m.files, p)
			m.changed[p] = true
		}
	}
}

// TakeChanged returns the paths changed since the last call.
func (m *MemSink) TakeChanged() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]string, 0, len(m.changed))
	for p := range m.changed {
		out = append(out, p)
	}
	m.changed = map[string]bool{}
	sort.Strings(out)
	return out
}

// markerName is the file that tells a folder was made by playbook build, so that
// a later build may replace it.
const markerName = ".playbook-output"

// UsageError is a problem with the command line rather than the content: the
// playbook command exits 2 for it.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// checkDest refuses destinations where publishing could delete an author's files.
func checkDest(source, dest string) error {
	src, err := filepath.Abs(source)
	if err != nil {
		return err
	}
	dst, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	src, dst = resolveLinks(src), resolveLinks(dst)
	within := func(child, parent string) bool {
		rel, err := filepath.Rel(parent, child)
		return err == nil && (rel == "." || !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && rel != "..")
	}
	switch {
	case dst == src:
		return &UsageError{fmt.Sprintf("destination %s is the source folder", dest)}
	case within(src, dst):
		return &UsageError{fmt.Sprintf("destination %s holds the source folder", dest)}
	}
	for _, d := range []string{"content", "themes", "layouts", "assets", "static"} {
		if within(dst, filepath.Join(src, d)) {
			return &UsageError{fmt.Sprintf("destination %s is inside the source's %s/ folder", dest, d)}
		}
	}
	entries, err := os.ReadDir(dst)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return &UsageError{fmt.Sprintf("destination %s: %v", dest, err)}
	case len(entries) == 0:
		return nil
	}
	if _, err := os.Stat(filepath.Join(dst, markerName)); err != nil {
		return &UsageError{fmt.Sprintf("destination %s is not empty and was not made by playbook build (no %s file): refusing to replace it", dest, markerName)}
	}
	return nil
}

// resolveLinks follows symbolic links in as much of p as exists.
func resolveLinks(p string) string {
	rest := ""
	for {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(r, rest)
		}
		parent := filepath.Dir(p)
		if parent == p {
			return filepath.Join(p, rest)
		}
		rest = filepath.Join(filepath.Base(p), rest)
		p = parent
	}
}

// stage is a folder beside the destination that a build writes into; publish swaps
// it in, discard removes it. The previous output stays as it was until publish.
type stage struct {
	dest, dir string
}

func newStage(dest string) (*stage, error) {
	parent := filepath.Dir(filepath.Clean(dest))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+".playbook-*")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, markerName), []byte("This folder is written by playbook build and replaced whole by the next build.\n"), 0o644); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return &stage{dest: dest, dir: dir}, nil
}

func (s *stage) discard() { os.RemoveAll(s.dir) }

// publish puts the staged folder in the destination's place: in one step where the
// system can exchange two paths, else by two renames.
func (s *stage) publish() error {
	if _, err := os.Lstat(s.dest); errors.Is(err, os.ErrNotExist) {
		return os.Rename(s.dir, s.dest)
	}
	if err := exchange(s.dir, s.dest); err == nil {
		return os.RemoveAll(s.dir) // now holds the previous output
	}
	old := s.dir + ".old"
	if err := os.Rename(s.dest, old); err != nil {
		return err
	}
	if err := os.Rename(s.dir, s.dest); err != nil {
		os.Rename(old, s.dest)
		return err
	}
	return os.RemoveAll(old)
}
