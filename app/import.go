package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"chidao/docs"
	"chidao/store"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Status is how the import of one file ended.
type Status string

// The three ways an import of one file can end.
const (
	Imported  Status = "imported"
	Duplicate Status = "duplicate"
	Failed    Status = "failed"
)

// ImportResult is the outcome for one file. Reason is a sentence in Vietnamese
// for the clerk; Err keeps the cause for logs and tests.
type ImportResult struct {
	Path       string `json:"path"`
	Status     Status `json:"status"`
	DocumentID int64  `json:"document_id"`
	Title      string `json:"title,omitempty"`
	Format     string `json:"format,omitempty"`
	Pages      int    `json:"pages,omitempty"`
	NeedsOCR   bool   `json:"needs_ocr,omitempty"`
	Replaced   int    `json:"replaced_bytes,omitempty"`
	Link       string `json:"link,omitempty"` // the symbolic link the file was reached through
	Reason     string `json:"reason"`
	Err        error  `json:"-"`
}

// ReasonReplaced says that a text was imported with some bytes that its
// encoding could not read (a %d for their count).
const ReasonReplaced = "Đã nhập, nhưng %d byte trong tệp không đọc được theo bảng mã của tệp (tệp có thể bị hỏng một phần): các chỗ đó hiện dấu �, hãy đối chiếu với bản gốc."

// Progress reports an import under way: Done of Total files finished, the last
// result.
type Progress struct {
	Done, Total int
	Last        ImportResult
}

// Collect lists the files named by paths, walking folders recursively in name
// order and skipping hidden files and folders. Symbolic links are followed,
// to files and to folders, each real folder walked once (a link back to a
// folder above is a loop, skipped); a file reached through a link keeps the
// link's path and names it in links. What cannot be imported comes back as a
// failed result of its own, at once: a path that does not exist, a folder
// that cannot be read, a broken link, and anything that is not a regular file
// (a FIFO, a device, a socket), which could never be read to its end.
func Collect(paths []string) (files []string, links map[string]string, problems []ImportResult) {
	c := collector{links: map[string]string{}, seen: map[string]bool{}}
	for _, p := range paths {
		c.visit(p, "")
	}
	return c.files, c.links, c.problems
}

// collector is the state of one Collect.
type collector struct {
	files    []string
	links    map[string]string // file → the link it was reached through
	seen     map[string]bool   // real paths of the folders walked
	problems []ImportResult
}

// visit is Collect's step for one path: a folder is walked, a regular file
// listed, anything else reported. via is the link the path was reached
// through, if any.
func (c *collector) visit(path, via string) {
	li, err := os.Lstat(path)
	if err != nil {
		c.problems = append(c.problems, failed(path, err))
		return
	}
	info := li
	if li.Mode()&fs.ModeSymlink != 0 {
		if info, err = os.Stat(path); err != nil {
			c.problems = append(c.problems, failedWith(path, &linkError{path: path, err: err},
				fmt.Sprintf("Liên kết tượng trưng «%s» trỏ tới nơi không còn (hoặc không đọc được): hãy sửa liên kết hoặc nhập thẳng tệp gốc.", path)))
			return
		}
		via = path
	}
	switch {
	case info.IsDir():
		real, err := filepath.EvalSymlinks(path)
		if err == nil {
			real, err = filepath.Abs(real)
		}
		if err != nil {
			c.problems = append(c.problems, failed(path, err))
			return
		}
		if c.seen[real] {
			return // a link loop, a second link to a folder walked, a folder named twice
		}
		c.seen[real] = true
		entries, err := os.ReadDir(path)
		if err != nil {
			c.problems = append(c.problems, failed(path, err))
			return
		}
		for _, e := range entries {
			if !strings.HasPrefix(e.Name(), ".") {
				c.visit(filepath.Join(path, e.Name()), via)
			}
		}
	case info.Mode().IsRegular():
		c.files = append(c.files, path)
		if via != "" {
			c.links[path] = via
		}
	default:
		c.problems = append(c.problems, failedWith(path, &notRegularError{path: path, mode: info.Mode()},
			"Đây không phải là một tệp thông thường (là ống dẫn, thiết bị hoặc socket) nên không nhập được: hãy chọn tệp văn bản."))
	}
}

// notRegularError is a path that is not a regular file: a FIFO, a device, a
// socket. Reading it could wait for ever.
type notRegularError struct {
	path string
	mode fs.FileMode
}

func (e *notRegularError) Error() string {
	return fmt.Sprintf("%s is not a regular file (%s)", e.path, e.mode.Type())
}

// linkError is a symbolic link whose target cannot be reached.
type linkError struct {
	path string
	err  error
}

func (e *linkError) Error() string { return fmt.Sprintf("broken link %s: %v", e.path, e.err) }
func (e *linkError) Unwrap() error { return e.err }

