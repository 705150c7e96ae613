package report

import (
	"fmt"
	"io"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// ReportSheet is the name of the first sheet of the XLSX: the header
// lines, kind, subject and body text. Each table gets a sheet of its own.
const ReportSheet = "Báo cáo"

// XLSX layout. Widths are in Excel's units (about one digit of the
// default font), heights in points.
const (
	xlsxTotalWidth  = 150.0 // all columns of a sheet together
	xlsxReportCols  = 8     // columns of the report sheet (A:H)
	xlsxLeftCols    = 3     // of which the left blocks (issuer, Nơi nhận)
	xlsxLineHeight  = 15.75 // one line of 12 pt Times New Roman
	xlsxMaxSheetLen = 31    // Excel's limit on sheet names
	xlsxMaxCellLen  = 32767 // Excel's limit on a cell's text
	xlsxFont        = "Times New Roman"
	xlsxCharsPerRun = 1.1 // Vietnamese letters are a little wider than a digit
)

// WriteXLSX writes r as an Excel workbook: a first sheet "Báo cáo" with
// the header lines, kind, subject and body text, then one sheet per table
// with its header row frozen and filtered, column widths from the
// weights, wrapped cells and group rows merged across the table.
func WriteXLSX(w io.Writer, r *Report) error {
	if r == nil {
		return fmt.Errorf("report: no report to write")
	}
	f := excelize.NewFile()
	defer f.Close()
	x := &xlsxWriter{f: f, r: r}
	if err := x.write(); err != nil {
		return fmt.Errorf("report: xlsx: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("report: xlsx: %w", err)
	}
	return nil
}

// xlsxWriter carries the workbook being written; the first error stops
// every later call.
type xlsxWriter struct {
	f   *excelize.File
	r   *Report
	err error
	st  map[string]int // styles by name
}

func (x *xlsxWriter) write() error {
	f, r := x.f, x.r
	x.check(f.SetDefaultFont(xlsxFont))
	x.check(f.SetSheetName(f.GetSheetName(0), ReportSheet))
	x.styles()

	var tables []*Table
	for _, b := range r.Blocks {
		if b.Table != nil && strings.TrimSpace(b.Heading) == "" && strings.TrimSpace(b.Paragraph) == "" {
			tables = append(tables, b.Table)
		}
	}
	names := xlsxSheetNames(tables)
	x.reportSheet(names)
	for i, t := range tables {
		x.tableSheet(names[i], i+1, t)
	}
	x.check(f.SetDocProps(&excelize.DocProperties{
		Title:    nfcText(strings.TrimSpace(r.Kind + " " + r.Subject)),
		Subject:  nfcText(r.Subject),
		Creator:  nfcText(strings.TrimSpace(r.Office.Name)),
		Language: "vi-VN",
	}))
	f.SetActiveSheet(0)
	return x.err
}

func (x *xlsxWriter) check(err error) {
	if x.err == nil && err != nil {
		x.err = err
	}
}

// styles makes the cell styles once.
func (x *xlsxWriter) styles() {
	font := func(size float64, bold, italic bool, underline string) *excelize.Font {
		return &excelize.Font{Family: xlsxFont, Size: size, Bold: bold, Italic: italic, Underline: underline}
	}
	align := func(h, v string, wrap bool) *excelize.Alignment {
		return &excelize.Alignment{Horizontal: h, Vertical: v, WrapText: wrap}
	}
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "top", Color: "000000", Style: 1},
		{Type: "right", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	underline := "single"
	state := x.r.Office.IsState()
	nationalUnderline := underline // Party: the title underlined; State: the motto
	if state {
		nationalUnderline = ""
	}
	recipLabel := font(13, false, false, "single")
	recipSize := 12.0
	if state {
		recipLabel, recipSize = font(12, true, true, ""), 11
	}
	defs := map[string]*excelize.Style{
		"issuer":     {Font: font(13, false, false, ""), Alignment: align("center", "center", true)},
		"issuerBold": {Font: font(13, true, false, ""), Alignment: align("center", "center", true)},
		"national":   {Font: font(13, true, false, nationalUnderline), Alignment: align("center", "center", true)},
		"motto":      {Font: font(13, true, false, underline), Alignment: align("center", "center", true)},
		"number":     {Font: font(13, false, false, ""), Alignment: align("center", "bottom", true)},
		"date":       {Font: font(13, false, true, ""), Alignment: align("center", "bottom", true)},
		"kind":       {Font: font(15, true, false, ""), Alignment: align("center", "center", true)},
		"subject":    {Font: font(13, true, false, ""), Alignment: align("center", "top", true)},
		"heading":    {Font: font(12, true, false, ""), Alignment: align("left", "top", true)},
		"para":       {Font: font(12, false, false, ""), Alignment: align("justify", "top", true)},
		"link":       {Font: &excelize.Font{Family: xlsxFont, Size: 12, Italic: true, Underline: "single", Color: "0563C1"}, Alignment: align("left", "top", true)},
		"dots":       {Font: font(12, false, false, ""), Alignment: align("left", "bottom", false)},
		"recipLabel": {Font: recipLabel, Alignment: align("left", "top", false)},
		"recip":      {Font: font(recipSize, false, false, ""), Alignment: align("left", "top", true)},
		"sign":       {Font: font(13, true, false, ""), Alignment: align("center", "top", true)},
		"caption":    {Font: font(13, true, false, ""), Alignment: align("center", "center", true)},
		"head":       {Font: font(12, true, false, ""), Alignment: align("center", "center", true), Border: border, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}}},
		"cell":       {Font: font(12, false, false, ""), Alignment: align("left", "top", true), Border: border},
		"cellCenter": {Font: font(12, false, false, ""), Alignment: align("center", "top", true), Border: border},
		"group":      {Font: font(12, true, false, ""), Alignment: align("left", "top", true), Border: border, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}},
	}
	x.st = make(map[string]int, len(defs))
	for name, def := range defs {
		id, err := x.f.NewStyle(def)
		x.check(err)
		x.st[name] = id
	}
}

