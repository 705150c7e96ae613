// Package msdoc reads the text of Word 97-2003 binary documents (.doc) in pure Go,
// following [MS-DOC]: it opens the compound file, reads the File Information Block
// (FIB) from the WordDocument stream, walks the piece table (CLX) found in the
// table stream and turns the main document text into plain NFC text.
//
// Paragraph and line breaks become "\n", page and section breaks "\f", table
// cells end with "\t" and rows with "\n"; field instructions are dropped and
// field results kept. 8-bit pieces are decoded as Windows-1252 faithfully, so text
// typed in legacy Vietnamese fonts (TCVN3, VNI) comes out as the usual mojibake
// for another package to repair.
//
// The reader is meant for untrusted files: every offset is checked, every length
// is bounded before anything is allocated, and all failures are reported as one
// of the sentinel errors below, wrapped with %w.
package msdoc

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"github.com/richardlehane/msoleps"
	"io"

	"github.com/richardlehane/mscfb"
	"golang.org/x/text/unicode/norm"
)

// Sentinel errors returned (wrapped) by Text and Read; test them with errors.Is.
var (
	// ErrNotWord means the input is not a compound file, has no WordDocument
	// stream, or is not in the Word 97-2003 format (e.g. Word 6/95).
	ErrNotWord = errors.New("msdoc: not a Word 97-2003 document")
	// ErrEncrypted means the document is password-protected (encrypted or obfuscated).
	ErrEncrypted = errors.New("msdoc: document is encrypted")
	// ErrCorrupt means a structure points outside its stream or is truncated.
	ErrCorrupt = errors.New("msdoc: corrupt document")
	// ErrTooLarge means a stream, the piece table or the text exceeds the limits.
	ErrTooLarge = errors.New("msdoc: document too large")
)

// Limits applied to untrusted input.
const (
	maxStreamSize = 128 << 20 // bytes of one stream read into memory
	maxChars      = 64 << 20  // characters of the stories read (CP count)
	maxTextBytes  = 64 << 20  // bytes of produced UTF-8 text
	maxPieces     = 1_000_000 // pieces in the piece table
)

// cfbSignature opens every compound file.
var cfbSignature = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// Document is the text of a Word document split by story.
type Document struct {
	Text      string // main document text
	Footnotes string // text of all footnotes, in order; empty when there are none
	Pages     int    // page count Word saved in the summary information; 0 when unknown
}

// Text reads the main document text of a Word 97-2003 file.
func Text(r io.ReaderAt, size int64) (string, error) {
	d, err := Read(r, size)
	if err != nil {
		return "", err
	}
	return d.Text, nil
}

// Read reads the main document text and the footnote text of a Word 97-2003 file.
func Read(r io.ReaderAt, size int64) (doc Document, err error) {
	if r == nil || size < int64(len(cfbSignature)) {
		return Document{}, fmt.Errorf("%w: file too small", ErrNotWord)
	}
	sr := io.NewSectionReader(r, 0, size)
	var sig [8]byte
	if _, err := sr.ReadAt(sig[:], 0); err != nil || !bytes.Equal(sig[:], cfbSignature) {
		return Document{}, fmt.Errorf("%w: not a compound file", ErrNotWord)
	}
	wordDoc, table, summary, err := openStreams(sr, size)
	if err != nil {
		return Document{}, err
	}
	doc, err = parse(wordDoc, table)
	if err == nil {
		doc.Pages = pageCount(summary)
		// Word often saves a stale count (1 for a long document): an A4 page
		// holds at most about 4,500 characters, so a count that small is unknown.
		if doc.Pages > 0 && utf8.RuneCountInString(doc.Text) > doc.Pages*4500 {
			doc.Pages = 0
		}
	}
	return doc, err
}

// pageCount reads PIDSI_PAGECOUNT from a SummaryInformation stream; 0 when it
// is absent or unreadable.
func pageCount(summary []byte) (n int) {
	if len(summary) == 0 {
		return 0
	}
	defer func() {
		if recover() != nil {
			n = 0
		}
	}()
	props, err := msoleps.NewFrom(bytes.NewReader(summary))
	if err != nil {
		return 0
	}
	for _, p := range props.Property {
		if p.Name == "PageCount" {
			if k, err := strconv.Atoi(strings.TrimSpace(p.String())); err == nil && k > 0 && k < 100000 {
				return k
			}
		}
	}
	return 0
}

// openStreams reads the WordDocument stream and the table stream it names.
func openStreams(sr *io.SectionReader, size int64) (wordDoc, table, summary []byte, err error) {
	// mscfb is third-party code fed with untrusted bytes: turn any panic into ErrCorrupt.
	defer func() {
		if p := recover(); p != nil {
			wordDoc, table, summary, err = nil, nil, nil, fmt.Errorf("%w: compound file: %v", ErrCorrupt, p)
		}
	}()
	cf, err := mscfb.New(sr)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("%w: compound file: %v", ErrCorrupt, err)
	}
	streams := map[string]*mscfb.File{}
	for _, f := range cf.File {
		// Only top-level streams: embedded objects carry their own WordDocument.
		if f == nil || len(f.Path) != 0 || f.FileInfo().IsDir() {
			continue
		}
		switch f.Name {
		case "WordDocument", "0Table", "1Table", "SummaryInformation":
			if _, dup := streams[f.Name]; !dup {
				streams[f.Name] = f
			}
		}
	}
	wd := streams["WordDocument"]
	if wd == nil {
		return nil, nil, nil, fmt.Errorf("%w: no WordDocument stream", ErrNotWord)
	}
	if wordDoc, err = readStream(wd, size); err != nil {
		return nil, nil, nil, err
	}
	if err := checkFIB(wordDoc); err != nil {
		return nil, nil, nil, err
	}
	name := "0Table"
	if binary.LittleEndian.Uint16(wordDoc[0x0A:])&fWhichTblStm != 0 {
		name = "1Table"
	}
	ts := streams[name]
	if ts == nil {
		return nil, nil, nil, fmt.Errorf("%w: no %s stream", ErrCorrupt, name)
	}
	if table, err = readStream(ts, size); err != nil {
		return nil, nil, nil, err
	}
	if si := streams["SummaryInformation"]; si != nil && si.Size < 1<<20 {
		summary, _ = readStream(si, size)
	}
	return wordDoc, table, summary, nil
}

// readStream reads a whole stream, refusing sizes beyond the file or the limit.
func readStream(f *mscfb.File, fileSize int64) ([]byte, error) {
	if f.Size > maxStreamSize {
		return nil, fmt.Errorf("%w: stream %s is %d bytes", ErrTooLarge, f.Name, f.Size)
	}
	if f.Size > fileSize {
		return nil, fmt.Errorf("%w: stream %s (%d bytes) larger than the file", ErrCorrupt, f.Name, f.Size)
	}
	buf := make([]byte, f.Size)
	if _, err := io.ReadFull(f, buf); err != nil {
		return nil, fmt.Errorf("%w: reading stream %s: %v", ErrCorrupt, f.Name, err)
	}
	return buf, nil
}

// normalize returns s in Unicode normalization form C.
func normalize(s string) string {
	return norm.NFC.String(s)
}
