// Package sasstest finds, for tests, the Dart Sass that package.json pins.
package sasstest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/playbookhq/playbook/builder/sass"
)

// Binary returns the Dart Sass executable to test with: $PLAYBOOK_DART_SASS, else
// the one `npm install` put in the repository's node_modules. Without one the test
// is skipped, except in CI (CI=true), where the Sass path must be tested: there it
// fails.
func Binary(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("PLAYBOOK_DART_SASS"); p != "" {
		return p
	}
	for _, p := range sass.NodeModules(Root(t)) {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	msg := "no Dart Sass: run `npm install` in the repository, or set PLAYBOOK_DART_SASS"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg + " (CI=true: the Sass path must be tested)")
	}
	t.Skip(msg)
	return ""
}

// Pinned returns the Dart Sass version package.json pins.
func Pinned(t testing.TB) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(Root(t), "package.json"))
	if err != nil {
		t.Fatal(err)
	}
	v, err := sass.Pinned(data)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// Root returns the repository's folder: the nearest one above the test's that
// holds go.mod.
func Root(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = parent
	}
}
