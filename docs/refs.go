package docs

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Document numbers come in two styles:
//
//	Party: number "-" kind code "/" issuer code   74-KL/TW, 1398-TB/TU, 45-HD/BTCTW
//	State: number ["/" year] "/" codes joined by "-"   09/2010/QĐ-UBND, 1026/KH-UBND, 56/2010/QH12
//
// refNumber is one number taken apart; canonical puts it back together.
type refNumber struct {
	num   string   // digits as written: "01", "1398"
	year  string   // "2010" or ""
	codes []string // official casing: ["KL", "TW"], ["QĐ", "UBND"], ["QH12"]
	party bool
}

// refCasing holds the codes whose official spelling is not all upper case,
// keyed by their upper-case form.
var refCasing = map[string]string{
	"TTG": "TTg",
	"CTR": "CTr",
	"TTR": "TTr",
	"QĐI": "QĐi",
}

// refStateBodies are issuer codes of State bodies: a number that ends with one
// of them is written in State style even when the citation used Party style.
var refStateBodies = map[string]bool{
	"UBND": true, "HĐND": true, "CP": true, "TTg": true, "VPCP": true, "QH": true,
	"UBTVQH": true, "CTN": true, "TANDTC": true, "VKSNDTC": true, "KTNN": true,
	"BNV": true, "BTC": true, "BCA": true, "BQP": true, "BYT": true, "BGDĐT": true,
	"BKHCN": true, "BTP": true, "NHNN": true, "SNV": true, "BNG": true,
}

// refPartyBody reports whether an issuer code names a Party body: the Central
// Committee (TW) and its organs (BTCTW, VPTW, BTGDVTW...), provincial,
// district, city and grassroots committees (TU, HU, QU, TXU, ĐU, ĐUK...) and
// their organs (BTCTU, VPTU...).
func refPartyBody(c string) bool {
	switch c {
	case "TW", "TU", "HU", "QU", "TXU", "ĐU", "ĐUK", "ĐUQSTW", "ĐUCA":
		return true
	}
	if len(c) > 2 && (strings.HasSuffix(c, "TW") || strings.HasSuffix(c, "TU") || strings.HasSuffix(c, "HU") || strings.HasSuffix(c, "ĐU")) {
		return true
	}
	return false
}

// refCleanNumber drops the "Số:"/"số" prefix, spaces and trailing
// punctuation, and writes every dash as "-".
func refCleanNumber(s string) string {
	s = strings.TrimSpace(s)
	low := strings.ToLower(s)
	for _, p := range []string{"số", "so"} {
		if strings.HasPrefix(low, p) {
			rest := s[len(p):]
			r, _ := utf8.DecodeRuneInString(rest)
			if rest == "" || r == ':' || r == '.' || unicode.IsSpace(r) || unicode.IsDigit(r) {
				s = strings.TrimLeft(rest, ":. \t\u00a0")
			}
			break
		}
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
		case r == '–' || r == '—' || r == '‐' || r == '‑' || r == '−':
			b.WriteByte('-')
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimRight(b.String(), ".,;:)")
}

// refIsDigits reports whether s is a non-empty run of ASCII digits.
func refIsDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// refIsYear reports whether s is a plausible year of issue.
func refIsYear(s string) bool {
	return len(s) == 4 && refIsDigits(s) && s >= "1945" && s <= "2099"
}

// refCode gives a code its official casing; ok is false when s is not a code
// (it must start with a letter and hold letters and digits only).
func refCode(s string) (string, bool) {
	if s == "" || utf8.RuneCountInString(s) > 14 {
		return "", false
	}
	first, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsLetter(first) {
		return "", false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return "", false
		}
	}
	u := strings.ToUpper(s)
	if c, ok := refCasing[u]; ok {
		return c, true
	}
	return u, true
}

// refParseNumber takes apart a cleaned number; ok reports whether it has the
// shape of a document number.
func refParseNumber(s string) (refNumber, bool) {
	var n refNumber
	i := strings.IndexAny(s, "-/")
	if i <= 0 || i > 6 || !refIsDigits(s[:i]) {
		return n, false
	}
	n.num = s[:i]
	firstSep := s[i]
	rest := s[i+1:]
	if firstSep == '/' {
		if j := strings.IndexByte(rest, '/'); j == 4 && refIsYear(rest[:4]) {
			n.year = rest[:4]
			rest = rest[5:]
		}
	}
	for _, seg := range strings.FieldsFunc(rest, func(r rune) bool { return r == '-' || r == '/' }) {
		c, ok := refCode(seg)
		if !ok {
			return n, false
		}
		n.codes = append(n.codes, c)
	}
	if len(n.codes) == 0 || strings.HasSuffix(rest, "-") || strings.HasSuffix(rest, "/") || strings.Contains(rest, "--") || strings.Contains(rest, "//") {
		return n, false
	}
	if n.year == "" && len(n.codes) >= 2 {
		last := n.codes[len(n.codes)-1]
		n.party = refPartyBody(last) || (firstSep == '-' && !refStateBody(last))
	}
	if !n.party && firstSep == '-' && len(n.codes) < 2 {
		return n, false // "74-KL": no issuer
	}
	// The issuer (or the sole code) is at least two letters: "18-NQ/T" is
	// truncated, and "1/1/I" is not a number.
	if utf8.RuneCountInString(n.codes[len(n.codes)-1]) < 2 {
		return n, false
	}
	return n, true
}

