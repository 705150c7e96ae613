package ui

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"chidao/app"
	"chidao/store"

	"fyne.io/fyne/v2/lang"
)

// formatName is how a stored format is shown to the clerk.
func formatName(f string) string {
	switch strings.ToLower(f) {
	case "pdf":
		return "PDF"
	case "docx":
		return "Word (DOCX)"
	case "doc":
		return "Word (DOC)"
	case "txt":
		return lang.L("Văn bản (TXT)")
	case "html":
		return lang.L("Trang web (HTML)")
	case "epub":
		return "EPUB"
	case "":
		return "—"
	}
	return strings.ToUpper(f)
}

// shortFormat is a format in the library table's narrow column.
func shortFormat(f string) string {
	if f == "" {
		return "—"
	}
	return strings.ToUpper(f)
}

// encodingName names the legacy code page a document was converted from.
func encodingName(e string) string {
	switch strings.ToLower(e) {
	case "":
		return ""
	case "tcvn3":
		return "TCVN3 (ABC)"
	case "vni":
		return "VNI"
	case "viscii":
		return "VISCII"
	case "utf-16":
		return "UTF-16"
	}
	return e
}

// formatDate is a date and time the Vietnamese way: 02/01/2006 15:04.
func formatDate(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Local().Format("02/01/2006 15:04")
}

// formatDay is a date the Vietnamese way: 02/01/2006.
func formatDay(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Local().Format("02/01/2006")
}

// formatSize is a file size in B, KB or MB with a decimal comma.
func formatSize(n int64) string {
	switch {
	case n < 1024:
		return strconv.FormatInt(n, 10) + " B"
	case n < 1<<20:
		return decimalComma(float64(n)/1024) + " KB"
	}
	return decimalComma(float64(n)/(1<<20)) + " MB"
}

func decimalComma(f float64) string {
	return strings.Replace(fmt.Sprintf("%.1f", f), ".", ",", 1)
}

// formatPages is a page count, or a dash when unknown.
func formatPages(n int) string {
	if n <= 0 {
		return "—"
	}
	return strconv.Itoa(n)
}

// docSubtitle is a document's file, format and pages on one line.
func docSubtitle(d store.Document) string {
	s := d.FileName + " · " + formatName(d.Format)
	if d.Pages > 0 {
		s += " · " + fmt.Sprintf(lang.L("%d trang"), d.Pages)
	}
	return s
}

// statusText says how the import of one file ended.
func statusText(r app.ImportResult) string {
	switch r.Status {
	case app.Imported:
		if r.NeedsOCR {
			return lang.L("đã nhập — cần nhận dạng (OCR)")
		}
		return lang.L("đã nhập")
	case app.Duplicate:
		return lang.L("trùng")
	}
	reason := r.Reason
	if reason == "" {
		reason = app.Reason(r.Err)
	}
	return fmt.Sprintf(lang.L("lỗi: %s"), reason)
}

// importSummary counts an import's results: "Đã nhập 3 · Trùng 1 · Lỗi 0".
func importSummary(rs []app.ImportResult) string {
	var imported, dup, failed int
	for _, r := range rs {
		switch r.Status {
		case app.Imported:
			imported++
		case app.Duplicate:
			dup++
		default:
			failed++
		}
	}
	return fmt.Sprintf(lang.L("Kết quả nhập %d tệp: đã nhập %d · trùng %d · lỗi %d"), len(rs), imported, dup, failed)
}

// baseName is the last element of a path, for compact lists.
func baseName(p string) string { return filepath.Base(p) }

// formatISODate is an ISO date ("2020-05-22") the Vietnamese way
// ("22/05/2020"); a year or month alone is kept as far as it goes; "" stays "".
func formatISODate(s string) string {
	parts := strings.Split(s, "-")
	switch {
	case s == "":
		return ""
	case len(parts) == 3:
		return parts[2] + "/" + parts[1] + "/" + parts[0]
	case len(parts) == 2:
		return parts[1] + "/" + parts[0]
	}
	return s
}
