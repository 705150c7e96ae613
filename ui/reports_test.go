package ui

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"chidao/app"
	"chidao/docs"
	"chidao/report"
	"chidao/store"

	"fyne.io/fyne/v2/test"
	"golang.org/x/text/unicode/norm"
)

// june2026 is near the end of the first half of 2026, when its report is due.
var june2026 = time.Date(2026, 6, 20, 9, 0, 0, 0, time.Local)

// firstNote is the note the report of the first half of 2026 quotes.
const firstNote = "Ban Thường vụ Tỉnh ủy đã ban hành Kế hoạch sắp xếp tổ chức bộ máy, giảm 6 đầu mối."

// reportUI opens a library on june2026 holding the sample plan, its
// proposed tasks accepted and a note on the first, and shows the Báo cáo
// screen with its choices read.
func reportUI(t *testing.T) (*mainUI, *reportsScreen, int64) {
	t.Helper()
	t.Setenv("TMPDIR", t.TempDir()) // files for printing and opening go there
	u := newTaskUI(t, june2026)
	importFiles(t, u, planKL74)
	id := docNamed(t, u, "kh-tu-2020")
	ctx := context.Background()
	ps, err := u.l.ProposeTasks(ctx, id)
	if err != nil || len(ps) == 0 {
		t.Fatalf("proposals: %d, %v", len(ps), err)
	}
	in := make([]docs.Proposal, 0, len(ps))
	for _, p := range ps {
		in = append(in, p.Proposal)
	}
	ids, err := u.l.AcceptProposals(ctx, id, in)
	if err != nil || len(ids) == 0 {
		t.Fatalf("accepting: %d, %v", len(ids), err)
	}
	if _, err := u.l.AddNote(ctx, store.Note{TaskID: ids[0], ReportedOn: "2026-05-20", Reporter: "Ban Tổ chức Tỉnh ủy",
		Body: firstNote, Progress: 40, Status: store.StatusInProgress}, nil); err != nil {
		t.Fatal(err)
	}
	u.show(navReports)
	wait(t, u.reports.work, "the report choices")
	return u, u.reports, id
}

// previewShown presses Xem trước and waits for the pages.
func previewShown(t *testing.T, s *reportsScreen) *preview {
	t.Helper()
	test.Tap(s.build)
	wait(t, s.work, "the preview")
	p := s.preview
	if s.problem.Visible() {
		t.Fatalf("the form says %q", s.problem.Text)
	}
	if p.data == nil || len(p.images) == 0 {
		t.Fatalf("no pages in the preview (data %v)", p.data != nil)
	}
	return p
}

// reportText is every paragraph and cell of a report.
func reportText(r report.Report) string {
	var b strings.Builder
	b.WriteString(r.Subject + "\n")
	for _, bl := range r.Blocks {
		b.WriteString(bl.Heading + "\n" + bl.Paragraph + "\n")
		if bl.Table != nil {
			for _, row := range bl.Table.Rows {
				b.WriteString(strings.Join(row.Cells, " | ") + "\n")
			}
		}
	}
	return b.String()
}

