package ui

import (
	"context"
	"fmt"
	"image/color"
	"strings"
	"unicode"

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
	"golang.org/x/text/unicode/norm"
)

// The link roles, in the order the panels show them, and their names.
var roleOrder = []string{app.RoleLead, app.RoleSupport, app.RoleReportTo}

func roleName(r string) string {
	switch r {
	case app.RoleLead:
		return lang.L("Chủ trì")
	case app.RoleSupport:
		return lang.L("Phối hợp")
	case app.RoleReportTo:
		return lang.L("Báo cáo, tham mưu")
	}
	return r
}

// roleNames are the choices of a role Select, in roleOrder.
func roleNames() []string {
	out := make([]string, len(roleOrder))
	for i, r := range roleOrder {
		out[i] = roleName(r)
	}
	return out
}

// roleOf is the stored role a role Select choice names.
func roleOf(name string) string {
	for _, r := range roleOrder {
		if roleName(r) == name {
			return r
		}
	}
	return ""
}

// newUnitID says whether a link names a unit the catalog does not have.
func newUnitID(id string) bool { return strings.HasPrefix(id, "new:") }

// linkBadge is the short state of a link: who put it there and whether a
// person checked it.
func linkBadge(l store.UnitLink) string {
	switch {
	case l.State == "removed":
		return lang.L("đã bỏ")
	case l.Origin == "manual":
		return lang.L("thêm tay")
	case l.State == "confirmed":
		return lang.L("đã xác nhận")
	}
	return lang.L("đề xuất")
}

// inherited says whether an automatic link comes from the clause's parent
// item rather than from a name in its own text.
func inherited(l store.UnitLink) bool {
	return l.Origin != "manual" && l.Start == 0 && l.End == 0
}

// foldKey is s in lower case without diacritics (đ → d), for filters that
// accept "so noi vu" for "Sở Nội vụ".
func foldKey(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'đ':
			b.WriteRune('d')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// matchesAll says whether every word of the folded query q occurs in one of
// the folded texts.
func matchesAll(q string, texts ...string) bool {
	words := strings.Fields(foldKey(q))
	if len(words) == 0 {
		return true
	}
	hay := foldKey(strings.Join(texts, " | "))
	for _, w := range words {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}

// unitMatches says whether a unit's name or one of its aliases matches q.
func unitMatches(u store.Unit, q string) bool {
	if matchesAll(q, u.Name) {
		return true
	}
	for _, a := range u.Aliases {
		if matchesAll(q, a) {
			return true
		}
	}
	return matchesAll(q, u.ID)
}

// badge is a small rounded tag.
func badge(text string, c fyne.ThemeColorName) fyne.CanvasObject {
	fg := theme.Color(c)
	r, g, b, _ := fg.RGBA()
	bg := canvas.NewRectangle(color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 0x30})
	bg.CornerRadius = 4
	t := canvas.NewText(text, fg)
	t.TextSize = theme.CaptionTextSize()
	return container.NewStack(bg, container.New(layout.NewCustomPaddedLayout(1, 1, 6, 6), t))
}

// badgeColor is the colour of a link's badge, by the state linkBadge names.
func badgeColor(l store.UnitLink) fyne.ThemeColorName {
	switch {
	case l.State == "removed":
		return theme.ColorNamePlaceHolder
	case l.Origin == "manual":
		return theme.ColorNamePrimary
	case l.State == "confirmed":
		return theme.ColorNameSuccess
	}
	return theme.ColorNameWarning
}

// struck draws a line through the middle of its first object's text.
type struck struct {
	line *canvas.Line
	text string
}

func (s *struck) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Resize(size)
	objs[0].Move(fyne.NewPos(0, 0))
	w := fyne.MeasureText(s.text, theme.TextSize(), fyne.TextStyle{}).Width
	w = min(w, size.Width-2*theme.InnerPadding())
	y := size.Height / 2
	s.line.Position1 = fyne.NewPos(theme.InnerPadding(), y)
	s.line.Position2 = fyne.NewPos(theme.InnerPadding()+w, y)
}

func (s *struck) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }

// linkRow is one unit link of the selected clause in the detail panel.
type linkRow struct {
	link    store.UnitLink
	badge   string
	name    *widget.Label
	greyed  bool // drawn greyed and struck through: the link was removed
	role    *widget.Select
	confirm *widget.Button // nil unless the link awaits confirmation
	remove  *widget.Button // nil for a removed link
	restore *widget.Button // only for a removed link
	content fyne.CanvasObject
}

