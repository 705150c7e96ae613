package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// Unit is one unit of the library's catalog.
type Unit struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
	Kind    string   `json:"kind"`
	Level   string   `json:"level"`
	Parent  string   `json:"parent"`
}

// UnitLink links a clause to a unit in a role, with its provenance.
type UnitLink struct {
	ID         int64     `json:"id"`
	DocumentID int64     `json:"document_id"`
	Clause     string    `json:"clause"`
	UnitID     string    `json:"unit_id"`
	UnitName   string    `json:"unit_name"`
	Role       string    `json:"role"`
	Start      int       `json:"start"`
	End        int       `json:"end"`
	Origin     string    `json:"origin"` // "auto" or "manual"
	State      string    `json:"state"`  // "proposed", "confirmed" or "removed"
	ChangedAt  time.Time `json:"changed_at"`
	ChangedBy  string    `json:"changed_by"`
	// Filled when listing a unit's links: the document's title and number.
	Title  string `json:"title,omitempty"`
	Number string `json:"number,omitempty"`
}

// Units returns the catalog in its order.
func (s *Store) Units(ctx context.Context) ([]Unit, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, name, aliases, kind, level, parent FROM units ORDER BY seq, id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Unit
	for rows.Next() {
		var u Unit
		var aliases string
		if err := rows.Scan(&u.ID, &u.Name, &aliases, &u.Kind, &u.Level, &u.Parent); err != nil {
			return nil, err
		}
		json.Unmarshal([]byte(aliases), &u.Aliases)
		out = append(out, u)
	}
	return out, rows.Err()
}

// ReplaceUnits writes the whole catalog in one transaction (after an import
// or an edit checked by the caller); links keep their unit ids.
func (s *Store) ReplaceUnits(ctx context.Context, us []Unit) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "DELETE FROM units"); err != nil {
		return err
	}
	for i, u := range us {
		aliases, _ := json.Marshal(nonNil(u.Aliases))
		if _, err := tx.ExecContext(ctx, "INSERT INTO units (id, name, aliases, kind, level, parent, seq) VALUES (?, ?, ?, ?, ?, ?, ?)",
			u.ID, u.Name, string(aliases), u.Kind, u.Level, u.Parent, i+1); err != nil {
			return fmt.Errorf("unit %s: %w", u.ID, err)
		}
	}
	return tx.Commit()
}

// ReplaceAutoLinks replaces a document's automatic, unconfirmed links with
// links, in one transaction. A link a person confirmed, removed or added is
// kept as it is, and an automatic link it covers is not written again.
func (s *Store) ReplaceAutoLinks(ctx context.Context, docID int64, links []UnitLink) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := replaceAutoLinks(ctx, tx, docID, links); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO outbox (document_id, op) VALUES (?, 'index')", docID); err != nil {
		return err
	}
	return tx.Commit()
}

