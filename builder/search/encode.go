package search

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/playbookhq/playbook/builder/content"
	"github.com/playbookhq/playbook/builder/model"
	"github.com/playbookhq/playbook/builder/site"
)

// writeShard writes a shard's file, using buf as scratch space, and returns it:
// each term, less the shard's prefix, with its documents: in a/ a list of the
// titles and the fields that have it (and the bodies, for a short term), in b/
// the bodies alone.
func (ix *searchIndex) writeShard(buf []byte, sh *searchShard) []byte {
	if sh.dir == dirV {
		return ix.writeVocab(buf, sh)
	}
	names := ix.vocab.names
	b := append(buf[:0], "PlaybookSearch.add("...)
	b = strconv.AppendQuote(b, shardDirNames[sh.dir:sh.dir+1]+":"+sh.prefix)
	b = append(b, ",{"...)
	for i, id := range sh.terms {
		if i > 0 {
			b = append(b, ',')
		}
		t, p := names[id], &ix.post[id]
		b = appendJSONString(b, t[len(sh.prefix):])
		if sh.dir == dirB {
			b = append(b, `:"`...)
			b = appendPostings(b, p[inBody])
			b = append(b, '"')
			continue
		}
		b = append(b, `:["`...)
		b = appendPostings(b, p[inTitle])
		b = append(b, `","`...)
		b = appendPostings(b, p[inFields])
		if t == sh.prefix { // a short term: all of it in a/
			b = append(b, `","`...)
			b = appendPostings(b, p[inBody])
		}
		b = append(b, `"]`...)
	}
	b = append(b, "});\n"...)
	sh.set(bytes.Clone(b))
	return b
}

// writeVocab writes a file of the vocabulary, using buf as scratch space, and
// returns it: a string of the terms of one length, in order, each as the number
// of characters it shares with the one before (one digit of postingDigits) and
// the characters that follow. The length tells where each ends: a term takes a
// byte and what is new in it.
func (ix *searchIndex) writeVocab(buf []byte, sh *searchShard) []byte {
	names := ix.vocab.names
	text := buf[:0]
	prev := ""
	for _, id := range sh.terms {
		t := names[id]
		shared, at := 0, 0
		for at < len(t) && at < len(prev) {
			r, size := utf8.DecodeRuneInString(t[at:])
			if p, _ := utf8.DecodeRuneInString(prev[at:]); p != r {
				break
			}
			shared++
			at += size
		}
		text = append(text, postingDigits[shared])
		text = append(text, t[at:]...)
		prev = t
	}
	b := appendJSONString([]byte(`PlaybookSearch.add("v:`+sh.prefix+`",`), string(text))
	b = append(b, ");\n"...)
	sh.set(b)
	return text
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
	ix.chunks[i].set(bytes.Clone(b))
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
	var prefixes [shardDirs][]string
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
		V     string            `json:"v"`
		Fold  map[string]string `json:"fold"`
		Stop  string            `json:"stop"`
	}{N: len(ix.docs), Chunk: searchChunk, A: strings.Join(prefixes[dirA], " "), B: strings.Join(prefixes[dirB], " "), V: strings.Join(prefixes[dirV], " "), Fold: map[string]string{}}
	typeNum := map[*model.Type]byte{}
	for i, t := range model.Types {
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
	ix.meta.path = Meta
	ix.meta.set(scriptCall("meta", meta))
}

// appendRecord appends what a result shows of an entry, as a JSON list: title,
// slug, date, summary, and its facts as label, text, label, text...
func appendRecord(b []byte, e *site.Entry, facts [][2]string) []byte {
	date := ""
	if !e.Date.IsZero() {
		date = e.Date.Format(time.DateOnly)
	}
	b = append(b, '[')
	for _, s := range []string{e.Title, e.Slug, date, content.Shorten(e.Summary, summaryRunes)} {
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
