package social

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"image/color"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
)

// The pixels of cards as drawn before they were drawn into packed rows (Version
// "1"): a change to them must change Version, so that cached cards are redrawn.
// TestPixelsAsBefore compares earlierCards, TestRandomPixelsAsBefore 100 random
// cards at once.
var (
	earlierHashes = []string{
		"66b0e55e5c841410a12e2a42",
		"e39860bbb3bfd44f4bdb7def",
		"392461adf0f505874fdd5ccc",
		"af290c40599809999d9d3f1b",
		"6774baa92e2c31006f9210b0",
		"23384f406c421d300accc727",
		"671df8b8168d2131179c7205",
		"d9ab5e1fe6dbe52c0f856864",
		"5933fe7af6997ff03c3065bb",
		"ad8039d439e7d99f2914064f",
		"e1a45f1f13d6df9d6553453c",
		"dfb16f8afc70458132f5741e",
	}
	earlierRandomHash = "77f79dd9bbec99fa7f0fe67a"
)

// earlierCards are cards of every shape the drawing meets: one to four lines, a
// title cut short, words too long for a line, letters outside ASCII and colours.
var earlierCards = func() []Card {
	other := Card{Accent: color.RGBA{0x1d, 0x6f, 0x5a, 255}, Ink: color.RGBA{0x10, 0x10, 0x30, 255}, Paper: color.RGBA{0xff, 0xff, 0xff, 255}}
	with := func(c Card, kind, title, site, detail string) Card {
		c.Kind, c.Title, c.Site, c.Detail = kind, title, site, detail
		return c
	}
	return []Card{
		card,
		with(card, "Session", "x", "y", ""),
		with(card, "Analogy", "A title long enough to take three lines of the card, or even four when it goes on and on", "A playbook", "a detail"),
		with(other, "Insight", strings.Repeat("Unbreakablewordthatgoesonandon ", 20), "Site", ""),
		with(other, "Pattern", "Averylongwordthatcannotbebrokenanywhereatallandrunsofftheedgeofthecard and more", "Sïte wïth äccents — and a dash", "Détail: naïve café, «quoted» and “curly”"),
		with(card, "Quote", "Ünïcödé títle with ümlauts, ß, ø, and a few symbols: € £ ¥ © ® ™ … ‘’", "日本語のサイト", "中文 detail"),
		with(other, "", "", "", ""),
		with(card, "Very long kind name that goes on", strings.Repeat("word ", 60), strings.Repeat("site ", 40), strings.Repeat("detail ", 40)),
		with(other, "Insight", "AVAWAY To Ta Yo LT ff fi fl — kerning pairs, if the font has any", "WAVE", "Tj Ty"),
		with(card, "Insight", "Tabs\tand\nnewlines   and   runs of spaces between words", "  padded site  ", "\tdetail\t"),
		with(other, "f__f", "Letters that touch: fff ___ VAV ff__ff, offer, staff, effect, VAVAV", "___ fff ___ VAV", "VAV ___ fff"),
		with(card, "f__f", strings.Repeat("ff__ ", 50), strings.Repeat("_", 90), strings.Repeat("f", 90)),
	}
}()

func TestPixelsAsBefore(t *testing.T) {
	for i, c := range earlierCards {
		b, err := Draw(c)
		if err != nil {
			t.Fatal(err)
		}
		if got := pixelHash(t, b); got != earlierHashes[i] {
			t.Errorf("card %d (%.20q): pixels %s, before %s", i, c.Title, got, earlierHashes[i])
		}
	}
}

func TestRandomPixelsAsBefore(t *testing.T) {
	h := sha256.New()
	for _, c := range randomCards(1, 100) {
		b, err := Draw(c)
		if err != nil {
			t.Fatal(err)
		}
		h.Write([]byte(pixelHash(t, b)))
	}
	if got := hex.EncodeToString(h.Sum(nil)[:12]); got != earlierRandomHash {
		t.Errorf("pixels %s, before %s", got, earlierRandomHash)
	}
}

