package builder

import (
	"bytes"
	"encoding/json"
	"hash/maphash"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The search index. The build writes it from what it already parsed, as files the
// theme's search script loads on demand, so that the first search on a large
// playbook downloads little:
//
//	search/data/meta.js       the entry types, each document's type, the list of
//	                          shards, the folding table and the stop words
//	search/data/a/<pp>.js     terms starting with the two characters pp, with the
//	                          documents whose title or fields (summary, customer,
//	                          moment, domain, themes, tags...) have them
//	search/data/b/<ppp>.js    terms starting with ppp, with the documents whose body
//	                          (and long lists: evidence, questions, ideas...) has them
//	search/data/d/<n>.js      documents n×searchChunk onwards: title, slug, date,
//	                          summary and key fields, to show and highlight results
//
// Each file is a script that hands its data to window.PlaybookSearch.add, so that
// the index loads from file:// as well as over HTTP. Documents are numbered newest
// first; a term lists each document once, under the best place it appears in
// (title, then fields, then body), as ascending numbers coded by appendPostings.
//
// Terms are words folded to lower case without accents (searchtext.go: the script
// folds what is typed with the same table, which meta.js carries), one character
// long or more than searchMaxTerm bytes left out; stop words are left out of
// bodies only. Nothing is stemmed: the script matches what is typed as a prefix of
// terms.

const (
	searchDir     = "search/data/"
	searchChunk   = 16 // documents per file of documents
	searchMaxTerm = 40 // longer "words" are codes or URLs
	summaryRunes  = 240
)

// Term classes, best first.
const (
	inTitle = iota
	inFields
	inBody
	searchClasses
)

// searchFile is one file of the index.
type searchFile struct {
	path string
	data []byte
}

// searchDoc is one entry of the index.
type searchDoc struct {
	e *Entry
	*searchTerms
}

// searchTerms is what the index reads from one entry. The entry keeps it while its
// file and the labels of its body links are unchanged, so that a rebuild reads
// again only the bodies that changed.
type searchTerms struct {
	labels uint64                 // hash of the body links' text it was read with
	terms  [searchClasses]string  // distinct terms, each in its best class only, each followed by a space
	facts  [][2]string            // label and text, shown under the result
	record []byte                 // what a result shows, as a JSON list (appendRecord)
	vocab  *searchVocab           // what numbers the terms
	ids    [searchClasses][]int32 // the terms' numbers in vocab, in the same order
}

// searchVocab numbers terms, so that gathering the documents of each term is
// indexing, not hashing. A build numbers the terms of every entry it indexes; the
// entries keep their numbers, and the next build finds the vocabulary through them
// and numbers only what it read again. Numbers are never reused: a term no entry
// has any more keeps its number and lists no documents.
type searchVocab struct {
	byName map[string]int32
	names  []string
}

// number gives st's terms their numbers in v.
func (v *searchVocab) number(st *searchTerms) {
	st.vocab = v
	for c, terms := range st.terms {
		st.ids[c] = make([]int32, 0, strings.Count(terms, " "))
		for len(terms) > 0 {
			sp := strings.IndexByte(terms, ' ')
			t := terms[:sp]
			terms = terms[sp+1:]
			n, ok := v.byName[t]
			if !ok {
				n = int32(len(v.names))
				v.byName[t] = n
				v.names = append(v.names, t)
			}
			st.ids[c] = append(st.ids[c], n)
		}
	}
}

// searchFiles writes the search index of the site's published entries.
func searchFiles(s *Site) []searchFile {
	docs := make([]*searchDoc, len(s.Entries))
	for i, e := range s.Entries {
		docs[i] = &searchDoc{e: e}
	}
	sort.SliceStable(docs, func(i, j int) bool {
		a, b := docs[i].e, docs[j].e
		if !a.Date.Equal(b.Date) {
			return a.Date.After(b.Date)
		}
		return a.Path < b.Path
	})
	// Reading bodies is the bulk of the work: spread it over the cores.
	var wg sync.WaitGroup
	next := make(chan *searchDoc, 64)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var t tokenizer
			for d := range next {
				d.searchTerms = t.read(d.e)
			}
		})
	}
	for _, d := range docs {
		next <- d
	}
	close(next)
	wg.Wait()
	var vocab *searchVocab
	for _, d := range docs {
		if d.vocab != nil {
			vocab = d.vocab
			break
		}
	}
	if vocab == nil {
		vocab = &searchVocab{byName: map[string]int32{}}
	}
	for _, d := range docs {
		if d.vocab != vocab {
			vocab.number(d.searchTerms)
		}
	}

	var files []searchFile
	files = append(files, searchMeta(docs)...)
	files = append(files, searchDocs(docs)...)
	return files
}

