package app_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"chidao/app"
	"chidao/internal/testcorpus"
	"chidao/store"
)

// behindBack runs SQL on a library's database behind the library's back (no
// foreign keys, no triggers restored), as a person with a SQLite tool could.
func behindBack(t *testing.T, dir string, queries ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(dir, "chidao.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range queries {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

func dropTrigger(t *testing.T, dir, name string) {
	t.Helper()
	behindBack(t, dir, "DROP TRIGGER "+name)
}

// vietnameseLines fails on a line of Check that is not an NFC Vietnamese
// sentence, or a problem that does not say what to do.
func vietnameseLines(t *testing.T, rep app.CheckReport) {
	t.Helper()
	for _, line := range append(append([]string{}, rep.Problems...), rep.Notes...) {
		t.Log(line)
		if !norm.NFC.IsNormalString(line) || english.MatchString(line) || !strings.HasSuffix(line, ".") {
			t.Errorf("not a Vietnamese sentence: %q", line)
		}
	}
	for _, p := range rep.Problems {
		if !strings.Contains(p, "hãy ") {
			t.Errorf("does not say what to do: %q", p)
		}
	}
}

// TestCheckSeesDroppedTrigger: a dropped append-only trigger is a problem
// while it is missing; an open puts it back and Check then says so in a note,
// so it is never reported as a sound library without a word.
func TestCheckSeesDroppedTrigger(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	l, err := app.Open(ctx, dir, app.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dropTrigger(t, dir, "notes_append_only_update")
	rep, err := l.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rep.OK || len(rep.Problems) != 1 || !strings.Contains(rep.Problems[0], "notes_append_only_update") || !strings.Contains(rep.Problems[0], "ghi chú") {
		t.Errorf("check with the trigger dropped: %+v", rep)
	}
	l.Close()

	for _, readOnly := range []bool{false, true} {
		if readOnly {
			dropTrigger(t, dir, "reports_append_only_delete")
		}
		l, err := app.Open(ctx, dir, app.Options{ReadOnly: readOnly})
		if err != nil {
			t.Fatal(err)
		}
		rep, err := l.Check(ctx)
		l.Close()
		if err != nil {
			t.Fatal(err)
		}
		vietnameseLines(t, rep)
		all := strings.Join(append(append([]string{}, rep.Problems...), rep.Notes...), "\n")
		for _, name := range []string{"notes_append_only_update", "reports_append_only_delete"} {
			if name == "reports_append_only_delete" && !readOnly {
				continue
			}
			if !strings.Contains(all, name) {
				t.Errorf("read-only %v: check does not mention %s: %+v", readOnly, name, rep)
			}
		}
		if rep.OK && !strings.Contains(strings.Join(rep.Notes, "\n"), "đã được khôi phục") {
			t.Errorf("read-only %v: a sound library without a note of the restoration: %+v", readOnly, rep)
		}
	}
}

// english matches the words of the old English lines of Check.
var english = regexp.MustCompile(`(?i)\b(document|original|missing|changed|attachment|index|run|integrity|foreign key|harmless)\b`)

// TestCheckInVietnamese: every line Check writes is an NFC Vietnamese
// sentence; each problem says what to do.
func TestCheckInVietnamese(t *testing.T) {
	l, _, vs := planTasks(t)
	ctx := context.Background()
	att := filepath.Join(t.TempDir(), "bien-ban.txt")
	os.WriteFile(att, []byte("Biên bản họp ngày 20/6/2026."), 0o644)
	n, err := l.AddNote(ctx, store.Note{TaskID: vs[0].ID, Body: "Kèm biên bản.", Progress: -1}, []string{att})
	if err != nil {
		t.Fatal(err)
	}
	res := importPaths(t, l, testcorpus.Path("text", "kh141-2025-ubnd-bacninh-nang-luc-cbcc-nq66.txt"))
	ds, err := l.Documents(ctx)
	if err != nil || len(ds) < 2 {
		t.Fatalf("documents %v %v (import %+v)", ds, err, res)
	}
	orig := func(d store.Document) string { return filepath.Join(l.Dir, "originals", d.SHA256) }
	os.Chmod(orig(ds[0]), 0o644)
	os.WriteFile(orig(ds[0]), []byte("đã bị sửa"), 0o644)
	os.Remove(orig(ds[1]))
	os.Chmod(l.AttachmentPath(n.Attachments[0]), 0o644)
	os.WriteFile(l.AttachmentPath(n.Attachments[0]), []byte("đã bị sửa"), 0o644)
	os.WriteFile(filepath.Join(l.Dir, "originals", strings.Repeat("0f", 32)), []byte("mồ côi"), 0o444)
	dropTrigger(t, l.Dir, "audit_append_only_delete")
	behindBack(t, l.Dir, "INSERT INTO task_clauses (task_id, pos, document_id, clause) VALUES (999999, 0, 1, '1')")

	rep, err := l.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rep.OK || len(rep.Problems) != 5 || len(rep.Notes) != 1 {
		t.Fatalf("check found %+v", rep)
	}
	vietnameseLines(t, rep)
}