func TestReportPreviewOfAPlan(t *testing.T) {
	u, s, id := reportUI(t)
	if s.scope.Selected != scopePlanText || s.plans[s.planSel.Selected] != id {
		t.Fatalf("scope %q, plan %q (%d), want the sample plan %d", s.scope.Selected, s.planSel.Selected, s.plans[s.planSel.Selected], id)
	}
	if s.period.Selected != "6 tháng đầu năm 2026" {
		t.Errorf("the period chosen on %s is %q", june2026.Format(time.DateOnly), s.period.Selected)
	}
	if !hasText(s.preview.content, "bấm «Xem trước»") || !s.preview.printBt.Disabled() {
		t.Errorf("before any report the preview says %q, In disabled %v", texts(s.preview.content), s.preview.printBt.Disabled())
	}
	s.group.SetSelected(groupUnitsText)
	s.notes.SetSelected(allNotesText)

	p := previewShown(t, s)
	req := p.data.Request
	if req.Scope != app.ScopePlan || req.DocumentID != id || req.Period != "h1-2026" || req.Group != app.GroupUnits ||
		!req.AllNotes || !req.Stats || !req.Overdue || req.Date != "" {
		t.Errorf("request %+v", req)
	}
	n := len(p.images)
	if got := p.pageLbl.Text; got != fmt.Sprintf("Trang 1/%d", n) {
		t.Errorf("page label %q, want Trang 1/%d", got, n)
	}
	if pdfPageCount(p.pdf) != n {
		t.Errorf("the PDF counts %d pages, %d drawn", pdfPageCount(p.pdf), n)
	}
	if !strings.Contains(p.data.Report.Subject, "6 tháng đầu năm 2026") || !strings.Contains(reportText(p.data.Report), firstNote) {
		t.Errorf("the report does not quote the note of May: %s", reportText(p.data.Report))
	}
	if !p.bannerBox.Visible() || !strings.Contains(p.banner.Text, "Bản xem trước") || p.empty.Visible() {
		t.Errorf("banner %q", p.banner.Text)
	}
	if !hasText(u.details.content, "6 tháng đầu năm 2026") || !hasText(u.details.content, "Chưa lưu") {
		t.Errorf("the detail panel says %q", texts(u.details.content))
	}
	if p.printBt.Disabled() || p.saveBt.Disabled() || !p.prevBt.Disabled() {
		t.Errorf("In disabled %v, Lưu disabled %v, Trang trước enabled %v", p.printBt.Disabled(), p.saveBt.Disabled(), !p.prevBt.Disabled())
	}
	if u.status.content.Visible() {
		t.Errorf("the status line still shows %q", u.status.label.Text)
	}
	if n < 2 {
		t.Fatalf("%d page(s): the plan's report should take more", n)
	}
	test.Tap(p.nextBt)
	if p.pageLbl.Text != fmt.Sprintf("Trang 2/%d", n) || p.scroll.Offset.Y <= 0 {
		t.Errorf("after Trang sau: %q, scrolled to %v", p.pageLbl.Text, p.scroll.Offset.Y)
	}
	test.Tap(p.prevBt)
	if p.pageLbl.Text != fmt.Sprintf("Trang 1/%d", n) {
		t.Errorf("after Trang trước: %q", p.pageLbl.Text)
	}

	// 100% draws an A4 page 794 dots wide; 50% shows it half as wide.
	wait(t, p.setZoom(1), "zoom 100%")
	if p.dpi != 96 || p.images[0].Bounds().Dx() < 790 || p.images[0].Bounds().Dx() > 800 {
		t.Errorf("at 100%%: %v dpi, %d dots wide", p.dpi, p.images[0].Bounds().Dx())
	}
	full := p.pageSize().Width
	p.zoomSel.SetSelected("75%")
	wait(t, p.work, "zoom 75%")
	if p.dpi != 72 {
		t.Errorf("at 75%%: %v dpi", p.dpi)
	}
	p.zoomSel.SetSelected("50%")
	wait(t, p.work, "zoom 50%")
	if w := p.pageSize().Width; w < full/2-2 || w > full/2+2 {
		t.Errorf("at 50%% a page is %v wide (100%%: %v)", w, full)
	}
	p.zoomSel.SetSelected(zoomFitText)
	wait(t, p.work, "Vừa trang")
	if ps, v := p.pageSize(), p.scroll.Size(); ps.Height > v.Height || ps.Width > v.Width {
		t.Errorf("Vừa trang shows a page %v in a view of %v", ps, v)
	}
	if got := p.fileBase(); got != "bao-cao-6-thang-dau-nam-2026" {
		t.Errorf("file name %q", got)
	}
}

