package docs

import (
	"errors"
	"fmt"

	fitz "github.com/gen2brain/go-fitz"
)

// ExtractFitz reads a PDF, DOCX or EPUB with MuPDF. MuPDF can crash or hang on a
// broken file, so call this only in a child process (see app's isolation); the
// document is opened, read and closed here and never shared.
func ExtractFitz(b []byte, f Format) (Raw, error) {
	if f == FormatDOCX || f == FormatEPUB {
		if err := CheckZip(b); err != nil {
			return Raw{}, err
		}
	}
	d, err := fitz.NewFromMemory(b)
	if err != nil {
		if errors.Is(err, fitz.ErrNeedsPassword) {
			return Raw{}, ErrEncrypted
		}
		return Raw{}, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	defer d.Close()
	n := d.NumPage()
	if n <= 0 {
		return Raw{}, fmt.Errorf("%w: no pages", ErrCorrupt)
	}
	r := Raw{Format: f, Pages: make([]string, 0, n)}
	for i := 0; i < n; i++ {
		t, err := d.Text(i)
		if err != nil {
			return Raw{}, fmt.Errorf("%w: page %d: %v", ErrCorrupt, i+1, err)
		}
		r.Pages = append(r.Pages, t)
	}
	return r, nil
}
