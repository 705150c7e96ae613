package docs

import (
	"sort"
	"strings"
	"unicode"
)

// parsePhrases are the names that keep their capitals when a line in capitals
// is written in sentence case: bodies of the Party and the State, and places.
var parsePhrases = func() [][]string {
	names := []string{
		"Đảng Cộng sản Việt Nam", "Việt Nam", "Trung ương Đảng", "Trung ương", "Chính phủ", "Quốc hội",
		"Bộ Chính trị", "Ban Bí thư", "Ban Chấp hành Trung ương", "Ban Thường vụ", "Văn phòng Trung ương Đảng",
		"Thủ tướng", "Tổng Bí thư", "Ban Tổ chức",
		"Ban Tuyên giáo", "Dân vận", "Ban Chỉ đạo", "Ban Nội chính", "Ban Kinh tế", "Ủy ban nhân dân",
		"Uỷ ban nhân dân", "Hội đồng nhân dân", "Mặt trận Tổ quốc", "Văn phòng Chính phủ",
		"Thanh tra Chính phủ", "Văn phòng Trung ương", "Ủy ban Kiểm tra", "Uỷ ban Kiểm tra",
		"Bộ Nội vụ", "Bộ Tài chính", "Bộ Tư pháp", "Bộ Công an", "Bộ Quốc phòng", "Bộ Y tế",
		"Bộ Ngoại giao", "Bộ Xây dựng", "Bộ Công Thương", "Bộ Khoa học và Công nghệ",
		"Bộ Giáo dục và Đào tạo", "Bộ Nông nghiệp và Môi trường", "Bộ Văn hóa, Thể thao và Du lịch",
		"Hiến pháp", "Trung Bộ", "Bắc Bộ", "Nam Bộ", "Tây Nguyên", "Đồng bằng sông Cửu Long",
		// Provinces and cities, before and after 2025.
		"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Thừa Thiên Huế", "Huế", "An Giang",
		"Bà Rịa - Vũng Tàu", "Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre",
		"Bình Định", "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Đắk Lắk",
		"Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Tĩnh",
		"Hải Dương", "Hậu Giang", "Hòa Bình", "Hoà Bình", "Hưng Yên", "Khánh Hòa", "Khánh Hoà",
		"Kiên Giang", "Kon Tum", "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định",
		"Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam",
		"Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình",
		"Thái Nguyên", "Thanh Hóa", "Thanh Hoá", "Tiền Giang", "Trà Vinh", "Tuyên Quang", "Vĩnh Long",
		"Vĩnh Phúc", "Yên Bái", "Thủ Dầu Một", "Rạch Giá", "Phú Quốc", "Hạ Long", "Nha Trang", "Đà Lạt",
	}
	out := make([][]string, len(names))
	for i, n := range names {
		out[i] = strings.Fields(n)
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}()

// parseProperWords are the single words of parsePhrases that always keep
// their capital, for parseProper.
var parseProperWords = map[string]bool{"Việt": true, "Đảng": true, "Chính": true, "Quốc": true, "Trung": true}

// parseProper reports whether a word opens a proper name.
func parseProper(w string) bool { return parseProperWords[strings.Trim(w, ",.;:")] }

// parseDocKinds are the kinds, in lower case, that take a capital when they
// cite a document ("nghị quyết số 48" → "Nghị quyết số 48").
var parseDocKinds = func() [][]string {
	out := make([][]string, 0, len(parseKinds))
	for _, k := range parseKinds {
		out = append(out, strings.Fields(strings.ToLower(k)))
	}
	return out
}()

// parseRomanAfter are the words a lone Roman numeral follows.
var parseRomanAfter = map[string]bool{"khóa": true, "khoá": true, "quý": true, "phần": true, "chương": true, "mục": true, "lục": true, "thứ": true, "lần": true}

// parseProperCase writes a line in capitals in sentence case, all in lower
// case but for names (parsePhrases), Roman numerals, document numbers,
// acronyms, and cited kinds ("Nghị quyết số 48/NQ-CP", "Luật Việc làm").
// The first word is not raised.
func parseProperCase(s string) string {
	toks := strings.Fields(s)
	low := make([]string, len(toks))
	out := make([]string, len(toks))
	for i, t := range toks {
		core := strings.TrimFunc(t, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		low[i] = strings.ToLower(core)
		prev := ""
		if i > 0 {
			prev = low[i-1]
		}
		out[i] = parseLowerWord(t, core, prev)
	}
	match := func(i int, ws []string) bool {
		if i+len(ws) > len(toks) {
			return false
		}
		for k, w := range ws {
			if low[i+k] != strings.ToLower(strings.Trim(w, ",")) {
				return false
			}
		}
		return true
	}
	for i := 0; i < len(toks); i++ {
		for _, ph := range parsePhrases {
			if !match(i, ph) {
				continue
			}
			for k, w := range ph {
				w = strings.Trim(w, ",")
				out[i+k] = strings.Replace(out[i+k], strings.ToLower(w), w, 1)
			}
			i += len(ph) - 1
			break
		}
	}
	for i := 0; i < len(toks); i++ {
		for _, k := range parseDocKinds {
			if match(i, k) && i+len(k) < len(toks) && (low[i+len(k)] == "số" || strings.ContainsAny(low[i+len(k)], "0123456789")) {
				out[i] = parseUpperFirst(out[i])
				break
			}
		}
		if low[i] == "luật" && (i == 0 || low[i-1] != "pháp") && i+1 < len(toks) && low[i+1] != "số" && parseHasLetter(low[i+1]) {
			out[i] = parseUpperFirst(out[i])
			out[i+1] = parseUpperFirst(out[i+1])
		}
	}
	return strings.Join(out, " ")
}

// parseLowerWord lowers one word of a line in capitals unless it is a number,
// a Roman numeral or an acronym.
func parseLowerWord(t, core, prev string) string {
	if core == "" || strings.ContainsAny(t, "0123456789/") {
		if strings.ContainsAny(core, "/-") && strings.ContainsAny(core, "0123456789") {
			if n, ok := NormalizeNumber(core); ok {
				return strings.Replace(t, core, n, 1) // "32/CT-TTG" → "32/CT-TTg"
			}
		}
		return t
	}
	roman := true
	for _, r := range core {
		if r != 'I' && r != 'V' && r != 'X' && r != 'L' {
			roman = false
			break
		}
	}
	if roman && (len(core) > 2 || parseRomanAfter[prev]) {
		return t
	}
	vowel := false
	for _, r := range strings.ToLower(core) {
		if strings.ContainsRune("aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ", r) {
			vowel = true
			break
		}
	}
	if !vowel || strings.Contains(core, "&") {
		return t // UBND, HĐND, KH&CN
	}
	return strings.ToLower(t)
}
