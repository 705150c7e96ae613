package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"chidao/app"
	"chidao/docs"
	"chidao/index/analysis"
	"chidao/store"
)

// proposalJSON is one proposal of `tasks propose --json`; other tools read
// these names.
type proposalJSON struct {
	Title        string      `json:"title"`
	Clause       string      `json:"clause"`
	Lead         []string    `json:"lead"`
	Support      []string    `json:"support"`
	Deadline     *string     `json:"deadline"`
	DeadlineText string      `json:"deadline_text"`
	Recurrence   *string     `json:"recurrence"`
	Target       *targetJSON `json:"target"`
	Existing     int64       `json:"existing_task,omitempty"`
}

type targetJSON struct {
	Text      string  `json:"text"`
	Metric    string  `json:"metric"`
	Direction string  `json:"direction"`
	Amount    float64 `json:"amount"`
	Unit      string  `json:"unit"`
	Minimum   bool    `json:"minimum"`
	Baseline  *int    `json:"baseline"`
	Deadline  *string `json:"deadline"`
}

func toProposalJSON(p docs.Proposal, existing int64) proposalJSON {
	t := app.TaskFromProposal(0, p)
	out := proposalJSON{Title: t.Title, Clause: p.Clause, Lead: []string{}, Support: []string{},
		DeadlineText: t.DeadlineText, Existing: existing}
	for _, u := range t.Lead {
		out.Lead = append(out.Lead, u.Name)
	}
	for _, u := range t.Support {
		out.Support = append(out.Support, u.Name)
	}
	if t.Due != "" {
		out.Deadline = &t.Due
	}
	if t.Recurrence != "" {
		out.Recurrence = &t.Recurrence
	}
	if g := p.Target; g != nil {
		tj := &targetJSON{Text: g.Text, Metric: g.Metric, Direction: g.Direction, Amount: g.Amount, Unit: g.Unit, Minimum: g.Minimum}
		if g.Baseline != 0 {
			b := g.Baseline
			tj.Baseline = &b
		}
		if g.Deadline != nil && !g.Deadline.Due.IsZero() {
			d := g.Deadline.Due.Format("2006-01-02")
			tj.Deadline = &d
		}
		out.Target = tj
	}
	return out
}

const tasksUsage = "tasks: cách dùng: chidao tasks propose TỆP|MÃ_VĂN_BẢN [--accept-all] | list [bộ lọc] | show MÃ | note MÃ --text ... | set MÃ ... | export --xlsx TỆP | suggest MÃ_VĂN_BẢN | coverage MÃ_VĂN_BẢN"

// cmdTasks proposes, creates, lists and follows tasks:
//
//	tasks propose FILE|DOCUMENT_ID [--accept-all]   tasks list [--document ID] [--unit ID] [--status S,...] [--overdue] [--due-within N]
//	tasks show ID   tasks note ID --text ...   tasks set ID --status S ...   tasks export --xlsx FILE
//	tasks suggest DOCUMENT_ID   tasks coverage DOCUMENT_ID
func cmdTasks(ctx context.Context, g Globals, args []string, out, errw io.Writer) error {
	if len(args) == 0 {
		return usageError{tasksUsage}
	}
	sub, args := args[0], args[1:]
	switch sub {
	case "propose":
		return tasksPropose(ctx, g, args, out)
	case "list", "export":
		return tasksList(ctx, g, sub, args, out)
	case "show":
		return tasksShow(ctx, g, args, out)
	case "note":
		return tasksNote(ctx, g, args, out)
	case "set":
		return tasksSet(ctx, g, args, out)
	case "suggest", "coverage":
		return tasksCoverage(ctx, g, sub, args, out)
	}
	return usageError{fmt.Sprintf("tasks: không có lệnh con %q. %s", sub, tasksUsage)}
}