// refStateBody reports whether c is the code of a State body; "QH15" counts as QH.
func refStateBody(c string) bool {
	return refStateBodies[strings.TrimRightFunc(c, unicode.IsDigit)]
}

// canonical writes n in its style.
func (n refNumber) canonical() string {
	var b strings.Builder
	b.WriteString(n.num)
	if n.party {
		b.WriteByte('-')
		b.WriteString(n.codes[0])
		b.WriteByte('/')
		b.WriteString(strings.Join(n.codes[1:], "-"))
		return b.String()
	}
	b.WriteByte('/')
	if n.year != "" {
		b.WriteString(n.year)
		b.WriteByte('/')
	}
	b.WriteString(strings.Join(n.codes, "-"))
	return b.String()
}

// NormalizeNumber returns the canonical form of a document number as written
// in a header or a citation ("Số: 09/2010/QĐ-UBND", "74/KL-TW", "74 - kl/tw"),
// and whether it looks like a valid number. Party numbers read "74-KL/TW",
// State numbers "09/2010/QĐ-UBND" or "1026/KH-UBND"; codes are upper case but
// for the few with an official lower-case letter (TTg, CTr, TTr, QĐi). A
// number cited in the other style is rewritten in the style of its issuer
// ("74/KL-TW" → "74-KL/TW"). When s is not a number, the result is s without
// its prefix and spaces, and false.
func NormalizeNumber(s string) (string, bool) {
	c := refCleanNumber(s)
	n, ok := refParseNumber(c)
	if !ok {
		return c, false
	}
	return n.canonical(), true
}

// NumberKey is the key under which numbers meet for matching, looser than the
// canonical form: the number without leading zeros, the kind code, and the
// year when written, in lower case without diacritics ("đ" → "d"). "74-KL/TW",
// "74/KL-TW", "KL 74", "kl74", "74 KL TW" and "Kết luận 74" all give "74-kl";
// "09/2010/QĐ-UBND" gives "9-qd-2010". It returns "" when s holds no number.
func NumberKey(s string) string {
	c := refCleanNumber(s)
	if n, ok := refParseNumber(c); ok {
		return refKey(n.num, n.codes[0], n.year)
	}
	// Loose forms: split into runs of digits and runs of letters.
	var num, code, year string
	low := strings.ToLower(strings.TrimSpace(s))
	for _, kc := range refKindCodeByWord {
		if strings.HasPrefix(low, kc[0]) {
			code = kc[1]
			low = low[len(kc[0]):]
			break
		}
	}
	for _, tok := range refTokens(low) {
		switch {
		case refIsDigits(tok):
			if num == "" {
				num = tok
			} else if year == "" && refIsYear(tok) {
				year = tok
			}
		case code == "" && tok != "số" && tok != "so":
			code = tok
		}
	}
	if num == "" || code == "" {
		return ""
	}
	return refKey(num, code, year)
}

// refTokens splits s into runs of digits and runs of letters.
func refTokens(s string) []string {
	var out []string
	start, kind := -1, 0
	for i, r := range s {
		k := 0
		switch {
		case r < 128 && r >= '0' && r <= '9':
			k = 1
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			k = 2
		}
		if k != kind {
			if kind != 0 {
				out = append(out, s[start:i])
			}
			start, kind = i, k
		}
	}
	if kind != 0 {
		out = append(out, s[start:])
	}
	return out
}

// refKey builds a NumberKey.
func refKey(num, code, year string) string {
	num = strings.TrimLeft(num, "0")
	if num == "" {
		num = "0"
	}
	k := num + "-" + refFold(code)
	if year != "" {
		k += "-" + year
	}
	return k
}

