package builder

import (
	"context"
	"errors"
	"os"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
)

// fullSink is a disk that fills up: every file after the first few fails.
type fullSink struct {
	*MemSink
	left atomic.Int32
}

func (f *fullSink) Put(p string, data []byte) error {
	if f.left.Add(-1) < 0 {
		return &os.PathError{Op: "write", Path: "/site/public.staging/" + p, Err: syscall.ENOSPC}
	}
	return f.MemSink.Put(p, data)
}

// TestFullDisk: when the disk fills up in the middle of a build, the build stops
// with one error, saying which file and why, and no diagnostics of its own:
// every later file would fail alike.
func TestFullDisk(t *testing.T) {
	for _, after := range []int32{0, 3, 40} {
		sink := &fullSink{MemSink: NewMemSink()}
		sink.left.Store(after)
		o := Options{Source: "site", FS: siteFS(minimalSite), Today: today, Themes: os.DirFS("testdata/themes")}
		res, err := NewBuilder(o, sink).Build(context.Background())
		if !errors.Is(err, syscall.ENOSPC) {
			t.Fatalf("after %d files: %v, want no space left on device", after, err)
		}
		msg := err.Error()
		if strings.Count(msg, "\n") > 0 || strings.Count(msg, "no space left") != 1 || !strings.HasPrefix(msg, "writing ") || strings.Contains(msg, "staging") {
			t.Errorf("after %d files: %q, want one line naming the site's file", after, msg)
		}
		if res != nil && len(res.Diagnostics) > 0 {
			t.Errorf("after %d files: diagnostics besides the error:\n%s", after, diagText(res.Diagnostics))
		}
	}
}
