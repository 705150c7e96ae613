package report

import (
	"html"
	"image"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/gen2brain/go-fitz"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"
)

// ---- sample reports ----

var sampleWords = strings.Fields(`cấp ủy chính quyền đoàn thể tổ chức thực hiện nghị quyết kết luận
chỉ thị kế hoạch của Ban Thường vụ Tỉnh ủy về sắp xếp tổ chức bộ máy tinh gọn hoạt động hiệu lực
hiệu quả đội ngũ cán bộ công chức viên chức chuyển đổi số cải cách hành chính kiểm tra giám sát
kỷ luật đảng phòng chống tham nhũng lãng phí tiêu cực xây dựng chỉnh đốn Đảng quốc phòng an ninh
phát triển kinh tế xã hội giảm nghèo bền vững nông thôn mới đô thị văn minh Sở Nội vụ Ủy ban
nhân dân huyện Phú Quốc Hà Tiên Rạch Giá đã hoàn thành đang triển khai chưa thực hiện đúng hạn
quá hạn báo cáo định kỳ hằng quý sáu tháng đầu năm tổng hợp kết quả đề xuất kiến nghị giải pháp
(Quyết định số 1234/QĐ-UBND) 15/01/2026 100% 3.250 “đúng tiến độ” khẩn;`)

// sampleSentence returns a sentence of n words of report-like Vietnamese.
func sampleSentence(rng *rand.Rand, n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = sampleWords[rng.IntN(len(sampleWords))]
	}
	r, size := utf8.DecodeRuneInString(w[0])
	w[0] = string(unicode.ToUpper(r)) + w[0][size:]
	return strings.Join(w, " ") + "."
}

// sampleChars returns sentences of at least n characters in all.
func sampleChars(rng *rand.Rand, n int) string {
	var b strings.Builder
	for utf8.RuneCountInString(b.String()) < n {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(sampleSentence(rng, 8+rng.IntN(10)))
	}
	return b.String()
}

// longToken is a 200-character word without a space or a break point.
func longToken() string {
	r := []rune(strings.Repeat("HồsơĐiệntửTỉnhủyKiênGiangLưutrữ", 10))
	return string(r[:200])
}

// sampleOffice is a provincial Party committee or a State department.
func sampleOffice(format Format) Office {
	if format == State {
		return Office{
			Format: State, Parent: "Ủy ban nhân dân tỉnh Kiên Giang", Name: "Sở Nội vụ", Code: "SNV",
			Place: "Kiên Giang", Title: "Giám đốc", Signer: "Trần Thị Bình",
			Recipients: []string{"UBND tỉnh (để báo cáo);", "Các sở, ban, ngành tỉnh;", "UBND các huyện, thành phố;"},
		}
	}
	return Office{
		Format: Party, Parent: "Đảng bộ tỉnh Kiên Giang", Name: "Tỉnh ủy", Code: "TU",
		Place: "Kiên Giang", Authority: "T/M Ban Thường vụ", Title: "Phó Bí thư Thường trực",
		Signer: "Nguyễn Văn An",
		Recipients: []string{"Ban Bí thư (để báo cáo),", "Văn phòng Trung ương Đảng,",
			"Các đồng chí Tỉnh ủy viên,",
			"Các ban, đảng đoàn, ban cán sự đảng, đảng ủy trực thuộc Tỉnh ủy,"},
	}
}

