package social

import (
	"cmp"
	"container/heap"
	"encoding/binary"
	"math/bits"
	"sync"
)

// runs writes deflate blocks (RFC 1951) for an image whose rows are mostly runs of
// one byte: each run becomes its byte and a copy of the byte before it (distance
// 1), and where a stretch equals the row above it, a copy of that row (distance
// rowLen) is taken instead when it is longer. It does no searching and builds no
// code tables per image, which is what made a general compressor most of a card's
// cost: a card's block uses codes made once from the counts of a sample card
// (cardCodes), which every card's symbols resemble.
type runs struct {
	out    []byte
	acc    uint64
	n      uint
	rowLen int
	stats  *symbolCounts // when set, block counts symbols instead of writing them
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
	pix := make([]uint8, Width*Height)
	if err := draw(sample, pix); err != nil {
		return fixedCodes
	}
	rowLen := 1 + Width/2
	rows := make([]byte, Height*rowLen)
	for y := range Height {
		pack(rows[y*rowLen:], pix[y*Width:(y+1)*Width])
	}
	var counts symbolCounts
	w := runs{rowLen: rowLen, stats: &counts}
	w.block(rows, fixedCodes)
	return codesFor(&counts)
})

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

// block writes data as one block of codes c that is not the last, and ends on a
// byte boundary with an empty stored block, as a flush would: the next block may
// be written by anyone. Copies never reach before data.
func (w *runs) block(data []byte, c *codes) {
	upSym, upExtra, upN := distance(w.rowLen)
	up := uint64(c.distCode[upSym]) | upExtra<<c.distLen[upSym]
	upBits := uint(c.distLen[upSym]) + upN
	lit := func(b byte) {
		if w.stats != nil {
			w.stats.lit[b]++
			return
		}
		w.bits(uint64(c.litCode[b]), uint(c.litLen[b]))
	}
	// copies writes n bytes as copies of the row above or of the byte before,
	// and as literals what is too short for a copy.
	copies := func(data []byte, n int, above bool) {
		for n >= 3 {
			l := min(n, 258)
			if n > 258 && n-258 < 3 {
				l = n - 3
			}
			switch {
			case w.stats != nil:
				w.stats.lit[lenSym[l]]++
				if above {
					w.stats.dist[upSym]++
				} else {
					w.stats.dist[0]++
				}
			case above:
				w.bits(uint64(c.lenCode[l]), uint(c.lenBits[l]))
				w.bits(up, upBits)
			default:
				w.bits(uint64(c.lenCode[l]), uint(c.lenBits[l]))
				w.bits(uint64(c.distCode[0]), uint(c.distLen[0])) // distance 1: no extra bits
			}
			data, n = data[l:], n-l
		}
		for _, b := range data[:n] {
			lit(b)
		}
	}
	if c.dynamic {
		w.bits(0b100, 3) // not final, dynamic codes
		w.header(c)
	} else {
		w.bits(0b010, 3) // not final, fixed codes
	}
	for i := 0; i < len(data); {
		// A stretch equal to the row above, and a run of one byte.
		b := data[i]
		above := 0
		if i >= w.rowLen && data[i-w.rowLen] == b {
			above = common(data[i:], data[i-w.rowLen:])
		}
		run := 1
		if i+1 < len(data) && data[i+1] == b {
			run += common(data[i+1:], data[i:])
		}
		if above >= 3 && above >= run {
			copies(data[i:], above, true)
			i += above
			continue
		}
		lit(b)
		copies(data[i+1:], run-1, false)
		i += run
	}
	if w.stats != nil {
		w.stats.lit[256]++
		return
	}
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
