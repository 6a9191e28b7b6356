package sass_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/playbookhq/playbook/builder/sass"
	"github.com/playbookhq/playbook/builder/sass/sasstest"
)

func script(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestOpenRejectsJavaScriptSass(t *testing.T) {
	// The sass npm package's executable is a Node.js script; its --embedded fails.
	js := script(t, "sass", "#!/usr/bin/env node\nconsole.error('sass --embedded is unavailable in pure JS mode.');\nprocess.exit(1);\n")
	_, err := sass.Open(js, nil)
	if err == nil || !strings.Contains(err.Error(), "is the JavaScript sass package") || !strings.Contains(err.Error(), sass.Package()) {
		t.Errorf("sass.Open(JS sass) = %v, want an error naming the JavaScript sass package and %s", err, sass.Package())
	}

	// A wrapper that hides the Node.js shebang is caught by the protocol check.
	wrapped := script(t, "sass-wrapper", "#!/bin/sh\necho 'sass --embedded is unavailable in pure JS mode.' >&2\nexit 1\n")
	_, err = sass.Open(wrapped, nil)
	if err == nil || !strings.Contains(err.Error(), "does not speak the Sass embedded protocol") {
		t.Errorf("sass.Open(wrapper) = %v, want a protocol error", err)
	}

	_, err = sass.Open(filepath.Join(t.TempDir(), "missing"), nil)
	if err == nil {
		t.Error("sass.Open(missing file) succeeded")
	}
}

func readFrom(fsys fs.FS, prefix string) func(string) ([]byte, string, error) {
	return func(name string) ([]byte, string, error) {
		data, err := fs.ReadFile(fsys, name)
		return data, prefix + name, err
	}
}

func open(t *testing.T) (*sass.Compiler, *bytes.Buffer) {
	t.Helper()
	var warnings bytes.Buffer
	c, err := sass.Open(sasstest.Binary(t), &syncWriter{w: &warnings})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := c.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return c, &warnings
}

type syncWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

func TestVersionMatchesPackageJSON(t *testing.T) {
	c, _ := open(t)
	if want := sasstest.Pinned(t); c.Version() != want {
		t.Errorf("Dart Sass %s at %s; package.json pins %s", c.Version(), c.Path(), want)
	}
}

var styles = fstest.MapFS{
	"main.scss":                {Data: []byte("@use \"components\";\n@use 'colors' as c;\nbody { color: c.$fg; }\n")},
	"_colors.scss":             {Data: []byte("$fg: #123456 !default;\n")},
	"components/_index.scss":   {Data: []byte("@forward \"cards\";\n")},
	"components/_cards.scss":   {Data: []byte("@use \"buttons\";\n@use '../colors';\n.card { color: colors.$fg; }\n")},
	"components/_buttons.sass": {Data: []byte(".btn\n  margin: 0\n")},
	"print.scss":               {Data: []byte("@use 'colors';\n@media print { nav { display: none } }\n")},
	"nested/page.scss":         {Data: []byte("@use 'local';\n")},
	"nested/_local.scss":       {Data: []byte(".local { a: b }\n")},
}

func TestCompileResolvesImports(t *testing.T) {
	c, _ := open(t)
	css, err := c.Compile(context.Background(), "main.scss", readFrom(styles, "themes/default/assets/"))
	if err != nil {
		t.Fatal(err)
	}
	want := ".btn{margin:0}.card{color:#123456}body{color:#123456}"
	if strings.TrimSpace(string(css)) != want {
		t.Errorf("css = %q, want %q (compressed, every import resolved)", css, want)
	}
	css, err = c.Compile(context.Background(), "nested/page.scss", readFrom(styles, ""))
	if err != nil || !strings.Contains(string(css), ".local{a:b}") {
		t.Errorf("an entry in a folder must load its neighbours: %q, %v", css, err)
	}
}

func TestSassErrorNamesFileLineColumn(t *testing.T) {
	c, _ := open(t)
	fsys := fstest.MapFS{
		"main.scss":    {Data: []byte("// entry\n@use 'broken';\n")},
		"_broken.scss": {Data: []byte("/* é𝄞 */\n.a {\r\n  color: $nope;\n}\n")},
	}
	_, err := c.Compile(context.Background(), "main.scss", readFrom(fsys, "themes/default/assets/"))
	var se *sass.Error
	if !errors.As(err, &se) {
		t.Fatalf("err = %v, want a *sass.Error", err)
	}
	if got, want := se.Error(), "themes/default/assets/_broken.scss:3:10: Undefined variable."; got != want {
		t.Errorf("error = %q, want %q", got, want)
	}

	fsys["main.scss"] = &fstest.MapFile{Data: []byte("@use 'nowhere';\n")}
	_, err = c.Compile(context.Background(), "main.scss", readFrom(fsys, "assets/"))
	if !errors.As(err, &se) || se.File != "assets/main.scss" || se.Line != 1 || se.Col != 1 {
		t.Errorf("a missing import: %v, want it placed at assets/main.scss:1:1", err)
	}
}

func TestWarningsNameTheFile(t *testing.T) {
	c, warnings := open(t)
	fsys := fstest.MapFS{
		"main.scss":    {Data: []byte("a { b: c }\n\n@import 'colors';\n@warn \"careful\";\n")},
		"_colors.scss": {Data: []byte("$fg: red;\n")},
	}
	if _, err := c.Compile(context.Background(), "main.scss", readFrom(fsys, "assets/")); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"assets/main.scss:3:9: warning: Sass @import rules are deprecated", "sass: warning: careful"} {
		if !strings.Contains(warnings.String(), want) {
			t.Errorf("warnings = %q, want %q", warnings, want)
		}
	}
}