// sampleReport is a follow-up report with a table of rows tasks under
// three group rows. With bench false the notes vary: most are 120–180
// characters, every seventh is 600+ characters with a second line, row 18
// holds a 200-character unbroken token and row 41 a note taller than a
// page. With bench true every note is about 300 characters.
func sampleReport(format Format, rows int, bench bool) *Report {
	rng := rand.New(rand.NewPCG(7, 11))
	t := &Table{Caption: "Biểu 1. Kết quả thực hiện các nhiệm vụ", Columns: []Column{
		{Title: "TT", Weight: 0.55, Center: true},
		{Title: "Nhiệm vụ", Weight: 3},
		{Title: "Cơ quan chủ trì", Weight: 1.6},
		{Title: "Thời hạn", Weight: 1.25, Center: true},
		{Title: "Tình hình thực hiện, ghi chú", Weight: 3.4},
	}}
	groups := []string{"A. CÁC NHIỆM VỤ ĐÃ HOÀN THÀNH", "B. CÁC NHIỆM VỤ ĐANG THỰC HIỆN",
		"C. CÁC NHIỆM VỤ QUÁ HẠN, CHƯA THỰC HIỆN"}
	per := (rows + len(groups) - 1) / len(groups)
	for i := range rows {
		if i%per == 0 {
			t.Rows = append(t.Rows, Row{Group: true, Cells: []string{groups[i/per]}})
		}
		var note string
		switch {
		case bench:
			note = sampleChars(rng, 280+rng.IntN(30))
		case i%7 == 3:
			note = sampleChars(rng, 620) + "\nGhi chú: " + sampleChars(rng, 120)
		case i == 17:
			note = "Hồ sơ lưu tại " + longToken() + " và bản giấy tại Văn phòng."
		case i == 40:
			note = sampleChars(rng, 4500) // taller than a page
		default:
			note = sampleChars(rng, 120+rng.IntN(60))
		}
		due := time.Date(2026, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC)
		t.Rows = append(t.Rows, Row{Cells: []string{
			strconv.Itoa(i + 1),
			sampleSentence(rng, 12+rng.IntN(30)),
			[]string{"Ban Tổ chức Tỉnh ủy", "Sở Nội vụ", "UBND huyện Phú Quốc", "Văn phòng Tỉnh ủy"}[i%4],
			due.Format("02/01/2006"),
			note,
		}})
	}
	return &Report{
		Office: sampleOffice(format), Year: 2026, Kind: "Báo cáo",
		Subject: "Kết quả thực hiện Kế hoạch số 12-KH/TU ngày 15/01/2026 của Ban Thường vụ Tỉnh ủy " +
			"về sắp xếp tổ chức bộ máy (6 tháng đầu năm 2026)",
		Blocks: []Block{
			{Heading: "I. TÌNH HÌNH CHUNG"},
			{Paragraph: sampleChars(rng, 700)},
			{Paragraph: sampleChars(rng, 400)},
			{Heading: "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ"},
			{Table: t},
			{Heading: "III. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM"},
			{Paragraph: sampleChars(rng, 300)},
			{Blank: 3},
			{Paragraph: sampleChars(rng, 250)},
		},
	}
}

// reportTable is the first table of r.
func reportTable(r *Report) *Table {
	for _, b := range r.Blocks {
		if b.Table != nil {
			return b.Table
		}
	}
	return nil
}

// ---- reading the PDF back with MuPDF ----

const ptPerMM = 72 / 25.4

// pdfTextLine is a line of text as MuPDF extracts it, in points from the
// top-left corner of its page.
type pdfTextLine struct {
	page             int
	top, left, lineH float64
	text             string
}

// readBack is a PDF opened with MuPDF: the text of each page and its lines
// with their positions (from MuPDF's structured-text HTML).
type readBack struct {
	doc   *fitz.Document
	pages []string
	lines [][]pdfTextLine
}

var (
	htmlLineRE = regexp.MustCompile(`<p style="top:([\d.]+)pt;left:([\d.]+)pt;line-height:([\d.]+)pt">(.*?)</p>`)
	htmlTagRE  = regexp.MustCompile(`<[^>]*>`)
)

func readPDF(t testing.TB, b []byte) *readBack {
	t.Helper()
	doc, err := fitz.NewFromMemory(b)
	if err != nil {
		t.Fatalf("MuPDF cannot open the PDF: %v", err)
	}
	t.Cleanup(func() { doc.Close() })
	rb := &readBack{doc: doc}
	for p := range doc.NumPage() {
		text, err := doc.Text(p)
		if err != nil {
			t.Fatal(err)
		}
		rb.pages = append(rb.pages, norm.NFC.String(text))
		h, err := doc.HTML(p, false)
		if err != nil {
			t.Fatal(err)
		}
		var lines []pdfTextLine
		for _, m := range htmlLineRE.FindAllStringSubmatch(h, -1) {
			top, _ := strconv.ParseFloat(m[1], 64)
			left, _ := strconv.ParseFloat(m[2], 64)
			lh, _ := strconv.ParseFloat(m[3], 64)
			text := norm.NFC.String(html.UnescapeString(htmlTagRE.ReplaceAllString(m[4], "")))
			lines = append(lines, pdfTextLine{p, top, left, lh, text})
		}
		if len(lines) == 0 {
			t.Fatalf("page %d: no positioned text lines in MuPDF's HTML", p+1)
		}
		rb.lines = append(rb.lines, lines)
	}
	return rb
}

