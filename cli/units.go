package cli

import (
	"context"
	"fmt"
	"io"

	"chidao/app"
	"chidao/docs"
)

// unitJSON is one unit mention in `units extract --json`; other tools read
// these names.
type unitJSON struct {
	Name  string `json:"name"`
	Role  string `json:"role"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	New   bool   `json:"new"`
}

type clauseUnitsJSON struct {
	Address string     `json:"address"`
	Text    string     `json:"text"`
	Units   []unitJSON `json:"units"`
}

// cmdUnits manages the unit catalog and shows what a file assigns to whom:
//
//	units extract FILE   units list   units import FILE   units export FILE   units merge KEEP DROP
func cmdUnits(ctx context.Context, g Globals, args []string, out, errw io.Writer) error {
	pos, err := subFlags("units", &g, args, nil)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usageError{"units: cách dùng: chidao units extract TỆP | list | import TỆP | export TỆP | merge GIỮ BỎ"}
	}
	switch pos[0] {
	case "extract":
		if len(pos) != 2 {
			return usageError{"units extract: hãy nêu một tệp"}
		}
		return unitsExtract(ctx, g, pos[1], out)
	case "list":
		l, err := open(ctx, g, false)
		if err != nil {
			return err
		}
		defer l.Close()
		us, err := l.Units(ctx)
		if err != nil {
			return err
		}
		counts, _ := l.UnitLinkCounts(ctx)
		if g.JSON {
			return writeJSON(out, map[string]any{"units": us, "links": counts})
		}
		for _, u := range us {
			fmt.Fprintf(out, "%-28s %-50s %-16s %-10s %4d điều khoản\n", u.ID, u.Name, u.Kind, u.Level, counts[u.ID])
		}
		fmt.Fprintf(out, "%d đơn vị.\n", len(us))
		return nil
	case "import", "export":
		if len(pos) != 2 {
			return usageError{"units " + pos[0] + ": hãy nêu một tệp .csv hoặc .xlsx"}
		}
		l, err := open(ctx, g, false)
		if err != nil {
			return err
		}
		defer l.Close()
		if pos[0] == "export" {
			if err := l.ExportCatalog(ctx, pos[1]); err != nil {
				return fmt.Errorf("không xuất được danh mục: %v", err)
			}
			fmt.Fprintf(out, "Đã xuất danh mục đơn vị ra %s.\n", pos[1])
			return nil
		}
		n, err := l.ImportCatalog(ctx, pos[1])
		if err != nil {
			return fmt.Errorf("không nhập được danh mục (không có gì thay đổi): %v", err)
		}
		fmt.Fprintf(out, "Đã nhập danh mục: %d đơn vị.\n", n)
		return nil
	case "merge":
		if len(pos) != 3 {
			return usageError{"units merge: hãy nêu mã đơn vị giữ lại và mã đơn vị gộp vào"}
		}
		l, err := open(ctx, g, false)
		if err != nil {
			return err
		}
		defer l.Close()
		if err := l.MergeUnits(ctx, pos[1], pos[2]); err != nil {
			return fmt.Errorf("không gộp được: %v", err)
		}
		fmt.Fprintf(out, "Đã gộp %s vào %s.\n", pos[2], pos[1])
		return nil
	}
	return usageError{fmt.Sprintf("units: không có lệnh con %q", pos[0])}
}

// unitsExtract parses a file without a library and prints, for each clause that
// names units with a role, those units, the default catalog resolving names.
func unitsExtract(ctx context.Context, g Globals, path string, out io.Writer) error {
	_, p, err := app.Inspect(ctx, path, app.Options{})
	if err != nil {
		return fmt.Errorf("không đọc được %s: %s", path, app.Reason(err))
	}
	cat, err := app.DefaultCatalog()
	if err != nil {
		return err
	}
	found := docs.ExtractTreeUnits(p.Clauses, cat)
	res := []clauseUnitsJSON{}
	docs.Walk(p.Clauses, func(c *docs.Clause, _ int) {
		ms := found[c.Address]
		if len(ms) == 0 {
			return
		}
		cu := clauseUnitsJSON{Address: c.Address, Text: c.Text, Units: []unitJSON{}}
		for _, m := range ms {
			cu.Units = append(cu.Units, unitJSON{Name: m.Name, Role: string(m.Role), Start: m.Start, End: m.End, New: m.New})
		}
		res = append(res, cu)
	})
	if g.JSON {
		return writeJSON(out, map[string]any{"clauses": res})
	}
	roles := map[string]string{"lead": "chủ trì", "support": "phối hợp", "report_to": "báo cáo/tham mưu"}
	for _, c := range res {
		fmt.Fprintf(out, "%s\n", c.Address)
		for _, u := range c.Units {
			mark := ""
			if u.New {
				mark = " (mới, chưa có trong danh mục)"
			}
			fmt.Fprintf(out, "    %-18s %s%s\n", roles[u.Role], u.Name, mark)
		}
	}
	fmt.Fprintf(out, "%d điều khoản giao việc cho đơn vị.\n", len(res))
	return nil
}
