package ui

import (
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// navItem is one entry of the navigation rail.
type navItem struct {
	key, label string
	icon       fyne.Resource
}

// navRail is the left navigation: one button per screen, the active one
// highlighted, with an optional count after the label.
type navRail struct {
	content fyne.CanvasObject
	items   []navItem
	buttons map[string]*widget.Button
	counts  map[string]int
	badges  map[string]*railBadge
}

// newNavRail builds the rail; onSelect is called with the key of the entry
// the user clicks.
func newNavRail(items []navItem, onSelect func(key string)) *navRail {
	r := &navRail{items: items, buttons: map[string]*widget.Button{}, counts: map[string]int{}, badges: map[string]*railBadge{}}
	box := container.NewVBox()
	for _, it := range items {
		b := widget.NewButtonWithIcon(it.label, it.icon, func() { onSelect(it.key) })
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		r.buttons[it.key] = b
		rb := newRailBadge()
		r.badges[it.key] = rb
		box.Add(container.NewStack(b, container.NewHBox(layout.NewSpacer(), container.NewCenter(rb.content))))
	}
	r.content = container.New(fixedWidth(160), container.NewPadded(box))
	return r
}

// setActive highlights the entry with key.
func (r *navRail) setActive(key string) {
	for k, b := range r.buttons {
		imp := widget.LowImportance
		if k == key {
			imp = widget.HighImportance
		}
		if b.Importance != imp {
			b.Importance = imp
			b.Refresh()
		}
	}
}

// setCount shows n after the entry's label ("Văn bản (12)").
func (r *navRail) setCount(key string, n int) {
	r.counts[key] = n
	for _, it := range r.items {
		if it.key == key {
			r.buttons[key].SetText(it.label + " (" + strconv.Itoa(n) + ")")
		}
	}
}

// setBadge shows n in a red badge at the end of the entry (the overdue
// tasks); 0 hides it.
func (r *navRail) setBadge(key string, n int) {
	if b, ok := r.badges[key]; ok {
		b.set(n)
	}
}

// badge is the count a rail entry shows in its red badge, 0 for none.
func (r *navRail) badge(key string) int {
	if b, ok := r.badges[key]; ok {
		return b.n
	}
	return 0
}

// railBadge is a red rounded count drawn over the end of a rail entry.
type railBadge struct {
	n       int
	bg      *canvas.Rectangle
	text    *canvas.Text
	content *fyne.Container
}

func newRailBadge() *railBadge {
	b := &railBadge{bg: canvas.NewRectangle(theme.Color(theme.ColorNameError)), text: canvas.NewText("", color.White)}
	b.text.TextSize = theme.CaptionTextSize()
	b.text.TextStyle.Bold = true
	b.text.Alignment = fyne.TextAlignCenter
	b.bg.CornerRadius = 8
	b.content = container.NewStack(b.bg, container.New(layout.NewCustomPaddedLayout(1, 1, 5, 5), b.text))
	b.content.Hide()
	return b
}

func (b *railBadge) set(n int) {
	b.n = n
	if n <= 0 {
		b.content.Hide()
		return
	}
	b.text.Text = strconv.Itoa(n)
	b.text.Refresh()
	b.content.Show()
	b.content.Refresh()
}
