package index

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"chidao/index/analysis"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/numeric"
	"github.com/blevesearch/bleve/v2/search/query"
	"golang.org/x/text/unicode/norm"
)

// Task statuses, as the store keeps them and the index holds them: the
// values of Clause.TaskStatuses, of Query.Statuses and of the "status"
// facet. StatusOverdue is no task's status: it names the clauses with an
// open task (not started or in progress) whose due date is past.
const (
	StatusNotStarted = "chua_trien_khai" // Chưa triển khai
	StatusInProgress = "dang_thuc_hien"  // Đang thực hiện
	StatusDone       = "hoan_thanh"      // Hoàn thành
	StatusPaused     = "tam_dung"        // Tạm dừng
	StatusDropped    = "khong_thuc_hien" // Không thực hiện
	StatusOverdue    = "qua_han"         // Quá hạn: an open task past its due date
)

// statusAny is the filter of the clauses with any task (trangthai:conhiemvu).
const statusAny = "co_nhiem_vu"

// taskStatuses are a task's statuses, in the order the interface shows them.
var taskStatuses = [...]string{StatusNotStarted, StatusInProgress, StatusDone, StatusPaused, StatusDropped}

// StatusFacetOrder is the order of the "status" facet's values: overdue
// first, then the statuses in the order the interface shows them.
var StatusFacetOrder = []string{StatusOverdue, StatusNotStarted, StatusInProgress, StatusDone, StatusPaused, StatusDropped}

// statusNames are the Vietnamese names of the statuses and filters, in the
// order the error message lists them.
var statusNames = []struct{ code, name string }{
	{StatusOverdue, "Quá hạn"},
	{StatusNotStarted, "Chưa triển khai"},
	{StatusInProgress, "Đang thực hiện"},
	{StatusDone, "Hoàn thành"},
	{StatusPaused, "Tạm dừng"},
	{StatusDropped, "Không thực hiện"},
	{statusAny, "Có nhiệm vụ"},
}

// StatusLabel is the Vietnamese name of a status ("chua_trien_khai" →
// "Chưa triển khai", "qua_han" → "Quá hạn"); the value itself when unknown.
func StatusLabel(code string) string {
	for _, s := range statusNames {
		if s.code == code {
			return s.name
		}
	}
	return code
}

// statusKey is how a status is compared: folded, lower case, letters and
// digits only ("Quá hạn", "qua_han", "QUAHAN" → "quahan").
func statusKey(v string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(analysis.Fold(norm.NFC.String(v))) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// statusByKey maps the key of each accepted value to its code.
var statusByKey = func() map[string]string {
	m := map[string]string{}
	for _, s := range statusNames {
		m[statusKey(s.code)] = s.code
		m[statusKey(s.name)] = s.code
	}
	return m
}()

// taskStatus reads a status as the user may type it, with or without
// diacritics, spaces or underscores ("quá hạn", "quahan", "qua_han"): its
// code, statusAny for "có nhiệm vụ", false when unknown.
func taskStatus(v string) (string, bool) {
	c, ok := statusByKey[statusKey(v)]
	return c, ok
}

// statusPrefix reports whether v may be the start of a status written in
// several words ("quá" of "quá hạn").
func statusPrefix(v string) bool {
	k := statusKey(v)
	if k == "" {
		return false
	}
	for key := range statusByKey {
		if strings.HasPrefix(key, k) {
			return true
		}
	}
	return false
}

// isOpen reports whether a task of this status is still to be done.
func isOpen(status string) bool { return status == StatusNotStarted || status == StatusInProgress }

// dayNumber is the date of t as the number yyyymmdd, in t's location;
// today when t is zero.
func dayNumber(t time.Time) int {
	if t.IsZero() {
		t = time.Now()
	}
	y, m, d := t.Date()
	return y*10000 + int(m)*100 + d
}

// dueNumber reads an ISO date ("2026-06-30") as the number 20260630.
func dueNumber(s string) (int, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0, fmt.Errorf("task due date %q is not an ISO date (2006-01-02)", s)
	}
	return dayNumber(t), nil
}

// clauseTasks is what a clause doc holds of its tasks.
type clauseTasks struct {
	statuses []string // distinct, sorted
	due      int      // yyyymmdd, 0 for none
}

// taskValues checks and reads a clause's task fields: its distinct
// statuses and, when it has an open task, the earliest due date among them.
func taskValues(c Clause) (clauseTasks, error) {
	var t clauseTasks
	open := false
	for _, s := range c.TaskStatuses {
		if !slices.Contains(taskStatuses[:], s) {
			return t, fmt.Errorf("unknown task status %q", s)
		}
		if !slices.Contains(t.statuses, s) {
			t.statuses = append(t.statuses, s)
		}
		open = open || isOpen(s)
	}
	slices.Sort(t.statuses)
	if c.TaskDue != "" {
		if !open {
			return t, fmt.Errorf("task due date %s without an open task (statuses %v)", c.TaskDue, c.TaskStatuses)
		}
		n, err := dueNumber(c.TaskDue)
		if err != nil {
			return t, err
		}
		t.due = n
	}
	return t, nil
}

// set puts the task fields in a clause doc; a clause without tasks gets
// neither.
func (t clauseTasks) set(m map[string]interface{}) {
	if len(t.statuses) > 0 {
		m[fTask] = t.statuses
	}
	if t.due > 0 {
		m[fTaskDue] = t.due
	}
}

