package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

const selectNote = `SELECT n.id, n.task_id, n.note_key, n.version, n.reported_on, n.reporter, n.body, n.progress, n.status,
	COALESCE(n.evidence_document_id, 0), n.evidence_number, n.retracted, n.created_at, n.created_by FROM notes n`

// readNotes scans note rows and fills their attachments (one more query).
func readNotes(ctx context.Context, q queryer, where string, args ...any) ([]Note, error) {
	rows, err := q.QueryContext(ctx, selectNote+" WHERE "+where, args...)
	if err != nil {
		return nil, err
	}
	var out []Note
	for rows.Next() {
		var n Note
		var at string
		if err := rows.Scan(&n.ID, &n.TaskID, &n.Key, &n.Version, &n.ReportedOn, &n.Reporter, &n.Body, &n.Progress, &n.Status,
			&n.EvidenceDocumentID, &n.EvidenceNumber, &n.Retracted, &at, &n.CreatedBy); err != nil {
			rows.Close()
			return nil, err
		}
		n.CreatedAt, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, n)
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
	for i, n := range out {
		at[n.ID] = i
		ids[i] = n.ID
	}
	rows, err = q.QueryContext(ctx, `SELECT note_id, sha256, name, size FROM note_attachments
		WHERE note_id IN (SELECT value FROM json_each(?)) ORDER BY note_id, rowid`, idsJSON(ids))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var a Attachment
		if err := rows.Scan(&id, &a.SHA256, &a.Name, &a.Size); err != nil {
			return nil, err
		}
		n := &out[at[id]]
		n.Attachments = append(n.Attachments, a)
	}
	return out, rows.Err()
}

// readNote reads one note version by id, or ErrNoteNotFound.
func readNote(ctx context.Context, q queryer, id int64) (Note, error) {
	ns, err := readNotes(ctx, q, "n.id = ?", id)
	if err != nil {
		return Note{}, err
	}
	if len(ns) == 0 {
		return Note{}, ErrNoteNotFound
	}
	return ns[0], nil
}

// prepareNote fills a note's defaults (reported today, UTC), brings its text
// to NFC, copies its attachments (once each by hash) and checks its values.
func prepareNote(n *Note) error {
	if n.ReportedOn == "" {
		n.ReportedOn = time.Now().UTC().Format(time.DateOnly)
	}
	if !isISODate(n.ReportedOn) {
		return fmt.Errorf("note: %q is not a date (YYYY-MM-DD)", n.ReportedOn)
	}
	if n.Progress < -1 || n.Progress > 100 {
		return fmt.Errorf("note: progress %d is outside 0..100 (-1 when not given)", n.Progress)
	}
	if n.Status != "" && !validStatus(n.Status) {
		return fmt.Errorf("note: unknown task status %q", n.Status)
	}
	n.Reporter, n.Body, n.EvidenceNumber = nfc(n.Reporter), nfc(n.Body), nfc(n.EvidenceNumber)
	var as []Attachment
	for _, a := range n.Attachments {
		if a.SHA256 == "" {
			return fmt.Errorf("note: attachment %q has no hash", a.Name)
		}
		if slices.ContainsFunc(as, func(b Attachment) bool { return b.SHA256 == a.SHA256 }) {
			continue
		}
		as = append(as, Attachment{SHA256: a.SHA256, Name: nfc(a.Name), Size: a.Size})
	}
	n.Attachments = as
	return nil
}

// nextNoteID picks the id of a new note version. Notes cannot be updated, so
// a first version's note_key (its own id) must be known before it is
// inserted; inside the writing transaction no other writer can take it.
func nextNoteID(ctx context.Context, tx execer) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) + 1 FROM notes").Scan(&id)
	return id, err
}

