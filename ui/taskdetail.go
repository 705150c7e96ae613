package ui

import (
	"context"
	"fmt"
	"image/color"
	"net/url"
	"path/filepath"
	"slices"
	"strings"

	"chidao/app"
	"chidao/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// taskData is what the detail of a task shows, read off the UI thread.
type taskData struct {
	task   app.TaskView
	notes  []store.Note
	values []store.TargetValue
	audit  []store.AuditEntry
	err    error
}

func loadTask(ctx context.Context, l *app.Library, id int64) taskData {
	var d taskData
	if d.task, d.err = l.Task(ctx, id); d.err != nil {
		return d
	}
	if d.notes, d.err = l.Notes(ctx, id); d.err != nil {
		return d
	}
	if d.task.Target != nil {
		if d.values, d.err = l.TargetValues(ctx, id); d.err != nil {
			return d
		}
	}
	d.audit, d.err = l.Audit(ctx, store.EntityTask, id)
	return d
}

// taskDetail is the selected task in the window's detail panel: what it is,
// where it comes from, its deadline and target, the timeline of its notes and
// its change log.
type taskDetail struct {
	s     *tasksScreen
	data  taskData
	shown int64 // the task the panel shows, 0 for none

	work  <-chan struct{} // closes once the last task loaded shows
	acted <-chan struct{} // closes once the last change shows

	notes   []*noteRow     // the timeline as drawn
	addNote *widget.Button // "Thêm ghi chú…"
	edit    *widget.Button // "Sửa…"
	record  *widget.Button // "Ghi số liệu…", nil without a target
	sources []*widget.Hyperlink

	noteDlg    *noteDialog  // the last note dialog opened
	editDlg    *editDialog  // the last task dialog opened
	valueDlg   *valueDialog // the last target value dialog opened
	historyDlg dialog.Dialog
	history    []store.Note // the versions the last history dialog lists
	historyRun <-chan struct{}
}

func newTaskDetail(s *tasksScreen) *taskDetail { return &taskDetail{s: s} }

// visible says whether the detail panel belongs to the task list now.
func (d *taskDetail) visible() bool {
	u := d.s.u
	return u.current == navTasks && u.docView == nil && len(d.s.content.Objects) > 0 && d.s.content.Objects[0] == d.s.list
}

// clear shows the panel's empty state.
func (d *taskDetail) clear() {
	if !d.visible() {
		return
	}
	d.notes = nil
	d.shown = 0
	d.s.u.details.set(nil, []fyne.CanvasObject{heading(lang.L("Chi tiết")),
		hint(lang.L("Chọn một nhiệm vụ trong danh sách để xem nguồn, thời hạn, chỉ tiêu và các ghi chú tiến độ của nhiệm vụ."))})
}

// load reads task id and shows it; the channel closes once it shows.
func (d *taskDetail) load(id int64) <-chan struct{} {
	u := d.s.u
	done := make(chan struct{})
	d.work = done
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		data := loadTask(u.ctx, u.l, id)
		fyne.Do(func() {
			defer close(done)
			if d.s.selected != id {
				return
			}
			d.data = data
			d.render()
		})
	}()
	return done
}

