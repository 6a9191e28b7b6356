package render

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"time"

	"github.com/playbookhq/playbook/builder/site"
)

func feedTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func atomFeed(s *site.Site, fd *site.Feed) ([]byte, error) {
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
		Title: fd.Title, Subtitle: s.Description, ID: s.Abs(fd.URL),
		Links: []link{{Rel: "self", Type: "application/atom+xml", Href: s.Abs(fd.Atom())}, {Rel: "alternate", Type: "text/html", Href: s.Abs(fd.URL)}},
	}
	if s.Organisation != "" {
		f.Author = &person{Name: s.Organisation}
	}
	var newest time.Time
	for _, e := range fd.Entries {
		it := entry{
			Title: e.Type.One + ": " + e.Title, ID: e.Permalink, Link: link{Rel: "alternate", Type: "text/html", Href: e.Permalink},
			Published: feedTime(e.Date), Updated: feedTime(e.Modified()), Summary: e.Summary,
			Category: []category{{Term: e.Type.Singular, Label: e.Type.One}},
		}
		for _, a := range e.Authors {
			it.Authors = append(it.Authors, person{a})
		}
		for _, t := range e.Themes {
			it.Category = append(it.Category, category{Term: site.TermSlug(t), Label: t})
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

func jsonFeed(s *site.Site, fd *site.Feed) ([]byte, error) {
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
	f := feed{Version: "https://jsonfeed.org/version/1.1", Title: fd.Title, HomePageURL: s.Abs(fd.URL), FeedURL: s.Abs(fd.JSON()), Description: s.Description, Language: s.Language, Items: []item{}}
	if s.Organisation != "" {
		f.Authors = []author{{s.Organisation}}
	}
	for _, e := range fd.Entries {
		it := item{ID: e.Permalink, URL: e.Permalink, Title: e.Type.One + ": " + e.Title, Summary: e.Summary, ContentText: e.Summary,
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

// SitemapLimit is the most URLs one sitemap file lists: the sitemaps.org
// protocol's limit, which search engines hold to. A site with more has
// /sitemap.xml as an index of parts, /sitemap-1.xml, /sitemap-2.xml…, as Zola's has.
var SitemapLimit = 50000

// sitemapSize is how many URLs the sitemap lists.
func sitemapSize(s *site.Site) int {
	n := 0
	sitemapURLs(s, func(string, time.Time) { n++ })
	return n
}

// sitemapURLs calls yield with each URL the sitemap lists, in order, and the date
// an entry was last changed (zero for the other pages).
func sitemapURLs(s *site.Site, yield func(u string, mod time.Time)) {
	yield("/", time.Time{})
	for _, sec := range s.Sections {
		yield(sec.URL(), time.Time{})
		for _, e := range sec.Entries {
			yield(e.URL, e.Modified())
		}
	}
	for _, u := range []string{"/themes/", "/tags/", "/actions/", "/pack/"} {
		yield(u, time.Time{})
	}
	for _, terms := range [][]*site.Term{s.Themes, s.Tags} {
		for _, t := range terms {
			yield(t.URL(), time.Time{})
		}
	}
}

// sitemapPart writes the URLs from the first to the first+SitemapLimit-th, or
// all of them when the sitemap is one file.
func sitemapPart(s *site.Site, first int) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	i := 0
	sitemapURLs(s, func(u string, mod time.Time) {
		if i >= first && i < first+SitemapLimit {
			b.WriteString("  <url><loc>")
			xml.EscapeText(&b, []byte(s.Abs(u)))
			b.WriteString("</loc>")
			if !mod.IsZero() {
				b.WriteString("<lastmod>" + mod.Format(time.DateOnly) + "</lastmod>")
			}
			b.WriteString("</url>\n")
		}
		i++
	})
	b.WriteString("</urlset>\n")
	return b.Bytes(), nil
}

// sitemapPartPath is the path of the nth part (from 1) of a sitemap in parts.
func sitemapPartPath(n int) string { return fmt.Sprintf("sitemap-%d.xml", n) }

// sitemapIndex lists the parts of a sitemap of more than SitemapLimit URLs.
func sitemapIndex(s *site.Site, parts int) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for n := 1; n <= parts; n++ {
		b.WriteString("  <sitemap><loc>")
		xml.EscapeText(&b, []byte(s.Abs("/"+sitemapPartPath(n))))
		b.WriteString("</loc></sitemap>\n")
	}
	b.WriteString("</sitemapindex>\n")
	return b.Bytes(), nil
}

// redirects writes Netlify's _redirects: every alias to its entry, permanently.
func redirects(s *site.Site) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("# Old URLs of entries (their aliases), generated by playbook build.\n")
	for _, e := range s.Entries {
		for _, a := range e.Aliases {
			fmt.Fprintf(&b, "%s %s 301\n", s.BasePath()+AliasURL(a)[1:], s.BasePath()+e.URL[1:])
		}
	}
	return b.Bytes(), nil
}
