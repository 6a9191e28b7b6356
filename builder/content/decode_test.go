package content

import (
	"reflect"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/builder/model"
)

// TestModelBindings: every key of the model has a Go field of a type that holds
// its kind, and every tagged Go field a key in the model.
func TestModelBindings(t *testing.T) {
	used := map[string]bool{}
	for _, typ := range model.Types {
		bs, err := bind(reflect.TypeFor[Doc](), typ.AllFields())
		if err != nil {
			t.Errorf("%s: %v", typ.Name, err)
		}
		for _, b := range bs {
			used[b.field.Key] = true
		}
	}
	var walk func(st reflect.Type, item bool)
	walk = func(st reflect.Type, item bool) {
		for i := range st.NumField() {
			f := st.Field(i)
			if f.Anonymous && f.Type.Kind() == reflect.Struct {
				walk(f.Type, item)
				continue
			}
			if key := f.Tag.Get("key"); key != "" && !item && !used[key] {
				t.Errorf("Doc field %s is tagged %q, which no type of the model has", f.Name, key)
			}
		}
	}
	walk(reflect.TypeFor[Doc](), false)

	// A wrong Go type is refused with its names.
	type wrong struct {
		Customer int `key:"customer"`
	}
	if _, err := bind(reflect.TypeFor[wrong](), []model.Field{{Key: "customer", Kind: model.Text}}); err == nil || !strings.Contains(err.Error(), "wrong.Customer is a int") {
		t.Errorf("bind of a wrong type: %v", err)
	}
}
