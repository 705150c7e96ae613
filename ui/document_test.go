package ui

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"chidao/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// kl74Text is a short Kết luận 74-KL/TW: enough header for the parser to
// know its number, kind, date and issuer.
const kl74Text = "BAN CHẤP HÀNH TRUNG ƯƠNG\n\n*\n\nSố 74-KL/TW\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\nHà Nội, ngày 22 tháng 5 năm 2020\n\n" +
	"KẾT LUẬN\n\nCỦA BỘ CHÍNH TRỊ\n\nvề kết quả 02 năm thực hiện Nghị quyết số 18-NQ/TW\n\n" +
	"1. Tiếp tục đổi mới, sắp xếp tổ chức bộ máy.\n\nT/M BỘ CHÍNH TRỊ\n\nNguyễn Phú Trọng\n"

// blocksText is the plain text of a row.
func blocksText(bs []textBlock) string {
	t := &flowText{blocks: bs}
	return t.String()
}

func findButton(o fyne.CanvasObject, text string) *widget.Button {
	for _, x := range allObjects(o) {
		if b, ok := x.(*widget.Button); ok && b.Text == text && b.Visible() {
			return b
		}
	}
	return nil
}

// findLink is the first drawn piece of a citation whose text starts with prefix.
func findLink(o fyne.CanvasObject, prefix string) *linkText {
	for _, x := range allObjects(o) {
		if l, ok := x.(*linkText); ok && l.cite != nil && strings.HasPrefix(l.cite.Text, prefix) {
			return l
		}
	}
	return nil
}

// findTappable is the innermost tappable object under o drawing a label
// with exactly text.
func findTappable(o fyne.CanvasObject, text string) fyne.Tappable {
	var found fyne.Tappable
	for _, x := range allObjects(o) {
		tp, ok := x.(fyne.Tappable)
		if !ok {
			continue
		}
		for _, y := range allObjects(x) {
			if l, ok := y.(*widget.Label); ok && l.Text == text {
				found = tp
			}
		}
	}
	return found
}

// topDialog is what the top overlay of the window shows.
func topDialog(w fyne.Window) fyne.CanvasObject {
	return w.Canvas().Overlays().Top()
}

// openPlan imports the sample plan and opens it.
func openPlan(t *testing.T, u *mainUI) *documentView {
	t.Helper()
	importFiles(t, u, planKL74)
	ds, err := u.l.Documents(context.Background())
	if err != nil || len(ds) != 1 {
		t.Fatalf("documents = %v, %v", ds, err)
	}
	wait(t, u.openDocumentAt(ds[0].ID, ""), "opening the plan")
	if u.docView == nil || u.docView.text == nil {
		t.Fatal("the plan's text is not shown")
	}
	return u.docView
}

