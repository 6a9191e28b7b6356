package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/adrg/frontmatter"

	"github.com/playbookhq/playbook/builder/diag"
)

// source is one Markdown file split into its front matter and body.
type source struct {
	file   string // for diagnostics: "content/insights/a.md"
	text   []byte // the whole file, BOM dropped and CRLF turned into LF
	lines  []int  // byte offset at which each line starts
	syntax string // "yaml", "toml", "json", or "" when there is no front matter

	fm      []byte // the front matter's text, without its delimiters (JSON keeps its braces)
	fmStart int    // offset of fm in text
	fmLine  int    // line of the opening delimiter: where "nothing better is known" points

	// body is the text after the front matter; bodyShift is where it starts.
	body      []byte
	bodyShift int
}

var bom = []byte("\ufeff")

// errNoFrontMatter is reported for a Markdown file that does not open with front matter.
var errNoFrontMatter = errors.New("no front matter: a content file opens with ---, +++ or {")

// splitSource checks the encoding and splits front matter from body. The returned
// error, if any, is positioned.
func splitSource(file string, data []byte) (*source, *diag.Diagnostic) {
	if !utf8.Valid(data) {
		off := 0
		for off < len(data) {
			r, n := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			off += n
		}
		s := &source{file: file, text: data, lines: lineStarts(data)}
		return nil, &diag.Diagnostic{Pos: s.pos(off), Msg: "file is not valid UTF-8"}
	}
	data = bytes.TrimPrefix(data, bom)
	if bytes.Contains(data, []byte("\r\n")) {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	}
	if bytes.IndexByte(data, 0) >= 0 {
		// NUL is the builder's placeholder marker in rendered bodies; CommonMark
		// replaces it with U+FFFD anyway.
		data = bytes.ReplaceAll(data, []byte{0}, []byte("\uFFFD"))
	}
	s := &source{file: file, text: data, lines: lineStarts(data)}

	var got capture
	// adrg/frontmatter copies all it is given into a buffer of its own; give it
	// the front matter and not the body.
	head := data[:frontMatterBound(data)]
	headRest, err := frontmatter.Parse(bytes.NewReader(head), &got, captureFormats...)
	if err != nil {
		return nil, &diag.Diagnostic{Pos: diag.Pos{File: file, Line: 1, Col: 1}, Msg: fmt.Sprintf("reading front matter: %v", err)}
	}
	bodyStart := len(head) - len(headRest)
	if got.syntax == "" {
		// adrg/frontmatter reports an unclosed block as "no front matter"; say which.
		if open := firstLine(data); open != "" {
			for _, f := range captureFormats {
				if open == f.Start && f.Start != "{" {
					return nil, &diag.Diagnostic{Pos: s.pos(bytes.Index(data, []byte(open))), Msg: fmt.Sprintf("front matter opened with %q is never closed", open)}
				}
			}
			if open[0] == '{' {
				// A JSON object that does not follow adrg/frontmatter's layout (brace
				// alone on the first line, closing brace followed by a blank line):
				// take exactly one JSON value.
				start := bytes.IndexByte(data, '{')
				dec := json.NewDecoder(bytes.NewReader(data[start:]))
				var raw json.RawMessage
				if err := dec.Decode(&raw); err != nil {
					if at := tooDeepAt(data[start:]); at >= 0 {
						return nil, &diag.Diagnostic{Pos: s.pos(start + at), Msg: "JSON front matter: " + tooDeep}
					}
					return nil, &diag.Diagnostic{Pos: s.pos(start), Msg: "JSON front matter: " + jsonErrorText(err)}
				}
				end := start + int(dec.InputOffset())
				got = capture{syntax: "json", data: data[start:end]}
				nl := bytes.IndexByte(data[end:], '\n')
				if nl < 0 {
					nl = len(data) - end
				}
				if len(bytes.TrimSpace(data[end:end+nl])) != 0 {
					return nil, &diag.Diagnostic{Pos: s.pos(end), Msg: "JSON front matter: unexpected text after the closing }"}
				}
				bodyStart = min(end+nl+1, len(data))
			}
		}
		if got.syntax == "" {
			return nil, &diag.Diagnostic{Pos: diag.Pos{File: file, Line: 1, Col: 1}, Msg: errNoFrontMatter.Error()}
		}
	}
	s.syntax = got.syntax
	s.fm = got.data
	// Find where the captured text sits: after any blank lines and the opening
	// delimiter (JSON's brace belongs to the data).
	off := skipBlankLines(data, 0)
	s.fmLine = s.lineOf(off)
	if got.syntax != "json" || data[off] != '{' {
		if nl := bytes.IndexByte(data[off:], '\n'); nl >= 0 {
			off += nl + 1
		}
	}
	s.fmStart = off
	if !bytes.HasPrefix(data[off:], got.data) {
		return nil, &diag.Diagnostic{Pos: diag.Pos{File: file, Line: s.fmLine, Col: 1}, Msg: "cannot locate front matter"}
	}
	// goldmark parses the body alone; bodyShift maps its offsets back to the file.
	s.body = data[bodyStart:]
	s.bodyShift = bodyStart
	return s, nil
}

