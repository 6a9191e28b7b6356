package content

import (
	"bytes"
	"strings"
	"unicode/utf8"

	yamltoken "github.com/goccy/go-yaml/token"

	"github.com/playbookhq/playbook/builder/diag"
	"github.com/playbookhq/playbook/builder/model"
)

// plainYAMLNodes reads front matter written in the plain part of YAML that nearly
// every front matter keeps to: keys and values one a line, lists in [ ] on one
// line or as "- " items, maps in lists, text plain, in double quotes without
// escapes, in single quotes, or after | or > on lines of one indent. It makes the
// nodes the full parser would make, with the same places, in a quarter of the time,
// and reports !ok for anything else (comments, blank lines in block text, anchors,
// escapes, numbers other than plain integers, tabs, trailing spaces, a key
// repeated, a mistake), which parseYAML then reads with the full parser and its
// messages. FuzzPlainYAML holds the two to the same nodes.
func plainYAMLNodes(s *source) (*node, bool) {
	fm := s.fm
	if len(fm) > 64<<10 || bytes.ContainsAny(fm, "#\t\r\\{}") {
		return nil, false
	}
	r := plainReader{s: s}
	blank := false
	for n, line := 1, fm; len(line) > 0 || n == 1; n++ {
		t := line
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			t, line = line[:i], line[i+1:]
		} else {
			line = nil
		}
		indent := len(t) - len(bytes.TrimLeft(t, " "))
		if indent == len(t) {
			if line == nil {
				break
			}
			blank = true
			continue
		}
		if t[len(t)-1] == ' ' {
			return nil, false // the full parser places values before trailing spaces oddly
		}
		if bytes.HasPrefix(t, []byte("---")) || bytes.HasPrefix(t, []byte("...")) || t[0] < ' ' {
			return nil, false
		}
		r.lines = append(r.lines, plainLine{n: n, indent: indent, text: t[indent:], line: t, afterBlank: blank})
		blank = false
		if line == nil {
			break
		}
	}
	root, ok := r.mapping(0, 0) // none when the first line is indented or an item
	if !ok || r.i != len(r.lines) {
		return nil, false
	}
	return root, true
}

type plainLine struct {
	n      int    // line within the front matter, from 1
	indent int    // spaces before text
	text   []byte // the line after its indent
	line   []byte // the whole line, for columns
	// afterBlank tells a line that follows a blank one.
	afterBlank bool
}

type plainReader struct {
	s     *source
	lines []plainLine
	i     int // the line read next
}

// maxPlainDepth is as deep as plain front matter goes; deeper goes to the full
// parser, which knows the limit and its message.
const maxPlainDepth = 16

func isItem(t []byte) bool { return len(t) > 0 && t[0] == '-' && (len(t) == 1 || t[1] == ' ') }

// at places column col (from 1, in bytes of l.line) of line l as parseYAML does.
func (r *plainReader) at(l plainLine, col int) nodePos {
	return nodePos{line: l.n, col: utf8.RuneCount(l.line[:col-1]) + 1}
}

type nodePos struct{ line, col int }

func (r *plainReader) pos(p nodePos) diag.Pos { return r.s.fmLineCol(p.line, p.col) }

func (r *plainReader) node(p nodePos) *node { return &node{pos: r.pos(p)} }

// block reads the map or list that starts at the current line, indented by indent.
func (r *plainReader) block(indent, depth int) (*node, bool) {
	if depth > maxPlainDepth {
		return nil, false
	}
	if isItem(r.lines[r.i].text) {
		return r.list(indent, depth)
	}
	return r.mapping(indent, depth)
}

