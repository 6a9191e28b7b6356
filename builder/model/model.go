// Package model is the content model of a playbook, declared once as data: the
// entry types, the front-matter fields of each (their kinds, allowed values,
// whether they are required or recommended, the entries they reference, the shape
// of list items) and a description of each for people.
//
// Everything that knows the model is made from this package: the validator that
// reads front matter (package content), the field tables of docs/reference.md, the
// files `playbook new` writes, the JSON Schema of `playbook schema` and the
// editing forms of /admin/. Their tests compare them with it.
package model

import "strings"

// Kind is what a field holds.
type Kind uint8

const (
	Text     Kind = iota // a line of text
	List                 // a list of texts; a single text counts as a list of one
	Ref                  // the slug of an entry of type Field.Ref
	Refs                 // a list of such slugs; a single slug counts as a list of one
	Date                 // YYYY-MM-DD, or RFC 3339
	Bool                 // true or false
	Int                  // a whole number from Field.Min to Field.Max
	Duration             // minutes as a positive number, or "90m", "1h30m", "2h"
	Enum                 // one of Field.Values
	Enums                // a list of Field.Values; a single value counts as a list of one
	Objects              // a list of maps, each with the fields Field.Item
	Group                // participants: a number, a range "6-12", or {min, max}
	Paths                // a list of site paths ("/old/path/"), for aliases
)

var kindNames = [...]string{"text", "list of text", "slug", "list of slugs", "date", "true or false",
	"whole number", "duration", "one of", "list of", "list of maps", "group size", "list of paths"}

func (k Kind) String() string { return kindNames[k] }

// Field is one front-matter key.
type Field struct {
	Key      string
	Kind     Kind
	Label    string   // how a form labels it: "Customer"
	Doc      string   // what it is for, in a sentence, for people
	Required bool     // an error when missing (or empty, for texts and lists)
	Values   []string // Enum and Enums: the allowed values, in their natural order
	Default  string   // Enum, Text and Bool: the value when the key is missing
	Min, Max int      // Int: the allowed range (Max 0: no upper bound)
	Ref      string   // Ref and Refs: the type whose slugs it names ("insights")
	Item     []Field  // Objects: the fields of each item
	Lines    bool     // Text: a paragraph rather than a line, given a text area in forms

	// Recommended fields are shown to authors as worth filling in. Missing, when
	// set, is what the build warns when the field is missing: "no summary: " and
	// then Missing.
	Recommended bool
	Missing     string

	// New is the value `playbook new` writes for the field, as YAML ("" leaves the
	// field out unless it is required, when an empty value is written for the
	// author to fill in: the first build then names the line).
	New string
	// Note is the comment `playbook new` writes after the field.
	Note string
}

// Type is a kind of entry, named after its folder under content/.
type Type struct {
	Name     string // folder and URL segment: "insights"
	Singular string // "insight"
	Title    string // "Insights"
	One      string // "Insight"
	Step     int    // 1 to 4 in the method; 0 for pages
	Verb     string // the step's name on the home page: "Gather insights"
	Doc      string // what an entry of the type records
	// Fields are the type's own keys, then the common ones it changes (a session's
	// date is required).
	Fields []Field
}

// Field returns the type's field key: its own, or else the common one.
func (t *Type) Field(key string) (Field, bool) {
	for _, f := range t.Fields {
		if f.Key == key {
			return f, true
		}
	}
	for _, f := range Common {
		if f.Key == key {
			return f, true
		}
	}
	return Field{}, false
}

// AllFields lists every key an entry of the type accepts: the common keys first
// (as the type changes them), then its own, in the order of the model.
func (t *Type) AllFields() []Field {
	out := make([]Field, 0, len(Common)+len(t.Fields))
	own := map[string]bool{}
	for _, f := range t.Fields {
		own[f.Key] = true
	}
	for _, c := range Common {
		if own[c.Key] {
			f, _ := t.Field(c.Key)
			out = append(out, f)
			continue
		}
		out = append(out, c)
	}
	for _, f := range t.Fields {
		if !isCommon(f.Key) {
			out = append(out, f)
		}
	}
	return out
}

func isCommon(key string) bool {
	for _, c := range Common {
		if c.Key == key {
			return true
		}
	}
	return false
}

// Named finds a type by its folder name or its singular.
func Named(name string) *Type {
	for _, t := range Types {
		if t.Name == name || t.Singular == name {
			return t
		}
	}
	return nil
}

// Values of the enumerations, for the code that treats them specially.
var (
	InsightKinds    = []string{"broken", "frustrating", "surprising", "uncomfortable"}
	Confidences     = []string{"low", "medium", "high"}
	AnalogyStatuses = []string{"candidate", "chosen", "set-aside"}
	Formats         = []string{"make", "build", "simulate", "act-out", "play"}
	Difficulties    = []string{"easy", "moderate", "hard"}
	Settings        = []string{"in-person", "remote", "hybrid"}
	ActionStatuses  = []string{"open", "doing", "done"}
	ShareStatuses   = []string{"planned", "done"}
	Visibilities    = []string{"public", "company", "team"}
	CMSBackends     = []string{"git-gateway", "github"}
)

// QuoteList reads "a, b or c".
func QuoteList(allowed []string) string {
	if len(allowed) == 1 {
		return allowed[0]
	}
	return strings.Join(allowed[:len(allowed)-1], ", ") + " or " + allowed[len(allowed)-1]
}