// A long-running compiler must notice every change, including a file that appears
// where an import would now find it.
func TestRecompilesWhatChanged(t *testing.T) {
	c, _ := open(t)
	fsys := fstest.MapFS{
		"main.scss":    {Data: []byte("@use 'colors';\na { color: colors.$fg; }\n")},
		"colors.scss":  {Data: []byte("$fg: red;\n")},
		"unused.scss":  {Data: []byte("$x: 1;\n")},
		"_unused.scss": {Data: []byte("$x: 1;\n")},
	}
	compile := func() string {
		t.Helper()
		css, err := c.Compile(context.Background(), "main.scss", readFrom(fsys, ""))
		if err != nil {
			t.Fatal(err)
		}
		return string(css)
	}
	if got := compile(); !strings.Contains(got, "red") {
		t.Fatalf("css = %q", got)
	}
	fsys["colors.scss"] = &fstest.MapFile{Data: []byte("$fg: blue;\n")}
	if got := compile(); !strings.Contains(got, "blue") {
		t.Errorf("after an edit: %q, want blue", got)
	}
	fsys["_colors.scss"] = &fstest.MapFile{Data: []byte("$fg: green;\n")} // a partial is preferred
	if got := compile(); !strings.Contains(got, "green") {
		t.Errorf("after adding a partial that shadows: %q, want green", got)
	}
}

func TestConcurrentCompiles(t *testing.T) {
	c, _ := open(t)
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fsys := fstest.MapFS{
				"main.scss":    {Data: []byte("@use 'colors';\na { width: colors.$w; }\n")},
				"_colors.scss": {Data: []byte(fmt.Sprintf("$w: %dpx;\n", i))},
			}
			css, err := c.Compile(context.Background(), "main.scss", readFrom(fsys, ""))
			if err == nil && !strings.Contains(string(css), fmt.Sprintf("width:%dpx", i)) {
				err = fmt.Errorf("compile %d got %q", i, css)
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

func TestCompileAfterClose(t *testing.T) {
	c, _ := open(t)
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Compile(context.Background(), "main.scss", readFrom(styles, "")); err == nil {
		t.Error("Compile after Close succeeded")
	}
}
