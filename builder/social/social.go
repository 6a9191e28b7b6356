// Package social draws the share cards of a playbook: 1200×630 PNG images that chat
// tools and social networks show when someone pastes a link to an entry.
//
// A card shows the entry's type in its colour, its title, and the playbook's name.
// It is drawn in Go with the Go fonts (golang.org/x/image/font/gofont), with no
// external service. A card is a 16-colour image: the background, the type's colour,
// the text colour and shades between them for smooth letters, which keeps encoding
// fast (about a millisecond) and files small (about 20 KB).
package social

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
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

var (
	fontsOnce             sync.Once
	regularFont, boldFont *opentype.Font
	fontErr               error
)

func fonts() (*opentype.Font, *opentype.Font, error) {
	fontsOnce.Do(func() {
		regularFont, fontErr = opentype.Parse(goregular.TTF)
		if fontErr == nil {
			boldFont, fontErr = opentype.Parse(gobold.TTF)
		}
	})
	return regularFont, boldFont, fontErr
}

// faces are made per card: an opentype face caches glyphs and is not safe for
// concurrent use.
func face(f *opentype.Font, size float64) (font.Face, error) {
	return opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
}

const margin = 80

var opaqueRow = func() (r [24]uint8) {
	for i := range r {
		r[i] = 255
	}
	return r
}()

// Draw renders the card as a PNG.
func Draw(c Card) ([]byte, error) {
	regular, bold, err := fonts()
	if err != nil {
		return nil, err
	}
	// Letters are drawn into a coverage mask per colour, then mapped onto a small
	// palette of blends between that colour and the paper.
	ink := image.NewAlpha(image.Rect(0, 0, Width, Height))
	accent := image.NewAlpha(image.Rect(0, 0, Width, Height))

	// A band of the accent colour along the left edge, and the type's name.
	for y := range Height {
		copy(accent.Pix[y*accent.Stride:y*accent.Stride+24], opaqueRow[:])
	}
	kindFace, err := face(bold, 40)
	if err != nil {
		return nil, err
	}
	defer kindFace.Close()
	writeText(accent, kindFace, strings.ToUpper(c.Kind), margin, margin+40)

	// The title: the largest size at which it fits on four lines.
	var lines []string
	var titleFace font.Face
	for _, size := range []float64{76, 68, 60, 52, 46} {
		if titleFace != nil {
			titleFace.Close()
		}
		if titleFace, err = face(bold, size); err != nil {
			return nil, err
		}
		lines = wrap(titleFace, c.Title, Width-2*margin)
		if len(lines) <= 4 {
			break
		}
	}
	defer titleFace.Close()
	if len(lines) > 4 {
		lines = lines[:4]
		lines[3] = ellipsis(titleFace, lines[3], Width-2*margin)
	}
	lineHeight := titleFace.Metrics().Height.Ceil() + 6
	y := margin + 40 + 40 + titleFace.Metrics().Ascent.Ceil()
	for _, l := range lines {
		writeText(ink, titleFace, l, margin, y)
		y += lineHeight
	}
	smallFace, err := face(regular, 32)
	if err != nil {
		return nil, err
	}
	defer smallFace.Close()
	if c.Detail != "" && y < Height-margin-60 {
		writeText(ink, smallFace, ellipsis(smallFace, c.Detail, Width-2*margin), margin, y+12)
	}
	writeText(accent, smallFace, ellipsis(smallFace, c.Site, Width-2*margin), margin, Height-margin+8)

	return encode(c, ink, accent)
}

// shades is how many blends each colour gets between the paper and itself.
const shades = 7

func encode(c Card, ink, accent *image.Alpha) ([]byte, error) {
	pal := color.Palette{c.Paper}
	for _, fg := range []color.RGBA{c.Ink, c.Accent} {
		for i := 1; i <= shades; i++ {
			pal = append(pal, blend(c.Paper, fg, uint8(i*255/shades)))
		}
	}
	// Palette index of every pixel: an accent shade, an ink shade, or the paper.
	pix := make([]uint8, Width*Height)
	for i := range pix {
		if a := accent.Pix[i]; a > 0 {
			pix[i] = uint8(shades + (int(a)*shades+254)/255)
		} else if a := ink.Pix[i]; a > 0 {
			pix[i] = uint8((int(a)*shades + 254) / 255)
		}
	}
	return encodePNG(pal, pix)
}