// render draws the loaded task in the panel.
func (d *taskDetail) render() {
	if !d.visible() {
		return
	}
	u := d.s.u
	if d.data.err != nil {
		u.details.set(nil, []fyne.CanvasObject{heading(lang.L("Chi tiết nhiệm vụ")), hint(fmt.Sprintf(lang.L("Không đọc được nhiệm vụ: %s"), taskReason(d.data.err)))})
		return
	}
	t := d.data.task
	if d.shown != t.ID {
		detailsToTop(u)
		d.shown = t.ID
	}
	d.edit = widget.NewButtonWithIcon(lang.L("Sửa…"), theme.DocumentCreateIcon(), func() { d.editDialog() })
	d.edit.Importance = widget.LowImportance
	title := widget.NewLabelWithStyle(t.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	objs := []fyne.CanvasObject{container.NewBorder(nil, nil, nil, d.edit, heading(lang.L("Chi tiết nhiệm vụ"))), title}

	st := t.Status
	if st == "" {
		st = store.StatusNotStarted
	}
	bar := widget.NewProgressBar()
	bar.SetValue(float64(t.Progress) / 100)
	objs = append(objs, container.NewBorder(nil, nil, container.NewCenter(statusBadge(st)), nil, bar))

	// Where it comes from.
	objs = append(objs, widget.NewSeparator(), mutedText(lang.L("Nguồn")))
	d.sources = nil
	for _, c := range t.Clauses {
		docID := c.DocumentID
		if docID == 0 {
			docID = t.DocumentID
		}
		addr := c.Clause
		link := widget.NewHyperlink(fmt.Sprintf(lang.L("Điều khoản %s"), addr), nil)
		link.OnTapped = func() { u.openDocumentAt(docID, addr) }
		link.Wrapping = fyne.TextWrapWord
		d.sources = append(d.sources, link)
		objs = append(objs, link)
	}
	if doc := strings.TrimSpace(strings.Trim(t.Number+" · "+shorten(oneLine(t.DocTitle), 140), " ·")); doc != "" {
		l := widget.NewLabel(doc)
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.LowImportance
		objs = append(objs, l)
	}

	// Who.
	if len(t.Lead) > 0 {
		objs = append(objs, field(lang.L("Chủ trì"), taskUnitNames(t.Lead)))
	}
	if len(t.Support) > 0 {
		objs = append(objs, field(lang.L("Phối hợp"), taskUnitNames(t.Support)))
	}

	// When.
	objs = append(objs, widget.NewSeparator())
	if t.DeadlineText != "" {
		objs = append(objs, field(lang.L("Thời hạn ghi trong văn bản"), "«"+t.DeadlineText+"»"))
	}
	if t.Due != "" {
		objs = append(objs, field(lang.L("Hạn cuối"), formatISODate(t.Due)))
	}
	if t.Next != "" {
		next := mutedText(lang.L("Hạn kế tiếp"))
		val := widget.NewLabel(formatISODate(t.Next))
		switch {
		case t.Overdue:
			val.SetText(fmt.Sprintf(lang.L("%s — quá hạn %d ngày"), formatISODate(t.Next), -t.DaysLeft))
			val.Importance = widget.DangerImportance
			val.TextStyle.Bold = true
		case t.DaysLeft <= app.DueSoonDays:
			val.SetText(fmt.Sprintf(lang.L("%s — còn %d ngày"), formatISODate(t.Next), t.DaysLeft))
			val.Importance = widget.WarningImportance
		}
		val.Wrapping = fyne.TextWrapWord
		objs = append(objs, container.New(tightVBox{}, next, val))
	} else if t.DeadlineText == "" && t.Due == "" && t.Recurrence == "" {
		objs = append(objs, field(lang.L("Thời hạn"), lang.L("Không ghi thời hạn")))
	}
	if r := taskRecurrenceText(t.Recurrence); r != "" {
		objs = append(objs, field(lang.L("Định kỳ"), r))
	}
	if t.LastReport != "" {
		objs = append(objs, field(lang.L("Báo cáo gần nhất"), formatISODate(t.LastReport)))
	}

	// The target.
	d.record = nil
	if g := t.Target; g != nil {
		objs = append(objs, widget.NewSeparator(), section(lang.L("Chỉ tiêu")))
		gl := widget.NewLabel("«" + g.Text + "»")
		gl.Wrapping = fyne.TextWrapWord
		objs = append(objs, gl)
		latest, pct, ok := app.TargetProgress(g, d.data.values)
		if ok {
			pb := widget.NewProgressBar()
			pb.Max = 100
			pb.SetValue(min(pct, 100))
			pb.TextFormatter = func() string { return formatNumber(float64(int(pct*10+0.5))/10) + "%" }
			objs = append(objs, mutedText(fmt.Sprintf(lang.L("Đạt so với chỉ tiêu (số liệu ngày %s)"), formatISODate(latest.AsOf))), pb)
		}
		for i := len(d.data.values) - 1; i >= 0; i-- {
			v := d.data.values[i]
			line := formatISODate(v.AsOf) + ": " + formatNumber(v.Value) + targetUnit(g)
			if v.Comment != "" {
				line += " — " + v.Comment
			}
			l := widget.NewLabel(line)
			l.Wrapping = fyne.TextWrapWord
			objs = append(objs, l)
		}
		if len(d.data.values) == 0 {
			objs = append(objs, hint(lang.L("Chưa ghi số liệu thực hiện.")))
		}
		d.record = widget.NewButtonWithIcon(lang.L("Ghi số liệu…"), theme.ContentAddIcon(), func() { d.valueDialog() })
		objs = append(objs, d.record)
	}

	// The timeline.
	d.addNote = widget.NewButtonWithIcon(lang.L("Thêm ghi chú…"), theme.ContentAddIcon(), func() { d.noteDialog(nil) })
	d.addNote.Importance = widget.HighImportance
	objs = append(objs, widget.NewSeparator(), section(fmt.Sprintf(lang.L("Ghi chú tiến độ (%d)"), len(d.data.notes))), d.addNote)
	if len(d.data.notes) == 0 {
		objs = append(objs, hint(lang.L("Chưa có ghi chú nào. Ghi lại từng báo cáo của đơn vị: ngày, nội dung, tiến độ, văn bản báo cáo và tệp kèm theo.")))
	}
	d.notes = nil
	for _, n := range d.data.notes {
		r := d.newNoteRow(n)
		d.notes = append(d.notes, r)
		objs = append(objs, r.content)
	}

	// The change log.
	if len(d.data.audit) > 0 {
		var lines []fyne.CanvasObject
		for i := len(d.data.audit) - 1; i >= 0; i-- {
			lines = append(lines, auditLine(d.data.audit[i]))
		}
		acc := widget.NewAccordion(widget.NewAccordionItem(fmt.Sprintf(lang.L("Nhật ký thay đổi (%d)"), len(d.data.audit)), container.NewVBox(lines...)))
		objs = append(objs, widget.NewSeparator(), acc)
	}
	u.details.set(nil, objs)
}

// detailsToTop scrolls the detail panel back to its top, for new content.
func detailsToTop(u *mainUI) {
	if sc, ok := u.details.content.(*container.Scroll); ok {
		sc.ScrollToTop()
	}
}

// statusBadge is a status as a coloured tag.
func statusBadge(st string) fyne.CanvasObject {
	c := theme.ColorNameForeground
	switch statusImportance(st) {
	case widget.SuccessImportance:
		c = theme.ColorNameSuccess
	case widget.HighImportance:
		c = theme.ColorNamePrimary
	case widget.LowImportance:
		c = theme.ColorNamePlaceHolder
	}
	return badge(taskStatusText(st), c)
}

// targetUnit is the unit after a target's values (" %" , " ha", "").
func targetUnit(g *store.Target) string {
	if g.Unit == "" {
		return ""
	}
	if g.Unit == "%" {
		return "%"
	}
	return " " + g.Unit
}

// auditField names a field of the change log; a field it does not know keeps
// its own name.
func auditField(f string) string {
	switch f {
	case "create":
		return lang.L("Tạo nhiệm vụ")
	case "title":
		return lang.L("Tên")
	case "text":
		return lang.L("Nội dung")
	case "due":
		return lang.L("Hạn cuối")
	case "from":
		return lang.L("Bắt đầu")
	case "deadline_text":
		return lang.L("Thời hạn ghi trong văn bản")
	case "recurrence":
		return lang.L("Định kỳ")
	case "status":
		return lang.L("Tình trạng")
	case "progress":
		return lang.L("Tiến độ")
	case "lead":
		return lang.L("Chủ trì")
	case "support":
		return lang.L("Phối hợp")
	case "clauses":
		return lang.L("Điều khoản")
	case "target":
		return lang.L("Chỉ tiêu")
	}
	return f
}

// auditLine is one change: when, who, what from what to what.
func auditLine(a store.AuditEntry) fyne.CanvasObject {
	name := auditField(a.Field)
	value := func(s string) string {
		switch a.Field {
		case "status":
			s = taskStatusText(s)
		case "progress":
			s += "%"
		case "due", "from":
			s = formatISODate(s)
		case "recurrence":
			s = taskRecurrenceText(s)
		}
		if strings.TrimSpace(s) == "" || s == "%" {
			return lang.L("(trống)")
		}
		return shorten(oneLine(s), 120)
	}
	head := formatDate(a.At)
	if a.By != "" {
		head += " · " + a.By
	}
	var what string
	if a.Field == "create" {
		what = name
	} else {
		what = name + ": " + value(a.Old) + " → " + value(a.New)
	}
	l := widget.NewLabel(what)
	l.Wrapping = fyne.TextWrapWord
	return container.New(tightVBox{}, mutedText(head), l)
}

// noteRow is one note of the timeline.
type noteRow struct {
	note    store.Note
	edit    *widget.Button
	retract *widget.Button
	history *widget.Button // nil for a note never corrected
	content fyne.CanvasObject
}

// newNoteRow draws note n: its date and reporter, its text, the progress and
// status it reported, the document it cites and its files, with its actions.
func (d *taskDetail) newNoteRow(n store.Note) *noteRow {
	u := d.s.u
	r := &noteRow{note: n}
	head := formatISODate(n.ReportedOn)
	if n.Reporter != "" {
		head += " · " + n.Reporter
	}
	hl := widget.NewLabelWithStyle(head, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	hl.Wrapping = fyne.TextWrapWord
	lines := []fyne.CanvasObject{hl}
	if strings.TrimSpace(n.Body) != "" {
		body := widget.NewLabel(n.Body)
		body.Wrapping = fyne.TextWrapWord
		lines = append(lines, body)
	}
	var facts []string
	if n.Progress >= 0 {
		facts = append(facts, fmt.Sprintf(lang.L("Tiến độ %d%%"), n.Progress))
	}
	if n.Status != "" {
		facts = append(facts, fmt.Sprintf(lang.L("Tình trạng → %s"), taskStatusText(n.Status)))
	}
	if len(facts) > 0 {
		f := widget.NewLabel(strings.Join(facts, " · "))
		f.Importance = statusImportance(n.Status)
		if n.Status == "" {
			f.Importance = widget.MediumImportance
		}
		f.Wrapping = fyne.TextWrapWord
		lines = append(lines, f)
	}
	if n.EvidenceNumber != "" {
		if id := n.EvidenceDocumentID; id != 0 {
			link := widget.NewHyperlink(fmt.Sprintf(lang.L("Văn bản %s"), n.EvidenceNumber), nil)
			link.OnTapped = func() { u.openDocumentAt(id, "") }
			lines = append(lines, link)
		} else {
			lines = append(lines, mutedText(fmt.Sprintf(lang.L("Văn bản %s (chưa có trong thư viện)"), n.EvidenceNumber)))
		}
	}
	for _, a := range n.Attachments {
		path := u.l.AttachmentPath(a)
		link := widget.NewHyperlink("📎 "+a.Name, nil)
		link.OnTapped = func() { openFile(u.w, path, a.Name) }
		lines = append(lines, link)
	}
	var actions []fyne.CanvasObject
	if n.Version > 1 {
		actions = append(actions, container.NewCenter(badge(lang.L("đã sửa"), theme.ColorNameWarning)))
		r.history = widget.NewButton(lang.L("Lịch sử"), func() { d.historyDialog(n.Key) })
		r.history.Importance = widget.LowImportance
		actions = append(actions, r.history)
	}
	actions = append(actions, layout.NewSpacer())
	r.edit = widget.NewButton(lang.L("Sửa"), func() { d.noteDialog(&r.note) })
	r.edit.Importance = widget.LowImportance
	r.retract = widget.NewButton(lang.L("Rút lại"), func() { d.retractNote(r.note) })
	r.retract.Importance = widget.LowImportance
	actions = append(actions, r.edit, r.retract)
	lines = append(lines, container.NewHBox(actions...))
	accent := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
	accent.SetMinSize(fyne.NewSize(3, 0))
	if n.Status != "" {
		accent.FillColor = theme.Color(statusColor(n.Status))
	}
	r.content = container.New(layout.NewCustomPaddedLayout(theme.Padding(), theme.Padding(), 0, 0),
		container.NewBorder(nil, nil, accent, nil, container.New(tightVBox{}, lines...)))
	return r
}

func statusColor(st string) fyne.ThemeColorName {
	switch statusImportance(st) {
	case widget.SuccessImportance:
		return theme.ColorNameSuccess
	case widget.LowImportance:
		return theme.ColorNamePlaceHolder
	}
	return theme.ColorNamePrimary
}

// openFile opens an attached file with the system's program, or says where
// it is kept when that fails.
func openFile(w fyne.Window, path, name string) {
	if a := fyne.CurrentApp(); a != nil {
		if err := a.OpenURL(&url.URL{Scheme: "file", Path: path}); err == nil {
			return
		}
	}
	dialogInfo(w, lang.L("Tệp đính kèm"), fmt.Sprintf(lang.L("Tệp «%s» được lưu ở: %s"), name, path))
}

// act runs a change off the UI thread, then reads the list and the task
// again; the channel closes once they show. A failure is shown with what.
func (d *taskDetail) act(what string, f func(ctx context.Context) error) <-chan struct{} {
	u := d.s.u
	done := make(chan struct{})
	d.acted = done
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		err := f(u.ctx)
		fyne.Do(func() {
			if err != nil {
				dialogInfo(u.w, lang.L("Không lưu được"), what+": "+taskReason(err))
				close(done)
				return
			}
			changed := d.s.changed()
			go func() { <-changed; close(done) }()
		})
	}()
	return done
}

// retractNote asks, then retracts note n.
func (d *taskDetail) retractNote(n store.Note) {
	msg := widget.NewLabel(fmt.Sprintf(lang.L("Rút lại ghi chú ngày %s? Ghi chú không còn hiện trong danh sách nhưng vẫn được lưu trong lịch sử; tình trạng và tiến độ của nhiệm vụ giữ nguyên."),
		formatISODate(n.ReportedOn)))
	msg.Wrapping = fyne.TextWrapWord
	c := dialog.NewCustomConfirm(lang.L("Rút lại ghi chú"), lang.L("Rút lại"), lang.L("Hủy"), container.New(fixedWidth(400), msg), func(yes bool) {
		if yes {
			d.doRetract(n.ID)
		}
	}, d.s.u.w)
	c.Show()
}

func (d *taskDetail) doRetract(id int64) <-chan struct{} {
	return d.act(lang.L("Không rút lại được ghi chú"), func(ctx context.Context) error {
		_, err := d.s.u.l.RetractNote(ctx, id)
		return err
	})
}

// historyDialog lists every version of note key.
func (d *taskDetail) historyDialog(key int64) <-chan struct{} {
	u := d.s.u
	done := make(chan struct{})
	d.historyRun = done
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		vs, err := u.l.NoteVersions(u.ctx, key)
		fyne.Do(func() {
			defer close(done)
			if err != nil {
				dialogInfo(u.w, lang.L("Lịch sử ghi chú"), fmt.Sprintf(lang.L("Không đọc được lịch sử: %s"), taskReason(err)))
				return
			}
			d.history = vs
			box := container.NewVBox()
			for i := len(vs) - 1; i >= 0; i-- {
				v := vs[i]
				head := fmt.Sprintf(lang.L("Bản %d · ghi lúc %s"), v.Version, formatDate(v.CreatedAt))
				if v.CreatedBy != "" {
					head += " · " + v.CreatedBy
				}
				if v.Retracted {
					head += " · " + lang.L("đã rút lại")
				}
				what := formatISODate(v.ReportedOn)
				if v.Reporter != "" {
					what += " · " + v.Reporter
				}
				body := widget.NewLabel(what + "\n" + v.Body)
				body.Wrapping = fyne.TextWrapWord
				var facts []string
				if v.Progress >= 0 {
					facts = append(facts, fmt.Sprintf(lang.L("Tiến độ %d%%"), v.Progress))
				}
				if v.Status != "" {
					facts = append(facts, fmt.Sprintf(lang.L("Tình trạng → %s"), taskStatusText(v.Status)))
				}
				for _, a := range v.Attachments {
					facts = append(facts, fmt.Sprintf(lang.L("Tệp: %s"), a.Name))
				}
				objs := []fyne.CanvasObject{section(head), body}
				if len(facts) > 0 {
					objs = append(objs, mutedText(strings.Join(facts, " · ")))
				}
				box.Add(container.New(tightVBox{}, objs...))
				box.Add(widget.NewSeparator())
			}
			d.historyDlg = dialog.NewCustom(lang.L("Lịch sử ghi chú"), lang.L("Đóng"), container.NewVScroll(box), u.w)
			d.historyDlg.Resize(fyne.NewSize(560, 480))
			d.historyDlg.Show()
		})
	}()
	return done
}