// put writes text into the cells from column c1 to c2 (1-based) of row,
// merged when they are more than one, in the named style.
func (x *xlsxWriter) put(sheet string, row, c1, c2 int, text, style string) {
	if x.err != nil {
		return
	}
	from, _ := excelize.CoordinatesToCellName(c1, row)
	to, _ := excelize.CoordinatesToCellName(c2, row)
	if c2 > c1 {
		x.check(x.f.MergeCell(sheet, from, to))
	}
	if text != "" {
		x.check(x.f.SetCellStr(sheet, from, xlsxText(text)))
	}
	x.check(x.f.SetCellStyle(sheet, from, to, x.st[style]))
}

// height sets a row's height for the given number of text lines; one
// line keeps the default height.
func (x *xlsxWriter) height(sheet string, row int, lines int) {
	if x.err == nil && lines > 1 {
		x.check(x.f.SetRowHeight(sheet, row, math.Min(409, float64(lines)*xlsxLineHeight+3)))
	}
}

// reportSheet writes the first sheet: the document as a clerk reads it,
// with a link to the sheet of each table.
func (x *xlsxWriter) reportSheet(tableSheets []string) {
	f, r, s := x.f, x.r, ReportSheet
	o := r.Office
	colWidth := xlsxTotalWidth / xlsxReportCols
	x.check(f.SetColWidth(s, "A", colName(xlsxReportCols), colWidth))
	leftWidth := colWidth * xlsxLeftCols
	rightWidth := colWidth * (xlsxReportCols - xlsxLeftCols)
	fullWidth := xlsxTotalWidth
	row := 1

	// Header blocks side by side.
	issuer, bold := o.IssuerLines()
	national := []string{o.NationalTitle()}
	nationalStyle := []string{"national"}
	if m := o.Motto(); m != "" {
		national, nationalStyle = append(national, m), append(nationalStyle, "motto")
	}
	for i := range max(len(issuer), len(national)) {
		if i < len(issuer) {
			style := "issuer"
			if i == bold {
				style = "issuerBold"
			}
			x.put(s, row, 1, xlsxLeftCols, issuer[i], style)
		}
		if i < len(national) {
			x.put(s, row, xlsxLeftCols+1, xlsxReportCols, national[i], nationalStyle[i])
		}
		row++
	}
	x.put(s, row, 1, xlsxLeftCols, r.NumberLine(), "number")
	x.put(s, row, xlsxLeftCols+1, xlsxReportCols, r.DateLine(), "date")
	x.check(f.SetRowHeight(s, row, 24)) // a little space above, as on paper
	row += 2

	if kind := strings.TrimSpace(r.Kind); kind != "" {
		x.put(s, row, 1, xlsxReportCols, kind, "kind")
		x.check(f.SetRowHeight(s, row, 21))
		row++
	}
	for _, line := range splitLines(r.Subject) {
		x.put(s, row, 1, xlsxReportCols, line, "subject")
		x.height(s, row, wrappedLines(line, fullWidth))
		row++
	}
	row++

	table := 0
	for _, b := range r.Blocks {
		switch {
		case strings.TrimSpace(b.Heading) != "":
			h := strings.TrimSpace(b.Heading)
			x.put(s, row, 1, xlsxReportCols, h, "heading")
			x.height(s, row, wrappedLines(h, fullWidth))
			row++
		case strings.TrimSpace(b.Paragraph) != "":
			for _, line := range splitLines(b.Paragraph) {
				x.put(s, row, 1, xlsxReportCols, line, "para")
				x.height(s, row, wrappedLines(line, fullWidth))
				row++
			}
		case b.Table != nil:
			name := tableSheets[table]
			table++
			label := fmt.Sprintf("Bảng %d", table)
			if c := strings.TrimSpace(b.Table.Caption); c != "" {
				label = c
			}
			text := fmt.Sprintf("%s (xem trang tính “%s”)", label, name)
			x.put(s, row, 1, xlsxReportCols, text, "link")
			cell, _ := excelize.CoordinatesToCellName(1, row)
			x.check(f.SetCellHyperLink(s, cell, sheetRef(name)+"!A1", "Location"))
			x.height(s, row, wrappedLines(text, fullWidth))
			row++
		case b.Blank > 0:
			dots := strings.Repeat(".", int(fullWidth*1.8))
			for range b.Blank {
				x.put(s, row, 1, xlsxReportCols, dots, "dots")
				x.check(f.SetRowHeight(s, row, 21))
				row++
			}
		}
	}
	row++

	// Nơi nhận on the left, the signature block on the right.
	left := []string{RecipientsLabel}
	leftStyle := []string{"recipLabel"}
	for _, rc := range o.RecipientLines() {
		left, leftStyle = append(left, rc), append(leftStyle, "recip")
	}
	lines, signer := o.SignatureLines()
	right := lines
	if signer != "" {
		right = append(right, "", "", "", "", signer)
	}
	for i := range max(len(left), len(right)) {
		n := 1
		if i < len(left) {
			x.put(s, row, 1, xlsxLeftCols, left[i], leftStyle[i])
			n = wrappedLines(left[i], leftWidth)
		}
		if i < len(right) && right[i] != "" {
			x.put(s, row, xlsxLeftCols+1, xlsxReportCols, right[i], "sign")
			n = max(n, wrappedLines(right[i], rightWidth))
		}
		x.height(s, row, n)
		row++
	}

	x.pageSetup(s, "portrait")
}

