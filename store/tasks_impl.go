package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"
)

// nfc returns s in Unicode normal form C, the form every stored text takes so
// that "Sở Nội vụ" typed on any keyboard compares equal.
func nfc(s string) string { return norm.NFC.String(s) }

// isISODate reports whether s is a date written YYYY-MM-DD.
func isISODate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// validStatus reports whether s is one of Statuses.
func validStatus(s string) bool { return slices.Contains(Statuses, s) }

// idsJSON writes ids as a JSON array, for "IN (SELECT value FROM json_each(?))":
// one parameter however many ids there are.
func idsJSON(ids []int64) string {
	b, _ := json.Marshal(ids)
	if ids == nil {
		return "[]"
	}
	return string(b)
}

// docQueue collects, once each and in first-seen order, the documents whose
// index entry a change affects.
type docQueue []int64

func (q *docQueue) add(ids ...int64) {
	for _, id := range ids {
		if id != 0 && !slices.Contains(*q, id) {
			*q = append(*q, id)
		}
	}
}

// write queues each document for indexing in the caller's transaction.
func (q docQueue) write(ctx context.Context, tx execer) error {
	for _, id := range q {
		if _, err := tx.ExecContext(ctx, "INSERT INTO outbox (document_id, op) VALUES (?, 'index')", id); err != nil {
			return err
		}
	}
	return nil
}

// prepareTask copies a task's slices (the caller's stay untouched), brings its
// text to NFC, defaults its clauses' document to its own, drops an empty
// target and checks what the schema cannot.
func prepareTask(t *Task) error {
	if t.DocumentID == 0 {
		return errors.New("the task has no document")
	}
	t.Title = nfc(t.Title)
	if strings.TrimSpace(t.Title) == "" {
		return errors.New("the task has no title")
	}
	t.Text = nfc(t.Text)
	t.DeadlineText = nfc(t.DeadlineText)
	t.Recurrence = nfc(t.Recurrence)
	for _, d := range []string{t.Due, t.From} {
		if d != "" && !isISODate(d) {
			return fmt.Errorf("%q is not a date (YYYY-MM-DD)", d)
		}
	}
	if !validStatus(t.Status) {
		return fmt.Errorf("unknown task status %q", t.Status)
	}
	if t.Progress < 0 || t.Progress > 100 {
		return fmt.Errorf("progress %d is outside 0..100", t.Progress)
	}
	t.Lead = prepareUnits(t.Lead)
	t.Support = prepareUnits(t.Support)
	cs := make([]ClauseRef, len(t.Clauses))
	for i, c := range t.Clauses {
		if c.DocumentID == 0 {
			c.DocumentID = t.DocumentID
		}
		cs[i] = c
	}
	t.Clauses = cs
	if t.Target != nil {
		g := *t.Target
		g.Text, g.Metric, g.Direction, g.Unit = nfc(g.Text), nfc(g.Metric), nfc(g.Direction), nfc(g.Unit)
		if g == (Target{}) {
			t.Target = nil
		} else {
			t.Target = &g
		}
	}
	return nil
}

func prepareUnits(us []TaskUnit) []TaskUnit {
	out := make([]TaskUnit, len(us))
	for i, u := range us {
		out[i] = TaskUnit{ID: u.ID, Name: nfc(u.Name)}
	}
	return out
}

// targetColumns are the values of the target_* columns (zeros for none).
func targetColumns(g *Target) []any {
	if g == nil {
		g = &Target{}
	}
	return []any{g.Text, g.Metric, g.Direction, g.Amount, g.Unit, g.Minimum, g.Baseline, g.BaselineValue}
}

