package render

import (
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/playbookhq/playbook/builder/site"
)

// The journey picture: an entry's place in the method's chain (insight →
// analogies → experiences → sessions → actions), drawn at build time as an SVG
// whose every node links to its page. The drawing is a picture of what the page
// lists in words: every entry it shows is linked from the page's text too (the
// analogies considered, the connections, what came of it), so it is hidden from
// screen readers and left out of the tab order, and paper prints its caption.
// The layout is our own and layered: one column per step, nodes ordered by where
// their parents sit, so the same site draws the same bytes.

// The picture's geometry, in SVG user units (CSS pixels at 1:1).
const (
	jNodeW       = 184
	jNodeH       = 62
	jColGap      = 34
	jRowGap      = 12
	jTop         = 30 // room for the column headings
	jPad         = 2
	jLineLen     = 24 // characters of a title line
	jActions     = 2  // actions shown per session; the rest are counted
	jSessions    = 3  // sessions shown per experience, the newest
	jExperiences = 4  // experiences shown per insight
)

var journeyColumns = []string{"Insight", "Analogies", "Experiences", "Sessions", "Actions"}

type jNode struct {
	col     int
	kind    string   // "insight", "analogy", ... or "gap" for where the chain stops
	title   []string // at most two lines
	sub     string   // status, date
	href    string
	dashed  bool // set aside, or a gap
	strong  bool // chosen, or the page's own entry
	parents []int
	y       int
}

type journey struct {
	nodes []*jNode
	self  int
}

func (j *journey) add(n *jNode, parents ...int) int {
	n.parents = parents
	j.nodes = append(j.nodes, n)
	return len(j.nodes) - 1
}

func entryNode(col int, e *site.Entry, sub string) *jNode {
	return &jNode{col: col, kind: e.TypeOf, title: wrapTitle(e.Title), sub: sub, href: e.URL}
}

func gapNode(col int, text string) *jNode {
	return &jNode{col: col, kind: "gap", title: []string{text}, dashed: true}
}

var analogyStatus = map[string]string{"chosen": "chosen", "candidate": "candidate", "set-aside": "set aside"}

// Journey draws the chain of an insight or an experience; other entries have none.
// The page's own entry is drawn, strong, without a link to the page it is on.
func (p *Page) Journey(e *site.Entry) template.HTML {
	if e == nil || (e.TypeOf != "insight" && e.TypeOf != "experience") {
		return ""
	}
	j := buildJourney(e, p.Site.Today.Format("2006-01-02"))
	for _, n := range j.nodes {
		if n.href == e.URL {
			n.href = ""
		}
	}
	return drawJourney(j)
}

func buildJourney(e *site.Entry, today string) *journey {
	j := &journey{}
	experiences := func(parentOf func(x *site.Entry) []int, xs []*site.Entry) {
		for i, x := range xs {
			if i == jExperiences {
				n := &jNode{col: 2, kind: "more", title: []string{fmt.Sprintf("%d more experiences", len(xs)-i)}, href: e.URL + "#pb-connections", dashed: true}
				j.add(n, parentOf(x)...)
				break
			}
			xi := j.add(entryNode(2, x, ""), parentOf(x)...)
			if x == e {
				j.self, j.nodes[xi].strong = xi, true
			}
			sessions(j, xi, x.RunIn, today)
		}
	}
	switch e.TypeOf {
	case "insight":
		self := j.add(entryNode(0, e, ""))
		j.nodes[self].strong = true
		options := e.Options()
		if len(options) == 0 {
			j.add(gapNode(1, "Not yet mirrored"), self)
			return j
		}
		at := map[*site.Entry]int{}
		for _, a := range options {
			n := entryNode(1, a, analogyStatus[a.Status])
			n.dashed, n.strong = a.Status == "set-aside", a.Status == "chosen"
			at[a] = j.add(n, self)
		}
		if len(e.AddressedBy) == 0 {
			j.add(gapNode(2, "No experience yet"), at[options[0]])
			return j
		}
		experiences(func(x *site.Entry) []int {
			if i, ok := at[x.Analogy]; ok {
				return []int{i}
			}
			return []int{self}
		}, e.AddressedBy)
	case "experience":
		var ins []int
		for _, in := range e.Insights {
			ins = append(ins, j.add(entryNode(0, in, "")))
		}
		parent := ins
		if a := e.Analogy; a != nil {
			n := entryNode(1, a, analogyStatus[a.Status])
			n.dashed, n.strong = a.Status == "set-aside", a.Status == "chosen"
			parent = []int{j.add(n, ins...)}
		}
		experiences(func(*site.Entry) []int { return parent }, []*site.Entry{e})
	}
	return j
}

