package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"
)

// Page geometry (millimetres) and type (points) of the PDF, inside the
// ranges both rules allow: A4, margins top and bottom 20–25 mm, left
// 30–35 mm, right 15–20 mm, body 13–14 pt.
const (
	pdfPageW        = 210.0
	pdfPageH        = 297.0
	pdfMarginTop    = 20.0
	pdfMarginBottom = 20.0
	pdfMarginLeft   = 30.0
	pdfMarginRight  = 15.0
	pdfTextW        = pdfPageW - pdfMarginLeft - pdfMarginRight // 165 mm
	pdfBottom       = pdfPageH - pdfMarginBottom                // lowest y of text

	pdfBodySize    = 14.0 // pt, body text
	pdfBodySpacing = 1.2  // line height / type size
	pdfParaGap     = 6.0  // pt between paragraphs
	pdfIndent      = 10.0 // mm, first-line indent
	pdfTableSize   = 12.0 // pt, table text
	pdfTableLeader = 1.15 // line height / type size in tables
	pdfCellPadX    = 1.5  // mm, left and right inside a cell
	pdfCellPadY    = 1.0  // mm, above and below the lines of a cell
	pdfPageNumBase = 14.0 // mm from the top edge to the page number's baseline
	pdfSignSpace   = 25.0 // mm left for the handwritten signature and seal
	pdfBlankPitch  = 8.0  // mm between the dotted lines of a Blank block
	pdfHeaderShade = 235  // grey level of the table header row
)

// mmPt converts points to millimetres.
func mmPt(size float64) float64 { return size * 25.4 / 72 }

// PDFBytes returns the report as a PDF document.
func PDFBytes(r *Report) ([]byte, error) {
	var b bytes.Buffer
	if err := WritePDF(&b, r); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// WritePDF writes the report as an A4 PDF laid out as the office's own
// documents are (Hướng dẫn 36-HD/VPTW or Nghị định 30/2020/NĐ-CP): header
// blocks, number and date, kind and subject, body, tables whose header row
// repeats on every page, recipients and signature block, page numbers
// centred at the top from page 2. Liberation Serif (Times New Roman
// metrics) is embedded, so the file prints the same everywhere.
func WritePDF(w io.Writer, r *Report) error {
	if r == nil {
		return errors.New("report: no report to write")
	}
	d := newPDFDoc(r)
	d.firstPage()
	c := d.layoutClosing()
	for i, b := range r.Blocks {
		tail, next := 0.0, c.height
		if i == len(r.Blocks)-1 {
			tail = c.height
		} else {
			next = d.lead(r.Blocks[i+1])
		}
		d.block(b, tail, next)
	}
	d.closing(c)
	if err := d.f.Output(w); err != nil {
		return fmt.Errorf("report: write PDF: %w", err)
	}
	return nil
}

// pdfDoc places a report on pages. It breaks pages itself (fpdf's automatic
// break is off) so that table rows, headings and the closing are kept
// together or split where the rules allow.
type pdfDoc struct {
	f     *fpdf.Fpdf
	r     *Report
	state bool
	y     float64 // top of the next line, mm from the top edge
	// onPage draws what repeats at the top of each new page: the header row
	// of the table being drawn.
	onPage func()
	tables map[*Table]*pdfTable // tables broken into lines
}

func newPDFDoc(r *Report) *pdfDoc {
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: "A4"})
	d := &pdfDoc{f: f, r: r, state: r.Office.IsState()}
	for _, ft := range pdfFonts {
		f.AddUTF8FontFromBytes(pdfFontFamily, ft.Style, ft.TTF)
	}
	f.SetMargins(pdfMarginLeft, pdfMarginTop, pdfMarginRight)
	f.SetAutoPageBreak(false, pdfMarginBottom)
	f.SetCellMargin(0)
	f.SetCompression(true)
	f.SetLang("vi-VN")
	oneLine := func(s string) string { return strings.Join(strings.Fields(pdfText(s)), " ") }
	f.SetTitle(oneLine(d.kind()+" "+r.Subject), true)
	f.SetSubject(oneLine(r.Subject), true)
	f.SetAuthor(oneLine(r.Office.Name), true)
	f.SetCreator("chidao", true)
	f.SetDrawColor(0, 0, 0)
	f.SetLineWidth(0.2)
	f.SetHeaderFunc(d.pageNumber)
	f.AddPage()
	d.y = pdfMarginTop
	return d
}

