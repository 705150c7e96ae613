package msdoc

import (
	"encoding/binary"
	"fmt"
)

// FibBase fields ([MS-DOC] 2.5.2).
const (
	wIdentWord    = 0xA5EC
	nFibWord97    = 0x00C1 // earliest nFib of the Word 97 format
	fEncrypted    = 0x0100
	fWhichTblStm  = 0x0200
	fibBaseSize   = 32
	fcLcbClx      = 33 // index of fcClx/lcbClx in FibRgFcLcb97
	fcLcbBtePapx  = 13 // index of fcPlcfBtePapx/lcbPlcfBtePapx in FibRgFcLcb97
	rgLwCcpText   = 3  // index of ccpText in FibRgLw97
	rgLwCcpFtn    = 4  // index of ccpFtn in FibRgLw97
	minFcLcbPairs = 34 // pairs needed to reach fcClx
	minRgLw       = 5  // longs needed to reach ccpFtn
)

// fib holds the few FIB values the text extraction needs.
type fib struct {
	ccpText, ccpFtn int // characters in the main and footnote stories
	clx             span
	btePapx         span
}

// span is a byte range fc..fc+lcb inside the table stream.
type span struct{ fc, lcb uint32 }

// checkFIB validates the FibBase: signature, version and encryption.
func checkFIB(wd []byte) error {
	if len(wd) < fibBaseSize {
		return fmt.Errorf("%w: WordDocument stream too short for a FIB", ErrCorrupt)
	}
	if id := binary.LittleEndian.Uint16(wd); id != wIdentWord {
		return fmt.Errorf("%w: FIB wIdent %#04x", ErrNotWord, id)
	}
	if nFib := binary.LittleEndian.Uint16(wd[2:]); nFib < nFibWord97 {
		return fmt.Errorf("%w: nFib %#04x is Word 6/95 or older", ErrNotWord, nFib)
	}
	if binary.LittleEndian.Uint16(wd[0x0A:])&fEncrypted != 0 {
		return fmt.Errorf("%w: fEncrypted set in the FIB", ErrEncrypted)
	}
	return nil
}

// readFIB parses the variable-length FIB after FibBase ([MS-DOC] 2.5.1).
func readFIB(wd []byte) (fib, error) {
	var f fib
	if err := checkFIB(wd); err != nil {
		return f, err
	}
	pos := fibBaseSize
	u16 := func() (int, bool) {
		if pos+2 > len(wd) {
			return 0, false
		}
		v := int(binary.LittleEndian.Uint16(wd[pos:]))
		pos += 2
		return v, true
	}
	csw, ok := u16()
	if !ok {
		return f, fmt.Errorf("%w: FIB truncated", ErrCorrupt)
	}
	pos += 2 * csw // fibRgW
	cslw, ok := u16()
	if !ok || cslw < minRgLw || pos+4*cslw > len(wd) {
		return f, fmt.Errorf("%w: FIB fibRgLw truncated", ErrCorrupt)
	}
	rgLw := wd[pos : pos+4*cslw]
	pos += 4 * cslw
	cbRgFcLcb, ok := u16()
	if !ok || cbRgFcLcb < minFcLcbPairs || pos+8*cbRgFcLcb > len(wd) {
		return f, fmt.Errorf("%w: FIB fibRgFcLcb truncated", ErrCorrupt)
	}
	rgFcLcb := wd[pos : pos+8*cbRgFcLcb]

	ccp := func(i int) (int, error) {
		v := int32(binary.LittleEndian.Uint32(rgLw[4*i:]))
		if v < 0 {
			return 0, fmt.Errorf("%w: negative character count %d", ErrCorrupt, v)
		}
		return int(v), nil
	}
	var err error
	if f.ccpText, err = ccp(rgLwCcpText); err != nil {
		return f, err
	}
	if f.ccpFtn, err = ccp(rgLwCcpFtn); err != nil {
		return f, err
	}
	if f.ccpText+f.ccpFtn > maxChars {
		return f, fmt.Errorf("%w: %d characters", ErrTooLarge, f.ccpText+f.ccpFtn)
	}
	pair := func(i int) span {
		return span{binary.LittleEndian.Uint32(rgFcLcb[8*i:]), binary.LittleEndian.Uint32(rgFcLcb[8*i+4:])}
	}
	f.clx = pair(fcLcbClx)
	f.btePapx = pair(fcLcbBtePapx)
	return f, nil
}

// slice returns the bytes of s in b, or false when s lies outside b.
func (s span) slice(b []byte) ([]byte, bool) {
	end := uint64(s.fc) + uint64(s.lcb)
	if end > uint64(len(b)) {
		return nil, false
	}
	return b[s.fc:end], true
}
