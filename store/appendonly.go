package store

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// AppendOnlyTrigger is one of the triggers that refuse UPDATE or DELETE on a
// table the history relies on: the notes and their attachments, the audit log,
// the saved reports and the recorded target values.
type AppendOnlyTrigger struct {
	Name  string // notes_append_only_update
	Table string // notes
	SQL   string // the CREATE TRIGGER statement, as SQLite keeps it
}

// EntityTrigger is the audit entity of an append-only trigger put back at
// open: field is the trigger's name, old what was found in its place ("" when
// it was missing), new the statement that restored it.
const EntityTrigger = "trigger"

// RestoredBy is the audit "by" of a restored trigger: the program, not a person.
const RestoredBy = "chidao"

// Statements of the migrations that create or drop an append-only trigger.
var (
	createTriggerRE = regexp.MustCompile(`(?s)\b(?i:CREATE\s+TRIGGER)\s+(\w+_append_only_\w+)\s+(?i:BEFORE\s+(?:UPDATE|DELETE)\s+ON)\s+(\w+)\b.*?\bEND\s*;`)
	dropTriggerRE   = regexp.MustCompile(`(?i)\bDROP\s+TRIGGER\s+(?:IF\s+EXISTS\s+)?(\w+_append_only_\w+)`)
)

// appendOnlyTriggers reads the triggers from the migrations, in order, so
// that their SQL is written in one place: the migration that creates them.
var appendOnlyTriggers = sync.OnceValue(func() []AppendOnlyTrigger {
	names, _ := fs.Glob(migrations, "migrations/*.sql")
	sort.Slice(names, func(i, j int) bool { return migrationNumber(names[i]) < migrationNumber(names[j]) })
	var out []AppendOnlyTrigger
	for _, n := range names {
		body, _ := migrations.ReadFile(n)
		drops := dropTriggerRE.FindAllSubmatch(body, -1)
		for _, d := range drops {
			out = slicesDeleteName(out, string(d[1]))
		}
		for _, m := range createTriggerRE.FindAllSubmatch(body, -1) {
			out = slicesDeleteName(out, string(m[1]))
			out = append(out, AppendOnlyTrigger{Name: string(m[1]), Table: string(m[2]), SQL: strings.TrimRight(string(m[0]), "; \t\r\n")})
		}
	}
	return out
})

func slicesDeleteName(ts []AppendOnlyTrigger, name string) []AppendOnlyTrigger {
	out := ts[:0]
	for _, t := range ts {
		if t.Name != name {
			out = append(out, t)
		}
	}
	return out
}

// AppendOnlyTriggers lists every append-only trigger the schema must have.
func AppendOnlyTriggers() []AppendOnlyTrigger {
	return append([]AppendOnlyTrigger(nil), appendOnlyTriggers()...)
}

// TriggerFault is an append-only trigger the database lacks (Found is "") or
// has in another form than the migrations wrote (Found is what it has).
type TriggerFault struct {
	Trigger AppendOnlyTrigger
	Found   string
}

// sameSQL compares two statements regardless of spacing and letter case.
func sameSQL(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

// triggerFaults compares the triggers the database has with the list.
func triggerFaults(ctx context.Context, q queryer) ([]TriggerFault, error) {
	rows, err := q.QueryContext(ctx, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	have := map[string]string{}
	for rows.Next() {
		var name string
		var text sql.NullString
		if err := rows.Scan(&name, &text); err != nil {
			return nil, err
		}
		have[name] = text.String
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []TriggerFault
	for _, t := range appendOnlyTriggers() {
		found, ok := have[t.Name]
		if !ok || !sameSQL(found, t.SQL) {
			out = append(out, TriggerFault{Trigger: t, Found: found})
		}
	}
	return out, nil
}

// TriggerFaults returns the append-only triggers missing or altered now. Open
// puts them back, so a fault seen here arose while the library was open.
func (s *Store) TriggerFaults(ctx context.Context) ([]TriggerFault, error) {
	return triggerFaults(ctx, s.db)
}

// restoreTriggers puts back, in one write transaction, every append-only
// trigger found missing or altered, and records each in the audit log. The
// triggers are all restored before the first audit row is written, so that
// the audit log's own triggers protect it.
func (s *Store) restoreTriggers(ctx context.Context) error {
	faults, err := s.TriggerFaults(ctx)
	if err != nil || len(faults) == 0 {
		return err
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	// IMMEDIATE: the faults read again below cannot change before the writes.
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return err
	}
	done := false
	defer func() {
		if !done {
			conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		}
	}()
	if faults, err = triggerFaults(ctx, conn); err != nil {
		return err
	}
	for _, f := range faults {
		if f.Found != "" {
			if _, err := conn.ExecContext(ctx, "DROP TRIGGER "+f.Trigger.Name); err != nil {
				return fmt.Errorf("restore trigger %s: %w", f.Trigger.Name, err)
			}
		}
		if _, err := conn.ExecContext(ctx, f.Trigger.SQL); err != nil {
			return fmt.Errorf("restore trigger %s: %w", f.Trigger.Name, err)
		}
	}
	for _, f := range faults {
		if err := audit(ctx, conn, RestoredBy, EntityTrigger, 0, f.Trigger.Name, f.Found, f.Trigger.SQL); err != nil {
			return err
		}
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return err
	}
	done = true
	return nil
}