// refFold lowers a code and drops its diacritics ("QĐi" → "qdi").
func refFold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r == 'đ' {
			r = 'd'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// refKindCodeByWord maps a kind word, lower case, to its usual code, for
// NumberKey's loose forms ("Kết luận 74"); longer words first.
var refKindCodeByWord = [][2]string{
	{"thông báo kết luận", "tb"},
	{"chương trình hành động", "ctr"},
	{"nghị quyết", "nq"},
	{"kết luận", "kl"},
	{"quyết định", "qđ"},
	{"nghị định", "nđ"},
	{"thông tư", "tt"},
	{"chỉ thị", "ct"},
	{"kế hoạch", "kh"},
	{"hướng dẫn", "hd"},
	{"quy định", "qđ"},
	{"công điện", "cđ"},
	{"thông báo", "tb"},
	{"báo cáo", "bc"},
	{"tờ trình", "ttr"},
}

// refKinds are the kind words that may stand before a number, longer first,
// in sentence case. "Văn bản" is generic: its kind comes from the code.
var refKinds = []string{
	"Thông báo kết luận",
	"Chương trình hành động",
	"Nghị quyết liên tịch",
	"Thông tư liên tịch",
	"Chương trình",
	"Nghị quyết",
	"Kết luận",
	"Quyết định",
	"Nghị định",
	"Thông tư",
	"Chỉ thị",
	"Kế hoạch",
	"Hướng dẫn",
	"Quy định",
	"Công văn",
	"Công điện",
	"Thông báo",
	"Báo cáo",
	"Tờ trình",
	"Đề án",
	"Pháp lệnh",
	"Quy chế",
	"Văn bản",
	"Luật",
}

// refKindByCode names the kind of a document from its kind code.
var refKindByCode = map[string]string{
	"NQ": "Nghị quyết", "NQLT": "Nghị quyết liên tịch", "KL": "Kết luận",
	"QĐ": "Quyết định", "QĐi": "Quy định", "NĐ": "Nghị định", "TT": "Thông tư",
	"TTLT": "Thông tư liên tịch", "CT": "Chỉ thị", "KH": "Kế hoạch",
	"HD": "Hướng dẫn", "TB": "Thông báo", "CTr": "Chương trình", "CV": "Công văn",
	"CĐ": "Công điện", "BC": "Báo cáo", "TTr": "Tờ trình", "ĐA": "Đề án",
	"QC": "Quy chế", "L": "Lệnh", "PL": "Pháp lệnh",
}

// refKindCode gives the usual kind code of a kind word, for matching a short
// form ("Nghị quyết số 39") with a full number.
var refKindCode = map[string]string{
	"Thông báo kết luận": "TB", "Chương trình hành động": "CTr", "Chương trình": "CTr",
	"Nghị quyết liên tịch": "NQLT", "Thông tư liên tịch": "TTLT", "Nghị quyết": "NQ",
	"Kết luận": "KL", "Quyết định": "QĐ", "Nghị định": "NĐ", "Thông tư": "TT",
	"Chỉ thị": "CT", "Kế hoạch": "KH", "Hướng dẫn": "HD", "Quy định": "QĐ",
	"Công văn": "CV", "Công điện": "CĐ", "Thông báo": "TB", "Báo cáo": "BC",
	"Tờ trình": "TTr", "Đề án": "ĐA", "Pháp lệnh": "PL", "Quy chế": "QC",
}

// kind names the kind of a number from its codes: "NQ" → "Nghị quyết",
// "QH12" alone → "Luật", "UBND-VX" → "Công văn"; "" when unknown.
func (n refNumber) kind() string {
	if len(n.codes) == 0 {
		return ""
	}
	c := n.codes[0]
	if k, ok := refKindByCode[c]; ok {
		return k
	}
	if len(n.codes) == 1 && strings.TrimRightFunc(c, unicode.IsDigit) == "QH" {
		return "Luật"
	}
	if len(n.codes) >= 2 && !n.party && n.year == "" {
		// "4169/UBND-VX", "1552/BTTTT-TTH": the issuer's code first
		return "Công văn"
	}
	return ""
}

// refFound is a reference in the making, with what the scan knows of it.
type refFound struct {
	Reference
	n         refNumber // parsed number; n.codes empty for a short form
	short     bool      // "Nghị quyết số 39": no code written
	truncated bool      // "18-NQ/T": issuer code cut
	kindWord  bool      // Kind came from a word before the number
	numStart  int       // where the digits begin
	end       int       // end of the number itself (before any date)
}

// FindReferences finds every citation of a document by number in one
// clause's text, in order: full numbers ("Kết luận số 74-KL/TW, ngày
// 22-5-2020 của Bộ Chính trị", "Quyết định số 93/2007/QĐ-TTg", "theo
// 74-KL/TW"), lists sharing a code ("Nghị quyết số 18, 19-NQ/TW": two
// references), and short forms ("Nghị quyết số 39"). Text is the citation as
// written, from the kind word (or "số") through the number and its date, the
// issuer excluded; Start and End are its byte offsets in text. Kind, Date and
// Issuer come from the citation when given; a list's kind word and trailing
// issuer apply to the members of the same kind. Clause is left empty.
//
// A short form has Number "" (the text gives no code; ResolveReferences may
// find it) and Uncertain true. A truncated issuer code ("18-NQ/T") is
// repaired from another number of the same text with the same number and kind
// code ("19-NQ/TW" → "18-NQ/TW"), Uncertain true; when nothing repairs it,
// Number keeps the cut form ("18-NQ/T", not a valid number) for
// ResolveReferences to try on the whole document.
func FindReferences(text string) []Reference {
	var found []refFound
	last := 0 // bytes before last belong to a reference already
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c < '0' || c > '9' || i < last || !refNumberStart(text, i) {
			continue
		}
		items, ok := refScanList(text, last, i)
		if !ok {
			// skip the rest of this digit run
			for i+1 < len(text) && text[i+1] >= '0' && text[i+1] <= '9' {
				i++
			}
			continue
		}
		found = append(found, items...)
		last = items[len(items)-1].End
		i = last - 1
	}
	if len(found) == 0 {
		return nil
	}
	refFinish(text, found)
	out := make([]Reference, len(found))
	for i := range found {
		out[i] = found[i].Reference
	}
	return out
}

