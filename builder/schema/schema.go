// Package schema writes the content model as JSON Schema (draft 2020-12): one
// schema per entry type, judging an entry's front matter as the build reads it
// (package content's FrontMatter gives those values), so that an editor can
// complete and check entries before any build runs.
//
// A schema accepts what the build accepts, as far as JSON Schema can say it: a
// list of one may be the item alone, text may be a number, a duration is minutes
// or "1h30m", a group is 12, "6-12" or {min, max}, a date is YYYY-MM-DD (a real
// day: no 31 April) or RFC 3339. What it cannot say, the build still checks: a
// group whose min is above its max, a duration string over 1,000 hours. References
// name slugs: with the site's slugs given, the referenced type's existing ones as
// an enum (hidden entries included: a reference to one is valid), else any
// well-formed slug. Keys the model does not know are allowed, since templates may
// read them (.Params).
package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/playbookhq/playbook/builder/content"
	"github.com/playbookhq/playbook/builder/model"
)

// Draft is the JSON Schema dialect of every schema.
const Draft = "https://json-schema.org/draft/2020-12/schema"

// Schema is one JSON Schema, its keywords in the order a reader expects.
type Schema struct {
	Schema      string   `json:"$schema,omitempty"`
	Title       string   `json:"title,omitempty"`
	Description string   `json:"description,omitempty"`
	Type        Types    `json:"type,omitempty"`
	Enum        []any    `json:"enum,omitempty"`
	Default     any      `json:"default,omitempty"`
	Pattern     string   `json:"pattern,omitempty"`
	Minimum     *int     `json:"minimum,omitempty"`
	Maximum     *int     `json:"maximum,omitempty"`
	MinItems    int      `json:"minItems,omitempty"`
	Items       *Schema  `json:"items,omitempty"`
	Contains    *Schema  `json:"contains,omitempty"`
	Properties  Props    `json:"properties,omitempty"`
	Required    []string `json:"required,omitempty"`
	// AdditionalProperties is true on every object: keys the model does not know
	// are the author's own.
	AdditionalProperties *bool     `json:"additionalProperties,omitempty"`
	AnyOf                []*Schema `json:"anyOf,omitempty"`
	Not                  *Schema   `json:"not,omitempty"`
}

// Types is the "type" keyword: one name, or several.
type Types []string

func (t Types) MarshalJSON() ([]byte, error) {
	if len(t) == 1 {
		return json.Marshal(t[0])
	}
	return json.Marshal([]string(t))
}

// Prop is one property of an object schema.
type Prop struct {
	Key    string
	Schema *Schema
}

// Props are an object's properties, in the model's order.
type Props []Prop

func (ps Props) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, p := range ps {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(p.Key)
		v, err := json.Marshal(p.Schema)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// Slugs lists the existing slugs of each type, by type name ("insights"); nil
// when there is no site to read them from.
type Slugs map[string][]string

// For returns the schema of an entry of type t.
func For(t *model.Type, slugs Slugs) *Schema {
	s := object(t.AllFields(), slugs)
	s.Schema = Draft
	s.Title = t.One
	s.Description = t.Doc
	return s
}

// Site returns the schema of the site settings, content/_index.md.
func Site() *Schema {
	s := object(model.SiteSettings, nil)
	s.Schema = Draft
	s.Title = "Site settings"
	s.Description = "The front matter of content/_index.md: the playbook's name and how it is published."
	return s
}

// JSON encodes a schema as the file `playbook schema` writes.
func (s *Schema) JSON() []byte {
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		panic(err) // a Schema holds only strings, numbers and schemas
	}
	return append(data, '\n')
}

var yes = true

func object(fs []model.Field, slugs Slugs) *Schema {
	s := &Schema{Type: Types{"object"}, AdditionalProperties: &yes}
	for _, f := range fs {
		s.Properties = append(s.Properties, Prop{f.Key, field(f, slugs)})
		if f.Required {
			s.Required = append(s.Required, f.Key)
		}
	}
	return s
}

// field is the schema of one key. A key given no value (null) counts as missing:
// allowed unless the key is required.
func field(f model.Field, slugs Slugs) *Schema {
	s := value(f, slugs)
	s.Title, s.Description = f.Label, f.Doc
	switch {
	case f.Default == "":
	case f.Kind == model.Bool:
		s.Default = f.Default == "true"
	default:
		s.Default = f.Default
	}
	if !f.Required {
		nullable(s)
	}
	return s
}

