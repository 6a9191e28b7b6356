package render

import (
	"bytes"
	"fmt"
	"html/template"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/template/parse"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/playbookhq/playbook/builder/content"
	"github.com/playbookhq/playbook/builder/diag"
	"github.com/playbookhq/playbook/builder/internal/keys"
	"github.com/playbookhq/playbook/builder/site"
	"github.com/playbookhq/playbook/builder/theme"
)

// Templates holds one parsed template set per layout file of a theme.
type Templates struct {
	base string                        // the name base.html was parsed under
	sets map[string]*template.Template // by layout name: "entry.html"
	// direct holds, by set, the pieces that are one call of a piece written in
	// Go, which Page.Piece then calls without the template (directOf).
	direct map[*template.Template]map[string]pieceFunc
	keys   map[string]uint64 // hash of everything a layout's set was parsed from
	// Share reports a layout that shows share cards (.ShareImage, or .Meta, which
	// does): the build then draws one for every entry.
	Share bool
	// Key hashes every layout's key.
	Key uint64
	// dated holds the layouts whose templates (the layout, base.html or a
	// partial) name Today, yearly those that name Year.
	dated, yearly map[string]bool
	// Counts reports a theme whose templates name an entry's DaysUntil or an
	// action's DaysOverdue: any card may then show them, so the keys of cards
	// hold them, and every page that lists an upcoming session or an overdue
	// action is rendered again each day. The default theme asks the page instead
	// (Page.DaysLeft, Page.OverdueBy), which only the pages that show them do.
	Counts bool
}

// LayoutNames are the page layouts a theme may provide; the lookup order per page
// is in doc.go.
var LayoutNames = []string{
	"home.html", "list.html", "facet.html", "entry.html", "term.html", "terms.html",
	"actions.html", "pack.html", "search.html", "404.html", "alias.html", "values.html", "map.html", "present.html",
	"insight.html", "analogy.html", "experience.html", "session.html", "page.html",
	"insights-list.html", "analogies-list.html", "experiences-list.html", "sessions-list.html", "pages-list.html",
}

// LoadTemplates parses base.html and partials/ once, then each layout into a clone.
func LoadTemplates(t *theme.Theme) (*Templates, diag.List) {
	var diags diag.List
	ts := &Templates{sets: map[string]*template.Template{}, direct: map[*template.Template]map[string]pieceFunc{}, keys: map[string]uint64{}, dated: map[string]bool{}, yearly: map[string]bool{}}

	baseData, baseLabel, err := t.Read("layouts", "base.html")
	if err != nil {
		diags.Errorf(diag.Pos{File: "layouts/base.html"}, "the theme %q has no layouts/base.html: %v", t.Name, err)
		return nil, diags
	}
	ts.base = baseLabel
	root := template.New(baseLabel).Funcs(funcs)
	if _, err := root.Parse(string(baseData)); err != nil {
		diags = append(diags, templateDiag(err, baseLabel))
		return nil, diags
	}
	common := keys.New(keys.Bytes(baseData))
	ts.Share = showsCards(baseData)
	ts.Counts = namesCounts(baseData)
	dated, yearly := namesDay(baseData)
	for _, name := range t.List("layouts", "partials") {
		data, label, err := t.Read("layouts", name)
		if err != nil {
			diags.Errorf(diag.Pos{File: "layouts/" + name}, "%v", err)
			continue
		}
		common = common.Str(name).U64(keys.Bytes(data))
		ts.Share = ts.Share || showsCards(data)
		ts.Counts = ts.Counts || namesCounts(data)
		d, y := namesDay(data)
		dated, yearly = dated || d, yearly || y
		if _, err := root.New(label).Parse(string(data)); err != nil {
			diags = append(diags, templateDiag(err, label))
		}
	}
	if len(diags) > 0 {
		return nil, diags
	}
	trimTemplates(root)
	all := keys.New(common.Sum())
	for _, name := range LayoutNames {
		data, label, err := t.Read("layouts", name)
		if err != nil {
			continue
		}
		set, err := root.Clone()
		if err == nil {
			var layout *template.Template
			if layout, err = set.New(label).Parse(string(data)); err == nil {
				trimTemplates(layout)
			}
		}
		if err != nil {
			diags = append(diags, templateDiag(err, label))
			continue
		}
		ts.sets[name] = set
		ts.direct[set] = directOf(set)
		ts.Share = ts.Share || showsCards(data)
		ts.Counts = ts.Counts || namesCounts(data)
		d, y := namesDay(data)
		ts.dated[name], ts.yearly[name] = dated || d, yearly || y
		ts.keys[name] = keys.New(common.Sum()).Str(name).U64(keys.Bytes(data)).Sum()
		all = all.U64(ts.keys[name])
	}
	ts.Key = all.Sum()
	return ts, diags
}

// pieceFunc is a piece written in Go, given the piece's arguments: entryCard,
// linkItem.
type pieceFunc = func(args map[string]any) (template.HTML, error)

// directOf finds the templates of set that are nothing but {{fn .}} for a
// template function that is a pieceFunc, as the default theme's "card" and
// "link-item" are: they write what fn returns, which html/template leaves as it
// is (HTML in text), so Page.Piece calls fn itself and spares executing a
// template for each piece.
func directOf(set *template.Template) map[string]pieceFunc {
	out := map[string]pieceFunc{}
	for _, t := range set.Templates() {
		if t.Tree == nil || t.Tree.Root == nil || len(t.Tree.Root.Nodes) != 1 {
			continue
		}
		a, ok := t.Tree.Root.Nodes[0].(*parse.ActionNode)
		if !ok || len(a.Pipe.Decl) > 0 || len(a.Pipe.Cmds) != 1 || len(a.Pipe.Cmds[0].Args) != 2 {
			continue
		}
		fn, ok := a.Pipe.Cmds[0].Args[0].(*parse.IdentifierNode)
		if _, dot := a.Pipe.Cmds[0].Args[1].(*parse.DotNode); ok && dot {
			if f, ok := funcs[fn.Ident].(pieceFunc); ok {
				out[t.Name()] = f
			}
		}
	}
	return out
}

