package ui

import (
	"context"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"chidao/app"
	"chidao/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// The filter choices that keep every task, translated where shown.
//
// i18n: keys in en-tasks.json
const (
	allTaskDocs   = "Tất cả văn bản"
	allTaskUnits  = "Tất cả đơn vị"
	allStatuses   = "Tất cả tình trạng"
	anyDue        = "Mọi thời hạn"
	dueWithinText = "Đến hạn trong %d ngày"
)

// dueChoices are the "Đến hạn trong N ngày" choices, in days.
var dueChoices = []int{7, 15, 30}

// taskColumn is one column of the task table; its title is translated where
// shown.
type taskColumn struct {
	title string
	width float32 // the fixed width, or the least width of a column sharing what is left
	share float32 // the part of the width left by fixed columns; 0 for a fixed column
}

// taskColumns are the columns of the task table.
//
// i18n: keys in en-tasks.json
var taskColumns = []taskColumn{
	{"TT", 34, 0},
	{"Điều khoản", 100, 0},
	{"Nội dung nhiệm vụ", 180, 0.64},
	{"Chủ trì", 100, 0.36},
	{"Thời hạn", 112, 0},
	{"Tình trạng", 124, 0},
	{"Tiến độ", 64, 0},
}

// Column indexes of the task table.
const (
	tcolSeq = iota
	tcolClause
	tcolTitle
	tcolLead
	tcolDue
	tcolStatus
	tcolProgress
)

// unitColumns are the columns of the per-unit table.
//
// i18n: keys in en-tasks.json
var unitColumns = []taskColumn{
	{"Đơn vị chủ trì", 160, 1},
	{"Tổng", 56, 0},
	{"Hoàn thành", 90, 0},
	{"Đang thực hiện", 110, 0},
	{"Chưa triển khai", 110, 0},
	{"Quá hạn", 72, 0},
}

// tasksScreen is the Nhiệm vụ screen: the filters, the counts, the task list
// (or the counts by unit) and, once a task is selected, its detail in the
// window's right-hand panel. The coverage view of a central document takes
// the screen's place until "Danh sách nhiệm vụ" is pressed.
type tasksScreen struct {
	u       *mainUI
	content *fyne.Container // the list, or the coverage view
	list    fyne.CanvasObject

	docSel    *widget.Select
	unitSel   *widget.Select
	statusSel *widget.Select
	dueSel    *widget.Select
	overdue   *widget.Check
	text      *widget.Entry
	count     *widget.RichText
	table     *widget.Table
	units     *widget.Table
	tabs      *container.AppTabs
	empty     fyne.CanvasObject
	noMatch   fyne.CanvasObject
	export    *widget.Button

	all      []app.TaskView   // every task of the library
	tasks    []app.TaskView   // those the filters keep, as shown
	counts   app.Counts       // of the shown tasks
	docIDs   map[string]int64 // Văn bản choice → document id
	unitIDs  map[string]string
	selected int64 // the selected task's id, 0 for none
	dirty    bool  // tasks changed since the last reload
	gen      int   // the latest filter request
	quiet    bool  // the filters are being set by the program

	detail    *taskDetail
	proposals *proposalsDialog // the last proposals dialog opened
	picker    *docPicker       // the last "choose a document" dialog
	coverage  *coverageView    // the coverage view, once opened
	work      <-chan struct{}  // closes once the latest reload or filter shows
}

// newTasksScreen builds the Nhiệm vụ screen; reload fills it.
func newTasksScreen(u *mainUI) *tasksScreen {
	s := &tasksScreen{u: u, dirty: true, docIDs: map[string]int64{}, unitIDs: map[string]string{}}
	s.detail = newTaskDetail(s)

	head := heading(lang.L("Nhiệm vụ"))
	propose := widget.NewButtonWithIcon(lang.L("Đề xuất nhiệm vụ…"), theme.ContentAddIcon(), func() { s.proposeDialog(0) })
	propose.Importance = widget.HighImportance
	cover := widget.NewButtonWithIcon(lang.L("Bao phủ văn bản Trung ương…"), theme.ViewFullScreenIcon(), func() { s.showCoverage() })
	s.export = widget.NewButtonWithIcon(lang.L("Xuất Excel…"), theme.DocumentSaveIcon(), s.exportDialog)
	bar := container.NewBorder(nil, nil, container.NewHBox(widget.NewIcon(theme.ListIcon()), head), container.NewHBox(propose, cover, s.export))

	s.docSel = widget.NewSelect([]string{lang.L(allTaskDocs)}, func(string) { s.filterChanged() })
	s.docSel.Selected = lang.L(allTaskDocs)
	s.unitSel = widget.NewSelect([]string{lang.L(allTaskUnits)}, func(string) { s.filterChanged() })
	s.unitSel.Selected = lang.L(allTaskUnits)
	statuses := []string{lang.L(allStatuses)}
	for _, st := range store.Statuses {
		statuses = append(statuses, taskStatusText(st))
	}
	s.statusSel = widget.NewSelect(statuses, func(string) { s.filterChanged() })
	s.statusSel.Selected = lang.L(allStatuses)
	dues := []string{lang.L(anyDue)}
	for _, d := range dueChoices {
		dues = append(dues, fmt.Sprintf(lang.L(dueWithinText), d))
	}
	s.dueSel = widget.NewSelect(dues, func(string) { s.filterChanged() })
	s.dueSel.Selected = lang.L(anyDue)
	s.overdue = widget.NewCheck(lang.L("Quá hạn"), func(bool) { s.filterChanged() })
	s.text = widget.NewEntry()
	s.text.SetPlaceHolder(lang.L("Lọc: tên nhiệm vụ, điều khoản, số văn bản, đơn vị…"))
	s.text.OnChanged = func(string) { s.filterChanged() }
	filters1 := container.NewGridWithColumns(3, s.docSel, s.unitSel, s.statusSel)
	filters2 := container.NewBorder(nil, nil, container.NewHBox(widget.NewIcon(theme.SearchIcon()), s.overdue,
		container.New(fixedWidth(196), s.dueSel)), nil, s.text)
	s.count = mutedText("")
	s.count.Truncation = fyne.TextTruncateEllipsis
	top := container.NewPadded(container.NewVBox(bar, filters1, filters2, s.count))

	s.table = widget.NewTable(
		func() (int, int) { return len(s.tasks), len(taskColumns) },
		func() fyne.CanvasObject { return newTaskCell(s.tapRow) },
		s.updateCell)
	s.table.ShowHeaderRow = true
	s.table.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	s.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(taskColumns) {
			o.(*widget.Label).SetText(lang.L(taskColumns[id.Col].title))
		}
	}
	tableBox := container.New(&columnShare{t: s.table, cols: taskColumns}, s.table)

	s.units = widget.NewTable(
		func() (int, int) { return len(s.counts.ByUnit), len(unitColumns) },
		func() fyne.CanvasObject { return newTaskCell(s.tapUnit) },
		s.updateUnitCell)
	s.units.ShowHeaderRow = true
	s.units.CreateHeader = s.table.CreateHeader
	s.units.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(unitColumns) {
			o.(*widget.Label).SetText(lang.L(unitColumns[id.Col].title))
		}
	}
	unitBox := container.New(&columnShare{t: s.units, cols: unitColumns}, s.units)

	emptyMsg := widget.NewLabel(lang.L("Nhiệm vụ: chưa có nhiệm vụ nào được theo dõi. Bấm «Đề xuất nhiệm vụ…», chọn một kế hoạch, chương trình hay nghị quyết đã nhập: chidao tách các nhiệm vụ giao cho từng đơn vị để bạn chọn những nhiệm vụ cần theo dõi."))
	emptyMsg.Wrapping = fyne.TextWrapWord
	emptyMsg.Alignment = fyne.TextAlignCenter
	emptyBtn := widget.NewButtonWithIcon(lang.L("Đề xuất nhiệm vụ…"), theme.ContentAddIcon(), func() { s.proposeDialog(0) })
	emptyBtn.Importance = widget.HighImportance
	s.empty = container.NewCenter(container.New(fixedWidth(480), container.NewVBox(emptyMsg, container.NewCenter(emptyBtn))))

	noMatch := widget.NewLabel(lang.L("Không có nhiệm vụ nào khớp bộ lọc."))
	noMatch.Importance = widget.LowImportance
	s.noMatch = container.NewCenter(container.NewVBox(noMatch, container.NewCenter(widget.NewButton(lang.L("Bỏ lọc"), s.clearFilters))))
	s.noMatch.Hide()

	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.L("Danh sách"), theme.ListIcon(), container.NewStack(tableBox, s.noMatch)),
		container.NewTabItemWithIcon(lang.L("Theo đơn vị chủ trì"), theme.AccountIcon(), unitBox))
	s.tabs.Hide()
	s.list = container.NewBorder(top, nil, nil, nil, container.NewStack(s.tabs, s.empty))
	s.content = container.NewStack(s.list)
	return s
}