// noteDialog is the open "Thêm ghi chú" or "Sửa ghi chú" dialog.
type noteDialog struct {
	d        dialog.Dialog
	editing  *store.Note // the note corrected, nil for a new one
	date     *widget.Entry
	reporter *widget.SelectEntry
	body     *widget.Entry
	setProg  *widget.Check
	progress *widget.Slider
	progText *widget.Label
	status   *widget.Select
	files    []string           // files to attach
	keep     []store.Attachment // attachments of the corrected note to keep
	fileBox  *fyne.Container
	problem  *widget.Label
	save     *widget.Button
	loaded   chan struct{} // closed once the reporter choices are listed
}

// noStatusChange is the status choice that leaves the task's status,
// translated where shown.
//
// i18n: keys in en-tasks.json
const noStatusChange = "Không đổi"

// noteDialog opens the dialog adding a note, or correcting note n.
func (d *taskDetail) noteDialog(n *store.Note) *noteDialog {
	u := d.s.u
	t := d.data.task
	nd := &noteDialog{editing: n, loaded: make(chan struct{})}
	d.noteDlg = nd
	nd.date = widget.NewEntry()
	nd.date.SetPlaceHolder(lang.L("ngày/tháng/năm"))
	nd.date.SetText(u.l.Today().Format("02/01/2006"))
	var names []string
	for _, x := range append(slices.Clone(t.Lead), t.Support...) {
		if !slices.Contains(names, x.Name) {
			names = append(names, x.Name)
		}
	}
	nd.reporter = widget.NewSelectEntry(names)
	nd.reporter.SetPlaceHolder(lang.L("Chọn hoặc gõ tên đơn vị báo cáo"))
	if len(t.Lead) > 0 {
		nd.reporter.SetText(t.Lead[0].Name)
	}
	nd.body = widget.NewMultiLineEntry()
	nd.body.Wrapping = fyne.TextWrapWord
	nd.body.SetMinRowsVisible(5)
	nd.body.SetPlaceHolder(lang.L("Nội dung báo cáo, kết quả đạt được; ghi số văn bản báo cáo (ví dụ «Báo cáo số 12-BC/BTCTU») để liên kết văn bản"))
	nd.progText = widget.NewLabel("")
	nd.progress = widget.NewSlider(0, 100)
	nd.progress.Step = 5
	nd.setProg = widget.NewCheck(lang.L("Cập nhật tiến độ"), func(on bool) { nd.showProgress() })
	nd.progress.OnChanged = func(float64) {
		if !nd.setProg.Checked {
			nd.setProg.SetChecked(true)
		}
		nd.showProgress()
	}
	nd.progress.Value = float64(t.Progress)
	statuses := []string{lang.L(noStatusChange)}
	for _, st := range store.Statuses {
		statuses = append(statuses, taskStatusText(st))
	}
	nd.status = widget.NewSelect(statuses, nil)
	nd.status.SetSelected(lang.L(noStatusChange))
	nd.fileBox = container.NewVBox()
	attach := widget.NewButtonWithIcon(lang.L("Đính kèm tệp…"), theme.FileIcon(), func() { nd.attachDialog(u.w) })
	nd.problem = widget.NewLabel("")
	nd.problem.Importance = widget.DangerImportance
	nd.problem.Wrapping = fyne.TextWrapWord
	nd.problem.Hide()

	title := lang.L("Thêm ghi chú tiến độ")
	saveText := lang.L("Lưu ghi chú")
	if n != nil {
		title, saveText = lang.L("Sửa ghi chú"), lang.L("Lưu bản sửa")
		nd.date.SetText(formatISODate(n.ReportedOn))
		nd.reporter.SetText(n.Reporter)
		nd.body.SetText(n.Body)
		if n.Progress >= 0 {
			nd.progress.Value = float64(n.Progress)
			nd.setProg.Checked = true
		}
		if n.Status != "" {
			nd.status.SetSelected(taskStatusText(n.Status))
		}
		nd.keep = slices.Clone(n.Attachments)
	}
	nd.showProgress()
	nd.showFiles()
	nd.save = widget.NewButtonWithIcon(saveText, theme.DocumentSaveIcon(), func() { d.saveNote(nd) })
	nd.save.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(lang.L("Hủy"), theme.CancelIcon(), func() { nd.d.Hide() })

	form := widget.NewForm(
		widget.NewFormItem(lang.L("Ngày báo cáo"), nd.date),
		widget.NewFormItem(lang.L("Đơn vị báo cáo"), nd.reporter),
		widget.NewFormItem(lang.L("Nội dung"), nd.body),
		widget.NewFormItem(lang.L("Tiến độ"), container.NewBorder(nil, nil, nd.setProg, container.New(fixedWidth(52), nd.progText), nd.progress)),
		widget.NewFormItem(lang.L("Tình trạng mới"), nd.status),
		widget.NewFormItem(lang.L("Tệp đính kèm"), container.NewVBox(nd.fileBox, container.NewHBox(attach))),
	)
	intro := widget.NewLabel(shorten(t.Title, 200))
	intro.Wrapping = fyne.TextWrapWord
	intro.Importance = widget.LowImportance
	body := container.NewBorder(intro, container.NewVBox(nd.problem, container.NewHBox(layout.NewSpacer(), cancel, nd.save)), nil, nil,
		container.NewVScroll(form))
	nd.d = dialog.NewCustomWithoutButtons(title, body, u.w)
	nd.d.Resize(fyne.NewSize(680, 600))
	nd.d.Show()
	u.w.Canvas().Focus(nd.body)

	// The catalog's units are offered after the task's own.
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		us, _ := u.l.Units(u.ctx)
		fyne.Do(func() {
			defer close(nd.loaded)
			opts := slices.Clone(names)
			for _, x := range us {
				if !slices.Contains(opts, x.Name) {
					opts = append(opts, x.Name)
				}
			}
			nd.reporter.SetOptions(opts)
		})
	}()
	return nd
}

