// Package social draws the share cards of a playbook: 1200×630 PNG images that chat
// tools and social networks show when someone pastes a link to an entry.
//
// A card shows the entry's type in its colour, its title, and the playbook's name.
// It is drawn in Go with the Go fonts (golang.org/x/image/font/gofont), with no
// external service. A card is a 16-colour image: the background, the type's colour,
// the text colour and shades between them for smooth letters, which keeps encoding
// fast and files small (about 20 KB). The letters are drawn straight into the
// image's rows as the PNG holds them, two pixels a byte (canvas.go), and the image
// is compressed as runs and copies of the row above, with codes made once from a
// sample card (deflate.go), rather than by a general compressor, which took most
// of a card's time; the rows that no letter touched are copied whole without
// being looked at, and of the others only the words letters were drawn on, and
// those below them, are compared with the row above and summed for the checksum
// (changes.go).
package social

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image/color"
	"strings"
	"sync"
	"unicode"
)

// Size of a card, as Open Graph and Twitter's large card expect.
const (
	Width  = 1200
	Height = 630
)

// Card is what a share card shows.
type Card struct {
	Kind   string     // "Insight", "Analogy"...: drawn in the accent colour
	Title  string     // the entry's title, wrapped on up to four lines
	Site   string     // the playbook's name, at the bottom
	Accent color.RGBA // the type's colour
	Ink    color.RGBA // text
	Paper  color.RGBA // background
	Detail string     // a short line under the title (a customer, a domain); optional
}

// Version changes whenever drawing changes, so that cached cards are redrawn.
const Version = "1"

// Key identifies a card's pixels: equal keys draw equal images.
func (c Card) Key() string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%s\x00%v%v%v", Version, c.Kind, c.Title, c.Site, c.Detail, c.Accent, c.Ink, c.Paper)
	return hex.EncodeToString(h.Sum(nil)[:12])
}

const margin = 80

// bandWidth is the width of the band of the accent colour along the left edge.
const bandWidth = 24

// Draw renders the card as a PNG.
func Draw(c Card) ([]byte, error) { return AppendDraw(nil, c) }

// AppendDraw renders the card as a PNG at the end of dst, as Draw does: a build
// that writes each card to a file and forgets it draws every card into one
// buffer, and makes no garbage of them. A nil dst gets room for a card.
func AppendDraw(dst []byte, c Card) ([]byte, error) {
	if dst == nil {
		dst = make([]byte, 0, 24<<10) // most cards are 19-22 KB
	}
	cv := canvases.Get().(*canvas)
	defer canvases.Put(cv)
	if err := draw(c, cv); err != nil {
		return dst, err
	}
	return encode(dst, c, cv), nil
}

// canvases and encoders are reused from card to card: a build draws thousands, and
// a new canvas and compressor for each keeps the collector busy.
var (
	canvases = sync.Pool{New: func() any { return newCanvas() }}
	encoders = sync.Pool{New: func() any { return new(pngEncoder) }}
)

// shades is how many blends each colour gets between the paper and itself.
const shades = 7

// titleSizes are the sizes a title is tried at, largest first.
var titleSizes = []float64{76, 68, 60, 52, 46}

// draw draws the card on cv, in palette indices: the paper (0), seven shades of
// ink (1-7) and seven of the accent (8-14).
func draw(c Card, cv *canvas) error {
	cv.reset()
	return layout(c, cv.text)
}

// layout places the lines of the card, each drawn by text with its baseline at
// y, in the ink (base 0) or accent (base shades) shades.
func layout(c Card, text func(f *face, s string, x, y int, base uint8)) error {
	kind, err := faceOf(true, 40)
	if err != nil {
		return err
	}
	small, err := faceOf(false, 32)
	if err != nil {
		return err
	}
	// The band of the accent colour along the left edge is in every row
	// (blankRow), and above the title the type's name.
	text(kind, strings.ToUpper(c.Kind), margin, margin+40, shades)

	// The title: the largest size at which it fits on four lines.
	var lines []string
	var title *face
	for _, size := range titleSizes {
		if title, err = faceOf(true, size); err != nil {
			return err
		}
		lines = wrap(title, c.Title, Width-2*margin)
		if len(lines) <= 4 {
			break
		}
	}
	if len(lines) > 4 {
		lines = lines[:4]
		lines[3] = ellipsis(title, lines[3], Width-2*margin)
	}
	m := title.metrics
	lineHeight := m.Height.Ceil() + 6
	y := margin + 40 + 40 + m.Ascent.Ceil()
	for _, l := range lines {
		text(title, l, margin, y, 0)
		y += lineHeight
	}
	if c.Detail != "" && y < Height-margin-60 {
		text(small, ellipsis(small, c.Detail, Width-2*margin), margin, y+12, 0)
	}
	text(small, ellipsis(small, c.Site, Width-2*margin), margin, Height-margin+8, shades)
	return nil
}

func blend(bg, fg color.RGBA, a uint8) color.RGBA {
	mix := func(x, y uint8) uint8 { return uint8((int(x)*(255-int(a)) + int(y)*int(a)) / 255) }
	return color.RGBA{mix(bg.R, fg.R), mix(bg.G, fg.G), mix(bg.B, fg.B), 255}
}

// wrap breaks s into lines no wider than width, at spaces.
func wrap(f *face, s string, width int) []string {
	var lines []string
	var cur string
	curWidth := 0
	for _, w := range strings.FieldsFunc(s, unicode.IsSpace) {
		ww := f.width(w)
		if cur == "" {
			cur, curWidth = w, ww
			continue
		}
		if next := f.joined(cur, curWidth, w, ww); next <= width {
			cur, curWidth = cur+" "+w, next
			continue
		}
		lines = append(lines, cur)
		cur, curWidth = w, ww
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// ellipsis shortens s to fit width, ending it with "…".
func ellipsis(f *face, s string, width int) string {
	if f.width(s) <= width {
		return s
	}
	// The longest start of s that fits with the "…" after it, measured one
	// letter longer at a time.
	r := []rune(s)
	dots := f.glyph('…').advance
	keep, w := 0, 0
	for i := range r {
		if i > 0 {
			w += f.kern(r[i-1], r[i])
		}
		w += f.glyph(r[i]).advance
		if w+f.kern(r[i], '…')+dots <= width {
			keep = i + 1
		}
	}
	return strings.TrimRight(string(r[:keep]), " ") + "…"
}
