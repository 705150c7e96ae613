package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"chidao/app"
	"chidao/report"
	"chidao/store"
)

const reportUsage = `report: cách dùng: chidao report --scope plan:MÃ|central:MÃ|unit:MÃ_ĐƠN_VỊ|all --period h1-2026|h2-2026|q3-2026|2026|2026-01-01..2026-06-30 --format pdf|docx|xlsx --out TỆP
       [--group sections|units|status] [--notes latest|all] [--no-stats] [--no-overdue] [--date NGÀY] [--no-save]
       chidao report list | reprint MÃ_BÁO_CÁO --out TỆP | office [--format party|state --parent ... --name ... --code ... --place ... --authority ... --title ... --signer ... --recipients "a; b"]`

// cmdReport writes a follow-up report, lists and reprints saved ones, and
// shows or sets the office that signs them.
func cmdReport(ctx context.Context, g Globals, args []string, out, errw io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "list":
			return reportList(ctx, g, args[1:], out)
		case "reprint":
			return reportReprint(ctx, g, args[1:], out)
		case "office":
			return reportOffice(ctx, g, args[1:], out)
		}
	}
	var scope, notes, path, format string
	var noStats, noOverdue, noSave bool
	req := app.ReportRequest{}
	pos, err := subFlags("report", &g, args, func(fs *flag.FlagSet) {
		fs.StringVar(&scope, "scope", "all", "")
		fs.StringVar(&req.Period, "period", "", "")
		fs.StringVar(&req.Group, "group", app.GroupSections, "")
		fs.StringVar(&notes, "notes", "latest", "")
		fs.BoolVar(&noStats, "no-stats", false, "")
		fs.BoolVar(&noOverdue, "no-overdue", false, "")
		fs.StringVar(&req.Date, "date", "", "")
		fs.StringVar(&format, "format", "", "")
		fs.StringVar(&path, "out", "", "")
		fs.BoolVar(&noSave, "no-save", false, "")
	})
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{reportUsage}
	}
	if path == "" {
		return usageError{"report: hãy nêu tệp kết quả: --out TỆP (.pdf, .docx hoặc .xlsx)"}
	}
	kind, arg, _ := strings.Cut(scope, ":")
	req.Scope = kind
	switch kind {
	case app.ScopePlan, app.ScopeCentral:
		if req.DocumentID, err = strconv.ParseInt(arg, 10, 64); err != nil {
			return usageError{fmt.Sprintf("report: --scope %s:MÃ cần mã một văn bản của thư viện (xem: chidao list)", kind)}
		}
	case app.ScopeUnit:
		if arg == "" {
			return usageError{"report: --scope unit:MÃ_ĐƠN_VỊ cần mã một đơn vị (xem: chidao units list)"}
		}
		req.UnitID = arg
	case app.ScopeAll:
	default:
		return usageError{fmt.Sprintf("report: không có phạm vi %q: dùng plan:MÃ, central:MÃ, unit:MÃ_ĐƠN_VỊ hoặc all", scope)}
	}
	switch req.Group {
	case app.GroupSections, app.GroupUnits, app.GroupStatus:
	default:
		return usageError{fmt.Sprintf("report: không có cách nhóm %q: dùng sections, units hoặc status", req.Group)}
	}
	if notes != "latest" && notes != "all" {
		return usageError{"report: --notes nhận latest (ghi chú mới nhất) hoặc all (mọi ghi chú trong kỳ)"}
	}
	req.AllNotes, req.Stats, req.Overdue = notes == "all", !noStats, !noOverdue
	if format == "" {
		format = strings.TrimPrefix(strings.ToLower(path[strings.LastIndex(path, ".")+1:]), ".")
	}
	if format != app.FormatPDF && format != app.FormatDOCX && format != app.FormatXLSX {
		return usageError{fmt.Sprintf("report: không có định dạng %q: dùng pdf, docx hoặc xlsx", format)}
	}
	req.Format = format
	l, err := open(ctx, g, false)
	if err != nil {
		return err
	}
	defer l.Close()
	data, err := l.BuildReport(ctx, req)
	if err != nil {
		return reportErr(err)
	}
	if err := app.WriteReportFile(&data.Report, format, path); err != nil {
		return fmt.Errorf("không ghi được %s: %v", path, err)
	}
	if !noSave {
		if _, err := l.SaveReport(ctx, data); err != nil {
			return fmt.Errorf("đã ghi %s nhưng không lưu được bản báo cáo vào thư viện: %v", path, err)
		}
	}
	if g.JSON {
		return writeJSON(out, map[string]any{"file": path, "tasks": len(data.Tasks), "saved_id": data.SavedID, "subject": data.Report.Subject})
	}
	fmt.Fprintf(out, "Đã ghi %s: %d nhiệm vụ.", path, len(data.Tasks))
	if data.SavedID != 0 {
		fmt.Fprintf(out, " Bản báo cáo được lưu trong thư viện (mã %d): in lại bằng chidao report reprint %d --out TỆP.", data.SavedID, data.SavedID)
	}
	fmt.Fprintln(out)
	return nil
}