// showsCards reports a template that shows share cards.
func showsCards(data []byte) bool {
	return bytes.Contains(data, []byte(".ShareImage")) || bytes.Contains(data, []byte(".Meta"))
}

// namesDay reports a template that names the site's Today or Year: the pages of a
// layout that does are rendered again when the day (or the year) changes. Any
// mention counts, even in a comment: a page is rendered once too often rather
// than kept with yesterday's date.
func namesDay(data []byte) (today, year bool) {
	return bytes.Contains(data, []byte("Today")), bytes.Contains(data, []byte("Year"))
}

// datetime writes a date as <time datetime="YYYY-MM-DD">2 January 2006</time>, or
// nothing for no date.
func datetime(t time.Time) template.HTML {
	if t.IsZero() {
		return ""
	}
	return template.HTML(`<time datetime="` + t.Format(time.DateOnly) + `">` + t.Format("2 January 2006") + `</time>`)
}

// namesCounts reports a template that names DaysUntil or DaysOverdue.
func namesCounts(data []byte) bool {
	return bytes.Contains(data, []byte("DaysUntil")) || bytes.Contains(data, []byte("DaysOverdue"))
}

// day is what of the date the first of names that exists shows, for the keys of
// its pages: the day (and dated), the year, or nothing (0).
func (ts *Templates) day(names []string, today time.Time) (key uint64, dated bool) {
	for _, n := range names {
		if _, ok := ts.keys[n]; !ok {
			continue
		}
		switch {
		case ts.dated[n]:
			return uint64(today.Unix()), true
		case ts.yearly[n]:
			return uint64(today.Year()), false
		}
		break
	}
	return 0, false
}

// lookup returns the first layout that exists.
func (ts *Templates) lookup(names ...string) (string, *template.Template) {
	for _, n := range names {
		if set := ts.sets[n]; set != nil {
			return n, set
		}
	}
	return "", nil
}

// layoutKey is the key of the first of names that exists.
func (ts *Templates) layoutKey(names []string) uint64 {
	for _, n := range names {
		if k, ok := ts.keys[n]; ok {
			return k
		}
	}
	return 0
}

var templateErrRe = regexp.MustCompile(`^(?:html/)?template: ?([^:]+):(\d+):(?:(\d+):)? ?(.*)$`)

// templateDiag turns an html/template error into a positioned diagnostic.
func templateDiag(err error, label string) diag.Diagnostic {
	msg := err.Error()
	p := diag.Pos{File: label}
	if m := templateErrRe.FindStringSubmatch(msg); m != nil {
		p.File = m[1]
		p.Line, _ = strconv.Atoi(m[2])
		p.Col, _ = strconv.Atoi(m[3])
		msg = m[4]
	}
	return diag.Diagnostic{Pos: p, Severity: diag.Error, Msg: msg}
}

// funcs are the template functions every layout may use. Functions that depend on
// the page (assets, bodies) are methods of Page instead.
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
	"join":    func(sep string, l []string) string { return strings.Join(l, sep) },
	"lower":   strings.ToLower,
	"upper":   strings.ToUpper,
	"title":   upperFirst,
	"urlize":  site.TermSlug,
	"plural":  plural,
	"add":     func(a, b int) int { return a + b },
	"sub":     func(a, b int) int { return a - b },
	"first":   func(n int, l []*site.Entry) []*site.Entry { return l[:min(n, len(l))] },
	"shorten": content.Shorten,
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
	"list": func(v ...any) []any { return v },
	"enum": enumWords,
	// datetime is a date as <time>: <time datetime="2026-03-01">1 March 2026</time>,
	// or nothing for no date.
	"datetime": datetime,
	"facet":    site.FacetValues,
	// dots draws a scale of of dots, the first n filled in: the eye's half of
	// "4 of 5" (the words are the template's).
	"dots": dots,
	// The default theme's badges (badges.go).
	"typeBadge":       typeBadge,
	"analogyStatus":   analogyBadge,
	"sessionState":    sessionState,
	"kindBadges":      kindBadges,
	"actionStatus":    actionStatus,
	"confidenceScale": confidenceScale,
	"durationTime":    durationTime,
	"termChips":       termChips,
	// The default theme's pieces (cards.go).
	"entryCard":  entryCard,
	"linkItem":   linkItem,
	"byline":     byline,
	"toc":        toc,
	"shareBlock": shareBlock,
}

// upperFirst upper-cases the first letter: "frustrating" reads "Frustrating".
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// dots draws a scale of of dots, the first n filled in.
func dots(n, of int) template.HTML {
	var b strings.Builder
	for i := range of {
		if i < n {
			b.WriteString(`<span class="dot on"></span>`)
		} else {
			b.WriteString(`<span class="dot"></span>`)
		}
	}
	return template.HTML(b.String())
}

// enumWords writes an enumeration's value in words: "set-aside" reads "Set aside".
func enumWords(s string) string {
	switch s {
	case "act-out":
		return "Act out"
	case "set-aside":
		return "Set aside"
	case "in-person":
		return "In person"
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// FuncNames lists the template functions, sorted.
func FuncNames() []string {
	out := make([]string, 0, len(funcs))
	for name := range funcs {
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}
