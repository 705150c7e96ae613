package app_test

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"chidao/app"
	"chidao/report"
	"chidao/store"

	fitz "github.com/gen2brain/go-fitz"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"
)

// words is s folded to its words, for checking that text came through a
// layout that breaks lines anywhere.
func words(s string) string {
	s = strings.ReplaceAll(norm.NFC.String(s), "…", " ")
	return strings.Join(strings.Fields(s), " ")
}

func pdfText(t testing.TB, b []byte) string {
	t.Helper()
	doc, err := fitz.NewFromMemory(b)
	if err != nil {
		t.Fatal(err)
	}
	defer doc.Close()
	var sb strings.Builder
	for p := range doc.NumPage() {
		s, err := doc.Text(p)
		if err != nil {
			t.Fatal(err)
		}
		sb.WriteString(s + "\n")
	}
	return sb.String()
}

var xmlTag = regexp.MustCompile(`<[^>]+>`)

func docxText(t testing.TB, b []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			x, _ := io.ReadAll(rc)
			rc.Close()
			s := strings.NewReplacer("</w:p>", "\n", "&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#39;", "'").Replace(string(x))
			return xmlTag.ReplaceAllString(s, "")
		}
	}
	t.Fatal("no word/document.xml")
	return ""
}

func xlsxText(t testing.TB, b []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var sb strings.Builder
	for _, sh := range f.GetSheetList() {
		rows, _ := f.GetRows(sh)
		for _, r := range rows {
			sb.WriteString(strings.Join(r, "\n") + "\n")
		}
	}
	return sb.String()
}

// compact is s without white space (and without the ellipsis of cut titles).
func compact(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(norm.NFC.String(s), "-\n", "-")), "")
}

// missingWords reports the words of want missing from got (text laid out in
// narrow cells breaks lines between any two words, and hyphenates nothing).
func missingWords(got, want string) []string {
	have := map[string]bool{}
	for _, w := range strings.Fields(words(got)) {
		have[strings.Trim(w, ".,;:()[]")] = true
	}
	var miss []string
	for _, w := range strings.Fields(words(want)) {
		w = strings.Trim(w, ".,;:()[]")
		if w != "" && !have[w] {
			miss = append(miss, w)
		}
	}
	return miss
}

