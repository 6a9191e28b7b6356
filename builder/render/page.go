package render

import (
	"bytes"
	"fmt"
	"html/template"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/playbookhq/playbook/builder/content"
	"github.com/playbookhq/playbook/builder/model"
	"github.com/playbookhq/playbook/builder/site"
)

// Page is what every template receives. Fields are set by the kind of page; the
// methods show bodies and assets as seen from the page.
type Page struct {
	Site        *site.Site
	Kind        string // home, list, facet, entry, term, terms, actions, pack, search, 404, alias
	Title       string
	Description string
	URL         string // site-relative: "/insights/late-fees/"

	Entry   *site.Entry        // entry pages
	Section *site.Section      // list and facet pages
	Facet   *site.Facet        // facet pages
	Value   *site.FacetValue   // facet pages
	Term    *site.Term         // term pages
	Terms   []*site.Term       // terms pages
	Entries []*site.Entry      // list, facet and term pages: what the page lists
	Values  []*site.FacetValue // values pages: this page's share of the facet's values
	Target  string             // alias pages: the absolute URL redirected to
	Actions []*site.ActionItem // actions page: this page's share of them
	Pager   *Pager             // paginated lists: where this page sits; nil for others
	Groups  []MapGroup         // the map: this page's insights by theme

	rootRelative bool                 // 404.html is served at any path: links start at the base path
	dated        bool                 // the page is rendered again every day: it may show the day (AsOf)
	set          *template.Template   // the layout's template set, for Cache
	assets       map[string]string    // logical asset name → published path
	fragments    *sync.Map            // rendered pieces, for Cache
	direct       map[string]pieceFunc // pieces Piece calls in Go (Templates.direct)
}

// Rel returns a site-root URL as it is: the build makes every site-root URL in
// href, src and action attributes relative to the page once the page is rendered.
// Templates may write "/insights/x/" directly; Rel remains for themes written when
// they could not.
func (p *Page) Rel(u string) string { return u }

// Cache renders the theme's template name with args once and reuses the HTML on
// every page that asks again with the same arguments, in this build and, while the
// theme and the arguments are unchanged, later ones: for cards, the header, the
// footer and the other pieces that many pages show. The arguments may be the site,
// entries, sections, terms, text, numbers and booleans (never the page: a cached
// piece must read the same on every page, and writes site-root URLs).
func (p *Page) Cache(name string, args map[string]any) (template.HTML, error) {
	key, err := fragmentKey(name, args)
	if err != nil {
		return "", err
	}
	if v, ok := p.fragments.Load(key); ok {
		return v.(template.HTML), nil
	}
	var b bytes.Buffer
	if err := p.set.ExecuteTemplate(&b, name, args); err != nil {
		return "", err
	}
	h := template.HTML(b.String())
	p.fragments.Store(key, h)
	return h, nil
}

// Piece is Cache for a piece that shows one entry, as cards do, which many pages ask
// for: the template name receives {"E": e, key: value}. Its name in the cache is a
// pieceKey, which costs no map, no sorting and no string to build.
func (p *Page) Piece(name string, e *site.Entry, key string, value any) (template.HTML, error) {
	k := pieceKey{name: name, id: e.ID, card: e.CardKey, key: key}
	switch v := value.(type) {
	case string:
		k.text = v
	case int:
		k.kind, k.n = 'i', v
	case bool:
		k.kind = 'b'
		if v {
			k.n = 1
		}
	default:
		return "", fmt.Errorf("Piece %q: value %v is a %T: use text, a number or a boolean", name, v, v)
	}
	if v, ok := p.fragments.Load(k); ok {
		return v.(template.HTML), nil
	}
	args := map[string]any{"E": e, key: value}
	var h template.HTML
	if f := p.direct[name]; f != nil {
		var err error
		if h, err = f(args); err != nil {
			return "", err
		}
	} else {
		var out bytes.Buffer
		if err := p.set.ExecuteTemplate(&out, name, args); err != nil {
			return "", err
		}
		h = template.HTML(out.String())
	}
	p.fragments.Store(k, h)
	return h, nil
}

