// Package sass compiles SCSS with Dart Sass through the embedded protocol
// (github.com/bep/godartsass/v2).
//
// One [Compiler] serves a whole build, or a whole `playbook serve` session: Dart Sass
// starts on the first compile and keeps running, since starting it costs more than
// most compiles. Stylesheets are read through a function, never from disk, so the
// builder decides where an import comes from (the site's assets/ first, then the
// theme's).
package sass

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/bep/godartsass/v2"
)

// Compiler compiles SCSS with one Dart Sass process. It is safe for concurrent use;
// Close stops the process.
type Compiler struct {
	path     string
	version  string
	warnings io.Writer

	mu     sync.Mutex
	t      *godartsass.Transpiler
	closed bool
	memo   map[string]*memo // entry → its last compile

	// labels maps the canonical URL of every stylesheet loaded so far to the name
	// messages use for it, so that Dart Sass's warnings name files as errors do.
	labels sync.Map
}

// Open checks that path is Dart Sass speaking the embedded protocol, and returns a
// compiler that runs it. Dart Sass's warnings (@warn, @debug, deprecations) are
// written to warnings, if not nil.
//
// A wrong executable would otherwise only fail at the first compile, with an error
// about the protocol; Open names the usual mistake instead: the JavaScript `sass`
// package, which cannot speak the embedded protocol.
func Open(path string, warnings io.Writer) (*Compiler, error) {
	if isJavaScript(path) {
		return nil, fmt.Errorf("%s is the JavaScript sass package, which does not speak the Sass embedded protocol; Playbook needs the native Dart Sass executable (npm package %s)", path, Package())
	}
	v, err := godartsass.Version(path)
	if err != nil {
		return nil, fmt.Errorf("%s does not speak the Sass embedded protocol (%v); Playbook needs the native Dart Sass executable (npm package %s), not the JavaScript sass package", path, err, Package())
	}
	if v.ImplementationName != "dart-sass" || v.CompilerVersion == "" {
		return nil, fmt.Errorf("%s is %s %s, not Dart Sass", path, v.ImplementationName, v.CompilerVersion)
	}
	return &Compiler{path: path, version: v.CompilerVersion, warnings: warnings, memo: map[string]*memo{}}, nil
}

// isJavaScript reports whether the executable is a Node.js script, as the `sass`
// that `npm install sass` puts on PATH is. Running it would print a usage error on
// the user's terminal, which Open's own message explains better.
func isJavaScript(p string) bool {
	if real, err := filepath.EvalSymlinks(p); err == nil {
		p = real
	}
	if strings.HasSuffix(p, ".js") || strings.HasSuffix(p, ".cjs") || strings.HasSuffix(p, ".mjs") {
		return true
	}
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 128)
	n, _ := io.ReadFull(f, head)
	line, _, _ := strings.Cut(string(head[:n]), "\n")
	return strings.HasPrefix(line, "#!") && strings.Contains(line, "node")
}

// Version is Dart Sass's version, "1.105.0".
func (c *Compiler) Version() string { return c.version }

// Path is the executable the compiler runs.
func (c *Compiler) Path() string { return c.path }

// Close stops Dart Sass. Compiling after Close is an error.
func (c *Compiler) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	return c.stop()
}

func (c *Compiler) stop() error {
	if c.t == nil {
		return nil
	}
	err := c.t.Close()
	c.t = nil
	if errors.Is(err, godartsass.ErrShutdown) {
		return nil // how Dart Sass reports a requested shutdown
	}
	return err
}

// transpiler starts Dart Sass on first use, and again if it died since.
func (c *Compiler) transpiler() (*godartsass.Transpiler, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil, errors.New("the Sass compiler is closed")
	}
	if c.t == nil {
		t, err := godartsass.Start(godartsass.Options{
			DartSassEmbeddedFilename: c.path,
			LogEventHandler:          c.logEvent,
		})
		if err != nil {
			return nil, fmt.Errorf("starting Dart Sass %s: %w", c.path, err)
		}
		c.t = t
	}
	return c.t, nil
}

// discard forgets a transpiler whose process has gone, so that the next compile
// starts a new one: a crash must not end a `playbook serve` session.
func (c *Compiler) discard(t *godartsass.Transpiler) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.t == t {
		_ = c.stop()
	}
}

// Options are the settings every compile uses. The builder's hash of the SCSS
// inputs includes them, so that changing them invalidates stored CSS.
const Options = "style=compressed"

// Compile compiles the stylesheet entry (a name read understands, "main.scss") to
// minified CSS. read returns a stylesheet's bytes and the name messages use for it
// ("themes/default/assets/_colors.scss"), or an error wrapping fs.ErrNotExist.
//
// A Sass error comes back as an [*Error] that names the file, line and column.
func (c *Compiler) Compile(ctx context.Context, entry string, read func(name string) ([]byte, string, error)) ([]byte, error) {
	c.mu.Lock()
	closed := c.closed
	c.mu.Unlock()
	if closed {
		return nil, errors.New("the Sass compiler is closed")
	}
	r := &resolver{c: c, read: read, entry: entry, dir: path.Dir(entry), files: map[string]file{}}
	src, ok, err := r.load(entry)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("%s: %w", entry, fs.ErrNotExist)
	}
	if css := c.remembered(entry, read); css != nil {
		return css, nil
	}
	t, err := c.transpiler()
	if err != nil {
		return nil, err
	}
	url := scheme + entry
	c.labels.Store(url, src.label)

	type result struct {
		res godartsass.Result
		err error
	}
	done := make(chan result, 1)
	go func() {
		res, err := t.Execute(godartsass.Args{
			Source:         string(src.data),
			URL:            url,
			SourceSyntax:   syntax(entry),
			OutputStyle:    godartsass.OutputStyleCompressed,
			ImportResolver: r,
		})
		done <- result{res, err}
	}()
	var res result
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case res = <-done:
	}
	if res.err != nil {
		var se godartsass.SassError
		if errors.As(res.err, &se) {
			return nil, r.sassError(se)
		}
		if r.err != nil {
			return nil, r.err // a read failed: more useful than Dart Sass's account of it
		}
		if errors.Is(res.err, godartsass.ErrShutdown) || errors.Is(res.err, io.ErrUnexpectedEOF) {
			c.discard(t)
		}
		return nil, fmt.Errorf("Dart Sass (%s): %w", c.path, res.err)
	}
	css := []byte(res.res.CSS)
	c.remember(entry, r, css)
	return css, nil
}