func (nd *noteDialog) showProgress() {
	if nd.setProg.Checked {
		nd.progText.SetText(fmt.Sprintf("%d%%", int(nd.progress.Value)))
	} else {
		nd.progText.SetText("—")
	}
}

// showFiles lists the files to attach, each with a button taking it off.
func (nd *noteDialog) showFiles() {
	nd.fileBox.Objects = nil
	for i, a := range nd.keep {
		i := i
		nd.fileBox.Add(container.NewBorder(nil, nil, nil, widget.NewButtonWithIcon("", theme.CancelIcon(), func() {
			nd.keep = slices.Delete(nd.keep, i, i+1)
			nd.showFiles()
		}), widget.NewLabel(a.Name)))
	}
	for i, f := range nd.files {
		i := i
		nd.fileBox.Add(container.NewBorder(nil, nil, nil, widget.NewButtonWithIcon("", theme.CancelIcon(), func() {
			nd.files = slices.Delete(nd.files, i, i+1)
			nd.showFiles()
		}), widget.NewLabel(filepath.Base(f))))
	}
	nd.fileBox.Refresh()
}

// attachDialog asks for a file to attach.
func (nd *noteDialog) attachDialog(w fyne.Window) {
	f := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		p := r.URI().Path()
		r.Close()
		rememberFolder(filepath.Dir(p))
		nd.addFile(p)
	}, w)
	startIn(f)
	f.SetTitleText(lang.L("Chọn tệp đính kèm ghi chú"))
	f.SetConfirmText(lang.L("Đính kèm"))
	f.SetDismissText(lang.L("Hủy"))
	f.Resize(dialogSize(w))
	f.Show()
}