// Cards writes entries as the list items of a list of cards, each the cached
// "card" piece with its heading at level h: {{.Cards .Entries 3}} inside a <ul>.
// One call for all of a page's cards spares a list of twenty cards twenty calls
// of Piece, and as many escapes of their HTML.
func (p *Page) Cards(entries []*site.Entry, h int) (template.HTML, error) {
	cards := make([]template.HTML, len(entries))
	size := 0
	for i, e := range entries {
		c, err := p.Piece("card", e, "H", h)
		if err != nil {
			return "", err
		}
		cards[i] = c
		size += len(c) + len("\n<li></li>")
	}
	var b strings.Builder
	b.Grow(size)
	for _, c := range cards {
		b.WriteString("\n<li>")
		b.WriteString(string(c))
		b.WriteString("</li>")
	}
	return template.HTML(b.String()), nil
}

// pieceKey names a piece in the cache: the template, the entry with the hash of
// what its card shows, and the one argument beside it.
type pieceKey struct {
	name, id, key, text string
	card                uint64
	n                   int
	kind                byte // 0 text, 'i' a number, 'b' a boolean
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
		// Pieces live as long as the renderer: an entry, a section or a term names
		// its piece together with the hash of what it shows.
		case *site.Entry:
			b.WriteString("entry:" + v.ID + "@" + strconv.FormatUint(v.CardKey, 36))
		case *site.Section:
			b.WriteString("section:" + v.Name + "@" + strconv.FormatUint(v.Shape, 36))
		case *site.Term:
			b.WriteString("term:" + v.URL() + "@" + strconv.Itoa(len(v.Entries)))
		case *site.Site:
			b.WriteString("site") // what every page shows is in the renderer's salt
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
func (p *Page) Abs(u string) string { return p.Site.Abs(u) }

// Permalink is the page's absolute URL.
func (p *Page) Permalink() string { return p.Abs(p.URL) }

// Asset returns the link to a theme asset by its logical name ("main.css",
// "js/site.js"); in a build the published name carries a content hash.
func (p *Page) Asset(name string) (string, error) {
	if pub, ok := p.assets[name]; ok {
		return pub, nil
	}
	return "", fmt.Errorf("no asset named %q", name)
}

// ShareImage returns the absolute URL of the page's share card, for og:image: an
// entry's own card, or "" for other pages, which use the theme's. Cards are drawn
// for every published entry when a layout of the theme asks for them; the dev
// server draws none.
func (p *Page) ShareImage() string {
	if p.Entry == nil || p.Site.Serve || p.Kind != "entry" {
		return ""
	}
	return p.Abs(p.Entry.URL + "share.png")
}

// Content is the page's own body: the entry's, or the introduction of the home page
// or of a list page.
func (p *Page) Content() (template.HTML, error) {
	switch {
	case p.Entry != nil:
		return p.Body(p.Entry)
	case p.Kind == "home" && p.Site.Intro != nil:
		return p.intro(p.Site.Intro)
	case p.Section != nil && p.Section.Intro != nil && p.Kind == "list":
		return p.intro(p.Section.Intro)
	}
	return "", nil
}

func (p *Page) intro(d *content.Doc) (template.HTML, error) {
	if d.Body == nil {
		return "", nil
	}
	html, err := d.Body.HTML()
	return template.HTML(expand(html, p.Site.IntroLinks(d))), err
}

// Body is an entry's body with its links resolved (the pack shows every
// experience's body on one page).
func (p *Page) Body(e *site.Entry) (template.HTML, error) {
	if e == nil || e.Body() == nil {
		return "", nil
	}
	html, err := e.Body().HTML()
	return template.HTML(expand(html, e.Links())), err
}

// expand replaces the placeholders that mdext wrote (NUL, a letter, an index, NUL)
// with what each link became in this build.
func expand(src []byte, links []site.Link) string {
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
			if r.URL == "" {
				b.WriteString(escapeHTML(r.Text))
				continue
			}
			b.WriteString(`<a class="wikilink" href="`)
			b.WriteString(escapeHTML(r.URL))
			b.WriteString(`">`)
			b.WriteString(escapeHTML(r.Label))
			b.WriteString("</a>")
		case 'O': // opening a link to a content file
			if r.URL != "" {
				b.WriteString(`<a href="`)
				b.WriteString(escapeHTML(r.URL))
				b.WriteString(`">`)
			}
		case 'C':
			if r.URL != "" {
				b.WriteString("</a>")
			}
		case 'S': // the URL of a local file
			b.WriteString(escapeHTML(r.URL))
		}
	}
}

