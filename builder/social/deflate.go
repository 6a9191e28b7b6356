package social

import (
	"cmp"
	"container/heap"
	"encoding/binary"
	"math/bits"
	"slices"
	"sync"
)

// runs writes deflate blocks (RFC 1951) for an image whose rows are mostly runs of
// one byte: each run becomes its byte and a copy of the byte before it (distance
// 1), and where a stretch equals the row above it, a copy of that row (distance
// rowLen) is taken instead when it is longer. It does no searching and builds no
// code tables per image, which is what made a general compressor most of a card's
// cost: a card's block uses codes made once from the counts of a sample card
// (cardCodes), which every card's symbols resemble.
//
// A block is made in two steps: its symbols are chosen as tokens, then the
// tokens are written with the codes, or counted to make codes.
type runs struct {
	out    []byte
	acc    uint64 // the bits not yet in out, n of them
	n      uint
	rowLen int
	tokens []token
	table  tokenBits // for the codes last written with

	differs, breaks []byte // masks of the bytes of rows (changes.go)
	compared        bool   // whether the masks are made for the image written
	below           [inkedLen]uint64
}

// A token is one symbol of a block with what follows it: a literal byte (0-255),
// or a copy of the byte before (runCopy plus the copy's length, 3-258) or of the
// row above (upCopy plus the length).
type token uint16

const (
	runCopy   token = 256
	upCopy    token = runCopy + 259
	numTokens       = int(upCopy) + 259
)

// tokenBits are the bits of every token, for one set of codes and row length, as
// they go into the stream: a literal's code, or a copy's length code and extra
// bits then its distance code and extra bits, 15+5+15+13 = 48 bits at most.
type tokenBits struct {
	c      *codes
	rowLen int
	code   [numTokens]uint64
	n      [numTokens]uint8
}

// use makes the table for codes c and row length rowLen, unless it has it.
func (t *tokenBits) use(c *codes, rowLen int) {
	if t.c == c && t.rowLen == rowLen {
		return
	}
	t.c, t.rowLen = c, rowLen
	upSym, upExtra, upN := distance(rowLen)
	up := uint64(c.distCode[upSym]) | upExtra<<c.distLen[upSym]
	upBits := uint(c.distLen[upSym]) + upN
	for b := range 256 {
		t.code[b], t.n[b] = uint64(c.litCode[b]), c.litLen[b]
	}
	for l := 3; l <= 258; l++ {
		length, n := uint64(c.lenCode[l]), uint(c.lenBits[l])
		// Distance 1 has no extra bits.
		t.code[int(runCopy)+l], t.n[int(runCopy)+l] = length|uint64(c.distCode[0])<<n, uint8(n+uint(c.distLen[0]))
		t.code[int(upCopy)+l], t.n[int(upCopy)+l] = length|up<<n, uint8(n+upBits)
	}
}

// symbolCounts counts the literal and length symbols and the distance symbols of
// blocks.
type symbolCounts struct {
	lit  [numLit]int
	dist [numDist]int
}

const (
	numLit  = 286 // literals, the end of a block, lengths
	numDist = 30
)

// codes are the Huffman codes of a block, bit-reversed for a stream written from
// the low bit up, with the lengths of copies ready to write.
type codes struct {
	dynamic  bool
	litLen   [288]uint8 // 286 and 287 take part in the fixed code only
	distLen  [numDist]uint8
	litCode  [288]uint16
	distCode [numDist]uint16
	lenCode  [259]uint32 // a copy's length, 3..258: its symbol's code, then its extra bits
	lenBits  [259]uint8
}

// Lengths 3..258 by symbol: the first length of symbols 257..285 and their extra
// bits (RFC 1951, 3.2.5); lenSym gives a length's symbol.
var lenBase, lenExtra, lenSym = lengthTables()

func lengthTables() (base [29]int, extra [29]uint, sym [259]uint16) {
	b := 3
	for i := range 28 {
		e := uint(0)
		if i >= 8 {
			e = uint(i/4 - 1)
		}
		base[i], extra[i] = b, e
		for l := b; l < b+1<<e && l <= 258; l++ {
			sym[l] = uint16(257 + i)
		}
		b += 1 << e
	}
	base[28], extra[28], sym[258] = 258, 0, 285
	return base, extra, sym
}

func reverse(v uint32, n uint) uint32 { return bits.Reverse32(v) >> (32 - n) }

