package index

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// taskToday is the day the task tests search on.
var taskToday = time.Date(2026, 5, 15, 9, 30, 0, 0, time.Local)

// taskDoc is a plan whose clauses have tasks of every status and due dates
// around taskToday; clause 9 has none.
var taskDoc = struct {
	doc     Document
	clauses []Clause
}{
	Document{ID: 20, Kind: "Kế hoạch", Number: "12-KH/UBND", Date: "2026-01-05", Issuer: "Ủy ban nhân dân tỉnh",
		Title: "Kế hoạch tinh giản biên chế năm 2026"},
	[]Clause{
		{Seq: 1, Address: "1", Text: "Sở Nội vụ rà soát, tinh giản biên chế các cơ quan; báo cáo quá hạn phải giải trình.",
			Units: []string{"Sở Nội vụ"}, TaskStatuses: []string{StatusInProgress}, TaskDue: "2026-03-31"},
		{Seq: 2, Address: "2", Text: "Sở Tài chính bố trí kinh phí thực hiện tinh giản biên chế.",
			Units: []string{"Sở Tài chính"}, TaskStatuses: []string{StatusNotStarted}, TaskDue: "2026-05-14"}, // yesterday
		{Seq: 3, Address: "3", Text: "Sở Nội vụ tổng hợp danh sách tinh giản biên chế đợt 1.",
			Units: []string{"Sở Nội vụ"}, TaskStatuses: []string{StatusNotStarted}, TaskDue: "2026-05-15"}, // today: not yet overdue
		{Seq: 4, Address: "4", Text: "Các huyện xây dựng đề án vị trí việc làm.",
			TaskStatuses: []string{StatusInProgress}, TaskDue: "2026-12-31"},
		{Seq: 5, Address: "5", Text: "Ban hành quy chế phối hợp về tinh giản biên chế.",
			TaskStatuses: []string{StatusDone}},
		{Seq: 6, Address: "6", Text: "Sở Nội vụ báo cáo kết quả tinh giản biên chế hằng quý.",
			Units: []string{"Sở Nội vụ"}, TaskStatuses: []string{StatusDone, StatusInProgress, StatusDone}, TaskDue: "2026-01-10"},
		{Seq: 7, Address: "7", Text: "Sáp nhập các trung tâm dịch vụ công.",
			TaskStatuses: []string{StatusPaused}},
		{Seq: 8, Address: "8", Text: "Thành lập ban chỉ đạo tinh giản biên chế cấp huyện.",
			TaskStatuses: []string{StatusDropped}},
		{Seq: 9, Address: "9", Text: "Tinh giản biên chế gắn với cơ cấu lại đội ngũ cán bộ, công chức.",
			Units: []string{"Sở Nội vụ"}},
	},
}

// openTasks is the fixture with taskDoc added.
func openTasks(t *testing.T) *Index {
	t.Helper()
	ix := openFixture(t)
	putTaskDoc(t, ix, taskDoc.clauses)
	return ix
}

func putTaskDoc(t *testing.T, ix *Index, clauses []Clause) {
	t.Helper()
	cs := slices.Clone(clauses)
	for i := range cs {
		cs[i].DocumentID = taskDoc.doc.ID
	}
	b := ix.NewBatch()
	if err := b.PutDocument(taskDoc.doc, cs); err != nil {
		t.Fatal(err)
	}
	if err := ix.Apply(b); err != nil {
		t.Fatal(err)
	}
}

// c20 names clauses of taskDoc: c20(1, 2) = ["c20:1" "c20:2"].
func c20(seqs ...int) []string {
	var out []string
	for _, s := range seqs {
		out = append(out, "c20:"+strconv.Itoa(s))
	}
	return out
}

