package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/playbookhq/playbook/builder/diag"
)

// parseJSON reads JSON front matter with the token decoder, so that every value
// keeps its position.
func parseJSON(s *source) (*node, *diag.Diagnostic) {
	dec := json.NewDecoder(bytes.NewReader(s.fm))
	dec.UseNumber()
	js := &jsonScanner{s: s, dec: dec}
	n, err := js.value(0)
	if err != nil {
		// The token decoder's offsets drift with its buffering; a plain decode of
		// the same bytes pins a syntax error exactly.
		// Our own refusals (nesting, repeated keys) keep their place and words.
		var v any
		var se *json.SyntaxError
		if errors.As(err, &se) || errors.Is(err, io.ErrUnexpectedEOF) {
			if uerr := json.Unmarshal(s.fm, &v); uerr != nil {
				err = uerr
			}
		}
		pos := js.errPos(err)
		if at := tooDeepAt(s.fm); at >= 0 {
			// The decoder reads ahead and may meet its own, larger, limit first.
			err, pos = errTooDeep, s.pos(s.fmStart+at)
		}
		return nil, &diag.Diagnostic{Pos: pos, Msg: "JSON front matter: " + jsonErrorText(err)}
	}
	return n, nil
}

type jsonScanner struct {
	s      *source
	dec    *json.Decoder
	budget budget
}

// start finds the first byte of the next token: the decoder only reports where the
// previous one ended.
func (j *jsonScanner) start() diag.Pos {
	off := int(j.dec.InputOffset())
	for off < len(j.s.fm) && strings.IndexByte(" \t\r\n:,", j.s.fm[off]) >= 0 {
		off++
	}
	return j.s.pos(j.s.fmStart + off)
}

func (j *jsonScanner) errPos(err error) diag.Pos {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return j.s.pos(j.s.fmStart + int(se.Offset) - 1)
	}
	return j.s.pos(j.s.fmStart + int(j.dec.InputOffset()))
}

var errTooDeep = errors.New(tooDeep)
var errTooLarge = errors.New(tooLarge)

func (j *jsonScanner) value(depth int) (*node, error) {
	if depth > maxDepth {
		return nil, errTooDeep
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
	if !j.budget.spend(len(n.raw)) {
		return nil, errTooLarge
	}
	return n, nil
}

// tooDeepAt is the offset of the first bracket of data that opens more than
// maxDepth levels, outside strings, or -1.
func tooDeepAt(data []byte) int {
	depth, inString := 0, false
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case inString:
		case c == '[' || c == '{':
			if depth++; depth > maxDepth+1 {
				return i
			}
		case c == ']' || c == '}':
			depth--
		}
	}
	return -1
}

func jsonErrorText(err error) string {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return "unexpected end of the object"
	}
	return err.Error()
}
