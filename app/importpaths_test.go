package app_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"chidao/app"
)

// TestImportPathsEach: every named path gets its result line at once, in the
// progress too; links to files and folders are followed and said; a link
// loop ends; a FIFO, a broken link and a missing path fail alone without
// holding up the rest.
func TestImportPathsEach(t *testing.T) {
	needCorpus(t)
	src := filepath.Join(corpus, "text", "kh-tu-2020-thuc-hien-kl74-tw.txt")
	other := filepath.Join(corpus, "text", "kl221-tw-2025-bo-may-htct-chinh-quyen-2-cap.txt")
	dir := t.TempDir()
	real := filepath.Join(dir, "real")
	os.MkdirAll(filepath.Join(real, "sub"), 0o755)
	b, _ := os.ReadFile(other)
	os.WriteFile(filepath.Join(real, "sub", "kl221.txt"), b, 0o644)
	os.Symlink(real, filepath.Join(real, "sub", "loop"))  // a loop back up
	os.Symlink(real, filepath.Join(dir, "linked-folder")) // a folder reached by a link
	os.Symlink(src, filepath.Join(dir, "linked-file.txt"))
	os.Symlink(filepath.Join(dir, "gone.txt"), filepath.Join(dir, "broken.txt"))
	fifo := filepath.Join(dir, "pipe.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "no-such-file.pdf")

	l := openLib(t, app.Options{})
	var lines []app.ImportResult
	done := make(chan struct{})
	var res []app.ImportResult
	var err error
	go func() {
		defer close(done)
		res, err = l.Import(context.Background(), []string{missing, filepath.Join(dir, "linked-folder"),
			filepath.Join(dir, "linked-file.txt"), filepath.Join(dir, "broken.txt"), fifo},
			func(p app.Progress) { lines = append(lines, p.Last) })
	}()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("import hangs (a FIFO read for ever?)")
	}
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != len(res) {
		t.Errorf("%d progress lines for %d results: every path must be said", len(lines), len(res))
	}
	by := map[string]app.ImportResult{}
	for _, r := range res {
		by[r.Path] = r
		if r.Status == app.Failed && r.Reason == "" {
			t.Errorf("%s failed without a sentence", r.Path)
		}
	}
	want := map[string]app.Status{
		missing:                               app.Failed,
		filepath.Join(dir, "broken.txt"):      app.Failed,
		fifo:                                  app.Failed,
		filepath.Join(dir, "linked-file.txt"): app.Imported,
		filepath.Join(dir, "linked-folder", "sub", "kl221.txt"): app.Imported,
	}
	for p, st := range want {
		r, ok := by[p]
		if !ok {
			t.Errorf("no result for %s (results: %v)", p, res)
			continue
		}
		if r.Status != st {
			t.Errorf("%s: %s (%s), want %s", p, r.Status, r.Reason, st)
		}
	}
	if len(res) != len(want) {
		t.Errorf("%d results, want %d (the loop must be walked once): %+v", len(res), len(want), res)
	}
	if r := by[filepath.Join(dir, "linked-file.txt")]; r.Link != filepath.Join(dir, "linked-file.txt") {
		t.Errorf("file through a link: Link %q", r.Link)
	}
	if r := by[filepath.Join(dir, "linked-folder", "sub", "kl221.txt")]; r.Link != filepath.Join(dir, "linked-folder") {
		t.Errorf("file in a linked folder: Link %q", r.Link)
	}
	for _, p := range []string{missing, fifo, filepath.Join(dir, "broken.txt")} {
		if r := by[p]; !strings.ContainsAny(r.Reason, "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ") {
			t.Errorf("%s: reason %q is not a Vietnamese sentence", p, r.Reason)
		}
	}
}

// TestImportBadBytes: one invalid byte in a UTF-8 text (and in an HTML page
// declaring utf-8) is replaced and said; the rest of the text is read as
// UTF-8, never re-read as a legacy code page.
func TestImportBadBytes(t *testing.T) {
	needCorpus(t)
	src, err := os.ReadFile(filepath.Join(corpus, "text", "kh-tu-2020-thuc-hien-kl74-tw.txt"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	i := len(src) / 2
	for src[i] >= 0x80 {
		i++
	}
	bad := append(append(append([]byte{}, src[:i]...), 0xFF), src[i:]...)
	os.WriteFile(filepath.Join(dir, "bad.txt"), bad, 0o644)
	html := "<html><head><meta charset=\"utf-8\"><title>Kế hoạch</title></head><body><p>Tỉnh ủy ban hành Kế hoạch thực hiện Kết luận số 74-KL/TW về tinh giản biên chế \xC3 của các cơ quan, đơn vị.</p></body></html>"
	os.WriteFile(filepath.Join(dir, "bad.html"), []byte(html), 0o644)

	l := openLib(t, app.Options{})
	res := importPaths(t, l, filepath.Join(dir, "bad.txt"), filepath.Join(dir, "bad.html"))
	for _, r := range res {
		if r.Status != app.Imported {
			t.Fatalf("%s: %s %s", r.Path, r.Status, r.Reason)
		}
		if r.Replaced != 1 || !strings.Contains(r.Reason, "1 byte") {
			t.Errorf("%s: replaced %d, reason %q; want 1 byte said", r.Path, r.Replaced, r.Reason)
		}
		text, err := l.Text(context.Background(), r.DocumentID)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []string{"tinh giản biên chế", "Kết luận số 74-KL/TW", "\uFFFD"} {
			if !strings.Contains(text, w) {
				t.Errorf("%s: text lacks %q (re-decoded as another code page?)", r.Path, w)
			}
		}
		if d, _ := l.Document(context.Background(), r.DocumentID); d.Encoding != "" && d.Encoding != "utf-8" {
			t.Errorf("%s: encoding %q, want UTF-8", r.Path, d.Encoding)
		}
	}
}
