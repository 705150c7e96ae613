package docs

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// parseClosingResult is the closing block body[start:end] and what in it no
// field took.
type parseClosingResult struct {
	ok         bool
	start, end int
	leftovers  []parsePara
}

// parseMaxClosing bounds the paragraphs of a closing block.
const parseMaxClosing = 150

// parseSigPrefix opens a signature title: "T/M BAN THƯỜNG VỤ", "TM. ỦY BAN",
// "KT. CHỦ TỊCH", "K/T TRƯỞNG BAN", "TL.", "TUQ.", "Q.".
var parseSigPrefix = regexp.MustCompile(`^(T/M|TM|KT|K/T|TL|T/L|TUQ|Q)(\.\s*|\s+)\p{Lu}`)

// parseSigInside finds a signature title glued after a recipient ("- Lưu Văn
// thư TM.ỦY BAN NHÂN DÂN").
var parseSigInside = regexp.MustCompile(`\s(T/M|TM\.|KT\.|K/T|TL\.|TUQ\.)\s*\p{Lu}`)

// parseNoteInside finds a footnote glued after the signer's name ("Phạm Thị
// Thanh Trà [1] Công văn số ...").
var parseNoteInside = regexp.MustCompile(`\s_?\s*\[(\d{1,3})\]\s`)

// parseTitleWords are words that a signer's title line holds.
var parseTitleWords = []string{"CHỦ TỊCH", "THỦ TƯỚNG", "TRƯỞNG", "BÍ THƯ", "GIÁM ĐỐC", "CHÁNH", "PHÓ", "TỔNG", "ỦY BAN", "UỶ BAN", "HỘI ĐỒNG", "THƯỜNG VỤ", "THƯỜNG TRỰC", "BAN "}