// kind is the document kind in capitals, "BÁO CÁO" when not set.
func (d *pdfDoc) kind() string {
	if k := strings.TrimSpace(d.r.Kind); k != "" {
		return strings.ToUpper(k)
	}
	return "BÁO CÁO"
}

// pageNumber prints the page number centred in the top margin from page 2
// on (14 pt for Party documents, 13 pt for State ones).
func (d *pdfDoc) pageNumber() {
	n := d.f.PageNo()
	if n <= 1 {
		return
	}
	size := 14.0
	if d.state {
		size = 13
	}
	d.font("", size)
	s := strconv.Itoa(n)
	d.f.Text(pdfMarginLeft+(pdfTextW-d.f.GetStringWidth(s))/2, pdfPageNumBase, s)
}

func (d *pdfDoc) font(style string, size float64) {
	d.f.SetFont(pdfFontFamily, style, size)
}

func (d *pdfDoc) width(s string) float64 { return d.f.GetStringWidth(s) }

// wrap breaks s in the current font.
func (d *pdfDoc) wrap(s string, first, rest float64) []string {
	return wrapWords(s, first, rest, d.f.GetStringWidth)
}

// newPage starts a page and draws what repeats on it.
func (d *pdfDoc) newPage() {
	d.f.AddPage()
	d.y = pdfMarginTop
	if d.onPage != nil {
		d.onPage()
	}
}

// room reports whether h mm still fit on the page.
func (d *pdfDoc) room(h float64) bool { return d.y+h <= pdfBottom+1e-6 }

// ensure starts a new page unless h mm fit on this one.
func (d *pdfDoc) ensure(h float64) {
	if !d.room(h) {
		d.newPage()
	}
}

// line prints one line of text in the current font with its top at y, in
// the box [x, x+w] of height h: align 'L', 'C', 'R' or 'J' (justified; a
// line without spaces is set left).
func (d *pdfDoc) line(x, y, w, h float64, s string, align byte) {
	if s == "" {
		return
	}
	if align == 'J' && strings.Contains(s, " ") {
		d.f.SetXY(x, y)
		d.f.CellFormat(w, h, s, "", 0, "J", false, 0, "")
		return
	}
	switch align {
	case 'C':
		x += (w - d.width(s)) / 2
	case 'R':
		x += w - d.width(s)
	}
	_, size := d.f.GetFontSize()
	// the baseline fpdf's CellFormat uses, so all lines sit alike
	d.f.Text(x, y+h/2+0.3*size, s)
}

// centred prints lines centred in [x, x+w] from d.y on, lh apart.
func (d *pdfDoc) centred(x, w, lh float64, lines []string) {
	for _, s := range lines {
		d.ensure(lh)
		d.line(x, d.y, w, lh, s, 'C')
		d.y += lh
	}
}

// rule draws a horizontal line of length l centred on cx at y.
func (d *pdfDoc) rule(cx, y, l float64) {
	d.f.SetLineWidth(0.3)
	d.f.Line(cx-l/2, y, cx+l/2, y)
	d.f.SetLineWidth(0.2)
}