// taskQuery is what the filters select.
func (s *tasksScreen) taskQuery() app.TaskQuery {
	q := app.TaskQuery{DocumentID: s.docIDs[s.docSel.Selected], UnitID: s.unitIDs[s.unitSel.Selected],
		Overdue: s.overdue.Checked, Text: s.text.Text}
	for _, st := range store.Statuses {
		if taskStatusText(st) == s.statusSel.Selected {
			q.Statuses = []string{st}
		}
	}
	for _, d := range dueChoices {
		if s.dueSel.Selected == fmt.Sprintf(lang.L(dueWithinText), d) {
			q.DueWithin = d
		}
	}
	return q
}

// filtered says whether a filter keeps fewer than all tasks.
func (s *tasksScreen) filtered() bool {
	q := s.taskQuery()
	return q.DocumentID != 0 || q.UnitID != "" || len(q.Statuses) > 0 || q.Overdue || q.DueWithin > 0 || strings.TrimSpace(q.Text) != ""
}

// clearFilters sets every filter back to all.
func (s *tasksScreen) clearFilters() {
	s.quiet = true
	s.docSel.SetSelected(lang.L(allTaskDocs))
	s.unitSel.SetSelected(lang.L(allTaskUnits))
	s.statusSel.SetSelected(lang.L(allStatuses))
	s.dueSel.SetSelected(lang.L(anyDue))
	s.overdue.SetChecked(false)
	s.text.SetText("")
	s.quiet = false
	s.work = s.applyFilters()
}

