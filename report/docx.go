package report

import (
	"archive/zip"
	"bytes"
	"embed"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strings"
	"text/template"
	"time"
	"unicode"
)

// The DOCX is spelt from the templates in templates/docx, embedded in the
// binary: WriteDOCX decides what goes where (the view model below) and the
// templates only write it as OOXML.

//go:embed templates/docx/*.xml templates/docx/*.rels
var docxFS embed.FS

// docxTemplates holds every part; the parts are named by their file names.
var docxTemplates = template.Must(template.New("docx").
	Funcs(template.FuncMap{"x": xmlText}).
	ParseFS(docxFS, "templates/docx/*.xml", "templates/docx/*.rels"))

// docxParts maps each part of the package, in the order written, to its
// template, in Word's own order: [Content_Types].xml first and
// word/document.xml third, where tools that sniff the type look.
var docxParts = []struct{ name, tmpl string }{
	{"[Content_Types].xml", "content_types.xml"},
	{"_rels/.rels", "package.rels"},
	{"word/document.xml", "document.xml"},
	{"word/_rels/document.xml.rels", "document.xml.rels"},
	{"word/styles.xml", "styles.xml"},
	{"word/settings.xml", "settings.xml"},
	{"word/fontTable.xml", "fontTable.xml"},
	{"word/header1.xml", "header1.xml"},
	{"word/header2.xml", "header2.xml"},
	{"docProps/core.xml", "core.xml"},
	{"docProps/app.xml", "app.xml"},
}

// Page geometry in twips (1 mm = 56.7 twips): A4, margins top and bottom
// 20 mm, left 30 mm, right 15 mm, the page number 10 mm from the top.
const (
	docxPageWidth    = 11906
	docxPageHeight   = 16838
	docxMarginTop    = 1134 // 20 mm
	docxMarginBottom = 1134 // 20 mm
	docxMarginLeft   = 1701 // 30 mm
	docxMarginRight  = 851  // 15 mm
	docxHeaderDist   = 567  // 10 mm
	docxTextWidth    = docxPageWidth - docxMarginLeft - docxMarginRight

	docxFirstLine = 720 // 1.27 cm first-line indent of body paragraphs
)

// Font sizes in half-points.
const (
	sz11 = 22
	sz12 = 24
	sz13 = 26
	sz14 = 28
	sz15 = 30
)