// addFile adds a file to attach.
func (nd *noteDialog) addFile(path string) {
	if !slices.Contains(nd.files, path) {
		nd.files = append(nd.files, path)
	}
	nd.showFiles()
}

// note is what the dialog says, or a reason it cannot be saved.
func (nd *noteDialog) note(taskID int64) (store.Note, string) {
	n := store.Note{TaskID: taskID, Reporter: strings.TrimSpace(nd.reporter.Text), Body: strings.TrimSpace(nd.body.Text), Progress: -1}
	day, ok := parseDay(nd.date.Text)
	if !ok {
		return n, lang.L("Ngày báo cáo không hợp lệ: hãy nhập theo dạng ngày/tháng/năm, ví dụ 30/06/2026.")
	}
	n.ReportedOn = day
	if nd.setProg.Checked {
		n.Progress = int(nd.progress.Value)
	}
	for _, st := range store.Statuses {
		if taskStatusText(st) == nd.status.Selected {
			n.Status = st
		}
	}
	n.Attachments = slices.Clone(nd.keep)
	if n.Body == "" && n.Status == "" && n.Progress < 0 && len(nd.files) == 0 && len(n.Attachments) == 0 {
		return n, lang.L("Ghi chú trống: hãy nhập nội dung, tiến độ, tình trạng mới hoặc đính kèm tệp.")
	}
	return n, ""
}

