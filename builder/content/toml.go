package content

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"

	"github.com/playbookhq/playbook/builder/diag"
)

// parseTOML reads TOML front matter with go-toml's parser, which gives the byte
// range of every key and value, and builds the document's tables itself, with the
// rules of TOML 1.0: a key is defined once, a table once, an inline table is
// closed, [[x]] appends to an array of tables.
func parseTOML(s *source) (*node, *diag.Diagnostic) {
	t := &tomlReader{s: s, info: map[*node]*tomlTable{}}
	root := &node{kind: mapNode, pos: s.top()}
	t.info[root] = &tomlTable{defined: true}
	cur := root
	var p unstable.Parser
	p.Reset(s.fm)
	t.p = &p
	for p.NextExpression() {
		e := p.Expression()
		var d *diag.Diagnostic
		switch e.Kind {
		case unstable.KeyValue:
			d = t.keyValue(cur, e, 0)
		case unstable.Table:
			cur, d = t.table(root, e)
		case unstable.ArrayTable:
			cur, d = t.arrayTable(root, e)
		}
		if d != nil {
			return nil, d
		}
	}
	if err := p.Error(); err != nil {
		at := s.top()
		msg := err.Error()
		if pe, ok := err.(*unstable.ParserError); ok {
			msg = pe.Message
			if len(pe.Highlight) > 0 {
				at = t.at(int(p.Range(pe.Highlight).Offset))
			} else {
				at = t.at(len(s.fm))
			}
			first := s.lineOf(s.fmStart)
			if l, c, ok := unclosedFlow(s.fm, at.Line-first+1, at.Col, "="); ok && tomlFlowEnds[msg] {
				at = s.fmLineCol(l, c) // the parser read on to the keys below a bracket left open
			}
		}
		return nil, &diag.Diagnostic{Pos: at, Msg: "TOML front matter: " + plainTOML(msg)}
	}
	return root, nil
}

type tomlReader struct {
	s      *source
	p      *unstable.Parser
	info   map[*node]*tomlTable
	budget budget
}

// tomlTable is what the rules need to know of a table.
type tomlTable struct {
	defined bool // by a [header], or as a value
	inline  bool // an inline table: nothing may be added to it
	dotted  bool // made by a dotted key: a [header] may not define it
	array   bool // a list made by [[header]]
}

// at is the position of an offset into the front matter.
func (t *tomlReader) at(off int) diag.Pos { return t.s.pos(t.s.fmStart + off) }

func (t *tomlReader) keyParts(it unstable.Iterator) (parts []string, offs []int) {
	for it.Next() {
		k := it.Node()
		parts = append(parts, string(k.Data))
		offs = append(offs, int(k.Raw.Offset))
	}
	return parts, offs
}

func dotted(parts []string) string { return strings.Join(parts, ".") }

// child returns the table under key in m, making it when make is set.
func (t *tomlReader) child(m *node, key string, at diag.Pos, mk bool, dottedKey bool) (*node, *diag.Diagnostic) {
	if v, _, ok := m.get(key); ok {
		if v.kind == listNode && t.info[v] != nil && t.info[v].array {
			return v.items[len(v.items)-1], nil
		}
		if v.kind != mapNode {
			return nil, &diag.Diagnostic{Pos: at, Msg: fmt.Sprintf("TOML front matter: key %q is already a value (at line %d), not a table", key, v.pos.Line)}
		}
		if t.info[v].inline {
			return nil, &diag.Diagnostic{Pos: at, Msg: fmt.Sprintf("TOML front matter: the inline table %q is closed: nothing may be added to it", key)}
		}
		return v, nil
	}
	if !mk {
		return nil, nil
	}
	c := &node{kind: mapNode, pos: at}
	t.info[c] = &tomlTable{dotted: dottedKey}
	t.put(m, key, at, c)
	return c, nil
}

func (t *tomlReader) put(m *node, key string, at diag.Pos, v *node) {
	m.keys = append(m.keys, key)
	m.keyPos = append(m.keyPos, at)
	m.vals = append(m.vals, v)
}

func (t *tomlReader) keyValue(m *node, e *unstable.Node, depth int) *diag.Diagnostic {
	parts, offs := t.keyParts(e.Key())
	for i, k := range parts[:len(parts)-1] {
		c, d := t.child(m, k, t.at(offs[i]), true, true)
		if d != nil {
			return d
		}
		m = c
	}
	last := parts[len(parts)-1]
	at := t.at(offs[len(offs)-1])
	if _, prev, dup := m.get(last); dup {
		return &diag.Diagnostic{Pos: at, Msg: fmt.Sprintf("key %q is repeated (first at line %d)", dotted(parts), prev.Line)}
	}
	keyEnd := int(e.Raw.Offset)
	if l := lastKey(e); l != nil {
		keyEnd = int(l.Raw.Offset + l.Raw.Length)
	}
	v, _, d := t.value(e.Value(), keyEnd, depth)
	if d != nil {
		return d
	}
	t.put(m, last, v.pos, v)
	return nil
}

func lastKey(e *unstable.Node) *unstable.Node {
	var last *unstable.Node
	it := e.Key()
	for it.Next() {
		last = it.Node()
	}
	return last
}