func (s *tasksScreen) filterChanged() {
	if !s.quiet {
		s.work = s.applyFilters()
	}
}

// taskLists is what a reload reads: every task, and those the filters keep.
type taskLists struct {
	all, shown []app.TaskView
	err        error
}

// reload reads every task again (for the filter choices and the rail's
// badge), then the ones the filters keep; the channel closes once they show.
func (s *tasksScreen) reload() <-chan struct{} {
	u := s.u
	s.dirty = false
	s.gen++
	gen := s.gen
	q := s.taskQuery()
	done := make(chan struct{})
	prev := s.work
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		var r taskLists
		r.all, r.err = u.l.Tasks(u.ctx, app.TaskQuery{})
		if r.err == nil {
			r.shown, r.err = u.l.Tasks(u.ctx, q)
		}
		waitPrev(prev)
		fyne.Do(func() {
			defer close(done)
			if r.err != nil {
				setMuted(s.count, fmt.Sprintf(lang.L("Không đọc được danh sách nhiệm vụ: %s"), taskReason(r.err)))
				return
			}
			s.setAll(r.all)
			if gen == s.gen {
				s.show(r.shown)
			}
		})
	}()
	s.work = done
	return done
}

// applyFilters asks for the tasks the filters keep; the channel closes once
// they show (or a newer request superseded them).
func (s *tasksScreen) applyFilters() <-chan struct{} {
	u := s.u
	s.gen++
	gen := s.gen
	q := s.taskQuery()
	done := make(chan struct{})
	prev := s.work
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		vs, err := u.l.Tasks(u.ctx, q)
		waitPrev(prev)
		fyne.Do(func() {
			defer close(done)
			if gen != s.gen {
				return
			}
			if err != nil {
				setMuted(s.count, fmt.Sprintf(lang.L("Không lọc được nhiệm vụ: %s"), taskReason(err)))
				return
			}
			s.show(vs)
		})
	}()
	return done
}

// waitPrev waits for the screen's previous update to show before the next
// one does, so that updates apply in order and never overlap (the test
// driver runs fyne.Do on the calling goroutine).
func waitPrev(prev <-chan struct{}) {
	if prev != nil {
		<-prev
	}
}

// setAll keeps every task and rebuilds the filter choices from them; it also
// sets the rail's count and overdue badge.
func (s *tasksScreen) setAll(all []app.TaskView) {
	s.all = all
	s.docIDs = map[string]int64{}
	s.unitIDs = map[string]string{}
	docOpts := []string{lang.L(allTaskDocs)}
	seenDoc := map[int64]bool{}
	var unitNames []string
	for _, v := range all {
		if !seenDoc[v.DocumentID] {
			seenDoc[v.DocumentID] = true
			label := taskDocLabel(v.Task)
			for s.docIDs[label] != 0 { // two documents with the same caption
				label += " "
			}
			s.docIDs[label] = v.DocumentID
			docOpts = append(docOpts, label)
		}
		for _, x := range append(slices.Clone(v.Lead), v.Support...) {
			if x.ID == "" || x.Name == "" {
				continue
			}
			if id, ok := s.unitIDs[x.Name]; ok && id == x.ID {
				continue
			}
			name := x.Name
			for s.unitIDs[name] != "" {
				name += " "
			}
			s.unitIDs[name] = x.ID
			unitNames = append(unitNames, name)
		}
	}
	collate.New(language.Vietnamese, collate.IgnoreCase).SortStrings(unitNames)
	s.quiet = true
	s.docSel.Options = docOpts
	s.unitSel.Options = append([]string{lang.L(allTaskUnits)}, unitNames...)
	for _, sel := range []*widget.Select{s.docSel, s.unitSel} {
		if !slices.Contains(sel.Options, sel.Selected) {
			sel.Selected = sel.Options[0]
		}
		sel.Refresh()
	}
	s.quiet = false
	overdue := 0
	for _, v := range all {
		if v.Overdue {
			overdue++
		}
	}
	s.u.nav.setCount(navTasks, len(all))
	s.u.nav.setBadge(navTasks, overdue)
	if len(all) == 0 {
		s.empty.Show()
		s.tabs.Hide()
	} else {
		s.empty.Hide()
		s.tabs.Show()
	}
}

