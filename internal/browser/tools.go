package browser

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// MissingError says that a tool a test needs is not installed.
type MissingError struct {
	Tool string // "Chromium", "Java", "the Nu HTML Checker", "axe-core"
	Hint string // how to get it
}

func (e *MissingError) Error() string { return e.Tool + " not found: " + e.Hint }

// InCI reports whether the tests run in continuous integration (CI=true), where a
// missing tool fails a test instead of skipping it.
func InCI() bool { return os.Getenv("CI") == "true" }

// Require stops the test when err is not nil. A missing tool skips the test on a
// developer's machine and fails it in CI, where every tool must be installed; any
// other error fails it.
func Require(t testing.TB, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if me, ok := errors.AsType[*MissingError](err); ok && !InCI() {
		t.Skip(me)
	}
	t.Fatal(err)
}

// FindChromium returns the Chromium to run: $PLAYBOOK_CHROMIUM, else chromium,
// chromium-browser or google-chrome on PATH.
func FindChromium() (string, error) {
	if p := os.Getenv("PLAYBOOK_CHROMIUM"); p != "" {
		if _, err := exec.LookPath(p); err != nil {
			return "", fmt.Errorf("PLAYBOOK_CHROMIUM=%s: %w", p, err)
		}
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", &MissingError{"Chromium", "install it (Debian: apt-get install chromium) or set PLAYBOOK_CHROMIUM"}
}

// FindAxe returns the path of axe.min.js: $PLAYBOOK_AXE, else the one npm installs
// at the root of the repository.
func FindAxe() (string, error) {
	return findFile("PLAYBOOK_AXE", "node_modules/axe-core/axe.min.js", "axe-core")
}

// FindVNU returns the path of the Nu HTML Checker's vnu.jar: $PLAYBOOK_VNU_JAR,
// else the one npm installs at the root of the repository.
func FindVNU() (string, error) {
	return findFile("PLAYBOOK_VNU_JAR", "node_modules/vnu-jar/build/dist/vnu.jar", "the Nu HTML Checker")
}

// FindJava returns the java command on PATH.
func FindJava() (string, error) {
	p, err := exec.LookPath("java")
	if err != nil {
		return "", &MissingError{"Java", "install a Java runtime (11 or later) so that java is on PATH"}
	}
	return p, nil
}

// findFile looks for a tool named by an environment variable, else under the
// module root (the closest folder above the working directory with a go.mod), where
// `npm install` at the repository's root puts it.
func findFile(env, rel, tool string) (string, error) {
	if p := os.Getenv(env); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("%s: %w", env, err)
		}
		return p, nil
	}
	if root := moduleRoot(); root != "" {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", &MissingError{tool, "run npm install at the repository's root or set " + env}
}

func moduleRoot() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}
