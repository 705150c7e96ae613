package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"
)

// implementsStates are the states an implements-link can take.
var implementsStates = []string{"proposed", "confirmed", "removed"}

// ReplaceAutoImplements replaces the automatic, unconfirmed implements-links
// of a local document with links, in one transaction. A link a person
// confirmed, removed or added is kept as it is, and a suggestion it covers
// (same local and central clause) is not written again. Suggestions are not
// audited: only people's changes are.
func (s *Store) ReplaceAutoImplements(ctx context.Context, localDocID int64, links []Implements) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "DELETE FROM implements WHERE local_document_id = ? AND origin = 'auto' AND state = 'proposed'", localDocID); err != nil {
		return err
	}
	now := nowText()
	for _, l := range links {
		if l.CentralDocumentID == 0 {
			return fmt.Errorf("implements %s: no central document", l.LocalClause)
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO implements (local_document_id, local_clause, central_document_id, central_clause,
			origin, state, score, changed_at) VALUES (?, ?, ?, ?, 'auto', 'proposed', ?, ?)`,
			localDocID, l.LocalClause, l.CentralDocumentID, l.CentralClause, l.Score, now); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// SetImplementsState confirms, removes or brings back (proposed) an
// implements-link, recording who and when, with an audit row "state"; setting
// the state it has changes nothing.
func (s *Store) SetImplementsState(ctx context.Context, id int64, state, by string) error {
	if !validImplementsState(state) {
		return fmt.Errorf("implements: unknown state %q", state)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var was string
	err = tx.QueryRowContext(ctx, "SELECT state FROM implements WHERE id = ?", id).Scan(&was)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrImplementsNotFound
	}
	if err != nil {
		return err
	}
	if was == state {
		return nil
	}
	if _, err := tx.ExecContext(ctx, "UPDATE implements SET state = ?, changed_at = ?, changed_by = ? WHERE id = ?", state, nowText(), by, id); err != nil {
		return err
	}
	if err := audit(ctx, tx, by, EntityImplements, id, "state", was, state); err != nil {
		return err
	}
	return tx.Commit()
}

func validImplementsState(s string) bool { return slices.Contains(implementsStates, s) }

// implementsText writes a link for the audit log: "B.II.2 → #12 A.1".
func implementsText(im Implements) string {
	return fmt.Sprintf("%s → #%d %s", im.LocalClause, im.CentralDocumentID, im.CentralClause)
}

// AddImplements adds an implements-link by hand (manual, confirmed) and
// returns its id. Adding one that exists confirms it instead (an audit row
// "state" when it was not confirmed, none when it was); a new one leaves a
// "create" row.
func (s *Store) AddImplements(ctx context.Context, im Implements, by string) (int64, error) {
	if im.LocalDocumentID == 0 || im.CentralDocumentID == 0 {
		return 0, errors.New("implements: both documents are needed")
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	var id int64
	var was string
	err = tx.QueryRowContext(ctx, `SELECT id, state FROM implements WHERE local_document_id = ? AND local_clause = ?
		AND central_document_id = ? AND central_clause = ?`, im.LocalDocumentID, im.LocalClause, im.CentralDocumentID, im.CentralClause).Scan(&id, &was)
	now := nowText()
	switch {
	case errors.Is(err, sql.ErrNoRows):
		res, err := tx.ExecContext(ctx, `INSERT INTO implements (local_document_id, local_clause, central_document_id, central_clause,
			origin, state, score, changed_at, changed_by) VALUES (?, ?, ?, ?, 'manual', 'confirmed', ?, ?, ?)`,
			im.LocalDocumentID, im.LocalClause, im.CentralDocumentID, im.CentralClause, im.Score, now, by)
		if err != nil {
			return 0, err
		}
		if id, err = res.LastInsertId(); err != nil {
			return 0, err
		}
		if err := audit(ctx, tx, by, EntityImplements, id, "create", "", implementsText(im)); err != nil {
			return 0, err
		}
	case err != nil:
		return 0, err
	case was != "confirmed":
		if _, err := tx.ExecContext(ctx, "UPDATE implements SET state = 'confirmed', changed_at = ?, changed_by = ? WHERE id = ?", now, by, id); err != nil {
			return 0, err
		}
		if err := audit(ctx, tx, by, EntityImplements, id, "state", was, "confirmed"); err != nil {
			return 0, err
		}
	}
	return id, tx.Commit()
}

const selectImplements = `SELECT id, local_document_id, local_clause, central_document_id, central_clause, origin, state, score,
	changed_at, changed_by FROM implements`

func (s *Store) queryImplements(ctx context.Context, where string, args ...any) ([]Implements, error) {
	rows, err := s.db.QueryContext(ctx, selectImplements+" WHERE "+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Implements
	for rows.Next() {
		var im Implements
		var at string
		if err := rows.Scan(&im.ID, &im.LocalDocumentID, &im.LocalClause, &im.CentralDocumentID, &im.CentralClause, &im.Origin, &im.State,
			&im.Score, &at, &im.ChangedBy); err != nil {
			return nil, err
		}
		im.ChangedAt, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, im)
	}
	return out, rows.Err()
}

// ImplementsOfCentral returns the links to a central document's clauses from
// local documents (removed ones too, so the interface can show and undo them),
// by local document then insertion.
func (s *Store) ImplementsOfCentral(ctx context.Context, centralDocID int64) ([]Implements, error) {
	return s.queryImplements(ctx, "central_document_id = ? ORDER BY local_document_id, id", centralDocID)
}

// ImplementsOfLocal returns the links from a local document's clauses to the
// central clauses they implement (removed ones too), in insertion order.
func (s *Store) ImplementsOfLocal(ctx context.Context, localDocID int64) ([]Implements, error) {
	return s.queryImplements(ctx, "local_document_id = ? ORDER BY id", localDocID)
}
