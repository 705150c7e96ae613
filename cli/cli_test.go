package cli_test

import (
	"bufio"
	"bytes"
	"chidao/internal/testcorpus"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"chidao/app"
	"chidao/cli"
)

var corpus = testcorpus.Dir()

// TestMain lets this test binary act as the chidao command: as the extraction
// child of imports, and as the whole CLI when CHIDAO_CLI_MAIN is set (the
// crash test kills such a process).
func TestMain(m *testing.M) {
	if app.RunChild(os.Args[1:]) {
		return
	}
	if os.Getenv("CHIDAO_CLI_MAIN") == "1" {
		os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

func run(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errw bytes.Buffer
	code := cli.Run(args, &out, &errw)
	return out.String(), errw.String(), code
}

func TestImportListShowJSON(t *testing.T) {
	if _, err := os.Stat(corpus); err != nil {
		t.Fatalf("test corpus missing: %v", err)
	}
	lib := t.TempDir()
	plan := filepath.Join(corpus, "text", "kh-tu-2020-thuc-hien-kl74-tw.txt")
	out, errs, code := run(t, "--library", lib, "import", "--json", plan, filepath.Join(corpus, "pdf", "scan-epson-KSTTHC.pdf"), "/no/such/file.pdf")
	if code != 0 {
		t.Fatalf("import: %d %s", code, errs)
	}
	var imp struct {
		Results []struct {
			Path       string `json:"path"`
			Status     string `json:"status"`
			DocumentID int64  `json:"document_id"`
			Reason     string `json:"reason"`
		} `json:"results"`
	}
	if err := json.Unmarshal([]byte(out), &imp); err != nil {
		t.Fatalf("import --json: %v\n%s", err, out)
	}
	if len(imp.Results) != 3 || imp.Results[0].Status != "failed" || !strings.Contains(imp.Results[0].Reason, "Không tìm thấy") {
		t.Fatalf("results: %+v", imp.Results)
	}
	var planID int64
	for _, r := range imp.Results[1:] {
		if r.Status != "imported" || r.DocumentID == 0 {
			t.Errorf("%s: %s", r.Path, r.Status)
		}
		if strings.HasSuffix(r.Path, ".txt") {
			planID = r.DocumentID
		}
	}
	out, _, code = run(t, "--library", lib, "--json", "list")
	var list struct {
		Documents []struct {
			ID     int64  `json:"id"`
			Title  string `json:"title"`
			File   string `json:"file"`
			Format string `json:"format"`
			Pages  int    `json:"pages"`
		} `json:"documents"`
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil || code != 0 {
		t.Fatalf("list --json: %v %d\n%s", err, code, out)
	}
	if len(list.Documents) != 2 {
		t.Fatalf("list: %+v", list.Documents)
	}
	out, _, code = run(t, "--library", lib, "show", fmt.Sprint(planID), "--text")
	if code != 0 || !strings.Contains(out, "đi vào hoạt động ổn định. Thực hiện khá tốt việc thí điểm") {
		t.Errorf("show --text: %d %.400q", code, out)
	}
	_, errs, code = run(t, "--library", lib, "show", "999")
	if code == 0 || !strings.Contains(errs, "không có văn bản") {
		t.Errorf("show of a missing id: %d %q", code, errs)
	}
	if _, errs, code = run(t, "--library", lib, "check"); code != 0 {
		t.Errorf("check: %s", errs)
	}
	dest := filepath.Join(t.TempDir(), "bk")
	if _, errs, code = run(t, "--library", lib, "backup", dest); code != 0 {
		t.Errorf("backup: %s", errs)
	}
	if _, errs, code = run(t, "--library", dest, "check"); code != 0 {
		t.Errorf("check of the backup: %s", errs)
	}
	if _, errs, code = run(t, "--library", lib, "frobnicate"); code != 2 || !strings.Contains(errs, "không có lệnh") {
		t.Errorf("unknown command: %d %q", code, errs)
	}
}

// TestCrashDuringImport kills an import with SIGKILL in the middle; check then
// passes, and importing again completes the rest without duplicates.
func TestCrashDuringImport(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	if _, err := os.Stat(corpus); err != nil {
		t.Fatalf("test corpus missing: %v", err)
	}
	src := t.TempDir()
	for i := 0; i < 600; i++ {
		body := fmt.Sprintf("CÔNG VĂN\n\nvề việc báo cáo số %d\n\nĐề nghị các sở, ban, ngành báo cáo kết quả lần %d.\n", i, i)
		os.WriteFile(filepath.Join(src, fmt.Sprintf("cv-%03d.txt", i)), []byte(body), 0o644)
	}
	lib := t.TempDir()
	exe, _ := os.Executable()
	cmd := exec.Command(exe, "--library", lib, "import", src, filepath.Join(corpus, "pdf"))
	cmd.Env = append(os.Environ(), "CHIDAO_CLI_MAIN=1")
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stdout)
	lines := 0
	for sc.Scan() && lines < 150 {
		lines++
	}
	cmd.Process.Signal(syscall.SIGKILL)
	go func() {
		for sc.Scan() {
		}
	}()
	cmd.Wait()
	if lines < 150 {
		t.Fatalf("the import ended before it could be killed (%d lines)", lines)
	}

	_, errs, code := run(t, "--library", lib, "check")
	if code != 0 {
		t.Fatalf("check after SIGKILL: %s", errs)
	}
	out, errs, code := run(t, "--library", lib, "--json", "import", src, filepath.Join(corpus, "pdf"))
	if code != 0 {
		t.Fatalf("re-import: %s", errs)
	}
	var imp struct {
		Results []struct{ Status string } `json:"results"`
	}
	json.Unmarshal([]byte(out), &imp)
	counts := map[string]int{}
	for _, r := range imp.Results {
		counts[r.Status]++
	}
	if counts["failed"] != 0 || counts["duplicate"] < 100 || counts["imported"] == 0 {
		t.Errorf("re-import: %v", counts)
	}
	l, err := app.Open(context.Background(), lib, app.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	rep, err := l.Check(context.Background())
	if err != nil || !rep.OK {
		t.Fatalf("check: %+v %v", rep, err)
	}
	pdfs, _ := filepath.Glob(filepath.Join(corpus, "pdf", "*.pdf"))
	if want := 600 + len(pdfs); rep.Documents != want {
		t.Errorf("%d documents after crash and re-import, want %d", rep.Documents, want)
	}
}

// TestInspectJSON parses a file without a library and prints the names other
// tools read.
func TestInspectJSON(t *testing.T) {
	if _, err := os.Stat(corpus); err != nil {
		t.Fatalf("test corpus missing: %v", err)
	}
	out, errs, code := run(t, "inspect", "--json", filepath.Join(corpus, "pdf", "ct09-2009-ct-ubnd.pdf"))
	if code != 0 {
		t.Fatalf("inspect: %d %s", code, errs)
	}
	var p struct {
		Metadata   map[string]any   `json:"metadata"`
		Clauses    []map[string]any `json:"clauses"`
		Footnotes  []any            `json:"footnotes"`
		References []map[string]any `json:"references"`
	}
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"kind", "number", "date", "place", "issuer", "title", "signer_name", "signer_title", "recipients"} {
		if _, ok := p.Metadata[k]; !ok {
			t.Errorf("metadata lacks %q", k)
		}
	}
	if p.Metadata["number"] != "09/2009/CT-UBND" || p.Metadata["date"] != "2009-04-15" || p.Metadata["kind"] != "Chỉ thị" {
		t.Errorf("metadata: %v", p.Metadata)
	}
	if len(p.Clauses) == 0 || p.Footnotes == nil || p.References == nil {
		t.Fatalf("clauses %d, footnotes %v, references %v", len(p.Clauses), p.Footnotes, p.References)
	}
	for _, k := range []string{"address", "label", "heading", "text", "page", "children"} {
		if _, ok := p.Clauses[len(p.Clauses)-1][k]; !ok {
			t.Errorf("clause lacks %q", k)
		}
	}
	_, errs, code = run(t, "inspect", "/no/such.pdf")
	if code == 0 || !strings.Contains(errs, "Không tìm thấy") {
		t.Errorf("inspect of a missing file: %d %q", code, errs)
	}
}

// TestSearchJSON: a query without diacritics finds the accented clause (and,
// folded, "tỉnh" and "chẽ" match "tinh" and "che" too), and
// the JSON carries the names scripts read.
func TestSearchJSON(t *testing.T) {
	if _, err := os.Stat(corpus); err != nil {
		t.Fatalf("test corpus missing: %v", err)
	}
	lib := t.TempDir()
	if _, errs, code := run(t, "--library", lib, "import", filepath.Join(corpus, "text", "kh-tu-2020-thuc-hien-kl74-tw.txt"), filepath.Join(corpus, "text", "kl221-tw-2025-bo-may-htct-chinh-quyen-2-cap.txt")); code != 0 {
		t.Fatal(errs)
	}
	out, errs, code := run(t, "--library", lib, "search", "--json", "tinh gian bien che")
	if code != 0 {
		t.Fatal(errs)
	}
	var res struct {
		Total int `json:"total"`
		Hits  []struct {
			DocumentID int64      `json:"document_id"`
			Number     string     `json:"number"`
			Title      string     `json:"title"`
			Address    string     `json:"address"`
			Score      float64    `json:"score"`
			Fragments  []string   `json:"fragments"`
			Highlights [][][2]int `json:"highlights"`
		} `json:"hits"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, h := range res.Hits {
		if h.Address == "B.II.2.3/¶1" && h.DocumentID > 0 && h.Score > 0 && len(h.Fragments) > 0 {
			found = true
			for i, f := range h.Fragments {
				for _, r := range h.Highlights[i] {
					if w := strings.ToLower(f[r[0]:r[1]]); !strings.Contains("tinh giản biên chế tỉnh chẽ", w) {
						t.Errorf("highlight %q in %q", w, f)
					}
				}
			}
		}
	}
	if res.Total == 0 || !found {
		t.Fatalf("B.II.2.3/¶1 not found: %s", out)
	}
}

// TestUnitsExtractJSON: the names other tools read, and the sample's roles.
func TestUnitsExtractJSON(t *testing.T) {
	if _, err := os.Stat(corpus); err != nil {
		t.Fatalf("test corpus missing: %v", err)
	}
	out, errs, code := run(t, "units", "extract", "--json", filepath.Join(corpus, "text", "kh-tu-2020-thuc-hien-kl74-tw.txt"))
	if code != 0 {
		t.Fatal(errs)
	}
	var res struct {
		Clauses []struct {
			Address string `json:"address"`
			Text    string `json:"text"`
			Units   []struct {
				Name  string `json:"name"`
				Role  string `json:"role"`
				Start int    `json:"start"`
				End   int    `json:"end"`
				New   bool   `json:"new"`
			} `json:"units"`
		} `json:"clauses"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	roles := map[string]string{}
	for _, c := range res.Clauses {
		if c.Address != "B.II.2.1/-1" {
			continue
		}
		for _, u := range c.Units {
			roles[u.Name] = u.Role
			if u.End > u.Start && string([]rune(c.Text)[u.Start:u.End]) == "" {
				t.Errorf("empty span for %s", u.Name)
			}
		}
	}
	if roles["Ban Tổ chức Tỉnh ủy"] != "lead" || roles["Sở Nội vụ"] != "support" || roles["Ban Thường vụ Tỉnh ủy"] != "report_to" {
		t.Errorf("B.II.2.1/-1 roles: %v", roles)
	}
}
