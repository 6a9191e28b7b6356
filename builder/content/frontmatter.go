package content

import (
	"encoding/json"
	"strconv"

	"github.com/playbookhq/playbook/builder/diag"
)

// FrontMatter returns the front matter of a content file (file names it in
// messages) as the JSON values that the fields are read from, whatever its syntax:
// what a JSON Schema of its type judges. Text is a string, a number a json.Number
// (spelt as the build reads it: YAML's 3.0 is 3), true and false are booleans, a
// date is the text written (TOML's native dates and YAML's unquoted ones alike,
// with a TOML space between date and time read as T), maps and lists are
// map[string]any and []any.
func FrontMatter(file string, data []byte) (map[string]any, *diag.Diagnostic) {
	s, problem := splitSource(file, data)
	if problem != nil {
		return nil, problem
	}
	root, problem := parseFrontMatter(s)
	if problem != nil {
		return nil, problem
	}
	return root.jsonValue().(map[string]any), nil
}

func (n *node) jsonValue() any {
	switch n.kind {
	case mapNode:
		m := make(map[string]any, len(n.keys))
		for i, k := range n.keys {
			m[k] = n.vals[i].jsonValue()
		}
		return m
	case listNode:
		l := make([]any, len(n.items))
		for i, it := range n.items {
			l[i] = it.jsonValue()
		}
		return l
	}
	switch n.tag {
	case "null":
		return nil
	case "bool":
		return n.raw == "true"
	case "int", "float":
		// YAML's .inf and .nan have no JSON spelling; they stay text.
		if _, err := strconv.ParseFloat(n.raw, 64); err == nil && json.Valid([]byte(n.raw)) {
			return json.Number(n.raw)
		}
	}
	return n.raw
}