// WriteDOCX writes r as a Word document (OOXML, .docx) that Word and
// LibreOffice open: A4 with the margins of both rules, Times New Roman
// 14 pt, the header blocks, number and date line, kind and subject, the
// body with real Word headings and tables (header row repeated on every
// page), "Nơi nhận" and the signature block, and page numbers centred at
// the top from page 2.
func WriteDOCX(w io.Writer, r *Report) error {
	if r == nil {
		return fmt.Errorf("report: no report to write")
	}
	data := docxData{
		Title:   nfcText(strings.TrimSpace(r.Kind + " " + r.Subject)),
		Subject: nfcText(r.Subject),
		Creator: nfcText(strings.TrimSpace(r.Office.Name)),
		Body:    docxBody(r),
		Page: docxPage{
			Width: docxPageWidth, Height: docxPageHeight,
			Top: docxMarginTop, Bottom: docxMarginBottom,
			Left: docxMarginLeft, Right: docxMarginRight,
			Header: docxHeaderDist, Footer: docxHeaderDist,
		},
	}
	if !r.Date.IsZero() {
		data.Created = r.Date.UTC().Format("2006-01-02T15:04:05Z")
	}

	zw := zip.NewWriter(w)
	var buf bytes.Buffer
	for _, part := range docxParts {
		buf.Reset()
		if err := docxTemplates.ExecuteTemplate(&buf, part.tmpl, data); err != nil {
			return fmt.Errorf("report: docx %s: %w", part.name, err)
		}
		// A fixed time keeps the output byte-for-byte reproducible.
		fw, err := zw.CreateHeader(&zip.FileHeader{
			Name:     part.name,
			Method:   zip.Deflate,
			Modified: time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC),
		})
		if err != nil {
			return fmt.Errorf("report: docx %s: %w", part.name, err)
		}
		if _, err := fw.Write(buf.Bytes()); err != nil {
			return fmt.Errorf("report: docx %s: %w", part.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("report: docx: %w", err)
	}
	return nil
}

// docxData is what the templates are executed with.
type docxData struct {
	Title, Subject, Creator string
	Created                 string // W3CDTF, "" when the report has no date
	Body                    []docxBlock
	Page                    docxPage
}

type docxPage struct {
	Width, Height            int
	Top, Bottom, Left, Right int
	Header, Footer           int
}

// docxBlock is one paragraph or one table of the body.
type docxBlock struct {
	Para  *docxPara
	Table *docxTable
}

type docxPara struct {
	Style     string // paragraph style id: "Heading1"
	Align     string // w:jc: "left", "center", "right", "both"
	KeepNext  bool
	KeepLines bool
	Rule      bool // a line under the paragraph (between the indents)
	DotTab    int  // a right tab with a dotted leader at this position
	Spacing   *docxSpacing
	Indent    *docxIndent
	MarkSize  int // size of the paragraph mark (empty paragraphs' height)
	Runs      []docxRun
}

type docxSpacing struct{ Before, After, Line int }

type docxIndent struct{ Left, Right, FirstLine int }

// HasProps tells the template whether the paragraph needs a w:pPr.
func (p *docxPara) HasProps() bool {
	return p.Style != "" || p.Align != "" || p.KeepNext || p.KeepLines || p.Rule ||
		p.DotTab != 0 || p.Spacing != nil || p.Indent != nil || p.MarkSize != 0
}

type docxRun struct {
	Text                    string
	Bold, Italic, Underline bool
	Size                    int  // half-points; 0 inherits
	Tab                     bool // a w:tab instead of text
	Break                   bool // a w:br instead of text
}

// HasProps tells the template whether the run needs a w:rPr.
func (r docxRun) HasProps() bool { return r.Bold || r.Italic || r.Underline || r.Size != 0 }

type docxTable struct {
	Style      string
	Width      int
	Borders    bool
	CellMargin string // left and right cell margin in twips; "" keeps the style's
	Grid       []int
	Rows       []docxRow
}

type docxRow struct {
	Header    bool // repeated at the top of every page
	CantSplit bool
	Cells     []docxCell
}

type docxCell struct {
	Width  int
	Span   int
	VAlign string
	Paras  []*docxPara
}

// docxBody lays out the whole document top to bottom.
func docxBody(r *Report) []docxBlock {
	var body []docxBlock
	para := func(p *docxPara) { body = append(body, docxBlock{Para: p}) }
	state := r.Office.IsState()

	body = append(body, docxBlock{Table: docxHeaderTable(r)})
	para(&docxPara{})

	if kind := strings.TrimSpace(r.Kind); kind != "" {
		para(&docxPara{Align: "center", KeepNext: true,
			Runs: textRuns(kind, docxRun{Bold: true, Size: sz15})})
	}
	for _, line := range splitLines(r.Subject) {
		para(&docxPara{Align: "center", KeepNext: true,
			Runs: textRuns(line, docxRun{Bold: true, Size: sz14})})
	}
	if state {
		// A short solid line under the subject, a third of the text width.
		side := docxTextWidth / 3
		para(&docxPara{Rule: true, MarkSize: 4, Indent: &docxIndent{Left: side, Right: side}})
	} else {
		para(&docxPara{Align: "center", Runs: textRuns("-----", docxRun{Size: sz14})})
	}
	para(&docxPara{Spacing: &docxSpacing{After: 120}})

	for _, b := range r.Blocks {
		switch {
		case strings.TrimSpace(b.Heading) != "":
			h := strings.TrimSpace(b.Heading)
			para(&docxPara{Style: headingStyle(h), Runs: textRuns(h, docxRun{})})
		case strings.TrimSpace(b.Paragraph) != "":
			for _, line := range splitLines(b.Paragraph) {
				para(&docxPara{Align: "both",
					Spacing: &docxSpacing{After: 120},
					Indent:  &docxIndent{FirstLine: docxFirstLine},
					Runs:    textRuns(line, docxRun{})})
			}
		case b.Table != nil:
			t := docxDataTable(b.Table)
			if t == nil {
				continue
			}
			if c := strings.TrimSpace(b.Table.Caption); c != "" {
				para(&docxPara{Align: "center", KeepNext: true,
					Spacing: &docxSpacing{Before: 120, After: 120},
					Runs:    textRuns(c, docxRun{Bold: true})})
			}
			body = append(body, docxBlock{Table: t})
			para(&docxPara{Spacing: &docxSpacing{After: 120}})
		case b.Blank > 0:
			for range b.Blank {
				para(&docxPara{DotTab: docxTextWidth,
					Spacing: &docxSpacing{Before: 120, After: 0},
					Runs:    []docxRun{{Tab: true}}})
			}
		}
	}

	para(&docxPara{})
	body = append(body, docxBlock{Table: docxClosingTable(r)})
	para(&docxPara{})
	return body
}

// docxHeaderTable is the borderless two-column table at the top of page
// 1: issuing body and number on the left, national title, motto and date
// on the right.
func docxHeaderTable(r *Report) *docxTable {
	o := r.Office
	state := o.IsState()
	leftShare := 0.47
	if state {
		leftShare = 0.38 // the national title is long
	}
	grid := splitWidth(docxTextWidth, []float64{leftShare, 1 - leftShare})
	centred := func(text string, run docxRun) *docxPara {
		return &docxPara{Align: "center", Runs: textRuns(text, run)}
	}
	rule := func(width int) *docxPara {
		// A short line under the centred line above, a third of the cell.
		side := width / 3
		return &docxPara{Rule: true, MarkSize: 4, Indent: &docxIndent{Left: side, Right: side}}
	}

	issuerSize, titleSize, mottoSize, numberSize := sz14, sz15, sz14, sz14
	if state {
		issuerSize, titleSize, mottoSize, numberSize = sz13, sz12, sz13, sz13
	}
	var left []*docxPara
	lines, bold := o.IssuerLines()
	for i, l := range lines {
		left = append(left, centred(l, docxRun{Bold: i == bold, Size: issuerSize}))
	}
	if state && bold >= 0 {
		left = append(left, rule(grid[0]))
	}
	right := []*docxPara{centred(o.NationalTitle(), docxRun{Bold: true, Underline: !state, Size: titleSize})}
	if m := o.Motto(); m != "" {
		right = append(right, centred(m, docxRun{Bold: true, Underline: true, Size: mottoSize}))
	}

	number := centred(r.NumberLine(), docxRun{Size: numberSize})
	date := centred(r.DateLine(), docxRun{Italic: true, Size: sz14})
	number.Spacing = &docxSpacing{Before: 60}
	date.Spacing = &docxSpacing{Before: 60}

	return &docxTable{
		Width: docxTextWidth, CellMargin: "0", Grid: grid,
		Rows: []docxRow{
			{CantSplit: true, Cells: []docxCell{
				{Width: grid[0], Span: 1, Paras: left},
				{Width: grid[1], Span: 1, Paras: right},
			}},
			{CantSplit: true, Cells: []docxCell{
				{Width: grid[0], Span: 1, Paras: []*docxPara{number}},
				{Width: grid[1], Span: 1, Paras: []*docxPara{date}},
			}},
		},
	}
}

// docxDataTable is a bordered Word table with widths from the column
// weights, the header row repeated on every page and rows free to break
// across pages; nil when the table has no columns and no cells.
func docxDataTable(t *Table) *docxTable {
	cols := tableColumns(t)
	if len(cols) == 0 {
		return nil
	}
	weights := make([]float64, len(cols))
	for i, c := range cols {
		weights[i] = c.Weight
	}
	grid := splitWidth(docxTextWidth, weights)
	cellPara := func(text string, run docxRun, align string) *docxPara {
		return &docxPara{Align: align, Spacing: &docxSpacing{Before: 20, After: 20}, Runs: textRuns(text, run)}
	}
	cellParas := func(text string, run docxRun, align string) []*docxPara {
		var ps []*docxPara
		for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
			ps = append(ps, cellPara(strings.TrimRight(line, " \t\r"), run, align))
		}
		return ps
	}

	out := &docxTable{Style: "TableGrid", Width: docxTextWidth, Borders: true, Grid: grid}
	head := docxRow{Header: true, CantSplit: true}
	for i, c := range cols {
		head.Cells = append(head.Cells, docxCell{Width: grid[i], Span: 1, VAlign: "center",
			Paras: cellParas(c.Title, docxRun{Bold: true, Size: sz12}, "center")})
	}
	out.Rows = append(out.Rows, head)
	for _, row := range t.Rows {
		if row.Group {
			out.Rows = append(out.Rows, docxRow{Cells: []docxCell{{
				Width: docxTextWidth, Span: len(cols),
				Paras: cellParas(strings.Join(row.Cells, " "), docxRun{Bold: true, Size: sz12}, "left"),
			}}})
			continue
		}
		cells := fitCells(row.Cells, len(cols))
		var tr docxRow
		for i, text := range cells {
			align := "left"
			if cols[i].Center {
				align = "center"
			}
			tr.Cells = append(tr.Cells, docxCell{Width: grid[i], Span: 1,
				Paras: cellParas(text, docxRun{Size: sz12}, align)})
		}
		out.Rows = append(out.Rows, tr)
	}
	return out
}