// capture receives the raw front matter from adrg/frontmatter: the builder decodes
// it itself, to keep every value's position.
type capture struct {
	syntax string
	data   []byte
}

func captureInto(syntax string) frontmatter.UnmarshalFunc {
	return func(data []byte, v any) error {
		c := v.(*capture)
		c.syntax = syntax
		c.data = data
		return nil
	}
}

var captureFormats = func() []*frontmatter.Format {
	json := frontmatter.NewFormat("{", "}", captureInto("json"))
	json.UnmarshalDelims = true
	json.RequiresNewLine = true
	return []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", captureInto("yaml")),
		frontmatter.NewFormat("---yaml", "---", captureInto("yaml")),
		frontmatter.NewFormat("+++", "+++", captureInto("toml")),
		frontmatter.NewFormat("---toml", "---", captureInto("toml")),
		frontmatter.NewFormat("---json", "---", captureInto("json")),
		json,
	}
}()

// frontMatterBound guesses where the front matter ends: just past the first line,
// after the opening one, that closes it (the end of the file when there is none, or
// for JSON, whose end adrg/frontmatter finds itself).
func frontMatterBound(data []byte) int {
	off := skipBlankLines(data, 0)
	nl := bytes.IndexByte(data[off:], '\n')
	if nl < 0 {
		return len(data)
	}
	open := string(bytes.TrimSpace(data[off : off+nl]))
	var end string
	switch open {
	case "---", "---yaml", "---toml", "---json":
		end = "---"
	case "+++":
		end = "+++"
	default:
		return len(data)
	}
	for p := off + nl + 1; p < len(data); {
		next := bytes.IndexByte(data[p:], '\n')
		if next < 0 {
			return len(data)
		}
		if string(bytes.TrimSpace(data[p:p+next])) == end {
			return p + next + 1
		}
		p += next + 1
	}
	return len(data)
}

func firstLine(data []byte) string {
	off := skipBlankLines(data, 0)
	line := data[off:]
	if nl := bytes.IndexByte(line, '\n'); nl >= 0 {
		line = line[:nl]
	}
	return string(bytes.TrimSpace(line))
}

func skipBlankLines(data []byte, off int) int {
	for off < len(data) {
		nl := bytes.IndexByte(data[off:], '\n')
		if nl < 0 {
			if len(bytes.TrimSpace(data[off:])) == 0 {
				return len(data)
			}
			return off
		}
		if len(bytes.TrimSpace(data[off:off+nl])) != 0 {
			return off
		}
		off += nl + 1
	}
	return off
}

func lineStarts(data []byte) []int {
	starts := make([]int, 1, bytes.Count(data, []byte("\n"))+1)
	for i, c := range data {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// lineOf returns the 1-based line holding byte offset off.
func (s *source) lineOf(off int) int {
	lo, hi := 0, len(s.lines)
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if s.lines[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo + 1
}

// PositionOf is where byte offset off of data, the file named file, is: its line,
// and its column in characters, as every diagnostic counts them.
func PositionOf(file string, data []byte, off int) diag.Pos {
	return (&source{file: file, text: data, lines: lineStarts(data)}).pos(off)
}

// pos turns a byte offset of the file into a position; the column counts characters.
func (s *source) pos(off int) diag.Pos {
	off = min(max(off, 0), len(s.text))
	line := s.lineOf(off)
	start := s.lines[line-1]
	return diag.Pos{File: s.file, Line: line, Col: utf8.RuneCount(s.text[start:off]) + 1}
}

// fmPos turns a line and column inside the front matter text (both from 1) into a
// position in the file.
func (s *source) fmLineCol(line, col int) diag.Pos {
	first := s.lineOf(s.fmStart)
	if line <= 1 {
		// The first line of the data may start mid-line (JSON's brace).
		start := s.lines[first-1]
		return diag.Pos{File: s.file, Line: first, Col: utf8.RuneCount(s.text[start:s.fmStart]) + col}
	}
	return diag.Pos{File: s.file, Line: first + line - 1, Col: col}
}

// bodyPos turns an offset into body into a position in the file.
func (s *source) bodyPos(off int) diag.Pos { return s.pos(off + s.bodyShift) }

// top is where a problem without a better place points: the front matter's opening.
func (s *source) top() diag.Pos { return diag.Pos{File: s.file, Line: max(s.fmLine, 1), Col: 1} }