// firstPage prints the header blocks, the number and date line, the kind
// and the subject.
func (d *pdfDoc) firstPage() {
	r := d.r
	o := r.Office

	// Sizes: Party (HD 36) issuer 14, national title 15 bold underlined;
	// State (NĐ 30) issuer 13, national title 13 bold, motto 14 bold.
	issuerSize, titleSize, titleStyle, numberSize := 14.0, 15.0, "BU", 14.0
	if d.state {
		issuerSize, titleSize, titleStyle, numberSize = 13, 13, "B", 13
	}
	const dateSize = 14.0
	title := o.NationalTitle()
	motto := o.Motto()
	date := pdfText(r.DateLine())
	number := pdfText(r.NumberLine())

	// The right block is as wide as its widest line plus some air, the
	// left block (the issuer) takes the rest.
	d.font("B", titleSize)
	rw := d.width(title)
	if motto != "" {
		d.font("B", 14)
		rw = max(rw, d.width(motto))
	}
	d.font("I", dateSize)
	rw = min(max(rw+8, d.width(date)+4), pdfTextW*0.62)
	lw := pdfTextW - rw
	lx, rx := pdfMarginLeft, pdfMarginLeft+lw
	top := d.y

	// Left: parent body (regular), issuing body (bold), then "*" (Party) or
	// a short rule (State).
	issuer, bold := o.IssuerLines()
	lh := mmPt(issuerSize * 1.15)
	for i, s := range issuer {
		style := ""
		if i == bold {
			style = "B"
		}
		d.font(style, issuerSize)
		lines := d.wrap(strings.ToUpper(pdfText(s)), lw-4, lw-4)
		d.centred(lx, lw, lh, lines)
		if i == bold && d.state {
			widest := 0.0
			for _, l := range lines {
				widest = max(widest, d.width(l))
			}
			d.rule(lx+lw/2, d.y+0.6, max(widest*0.4, 15))
			d.y += 1.5
		}
	}
	leftEnd := d.y

	// Right: national title, and for State bodies the motto with a rule
	// as long as the motto.
	d.y = top
	d.font(titleStyle, titleSize)
	d.centred(rx, rw, mmPt(titleSize*1.15), d.wrap(title, rw, rw))
	if motto != "" {
		d.font("B", 14)
		d.centred(rx, rw, mmPt(14*1.15), d.wrap(motto, rw, rw))
		d.rule(rx+rw/2, d.y+0.6, d.width(motto))
		d.y += 1.5
	}
	d.y = max(d.y, leftEnd) + 2

	// Number (left) and place and date (right, italic) on one line.
	d.font("", numberSize)
	d.line(lx, d.y, lw, mmPt(dateSize*1.2), number, 'C')
	d.font("I", dateSize)
	if d.width(date) <= rw {
		d.line(rx, d.y, rw, mmPt(dateSize*1.2), date, 'C')
	} else {
		d.line(rx, d.y, rw, mmPt(dateSize*1.2), date, 'R')
	}
	d.y += mmPt(dateSize*1.2) + 8

	// Kind and subject, bold and centred; under them five dashes (Party)
	// or a short rule (State).
	kindSize := 15.0
	if d.state {
		kindSize = 14
	}
	d.font("B", kindSize)
	d.centred(pdfMarginLeft, pdfTextW, mmPt(kindSize*1.2), d.wrap(pdfText(d.kind()), pdfTextW, pdfTextW))
	d.font("B", pdfBodySize)
	subject := d.wrap(pdfText(r.Subject), pdfTextW-30, pdfTextW-30)
	d.centred(pdfMarginLeft, pdfTextW, mmPt(pdfBodySize*1.2), subject)
	if d.state {
		widest := 0.0
		for _, l := range subject {
			widest = max(widest, d.width(l))
		}
		d.rule(pdfMarginLeft+pdfTextW/2, d.y+0.8, max(widest/3, 25))
		d.y += 2
	} else {
		d.font("", pdfBodySize)
		d.centred(pdfMarginLeft, pdfTextW, mmPt(pdfBodySize*1.2), []string{"-----"})
	}
	d.y += 5
}

// block prints one body block. tail is the height of what must follow
// the block's last paragraph on its page (the closing, after the last
// block), 0 for none; next is the least height of the next block, which a
// heading alone in its block stays with.
func (d *pdfDoc) block(b Block, tail, next float64) {
	if h := strings.TrimSpace(b.Heading); h != "" {
		lead := next
		if b.Paragraph != "" || b.Table != nil || b.Blank > 0 {
			lead = d.lead(Block{Paragraph: b.Paragraph, Table: b.Table, Blank: b.Blank})
		}
		d.heading(pdfText(h), lead)
	}
	if b.Table != nil || b.Blank > 0 {
		tail = 0
	}
	if p := strings.TrimSpace(b.Paragraph); p != "" {
		var parts []string
		for part := range strings.SplitSeq(pdfText(p), "\n") {
			if strings.TrimSpace(part) != "" {
				parts = append(parts, part)
			}
		}
		for i, part := range parts {
			if i == len(parts)-1 {
				d.paragraph(part, tail)
			} else {
				d.paragraph(part, 0)
			}
		}
	}
	if b.Table != nil {
		d.table(b.Table)
	}
	if b.Blank > 0 {
		d.blank(b.Blank)
	}
}

