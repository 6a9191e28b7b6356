package search

// What the search index reads from an entry: its text split into terms, folded to
// lower case without accents, each in the best place the entry has it (title,
// fields, body), and the facts a result shows. See index.go for the index.

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/playbookhq/playbook/builder/site"
)

// tokenizer turns entries into terms; one per goroutine. It numbers every term it
// meets, entry after entry, so that a term costs one lookup and no copy once the
// tokenizer has seen it.
type tokenizer struct {
	buf     []byte
	ids     map[string]int32 // term → its number in words
	words   []string
	stop    []bool  // by number: a stop word
	class   []int8  // by number: the best class in the entry at hand, or -1
	touched []int32 // the numbers of the entry's terms, in the order met
}

// stopMark is the class of a stop word met in the body only: left out.
const stopMark = searchClasses

// read returns the entry's terms, not yet numbered.
func (t *tokenizer) read(e *site.Entry) (*searchTerms, error) {
	body := e.Body()
	var html []byte
	if body != nil {
		var err error
		if html, err = body.HTML(); err != nil {
			return nil, err
		}
	}
	if t.ids == nil {
		t.ids = map[string]int32{}
	}
	st := &searchTerms{labels: e.LinksKey(), card: e.CardKey, facts: searchFacts(e)}
	t.add(inTitle, e.Title)
	t.add(inFields, e.Summary)
	for _, f := range st.facts {
		t.add(inFields, f[1])
	}
	if body != nil {
		t.addHTML(inBody, html, e.Links())
	}
	for _, ev := range e.Evidence {
		t.add(inBody, ev.Quote, ev.Source)
	}
	for _, p := range e.Parallels {
		t.add(inBody, p.Customer, p.Analog)
	}
	for _, m := range e.Moments {
		t.add(inBody, m.Moment, m.Customer, m.Analog)
	}
	for _, l := range [][]string{e.Materials, e.Roles, e.Questions, e.Felt, e.Noticed, e.Ideas, e.Facilitators} {
		t.add(inBody, l...)
	}
	t.add(inBody, e.Care)
	for _, a := range e.Actions {
		t.add(inBody, a.Action, a.Owner)
	}
	for _, sh := range e.Share {
		t.add(inBody, sh.Audience, sh.Channel)
	}
	var b [searchClasses]strings.Builder
	for _, id := range t.touched {
		if c := t.class[id]; c != stopMark {
			b[c].WriteString(t.words[id])
			b[c].WriteByte(' ')
		}
		t.class[id] = -1
	}
	t.touched = t.touched[:0]
	for c := range b {
		st.terms[c] = b[c].String()
	}
	st.record = appendRecord(nil, e, st.facts)
	return st, nil
}

// add records the terms of texts in class c, unless the entry has them in a
// better class already.
func (t *tokenizer) add(c int, texts ...string) {
	for _, s := range texts {
		forEachTerm(s, &t.buf, func(term []byte) { t.record(c, term) })
	}
}

func (t *tokenizer) record(c int, term []byte) {
	id, known := t.ids[string(term)]
	if !known {
		w := string(term)
		id = int32(len(t.words))
		t.ids[w] = id
		t.words, t.stop, t.class = append(t.words, w), append(t.stop, stopWords[w]), append(t.class, -1)
	}
	switch old := t.class[id]; {
	case old < 0 && c == inBody && t.stop[id]:
		t.class[id] = stopMark
		t.touched = append(t.touched, id)
	case old < 0:
		t.class[id] = int8(c)
		t.touched = append(t.touched, id)
	case int8(c) < old && !(old == stopMark && c == inBody):
		t.class[id] = int8(c)
	}
}

