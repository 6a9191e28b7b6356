package content

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	goyaml "github.com/goccy/go-yaml"
	yamlast "github.com/goccy/go-yaml/ast"
	yamlparser "github.com/goccy/go-yaml/parser"
	yamltoken "github.com/goccy/go-yaml/token"

	"github.com/playbookhq/playbook/builder/diag"
)

// parseYAML reads YAML front matter: plain front matter itself (plainYAMLNodes),
// the rest with the full parser.
func parseYAML(s *source) (*node, *diag.Diagnostic) {
	if n, ok := plainYAMLNodes(s); ok {
		return n, nil
	}
	return fullYAML(s)
}

// fullYAML reads YAML front matter with goccy/go-yaml's parser, which places every
// token, and turns its syntax tree into nodes itself: aliases are expanded here,
// within the budget, so that a small file cannot grow into a huge one.
func fullYAML(s *source) (*node, *diag.Diagnostic) {
	f, err := yamlparser.ParseBytes(s.fm, 0)
	if err != nil {
		var se *goyaml.SyntaxError
		if errors.As(err, &se) && se.Token != nil && se.Token.Position != nil {
			if line, col, q, ok := unclosedQuote(s.fm, se.Token.Position.Line); ok {
				// The parser read on to a quote further down and failed there.
				return nil, &diag.Diagnostic{Pos: s.fmLineCol(line, col), Msg: fmt.Sprintf("YAML front matter: a value opened with %c is not closed with %c on the same line", q, q)}
			}
			line, col := se.Token.Position.Line, se.Token.Position.Column
			if l, c, ok := unclosedFlow(s.fm, line, col, ": "); ok && flowEnds[se.Message] {
				line, col = l, c // the parser read on to the keys below a bracket left open
			}
			return nil, &diag.Diagnostic{Pos: s.fmLineCol(line, col), Msg: "YAML front matter: " + plainYAML(se.Message, s.lineOf(s.fmStart))}
		}
		return nil, &diag.Diagnostic{Pos: s.top(), Msg: "YAML front matter: " + err.Error()}
	}
	if len(f.Docs) == 0 || f.Docs[0].Body == nil {
		return nil, nil
	}
	if len(f.Docs) > 1 {
		return nil, &diag.Diagnostic{Pos: s.top(), Msg: "YAML front matter holds more than one document"}
	}
	y := &yamlReader{s: s, anchors: map[string]yamlast.Node{}}
	return y.node(f.Docs[0].Body, 0)
}

type yamlReader struct {
	s       *source
	anchors map[string]yamlast.Node
	budget  budget
}

func (y *yamlReader) pos(n yamlast.Node) diag.Pos {
	t := n.GetToken()
	if t == nil || t.Position == nil {
		return y.s.top()
	}
	return y.s.fmLineCol(t.Position.Line, t.Position.Column)
}

