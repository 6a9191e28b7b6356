package builder

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/playbookhq/playbook/builder/internal/keys"
	"github.com/playbookhq/playbook/builder/publish"
	"github.com/playbookhq/playbook/builder/render"
)

// A build's output keeps, in its marker file, the key and size of every page and
// feed it rendered, so that the next build into the same folder publishes again, by
// hard link, the files whose keys it would render anew. A key hashes every input
// of the output; since a newer program may write other bytes from the same inputs,
// the list holds the key of this program's own bytes, and a build by another
// program renders everything.

const keptHeader = "playbook-outputs 1"

// stampHeader begins the line with the stamp of the content the output was built
// from, on its day (see dayStamp).
const stampHeader = "playbook-content "

// dayStamp is the loader's stamp of the content on a day: a build that finds its
// own in the output it replaces has the same files to build on the same day, and
// will publish its pages and search index again as they are.
func dayStamp(stamp uint64, day time.Time) uint64 {
	return keys.New(stamp).Str(day.Format(time.DateOnly)).Sum()
}

// programKey is the hash of this program's bytes, 0 when they cannot be read.
var programKey = sync.OnceValue(func() uint64 {
	exe, err := os.Executable()
	if err != nil {
		return 0
	}
	data, err := os.ReadFile(exe)
	if err != nil {
		return 0
	}
	return keys.Bytes(data) | 1
})

// readKept returns what the output in dest says it holds, or nil, and the day
// stamp of the content it was built from (0 when it does not say).
func readKept(dest string) (map[string]render.Kept, uint64) {
	prog := programKey()
	if prog == 0 {
		return nil, 0
	}
	f, err := os.Open(filepath.Join(dest, publish.Marker))
	if err != nil {
		return nil, 0
	}
	defer f.Close()
	sc := bufio.NewScanner(io.LimitReader(f, 256<<20))
	sc.Buffer(make([]byte, 64<<10), 64<<10)
	want := fmt.Sprintf("%s %016x", keptHeader, prog)
	var stamp uint64
	for sc.Scan() && sc.Text() != want {
		if strings.HasPrefix(sc.Text(), keptHeader) {
			return nil, 0 // another program's
		}
		if s, ok := strings.CutPrefix(sc.Text(), stampHeader); ok {
			stamp, _ = strconv.ParseUint(s, 16, 64)
		}
	}
	kept := map[string]render.Kept{}
	for sc.Scan() {
		key, rest, ok1 := strings.Cut(sc.Text(), " ")
		size, path, ok2 := strings.Cut(rest, " ")
		k, err1 := strconv.ParseUint(key, 16, 64)
		n, err2 := strconv.ParseInt(size, 10, 64)
		if !ok1 || !ok2 || err1 != nil || err2 != nil || n < 0 || path == "" {
			return nil, 0
		}
		kept[path] = render.Kept{Key: k, Size: n}
	}
	if sc.Err() != nil {
		return nil, 0
	}
	return kept, stamp
}

// writeKept writes the marker file of the staging folder dir with what the build
// rendered into it, and the day stamp of its content.
func writeKept(dir string, written iter.Seq2[string, render.Kept], stamp uint64) error {
	prog := programKey()
	var b bytes.Buffer
	b.WriteString("This folder is written by playbook build and replaced whole by the next build.\n")
	if prog != 0 {
		b.WriteString("Below: a key of the content it was built from, then the key, size and path of each page and feed, for the next build to reuse.\n")
		fmt.Fprintf(&b, "%s%016x\n", stampHeader, stamp)
		fmt.Fprintf(&b, "%s %016x\n", keptHeader, prog)
		type line struct {
			path string
			kept render.Kept
		}
		var lines []line
		for p, k := range written {
			if !strings.ContainsAny(p, "\n\r") {
				lines = append(lines, line{p, k})
			}
		}
		slices.SortFunc(lines, func(a, b line) int { return strings.Compare(a.path, b.path) })
		b.Grow(len(lines) * 64)
		for _, l := range lines {
			fmt.Fprintf(&b, "%016x %d %s\n", l.kept.Key, l.kept.Size, l.path)
		}
	}
	tmp := filepath.Join(dir, publish.Marker+".new")
	if err := os.WriteFile(tmp, b.Bytes(), 0o644); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, filepath.Join(dir, publish.Marker))
}
