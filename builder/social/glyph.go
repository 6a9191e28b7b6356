package social

import (
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

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

// face is one font at one size. Its rasterised glyphs and kerning are shared by
// every card: a title of sixty letters then costs a few copies instead of sixty
// rasterisations, and a card looks each letter up several times (to wrap the
// title, to fit a line, to draw), so ASCII is found by index rather than hashed.
type face struct {
	mu      sync.Mutex // opentype faces are not safe for concurrent use
	f       font.Face
	metrics font.Metrics

	ascii  [128]atomic.Pointer[glyph]
	others sync.Map // rune → *glyph
	// asciiKern holds the kerning of ASCII pairs, kerning<<1 | 1 once known and
	// 0 before, for a font that kerns any: the Go fonts kern none, and their
	// faces keep no table.
	asciiKern *[128 * 128]atomic.Int32
	otherKern sync.Map // [2]rune → int
}

type faceKey struct {
	bold bool
	size float64
}

var faces sync.Map // faceKey → *face

// faceOf returns the Go font, bold or regular, at size.
func faceOf(bold bool, size float64) (*face, error) {
	key := faceKey{bold, size}
	if v, ok := faces.Load(key); ok {
		return v.(*face), nil
	}
	regular, b, err := fonts()
	if err != nil {
		return nil, err
	}
	fnt := regular
	if bold {
		fnt = b
	}
	f, err := opentype.NewFace(fnt, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		return nil, err
	}
	fc := &face{f: f, metrics: f.Metrics()}
	if kernsASCII(f) {
		fc.asciiKern = new([128 * 128]atomic.Int32)
	}
	v, _ := faces.LoadOrStore(key, fc)
	return v.(*face), nil
}

// kernsASCII says whether f kerns any pair of ASCII letters, asking it of each
// once (about a millisecond).
func kernsASCII(f font.Face) bool {
	for a := range rune(128) {
		for b := range rune(128) {
			if f.Kern(a, b) != 0 {
				return true
			}
		}
	}
	return false
}

type glyph struct {
	x, y, w, h, advance int
	level               []uint8 // each pixel's shade, 0 (none) to shades (full)
	// packed holds the shades two a byte as the card's rows do, for a glyph
	// whose left edge falls on an even pixel (0) or an odd one (1): rows of
	// width(phase) bytes, the first pixel in the low half of the first byte for
	// an odd one, and zeros up to stride(phase), a multiple of eight.
	packed [2][]byte
	// accent is packed raised to the accent's shades (base shades), which
	// spares raising them each time they are drawn.
	accent [2][]byte
}

// shades returns the glyph's rows at phase for drawing in the shades from base,
// and what remains to add to them: 0 for the ink's and the accent's.
func (g *glyph) shades(phase int, base uint8) ([]byte, uint8) {
	if base == shades {
		return g.accent[phase], 0
	}
	return g.packed[phase], base
}

// width is the number of bytes a row of the glyph covers.
func (g *glyph) width(phase int) int { return (phase + g.w + 1) / 2 }

// stride is the length of a row of g.packed[phase].
func (g *glyph) stride(phase int) int { return (g.width(phase) + 7) &^ 7 }

func (f *face) glyph(r rune) *glyph {
	if r >= 0 && r < 128 {
		if g := f.ascii[r].Load(); g != nil {
			return g
		}
		g := f.rasterise(r)
		f.ascii[r].Store(g)
		return g
	}
	if v, ok := f.others.Load(r); ok {
		return v.(*glyph)
	}
	g := f.rasterise(r)
	f.others.Store(r, g)
	return g
}

func (f *face) rasterise(r rune) *glyph {
	f.mu.Lock()
	defer f.mu.Unlock()
	dr, mask, mp, advance, ok := f.f.Glyph(fixed.P(0, 0), r)
	gl := &glyph{advance: advance.Round()}
	if !ok {
		return gl
	}
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
	gl.packed = [2][]byte{gl.pack(0), gl.pack(1)}
	for phase, p := range gl.packed {
		gl.accent[phase] = make([]byte, len(p))
		blendNibbles(gl.accent[phase], p, shades)
	}
	return gl
}

// pack lays the glyph's shades out as packed holds them.
func (g *glyph) pack(phase int) []byte {
	n := g.stride(phase)
	p := make([]byte, n*g.h)
	for y := range g.h {
		for x, l := range g.level[y*g.w : (y+1)*g.w] {
			at := phase + x
			p[y*n+at/2] |= l << (4 * (1 - at%2)) // the left pixel in the high half
		}
	}
	return p
}

// kern is the kerning between a and b, in pixels.
func (f *face) kern(a, b rune) int {
	if a >= 0 && a < 128 && b >= 0 && b < 128 {
		if f.asciiKern == nil {
			return 0
		}
		k := &f.asciiKern[a<<7|b]
		if v := k.Load(); v != 0 {
			return int(v >> 1)
		}
		v := f.kernFace(a, b)
		k.Store(int32(v)<<1 | 1)
		return v
	}
	key := [2]rune{a, b}
	if v, ok := f.otherKern.Load(key); ok {
		return v.(int)
	}
	v := f.kernFace(a, b)
	f.otherKern.Store(key, v)
	return v
}

func (f *face) kernFace(a, b rune) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.f.Kern(a, b).Round()
}

// width measures s as text draws it.
func (f *face) width(s string) int {
	w := 0
	prev := rune(-1)
	for _, r := range s {
		if prev >= 0 {
			w += f.kern(prev, r)
		}
		w += f.glyph(r).advance
		prev = r
	}
	return w
}

// joined is the width of a and b with a space between them, from their widths:
// a space and the kerning on either side of it.
func (f *face) joined(a string, wa int, b string, wb int) int {
	last, _ := utf8.DecodeLastRuneInString(a)
	first, _ := utf8.DecodeRuneInString(b)
	return wa + f.kern(last, ' ') + f.glyph(' ').advance + f.kern(' ', first) + wb
}
