package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/playbookhq/playbook/builder"
	"github.com/playbookhq/playbook/builder/sass"
	"github.com/playbookhq/playbook/themes"
)

type sassFlags struct{ path *string }

func addSassFlags(fs *flag.FlagSet) *sassFlags {
	return &sassFlags{path: fs.String("sass", "", "path to the Dart Sass `executable` (default: $PLAYBOOK_DART_SASS, node_modules, PATH)")}
}

// open finds Dart Sass: --sass, then $PLAYBOOK_DART_SASS, then the npm package in
// node_modules under the site's folder and under the current folder, then `sass` on
// PATH. Finding none is no error: the build uses the theme's stored CSS, and only
// needs Dart Sass when the SCSS changed. A Dart Sass named by the flag or the
// variable must work; one found by looking around is skipped when it does not (the
// JavaScript sass package on PATH, typically), and the build says why if it turns
// out to need it.
func (s *sassFlags) open(source string, stderr io.Writer) (builder.SassCompiler, func(), error) {
	named, how := *s.path, "--sass"
	if named == "" {
		named, how = os.Getenv("PLAYBOOK_DART_SASS"), "PLAYBOOK_DART_SASS"
	}
	if named != "" {
		c, err := sass.Open(named, stderr)
		if err != nil {
			fmt.Fprintf(stderr, "playbook: %s: %v\n%s\n", how, err, installHint())
			return nil, nil, errUsage
		}
		return c, func() { _ = c.Close() }, nil
	}
	var skipped []string
	for _, p := range sassCandidates(source) {
		c, err := sass.Open(p, stderr)
		if err == nil {
			return c, func() { _ = c.Close() }, nil
		}
		skipped = append(skipped, err.Error())
	}
	if len(skipped) > 0 {
		return unusableSass(strings.Join(skipped, "; ")), func() {}, nil
	}
	return nil, func() {}, nil
}

// sassCandidates lists, in order, the Dart Sass executables that exist where
// Playbook looks by itself.
func sassCandidates(source string) []string {
	var dirs []string
	for _, d := range []string{source, "."} {
		if abs, err := filepath.Abs(d); err == nil && !contains(dirs, abs) {
			dirs = append(dirs, abs)
		}
	}
	var out []string
	for _, d := range dirs {
		for _, p := range sass.NodeModules(d) {
			if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
				out = append(out, p)
			}
		}
	}
	if p, err := exec.LookPath("sass"); err == nil {
		out = append(out, p)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// unusableSass stands for Dart Sass that was found but cannot run: the build
// reports it only if it needs to compile.
type unusableSass string

func (u unusableSass) Compile(context.Context, string, func(string) ([]byte, string, error)) ([]byte, error) {
	return nil, fmt.Errorf("%w: %s", builder.ErrSassUnavailable, string(u))
}

func installHint() string {
	pkg := sass.Package()
	if v := builder.StoredSassVersion(themes.FS(), "default"); v != "" {
		pkg += "@" + v
	}
	return fmt.Sprintf("Install the native Dart Sass with `npm install` in the Playbook repository, or `npm install %s`, and pass its node_modules/%s/dart-sass/sass.", pkg, sass.Package())
}