// taskDocLabel names a task's document in the Văn bản filter.
func taskDocLabel(t store.Task) string {
	title := shorten(oneLine(t.DocTitle), 70)
	switch {
	case t.Number != "" && title != "":
		return t.Number + " · " + title
	case t.Number != "":
		return t.Number
	case title != "":
		return title
	}
	return fmt.Sprintf(lang.L("Văn bản #%d"), t.DocumentID)
}

// show lists vs and sums them up.
func (s *tasksScreen) show(vs []app.TaskView) {
	s.tasks = vs
	s.counts = app.CountTasks(vs)
	line := countsLine(s.counts)
	if s.filtered() && len(vs) != len(s.all) {
		rest := strings.TrimPrefix(line, fmt.Sprintf(lang.L("%d nhiệm vụ"), len(vs))+" · ")
		line = fmt.Sprintf(lang.L("Lọc được %d / %d nhiệm vụ: %s"), len(vs), len(s.all), rest)
	}
	setMuted(s.count, line)
	if len(vs) == 0 && len(s.all) > 0 {
		s.noMatch.Show()
	} else {
		s.noMatch.Hide()
	}
	if len(vs) == 0 {
		s.export.Disable()
	} else {
		s.export.Enable()
	}
	s.table.Refresh()
	s.units.Refresh()
	if s.selected != 0 {
		for i, v := range vs {
			if v.ID == s.selected {
				s.table.ScrollTo(widget.TableCellID{Row: i, Col: 0})
			}
		}
	}
}

// countsLine is "24 nhiệm vụ · 3 hoàn thành · 10 đang thực hiện · 11 chưa
// triển khai · 2 quá hạn": the statuses present, then the overdue and due soon.
func countsLine(c app.Counts) string {
	parts := []string{fmt.Sprintf(lang.L("%d nhiệm vụ"), c.Total)}
	for _, st := range []string{store.StatusDone, store.StatusInProgress, store.StatusNotStarted, store.StatusPaused, store.StatusDropped} {
		if n := c.ByStatus[st]; n > 0 || st == store.StatusDone && c.Total > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, strings.ToLower(taskStatusText(st))))
		}
	}
	if c.Overdue > 0 {
		parts = append(parts, fmt.Sprintf(lang.L("%d quá hạn"), c.Overdue))
	}
	if c.DueSoon > 0 {
		parts = append(parts, fmt.Sprintf(lang.L("%d đến hạn trong %d ngày"), c.DueSoon, app.DueSoonDays))
	}
	return strings.Join(parts, " · ")
}

// tapRow selects a task of the list.
func (s *tasksScreen) tapRow(row int) {
	if row < 0 || row >= len(s.tasks) {
		return
	}
	s.selectTask(s.tasks[row].ID)
}

// selectTask shows task id in the detail panel; the channel closes once it
// shows.
func (s *tasksScreen) selectTask(id int64) <-chan struct{} {
	s.selected = id
	s.table.Refresh()
	return s.detail.load(id)
}

// tapUnit shows the tasks of a unit of the per-unit table in the list.
func (s *tasksScreen) tapUnit(row int) {
	if row < 0 || row >= len(s.counts.ByUnit) {
		return
	}
	uc := s.counts.ByUnit[row]
	for name, id := range s.unitIDs {
		if id == uc.ID && uc.ID != "" {
			s.tabs.SelectIndex(0)
			s.unitSel.SetSelected(name)
			return
		}
	}
}

func (s *tasksScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	c := o.(*taskCell)
	if id.Row >= len(s.tasks) {
		return
	}
	v := s.tasks[id.Row]
	text, imp := "", widget.MediumImportance
	switch id.Col {
	case tcolSeq:
		text = strconv.Itoa(id.Row + 1)
	case tcolClause:
		text = orDash(v.MainClause())
	case tcolTitle:
		text = v.Title
	case tcolLead:
		text = orDash(taskUnitNames(v.Lead))
	case tcolDue:
		text, imp = dueCell(v)
	case tcolStatus:
		text, imp = taskStatusText(v.Status), statusImportance(v.Status)
		if text == "" {
			text = taskStatusText(store.StatusNotStarted)
		}
	case tcolProgress:
		text = strconv.Itoa(v.Progress) + "%"
	}
	c.set(id.Row, text, imp, v.ID == s.selected)
}

