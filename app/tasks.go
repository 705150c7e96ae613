package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"chidao/docs"
	"chidao/index/analysis"
	"chidao/store"

	"golang.org/x/text/unicode/norm"
)

// Proposal is a task chidao proposes from a directive of a library document;
// Existing is the id of a task already created from it (0 when none).
type Proposal struct {
	docs.Proposal
	Existing int64 `json:"existing,omitempty"`
}

// ProposeFile proposes the tasks of a file without a library (the default
// unit catalog), as `tasks propose FILE` does.
func ProposeFile(ctx context.Context, path string, opts Options) ([]docs.Proposal, error) {
	_, p, err := Inspect(ctx, path, opts)
	if err != nil {
		return nil, err
	}
	cat, err := DefaultCatalog()
	if err != nil {
		return nil, err
	}
	return docs.ProposeTasks(p, cat), nil
}

// ProposeTasks proposes the tasks of a stored document; nothing is created
// until the clerk accepts (AcceptProposals).
func (l *Library) ProposeTasks(ctx context.Context, docID int64) ([]Proposal, error) {
	paras, err := l.store.Paragraphs(ctx, docID)
	if err != nil {
		return nil, err
	}
	cat, err := l.catalog(ctx)
	if err != nil {
		return nil, err
	}
	have, err := l.store.Tasks(ctx, store.TaskFilter{DocumentID: docID})
	if err != nil {
		return nil, err
	}
	ps := docs.ProposeTasks(docs.Parse(toDocsParagraphs(paras)), cat)
	out := make([]Proposal, len(ps))
	for i, p := range ps {
		out[i].Proposal = p
		for _, t := range have {
			if t.MainClause() == p.Clause && (t.Text == p.Text || t.Title == p.Title) {
				out[i].Existing = t.ID
				break
			}
		}
	}
	return out, nil
}

// TaskFromProposal turns a proposal of document docID into a task to create.
func TaskFromProposal(docID int64, p docs.Proposal) store.Task {
	t := store.Task{DocumentID: docID, Title: p.Title, Text: p.Text,
		Clauses: []store.ClauseRef{{DocumentID: docID, Clause: p.Clause}}, Recurrence: string(p.Recurrence),
		Lead: taskUnits(p.Lead), Support: taskUnits(p.Support)}
	if d := p.Deadline; d != nil {
		t.DeadlineText = d.Text
		t.Due, t.From = isoDate(d.Due), isoDate(d.From)
	}
	if t.DeadlineText == "" && p.Recurrence != "" {
		t.DeadlineText = recurrenceWords(p)
	}
	if g := p.Target; g != nil {
		t.Target = &store.Target{Text: g.Text, Metric: g.Metric, Direction: g.Direction, Amount: g.Amount,
			Unit: g.Unit, Minimum: g.Minimum, Baseline: g.Baseline}
		if t.Due == "" && g.Deadline != nil {
			t.Due, t.From, t.DeadlineText = isoDate(g.Deadline.Due), isoDate(g.Deadline.From), g.Deadline.Text
		}
	}
	return t
}

// recurrenceWords finds the words of the proposal's recurrence in its text.
func recurrenceWords(p docs.Proposal) string {
	for _, d := range docs.FindDeadlines(p.Text) {
		if d.Recurrence == p.Recurrence {
			return d.Text
		}
	}
	return ""
}

func taskUnits(ms []docs.UnitMention) []store.TaskUnit {
	var out []store.TaskUnit
	for _, m := range ms {
		id := m.UnitID
		if id == "" {
			id = newUnitPrefix + docs.UnitKey(m.Name)
		}
		if !slices.ContainsFunc(out, func(u store.TaskUnit) bool { return u.ID == id }) {
			out = append(out, store.TaskUnit{ID: id, Name: m.Name})
		}
	}
	return out
}

func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// AcceptProposals creates one task per accepted proposal of document docID
// (the clerk may have edited them) and returns their ids.
func (l *Library) AcceptProposals(ctx context.Context, docID int64, ps []docs.Proposal) ([]int64, error) {
	ts := make([]store.Task, len(ps))
	for i, p := range ps {
		ts[i] = TaskFromProposal(docID, p)
	}
	return l.CreateTasks(ctx, ts)
}

// CreateTasks creates tasks (from accepted proposals or typed by the clerk).
func (l *Library) CreateTasks(ctx context.Context, ts []store.Task) ([]int64, error) {
	for i := range ts {
		if err := checkTask(&ts[i]); err != nil {
			return nil, err
		}
	}
	ids, err := l.store.CreateTasks(ctx, ts, l.userName())
	if err != nil {
		return nil, err
	}
	return ids, l.afterLinks(ctx, nil)
}