// addHTML records the terms of a rendered body: its text without the tags, and
// the text its links show. It reads the HTML in place rather than making it a
// string of text first, which a build would do for every entry.
func (t *tokenizer) addHTML(c int, h []byte, links []site.Link) {
	sc := termScanner{b: t.buf[:0], fn: func(term []byte) { t.record(c, term) }}
	for i := 0; i < len(h); {
		switch h[i] {
		case '<': // a tag: its attributes are not text
			sc.flush()
			end := bytes.IndexByte(h[i:], '>')
			if end < 0 {
				i = len(h)
			} else {
				i += end + 1
			}
			continue
		case '&': // an entity: &amp; &lt; &quot; &#39; stand for punctuation
			sc.flush()
			if end := bytes.IndexByte(h[i:min(i+12, len(h))], ';'); end > 0 {
				i += end + 1
			} else {
				i++
			}
			continue
		case 0: // a link placeholder (view.go expand): a wikilink shows its label
			end := bytes.IndexByte(h[i+1:], 0)
			if end < 1 {
				i = len(h)
				continue
			}
			kind := h[i+1]
			n, err := strconv.Atoi(string(h[i+2 : i+1+end]))
			i += end + 2
			sc.flush()
			if kind == 'L' && err == nil && n < len(links) {
				text := links[n].Label
				if links[n].URL == "" {
					text = links[n].Text
				}
				for _, r := range text {
					sc.rune(r)
				}
				sc.flush()
			}
			continue
		}
		if b := h[i]; b < utf8.RuneSelf {
			// ASCII, most of a body: as sc.rune does, without decoding.
			switch {
			case 'a' <= b && b <= 'z' || '0' <= b && b <= '9':
				sc.b = append(sc.b, b)
				sc.runes++
			case 'A' <= b && b <= 'Z':
				sc.b = append(sc.b, b+'a'-'A')
				sc.runes++
			default:
				sc.flush()
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(h[i:])
		sc.rune(r)
		i += size
	}
	sc.flush()
	t.buf = sc.b
}

// forEachTerm calls fn with each term of s, folded into buf (fn must copy it to
// keep it). Words are runs of letters, digits and combining marks.
func forEachTerm(s string, buf *[]byte, fn func([]byte)) {
	sc := termScanner{b: (*buf)[:0], fn: fn}
	for _, r := range s {
		sc.rune(r)
	}
	sc.flush()
	*buf = sc.b
}

// termScanner folds runes into terms and hands each to fn.
type termScanner struct {
	b     []byte
	runes int
	fn    func([]byte)
}

func (sc *termScanner) flush() {
	if sc.runes == 0 {
		return
	}
	if sc.runes > 1 && len(sc.b) <= searchMaxTerm {
		sc.fn(sc.b)
	}
	sc.b, sc.runes = sc.b[:0], 0
}

func (sc *termScanner) rune(r rune) {
	switch {
	case r < utf8.RuneSelf:
		switch {
		case 'a' <= r && r <= 'z' || '0' <= r && r <= '9':
			sc.b = append(sc.b, byte(r))
			sc.runes++
		case 'A' <= r && r <= 'Z':
			sc.b = append(sc.b, byte(r)+'a'-'A')
			sc.runes++
		default:
			sc.flush()
		}
	case unicode.IsLetter(r) || unicode.IsNumber(r):
		r = unicode.ToLower(r)
		if f, ok := foldTable[r]; ok {
			sc.b = append(sc.b, f...)
			sc.runes += utf8.RuneCountInString(f)
		} else {
			sc.b = utf8.AppendRune(sc.b, r)
			sc.runes++
		}
	case unicode.Is(unicode.Mn, r):
		// A combining accent: dropped, the word goes on.
	default:
		sc.flush()
	}
}

// foldTerms returns the terms of s, for tests and messages.
func foldTerms(s string) []string {
	var out []string
	var buf []byte
	forEachTerm(s, &buf, func(t []byte) { out = append(out, string(t)) })
	return out
}

// foldTable takes the accents off lower-case Latin letters and spells out the
// letters that have no accent-free form. The search script folds what is typed with
// the same table (meta.js carries it): a letter not in it is kept as it is, on both
// sides, so matching stays exact for every script.
var foldTable = func() map[rune]string {
	m := map[rune]string{}
	for _, group := range []string{
		"a àáâãäåāăąǎȁȃȧ", "c çćĉċč", "d ďđð", "e èéêëēĕėęěȅȇȩ", "g ĝğġģǧ", "h ĥħ",
		"i ìíîïĩīĭįıǐȉȋ", "j ĵǰ", "k ķǩ", "l ĺļľŀł", "n ñńņňŉǹ", "o òóôõöøōŏőǒǫȍȏȯ",
		"r ŕŗřȑȓ", "s śŝşšșſ", "t ţťŧț", "u ùúûüũūŭůűųǔǖǘǚǜȕȗ", "w ŵ", "y ýÿŷȳ", "z źżžƶ",
		"ae æǽ", "oe œ", "ss ß", "th þ", "ij ĳ", "ng ŋ", "σ ς",
	} {
		to, from, _ := strings.Cut(group, " ")
		for _, r := range from {
			m[r] = to
		}
	}
	return m
}()

// stopWords are too common in bodies to tell entries apart; titles and fields keep them.
var stopWords = setOf("an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has",
	"have", "he", "her", "his", "if", "in", "into", "is", "it", "its", "of", "on", "or", "our", "she", "so",
	"than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "to", "was", "we",
	"were", "which", "will", "with", "you", "your")

// searchFacts are the fields a result shows under its summary, as label and text.
func searchFacts(e *site.Entry) [][2]string {
	var f [][2]string
	add := func(label string, values ...string) {
		var keep []string
		for _, v := range values {
			if v != "" {
				keep = append(keep, v)
			}
		}
		if len(keep) > 0 {
			f = append(f, [2]string{label, strings.Join(keep, ", ")})
		}
	}
	switch e.Type.Name {
	case "insights":
		add("Customer", e.Customer)
		add("Moment", e.Moment)
		add("Kind", e.Kind...)
	case "analogies":
		add("Domain", e.Domain)
		add("Status", e.Status)
	case "experiences":
		add("Format", e.Format...)
		add("Duration", e.Duration.String())
		add("Group", e.Group.String())
		add("Setting", e.Setting)
	case "sessions":
		if e.Experience != nil {
			add("Experience", e.Experience.Title)
		}
		add("Location", e.Location)
		add("Teams", e.Teams...)
	}
	add("Themes", e.Themes...)
	add("Tags", e.Tags...)
	add("By", e.Authors...)
	return f
}

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
