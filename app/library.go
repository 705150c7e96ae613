// Package app is the chidao library as a service: open a library folder, import
// files, list and show documents, check and back up. It is the only package that
// ties the store, the index and the document readers together; the desktop UI
// and the command line are two thin faces of it.
package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"chidao/docs"
	"chidao/index"
	"chidao/store"
)

// Options tune how a library is opened.
type Options struct {
	// ReadOnly opens the database only (no lock, no index), for listing,
	// showing and backing up while another process has the library open.
	ReadOnly bool
	// ChildArgv is the command that runs this binary, for extraction children;
	// by default os.Executable().
	ChildArgv []string
	// ExtractTimeout bounds one file's extraction in a child.
	ExtractTimeout time.Duration
	// MaxFileSize is the largest file imported.
	MaxFileSize int64
	// Workers is how many files are read at once.
	Workers int
	// IndexTimeout bounds the wait for an index another process holds.
	IndexTimeout time.Duration
	// UserName is who the audit fields name; by default the system user.
	UserName string
	// Now is the clock deciding what is overdue; by default time.Now.
	Now func() time.Time
	// OnRebuild, when not nil, hears a rebuild of the search index that Open
	// found necessary: first with done 0 and the reason (a Vietnamese
	// sentence), then after each document.
	OnRebuild func(reason string, done, total int)
}

func (o *Options) fill() error {
	if len(o.ChildArgv) == 0 {
		exe, err := os.Executable()
		if err != nil {
			return err
		}
		o.ChildArgv = []string{exe}
	}
	if o.ExtractTimeout == 0 {
		o.ExtractTimeout = 60 * time.Second
	}
	if o.MaxFileSize == 0 {
		o.MaxFileSize = 256 << 20
	}
	if o.Workers == 0 {
		o.Workers = 2
	}
	if o.IndexTimeout == 0 {
		o.IndexTimeout = 3 * time.Second
	}
	return nil
}

// ErrBusy is returned when another chidao process has the library open.
var ErrBusy = errors.New("the library is open in another chidao process")

// Library is an open library folder: chidao.db, index/ and originals/.
type Library struct {
	Dir       string
	opts      Options
	store     *store.Store
	originals store.Originals
	index     *index.Index
	lock      *os.File
	writeMu   sync.Mutex // serialises writes to the database and index

	catMu sync.Mutex
	cat   *docs.Catalog // the unit catalog, loaded on first use
}

// DefaultDir is the library used when none is named: CHIDAO_LIBRARY, or the
// chidao folder in the user's configuration folder.
func DefaultDir() (string, error) {
	if d := os.Getenv("CHIDAO_LIBRARY"); d != "" {
		return d, nil
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("no user folder to keep the library in: %w (name one with --library)", err)
	}
	return filepath.Join(base, "chidao"), nil
}

// Open opens the library in dir, creating it when absent. Unless ReadOnly, it
// takes the library's lock (failing with ErrBusy when another process holds it),
// opens the index, rebuilds it if its version changed and applies the outbox
// left by an interrupted run.
func Open(ctx context.Context, dir string, opts Options) (*Library, error) {
	if err := opts.fill(); err != nil {
		return nil, err
	}
	l := &Library{Dir: dir, opts: opts, originals: store.Originals{Dir: filepath.Join(dir, "originals")}}
	if opts.ReadOnly {
		if _, err := os.Stat(filepath.Join(dir, "chidao.db")); err != nil {
			return nil, fmt.Errorf("no library at %s: %w", dir, err)
		}
	} else {
		if err := os.MkdirAll(l.originals.Dir, 0o755); err != nil {
			return nil, err
		}
		lf, err := os.OpenFile(filepath.Join(dir, "chidao.lock"), os.O_CREATE|os.O_RDWR, 0o644)
		if err != nil {
			return nil, err
		}
		if err := lockFile(lf); err != nil {
			lf.Close()
			return nil, fmt.Errorf("%w (%s)", ErrBusy, dir)
		}
		l.lock = lf
	}
	s, err := store.Open(ctx, filepath.Join(dir, "chidao.db"))
	if err != nil {
		l.Close()
		return nil, err
	}
	l.store = s
	if opts.ReadOnly {
		return l, nil
	}
	l.originals.CleanStaging()
	if err := l.seedKnown(ctx); err != nil {
		l.Close()
		return nil, fmt.Errorf("record the central documents: %w", err)
	}
	if err := l.reparse(ctx); err != nil {
		l.Close()
		return nil, err
	}
	if err := l.openIndex(ctx); err != nil {
		l.Close()
		return nil, err
	}
	return l, nil
}

