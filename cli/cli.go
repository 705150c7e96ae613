// Package cli is chidao's command line: the sub-commands that work headless on a
// library (import, list, show, inspect, search, units, tasks, report, check, backup, reindex, bench). It is a
// thin face of package app; no sub-command opens a window.
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"

	"chidao/app"
	"chidao/index"
	"chidao/store"
)

// Globals are the options every sub-command takes.
type Globals struct {
	Library string
	JSON    bool
}

// commands maps each sub-command to its function.
var commands = map[string]func(ctx context.Context, g Globals, args []string, out, errw io.Writer) error{
	"import":  cmdImport,
	"list":    cmdList,
	"show":    cmdShow,
	"check":   cmdCheck,
	"backup":  cmdBackup,
	"reindex": cmdReindex,
	"search":  cmdSearch,
	"bench":   cmdBench,
	"inspect": cmdInspect,
	"units":   cmdUnits,
	"tasks":   cmdTasks,
	"report":  cmdReport,
}

// Parse splits the command line into global options, the sub-command ("" when
// none: open the window) and the sub-command's arguments.
func Parse(args []string) (Globals, string, []string, error) {
	var g Globals
	fs := flag.NewFlagSet("chidao", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&g.Library, "library", "", "library folder")
	fs.BoolVar(&g.JSON, "json", false, "machine-readable output")
	if err := fs.Parse(args); err != nil {
		return g, "", nil, fmt.Errorf("tùy chọn không hợp lệ: %v (xem: chidao help)", err)
	}
	rest := fs.Args()
	if len(rest) == 0 {
		return g, "", nil, nil
	}
	cmd := rest[0]
	if cmd == "help" || cmd == "-h" || cmd == "--help" {
		return g, "help", nil, nil
	}
	if _, ok := commands[cmd]; !ok {
		return g, cmd, nil, fmt.Errorf("không có lệnh %q (xem: chidao help)", cmd)
	}
	return g, cmd, rest[1:], nil
}

const usage = `chidao — theo dõi văn bản chỉ đạo (follow-up of directives)

Cách dùng: chidao [--library THƯ_MỤC] [--json] [LỆNH ...]
Không có lệnh: mở cửa sổ chương trình.

Lệnh:
  import ĐƯỜNG_DẪN...   nhập tệp và thư mục (đệ quy): PDF, DOC, DOCX, EPUB, HTML, TXT
  list                 liệt kê văn bản
  show ID [--text]     thông tin văn bản; --text in toàn văn đã làm sạch
  inspect TỆP          phân tích một tệp mà không cần thư viện (--json: siêu dữ liệu, điều khoản, dẫn chiếu)
  search TRUY_VẤN       tìm điều khoản: từ có hoặc không dấu, "cụm từ", -loại trừ, OR,
                       so:74-KL/TW loai:"kế hoạch" nam:2020 coquan:"Bộ Chính trị" donvi:"Sở Nội vụ"
                       (--kind, --year, --issuer lọc; --sort date; --group; --facets)
  units extract TỆP     đơn vị chủ trì, phối hợp, báo cáo của từng điều khoản (--json)
  units list|import TỆP|export TỆP|merge GIỮ BỎ
                       danh mục đơn vị (CSV hoặc XLSX)
  tasks propose TỆP|MÃ [--accept-all]
                       đề xuất nhiệm vụ từ một kế hoạch (chủ trì, phối hợp, thời hạn, định kỳ, chỉ tiêu);
                       với mã văn bản và --accept-all: tạo mọi nhiệm vụ đề xuất
  tasks list [--document MÃ] [--unit MÃ] [--status S,...] [--overdue] [--due-within N]
  tasks show MÃ | set MÃ [--status S] [--due NGÀY] | export --xlsx TỆP
  tasks note MÃ --text "..." [--date NGÀY] [--by ĐƠN_VỊ] [--progress N] [--status S] [--attach TỆP] [--correct MÃ_GHI_CHÚ]
  tasks suggest MÃ | coverage MÃ
                       điều khoản địa phương thực hiện văn bản Trung ương; mức độ bao phủ
  report --scope plan:MÃ|central:MÃ|unit:MÃ|all --period h1-2026|2026|... --out TỆP.pdf|.docx|.xlsx
                       báo cáo kết quả thực hiện (--group sections|units|status, --notes latest|all);
                       mỗi báo cáo được lưu lại: report list, report reprint MÃ --out TỆP
  report office [--format party|state --name ... --signer ...]
                       cơ quan, người ký và thể thức của báo cáo
  check                kiểm tra cơ sở dữ liệu, tệp gốc và chỉ mục
  backup ĐÍCH          sao lưu nhất quán (kể cả khi chương trình đang mở)
  reindex              xây dựng lại chỉ mục tìm kiếm
  bench import THƯ_MỤC   đo tốc độ nhập (tệp/giây, trang/giây)
  bench search [--docs N] [--rounds N] [--corpus DIR] [--keep DIR]
                       đo tốc độ tìm kiếm trên thư viện tổng hợp, so với SQLite FTS5
  bench start [--runs N] [--drop-caches]
                       đo thời gian mở cửa sổ trên thư viện (cần màn hình, ví dụ Xvfb)

Thư viện mặc định: CHIDAO_LIBRARY, hoặc thư mục chidao trong thư mục cấu hình của người dùng.
`

