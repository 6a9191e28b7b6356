package social

import (
	"bytes"
	"compress/flate"
	"hash/adler32"
	"image"
	"image/color"
	"image/png"
	"io"
	"math/rand/v2"
	"slices"
	"testing"
)

var card = Card{
	Kind: "Insight", Title: "The ticket number at the counter tells you nothing about how long you will wait",
	Site: "Harbour City Council Experience Playbook", Detail: "residents visiting the Civic Centre",
	Accent: color.RGBA{0x8a, 0x3b, 0x12, 255}, Ink: color.RGBA{0x1f, 0x23, 0x28, 255}, Paper: color.RGBA{0xfb, 0xf8, 0xf1, 255},
}

func TestDraw(t *testing.T) {
	b, err := Draw(card)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if r := img.Bounds(); r.Dx() != Width || r.Dy() != Height {
		t.Errorf("size %v", r)
	}
	// The title is in solid ink, the band and the type in the accent colour.
	inked, accented := 0, 0
	for y := 0; y < Height; y += 2 {
		for x := 0; x < Width; x += 2 {
			switch color.RGBAModel.Convert(img.At(x, y)).(color.RGBA) {
			case card.Ink:
				inked++
			case card.Accent:
				accented++
			}
		}
	}
	if inked < 5000 || accented < 3000 {
		t.Errorf("%d samples in solid ink, %d in the accent colour", inked, accented)
	}
	if len(b) > 60_000 {
		t.Errorf("card is %d bytes", len(b))
	}
	// A very long title still draws.
	long := card
	long.Title = string(bytes.Repeat([]byte("Unbreakablewordthatgoesonandon "), 20))
	if _, err := Draw(long); err != nil {
		t.Fatal(err)
	}
}

// A card drawn at the end of a buffer that holds other bytes leaves them as they
// were and is the card Draw makes; so is the next one drawn into the same buffer.
func TestAppendDraw(t *testing.T) {
	want, err := Draw(card)
	if err != nil {
		t.Fatal(err)
	}
	buf := []byte("kept")
	for range 2 {
		got, err := AppendDraw(buf, card)
		if err != nil {
			t.Fatal(err)
		}
		if string(got[:4]) != "kept" || !bytes.Equal(got[4:], want) {
			t.Fatalf("AppendDraw wrote %d bytes after %q, Draw %d: not the same card", len(got)-4, got[:4], len(want))
		}
		buf = got[:4]
	}
	if _, err := png.Decode(bytes.NewReader(want)); err != nil {
		t.Fatal(err)
	}
}

func TestKey(t *testing.T) {
	other := card
	other.Title += "!"
	if card.Key() == other.Key() || card.Key() != card.Key() {
		t.Error("keys do not follow the inputs")
	}
}

func BenchmarkDraw(b *testing.B) {
	var png []byte
	for b.Loop() {
		var err error
		if png, err = Draw(card); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(png)), "B/card")
}

// TestEncodeIsLossless decodes cards and compares every pixel with what was drawn:
// the rows that no letter touched are copied whole and their checksum joined,
// and the others summed, so a row taken for bare paper by mistake would show,
// and so would a wrong code. The cards are drawn on one canvas, as Draw reuses
// them, so that each is drawn on what the one before left.
func TestEncodeIsLossless(t *testing.T) {
	cv := newCanvas()
	for _, c := range []Card{card, {Kind: "Session", Title: "x", Site: "y", Accent: card.Accent, Ink: card.Ink, Paper: card.Paper},
		{Kind: "Analogy", Title: "A title long enough to take three lines of the card, or even four when it goes on and on", Site: "A playbook", Detail: "a detail", Accent: card.Accent, Ink: card.Ink, Paper: card.Paper}} {
		if err := draw(c, cv); err != nil {
			t.Fatal(err)
		}
		b := encode(nil, c, cv)
		p := decode(t, b)
		bare, other := 0, 0
		for y := range Height {
			row := cv.rows[y*rowLen : (y+1)*rowLen]
			if cv.bare(y) && !bytes.Equal(row, blankRow) {
				t.Fatalf("%q: row %d is taken for bare and is not", c.Title, y)
			}
			if cv.bare(y) {
				bare++
			} else {
				other++
			}
			if got, want := p.Pix[y*p.Stride:y*p.Stride+Width], unpack(row); !bytes.Equal(got, want) {
				t.Fatalf("%q: row %d differs from what was drawn", c.Title, y)
			}
		}
		if bare == 0 || other == 0 {
			t.Errorf("%q: %d bare rows and %d others; the test wants both", c.Title, bare, other)
		}
		t.Logf("%q: %d bytes, %d bare rows", c.Title, len(b), bare)
	}
}

// decode decodes a card, which must be paletted.
func decode(t *testing.T, b []byte) *image.Paletted {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	p, ok := img.(*image.Paletted)
	if !ok {
		t.Fatalf("decoded as %T", img)
	}
	return p
}

// unpack gives the palette indices of a row of the canvas, one a pixel.
func unpack(row []byte) []uint8 {
	line := make([]uint8, 0, Width)
	for _, b := range row[1:] {
		line = append(line, b>>4, b&15)
	}
	return line
}

func TestAdlerJoin(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 2, 601, 65521, 65522, 200_000} {
		data := make([]byte, n)
		for i := range data {
			data[i] = byte(r.UintN(256))
		}
		for _, cut := range []int{0, n / 3, n} {
			x, y := data[:cut], data[cut:]
			if got, want := adlerJoin(adler32.Checksum(x), adler32.Checksum(y), len(y)), adler32.Checksum(data); got != want {
				t.Errorf("%d bytes cut at %d: joined %08x, want %08x", n, cut, got, want)
			}
		}
	}
}

