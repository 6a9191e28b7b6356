package builder

import (
	"strconv"
	"strings"
	"time"
)

// fields reads typed values out of a front-matter map, reporting each problem at the
// value concerned (or at its key, or at the front matter's top when the key is absent).
type fields struct {
	m     *node
	top   Pos
	diags *Diagnostics
}

func (f fields) lookup(key string) (*node, Pos, bool) {
	n, kp, ok := f.m.get(key)
	if !ok || n.isNull() {
		if ok {
			return nil, kp, false
		}
		return nil, f.top, false
	}
	return n, kp, true
}

func (f fields) missing(key string, at Pos) {
	f.diags.errorf(at, "missing required field %q", key)
}

func (f fields) wrong(n *node, key, want string) {
	f.diags.errorf(n.pos, "%s: want %s, got %s", key, want, n.describe())
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
		f.diags.errorf(n.pos, "%s must not be empty", key)
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
			f.diags.errorf(n.pos, "%s needs at least one item", key)
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
		f.diags.errorf(n.pos, "%s needs at least one item", key)
	}
	return out
}

func (f fields) refs(key string, required bool) []ref {
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
	var out []ref
	for _, it := range items {
		if it.kind != scalarNode || it.isNull() {
			f.wrong(it, key, "a slug")
			continue
		}
		out = append(out, ref{Slug: strings.TrimSpace(it.raw), pos: it.pos})
	}
	if required && len(out) == 0 {
		f.diags.errorf(n.pos, "%s needs at least one slug", key)
	}
	return out
}

func (f fields) ref(key string) ref {
	n, at, ok := f.lookup(key)
	if !ok {
		f.missing(key, at)
		return ref{}
	}
	if n.kind != scalarNode {
		f.wrong(n, key, "a slug")
		return ref{}
	}
	slug := strings.TrimSpace(n.raw)
	if slug == "" {
		f.diags.errorf(n.pos, "%s must name a slug", key)
	}
	return ref{Slug: slug, pos: n.pos}
}

func (f fields) date(key string, required bool) (time.Time, Pos) {
	n, at, ok := f.lookup(key)
	if !ok {
		if required {
			f.missing(key, at)
		}
		return time.Time{}, at
	}
	if n.kind != scalarNode {
		f.wrong(n, key, "a date as YYYY-MM-DD")
		return time.Time{}, n.pos
	}
	t, err := parseDate(n.raw)
	if err != nil {
		f.diags.errorf(n.pos, "%s: %v", key, err)
	}
	return t, n.pos
}

func (f fields) boolean(key string) bool {
	n, _, ok := f.lookup(key)
	if !ok {
		return false
	}
	if n.kind != scalarNode || n.tag != "bool" {
		f.wrong(n, key, "true or false")
		return false
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
		if hi == int(^uint(0)>>1) {
			f.diags.errorf(n.pos, "%s: want a number from %d, got %d", key, lo, v)
		} else {
			f.diags.errorf(n.pos, "%s: want a number from %d to %d, got %d", key, lo, hi, v)
		}
		return 0
	}
	return v
}

func (f fields) duration(key string, required bool) (Duration, Pos) {
	n, at, ok := f.lookup(key)
	if !ok {
		if required {
			f.missing(key, at)
		}
		return 0, at
	}
	d, good := Duration(0), false
	if n.kind == scalarNode {
		if n.tag == "float" {
			if v, err := strconv.ParseFloat(n.raw, 64); err == nil && v > 0 && v == float64(int(v)) {
				d, good = Duration(v), true
			}
		} else {
			d, good = parseDuration(n.raw)
		}
	}
	if !good {
		f.wrong(n, key, `a positive number of minutes or a duration like "1h30m"`)
	}
	return d, n.pos
}

