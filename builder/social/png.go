package social

import (
	"bytes"
	"encoding/binary"
	"hash/adler32"
	"hash/crc32"
	"image/color"
)

// encode writes a drawn card as a PNG with four bits a pixel. The standard
// encoder reads such images one pixel at a time through an interface and takes
// twenty times longer.
func encode(c Card, cv *canvas) []byte {
	pal := color.Palette{c.Paper}
	for _, fg := range []color.RGBA{c.Ink, c.Accent} {
		for i := 1; i <= shades; i++ {
			pal = append(pal, blend(c.Paper, fg, uint8(i*255/shades)))
		}
	}
	e := encoders.Get().(*pngEncoder)
	defer encoders.Put(e)
	return e.encode(pal, cv)
}

// pngEncoder keeps its buffers between cards.
type pngEncoder struct {
	out  []byte
	same [Height]bool // whether each row is known to equal the one above
	runs runs
}

// Adler-32 checksums of bare rows: blankSums[n] of n of them, blankHeads[k] of
// the first k bytes of one and blankTails[k] of its bytes from k on.
var blankSums, blankHeads, blankTails = func() (sums [Height + 1]uint32, heads, tails [rowLen + 1]uint32) {
	sums[0] = 1 // of nothing
	for n := 1; n <= Height; n++ {
		sums[n] = adlerJoin(sums[n-1], adler32.Checksum(blankRow), rowLen)
	}
	for k := range rowLen + 1 {
		heads[k], tails[k] = adler32.Checksum(blankRow[:k]), adler32.Checksum(blankRow[k:])
	}
	return sums, heads, tails
}()

func (e *pngEncoder) encode(pal color.Palette, cv *canvas) []byte {
	out := append(e.out[:0], "\x89PNG\r\n\x1a\n"...)
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
	out = chunk(out, "IEND", nil)
	e.out = out
	return bytes.Clone(out)
}

// imageData appends the IDAT chunk of the canvas. It is written in place, and its
// length filled in once known.
func (e *pngEncoder) imageData(out []byte, cv *canvas) []byte {
	start := len(out)
	out = append(out, 0, 0, 0, 0, 'I', 'D', 'A', 'T')
	out = append(out, 0x78, 0x01) // zlib: deflate, 32 KB window, fastest
	w := &e.runs
	w.out, w.acc, w.n, w.rowLen = out, 0, 0, rowLen
	w.image(cv.rows, e.sameRows(cv), cardCodes())
	out = w.out
	// The last block, empty (final, fixed codes, end of block), then the checksum
	// of the rows.
	out = append(out, 0x03, 0x00)
	out = binary.BigEndian.AppendUint32(out, rowsSum(cv))
	binary.BigEndian.PutUint32(out[start:], uint32(len(out)-start-8))
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[start+4:]))
}

// sameRows says which rows are bare under a bare row: those are copies of the row
// above, which the compressor need not look at.
func (e *pngEncoder) sameRows(cv *canvas) []bool {
	for y := range Height {
		e.same[y] = y > 0 && cv.bare(y) && cv.bare(y-1)
	}
	return e.same[:]
}

// rowsSum is the Adler-32 checksum of the canvas's rows. Only the bytes that
// letters touched are summed: the rest are those of a bare row, whose checksums
// are joined.
func rowsSum(cv *canvas) uint32 {
	sum := uint32(1) // of nothing
	for y := 0; y < Height; {
		if cv.bare(y) {
			end := y + 1
			for end < Height && cv.bare(end) {
				end++
			}
			sum = adlerJoin(sum, blankSums[end-y], (end-y)*rowLen)
			y = end
			continue
		}
		lo, hi := int(cv.touched[y].lo), int(cv.touched[y].hi)
		sum = adlerJoin(sum, blankHeads[lo], lo)
		sum = adlerUpdate(sum, cv.rows[y*rowLen+lo:y*rowLen+hi])
		sum = adlerJoin(sum, blankTails[hi], rowLen-hi)
		y++
	}
	return sum
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

// adlerUpdate is the Adler-32 checksum of what sum is the checksum of, followed
// by p. It takes eight bytes at a time: after them, a has grown by their sum and
// b by 8a and by each byte as many times as there are bytes from it to the end
// (8 for the first, 1 for the last). Spread into four 16-bit lanes, the even
// bytes and the odd ones apart, those sums are the top lane of a product.
func adlerUpdate(sum uint32, p []byte) uint32 {
	a, b := uint64(sum&0xffff), uint64(sum>>16)
	for len(p) >= 8 {
		// Reduced every 4 KB, a and b stay far within 64 bits.
		n := min(len(p), 4096) &^ 7
		for i := 0; i < n; i += 8 {
			w := binary.LittleEndian.Uint64(p[i:])
			even := w & 0x00ff00ff00ff00ff // bytes 0, 2, 4 and 6
			odd := w >> 8 & 0x00ff00ff00ff00ff
			b += 8*a + (even*0x0008000600040002+odd*0x0007000500030001)>>48
			a += (even + odd) * 0x0001000100010001 >> 48
		}
		a, b, p = a%adlerMod, b%adlerMod, p[n:]
	}
	for _, c := range p {
		a += uint64(c)
		b += a
	}
	return uint32(b%adlerMod<<16 | a%adlerMod)
}
