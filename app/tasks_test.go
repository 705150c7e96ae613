package app_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"chidao/app"
	"chidao/docs"
	"chidao/index"
	"chidao/store"
)

func day(s string) time.Time {
	d, err := time.ParseInLocation(time.DateOnly, s, time.Local)
	if err != nil {
		panic(err)
	}
	return d
}

// TestDueState: what is due and what is late, with a fixed clock.
func TestDueState(t *testing.T) {
	created := day("2026-01-10").Add(9 * time.Hour)
	for _, c := range []struct {
		name    string
		task    store.Task
		today   string
		next    string
		overdue bool
		days    int
	}{
		{"one-off, not yet due", store.Task{Due: "2026-06-30"}, "2026-06-01", "2026-06-30", false, 29},
		{"one-off, due today is not late", store.Task{Due: "2026-06-30"}, "2026-06-30", "2026-06-30", false, 0},
		{"one-off, a day late", store.Task{Due: "2026-06-30"}, "2026-07-01", "2026-06-30", true, -1},
		{"done is never late", store.Task{Due: "2021-12-31", Status: store.StatusDone}, "2026-07-01", "", false, 0},
		{"paused is never late", store.Task{Due: "2021-12-31", Status: store.StatusPaused}, "2026-07-01", "", false, 0},
		{"dropped is never late", store.Task{Due: "2021-12-31", Status: store.StatusDropped}, "2026-07-01", "", false, 0},
		{"in progress and late", store.Task{Due: "2021-12-31", Status: store.StatusInProgress}, "2026-11-26", "2021-12-31", true, -1791},
		{"no deadline", store.Task{}, "2026-07-01", "", false, 0},
		{"standing duty has nothing due", store.Task{Recurrence: "continuous"}, "2030-01-01", "", false, 0},
		{"standing duty until a deadline", store.Task{Recurrence: "continuous", Due: "2026-12-31"}, "2027-01-05", "2026-12-31", true, -5},
		{"six-monthly, first half-year not reported", store.Task{Recurrence: "semiannual"}, "2026-07-01", "2026-06-30", true, -1},
		{"six-monthly, reported after the period", store.Task{Recurrence: "semiannual", LastReport: "2026-07-05"}, "2026-07-10", "2026-12-31", false, 174},
		{"six-monthly, reported just before the end counts", store.Task{Recurrence: "semiannual", LastReport: "2026-06-20"}, "2026-07-01", "2026-12-31", false, 183},
		{"six-monthly, reported too early does not", store.Task{Recurrence: "semiannual", LastReport: "2026-06-01"}, "2026-07-01", "2026-06-30", true, -1},
		{"quarterly from the start of the period", store.Task{Recurrence: "quarterly", From: "2026-04-01"}, "2026-05-01", "2026-06-30", false, 60},
		{"monthly, February of a leap year", store.Task{Recurrence: "monthly", LastReport: "2028-01-31"}, "2028-02-10", "2028-02-29", false, 19},
		{"annual", store.Task{Recurrence: "annual", LastReport: "2025-12-28"}, "2026-03-01", "2026-12-31", false, 305},
		{"recurring stops at its deadline", store.Task{Recurrence: "annual", Due: "2026-06-30"}, "2026-03-01", "2026-06-30", false, 121},
	} {
		t.Run(c.name, func(t *testing.T) {
			tk := c.task
			tk.CreatedAt = created
			if tk.Status == "" {
				tk.Status = store.StatusNotStarted
			}
			next, overdue, days := app.DueState(tk, day(c.today))
			if next != c.next || overdue != c.overdue || days != c.days {
				t.Errorf("DueState on %s = %q, %v, %d; want %q, %v, %d", c.today, next, overdue, days, c.next, c.overdue, c.days)
			}
		})
	}
}

func findProposal(ps []app.Proposal, clause, titlePrefix string) *app.Proposal {
	for i := range ps {
		if strings.HasPrefix(ps[i].Clause, clause) && strings.HasPrefix(ps[i].Title, titlePrefix) {
			return &ps[i]
		}
	}
	return nil
}