func replaceAutoLinks(ctx context.Context, tx execer, docID int64, links []UnitLink) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM clause_units WHERE document_id = ? AND origin = 'auto' AND state = 'proposed'", docID); err != nil {
		return err
	}
	now := time.Now().UTC().Format(time.RFC3339Nano)
	for _, l := range links {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO clause_units (document_id, clause, unit_id, unit_name, role, start, end, origin, state, changed_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, 'auto', 'proposed', ?)`, docID, l.Clause, l.UnitID, l.UnitName, l.Role, l.Start, l.End, now); err != nil {
			return err
		}
	}
	return nil
}

const selectLink = `SELECT l.id, l.document_id, l.clause, l.unit_id, l.unit_name, l.role, l.start, l.end, l.origin, l.state, l.changed_at, l.changed_by,
	d.title, d.number FROM clause_units l JOIN documents d ON d.id = l.document_id`

func scanLinks(rows *sql.Rows) ([]UnitLink, error) {
	defer rows.Close()
	var out []UnitLink
	for rows.Next() {
		var l UnitLink
		var at string
		if err := rows.Scan(&l.ID, &l.DocumentID, &l.Clause, &l.UnitID, &l.UnitName, &l.Role, &l.Start, &l.End, &l.Origin, &l.State, &at, &l.ChangedBy,
			&l.Title, &l.Number); err != nil {
			return nil, err
		}
		l.ChangedAt, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, l)
	}
	return out, rows.Err()
}

// DocumentLinks returns a document's unit links (removed ones too, so the UI
// can show and undo them), in clause order of insertion.
func (s *Store) DocumentLinks(ctx context.Context, docID int64) ([]UnitLink, error) {
	rows, err := s.db.QueryContext(ctx, selectLink+" WHERE l.document_id = ? ORDER BY l.id", docID)
	if err != nil {
		return nil, err
	}
	return scanLinks(rows)
}

// UnitLinks returns every live (not removed) link of a unit across documents,
// by document then clause.
func (s *Store) UnitLinks(ctx context.Context, unitID string) ([]UnitLink, error) {
	rows, err := s.db.QueryContext(ctx, selectLink+" WHERE l.unit_id = ? AND l.state != 'removed' ORDER BY l.document_id, l.id", unitID)
	if err != nil {
		return nil, err
	}
	return scanLinks(rows)
}

// UnitLinkCounts returns, per unit id, the number of live links.
func (s *Store) UnitLinkCounts(ctx context.Context) (map[string]int, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT unit_id, count(*) FROM clause_units WHERE state != 'removed' GROUP BY unit_id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}

// ErrLinkNotFound is returned for a link id that does not exist.
var ErrLinkNotFound = errors.New("store: unit link not found")

// SetLinkState confirms or removes a link (or brings a removed one back as
// confirmed), recording who and when; the role may change at the same time
// ("" keeps it). The audit log gets a row "state" and a row "role" for
// whichever changed, with the old value; a call that changes nothing writes
// nothing.
func (s *Store) SetLinkState(ctx context.Context, id int64, state, role, by string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var docID int64
	var wasState, wasRole string
	err = tx.QueryRowContext(ctx, "SELECT document_id, state, role FROM clause_units WHERE id = ?", id).Scan(&docID, &wasState, &wasRole)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrLinkNotFound
	}
	if err != nil {
		return err
	}
	if role == "" {
		role = wasRole
	}
	if state == wasState && role == wasRole {
		return nil
	}
	if _, err := tx.ExecContext(ctx, "UPDATE clause_units SET state = ?, role = ?, changed_at = ?, changed_by = ? WHERE id = ?",
		state, role, time.Now().UTC().Format(time.RFC3339Nano), by, id); err != nil {
		return err
	}
	if state != wasState {
		if err := audit(ctx, tx, by, EntityUnitLink, id, "state", wasState, state); err != nil {
			return err
		}
	}
	if role != wasRole {
		if err := audit(ctx, tx, by, EntityUnitLink, id, "role", wasRole, role); err != nil {
			return err
		}
	}
	// The index carries each clause's units: queue the document.
	if _, err := tx.ExecContext(ctx, "INSERT INTO outbox (document_id, op) VALUES (?, 'index')", docID); err != nil {
		return err
	}
	return tx.Commit()
}

// linkText writes a link for the audit log: "B.II.2 · lead · Sở Nội vụ [so-noi-vu]".
func linkText(l UnitLink) string {
	return fmt.Sprintf("%s · %s · %s [%s]", l.Clause, l.Role, l.UnitName, l.UnitID)
}

// AddLink adds a link by hand (confirmed), with an audit row "create". Adding
// one that exists confirms it instead, with an audit row "state" when it was
// not confirmed.
func (s *Store) AddLink(ctx context.Context, l UnitLink, by string) (int64, error) {
	now := time.Now().UTC().Format(time.RFC3339Nano)
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	var id int64
	var was string
	err = tx.QueryRowContext(ctx, "SELECT id, state FROM clause_units WHERE document_id = ? AND clause = ? AND unit_id = ? AND role = ?",
		l.DocumentID, l.Clause, l.UnitID, l.Role).Scan(&id, &was)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	existed := err == nil
	_, err = tx.ExecContext(ctx, `INSERT INTO clause_units (document_id, clause, unit_id, unit_name, role, origin, state, changed_at, changed_by)
		VALUES (?, ?, ?, ?, ?, 'manual', 'confirmed', ?, ?)
		ON CONFLICT(document_id, clause, unit_id, role) DO UPDATE SET state = 'confirmed', changed_at = excluded.changed_at, changed_by = excluded.changed_by`,
		l.DocumentID, l.Clause, l.UnitID, l.UnitName, l.Role, now, by)
	if err != nil {
		return 0, err
	}
	switch {
	case !existed:
		if err := tx.QueryRowContext(ctx, "SELECT id FROM clause_units WHERE document_id = ? AND clause = ? AND unit_id = ? AND role = ?",
			l.DocumentID, l.Clause, l.UnitID, l.Role).Scan(&id); err != nil {
			return 0, err
		}
		if err := audit(ctx, tx, by, EntityUnitLink, id, "create", "", linkText(l)); err != nil {
			return 0, err
		}
	case was != "confirmed":
		if err := audit(ctx, tx, by, EntityUnitLink, id, "state", was, "confirmed"); err != nil {
			return 0, err
		}
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO outbox (document_id, op) VALUES (?, 'index')", l.DocumentID); err != nil {
		return 0, err
	}
	return id, tx.Commit()
}

// MergeUnitLinks is MergeUnitLinksBy with no one named in the audit log.
func (s *Store) MergeUnitLinks(ctx context.Context, keep, drop, name string) error {
	return s.MergeUnitLinksBy(ctx, keep, drop, name, "")
}

// MergeUnitLinksBy moves every link of unit drop to unit keep (named name),
// in one transaction; where keep already has the same link, the stronger state
// wins. The audit log gets one row per link of drop, under that link's id:
// field "unit_id" (old drop, new keep) for a link moved, field "merged_into"
// (new: the id of keep's link) for a duplicate that is deleted, plus a row
// "state" on keep's link when the duplicate's confirmation carries over.
func (s *Store) MergeUnitLinksBy(ctx context.Context, keep, drop, name, by string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// What will happen to each link of drop, read before anything changes.
	rows, err := tx.QueryContext(ctx, `SELECT d.id, d.state, COALESCE(k.id, 0), COALESCE(k.state, '') FROM clause_units d
		LEFT JOIN clause_units k ON k.unit_id = ? AND k.document_id = d.document_id AND k.clause = d.clause AND k.role = d.role
		WHERE d.unit_id = ? ORDER BY d.id`, keep, drop)
	if err != nil {
		return err
	}
	type fate struct {
		id        int64
		state     string
		keepID    int64
		keepState string
	}
	var fates []fate
	for rows.Next() {
		var f fate
		if err := rows.Scan(&f.id, &f.state, &f.keepID, &f.keepState); err != nil {
			rows.Close()
			return err
		}
		fates = append(fates, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE OR IGNORE clause_units SET unit_id = ?, unit_name = ? WHERE unit_id = ?`, keep, name, drop); err != nil {
		return err
	}
	// Links left on drop duplicate one of keep: carry a confirmation over, then drop them.
	if _, err := tx.ExecContext(ctx, `UPDATE clause_units SET state = 'confirmed' WHERE unit_id = ? AND state != 'confirmed' AND EXISTS (
		SELECT 1 FROM clause_units d WHERE d.unit_id = ? AND d.state = 'confirmed' AND d.document_id = clause_units.document_id
		AND d.clause = clause_units.clause AND d.role = clause_units.role)`, keep, drop); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM clause_units WHERE unit_id = ?", drop); err != nil {
		return err
	}
	for _, f := range fates {
		if f.keepID == 0 {
			if err := audit(ctx, tx, by, EntityUnitLink, f.id, "unit_id", drop, keep); err != nil {
				return err
			}
			continue
		}
		if err := audit(ctx, tx, by, EntityUnitLink, f.id, "merged_into", "", strconv.FormatInt(f.keepID, 10)); err != nil {
			return err
		}
		if f.state == "confirmed" && f.keepState != "confirmed" {
			if err := audit(ctx, tx, by, EntityUnitLink, f.keepID, "state", f.keepState, "confirmed"); err != nil {
				return err
			}
		}
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO outbox (document_id, op) SELECT DISTINCT document_id, 'index' FROM clause_units WHERE unit_id = ?", keep); err != nil {
		return err
	}
	return tx.Commit()
}
