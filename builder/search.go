package builder

import (
	"bytes"
	"encoding/json"
	"hash/maphash"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
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

// searchFile is one file of the index, with the key of its output: a hash of its
// bytes and path.
type searchFile struct {
	path string
	data []byte
	key  uint64
}

func (f *searchFile) set(data []byte, seed maphash.Seed) {
	f.data = data
	f.key = newKeyer(seed, maphash.Bytes(seed, data)).str(f.path).sum()
}

// searchTerms is what the index reads from one entry. The entry keeps it while its
// file and the labels of its body links are unchanged, so that a rebuild reads
// again only the bodies that changed. Once numbered it does not change: an index
// may hold it as what the entry was.
type searchTerms struct {
	labels uint64                 // the body links it was read with (Entry.linked.key)
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
	index  *searchIndex // the last index made of terms numbered here
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

// searchIndex is the index of one build's published entries. The vocabulary keeps
// it (and the entries the vocabulary), so that the next build updates it: when the
// documents and their order are the same (a body or a title edit changes neither),
// it applies the terms each changed document gained and lost to the postings and
// writes again only the shards of those terms, the files of the documents whose
// record changed, and meta.js when a shard came or went; every other file keeps
// its bytes and key. Any other change makes the index again. Both ways write the
// same bytes.
type searchIndex struct {
	vocab    *searchVocab
	seed     maphash.Seed
	entries  []*Entry          // the published entries, in the site's order
	order    []int32           // document n is entries[order[n]]: newest first
	docs     []*searchTerms    // by document number
	post     []postings        // by term number
	shards   [2][]*searchShard // a/ and b/, by prefix
	byPrefix [2]map[string]*searchShard
	meta     searchFile
	chunks   []searchFile // d/
}

// postings are the documents that have one term, by class, ascending.
type postings [searchClasses][]int32

// inA and inB tell whether a term with these postings is in an a/ and a b/ shard.
// A short term is two characters long: its prefix for a/.
func (p *postings) inA(short bool) bool {
	return len(p[inTitle]) > 0 || len(p[inFields]) > 0 || short && len(p[inBody]) > 0
}

func (p *postings) inB(short bool) bool { return !short && len(p[inBody]) > 0 }

// searchShard is one file of terms, in a/ (dir 0) or b/ (dir 1).
type searchShard struct {
	searchFile
	dir    int
	prefix string
	terms  []int32 // by name
}

const shardDirs = "ab"

// shardOf is the prefix of t's shard in dir, and whether t is short (all of it in a/).
func shardOf(dir int, t string) (prefix string, short bool) {
	two := runePrefix(t, 2)
	if dir == 0 {
		return two, two == t
	}
	return runePrefix(t, 3), two == t
}

// searchOutputs adds the index to the site's outputs. A file's key is a hash of its
// bytes, kept from the last build for the files an update leaves alone.
func searchOutputs(s *Site, seed maphash.Seed) []*output {
	ix := indexSearch(s.Entries, seed)
	files := make([]*searchFile, 0, len(ix.shards[0])+len(ix.shards[1])+1+len(ix.chunks))
	for _, l := range ix.shards {
		for _, sh := range l {
			files = append(files, &sh.searchFile)
		}
	}
	files = append(files, &ix.meta)
	for i := range ix.chunks {
		files = append(files, &ix.chunks[i])
	}
	outs := make([]*output, len(files))
	all := make([]output, len(files))
	for i, f := range files {
		data := f.data
		all[i] = output{path: f.path, url: "/" + f.path, gen: func() ([]byte, error) { return data, nil }, key: f.key}
		outs[i] = &all[i]
	}
	return outs
}

// indexSearch returns the index of entries, the site's published entries: the
// last one updated when it can be, else a new one.
func indexSearch(entries []*Entry, seed maphash.Seed) *searchIndex {
	vocab := readTerms(entries)
	if ix := vocab.index; ix != nil && ix.seed == seed && ix.update(entries) {
		return ix
	}
	ix := newSearchIndex(entries, vocab, seed)
	vocab.index = ix
	return ix
}

// readTerms gives every entry its terms, numbered: it reads again the entries that
// changed or whose body links read differently, and returns the vocabulary.
func readTerms(entries []*Entry) *searchVocab {
	var vocab *searchVocab
	var stale []*Entry
	for _, e := range entries {
		if st := e.search; st != nil && st.labels == e.linked.key {
			if vocab == nil {
				vocab = st.vocab
			}
			continue
		}
		stale = append(stale, e)
	}
	// Reading bodies is the bulk of the work: spread it over the cores.
	var next atomic.Int64
	read := func() {
		var t tokenizer
		for {
			i := int(next.Add(1) - 1)
			if i >= len(stale) {
				return
			}
			t.read(stale[i])
		}
	}
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), (len(stale)+15)/16) - 1 {
		wg.Go(read)
	}
	read()
	wg.Wait()
	if vocab == nil {
		vocab = &searchVocab{byName: map[string]int32{}}
	}
	for _, e := range entries {
		st := e.search
		if st.vocab == vocab {
			continue
		}
		if st.vocab != nil {
			// Numbered by a vocabulary no longer in use (the entry was hidden for
			// a while): an index of that one may hold st, which stays as it is.
			c := *st
			c.ids = [searchClasses][]int32{}
			st = &c
			e.search = st
		}
		vocab.number(st)
	}
	return vocab
}