// saveNote saves the dialog's note (or its correction) and closes it.
func (d *taskDetail) saveNote(nd *noteDialog) <-chan struct{} {
	n, problem := nd.note(d.data.task.ID)
	if problem != "" {
		nd.problem.SetText(problem)
		nd.problem.Show()
		done := make(chan struct{})
		close(done)
		return done
	}
	nd.d.Hide()
	files := slices.Clone(nd.files)
	if nd.editing != nil {
		id := nd.editing.ID
		return d.act(lang.L("Không lưu được bản sửa"), func(ctx context.Context) error {
			_, err := d.s.u.l.CorrectNote(ctx, id, n, files)
			return err
		})
	}
	return d.act(lang.L("Không lưu được ghi chú"), func(ctx context.Context) error {
		_, err := d.s.u.l.AddNote(ctx, n, files)
		return err
	})
}

// valueDialog is the open "Ghi số liệu" dialog.
type valueDialog struct {
	d       dialog.Dialog
	date    *widget.Entry
	value   *widget.Entry
	comment *widget.Entry
	problem *widget.Label
	save    *widget.Button
}

// valueDialog asks for a value of the task's target at a date.
func (d *taskDetail) valueDialog() *valueDialog {
	u := d.s.u
	t := d.data.task
	vd := &valueDialog{}
	d.valueDlg = vd
	vd.date = widget.NewEntry()
	vd.date.SetText(u.l.Today().Format("02/01/2006"))
	vd.value = widget.NewEntry()
	vd.value.SetPlaceHolder(lang.L("ví dụ 8,5"))
	vd.comment = widget.NewEntry()
	vd.comment.SetPlaceHolder(lang.L("nguồn số liệu, ghi chú (không bắt buộc)"))
	vd.problem = widget.NewLabel("")
	vd.problem.Importance = widget.DangerImportance
	vd.problem.Wrapping = fyne.TextWrapWord
	vd.problem.Hide()
	explain := lang.L("Ghi mức đã thực hiện được đến ngày này.")
	if g := t.Target; g != nil {
		switch g.Direction {
		case "reach":
			explain = fmt.Sprintf(lang.L("Ghi giá trị hiện có đến ngày này (chỉ tiêu đạt khi bằng %s)."), formatNumber(g.Amount)+targetUnit(g))
		case "decrease":
			explain = fmt.Sprintf(lang.L("Ghi mức đã giảm được đến ngày này, cùng đơn vị với chỉ tiêu (%s)."), formatNumber(g.Amount)+targetUnit(g))
		default:
			explain = fmt.Sprintf(lang.L("Ghi mức đã tăng được đến ngày này, cùng đơn vị với chỉ tiêu (%s)."), formatNumber(g.Amount)+targetUnit(g))
		}
	}
	ex := widget.NewLabel(explain)
	ex.Wrapping = fyne.TextWrapWord
	ex.Importance = widget.LowImportance
	vd.save = widget.NewButtonWithIcon(lang.L("Lưu"), theme.DocumentSaveIcon(), func() {
		day, ok := parseDay(vd.date.Text)
		val, okv := parseNumber(vd.value.Text)
		switch {
		case !ok:
			vd.problem.SetText(lang.L("Ngày không hợp lệ: hãy nhập theo dạng ngày/tháng/năm."))
			vd.problem.Show()
			return
		case !okv:
			vd.problem.SetText(lang.L("Giá trị không phải là số: hãy nhập ví dụ 8,5 hoặc 1.700."))
			vd.problem.Show()
			return
		}
		vd.d.Hide()
		v := store.TargetValue{TaskID: t.ID, AsOf: day, Value: val, Comment: strings.TrimSpace(vd.comment.Text)}
		d.act(lang.L("Không ghi được số liệu"), func(ctx context.Context) error {
			_, err := u.l.RecordTargetValue(ctx, v)
			return err
		})
	})
	vd.save.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(lang.L("Hủy"), theme.CancelIcon(), func() { vd.d.Hide() })
	target := ""
	if t.Target != nil {
		target = "«" + t.Target.Text + "»"
	}
	tl := widget.NewLabel(target)
	tl.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(widget.NewFormItem(lang.L("Ngày"), vd.date), widget.NewFormItem(lang.L("Giá trị"), vd.value),
		widget.NewFormItem(lang.L("Ghi chú"), vd.comment))
	body := container.NewVBox(tl, ex, form, vd.problem, container.NewHBox(layout.NewSpacer(), cancel, vd.save))
	vd.d = dialog.NewCustomWithoutButtons(lang.L("Ghi số liệu chỉ tiêu"), container.New(fixedWidth(480), body), u.w)
	vd.d.Show()
	u.w.Canvas().Focus(vd.value)
	return vd
}