func tasksPropose(ctx context.Context, g Globals, args []string, out io.Writer) error {
	var acceptAll bool
	pos, err := subFlags("tasks propose", &g, args, func(fs *flag.FlagSet) {
		fs.BoolVar(&acceptAll, "accept-all", false, "")
	})
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"tasks propose: hãy nêu một tệp, hoặc mã một văn bản của thư viện"}
	}
	id, idErr := strconv.ParseInt(pos[0], 10, 64)
	if _, statErr := os.Stat(pos[0]); statErr == nil || idErr != nil {
		if acceptAll {
			return usageError{"tasks propose --accept-all: hãy nêu mã một văn bản của thư viện (nhập tệp trước: chidao import TỆP)"}
		}
		ps, err := app.ProposeFile(ctx, pos[0], app.Options{})
		if err != nil {
			return fmt.Errorf("không đọc được %s: %s", pos[0], app.Reason(err))
		}
		return printProposals(g, out, ps, nil)
	}
	l, err := open(ctx, g, false)
	if err != nil {
		return err
	}
	defer l.Close()
	aps, err := l.ProposeTasks(ctx, id)
	if err != nil {
		return err
	}
	ps := make([]docs.Proposal, len(aps))
	existing := make([]int64, len(aps))
	var fresh []docs.Proposal
	for i, p := range aps {
		ps[i], existing[i] = p.Proposal, p.Existing
		if p.Existing == 0 {
			fresh = append(fresh, p.Proposal)
		}
	}
	if !acceptAll {
		return printProposals(g, out, ps, existing)
	}
	ids, err := l.AcceptProposals(ctx, id, fresh)
	if err != nil {
		return fmt.Errorf("không tạo được nhiệm vụ: %v", err)
	}
	if g.JSON {
		return writeJSON(out, map[string]any{"created": ids, "skipped": len(ps) - len(fresh)})
	}
	fmt.Fprintf(out, "Đã tạo %d nhiệm vụ (%d đề xuất đã có nhiệm vụ từ trước).\n", len(ids), len(ps)-len(fresh))
	return nil
}

func printProposals(g Globals, out io.Writer, ps []docs.Proposal, existing []int64) error {
	res := make([]proposalJSON, len(ps))
	for i, p := range ps {
		var ex int64
		if existing != nil {
			ex = existing[i]
		}
		res[i] = toProposalJSON(p, ex)
	}
	if g.JSON {
		return writeJSON(out, map[string]any{"tasks": res})
	}
	for i, p := range res {
		fmt.Fprintf(out, "%3d. [%s] %s\n", i+1, p.Clause, p.Title)
		if len(p.Lead) > 0 {
			fmt.Fprintf(out, "     chủ trì: %s\n", strings.Join(p.Lead, "; "))
		}
		if len(p.Support) > 0 {
			fmt.Fprintf(out, "     phối hợp: %s\n", strings.Join(p.Support, "; "))
		}
		if p.DeadlineText != "" {
			d := "—"
			if p.Deadline != nil {
				d = *p.Deadline
			}
			fmt.Fprintf(out, "     thời hạn: %s (%s)\n", p.DeadlineText, d)
		}
		if p.Target != nil {
			fmt.Fprintf(out, "     chỉ tiêu: %s\n", p.Target.Text)
		}
		if p.Existing != 0 {
			fmt.Fprintf(out, "     (đã có nhiệm vụ số %d)\n", p.Existing)
		}
	}
	fmt.Fprintf(out, "%d đề xuất.\n", len(res))
	return nil
}

// parseStatus reads a status as stored ("dang_thuc_hien"), as written
// ("Đang thực hiện") or folded ("dangthuchien").
func parseStatus(s string) (string, error) {
	k := strings.NewReplacer(" ", "", "_", "", "-", "").Replace(strings.ToLower(analysis.Fold(strings.TrimSpace(s))))
	for _, st := range store.Statuses {
		if strings.ReplaceAll(st, "_", "") == k {
			return st, nil
		}
	}
	return "", usageError{fmt.Sprintf("không có tình trạng %q: dùng chua_trien_khai, dang_thuc_hien, hoan_thanh, tam_dung hoặc khong_thuc_hien", s)}
}