func syntax(name string) godartsass.SourceSyntax {
	switch path.Ext(name) {
	case ".sass":
		return godartsass.SourceSyntaxSASS
	case ".css":
		return godartsass.SourceSyntaxCSS
	}
	return godartsass.SourceSyntaxSCSS
}

// memo is an entry's last compile and every read that decided it, found or not: a
// stylesheet added where an import would now find it changes the result as surely
// as an edit does. A rebuild in `playbook serve` that changed no stylesheet then
// costs a few reads instead of a compile.
type memo struct {
	reads map[string][32]byte // name → content hash; zero when it did not exist
	css   []byte
}

func (c *Compiler) remembered(entry string, read func(string) ([]byte, string, error)) []byte {
	c.mu.Lock()
	m := c.memo[entry]
	c.mu.Unlock()
	if m == nil {
		return nil
	}
	for name, sum := range m.reads {
		data, _, err := read(name)
		var now [32]byte
		if err == nil {
			now = sha256.Sum256(data)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if now != sum {
			return nil
		}
	}
	return m.css
}

func (c *Compiler) remember(entry string, r *resolver, css []byte) {
	m := &memo{reads: map[string][32]byte{}, css: css}
	r.mu.Lock()
	for name, f := range r.files {
		if f.found {
			m.reads[name] = sha256.Sum256(f.data)
		} else {
			m.reads[name] = [32]byte{}
		}
	}
	r.mu.Unlock()
	c.mu.Lock()
	c.memo[entry] = m
	c.mu.Unlock()
}

// logMessage is how godartsass formats a log event with a place: "url:line:col: msg",
// the line and column counted from 0 as the protocol does.
var logMessage = regexp.MustCompile(`(?s)^(.*):(\d+):(\d+): (.*)$`)

func (c *Compiler) logEvent(e godartsass.LogEvent) {
	if c.warnings == nil {
		return
	}
	kind := "warning"
	if e.Type == godartsass.LogEventTypeDebug {
		kind = "debug"
	}
	msg := strings.TrimSpace(e.Message)
	if m := logMessage.FindStringSubmatch(msg); m != nil {
		label := m[1]
		if l, ok := c.labels.Load(m[1]); ok {
			label = l.(string)
		}
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		fmt.Fprintf(c.warnings, "%s:%d:%d: %s: %s\n", label, line+1, col+1, kind, m[4])
		return
	}
	fmt.Fprintf(c.warnings, "sass: %s: %s\n", kind, msg)
}

// Package is the npm package that holds the native Dart Sass for this platform:
// sass-embedded-linux-x64, sass-embedded-darwin-arm64, sass-embedded-win32-x64...
func Package() string { return packageFor(runtime.GOOS, runtime.GOARCH) }

func packageFor(goos, goarch string) string {
	os := goos
	if os == "windows" {
		os = "win32"
	}
	arch := map[string]string{"amd64": "x64", "386": "ia32"}[goarch]
	if arch == "" {
		arch = goarch // arm64, arm, riscv64 are spelled the same
	}
	return "sass-embedded-" + os + "-" + arch
}

// NodeModules returns where `npm install` in dir puts the native Dart Sass
// executable, for each package that may hold it on this platform (Alpine's musl
// builds have their own).
func NodeModules(dir string) []string {
	exe := "sass"
	if runtime.GOOS == "windows" {
		exe = "sass.bat"
	}
	pkgs := []string{Package()}
	if runtime.GOOS == "linux" {
		pkgs = append(pkgs, strings.Replace(Package(), "linux-", "linux-musl-", 1))
	}
	var out []string
	for _, p := range pkgs {
		out = append(out, filepath.Join(dir, "node_modules", p, "dart-sass", exe))
	}
	return out
}

// Pinned returns the Dart Sass version a package.json pins: the exact version of
// its sass-embedded-<os>-<arch> dependency.
func Pinned(packageJSON []byte) (string, error) {
	var pkg struct {
		DevDependencies map[string]string `json:"devDependencies"`
	}
	if err := json.Unmarshal(packageJSON, &pkg); err != nil {
		return "", fmt.Errorf("package.json: %w", err)
	}
	for name, v := range pkg.DevDependencies {
		if strings.HasPrefix(name, "sass-embedded-") {
			if strings.ContainsAny(v, "^~<>=* ") {
				return "", fmt.Errorf("package.json: %s %q is a range; pin an exact version", name, v)
			}
			return v, nil
		}
	}
	return "", errors.New("package.json: no sass-embedded-<os>-<arch> in devDependencies")
}
