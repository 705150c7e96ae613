package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// taskDocs stores two documents: a provincial plan (with a number, a clause
// tree and one automatic unit link) and a central conclusion.
func taskDocs(t *testing.T, s *Store) (local, central int64) {
	t.Helper()
	ctx := context.Background()
	d, ps := plan()
	d.Number = "57-KH/TU"
	st := &Structure{Links: []UnitLink{{Clause: "2", UnitID: "ban-to-chuc", UnitName: "Ban Tổ chức Tỉnh ủy", Role: "lead"}}}
	local, err := s.InsertDocument(ctx, &d, ps, st)
	if err != nil {
		t.Fatal(err)
	}
	c, cps := plan()
	c.SHA256 = strings.Repeat("ef", 32)
	c.Title = "Kết luận số 74-KL/TW"
	c.Number = "74-KL/TW"
	central, err = s.InsertDocument(ctx, &c, cps, &Structure{})
	if err != nil {
		t.Fatal(err)
	}
	return local, central
}

func clearOutbox(t *testing.T, s *Store) {
	t.Helper()
	ob, _ := s.Outbox(context.Background())
	var ids []int64
	for _, e := range ob {
		ids = append(ids, e.ID)
	}
	if err := s.DoneOutbox(context.Background(), ids...); err != nil {
		t.Fatal(err)
	}
}

