package ui

import (
	"context"
	"errors"
	"fmt"
	"image"
	"slices"
	"strconv"
	"strings"
	"time"

	"chidao/app"
	"chidao/report"
	"chidao/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// The scopes of the Phạm vi choice, translated where shown.
//
// i18n: keys in en-tasks.json
const (
	scopePlanText    = "Một kế hoạch"
	scopeCentralText = "Văn bản Trung ương và các kế hoạch thực hiện"
	scopeUnitText    = "Một đơn vị"
	scopeAllText     = "Tất cả"
)

// The Nhóm theo choices, translated where shown.
//
// i18n: keys in en-tasks.json
const (
	groupSectionsText = "Mục của văn bản"
	groupUnitsText    = "Đơn vị chủ trì"
	groupStatusText   = "Tình trạng"
)

// The Bao gồm choice of notes, translated where shown.
//
// i18n: keys in en-tasks.json
const (
	latestNoteText = "Chỉ ghi chú mới nhất"
	allNotesText   = "Mọi ghi chú trong kỳ"
)

// The Ngày báo cáo choices (between the two, Hôm nay names today's date) and
// the Kỳ báo cáo choice of a range typed by hand, translated where shown.
//
// i18n: keys in en-tasks.json
const (
	dateBlankText = "Để trống ngày, tháng (điền khi ký)"
	dateOtherText = "Ngày khác"
	customPeriod  = "Tùy chọn…"
)

// reportSteps are the steps of building a preview, for the status line.
const reportSteps = 3

// noticeTime is how long a confirmation stays in the status line.
const noticeTime = 8 * time.Second

// reportsScreen is the Báo cáo screen: on the left the request (scope,
// period, grouping, what to include, the date) and the saved reports, on the
// right the preview of the pages as they print; the detail panel describes
// the report shown and the office it is issued in the name of.
type reportsScreen struct {
	u       *mainUI
	content fyne.CanvasObject

	scope      *widget.RadioGroup
	planSel    *widget.Select
	centralSel *widget.Select
	unitSel    *widget.Select
	pickHint   *widget.Label // why the select of the scope is empty
	period     *widget.Select
	fromDay    *widget.Entry
	toDay      *widget.Entry
	custom     fyne.CanvasObject
	group      *widget.Select
	notes      *widget.RadioGroup
	stats      *widget.Check
	overdue    *widget.Check
	dateMode   *widget.RadioGroup
	dateEntry  *widget.Entry
	problem    *widget.Label // what is wrong with the request
	build      *widget.Button
	officeBt   *widget.Button
	tabs       *container.AppTabs
	savedTab   *container.TabItem
	savedList  *widget.List
	savedEmpty fyne.CanvasObject

	preview *preview

	plans    map[string]int64 // Phạm vi choices → document id
	centrals map[string]int64
	units    map[string]string // → unit id
	periods  map[string]string // Kỳ báo cáo choices → period
	today    string            // the Hôm nay choice of Ngày báo cáo
	saved    []store.SavedReport
	office   report.Office
	offDlg   *officeDialog // the last office dialog opened

	noticeGen int
	loaded    bool            // the choices were read once
	work      <-chan struct{} // closes once the latest build, reopening or reload shows
}

// newReportsScreen builds the Báo cáo screen; reload fills its choices.
func newReportsScreen(u *mainUI) *reportsScreen {
	s := &reportsScreen{u: u, plans: map[string]int64{}, centrals: map[string]int64{}, units: map[string]string{},
		office: app.DefaultOffice()}
	s.preview = newPreview(u, s)
	s.problem = widget.NewLabel("")
	s.problem.Wrapping = fyne.TextWrapWord
	s.problem.Importance = widget.DangerImportance
	s.problem.Hide()

	s.scope = widget.NewRadioGroup([]string{lang.L(scopePlanText), lang.L(scopeCentralText), lang.L(scopeUnitText), lang.L(scopeAllText)}, func(string) { s.scopeChanged() })
	s.scope.Required = true
	s.planSel = widget.NewSelect(nil, func(string) { s.problem.Hide() })
	s.planSel.PlaceHolder = lang.L("Chọn kế hoạch có nhiệm vụ theo dõi")
	s.centralSel = widget.NewSelect(nil, func(string) { s.problem.Hide() })
	s.centralSel.PlaceHolder = lang.L("Chọn văn bản Trung ương")
	s.unitSel = widget.NewSelect(nil, func(string) { s.problem.Hide() })
	s.unitSel.PlaceHolder = lang.L("Chọn đơn vị")
	s.pickHint = widget.NewLabel("")
	s.pickHint.Wrapping = fyne.TextWrapWord
	s.pickHint.Importance = widget.LowImportance

	s.period = widget.NewSelect(nil, func(string) { s.periodChanged() })
	s.fromDay = widget.NewEntry()
	s.fromDay.SetPlaceHolder(lang.L("Từ ngày dd/mm/yyyy"))
	s.toDay = widget.NewEntry()
	s.toDay.SetPlaceHolder(lang.L("Đến ngày dd/mm/yyyy"))
	s.custom = container.NewGridWithColumns(2, s.fromDay, s.toDay)
	s.custom.Hide()
	s.setPeriods(u.l.Today())

	s.group = widget.NewSelect([]string{lang.L(groupSectionsText), lang.L(groupUnitsText), lang.L(groupStatusText)}, nil)
	s.group.Selected = lang.L(groupSectionsText)
	s.notes = widget.NewRadioGroup([]string{lang.L(latestNoteText), lang.L(allNotesText)}, nil)
	s.notes.Required = true
	s.notes.Selected = lang.L(latestNoteText)
	s.stats = widget.NewCheck(lang.L("Số liệu tổng hợp"), nil)
	s.stats.Checked = true
	s.overdue = widget.NewCheck(lang.L("Danh sách nhiệm vụ quá hạn"), nil)
	s.overdue.Checked = true

	s.today = todayChoice(u.l.Today())
	s.dateMode = widget.NewRadioGroup([]string{lang.L(dateBlankText), s.today, lang.L(dateOtherText)}, func(string) { s.dateChanged() })
	s.dateMode.Required = true
	s.dateMode.Selected = lang.L(dateBlankText)
	s.dateEntry = widget.NewEntry()
	s.dateEntry.SetPlaceHolder("dd/mm/yyyy")
	s.dateEntry.Hide()

	s.build = widget.NewButtonWithIcon(lang.L("Xem trước"), theme.VisibilityIcon(), func() { s.work = s.previewReport() })
	s.build.Importance = widget.HighImportance
	s.officeBt = widget.NewButtonWithIcon(lang.L("Cơ quan ban hành…"), theme.SettingsIcon(), func() { s.offDlg = s.officeDialog() })

	head := widget.NewLabelWithStyle(lang.L("Báo cáo"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.SizeName = theme.SizeNameSubHeadingText
	form := container.NewVBox(
		container.NewHBox(widget.NewIcon(theme.DocumentPrintIcon()), head),
		section(lang.L("Phạm vi")), s.scope, s.planSel, s.centralSel, s.unitSel, s.pickHint,
		section(lang.L("Kỳ báo cáo")), s.period, s.custom,
		section(lang.L("Nhóm theo")), s.group,
		section(lang.L("Bao gồm")), s.notes, s.stats, s.overdue,
		section(lang.L("Ngày báo cáo")), s.dateMode, s.dateEntry,
	)
	// The buttons stay in view below the form, which scrolls.
	buttons := container.NewVBox(widget.NewSeparator(), container.NewPadded(container.NewVBox(s.problem, container.NewHBox(s.build))))
	s.scope.SetSelected(lang.L(scopeAllText))

	s.savedList = widget.NewList(func() int { return len(s.saved) },
		func() fyne.CanvasObject {
			period := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			period.Truncation = fyne.TextTruncateEllipsis
			t := widget.NewLabel("")
			t.Wrapping = fyne.TextWrapWord
			t.Truncation = fyne.TextTruncateEllipsis
			return container.New(tightVBox{}, period, container.New(twoLines{}, t), mutedText(""))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(s.saved) {
				return
			}
			r := s.saved[id]
			period, title := savedTitle(r)
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Label).SetText(period)
			c.Objects[1].(*fyne.Container).Objects[0].(*widget.Label).SetText(title)
			setMuted(c.Objects[2].(*widget.RichText), savedLine(r))
		})
	s.savedList.OnSelected = func(id widget.ListItemID) {
		if id < len(s.saved) {
			s.work = s.openSaved(s.saved[id])
		}
	}
	noSaved := widget.NewLabel(lang.L("Chưa có báo cáo nào được lưu. Mỗi báo cáo lưu ra tệp (nút «Lưu…» trên bản xem trước) được giữ lại ở đây, để in lại đúng như khi lập dù số liệu đã thay đổi."))
	noSaved.Wrapping = fyne.TextWrapWord
	noSaved.Importance = widget.LowImportance
	s.savedEmpty = container.NewVBox(noSaved)
	savedHint := widget.NewLabel(lang.L("Chọn một báo cáo để xem lại và in lại đúng như khi lập."))
	savedHint.Wrapping = fyne.TextWrapWord
	savedHint.Importance = widget.LowImportance
	savedPane := container.NewBorder(savedHint, nil, nil, nil, container.NewStack(s.savedList, s.savedEmpty))

	s.savedTab = container.NewTabItemWithIcon(lang.L("Báo cáo đã lưu"), theme.HistoryIcon(), container.NewPadded(savedPane))
	// The form scrolls both ways so that a narrow window (1024 wide) keeps
	// its size; the divider gives the preview more room when wanted.
	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.L("Lập báo cáo"), theme.DocumentCreateIcon(),
			container.NewBorder(nil, buttons, nil, nil, container.NewScroll(container.NewPadded(form)))),
		s.savedTab)
	split := container.NewHSplit(s.tabs, s.preview.content)
	split.Offset = 0.44
	s.content = split
	return s
}