func parseHasTitleWord(s string) bool {
	for _, w := range parseTitleWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// parseSurnames are the common Vietnamese family names, which open a
// signer's name.
var parseSurnames = func() map[string]bool {
	m := map[string]bool{}
	for _, s := range strings.Fields("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đoàn Vương Trịnh Trương Lâm Phùng Mai Tô Tạ Hà Cao Lưu Đinh Châu Thái Quách Triệu Kiều Lương Chu La Văn Tăng Doãn Khúc Mạc Nông Hứa Lại Tôn Thân Giang Âu Đàm Đồng Hầu Kim Lò Quan Tống Từ Diệp Nghiêm Ninh Thạch Bế Cù Khổng Lục Phí Bạch Lã Mã Ông Viên Vi Đường Triệu Lưu Huỳnh Thái Tiêu Đậu Hoàng") {
		m[s] = true
	}
	return m
}()

// parseIsName reports whether s is a person's name: two to five capitalised
// words, the first a family name.
func parseIsName(s string) bool {
	s = strings.TrimRight(s, " ._")
	f := strings.Fields(s)
	if len(f) < 2 || len(f) > 5 || !parseSurnames[f[0]] {
		return false
	}
	for _, w := range f {
		for i, r := range w {
			if !unicode.IsLetter(r) || (i == 0) != unicode.IsUpper(r) {
				return false
			}
		}
	}
	return true
}

// parseIsNoiNhan reports whether s opens the recipients' list.
func parseIsNoiNhan(s string) bool {
	s = strings.TrimLeft(s, "_* ")
	if !strings.HasPrefix(s, "Nơi nhận") && !strings.HasPrefix(s, "NƠI NHẬN") {
		return false
	}
	rest := strings.TrimLeft(s[len("Nơi nhận"):], " _*")
	return strings.HasPrefix(rest, ":")
}

// parseIsSigMark reports whether s is a note of the signature: "(Đã ký)",
// "(Ký tên, đóng dấu)".
func parseIsSigMark(s string) bool {
	return strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") && strings.Contains(strings.ToLower(s), "ký") && parseWords(s) <= 8
}

// parseIsSigTitle reports whether s is a line of the signer's title.
func parseIsSigTitle(s string) bool {
	s = strings.Trim(s, "_ ")
	return parseSigPrefix.MatchString(s) || (parseIsCaps(s) && parseWords(s) <= 14 && !strings.HasPrefix(s, "-"))
}

// parseIsBullet reports whether s opens with a list dash.
func parseIsBullet(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == '-' || r == '–' || r == '+' || r == '•'
}

// closing finds the closing block: the "Nơi nhận:" list and the signature
// (title lines, "(Đã ký)", the name), in either column order or interleaved.
// It is the first such block after from that has a name (or a list) and is
// not followed by more numbered text; the recipients, signer title and name go
// to Metadata.
func (p *parser) closing(body []parsePara, from int) parseClosingResult {
	for i := from; i < len(body); i++ {
		t := body[i].text
		if !parseIsNoiNhan(t) && !parseSigPrefix.MatchString(strings.Trim(t, "_ ")) &&
			!(parseIsCaps(t) && parseWords(t) <= 10 && parseHasTitleWord(t) && parseNameSoon(body, i+1)) {
			continue
		}
		if c, ok := p.tryClosing(body, i); ok {
			return c
		}
	}
	return parseClosingResult{}
}

// parseNameSoon reports whether a name follows within a few title lines.
func parseNameSoon(body []parsePara, i int) bool {
	for k := i; k < len(body) && k < i+4; k++ {
		t := body[k].text
		if parseIsName(t) || parseIsName(parseNoteInside.Split(t, 2)[0]) {
			return true
		}
		if !parseIsSigTitle(t) && !parseIsSigMark(t) {
			return false
		}
	}
	return false
}

// tryClosing reads a closing block from body[i].
func (p *parser) tryClosing(body []parsePara, i int) (parseClosingResult, bool) {
	var rec, titles []string
	var left []parsePara
	var notes []parseNote
	name := ""
	seenNN := false
	j := i
	// sig places one part of a line that belongs to the signature.
	sig := func(s string, q parsePara) bool {
		s = strings.Trim(s, "_ ")
		switch {
		case s == "":
			return true
		case parseIsSigMark(s):
			left = append(left, parsePara{text: s, page: q.page})
		case parseIsName(s):
			name = strings.TrimRight(s, " ._")
		case parseIsSigTitle(s):
			titles = append(titles, s)
		default:
			return false
		}
		return true
	}
	// recipient places a recipient line, splitting off a signature part glued
	// after it (two columns read across).
	recipient := func(s string, q parsePara) {
		if loc := parseSigInside.FindStringIndex(s); loc != nil {
			if sig(s[loc[0]:], q) {
				s = s[:loc[0]]
			}
		} else if k := strings.LastIndexAny(s, ";,."); k >= 0 && k < len(s)-1 {
			tail := strings.TrimSpace(s[k+1:])
			if parseIsSigMark(tail) || parseIsName(tail) || (parseIsCaps(tail) && parseHasTitleWord(tail)) {
				sig(tail, q)
				s = s[:k+1]
			} else if title, nm, rest, ok := parseSigTail(tail); ok {
				titles = append(titles, title)
				name = nm
				if rest != "" {
					left = append(left, parsePara{text: rest, page: q.page})
				}
				s = s[:k+1]
			}
		}
		s = strings.TrimSpace(s)
		s = strings.TrimLeft(s, "-–+• ")
		s = strings.TrimRight(s, ",;. ")
		if s != "" {
			rec = append(rec, s)
		}
	}
loop:
	for ; j < len(body) && j < i+parseMaxClosing; j++ {
		q := body[j]
		t := q.text
		if name != "" && !(seenNN && parseIsBullet(t)) && !parseIsSigMark(t) && !(!seenNN && parseIsNoiNhan(t)) {
			break
		}
		switch {
		case parseIsNoiNhan(t):
			seenNN = true
			k := strings.Index(t, ":")
			if rest := strings.TrimSpace(strings.Trim(t[k+1:], "_* ")); rest != "" {
				if !sig(rest, q) {
					recipient(rest, q)
				}
			}
		case parseIsBullet(t):
			if !seenNN && (parseWords(t) > 25 || len(titles) == 0) {
				break loop
			}
			recipient(t, q)
		case parseIsSigMark(t):
			left = append(left, q)
		case parseIsName(t):
			name = strings.TrimRight(t, " ._")
		case parseIsSigTitle(t):
			titles = append(titles, strings.Trim(t, "_ "))
		default:
			if loc := parseNoteInside.FindStringSubmatchIndex(t); loc != nil && parseIsName(t[:loc[0]]) {
				name = strings.TrimRight(t[:loc[0]], " ._")
				notes = append(notes, parseNote{
					Footnote: Footnote{Mark: t[loc[2]:loc[3]], Text: strings.TrimSpace(t[loc[1]:]), Page: q.page},
					after:    j,
				})
				continue
			}
			if seenNN && name == "" && len(titles) == 0 && parseWords(t) <= 25 && parseTerminal(t) {
				recipient(t, q)
				continue
			}
			break loop
		}
	}
	if name == "" && !(seenNN && len(rec) > 0) {
		return parseClosingResult{}, false
	}
	if !seenNN && len(titles) == 0 {
		return parseClosingResult{}, false
	}
	if j < len(body) {
		if l, ok := parseLabelOf(body[j].text, true, true); ok && l.level != "appendix" {
			return parseClosingResult{}, false // the text goes on: a sample signature
		}
	}
	start := i
	if !seenNN {
		// A list without "Nơi nhận:" just above the signature, ending "- Lưu ...".
		k := i
		for k > 0 && parseIsBullet(body[k-1].text) && parseWords(body[k-1].text) <= 25 &&
			(parseTerminal(body[k-1].text) || strings.HasSuffix(body[k-1].text, ",")) {
			k--
		}
		if k < i && strings.Contains(body[i-1].text, "Lưu") {
			var pre []string
			for m := k; m < i; m++ {
				s := strings.TrimRight(strings.TrimLeft(body[m].text, "-–+• "), ",;. ")
				if s != "" {
					pre = append(pre, s)
				}
			}
			rec = append(pre, rec...)
			start = k
		}
	}
	p.meta.Recipients = rec
	p.meta.SignerTitle = strings.Join(titles, " ")
	p.meta.SignerName = name
	p.notes = append(p.notes, notes...)
	return parseClosingResult{ok: true, start: start, end: j, leftovers: left}, true
}

// parseSigTail reads a signature glued after the last recipient: "TỔNG THANH
// TRA Trần Văn Truyền – Đã ký" → title, name and what follows.
func parseSigTail(s string) (title, name, rest string, ok bool) {
	f := strings.Fields(s)
	n := 0
	for n < len(f) && parseIsCaps(f[n]) || (n < len(f) && len([]rune(f[n])) == 1 && unicode.IsUpper([]rune(f[n])[0])) {
		n++
	}
	title = strings.Join(f[:n], " ")
	if n == 0 || !parseHasTitleWord(title) {
		return "", "", "", false
	}
	for m := min(len(f), n+5); m >= n+2; m-- {
		if c := strings.Join(f[n:m], " "); parseIsName(c) {
			return title, strings.TrimRight(c, " ._"), strings.Join(f[m:], " "), true
		}
	}
	return "", "", "", false
}