// quoteList reads "a, b or c".
func quoteList(allowed []string) string {
	if len(allowed) == 1 {
		return allowed[0]
	}
	return strings.Join(allowed[:len(allowed)-1], ", ") + " or " + allowed[len(allowed)-1]
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
		f.wrong(n, key, quoteList(allowed))
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
		f.wrong(n, key, "a list of "+quoteList(allowed))
		return nil
	}
	var out []string
	for _, it := range items {
		s := strings.TrimSpace(it.raw)
		if it.kind != scalarNode || !oneOf(s, allowed) {
			f.wrong(it, key, quoteList(allowed))
			continue
		}
		if !oneOf(s, out) {
			out = append(out, s)
		}
	}
	if required && len(out) == 0 && len(items) == 0 {
		f.diags.errorf(n.pos, "%s needs at least one of %s", key, quoteList(allowed))
	}
	return out
}

// objects calls fn for every map in a list of maps.
func (f fields) objects(key string, fn func(item fields, at Pos)) {
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
		g.Min = sub.integer("min", 1, int(^uint(0)>>1))
		g.Max = sub.integer("max", 1, int(^uint(0)>>1))
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
		f.diags.errorf(n.pos, "%s: min %d is above max %d", key, g.Min, g.Max)
	}
	return g
}

var (
	insightKinds     = []string{"broken", "frustrating", "surprising", "uncomfortable"}
	confidences      = []string{"low", "medium", "high"}
	analogyStatuses  = []string{"candidate", "chosen", "set-aside"}
	formats          = []string{"make", "build", "simulate", "act-out", "play"}
	difficulties     = []string{"easy", "moderate", "hard"}
	settings         = []string{"in-person", "remote", "hybrid"}
	actionStatuses   = []string{"open", "doing", "done"}
	shareStatuses    = []string{"planned", "done"}
	visibilityValues = visibilityNames
)

// knownKeys are the front-matter keys of each type (nil: of every type). Other keys
// are kept in Params for templates.
var knownKeys = map[*Type]map[string]bool{
	nil:            setOf("title", "summary", "date", "updated", "authors", "themes", "tags", "draft", "aliases", "visibility"),
	typeInsight:    setOf("kind", "customer", "moment", "evidence", "confidence"),
	typeAnalogy:    setOf("domain", "insights", "status", "parallels", "resonance"),
	typeExperience: setOf("analogy", "insights", "format", "duration", "debrief", "group", "materials", "roles", "moments", "questions", "prep", "difficulty", "setting", "care"),
	typeSession:    setOf("experience", "date", "location", "facilitators", "participants", "teams", "felt", "noticed", "ideas", "actions", "share", "surfaced"),
}

func setOf(keys ...string) map[string]bool {
	m := make(map[string]bool, len(keys))
	for _, k := range keys {
		m[k] = true
	}
	return m
}

