//go:build !unix

package publish

import "os"

// WriteFile writes data to a new file, or over an old one, with mode 0644.
func WriteFile(name string, data []byte) error { return os.WriteFile(name, data, 0o644) }
