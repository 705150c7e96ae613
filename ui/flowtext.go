package ui

import (
	"slices"
	"strings"

	"chidao/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// uncertainTip is the hint shown over a citation the parser is not sure of.
//
// i18n: keys in uncertainTip
const uncertainTip = "dẫn chiếu chưa chắc chắn"

// textRun is a piece of a paragraph in one style; cite makes it a link.
type textRun struct {
	text string
	bold bool
	cite *store.Citation
	mark bool // a word of the search the document was opened from
}

// textBlock is one paragraph of a clause: its runs, how it is drawn and how
// far it is indented.
type textBlock struct {
	runs   []textRun
	small  bool // caption size (footnotes)
	large  bool // sub-heading size (the title)
	italic bool
	muted  bool
	indent float32
}

// flowText draws paragraphs wrapped at its width, citations as links. Unlike
// RichText it wraps around links and its height is a pure function of its
// paragraphs and width, so that a long list can measure rows it does not draw.
type flowText struct {
	widget.BaseWidget
	blocks []textBlock
	onLink func(store.Citation)
	wrap   float32 // the width to wrap at when known beforehand; 0 for the widget's width

	// the last layout, kept as MinSize is asked often
	laidW  float32
	laid   []piece
	laidH  float32
	laidOK bool
}

// layoutAt places the paragraphs at width w, or returns the last placing.
func (t *flowText) layoutAt(w float32) ([]piece, float32) {
	if !t.laidOK || t.laidW != w {
		t.laid, t.laidH = flowLayout(t.blocks, w)
		t.laidW, t.laidOK = w, true
	}
	return t.laid, t.laidH
}

func newFlowText(onLink func(store.Citation)) *flowText {
	t := &flowText{onLink: onLink}
	t.ExtendBaseWidget(t)
	return t
}

// setBlocks replaces the paragraphs drawn.
func (t *flowText) setBlocks(bs []textBlock) {
	t.blocks = bs
	t.laidOK = false
	t.Refresh()
}

// String is the plain text drawn, paragraphs on their own lines.
func (t *flowText) String() string {
	var b strings.Builder
	for i, bl := range t.blocks {
		if i > 0 {
			b.WriteByte('\n')
		}
		for _, r := range bl.runs {
			b.WriteString(r.text)
		}
	}
	return b.String()
}

// piece is a run of words placed on one line.
type piece struct {
	text   string
	x, y   float32
	width  float32
	style  fyne.TextStyle
	size   float32
	muted  bool
	cite   *store.Citation
	marker bool // the "?" after an uncertain citation
	mark   bool // a searched word: drawn in the primary colour
}

// flowGap is the space between the paragraphs of one row.
func flowGap() float32 { return theme.Padding() }

// flowInset is the space around the text, as a label has.
func flowInset() float32 { return theme.InnerPadding() / 2 }

// lineHeight is the height of a line of text of size s.
func lineHeight(size float32) float32 {
	// Fyne takes the height from the font's line metrics, whatever the letters.
	return fyne.MeasureText("Ay", size, fyne.TextStyle{}).Height + 2
}

// wordSeg is part of a word in one style: a word may change style inside,
// as "74-KL/TW," whose comma is not part of the link.
type wordSeg struct {
	text   string
	style  fyne.TextStyle
	size   float32
	cite   *store.Citation
	marker bool
	mark   bool
	width  float32
}

// words splits a paragraph into words (broken at spaces), each a list of
// segments.
func words(b textBlock, size float32) [][]wordSeg {
	var out [][]wordSeg
	var cur []wordSeg
	flush := func() {
		if len(cur) > 0 {
			out = append(out, cur)
			cur = nil
		}
	}
	for _, r := range b.runs {
		style := fyne.TextStyle{Bold: r.bold || r.mark, Italic: b.italic}
		if r.cite != nil && r.cite.Uncertain {
			style.Italic = true
		}
		fresh := true // the run's first character starts a new segment
		for _, ch := range r.text {
			if ch == ' ' || ch == '\n' || ch == '\t' || ch == '\u00a0' {
				flush()
				fresh = true
				continue
			}
			if fresh || len(cur) == 0 {
				cur = append(cur, wordSeg{style: style, size: size, cite: r.cite, mark: r.mark})
				fresh = false
			}
			cur[len(cur)-1].text += string(ch)
		}
		if r.cite != nil && r.cite.Uncertain {
			cur = append(cur, wordSeg{text: "?", style: fyne.TextStyle{Bold: true}, size: theme.CaptionTextSize(),
				cite: r.cite, marker: true})
		}
	}
	flush()
	for _, w := range out {
		for i := range w {
			w[i].width = fyne.MeasureText(w[i].text, w[i].size, w[i].style).Width
		}
	}
	return out
}

// flowLayout places the words of bs in lines at most width wide and returns
// the pieces and the total height.
func flowLayout(bs []textBlock, width float32) ([]piece, float32) {
	inset := flowInset()
	y := inset
	var out []piece
	for bi, b := range bs {
		if bi > 0 {
			y += flowGap()
		}
		size := blockSize(b)
		lh := lineHeight(size)
		left := inset + b.indent
		maxX := max(width-inset, left+40)
		space := fyne.MeasureText(" ", size, fyne.TextStyle{}).Width
		x := left
		lineStart := true
		last := -1 // the piece last placed on this line
		for _, w := range words(b, size) {
			ww := float32(0)
			for _, s := range w {
				ww += s.width
			}
			if !lineStart && x+space+ww > maxX {
				y += lh
				x, lineStart, last = left, true, -1
			}
			for i, s := range w {
				gap := float32(0)
				if i == 0 && !lineStart {
					gap = space
				}
				if last >= 0 && i == 0 && !s.marker && !out[last].marker && out[last].style == s.style && out[last].cite == s.cite && out[last].mark == s.mark {
					out[last].text += " " + s.text
					out[last].width = x + gap + s.width - out[last].x
				} else {
					out = append(out, piece{text: s.text, x: x + gap, y: y, width: s.width, style: s.style, size: s.size,
						muted: b.muted, cite: s.cite, marker: s.marker, mark: s.mark})
					last = len(out) - 1
				}
				x += gap + s.width
			}
			lineStart = false
		}
		y += lh
	}
	return out, y + inset
}

// blockSize is the text size of a paragraph.
func blockSize(b textBlock) float32 {
	switch {
	case b.small:
		return theme.CaptionTextSize()
	case b.large:
		return theme.TextSize() + 2
	}
	return theme.TextSize()
}

// wrapWidth is the width the text wraps at.
func (t *flowText) wrapWidth() float32 {
	if t.wrap > 0 {
		return t.wrap
	}
	return t.Size().Width
}

// flowHeight is the height bs need at width.
func flowHeight(bs []textBlock, width float32) float32 {
	_, h := flowLayout(bs, width)
	return h
}

// MinSize is the height the paragraphs need at the current width.
func (t *flowText) MinSize() fyne.Size {
	w := t.wrapWidth()
	if w <= 0 {
		w = 400
	}
	_, h := t.layoutAt(w)
	return fyne.NewSize(80, h)
}

// CreateRenderer draws the placed pieces.
func (t *flowText) CreateRenderer() fyne.WidgetRenderer {
	r := &flowRenderer{t: t, tip: newTip()}
	return r
}

type flowRenderer struct {
	t       *flowText
	texts   []*canvas.Text
	links   []*linkText
	objects []fyne.CanvasObject
	tip     *tipBox
	tipFor  *linkText // the link whose hint shows
	size    fyne.Size
}

func (r *flowRenderer) Destroy() {}

func (r *flowRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *flowRenderer) MinSize() fyne.Size { return r.t.MinSize() }

func (r *flowRenderer) Refresh() {
	r.t.laidOK = false // the theme may have changed
	r.Layout(r.t.Size())
}

func (r *flowRenderer) Layout(size fyne.Size) {
	r.size = size
	w := r.t.wrapWidth()
	if w <= 0 {
		w = size.Width
	}
	pieces, _ := r.t.layoutAt(w)
	r.objects = r.objects[:0]
	nt, nl := 0, 0
	fg := theme.Color(theme.ColorNameForeground)
	muted := theme.Color(theme.ColorNamePlaceHolder)
	primary := theme.Color(theme.ColorNamePrimary)
	for i := range pieces {
		p := pieces[i]
		if p.cite != nil {
			if nl == len(r.links) {
				r.links = append(r.links, newLinkText(r))
			}
			l := r.links[nl]
			nl++
			l.set(p)
			l.Move(fyne.NewPos(p.x, p.y))
			l.Resize(fyne.NewSize(p.width, lineHeight(p.size)))
			r.objects = append(r.objects, l)
			continue
		}
		if nt == len(r.texts) {
			r.texts = append(r.texts, canvas.NewText("", fg))
		}
		tx := r.texts[nt]
		nt++
		tx.Text, tx.TextStyle, tx.TextSize = p.text, p.style, p.size
		tx.Color = fg
		if p.muted {
			tx.Color = muted
		}
		if p.mark {
			tx.Color = primary
		}
		tx.Move(fyne.NewPos(p.x, p.y))
		tx.Resize(fyne.NewSize(p.width, lineHeight(p.size)))
		tx.Refresh()
		r.objects = append(r.objects, tx)
	}
	if r.tipFor != nil && r.tipFor.cite != nil && r.tipFor.cite.Uncertain && slices.Contains(r.links[:nl], r.tipFor) {
		r.placeTip(r.tipFor)
	} else {
		r.tipFor = nil
		r.tip.Hide()
	}
	r.objects = append(r.objects, r.tip)
}

// showTip shows the uncertain-citation hint just above link l.
func (r *flowRenderer) showTip(l *linkText) {
	r.tipFor = l
	r.placeTip(l)
}

func (r *flowRenderer) placeTip(l *linkText) {
	r.tip.text.Text = lang.L(uncertainTip)
	r.tip.Resize(r.tip.MinSize())
	y := l.Position().Y - r.tip.MinSize().Height
	r.tip.Move(fyne.NewPos(l.Position().X, y))
	r.tip.Show()
	r.tip.Refresh()
}

func (r *flowRenderer) hideTip() {
	r.tipFor = nil
	r.tip.Hide()
}

// linkText is one placed piece of a citation: primary colour, underlined,
// tappable, with a pointer cursor.
type linkText struct {
	widget.BaseWidget
	r     *flowRenderer
	text  *canvas.Text
	under *canvas.Rectangle
	cite  *store.Citation
}

func newLinkText(r *flowRenderer) *linkText {
	l := &linkText{r: r, text: canvas.NewText("", theme.Color(theme.ColorNameHyperlink)),
		under: canvas.NewRectangle(theme.Color(theme.ColorNameHyperlink))}
	l.ExtendBaseWidget(l)
	return l
}

func (l *linkText) set(p piece) {
	l.cite = p.cite
	l.text.Text, l.text.TextStyle, l.text.TextSize = p.text, p.style, p.size
	l.text.Color = theme.Color(theme.ColorNameHyperlink)
	l.under.FillColor = l.text.Color
	l.under.Hidden = p.marker
	if p.marker {
		l.text.Color = theme.Color(theme.ColorNameWarning)
	}
	l.text.Refresh()
	l.under.Refresh()
}

// Text is the link's words, for tests.
func (l *linkText) Text() string { return l.text.Text }

func (l *linkText) CreateRenderer() fyne.WidgetRenderer {
	return &linkRenderer{l: l}
}

// linkRenderer draws a link's words with a line under them.
type linkRenderer struct{ l *linkText }

func (r *linkRenderer) Destroy() {}
func (r *linkRenderer) Layout(s fyne.Size) {
	th := fyne.MeasureText(r.l.text.Text, r.l.text.TextSize, r.l.text.TextStyle)
	r.l.text.Move(fyne.NewPos(0, 0))
	r.l.text.Resize(th)
	r.l.under.Move(fyne.NewPos(0, th.Height-1))
	r.l.under.Resize(fyne.NewSize(s.Width, 1))
}
func (r *linkRenderer) MinSize() fyne.Size {
	return fyne.MeasureText(r.l.text.Text, r.l.text.TextSize, r.l.text.TextStyle)
}
func (r *linkRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.l.text, r.l.under} }
func (r *linkRenderer) Refresh() {
	r.Layout(r.l.Size())
	r.l.text.Refresh()
	r.l.under.Refresh()
}

