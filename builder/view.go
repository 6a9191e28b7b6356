package builder

import (
	"bytes"
	"fmt"
	"html"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/playbookhq/playbook/builder/mdext"
)

// Page is what every template receives. Fields are set by the kind of page; the
// methods turn site-relative URLs into links that work from this page.
type Page struct {
	Site        *Site
	Kind        string // home, list, facet, entry, term, terms, actions, pack, search, 404, alias
	Title       string
	Description string
	URL         string // site-relative: "/insights/late-fees/"

	Entry   *Entry        // entry pages
	Section *Section      // list and facet pages
	Facet   *Facet        // facet pages
	Value   *FacetValue   // facet pages
	Term    *Term         // term pages
	Terms   []*Term       // terms pages
	Entries []*Entry      // list, facet and term pages: what the page lists
	Target  string        // alias pages: the absolute URL redirected to
	Actions []*ActionItem // actions page

	rootRelative bool               // 404.html is served at any path: links start at the base path
	set          *template.Template // the layout's template set, for Cache
	assets       map[string]string  // logical asset name → published path
}

// Rel returns a link to a site-root URL ("/insights/x/") for an attribute. It
// returns the URL as it is: the build makes every site-root URL in href, src and
// action attributes relative to the page once the page is rendered, so that a
// built site works from any folder, under any base path and from file://.
func (p *Page) Rel(u string) string { return u }

// Cache renders the theme's template name with args once and reuses the
// HTML on every page that asks again with the same arguments, in this build and,
// while the theme and the arguments are unchanged, later ones: for cards, the
// header, the footer and the other pieces that many pages show. The arguments may
// be the site, entries, sections, terms, text, numbers and booleans (never the
// page: a cached piece must read the same on every page, and writes site-root URLs).
func (p *Page) Cache(name string, args map[string]any) (template.HTML, error) {
	key, err := fragmentKey(name, args)
	if err != nil {
		return "", err
	}
	if v, ok := p.Site.fragments.Load(key); ok {
		return v.(template.HTML), nil
	}
	var b bytes.Buffer
	if err := p.set.ExecuteTemplate(&b, name, args); err != nil {
		return "", err
	}
	h := template.HTML(b.String())
	p.Site.fragments.Store(key, h)
	return h, nil
}