// editDialog is the open "Sửa nhiệm vụ" dialog.
type editDialog struct {
	d        dialog.Dialog
	title    *widget.Entry
	status   *widget.Select
	due      *widget.Entry
	deadline *widget.Entry
	progress *widget.Slider
	progText *widget.Label
	lead     *unitChooser
	support  *unitChooser
	problem  *widget.Label
	save     *widget.Button
	catalog  []store.Unit
	loaded   chan struct{}
}

// editDialog edits the task's title, status, deadline, progress and units.
func (d *taskDetail) editDialog() *editDialog {
	u := d.s.u
	t := d.data.task.Task
	ed := &editDialog{loaded: make(chan struct{})}
	d.editDlg = ed
	ed.title = widget.NewMultiLineEntry()
	ed.title.Wrapping = fyne.TextWrapWord
	ed.title.SetMinRowsVisible(3)
	ed.title.SetText(t.Title)
	var statuses []string
	for _, st := range store.Statuses {
		statuses = append(statuses, taskStatusText(st))
	}
	ed.status = widget.NewSelect(statuses, nil)
	st := t.Status
	if st == "" {
		st = store.StatusNotStarted
	}
	ed.status.SetSelected(taskStatusText(st))
	ed.due = widget.NewEntry()
	ed.due.SetPlaceHolder(lang.L("ngày/tháng/năm; để trống nếu không có hạn"))
	ed.due.SetText(formatISODate(t.Due))
	ed.deadline = widget.NewEntry()
	ed.deadline.SetText(t.DeadlineText)
	ed.progText = widget.NewLabel("")
	ed.progress = widget.NewSlider(0, 100)
	ed.progress.Step = 5
	ed.progress.OnChanged = func(v float64) { ed.progText.SetText(fmt.Sprintf("%d%%", int(v))) }
	ed.progress.SetValue(float64(t.Progress))
	ed.progText.SetText(fmt.Sprintf("%d%%", t.Progress))
	ed.lead = newUnitChooser(u.w, lang.L("Chọn đơn vị chủ trì"), t.Lead, func() []store.Unit { return ed.catalog })
	ed.support = newUnitChooser(u.w, lang.L("Chọn đơn vị phối hợp"), t.Support, func() []store.Unit { return ed.catalog })
	ed.problem = widget.NewLabel("")
	ed.problem.Importance = widget.DangerImportance
	ed.problem.Wrapping = fyne.TextWrapWord
	ed.problem.Hide()
	ed.save = widget.NewButtonWithIcon(lang.L("Lưu"), theme.DocumentSaveIcon(), func() { d.saveTask(ed) })
	ed.save.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(lang.L("Hủy"), theme.CancelIcon(), func() { ed.d.Hide() })
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Tên nhiệm vụ"), ed.title),
		widget.NewFormItem(lang.L("Tình trạng"), ed.status),
		widget.NewFormItem(lang.L("Hạn cuối"), ed.due),
		widget.NewFormItem(lang.L("Thời hạn trong văn bản"), ed.deadline),
		widget.NewFormItem(lang.L("Tiến độ"), container.NewBorder(nil, nil, nil, container.New(fixedWidth(52), ed.progText), ed.progress)),
		widget.NewFormItem(lang.L("Chủ trì"), ed.lead.content),
		widget.NewFormItem(lang.L("Phối hợp"), ed.support.content),
	)
	body := container.NewBorder(nil, container.NewVBox(ed.problem, container.NewHBox(layout.NewSpacer(), cancel, ed.save)), nil, nil,
		container.NewVScroll(form))
	ed.d = dialog.NewCustomWithoutButtons(lang.L("Sửa nhiệm vụ"), body, u.w)
	ed.d.Resize(fyne.NewSize(700, 620))
	ed.d.Show()
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		us, _ := u.l.Units(u.ctx)
		fyne.Do(func() {
			defer close(ed.loaded)
			ed.catalog = us
		})
	}()
	return ed
}