func nullable(s *Schema) {
	switch {
	case len(s.AnyOf) > 0:
		s.AnyOf = append(s.AnyOf, &Schema{Type: Types{"null"}})
	case s.Enum != nil:
		s.Enum = append(s.Enum, nil)
	case s.Type != nil:
		s.Type = append(s.Type, "null")
	}
}

// scalar is any value the build reads as text: a string, a number, true or false.
func scalar() *Schema { return &Schema{Type: Types{"string", "number", "boolean"}} }

// filled is a scalar that is not blank.
func filled() *Schema {
	return &Schema{AnyOf: []*Schema{{Type: Types{"string"}, Pattern: `\S`}, {Type: Types{"number", "boolean"}}}}
}

func value(f model.Field, slugs Slugs) *Schema {
	switch f.Kind {
	case model.Text:
		if f.Required {
			return filled()
		}
		return scalar()
	case model.List:
		// Blank items are dropped; a required list needs one that is not.
		if f.Required {
			return &Schema{AnyOf: append(filled().AnyOf, &Schema{Type: Types{"array"}, Items: scalar(), Contains: filled()})}
		}
		return &Schema{Type: Types{"string", "number", "boolean", "array"}, Items: scalar()}
	case model.Ref:
		return slug(f.Ref, slugs)
	case model.Refs:
		list := &Schema{Type: Types{"array"}, Items: slug(f.Ref, slugs)}
		if f.Required {
			list.MinItems = 1
		}
		return &Schema{AnyOf: []*Schema{slug(f.Ref, slugs), list}}
	case model.Date:
		return &Schema{Type: Types{"string"}, Pattern: datePattern}
	case model.Bool:
		return &Schema{Type: Types{"boolean"}}
	case model.Int:
		return integer(f.Min, f.Max)
	case model.Duration:
		return &Schema{AnyOf: []*Schema{
			{Type: Types{"integer"}, Minimum: ptr(1), Maximum: ptr(maxMinutes)},
			{Type: Types{"string"}, Pattern: durationPattern, Not: &Schema{Pattern: `^[^1-9]*$`}},
		}}
	case model.Enum:
		return &Schema{Enum: values(f.Values)}
	case model.Enums:
		list := &Schema{Type: Types{"array"}, Items: &Schema{Enum: values(f.Values)}}
		if f.Required {
			list.MinItems = 1
		}
		return &Schema{AnyOf: []*Schema{{Enum: values(f.Values)}, list}}
	case model.Objects:
		item := object(f.Item, slugs)
		return &Schema{Type: Types{"array"}, Items: item}
	case model.Group:
		bound := integer(1, 0)
		nullable(bound)
		return &Schema{AnyOf: []*Schema{
			{Type: Types{"integer"}, Minimum: ptr(1)},
			{Type: Types{"string"}, Pattern: groupPattern},
			{Type: Types{"object"}, AdditionalProperties: &yes, Properties: Props{{"min", bound}, {"max", bound}}},
		}}
	case model.Paths:
		path := &Schema{Type: Types{"string"}, Pattern: pathPattern, Not: &Schema{AnyOf: []*Schema{
			{Pattern: `://|\.\.`},
			{Pattern: homePattern},
		}}}
		return &Schema{AnyOf: []*Schema{path, {Type: Types{"array"}, Items: path}}}
	}
	panic(fmt.Sprintf("schema: no schema for a %s", f.Kind))
}

// slug is a reference to an entry of type typ: one of its slugs when they are
// known, else any well-formed slug.
func slug(typ string, slugs Slugs) *Schema {
	if slugs == nil {
		return &Schema{Type: Types{"string"}, Pattern: slugPattern}
	}
	known := slugs[typ]
	if len(known) == 0 {
		// No entry of the type yet: no reference can be right.
		return &Schema{Type: Types{"string"}, Pattern: slugPattern, Not: &Schema{}}
	}
	return &Schema{Type: Types{"string"}, Enum: values(known)}
}

func values(l []string) []any {
	out := make([]any, len(l))
	for i, v := range l {
		out[i] = v
	}
	return out
}

func ptr(i int) *int { return &i }

// integer is a whole number from lo to hi (hi 0: no bound). The build reads digits
// in a string too ("3"), so a string of digits in range is one as well.
func integer(lo, hi int) *Schema {
	n := &Schema{Type: Types{"integer"}, Minimum: ptr(lo)}
	if hi != 0 {
		n.Maximum = ptr(hi)
	}
	return &Schema{AnyOf: []*Schema{n, {Type: Types{"string"}, Pattern: intPattern(lo, hi)}}}
}

