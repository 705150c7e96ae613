package ui

import (
	"context"
	"fmt"

	"chidao/app"
	"chidao/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// libraryColumn is one column of the library table.
type libraryColumn struct {
	title string
	sort  string  // the app.SortDocuments key
	width float32 // the fixed width, or the least width of a column sharing what is left
	share float32 // the part of the width left over by fixed columns; 0 for a fixed column
	text  func(store.Document) string
}

var libraryColumns = []libraryColumn{
	{"Tiêu đề", "title", 150, 0.62, func(d store.Document) string {
		if d.Title == "" {
			return d.FileName
		}
		return d.Title
	}},
	{"Tệp", "file", 100, 0.38, func(d store.Document) string { return d.FileName }},
	{"Định dạng", "format", 104, 0, func(d store.Document) string { return shortFormat(d.Format) }},
	{"Số trang", "pages", 92, 0, func(d store.Document) string { return formatPages(d.Pages) }},
	{"Ngày nhập", "imported", 104, 0, func(d store.Document) string { return formatDay(d.ImportedAt) }},
}

// libraryCallbacks are how the library screen talks to the rest of the window.
type libraryCallbacks struct {
	onSelect func(store.Document) // a row was selected
	onOpen   func(store.Document) // a row was double-clicked or "Mở" pressed
	onCount  func(int)            // the number of documents changed
	onImport func()               // the empty library's "Nhập tệp…" button
}

// libraryScreen is the Văn bản screen: every document of the library in a
// sortable table.
type libraryScreen struct {
	content fyne.CanvasObject
	l       *app.Library
	cb      libraryCallbacks

	table    *widget.Table
	count    *widget.RichText
	openBtn  *widget.Button
	empty    fyne.CanvasObject
	docs     []store.Document
	selected int64 // the selected document's ID, 0 for none
	sortCol  int
	sortAsc  bool
}

// newLibraryScreen builds the Văn bản screen for l. Its documents are loaded
// by reload.
func newLibraryScreen(l *app.Library, w fyne.Window, cb libraryCallbacks) *libraryScreen {
	s := &libraryScreen{l: l, cb: cb, sortCol: 4, sortAsc: false}
	s.table = widget.NewTable(
		func() (int, int) { return len(s.docs), len(libraryColumns) },
		func() fyne.CanvasObject { return newDocCell(s.tapRow, s.openRow) },
		s.updateCell)
	s.table.ShowHeaderRow = true
	s.table.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Alignment = widget.ButtonAlignLeading
		b.IconPlacement = widget.ButtonIconTrailingText
		b.Importance = widget.LowImportance
		return b
	}
	s.table.UpdateHeader = s.updateHeader
	for i, c := range libraryColumns {
		s.table.SetColumnWidth(i, c.width)
	}

	title := heading("Thư viện văn bản")
	s.count = mutedText("")
	s.openBtn = widget.NewButtonWithIcon("Mở", theme.FileTextIcon(), func() {
		if d, ok := s.selectedDoc(); ok {
			cb.onOpen(d)
		}
	})
	s.openBtn.Disable()
	bar := container.NewHBox(title, container.NewCenter(s.count), layout.NewSpacer(), s.openBtn)

	hint := widget.NewLabel("Thư viện chưa có văn bản nào. Bấm «Nhập tệp…» hoặc kéo thả tệp, thư mục vào cửa sổ này.")
	hint.Wrapping = fyne.TextWrapWord
	hint.Alignment = fyne.TextAlignCenter
	importBtn := widget.NewButtonWithIcon("Nhập tệp…", theme.FileIcon(), cb.onImport)
	importBtn.Importance = widget.HighImportance
	s.empty = container.NewCenter(container.New(fixedWidth(460),
		container.NewVBox(hint, container.NewCenter(importBtn))))
	s.empty.Hide()

	s.content = container.NewBorder(container.NewPadded(bar), nil, nil, nil,
		container.NewStack(container.New(&shareWidth{t: s.table}, s.table), s.empty))
	return s
}

// reload fetches the documents off the UI thread and shows them; the channel
// closes once they are shown. It may be called from any goroutine.
func (s *libraryScreen) reload() <-chan struct{} {
	done := make(chan struct{})
	go func() {
		ds, err := s.l.Documents(context.Background())
		fyne.Do(func() {
			defer close(done)
			if err != nil {
				setMuted(s.count, app.Reason(err))
				return
			}
			s.setDocuments(ds)
		})
	}()
	return done
}