// searchOutputs adds the index to the site's outputs. Each file's key is a hash of
// its bytes: a body edit rewrites the shards of the words it added or removed.
func searchOutputs(s *Site, seed maphash.Seed) []*output {
	var outs []*output
	for _, f := range searchFiles(s) {
		data := f.data
		outs = append(outs, &output{
			path: f.path, url: "/" + f.path,
			gen: func() ([]byte, error) { return data, nil },
			key: newKeyer(seed, maphash.Bytes(seed, data)).str(f.path).sum(),
		})
	}
	return outs
}

// postings are the documents that have one term, by class.
type postings [searchClasses][]int32

// searchMeta writes meta.js and the term shards.
func searchMeta(docs []*searchDoc) []searchFile {
	names, index := invert(docs)
	sorted := make([]int32, 0, len(names))
	for i, p := range index {
		if len(p[inTitle])+len(p[inFields])+len(p[inBody]) > 0 {
			sorted = append(sorted, int32(i))
		}
	}
	slices.SortFunc(sorted, func(a, b int32) int { return strings.Compare(names[a], names[b]) })

	// Shards: a/ by two characters for titles and fields (and the body of the
	// two-character term itself), b/ by three for bodies.
	type shard struct {
		dir, prefix string
		b           bytes.Buffer
	}
	shards := map[string]*shard{}
	var order []*shard
	entry := func(dir, prefix, term string, lists ...[]int32) {
		key := dir + prefix
		sh := shards[key]
		if sh == nil {
			sh = &shard{dir: dir, prefix: prefix}
			sh.b.WriteString("PlaybookSearch.add(" + strconv.Quote(dir+":"+prefix) + ",{")
			shards[key] = sh
			order = append(order, sh)
		} else {
			sh.b.WriteByte(',')
		}
		sh.b.Write(appendJSONString(sh.b.AvailableBuffer(), term))
		sh.b.WriteString(":[")
		for i, l := range lists {
			if i > 0 {
				sh.b.WriteByte(',')
			}
			sh.b.WriteByte('"')
			sh.b.Write(appendPostings(sh.b.AvailableBuffer(), l))
			sh.b.WriteByte('"')
		}
		sh.b.WriteByte(']')
	}
	for _, i := range sorted {
		t, p := names[i], &index[i]
		two, three := runePrefix(t, 2), runePrefix(t, 3)
		short := two == t // a two-character term: all of it in a/
		if len(p[inTitle]) > 0 || len(p[inFields]) > 0 || short && len(p[inBody]) > 0 {
			if short {
				entry("a", two, t, p[inTitle], p[inFields], p[inBody])
			} else {
				entry("a", two, t, p[inTitle], p[inFields])
			}
		}
		if !short && len(p[inBody]) > 0 {
			entry("b", three, t, p[inBody])
		}
	}

	var files []searchFile
	var a, b []string
	for _, sh := range order {
		sh.b.WriteString("});\n")
		files = append(files, searchFile{path: searchDir + sh.dir + "/" + shardFile(sh.prefix) + ".js", data: sh.b.Bytes()})
		if sh.dir == "a" {
			a = append(a, sh.prefix)
		} else {
			b = append(b, sh.prefix)
		}
	}

	type typeInfo struct {
		Name     string `json:"name"`
		Singular string `json:"singular"`
		One      string `json:"one"`
		Title    string `json:"title"`
	}
	meta := struct {
		N     int               `json:"n"`
		Chunk int               `json:"chunk"`
		Types []typeInfo        `json:"types"`
		Doc   string            `json:"doc"`
		A     string            `json:"a"`
		B     string            `json:"b"`
		Fold  map[string]string `json:"fold"`
		Stop  string            `json:"stop"`
	}{N: len(docs), Chunk: searchChunk, A: strings.Join(a, " "), B: strings.Join(b, " "), Fold: map[string]string{}}
	typeNum := map[*Type]byte{}
	for i, t := range Types {
		meta.Types = append(meta.Types, typeInfo{t.Name, t.Singular, t.One, t.Title})
		typeNum[t] = byte('0' + i)
	}
	doc := make([]byte, len(docs))
	for i, d := range docs {
		doc[i] = typeNum[d.e.Type]
	}
	meta.Doc = string(doc)
	for r, to := range foldTable {
		meta.Fold[string(r)] = to
	}
	stops := make([]string, 0, len(stopWords))
	for w := range stopWords {
		stops = append(stops, w)
	}
	slices.Sort(stops)
	meta.Stop = strings.Join(stops, " ")
	files = append(files, searchFile{path: searchDir + "meta.js", data: scriptCall("meta", meta)})
	return files
}