// TestTaskStatusQuery: trangthai: (tt:) alone lists the clauses of a status,
// overdue ones by Query.Today; with words, donvi: or a negation it filters;
// its value is read with or without diacritics, spaces or underscores.
func TestTaskStatusQuery(t *testing.T) {
	ix := openTasks(t)
	overdue := c20(1, 2, 6)
	for _, tc := range []struct {
		q    string
		want []string // in any order
	}{
		{"trangthai:quahan", overdue},
		{`trangthai:"quá hạn"`, overdue},
		{"trangthai:quá hạn", overdue}, // unquoted: the words that complete the status
		{"tt:qua_han", overdue},
		{"TRẠNGTHÁI:QUÁ_HẠN", overdue},
		{"trạng_thái:quahan", nil}, // not the field name: words
		{"trangthai:chuatrienkhai", c20(2, 3)},
		{`trangthai:"chưa triển khai"`, c20(2, 3)},
		{"trangthai:chưa triển khai", c20(2, 3)},
		{"tt:chua_trien_khai", c20(2, 3)},
		{"trangthai:dangthuchien", c20(1, 4, 6)},
		{"trangthai:đang thực hiện", c20(1, 4, 6)},
		{"trangthai:hoanthanh", c20(5, 6)},
		{`tt:"Hoàn thành"`, c20(5, 6)},
		{"trangthai:tamdung", c20(7)},
		{"trangthai:tạm dừng", c20(7)},
		{"trangthai:khongthuchien", c20(8)},
		{"trangthai:không thực hiện", c20(8)},
		{"trangthai:conhiemvu", c20(1, 2, 3, 4, 5, 6, 7, 8)},
		{"trangthai:có nhiệm vụ", c20(1, 2, 3, 4, 5, 6, 7, 8)},
		// With words, fields, negations and OR.
		{"tinh giản biên chế trangthai:quahan", c20(1, 2, 6)},
		{"trangthai:quá hạn kinh phí", c20(2)},
		{"Sở Nội vụ tt:quahan", c20(1, 6)},
		{`donvi:"Sở Nội vụ" trangthai:quahan`, c20(1, 6)},
		{`donvi:"Sở Nội vụ" trangthai:chuatrienkhai`, c20(3)},
		{"dieu:3 trangthai:quahan", nil},
		{"tinh giản biên chế nam:2026 -trangthai:quahan", append(c20(3, 5, 8, 9), "d20")},
		{"trangthai:tamdung OR trangthai:khongthuchien", c20(7, 8)},
		{"trangthai:conhiemvu -trangthai:hoanthanh -trangthai:quahan", c20(3, 4, 7, 8)},
	} {
		t.Run(tc.q, func(t *testing.T) {
			r := run(t, ix, Query{Text: tc.q, Size: 50, Today: taskToday})
			if got := sorted(keys(r)); !slices.Equal(got, sorted(tc.want)) {
				t.Errorf("%q: got %q, want %q", tc.q, got, tc.want)
			}
			if int(r.Total) != len(tc.want) {
				t.Errorf("%q: total %d, want %d", tc.q, r.Total, len(tc.want))
			}
		})
	}
}

// TestOverdueFollowsToday: a clause is overdue from the day after its due
// date, by Query.Today in its own location; zero Today is now.
func TestOverdueFollowsToday(t *testing.T) {
	ix := openTasks(t)
	for _, tc := range []struct {
		today time.Time
		want  []string
	}{
		{time.Date(2026, 1, 10, 23, 59, 0, 0, time.UTC), nil},
		{time.Date(2026, 1, 11, 0, 0, 0, 0, time.UTC), c20(6)},
		{taskToday, c20(1, 2, 6)},
		{taskToday.AddDate(0, 0, 1), c20(1, 2, 3, 6)},
		{time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), c20(1, 2, 3, 4, 6)},
		// 2026-05-16 01:00 in Hanoi is still 2026-05-15 in UTC: the day is Today's own.
		{time.Date(2026, 5, 16, 1, 0, 0, 0, time.FixedZone("ICT", 7*3600)), c20(1, 2, 3, 6)},
	} {
		r := run(t, ix, Query{Text: "trangthai:quahan", Size: 50, Today: tc.today})
		if got := sorted(keys(r)); !slices.Equal(got, sorted(tc.want)) {
			t.Errorf("today %s: got %q, want %q", tc.today, got, tc.want)
		}
	}
	now := run(t, ix, Query{Text: "trangthai:quahan", Size: 50, Today: time.Now()})
	zero := run(t, ix, Query{Text: "trangthai:quahan", Size: 50})
	if !slices.Equal(sorted(keys(now)), sorted(keys(zero))) {
		t.Errorf("zero Today: %q, now: %q", keys(zero), keys(now))
	}
}

