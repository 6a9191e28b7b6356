// Package work runs a build's many small jobs (files to parse, pages to render,
// bodies to index) on every core.
package work

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// maxStep is the most indices a goroutine takes at a time.
const maxStep = 16

// Each calls fn(i) for i in [0, n) on up to GOMAXPROCS goroutines, one index at a
// time, and returns the first error fn returned, or ctx's error if it ended first.
// Once a call failed or ctx ended, no new call starts. Jobs of very different
// lengths (pages: the pack takes a second, most pages a millisecond) balance
// best this way, the longest put first.
func Each(ctx context.Context, n int, fn func(i int) error) error {
	return each(ctx, n, 1, fn)
}

// Small is Each for many short jobs, all alike (linking an entry, hashing its key,
// choosing its related entries): a goroutine takes up to maxStep consecutive
// indices at a time, no more than leaves each goroutine 64 turns. Taken one by
// one, jobs of a microsecond cost the goroutines as long in passing the counter
// between cores as in work, and neighbouring jobs writing one slice share its
// cache lines across cores.
func Small(n int, fn func(i int)) {
	workers := max(runtime.GOMAXPROCS(0), 1)
	each(context.Background(), n, min(max(n/(64*workers), 1), maxStep), func(i int) error {
		fn(i)
		return nil
	})
}

func each(ctx context.Context, n, step int, fn func(i int) error) error {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 0 {
		return ctx.Err()
	}
	var next atomic.Int64
	var stop atomic.Bool
	var mu sync.Mutex
	var first error
	run := func() {
		for !stop.Load() {
			lo := int(next.Add(int64(step)) - int64(step))
			if lo >= n {
				return
			}
			for i := lo; i < min(lo+step, n); i++ {
				if stop.Load() {
					return
				}
				if ctx.Err() != nil {
					stop.Store(true)
					return
				}
				if err := fn(i); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
					stop.Store(true)
					return
				}
			}
		}
	}
	var wg sync.WaitGroup
	for range workers - 1 {
		wg.Go(run)
	}
	run()
	wg.Wait()
	if first != nil {
		return first
	}
	return ctx.Err()
}