func outboxDocs(t *testing.T, s *Store) []int64 {
	t.Helper()
	ob, err := s.Outbox(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []int64
	for _, e := range ob {
		out = append(out, e.DocumentID)
	}
	return out
}

func TestCreateReadFilterTasks(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	local, central := taskDocs(t, s)
	clearOutbox(t, s)
	decomposed := norm.NFD.String("Giảm tối thiểu 10% biên chế")
	ts := []Task{
		{DocumentID: local, Title: decomposed, Text: "Đến năm 2021, giảm tối thiểu 10% biên chế so với năm 2015",
			Clauses: []ClauseRef{{Clause: "B.II.2"}, {DocumentID: central, Clause: "3.1"}},
			Lead:    []TaskUnit{{ID: "ban-to-chuc", Name: "Ban Tổ chức Tỉnh ủy"}},
			Support: []TaskUnit{{ID: "so-noi-vu", Name: "Sở Nội vụ"}, {ID: "new:ubnd-huyen", Name: "UBND các huyện"}},
			Due:     "2021-12-31", DeadlineText: "đến năm 2021",
			Target: &Target{Text: "giảm tối thiểu 10% biên chế", Metric: "biên chế", Direction: "decrease", Amount: 10, Unit: "%",
				Minimum: true, Baseline: 2015}},
		{DocumentID: local, Title: "Báo cáo định kỳ", Clauses: []ClauseRef{{Clause: "B.III"}}, Recurrence: "annual",
			Status: StatusInProgress, Lead: []TaskUnit{{ID: "so-noi-vu", Name: "Sở Nội vụ"}}},
		{DocumentID: central, Title: "Tổng kết", Seq: 10},
		{DocumentID: central, Title: "Sau tổng kết"},
	}
	ids, err := s.CreateTasks(ctx, ts, "lan")
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != 4 {
		t.Fatalf("ids %v", ids)
	}
	if ts[0].Clauses[0].DocumentID != 0 {
		t.Error("CreateTasks changed the caller's clauses")
	}
	if got := outboxDocs(t, s); fmt.Sprint(got) != fmt.Sprint([]int64{local, central}) {
		t.Errorf("outbox %v, want [%d %d]", got, local, central)
	}

	got, err := s.Task(ctx, ids[0])
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "Giảm tối thiểu 10% biên chế" || !norm.NFC.IsNormalString(got.Title) {
		t.Errorf("title %q not NFC", got.Title)
	}
	if got.Status != StatusNotStarted || got.Seq != 1 || got.CreatedBy != "lan" || got.CreatedAt.IsZero() || got.UpdatedAt.IsZero() {
		t.Errorf("defaults: %+v", got)
	}
	if got.Number != "57-KH/TU" || got.DocTitle != "Kế hoạch thực hiện Kết luận số 74-KL/TW" {
		t.Errorf("document: %q %q", got.Number, got.DocTitle)
	}
	if len(got.Clauses) != 2 || got.Clauses[0] != (ClauseRef{local, "B.II.2"}) || got.Clauses[1] != (ClauseRef{central, "3.1"}) || got.MainClause() != "B.II.2" {
		t.Errorf("clauses %+v", got.Clauses)
	}
	if len(got.Lead) != 1 || got.Lead[0].ID != "ban-to-chuc" || len(got.Support) != 2 || got.Support[1].ID != "new:ubnd-huyen" {
		t.Errorf("units %+v %+v", got.Lead, got.Support)
	}
	if got.Target == nil || *got.Target != *ts[0].Target {
		t.Errorf("target %+v", got.Target)
	}
	if got.Due != "2021-12-31" || got.DeadlineText != "đến năm 2021" || got.LastReport != "" {
		t.Errorf("dates %+v", got)
	}
	second, _ := s.Task(ctx, ids[1])
	if second.Target != nil || second.Seq != 2 || second.Status != StatusInProgress {
		t.Errorf("second %+v", second)
	}
	third, _ := s.Task(ctx, ids[2])
	fourth, _ := s.Task(ctx, ids[3])
	if third.Seq != 10 || fourth.Seq != 11 {
		t.Errorf("seq %d %d, want 10 11", third.Seq, fourth.Seq)
	}
	if _, err := s.Task(ctx, 999); !errors.Is(err, ErrTaskNotFound) {
		t.Errorf("missing task: %v", err)
	}

	// More tasks for the same document follow the last.
	more, err := s.CreateTasks(ctx, []Task{{DocumentID: local, Title: "Thêm"}}, "lan")
	if err != nil {
		t.Fatal(err)
	}
	if m, _ := s.Task(ctx, more[0]); m.Seq != 3 {
		t.Errorf("seq %d, want 3", m.Seq)
	}

	count := func(f TaskFilter) []int64 {
		t.Helper()
		ts, err := s.Tasks(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var out []int64
		for _, t := range ts {
			out = append(out, t.ID)
		}
		return out
	}
	for _, c := range []struct {
		name string
		f    TaskFilter
		want []int64
	}{
		{"all", TaskFilter{}, []int64{ids[0], ids[1], more[0], ids[2], ids[3]}},
		{"document", TaskFilter{DocumentID: central}, []int64{ids[2], ids[3]}},
		{"lead or support", TaskFilter{UnitID: "so-noi-vu"}, []int64{ids[0], ids[1]}},
		{"lead only", TaskFilter{UnitID: "ban-to-chuc"}, []int64{ids[0]}},
		{"statuses", TaskFilter{Statuses: []string{StatusInProgress, StatusDone}}, []int64{ids[1]}},
		{"clause of another document", TaskFilter{Clause: &ClauseRef{DocumentID: central, Clause: "3.1"}}, []int64{ids[0]}},
		{"clause, any document", TaskFilter{Clause: &ClauseRef{Clause: "B.III"}}, []int64{ids[1]}},
		{"combined", TaskFilter{DocumentID: local, UnitID: "so-noi-vu", Statuses: []string{StatusNotStarted}}, []int64{ids[0]}},
	} {
		if got := count(c.f); fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}

	// Refused: no title, a bad date, a bad status; nothing is stored.
	for _, bad := range []Task{
		{DocumentID: local, Title: "  "},
		{DocumentID: local, Title: "x", Due: "31/12/2021"},
		{DocumentID: local, Title: "x", Status: "xong"},
		{DocumentID: local, Title: "x", Progress: 120},
		{DocumentID: 999, Title: "x"},
	} {
		if _, err := s.CreateTasks(ctx, []Task{{DocumentID: local, Title: "good"}, bad}, "lan"); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
	if n := len(count(TaskFilter{})); n != 5 {
		t.Errorf("%d tasks after refused batches, want 5", n)
	}
}

func TestTasksBulk(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	local, central := taskDocs(t, s)
	const n = 2000
	ts := make([]Task, n)
	for i := range ts {
		doc := local
		if i%2 == 1 {
			doc = central
		}
		ts[i] = Task{DocumentID: doc, Title: fmt.Sprintf("Nhiệm vụ %d", i),
			Clauses: []ClauseRef{{Clause: fmt.Sprintf("%d", i)}},
			Lead:    []TaskUnit{{ID: fmt.Sprintf("u%d", i%7), Name: fmt.Sprintf("Đơn vị %d", i%7)}},
			Support: []TaskUnit{{ID: fmt.Sprintf("u%d", (i+1)%7), Name: "a"}, {ID: fmt.Sprintf("t%d", i), Name: "b"}}}
	}
	ids, err := s.CreateTasks(ctx, ts, "lan")
	if err != nil {
		t.Fatal(err)
	}
	// Notes on some tasks: the latest current one is the last report.
	for i := 0; i < n; i += 100 {
		s.AddNote(ctx, Note{TaskID: ids[i], ReportedOn: "2024-01-02", Progress: -1, Body: "a"}, "lan")
		s.AddNote(ctx, Note{TaskID: ids[i], ReportedOn: "2024-03-04", Progress: -1, Body: "b"}, "lan")
	}
	all, err := s.Tasks(ctx, TaskFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != n {
		t.Fatalf("%d tasks, want %d", len(all), n)
	}
	byID := map[int64]int{}
	for i, id := range ids {
		byID[id] = i
	}
	for _, got := range all {
		i := byID[got.ID]
		if got.Title != ts[i].Title || len(got.Lead) != 1 || got.Lead[0] != ts[i].Lead[0] ||
			len(got.Support) != 2 || got.Support[0] != ts[i].Support[0] || got.Support[1] != ts[i].Support[1] ||
			len(got.Clauses) != 1 || got.Clauses[0].Clause != ts[i].Clauses[0].Clause || got.Clauses[0].DocumentID != ts[i].DocumentID {
			t.Fatalf("task %d: %+v", i, got)
		}
		want := ""
		if i%100 == 0 {
			want = "2024-03-04"
		}
		if got.LastReport != want {
			t.Fatalf("task %d: last report %q, want %q", i, got.LastReport, want)
		}
	}
	// Ordered by document, then seq.
	for k := 1; k < len(all); k++ {
		a, b := all[k-1], all[k]
		if a.DocumentID > b.DocumentID || a.DocumentID == b.DocumentID && a.Seq >= b.Seq {
			t.Fatalf("order: %d/%d before %d/%d", a.DocumentID, a.Seq, b.DocumentID, b.Seq)
		}
	}
	u3, _ := s.Tasks(ctx, TaskFilter{UnitID: "u3"})
	want := 0
	for i := range n {
		if i%7 == 3 || (i+1)%7 == 3 {
			want++
		}
	}
	if len(u3) != want {
		t.Errorf("unit u3: %d tasks, want %d", len(u3), want)
	}
}

// wantAudit compares the audit log from row from on with want, written
// "entity id field old → new".
func wantAudit(t *testing.T, s *Store, from int, want []string) {
	t.Helper()
	log, err := s.Audit(context.Background(), "", 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range log[from:] {
		got = append(got, fmt.Sprintf("%s %d %s %s → %s", e.Entity, e.EntityID, e.Field, e.Old, e.New))
		if e.By != "lan" || e.At.IsZero() {
			t.Errorf("audit row %d: by %q at %v", e.ID, e.By, e.At)
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("audit log:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestAuditLog follows the issue: every change leaves one entry per changed
// field, in order, with old and new values and who made it; notes cannot be
// lost by editing.
func TestAuditLog(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	local, central := taskDocs(t, s)
	if err := s.ReplaceAutoImplements(ctx, local, []Implements{{LocalClause: "2", CentralDocumentID: central, CentralClause: "1"}}); err != nil {
		t.Fatal(err)
	}
	if log, _ := s.Audit(ctx, "", 0); len(log) != 0 {
		t.Fatalf("suggestions audited: %+v", log)
	}
	const by = "lan"
	ids, err := s.CreateTasks(ctx, []Task{{DocumentID: local, Title: "Rà soát biên chế", Clauses: []ClauseRef{{Clause: "2"}},
		Lead: []TaskUnit{{ID: "ban-to-chuc", Name: "Ban Tổ chức Tỉnh ủy"}}}}, by)
	if err != nil {
		t.Fatal(err)
	}
	id := ids[0]
	update := func(edit func(*Task)) {
		t.Helper()
		task, err := s.Task(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		edit(&task)
		if err := s.UpdateTask(ctx, task, by); err != nil {
			t.Fatal(err)
		}
	}
	update(func(t *Task) { t.Title = "Rà soát, sắp xếp biên chế" })
	update(func(t *Task) { t.Status = StatusInProgress })
	update(func(t *Task) {
		t.Lead = []TaskUnit{{ID: "so-noi-vu", Name: "Sở Nội vụ"}}
		t.Support = []TaskUnit{{ID: "ban-to-chuc", Name: "Ban Tổ chức Tỉnh ủy"}, {ID: "so-tai-chinh", Name: "Sở Tài chính"}}
	})
	update(func(t *Task) {})                                                                // no change: no row
	update(func(t *Task) { t.Target = &Target{Metric: "biên chế", Amount: 10, Unit: "%"} }) // target as JSON
	task, _ := s.Task(ctx, id)
	task.Status = "xong"
	if err := s.UpdateTask(ctx, task, by); err == nil {
		t.Error("an unknown status was saved")
	}
	if err := s.UpdateTask(ctx, Task{ID: 999, Title: "x", Status: StatusDone}, by); !errors.Is(err, ErrTaskNotFound) {
		t.Errorf("missing task: %v", err)
	}

	n1, err := s.AddNote(ctx, Note{TaskID: id, ReportedOn: "2024-05-02", Reporter: "Sở Nội vụ", Body: "Đã ban hành kế hoạch", Progress: 30}, by)
	if err != nil {
		t.Fatal(err)
	}
	key := n1.Key
	if key != n1.ID || n1.Version != 1 {
		t.Fatalf("first version %+v", n1)
	}
	n2, err := s.CorrectNote(ctx, n1.ID, Note{ReportedOn: "2024-05-02", Reporter: "Sở Nội vụ", Body: "Đã ban hành Kế hoạch số 12", Progress: 30}, by)
	if err != nil {
		t.Fatal(err)
	}
	n3, err := s.CorrectNote(ctx, n2.ID, Note{ReportedOn: "2024-05-03", Reporter: "Sở Nội vụ", Body: "Đã ban hành Kế hoạch số 12",
		Progress: 40, Status: StatusDone}, by)
	if err != nil {
		t.Fatal(err)
	}
	if n3.Key != key || n3.Version != 3 {
		t.Fatalf("third version %+v", n3)
	}
	n4, err := s.RetractNote(ctx, n3.ID, by)
	if err != nil || !n4.Retracted || n4.Version != 4 || n4.Body != n3.Body {
		t.Fatalf("retracted %+v %v", n4, err)
	}
	vid, err := s.RecordTargetValue(ctx, TargetValue{TaskID: id, AsOf: "2024-06-30", Value: 9.5}, by)
	if err != nil {
		t.Fatal(err)
	}

	imps, _ := s.ImplementsOfLocal(ctx, local)
	imp := imps[0].ID
	if err := s.SetImplementsState(ctx, imp, "confirmed", by); err != nil {
		t.Fatal(err)
	}
	if err := s.SetImplementsState(ctx, imp, "removed", by); err != nil {
		t.Fatal(err)
	}
	if err := s.SetImplementsState(ctx, imp, "removed", by); err != nil { // no change: no row
		t.Fatal(err)
	}
	imp2, err := s.AddImplements(ctx, Implements{LocalDocumentID: local, LocalClause: "B.III", CentralDocumentID: central, CentralClause: "2"}, by)
	if err != nil {
		t.Fatal(err)
	}

	links, _ := s.DocumentLinks(ctx, local)
	link := links[0].ID
	if err := s.SetLinkState(ctx, link, "confirmed", "", by); err != nil {
		t.Fatal(err)
	}
	if err := s.SetLinkState(ctx, link, "removed", "support", by); err != nil {
		t.Fatal(err)
	}
	link2, err := s.AddLink(ctx, UnitLink{DocumentID: local, Clause: "2", UnitID: "so-noi-vu", UnitName: "Sở Nội vụ", Role: "lead"}, by)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddLink(ctx, UnitLink{DocumentID: local, Clause: "2", UnitID: "so-noi-vu", UnitName: "Sở Nội vụ", Role: "lead"}, by); err != nil {
		t.Fatal(err) // already confirmed: no row
	}

	wantAudit(t, s, 0, []string{
		fmt.Sprintf("task %d create  → Rà soát biên chế", id),
		fmt.Sprintf("task %d title Rà soát biên chế → Rà soát, sắp xếp biên chế", id),
		fmt.Sprintf("task %d status chua_trien_khai → dang_thuc_hien", id),
		fmt.Sprintf("task %d lead Ban Tổ chức Tỉnh ủy → Sở Nội vụ", id),
		fmt.Sprintf("task %d support  → Ban Tổ chức Tỉnh ủy; Sở Tài chính", id),
		fmt.Sprintf(`task %d target  → {"text":"","metric":"biên chế","direction":"","amount":10,"unit":"%%","minimum":false,"baseline":0,"baseline_value":0}`, id),
		fmt.Sprintf("note %d create  → Đã ban hành kế hoạch", key),
		fmt.Sprintf("task %d progress 0 → 30", id),
		fmt.Sprintf("note %d body Đã ban hành kế hoạch → Đã ban hành Kế hoạch số 12", key),
		fmt.Sprintf("note %d reported_on 2024-05-02 → 2024-05-03", key),
		fmt.Sprintf("note %d progress 30 → 40", key),
		fmt.Sprintf("note %d status  → hoan_thanh", key),
		fmt.Sprintf("task %d status dang_thuc_hien → hoan_thanh", id),
		fmt.Sprintf("task %d progress 30 → 40", id),
		fmt.Sprintf("note %d retracted false → true", key),
		fmt.Sprintf("target_value %d create  → 9.5", vid),
		fmt.Sprintf("implements %d state proposed → confirmed", imp),
		fmt.Sprintf("implements %d state confirmed → removed", imp),
		fmt.Sprintf("implements %d create  → B.III → #%d 2", imp2, central),
		fmt.Sprintf("unit_link %d state proposed → confirmed", link),
		fmt.Sprintf("unit_link %d state confirmed → removed", link),
		fmt.Sprintf("unit_link %d role lead → support", link),
		fmt.Sprintf("unit_link %d create  → 2 · lead · Sở Nội vụ [so-noi-vu]", link2),
	})

	// One entity's log.
	noteLog, _ := s.Audit(ctx, EntityNote, key)
	if len(noteLog) != 6 {
		t.Errorf("%d rows for the note, want 6", len(noteLog))
	}
	// The log itself cannot be edited.
	if _, err := s.DB().Exec("UPDATE audit SET new = 'x'"); err == nil {
		t.Error("the audit log was updated")
	}
	if _, err := s.DB().Exec("DELETE FROM audit"); err == nil {
		t.Error("the audit log was deleted")
	}

	// Merging units audits every link of the unit dropped.
	before, _ := s.Audit(ctx, "", 0)
	if _, err := s.AddLink(ctx, UnitLink{DocumentID: local, Clause: "B.III", UnitID: "sở-nv-cu", UnitName: "Sở Nội vụ (cũ)", Role: "lead"}, by); err != nil {
		t.Fatal(err)
	}
	dup, _ := s.AddLink(ctx, UnitLink{DocumentID: local, Clause: "2", UnitID: "sở-nv-cu", UnitName: "Sở Nội vụ (cũ)", Role: "lead"}, by)
	if err := s.MergeUnitLinksBy(ctx, "so-noi-vu", "sở-nv-cu", "Sở Nội vụ", by); err != nil {
		t.Fatal(err)
	}
	after, _ := s.Audit(ctx, "", 0)
	moved := after[len(before)].EntityID
	wantAudit(t, s, len(before), []string{
		fmt.Sprintf("unit_link %d create  → B.III · lead · Sở Nội vụ (cũ) [sở-nv-cu]", moved),
		fmt.Sprintf("unit_link %d create  → 2 · lead · Sở Nội vụ (cũ) [sở-nv-cu]", dup),
		fmt.Sprintf("unit_link %d unit_id sở-nv-cu → so-noi-vu", moved),
		fmt.Sprintf("unit_link %d merged_into  → %d", dup, link2),
	})
}

func TestNotesAppendOnly(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	local, _ := taskDocs(t, s)
	ids, _ := s.CreateTasks(ctx, []Task{{DocumentID: local, Title: "Rà soát"}}, "lan")
	id := ids[0]
	clearOutbox(t, s)
	att := Attachment{SHA256: strings.Repeat("12", 32), Name: "bao-cao.pdf", Size: 1234}
	n1, err := s.AddNote(ctx, Note{TaskID: id, ReportedOn: "2024-05-02", Body: "Bản đầu", Progress: -1, Status: StatusInProgress,
		EvidenceNumber: "12-BC/BTCTU", Attachments: []Attachment{att, att}}, "lan")
	if err != nil {
		t.Fatal(err)
	}
	if len(n1.Attachments) != 1 || n1.Attachments[0] != att || n1.EvidenceNumber != "12-BC/BTCTU" || n1.CreatedBy != "lan" {
		t.Fatalf("note %+v", n1)
	}
	if got := outboxDocs(t, s); len(got) != 1 || got[0] != local {
		t.Errorf("outbox %v", got)
	}
	if task, _ := s.Task(ctx, id); task.Status != StatusInProgress || task.Progress != 0 || task.LastReport != "2024-05-02" {
		t.Errorf("task after note: %+v", task)
	}
	other, _ := s.AddNote(ctx, Note{TaskID: id, ReportedOn: "2024-04-01", Body: "Cũ hơn", Progress: -1}, "lan")

	for _, q := range []string{
		"UPDATE notes SET body = 'sửa lén'",
		"UPDATE notes SET retracted = 1 WHERE id = 1",
		"DELETE FROM notes",
		"DELETE FROM notes WHERE id = 1",
	} {
		if _, err := s.DB().Exec(q); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: %v", q, err)
		}
	}

	n2, err := s.CorrectNote(ctx, n1.ID, Note{ReportedOn: "2024-05-02", Body: "Bản sửa lần một", Progress: -1, Status: StatusInProgress,
		EvidenceNumber: "12-BC/BTCTU", Attachments: []Attachment{att}}, "lan")
	if err != nil {
		t.Fatal(err)
	}
	n3, err := s.CorrectNote(ctx, n2.ID, Note{ReportedOn: "2024-05-06", Body: "Bản sửa lần hai", Progress: 50}, "lan")
	if err != nil {
		t.Fatal(err)
	}
	if len(n3.Attachments) != 0 || n3.Status != "" || n3.Progress != 50 {
		t.Errorf("third version %+v", n3)
	}
	// Correcting an older version is refused.
	if _, err := s.CorrectNote(ctx, n1.ID, Note{Body: "muộn", Progress: -1}, "lan"); !errors.Is(err, ErrNoteSuperseded) {
		t.Errorf("superseded correction: %v", err)
	}
	if _, err := s.RetractNote(ctx, n2.ID, "lan"); !errors.Is(err, ErrNoteSuperseded) {
		t.Errorf("superseded retraction: %v", err)
	}
	if _, err := s.CorrectNote(ctx, 999, Note{Body: "x", Progress: -1}, "lan"); !errors.Is(err, ErrNoteNotFound) {
		t.Errorf("missing note: %v", err)
	}
	// A correction that changes nothing writes nothing.
	same, err := s.CorrectNote(ctx, n3.ID, Note{ReportedOn: "2024-05-06", Body: "Bản sửa lần hai", Progress: 50}, "lan")
	if err != nil || same.ID != n3.ID {
		t.Errorf("empty correction: %+v %v", same, err)
	}

	vs, err := s.NoteVersions(ctx, n1.Key)
	if err != nil {
		t.Fatal(err)
	}
	var bodies []string
	for _, v := range vs {
		bodies = append(bodies, fmt.Sprintf("%d:%s:%d", v.Version, v.Body, len(v.Attachments)))
		if v.Key != n1.Key || v.TaskID != id {
			t.Errorf("version %+v", v)
		}
	}
	if got := strings.Join(bodies, " | "); got != "1:Bản đầu:1 | 2:Bản sửa lần một:1 | 3:Bản sửa lần hai:0" {
		t.Errorf("versions: %s", got)
	}
	ns, _ := s.Notes(ctx, id)
	if len(ns) != 2 || ns[0].ID != n3.ID || ns[1].ID != other.ID {
		t.Fatalf("notes %+v", ns)
	}
	if task, _ := s.Task(ctx, id); task.Progress != 50 || task.LastReport != "2024-05-06" {
		t.Errorf("task after corrections: %+v", task)
	}

	// Retracted: gone from Notes, every version still readable.
	r, err := s.RetractNote(ctx, n3.ID, "lan")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CorrectNote(ctx, r.ID, Note{Body: "x", Progress: -1}, "lan"); !errors.Is(err, ErrNoteRetracted) {
		t.Errorf("correcting a retracted note: %v", err)
	}
	ns, _ = s.Notes(ctx, id)
	if len(ns) != 1 || ns[0].ID != other.ID {
		t.Errorf("notes after retraction %+v", ns)
	}
	if vs, _ := s.NoteVersions(ctx, n1.Key); len(vs) != 4 || !vs[3].Retracted || vs[2].Retracted {
		t.Errorf("versions after retraction: %+v", vs)
	}
	if task, _ := s.Task(ctx, id); task.LastReport != "2024-04-01" {
		t.Errorf("last report after retraction %q", task.LastReport)
	}
	var rows int
	s.DB().QueryRow("SELECT count(*) FROM notes").Scan(&rows)
	if rows != 5 {
		t.Errorf("%d note rows, want 5", rows)
	}
	if _, err := s.NoteVersions(ctx, 999); !errors.Is(err, ErrNoteNotFound) {
		t.Errorf("missing key: %v", err)
	}

	// Refused notes.
	for _, bad := range []Note{
		{TaskID: 999, Body: "x", Progress: -1},
		{TaskID: id, Body: "x", Progress: 101},
		{TaskID: id, Body: "x", Progress: -1, ReportedOn: "02/05/2024"},
		{TaskID: id, Body: "x", Progress: -1, Status: "xong"},
	} {
		if _, err := s.AddNote(ctx, bad, "lan"); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
	// Defaults to today.
	today, err := s.AddNote(ctx, Note{TaskID: id, Body: "hôm nay", Progress: -1}, "lan")
	if err != nil || !isISODate(today.ReportedOn) {
		t.Errorf("today: %+v %v", today, err)
	}
}

func TestNotesOfTasks(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	local, _ := taskDocs(t, s)
	ids, _ := s.CreateTasks(ctx, []Task{{DocumentID: local, Title: "Một"}, {DocumentID: local, Title: "Hai"}, {DocumentID: local, Title: "Ba"}}, "lan")
	add := func(task int64, on, body string) Note {
		t.Helper()
		n, err := s.AddNote(ctx, Note{TaskID: task, ReportedOn: on, Body: body, Progress: -1}, "lan")
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	add(ids[0], "2024-01-10", "a-jan")
	add(ids[0], "2024-02-15", "a-feb")
	add(ids[0], "2024-03-31", "a-mar")
	gone := add(ids[1], "2024-02-20", "b-retracted")
	s.RetractNote(ctx, gone.ID, "lan")
	moved := add(ids[1], "2024-02-21", "b-moved")
	s.CorrectNote(ctx, moved.ID, Note{ReportedOn: "2024-04-02", Body: "b-moved", Progress: -1}, "lan")
	add(ids[1], "2024-02-01", "b-feb")
	add(ids[2], "2024-02-10", "c-feb")

	show := func(m map[int64][]Note) string {
		var parts []string
		for _, id := range ids {
			var bs []string
			for _, n := range m[id] {
				bs = append(bs, n.Body)
			}
			parts = append(parts, strings.Join(bs, ","))
		}
		return strings.Join(parts, " / ")
	}
	for _, c := range []struct {
		ids      []int64
		from, to string
		want     string
	}{
		{ids[:2], "2024-02-01", "2024-03-31", "a-mar,a-feb / b-feb / "},
		{ids, "", "2024-02-01", "a-jan / b-feb / "},
		{ids, "2024-03-01", "", "a-mar / b-moved / "},
		{ids, "", "", "a-mar,a-feb,a-jan / b-moved,b-feb / c-feb"},
		{nil, "", "", " /  / "},
	} {
		m, err := s.NotesOfTasks(ctx, c.ids, c.from, c.to)
		if err != nil {
			t.Fatal(err)
		}
		if got := show(m); got != c.want {
			t.Errorf("%v %q..%q: %s, want %s", c.ids, c.from, c.to, got, c.want)
		}
	}
}

func TestTargetValues(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	local, _ := taskDocs(t, s)
	ids, _ := s.CreateTasks(ctx, []Task{{DocumentID: local, Title: "Giảm biên chế", Target: &Target{Amount: 10, Unit: "%"}}}, "lan")
	s.RecordTargetValue(ctx, TargetValue{TaskID: ids[0], AsOf: "2021-12-31", Value: 10.2, Comment: "đạt"}, "lan")
	s.RecordTargetValue(ctx, TargetValue{TaskID: ids[0], AsOf: "2020-12-31", Value: 6}, "lan")
	vs, err := s.TargetValues(ctx, ids[0])
	if err != nil || len(vs) != 2 || vs[0].AsOf != "2020-12-31" || vs[1].Value != 10.2 || vs[1].Comment != "đạt" || vs[1].RecordedBy != "lan" {
		t.Fatalf("values %+v %v", vs, err)
	}
	if _, err := s.RecordTargetValue(ctx, TargetValue{TaskID: 999, Value: 1}, "lan"); !errors.Is(err, ErrTaskNotFound) {
		t.Errorf("missing task: %v", err)
	}
	if _, err := s.RecordTargetValue(ctx, TargetValue{TaskID: ids[0], AsOf: "cuối năm", Value: 1}, "lan"); err == nil {
		t.Error("a bad date was accepted")
	}
}

func TestReplaceAutoImplementsKeepsPeoplesChoices(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	local, central := taskDocs(t, s)
	sug := func(clauses ...string) []Implements {
		var out []Implements
		for _, c := range clauses {
			out = append(out, Implements{LocalClause: c, CentralDocumentID: central, CentralClause: "c" + c, Score: 0.5})
		}
		return out
	}
	if err := s.ReplaceAutoImplements(ctx, local, sug("1", "2", "3")); err != nil {
		t.Fatal(err)
	}
	first, _ := s.ImplementsOfLocal(ctx, local)
	if len(first) != 3 || first[0].Origin != "auto" || first[0].State != "proposed" || first[0].Score != 0.5 {
		t.Fatalf("first %+v", first)
	}
	s.SetImplementsState(ctx, first[0].ID, "confirmed", "lan")
	s.SetImplementsState(ctx, first[1].ID, "removed", "lan")
	manual, err := s.AddImplements(ctx, Implements{LocalDocumentID: local, LocalClause: "9", CentralDocumentID: central, CentralClause: "c9"}, "lan")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ReplaceAutoImplements(ctx, local, sug("1", "2", "3", "4", "9")); err != nil {
		t.Fatal(err)
	}
	state := func() string {
		t.Helper()
		ims, err := s.ImplementsOfLocal(ctx, local)
		if err != nil {
			t.Fatal(err)
		}
		var parts []string
		for _, im := range ims {
			parts = append(parts, im.LocalClause+":"+im.Origin+":"+im.State)
		}
		return strings.Join(parts, " ")
	}
	if got := state(); got != "1:auto:confirmed 2:auto:removed 9:manual:confirmed 3:auto:proposed 4:auto:proposed" {
		t.Errorf("after replace: %s", got)
	}
	if err := s.ReplaceAutoImplements(ctx, local, nil); err != nil {
		t.Fatal(err)
	}
	if got := state(); got != "1:auto:confirmed 2:auto:removed 9:manual:confirmed" {
		t.Errorf("after empty replace: %s", got)
	}
	// Adding a removed suggestion by hand confirms it.
	id, err := s.AddImplements(ctx, Implements{LocalDocumentID: local, LocalClause: "2", CentralDocumentID: central, CentralClause: "c2"}, "lan")
	if err != nil || id != first[1].ID {
		t.Errorf("re-added %d %v, want %d", id, err, first[1].ID)
	}
	cs, _ := s.ImplementsOfCentral(ctx, central)
	if len(cs) != 3 || cs[1].State != "confirmed" || cs[2].ID != manual || cs[1].ChangedBy != "lan" {
		t.Errorf("of central %+v", cs)
	}
	if err := s.SetImplementsState(ctx, id, "gone", "lan"); err == nil {
		t.Error("an unknown state was accepted")
	}
	if err := s.SetImplementsState(ctx, 999, "confirmed", "lan"); !errors.Is(err, ErrImplementsNotFound) {
		t.Errorf("missing link: %v", err)
	}
}
