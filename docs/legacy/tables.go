package legacy

import "golang.org/x/text/unicode/norm"

// cp1252High maps bytes 0x80–0x9F to the characters Windows-1252 gives them.
// Bytes Windows-1252 leaves undefined read as the C1 control of the same value,
// as Latin-1 does.
var cp1252High = [32]rune{
	'€', 0x81, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0x8D, 'Ž', 0x8F,
	0x90, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0x9D, 'ž', 'Ÿ',
}

// cp1252Byte reverses cp1252High for the characters above U+00FF.
var cp1252Byte = func() map[rune]byte {
	m := make(map[rune]byte)
	for i, r := range cp1252High {
		if r > 0xFF {
			m[r] = byte(0x80 + i)
		}
	}
	return m
}()

// cp1252Rune is the Windows-1252 reading of byte b.
func cp1252Rune(b byte) rune {
	if b >= 0x80 && b < 0xA0 {
		return cp1252High[b-0x80]
	}
	return rune(b)
}

// legacyByte returns the byte that a Latin-1 or Windows-1252 reading turned
// into r, and false if no byte reads as r.
func legacyByte(r rune) (byte, bool) {
	if r < 0x100 {
		return byte(r), true
	}
	b, ok := cp1252Byte[r]
	return b, ok
}

// table is a single-byte code page: the character of each byte.
type table [256]rune

// newTable starts from Windows-1252 and places the listed characters from byte
// start on; a zero rune in the list leaves that byte as it was.
func newTable(runs ...run) *table {
	var t table
	for i := range t {
		t[i] = cp1252Rune(byte(i))
	}
	for _, run := range runs {
		for i, r := range []rune(run.chars) {
			if r != '\x00' {
				t[int(run.start)+i] = r
			}
		}
	}
	return &t
}

// run places chars on consecutive bytes from start.
type run struct {
	start byte
	chars string
}

// cp1252Table is Windows-1252.
var cp1252Table = newTable()

// tcvn3Table is TCVN 5712:1993 VN3, the "ABC" code page of the .VnTime fonts.
// It has small letters with every mark but only seven capitals; bytes it does not
// use keep their Windows-1252 reading.
var tcvn3Table = newTable(
	run{0xA1, "ĂÂÊÔƠƯĐăâêôơưđ"},
	run{0xB5, "àảãáạ\x00ằẳẵắ"},
	run{0xC6, "ặầẩẫấậè\x00ẻẽéẹềểễếệìỉ"},
	run{0xDC, "ĩíịò\x00ỏõóọồổỗốộờởỡớợù\x00ủũúụừửữứựỳỷỹýỵ"},
)

// visciiTable is VISCII (RFC 1456): every Vietnamese letter, small and capital,
// in one byte, six of them in C0 control positions.
var visciiTable = newTable(
	run{0x02, "Ẳ"}, run{0x05, "ẴẪ"}, run{0x14, "Ỷ"}, run{0x19, "Ỹ"}, run{0x1E, "Ỵ"},
	run{0x80, "ẠẮẰẶẤẦẨẬẼẸẾỀỂỄỆỐỒỔỖỘỢỚỜỞỊỎỌỈỦŨỤỲ"},
	run{0xA0, "ÕắằặấầẩậẽẹếềểễệốồổỗỠƠộờởịỰỨỪỬơớƯ"},
	run{0xC0, "ÀÁÂÃẢĂẳẵÈÉÊẺÌÍĨỳĐứÒÓÔạỷừửÙÚỹỵÝỡư"},
	run{0xE0, "àáâãảăữẫèéêẻìíĩỉđựòóôõỏọụùúũủýợỮ"},
)

// decodeTable reads b through a single-byte code page. No table holds a
// combining mark, so the result is already NFC.
func decodeTable(b []byte, t *table) string {
	rs := make([]rune, len(b))
	for i, c := range b {
		rs[i] = t[c]
	}
	return string(rs)
}

