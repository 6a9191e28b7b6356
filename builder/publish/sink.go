// Package publish is the last stage of a build: it receives the site's files and
// puts them where they are served. A build writes into a staging folder beside the
// destination and swaps it in whole once everything succeeded; the dev server
// keeps the site in memory.
package publish

import (
	"bytes"
	"os"
	"path"
	"path/filepath"
	"sort"
	"sync"
)

// Sink receives the files of a build. Paths are slash-separated and relative to the
// site's root. Put is safe for concurrent use. After a build put what changed, Keep
// tells which files the site has: a sink that outlives a build (the dev server's
// memory) drops the others.
type Sink interface {
	Put(path string, data []byte) error
	Keep(live func(path string) bool)
}

// Dir writes files under a folder. Parent folders are made once each.
type Dir struct {
	root string
	mu   sync.Mutex
	dirs map[string]struct{} // made, by slash-separated path: parts of the files' paths
}

// NewDir returns a sink writing under root, a folder made for one build.
func NewDir(root string) *Dir { return &Dir{root: root, dirs: map[string]struct{}{}} }

// Link publishes the file at from (a share card kept in the site's resources/)
// as p without copying its bytes: a hard link, or a copy where the two folders
// are on different file systems.
func (d *Dir) Link(p, from string) error {
	if err := d.parent(p); err != nil {
		return err
	}
	full := filepath.Join(d.root, filepath.FromSlash(p))
	if err := os.Link(from, full); err == nil {
		return nil
	}
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return WriteFile(full, data)
}

// Reuse publishes as p the file of the same path under old (the previous output)
// without copying its bytes, when it is a regular file of size bytes: a hard link.
// It reports false when it cannot (then the caller writes the file).
func (d *Dir) Reuse(p, old string, size int64) bool {
	from := filepath.Join(old, filepath.FromSlash(p))
	info, err := os.Lstat(from)
	if err != nil || !info.Mode().IsRegular() || info.Size() != size {
		return false
	}
	return d.parent(p) == nil && os.Link(from, filepath.Join(d.root, filepath.FromSlash(p))) == nil
}

// parent makes the folder of the file at p, once. A folder whose parent this sink
// made (or the root's child) costs one system call; another is made with its
// parents, each looked at first.
func (d *Dir) parent(p string) error {
	dir := path.Dir(p) // part of p: nothing new is kept
	up := path.Dir(dir)
	d.mu.Lock()
	_, ok := d.dirs[dir]
	_, made := d.dirs[up]
	d.mu.Unlock()
	if ok {
		return nil
	}
	full := filepath.Join(d.root, filepath.FromSlash(dir))
	if !(made || up == "." && dir != ".") || os.Mkdir(full, 0o755) != nil {
		if err := os.MkdirAll(full, 0o755); err != nil {
			return err
		}
	}
	d.mu.Lock()
	d.dirs[dir] = struct{}{}
	d.mu.Unlock()
	return nil
}

// Keep does nothing: the folder holds this build's files only.
func (d *Dir) Keep(func(string) bool) {}

func (d *Dir) Put(p string, data []byte) error {
	if err := d.parent(p); err != nil {
		return err
	}
	full := filepath.Join(d.root, filepath.FromSlash(p))
	// No fsync: the folder is swapped in whole once every file is written.
	return WriteFile(full, data)
}

// Discard drops every file: `playbook check` renders without writing.
type Discard struct{}

func (Discard) Put(string, []byte) error { return nil }
func (Discard) Keep(func(string) bool)   {}

// Memory keeps a site in memory, as the dev server serves it, and tells which
// files changed since it was last asked.
type Memory struct {
	mu      sync.RWMutex
	files   map[string][]byte
	changed map[string]bool
}

// NewMemory returns an empty in-memory site.
func NewMemory() *Memory { return &Memory{files: map[string][]byte{}, changed: map[string]bool{}} }

func (m *Memory) Put(p string, data []byte) error {
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
func (m *Memory) Get(p string) ([]byte, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	b, ok := m.files[p]
	return b, ok
}

// Paths lists every file, sorted.
func (m *Memory) Paths() []string {
	m.mu.RLock()
	defer m.mu.RUnlock()
	out := make([]string, 0, len(m.files))
	for p := range m.files {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Keep drops every file that live does not report, and counts the dropped ones as
// changed.
func (m *Memory) Keep(live func(path string) bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for p := range m.files {
		if !live(p) {
			delete(m.files, p)
			m.changed[p] = true
		}
	}
}

// TakeChanged returns the paths changed since the last call.
func (m *Memory) TakeChanged() []string {
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
