package legacy

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// vletter is a letter split into its base (small, keeping ă â ê ô ơ ư đ) and
// its tone mark (0 for none).
type vletter struct {
	base rune
	tone rune
}

// vietLetters holds every letter a Vietnamese word may contain.
var vietLetters = func() map[rune]vletter {
	m := make(map[rune]vletter)
	for _, c := range "bcdđghklmnpqrstvx" {
		m[c] = vletter{c, 0}
		m[unicode.ToUpper(c)] = vletter{c, 0}
	}
	for _, b := range "aăâeêioôơuưy" {
		for _, t := range []rune{0, grave, acute, tilde, hook, dotBelo} {
			s := string(b)
			if t != 0 {
				s += string(t)
			}
			r, _ := utf8.DecodeRuneInString(norm.NFC.String(s))
			m[r] = vletter{b, t}
			m[unicode.ToUpper(r)] = vletter{b, t}
		}
	}
	return m
}()

// onsets are the initial consonants, longest first.
var onsets = strings.Fields("ngh ng nh ch gh gi kh ph qu th tr b c d đ g h k l m n p r s t v x")

// rimes are the toneless rimes (medial, vowel and final) of Vietnamese.
var rimes = func() map[string]bool {
	m := make(map[string]bool)
	for _, r := range strings.Fields(`
a ai ao au ay ac ach am an ang anh ap at
ăc ăm ăn ăng ăp ăt
âc âm ân âng âp ât âu ây
e eo ec em en eng ep et
ê êu êch êm ên ênh êp êt
i ia iu ich im in inh ip it iêc iêm iên iêng iêp iêt iêu
y yêm yên yêng yêt yêu
o oi oc om on ong op ot ooc oong
oa oai oao oay oac oach oam oan oang oanh oap oat
oăc oăm oăn oăng oăt oe oeo oen oet oem
ô ôi ôc ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u ua ui uc um un ung up ut
uân uâng uât uây uê uêch uênh uơ
uy uya uyu uych uynh uyp uyt uyn uyên uyêt
uôi uôc uôm uôn uông uôt
ư ưa ưi ưu ưc ưm ưn ưng ưt
ươi ươu ươc ươm ươn ương ươp ươt`) {
		m[r] = true
	}
	return m
}()

// isVietWord reports whether w is one well-formed Vietnamese syllable (any
// letter case), such as "được" or "THỰC"; mojibake like "thùc" or "thöïc" is not.
func isVietWord(w string) bool {
	if w == "" || len(w) > 40 {
		return false
	}
	var buf [12]rune
	base := buf[:0]
	tone := rune(0)
	for _, r := range w {
		l, ok := vietLetters[r]
		if !ok || len(base) == cap(buf) {
			if unicode.Is(unicode.Mn, r) && !norm.NFC.IsNormalString(w) {
				return isVietWord(norm.NFC.String(w)) // decomposed input
			}
			return false
		}
		if l.tone != 0 {
			if tone != 0 {
				return false
			}
			tone = l.tone
		}
		base = append(base, l.base)
	}
	s := string(base)
	if rimeOK(s, tone) {
		return true
	}
	for _, on := range onsets {
		if !strings.HasPrefix(s, on) {
			continue
		}
		rime := s[len(on):]
		if on == "qu" {
			// The u of qu is the medial, written o in oa, oă, oe elsewhere.
			if rime != "" && (rimeOK("u"+rime, tone) || rimeOK("o"+rime, tone)) {
				return true
			}
			continue
		}
		if rimeOK(rime, tone) {
			return true
		}
	}
	return false
}

// rimeOK reports whether rime is a rime and may carry tone: rimes closed by
// c, ch, p or t take only the acute or the dot below.
func rimeOK(rime string, tone rune) bool {
	if !rimes[rime] {
		return false
	}
	if strings.HasSuffix(rime, "c") || strings.HasSuffix(rime, "ch") ||
		strings.HasSuffix(rime, "p") || strings.HasSuffix(rime, "t") {
		return tone == acute || tone == dotBelo
	}
	return true
}

// commonWords are frequent words of Vietnamese administrative text; each one
// found adds to a decoding's score.
var commonWords = func() map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(`của và các được thực hiện những trong không này với đã
để về một đến công tác nhân dân tỉnh huyện xã quyết định nghị số ngày tháng năm
cán bộ đảng chính trị việc phải tổ chức quản lý kế hoạch có là người theo cấp
cơ quan đơn vị trên nước văn bản thành phố`) {
		m[w] = true
	}
	return m
}()

// isWordRune reports whether r belongs to a word when scoring decoded text.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r)
}

// vietScore rates how Vietnamese s looks: each word with a non-ASCII letter
// scores +1 when it is a Vietnamese syllable (+1 more for a common word) and -1
// otherwise; each stray control or symbol from the 0x80–0xBF range scores -1.
func vietScore(s string) int {
	score := 0
	start := -1
	flush := func(end int) {
		w := s[start:end]
		start = -1
		if isASCII(w) {
			return
		}
		if isVietWord(w) {
			score++
			if commonWords[strings.ToLower(w)] {
				score++
			}
		} else {
			score--
		}
	}
	for i, r := range s {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			flush(i)
		}
		if r >= 0x80 && r <= 0xBF && r != 0xA0 && r != '«' && r != '»' && r != '°' && r != '§' && r != '©' {
			score--
		}
	}
	if start >= 0 {
		flush(len(s))
	}
	return score
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