func TestDocumentOutlineAndCitations(t *testing.T) {
	u, w := newTestUI(t)
	v := openPlan(t, u)

	// The outline has the plan's parts, sections and items.
	var labels []string
	for _, a := range v.entries {
		labels = append(labels, v.clauses[v.byAddr[a]].Label)
	}
	for _, want := range []string{"A", "B", "I", "II", "III", "2.1", "2.2", "2.3", "2.4"} {
		if !slices.Contains(labels, want) {
			t.Errorf("the outline has no entry %q (entries %q)", want, labels)
		}
	}

	// Tapping the entry for B.II.2.3 selects that clause.
	i, ok := v.byAddr["B.II.2.3"]
	if !ok {
		t.Fatalf("the plan has no clause B.II.2.3")
	}
	v.outline.ScrollTo(v.entryAt["B.II.2.3"])
	entry := findTappable(v.outline, outlineText(v.clauses[i]))
	if entry == nil {
		t.Fatalf("no outline entry %q drawn", outlineText(v.clauses[i]))
	}
	test.Tap(entry)
	if c, ok := v.selectedClause(); !ok || c.Address != "B.II.2.3" {
		t.Fatalf("after tapping the outline entry, the selected clause is %+v", c)
	}
	y := float32(0)
	for j := 0; j < i; j++ {
		y += v.text.height(j) + theme.Padding()
	}
	if got := v.text.list.GetScrollOffset(); got != y {
		t.Errorf("the text is scrolled to %v, want B.II.2.3 on top at %v", got, y)
	}
	if v.current != v.entryAt["B.II.2.3"] {
		t.Errorf("the current outline entry is %d, want %d", v.current, v.entryAt["B.II.2.3"])
	}
	if !hasText(u.details.content, "B.II.2.3") {
		t.Errorf("the detail panel does not show the address: %q", texts(u.details.content))
	}
	if findButton(u.details.content, "Sao chép địa chỉ") == nil {
		t.Error("no «Sao chép địa chỉ» button")
	} else {
		test.Tap(findButton(u.details.content, "Sao chép địa chỉ"))
		if got := fyne.CurrentApp().Clipboard().Content(); got != "B.II.2.3" {
			t.Errorf("clipboard = %q after «Sao chép địa chỉ»", got)
		}
	}
	// The selected clause is drawn.
	if !hasText(v.text, strings.SplitN(v.clauses[i].Heading+v.clauses[i].Text, "\n", 2)[0]) {
		t.Error("the selected clause is not shown in the text")
	}

	// The header.
	if v.doc.Kind != "Kế hoạch" || !hasText(u.document, "Kế hoạch") {
		t.Errorf("header: kind %q, texts %q", v.doc.Kind, texts(u.document))
	}

	// The citation of 74-KL/TW, not in the library: what is known of it.
	link := findLink(u.document, "Kết luận số 74-KL/TW")
	if link == nil {
		t.Fatal("no link «Kết luận số 74-KL/TW»")
	}
	if link.cite.DocumentID != 0 {
		t.Fatal("74-KL/TW is in the library before its import")
	}
	test.Tap(link)
	wait(t, u.work, "the known-document dialog")
	dlg := topDialog(w)
	if dlg == nil {
		t.Fatal("no dialog after tapping the link")
	}
	for _, want := range []string{"Bộ Chính trị", "22/05/2020", notInLibrary, "Nhập tệp…"} {
		if !hasText(dlg, want) {
			t.Errorf("the dialog does not show %q: %q", want, texts(dlg))
		}
	}
	test.Tap(findButton(dlg, "Đóng"))

	// Once 74-KL/TW is imported, the same link opens it.
	kl74 := filepath.Join(t.TempDir(), "kl74.txt")
	if err := os.WriteFile(kl74, []byte(kl74Text), 0o644); err != nil {
		t.Fatal(err)
	}
	importFiles(t, u, kl74)
	if u.docView != v {
		t.Fatal("the import closed the open plan")
	}
	link = findLink(u.document, "Kết luận số 74-KL/TW")
	test.Tap(link)
	wait(t, u.work, "opening 74-KL/TW")
	k := u.docView
	if k == v || k.doc.Number != "74-KL/TW" {
		t.Fatalf("the link opened %q, want 74-KL/TW", k.doc.Number)
	}
	if len(k.citedBy) == 0 {
		t.Fatal("74-KL/TW is cited by nothing")
	}
	for _, c := range k.citedBy {
		if c.DocumentID != v.doc.ID {
			t.Errorf("cited by document %d, want the plan %d", c.DocumentID, v.doc.ID)
		}
	}
	if !hasText(u.details.content, "Được dẫn chiếu bởi") {
		t.Error("no «Được dẫn chiếu bởi» in the detail panel")
	}
	// A cited-by row opens the plan at the citing clause.
	var cl store.CitedBy
	for _, c := range k.citedBy {
		if c.Clause != "" {
			cl = c
			break
		}
	}
	if cl.Clause == "" {
		t.Fatalf("no clause of the plan cites 74-KL/TW: %+v", k.citedBy)
	}
	var row *widget.Hyperlink
	for _, x := range allObjects(u.details.content) {
		if h, ok := x.(*widget.Hyperlink); ok && h.Text == cl.Clause {
			row = h
			break
		}
	}
	if row == nil {
		t.Fatalf("no link %s in %q", cl.Clause, texts(u.details.content))
	}
	test.TapAt(row, fyne.NewPos(theme.InnerPadding()+4, theme.InnerPadding()+4)) // on the words
	wait(t, u.work, "opening the plan at the citing clause")
	if c, ok := u.docView.selectedClause(); u.docView.doc.ID != v.doc.ID || !ok || c.Address != cl.Clause {
		t.Errorf("the cited-by row opened document %d at %+v, want the plan at %s", u.docView.doc.ID, c, cl.Clause)
	}
	// Quay lại returns to 74-KL/TW.
	test.Tap(findButton(u.document, "Quay lại"))
	wait(t, u.work, "going back")
	if u.docView.doc.Number != "74-KL/TW" {
		t.Errorf("«Quay lại» went to %q, want 74-KL/TW", u.docView.doc.Number)
	}
}

