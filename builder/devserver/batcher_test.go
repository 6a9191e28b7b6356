package devserver

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

const (
	quiet = 40 * time.Millisecond
	limit = time.Second
)

func newTestBatcher() (*Batcher, *fakeClock) {
	c := newFakeClock()
	return NewBatcher(c, quiet, limit), c
}

func ready(b *Batcher) bool {
	select {
	case <-b.Ready():
		// Put the signal back: Take drains it.
		b.mu.Lock()
		select {
		case b.ready <- struct{}{}:
		default:
		}
		b.mu.Unlock()
		return true
	default:
		return false
	}
}

func TestIgnored(t *testing.T) {
	for _, name := range []string{
		".x.md.swp", ".x.md.swx", ".#x.md", "#x.md#", "x.md~", "4913", "5036", ".DS_Store",
		"x.md___jb_tmp___", "x.md___jb_old___", "x.swp", "x.md.tmp", ".goutputstream-ABC123",
		"Thumbs.db", "desktop.ini", ".x.md.kate-swp", ".git",
	} {
		if !Ignored(name) {
			t.Errorf("Ignored(%q) = false", name)
		}
	}
	for _, name := range []string{"x.md", "_index.md", "4914", "2026", "queue-map.svg", "main.scss", "_colours.scss", "a~b.md"} {
		if Ignored(name) {
			t.Errorf("Ignored(%q) = true", name)
		}
	}
}

func TestBatchAfterQuietPeriod(t *testing.T) {
	b, c := newTestBatcher()
	b.Add("content/insights/a.md")
	c.Advance(quiet - time.Millisecond)
	if ready(b) {
		t.Fatal("ready before the quiet period ended")
	}
	b.Add("content/insights/a.md") // the editor writes again: the wait starts over
	c.Advance(quiet - time.Millisecond)
	if ready(b) {
		t.Fatal("ready although a change came within the quiet period")
	}
	c.Advance(time.Millisecond)
	if !ready(b) {
		t.Fatal("not ready after the quiet period")
	}
	got := b.Take()
	if !slices.Equal(got.Paths, []string{"content/insights/a.md"}) || got.All {
		t.Errorf("batch = %+v", got)
	}
	if want := got.First.Add(2*quiet - time.Millisecond); !got.Ready.Equal(want) {
		t.Errorf("ready at %v, want %v", got.Ready, want)
	}
	c.Advance(time.Hour)
	if ready(b) {
		t.Error("a second batch with nothing in it")
	}
}

func TestBatchIgnoresTempFiles(t *testing.T) {
	b, c := newTestBatcher()
	b.Add("content/insights/.a.md.swp", "content/insights/4913", "content/insights/a.md~",
		"content/.git/index", "layouts/.#entry.html", "content/insights/a.md___jb_tmp___")
	c.Advance(time.Hour)
	if ready(b) {
		t.Fatalf("temporary files made a batch: %v", b.Take().Paths)
	}
	b.Add("content/insights/.a.md.swp", "content/insights/a.md", "content/insights/#a.md#")
	c.Advance(quiet)
	if got := b.Take(); !slices.Equal(got.Paths, []string{"content/insights/a.md"}) {
		t.Errorf("batch = %v", got.Paths)
	}
}

// TestStormIsOneBatch: a `git checkout` writes hundreds of files in a burst; the
// site rebuilds once, for all of them.
func TestStormIsOneBatch(t *testing.T) {
	b, c := newTestBatcher()
	var want []string
	for i := range 500 {
		p := fmt.Sprintf("content/insights/f%03d.md", i)
		want = append(want, p)
		b.Add(p)
		b.Add(p) // write, then close-write
		c.Advance(time.Millisecond)
		if ready(b) {
			t.Fatalf("ready in the middle of the storm, after %d files", i+1)
		}
	}
	c.Advance(quiet)
	if !ready(b) {
		t.Fatal("not ready after the storm")
	}
	got := b.Take()
	if !slices.Equal(got.Paths, want) {
		t.Errorf("batch has %d paths, want the 500", len(got.Paths))
	}
	c.Advance(time.Hour)
	if ready(b) {
		t.Error("the storm made a second batch")
	}
}

// TestCapBoundsAStream: writes that never pause still rebuild, once per cap.
func TestCapBoundsAStream(t *testing.T) {
	b, c := newTestBatcher()
	batches := 0
	for i := range 300 { // 3 s of writes, one every 10 ms
		b.Add("content/insights/log.md")
		c.Advance(10 * time.Millisecond)
		if ready(b) {
			batches++
			if got := b.Take(); got.Ready.Sub(got.First) > limit {
				t.Errorf("write %d: the batch waited %v, more than the cap", i, got.Ready.Sub(got.First))
			}
		}
	}
	if batches < 2 || batches > 3 {
		t.Errorf("%d batches in 3 s of writes, want one per second", batches)
	}
}

// TestChangesDuringARebuild wait for the next batch.
func TestChangesDuringARebuild(t *testing.T) {
	b, c := newTestBatcher()
	b.Add("content/a.md")
	c.Advance(quiet)
	first := b.Take()
	// The rebuild runs; meanwhile the author saves again.
	b.Add("content/b.md")
	c.Advance(quiet)
	if !ready(b) {
		t.Fatal("the change made during the rebuild is not ready")
	}
	if second := b.Take(); !slices.Equal(first.Paths, []string{"content/a.md"}) || !slices.Equal(second.Paths, []string{"content/b.md"}) {
		t.Errorf("batches %v then %v", first.Paths, second.Paths)
	}
}

func TestAddAll(t *testing.T) {
	b, c := newTestBatcher()
	b.Add("content/a.md")
	b.AddAll()
	c.Advance(quiet)
	got := b.Take()
	if !got.All || got.Paths != nil || got.Empty() {
		t.Errorf("batch = %+v, want all", got)
	}
}
