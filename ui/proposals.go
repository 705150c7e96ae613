package ui

import (
	"fmt"
	"strconv"
	"strings"

	"chidao/app"
	"chidao/docs"
	"chidao/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
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
	p.intro = widget.NewLabel("Đang đọc văn bản và đề xuất nhiệm vụ…")
	p.intro.Wrapping = fyne.TextWrapWord
	p.box = container.NewVBox()
	p.problem = widget.NewLabel("")
	p.problem.Importance = widget.DangerImportance
	p.problem.Wrapping = fyne.TextWrapWord
	p.problem.Hide()
	p.all = widget.NewButtonWithIcon("Chọn tất cả", theme.CheckButtonCheckedIcon(), func() { p.tickAll(true) })
	p.none = widget.NewButtonWithIcon("Bỏ chọn tất cả", theme.CheckButtonIcon(), func() { p.tickAll(false) })
	p.create = widget.NewButtonWithIcon("Tạo 0 nhiệm vụ", theme.ConfirmIcon(), func() { p.accept() })
	p.create.Importance = widget.HighImportance
	p.create.Disable()
	cancel := widget.NewButtonWithIcon("Hủy", theme.CancelIcon(), func() { p.d.Hide() })
	buttons := container.NewHBox(p.all, p.none, layout.NewSpacer(), cancel, p.create)
	body := container.NewBorder(p.intro, container.NewVBox(p.problem, buttons), nil, nil, container.NewVScroll(p.box))
	p.d = dialog.NewCustomWithoutButtons("Đề xuất nhiệm vụ", body, u.w)
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
				p.intro.SetText("Không đề xuất được nhiệm vụ: " + taskReason(err))
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
		p.intro.SetText(name + "\n\nchidao không tìm thấy nhiệm vụ nào giao cho đơn vị trong văn bản này " +
			"(văn bản giao việc thường có câu như «Giao Ban Tổ chức Tỉnh ủy chủ trì…», «Sở Nội vụ thực hiện…»).")
	default:
		msg := fmt.Sprintf("%s\n\n%d nhiệm vụ được đề xuất. Bỏ chọn những mục không cần theo dõi, sửa tên nhiệm vụ nếu cần, rồi bấm «Tạo».",
			name, len(ps))
		if existing > 0 {
			msg += fmt.Sprintf(" %d mục «đã có» nhiệm vụ nên không được chọn sẵn, để tránh trùng.", existing)
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
		right = container.NewCenter(badge("đã có (nhiệm vụ #"+strconv.FormatInt(x.Existing, 10)+")", theme.ColorNameSuccess))
	}
	var facts []string
	if len(r.task.Lead) > 0 {
		facts = append(facts, "Chủ trì: "+taskUnitNames(r.task.Lead))
	}
	if len(r.task.Support) > 0 {
		facts = append(facts, "Phối hợp: "+taskUnitNames(r.task.Support))
	}
	if len(facts) == 0 {
		facts = append(facts, "Chưa xác định đơn vị chủ trì")
	}
	facts = []string{strings.Join(facts, " · "), proposalWhen(r.task)}
	if x.Target != nil {
		facts = append(facts, "Chỉ tiêu: «"+x.Target.Text+"»")
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
		when = append(when, "Thời hạn: «"+t.DeadlineText+"» → "+formatISODate(t.Due))
	case t.DeadlineText != "":
		when = append(when, "Thời hạn: «"+t.DeadlineText+"»")
	case t.Due != "":
		when = append(when, "Thời hạn: "+formatISODate(t.Due))
	}
	if rl := app.RecurrenceLabel(t.Recurrence); rl != "" && !strings.EqualFold(rl, t.DeadlineText) {
		when = append(when, "Định kỳ: "+strings.ToLower(rl))
	}
	if len(when) == 0 {
		return "Không ghi thời hạn"
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
	p.create.SetText(fmt.Sprintf("Tạo %d nhiệm vụ", n))
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
			p.problem.SetText("Nhiệm vụ ở điều khoản " + x.Clause + " chưa có tên: hãy nhập tên, hoặc bỏ chọn mục đó.")
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
				p.problem.SetText("Không tạo được nhiệm vụ: " + taskReason(err))
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
					dialogInfo(u.w, "Đã tạo nhiệm vụ", fmt.Sprintf("Đã tạo %d nhiệm vụ để theo dõi. Chọn một nhiệm vụ trong danh sách để ghi tiến độ.", len(ids)))
				})
			}()
		})
	}()
	return done
}