// docxClosingTable is the borderless two-column table at the end:
// "Nơi nhận" and the recipients on the left, the signature block on the
// right. It is kept on one page.
func docxClosingTable(r *Report) *docxTable {
	o := r.Office
	state := o.IsState()
	grid := splitWidth(docxTextWidth, []float64{0.45, 0.55})
	tight := func(p *docxPara) *docxPara { p.KeepNext = true; p.KeepLines = true; return p }

	label := docxRun{Underline: true, Size: sz14}
	itemSize := sz12
	if state {
		label = docxRun{Bold: true, Italic: true, Size: sz12}
		itemSize = sz11
	}
	left := []*docxPara{tight(&docxPara{Runs: textRuns(RecipientsLabel, label)})}
	for _, rc := range o.RecipientLines() {
		left = append(left, tight(&docxPara{Runs: textRuns(rc, docxRun{Size: itemSize})}))
	}

	var right []*docxPara
	lines, signer := o.SignatureLines()
	for _, l := range lines {
		right = append(right, tight(&docxPara{Align: "center", Runs: textRuns(l, docxRun{Bold: true, Size: sz14})}))
	}
	if signer != "" {
		for range 4 { // room for the signature and the seal
			right = append(right, tight(&docxPara{Align: "center"}))
		}
		right = append(right, &docxPara{Align: "center", Runs: textRuns(signer, docxRun{Bold: true, Size: sz14})})
	}
	if len(right) == 0 {
		right = []*docxPara{{}}
	}
	return &docxTable{
		Width: docxTextWidth, CellMargin: "0", Grid: grid,
		Rows: []docxRow{{CantSplit: true, Cells: []docxCell{
			{Width: grid[0], Span: 1, Paras: left},
			{Width: grid[1], Span: 1, Paras: right},
		}}},
	}
}

