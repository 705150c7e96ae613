package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func openTemp(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "chidao.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

func plan() (Document, []Paragraph) {
	d := Document{SHA256: strings.Repeat("ab", 32), FileName: "kh-tu-2020.pdf", SourcePath: "/x/kh-tu-2020.pdf",
		Format: "pdf", Size: 43657, Pages: 4, Title: "Kế hoạch thực hiện Kết luận số 74-KL/TW", ImportedAt: time.Now()}
	ps := []Paragraph{
		{Page: 1, Text: "KẾ HOẠCH"},
		{Page: 2, Text: "Giao cho Ban Tổ chức Tỉnh ủy chủ trì phối hợp với Sở Nội vụ"},
		{Page: 3, Footnote: true, Text: "¹ Thực hiện thí điểm tại huyện tân Hiệp và huyện Gò Quao."},
	}
	return d, ps
}

func TestMigrationsOnceAndPragmas(t *testing.T) {
	s, path := openTemp(t)
	var v int
	s.DB().QueryRow("PRAGMA user_version").Scan(&v)
	if v != SchemaVersion() || v < 1 {
		t.Fatalf("user_version %d, want %d", v, SchemaVersion())
	}
	var mode string
	s.DB().QueryRow("PRAGMA journal_mode").Scan(&mode)
	if mode != "wal" {
		t.Errorf("journal_mode %q", mode)
	}
	var fk int
	s.DB().QueryRow("PRAGMA foreign_keys").Scan(&fk)
	if fk != 1 {
		t.Errorf("foreign_keys off")
	}
	s.Close()
	// Opening again applies nothing twice.
	s2, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	s2.Close()
	// A database from a newer chidao is refused, not damaged.
	s3, _ := Open(context.Background(), path)
	s3.DB().Exec("PRAGMA user_version = 999")
	s3.Close()
	if _, err := Open(context.Background(), path); err == nil || !strings.Contains(err.Error(), "newer chidao") {
		t.Errorf("newer schema: %v", err)
	}
}

func TestInsertDocumentAllOrNothing(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	d, ps := plan()
	id, err := s.InsertDocument(ctx, &d, ps, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.DocumentBySHA(ctx, d.SHA256)
	if err != nil || got.ID != id || got.Title != d.Title || got.Pages != 4 {
		t.Fatalf("by sha: %+v %v", got, err)
	}
	paras, _ := s.Paragraphs(ctx, id)
	if len(paras) != 3 || !paras[2].Footnote || paras[1].Page != 2 {
		t.Fatalf("paragraphs: %+v", paras)
	}
	ob, _ := s.Outbox(ctx)
	if len(ob) != 1 || ob[0].DocumentID != id || ob[0].Op != "index" {
		t.Fatalf("outbox: %+v", ob)
	}
	// The same bytes again fail as a whole: no second document, no stray paragraphs.
	d2, _ := plan()
	if _, err := s.InsertDocument(ctx, &d2, ps, nil); err == nil {
		t.Fatal("a second document with the same hash was stored")
	}
	// A cancelled import leaves nothing behind.
	d3, _ := plan()
	d3.SHA256 = strings.Repeat("cd", 32)
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.InsertDocument(cctx, &d3, ps, nil); err == nil {
		t.Fatal("insert with a cancelled context succeeded")
	}
	if _, err := s.DocumentBySHA(ctx, d3.SHA256); !errors.Is(err, ErrNotFound) {
		t.Fatalf("half-imported document: %v", err)
	}
	var n int
	s.DB().QueryRow("SELECT count(*) FROM paragraphs").Scan(&n)
	if n != 3 {
		t.Errorf("%d paragraphs stored, want 3", n)
	}
	if problems, err := s.IntegrityCheck(ctx); err != nil || len(problems) > 0 {
		t.Errorf("integrity: %v %v", problems, err)
	}
}

func TestVacuumInto(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	d, ps := plan()
	s.InsertDocument(ctx, &d, ps, nil)
	dest := filepath.Join(t.TempDir(), "copy.db")
	if err := s.VacuumInto(ctx, dest); err != nil {
		t.Fatal(err)
	}
	c, err := Open(ctx, dest)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ds, _ := c.Documents(ctx)
	if len(ds) != 1 || ds[0].Title != d.Title {
		t.Fatalf("copy: %+v", ds)
	}
}

func TestOriginals(t *testing.T) {
	o := Originals{Dir: filepath.Join(t.TempDir(), "originals")}
	body := []byte("KẾ HOẠCH thực hiện Kết luận số 74-KL/TW")
	st, err := o.Stage(bytes.NewReader(body), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	path, err := st.Keep()
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(path) != st.SHA256 || st.Size != int64(len(body)) {
		t.Fatalf("kept at %s, size %d", path, st.Size)
	}
	if info, _ := os.Stat(path); info.Mode().Perm()&0o222 != 0 {
		t.Errorf("original is writable: %v", info.Mode())
	}
	if err := o.Verify(st.SHA256); err != nil {
		t.Fatal(err)
	}
	// Staging the same bytes again keeps one file.
	st2, _ := o.Stage(bytes.NewReader(body), 1<<20)
	st2.Keep()
	entries, _ := os.ReadDir(o.Dir)
	if len(entries) != 1 {
		t.Errorf("%d files for one original", len(entries))
	}
	// A changed original is caught.
	os.Chmod(path, 0o644)
	os.WriteFile(path, []byte("sửa"), 0o644)
	if err := o.Verify(st.SHA256); err == nil {
		t.Error("a changed original passed verification")
	}
	// Too large: nothing left behind.
	if _, err := o.Stage(bytes.NewReader(make([]byte, 100)), 10); !errors.Is(err, ErrTooLarge) {
		t.Errorf("over the limit: %v", err)
	}
	st3, _ := o.Stage(bytes.NewReader([]byte("x")), 10)
	_ = st3
	o.CleanStaging()
	matches, _ := filepath.Glob(filepath.Join(o.Dir, ".import-*"))
	if len(matches) != 0 {
		t.Errorf("staging files left: %v", matches)
	}
}
