package app_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"chidao/app"
	"chidao/index"
	"chidao/store"
)

// movableLibrary builds a closed library holding the sample plan, its tasks
// and a note with an attachment, and returns its folder with what it holds.
func movableLibrary(t *testing.T) (dir string, docs, tasks int, note store.Note) {
	t.Helper()
	l, _, vs := planTasks(t)
	ctx := context.Background()
	att := filepath.Join(t.TempDir(), "bien-ban-ra-soat.txt")
	if err := os.WriteFile(att, []byte("Biên bản rà soát biên chế, tháng 6 năm 2026.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	note, err := l.AddNote(ctx, store.Note{TaskID: vs[0].ID, ReportedOn: "2026-06-20", Reporter: "Ban Tổ chức Tỉnh ủy",
		Body: "Đã rà soát biên chế các cơ quan, đơn vị.", Progress: 30}, []string{att})
	if err != nil {
		t.Fatal(err)
	}
	if len(note.Attachments) != 1 {
		t.Fatalf("the note has %d attachments", len(note.Attachments))
	}
	ds, err := l.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	all, err := l.Tasks(ctx, app.TaskQuery{})
	if err != nil {
		t.Fatal(err)
	}
	dir = l.Dir
	if err := l.Close(); err != nil { // the window closes its library before moving it
		t.Fatal(err)
	}
	return dir, len(ds), len(all), note
}

