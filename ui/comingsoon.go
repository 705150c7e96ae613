package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// newComingSoonScreen is the screen of a part of chidao not built yet: its
// title and a sentence saying what it will hold.
func newComingSoonScreen(title string, icon fyne.Resource, note string) fyne.CanvasObject {
	head := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.SizeName = theme.SizeNameHeadingText
	msg := widget.NewLabel(note)
	msg.Wrapping = fyne.TextWrapWord
	return container.NewPadded(container.NewVBox(
		container.NewHBox(widget.NewIcon(icon), head), msg))
}
