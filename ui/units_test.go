package ui

import (
	"slices"
	"strings"
	"testing"

	"chidao/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// rowFor is the drawn link of the selected clause naming unit name.
func rowFor(v *documentView, name string) *linkRow {
	for _, r := range v.linkRows {
		if r.link.UnitName == name {
			return r
		}
	}
	return nil
}

// rolesShown maps each role caption of the unit section to the unit names under it.
func rolesShown(v *documentView) map[string][]string {
	out := map[string][]string{}
	for _, r := range v.linkRows {
		out[roleName(r.link.Role)] = append(out[roleName(r.link.Role)], r.link.UnitName)
	}
	return out
}

func TestClauseUnits(t *testing.T) {
	u, w := newTestUI(t)
	v := openPlan(t, u)
	v.goTo("B.II.2.1/-1")
	if c, ok := v.selectedClause(); !ok || c.Address != "B.II.2.1/-1" {
		t.Fatalf("selected clause %+v", c)
	}
	got := rolesShown(v)
	for role, name := range map[string]string{
		"Chủ trì":           "Ban Tổ chức Tỉnh ủy",
		"Phối hợp":          "Sở Nội vụ",
		"Báo cáo, tham mưu": "Ban Thường vụ Tỉnh ủy",
	} {
		if !slices.Contains(got[role], name) {
			t.Errorf("%s: %q, want %q among them", role, got[role], name)
		}
	}
	for _, want := range []string{"Đơn vị", "Chủ trì", "Phối hợp", "Báo cáo, tham mưu", "Ban Tổ chức Tỉnh ủy", "đề xuất"} {
		if !hasText(u.details.content, want) && !hasCanvasText(u.details.content, want) {
			t.Errorf("the panel does not show %q: %q", want, texts(u.details.content))
		}
	}

	// Confirming changes the badge.
	r := rowFor(v, "Ban Tổ chức Tỉnh ủy")
	if r == nil || r.confirm == nil || r.badge != "đề xuất" {
		t.Fatalf("lead row %+v", r)
	}
	test.Tap(r.confirm)
	wait(t, v.acted, "confirming")
	if r = rowFor(v, "Ban Tổ chức Tỉnh ủy"); r == nil || r.badge != "đã xác nhận" || r.confirm != nil {
		t.Fatalf("after confirming: %+v", r)
	}
	if !hasCanvasText(u.details.content, "đã xác nhận") {
		t.Errorf("the badge does not say đã xác nhận")
	}

	// Removing greys the name and offers khôi phục.
	r = rowFor(v, "Sở Nội vụ")
	test.Tap(r.remove)
	wait(t, v.acted, "removing")
	r = rowFor(v, "Sở Nội vụ")
	if r == nil || r.link.State != "removed" || r.restore == nil || !r.greyed || !r.role.Disabled() {
		t.Fatalf("after removing: %+v", r)
	}
	// and khôi phục brings it back confirmed
	test.Tap(r.restore)
	wait(t, v.acted, "restoring")
	if r = rowFor(v, "Sở Nội vụ"); r == nil || r.link.State != "confirmed" {
		t.Fatalf("after restoring: %+v", r)
	}

	// Changing the role moves the row.
	rowFor(v, "Ban Thường vụ Tỉnh ủy").role.SetSelected("Phối hợp")
	wait(t, v.acted, "changing the role")
	if got := rolesShown(v); !slices.Contains(got["Phối hợp"], "Ban Thường vụ Tỉnh ủy") {
		t.Errorf("after the role change: %q", got)
	}

	// Adding Sở Tài chính as Phối hợp through the dialog.
	add := findButton(u.details.content, "Thêm đơn vị…")
	if add == nil {
		t.Fatal("no Thêm đơn vị… button")
	}
	test.Tap(add)
	a := v.adding
	wait(t, a.loaded, "the catalog in the dialog")
	test.Type(a.picker.entry, "so tai chinh")
	if len(a.picker.shown) == 0 || a.picker.shown[0].Name != "Sở Tài chính" {
		t.Fatalf("filter so tai chinh shows %+v", a.picker.shown)
	}
	if !a.ok.Disabled() {
		t.Error("Thêm is enabled before a unit is chosen")
	}
	a.picker.list.Select(0)
	a.role.SetSelected("Phối hợp")
	test.Tap(a.ok)
	wait(t, v.acted, "adding")
	r = rowFor(v, "Sở Tài chính")
	if r == nil || r.link.Role != "support" || r.badge != "thêm tay" {
		t.Fatalf("after adding: %+v (rows %q)", r, rolesShown(v))
	}
	_ = w
}

// hasCanvasText says whether a badge (canvas text) under o says want.
func hasCanvasText(o fyne.CanvasObject, want string) bool {
	for _, x := range allObjects(o) {
		if t, ok := x.(*canvas.Text); ok && strings.Contains(t.Text, want) {
			return true
		}
	}
	return false
}

func TestUnitsScreen(t *testing.T) {
	u, _ := newTestUI(t)
	importFiles(t, u, planKL74)
	if got := u.nav.buttons[navUnits].Text; !strings.HasPrefix(got, "Đơn vị (") || got == "Đơn vị (0)" {
		t.Errorf("rail entry %q, want a count", got)
	}
	u.show(navUnits)
	if u.units.work != nil {
		wait(t, u.units.work, "the units screen")
	}
	s := u.units
	if !slices.Contains(s.shown(), "Ban Tổ chức Tỉnh ủy") {
		t.Fatalf("the tree lacks Ban Tổ chức Tỉnh ủy: %q", s.shown())
	}
	s.tree.Select(unitPrefix + "btc-tinh-uy")
	wait(t, s.work, "selecting the unit")
	var lead []string
	for _, o := range s.owed {
		if o.link.Role == "lead" {
			lead = append(lead, o.link.Clause)
		}
	}
	for _, want := range []string{"B.II.2.1/-1", "B.III.3"} {
		if !slices.Contains(lead, want) {
			t.Errorf("Chủ trì lists %q, want %q", lead, want)
		}
	}
	if !hasText(s.owes, "Chủ trì (2)") || !hasText(s.owes, "B.III.3") {
		t.Errorf("the screen shows %q", texts(s.owes))
	}
	if !hasText(u.details.content, "Ban Tổ chức Tỉnh ủy") {
		t.Errorf("the detail panel shows %q", texts(u.details.content))
	}

	// Clicking a clause opens the plan there.
	var link *widget.Hyperlink
	for _, x := range allObjects(s.owes) {
		if h, ok := x.(*widget.Hyperlink); ok && h.Text == "B.III.3" {
			link = h
		}
	}
	if link == nil {
		t.Fatal("no link B.III.3")
	}
	test.TapAt(link, fyne.NewPos(theme.InnerPadding()+4, link.Size().Height/2))
	wait(t, u.work, "opening the plan")
	if c, ok := u.docView.selectedClause(); !ok || c.Address != "B.III.3" {
		t.Errorf("opened at %+v", c)
	}
	u.back()
	if u.current != navUnits || u.docView != nil {
		t.Errorf("Quay lại went to %s", u.current)
	}

	// The filter folds diacritics.
	test.Type(s.filter, "so noi vu")
	shown := s.shown()
	if !slices.Contains(shown, "Sở Nội vụ") || slices.Contains(shown, "Ban Tổ chức Tỉnh ủy") {
		t.Errorf("filter so noi vu shows %q", shown)
	}
}

func TestFoldKey(t *testing.T) {
	for in, want := range map[string]string{"Sở Nội vụ": "so noi vu", "Đảng ủy": "dang uy", "ĐBQH": "dbqh"} {
		if got := foldKey(in); got != want {
			t.Errorf("foldKey(%q) = %q, want %q", in, got, want)
		}
	}
	if !unitMatches(store.Unit{Name: "Ban Tổ chức Tỉnh ủy", Aliases: []string{"BTCTU"}}, "btctu") {
		t.Error("alias not matched")
	}
}
