package sitegen

import (
	"strconv"
	"strings"
)

// appendIndex writes content/_index.md: the site settings and the home introduction.
func (s *site) appendIndex(b []byte) []byte {
	b = append(b, "---\n"...)
	b = appendYAML(b, []field{
		{"title", "Bench Playbook"},
		{"description", "A generated playbook for benchmarks and scale tests."},
		{"baseURL", "https://bench.example.org/"},
		{"organisation", "Example Org"},
	}, 0)
	b = append(b, "---\n\n"...)
	return append(b, "This playbook was generated for benchmarks and scale tests. It holds "+
		strconv.Itoa(len(s.entries))+" entries: insights about our customers, the analogies "+
		"that mirror them, the experiences built on those analogies and the sessions that ran them.\n"...)
}

// appendEntry writes one playbook entry: front matter in the entry's format, then body.
func (s *site) appendEntry(b []byte, e *entry) []byte {
	switch e.format {
	case fmtTOML:
		b = append(b, "+++\n"...)
		b = appendTOML(b, e.fields)
		b = append(b, "+++\n\n"...)
	case fmtJSON:
		b = appendJSON(b, obj(e.fields), 0)
		b = append(b, "\n\n"...)
	default:
		b = append(b, "---\n"...)
		b = appendYAML(b, e.fields, 0)
		b = append(b, "---\n\n"...)
	}
	return s.appendBody(b, e, appendWikilink)
}

// appendQuoted quotes s so that the result is a valid JSON string, YAML double-quoted
// scalar and TOML basic string alike.
func appendQuoted(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, '\\', 'n')
		case c == '\t':
			b = append(b, '\\', 't')
		case c < 0x20 || c == 0x7f:
			b = append(b, `\u00`...)
			b = append(b, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

func indent(b []byte, n int) []byte {
	for range n {
		b = append(b, ' ')
	}
	return b
}

// YAML 1.1 reads these plain scalars as booleans or null.
var yamlReserved = map[string]bool{
	"y": true, "yes": true, "n": true, "no": true, "true": true, "false": true,
	"on": true, "off": true, "null": true,
}

// yamlPlain reports whether s can be written as a plain YAML scalar and read back as
// the same string, by any YAML 1.1 or 1.2 parser, in block context.
func yamlPlain(s string) bool {
	if s == "" || !isLetter(s[0]) || s[len(s)-1] == ' ' || yamlReserved[strings.ToLower(s)] {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isLetter(c) && !(c >= '0' && c <= '9') && !strings.ContainsRune(" '.-?", rune(c)) {
			return false
		}
	}
	return true
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// yamlFlow reports whether a list of strings reads well as a flow sequence.
func yamlFlow(list []string) bool {
	n := 0
	for _, s := range list {
		if !yamlPlain(s) || strings.ContainsAny(s, "'.?") || strings.ToLower(s) != s {
			return false
		}
		n += len(s) + 2
	}
	return n <= 60
}

func appendYAMLScalar(b []byte, v any) []byte {
	switch v := v.(type) {
	case string:
		if yamlPlain(v) {
			return append(b, v...)
		}
		return appendQuoted(b, v)
	case int:
		return strconv.AppendInt(b, int64(v), 10)
	case date:
		return append(b, v...)
	}
	panic("sitegen: not a scalar")
}

func appendYAML(b []byte, fs []field, ind int) []byte {
	for _, f := range fs {
		b = appendYAMLField(b, f, ind, true)
	}
	return b
}

// appendYAMLField writes key and value at indentation ind; pad false means the
// indentation is already written (the first key of a list item, after "- ").
func appendYAMLField(b []byte, f field, ind int, pad bool) []byte {
	if pad {
		b = indent(b, ind)
	}
	b = append(b, f.key...)
	b = append(b, ':')
	switch v := f.val.(type) {
	case []string:
		if yamlFlow(v) {
			b = append(b, " ["...)
			for i, s := range v {
				if i > 0 {
					b = append(b, ", "...)
				}
				b = append(b, s...)
			}
			return append(b, "]\n"...)
		}
		b = append(b, '\n')
		for _, s := range v {
			b = indent(b, ind+2)
			b = append(b, "- "...)
			b = appendYAMLScalar(b, s)
			b = append(b, '\n')
		}
		return b
	case obj:
		b = append(b, '\n')
		return appendYAML(b, v, ind+2)
	case []obj:
		b = append(b, '\n')
		for _, o := range v {
			b = indent(b, ind+2)
			b = append(b, "- "...)
			for i, f := range o {
				b = appendYAMLField(b, f, ind+4, i > 0)
			}
		}
		return b
	default:
		b = append(b, ' ')
		b = appendYAMLScalar(b, v)
		return append(b, '\n')
	}
}

// appendTOML writes keys with simple values first, then [table] and [[array]] tables,
// which TOML requires to come last. Dates are quoted strings.
func appendTOML(b []byte, fs []field) []byte {
	b = appendTOMLKeys(b, fs)
	for _, f := range fs {
		switch v := f.val.(type) {
		case obj:
			b = append(b, "\n["...)
			b = append(b, f.key...)
			b = append(b, "]\n"...)
			b = appendTOMLKeys(b, v)
		case []obj:
			for _, o := range v {
				b = append(b, "\n[["...)
				b = append(b, f.key...)
				b = append(b, "]]\n"...)
				b = appendTOMLKeys(b, o)
			}
		}
	}
	return b
}

func appendTOMLKeys(b []byte, fs []field) []byte {
	for _, f := range fs {
		switch v := f.val.(type) {
		case string:
			b = appendTOMLKey(b, f.key)
			b = appendQuoted(b, v)
		case date:
			b = appendTOMLKey(b, f.key)
			b = appendQuoted(b, string(v))
		case int:
			b = appendTOMLKey(b, f.key)
			b = strconv.AppendInt(b, int64(v), 10)
		case []string:
			b = appendTOMLKey(b, f.key)
			b = append(b, '[')
			for i, s := range v {
				if i > 0 {
					b = append(b, ", "...)
				}
				b = appendQuoted(b, s)
			}
			b = append(b, ']')
		default:
			continue
		}
		b = append(b, '\n')
	}
	return b
}

func appendTOMLKey(b []byte, k string) []byte {
	b = append(b, k...)
	return append(b, " = "...)
}

// appendJSON writes v indented by two spaces; the closing brace of the top level
// object is alone on its line, as front matter requires.
func appendJSON(b []byte, v any, ind int) []byte {
	switch v := v.(type) {
	case string:
		return appendQuoted(b, v)
	case date:
		return appendQuoted(b, string(v))
	case int:
		return strconv.AppendInt(b, int64(v), 10)
	case []string:
		b = append(b, '[')
		for i, s := range v {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = appendQuoted(b, s)
		}
		return append(b, ']')
	case obj:
		b = append(b, "{\n"...)
		for i, f := range v {
			b = indent(b, ind+2)
			b = appendQuoted(b, f.key)
			b = append(b, ": "...)
			b = appendJSON(b, f.val, ind+2)
			if i < len(v)-1 {
				b = append(b, ',')
			}
			b = append(b, '\n')
		}
		b = indent(b, ind)
		return append(b, '}')
	case []obj:
		b = append(b, "[\n"...)
		for i, o := range v {
			b = indent(b, ind+2)
			b = appendJSON(b, o, ind+2)
			if i < len(v)-1 {
				b = append(b, ',')
			}
			b = append(b, '\n')
		}
		b = indent(b, ind)
		return append(b, ']')
	}
	panic("sitegen: unexpected value")
}