// lead is the least height of the start of block b that a heading before
// it stays with: two lines of a paragraph, a table's caption, header row
// and first row, a dotted line.
func (d *pdfDoc) lead(b Block) float64 {
	switch {
	case strings.TrimSpace(b.Heading) != "" || strings.TrimSpace(b.Paragraph) != "":
		return 2 * bodyLine()
	case b.Table != nil:
		if pt := d.layoutTable(b.Table); pt != nil {
			return pt.start()
		}
	case b.Blank > 0:
		return pdfBlankPitch
	}
	return 0
}

// bodyLine is the height of a body line.
func bodyLine() float64 { return mmPt(pdfBodySize * pdfBodySpacing) }

// heading prints a bold heading indented like a paragraph, kept on the
// page with the first lead mm of what follows.
func (d *pdfDoc) heading(s string, lead float64) {
	d.font("B", pdfBodySize)
	lh := bodyLine()
	lines := d.wrap(s, pdfTextW-pdfIndent, pdfTextW)
	if need := float64(len(lines))*lh + mmPt(pdfParaGap) + lead; need < pdfBottom-pdfMarginTop {
		d.ensure(need)
	}
	for i, l := range lines {
		d.ensure(lh)
		x := pdfMarginLeft
		if i == 0 {
			x += pdfIndent
		}
		d.line(x, d.y, pdfMarginLeft+pdfTextW-x, lh, l, 'L')
		d.y += lh
	}
	d.y += mmPt(pdfParaGap)
}

// paragraph prints a justified paragraph with a first-line indent. It
// leaves neither its first line alone at the bottom of a page nor its last
// line alone at the top of the next (a paragraph of up to three lines is
// kept whole). When tail > 0 (the closing follows), the last two lines go
// to the next page with it rather than leave the signature alone on a page.
func (d *pdfDoc) paragraph(s string, tail float64) {
	d.font("", pdfBodySize)
	lh := bodyLine()
	lines := d.wrap(s, pdfTextW-pdfIndent, pdfTextW)
	n := len(lines)
	if n <= 3 {
		d.ensure(float64(n) * lh)
	} else {
		d.ensure(2 * lh)
	}
	keep := n - 2 // first of the last two lines
	for i, l := range lines {
		if i == keep && i >= 2 && !d.room(2*lh) {
			d.newPage() // no widow
		}
		if tail > 0 && i == max(0, keep) {
			rest := float64(n-i)*lh + mmPt(pdfParaGap) + tail
			if !d.room(rest) && rest <= pdfBottom-pdfMarginTop {
				d.newPage()
			}
		}
		d.ensure(lh)
		x := pdfMarginLeft
		if i == 0 {
			x += pdfIndent
		}
		align := byte('J')
		if i == len(lines)-1 {
			align = 'L'
		}
		d.line(x, d.y, pdfMarginLeft+pdfTextW-x, lh, l, align)
		d.y += lh
	}
	d.y += mmPt(pdfParaGap)
}

// blank draws n dotted lines across the text width for the clerk to write
// on by hand.
func (d *pdfDoc) blank(n int) {
	d.f.SetLineCapStyle("round")
	d.f.SetLineWidth(0.35)
	for range n {
		d.ensure(pdfBlankPitch)
		y := d.y + pdfBlankPitch - 1.5
		d.f.SetDashPattern([]float64{0.01, 1.4}, 0)
		d.f.Line(pdfMarginLeft, y, pdfMarginLeft+pdfTextW, y)
		d.f.SetDashPattern(nil, 0)
		d.y += pdfBlankPitch
	}
	d.f.SetLineCapStyle("butt")
	d.f.SetLineWidth(0.2)
	d.y += mmPt(pdfParaGap)
}

// pdfRow is a table row broken into lines: one slice of lines per column,
// or a single one across the table for a group row.
type pdfRow struct {
	cells [][]string
	group bool
	n     int // lines in the tallest cell, at least 1
}