// refNumberStart reports whether a digit at i may begin a number: it is not
// inside a word, a number, a date or a label ("2021-2026", "2.1", "F0").
func refNumberStart(text string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
		return false
	}
	switch r {
	case '/', '-', '.', '–', '_', '\\':
		return false
	}
	return true
}

// refDigits returns the end of the run of ASCII digits at i.
func refDigits(text string, i int) int {
	j := i
	for j < len(text) && text[j] >= '0' && text[j] <= '9' {
		j++
	}
	return j
}

// refSep reads a number separator at i ("-", "/", "–"); spaced says whether
// a single space may stand on each side. It returns the separator as '-' or
// '/' and the end, or 0.
func refSep(text string, i int, spaced bool) (byte, int) {
	if spaced && i < len(text) && text[i] == ' ' {
		i++
	}
	var sep byte
	switch {
	case i < len(text) && (text[i] == '-' || text[i] == '/'):
		sep = text[i]
		i++
	case strings.HasPrefix(text[i:], "–"):
		sep = '-'
		i += len("–")
	default:
		return 0, 0
	}
	if spaced && i < len(text) && text[i] == ' ' {
		i++
	}
	return sep, i
}

// refCodeAt reads a code written in text at i: an upper-case letter, upper
// case letters and digits, and at most one final lower-case letter (TTg,
// CTr, QĐi); it must end the word. It returns the end, or 0.
func refCodeAt(text string, i int) int {
	r, w := utf8.DecodeRuneInString(text[i:])
	if !unicode.IsUpper(r) {
		return 0
	}
	j := i + w
	lower := false
	for j < len(text) {
		r, w = utf8.DecodeRuneInString(text[j:])
		switch {
		case lower && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)):
			return 0
		case unicode.IsUpper(r) || (r < 128 && r >= '0' && r <= '9'):
		case unicode.IsLower(r):
			lower = true
		case unicode.Is(unicode.Mn, r):
			return 0
		default:
			return j
		}
		j += w
	}
	return j
}

// refParseAt reads a full number at i (digits at i): "74-KL/TW", "74 - KL/TW",
// "188- KL/TW", "09/2010/QĐ-UBND". It returns the end and the number; end 0
// when there is no code. truncated is set when the only fault is a
// one-letter issuer code ("18-NQ/T").
func refParseAt(text string, i int) (end int, n refNumber, truncated, ok bool) {
	d := refDigits(text, i)
	if d-i > 6 {
		return 0, n, false, false
	}
	sep, j := refSep(text, d, true)
	if j == 0 {
		return 0, n, false, false
	}
	var b strings.Builder
	b.WriteString(text[i:d])
	b.WriteByte(sep)
	if sep == '/' {
		if y := refDigits(text, j); y-j == 4 && refIsYear(text[j:y]) && y < len(text) && text[y] == '/' {
			b.WriteString(text[j:y])
			b.WriteByte('/')
			j = y + 1
		}
	}
	e := refCodeAt(text, j)
	if e == 0 {
		return 0, n, false, false
	}
	b.WriteString(text[j:e])
	end = e
	for {
		s, k := refSep(text, end, false)
		if k == 0 {
			break
		}
		e := refCodeAt(text, k)
		if e == 0 {
			break
		}
		b.WriteByte(s)
		b.WriteString(text[k:e])
		end = e
	}
	cleaned := b.String()
	n, ok = refParseNumber(cleaned)
	if ok {
		return end, n, false, true
	}
	// A cut issuer: "NQ/T". Parse it with a placeholder to learn its shape.
	if k := strings.LastIndexAny(cleaned, "-/"); k > 0 && utf8.RuneCountInString(cleaned[k+1:]) == 1 {
		if n2, ok2 := refParseNumber(cleaned + "ZZ"); ok2 {
			last := len(n2.codes) - 1
			n2.codes[last] = strings.TrimSuffix(n2.codes[last], "ZZ")
			if n2.party || len(n2.codes) >= 2 {
				return end, n2, true, true
			}
		}
	}
	return 0, n, false, false
}

// refScanList reads at i a number and the list it heads: "18, 19-NQ/TW",
// "18-NQ/TW, số 19-NQ/TW" is two scans; a run of bare numbers takes the codes
// of the full number that ends it, or else is a run of short forms when a
// kind word and "số" stand before it.
func refScanList(text string, floor, i int) ([]refFound, bool) {
	var bare [][2]int // digit spans waiting for codes
	j := i
	for {
		end, n, trunc, ok := refParseAt(text, j)
		if ok {
			items := make([]refFound, 0, len(bare)+1)
			for _, sp := range bare {
				m := n
				m.num = text[sp[0]:sp[1]]
				items = append(items, refFound{n: m, truncated: trunc, numStart: sp[0], end: sp[1]})
				items[len(items)-1].End = sp[1]
			}
			items = append(items, refFound{n: n, truncated: trunc, numStart: j, end: end})
			items[len(items)-1].End = end
			return refHead(text, floor, items)
		}
		d := refDigits(text, j)
		if d-j > 6 || !refShortEnd(text, d) {
			break
		}
		bare = append(bare, [2]int{j, d})
		k := refListSep(text, d)
		if k == 0 || k >= len(text) || text[k] < '0' || text[k] > '9' {
			break
		}
		j = k
	}
	if len(bare) == 0 {
		return nil, false
	}
	// Short forms need "Kind số" before the first.
	kind, kstart, hasSo := refKindBefore(text, floor, bare[0][0])
	if kind == "" || !hasSo {
		return nil, false
	}
	items := make([]refFound, len(bare))
	for k, sp := range bare {
		items[k] = refFound{short: true, numStart: sp[0], end: sp[1]}
		items[k].Kind = kind
		items[k].kindWord = true
		items[k].Start = sp[0]
		items[k].End = sp[1]
		items[k].Uncertain = true
	}
	items[0].Start = kstart
	return items, true
}