// newCodes makes the canonical codes of the given code lengths (RFC 1951, 3.2.2).
func newCodes(litLen [288]uint8, distLen [numDist]uint8, dynamic bool) *codes {
	c := &codes{dynamic: dynamic, litLen: litLen, distLen: distLen}
	canonical := func(lens []uint8, out []uint16) {
		var count, next [16]uint32
		for _, l := range lens {
			count[l]++
		}
		count[0] = 0
		code := uint32(0)
		for b := 1; b < 16; b++ {
			code = (code + count[b-1]) << 1
			next[b] = code
		}
		for i, l := range lens {
			if l > 0 {
				out[i] = uint16(reverse(next[l], uint(l)))
				next[l]++
			}
		}
	}
	canonical(c.litLen[:], c.litCode[:])
	canonical(c.distLen[:], c.distCode[:])
	for l := 3; l <= 258; l++ {
		sym := lenSym[l]
		i := sym - 257
		c.lenCode[l] = uint32(c.litCode[sym]) | uint32(l-lenBase[i])<<c.litLen[sym]
		c.lenBits[l] = c.litLen[sym] + uint8(lenExtra[i])
	}
	return c
}

// fixedCodes are the codes of RFC 1951, 3.2.6.
var fixedCodes = func() *codes {
	var lit [288]uint8
	var dist [numDist]uint8
	for i := range lit {
		switch {
		case i < 144:
			lit[i] = 8
		case i < 256:
			lit[i] = 9
		case i < 280:
			lit[i] = 7
		default:
			lit[i] = 8
		}
	}
	for i := range dist {
		dist[i] = 5
	}
	return newCodes(lit, dist, false)
}()

// huffmanLengths gives code lengths for counts, every symbol at least one bit long
// (a block may hold any of them). The counts are scaled to weights of at least 1
// that add up to less than 1597, the 17th Fibonacci number, which keeps every
// code within deflate's 15 bits.
func huffmanLengths(counts []int) []uint8 {
	total := 0
	for _, c := range counts {
		total += c
	}
	room := 1596 - len(counts)
	type node struct {
		weight, order int
		left, right   int // children's places in nodes, -1 for a leaf
	}
	nodes := make([]node, 0, 2*len(counts))
	for i, c := range counts {
		w := 1
		if total > 0 {
			w += c * room / total
		}
		nodes = append(nodes, node{w, i, -1, -1})
	}
	q := &nodeHeap{less: func(a, b int) bool {
		return cmp.Or(cmp.Compare(nodes[a].weight, nodes[b].weight), cmp.Compare(nodes[a].order, nodes[b].order)) < 0
	}}
	for i := range nodes {
		q.items = append(q.items, i)
	}
	heap.Init(q)
	for q.Len() > 1 {
		a, b := heap.Pop(q).(int), heap.Pop(q).(int)
		nodes = append(nodes, node{nodes[a].weight + nodes[b].weight, len(nodes), a, b})
		heap.Push(q, len(nodes)-1)
	}
	lens := make([]uint8, len(counts))
	var walk func(i int, depth uint8)
	walk = func(i int, depth uint8) {
		if n := nodes[i]; n.left < 0 {
			lens[i] = max(depth, 1)
		} else {
			walk(n.left, depth+1)
			walk(n.right, depth+1)
		}
	}
	walk(len(nodes)-1, 0)
	return lens
}

type nodeHeap struct {
	items []int
	less  func(a, b int) bool
}

func (h *nodeHeap) Len() int           { return len(h.items) }
func (h *nodeHeap) Less(i, j int) bool { return h.less(h.items[i], h.items[j]) }
func (h *nodeHeap) Swap(i, j int)      { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *nodeHeap) Push(x any)         { h.items = append(h.items, x.(int)) }
func (h *nodeHeap) Pop() any {
	x := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return x
}

// codesFor makes dynamic codes from the symbols of blocks.
func codesFor(s *symbolCounts) *codes {
	var lit [288]uint8
	var dist [numDist]uint8
	copy(lit[:], huffmanLengths(s.lit[:]))
	copy(dist[:], huffmanLengths(s.dist[:]))
	return newCodes(lit, dist, true)
}

// cardCodes are the codes of every card's block, made from a sample card.
var cardCodes = sync.OnceValue(func() *codes {
	sample := Card{Kind: "Insight", Title: "People who call about a late payment are passed between three teams before anyone answers",
		Site: "A playbook of customer experience", Detail: "customers who pay by instalments"}
	cv := newCanvas()
	if err := draw(sample, cv); err != nil {
		return fixedCodes
	}
	w := runs{rowLen: rowLen}
	var diff [Height]extent
	w.rowSpans(cv.rows, diffRows(cv, diff[:]))
	var counts symbolCounts
	counts.count(w.tokens, rowLen)
	return codesFor(&counts)
})