// scopeChanged shows the select of the scope chosen.
func (s *reportsScreen) scopeChanged() {
	s.problem.Hide()
	sels := map[string]*widget.Select{lang.L(scopePlanText): s.planSel, lang.L(scopeCentralText): s.centralSel, lang.L(scopeUnitText): s.unitSel}
	for key, sel := range sels {
		if key == s.scope.Selected {
			sel.Show()
		} else {
			sel.Hide()
		}
	}
	hint := ""
	switch s.scope.Selected {
	case lang.L(scopePlanText):
		if len(s.planSel.Options) == 0 {
			hint = lang.L("Chưa có kế hoạch nào có nhiệm vụ theo dõi: vào Nhiệm vụ → «Đề xuất nhiệm vụ…» để tạo nhiệm vụ từ một kế hoạch.")
		}
	case lang.L(scopeCentralText):
		if len(s.centralSel.Options) == 0 {
			hint = lang.L("Chưa có văn bản Trung ương nào được các kế hoạch có nhiệm vụ thực hiện hoặc dẫn chiếu: nhập văn bản Trung ương và kế hoạch thực hiện nó.")
		}
	case lang.L(scopeUnitText):
		if len(s.unitSel.Options) == 0 {
			hint = lang.L("Chưa có đơn vị nào được giao nhiệm vụ theo dõi.")
		}
	}
	s.pickHint.SetText(hint)
	if hint == "" {
		s.pickHint.Hide()
	} else {
		s.pickHint.Show()
	}
}