// refShortEnd reports whether a bare number may end at d: not followed by a
// letter, a digit, "%", or a separator that makes it a date, an amount or a
// label ("22-5-2020", "1,5", "2.1").
func refShortEnd(text string, d int) bool {
	if d >= len(text) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[d:])
	switch {
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		return false
	case r == ',' || r == '.' || r == ')' || r == ';':
		return d+1 >= len(text) || text[d+1] < '0' || text[d+1] > '9'
	case r == '%' || r == '/' || r == '-' || r == '–' || r == '_':
		return false
	}
	return true
}

// refListSep reads a list separator at i (", ", " và ", ", số ", " và số ",
// "; ") and returns where the next item begins, or 0.
func refListSep(text string, i int) int {
	j := i
	for j < len(text) && text[j] == ' ' {
		j++
	}
	switch {
	case strings.HasPrefix(text[j:], ","), strings.HasPrefix(text[j:], ";"):
		j++
	case strings.HasPrefix(text[j:], "và "), strings.HasPrefix(text[j:], "VÀ "):
		j += len("và")
	default:
		return 0
	}
	for j < len(text) && text[j] == ' ' {
		j++
	}
	if k := refSoPrefix(text, j); k > 0 {
		j = k
	}
	return j
}

// refSoPrefix reads "số", "Số:", "SỐ " at i and returns the end of the
// spaces after it, or 0.
func refSoPrefix(text string, i int) int {
	for _, so := range []string{"số", "Số", "SỐ"} {
		if strings.HasPrefix(text[i:], so) {
			j := i + len(so)
			if j < len(text) && text[j] == ':' {
				j++
			}
			k := j
			for k < len(text) && text[k] == ' ' {
				k++
			}
			if k > j || (k < len(text) && text[k] >= '0' && text[k] <= '9') {
				return k
			}
		}
	}
	return 0
}

// refKindBefore looks before the digits at i, and not before floor (the end
// of the reference before), for "số" and a kind word. It returns the kind in
// sentence case ("" when none; the generic "Văn bản" gives ""), where the
// citation starts (the kind word, else "số", else i), and whether "số" was
// written.
func refKindBefore(text string, floor, i int) (kind string, start int, hasSo bool) {
	start = i
	j := i
	for j > floor && text[j-1] == ' ' {
		j--
	}
	if j > floor && text[j-1] == ':' {
		j--
	}
	for _, so := range []string{"số", "Số", "SỐ"} {
		if j-len(so) >= floor && text[j-len(so):j] == so && refWordStart(text, j-len(so)) {
			hasSo = true
			j -= len(so)
			start = j
			break
		}
	}
	if !hasSo && j == i {
		return "", start, false
	}
	for j > floor && text[j-1] == ' ' {
		j--
	}
	for _, k := range refKinds {
		if j-len(k) >= floor && strings.EqualFold(text[j-len(k):j], k) && refWordStart(text, j-len(k)) {
			start = j - len(k)
			if k == "Văn bản" {
				return "", start, hasSo
			}
			return k, start, hasSo
		}
	}
	return "", start, hasSo
}

// refWordStart reports whether a word may begin at i (no letter before it).
func refWordStart(text string, i int) bool {
	if i <= 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
}

// refHead fills the start and kind of the items of a list from the words
// before its first number.
func refHead(text string, floor int, items []refFound) ([]refFound, bool) {
	kind, start, hasSo := refKindBefore(text, floor, items[0].numStart)
	first := &items[0]
	first.Start = start
	if kind != "" {
		first.Kind, first.kindWord = kind, true
	}
	// A bare number with a single code and no year ("01/BC") is a form
	// label more often than a citation: keep it only after a kind word or "số".
	if kind == "" && !hasSo && start == first.numStart {
		n := items[len(items)-1].n
		if n.year == "" && len(n.codes) < 2 {
			return nil, false
		}
	}
	for k := 1; k < len(items); k++ {
		items[k].Start = items[k].numStart
		if _, s, so := refKindBefore(text, items[k-1].End, items[k].numStart); so {
			items[k].Start = s
		}
	}
	return items, true
}

