package store

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// historyRows fills every table the history relies on with one row: a note
// with an attachment, a target value, a saved report and their audit rows.
func historyRows(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	local, _ := taskDocs(t, s)
	ids, err := s.CreateTasks(ctx, []Task{{DocumentID: local, Title: "Rà soát"}}, "lan")
	if err != nil {
		t.Fatal(err)
	}
	att := Attachment{SHA256: strings.Repeat("12", 32), Name: "bao-cao.pdf", Size: 1234}
	if _, err := s.AddNote(ctx, Note{TaskID: ids[0], ReportedOn: "2024-05-02", Body: "Bản đầu", Progress: -1, Attachments: []Attachment{att}}, "lan"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordTargetValue(ctx, TargetValue{TaskID: ids[0], AsOf: "2024-05-01", Value: 40}, "lan"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveReport(ctx, SavedReport{Title: "Báo cáo quý II", Request: []byte("{}"), Snapshot: []byte("{}")}, "lan"); err != nil {
		t.Fatal(err)
	}
}

// TestAppendOnlyTables: no row of the notes, their attachments, the audit log,
// the saved reports or the recorded target values can be changed or removed.
func TestAppendOnlyTables(t *testing.T) {
	s, _ := openTemp(t)
	historyRows(t, s)
	for _, q := range []string{
		"UPDATE notes SET body = 'sửa lén'", "DELETE FROM notes",
		"UPDATE note_attachments SET name = 'khac.pdf'", "DELETE FROM note_attachments",
		"UPDATE audit SET new = 'x'", "DELETE FROM audit",
		"UPDATE reports SET title = 'khác'", "DELETE FROM reports",
		"UPDATE target_values SET value = 99", "DELETE FROM target_values",
	} {
		table := strings.Fields(strings.TrimPrefix(strings.TrimPrefix(q, "UPDATE "), "DELETE FROM "))[0]
		var before int
		s.DB().QueryRow("SELECT count(*) FROM " + table).Scan(&before)
		if before == 0 {
			t.Fatalf("%s: no row to try it on", table)
		}
		if _, err := s.DB().Exec(q); err == nil {
			t.Errorf("%s succeeded", q)
		}
	}
}

// TestAppendOnlyTriggerList: the list read from the migrations names every
// trigger, and a new library has each of them exactly as written.
func TestAppendOnlyTriggerList(t *testing.T) {
	var names []string
	for _, tr := range AppendOnlyTriggers() {
		names = append(names, tr.Name)
		if !strings.HasPrefix(tr.Name, tr.Table+"_append_only_") || !strings.HasPrefix(tr.SQL, "CREATE TRIGGER "+tr.Name+" ") {
			t.Errorf("trigger %+v", tr)
		}
	}
	want := []string{}
	for _, table := range []string{"audit", "note_attachments", "notes", "reports", "target_values"} {
		want = append(want, table+"_append_only_delete", table+"_append_only_update")
	}
	slices.Sort(names)
	if !slices.Equal(names, want) {
		t.Errorf("append-only triggers %v, want %v", names, want)
	}
	s, _ := openTemp(t)
	if faults, err := s.TriggerFaults(context.Background()); err != nil || len(faults) != 0 {
		t.Errorf("a new library: %+v %v", faults, err)
	}
}

// TestAppendOnlyTriggerRestored: a trigger dropped, or replaced by one that
// lets everything through, is seen, and put back at the next open with a row
// in the audit log that the restored triggers protect.
func TestAppendOnlyTriggerRestored(t *testing.T) {
	s, path := openTemp(t)
	historyRows(t, s)
	ctx := context.Background()
	for _, q := range []string{
		"DROP TRIGGER notes_append_only_update",
		"DROP TRIGGER audit_append_only_delete",
		"CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit BEGIN SELECT 1; END",
		"DROP TRIGGER reports_append_only_delete",
	} {
		if _, err := s.DB().Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if _, err := s.DB().Exec("UPDATE notes SET body = 'sửa lén'"); err != nil {
		t.Fatalf("the edit the test relies on: %v", err)
	}
	faults, err := s.TriggerFaults(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range faults {
		got[f.Trigger.Name] = f.Found
	}
	if len(got) != 3 || got["notes_append_only_update"] != "" || got["reports_append_only_delete"] != "" ||
		!strings.Contains(got["audit_append_only_delete"], "SELECT 1") {
		t.Fatalf("faults %+v", faults)
	}
	before, _ := s.Audit(ctx, "", 0)
	s.Close()

	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if faults, err := s.TriggerFaults(ctx); err != nil || len(faults) != 0 {
		t.Errorf("after reopening: %+v %v", faults, err)
	}
	for _, q := range []string{"UPDATE notes SET body = 'lần nữa'", "DELETE FROM audit", "DELETE FROM reports"} {
		if _, err := s.DB().Exec(q); err == nil {
			t.Errorf("%s succeeded after reopening", q)
		}
	}
	after, _ := s.Audit(ctx, "", 0)
	restored, _ := s.Audit(ctx, EntityTrigger, 0)
	if len(after) != len(before)+3 || len(restored) != 3 {
		t.Fatalf("audit: %d rows before, %d after, %d of triggers", len(before), len(after), len(restored))
	}
	for _, e := range restored {
		tr, ok := AppendOnlyTrigger{}, false
		for _, x := range AppendOnlyTriggers() {
			if x.Name == e.Field {
				tr, ok = x, true
			}
		}
		if !ok || e.New != tr.SQL || e.By != RestoredBy || (e.Field == "audit_append_only_delete") != (e.Old != "") {
			t.Errorf("audit row %+v", e)
		}
	}
	s.Close()

	// Nothing to restore: no new audit row.
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := s.Audit(ctx, "", 0); len(again) != len(after) {
		t.Errorf("a clean open wrote %d audit rows", len(again)-len(after))
	}
}

// TestAppendOnlyMigratedLibrary: a library made before the new triggers gets
// them from the migration, and a trigger dropped from it before then is
// restored with its audit row, not silently.
func TestAppendOnlyMigratedLibrary(t *testing.T) {
	s, path := openTemp(t)
	historyRows(t, s)
	ctx := context.Background()
	for _, tr := range AppendOnlyTriggers() {
		if !strings.HasPrefix(tr.Name, "notes_") && !strings.HasPrefix(tr.Name, "audit_") && tr.Name != "reports_append_only_update" {
			if _, err := s.DB().Exec("DROP TRIGGER " + tr.Name); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, q := range []string{"DROP TRIGGER notes_append_only_delete", "PRAGMA user_version = 5"} {
		if _, err := s.DB().Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if faults, err := s.TriggerFaults(ctx); err != nil || len(faults) != 0 {
		t.Errorf("after the migration: %+v %v", faults, err)
	}
	restored, _ := s.Audit(ctx, EntityTrigger, 0)
	if len(restored) != 1 || restored[0].Field != "notes_append_only_delete" {
		t.Errorf("restorations %+v", restored)
	}
	var v int
	s.DB().QueryRow("PRAGMA user_version").Scan(&v)
	if v != SchemaVersion() {
		t.Errorf("schema %d", v)
	}
	if _, err := s.DB().Exec("DELETE FROM note_attachments"); err == nil {
		t.Error("attachments deleted after the migration")
	}
}