func (y *yamlReader) node(yn yamlast.Node, depth int) (*node, *diag.Diagnostic) {
	n := &node{pos: y.pos(yn)}
	if depth > maxDepth {
		return nil, &diag.Diagnostic{Pos: n.pos, Msg: "YAML " + tooDeep}
	}
	switch v := yn.(type) {
	case *yamlast.DocumentNode:
		if v.Body == nil {
			n.tag = "null"
			return n, nil
		}
		return y.node(v.Body, depth)
	case *yamlast.AnchorNode:
		y.anchors[v.Name.GetToken().Value] = v.Value
		return y.node(v.Value, depth)
	case *yamlast.AliasNode:
		name := v.Value.GetToken().Value
		target, ok := y.anchors[name]
		if !ok {
			return nil, &diag.Diagnostic{Pos: n.pos, Msg: fmt.Sprintf("YAML front matter: alias *%s names no anchor", name)}
		}
		return y.node(target, depth+1)
	case *yamlast.TagNode:
		return y.node(v.Value, depth)
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
		if !y.budget.spend(0) {
			return nil, &diag.Diagnostic{Pos: n.pos, Msg: "YAML " + tooLarge}
		}
		n.items = make([]*node, 0, len(v.Values))
		for _, c := range v.Values {
			cn, d := y.node(c, depth+1)
			if d != nil {
				return nil, d
			}
			n.items = append(n.items, cn)
		}
		return n, nil
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
		if v.Token != nil && v.Token.Type == yamltoken.StringType && looksLikeDate(v.Value) {
			n.tag = "time" // an unquoted date, as YAML's timestamps are
		}
	case *yamlast.LiteralNode:
		n.tag, n.raw = "str", v.Value.Value
	case *yamlast.MergeKeyNode:
		return nil, &diag.Diagnostic{Pos: n.pos, Msg: "YAML front matter: merge keys (<<) are not supported"}
	default:
		return nil, &diag.Diagnostic{Pos: n.pos, Msg: fmt.Sprintf("YAML front matter: unexpected %s", yn.Type())}
	}
	if !y.budget.spend(len(n.raw)) {
		return nil, &diag.Diagnostic{Pos: n.pos, Msg: "YAML " + tooLarge}
	}
	return n, nil
}

func (y *yamlReader) mapping(values []*yamlast.MappingValueNode, n *node, depth int) (*node, *diag.Diagnostic) {
	n.kind = mapNode
	if len(values) > 0 {
		n.pos = y.pos(values[0].Key) // goccy places a mapping at its first ':'
	}
	if !y.budget.spend(0) {
		return nil, &diag.Diagnostic{Pos: n.pos, Msg: "YAML " + tooLarge}
	}
	for _, mv := range values {
		if _, ok := mv.Key.(*yamlast.MergeKeyNode); ok {
			return nil, &diag.Diagnostic{Pos: y.pos(mv.Key), Msg: "YAML front matter: merge keys (<<) are not supported"}
		}
		kp := y.pos(mv.Key)
		key, ok := mv.Key.(yamlast.ScalarNode)
		if !ok {
			return nil, &diag.Diagnostic{Pos: kp, Msg: "YAML front matter: keys must be plain text"}
		}
		k := fmt.Sprint(key.GetValue())
		if _, prev, dup := n.get(k); dup {
			return nil, &diag.Diagnostic{Pos: kp, Msg: fmt.Sprintf("key %q is repeated (first at line %d)", k, prev.Line)}
		}
		var vn *node
		if mv.Value == nil {
			vn = &node{pos: kp, tag: "null"}
		} else {
			var d *diag.Diagnostic
			if vn, d = y.node(mv.Value, depth+1); d != nil {
				return nil, d
			}
			if vn.isNull() {
				if _, empty := mv.Value.(*yamlast.NullNode); empty && mv.Value.GetToken() == nil {
					vn.pos = kp // "key:" with nothing after it
				}
			}
		}
		n.keys = append(n.keys, k)
		n.keyPos = append(n.keyPos, kp)
		n.vals = append(n.vals, vn)
	}
	return n, nil
}

// looksLikeDate reports a YYYY-MM-DD prefix, as YAML's timestamps start.
func looksLikeDate(s string) bool {
	if len(s) < 10 {
		return false
	}
	for i, c := range []byte(s[:10]) {
		switch i {
		case 4, 7:
			if c != '-' {
				return false
			}
		default:
			if c < '0' || c > '9' {
				return false
			}
		}
	}
	return true
}

