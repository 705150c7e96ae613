package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"chidao/app"
	"chidao/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// coverageView shows, clause by clause, how a central document (a
// resolution, a conclusion) is implemented by the local documents: the local
// clauses linked to each clause and their tasks, and the clauses nothing
// implements yet.
type coverageView struct {
	s        *tasksScreen
	content  fyne.CanvasObject
	docSel   *widget.Select
	suggest  *widget.Button
	gapsOnly *widget.Check
	summary  *widget.Label
	box      *fyne.Container
	scroll   *container.Scroll

	docs   []store.Document
	docIDs map[string]int64
	cov    app.Coverage
	rows   []*coverageRow // the clauses as drawn
	quiet  bool
	gen    int
	work   <-chan struct{} // closes once the last load or change shows
}

// coverageRow is one central clause as drawn, with its links' buttons.
type coverageRow struct {
	clause  app.CoverageClause
	confirm map[int64]*widget.Button // by implements id, for proposed links
	remove  map[int64]*widget.Button
	content fyne.CanvasObject
}

func newCoverageView(s *tasksScreen) *coverageView {
	c := &coverageView{s: s, docIDs: map[string]int64{}}
	back := widget.NewButtonWithIcon(lang.L("Danh sách nhiệm vụ"), theme.NavigateBackIcon(), s.showList)
	head := heading(lang.L("Bao phủ văn bản Trung ương"))
	c.docSel = widget.NewSelect(nil, func(string) {
		if !c.quiet {
			c.work = c.load()
		}
	})
	c.docSel.PlaceHolder = lang.L("Chọn văn bản Trung ương")
	c.suggest = widget.NewButtonWithIcon(lang.L("Gợi ý liên kết"), theme.SearchReplaceIcon(), func() { c.work = c.runSuggest() })
	c.gapsOnly = widget.NewCheck(lang.L("Chỉ hiện điều khoản chưa có nội dung thực hiện"), func(bool) { c.draw() })
	c.summary = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.summary.Wrapping = fyne.TextWrapWord
	bar := container.NewBorder(nil, nil, container.NewHBox(back, head), nil)
	pick := container.NewBorder(nil, nil, mutedText(lang.L("Văn bản:")), c.suggest, c.docSel)
	c.box = container.NewVBox()
	c.scroll = container.NewVScroll(container.NewPadded(c.box))
	top := container.NewPadded(container.NewVBox(bar, pick, container.NewBorder(nil, nil, nil, c.gapsOnly, c.summary)))
	c.content = container.NewBorder(container.NewVBox(top, widget.NewSeparator()), nil, nil, nil, c.scroll)
	return c
}

// centralData is what reload reads.
type centralData struct {
	docs []store.Document
	err  error
}

// reload reads the central documents again, then the coverage of the chosen
// one; the channel closes once it shows.
func (c *coverageView) reload() <-chan struct{} {
	u := c.s.u
	done := make(chan struct{})
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		var d centralData
		d.docs, d.err = u.l.CentralDocuments(u.ctx)
		fyne.Do(func() {
			if d.err != nil {
				c.summary.SetText(fmt.Sprintf(lang.L("Không đọc được các văn bản Trung ương: %s"), taskReason(d.err)))
				close(done)
				return
			}
			c.docs = d.docs
			c.docIDs = map[string]int64{}
			var opts []string
			for _, x := range d.docs {
				label := strings.Trim(x.Number+" · "+shorten(oneLine(docTitle(x)), 90), " ·")
				for c.docIDs[label] != 0 {
					label += " "
				}
				c.docIDs[label] = x.ID
				opts = append(opts, label)
			}
			c.quiet = true
			c.docSel.Options = opts
			if !slices.Contains(opts, c.docSel.Selected) {
				c.docSel.Selected = ""
				if len(opts) > 0 {
					c.docSel.Selected = opts[0]
				}
			}
			c.docSel.Refresh()
			c.quiet = false
			if len(opts) == 0 {
				c.suggest.Disable()
				c.cov = app.Coverage{}
				c.summary.SetText("")
				c.rows = nil
				c.box.Objects = []fyne.CanvasObject{hint(lang.L("Chưa có văn bản Trung ương nào để xem: hãy nhập các nghị quyết, kết luận, chỉ thị mà kế hoạch của địa phương trích dẫn, và tạo nhiệm vụ từ kế hoạch (Đề xuất nhiệm vụ…)."))}
				c.box.Refresh()
				close(done)
				return
			}
			c.suggest.Enable()
			loaded := c.load()
			go func() { <-loaded; close(done) }()
		})
	}()
	return done
}