// TestBlendWord compares the nibbles of blendWord and raise with those worked out
// one at a time, for shades 0-7 raised by 0 or 7 over indices 0-15.
func TestBlendWord(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	nibble := func(v uint64, i int) uint64 { return v >> (4 * i) & 15 }
	for range 100_000 {
		d, s := r.Uint64(), r.Uint64()&0x7777777777777777
		if r.IntN(2) == 0 {
			d &= r.Uint64() & r.Uint64() // mostly paper, as cards are
			s &= r.Uint64() & r.Uint64()
		}
		for _, base := range []uint8{0, shades} {
			v := raise(s, base)
			got := blendWord(d, v)
			for i := range 16 {
				want := nibble(d, i)
				if l := nibble(s, i); l != 0 {
					want = max(want, l+uint64(base))
				}
				if nibble(got, i) != want {
					t.Fatalf("blendWord(%016x, raise(%016x, %d)) = %016x: nibble %d is %d, want %d", d, s, base, got, i, nibble(got, i), want)
				}
			}
		}
	}
}

// FuzzRuns inflates what runs writes, with the fixed codes, the cards' codes and
// codes made for the data itself, with any row length a card could have and bytes
// shaped like an image (runs, rows like the ones above them) or not at all, and
// wants back what went in: the data as block writes it, twice, as blocks follow
// each other, then as image writes it, with the rows that start with an odd
// byte made copies of the row above and said to be.
func FuzzRuns(f *testing.F) {
	f.Add([]byte("aaaaaaaaaaaaaaaaaaaaaaab"), 4)
	f.Add(bytes.Repeat([]byte{0, 0, 0, 7, 7, 0xee}, 700), 601)
	f.Add(bytes.Repeat([]byte{1}, 70_000), 258)
	f.Add(append(bytes.Repeat([]byte{3, 0, 0, 0x70, 0x77, 0x07, 0}, 300), bytes.Repeat([]byte{1, 0}, 900)...), 7)
	f.Fuzz(func(t *testing.T, data []byte, rowLen int) {
		rowLen = 1 + abs(rowLen)%32768
		rows := bytes.Clone(data)
		same := make([]bool, (len(rows)+rowLen-1)/rowLen)
		for y := 1; y < len(same); y++ {
			if same[y] = data[y*rowLen]%2 == 1; same[y] {
				copy(rows[y*rowLen:], rows[(y-1)*rowLen:y*rowLen])
			}
		}
		var counts symbolCounts
		w := runs{rowLen: rowLen}
		w.scan(data, 0, len(data))
		counts.count(w.tokens, rowLen)
		w.tokens = w.tokens[:0]
		w.rows(rows, same)
		counts.count(w.tokens, rowLen)
		for i, c := range []*codes{fixedCodes, cardCodes(), codesFor(&counts)} {
			w := runs{rowLen: rowLen}
			w.block(data, c)
			w.block(data, c)
			w.image(rows, same, c)
			z := append(w.out, 0x03, 0x00) // a last, empty block
			got, err := io.ReadAll(flate.NewReader(bytes.NewReader(z)))
			if err != nil {
				t.Fatalf("codes %d, row length %d: %v", i, rowLen, err)
			}
			if want := slices.Concat(data, data, rows); !bytes.Equal(got, want) {
				t.Fatalf("codes %d, row length %d: %d bytes back for %d", i, rowLen, len(got), len(want))
			}
		}
	})
}

// TestCodesFitDeflate: codes made from very uneven counts stay within 15 bits and
// form complete codes, as inflaters require.
func TestCodesFitDeflate(t *testing.T) {
	for _, counts := range [][]int{make([]int, numLit), {1 << 40, 1, 1, 1}, {0, 0, 5}, func() []int {
		c := make([]int, numLit)
		for i := range c {
			c[i] = 1 << min(i, 50) // Fibonacci-like growth would make a deep tree
		}
		return c
	}()} {
		lens := huffmanLengths(counts)
		kraft := 0.0
		for _, l := range lens {
			if l < 1 || l > 15 {
				t.Fatalf("counts %v: a code of %d bits", counts[:min(4, len(counts))], l)
			}
			kraft += 1 / float64(uint(1)<<l)
		}
		if kraft != 1 {
			t.Errorf("counts %v: the code is not complete (Kraft sum %v)", counts[:min(4, len(counts))], kraft)
		}
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// image writes data, rows of w.rowLen, as Draw does through imageSpans, where
// same[y] says that row y is known to equal the row above.
func (w *runs) image(data []byte, same []bool, c *codes) {
	w.tokens = w.tokens[:0]
	w.rows(data, same)
	w.emit(c)
}

// rows adds the tokens of data as image writes it, through rowSpans as Draw does.
func (w *runs) rows(data []byte, same []bool) {
	diff := make([]extent, len(same))
	for y := range diff {
		if y == 0 || !same[y] {
			diff[y] = extent{0, int32(w.rowLen)}
		}
	}
	w.rowSpans(data, diff)
}

// block writes data as one block of codes c that is not the last, and ends on a
// byte boundary with an empty stored block, as a flush would: the next block may
// be written by anyone. Copies never reach before data.
func (w *runs) block(data []byte, c *codes) {
	w.tokens = w.tokens[:0]
	w.scan(data, 0, len(data))
	w.emit(c)
}