// count adds the symbols of a block of tokens whose row length is rowLen.
func (s *symbolCounts) count(tokens []token, rowLen int) {
	upSym, _, _ := distance(rowLen)
	for _, t := range tokens {
		switch {
		case t < runCopy:
			s.lit[t]++
		case t < upCopy:
			s.lit[lenSym[t-runCopy]]++
			s.dist[0]++
		default:
			s.lit[lenSym[t-upCopy]]++
			s.dist[upSym]++
		}
	}
	s.lit[256]++ // the end of the block
}

// distance returns the symbol of a distance from 1 to 32768, and its extra bits
// and their number.
func distance(d int) (sym int, extra uint64, n uint) {
	base, e := 1, uint(0)
	for {
		if d < base+1<<e {
			return sym, uint64(d - base), e
		}
		base += 1 << e
		sym++
		if sym >= 4 && sym%2 == 0 {
			e++
		}
	}
}

func (w *runs) bits(v uint64, n uint) {
	w.acc |= v << w.n
	w.n += n
	if w.n >= 32 {
		w.out = binary.LittleEndian.AppendUint32(w.out, uint32(w.acc))
		w.acc >>= 32
		w.n -= 32
	}
}

// clOrder is the order in which a dynamic block gives the lengths of the code of
// code lengths.
var clOrder = [19]int{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}

// header writes a dynamic block's codes: all 286 literal and length codes and 30
// distance codes, each length in four bits (the code of code lengths gives each of
// 0..15 four bits, and uses none of its repeats).
func (w *runs) header(c *codes) {
	w.bits(numLit-257, 5)
	w.bits(numDist-1, 5)
	w.bits(19-4, 4)
	for _, sym := range clOrder {
		if sym < 16 {
			w.bits(4, 3)
		} else {
			w.bits(0, 3)
		}
	}
	for _, l := range c.litLen[:numLit] {
		w.bits(uint64(reverse(uint32(l), 4)), 4)
	}
	for _, l := range c.distLen {
		w.bits(uint64(reverse(uint32(l), 4)), 4)
	}
}

// imageSpans writes data, rows of w.rowLen, as one block of codes c that is not
// the last, ending on a byte boundary with an empty stored block as a flush would.
// diff[y] holds the bytes of row y that may differ from the row above, as
// rowSpans says: the rest of the row is copied whole from it without being looked
// at.
func (w *runs) imageSpans(data []byte, diff []extent, c *codes) {
	w.tokens = w.tokens[:0]
	w.rowSpans(data, diff)
	w.emit(c)
}

// scan adds the tokens of data[from:to]: its copies may reach before from, not
// beyond to. At each byte it takes the stretch equal to the row above if it is 3
// bytes or more and not shorter than the run of the byte, or else the byte and
// its run.
func (w *runs) scan(data []byte, from, to int) {
	data = data[:to]
	// A token covers a byte or more, and three are stored at a time below.
	tokens := slices.Grow(w.tokens, to-from+3)
	k := len(tokens)
	tokens = tokens[:cap(tokens)]
	rowLen := w.rowLen
	for i := from; i < len(data); {
		if i >= rowLen && i+9 <= len(data) {
			// Byte j of word^up is 0 when byte j equals the one above it,
			// and byte j of word^next when bytes j and j+1 are equal.
			word := binary.LittleEndian.Uint64(data[i : i+8])
			up := binary.LittleEndian.Uint64(data[i-rowLen : i-rowLen+8])
			next := binary.LittleEndian.Uint64(data[i+1 : i+9])
			above, run := bits.TrailingZeros64(word^up)/8, 1+bits.TrailingZeros64(word^next)/8
			if above < 8 && run < 9 {
				// Most stretches and runs are this short: each choice's
				// tokens are stored three at once, and as many kept as
				// the choice has, rather than looped over.
				b := token(byte(word))
				t0, t1, n, adv := b, b, run, run // the byte and the rest of its run, literals
				if run >= 4 {
					t1, n = runCopy+token(run-1), 2 // or a copy of it
				}
				if above >= 3 && above >= run {
					t0, n, adv = upCopy+token(above), 1, above // or a stretch like the one above
				}
				t := tokens[k : k+3]
				t[0], t[1], t[2] = t0, t1, b
				k, i = k+n, i+adv
				continue
			}
		}
		// Long ones, and the ends of data.
		var t []token
		t, i = w.step(tokens[:k], data, i)
		k, tokens = len(t), t[:cap(t)]
	}
	w.tokens = tokens[:k]
}

