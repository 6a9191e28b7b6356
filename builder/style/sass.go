package style

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/playbookhq/playbook/builder/diag"
	"github.com/playbookhq/playbook/builder/sass"
	"github.com/playbookhq/playbook/builder/theme"
)

// Stored CSS
//
// Authors who never touch SCSS must not need Dart Sass. So a theme keeps the CSS
// that Dart Sass made of its SCSS beside it, in compiled/ (themes/default/compiled/
// main.css for assets/main.scss), under a header that records a hash of every SCSS
// input: each file's content by name, and the compile options. A build uses the
// stored CSS while the SCSS it would compile has that hash, whether Dart Sass is
// there or not: the output is then the same on every machine, and no process starts.
//
// When the hash differs (the theme's SCSS was edited, or the site overrides a
// partial in its own assets/), Dart Sass compiles it; without Dart Sass the build
// fails, naming the files that changed and the command that installs it. A build
// with Options.StyleCache keeps what it compiled for a site in resources/css/, with
// the same header, so that later builds of that site need no Dart Sass either
// (commit it with the site). Only edits to a theme that keeps its own compiled/ in
// the site (the built-in theme's own source) are not cached: `go generate
// ./themes/...` refreshes that.

// ErrSassUnavailable is wrapped by a Compiler's error when it could not run
// Dart Sass at all; the build then explains how to install it.
var ErrSassUnavailable = errors.New("Dart Sass is not available")

// styleCacheDir is where a site keeps CSS compiled from its own SCSS overrides.
const styleCacheDir = "resources/css"

// styleInputs is every SCSS file a theme's entry points may load, as the build sees
// them: the site's assets/ over the theme's.
type styleInputs struct {
	sums   map[string]string // name under assets/ → sha256 of its content
	labels map[string]string // name → how messages name it
	sum    string            // sha256 over the names, their sums and sass.Options
}

func scssInputs(t *theme.Theme) (styleInputs, error) {
	in := styleInputs{sums: map[string]string{}, labels: map[string]string{}}
	for _, name := range t.List("assets", "") {
		if !isSCSS(name) {
			continue
		}
		data, label, err := t.Read("assets", name)
		if err != nil {
			return in, fmt.Errorf("%s: %w", t.Label("assets", name), err)
		}
		sum := sha256.Sum256(data)
		in.sums[name] = hex.EncodeToString(sum[:])
		in.labels[name] = label
	}
	in.sum = inputsSum(in.sums, sass.Options)
	return in, nil
}

// overridden reports whether the site's own assets/ replace any SCSS of the theme.
func (in styleInputs) overridden() bool {
	for name, label := range in.labels {
		if label == "assets/"+name {
			return true
		}
	}
	return false
}

