package sass

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/bep/godartsass/v2"
)

// scheme prefixes the canonical URL of every stylesheet: Dart Sass needs absolute
// URLs, and one of our own keeps its loads away from the disk.
const scheme = "playbook:///"

// resolver answers Dart Sass's import requests for one compile, through read.
type resolver struct {
	c     *Compiler
	read  func(name string) ([]byte, string, error)
	entry string
	dir   string // the entry's folder: its bare imports are relative to it

	mu    sync.Mutex
	files map[string]file // every name read, found or not
	err   error           // the first read that failed other than by not existing
}

type file struct {
	data  []byte
	label string
	found bool
}

// load reads name once per compile.
func (r *resolver) load(name string) (file, bool, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if f, ok := r.files[name]; ok {
		return f, f.found, nil
	}
	data, label, err := r.read(name)
	switch {
	case err == nil:
		r.files[name] = file{data: data, label: label, found: true}
	case errors.Is(err, fs.ErrNotExist):
		r.files[name] = file{}
	default:
		if r.err == nil {
			r.err = fmt.Errorf("%s: %w", name, err)
		}
		return file{}, false, err
	}
	return r.files[name], err == nil, nil
}

// CanonicalizeURL finds the stylesheet an @use, @forward or @import names, by
// Sass's rules: "colors" is _colors.scss or colors.scss (then .sass, then .css), or
// colors/_index.scss. Dart Sass first asks with the URL resolved against the
// importing stylesheet's (playbook:///components/colors), then as written.
func (r *resolver) CanonicalizeURL(url string) (string, error) {
	var bases []string
	switch {
	case strings.HasPrefix(url, scheme):
		bases = []string{strings.TrimPrefix(url, scheme)}
	case strings.Contains(url, ":"):
		return "", nil // file:, http:, pkg: are not ours
	default:
		if r.dir != "." {
			bases = append(bases, path.Join(r.dir, url))
		}
		bases = append(bases, url)
	}
	for _, base := range bases {
		base = path.Clean(strings.TrimPrefix(base, "/"))
		if base == ".." || strings.HasPrefix(base, "../") {
			continue
		}
		for _, name := range candidates(base) {
			_, ok, err := r.load(name)
			if err != nil {
				return "", err
			}
			if ok {
				return scheme + name, nil
			}
		}
	}
	return "", nil
}

// candidates lists, in Sass's order of preference, the files a load of base may mean.
func candidates(base string) []string {
	dir, name := path.Split(base)
	switch path.Ext(name) {
	case ".scss", ".sass", ".css":
		return []string{dir + "_" + name, base}
	}
	var out []string
	for _, ext := range []string{".scss", ".sass", ".css"} {
		out = append(out, dir+"_"+name+ext, base+ext)
	}
	for _, ext := range []string{".scss", ".sass", ".css"} {
		out = append(out, base+"/_index"+ext, base+"/index"+ext)
	}
	return out
}

// Load returns a stylesheet CanonicalizeURL found.
func (r *resolver) Load(url string) (godartsass.Import, error) {
	name := strings.TrimPrefix(url, scheme)
	f, ok, err := r.load(name)
	if err != nil {
		return godartsass.Import{}, err
	}
	if !ok {
		return godartsass.Import{}, fmt.Errorf("%s: %w", name, fs.ErrNotExist)
	}
	r.c.labels.Store(url, f.label)
	return godartsass.Import{Content: string(f.data), SourceSyntax: syntax(name)}, nil
}

// Error is a Sass error, placed in the stylesheet that has it.
type Error struct {
	File      string // the name read returned for it: "themes/default/assets/_cards.scss"
	Line, Col int    // from 1; 0 when Dart Sass gave no place
	Msg       string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return e.File + ": " + e.Msg
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

// Position lets the builder place the error without importing this package.
func (e *Error) Position() (file string, line, col int) { return e.File, e.Line, e.Col }

// Message is the error without its place.
func (e *Error) Message() string { return e.Msg }

// sassError places a compile failure. godartsass reports a span by offset and
// column only; the line is counted in the stylesheet's text.
func (r *resolver) sassError(se godartsass.SassError) *Error {
	e := &Error{Msg: se.Message}
	r.mu.Lock()
	defer r.mu.Unlock()
	name := strings.TrimPrefix(se.Span.Url, scheme)
	f, ok := r.files[name]
	if se.Span.Url == "" || !ok || !f.found {
		e.File = r.files[r.entry].label // no place: blame the entry
		return e
	}
	e.File = f.label
	e.Line, e.Col = lineCol(f.data, se.Span.Start.Offset)
	return e
}

// lineCol turns Dart Sass's offset, counted in UTF-16 code units as Dart strings
// are, into a line and a column in characters, both from 1. "\r\n" is one line
// break, as it is to Sass.
func lineCol(data []byte, offset int) (line, col int) {
	line, col = 1, 1
	units := 0
	for i := 0; i < len(data) && units < offset; {
		r, size := utf8.DecodeRune(data[i:])
		i += size
		units++
		if r > 0xFFFF {
			units++
		}
		switch {
		case r == '\r' && i < len(data) && data[i] == '\n':
			// the \n that follows ends the line
			col++
		case r == '\n' || r == '\r':
			line, col = line+1, 1
		default:
			col++
		}
	}
	return line, col
}
