package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// statusLine is the bottom line shown during long work: what is being done, a
// progress bar and a "Hủy" button. It is hidden when idle.
type statusLine struct {
	content  fyne.CanvasObject
	label    *widget.Label
	bar      *widget.ProgressBar
	cancelBt *widget.Button
	stopping bool // Hủy was pressed: keep saying so
}

// newStatusLine builds the hidden status line; onCancel is the Hủy button.
func newStatusLine(onCancel func()) *statusLine {
	s := &statusLine{label: widget.NewLabel(""), bar: widget.NewProgressBar()}
	s.label.Truncation = fyne.TextTruncateEllipsis
	s.cancelBt = widget.NewButtonWithIcon(lang.L("Hủy"), theme.CancelIcon(), onCancel)
	s.bar.TextFormatter = func() string {
		if s.bar.Max <= 0 {
			return ""
		}
		return fmt.Sprintf("%.0f/%.0f", s.bar.Value, s.bar.Max)
	}
	bar := container.New(fixedWidth(320), s.bar)
	s.content = container.NewVBox(widget.NewSeparator(),
		container.NewBorder(nil, nil, nil, container.NewHBox(bar, s.cancelBt), s.label))
	s.content.Hide()
	return s
}

// begin shows the line with a label and an empty bar.
func (s *statusLine) begin(label string) {
	s.stopping = false
	s.label.SetText(label)
	s.bar.Max, s.bar.Value = 0, 0
	s.bar.Refresh()
	s.cancelBt.Enable()
	s.content.Show()
}

// progress shows done of total and what was last finished.
func (s *statusLine) progress(done, total int, last string) {
	if !s.stopping {
		s.label.SetText(fmt.Sprintf(lang.L("Đang nhập %d/%d tệp… %s"), done, total, last))
	}
	s.bar.Max = float64(total)
	s.bar.SetValue(float64(done))
}

// cancelling says the job is stopping after the Hủy button.
func (s *statusLine) cancelling() {
	s.stopping = true
	s.label.SetText(lang.L("Đang hủy: chờ các tệp đang đọc xong…"))
	s.cancelBt.Disable()
}

// end hides the line.
func (s *statusLine) end() { s.content.Hide() }

// dialogInfo shows a short message with an "Đóng" button.
func dialogInfo(w fyne.Window, title, msg string) {
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(title, lang.L("Đóng"), l, w)
	d.Resize(fyne.NewSize(420, 160))
	d.Show()
}
