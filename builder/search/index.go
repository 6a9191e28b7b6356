// Package search makes the search index of a site. The build writes it from what
// it already parsed, as files the theme's search script loads on demand, so that
// the first search on a large playbook downloads little:
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
//	search/data/v/<n>.js      the terms of n characters (the vocabulary), for
//	                          finding what a word typed with a typo meant
//
// Each file is a script that hands its data to window.PlaybookSearch.add, so that
// the index loads from file:// as well as over HTTP. Documents are numbered newest
// first; a term lists each document once, under the best place it appears in
// (title, then fields, then body), as ascending numbers coded by appendPostings.
// A shard writes its terms without the prefix that its name gives (writeShard).
//
// Terms are words folded to lower case without accents (terms.go: the script
// folds what is typed with the same table, which meta.js carries), one character
// long or more than searchMaxTerm bytes left out; stop words are left out of
// bodies only. Nothing is stemmed: the script matches what is typed as a prefix of
// terms. A word of four characters or more that begins no term is taken for a
// typo: the script looks in the vocabulary, at the terms one or two characters
// longer or shorter than the word, for those one edit away from it (two for words
// of eight characters or more), and loads their shards. The vocabulary is about a
// byte per term and what front coding leaves of it (writeVocab): a few percent of
// the index, which the shards' shorter terms make up for.
package search

import (
	"bytes"
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/playbookhq/playbook/builder/content"
	"github.com/playbookhq/playbook/builder/internal/keys"
	"github.com/playbookhq/playbook/builder/internal/work"
	"github.com/playbookhq/playbook/builder/site"
)

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

func (f *searchFile) set(data []byte) {
	f.data = data
	f.key = keys.New(keys.Bytes(data)).Str(f.path).Sum()
}

// searchTerms is what the index reads from one entry. The entry keeps it while its
// file and the labels of its body links are unchanged, so that a rebuild reads
// again only the bodies that changed. Once numbered it does not change: an index
// may hold it as what the entry was.
type searchTerms struct {
	labels uint64                 // the body links it was read with (Entry.LinksKey)
	card   uint64                 // the card it was read with (Entry.CardKey: a session's experience)
	terms  [searchClasses]string  // distinct terms, each in its best class only, each followed by a space; "" once numbered
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
	mu     sync.Mutex // the readers number their entries' terms as they go
	byName map[string]int32
	names  []string
}

// number gives st's terms their numbers in v, and forgets their names: a build
// reads thousands of entries, and their names are in v once.
func (v *searchVocab) number(st *searchTerms) {
	v.mu.Lock()
	defer v.mu.Unlock()
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
	st.terms = [searchClasses]string{}
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
	entries  []*site.Entry             // the published entries, in the site's order
	order    []int32                   // document n is entries[order[n]]: newest first
	docs     []*searchTerms            // by document number
	post     []postings                // by term number
	shards   [shardDirs][]*searchShard // a/, b/ and v/, by prefix
	byPrefix [shardDirs]map[string]*searchShard
	meta     searchFile
	chunks   []searchFile // d/
}

// postings are the documents that have one term, by class, ascending.
type postings [searchClasses][]int32

// in tells whether term t, with these postings, is in a shard of dir. A short
// term is two characters long: its prefix for a/, all of it there.
func (p *postings) in(dir int, t string, short bool) bool {
	switch dir {
	case dirA:
		return len(p[inTitle]) > 0 || len(p[inFields]) > 0 || short && len(p[inBody]) > 0
	case dirB:
		return !short && len(p[inBody]) > 0
	}
	return (len(p[inTitle]) > 0 || len(p[inFields]) > 0 || len(p[inBody]) > 0) && inVocab(t)
}

// classes are the classes of postings that a shard of dir writes for a term:
// none for v/, which holds terms only.
func classes(dir int, short bool) int {
	switch dir {
	case dirA:
		if short {
			return 1<<inTitle | 1<<inFields | 1<<inBody
		}
		return 1<<inTitle | 1<<inFields
	case dirB:
		return 1 << inBody
	}
	return 0
}

// inVocab tells whether t is in the vocabulary (v/): a word that a typo of four
// characters or more can be meant for, so three characters or more, and neither
// a stop word nor a number or a code with digits in it.
func inVocab(t string) bool {
	if utf8.RuneCountInString(t) < 3 || stopWords[t] {
		return false
	}
	for _, r := range t {
		if '0' <= r && r <= '9' || r >= utf8.RuneSelf && unicode.IsNumber(r) {
			return false
		}
	}
	return true
}