// flat is s with whitespace collapsed to single spaces.
func flat(s string) string { return strings.Join(strings.Fields(norm.NFC.String(s)), " ") }

// noSpace is s with all whitespace removed.
func noSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, norm.NFC.String(s))
}

// allText is the text of all pages, whitespace collapsed.
func (rb *readBack) allText() string { return flat(strings.Join(rb.pages, "\n")) }

// stream is text read in some order with the page each byte came from.
type stream struct {
	text  []byte
	pages []int
}

func (s *stream) add(text string, page int) {
	for range len(text) {
		s.pages = append(s.pages, page)
	}
	s.text = append(s.text, text...)
}

// find looks for the words of want in order in s from byte at; as line
// breaks may fall anywhere in a cell (a long word is broken between
// letters) the search ignores whitespace. It returns the offset after the
// last word and the pages the words were found on, or -1.
func (s *stream) find(want string, at int) (int, []int) {
	var pages []int
	for _, w := range strings.Fields(norm.NFC.String(want)) {
		i := strings.Index(string(s.text[at:]), w)
		if i < 0 {
			return -1, nil
		}
		at += i
		pages = append(pages, s.pages[at], s.pages[at+len(w)-1])
		at += len(w)
	}
	return at, pages
}

// findCell is find, trying first the whole cell as one run of text (its
// lines are consecutive in its column unless the cell is split between
// pages), which keeps short words from matching elsewhere.
func (s *stream) findCell(cell string, at int) (int, []int) {
	if whole := noSpace(cell); whole != "" {
		if i := strings.Index(string(s.text[at:]), whole); i >= 0 {
			i += at
			return i + len(whole), []int{s.pages[i], s.pages[i+len(whole)-1]}
		}
	}
	return s.find(cell, at)
}

// columnStreams reads the lines of every page that start inside each
// column of the table, top to bottom, page after page, whitespace removed:
// stream c holds the cells of column c in order (and other text that
// happens to start there).
func (rb *readBack) columnStreams(cols []Column) []*stream {
	total := 0.0
	for _, c := range cols {
		total += pdfWeight(c)
	}
	edges := []float64{pdfMarginLeft * ptPerMM}
	for _, c := range cols {
		edges = append(edges, edges[len(edges)-1]+pdfTextW*pdfWeight(c)/total*ptPerMM)
	}
	streams := make([]*stream, len(cols))
	for i := range streams {
		streams[i] = &stream{}
	}
	for p, lines := range rb.lines {
		lines = slices.Clone(lines)
		sort.SliceStable(lines, func(i, j int) bool { return lines[i].top < lines[j].top })
		for _, l := range lines {
			for c := range cols {
				if l.left >= edges[c]-0.5 && l.left < edges[c+1] {
					streams[c].add(noSpace(l.text), p)
					break
				}
			}
		}
	}
	return streams
}

// ---- tests ----

