package themes_test

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// goldenPages are a few representative pages of the sample site: the home page, a
// list with its filters, one entry of each type of the method, and the actions page.
var goldenPages = []string{
	"index.html",
	"insights/index.html",
	"insights/counter-queue-ticket/index.html",
	"analogies/emergency-room-triage/index.html",
	"experiences/triage-waiting-room/index.html",
	"sessions/customer-services-march-2026/index.html",
	"actions/index.html",
}

// fingerprints are the content hashes in asset names: a style edit changes them on
// every page, which is not what these files are about.
var fingerprints = regexp.MustCompile(`\.[0-9a-f]{10}\.(css|js)`)

// TestGoldenPages compares pages of the sample site with the files under
// testdata/golden. After a deliberate change to the theme or the builder, run
// `go test ./themes/ -run TestGoldenPages -update` and review the diff.
func TestGoldenPages(t *testing.T) {
	dir := sampleSite(t)
	for _, page := range goldenPages {
		got, err := os.ReadFile(filepath.Join(dir, page))
		if err != nil {
			t.Fatal(err)
		}
		got = fingerprints.ReplaceAll(got, []byte(".HASH.$1"))
		name := strings.TrimSuffix(strings.TrimSuffix(page, "index.html"), "/")
		if name == "" {
			name = "home"
		}
		golden := filepath.Join("testdata", "golden", strings.ReplaceAll(name, "/", "_")+".html")
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./themes/ -run TestGoldenPages -update to create it)", err)
		}
		if string(got) != string(want) {
			t.Errorf("%s differs from %s (run with -update if the change is meant):\n%s", page, golden, firstDifference(string(want), string(got)))
		}
	}
}

// firstDifference shows the first line that differs, with its neighbours.
func firstDifference(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + w + "\n   got: " + g
		}
	}
	return "(same lines, different endings)"
}
