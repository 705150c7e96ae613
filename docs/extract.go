package docs

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"chidao/docs/legacy"
	"chidao/docs/msdoc"

	"golang.org/x/text/unicode/norm"
)

// Reasons an extraction fails. The app turns each into a sentence the clerk can
// act on; wrap them with %w to add detail.
var (
	ErrEmpty        = errors.New("docs: empty file")
	ErrUnsupported  = errors.New("docs: unsupported format")
	ErrEncrypted    = errors.New("docs: password-protected")
	ErrCorrupt      = errors.New("docs: damaged file")
	ErrZipBomb      = errors.New("docs: archive expands too much")
	ErrTooLarge     = errors.New("docs: file too large")
	ErrNotAllowed   = errors.New("docs: format must be read in an isolated process")
	errNoTextInFile = errors.New("docs: no text")
)

// Limits bound what one file may cost to read.
const (
	// MaxTextFileSize is the largest plain-text or HTML file read (a directive is
	// a few hundred kilobytes; anything larger is not one).
	MaxTextFileSize = 32 << 20
	// MaxZipExpansion is the largest total a DOCX or EPUB may expand to.
	MaxZipExpansion = 256 << 20
	// MaxZipRatio is the largest compression ratio a DOCX or EPUB may claim.
	MaxZipRatio = 200
)

// Sniff tells a file's format from its first bytes (at least 512 when the file
// has them) and, when the bytes do not decide, its name.
func Sniff(head []byte, name string) (Format, error) {
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case len(head) == 0:
		return "", ErrEmpty
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return FormatPDF, nil
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		return FormatDOC, nil
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		switch {
		case bytes.Contains(head, []byte("application/epub+zip")) || ext == ".epub":
			return FormatEPUB, nil
		case ext == ".docx" || ext == ".docm" || ext == ".dotx" || bytes.Contains(head, []byte("word/")) || bytes.Contains(head, []byte("[Content_Types].xml")):
			return FormatDOCX, nil
		}
		return "", fmt.Errorf("%w: a ZIP archive that is not a Word or EPUB file", ErrUnsupported)
	}
	if ext == ".pdf" || ext == ".doc" || ext == ".docx" || ext == ".epub" {
		// The name promises a binary format the bytes do not have.
		return "", fmt.Errorf("%w: the file is named %s but its content is not", ErrCorrupt, ext)
	}
	if looksHTML(head) || ext == ".html" || ext == ".htm" {
		if looksBinary(head) {
			return "", ErrUnsupported
		}
		return FormatHTML, nil
	}
	if ext == ".txt" || ext == ".text" || ext == "" || !looksBinary(head) {
		if looksBinary(head) {
			return "", fmt.Errorf("%w: binary content", ErrUnsupported)
		}
		return FormatTXT, nil
	}
	return "", ErrUnsupported
}

func looksHTML(head []byte) bool {
	h := bytes.ToLower(bytes.TrimLeft(head, "\xef\xbb\xbf \t\r\n"))
	return bytes.HasPrefix(h, []byte("<!doctype html")) || bytes.HasPrefix(h, []byte("<html")) ||
		(bytes.HasPrefix(h, []byte("<")) && bytes.Contains(h, []byte("<body")))
}

// looksBinary reports whether head has control bytes no text file has. UTF-16
// text (which has NUL bytes) is recognised by its byte-order mark.
func looksBinary(head []byte) bool {
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		return false
	}
	bad := 0
	for _, c := range head {
		if c == 0 {
			return true
		}
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1A {
			bad++
		}
	}
	return bad*20 > len(head)
}

// NeedsIsolation reports whether a format is read with MuPDF, which must run in
// a child process because a broken file can crash or hang it.
func NeedsIsolation(f Format) bool {
	return f == FormatPDF || f == FormatDOCX || f == FormatEPUB
}

