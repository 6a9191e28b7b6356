//go:build !unix

package publish

const locking = false

// lock is not available: stale staging folders are removed by age instead.
func lock(dir string) (func(), error) { return func() {}, nil }
