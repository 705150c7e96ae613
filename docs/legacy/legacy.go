// Package legacy reads Vietnamese text written in the 8-bit code pages of old
// office files — TCVN3 (ABC, the .VnTime fonts), VNI Windows and VISCII — and in
// UTF-8 or UTF-16, and returns it as NFC Unicode. It also repairs the mojibake
// that text extraction gives for documents typed in legacy fonts (TCVN3 or VNI
// bytes read as Latin-1/Windows-1252).
//
// TCVN3 has codes for only seven capital letters; documents typed capitals with
// marks in the capitals-only .VnTimeH font using the small-letter codes, so
// those come back as small letters.
package legacy

import (
	"errors"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Encoding names a text encoding detected in a file.
type Encoding string

// The encodings Decode detects.
const (
	UTF8    Encoding = "utf-8"
	UTF16LE Encoding = "utf-16le"
	UTF16BE Encoding = "utf-16be"
	TCVN3   Encoding = "tcvn3"        // TCVN 5712:1993 VN3 ("ABC", .VnTime fonts)
	VNI     Encoding = "vni"          // VNI Windows (VNI-Times fonts)
	VISCII  Encoding = "viscii"       // RFC 1456
	CP1252  Encoding = "windows-1252" // last resort when nothing looks Vietnamese
)

// ErrOddUTF16 is returned for UTF-16 input with an odd number of bytes.
var ErrOddUTF16 = errors.New("legacy: UTF-16 text has an odd number of bytes")

// scoreSample bounds how many bytes are decoded to score an encoding.
const scoreSample = 64 << 10

// Decode turns the raw bytes of a text file into NFC Unicode and names the
// encoding it found. It honours a UTF-8 or UTF-16 BOM and recognises BOM-less
// UTF-16 by its zero bytes; valid UTF-8 is checked for legacy-font mojibake
// (see FixMojibake), and then the legacy encoding is reported. Other bytes are
// read as TCVN3, VNI and VISCII and the reading that looks most Vietnamese
// wins; Windows-1252 is the last resort. The only error is for undecodable
// input (odd-length UTF-16).
func Decode(b []byte) (string, Encoding, error) {
	s, e, _, err := DecodeCounting(b)
	return s, e, err
}

// DecodeCounting is Decode that also counts the bytes it had to replace with
// U+FFFD. The encoding is decided for the whole file, with tolerance: UTF-8
// with a few invalid bytes (a damaged or badly concatenated file) stays UTF-8,
// the bad bytes replaced and counted, rather than the whole file being read
// again as a legacy code page.
func DecodeCounting(b []byte) (string, Encoding, int, error) {
	switch {
	case len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF:
		bad := invalidUTF8(b[3:])
		s, e, err := fromUnicode(strings.ToValidUTF8(string(b[3:]), "\uFFFD"), UTF8)
		return s, e, bad, err
	}
	if !utf8.Valid(b) && mostlyUTF8(b) {
		bad := invalidUTF8(b)
		s, e, err := fromUnicode(strings.ToValidUTF8(string(b), "\uFFFD"), UTF8)
		return s, e, bad, err
	}
	s, e, err := decodeWhole(b)
	return s, e, 0, err
}

// invalidUTF8 counts the bytes of b that are not part of valid UTF-8.
func invalidUTF8(b []byte) int {
	bad := 0
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n == 1 {
			bad++
		}
		b = b[n:]
	}
	return bad
}

// mostlyUTF8 reports whether b is UTF-8 with a few bad bytes: it holds valid
// multi-byte sequences and its invalid bytes are no more than one in fifty of
// them (and at least a handful are tolerated). Text in a legacy 8-bit code page
// has far more invalid bytes than valid sequences: its marked letters are
// single high bytes, which UTF-8 rejects unless a rare pair happens to match.
func mostlyUTF8(b []byte) bool {
	multi, bad := 0, 0
	for len(b) > 0 {
		if b[0] < utf8.RuneSelf {
			b = b[1:]
			continue
		}
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n == 1 {
			bad++
		} else {
			multi++
		}
		b = b[n:]
	}
	return multi > 0 && bad <= max(4, multi/50)
}

// decodeWhole is Decode for input that is not mostly UTF-8.
func decodeWhole(b []byte) (string, Encoding, error) {
	switch {
	case len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF:
		return fromUnicode(strings.ToValidUTF8(string(b[3:]), "\uFFFD"), UTF8)
	case len(b) >= 2 && b[0] == 0xFF && b[1] == 0xFE:
		return fromUTF16(b[2:], false)
	case len(b) >= 2 && b[0] == 0xFE && b[1] == 0xFF:
		return fromUTF16(b[2:], true)
	}
	if e, ok := sniffUTF16(b); ok {
		return fromUTF16(b, e == UTF16BE)
	}
	if utf8.Valid(b) {
		return fromUnicode(string(b), UTF8)
	}
	sample := b
	if len(sample) > scoreSample {
		sample = sample[:scoreSample]
	}
	best, bestScore := CP1252, 0
	for _, e := range []Encoding{TCVN3, VNI, VISCII} {
		if s := vietScore(decodeAs(sample, e)); s > bestScore {
			best, bestScore = e, s
		}
	}
	return norm.NFC.String(decodeAs(b, best)), best, nil
}

// fromUnicode finishes text already read as Unicode: it repairs mojibake and
// normalises to NFC.
func fromUnicode(s string, e Encoding) (string, Encoding, error) {
	if fixed, le, ok := FixMojibake(s); ok {
		return fixed, le, nil
	}
	return norm.NFC.String(s), e, nil
}

// fromUTF16 decodes UTF-16 without BOM; unpaired surrogates become U+FFFD.
func fromUTF16(b []byte, bigEndian bool) (string, Encoding, error) {
	e := UTF16LE
	if bigEndian {
		e = UTF16BE
	}
	if len(b)%2 != 0 {
		return "", e, ErrOddUTF16
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	return fromUnicode(string(utf16.Decode(u)), e)
}

// sniffUTF16 recognises BOM-less UTF-16 by zero bytes: text that is largely
// ASCII has a zero in one half of most code units and rarely in the other.
func sniffUTF16(b []byte) (Encoding, bool) {
	if len(b) < 4 || len(b)%2 != 0 {
		return "", false
	}
	n := min(len(b), scoreSample)
	var zeros [2]int
	for i := 0; i < n; i++ {
		if b[i] == 0 {
			zeros[i%2]++
		}
	}
	units := n / 2
	switch {
	case zeros[1]*10 >= units*3 && zeros[0]*20 <= units:
		return UTF16LE, true
	case zeros[0]*10 >= units*3 && zeros[1]*20 <= units:
		return UTF16BE, true
	}
	return "", false
}
