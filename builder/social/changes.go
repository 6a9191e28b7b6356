package social

import (
	"encoding/binary"
	"math/bits"
	"slices"
)

// The rows of a card that letters touched are mostly the row above them: of a
// title's rows, about one byte in ten differs from the byte above it. Choosing
// symbols byte by byte makes each choice wait on the one before, so these rows
// are instead first compared with the rows above and with themselves shifted by
// a byte, eight bytes at a time and each word apart from the others, into bit
// masks; the symbols are then read off where the masks change, 64 bytes a word.
//
// The bytes are parted into stretches of two kinds: those that differ from the
// byte above (and gaps of one or two bytes between them, which a copy would not
// pay for) and those that equal it. A stretch of the first kind is a run of one
// byte, written as the byte and a copy of the byte before; one of the second,
// when 3 bytes or longer, is a copy of the row above.

// rowSpans adds the tokens of data, rows of w.rowLen, where diff[y] holds the
// bytes of row y that may differ from the row above: outside them it equals the
// row above, which it does throughout when diff[y] is empty. Row 0 has none
// above, and its diff is not looked at. Unless w.compared, the masks are made
// here from diff; otherwise they are already made.
func (w *runs) rowSpans(data []byte, diff []extent) {
	copied := func(y int) bool { return y > 0 && diff[y].hi == 0 }
	for y := 0; y < len(diff); {
		end := y + 1
		for end < len(diff) && copied(end) == copied(y) {
			end++
		}
		from, to := y*w.rowLen, min(end*w.rowLen, len(data))
		switch {
		case copied(y) && to-from >= 3:
			w.tokens = copies(w.tokens, upCopy, to-from)
		case copied(y):
			w.scan(data, from, to)
		default:
			rows := diff[y:end]
			if y == 0 {
				w.scan(data, 0, min(w.rowLen, to))
				from, rows = min(w.rowLen, to), rows[1:]
			}
			if from < to {
				if !w.compared {
					w.compareRows(data, from, to, rows)
				}
				w.read(data, from, to)
			}
		}
		y = end
	}
}

// masks makes the masks the size data needs, all zeros, unless they are that
// size: then they are kept as they are.
func (w *runs) masks(data []byte) {
	n := 8 * ((len(data)+63)/64 + 2) // and two words of zeros, read past the last
	if len(w.differs) != n {
		w.differs, w.breaks = make([]byte, n), make([]byte, n)
	}
}

// The masks: byte k of differs holds a bit for each byte of data[8k:8k+8] that is
// not the byte above it, and byte k of breaks for each that is not the byte
// before it. Breaks are needed only among bytes that differ, so only in words
// that have some; every word is nonetheless treated alike, as which ones differ
// follows no pattern a branch could foresee.

// compareRows makes the masks for data[from:to], whose rows' bytes that may
// differ from those above are rows, as rowSpans says.
func (w *runs) compareRows(data []byte, from, to int, rows []extent) {
	w.masks(data)
	clear(w.differs[from/8 : (to+7)/8+8])
	clear(w.breaks[from/8 : (to+7)/8+8])
	for r, s := range rows {
		lo, hi := from+r*w.rowLen+int(s.lo), min(from+r*w.rowLen+int(s.hi), to)
		if lo >= hi {
			continue
		}
		k0, k1 := lo/8, (hi+7)/8
		if 8*k0 < from { // the first word begins before from, where bytes have none above
			w.compareTail(data, k0, from, hi)
			k0++
		}
		if k0 < k1 && 8*k1 > len(data) {
			w.compareTail(data, k1-1, 8*(k1-1), len(data))
			k1--
		}
		w.compareWords(data, k0, k1)
	}
}

