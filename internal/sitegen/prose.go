package sitegen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// prose writes English-like sentences from the word lists.
type prose struct {
	r   *rand.Rand
	buf []byte
}

// Wikilink forms.
const (
	linkPlain  = iota // [[slug]]
	linkTyped         // [[type/slug]]
	linkLabel         // [[slug|label]]
	linkAnchor        // [[slug#heading-id]]
)

// linkFunc writes a link from one entry to another in the target's syntax.
type linkFunc func(b []byte, from, to *entry, form int, anchor, label string) []byte

func appendWikilink(b []byte, _, to *entry, form int, anchor, label string) []byte {
	b = append(b, "[["...)
	if form == linkTyped {
		b = append(b, typeNames[to.typ]...)
		b = append(b, '/')
	}
	b = append(b, to.slug...)
	switch form {
	case linkLabel:
		b = append(b, '|')
		b = append(b, label...)
	case linkAnchor:
		b = append(b, '#')
		b = append(b, anchor...)
	}
	return append(b, "]]"...)
}

// space separates what comes next from the text before it on the same line.
func (g *prose) space() {
	if n := len(g.buf); n > 0 && g.buf[n-1] != ' ' && g.buf[n-1] != '\n' {
		g.buf = append(g.buf, ' ')
	}
}

func (g *prose) word(s string) {
	g.space()
	g.buf = append(g.buf, s...)
}

// nounPhrase writes a determiner, maybe an adjective, and a noun.
func (g *prose) nounPhrase(adj bool) {
	det := pick(g.r, determiners)
	next := pick(g.r, nouns)
	a := ""
	if adj {
		a = pick(g.r, adjectives)
		next = a
	}
	if det == "a" && strings.ContainsRune("aeiou", rune(next[0])) && !strings.HasPrefix(next, "us") {
		det = "an"
	}
	g.word(det)
	if adj {
		g.word(a)
		g.word(pick(g.r, nouns))
		return
	}
	g.word(next)
}

func (g *prose) past() string { return pick(g.r, verbs)[1] }
func (g *prose) base() string { return pick(g.r, verbs)[0] }

// sentence appends one sentence, capitalised and punctuated, to g.buf.
func (g *prose) sentence() {
	r := g.r
	g.space()
	start := len(g.buf)
	end := "."
	switch r.IntN(12) {
	case 0, 1, 2:
		g.nounPhrase(true)
		g.word(g.past())
		g.nounPhrase(false)
		g.word(pick(r, prepositions))
		g.nounPhrase(r.IntN(2) == 0)
	case 3, 4:
		g.word(pick(r, connectors))
		g.nounPhrase(false)
		g.word(g.past())
		g.nounPhrase(r.IntN(2) == 0)
		g.buf = append(g.buf, ',')
		g.nounPhrase(false)
		g.word(g.past())
		g.nounPhrase(false)
		g.word(pick(r, adverbs))
	case 5, 6:
		g.word(pick(r, openers))
		g.nounPhrase(true)
		g.word(g.past())
		g.nounPhrase(false)
	case 7:
		g.nounPhrase(false)
		g.word(pick(r, auxiliaries))
		g.word(g.base())
		g.nounPhrase(true)
		g.word(pick(r, prepositions))
		g.nounPhrase(false)
	case 8:
		g.word(pick(r, []string{"Why did", "How could", "When did", "Who would"}))
		g.nounPhrase(false)
		g.word(g.base())
		g.nounPhrase(r.IntN(2) == 0)
		end = "?"
	case 9, 10:
		g.nounPhrase(false)
		g.word("and")
		g.nounPhrase(false)
		g.word(g.past())
		g.word(pick(r, adverbs))
		g.buf = append(g.buf, ',')
		g.word(pick(r, tails))
	default:
		g.word(capFirst(pick(r, adverbs)))
		g.buf = append(g.buf, ',')
		g.nounPhrase(r.IntN(2) == 0)
		g.word(g.past())
		g.nounPhrase(false)
	}
	g.buf = append(g.buf, end...)
	if c := g.buf[start]; c >= 'a' && c <= 'z' {
		g.buf[start] = c - 'a' + 'A'
	}
}

// sentences returns n sentences as a string (for front matter).
func (g *prose) sentences(n int) string {
	g.buf = g.buf[:0]
	for range n {
		g.sentence()
	}
	return string(g.buf)
}

// body state for one entry.
type bodyGen struct {
	prose
	s    *site
	e    *entry
	link linkFunc
}

func (bg *bodyGen) appendLink() {
	s, r := bg.s, bg.r
	to := s.entries[r.IntN(len(s.entries))]
	if to == bg.e {
		to = s.entries[(to.idx+1)%len(s.entries)]
	}
	form, anchor, label := linkPlain, "", ""
	switch x := r.IntN(20); {
	case x >= 18:
		form = linkAnchor
		anchor = headingID(pick(r, to.headings))
	case x >= 14:
		form = linkLabel
		label = pick(r, adjectives) + " " + pick(r, nouns)
		if r.IntN(2) == 0 {
			label = "the " + label
		}
	case x >= 11:
		form = linkTyped
	}
	bg.buf = bg.link(bg.buf, bg.e, to, form, anchor, label)
}

