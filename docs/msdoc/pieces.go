package msdoc

import (
	"encoding/binary"
	"fmt"
	"sort"
)

// piece is one entry of the piece table: characters cp..cpEnd stored at byte
// offset fc of the WordDocument stream, 8-bit when compressed, else UTF-16LE.
type piece struct {
	cp, cpEnd  int
	fc         int
	compressed bool
}

const (
	fcCompressedBit = 0x40000000
	fcMask          = 0x3FFFFFFF
	clxtPrc         = 0x01
	clxtPcdt        = 0x02
	pcdSize         = 8
)

// parsePieces reads the piece table (PlcPcd) from a Clx ([MS-DOC] 2.9.38).
func parsePieces(clx []byte) ([]piece, error) {
	pos := 0
	for pos < len(clx) {
		switch clx[pos] {
		case clxtPrc:
			if pos+3 > len(clx) {
				return nil, fmt.Errorf("%w: Prc truncated", ErrCorrupt)
			}
			cb := int(int16(binary.LittleEndian.Uint16(clx[pos+1:])))
			if cb < 0 || pos+3+cb > len(clx) {
				return nil, fmt.Errorf("%w: Prc size %d", ErrCorrupt, cb)
			}
			pos += 3 + cb
		case clxtPcdt:
			if pos+5 > len(clx) {
				return nil, fmt.Errorf("%w: Pcdt truncated", ErrCorrupt)
			}
			lcb := uint64(binary.LittleEndian.Uint32(clx[pos+1:]))
			if lcb > uint64(len(clx)-pos-5) {
				return nil, fmt.Errorf("%w: PlcPcd size %d", ErrCorrupt, lcb)
			}
			return parsePlcPcd(clx[pos+5 : pos+5+int(lcb)])
		default:
			return nil, fmt.Errorf("%w: unknown clxt %#02x", ErrCorrupt, clx[pos])
		}
	}
	return nil, fmt.Errorf("%w: no piece table", ErrCorrupt)
}

// parsePlcPcd reads n+1 CPs followed by n 8-byte Pcds.
func parsePlcPcd(plc []byte) ([]piece, error) {
	if len(plc) < 4 || (len(plc)-4)%(4+pcdSize) != 0 {
		return nil, fmt.Errorf("%w: PlcPcd size %d", ErrCorrupt, len(plc))
	}
	n := (len(plc) - 4) / (4 + pcdSize)
	if n > maxPieces {
		return nil, fmt.Errorf("%w: %d pieces", ErrTooLarge, n)
	}
	pcds := plc[4*(n+1):]
	pieces := make([]piece, n)
	prev := -1
	for i := range pieces {
		cp := int(int32(binary.LittleEndian.Uint32(plc[4*i:])))
		cpEnd := int(int32(binary.LittleEndian.Uint32(plc[4*i+4:])))
		if cp < 0 || cp < prev || cpEnd < cp {
			return nil, fmt.Errorf("%w: piece table CPs out of order", ErrCorrupt)
		}
		prev = cp
		raw := binary.LittleEndian.Uint32(pcds[pcdSize*i+2:])
		p := piece{cp: cp, cpEnd: cpEnd, fc: int(raw & fcMask)}
		if raw&fcCompressedBit != 0 {
			p.compressed = true
			p.fc /= 2
		}
		pieces[i] = p
	}
	return pieces, nil
}

// ttpIndex lists the stream ranges [start, end) of table-row-end paragraphs
// (those whose properties set sprmPFTtp), sorted by start.
type ttpIndex [][2]uint32

// rowEnd reports whether the character at stream offset fc ends a table row.
func (t ttpIndex) rowEnd(fc int) bool {
	i := sort.Search(len(t), func(i int) bool { return int(t[i][0]) > fc }) - 1
	return i >= 0 && fc < int(t[i][1])
}

const (
	fkpSize      = 512
	bxPapSize    = 13
	sprmPFTtp    = 0x2417
	sprmTDefTbl  = 0xD608
	sprmPChgTabs = 0xC615
)

// readTTP builds the row-end index from the paragraph FKPs referenced by
// PlcBtePapx ([MS-DOC] 2.8.5, 2.9.175). It reports false when the structures are
// missing or inconsistent; the caller then guesses row ends from the text.
func readTTP(wd, table []byte, bte span) (ttpIndex, bool) {
	plc, ok := bte.slice(table)
	if !ok || len(plc) < 4 || (len(plc)-4)%8 != 0 {
		return nil, false
	}
	n := (len(plc) - 4) / 8
	if n > len(wd)/fkpSize+1 { // every FKP is a distinct page of the stream
		return nil, false
	}
	var idx ttpIndex
	for i := 0; i < n; i++ {
		pn := int(binary.LittleEndian.Uint32(plc[4*(n+1)+4*i:]) & 0x3FFFFF)
		off := pn * fkpSize
		if off+fkpSize > len(wd) {
			return nil, false
		}
		page := wd[off : off+fkpSize]
		crun := int(page[fkpSize-1])
		if 4*(crun+1)+bxPapSize*crun > fkpSize-1 {
			return nil, false
		}
		for j := 0; j < crun; j++ {
			start := binary.LittleEndian.Uint32(page[4*j:])
			end := binary.LittleEndian.Uint32(page[4*j+4:])
			bOff := int(page[4*(crun+1)+bxPapSize*j]) * 2
			if bOff == 0 || end <= start {
				continue
			}
			if grpprl, ok := papxGrpprl(page, bOff); ok && hasTTP(grpprl) {
				idx = append(idx, [2]uint32{start, end})
			}
		}
	}
	sort.Slice(idx, func(a, b int) bool { return idx[a][0] < idx[b][0] })
	return idx, true
}

// papxGrpprl returns the sprms of the PapxInFkp at offset off of an FKP page.
func papxGrpprl(page []byte, off int) ([]byte, bool) {
	if off+2 > len(page) {
		return nil, false
	}
	cb := int(page[off])
	start, size := off+1, 2*cb-1
	if cb == 0 {
		start, size = off+2, 2*int(page[off+1])
	}
	if size < 2 || start+size > len(page) {
		return nil, false
	}
	return page[start+2 : start+size], true // skip istd
}

// hasTTP reports whether a grpprl sets sprmPFTtp (the last value wins).
func hasTTP(g []byte) bool {
	ttp := false
	for i := 0; i+2 <= len(g); {
		sprm := binary.LittleEndian.Uint16(g[i:])
		i += 2
		size := 0
		switch sprm >> 13 {
		case 0, 1:
			size = 1
		case 2, 4, 5:
			size = 2
		case 3:
			size = 4
		case 7:
			size = 3
		case 6:
			switch {
			case sprm == sprmTDefTbl:
				if i+2 > len(g) {
					return ttp
				}
				size = 2 + int(binary.LittleEndian.Uint16(g[i:])) - 1
			case sprm == sprmPChgTabs && i < len(g) && g[i] == 255:
				if i+2 > len(g) {
					return ttp
				}
				del := int(g[i+1])
				if i+3+4*del > len(g) {
					return ttp
				}
				size = 3 + 4*del + 3*int(g[i+2+4*del])
			default:
				if i >= len(g) {
					return ttp
				}
				size = 1 + int(g[i])
			}
		}
		if size < 1 || i+size > len(g) {
			return ttp
		}
		if sprm == sprmPFTtp {
			ttp = g[i] != 0
		}
		i += size
	}
	return ttp
}
