package ui

import (
	"chidao/internal/testcorpus"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"chidao/app"
	"chidao/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

var cv174 = testcorpus.Path("text", "cv174-bcd-2025-thuc-hien-kl192-kl221.txt")

// newTaskUI is newTestUI with the library's clock fixed at now, so that
// what is overdue does not depend on the day the tests run.
func newTaskUI(t *testing.T, now time.Time) *mainUI {
	t.Helper()
	test.NewTempApp(t)
	l, err := app.Open(context.Background(), t.TempDir(), app.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	w := test.NewWindow(nil)
	u := newMainUI(w, l)
	wait(t, u.loaded, "the library list")
	w.SetContent(u.content)
	w.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(func() {
		u.shutdown()
		w.Close()
		l.Close()
	})
	return u
}

// spring2022 is after the plan's "đến cuối năm 2021" and before its 2025 deadlines.
var spring2022 = time.Date(2022, 3, 1, 9, 0, 0, 0, time.Local)

// docNamed is the id of the imported document whose file name starts with prefix.
func docNamed(t *testing.T, u *mainUI, prefix string) int64 {
	t.Helper()
	ds, err := u.l.Documents(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		if strings.HasPrefix(d.FileName, prefix) {
			return d.ID
		}
	}
	t.Fatalf("no document %s… in %q", prefix, titles(ds))
	return 0
}

// acceptAll creates every task proposed from document id.
func acceptAll(t *testing.T, u *mainUI, id int64) []int64 {
	t.Helper()
	ctx := context.Background()
	ps, err := u.l.ProposeTasks(ctx, id)
	if err != nil || len(ps) == 0 {
		t.Fatalf("proposals of %d: %d, %v", id, len(ps), err)
	}
	in := make([]store.Task, 0, len(ps))
	for _, p := range ps {
		in = append(in, app.TaskFromProposal(id, p.Proposal))
	}
	ids, err := u.l.CreateTasks(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// showTasks switches to the Nhiệm vụ screen and waits for its list.
func showTasks(t *testing.T, u *mainUI) *tasksScreen {
	t.Helper()
	u.show(navTasks)
	wait(t, u.tasks.reload(), "the task list")
	return u.tasks
}

func TestProposalsDialogCreatesTheCheckedOnes(t *testing.T) {
	u := newTaskUI(t, spring2022)
	importFiles(t, u, planKL74)
	id := docNamed(t, u, "kh-tu-2020")
	s := showTasks(t, u)
	if !hasText(s.content, "chưa có nhiệm vụ nào") {
		t.Errorf("the empty screen says %q", texts(s.content))
	}

	p := s.openProposals(id)
	wait(t, p.loaded, "the proposals")
	want, err := u.l.ProposeTasks(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.rows) != len(want) || len(want) < 3 {
		t.Fatalf("the dialog lists %d proposals, the library proposes %d", len(p.rows), len(want))
	}
	for i, r := range p.rows {
		if r.p.Clause != want[i].Clause || r.title.Text != want[i].Title || !r.check.Checked {
			t.Errorf("row %d: %s %q checked %v; want %s %q checked", i, r.p.Clause, r.title.Text, r.check.Checked, want[i].Clause, want[i].Title)
		}
	}
	if got := p.create.Text; got != fmt.Sprintf("Tạo %d nhiệm vụ", len(want)) {
		t.Errorf("the create button says %q", got)
	}
	// The assignment of B.II.2.1 to Ban Tổ chức Tỉnh ủy is among them, with its lead.
	if !hasText(p.box, "Chủ trì: Ban Tổ chức Tỉnh ủy") {
		t.Errorf("no proposal names Ban Tổ chức Tỉnh ủy as lead: %q", texts(p.box))
	}

	test.Tap(p.none)
	if !p.create.Disabled() || p.create.Text != "Tạo 0 nhiệm vụ" {
		t.Errorf("after Bỏ chọn tất cả: %q, disabled %v", p.create.Text, p.create.Disabled())
	}
	test.Tap(p.rows[0].check)
	test.Tap(p.rows[2].check)
	p.rows[0].title.SetText("Rà soát, sắp xếp tổ chức bộ máy (tên sửa tay)")
	if p.create.Text != "Tạo 2 nhiệm vụ" {
		t.Errorf("after ticking two: %q", p.create.Text)
	}
	test.Tap(p.create)
	wait(t, p.created, "creating the tasks")

	ts, err := u.l.Tasks(context.Background(), app.TaskQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, x := range ts {
		got = append(got, x.MainClause()+" "+x.Title)
	}
	wantTitles := []string{want[0].Clause + " Rà soát, sắp xếp tổ chức bộ máy (tên sửa tay)", want[2].Clause + " " + want[2].Title}
	if !slices.Equal(got, wantTitles) {
		t.Errorf("created %q, want exactly %q", got, wantTitles)
	}
	if len(s.tasks) != 2 || u.nav.buttons[navTasks].Text != "Nhiệm vụ (2)" {
		t.Errorf("the list shows %d tasks, the rail %q", len(s.tasks), u.nav.buttons[navTasks].Text)
	}

	// Proposed again, the two created say «đã có» and are not ticked.
	p2 := s.openProposals(id)
	wait(t, p2.loaded, "the proposals again")
	for i, r := range p2.rows {
		has := i == 0 || i == 2
		if (r.p.Existing != 0) != has || r.check.Checked == has {
			t.Errorf("row %d again: existing %d, checked %v", i, r.p.Existing, r.check.Checked)
		}
	}
	if !hasCanvasText(p2.box, "đã có") {
		t.Error("no «đã có» badge")
	}
	test.Tap(p2.all)
	if p2.create.Text != fmt.Sprintf("Tạo %d nhiệm vụ", len(want)-2) {
		t.Errorf("Chọn tất cả ticks %q", p2.create.Text)
	}
	p2.d.Hide()
}

func TestTaskListFilters(t *testing.T) {
	u := newTaskUI(t, spring2022)
	importFiles(t, u, planKL74)
	ids := acceptAll(t, u, docNamed(t, u, "kh-tu-2020"))
	s := showTasks(t, u)
	if len(s.tasks) != len(ids) || len(s.all) != len(ids) {
		t.Fatalf("the list shows %d tasks, %d created", len(s.tasks), len(ids))
	}
	overdue := 0
	var late app.TaskView
	for _, v := range s.all {
		if v.Overdue {
			overdue++
			late = v
		}
	}
	if overdue == 0 || overdue == len(ids) {
		t.Fatalf("%d of %d tasks overdue on %s: the test wants some", overdue, len(ids), spring2022.Format(time.DateOnly))
	}
	if u.nav.badge(navTasks) != overdue {
		t.Errorf("rail badge %d, want %d overdue", u.nav.badge(navTasks), overdue)
	}
	if !hasText(s.count, fmt.Sprintf("%d nhiệm vụ", len(ids))) || !hasText(s.count, fmt.Sprintf("%d quá hạn", overdue)) {
		t.Errorf("counts line %q", s.count.String())
	}
	// An overdue row says so in red.
	for i, v := range s.tasks {
		if v.Overdue {
			s.table.ScrollTo(widget.TableCellID{Row: i, Col: tcolDue})
			break
		}
	}
	red := false
	for _, x := range allObjects(s.table) {
		if c, ok := x.(*taskCell); ok && c.Visible() && strings.HasPrefix(c.label.Text, "Quá hạn\n") && c.label.Importance == widget.DangerImportance {
			red = true
		}
	}
	if !red {
		t.Error("no cell says «Quá hạn / N ngày» in red")
	}

	// One overdue task is done: it leaves the overdue ones.
	late.Status, late.Progress = store.StatusDone, 100
	if err := u.l.UpdateTask(context.Background(), late.Task); err != nil {
		t.Fatal(err)
	}
	wait(t, s.reload(), "reloading")

	s.statusSel.SetSelected("Hoàn thành")
	wait(t, s.work, "the status filter")
	if len(s.tasks) != 1 || s.tasks[0].ID != late.ID {
		t.Fatalf("Hoàn thành keeps %d tasks", len(s.tasks))
	}
	if !hasText(s.count, fmt.Sprintf("Lọc được 1 / %d nhiệm vụ", len(ids))) {
		t.Errorf("filtered counts line %q", s.count.String())
	}
	s.statusSel.SetSelected(allStatuses)
	wait(t, s.work, "clearing the status filter")
	s.overdue.SetChecked(true)
	wait(t, s.work, "the overdue filter")
	if len(s.tasks) != overdue-1 {
		t.Errorf("Quá hạn keeps %d tasks, want %d", len(s.tasks), overdue-1)
	}
	for _, v := range s.tasks {
		if !v.Overdue || v.ID == late.ID {
			t.Errorf("Quá hạn keeps %q (overdue %v)", v.Title, v.Overdue)
		}
	}
	if u.nav.badge(navTasks) != overdue-1 {
		t.Errorf("rail badge %d after the task was done, want %d", u.nav.badge(navTasks), overdue-1)
	}
	s.clearFilters()
	wait(t, s.work, "Bỏ lọc")
	if len(s.tasks) != len(ids) {
		t.Errorf("after Bỏ lọc: %d tasks", len(s.tasks))
	}

	// The unit filter lists the leads; the text filter folds diacritics.
	if !slices.Contains(s.unitSel.Options, "Ban Tổ chức Tỉnh ủy") {
		t.Fatalf("unit choices %q", s.unitSel.Options)
	}
	s.unitSel.SetSelected("Ban Tổ chức Tỉnh ủy")
	wait(t, s.work, "the unit filter")
	want, _ := u.l.Tasks(context.Background(), app.TaskQuery{UnitID: s.unitIDs["Ban Tổ chức Tỉnh ủy"]})
	if len(s.tasks) != len(want) || len(want) == 0 {
		t.Errorf("the unit filter keeps %d, the library %d", len(s.tasks), len(want))
	}
	s.clearFilters()
	wait(t, s.work, "Bỏ lọc")
	s.text.SetText("bien che")
	wait(t, s.work, "the text filter")
	want, _ = u.l.Tasks(context.Background(), app.TaskQuery{Text: "biên chế"})
	if len(s.tasks) != len(want) || len(want) == 0 || len(want) == len(ids) {
		t.Errorf("«bien che» keeps %d, «biên chế» in the library %d", len(s.tasks), len(want))
	}

	// Selecting a row shows the task's detail, its source clause a link.
	s.clearFilters()
	wait(t, s.work, "Bỏ lọc")
	s.tapRow(0)
	wait(t, s.detail.work, "the task detail")
	if !hasText(u.details.content, s.tasks[0].Title) || len(s.detail.sources) == 0 {
		t.Fatalf("the detail shows %q", texts(u.details.content))
	}
	link := s.detail.sources[0]
	test.TapAt(link, fyne.NewPos(theme.InnerPadding()+4, link.Size().Height/2))
	wait(t, u.work, "opening the source clause")
	if c, ok := u.docView.selectedClause(); !ok || c.Address != s.tasks[0].MainClause() {
		t.Errorf("opened at %+v, want %s", c, s.tasks[0].MainClause())
	}
	u.back()
	wait(t, s.detail.work, "the task detail again")
	if u.current != navTasks || !hasText(u.details.content, s.tasks[0].Title) {
		t.Errorf("Quay lại: screen %s, panel %q", u.current, texts(u.details.content))
	}
}

func TestAddNoteThroughTheDialog(t *testing.T) {
	u := newTaskUI(t, spring2022)
	importFiles(t, u, planKL74)
	acceptAll(t, u, docNamed(t, u, "kh-tu-2020"))
	s := showTasks(t, u)
	s.tapRow(0)
	d := s.detail
	wait(t, d.work, "the task detail")
	task := d.data.task
	if task.Status == store.StatusDone {
		t.Fatalf("task %q already done", task.Title)
	}

	file := filepath.Join(t.TempDir(), "bao-cao-6-thang.txt")
	if err := os.WriteFile(file, []byte("Báo cáo 6 tháng"), 0o644); err != nil {
		t.Fatal(err)
	}
	test.Tap(d.addNote)
	nd := d.noteDlg
	wait(t, nd.loaded, "the note dialog")
	if nd.date.Text != "01/03/2022" {
		t.Errorf("the date defaults to %q, want today 01/03/2022", nd.date.Text)
	}
	nd.reporter.SetText("Ban Tổ chức Tỉnh ủy")
	nd.body.SetText("Đã hoàn thành rà soát, sắp xếp tổ chức bộ máy theo Báo cáo số 12-BC/BTCTU.")
	nd.progress.SetValue(100)
	nd.status.SetSelected("Hoàn thành")
	nd.addFile(file)
	test.Tap(nd.save)
	wait(t, d.acted, "saving the note")

	if len(d.notes) != 1 {
		t.Fatalf("the timeline shows %d notes", len(d.notes))
	}
	n := d.notes[0].note
	if n.ReportedOn != "2022-03-01" || n.Reporter != "Ban Tổ chức Tỉnh ủy" || n.Progress != 100 || n.Status != store.StatusDone ||
		n.EvidenceNumber != "12-BC/BTCTU" || len(n.Attachments) != 1 {
		t.Errorf("saved note %+v", n)
	}
	if d.data.task.Status != store.StatusDone || d.data.task.Progress != 100 {
		t.Errorf("the task is %s at %d%% after the note", d.data.task.Status, d.data.task.Progress)
	}
	for _, want := range []string{"Đã hoàn thành rà soát", "Tiến độ 100% · Tình trạng → Hoàn thành", "12-BC/BTCTU", "bao-cao-6-thang.txt", "Ghi chú tiến độ (1)"} {
		if !hasText(u.details.content, want) {
			t.Errorf("the timeline does not show %q: %q", want, texts(u.details.content))
		}
	}
	for _, v := range s.tasks {
		if v.ID == task.ID && v.Status != store.StatusDone {
			t.Errorf("the list still shows %s", v.Status)
		}
	}

	// An empty note is refused in the dialog.
	test.Tap(d.addNote)
	empty := d.noteDlg
	wait(t, empty.loaded, "the second note dialog")
	empty.reporter.SetText("")
	test.Tap(empty.save)
	if !empty.problem.Visible() || !strings.Contains(empty.problem.Text, "Ghi chú trống") {
		t.Errorf("an empty note: %q", empty.problem.Text)
	}
	empty.d.Hide()

	// Sửa keeps the earlier version: «đã sửa» and Lịch sử.
	test.Tap(d.notes[0].edit)
	ed := d.noteDlg
	wait(t, ed.loaded, "the correction dialog")
	if ed.body.Text != n.Body || ed.status.Selected != "Hoàn thành" || len(ed.keep) != 1 {
		t.Errorf("the correction starts from %q, %q, %d files", ed.body.Text, ed.status.Selected, len(ed.keep))
	}
	ed.body.SetText("Đã hoàn thành rà soát (số liệu bổ sung).")
	test.Tap(ed.save)
	wait(t, d.acted, "saving the correction")
	if len(d.notes) != 1 || d.notes[0].note.Version != 2 || d.notes[0].history == nil || !hasCanvasText(u.details.content, "đã sửa") {
		t.Fatalf("after Sửa: %d notes, version %d", len(d.notes), d.notes[0].note.Version)
	}
	test.Tap(d.notes[0].history)
	wait(t, d.historyRun, "the history")
	if len(d.history) != 2 || d.history[0].Body != n.Body {
		t.Errorf("history %+v", d.history)
	}
	d.historyDlg.Hide()

	// Rút lại takes it off the timeline.
	wait(t, d.doRetract(d.notes[0].note.ID), "retracting")
	if len(d.notes) != 0 || !hasText(u.details.content, "Ghi chú tiến độ (0)") {
		t.Errorf("after Rút lại: %d notes", len(d.notes))
	}
	if !hasText(u.details.content, "Nhật ký thay đổi") {
		t.Error("no change log")
	}
}

func TestEditTaskDialog(t *testing.T) {
	u := newTaskUI(t, spring2022)
	importFiles(t, u, planKL74)
	acceptAll(t, u, docNamed(t, u, "kh-tu-2020"))
	s := showTasks(t, u)
	s.tapRow(1)
	d := s.detail
	wait(t, d.work, "the task detail")
	test.Tap(d.edit)
	ed := d.editDlg
	wait(t, ed.loaded, "the task dialog")
	ed.title.SetText("Tên mới của nhiệm vụ")
	ed.due.SetText("31/12/2026")
	ed.status.SetSelected("Đang thực hiện")
	ed.support.add(store.Unit{ID: "so-tai-chinh", Name: "Sở Tài chính"})
	test.Tap(ed.save)
	wait(t, d.acted, "saving the task")
	got := d.data.task
	if got.Title != "Tên mới của nhiệm vụ" || got.Due != "2026-12-31" || got.Status != store.StatusInProgress ||
		!slices.ContainsFunc(got.Support, func(x store.TaskUnit) bool { return x.Name == "Sở Tài chính" }) {
		t.Errorf("after Sửa: %+v", got.Task)
	}
	if !hasText(u.details.content, "Tên: ") {
		t.Errorf("the change log does not show the new title: %q", texts(u.details.content))
	}
	// A bad date is refused in the dialog.
	test.Tap(d.edit)
	bad := d.editDlg
	wait(t, bad.loaded, "the task dialog again")
	bad.due.SetText("31/02/2026")
	test.Tap(bad.save)
	if !bad.problem.Visible() {
		t.Error("31/02/2026 accepted")
	}
	bad.d.Hide()
}

func TestCoverageShowsGaps(t *testing.T) {
	u := newTaskUI(t, time.Date(2026, 1, 15, 9, 0, 0, 0, time.Local))
	importFiles(t, u, cv174, kl221)
	acceptAll(t, u, docNamed(t, u, "cv174"))
	s := showTasks(t, u)
	wait(t, s.showCoverage(), "the coverage view")
	c := s.coverage
	var kl string
	for _, o := range c.docSel.Options {
		if strings.Contains(o, "221-KL/TW") {
			kl = o
		}
	}
	if kl == "" {
		t.Fatalf("central documents %q lack 221-KL/TW", c.docSel.Options)
	}
	if c.docSel.Selected != kl {
		c.docSel.SetSelected(kl)
		wait(t, c.work, "the coverage of 221-KL/TW")
	}
	test.Tap(c.suggest)
	wait(t, c.work, "the suggestions")
	cov := c.cov
	if cov.Gaps == 0 || cov.Implemented == 0 {
		t.Fatalf("coverage: %d implemented, %d gaps", cov.Implemented, cov.Gaps)
	}
	sum := fmt.Sprintf("%d/%d điều khoản có văn bản thực hiện", cov.Implemented, cov.Implemented+cov.Gaps)
	if !hasText(c.content, sum) || !hasText(c.content, "Chưa có nội dung thực hiện") {
		t.Errorf("the view shows %q, want %q and the gaps", texts(c.content), sum)
	}
	gaps := 0
	for _, r := range c.rows {
		if r.clause.Gap {
			gaps++
		}
	}
	if gaps != cov.Gaps {
		t.Errorf("%d gap rows, %d gaps", gaps, cov.Gaps)
	}
	c.gapsOnly.SetChecked(true)
	if len(c.rows) != cov.Gaps {
		t.Errorf("Chỉ hiện… shows %d rows, want %d", len(c.rows), cov.Gaps)
	}
	c.gapsOnly.SetChecked(false)

	// ✓ confirms a suggested link; ✗ on a clause's only link makes a gap.
	var row *coverageRow
	for _, r := range c.rows {
		if len(r.clause.Links) == 1 && len(r.confirm) == 1 {
			row = r
			break
		}
	}
	if row == nil {
		t.Fatal("no clause with one suggested link")
	}
	addr := row.clause.Address
	id := row.clause.Links[0].ID
	test.Tap(row.confirm[id])
	wait(t, c.work, "confirming")
	for _, cc := range c.cov.Clauses {
		if cc.Address == addr && (len(cc.Links) != 1 || cc.Links[0].State != "confirmed") {
			t.Errorf("after ✓: %+v", cc.Links)
		}
	}
	if !hasCanvasText(c.content, "đã xác nhận") {
		t.Error("no «đã xác nhận» badge")
	}
	for _, r := range c.rows {
		if r.clause.Address == addr {
			test.Tap(r.remove[id])
		}
	}
	wait(t, c.work, "removing")
	if c.cov.Gaps != cov.Gaps+1 {
		t.Errorf("after ✗: %d gaps, want %d", c.cov.Gaps, cov.Gaps+1)
	}

	// Back to the list.
	s.showList()
	if s.content.Objects[0] != s.list {
		t.Error("«Danh sách nhiệm vụ» did not return to the list")
	}
}

func TestReminders(t *testing.T) {
	u := newTaskUI(t, spring2022)
	importFiles(t, u, planKL74)
	acceptAll(t, u, docNamed(t, u, "kh-tu-2020"))
	vs, err := u.l.Reminders(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	overdue, soon := 0, 0
	for _, v := range vs {
		if v.Overdue {
			overdue++
		} else {
			soon++
		}
	}
	if overdue == 0 {
		t.Fatal("nothing overdue to remind of")
	}
	want := fyne.NewNotification("chidao: nhiệm vụ cần theo dõi", reminderText(overdue, soon))
	test.AssertNotificationSent(t, want, func() { wait(t, u.remind(), "the reminders") })
	if u.nav.badge(navTasks) != overdue {
		t.Errorf("badge %d, want %d", u.nav.badge(navTasks), overdue)
	}
	if got := reminderText(2, 3); got != "2 nhiệm vụ quá hạn, 3 nhiệm vụ đến hạn trong 7 ngày" {
		t.Errorf("reminderText = %q", got)
	}
}

func TestParseDayAndNumber(t *testing.T) {
	for in, want := range map[string]string{"30/06/2026": "2026-06-30", "1/7/2026": "2026-07-01", "2026-06-30": "2026-06-30",
		"30-6-2026": "2026-06-30", "31/02/2026": "", "tháng 6": ""} {
		got, ok := parseDay(in)
		if got != want || ok != (want != "") {
			t.Errorf("parseDay(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for in, want := range map[string]float64{"8,5": 8.5, "8.5": 8.5, "1.700": 1700, "12%": 12, "1.234,5": 1234.5} {
		if got, ok := parseNumber(in); !ok || got != want {
			t.Errorf("parseNumber(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for in, want := range map[float64]string{8.5: "8,5", 1700: "1.700", 10: "10", 1234567.25: "1.234.567,25"} {
		if got := formatNumber(in); got != want {
			t.Errorf("formatNumber(%v) = %q, want %q", in, got, want)
		}
	}
}
