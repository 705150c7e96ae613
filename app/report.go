package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"chidao/docs"
	"chidao/report"
	"chidao/store"

	"golang.org/x/text/unicode/norm"
)

// Report scopes: what a report covers.
const (
	ScopePlan    = "plan"    // the tasks of one plan
	ScopeCentral = "central" // the local plans and tasks implementing a central document
	ScopeUnit    = "unit"    // the tasks of one unit (lead or support)
	ScopeAll     = "all"     // every task
)

// Report groupings: how the task table is divided.
const (
	GroupSections = "sections" // by the sections of the source document
	GroupUnits    = "units"    // by lead unit
	GroupStatus   = "status"   // by status
)

// ReportRequest is what the clerk asks for on the Báo cáo screen or with
// `chidao report`.
type ReportRequest struct {
	Scope      string `json:"scope"`       // plan, central, unit, all
	DocumentID int64  `json:"document_id"` // for plan and central
	UnitID     string `json:"unit_id"`     // for unit
	// Period is as typed: "h1-2026", "h2-2026", "q3-2026", "2026",
	// "2026-01-01..2026-06-30", "this-half", "this-year" or "" (no period).
	Period   string `json:"period"`
	Group    string `json:"group"`     // sections, units, status
	AllNotes bool   `json:"all_notes"` // every note of the period, not only the latest
	Stats    bool   `json:"stats"`     // the summary with counts by status and unit
	Overdue  bool   `json:"overdue"`   // the list of overdue tasks
	Date     string `json:"date"`      // the report's date, ISO; "" leaves day and month blank
	Format   string `json:"format"`    // pdf, docx, xlsx (for saving)
}

// ReportData is a built report with everything it was made from, as kept in
// a snapshot: reopening it prints the same pages after the data moves on.
type ReportData struct {
	Request ReportRequest `json:"request"`
	From    string        `json:"from"` // the period, ISO; "" open
	To      string        `json:"to"`
	Label   string        `json:"label"` // "6 tháng đầu năm 2026"
	// AsOf is the day the report describes (ISO): the period's last day when
	// the period is past, else the day the report is made. Statuses,
	// progress and what is overdue are as they stood that day.
	AsOf    string                        `json:"as_of"`
	MadeAt  time.Time                     `json:"made_at"`
	Tasks   []TaskView                    `json:"tasks"`
	Notes   map[int64][]store.Note        `json:"notes"`
	Values  map[int64][]store.TargetValue `json:"values"`
	Report  report.Report                 `json:"report"`
	SavedID int64                         `json:"saved_id,omitempty"`
}

// ErrBadReport matches the errors of a report request filled in wrongly
// (errors.Is); each is a *ReportError saying what to fix.
var ErrBadReport = errors.New("invalid report request")

// ReportError is a mistake in a report request: Msg is the Vietnamese
// sentence that says what to fix.
type ReportError struct{ Msg string }

// Error returns the sentence for the clerk.
func (e *ReportError) Error() string { return e.Msg }

// Is makes a ReportError match ErrBadReport.
func (e *ReportError) Is(target error) bool { return target == ErrBadReport }

func badReport(format string, a ...any) error { return &ReportError{Msg: fmt.Sprintf(format, a...)} }