// refDate is a date after a number: "ngày 22-5-2020", ", ngày 21/10/2025",
// "ngày 22 tháng 6 năm 2007".
var refDate = regexp.MustCompile(`^,? ?(?i:ngày) +(\d{1,2})(?: ?[-/.] ?(\d{1,2}) ?[-/.] ?(\d{4})| +(?i:tháng) +(\d{1,2}),? +(?i:năm) +(\d{4}))`)

// refDateAt reads a date at i; it returns the ISO date and its end, or "", 0.
func refDateAt(text string, i int) (string, int) {
	m := refDate.FindStringSubmatchIndex(text[i:])
	if m == nil {
		return "", 0
	}
	g := func(k int) string {
		if m[2*k] < 0 {
			return ""
		}
		return text[i+m[2*k] : i+m[2*k+1]]
	}
	d, mo, y := g(1), g(2), g(3)
	if mo == "" {
		mo, y = g(4), g(5)
	}
	dd, _ := strconv.Atoi(d)
	mm, _ := strconv.Atoi(mo)
	yy, _ := strconv.Atoi(y)
	if mm < 1 || mm > 12 || dd < 1 || dd > 31 || yy < 1945 || yy > 2099 {
		return "", 0
	}
	t := time.Date(yy, time.Month(mm), dd, 0, 0, 0, 0, time.UTC)
	if t.Day() != dd {
		return "", 0
	}
	return t.Format("2006-01-02"), i + m[1]
}

// refIssuerLead skips the session that stands before the Central Committee:
// "Hội nghị lần thứ sáu Ban Chấp hành Trung ương" → "Ban Chấp hành Trung ương".
var refIssuerLead = regexp.MustCompile(`^(?i:hội nghị) +(?:(?i:lần thứ) +\pL+|(?i:trung ương) +\d+) +`)

// refIssuerMid are the lower-case words that may stand inside the name of a
// body but not end it ("Ủy ban nhân dân", "thành phố Hà Nội"); refIssuerEnd
// those that may end it too ("Bộ Chính trị", "Thủ tướng Chính phủ").
var (
	refIssuerMid = map[string]bool{
		"ban": true, "nhân": true, "đồng": true, "thành": true, "thị": true,
		"cán": true, "tổ": true, "kiểm": true, "tối": true, "nội": true, "tài": true,
		"y": true, "trung": true, "khối": true, "công": true, "an": true, "quân": true,
		"ngân": true, "thống": true, "sở": true, "cục": true, "tổng": true, "liên": true,
		"giúp": true, "bí": true, "phát": true, "triển": true, "nông": true, "xây": true, "văn": true, "đoàn": true, "thường": true, "chấp": true,
	}
	refIssuerEnd = map[string]bool{
		"dân": true, "trị": true, "phủ": true, "hành": true, "ương": true,
		"vụ": true, "ủy": true, "uỷ": true, "tướng": true, "đạo": true, "chức": true,
		"tra": true, "giáo": true, "phòng": true, "tịch": true, "nước": true, "sự": true,
		"sát": true, "cao": true, "tế": true, "tạo": true, "trưởng": true, "thư": true,
		"viên": true, "đảng": true, "chính": true, "dục": true, "việc": true, "hàng": true,
		"kê": true, "minh": true, "quốc": true, "đội": true, "vận": true, "hội": true,
		"học": true, "nghệ": true, "động": true, "nguyên": true, "trường": true, "hóa": true,
		"lịch": true, "thao": true, "binh": true, "nghiệp": true, "thôn": true, "dựng": true,
		"tin": true, "thông": true, "ninh": true, "tỉnh": true, "phố": true, "huyện": true,
		"xã": true, "phường": true, "quận": true, "trấn": true,
	}
	// refIssuerHead are capitalized words that begin a name but do not
	// end one ("Bộ" of "Bộ Chính trị", "Thành" of "Thành phố").
	refIssuerHead = map[string]bool{
		"bộ": true, "ban": true, "ủy": true, "uỷ": true, "hội": true, "văn": true,
		"thủ": true, "thành": true, "quốc": true, "tỉnh": true, "chính": true,
		"sở": true, "cục": true, "tổng": true, "ngân": true, "kiểm": true, "viện": true,
		"tòa": true, "mặt": true,
	}
	refIssuerStop = map[string]bool{
		"về": true, "khóa": true, "khoá": true, "ngày": true, "tháng": true, "năm": true,
		"quy": true, "hướng": true, "thực": true, "tại": true, "đối": true, "với": true,
		"trong": true, "để": true, "nhằm": true, "theo": true, "cho": true, "sửa": true,
		"phê": true, "ban hành": true, "đã": true, "có": true, "được": true,
		"mà": true, "là": true, "đến": true, "từ": true, "nhiệm": true, "số": true,
	}
)

