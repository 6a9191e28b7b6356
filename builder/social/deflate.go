package social

import (
	"encoding/binary"
	"math/bits"
)

// runs writes deflate blocks with the fixed codes of RFC 1951 for an image whose
// rows are mostly runs of one byte: each run becomes its byte and a copy of the
// byte before it (distance 1), and where a stretch equals the row above it, a copy
// of that row (distance rowLen) is taken instead when it is longer. It does no
// searching and builds no code tables, which is what made a general compressor
// most of a card's cost; the result is a little larger.
type runs struct {
	out       []byte
	acc       uint64
	n         uint
	rowLen    int
	upFor     int    // the row length upSym was made for
	upSym     uint64 // the distance code and extra bits of rowLen, bit-reversed and placed
	upSymBits uint
}

// Fixed codes (RFC 1951, 3.2.6), bit-reversed for a stream that is written from
// the low bit up: literals and the end of block, and lengths with their extra bits.
var (
	litCode [256]uint16
	litBits [256]uint8
	lenCode [259]uint32 // length 3..258: its symbol's code, then its extra bits
	lenBits [259]uint8
)

func reverse(v uint32, n uint) uint32 {
	var r uint32
	for range n {
		r = r<<1 | v&1
		v >>= 1
	}
	return r
}

func fixedCode(sym int) (uint32, uint) {
	switch {
	case sym < 144:
		return reverse(uint32(0x30+sym), 8), 8
	case sym < 256:
		return reverse(uint32(0x190+sym-144), 9), 9
	case sym < 280:
		return reverse(uint32(sym-256), 7), 7
	default:
		return reverse(uint32(0xc0+sym-280), 8), 8
	}
}

func init() {
	for b := range 256 {
		c, n := fixedCode(b)
		litCode[b], litBits[b] = uint16(c), uint8(n)
	}
	// Length symbols 257..284 cover 3..257 in groups whose size doubles every four
	// symbols after the first eight; 285 is 258 on its own.
	sym, base, extra := 257, 3, uint(0)
	for sym < 285 {
		for e := range 1 << extra {
			c, n := fixedCode(sym)
			l := base + e
			lenCode[l] = c | uint32(e)<<n
			lenBits[l] = uint8(n + extra)
		}
		base += 1 << extra
		sym++
		if sym >= 265 && (sym-265)%4 == 0 {
			extra++
		}
	}
	c, n := fixedCode(285)
	lenCode[258], lenBits[258] = c, uint8(n)
}

// distance returns the code and extra bits of a distance from 1 to 32768, as bits
// ready to write.
func distance(d int) (uint64, uint) {
	code, base, extra := 0, 1, uint(0)
	for {
		size := 1 << extra
		if d < base+size {
			break
		}
		base += size
		code++
		if code >= 4 && code%2 == 0 {
			extra++
		}
	}
	return uint64(reverse(uint32(code), 5)) | uint64(d-base)<<5, 5 + extra
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

// copyOf writes a copy of l bytes (3..258) from dist (1 or rowLen) back.
func (w *runs) copyOf(l int, up bool) {
	w.bits(uint64(lenCode[l]), uint(lenBits[l]))
	if up {
		w.bits(w.upSym, w.upSymBits)
	} else {
		w.bits(0, 5) // distance 1: code 0, no extra bits
	}
}

// copies writes n bytes as copies (up or of the byte before), and as literals
// what is too short for a copy.
func (w *runs) copies(data []byte, n int, up bool) {
	for n >= 3 {
		l := min(n, 258)
		if n > 258 && n-258 < 3 {
			l = n - 3
		}
		w.copyOf(l, up)
		data, n = data[l:], n-l
	}
	for _, b := range data[:n] {
		w.bits(uint64(litCode[b]), uint(litBits[b]))
	}
}

// block writes data as one block that is not the last, and ends on a byte boundary
// with an empty stored block, as a flush would: the next block may be written by
// anyone. Copies never reach before data.
func (w *runs) block(data []byte) {
	if w.upFor != w.rowLen {
		w.upSym, w.upSymBits = distance(w.rowLen)
		w.upFor = w.rowLen
	}
	w.bits(0b010, 3) // not final, fixed codes
	for i := 0; i < len(data); {
		// A stretch equal to the row above, and a run of one byte.
		up := 0
		if i >= w.rowLen {
			up = common(data[i:], data[i-w.rowLen:])
		}
		b := data[i]
		run := 1 + common(data[i+1:], data[i:])
		if up >= 3 && up >= run {
			w.copies(data[i:], up, true)
			i += up
			continue
		}
		w.bits(uint64(litCode[b]), uint(litBits[b]))
		w.copies(data[i+1:], run-1, false)
		i += run
	}
	w.bits(0, 7)     // end of block
	w.bits(0b000, 3) // an empty stored block: not final, stored
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