// Run runs a sub-command and returns the process exit status. Errors go to errw
// as one sentence.
func Run(args []string, out, errw io.Writer) int {
	g, cmd, rest, err := Parse(args)
	if err != nil {
		fmt.Fprintln(errw, "chidao:", err)
		return 2
	}
	if cmd == "help" || cmd == "" {
		fmt.Fprint(out, usage)
		return 0
	}
	if g.Library == "" {
		if g.Library, err = app.DefaultDir(); err != nil {
			fmt.Fprintln(errw, "chidao:", err)
			return 1
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := commands[cmd](ctx, g, rest, out, errw); err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintln(errw, "chidao:", ue.msg)
			return 2
		}
		fmt.Fprintln(errw, "chidao:", sentence(err))
		return 1
	}
	return 0
}

type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// sentence turns an error into the one sentence shown to the user.
func sentence(err error) string {
	switch {
	case errors.Is(err, app.ErrBusy):
		return app.Reason(err)
	case errors.Is(err, store.ErrNotFound):
		return "không có văn bản này trong thư viện: xem danh sách bằng lệnh chidao list."
	}
	return err.Error()
}

// subFlags parses a sub-command's own flags, which may repeat --json and
// --library after the sub-command's name.
func subFlags(name string, g *Globals, args []string, extra func(*flag.FlagSet)) ([]string, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.BoolVar(&g.JSON, "json", g.JSON, "")
	fs.StringVar(&g.Library, "library", g.Library, "")
	if extra != nil {
		extra(fs)
	}
	// Allow flags after positional arguments too.
	var pos []string
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			return nil, usageError{fmt.Sprintf("%s: %v", name, err)}
		}
		args = fs.Args()
		if len(args) > 0 {
			pos = append(pos, args[0])
			args = args[1:]
		}
	}
	return pos, nil
}

func open(ctx context.Context, g Globals, readOnly bool) (*app.Library, error) {
	l, err := app.Open(ctx, g.Library, app.Options{ReadOnly: readOnly})
	if err != nil {
		if errors.Is(err, app.ErrBusy) {
			return nil, err
		}
		if readOnly && errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("chưa có thư viện ở %s: hãy nhập văn bản trước (chidao import ...) hoặc chọn thư viện khác bằng --library", g.Library)
		}
		return nil, fmt.Errorf("không mở được thư viện %s: %v", g.Library, err)
	}
	return l, nil
}