// TestTaskStatusFacet: the "status" facet counts the hits' clauses by their
// tasks' statuses, and the overdue ones by Query.Today.
func TestTaskStatusFacet(t *testing.T) {
	ix := openTasks(t)
	want := []FacetCount{{StatusOverdue, 3}, {StatusNotStarted, 2}, {StatusInProgress, 3}, {StatusDone, 2}, {StatusPaused, 1}, {StatusDropped, 1}}
	r := run(t, ix, Query{Text: "trangthai:conhiemvu", Facets: true, Today: taskToday})
	if got := r.Facets["status"]; !slices.Equal(got, want) {
		t.Errorf("status facet of every task: %v, want %v", got, want)
	}
	// Grouped: still clauses.
	r = run(t, ix, Query{Text: "trangthai:conhiemvu", Facets: true, GroupByDocument: true, Today: taskToday})
	if got := r.Facets["status"]; r.Total != 1 || !slices.Equal(got, want) {
		t.Errorf("grouped: total %d, status facet %v, want %v", r.Total, got, want)
	}
	// Another day, other overdue clauses.
	r = run(t, ix, Query{Text: "trangthai:conhiemvu", Facets: true, Today: time.Date(2027, 1, 1, 0, 0, 0, 0, time.Local)})
	if got := r.Facets["status"]; len(got) == 0 || got[0] != (FacetCount{StatusOverdue, 5}) {
		t.Errorf("status facet in 2027: %v", got)
	}
	// Hits without tasks: no status facet.
	r = run(t, ix, Query{Text: "chuyển đổi số", Facets: true, Today: taskToday})
	if got, ok := r.Facets["status"]; ok {
		t.Errorf("status facet without tasks: %v", got)
	}
	// Every count is what the Statuses filter finds, for queries of all kinds.
	for _, text := range []string{"tinh giản biên chế", "Sở Nội vụ", "sở", `donvi:"Sở Nội vụ"`, "biên chế -kinh", "tinh gian bien che"} {
		for _, grouped := range []bool{false, true} {
			q := Query{Text: text, Facets: true, GroupByDocument: grouped, Today: taskToday}
			r := run(t, ix, q)
			have := map[string]int{}
			for _, fc := range r.Facets["status"] {
				have[fc.Value] = fc.Count
			}
			for _, v := range StatusFacetOrder {
				fq := Query{Text: text, Statuses: []string{v}, Size: 100, Today: taskToday}
				n := 0
				for _, h := range run(t, ix, fq).Hits {
					if !h.IsDocument {
						n++
					}
				}
				if have[v] != n {
					t.Errorf("%q (grouped %v): facet %s = %d, filter finds %d clauses", text, grouped, v, have[v], n)
				}
			}
		}
	}
}

