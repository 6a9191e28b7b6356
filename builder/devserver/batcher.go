package devserver

import (
	"sort"
	"sync"
	"time"
)

// Clock is the time the batcher waits by; tests pass a fake one.
type Clock interface {
	Now() time.Time
	// AfterFunc calls f in its own goroutine once d has passed, unless stopped.
	AfterFunc(d time.Duration, f func()) Timer
}

// Timer is a pending AfterFunc.
type Timer interface {
	Stop() bool
}

type realClock struct{}

func (realClock) Now() time.Time                            { return time.Now() }
func (realClock) AfterFunc(d time.Duration, f func()) Timer { return time.AfterFunc(d, f) }

// Default batching: a save settles within a few milliseconds, a `git checkout`
// writes hundreds of files within a few hundred.
const (
	DefaultQuiet = 25 * time.Millisecond
	DefaultCap   = time.Second
)

// Batcher gathers the paths a watcher reports into batches, one per burst of
// changes: a batch is ready once no change has come for the quiet period, or once
// the cap has passed since its first change (a stream of writes that never pauses
// still rebuilds now and then). An editor's save (several events for one file) or
// a checkout of hundreds of files thus becomes one rebuild, and the builder never
// reads a file the editor is still writing, as long as the writes keep coming.
//
// Changes that arrive while the consumer is busy rebuilding wait for the next
// batch. Batcher is safe for concurrent use.
type Batcher struct {
	clock      Clock
	quiet, cap time.Duration

	mu      sync.Mutex
	pending map[string]bool
	all     bool      // something asked for a rebuild of everything
	first   time.Time // when the pending batch began
	timer   Timer
	gen     uint64 // counts touches, so that a replaced timer's firing is ignored
	ready   chan struct{}
	isReady bool
	readyAt time.Time
}

// NewBatcher returns a batcher; zero durations mean the defaults, a nil clock the
// real one.
func NewBatcher(clock Clock, quiet, cap time.Duration) *Batcher {
	if clock == nil {
		clock = realClock{}
	}
	if quiet <= 0 {
		quiet = DefaultQuiet
	}
	if cap <= 0 {
		cap = DefaultCap
	}
	return &Batcher{clock: clock, quiet: quiet, cap: max(cap, quiet), pending: map[string]bool{}, ready: make(chan struct{}, 1)}
}

// Add records that the source-relative, slash-separated paths changed. Paths
// with an ignored element (editors' temporary files) are dropped.
func (b *Batcher) Add(paths ...string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	added := false
	for _, p := range paths {
		if p == "" || ignoredPath(p) {
			continue
		}
		b.pending[p] = true
		added = true
	}
	if added {
		b.touch()
	}
}

// AddAll asks for a rebuild that reads everything again: the watcher lost track
// (its queue overflowed).
func (b *Batcher) AddAll() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.all = true
	b.touch()
}

// touch restarts the quiet period; b.mu is held.
func (b *Batcher) touch() {
	if b.isReady {
		return // the consumer has been told; it takes this change with the rest
	}
	now := b.clock.Now()
	if b.timer == nil {
		b.first = now
	} else {
		b.timer.Stop()
	}
	b.gen++
	gen := b.gen
	wait := min(b.quiet, b.first.Add(b.cap).Sub(now))
	b.timer = b.clock.AfterFunc(max(wait, 0), func() { b.fire(gen) })
}

// fire ends the wait that touch number gen began, unless a later touch replaced
// it: a stopped timer may still fire once.
func (b *Batcher) fire(gen uint64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if gen != b.gen || b.timer == nil || b.isReady {
		return
	}
	b.timer = nil
	b.isReady = true
	b.readyAt = b.clock.Now()
	select {
	case b.ready <- struct{}{}:
	default:
	}
}

// Ready receives when a batch is ready; call Take then.
func (b *Batcher) Ready() <-chan struct{} { return b.ready }

// Batch is what changed in one burst.
type Batch struct {
	Paths []string  // sorted; nil when All
	All   bool      // read everything again
	First time.Time // the batch's first change
	Ready time.Time // when it was complete: its quiet period ended or its cap came
}

// Empty reports whether nothing changed.
func (b Batch) Empty() bool { return !b.All && len(b.Paths) == 0 }

// Take returns what changed since the last Take, and starts a new batch.
func (b *Batcher) Take() Batch {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := Batch{All: b.all, First: b.first, Ready: b.readyAt}
	if !b.all {
		for p := range b.pending {
			out.Paths = append(out.Paths, p)
		}
		sort.Strings(out.Paths)
	}
	if out.Ready.IsZero() {
		out.Ready = b.clock.Now()
	}
	b.pending = map[string]bool{}
	b.all = false
	b.isReady = false
	b.readyAt = time.Time{}
	b.gen++
	if b.timer != nil {
		b.timer.Stop()
		b.timer = nil
	}
	select {
	case <-b.ready:
	default:
	}
	return out
}