// load reads the coverage of the chosen document; the channel closes once it
// shows.
func (c *coverageView) load() <-chan struct{} {
	u := c.s.u
	id := c.docIDs[c.docSel.Selected]
	done := make(chan struct{})
	if id == 0 {
		close(done)
		return done
	}
	c.gen++
	gen := c.gen
	c.summary.SetText(lang.L("Đang đọc…"))
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		cov, err := u.l.Coverage(u.ctx, id)
		fyne.Do(func() {
			defer close(done)
			if gen != c.gen {
				return
			}
			if err != nil {
				c.summary.SetText(fmt.Sprintf(lang.L("Không đọc được mức bao phủ: %s"), taskReason(err)))
				return
			}
			c.cov = cov
			c.draw()
		})
	}()
	return done
}

// coverageSummary is "12/20 điều khoản có văn bản thực hiện · 8 chưa có".
func coverageSummary(cov app.Coverage) string {
	total := cov.Implemented + cov.Gaps
	if total == 0 {
		return lang.L("Văn bản này không có điều khoản nội dung nào để đối chiếu.")
	}
	s := fmt.Sprintf(lang.L("%d/%d điều khoản có văn bản thực hiện"), cov.Implemented, total)
	if cov.Gaps > 0 {
		s += " · " + fmt.Sprintf(lang.L("%d điều khoản chưa có nội dung thực hiện"), cov.Gaps)
	}
	return s
}

// draw lists the clauses of the coverage.
func (c *coverageView) draw() {
	c.summary.SetText(coverageSummary(c.cov))
	c.rows = nil
	var objs []fyne.CanvasObject
	for _, cc := range c.cov.Clauses {
		if c.gapsOnly.Checked && !cc.Gap {
			continue
		}
		r := c.newRow(cc)
		c.rows = append(c.rows, r)
		objs = append(objs, r.content)
	}
	if len(objs) == 0 && len(c.cov.Clauses) > 0 {
		objs = append(objs, hint(lang.L("Mọi điều khoản đều đã có văn bản thực hiện.")))
	}
	if c.cov.Implemented == 0 && len(c.cov.Clauses) > 0 {
		objs = append([]fyne.CanvasObject{hint(lang.L("Chưa có điều khoản nào được liên kết với văn bản địa phương thực hiện nó: bấm «Gợi ý liên kết» để chidao so các điều khoản giao việc của kế hoạch, công văn trích dẫn văn bản này với từng điều khoản, rồi xác nhận (✓) hoặc bỏ (✗) từng gợi ý."))}, objs...)
	}
	c.box.Objects = objs
	c.box.Refresh()
}