// Tapped follows the citation.
func (l *linkText) Tapped(*fyne.PointEvent) {
	if l.cite != nil && l.r.t.onLink != nil {
		l.r.t.onLink(*l.cite)
	}
}

// Cursor is a pointing hand.
func (l *linkText) Cursor() desktop.Cursor { return desktop.PointerCursor }

// MouseIn shows the hint of an uncertain citation.
func (l *linkText) MouseIn(*desktop.MouseEvent) {
	if l.cite != nil && l.cite.Uncertain {
		l.r.showTip(l)
	}
}

// MouseMoved does nothing.
func (l *linkText) MouseMoved(*desktop.MouseEvent) {}

// MouseOut hides the hint.
func (l *linkText) MouseOut() { l.r.hideTip() }

// tipBox is a small hint drawn over the text.
type tipBox struct {
	widget.BaseWidget
	bg   *canvas.Rectangle
	text *canvas.Text
}

func newTip() *tipBox {
	t := &tipBox{bg: canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground)),
		text: canvas.NewText("", theme.Color(theme.ColorNameForeground))}
	t.bg.StrokeColor = theme.Color(theme.ColorNameShadow)
	t.bg.StrokeWidth = 1
	t.bg.CornerRadius = 3
	t.text.TextSize = theme.CaptionTextSize()
	t.ExtendBaseWidget(t)
	t.Hide()
	return t
}

func (t *tipBox) MinSize() fyne.Size {
	s := fyne.MeasureText(t.text.Text, t.text.TextSize, t.text.TextStyle)
	return s.Add(fyne.NewSize(theme.Padding()*2, theme.Padding()))
}

func (t *tipBox) CreateRenderer() fyne.WidgetRenderer {
	return &tipRenderer{t: t}
}

type tipRenderer struct{ t *tipBox }

func (r *tipRenderer) Destroy() {}
func (r *tipRenderer) Layout(s fyne.Size) {
	r.t.bg.Resize(s)
	r.t.text.Move(fyne.NewPos(theme.Padding(), theme.Padding()/2))
	r.t.text.Resize(fyne.MeasureText(r.t.text.Text, r.t.text.TextSize, r.t.text.TextStyle))
}
func (r *tipRenderer) MinSize() fyne.Size { return r.t.MinSize() }
func (r *tipRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.t.bg, r.t.text}
}
func (r *tipRenderer) Refresh() {
	r.t.bg.FillColor = theme.Color(theme.ColorNameOverlayBackground)
	r.t.text.Color = theme.Color(theme.ColorNameForeground)
	r.Layout(r.t.Size())
	r.t.bg.Refresh()
	r.t.text.Refresh()
}
