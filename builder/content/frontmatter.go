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
	return root.plain(jsonScalar).(map[string]any), nil
}

// jsonScalar is a leaf as JSON has it: a number as a json.Number, anything else
// as its text.
func jsonScalar(n *node) any {
	if n.tag == "int" || n.tag == "float" {
		// YAML's .inf and .nan have no JSON spelling; they stay text.
		if _, err := strconv.ParseFloat(n.raw, 64); err == nil && json.Valid([]byte(n.raw)) {
			return json.Number(n.raw)
		}
	}
	return n.raw
}