// compareInked makes the masks for the card's rows in cv: a byte may differ from
// the one above only in words letters were drawn on, or the words they are
// above. Those are compared, but for the first row's, which has none above.
// As it reads them, it sums what they add to the checksum of bare rows (da and
// db, for rowsSum): the words below letters that letters were not drawn on are
// bare and add nothing.
func (w *runs) compareInked(cv *canvas) (da, db uint64) {
	w.masks(cv.rows)
	for k0, k1 := range setRuns(w.wordsBelowInk(cv)) {
		k1 = min(k1, imageWords)
		if o := 8 * k0 % rowLen; 8*k0 >= rowLen && o >= 1+bandWidth/2 && o+8*(k1-k0) <= rowLen {
			// Within a row, below another and right of the band, where bare
			// rows have zeros: as letters are drawn.
			a, b := w.compareWords(cv.rows, k0, k1)
			da, db = da+a, db+b
			continue
		}
		for k := k0; k < k1; k++ {
			switch {
			case 8*k < rowLen:
				w.compareTail(cv.rows, k, rowLen, min(8*k+8, len(cv.rows)))
			case 8*k+8 > len(cv.rows):
				w.compareTail(cv.rows, k, 8*k, len(cv.rows))
			default:
				w.compareWords(cv.rows, k, k+1)
			}
			a, b := inkSums(cv, k)
			da, db = da+a, db+b
		}
	}
	w.compared = true
	return da, db
}

// setRuns yields the runs of bits set in set, each from its first bit to the one
// after its last: bit k of set is bit k%64 of set[k/64].
func setRuns(set []uint64) func(yield func(k0, k1 int) bool) {
	return func(yield func(k0, k1 int) bool) {
		start, carry := 0, uint64(0) // where the run under way began; its bit 0 if one is
		for i, m := range set {
			// The bits where set changes: a run's first, and the one after its last.
			for t := m ^ (m<<1 | carry); t != 0; t &= t - 1 {
				k := 64*i + bits.TrailingZeros64(t)
				if m>>(k%64)&1 != 0 {
					start = k
				} else if !yield(start, k) {
					return
				}
			}
			carry = m >> 63
		}
		if carry != 0 {
			yield(start, 64*len(set))
		}
	}
}

// wordsBelowInk has a bit for each word of cv.rows that letters were drawn on or
// below: one that begins 75 or 76 words after an inked one holds bytes under it
// (a row is 75⅛ words).
func (w *runs) wordsBelowInk(cv *canvas) []uint64 {
	const q, r = rowLen / 8 / 64, rowLen / 8 % 64 // a row is 64q + r words and an eighth
	inked := func(i int) uint64 {
		if i < 0 {
			return 0
		}
		return cv.inked[i]
	}
	for i := range w.below {
		// Bit k of shifted is bit k-64q-r of inked; bit k of the word below
		// it, bit k-64q-r-1.
		shifted := inked(i-q)<<r | inked(i-q-1)>>(64-r)
		w.below[i] = inked(i) | shifted | shifted<<1 | inked(i-q-1)>>(63-r)&1
	}
	return w.below[:]
}

// clearInked undoes compareInked, zeroing the masks where it set them.
func (w *runs) clearInked() {
	for k0, k1 := range setRuns(w.below[:]) {
		k1 = min(k1, imageWords)
		clear(w.differs[k0:k1])
		clear(w.breaks[k0:k1])
	}
	w.compared = false
}

// compareWords sets the masks' bytes k0 to k1, whose words are whole in data and
// have a row above them, and returns what the words add to Adler-32's a and b
// (as rowsSum says), taking the bytes beyond them to end data.
func (w *runs) compareWords(data []byte, k0, k1 int) (da, db uint64) {
	if k0 >= k1 {
		return 0, 0
	}
	differs, breaks := w.differs[k0:k1], w.breaks[k0:k1]
	n := 8 * len(differs)
	i := 8 * k0
	up, prev, cur := data[i-w.rowLen:][:n], data[i-1:][:n], data[i:][:n]
	// A byte adds itself to b once for each byte from it to the end of data:
	// for those after the words, 8 for each word after its own, and, for
	// those after it in its word and itself, 8 - j for byte j (weighted). The
	// words after each add up to before, the sums of the words before each.
	var before, weighted uint64
	for j := 0; j+8 <= len(cur); j += 8 {
		v := binary.LittleEndian.Uint64(cur[j : j+8])
		differs[j/8] = nonzeroBytes(v ^ binary.LittleEndian.Uint64(up[j:j+8]))
		breaks[j/8] = nonzeroBytes(v ^ binary.LittleEndian.Uint64(prev[j:j+8]))
		s, u := byteSums(v)
		before += da
		da += s
		weighted += u
	}
	return da, uint64(len(data)-i-n)*da + 8*before + weighted
}

