package keys

import (
	"encoding/binary"
	"math/bits"
	"unsafe"
)

// The hash of bytes: eight at a time, each word multiplied into the state as a
// 128-bit product folded in half (the mixing of wyhash), then finished. The same
// bytes give the same hash in every process and on every machine, so that keys
// can be kept between builds.
const (
	p0 = 0xa0761d6478bd642f
	p1 = 0xe7037ed1a0b428db
	p2 = 0x8ebc6af09c88c6e3
	p3 = 0x589965cc75374cc3
)

func mix(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}

func hash(b []byte) uint64 {
	h := mix(uint64(len(b))^p0, p1)
	for len(b) >= 16 {
		h = mix(binary.LittleEndian.Uint64(b)^p1^h, binary.LittleEndian.Uint64(b[8:])^p2)
		b = b[16:]
	}
	if len(b) >= 8 {
		h = mix(binary.LittleEndian.Uint64(b)^p1^h, p3)
		b = b[8:]
	}
	if len(b) > 0 {
		var w uint64
		for i, c := range b {
			w |= uint64(c) << (8 * i)
		}
		h = mix(w^p2^h, p0)
	}
	return mix(h^p3, p1)
}

func hashString(s string) uint64 {
	return hash(unsafe.Slice(unsafe.StringData(s), len(s)))
}