func (s *tasksScreen) updateUnitCell(id widget.TableCellID, o fyne.CanvasObject) {
	c := o.(*taskCell)
	if id.Row >= len(s.counts.ByUnit) {
		return
	}
	uc := s.counts.ByUnit[id.Row]
	text, imp := "", widget.MediumImportance
	switch id.Col {
	case 0:
		text = uc.Name
		if text == "" {
			text = lang.L("(chưa giao đơn vị)")
		}
	case 1:
		text = strconv.Itoa(uc.Total)
	case 2:
		text = strconv.Itoa(uc.Done)
	case 3:
		text = strconv.Itoa(uc.InProgress)
	case 4:
		text = strconv.Itoa(uc.NotStarted)
	case 5:
		text = strconv.Itoa(uc.Overdue)
		if uc.Overdue > 0 {
			imp = widget.DangerImportance
		}
	}
	c.set(id.Row, text, imp, false)
}

// dueCell is the Thời hạn column: the next due date, with "Quá hạn N ngày"
// in red when late and "còn N ngày" when near.
func dueCell(v app.TaskView) (string, widget.Importance) {
	switch {
	case v.Next == "":
		if v.Status == store.StatusDone {
			return "—", widget.LowImportance
		}
		if r := taskRecurrenceText(v.Recurrence); r != "" {
			return r, widget.MediumImportance
		}
		return "—", widget.LowImportance
	case v.Overdue:
		return fmt.Sprintf(lang.L("Quá hạn\n%d ngày"), -v.DaysLeft), widget.DangerImportance
	case v.DaysLeft <= app.DueSoonDays:
		return fmt.Sprintf(lang.L("%s\ncòn %d ngày"), formatISODate(v.Next), v.DaysLeft), widget.WarningImportance
	}
	text := formatISODate(v.Next)
	if r := shortRecurrence(v.Recurrence); r != "" {
		text += "\n" + r
	}
	return text, widget.MediumImportance
}

// shortRecurrence is a recurrence in the task table's narrow column.
func shortRecurrence(r string) string {
	switch r {
	case "monthly":
		return lang.L("hằng tháng")
	case "quarterly":
		return lang.L("hằng quý")
	case "semiannual":
		return lang.L("6 tháng/lần")
	case "annual":
		return lang.L("hằng năm")
	}
	return ""
}

// taskStatusText is a status's label in the interface's language, "" for no
// status. The labels (app.StatusLabel) are the translation keys.
func taskStatusText(st string) string {
	if l := app.StatusLabel(st); l != "" {
		return lang.L(l)
	}
	return ""
}

// taskRecurrenceText is a recurrence's label in the interface's language, ""
// for none. The labels (app.RecurrenceLabel) are the translation keys.
func taskRecurrenceText(r string) string {
	if l := app.RecurrenceLabel(r); l != "" {
		return lang.L(l)
	}
	return ""
}

// statusImportance colours a status: done green, in progress blue, paused or
// dropped grey.
func statusImportance(st string) widget.Importance {
	switch st {
	case store.StatusDone:
		return widget.SuccessImportance
	case store.StatusInProgress:
		return widget.HighImportance
	case store.StatusPaused, store.StatusDropped:
		return widget.LowImportance
	}
	return widget.MediumImportance
}

// taskUnitNames joins unit names with "; ".
func taskUnitNames(us []store.TaskUnit) string {
	names := make([]string, 0, len(us))
	for _, x := range us {
		names = append(names, x.Name)
	}
	return strings.Join(names, "; ")
}

// exportDialog asks where to save the shown tasks as an Excel workbook.
func (s *tasksScreen) exportDialog() {
	vs := slices.Clone(s.tasks)
	if len(vs) == 0 {
		dialogInfo(s.u.w, lang.L("Xuất Excel"), lang.L("Danh sách đang trống: không có nhiệm vụ nào để xuất."))
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		s.exportTasks(vs, path)
	}, s.u.w)
	d.SetFileName("danh-sach-nhiem-vu.xlsx")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx"}))
	d.SetTitleText(lang.L("Lưu danh sách nhiệm vụ (Excel)"))
	d.SetConfirmText(lang.L("Lưu"))
	d.SetDismissText(lang.L("Hủy"))
	d.Resize(dialogSize(s.u.w))
	d.Show()
}