func TestOpenDocumentAtClause(t *testing.T) {
	u, _ := newTestUI(t)
	v := openPlan(t, u)
	wait(t, u.openDocumentAt(v.doc.ID, "B.II.2.4"), "opening at B.II.2.4")
	if c, ok := u.docView.selectedClause(); !ok || c.Address != "B.II.2.4" {
		t.Errorf("selected %+v, want B.II.2.4", c)
	}
	// an address below any clause goes to the nearest one above it
	wait(t, u.openDocumentAt(v.doc.ID, "B.II.2.4/-99"), "opening at B.II.2.4/-99")
	if c, ok := u.docView.selectedClause(); !ok || c.Address != "B.II.2.4" {
		t.Errorf("selected %+v, want B.II.2.4", c)
	}
}

func TestLibraryFilters(t *testing.T) {
	u, _ := newTestUI(t)
	kl74 := filepath.Join(t.TempDir(), "kl74.txt")
	if err := os.WriteFile(kl74, []byte(kl74Text), 0o644); err != nil {
		t.Fatal(err)
	}
	importFiles(t, u, planKL74, kl221, kl74)
	s := u.library
	if len(s.docs) != 3 {
		t.Fatalf("the library shows %d documents, want 3", len(s.docs))
	}
	for _, h := range []string{"Loại", "Số", "Ngày", "Tiêu đề", "Cơ quan"} {
		headerButton(t, u, h)
	}
	if !slices.Contains(s.kindSel.Options, "Kết luận") || !slices.Contains(s.kindSel.Options, "Kế hoạch") {
		t.Fatalf("kind filter options %q", s.kindSel.Options)
	}
	s.kindSel.SetSelected("Kết luận")
	if len(s.docs) != 2 {
		t.Errorf("filtered on Kết luận: %d documents, want 2 (%q)", len(s.docs), titles(s.docs))
	}
	for _, d := range s.docs {
		if d.Kind != "Kết luận" {
			t.Errorf("filtered on Kết luận, shows %q", d.Kind)
		}
	}
	if !slices.Contains(s.yearSel.Options, "2020") {
		t.Fatalf("year filter options %q", s.yearSel.Options)
	}
	s.yearSel.SetSelected("2020")
	if len(s.docs) != 1 || s.docs[0].Number != "74-KL/TW" {
		t.Errorf("Kết luận of 2020: %q", titles(s.docs))
	}
	if !hasText(s.content, "1 / 3 văn bản") {
		t.Errorf("count: %q", texts(s.content))
	}
	s.kindSel.SetSelected(allKinds)
	for _, d := range s.docs {
		if docYear(d) != "2020" {
			t.Errorf("filtered on 2020, shows %q", d.Date)
		}
	}
	// the plan's text has no header: its year is unknown
	if !slices.Contains(s.yearSel.Options, unknownYear) {
		t.Errorf("year filter options %q lack %q", s.yearSel.Options, unknownYear)
	}
	s.yearSel.SetSelected(unknownYear)
	if len(s.docs) != 1 || s.docs[0].Kind != "Kế hoạch" {
		t.Errorf("documents of no known year: %q, want the plan", titles(s.docs))
	}
	s.yearSel.SetSelected(allYears)
	// sorting by number puts 74-KL/TW before 221-KL/TW
	test.Tap(headerButton(t, u, "Số"))
	var nums []string
	for _, d := range s.docs {
		nums = append(nums, d.Number)
	}
	if i, j := slices.Index(nums, "74-KL/TW"), slices.Index(nums, "221-KL/TW"); i < 0 || j < 0 || i > j {
		t.Errorf("by number: %q", nums)
	}
}