// rebuildMarker is the file, beside index/, that says a rebuild of the index
// began and has not finished: written before the old index is removed,
// removed once the new one is complete and stamped.
const rebuildMarker = "index.rebuilding"

// Reasons for rebuilding the index at open, as the clerk reads them.
const (
	rebuildNew      = "Chưa có chỉ mục tìm kiếm (thư viện mới hoặc vừa khôi phục): đang xây dựng chỉ mục."
	rebuildVersion  = "Chỉ mục tìm kiếm thuộc phiên bản cũ: đang xây dựng lại."
	rebuildPartial  = "Lần xây dựng chỉ mục trước chưa xong (chương trình bị tắt giữa chừng): đang xây dựng lại."
	rebuildDamaged  = "Chỉ mục tìm kiếm bị hỏng: đang xây dựng lại từ cơ sở dữ liệu, văn bản và nhiệm vụ không mất gì."
	rebuildMismatch = "Chỉ mục tìm kiếm không khớp với thư viện: đang xây dựng lại."
)

// openIndex opens the index and makes sure it follows the database. The index
// is derived data, so whatever is wrong with it — absent, of another version,
// half-built (the marker is there), damaged (it does not open, or cannot be
// read), holding other documents than the database — is never fatal: it is
// rebuilt, with Options.OnRebuild told why. Pending outbox rows are applied
// last.
func (l *Library) openIndex(ctx context.Context) error {
	dir := filepath.Join(l.Dir, "index")
	stamp, err := l.store.Meta(ctx, "index_version")
	if err != nil {
		return err
	}
	reason := ""
	if _, err := os.Stat(filepath.Join(l.Dir, rebuildMarker)); err == nil {
		reason = rebuildPartial
	} else if _, err := os.Stat(dir); err != nil {
		reason = rebuildNew
	} else if stamp != strconv.Itoa(index.Version) {
		reason = rebuildVersion
	}
	if reason == "" {
		ix, err := index.Open(dir, l.opts.IndexTimeout, false)
		switch {
		case errors.Is(err, index.ErrLocked):
			return fmt.Errorf("%w (%s)", ErrBusy, l.Dir)
		case err != nil:
			reason = rebuildDamaged
		default:
			l.index = ix
			if err := l.applyOutbox(ctx); err != nil {
				if ctx.Err() != nil {
					return err
				}
				reason = rebuildDamaged
			} else if ok, err := l.indexMatches(ctx); err != nil {
				if ctx.Err() != nil {
					return err
				}
				reason = rebuildDamaged
			} else if !ok {
				reason = rebuildMismatch
			}
		}
	}
	if reason == "" {
		return nil
	}
	if l.index != nil {
		l.index.Close()
		l.index = nil
	}
	var progress func(done, total int)
	if f := l.opts.OnRebuild; f != nil {
		f(reason, 0, 0)
		progress = func(done, total int) { f(reason, done, total) }
	}
	return l.rebuildIndex(ctx, progress)
}

// indexMatches reports whether the index holds exactly the database's
// documents, each with its document entry: a cheap check (one term query and
// one SQL query) that finds an index left behind by a restore or a copy.
func (l *Library) indexMatches(ctx context.Context) (ok bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			ok, err = false, fmt.Errorf("index unreadable: %v", r)
		}
	}()
	ids, err := l.store.DocumentIDs(ctx)
	if err != nil {
		return false, err
	}
	in, err := l.index.DocumentIDs()
	if err != nil {
		return false, err
	}
	if len(in) != len(ids) {
		return false, nil
	}
	for _, id := range ids {
		if !in[id] {
			return false, nil
		}
	}
	return true, nil
}