// exportTasks writes vs to path; the channel closes once the result shows.
func (s *tasksScreen) exportTasks(vs []app.TaskView, path string) <-chan struct{} {
	u := s.u
	if !strings.EqualFold(filepath.Ext(path), ".xlsx") {
		path += ".xlsx"
	}
	done := make(chan struct{})
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		err := app.ExportTasksXLSX(vs, path)
		fyne.Do(func() {
			defer close(done)
			if err != nil {
				dialogInfo(u.w, lang.L("Không xuất được"), fmt.Sprintf(lang.L("Không ghi được «%s»: %s"), filepath.Base(path), taskReason(err)))
				return
			}
			dialogInfo(u.w, lang.L("Đã xuất Excel"), fmt.Sprintf(lang.L("Đã ghi %d nhiệm vụ vào «%s»."), len(vs), path))
		})
	}()
	return done
}

// changed is called after a task or note changed: the list, the badge and
// the selected task's detail are read again.
func (s *tasksScreen) changed() <-chan struct{} {
	done := make(chan struct{})
	list := s.reload()
	var detail <-chan struct{}
	if s.selected != 0 {
		detail = s.detail.load(s.selected)
	}
	go func() {
		<-list
		if detail != nil {
			<-detail
		}
		close(done)
	}()
	s.work = done
	return done
}

// showDetails fills the detail panel when the screen shows.
func (s *tasksScreen) showDetails() {
	if s.coverage != nil && s.content.Objects[0] == s.coverage.content {
		s.coverageHint()
		return
	}
	if s.selected == 0 {
		s.detail.clear()
		return
	}
	if s.detail.data.task.ID == s.selected {
		s.detail.render() // at once, then fresh from the library
	}
	s.detail.load(s.selected)
}

// showList leaves the coverage view.
func (s *tasksScreen) showList() {
	s.content.Objects = []fyne.CanvasObject{s.list}
	s.content.Refresh()
	s.showDetails()
}

// showCoverage shows the coverage view of central documents in the screen.
func (s *tasksScreen) showCoverage() <-chan struct{} {
	if s.u.current != navTasks || s.u.docView != nil {
		s.u.show(navTasks)
	}
	if s.coverage == nil {
		s.coverage = newCoverageView(s)
	}
	s.content.Objects = []fyne.CanvasObject{s.coverage.content}
	s.content.Refresh()
	s.coverageHint()
	s.coverage.work = s.coverage.reload()
	return s.coverage.work
}

// coverageHint explains the coverage view in the detail panel.
func (s *tasksScreen) coverageHint() {
	s.detail.shown = 0
	detailsToTop(s.u)
	s.u.details.set(nil, []fyne.CanvasObject{heading(lang.L("Bao phủ")), hint(lang.L("Mỗi điều khoản của văn bản Trung ương được liệt kê cùng các điều khoản của văn bản địa phương thực hiện nó và các nhiệm vụ theo dõi. Điều khoản chưa có nội dung thực hiện được tô màu. Bấm ✓ để xác nhận một liên kết do chương trình gợi ý, ✗ để bỏ nó."))})
}

// taskCell is one cell of the task tables: a label on a background showing
// the selected row; a tap selects the row. Its label wraps to two lines.
type taskCell struct {
	widget.BaseWidget
	bg    *canvas.Rectangle
	label *widget.Label
	row   int
	onTap func(row int)
}

func newTaskCell(onTap func(int)) *taskCell {
	c := &taskCell{bg: canvas.NewRectangle(theme.Color(theme.ColorNameSelection)), label: widget.NewLabel(""), onTap: onTap}
	c.label.Wrapping = fyne.TextWrapWord
	c.label.Truncation = fyne.TextTruncateEllipsis
	c.bg.Hide()
	c.ExtendBaseWidget(c)
	return c
}

func (c *taskCell) set(row int, text string, imp widget.Importance, selected bool) {
	c.row = row
	c.label.Text = text
	c.label.Importance = imp
	c.label.Refresh()
	c.bg.FillColor = theme.Color(theme.ColorNameSelection)
	c.bg.Hidden = !selected
	c.bg.Refresh()
}

// MinSize is two lines of text.
func (c *taskCell) MinSize() fyne.Size {
	line := textLineHeight()
	return fyne.NewSize(40, 2*line+2*theme.InnerPadding())
}

// textLineHeight is the height of a line of text, measured on a sample with
// a tall Vietnamese capital and a descender (not translated: not shown).
func textLineHeight() float32 {
	return fyne.MeasureText("Ấg", theme.TextSize(), fyne.TextStyle{}).Height
}

func (c *taskCell) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(c.bg, c.label))
}

// Tapped selects the cell's row.
func (c *taskCell) Tapped(*fyne.PointEvent) { c.onTap(c.row) }

