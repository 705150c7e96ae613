// Package store keeps a library's truth: the SQLite database (documents, their
// paragraphs, the index outbox) and the original files, content-addressed by
// SHA-256 and never changed. It knows nothing of parsing, search or the UI.
package store

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver, registered as "sqlite"
)

//go:embed migrations/*.sql
var migrations embed.FS

// ErrNotFound is returned when a row asked for does not exist.
var ErrNotFound = errors.New("store: not found")

// Store is an open library database.
type Store struct {
	db *sql.DB
}

// Open opens (creating if needed) the database file at path, with WAL, foreign
// keys and a busy timeout, applies any migration it has not seen yet and puts
// back, with an audit row each, the append-only triggers found missing.
func Open(ctx context.Context, path string) (*Store, error) {
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "foreign_keys(1)", "busy_timeout(10000)", "synchronous(NORMAL)"} {
		q.Add("_pragma", p)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	s := &Store{db: db}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.restoreTriggers(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("restore the append-only triggers: %w", err)
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// DB gives the underlying handle, for checks and tests.
func (s *Store) DB() *sql.DB { return s.db }

// SchemaVersion is the number of the newest migration embedded in this binary.
func SchemaVersion() int {
	names, _ := fs.Glob(migrations, "migrations/*.sql")
	v := 0
	for _, n := range names {
		if k := migrationNumber(n); k > v {
			v = k
		}
	}
	return v
}

func migrationNumber(name string) int {
	base := strings.TrimPrefix(name, "migrations/")
	num, _, _ := strings.Cut(base, "_")
	k, _ := strconv.Atoi(num)
	return k
}

// migrate applies, each in its own transaction, the migrations numbered above
// the database's user_version.
func (s *Store) migrate(ctx context.Context) error {
	var have int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&have); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if want := SchemaVersion(); have > want {
		return fmt.Errorf("the library was written by a newer chidao (schema %d, this program knows %d)", have, want)
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Slice(names, func(i, j int) bool { return migrationNumber(names[i]) < migrationNumber(names[j]) })
	for _, n := range names {
		v := migrationNumber(n)
		if v <= have {
			continue
		}
		body, err := migrations.ReadFile(n)
		if err != nil {
			return err
		}
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", n, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %s: %w", n, err)
		}
	}
	return nil
}

// Document is one imported file and what was read from it.
type Document struct {
	ID         int64     `json:"id"`
	SHA256     string    `json:"sha256"`
	FileName   string    `json:"file"`
	SourcePath string    `json:"source_path"`
	Format     string    `json:"format"`
	Size       int64     `json:"size"`
	Pages      int       `json:"pages"`
	Title      string    `json:"title"`
	Encoding   string    `json:"encoding,omitempty"`
	NeedsOCR   bool      `json:"needs_ocr"`
	ImportedAt time.Time `json:"imported_at"`

	// What the parser read in the header and closing.
	Kind        string   `json:"kind"`
	Number      string   `json:"number"`
	Date        string   `json:"date"` // ISO, "" when unknown
	Place       string   `json:"place"`
	Issuer      string   `json:"issuer"`
	Subject     string   `json:"subject"`
	SignerName  string   `json:"signer_name"`
	SignerTitle string   `json:"signer_title"`
	Recipients  []string `json:"recipients"`
}

// Paragraph is one stored paragraph of a document.
type Paragraph struct {
	Seq      int    `json:"seq"`
	Page     int    `json:"page"`
	Footnote bool   `json:"footnote,omitempty"`
	Text     string `json:"text"`
}

// DocumentBySHA returns the document whose original has this hash, or ErrNotFound.
func (s *Store) DocumentBySHA(ctx context.Context, sha string) (Document, error) {
	return s.scanDocument(s.db.QueryRowContext(ctx, selectDocument+" WHERE sha256 = ?", sha))
}

// Document returns one document by id, or ErrNotFound.
func (s *Store) Document(ctx context.Context, id int64) (Document, error) {
	return s.scanDocument(s.db.QueryRowContext(ctx, selectDocument+" WHERE id = ?", id))
}

const selectDocument = `SELECT id, sha256, file_name, source_path, format, size, pages, title, encoding, needs_ocr, imported_at,
	kind, number, doc_date, place, issuer, subject, signer_name, signer_title, recipients FROM documents`

type scanner interface{ Scan(...any) error }

func (s *Store) scanDocument(row scanner) (Document, error) {
	var d Document
	var at, recipients string
	err := row.Scan(&d.ID, &d.SHA256, &d.FileName, &d.SourcePath, &d.Format, &d.Size, &d.Pages, &d.Title, &d.Encoding, &d.NeedsOCR, &at,
		&d.Kind, &d.Number, &d.Date, &d.Place, &d.Issuer, &d.Subject, &d.SignerName, &d.SignerTitle, &recipients)
	if errors.Is(err, sql.ErrNoRows) {
		return d, ErrNotFound
	}
	if err != nil {
		return d, err
	}
	d.ImportedAt, _ = time.Parse(time.RFC3339Nano, at)
	json.Unmarshal([]byte(recipients), &d.Recipients)
	return d, nil
}