// ErrBadTask matches the errors of a task or note the clerk filled in
// wrongly (errors.Is); each is an *InvalidError saying what to fix.
var ErrBadTask = errors.New("invalid task")

// InvalidError is a mistake in what the clerk typed: Msg is the Vietnamese
// sentence that says what to fix.
type InvalidError struct{ Msg string }

// Error returns the sentence for the clerk.
func (e *InvalidError) Error() string { return e.Msg }

// Is makes an InvalidError match ErrBadTask.
func (e *InvalidError) Is(target error) bool { return target == ErrBadTask }

func invalid(format string, a ...any) error { return &InvalidError{Msg: fmt.Sprintf(format, a...)} }

func badDate(d string) error {
	return invalid("Ngày %q không hợp lệ: hãy nhập ngày có đủ ngày, tháng, năm (ví dụ 2026-06-30).", d)
}

func badProgress(p int) error {
	return invalid("Tiến độ %d%% không hợp lệ: tiến độ phải từ 0 đến 100%%.", p)
}

func badStatus(s string) error {
	return invalid("Không có tình trạng %q: hãy chọn Chưa triển khai, Đang thực hiện, Hoàn thành, Tạm dừng hoặc Không thực hiện.", s)
}

// checkTask refuses what the store would keep but nobody could follow.
func checkTask(t *store.Task) error {
	t.Title = strings.TrimSpace(t.Title)
	if t.Title == "" {
		return invalid("Nhiệm vụ chưa có tên: hãy nhập tên nhiệm vụ.")
	}
	for _, d := range []string{t.Due, t.From} {
		if d == "" {
			continue
		}
		if _, err := time.Parse(time.DateOnly, d); err != nil {
			return badDate(d)
		}
	}
	if t.Status != "" && !slices.Contains(store.Statuses, t.Status) {
		return badStatus(t.Status)
	}
	if t.Progress < 0 || t.Progress > 100 {
		return badProgress(t.Progress)
	}
	return nil
}

// UpdateTask saves the clerk's changes to a task; each changed field goes to
// the audit log.
func (l *Library) UpdateTask(ctx context.Context, t store.Task) error {
	if err := checkTask(&t); err != nil {
		return err
	}
	return l.afterLinks(ctx, l.store.UpdateTask(ctx, t, l.userName()))
}

// Task returns one task with its due state.
func (l *Library) Task(ctx context.Context, id int64) (TaskView, error) {
	t, err := l.store.Task(ctx, id)
	if err != nil {
		return TaskView{}, err
	}
	return l.view(t), nil
}

// now is the library's clock: Options.Now, or the system's.
func (l *Library) now() time.Time {
	if l.opts.Now != nil {
		return l.opts.Now()
	}
	return time.Now()
}

// Today is the library's date (local midnight).
func (l *Library) Today() time.Time {
	n := l.now()
	return time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, n.Location())
}

// TaskView is a task with what depends on today: its next due date, whether
// it is overdue, and the days left (negative when late).
type TaskView struct {
	store.Task
	Next     string `json:"next_due"` // ISO date, "" when nothing is due
	Overdue  bool   `json:"overdue"`
	DaysLeft int    `json:"days_left"`
}

func (l *Library) view(t store.Task) TaskView {
	next, overdue, days := DueState(t, l.Today())
	return TaskView{Task: t, Next: next, Overdue: overdue, DaysLeft: days}
}

// IsOpen reports whether a task still has work to do: not done, dropped or
// paused.
func IsOpen(status string) bool {
	return status == "" || status == store.StatusNotStarted || status == store.StatusInProgress
}

// reportGrace is how long before a period's end a report still counts for
// the period: a six-monthly report sent on 20 June covers the half-year
// ending 30 June.
const reportGrace = 15 * 24 * time.Hour