// refIssuerAt reads "của <body>" at i: the body's name up to a clause
// boundary, without its "khóa ..." tail, and "Ban Chấp hành Trung ương Đảng"
// shortened to "Ban Chấp hành Trung ương". It returns "" when there is none.
func refIssuerAt(text string, i int) string {
	j := i
	if j < len(text) && text[j] == ',' {
		j++
	}
	for j < len(text) && (text[j] == ' ' || text[j] == '\n') {
		j++
	}
	ok := false
	for _, cua := range []string{"của", "Của", "CỦA"} {
		if strings.HasPrefix(text[j:], cua) && j+len(cua) < len(text) && (text[j+len(cua)] == ' ' || text[j+len(cua)] == '\n') {
			j += len(cua)
			ok = true
			break
		}
	}
	if !ok {
		return ""
	}
	for j < len(text) && (text[j] == ' ' || text[j] == '\n') {
		j++
	}
	if m := refIssuerLead.FindStringIndex(text[j:]); m != nil {
		j += m[1]
	}
	start, end, good := j, j, j // good: end of the last word that may end a name
words:
	for w := 0; w < 14 && end < len(text); w++ {
		k := end
		nl := false
		if w > 0 {
			// words are spaced; a line break continues the name only
			// before a lower-case word ("Thủ tướng Chính\nphủ")
			if text[k] != ' ' && text[k] != '\n' {
				break
			}
			nl = text[k] == '\n'
			k++
		}
		e := k
		for e < len(text) {
			r, sz := utf8.DecodeRuneInString(text[e:])
			if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) && !(r < 128 && r >= '0' && r <= '9') {
				break
			}
			e += sz
		}
		if e == k {
			break
		}
		word := text[k:e]
		low := strings.ToLower(word)
		if refIssuerStop[low] || (low == "ban" && strings.HasPrefix(strings.ToLower(text[e:]), " hành")) {
			break
		}
		first, _ := utf8.DecodeRuneInString(word)
		if nl && !unicode.IsLower(first) && good == end && !(low == "chính" && strings.HasSuffix(strings.ToLower(text[start:end]), "thủ tướng")) {
			break // a new line after a complete name
		}
		if low == "và" {
			// "Bộ Giáo dục và Đào tạo", "Bộ Chính trị và Ban Bí thư"
			if e+1 >= len(text) || text[e] != ' ' {
				break
			}
			if r, _ := utf8.DecodeRuneInString(text[e+1:]); !unicode.IsUpper(r) || refKindAt(text, e+1) {
				break
			}
			end = e
			continue
		}
		switch {
		case unicode.IsUpper(first):
			if w > 0 && refKindAt(text, k) {
				break words
			}
			if !refIssuerHead[low] {
				good = e
			}
		case w == 0:
			return ""
		case refIssuerEnd[low]:
			good = e
		case refIssuerMid[low]:
		default:
			break words
		}
		end = e
	}
	name := strings.ReplaceAll(text[start:good], "\n", " ")
	for _, tail := range []string{" Đảng", " ĐẢNG"} {
		if strings.HasSuffix(name, tail) && strings.HasSuffix(strings.ToLower(name[:len(name)-len(tail)]), "trung ương") {
			name = name[:len(name)-len(tail)]
		}
	}
	return name
}

// refKindAt reports whether a capitalized kind word begins at i ("Nghị
// quyết", "Kết luận"): the name of a body does not run into it.
func refKindAt(text string, i int) bool {
	for _, k := range refKinds {
		if len(text)-i >= len(k) && strings.EqualFold(text[i:i+len(k)], k) && refWordEnd(text, i+len(k)) {
			return true
		}
	}
	return false
}

// refWordEnd reports whether a word may end at i (no letter after it).
func refWordEnd(text string, i int) bool {
	if i >= len(text) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
}

// refListGap reports whether the text between two references only joins
// them in a list: ", ", " và ", ", số ", "; ".
func refListGap(gap string) bool {
	g := strings.TrimSpace(gap)
	for _, p := range []string{",", ";", "và", "VÀ"} {
		if strings.HasPrefix(g, p) {
			g = strings.TrimSpace(g[len(p):])
			break
		}
	}
	return g == ""
}

// refFinish completes the references of one text: numbers, dates, issuers,
// kinds shared along a list, and cut issuer codes repaired.
func refFinish(text string, found []refFound) {
	for k := range found {
		f := &found[k]
		if d, e := refDateAt(text, f.end); e > 0 && (k+1 == len(found) || e <= found[k+1].Start) {
			f.Date, f.End = d, e
		}
		f.Text = text[f.Start:f.End]
		f.Issuer = refIssuerAt(text, f.End)
		switch {
		case f.short:
			f.Number = ""
		case f.truncated:
			f.Number = f.n.canonical()
			f.Uncertain = true
		default:
			f.Number = f.n.canonical()
		}
	}
	// Lists: a member without a kind word takes the kind of the one before
	// it when their kind codes agree; a member without an issuer takes the
	// issuer of a later member of the same kind.
	for k := range found {
		f := &found[k]
		if f.kindWord || f.short {
			continue
		}
		if k > 0 && refListGap(text[found[k-1].End:f.Start]) && found[k-1].Issuer == "" && !found[k-1].short &&
			len(found[k-1].n.codes) > 0 && found[k-1].n.codes[0] == f.n.codes[0] && found[k-1].Kind != "" {
			f.Kind = found[k-1].Kind
			continue
		}
		f.Kind = f.n.kind()
	}
	for k := len(found) - 2; k >= 0; k-- {
		f, g := &found[k], &found[k+1]
		if f.Issuer == "" && g.Issuer != "" && f.Kind == g.Kind && refListGap(text[f.End:g.Start]) {
			f.Issuer = g.Issuer
		}
	}
	for k := range found {
		if found[k].truncated {
			refRepair(&found[k], found)
		}
	}
}