var (
	rePeriodHalf    = regexp.MustCompile(`^(?i)h([12])[-/ ](\d{4})$`)
	rePeriodQuarter = regexp.MustCompile(`^(?i)q([1-4])[-/ ](\d{4})$`)
	rePeriodYear    = regexp.MustCompile(`^(\d{4})$`)
	rePeriodRange   = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$`)
)

var romans = []string{"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"}

// Roman writes 1–15 in Roman numerals, the report's section numbers.
func Roman(n int) string {
	if n > 0 && n < len(romans) {
		return romans[n]
	}
	return strconv.Itoa(n)
}

// ParsePeriod reads a report period relative to today: its first and last
// day (ISO) and its name in a report title.
func ParsePeriod(s string, today time.Time) (from, to, label string, err error) {
	s = strings.TrimSpace(s)
	y := today.Year()
	switch strings.ToLower(s) {
	case "", "all":
		return "", "", "", nil
	case "this-half":
		s = fmt.Sprintf("h%d-%d", 1+int(today.Month()-1)/6, y)
	case "this-year":
		s = strconv.Itoa(y)
	}
	if m := rePeriodHalf.FindStringSubmatch(s); m != nil {
		if m[1] == "1" {
			return m[2] + "-01-01", m[2] + "-06-30", "6 tháng đầu năm " + m[2], nil
		}
		return m[2] + "-07-01", m[2] + "-12-31", "6 tháng cuối năm " + m[2], nil
	}
	if m := rePeriodQuarter.FindStringSubmatch(s); m != nil {
		q, _ := strconv.Atoi(m[1])
		yy, _ := strconv.Atoi(m[2])
		first := time.Date(yy, time.Month(3*q-2), 1, 0, 0, 0, 0, time.UTC)
		last := first.AddDate(0, 3, -1)
		return first.Format(time.DateOnly), last.Format(time.DateOnly), "quý " + Roman(q) + " năm " + m[2], nil
	}
	if m := rePeriodYear.FindStringSubmatch(s); m != nil {
		return m[1] + "-01-01", m[1] + "-12-31", "năm " + m[1], nil
	}
	if m := rePeriodRange.FindStringSubmatch(s); m != nil {
		a, err1 := time.Parse(time.DateOnly, m[1])
		b, err2 := time.Parse(time.DateOnly, m[2])
		if err1 == nil && err2 == nil && !b.Before(a) {
			return m[1], m[2], "từ ngày " + a.Format("02/01/2006") + " đến ngày " + b.Format("02/01/2006"), nil
		}
	}
	return "", "", "", badReport("Không hiểu kỳ báo cáo %q: dùng h1-2026 (6 tháng đầu năm), h2-2026, q3-2026 (quý), 2026 (cả năm), 2026-01-01..2026-06-30, this-half hoặc this-year.", s)
}

// reportSettingsKey is where a library keeps its office for reports.
const reportSettingsKey = "settings.report_office"

// DefaultOffice is the office a new library reports as until the clerk sets
// its own (Settings): a Party body, the names left for the clerk to fill.
func DefaultOffice() report.Office {
	return report.Office{Format: report.Party, Parent: "TỈNH ỦY", Name: "BAN TỔ CHỨC", Code: "BTCTU", Place: "",
		Authority: "T/M BAN THƯỜNG VỤ", Title: "", Signer: "",
		Recipients: []string{"Thường trực Tỉnh ủy (b/c)", "Các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy", "Lưu Văn phòng"}}
}

// ReportOffice returns the library's office for reports.
func (l *Library) ReportOffice(ctx context.Context) (report.Office, error) {
	v, err := l.store.Meta(ctx, reportSettingsKey)
	if err != nil || v == "" {
		return DefaultOffice(), nil
	}
	var o report.Office
	if err := json.Unmarshal([]byte(v), &o); err != nil {
		return DefaultOffice(), nil
	}
	return o, nil
}

// SetReportOffice saves the library's office for reports.
func (l *Library) SetReportOffice(ctx context.Context, o report.Office) error {
	if o.Format != report.Party && o.Format != report.State {
		return badReport("Không có thể thức %q: chọn party (Đảng, HD 36-HD/VPTW) hoặc state (Nhà nước, NĐ 30/2020/NĐ-CP).", o.Format)
	}
	b, err := json.Marshal(o)
	if err != nil {
		return err
	}
	return l.store.SetMeta(ctx, reportSettingsKey, string(b))
}

// BuildReport gathers the tasks and notes of the request and lays out the
// report; nothing is saved (SaveReport keeps it).
func (l *Library) BuildReport(ctx context.Context, req ReportRequest) (*ReportData, error) {
	if req.Group == "" {
		req.Group = GroupSections
	}
	today := l.Today()
	data := &ReportData{Request: req, MadeAt: l.now()}
	var err error
	if data.From, data.To, data.Label, err = ParsePeriod(req.Period, today); err != nil {
		return nil, err
	}
	subject, intro, err := l.reportScope(ctx, req, data)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(data.Tasks))
	for i, t := range data.Tasks {
		ids[i] = t.ID
	}
	if data.Notes, err = l.store.NotesOfTasks(ctx, ids, data.From, data.To); err != nil {
		return nil, err
	}
	if err := l.asOfPeriod(ctx, data, ids, today); err != nil {
		return nil, err
	}
	data.Values = map[int64][]store.TargetValue{}
	for _, t := range data.Tasks {
		if t.Target == nil {
			continue
		}
		vs, err := l.store.TargetValues(ctx, t.ID)
		if err != nil {
			return nil, err
		}
		if data.To != "" {
			kept := vs[:0]
			for _, v := range vs {
				if v.AsOf <= data.To {
					kept = append(kept, v)
				}
			}
			vs = kept
		}
		if len(vs) > 0 {
			data.Values[t.ID] = vs
		}
	}
	office, err := l.ReportOffice(ctx)
	if err != nil {
		return nil, err
	}
	r := report.Report{Office: office, Kind: "BÁO CÁO", Year: today.Year()}
	if req.Date != "" {
		d, err := time.Parse(time.DateOnly, req.Date)
		if err != nil {
			return nil, badReport("Ngày báo cáo %q không hợp lệ: viết năm-tháng-ngày, ví dụ 2026-07-05.", req.Date)
		}
		r.Date, r.Year = d, d.Year()
	}
	r.Subject = subject
	if data.Label != "" {
		r.Subject += " (" + data.Label + ")"
	}
	cat, _ := l.catalog(ctx)
	layoutReport(&r, data, intro, officeName(office, cat), l.groupsOf(ctx, data))
	data.Report = r
	return data, nil
}

// asOfPeriod sets the day the report describes and, for a past period,
// puts each task's status and progress back to what they were that day.
// Changes are dated by when they happened: a note's status and progress by
// the day the unit reported (notes are often entered after the fact), a
// direct edit of the task by the day it was made (from the audit log, which
// keeps every old value). What is due and overdue is computed for that day.
func (l *Library) asOfPeriod(ctx context.Context, data *ReportData, ids []int64, today time.Time) error {
	asOf := today
	if to, err := time.ParseInLocation(time.DateOnly, data.To, today.Location()); err == nil && to.Before(today) {
		asOf = to
	}
	data.AsOf = asOf.Format(time.DateOnly)
	if !asOf.Before(today) || len(ids) == 0 {
		return nil
	}
	notes, err := l.store.NotesOfTasks(ctx, ids, "", "")
	if err != nil {
		return err
	}
	audit, err := l.store.Audit(ctx, store.EntityTask, 0)
	if err != nil {
		return err
	}
	rows := map[int64][]store.AuditEntry{}
	for _, a := range audit {
		if a.Field == "status" || a.Field == "progress" {
			rows[a.EntityID] = append(rows[a.EntityID], a)
		}
	}
	type change struct {
		day, field, value string
		seq               int64
	}
	for i := range data.Tasks {
		v := &data.Tasks[i]
		ns := notes[v.ID]
		var changes []change
		for _, n := range ns {
			if n.Status != "" {
				changes = append(changes, change{n.ReportedOn, "status", n.Status, n.ID})
			}
			if n.Progress >= 0 {
				changes = append(changes, change{n.ReportedOn, "progress", strconv.Itoa(n.Progress), n.ID})
			}
		}
		status, progress := v.Status, strconv.Itoa(v.Progress)
		first := map[string]bool{}
		for _, a := range rows[v.ID] {
			// The state before any change: the old value of the first one.
			if !first[a.Field] {
				first[a.Field] = true
				if a.Field == "status" {
					status = a.Old
				} else {
					progress = a.Old
				}
			}
			if fromNote(a, ns) {
				continue
			}
			changes = append(changes, change{a.At.In(today.Location()).Format(time.DateOnly), a.Field, a.New, a.ID})
		}
		sort.SliceStable(changes, func(i, j int) bool {
			if changes[i].day != changes[j].day {
				return changes[i].day < changes[j].day
			}
			return changes[i].seq < changes[j].seq
		})
		for _, c := range changes {
			if c.day > data.AsOf {
				break
			}
			if c.field == "status" {
				status = c.value
			} else {
				progress = c.value
			}
		}
		v.Status = status
		v.Progress, _ = strconv.Atoi(progress)
		v.LastReport = ""
		for _, n := range ns {
			if n.ReportedOn <= data.AsOf && n.ReportedOn > v.LastReport {
				v.LastReport = n.ReportedOn
			}
		}
		v.Next, v.Overdue, v.DaysLeft = DueState(v.Task, asOf)
	}
	return nil
}

// fromNote reports whether an audit row of a task's status or progress was
// written by saving one of its notes (same value, within seconds).
func fromNote(a store.AuditEntry, ns []store.Note) bool {
	for _, n := range ns {
		d := a.At.Sub(n.CreatedAt)
		if d < -5*time.Second || d > 5*time.Second {
			continue
		}
		if (a.Field == "status" && n.Status == a.New) || (a.Field == "progress" && n.Progress >= 0 && strconv.Itoa(n.Progress) == a.New) {
			return true
		}
	}
	return false
}

// reportScope selects the request's tasks into data and returns the subject
// of the report and the words naming what it reports on.
func (l *Library) reportScope(ctx context.Context, req ReportRequest, data *ReportData) (subject, intro string, err error) {
	switch req.Scope {
	case ScopePlan:
		d, err := l.store.Document(ctx, req.DocumentID)
		if err != nil {
			return "", "", err
		}
		if data.Tasks, err = l.Tasks(ctx, TaskQuery{DocumentID: d.ID}); err != nil {
			return "", "", err
		}
		return "Kết quả thực hiện " + docRef(d), docRef(d), nil
	case ScopeCentral:
		d, err := l.store.Document(ctx, req.DocumentID)
		if err != nil {
			return "", "", err
		}
		if data.Tasks, err = l.centralTasks(ctx, d.ID); err != nil {
			return "", "", err
		}
		return "Kết quả thực hiện " + docRef(d), docRef(d), nil
	case ScopeUnit:
		us, err := l.Units(ctx)
		if err != nil {
			return "", "", err
		}
		name := ""
		for _, u := range us {
			if u.ID == req.UnitID {
				name = u.Name
			}
		}
		if name == "" {
			return "", "", badReport("Không có đơn vị mã %q trong danh mục: xem mã các đơn vị bằng lệnh chidao units list.", req.UnitID)
		}
		if data.Tasks, err = l.Tasks(ctx, TaskQuery{UnitID: req.UnitID}); err != nil {
			return "", "", err
		}
		return "Kết quả thực hiện nhiệm vụ của " + name, "các nhiệm vụ giao " + name, nil
	case ScopeAll, "":
		if data.Tasks, err = l.Tasks(ctx, TaskQuery{}); err != nil {
			return "", "", err
		}
		return "Kết quả thực hiện các nhiệm vụ theo dõi", "các văn bản chỉ đạo đang theo dõi", nil
	}
	return "", "", badReport("Không có phạm vi báo cáo %q: chọn plan (một kế hoạch), central (văn bản Trung ương), unit (một đơn vị) hoặc all (tất cả).", req.Scope)
}

// centralTasks are the tasks of the local clauses that implement a central
// document, and of the documents that cite it.
func (l *Library) centralTasks(ctx context.Context, centralID int64) ([]TaskView, error) {
	links, err := l.store.ImplementsOfCentral(ctx, centralID)
	if err != nil {
		return nil, err
	}
	locals := map[int64]bool{}
	for _, k := range links {
		if k.State != "removed" {
			locals[k.LocalDocumentID] = true
		}
	}
	cited, err := l.store.CitedBy(ctx, centralID)
	if err != nil {
		return nil, err
	}
	for _, c := range cited {
		locals[c.DocumentID] = true
	}
	var out []TaskView
	ids := make([]int64, 0, len(locals))
	for id := range locals {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		vs, err := l.Tasks(ctx, TaskQuery{DocumentID: id})
		if err != nil {
			return nil, err
		}
		out = append(out, vs...)
	}
	return out, nil
}

// docRef names a document in a report: "Kế hoạch số 12-KH/TU thực hiện ...".
func docRef(d store.Document) string {
	if d.Kind != "" && d.Subject != "" {
		s := d.Kind
		if d.Number != "" {
			s += " số " + d.Number
			if t, err := time.Parse(time.DateOnly, d.Date); err == nil {
				s += " ngày " + t.Format("02/01/2006")
			}
		}
		return s + " " + lowerFirst(strings.TrimPrefix(d.Subject, d.Kind+" "))
	}
	return d.Title
}

// lowerFirst puts the first letter of a subject in lower case, as it reads
// after the kind ("Kế hoạch thực hiện ..."), unless it opens with a name.
func lowerFirst(s string) string {
	rs := []rune(s)
	if len(rs) > 1 && isUpperRune(rs[0]) && !isUpperRune(rs[1]) && !startsWithName(s) {
		return strings.ToLower(string(rs[0])) + string(rs[1:])
	}
	return s
}

func isUpperRune(r rune) bool {
	return strings.ToUpper(string(r)) == string(r) && strings.ToLower(string(r)) != string(r)
}

// startsWithName: a subject that opens with a name of a body or document
// keeps its capital.
func startsWithName(s string) bool {
	for _, p := range []string{"Nghị quyết", "Kết luận", "Chỉ thị", "Quyết định", "Ban ", "Bộ ", "Ủy ban", "Tỉnh ủy", "Luật", "Nghị định", "Thông tư"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// reportGroup is one group of the task table.
type reportGroup struct {
	Label string
	Tasks []TaskView
}

// groupsOf divides the report's tasks as the request asks.
func (l *Library) groupsOf(ctx context.Context, data *ReportData) []reportGroup {
	var groups []reportGroup
	index := map[string]int{}
	add := func(key, label string, t TaskView) {
		i, ok := index[key]
		if !ok {
			i = len(groups)
			index[key] = i
			groups = append(groups, reportGroup{Label: label})
		}
		groups[i].Tasks = append(groups[i].Tasks, t)
	}
	switch data.Request.Group {
	case GroupUnits:
		for _, t := range data.Tasks {
			if len(t.Lead) == 0 {
				add("", "Chưa xác định đơn vị chủ trì", t)
				continue
			}
			add(t.Lead[0].ID, t.Lead[0].Name, t)
		}
		sort.SliceStable(groups, func(i, j int) bool { return len(groups[i].Tasks) > len(groups[j].Tasks) })
	case GroupStatus:
		for _, st := range store.Statuses {
			for _, t := range data.Tasks {
				if t.Status == st {
					add(st, StatusLabel(st), t)
				}
			}
		}
	default:
		sections := map[int64]map[string]store.Clause{}
		docs := map[int64]store.Document{}
		multi := false
		for _, t := range data.Tasks {
			if t.DocumentID != data.Tasks[0].DocumentID {
				multi = true
			}
		}
		for _, t := range data.Tasks {
			if _, ok := sections[t.DocumentID]; !ok {
				m := map[string]store.Clause{}
				if cs, err := l.store.Clauses(ctx, t.DocumentID); err == nil {
					for _, c := range cs {
						m[c.Address] = c
					}
				}
				sections[t.DocumentID] = m
				docs[t.DocumentID], _ = l.store.Document(ctx, t.DocumentID)
			}
			sec := sectionOf(sections[t.DocumentID], t.MainClause())
			label := sec.Heading
			if sec.Label != "" && label != "" {
				label = sec.Label + ". " + label
			}
			if label == "" {
				label = "Nhiệm vụ khác"
			}
			if multi {
				label = docName(docs[t.DocumentID]) + " — " + label
			}
			add(fmt.Sprint(t.DocumentID, "/", sec.Address), label, t)
		}
	}
	return groups
}

// docName is a document's short name: its kind and number, or its title.
func docName(d store.Document) string {
	if d.Number != "" {
		return d.Kind + " số " + d.Number
	}
	return cut(d.Title, 80)
}

func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// sectionOf is the section a clause belongs to for grouping: the deepest
// headed clause among the clause and its ancestors at depth 2 or above
// ("B.II.2 Lãnh đạo rà soát, sắp xếp ..."), or the headed ancestor nearest the
// top.
func sectionOf(cs map[string]store.Clause, addr string) store.Clause {
	var best store.Clause
	for a := addr; a != ""; a = cs[a].Parent {
		c, ok := cs[a]
		if !ok {
			break
		}
		if c.Heading != "" && c.Depth <= 2 && (best.Address == "" || c.Depth > best.Depth) {
			best = c
		}
	}
	return best
}

// vnDate writes an ISO date as dd/mm/yyyy.
func vnDate(iso string) string {
	t, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return iso
	}
	return t.Format("02/01/2006")
}

// vnNumber writes a number the Vietnamese way: 8,5 and 1.700.
func vnNumber(f float64) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 && intPart[0] != '-' {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString("," + frac)
	}
	return b.String()
}

func percent(n, total int) string {
	if total == 0 {
		return "0%"
	}
	return vnNumber(float64(int(1000*float64(n)/float64(total)+0.5))/10) + "%"
}

// layoutReport writes the report's body: the opening, the summary with
// counts, the task table by group, the overdue list, and room for proposals.
func layoutReport(r *report.Report, data *ReportData, intro, office string, groups []reportGroup) {
	today := data.MadeAt
	if d, err := time.Parse(time.DateOnly, data.AsOf); err == nil {
		today = d
	}
	if !r.Date.IsZero() && r.Date.Before(today) {
		today = r.Date
	}
	period := "trong kỳ"
	if data.Label != "" {
		period = data.Label
	}
	r.Blocks = append(r.Blocks, report.Block{Paragraph: "Thực hiện " + intro + ", " + office +
		" báo cáo kết quả thực hiện " + period + " như sau:"})
	sec := 0
	counts := CountTasks(data.Tasks)
	if data.Request.Stats {
		sec++
		r.Blocks = append(r.Blocks, report.Block{Heading: Roman(sec) + ". TÌNH HÌNH CHUNG"})
		bs := counts.ByStatus
		p := fmt.Sprintf("Tổng số nhiệm vụ theo dõi: %d. Đến ngày %s: hoàn thành %d (%s); đang thực hiện %d; chưa triển khai %d; tạm dừng %d; không thực hiện %d. Số nhiệm vụ quá hạn: %d; đến hạn trong %d ngày tới: %d.",
			counts.Total, today.Format("02/01/2006"), bs[store.StatusDone], percent(bs[store.StatusDone], counts.Total),
			bs[store.StatusInProgress], bs[store.StatusNotStarted], bs[store.StatusPaused], bs[store.StatusDropped],
			counts.Overdue, DueSoonDays, counts.DueSoon)
		r.Blocks = append(r.Blocks, report.Block{Paragraph: p})
		if len(counts.ByUnit) > 0 {
			t := &report.Table{Caption: "Theo đơn vị chủ trì", Columns: []report.Column{
				{Title: "TT", Weight: 0.8, Center: true}, {Title: "Đơn vị chủ trì", Weight: 5},
				{Title: "Tổng số", Weight: 1.2, Center: true}, {Title: "Hoàn thành", Weight: 1.5, Center: true},
				{Title: "Đang thực hiện", Weight: 1.6, Center: true}, {Title: "Chưa triển khai", Weight: 1.6, Center: true},
				{Title: "Quá hạn", Weight: 1.2, Center: true}}}
			for i, u := range counts.ByUnit {
				name := u.Name
				if name == "" {
					name = "Chưa xác định"
				}
				t.Rows = append(t.Rows, report.Row{Cells: []string{strconv.Itoa(i + 1), name, strconv.Itoa(u.Total),
					strconv.Itoa(u.Done), strconv.Itoa(u.InProgress), strconv.Itoa(u.NotStarted), strconv.Itoa(u.Overdue)}})
			}
			r.Blocks = append(r.Blocks, report.Block{Table: t})
		}
	}
	sec++
	r.Blocks = append(r.Blocks, report.Block{Heading: Roman(sec) + ". KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ"})
	t := &report.Table{Caption: "Kết quả thực hiện nhiệm vụ", Columns: []report.Column{
		{Title: "TT", Weight: 1.0, Center: true}, {Title: "Nhiệm vụ", Weight: 4.5}, {Title: "Đơn vị chủ trì", Weight: 1.9},
		{Title: "Đơn vị phối hợp", Weight: 1.9}, {Title: "Thời hạn", Weight: 1.6, Center: true},
		{Title: "Tình trạng", Weight: 1.5, Center: true}, {Title: "Kết quả thực hiện", Weight: 4.4}}}
	n := 0
	for _, g := range groups {
		if len(groups) > 1 || g.Label != "" {
			t.Rows = append(t.Rows, report.Row{Group: true, Cells: []string{g.Label}})
		}
		for _, v := range g.Tasks {
			n++
			t.Rows = append(t.Rows, report.Row{Cells: []string{strconv.Itoa(n), taskCell(v), unitLines(v.Lead), unitLines(v.Support),
				dueCell(v), statusCell(v), resultCell(v, data)}})
		}
	}
	if n == 0 {
		r.Blocks = append(r.Blocks, report.Block{Paragraph: "Không có nhiệm vụ nào trong phạm vi báo cáo."})
	} else {
		r.Blocks = append(r.Blocks, report.Block{Table: t})
	}
	if data.Request.Overdue {
		var late []TaskView
		for _, v := range data.Tasks {
			if v.Overdue {
				late = append(late, v)
			}
		}
		sort.SliceStable(late, func(i, j int) bool { return late[i].Next < late[j].Next })
		sec++
		r.Blocks = append(r.Blocks, report.Block{Heading: Roman(sec) + ". NHIỆM VỤ QUÁ HẠN"})
		if len(late) == 0 {
			r.Blocks = append(r.Blocks, report.Block{Paragraph: "Không có nhiệm vụ quá hạn."})
		} else {
			lt := &report.Table{Caption: "Nhiệm vụ quá hạn", Columns: []report.Column{
				{Title: "TT", Weight: 0.8, Center: true}, {Title: "Nhiệm vụ", Weight: 5.7}, {Title: "Đơn vị chủ trì", Weight: 2.6},
				{Title: "Thời hạn", Weight: 1.9, Center: true}, {Title: "Quá hạn (ngày)", Weight: 1.4, Center: true}}}
			for i, v := range late {
				lt.Rows = append(lt.Rows, report.Row{Cells: []string{strconv.Itoa(i + 1), taskCell(v), unitLines(v.Lead),
					vnDate(v.Next), strconv.Itoa(-v.DaysLeft)}})
			}
			r.Blocks = append(r.Blocks, report.Block{Table: lt})
		}
	}
	sec++
	r.Blocks = append(r.Blocks, report.Block{Heading: Roman(sec) + ". ĐỀ XUẤT, KIẾN NGHỊ"}, report.Block{Blank: 5})
}

// officeName is the issuing body as a sentence names it: the catalog's
// name when the body is in it ("SỞ NỘI VỤ" → "Sở Nội vụ", "BAN TỔ CHỨC" of
// "TỈNH ỦY …" → "Ban Tổ chức Tỉnh ủy"), else the name with a capital on the
// head word and on the word after it ("Văn phòng Tỉnh ủy" style).
func officeName(o report.Office, cat *docs.Catalog) string {
	name := strings.TrimSpace(o.Name)
	if name == "" {
		return "cơ quan"
	}
	if cat != nil {
		parent := strings.Fields(strings.TrimSpace(o.Parent))
		cands := []string{name}
		if len(parent) >= 2 {
			cands = append(cands, name+" "+parent[0]+" "+parent[1])
		}
		for _, c := range cands {
			if u, ok := cat.Resolve(c); ok && strings.EqualFold(norm.NFC.String(u.Name), norm.NFC.String(c)) {
				return u.Name
			}
		}
	}
	words := strings.Fields(strings.ToLower(name))
	for i, w := range words {
		if i == 0 || (i == 1 && !strings.EqualFold(words[0], "văn")) || (i == 2 && strings.EqualFold(words[0], "văn")) {
			rs := []rune(w)
			words[i] = strings.ToUpper(string(rs[0])) + string(rs[1:])
		}
	}
	return strings.ReplaceAll(strings.Join(words, " "), "tỉnh ủy", "Tỉnh ủy")
}

func taskCell(v TaskView) string {
	s := v.Title
	if a := v.MainClause(); a != "" {
		s += " (" + a + ")"
	}
	return s
}

func unitLines(us []store.TaskUnit) string {
	names := make([]string, len(us))
	for i, u := range us {
		names[i] = u.Name
	}
	return strings.Join(names, "\n")
}

func dueCell(v TaskView) string {
	var parts []string
	if v.Recurrence != "" {
		parts = append(parts, RecurrenceLabel(v.Recurrence))
	}
	if v.Due != "" {
		parts = append(parts, vnDate(v.Due))
	} else if v.DeadlineText != "" && v.Recurrence == "" {
		parts = append(parts, v.DeadlineText)
	}
	if v.Next != "" && v.Next != v.Due {
		parts = append(parts, "kỳ tới "+vnDate(v.Next))
	}
	return strings.Join(parts, "\n")
}

func statusCell(v TaskView) string {
	s := StatusLabel(v.Status)
	if v.Progress > 0 && v.Status != store.StatusDone {
		s += " (" + strconv.Itoa(v.Progress) + "%)"
	}
	if v.Overdue {
		s += "\nQuá hạn " + strconv.Itoa(-v.DaysLeft) + " ngày"
	}
	return s
}

// resultCell is the task's notes of the period, newest first (only the
// latest unless the request asks for all), and its target against the
// latest value recorded.
func resultCell(v TaskView, data *ReportData) string {
	var lines []string
	notes := data.Notes[v.ID]
	if !data.Request.AllNotes && len(notes) > 1 {
		notes = notes[:1]
	}
	for _, n := range notes {
		s := vnDate(n.ReportedOn)
		if n.Reporter != "" {
			s += " – " + n.Reporter
		}
		s += ": " + strings.TrimSpace(n.Body)
		if n.Progress >= 0 {
			s += " (" + strconv.Itoa(n.Progress) + "%)"
		}
		if n.EvidenceNumber != "" && !strings.Contains(n.Body, n.EvidenceNumber) {
			s += " [" + n.EvidenceNumber + "]"
		}
		lines = append(lines, s)
	}
	if len(lines) == 0 {
		lines = append(lines, "Chưa có báo cáo trong kỳ.")
	}
	if g := v.Target; g != nil {
		s := "Chỉ tiêu: " + g.Text
		if g.Baseline != 0 && !strings.Contains(g.Text, strconv.Itoa(g.Baseline)) {
			s += " (so với năm " + strconv.Itoa(g.Baseline) + ")"
		}
		if latest, pct, ok := TargetProgress(g, data.Values[v.ID]); ok {
			s += "; thực hiện: " + vnNumber(latest.Value) + g.Unit + " (" + vnDate(latest.AsOf) + ", đạt " + vnNumber(float64(int(pct*10+0.5))/10) + "%)"
		} else {
			s += "; chưa có số liệu thực hiện"
		}
		lines = append(lines, s)
	}
	return strings.Join(lines, "\n")
}

// Report formats.
const (
	FormatPDF  = "pdf"
	FormatDOCX = "docx"
	FormatXLSX = "xlsx"
)

// WriteReport writes a laid-out report as PDF, DOCX or XLSX.
func WriteReport(w io.Writer, r *report.Report, format string) error {
	switch strings.ToLower(format) {
	case FormatPDF:
		return report.WritePDF(w, r)
	case FormatDOCX:
		return report.WriteDOCX(w, r)
	case FormatXLSX:
		return report.WriteXLSX(w, r)
	}
	return badReport("Không ghi được định dạng %q: chọn pdf, docx hoặc xlsx.", format)
}

// WriteReportFile writes a report to path (the format from the extension
// when format is ""), through a temporary file so a failure leaves nothing
// half-written.
func WriteReportFile(r *report.Report, format, path string) error {
	if format == "" {
		format = strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), ".")
	}
	var buf bytes.Buffer
	if err := WriteReport(&buf, r, format); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".chidao-report-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	os.Chmod(path, 0o644)
	return nil
}

// SaveReport keeps a built report in the library with what it was made from.
func (l *Library) SaveReport(ctx context.Context, data *ReportData) (int64, error) {
	req, err := json.Marshal(data.Request)
	if err != nil {
		return 0, err
	}
	snap, err := json.Marshal(data)
	if err != nil {
		return 0, err
	}
	id, err := l.store.SaveReport(ctx, store.SavedReport{Title: data.Report.Kind + " " + data.Report.Subject, Request: req, Snapshot: snap}, l.userName())
	if err == nil {
		data.SavedID = id
	}
	return id, err
}

// SavedReports lists the reports kept in the library, newest first.
func (l *Library) SavedReports(ctx context.Context) ([]store.SavedReport, error) {
	return l.store.Reports(ctx)
}

// SavedReport reopens a kept report exactly as it was made.
func (l *Library) SavedReport(ctx context.Context, id int64) (*ReportData, error) {
	sr, err := l.store.Report(ctx, id)
	if err != nil {
		return nil, err
	}
	var data ReportData
	if err := json.Unmarshal(sr.Snapshot, &data); err != nil {
		return nil, fmt.Errorf("the saved report %d cannot be read: %w", id, err)
	}
	data.SavedID = id
	return &data, nil
}
