package search

import (
	"slices"
	"strconv"
	"strings"

	"github.com/playbookhq/playbook/builder/site"
)

// Live filters. A list page shows one page of cards; its script filters every
// entry of the type from one small file per type, search/data/filter-<type>.js:
//
//	n       how many entries the list has
//	docs    each entry's document number in the index, in the list's order
//	        (newest first): its card is drawn from the document files, d/<n>.js
//	title   each entry's place when the list is sorted by title
//	facets  each facet: name, title, the page of all its values (url), whether
//	        its values have an order of their own, the values as [slug, name],
//	        and has: for each entry, the numbers of its values (base 36, joined
//	        by "."), the entries joined by ","
//
// Filtering 10,000 entries from it takes a few milliseconds, and only the cards
// shown load their documents.

// filterFiles are the filter data of the sections that have facets.
func (x *Index) filterFiles(sections []*site.Section) []File {
	ix := x.last
	docOf := make([]int32, len(ix.order))
	for n, i := range ix.order {
		docOf[i] = int32(n)
	}
	var out []File
	for _, sec := range sections {
		if len(sec.Facets) == 0 {
			continue
		}
		out = append(out, filterFile(sec, docOf))
	}
	return out
}

func filterFile(sec *site.Section, docOf []int32) File {
	type facet struct {
		Name    string      `json:"name"`
		Title   string      `json:"title"`
		URL     string      `json:"url"`
		Term    string      `json:"term,omitempty"`
		Ordered bool        `json:"ordered,omitempty"`
		Values  [][2]string `json:"values"`
		Has     string      `json:"has"`
	}
	data := struct {
		N      int     `json:"n"`
		Docs   []int32 `json:"docs"`
		Title  []int32 `json:"title"`
		Facets []facet `json:"facets"`
	}{N: len(sec.Entries), Docs: make([]int32, len(sec.Entries)), Title: make([]int32, len(sec.Entries))}
	place := make(map[*site.Entry]int, len(sec.Entries))
	for i, e := range sec.Entries {
		data.Docs[i] = docOf[e.Index()]
		place[e] = i
	}
	lower := make([]string, len(sec.Entries))
	byTitle := make([]int, len(sec.Entries))
	for i, e := range sec.Entries {
		lower[i], byTitle[i] = strings.ToLower(e.Title), i
	}
	slices.SortStableFunc(byTitle, func(a, b int) int { return strings.Compare(lower[a], lower[b]) })
	for rank, i := range byTitle {
		data.Title[i] = int32(rank)
	}
	for _, f := range sec.Facets {
		fd := facet{Name: f.Name, Title: f.Title, URL: f.URL(), Term: f.Term, Ordered: f.Ordered}
		has := make([][]int, len(sec.Entries))
		for vi, v := range f.Values {
			fd.Values = append(fd.Values, [2]string{v.Slug, v.Name})
			for _, e := range v.Entries {
				has[place[e]] = append(has[place[e]], vi)
			}
		}
		var b strings.Builder
		for i, vs := range has {
			if i > 0 {
				b.WriteByte(',')
			}
			for j, v := range vs {
				if j > 0 {
					b.WriteByte('.')
				}
				b.WriteString(strconv.FormatInt(int64(v), 36))
			}
		}
		fd.Has = b.String()
		data.Facets = append(data.Facets, fd)
	}
	f := searchFile{path: searchDir + "filter-" + sec.Name + ".js"}
	f.set(scriptCall("filter-"+sec.Name, data))
	return File{f.path, f.data, f.key}
}
