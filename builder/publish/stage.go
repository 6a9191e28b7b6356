package publish

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/playbookhq/playbook/builder/internal/work"
)

// Marker is the file that tells a folder was made by playbook build, so that a
// later build may replace it.
const Marker = ".playbook-output"

// RefusedError is a destination that publishing must not replace.
type RefusedError struct{ Msg string }

func (e *RefusedError) Error() string { return e.Msg }

// CheckDest refuses destinations where publishing could delete an author's files:
// the source folder, a folder holding it, a folder inside its content/, themes/,
// layouts/, assets/ or static/, and a folder that is not empty and was not made by
// a build.
func CheckDest(source, dest string) error {
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
		return &RefusedError{fmt.Sprintf("destination %s is the source folder", dest)}
	case within(src, dst):
		return &RefusedError{fmt.Sprintf("destination %s holds the source folder", dest)}
	}
	for _, d := range []string{"content", "themes", "layouts", "assets", "static"} {
		if within(dst, filepath.Join(src, d)) {
			return &RefusedError{fmt.Sprintf("destination %s is inside the source's %s/ folder", dest, d)}
		}
	}
	if info, err := os.Lstat(dest); err == nil && info.Mode()&os.ModeSymlink != 0 {
		if _, err := os.Stat(dest); err != nil {
			return &RefusedError{fmt.Sprintf("destination %s is a symbolic link to nothing (%v)", dest, err)}
		}
	}
	entries, err := os.ReadDir(dst)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return &RefusedError{fmt.Sprintf("destination %s: %v", dest, err)}
	case len(entries) == 0:
		return nil
	}
	if _, err := os.Stat(filepath.Join(dst, Marker)); err != nil {
		return &RefusedError{fmt.Sprintf("destination %s is not empty and was not made by playbook build (no %s file): refusing to replace it", dest, Marker)}
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

// Stage is a folder beside the destination that a build writes into; Publish swaps
// it in, Discard removes it. The previous output stays as it was until Publish.
type Stage struct {
	dest, dir string
	unlock    func()
}

// NewStage makes the staging folder of dest. A destination that is a symbolic link
// is published through it: the folder it points at is the one replaced, and the
// link stays. Staging folders that builds killed before they finished left beside
// the destination are removed first.
func NewStage(dest string) (*Stage, error) {
	dest = filepath.Clean(dest)
	if info, err := os.Lstat(dest); err == nil && info.Mode()&os.ModeSymlink != 0 {
		real, err := filepath.EvalSymlinks(dest)
		if err != nil {
			return nil, &RefusedError{fmt.Sprintf("destination %s is a symbolic link to nothing (%v)", dest, err)}
		}
		dest = real
	}
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	unlock, err := lock(parent)
	if err != nil {
		return nil, err
	}
	unlock = sync.OnceFunc(unlock)
	removeStale(parent, filepath.Base(dest))
	dir, err := os.MkdirTemp(parent, stagePrefix(filepath.Base(dest)))
	if err != nil {
		unlock()
		return nil, err
	}
	s := &Stage{dest: dest, dir: dir, unlock: unlock}
	if err := os.Chmod(dir, 0o755); err != nil {
		s.Discard()
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, Marker), []byte("This folder is written by playbook build and replaced whole by the next build.\n"), 0o644); err != nil {
		s.Discard()
		return nil, err
	}
	return s, nil
}

func stagePrefix(base string) string { return "." + base + ".playbook-" }

// removeStale removes staging folders of base under parent that no build is
// writing: the caller holds the lock that every build takes. Without locks (on
// systems that have none), only folders a day old go.
func removeStale(parent, base string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || !strings.HasPrefix(name, stagePrefix(base)) {
			continue
		}
		p := filepath.Join(parent, name)
		if _, err := os.Stat(filepath.Join(p, Marker)); err != nil {
			continue // not ours
		}
		if !locking {
			if info, err := e.Info(); err != nil || time.Since(info.ModTime()) < 24*time.Hour {
				continue
			}
		}
		os.RemoveAll(p)
	}
}

// Dest is the folder the stage replaces, links followed: the previous output.
func (s *Stage) Dest() string { return s.dest }

// Dir is the staging folder.
func (s *Stage) Dir() string { return s.dir }

// Discard removes the staging folder.
func (s *Stage) Discard() {
	os.RemoveAll(s.dir)
	s.unlock()
}

// Publish puts the staged folder in the destination's place: in one step where the
// system can exchange two paths, else by two renames.
func (s *Stage) Publish() error {
	defer s.unlock()
	if _, err := os.Lstat(s.dest); errors.Is(err, os.ErrNotExist) {
		return os.Rename(s.dir, s.dest)
	}
	if err := exchange(s.dir, s.dest); err == nil {
		return removeAll(s.dir) // now holds the previous output
	}
	old := s.dir + ".old"
	if err := os.Rename(s.dest, old); err != nil {
		return err
	}
	if err := os.Rename(s.dir, s.dest); err != nil {
		os.Rename(old, s.dest)
		return err
	}
	return removeAll(old)
}

// removeAll removes a previous output on every core: removing is mostly the
// kernel's work per file, and an output of 10,000 entries holds some 30,000 files.
// It splits the tree two levels down, where the entries' folders are.
func removeAll(dir string) error {
	var parts []string
	top, _ := os.ReadDir(dir)
	for _, t := range top {
		p := filepath.Join(dir, t.Name())
		if !t.IsDir() {
			parts = append(parts, p)
			continue
		}
		sub, _ := os.ReadDir(p)
		for _, s := range sub {
			parts = append(parts, filepath.Join(p, s.Name()))
		}
	}
	work.Each(context.Background(), len(parts), func(i int) error {
		os.RemoveAll(parts[i])
		return nil
	})
	return os.RemoveAll(dir)
}