// newRow draws central clause cc: its address and first lines, then the local
// clauses implementing it with their tasks, or the gap.
func (c *coverageView) newRow(cc app.CoverageClause) *coverageRow {
	u := c.s.u
	r := &coverageRow{clause: cc, confirm: map[int64]*widget.Button{}, remove: map[int64]*widget.Button{}}
	centralID := c.cov.Document.ID
	addr := cc.Address
	link := widget.NewHyperlink(addr, nil)
	link.OnTapped = func() { u.openDocumentAt(centralID, addr) }
	text := strings.TrimSpace(oneLine(cc.Heading + " " + cc.Text))
	tl := widget.NewLabel(shorten(text, 320))
	tl.Wrapping = fyne.TextWrapWord
	head := container.NewBorder(nil, nil, container.NewVBox(link), nil, tl)
	lines := []fyne.CanvasObject{head}
	if cc.Gap {
		gap := widget.NewLabelWithStyle(lang.L("Chưa có nội dung thực hiện"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		gap.Importance = widget.WarningImportance
		lines = []fyne.CanvasObject{container.New(tightVBox{}, head,
			container.NewHBox(widget.NewIcon(theme.NewWarningThemedResource(theme.WarningIcon())), gap))}
	}
	for _, k := range cc.Links {
		lines = append(lines, c.linkBlock(r, k))
	}
	body := container.NewVBox(lines...)
	if !cc.Gap {
		return withContent(r, container.NewVBox(body, widget.NewSeparator()))
	}
	bg := canvas.NewRectangle(tint(theme.ColorNameWarning, 0x22))
	bg.CornerRadius = 4
	return withContent(r, container.NewVBox(container.NewStack(bg, body), widget.NewSeparator()))
}

func withContent(r *coverageRow, o fyne.CanvasObject) *coverageRow {
	r.content = o
	return r
}

// linkBlock is one local clause implementing the central clause: its
// document and address (opening it there), its first words, its state with
// ✓ and ✗, and its tasks.
func (c *coverageView) linkBlock(r *coverageRow, k app.CoverageLink) fyne.CanvasObject {
	u := c.s.u
	localID, localClause := k.LocalDocumentID, k.LocalClause
	name := strings.TrimSpace(k.LocalNumber)
	if name == "" {
		name = shorten(k.LocalTitle, 40)
	}
	link := widget.NewHyperlink(strings.Trim(name+" · "+localClause, " ·"), nil)
	link.OnTapped = func() { u.openDocumentAt(localID, localClause) }
	state, col := lang.L("đề xuất"), theme.ColorNameWarning
	if k.State == "confirmed" {
		state, col = lang.L("đã xác nhận"), theme.ColorNameSuccess
	}
	if k.Origin == "manual" {
		state, col = lang.L("thêm tay"), theme.ColorNamePrimary
	}
	id := k.ID
	var buttons []fyne.CanvasObject
	if k.State != "confirmed" {
		ok := widget.NewButtonWithIcon("", theme.NewSuccessThemedResource(theme.ConfirmIcon()), func() {
			c.work = c.act(func(ctx context.Context) error { return u.l.ConfirmImplements(ctx, id) })
		})
		ok.Importance = widget.LowImportance
		r.confirm[id] = ok
		buttons = append(buttons, ok)
	}
	rm := widget.NewButtonWithIcon("", theme.CancelIcon(), func() {
		c.work = c.act(func(ctx context.Context) error { return u.l.RemoveImplements(ctx, id) })
	})
	rm.Importance = widget.LowImportance
	r.remove[id] = rm
	buttons = append(buttons, rm)
	top := container.NewBorder(nil, nil, container.NewHBox(widget.NewIcon(theme.NavigateNextIcon()), link),
		container.NewHBox(append([]fyne.CanvasObject{container.NewCenter(badge(state, col))}, buttons...)...))
	lines := []fyne.CanvasObject{top}
	if t := strings.TrimSpace(oneLine(k.LocalText)); t != "" {
		lt := mutedText(shorten(t, 220))
		lt.Wrapping = fyne.TextWrapWord
		lines = append(lines, lt)
	}
	for _, t := range k.Tasks {
		st := t.Status
		if st == "" {
			st = store.StatusNotStarted
		}
		line := "• " + shorten(t.Title, 160) + " — " + taskStatusText(st)
		if t.Overdue {
			line += " " + fmt.Sprintf(lang.L("(quá hạn %d ngày)"), -t.DaysLeft)
		}
		tl := widget.NewLabel(line)
		tl.Wrapping = fyne.TextWrapWord
		tl.Importance = statusImportance(st)
		if t.Overdue {
			tl.Importance = widget.DangerImportance
		}
		lines = append(lines, tl)
	}
	if len(k.Tasks) == 0 {
		lines = append(lines, mutedText(lang.L("(chưa có nhiệm vụ theo dõi điều khoản này)")))
	}
	return container.New(layout.NewCustomPaddedLayout(0, 0, 3*indentStep, 0), container.New(tightVBox{}, lines...))
}

// act runs a decision on a link off the UI thread, then reads the coverage
// again; the channel closes once it shows.
func (c *coverageView) act(f func(ctx context.Context) error) <-chan struct{} {
	u := c.s.u
	done := make(chan struct{})
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		err := f(u.ctx)
		fyne.Do(func() {
			if err != nil {
				defer close(done)
				dialogInfo(u.w, lang.L("Không lưu được"), fmt.Sprintf(lang.L("Không lưu được thay đổi: %s"), taskReason(err)))
				return
			}
			loaded := c.load()
			go func() { <-loaded; close(done) }()
		})
	}()
	return done
}

// runSuggest asks for implements-links for every local document that could
// implement the chosen central document (those with tasks and those citing
// it), then reads the coverage again.
func (c *coverageView) runSuggest() <-chan struct{} {
	u := c.s.u
	central := c.docIDs[c.docSel.Selected]
	done := make(chan struct{})
	if central == 0 {
		close(done)
		return done
	}
	c.suggest.Disable()
	c.summary.SetText(lang.L("Đang gợi ý liên kết…"))
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		var ids []int64
		add := func(id int64) {
			if id != 0 && id != central && !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
		var err error
		var ts []app.TaskView
		if ts, err = u.l.Tasks(u.ctx, app.TaskQuery{}); err == nil {
			for _, t := range ts {
				add(t.DocumentID)
			}
		}
		if cs, cerr := u.l.CitedBy(u.ctx, central); cerr == nil {
			for _, x := range cs {
				add(x.DocumentID)
			}
		}
		for i, id := range ids {
			if err != nil || u.ctx.Err() != nil {
				break
			}
			n := i + 1
			fyne.Do(func() {
				c.summary.SetText(fmt.Sprintf(lang.L("Đang gợi ý liên kết… (%d/%d văn bản)"), n, len(ids)))
			})
			_, err = u.l.SuggestImplements(u.ctx, id)
		}
		fyne.Do(func() {
			c.suggest.Enable()
			if err != nil {
				defer close(done)
				c.summary.SetText(fmt.Sprintf(lang.L("Không gợi ý được liên kết: %s"), taskReason(err)))
				return
			}
			reloaded := c.reload()
			go func() { <-reloaded; close(done) }()
		})
	}()
	return done
}