// samplePDF writes r as PDF; with CHIDAO_PDF_OUT set to a directory it
// also saves the file there as report-name.pdf, to look at.
func samplePDF(t testing.TB, r *Report, name string) []byte {
	t.Helper()
	b, err := PDFBytes(r)
	if err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("CHIDAO_PDF_OUT"); dir != "" {
		name = filepath.Join(dir, "report-"+strings.ReplaceAll(name, " ", "-")+".pdf")
		if err := os.WriteFile(name, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return b
}

// TestPDFPartyReport writes the sample Party report and reads it back.
func TestPDFPartyReport(t *testing.T) {
	r := sampleReport(Party, 60, false)
	rb := readPDF(t, samplePDF(t, r, "party"))
	if n := len(rb.pages); n < 5 {
		t.Fatalf("%d pages; the 60-row table alone should take many more", n)
	}
	all := rb.allText()

	t.Run("header, title and closing", func(t *testing.T) {
		for _, want := range []string{
			"ĐẢNG BỘ TỈNH KIÊN GIANG", "TỈNH ỦY", "*", "ĐẢNG CỘNG SẢN VIỆT NAM",
			"-BC/TU", "Kiên Giang, ngày tháng năm 2026", "BÁO CÁO", "-----",
			"Kết quả thực hiện Kế hoạch số 12-KH/TU ngày 15/01/2026 của Ban Thường vụ Tỉnh ủy",
			"I. TÌNH HÌNH CHUNG", "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ",
			"Biểu 1. Kết quả thực hiện các nhiệm vụ",
			"Nơi nhận:", "- Ban Bí thư (để báo cáo),", "- Lưu VT.",
			"T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Nguyễn Văn An",
		} {
			if !strings.Contains(all, flat(want)) {
				t.Errorf("%q not found in the PDF text", want)
			}
		}
		if first := flat(rb.pages[0]); !strings.HasPrefix(first, "ĐẢNG BỘ TỈNH KIÊN GIANG") &&
			!strings.Contains(first[:200], "ĐẢNG CỘNG SẢN VIỆT NAM") {
			t.Errorf("page 1 does not open with the header blocks: %.200q", first)
		}
		// Paragraph words come out in order, the justified spacing
		// notwithstanding.
		s := &stream{}
		s.add(noSpace(strings.Join(rb.pages, "\n")), 0)
		at := 0
		for _, b := range r.Blocks {
			if b.Paragraph == "" {
				continue
			}
			if at, _ = s.find(b.Paragraph, at); at < 0 {
				t.Fatalf("paragraph %.60q… not found in order", b.Paragraph)
			}
		}
	})

	t.Run("every cell, in order, in its column; header row on every page", func(t *testing.T) {
		tab := reportTable(r)
		streams, rowPages := checkCells(t, rb, tab)
		checkHeaderRows(t, rb, tab, rowPages)
		if len(rowPages) < 5 {
			t.Errorf("table rows on %d pages only", len(rowPages))
		}
		// The row taller than a page is split across pages, not cut.
		longest := ""
		for _, row := range tab.Rows {
			if !row.Group && len(row.Cells[4]) > len(longest) {
				longest = row.Cells[4]
			}
		}
		_, pages := streams[4].find(longest, 0)
		if pages[0] == pages[len(pages)-1] {
			t.Errorf("the 4500-character note sits on one page (%d)", pages[0]+1)
		}
	})

	t.Run("nothing outside the text area", func(t *testing.T) { checkMargins(t, rb) })
	t.Run("page numbers", func(t *testing.T) { checkPageNumbers(t, rb) })
	t.Run("metadata", func(t *testing.T) {
		m := rb.doc.Metadata()
		for k, v := range m {
			m[k] = strings.TrimRight(v, "\x00") // go-fitz pads with NULs
		}
		if !strings.HasPrefix(m["title"], "BÁO CÁO Kết quả thực hiện") || m["creator"] != "chidao" {
			t.Errorf("metadata = %q", m)
		}
	})
}

// checkCells checks that the words of every cell of tab come out in order
// in the column of the cell (group rows in the first column), and returns
// the column streams and the pages holding rows of the table.
func checkCells(t *testing.T, rb *readBack, tab *Table) ([]*stream, map[int]bool) {
	t.Helper()
	streams := rb.columnStreams(tab.Columns)
	at := make([]int, len(streams))
	rowPages := map[int]bool{}
	for k, row := range tab.Rows {
		cells := row.Cells
		if row.Group {
			cells = []string{strings.Join(row.Cells, " ")}
		}
		for c, cell := range cells {
			end, pages := streams[c].findCell(cell, at[c])
			if end < 0 {
				t.Fatalf("row %d column %d: the words of %.80q… are not all found, in order, in the column",
					k, c, cell)
			}
			at[c] = end
			for _, p := range pages {
				rowPages[p] = true
			}
		}
	}
	return streams, rowPages
}

// checkHeaderRows checks that the header row of tab opens every page
// holding its rows (after the page number) and that no page has the header
// row without rows under it.
func checkHeaderRows(t *testing.T, rb *readBack, tab *Table, rowPages map[int]bool) {
	t.Helper()
	hasHeader := func(p int) bool {
		s := &stream{}
		s.add(noSpace(rb.pages[p]), p)
		for _, c := range tab.Columns {
			if e, _ := s.find(c.Title, 0); e < 0 {
				return false
			}
		}
		return true
	}
	firstTablePage := len(rb.pages)
	for p := range rowPages {
		firstTablePage = min(firstTablePage, p)
	}
	for p := range rb.pages {
		switch has := hasHeader(p); {
		case rowPages[p] && !has:
			t.Errorf("page %d holds table rows but no header row", p+1)
		case !rowPages[p] && has:
			t.Errorf("page %d has a header row but no table rows", p+1)
		}
		if !rowPages[p] || p == firstTablePage {
			continue
		}
		headTop, otherTop := 1e9, 1e9
		for _, l := range rb.lines[p] {
			text := strings.TrimSpace(l.text)
			switch {
			case l.top < pdfMarginTop*ptPerMM-1:
				// page number
			case slices.ContainsFunc(tab.Columns, func(c Column) bool { return strings.Contains(c.Title, text) }):
				headTop = min(headTop, l.top)
			default:
				otherTop = min(otherTop, l.top)
			}
		}
		if headTop > otherTop {
			t.Errorf("page %d: the header row (%.1f pt) is not above the rows (%.1f pt)", p+1, headTop, otherTop)
		}
	}
}

// TestPDFTableStartsWithRows moves a heading and a table down page 1 step
// by step: the heading, the caption and the header row never stay at the
// bottom of a page without rows, even when the first row under a group row
// is too tall for what is left.
func TestPDFTableStartsWithRows(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	for fill := 200; fill <= 2600; fill += 200 {
		tab := &Table{Caption: "Biểu 2. Tiến độ", Columns: []Column{
			{Title: "TT", Weight: 0.5, Center: true}, {Title: "Nội dung", Weight: 4}, {Title: "Ghi chú", Weight: 2},
		}, Rows: []Row{
			{Group: true, Cells: []string{"I. NHÓM MỘT"}},
			{Cells: []string{"1", sampleChars(rng, 1500), "Đúng hạn"}},
			{Cells: []string{"2", sampleChars(rng, 200), ""}},
			{Group: true, Cells: []string{"II. NHÓM HAI"}},
			{Cells: []string{"3", sampleChars(rng, 900), "Quá hạn"}},
		}}
		r := &Report{Office: sampleOffice(Party), Year: 2026, Subject: "Tiến độ",
			Blocks: []Block{{Paragraph: sampleChars(rng, fill)}, {Heading: "II. TIẾN ĐỘ CÁC NHIỆM VỤ"},
				{Table: tab}, {Paragraph: sampleChars(rng, 300)}}}
		rb := readPDF(t, samplePDF(t, r, "keep"))
		_, rowPages := checkCells(t, rb, tab)
		checkHeaderRows(t, rb, tab, rowPages)
		checkMargins(t, rb)
		// A heading or a group row is never the last thing on a page.
		for p, lines := range rb.lines {
			last := slices.MaxFunc(lines, func(a, b pdfTextLine) int { return int(a.top - b.top) })
			for _, lone := range []string{"I. NHÓM", "II. NHÓM", "II. TIẾN ĐỘ"} {
				if strings.HasPrefix(last.text, lone) {
					t.Errorf("fill %d: page %d ends with %q", fill, p+1, last.text)
				}
			}
		}
	}
}

// checkMargins renders every page and checks the margins are blank: the
// left (30 mm) and right (15 mm) margins from top to bottom, the bottom
// margin, and the top margin but for the page number. It also checks that
// every text line MuPDF finds starts inside the page and the text area.
func checkMargins(t *testing.T, rb *readBack) {
	const dpi = 72.0
	px := func(mm float64) int { return int(mm * dpi / 25.4) }
	for p := range rb.pages {
		img, err := rb.doc.ImageDPI(p, dpi)
		if err != nil {
			t.Fatal(err)
		}
		b := img.Bounds()
		textL, textR := px(pdfMarginLeft)-2, px(pdfPageW-pdfMarginRight)+2
		textT, textB := px(pdfMarginTop)-2, px(pdfBottom)+2
		// page number area: centred over the text, in the top margin
		cx := px(pdfMarginLeft + pdfTextW/2)
		num := image.Rect(cx-20, px(pdfPageNumBase)-15, cx+20, px(pdfPageNumBase)+5)
		bad := 0
		var first image.Point
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				inText := x >= textL && x <= textR && y >= textT && y <= textB
				if inText || (p > 0 && image.Pt(x, y).In(num)) {
					continue
				}
				c := img.RGBAAt(x, y)
				if c.R < 250 || c.G < 250 || c.B < 250 {
					if bad == 0 {
						first = image.Pt(x, y)
					}
					bad++
				}
			}
		}
		if bad > 0 {
			t.Errorf("page %d: %d ink pixels in the margins, first at %v (%.1f, %.1f mm)",
				p+1, bad, first, float64(first.X)*25.4/dpi, float64(first.Y)*25.4/dpi)
		}
		for _, l := range rb.lines[p] {
			if l.left < pdfMarginLeft*ptPerMM-0.5 || l.left > (pdfPageW-pdfMarginRight)*ptPerMM ||
				l.top < 0 || l.top+l.lineH > pdfBottom*ptPerMM+1 {
				t.Errorf("page %d: line %q at left %.1f pt, top %.1f pt lies outside the text area",
					p+1, l.text, l.left, l.top)
			}
		}
	}
}

