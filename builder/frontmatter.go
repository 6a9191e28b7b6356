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
	goyaml "github.com/goccy/go-yaml"
	yamlast "github.com/goccy/go-yaml/ast"
	yamlparser "github.com/goccy/go-yaml/parser"
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

// parseYAML reads YAML with yaml.v3, which is about twice as fast as goccy/go-yaml;
// when the YAML is malformed it asks goccy/go-yaml, whose messages carry the right
// line and column (yaml.v3 misplaces some by a line, and gives none for others).
func parseYAML(s *source) (*node, *Diagnostic) {
	var doc yaml.Node
	if err := yaml.Unmarshal(s.fm, &doc); err == nil {
		if len(doc.Content) == 0 {
			return nil, nil
		}
		budget := maxNodes
		return yamlV3Node(s, doc.Content[0], &budget, 0)
	} else if n, d := parseYAMLSlow(s); d != nil || n == nil {
		return n, d
	} else {
		// goccy/go-yaml accepts what yaml.v3 refused: report yaml.v3's words.
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		if rest, ok := strings.CutPrefix(msg, "line "); ok {
			if num, text, ok := strings.Cut(rest, ": "); ok {
				if line, err := strconv.Atoi(num); err == nil {
					return nil, &Diagnostic{Pos: s.fmLineCol(line, 1), Msg: "YAML front matter: " + text}
				}
			}
		}
		return nil, &Diagnostic{Pos: s.top(), Msg: "YAML front matter: " + msg}
	}
}

