package builder

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	yaml "go.yaml.in/yaml/v3"
)

// node is one front-matter value with its place in the file. YAML, TOML and JSON
// all decode into nodes, so that field decoding and its messages are shared.
type node struct {
	kind nodeKind
	pos  Pos

	// scalars
	tag string // "str", "int", "float", "bool", "null", "time"
	raw string // the scalar as text

	// maps: keys in file order
	keys   []string
	keyPos []Pos
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

func (n *node) get(key string) (*node, Pos, bool) {
	for i, k := range n.keys {
		if k == key {
			return n.vals[i], n.keyPos[i], true
		}
	}
	return nil, Pos{}, false
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
func (n *node) value() any {
	switch n.kind {
	case mapNode:
		m := make(map[string]any, len(n.keys))
		for i, k := range n.keys {
			m[k] = n.vals[i].value()
		}
		return m
	case listNode:
		l := make([]any, len(n.items))
		for i, it := range n.items {
			l[i] = it.value()
		}
		return l
	}
	switch n.tag {
	case "null":
		return nil
	case "bool":
		return n.raw == "true"
	case "int":
		if v, err := strconv.ParseInt(n.raw, 0, 64); err == nil {
			return v
		}
	case "float":
		if v, err := strconv.ParseFloat(n.raw, 64); err == nil {
			return v
		}
	case "time":
		if t, err := parseDate(n.raw); err == nil {
			return t
		}
	}
	return n.raw
}

// maxNodes bounds the size of a front matter once YAML aliases are expanded.
const maxNodes = 100_000

// parseFrontMatter decodes the source's front matter into a map node.
func parseFrontMatter(s *source) (*node, *Diagnostic) {
	var root *node
	var d *Diagnostic
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
		return nil, &Diagnostic{Pos: root.pos, Msg: "front matter must be a map of keys to values, not " + root.describe()}
	}
	return root, nil
}

// YAML

var yamlLineRe = func(msg string) (int, string, bool) {
	// yaml.v3 errors read "yaml: line 3: mapping values are not allowed in this context".
	rest, ok := strings.CutPrefix(msg, "yaml: line ")
	if !ok {
		return 0, strings.TrimPrefix(msg, "yaml: "), false
	}
	num, text, ok := strings.Cut(rest, ": ")
	n, err := strconv.Atoi(num)
	if !ok || err != nil {
		return 0, strings.TrimPrefix(msg, "yaml: "), false
	}
	return n, text, true
}

func parseYAML(s *source) (*node, *Diagnostic) {
	// Tabs may not indent YAML; say so where yaml.v3 would only say "found character".
	var doc yaml.Node
	if err := yaml.Unmarshal(s.fm, &doc); err != nil {
		msg := err.Error()
		var te *yaml.TypeError
		if errors.As(err, &te) && len(te.Errors) > 0 {
			msg = te.Errors[0]
		}
		if line, text, ok := yamlLineRe(msg); ok {
			return nil, &Diagnostic{Pos: s.fmLineCol(line, 1), Msg: "YAML front matter: " + text}
		}
		_, text, _ := yamlLineRe(msg)
		return nil, &Diagnostic{Pos: s.top(), Msg: "YAML front matter: " + text}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, nil
	}
	budget := maxNodes
	return yamlNode(s, doc.Content[0], &budget, 0)
}

func yamlNode(s *source, y *yaml.Node, budget *int, depth int) (*node, *Diagnostic) {
	*budget--
	if *budget < 0 || depth > 100 {
		return nil, &Diagnostic{Pos: s.fmLineCol(y.Line, y.Column), Msg: "YAML front matter is too large or too deeply nested"}
	}
	n := &node{pos: s.fmLineCol(y.Line, y.Column)}
	switch y.Kind {
	case yaml.AliasNode:
		return yamlNode(s, y.Alias, budget, depth+1)
	case yaml.DocumentNode:
		if len(y.Content) == 0 {
			n.tag = "null"
			return n, nil
		}
		return yamlNode(s, y.Content[0], budget, depth+1)
	case yaml.MappingNode:
		n.kind = mapNode
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, v := y.Content[i], y.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				return nil, &Diagnostic{Pos: s.fmLineCol(k.Line, k.Column), Msg: "YAML front matter: keys must be plain text"}
			}
			kp := s.fmLineCol(k.Line, k.Column)
			if k.Value == "<<" && k.Tag == "!!merge" {
				return nil, &Diagnostic{Pos: kp, Msg: "YAML front matter: merge keys (<<) are not supported"}
			}
			if _, prev, dup := n.get(k.Value); dup {
				return nil, &Diagnostic{Pos: kp, Msg: fmt.Sprintf("key %q is repeated (first at line %d)", k.Value, prev.Line)}
			}
			vn, d := yamlNode(s, v, budget, depth+1)
			if d != nil {
				return nil, d
			}
			n.keys = append(n.keys, k.Value)
			n.keyPos = append(n.keyPos, kp)
			n.vals = append(n.vals, vn)
		}
	case yaml.SequenceNode:
		n.kind = listNode
		for _, c := range y.Content {
			cn, d := yamlNode(s, c, budget, depth+1)
			if d != nil {
				return nil, d
			}
			n.items = append(n.items, cn)
		}
	case yaml.ScalarNode:
		n.raw = y.Value
		switch y.ShortTag() {
		case "!!null":
			n.tag = "null"
		case "!!bool":
			n.tag = "bool"
			var b bool
			if y.Decode(&b) == nil {
				n.raw = strconv.FormatBool(b)
			}
		case "!!int":
			n.tag = "int"
			var v int64
			if y.Decode(&v) == nil {
				n.raw = strconv.FormatInt(v, 10)
			}
		case "!!float":
			n.tag = "float"
		case "!!timestamp":
			n.tag = "time"
		default:
			n.tag = "str"
		}
	}
	return n, nil
}

