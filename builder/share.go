package builder

import (
	"context"
	"os"
	"path/filepath"

	"github.com/playbookhq/playbook/builder/internal/work"
	"github.com/playbookhq/playbook/builder/render"
	"github.com/playbookhq/playbook/builder/social"
)

// drawCards publishes the share cards. Drawing one takes time, so cards are kept
// in the site's resources/social/ folder (cache, "" for none) by the hash of what
// they show, and a later build copies them instead.
func drawCards(ctx context.Context, cards []render.ShareCard, cache string, sink Sink) error {
	linker, _ := sink.(interface{ Link(path, from string) error })
	return work.Each(ctx, len(cards), func(i int) error {
		c := cards[i]
		if linker != nil && cache != "" {
			// A folder sink publishes a kept card without reading it.
			file := filepath.Join(cache, c.Card.Key()+".png")
			if _, err := os.Stat(file); err == nil {
				if err := linker.Link(c.Path, file); err != nil {
					return &render.WriteError{Path: c.Path, Err: err}
				}
				return nil
			}
		}
		data, err := cachedCard(cache, c.Card)
		if err != nil {
			return err
		}
		if err := sink.Put(c.Path, data); err != nil {
			return &render.WriteError{Path: c.Path, Err: err}
		}
		return nil
	})
}

func cachedCard(cache string, card social.Card) ([]byte, error) {
	var file string
	if cache != "" {
		file = filepath.Join(cache, card.Key()+".png")
		if data, err := os.ReadFile(file); err == nil {
			return data, nil
		}
	}
	data, err := social.Draw(card)
	if err != nil || file == "" {
		return data, err
	}
	// The cache is a convenience: a build that cannot write it still succeeds.
	if os.MkdirAll(cache, 0o755) == nil {
		os.WriteFile(file, data, 0o644)
	}
	return data, nil
}
