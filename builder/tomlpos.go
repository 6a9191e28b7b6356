package builder

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// tomlPositions finds the line and column of every key's value in a TOML document
// that BurntSushi/toml has already accepted. Paths are dotted; list items and the
// tables of an array of tables are numbered: "evidence.0.quote". The TOML decoder
// keeps positions to itself, and error messages need them.
func tomlPositions(src []byte) map[string][2]int {
	t := &tomlScan{src: string(src), line: 1, col: 1, pos: map[string][2]int{}, arrays: map[string]int{}}
	t.document()
	return t.pos
}

type tomlScan struct {
	src       string
	i         int
	line, col int
	pos       map[string][2]int
	arrays    map[string]int
	table     string
}

func (t *tomlScan) peek() byte {
	if t.i < len(t.src) {
		return t.src[t.i]
	}
	return 0
}

func (t *tomlScan) next() {
	if t.i >= len(t.src) {
		return
	}
	if t.src[t.i] == '\n' {
		t.line++
		t.col = 1
		t.i++
		return
	}
	_, n := utf8.DecodeRuneInString(t.src[t.i:])
	t.i += n
	t.col++
}

func (t *tomlScan) here() [2]int { return [2]int{t.line, t.col} }

func (t *tomlScan) record(path string) {
	if _, ok := t.pos[path]; !ok {
		t.pos[path] = t.here()
	}
}

// skip passes spaces, and newlines and comments too when nl is set.
func (t *tomlScan) skip(nl bool) {
	for t.i < len(t.src) {
		switch c := t.peek(); {
		case c == ' ' || c == '\t' || c == '\r':
			t.next()
		case c == '\n' && nl:
			t.next()
		case c == '#' && nl:
			for t.i < len(t.src) && t.peek() != '\n' {
				t.next()
			}
		default:
			return
		}
	}
}

func (t *tomlScan) document() {
	for t.i < len(t.src) {
		t.skip(true)
		if t.i >= len(t.src) {
			return
		}
		if strings.HasPrefix(t.src[t.i:], "[[") {
			at := t.here()
			t.next()
			t.next()
			name := t.key("]")
			n := t.arrays[name]
			t.arrays[name] = n + 1
			t.table = name + "." + strconv.Itoa(n)
			if _, ok := t.pos[name]; !ok {
				t.pos[name] = at
			}
			t.pos[t.table] = at
			t.restOfLine()
			continue
		}
		if t.peek() == '[' {
			at := t.here()
			t.next()
			t.table = t.key("]")
			t.pos[t.table] = at
			t.restOfLine()
			continue
		}
		t.keyValue(t.table)
		t.restOfLine()
	}
}

func (t *tomlScan) restOfLine() {
	for t.i < len(t.src) && t.peek() != '\n' {
		t.next()
	}
}

// key reads a possibly dotted, possibly quoted key up to one of the stop bytes.
func (t *tomlScan) key(stop string) string {
	var parts []string
	var cur strings.Builder
	for t.i < len(t.src) {
		c := t.peek()
		switch {
		case strings.IndexByte(stop, c) >= 0 || c == '\n':
			parts = append(parts, strings.TrimSpace(cur.String()))
			t.next()
			return strings.Join(parts, ".")
		case c == '"' || c == '\'':
			cur.WriteString(t.str())
		case c == '.':
			parts = append(parts, strings.TrimSpace(cur.String()))
			cur.Reset()
			t.next()
		default:
			cur.WriteByte(c)
			t.next()
		}
	}
	parts = append(parts, strings.TrimSpace(cur.String()))
	return strings.Join(parts, ".")
}

func join(prefix, k string) string {
	if prefix == "" {
		return k
	}
	return prefix + "." + k
}

func (t *tomlScan) keyValue(prefix string) {
	k := t.key("=")
	path := join(prefix, k)
	t.skip(false)
	t.record(path)
	t.value(path)
}

func (t *tomlScan) value(path string) {
	switch c := t.peek(); c {
	case '"', '\'':
		t.str()
	case '[':
		t.next()
		for n := 0; ; n++ {
			t.skip(true)
			if t.i >= len(t.src) {
				return
			}
			if t.peek() == ']' {
				t.next()
				return
			}
			item := path + "." + strconv.Itoa(n)
			t.record(item)
			t.value(item)
			t.skip(true)
			if t.peek() == ',' {
				t.next()
			}
		}
	case '{':
		t.next()
		for {
			t.skip(false)
			if t.i >= len(t.src) || t.peek() == '\n' {
				return
			}
			if t.peek() == '}' {
				t.next()
				return
			}
			t.keyValue(path)
			t.skip(false)
			if t.peek() == ',' {
				t.next()
			}
		}
	default:
		for t.i < len(t.src) && strings.IndexByte(",]}\n#", t.peek()) < 0 {
			t.next()
		}
	}
}

// str reads a basic, literal or multi-line string and returns its raw contents.
func (t *tomlScan) str() string {
	q := t.peek()
	delim := string(q)
	if strings.HasPrefix(t.src[t.i:], strings.Repeat(delim, 3)) {
		delim = strings.Repeat(delim, 3)
	}
	for range len(delim) {
		t.next()
	}
	start := t.i
	for t.i < len(t.src) {
		if q == '"' && t.peek() == '\\' {
			t.next()
			t.next()
			continue
		}
		if strings.HasPrefix(t.src[t.i:], delim) {
			s := t.src[start:t.i]
			for range len(delim) {
				t.next()
			}
			return s
		}
		if len(delim) == 1 && t.peek() == '\n' {
			break
		}
		t.next()
	}
	return t.src[start:t.i]
}