// setPeriods fills the Kỳ báo cáo choices around today: the halves and the
// whole of this year and the last, this year's quarters, and a range typed
// by hand. The half under way is chosen.
func (s *reportsScreen) setPeriods(today time.Time) {
	s.periods = map[string]string{}
	var opts []string
	add := func(label, period string) {
		s.periods[label] = period
		opts = append(opts, label)
	}
	y := today.Year()
	for _, yy := range []int{y, y - 1} {
		add(fmt.Sprintf(lang.L("6 tháng đầu năm %d"), yy), fmt.Sprintf("h1-%d", yy))
		add(fmt.Sprintf(lang.L("6 tháng cuối năm %d"), yy), fmt.Sprintf("h2-%d", yy))
		add(fmt.Sprintf(lang.L("Cả năm %d"), yy), strconv.Itoa(yy))
		if yy == y {
			for q := 1; q <= 4; q++ {
				add(fmt.Sprintf(lang.L("Quý %s năm %d"), app.Roman(q), yy), fmt.Sprintf("q%d-%d", q, yy))
			}
		}
	}
	opts = append(opts, lang.L(customPeriod))
	s.period.Options = opts
	half := lang.L("6 tháng đầu năm %d")
	if today.Month() > 6 {
		half = lang.L("6 tháng cuối năm %d")
	}
	s.period.SetSelected(fmt.Sprintf(half, y))
}