// DueState computes when a task is next due and whether it is overdue on
// today:
//   - a done, dropped or paused task is never overdue and has nothing due;
//   - a one-off task is due on its deadline;
//   - a recurring task (monthly … annual) is due at the end of the first
//     period that its latest report (or, before any report, its start or
//     creation) does not cover; a report up to 15 days before a period ends
//     covers that period; it stops at its deadline when it has one;
//   - a standing duty ("thường xuyên") is due only at its deadline, if any.
func DueState(t store.Task, today time.Time) (next string, overdue bool, daysLeft int) {
	if !IsOpen(t.Status) {
		return "", false, 0
	}
	day := func(s string) (time.Time, bool) {
		d, err := time.ParseInLocation(time.DateOnly, s, today.Location())
		return d, err == nil
	}
	var due time.Time
	if d, ok := day(t.Due); ok {
		due = d
	}
	switch r := docs.Recurrence(t.Recurrence); r {
	case docs.RecurMonthly, docs.RecurQuarterly, docs.RecurSemiannual, docs.RecurAnnual:
		anchor := t.CreatedAt.In(today.Location())
		if d, ok := day(t.From); ok {
			anchor = d
		}
		if d, ok := day(t.LastReport); ok {
			anchor = d.Add(reportGrace)
		}
		if anchor.IsZero() {
			anchor = today
		}
		n := docs.NextOccurrence(r, anchor)
		if due.IsZero() || n.Before(due) {
			due = n
		}
	}
	if due.IsZero() {
		return "", false, 0
	}
	days := int(due.Sub(today).Round(time.Hour).Hours() / 24)
	return due.Format(time.DateOnly), due.Before(today), days
}

// TaskQuery selects tasks for the Nhiệm vụ screen and the command line.
type TaskQuery struct {
	DocumentID int64
	UnitID     string
	Statuses   []string
	Overdue    bool // only overdue tasks
	DueWithin  int  // only open tasks due within this many days (0: any)
	Text       string
}

// Tasks returns the tasks that match q, in document order.
func (l *Library) Tasks(ctx context.Context, q TaskQuery) ([]TaskView, error) {
	ts, err := l.store.Tasks(ctx, store.TaskFilter{DocumentID: q.DocumentID, UnitID: q.UnitID, Statuses: q.Statuses})
	if err != nil {
		return nil, err
	}
	text := foldWords(q.Text)
	out := make([]TaskView, 0, len(ts))
	for _, t := range ts {
		v := l.view(t)
		if q.Overdue && !v.Overdue {
			continue
		}
		if q.DueWithin > 0 && (v.Next == "" || v.DaysLeft > q.DueWithin) {
			continue
		}
		if text != "" && !strings.Contains(foldWords(t.Title+" "+t.MainClause()+" "+t.Number+" "+unitNames(t.Lead)+" "+unitNames(t.Support)), text) {
			continue
		}
		out = append(out, v)
	}
	return out, nil
}

// foldWords is s lower-cased without diacritics, for matching typed filters.
func foldWords(s string) string {
	return strings.ToLower(analysis.Fold(norm.NFC.String(strings.TrimSpace(s))))
}

func unitNames(us []store.TaskUnit) string {
	names := make([]string, len(us))
	for i, u := range us {
		names[i] = u.Name
	}
	return strings.Join(names, "; ")
}

// UnitCount is how one unit's tasks stand.
type UnitCount struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Total      int    `json:"total"`
	Done       int    `json:"done"`
	InProgress int    `json:"in_progress"`
	NotStarted int    `json:"not_started"`
	Overdue    int    `json:"overdue"`
}

// Counts sums up a list of tasks: by status, overdue, due within 7 days, and
// by lead unit.
type Counts struct {
	Total    int            `json:"total"`
	ByStatus map[string]int `json:"by_status"`
	Overdue  int            `json:"overdue"`
	DueSoon  int            `json:"due_soon"`
	ByUnit   []UnitCount    `json:"by_unit"`
}

// DueSoonDays is how near a deadline must be for a reminder.
const DueSoonDays = 7

// CountTasks sums up tasks; units are counted by lead (a task without a
// lead counts under its first support unit, else under "").
func CountTasks(vs []TaskView) Counts {
	c := Counts{Total: len(vs), ByStatus: map[string]int{}}
	units := map[string]*UnitCount{}
	var order []string
	for _, v := range vs {
		c.ByStatus[v.Status]++
		if v.Overdue {
			c.Overdue++
		} else if v.Next != "" && v.DaysLeft <= DueSoonDays {
			c.DueSoon++
		}
		us := v.Lead
		if len(us) == 0 {
			us = v.Support
		}
		if len(us) == 0 {
			us = []store.TaskUnit{{}}
		}
		for _, u := range us {
			uc := units[u.ID]
			if uc == nil {
				uc = &UnitCount{ID: u.ID, Name: u.Name}
				units[u.ID] = uc
				order = append(order, u.ID)
			}
			uc.Total++
			switch v.Status {
			case store.StatusDone:
				uc.Done++
			case store.StatusInProgress:
				uc.InProgress++
			case store.StatusNotStarted:
				uc.NotStarted++
			}
			if v.Overdue {
				uc.Overdue++
			}
		}
	}
	for _, id := range order {
		c.ByUnit = append(c.ByUnit, *units[id])
	}
	sort.SliceStable(c.ByUnit, func(i, j int) bool { return c.ByUnit[i].Total > c.ByUnit[j].Total })
	return c
}

