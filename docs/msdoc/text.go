package msdoc

import (
	"encoding/binary"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"
)

// parse extracts the main and footnote stories from the two streams.
func parse(wd, table []byte) (Document, error) {
	f, err := readFIB(wd)
	if err != nil {
		return Document{}, err
	}
	clx, ok := f.clx.slice(table)
	if !ok || len(clx) == 0 {
		return Document{}, fmt.Errorf("%w: CLX at %d+%d outside table stream of %d bytes",
			ErrCorrupt, f.clx.fc, f.clx.lcb, len(table))
	}
	pieces, err := parsePieces(clx)
	if err != nil {
		return Document{}, err
	}
	ttp, ttpOK := readTTP(wd, table, f.btePapx)
	var doc Document
	if doc.Text, err = extract(wd, pieces, 0, f.ccpText, ttp, ttpOK); err != nil {
		return Document{}, err
	}
	if f.ccpFtn > 0 {
		if doc.Footnotes, err = extract(wd, pieces, f.ccpText, f.ccpText+f.ccpFtn, ttp, ttpOK); err != nil {
			return Document{}, err
		}
	}
	return doc, nil
}

// extract converts the characters from..to (CPs) of the piece table to text.
func extract(wd []byte, pieces []piece, from, to int, ttp ttpIndex, ttpOK bool) (string, error) {
	c := converter{ttp: ttp, ttpOK: ttpOK}
	// Vietnamese text averages under two UTF-8 bytes per character.
	c.out = make([]byte, 0, min(2*(to-from), maxTextBytes)+16)
	next := from // first CP not yet converted
	for _, p := range pieces {
		s, e := max(p.cp, next), min(p.cpEnd, to)
		if s >= e {
			if p.cp >= to {
				break
			}
			continue
		}
		if s != next {
			return "", fmt.Errorf("%w: piece table has a gap at CP %d", ErrCorrupt, next)
		}
		n := e - s
		k := s - p.cp
		if p.compressed {
			start := p.fc + k
			if start+n > len(wd) {
				return "", fmt.Errorf("%w: piece at %d+%d outside WordDocument stream", ErrCorrupt, start, n)
			}
			for i, b := range wd[start : start+n] {
				if err := c.char(cp1252(b), start+i); err != nil {
					return "", err
				}
			}
		} else {
			start := p.fc + 2*k
			if start+2*n > len(wd) {
				return "", fmt.Errorf("%w: piece at %d+%d outside WordDocument stream", ErrCorrupt, start, 2*n)
			}
			for i := 0; i < n; i++ {
				pos := start + 2*i
				if err := c.unit(binary.LittleEndian.Uint16(wd[pos:]), pos); err != nil {
					return "", err
				}
			}
		}
		next = e
	}
	if next < to {
		return "", fmt.Errorf("%w: piece table ends at CP %d before %d", ErrCorrupt, next, to)
	}
	return normalize(string(c.out)), nil
}

// converter turns Word characters into plain text, tracking fields and tables.
type converter struct {
	out    []byte
	fields []bool // open fields, true once their separator was seen
	hidden int    // open fields still in their instruction part
	hi     uint16 // pending high surrogate, 0 if none
	prev   rune   // previous visible Word character
	ttp    ttpIndex
	ttpOK  bool
}

// unit feeds one UTF-16 code unit stored at stream offset fc.
func (c *converter) unit(u uint16, fc int) error {
	if c.hi != 0 {
		hi := c.hi
		c.hi = 0
		if utf16.IsSurrogate(rune(u)) && u >= 0xDC00 {
			return c.char(utf16.DecodeRune(rune(hi), rune(u)), fc)
		}
	}
	switch {
	case u >= 0xD800 && u < 0xDC00:
		c.hi = u
		return nil
	case u >= 0xDC00 && u < 0xE000:
		return nil // lone low surrogate
	}
	return c.char(rune(u), fc)
}

// char feeds one character stored at stream offset fc.
func (c *converter) char(r rune, fc int) error {
	switch r {
	case 0x13: // field begin
		c.fields = append(c.fields, false)
		c.hidden++
		return nil
	case 0x14: // field separator
		if n := len(c.fields); n > 0 && !c.fields[n-1] {
			c.fields[n-1] = true
			c.hidden--
		}
		return nil
	case 0x15: // field end
		if n := len(c.fields); n > 0 {
			if !c.fields[n-1] {
				c.hidden--
			}
			c.fields = c.fields[:n-1]
		}
		return nil
	}
	if c.hidden > 0 {
		return nil
	}
	prev := c.prev
	c.prev = r
	switch r {
	case 0x0D, 0x0B, 0x0A, 0x0E: // paragraph end, line break, column break
		c.out = append(c.out, '\n')
	case 0x0C: // page or section break
		c.out = append(c.out, '\f')
	case 0x09:
		c.out = append(c.out, '\t')
	case 0x07: // cell end or row end
		if c.isRowEnd(fc, prev) {
			if n := len(c.out); n > 0 && c.out[n-1] == '\t' {
				c.out = c.out[:n-1]
			}
			c.out = append(c.out, '\n')
		} else {
			c.out = append(c.out, '\t')
		}
	case 0x1E: // non-breaking hyphen
		c.out = append(c.out, '-')
	case 0xA0: // non-breaking space
		c.out = append(c.out, ' ')
	default:
		if r < 0x20 || (r >= 0x7F && r < 0xA0) || r == 0xFFFE || r == 0xFFFF {
			return nil // object anchors, optional hyphen, other controls
		}
		c.out = utf8.AppendRune(c.out, r)
	}
	if len(c.out) > maxTextBytes {
		return fmt.Errorf("%w: text exceeds %d bytes", ErrTooLarge, maxTextBytes)
	}
	return nil
}

// isRowEnd tells a row-end mark from a cell mark: from the paragraph
// properties when they could be read, else by the mark following another mark.
func (c *converter) isRowEnd(fc int, prev rune) bool {
	if c.ttpOK {
		return c.ttp.rowEnd(fc)
	}
	return prev == 0x07
}

// cp1252High maps bytes 0x80..0x9F of Windows-1252; undefined bytes map to the
// C1 control of the same value (and are then dropped as control characters).
var cp1252High = [32]rune{
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
}

// cp1252 decodes one Windows-1252 byte.
func cp1252(b byte) rune {
	if b >= 0x80 && b < 0xA0 {
		return cp1252High[b-0x80]
	}
	return rune(b)
}