func (s *reportsScreen) periodChanged() {
	s.problem.Hide()
	if s.custom == nil {
		return
	}
	if s.period.Selected == lang.L(customPeriod) {
		s.custom.Show()
	} else {
		s.custom.Hide()
	}
}

func (s *reportsScreen) dateChanged() {
	if s.dateMode.Selected == lang.L(dateOtherText) {
		s.dateEntry.Show()
	} else {
		s.dateEntry.Hide()
	}
}

// request is the report the form asks for, or why it cannot be built.
func (s *reportsScreen) request() (app.ReportRequest, string) {
	req := app.ReportRequest{Format: app.FormatPDF, Stats: s.stats.Checked, Overdue: s.overdue.Checked,
		AllNotes: s.notes.Selected == lang.L(allNotesText)}
	switch s.scope.Selected {
	case lang.L(scopePlanText):
		req.Scope, req.DocumentID = app.ScopePlan, s.plans[s.planSel.Selected]
		if req.DocumentID == 0 {
			return req, lang.L("Hãy chọn kế hoạch cần báo cáo.")
		}
	case lang.L(scopeCentralText):
		req.Scope, req.DocumentID = app.ScopeCentral, s.centrals[s.centralSel.Selected]
		if req.DocumentID == 0 {
			return req, lang.L("Hãy chọn văn bản Trung ương cần báo cáo.")
		}
	case lang.L(scopeUnitText):
		req.Scope, req.UnitID = app.ScopeUnit, s.units[s.unitSel.Selected]
		if req.UnitID == "" {
			return req, lang.L("Hãy chọn đơn vị cần báo cáo.")
		}
	default:
		req.Scope = app.ScopeAll
	}
	if s.period.Selected == lang.L(customPeriod) {
		from, ok1 := parseDay(s.fromDay.Text)
		to, ok2 := parseDay(s.toDay.Text)
		switch {
		case !ok1 || !ok2:
			return req, lang.L("Hãy gõ kỳ báo cáo tùy chọn theo dạng ngày/tháng/năm, ví dụ 01/01/2026 và 30/06/2026.")
		case to < from:
			return req, lang.L("Ngày cuối của kỳ báo cáo đứng trước ngày đầu: hãy gõ lại.")
		}
		req.Period = from + ".." + to
	} else {
		req.Period = s.periods[s.period.Selected]
	}
	switch s.group.Selected {
	case lang.L(groupUnitsText):
		req.Group = app.GroupUnits
	case lang.L(groupStatusText):
		req.Group = app.GroupStatus
	default:
		req.Group = app.GroupSections
	}
	switch s.dateMode.Selected {
	case s.today:
		req.Date = s.u.l.Today().Format(time.DateOnly)
	case lang.L(dateOtherText):
		d, ok := parseDay(s.dateEntry.Text)
		if !ok {
			return req, lang.L("Hãy gõ ngày báo cáo theo dạng ngày/tháng/năm, ví dụ 15/06/2026, hoặc chọn «Để trống ngày, tháng».")
		}
		req.Date = d
	}
	return req, ""
}

// previewReport builds the report the form asks for off the UI thread, the
// steps in the status line (Hủy stops between them), and shows its pages;
// the channel closes once they show, or the build failed or was cancelled.
func (s *reportsScreen) previewReport() <-chan struct{} {
	done := make(chan struct{})
	req, problem := s.request()
	if problem != "" {
		s.problem.SetText(problem)
		s.problem.Show()
		close(done)
		return done
	}
	s.problem.Hide()
	s.buildInto(req, done, false)
	return done
}