// sessions adds the sessions of experience xi and their actions.
func sessions(j *journey, xi int, runIn []*site.Entry, today string) {
	if len(runIn) == 0 {
		j.add(gapNode(3, "Never run"), xi)
		return
	}
	for i, s := range runIn {
		if i == jSessions {
			x := j.nodes[xi]
			j.add(&jNode{col: 3, kind: "more", title: []string{fmt.Sprintf("%d more sessions", len(runIn)-i)}, href: x.href, dashed: true}, xi)
			break
		}
		state := "ran " + s.Date.Format("2 Jan 2006")
		if !s.HasRun() {
			state = "planned " + s.Date.Format("2 Jan 2006")
		}
		si := j.add(entryNode(3, s, state), xi)
		actions := s.ChainActions()
		if len(actions) == 0 {
			if s.HasRun() {
				j.add(gapNode(4, "No actions recorded"), si)
			}
			continue
		}
		for i, a := range actions {
			if i == jActions {
				n := &jNode{col: 4, kind: "more", title: []string{fmt.Sprintf("%d more actions", len(actions)-jActions)}, href: s.URL, dashed: true}
				j.add(n, si)
				break
			}
			status := map[string]string{"open": "open", "doing": "in progress", "done": "done"}[a.Status]
			kind := "action status-" + a.Status
			if a.Overdue {
				status, kind = "overdue", "action status-overdue"
			}
			sub := status
			if a.Owner != "" {
				sub += " · " + a.Owner
			}
			j.add(&jNode{col: 4, kind: kind, title: wrapTitle(a.Action.Action), sub: sub, href: s.URL + "#pb-actions"}, si)
		}
	}
}

// wrapTitle breaks a title into at most two lines of about jLineLen characters,
// the second ended with an ellipsis when the title goes on.
func wrapTitle(t string) []string {
	var lines []string
	var cur string
	words := strings.Fields(t)
	for i, w := range words {
		switch {
		case cur == "":
			cur = w
		case utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(w) <= jLineLen:
			cur += " " + w
		default:
			lines = append(lines, cur)
			cur = w
			if len(lines) == 1 && i < len(words) {
				rest := strings.Join(words[i:], " ")
				if utf8.RuneCountInString(rest) > jLineLen {
					r := []rune(rest)
					cut := jLineLen - 1
					for cut > 0 && r[cut] != ' ' {
						cut--
					}
					if cut == 0 {
						cut = jLineLen - 1
					}
					return append(lines, strings.TrimRight(string(r[:cut]), " ,;:")+"…")
				}
				return append(lines, rest)
			}
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	if len(lines) == 1 && utf8.RuneCountInString(lines[0]) > jLineLen+6 {
		r := []rune(lines[0])
		lines = []string{string(r[:jLineLen]), string(r[jLineLen:min(len(r), 2*jLineLen-1)]) + "…"}
	}
	return lines
}

// clip shortens s to n characters, the last an ellipsis.
func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return strings.TrimRight(string(r[:n-1]), " ·,") + "…"
	}
	return s
}

// layout places the nodes: each column in order of the mean height of the
// nodes' parents, each node as near that height as the one above it allows.
func (j *journey) layout() (width, height int) {
	cols := make([][]int, len(journeyColumns))
	for i, n := range j.nodes {
		cols[n.col] = append(cols[n.col], i)
	}
	used := 0
	for c, col := range cols {
		if len(col) == 0 {
			continue
		}
		used = c + 1
		want := func(i int) int {
			n := j.nodes[i]
			if len(n.parents) == 0 {
				return -1
			}
			sum := 0
			for _, p := range n.parents {
				sum += j.nodes[p].y
			}
			return sum / len(n.parents)
		}
		slices.SortStableFunc(col, func(a, b int) int { return want(a) - want(b) })
		y := jTop
		for _, i := range col {
			j.nodes[i].y = max(y, want(i))
			y = j.nodes[i].y + jNodeH + jRowGap
		}
		height = max(height, y-jRowGap)
	}
	return used*jNodeW + (used-1)*jColGap + 2*jPad, height + jPad
}

func nodeX(col int) int { return jPad + col*(jNodeW+jColGap) }

