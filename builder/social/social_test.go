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

func TestKey(t *testing.T) {
	other := card
	other.Title += "!"
	if card.Key() == other.Key() || card.Key() != card.Key() {
		t.Error("keys do not follow the inputs")
	}
}

func BenchmarkDraw(b *testing.B) {
	for b.Loop() {
		if _, err := Draw(card); err != nil {
			b.Fatal(err)
		}
	}
}

// TestEncodeIsLossless decodes cards and compares every pixel with what was drawn:
// the rows of bare paper are copied from one packed row and their checksum joined,
// and the others packed and summed, so a row taken for bare paper by mistake would
// show, and so would a wrong code.
func TestEncodeIsLossless(t *testing.T) {
	for _, c := range []Card{card, {Kind: "Session", Title: "x", Site: "y", Accent: card.Accent, Ink: card.Ink, Paper: card.Paper},
		{Kind: "Analogy", Title: "A title long enough to take three lines of the card, or even four when it goes on and on", Site: "A playbook", Detail: "a detail", Accent: card.Accent, Ink: card.Ink, Paper: card.Paper}} {
		pix := make([]uint8, Width*Height)
		if err := draw(c, pix); err != nil {
			t.Fatal(err)
		}
		b, err := encode(c, pix)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%q: %v", c.Title, err)
		}
		p, ok := img.(*image.Paletted)
		if !ok {
			t.Fatalf("%q: decoded as %T", c.Title, img)
		}
		blank, other := 0, 0
		for y := range Height {
			row := pix[y*Width : (y+1)*Width]
			if bytes.Equal(row, blankLine) {
				blank++
			} else {
				other++
			}
			if got := p.Pix[y*p.Stride : y*p.Stride+Width]; !bytes.Equal(got, row) {
				t.Fatalf("%q: row %d differs from what was drawn", c.Title, y)
			}
		}
		if blank == 0 || other == 0 {
			t.Errorf("%q: %d bare rows and %d others; the test wants both", c.Title, blank, other)
		}
		t.Logf("%q: %d bytes, %d bare rows", c.Title, len(b), blank)
	}
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

// FuzzRuns inflates what runs writes, with the fixed codes, the cards' codes and
// codes made for the data itself, with any row length a card could have and bytes
// shaped like an image (runs, rows like the ones above them) or not at all, and
// wants back what went in.
func FuzzRuns(f *testing.F) {
	f.Add([]byte("aaaaaaaaaaaaaaaaaaaaaaab"), 4)
	f.Add(bytes.Repeat([]byte{0, 0, 0, 7, 7, 0xee}, 700), 601)
	f.Add(bytes.Repeat([]byte{1}, 70_000), 258)
	f.Fuzz(func(t *testing.T, data []byte, rowLen int) {
		rowLen = 1 + abs(rowLen)%32768
		var counts symbolCounts
		(&runs{rowLen: rowLen, stats: &counts}).block(data, fixedCodes)
		for i, c := range []*codes{fixedCodes, cardCodes(), codesFor(&counts)} {
			w := runs{rowLen: rowLen}
			w.block(data, c)
			w.block(data, c)               // a second block after the first, as blocks follow each other
			z := append(w.out, 0x03, 0x00) // a last, empty block
			got, err := io.ReadAll(flate.NewReader(bytes.NewReader(z)))
			if err != nil {
				t.Fatalf("codes %d, row length %d: %v", i, rowLen, err)
			}
			if want := append(bytes.Clone(data), data...); !bytes.Equal(got, want) {
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