// checkPageNumbers checks that page 1 has nothing in its top margin and
// that every other page has its number there, centred over the text.
func checkPageNumbers(t *testing.T, rb *readBack) {
	for p, lines := range rb.lines {
		var top []pdfTextLine
		for _, l := range lines {
			if l.top < pdfMarginTop*ptPerMM-1 {
				top = append(top, l)
			}
		}
		if p == 0 {
			if len(top) > 0 {
				t.Errorf("page 1 has text in the top margin: %q", top[0].text)
			}
			continue
		}
		if len(top) != 1 || strings.TrimSpace(top[0].text) != strconv.Itoa(p+1) {
			t.Errorf("page %d: top margin holds %v, want the page number alone", p+1, top)
			continue
		}
	}
	if len(rb.pages) < 2 {
		return
	}
	// Page 2's number is centred over the text: find its ink.
	img, err := rb.doc.ImageDPI(1, 144)
	if err != nil {
		t.Fatal(err)
	}
	x0, x1, y0 := 1<<30, -1, 1<<30
	marginTop := pdfMarginTop // mm
	for y := range int(marginTop * 144 / 25.4) {
		for x := range img.Bounds().Dx() {
			if c := img.RGBAAt(x, y); c.R < 128 {
				x0, x1, y0 = min(x0, x), max(x1, x), min(y0, y)
			}
		}
	}
	if x1 < 0 {
		t.Fatal("page 2 has no page number")
	}
	centre := float64(x0+x1+1) / 2 * 25.4 / 144
	if want := pdfMarginLeft + pdfTextW/2; centre < want-1 || centre > want+1 {
		t.Errorf("page 2's number is centred at %.1f mm, want %.1f mm (the centre of the text)", centre, want)
	}
	if top := float64(y0) * 25.4 / 144; top < 5 || top > pdfMarginTop-4 {
		t.Errorf("page 2's number starts %.1f mm from the top edge", top)
	}
}