// newSearchIndex makes the index of entries, whose terms vocab numbered.
func newSearchIndex(entries []*Entry, vocab *searchVocab, seed maphash.Seed) *searchIndex {
	ix := &searchIndex{vocab: vocab, seed: seed, entries: slices.Clone(entries), order: make([]int32, len(entries))}
	for i := range ix.order {
		ix.order[i] = int32(i)
	}
	// Paths are unique: no two documents tie.
	slices.SortFunc(ix.order, func(a, b int32) int {
		x, y := entries[a], entries[b]
		if c := y.Date.Compare(x.Date); c != 0 {
			return c
		}
		return strings.Compare(x.Path, y.Path)
	})
	ix.docs = make([]*searchTerms, len(entries))
	for n, i := range ix.order {
		ix.docs[n] = entries[i].search
	}
	names := vocab.names
	ix.post = invert(ix.docs, len(names))

	sorted := make([]int32, 0, len(names))
	for i, p := range ix.post {
		if len(p[inTitle])+len(p[inFields])+len(p[inBody]) > 0 {
			sorted = append(sorted, int32(i))
		}
	}
	slices.SortFunc(sorted, func(a, b int32) int { return strings.Compare(names[a], names[b]) })
	// Terms in order make their shards' prefixes in order.
	for dir := range ix.shards {
		ix.byPrefix[dir] = map[string]*searchShard{}
	}
	var cur [2]*searchShard
	for _, id := range sorted {
		p := &ix.post[id]
		for dir := range ix.shards {
			prefix, short := shardOf(dir, names[id])
			if dir == 0 && !p.inA(short) || dir == 1 && !p.inB(short) {
				continue
			}
			if cur[dir] == nil || cur[dir].prefix != prefix {
				cur[dir] = ix.newShard(dir, prefix)
				ix.shards[dir] = append(ix.shards[dir], cur[dir])
			}
			cur[dir].terms = append(cur[dir].terms, id)
		}
	}
	ix.chunks = make([]searchFile, (len(ix.docs)+searchChunk-1)/searchChunk)
	for i := range ix.chunks {
		ix.chunks[i].path = searchDir + "d/" + strconv.Itoa(i) + ".js"
	}

	// Encoding the files, spread over the cores.
	jobs := len(ix.shards[0]) + len(ix.shards[1]) + len(ix.chunks)
	var next atomic.Int64
	write := func() {
		var buf []byte
		for {
			i := int(next.Add(1) - 1)
			switch {
			case i >= jobs:
				return
			case i < len(ix.shards[0]):
				buf = ix.writeShard(buf, ix.shards[0][i])
			case i < len(ix.shards[0])+len(ix.shards[1]):
				buf = ix.writeShard(buf, ix.shards[1][i-len(ix.shards[0])])
			default:
				buf = ix.writeChunk(buf, i-len(ix.shards[0])-len(ix.shards[1]))
			}
		}
	}
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) - 1 {
		wg.Go(write)
	}
	write()
	wg.Wait()
	ix.writeMeta()
	return ix
}

