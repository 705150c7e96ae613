package app_test

import (
	"archive/zip"
	"chidao/internal/testcorpus"
	"context"
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"chidao/app"
	"chidao/index"
	"chidao/store"
)

// corpus is the shared corpus beside the repository.
var corpus = testcorpus.Dir()

func TestMain(m *testing.M) {
	// Import runs this test binary as its extraction child.
	if app.RunChild(os.Args[1:]) {
		return
	}
	code := m.Run()
	removeSearchBenchLibraries()
	os.Exit(code)
}

func needCorpus(t testing.TB) {
	t.Helper()
	if _, err := os.Stat(corpus); err != nil {
		t.Fatal("test corpus missing: testdata/corpus is part of the repository")
	}
}

func openLib(t testing.TB, opts app.Options) *app.Library {
	t.Helper()
	l, err := app.Open(context.Background(), t.TempDir(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

func importPaths(t testing.TB, l *app.Library, paths ...string) []app.ImportResult {
	t.Helper()
	res, err := l.Import(context.Background(), paths, nil)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return res
}

func byBase(res []app.ImportResult) map[string]app.ImportResult {
	m := map[string]app.ImportResult{}
	for _, r := range res {
		m[filepath.Base(r.Path)] = r
	}
	return m
}

// TestImportCorpus imports every file of the shared corpus: all succeed (new or
// duplicate) except none; the scan is imported and marked for OCR.
func TestImportCorpus(t *testing.T) {
	needCorpus(t)
	l := openLib(t, app.Options{})
	ctx := context.Background()
	res := importPaths(t, l, filepath.Join(corpus, "text"), filepath.Join(corpus, "word"), filepath.Join(corpus, "pdf"), filepath.Join(corpus, "legacy"))
	if len(res) < 60 {
		t.Fatalf("only %d files seen in the corpus", len(res))
	}
	for _, r := range res {
		if r.Status == app.Failed {
			t.Errorf("%s failed: %s (%v)", r.Path, r.Reason, r.Err)
		}
	}
	m := byBase(res)
	scan := m["scan-epson-KSTTHC.pdf"]
	if scan.Status != app.Imported || !scan.NeedsOCR {
		t.Errorf("the scan should be imported and marked for OCR: %+v", scan)
	}
	for name, r := range m {
		if r.Status == app.Imported && r.NeedsOCR && name != "scan-epson-KSTTHC.pdf" {
			t.Errorf("%s marked for OCR but has a text layer", name)
		}
	}
	// Text of the plan in each of its forms holds its key sentence in one paragraph.
	for _, name := range []string{"kh-tu-2020-thuc-hien-kl74-tw.txt", "kh-tu-2020-thuc-hien-kl74-tw.pdf", "kh-tu-2020-thuc-hien-kl74-tw.docx"} {
		r := m[name]
		if r.Status != app.Imported {
			t.Errorf("%s: %s", name, r.Status)
			continue
		}
		paras, err := l.Paragraphs(ctx, r.DocumentID)
		if err != nil {
			t.Fatal(err)
		}
		if !hasPara(paras, "Giao cho Ban Tổ chức Tỉnh ủy chủ trì phối hợp với Sở Nội vụ và các cơ quan có liên quan tham mưu Ban Thường vụ Tỉnh ủy") {
			t.Errorf("%s: the assignment sentence is not whole in one paragraph", name)
		}
		if !strings.HasPrefix(r.Title, "Kế hoạch thực hiện Kết luận số 74-KL/TW") {
			t.Errorf("%s: title %q", name, r.Title)
		}
	}
	// Legacy encodings were detected and converted.
	for name, enc := range map[string]string{
		"kh-tu-2020-thuc-hien-kl74-tw.tcvn3.txt":           "tcvn3",
		"kh-tu-2020-thuc-hien-kl74-tw.vni.txt":             "vni",
		"kh-tu-2020-thuc-hien-kl74-tw.tcvn3-extracted.txt": "tcvn3",
	} {
		r := m[name]
		if r.Status != app.Imported {
			t.Errorf("%s: %s %s", name, r.Status, r.Reason)
			continue
		}
		d, _ := l.Document(ctx, r.DocumentID)
		if d.Encoding != enc {
			t.Errorf("%s: encoding %q, want %q", name, d.Encoding, enc)
		}
		text, _ := l.Text(ctx, r.DocumentID)
		if !strings.Contains(text, "tinh giản biên chế") {
			t.Errorf("%s: converted text lacks Vietnamese words: %.200q", name, text)
		}
	}
	// The Word 97 files' text holds their known opening lines.
	for name, want := range map[string]string{
		"ct09-2009-ct-ubnd.doc":        "Về việc đẩy mạnh hoạt động khoa học và công nghệ cấp cơ sở",
		"luat-thanh-tra-2010.doc":      "LUẬT",
		"qd93-2007-qd-ttg-mot-cua.doc": "QUYẾT ĐỊNH",
	} {
		r := m[name]
		if r.Status != app.Imported {
			t.Errorf("%s: %s %s", name, r.Status, r.Reason)
			continue
		}
		text, _ := l.Text(ctx, r.DocumentID)
		if !strings.Contains(text, want) {
			t.Errorf("%s: text lacks %q; starts %.300q", name, want, text)
		}
	}
	rep, err := l.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK {
		t.Errorf("check after import: %v", rep.Problems)
	}
	// Importing the same bytes again gives duplicates only.
	again := importPaths(t, l, filepath.Join(corpus, "pdf"))
	for _, r := range again {
		if r.Status != app.Duplicate {
			t.Errorf("re-import of %s: %s", r.Path, r.Status)
		}
	}
}

func hasPara(paras []store.Paragraph, s string) bool {
	for _, p := range paras {
		if strings.Contains(p.Text, s) {
			return true
		}
	}
	return false
}

// TestBadInput gives the importer files a clerk's folder may hold: each gets its
// own clear result and the batch goes on.
func TestBadInput(t *testing.T) {
	needCorpus(t)
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	random := func(n int) []byte {
		b := make([]byte, n)
		rand.Read(b)
		return b
	}
	pdf, err := os.ReadFile(filepath.Join(corpus, "pdf", "ct09-2009-ct-ubnd.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	write("empty.txt", nil)
	write("truncated.pdf", pdf[:1200])
	write("random.pdf", random(50_000))
	write("random.docx", random(50_000))
	write("random.doc", random(50_000))
	write("random.txt", random(5_000))
	protected, err := os.ReadFile("testdata/password-protected.pdf")
	if err != nil {
		t.Fatal(err)
	}
	write("protected.pdf", protected)
	zipBomb(t, filepath.Join(dir, "bomb.docx"), 1<<30)
	big, err := os.Create(filepath.Join(dir, "big.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	big.Truncate(300 << 20) // 300 MB, sparse
	big.Close()
	write("good.txt", []byte("KẾ HOẠCH\n\nthực hiện tinh giản biên chế\n\n1. Giao cho Sở Nội vụ chủ trì.\n"))

	l := openLib(t, app.Options{})
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	res := importPaths(t, l, dir)
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	m := byBase(res)
	want := map[string]string{
		"empty.txt":     "Tệp rỗng",
		"truncated.pdf": "hỏng",
		"random.pdf":    "hỏng",
		"random.docx":   "hỏng",
		"random.doc":    "hỏng",
		"random.txt":    "không được hỗ trợ",
		"protected.pdf": "mật khẩu",
		"bomb.docx":     "giải nén ra quá lớn",
		"big.pdf":       "quá lớn",
	}
	for name, frag := range want {
		r := m[name]
		if r.Status != app.Failed || !strings.Contains(r.Reason, frag) {
			t.Errorf("%s: %s %q, want failed with %q (err %v)", name, r.Status, r.Reason, frag, r.Err)
		}
	}
	if r := m["good.txt"]; r.Status != app.Imported {
		t.Errorf("good.txt after bad files: %s %s", r.Status, r.Reason)
	}
	if after.HeapAlloc > before.HeapAlloc+64<<20 {
		t.Errorf("heap grew by %d MB over the batch", (after.HeapAlloc-before.HeapAlloc)>>20)
	}
	entries, _ := os.ReadDir(filepath.Join(l.Dir, "originals"))
	if len(entries) != 1 {
		t.Errorf("originals kept for failed files: %d entries", len(entries))
	}
}

// zipBomb writes a DOCX-looking archive whose document expands to size bytes.
func zipBomb(t *testing.T, path string, size int64) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	w, _ := zw.Create("[Content_Types].xml")
	w.Write([]byte(`<?xml version="1.0"?><Types/>`))
	w, _ = zw.Create("word/document.xml")
	zero := make([]byte, 1<<20)
	for n := int64(0); n < size; n += int64(len(zero)) {
		w.Write(zero)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestManySmallFiles imports a folder of 2,000 small files; each gets a result.
func TestManySmallFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	dir := t.TempDir()
	for i := 0; i < 2000; i++ {
		body := fmt.Sprintf("THÔNG BÁO\n\nvề việc số %d\n\nỦy ban nhân dân huyện thông báo lần thứ %d về tinh giản biên chế.\n", i, i)
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("tb-%04d.txt", i)), []byte(body), 0o644)
	}
	l := openLib(t, app.Options{})
	res := importPaths(t, l, dir)
	if len(res) != 2000 {
		t.Fatalf("%d results for 2000 files", len(res))
	}
	for _, r := range res {
		if r.Status != app.Imported {
			t.Fatalf("%s: %s %s", r.Path, r.Status, r.Reason)
		}
	}
	rep, err := l.Check(context.Background())
	if err != nil || !rep.OK || rep.Documents != 2000 || rep.Indexed != 2000 {
		t.Fatalf("check: %+v %v", rep, err)
	}
}

// TestIsolation: a child that crashes or hangs fails that one file, clearly.
func TestIsolation(t *testing.T) {
	needCorpus(t)
	pdf := filepath.Join(corpus, "pdf", "ct09-2009-ct-ubnd.pdf")
	txt := filepath.Join(corpus, "text", "kl221-tw-2025-bo-may-htct-chinh-quyen-2-cap.txt")
	cases := []struct {
		name  string
		argv  []string
		frag  string
		limit time.Duration
	}{
		{"crash", []string{"sh", "-c", "kill -SEGV $$", "sh"}, "lỗi nghiêm trọng", time.Minute},
		{"abort", []string{"sh", "-c", "kill -ABRT $$", "sh"}, "lỗi nghiêm trọng", time.Minute},
		{"hang", []string{"sh", "-c", "sleep 60", "sh"}, "quá lâu", time.Second},
		{"garbage", []string{"sh", "-c", "echo not json", "sh"}, "lỗi nghiêm trọng", time.Minute},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := openLib(t, app.Options{ChildArgv: c.argv, ExtractTimeout: c.limit})
			start := time.Now()
			m := byBase(importPaths(t, l, pdf, txt))
			if r := m[filepath.Base(pdf)]; r.Status != app.Failed || !strings.Contains(r.Reason, c.frag) {
				t.Errorf("pdf: %s %q (%v)", r.Status, r.Reason, r.Err)
			}
			if r := m[filepath.Base(txt)]; r.Status != app.Imported {
				t.Errorf("the text file after the failed child: %s %s", r.Status, r.Reason)
			}
			if time.Since(start) > 20*time.Second {
				t.Errorf("took %s", time.Since(start))
			}
		})
	}
}

// TestBusy: a second process-level open of the same library fails at once.
func TestBusy(t *testing.T) {
	dir := t.TempDir()
	l, err := app.Open(context.Background(), dir, app.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	start := time.Now()
	_, err = app.Open(context.Background(), dir, app.Options{})
	if err == nil || !strings.Contains(app.Reason(err), "đang được mở") {
		t.Fatalf("second open: %v", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("second open took %s", time.Since(start))
	}
	// Reading the library stays possible meanwhile (list, show, backup).
	ro, err := app.Open(context.Background(), dir, app.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	ro.Close()
}

// TestBackupWhileOpen copies a library that another handle is writing.
func TestBackupWhileOpen(t *testing.T) {
	needCorpus(t)
	l := openLib(t, app.Options{})
	importPaths(t, l, filepath.Join(corpus, "text"))
	ro, err := app.Open(context.Background(), l.Dir, app.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	dest := filepath.Join(t.TempDir(), "backup")
	if err := ro.Backup(context.Background(), dest); err != nil {
		t.Fatal(err)
	}
	b, err := app.Open(context.Background(), dest, app.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	rep, err := b.Check(context.Background())
	if err != nil || !rep.OK {
		t.Fatalf("backup check: %+v %v", rep, err)
	}
	orig, _ := l.Documents(context.Background())
	if rep.Documents != len(orig) || rep.Indexed != len(orig) {
		t.Errorf("backup has %d documents (%d indexed), library %d", rep.Documents, rep.Indexed, len(orig))
	}
}

// BenchmarkImportCorpus imports the corpus into a fresh library: extraction in
// child processes, cleaning, storing and indexing.
func BenchmarkImportCorpus(b *testing.B) {
	needCorpus(b)
	paths := []string{filepath.Join(corpus, "text"), filepath.Join(corpus, "word"), filepath.Join(corpus, "pdf"), filepath.Join(corpus, "legacy")}
	files, pages := 0, 0
	var elapsed time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		l, err := app.Open(context.Background(), b.TempDir(), app.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		res, err := l.Import(context.Background(), paths, nil)
		elapsed += time.Since(start)
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range res {
			if r.Status == app.Imported {
				files++
				pages += r.Pages
			}
		}
		l.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(files)/elapsed.Seconds(), "files/s")
	b.ReportMetric(float64(pages)/elapsed.Seconds(), "pages/s")
}

// TestImportFormats covers the formats the corpus lacks: an HTML page saved
// from a legal portal, an EPUB, and UTF-16 text.
func TestImportFormats(t *testing.T) {
	needCorpus(t)
	dir := t.TempDir()
	plan, err := os.ReadFile(filepath.Join(corpus, "text", "kh-tu-2020-thuc-hien-kl74-tw.txt"))
	if err != nil {
		t.Fatal(err)
	}
	// UTF-16LE with a byte-order mark, as Notepad saves "Unicode".
	u16 := []byte{0xFF, 0xFE}
	for _, r := range string(plan) {
		if r > 0xFFFF {
			continue
		}
		u16 = append(u16, byte(r), byte(r>>8))
	}
	os.WriteFile(filepath.Join(dir, "plan-utf16.txt"), u16, 0o644)
	html, err := os.ReadFile("../docs/testdata/html-thuvienphapluat.html")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "portal.html"), html, 0o644)
	writeEPUB(t, filepath.Join(dir, "book.epub"), "Nghị quyết về tinh giản biên chế", "Giao cho Sở Nội vụ chủ trì phối hợp với các sở, ngành tham mưu Ủy ban nhân dân tỉnh.")

	l := openLib(t, app.Options{})
	ctx := context.Background()
	m := byBase(importPaths(t, l, dir))
	checks := map[string][]string{
		"plan-utf16.txt": {"Giao cho Ban Tổ chức Tỉnh ủy chủ trì phối hợp với Sở Nội vụ"},
		"portal.html":    {"Ban Thường vụ Tỉnh ủy"},
		"book.epub":      {"Giao cho Sở Nội vụ chủ trì phối hợp"},
	}
	for name, wants := range checks {
		r := m[name]
		if r.Status != app.Imported {
			t.Errorf("%s: %s %s (%v)", name, r.Status, r.Reason, r.Err)
			continue
		}
		text, _ := l.Text(ctx, r.DocumentID)
		for _, w := range wants {
			if !strings.Contains(text, w) {
				t.Errorf("%s: text lacks %q: %.300q", name, w, text)
			}
		}
		if strings.Contains(text, "Trang chủ") {
			t.Errorf("%s: portal menu kept in the text", name)
		}
	}
	if d, _ := l.Document(ctx, m["plan-utf16.txt"].DocumentID); d.Encoding != "utf-16le" {
		t.Errorf("UTF-16 file: encoding %q", d.Encoding)
	}
}

// writeEPUB writes a minimal EPUB 2 book with one chapter.
func writeEPUB(t *testing.T, path, title, body string) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	w.Write([]byte("application/epub+zip"))
	files := map[string]string{
		"META-INF/container.xml": `<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>`,
		"OEBPS/content.opf":      `<?xml version="1.0" encoding="UTF-8"?><package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>` + title + `</dc:title><dc:identifier id="id">chidao-test</dc:identifier><dc:language>vi</dc:language></metadata><manifest><item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="c1"/></spine></package>`,
		"OEBPS/c1.xhtml":         `<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>` + title + `</title></head><body><h1>NGHỊ QUYẾT</h1><p>` + title + `</p><p>` + body + `</p></body></html>`,
	}
	for _, name := range []string{"META-INF/container.xml", "OEBPS/content.opf", "OEBPS/c1.xhtml"} {
		w, _ := zw.Create(name)
		w.Write([]byte(files[name]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestCheckFindsDamage: check reports a changed original; a document the
// index lost is found at open and the index rebuilt (it is derived data), so
// check finds the index whole.
func TestCheckFindsDamage(t *testing.T) {
	needCorpus(t)
	dir := t.TempDir()
	ctx := context.Background()
	l, err := app.Open(ctx, dir, app.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res := importPaths(t, l, filepath.Join(corpus, "text", "kl221-tw-2025-bo-may-htct-chinh-quyen-2-cap.txt"), filepath.Join(corpus, "text", "kh-tu-2020-thuc-hien-kl74-tw.txt"))
	d0, _ := l.Document(ctx, res[0].DocumentID)
	l.Close()

	ix, err := index.Open(filepath.Join(dir, "index"), time.Second, false)
	if err != nil {
		t.Fatal(err)
	}
	b := ix.NewBatch()
	b.DeleteDocument(res[1].DocumentID, nil)
	if err := ix.Apply(b); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	orig := filepath.Join(dir, "originals", d0.SHA256)
	os.Chmod(orig, 0o644)
	os.WriteFile(orig, []byte("sửa tay"), 0o644)

	rebuilt := ""
	l, err = app.Open(ctx, dir, app.Options{OnRebuild: func(reason string, _, _ int) { rebuilt = reason }})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if rebuilt == "" {
		t.Error("the index lost a document and Open did not rebuild it")
	}
	rep, err := l.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	joined := strings.Join(rep.Problems, "\n")
	if rep.OK || !strings.Contains(joined, "tệp gốc đã bị thay đổi") || strings.Contains(joined, "chỉ mục tìm kiếm") {
		t.Fatalf("check missed the damage: %+v", rep)
	}
	if err := l.Reindex(ctx, nil); err != nil {
		t.Fatal(err)
	}
	rep, _ = l.Check(ctx)
	if strings.Contains(strings.Join(rep.Problems, "\n"), "chỉ mục tìm kiếm") {
		t.Errorf("after reindex: %v", rep.Problems)
	}
}
