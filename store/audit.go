package store

import (
	"context"
	"database/sql"
	"time"
)

// queryer runs queries: a *sql.DB or a *sql.Tx.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// nowText is the current time as the store keeps times: RFC 3339 in UTC.
func nowText() string { return time.Now().UTC().Format(time.RFC3339Nano) }

// audit appends one row to the audit log, inside the caller's transaction so
// that the change and its record are kept or lost together.
func audit(ctx context.Context, tx execer, by, entity string, id int64, field, oldValue, newValue string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO audit (at, "by", entity, entity_id, field, old, new) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		nowText(), by, entity, id, field, oldValue, newValue)
	return err
}

// Audit returns the audit log of one entity (entity "task", id 7), of every
// entity of a kind (id 0), or the whole log (entity ""), oldest first.
func (s *Store) Audit(ctx context.Context, entity string, entityID int64) ([]AuditEntry, error) {
	q := `SELECT id, at, "by", entity, entity_id, field, old, new FROM audit`
	var args []any
	switch {
	case entity != "" && entityID != 0:
		q += " WHERE entity = ? AND entity_id = ?"
		args = append(args, entity, entityID)
	case entity != "":
		q += " WHERE entity = ?"
		args = append(args, entity)
	}
	rows, err := s.db.QueryContext(ctx, q+" ORDER BY id", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var at string
		if err := rows.Scan(&e.ID, &at, &e.By, &e.Entity, &e.EntityID, &e.Field, &e.Old, &e.New); err != nil {
			return nil, err
		}
		e.At, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, e)
	}
	return out, rows.Err()
}
