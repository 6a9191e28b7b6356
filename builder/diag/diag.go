// Package diag holds what every stage of a build reports problems with: a position
// in a source file, a diagnostic (an error or a warning at a position) and a list of
// them that sorts and prints itself as "file:line:col: message", after go/scanner.
package diag

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Pos is a place in a source file. Line and Col count from 1; a zero Line means the
// file as a whole.
type Pos struct {
	File string // slash-separated, relative to the source folder: "content/insights/a.md"
	Line int
	Col  int
}

func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// OrTop is p, or the first line of file when p names no file.
func (p Pos) OrTop(file string) Pos {
	if p.File == "" {
		return Pos{File: file, Line: 1, Col: 1}
	}
	return p
}

// Severity tells whether a diagnostic stops the build.
type Severity uint8

const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one problem found in the content or the theme.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Msg      string
}

// Error formats the diagnostic as "file:line:col: message"; warnings say so.
func (d Diagnostic) Error() string {
	if d.Severity == Warning {
		return d.Pos.String() + ": warning: " + d.Msg
	}
	return d.Pos.String() + ": " + d.Msg
}

// List is every problem a stage or a build found, in file order once sorted.
type List []Diagnostic

// Add appends a diagnostic.
func (l *List) Add(sev Severity, p Pos, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: p, Severity: sev, Msg: fmt.Sprintf(format, args...)})
}

// Errorf appends an error.
func (l *List) Errorf(p Pos, format string, args ...any) { l.Add(Error, p, format, args...) }

// Warnf appends a warning.
func (l *List) Warnf(p Pos, format string, args ...any) { l.Add(Warning, p, format, args...) }

// Sort orders diagnostics by file, line and column, and drops exact duplicates.
func (l List) Sort() List {
	slices.SortStableFunc(l, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
	return slices.Compact(l)
}

// Count returns the number of errors and warnings.
func (l List) Count() (errors, warnings int) {
	for _, d := range l {
		if d.Severity == Warning {
			warnings++
		} else {
			errors++
		}
	}
	return errors, warnings
}

// Strict turns warnings into errors, as --strict asks.
func (l List) Strict() List {
	out := make(List, len(l))
	for i, d := range l {
		d.Severity = Error
		out[i] = d
	}
	return out
}

// Err returns the list as an error when it holds at least one error.
func (l List) Err() error {
	if n, _ := l.Count(); n > 0 {
		return &BuildError{Diagnostics: l}
	}
	return nil
}

// BuildError is returned when content or templates have errors. It carries every
// diagnostic of the build, warnings included.
type BuildError struct{ Diagnostics List }

func (e *BuildError) Error() string {
	n, _ := e.Diagnostics.Count()
	var b strings.Builder
	for _, d := range e.Diagnostics {
		if d.Severity == Error {
			if b.Len() > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(d.Error())
		}
	}
	if n > 1 {
		fmt.Fprintf(&b, "\n%d errors", n)
	}
	return b.String()
}

// Write prints the diagnostics in one of the formats of `playbook check --format`:
// "text" (file:line:col: message), "json" (an array of objects) or "github"
// (workflow commands that annotate a pull request).
func (l List) Write(w io.Writer, format string) error {
	switch format {
	case "json":
		type item struct {
			File     string `json:"file"`
			Line     int    `json:"line"`
			Col      int    `json:"column"`
			Severity string `json:"severity"`
			Message  string `json:"message"`
		}
		items := make([]item, 0, len(l))
		for _, d := range l {
			items = append(items, item{d.Pos.File, d.Pos.Line, d.Pos.Col, d.Severity.String(), d.Msg})
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(items)
	case "github":
		for _, d := range l {
			if _, err := fmt.Fprintf(w, "::%s file=%s,line=%d,col=%d::%s\n", d.Severity, githubProperty(d.Pos.File), max(d.Pos.Line, 1), max(d.Pos.Col, 1), githubData(d.Msg)); err != nil {
				return err
			}
		}
		return nil
	default:
		for _, d := range l {
			if _, err := fmt.Fprintln(w, d.Error()); err != nil {
				return err
			}
		}
		return nil
	}
}

// githubData escapes a workflow command's message, so that no text of the content
// (a message quotes values) can end the command and start another.
func githubData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// githubProperty escapes a workflow command's property value, a file name: a name
// may hold anything a file system allows, "::" and "," included.
func githubProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