// value converts a value node; from is where the text before it ends, to place
// containers, whose nodes carry no range of their own. It returns where the value
// ends.
func (t *tomlReader) value(v *unstable.Node, from, depth int) (*node, int, *diag.Diagnostic) {
	if depth > maxDepth {
		return nil, 0, &diag.Diagnostic{Pos: t.at(from), Msg: "TOML " + tooDeep}
	}
	start := int(v.Raw.Offset)
	if v.Raw.Length == 0 && v.Kind != unstable.String {
		start = t.skipTo(from)
	}
	n := &node{pos: t.at(start)}
	end := start + int(v.Raw.Length)
	switch v.Kind {
	case unstable.String:
		n.tag, n.raw = "str", string(v.Data)
	case unstable.Bool:
		n.tag, n.raw = "bool", string(v.Data)
	case unstable.Integer:
		n.tag, n.raw = "int", string(v.Data)
		if i, err := strconv.ParseInt(strings.ReplaceAll(string(v.Data), "_", ""), 0, 64); err == nil {
			n.raw = strconv.FormatInt(i, 10)
		}
	case unstable.Float:
		n.tag, n.raw = "float", strings.ReplaceAll(string(v.Data), "_", "")
		if f, err := strconv.ParseFloat(n.raw, 64); err == nil {
			n.raw = strconv.FormatFloat(f, 'g', -1, 64)
		}
	case unstable.LocalDate, unstable.LocalDateTime, unstable.DateTime:
		n.tag, n.raw = "time", strings.Replace(string(v.Data), " ", "T", 1)
	case unstable.LocalTime:
		n.tag, n.raw = "str", string(v.Data)
	case unstable.Array:
		n.kind = listNode
		at := start + 1
		for it := v.Children(); it.Next(); {
			c, cend, d := t.value(it.Node(), at, depth+1)
			if d != nil {
				return nil, 0, d
			}
			n.items = append(n.items, c)
			at = cend
		}
		end = t.closing(at, ']')
	case unstable.InlineTable:
		n.kind = mapNode
		t.info[n] = &tomlTable{defined: true}
		at := start + 1
		for it := v.Children(); it.Next(); {
			kv := it.Node()
			if d := t.keyValue(n, kv, depth+1); d != nil {
				return nil, 0, d
			}
			at = int(kv.Raw.Offset + kv.Raw.Length)
		}
		t.closeInline(n)
		end = t.closing(at, '}')
	default:
		return nil, 0, &diag.Diagnostic{Pos: n.pos, Msg: fmt.Sprintf("TOML front matter: unexpected %s", v.Kind)}
	}
	if !t.budget.spend(len(n.raw)) {
		return nil, 0, &diag.Diagnostic{Pos: n.pos, Msg: "TOML " + tooLarge}
	}
	return n, end, nil
}

// closeInline marks an inline table, and the tables its dotted keys made, closed.
func (t *tomlReader) closeInline(n *node) {
	t.info[n].inline = true
	for _, v := range n.vals {
		if v.kind == mapNode && t.info[v] != nil {
			t.closeInline(v)
		}
	}
}

// skipTo returns the offset of the first byte at or after off that starts a value.
func (t *tomlReader) skipTo(off int) int {
	fm := t.s.fm
	for off < len(fm) {
		switch fm[off] {
		case ' ', '\t', '\r', '\n', '=', ',':
			off++
		case '#':
			nl := bytes.IndexByte(fm[off:], '\n')
			if nl < 0 {
				return len(fm)
			}
			off += nl
		default:
			return off
		}
	}
	return off
}

// closing returns the offset just past the bracket that closes a container whose
// last item ended at off.
func (t *tomlReader) closing(off int, bracket byte) int {
	off = t.skipTo(off)
	if off < len(t.s.fm) && t.s.fm[off] == bracket {
		return off + 1
	}
	return off
}

// header returns the offset of the "[" that opens a table header whose first key
// is at off.
func (t *tomlReader) header(off int) int {
	for off > 0 && t.s.fm[off] != '[' {
		off--
	}
	for off > 0 && t.s.fm[off-1] == '[' {
		off--
	}
	return off
}

func (t *tomlReader) table(root *node, e *unstable.Node) (*node, *diag.Diagnostic) {
	parts, offs := t.keyParts(e.Key())
	at := t.at(t.header(offs[0]))
	m := root
	for i, k := range parts {
		c, d := t.child(m, k, at, true, false)
		if d != nil {
			return nil, d
		}
		if i == len(parts)-1 {
			info := t.info[c]
			if info.defined || info.dotted {
				return nil, &diag.Diagnostic{Pos: at, Msg: fmt.Sprintf("TOML front matter: table [%s] is defined twice (first at line %d)", dotted(parts), c.pos.Line)}
			}
			info.defined = true
			c.pos = at
		}
		m = c
	}
	return m, nil
}

func (t *tomlReader) arrayTable(root *node, e *unstable.Node) (*node, *diag.Diagnostic) {
	parts, offs := t.keyParts(e.Key())
	at := t.at(t.header(offs[0]))
	m := root
	for _, k := range parts[:len(parts)-1] {
		c, d := t.child(m, k, at, true, false)
		if d != nil {
			return nil, d
		}
		m = c
	}
	last := parts[len(parts)-1]
	item := &node{kind: mapNode, pos: at}
	t.info[item] = &tomlTable{defined: true}
	if !t.budget.spend(0) {
		return nil, &diag.Diagnostic{Pos: at, Msg: "TOML " + tooLarge}
	}
	if v, _, ok := m.get(last); ok {
		if v.kind != listNode || t.info[v] == nil || !t.info[v].array {
			return nil, &diag.Diagnostic{Pos: at, Msg: fmt.Sprintf("TOML front matter: [[%s]] adds to an array of tables, but %q is already a value (at line %d)", dotted(parts), last, v.pos.Line)}
		}
		v.items = append(v.items, item)
		return item, nil
	}
	list := &node{kind: listNode, pos: at, items: []*node{item}}
	t.info[list] = &tomlTable{array: true}
	t.put(m, last, at, list)
	return item, nil
}

// tomlFlowEnds are the parser's messages for a list or inline table that does
// not end where it should.
var tomlFlowEnds = map[string]bool{
	"expected ',' or ']' after array value": true, "array is incomplete": true, "inline table is incomplete": true,
}
