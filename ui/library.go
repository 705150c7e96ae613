package ui

import (
	"context"
	"fmt"
	"slices"
	"sort"

	"chidao/app"
	"chidao/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// libraryColumn is one column of the library table.
type libraryColumn struct {
	title string
	sort  string  // the app.SortDocuments key
	width float32 // the fixed width, or the least width of a column sharing what is left
	share float32 // the part of the width left over by fixed columns; 0 for a fixed column
	text  func(store.Document) string
}

// i18n: keys in libraryColumns (the titles, translated where they are shown)
var libraryColumns = []libraryColumn{
	{"Loại", "kind", 88, 0, func(d store.Document) string { return orDash(d.Kind) }},
	{"Số", "number", 112, 0, func(d store.Document) string { return orDash(d.Number) }},
	{"Ngày", "date", 90, 0, func(d store.Document) string { return orDash(formatISODate(d.Date)) }},
	{"Tiêu đề", "title", 140, 0.68, docTitle},
	{"Cơ quan", "issuer", 72, 0.32, func(d store.Document) string { return orDash(d.Issuer) }},
}

// Column indexes of the library table.
const (
	colKind = iota
	colNumber
	colDate
	colTitle
	colIssuer
)

// docTitle is a document's title, or its file name when it has none.
func docTitle(d store.Document) string {
	if d.Title == "" {
		return d.FileName
	}
	return d.Title
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// The filter choices that keep every document, and those keeping the
// documents whose kind or year was not read; the Selects show them translated.
//
// i18n: keys in allKinds, allYears, unknownKind, unknownYear
const (
	allKinds    = "Tất cả loại"
	allYears    = "Tất cả năm"
	unknownKind = "(chưa rõ loại)"
	unknownYear = "(chưa rõ năm)"
)

// libraryCallbacks are how the library screen talks to the rest of the window.
type libraryCallbacks struct {
	onSelect func(store.Document) // a row was selected
	onOpen   func(store.Document) // a row was double-clicked or "Mở" pressed
	onCount  func(int)            // the number of documents changed
	onImport func()               // the empty library's "Nhập tệp…" button
	onClear  func()               // the selected row was filtered out
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
	kindSel  *widget.Select
	yearSel  *widget.Select
	empty    fyne.CanvasObject
	noMatch  fyne.CanvasObject
	tableBox *fyne.Container
	fitted   map[int]float32  // fixed columns' widths fitted to their text
	all      []store.Document // every document of the library
	docs     []store.Document // those the filters keep, in the sort order
	selected int64            // the selected document's ID, 0 for none
	sortCol  int
	sortAsc  bool
}

// newLibraryScreen builds the Văn bản screen for l. Its documents are loaded
// by reload.
func newLibraryScreen(l *app.Library, w fyne.Window, cb libraryCallbacks) *libraryScreen {
	s := &libraryScreen{l: l, cb: cb, sortCol: colDate, sortAsc: false}
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

	title := heading(lang.L("Thư viện văn bản"))
	s.count = mutedText("")
	s.openBtn = widget.NewButtonWithIcon(lang.L("Mở"), theme.FileTextIcon(), func() {
		if d, ok := s.selectedDoc(); ok {
			cb.onOpen(d)
		}
	})
	s.openBtn.Disable()
	bar := container.NewHBox(title, container.NewCenter(s.count), layout.NewSpacer(), s.openBtn)
	s.kindSel = widget.NewSelect([]string{lang.L(allKinds)}, func(string) { s.applyFilters() })
	s.kindSel.Selected = lang.L(allKinds)
	s.yearSel = widget.NewSelect([]string{lang.L(allYears)}, func(string) { s.applyFilters() })
	s.yearSel.Selected = lang.L(allYears)
	filters := container.NewHBox(widget.NewIcon(theme.SearchIcon()), mutedText(lang.L("Lọc:")), s.kindSel, s.yearSel)

	hint := widget.NewLabel(lang.L("Thư viện chưa có văn bản nào. Bấm «Nhập tệp…» hoặc kéo thả tệp, thư mục vào cửa sổ này."))
	hint.Wrapping = fyne.TextWrapWord
	hint.Alignment = fyne.TextAlignCenter
	importBtn := widget.NewButtonWithIcon(lang.L("Nhập tệp…"), theme.FileIcon(), cb.onImport)
	importBtn.Importance = widget.HighImportance
	s.empty = container.NewCenter(container.New(fixedWidth(460),
		container.NewVBox(hint, container.NewCenter(importBtn))))
	s.empty.Hide()

	noMatch := widget.NewLabel(lang.L("Không có văn bản nào khớp bộ lọc."))
	noMatch.Importance = widget.LowImportance
	clearBtn := widget.NewButton(lang.L("Bỏ lọc"), func() {
		s.kindSel.SetSelected(lang.L(allKinds))
		s.yearSel.SetSelected(lang.L(allYears))
	})
	s.noMatch = container.NewCenter(container.NewVBox(noMatch, container.NewCenter(clearBtn)))
	s.noMatch.Hide()

	s.tableBox = container.New(&shareWidth{t: s.table, fixed: s.columnWidth}, s.table)
	s.content = container.NewBorder(container.NewPadded(container.NewVBox(bar, filters)), nil, nil, nil,
		container.NewStack(s.tableBox, s.empty, s.noMatch))
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

// setDocuments shows ds, filtered and in the current sort order.
func (s *libraryScreen) setDocuments(ds []store.Document) {
	s.all = ds
	s.kindSel.Options = filterOptions(lang.L(allKinds), lang.L(unknownKind), ds, func(d store.Document) string { return d.Kind }, false)
	s.yearSel.Options = filterOptions(lang.L(allYears), lang.L(unknownYear), ds, docYear, true)
	for _, sel := range []*widget.Select{s.kindSel, s.yearSel} {
		if !slices.Contains(sel.Options, sel.Selected) {
			sel.Selected = sel.Options[0]
		}
		sel.Refresh()
	}
	if len(ds) == 0 {
		s.empty.Show()
	} else {
		s.empty.Hide()
	}
	s.fitColumns()
	s.applyFilters()
	if s.cb.onCount != nil {
		s.cb.onCount(len(ds))
	}
}

// fitColumns sizes the fixed columns (kind, number, date) to their widest
// text, within bounds, so that "Quyết định" and "09/2010/QĐ-UBND" show whole
// when they can and the title keeps the rest.
func (s *libraryScreen) fitColumns() {
	pad := 2*theme.InnerPadding() + 2
	limit := map[int]float32{colKind: 124, colNumber: 150, colDate: 110}
	s.fitted = map[int]float32{}
	for i, c := range libraryColumns {
		if c.share != 0 {
			continue
		}
		w := fyne.MeasureText(lang.L(c.title), theme.TextSize(), fyne.TextStyle{Bold: true}).Width + theme.IconInlineSize() + pad + theme.Padding()
		for _, d := range s.all {
			w = max(w, fyne.MeasureText(c.text(d), theme.TextSize(), fyne.TextStyle{}).Width+pad)
		}
		s.fitted[i] = float32(int(min(w, limit[i]) + 1))
		s.table.SetColumnWidth(i, s.fitted[i])
	}
	s.tableBox.Refresh()
}

// columnWidth is a fixed column's width.
func (s *libraryScreen) columnWidth(i int) float32 {
	if w, ok := s.fitted[i]; ok {
		return w
	}
	return libraryColumns[i].width
}

// docYear is the year a document was issued, "" when unknown.
func docYear(d store.Document) string {
	if len(d.Date) >= 4 {
		return d.Date[:4]
	}
	return ""
}

// filterOptions are a filter's choices: all, then the values present (the
// newest year first, kinds A→Z), then unknown when some document has none.
func filterOptions(all, unknown string, ds []store.Document, value func(store.Document) string, newestFirst bool) []string {
	seen := map[string]bool{}
	var vals []string
	none := false
	for _, d := range ds {
		v := value(d)
		if v == "" {
			none = true
			continue
		}
		if !seen[v] {
			seen[v] = true
			vals = append(vals, v)
		}
	}
	if newestFirst {
		sort.Sort(sort.Reverse(sort.StringSlice(vals)))
	} else {
		col := collate.New(language.Vietnamese, collate.IgnoreCase)
		col.SortStrings(vals)
	}
	out := append([]string{all}, vals...)
	if none {
		out = append(out, unknown)
	}
	return out
}

// keeps says whether a filter choice keeps a document with value v.
func keeps(choice, all, unknown, v string) bool {
	switch choice {
	case "", all:
		return true
	case unknown:
		return v == ""
	}
	return v == choice
}

// applyFilters shows the documents the kind and year filters keep.
func (s *libraryScreen) applyFilters() {
	shown := make([]store.Document, 0, len(s.all))
	for _, d := range s.all {
		if keeps(s.kindSel.Selected, lang.L(allKinds), lang.L(unknownKind), d.Kind) && keeps(s.yearSel.Selected, lang.L(allYears), lang.L(unknownYear), docYear(d)) {
			shown = append(shown, d)
		}
	}
	s.docs = shown
	sortDocuments(s.docs, libraryColumns[s.sortCol].sort, s.sortAsc)
	if len(shown) == len(s.all) {
		setMuted(s.count, fmt.Sprintf(lang.L("%d văn bản"), len(s.all)))
	} else {
		setMuted(s.count, fmt.Sprintf(lang.L("%d / %d văn bản"), len(shown), len(s.all)))
	}
	if len(shown) == 0 && len(s.all) > 0 {
		s.noMatch.Show()
	} else {
		s.noMatch.Hide()
	}
	if _, ok := s.selectedDoc(); !ok {
		if s.selected != 0 && s.cb.onClear != nil {
			s.cb.onClear()
		}
		s.selected = 0
		s.openBtn.Disable()
	}
	s.table.Refresh()
}

// sortBy sorts by column col, toggling the direction when it is already the
// sort column.
func (s *libraryScreen) sortBy(col int) {
	if col == s.sortCol {
		s.sortAsc = !s.sortAsc
	} else {
		s.sortCol, s.sortAsc = col, col != colDate // newest first, other columns A→Z
	}
	sortDocuments(s.docs, libraryColumns[s.sortCol].sort, s.sortAsc)
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
	c.set(id.Row, libraryColumns[id.Col].text(d), d.ID == s.selected)
}

func (s *libraryScreen) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	if id.Col < 0 || id.Col >= len(libraryColumns) {
		return
	}
	col := id.Col
	b.Text = lang.L(libraryColumns[col].title)
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
	fixed  func(col int) float32 // a fixed column's width
	widths map[int]float32
}

func (sw *shareWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	left := size.Width - theme.ScrollBarSize() - pad
	for i, c := range libraryColumns {
		left -= pad
		if c.share == 0 {
			left -= sw.fixed(i)
		}
	}
	if sw.widths == nil {
		sw.widths = map[int]float32{}
	}
	// In a narrow window the number column gives up some of its width to
	// the title before the table scrolls sideways.
	num := sw.fixed(colNumber)
	if comfortable := float32(300); left < comfortable {
		cut := max(0, min(comfortable-left, num-100))
		num -= cut
		left += cut
	}
	if sw.widths[colNumber] != num {
		sw.widths[colNumber] = num
		sw.t.SetColumnWidth(colNumber, num)
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