func tasksList(ctx context.Context, g Globals, sub string, args []string, out io.Writer) error {
	var q app.TaskQuery
	var statuses, xlsx string
	pos, err := subFlags("tasks "+sub, &g, args, func(fs *flag.FlagSet) {
		fs.Int64Var(&q.DocumentID, "document", 0, "")
		fs.StringVar(&q.UnitID, "unit", "", "")
		fs.StringVar(&statuses, "status", "", "")
		fs.BoolVar(&q.Overdue, "overdue", false, "")
		fs.IntVar(&q.DueWithin, "due-within", 0, "")
		fs.StringVar(&q.Text, "text", "", "")
		fs.StringVar(&xlsx, "xlsx", "", "")
	})
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{"tasks " + sub + ": không nhận đối số " + pos[0]}
	}
	if sub == "export" && xlsx == "" {
		return usageError{"tasks export: hãy nêu tệp Excel: --xlsx TỆP.xlsx"}
	}
	for _, s := range strings.FieldsFunc(statuses, func(r rune) bool { return r == ',' }) {
		st, err := parseStatus(s)
		if err != nil {
			return err
		}
		q.Statuses = append(q.Statuses, st)
	}
	l, err := open(ctx, g, false)
	if err != nil {
		return err
	}
	defer l.Close()
	vs, err := l.Tasks(ctx, q)
	if err != nil {
		return err
	}
	if xlsx != "" {
		if err := app.ExportTasksXLSX(vs, xlsx); err != nil {
			return fmt.Errorf("không ghi được %s: %v", xlsx, err)
		}
		fmt.Fprintf(out, "Đã xuất %d nhiệm vụ ra %s.\n", len(vs), xlsx)
		return nil
	}
	counts := app.CountTasks(vs)
	if g.JSON {
		if vs == nil {
			vs = []app.TaskView{}
		}
		return writeJSON(out, map[string]any{"tasks": vs, "counts": counts})
	}
	for _, v := range vs {
		due := v.Next
		if v.Overdue {
			due += " QUÁ HẠN"
		}
		fmt.Fprintf(out, "%5d  %-14s %-10s %-16s %-22s %s\n", v.ID, v.Number, v.MainClause(), app.StatusLabel(v.Status), due, v.Title)
	}
	fmt.Fprintf(out, "%d nhiệm vụ: %d hoàn thành, %d đang thực hiện, %d chưa triển khai, %d quá hạn.\n", counts.Total,
		counts.ByStatus[store.StatusDone], counts.ByStatus[store.StatusInProgress], counts.ByStatus[store.StatusNotStarted], counts.Overdue)
	return nil
}

