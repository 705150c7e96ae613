package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestTasksCommands: propose from a file without a library (the JSON names
// other tools read), create the proposals of a library document, list, note,
// export.
func TestTasksCommands(t *testing.T) {
	if _, err := os.Stat(corpus); err != nil {
		t.Fatalf("test corpus missing: %v", err)
	}
	plan := filepath.Join(corpus, "text", "kh-tu-2020-thuc-hien-kl74-tw.txt")
	out, errs, code := run(t, "tasks", "propose", plan, "--json")
	if code != 0 {
		t.Fatalf("propose: %d %s", code, errs)
	}
	var got struct {
		Tasks []map[string]any `json:"tasks"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Tasks) < 10 {
		t.Fatalf("%d proposals", len(got.Tasks))
	}
	for _, k := range []string{"title", "clause", "lead", "support", "deadline", "deadline_text", "recurrence", "target"} {
		if _, ok := got.Tasks[0][k]; !ok {
			t.Errorf("proposal JSON lacks %q: %v", k, got.Tasks[0])
		}
	}
	var staff, report map[string]any
	for _, p := range got.Tasks {
		if g, ok := p["target"].(map[string]any); ok && g["amount"] == 10.0 {
			staff = p
		}
		if p["clause"] == "B.III.3" {
			report = p
		}
	}
	if staff == nil || staff["deadline"] != "2021-12-31" || staff["target"].(map[string]any)["baseline"] != 2015.0 {
		t.Errorf("staff reduction proposal: %v", staff)
	}
	if report == nil || report["recurrence"] != "semiannual" || len(report["lead"].([]any)) == 0 || report["lead"].([]any)[0] != "Ban Tổ chức Tỉnh ủy" {
		t.Errorf("B.III.3 proposal: %v", report)
	}

	lib := t.TempDir()
	if _, errs, code := run(t, "--library", lib, "import", plan); code != 0 {
		t.Fatal(errs)
	}
	out, errs, code = run(t, "--library", lib, "--json", "tasks", "propose", "1", "--accept-all")
	if code != 0 {
		t.Fatalf("accept-all: %s", errs)
	}
	var created struct {
		Created []int64 `json:"created"`
	}
	json.Unmarshal([]byte(out), &created)
	if len(created.Created) != len(got.Tasks) {
		t.Errorf("created %d tasks from %d proposals", len(created.Created), len(got.Tasks))
	}
	first := created.Created
	// A second run creates nothing more.
	created.Created = nil
	out, _, _ = run(t, "--library", lib, "--json", "tasks", "propose", "1", "--accept-all")
	json.Unmarshal([]byte(out), &created)
	if len(created.Created) != 0 {
		t.Errorf("a second --accept-all created %d tasks", len(created.Created))
	}
	if len(first) == 0 {
		t.Fatal("no task created")
	}
	id := strconv.FormatInt(first[0], 10)
	if _, errs, code := run(t, "--library", lib, "tasks", "note", id, "--text", "Đã triển khai, theo Báo cáo số 12-BC/BTCTU.", "--by", "Ban Tổ chức Tỉnh ủy",
		"--date", "2026-06-20", "--progress", "30", "--status", "đang thực hiện"); code != 0 {
		t.Fatalf("note: %s", errs)
	}
	out, errs, code = run(t, "--library", lib, "--json", "tasks", "list", "--status", "dang_thuc_hien")
	if code != 0 {
		t.Fatal(errs)
	}
	var list struct {
		Tasks []struct {
			ID         int64  `json:"id"`
			Status     string `json:"status"`
			Progress   int    `json:"progress"`
			LastReport string `json:"last_report"`
		} `json:"tasks"`
		Counts struct {
			Total int `json:"total"`
		} `json:"counts"`
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatal(err)
	}
	if len(list.Tasks) != 1 || list.Tasks[0].Progress != 30 || list.Tasks[0].LastReport != "2026-06-20" {
		t.Errorf("in-progress tasks after the note: %+v", list.Tasks)
	}
	if _, errs, code := run(t, "--library", lib, "tasks", "list", "--status", "xong"); code != 2 || !strings.Contains(errs, "không có tình trạng") {
		t.Errorf("unknown status: code %d, %q", code, errs)
	}
	if _, errs, code := run(t, "--library", lib, "tasks", "note", "99999", "--text", "x"); code == 0 || !strings.Contains(errs, "không có nhiệm vụ này") {
		t.Errorf("note on a missing task: code %d, %q", code, errs)
	}
	xlsx := filepath.Join(t.TempDir(), "nv.xlsx")
	if _, errs, code := run(t, "--library", lib, "tasks", "export", "--xlsx", xlsx); code != 0 {
		t.Fatal(errs)
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Nhiệm vụ")
	if len(rows) != len(got.Tasks)+1 || rows[0][3] != "Nhiệm vụ" {
		t.Errorf("xlsx: %d rows, header %v", len(rows), rows[0])
	}
}
