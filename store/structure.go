package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
)

// Structure is what the parser understood of a document beyond its paragraphs:
// its own number key, its clause tree (flattened in document order), its
// footnotes and its citations of other documents.
type Structure struct {
	NumberKey string // key under which the document's own number meets citations; "" when it has none
	Clauses   []Clause
	Footnotes []Footnote
	Citations []Citation
	Links     []UnitLink // units named by the clauses, found automatically
}

// Clause is one stored node of a document's clause tree.
type Clause struct {
	Seq     int    `json:"seq"`
	Address string `json:"address"`
	Parent  string `json:"parent"`
	Depth   int    `json:"depth"`
	Label   string `json:"label"`
	Level   string `json:"level"`
	Heading string `json:"heading"`
	Text    string `json:"text"`
	Page    int    `json:"page"`
}

// Footnote is one stored footnote and the clause it belongs to.
type Footnote struct {
	Mark   string `json:"mark"`
	Text   string `json:"text"`
	Clause string `json:"clause"`
	Page   int    `json:"page"`
}

// Citation is one citation of another document from a clause.
type Citation struct {
	Clause    string `json:"clause"`
	NumberKey string `json:"-"`
	Number    string `json:"number"`
	Kind      string `json:"kind"`
	Date      string `json:"date"`
	Issuer    string `json:"issuer"`
	Text      string `json:"text"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Uncertain bool   `json:"uncertain"`
	// Filled when read back: the known document cited and, when its text is
	// in the library, that document's id.
	KnownID    int64 `json:"known_id"`
	DocumentID int64 `json:"document_id"`
}

// KnownDocument is a document known by its number, whether or not its text is
// in the library (DocumentID 0 when not).
type KnownDocument struct {
	ID         int64  `json:"id"`
	NumberKey  string `json:"-"`
	Number     string `json:"number"`
	Kind       string `json:"kind"`
	Date       string `json:"date"`
	Issuer     string `json:"issuer"`
	Title      string `json:"title"`
	Source     string `json:"source"` // "cited", "bundled" or "imported"
	DocumentID int64  `json:"document_id"`
}

// CitedBy is a clause of another document that cites a document.
type CitedBy struct {
	DocumentID int64  `json:"document_id"`
	Title      string `json:"title"`
	Number     string `json:"number"`
	Clause     string `json:"clause"`
	Text       string `json:"text"`
}

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// writeStructure stores a document's metadata columns and structure inside tx.
func writeStructure(ctx context.Context, tx execer, d *Document, st *Structure) error {
	recipients, _ := json.Marshal(nonNil(d.Recipients))
	if _, err := tx.ExecContext(ctx, `UPDATE documents SET title = ?, kind = ?, number = ?, doc_date = ?, place = ?, issuer = ?,
		subject = ?, signer_name = ?, signer_title = ?, recipients = ? WHERE id = ?`,
		d.Title, d.Kind, d.Number, d.Date, d.Place, d.Issuer, d.Subject, d.SignerName, d.SignerTitle, string(recipients), d.ID); err != nil {
		return err
	}
	for _, c := range st.Clauses {
		if _, err := tx.ExecContext(ctx, `INSERT INTO clauses (document_id, seq, address, parent, depth, label, level, heading, text, page)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, d.ID, c.Seq, c.Address, c.Parent, c.Depth, c.Label, c.Level, c.Heading, c.Text, c.Page); err != nil {
			return err
		}
	}
	for i, f := range st.Footnotes {
		if _, err := tx.ExecContext(ctx, `INSERT INTO footnotes (document_id, seq, mark, text, clause, page) VALUES (?, ?, ?, ?, ?, ?)`,
			d.ID, i+1, f.Mark, f.Text, f.Clause, f.Page); err != nil {
			return err
		}
	}
	if st.NumberKey != "" {
		// The document is the full text of a known document: fill the record,
		// unless another document in the library already is its text.
		kid, err := upsertKnown(ctx, tx, KnownDocument{NumberKey: st.NumberKey, Number: d.Number, Kind: d.Kind, Date: d.Date, Issuer: d.Issuer, Title: d.Title, Source: "imported"})
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE known_documents SET document_id = ?, title = CASE WHEN ? != '' THEN ? ELSE title END
			WHERE id = ? AND (document_id IS NULL OR document_id NOT IN (SELECT id FROM documents))`, d.ID, d.Title, d.Title, kid); err != nil {
			return err
		}
	}
	if err := replaceAutoLinks(ctx, tx, d.ID, st.Links); err != nil {
		return err
	}
	for _, c := range st.Citations {
		if c.NumberKey == "" || c.NumberKey == st.NumberKey {
			continue
		}
		kid, err := upsertKnown(ctx, tx, KnownDocument{NumberKey: c.NumberKey, Number: c.Number, Kind: c.Kind, Date: c.Date, Issuer: c.Issuer, Source: "cited"})
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO citations (document_id, clause, known_id, number, kind, doc_date, issuer, text, start, end, uncertain)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, d.ID, c.Clause, kid, c.Number, c.Kind, c.Date, c.Issuer, c.Text, c.Start, c.End, c.Uncertain); err != nil {
			return err
		}
	}
	return nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// upsertKnown finds or creates the known document with k's key, filling the
// fields it did not know yet, and returns its id.
func upsertKnown(ctx context.Context, tx execer, k KnownDocument) (int64, error) {
	_, err := tx.ExecContext(ctx, `INSERT INTO known_documents (number_key, number, kind, doc_date, issuer, title, source)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(number_key) DO UPDATE SET
			kind     = CASE WHEN kind = '' THEN excluded.kind ELSE kind END,
			doc_date = CASE WHEN doc_date = '' THEN excluded.doc_date ELSE doc_date END,
			issuer   = CASE WHEN issuer = '' THEN excluded.issuer ELSE issuer END,
			title    = CASE WHEN title = '' THEN excluded.title ELSE title END`,
		k.NumberKey, k.Number, k.Kind, k.Date, k.Issuer, k.Title, k.Source)
	if err != nil {
		return 0, err
	}
	var id int64
	err = tx.QueryRowContext(ctx, "SELECT id FROM known_documents WHERE number_key = ?", k.NumberKey).Scan(&id)
	return id, err
}

// SeedKnown records documents the library knows of before any is imported
// (the central documents it ships with). Existing records are only filled in.
func (s *Store) SeedKnown(ctx context.Context, ks []KnownDocument) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, k := range ks {
		k.Source = "bundled"
		if _, err := upsertKnown(ctx, tx, k); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// ReplaceStructure rewrites a document's metadata and structure (after the
// parser changed), in one transaction, and queues it for the index.
func (s *Store) ReplaceStructure(ctx context.Context, d *Document, st *Structure) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, q := range []string{"DELETE FROM clauses WHERE document_id = ?", "DELETE FROM footnotes WHERE document_id = ?",
		"DELETE FROM citations WHERE document_id = ?", "UPDATE known_documents SET document_id = NULL WHERE document_id = ?"} {
		if _, err := tx.ExecContext(ctx, q, d.ID); err != nil {
			return err
		}
	}
	if err := writeStructure(ctx, tx, d, st); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO outbox (document_id, op) VALUES (?, 'index')", d.ID); err != nil {
		return err
	}
	return tx.Commit()
}

// Clauses returns a document's clauses in document order.
func (s *Store) Clauses(ctx context.Context, id int64) ([]Clause, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT seq, address, parent, depth, label, level, heading, text, page
		FROM clauses WHERE document_id = ? ORDER BY seq`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Clause
	for rows.Next() {
		var c Clause
		if err := rows.Scan(&c.Seq, &c.Address, &c.Parent, &c.Depth, &c.Label, &c.Level, &c.Heading, &c.Text, &c.Page); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Footnotes returns a document's footnotes in order.
func (s *Store) Footnotes(ctx context.Context, id int64) ([]Footnote, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT mark, text, clause, page FROM footnotes WHERE document_id = ? ORDER BY seq`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Footnote
	for rows.Next() {
		var f Footnote
		if err := rows.Scan(&f.Mark, &f.Text, &f.Clause, &f.Page); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// Citations returns the citations a document makes, in order, each with the
// known document it points to and that document's id when in the library.
func (s *Store) Citations(ctx context.Context, id int64) ([]Citation, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT c.clause, k.number_key, c.number, c.kind, c.doc_date, c.issuer, c.text, c.start, c.end, c.uncertain,
		k.id, COALESCE(k.document_id, 0) FROM citations c JOIN known_documents k ON k.id = c.known_id
		WHERE c.document_id = ? ORDER BY c.id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Citation
	for rows.Next() {
		var c Citation
		if err := rows.Scan(&c.Clause, &c.NumberKey, &c.Number, &c.Kind, &c.Date, &c.Issuer, &c.Text, &c.Start, &c.End, &c.Uncertain,
			&c.KnownID, &c.DocumentID); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// CitedBy lists the clauses of other documents that cite document id, by way
// of its known-document record.
func (s *Store) CitedBy(ctx context.Context, id int64) ([]CitedBy, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT d.id, d.title, d.number, c.clause, c.text
		FROM known_documents k JOIN citations c ON c.known_id = k.id JOIN documents d ON d.id = c.document_id
		WHERE k.document_id = ? AND c.document_id != ? ORDER BY d.id, c.id`, id, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []CitedBy
	for rows.Next() {
		var c CitedBy
		if err := rows.Scan(&c.DocumentID, &c.Title, &c.Number, &c.Clause, &c.Text); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// KnownDocument returns a known document by id, or ErrNotFound.
func (s *Store) KnownDocument(ctx context.Context, id int64) (KnownDocument, error) {
	return s.scanKnown(s.db.QueryRowContext(ctx, selectKnown+" WHERE id = ?", id))
}

// KnownByKey returns the known document with this number key, or ErrNotFound.
func (s *Store) KnownByKey(ctx context.Context, key string) (KnownDocument, error) {
	return s.scanKnown(s.db.QueryRowContext(ctx, selectKnown+" WHERE number_key = ?", key))
}

// KnownDocuments lists every known document, by number.
func (s *Store) KnownDocuments(ctx context.Context) ([]KnownDocument, error) {
	rows, err := s.db.QueryContext(ctx, selectKnown+" ORDER BY number")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []KnownDocument
	for rows.Next() {
		k, err := s.scanKnown(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

const selectKnown = `SELECT id, number_key, number, kind, doc_date, issuer, title, source, COALESCE(document_id, 0) FROM known_documents`

func (s *Store) scanKnown(row scanner) (KnownDocument, error) {
	var k KnownDocument
	err := row.Scan(&k.ID, &k.NumberKey, &k.Number, &k.Kind, &k.Date, &k.Issuer, &k.Title, &k.Source, &k.DocumentID)
	if errors.Is(err, sql.ErrNoRows) {
		return k, ErrNotFound
	}
	return k, err
}