func taskID(sub string, pos []string) (int64, error) {
	if len(pos) != 1 {
		return 0, usageError{"tasks " + sub + ": hãy nêu mã một nhiệm vụ (xem: chidao tasks list)"}
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil {
		return 0, usageError{fmt.Sprintf("tasks %s: %q không phải mã nhiệm vụ", sub, pos[0])}
	}
	return id, nil
}

// openTask opens the library and reads the task the arguments name; the
// caller closes the library.
func openTask(ctx context.Context, g Globals, sub string, pos []string) (*app.Library, app.TaskView, error) {
	id, err := taskID(sub, pos)
	if err != nil {
		return nil, app.TaskView{}, err
	}
	l, err := open(ctx, g, false)
	if err != nil {
		return nil, app.TaskView{}, err
	}
	v, err := l.Task(ctx, id)
	if err != nil {
		l.Close()
		return nil, app.TaskView{}, taskErr(err)
	}
	return l, v, nil
}

func taskErr(err error) error {
	if errors.Is(err, store.ErrTaskNotFound) {
		return errors.New("không có nhiệm vụ này: xem danh sách bằng lệnh chidao tasks list")
	}
	if errors.Is(err, store.ErrNoteNotFound) {
		return errors.New("không có ghi chú này: xem các ghi chú bằng lệnh chidao tasks show MÃ")
	}
	return err
}

func tasksShow(ctx context.Context, g Globals, args []string, out io.Writer) error {
	pos, err := subFlags("tasks show", &g, args, nil)
	if err != nil {
		return err
	}
	l, v, err := openTask(ctx, g, "show", pos)
	if err != nil {
		return err
	}
	defer l.Close()
	id := v.ID
	notes, err := l.Notes(ctx, id)
	if err != nil {
		return err
	}
	audit, err := l.Audit(ctx, store.EntityTask, id)
	if err != nil {
		return err
	}
	if g.JSON {
		if notes == nil {
			notes = []store.Note{}
		}
		return writeJSON(out, map[string]any{"task": v, "notes": notes, "audit": audit})
	}
	fmt.Fprintf(out, "Nhiệm vụ %d [%s %s]: %s\n", v.ID, v.Number, v.MainClause(), v.Title)
	fmt.Fprintf(out, "Tình trạng: %s, tiến độ %d%%\n", app.StatusLabel(v.Status), v.Progress)
	fmt.Fprintf(out, "Chủ trì: %s\nPhối hợp: %s\n", names(v.Lead), names(v.Support))
	if v.DeadlineText != "" || v.Next != "" {
		fmt.Fprintf(out, "Thời hạn: %s — hạn kế tiếp %s\n", v.DeadlineText, v.Next)
	}
	for _, n := range notes {
		fmt.Fprintf(out, "  %s  %s: %s", n.ReportedOn, n.Reporter, n.Body)
		if n.Version > 1 {
			fmt.Fprintf(out, " (sửa lần %d)", n.Version-1)
		}
		fmt.Fprintln(out)
	}
	return nil
}

func names(us []store.TaskUnit) string {
	if len(us) == 0 {
		return "—"
	}
	s := make([]string, len(us))
	for i, u := range us {
		s[i] = u.Name
	}
	return strings.Join(s, "; ")
}

// multiFlag collects a repeated flag (--attach A --attach B).
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(s string) error { *m = append(*m, s); return nil }

func tasksNote(ctx context.Context, g Globals, args []string, out io.Writer) error {
	n := store.Note{Progress: -1}
	var status string
	var correct int64
	var files multiFlag
	pos, err := subFlags("tasks note", &g, args, func(fs *flag.FlagSet) {
		fs.StringVar(&n.Body, "text", "", "")
		fs.StringVar(&n.ReportedOn, "date", "", "")
		fs.StringVar(&n.Reporter, "by", "", "")
		fs.IntVar(&n.Progress, "progress", -1, "")
		fs.StringVar(&status, "status", "", "")
		fs.Int64Var(&n.EvidenceDocumentID, "evidence", 0, "")
		fs.Int64Var(&correct, "correct", 0, "")
		fs.Var(&files, "attach", "")
	})
	if err != nil {
		return err
	}
	id, err := taskID("note", pos)
	if err != nil {
		return err
	}
	if status != "" {
		if n.Status, err = parseStatus(status); err != nil {
			return err
		}
	}
	l, err := open(ctx, g, false)
	if err != nil {
		return err
	}
	defer l.Close()
	n.TaskID = id
	var saved store.Note
	if correct != 0 {
		saved, err = l.CorrectNote(ctx, correct, n, files)
	} else {
		saved, err = l.AddNote(ctx, n, files)
	}
	if err != nil {
		if errors.Is(err, app.ErrBadTask) {
			return fmt.Errorf("không ghi được: %v", err)
		}
		return taskErr(err)
	}
	if g.JSON {
		return writeJSON(out, saved)
	}
	fmt.Fprintf(out, "Đã ghi chú %d (phiên bản %d) cho nhiệm vụ %d.\n", saved.ID, saved.Version, id)
	if saved.EvidenceNumber != "" {
		if saved.EvidenceDocumentID != 0 {
			fmt.Fprintf(out, "Gắn với văn bản %s (mã %d) của thư viện.\n", saved.EvidenceNumber, saved.EvidenceDocumentID)
		} else {
			fmt.Fprintf(out, "Văn bản %s chưa có trong thư viện: nhập nó để gắn với ghi chú.\n", saved.EvidenceNumber)
		}
	}
	return nil
}

func tasksSet(ctx context.Context, g Globals, args []string, out io.Writer) error {
	var status, due, title string
	progress := -1
	pos, err := subFlags("tasks set", &g, args, func(fs *flag.FlagSet) {
		fs.StringVar(&status, "status", "", "")
		fs.StringVar(&due, "due", "", "")
		fs.StringVar(&title, "title", "", "")
		fs.IntVar(&progress, "progress", -1, "")
	})
	if err != nil {
		return err
	}
	l, v, err := openTask(ctx, g, "set", pos)
	if err != nil {
		return err
	}
	defer l.Close()
	id := v.ID
	t := v.Task
	if status != "" {
		if t.Status, err = parseStatus(status); err != nil {
			return err
		}
	}
	if due != "" {
		t.Due = due
	}
	if title != "" {
		t.Title = title
	}
	if progress >= 0 {
		t.Progress = progress
	}
	if err := l.UpdateTask(ctx, t); err != nil {
		return fmt.Errorf("không lưu được nhiệm vụ %d: %v", id, err)
	}
	fmt.Fprintf(out, "Đã lưu nhiệm vụ %d.\n", id)
	return nil
}

func tasksCoverage(ctx context.Context, g Globals, sub string, args []string, out io.Writer) error {
	pos, err := subFlags("tasks "+sub, &g, args, nil)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"tasks " + sub + ": hãy nêu mã một văn bản của thư viện"}
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil {
		return usageError{fmt.Sprintf("tasks %s: %q không phải mã văn bản", sub, pos[0])}
	}
	l, err := open(ctx, g, false)
	if err != nil {
		return err
	}
	defer l.Close()
	if sub == "suggest" {
		ims, err := l.SuggestImplements(ctx, id)
		if err != nil {
			return err
		}
		if g.JSON {
			if ims == nil {
				ims = []store.Implements{}
			}
			return writeJSON(out, map[string]any{"implements": ims})
		}
		for _, k := range ims {
			fmt.Fprintf(out, "%-12s → văn bản %d %-12s %.3f %s\n", k.LocalClause, k.CentralDocumentID, k.CentralClause, k.Score, k.State)
		}
		fmt.Fprintf(out, "%d liên kết thực hiện.\n", len(ims))
		return nil
	}
	cov, err := l.Coverage(ctx, id)
	if err != nil {
		return err
	}
	if g.JSON {
		return writeJSON(out, cov)
	}
	for _, c := range cov.Clauses {
		mark := "CHƯA CÓ"
		if !c.Gap {
			mark = fmt.Sprintf("%d", len(c.Links))
		}
		fmt.Fprintf(out, "%-14s %-8s %s\n", c.Address, mark, firstRunes(c.Text, 70))
		for _, k := range c.Links {
			fmt.Fprintf(out, "      ← %s %s (%s, %d nhiệm vụ)\n", k.LocalNumber, k.LocalClause, k.State, len(k.Tasks))
		}
	}
	fmt.Fprintf(out, "%d điều khoản có văn bản thực hiện, %d chưa có.\n", cov.Implemented, cov.Gaps)
	return nil
}

func firstRunes(s string, n int) string {
	r := []rune(strings.ReplaceAll(s, "\n", " "))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n]) + "…"
}