// buildInto builds req into the preview; done closes when it shows. again
// keeps the page in view, for the same report built again.
func (s *reportsScreen) buildInto(req app.ReportRequest, done chan struct{}, again bool) {
	u := s.u
	s.clearNotice()
	ctx, ok := u.beginJob(lang.L("Đang gom nhiệm vụ và ghi chú của báo cáo…"))
	if !ok {
		close(done)
		return
	}
	u.status.step(0, reportSteps, lang.L("Đang gom nhiệm vụ và ghi chú của báo cáo…"))
	s.build.Disable()
	plan := s.preview.renderPlan()
	go func() {
		defer u.jobs.Done()
		step := func(n int, label string) { fyne.Do(func() { u.status.step(n, reportSteps, label) }) }
		var (
			data *app.ReportData
			pdf  []byte
			imgs []image.Image
			dpi  float64
		)
		data, err := u.l.BuildReport(ctx, req)
		if err == nil {
			err = ctx.Err()
		}
		if err == nil {
			step(1, fmt.Sprintf(lang.L("Đang dàn trang báo cáo (%d nhiệm vụ)…"), len(data.Tasks)))
			pdf, err = reportPDF(&data.Report)
		}
		if err == nil {
			err = ctx.Err()
		}
		if err == nil {
			step(2, lang.L("Đang vẽ các trang để xem trước…"))
			dpi = plan.dpi(pdfPageCount(pdf))
			imgs, err = app.RenderPDF(pdf, dpi)
		}
		if err == nil {
			err = ctx.Err()
		}
		fyne.Do(func() {
			defer close(done)
			u.endJob()
			s.build.Enable()
			if err != nil {
				if errors.Is(err, context.Canceled) {
					s.notice(lang.L("Đã hủy lập báo cáo."))
					return
				}
				dialogInfo(u.w, lang.L("Không lập được báo cáo"), reportReason(err))
				return
			}
			s.savedList.UnselectAll()
			page := s.preview.page
			s.preview.show(previewPages{data: data, pdf: pdf, images: imgs, dpi: dpi})
			if again {
				s.preview.goTo(page)
			}
			s.showDetails()
		})
	}()
}

// openSaved reopens a saved report in the preview, exactly as it was made;
// the channel closes once it shows.
func (s *reportsScreen) openSaved(sr store.SavedReport) <-chan struct{} {
	u := s.u
	done := make(chan struct{})
	s.clearNotice()
	ctx, ok := u.beginJob(lang.L("Đang mở báo cáo đã lưu…"))
	if !ok {
		close(done)
		return done
	}
	u.status.step(0, reportSteps, lang.L("Đang mở báo cáo đã lưu…"))
	plan := s.preview.renderPlan()
	go func() {
		defer u.jobs.Done()
		var (
			pdf  []byte
			imgs []image.Image
			dpi  float64
		)
		data, err := u.l.SavedReport(ctx, sr.ID)
		if err == nil {
			err = ctx.Err()
		}
		if err == nil {
			fyne.Do(func() { u.status.step(1, reportSteps, lang.L("Đang dàn trang báo cáo đã lưu…")) })
			pdf, err = reportPDF(&data.Report)
		}
		if err == nil {
			err = ctx.Err()
		}
		if err == nil {
			fyne.Do(func() { u.status.step(2, reportSteps, lang.L("Đang vẽ các trang để xem trước…")) })
			dpi = plan.dpi(pdfPageCount(pdf))
			imgs, err = app.RenderPDF(pdf, dpi)
		}
		if err == nil {
			err = ctx.Err()
		}
		fyne.Do(func() {
			defer close(done)
			u.endJob()
			if err != nil {
				if errors.Is(err, context.Canceled) {
					s.notice(lang.L("Đã hủy mở báo cáo đã lưu."))
					return
				}
				dialogInfo(u.w, lang.L("Không mở được báo cáo đã lưu"), reportReason(err))
				return
			}
			saved := sr.CreatedAt
			if saved.IsZero() {
				saved = data.MadeAt
			}
			s.preview.show(previewPages{data: data, pdf: pdf, images: imgs, dpi: dpi, savedAt: saved})
			s.showDetails()
		})
	}()
	return done
}