// setDocuments shows ds in the current sort order.
func (s *libraryScreen) setDocuments(ds []store.Document) {
	s.docs = ds
	app.SortDocuments(s.docs, libraryColumns[s.sortCol].sort, s.sortAsc)
	setMuted(s.count, fmt.Sprintf("%d văn bản", len(ds)))
	if len(ds) == 0 {
		s.empty.Show()
	} else {
		s.empty.Hide()
	}
	if _, ok := s.selectedDoc(); !ok {
		s.selected = 0
		s.openBtn.Disable()
	}
	s.table.Refresh()
	if s.cb.onCount != nil {
		s.cb.onCount(len(ds))
	}
}

// sortBy sorts by column col, toggling the direction when it is already the
// sort column.
func (s *libraryScreen) sortBy(col int) {
	if col == s.sortCol {
		s.sortAsc = !s.sortAsc
	} else {
		s.sortCol, s.sortAsc = col, col != 4 // newest first, other columns A→Z
	}
	app.SortDocuments(s.docs, libraryColumns[s.sortCol].sort, s.sortAsc)
	s.table.Refresh()
}

func (s *libraryScreen) selectedDoc() (store.Document, bool) {
	for _, d := range s.docs {
		if d.ID == s.selected && s.selected != 0 {
			return d, true
		}
	}
	return store.Document{}, false
}

// tapRow selects a row.
func (s *libraryScreen) tapRow(row int) {
	if row < 0 || row >= len(s.docs) {
		return
	}
	d := s.docs[row]
	s.selected = d.ID
	s.openBtn.Enable()
	s.table.Refresh()
	if s.cb.onSelect != nil {
		s.cb.onSelect(d)
	}
}

// openRow opens a row's document.
func (s *libraryScreen) openRow(row int) {
	if row < 0 || row >= len(s.docs) {
		return
	}
	s.tapRow(row)
	s.cb.onOpen(s.docs[row])
}

func (s *libraryScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	c := o.(*docCell)
	if id.Row >= len(s.docs) {
		return
	}
	d := s.docs[id.Row]
	c.label.Alignment = fyne.TextAlignLeading
	if id.Col == 3 {
		c.label.Alignment = fyne.TextAlignTrailing
	}
	c.set(id.Row, libraryColumns[id.Col].text(d), d.ID == s.selected)
}

func (s *libraryScreen) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	if id.Col < 0 || id.Col >= len(libraryColumns) {
		return
	}
	col := id.Col
	b.Text = libraryColumns[col].title
	b.Icon = nil
	if col == s.sortCol {
		b.Icon = theme.MoveDownIcon()
		if s.sortAsc {
			b.Icon = theme.MoveUpIcon()
		}
	}
	b.OnTapped = func() { s.sortBy(col) }
	b.Refresh()
}

// shareWidth lays out the library table, sharing the width the fixed columns
// leave between the title and file columns.
type shareWidth struct {
	t      *widget.Table
	widths map[int]float32
}

func (sw *shareWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	left := size.Width - theme.ScrollBarSize() - pad
	for _, c := range libraryColumns {
		left -= pad
		if c.share == 0 {
			left -= c.width
		}
	}
	if sw.widths == nil {
		sw.widths = map[int]float32{}
	}
	for i, c := range libraryColumns {
		if c.share == 0 {
			continue
		}
		w := max(c.width, float32(int(left*c.share)))
		if sw.widths[i] != w {
			sw.widths[i] = w
			sw.t.SetColumnWidth(i, w)
		}
	}
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (sw *shareWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(400, 120)
}

// docCell is one cell of the library table: a truncated label on a
// background showing the selected row. A tap selects the row, a double tap
// opens it.
type docCell struct {
	widget.BaseWidget
	bg          *canvas.Rectangle
	label       *widget.Label
	row         int
	onTap       func(row int)
	onDoubleTap func(row int)
}

func newDocCell(onTap, onDoubleTap func(int)) *docCell {
	c := &docCell{bg: canvas.NewRectangle(theme.Color(theme.ColorNameSelection)), label: widget.NewLabel(""),
		onTap: onTap, onDoubleTap: onDoubleTap}
	c.label.Truncation = fyne.TextTruncateEllipsis
	c.bg.Hide()
	c.ExtendBaseWidget(c)
	return c
}

func (c *docCell) set(row int, text string, selected bool) {
	c.row = row
	c.label.SetText(text)
	c.bg.FillColor = theme.Color(theme.ColorNameSelection)
	c.bg.Hidden = !selected
	c.bg.Refresh()
}

// CreateRenderer draws the background under the label.
func (c *docCell) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(c.bg, c.label))
}

// Tapped selects the cell's row.
func (c *docCell) Tapped(*fyne.PointEvent) { c.onTap(c.row) }

// DoubleTapped opens the cell's document.
func (c *docCell) DoubleTapped(*fyne.PointEvent) { c.onDoubleTap(c.row) }
