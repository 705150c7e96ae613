package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"chidao/app"
	"chidao/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The groups the roots of the unit tree are sorted into.
const (
	groupPrefix = "g:"
	unitPrefix  = "u:"
	groupNew    = "new"
	groupCollec = "collective"
	groupOther  = "other"
)

var groupOrder = []string{"trung_uong", "tinh", "huyen", "xa", groupCollec, groupOther, groupNew}

func groupName(g string) string {
	switch g {
	case groupCollec:
		return lang.L("Nhóm đơn vị (các sở, các địa phương…)")
	case groupOther:
		return lang.L("Khác")
	case groupNew:
		return lang.L("Chưa có trong danh mục")
	}
	return levelLabel(g)
}

// levelLabel names a unit's level.
func levelLabel(l string) string {
	switch l {
	case "trung_uong":
		return lang.L("Trung ương")
	case "tinh":
		return lang.L("Tỉnh")
	case "huyen":
		return lang.L("Huyện")
	case "xa":
		return lang.L("Xã")
	}
	return ""
}

// kindLabel names a unit's kind.
func kindLabel(k string) string {
	switch k {
	case "party_committee":
		return lang.L("Cấp ủy đảng")
	case "party_board":
		return lang.L("Ban, cơ quan của Đảng")
	case "state_agency":
		return lang.L("Cơ quan nhà nước")
	case "front_mass":
		return lang.L("Mặt trận, đoàn thể")
	case "locality":
		return lang.L("Địa phương")
	case "collective":
		return lang.L("Nhóm đơn vị")
	case "other":
		return lang.L("Khác")
	}
	return k
}

// unitGroup is the group a root unit shows under.
func unitGroup(u store.Unit) string {
	switch {
	case newUnitID(u.ID):
		return groupNew
	case u.Kind == "collective":
		return groupCollec
	case levelLabel(u.Level) != "":
		return u.Level
	}
	return groupOther
}

// unitsData is what the Đơn vị screen shows, read off the UI thread.
type unitsData struct {
	units  []store.Unit // the catalog, then the names outside it that clauses use
	counts map[string]int
	err    error
}

func loadUnits(ctx context.Context, l *app.Library) unitsData {
	var d unitsData
	if d.units, d.err = l.Units(ctx); d.err != nil {
		return d
	}
	if d.counts, d.err = l.UnitLinkCounts(ctx); d.err != nil {
		return d
	}
	var extra []string
	for id, n := range d.counts {
		if n > 0 && newUnitID(id) {
			extra = append(extra, id)
		}
	}
	sort.Strings(extra)
	for _, id := range extra {
		ls, err := l.UnitLinks(ctx, id)
		if err != nil || len(ls) == 0 {
			continue
		}
		d.units = append(d.units, store.Unit{ID: id, Name: ls[0].UnitName})
	}
	return d
}

// owedClause is one clause a unit must act on, with the start of its text.
type owedClause struct {
	link store.UnitLink
	text string
}

// unitsScreen is the Đơn vị screen: the unit tree with link counts on the
// left, what the selected unit owes on the right.
type unitsScreen struct {
	u       *mainUI
	content fyne.CanvasObject
	filter  *widget.Entry
	tree    *widget.Tree
	owes    *fyne.Container
	count   *widget.RichText
	merge   *widget.Button

	units    []store.Unit
	byID     map[string]store.Unit
	counts   map[string]int
	children map[string][]string // tree node → its children
	selected string              // the selected unit's id
	owed     []owedClause        // what it owes, as shown
	dirty    bool                // the links changed since the last reload
	work     <-chan struct{}     // closes once the last unit selected shows
	picker   *unitPicker         // in the last merge dialog
}