func yamlV3Node(s *source, y *yaml.Node, budget *int, depth int) (*node, *Diagnostic) {
	*budget--
	if *budget < 0 || depth > 100 {
		return nil, &Diagnostic{Pos: s.fmLineCol(y.Line, y.Column), Msg: "YAML front matter is too large or too deeply nested"}
	}
	n := &node{pos: s.fmLineCol(y.Line, y.Column)}
	switch y.Kind {
	case yaml.AliasNode:
		return yamlV3Node(s, y.Alias, budget, depth+1)
	case yaml.DocumentNode:
		if len(y.Content) == 0 {
			n.tag = "null"
			return n, nil
		}
		return yamlV3Node(s, y.Content[0], budget, depth+1)
	case yaml.MappingNode:
		n.kind = mapNode
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, v := y.Content[i], y.Content[i+1]
			kp := s.fmLineCol(k.Line, k.Column)
			if k.Kind != yaml.ScalarNode {
				return nil, &Diagnostic{Pos: kp, Msg: "YAML front matter: keys must be plain text"}
			}
			if k.ShortTag() == "!!merge" {
				return nil, &Diagnostic{Pos: kp, Msg: "YAML front matter: merge keys (<<) are not supported"}
			}
			if _, prev, dup := n.get(k.Value); dup {
				return nil, &Diagnostic{Pos: kp, Msg: fmt.Sprintf("YAML front matter: mapping key %q already defined at line %d", k.Value, prev.Line)}
			}
			vn, d := yamlV3Node(s, v, budget, depth+1)
			if d != nil {
				return nil, d
			}
			if v.Kind == yaml.ScalarNode && v.ShortTag() == "!!null" && v.Value == "" {
				vn.pos = kp // "key:" with nothing after it
			}
			n.keys = append(n.keys, k.Value)
			n.keyPos = append(n.keyPos, kp)
			n.vals = append(n.vals, vn)
		}
	case yaml.SequenceNode:
		n.kind = listNode
		n.items = make([]*node, 0, len(y.Content))
		for _, c := range y.Content {
			cn, d := yamlV3Node(s, c, budget, depth+1)
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
			n.tag, n.raw = "bool", strconv.FormatBool(strings.EqualFold(y.Value, "true"))
		case "!!int":
			n.tag = "int"
			if v, err := strconv.ParseInt(strings.ReplaceAll(y.Value, "_", ""), 0, 64); err == nil {
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

// parseYAMLSlow reads YAML with goccy/go-yaml, for its precise error positions.
func parseYAMLSlow(s *source) (*node, *Diagnostic) {
	f, err := yamlparser.ParseBytes(s.fm, 0)
	if err != nil {
		var se *goyaml.SyntaxError
		if errors.As(err, &se) && se.Token != nil {
			return nil, &Diagnostic{Pos: s.fmLineCol(se.Token.Position.Line, se.Token.Position.Column), Msg: "YAML front matter: " + se.Message}
		}
		return nil, &Diagnostic{Pos: s.top(), Msg: "YAML front matter: " + err.Error()}
	}
	if len(f.Docs) == 0 || f.Docs[0].Body == nil {
		return nil, nil
	}
	if len(f.Docs) > 1 {
		return nil, &Diagnostic{Pos: s.top(), Msg: "YAML front matter holds more than one document"}
	}
	y := &yamlReader{s: s, anchors: map[string]yamlast.Node{}, budget: maxNodes}
	return y.node(f.Docs[0].Body, 0)
}

type yamlReader struct {
	s       *source
	anchors map[string]yamlast.Node
	budget  int
}

func (y *yamlReader) pos(n yamlast.Node) Pos {
	t := n.GetToken()
	if t == nil || t.Position == nil {
		return y.s.top()
	}
	return y.s.fmLineCol(t.Position.Line, t.Position.Column)
}

func (y *yamlReader) node(yn yamlast.Node, depth int) (*node, *Diagnostic) {
	y.budget--
	if y.budget < 0 || depth > 100 {
		return nil, &Diagnostic{Pos: y.pos(yn), Msg: "YAML front matter is too large or too deeply nested"}
	}
	n := &node{pos: y.pos(yn)}
	switch v := yn.(type) {
	case *yamlast.DocumentNode:
		if v.Body == nil {
			n.tag = "null"
			return n, nil
		}
		return y.node(v.Body, depth+1)
	case *yamlast.AnchorNode:
		y.anchors[v.Name.GetToken().Value] = v.Value
		return y.node(v.Value, depth+1)
	case *yamlast.AliasNode:
		name := v.Value.GetToken().Value
		target, ok := y.anchors[name]
		if !ok {
			return nil, &Diagnostic{Pos: n.pos, Msg: fmt.Sprintf("YAML front matter: alias *%s names no anchor", name)}
		}
		return y.node(target, depth+1)
	case *yamlast.TagNode:
		return y.node(v.Value, depth+1)
	case *yamlast.MappingValueNode:
		return y.mapping([]*yamlast.MappingValueNode{v}, n, depth)
	case *yamlast.MappingNode:
		m, d := y.mapping(v.Values, n, depth)
		if m != nil && v.IsFlowStyle && v.Start != nil && v.Start.Position != nil {
			m.pos = y.s.fmLineCol(v.Start.Position.Line, v.Start.Position.Column)
		}
		return m, d
	case *yamlast.SequenceNode:
		n.kind = listNode
		for _, c := range v.Values {
			cn, d := y.node(c, depth+1)
			if d != nil {
				return nil, d
			}
			n.items = append(n.items, cn)
		}
	case *yamlast.NullNode:
		n.tag = "null"
	case *yamlast.BoolNode:
		n.tag, n.raw = "bool", strconv.FormatBool(v.Value)
	case *yamlast.IntegerNode:
		n.tag, n.raw = "int", fmt.Sprint(v.Value)
	case *yamlast.FloatNode, *yamlast.InfinityNode, *yamlast.NanNode:
		n.tag, n.raw = "float", fmt.Sprint(yn.(yamlast.ScalarNode).GetValue())
	case *yamlast.StringNode:
		n.tag, n.raw = "str", v.Value
	case *yamlast.LiteralNode:
		n.tag, n.raw = "str", v.Value.Value
	case *yamlast.MergeKeyNode:
		return nil, &Diagnostic{Pos: n.pos, Msg: "YAML front matter: merge keys (<<) are not supported"}
	default:
		return nil, &Diagnostic{Pos: n.pos, Msg: fmt.Sprintf("YAML front matter: unexpected %s", yn.Type())}
	}
	return n, nil
}

func (y *yamlReader) mapping(values []*yamlast.MappingValueNode, n *node, depth int) (*node, *Diagnostic) {
	n.kind = mapNode
	if len(values) > 0 {
		n.pos = y.pos(values[0].Key) // goccy places a mapping at its first ':'
	}
	for _, mv := range values {
		if _, ok := mv.Key.(*yamlast.MergeKeyNode); ok {
			return nil, &Diagnostic{Pos: y.pos(mv.Key), Msg: "YAML front matter: merge keys (<<) are not supported"}
		}
		kp := y.pos(mv.Key)
		key, ok := mv.Key.(yamlast.ScalarNode)
		if !ok {
			return nil, &Diagnostic{Pos: kp, Msg: "YAML front matter: keys must be plain text"}
		}
		k := fmt.Sprint(key.GetValue())
		if _, prev, dup := n.get(k); dup {
			return nil, &Diagnostic{Pos: kp, Msg: fmt.Sprintf("key %q is repeated (first at line %d)", k, prev.Line)}
		}
		var vn *node
		if mv.Value == nil {
			vn = &node{pos: kp, tag: "null"}
		} else {
			var d *Diagnostic
			if vn, d = y.node(mv.Value, depth+1); d != nil {
				return nil, d
			}
		}
		n.keys = append(n.keys, k)
		n.keyPos = append(n.keyPos, kp)
		n.vals = append(n.vals, vn)
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
		// The token decoder's offsets drift with its buffering; a plain decode of
		// the same bytes pins a syntax error exactly.
		var v any
		if uerr := json.Unmarshal(s.fm, &v); uerr != nil {
			err = uerr
		}
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
