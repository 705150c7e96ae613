package app_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"chidao/app"
	"chidao/index"
	"chidao/store"
)

// TestCitationsLinkKnownDocuments: the plan's citations point at the shipped
// record of 74-KL/TW; importing the conclusion's text later fills that record,
// so the earlier links lead to it and it shows who cites it.
func TestCitationsLinkKnownDocuments(t *testing.T) {
	needCorpus(t)
	ctx := context.Background()
	l := openLib(t, app.Options{})
	plan := importPaths(t, l, filepath.Join(corpus, "text", "kh-tu-2020-thuc-hien-kl74-tw.txt"))[0]
	if plan.Status != app.Imported {
		t.Fatalf("plan: %s %s", plan.Status, plan.Reason)
	}
	cites, err := l.Citations(ctx, plan.DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	var kl74 int64
	numbers := map[string]bool{}
	for _, c := range cites {
		numbers[c.Number] = true
		if c.Number == "74-KL/TW" {
			kl74 = c.KnownID
			if c.DocumentID != 0 {
				t.Errorf("74-KL/TW has no text in the library yet, but links to document %d", c.DocumentID)
			}
		}
	}
	for _, n := range []string{"18-NQ/TW", "19-NQ/TW", "39-NQ/TW", "74-KL/TW", "1398-TB/TU", "38-CTr/TU"} {
		if !numbers[n] {
			t.Errorf("citation of %s missing (have %v)", n, numbers)
		}
	}
	k, err := l.KnownDocument(ctx, kl74)
	if err != nil || k.Source != "bundled" || k.Date != "2020-05-22" || k.Issuer != "Bộ Chính trị" {
		t.Fatalf("known 74-KL/TW: %+v %v", k, err)
	}

	// The conclusion's own text arrives.
	dir := t.TempDir()
	text := "BAN CHẤP HÀNH TRUNG ƯƠNG\n\n*\n\nSố 74-KL/TW\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\nHà Nội, ngày 22 tháng 5 năm 2020\n\n" +
		"KẾT LUẬN\n\nCỦA BỘ CHÍNH TRỊ\n\nvề kết quả 02 năm thực hiện Nghị quyết số 18-NQ/TW và số 19-NQ/TW\n\n" +
		"1. Tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động hiệu lực, hiệu quả.\n\n" +
		"T/M BỘ CHÍNH TRỊ\n\nNguyễn Phú Trọng\n"
	os.WriteFile(filepath.Join(dir, "kl74.txt"), []byte(text), 0o644)
	kl := importPaths(t, l, filepath.Join(dir, "kl74.txt"))[0]
	if kl.Status != app.Imported {
		t.Fatalf("kl74: %s %s", kl.Status, kl.Reason)
	}
	cites, _ = l.Citations(ctx, plan.DocumentID)
	linked := 0
	for _, c := range cites {
		if c.Number == "74-KL/TW" {
			if c.KnownID != kl74 || c.DocumentID != kl.DocumentID {
				t.Errorf("after import, citation of 74-KL/TW: known %d doc %d, want %d %d", c.KnownID, c.DocumentID, kl74, kl.DocumentID)
			}
			linked++
		}
	}
	if linked == 0 {
		t.Fatal("no citation of 74-KL/TW left")
	}
	by, err := l.CitedBy(ctx, kl.DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	clauses := map[string]bool{}
	for _, c := range by {
		if c.DocumentID != plan.DocumentID {
			t.Errorf("cited by document %d", c.DocumentID)
		}
		clauses[c.Clause] = true
	}
	// "Căn cứ Kết luận số 74-KL/TW, ngày 22-5-2020 ..." opens part B; "Để lãnh đạo
	// thực hiện tốt Kết luận số 74-KL/TW ..." opens B.II; the subject line cites it too.
	for _, a := range []string{"", "B/¶1", "B.II/¶1", "B.I.1"} {
		if !clauses[a] {
			t.Errorf("cited-by clauses %v lack %q", clauses, a)
		}
	}
	d, _ := l.Document(ctx, kl.DocumentID)
	if d.Number != "74-KL/TW" || d.Kind != "Kết luận" || d.Date != "2020-05-22" {
		t.Errorf("metadata of the imported conclusion: %q %q %q", d.Number, d.Kind, d.Date)
	}
	// Clause tree stored.
	cl, _ := l.Clauses(ctx, plan.DocumentID)
	addrs := map[string]bool{}
	for _, c := range cl {
		addrs[c.Address] = true
	}
	for _, a := range []string{"A", "B", "B.I", "B.II.2.1", "B.II.2.4", "B.III.3"} {
		if !addrs[a] {
			t.Errorf("clause %s not stored", a)
		}
	}
	if fs, _ := l.Footnotes(ctx, plan.DocumentID); len(fs) != 1 || fs[0].Clause != "B.II.2.2" || !strings.Contains(fs[0].Text, "Gò Quao") {
		t.Errorf("footnotes: %+v", fs)
	}
}

// TestUpgradeFromFirstSchema opens a library written before the parser existed
// (schema 1: documents and paragraphs only): the migration adds the structure
// tables and the documents are parsed from their stored paragraphs.
func TestUpgradeFromFirstSchema(t *testing.T) {
	needCorpus(t)
	ctx := context.Background()
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "originals"), 0o755)
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "chidao.db"))
	if err != nil {
		t.Fatal(err)
	}
	schema1, err := os.ReadFile("../store/migrations/0001_init.sql")
	if err != nil {
		t.Fatal(err)
	}
	plan, _ := os.ReadFile(filepath.Join(corpus, "text", "kh-tu-2020-thuc-hien-kl74-tw.txt"))
	sum := sha256.Sum256(plan)
	sha := hex.EncodeToString(sum[:])
	os.WriteFile(filepath.Join(dir, "originals", sha), plan, 0o444)
	stmts := []string{string(schema1), "PRAGMA user_version = 1",
		`INSERT INTO documents (id, sha256, file_name, source_path, format, size, pages, title, imported_at)
		 VALUES (1, '` + sha + `', 'kh.txt', '/x/kh.txt', 'txt', ` + strconv.Itoa(len(plan)) + `, 0, 'Kế hoạch', '2026-01-01T00:00:00Z')`}
	for i, p := range strings.Split(string(plan), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			stmts = append(stmts, "INSERT INTO paragraphs (document_id, seq, page, text) VALUES (1, "+strconv.Itoa(i+1)+", 1, '"+strings.ReplaceAll(p, "'", "''")+"')")
		}
	}
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%v: %.80s", err, s)
		}
	}
	db.Close()

	l, err := app.Open(ctx, dir, app.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	cl, err := l.Clauses(ctx, 1)
	if err != nil || len(cl) < 20 {
		t.Fatalf("clauses after upgrade: %d %v", len(cl), err)
	}
	d, _ := l.Document(ctx, 1)
	if d.Kind != "Kế hoạch" || d.SignerName != "Đỗ Thanh Bình" {
		t.Errorf("metadata after upgrade: %q %q", d.Kind, d.SignerName)
	}
	if rep, err := l.Check(ctx); err != nil || !rep.OK {
		t.Errorf("check after upgrade: %+v %v", rep, err)
	}
}