// CheckZip refuses a DOCX or EPUB whose archive would expand beyond the limits
// (a zip bomb) before MuPDF is given it.
func CheckZip(b []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > MaxZipExpansion {
			return fmt.Errorf("%w: more than %d MB once expanded", ErrZipBomb, MaxZipExpansion>>20)
		}
		if f.CompressedSize64 > 0 && f.UncompressedSize64/f.CompressedSize64 > MaxZipRatio && f.UncompressedSize64 > 1<<20 {
			return fmt.Errorf("%w: %s is compressed %d times", ErrZipBomb, f.Name, f.UncompressedSize64/f.CompressedSize64)
		}
	}
	return nil
}

// ExtractLocal reads the formats that are safe to parse in this process with
// pure Go code: Word 97 (DOC), plain text and HTML.
func ExtractLocal(b []byte, f Format) (Raw, error) {
	switch f {
	case FormatDOC:
		d, err := msdoc.Read(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			switch {
			case errors.Is(err, msdoc.ErrEncrypted):
				return Raw{}, fmt.Errorf("%w: %v", ErrEncrypted, err)
			case errors.Is(err, msdoc.ErrTooLarge):
				return Raw{}, fmt.Errorf("%w: %v", ErrTooLarge, err)
			}
			return Raw{}, fmt.Errorf("%w: %v", ErrCorrupt, err)
		}
		return Raw{Format: f, Pages: SplitPages(d.Text), PageCount: d.Pages}, nil
	case FormatTXT, FormatHTML:
		if len(b) > MaxTextFileSize {
			return Raw{}, fmt.Errorf("%w: %d MB of text", ErrTooLarge, len(b)>>20)
		}
		s, enc, bad, err := legacy.DecodeCounting(b)
		if err != nil {
			return Raw{}, fmt.Errorf("%w: %v", ErrCorrupt, err)
		}
		if f == FormatHTML {
			if s, err = HTMLText([]byte(s)); err != nil {
				return Raw{}, fmt.Errorf("%w: %v", ErrCorrupt, err)
			}
		}
		r := Raw{Format: f, Pages: SplitPages(s), Replaced: bad}
		if enc != legacy.UTF8 {
			r.Encoding = string(enc)
		}
		return r, nil
	}
	return Raw{}, fmt.Errorf("%w: %s", ErrNotAllowed, f)
}

// Extracted is a document's clean text and what was learnt while reading it.
type Extracted struct {
	Format     Format      `json:"format"`
	Pages      int         `json:"pages"`
	Title      string      `json:"title"`
	Encoding   string      `json:"encoding,omitempty"`
	Replaced   int         `json:"replaced_bytes,omitempty"` // invalid bytes shown as U+FFFD
	NeedsOCR   bool        `json:"needs_ocr"`
	Paragraphs []Paragraph `json:"paragraphs"`
}

// Finish turns raw page text into an Extracted document: legacy-font mojibake
// converted, NFC, paragraphs rebuilt, a title found. A document with pages but
// no text at all is marked for OCR.
func Finish(r Raw) Extracted {
	e := Extracted{Format: r.Format, Pages: len(r.Pages), Encoding: r.Encoding, Replaced: r.Replaced}
	if r.Format == FormatTXT || r.Format == FormatHTML || r.Format == FormatDOC {
		// No fixed layout: the page count is what the file says, if anything.
		e.Pages = r.PageCount
	}
	pages := make([]string, len(r.Pages))
	chars := 0
	for i, p := range r.Pages {
		p = strings.ToValidUTF8(p, "\uFFFD")
		if fixed, enc, ok := legacy.FixMojibake(p); ok {
			p = fixed
			if e.Encoding == "" {
				e.Encoding = string(enc)
			}
		}
		p = norm.NFC.String(p)
		pages[i] = p
		chars += utf8.RuneCountInString(strings.TrimSpace(p))
	}
	if chars == 0 {
		e.NeedsOCR = r.Format == FormatPDF && len(r.Pages) > 0
		return e
	}
	e.Paragraphs = Rebuild(pages)
	e.Title = Title(e.Paragraphs)
	return e
}