// TestPlanReport: the sample plan's report for the first half of 2026 in the
// three formats, read back: every task, unit, status and note of the scope
// appears; a saved report reprints unchanged after the data moves on.
func TestPlanReport(t *testing.T) {
	l, id, vs := planTasks(t)
	ctx := context.Background()
	if err := l.SetReportOffice(ctx, report.Office{Format: report.Party, Parent: "TỈNH ỦY KIÊN GIANG", Name: "BAN TỔ CHỨC",
		Code: "BTCTU", Place: "Kiên Giang", Authority: "K/T TRƯỞNG BAN", Title: "PHÓ TRƯỞNG BAN", Signer: "Nguyễn Văn An",
		Recipients: []string{"Thường trực Tỉnh ủy (b/c)"}}); err != nil {
		t.Fatal(err)
	}
	notes := map[int64]string{}
	for i, v := range vs[:6] {
		body := fmt.Sprintf("Đơn vị đã triển khai nội dung thứ %d, tổ chức hội nghị quán triệt tại các huyện, thị xã, thành phố; kết quả bước đầu đạt yêu cầu đề ra.", i+1)
		if _, err := l.AddNote(ctx, store.Note{TaskID: v.ID, ReportedOn: "2026-05-1" + fmt.Sprint(i), Reporter: "Ban Tổ chức Tỉnh ủy",
			Body: body, Progress: 10 * (i + 1), Status: store.StatusInProgress}, nil); err != nil {
			t.Fatal(err)
		}
		notes[v.ID] = body
	}
	// A note outside the period does not appear.
	if _, err := l.AddNote(ctx, store.Note{TaskID: vs[0].ID, ReportedOn: "2026-08-01", Body: "Ghi chú quý III không thuộc kỳ báo cáo.", Progress: -1}, nil); err != nil {
		t.Fatal(err)
	}
	req := app.ReportRequest{Scope: app.ScopePlan, DocumentID: id, Period: "h1-2026", Stats: true, Overdue: true}
	data, err := l.BuildReport(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(data.Report.Subject, "Kết quả thực hiện Kế hoạch") || !strings.HasSuffix(data.Report.Subject, "(6 tháng đầu năm 2026)") {
		t.Errorf("subject %q", data.Report.Subject)
	}
	outs := map[string]string{}
	for _, f := range []string{app.FormatPDF, app.FormatDOCX, app.FormatXLSX} {
		var buf bytes.Buffer
		if err := app.WriteReport(&buf, &data.Report, f); err != nil {
			t.Fatal(err)
		}
		switch f {
		case app.FormatPDF:
			outs[f] = pdfText(t, buf.Bytes())
		case app.FormatDOCX:
			outs[f] = docxText(t, buf.Bytes())
		default:
			outs[f] = xlsxText(t, buf.Bytes())
		}
	}
	for f, text := range outs {
		if !norm.NFC.IsNormalString(text) {
			t.Errorf("%s: text is not NFC", f)
		}
		for _, want := range []string{"BÁO CÁO", "TỈNH ỦY KIÊN GIANG", "Nguyễn Văn An", "TÌNH HÌNH CHUNG", "NHIỆM VỤ QUÁ HẠN", "ĐỀ XUẤT, KIẾN NGHỊ"} {
			if !strings.Contains(words(text), want) {
				t.Errorf("%s lacks %q", f, want)
			}
		}
		if strings.Contains(text, "quý III không thuộc") {
			t.Errorf("%s shows a note outside the period", f)
		}
		for _, v := range vs {
			want := v.Title + " " + v.MainClause() + " " + app.StatusLabel(v.Status)
			for _, u := range append(v.Lead, v.Support...) {
				want += " " + u.Name
			}
			if n, ok := notes[v.ID]; ok {
				want += " " + n
			}
			if miss := missingWords(text, want); len(miss) > 0 {
				t.Errorf("%s: task %d (%s) misses %q", f, v.ID, v.MainClause(), miss)
			}
			// Each cell's text comes back whole, in order (lines broken
			// anywhere: compare without white space).
			for _, cell := range []string{v.Title + " (" + v.MainClause() + ")", notes[v.ID]} {
				if !strings.Contains(compact(text), compact(cell)) {
					t.Errorf("%s: task %d: cell %q not found whole", f, v.ID, cell)
				}
			}
		}
	}
	// Saved, the report reprints as it was, though a new note arrives.
	sid, err := l.SaveReport(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.AddNote(ctx, store.Note{TaskID: vs[1].ID, ReportedOn: "2026-06-15", Body: "Báo cáo bổ sung sau khi đã lập báo cáo.", Progress: -1}, nil); err != nil {
		t.Fatal(err)
	}
	again, err := l.SavedReport(ctx, sid)
	if err != nil {
		t.Fatal(err)
	}
	var before, after bytes.Buffer
	report.WritePDF(&before, &data.Report)
	report.WritePDF(&after, &again.Report)
	if a, b := pdfText(t, before.Bytes()), pdfText(t, after.Bytes()); a != b {
		t.Errorf("the reprinted report differs from the one saved")
	}
	if len(again.Tasks) != len(vs) || len(again.Notes) != 6 {
		t.Errorf("snapshot keeps %d tasks and notes of %d tasks", len(again.Tasks), len(again.Notes))
	}
	fresh, _ := l.BuildReport(ctx, req)
	var now bytes.Buffer
	report.WritePDF(&now, &fresh.Report)
	if !strings.Contains(words(pdfText(t, now.Bytes())), "Báo cáo bổ sung") {
		t.Errorf("a new report lacks the new note")
	}
}

// TestReportRequests: periods, scopes and groupings a clerk can ask for, and
// the mistakes refused with a reason.
func TestReportRequests(t *testing.T) {
	today := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	for in, want := range map[string][3]string{
		"h1-2026":                {"2026-01-01", "2026-06-30", "6 tháng đầu năm 2026"},
		"H2/2025":                {"2025-07-01", "2025-12-31", "6 tháng cuối năm 2025"},
		"q1-2026":                {"2026-01-01", "2026-03-31", "quý I năm 2026"},
		"q4-2024":                {"2024-10-01", "2024-12-31", "quý IV năm 2024"},
		"2026":                   {"2026-01-01", "2026-12-31", "năm 2026"},
		"this-half":              {"2026-07-01", "2026-12-31", "6 tháng cuối năm 2026"},
		"this-year":              {"2026-01-01", "2026-12-31", "năm 2026"},
		"2026-02-01..2026-02-28": {"2026-02-01", "2026-02-28", "từ ngày 01/02/2026 đến ngày 28/02/2026"},
		"":                       {"", "", ""},
	} {
		from, to, label, err := app.ParsePeriod(in, today)
		if err != nil || [3]string{from, to, label} != want {
			t.Errorf("ParsePeriod(%q) = %q %q %q %v, want %v", in, from, to, label, err, want)
		}
	}
	for _, bad := range []string{"h3-2026", "2026-06-30..2026-01-01", "nửa năm"} {
		if _, _, _, err := app.ParsePeriod(bad, today); err == nil {
			t.Errorf("ParsePeriod(%q) accepted", bad)
		}
	}
	l, id, vs := planTasks(t)
	ctx := context.Background()
	for _, g := range []string{app.GroupSections, app.GroupUnits, app.GroupStatus} {
		data, err := l.BuildReport(ctx, app.ReportRequest{Scope: app.ScopePlan, DocumentID: id, Group: g})
		if err != nil {
			t.Fatal(err)
		}
		rows, groups := 0, 0
		for _, b := range data.Report.Blocks {
			if b.Table != nil && b.Table.Caption == "Kết quả thực hiện nhiệm vụ" {
				for _, r := range b.Table.Rows {
					if r.Group {
						groups++
					} else {
						rows++
					}
				}
			}
		}
		if rows != len(vs) || groups == 0 {
			t.Errorf("group %s: %d task rows in %d groups, want %d rows", g, rows, groups, len(vs))
		}
	}
	unit := vs[len(vs)-1].Lead[0].ID
	data, err := l.BuildReport(ctx, app.ReportRequest{Scope: app.ScopeUnit, UnitID: unit, Group: app.GroupUnits})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range data.Tasks {
		found := false
		for _, u := range append(v.Lead, v.Support...) {
			found = found || u.ID == unit
		}
		if !found {
			t.Errorf("unit report holds task %d not of unit %s", v.ID, unit)
		}
	}
	for _, bad := range []app.ReportRequest{{Scope: "everything"}, {Scope: app.ScopeUnit, UnitID: "no-such-unit"}, {Scope: app.ScopeAll, Period: "h3"}, {Scope: app.ScopeAll, Date: "5/7/2026"}} {
		if _, err := l.BuildReport(ctx, bad); err == nil {
			t.Errorf("request %+v accepted", bad)
		}
	}
}

// BenchmarkReport1000 builds and writes to PDF a report of 1,000 tasks with
// long notes (the DESIGN target: ≤ 3 s).
func BenchmarkReport1000(b *testing.B) {
	needCorpus(b)
	l := openLib(b, app.Options{UserName: "van-thu"})
	ctx := context.Background()
	id := importPaths(b, l, filepath.Join(corpus, "text", "kh-tu-2020-thuc-hien-kl74-tw.txt"))[0].DocumentID
	cs, _ := l.Clauses(ctx, id)
	ts := make([]store.Task, 1000)
	for i := range ts {
		c := cs[i%len(cs)]
		ts[i] = store.Task{DocumentID: id, Clauses: []store.ClauseRef{{Clause: c.Address}}, Title: fmt.Sprintf("Nhiệm vụ %d: %s", i+1, c.Text[:min(len(c.Text), 180)]),
			Lead: []store.TaskUnit{{ID: "ban-to-chuc-tinh-uy", Name: "Ban Tổ chức Tỉnh ủy"}}, Support: []store.TaskUnit{{ID: "so-noi-vu", Name: "Sở Nội vụ"}},
			Due: "2026-06-30", DeadlineText: "trước ngày 30/6/2026"}
	}
	ids, err := l.CreateTasks(ctx, ts)
	if err != nil {
		b.Fatal(err)
	}
	long := strings.Repeat("Đã tổ chức quán triệt, triển khai thực hiện đến các chi bộ, đảng bộ trực thuộc; rà soát, sắp xếp tổ chức bộ máy theo hướng tinh gọn. ", 3)
	for i, tid := range ids {
		if _, err := l.AddNote(ctx, store.Note{TaskID: tid, ReportedOn: "2026-05-20", Reporter: "Sở Nội vụ", Body: fmt.Sprintf("Báo cáo %d. %s", i, long), Progress: 50}, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for range b.N {
		data, err := l.BuildReport(ctx, app.ReportRequest{Scope: app.ScopePlan, DocumentID: id, Period: "h1-2026", Stats: true, Overdue: true})
		if err != nil {
			b.Fatal(err)
		}
		if err := app.WriteReport(io.Discard, &data.Report, app.FormatPDF); err != nil {
			b.Fatal(err)
		}
	}
}

// TestReportAsOfPeriodEnd: a report on a past half-year shows each task as it
// stood at the half-year's end — statuses and progress from the notes dated
// up to then, not from later notes or later edits — and what was overdue then.
func TestReportAsOfPeriodEnd(t *testing.T) {
	l, id, vs := planTasks(t) // the library's clock: 2026-11-26
	ctx := context.Background()
	a, b := vs[0], vs[1]
	for _, n := range []store.Note{
		{TaskID: a.ID, ReportedOn: "2026-05-10", Body: "Đang triển khai.", Progress: 40, Status: store.StatusInProgress},
		{TaskID: a.ID, ReportedOn: "2026-08-01", Body: "Đã hoàn thành.", Progress: 100, Status: store.StatusDone},
	} {
		if _, err := l.AddNote(ctx, n, nil); err != nil {
			t.Fatal(err)
		}
	}
	paused := b.Task
	paused.Status = store.StatusPaused
	if err := l.UpdateTask(ctx, paused); err != nil {
		t.Fatal(err)
	}
	status := func(data *app.ReportData, id int64) (string, int) {
		for _, v := range data.Tasks {
			if v.ID == id {
				return v.Status, v.Progress
			}
		}
		t.Fatalf("task %d not in the report", id)
		return "", 0
	}
	h1, err := l.BuildReport(ctx, app.ReportRequest{Scope: app.ScopePlan, DocumentID: id, Period: "h1-2026", Stats: true})
	if err != nil {
		t.Fatal(err)
	}
	if h1.AsOf != "2026-06-30" {
		t.Errorf("as of %q, want the half-year's end", h1.AsOf)
	}
	if st, p := status(h1, a.ID); st != store.StatusInProgress || p != 40 {
		t.Errorf("H1 report: task A %s %d%%, want in progress 40%%", st, p)
	}
	if st, _ := status(h1, b.ID); st != store.StatusNotStarted {
		t.Errorf("H1 report: task B %s, want not started (paused only in November)", st)
	}
	year, _ := l.BuildReport(ctx, app.ReportRequest{Scope: app.ScopePlan, DocumentID: id, Period: "2026"})
	if st, p := status(year, a.ID); st != store.StatusDone || p != 100 {
		t.Errorf("2026 report (not over): task A %s %d%%, want done 100%%", st, p)
	}
	if st, _ := status(year, b.ID); st != store.StatusPaused {
		t.Errorf("2026 report: task B %s, want paused", st)
	}
	var sum string
	for _, blk := range h1.Report.Blocks {
		if strings.HasPrefix(blk.Paragraph, "Tổng số nhiệm vụ") {
			sum = blk.Paragraph
		}
	}
	if !strings.Contains(sum, "Đến ngày 30/06/2026") {
		t.Errorf("summary %q does not speak of the half-year's end", sum)
	}
}