// refRepair completes a cut issuer code from a full number of the same
// number style and kind code whose issuer code begins with the cut one,
// nearest first: "18-NQ/T" beside "19-NQ/TW" is "18-NQ/TW". Several
// different candidates leave it cut.
func refRepair(f *refFound, others []refFound) {
	last := len(f.n.codes) - 1
	cut := f.n.codes[last]
	full := ""
	for _, o := range others {
		if o.truncated || o.short || len(o.n.codes) != len(f.n.codes) || o.n.party != f.n.party || o.n.codes[0] != f.n.codes[0] {
			continue
		}
		c := o.n.codes[last]
		if !strings.HasPrefix(c, cut) || c == cut {
			continue
		}
		if full != "" && full != c {
			return
		}
		full = c
	}
	if full == "" {
		return
	}
	f.n.codes = append([]string(nil), f.n.codes...)
	f.n.codes[last] = full
	f.Number = f.n.canonical()
	f.truncated = false
}

// refWellKnown are issuer codes a cut code is completed to when the document
// itself has no candidate, by style.
var (
	refWellKnownParty = []string{"TW", "TU", "HU", "QU", "ĐU"}
	refWellKnownState = []string{"TTg", "CP", "UBND", "HĐND", "BNV", "VPCP"}
)

// ResolveReferences works over all references of one document, in document
// order, and returns them all, in the same order, resolved as far as the
// document allows:
//
//   - a short form ("Nghị quyết số 39", Number "") takes the number of the
//     full citations elsewhere in the document with the same number and kind
//     ("Nghị quyết số 39-NQ/TW"); it stays Uncertain, since the number was
//     inferred, and stays "" when there is no candidate or several;
//   - a cut issuer code ("18-NQ/T") is completed from a full number of the
//     document with the same number style and kind code whose issuer code
//     begins with it, else from the one well-known code it can begin
//     (TW, TU, HU, QU, ĐU for Party numbers; TTg, CP, UBND, HĐND... for
//     State numbers); it stays Uncertain.
//
// References found certain stay as they are; nothing is dropped.
func ResolveReferences(refs []Reference) []Reference {
	out := make([]Reference, len(refs))
	copy(out, refs)
	type full struct {
		n    refNumber
		kind string
		num  string
	}
	var fulls []full
	for _, r := range out {
		c := refCleanNumber(r.Number)
		if n, ok := refParseNumber(c); ok {
			fulls = append(fulls, full{n: n, kind: r.Kind, num: strings.TrimLeft(n.num, "0")})
		}
	}
	for k := range out {
		r := &out[k]
		switch {
		case r.Number == "":
			num := refShortNumber(r.Text)
			if num == "" || r.Kind == "" {
				continue
			}
			code := refKindCode[r.Kind]
			found := ""
			for _, f := range fulls {
				if f.num != num || (f.kind != r.Kind && f.n.codes[0] != code) {
					continue
				}
				c := f.n.canonical()
				if found != "" && found != c {
					found = ""
					break
				}
				found = c
			}
			if found != "" {
				r.Number, r.Uncertain = found, true
			}
		default:
			if _, ok := NormalizeNumber(r.Number); ok {
				continue
			}
			n, ok := refParseNumber(refCleanNumber(r.Number) + "ZZ")
			if !ok {
				continue
			}
			last := len(n.codes) - 1
			cut := strings.TrimSuffix(n.codes[last], "ZZ")
			var cands []string
			for _, f := range fulls {
				if len(f.n.codes) == len(n.codes) && f.n.party == n.party && f.n.codes[0] == n.codes[0] {
					cands = append(cands, f.n.codes[last])
				}
			}
			c := refUniquePrefix(cut, cands)
			if c == "" {
				wk := refWellKnownState
				if n.party {
					wk = refWellKnownParty
				}
				c = refUniquePrefix(cut, wk)
			}
			if c != "" {
				n.codes[last] = c
				r.Number, r.Uncertain = n.canonical(), true
			}
		}
	}
	return out
}

// refUniquePrefix returns the one distinct candidate longer than cut that
// begins with it, or "".
func refUniquePrefix(cut string, cands []string) string {
	found := ""
	for _, c := range cands {
		if c == cut || !strings.HasPrefix(c, cut) {
			continue
		}
		if found != "" && found != c {
			return ""
		}
		found = c
	}
	return found
}

// refShortNumber returns the number of a short form as written in its Text
// ("Nghị quyết số 39" → "39"), without leading zeros.
func refShortNumber(text string) string {
	i := strings.IndexAny(text, "0123456789")
	if i < 0 {
		return ""
	}
	n := strings.TrimLeft(text[i:refDigits(text, i)], "0")
	if n == "" {
		n = "0"
	}
	return n
}