// Documents lists every document, newest import first.
func (s *Store) Documents(ctx context.Context) ([]Document, error) {
	rows, err := s.db.QueryContext(ctx, selectDocument+" ORDER BY id DESC")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Document
	for rows.Next() {
		d, err := s.scanDocument(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// DocumentIDs returns the ids of all documents.
func (s *Store) DocumentIDs(ctx context.Context) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id FROM documents ORDER BY id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// Paragraphs returns a document's paragraphs in reading order.
func (s *Store) Paragraphs(ctx context.Context, id int64) ([]Paragraph, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT seq, page, footnote, text FROM paragraphs WHERE document_id = ? ORDER BY seq", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Paragraph
	for rows.Next() {
		var p Paragraph
		if err := rows.Scan(&p.Seq, &p.Page, &p.Footnote, &p.Text); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// InsertDocument stores a document, its paragraphs, its structure (when not
// nil) and an outbox row for the index in one transaction: afterwards the
// document is either fully there or not at all. It fills in and returns the new
// id.
func (s *Store) InsertDocument(ctx context.Context, d *Document, paras []Paragraph, st *Structure) (int64, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `INSERT INTO documents (sha256, file_name, source_path, format, size, pages, title, encoding, needs_ocr, imported_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.SHA256, d.FileName, d.SourcePath, d.Format, d.Size, d.Pages, d.Title, d.Encoding, d.NeedsOCR, d.ImportedAt.UTC().Format(time.RFC3339Nano))
	if err != nil {
		return 0, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	stmt, err := tx.PrepareContext(ctx, "INSERT INTO paragraphs (document_id, seq, page, footnote, text) VALUES (?, ?, ?, ?, ?)")
	if err != nil {
		return 0, err
	}
	defer stmt.Close()
	for i, p := range paras {
		if _, err := stmt.ExecContext(ctx, id, i+1, p.Page, p.Footnote, p.Text); err != nil {
			return 0, err
		}
	}
	d.ID = id
	if st != nil {
		if err := writeStructure(ctx, tx, d, st); err != nil {
			return 0, err
		}
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO outbox (document_id, op) VALUES (?, 'index')", id); err != nil {
		return 0, err
	}
	if err := tx.Commit(); err != nil {
		d.ID = 0
		return 0, err
	}
	return id, nil
}

// OutboxEntry is one change the index has not applied yet.
type OutboxEntry struct {
	ID         int64
	DocumentID int64
	Op         string
}

// Outbox lists pending index changes in the order they were made.
func (s *Store) Outbox(ctx context.Context) ([]OutboxEntry, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, document_id, op FROM outbox ORDER BY id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []OutboxEntry
	for rows.Next() {
		var e OutboxEntry
		if err := rows.Scan(&e.ID, &e.DocumentID, &e.Op); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// DoneOutbox removes outbox rows once the index has applied them.
func (s *Store) DoneOutbox(ctx context.Context, ids ...int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, "DELETE FROM outbox WHERE id = ?", id); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// Meta reads a library setting or stamp; "" when absent.
func (s *Store) Meta(ctx context.Context, key string) (string, error) {
	var v string
	err := s.db.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// SetMeta writes a library setting or stamp.
func (s *Store) SetMeta(ctx context.Context, key, value string) error {
	_, err := s.db.ExecContext(ctx, "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value)
	return err
}

// IntegrityCheck runs SQLite's integrity and foreign-key checks and returns the
// problems found (none when the database is sound), as sentences for the clerk.
func (s *Store) IntegrityCheck(ctx context.Context) ([]string, error) {
	var problems []string
	rows, err := s.db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return nil, err
		}
		if line != "ok" {
			problems = append(problems, fmt.Sprintf("Cơ sở dữ liệu bị hỏng (SQLite báo: %s): đừng nhập hay sửa gì thêm; hãy khôi phục thư viện từ bản sao lưu gần nhất.", line))
		}
	}
	rows.Close()
	fk, err := s.db.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return nil, err
	}
	defer fk.Close()
	for fk.Next() {
		var table, parent string
		var rowid, idx sql.NullInt64
		if err := fk.Scan(&table, &rowid, &parent, &idx); err != nil {
			return nil, err
		}
		problems = append(problems, fmt.Sprintf("Cơ sở dữ liệu không nhất quán: dòng %d của bảng %s trỏ tới một dòng không còn trong bảng %s; hãy khôi phục thư viện từ bản sao lưu gần nhất.", rowid.Int64, table, parent))
	}
	return problems, fk.Err()
}

// VacuumInto writes a consistent copy of the database to dest (which must not
// exist), while other connections may keep reading and writing.
func (s *Store) VacuumInto(ctx context.Context, dest string) error {
	_, err := s.db.ExecContext(ctx, "VACUUM INTO ?", dest)
	return err
}