// Import imports files and folders (recursively). Files are read in parallel,
// each MuPDF read in its own child process; each document is stored in one
// transaction. It returns one result per file, in the order given; progress,
// when not nil, is called after each file from the importing goroutine.
// Cancelling ctx stops after the files under way: the rest are reported failed
// as cancelled, and nothing half-imported stays behind.
func (l *Library) Import(ctx context.Context, paths []string, progress func(Progress)) ([]ImportResult, error) {
	if l.index == nil {
		return nil, errors.New("the library is open read-only")
	}
	files, links, results := Collect(paths)
	total := len(files) + len(results)
	done := 0
	for _, r := range results {
		// Each path that cannot be imported is said at once, in its own line.
		if done++; progress != nil {
			progress(Progress{Done: done, Total: total, Last: r})
		}
	}
	out := make([]ImportResult, len(files))
	type job struct {
		i    int
		path string
	}
	type read struct {
		i      int
		res    ImportResult
		staged *store.Staged
		ext    docs.Extracted
		parsed docs.Parsed
	}
	jobs := make(chan job)
	reads := make(chan read)
	var wg sync.WaitGroup
	for w := 0; w < l.opts.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				res, staged, ext := l.readOne(ctx, j.path)
				var parsed docs.Parsed
				if res.Status == "" {
					parsed = docs.Parse(ext.Paragraphs)
				}
				reads <- read{j.i, res, staged, ext, parsed}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i, f := range files {
			select {
			case jobs <- job{i, f}:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(reads) }()

	seen := make([]bool, len(files))
	stored := 0
	var indexErr error
	for r := range reads {
		res := r.res
		if res.Status == "" {
			res = l.store1(ctx, res, r.staged, r.ext, r.parsed)
			if res.Status == Imported {
				if stored++; stored%outboxBatch == 0 {
					indexErr = l.flushIndex(ctx)
				}
			}
		}
		res.Link = links[res.Path]
		out[r.i], seen[r.i] = res, true
		done++
		if progress != nil {
			progress(Progress{Done: done, Total: total, Last: res})
		}
	}
	if err := l.flushIndex(ctx); err != nil {
		indexErr = err
	}
	if stored >= compactAfter && indexErr == nil {
		// Many small segments slow every query down; merge them now.
		if err := l.CompactIndex(context.WithoutCancel(ctx)); err != nil {
			indexErr = err
		}
	}
	for i, ok := range seen {
		if !ok {
			out[i] = ImportResult{Path: files[i], Status: Failed, Err: context.Canceled, Reason: Reason(context.Canceled)}
		}
	}
	if ctx.Err() != nil {
		return append(results, out...), ctx.Err()
	}
	if indexErr != nil {
		return append(results, out...), fmt.Errorf("%w: %v", ErrIndexBehind, indexErr)
	}
	return append(results, out...), nil
}

// compactAfter is the number of documents an import must bring in for the
// index to be merged into one segment afterwards.
const compactAfter = 200

// ErrIndexBehind says that documents were stored but the search index could
// not take them yet; the outbox brings them in at the next start.
var ErrIndexBehind = errors.New("the search index is behind the library")

// flushIndex sends the documents stored so far to the index. It goes through
// even when ctx is cancelled: those documents are in the library.
func (l *Library) flushIndex(ctx context.Context) error {
	l.writeMu.Lock()
	defer l.writeMu.Unlock()
	return l.applyOutbox(context.WithoutCancel(ctx))
}

// failedWith is a failed result with its own sentence.
func failedWith(path string, err error, reason string) ImportResult {
	return ImportResult{Path: path, Status: Failed, Err: err, Reason: reason}
}

func failed(path string, err error) ImportResult {
	return ImportResult{Path: path, Status: Failed, Err: err, Reason: Reason(err)}
}

// readOne copies a file into the library's staging area and extracts its text.
// A finished result (duplicate or failed) comes back with Status set; otherwise
// the staged original and the text go on to be stored.
func (l *Library) readOne(ctx context.Context, path string) (ImportResult, *store.Staged, docs.Extracted) {
	res := ImportResult{Path: path}
	if err := ctx.Err(); err != nil {
		return failed(path, err), nil, docs.Extracted{}
	}
	f, err := os.Open(path)
	if err != nil {
		return failed(path, err), nil, docs.Extracted{}
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return failed(path, err), nil, docs.Extracted{}
	}
	if info.Size() > l.opts.MaxFileSize {
		return failed(path, &sizeError{size: info.Size(), max: l.opts.MaxFileSize}), nil, docs.Extracted{}
	}
	head := make([]byte, 4096)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return failed(path, err), nil, docs.Extracted{}
	}
	format, err := docs.Sniff(head[:n], path)
	if err != nil {
		return failed(path, err), nil, docs.Extracted{}
	}
	res.Format = string(format)
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return failed(path, err), nil, docs.Extracted{}
	}
	staged, err := l.originals.Stage(f, l.opts.MaxFileSize)
	if err != nil {
		if errors.Is(err, store.ErrTooLarge) {
			err = &sizeError{size: l.opts.MaxFileSize + 1, max: l.opts.MaxFileSize}
		}
		return failed(path, err), nil, docs.Extracted{}
	}
	if d, err := l.store.DocumentBySHA(ctx, staged.SHA256); err == nil {
		l.healOriginal(staged)
		res.Status, res.DocumentID, res.Title = Duplicate, d.ID, d.Title
		return res, nil, docs.Extracted{}
	}
	var raw docs.Raw
	if docs.NeedsIsolation(format) {
		raw, err = l.opts.extractIsolated(ctx, staged.TempPath(), format)
	} else {
		var b []byte
		if b, err = os.ReadFile(staged.TempPath()); err == nil {
			raw, err = docs.ExtractLocal(b, format)
		}
	}
	if err != nil {
		staged.Discard()
		r := failed(path, err)
		r.Format = res.Format
		return r, nil, docs.Extracted{}
	}
	return res, staged, docs.Finish(raw)
}

