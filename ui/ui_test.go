package ui

import (
	"chidao/internal/testcorpus"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"chidao/app"
	"chidao/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestMain lets the test binary serve as the import's extraction child.
func TestMain(m *testing.M) {
	if app.RunChild(os.Args[1:]) {
		return
	}
	os.Exit(m.Run())
}

var (
	planKL74 = testcorpus.Path("text", "kh-tu-2020-thuc-hien-kl74-tw.txt")
	kl221    = testcorpus.Path("text", "kl221-tw-2025-bo-may-htct-chinh-quyen-2-cap.txt")
)

const assignKL74 = "Giao cho Ban Tổ chức Tỉnh ủy chủ trì"

// newTestUI opens a new library in a temporary folder and builds the main
// window on the test driver.
func newTestUI(t *testing.T) (*mainUI, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	l, err := app.Open(context.Background(), t.TempDir(), app.Options{})
	if err != nil {
		t.Fatal(err)
	}
	w := test.NewWindow(nil)
	u := newMainUI(w, l)
	// The test driver runs fyne.Do on the calling goroutine: let the first
	// load finish before touching the widgets here.
	wait(t, u.loaded, "the library list")
	w.SetContent(u.content)
	w.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(func() {
		u.shutdown()
		w.Close()
		l.Close()
	})
	return u, w
}

// wait waits for ch to close, at most 10 seconds.
func wait(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(10 * time.Second):
		t.Fatalf("%s did not finish in 10 s", what)
	}
}

// importFiles imports through the same function the menu calls and waits.
func importFiles(t *testing.T, u *mainUI, paths ...string) {
	t.Helper()
	wait(t, u.importPaths(paths), "the import")
}

// allObjects lists o and every object under it, through containers and
// widget renderers.
func allObjects(o fyne.CanvasObject) []fyne.CanvasObject {
	out := []fyne.CanvasObject{o}
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			out = append(out, allObjects(c)...)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			out = append(out, allObjects(c)...)
		}
	}
	return out
}

// texts lists the text of every label and button laid out under o.
func texts(o fyne.CanvasObject) []string {
	var out []string
	for _, x := range allObjects(o) {
		if !x.Visible() {
			continue
		}
		switch v := x.(type) {
		case *widget.Label:
			out = append(out, v.Text)
		case *widget.Button:
			out = append(out, v.Text)
		case *widget.RichText:
			out = append(out, v.String())
		case *widget.Hyperlink:
			out = append(out, v.Text)
		case *flowText:
			out = append(out, v.String())
		}
	}
	return out
}

func hasText(o fyne.CanvasObject, want string) bool {
	for _, s := range texts(o) {
		if strings.Contains(s, want) {
			return true
		}
	}
	return false
}

// cells returns the library table's visible cells in row order of column col.
func cells(u *mainUI) []*docCell {
	var out []*docCell
	for _, x := range allObjects(u.library.table) {
		if c, ok := x.(*docCell); ok && c.Visible() {
			out = append(out, c)
		}
	}
	return out
}

func headerButton(t *testing.T, u *mainUI, title string) *widget.Button {
	t.Helper()
	for _, x := range allObjects(u.library.table) {
		if b, ok := x.(*widget.Button); ok && b.Text == title {
			return b
		}
	}
	t.Fatalf("no header %q in the library table", title)
	return nil
}

func titles(ds []store.Document) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Title)
	}
	return out
}

func TestLibraryShowsImportedTitle(t *testing.T) {
	u, _ := newTestUI(t)
	if hasText(u.library.table, "Tiêu đề") == false {
		t.Error("the table has no Tiêu đề header")
	}
	importFiles(t, u, planKL74)
	ds, err := u.l.Documents(context.Background())
	if err != nil || len(ds) != 1 {
		t.Fatalf("documents = %v, %v; want the imported plan", ds, err)
	}
	if ds[0].Title == "" {
		t.Fatal("the imported plan has no title")
	}
	found := false
	for _, c := range cells(u) {
		if c.label.Text == ds[0].Title {
			found = true
		}
	}
	if !found {
		t.Errorf("the library table does not show the title %q", ds[0].Title)
	}
	if got := u.nav.buttons[navLibrary].Text; got != "Văn bản (1)" {
		t.Errorf("rail entry = %q, want «Văn bản (1)»", got)
	}
}

func TestHeaderClickSorts(t *testing.T) {
	u, _ := newTestUI(t)
	importFiles(t, u, planKL74, kl221)
	if len(u.library.docs) != 2 {
		t.Fatalf("library shows %d documents, want 2", len(u.library.docs))
	}
	test.Tap(headerButton(t, u, "Tiêu đề"))
	if u.library.sortCol != colTitle || !u.library.sortAsc {
		t.Fatalf("after a click on Tiêu đề: sort column %d asc %v, want %d ascending", u.library.sortCol, u.library.sortAsc, colTitle)
	}
	asc := titles(u.library.docs)
	test.Tap(headerButton(t, u, "Tiêu đề"))
	if u.library.sortAsc {
		t.Fatal("a second click on Tiêu đề did not reverse the order")
	}
	desc := titles(u.library.docs)
	if asc[0] != desc[1] || asc[1] != desc[0] {
		t.Errorf("ascending %q, descending %q: not reversed", asc, desc)
	}
	shown := false
	for _, c := range cells(u) {
		if c.row == 0 && c.label.Text == desc[0] {
			shown = true
		}
	}
	if !shown {
		t.Errorf("the table's first row does not show %q", desc[0])
	}
}