// unclosedQuote finds a value, on a line before line (from 1), that opens a quote
// not closed before that line: where a parser that failed there went wrong. Text
// in quotes that goes on over lines and closes before line is left alone. It gives
// that value's line and column (from 1) and its quote.
func unclosedQuote(fm []byte, line int) (int, int, byte, bool) {
	lines := strings.Split(string(fm), "\n")
	for n := 0; n < len(lines) && n+1 < line; n++ {
		text := lines[n]
		v := strings.TrimLeft(text, " ")
		if rest, ok := strings.CutPrefix(v, "- "); ok {
			v = strings.TrimLeft(rest, " ")
		}
		if i := strings.Index(v, ": "); i > 0 && v[0] != '"' && v[0] != '\'' {
			v = strings.TrimLeft(v[i+2:], " ")
		}
		if v == "" || (v[0] != '"' && v[0] != '\'') || quoteEnd(v[0], v[1:]) >= 0 {
			continue
		}
		// Where does it close?
		closed := n + 1
		for closed < len(lines) && closed+1 < line && quoteEnd(v[0], lines[closed]) < 0 {
			closed++
		}
		if closed+1 < line {
			n = closed // text over several lines, closed before the failure
			continue
		}
		col := utf8.RuneCountInString(text[:len(text)-len(v)]) + 1
		return n + 1, col, v[0], true
	}
	return 0, 0, 0, false
}

// flowEnds are the parser's messages for a list or map in brackets that does not
// end where it should.
var flowEnds = map[string]bool{
	"',' or ']' must be specified": true, "sequence end token ']' not found": true,
	"',' or '}' must be specified": true, "could not find flow mapping end token '}'": true,
}

// unclosedFlow finds the [ or { of a list or map that a value opens on a line
// before line (of the front matter) and that is still open there, when the
// parser failed at the first thing on that line: it read on into the keys below
// the bracket and failed at one of them, not where the author left it open.
// Keys end with sep: ": " in YAML, "=" in TOML.
func unclosedFlow(fm []byte, line, col int, sep string) (int, int, bool) {
	lines := strings.Split(string(fm), "\n")
	if line < 2 || line > len(lines) || col != len(lines[line-1])-len(strings.TrimLeft(lines[line-1], " "))+1 {
		return 0, 0, false
	}
	for n := 0; n+1 < line; n++ {
		text := lines[n]
		v := strings.TrimLeft(text, " ")
		if rest, ok := strings.CutPrefix(v, "- "); ok {
			v = strings.TrimLeft(rest, " ")
		}
		if i := strings.Index(v, sep); i > 0 && v[0] != '"' && v[0] != '\'' {
			v = strings.TrimLeft(v[i+len(sep):], " ")
		}
		if v == "" || v[0] != '[' && v[0] != '{' {
			continue
		}
		at := utf8.RuneCountInString(text[:len(text)-len(v)]) + 1
		depth, m := flowDepth(0, v), n
		for depth > 0 {
			if m++; m+1 >= line {
				return n + 1, at, true
			}
			depth = flowDepth(depth, lines[m])
		}
		n = m // closed before the failure: go on after it
	}
	return 0, 0, false
}

// flowDepth is how many brackets are open after text, given depth open before
// it: quoted text and comments are skipped, and a bracket that closes the
// outermost ends the count.
func flowDepth(depth int, text string) int {
	for i := 0; i < len(text); i++ {
		switch c := text[i]; c {
		case '[', '{':
			depth++
		case ']', '}':
			if depth--; depth <= 0 {
				return 0
			}
		case '"', '\'':
			if before := strings.TrimRight(text[:i], " "); before != "" && !strings.ContainsRune("[{,:", rune(before[len(before)-1])) {
				continue // an apostrophe in a word
			}
			end := quoteEnd(c, text[i+1:])
			if end < 0 {
				return depth
			}
			i += end + 1
		case '#':
			if i == 0 || text[i-1] == ' ' {
				return depth
			}
		}
	}
	return depth
}

// quoteEnd is where text, inside a quote q, closes it, or -1: a backslash escapes
// in double quotes, a doubled quote is one in single ones.
func quoteEnd[T string | []byte](q byte, v T) int {
	for i := 0; i < len(v); i++ {
		switch {
		case q == '"' && v[i] == '\\':
			i++
		case v[i] != q:
		case q == '\'' && i+1 < len(v) && v[i+1] == '\'':
			i++
		default:
			return i
		}
	}
	return -1
}
