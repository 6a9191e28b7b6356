package builder

import (
	"context"
	"image/color"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/playbookhq/playbook/builder/social"
)

// ShareImage returns the absolute URL of the page's share card, for og:image: an
// entry's own card, or "" for other pages, which use the theme's. Cards are drawn
// for every published entry when a layout of the theme asks for them; the dev
// server draws none.
func (p *Page) ShareImage() string {
	if p.Entry == nil || p.Site.Serve || p.Kind != "entry" {
		return ""
	}
	return p.Abs(p.Entry.URL() + "share.png")
}

// cardColours are the types' colours on share cards, the same as the default
// theme's.
var cardColours = map[*Type]color.RGBA{
	typeInsight:    {0x8a, 0x46, 0x00, 255},
	typeAnalogy:    {0x0a, 0x61, 0x5e, 255},
	typeExperience: {0x6a, 0x37, 0xa5, 255},
	typeSession:    {0xa1, 0x1e, 0x55, 255},
	typePage:       {0x3d, 0x4b, 0x5c, 255},
}

func shareCard(s *Site, e *Entry) social.Card {
	detail := ""
	switch e.Type {
	case typeInsight:
		detail = e.Customer
	case typeAnalogy:
		detail = e.Domain
	case typeExperience:
		detail = e.Duration.String()
	case typeSession:
		detail = e.Date.Format("2 January 2006")
	}
	return social.Card{
		Kind: e.Type.One, Title: e.Title, Site: s.Title, Detail: detail,
		Accent: cardColours[e.Type], Ink: color.RGBA{0x1f, 0x23, 0x28, 255}, Paper: color.RGBA{0xfb, 0xf8, 0xf1, 255},
	}
}

// drawShareCards publishes a card for each entry. Drawing one takes a few
// milliseconds, so cards are kept in the site's resources/social/ folder by the
// hash of what they show, and a later build copies them instead.
func (b *Builder) drawShareCards(ctx context.Context, s *Site, o Options, ts *templates) (map[string]bool, error) {
	if !ts.share || o.Serve {
		return nil, nil
	}
	entries := s.Entries
	cache := ""
	if o.StyleCache { // a build of a site on disk, as opposed to a test or the dev server
		cache = filepath.Join(o.Source, "resources", "social")
	}
	written := map[string]bool{}
	var mu sync.Mutex
	var firstErr error
	work := make(chan *Entry)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for e := range work {
				card := shareCard(s, e)
				path := e.URL()[1:] + "share.png"
				data, err := cachedCard(cache, card)
				if err == nil {
					err = b.sink.Put(path, data)
				}
				mu.Lock()
				written[path] = true
				if err != nil && firstErr == nil {
					firstErr = err
				}
				mu.Unlock()
			}
		})
	}
	for _, e := range entries {
		if ctx.Err() != nil {
			break
		}
		work <- e
	}
	close(work)
	wg.Wait()
	return written, firstErr
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