// pdfTable is a table broken into lines and measured, ready to be placed.
type pdfTable struct {
	cols     []Column
	widths   []float64  // mm
	caption  []string   // lines of the caption, bold 13 pt
	head     [][]string // lines of each column title
	hn       int        // lines of the tallest title
	rows     []pdfRow
	headH    float64 // height of the header row, mm
	pageRoom float64 // height left for rows on a fresh page, mm
}

// Table line metrics (mm).
var (
	pdfTableLH   = mmPt(pdfTableSize * pdfTableLeader)
	pdfCaptionLH = mmPt(13 * 1.2)
)

// rowH is the height of a row part of n lines.
func (*pdfTable) rowH(n int) float64 { return float64(n)*pdfTableLH + 2*pdfCellPadY }

// lead is the height that must follow the header row or a group row on
// its page: row k whole, or its first two lines when it is taller than a
// page and will be split anyway; a group row brings the row after it too.
func (t *pdfTable) lead(k int) float64 {
	if k >= len(t.rows) {
		return 0
	}
	h := t.rowH(t.rows[k].n)
	if h > t.pageRoom {
		h = t.rowH(2)
	}
	if t.rows[k].group {
		h += t.lead(k + 1)
	}
	return min(h, t.pageRoom)
}

// start is the height of the caption, the header row and the first row
// (or its first lines), which stay together.
func (t *pdfTable) start() float64 {
	h := t.headH + t.lead(0)
	if len(t.caption) > 0 {
		h += float64(len(t.caption))*pdfCaptionLH + 1
	}
	return h
}

// layoutTable breaks t into lines: columns in proportion to their
// weights, every cell wrapped to its column. The result is kept, as a
// heading before the table measures it too. It returns nil for a table
// without columns or cells.
func (d *pdfDoc) layoutTable(t *Table) *pdfTable {
	if pt, ok := d.tables[t]; ok {
		return pt
	}
	pt := d.breakTable(t)
	if d.tables == nil {
		d.tables = map[*Table]*pdfTable{}
	}
	d.tables[t] = pt
	return pt
}

func (d *pdfDoc) breakTable(t *Table) *pdfTable {
	cols := t.Columns
	if len(cols) == 0 {
		n := 0
		for _, r := range t.Rows {
			n = max(n, len(r.Cells))
		}
		if n == 0 {
			return nil
		}
		cols = make([]Column, n)
	}
	pt := &pdfTable{cols: cols, widths: make([]float64, len(cols))}
	total := 0.0
	for _, c := range cols {
		total += pdfWeight(c)
	}
	for i, c := range cols {
		pt.widths[i] = pdfTextW * pdfWeight(c) / total
	}

	if c := strings.TrimSpace(t.Caption); c != "" {
		d.font("B", 13)
		pt.caption = d.wrap(pdfText(c), pdfTextW, pdfTextW)
	}

	// Header row: bold, centred.
	pt.head = make([][]string, len(cols))
	pt.hn = 1
	for i, c := range cols {
		in := pt.widths[i] - 2*pdfCellPadX
		pt.head[i] = d.wrap(pdfText(c.Title), in, in)
		pt.hn = max(pt.hn, len(pt.head[i]))
	}
	pt.headH = pt.rowH(pt.hn)
	pt.pageRoom = pdfBottom - pdfMarginTop - pt.headH

	// Body rows; group rows (bold) in a second pass, to switch fonts once.
	pt.rows = make([]pdfRow, len(t.Rows))
	d.font("", pdfTableSize)
	for k, r := range t.Rows {
		if r.Group {
			continue
		}
		cells := make([][]string, len(cols))
		n := 1
		for i := range cols {
			text := ""
			switch {
			case i < len(r.Cells) && i == len(cols)-1:
				// extra cells, if any, go to the last column rather than
				// being lost
				text = strings.Join(r.Cells[i:], "\n")
			case i < len(r.Cells):
				text = r.Cells[i]
			}
			in := pt.widths[i] - 2*pdfCellPadX
			cells[i] = d.wrap(pdfText(text), in, in)
			n = max(n, len(cells[i]))
		}
		pt.rows[k] = pdfRow{cells: cells, n: n}
	}
	d.font("B", pdfTableSize)
	for k, r := range t.Rows {
		if !r.Group {
			continue
		}
		in := pdfTextW - 2*pdfCellPadX
		lines := d.wrap(pdfText(strings.Join(r.Cells, " ")), in, in)
		pt.rows[k] = pdfRow{cells: [][]string{lines}, group: true, n: max(1, len(lines))}
	}
	return pt
}

