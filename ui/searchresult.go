package ui

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"chidao/index"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// resultCard is one search hit: its document (kind · number · date, title),
// the clause's address and heading, and the fragments with the matched words
// highlighted. A tap opens the document at the clause.
type resultCard struct {
	widget.BaseWidget
	hit   index.Hit
	onTap func(index.Hit)
	bg    *canvas.Rectangle
	body  fyne.CanvasObject
}

func newResultCard(h index.Hit, onTap func(index.Hit)) *resultCard {
	c := &resultCard{hit: h, onTap: onTap, bg: canvas.NewRectangle(theme.Color(theme.ColorNameHover))}
	c.bg.CornerRadius = theme.SelectionRadiusSize()
	c.bg.Hide()

	var lines []fyne.CanvasObject
	if meta := hitMeta(h); meta != "" {
		m := mutedText(meta)
		m.Truncation = fyne.TextTruncateEllipsis
		lines = append(lines, m)
	}
	title := h.Title
	if title == "" {
		title = lang.L("(văn bản chưa có tiêu đề)")
	}
	if h.IsDocument {
		// a match of the title: the title itself, its matched words marked
		lines = append(lines, newHLText(fragmentPieces(titleFragment(h), true), true))
		lines = append(lines, widget.NewRichText(
			&widget.TextSegment{Text: lang.L("Văn bản"), Style: widget.RichTextStyle{Inline: true, ColorName: theme.ColorNamePrimary,
				TextStyle: fyne.TextStyle{Bold: true}}},
			&widget.TextSegment{Text: "  —  " + lang.L("khớp tiêu đề, số hiệu hoặc thông tin văn bản"), Style: widget.RichTextStyle{Inline: true,
				ColorName: theme.ColorNamePlaceHolder, SizeName: theme.SizeNameCaptionText}}))
	} else {
		t := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		t.Truncation = fyne.TextTruncateEllipsis
		lines = append(lines, t)
		addr := widget.NewRichText(&widget.TextSegment{Text: h.Address, Style: widget.RichTextStyle{Inline: true,
			ColorName: theme.ColorNamePrimary, TextStyle: fyne.TextStyle{Bold: true}}})
		var line fyne.CanvasObject = addr
		if hd := oneLine(h.Heading); hd != "" {
			head := widget.NewLabelWithStyle(hd, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			head.Truncation = fyne.TextTruncateEllipsis
			line = container.NewBorder(nil, nil, addr, nil, head)
		}
		lines = append(lines, line)
		for _, f := range h.Fragments {
			lines = append(lines, newHLText(fragmentPieces(f, false), false))
		}
	}
	c.body = container.New(tightVBox{}, lines...)
	c.ExtendBaseWidget(c)
	return c
}

func (c *resultCard) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(c.bg, c.body))
}

// Tapped opens the hit.
func (c *resultCard) Tapped(*fyne.PointEvent) {
	if c.onTap != nil {
		c.onTap(c.hit)
	}
}

// Cursor is a pointing hand.
func (c *resultCard) Cursor() desktop.Cursor { return desktop.PointerCursor }

// MouseIn shades the card.
func (c *resultCard) MouseIn(*desktop.MouseEvent) {
	c.bg.FillColor = theme.Color(theme.ColorNameHover)
	c.bg.Show()
	c.bg.Refresh()
}

// MouseMoved does nothing.
func (c *resultCard) MouseMoved(*desktop.MouseEvent) {}

// MouseOut unshades it.
func (c *resultCard) MouseOut() {
	c.bg.Hide()
	c.bg.Refresh()
}

// hitMeta is "Kế hoạch · Số 74-KL/TW · 22/05/2020 · Tỉnh ủy Kiên Giang".
func hitMeta(h index.Hit) string {
	var parts []string
	if h.Kind != "" {
		parts = append(parts, h.Kind)
	}
	if h.Number != "" {
		parts = append(parts, fmt.Sprintf(lang.L("Số %s"), h.Number))
	}
	if d := formatISODate(h.Date); d != "" {
		parts = append(parts, d)
	}
	if h.Issuer != "" {
		parts = append(parts, h.Issuer)
	}
	return strings.Join(parts, " · ")
}