// columnShare lays out a table whose fixed columns keep their widths and
// whose other columns share what is left.
type columnShare struct {
	t      *widget.Table
	cols   []taskColumn
	widths map[int]float32
}

// fixedWidth is a fixed column's width: its own, or its bold heading's.
func (cs *columnShare) fixedWidth(c taskColumn) float32 {
	head := fyne.MeasureText(lang.L(c.title), theme.TextSize(), fyne.TextStyle{Bold: true}).Width + 2*theme.InnerPadding() + 2
	return float32(int(max(c.width, head) + 1))
}

func (cs *columnShare) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	left := size.Width - theme.ScrollBarSize() - pad
	for _, c := range cs.cols {
		left -= pad
		if c.share == 0 {
			left -= cs.fixedWidth(c)
		}
	}
	if cs.widths == nil {
		cs.widths = map[int]float32{}
	}
	for i, c := range cs.cols {
		w := cs.fixedWidth(c)
		if c.share != 0 {
			w = max(c.width, float32(int(left*c.share)))
		}
		if cs.widths[i] != w {
			cs.widths[i] = w
			cs.t.SetColumnWidth(i, w)
		}
	}
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (cs *columnShare) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(400, 120) }

// docPicker is the dialog choosing the document to propose tasks from.
type docPicker struct {
	d      dialog.Dialog
	filter *widget.Entry
	list   *widget.List
	ok     *widget.Button
	all    []store.Document
	shown  []store.Document
	chosen int64
	loaded chan struct{}
}

// proposeDialog proposes the tasks of document docID, or first asks for the
// document when docID is 0.
func (s *tasksScreen) proposeDialog(docID int64) {
	if docID != 0 {
		s.proposals = s.openProposals(docID)
		return
	}
	u := s.u
	p := &docPicker{loaded: make(chan struct{})}
	s.picker = p
	p.filter = widget.NewEntry()
	p.filter.SetPlaceHolder(lang.L("Lọc: số, tiêu đề văn bản, có dấu hoặc không dấu"))
	p.list = widget.NewList(func() int { return len(p.shown) },
		func() fyne.CanvasObject {
			t := widget.NewLabel("")
			t.Truncation = fyne.TextTruncateEllipsis
			n := mutedText("")
			return container.New(tightVBox{}, t, n)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(p.shown) {
				return
			}
			d := p.shown[id]
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Label).SetText(docTitle(d))
			var parts []string
			for _, x := range []string{d.Kind, d.Number, formatISODate(d.Date)} {
				if x != "" {
					parts = append(parts, x)
				}
			}
			if n := s.tasksOf(d.ID); n > 0 {
				parts = append(parts, fmt.Sprintf(lang.L("đã có %d nhiệm vụ"), n))
			}
			setMuted(c.Objects[1].(*widget.RichText), strings.Join(parts, " · "))
		})
	p.ok = widget.NewButtonWithIcon(lang.L("Đề xuất nhiệm vụ"), theme.ConfirmIcon(), nil)
	p.ok.Importance = widget.HighImportance
	p.ok.Disable()
	p.list.OnSelected = func(id widget.ListItemID) {
		if id < len(p.shown) {
			p.chosen = p.shown[id].ID
			p.ok.Enable()
		}
	}
	p.filter.OnChanged = func(q string) {
		p.shown = p.shown[:0]
		for _, d := range p.all {
			if matchesAll(q, d.Title, d.Number, d.Kind, d.FileName) {
				p.shown = append(p.shown, d)
			}
		}
		p.chosen = 0
		p.ok.Disable()
		p.list.UnselectAll()
		p.list.Refresh()
	}
	p.ok.OnTapped = func() {
		if p.chosen == 0 {
			return
		}
		p.d.Hide()
		s.proposals = s.openProposals(p.chosen)
	}
	cancel := widget.NewButtonWithIcon(lang.L("Hủy"), theme.CancelIcon(), func() { p.d.Hide() })
	intro := widget.NewLabel(lang.L("Chọn văn bản giao nhiệm vụ (kế hoạch, chương trình, nghị quyết…): chidao đề xuất các nhiệm vụ tách từ văn bản, bạn chọn những nhiệm vụ cần theo dõi."))
	intro.Wrapping = fyne.TextWrapWord
	body := container.NewBorder(container.NewVBox(intro, p.filter), container.NewHBox(layout.NewSpacer(), cancel, p.ok), nil, nil, p.list)
	p.d = dialog.NewCustomWithoutButtons(lang.L("Đề xuất nhiệm vụ"), body, u.w)
	p.d.Resize(fyne.NewSize(640, 560))
	p.d.Show()
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		ds, err := u.l.Documents(u.ctx)
		fyne.Do(func() {
			defer close(p.loaded)
			if err != nil {
				p.d.Hide()
				dialogInfo(u.w, lang.L("Không đọc được thư viện"), taskReason(err))
				return
			}
			app.SortDocuments(ds, "date", false)
			p.all = ds
			p.filter.OnChanged(p.filter.Text)
			// Preselect the document the Văn bản filter names, else the
			// open one.
			want := s.docIDs[s.docSel.Selected]
			if v := u.docView; want == 0 && v != nil {
				want = v.doc.ID
			}
			for i, d := range p.shown {
				if d.ID == want && want != 0 {
					p.list.Select(i)
				}
			}
		})
	}()
}