// mapping reads "key: value" lines indented by indent.
func (r *plainReader) mapping(indent, depth int) (*node, bool) {
	n := &node{kind: mapNode}
	for r.i < len(r.lines) && r.lines[r.i].indent == indent && !isItem(r.lines[r.i].text) {
		l := r.lines[r.i]
		key, rest, ok := splitKey(l.text)
		if !ok {
			return nil, false
		}
		if scalarType(key) != yamltoken.StringType {
			return nil, false // null, true: the full parser makes other keys of them
		}
		if _, _, dup := n.get(key); dup {
			return nil, false
		}
		kp := r.pos(r.at(l, indent+1))
		r.i++
		var v *node
		if len(rest) == 0 {
			if r.i < len(r.lines) && (r.lines[r.i].indent > indent || r.lines[r.i].indent == indent && isItem(r.lines[r.i].text)) {
				if v, ok = r.block(r.lines[r.i].indent, depth+1); !ok {
					return nil, false
				}
			} else {
				// Nothing: the full parser places it just after the colon, or
				// elsewhere at the end of the front matter.
				if r.i == len(r.lines) {
					return nil, false
				}
				v = r.node(r.at(l, indent+len(key)+2))
				v.tag = "null"
			}
		} else if v, ok = r.value(l, len(l.line)-len(rest)+1, indent); !ok {
			return nil, false
		}
		if r.i < len(r.lines) && r.lines[r.i].indent > indent {
			return nil, false // text continued on the next line, or a stray indent
		}
		n.keys = append(n.keys, key)
		n.keyPos = append(n.keyPos, kp)
		n.vals = append(n.vals, v)
	}
	if len(n.keys) == 0 {
		return nil, false
	}
	n.pos = n.keyPos[0]
	return n, true
}

// list reads "- item" lines indented by indent.
func (r *plainReader) list(indent, depth int) (*node, bool) {
	l0 := r.lines[r.i]
	n := r.node(r.at(l0, indent+1))
	n.kind = listNode
	for r.i < len(r.lines) && r.lines[r.i].indent == indent && isItem(r.lines[r.i].text) {
		l := r.lines[r.i]
		rest := l.text[min(2, len(l.text)):]
		if len(rest) == 0 || rest[0] == ' ' {
			return nil, false
		}
		var item *node
		var ok bool
		if _, _, isKey := splitKey(rest); isKey {
			// A map that starts on the item's line: its keys are indented under
			// the first.
			r.lines[r.i] = plainLine{n: l.n, indent: indent + 2, text: rest, line: l.line}
			if item, ok = r.mapping(indent+2, depth+1); !ok {
				return nil, false
			}
		} else {
			r.i++
			if item, ok = r.value(l, indent+3, indent); !ok {
				return nil, false
			}
		}
		if r.i < len(r.lines) && r.lines[r.i].indent > indent {
			return nil, false
		}
		n.items = append(n.items, item)
	}
	return n, true
}

// splitKey splits "key: value" or "key:"; keys are plain words.
func splitKey(t []byte) (key string, rest []byte, ok bool) {
	i := bytes.IndexByte(t, ':')
	if i <= 0 || (i+1 < len(t) && t[i+1] != ' ') {
		return "", nil, false
	}
	for j := 0; j < i; j++ {
		c := t[j]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || j > 0 && (c >= '0' && c <= '9' || c == '-')) {
			return "", nil, false
		}
	}
	rest = bytes.TrimLeft(t[i+1:], " ")
	if len(rest) > 0 && len(t)-len(rest) != i+2 {
		return "", nil, false // more than one space: the value's column is then unusual
	}
	return keyName(t[:i]), rest, true
}

// keyName is the key as a string: a key of the model without allocating one.
func keyName(b []byte) string {
	if k, ok := modelKeys[string(b)]; ok {
		return k
	}
	return string(b)
}

// modelKeys are the keys of the model, fields of items included.
var modelKeys = func() map[string]string {
	m := map[string]string{}
	var add func(fs []model.Field)
	add = func(fs []model.Field) {
		for _, f := range fs {
			m[f.Key] = f.Key
			add(f.Item)
		}
	}
	add(model.Common)
	for _, t := range model.Types {
		add(t.Fields)
	}
	return m
}()

