package builder

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"html/template"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// templates holds one parsed template set per layout file.
type templates struct {
	base  string                        // the name base.html was parsed under
	sets  map[string]*template.Template // by layout name: "entry.html"
	keys  map[string]uint64             // hash of everything a layout's set was parsed from
	share bool                          // some layout shows share cards (.ShareImage)
}

// layoutNames are the page layouts a theme may provide; the lookup order per page
// is in doc.go.
var layoutNames = []string{
	"home.html", "list.html", "facet.html", "entry.html", "term.html", "terms.html",
	"actions.html", "pack.html", "search.html", "404.html", "alias.html",
	"insight.html", "analogy.html", "experience.html", "session.html", "page.html",
	"insights-list.html", "analogies-list.html", "experiences-list.html", "sessions-list.html", "pages-list.html",
}

var templateSeed = maphash.MakeSeed()

// loadTemplates parses base.html and partials/ once, then each layout into a clone.
func loadTemplates(t *theme) (*templates, Diagnostics) {
	var diags Diagnostics
	ts := &templates{sets: map[string]*template.Template{}, keys: map[string]uint64{}}
	var common maphash.Hash
	common.SetSeed(templateSeed)

	baseData, baseLabel, err := t.read("layouts", "base.html")
	if err != nil {
		diags.errorf(Pos{File: "layouts/base.html"}, "the theme %q has no layouts/base.html: %v", t.name, err)
		return nil, diags
	}
	ts.base = baseLabel
	root := template.New(baseLabel).Funcs(funcs)
	if _, err := root.Parse(string(baseData)); err != nil {
		diags = append(diags, templateDiag(err, baseLabel, ""))
		return nil, diags
	}
	common.Write(baseData)
	ts.share = bytes.Contains(baseData, []byte(".ShareImage"))
	for _, name := range t.list("layouts", "partials") {
		data, label, err := t.read("layouts", name)
		if err != nil {
			diags.errorf(Pos{File: "layouts/" + name}, "%v", err)
			continue
		}
		common.WriteString(name)
		common.Write(data)
		ts.share = ts.share || bytes.Contains(data, []byte(".ShareImage"))
		if _, err := root.New(label).Parse(string(data)); err != nil {
			diags = append(diags, templateDiag(err, label, ""))
		}
	}
	if len(diags) > 0 {
		return nil, diags
	}
	for _, name := range layoutNames {
		data, label, err := t.read("layouts", name)
		if err != nil {
			continue
		}
		set, err := root.Clone()
		if err == nil {
			_, err = set.New(label).Parse(string(data))
		}
		if err != nil {
			diags = append(diags, templateDiag(err, label, ""))
			continue
		}
		ts.sets[name] = set
		ts.share = ts.share || bytes.Contains(data, []byte(".ShareImage"))
		ts.keys[name] = maphash.Bytes(templateSeed, append(strconv.AppendUint(data, common.Sum64(), 16), name...))
	}
	return ts, diags
}

// lookup returns the first layout that exists.
func (ts *templates) lookup(names ...string) (string, *template.Template) {
	for _, n := range names {
		if set := ts.sets[n]; set != nil {
			return n, set
		}
	}
	return "", nil
}

var templateErrRe = regexp.MustCompile(`^(?:html/)?template: ?([^:]+):(\d+):(?:(\d+):)? ?(.*)$`)

// templateDiag turns an html/template error into a positioned diagnostic, naming
// the page being rendered.
func templateDiag(err error, label, rendering string) Diagnostic {
	msg := err.Error()
	p := Pos{File: label}
	if m := templateErrRe.FindStringSubmatch(msg); m != nil {
		p.File = m[1]
		p.Line, _ = strconv.Atoi(m[2])
		p.Col, _ = strconv.Atoi(m[3])
		msg = m[4]
	}
	if rendering != "" {
		msg += " (rendering " + rendering + ")"
	}
	return Diagnostic{Pos: p, Severity: Error, Msg: msg}
}

// funcs are the template functions every layout may use. Functions that depend on
// the page (relative links, assets, bodies) are methods of Page instead.
var funcs = template.FuncMap{
	"date": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format("2 January 2006")
	},
	"isodate": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(time.DateOnly)
	},
	"join":  func(sep string, l []string) string { return strings.Join(l, sep) },
	"lower": strings.ToLower,
	"upper": strings.ToUpper,
	"title": func(s string) string {
		r, n := utf8.DecodeRuneInString(s)
		return string(unicode.ToUpper(r)) + s[n:]
	},
	"urlize": termSlug,
	"plural": func(n int, one, many string) string {
		if n == 1 {
			return fmt.Sprintf("%d %s", n, one)
		}
		return fmt.Sprintf("%d %s", n, many)
	},
	"add":     func(a, b int) int { return a + b },
	"sub":     func(a, b int) int { return a - b },
	"first":   func(n int, l []*Entry) []*Entry { return l[:min(n, len(l))] },
	"shorten": shorten,
	"dict": func(kv ...any) (map[string]any, error) {
		if len(kv)%2 != 0 {
			return nil, fmt.Errorf("dict needs key and value pairs")
		}
		m := make(map[string]any, len(kv)/2)
		for i := 0; i < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, fmt.Errorf("dict keys are strings, got %T", kv[i])
			}
			m[k] = kv[i+1]
		}
		return m, nil
	},
	"list":  func(v ...any) []any { return v },
	"facet": func(e *Entry, name string) []string { return facetValues(e, name) },
}