// table prints a table across the text width: columns in proportion to
// their weights, a bold shaded header row repeated at the top of every page
// the table continues on, cells wrapped to their column. A row that does
// not fit on the rest of the page goes to the next one; a row taller than
// a page is split between lines. A group row stays with the row under it,
// the caption and header row with the first row.
func (d *pdfDoc) table(t *Table) {
	pt := d.layoutTable(t)
	if pt == nil {
		return
	}
	lh := pdfTableLH
	if need := pt.start(); need < pdfBottom-pdfMarginTop {
		d.ensure(need)
	}
	if len(pt.caption) > 0 {
		d.font("B", 13)
		d.centred(pdfMarginLeft, pdfTextW, pdfCaptionLH, pt.caption)
		d.y++
	}

	drawHeader := func() {
		x := pdfMarginLeft
		d.font("B", pdfTableSize)
		d.f.SetFillColor(pdfHeaderShade, pdfHeaderShade, pdfHeaderShade)
		for i, w := range pt.widths {
			d.f.Rect(x, d.y, w, pt.headH, "FD")
			y := d.y + pdfCellPadY + float64(pt.hn-len(pt.head[i]))*lh/2
			for _, l := range pt.head[i] {
				d.line(x+pdfCellPadX, y, w-2*pdfCellPadX, lh, l, 'C')
				y += lh
			}
			x += w
		}
		d.y += pt.headH
	}
	drawHeader()
	d.onPage = drawHeader
	defer func() { d.onPage = nil }()

	// drawRow prints lines [from, to) of row r at d.y.
	drawRow := func(r *pdfRow, from, to int) {
		h := pt.rowH(to - from)
		if r.group {
			d.font("B", pdfTableSize)
			d.f.Rect(pdfMarginLeft, d.y, pdfTextW, h, "D")
			for i := from; i < to && i < len(r.cells[0]); i++ {
				d.line(pdfMarginLeft+pdfCellPadX, d.y+pdfCellPadY+float64(i-from)*lh,
					pdfTextW-2*pdfCellPadX, lh, r.cells[0][i], 'L')
			}
			d.y += h
			return
		}
		d.font("", pdfTableSize)
		x := pdfMarginLeft
		for c, w := range pt.widths {
			d.f.Rect(x, d.y, w, h, "D")
			align := byte('L')
			if pt.cols[c].Center {
				align = 'C'
			}
			for i := from; i < to && i < len(r.cells[c]); i++ {
				d.line(x+pdfCellPadX, d.y+pdfCellPadY+float64(i-from)*lh,
					w-2*pdfCellPadX, lh, r.cells[c][i], align)
			}
			x += w
		}
		d.y += h
	}

	fresh := pdfMarginTop + pt.headH + 1e-6 // d.y at the top of a page
	for k := range pt.rows {
		r := &pt.rows[k]
		h := pt.rowH(r.n)
		if r.group && !d.room(pt.lead(k)) && d.y > fresh {
			d.newPage() // a group row stays with the row under it
		}
		if d.room(h) {
			drawRow(r, 0, r.n)
			continue
		}
		if h <= pt.pageRoom+1e-6 {
			d.newPage()
			drawRow(r, 0, r.n)
			continue
		}
		// Taller than a page: split between lines, starting here when at
		// least two lines fit.
		for from := 0; from < r.n; {
			fit := int((pdfBottom - d.y - 2*pdfCellPadY + 1e-6) / lh)
			if fit < min(2, r.n-from) && d.y > fresh {
				d.newPage()
				continue
			}
			fit = max(1, min(fit, r.n-from))
			drawRow(r, from, from+fit)
			from += fit
			if from < r.n {
				d.newPage()
			}
		}
	}
	d.y += mmPt(pdfParaGap)
}

