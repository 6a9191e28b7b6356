//go:build unix

package publish

import (
	"errors"
	"fmt"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

const locking = true

// lock takes the lock that builds publishing beside each other in dir share, so
// that one never removes the staging folder of another that is running. It waits
// a few seconds for a build that holds it.
func lock(dir string) (func(), error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
		if err == nil {
			return func() {
				unix.Flock(int(f.Fd()), unix.LOCK_UN)
				f.Close()
			}, nil
		}
		if !errors.Is(err, unix.EWOULDBLOCK) || time.Now().After(deadline) {
			f.Close()
			if errors.Is(err, unix.EWOULDBLOCK) {
				return nil, &RefusedError{fmt.Sprintf("another playbook build is publishing in %s: wait for it to finish", dir)}
			}
			return nil, err
		}
		time.Sleep(50 * time.Millisecond)
	}
}
