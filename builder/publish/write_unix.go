//go:build unix

package publish

import (
	"io/fs"

	"golang.org/x/sys/unix"
)

// WriteFile writes data to a new file, or over an old one, as os.WriteFile does
// with mode 0644, in three system calls: open, write, close. An *os.File asks the
// runtime's poller to watch it, which a regular file refuses after two fcntl and
// one epoll_ctl calls; a build writes tens of thousands of files and no poller is
// needed for one.
func WriteFile(name string, data []byte) error {
	fd, err := ignoringEINTR(func() (int, error) {
		return unix.Open(name, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC|unix.O_CLOEXEC, 0o644)
	})
	if err != nil {
		return &fs.PathError{Op: "open", Path: name, Err: err}
	}
	for len(data) > 0 {
		n, err := ignoringEINTR(func() (int, error) { return unix.Write(fd, data) })
		if err != nil {
			unix.Close(fd)
			return &fs.PathError{Op: "write", Path: name, Err: err}
		}
		data = data[n:]
	}
	if err := unix.Close(fd); err != nil {
		return &fs.PathError{Op: "close", Path: name, Err: err}
	}
	return nil
}

func ignoringEINTR(f func() (int, error)) (int, error) {
	for {
		n, err := f()
		if err != unix.EINTR {
			return n, err
		}
	}
}
