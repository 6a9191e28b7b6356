// Package safefs reads a site's folder so that nothing outside it reaches a build:
// a symbolic link is followed only while it stays inside the folder, and only
// regular files are read, so that a link to /proc/self/environ, a device or a
// FIFO is an error rather than a leak, a crash or a hang. Every read is bounded.
package safefs

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// MaxFile bounds the size of any file a build reads.
const MaxFile = 256 << 20

// ErrOutside is returned for a link that leads out of the folder.
var ErrOutside = errors.New("it is a symbolic link to somewhere outside the site folder")

// ErrSpecial is returned for a file that is neither a regular file nor a folder:
// a FIFO, a socket or a device.
var ErrSpecial = errors.New("it is not a regular file (a FIFO, a socket or a device)")

// ErrTooLarge is returned for a file over MaxFile.
var ErrTooLarge = fmt.Errorf("it is over %d MB", MaxFile>>20)

// FS is a folder read safely. It implements fs.FS, fs.ReadFileFS, fs.ReadDirFS and
// fs.StatFS.
type FS struct {
	root *os.Root
	fsys fs.FS
}

// Dir opens the folder dir.
func Dir(dir string) (*FS, error) {
	r, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &FS{root: r, fsys: r.FS()}, nil
}

// Close releases the folder.
func (f *FS) Close() error { return f.root.Close() }

func (f *FS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	// O_NONBLOCK: opening a FIFO must not wait for a writer.
	file, err := f.root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, explain("open", name, err)
	}
	info, err := file.Stat()
	if err != nil {
		file.Close()
		return nil, err
	}
	if !info.Mode().IsRegular() && !info.IsDir() {
		file.Close()
		return nil, &fs.PathError{Op: "open", Path: name, Err: ErrSpecial}
	}
	return file, nil
}

func (f *FS) ReadFile(name string) ([]byte, error) {
	file, err := f.Open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	return readAll(name, file)
}

func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	l, err := fs.ReadDir(f.fsys, name)
	return l, explain("readdir", name, err)
}

func (f *FS) Stat(name string) (fs.FileInfo, error) {
	info, err := fs.Stat(f.fsys, name)
	return info, explain("stat", name, err)
}

// explain turns os.Root's refusal of a path that escapes into ErrOutside.
func explain(op, name string, err error) error {
	if err == nil {
		return nil
	}
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Err != nil && pe.Err.Error() == "path escapes from parent" {
		return &fs.PathError{Op: op, Path: name, Err: ErrOutside}
	}
	return err
}

// Guard wraps any other file system (tests pass an fstest.MapFS) with the same
// rules: only regular files are read, reads are bounded.
func Guard(fsys fs.FS) fs.FS {
	if _, ok := fsys.(*FS); ok {
		return fsys
	}
	return guarded{fsys}
}

type guarded struct{ fsys fs.FS }

func (g guarded) Open(name string) (fs.File, error) {
	info, err := fs.Stat(g.fsys, name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() && !info.IsDir() {
		return nil, &fs.PathError{Op: "open", Path: name, Err: ErrSpecial}
	}
	return g.fsys.Open(name)
}

func (g guarded) ReadFile(name string) ([]byte, error) {
	file, err := g.Open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	return readAll(name, file)
}

func (g guarded) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(g.fsys, name) }
func (g guarded) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(g.fsys, name) }

func readAll(name string, f fs.File) ([]byte, error) {
	hint := 0
	if info, err := f.Stat(); err == nil {
		if info.Size() > MaxFile {
			return nil, &fs.PathError{Op: "read", Path: name, Err: ErrTooLarge}
		}
		hint = int(info.Size())
	}
	buf := make([]byte, 0, hint+1)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if len(buf) > MaxFile {
			return nil, &fs.PathError{Op: "read", Path: name, Err: ErrTooLarge}
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}
