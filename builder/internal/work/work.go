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

// Each calls fn(i) for i in [0, n) on up to GOMAXPROCS goroutines, and returns the
// first error fn returned, or ctx's error if it ended first. Once a call failed or
// ctx ended, no new call starts.
//
// A goroutine takes a few consecutive indices at a time when there are many (up
// to maxStep, and no more than leaves each goroutine 64 turns): taking them one by
// one, the goroutines spend as long passing the counter between cores as on
// jobs of a microsecond (linking an entry), and jobs next to each other in a
// slice write to the same cache lines from both cores.
func Each(ctx context.Context, n int, fn func(i int) error) error {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 0 {
		return ctx.Err()
	}
	step := min(max(n/(64*workers), 1), maxStep)
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