func writeJSON(out io.Writer, v any) error {
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func cmdImport(ctx context.Context, g Globals, args []string, out, errw io.Writer) error {
	paths, err := subFlags("import", &g, args, nil)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usageError{"import: hãy nêu ít nhất một tệp hoặc thư mục"}
	}
	l, err := open(ctx, g, false)
	if err != nil {
		return err
	}
	defer l.Close()
	progress := func(p app.Progress) {
		if !g.JSON {
			fmt.Fprintln(out, resultLine(p.Last))
		}
	}
	results, ierr := l.Import(ctx, paths, progress)
	counts := map[app.Status]int{}
	for _, r := range results {
		counts[r.Status]++
	}
	if g.JSON {
		if results == nil {
			results = []app.ImportResult{}
		}
		if err := writeJSON(out, map[string]any{"results": results}); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(out, "Tổng cộng %d tệp: %d đã nhập, %d trùng, %d lỗi.\n", len(results), counts[app.Imported], counts[app.Duplicate], counts[app.Failed])
	}
	if errors.Is(ierr, app.ErrIndexBehind) {
		return errors.New(app.Reason(ierr))
	}
	if ierr != nil {
		return fmt.Errorf("đã dừng nhập (%v): chạy lại lệnh để nhập tiếp, các tệp đã nhập không bị nhập lại", ierr)
	}
	return nil
}

func resultLine(r app.ImportResult) string {
	switch r.Status {
	case app.Imported:
		s := fmt.Sprintf("đã nhập   %s  [#%d, %s, %d trang] %s", r.Path, r.DocumentID, r.Format, r.Pages, r.Title)
		if r.NeedsOCR {
			s += " — cần nhận dạng (OCR)"
		}
		return s
	case app.Duplicate:
		return fmt.Sprintf("trùng      %s  [đã có #%d]", r.Path, r.DocumentID)
	}
	return fmt.Sprintf("lỗi       %s  %s", r.Path, r.Reason)
}

// listDoc is the shape of one document in `list --json`.
type listDoc struct {
	ID       int64  `json:"id"`
	Title    string `json:"title"`
	File     string `json:"file"`
	Format   string `json:"format"`
	Pages    int    `json:"pages"`
	Imported string `json:"imported"`
	NeedsOCR bool   `json:"needs_ocr"`
}

func cmdList(ctx context.Context, g Globals, args []string, out, errw io.Writer) error {
	sortBy := "imported"
	if _, err := subFlags("list", &g, args, func(fs *flag.FlagSet) { fs.StringVar(&sortBy, "sort", sortBy, "") }); err != nil {
		return err
	}
	l, err := open(ctx, g, true)
	if err != nil {
		return err
	}
	defer l.Close()
	ds, err := l.Documents(ctx)
	if err != nil {
		return err
	}
	app.SortDocuments(ds, sortBy, sortBy != "imported")
	if g.JSON {
		docs := make([]listDoc, 0, len(ds))
		for _, d := range ds {
			docs = append(docs, listDoc{d.ID, d.Title, d.FileName, d.Format, d.Pages, d.ImportedAt.Local().Format("2006-01-02 15:04"), d.NeedsOCR})
		}
		return writeJSON(out, map[string]any{"documents": docs})
	}
	for _, d := range ds {
		ocr := ""
		if d.NeedsOCR {
			ocr = "  (cần OCR)"
		}
		fmt.Fprintf(out, "%5d  %-5s %4d tr.  %s  %s — %s%s\n", d.ID, d.Format, d.Pages, d.ImportedAt.Local().Format("2006-01-02"), d.FileName, d.Title, ocr)
	}
	fmt.Fprintf(out, "%d văn bản.\n", len(ds))
	return nil
}