// saveTask saves the edited task and closes the dialog.
func (d *taskDetail) saveTask(ed *editDialog) <-chan struct{} {
	t := d.data.task.Task
	fail := func(msg string) <-chan struct{} {
		ed.problem.SetText(msg)
		ed.problem.Show()
		done := make(chan struct{})
		close(done)
		return done
	}
	t.Title = strings.TrimSpace(ed.title.Text)
	if t.Title == "" {
		return fail(lang.L("Nhiệm vụ chưa có tên: hãy nhập tên nhiệm vụ."))
	}
	if strings.TrimSpace(ed.due.Text) == "" {
		t.Due = ""
	} else if day, ok := parseDay(ed.due.Text); ok {
		t.Due = day
	} else {
		return fail(lang.L("Hạn cuối không hợp lệ: hãy nhập theo dạng ngày/tháng/năm, ví dụ 30/06/2026, hoặc để trống."))
	}
	t.DeadlineText = strings.TrimSpace(ed.deadline.Text)
	for _, st := range store.Statuses {
		if taskStatusText(st) == ed.status.Selected {
			t.Status = st
		}
	}
	t.Progress = int(ed.progress.Value)
	t.Lead, t.Support = ed.lead.units, ed.support.units
	ed.d.Hide()
	return d.act(lang.L("Không lưu được nhiệm vụ"), func(ctx context.Context) error { return d.s.u.l.UpdateTask(ctx, t) })
}

// unitChooser is a list of units with a ✗ on each and "Thêm…" choosing one
// more from the catalog.
type unitChooser struct {
	units   []store.TaskUnit
	box     *fyne.Container
	content fyne.CanvasObject
	picker  *unitPicker // in the last "Thêm…" dialog
	w       fyne.Window
	title   string
	catalog func() []store.Unit
}

func newUnitChooser(w fyne.Window, title string, us []store.TaskUnit, catalog func() []store.Unit) *unitChooser {
	c := &unitChooser{units: slices.Clone(us), box: container.NewVBox(), w: w, title: title, catalog: catalog}
	add := widget.NewButtonWithIcon(lang.L("Thêm…"), theme.ContentAddIcon(), c.addDialog)
	add.Importance = widget.LowImportance
	c.content = container.NewVBox(c.box, container.NewHBox(add))
	c.show()
	return c
}

func (c *unitChooser) show() {
	c.box.Objects = nil
	for i, x := range c.units {
		i := i
		name := widget.NewLabel(x.Name)
		name.Truncation = fyne.TextTruncateEllipsis
		rm := widget.NewButtonWithIcon("", theme.CancelIcon(), func() {
			c.units = slices.Delete(c.units, i, i+1)
			c.show()
		})
		rm.Importance = widget.LowImportance
		c.box.Add(container.NewBorder(nil, nil, nil, rm, name))
	}
	if len(c.units) == 0 {
		c.box.Add(hint(lang.L("(chưa có)")))
	}
	c.box.Refresh()
}

// add adds catalog unit x unless it is there.
func (c *unitChooser) add(x store.Unit) {
	if !slices.ContainsFunc(c.units, func(t store.TaskUnit) bool { return t.ID == x.ID }) {
		c.units = append(c.units, store.TaskUnit{ID: x.ID, Name: x.Name})
	}
	c.show()
}

func (c *unitChooser) addDialog() {
	var d dialog.Dialog
	ok := widget.NewButtonWithIcon(lang.L("Thêm"), theme.ContentAddIcon(), nil)
	ok.Importance = widget.HighImportance
	ok.Disable()
	p := newUnitPicker(func(x store.Unit) {
		if x.ID == "" {
			ok.Disable()
		} else {
			ok.Enable()
		}
	})
	c.picker = p
	p.setUnits(c.catalog())
	ok.OnTapped = func() {
		if p.selected != nil {
			c.add(*p.selected)
		}
		d.Hide()
	}
	cancel := widget.NewButtonWithIcon(lang.L("Hủy"), theme.CancelIcon(), func() { d.Hide() })
	body := container.NewBorder(p.entry, container.NewHBox(layout.NewSpacer(), cancel, ok), nil, nil, p.list)
	d = dialog.NewCustomWithoutButtons(c.title, body, c.w)
	d.Resize(fyne.NewSize(480, 480))
	d.Show()
	c.w.Canvas().Focus(p.entry)
}

// tint is c at low opacity, for backgrounds.
func tint(name fyne.ThemeColorName, alpha uint8) color.Color {
	r, g, b, _ := theme.Color(name).RGBA()
	return color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), alpha}
}
