package content

import (
	"strconv"

	"github.com/playbookhq/playbook/builder/diag"
)

// node is one front-matter value with its place in the file. YAML, TOML and JSON
// all decode into nodes, so that field decoding and its messages are shared.
type node struct {
	kind nodeKind
	pos  diag.Pos

	// scalars
	tag string // "str", "int", "float", "bool", "null", "time"
	raw string // the scalar as text

	// maps: keys in file order
	keys   []string
	keyPos []diag.Pos
	vals   []*node

	// lists
	items []*node
}

type nodeKind uint8

const (
	scalarNode nodeKind = iota
	mapNode
	listNode
)

func (n *node) get(key string) (*node, diag.Pos, bool) {
	for i, k := range n.keys {
		if k == key {
			return n.vals[i], n.keyPos[i], true
		}
	}
	return nil, diag.Pos{}, false
}

func (n *node) isNull() bool { return n.kind == scalarNode && n.tag == "null" }

func (n *node) describe() string {
	switch n.kind {
	case mapNode:
		return "a map"
	case listNode:
		return "a list"
	}
	switch n.tag {
	case "null":
		return "nothing"
	case "str":
		return strconv.Quote(n.raw)
	}
	return n.raw
}

// value converts the node into plain Go values for templates (.Params).
func (n *node) value() any { return n.plain(templateScalar) }

// plain converts the node into maps, lists, nil and booleans, and its other
// leaves into what scalar makes of them.
func (n *node) plain(scalar func(*node) any) any {
	switch n.kind {
	case mapNode:
		m := make(map[string]any, len(n.keys))
		for i, k := range n.keys {
			m[k] = n.vals[i].plain(scalar)
		}
		return m
	case listNode:
		l := make([]any, len(n.items))
		for i, it := range n.items {
			l[i] = it.plain(scalar)
		}
		return l
	}
	switch n.tag {
	case "null":
		return nil
	case "bool":
		return n.raw == "true"
	}
	return scalar(n)
}

// templateScalar is a leaf as templates get it: numbers as int64 or float64,
// dates as time.Time, anything else as its text.
func templateScalar(n *node) any {
	switch n.tag {
	case "int":
		if v, err := strconv.ParseInt(n.raw, 0, 64); err == nil {
			return v
		}
	case "float":
		if v, err := strconv.ParseFloat(n.raw, 64); err == nil {
			return v
		}
	case "time":
		if t, err := ParseDate(n.raw); err == nil {
			return t
		}
	}
	return n.raw
}

// Budgets on what a front matter may become, whatever its syntax: a small file
// must not cost minutes or gigabytes.
const (
	maxNodes = 100_000 // values, once YAML aliases are expanded
	maxText  = 1 << 20 // bytes of scalar text, likewise
	maxDepth = 64      // nesting of maps and lists
)

// budget counts what a document has become so far.
type budget struct{ nodes, text int }

// spend reports whether a value of n bytes still fits.
func (b *budget) spend(n int) bool {
	b.nodes++
	b.text += n
	return b.nodes <= maxNodes && b.text <= maxText
}

const tooLarge = "front matter is too large once expanded (at most 100,000 values and 1 MB of text)"
const tooDeep = "front matter is nested too deeply (at most 64 levels of maps and lists)"

// parseFrontMatter decodes the source's front matter into a map node.
func parseFrontMatter(s *source) (*node, *diag.Diagnostic) {
	var root *node
	var d *diag.Diagnostic
	switch s.syntax {
	case "yaml":
		root, d = parseYAML(s)
	case "toml":
		root, d = parseTOML(s)
	case "json":
		root, d = parseJSON(s)
	}
	if d != nil {
		return nil, d
	}
	if root == nil || root.isNull() {
		return &node{kind: mapNode, pos: s.top()}, nil
	}
	if root.kind != mapNode {
		return nil, &diag.Diagnostic{Pos: root.pos, Msg: "front matter must be a map of keys to values, not " + root.describe()}
	}
	return root, nil
}
