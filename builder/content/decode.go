package content

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"time"

	"github.com/playbookhq/playbook/builder/diag"
	"github.com/playbookhq/playbook/builder/model"
)

// The model's keys are bound, once, to the fields of the Go values that hold them:
// each field of Doc (and of its list items) tagged `key:"name"`. A model key
// without a field of the right Go type for its kind stops the program at start,
// and TestModelBindings lists them all.

// binding is where one model field's value goes.
type binding struct {
	field model.Field
	index []int        // in the struct that holds it
	item  []binding    // Objects: the item's fields
	elem  reflect.Type // Objects: the item's type
	pos   []int        // Objects: the item's Pos field, if it has one
}

var (
	typeBindings    = map[*model.Type][]binding{}
	sectionBindings []binding
	settingsBinding []binding
)

func init() {
	docType := reflect.TypeFor[Doc]()
	for _, t := range model.Types {
		typeBindings[t] = mustBind(docType, t.AllFields())
	}
	sectionBindings = mustBind(docType, model.SectionFields)
	settingsBinding = mustBind(reflect.TypeFor[Settings](), model.SiteSettings)
}

func mustBind(st reflect.Type, fs []model.Field) []binding {
	b, err := bind(st, fs)
	if err != nil {
		panic(err)
	}
	return b
}

// goTypes are the Go types that hold each kind.
var goTypes = map[model.Kind][]reflect.Type{
	model.Text:     {reflect.TypeFor[string]()},
	model.List:     {reflect.TypeFor[[]string]()},
	model.Ref:      {reflect.TypeFor[Ref]()},
	model.Refs:     {reflect.TypeFor[[]Ref]()},
	model.Date:     {reflect.TypeFor[time.Time]()},
	model.Bool:     {reflect.TypeFor[bool]()},
	model.Int:      {reflect.TypeFor[int]()},
	model.Duration: {reflect.TypeFor[Duration]()},
	model.Enum:     {reflect.TypeFor[string](), reflect.TypeFor[Visibility]()},
	model.Enums:    {reflect.TypeFor[[]string]()},
	model.Group:    {reflect.TypeFor[Group]()},
	model.Paths:    {reflect.TypeFor[[]string]()},
}

func bind(st reflect.Type, fs []model.Field) ([]binding, error) {
	out := make([]binding, 0, len(fs))
	for _, f := range fs {
		sf, ok := taggedField(st, f.Key)
		if !ok {
			return nil, fmt.Errorf("content: model key %q has no field tagged key:%q in %s", f.Key, f.Key, st)
		}
		b := binding{field: f, index: sf.Index}
		if f.Kind == model.Objects {
			if sf.Type.Kind() != reflect.Slice || sf.Type.Elem().Kind() != reflect.Struct {
				return nil, fmt.Errorf("content: model key %q is a list of maps, but %s.%s is a %s", f.Key, st, sf.Name, sf.Type)
			}
			b.elem = sf.Type.Elem()
			item, err := bind(b.elem, f.Item)
			if err != nil {
				return nil, err
			}
			b.item = item
			if p, ok := b.elem.FieldByName("Pos"); ok && p.Type == reflect.TypeFor[diag.Pos]() {
				b.pos = p.Index
			}
		} else if !typeIn(sf.Type, goTypes[f.Kind]) {
			return nil, fmt.Errorf("content: model key %q is a %s, but %s.%s is a %s", f.Key, f.Kind, st, sf.Name, sf.Type)
		}
		out = append(out, b)
	}
	return out, nil
}

func typeIn(t reflect.Type, l []reflect.Type) bool {
	for _, x := range l {
		if t == x {
			return true
		}
	}
	return false
}

// taggedField finds the field tagged with key, in st or a struct embedded in it.
func taggedField(st reflect.Type, key string) (reflect.StructField, bool) {
	for i := range st.NumField() {
		sf := st.Field(i)
		if sf.Tag.Get("key") == key {
			return sf, true
		}
		if sf.Anonymous && sf.Type.Kind() == reflect.Struct {
			if inner, ok := taggedField(sf.Type, key); ok {
				inner.Index = append([]int{i}, inner.Index...)
				return inner, true
			}
		}
	}
	return reflect.StructField{}, false
}