// searchShard is one file of terms, in a/, b/ or v/ (dir).
type searchShard struct {
	searchFile
	dir    int
	prefix string
	terms  []int32 // by name
}

// The folders of shards: terms by their first two characters, with the
// documents whose titles and fields have them; by their first three, with the
// documents whose bodies have them; by their length, alone.
const (
	dirA = iota
	dirB
	dirV
	shardDirs
)

const shardDirNames = "abv"

// shardOf is the prefix of t's shard in dir, and whether t is short (all of it in a/).
func shardOf(dir int, t string) (prefix string, short bool) {
	two := runePrefix(t, 2)
	switch dir {
	case dirA:
		return two, two == t
	case dirB:
		return runePrefix(t, 3), two == t
	}
	return strconv.Itoa(utf8.RuneCountInString(t)), two == t
}

// Index makes the search index of a site's published entries, build after build.
// It keeps what it read of each document (while the document and the labels of its
// body links are the same), the vocabulary that numbers the terms, and the last
// index, so that a rebuild reads again only the bodies that changed and rewrites
// only the files whose bytes change.
type Index struct {
	vocab   *searchVocab
	read    map[*content.Doc]*searchTerms
	last    *searchIndex
	filters filterCache
}

// filterCache is the last build's filter files, with what they were made from:
// the site's cards and the order of the search's documents.
type filterCache struct {
	key   uint64
	files []File
}

// New returns an index that has read nothing.
func New() *Index {
	return &Index{vocab: &searchVocab{byName: map[string]int32{}}, read: map[*content.Doc]*searchTerms{}}
}

// File is one file of the index: its path under the site, its bytes, and a key
// that changes with them.
type File struct {
	Path string
	Data []byte
	Key  uint64
}

// Files returns every file of the index of a site's published entries, and the
// data of its lists' live filters (filters.go).
// keep false forgets what was read once the files are made: a single build has no
// use for it.
func (x *Index) Files(ctx context.Context, s *site.Site, keep bool) ([]File, error) {
	entries := s.Entries
	terms, err := x.readTerms(ctx, entries)
	if err != nil {
		return nil, err
	}
	ix := x.last
	if ix == nil || !ix.update(entries, terms) {
		ix = newSearchIndex(entries, terms, x.vocab)
	}
	x.last = ix
	out := make([]File, 0, len(ix.shards[dirA])+len(ix.shards[dirB])+len(ix.shards[dirV])+1+len(ix.chunks))
	for _, l := range ix.shards {
		for _, sh := range l {
			out = append(out, File{sh.path, sh.data, sh.key})
		}
	}
	out = append(out, File{ix.meta.path, ix.meta.data, ix.meta.key})
	for _, c := range ix.chunks {
		out = append(out, File{c.path, c.data, c.key})
	}
	fk := keys.New(s.CardsKey())
	for _, i := range ix.order {
		fk = fk.U64(uint64(i))
	}
	if x.filters.files == nil || x.filters.key != fk.Sum() {
		x.filters = filterCache{fk.Sum(), x.filterFiles(s.Sections)}
	}
	out = append(out, x.filters.files...)
	if !keep {
		x.read, x.last, x.filters = map[*content.Doc]*searchTerms{}, nil, filterCache{}
	}
	return out, nil
}

// Dir is the folder of the index's files, and Meta the file that lists the others.
const (
	Dir  = searchDir
	Meta = searchDir + "meta.js"
)

// InputsKey hashes what the index of s is made from: every published entry in
// order, its file, its card (which holds what the day changes in it) and how its
// body links read. Equal keys make equal files; the settings and the program are
// the caller's to add.
func InputsKey(s *site.Site) uint64 {
	k := keys.New(uint64(len(s.Entries)))
	for _, e := range s.Entries {
		k = k.Str(e.ID).U64(e.Doc().Hash).U64(e.CardKey).U64(e.LinksKey()).U64(uint64(e.Date.UnixNano()))
	}
	return k.Sum()
}