func TestOpenDocumentShowsClauses(t *testing.T) {
	u, _ := newTestUI(t)
	importFiles(t, u, planKL74)
	var first *docCell
	for _, c := range cells(u) {
		if c.row == 0 {
			first = c
			break
		}
	}
	if first == nil {
		t.Fatal("no row in the library table")
	}
	test.DoubleTap(first)
	if u.document == nil {
		t.Fatal("a double click did not open the document")
	}
	wait(t, u.work, "opening the document")
	text := u.docView.text
	if text == nil {
		t.Fatal("the document view has no text")
	}
	row := -1
	for i, r := range text.rows {
		if strings.Contains(blocksText(r.blocks), assignKL74) {
			row = i
			break
		}
	}
	if row < 0 {
		t.Fatalf("no clause contains %q", assignKL74)
	}
	text.scrollToTop(row)
	if !hasText(u.document, assignKL74) {
		t.Errorf("the document view does not show %q", assignKL74)
	}
	if !hasText(u.details.content, "kh-tu-2020-thuc-hien-kl74-tw.txt") {
		t.Error("the detail panel does not show the file name")
	}
	// Quay lại returns to the list.
	back := findButton(u.document, "Quay lại")
	if back == nil {
		t.Fatal("no «Quay lại» button")
	}
	test.Tap(back)
	if u.document != nil || u.centre.Objects[0] != u.library.content {
		t.Error("«Quay lại» did not return to the library")
	}
}

func TestImportResultPanel(t *testing.T) {
	u, _ := newTestUI(t)
	importFiles(t, u, planKL74)
	if !hasText(u.bottom, "đã nhập") || hasText(u.bottom, "trùng") && !hasText(u.bottom, "trùng 0") {
		t.Errorf("first import panel: %q, want «đã nhập»", texts(u.bottom))
	}
	importFiles(t, u, planKL74)
	found := false
	for _, s := range texts(u.bottom) {
		if s == "trùng" {
			found = true
		}
	}
	if !found {
		t.Errorf("second import panel: %q, want a row «trùng»", texts(u.bottom))
	}
	if !hasText(u.bottom, "đã nhập 0 · trùng 1 · lỗi 0") {
		t.Errorf("second import counts: %q", texts(u.bottom))
	}
	var closeBtn *widget.Button
	for _, x := range allObjects(u.bottom) {
		if b, ok := x.(*widget.Button); ok && b.Text == "Đóng" {
			closeBtn = b
		}
	}
	if closeBtn == nil {
		t.Fatal("the result panel has no «Đóng» button")
	}
	test.Tap(closeBtn)
	if len(u.bottom.Objects) != 0 {
		t.Error("«Đóng» did not dismiss the result panel")
	}
}

func TestImportCancel(t *testing.T) {
	u, _ := newTestUI(t)
	done := u.importPaths([]string{testcorpus.Path("text")})
	if !u.status.content.Visible() {
		t.Error("no status line while importing")
	}
	// Hủy cancels the job's context; call only that here, as the test
	// driver runs the worker's UI updates on the worker's goroutine.
	stop := u.cancelJob
	stop()
	wait(t, done, "the cancelled import")
	if u.status.content.Visible() {
		t.Error("the status line stays after the import")
	}
	if !hasText(u.bottom, "Đã hủy") || !hasText(u.bottom, "lỗi: Đã hủy trước khi nhập tệp này") {
		t.Errorf("result panel after Hủy: %q", texts(u.bottom))
	}
}

func TestImportFailureSaysWhy(t *testing.T) {
	u, _ := newTestUI(t)
	importFiles(t, u, testcorpus.Path("no-such-file.pdf"))
	if !hasText(u.bottom, "lỗi: Không tìm thấy tệp") {
		t.Errorf("result panel: %q, want «lỗi: Không tìm thấy tệp…»", texts(u.bottom))
	}
}

func TestOpenErrorWindow(t *testing.T) {
	test.NewTempApp(t)
	closed := false
	c := openErrorContent(openReason("/tmp/lib", fmt.Errorf("%w (/tmp/lib)", app.ErrBusy)), func() { closed = true })
	w := test.NewWindow(c)
	defer w.Close()
	if !hasText(c, "Thư viện đang được mở") {
		t.Errorf("busy message: %q", texts(c))
	}
	for _, x := range allObjects(c) {
		if b, ok := x.(*widget.Button); ok && b.Text == "Đóng" {
			test.Tap(b)
		}
	}
	if !closed {
		t.Error("«Đóng» did not close")
	}
}

func TestOpenReasonNamesTheLibrary(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "không-phải-thư-mục")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := app.Open(context.Background(), file, app.Options{})
	if err == nil {
		t.Fatal("opened a library inside a file")
	}
	if got := openReason(file, err); !strings.HasPrefix(got, "Không mở được thư viện ở «"+file+"»: ") {
		t.Errorf("openReason = %q", got)
	}
}

func TestBusyLibrary(t *testing.T) {
	dir := t.TempDir()
	l, err := app.Open(context.Background(), dir, app.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	_, err = app.Open(context.Background(), dir, app.Options{})
	if !errors.Is(err, app.ErrBusy) {
		t.Fatalf("second open: %v, want ErrBusy", err)
	}
}

func TestStatusText(t *testing.T) {
	for _, c := range []struct {
		r    app.ImportResult
		want string
	}{
		{app.ImportResult{Status: app.Imported}, "đã nhập"},
		{app.ImportResult{Status: app.Imported, NeedsOCR: true}, "đã nhập — cần nhận dạng (OCR)"},
		{app.ImportResult{Status: app.Duplicate}, "trùng"},
		{app.ImportResult{Status: app.Failed, Reason: "Tệp rỗng (0 byte)."}, "lỗi: Tệp rỗng (0 byte)."},
	} {
		if got := statusText(c.r); got != c.want {
			t.Errorf("statusText(%+v) = %q, want %q", c.r, got, c.want)
		}
	}
}
