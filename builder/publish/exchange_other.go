//go:build !linux

package publish

import "errors"

// exchange is not available: Publish renames twice instead.
func exchange(a, b string) error { return errors.New("not supported") }