// value reads the value that starts at column col (in bytes, from 1) of line l
// and runs to its end, or for block text over the lines after it indented more
// than parent.
func (r *plainReader) value(l plainLine, col, parent int) (*node, bool) {
	text := l.line[col-1:]
	p := r.at(l, col)
	switch text[0] {
	case '"', '\'':
		// Closed at the end of the line (double quotes hold no escapes here).
		inner := text[1:]
		if len(inner) == 0 || quoteEnd(text[0], inner) != len(inner)-1 {
			return nil, false
		}
		n := r.node(p)
		n.tag, n.raw = "str", string(inner[:len(inner)-1])
		if text[0] == '\'' {
			n.raw = strings.ReplaceAll(n.raw, "''", "'")
		}
		return n, true
	case '|', '>':
		return r.blockText(text, p, parent)
	case '[':
		if text[len(text)-1] != ']' || bytes.ContainsAny(text[1:len(text)-1], "[]\"'") {
			return nil, false
		}
		n := r.node(p)
		n.kind = listNode
		inside := text[1 : len(text)-1]
		if len(bytes.TrimLeft(inside, " ")) == 0 {
			n.items = []*node{}
			return n, len(inside) == 0
		}
		at := col + 1
		for part := range bytes.SplitSeq(inside, []byte(",")) {
			lead := len(part) - len(bytes.TrimLeft(part, " "))
			item := bytes.TrimRight(part[lead:], " ")
			if len(item) == 0 || lead > 1 || lead == 0 && at != col+1 {
				return nil, false
			}
			in, ok := r.scalar(item, r.at(l, at+lead), true)
			if !ok {
				return nil, false
			}
			n.items = append(n.items, in)
			at += len(part) + 1
		}
		return n, true
	}
	return r.scalar(text, p, false)
}

// scalar makes a node of plain text, typed as the full parser types it.
func (r *plainReader) scalar(b []byte, p nodePos, flow bool) (*node, bool) {
	if strings.IndexByte("-?:,[]{}#&*!|>'\"%@`", b[0]) >= 0 || b[len(b)-1] == ':' ||
		bytes.Contains(b, []byte(": ")) || bytes.Contains(b, []byte(" #")) || flow && bytes.ContainsAny(b, ":,") ||
		bytes.Contains(b, []byte("  ")) {
		return nil, false
	}
	n := r.node(p)
	text := string(b)
	n.raw = text
	switch scalarType(text) {
	case yamltoken.StringType:
		n.tag = "str"
		if looksLikeDate(text) {
			n.tag = "time"
		}
	case yamltoken.NullType:
		n.tag, n.raw = "null", ""
	case yamltoken.BoolType:
		n.tag, n.raw = "bool", "false"
		if text[0] == 't' || text[0] == 'T' {
			n.raw = "true"
		}
	case yamltoken.IntegerType:
		if !plainInteger(text) {
			return nil, false
		}
		n.tag = "int"
	default:
		return nil, false
	}
	return n, true
}

// scalarType is the full parser's type of plain text. A word (text that starts
// with a letter) is text unless it is null, true or false: no number starts with
// a letter, so the parser's classifier, which makes a token, is asked only of the
// rest.
func scalarType(text string) yamltoken.Type {
	if c := text[0]; c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf {
		switch text {
		case "null", "Null", "NULL":
			return yamltoken.NullType
		case "true", "True", "TRUE", "false", "False", "FALSE":
			return yamltoken.BoolType
		}
		return yamltoken.StringType
	}
	return yamltoken.New(text, text, nil).Type
}

// plainInteger reports digits that the full parser prints back as they are.
func plainInteger(s string) bool {
	if len(s) > 18 || s[0] == '0' && len(s) > 1 {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// blockText reads text after | or > (kept or folded lines), with or without -
// (no final line break): lines of one indent, no blank lines, no other indicator.
func (r *plainReader) blockText(header []byte, p nodePos, parent int) (*node, bool) {
	if len(header) > 2 || len(header) == 2 && header[1] != '-' {
		return nil, false
	}
	sep := "\n"
	if header[0] == '>' {
		sep = " "
	}
	var b strings.Builder
	first := r.i
	for r.i < len(r.lines) && r.lines[r.i].indent > parent {
		l := r.lines[r.i]
		if l.afterBlank || l.indent != r.lines[first].indent {
			return nil, false
		}
		if r.i > first {
			b.WriteString(sep)
		}
		b.Write(l.text)
		r.i++
	}
	if r.i == first {
		return nil, false
	}
	if len(header) == 1 {
		b.WriteByte('\n')
	}
	n := r.node(p)
	n.tag, n.raw = "str", b.String()
	return n, true
}
