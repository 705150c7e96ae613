package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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
}

// newNavRail builds the rail; onSelect is called with the key of the entry
// the user clicks.
func newNavRail(items []navItem, onSelect func(key string)) *navRail {
	r := &navRail{items: items, buttons: map[string]*widget.Button{}, counts: map[string]int{}}
	box := container.NewVBox()
	for _, it := range items {
		b := widget.NewButtonWithIcon(it.label, it.icon, func() { onSelect(it.key) })
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		r.buttons[it.key] = b
		box.Add(b)
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