// Close releases the index, the database and the lock.
func (l *Library) Close() error {
	var errs []error
	if l.index != nil {
		errs = append(errs, l.index.Close())
		l.index = nil
	}
	if l.store != nil {
		errs = append(errs, l.store.Close())
		l.store = nil
	}
	if l.lock != nil {
		errs = append(errs, l.lock.Close())
		l.lock = nil
	}
	return errors.Join(errs...)
}

// Documents lists the library's documents, newest first.
func (l *Library) Documents(ctx context.Context) ([]store.Document, error) {
	return l.store.Documents(ctx)
}

// Document returns one document, or an error wrapping store.ErrNotFound.
func (l *Library) Document(ctx context.Context, id int64) (store.Document, error) {
	return l.store.Document(ctx, id)
}

// Paragraphs returns a document's clean paragraphs in reading order.
func (l *Library) Paragraphs(ctx context.Context, id int64) ([]store.Paragraph, error) {
	return l.store.Paragraphs(ctx, id)
}

// OriginalPath is where a document's original file is kept.
func (l *Library) OriginalPath(d store.Document) string { return l.originals.Path(d.SHA256) }

// Text returns a document's body text: its paragraphs separated by blank
// lines, footnotes last.
func (l *Library) Text(ctx context.Context, id int64) (string, error) {
	paras, err := l.store.Paragraphs(ctx, id)
	if err != nil {
		return "", err
	}
	return joinText(paras), nil
}

func joinText(paras []store.Paragraph) string {
	var b, notes strings.Builder
	for _, p := range paras {
		w := &b
		if p.Footnote {
			w = &notes
		}
		if w.Len() > 0 {
			w.WriteString("\n\n")
		}
		w.WriteString(p.Text)
	}
	if notes.Len() > 0 {
		b.WriteString("\n\n---\n\n")
		b.WriteString(notes.String())
	}
	return b.String()
}

// outboxBatch is how many pending changes go to the index at once.
const outboxBatch = 100

// applyOutbox brings the index up to date with changes the database committed
// but the index may not have received, in batches.
func (l *Library) applyOutbox(ctx context.Context) error {
	pending, err := l.store.Outbox(ctx)
	if err != nil {
		return err
	}
	for len(pending) > 0 {
		n := min(len(pending), outboxBatch)
		chunk := pending[:n]
		pending = pending[n:]
		b := l.index.NewBatch()
		ids := make([]int64, 0, n)
		for _, e := range chunk {
			ids = append(ids, e.ID)
			if e.Op == "delete" {
				b.DeleteDocument(e.DocumentID, nil)
				continue
			}
			d, err := l.store.Document(ctx, e.DocumentID)
			if errors.Is(err, store.ErrNotFound) {
				b.DeleteDocument(e.DocumentID, nil)
				continue
			}
			if err != nil {
				return err
			}
			if err := l.putDocument(ctx, b, d); err != nil {
				return err
			}
		}
		if err := l.index.Apply(b); err != nil {
			return err
		}
		if err := l.store.DoneOutbox(ctx, ids...); err != nil {
			return err
		}
	}
	return nil
}

// putDocument adds a stored document to an index batch.
func (l *Library) putDocument(ctx context.Context, b *index.Batch, d store.Document) error {
	doc, clauses, err := l.indexDoc(ctx, d)
	if err != nil {
		return err
	}
	return b.PutDocument(doc, clauses)
}

