package keys

import (
	"fmt"
	"strings"
	"testing"
)

// TestHashIsFixed: a key must mean the same in a later process and on another
// machine, so the hash of known bytes is known.
func TestHashIsFixed(t *testing.T) {
	for in, want := range map[string]uint64{
		"":                      hash(nil),
		"insights/x":            String("insights/x"),
		strings.Repeat("a", 40): Bytes([]byte(strings.Repeat("a", 40))),
	} {
		if got := String(in); got != want {
			t.Errorf("String(%q) = %x, Bytes gives %x", in, got, want)
		}
	}
	// The values of this version: a change of the hash changes every key kept.
	for in, want := range map[string]uint64{
		"":           0xe42d79d50d031e29,
		"insights/x": 0x5c2982dfacc024a7,
		"The queue hides its rules: a longer string than two words": 0xbb2149862937119b,
	} {
		if got := String(in); got != want {
			t.Errorf("String(%q) = %#x, want %#x", in, got, want)
		}
	}
}

// TestHashSpreads: keys of near strings differ, at every length up to a few words.
func TestHashSpreads(t *testing.T) {
	seen := map[uint64]string{}
	add := func(s string) {
		h := String(s)
		if prev, ok := seen[h]; ok && prev != s {
			t.Fatalf("%q and %q hash alike: %x", prev, s, h)
		}
		seen[h] = s
	}
	for n := 0; n < 40; n++ {
		base := strings.Repeat("x", n)
		add(base)
		for i := 0; i < n; i++ {
			for _, c := range "ay\x00" {
				add(base[:i] + string(c) + base[i+1:])
			}
		}
	}
	for i := 0; i < 200000; i++ {
		add(fmt.Sprintf("insights/entry-%d/index.html", i))
	}
}

func BenchmarkString(b *testing.B) {
	for _, n := range []int{8, 32, 200, 5000} {
		s := strings.Repeat("q", n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(n))
			for b.Loop() {
				String(s)
			}
		})
	}
}
