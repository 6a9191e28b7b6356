// Package social draws the share cards of a playbook: 1200×630 PNG images that chat
// tools and social networks show when someone pastes a link to an entry.
//
// A card shows the entry's type in its colour, its title, and the playbook's name.
// It is drawn in Go with the Go fonts (golang.org/x/image/font/gofont), with no
// external service. A card is a 16-colour image: the background, the type's colour,
// the text colour and shades between them for smooth letters, which keeps encoding
// fast and files small (about 20 KB). The image is compressed as runs and copies
// of the row above, with codes made once from a sample card (deflate.go), rather
// than by a general compressor, which took most of a card's time; its rows of bare
// paper are copied and their checksum joined rather than packed and summed.
package social

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/adler32"
	"hash/crc32"
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

const margin = 80

// bandWidth is the width of the band of the accent colour along the left edge.
const bandWidth = 24

// Draw renders the card as a PNG.
func Draw(c Card) ([]byte, error) {
	pix := pixels.Get().(*[]uint8)
	defer pixels.Put(pix)
	if err := draw(c, *pix); err != nil {
		return nil, err
	}
	return encode(c, *pix)
}

// draw draws the card into pix, Width×Height palette indices: the paper (0),
// seven shades of ink (1-7) and seven of the accent (8-14).
func draw(c Card, pix []uint8) error {
	regular, bold, err := fonts()
	if err != nil {
		return err
	}
	clear(pix)
	cv := &canvas{pix: pix}

	// A band of the accent colour along the left edge, and the type's name.
	for y := range Height {
		row := cv.pix[y*Width : y*Width+bandWidth]
		for i := range row {
			row[i] = 2 * shades
		}
	}
	kind := glyphs{font: bold, bold: true, size: 40}
	cv.text(&kind, strings.ToUpper(c.Kind), margin, margin+40, shades)

	// The title: the largest size at which it fits on four lines.
	var lines []string
	title := glyphs{font: bold, bold: true}
	for _, size := range []float64{76, 68, 60, 52, 46} {
		title.size = size
		lines = wrap(&title, c.Title, Width-2*margin)
		if len(lines) <= 4 {
			break
		}
	}
	if len(lines) > 4 {
		lines = lines[:4]
		lines[3] = ellipsis(&title, lines[3], Width-2*margin)
	}
	m, err := title.metrics()
	if err != nil {
		return err
	}
	lineHeight := m.Height.Ceil() + 6
	y := margin + 40 + 40 + m.Ascent.Ceil()
	for _, l := range lines {
		cv.text(&title, l, margin, y, 0)
		y += lineHeight
	}
	small := glyphs{font: regular, size: 32}
	if c.Detail != "" && y < Height-margin-60 {
		cv.text(&small, ellipsis(&small, c.Detail, Width-2*margin), margin, y+12, 0)
	}
	cv.text(&small, ellipsis(&small, c.Site, Width-2*margin), margin, Height-margin+8, shades)
	return cv.err
}

// pixels and encoders are reused from card to card: a build draws thousands, and
// a new 750 KB canvas and compressor for each keeps the collector busy.
var (
	pixels   = sync.Pool{New: func() any { p := make([]uint8, Width*Height); return &p }}
	encoders = sync.Pool{New: func() any { return new(pngEncoder) }}
)

// canvas holds palette indices.
type canvas struct {
	pix []uint8
	err error
}

// text draws s with its baseline at y, in the ink (base 0) or accent (base
// shades) shades.
func (cv *canvas) text(g *glyphs, s string, x, y int, base uint8) {
	dot := x
	prev := rune(-1)
	for _, r := range s {
		gl, err := g.glyph(r)
		if err != nil {
			cv.err = err
			return
		}
		if prev >= 0 {
			dot += g.kern(prev, r)
		}
		prev = r
		// The glyph's columns that fall on the card, then row by row.
		x0, x1 := max(0, -(dot+gl.x)), min(gl.w, Width-(dot+gl.x))
		for my := range gl.h {
			py := y + gl.y + my
			if py < 0 || py >= Height || x0 >= x1 {
				continue
			}
			src := gl.level[my*gl.w+x0 : my*gl.w+x1]
			dst := cv.pix[py*Width+dot+gl.x+x0 : py*Width+dot+gl.x+x1]
			for i, l := range src {
				if l == 0 {
					continue
				}
				if v := base + l; v > dst[i] {
					dst[i] = v
				}
			}
		}
		dot += gl.advance
	}
}

