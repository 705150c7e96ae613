package app

import (
	"context"
	"errors"

	"chidao/store"
)

// FormatSynthetic is the format of documents made up by the search benchmark:
// they have no original file, and check does not look for one.
const FormatSynthetic = "synthetic"

// InsertSynthetic stores a document that has no original file (the synthetic
// documents of the search benchmark) with its paragraphs and structure, in one
// transaction, queued for the index like any import. Call FlushIndex after a
// batch of them.
func (l *Library) InsertSynthetic(ctx context.Context, d store.Document, paras []store.Paragraph, st *store.Structure) (int64, error) {
	if l.index == nil {
		return 0, errors.New("the library is open read-only")
	}
	d.Format = FormatSynthetic
	l.writeMu.Lock()
	defer l.writeMu.Unlock()
	return l.store.InsertDocument(ctx, &d, paras, st)
}

// FlushIndex sends every change the index has not received yet.
func (l *Library) FlushIndex(ctx context.Context) error {
	if l.index == nil {
		return errors.New("the library is open read-only")
	}
	return l.flushIndex(ctx)
}

// AllClauses calls fn for every clause of every document, in document order.
func (l *Library) AllClauses(ctx context.Context, fn func(d store.Document, c store.Clause) error) error {
	ids, err := l.store.DocumentIDs(ctx)
	if err != nil {
		return err
	}
	for _, id := range ids {
		d, err := l.store.Document(ctx, id)
		if err != nil {
			return err
		}
		cs, err := l.store.Clauses(ctx, id)
		if err != nil {
			return err
		}
		for _, c := range cs {
			if err := fn(d, c); err != nil {
				return err
			}
		}
	}
	return nil
}