// newLinkRow draws link l with its actions.
func (v *documentView) newLinkRow(l store.UnitLink) *linkRow {
	r := &linkRow{link: l, badge: linkBadge(l)}
	r.name = widget.NewLabel(l.UnitName)
	r.name.Wrapping = fyne.TextWrapWord
	var name fyne.CanvasObject = r.name
	removed := l.State == "removed"
	if removed { // greyed and struck through
		r.greyed = true
		grey := widget.NewRichText(&widget.TextSegment{Text: l.UnitName, Style: widget.RichTextStyle{
			ColorName: theme.ColorNamePlaceHolder, Inline: true}})
		grey.Truncation = fyne.TextTruncateEllipsis
		line := canvas.NewLine(theme.Color(theme.ColorNamePlaceHolder))
		line.StrokeWidth = 1
		name = container.New(&struck{line: line, text: l.UnitName}, grey, line)
	}
	var extra []string
	if newUnitID(l.UnitID) {
		extra = append(extra, lang.L("chưa có trong danh mục"))
	}
	if inherited(l) {
		extra = append(extra, lang.L("(theo mục cha)"))
	}

	r.role = widget.NewSelect(roleNames(), nil)
	r.role.Selected = roleName(l.Role)
	id := l.ID
	r.role.OnChanged = func(s string) {
		if role := roleOf(s); role != "" && role != l.Role {
			v.act(func(ctx context.Context) error { return v.u.l.SetLinkRole(ctx, id, role) })
		}
	}
	var buttons []fyne.CanvasObject
	if removed {
		r.role.Disable()
		r.restore = widget.NewButtonWithIcon(lang.L("khôi phục"), theme.ContentUndoIcon(), func() {
			v.act(func(ctx context.Context) error { return v.u.l.ConfirmLink(ctx, id) })
		})
		r.restore.Importance = widget.LowImportance
		buttons = append(buttons, r.restore)
	} else {
		if l.State != "confirmed" {
			r.confirm = widget.NewButtonWithIcon("", theme.NewSuccessThemedResource(theme.ConfirmIcon()), func() {
				v.act(func(ctx context.Context) error { return v.u.l.ConfirmLink(ctx, id) })
			})
			r.confirm.Importance = widget.LowImportance
			buttons = append(buttons, r.confirm)
		}
		r.remove = widget.NewButtonWithIcon("", theme.CancelIcon(), func() {
			v.act(func(ctx context.Context) error { return v.u.l.RemoveLink(ctx, id) })
		})
		r.remove.Importance = widget.LowImportance
		buttons = append(buttons, r.remove)
	}
	actions := container.NewBorder(nil, nil, nil, container.NewHBox(buttons...), r.role)
	lines := []fyne.CanvasObject{container.NewBorder(nil, nil, nil, container.NewCenter(badge(r.badge, badgeColor(l))), name)}
	if len(extra) > 0 {
		note := mutedText(strings.Join(extra, " · "))
		note.Wrapping = fyne.TextWrapWord
		lines = append(lines, note)
	}
	lines = append(lines, actions)
	r.content = container.New(tightVBox{}, lines...)
	return r
}

// unitSection is the "Đơn vị" part of a clause's details: its links grouped
// by role, and "Thêm đơn vị…".
func (v *documentView) unitSection(c store.Clause) []fyne.CanvasObject {
	v.linkRows = nil
	objs := []fyne.CanvasObject{section(lang.L("Đơn vị"))}
	var mine []store.UnitLink
	for _, l := range v.links {
		if l.Clause == c.Address {
			mine = append(mine, l)
		}
	}
	if len(mine) == 0 {
		objs = append(objs, hint(lang.L("Điều khoản này chưa giao cho đơn vị nào.")))
	}
	for _, role := range roleOrder {
		var rows []fyne.CanvasObject
		for _, l := range mine {
			if l.Role != role {
				continue
			}
			r := v.newLinkRow(l)
			v.linkRows = append(v.linkRows, r)
			rows = append(rows, r.content)
		}
		if len(rows) > 0 {
			cap := mutedText(roleName(role))
			cap.Segments[0].(*widget.TextSegment).Style.TextStyle.Bold = true
			objs = append(objs, cap)
			objs = append(objs, rows...)
		}
	}
	add := widget.NewButtonWithIcon(lang.L("Thêm đơn vị…"), theme.ContentAddIcon(), func() { v.addUnitDialog(c.Address) })
	objs = append(objs, add)
	return objs
}

// act runs a change to the document's links off the UI thread, then reads
// the links again and redraws the panel; the channel closes after that.
func (v *documentView) act(f func(ctx context.Context) error) <-chan struct{} {
	u := v.u
	done := make(chan struct{})
	v.acted = done
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		err := f(u.ctx)
		links, lerr := u.l.DocumentLinks(u.ctx, v.doc.ID)
		counts, _ := u.l.UnitLinkCounts(u.ctx)
		fyne.Do(func() {
			defer close(done)
			if lerr == nil {
				v.links = links
			}
			if err == nil {
				err = lerr
			}
			if counts != nil {
				u.nav.setCount(navUnits, unitsWithLinks(counts))
				u.units.dirty = true
			}
			v.showDetails()
			if err != nil {
				dialogInfo(u.w, lang.L("Không lưu được"), fmt.Sprintf(lang.L("Không lưu được thay đổi: %s"), err.Error()))
			}
		})
	}()
	return done
}