// glyphs draws one font at one size. Rasterised glyphs are shared by every card:
// a title of sixty letters then costs a few copies instead of sixty rasterisations.
type glyphs struct {
	font *opentype.Font
	bold bool
	size float64
}

type glyph struct {
	x, y, w, h, advance int
	level               []uint8 // each pixel's shade, 0 (none) to shades (full)
}

type glyphKey struct {
	bold bool
	size float64
	r    rune
}

var (
	glyphCache sync.Map // glyphKey → *glyph
	faceMu     sync.Mutex
	faceCache  = map[[2]float64]font.Face{} // opentype faces are not safe for concurrent use
)

func (g *glyphs) face() (font.Face, error) {
	k := [2]float64{g.size, 0}
	if g.bold {
		k[1] = 1
	}
	if f, ok := faceCache[k]; ok {
		return f, nil
	}
	f, err := opentype.NewFace(g.font, &opentype.FaceOptions{Size: g.size, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		return nil, err
	}
	faceCache[k] = f
	return f, nil
}

func (g *glyphs) glyph(r rune) (*glyph, error) {
	key := glyphKey{g.bold, g.size, r}
	if v, ok := glyphCache.Load(key); ok {
		return v.(*glyph), nil
	}
	faceMu.Lock()
	defer faceMu.Unlock()
	f, err := g.face()
	if err != nil {
		return nil, err
	}
	dr, mask, mp, advance, ok := f.Glyph(fixed.P(0, 0), r)
	gl := &glyph{advance: advance.Round()}
	if ok {
		gl.x, gl.y, gl.w, gl.h = dr.Min.X, dr.Min.Y, dr.Dx(), dr.Dy()
		gl.level = make([]uint8, gl.w*gl.h)
		for y := range gl.h {
			for x := range gl.w {
				_, _, _, a := mask.At(mp.X+x, mp.Y+y).RGBA()
				if a >>= 8; a > 0 {
					gl.level[y*gl.w+x] = uint8((int(a)*shades + 254) / 255)
				}
			}
		}
	}
	glyphCache.Store(key, gl)
	return gl, nil
}

type kernKey struct {
	bold bool
	size float64
	a, b rune
}

var kernCache sync.Map // kernKey → int

func (g *glyphs) kern(a, b rune) int {
	key := kernKey{g.bold, g.size, a, b}
	if v, ok := kernCache.Load(key); ok {
		return v.(int)
	}
	k := g.kernFace(a, b)
	kernCache.Store(key, k)
	return k
}

func (g *glyphs) kernFace(a, b rune) int {
	faceMu.Lock()
	defer faceMu.Unlock()
	f, err := g.face()
	if err != nil {
		return 0
	}
	return f.Kern(a, b).Round()
}

func (g *glyphs) metrics() (font.Metrics, error) {
	faceMu.Lock()
	defer faceMu.Unlock()
	f, err := g.face()
	if err != nil {
		return font.Metrics{}, err
	}
	return f.Metrics(), nil
}

// width measures s as text draws it.
func (g *glyphs) width(s string) int {
	w := 0
	prev := rune(-1)
	for _, r := range s {
		gl, err := g.glyph(r)
		if err != nil {
			return 0
		}
		if prev >= 0 {
			w += g.kern(prev, r)
		}
		w += gl.advance
		prev = r
	}
	return w
}

// shades is how many blends each colour gets between the paper and itself.
const shades = 7

func encode(c Card, pix []uint8) ([]byte, error) {
	pal := color.Palette{c.Paper}
	for _, fg := range []color.RGBA{c.Ink, c.Accent} {
		for i := 1; i <= shades; i++ {
			pal = append(pal, blend(c.Paper, fg, uint8(i*255/shades)))
		}
	}
	return encodePNG(pal, pix)
}

// encodePNG writes a 16-colour image as a PNG with four bits a pixel. The standard
// encoder reads such images one pixel at a time through an interface and takes
// twenty times longer.
func encodePNG(pal color.Palette, pix []uint8) ([]byte, error) {
	e := encoders.Get().(*pngEncoder)
	defer encoders.Put(e)
	return e.encode(pal, pix)
}

// pngEncoder keeps its buffers between cards.
type pngEncoder struct {
	out, idat bytes.Buffer
	rows      []byte // the packed rows, each with its filter byte
	runs      runs
}

// adlerJoin is the Adler-32 checksum of x followed by y, from the checksums of x
// and of y, n bytes long. Adler-32 keeps a = 1 + the sum of the bytes and b = the
// sum of every a along the way, both modulo 65521: behind x, each byte of y sees
// a larger by a(x) - 1, so a adds up less the 1 counted twice, and b gains
// n·(a(x) - 1).
func adlerJoin(x, y uint32, n int) uint32 {
	const mod = 65521
	ax, bx, ay, by := uint64(x&0xffff), uint64(x>>16), uint64(y&0xffff), uint64(y>>16)
	a := (ax + ay + mod - 1) % mod
	b := (bx + by + uint64(n%mod)*((ax+mod-1)%mod)) % mod
	return uint32(b<<16 | a)
}

// blankLine is a row of bare paper and band, in palette indices, and blankRow the
// same packed, with the checksum of blankRow. Most of a card's rows are such rows:
// they are copied and their checksum joined rather than packed and summed again.
var (
	blankLine = func() []uint8 {
		l := make([]uint8, Width)
		for i := range bandWidth {
			l[i] = 2 * shades
		}
		return l
	}()
	blankRow = func() []byte {
		row := make([]byte, 1+Width/2)
		pack(row, blankLine)
		return row
	}()
	blankSum = adler32.Checksum(blankRow)
)

// pack writes a row of palette indices two pixels a byte after its filter byte
// (type 0, none), eight at a time: Width is a multiple of eight.
func pack(row []byte, line []uint8) {
	row[0] = 0
	out := row[1 : 1+Width/2]
	for i := 0; i+8 <= len(line); i += 8 {
		// Eight indices (each under 16) in a word, little-endian: each pair
		// becomes one byte, the first in its high half.
		v := binary.LittleEndian.Uint64(line[i:])
		v = (v&0x000f000f000f000f)<<4 | (v>>8)&0x000f000f000f000f
		v = (v | v>>8) & 0x0000ffff0000ffff
		v = (v | v>>16) & 0x00000000ffffffff
		binary.LittleEndian.PutUint32(out[i/2:], uint32(v))
	}
}

func (e *pngEncoder) encode(pal color.Palette, pix []uint8) ([]byte, error) {
	out := &e.out
	out.Reset()
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

	rowLen := 1 + Width/2
	if e.rows == nil {
		e.rows = make([]byte, Height*rowLen)
	}
	sum := uint32(1) // Adler-32 of nothing
	for y := 0; y < Height; {
		end := y + 1
		isBlank := bytes.Equal(pix[y*Width:(y+1)*Width], blankLine)
		for end < Height && bytes.Equal(pix[end*Width:(end+1)*Width], blankLine) == isBlank {
			end++
		}
		for r := y; r < end; r++ {
			row := e.rows[r*rowLen : (r+1)*rowLen]
			if isBlank {
				copy(row, blankRow)
				sum = adlerJoin(sum, blankSum, rowLen)
			} else {
				pack(row, pix[r*Width:(r+1)*Width])
			}
		}
		if !isBlank {
			sum = adlerJoin(sum, adler32.Checksum(e.rows[y*rowLen:end*rowLen]), (end-y)*rowLen)
		}
		y = end
	}
	idat := &e.idat
	idat.Reset()
	idat.Write([]byte{0x78, 0x01}) // zlib: deflate, 32 KB window, fastest
	e.runs.rowLen = rowLen
	e.runs.out = idat.AvailableBuffer()
	e.runs.block(e.rows, cardCodes())
	idat.Write(e.runs.out)
	// The last block, empty (final, fixed codes, end of block), then the checksum
	// of the rows.
	idat.Write([]byte{0x03, 0x00})
	idat.Write(binary.BigEndian.AppendUint32(nil, sum))
	chunk("IDAT", idat.Bytes())
	chunk("IEND", nil)
	return bytes.Clone(out.Bytes()), nil
}

func blend(bg, fg color.RGBA, a uint8) color.RGBA {
	mix := func(x, y uint8) uint8 { return uint8((int(x)*(255-int(a)) + int(y)*int(a)) / 255) }
	return color.RGBA{mix(bg.R, fg.R), mix(bg.G, fg.G), mix(bg.B, fg.B), 255}
}

// wrap breaks s into lines no wider than width, at spaces.
func wrap(g *glyphs, s string, width int) []string {
	var lines []string
	var cur string
	for _, w := range strings.FieldsFunc(s, unicode.IsSpace) {
		next := w
		if cur != "" {
			next = cur + " " + w
		}
		if g.width(next) <= width || cur == "" {
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
func ellipsis(g *glyphs, s string, width int) string {
	if g.width(s) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && g.width(string(r)+"…") > width {
		r = r[:len(r)-1]
	}
	return strings.TrimRight(string(r), " ") + "…"
}
