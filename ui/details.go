package ui

import (
	"chidao/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// detailPanel is the right-hand panel describing the selected document.
type detailPanel struct {
	content fyne.CanvasObject
	body    *fyne.Container
	onOpen  func(store.Document)
	doc     *store.Document
}

// newDetailPanel builds the empty panel; its "Mở" button calls onOpen.
func newDetailPanel(onOpen func(store.Document)) *detailPanel {
	p := &detailPanel{onOpen: onOpen, body: container.NewVBox()}
	p.content = container.NewVScroll(container.NewPadded(p.body))
	p.clear()
	return p
}

// clear shows the panel's empty state.
func (p *detailPanel) clear() {
	p.doc = nil
	hint := widget.NewLabel(lang.L("Chọn một văn bản trong danh sách để xem thông tin chi tiết."))
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	p.body.Objects = []fyne.CanvasObject{heading(lang.L("Chi tiết")), hint}
	p.body.Refresh()
}

// show describes d.
func (p *detailPanel) show(d store.Document) {
	p.doc = &d
	title := widget.NewLabelWithStyle(d.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	if d.Title == "" {
		title.SetText(d.FileName)
	}
	objs := []fyne.CanvasObject{heading(lang.L("Chi tiết")), title}
	if d.NeedsOCR {
		objs = append(objs, ocrBadge())
	}
	for _, f := range [][2]string{
		{lang.L("Loại văn bản"), d.Kind},
		{lang.L("Số, ký hiệu"), d.Number},
		{lang.L("Ngày ban hành"), formatISODate(d.Date)},
		{lang.L("Nơi ban hành"), d.Place},
		{lang.L("Cơ quan ban hành"), d.Issuer},
		{lang.L("Người ký"), signerText(d)},
	} {
		if f[1] != "" {
			objs = append(objs, field(f[0], f[1]))
		}
	}
	objs = append(objs,
		field(lang.L("Tệp"), d.FileName),
		field(lang.L("Định dạng"), formatName(d.Format)),
		field(lang.L("Số trang"), formatPages(d.Pages)),
		field(lang.L("Ngày nhập"), formatDate(d.ImportedAt)),
		field(lang.L("Dung lượng"), formatSize(d.Size)),
	)
	if enc := encodingName(d.Encoding); enc != "" {
		objs = append(objs, field(lang.L("Chuyển mã từ"), enc))
	}
	open := widget.NewButtonWithIcon(lang.L("Mở"), theme.FileTextIcon(), func() { p.onOpen(d) })
	open.Importance = widget.HighImportance
	objs = append(objs, widget.NewSeparator(), open)
	p.body.Objects = objs
	p.body.Refresh()
}

// set shows objs, describing the open document doc.
func (p *detailPanel) set(doc *store.Document, objs []fyne.CanvasObject) {
	p.doc = doc
	p.body.Objects = objs
	p.body.Refresh()
}

// heading is a panel's bold caption.
func heading(s string) fyne.CanvasObject {
	l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

// mutedText is secondary text: smaller, in the placeholder colour.
func mutedText(s string) *widget.RichText {
	return widget.NewRichText(&widget.TextSegment{Text: s, Style: widget.RichTextStyle{
		ColorName: theme.ColorNamePlaceHolder, SizeName: theme.SizeNameCaptionText, Inline: true}})
}

// setMuted replaces a mutedText's text.
func setMuted(r *widget.RichText, s string) {
	r.Segments[0].(*widget.TextSegment).Text = s
	r.Refresh()
}

// field is a caption over a value, the value wrapped.
func field(caption, value string) fyne.CanvasObject {
	c := mutedText(caption)
	v := widget.NewLabel(value)
	v.Wrapping = fyne.TextWrapWord
	return container.New(tightVBox{}, c, v)
}

// ocrBadge marks a scanned document without a text layer.
func ocrBadge() fyne.CanvasObject {
	l := widget.NewLabelWithStyle(lang.L("cần nhận dạng (OCR)"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Importance = widget.WarningImportance
	return container.NewHBox(widget.NewIcon(theme.WarningIcon()), l)
}

// tightVBox stacks objects vertically without padding, each at full width.
type tightVBox struct{}

func (tightVBox) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for i, o := range objs {
		if i > 0 {
			// labels carry their own inner padding; overlap it a little
			y -= theme.Padding() * 2
		}
		o.Resize(fyne.NewSize(size.Width, o.MinSize().Height))
		h := o.MinSize().Height // a wrapped label knows its height once it has its width
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h
	}
}

func (tightVBox) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for i, o := range objs {
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height
		if i > 0 {
			s.Height -= theme.Padding() * 2
		}
	}
	return s
}