// TestPDFStateReport checks the State header (Nghị định 30/2020/NĐ-CP),
// a real date, and the same geometry as the Party report.
func TestPDFStateReport(t *testing.T) {
	r := sampleReport(State, 20, false)
	r.Date = time.Date(2026, time.July, 5, 9, 0, 0, 0, time.UTC)
	rb := readPDF(t, samplePDF(t, r, "state"))
	all := rb.allText()
	for _, want := range []string{
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
		"ỦY BAN NHÂN DÂN TỈNH", "SỞ NỘI VỤ", "Số:", "/BC-SNV",
		"Kiên Giang, ngày 05 tháng 7 năm 2026", "BÁO CÁO",
		"Nơi nhận:", "- UBND tỉnh (để báo cáo);", "- Lưu: VT.", "GIÁM ĐỐC", "Trần Thị Bình",
	} {
		if !strings.Contains(all, flat(want)) {
			t.Errorf("%q not found in the PDF text", want)
		}
	}
	if strings.Contains(all, "ĐẢNG CỘNG SẢN VIỆT NAM") {
		t.Error("the State report carries the Party title")
	}
	checkMargins(t, rb)
	checkPageNumbers(t, rb)
}

// TestPDFFontsCoverText checks that every character the sample reports
// print — cells, office names in capitals, fixed lines — has a glyph in all
// four embedded faces.
func TestPDFFontsCoverText(t *testing.T) {
	var texts []string
	for _, f := range []Format{Party, State} {
		r := sampleReport(f, 60, false)
		r.Date = time.Date(2026, time.February, 1, 0, 0, 0, 0, time.UTC)
		o := r.Office
		issuer, _ := o.IssuerLines()
		sign, signer := o.SignatureLines()
		texts = append(texts, r.NumberLine(), r.DateLine(), r.Kind, r.Subject, o.NationalTitle(),
			o.Motto(), RecipientsLabel, signer, "-----0123456789", string(pdfMissingGlyph))
		texts = append(texts, issuer...)
		texts = append(texts, sign...)
		texts = append(texts, o.RecipientLines()...)
		for _, b := range r.Blocks {
			texts = append(texts, b.Heading, b.Paragraph)
			if b.Table != nil {
				texts = append(texts, b.Table.Caption)
				for _, c := range b.Table.Columns {
					texts = append(texts, c.Title)
				}
				for _, row := range b.Table.Rows {
					texts = append(texts, row.Cells...)
				}
			}
		}
	}
	runes := map[rune]bool{}
	for _, s := range texts {
		s = safeText(s)
		for _, r := range s + strings.ToUpper(s) {
			if r != '\n' {
				runes[r] = true
			}
		}
	}
	var buf sfnt.Buffer
	for _, face := range pdfFonts {
		f, err := sfnt.Parse(face.TTF)
		if err != nil {
			t.Fatal(err)
		}
		for r := range runes {
			if g, err := f.GlyphIndex(&buf, r); err != nil || g == 0 {
				t.Errorf("face %q has no glyph for %q (U+%04X)", face.Style, r, r)
			}
		}
	}
	// The whole Vietnamese alphabet, both cases, every tone.
	for _, r := range "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ" {
		runes[r], runes[unicode.ToUpper(r)] = true, true
	}
	f, _ := sfnt.Parse(pdfFonts[0].TTF)
	for r := range runes {
		if g, _ := f.GlyphIndex(&buf, r); g == 0 {
			t.Errorf("no glyph for %q", r)
		}
	}
}

