package app

import (
	"strings"

	"github.com/xuri/excelize/v2"
)

// taskColumns are the columns of the task list in Excel: heading and width.
var taskColumns = []struct {
	head  string
	width float64
}{
	{"TT", 5}, {"Văn bản", 16}, {"Điều khoản", 12}, {"Nhiệm vụ", 60}, {"Đơn vị chủ trì", 28},
	{"Đơn vị phối hợp", 28}, {"Thời hạn", 22}, {"Hạn kế tiếp", 12}, {"Định kỳ", 14},
	{"Tình trạng", 16}, {"Tiến độ (%)", 10}, {"Báo cáo gần nhất", 14}, {"Quá hạn", 8}, {"Chỉ tiêu", 40},
}

// ExportTasksXLSX writes tasks to an Excel workbook: one sheet, header row
// frozen, filters, column widths, long text wrapped.
func ExportTasksXLSX(vs []TaskView, path string) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := "Nhiệm vụ"
	f.SetSheetName("Sheet1", sheet)
	head, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center", Horizontal: "center"}})
	wrap, _ := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	for j, c := range taskColumns {
		cell, _ := excelize.CoordinatesToCellName(j+1, 1)
		if err := f.SetCellStr(sheet, cell, c.head); err != nil {
			return err
		}
		col, _ := excelize.ColumnNumberToName(j + 1)
		f.SetColWidth(sheet, col, col, c.width)
	}
	lastCol, _ := excelize.ColumnNumberToName(len(taskColumns))
	f.SetCellStyle(sheet, "A1", lastCol+"1", head)
	for i, v := range vs {
		row := i + 2
		over := ""
		if v.Overdue {
			over = "x"
		}
		target := ""
		if v.Target != nil {
			target = v.Target.Text
		}
		vals := []any{i + 1, v.Number, v.MainClause(), v.Title, unitNames(v.Lead), unitNames(v.Support),
			v.DeadlineText, v.Next, RecurrenceLabel(v.Recurrence), StatusLabel(v.Status), v.Progress, v.LastReport, over, target}
		for j, val := range vals {
			cell, _ := excelize.CoordinatesToCellName(j+1, row)
			var err error
			if s, ok := val.(string); ok {
				err = f.SetCellStr(sheet, cell, strings.TrimSpace(s))
			} else {
				err = f.SetCellValue(sheet, cell, val)
			}
			if err != nil {
				return err
			}
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(taskColumns), max(len(vs)+1, 2))
	if len(vs) > 0 {
		f.SetCellStyle(sheet, "A2", last, wrap)
	}
	f.AutoFilter(sheet, "A1:"+last, nil)
	f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	return f.SaveAs(path)
}