// titleFragment is the fragment of a document hit: its title with the
// matched words, or the bare title when the fragment is something else.
func titleFragment(h index.Hit) index.Fragment {
	for _, f := range h.Fragments {
		if len(f.Highlights) > 0 {
			return f
		}
	}
	if len(h.Fragments) > 0 && h.Title == "" {
		return h.Fragments[0]
	}
	return index.Fragment{Text: h.Title}
}

// oneLine folds line breaks and runs of spaces into single spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// highlightStyle marks the matched words: bold, in the primary colour.
var highlightStyle = widget.RichTextStyle{Inline: true, ColorName: theme.ColorNamePrimary, TextStyle: fyne.TextStyle{Bold: true}}

// hlPiece is part of a fragment: plain, or a matched word.
type hlPiece struct {
	text string
	mark bool
}

// fragmentPieces cuts a fragment into plain and highlighted pieces; line
// breaks become spaces; an ellipsis marks a fragment cut out of a longer
// text (not a title, bold).
func fragmentPieces(f index.Fragment, bold bool) []hlPiece {
	b := []byte(f.Text)
	for i, c := range b {
		if c == '\n' || c == '\r' || c == '\t' {
			b[i] = ' ' // same length: the highlights keep their offsets
		}
	}
	text := string(b)
	var out []hlPiece
	add := func(s string, mark bool) {
		if s != "" {
			out = append(out, hlPiece{s, mark})
		}
	}
	if !bold && cutBefore(text) {
		add("…", false)
	}
	at := 0
	for _, sp := range validSpans(text, f.Highlights) {
		add(text[at:sp[0]], false)
		add(text[sp[0]:sp[1]], true)
		at = sp[1]
	}
	add(text[at:], false)
	if !bold && cutAfter(text) {
		add("…", false)
	}
	return out
}

// hlText draws highlighted pieces with a RichText, wrapped by word at its
// width. It wraps them itself and ends each line with a block segment:
// RichText's own wrapping cuts a word letter by letter when a segment starts
// near the end of a line.
type hlText struct {
	widget.BaseWidget
	pieces []hlPiece
	bold   bool // plain pieces bold too (a title)
	rich   *widget.RichText
	width  float32 // the width wrapped at
}

func newHLText(pieces []hlPiece, bold bool) *hlText {
	t := &hlText{pieces: pieces, bold: bold, rich: widget.NewRichText()}
	t.ExtendBaseWidget(t)
	t.rewrap(500)
	return t
}

// String is the text shown, for tests.
func (t *hlText) String() string { return t.rich.String() }

// Resize wraps the text again at a new width.
func (t *hlText) Resize(s fyne.Size) {
	if s.Width > 0 && s.Width != t.width {
		t.rewrap(s.Width)
	}
	t.BaseWidget.Resize(s)
}

// MinSize is the height of the wrapped lines; any width will do.
func (t *hlText) MinSize() fyne.Size {
	return fyne.NewSize(60, t.rich.MinSize().Height)
}

func (t *hlText) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(t.rich)
}

// rewrap lays the pieces out in lines at most width wide.
func (t *hlText) rewrap(width float32) {
	t.width = width
	t.rich.Segments = wrapPieces(t.pieces, t.bold, width-2*theme.InnerPadding()-1)
	t.rich.Refresh()
}

// wrapPieces breaks pieces into lines of words at most width wide and
// returns the segments: one per run of a style on a line, the last of each
// line a block, which ends the line.
func wrapPieces(pieces []hlPiece, bold bool, width float32) []widget.RichTextSegment {
	type word struct {
		parts []hlPiece
		w     float32
	}
	size := theme.TextSize()
	style := func(mark bool) fyne.TextStyle { return fyne.TextStyle{Bold: bold || mark} }
	// words, each a list of pieces (a highlight may end inside a word)
	var words []word
	open := false
	for _, p := range pieces {
		for i, f := range strings.Split(p.text, " ") {
			if i > 0 {
				open = false
			}
			if f == "" {
				continue
			}
			if !open {
				words = append(words, word{})
				open = true
			}
			w := &words[len(words)-1]
			w.parts = append(w.parts, hlPiece{f, p.mark})
			w.w += fyne.MeasureText(f, size, style(p.mark)).Width
		}
	}
	space := fyne.MeasureText(" ", size, fyne.TextStyle{Bold: bold}).Width
	var segs []widget.RichTextSegment
	var line []hlPiece // the current line's runs
	x := float32(0)
	flush := func(last bool) {
		for i, r := range line {
			st := widget.RichTextStyle{Inline: true, TextStyle: style(r.mark)}
			if r.mark {
				st = highlightStyle
			}
			if i == len(line)-1 && !last {
				st.Inline = false
			}
			segs = append(segs, &widget.TextSegment{Text: r.text, Style: st})
		}
		line, x = nil, 0
	}
	for _, w := range words {
		if len(line) > 0 && x+space+w.w > width {
			flush(false)
		}
		for i, p := range w.parts {
			text := p.text
			if i == 0 && len(line) > 0 {
				text = " " + text
				x += space
			}
			if n := len(line); n > 0 && line[n-1].mark == p.mark {
				line[n-1].text += text
			} else if i == 0 && len(line) > 0 && p.mark { // the space goes with the plain text before
				line[n-1].text += " "
				line = append(line, hlPiece{p.text, p.mark})
			} else {
				line = append(line, hlPiece{text, p.mark})
			}
		}
		x += w.w
	}
	flush(true)
	return segs
}

