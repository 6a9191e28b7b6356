package builder

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"sort"
	"time"
)

// feedSize is how many entries the site feeds carry, newest first.
const feedSize = 100

// Feed is one Atom feed and its JSON Feed twin: the site's, a type's or a theme's.
type Feed struct {
	Title   string // "Harbour City Playbook: Insights"
	URL     string // the page the feed follows: "/insights/"
	entries []*Entry
}

// Atom and JSON are the feeds' site-relative URLs.
func (f *Feed) Atom() string { return f.URL + "feed.xml" }
func (f *Feed) JSON() string { return f.URL + "feed.json" }

// feeds lists every feed of the site: the site's own, one per type of the method,
// one per theme.
func feeds(s *Site) []*Feed {
	out := []*Feed{{Title: s.Title, URL: "/", entries: feedEntries(s, s.Entries)}}
	for _, sec := range s.Steps() {
		out = append(out, &Feed{Title: s.Title + ": " + sec.Title, URL: sec.URL(), entries: feedEntries(s, sec.Entries)})
	}
	for _, t := range s.Themes {
		out = append(out, &Feed{Title: s.Title + ": " + t.Name, URL: t.URL(), entries: feedEntries(s, t.Entries)})
	}
	return out
}

// feedEntries are the entries a feed announces: insights, analogies and experiences
// when they are added, sessions once they have run.
func feedEntries(s *Site, from []*Entry) []*Entry {
	var l []*Entry
	for _, e := range from {
		switch {
		case e.Type == typePage, e.Date.IsZero():
		case e.Type == typeSession && !e.hasRun(s.Today):
		default:
			l = append(l, e)
		}
	}
	sort.SliceStable(l, func(i, j int) bool {
		if !l[i].Date.Equal(l[j].Date) {
			return l[i].Date.After(l[j].Date)
		}
		return l[i].Path < l[j].Path
	})
	return l[:min(len(l), feedSize)]
}

func feedTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func atomFeed(s *Site, fd *Feed) ([]byte, error) {
	type link struct {
		Rel  string `xml:"rel,attr,omitempty"`
		Type string `xml:"type,attr,omitempty"`
		Href string `xml:"href,attr"`
	}
	type person struct {
		Name string `xml:"name"`
	}
	type category struct {
		Term  string `xml:"term,attr"`
		Label string `xml:"label,attr,omitempty"`
	}
	type entry struct {
		Title     string     `xml:"title"`
		ID        string     `xml:"id"`
		Link      link       `xml:"link"`
		Published string     `xml:"published"`
		Updated   string     `xml:"updated"`
		Authors   []person   `xml:"author"`
		Category  []category `xml:"category"`
		Summary   string     `xml:"summary"`
	}
	type feed struct {
		XMLName  xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		Title    string   `xml:"title"`
		Subtitle string   `xml:"subtitle,omitempty"`
		ID       string   `xml:"id"`
		Updated  string   `xml:"updated"`
		Links    []link   `xml:"link"`
		Author   *person  `xml:"author,omitempty"`
		Entries  []entry  `xml:"entry"`
	}
	f := feed{
		Title: fd.Title, Subtitle: s.Description, ID: s.abs(fd.URL),
		Links: []link{{Rel: "self", Type: "application/atom+xml", Href: s.abs(fd.Atom())}, {Rel: "alternate", Type: "text/html", Href: s.abs(fd.URL)}},
	}
	if s.Organisation != "" {
		f.Author = &person{Name: s.Organisation}
	}
	var newest time.Time
	for _, e := range fd.entries {
		it := entry{
			Title: e.Type.One + ": " + e.Title, ID: e.Permalink(), Link: link{Rel: "alternate", Type: "text/html", Href: e.Permalink()},
			Published: feedTime(e.Date), Updated: feedTime(e.Modified()), Summary: e.Summary,
			Category: []category{{Term: e.Type.Singular, Label: e.Type.One}},
		}
		for _, a := range e.Authors {
			it.Authors = append(it.Authors, person{a})
		}
		for _, t := range e.Themes {
			it.Category = append(it.Category, category{Term: termSlug(t), Label: t})
		}
		if e.Modified().After(newest) {
			newest = e.Modified()
		}
		f.Entries = append(f.Entries, it)
	}
	if newest.IsZero() {
		newest = s.Today
	}
	f.Updated = feedTime(newest)
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

func jsonFeed(s *Site, fd *Feed) ([]byte, error) {
	type author struct {
		Name string `json:"name"`
	}
	type item struct {
		ID            string   `json:"id"`
		URL           string   `json:"url"`
		Title         string   `json:"title"`
		Summary       string   `json:"summary,omitempty"`
		ContentText   string   `json:"content_text"`
		DatePublished string   `json:"date_published"`
		DateModified  string   `json:"date_modified,omitempty"`
		Authors       []author `json:"authors,omitempty"`
		Tags          []string `json:"tags,omitempty"`
	}
	type feed struct {
		Version     string   `json:"version"`
		Title       string   `json:"title"`
		HomePageURL string   `json:"home_page_url"`
		FeedURL     string   `json:"feed_url"`
		Description string   `json:"description,omitempty"`
		Language    string   `json:"language,omitempty"`
		Authors     []author `json:"authors,omitempty"`
		Items       []item   `json:"items"`
	}
	f := feed{Version: "https://jsonfeed.org/version/1.1", Title: fd.Title, HomePageURL: s.abs(fd.URL), FeedURL: s.abs(fd.JSON()), Description: s.Description, Language: s.Language, Items: []item{}}
	if s.Organisation != "" {
		f.Authors = []author{{s.Organisation}}
	}
	for _, e := range fd.entries {
		it := item{ID: e.Permalink(), URL: e.Permalink(), Title: e.Type.One + ": " + e.Title, Summary: e.Summary, ContentText: e.Summary,
			DatePublished: feedTime(e.Date), DateModified: feedTime(e.Modified()), Tags: append([]string{e.Type.Singular}, e.Themes...)}
		for _, a := range e.Authors {
			it.Authors = append(it.Authors, author{a})
		}
		f.Items = append(f.Items, it)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	err := enc.Encode(f)
	return b.Bytes(), err
}

func sitemap(s *Site) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	loc := func(u string, mod time.Time) {
		b.WriteString("  <url><loc>")
		xml.EscapeText(&b, []byte(s.abs(u)))
		b.WriteString("</loc>")
		if !mod.IsZero() {
			b.WriteString("<lastmod>" + mod.Format(time.DateOnly) + "</lastmod>")
		}
		b.WriteString("</url>\n")
	}
	loc("/", time.Time{})
	for _, sec := range s.Sections {
		loc(sec.URL(), time.Time{})
		for _, e := range sec.Entries {
			loc(e.URL(), e.Modified())
		}
	}
	for _, u := range []string{"/themes/", "/tags/", "/actions/", "/pack/"} {
		loc(u, time.Time{})
	}
	for _, terms := range [][]*Term{s.Themes, s.Tags} {
		for _, t := range terms {
			loc(t.URL(), time.Time{})
		}
	}
	b.WriteString("</urlset>\n")
	return b.Bytes(), nil
}

// redirects writes Netlify's _redirects: every alias to its entry, permanently.
func redirects(s *Site) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("# Old URLs of entries (their aliases), generated by playbook build.\n")
	for _, e := range s.Entries {
		for _, a := range e.Aliases {
			fmt.Fprintf(&b, "%s %s 301\n", s.basePath+aliasURL(a)[1:], s.basePath+e.URL()[1:])
		}
	}
	return b.Bytes(), nil
}