func (ix *searchIndex) newShard(dir int, prefix string) *searchShard {
	sh := &searchShard{dir: dir, prefix: prefix}
	sh.path = searchDir + shardDirs[dir:dir+1] + "/" + shardFile(prefix) + ".js"
	ix.byPrefix[dir][prefix] = sh
	return sh
}

// invert lists, for every term, the documents that have it, by class.
func invert(docs []*searchTerms, terms int) []postings {
	count := make([]int32, terms*searchClasses)
	total := 0
	for _, d := range docs {
		for c, ids := range d.ids {
			for _, id := range ids {
				count[int(id)*searchClasses+c]++
			}
			total += len(ids)
		}
	}
	// One array holds every list, each with room for itself only: adding a
	// document to a list later moves it out.
	all := make([]int32, total)
	post := make([]postings, terms)
	at := 0
	for id := range post {
		for c := range searchClasses {
			n := int(count[id*searchClasses+c])
			post[id][c] = all[at : at : at+n]
			at += n
		}
	}
	for n, d := range docs {
		for c, ids := range d.ids {
			for _, id := range ids {
				post[id][c] = append(post[id][c], int32(n))
			}
		}
	}
	return post
}

// update brings the index up to date with entries when they are the same
// documents in the same order, and reports whether they were.
func (ix *searchIndex) update(entries []*Entry) bool {
	if len(entries) != len(ix.entries) {
		return false
	}
	changed := 0
	for i, e := range entries {
		if old := ix.entries[i]; old != e {
			if old.Path != e.Path || !old.Date.Equal(e.Date) {
				return false
			}
		}
	}
	for n, i := range ix.order {
		if entries[i].search != ix.docs[n] {
			changed++
		}
	}
	if changed == 0 {
		copy(ix.entries, entries)
		return true
	}
	if changed > len(entries)/2 {
		return false // as quick to make again
	}
	copy(ix.entries, entries)

	names := ix.vocab.names
	if n := len(names) - len(ix.post); n > 0 {
		ix.post = append(ix.post, make([]postings, n)...)
	}
	// The terms whose documents changed: where they were, and in which classes
	// they changed.
	type change struct {
		id         int32
		wasA, wasB bool
		classes    int
	}
	var changes []change
	changeOf := map[int32]int{}
	chunks := map[int]bool{}
	for n, i := range ix.order {
		st, old := entries[i].search, ix.docs[n]
		if st == old {
			continue
		}
		ix.docs[n] = st
		if !bytes.Equal(st.record, old.record) {
			chunks[n/searchChunk] = true
		}
		for c := range searchClasses {
			diffTerms(old.ids[c], st.ids[c], func(id int32, added bool) {
				k, ok := changeOf[id]
				p := &ix.post[id]
				if !ok {
					_, short := shardOf(0, names[id])
					k = len(changes)
					changeOf[id] = k
					changes = append(changes, change{id: id, wasA: p.inA(short), wasB: p.inB(short)})
				}
				changes[k].classes |= 1 << c
				j, found := slices.BinarySearch(p[c], int32(n))
				switch {
				case added && !found:
					p[c] = slices.Insert(p[c], j, int32(n))
				case !added && found:
					p[c] = slices.Delete(p[c], j, j+1)
				}
			})
		}
	}

	// The shards of those terms, with the terms they gain or lose.
	dirty := map[*searchShard]bool{}
	shardsChanged := false
	for _, ch := range changes {
		t, p := names[ch.id], &ix.post[ch.id]
		for dir := range ix.shards {
			prefix, short := shardOf(dir, t)
			was, is, classes := ch.wasA, p.inA(short), 1<<inTitle|1<<inFields
			if short {
				classes |= 1 << inBody
			}
			if dir == 1 {
				was, is, classes = ch.wasB, p.inB(short), 1<<inBody
			}
			if !was && !is || was == is && ch.classes&classes == 0 {
				continue
			}
			sh := ix.byPrefix[dir][prefix]
			if sh == nil {
				sh = ix.newShard(dir, prefix)
				j, _ := slices.BinarySearchFunc(ix.shards[dir], prefix, func(s *searchShard, p string) int { return strings.Compare(s.prefix, p) })
				ix.shards[dir] = slices.Insert(ix.shards[dir], j, sh)
				shardsChanged = true
			}
			if was != is {
				j, _ := slices.BinarySearchFunc(sh.terms, t, func(id int32, t string) int { return strings.Compare(names[id], t) })
				if is {
					sh.terms = slices.Insert(sh.terms, j, ch.id)
				} else {
					sh.terms = slices.Delete(sh.terms, j, j+1)
				}
			}
			dirty[sh] = true
		}
	}
	var buf []byte
	for sh := range dirty {
		if len(sh.terms) > 0 {
			buf = ix.writeShard(buf, sh)
			continue
		}
		delete(ix.byPrefix[sh.dir], sh.prefix)
		ix.shards[sh.dir] = slices.DeleteFunc(ix.shards[sh.dir], func(s *searchShard) bool { return s == sh })
		shardsChanged = true
	}
	for i := range chunks {
		buf = ix.writeChunk(buf, i)
	}
	if shardsChanged {
		ix.writeMeta()
	}
	return true
}