// linkSentence appends a sentence holding one link.
func (bg *bodyGen) linkSentence() {
	bg.space()
	intro := pick(bg.r, linkIntros)
	before, after, _ := strings.Cut(intro, "%s")
	bg.buf = append(bg.buf, before...)
	bg.appendLink()
	bg.buf = append(bg.buf, after...)
}

// paragraph appends about words words holding links links, and a blank line.
func (bg *bodyGen) paragraph(words, links int) {
	r := bg.r
	n := max(1, (words+5)/10)
	pos := make([]int, links)
	for i := range pos {
		pos[i] = r.IntN(n + 1)
	}
	for i := 0; i <= n; i++ {
		for _, p := range pos {
			if p == i {
				bg.linkSentence()
			}
		}
		if i < n {
			bg.sentence()
		}
	}
	bg.buf = append(bg.buf, "\n\n"...)
}

func (bg *bodyGen) bullets(links int) {
	r := bg.r
	n := 3 + r.IntN(4)
	pos := make([]int, links)
	for i := range pos {
		pos[i] = r.IntN(n)
	}
	for i := range n {
		bg.buf = append(bg.buf, "- "...)
		bg.buf = append(bg.buf, pick(r, bulletLeads)...)
		bg.nounPhrase(r.IntN(2) == 0)
		if r.IntN(2) == 0 {
			bg.word(pick(r, prepositions))
			bg.nounPhrase(false)
		}
		for _, p := range pos {
			if p == i {
				bg.buf = append(bg.buf, "; see "...)
				bg.appendLink()
			}
		}
		bg.buf = append(bg.buf, '\n')
	}
	bg.buf = append(bg.buf, '\n')
}

func (bg *bodyGen) code() {
	r := bg.r
	lang := pick(r, []string{"text", "", "text"})
	bg.buf = append(bg.buf, "```"+lang+"\n"...)
	t := 0
	for _, l := range codeLines {
		if r.IntN(2) == 0 {
			continue
		}
		bg.buf = fmt.Appendf(bg.buf, "%02d:%02d  %s\n", t/60, t%60, l)
		t += 5 * (1 + r.IntN(4))
	}
	bg.buf = append(bg.buf, "```\n\n"...)
}

func (bg *bodyGen) quote() {
	bg.buf = append(bg.buf, "> "...)
	if bg.r.IntN(2) == 0 {
		bg.buf = append(bg.buf, pick(bg.r, quotes)...)
	} else {
		bg.sentence()
	}
	bg.buf = append(bg.buf, "\n\n"...)
}

// appendBody writes e's body: an introduction, then one section per heading, with a
// bullet list, sometimes a code block and a blockquote, and 3 to 8 links, about
// s.words words in all. The entry's own random stream makes it the same whatever the
// link syntax.
func (s *site) appendBody(b []byte, e *entry, link linkFunc) []byte {
	r := rand.New(rand.NewPCG(uint64(s.seed)^0x9e3779b97f4a7c15, uint64(e.idx)))
	bg := &bodyGen{prose: prose{r: r, buf: b}, s: s, e: e, link: link}

	h := len(e.headings)
	nLinks := 3 + r.IntN(6)
	nParas := max(h+1, s.words/70)
	paraWords := max(8, (s.words-40-5*nLinks)/nParas)
	per := make([]int, h+1) // paragraphs before the first heading, then per section
	for i := range per {
		per[i] = 1
	}
	for range nParas - h - 1 {
		per[r.IntN(h+1)]++
	}
	links := make([]int, nParas+1) // per paragraph, then the bullet list
	for range nLinks {
		links[r.IntN(nParas+1)]++
	}
	bulletSec := 1 + r.IntN(h)
	codeSec, quoteSec := -1, -1
	pCode := 8
	if e.typ == tExperiences {
		pCode = 3
	}
	if r.IntN(pCode) == 0 {
		codeSec = 1 + r.IntN(h)
	}
	if r.IntN(3) == 0 {
		quoteSec = r.IntN(h + 1)
	}

	p := 0
	for sec := range h + 1 {
		if sec > 0 {
			bg.buf = append(bg.buf, "## "...)
			bg.buf = append(bg.buf, e.headings[sec-1]...)
			bg.buf = append(bg.buf, "\n\n"...)
		}
		for i := range per[sec] {
			w := paraWords*6/10 + r.IntN(paraWords*8/10+1)
			bg.paragraph(w, links[p])
			p++
			if i == 0 && sec == quoteSec {
				bg.quote()
			}
			if i == 0 && sec == bulletSec {
				bg.bullets(links[nParas])
			}
		}
		if sec == codeSec {
			bg.code()
		}
	}
	// One trailing newline, not two.
	return bg.buf[:len(bg.buf)-1]
}
