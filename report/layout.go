package report

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text helpers for writers that place lines themselves (the PDF writer):
// cleaning text for a simple TrueType font and breaking it into lines.

// safeText returns s in NFC with the characters a plain TrueType text run
// cannot show replaced: "\r\n" and "\r" become "\n", tabs and other control
// characters become spaces, soft hyphens and zero-width characters are
// dropped, and characters outside the Basic Multilingual Plane (emoji,
// rare CJK) become U+FFFD: the PDF library indexes its width table by
// 16-bit code and would fail on them.
func safeText(s string) string {
	s = nfcText(s)
	clean := true
	for _, r := range s {
		if r < 0x20 && r != '\n' || r >= 0x7f && r < 0xa0 || r == 0xad ||
			r >= 0x200b && r <= 0x200d || r == 0xfeff || r > 0xffff || r == utf8.RuneError {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				continue // "\r\n": the "\n" follows
			}
			b.WriteByte('\n')
		case r == '\n':
			b.WriteByte('\n')
		case r < 0x20 || r >= 0x7f && r < 0xa0:
			b.WriteByte(' ')
		case r == 0xad || r >= 0x200b && r <= 0x200d || r == 0xfeff:
			// invisible: soft hyphen, zero-width space/joiners, BOM
		case r > 0xffff || r == utf8.RuneError:
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// wrapWords breaks s into lines no wider than first (the first line) and
// rest (the following ones), widths as given by measure. Lines break
// between words (runs of spaces collapse to one space); a word wider than a
// whole line is broken between characters — never inside a letter and its
// combining marks — so no text is ever cut off or runs past the width.
// "\n" starts a new line; an empty part between two "\n" is an empty line.
// Trailing line breaks are ignored and an empty s gives no lines.
func wrapWords(s string, first, rest float64, measure func(string) float64) []string {
	s = strings.TrimRight(s, "\n \t")
	if strings.TrimSpace(s) == "" {
		return nil
	}
	const eps = 1e-6
	var lines []string
	limit := func() float64 {
		if len(lines) == 0 {
			return first + eps
		}
		return rest + eps
	}
	space := measure(" ")
	for part := range strings.SplitSeq(s, "\n") {
		words := strings.Fields(part)
		if len(words) == 0 {
			lines = append(lines, "")
			continue
		}
		var cur strings.Builder
		curW := 0.0
		for _, w := range words {
			ww := measure(w)
			if cur.Len() > 0 {
				if curW+space+ww <= limit() {
					cur.WriteByte(' ')
					cur.WriteString(w)
					curW += space + ww
					continue
				}
				lines = append(lines, cur.String())
				cur.Reset()
			}
			for ww > limit() {
				head, tail := breakWord(w, limit(), measure)
				lines = append(lines, head)
				w = tail
				ww = measure(w)
			}
			cur.WriteString(w)
			curW = ww
		}
		if cur.Len() > 0 {
			lines = append(lines, cur.String())
		}
	}
	return lines
}

// breakWord splits the over-long word w into the longest head that fits in
// width (at least one letter with its marks) and the tail.
func breakWord(w string, width float64, measure func(string) float64) (head, tail string) {
	total := 0.0
	cut := 0
	for i, r := range w {
		if i > 0 && unicode.Is(unicode.Mn, r) {
			continue // a combining mark stays with its letter
		}
		// the cluster starting at i: r and the marks following it
		j := i + utf8.RuneLen(r)
		for j < len(w) {
			m, n := utf8.DecodeRuneInString(w[j:])
			if !unicode.Is(unicode.Mn, m) {
				break
			}
			j += n
		}
		cw := measure(w[i:j])
		if cut > 0 && total+cw > width {
			break
		}
		total += cw
		cut = j
	}
	// Rather break after a slash, hyphen or dot ("02/02/" "2026", a path
	// or an address) when one falls in the second half of the head.
	if cut < len(w) {
		if k := strings.LastIndexAny(w[:cut], "/-_.,;:)–"); k >= 0 {
			_, n := utf8.DecodeRuneInString(w[k:])
			if k+n < cut && k+n >= cut/2 {
				cut = k + n
			}
		}
	}
	return w[:cut], w[cut:]
}