// intPattern matches the strings strconv.Atoi reads as a number from lo to hi,
// around spaces: exactly, for the ranges of the model (a few values, or from 0 or
// 1 up); for any other range, every whole number.
func intPattern(lo, hi int) string {
	zero := ""
	if lo <= 0 {
		zero = "|-0+"
	}
	switch {
	case hi != 0 && hi-lo <= 20 && lo >= 0:
		alts := make([]string, 0, hi-lo+1)
		for v := lo; v <= hi; v++ {
			alts = append(alts, strconv.Itoa(v))
		}
		if lo == 0 {
			alts[0] = "0" // 0+ with the leading zeros below
		}
		return `^\s*(\+?0*(` + strings.Join(alts, "|") + `)` + zero + `)\s*$`
	case hi == 0 && lo == 0:
		return `^\s*(\+?\d+|-0+)\s*$`
	case hi == 0 && lo == 1:
		return `^\s*\+?0*[1-9]\d*\s*$`
	}
	return `^\s*[+-]?\d+\s*$`
}

// maxMinutes is the longest duration the build takes: 1,000 hours.
const maxMinutes = 60_000

var (
	slugPattern = `^[a-z0-9]+(-[a-z0-9]+)*$`

	// A date as content.ParseDate reads it: YYYY-MM-DD from the year 0001, a day
	// that exists (29 February in leap years only), and optionally a time: RFC
	// 3339 with T, or spaces, then an offset or Z or nothing, or Go's own
	// "-0700 MST". (Go takes offsets up to 24 hours and 60 minutes.)
	year     = `(000[1-9]|00[1-9]\d|0[1-9]\d\d|[1-9]\d\d\d)`
	leapYear = `(\d\d(0[48]|[2468][048]|[13579][26])|(0[48]|[2468][048]|[13579][26])00)`
	monthDay = `((0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31)`
	clock    = `([01]\d|2[0-3]):[0-5]\d:[0-5]\d([.,]\d+)?`
	zoneHour = `[+-]([01]\d|2[0-4])`
	zoneMin  = `([0-5]\d|60)`

	datePattern = `^\s*(` + year + `-` + monthDay + `|` + leapYear + `-02-29)` +
		`((T| +)` + clock + `(Z|` + zoneHour + `:` + zoneMin + `)?| +` + clock + ` +` + zoneHour + zoneMin + ` +[A-Z]{3,5})?\s*$`

	// A duration as content.ParseDuration reads it: minutes, or numbers with
	// units (h, hr, hrs, hour, hours; m, min, mins, minute, minutes, in any case),
	// spaces between them allowed.
	unit            = `([hH]([rR][sS]?|[oO][uU][rR][sS]?)?|[mM]([iI][nN]([uU][tT][eE])?[sS]?)?)`
	durationPattern = `^\s*(\+?0*\d{1,18}|\d+ *` + unit + `( *\d+ *` + unit + `)*)\s*$`

	// A group as text: "12" or "6-12", the first number at least 1.
	groupPattern = `^\s*\+?0*[1-9]\d*\s*(-\s*[+-]?\d+\s*)?$`

	// An alias: a site path, without a scheme, "..", ?, #, %, \, spaces or
	// control characters; homePattern is one that names the home page.
	pathPattern = `^\s*[^?#%\\ \t\x00-\x1f\x7f-\x9f]+\s*$`
	homePattern = `^\s*[/.]*(index\.html)?\s*$`
)

// SlugsOf lists the slugs of the entries among docs by type, each list sorted:
// every entry counts, drafts and hidden ones too, since a reference to one is valid.
func SlugsOf(docs []*content.Doc) Slugs {
	out := Slugs{}
	for _, t := range model.Types {
		out[t.Name] = []string{}
	}
	seen := map[string]bool{}
	for _, d := range docs {
		if d.Role == content.Entry && content.ValidSlug(d.Slug) && !seen[d.ID] {
			seen[d.ID] = true
			out[d.Type.Name] = append(out[d.Type.Name], d.Slug)
		}
	}
	for _, l := range out {
		slices.Sort(l)
	}
	return out
}

// Pattern is the regular expression (in the syntax JSON Schema and JavaScript
// share) that a value of kind k written as text must match: for dates,
// durations, group sizes and aliases; "" for other kinds. The editing forms check
// with it too.
func Pattern(k model.Kind) string {
	switch k {
	case model.Date:
		return datePattern
	case model.Duration:
		return durationPattern
	case model.Group:
		return groupPattern
	case model.Paths:
		return pathPattern
	}
	return ""
}