// rebuild builds the report shown again (after the office changed); a saved
// report is left as it was made.
func (s *reportsScreen) rebuild() <-chan struct{} {
	done := make(chan struct{})
	p := s.preview
	if p.data == nil || p.reprint() || s.u.busy {
		close(done)
		return done
	}
	s.buildInto(p.data.Request, done, true)
	return done
}

// reportChoices is what the form's selects and the saved list are made of.
type reportChoices struct {
	tasks    []app.TaskView
	centrals []store.Document
	saved    []store.SavedReport
	office   report.Office
	err      error
}

// reload reads the choices of the form (the plans and units with tasks, the
// central documents), the saved reports and the office; the channel closes
// once they show.
func (s *reportsScreen) reload() <-chan struct{} {
	u := s.u
	done := make(chan struct{})
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		var c reportChoices
		c.tasks, c.err = u.l.Tasks(u.ctx, app.TaskQuery{})
		if c.err == nil {
			c.centrals, c.err = u.l.CentralDocuments(u.ctx)
		}
		if c.err == nil {
			c.saved, c.err = u.l.SavedReports(u.ctx)
		}
		if c.err == nil {
			c.office, c.err = u.l.ReportOffice(u.ctx)
		}
		fyne.Do(func() {
			defer close(done)
			if c.err != nil {
				s.pickHint.SetText(fmt.Sprintf(lang.L("Không đọc được thư viện: %s"), reportReason(c.err)))
				s.pickHint.Show()
				return
			}
			s.setChoices(c)
		})
	}()
	s.work = done
	return done
}

// setChoices fills the selects, keeping what was chosen when it is still
// there, and the saved list.
func (s *reportsScreen) setChoices(c reportChoices) {
	s.office = c.office
	s.plans, s.centrals, s.units = map[string]int64{}, map[string]int64{}, map[string]string{}
	var plans, units []string
	seenDoc, seenUnit := map[int64]bool{}, map[string]bool{}
	for _, v := range c.tasks {
		if !seenDoc[v.DocumentID] {
			seenDoc[v.DocumentID] = true
			label := taskDocLabel(v.Task)
			for s.plans[label] != 0 { // two documents with the same caption
				label += " "
			}
			s.plans[label] = v.DocumentID
			plans = append(plans, label)
		}
		for _, x := range append(slices.Clone(v.Lead), v.Support...) {
			if x.ID == "" || x.Name == "" || seenUnit[x.ID] {
				continue
			}
			seenUnit[x.ID] = true
			name := x.Name
			for s.units[name] != "" {
				name += " "
			}
			s.units[name] = x.ID
			units = append(units, name)
		}
	}
	collate.New(language.Vietnamese, collate.IgnoreCase).SortStrings(units)
	var centrals []string
	for _, d := range c.centrals {
		label := centralLabel(d)
		for s.centrals[label] != 0 {
			label += " "
		}
		s.centrals[label] = d.ID
		centrals = append(centrals, label)
	}
	first := !s.loaded && len(plans) > 0
	s.loaded = true
	for _, x := range []struct {
		sel  *widget.Select
		opts []string
	}{{s.planSel, plans}, {s.centralSel, centrals}, {s.unitSel, units}} {
		x.sel.Options = x.opts
		if !slices.Contains(x.opts, x.sel.Selected) {
			x.sel.Selected = ""
			if len(x.opts) > 0 {
				x.sel.Selected = x.opts[0]
			}
		}
		x.sel.Refresh()
	}
	if first {
		s.scope.SetSelected(lang.L(scopePlanText)) // the usual report: one plan
	} else {
		s.scopeChanged()
	}
	s.setSaved(c.saved)
	s.showDetails()
}