// cutBefore guesses that a fragment starts inside a sentence: with a
// lower-case letter.
func cutBefore(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimSpace(s))
	return unicode.IsLower(r)
}

// cutAfter guesses that a fragment stops inside a sentence: without a final
// punctuation mark.
func cutAfter(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(s))
	return r != utf8.RuneError && !strings.ContainsRune(".;:!?)”\"…", r)
}

// validSpans keeps the byte ranges that lie inside text on rune boundaries,
// in order, without overlaps.
func validSpans(text string, hs [][2]int) [][2]int {
	var out [][2]int
	for _, h := range hs {
		s, e := h[0], h[1]
		if s < 0 || e > len(text) || s >= e || !utf8.RuneStart(text[s]) || (e < len(text) && !utf8.RuneStart(text[e])) {
			continue
		}
		out = append(out, [2]int{s, e})
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	kept := out[:0]
	end := 0
	for _, sp := range out {
		if sp[0] >= end {
			kept = append(kept, sp)
			end = sp[1]
		}
	}
	return kept
}

// hitWords are the distinct words a hit's fragments highlight, as written,
// to mark in the document it opens.
func hitWords(h index.Hit) []string {
	seen := map[string]bool{}
	var out []string
	for _, f := range h.Fragments {
		for _, sp := range validSpans(f.Text, f.Highlights) {
			w := oneLine(f.Text[sp[0]:sp[1]])
			if k := strings.ToLower(w); w != "" && !seen[k] {
				seen[k] = true
				out = append(out, w)
			}
		}
	}
	return out
}

// markRuns splits the plain runs (not citations) where one of words occurs,
// whole and in any case, and marks those pieces.
func markRuns(runs []textRun, words []string) []textRun {
	if len(words) == 0 {
		return runs
	}
	var out []textRun
	for _, r := range runs {
		if r.cite != nil || r.text == "" {
			out = append(out, r)
			continue
		}
		at := 0
		for _, sp := range wordSpans(r.text, words) {
			if sp[0] > at {
				p := r
				p.text = r.text[at:sp[0]]
				out = append(out, p)
			}
			m := r
			m.text, m.mark = r.text[sp[0]:sp[1]], true
			out = append(out, m)
			at = sp[1]
		}
		if at < len(r.text) {
			p := r
			p.text = r.text[at:]
			out = append(out, p)
		}
	}
	return out
}

// wordSpans finds where words occur whole in s, ignoring case where that
// keeps byte offsets, in order and without overlaps.
func wordSpans(s string, words []string) [][2]int {
	hay, fold := strings.ToLower(s), true
	if len(hay) != len(s) { // lower case would move the offsets
		hay, fold = s, false
	}
	var out [][2]int
	for _, w := range words {
		needle := w
		if fold {
			needle = strings.ToLower(w)
		}
		if needle == "" {
			continue
		}
		for from := 0; from < len(hay); {
			k := strings.Index(hay[from:], needle)
			if k < 0 {
				break
			}
			a, b := from+k, from+k+len(needle)
			if wordEdge(s, a, b) {
				out = append(out, [2]int{a, b})
			}
			from = b
		}
	}
	return validSpans(s, out)
}

// wordEdge says whether s[a:b] is not inside a longer word.
func wordEdge(s string, a, b int) bool {
	if a > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:a])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	if b < len(s) {
		r, _ := utf8.DecodeRuneInString(s[b:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			return false
		}
	}
	return true
}