// diffTerms calls fn with each term of old not in new (added false), and each of
// new not in old (added true).
func diffTerms(old, new []int32, fn func(id int32, added bool)) {
	a, b := slices.Clone(old), slices.Clone(new)
	slices.Sort(a)
	slices.Sort(b)
	for len(a) > 0 || len(b) > 0 {
		switch {
		case len(b) == 0 || len(a) > 0 && a[0] < b[0]:
			fn(a[0], false)
			a = a[1:]
		case len(a) == 0 || b[0] < a[0]:
			fn(b[0], true)
			b = b[1:]
		default:
			a, b = a[1:], b[1:]
		}
	}
}

// writeShard writes a shard's file, using buf as scratch space, and returns it.
func (ix *searchIndex) writeShard(buf []byte, sh *searchShard) []byte {
	names := ix.vocab.names
	b := append(buf[:0], "PlaybookSearch.add("...)
	b = strconv.AppendQuote(b, shardDirs[sh.dir:sh.dir+1]+":"+sh.prefix)
	b = append(b, ",{"...)
	for i, id := range sh.terms {
		if i > 0 {
			b = append(b, ',')
		}
		t, p := names[id], &ix.post[id]
		b = appendJSONString(b, t)
		b = append(b, `:["`...)
		if sh.dir == 1 {
			b = appendPostings(b, p[inBody])
		} else {
			b = appendPostings(b, p[inTitle])
			b = append(b, `","`...)
			b = appendPostings(b, p[inFields])
			if t == sh.prefix { // a short term: all of it in a/
				b = append(b, `","`...)
				b = appendPostings(b, p[inBody])
			}
		}
		b = append(b, `"]`...)
	}
	b = append(b, "});\n"...)
	sh.set(bytes.Clone(b), ix.seed)
	return b
}

// writeChunk writes the documents of chunk i, using buf as scratch space, and
// returns it.
func (ix *searchIndex) writeChunk(buf []byte, i int) []byte {
	n := strconv.Itoa(i)
	b := append(buf[:0], `PlaybookSearch.add("d:`+n+`",[`...)
	for j, d := range ix.docs[i*searchChunk : min((i+1)*searchChunk, len(ix.docs))] {
		if j > 0 {
			b = append(b, ',')
		}
		b = append(b, d.record...)
	}
	b = append(b, "]);\n"...)
	ix.chunks[i].set(bytes.Clone(b), ix.seed)
	return b
}

// writeMeta writes meta.js.
func (ix *searchIndex) writeMeta() {
	type typeInfo struct {
		Name     string `json:"name"`
		Singular string `json:"singular"`
		One      string `json:"one"`
		Title    string `json:"title"`
	}
	var prefixes [2][]string
	for dir, l := range ix.shards {
		for _, sh := range l {
			prefixes[dir] = append(prefixes[dir], sh.prefix)
		}
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
	}{N: len(ix.docs), Chunk: searchChunk, A: strings.Join(prefixes[0], " "), B: strings.Join(prefixes[1], " "), Fold: map[string]string{}}
	typeNum := map[*Type]byte{}
	for i, t := range Types {
		meta.Types = append(meta.Types, typeInfo{t.Name, t.Singular, t.One, t.Title})
		typeNum[t] = byte('0' + i)
	}
	doc := make([]byte, len(ix.order))
	for n, i := range ix.order {
		doc[n] = typeNum[ix.entries[i].Type]
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
	ix.meta.path = searchDir + "meta.js"
	ix.meta.set(scriptCall("meta", meta), ix.seed)
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
