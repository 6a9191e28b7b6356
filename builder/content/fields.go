package content

import (
	"math"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/playbookhq/playbook/builder/diag"
	"github.com/playbookhq/playbook/builder/model"
)

// fields reads typed values out of a front-matter map, reporting each problem at the
// value concerned (or at its key, or at the front matter's top when the key is absent).
type fields struct {
	m     *node
	top   diag.Pos
	diags *diag.List
}

func (f fields) lookup(key string) (*node, diag.Pos, bool) {
	n, kp, ok := f.m.get(key)
	if !ok || n.isNull() {
		if ok {
			return nil, kp, false
		}
		return nil, f.top, false
	}
	return n, kp, true
}

func (f fields) missing(key string, at diag.Pos) {
	f.diags.Errorf(at, "missing required field %q", key)
}

func (f fields) wrong(n *node, key, want string) {
	f.diags.Errorf(n.pos, "%s: want %s, got %s", key, want, n.describe())
}

// text reads a string. Numbers and booleans are accepted as their text.
func (f fields) text(key string, required bool) string {
	n, at, ok := f.lookup(key)
	if !ok {
		if required {
			f.missing(key, at)
		}
		return ""
	}
	if n.kind != scalarNode {
		f.wrong(n, key, "text")
		return ""
	}
	s := strings.TrimSpace(n.raw)
	if s == "" && required {
		f.diags.Errorf(n.pos, "%s must not be empty", key)
	}
	return s
}