// tableSheet writes one table: the caption in row 1, the header row in row
// 2 (frozen, filtered, repeated on printed pages), the rows below.
func (x *xlsxWriter) tableSheet(sheet string, n int, t *Table) {
	f := x.f
	if x.err != nil {
		return
	}
	_, err := f.NewSheet(sheet)
	x.check(err)
	cols := tableColumns(t)
	if len(cols) == 0 {
		cols = []Column{{}}
	}
	weights := make([]float64, len(cols))
	for i, c := range cols {
		weights[i] = c.Weight
	}
	// Widths in tenths of a unit, shared like the DOCX grid.
	widths := make([]float64, len(cols))
	for i, w := range splitWidth(int(xlsxTotalWidth*10), weights) {
		widths[i] = math.Max(4, float64(w)/10)
		x.check(f.SetColWidth(sheet, colName(i+1), colName(i+1), widths[i]))
	}
	last := len(cols)

	caption := strings.TrimSpace(t.Caption)
	if caption == "" {
		caption = fmt.Sprintf("Bảng %d", n)
	}
	x.put(sheet, 1, 1, last, caption, "caption")
	x.height(sheet, 1, wrappedLines(caption, xlsxTotalWidth))

	lines := 1
	for i, c := range cols {
		x.put(sheet, 2, i+1, i+1, c.Title, "head")
		lines = max(lines, cellLines(c.Title, widths[i]))
	}
	x.height(sheet, 2, lines)

	row := 3
	for _, r := range t.Rows {
		if r.Group {
			text := strings.Join(r.Cells, " ")
			x.put(sheet, row, 1, last, text, "group")
			x.height(sheet, row, cellLines(text, xlsxTotalWidth))
			row++
			continue
		}
		lines := 1
		for i, text := range fitCells(r.Cells, len(cols)) {
			style := "cell"
			if cols[i].Center {
				style = "cellCenter"
			}
			x.put(sheet, row, i+1, i+1, text, style)
			lines = max(lines, cellLines(text, widths[i]))
		}
		x.height(sheet, row, lines)
		row++
	}

	lastCell, _ := excelize.CoordinatesToCellName(last, max(2, row-1))
	// AutoFilter resets the sheet properties: set it before pageSetup.
	x.check(f.AutoFilter(sheet, "A2:"+lastCell, nil))
	x.check(f.SetPanes(sheet, &excelize.Panes{
		Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A3", ActiveCell: "A3", Pane: "bottomLeft"}},
	}))
	x.check(f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", RefersTo: sheetRef(sheet) + "!$2:$2", Scope: sheet,
	}))
	x.pageSetup(sheet, "landscape")
}

