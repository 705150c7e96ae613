package docs

import (
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
			if rest != "" && !startsSubject(rest) {
				continue // a sentence that merely begins with the word
			}
			title := sentenceCase(k)
			if rest == "" && i+1 < len(body) && startsSubject(body[i+1]) {
				rest = body[i+1]
			}
			if rest != "" {
				title += " " + rest
			}
			return clip(title)
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

// plain drops the emphasis marks that text copied from web pages carries.
func plain(s string) string {
	s = strings.ReplaceAll(s, "**", "")
	return strings.TrimSpace(strings.Trim(s, "*_ "))
}

// startsSubject reports whether s reads like a subject line: lower case first
// ("thực hiện ..."), or "Về ...", "V/v ...".
func startsSubject(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r) || strings.HasPrefix(s, "Về ") || strings.HasPrefix(s, "V/v") || strings.HasPrefix(s, "Ban hành ")
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
