package report

import (
	"fmt"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"
)

// The lines every writer prints the same way, whatever the output format.
// They follow Hướng dẫn 36-HD/VPTW (Party) and Nghị định 30/2020/NĐ-CP
// (State); the writers only decide fonts and positions.

// National title and motto printed at the top right of the first page.
const (
	PartyTitle = "ĐẢNG CỘNG SẢN VIỆT NAM"
	StateTitle = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	StateMotto = "Độc lập - Tự do - Hạnh phúc"
)

// RecipientsLabel heads the list of recipients at the bottom left.
const RecipientsLabel = "Nơi nhận:"

// IsState reports whether the office follows Nghị định 30/2020/NĐ-CP; any
// other value, "" included, is taken as the Party rule.
func (o Office) IsState() bool { return o.Format == State }

// NationalTitle is the first line of the right header block:
// "ĐẢNG CỘNG SẢN VIỆT NAM" or "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".
func (o Office) NationalTitle() string {
	if o.IsState() {
		return StateTitle
	}
	return PartyTitle
}

// Motto is the line under the national title: "Độc lập - Tự do - Hạnh
// phúc" for State bodies, "" for Party bodies (which have none).
func (o Office) Motto() string {
	if o.IsState() {
		return StateMotto
	}
	return ""
}

// IssuerLines are the lines of the left header block, top to bottom, with
// the index of the line printed bold (the issuing body itself; -1 when
// there is none). Party bodies end with the "*" ornament; an empty Parent
// is left out.
func (o Office) IssuerLines() (lines []string, bold int) {
	bold = -1
	if p := strings.TrimSpace(o.Parent); p != "" {
		lines = append(lines, nfcText(p))
	}
	if n := strings.TrimSpace(o.Name); n != "" {
		bold = len(lines)
		lines = append(lines, nfcText(n))
	}
	if !o.IsState() {
		lines = append(lines, "*")
	}
	return lines, bold
}

// NumberLine is the document number left blank for the clerk:
// "Số      -BC/TU" (Party) or "Số:      /BC-UBND" (State).
func (r *Report) NumberLine() string {
	code := nfcText(strings.TrimSpace(r.Office.Code))
	if r.Office.IsState() {
		return "Số:      /BC-" + code
	}
	return "Số      -BC/" + code
}

// DateLine is the place and date: "Kiên Giang, ngày 05 tháng 3 năm 2026",
// or "Kiên Giang, ngày   tháng   năm 2026" when Date is zero (the year is
// Year, or the current year when Year is zero too). Days below 10 and the
// months January and February take a leading zero, as both rules require.
func (r *Report) DateLine() string {
	var date string
	if r.Date.IsZero() {
		year := r.Year
		if year == 0 {
			year = time.Now().Year()
		}
		// Room for the clerk to write the day and month by hand.
		date = fmt.Sprintf("ngày       tháng       năm %d", year)
	} else {
		d := r.Date
		month := fmt.Sprint(int(d.Month()))
		if d.Month() <= time.February {
			month = "0" + month
		}
		date = fmt.Sprintf("ngày %02d tháng %s năm %d", d.Day(), month, d.Year())
	}
	if p := nfcText(strings.TrimSpace(r.Office.Place)); p != "" {
		return p + ", " + date
	}
	return "N" + strings.TrimPrefix(date, "n") // no place: the line starts with the date
}

// RecipientLines are the "Nơi nhận" lines, each starting with "- ", with
// "- Lưu VT." (Party) or "- Lưu: VT." (State) added when no recipient
// starts with "Lưu". Blank entries are dropped.
func (o Office) RecipientLines() []string {
	var lines []string
	archived := false
	for _, rc := range o.Recipients {
		rc = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(rc), "-–+•"))
		if rc == "" {
			continue
		}
		if strings.HasPrefix(rc, "Lưu") {
			archived = true
		}
		lines = append(lines, "- "+nfcText(rc))
	}
	if !archived {
		if o.IsState() {
			lines = append(lines, "- Lưu: VT.")
		} else {
			lines = append(lines, "- Lưu VT.")
		}
	}
	return lines
}

// SignatureLines are the signature block top to bottom without the space
// left for the signature: Authority, Title, Signer, blanks left out. The
// space goes before the last line when Signer is set.
func (o Office) SignatureLines() (lines []string, signer string) {
	for _, s := range []string{o.Authority, o.Title} {
		if s = strings.TrimSpace(s); s != "" {
			lines = append(lines, nfcText(s))
		}
	}
	return lines, nfcText(strings.TrimSpace(o.Signer))
}

// nfcText returns s in Unicode normalization form C, as Vietnamese text is
// stored and searched everywhere in chidao (input pasted from other
// programs may come decomposed).
func nfcText(s string) string {
	if norm.NFC.IsNormalString(s) {
		return s
	}
	return norm.NFC.String(s)
}