// pageSetup prints the sheet on A4, one page wide, with the margins of
// the DOCX.
func (x *xlsxWriter) pageSetup(sheet, orientation string) {
	if x.err != nil {
		return
	}
	a4, one, zero := 9, 1, 0
	fit := true
	x.check(x.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}))
	x.check(x.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: &a4, Orientation: &orientation, FitToWidth: &one, FitToHeight: &zero,
	}))
	top, bottom, left, right := 20/25.4, 20/25.4, 30/25.4, 15/25.4
	if orientation == "landscape" {
		left, right = 15/25.4, 15/25.4
	}
	x.check(x.f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Top: &top, Bottom: &bottom, Left: &left, Right: &right,
	}))
}

// xlsxSheetNames names the sheet of each table after its caption: the
// characters Excel forbids ([ ] : * ? / \) dropped, cut to 31 characters
// at a word, unique (ignoring case) and different from ReportSheet;
// "Bảng N" when nothing is left.
func xlsxSheetNames(tables []*Table) []string {
	used := map[string]bool{strings.ToLower(ReportSheet): true, "history": true}
	names := make([]string, len(tables))
	for i, t := range tables {
		name := sheetName(t.Caption)
		if name == "" {
			name = fmt.Sprintf("Bảng %d", i+1)
		}
		base := name
		for k := 2; used[strings.ToLower(name)]; k++ {
			suffix := fmt.Sprintf(" (%d)", k)
			name = cutWords(base, xlsxMaxSheetLen-utf8.RuneCountInString(suffix)) + suffix
		}
		used[strings.ToLower(name)] = true
		names[i] = name
	}
	return names
}

// sheetName is caption made a valid sheet name, "" when nothing is left.
func sheetName(caption string) string {
	s := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) || unicode.IsControl(r) || unicode.IsSpace(r) {
			return ' '
		}
		return r
	}, nfcText(caption))
	s = strings.Join(strings.Fields(s), " ")
	s = strings.Trim(s, "' ")
	if utf8.RuneCountInString(s) > xlsxMaxSheetLen {
		s = strings.Trim(cutWords(s, xlsxMaxSheetLen), "' .,;-")
	}
	return s
}

// cutWords is s cut to at most n characters, at a space when that keeps
// two thirds of them, without a trailing space.
func cutWords(s string, n int) string {
	runes := []rune(s)
	if len(runes) <= n {
		return s
	}
	cut := string(runes[:n])
	if runes[n] != ' ' {
		if i := strings.LastIndex(cut, " "); i >= 0 && utf8.RuneCountInString(cut[:i]) >= 2*n/3 {
			cut = cut[:i]
		}
	}
	return strings.TrimRight(cut, " ")
}

// cutRunes is s cut to at most n characters.
func cutRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// sheetRef quotes a sheet name for a formula or link: 'Bảng 1'.
func sheetRef(name string) string {
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}

// colName is the letter name of column n (1-based).
func colName(n int) string {
	s, _ := excelize.ColumnNumberToName(n)
	return s
}

// xlsxText is s as a cell can hold it: NFC, without the control
// characters XML cannot carry, cut to Excel's limit.
func xlsxText(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' || !unicode.IsControl(r) {
			return r
		}
		return -1
	}, nfcText(strings.ReplaceAll(s, "\r\n", "\n")))
	return cutRunes(s, xlsxMaxCellLen)
}

// wrappedLines estimates how many lines text takes wrapped in width.
func wrappedLines(text string, width float64) int {
	chars := float64(utf8.RuneCountInString(text)) * xlsxCharsPerRun
	usable := math.Max(1, width-1)
	return max(1, int(math.Ceil(chars/usable)))
}

// cellLines is wrappedLines over the lines of a cell.
func cellLines(text string, width float64) int {
	n := 0
	for _, line := range strings.Split(text, "\n") {
		n += wrappedLines(line, width)
	}
	return max(1, n)
}