func newUnitsScreen(u *mainUI) *unitsScreen {
	s := &unitsScreen{u: u, dirty: true, byID: map[string]store.Unit{}, counts: map[string]int{}, children: map[string][]string{}}
	s.filter = widget.NewEntry()
	s.filter.SetPlaceHolder(lang.L("Lọc đơn vị: gõ tên hoặc tên viết tắt, có dấu hoặc không dấu"))
	s.filter.OnChanged = func(string) { s.rebuild() }
	s.tree = widget.NewTree(
		func(id widget.TreeNodeID) []widget.TreeNodeID { return s.children[id] },
		func(id widget.TreeNodeID) bool { return id == "" || len(s.children[id]) > 0 },
		func(bool) fyne.CanvasObject {
			name := widget.NewLabel("")
			name.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, nil, widget.NewLabel(""), name)
		},
		func(id widget.TreeNodeID, _ bool, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			name, n := c.Objects[0].(*widget.Label), c.Objects[1].(*widget.Label)
			if g, ok := strings.CutPrefix(id, groupPrefix); ok {
				name.TextStyle.Bold = true
				name.SetText(groupName(g))
				n.SetText("")
				return
			}
			uid := strings.TrimPrefix(id, unitPrefix)
			name.TextStyle.Bold = false
			name.SetText(s.byID[uid].Name)
			if k := s.counts[uid]; k > 0 {
				n.Importance = widget.MediumImportance
				n.SetText(strconv.Itoa(k))
			} else {
				n.Importance = widget.LowImportance
				n.SetText("–")
			}
		})
	s.tree.OnSelected = func(id widget.TreeNodeID) {
		if uid, ok := strings.CutPrefix(id, unitPrefix); ok {
			s.work = s.selectUnit(uid)
			return
		}
		s.tree.Unselect(id)
		if s.tree.IsBranchOpen(id) {
			s.tree.CloseBranch(id)
		} else {
			s.tree.OpenBranch(id)
		}
	}

	head := widget.NewLabelWithStyle(lang.L("Đơn vị"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.SizeName = theme.SizeNameSubHeadingText
	s.count = mutedText("")
	importBtn := widget.NewButtonWithIcon(lang.L("Nhập danh mục…"), theme.DownloadIcon(), s.importDialog)
	exportBtn := widget.NewButtonWithIcon(lang.L("Xuất danh mục…"), theme.UploadIcon(), s.exportDialog)
	s.merge = widget.NewButtonWithIcon(lang.L("Gộp đơn vị…"), theme.ContentCopyIcon(), s.mergeDialog)
	s.merge.Disable()
	bar := container.NewBorder(nil, nil, container.NewHBox(widget.NewIcon(theme.AccountIcon()), head),
		container.NewHBox(importBtn, exportBtn, s.merge))
	top := container.NewPadded(container.NewVBox(bar, s.filter))

	s.owes = container.NewVBox()
	s.showOwes(nil)
	s.count.Truncation = fyne.TextTruncateEllipsis
	left := container.NewBorder(container.NewPadded(s.count), nil, nil, nil, s.tree)
	split := container.NewHSplit(left, container.NewVScroll(container.NewPadded(s.owes)))
	split.SetOffset(0.45)
	s.content = container.NewBorder(top, nil, nil, nil, container.NewPadded(split))
	return s
}

// reload reads the catalog and the link counts again; the channel closes once
// they show (and the rail's count with them).
func (s *unitsScreen) reload() <-chan struct{} {
	u := s.u
	done := make(chan struct{})
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		d := loadUnits(u.ctx, u.l)
		fyne.Do(func() {
			defer close(done)
			if d.err != nil {
				setMuted(s.count, fmt.Sprintf(lang.L("Không đọc được danh mục: %s"), app.Reason(d.err)))
				return
			}
			s.dirty = false
			s.units, s.counts = d.units, d.counts
			s.byID = map[string]store.Unit{}
			for _, x := range d.units {
				s.byID[x.ID] = x
			}
			u.nav.setCount(navUnits, unitsWithLinks(d.counts))
			setMuted(s.count, fmt.Sprintf(lang.L("%d đơn vị · %d được giao việc"), len(d.units)-s.newCount(), unitsWithLinks(d.counts)))
			s.rebuild()
			if _, ok := s.byID[s.selected]; s.selected != "" && !ok {
				s.selected = ""
				s.showOwes(nil)
			}
		})
	}()
	return done
}

func (s *unitsScreen) newCount() int {
	n := 0
	for _, x := range s.units {
		if newUnitID(x.ID) {
			n++
		}
	}
	return n
}

