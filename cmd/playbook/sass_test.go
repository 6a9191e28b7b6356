package main

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/builder"
	"github.com/playbookhq/playbook/builder/sass"
	"github.com/playbookhq/playbook/builder/sass/sasstest"
)

// jsSass is what `npm install sass` puts on PATH: a Node.js script whose
// --embedded fails.
const jsSass = "#!/usr/bin/env node\nconsole.error('sass --embedded is unavailable in pure JS mode.');\nprocess.exit(1);\n"

func executable(t *testing.T, path, text string) string {
	t.Helper()
	write(t, path, text)
	if err := os.Chmod(path, 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

// noSass hides every Dart Sass the machine has.
func noSass(t *testing.T) {
	t.Setenv("PLAYBOOK_DART_SASS", "")
	t.Setenv("PATH", t.TempDir())
}

func TestNamedSassMustWork(t *testing.T) {
	dir := sampleSite(t)
	js := executable(t, filepath.Join(t.TempDir(), "sass"), jsSass)
	noSass(t)
	code, _, errs := playbook(t, "build", "--source", dir, "--sass", js)
	if code != 2 || !strings.Contains(errs, "--sass: "+js+" is the JavaScript sass package") || !strings.Contains(errs, "npm install") {
		t.Errorf("--sass JS: exit %d, stderr:\n%s", code, errs)
	}

	t.Setenv("PLAYBOOK_DART_SASS", filepath.Join(t.TempDir(), "missing"))
	code, _, errs = playbook(t, "check", "--source", dir)
	if code != 2 || !strings.Contains(errs, "PLAYBOOK_DART_SASS: ") {
		t.Errorf("PLAYBOOK_DART_SASS missing: exit %d, stderr:\n%s", code, errs)
	}
}

// A JavaScript sass on PATH is passed over in silence while the stored CSS
// serves; a build that needs Dart Sass says why it could not use it.
func TestJavaScriptSassOnPathIsSkipped(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "content", "_index.md"), "---\ntitle: Styles only\n---\n")
	noSass(t)
	bin := t.TempDir()
	executable(t, filepath.Join(bin, "sass"), jsSass)
	t.Setenv("PATH", bin)

	code, _, errs := playbook(t, "build", "--source", dir)
	if code != 0 || strings.Contains(errs, "sass") {
		t.Errorf("build: exit %d, stderr:\n%s", code, errs)
	}

	c, closeSass, err := (&sassFlags{path: new(string)}).open(dir, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer closeSass()
	if c == nil {
		t.Fatal("open found nothing; want a stand-in that explains the JavaScript sass")
	}
	_, err = c.Compile(context.Background(), "main.scss", nil)
	if !errors.Is(err, builder.ErrSassUnavailable) || !strings.Contains(err.Error(), "JavaScript sass package") {
		t.Errorf("Compile = %v, want ErrSassUnavailable naming the JavaScript sass package", err)
	}
}

func TestNothingFoundIsNoError(t *testing.T) {
	noSass(t)
	c, closeSass, err := (&sassFlags{path: new(string)}).open(t.TempDir(), io.Discard)
	if err != nil || c != nil {
		t.Errorf("open = %v, %v; want nothing and no error", c, err)
	}
	closeSass()
}

// `npm install` in the site's folder is enough: playbook finds the executable.
func TestSassFoundInSiteNodeModules(t *testing.T) {
	real := sasstest.Binary(t)
	t.Setenv("PLAYBOOK_DART_SASS", "") // PATH stays: the script needs its tools, and node_modules comes first
	dir := sampleSite(t)
	p := sass.NodeModules(dir)[0]
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs(real)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(abs, p); err != nil {
		t.Fatal(err)
	}
	c, closeSass, err := (&sassFlags{path: new(string)}).open(dir, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer closeSass()
	sc, ok := c.(*sass.Compiler)
	if !ok || sc.Path() != p {
		t.Errorf("open = %#v, want the Dart Sass at %s", c, p)
	}
}