// TestDrawAsReference draws random cards as cards were drawn before, a pixel at
// a time from each glyph's shades, and wants the same pixels from Draw: where
// TestRandomPixelsAsBefore says that something changed, this says where.
func TestDrawAsReference(t *testing.T) {
	overlaps := 0
	for i, c := range randomCards(2, 40) {
		want, n, err := drawReference(c)
		if err != nil {
			t.Fatal(err)
		}
		overlaps += n
		b, err := Draw(c)
		if err != nil {
			t.Fatal(err)
		}
		p := decode(t, b)
		for y := range Height {
			if got := p.Pix[y*p.Stride : y*p.Stride+Width]; !bytes.Equal(got, want[y*Width:(y+1)*Width]) {
				t.Fatalf("card %d (%.20q): row %d differs", i, c.Title, y)
			}
		}
	}
	if overlaps == 0 {
		t.Error("no letters overlapped; the test wants some")
	}
}

// drawReference draws c one palette index a pixel, as cards were drawn before,
// and counts the pixels drawn on others.
func drawReference(c Card) (pix []uint8, overlaps int, err error) {
	pix = make([]uint8, Width*Height)
	for y := range Height {
		for x := range bandWidth {
			pix[y*Width+x] = 2 * shades
		}
	}
	err = layout(c, func(f *face, s string, x, y int, base uint8) {
		dot := x
		prev := rune(-1)
		for _, r := range s {
			gl := f.glyph(r)
			if prev >= 0 {
				dot += f.kern(prev, r)
			}
			prev = r
			for gy := range gl.h {
				for gx := range gl.w {
					px, py, l := dot+gl.x+gx, y+gl.y+gy, gl.level[gy*gl.w+gx]
					if px < 0 || px >= Width || py < 0 || py >= Height || l == 0 {
						continue
					}
					if pix[py*Width+px] != 0 && px >= bandWidth {
						overlaps++
					}
					pix[py*Width+px] = max(pix[py*Width+px], base+l)
				}
			}
			dot += gl.advance
		}
	})
	return pix, overlaps, err
}

// pixelHash sums what a decoded card shows: its palette and its pixels.
func pixelHash(t *testing.T, b []byte) string {
	p := decode(t, b)
	h := sha256.New()
	for _, c := range p.Palette {
		r, g, b, a := c.RGBA()
		h.Write([]byte{byte(r >> 8), byte(g >> 8), byte(b >> 8), byte(a >> 8)})
	}
	for y := range Height {
		h.Write(p.Pix[y*p.Stride : y*p.Stride+Width])
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// randomCards are n cards of words drawn from a list that has long ones, letters
// outside ASCII and letters that touch, in random colours.
func randomCards(seed uint64, n int) []Card {
	r := rand.New(rand.NewPCG(seed, 1))
	words := strings.Fields("the a of customer payment ticket counter Harbour wait call team teams answers " +
		"fff ___ VAV offer staff effect jj gj Tj LT AV WAVE … — “quoted” «done» café naïve Ünïcödé ß ø € © 日本語 中文 " +
		"Averylongwordthatcannotbebrokenanywhereatallandrunsofftheedgeofthecard Unbreakablewordthatgoesonandon x y z I W M")
	text := func(most int) string {
		s := make([]string, r.IntN(most+1))
		for i := range s {
			s[i] = words[r.IntN(len(words))]
		}
		return strings.Join(s, " ")
	}
	colour := func() color.RGBA {
		return color.RGBA{uint8(r.UintN(256)), uint8(r.UintN(256)), uint8(r.UintN(256)), 255}
	}
	cards := make([]Card, n)
	for i := range cards {
		cards[i] = Card{Kind: text(2), Title: text(40), Site: text(8), Detail: text(6), Accent: colour(), Ink: colour(), Paper: colour()}
	}
	return cards
}

// TestDrawConcurrently draws cards on several goroutines at once, as a build
// does, with letters no other test draws, so that they are rasterised meanwhile,
// and wants the cards drawn one at a time.
func TestDrawConcurrently(t *testing.T) {
	cards := randomCards(3, 8)
	for i := range cards {
		cards[i].Title += " Ελληνικά Кириллица ԱԲԳ ŁŚŻ"
	}
	got := make([][][]byte, 4)
	var wg sync.WaitGroup
	for g := range got {
		wg.Go(func() {
			for _, c := range cards {
				b, err := Draw(c)
				if err != nil {
					t.Error(err)
					return
				}
				got[g] = append(got[g], b)
			}
		})
	}
	wg.Wait()
	for i, c := range cards {
		want, err := Draw(c)
		if err != nil {
			t.Fatal(err)
		}
		for g := range got {
			if i < len(got[g]) && !bytes.Equal(got[g][i], want) {
				t.Errorf("card %d differs when drawn on goroutine %d", i, g)
			}
		}
	}
}