// tasksOf counts the tasks of document id.
func (s *tasksScreen) tasksOf(id int64) int {
	n := 0
	for _, v := range s.all {
		if v.DocumentID == id {
			n++
		}
	}
	return n
}

// remind computes the reminders off the UI thread and, when some task is
// overdue or due within 7 days, sends a notification; it also sets the rail's
// badge. The channel closes once that is done.
func (u *mainUI) remind() <-chan struct{} {
	done := make(chan struct{})
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		defer close(done)
		vs, err := u.l.Reminders(u.ctx)
		if err != nil {
			return
		}
		overdue, soon := 0, 0
		for _, v := range vs {
			if v.Overdue {
				overdue++
			} else {
				soon++
			}
		}
		fyne.Do(func() {
			u.nav.setBadge(navTasks, overdue)
			if u.current == navTasks && u.docView == nil {
				u.tasks.reload()
			} else {
				u.tasks.dirty = true
			}
		})
		if msg := reminderText(overdue, soon); msg != "" {
			if a := fyne.CurrentApp(); a != nil {
				a.SendNotification(fyne.NewNotification(lang.L("chidao: nhiệm vụ cần theo dõi"), msg))
			}
		}
	}()
	return done
}

// reminderText is "2 nhiệm vụ quá hạn, 3 nhiệm vụ đến hạn trong 7 ngày", ""
// when there is nothing to remind of.
func reminderText(overdue, soon int) string {
	var parts []string
	if overdue > 0 {
		parts = append(parts, fmt.Sprintf(lang.L("%d nhiệm vụ quá hạn"), overdue))
	}
	if soon > 0 {
		parts = append(parts, fmt.Sprintf(lang.L("%d nhiệm vụ đến hạn trong %d ngày"), soon, app.DueSoonDays))
	}
	return strings.Join(parts, ", ")
}

// watchReminders reminds again each time the date changes while the window
// is open; it stops at shutdown.
func (u *mainUI) watchReminders(every time.Duration) {
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		day := time.Now().Format(time.DateOnly)
		for {
			select {
			case <-u.ctx.Done():
				return
			case now := <-t.C:
				if d := now.Format(time.DateOnly); d != day {
					day = d
					<-u.remind()
				}
			}
		}
	}()
}

// taskReason says why a task change failed: app.Reason's sentence, which
// stays Vietnamese.
func taskReason(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, context.Canceled):
		return lang.L("Đã hủy.")
	}
	return app.Reason(err)
}

// Dates typed by the clerk.
var (
	dmyRe = regexp.MustCompile(`^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$`)
	isoRe = regexp.MustCompile(`^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$`)
)

// parseDay reads a date typed as 30/06/2026 (or 30-6-2026, 30.6.2026, or
// ISO 2026-06-30) and returns it as ISO.
func parseDay(s string) (string, bool) {
	var y, m, d int
	if g := dmyRe.FindStringSubmatch(s); g != nil {
		d, _ = strconv.Atoi(g[1])
		m, _ = strconv.Atoi(g[2])
		y, _ = strconv.Atoi(g[3])
	} else if g := isoRe.FindStringSubmatch(s); g != nil {
		y, _ = strconv.Atoi(g[1])
		m, _ = strconv.Atoi(g[2])
		d, _ = strconv.Atoi(g[3])
	} else {
		return "", false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || int(t.Month()) != m || y < 1900 {
		return "", false
	}
	return t.Format(time.DateOnly), true
}

// thousandsRe is a number with dot thousands separators: 1.700, 12.500.000.
var thousandsRe = regexp.MustCompile(`^\d{1,3}(\.\d{3})+$`)

// parseNumber reads a number the Vietnamese way (8,5 or 1.700) or the
// computer's way (8.5).
func parseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	switch {
	case strings.Contains(s, ","):
		s = strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", ".")
	case thousandsRe.MatchString(s):
		s = strings.ReplaceAll(s, ".", "")
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// formatNumber writes a number the Vietnamese way: 8,5; 1.700.
func formatNumber(f float64) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	whole, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(whole, "-")
	whole = strings.TrimPrefix(whole, "-")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if frac != "" {
		out += "," + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}