// rebuild makes the tree from the units the filter keeps: each under its
// parent, the roots under their level or kind.
func (s *unitsScreen) rebuild() {
	q := s.filter.Text
	keep := map[string]bool{}
	for _, x := range s.units {
		if !unitMatches(x, q) {
			continue
		}
		// a match shows with its ancestors
		for id, seen := x.ID, 0; id != "" && !keep[id] && seen < 50; seen++ {
			keep[id] = true
			id = s.byID[id].Parent
		}
	}
	s.children = map[string][]string{}
	for _, x := range s.units {
		if !keep[x.ID] {
			continue
		}
		parent := ""
		if _, ok := s.byID[x.Parent]; ok && x.Parent != x.ID {
			parent = unitPrefix + x.Parent
		} else {
			parent = groupPrefix + unitGroup(x)
		}
		s.children[parent] = append(s.children[parent], unitPrefix+x.ID)
	}
	for _, g := range groupOrder {
		if len(s.children[groupPrefix+g]) > 0 {
			s.children[""] = append(s.children[""], groupPrefix+g)
		}
	}
	s.tree.Refresh()
	if strings.TrimSpace(q) != "" {
		s.tree.OpenAllBranches()
	} else {
		for _, g := range s.children[""] {
			s.tree.OpenBranch(g)
		}
	}
}

// shown lists the names of the units in the tree, in tree order.
func (s *unitsScreen) shown() []string {
	var out []string
	var walk func(id string)
	walk = func(id string) {
		for _, c := range s.children[id] {
			if uid, ok := strings.CutPrefix(c, unitPrefix); ok {
				out = append(out, s.byID[uid].Name)
			}
			walk(c)
		}
	}
	walk("")
	return out
}

// selectUnit shows what unit id owes; the channel closes once it shows.
func (s *unitsScreen) selectUnit(id string) <-chan struct{} {
	u := s.u
	s.selected = id
	if newUnitID(id) {
		s.merge.Disable()
	} else {
		s.merge.Enable()
	}
	x := s.byID[id]
	s.unitDetails(x)
	done := make(chan struct{})
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		owed, err := loadOwed(u.ctx, u.l, id)
		fyne.Do(func() {
			defer close(done)
			if s.selected != id {
				return
			}
			if err != nil {
				s.owes.Objects = []fyne.CanvasObject{heading(x.Name), hint(fmt.Sprintf(lang.L("Không đọc được các điều khoản: %s"), app.Reason(err)))}
				s.owes.Refresh()
				return
			}
			s.showOwes(owed)
		})
	}()
	return done
}

// loadOwed reads the live links of a unit with the start of each clause's text.
func loadOwed(ctx context.Context, l *app.Library, id string) ([]owedClause, error) {
	links, err := l.UnitLinks(ctx, id)
	if err != nil {
		return nil, err
	}
	texts := map[int64]map[string]string{}
	out := make([]owedClause, 0, len(links))
	for _, k := range links {
		m, ok := texts[k.DocumentID]
		if !ok {
			m = map[string]string{}
			if cs, err := l.Clauses(ctx, k.DocumentID); err == nil {
				for _, c := range cs {
					t := c.Text
					if t == "" || c.Heading != "" {
						t = strings.TrimSpace(c.Heading + " " + c.Text)
					}
					m[c.Address] = strings.TrimSpace(labelText(c) + " " + oneLine(t))
				}
			}
			texts[k.DocumentID] = m
		}
		out = append(out, owedClause{link: k, text: m[k.Clause]})
	}
	return out, nil
}

// showOwes lists what the selected unit owes: by role, then by document.
func (s *unitsScreen) showOwes(owed []owedClause) {
	s.owed = owed
	if s.selected == "" {
		s.owes.Objects = []fyne.CanvasObject{heading(lang.L("Đơn vị được giao việc")),
			hint(lang.L("Chọn một đơn vị bên trái để xem các điều khoản giao cho đơn vị đó (chủ trì, phối hợp, báo cáo) trong mọi văn bản."))}
		s.owes.Refresh()
		return
	}
	x := s.byID[s.selected]
	objs := []fyne.CanvasObject{heading(x.Name)}
	if len(owed) == 0 {
		objs = append(objs, hint(lang.L("Chưa có điều khoản nào giao cho đơn vị này.")))
	}
	for _, role := range roleOrder {
		var rows []owedClause
		seen := map[string]bool{}
		for _, o := range owed {
			key := strconv.FormatInt(o.link.DocumentID, 10) + "|" + o.link.Clause
			if o.link.Role == role && !seen[key] {
				seen[key] = true
				rows = append(rows, o)
			}
		}
		if len(rows) == 0 {
			continue
		}
		objs = append(objs, widget.NewSeparator(), section(fmt.Sprintf("%s (%d)", roleName(role), len(rows))))
		for i := 0; i < len(rows); {
			j := i
			for j < len(rows) && rows[j].link.DocumentID == rows[i].link.DocumentID {
				j++
			}
			objs = append(objs, docCaption(rows[i].link))
			for _, o := range rows[i:j] {
				objs = append(objs, s.owedRow(o))
			}
			i = j
		}
	}
	s.owes.Objects = objs
	s.owes.Refresh()
}