// step adds the tokens of the byte at i as scan chooses them, and returns where
// the next byte is.
func (w *runs) step(tokens []token, data []byte, i int) ([]token, int) {
	b := data[i]
	above := 0
	if i >= w.rowLen {
		above = common(data[i:], data[i-w.rowLen:])
	}
	run := 1 + common(data[i+1:], data[i:])
	if above >= 3 && above >= run {
		return copies(tokens, upCopy, above), i + above
	}
	tokens = append(tokens, token(b))
	if run-1 >= 3 {
		return copies(tokens, runCopy, run-1), i + run
	}
	for range run - 1 {
		tokens = append(tokens, token(b))
	}
	return tokens, i + run
}

// copies adds copies (runCopy or upCopy) of n bytes, n at least 3: the longest
// there are, 258 bytes, leaving at least 3 for the last.
func copies(tokens []token, kind token, n int) []token {
	for n > 0 {
		l := min(n, 258)
		if n > 258 && n-258 < 3 {
			l = n - 3
		}
		tokens = append(tokens, kind+token(l))
		n -= l
	}
	return tokens
}

// emit writes the tokens as a block of codes c, as block says.
func (w *runs) emit(c *codes) {
	if c.dynamic {
		w.bits(0b100, 3) // not final, dynamic codes
		w.header(c)
	} else {
		w.bits(0b010, 3) // not final, fixed codes
	}
	w.symbols(c)
	w.bits(uint64(c.litCode[256]), uint(c.litLen[256])) // end of block
	w.bits(0b000, 3)                                    // an empty stored block: not final, stored
	if w.n%8 != 0 {
		w.bits(0, 8-w.n%8)
	}
	for w.n > 0 {
		w.out = append(w.out, byte(w.acc))
		w.acc >>= 8
		w.n -= 8
	}
	w.out = append(w.out, 0x00, 0x00, 0xff, 0xff)
}

// symbols writes the bits of the tokens. After each token, eight bytes of the bits
// are stored and the whole bytes kept: the next token's store overwrites the rest.
// There is then no branch on how many bits have gathered, which the codes' varied
// lengths would make hard to foresee. Each step waits on the one before, for the
// number of bits gathered, so tokens are written two at a time where their bits
// fit in one store, as almost all pairs' do.
func (w *runs) symbols(c *codes) {
	w.table.use(c, w.rowLen)
	t := &w.table
	for w.n >= 8 { // fewer than 8 bits left over, and 56 a step, fit in acc
		w.out = append(w.out, byte(w.acc))
		w.acc >>= 8
		w.n -= 8
	}
	out := slices.Grow(w.out, 6*len(w.tokens)+8) // 6 bytes a token at most, and 8 to store
	pos, acc, n := len(out), w.acc, w.n
	out = out[:cap(out)]
	// put adds bits, m of them, at most 56.
	put := func(bits uint64, m uint) {
		// The masks change nothing (n is under 8, then under 64) but tell the
		// compiler so, which spares it handling shifts of 64 bits or more.
		acc |= bits << (n & 63)
		n += m
		binary.LittleEndian.PutUint64(out[pos:], acc)
		pos += int(n / 8)
		acc >>= n & 0b111000
		n %= 8
	}
	tokens := w.tokens
	for ; len(tokens) >= 2; tokens = tokens[2:] {
		a, b := tokens[0], tokens[1]
		na, nb := uint(t.n[a]), uint(t.n[b])
		if na+nb <= 56 {
			put(t.code[a]|t.code[b]<<(na&63), na+nb)
			continue
		}
		put(t.code[a], na)
		put(t.code[b], nb)
	}
	for _, tok := range tokens {
		put(t.code[tok], uint(t.n[tok]))
	}
	w.out, w.acc, w.n = out[:pos], acc, n
}

// common is the length of the longest common prefix of a and b, found eight bytes
// at a time.
func common(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for i+8 <= n {
		if x := binary.LittleEndian.Uint64(a[i:]) ^ binary.LittleEndian.Uint64(b[i:]); x != 0 {
			return i + bits.TrailingZeros64(x)/8
		}
		i += 8
	}
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}