// indexDoc is what the index holds for a stored document: its metadata and
// one entry per clause, each with the headings of the clauses above it, and
// one per footnote (found at the clause it belongs to). A document the parser
// found no clause in is indexed paragraph by paragraph.
func (l *Library) indexDoc(ctx context.Context, d store.Document) (index.Document, []index.Clause, error) {
	doc := index.Document{ID: d.ID, Title: d.Title, Subject: d.Subject, Kind: d.Kind, Number: d.Number,
		Date: d.Date, Issuer: d.Issuer, File: d.FileName, Format: d.Format}
	cs, err := l.store.Clauses(ctx, d.ID)
	if err != nil {
		return doc, nil, err
	}
	var out []index.Clause
	if len(cs) == 0 {
		paras, err := l.store.Paragraphs(ctx, d.ID)
		if err != nil {
			return doc, nil, err
		}
		for _, p := range paras {
			out = append(out, index.Clause{DocumentID: d.ID, Seq: p.Seq, Address: "¶" + strconv.Itoa(p.Seq), Text: p.Text, Page: p.Page})
		}
		return doc, out, nil
	}
	headings := make(map[string]string, len(cs))
	parents := make(map[string]string, len(cs))
	for _, c := range cs {
		headings[c.Address], parents[c.Address] = c.Heading, c.Parent
	}
	path := func(addr string) string {
		var parts []string
		for a := addr; a != ""; a = parents[a] {
			if h := headings[a]; h != "" {
				parts = append([]string{h}, parts...)
			}
		}
		return strings.Join(parts, " › ")
	}
	links, err := l.store.DocumentLinks(ctx, d.ID)
	if err != nil {
		return doc, nil, err
	}
	units := map[string][]string{}
	for _, k := range links {
		if k.State != "removed" && !slices.Contains(units[k.Clause], k.UnitName) {
			units[k.Clause] = append(units[k.Clause], k.UnitName)
		}
	}
	tasks, err := l.clauseTasks(ctx, d.ID)
	if err != nil {
		return doc, nil, err
	}
	for _, c := range cs {
		ic := index.Clause{DocumentID: d.ID, Seq: c.Seq, Address: c.Address, HeadingPath: path(c.Address),
			Heading: c.Heading, Text: c.Text, Page: c.Page, Units: units[c.Address]}
		for _, t := range tasks[c.Address] {
			if !slices.Contains(ic.TaskStatuses, t.Status) {
				ic.TaskStatuses = append(ic.TaskStatuses, t.Status)
			}
			if t.Next != "" && (ic.TaskDue == "" || t.Next < ic.TaskDue) {
				ic.TaskDue = t.Next
			}
		}
		out = append(out, ic)
	}
	notes, err := l.store.Footnotes(ctx, d.ID)
	if err != nil {
		return doc, nil, err
	}
	for i, f := range notes {
		out = append(out, index.Clause{DocumentID: d.ID, Seq: footnoteSeq + i, Address: f.Clause, HeadingPath: path(f.Clause),
			Heading: "Chú thích", Text: f.Text, Page: f.Page})
	}
	return doc, out, nil
}

// footnoteSeq numbers a document's footnotes in the index after its clauses.
const footnoteSeq = 1 << 20

// Reindex rebuilds the index from the database. progress, when not nil, is
// called after each document with the count done and the total.
//
// It works whatever state the old index is in (it is not read), and it is
// safe to interrupt: a marker written before the old index goes and removed
// after the new one is complete makes the next Open finish the job.
func (l *Library) Reindex(ctx context.Context, progress func(done, total int)) error {
	if l.opts.ReadOnly {
		return errors.New("the library is open read-only")
	}
	return l.rebuildIndex(ctx, progress)
}

