package ui

import (
	"context"
	"strconv"

	"chidao/app"
	"chidao/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ocrNote is shown on a scanned document without a text layer.
const ocrNote = "Bản quét chưa có lớp chữ: cần nhận dạng (OCR)"

// pageColumn is the width of the discreet page marks ("tr. 3") right of the text.
const pageColumn = 64

// docRow is one line of the document view: a paragraph, the footnotes'
// heading or a footnote.
type docRow struct {
	text    string
	page    int // shown when the paragraph starts a page; 0 for none
	foot    bool
	heading bool
}

// documentRows orders paragraphs for reading: the body, then a heading and
// the footnotes. Each page is marked at its first paragraph.
func documentRows(ps []store.Paragraph) []docRow {
	var body, notes []docRow
	lastPage := 0
	for _, p := range ps {
		if p.Footnote {
			notes = append(notes, docRow{text: p.Text, foot: true})
			continue
		}
		r := docRow{text: p.Text}
		if p.Page > 0 && p.Page != lastPage {
			r.page, lastPage = p.Page, p.Page
		}
		body = append(body, r)
	}
	if len(notes) > 0 {
		body = append(body, docRow{text: "Chú thích", heading: true})
		body = append(body, notes...)
	}
	return body
}

// newDocumentScreen shows document d's clean paragraphs, footnotes last, with
// its title on top and a "← Quay lại" button calling onBack.
func newDocumentScreen(l *app.Library, d store.Document, onBack func()) fyne.CanvasObject {
	back := widget.NewButtonWithIcon("Quay lại", theme.NavigateBackIcon(), onBack)
	name := d.Title
	if name == "" {
		name = d.FileName
	}
	title := widget.NewLabelWithStyle(name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	title.Wrapping = fyne.TextWrapWord
	info := mutedText(docSubtitle(d))
	info.Truncation = fyne.TextTruncateEllipsis
	top := []fyne.CanvasObject{container.NewBorder(nil, nil, container.NewVBox(back), nil, title), info}
	if d.NeedsOCR {
		note := widget.NewLabelWithStyle(ocrNote, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		note.Importance = widget.WarningImportance
		note.Wrapping = fyne.TextWrapWord
		top = append(top, container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, note))
	}
	top = append(top, widget.NewSeparator())

	paras, err := l.Paragraphs(context.Background(), d.ID)
	var centre fyne.CanvasObject
	switch {
	case err != nil:
		msg := widget.NewLabel("Không đọc được nội dung văn bản: " + app.Reason(err))
		msg.Wrapping = fyne.TextWrapWord
		centre = container.NewVBox(msg)
	case len(paras) == 0:
		msg := widget.NewLabel("Văn bản không có đoạn chữ nào để hiển thị.")
		msg.Importance = widget.LowImportance
		centre = container.NewVBox(msg)
	default:
		centre = newDocumentText(documentRows(paras))
	}
	return container.NewBorder(container.NewPadded(container.NewVBox(top...)), nil, nil, nil,
		container.NewPadded(centre))
}

// documentText is a long document's text as a list of wrapped paragraphs,
// each measured at the list's width so that only visible ones are drawn.
type documentText struct {
	widget.BaseWidget
	rows    []docRow
	list    *widget.List
	width   float32
	heights []float32
	measure map[rowStyle]*widget.Label
}

// rowStyle is how a row's text is drawn.
type rowStyle int

const (
	styleBody rowStyle = iota
	styleFoot
	styleHeading
)

func (r docRow) style() rowStyle {
	switch {
	case r.heading:
		return styleHeading
	case r.foot:
		return styleFoot
	}
	return styleBody
}

// styleLabel makes a label draw text in style st.
func styleLabel(lb *widget.Label, st rowStyle) {
	lb.Wrapping = fyne.TextWrapWord
	lb.TextStyle = fyne.TextStyle{}
	lb.SizeName = theme.SizeNameText
	lb.Importance = widget.MediumImportance
	switch st {
	case styleFoot:
		lb.TextStyle.Italic = true
		lb.SizeName = theme.SizeNameCaptionText
	case styleHeading:
		lb.TextStyle.Bold = true
		lb.Importance = widget.LowImportance
	}
}

func newDocumentText(rows []docRow) *documentText {
	t := &documentText{rows: rows, heights: make([]float32, len(rows)), measure: map[rowStyle]*widget.Label{}}
	t.list = widget.NewList(func() int { return len(t.rows) }, t.createRow, t.updateRow)
	t.list.HideSeparators = true
	t.ExtendBaseWidget(t)
	return t
}

func (t *documentText) createRow() fyne.CanvasObject {
	page := canvas.NewText("", theme.Color(theme.ColorNamePlaceHolder))
	page.TextSize = theme.CaptionTextSize()
	text := widget.NewLabel("")
	text.Wrapping = fyne.TextWrapWord
	return container.NewBorder(nil, nil, nil, container.New(fixedWidth(pageColumn), container.NewPadded(container.NewVBox(page))), text)
}

func (t *documentText) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(t.rows) {
		return
	}
	r := t.rows[id]
	c := o.(*fyne.Container)
	text := c.Objects[0].(*widget.Label)
	page := c.Objects[1].(*fyne.Container).Objects[0].(*fyne.Container).Objects[0].(*fyne.Container).Objects[0].(*canvas.Text)
	styleLabel(text, r.style())
	text.SetText(r.text)
	page.Text = ""
	if r.page > 0 {
		page.Text = "tr. " + strconv.Itoa(r.page)
	}
	page.Refresh()
	t.list.SetItemHeight(id, t.height(id))
}

// textWidth is the width a paragraph wraps at in a list of width w.
func textWidth(w float32) float32 {
	return w - pageColumn - theme.Padding() - 2
}

// height is row id's height at the current width.
func (t *documentText) height(id int) float32 {
	if h := t.heights[id]; h > 0 {
		return h
	}
	if t.width <= 0 { // not laid out yet: measured once the width is known
		return theme.TextSize() * 2
	}
	r := t.rows[id]
	m := t.measure[r.style()]
	if m == nil {
		m = widget.NewLabel("")
		styleLabel(m, r.style())
		t.measure[r.style()] = m
	}
	m.SetText(r.text)
	m.Resize(fyne.NewSize(textWidth(t.width), 1))
	h := m.MinSize().Height
	if r.heading {
		h += theme.Padding() * 2
	}
	t.heights[id] = h
	return h
}

// CreateRenderer lays the list out and re-measures rows when the width changes.
func (t *documentText) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.New(&remeasure{t: t}, t.list))
}

// remeasure resizes the list, forgetting row heights when its width changes.
type remeasure struct{ t *documentText }

func (r *remeasure) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if size.Width != r.t.width && size.Width > 0 {
		r.t.width = size.Width
		clear(r.t.heights)
		r.t.list.Refresh()
	}
	layout.NewStackLayout().Layout(objs, size)
}

func (r *remeasure) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(200, 100)
}
