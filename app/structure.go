package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"

	"chidao/assets"
	"chidao/docs"
	"chidao/store"
)

// structureOf turns what the parser understood into the document's metadata
// columns and the rows the store keeps.
func structureOf(p docs.Parsed, d *store.Document, cat *docs.Catalog) *store.Structure {
	m := p.Metadata
	if m.Title != "" {
		d.Title = m.Title
	}
	d.Kind, d.Number, d.Date, d.Place, d.Issuer = m.Kind, m.Number, m.Date, m.Place, m.Issuer
	d.Subject, d.SignerName, d.SignerTitle, d.Recipients = m.Subject, m.SignerName, m.SignerTitle, m.Recipients
	st := &store.Structure{}
	if m.Number != "" {
		st.NumberKey = docs.NumberKey(m.Number)
	}
	seq := 0
	var walk func(cs []*docs.Clause, parent string, depth int)
	walk = func(cs []*docs.Clause, parent string, depth int) {
		for _, c := range cs {
			seq++
			st.Clauses = append(st.Clauses, store.Clause{Seq: seq, Address: c.Address, Parent: parent, Depth: depth,
				Label: c.Label, Level: c.Level, Heading: c.Heading, Text: c.Text, Page: c.Page})
			walk(c.Children, c.Address, depth+1)
		}
	}
	walk(p.Clauses, "", 0)
	for _, f := range p.Footnotes {
		st.Footnotes = append(st.Footnotes, store.Footnote{Mark: f.Mark, Text: f.Text, Clause: f.Clause, Page: f.Page})
	}
	st.Links = unitLinks(p, cat)
	for _, r := range p.References {
		if r.Number == "" {
			continue
		}
		st.Citations = append(st.Citations, store.Citation{Clause: r.Clause, NumberKey: docs.NumberKey(r.Number), Number: r.Number,
			Kind: r.Kind, Date: r.Date, Issuer: r.Issuer, Text: r.Text, Start: r.Start, End: r.End, Uncertain: r.Uncertain})
	}
	return st
}

func toDocsParagraphs(ps []store.Paragraph) []docs.Paragraph {
	out := make([]docs.Paragraph, len(ps))
	for i, p := range ps {
		out[i] = docs.Paragraph{Text: p.Text, Page: p.Page, Footnote: p.Footnote}
	}
	return out
}

// reparse runs the parser again over every document's stored paragraphs when
// the parser has changed since they were parsed (meta parser_version), so an
// upgrade brings old documents to the new understanding.
func (l *Library) reparse(ctx context.Context) error {
	v, err := l.store.Meta(ctx, "parser_version")
	if err != nil || v == strconv.Itoa(docs.ParserVersion) {
		return err
	}
	ids, err := l.store.DocumentIDs(ctx)
	if err != nil {
		return err
	}
	cat, err := l.catalog(ctx)
	if err != nil {
		return err
	}
	for _, id := range ids {
		d, err := l.store.Document(ctx, id)
		if err != nil {
			return err
		}
		paras, err := l.store.Paragraphs(ctx, id)
		if err != nil {
			return err
		}
		st := structureOf(docs.Parse(toDocsParagraphs(paras)), &d, cat)
		if err := l.store.ReplaceStructure(ctx, &d, st); err != nil {
			return fmt.Errorf("re-read document %d: %w", id, err)
		}
	}
	return l.store.SetMeta(ctx, "parser_version", strconv.Itoa(docs.ParserVersion))
}

// seedKnown records the central documents the library ships with.
func (l *Library) seedKnown(ctx context.Context) error {
	var ks []store.KnownDocument
	if err := json.Unmarshal(assets.Known, &ks); err != nil {
		return err
	}
	for i := range ks {
		ks[i].NumberKey = docs.NumberKey(ks[i].Number)
	}
	return l.store.SeedKnown(ctx, ks)
}

// Clauses returns a document's clause tree, flattened in document order (each
// clause names its parent's address and its depth).
func (l *Library) Clauses(ctx context.Context, id int64) ([]store.Clause, error) {
	return l.store.Clauses(ctx, id)
}

// Footnotes returns a document's footnotes.
func (l *Library) Footnotes(ctx context.Context, id int64) ([]store.Footnote, error) {
	return l.store.Footnotes(ctx, id)
}

// Citations returns the documents a document cites, clause by clause.
func (l *Library) Citations(ctx context.Context, id int64) ([]store.Citation, error) {
	return l.store.Citations(ctx, id)
}

// CitedBy returns the clauses of other documents that cite this one.
func (l *Library) CitedBy(ctx context.Context, id int64) ([]store.CitedBy, error) {
	return l.store.CitedBy(ctx, id)
}

// KnownDocument returns what is known of a cited document.
func (l *Library) KnownDocument(ctx context.Context, id int64) (store.KnownDocument, error) {
	return l.store.KnownDocument(ctx, id)
}

// KnownDocuments lists every document known by its number.
func (l *Library) KnownDocuments(ctx context.Context) ([]store.KnownDocument, error) {
	return l.store.KnownDocuments(ctx)
}

// Inspect reads and parses one file without a library, MuPDF isolated in a
// child process as for an import.
func Inspect(ctx context.Context, path string, opts Options) (docs.Extracted, docs.Parsed, error) {
	if err := opts.fill(); err != nil {
		return docs.Extracted{}, docs.Parsed{}, err
	}
	f, err := os.Open(path)
	if err != nil {
		return docs.Extracted{}, docs.Parsed{}, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return docs.Extracted{}, docs.Parsed{}, err
	}
	if info.Size() > opts.MaxFileSize {
		return docs.Extracted{}, docs.Parsed{}, &sizeError{size: info.Size(), max: opts.MaxFileSize}
	}
	head := make([]byte, 4096)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return docs.Extracted{}, docs.Parsed{}, err
	}
	format, err := docs.Sniff(head[:n], path)
	if err != nil {
		return docs.Extracted{}, docs.Parsed{}, err
	}
	var raw docs.Raw
	if docs.NeedsIsolation(format) {
		raw, err = opts.extractIsolated(ctx, path, format)
	} else {
		var b []byte
		if b, err = os.ReadFile(path); err == nil {
			raw, err = docs.ExtractLocal(b, format)
		}
	}
	if err != nil {
		return docs.Extracted{}, docs.Parsed{}, err
	}
	ext := docs.Finish(raw)
	return ext, docs.Parse(ext.Paragraphs), nil
}