// compareTail sets the masks' byte k for the bytes lo to hi of its word, one at a
// time, lo at least rowLen.
func (w *runs) compareTail(data []byte, k, lo, hi int) {
	var d, b byte
	for j := max(lo, 8*k); j < min(hi, 8*k+8); j++ {
		if data[j] != data[j-w.rowLen] {
			d |= 1 << (j - 8*k)
		}
		if data[j] != data[j-1] {
			b |= 1 << (j - 8*k)
		}
	}
	w.differs[k], w.breaks[k] = d, b
}

// nonzeroBytes has bit j set when byte j of x is not 0. The top bit of each
// byte of (x&0x7f…)+0x7f… is set when its low seven bits are not all 0, and
// nothing carries between bytes; the multiplication gathers the top bits into
// the top byte, each from a place of its own.
func nonzeroBytes(x uint64) byte {
	const low7 = 0x7f7f7f7f7f7f7f7f
	tops := ((x&low7 + low7) | x) &^ low7
	return byte((tops >> 7) * 0x0102040810204080 >> 56)
}

// read adds the tokens of data[from:to], from the masks, 64 bytes a word: a
// stretch begins where a byte differs and the one before does not, or does not
// and the one before does, or differs and breaks a run.
func (w *runs) read(data []byte, from, to int) {
	tokens := slices.Grow(w.tokens, to-from+3) // a token a byte at most, and 3 stored at a time
	k := len(tokens)
	tokens = tokens[:cap(tokens)]
	mask := func(m []byte, word int) uint64 { return binary.LittleEndian.Uint64(m[8*word:]) }
	first := from / 64
	var prevDiff, prevFilled uint64
	if first > 0 {
		prevDiff = mask(w.differs, first-1)
	}
	diff := mask(w.differs, first)
	start, differs := from, false // the stretch under way
	for word := first; 64*word < to; word++ {
		next := mask(w.differs, word+1)
		f := filled(prevDiff, diff, next)
		e := f ^ (f<<1 | prevFilled>>63) | f&mask(w.breaks, word)
		if word == first {
			// The first stretch begins at from, whatever it is.
			differs = f>>(from%64)&1 != 0
			e &^= 1<<(from%64+1) - 1
		}
		if rest := to - 64*word; rest < 64 {
			e &= 1<<rest - 1
		}
		for e != 0 {
			at := bits.TrailingZeros64(e)
			e &= e - 1
			end := 64*word + at
			if m := end - start; differs && m <= 259 {
				// Most stretches are this short: their tokens are stored
				// three at once, and as many kept as they have.
				b := token(data[start])
				t1, c := b, m
				if m >= 4 {
					t1, c = runCopy+token(m-1), 2
				}
				t := tokens[k : k+3]
				t[0], t[1], t[2] = b, t1, b
				k += c
			} else if !differs && m >= 3 && m <= 258 {
				tokens[k] = upCopy + token(m)
				k++
			} else {
				t := stretch(tokens[:k], data, start, end, differs)
				k, tokens = len(t), t[:cap(t)]
			}
			start, differs = end, f>>at&1 != 0
		}
		prevDiff, diff, prevFilled = diff, next, f
	}
	w.tokens = stretch(tokens[:k], data, start, to, differs)
}

// stretch adds the tokens of data[start:end]: a run of its first byte, or bytes
// equal to those above.
func stretch(tokens []token, data []byte, start, end int, differs bool) []token {
	m := end - start
	switch {
	case m == 0:
		return tokens
	case !differs && m >= 3:
		return copies(tokens, upCopy, m)
	case !differs:
		for _, b := range data[start:end] {
			tokens = append(tokens, token(b))
		}
		return tokens
	}
	tokens = append(tokens, token(data[start]))
	if m-1 >= 3 {
		return copies(tokens, runCopy, m-1)
	}
	for range m - 1 {
		tokens = append(tokens, token(data[start]))
	}
	return tokens
}

// filled is the mask d, one word of the bytes that differ, with the gaps of one
// or two bytes between them filled: p and next are the words either side.
func filled(p, d, next uint64) uint64 {
	left1, left2 := d<<1|p>>63, d<<2|p>>62 // whether the byte one or two before differs
	right1, right2 := d>>1|next<<63, d>>2|next<<62
	return d | left1&(right1|right2) | left2&right1
}
