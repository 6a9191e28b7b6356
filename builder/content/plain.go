package content

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// The YAML and TOML parsers speak of tokens and contexts; an author needs to hear
// what to change. plainYAML and plainTOML say what a parser's message means in the
// words of someone writing front matter, and keep the parser's words for what
// they do not know.

var (
	yamlDefined  = regexp.MustCompile(`^mapping key "([^"]*)" already defined at \[(\d+):\d+\]$`)
	yamlReserved = regexp.MustCompile(`^'(.)' is a reserved character$`)
	tomlStart    = regexp.MustCompile(`^unexpected character U\+[0-9A-F]+ '(.+)' at start of value$`)
	tomlNewline  = regexp.MustCompile(`^expected newline but got U\+[0-9A-F]+ '(.+)'$`)
	tomlKeyStart = regexp.MustCompile(`^invalid character at start of key: U\+[0-9A-F]+ '(.+)'$`)
)

// plainYAML rewrites a YAML parser message; line0 is the file's line of the
// front matter's first line, for the positions messages quote.
func plainYAML(msg string, line0 int) string {
	switch msg {
	case "mapping value is not allowed in this context":
		return `a ": " where a value was expected: put a value holding ": " in quotes, and start each key at the same indent as the others`
	case "sequence end token ']' not found":
		return "a list opened with [ is not closed with ]"
	case "',' or ']' must be specified":
		return "the items of a list in [ ] are separated by commas, and the list ends with ]"
	case "',' or '}' must be specified":
		return "the items of a map in { } are separated by commas, and the map ends with }"
	case "could not find flow mapping end token '}'":
		return "a map opened with { is not closed with }"
	case "could not find end character of double-quoted text":
		return `a value opened with " is not closed with "`
	case "could not find end character of single-quoted text":
		return "a value opened with ' is not closed with '"
	case "tab character cannot use as a map key directly":
		return "a tab indents this line: YAML is indented with spaces"
	case "non-map value is specified":
		return `this line is not "key: value": a list item or text where a key was expected (is it indented under the key above?)`
	case "unexpected key name":
		return "a key where a value was expected"
	}
	if m := yamlDefined.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[2])
		return fmt.Sprintf("key %q is repeated (first at line %d)", m[1], line0+n-1)
	}
	if m := yamlReserved.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("a value cannot start with %s: put it in quotes", m[1])
	}
	return msg
}

// plainTOML rewrites a TOML parser message.
func plainTOML(msg string) string {
	switch msg {
	case "basic strings cannot have new lines":
		return `a value opened with " is not closed with " on the same line`
	case "literal strings cannot have new lines":
		return "a value opened with ' is not closed with ' on the same line"
	case `multiline basic string not terminated by """`:
		return `a value opened with """ is not closed with """`
	case "multiline literal string not terminated by '''":
		return "a value opened with ''' is not closed with '''"
	case "array is incomplete":
		return "a list opened with [ is not closed with ]"
	case "expected ',' or ']' after array value":
		return "the items of a list in [ ] are separated by commas, and the list ends with ]"
	case "inline table is incomplete":
		return "a table opened with { is not closed with }"
	case "expected '=' after key":
		return `a key is followed by = and its value (title = "…"); YAML ("title: …") goes between --- lines`
	case "expected ']' to close table name":
		return "a table name opened with [ is not closed with ]"
	}
	if m := tomlStart.FindStringSubmatch(msg); m != nil {
		if strings.ContainsAny(m[1], "=:") {
			return fmt.Sprintf("%q where a value was expected: write key = value", m[1])
		}
		return fmt.Sprintf(`a value cannot start with %q: text goes in quotes (title = "…")`, m[1])
	}
	if m := tomlNewline.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("%q after the value: one key = value a line, and text in quotes", m[1])
	}
	if m := tomlKeyStart.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("a line starts with %q where a key was expected", m[1])
	}
	return msg
}
