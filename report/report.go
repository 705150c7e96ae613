// Package report lays out chidao's follow-up reports as the offices' own
// documents look (Hướng dẫn 36-HD/VPTW for Party bodies, Nghị định
// 30/2020/NĐ-CP for State bodies) and writes them as PDF, DOCX and XLSX.
//
// A Report is plain data — header blocks, title, paragraphs, tables,
// recipients, signature — built by package app from the library; the writers
// here know nothing of tasks or storage.
package report

import "time"

// Format is the presentation rule a library follows.
type Format string

// The two presentation rules.
const (
	Party Format = "party" // Hướng dẫn 36-HD/VPTW (2018)
	State Format = "state" // Nghị định 30/2020/NĐ-CP
)

// Office is the issuing body and its signer, from the library's settings.
type Office struct {
	Format Format `json:"format"`
	// Parent is the body above the issuer, printed above its name:
	// "ĐẢNG BỘ TỈNH KIÊN GIANG" (Party), "UBND TỈNH KIÊN GIANG" (State); may be "".
	Parent string `json:"parent"`
	// Name is the issuing body: "TỈNH ỦY", "BAN TỔ CHỨC", "SỞ NỘI VỤ".
	Name string `json:"name"`
	// Code is the body's abbreviation in the number: "BC/TU" → "TU",
	// "BC-UBND" → "UBND".
	Code string `json:"code"`
	// Place is printed before the date: "Kiên Giang".
	Place string `json:"place"`
	// Authority, Title and Signer make the signature block:
	// "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Nguyễn Văn A".
	Authority string `json:"authority"`
	Title     string `json:"title"`
	Signer    string `json:"signer"`
	// Recipients is the "Nơi nhận" list; "Lưu ..." is added when absent.
	Recipients []string `json:"recipients"`
}

// Report is one report ready to be written.
type Report struct {
	Office Office `json:"office"`
	// Date is printed as "Place, ngày dd tháng mm năm yyyy"; when zero the
	// day and month are left blank for the clerk ("ngày   tháng   năm 2026").
	Date time.Time `json:"date"`
	Year int       `json:"year"` // the year printed when Date is zero
	// Kind is the document kind in capitals: "BÁO CÁO".
	Kind string `json:"kind"`
	// Subject follows the kind: "Kết quả thực hiện Kế hoạch số 12-KH/TU ... (6 tháng đầu năm 2026)".
	Subject string `json:"subject"`
	// Blocks are the body in order.
	Blocks []Block `json:"blocks"`
}

// Block is one part of the body: a heading, a paragraph, a table, or blank
// lines left for the clerk to write in.
type Block struct {
	Heading   string `json:"heading,omitempty"`   // "I. TÌNH HÌNH CHUNG" (bold)
	Paragraph string `json:"paragraph,omitempty"` // justified, first-line indent
	Table     *Table `json:"table,omitempty"`
	Blank     int    `json:"blank,omitempty"` // dotted lines to fill in by hand
}

// Table is a table with a header row repeated on every page it spans.
type Table struct {
	Caption string   `json:"caption"` // sheet name in XLSX; printed above the table when not ""
	Columns []Column `json:"columns"`
	Rows    []Row    `json:"rows"`
}

// Column is a table column: its heading and its share of the width.
type Column struct {
	Title  string  `json:"title"`
	Weight float64 `json:"weight"` // relative width
	Center bool    `json:"center"` // centre the cells (TT, dates, status)
}

// Row is a table row: one cell per column, or a group row (Group true, one
// bold cell across the table: a section or unit heading).
type Row struct {
	Cells []string `json:"cells"` // "\n" breaks lines inside a cell
	Group bool     `json:"group"`
}