func cmdShow(ctx context.Context, g Globals, args []string, out, errw io.Writer) error {
	var text bool
	pos, err := subFlags("show", &g, args, func(fs *flag.FlagSet) { fs.BoolVar(&text, "text", false, "") })
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"show: hãy nêu một mã văn bản (xem: chidao list)"}
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(pos[0], "#"), 10, 64)
	if err != nil {
		return usageError{fmt.Sprintf("show: %q không phải mã văn bản (một số, xem: chidao list)", pos[0])}
	}
	l, err := open(ctx, g, true)
	if err != nil {
		return err
	}
	defer l.Close()
	d, err := l.Document(ctx, id)
	if err != nil {
		return err
	}
	paras, err := l.Paragraphs(ctx, id)
	if err != nil {
		return err
	}
	clauses, err := l.Clauses(ctx, id)
	if err != nil {
		return err
	}
	cites, err := l.Citations(ctx, id)
	if err != nil {
		return err
	}
	citedBy, err := l.CitedBy(ctx, id)
	if err != nil {
		return err
	}
	if g.JSON {
		return writeJSON(out, map[string]any{"document": d, "paragraphs": paras, "clauses": clauses, "citations": cites, "cited_by": citedBy})
	}
	if text {
		t, err := l.Text(ctx, id)
		if err != nil {
			return err
		}
		fmt.Fprintln(out, t)
		return nil
	}
	fmt.Fprintf(out, "Mã:        %d\nTiêu đề:   %s\nTệp:       %s\nĐịnh dạng: %s\nSố trang:  %d\nNhập lúc:  %s\nSHA-256:   %s\nĐoạn:      %d\n",
		d.ID, d.Title, d.FileName, d.Format, d.Pages, d.ImportedAt.Local().Format("2006-01-02 15:04"), d.SHA256, len(paras))
	if d.Encoding != "" {
		fmt.Fprintf(out, "Bảng mã:   %s (đã chuyển sang Unicode)\n", d.Encoding)
	}
	if d.NeedsOCR {
		fmt.Fprintln(out, "Ghi chú:   bản quét, cần nhận dạng (OCR)")
	}
	for _, f := range [][2]string{{"Loại", d.Kind}, {"Số", d.Number}, {"Ngày", d.Date}, {"Nơi", d.Place}, {"Cơ quan", d.Issuer},
		{"Người ký", strings.TrimSpace(d.SignerTitle + " " + d.SignerName)}} {
		if f[1] != "" {
			fmt.Fprintf(out, "%-10s %s\n", f[0]+":", f[1])
		}
	}
	fmt.Fprintf(out, "Điều khoản: %d; dẫn chiếu: %d; được dẫn chiếu bởi: %d\n", len(clauses), len(cites), len(citedBy))
	for _, c := range citedBy {
		fmt.Fprintf(out, "  ← #%d %s [%s]\n", c.DocumentID, c.Title, c.Clause)
	}
	return nil
}

func cmdCheck(ctx context.Context, g Globals, args []string, out, errw io.Writer) error {
	if _, err := subFlags("check", &g, args, nil); err != nil {
		return err
	}
	l, err := open(ctx, g, false)
	if err != nil {
		return err
	}
	defer l.Close()
	r, err := l.Check(ctx)
	if err != nil {
		return err
	}
	if g.JSON {
		if err := writeJSON(out, r); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(out, "%d văn bản, %d tệp gốc đúng, %d trong chỉ mục.\n", r.Documents, r.Originals, r.Indexed)
		for _, p := range r.Problems {
			fmt.Fprintln(out, "LỖI:", p)
		}
		for _, n := range r.Notes {
			fmt.Fprintln(out, "ghi chú:", n)
		}
	}
	if !r.OK {
		return fmt.Errorf("thư viện có %d lỗi (xem ở trên)", len(r.Problems))
	}
	if !g.JSON {
		fmt.Fprintln(out, "Thư viện toàn vẹn.")
	}
	return nil
}

func cmdBackup(ctx context.Context, g Globals, args []string, out, errw io.Writer) error {
	pos, err := subFlags("backup", &g, args, nil)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"backup: hãy nêu thư mục đích"}
	}
	l, err := open(ctx, g, true)
	if err != nil {
		return err
	}
	defer l.Close()
	if err := l.Backup(ctx, pos[0]); err != nil {
		return fmt.Errorf("không sao lưu được: %v", err)
	}
	if g.JSON {
		return writeJSON(out, map[string]any{"backup": pos[0]})
	}
	fmt.Fprintf(out, "Đã sao lưu thư viện vào %s.\n", pos[0])
	return nil
}

func cmdReindex(ctx context.Context, g Globals, args []string, out, errw io.Writer) error {
	if _, err := subFlags("reindex", &g, args, nil); err != nil {
		return err
	}
	l, err := open(ctx, g, false)
	if err != nil {
		return err
	}
	defer l.Close()
	n := 0
	if err := l.Reindex(ctx, func(done, total int) { n = total }); err != nil {
		return err
	}
	if g.JSON {
		return writeJSON(out, map[string]any{"indexed": n})
	}
	fmt.Fprintf(out, "Đã xây dựng lại chỉ mục: %d văn bản.\n", n)
	return nil
}