func drawJourney(j *journey) template.HTML {
	w, h := j.layout()
	b := &svgWriter{}
	b.Grow(1024 + 512*len(j.nodes))
	esc := escapeHTML
	b.WriteString(`<figure class="journey" aria-labelledby="pb-journey-caption">` + "\n")
	// The drawing is hidden from assistive technology, so it carries no title or
	// description: the caption says what it shows, and the page's text links every
	// entry in it.
	b.put(`<div class="journey-scroll"><svg class="journey-svg" width="`).num(w).put(`" height="`).num(h).put(`" viewBox="0 0 `).num(w).put(" ").num(h).
		put(`" aria-hidden="true">` + "\n")
	for c, name := range journeyColumns {
		if nodeX(c) < w {
			b.put(`<text class="j-col" x="`).num(nodeX(c)).put(`" y="16">`).put(name).put(`</text>`)
		}
	}
	b.WriteByte('\n')
	// The edges are two paths, the solid and the dashed, each a curve per edge.
	for _, dashed := range [...]bool{false, true} {
		open := false
		for _, n := range j.nodes {
			if n.dashed != dashed || len(n.parents) == 0 {
				continue
			}
			for _, p := range n.parents {
				pn := j.nodes[p]
				x1, y1 := nodeX(pn.col)+jNodeW, pn.y+jNodeH/2
				x2, y2 := nodeX(n.col), n.y+jNodeH/2
				switch {
				case open:
					b.put(" M")
				case dashed:
					b.put(`<path class="j-edge j-dashed" d="M`)
				default:
					b.put(`<path class="j-edge" d="M`)
				}
				open = true
				b.num(x1).put(" ").num(y1)
				if y1 == y2 {
					b.put("H").num(x2)
				} else {
					b.put("C").num(x1 + jColGap/2).put(" ").num(y1).put(" ").num(x2 - jColGap/2).put(" ").num(y2).
						put(" ").num(x2).put(" ").num(y2)
				}
			}
		}
		if open {
			b.put(`"/>`)
		}
	}
	b.WriteByte('\n')
	for _, n := range j.nodes {
		x := nodeX(n.col)
		// A node is a link, or a group where it links nowhere.
		if n.href != "" {
			b.put(`<a href="`).put(esc(n.href)).put(`" tabindex="-1" class="j-node j-`)
		} else {
			b.put(`<g class="j-node j-`)
		}
		b.put(strings.ReplaceAll(n.kind, " ", " j-"))
		if n.dashed {
			b.put(" j-dashed")
		}
		if n.strong {
			b.put(" j-strong")
		}
		b.put(`"><rect x="`).num(x).put(`" y="`).num(n.y).put(`" width="`).num(jNodeW).put(`" height="`).num(jNodeH).put(`" rx="8"/>`)
		ty := n.y + 20
		if len(n.title) == 1 && n.sub == "" {
			ty = n.y + jNodeH/2 + 5
		}
		for _, l := range n.title {
			b.put(`<text x="`).num(x + 10).put(`" y="`).num(ty).put(`">`).put(esc(l)).put(`</text>`)
			ty += 17
		}
		if n.sub != "" {
			b.put(`<text class="j-sub" x="`).num(x + 10).put(`" y="`).num(n.y + jNodeH - 9).put(`">`).put(esc(clip(n.sub, jLineLen+2))).put(`</text>`)
		}
		if n.href != "" {
			b.WriteString("</a>")
		} else {
			b.WriteString("</g>")
		}
		b.WriteByte('\n')
	}
	b.WriteString("</svg></div>\n")
	b.put(`<figcaption id="pb-journey-caption">`).put(esc(j.summary())).put("</figcaption>\n</figure>")
	return template.HTML(b.String())
}

// svgWriter writes the drawing's markup: text and numbers, one after another,
// with no format to parse and nothing boxed.
type svgWriter struct {
	strings.Builder
	num10 [20]byte
}

func (b *svgWriter) put(s string) *svgWriter {
	b.WriteString(s)
	return b
}

func (b *svgWriter) num(n int) *svgWriter {
	b.Write(strconv.AppendInt(b.num10[:0], int64(n), 10))
	return b
}

// summary says in one sentence how far the chain has got.
func (j *journey) summary() string {
	count := map[int]int{}
	var gap string
	for _, n := range j.nodes {
		switch n.kind {
		case "gap":
			gap = n.title[0]
		case "more":
			var more int
			fmt.Sscanf(n.title[0], "%d", &more)
			count[n.col] += more
		default:
			count[n.col]++
		}
	}
	var parts []string
	for c, one := range []string{"insight", "analogy", "experience", "session", "action"} {
		if c == j.nodes[j.self].col || count[c] == 0 {
			continue
		}
		many := one + "s"
		if one == "analogy" {
			many = "analogies"
		}
		parts = append(parts, plural(count[c], one, many))
	}
	switch {
	case len(parts) == 0:
		return gap + "."
	case gap == "":
		return "The chain so far: " + strings.Join(parts, ", ") + "."
	}
	return "The chain so far: " + strings.Join(parts, ", ") + "; " + strings.ToLower(gap[:1]) + gap[1:] + "."
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
