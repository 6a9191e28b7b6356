package work

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
)

// TestEveryIndexOnce covers, for Each and for Small, counts below, at and far
// above the point where Small's goroutines take several indices at a time.
func TestEveryIndexOnce(t *testing.T) {
	for _, small := range []bool{false, true} {
		for _, n := range []int{0, 1, 2, 3, 127, 128, 129, 1000, 2047, 10001} {
			calls := make([]atomic.Int32, n)
			if small {
				Small(n, func(i int) { calls[i].Add(1) })
			} else if err := Each(context.Background(), n, func(i int) error {
				calls[i].Add(1)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			for i := range calls {
				if c := calls[i].Load(); c != 1 {
					t.Fatalf("small=%v n=%d: index %d called %d times", small, n, i, c)
				}
			}
		}
	}
}

// TestEachStopsAtTheFirstError: after a call fails no new call starts, so far
// fewer than n are made, and the error is the one returned.
func TestEachStopsAtTheFirstError(t *testing.T) {
	bad := errors.New("bad")
	var calls atomic.Int32
	err := Each(context.Background(), 100000, func(i int) error {
		calls.Add(1)
		if i == 10 {
			return bad
		}
		return nil
	})
	if !errors.Is(err, bad) {
		t.Fatalf("err = %v, want %v", err, bad)
	}
	if c := calls.Load(); c > 100 {
		t.Errorf("%d calls after the failure at index 10", c)
	}
}

func TestEachStopsWhenTheContextEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var calls atomic.Int32
	err := Each(ctx, 100000, func(i int) error {
		if calls.Add(1) == 5 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if c := calls.Load(); c > 100 {
		t.Errorf("%d calls after the context ended", c)
	}
}