// decodeFields fills the document's typed fields from its front matter.
func decodeFields(d *Entry, m *node) {
	f := fields{m: m, top: d.top, diags: &d.diags}
	known := knownKeys[d.Type]
	d.Params = map[string]any{}
	for i, k := range m.keys {
		switch {
		case k == "duration" || k == "debrief" || k == "status":
			d.warnAt = append(d.warnAt, keyAt{k, m.vals[i].pos})
		case !knownKeys[nil][k] && !known[k]:
			d.Params[k] = m.vals[i].value()
		}
	}
	d.Title = f.text("title", d.section == "")
	d.Summary = f.text("summary", false)
	d.summaryFromKey = d.Summary != ""
	d.Date, d.datePos = f.date("date", d.Type == typeSession)
	d.Updated, _ = f.date("updated", false)
	d.Authors = f.list("authors", false)
	d.Themes = f.list("themes", false)
	d.Tags = f.list("tags", false)
	d.Draft = f.boolean("draft")
	if n, _, ok := f.lookup("aliases"); ok {
		items := n.items
		if n.kind == scalarNode {
			items = []*node{n}
		}
		for _, it := range items {
			a := strings.TrimSpace(it.raw)
			if it.kind != scalarNode || a == "" {
				f.wrong(it, "aliases", "a path like /old/path/")
				continue
			}
			if strings.Contains(a, "://") || strings.Contains(a, "..") || strings.ContainsAny(a, "?#\\ \t") {
				f.diags.errorf(it.pos, "aliases: %q is not a site path like /old/path/", a)
				continue
			}
			d.Aliases = append(d.Aliases, a)
			d.aliasPos = append(d.aliasPos, it.pos)
		}
	}
	vis := f.enum("visibility", visibilityValues, "company", false)
	d.Visibility, _ = ParseVisibility(vis)

	switch d.Type {
	case typeInsight:
		d.Kind = f.enumList("kind", insightKinds, true)
		d.Customer = f.text("customer", true)
		d.Moment = f.text("moment", false)
		d.Confidence = f.enum("confidence", confidences, "", false)
		f.objects("evidence", func(it fields, at Pos) {
			e := Evidence{Quote: it.text("quote", true), Source: it.text("source", false), Link: it.text("link", false)}
			e.Date, _ = it.date("date", false)
			d.Evidence = append(d.Evidence, e)
		})
	case typeAnalogy:
		d.Domain = f.text("domain", true)
		d.insightRefs = f.refs("insights", true)
		d.Status = f.enum("status", analogyStatuses, "candidate", false)
		d.Resonance = f.integer("resonance", 1, 5)
		f.objects("parallels", func(it fields, at Pos) {
			d.Parallels = append(d.Parallels, Parallel{Customer: it.text("customer", true), Analog: it.text("analog", true)})
		})
	case typeExperience:
		d.analogyRef = f.ref("analogy")
		d.insightRefs = f.refs("insights", true)
		d.Format = f.enumList("format", formats, true)
		d.Duration, _ = f.duration("duration", true)
		d.Debrief, _ = f.duration("debrief", true)
		d.Prep, _ = f.duration("prep", false)
		d.Group = f.group("group")
		d.Materials = f.list("materials", false)
		d.Roles = f.list("roles", false)
		d.Questions = f.list("questions", false)
		d.Difficulty = f.enum("difficulty", difficulties, "", false)
		d.Setting = f.enum("setting", settings, "", false)
		d.Care = f.text("care", false)
		f.objects("moments", func(it fields, at Pos) {
			d.Moments = append(d.Moments, Moment{Moment: it.text("moment", true), Customer: it.text("customer", false), Analog: it.text("analog", false)})
		})
	case typeSession:
		d.experienceRef = f.ref("experience")
		d.Location = f.text("location", false)
		d.Facilitators = f.list("facilitators", false)
		d.Participants = f.integer("participants", 0, int(^uint(0)>>1))
		d.Teams = f.list("teams", false)
		d.Felt = f.list("felt", false)
		d.Noticed = f.list("noticed", false)
		d.Ideas = f.list("ideas", false)
		d.surfacedRefs = f.refs("surfaced", false)
		f.objects("actions", func(it fields, at Pos) {
			a := Action{Action: it.text("action", true), Owner: it.text("owner", false), pos: at}
			a.Due, _ = it.date("due", false)
			a.Status = it.enum("status", actionStatuses, "open", false)
			d.Actions = append(d.Actions, a)
		})
		f.objects("share", func(it fields, at Pos) {
			s := Share{Audience: it.text("audience", true), Channel: it.text("channel", false)}
			s.When, _ = it.date("when", false)
			s.Status = it.enum("status", shareStatuses, "planned", false)
			d.Share = append(d.Share, s)
		})
	}
}

// Settings are the site's settings, from content/_index.md.
type Settings struct {
	Title        string
	Description  string
	BaseURL      string
	Theme        string
	Language     string
	Organisation string
	UnsafeHTML   bool
	Params       map[string]any
	basePos      Pos
}

func decodeSettings(d *Entry, m *node) Settings {
	f := fields{m: m, top: d.top, diags: &d.diags}
	d.Params = m.value().(map[string]any)
	s := Settings{
		Title:        f.text("title", true),
		Description:  f.text("description", false),
		BaseURL:      f.text("baseURL", false),
		Theme:        f.text("theme", false),
		Language:     f.text("language", false),
		Organisation: f.text("organisation", false),
		UnsafeHTML:   f.boolean("unsafeHTML"),
		Params:       d.Params,
	}
	if n, kp, ok := f.lookup("baseURL"); ok {
		s.basePos = n.pos
	} else {
		s.basePos = kp
	}
	if s.BaseURL == "" {
		s.BaseURL = "/"
	}
	if s.Theme == "" {
		s.Theme = "default"
	}
	if s.Language == "" {
		s.Language = "en"
	}
	return s
}