// setSaved lists the saved reports and counts them in the tab and the rail.
func (s *reportsScreen) setSaved(rs []store.SavedReport) {
	s.saved = rs
	if len(rs) == 0 {
		s.savedEmpty.Show()
		s.savedTab.Text = lang.L("Báo cáo đã lưu")
	} else {
		s.savedEmpty.Hide()
		s.savedTab.Text = fmt.Sprintf(lang.L("Báo cáo đã lưu (%d)"), len(rs))
	}
	s.tabs.Refresh()
	s.savedList.Refresh()
	s.u.nav.setCount(navReports, len(rs))
}

// shown is called when the screen is shown: its choices are read again and
// the detail panel describes the report.
func (s *reportsScreen) shown() {
	s.refreshToday()
	s.showDetails()
	s.reload()
}

// todayChoice is the Hôm nay choice of Ngày báo cáo on day today.
func todayChoice(today time.Time) string {
	return fmt.Sprintf(lang.L("Hôm nay (%s)"), today.Format("02/01/2006"))
}

// refreshToday renames the Hôm nay choice when the date has changed since
// the screen was built.
func (s *reportsScreen) refreshToday() {
	today := todayChoice(s.u.l.Today())
	if today == s.today {
		return
	}
	chosen := s.dateMode.Selected == s.today
	s.today = today
	s.dateMode.Options[1] = today
	if chosen {
		s.dateMode.Selected = today
	}
	s.dateMode.Refresh()
}

// showDetails describes the report shown and the office in the detail panel.
func (s *reportsScreen) showDetails() {
	u := s.u
	if u.current != navReports || u.docView != nil {
		return
	}
	objs := []fyne.CanvasObject{heading(lang.L("Báo cáo"))}
	if p := s.preview; p.data != nil {
		d := p.data
		r := d.Report
		objs = append(objs, field(lang.L("Tiêu đề"), strings.TrimSpace(r.Kind+" "+r.Subject)))
		period := lang.L("Không giới hạn")
		if d.Label != "" {
			period = d.Label
			if d.From != "" && d.To != "" && !strings.HasPrefix(d.Label, "từ ngày") {
				period += " (" + formatISODate(d.From) + " – " + formatISODate(d.To) + ")"
			}
		}
		objs = append(objs, field(lang.L("Kỳ báo cáo"), period),
			field(lang.L("Số nhiệm vụ"), strconv.Itoa(len(d.Tasks))),
			field(lang.L("Số trang"), strconv.Itoa(len(p.images))),
			field(lang.L("Lập lúc"), d.MadeAt.Format("15:04 02/01/2006")))
		switch {
		case p.reprint():
			objs = append(objs, field(lang.L("Trong thư viện"), fmt.Sprintf(lang.L("Bản đã lưu ngày %s (mã %d): in lại đúng như khi lập."), p.savedAt.Format("02/01/2006"), d.SavedID)))
		case d.SavedID != 0:
			objs = append(objs, field(lang.L("Trong thư viện"), fmt.Sprintf(lang.L("Đã lưu (mã %d)."), d.SavedID)))
		default:
			objs = append(objs, field(lang.L("Trong thư viện"), lang.L("Chưa lưu: bấm «Lưu…» để lưu ra tệp; bản báo cáo được giữ lại trong thư viện.")))
		}
	} else {
		objs = append(objs, hint(lang.L("Chọn phạm vi, kỳ báo cáo rồi bấm «Xem trước»: các trang hiện ra đúng như khi in. Bấm «In» (Ctrl+P) để in, «Lưu…» để lưu ra PDF, Word hoặc Excel.")))
	}
	o := s.office
	if p := s.preview; p.reprint() {
		o = p.data.Report.Office
	}
	objs = append(objs, widget.NewSeparator(), section(lang.L("Cơ quan ban hành")),
		field(lang.L("Thể thức"), officeFormatName(o.Format)),
		field(lang.L("Cơ quan"), strings.TrimSpace(strings.Join(nonEmpty(o.Parent, o.Name), "\n"))))
	sign := strings.Join(nonEmpty(o.Authority, o.Title, o.Signer), "\n")
	if strings.TrimSpace(o.Signer) == "" {
		sign = strings.TrimSpace(sign + "\n" + lang.L("(chưa điền người ký)"))
	}
	objs = append(objs, field(lang.L("Ký"), sign))
	if p := s.preview; p.reprint() {
		objs = append(objs, hint(lang.L("Bản đã lưu giữ cơ quan ban hành như khi lập.")))
	}
	objs = append(objs, s.officeBt)
	detailsToTop(u)
	u.details.set(nil, objs)
}