func TestReportFormSaysWhatIsMissing(t *testing.T) {
	_, s, _ := reportUI(t)
	s.period.SetSelected(customPeriod)
	if !s.fromDay.Visible() {
		t.Fatal("Tùy chọn shows no dates")
	}
	s.fromDay.SetText("01/07/2026")
	s.toDay.SetText("30/6/2026")
	test.Tap(s.build)
	wait(t, s.work, "the refused preview")
	if !s.problem.Visible() || !strings.Contains(s.problem.Text, "đứng trước ngày đầu") {
		t.Errorf("a backwards range says %q", s.problem.Text)
	}
	s.fromDay.SetText("1/1/2026")
	s.dateMode.SetSelected(dateOtherText)
	s.dateEntry.SetText("15/07/2026")
	p := previewShown(t, s)
	if p.data.Request.Period != "2026-01-01..2026-06-30" || p.data.Request.Date != "2026-07-15" {
		t.Errorf("request %+v", p.data.Request)
	}
	if !strings.Contains(p.data.Report.Subject, "từ ngày 01/01/2026 đến ngày 30/06/2026") {
		t.Errorf("subject %q", p.data.Report.Subject)
	}

	s.scope.SetSelected(scopeUnitText)
	if !s.unitSel.Visible() || s.planSel.Visible() || len(s.unitSel.Options) == 0 {
		t.Fatalf("scope unit: unit select shown %v with %d units", s.unitSel.Visible(), len(s.unitSel.Options))
	}
	for _, o := range s.unitSel.Options {
		if o == "Ban Tổ chức Tỉnh ủy" {
			s.unitSel.SetSelected(o)
		}
	}
	p = previewShown(t, s)
	if p.data.Request.Scope != app.ScopeUnit || !strings.Contains(p.data.Report.Subject, "Ban Tổ chức Tỉnh ủy") {
		t.Errorf("unit report %q, request %+v", p.data.Report.Subject, p.data.Request)
	}
}

func TestReportSaveWritesEachFormatAndKeepsItOnce(t *testing.T) {
	u, s, _ := reportUI(t)
	p := previewShown(t, s)
	dir := t.TempDir()
	for _, c := range []struct{ name, file, magic string }{
		{"bao-cao.docx", "bao-cao.docx", "PK"},
		{"bao-cao.XLSX", "bao-cao.XLSX", "PK"},
		{"bao-cao.pdf", "bao-cao.pdf", "%PDF"},
		{"bao-cao-khong-duoi", "bao-cao-khong-duoi.pdf", "%PDF"},
	} {
		wait(t, p.saveTo(filepath.Join(dir, c.name)), "saving "+c.name)
		b, err := os.ReadFile(filepath.Join(dir, c.file))
		if err != nil || !bytes.HasPrefix(b, []byte(c.magic)) {
			t.Errorf("%s: %d bytes, %v", c.file, len(b), err)
		}
		if !strings.Contains(s.noticeText(), "Đã lưu báo cáo") {
			t.Errorf("after saving %s the status line says %q", c.name, s.noticeText())
		}
	}
	rs, err := u.l.SavedReports(context.Background())
	if err != nil || len(rs) != 1 {
		t.Fatalf("%d saved reports after four files (%v), want 1", len(rs), err)
	}
	if p.data.SavedID != rs[0].ID || !strings.Contains(p.banner.Text, "Đã lưu vào thư viện") {
		t.Errorf("the preview's saved id %d, library's %d; banner %q", p.data.SavedID, rs[0].ID, p.banner.Text)
	}
	if len(s.saved) != 1 || s.savedTab.Text != "Báo cáo đã lưu (1)" || u.nav.buttons[navReports].Text != "Báo cáo (1)" {
		t.Errorf("saved list %d, tab %q, rail %q", len(s.saved), s.savedTab.Text, u.nav.buttons[navReports].Text)
	}
	s.tabs.Select(s.savedTab)
	if !hasText(s.savedList, "6 tháng đầu năm 2026") {
		t.Errorf("the saved list shows %q", texts(s.savedList))
	}
}

