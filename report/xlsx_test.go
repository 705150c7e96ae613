package report

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"
)

func oxWriteXLSX(t *testing.T, r *Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, r); err != nil {
		t.Fatalf("WriteXLSX: %v", err)
	}
	return buf.Bytes()
}

func oxOpenXLSX(t *testing.T, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("excelize cannot open it: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestXLSXSheets(t *testing.T) {
	r := oxSampleReport(Party)
	data := oxWriteXLSX(t, r)
	oxParts(t, data) // every XML part well-formed
	f := oxOpenXLSX(t, data)
	want := []string{"Báo cáo", "Bảng 1. Kết quả thực hiện các", "Bảng 2"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Errorf("sheets %q, want %q", got, want)
	}
	if f.GetActiveSheetIndex() != 0 {
		t.Error("the report sheet is not the active one")
	}
}

// TestXLSXReportSheet reads the first sheet row by row and finds the
// header lines, kind, subject, body text, recipients and signature in
// reading order.
func TestXLSXReportSheet(t *testing.T) {
	for _, format := range []Format{Party, State} {
		t.Run(string(format), func(t *testing.T) {
			r := oxSampleReport(format)
			f := oxOpenXLSX(t, oxWriteXLSX(t, r))
			rows, err := f.GetRows(ReportSheet)
			if err != nil {
				t.Fatal(err)
			}
			// The left blocks (and everything merged from column A) read
			// down column A; the right blocks down column D.
			var cells, left, right []string
			for _, row := range rows {
				for j, c := range row {
					if c == "" {
						continue
					}
					cells = append(cells, c)
					if !norm.NFC.IsNormalString(c) {
						t.Errorf("cell not NFC: %q", c)
					}
					if j == 0 {
						left = append(left, c)
					} else {
						right = append(right, c)
					}
				}
			}
			o := r.Office
			var wantLeft, wantRight []string
			for _, w := range oxExpected(r) {
				switch {
				case oxInTables(r, w):
					// Tables live on their own sheets.
				case w == o.NationalTitle() || w == o.Motto() || strings.Contains(w, ", ngày ") ||
					w == o.Authority || w == o.Title || w == o.Signer:
					wantRight = append(wantRight, w)
				default:
					wantLeft = append(wantLeft, w)
				}
			}
			oxInOrder(t, left, wantLeft)
			oxInOrder(t, right, wantRight)
			if !slices.ContainsFunc(cells, func(c string) bool {
				return strings.HasPrefix(c, "Bảng 1. Kết quả thực hiện") && strings.Contains(c, "“Bảng 1. Kết quả thực hiện các”")
			}) {
				t.Errorf("no link line to the first table's sheet in %q", cells)
			}
			// The link goes to that sheet.
			for i, row := range rows {
				if len(row) > 0 && strings.HasPrefix(row[0], "Bảng 2 (xem trang tính") {
					ok, target, err := f.GetCellHyperLink(ReportSheet, fmt.Sprintf("A%d", i+1))
					if err != nil || !ok || target != "'Bảng 2'!A1" {
						t.Errorf("link of %q: %v %q %v", row[0], ok, target, err)
					}
				}
			}
			// Paragraphs are merged across the sheet and wrapped.
			merged, err := f.GetMergeCells(ReportSheet)
			if err != nil {
				t.Fatal(err)
			}
			para := r.Blocks[1].Paragraph
			found := false
			for _, m := range merged {
				if m.GetCellValue() == para {
					found = true
					if !strings.HasPrefix(m.GetStartAxis(), "A") || !strings.HasPrefix(m.GetEndAxis(), "H") {
						t.Errorf("paragraph merged over %s:%s, want A:H", m.GetStartAxis(), m.GetEndAxis())
					}
					if !oxStyle(t, f, ReportSheet, m.GetStartAxis()).Alignment.WrapText {
						t.Error("paragraph not wrapped")
					}
				}
			}
			if !found {
				t.Error("paragraph not in a merged cell")
			}
		})
	}
}

// oxInTables reports whether text is a table's caption, column title or
// cell line (found on the table sheets, not on the report sheet).
func oxInTables(r *Report, text string) bool {
	for _, b := range r.Blocks {
		if b.Table == nil {
			continue
		}
		if b.Table.Caption == text {
			return true
		}
		for _, c := range b.Table.Columns {
			if c.Title == text {
				return true
			}
		}
		for _, row := range b.Table.Rows {
			for _, c := range row.Cells {
				if slices.Contains(strings.Split(norm.NFC.String(c), "\n"), text) {
					return true
				}
			}
		}
	}
	return false
}

func oxStyle(t *testing.T, f *excelize.File, sheet, cell string) *excelize.Style {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.Alignment == nil {
		st.Alignment = &excelize.Alignment{}
	}
	if st.Font == nil {
		st.Font = &excelize.Font{}
	}
	return st
}

// TestXLSXTableSheet reads the sheet of the 40-row table back: caption,
// header row (bold, wrapped, frozen, filtered), every cell, group rows
// merged and bold, widths from the weights.
func TestXLSXTableSheet(t *testing.T) {
	r := oxSampleReport(Party)
	data := oxWriteXLSX(t, r)
	f := oxOpenXLSX(t, data)
	src := r.Blocks[4].Table
	sheet := "Bảng 1. Kết quả thực hiện các"
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(src.Rows)+2 {
		t.Fatalf("%d rows, want caption + header + %d", len(rows), len(src.Rows))
	}
	if rows[0][0] != src.Caption {
		t.Errorf("caption %q, want %q", rows[0][0], src.Caption)
	}
	for j, c := range src.Columns {
		if rows[1][j] != c.Title {
			t.Errorf("header %d: %q, want %q", j, rows[1][j], c.Title)
		}
		cell, _ := excelize.CoordinatesToCellName(j+1, 2)
		st := oxStyle(t, f, sheet, cell)
		if !st.Font.Bold || !st.Alignment.WrapText {
			t.Errorf("header %s: bold %v wrap %v", cell, st.Font.Bold, st.Alignment.WrapText)
		}
	}
	merged, err := f.GetMergeCells(sheet)
	if err != nil {
		t.Fatal(err)
	}
	mergedAt := map[string]string{}
	for _, m := range merged {
		mergedAt[m.GetStartAxis()] = m.GetEndAxis()
	}
	last := colName(len(src.Columns))
	for i, row := range src.Rows {
		n := i + 3
		got := rows[n-1]
		if row.Group {
			if got[0] != row.Cells[0] {
				t.Errorf("group row %d: %q", n, got[0])
			}
			if end := mergedAt[fmt.Sprintf("A%d", n)]; end != fmt.Sprintf("%s%d", last, n) {
				t.Errorf("group row %d merged to %q, want %s%d", n, end, last, n)
			}
			if !oxStyle(t, f, sheet, fmt.Sprintf("A%d", n)).Font.Bold {
				t.Errorf("group row %d not bold", n)
			}
			continue
		}
		for j, c := range row.Cells {
			if j >= len(got) || got[j] != norm.NFC.String(c) {
				t.Errorf("row %d col %d: %q, want %q", n, j, got, norm.NFC.String(c))
				break
			}
			cell, _ := excelize.CoordinatesToCellName(j+1, n)
			st := oxStyle(t, f, sheet, cell)
			if !st.Alignment.WrapText || st.Alignment.Vertical != "top" {
				t.Errorf("%s: wrap %v vertical %q", cell, st.Alignment.WrapText, st.Alignment.Vertical)
			}
			if src.Columns[j].Center != (st.Alignment.Horizontal == "center") {
				t.Errorf("%s: horizontal %q", cell, st.Alignment.Horizontal)
			}
		}
	}
	// Multi-line cells keep their line break.
	if !strings.Contains(rows[2+1][4], "\nBáo cáo số 100-BC/TU") {
		t.Errorf("multi-line cell %q", rows[3][4])
	}

	panes, err := f.GetPanes(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 2 || panes.TopLeftCell != "A3" {
		t.Errorf("panes %+v, want frozen under row 2", panes)
	}

	filter := fmt.Sprintf("A2:%s%d", last, len(src.Rows)+2)
	parts := oxParts(t, data)
	sheetXML := oxSheetPart(t, parts, 2)
	// excelize writes the range absolute ($A$2:$E$46), which Excel and
	// LibreOffice read as the same range.
	if m := regexp.MustCompile(`<autoFilter ref="([^"]+)"`).FindStringSubmatch(sheetXML); m == nil || strings.ReplaceAll(m[1], "$", "") != filter {
		t.Errorf("auto filter %v, want %s", m, filter)
	}
	names := map[string]string{}
	for _, d := range f.GetDefinedName() {
		if d.Scope == sheet {
			names[d.Name] = d.RefersTo
		}
	}
	if got := names["_xlnm._FilterDatabase"]; !strings.HasSuffix(got, "!"+absRef(filter)) && !strings.HasSuffix(got, "!"+filter) {
		t.Errorf("filter database %q, want the range %s", got, filter)
	}
	if got := names["_xlnm.Print_Titles"]; !strings.HasSuffix(got, "!$2:$2") {
		t.Errorf("print titles %q, want row 2", got)
	}

	// Widths follow the weights, about 150 characters in all.
	total, sum := 0.0, 0.0
	for _, c := range src.Columns {
		sum += c.Weight
	}
	for j, c := range src.Columns {
		w, err := f.GetColWidth(sheet, colName(j+1))
		if err != nil {
			t.Fatal(err)
		}
		total += w
		if want := 150 * c.Weight / sum; w < want-0.2 || w > want+0.2 {
			t.Errorf("column %d width %.1f, want %.1f", j, w, want)
		}
	}
	if total < 149 || total > 151 {
		t.Errorf("widths add up to %.1f", total)
	}
}

func absRef(ref string) string {
	return regexp.MustCompile(`([A-Z]+)(\d+)`).ReplaceAllString(ref, "$$$1$$$2")
}

// oxSheetPart is the XML of the n-th worksheet (1-based), found through
// the workbook's relationships.
func oxSheetPart(t *testing.T, parts map[string][]byte, n int) string {
	t.Helper()
	b := parts[fmt.Sprintf("xl/worksheets/sheet%d.xml", n)]
	if b == nil {
		t.Fatalf("no sheet %d", n)
	}
	return string(b)
}

func TestXLSXSheetNames(t *testing.T) {
	long := strings.Repeat("Kết quả thực hiện ", 4)
	for _, tc := range []struct {
		captions []string
		want     []string
	}{
		{[]string{""}, []string{"Bảng 1"}},
		{[]string{"Tổng hợp", "Tổng hợp", "TỔNG HỢP"}, []string{"Tổng hợp", "Tổng hợp (2)", "TỔNG HỢP (3)"}},
		{[]string{"a/b\\c[d]:e*f?g"}, []string{"a b c d e f g"}},
		{[]string{"'Bảng'"}, []string{"Bảng"}},
		{[]string{"[]:*?"}, []string{"Bảng 1"}},
		{[]string{"báo cáo"}, []string{"báo cáo (2)"}},
		{[]string{"History"}, []string{"History (2)"}},
		{[]string{"", "Bảng 1"}, []string{"Bảng 1", "Bảng 1 (2)"}},
		{[]string{long, long}, []string{"Kết quả thực hiện Kết quả thực", "Kết quả thực hiện Kết quả (2)"}},
		{[]string{norm.NFD.String("Quý III")}, []string{"Quý III"}},
	} {
		var tables []*Table
		for _, c := range tc.captions {
			tables = append(tables, &Table{Caption: c})
		}
		got := xlsxSheetNames(tables)
		if !slices.Equal(got, tc.want) {
			t.Errorf("xlsxSheetNames(%q) = %q, want %q", tc.captions, got, tc.want)
		}
		for _, name := range got {
			if utf8.RuneCountInString(name) > 31 || strings.ContainsAny(name, `[]:*?/\`) {
				t.Errorf("invalid sheet name %q", name)
			}
		}
		// Excel (through excelize) accepts them.
		f := excelize.NewFile()
		for _, name := range got {
			if _, err := f.NewSheet(name); err != nil {
				t.Errorf("sheet %q refused: %v", name, err)
			}
		}
		f.Close()
	}
}

func TestXLSXEdgeCases(t *testing.T) {
	cases := map[string]*Report{
		"empty":       {},
		"no columns":  {Blocks: []Block{{Table: &Table{Rows: []Row{{Cells: []string{"a", "b"}}, {Group: true}}}}}},
		"empty table": {Blocks: []Block{{Table: &Table{}}}},
		"control characters": {Kind: "BÁO\x01CÁO", Blocks: []Block{
			{Paragraph: "x\x1fy <&>"},
			{Table: &Table{Caption: "T", Columns: []Column{{Title: "&"}}, Rows: []Row{{Cells: []string{"<", ">", "\"'"}}}}},
		}},
		"state without signer": {Office: Office{Format: State, Name: "SỞ NỘI VỤ"}},
	}
	for name, r := range cases {
		t.Run(name, func(t *testing.T) {
			data := oxWriteXLSX(t, r)
			oxParts(t, data)
			f := oxOpenXLSX(t, data)
			if name == "control characters" {
				rows, _ := f.GetRows("T")
				if len(rows) < 3 || rows[2][0] != "<\n>\n\"'" {
					t.Errorf("rows %q", rows)
				}
			}
		})
	}
}

// BenchmarkWriteXLSX1000 writes a report of 1,000 tasks.
func BenchmarkWriteXLSX1000(b *testing.B) {
	r := oxBigReport(1000)
	for b.Loop() {
		if err := WriteXLSX(io.Discard, r); err != nil {
			b.Fatal(err)
		}
	}
}
