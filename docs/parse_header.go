package docs

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// parseKinds are the kind words of a directive in capitals, longest first.
var parseKinds = func() []string {
	k := []string{
		"CHƯƠNG TRÌNH HÀNH ĐỘNG", "THÔNG TƯ LIÊN TỊCH", "NGHỊ QUYẾT LIÊN TỊCH", "CHƯƠNG TRÌNH",
		"NGHỊ QUYẾT", "QUYẾT ĐỊNH", "NGHỊ ĐỊNH", "THÔNG TƯ", "KẾ HOẠCH", "KẾT LUẬN", "CHỈ THỊ",
		"THÔNG BÁO", "HƯỚNG DẪN", "CÔNG VĂN", "CÔNG ĐIỆN", "QUY ĐỊNH", "QUY CHẾ", "BÁO CÁO",
		"TỜ TRÌNH", "ĐỀ ÁN", "ĐIỀU LỆ", "PHÁP LỆNH", "BỘ LUẬT", "LUẬT", "THÔNG CÁO", "BIÊN BẢN",
		"PHƯƠNG ÁN", "DANH MỤC", "HIẾN PHÁP", "QUY TRÌNH", "CHIẾN LƯỢC",
	}
	sort.SliceStable(k, func(i, j int) bool { return len(k[i]) > len(k[j]) })
	return k
}()

// parseCodeKinds gives the kind a number's code stands for, when the text has
// no kind line.
var parseCodeKinds = map[string]string{
	"KH": "Kế hoạch", "KL": "Kết luận", "NQ": "Nghị quyết", "QĐ": "Quyết định", "CT": "Chỉ thị",
	"TB": "Thông báo", "HD": "Hướng dẫn", "CV": "Công văn", "BC": "Báo cáo", "CTR": "Chương trình",
	"NĐ": "Nghị định", "TT": "Thông tư", "CĐ": "Công điện", "TTR": "Tờ trình", "QC": "Quy chế",
	"ĐA": "Đề án", "QĐI": "Quy định", "TTLT": "Thông tư liên tịch", "NQLT": "Nghị quyết liên tịch",
}

// parseCodeIssuers gives the issuer a number's last code stands for, when
// the header names none.
var parseCodeIssuers = map[string]string{"QH": "Quốc hội", "CP": "Chính phủ", "TTG": "Thủ tướng Chính phủ"}

// parseKindPrefix reads a kind written in capitals at the start of s ("KẾ
// HOẠCH", "LUẬTCÁN BỘ…" glued) and returns it with the rest of s.
func parseKindPrefix(s string) (kind, rest string, ok bool) {
	for _, k := range parseKinds {
		if !strings.HasPrefix(s, k) {
			continue
		}
		rest = s[len(k):]
		r, _ := utf8.DecodeRuneInString(rest)
		if rest != "" && !unicode.IsSpace(r) && !unicode.IsUpper(r) {
			continue
		}
		return k, strings.TrimSpace(rest), true
	}
	return "", "", false
}

// parseKindLine reads a kind line: the kind in capitals, then nothing, or the
// subject (in capitals, or glued: "KẾT LUẬNCỦA BỘ CHÍNH TRỊ…").
func parseKindLine(s string) (kind, rest string, ok bool) {
	kind, rest, ok = parseKindPrefix(s)
	if !ok {
		return "", "", false
	}
	if rest != "" {
		r, _ := utf8.DecodeRuneInString(rest)
		if !unicode.IsLetter(r) && r != '“' && r != '"' {
			return "", "", false // "QUYẾT ĐỊNH:" opening the body
		}
	}
	return kind, rest, true
}

// parsePreambles open the body after the header.
var parsePreambles = []string{
	"Căn cứ", "- Căn cứ", "Thực hiện", "Theo đề nghị", "Theo ", "Xét ", "Kính gửi", "Tại ", "Ngày ",
	"Trong ", "Để ", "Trên cơ sở", "Sau khi", "Thi hành", "Hội nghị", "Nhằm ",
}