// healOriginal keeps a staged copy of a file already in the library when its
// original has gone missing or no longer matches its SHA-256 name (the staged
// bytes do: they are the genuine file), and drops it otherwise. A changed
// original is replaced by renaming the staged copy over it, so the original
// is at every moment either the old file or the genuine one.
func (l *Library) healOriginal(s *store.Staged) {
	dst := l.originals.Path(s.SHA256)
	if err := l.originals.Verify(s.SHA256); err == nil {
		s.Discard()
		return
	} else if errors.Is(err, fs.ErrNotExist) {
		s.Keep()
		return
	}
	if err := os.Chmod(s.TempPath(), 0o444); err != nil {
		s.Discard()
		return
	}
	if err := os.Rename(s.TempPath(), dst); err != nil {
		// Windows refuses to replace a read-only file: make it writable first.
		if os.Chmod(dst, 0o644) != nil || os.Rename(s.TempPath(), dst) != nil {
			s.Discard()
		}
	}
}

// store1 keeps the original and writes the document in one transaction, then
// indexes it.
func (l *Library) store1(ctx context.Context, res ImportResult, staged *store.Staged, ext docs.Extracted, parsed docs.Parsed) ImportResult {
	l.writeMu.Lock()
	defer l.writeMu.Unlock()
	if d, err := l.store.DocumentBySHA(ctx, staged.SHA256); err == nil {
		l.healOriginal(staged) // the same bytes came twice in this batch
		res.Status, res.DocumentID, res.Title = Duplicate, d.ID, d.Title
		return res
	}
	if _, err := staged.Keep(); err != nil {
		staged.Discard()
		return failed(res.Path, err)
	}
	title := ext.Title
	if title == "" {
		title = strings.TrimSuffix(filepath.Base(res.Path), filepath.Ext(res.Path))
	}
	d := store.Document{
		SHA256: staged.SHA256, FileName: filepath.Base(res.Path), SourcePath: absPath(res.Path),
		Format: string(ext.Format), Size: staged.Size, Pages: ext.Pages, Title: title,
		Encoding: ext.Encoding, NeedsOCR: ext.NeedsOCR, ImportedAt: time.Now(),
	}
	cat, err := l.catalog(ctx)
	if err != nil {
		staged.Discard()
		return failed(res.Path, err)
	}
	st := structureOf(parsed, &d, cat)
	paras := make([]store.Paragraph, len(ext.Paragraphs))
	for i, p := range ext.Paragraphs {
		paras[i] = store.Paragraph{Seq: i + 1, Page: p.Page, Footnote: p.Footnote, Text: p.Text}
	}
	// The import goes through even when ctx is cancelled now: the file was read.
	wctx := context.WithoutCancel(ctx)
	if _, err := l.store.InsertDocument(wctx, &d, paras, st); err != nil {
		return failed(res.Path, fmt.Errorf("save to the database: %w", err))
	}
	res.Status, res.DocumentID, res.Title = Imported, d.ID, d.Title
	res.Pages, res.NeedsOCR = d.Pages, d.NeedsOCR
	if d.NeedsOCR {
		res.Reason = ReasonNeedsOCR
	}
	if ext.Replaced > 0 {
		res.Replaced = ext.Replaced
		res.Reason = fmt.Sprintf(ReasonReplaced, ext.Replaced)
	}
	return res
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

type sizeError struct{ size, max int64 }

func (e *sizeError) Error() string {
	return fmt.Sprintf("file of %d bytes is larger than the %d allowed", e.size, e.max)
}

// SortDocuments orders documents by a column ("title", "file", "format",
// "pages", "imported"), ascending or not.
func SortDocuments(ds []store.Document, by string, asc bool) {
	col := collate.New(language.Vietnamese, collate.IgnoreCase)
	less := func(a, b store.Document) bool {
		switch by {
		case "title":
			return col.CompareString(a.Title, b.Title) < 0
		case "file":
			return col.CompareString(a.FileName, b.FileName) < 0
		case "format":
			return a.Format < b.Format
		case "pages":
			return a.Pages < b.Pages
		}
		return a.ImportedAt.Before(b.ImportedAt) || (a.ImportedAt.Equal(b.ImportedAt) && a.ID < b.ID)
	}
	sort.SliceStable(ds, func(i, j int) bool {
		if asc {
			return less(ds[i], ds[j])
		}
		return less(ds[j], ds[i])
	})
}
