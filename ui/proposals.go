package ui

import (
	"fmt"
	"strings"

	"chidao/app"
	"chidao/docs"
	"chidao/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// proposalsDialog lists the tasks chidao proposes from one document: the
// clerk ticks those to follow, edits their titles and creates them. Nothing
// is created before "Tạo N nhiệm vụ".
type proposalsDialog struct {
	s       *tasksScreen
	docID   int64
	d       dialog.Dialog
	rows    []*proposalRow
	box     *fyne.Container
	intro   *widget.Label
	problem *widget.Label
	create  *widget.Button
	all     *widget.Button
	none    *widget.Button
	loaded  chan struct{}   // closed once the proposals are listed
	created <-chan struct{} // closes once the tasks created show
	ids     []int64         // the tasks the last "Tạo" created
}

// proposalRow is one proposal: its tick, its clause, its editable title and
// what chidao read (units, deadline, recurrence, target).
type proposalRow struct {
	p       app.Proposal
	task    store.Task // the task it would create, for the dates
	check   *widget.Check
	title   *widget.Entry
	content fyne.CanvasObject
}

// openProposals shows the proposals of document docID.
func (s *tasksScreen) openProposals(docID int64) *proposalsDialog {
	u := s.u
	p := &proposalsDialog{s: s, docID: docID, loaded: make(chan struct{})}
	p.intro = widget.NewLabel(lang.L("Đang đọc văn bản và đề xuất nhiệm vụ…"))
	p.intro.Wrapping = fyne.TextWrapWord
	p.box = container.NewVBox()
	p.problem = widget.NewLabel("")
	p.problem.Importance = widget.DangerImportance
	p.problem.Wrapping = fyne.TextWrapWord
	p.problem.Hide()
	p.all = widget.NewButtonWithIcon(lang.L("Chọn tất cả"), theme.CheckButtonCheckedIcon(), func() { p.tickAll(true) })
	p.none = widget.NewButtonWithIcon(lang.L("Bỏ chọn tất cả"), theme.CheckButtonIcon(), func() { p.tickAll(false) })
	p.create = widget.NewButtonWithIcon(fmt.Sprintf(lang.L("Tạo %d nhiệm vụ"), 0), theme.ConfirmIcon(), func() { p.accept() })
	p.create.Importance = widget.HighImportance
	p.create.Disable()
	cancel := widget.NewButtonWithIcon(lang.L("Hủy"), theme.CancelIcon(), func() { p.d.Hide() })
	buttons := container.NewHBox(p.all, p.none, layout.NewSpacer(), cancel, p.create)
	body := container.NewBorder(p.intro, container.NewVBox(p.problem, buttons), nil, nil, container.NewVScroll(p.box))
	p.d = dialog.NewCustomWithoutButtons(lang.L("Đề xuất nhiệm vụ"), body, u.w)
	p.d.Resize(dialogSize(u.w))
	p.d.Show()

	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		doc, derr := u.l.Document(u.ctx, docID)
		ps, err := u.l.ProposeTasks(u.ctx, docID)
		fyne.Do(func() {
			defer close(p.loaded)
			if err == nil {
				err = derr
			}
			if err != nil {
				p.intro.SetText(fmt.Sprintf(lang.L("Không đề xuất được nhiệm vụ: %s"), taskReason(err)))
				return
			}
			p.fill(doc, ps)
		})
	}()
	return p
}

// fill lists the proposals.
func (p *proposalsDialog) fill(doc store.Document, ps []app.Proposal) {
	name := strings.Trim(doc.Number+" · "+shorten(oneLine(docTitle(doc)), 120), " ·")
	existing := 0
	for _, x := range ps {
		if x.Existing != 0 {
			existing++
		}
	}
	switch {
	case len(ps) == 0:
		p.intro.SetText(fmt.Sprintf(lang.L("%s\n\nchidao không tìm thấy nhiệm vụ nào giao cho đơn vị trong văn bản này (văn bản giao việc thường có câu như «Giao Ban Tổ chức Tỉnh ủy chủ trì…», «Sở Nội vụ thực hiện…»)."), name))
	default:
		msg := fmt.Sprintf(lang.L("%s\n\n%d nhiệm vụ được đề xuất. Bỏ chọn những mục không cần theo dõi, sửa tên nhiệm vụ nếu cần, rồi bấm «Tạo»."),
			name, len(ps))
		if existing > 0 {
			msg += " " + fmt.Sprintf(lang.L("%d mục «đã có» nhiệm vụ nên không được chọn sẵn, để tránh trùng."), existing)
		}
		p.intro.SetText(msg)
	}
	p.rows = nil
	p.box.Objects = nil
	for i, x := range ps {
		r := p.newRow(x)
		p.rows = append(p.rows, r)
		if i > 0 {
			p.box.Add(widget.NewSeparator())
		}
		p.box.Add(r.content)
	}
	p.box.Refresh()
	p.count()
}

