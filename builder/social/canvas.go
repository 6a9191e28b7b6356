package social

import "encoding/binary"

// rowLen is the length of a row of the image as the PNG holds it: its filter
// byte, then two pixels a byte.
const rowLen = 1 + Width/2

// canvas holds the card as the rows of its PNG: each a filter byte (0, none) and
// the palette indices four bits each, the left pixel in the high half. Drawing
// straight into them leaves nothing to pack, and the rows no letter touched are
// known to be bare without looking at them.
type canvas struct {
	rows    []byte         // Height rows of rowLen, and room for 8 bytes after them
	touched [Height]extent // the bytes of each row that letters were drawn on
	// inked has a bit for each eight bytes of rows, rows[8k:8k+8] bit k, that
	// letters were drawn on: finer than touched, which spans a whole line of
	// text in each of its rows, of which letters cover about half. The
	// checksum and the compressor look at these words only.
	inked [inkedLen]uint64
}

// imageWords is the number of eight-byte words of the rows, the last one short;
// inked has a word more than they need, of zeros, to be read past.
const (
	imageWords = (Height*rowLen + 7) / 8
	inkedLen   = (imageWords+63)/64 + 1
)

// extent is a stretch of a row's bytes, from lo up to hi; empty when hi is 0.
type extent struct{ lo, hi int32 }

// blankRow is a row of bare paper and band, as the canvas holds it. Most of a
// card's rows are such rows.
var blankRow = func() []byte {
	row := make([]byte, rowLen)
	for i := range bandWidth / 2 {
		row[1+i] = 2*shades<<4 | 2*shades
	}
	return row
}()

func newCanvas() *canvas {
	cv := &canvas{rows: make([]byte, Height*rowLen, Height*rowLen+8)}
	for y := range Height {
		copy(cv.rows[y*rowLen:], blankRow)
	}
	return cv
}

// reset makes the canvas bare again, rewriting only what letters touched.
func (cv *canvas) reset() {
	for y, t := range cv.touched {
		if t.hi > 0 {
			copy(cv.rows[y*rowLen+int(t.lo):y*rowLen+int(t.hi)], blankRow[t.lo:t.hi])
			cv.touched[y] = extent{}
		}
	}
	clear(cv.inked[:])
}

// ink records that letters were drawn on rows[lo:hi], within one row.
func (cv *canvas) ink(lo, hi int) {
	first, last := lo/8, (hi-1)/8      // the words, last included
	if i := first / 64; i == last/64 { // as a glyph's row mostly is
		cv.inked[i] |= (2<<(last%64) - 1) &^ (1<<(first%64) - 1)
		return
	}
	for k := first; k <= last; k++ {
		cv.inked[k/64] |= 1 << (k % 64)
	}
}

// bare says whether row y is blankRow.
func (cv *canvas) bare(y int) bool { return cv.touched[y].hi == 0 }

// touch records that letters were drawn on bytes lo to hi of rows top to bottom.
func (cv *canvas) touch(top, bottom, lo, hi int) {
	for y := top; y < bottom; y++ {
		t := &cv.touched[y]
		if t.hi == 0 {
			*t = extent{int32(lo), int32(hi)}
			continue
		}
		t.lo, t.hi = min(t.lo, int32(lo)), max(t.hi, int32(hi))
	}
}

// text draws s with its baseline at y, in the ink (base 0) or accent (base
// shades) shades.
func (cv *canvas) text(f *face, s string, x, y int, base uint8) {
	dot := x
	prev := rune(-1)
	var all box
	for _, r := range s {
		gl := f.glyph(r)
		if prev >= 0 {
			dot += f.kern(prev, r)
		}
		prev = r
		all = all.union(cv.stamp(gl, dot+gl.x, y+gl.y, base))
		dot += gl.advance
	}
	cv.touch(all.top, all.bottom, all.lo, all.hi)
}

// box is the rows top to bottom of bytes lo to hi; empty when bottom is 0.
type box struct{ top, bottom, lo, hi int }

func (b box) union(c box) box {
	switch {
	case c.bottom == 0:
		return b
	case b.bottom == 0:
		return c
	}
	return box{min(b.top, c.top), max(b.bottom, c.bottom), min(b.lo, c.lo), max(b.hi, c.hi)}
}