// Feeds are the feeds this page advertises with <link rel="alternate">: the site's,
// and on a list or theme page the feed of what it lists. An entry page names only
// the site's, as a Hugo or Zola page does: its type's feed is on its type's list.
func (p *Page) Feeds() []*site.Feed {
	out := []*site.Feed{p.Site.Feeds[0]}
	var want string
	switch {
	case p.Section != nil:
		want = p.Section.URL()
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

// SiteHeader is the theme's "site-header" template through Cache, with what it
// shows differently from page to page: Site, Kind (the page's), Here (its
// section's name) and URL (the page's own only for /themes/, whose link the header
// marks). base.html shows it as {{.SiteHeader}}: one action instead of eight.
func (p *Page) SiteHeader() (template.HTML, error) {
	u := ""
	if p.URL == "/themes/" {
		u = p.URL
	}
	return p.Cache("site-header", map[string]any{"Site": p.Site, "Kind": p.Kind, "Here": p.SectionName(), "URL": u})
}

// SiteFooter is the theme's "site-footer" template through Cache, with Site.
func (p *Page) SiteFooter() (template.HTML, error) {
	return p.Cache("site-footer", map[string]any{"Site": p.Site})
}

// SectionName is the type whose section the page belongs to ("insights"): its
// list page, a facet page of it, or one of its entries; "" for other pages. The
// header uses it to mark where you are.
func (p *Page) SectionName() string {
	switch {
	case p.Kind == "map":
		return ""
	case p.Section != nil:
		return p.Section.Name
	case p.Entry != nil && p.Kind == "entry":
		return p.Entry.Type.Name
	}
	return ""
}

var (
	headingTagRe = regexp.MustCompile(`<(/?)h([1-5])([ >])`)
	idAttrRe     = regexp.MustCompile(` (id|href)="(#?)`)
)

// ScopedBody is an entry's body for a page that shows several bodies (the pack):
// every id is prefixed with the entry's slug so that ids stay unique on the page,
// links to the body's own headings follow, and headings move one level down so they
// sit under the entry's title.
func (p *Page) ScopedBody(e *site.Entry) (template.HTML, error) {
	body, err := p.Body(e)
	if err != nil || body == "" {
		return "", err
	}
	src := string(body)
	prefix := e.Slug + "-"
	src = idAttrRe.ReplaceAllStringFunc(src, func(m string) string {
		sub := idAttrRe.FindStringSubmatch(m)
		switch {
		case sub[1] == "id":
			return ` id="` + prefix
		case sub[2] == "#":
			return ` href="#` + prefix
		}
		return m
	})
	src = headingTagRe.ReplaceAllStringFunc(src, func(m string) string {
		sub := headingTagRe.FindStringSubmatch(m)
		return "<" + sub[1] + "h" + string(rune(sub[2][0]+1)) + sub[3]
	})
	return template.HTML(src), nil
}

// EntriesByType groups the page's entries by type (theme and tag pages).
func (p *Page) EntriesByType() []site.EntryGroup { return site.GroupByType(p.Site, p.Entries) }

// ActionsWith returns the page's actions with one status: open, doing or done.
func (p *Page) ActionsWith(status string) []*site.ActionItem {
	var out []*site.ActionItem
	for _, a := range p.Actions {
		if a.Status == status {
			out = append(out, a)
		}
	}
	return out
}

// CountActions counts the site's actions with one status: open, doing or done. The
// site keeps its actions in the order of their statuses (site.SortActions), so the
// count is two binary searches: every page of the actions list asks for it.
func (p *Page) CountActions(status string) int {
	l := p.Site.Actions
	r := slices.Index(model.ActionStatuses, status)
	if r < 0 {
		return 0
	}
	rank := func(i int) int { return slices.Index(model.ActionStatuses, l[i].Status) }
	lo := sort.Search(len(l), func(i int) bool { return rank(i) >= r })
	hi := sort.Search(len(l), func(i int) bool { return rank(i) > r })
	return hi - lo
}

// OwnerActions sums up one owner's actions.
type OwnerActions struct {
	Owner                      string // "" for actions nobody owns
	Open, Doing, Done, Overdue int
	Items                      []*site.ActionItem
}

// ActionOwners sums up every action of the site per owner, by owner name; actions
// without an owner come last.
func (p *Page) ActionOwners() []*OwnerActions {
	by := map[string]*OwnerActions{}
	var out []*OwnerActions
	for _, a := range p.Site.Actions {
		o := by[a.Owner]
		if o == nil {
			o = &OwnerActions{Owner: a.Owner}
			by[a.Owner] = o
			out = append(out, o)
		}
		o.Items = append(o.Items, a)
		switch a.Status {
		case "done":
			o.Done++
		case "doing":
			o.Doing++
		default:
			o.Open++
		}
		if a.Overdue {
			o.Overdue++
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if (out[i].Owner == "") != (out[j].Owner == "") {
			return out[j].Owner == ""
		}
		return strings.ToLower(out[i].Owner) < strings.ToLower(out[j].Owner)
	})
	return out
}

// AsOf is the day the build is made for, on the pages that are rendered again
// every day (home, the facilitator pack, the latest sessions' slides, and those
// whose layout names .Site.Today); other pages are kept from one day to the
// next, and asking there is an error.
func (p *Page) AsOf() (time.Time, error) {
	if !p.dated {
		return time.Time{}, fmt.Errorf("AsOf: the %s page %s is kept from day to day and cannot show the date; use .Site.Today, which renders it every day", p.Kind, p.URL)
	}
	return p.Site.Today, nil
}

// DaysLeft is how many days remain before the page's entry's date (an upcoming
// session), 0 for today or the past, on an entry's page and the pages rendered
// every day; elsewhere it is an error. It is the entry's DaysUntil, but in the key
// of the entry's page alone: naming DaysUntil in a theme renders every page that
// lists the session every day while it is upcoming.
func (p *Page) DaysLeft() (int, error) {
	if p.Entry == nil || (p.Kind != "entry" && !p.dated) {
		return 0, fmt.Errorf("DaysLeft: the %s page %s shows no entry's days; use .Entry.DaysUntil", p.Kind, p.URL)
	}
	return p.Entry.DaysUntil(), nil
}

// OverdueBy is how many days past its due date an overdue action is, 0 otherwise,
// on the pages whose keys hold it: the entry page of the action's session or of an
// entry whose chain holds that session, the actions pages and the pages rendered
// every day. Elsewhere it is an error: use the action's DaysOverdue, which renders
// every page that lists it every day.
func (p *Page) OverdueBy(a *site.ActionItem) (int, error) {
	if p.dated || p.Kind == "actions" || (p.Kind == "entry" && (a.Session == p.Entry || slices.Contains(p.Entry.Sessions(), a.Session))) {
		return a.DaysOverdue(), nil
	}
	return 0, fmt.Errorf("OverdueBy: the %s page %s does not show the sessions of %q; use .DaysOverdue", p.Kind, p.URL, a.Action.Action)
}

// FirstActions returns at most n of the actions, for short previews.
func (p *Page) FirstActions(n int, l []*site.ActionItem) []*site.ActionItem {
	return l[:max(0, min(n, len(l)))]
}