func TestReopenedSavedReportPrintsAsMade(t *testing.T) {
	u, s, _ := reportUI(t)
	p := previewShown(t, s)
	made, _ := json.Marshal(p.data.Report)
	pages := len(p.images)
	wait(t, p.saveTo(filepath.Join(t.TempDir(), "bc.pdf")), "saving")

	// The data moves on: a newer note, a new office.
	ctx := context.Background()
	if _, err := u.l.AddNote(ctx, store.Note{TaskID: p.data.Tasks[0].ID, ReportedOn: "2026-06-19", Body: "Ghi chú sau khi đã lưu báo cáo.", Progress: 80}, nil); err != nil {
		t.Fatal(err)
	}
	off := app.DefaultOffice()
	off.Name = "VĂN PHÒNG"
	if err := u.l.SetReportOffice(ctx, off); err != nil {
		t.Fatal(err)
	}
	wait(t, s.reload(), "the choices")

	test.Tap(s.build) // a fresh report shows first
	wait(t, s.work, "a fresh preview")
	s.savedList.Select(0)
	wait(t, s.work, "reopening the saved report")
	// The library keeps the day it saved the report (the system's clock).
	if want := "Bản đã lưu ngày " + s.saved[0].CreatedAt.Local().Format("02/01/2006") + " — in lại đúng như khi lập"; !p.reprint() || p.banner.Text != want {
		t.Errorf("banner %q (reprint %v)", p.banner.Text, p.reprint())
	}
	again, _ := json.Marshal(p.data.Report)
	if !bytes.Equal(made, again) || len(p.images) != pages {
		t.Errorf("the saved report changed: %d pages, was %d; same report %v", len(p.images), pages, bytes.Equal(made, again))
	}
	if strings.Contains(reportText(p.data.Report), "sau khi đã lưu") || p.data.Report.Office.Name == "VĂN PHÒNG" {
		t.Error("the reopened report shows what came after it was saved")
	}
	if !hasText(u.details.content, "in lại đúng như khi lập") {
		t.Errorf("the detail panel says %q", texts(u.details.content))
	}
	// Saving a reprint writes the file but keeps no second copy.
	path := filepath.Join(t.TempDir(), "in-lai.docx")
	wait(t, p.saveTo(path), "saving the reprint")
	if _, err := os.Stat(path); err != nil {
		t.Error(err)
	}
	if rs, _ := u.l.SavedReports(ctx); len(rs) != 1 {
		t.Errorf("%d saved reports after saving a reprint, want 1", len(rs))
	}
	if !strings.Contains(s.noticeText(), "bản in lại") {
		t.Errorf("status line %q", s.noticeText())
	}
}

