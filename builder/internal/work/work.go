// Package work runs a build's many small jobs (files to parse, pages to render,
// bodies to index) on every core.
package work

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls fn(i) for i in [0, n) on up to GOMAXPROCS goroutines, and returns the
// first error fn returned, or ctx's error if it ended first. Once a call failed or
// ctx ended, no new call starts.
func Each(ctx context.Context, n int, fn func(i int) error) error {
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
			i := int(next.Add(1) - 1)
			if i >= n {
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