// parseBodyStart reports whether a paragraph cannot belong to the header.
func parseBodyStart(s string) bool {
	return parseBodyOpen(s) || (parseWords(s) > 40 && !parseIsCaps(s))
}

// parseBodyOpen reports whether a paragraph opens the body: a label or a
// preamble ("Căn cứ ...").
func parseBodyOpen(s string) bool {
	if _, ok := parseLabelOf(s, false, false); ok {
		return true
	}
	for _, p := range parsePreambles {
		if strings.HasPrefix(s, p) {
			if p == "Ngày " && parseWords(s) <= 8 {
				continue // a date line without its place
			}
			return true
		}
	}
	return false
}

// parseStartsSubject reports whether s reads like a subject line.
func parseStartsSubject(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if unicode.IsLower(r) {
		return true
	}
	for _, p := range []string{"Về ", "V/v", "V/V", "Ban hành", "Quy định", "Hướng dẫn", "Sửa đổi", "Phê duyệt", "Triển khai", "Tiếp tục", "Tăng cường"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// parseAuthorities open the line in capitals that names who decides, after the
// subject ("THỦ TƯỚNG CHÍNH PHỦ", "BỘ TRƯỞNG BỘ NỘI VỤ").
var parseAuthorities = []string{
	"THỦ TƯỚNG", "BỘ TRƯỞNG", "CHỦ TỊCH", "TRƯỞNG BAN", "GIÁM ĐỐC", "CHÍNH PHỦ", "QUỐC HỘI",
	"ỦY BAN", "UỶ BAN", "HỘI ĐỒNG", "BAN CHẤP HÀNH", "BỘ CHÍNH TRỊ", "BAN BÍ THƯ", "BAN THƯỜNG VỤ",
	"TỔNG THANH TRA", "CHÁNH ", "QUYẾT ĐỊNH", "BAN CHỈ ĐẠO",
}

func parseAuthority(s string) bool {
	for _, a := range parseAuthorities {
		if strings.HasPrefix(s, a) {
			return true
		}
	}
	return strings.HasSuffix(strings.TrimRight(s, ": "), "QUYẾT ĐỊNH")
}

// parseHeaderResult is where the body starts and the header text no field
// took.
type parseHeaderResult struct {
	start     int
	leftovers []parsePara
}

// header reads the header: issuing body, number, place and date, kind and
// subject. It returns where the body starts.
func (p *parser) header(body []parsePara) parseHeaderResult {
	zone := 0
	kindAt := -1
	for zone < len(body) && zone < 40 {
		t := body[zone].text
		if kindAt < 0 {
			if _, _, ok := parseKindLine(t); ok {
				kindAt = zone
				break
			}
		}
		if parseBodyStart(t) {
			break
		}
		zone++
	}
	hEnd := zone
	if kindAt >= 0 {
		hEnd = kindAt
	}
	var res parseHeaderResult
	vv := -1 // a "V/v" subject line
	if kindAt < 0 {
		for i := 0; i < hEnd; i++ {
			if strings.HasPrefix(body[i].text, "V/v") || strings.HasPrefix(body[i].text, "V/V") {
				vv = i
				break
			}
		}
	}
	h := parseHeaderTokens(body[:hEnd], vv)
	anchors := h.scan()
	if kindAt < 0 && !anchors && vv < 0 {
		if len(body) > 0 && strings.HasPrefix(body[0].text, "Kính gửi") {
			p.meta.Kind = "Công văn"
		}
		return parseHeaderResult{} // no header: the text starts with its body
	}
	p.meta.Number = h.number
	p.meta.Date = h.date
	p.meta.Place = h.place
	p.meta.Issuer = h.issuer()
	res.leftovers = h.leftovers(body)
	if len(h.parents) > 0 {
		ps := make([]parsePara, 0, len(h.parents)+len(res.leftovers))
		for _, b := range h.parents {
			ps = append(ps, parsePara{text: b, page: body[0].page})
		}
		res.leftovers = append(ps, res.leftovers...)
	}

	var parts []string
	start := hEnd
	switch {
	case kindAt >= 0:
		kind, rest, _ := parseKindLine(body[kindAt].text)
		start = kindAt + 1
		if kind == "CHƯƠNG TRÌNH" && rest == "" && start < len(body) && strings.HasPrefix(body[start].text, "HÀNH ĐỘNG") {
			kind, rest = "CHƯƠNG TRÌNH HÀNH ĐỘNG", strings.TrimSpace(strings.TrimPrefix(body[start].text, "HÀNH ĐỘNG"))
			start++
		}
		p.meta.Kind = parseSentence(kind)
		if rest != "" {
			parts = append(parts, rest)
		}
		parts, start = parseSubjectLines(body, start, parts)
	case vv >= 0:
		parts, _ = parseSubjectLines(body, vv+1, []string{body[vv].text})
		if len(parts) > 1 {
			// continuation lines of the V/v subject left the zone's tail
			for i := vv + 1; i < vv+len(parts); i++ {
				res.leftovers = parseDropPara(res.leftovers, body[i])
			}
		}
		p.meta.Kind = "Công văn"
	}
	if h.subject != "" {
		parts = append([]string{h.subject}, parts...)
	}
	p.meta.Subject = parseSubject(parts, p.meta.Kind)
	if p.meta.Kind == "" {
		p.meta.Kind = h.kindHint
	}
	if p.meta.Kind == "" || p.meta.Issuer == "" {
		kind, issuer := parseNumberCodes(p.meta.Number)
		if p.meta.Kind == "" {
			p.meta.Kind = kind
		}
		if p.meta.Issuer == "" {
			p.meta.Issuer = issuer
		}
	}
	if p.meta.Kind == "" && (h.subject != "" || (start < len(body) && strings.HasPrefix(body[start].text, "Kính gửi"))) {
		p.meta.Kind = "Công văn" // a letter: "V/v ...", "Kính gửi:"
	}
	if p.meta.Number == "" && len(parts) > 0 {
		p.citedSelf(parts[0])
	}
	switch {
	case p.meta.Kind != "" && p.meta.Subject != "":
		p.meta.Title = p.meta.Kind + " " + parseTitleSubject(p.meta.Subject, p.meta.Kind)
	case p.meta.Kind != "":
		p.meta.Title = p.meta.Kind
	default:
		p.meta.Title = p.meta.Subject
	}
	res.start = start
	return res
}

// parseSelfRe reads a subject that names the document itself: "CỦA CHÍNH
// PHỦ SỐ 37/2007/NĐ-CP NGÀY ...".
var parseSelfRe = regexp.MustCompile(`^(?:của|CỦA)\s+(\p{Lu}[\p{Lu}\s]+?)\s+(?:số|SỐ)\s+(\S+)`)

// citedSelf takes number and issuer from such a subject.
func (p *parser) citedSelf(subject string) {
	m := parseSelfRe.FindStringSubmatch(subject)
	if m == nil {
		return
	}
	if n, ok := NormalizeNumber(m[2]); ok {
		p.meta.Number = n
		if p.meta.Issuer == "" && parseOrganStart(m[1]) {
			p.meta.Issuer = parseIssuerCase(m[1])
		}
	}
}

// parseDropPara removes the leftover that is exactly q.
func parseDropPara(ps []parsePara, q parsePara) []parsePara {
	for i, x := range ps {
		if x == q {
			return append(ps[:i], ps[i+1:]...)
		}
	}
	return ps
}

// parseSubjectLines collects the subject lines from body[i]: a line in
// capitals goes on over further lines in capitals (but not over the line that
// names the decider, "THỦ TƯỚNG CHÍNH PHỦ"); a line in sentence case goes on
// over lines that continue its sentence in lower case.
func parseSubjectLines(body []parsePara, i int, parts []string) ([]string, int) {
	for ; i < len(body) && len(parts) < 8; i++ {
		t := body[i].text
		if parseBodyOpen(t) || strings.HasPrefix(t, "(") || parseWords(t) > 80 {
			break
		}
		if len(parts) > 0 && t == parts[len(parts)-1] {
			continue // the portal repeats the subject
		}
		caps := parseIsCaps(t)
		if len(parts) == 0 {
			if !caps && !parseStartsSubject(t) && (parseTerminal(t) || parseWords(t) > 60) {
				break
			}
		} else {
			prev := parts[len(parts)-1]
			r, _ := utf8.DecodeRuneInString(t)
			switch {
			case caps && parseIsCaps(prev) && (!parseAuthority(t) || strings.HasSuffix(prev, ",")):
			case !caps && !parseTerminal(prev) && unicode.IsLower(r):
			default:
				return parts, i
			}
		}
		parts = append(parts, t)
	}
	return parts, i
}

// parseSubject joins the subject lines, unglues "THƯvề", and writes lines in
// capitals in sentence case.
func parseSubject(parts []string, kind string) string {
	out := make([]string, 0, len(parts))
	for _, t := range parts {
		t = parseUnglue(t)
		if parseIsCaps(t) {
			t = parseProperCase(t)
		} else {
			// a glued line: its words in capitals first
			f := strings.Fields(t)
			n := 0
			for n < len(f) && parseIsCaps(f[n]) || (n < len(f) && !parseHasLetter(f[n])) {
				n++
			}
			if n >= 2 {
				t = parseProperCase(strings.Join(f[:n], " ")) + " " + strings.Join(f[n:], " ")
			}
		}
		out = append(out, strings.TrimSpace(t))
	}
	s := strings.Join(out, " ")
	switch {
	case strings.HasPrefix(strings.ToUpper(s), "V/V"):
		s = "V/v" + s[3:]
	case kind == "Luật" || kind == "Bộ luật" || kind == "Pháp lệnh":
		s = parseUpperFirst(s)
	}
	return s
}

// parseTitleSubject writes the subject as it follows the kind in a title.
func parseTitleSubject(s, kind string) string {
	if strings.HasPrefix(s, "V/v") || kind == "Luật" || kind == "Bộ luật" || kind == "Pháp lệnh" {
		return s
	}
	w, _, _ := strings.Cut(s, " ")
	if parseIsCaps(w) || parseProper(w) {
		return s
	}
	return parseLowerFirst(s)
}

func parseHasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// parseUnglue puts a space where a word in capitals runs into lower case:
// "THƯvề" → "THƯ về".
func parseUnglue(s string) string {
	var b strings.Builder
	run := 0
	for _, r := range s {
		if unicode.IsLower(r) && run >= 2 {
			b.WriteByte(' ')
		}
		if unicode.IsUpper(r) {
			run++
		} else {
			run = 0
		}
		b.WriteRune(r)
	}
	return b.String()
}

// parseNumberCodes infers kind and issuer from a number's codes.
func parseNumberCodes(num string) (kind, issuer string) {
	if num == "" {
		return "", ""
	}
	var codes []string
	if i := strings.IndexByte(num, '-'); i > 0 && parseDigits(num[:i]) {
		// Party: 74-KL/TW
		k, rest, _ := strings.Cut(num[i+1:], "/")
		codes = append([]string{k}, strings.Split(rest, "-")...)
	} else {
		segs := strings.Split(num, "/")
		codes = strings.Split(segs[len(segs)-1], "-")
	}
	if len(codes) > 1 {
		kind = parseCodeKinds[strings.ToUpper(codes[0])]
	}
	last := strings.ToUpper(codes[len(codes)-1])
	last = strings.TrimRight(last, "0123456789")
	issuer = parseCodeIssuers[last]
	if kind == "" && len(codes) > 1 && issuer == "" {
		kind = "Công văn" // 7415/BNV-CCVC: a letter's number has no kind code
	}
	if kind == "" && last == "QH" {
		kind = "Luật"
	}
	return kind, issuer
}

// parseSentence writes a kind in sentence case: "KẾ HOẠCH" → "Kế hoạch".
func parseSentence(s string) string {
	return parseUpperFirst(strings.ToLower(s))
}

func parseUpperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

func parseLowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// parseTok is one word of the header with where it came from.
type parseTok struct {
	text  string
	para  int
	piece int
	used  bool
	sep   bool // "|", "*", "___": a column or block separator
}

// parseHdr is the header cut into words, the fields it yields, and what is
// left.
type parseHdr struct {
	toks                []parseTok
	number, date, place string
	subject             string
	kindHint            string
	issuerPieces        map[int]bool
	parents             []string // bodies above the issuer that its name does not carry
}

// parseHeaderTokens cuts the header paragraphs (but skip) into words.
func parseHeaderTokens(ps []parsePara, skip int) *parseHdr {
	h := &parseHdr{issuerPieces: map[int]bool{}}
	piece := 0
	for i, q := range ps {
		if i == skip {
			continue
		}
		piece++
		for _, f := range strings.Fields(q.text) {
			for _, w := range parseSplitTok(f) {
				sep := !parseHasWord(w)
				if sep && (strings.ContainsAny(w, "|*_") || len(w) >= 3) {
					piece++
					h.toks = append(h.toks, parseTok{text: w, para: i, piece: piece, sep: true, used: true})
					piece++
					continue
				}
				h.toks = append(h.toks, parseTok{text: w, para: i, piece: piece, used: sep})
			}
		}
	}
	return h
}

// parseSplitTok splits a word at "|" and where capitals run into a
// capitalised word ("NAMĐộc" → "NAM", "Độc"), and drops a trailing "_".
func parseSplitTok(f string) []string {
	var out []string
	for _, w := range strings.Split(f, "|") {
		if w == "" {
			out = append(out, "|")
			continue
		}
		if t := strings.TrimRight(w, "_"); t != w && t != "" {
			out = append(out, parseSplitCase(t)...)
			out = append(out, "_")
			continue
		}
		out = append(out, parseSplitCase(w)...)
	}
	return out
}

// parseSplitCase splits "NAMĐộc" into "NAM" and "Độc".
func parseSplitCase(w string) []string {
	rs := []rune(w)
	for i := 2; i+1 < len(rs); i++ {
		if unicode.IsUpper(rs[i-1]) && unicode.IsUpper(rs[i-2]) && unicode.IsUpper(rs[i]) && unicode.IsLower(rs[i+1]) {
			return append([]string{string(rs[:i])}, parseSplitCase(string(rs[i:]))...)
		}
	}
	return []string{w}
}

// parseMottos are the mottos, in capitals, without their dashes.
var parseMottos = [][]string{
	strings.Fields("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
	strings.Fields("ĐỘC LẬP TỰ DO HẠNH PHÚC"),
	strings.Fields("ĐẢNG CỘNG SẢN VIỆT NAM"),
}

// parseFold is a word in capitals for matching, without punctuation.
func parseFold(s string) string {
	s = strings.TrimFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	s = strings.ToUpper(s)
	return strings.NewReplacer("HOÀ", "HÒA", "UỶ", "ỦY").Replace(s)
}

// scan finds motto, number, place and date, and the "V/v" subject, and
// reports whether the header had any of them.
func (h *parseHdr) scan() bool {
	anchors := false
	// Word tokens, in order.
	var idx []int
	for i, t := range h.toks {
		if !t.sep && parseHasWord(t.text) {
			idx = append(idx, i)
		}
	}
	folded := make([]string, len(h.toks))
	for _, i := range idx {
		folded[i] = parseFold(h.toks[i].text)
	}
	// Mottos.
	for k := 0; k < len(idx); k++ {
		for _, m := range parseMottos {
			if k+len(m) > len(idx) {
				continue
			}
			ok := true
			for j, w := range m {
				if folded[idx[k+j]] != w || h.toks[idx[k+j]].used {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			for i := idx[k]; i <= idx[k+len(m)-1]; i++ {
				if !parseHasWord(h.toks[i].text) || folded[i] != "" {
					h.toks[i].used = true
				}
			}
			anchors = true
			k += len(m) - 1
			break
		}
	}
	// Number: "Số: 09/2010/QĐ-UBND", "Số 74-KL/TW", "Luật số: 56/2010/QH12".
	for k := 0; k < len(idx) && h.number == ""; k++ {
		t := &h.toks[idx[k]]
		if t.used {
			continue
		}
		word, glued, _ := strings.Cut(t.text, ":")
		if !strings.EqualFold(word, "Số") && word != "SỐ" && word != "số" {
			continue
		}
		cand, ci := glued, -1
		if cand == "" && k+1 < len(idx) {
			ci = idx[k+1]
			cand = h.toks[ci].text
		}
		if !strings.ContainsAny(cand, "0123456789") {
			continue
		}
		n, ok := NormalizeNumber(cand)
		if !ok {
			continue
		}
		h.number = n
		t.used = true
		if ci >= 0 {
			h.toks[ci].used = true
		}
		if k > 0 && folded[idx[k-1]] == "LUẬT" && !h.toks[idx[k-1]].used {
			h.toks[idx[k-1]].used = true
			h.kindHint = "Luật"
		}
		anchors = true
	}
	// Date, and the place before it.
	for k := 0; k < len(idx) && h.date == ""; k++ {
		t := h.toks[idx[k]]
		if t.used || (t.text != "ngày" && t.text != "Ngày") {
			continue
		}
		date, n := parseDateToks(h.toks, idx[k+1:])
		if date == "" {
			continue
		}
		h.date = date
		h.toks[idx[k]].used = true
		for j := 1; j <= n; j++ {
			h.toks[idx[k+j]].used = true
		}
		anchors = true
		h.place = h.placeBefore(idx[:k])
	}
	// "V/v ..." on a header line: the subject, to the end of its line.
	for k := 0; k < len(idx); k++ {
		t := h.toks[idx[k]]
		if t.used || !(strings.HasPrefix(t.text, "V/v") || strings.HasPrefix(t.text, "V/V")) {
			continue
		}
		var ws []string
		for j := k; j < len(idx) && h.toks[idx[j]].para == t.para; j++ {
			if !h.toks[idx[j]].used {
				ws = append(ws, h.toks[idx[j]].text)
				h.toks[idx[j]].used = true
			}
		}
		h.subject = strings.Join(ws, " ")
		break
	}
	return anchors
}

// parseDateToks reads "15 tháng 4 năm 2009" or "22-5-2020" from the word
// tokens at idx, and returns the ISO date and how many tokens it took.
func parseDateToks(toks []parseTok, idx []int) (string, int) {
	w := func(j int) string {
		if j >= len(idx) {
			return ""
		}
		return strings.TrimRight(toks[idx[j]].text, ",.;")
	}
	if len(idx) >= 5 && strings.EqualFold(w(1), "tháng") && strings.EqualFold(w(3), "năm") {
		if d := parseISO(w(0), w(2), w(4)); d != "" {
			return d, 5
		}
	}
	for _, sep := range []string{"-", "/", "."} {
		if f := strings.Split(w(0), sep); len(f) == 3 {
			if d := parseISO(f[0], f[1], f[2]); d != "" {
				return d, 1
			}
		}
	}
	return "", 0
}

// parseISO writes a day, month and year as an ISO date, or "" when they are
// not one.
func parseISO(d, m, y string) string {
	if !parseDigits(d) || !parseDigits(m) || !parseDigits(y) || len(y) != 4 || len(d) > 2 || len(m) > 2 {
		return ""
	}
	di, mi := parseAtoi(d), parseAtoi(m)
	if di < 1 || di > 31 || mi < 1 || mi > 12 {
		return ""
	}
	return y + "-" + parsePad2(mi) + "-" + parsePad2(di)
}

func parseAtoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

func parsePad2(n int) string {
	if n < 10 {
		return "0" + parseItoa(n)
	}
	return parseItoa(n)
}

// placeBefore takes the place name that ends with the comma before "ngày":
// capitalised words ("Thủ Dầu Một", "Thành phố Hồ Chí Minh").
func (h *parseHdr) placeBefore(idx []int) string {
	var ws []int
	for k := len(idx) - 1; k >= 0 && len(ws) < 6; k-- {
		t := h.toks[idx[k]]
		if t.used {
			break
		}
		if k < len(idx)-1 && h.toks[idx[k+1]].piece != t.piece && h.toks[idx[k+1]].para == t.para {
			break // a separator between
		}
		w := strings.TrimRight(t.text, ",")
		if len(ws) == 0 && w == t.text {
			break // the word before "ngày" ends with a comma
		}
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case w == "phố" || w == "xã" || w == "trấn":
		case unicode.IsUpper(r) && !(utf8.RuneCountInString(w) > 1 && parseIsCaps(w)):
		default:
			k = -1
			continue
		}
		ws = append(ws, idx[k])
	}
	if len(ws) == 0 {
		return ""
	}
	// Lower-case words cannot start the place.
	for len(ws) > 0 {
		r, _ := utf8.DecodeRuneInString(h.toks[ws[len(ws)-1]].text)
		if unicode.IsUpper(r) {
			break
		}
		ws = ws[:len(ws)-1]
	}
	parts := make([]string, 0, len(ws))
	for k := len(ws) - 1; k >= 0; k-- {
		h.toks[ws[k]].used = true
		parts = append(parts, h.toks[ws[k]].text)
	}
	return strings.TrimRight(strings.Join(parts, " "), ",")
}

// parseOrgans open the name of an issuing body in capitals.
var parseOrgans = []string{
	"ỦY BAN", "UỶ BAN", "UBND", "HỘI ĐỒNG", "BAN ", "BỘ ", "SỞ ", "CỤC ", "VỤ ", "TỔNG CỤC", "VĂN PHÒNG",
	"THỦ TƯỚNG", "CHÍNH PHỦ", "QUỐC HỘI", "TỈNH ỦY", "TỈNH UỶ", "THÀNH ỦY", "THÀNH UỶ", "HUYỆN ỦY",
	"HUYỆN UỶ", "QUẬN ỦY", "QUẬN UỶ", "THỊ ỦY", "THỊ UỶ", "ĐẢNG ỦY", "ĐẢNG UỶ", "ĐẢNG BỘ", "THANH TRA",
	"TÒA ÁN", "TOÀ ÁN", "VIỆN", "ĐẠI HỘI", "MẶT TRẬN", "ĐOÀN ", "HỌC VIỆN", "TRUNG TÂM", "CHỦ TỊCH",
	"KIỂM TOÁN", "NGÂN HÀNG", "TỔNG LIÊN ĐOÀN", "HỘI ", "TRƯỜNG ", "BAN", "BỘ", "VĂN",
}

func parseOrganStart(s string) bool {
	for _, o := range parseOrgans {
		if s == strings.TrimSpace(o) || strings.HasPrefix(s, o) {
			if o == "VĂN" && s != "VĂN" {
				continue
			}
			return true
		}
	}
	return false
}

// issuer groups the header lines left in capitals into bodies (a line that
// does not open a body's name goes on the line before: "ỦY BAN NHÂN DÂN" /
// "TỈNH BÌNH DƯƠNG") and names the issuer: the lowest body, qualified by the
// body above it when its name alone is not enough ("BAN CHẤP HÀNH TRUNG
// ƯƠNG" / "BAN TỔ CHỨC" → "Ban Tổ chức Trung ương"; "TỈNH ỦY KIÊN GIANG" /
// "BAN THƯỜNG VỤ" → "Ban Thường vụ Tỉnh ủy Kiên Giang").
func (h *parseHdr) issuer() string {
	// Lines: the unused words of each piece.
	type line struct {
		text   string
		pieces []int
	}
	var lines []line
	cur, curPiece := []string{}, -1
	flush := func() {
		if len(cur) > 0 {
			lines = append(lines, line{text: strings.Join(cur, " "), pieces: []int{curPiece}})
		}
		cur = cur[:0]
	}
	for _, t := range h.toks {
		if t.used || t.sep {
			continue
		}
		if t.piece != curPiece {
			flush()
			cur = []string{}
			curPiece = t.piece
		}
		cur = append(cur, t.text)
	}
	flush()
	var groups []line
	for _, l := range lines {
		if !parseIsCaps(l.text) {
			continue
		}
		if n := len(groups); n > 0 && (!parseOrganStart(l.text) ||
			(strings.HasPrefix(l.text, "CHÍNH PHỦ") && strings.HasSuffix(groups[n-1].text, "THỦ TƯỚNG")) ||
			(strings.HasPrefix(l.text, "PHÒNG") && strings.HasSuffix(groups[n-1].text, "VĂN"))) {
			groups[n-1].text += " " + l.text
			groups[n-1].pieces = append(groups[n-1].pieces, l.pieces...)
			continue
		}
		groups = append(groups, l)
	}
	var bodies []string
	for _, g := range groups {
		if !parseOrganStart(g.text) {
			continue
		}
		bodies = append(bodies, g.text)
		for _, pc := range g.pieces {
			h.issuerPieces[pc] = true
		}
	}
	for i := range h.toks {
		if !h.toks[i].used && h.issuerPieces[h.toks[i].piece] {
			h.toks[i].used = true
		}
	}
	if len(bodies) == 0 {
		return ""
	}
	low := bodies[len(bodies)-1]
	name := parseIssuerCase(low)
	defer func() {
		// A body above whose words the name does not carry stays as text.
		have := strings.ToUpper(name)
		for _, b := range bodies[:len(bodies)-1] {
			for _, w := range strings.Fields(b) {
				if !strings.Contains(have, parseFold(w)) && !strings.Contains(have, w) {
					h.parents = append(h.parents, b)
					break
				}
			}
		}
	}()
	if len(bodies) > 1 {
		parent := bodies[len(bodies)-2]
		switch {
		case strings.HasPrefix(parent, "BAN CHẤP HÀNH TRUNG ƯƠNG") && !strings.Contains(low, "TRUNG ƯƠNG"):
			switch {
			case strings.HasPrefix(low, "VĂN PHÒNG"):
				name += " Trung ương Đảng"
			case strings.HasPrefix(low, "BAN") || strings.HasPrefix(low, "ỦY BAN") || strings.HasPrefix(low, "UỶ BAN"):
				name += " Trung ương"
			}
		case (strings.HasPrefix(low, "BAN") || strings.HasPrefix(low, "VĂN PHÒNG") || strings.HasPrefix(low, "VỤ") ||
			strings.HasPrefix(low, "CỤC") || strings.HasPrefix(low, "ỦY BAN KIỂM TRA") || strings.HasPrefix(low, "UỶ BAN KIỂM TRA")) &&
			parseOrganStart(parent) && !strings.HasPrefix(parent, "BAN CHẤP HÀNH"):
			name += " " + parseIssuerCase(parent)
		}
	}
	return name
}

// leftovers returns the header text no field took, one paragraph per source
// paragraph.
func (h *parseHdr) leftovers(body []parsePara) []parsePara {
	var out []parsePara
	para, ws := -1, []string{}
	flush := func() {
		if para >= 0 && len(ws) > 0 {
			t := strings.Join(ws, " ")
			if parseHasWord(t) {
				out = append(out, parsePara{text: t, page: body[para].page})
			}
		}
		ws = ws[:0]
	}
	for _, t := range h.toks {
		if t.para != para {
			flush()
			para = t.para
		}
		if !t.used {
			ws = append(ws, t.text)
		}
	}
	flush()
	return out
}

// parseIssuerCase writes a body's name from capitals: "ỦY BAN NHÂN DÂN TỈNH
// BÌNH DƯƠNG" → "Ủy ban nhân dân tỉnh Bình Dương".
func parseIssuerCase(s string) string {
	out := parseUpperFirst(parseProperCase(s))
	f := strings.Fields(out)
	if len(f) > 1 {
		switch f[0] {
		case "Bộ", "Sở", "Cục", "Vụ", "Viện", "Ban":
			f[1] = parseUpperFirst(f[1])
			out = strings.Join(f, " ")
		}
	}
	return out
}