// insertNote writes one note version with its attachments.
func insertNote(ctx context.Context, tx execer, n Note, by string) error {
	var evidence any
	if n.EvidenceDocumentID != 0 {
		evidence = n.EvidenceDocumentID
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO notes (id, task_id, note_key, version, reported_on, reporter, body, progress, status,
		evidence_document_id, evidence_number, retracted, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		n.ID, n.TaskID, n.Key, n.Version, n.ReportedOn, n.Reporter, n.Body, n.Progress, n.Status,
		evidence, n.EvidenceNumber, n.Retracted, nowText(), by); err != nil {
		return err
	}
	for _, a := range n.Attachments {
		if _, err := tx.ExecContext(ctx, "INSERT INTO note_attachments (note_id, sha256, name, size) VALUES (?, ?, ?, ?)",
			n.ID, a.SHA256, a.Name, a.Size); err != nil {
			return err
		}
	}
	return nil
}

// applyNote carries a note's status and progress over to its task (each
// change with its audit row) and returns the task's document, or
// ErrTaskNotFound.
func applyNote(ctx context.Context, tx execer, taskID int64, status string, progress int, by string) (int64, error) {
	var docID int64
	var was string
	var wasProgress int
	err := tx.QueryRowContext(ctx, "SELECT document_id, status, progress FROM tasks WHERE id = ?", taskID).Scan(&docID, &was, &wasProgress)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrTaskNotFound
	}
	if err != nil {
		return 0, err
	}
	now := nowText()
	if status != "" && status != was {
		if _, err := tx.ExecContext(ctx, "UPDATE tasks SET status = ?, updated_at = ? WHERE id = ?", status, now, taskID); err != nil {
			return 0, err
		}
		if err := audit(ctx, tx, by, EntityTask, taskID, "status", was, status); err != nil {
			return 0, err
		}
	}
	if progress >= 0 && progress != wasProgress {
		if _, err := tx.ExecContext(ctx, "UPDATE tasks SET progress = ?, updated_at = ? WHERE id = ?", progress, now, taskID); err != nil {
			return 0, err
		}
		if err := audit(ctx, tx, by, EntityTask, taskID, "progress", strconv.Itoa(wasProgress), strconv.Itoa(progress)); err != nil {
			return 0, err
		}
	}
	return docID, nil
}

// AddNote records a new note on a task (version 1; its key is its id) and
// returns it as stored. ReportedOn "" is today (UTC); Progress is -1 when the
// note gives none (0 means 0%). A note's status or progress, when given and
// different, becomes the task's, with an audit row of the task. The note
// itself leaves a "create" row with its body, and the task's document is
// queued for the index.
func (s *Store) AddNote(ctx context.Context, n Note, by string) (Note, error) {
	if err := prepareNote(&n); err != nil {
		return Note{}, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return Note{}, err
	}
	defer tx.Rollback()
	var one int
	if err := tx.QueryRowContext(ctx, "SELECT 1 FROM tasks WHERE id = ?", n.TaskID).Scan(&one); errors.Is(err, sql.ErrNoRows) {
		return Note{}, ErrTaskNotFound
	} else if err != nil {
		return Note{}, err
	}
	id, err := nextNoteID(ctx, tx)
	if err != nil {
		return Note{}, err
	}
	n.ID, n.Key, n.Version, n.Retracted = id, id, 1, false
	if err := insertNote(ctx, tx, n, by); err != nil {
		return Note{}, err
	}
	if err := audit(ctx, tx, by, EntityNote, n.Key, "create", "", n.Body); err != nil {
		return Note{}, err
	}
	return s.finishNote(ctx, tx, n, by, true)
}

// finishNote applies a new version's status and progress to its task (when
// apply), queues the task's document, reads the version back and commits.
func (s *Store) finishNote(ctx context.Context, tx *sql.Tx, n Note, by string, apply bool) (Note, error) {
	status, progress := n.Status, n.Progress
	if !apply {
		status, progress = "", -1
	}
	docID, err := applyNote(ctx, tx, n.TaskID, status, progress, by)
	if err != nil {
		return Note{}, err
	}
	if err := (docQueue{docID}).write(ctx, tx); err != nil {
		return Note{}, err
	}
	out, err := readNote(ctx, tx, n.ID)
	if err != nil {
		return Note{}, err
	}
	return out, tx.Commit()
}