// planTasks imports the sample plan into a library whose clock says
// 2026-11-26 and creates every proposed task.
func planTasks(t *testing.T) (*app.Library, int64, []app.TaskView) {
	t.Helper()
	needCorpus(t)
	l := openLib(t, app.Options{UserName: "van-thu", Now: func() time.Time { return day("2026-11-26").Add(10 * time.Hour) }})
	id := importPaths(t, l, filepath.Join(corpus, "text", "kh-tu-2020-thuc-hien-kl74-tw.txt"))[0].DocumentID
	ctx := context.Background()
	ps, err := l.ProposeTasks(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var accept []docs.Proposal
	for _, p := range ps {
		accept = append(accept, p.Proposal)
	}
	ids, err := l.AcceptProposals(ctx, id, accept)
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != len(ps) {
		t.Fatalf("%d tasks created from %d proposals", len(ids), len(ps))
	}
	vs, err := l.Tasks(ctx, app.TaskQuery{DocumentID: id})
	if err != nil {
		t.Fatal(err)
	}
	return l, id, vs
}

// TestSamplePlanProposals: the sample-plan requirements, through the
// library (stored paragraphs, the library's catalog).
func TestSamplePlanProposals(t *testing.T) {
	l, id, vs := planTasks(t)
	ctx := context.Background()
	ps, err := l.ProposeTasks(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.Existing == 0 {
			t.Errorf("proposal %s %q not marked as already created", p.Clause, p.Title)
		}
		if strings.HasPrefix(p.Clause, "A") || strings.HasPrefix(p.Clause, "B.I.") || p.Clause == "B/¶1" || p.Clause == "B.II/¶1" {
			t.Errorf("proposal from an assessment or purpose clause: %s %q", p.Clause, p.Title)
		}
	}
	var staff *app.TaskView
	for i, v := range vs {
		if v.Target != nil && v.Target.Amount == 10 && v.Target.Unit == "%" {
			staff = &vs[i]
		}
	}
	if staff == nil {
		t.Fatal("no task with the 10% staff reduction")
	}
	if !strings.HasPrefix(staff.MainClause(), "B.II.2.3") || staff.Due != "2021-12-31" || staff.Target.Baseline != 2015 || staff.Target.Direction != "decrease" {
		t.Errorf("staff reduction task: clause %s due %q baseline %d direction %q", staff.MainClause(), staff.Due, staff.Target.Baseline, staff.Target.Direction)
	}
	if !staff.Overdue {
		t.Errorf("a 2021 deadline not done is overdue on 2026-11-26: %+v", staff.Task)
	}
	report := findProposal(ps, "B.III.3", "")
	if report == nil || report.Recurrence != docs.RecurSemiannual || len(report.Lead) == 0 || report.Lead[0].Name != "Ban Tổ chức Tỉnh ủy" {
		t.Errorf("B.III.3: %+v", report)
	}
	if findProposal(ps, "B.II.2.2", "Thành lập Trung tâm dịch vụ nông nghiệp") == nil || findProposal(ps, "B.II.2.2", "Tiến hành sáp nhập xã Hòn Thơm") == nil {
		t.Errorf("the Phú Quốc sentence of B.II.2.2 should give two tasks")
	}
	// Search: the overdue task's clause answers trangthai:quahan.
	res, err := l.SearchClauses(ctx, index.Query{Text: "trangthai:quahan", Size: 50, Today: day("2026-11-26")})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, h := range res.Hits {
		if h.DocumentID == id && h.Address == staff.MainClause() {
			found = true
		}
	}
	if !found {
		t.Errorf("trangthai:quahan does not find %s (%d hits)", staff.MainClause(), res.Total)
	}
	// Marking the clause's tasks done takes it out of the overdue search and
	// the reminders.
	for _, v := range vs {
		if v.MainClause() == staff.MainClause() {
			done := v.Task
			done.Status = store.StatusDone
			if err := l.UpdateTask(ctx, done); err != nil {
				t.Fatal(err)
			}
		}
	}
	res, _ = l.SearchClauses(ctx, index.Query{Text: "trangthai:quahan", Size: 50, Today: day("2026-11-26")})
	for _, h := range res.Hits {
		if h.DocumentID == id && h.Address == staff.MainClause() {
			t.Errorf("a done task's clause is still found as overdue")
		}
	}
	rem, err := l.Reminders(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rem {
		if r.ID == staff.ID {
			t.Errorf("a done task is reminded")
		}
	}
}

// TestNotesAndEvidence: a note naming "Báo cáo số 12-BC/BTCTU" is linked to
// that report in the library; a correction keeps the first version; a status
// given in a note moves the task; each change is audited once.
func TestNotesAndEvidence(t *testing.T) {
	l, _, vs := planTasks(t)
	ctx := context.Background()
	report := filepath.Join(t.TempDir(), "bc12.txt")
	os.WriteFile(report, []byte("TỈNH ỦY KIÊN GIANG\nBAN TỔ CHỨC\n*\nSố 12-BC/BTCTU\n\nĐẢNG CỘNG SẢN VIỆT NAM\nRạch Giá, ngày 15 tháng 6 năm 2026\n\nBÁO CÁO\nkết quả tinh giản biên chế 6 tháng đầu năm 2026\n\nNăm 2026, toàn tỉnh đã giảm 8,5% biên chế so với năm 2015.\n"), 0o644)
	rid := importPaths(t, l, report)[0].DocumentID
	task := vs[0]
	n, err := l.AddNote(ctx, store.Note{TaskID: task.ID, ReportedOn: "2026-06-20", Reporter: "Ban Tổ chức Tỉnh ủy",
		Body: "Đã rà soát, theo Báo cáo số 12-BC/BTCTU.", Progress: 40, Status: store.StatusInProgress}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n.EvidenceNumber != "12-BC/BTCTU" || n.EvidenceDocumentID != rid {
		t.Errorf("evidence = %q doc %d, want 12-BC/BTCTU doc %d", n.EvidenceNumber, n.EvidenceDocumentID, rid)
	}
	got, _ := l.Task(ctx, task.ID)
	if got.Status != store.StatusInProgress || got.Progress != 40 || got.LastReport != "2026-06-20" {
		t.Errorf("after the note: status %s progress %d last report %q", got.Status, got.Progress, got.LastReport)
	}
	fixed, err := l.CorrectNote(ctx, n.ID, store.Note{TaskID: task.ID, ReportedOn: "2026-06-20", Reporter: "Ban Tổ chức Tỉnh ủy",
		Body: "Đã rà soát xong, theo Báo cáo số 12-BC/BTCTU.", Progress: 50}, nil)
	if err != nil {
		t.Fatal(err)
	}
	notes, _ := l.Notes(ctx, task.ID)
	if len(notes) != 1 || notes[0].Body != fixed.Body || notes[0].Version != 2 {
		t.Errorf("current notes after a correction: %+v", notes)
	}
	versions, _ := l.NoteVersions(ctx, n.Key)
	if len(versions) != 2 || versions[0].Body != n.Body {
		t.Errorf("the first version is lost: %+v", versions)
	}
	audit, _ := l.Audit(ctx, store.EntityTask, task.ID)
	fields := []string{}
	for _, a := range audit {
		fields = append(fields, a.Field)
		if a.By != "van-thu" {
			t.Errorf("audit entry by %q", a.By)
		}
	}
	want := []string{"create", "status", "progress", "progress"}
	if !slices.Equal(fields, want) {
		t.Errorf("task audit fields = %v, want %v", fields, want)
	}
	if _, err := l.AddNote(ctx, store.Note{TaskID: task.ID, Progress: -1}, nil); err == nil {
		t.Errorf("an empty note was accepted")
	}
	if _, err := l.AddNote(ctx, store.Note{TaskID: task.ID, Body: "x", ReportedOn: "30/6/2026", Progress: -1}, nil); err == nil {
		t.Errorf("a note dated %q was accepted", "30/6/2026")
	}
}

// TestCoverage: the Steering Committee's letter implementing Kết luận
// 221-KL/TW is linked clause by clause; the coverage of the conclusion lists
// implemented clauses and gaps, with the letter's tasks.
func TestCoverage(t *testing.T) {
	needCorpus(t)
	l := openLib(t, app.Options{UserName: "van-thu"})
	ctx := context.Background()
	res := byBase(importPaths(t, l, filepath.Join(corpus, "text", "kl221-tw-2025-bo-may-htct-chinh-quyen-2-cap.txt"),
		filepath.Join(corpus, "text", "cv174-bcd-2025-thuc-hien-kl192-kl221.txt")))
	central, local := res["kl221-tw-2025-bo-may-htct-chinh-quyen-2-cap.txt"].DocumentID, res["cv174-bcd-2025-thuc-hien-kl192-kl221.txt"].DocumentID
	ps, err := l.ProposeTasks(ctx, local)
	if err != nil {
		t.Fatal(err)
	}
	var accept []docs.Proposal
	for _, p := range ps {
		accept = append(accept, p.Proposal)
	}
	if _, err := l.AcceptProposals(ctx, local, accept); err != nil {
		t.Fatal(err)
	}
	ims, err := l.SuggestImplements(ctx, local)
	if err != nil {
		t.Fatal(err)
	}
	if len(ims) == 0 {
		t.Fatal("no implements-link suggested from the plan to the resolution")
	}
	cov, err := l.Coverage(ctx, central)
	if err != nil {
		t.Fatal(err)
	}
	if cov.Implemented == 0 || cov.Gaps == 0 {
		t.Errorf("coverage: %d implemented, %d gaps", cov.Implemented, cov.Gaps)
	}
	withTasks := 0
	for _, c := range cov.Clauses {
		for _, k := range c.Links {
			if k.LocalDocumentID != local {
				t.Errorf("link from document %d", k.LocalDocumentID)
			}
			if len(k.Tasks) > 0 {
				withTasks++
			}
		}
	}
	if withTasks == 0 {
		t.Errorf("no implementing clause shows its tasks")
	}
	// A removed suggestion stays removed when suggestions run again.
	if err := l.RemoveImplements(ctx, ims[0].ID); err != nil {
		t.Fatal(err)
	}
	again, _ := l.SuggestImplements(ctx, local)
	for _, k := range again {
		if k.LocalClause == ims[0].LocalClause && k.CentralClause == ims[0].CentralClause && k.State != "removed" {
			t.Errorf("a removed link came back as %s", k.State)
		}
	}
	docsList, err := l.CentralDocuments(ctx)
	if err != nil || !slices.ContainsFunc(docsList, func(d store.Document) bool { return d.ID == central }) {
		t.Errorf("central documents %v (err %v) lack the resolution", docsList, err)
	}
}

// TestAttachments: a file attached to a note is kept like an original (by
// its SHA-256, read-only), found again by AttachmentPath, verified by Check
// and copied by Backup.
func TestAttachments(t *testing.T) {
	l, _, vs := planTasks(t)
	ctx := context.Background()
	src := filepath.Join(t.TempDir(), "bien-ban.txt")
	os.WriteFile(src, []byte("Biên bản họp ngày 20/6/2026."), 0o644)
	n, err := l.AddNote(ctx, store.Note{TaskID: vs[0].ID, Body: "Kèm biên bản.", Progress: -1}, []string{src})
	if err != nil {
		t.Fatal(err)
	}
	if len(n.Attachments) != 1 || len(n.Attachments[0].SHA256) != 64 || n.Attachments[0].Name != "bien-ban.txt" {
		t.Fatalf("attachment %+v", n.Attachments)
	}
	if b, err := os.ReadFile(l.AttachmentPath(n.Attachments[0])); err != nil || string(b) != "Biên bản họp ngày 20/6/2026." {
		t.Errorf("attachment file: %q %v", b, err)
	}
	rep, err := l.Check(ctx)
	if err != nil || len(rep.Problems) > 0 {
		t.Errorf("check: %v %v", rep.Problems, err)
	}
	dest := filepath.Join(t.TempDir(), "backup")
	if err := l.Backup(ctx, dest); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "originals", n.Attachments[0].SHA256)); err != nil {
		t.Errorf("the backup lacks the attachment: %v", err)
	}
	os.Chmod(l.AttachmentPath(n.Attachments[0]), 0o644)
	os.WriteFile(l.AttachmentPath(n.Attachments[0]), []byte("đã bị sửa"), 0o644)
	if rep, _ := l.Check(ctx); len(rep.Problems) == 0 {
		t.Errorf("check does not see a changed attachment")
	}
}