// writeTaskUnits replaces a task's lead and support units.
func writeTaskUnits(ctx context.Context, tx execer, id int64, t Task) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM task_units WHERE task_id = ?", id); err != nil {
		return err
	}
	for _, r := range []struct {
		role  string
		units []TaskUnit
	}{{"lead", t.Lead}, {"support", t.Support}} {
		for i, u := range r.units {
			if _, err := tx.ExecContext(ctx, "INSERT INTO task_units (task_id, role, pos, unit_id, unit_name) VALUES (?, ?, ?, ?, ?)",
				id, r.role, i, u.ID, u.Name); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeTaskClauses replaces a task's source clauses.
func writeTaskClauses(ctx context.Context, tx execer, id int64, cs []ClauseRef) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM task_clauses WHERE task_id = ?", id); err != nil {
		return err
	}
	for i, c := range cs {
		if _, err := tx.ExecContext(ctx, "INSERT INTO task_clauses (task_id, pos, document_id, clause) VALUES (?, ?, ?, ?)",
			id, i, c.DocumentID, c.Clause); err != nil {
			return err
		}
	}
	return nil
}

// clauseDocs lists the documents of clause references.
func clauseDocs(cs []ClauseRef) []int64 {
	out := make([]int64, len(cs))
	for i, c := range cs {
		out[i] = c.DocumentID
	}
	return out
}