// invert lists, for every term, the documents that have it, by class.
func invert(docs []*searchDoc) ([]string, []postings) {
	if len(docs) == 0 {
		return nil, nil
	}
	vocab := docs[0].vocab
	index := make([]postings, len(vocab.names))
	for i, d := range docs {
		for c, ids := range d.ids {
			for _, n := range ids {
				index[n][c] = append(index[n][c], int32(i))
			}
		}
	}
	return vocab.names, index
}

// searchDocs writes the documents, searchChunk to a file.
func searchDocs(docs []*searchDoc) []searchFile {
	var files []searchFile
	for start := 0; start < len(docs); start += searchChunk {
		n := strconv.Itoa(start / searchChunk)
		b := []byte(`PlaybookSearch.add("d:` + n + `",[`)
		for i, d := range docs[start:min(start+searchChunk, len(docs))] {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, d.record...)
		}
		b = append(b, "]);\n"...)
		files = append(files, searchFile{path: searchDir + "d/" + n + ".js", data: b})
	}
	return files
}

// appendRecord appends what a result shows of an entry, as a JSON list: title,
// slug, date, summary, and its facts as label, text, label, text...
func appendRecord(b []byte, e *Entry, facts [][2]string) []byte {
	date := ""
	if !e.Date.IsZero() {
		date = e.Date.Format(time.DateOnly)
	}
	b = append(b, '[')
	for _, s := range []string{e.Title, e.Slug, date, shorten(e.Summary, summaryRunes)} {
		b = appendJSONString(b, s)
		b = append(b, ',')
	}
	b = append(b, '[')
	for i, f := range facts {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(append(appendJSONString(b, f[0]), ','), f[1])
	}
	return append(b, "]]"...)
}

// appendJSONString appends s as a JSON string that is also safe in a script:
// quotes, backslashes, control characters and the two line separators that
// JavaScript once did not accept in strings are escaped.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
		case c == 0xe2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xa8 || s[i+2] == 0xa9):
			b = append(b, `\u202`...)
			b = append(b, hex[s[i+2]&15])
			i += 3
			continue
		default:
			b = append(b, c)
		}
		i++
	}
	return append(b, '"')
}

// scriptCall is a script that hands v to PlaybookSearch.add under a name.
func scriptCall(name string, v any) []byte {
	var b bytes.Buffer
	b.WriteString("PlaybookSearch.add(" + strconv.Quote(name) + ",")
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v) // strings, numbers, lists and maps of them
	b.Truncate(b.Len() - 1)
	b.WriteString(");\n")
	return b.Bytes()
}

// runePrefix is s's first n characters (all of s when it is shorter).
func runePrefix(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// shardFile names a shard's file after its prefix: ASCII letters and digits as
// they are, other characters as "_<hex>_", so that names are safe everywhere.
func shardFile(prefix string) string {
	var b strings.Builder
	for _, r := range prefix {
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteString("_" + strconv.FormatInt(int64(r), 16) + "_")
		}
	}
	return b.String()
}

// postingDigits codes numbers in base 32, low digits first: a digit from the first
// half of the alphabet ends a number, one from the second half goes on.
const postingDigits = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"

// appendPostings codes an ascending list of document numbers: the first as is,
// each next one as its distance from the previous minus one.
func appendPostings(b []byte, l []int32) []byte {
	prev := int32(-1)
	for _, n := range l {
		v := uint32(n - prev - 1)
		prev = n
		for v >= 32 {
			b = append(b, postingDigits[32+v&31])
			v >>= 5
		}
		b = append(b, postingDigits[v])
	}
	return b
}

// decodePostings reverses appendPostings, for tests.
func decodePostings(s string) []int32 {
	var out []int32
	prev := int32(-1)
	var v uint32
	shift := 0
	for i := 0; i < len(s); i++ {
		d := uint32(strings.IndexByte(postingDigits, s[i]))
		if d >= 32 {
			v |= (d - 32) << shift
			shift += 5
			continue
		}
		v |= d << shift
		prev += int32(v) + 1
		out = append(out, prev)
		v, shift = 0, 0
	}
	return out
}