// officeFormatName names a presentation rule.
func officeFormatName(f report.Format) string {
	if f == report.State {
		return lang.L(officeStateText)
	}
	return lang.L(officePartyText)
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// centralLabel names a central document in the Phạm vi select.
func centralLabel(d store.Document) string {
	title := shorten(oneLine(docTitle(d)), 70)
	if d.Number != "" {
		return d.Number + " · " + title
	}
	return title
}

// savedTitle splits a saved report's title ("BÁO CÁO Kết quả thực hiện ...
// (6 tháng đầu năm 2026)") into its period, first in the list, and the rest
// without the kind.
func savedTitle(r store.SavedReport) (period, title string) {
	title = strings.TrimSpace(strings.TrimPrefix(r.Title, "BÁO CÁO"))
	if i := strings.LastIndex(title, " ("); i > 0 && strings.HasSuffix(title, ")") {
		period = title[i+2 : len(title)-1]
		title = title[:i]
	}
	if period == "" {
		period = lang.L("Không giới hạn kỳ")
	} else {
		rs := []rune(period)
		period = strings.ToUpper(string(rs[0])) + string(rs[1:])
	}
	return period, title
}

// savedLine is "20/05/2026 14:03 · người lập".
func savedLine(r store.SavedReport) string {
	s := r.CreatedAt.Local().Format("02/01/2006 15:04")
	if r.CreatedBy != "" {
		s += " · " + r.CreatedBy
	}
	return s
}

// reportReason says why report work failed, for the clerk.
func reportReason(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, context.Canceled):
		return lang.L("Đã hủy.")
	case errors.Is(err, store.ErrReportNotFound):
		return lang.L("Không tìm thấy báo cáo đã lưu này (có thể thư viện đã được khôi phục từ bản sao cũ hơn).")
	}
	return app.Reason(err)
}

// twoLines sizes its one object to two lines of text.
type twoLines struct{}

func (twoLines) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (twoLines) MinSize([]fyne.CanvasObject) fyne.Size {
	line := textLineHeight()
	return fyne.NewSize(60, 2*line+2*theme.InnerPadding())
}

// step shows how far a report job has gone.
func (s *statusLine) step(done, total int, label string) {
	if !s.stopping {
		s.label.SetText(label)
	}
	s.bar.Max = float64(total)
	s.bar.SetValue(float64(done))
}

// notice says in the status line that something was done (saved, printed),
// for a few seconds, without progress bar or Hủy. While a long job shows its
// progress there, the notice goes to a dialog instead.
func (s *reportsScreen) notice(msg string) {
	u := s.u
	st := u.status
	if u.busy {
		dialogInfo(u.w, lang.L("Báo cáo"), msg)
		return
	}
	s.noticeGen++
	gen := s.noticeGen
	st.label.SetText(msg)
	st.bar.Hide()
	st.cancelBt.Hide()
	st.content.Show()
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		select {
		case <-u.ctx.Done():
		case <-time.After(noticeTime):
			fyne.Do(func() {
				if gen == s.noticeGen {
					s.clearNotice()
				}
			})
		}
	}()
}

// clearNotice takes the notice off the status line.
func (s *reportsScreen) clearNotice() {
	st := s.u.status
	if st.bar.Visible() {
		return
	}
	s.noticeGen++
	st.bar.Show()
	st.cancelBt.Show()
	if !s.u.busy {
		st.content.Hide()
	}
}

// noticeText is what the status line says.
func (s *reportsScreen) noticeText() string {
	if !s.u.status.content.Visible() {
		return ""
	}
	return s.u.status.label.Text
}