func TestSortByNumberAndDate(t *testing.T) {
	now := time.Now()
	ds := []store.Document{
		{ID: 1, Number: "221-KL/TW", Date: "2025-11-28", ImportedAt: now},
		{ID: 2, Number: "", Date: "", ImportedAt: now},
		{ID: 3, Number: "74-KL/TW", Date: "2020-05-22", ImportedAt: now},
		{ID: 4, Number: "9-KL/TW", Date: "2021-01-01", ImportedAt: now},
	}
	ids := func() (out []int64) {
		for _, d := range ds {
			out = append(out, d.ID)
		}
		return out
	}
	sortDocuments(ds, "number", true)
	if got := ids(); !slices.Equal(got, []int64{4, 3, 1, 2}) {
		t.Errorf("by number: %v", got)
	}
	sortDocuments(ds, "number", false)
	if got := ids(); !slices.Equal(got, []int64{1, 3, 4, 2}) {
		t.Errorf("by number, descending: %v", got)
	}
	sortDocuments(ds, "date", false)
	if got := ids(); !slices.Equal(got, []int64{1, 4, 3, 2}) {
		t.Errorf("by date, newest first: %v", got)
	}
}

func TestClauseBlocks(t *testing.T) {
	c := store.Clause{Address: "B.II.2.1", Label: "2.1", Level: "item", Depth: 2,
		Heading: "Về tổ chức bộ máy", Text: "Thực hiện Kết luận số 74-KL/TW, ngày 22-5-2020.\nĐoạn hai."}
	cite := store.Citation{Clause: "B.II.2.1", Number: "74-KL/TW", Text: "Kết luận số 74-KL/TW", Start: 0, End: 0}
	bs := clauseBlocks(c, []store.Citation{cite}, []store.Footnote{{Mark: "1", Text: "Chú thích"}})
	if len(bs) != 4 {
		t.Fatalf("blocks = %+v", bs)
	}
	if got := blocksText(bs[:1]); got != "2.1. Về tổ chức bộ máy" || !bs[0].runs[0].bold {
		t.Errorf("heading = %q", got)
	}
	var link *textRun
	for i, r := range bs[1].runs {
		if r.cite != nil {
			link = &bs[1].runs[i]
		}
	}
	if link == nil || link.text != "Kết luận số 74-KL/TW" {
		t.Errorf("citation run = %+v (runs %+v)", link, bs[1].runs)
	}
	if !bs[3].small || !bs[3].italic || blocksText(bs[3:]) != "(1) Chú thích" {
		t.Errorf("footnote block = %+v", bs[3])
	}
	if bs[1].indent != 2*indentStep {
		t.Errorf("indent = %v", bs[1].indent)
	}
}

func TestFlowLayoutWrapsAroundLinks(t *testing.T) {
	test.NewTempApp(t)
	cite := &store.Citation{Text: "Kết luận số 74-KL/TW", Uncertain: true}
	b := textBlock{runs: []textRun{{text: strings.Repeat("chữ ", 30)}, {text: cite.Text, cite: cite}, {text: ", hết."}}}
	for _, w := range []float32{120, 300, 2000} {
		ps, h := flowLayout([]textBlock{b}, w)
		for _, p := range ps {
			if p.x+p.width > w+1 && p.x > flowInset()+1 {
				t.Errorf("width %v: %q overflows (x %v, width %v)", w, p.text, p.x, p.width)
			}
		}
		if h <= 0 {
			t.Errorf("width %v: height %v", w, h)
		}
		var glued bool
		for i, p := range ps {
			if p.text == ",hết." || (p.text == ", hết." && i > 0 && ps[i-1].cite != nil) || strings.HasPrefix(p.text, ",") {
				glued = true
			}
		}
		if !glued {
			t.Errorf("width %v: the comma after the link is not kept: %+v", w, ps)
		}
	}
	_, narrow := flowLayout([]textBlock{b}, 120)
	_, wide := flowLayout([]textBlock{b}, 2000)
	if narrow <= wide {
		t.Errorf("narrow height %v <= wide height %v", narrow, wide)
	}
}

func TestLongDocumentScrolls(t *testing.T) {
	test.NewTempApp(t)
	rows := make([]textRow, 3000)
	for i := range rows {
		rows[i] = textRow{clause: -1, blocks: []textBlock{{runs: []textRun{{text: strings.Repeat("Nội dung điều khoản dài. ", 1+i%9)}}}}}
	}
	l := newClauseList(rows, nil)
	w := test.NewWindow(l)
	defer w.Close()
	w.Resize(fyne.NewSize(700, 600))
	start := time.Now()
	l.scrollToTop(2999)
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("scrolling to the last of 3000 clauses took %v", d)
	}
	if l.list.GetScrollOffset() <= 0 {
		t.Error("did not scroll")
	}
}