// docCaption names a document: its title, then its number.
func docCaption(l store.UnitLink) fyne.CanvasObject {
	title := l.Title
	if title == "" {
		title = fmt.Sprintf(lang.L("Văn bản #%d"), l.DocumentID)
	}
	t := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	t.Wrapping = fyne.TextWrapWord
	if l.Number == "" {
		return t
	}
	return container.New(tightVBox{}, t, mutedText(fmt.Sprintf(lang.L("Số %s"), l.Number)))
}

// owedRow is a clause address, opening the document there, and the start of
// the clause's text.
func (s *unitsScreen) owedRow(o owedClause) fyne.CanvasObject {
	link := widget.NewHyperlink(o.link.Clause, nil)
	l := o.link
	link.OnTapped = func() { s.u.openDocumentAt(l.DocumentID, l.Clause) }
	text := widget.NewLabel(shorten(o.text, 200))
	text.Truncation = fyne.TextTruncateEllipsis
	var notes []string
	if l.State == "proposed" {
		notes = append(notes, lang.L("đề xuất"))
	}
	if inherited(l) {
		notes = append(notes, lang.L("theo mục cha"))
	}
	right := fyne.CanvasObject(nil)
	if len(notes) > 0 {
		right = container.NewCenter(mutedText(strings.Join(notes, " · ")))
	}
	return container.NewBorder(nil, nil, container.New(layout.NewCustomPaddedLayout(0, 0, indentStep, 0), link), right, text)
}

// unitDetails describes unit x in the window's detail panel.
func (s *unitsScreen) unitDetails(x store.Unit) {
	if s.u.current != navUnits || s.u.docView != nil {
		return
	}
	if x.ID == "" {
		s.u.details.set(nil, []fyne.CanvasObject{heading(lang.L("Chi tiết")), hint(lang.L("Chọn một đơn vị để xem thông tin."))})
		return
	}
	title := widget.NewLabelWithStyle(x.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	objs := []fyne.CanvasObject{heading(lang.L("Chi tiết")), title}
	if newUnitID(x.ID) {
		objs = append(objs, hint(lang.L("Tên này chưa có trong danh mục đơn vị: chương trình tìm thấy nó trong văn bản.")))
	} else {
		objs = append(objs, field(lang.L("Mã"), x.ID))
	}
	if k := kindLabel(x.Kind); k != "" {
		objs = append(objs, field(lang.L("Loại"), k))
	}
	if lv := levelLabel(x.Level); lv != "" {
		objs = append(objs, field(lang.L("Cấp"), lv))
	}
	if p, ok := s.byID[x.Parent]; ok {
		objs = append(objs, field(lang.L("Trực thuộc"), p.Name))
	}
	if len(x.Aliases) > 0 {
		objs = append(objs, field(lang.L("Tên gọi khác"), strings.Join(x.Aliases, "; ")))
	}
	objs = append(objs, field(lang.L("Số điều khoản được giao"), strconv.Itoa(s.counts[x.ID])))
	s.u.details.set(nil, objs)
}

// showDetails fills the detail panel when the screen shows.
func (s *unitsScreen) showDetails() {
	s.unitDetails(s.byID[s.selected])
}

// importDialog asks for a CSV or XLSX catalog and replaces the library's.
func (s *unitsScreen) importDialog() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		s.importCatalog(path)
	}, s.u.w)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".xlsx", ".CSV", ".XLSX"}))
	startIn(d)
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// importCatalog replaces the catalog with the file at path; a malformed file
// changes nothing and its error, naming the line, is shown.
func (s *unitsScreen) importCatalog(path string) <-chan struct{} {
	u := s.u
	done := make(chan struct{})
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		n, err := u.l.ImportCatalog(u.ctx, path)
		fyne.Do(func() {
			if err != nil {
				defer close(done)
				dialogInfo(u.w, lang.L("Không nhập được danh mục"), fmt.Sprintf(lang.L("Không nhập được danh mục «%s»: %s. Danh mục hiện có được giữ nguyên."),
					filepath.Base(path), err.Error()))
				return
			}
			reloaded := s.reload()
			go func() {
				<-reloaded
				fyne.Do(func() {
					defer close(done)
					dialogInfo(u.w, lang.L("Đã nhập danh mục"), fmt.Sprintf(lang.L("Đã nhập %d đơn vị từ «%s»."), n, filepath.Base(path)))
				})
			}()
		})
	}()
	return done
}