// rebuildIndex builds a new index from the database in place of whatever is
// in index/ (nothing of it is read).
func (l *Library) rebuildIndex(ctx context.Context, progress func(done, total int)) error {
	l.writeMu.Lock()
	defer l.writeMu.Unlock()
	if l.index != nil {
		// A damaged index may fail to close cleanly; it is thrown away.
		l.index.Close()
		l.index = nil
	}
	ids, err := l.store.DocumentIDs(ctx)
	if err != nil {
		return err
	}
	marker := filepath.Join(l.Dir, rebuildMarker)
	if err := writeSynced(marker, []byte("rebuild of index/ under way\n")); err != nil {
		return err
	}
	// Start from an empty index: far cheaper than deleting document by
	// document, each of which needs a lookup.
	dir := filepath.Join(l.Dir, "index")
	if err := index.Remove(dir); err != nil {
		return err
	}
	ix, err := index.Open(dir, l.opts.IndexTimeout, false)
	if err != nil {
		if errors.Is(err, index.ErrLocked) {
			return fmt.Errorf("%w (%s)", ErrBusy, l.Dir)
		}
		return fmt.Errorf("open index: %w", err)
	}
	l.index = ix
	b := l.index.NewBatch()
	b.Fresh = true // the index is empty: no earlier clause docs to look up
	inBatch := 0
	for i, id := range ids {
		if err := ctx.Err(); err != nil {
			return err
		}
		d, err := l.store.Document(ctx, id)
		if err != nil {
			return err
		}
		if err := l.putDocument(ctx, b, d); err != nil {
			return err
		}
		// Batches of outboxBatch documents (not bleve ops: a document is
		// dozens of clause docs).
		if inBatch++; inBatch >= outboxBatch || i == len(ids)-1 {
			if err := l.index.Apply(b); err != nil {
				return err
			}
			inBatch = 0
		}
		if progress != nil {
			progress(i+1, len(ids))
		}
	}
	pending, err := l.store.Outbox(ctx)
	if err != nil {
		return err
	}
	ids2 := make([]int64, len(pending))
	for i, e := range pending {
		ids2[i] = e.ID
	}
	if err := l.store.DoneOutbox(ctx, ids2...); err != nil {
		return err
	}
	if err := l.index.Compact(ctx); err != nil {
		return err
	}
	if err := l.store.SetMeta(ctx, "index_version", strconv.Itoa(index.Version)); err != nil {
		return err
	}
	return os.Remove(marker)
}

// writeSynced writes a small file and flushes it to disk, so that it is
// there after a crash.
func writeSynced(path string, b []byte) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Search finds documents whose title or text match a query, best first.
func (l *Library) Search(ctx context.Context, q string, size int) ([]store.Document, error) {
	if l.index == nil {
		return nil, errors.New("the library is open read-only")
	}
	res, err := l.SearchClauses(ctx, index.Query{Text: q, Size: size, GroupByDocument: true})
	if err != nil {
		return nil, err
	}
	out := make([]store.Document, 0, len(res.Hits))
	for _, h := range res.Hits {
		d, err := l.store.Document(ctx, h.DocumentID)
		if err == nil {
			out = append(out, d)
		}
	}
	return out, nil
}

// CompactIndex merges the index into as few segments as possible, which makes
// queries faster after a large import or rebuild.
func (l *Library) CompactIndex(ctx context.Context) error {
	if l.index == nil {
		return errors.New("the library is open read-only")
	}
	l.writeMu.Lock()
	defer l.writeMu.Unlock()
	return l.index.Compact(ctx)
}

// SearchClauses runs a query in chidao's query language (words with or without
// diacritics, "phrases", -exclusions, OR, so: loai: nam: coquan: dieu: fields)
// over the clauses and document titles, with facets and highlighted fragments.
//
// A search that finds the index unreadable (a segment damaged on disk while
// the library was open) fails with ErrIndexDamaged and leaves the rebuild
// marker, so that the next Open rebuilds the index.
func (l *Library) SearchClauses(ctx context.Context, q index.Query) (res index.Result, err error) {
	if l.index == nil {
		return index.Result{}, errors.New("the library is open read-only")
	}
	defer func() {
		if r := recover(); r != nil {
			writeSynced(filepath.Join(l.Dir, rebuildMarker), []byte("index found damaged by a search\n"))
			res, err = index.Result{}, fmt.Errorf("%w: %v", ErrIndexDamaged, r)
		}
	}()
	return l.index.Search(ctx, q)
}

// ErrIndexDamaged says the search index could not be read; the next Open
// rebuilds it.
var ErrIndexDamaged = errors.New("the search index is damaged")