// statusQuery matches the clauses of a status code (taskStatus): those
// with a task of that status; for StatusOverdue, those whose earliest open
// due date is before today (yyyymmdd); for statusAny, those with any task.
func statusQuery(code string, today int) query.Query {
	switch code {
	case StatusOverdue:
		lo, hi := 1.0, float64(today)
		incl, excl := true, false
		q := query.NewNumericRangeInclusiveQuery(&lo, &hi, &incl, &excl)
		q.SetField(fTaskDue)
		return q
	case statusAny:
		qs := make([]query.Query, len(taskStatuses))
		for i, s := range taskStatuses {
			qs[i] = termQ(s, fTask, 1)
		}
		return query.NewDisjunctionQuery(qs)
	}
	return termQ(code, fTask, 1)
}

// statusBits is how many low bits of a packed tasks value hold statuses
// (bit i: taskStatuses[i]); the due date yyyymmdd is above them.
const statusBits = 5

// segTasks reads the tasks of a segment's docs from the postings of the
// task fields: for each doc number, its statuses and due date, packed as
// due<<statusBits | status bits (0: no task); nil when the segment has no
// task.
func segTasks(s *scorch.SegmentSnapshot) ([]uint32, error) {
	var tab []uint32
	for _, f := range []string{fTask, fTaskDue} {
		dict, err := s.Segment().Dictionary(f)
		if err != nil {
			return nil, err
		}
		var terms [][]byte
		var vals []uint32
		if f == fTask {
			for i, st := range taskStatuses {
				terms = append(terms, []byte(st))
				vals = append(vals, 1<<i)
			}
		} else {
			// The exact values: the numeric terms of shift 0.
			it := dict.AutomatonIterator(nil, []byte{numeric.ShiftStartInt64}, []byte{numeric.ShiftStartInt64 + 1})
			for {
				e, err := it.Next()
				if err != nil {
					return nil, err
				}
				if e == nil {
					break
				}
				i, err := numeric.PrefixCoded(e.Term).Int64()
				if err != nil {
					return nil, err
				}
				due := numeric.Int64ToFloat64(i)
				if due < 1 || due > 99991231 {
					continue // not a date (none is indexed)
				}
				terms = append(terms, []byte(e.Term))
				vals = append(vals, uint32(due)<<statusBits)
			}
		}
		for k, term := range terms {
			pl, err := dict.PostingsList(term, nil, nil)
			if err != nil {
				return nil, err
			}
			it := pl.Iterator(false, false, false, nil)
			for {
				p, err := it.Next()
				if err != nil {
					return nil, err
				}
				if p == nil {
					break
				}
				if tab == nil {
					tab = make([]uint32, s.FullSize())
				}
				if n := p.Number(); n < uint64(len(tab)) {
					tab[n] |= vals[k]
				}
			}
		}
	}
	return tab, nil
}

// taskTally counts hits by the statuses of their tasks (a hit counts under
// each), and the overdue ones: those whose earliest open due date is before
// today (yyyymmdd).
type taskTally struct {
	today   int
	n       [len(taskStatuses)]int
	overdue int
}

// add counts a hit of packed tasks v (see segTasks).
func (t *taskTally) add(v uint32) {
	for i := range t.n {
		if v&(1<<i) != 0 {
			t.n[i]++
		}
	}
	if due := int(v >> statusBits); due > 0 && due < t.today {
		t.overdue++
	}
}

// facet is the "status" facet of the counts: the statuses and
// StatusOverdue, in StatusFacetOrder, counts of 0 left out; nil for a nil
// tally.
func (t *taskTally) facet() []FacetCount {
	if t == nil {
		return nil
	}
	var out []FacetCount
	for _, v := range StatusFacetOrder {
		n := t.overdue
		if i := slices.Index(taskStatuses[:], v); i >= 0 {
			n = t.n[i]
		}
		if n > 0 {
			out = append(out, FacetCount{Value: v, Count: n})
		}
	}
	return out
}

// QueryError is a mistake in a query that the user must fix, such as an
// unknown trangthai: value. Its message is in Vietnamese, for the user.
type QueryError struct {
	Field string // the field's canonical name: "trangthai"
	Value string // the value as typed
	Msg   string
}

// Error returns the message for the user.
func (e *QueryError) Error() string { return e.Msg }

// statusError is the error of an unknown status value.
func statusError(v string) *QueryError {
	var list []string
	for _, s := range statusNames {
		list = append(list, statusKey(s.code)+" ("+strings.ToLower(s.name)+")")
	}
	return &QueryError{Field: "trangthai", Value: v, Msg: "Không hiểu trạng thái " + strconv.Quote(v) +
		" của trangthai:, hãy dùng một trong các giá trị: " + strings.Join(list, ", ") +
		` (gõ có dấu hay không dấu đều được, ví dụ trangthai:quahan hoặc trangthai:"quá hạn").`}
}

// checkQuery reports the first mistake in a parsed query: an unknown
// trangthai: value.
func checkQuery(n *node) error {
	if n == nil {
		return nil
	}
	if n.kind == nField && n.field == "trangthai" {
		if _, ok := taskStatus(n.text); !ok {
			return statusError(n.text)
		}
	}
	for _, k := range n.kids {
		if err := checkQuery(k); err != nil {
			return err
		}
	}
	return nil
}