// Reminders returns the open tasks overdue or due within DueSoonDays, the
// most urgent first.
func (l *Library) Reminders(ctx context.Context) ([]TaskView, error) {
	vs, err := l.Tasks(ctx, TaskQuery{DueWithin: DueSoonDays})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(vs, func(i, j int) bool { return vs[i].Next < vs[j].Next })
	return vs, nil
}

// OverdueCount is the number of overdue tasks (the badge of Nhiệm vụ).
func (l *Library) OverdueCount(ctx context.Context) (int, error) {
	vs, err := l.Tasks(ctx, TaskQuery{Overdue: true})
	return len(vs), err
}

// AddNote records a unit's report on a task. Files are stored with the
// library's originals; a note that names a document by number ("Báo cáo số
// 12-BC/BTCTU") is linked to it when the library has it.
func (l *Library) AddNote(ctx context.Context, n store.Note, files []string) (store.Note, error) {
	if err := l.prepareNote(ctx, &n, files); err != nil {
		return store.Note{}, err
	}
	out, err := l.store.AddNote(ctx, n, l.userName())
	return out, l.afterLinks(ctx, err)
}

// CorrectNote records a corrected version of a note; the earlier version
// stays readable.
func (l *Library) CorrectNote(ctx context.Context, id int64, n store.Note, files []string) (store.Note, error) {
	if err := l.prepareNote(ctx, &n, files); err != nil {
		return store.Note{}, err
	}
	out, err := l.store.CorrectNote(ctx, id, n, l.userName())
	return out, l.afterLinks(ctx, err)
}

// RetractNote withdraws a note (as a new version: nothing is erased).
func (l *Library) RetractNote(ctx context.Context, id int64) (store.Note, error) {
	out, err := l.store.RetractNote(ctx, id, l.userName())
	return out, l.afterLinks(ctx, err)
}

// Notes returns a task's current notes, newest first.
func (l *Library) Notes(ctx context.Context, taskID int64) ([]store.Note, error) {
	return l.store.Notes(ctx, taskID)
}

// NoteVersions returns every version of a note.
func (l *Library) NoteVersions(ctx context.Context, key int64) ([]store.Note, error) {
	return l.store.NoteVersions(ctx, key)
}

// NotesOfTasks returns the current notes of tasks reported between from and
// to (ISO dates, "" open).
func (l *Library) NotesOfTasks(ctx context.Context, ids []int64, from, to string) (map[int64][]store.Note, error) {
	return l.store.NotesOfTasks(ctx, ids, from, to)
}

// AttachmentPath is where an attachment's file is kept.
func (l *Library) AttachmentPath(a store.Attachment) string { return l.originals.Path(a.SHA256) }

// prepareNote checks a note, stores its files and links the document it
// names.
func (l *Library) prepareNote(ctx context.Context, n *store.Note, files []string) error {
	if n.ReportedOn == "" {
		n.ReportedOn = isoDate(l.Today())
	}
	if _, err := time.Parse(time.DateOnly, n.ReportedOn); err != nil {
		return badDate(n.ReportedOn)
	}
	if n.Progress < -1 || n.Progress > 100 {
		return badProgress(n.Progress)
	}
	if n.Status != "" && !slices.Contains(store.Statuses, n.Status) {
		return badStatus(n.Status)
	}
	if strings.TrimSpace(n.Body) == "" && n.Status == "" && n.Progress < 0 && len(files) == 0 {
		return invalid("Ghi chú trống: hãy nhập nội dung, tiến độ, tình trạng hoặc đính kèm tệp.")
	}
	if n.EvidenceDocumentID == 0 {
		if num, id := l.evidence(ctx, n.Body); num != "" {
			n.EvidenceNumber, n.EvidenceDocumentID = num, id
		}
	} else if n.EvidenceNumber == "" {
		if d, err := l.store.Document(ctx, n.EvidenceDocumentID); err == nil {
			n.EvidenceNumber = d.Number
		}
	}
	for _, f := range files {
		a, err := l.keepFile(f)
		if err != nil {
			return err
		}
		n.Attachments = append(n.Attachments, a)
	}
	return nil
}

// evidence finds the document a note names by number, preferring a report
// ("Báo cáo số 12-BC/BTCTU"); id is 0 when the library does not have it.
func (l *Library) evidence(ctx context.Context, body string) (number string, id int64) {
	refs := docs.FindReferences(body)
	sort.SliceStable(refs, func(i, j int) bool { return refs[i].Kind == "Báo cáo" && refs[j].Kind != "Báo cáo" })
	for _, r := range refs {
		if r.Number == "" {
			continue
		}
		if k, err := l.store.KnownByKey(ctx, docs.NumberKey(r.Number)); err == nil && k.DocumentID != 0 {
			return r.Number, k.DocumentID
		}
		if number == "" {
			number = r.Number
		}
	}
	return number, 0
}