// headingStyle picks the Word heading level of a Heading block: headings
// in capitals ("I. TÌNH HÌNH CHUNG") are level 1, the others ("1. Công
// tác tổ chức", "a) ...") level 2.
func headingStyle(h string) string {
	hasLetter := false
	for _, c := range h {
		if unicode.IsLetter(c) {
			hasLetter = true
			if unicode.IsLower(c) {
				return "Heading2"
			}
		}
	}
	if !hasLetter {
		return "Heading2"
	}
	return "Heading1"
}

// textRuns is text as runs of the given format, NFC, with "\n" as line
// breaks inside the paragraph.
func textRuns(text string, format docxRun) []docxRun {
	var runs []docxRun
	for i, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if i > 0 {
			br := format
			br.Text, br.Break = "", true
			runs = append(runs, br)
		}
		if line == "" {
			continue
		}
		run := format
		run.Text = nfcText(line)
		runs = append(runs, run)
	}
	return runs
}

// splitLines splits a paragraph at line breaks, dropping blank lines.
func splitLines(text string) []string {
	var lines []string
	for _, l := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// tableColumns are the table's columns, made up ("" titles, weight 1)
// when the table has cells but no columns.
func tableColumns(t *Table) []Column {
	if len(t.Columns) > 0 {
		return t.Columns
	}
	n := 0
	for _, row := range t.Rows {
		if !row.Group {
			n = max(n, len(row.Cells))
		}
	}
	if n == 0 && len(t.Rows) > 0 {
		n = 1
	}
	return make([]Column, n)
}

// fitCells gives a row exactly n cells: missing cells are empty and extra
// cells are joined into the last one, so no text is lost.
func fitCells(cells []string, n int) []string {
	out := make([]string, n)
	copy(out, cells)
	if len(cells) > n && n > 0 {
		out[n-1] = strings.Join(cells[n-1:], "\n")
	}
	return out
}

// splitWidth shares total among the weights (non-positive weights count
// as the mean of the others, all of them equal when none is positive) in
// whole units that add up to total exactly.
func splitWidth(total int, weights []float64) []int {
	n := len(weights)
	if n == 0 {
		return nil
	}
	sum, pos := 0.0, 0
	for _, w := range weights {
		if w > 0 && !math.IsInf(w, 0) {
			sum += w
			pos++
		}
	}
	mean := 1.0
	if pos > 0 {
		mean = sum / float64(pos)
	}
	ws := make([]float64, n)
	sum = 0
	for i, w := range weights {
		if !(w > 0) || math.IsInf(w, 0) {
			w = mean
		}
		ws[i] = w
		sum += w
	}
	out := make([]int, n)
	used := 0
	rems := make([]float64, n)
	for i, w := range ws {
		exact := float64(total) * w / sum
		out[i] = int(math.Floor(exact))
		rems[i] = exact - float64(out[i])
		used += out[i]
	}
	// Largest remainders get the units left over.
	for ; used < total; used++ {
		best := 0
		for i := range rems {
			if rems[i] > rems[best] {
				best = i
			}
		}
		out[best]++
		rems[best] = -1
	}
	return out
}

// xmlText escapes s for XML text and attribute values; characters XML
// cannot carry become U+FFFD.
func xmlText(s string) (string, error) {
	var b strings.Builder
	if err := xml.EscapeText(&b, []byte(s)); err != nil {
		return "", err
	}
	return b.String(), nil
}