func TestOfficeDialogSavesTheOffice(t *testing.T) {
	u, s, _ := reportUI(t)
	p := previewShown(t, s)
	test.Tap(s.officeBt)
	o := s.offDlg
	wait(t, o.loaded, "the office")
	if o.name.Text != app.DefaultOffice().Name || o.format.Selected != officePartyText {
		t.Errorf("the dialog shows %q, %q", o.name.Text, o.format.Selected)
	}
	o.format.SetSelected(officeStateText)
	o.parent.SetText("UBND TỈNH KIÊN GIANG")
	o.name.SetText("SỞ NỘI VỤ")
	o.code.SetText("SNV")
	o.place.SetText(norm.NFD.String("Kiên Giang"))
	o.authority.SetText("KT. GIÁM ĐỐC")
	o.title.SetText("PHÓ GIÁM ĐỐC")
	o.signer.SetText(norm.NFD.String("Trần Thị Bích"))
	o.recipients.SetText("- UBND tỉnh (b/c);\n\nSở Tài chính;\nLưu: VT, TCBC.")
	if !strings.Contains(o.sample.Text, "Số:      /BC-SNV") || !strings.Contains(o.sample.Text, "Kiên Giang, ngày       tháng       năm 2026") {
		t.Errorf("sample %q", o.sample.Text)
	}
	test.Tap(o.saveBt)
	wait(t, o.saved, "saving the office")
	wait(t, s.work, "the preview built again")
	got, err := u.l.ReportOffice(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := report.Office{Format: report.State, Parent: "UBND TỈNH KIÊN GIANG", Name: "SỞ NỘI VỤ", Code: "SNV", Place: "Kiên Giang",
		Authority: "KT. GIÁM ĐỐC", Title: "PHÓ GIÁM ĐỐC", Signer: "Trần Thị Bích",
		Recipients: []string{"UBND tỉnh (b/c)", "Sở Tài chính", "Lưu: VT, TCBC."}}
	gb, _ := json.Marshal(got)
	wb, _ := json.Marshal(want)
	if !bytes.Equal(gb, wb) {
		t.Errorf("office saved\n%s\nwant\n%s", gb, wb)
	}
	if p.data.Report.Office.Name != "SỞ NỘI VỤ" || !p.data.Report.Office.IsState() {
		t.Errorf("the preview was not built again: office %+v", p.data.Report.Office)
	}
	if !hasText(u.details.content, "Trần Thị Bích") || !hasText(u.details.content, officeStateText) {
		t.Errorf("the detail panel says %q", texts(u.details.content))
	}

	// A name is required.
	o2 := s.officeDialog()
	wait(t, o2.loaded, "the office again")
	o2.name.SetText("  ")
	test.Tap(o2.saveBt)
	if !o2.problem.Visible() || !strings.Contains(o2.problem.Text, "tên cơ quan") {
		t.Errorf("an office without a name: %q", o2.problem.Text)
	}
	o2.d.Hide()
}

func TestPrintWithoutPrinterSaysWhatToDo(t *testing.T) {
	u, s, _ := reportUI(t)
	previewShown(t, s)
	t.Setenv("PATH", t.TempDir())
	u.printReport() // Ctrl+P
	wait(t, s.preview.work, "printing")
	if want := app.Reason(app.ErrNoPrinter); !hasText(topDialog(u.w), want) {
		t.Errorf("the dialog says %q, want %q", texts(topDialog(u.w)), want)
	}
	if s.preview.printBt.Disabled() {
		t.Error("In stays disabled after the failure")
	}
	if b, err := os.ReadFile(s.preview.lastPath); err != nil || !bytes.HasPrefix(b, []byte("%PDF")) ||
		!strings.HasPrefix(s.preview.lastPath, os.TempDir()) {
		t.Errorf("the file sent to print %q: %v", s.preview.lastPath, err)
	}

	// With no application to open it, «Mở bằng ứng dụng khác» says what to do.
	wait(t, s.preview.openWith(app.FormatDOCX), "opening in Word")
	if !hasText(topDialog(u.w), "Máy chưa có ứng dụng mở tệp Word") {
		t.Errorf("the dialog says %q", texts(topDialog(u.w)))
	}
	if b, err := os.ReadFile(s.preview.lastPath); err != nil || !bytes.HasPrefix(b, []byte("PK")) || filepath.Ext(s.preview.lastPath) != ".docx" {
		t.Errorf("the file to open %q: %v", s.preview.lastPath, err)
	}
}

func TestPrintBeforeAnyPreview(t *testing.T) {
	u, s, _ := reportUI(t)
	wait(t, s.preview.print(), "printing nothing")
	if !hasText(topDialog(u.w), "Chưa có báo cáo để in") {
		t.Errorf("the dialog says %q", texts(topDialog(u.w)))
	}
}

func TestReportBuildCancel(t *testing.T) {
	u, s, _ := reportUI(t)
	done := s.previewReport()
	// Hủy cancels the job's context; call only that here, as the test
	// driver runs the worker's UI updates on the worker's goroutine.
	stop := u.cancelJob
	stop()
	wait(t, done, "the cancelled build")
	if s.preview.data != nil {
		t.Skip("the report was built before Hủy was pressed")
	}
	if !strings.Contains(s.noticeText(), "Đã hủy") || u.busy {
		t.Errorf("after Hủy: status %q, busy %v", s.noticeText(), u.busy)
	}
}

func TestRenderPlanKeepsLongReportsSmall(t *testing.T) {
	r := renderPlan{zoom: 1.5, scale: 1}
	if d := r.dpi(3); d != 144 {
		t.Errorf("3 pages at 150%%: %v dpi, want 144", d)
	}
	if d := r.dpi(150); d*d*4*a4WidthInches*a4HeightInches*150 > previewBudget*1.05 || d < minPreviewDPI {
		t.Errorf("150 pages at %v dpi go past the budget", d)
	}
	for in, want := range map[string]string{"6 tháng đầu năm 2026": "6-thang-dau-nam-2026", "quý III năm 2026": "quy-iii-nam-2026",
		"từ ngày 01/01/2026 đến ngày 30/06/2026": "tu-ngay-01-01-2026-den-ngay-30-06-2026", "Đồng Tháp": "dong-thap"} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}