// pdfWeight is a column's share of the width; unset or negative weights
// count as 1.
func pdfWeight(c Column) float64 {
	if c.Weight > 0 {
		return c.Weight
	}
	return 1
}

// pdfClosing is the closing laid out: recipients on the left, signature
// block on the right.
type pdfClosing struct {
	recipients   []pdfRecipientLine
	sign, signer []string
	left, right  float64 // heights of the two columns, mm
	height       float64 // space needed above and for the closing, mm
}

// pdfRecipientLine is a line of the "Nơi nhận" list; cont marks the
// continuation of a long recipient, indented past "- ".
type pdfRecipientLine struct {
	text string
	cont bool
}

// Closing geometry: the left column takes 45 % of the text width.
const pdfClosingLeft = 0.45

// closingSizes are the type sizes of the closing: Party (HD 36) "Nơi
// nhận:" 14 underlined, recipients 12; State (NĐ 30) "Nơi nhận:" 12 bold
// italic, recipients 11. The signature block is 14 bold in both.
func (d *pdfDoc) closingSizes() (labelSize float64, labelStyle string, recSize, signSize float64) {
	if d.state {
		return 12, "BI", 11, 14
	}
	return 14, "U", 12, 14
}

// layoutClosing breaks the closing into lines and measures it.
func (d *pdfDoc) layoutClosing() *pdfClosing {
	o := d.r.Office
	lw := pdfTextW * pdfClosingLeft
	rw := pdfTextW - lw
	labelSize, _, recSize, signSize := d.closingSizes()
	c := &pdfClosing{}
	d.font("", recSize)
	dash := d.width("- ")
	for _, rc := range o.RecipientLines() {
		for i, l := range d.wrap(pdfText(rc), lw-2, lw-2-dash) {
			c.recipients = append(c.recipients, pdfRecipientLine{l, i > 0})
		}
	}
	c.left = mmPt(labelSize*1.2) + float64(len(c.recipients))*mmPt(recSize*1.15)

	lines, signer := o.SignatureLines()
	d.font("B", signSize)
	for _, s := range lines {
		c.sign = append(c.sign, d.wrap(strings.ToUpper(pdfText(s)), rw-4, rw-4)...)
	}
	if signer != "" {
		c.signer = d.wrap(pdfText(signer), rw-4, rw-4)
	}
	c.right = float64(len(c.sign)+len(c.signer))*mmPt(signSize*1.2) + pdfSignSpace
	c.height = mmPt(pdfParaGap) + max(c.left, c.right)
	return c
}

// closing prints "Nơi nhận:" and the recipients on the left and the
// signature block on the right, together on one page.
func (d *pdfDoc) closing(c *pdfClosing) {
	lw := pdfTextW * pdfClosingLeft
	rw := pdfTextW - lw
	lx, rx := pdfMarginLeft, pdfMarginLeft+lw
	labelSize, labelStyle, recSize, signSize := d.closingSizes()
	labelLH, recLH, signLH := mmPt(labelSize*1.2), mmPt(recSize*1.15), mmPt(signSize*1.2)

	d.y += mmPt(pdfParaGap)
	if need := max(c.left, c.right); !d.room(need) && need <= pdfBottom-pdfMarginTop {
		d.newPage()
	}
	top := d.y

	// Right: authority, title, room for the signature, signer.
	d.font("B", signSize)
	d.centred(rx, rw, signLH, c.sign)
	d.y += pdfSignSpace
	d.centred(rx, rw, signLH, c.signer)
	bottom := d.y

	// Left: recipients; a list longer than a page (rare) runs on.
	d.y = top
	d.font(labelStyle, labelSize)
	d.line(lx, d.y, lw, labelLH, RecipientsLabel, 'L')
	d.y += labelLH
	d.font("", recSize)
	dash := d.width("- ")
	for _, l := range c.recipients {
		d.ensure(recLH)
		x := lx
		if l.cont {
			x += dash
		}
		d.line(x, d.y, lw, recLH, l.text, 'L')
		d.y += recLH
	}
	d.y = max(d.y, bottom)
}