// newRow draws proposal x.
func (p *proposalsDialog) newRow(x app.Proposal) *proposalRow {
	r := &proposalRow{p: x, task: app.TaskFromProposal(p.docID, x.Proposal)}
	r.check = widget.NewCheck("", func(bool) { p.count() })
	r.check.Checked = x.Existing == 0
	r.title = widget.NewMultiLineEntry()
	r.title.Wrapping = fyne.TextWrapWord
	r.title.SetMinRowsVisible(titleRows(x.Title))
	r.title.SetText(x.Title)
	addr := widget.NewLabelWithStyle(x.Clause, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	left := container.NewHBox(r.check, container.New(fixedWidth(96), addr))
	var right fyne.CanvasObject
	if x.Existing != 0 {
		right = container.NewCenter(badge(fmt.Sprintf(lang.L("đã có (nhiệm vụ #%d)"), x.Existing), theme.ColorNameSuccess))
	}
	var facts []string
	if len(r.task.Lead) > 0 {
		facts = append(facts, fmt.Sprintf(lang.L("Chủ trì: %s"), taskUnitNames(r.task.Lead)))
	}
	if len(r.task.Support) > 0 {
		facts = append(facts, fmt.Sprintf(lang.L("Phối hợp: %s"), taskUnitNames(r.task.Support)))
	}
	if len(facts) == 0 {
		facts = append(facts, lang.L("Chưa xác định đơn vị chủ trì"))
	}
	facts = []string{strings.Join(facts, " · "), proposalWhen(r.task)}
	if x.Target != nil {
		facts = append(facts, fmt.Sprintf(lang.L("Chỉ tiêu: «%s»"), x.Target.Text))
	}
	notes := make([]fyne.CanvasObject, 0, len(facts))
	for _, f := range facts {
		m := mutedText(f)
		m.Wrapping = fyne.TextWrapWord
		notes = append(notes, m)
	}
	r.content = container.NewBorder(nil, nil, container.NewVBox(left), right,
		container.NewVBox(r.title, container.New(tightVBox{}, notes...)))
	return r
}

// titleRows is how many lines a title's entry shows: enough for most titles
// at the dialog's width.
func titleRows(title string) int {
	n := len([]rune(title))
	switch {
	case n <= 95:
		return 1
	case n <= 190:
		return 2
	}
	return 3
}

// proposalWhen says when a proposed task is due: the words of the document,
// the date they mean, and how often it recurs.
func proposalWhen(t store.Task) string {
	var when []string
	switch {
	case t.DeadlineText != "" && t.Due != "":
		when = append(when, fmt.Sprintf(lang.L("Thời hạn: «%s» → %s"), t.DeadlineText, formatISODate(t.Due)))
	case t.DeadlineText != "":
		when = append(when, fmt.Sprintf(lang.L("Thời hạn: «%s»"), t.DeadlineText))
	case t.Due != "":
		when = append(when, fmt.Sprintf(lang.L("Thời hạn: %s"), formatISODate(t.Due)))
	}
	if rl := app.RecurrenceLabel(t.Recurrence); rl != "" && !strings.EqualFold(rl, t.DeadlineText) {
		when = append(when, fmt.Sprintf(lang.L("Định kỳ: %s"), strings.ToLower(lang.L(rl))))
	}
	if len(when) == 0 {
		return lang.L("Không ghi thời hạn")
	}
	return strings.Join(when, " · ")
}

// checked lists the ticked rows.
func (p *proposalsDialog) checked() []*proposalRow {
	var out []*proposalRow
	for _, r := range p.rows {
		if r.check.Checked {
			out = append(out, r)
		}
	}
	return out
}

// count shows the number of ticked proposals on the Tạo button.
func (p *proposalsDialog) count() {
	n := len(p.checked())
	p.create.SetText(fmt.Sprintf(lang.L("Tạo %d nhiệm vụ"), n))
	if n == 0 {
		p.create.Disable()
	} else {
		p.create.Enable()
	}
}

// tickAll ticks every proposal without a task (on) or none.
func (p *proposalsDialog) tickAll(on bool) {
	for _, r := range p.rows {
		r.check.Checked = on && r.p.Existing == 0
		r.check.Refresh()
	}
	p.count()
}

// accept creates the ticked proposals, with their edited titles.
func (p *proposalsDialog) accept() <-chan struct{} {
	u := p.s.u
	rows := p.checked()
	done := make(chan struct{})
	p.created = done
	var ps []docs.Proposal
	for _, r := range rows {
		x := r.p.Proposal
		x.Title = oneLine(r.title.Text)
		if x.Title == "" {
			p.problem.SetText(fmt.Sprintf(lang.L("Nhiệm vụ ở điều khoản %s chưa có tên: hãy nhập tên, hoặc bỏ chọn mục đó."), x.Clause))
			p.problem.Show()
			close(done)
			return done
		}
		ps = append(ps, x)
	}
	if len(ps) == 0 {
		close(done)
		return done
	}
	p.create.Disable()
	docID := p.docID
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		ids, err := u.l.AcceptProposals(u.ctx, docID, ps)
		fyne.Do(func() {
			if err != nil {
				defer close(done)
				p.count()
				p.problem.SetText(fmt.Sprintf(lang.L("Không tạo được nhiệm vụ: %s"), taskReason(err)))
				p.problem.Show()
				return
			}
			p.ids = ids
			p.d.Hide()
			reloaded := p.s.reload()
			go func() {
				<-reloaded
				fyne.Do(func() {
					defer close(done)
					dialogInfo(u.w, lang.L("Đã tạo nhiệm vụ"), fmt.Sprintf(lang.L("Đã tạo %d nhiệm vụ để theo dõi. Chọn một nhiệm vụ trong danh sách để ghi tiến độ."), len(ids)))
				})
			}()
		})
	}()
	return done
}