// readTerms returns every entry's terms, numbered: it reads again the entries whose
// documents changed or whose body links read differently.
func (x *Index) readTerms(ctx context.Context, entries []*site.Entry) ([]*searchTerms, error) {
	terms := make([]*searchTerms, len(entries))
	var stale []int
	for i, e := range entries {
		if st := x.read[e.Doc()]; st != nil && st.labels == e.LinksKey() && st.card == e.CardKey {
			terms[i] = st
			continue
		}
		stale = append(stale, i)
	}
	// Reading bodies is the bulk of the work: spread it over the cores.
	var pool sync.Pool
	err := work.Each(ctx, len(stale), func(j int) error {
		t, _ := pool.Get().(*tokenizer)
		if t == nil {
			t = &tokenizer{}
		}
		i := stale[j]
		st, err := t.read(entries[i])
		pool.Put(t)
		if err != nil {
			return err
		}
		terms[i] = st
		x.vocab.number(st)
		return nil
	})
	if err != nil {
		return nil, err
	}
	read := make(map[*content.Doc]*searchTerms, len(entries))
	for i, e := range entries {
		read[e.Doc()] = terms[i]
	}
	x.read = read
	return terms, nil
}

// newSearchIndex makes the index of entries, whose terms vocab numbered.
func newSearchIndex(entries []*site.Entry, terms []*searchTerms, vocab *searchVocab) *searchIndex {
	ix := &searchIndex{vocab: vocab, entries: slices.Clone(entries), order: make([]int32, len(entries))}
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
		ix.docs[n] = terms[i]
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
	// Terms in order make the prefixes of a/ and b/ in order; v/ is put in order
	// after.
	for dir := range ix.shards {
		ix.byPrefix[dir] = map[string]*searchShard{}
	}
	var cur [shardDirs]*searchShard
	for _, id := range sorted {
		p := &ix.post[id]
		for dir := range ix.shards {
			prefix, short := shardOf(dir, names[id])
			if !p.in(dir, names[id], short) {
				continue
			}
			if dir == dirV {
				cur[dir] = ix.byPrefix[dir][prefix]
			}
			if cur[dir] == nil || cur[dir].prefix != prefix {
				cur[dir] = ix.newShard(dir, prefix)
				ix.shards[dir] = append(ix.shards[dir], cur[dir])
			}
			cur[dir].terms = append(cur[dir].terms, id)
		}
	}
	slices.SortFunc(ix.shards[dirV], func(a, b *searchShard) int { return strings.Compare(a.prefix, b.prefix) })
	ix.chunks = make([]searchFile, (len(ix.docs)+searchChunk-1)/searchChunk)
	for i := range ix.chunks {
		ix.chunks[i].path = searchDir + "d/" + strconv.Itoa(i) + ".js"
	}

	// Encoding the files, spread over the cores.
	var bufs sync.Pool
	var shards []*searchShard
	for _, l := range ix.shards {
		shards = append(shards, l...)
	}
	work.Each(context.Background(), len(shards)+len(ix.chunks), func(i int) error {
		buf, _ := bufs.Get().([]byte)
		if i < len(shards) {
			buf = ix.writeShard(buf, shards[i])
		} else {
			buf = ix.writeChunk(buf, i-len(shards))
		}
		bufs.Put(buf)
		return nil
	})
	ix.writeMeta()
	return ix
}

func (ix *searchIndex) newShard(dir int, prefix string) *searchShard {
	sh := &searchShard{dir: dir, prefix: prefix}
	sh.path = searchDir + shardDirNames[dir:dir+1] + "/" + shardFile(prefix) + ".js"
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
func (ix *searchIndex) update(entries []*site.Entry, terms []*searchTerms) bool {
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
		if terms[i] != ix.docs[n] {
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
		id      int32
		was     [shardDirs]bool // in a shard of each folder
		classes int
	}
	var changes []change
	changeOf := map[int32]int{}
	chunks := map[int]bool{}
	for n, i := range ix.order {
		st, old := terms[i], ix.docs[n]
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
					_, short := shardOf(dirA, names[id])
					k = len(changes)
					changeOf[id] = k
					ch := change{id: id}
					for dir := range ch.was {
						ch.was[dir] = p.in(dir, names[id], short)
					}
					changes = append(changes, ch)
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
			was, is := ch.was[dir], p.in(dir, t, short)
			if !was && !is || was == is && ch.classes&classes(dir, short) == 0 {
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
