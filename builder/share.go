package builder

import (
	"context"
	"os"
	"path/filepath"
	"sync"

	"github.com/playbookhq/playbook/builder/internal/work"
	"github.com/playbookhq/playbook/builder/publish"
	"github.com/playbookhq/playbook/builder/render"
	"github.com/playbookhq/playbook/builder/social"
)

// drawCards publishes the share cards. Drawing one takes time, so cards are kept
// in the site's resources/social/ folder (cache, "" for none) by the hash of what
// they show, and a later build copies them instead.
func drawCards(ctx context.Context, cards []render.ShareCard, cache string, sink Sink) error {
	linker, _ := sink.(interface{ Link(path, from string) error })
	// The cache is a convenience: a build that cannot write it still succeeds.
	if cache != "" && os.MkdirAll(cache, 0o755) != nil {
		cache = ""
	}
	// A cache that holds nothing yet, as on a first build or a deploy that kept
	// no resources/, has no card to look for.
	empty := cache != "" && isEmpty(cache)
	return work.Each(ctx, len(cards), func(i int) error {
		c := cards[i]
		if linker == nil || cache == "" {
			data, err := cachedCard(cache, c.Card)
			if err != nil {
				return err
			}
			return putCard(sink, c.Path, data)
		}
		// A folder sink publishes the kept card without reading it: a link to the
		// file in the cache, whether it was there or has just been drawn.
		file := filepath.Join(cache, c.Card.Key()+".png")
		if empty || !exists(file) {
			// The folder sink writes the card at once and keeps nothing: each
			// is drawn into a buffer the next card reuses.
			buf := cardBufs.Get().(*[]byte)
			defer cardBufs.Put(buf)
			data, written, err := drawKept((*buf)[:0], file, c.Card)
			*buf = data
			if err != nil {
				return err
			}
			if !written {
				return putCard(sink, c.Path, data)
			}
		}
		if err := linker.Link(c.Path, file); err != nil {
			return &render.WriteError{Path: c.Path, Err: err}
		}
		return nil
	})
}

// exists reports a file that is there.
func exists(file string) bool {
	_, err := os.Stat(file)
	return err == nil
}

// isEmpty reports a folder that holds no file.
func isEmpty(dir string) bool {
	f, err := os.Open(dir)
	if err != nil {
		return false
	}
	defer f.Close()
	names, _ := f.Readdirnames(1)
	return len(names) == 0
}

// cardBufs hold the bytes of cards that a folder sink writes.
var cardBufs = sync.Pool{New: func() any { b := make([]byte, 0, 32<<10); return &b }}

func putCard(sink Sink, p string, data []byte) error {
	if err := sink.Put(p, data); err != nil {
		return &render.WriteError{Path: p, Err: err}
	}
	return nil
}

// cachedCard is the card as kept in cache, or drawn (and kept) when it is not.
func cachedCard(cache string, card social.Card) ([]byte, error) {
	var file string
	if cache != "" {
		file = filepath.Join(cache, card.Key()+".png")
		if data, err := os.ReadFile(file); err == nil {
			return data, nil
		}
	}
	data, _, err := drawKept(nil, file, card)
	return data, err
}

// drawKept draws the card at the end of dst (nil for a buffer of its own) and
// writes it to file (in the folder drawCards made) unless file is "", and says
// whether file now holds it.
func drawKept(dst []byte, file string, card social.Card) (data []byte, kept bool, err error) {
	data, err = social.AppendDraw(dst, card)
	if err != nil || file == "" {
		return data, false, err
	}
	return data, publish.WriteFile(file, data) == nil, nil
}
