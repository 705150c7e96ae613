package report

import (
	"strings"
	"sync"

	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
	"golang.org/x/image/font/sfnt"
)

// pdfFontFamily is the family name the PDF writer registers the embedded
// fonts under.
const pdfFontFamily = "LiberationSerif"

// pdfFont is one embedded TrueType face: the fpdf style it is registered
// under ("", "B", "I", "BI") and its bytes.
type pdfFont struct {
	Style string
	TTF   []byte
}

// pdfFonts are the faces of Liberation Serif, metric-compatible with Times
// New Roman (the font both presentation rules name) and covering the whole
// Vietnamese alphabet. They are compiled into the binary, so a report looks
// the same on every machine, whatever fonts it has installed.
var pdfFonts = []pdfFont{
	{"", liberationserifregular.TTF},
	{"B", liberationserifbold.TTF},
	{"I", liberationserifitalic.TTF},
	{"BI", liberationserifbolditalic.TTF},
}

// pdfMissingGlyph stands for a character the embedded fonts cannot show
// (CJK, emoji): a white square, visibly a placeholder, rather than an
// invisible .notdef glyph.
const pdfMissingGlyph = '\u25A1'

// pdfCoverage is the set of BMP characters that all four faces have a
// glyph for, one bit per code point, built once on first use.
var pdfCoverage = sync.OnceValue(func() *[1 << 16 / 64]uint64 {
	var set [1 << 16 / 64]uint64
	for i := range set {
		set[i] = ^uint64(0)
	}
	var buf sfnt.Buffer
	for _, face := range pdfFonts {
		f, err := sfnt.Parse(face.TTF)
		if err != nil {
			panic("report: embedded font: " + err.Error()) // compiled in: cannot happen
		}
		for r := range rune(1 << 16) {
			if set[r/64]&(1<<(r%64)) == 0 {
				continue
			}
			if g, err := f.GlyphIndex(&buf, r); err != nil || g == 0 {
				set[r/64] &^= 1 << (r % 64)
			}
		}
	}
	return &set
})

// pdfCovered reports whether every face of the embedded font has a glyph
// for r.
func pdfCovered(r rune) bool {
	if r < 0 || r >= 1<<16 {
		return false
	}
	return pdfCoverage()[r/64]&(1<<(r%64)) != 0
}

// pdfText is s ready to be set in the embedded font: cleaned by safeText,
// with characters the font lacks replaced by pdfMissingGlyph.
func pdfText(s string) string {
	s = safeText(s)
	for i, r := range s {
		if r == '\n' || pdfCovered(r) {
			continue
		}
		var b strings.Builder
		b.Grow(len(s))
		b.WriteString(s[:i])
		for _, r := range s[i:] {
			if r != '\n' && !pdfCovered(r) {
				r = pdfMissingGlyph
			}
			b.WriteRune(r)
		}
		return b.String()
	}
	return s
}