// TestPDFOddInput writes reports a clerk's data could produce and checks
// they come out as readable PDFs with their text.
func TestPDFOddInput(t *testing.T) {
	decomposed := norm.NFD.String("Nghị quyết số 18-NQ/TW")
	cases := map[string]*Report{
		"empty": {},
		"no columns, ragged rows, odd characters": {
			Office: Office{Format: State, Name: "Sở Tư pháp"},
			Blocks: []Block{
				{Paragraph: decomposed + "\r\nTab\there, emoji 🎉 and a zero\u200bwidth space."},
				{Table: &Table{Rows: []Row{
					{Cells: []string{"a", "b"}},
					{Cells: []string{"c", "d", "e"}},
					{Group: true},
					{Cells: []string{strings.Repeat("W", 500)}},
				}}},
				{Table: &Table{Columns: []Column{{Title: "Cột 1"}, {Title: "Cột 2"}},
					Rows: []Row{{Cells: []string{"một", "hai", "ba", "bốn"}}}}},
				{Table: &Table{Columns: []Column{{Title: "Một cột", Weight: -1}}}},
				{Heading: strings.Repeat("RẤT DÀI ", 40), Blank: 40},
			},
		},
		"long subject and names": {
			Office: Office{Parent: strings.Repeat("Đảng bộ ", 30), Name: strings.Repeat("Tỉnh ủy ", 20),
				Place: "Thành phố Hồ Chí Minh", Authority: strings.Repeat("T/M Ban Thường vụ ", 8),
				Signer: strings.Repeat("Nguyễn ", 30)},
			Date:    time.Date(2026, time.January, 9, 0, 0, 0, 0, time.UTC),
			Subject: strings.Repeat("Kết quả thực hiện kế hoạch ", 120),
		},
		"long recipients": {
			Office: Office{Recipients: slices.Repeat([]string{"Các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy,"}, 80)},
		},
	}
	for name, r := range cases {
		t.Run(name, func(t *testing.T) {
			rb := readPDF(t, samplePDF(t, r, "odd "+name))
			all := rb.allText()
			for _, want := range []string{"BÁO CÁO", "Nơi nhận:"} {
				if !strings.Contains(all, want) {
					t.Errorf("%q missing", want)
				}
			}
			if name == "no columns, ragged rows, odd characters" {
				for _, want := range []string{"Nghị quyết số 18-NQ/TW", "Tab here", "zerowidth", "hai ba bốn"} {
					if !strings.Contains(all, want) {
						t.Errorf("%q missing from %q", want, all)
					}
				}
				s := &stream{}
				s.add(noSpace(all), 0)
				if e, _ := s.find(strings.Repeat("W", 500), 0); e < 0 {
					t.Error("the 500-letter word is cut")
				}
			}
			checkMargins(t, rb)
			checkPageNumbers(t, rb)
		})
	}
}