// latestNote reads the note version id and checks that it is the newest of
// its note (else ErrNoteSuperseded).
func latestNote(ctx context.Context, tx *sql.Tx, id int64) (Note, error) {
	prev, err := readNote(ctx, tx, id)
	if err != nil {
		return Note{}, err
	}
	var newest int
	if err := tx.QueryRowContext(ctx, "SELECT MAX(version) FROM notes WHERE note_key = ?", prev.Key).Scan(&newest); err != nil {
		return Note{}, err
	}
	if prev.Version != newest {
		return Note{}, fmt.Errorf("note %d is version %d of %d: %w", id, prev.Version, newest, ErrNoteSuperseded)
	}
	return prev, nil
}

// attachmentsText writes attachments for the audit log: "name; name" (with
// the start of each hash when only the hashes differ).
func attachmentsText(as []Attachment, withHash bool) string {
	parts := make([]string, len(as))
	for i, a := range as {
		parts[i] = a.Name
		if withHash {
			parts[i] += " [" + a.SHA256[:min(12, len(a.SHA256))] + "]"
		}
	}
	return strings.Join(parts, "; ")
}

// noteChanges lists what differs between two versions of a note.
func noteChanges(a, b Note) []change {
	var out []change
	str := func(field, x, y string) {
		if x != y {
			out = append(out, change{field, x, y})
		}
	}
	str("reported_on", a.ReportedOn, b.ReportedOn)
	str("reporter", a.Reporter, b.Reporter)
	str("body", a.Body, b.Body)
	str("progress", strconv.Itoa(a.Progress), strconv.Itoa(b.Progress))
	str("status", a.Status, b.Status)
	str("evidence_number", a.EvidenceNumber, b.EvidenceNumber)
	str("evidence_document_id", strconv.FormatInt(a.EvidenceDocumentID, 10), strconv.FormatInt(b.EvidenceDocumentID, 10))
	if !slices.Equal(a.Attachments, b.Attachments) {
		x, y := attachmentsText(a.Attachments, false), attachmentsText(b.Attachments, false)
		if x == y {
			x, y = attachmentsText(a.Attachments, true), attachmentsText(b.Attachments, true)
		}
		out = append(out, change{"attachments", x, y})
	}
	str("retracted", strconv.FormatBool(a.Retracted), strconv.FormatBool(b.Retracted))
	return out
}

// CorrectNote records a corrected version of note id, which must be the
// newest version of its note (else ErrNoteSuperseded) and not retracted (else
// ErrNoteRetracted). The new version has the same key and task and the
// content of n: its reported date, reporter, body, progress, status, evidence
// and attachments, which replace the earlier ones (pass the attachments to
// keep). Each changed field leaves an audit row of the note (entity id its
// key); the status and progress apply to the task as in AddNote. The earlier
// version stays readable through NoteVersions. A correction that changes
// nothing writes nothing and returns the current version.
func (s *Store) CorrectNote(ctx context.Context, id int64, n Note, by string) (Note, error) {
	if err := prepareNote(&n); err != nil {
		return Note{}, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return Note{}, err
	}
	defer tx.Rollback()
	prev, err := latestNote(ctx, tx, id)
	if err != nil {
		return Note{}, err
	}
	if prev.Retracted {
		return Note{}, fmt.Errorf("note %d: %w", prev.Key, ErrNoteRetracted)
	}
	next := Note{TaskID: prev.TaskID, Key: prev.Key, Version: prev.Version + 1,
		ReportedOn: n.ReportedOn, Reporter: n.Reporter, Body: n.Body, Progress: n.Progress, Status: n.Status,
		EvidenceDocumentID: n.EvidenceDocumentID, EvidenceNumber: n.EvidenceNumber, Attachments: n.Attachments}
	changes := noteChanges(prev, next)
	if len(changes) == 0 {
		return prev, nil
	}
	if next.ID, err = nextNoteID(ctx, tx); err != nil {
		return Note{}, err
	}
	if err := insertNote(ctx, tx, next, by); err != nil {
		return Note{}, err
	}
	for _, c := range changes {
		if err := audit(ctx, tx, by, EntityNote, next.Key, c.field, c.old, c.new); err != nil {
			return Note{}, err
		}
	}
	return s.finishNote(ctx, tx, next, by, true)
}