// CreateTasks stores new tasks, created by by, in one transaction and returns
// their ids in order. A task without a status is not started; one without a
// Seq follows the last task of its document (tasks of the same call in their
// order); clauses without a document are the task's own. Text is stored in
// NFC. Each task leaves a "create" row in the audit log, and every document
// a task belongs to or cites is queued for the index.
func (s *Store) CreateTasks(ctx context.Context, ts []Task, by string) ([]int64, error) {
	prepared := make([]Task, len(ts))
	for i, t := range ts {
		if t.Status == "" {
			t.Status = StatusNotStarted
		}
		if err := prepareTask(&t); err != nil {
			return nil, fmt.Errorf("task %d (%q): %w", i+1, t.Title, err)
		}
		prepared[i] = t
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	now := nowText()
	next := map[int64]int{}
	var queue docQueue
	ids := make([]int64, 0, len(prepared))
	for _, t := range prepared {
		n, ok := next[t.DocumentID]
		if !ok {
			if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(seq), 0) + 1 FROM tasks WHERE document_id = ?", t.DocumentID).Scan(&n); err != nil {
				return nil, err
			}
		}
		if t.Seq == 0 {
			t.Seq = n
		}
		next[t.DocumentID] = max(n, t.Seq+1)
		args := append([]any{t.DocumentID, t.Title, t.Text, t.Due, t.From, t.DeadlineText, t.Recurrence, t.Status, t.Progress},
			targetColumns(t.Target)...)
		args = append(args, t.Seq, now, by, now)
		res, err := tx.ExecContext(ctx, `INSERT INTO tasks (document_id, title, text, due, due_from, deadline_text, recurrence, status, progress,
			target_text, target_metric, target_dir, target_amount, target_unit, target_minimum, target_base, target_base_value,
			seq, created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, args...)
		if err != nil {
			return nil, fmt.Errorf("task %q: %w", t.Title, err)
		}
		id, err := res.LastInsertId()
		if err != nil {
			return nil, err
		}
		if err := writeTaskUnits(ctx, tx, id, t); err != nil {
			return nil, err
		}
		if err := writeTaskClauses(ctx, tx, id, t.Clauses); err != nil {
			return nil, err
		}
		if err := audit(ctx, tx, by, EntityTask, id, "create", "", t.Title); err != nil {
			return nil, err
		}
		queue.add(t.DocumentID)
		queue.add(clauseDocs(t.Clauses)...)
		ids = append(ids, id)
	}
	if err := queue.write(ctx, tx); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	return ids, nil
}

const selectTask = `SELECT t.id, t.document_id, t.title, t.text, t.due, t.due_from, t.deadline_text, t.recurrence, t.status, t.progress,
	t.target_text, t.target_metric, t.target_dir, t.target_amount, t.target_unit, t.target_minimum, t.target_base, t.target_base_value,
	t.seq, t.created_at, t.created_by, t.updated_at, d.number, d.title
	FROM tasks t JOIN documents d ON d.id = t.document_id`

// currentNote is the condition on notes n that keeps the newest version of
// each note.
const currentNote = `n.version = (SELECT MAX(m.version) FROM notes m WHERE m.note_key = n.note_key)`

// loadTasks reads the tasks matching where (on tasks t) with their units,
// clauses and latest report: four queries however many tasks there are.
func loadTasks(ctx context.Context, q queryer, where string, args []any) ([]Task, error) {
	query := selectTask
	if where != "" {
		query += " WHERE " + where
	}
	rows, err := q.QueryContext(ctx, query+" ORDER BY t.document_id, t.seq, t.id", args...)
	if err != nil {
		return nil, err
	}
	var out []Task
	for rows.Next() {
		var t Task
		var g Target
		var created, updated string
		if err := rows.Scan(&t.ID, &t.DocumentID, &t.Title, &t.Text, &t.Due, &t.From, &t.DeadlineText, &t.Recurrence, &t.Status, &t.Progress,
			&g.Text, &g.Metric, &g.Direction, &g.Amount, &g.Unit, &g.Minimum, &g.Baseline, &g.BaselineValue,
			&t.Seq, &created, &t.CreatedBy, &updated, &t.Number, &t.DocTitle); err != nil {
			rows.Close()
			return nil, err
		}
		if g != (Target{}) {
			t.Target = &g
		}
		t.CreatedAt, _ = time.Parse(time.RFC3339Nano, created)
		t.UpdatedAt, _ = time.Parse(time.RFC3339Nano, updated)
		out = append(out, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return out, nil
	}
	at := make(map[int64]int, len(out))
	ids := make([]int64, len(out))
	for i, t := range out {
		at[t.ID] = i
		ids[i] = t.ID
	}
	in := idsJSON(ids)

	rows, err = q.QueryContext(ctx, `SELECT task_id, role, unit_id, unit_name FROM task_units
		WHERE task_id IN (SELECT value FROM json_each(?)) ORDER BY task_id, role, pos`, in)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		var role string
		var u TaskUnit
		if err := rows.Scan(&id, &role, &u.ID, &u.Name); err != nil {
			rows.Close()
			return nil, err
		}
		t := &out[at[id]]
		if role == "lead" {
			t.Lead = append(t.Lead, u)
		} else {
			t.Support = append(t.Support, u)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows, err = q.QueryContext(ctx, `SELECT task_id, document_id, clause FROM task_clauses
		WHERE task_id IN (SELECT value FROM json_each(?)) ORDER BY task_id, pos`, in)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		var c ClauseRef
		if err := rows.Scan(&id, &c.DocumentID, &c.Clause); err != nil {
			rows.Close()
			return nil, err
		}
		t := &out[at[id]]
		t.Clauses = append(t.Clauses, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows, err = q.QueryContext(ctx, `SELECT n.task_id, MAX(n.reported_on) FROM notes n
		WHERE n.task_id IN (SELECT value FROM json_each(?)) AND n.retracted = 0 AND `+currentNote+`
		GROUP BY n.task_id`, in)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var last string
		if err := rows.Scan(&id, &last); err != nil {
			return nil, err
		}
		out[at[id]].LastReport = last
	}
	return out, rows.Err()
}

// readTasks runs loadTasks in a read transaction, so the tasks and their
// parts come from one snapshot.
func (s *Store) readTasks(ctx context.Context, where string, args []any) ([]Task, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return loadTasks(ctx, tx, where, args)
}

// Task returns one task with its units, clauses, latest report date and
// document, or ErrTaskNotFound.
func (s *Store) Task(ctx context.Context, id int64) (Task, error) {
	ts, err := s.readTasks(ctx, "t.id = ?", []any{id})
	if err != nil {
		return Task{}, err
	}
	if len(ts) == 0 {
		return Task{}, ErrTaskNotFound
	}
	return ts[0], nil
}

// Tasks returns the tasks f selects, by document, then order in the document.
// A Clause filter with DocumentID 0 matches the clause in any document. Units,
// clauses and latest reports are loaded in bulk, so thousands of tasks cost a
// handful of queries.
func (s *Store) Tasks(ctx context.Context, f TaskFilter) ([]Task, error) {
	var conds []string
	var args []any
	if f.DocumentID != 0 {
		conds = append(conds, "t.document_id = ?")
		args = append(args, f.DocumentID)
	}
	if f.UnitID != "" {
		conds = append(conds, "EXISTS (SELECT 1 FROM task_units u WHERE u.task_id = t.id AND u.unit_id = ?)")
		args = append(args, f.UnitID)
	}
	if len(f.Statuses) > 0 {
		conds = append(conds, "t.status IN ("+strings.TrimSuffix(strings.Repeat("?, ", len(f.Statuses)), ", ")+")")
		for _, st := range f.Statuses {
			args = append(args, st)
		}
	}
	if f.Clause != nil {
		if f.Clause.DocumentID != 0 {
			conds = append(conds, "EXISTS (SELECT 1 FROM task_clauses c WHERE c.task_id = t.id AND c.document_id = ? AND c.clause = ?)")
			args = append(args, f.Clause.DocumentID, f.Clause.Clause)
		} else {
			conds = append(conds, "EXISTS (SELECT 1 FROM task_clauses c WHERE c.task_id = t.id AND c.clause = ?)")
			args = append(args, f.Clause.Clause)
		}
	}
	return s.readTasks(ctx, strings.Join(conds, " AND "), args)
}

// unitsText writes units for the audit log: "Name; Name" (with the ids when
// only they differ).
func unitsText(us []TaskUnit, withIDs bool) string {
	parts := make([]string, len(us))
	for i, u := range us {
		parts[i] = u.Name
		if withIDs {
			parts[i] += " [" + u.ID + "]"
		}
	}
	return strings.Join(parts, "; ")
}

// clausesText writes clause references for the audit log: "B.II.2; B.III"
// with "#<document id> " before a clause of another document than the task's.
func clausesText(cs []ClauseRef, docID int64) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = c.Clause
		if c.DocumentID != docID {
			parts[i] = "#" + strconv.FormatInt(c.DocumentID, 10) + " " + c.Clause
		}
	}
	return strings.Join(parts, "; ")
}

// targetText writes a target for the audit log as JSON ("" for none).
func targetText(g *Target) string {
	if g == nil {
		return ""
	}
	b, _ := json.Marshal(g)
	return string(b)
}

// change is one changed field: its name and readable old and new values.
type change struct{ field, old, new string }

// taskChanges lists what differs between the stored task a and the edited b,
// in a fixed field order.
func taskChanges(a, b Task) []change {
	var out []change
	str := func(field, x, y string) {
		if x != y {
			out = append(out, change{field, x, y})
		}
	}
	str("title", a.Title, b.Title)
	str("text", a.Text, b.Text)
	str("due", a.Due, b.Due)
	str("from", a.From, b.From)
	str("deadline_text", a.DeadlineText, b.DeadlineText)
	str("recurrence", a.Recurrence, b.Recurrence)
	str("status", a.Status, b.Status)
	str("progress", strconv.Itoa(a.Progress), strconv.Itoa(b.Progress))
	units := func(field string, x, y []TaskUnit) {
		if slices.Equal(x, y) {
			return
		}
		ox, oy := unitsText(x, false), unitsText(y, false)
		if ox == oy {
			ox, oy = unitsText(x, true), unitsText(y, true)
		}
		out = append(out, change{field, ox, oy})
	}
	units("lead", a.Lead, b.Lead)
	units("support", a.Support, b.Support)
	if !slices.Equal(a.Clauses, b.Clauses) {
		out = append(out, change{"clauses", clausesText(a.Clauses, a.DocumentID), clausesText(b.Clauses, b.DocumentID)})
	}
	str("target", targetText(a.Target), targetText(b.Target))
	return out
}

// UpdateTask saves an edited task: its title, text, dates, deadline words,
// recurrence, status, progress, units, clauses and target (its document,
// order and creation stamp stay). Each changed field leaves one audit row,
// old and new as readable text (units "Name; Name", the target as JSON); a
// task that did not change writes nothing. The task's documents are queued
// for the index.
func (s *Store) UpdateTask(ctx context.Context, t Task, by string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	old, err := loadTasks(ctx, tx, "t.id = ?", []any{t.ID})
	if err != nil {
		return err
	}
	if len(old) == 0 {
		return ErrTaskNotFound
	}
	was := old[0]
	t.DocumentID = was.DocumentID
	if err := prepareTask(&t); err != nil {
		return fmt.Errorf("task %d: %w", t.ID, err)
	}
	changes := taskChanges(was, t)
	if len(changes) == 0 {
		return nil
	}
	args := append([]any{t.Title, t.Text, t.Due, t.From, t.DeadlineText, t.Recurrence, t.Status, t.Progress}, targetColumns(t.Target)...)
	args = append(args, nowText(), t.ID)
	if _, err := tx.ExecContext(ctx, `UPDATE tasks SET title = ?, text = ?, due = ?, due_from = ?, deadline_text = ?, recurrence = ?,
		status = ?, progress = ?, target_text = ?, target_metric = ?, target_dir = ?, target_amount = ?, target_unit = ?,
		target_minimum = ?, target_base = ?, target_base_value = ?, updated_at = ? WHERE id = ?`, args...); err != nil {
		return err
	}
	var queue docQueue
	queue.add(t.DocumentID)
	for _, c := range changes {
		switch c.field {
		case "lead", "support":
			if err := writeTaskUnits(ctx, tx, t.ID, t); err != nil {
				return err
			}
		case "clauses":
			if err := writeTaskClauses(ctx, tx, t.ID, t.Clauses); err != nil {
				return err
			}
			queue.add(clauseDocs(was.Clauses)...)
			queue.add(clauseDocs(t.Clauses)...)
		}
		if err := audit(ctx, tx, by, EntityTask, t.ID, c.field, c.old, c.new); err != nil {
			return err
		}
	}
	if err := queue.write(ctx, tx); err != nil {
		return err
	}
	return tx.Commit()
}

// RecordTargetValue records an actual value of a task's target (AsOf "" is
// today, UTC) and returns its id; the audit log gets a "create" row with the
// value.
func (s *Store) RecordTargetValue(ctx context.Context, v TargetValue, by string) (int64, error) {
	if v.AsOf == "" {
		v.AsOf = time.Now().UTC().Format(time.DateOnly)
	}
	if !isISODate(v.AsOf) {
		return 0, fmt.Errorf("target value: %q is not a date (YYYY-MM-DD)", v.AsOf)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	var one int
	if err := tx.QueryRowContext(ctx, "SELECT 1 FROM tasks WHERE id = ?", v.TaskID).Scan(&one); errors.Is(err, sql.ErrNoRows) {
		return 0, ErrTaskNotFound
	} else if err != nil {
		return 0, err
	}
	res, err := tx.ExecContext(ctx, "INSERT INTO target_values (task_id, as_of, value, comment, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?)",
		v.TaskID, v.AsOf, v.Value, nfc(v.Comment), nowText(), by)
	if err != nil {
		return 0, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	if err := audit(ctx, tx, by, EntityTargetValue, id, "create", "", strconv.FormatFloat(v.Value, 'f', -1, 64)); err != nil {
		return 0, err
	}
	return id, tx.Commit()
}

// TargetValues returns the recorded values of a task's target, oldest date
// first.
func (s *Store) TargetValues(ctx context.Context, taskID int64) ([]TargetValue, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, task_id, as_of, value, comment, recorded_at, recorded_by FROM target_values
		WHERE task_id = ? ORDER BY as_of, id`, taskID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []TargetValue
	for rows.Next() {
		var v TargetValue
		var at string
		if err := rows.Scan(&v.ID, &v.TaskID, &v.AsOf, &v.Value, &v.Comment, &at, &v.RecordedBy); err != nil {
			return nil, err
		}
		v.RecordedAt, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, v)
	}
	return out, rows.Err()
}