// decode reads every bound key of m into v (a struct value), reporting problems.
func decode(f fields, bs []binding, v reflect.Value) {
	for _, b := range bs {
		fv := v.FieldByIndex(b.index)
		fd := b.field
		switch fd.Kind {
		case model.Text:
			fv.SetString(f.text(fd.Key, fd.Required))
		case model.List:
			fv.Set(reflect.ValueOf(f.list(fd.Key, fd.Required)))
		case model.Ref:
			fv.Set(reflect.ValueOf(f.ref(fd.Key)))
		case model.Refs:
			fv.Set(reflect.ValueOf(f.refs(fd.Key, fd.Required)))
		case model.Date:
			fv.Set(reflect.ValueOf(f.date(fd.Key, fd.Required)))
		case model.Bool:
			fv.SetBool(f.boolean(fd.Key, fd.Default == "true"))
		case model.Int:
			hi := fd.Max
			if hi == 0 {
				hi = maxInt
			}
			fv.SetInt(int64(f.integer(fd.Key, fd.Min, hi)))
		case model.Duration:
			fv.SetInt(int64(f.duration(fd.Key, fd.Required)))
		case model.Enum:
			s := f.enum(fd.Key, fd.Values, fd.Default, fd.Required)
			if fv.Type() == reflect.TypeFor[Visibility]() {
				vis, _ := ParseVisibility(s)
				fv.Set(reflect.ValueOf(vis))
			} else {
				fv.SetString(s)
			}
		case model.Enums:
			fv.Set(reflect.ValueOf(f.enumList(fd.Key, fd.Values, fd.Required)))
		case model.Group:
			fv.Set(reflect.ValueOf(f.group(fd.Key)))
		case model.Paths:
			paths, _ := f.paths(fd.Key)
			fv.Set(reflect.ValueOf(paths))
		case model.Objects:
			var items reflect.Value
			f.objects(fd.Key, func(item fields, at diag.Pos) {
				if !items.IsValid() {
					items = reflect.MakeSlice(fv.Type(), 0, 4)
				}
				e := reflect.New(b.elem).Elem()
				decode(item, b.item, e)
				if b.pos != nil {
					e.FieldByIndex(b.pos).Set(reflect.ValueOf(at))
				}
				items = reflect.Append(items, e)
			})
			if items.IsValid() {
				fv.Set(items)
			}
		}
	}
}

// decodeFields fills the document's typed fields from its front matter.
// bindingsOf are the fields a document's front matter is read into: its type's,
// or a section's (a home page's too).
func bindingsOf(d *Doc) []binding {
	if d.Role == Entry {
		return typeBindings[d.Type]
	}
	return sectionBindings
}

func decodeFields(d *Doc, m *node) {
	f := fields{m: m, top: d.Top, diags: &d.Diags}
	bs := bindingsOf(d)
	known := make(map[string]int, len(bs))
	names := make([]string, 0, len(bs))
	for i, b := range bs {
		known[b.field.Key] = i
		names = append(names, b.field.Key)
	}
	d.keyPos = make([]keyAt, 0, len(m.keys))
	for i, k := range m.keys {
		p := m.vals[i].pos
		field, ok := known[k]
		if ok && field <= math.MaxUint8 {
			d.keyPos = append(d.keyPos, keyAt{line: uint32(p.Line), col: uint16(min(p.Col, math.MaxUint16)), field: uint8(field)})
		}
		if !ok {
			if d.Params == nil {
				d.Params = map[string]any{}
			}
			d.Params[k] = m.vals[i].value()
			// A key of one's own is kept for templates; one a slip away from a
			// field of the type is most likely that field, misspelt.
			if near := Nearest(k, names); near != "" {
				d.Diags.Warnf(m.keyPos[i], "unknown field %q; did you mean %q?", k, near)
			}
		}
	}
	decode(f, bs, reflect.ValueOf(d).Elem())
	_, d.AliasPos = f.paths("aliases")
	d.SummaryFromKey = d.Summary != ""
}

// decodeSettings reads the site settings of content/_index.md.
func decodeSettings(d *Doc, m *node) *Settings {
	f := fields{m: m, top: d.Top, diags: &d.Diags}
	s := &Settings{}
	decode(f, settingsBinding, reflect.ValueOf(s).Elem())
	d.Params = m.value().(map[string]any)
	s.Params = d.Params
	if n, kp, ok := f.lookup("baseURL"); ok {
		s.BasePos = n.pos
	} else {
		s.BasePos = kp
	}
	for _, b := range settingsBinding {
		if fv := reflect.ValueOf(s).Elem().FieldByIndex(b.index); b.field.Default != "" && fv.Kind() == reflect.String && fv.String() == "" {
			fv.SetString(b.field.Default)
		}
	}
	if s.CMSBackend == "github" && !validRepo(s.CMSRepo) {
		at := d.Top
		if n, _, ok := f.lookup("cmsRepo"); ok {
			at = n.pos
		} else if _, kp, ok := f.lookup("cmsBackend"); ok {
			at = kp
		}
		d.Diags.Errorf(at, "cmsRepo: the github backend needs the repository as owner/name, got %q", s.CMSRepo)
	}
	return s
}

// validRepo reports a GitHub repository named owner/name.
func validRepo(s string) bool {
	owner, name, ok := strings.Cut(s, "/")
	valid := func(p string) bool {
		return p != "" && strings.Trim(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") == ""
	}
	return ok && valid(owner) && valid(name)
}

// Has reports whether the front matter gives the field key a value: a summary
// taken from the first paragraph does not count.
func (d *Doc) Has(key string) bool {
	if key == "summary" {
		return d.SummaryFromKey
	}
	bs := sectionBindings
	if d.Role == Entry {
		bs = typeBindings[d.Type]
	}
	for _, b := range bs {
		if b.field.Key == key {
			return !reflect.ValueOf(d).Elem().FieldByIndex(b.index).IsZero()
		}
	}
	return false
}
