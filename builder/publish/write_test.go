package publish

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// WriteFile makes a file, writes over a longer one whole, and names the file it
// could not write.
func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "index.html")
	for _, data := range []string{strings.Repeat("a longer first version\n", 1000), "short"} {
		if err := WriteFile(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != data {
			t.Fatalf("the file holds %d bytes, want the %d written", len(got), len(data))
		}
	}
	info, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	if want := fs.FileMode(0o644) &^ umask(t); info.Mode().Perm() != want {
		t.Errorf("mode %v, want %v", info.Mode().Perm(), want)
	}
	missing := filepath.Join(dir, "no-such-folder", "x.html")
	err = WriteFile(missing, []byte("x"))
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), missing) {
		t.Errorf("writing into a missing folder: %v", err)
	}
}

// umask is the process's file-mode mask, as os.WriteFile's files show it.
func umask(t *testing.T) fs.FileMode {
	name := filepath.Join(t.TempDir(), "probe")
	if err := os.WriteFile(name, nil, 0o777); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	return 0o777 &^ info.Mode().Perm()
}