// exportDialog asks where to save the catalog (CSV or XLSX by the name).
func (s *unitsScreen) exportDialog() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		s.exportCatalog(path)
	}, s.u.w)
	d.SetFileName("danh-muc-don-vi.xlsx")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".xlsx"}))
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// exportCatalog writes the catalog to path.
func (s *unitsScreen) exportCatalog(path string) <-chan struct{} {
	u := s.u
	done := make(chan struct{})
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		err := u.l.ExportCatalog(u.ctx, path)
		fyne.Do(func() {
			defer close(done)
			if err != nil {
				dialogInfo(u.w, lang.L("Không xuất được danh mục"), fmt.Sprintf(lang.L("Không ghi được «%s»: %s"), filepath.Base(path), app.Reason(err)))
				return
			}
			dialogInfo(u.w, lang.L("Đã xuất danh mục"), fmt.Sprintf(lang.L("Đã ghi danh mục đơn vị vào «%s»."), path))
		})
	}()
	return done
}

// mergeDialog asks for the unit to merge into the selected one, then
// confirms.
func (s *unitsScreen) mergeDialog() {
	keep, ok := s.byID[s.selected]
	if !ok || newUnitID(keep.ID) {
		dialogInfo(s.u.w, lang.L("Gộp đơn vị"), lang.L("Chọn trong danh mục đơn vị sẽ được giữ lại, rồi bấm «Gộp đơn vị…»."))
		return
	}
	var others []store.Unit
	for _, x := range s.units {
		if x.ID != keep.ID && !newUnitID(x.ID) {
			others = append(others, x)
		}
	}
	var d dialog.Dialog
	ok2 := widget.NewButton(lang.L("Gộp…"), nil)
	ok2.Importance = widget.HighImportance
	ok2.Disable()
	p := newUnitPicker(func(x store.Unit) {
		if x.ID == "" {
			ok2.Disable()
		} else {
			ok2.Enable()
		}
	})
	s.picker = p
	p.setUnits(others)
	ok2.OnTapped = func() {
		if p.selected == nil {
			return
		}
		drop := *p.selected
		d.Hide()
		msg := widget.NewLabel(fmt.Sprintf(lang.L("Gộp «%s» vào «%s»?\n\nTên và tên gọi khác của «%s» trở thành tên gọi khác của «%s»; các đơn vị trực thuộc và mọi điều khoản giao cho «%s» chuyển sang «%s»."),
			drop.Name, keep.Name, drop.Name, keep.Name, drop.Name, keep.Name))
		msg.Wrapping = fyne.TextWrapWord
		c := dialog.NewCustomConfirm(lang.L("Gộp đơn vị"), lang.L("Gộp"), lang.L("Hủy"), container.New(fixedWidth(420), msg), func(yes bool) {
			if yes {
				s.mergeUnits(keep.ID, drop.ID)
			}
		}, s.u.w)
		c.Show()
	}
	cancel := widget.NewButtonWithIcon(lang.L("Hủy"), theme.CancelIcon(), func() { d.Hide() })
	intro := widget.NewLabel(fmt.Sprintf(lang.L("Chọn đơn vị trùng để gộp vào «%s»:"), keep.Name))
	intro.Wrapping = fyne.TextWrapWord
	body := container.NewBorder(container.NewVBox(intro, p.entry), container.NewHBox(layout.NewSpacer(), cancel, ok2), nil, nil, p.list)
	d = dialog.NewCustomWithoutButtons(lang.L("Gộp đơn vị"), body, s.u.w)
	d.Resize(fyne.NewSize(480, 520))
	d.Show()
}

// mergeUnits merges drop into keep, then reloads the screen.
func (s *unitsScreen) mergeUnits(keep, drop string) <-chan struct{} {
	u := s.u
	done := make(chan struct{})
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		err := u.l.MergeUnits(u.ctx, keep, drop)
		fyne.Do(func() {
			if err != nil {
				defer close(done)
				dialogInfo(u.w, lang.L("Không gộp được"), fmt.Sprintf(lang.L("Không gộp được đơn vị: %s"), err.Error()))
				return
			}
			reloaded := s.reload()
			go func() {
				<-reloaded
				fyne.Do(func() {
					s.work = s.selectUnit(keep)
					go func() { <-s.work; close(done) }()
				})
			}()
		})
	}()
	return done
}