// TestTaskStatusFacetAfterChanges: the status facet follows the index as
// documents change, segments are added and merged.
func TestTaskStatusFacetAfterChanges(t *testing.T) {
	ix := openTasks(t)
	facet := func() []FacetCount {
		t.Helper()
		return run(t, ix, Query{Text: "tinh giản biên chế", Facets: true, Today: taskToday}).Facets["status"]
	}
	before := facet()
	if len(before) == 0 {
		t.Fatal("no status facet")
	}
	// Every open task done: nothing overdue, nothing open.
	cs := slices.Clone(taskDoc.clauses)
	for i := range cs {
		if len(cs[i].TaskStatuses) > 0 {
			cs[i].TaskStatuses, cs[i].TaskDue = []string{StatusDone}, ""
		}
	}
	putTaskDoc(t, ix, cs)
	if got, want := facet(), []FacetCount{{StatusDone, 6}}; !slices.Equal(got, want) {
		t.Errorf("after the tasks are done: %v, want %v", got, want)
	}
	if r := run(t, ix, Query{Text: "trangthai:quahan", Today: taskToday}); len(r.Hits) != 0 {
		t.Errorf("after the tasks are done, overdue: %q", keys(r))
	}
	// Another document with an overdue task, in a segment of its own.
	b := ix.NewBatch()
	if err := b.PutDocument(Document{ID: 21, Kind: "Công văn", Title: "Công văn đôn đốc"}, []Clause{
		{DocumentID: 21, Seq: 1, Address: "1", Text: "Đôn đốc tinh giản biên chế.", TaskStatuses: []string{StatusNotStarted}, TaskDue: "2026-02-01"},
	}); err != nil {
		t.Fatal(err)
	}
	if err := ix.Apply(b); err != nil {
		t.Fatal(err)
	}
	want := []FacetCount{{StatusOverdue, 1}, {StatusNotStarted, 1}, {StatusDone, 6}}
	if got := facet(); !slices.Equal(got, want) {
		t.Errorf("with document 21: %v, want %v", got, want)
	}
	if err := ix.Compact(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := facet(); !slices.Equal(got, want) {
		t.Errorf("after compact: %v, want %v", got, want)
	}
	putTaskDoc(t, ix, taskDoc.clauses)
	want = []FacetCount{{StatusOverdue, 4}, {StatusNotStarted, 3}, {StatusInProgress, 2}, {StatusDone, 2}, {StatusDropped, 1}}
	if got := facet(); !slices.Equal(got, want) {
		t.Errorf("tasks back: %v, want %v", got, want)
	}
}

// TestStatusesFilter: Query.Statuses keeps the clauses with a task of one of
// the statuses, or overdue ("qua_han"), AND with the other filters.
func TestStatusesFilter(t *testing.T) {
	ix := openTasks(t)
	for _, tc := range []struct {
		q    Query
		want []string
	}{
		{Query{Text: "tinh giản biên chế", Statuses: []string{StatusOverdue}}, c20(1, 2, 6)},
		{Query{Text: "tinh giản biên chế", Statuses: []string{StatusPaused, StatusDropped}}, c20(8)},
		{Query{Text: "tinh giản biên chế", Statuses: []string{StatusDone, StatusOverdue}}, c20(1, 2, 5, 6)},
		{Query{Text: "tinh giản biên chế", Statuses: []string{"Quá hạn"}}, c20(1, 2, 6)},
		{Query{Text: "tinh giản biên chế", Statuses: []string{StatusOverdue}, Units: []string{"Sở Nội vụ"}}, c20(1, 6)},
		{Query{Text: "tinh giản biên chế", Statuses: []string{StatusNotStarted}, Kinds: []string{"Chỉ thị"}}, nil},
		{Query{Text: "trangthai:dangthuchien", Statuses: []string{StatusOverdue}}, c20(1, 6)},
		{Query{Text: "Sở", Statuses: []string{StatusOverdue}, Today: time.Date(2026, 1, 1, 0, 0, 0, 0, time.Local)}, nil},
	} {
		if tc.q.Today.IsZero() {
			tc.q.Today = taskToday
		}
		tc.q.Size = 50
		r := run(t, ix, tc.q)
		if got := sorted(keys(r)); !slices.Equal(got, sorted(tc.want)) {
			t.Errorf("%q %v: got %q, want %q", tc.q.Text, tc.q.Statuses, got, tc.want)
		}
	}
}

// TestTaskStatusErrors: an unknown trangthai: or Statuses value is a
// QueryError that tells, in Vietnamese, which values are accepted.
func TestTaskStatusErrors(t *testing.T) {
	ix := openTasks(t)
	for _, q := range []Query{
		{Text: "trangthai:xong"},
		{Text: "tinh giản tt:trễ"},
		{Text: "trangthai:quá"}, // the start of a status only
		{Text: "-trangthai:abc biên chế"},
		{Text: "biên chế", Statuses: []string{"overdue"}},
	} {
		_, err := ix.Search(context.Background(), q)
		var qe *QueryError
		if !errors.As(err, &qe) {
			t.Errorf("%q %v: error %v, want a QueryError", q.Text, q.Statuses, err)
			continue
		}
		msg := err.Error()
		for _, s := range []string{"Không hiểu trạng thái", "quahan (quá hạn)", "chuatrienkhai (chưa triển khai)", "dangthuchien", "hoanthanh", "tamdung", "khongthuchien", "conhiemvu (có nhiệm vụ)"} {
			if !strings.Contains(msg, s) {
				t.Errorf("%q: message %q lacks %q", q.Text, msg, s)
			}
		}
		if qe.Field != "trangthai" || qe.Value == "" || !strings.Contains(msg, qe.Value) {
			t.Errorf("%q: %+v", q.Text, qe)
		}
	}
	// An empty value is no filter, as for the other fields.
	if _, err := ix.Search(context.Background(), Query{Text: "biên chế trangthai:"}); err != nil {
		t.Errorf("empty value: %v", err)
	}
}

// TestTaskFieldsChecked: PutDocument refuses an unknown status, a malformed
// due date or a due date without an open task, and leaves the batch as it
// was.
func TestTaskFieldsChecked(t *testing.T) {
	ix := openFixture(t)
	for _, c := range []Clause{
		{TaskStatuses: []string{"overdue"}},
		{TaskStatuses: []string{StatusInProgress}, TaskDue: "30/06/2026"},
		{TaskStatuses: []string{StatusInProgress}, TaskDue: "2026-02-30"},
		{TaskStatuses: []string{StatusDone}, TaskDue: "2026-06-30"},
		{TaskDue: "2026-06-30"},
	} {
		b := ix.NewBatch()
		c.DocumentID, c.Seq, c.Text = 30, 2, "Nội dung"
		err := b.PutDocument(Document{ID: 30, Title: "Thử"}, []Clause{{DocumentID: 30, Seq: 1, Text: "Mở đầu"}, c})
		if err == nil || b.Size() != 0 {
			t.Errorf("%+v: error %v, batch size %d", c, err, b.Size())
		}
	}
}

// TestTaskStatusNotHighlighted: a trangthai: value marks nothing in the
// hits' text; the query's words do.
func TestTaskStatusNotHighlighted(t *testing.T) {
	ix := openTasks(t)
	r := run(t, ix, Query{Text: `biên chế trangthai:"quá hạn"`, Today: taskToday})
	var h *Hit
	for i := range r.Hits {
		if r.Hits[i].keyString() == "c20:1" {
			h = &r.Hits[i]
		}
	}
	if h == nil {
		t.Fatalf("no c20:1 in %q", keys(r))
	}
	var got []string
	for _, f := range h.Fragments {
		for _, hl := range f.Highlights {
			got = append(got, f.Text[hl[0]:hl[1]])
		}
	}
	if want := []string{"biên chế"}; !slices.Equal(got, want) {
		t.Errorf("highlighted %q, want %q", got, want)
	}
	m := newMarker(parseQuery("tt:quahan trangthai:\"quá hạn\" trangthai:tạm dừng "), nil, true)
	if s := m.spans("Báo cáo quá hạn, tạm dừng, quahan"); len(s) != 0 {
		t.Errorf("trangthai: marks %v", s)
	}
}

// TestTaskStatusValues: how status values are read.
func TestTaskStatusValues(t *testing.T) {
	for _, tc := range []struct {
		in, want string
	}{
		{"quahan", StatusOverdue}, {"Quá hạn", StatusOverdue}, {"qua_han", StatusOverdue}, {"QUÁ-HẠN", StatusOverdue},
		{"chuatrienkhai", StatusNotStarted}, {"Chưa triển khai", StatusNotStarted}, {"chua_trien_khai", StatusNotStarted},
		{"dangthuchien", StatusInProgress}, {"đang thực hiện", StatusInProgress},
		{"hoanthanh", StatusDone}, {"hoàn thành", StatusDone},
		{"tamdung", StatusPaused}, {"tạm dừng", StatusPaused},
		{"khongthuchien", StatusDropped}, {"không thực hiện", StatusDropped},
		{"conhiemvu", statusAny}, {"có nhiệm vụ", statusAny},
		{"co\u0301 nhiê\u0323m vu\u0323", statusAny}, // decomposed marks
		{"xong", ""}, {"qua", ""}, {"", ""},
	} {
		got, ok := taskStatus(tc.in)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("taskStatus(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
	for code, want := range map[string]string{StatusOverdue: "Quá hạn", StatusNotStarted: "Chưa triển khai", StatusDropped: "Không thực hiện", "khac": "khac"} {
		if got := StatusLabel(code); got != want {
			t.Errorf("StatusLabel(%q) = %q, want %q", code, got, want)
		}
	}
}