func reportErr(err error) error {
	switch {
	case errors.Is(err, app.ErrBadReport):
		return errors.New(app.Reason(err))
	case errors.Is(err, store.ErrReportNotFound):
		return errors.New("không có báo cáo đã lưu này: xem danh sách bằng lệnh chidao report list")
	}
	return err
}

func reportList(ctx context.Context, g Globals, args []string, out io.Writer) error {
	if _, err := subFlags("report list", &g, args, nil); err != nil {
		return err
	}
	l, err := open(ctx, g, true)
	if err != nil {
		return err
	}
	defer l.Close()
	rs, err := l.SavedReports(ctx)
	if err != nil {
		return err
	}
	if g.JSON {
		if rs == nil {
			rs = []store.SavedReport{}
		}
		return writeJSON(out, map[string]any{"reports": rs})
	}
	for _, r := range rs {
		fmt.Fprintf(out, "%5d  %s  %s\n", r.ID, r.CreatedAt.Local().Format("02/01/2006 15:04"), r.Title)
	}
	fmt.Fprintf(out, "%d báo cáo đã lưu.\n", len(rs))
	return nil
}

func reportReprint(ctx context.Context, g Globals, args []string, out io.Writer) error {
	var path, format string
	pos, err := subFlags("report reprint", &g, args, func(fs *flag.FlagSet) {
		fs.StringVar(&path, "out", "", "")
		fs.StringVar(&format, "format", "", "")
	})
	if err != nil {
		return err
	}
	if len(pos) != 1 || path == "" {
		return usageError{"report reprint: cách dùng: chidao report reprint MÃ_BÁO_CÁO --out TỆP"}
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil {
		return usageError{fmt.Sprintf("report reprint: %q không phải mã báo cáo", pos[0])}
	}
	l, err := open(ctx, g, true)
	if err != nil {
		return err
	}
	defer l.Close()
	data, err := l.SavedReport(ctx, id)
	if err != nil {
		return reportErr(err)
	}
	if err := app.WriteReportFile(&data.Report, format, path); err != nil {
		return reportErr(fmt.Errorf("không ghi được %s: %w", path, err))
	}
	fmt.Fprintf(out, "Đã in lại báo cáo %d (lập %s) ra %s.\n", id, data.MadeAt.Local().Format("02/01/2006 15:04"), path)
	return nil
}

func reportOffice(ctx context.Context, g Globals, args []string, out io.Writer) error {
	l, err := open(ctx, g, false)
	if err != nil {
		return err
	}
	defer l.Close()
	o, err := l.ReportOffice(ctx)
	if err != nil {
		return err
	}
	var format, recipients string
	changed := false
	pos, err := subFlags("report office", &g, args, func(fs *flag.FlagSet) {
		fs.StringVar(&format, "format", string(o.Format), "")
		fs.StringVar(&o.Parent, "parent", o.Parent, "")
		fs.StringVar(&o.Name, "name", o.Name, "")
		fs.StringVar(&o.Code, "code", o.Code, "")
		fs.StringVar(&o.Place, "place", o.Place, "")
		fs.StringVar(&o.Authority, "authority", o.Authority, "")
		fs.StringVar(&o.Title, "title", o.Title, "")
		fs.StringVar(&o.Signer, "signer", o.Signer, "")
		fs.StringVar(&recipients, "recipients", strings.Join(o.Recipients, "; "), "")
	})
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{reportUsage}
	}
	for _, a := range args {
		if strings.HasPrefix(a, "-") && a != "--json" && a != "-json" {
			changed = true
		}
	}
	if changed {
		o.Format = report.Format(format)
		o.Recipients = nil
		for _, r := range strings.Split(recipients, ";") {
			if r = strings.TrimSpace(r); r != "" {
				o.Recipients = append(o.Recipients, r)
			}
		}
		if err := l.SetReportOffice(ctx, o); err != nil {
			return reportErr(err)
		}
	}
	if g.JSON {
		return writeJSON(out, o)
	}
	fmt.Fprintf(out, "Thể thức:   %s\nCơ quan:    %s / %s (ký hiệu %s)\nĐịa danh:   %s\nKý:         %s / %s / %s\nNơi nhận:   %s\n",
		map[report.Format]string{report.Party: "Đảng (HD 36-HD/VPTW)", report.State: "Nhà nước (NĐ 30/2020/NĐ-CP)"}[o.Format],
		o.Parent, o.Name, o.Code, o.Place, o.Authority, o.Title, o.Signer, strings.Join(o.Recipients, "; "))
	return nil
}