// searchHit is the shape of one hit in `search --json`; other tools read these
// names.
type searchHit struct {
	DocumentID int64    `json:"document_id"`
	Number     string   `json:"number"`
	Title      string   `json:"title"`
	Address    string   `json:"address"`
	Score      float64  `json:"score"`
	Fragments  []string `json:"fragments"`
	// Highlights holds, for each fragment, the byte ranges of the matched words.
	Highlights [][][2]int `json:"highlights"`
	Kind       string     `json:"kind,omitempty"`
	Date       string     `json:"date,omitempty"`
	Issuer     string     `json:"issuer,omitempty"`
	IsDocument bool       `json:"is_document,omitempty"`
}

func cmdSearch(ctx context.Context, g Globals, args []string, out, errw io.Writer) error {
	var q index.Query
	var kinds, years, issuers, units string
	pos, err := subFlags("search", &g, args, func(fs *flag.FlagSet) {
		fs.StringVar(&kinds, "kind", "", "")
		fs.StringVar(&years, "year", "", "")
		fs.StringVar(&issuers, "issuer", "", "")
		fs.StringVar(&units, "unit", "", "")
		fs.StringVar(&q.Sort, "sort", "", "")
		fs.IntVar(&q.Size, "size", 20, "")
		fs.IntVar(&q.From, "from", 0, "")
		fs.BoolVar(&q.GroupByDocument, "group", false, "")
		fs.BoolVar(&q.Facets, "facets", false, "")
	})
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usageError{"search: hãy nêu từ khóa"}
	}
	q.Text = strings.Join(pos, " ")
	split := func(s string) []string {
		if s == "" {
			return nil
		}
		return strings.Split(s, ",")
	}
	q.Kinds, q.Years, q.Issuers, q.Units = split(kinds), split(years), split(issuers), split(units)
	l, err := open(ctx, g, false)
	if err != nil {
		return err
	}
	defer l.Close()
	res, err := l.SearchClauses(ctx, q)
	if err != nil {
		return err
	}
	if g.JSON {
		hits := make([]searchHit, 0, len(res.Hits))
		for _, h := range res.Hits {
			sh := searchHit{DocumentID: h.DocumentID, Number: h.Number, Title: h.Title, Address: h.Address, Score: h.Score,
				Fragments: []string{}, Highlights: [][][2]int{}, Kind: h.Kind, Date: h.Date, Issuer: h.Issuer, IsDocument: h.IsDocument}
			for _, f := range h.Fragments {
				sh.Fragments = append(sh.Fragments, f.Text)
				sh.Highlights = append(sh.Highlights, f.Highlights)
			}
			hits = append(hits, sh)
		}
		v := map[string]any{"total": res.Total, "hits": hits, "took_ms": res.Took.Milliseconds()}
		if q.Facets {
			v["facets"] = res.Facets
		}
		return writeJSON(out, v)
	}
	for _, h := range res.Hits {
		where := h.Address
		if h.IsDocument {
			where = "(văn bản)"
		}
		fmt.Fprintf(out, "#%d %s %s — %s\n", h.DocumentID, h.Number, where, h.Title)
		for _, f := range h.Fragments {
			fmt.Fprintf(out, "    %s\n", marked(f))
		}
	}
	fmt.Fprintf(out, "%d kết quả (%d ms).\n", res.Total, res.Took.Milliseconds())
	return nil
}

// marked shows a fragment's matched words between « ».
func marked(f index.Fragment) string {
	var b strings.Builder
	last := 0
	for _, h := range f.Highlights {
		if h[0] < last || h[1] > len(f.Text) || h[0] > h[1] {
			continue
		}
		b.WriteString(f.Text[last:h[0]])
		b.WriteString("«" + f.Text[h[0]:h[1]] + "»")
		last = h[1]
	}
	b.WriteString(f.Text[last:])
	return b.String()
}
