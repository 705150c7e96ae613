// Package docs knows what a document is: it turns the bytes of a Word, PDF, EPUB,
// HTML or text file into clean Vietnamese paragraphs. It has no storage and no UI:
// every function takes bytes or text and returns values, so it is tested on the
// corpus alone.
package docs

// Format names a kind of source file.
type Format string

// The formats chidao reads.
const (
	FormatPDF  Format = "pdf"
	FormatDOCX Format = "docx"
	FormatDOC  Format = "doc"
	FormatEPUB Format = "epub"
	FormatTXT  Format = "txt"
	FormatHTML Format = "html"
)

// Paragraph is one rebuilt paragraph of clean NFC text and the page it starts on
// (1-based; 0 when the format has no pages).
type Paragraph struct {
	Text     string `json:"text"`
	Page     int    `json:"page"`
	Footnote bool   `json:"footnote,omitempty"`
}

// Raw is what an extractor returns before cleaning: the text of each page as the
// layout left it (lines broken where the page wrapped), or a single page for
// formats without pages.
type Raw struct {
	Format   Format
	Pages    []string
	Encoding string // source code page when it was not Unicode: "tcvn3", "vni", "viscii", "utf-16"
	// PageCount is the page count a flowing format (DOC) records of itself,
	// when Pages does not hold the laid-out pages; 0 when unknown.
	PageCount int
	// Replaced counts the bytes of a text file that were not valid in its
	// encoding and became U+FFFD.
	Replaced int
}