// list reads a list of strings; a single string counts as a list of one.
func (f fields) list(key string, required bool) []string {
	n, at, ok := f.lookup(key)
	if !ok {
		if required {
			f.missing(key, at)
		}
		return nil
	}
	if n.kind == scalarNode {
		if s := strings.TrimSpace(n.raw); s != "" {
			return []string{s}
		}
		if required {
			f.diags.Errorf(n.pos, "%s needs at least one item", key)
		}
		return nil
	}
	if n.kind != listNode {
		f.wrong(n, key, "a list of text")
		return nil
	}
	out := make([]string, 0, len(n.items))
	for _, it := range n.items {
		if it.kind != scalarNode || it.isNull() {
			f.wrong(it, key, "text")
			continue
		}
		if s := strings.TrimSpace(it.raw); s != "" {
			out = append(out, s)
		}
	}
	if required && len(out) == 0 {
		f.diags.Errorf(n.pos, "%s needs at least one item", key)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func (f fields) refs(key string, required bool) []Ref {
	n, at, ok := f.lookup(key)
	if !ok {
		if required {
			f.missing(key, at)
		}
		return nil
	}
	items := n.items
	if n.kind == scalarNode {
		items = []*node{n}
	} else if n.kind != listNode {
		f.wrong(n, key, "a list of slugs")
		return nil
	}
	var out []Ref
	for _, it := range items {
		if it.kind != scalarNode || it.isNull() {
			f.wrong(it, key, "a slug")
			continue
		}
		out = append(out, Ref{Slug: strings.TrimSpace(it.raw), Pos: it.pos})
	}
	if required && len(out) == 0 {
		f.diags.Errorf(n.pos, "%s needs at least one slug", key)
	}
	return out
}

func (f fields) ref(key string) Ref {
	n, at, ok := f.lookup(key)
	if !ok {
		f.missing(key, at)
		return Ref{}
	}
	if n.kind != scalarNode {
		f.wrong(n, key, "a slug")
		return Ref{}
	}
	slug := strings.TrimSpace(n.raw)
	if slug == "" {
		f.diags.Errorf(n.pos, "%s must name a slug", key)
	}
	return Ref{Slug: slug, Pos: n.pos}
}

func (f fields) date(key string, required bool) time.Time {
	n, at, ok := f.lookup(key)
	if !ok {
		if required {
			f.missing(key, at)
		}
		return time.Time{}
	}
	if n.kind != scalarNode {
		f.wrong(n, key, "a date as YYYY-MM-DD")
		return time.Time{}
	}
	t, err := ParseDate(n.raw)
	if err != nil {
		f.diags.Errorf(n.pos, "%s: %v", key, err)
	}
	return t
}

// boolean reads true or false; def when the key is missing.
func (f fields) boolean(key string, def bool) bool {
	n, _, ok := f.lookup(key)
	if !ok {
		return def
	}
	if n.kind != scalarNode || n.tag != "bool" {
		f.wrong(n, key, "true or false")
		return def
	}
	return n.raw == "true"
}

func (f fields) integer(key string, lo, hi int) int {
	n, _, ok := f.lookup(key)
	if !ok {
		return 0
	}
	v, err := strconv.Atoi(strings.TrimSpace(n.raw))
	if n.kind != scalarNode || err != nil {
		f.wrong(n, key, "a whole number")
		return 0
	}
	if v < lo || v > hi {
		if hi == maxInt {
			f.diags.Errorf(n.pos, "%s: want a number from %d, got %d", key, lo, v)
		} else {
			f.diags.Errorf(n.pos, "%s: want a number from %d to %d, got %d", key, lo, hi, v)
		}
		return 0
	}
	return v
}

const maxInt = int(^uint(0) >> 1)

func (f fields) duration(key string, required bool) Duration {
	n, at, ok := f.lookup(key)
	if !ok {
		if required {
			f.missing(key, at)
		}
		return 0
	}
	d, good := Duration(0), false
	if n.kind == scalarNode {
		if n.tag == "float" {
			if v, err := strconv.ParseFloat(n.raw, 64); err == nil && v > 0 && v == math.Trunc(v) {
				d, good = Duration(min(v, float64(MaxDuration+1))), true
			}
		} else {
			d, good = parseMinutes(n.raw)
		}
	}
	if !good {
		f.wrong(n, key, `a positive number of minutes or a duration like "1h30m"`)
		return 0
	}
	if d > MaxDuration {
		f.diags.Errorf(n.pos, "%s: %s is over 1,000 hours", key, strings.TrimSpace(n.raw))
		return 0
	}
	return d
}

func oneOf(s string, allowed []string) bool {
	for _, a := range allowed {
		if s == a {
			return true
		}
	}
	return false
}

func (f fields) enum(key string, allowed []string, def string, required bool) string {
	n, at, ok := f.lookup(key)
	if !ok {
		if required {
			f.missing(key, at)
		}
		return def
	}
	s := strings.TrimSpace(n.raw)
	if n.kind != scalarNode || !oneOf(s, allowed) {
		f.wrong(n, key, model.QuoteList(allowed))
		return def
	}
	return s
}

func (f fields) enumList(key string, allowed []string, required bool) []string {
	n, at, ok := f.lookup(key)
	if !ok {
		if required {
			f.missing(key, at)
		}
		return nil
	}
	items := n.items
	if n.kind == scalarNode {
		items = []*node{n}
	} else if n.kind != listNode {
		f.wrong(n, key, "a list of "+model.QuoteList(allowed))
		return nil
	}
	var out []string
	for _, it := range items {
		s := strings.TrimSpace(it.raw)
		if it.kind != scalarNode || !oneOf(s, allowed) {
			f.wrong(it, key, model.QuoteList(allowed))
			continue
		}
		if !oneOf(s, out) {
			out = append(out, s)
		}
	}
	if required && len(out) == 0 && len(items) == 0 {
		f.diags.Errorf(n.pos, "%s needs at least one of %s", key, model.QuoteList(allowed))
	}
	return out
}

// objects calls fn for every map in a list of maps.
func (f fields) objects(key string, fn func(item fields, at diag.Pos)) {
	n, _, ok := f.lookup(key)
	if !ok {
		return
	}
	if n.kind != listNode {
		f.wrong(n, key, "a list")
		return
	}
	for _, it := range n.items {
		if it.kind != mapNode {
			f.wrong(it, key, "a list of maps")
			continue
		}
		fn(fields{m: it, top: it.pos, diags: f.diags}, it.pos)
	}
}

func (f fields) group(key string) Group {
	n, _, ok := f.lookup(key)
	if !ok {
		return Group{}
	}
	var g Group
	bad := false
	switch {
	case n.kind == mapNode:
		sub := fields{m: n, top: n.pos, diags: f.diags}
		g.Min = sub.integer("min", 1, maxInt)
		g.Max = sub.integer("max", 1, maxInt)
	case n.kind == scalarNode && n.tag == "int":
		v, _ := strconv.Atoi(n.raw)
		g, bad = Group{v, v}, v < 1
	case n.kind == scalarNode:
		lo, hi, ok := strings.Cut(strings.TrimSpace(n.raw), "-")
		a, err1 := strconv.Atoi(strings.TrimSpace(lo))
		b, err2 := strconv.Atoi(strings.TrimSpace(hi))
		if !ok {
			b, err2 = a, err1
		}
		g, bad = Group{a, b}, err1 != nil || err2 != nil || a < 1
	default:
		bad = true
	}
	if bad {
		f.wrong(n, key, `a number, a range like "6-12", or {min, max}`)
		return Group{}
	}
	if g.Max != 0 && g.Min > g.Max {
		f.diags.Errorf(n.pos, "%s: min %d is above max %d", key, g.Min, g.Max)
	}
	return g
}

// paths reads aliases: site paths like /old/path/.
func (f fields) paths(key string) ([]string, []diag.Pos) {
	n, _, ok := f.lookup(key)
	if !ok {
		return nil, nil
	}
	items := n.items
	if n.kind == scalarNode {
		items = []*node{n}
	}
	var out []string
	var at []diag.Pos
	for _, it := range items {
		a := strings.TrimSpace(it.raw)
		if it.kind != scalarNode || a == "" {
			f.wrong(it, key, "a path like /old/path/")
			continue
		}
		if strings.Contains(a, "://") || strings.Contains(a, "..") || strings.ContainsAny(a, "?#%\\ \t") || hasControl(a) {
			f.diags.Errorf(it.pos, "%s: %q is not a site path like /old/path/", key, a)
			continue
		}
		// One spelling per place: "/pages/./about", "pages//about/" and
		// "/pages/about/index.html" all name /pages/about/, so that the build sees
		// when an alias lands on a page.
		a = path.Clean("/" + strings.TrimSuffix(a, "index.html"))
		if a == "/" {
			f.diags.Errorf(it.pos, "%s: %q names the home page, which an alias cannot replace", key, it.raw)
			continue
		}
		out = append(out, a+"/")
		at = append(at, it.pos)
	}
	return out, at
}

// hasControl reports a control character in s.
func hasControl(s string) bool {
	return strings.IndexFunc(s, unicode.IsControl) >= 0
}