// encodePNG writes a 16-colour image as a PNG with four bits a pixel. The standard
// encoder reads such images one pixel at a time through an interface and takes
// twenty times longer.
func encodePNG(pal color.Palette, pix []uint8) ([]byte, error) {
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(kind string, data []byte) {
		var n [4]byte
		binary.BigEndian.PutUint32(n[:], uint32(len(data)))
		out.Write(n[:])
		crc := crc32.NewIEEE()
		crc.Write([]byte(kind))
		crc.Write(data)
		out.WriteString(kind)
		out.Write(data)
		binary.BigEndian.PutUint32(n[:], crc.Sum32())
		out.Write(n[:])
	}
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], Width)
	binary.BigEndian.PutUint32(ihdr[4:], Height)
	ihdr[8], ihdr[9] = 4, 3 // bit depth 4, indexed colour
	chunk("IHDR", ihdr[:])
	plte := make([]byte, 0, 3*len(pal))
	for _, c := range pal {
		r, g, b, _ := c.RGBA()
		plte = append(plte, uint8(r>>8), uint8(g>>8), uint8(b>>8))
	}
	chunk("PLTE", plte)

	var idat bytes.Buffer
	zw, err := zlib.NewWriterLevel(&idat, zlib.BestSpeed)
	if err != nil {
		return nil, err
	}
	row := make([]byte, 1+Width/2) // filter type 0, then two pixels a byte
	for y := range Height {
		line := pix[y*Width : (y+1)*Width]
		for x := 0; x < Width; x += 2 {
			row[1+x/2] = line[x]<<4 | line[x+1]
		}
		zw.Write(row)
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	chunk("IDAT", idat.Bytes())
	chunk("IEND", nil)
	return out.Bytes(), nil
}

func blend(bg, fg color.RGBA, a uint8) color.RGBA {
	mix := func(x, y uint8) uint8 { return uint8((int(x)*(255-int(a)) + int(y)*int(a)) / 255) }
	return color.RGBA{mix(bg.R, fg.R), mix(bg.G, fg.G), mix(bg.B, fg.B), 255}
}

// writeText draws s with its baseline at y. It copies each glyph's coverage into
// dst itself: image/draw has no fast path for an alpha destination.
func writeText(dst *image.Alpha, f font.Face, s string, x, y int) {
	dot := fixed.P(x, y)
	prev := rune(-1)
	for _, r := range s {
		if prev >= 0 {
			dot.X += f.Kern(prev, r)
		}
		dr, mask, mp, advance, ok := f.Glyph(dot, r)
		if !ok {
			prev = r
			continue
		}
		dr = dr.Intersect(dst.Rect)
		m, isAlpha := mask.(*image.Alpha)
		for py := dr.Min.Y; py < dr.Max.Y; py++ {
			for px := dr.Min.X; px < dr.Max.X; px++ {
				mx, my := mp.X+px-dr.Min.X, mp.Y+py-dr.Min.Y
				var a uint8
				if isAlpha {
					a = m.Pix[m.PixOffset(mx, my)]
				} else {
					_, _, _, a32 := mask.At(mx, my).RGBA()
					a = uint8(a32 >> 8)
				}
				if i := dst.PixOffset(px, py); a > dst.Pix[i] {
					dst.Pix[i] = a
				}
			}
		}
		dot.X += advance
		prev = r
	}
}

// wrap breaks s into lines no wider than width, at spaces.
func wrap(f font.Face, s string, width int) []string {
	var lines []string
	var cur string
	for _, w := range strings.FieldsFunc(s, unicode.IsSpace) {
		next := w
		if cur != "" {
			next = cur + " " + w
		}
		if font.MeasureString(f, next).Ceil() <= width || cur == "" {
			cur = next
			continue
		}
		lines = append(lines, cur)
		cur = w
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// ellipsis shortens s to fit width, ending it with "…".
func ellipsis(f font.Face, s string, width int) string {
	if font.MeasureString(f, s).Ceil() <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && font.MeasureString(f, string(r)+"…").Ceil() > width {
		r = r[:len(r)-1]
	}
	return strings.TrimRight(string(r), " ") + "…"
}