// unitsWithLinks counts the units some live link names.
func unitsWithLinks(counts map[string]int) int {
	n := 0
	for _, c := range counts {
		if c > 0 {
			n++
		}
	}
	return n
}

// unitPicker is a filter field over a list of catalog units.
type unitPicker struct {
	entry    *widget.Entry
	list     *widget.List
	all      []store.Unit
	shown    []store.Unit
	selected *store.Unit
	onSelect func(store.Unit)
	content  fyne.CanvasObject
}

func newUnitPicker(onSelect func(store.Unit)) *unitPicker {
	p := &unitPicker{onSelect: onSelect}
	p.entry = widget.NewEntry()
	p.entry.SetPlaceHolder(lang.L("Lọc: gõ tên đơn vị, có dấu hoặc không dấu"))
	p.entry.OnChanged = func(string) { p.filter() }
	p.list = widget.NewList(func() int { return len(p.shown) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("")
			name.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, nil, mutedText(""), name)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(p.shown) {
				return
			}
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Label).SetText(p.shown[id].Name)
			setMuted(c.Objects[1].(*widget.RichText), levelLabel(p.shown[id].Level))
		})
	p.list.OnSelected = func(id widget.ListItemID) {
		if id < len(p.shown) {
			u := p.shown[id]
			p.selected = &u
			if p.onSelect != nil {
				p.onSelect(u)
			}
		}
	}
	p.content = container.NewBorder(p.entry, nil, nil, nil, p.list)
	return p
}

// setUnits fills the list.
func (p *unitPicker) setUnits(us []store.Unit) {
	p.all = us
	p.filter()
}

// filter shows the units matching the filter field.
func (p *unitPicker) filter() {
	p.shown = p.shown[:0]
	for _, u := range p.all {
		if unitMatches(u, p.entry.Text) {
			p.shown = append(p.shown, u)
		}
	}
	p.selected = nil
	p.list.UnselectAll()
	p.list.Refresh()
	p.list.ScrollToTop()
	if p.onSelect != nil {
		p.onSelect(store.Unit{})
	}
}

// addDialog is the open "Thêm đơn vị" dialog.
type addDialog struct {
	d      dialog.Dialog
	picker *unitPicker
	role   *widget.Select
	ok     *widget.Button
	loaded chan struct{} // closed once the catalog is listed
}

// addUnitDialog asks for a catalog unit and a role, then links the clause at
// address to it.
func (v *documentView) addUnitDialog(address string) *addDialog {
	u := v.u
	a := &addDialog{loaded: make(chan struct{})}
	a.ok = widget.NewButtonWithIcon(lang.L("Thêm"), theme.ContentAddIcon(), nil)
	a.ok.Importance = widget.HighImportance
	a.ok.Disable()
	a.picker = newUnitPicker(func(x store.Unit) {
		if x.ID == "" {
			a.ok.Disable()
		} else {
			a.ok.Enable()
		}
	})
	a.role = widget.NewSelect(roleNames(), nil)
	a.role.SetSelected(roleName(app.RoleSupport))
	a.ok.OnTapped = func() {
		sel := a.picker.selected
		role := roleOf(a.role.Selected)
		if sel == nil || role == "" {
			return
		}
		a.d.Hide()
		id := sel.ID
		docID := v.doc.ID
		v.act(func(ctx context.Context) error {
			_, err := u.l.AddLink(ctx, docID, address, id, role)
			return err
		})
	}
	cancel := widget.NewButtonWithIcon(lang.L("Hủy"), theme.CancelIcon(), func() { a.d.Hide() })
	top := container.NewVBox(widget.NewLabel(fmt.Sprintf(lang.L("Điều khoản %s"), address)), a.picker.entry)
	bottom := container.NewVBox(container.NewBorder(nil, nil, widget.NewLabel(lang.L("Vai trò:")), nil, a.role),
		container.NewHBox(layout.NewSpacer(), cancel, a.ok))
	body := container.NewBorder(top, bottom, nil, nil, a.picker.list)
	a.d = dialog.NewCustomWithoutButtons(lang.L("Thêm đơn vị"), body, u.w)
	a.d.Resize(fyne.NewSize(480, 520))
	a.d.Show()
	u.w.Canvas().Focus(a.picker.entry)
	v.adding = a
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		us, err := u.l.Units(u.ctx)
		fyne.Do(func() {
			defer close(a.loaded)
			if err != nil {
				a.d.Hide()
				dialogInfo(u.w, lang.L("Không đọc được danh mục"), app.Reason(err))
				return
			}
			a.picker.setUnits(us)
		})
	}()
	return a
}