func inputsSum(sums map[string]string, options string) string {
	h := sha256.New()
	fmt.Fprintf(h, "options %s\n", options)
	for _, name := range sortedKeys(sums) {
		fmt.Fprintf(h, "file %s %s\n", sums[name], name)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func isSCSS(name string) bool {
	ext := path.Ext(name)
	return ext == ".scss" || ext == ".sass"
}

func cssName(entry string) string { return strings.TrimSuffix(entry, path.Ext(entry)) + ".css" }

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// storedCSS is a compiled/ or resources/css/ file: the header, then the CSS exactly
// as Dart Sass returned it, which is what gets published.
type storedCSS struct {
	version string            // Dart Sass's
	options string            // sass.Options when it was made
	inputs  string            // styleInputs.sum
	sums    map[string]string // styleInputs.sums
	css     []byte
}

const storedMarker = "/* Playbook stored CSS"

func (s *storedCSS) encode(note string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s: what Dart Sass made of the SCSS whose hashes follow.\n", storedMarker)
	fmt.Fprintf(&b, "   Builds without Dart Sass use it while the SCSS is unchanged. %s\n", note)
	fmt.Fprintf(&b, "dart-sass %s\noptions %s\ninputs %s\n", s.version, s.options, s.inputs)
	for _, name := range sortedKeys(s.sums) {
		fmt.Fprintf(&b, "file %s %s\n", s.sums[name], name)
	}
	b.WriteString("*/\n")
	b.Write(s.css)
	return b.Bytes()
}

func decodeStored(data []byte) (*storedCSS, error) {
	if !bytes.HasPrefix(data, []byte(storedMarker)) {
		return nil, errors.New("it has no Playbook header")
	}
	head, css, ok := bytes.Cut(data, []byte("\n*/\n"))
	if !ok {
		return nil, errors.New("its header is not closed")
	}
	s := &storedCSS{sums: map[string]string{}, css: css}
	for _, line := range strings.Split(string(head), "\n") {
		key, val, _ := strings.Cut(line, " ")
		switch key {
		case "dart-sass":
			s.version = val
		case "options":
			s.options = val
		case "inputs":
			s.inputs = val
		case "file":
			sum, name, _ := strings.Cut(val, " ")
			s.sums[name] = sum
		}
	}
	if s.inputs == "" {
		return nil, errors.New("its header has no inputs hash")
	}
	return s, nil
}

// readStored returns the stored CSS at p, nil if there is none.
func readStored(fsys fs.FS, p string) (*storedCSS, error) {
	data, err := fs.ReadFile(fsys, p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	s, err := decodeStored(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return s, nil
}

func storedPath(t *theme.Theme, entry string) (p, label string) {
	h := t.Home()
	return path.Join(h.Root, "compiled", cssName(entry)), h.Label + "compiled/" + cssName(entry)
}

// keepsOwnCSS reports whether the theme lives in the site with its own compiled/,
// as the built-in theme's source does: its stored CSS is refreshed by
// `go generate ./themes/...`, not cached in resources/.
func keepsOwnCSS(t *theme.Theme) bool {
	h := t.Home()
	if !strings.HasPrefix(h.Root, "themes/") {
		return false
	}
	fi, err := fs.Stat(h.FS, path.Join(h.Root, "compiled"))
	return err == nil && fi.IsDir()
}

// compileStyles returns the CSS of one SCSS entry point of the theme: stored CSS
// while it matches the SCSS, else what Dart Sass makes of it.
func compileStyles(ctx context.Context, t *theme.Theme, o Options, name string) ([]byte, diag.List) {
	var diags diag.List
	at := diag.Pos{File: t.Label("assets", name)}
	in, err := scssInputs(t)
	if err != nil {
		diags.Errorf(at, "%v", err)
		return nil, diags
	}
	storedAt, storedLabel := storedPath(t, name)
	stored, err := readStored(t.Home().FS, storedAt)
	if err != nil {
		diags.Warnf(diag.Pos{File: storedLabel}, "ignored: %v", err)
	}
	cacheAt := path.Join(styleCacheDir, cssName(name))
	cached, err := readStored(o.FS, cacheAt)
	if err != nil {
		diags.Warnf(diag.Pos{File: cacheAt}, "ignored: %v", err)
	}
	for _, s := range []*storedCSS{cached, stored} {
		if s != nil && s.inputs == in.sum {
			return s.css, diags
		}
	}

	// The reference for what changed is the closest stored copy: the site's own
	// cache when it has one, since it already holds the site's overrides.
	ref, refLabel := stored, storedLabel
	if cached != nil {
		ref, refLabel = cached, cacheAt
	}
	version := ""
	if stored != nil {
		version = stored.version
	}
	if o.Sass == nil {
		diags.Errorf(at, "%s, and Dart Sass was not found. %s", staleReason(t, in, ref, refLabel), sassInstallHint(version))
		return nil, diags
	}
	css, err := o.Sass.Compile(ctx, name, func(n string) ([]byte, string, error) { return t.Read("assets", n) })
	if err != nil {
		var placed interface {
			Position() (file string, line, col int)
			Message() string
		}
		switch {
		case errors.As(err, &placed):
			file, line, col := placed.Position()
			diags.Errorf(diag.Pos{File: file, Line: line, Col: col}, "%s", placed.Message())
		case errors.Is(err, ErrSassUnavailable):
			diags.Errorf(at, "%s, and %v. %s", staleReason(t, in, ref, refLabel), err, sassInstallHint(version))
		default:
			diags.Errorf(at, "%v", err)
		}
		return nil, diags
	}
	if o.Cache && (in.overridden() || !keepsOwnCSS(t)) {
		s := &storedCSS{version: sassVersion(o.Sass), options: sass.Options, inputs: in.sum, sums: in.sums, css: css}
		if err := writeIfChanged(filepath.Join(o.Source, filepath.FromSlash(cacheAt)), s.encode("playbook build wrote it for this site's SCSS: commit it, or delete it if unwanted.")); err != nil {
			diags.Warnf(diag.Pos{File: cacheAt}, "could not keep the compiled CSS for builds without Dart Sass: %v", err)
		}
	}
	return css, diags
}

// staleReason says why the stored CSS cannot be used, naming the SCSS files that
// differ from the ones it was compiled from.
func staleReason(t *theme.Theme, in styleInputs, ref *storedCSS, refLabel string) string {
	if ref == nil {
		return fmt.Sprintf("there is no stored CSS for it (%s), so Dart Sass must compile it", refLabel)
	}
	return fmt.Sprintf("the SCSS differs from what %s was compiled from (%s), so Dart Sass must compile it", refLabel, changes(t, in, ref))
}

func changes(t *theme.Theme, in styleInputs, ref *storedCSS) string {
	var out []string
	for _, name := range sortedKeys(in.sums) {
		switch old, ok := ref.sums[name]; {
		case !ok:
			out = append(out, in.labels[name]+" was added")
		case old != in.sums[name]:
			out = append(out, in.labels[name]+" changed")
		}
	}
	for _, name := range sortedKeys(ref.sums) {
		if _, ok := in.sums[name]; !ok {
			out = append(out, t.Home().Label+"assets/"+name+" was removed")
		}
	}
	if ref.options != sass.Options {
		out = append(out, fmt.Sprintf("the compile options changed (%s, now %s)", ref.options, sass.Options))
	}
	if len(out) == 0 {
		out = append(out, "the header's hash does not match its files")
	}
	return strings.Join(out, ", ")
}

// sassInstallHint is the exact way to get Dart Sass; version is the one that made
// the stored CSS, which package.json pins.
func sassInstallHint(version string) string {
	pkg := sass.Package()
	if version != "" {
		pkg += "@" + version
	}
	return fmt.Sprintf("Install it: run `npm install` in the Playbook repository (package.json pins it), "+
		"or `npm install %s` in the site folder; playbook then finds node_modules/%s/dart-sass/sass by itself, "+
		"or point at the executable with --sass PATH or PLAYBOOK_DART_SASS=PATH.", pkg, sass.Package())
}

func sassVersion(c Compiler) string {
	if v, ok := c.(interface{ Version() string }); ok {
		return v.Version()
	}
	return ""
}

func writeIfChanged(file string, data []byte) error {
	if old, err := os.ReadFile(file); err == nil && bytes.Equal(old, data) {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	return os.WriteFile(file, data, 0o644)
}

func scssEntries(t *theme.Theme) []string {
	var out []string
	for _, name := range t.List("assets", "") {
		if isSCSS(name) && !strings.HasPrefix(path.Base(name), "_") {
			out = append(out, name)
		}
	}
	return out
}

// StoredStyles compiles every SCSS entry point of the theme name in themes with c,
// and returns the files that keep the result with the theme, keyed by their path
// in the theme's folder ("compiled/main.css"). `go generate ./themes/...` writes them.
func StoredStyles(ctx context.Context, themes fs.FS, name string, c Compiler) (map[string][]byte, error) {
	t, err := theme.Builtin(themes, name)
	if err != nil {
		return nil, err
	}
	in, err := scssInputs(t)
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for _, entry := range scssEntries(t) {
		css, err := c.Compile(ctx, entry, func(n string) ([]byte, string, error) { return t.Read("assets", n) })
		if err != nil {
			return nil, err
		}
		s := &storedCSS{version: sassVersion(c), options: sass.Options, inputs: in.sum, sums: in.sums, css: css}
		out["compiled/"+cssName(entry)] = s.encode("Remade by `go generate ./themes/...`.")
	}
	return out, nil
}

// CheckStoredStyles returns an error naming every SCSS entry point of the theme
// name in themes whose stored CSS is missing or stale, and every stored file that
// no entry point makes.
func CheckStoredStyles(themes fs.FS, name string) error {
	t, err := theme.Builtin(themes, name)
	if err != nil {
		return err
	}
	in, err := scssInputs(t)
	if err != nil {
		return err
	}
	var problems []string
	want := map[string]bool{}
	for _, entry := range scssEntries(t) {
		p, label := storedPath(t, entry)
		want[p] = true
		s, err := readStored(t.Home().FS, p)
		switch {
		case err != nil:
			problems = append(problems, err.Error())
		case s == nil:
			problems = append(problems, label+": missing")
		case s.inputs != in.sum:
			problems = append(problems, label+": stale: "+changes(t, in, s))
		}
	}
	_ = fs.WalkDir(t.Home().FS, path.Join(t.Home().Root, "compiled"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !want[p] {
			problems = append(problems, p+": no SCSS entry point makes it")
		}
		return nil
	})
	if len(problems) > 0 {
		return fmt.Errorf("the stored CSS of theme %q is stale; run `go generate ./themes/...` (it needs Dart Sass: `npm install`):\n\t%s", name, strings.Join(problems, "\n\t"))
	}
	return nil
}

// StoredSassVersion is the version of the Dart Sass that compiled the stored CSS of
// theme name in themes, "" when it has none.
func StoredSassVersion(themes fs.FS, name string) string {
	t, err := theme.Builtin(themes, name)
	if err != nil {
		return ""
	}
	for _, entry := range scssEntries(t) {
		p, _ := storedPath(t, entry)
		if s, err := readStored(t.Home().FS, p); err == nil && s != nil {
			return s.version
		}
	}
	return ""
}