// keepFile stores an attached file like an original (by its SHA-256).
func (l *Library) keepFile(path string) (store.Attachment, error) {
	f, err := os.Open(path)
	if err != nil {
		return store.Attachment{}, err
	}
	defer f.Close()
	st, err := l.originals.Stage(f, l.opts.MaxFileSize)
	if err != nil {
		return store.Attachment{}, err
	}
	if _, err := st.Keep(); err != nil {
		st.Discard()
		return store.Attachment{}, err
	}
	return store.Attachment{SHA256: st.SHA256, Name: filepath.Base(path), Size: st.Size}, nil
}

// RecordTargetValue records an actual value of a task's target.
func (l *Library) RecordTargetValue(ctx context.Context, v store.TargetValue) (int64, error) {
	if v.AsOf == "" {
		v.AsOf = isoDate(l.Today())
	}
	if _, err := time.Parse(time.DateOnly, v.AsOf); err != nil {
		return 0, badDate(v.AsOf)
	}
	return l.store.RecordTargetValue(ctx, v, l.userName())
}

// TargetValues returns the values recorded for a task's target, oldest first.
func (l *Library) TargetValues(ctx context.Context, taskID int64) ([]store.TargetValue, error) {
	return l.store.TargetValues(ctx, taskID)
}

// TargetProgress compares the latest recorded value with the target. For a
// decrease or increase the clerk records the change achieved so far (8.5 for
// "giảm 8,5%"), and the percent is achieved/amount; for "reach" ("giảm còn
// 01 phó chủ tịch") the clerk records the current value and the target is met
// (100%) when it equals the amount. ok is false when nothing was recorded.
func TargetProgress(g *store.Target, vs []store.TargetValue) (latest store.TargetValue, percent float64, ok bool) {
	if g == nil || len(vs) == 0 {
		return store.TargetValue{}, 0, false
	}
	latest = vs[0]
	for _, v := range vs[1:] {
		if v.AsOf >= latest.AsOf {
			latest = v
		}
	}
	switch g.Direction {
	case docs.TargetReach:
		if latest.Value == g.Amount {
			percent = 100
		}
	default:
		if g.Amount != 0 {
			percent = 100 * latest.Value / g.Amount
		}
	}
	return latest, max(percent, 0), true
}

// Audit returns the audit log of one entity (entity "" for all).
func (l *Library) Audit(ctx context.Context, entity string, id int64) ([]store.AuditEntry, error) {
	return l.store.Audit(ctx, entity, id)
}

// StatusLabel is a status as the interface and reports name it.
func StatusLabel(s string) string {
	switch s {
	case store.StatusNotStarted:
		return "Chưa triển khai"
	case store.StatusInProgress:
		return "Đang thực hiện"
	case store.StatusDone:
		return "Hoàn thành"
	case store.StatusPaused:
		return "Tạm dừng"
	case store.StatusDropped:
		return "Không thực hiện"
	}
	return s
}

// RecurrenceLabel is a recurrence in the words of the documents.
func RecurrenceLabel(r string) string {
	switch docs.Recurrence(r) {
	case docs.RecurMonthly:
		return "Hằng tháng"
	case docs.RecurQuarterly:
		return "Hằng quý"
	case docs.RecurSemiannual:
		return "Định kỳ 6 tháng"
	case docs.RecurAnnual:
		return "Hằng năm"
	case docs.RecurContinuous:
		return "Thường xuyên"
	}
	return r
}

// clauseTasks returns a document's tasks by source clause, for the index: a
// clause carries its tasks' statuses and the earliest next due date of the
// open ones (the index decides "overdue" against the day of the search).
func (l *Library) clauseTasks(ctx context.Context, docID int64) (map[string][]TaskView, error) {
	ts, err := l.store.Tasks(ctx, store.TaskFilter{DocumentID: docID})
	if err != nil || len(ts) == 0 {
		return nil, err
	}
	out := map[string][]TaskView{}
	for _, t := range ts {
		// Next due does not depend on today (only on the deadline, the
		// recurrence and the latest report), so the index stays right as days
		// pass; a new note re-indexes the document.
		v := l.view(t)
		for _, c := range t.Clauses {
			if c.DocumentID == 0 || c.DocumentID == docID {
				out[c.Clause] = append(out[c.Clause], v)
			}
		}
	}
	return out, nil
}
