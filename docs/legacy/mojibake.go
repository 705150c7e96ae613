package legacy

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// mojibakeEncodings are the encodings whose extraction mojibake FixMojibake
// repairs, in order of preference on a tie.
var mojibakeEncodings = [...]Encoding{TCVN3, VNI}

// token is one word of the input and what each legacy reading makes of it.
type token struct {
	start, end int
	line       int
	conv       [len(mojibakeEncodings)]string
	vote       [len(mojibakeEncodings)]int // +1 mojibake, -1 genuine, 0 unsure
	legacy     bool                        // every rune comes from a legacy byte
}

// FixMojibake takes Unicode text produced by extracting a legacy-font document
// (TCVN3 or VNI bytes read as Latin-1/Windows-1252), such as "thùc hiÖn" or
// "thöïc hieän", and converts it back to NFC when it clearly is such mojibake,
// reporting the encoding. Otherwise it returns s unchanged, "" and false.
//
// It works word by word: a word is mojibake when it is made of legacy
// characters, is not Vietnamese as it stands and is after conversion; a word
// that is Vietnamese only as it stands is genuine. Lines are converted where
// mojibake words outnumber genuine ones (undecided lines follow the whole
// text), and in them only words of legacy characters that do not look genuine
// are converted, so real Unicode lines and words are left alone.
func FixMojibake(s string) (string, Encoding, bool) {
	if !hasLegacyRune(s) {
		return s, "", false
	}
	toks, votes := tokenize(s)
	var docFor, docAgainst [len(mojibakeEncodings)]int
	for _, v := range votes {
		for e := range mojibakeEncodings {
			docFor[e] += v.mojibake[e]
			docAgainst[e] += v.genuine[e]
		}
	}
	e := 0
	for i := range mojibakeEncodings {
		if docFor[i] > docFor[e] {
			e = i
		}
	}
	if docFor[e] == 0 || (docFor[e] < 3 && docFor[e] <= docAgainst[e]) {
		return s, "", false
	}
	docMajority := docFor[e] > docAgainst[e]

	// The votes per line, then convert the words of mojibake lines.
	lineVotes := make(map[int]int, len(votes))
	for line, v := range votes {
		lineVotes[line] = v.mojibake[e] - v.genuine[e]
	}
	var out strings.Builder
	out.Grow(len(s) + len(s)/4)
	last, changed := 0, false
	for _, t := range toks {
		v := lineVotes[t.line]
		if !t.legacy || t.vote[e] < 0 || v < 0 || (v == 0 && !docMajority) || t.conv[e] == s[t.start:t.end] {
			continue
		}
		out.WriteString(s[last:t.start])
		out.WriteString(t.conv[e])
		last, changed = t.end, true
	}
	if !changed {
		return s, "", false
	}
	out.WriteString(s[last:])
	res := strings.ToValidUTF8(out.String(), "\uFFFD")
	return norm.NFC.String(res), mojibakeEncodings[e], true
}

// hasLegacyRune reports whether s holds any character a Latin-1 or
// Windows-1252 reading of a byte above 0x7F gives.
//
// The Latin-1 letters that Vietnamese itself uses (à, é, ô, ...) do not count:
// genuine text is full of them, while legacy text read as Latin-1 always shows
// symbols and foreign letters too (¸ µ ¶ for á à ả in TCVN3, ö ï ä in VNI). So
// genuine Unicode text, nearly every file, is passed over without tokenizing.
func hasLegacyRune(s string) bool {
	for _, r := range s {
		if r >= 0x80 && (r > 0xFF || !vietLatin1[r]) {
			if _, ok := legacyByte(r); ok {
				return true
			}
		}
	}
	return false
}

// vietLatin1 holds the Latin-1 letters of Vietnamese orthography, and the
// no-break space.
var vietLatin1 = func() (m [256]bool) {
	m[0xA0] = true
	for _, r := range "àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ" {
		m[r] = true
	}
	return m
}()

// isTokenRune reports whether r belongs to a word when looking for mojibake:
// letters and marks, and the Latin-1 symbols that TCVN3 uses for letters
// (such as ¸ for á and the soft hyphen for ư).
func isTokenRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r) || (r >= 0xA1 && r <= 0xBF) || r == 0xD7 || r == 0xF7
}

// tokenize splits s into words and judges each under every legacy reading.
//
// Only the words made of legacy characters are returned (the ones that may
// be converted); the others' votes are tallied per line in votes, so that a
// long genuine text costs a few counters a line, not a token a word.
func tokenize(s string) ([]token, map[int]lineVote) {
	var toks []token
	votes := map[int]lineVote{}
	line, start := 0, -1
	keep := func(t token) {
		if t.vote != ([len(mojibakeEncodings)]int{}) {
			v := votes[t.line]
			for e, x := range t.vote {
				switch x {
				case 1:
					v.mojibake[e]++
				case -1:
					v.genuine[e]++
				}
			}
			votes[t.line] = v
		}
		if t.legacy {
			toks = append(toks, t)
		}
	}
	for i, r := range s {
		if isTokenRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			keep(judge(s, start, i, line))
			start = -1
		}
		if r == '\n' {
			line++
		}
	}
	if start >= 0 {
		keep(judge(s, start, len(s), line))
	}
	return toks, votes
}

// lineVote counts the words of a line voting mojibake and genuine
// under each legacy reading.
type lineVote struct {
	mojibake, genuine [len(mojibakeEncodings)]int
}

// judge converts the word s[start:end] under each legacy reading and votes on
// whether it is mojibake.
func judge(s string, start, end, line int) token {
	t := token{start: start, end: end, line: line}
	w := s[start:end]
	if isASCII(w) {
		return t
	}
	raw := make([]byte, 0, len(w))
	t.legacy = true
	for _, r := range w {
		b, ok := legacyByte(r)
		if !ok {
			t.legacy = false
			break
		}
		raw = append(raw, b)
	}
	valid := isVietWord(w)
	hasLetter := strings.IndexFunc(w, unicode.IsLetter) >= 0
	if !t.legacy {
		if valid {
			for e := range t.vote {
				t.vote[e] = -1
			}
		}
		return t
	}
	for e, enc := range mojibakeEncodings {
		c := decodeAs(raw, enc)
		t.conv[e] = c
		switch cv := isVietWord(c); {
		case cv && !valid && hasLetter: // a lone symbol such as ¹ is no evidence
			t.vote[e] = 1
		case valid && !cv:
			t.vote[e] = -1
		}
	}
	return t
}