// TestIndexHealsAfterCrash: a document committed to the database whose index
// write never happened (the process died in between) is searchable after the
// next open, through the outbox.
func TestIndexHealsAfterCrash(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	l, err := app.Open(ctx, dir, app.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := store.Document{SHA256: strings.Repeat("ef", 32), FileName: "kh.txt", Title: "Kế hoạch tinh giản biên chế", Kind: "Kế hoạch"}
	st := &store.Structure{Clauses: []store.Clause{{Seq: 1, Address: "1", Label: "1", Level: "item", Text: "Giao Sở Nội vụ chủ trì rà soát, tinh giản biên chế."}}}
	id, err := l.InsertSynthetic(ctx, d, nil, st) // committed; the index is not told
	if err != nil {
		t.Fatal(err)
	}
	l.Close() // as if the process stopped here

	l, err = app.Open(ctx, dir, app.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	res, err := l.SearchClauses(ctx, index.Query{Text: "tinh gian bien che"})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, h := range res.Hits {
		if h.DocumentID == id && h.Address == "1" {
			found = true
		}
	}
	if !found {
		t.Fatalf("the committed document is not searchable after reopening: %+v", res.Hits)
	}
	if rep, err := l.Check(ctx); err != nil || !rep.OK {
		t.Errorf("check: %+v %v", rep, err)
	}
}