// VNI Windows writes most marked vowels as the base letter followed by a byte
// for the marks; the mark byte's case follows the letter's case. A few letters
// (đ, ơ, ư and the marked i's and ỵ) are single bytes.
var vniSingle = map[byte]rune{
	0xF1: 'đ', 0xD1: 'Đ', 0xF4: 'ơ', 0xD4: 'Ơ', 0xF6: 'ư', 0xD6: 'Ư',
	0xED: 'í', 0xCD: 'Í', 0xEC: 'ì', 0xCC: 'Ì', 0xE6: 'ỉ', 0xC6: 'Ỉ',
	0xF3: 'ĩ', 0xD3: 'Ĩ', 0xF2: 'ị', 0xD2: 'Ị', 0xEE: 'ỵ', 0xCE: 'Ỵ',
}

const (
	grave   = '\u0300'
	acute   = '\u0301'
	circ    = '\u0302'
	tilde   = '\u0303'
	breve   = '\u0306'
	hook    = '\u0309'
	dotBelo = '\u0323'
)

// vniMark is one VNI mark byte: the combining marks it adds and the letters it
// may follow.
type vniMark struct {
	marks string
	bases string
}

const (
	toneBases  = "aeiouyơưAEIOUYƠƯ"
	circBases  = "aeoAEO"
	breveBases = "aA"
)

var vniMarks = func() map[byte]vniMark {
	m := make(map[byte]vniMark)
	add := func(lower, upper byte, marks, bases string) {
		m[lower] = vniMark{marks, bases}
		m[upper] = vniMark{marks, bases}
	}
	add(0xF9, 0xD9, string(acute), toneBases)
	add(0xF8, 0xD8, string(grave), toneBases)
	add(0xFB, 0xDB, string(hook), toneBases)
	add(0xF5, 0xD5, string(tilde), toneBases)
	add(0xEF, 0xCF, string(dotBelo), toneBases)
	add(0xE2, 0xC2, string(circ), circBases)
	add(0xE1, 0xC1, string([]rune{circ, acute}), circBases)
	add(0xE0, 0xC0, string([]rune{circ, grave}), circBases)
	add(0xE5, 0xC5, string([]rune{circ, hook}), circBases)
	add(0xE3, 0xC3, string([]rune{circ, tilde}), circBases)
	add(0xE4, 0xC4, string([]rune{circ, dotBelo}), circBases)
	add(0xEA, 0xCA, string(breve), breveBases)
	add(0xE9, 0xC9, string([]rune{breve, acute}), breveBases)
	add(0xE8, 0xC8, string([]rune{breve, grave}), breveBases)
	add(0xFA, 0xDA, string([]rune{breve, hook}), breveBases)
	add(0xFC, 0xDC, string([]rune{breve, tilde}), breveBases)
	add(0xEB, 0xCB, string([]rune{breve, dotBelo}), breveBases)
	return m
}()

// vniCompose maps a base letter and a VNI mark byte to the marked letter.
var vniCompose = func() map[[2]rune]rune {
	m := make(map[[2]rune]rune)
	for b, mk := range vniMarks {
		for _, base := range mk.bases {
			rs := []rune(norm.NFC.String(string(base) + mk.marks))
			if len(rs) == 1 {
				m[[2]rune{base, rune(b)}] = rs[0]
			}
		}
	}
	return m
}()

// decodeVNI reads b as VNI Windows. A mark byte that follows no letter it can
// go on keeps its Windows-1252 reading. Marks are composed here, so the result
// is already NFC.
func decodeVNI(b []byte) string {
	rs := make([]rune, 0, len(b))
	for _, c := range b {
		if c < 0x80 {
			rs = append(rs, rune(c))
			continue
		}
		if n := len(rs); n > 0 {
			if r, ok := vniCompose[[2]rune{rs[n-1], rune(c)}]; ok {
				rs[n-1] = r
				continue
			}
		}
		if r, ok := vniSingle[c]; ok {
			rs = append(rs, r)
			continue
		}
		rs = append(rs, cp1252Rune(c))
	}
	return string(rs)
}

// decodeAs reads b in one of the single-byte encodings.
func decodeAs(b []byte, e Encoding) string {
	switch e {
	case TCVN3:
		return decodeTable(b, tcvn3Table)
	case VNI:
		return decodeVNI(b)
	case VISCII:
		return decodeTable(b, visciiTable)
	default:
		return decodeTable(b, cp1252Table)
	}
}
