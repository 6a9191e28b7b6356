package render

import (
	"strconv"
)

// PageSize is how many cards a list page shows: a list of any length stays small
// enough for a phone, and each further page has a stable URL, /insights/page/2/.
const PageSize = 24

// ActionsPageSize is how many actions a page of /actions/ shows.
const ActionsPageSize = 50

// ValuesPageSize is how many values a page of a facet's values shows
// (/analogies/by-domain/, then /analogies/by-domain/page/2/): a free-text facet
// has about a value an entry, and a page of 500 is some 80 KB.
var ValuesPageSize = 500

// Pager is where a page sits in a paginated list.
type Pager struct {
	Number int    // this page's, from 1
	Count  int    // how many pages the list has
	Total  int    // how many items the whole list has
	First  int    // the place of this page's first item in the list, from 1
	Last   int    // and of its last
	Base   string // the list's first page: "/insights/"
	Prev   string // the previous page's URL, "" on the first
	Next   string // the next page's URL, "" on the last
}

// URLOf is the URL of page n of the list: the base for the first,
// base + "page/<n>/" for the others, as Hugo and Zola paginate.
func (p *Pager) URLOf(n int) string { return pageURL(p.Base, n) }

func pageURL(base string, n int) string {
	if n <= 1 {
		return base
	}
	return base + "page/" + strconv.Itoa(n) + "/"
}

// PageLink is one link of a pager's navigation.
type PageLink struct {
	Number  int
	URL     string
	Current bool
	Gap     bool // an ellipsis stands here instead of a link
}

// Links are the pages to offer from this one: the first, the last, and the two on
// either side of this one, with gaps between.
func (p *Pager) Links() []PageLink {
	var out []PageLink
	last := 0
	for n := 1; n <= p.Count; n++ {
		if n != 1 && n != p.Count && (n < p.Number-2 || n > p.Number+2) {
			continue
		}
		if last != 0 && n > last+1 {
			out = append(out, PageLink{Gap: true})
		}
		out = append(out, PageLink{Number: n, URL: pageURL(p.Base, n), Current: n == p.Number})
		last = n
	}
	return out
}

// chunks splits a list into pages of size, each with its pager; an empty list is
// one empty page.
func chunks[T any](base string, l []T, size int) ([][]T, []*Pager) {
	count := max(1, (len(l)+size-1)/size)
	parts := make([][]T, count)
	pagers := make([]*Pager, count)
	for i := range count {
		lo, hi := i*size, min((i+1)*size, len(l))
		parts[i] = l[lo:hi]
		p := &Pager{Number: i + 1, Count: count, Total: len(l), First: lo + 1, Last: hi, Base: base}
		if i > 0 {
			p.Prev = pageURL(base, i)
		}
		if i+1 < count {
			p.Next = pageURL(base, i+2)
		}
		pagers[i] = p
	}
	return parts, pagers
}