// stamp draws a glyph with its top left corner at pixel (x, y), and returns the
// bytes it drew on. Where letters overlap, each pixel keeps the larger index.
func (cv *canvas) stamp(gl *glyph, x, y int, base uint8) box {
	phase := x & 1
	n, stride := gl.width(phase), gl.stride(phase)
	// The glyph's bytes and rows that fall on the card: a byte holds two pixels
	// and the card's edges fall between bytes, so whole bytes are kept or left.
	at := x >> 1 // the byte of the card, after the filter byte, of the glyph's first
	k0, k1 := max(0, -at), min(n, Width/2-at)
	gy0, gy1 := max(0, -y), min(gl.h, Height-y)
	if k0 >= k1 || gy0 >= gy1 {
		return box{}
	}
	lo, hi := 1+at+k0, 1+at+k1
	drawn := box{y + gy0, y + gy1, lo, hi}
	packed, base := gl.shades(phase, base)
	if k0 > 0 || k1 < n || base != 0 {
		for gy := gy0; gy < gy1; gy++ {
			row := (y + gy) * rowLen
			blendNibbles(cv.rows[row+lo:row+hi], packed[gy*stride+k0:gy*stride+k1], base)
			cv.ink(row+lo, row+hi)
		}
		return drawn
	}
	// A glyph that is whole on the card is drawn with the zeros after its rows,
	// which leave what they fall on as it is, eight bytes at a time: the canvas
	// has room after its last row for them. This is blendNibbles, but in line:
	// the rows are short, a few words each, and calls would cost as much. Most
	// words fall on bare paper, zeros, and take the glyph's as they are.
	rows, src := cv.rows, packed[gy0*stride:gy1*stride]
	for row := (y+gy0)*rowLen + lo; len(src) >= stride; row, src = row+rowLen, src[stride:] {
		dst := rows[row : row+stride]
		for i := 0; i+8 <= stride; i += 8 {
			d, v := binary.LittleEndian.Uint64(dst[i:]), binary.LittleEndian.Uint64(src[i:])
			if d != 0 {
				v = blendWord(d, v)
			}
			binary.LittleEndian.PutUint64(dst[i:], v)
		}
		cv.ink(row, row+hi-lo)
	}
	return drawn
}

// blendNibbles sets each four-bit pixel of dst to the larger of itself and the
// pixel of src, raised by base where src is not 0 (paper), eight bytes at a time.
func blendNibbles(dst, src []byte, base uint8) {
	i := 0
	for ; i+8 <= len(src); i += 8 {
		d, v := binary.LittleEndian.Uint64(dst[i:]), raise(binary.LittleEndian.Uint64(src[i:]), base)
		binary.LittleEndian.PutUint64(dst[i:], blendWord(d, v))
	}
	for ; i < len(src); i++ {
		dst[i] = byte(blendWord(uint64(dst[i]), raise(uint64(src[i]), base)))
	}
}

const sevens, tops = 0x7777777777777777, 0x8888888888888888

// raise adds base to the nibbles of s that are not 0. They are shades, 0 to 7:
// adding 7 sets the top bit of those that are not 0, and nothing carries from one
// nibble to the next.
func raise(s uint64, base uint8) uint64 {
	ones := ((s + sevens) & tops) >> 3 // 1 in each nibble that is not 0
	return s + ones*uint64(base)
}

// blendWord is the larger of each nibble of d and v. Letters seldom overlap, and
// where no nibble is in both, the larger is whichever is there.
func blendWord(d, v uint64) uint64 {
	if overlap(d, v) {
		return maxNibbles(d, v)
	}
	return d | v
}

// overlap says whether a nibble is not 0 in both d and v. The top bits of the
// nibbles that are not 0 are their own or those of their low three bits plus 7.
func overlap(d, v uint64) bool {
	return (d|(d&sevens+sevens))&(v|(v&sevens+sevens))&tops != 0
}

// maxNibbles is the larger of a's and b's every nibble. The nibbles are spread
// one a byte, even ones and odd ones apart, where bytes can be compared with
// a subtraction that does not borrow across them.
func maxNibbles(a, b uint64) uint64 {
	const low = 0x0f0f0f0f0f0f0f0f
	return maxBytes(a&low, b&low) | maxBytes(a>>4&low, b>>4&low)<<4
}

// maxBytes is the larger of a's and b's every byte, for bytes under 0x80: a byte
// of (a | 0x80) - b keeps its top bit when a's byte is not less than b's.
func maxBytes(a, b uint64) uint64 {
	const tops = 0x8080808080808080
	ge := ((a | tops) - b) & tops
	keepA := ge - ge>>7 // 0x7f in each byte where a's is larger or equal
	return a&keepA | b&^keepA
}