// TOML

func parseTOML(s *source) (*node, *Diagnostic) {
	var m map[string]any
	if _, err := toml.Decode(string(s.fm), &m); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &Diagnostic{Pos: s.fmLineCol(pe.Position.Line, max(pe.Position.Col, 1)), Msg: "TOML front matter: " + pe.Message}
		}
		return nil, &Diagnostic{Pos: s.top(), Msg: "TOML front matter: " + err.Error()}
	}
	positions := tomlPositions(s.fm)
	return tomlNode(s, m, "", positions, s.top()), nil
}

func tomlNode(s *source, v any, path string, positions map[string][2]int, parent Pos) *node {
	p := parent
	if lc, ok := positions[path]; ok {
		p = s.fmLineCol(lc[0], lc[1])
	}
	n := &node{pos: p}
	switch v := v.(type) {
	case map[string]any:
		n.kind = mapNode
		// BurntSushi/toml gives maps without order; file order is the positions' order.
		for _, k := range orderedKeys(v, path, positions) {
			kp := path + "." + k
			if path == "" {
				kp = k
			}
			child := tomlNode(s, v[k], kp, positions, p)
			n.keys = append(n.keys, k)
			n.keyPos = append(n.keyPos, child.pos)
			n.vals = append(n.vals, child)
		}
	case []map[string]any:
		n.kind = listNode
		for i, it := range v {
			n.items = append(n.items, tomlNode(s, it, path+"."+strconv.Itoa(i), positions, p))
		}
	case []any:
		n.kind = listNode
		for i, it := range v {
			n.items = append(n.items, tomlNode(s, it, path+"."+strconv.Itoa(i), positions, p))
		}
	case string:
		n.tag, n.raw = "str", v
	case bool:
		n.tag, n.raw = "bool", strconv.FormatBool(v)
	case int64:
		n.tag, n.raw = "int", strconv.FormatInt(v, 10)
	case float64:
		n.tag, n.raw = "float", strconv.FormatFloat(v, 'g', -1, 64)
	case time.Time:
		n.tag = "time"
		// BurntSushi/toml marks local dates with a zone of that name.
		if v.Location().String() == "date-local" {
			n.raw = v.Format(time.DateOnly)
		} else if strings.HasSuffix(v.Location().String(), "-local") {
			n.raw = v.Format("2006-01-02T15:04:05")
		} else {
			n.raw = v.Format(time.RFC3339)
		}
	default:
		n.tag, n.raw = "str", fmt.Sprint(v)
	}
	return n
}

func orderedKeys(m map[string]any, path string, positions map[string][2]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	at := func(k string) [2]int {
		if path != "" {
			k = path + "." + k
		}
		if lc, ok := positions[k]; ok {
			return lc
		}
		return [2]int{math.MaxInt, 0}
	}
	slices.SortFunc(keys, func(a, b string) int {
		pa, pb := at(a), at(b)
		return cmp.Or(cmp.Compare(pa[0], pb[0]), cmp.Compare(pa[1], pb[1]), cmp.Compare(a, b))
	})
	return keys
}

// JSON

func parseJSON(s *source) (*node, *Diagnostic) {
	dec := json.NewDecoder(bytes.NewReader(s.fm))
	dec.UseNumber()
	js := &jsonScanner{s: s, dec: dec}
	n, err := js.value(0)
	if err != nil {
		return nil, &Diagnostic{Pos: js.errPos(err), Msg: "JSON front matter: " + jsonErrorText(err)}
	}
	return n, nil
}

type jsonScanner struct {
	s   *source
	dec *json.Decoder
}

// start finds the first byte of the next token: the decoder only reports where the
// previous one ended.
func (j *jsonScanner) start() Pos {
	off := int(j.dec.InputOffset())
	for off < len(j.s.fm) && strings.IndexByte(" \t\r\n:,", j.s.fm[off]) >= 0 {
		off++
	}
	return j.s.pos(j.s.fmStart + off)
}

func (j *jsonScanner) errPos(err error) Pos {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return j.s.pos(j.s.fmStart + int(se.Offset) - 1)
	}
	return j.s.pos(j.s.fmStart + int(j.dec.InputOffset()))
}

func (j *jsonScanner) value(depth int) (*node, error) {
	if depth > 100 {
		return nil, errors.New("too deeply nested")
	}
	p := j.start()
	tok, err := j.dec.Token()
	if err != nil {
		return nil, err
	}
	n := &node{pos: p}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			n.kind = mapNode
			for j.dec.More() {
				kp := j.start()
				kt, err := j.dec.Token()
				if err != nil {
					return nil, err
				}
				k := kt.(string)
				if _, prev, dup := n.get(k); dup {
					return nil, fmt.Errorf("key %q is repeated (first at line %d)", k, prev.Line)
				}
				v, err := j.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, k)
				n.keyPos = append(n.keyPos, kp)
				n.vals = append(n.vals, v)
			}
		case '[':
			n.kind = listNode
			for j.dec.More() {
				v, err := j.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.items = append(n.items, v)
			}
		}
		if _, err := j.dec.Token(); err != nil { // the closing delimiter
			return nil, err
		}
	case string:
		n.tag, n.raw = "str", t
	case json.Number:
		n.raw = t.String()
		n.tag = "float"
		if _, err := t.Int64(); err == nil {
			n.tag = "int"
		}
	case bool:
		n.tag, n.raw = "bool", strconv.FormatBool(t)
	case nil:
		n.tag = "null"
	}
	return n, nil
}

func jsonErrorText(err error) string {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return "unexpected end of the object"
	}
	return err.Error()
}
