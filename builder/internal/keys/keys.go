// Package keys hashes the inputs of a build's values, so that a later build can
// tell whether a value's inputs changed: in the same process (the dev server), or
// in a later one that finds the keys the last wrote beside its output. A key is the
// same in every process and on every machine (hash.go).
package keys

// Bytes and String hash a value.
func Bytes(b []byte) uint64  { return hash(b) }
func String(s string) uint64 { return hashString(s) }

// Keyer mixes words into a key. It mixes whole words rather than bytes: a
// dev-server rebuild computes some ten thousand keys.
type Keyer struct{ h uint64 }

// New starts a key from base.
func New(base uint64) Keyer {
	k := Keyer{h: 0x9e3779b97f4a7c15}
	return k.U64(base)
}

// U64 mixes in one word.
func (k Keyer) U64(v uint64) Keyer {
	// splitmix64's finaliser over the running state and the word.
	x := k.h ^ v
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	k.h = x + 0x9e3779b97f4a7c15
	return k
}

// Str mixes in a string.
func (k Keyer) Str(s string) Keyer { return k.U64(String(s)) }

// Bool mixes in a flag.
func (k Keyer) Bool(b bool) Keyer {
	if b {
		return k.U64(1)
	}
	return k.U64(0)
}

// Sum is the key.
func (k Keyer) Sum() uint64 { return k.h }