// RetractNote withdraws note id (the newest version of its note, else
// ErrNoteSuperseded) by adding a version identical but retracted, with an
// audit row "retracted". Nothing is erased: every version stays readable
// through NoteVersions, and Notes stops showing the note. The task's status
// and progress are left as they are. Retracting a retracted note changes
// nothing.
func (s *Store) RetractNote(ctx context.Context, id int64, by string) (Note, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return Note{}, err
	}
	defer tx.Rollback()
	prev, err := latestNote(ctx, tx, id)
	if err != nil {
		return Note{}, err
	}
	if prev.Retracted {
		return prev, nil
	}
	next := prev
	next.Version++
	next.Retracted = true
	if next.ID, err = nextNoteID(ctx, tx); err != nil {
		return Note{}, err
	}
	if err := insertNote(ctx, tx, next, by); err != nil {
		return Note{}, err
	}
	if err := audit(ctx, tx, by, EntityNote, next.Key, "retracted", "false", "true"); err != nil {
		return Note{}, err
	}
	return s.finishNote(ctx, tx, next, by, false)
}

// Notes returns the current version of each of a task's notes, retracted
// ones left out, newest report first (then newest version first).
func (s *Store) Notes(ctx context.Context, taskID int64) ([]Note, error) {
	return s.readNotesTx(ctx, "n.task_id = ? AND n.retracted = 0 AND "+currentNote+" ORDER BY n.reported_on DESC, n.id DESC", taskID)
}

// NoteVersions returns every version of note key, first to last, or
// ErrNoteNotFound.
func (s *Store) NoteVersions(ctx context.Context, key int64) ([]Note, error) {
	ns, err := s.readNotesTx(ctx, "n.note_key = ? ORDER BY n.version", key)
	if err == nil && len(ns) == 0 {
		return nil, ErrNoteNotFound
	}
	return ns, err
}

// NotesOfTasks returns, by task, the current notes of tasks reported between
// from and to, both included (ISO dates, "" for an open end), retracted ones
// left out, newest first. Tasks without such notes have no entry. Two queries
// however many tasks there are.
func (s *Store) NotesOfTasks(ctx context.Context, taskIDs []int64, from, to string) (map[int64][]Note, error) {
	where := "n.task_id IN (SELECT value FROM json_each(?)) AND n.retracted = 0 AND " + currentNote
	args := []any{idsJSON(taskIDs)}
	if from != "" {
		where += " AND n.reported_on >= ?"
		args = append(args, from)
	}
	if to != "" {
		where += " AND n.reported_on <= ?"
		args = append(args, to)
	}
	ns, err := s.readNotesTx(ctx, where+" ORDER BY n.task_id, n.reported_on DESC, n.id DESC", args...)
	if err != nil {
		return nil, err
	}
	out := map[int64][]Note{}
	for _, n := range ns {
		out[n.TaskID] = append(out[n.TaskID], n)
	}
	return out, nil
}

// readNotesTx runs readNotes in a read transaction (notes and attachments
// from one snapshot).
func (s *Store) readNotesTx(ctx context.Context, where string, args ...any) ([]Note, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return readNotes(ctx, tx, where, args...)
}

// AttachmentSHAs lists the originals the notes' attachments are kept under.
func (s *Store) AttachmentSHAs(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT DISTINCT sha256 FROM note_attachments ORDER BY sha256")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var sha string
		if err := rows.Scan(&sha); err != nil {
			return nil, err
		}
		out = append(out, sha)
	}
	return out, rows.Err()
}