// TestWrapWords checks line breaking on its own with a fixed-pitch measure
// (1 per letter, combining marks 0).
func TestWrapWords(t *testing.T) {
	measure := func(s string) float64 {
		n := 0.0
		for _, r := range s {
			if !unicode.Is(unicode.Mn, r) {
				n++
			}
		}
		return n
	}
	token := strings.Repeat("x", 25)
	tests := []struct {
		in          string
		first, rest float64
		want        []string
	}{
		{"Báo cáo kết quả thực hiện", 10, 10, []string{"Báo cáo", "kết quả", "thực hiện"}},
		{"  nhiều   khoảng  trắng ", 20, 20, []string{"nhiều khoảng trắng"}},
		{"Thụt đầu dòng rồi dòng sau", 6, 12, []string{"Thụt", "đầu dòng rồi", "dòng sau"}},
		{"Dòng một\nDòng hai\n\nDòng bốn\n", 20, 20, []string{"Dòng một", "Dòng hai", "", "Dòng bốn"}},
		{"có " + token + " cuối", 10, 10, []string{"có", "xxxxxxxxxx", "xxxxxxxxxx", "xxxxx cuối"}},
		{"ngày 02/02/2026", 8, 8, []string{"ngày", "02/02/", "2026"}},
		{norm.NFD.String("Ệệệệệệ"), 4, 4, []string{norm.NFD.String("Ệệệệ"), norm.NFD.String("ệệ")}},
		{"", 10, 10, nil},
		{"\n \n", 10, 10, nil},
	}
	for _, tt := range tests {
		got := wrapWords(tt.in, tt.first, tt.rest, measure)
		if !slices.Equal(got, tt.want) {
			t.Errorf("wrapWords(%q, %v, %v) = %q, want %q", tt.in, tt.first, tt.rest, got, tt.want)
		}
		for i, l := range got {
			w := tt.rest
			if i == 0 {
				w = tt.first
			}
			if measure(l) > w {
				t.Errorf("wrapWords(%q): line %q wider than %v", tt.in, l, w)
			}
		}
		if noSpace(strings.Join(got, "")) != noSpace(tt.in) {
			t.Errorf("wrapWords(%q) lost or changed text: %q", tt.in, got)
		}
	}
}

func TestSafeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Tỉnh ủy", "Tỉnh ủy"},
		{norm.NFD.String("Tỉnh ủy"), "Tỉnh ủy"},
		{"a\r\nb\rc\td\u00ade\u200bf\ufeff", "a\nb\nc de" + "f"},
		{"vui 🎉", "vui \uFFFD"},
		{"\x01x\x7f", " x "},
	}
	for _, tt := range tests {
		if got := safeText(tt.in); got != tt.want {
			t.Errorf("safeText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// Characters the embedded font lacks print as a visible placeholder.
	if got, want := pdfText("Hán tự 漢字, vui 🎉\n“đúng”"), "Hán tự □□, vui □\n“đúng”"; got != want {
		t.Errorf("pdfText = %q, want %q", got, want)
	}
}

// BenchmarkWritePDF1000 writes a report of 1,000 task rows with notes of
// about 300 characters; the target is 3 s on a 2-core machine.
func BenchmarkWritePDF1000(b *testing.B) {
	r := sampleReport(Party, 1000, true)
	var size int
	b.ResetTimer()
	for b.Loop() {
		out, err := PDFBytes(r)
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	b.ReportMetric(float64(size)/1e6, "MB")
}

// TestPDF1000NoOverflow: the benchmark's 1,000-task report with long notes,
// read back whole: every cell comes back complete in its column, and no ink
// and no text line lies outside the text area on any page.
func TestPDF1000NoOverflow(t *testing.T) {
	if testing.Short() {
		t.Skip("280 pages read back; skipped with -short")
	}
	r := sampleReport(Party, 1000, true)
	b, err := PDFBytes(r)
	if err != nil {
		t.Fatal(err)
	}
	rb := readPDF(t, b)
	if rows := len(reportTable(r).Rows); rows < 1000 || len(rb.pages) < 100 {
		t.Fatalf("%d rows on %d pages: not the 1,000-task report", rows, len(rb.pages))
	}
	checkMargins(t, rb)
	checkCells(t, rb, reportTable(r))
	t.Logf("%d rows, %d pages, %d bytes", len(reportTable(r).Rows), len(rb.pages), len(b))
}
