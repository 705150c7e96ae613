package docs

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// kinds are the document kind words that head a directive, longest first so
// that "CHƯƠNG TRÌNH HÀNH ĐỘNG" wins over "CHƯƠNG TRÌNH".
var kinds = []string{
	"CHƯƠNG TRÌNH HÀNH ĐỘNG", "THÔNG BÁO KẾT LUẬN", "CHƯƠNG TRÌNH", "NGHỊ QUYẾT", "QUYẾT ĐỊNH",
	"NGHỊ ĐỊNH", "THÔNG TƯ LIÊN TỊCH", "THÔNG TƯ", "KẾ HOẠCH", "KẾT LUẬN", "CHỈ THỊ", "THÔNG BÁO",
	"HƯỚNG DẪN", "CÔNG VĂN", "CÔNG ĐIỆN", "QUY ĐỊNH", "QUY CHẾ", "BÁO CÁO", "TỜ TRÌNH",
	"ĐỀ ÁN", "ĐIỀU LỆ", "LUẬT", "PHÁP LỆNH",
}

const maxTitle = 300

// Title finds a document's title: its kind word followed by its subject line
// ("Kế hoạch thực hiện Kết luận số 74-KL/TW ..."), or else its first sentence-like
// paragraph. It returns "" when there is no text.
func Title(paras []Paragraph) string {
	var body []string
	for _, p := range paras {
		if !p.Footnote {
			if t := plain(p.Text); t != "" {
				body = append(body, t)
			}
		}
		if len(body) >= 40 {
			break
		}
	}
	for i, t := range body {
		up := strings.ToUpper(t)
		for _, k := range kinds {
			if !strings.HasPrefix(up, k) {
				continue
			}
			rest := strings.TrimSpace(t[len(k):])
			if rest != "" && (!startsSubject(rest) || strings.HasPrefix(rest, "số")) {
				continue // "Luật số: 56/2010/QH12", or a sentence that begins with the word
			}
			parts := []string{sentenceCase(k)}
			if rest != "" {
				parts = append(parts, rest)
			} else {
				parts = append(parts, subjectAfter(body[i+1:])...)
			}
			return clip(strings.Join(parts, " "))
		}
	}
	for _, t := range body {
		if len(strings.Fields(t)) >= 4 && !isShout(t) {
			return clip(t)
		}
	}
	if len(body) > 0 {
		return clip(body[0])
	}
	return ""
}

// subjectAfter collects the subject lines that follow a lone kind line: a
// subject-like line ("thực hiện ...", "Về ...") or lines in capitals ("VỀ MINH
// BẠCH TÀI SẢN, THU NHẬP"), at most three, stopping at the preamble or at a short
// line in capitals after the first (the issuing body, "CHÍNH PHỦ").
func subjectAfter(next []string) []string {
	var parts []string
	allShout := true
	for i, t := range next {
		if i == 3 || labelled.MatchString(t) {
			break
		}
		shout := isShout(t)
		switch {
		case startsSubject(t):
		case shout && (i == 0 || (allShout && len(strings.Fields(t)) > 3)):
		default:
			return parts
		}
		allShout = allShout && shout
		if shout {
			t = lowerWords(t)
		}
		parts = append(parts, t)
	}
	return parts
}

// labelled matches the start of a numbered part: "A.", "I-", "1.", "Điều 1".
var labelled = regexp.MustCompile(`^([A-ZĐ]\.|[IVXLC]+[.-]|\d+(\.\d+)*[.)]|Điều \d|Chương |Phần )\s*`)

// lowerWords lowers a line in capitals, keeping document numbers such as
// 32/CT-TTg and 37/2007/NĐ-CP as they are.
func lowerWords(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		if !strings.ContainsAny(w, "0123456789/") {
			words[i] = strings.ToLower(w)
		}
	}
	return strings.Join(words, " ")
}

// plain drops the emphasis marks that text copied from web pages carries.
func plain(s string) string {
	s = strings.ReplaceAll(s, "**", "")
	return strings.TrimSpace(strings.Trim(s, "*_ "))
}

// startsSubject reports whether s reads like a subject line: lower case first
// ("thực hiện ..."), or "Về ...", "V/v ...".
func startsSubject(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r) || strings.HasPrefix(s, "Về ") || strings.HasPrefix(s, "V/v") ||
		strings.HasPrefix(s, "Ban hành ") || strings.HasPrefix(s, "Quy định ")
}

func isShout(s string) bool {
	return strings.ToUpper(s) == s
}

func sentenceCase(s string) string {
	lower := strings.ToLower(s)
	r, n := utf8.DecodeRuneInString(lower)
	return string(unicode.ToUpper(r)) + lower[n:]
}

func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= maxTitle {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:maxTitle])) + "…"
}