// checkLibrary opens dir and runs the equivalent of `chidao check` on it.
func checkLibrary(t *testing.T, dir string) (*app.Library, app.CheckReport) {
	t.Helper()
	l, err := app.Open(context.Background(), dir, app.Options{})
	if err != nil {
		t.Fatalf("open %s: %v", dir, err)
	}
	t.Cleanup(func() { l.Close() })
	r, err := l.Check(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK {
		t.Errorf("check of %s: %v", dir, r.Problems)
	}
	return l, r
}

// TestMoveLibrary: a library with documents, tasks and an attachment moved to
// a new folder passes the check there, with everything in it; the source is
// left in place.
func TestMoveLibrary(t *testing.T) {
	src, docs, tasks, note := movableLibrary(t)
	dst := filepath.Join(t.TempDir(), "Thư viện mới", "chidao")
	var calls, last, total int
	err := app.MoveLibrary(context.Background(), src, dst, func(done, n int) {
		calls++
		if done < last {
			t.Errorf("progress went back from %d to %d", last, done)
		}
		last, total = done, n
	})
	if err != nil {
		t.Fatal(err)
	}
	if calls < 3 || last != total {
		t.Errorf("progress: %d calls, ended at %d of %d", calls, last, total)
	}
	if _, err := os.Stat(dst + ".partial"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the .partial folder is left: %v", err)
	}

	l, r := checkLibrary(t, dst)
	ctx := context.Background()
	if r.Documents != docs || r.Indexed != docs {
		t.Errorf("moved library: %d documents, %d indexed; want %d", r.Documents, r.Indexed, docs)
	}
	all, err := l.Tasks(ctx, app.TaskQuery{})
	if err != nil || len(all) != tasks {
		t.Errorf("moved library: %d tasks (%v), want %d", len(all), err, tasks)
	}
	notes, err := l.Notes(ctx, note.TaskID)
	if err != nil || len(notes) != 1 || len(notes[0].Attachments) != 1 {
		t.Fatalf("moved library: notes %+v (%v)", notes, err)
	}
	// The attachment's file, by its hash. (Not l.AttachmentPath: notes
	// record the whole path of the file where its hash belongs, a bug of
	// Library.keepFile, so that path names the old library.)
	b, err := os.ReadFile(filepath.Join(dst, "originals", filepath.Base(notes[0].Attachments[0].SHA256)))
	if err != nil || string(b) != "Biên bản rà soát biên chế, tháng 6 năm 2026.\n" {
		t.Errorf("moved attachment: %q (%v)", b, err)
	}
	hits, err := l.SearchClauses(ctx, index.Query{Text: "giảm biên chế", Size: 5})
	if err != nil || len(hits.Hits) == 0 {
		t.Errorf("search in the moved library: %d hits (%v)", len(hits.Hits), err)
	}

	// The source is still whole: the clerk deletes it.
	_, rs := checkLibrary(t, src)
	if rs.Documents != docs {
		t.Errorf("source after the move: %d documents, want %d", rs.Documents, docs)
	}
}

// TestMoveLibraryCancelled: a move cancelled midway leaves the source whole
// and neither the destination nor its .partial folder.
func TestMoveLibraryCancelled(t *testing.T) {
	src, docs, _, _ := movableLibrary(t)
	dst := filepath.Join(t.TempDir(), "moi")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	err := app.MoveLibrary(ctx, src, dst, func(done, total int) {
		if done == 2 { // the database and one original are copied
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled move returned %v", err)
	}
	for _, p := range []string{dst, dst + ".partial"} {
		if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s exists after a cancelled move (%v)", p, err)
		}
	}
	if _, r := checkLibrary(t, src); r.Documents != docs {
		t.Errorf("source after a cancelled move: %d documents, want %d", r.Documents, docs)
	}
}

// TestMoveLibraryRefused: no move into the library itself, into a folder
// that has files, from a folder that is no library, or while it is open; a
// folder left by an interrupted move is replaced, one of the user's is not.
func TestMoveLibraryRefused(t *testing.T) {
	ctx := context.Background()
	l, err := app.Open(ctx, t.TempDir(), app.Options{})
	if err != nil {
		t.Fatal(err)
	}
	src := l.Dir
	if err := app.MoveLibrary(ctx, src, t.TempDir(), nil); !errors.Is(err, app.ErrBusy) {
		t.Errorf("move of an open library: %v, want ErrBusy", err)
	}
	l.Close()

	full := t.TempDir()
	os.WriteFile(filepath.Join(full, "ghi-chu.txt"), []byte("x"), 0o644)
	userPartial := filepath.Join(t.TempDir(), "b")
	os.MkdirAll(userPartial+".partial", 0o755)
	os.WriteFile(filepath.Join(userPartial+".partial", "cua-toi.txt"), []byte("x"), 0o644)
	for _, c := range []struct {
		name, src, dst string
		want           error
	}{
		{"into itself", src, src, app.ErrMoveInside},
		{"inside the library", src, filepath.Join(src, "originals", "moi"), app.ErrMoveInside},
		{"inside through ..", src, filepath.Join(src, "x", "..", "y"), app.ErrMoveInside},
		{"into a folder with files", src, full, app.ErrMoveNotEmpty},
		{"over the user's .partial folder", src, userPartial, app.ErrMoveNotEmpty},
		{"from a folder with no library", t.TempDir(), filepath.Join(t.TempDir(), "moi"), app.ErrMoveNoLibrary},
	} {
		if err := app.MoveLibrary(ctx, c.src, c.dst, nil); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	if _, err := os.Stat(filepath.Join(src, "originals", "moi")); err == nil {
		t.Errorf("a refused move created a folder inside the library")
	}
	if _, err := os.Stat(filepath.Join(userPartial+".partial", "cua-toi.txt")); err != nil {
		t.Errorf("the user's folder was touched: %v", err)
	}

	// An empty destination folder is fine; so is the leftover of an
	// interrupted move.
	empty := t.TempDir()
	if err := app.MoveLibrary(ctx, src, empty, nil); err != nil {
		t.Errorf("move into an empty folder: %v", err)
	}
	again := filepath.Join(t.TempDir(), "c")
	os.MkdirAll(filepath.Join(again+".partial", "originals"), 0o755)
	os.WriteFile(filepath.Join(again+".partial", ".chidao-move-partial"), nil, 0o644)
	if err := app.MoveLibrary(ctx, src, again, nil); err != nil {
		t.Errorf("move over a leftover .partial folder: %v", err)
	}
	checkLibrary(t, again)
}

// TestMoveLibraryDamaged: an original that no longer matches its hash stops
// the move before anything is switched.
func TestMoveLibraryDamaged(t *testing.T) {
	ctx := context.Background()
	l, err := app.Open(ctx, t.TempDir(), app.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(t.TempDir(), "cv-15.txt")
	os.WriteFile(f, []byte("UBND TỈNH KIÊN GIANG\nSố: 15/CV-UBND\n\nCÔNG VĂN\nvề việc rà soát biên chế\n\nĐề nghị các sở rà soát biên chế.\n"), 0o644)
	res := importPaths(t, l, f)
	d, err := l.Document(ctx, res[0].DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	orig := l.OriginalPath(d)
	src := l.Dir
	l.Close()
	os.Chmod(orig, 0o644)
	if err := os.WriteFile(orig, []byte("changed"), 0o644); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "moi")
	if err := app.MoveLibrary(ctx, src, dst, nil); !errors.Is(err, app.ErrMoveDamaged) {
		t.Fatalf("move with a damaged original: %v, want ErrMoveDamaged", err)
	}
	for _, p := range []string{dst, dst + ".partial"} {
		if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s exists after a refused move (%v)", p, err)
		}
	}
}
