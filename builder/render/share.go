package render

import (
	"image/color"

	"github.com/playbookhq/playbook/builder/site"
	"github.com/playbookhq/playbook/builder/social"
)

// ShareCard is the share card of one entry and where it is published.
type ShareCard struct {
	Path string // "insights/x/share.png"
	Card social.Card
}

// cardColours are the types' colours on share cards, the same as the default
// theme's.
var cardColours = map[string]color.RGBA{
	"insights":    {0x8a, 0x46, 0x00, 255},
	"analogies":   {0x0a, 0x61, 0x5e, 255},
	"experiences": {0x6a, 0x37, 0xa5, 255},
	"sessions":    {0xa1, 0x1e, 0x55, 255},
	"pages":       {0x3d, 0x4b, 0x5c, 255},
}

// ShareCards lists the card of every published entry: what its page's og:image
// shows.
func ShareCards(s *site.Site) []ShareCard {
	out := make([]ShareCard, 0, len(s.Entries))
	for _, e := range s.Entries {
		detail := ""
		switch e.Type.Name {
		case "insights":
			detail = e.Customer
		case "analogies":
			detail = e.Domain
		case "experiences":
			detail = e.Duration.String()
		case "sessions":
			detail = e.Date.Format("2 January 2006")
		}
		out = append(out, ShareCard{Path: e.URL[1:] + "share.png", Card: social.Card{
			Kind: e.Type.One, Title: e.Title, Site: s.Title, Detail: detail,
			Accent: cardColours[e.Type.Name], Ink: color.RGBA{0x1f, 0x23, 0x28, 255}, Paper: color.RGBA{0xfb, 0xf8, 0xf1, 255},
		}})
	}
	return out
}
