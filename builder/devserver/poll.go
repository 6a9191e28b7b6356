package devserver

import (
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Poller is the watcher for file systems that send no events (some network and
// container mounts): it walks the roots every interval and reports the files
// whose size or modification time changed, and those that appeared or went away.
type Poller struct {
	source   string
	interval time.Duration
	b        *Batcher
	last     map[string]stamp
	stop     chan struct{}
	done     chan struct{}
	closing  sync.Once
}

type stamp struct {
	size  int64
	mtime time.Time
	dir   bool
}

// Poll starts polling source's Roots every interval.
func Poll(source string, interval time.Duration, b *Batcher) *Poller {
	p := newPoller(source, interval, b)
	p.last = p.scan()
	go p.run()
	return p
}

func newPoller(source string, interval time.Duration, b *Batcher) *Poller {
	return &Poller{source: source, interval: interval, b: b, stop: make(chan struct{}), done: make(chan struct{})}
}

func (p *Poller) run() {
	defer close(p.done)
	t := time.NewTicker(p.interval)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-t.C:
			p.b.Add(p.check()...)
		}
	}
}

// Close stops polling.
func (p *Poller) Close() error {
	p.closing.Do(func() {
		close(p.stop)
		<-p.done
	})
	return nil
}

// check scans again and returns what differs from the last scan.
func (p *Poller) check() []string {
	now := p.scan()
	var changed []string
	for rel, s := range now {
		if old, ok := p.last[rel]; !ok || old.dir != s.dir || !s.dir && (old.size != s.size || !old.mtime.Equal(s.mtime)) {
			changed = append(changed, rel)
		}
	}
	for rel := range p.last {
		if _, ok := now[rel]; !ok {
			changed = append(changed, rel)
		}
	}
	p.last = now
	return changed
}

func (p *Poller) scan() map[string]stamp {
	out := map[string]stamp{}
	for _, r := range Roots {
		root := filepath.Join(p.source, r)
		if fi, err := os.Lstat(root); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
			root += string(filepath.Separator) // walk through a linked root, as Watcher does
		}
		filepath.WalkDir(root, func(path string, de fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if path != root && Ignored(de.Name()) {
				if de.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			info, err := de.Info()
			if err != nil {
				return nil
			}
			rel, err := filepath.Rel(p.source, path)
			if err != nil {
				return nil
			}
			out[filepath.ToSlash(rel)] = stamp{size: info.Size(), mtime: info.ModTime(), dir: de.IsDir()}
			return nil
		})
	}
	return out
}
