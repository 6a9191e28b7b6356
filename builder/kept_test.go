package builder

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"testing"

	"github.com/playbookhq/playbook/builder/publish"
	"github.com/playbookhq/playbook/builder/render"
)

// TestKeptRoundTrip: what writeKept writes, readKept reads back, the content's
// stamp too, and a list of another program, a cut line or a bad number gives
// nothing to reuse.
func TestKeptRoundTrip(t *testing.T) {
	dir := t.TempDir()
	want := map[string]render.Kept{"index.html": {Key: 1, Size: 10}, "insights/a b/index.html": {Key: 1 << 63, Size: 0}, "bad\npath": {Key: 2, Size: 3}}
	if err := writeKept(dir, maps.All(want), 0xfedcba9876543210); err != nil {
		t.Fatal(err)
	}
	got, stamp := readKept(dir)
	if len(got) != 2 || got["index.html"] != want["index.html"] || got["insights/a b/index.html"] != want["insights/a b/index.html"] || stamp != 0xfedcba9876543210 {
		t.Fatalf("read back %v, stamp %x", got, stamp)
	}
	header := fmt.Sprintf("%s %016x\n", keptHeader, programKey())
	for _, bad := range []string{
		fmt.Sprintf("%s %016x\n0000000000000001 10 index.html\n", keptHeader, programKey()^2),
		header + "0000000000000001 10\n",
		header + "zz 10 index.html\n",
		header + "0000000000000001 -1 index.html\n",
	} {
		os.WriteFile(filepath.Join(dir, publish.Marker), []byte(bad), 0o644)
		if got, stamp := readKept(dir); got != nil || stamp != 0 {
			t.Errorf("%q gives %v, stamp %x", bad, got, stamp)
		}
	}
}

// FuzzReadKept: any marker reads as a list of sizes at or above zero, or as
// nothing, and never stops the build.
func FuzzReadKept(f *testing.F) {
	header := fmt.Sprintf("%s %016x\n", keptHeader, programKey())
	f.Add("This folder is written by playbook build.\n" + header + "0000000000000001 10 index.html\n")
	f.Add(header + "ffffffffffffffff 9223372036854775807 a\n")
	f.Add(header)
	f.Fuzz(func(t *testing.T, marker string) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, publish.Marker), []byte(marker), 0o644); err != nil {
			t.Fatal(err)
		}
		kept, _ := readKept(dir)
		for p, k := range kept {
			if k.Size < 0 || p == "" {
				t.Errorf("%q: %q %v", marker, p, k)
			}
		}
	})
}