func fragmentKey(name string, args map[string]any) (string, error) {
	keys := make([]string, 0, len(args))
	for k := range args {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	b.WriteString(name)
	for _, k := range keys {
		b.WriteByte(0)
		b.WriteString(k)
		b.WriteByte('=')
		switch v := args[k].(type) {
		// Pieces live as long as the builder: an entry, a section or a term names
		// its piece together with the hash of what it shows.
		case *Entry:
			b.WriteString("entry:" + v.ID() + "@" + strconv.FormatUint(v.card, 36))
		case *Section:
			b.WriteString("section:" + v.Name + "@" + strconv.FormatUint(v.shape, 36))
		case *Term:
			b.WriteString("term:" + v.URL() + "@" + strconv.Itoa(len(v.Entries)))
		case *Site:
			b.WriteString("site") // one per build
		case string:
			b.WriteString("s:" + v)
		case int:
			b.WriteString("i:" + strconv.Itoa(v))
		case bool:
			b.WriteString("b:" + strconv.FormatBool(v))
		case nil:
			b.WriteString("nil")
		default:
			return "", fmt.Errorf("Cache %q: argument %s is a %T, which cannot name a cached piece (use the site, entries, sections, terms, text, numbers or booleans)", name, k, v)
		}
	}
	return b.String(), nil
}

// Abs returns the absolute URL of a site-relative one, for feeds and share metadata.
func (p *Page) Abs(u string) string { return p.Site.abs(u) }

func (s *Site) abs(u string) string {
	return strings.TrimSuffix(s.BaseURL, "/") + s.basePathless(u)
}

// basePathless keeps u as is: BaseURL already holds the base path.
func (s *Site) basePathless(u string) string {
	if !strings.HasPrefix(u, "/") {
		return "/" + u
	}
	return u
}

// Permalink is the page's absolute URL.
func (p *Page) Permalink() string { return p.Abs(p.URL) }

// Asset returns the link to a theme asset by its logical name ("main.css",
// "js/site.js"); in a build the published name carries a content hash.
func (p *Page) Asset(name string) (string, error) {
	if pub, ok := p.assets[name]; ok {
		return pub, nil
	}
	return "", &assetError{name}
}

type assetError struct{ name string }

func (e *assetError) Error() string { return "no asset named " + strconv.Quote(e.name) }

// Content is the page's own body: the entry's, or the introduction of the home page
// or of a list page.
func (p *Page) Content() template.HTML {
	switch {
	case p.Entry != nil:
		return p.Body(p.Entry)
	case p.Kind == "home" && p.Site.Intro != nil:
		return p.intro(p.Site.Intro)
	case p.Section != nil && p.Section.Intro != nil && p.Kind == "list":
		return p.intro(p.Section.Intro)
	}
	return ""
}

func (p *Page) intro(d *Entry) template.HTML {
	if d.body == nil {
		return ""
	}
	return template.HTML(p.expand(d.body.html, p.Site.introLinks[d]))
}

// Body is an entry's body with its links made relative to this page (the pack
// shows every experience's body on one page).
func (p *Page) Body(e *Entry) template.HTML {
	if e == nil || e.body == nil {
		return ""
	}
	return template.HTML(p.expand(e.body.html, e.links))
}

// expand replaces the placeholders that mdext wrote (NUL, a letter, an index, NUL)
// with what each link became in this build, seen from this page.
func (p *Page) expand(src []byte, links []resolvedRef) string {
	if bytes.IndexByte(src, 0) < 0 {
		return string(src)
	}
	var b strings.Builder
	b.Grow(len(src) + len(src)/8)
	for {
		i := bytes.IndexByte(src, 0)
		if i < 0 {
			b.Write(src)
			return b.String()
		}
		b.Write(src[:i])
		src = src[i+1:]
		end := bytes.IndexByte(src, 0)
		if end < 1 {
			return b.String() // cannot happen: mdext writes whole placeholders
		}
		kind := src[0]
		n, err := strconv.Atoi(string(src[1:end]))
		src = src[end+1:]
		if err != nil || n >= len(links) {
			continue
		}
		r := links[n]
		switch kind {
		case 'L': // a wikilink, whole
			if r.url == "" {
				b.WriteString(html.EscapeString(r.text))
				continue
			}
			b.WriteString(`<a class="wikilink" href="`)
			b.WriteString(html.EscapeString(r.url))
			b.WriteString(`">`)
			b.WriteString(html.EscapeString(r.label))
			b.WriteString("</a>")
		case 'O': // opening a link to a content file
			if r.url != "" {
				b.WriteString(`<a href="`)
				b.WriteString(html.EscapeString(r.url))
				b.WriteString(`">`)
			}
		case 'C':
			if r.url != "" {
				b.WriteString("</a>")
			}
		case 'S': // the URL of a local file
			b.WriteString(html.EscapeString(r.url))
		}
	}
}

// Sections returns the four method steps' sections, without pages.
func (s *Site) Steps() []*Section { return s.Sections[:4] }

// Section returns a type's section by name ("insights").
func (s *Site) Section(name string) *Section {
	for _, sec := range s.Sections {
		if sec.Name == name || sec.Singular == name {
			return sec
		}
	}
	return nil
}

// Pages are the free-form pages, by title.
func (s *Site) Pages() []*Entry { return s.Section("pages").Entries }

// Get returns a published entry by id ("insights/late-fees"), or nil.
func (s *Site) Get(id string) *Entry { return s.byID[id] }

// Year is the build's year, for footers.
func (s *Site) Year() int { return s.Today.Year() }

// TypeOf is how templates name an entry's type in CSS classes: "insight".
func (e *Entry) TypeOf() string { return e.Type.Singular }

// Permalink is the entry's absolute URL.
func (e *Entry) Permalink() string { return e.site.abs(e.URL()) }

// ActionItems lists a session's actions, by status, due date and owner.
func (e *Entry) ActionItems() []*ActionItem { return e.actions }

// HasRun reports a session dated today or earlier.
func (e *Entry) HasRun() bool { return e.hasRun(e.site.Today) }

// Sessions are the sessions that ran the experiences addressing an insight, or built
// on an analogy, newest first.
func (e *Entry) Sessions() []*Entry { return e.sessions }

// chainSessions computes Sessions once the links are known.
func (e *Entry) chainSessions() []*Entry {
	var exps []*Entry
	switch e.Type {
	case typeInsight:
		exps = e.AddressedBy
	case typeAnalogy:
		exps = e.BuiltInto
	case typeExperience:
		return e.RunIn
	}
	var out []*Entry
	for _, x := range exps {
		for _, s := range x.RunIn {
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	sortByDate(out)
	return out
}

// Actions lists the actions that came out of the sessions in an entry's chain.
func (e *Entry) ChainActions() []*ActionItem {
	if e.Type == typeSession {
		return e.actions
	}
	var out []*ActionItem
	for _, s := range e.sessions {
		out = append(out, s.actions...)
	}
	sortActions(out)
	return out
}

// LinkGroup is a heading and the entries under it, for the "links in both directions"
// panel of an entry page.
type LinkGroup struct {
	Title   string
	Rel     string // "mirrored-by": a stable name for styling and tests
	Entries []*Entry
}

// Groups returns the entry's links in both directions, grouped by meaning, empty
// groups left out.
func (e *Entry) Groups() []LinkGroup {
	var g []LinkGroup
	add := func(title, rel string, l ...*Entry) {
		var keep []*Entry
		for _, x := range l {
			if x != nil {
				keep = append(keep, x)
			}
		}
		if len(keep) > 0 {
			g = append(g, LinkGroup{Title: title, Rel: rel, Entries: keep})
		}
	}
	switch e.Type {
	case typeInsight:
		add("Mirrored by", "mirrored-by", e.MirroredBy...)
		add("Addressed by", "addressed-by", e.AddressedBy...)
		add("Explored in", "explored-in", e.Sessions()...)
		add("Surfaced in", "surfaced-in", e.SurfacedIn...)
	case typeAnalogy:
		add("Mirrors", "mirrors", e.Insights...)
		add("Built into", "built-into", e.BuiltInto...)
		add("Run in", "run-in", e.Sessions()...)
	case typeExperience:
		add("Built on", "built-on", e.Analogy)
		add("Addresses", "addresses", e.Insights...)
		add("Run in", "run-in", e.RunIn...)
	case typeSession:
		add("Ran", "ran", e.Experience)
		if e.Experience != nil {
			add("Built on", "built-on", e.Experience.Analogy)
			add("Addresses", "addresses", e.Experience.Insights...)
		}
		add("Surfaced", "surfaced", e.Surfaced...)
	}
	add("Mentions", "mentions", e.Mentions...)
	add("Mentioned in", "mentioned-in", e.MentionedIn...)
	return g
}

// Headings lists the body's headings, for a table of contents.
func (e *Entry) Headings() []mdext.Heading {
	if e.body == nil {
		return nil
	}
	return e.body.headings
}

// Modified is the later of updated and date.
func (e *Entry) Modified() time.Time {
	if e.Updated.After(e.Date) {
		return e.Updated
	}
	return e.Date
}

// Feeds are the feeds this page advertises with <link rel="alternate">: the site's,
// and the one of the type or theme the page shows.
func (p *Page) Feeds() []*Feed {
	out := []*Feed{p.Site.Feeds[0]}
	var want string
	switch {
	case p.Section != nil:
		want = p.Section.URL()
	case p.Entry != nil:
		want = "/" + p.Entry.Type.Name + "/"
	case p.Term != nil && p.Term.Kind == "themes":
		want = p.Term.URL()
	}
	for _, f := range p.Site.Feeds[1:] {
		if want != "" && f.URL == want {
			out = append(out, f)
		}
	}
	return out
}

// Permalink is the site's absolute home URL.
func (s *Site) Permalink() string { return s.abs("/") }
