package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"golang.org/x/text/unicode/norm"
)

// SavedReport is a report kept in the library with the data it was made from.
type SavedReport struct {
	ID        int64     `json:"id"`
	CreatedAt time.Time `json:"created_at"`
	CreatedBy string    `json:"created_by"`
	Title     string    `json:"title"`
	Request   []byte    `json:"request"`  // JSON
	Snapshot  []byte    `json:"snapshot"` // JSON
}

// ErrReportNotFound is returned for a saved report id that does not exist.
var ErrReportNotFound = errors.New("store: report not found")

// SaveReport keeps a report; saved reports are never changed.
func (s *Store) SaveReport(ctx context.Context, r SavedReport, by string) (int64, error) {
	res, err := s.db.ExecContext(ctx, "INSERT INTO reports (created_at, created_by, title, request, snapshot) VALUES (?, ?, ?, ?, ?)",
		time.Now().UTC().Format(time.RFC3339Nano), by, norm.NFC.String(r.Title), string(r.Request), string(r.Snapshot))
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// Reports lists the saved reports, newest first, without their snapshots.
func (s *Store) Reports(ctx context.Context) ([]SavedReport, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, created_at, created_by, title, request FROM reports ORDER BY id DESC")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SavedReport
	for rows.Next() {
		var r SavedReport
		var at, req string
		if err := rows.Scan(&r.ID, &at, &r.CreatedBy, &r.Title, &req); err != nil {
			return nil, err
		}
		r.CreatedAt, _ = time.Parse(time.RFC3339Nano, at)
		r.Request = []byte(req)
		out = append(out, r)
	}
	return out, rows.Err()
}

// Report returns one saved report with its snapshot.
func (s *Store) Report(ctx context.Context, id int64) (SavedReport, error) {
	var r SavedReport
	var at, req, snap string
	err := s.db.QueryRowContext(ctx, "SELECT id, created_at, created_by, title, request, snapshot FROM reports WHERE id = ?", id).
		Scan(&r.ID, &at, &r.CreatedBy, &r.Title, &req, &snap)
	if errors.Is(err, sql.ErrNoRows) {
		return r, ErrReportNotFound
	}
	r.CreatedAt, _ = time.Parse(time.RFC3339Nano, at)
	r.Request, r.Snapshot = []byte(req), []byte(snap)
	return r, err
}
