package social

import (
	"encoding/binary"
	"hash/adler32"
	"hash/crc32"
	"image/color"
)

// encode writes a drawn card as a PNG with four bits a pixel. The standard
// encoder reads such images one pixel at a time through an interface and takes
// twenty times longer.
func encode(dst []byte, c Card, cv *canvas) []byte {
	pal := color.Palette{c.Paper}
	for _, fg := range []color.RGBA{c.Ink, c.Accent} {
		for i := 1; i <= shades; i++ {
			pal = append(pal, blend(c.Paper, fg, uint8(i*255/shades)))
		}
	}
	e := encoders.Get().(*pngEncoder)
	defer encoders.Put(e)
	return e.encode(dst, pal, cv)
}

// pngEncoder keeps its buffers between cards.
type pngEncoder struct {
	diff [Height]extent // the bytes of each row that may differ from the row above
	runs runs
}

// blankSums[n] is the Adler-32 checksum of n bare rows.
var blankSums = func() (sums [Height + 1]uint32) {
	sums[0] = 1 // of nothing
	for n := 1; n <= Height; n++ {
		sums[n] = adlerJoin(sums[n-1], adler32.Checksum(blankRow), rowLen)
	}
	return sums
}()

func (e *pngEncoder) encode(dst []byte, pal color.Palette, cv *canvas) []byte {
	out := append(dst, "\x89PNG\r\n\x1a\n"...)
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], Width)
	binary.BigEndian.PutUint32(ihdr[4:], Height)
	ihdr[8], ihdr[9] = 4, 3 // bit depth 4, indexed colour
	out = chunk(out, "IHDR", ihdr[:])
	plte := make([]byte, 0, 3*len(pal))
	for _, c := range pal {
		r, g, b, _ := c.RGBA()
		plte = append(plte, uint8(r>>8), uint8(g>>8), uint8(b>>8))
	}
	out = chunk(out, "PLTE", plte)
	out = e.imageData(out, cv)
	return chunk(out, "IEND", nil)
}

// imageData appends the IDAT chunk of the canvas. It is written in place, and its
// length filled in once known.
func (e *pngEncoder) imageData(out []byte, cv *canvas) []byte {
	start := len(out)
	out = append(out, 0, 0, 0, 0, 'I', 'D', 'A', 'T')
	out = append(out, 0x78, 0x01) // zlib: deflate, 32 KB window, fastest
	w := &e.runs
	w.out, w.acc, w.n, w.rowLen = out, 0, 0, rowLen
	codes := cardCodes()
	da, db := w.compareInked(cv)
	w.imageSpans(cv.rows, diffRows(cv, e.diff[:]), codes)
	w.clearInked()
	out = w.out
	// The last block, empty (final, fixed codes, end of block), then the checksum
	// of the rows.
	out = append(out, 0x03, 0x00)
	out = binary.BigEndian.AppendUint32(out, rowsSum(da, db))
	binary.BigEndian.PutUint32(out[start:], uint32(len(out)-start-8))
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[start+4:]))
}

// diffRows sets diff[y] to the bytes of row y that may differ from the row
// above, for rowSpans: those that letters touched in either. Outside them both
// rows are bare, and a row bare under a bare row, with none, is a copy of it
// that the compressor need not look at.
func diffRows(cv *canvas, diff []extent) []extent {
	diff[0] = extent{0, rowLen}
	for y := 1; y < Height; y++ {
		a, b := cv.touched[y], cv.touched[y-1]
		switch {
		case a.hi == 0:
			diff[y] = b
		case b.hi == 0:
			diff[y] = a
		default:
			diff[y] = extent{min(a.lo, b.lo), max(a.hi, b.hi)}
		}
	}
	return diff
}

// rowsSum is the Adler-32 checksum of a card's rows, where letters add da and db
// to the a and b of bare rows'. After n bytes, Adler-32 holds a, 1 and the sum
// of the bytes, and b, n and the sum of each byte times the number of bytes from
// it to the end, both modulo 65521: each byte adds to them by itself, wherever it
// is, and the compressor, which reads the words letters were drawn on, sums what
// they add (compareInked).
func rowsSum(da, db uint64) uint32 {
	blank := blankSums[Height]
	a := (uint64(blank&0xffff) + da) % adlerMod
	b := (uint64(blank>>16) + db) % adlerMod
	return uint32(b<<16 | a)
}

// inkSums is what word k of cv's rows adds to Adler-32's a and b, beyond what
// the word of bare rows there adds.
func inkSums(cv *canvas, k int) (da, db uint64) {
	const n = Height * rowLen
	p := 8 * k
	rows := cv.rows[:cap(cv.rows)] // the last word reaches past the rows, into zeros
	// Letters only raise a pixel's index: no byte borrows.
	s, u := byteSums(binary.LittleEndian.Uint64(rows[p:p+8]) - blankWord(p))
	return s, uint64(n-p-8)*s + u // wraps for the last word, and back
}

// blankWord is the eight bytes from p of bare rows, zeros past the last.
func blankWord(p int) uint64 {
	var w uint64
	for j := range 8 {
		if p+j < Height*rowLen {
			w |= uint64(blankRow[(p+j)%rowLen]) << (8 * j)
		}
	}
	return w
}

// byteSums returns the sum of w's bytes, and that of each byte j times 8 - j.
// Spread into four 16-bit lanes, the even bytes and the odd ones apart, those
// sums are the top lane of a product.
func byteSums(w uint64) (sum, weighted uint64) {
	even := w & 0x00ff00ff00ff00ff // bytes 0, 2, 4 and 6
	odd := w >> 8 & 0x00ff00ff00ff00ff
	return (even + odd) * 0x0001000100010001 >> 48, (even*0x0008000600040002 + odd*0x0007000500030001) >> 48
}

// chunk appends a PNG chunk.
func chunk(out []byte, kind string, data []byte) []byte {
	out = binary.BigEndian.AppendUint32(out, uint32(len(data)))
	start := len(out)
	out = append(out, kind...)
	out = append(out, data...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[start:]))
}

const adlerMod = 65521

// adlerJoin is the Adler-32 checksum of x followed by y, from the checksums of x
// and of y, n bytes long. Adler-32 keeps a = 1 + the sum of the bytes and b = the
// sum of every a along the way, both modulo 65521: behind x, each byte of y sees
// a larger by a(x) - 1, so a adds up less the 1 counted twice, and b gains
// n·(a(x) - 1).
func adlerJoin(x, y uint32, n int) uint32 {
	const mod = adlerMod
	ax, bx, ay, by := uint64(x&0xffff), uint64(x>>16), uint64(y&0xffff), uint64(y>>16)
	a := (ax + ay + mod - 1) % mod
	b := (bx + by + uint64(n%mod)*((ax+mod-1)%mod)) % mod
	return uint32(b<<16 | a)
}
