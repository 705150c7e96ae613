package ui

import (
	"context"
	"fmt"
	"strings"

	"chidao/app"
	"chidao/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/unicode/norm"
)

// searchLimit is how many results a search shows.
const searchLimit = 200

// searchComing says what the Tìm kiếm screen will add.
const searchComing = "Tìm kiếm nâng cao: đoạn trích có từ khóa, lọc theo loại văn bản, cơ quan ban hành, thời gian và tìm theo điều khoản — sẽ có trong phiên bản tới."

// searchScreen is the Tìm kiếm screen: the documents matching the query typed
// in the search field, best first.
type searchScreen struct {
	content fyne.CanvasObject
	l       *app.Library
	summary *widget.Label
	list    *widget.List
	docs    []store.Document
	query   string
	seq     int // the latest search, so that a slow older one does not win
}

// newSearchScreen builds the Tìm kiếm screen; a click on a result calls onOpen
// (after onSelect, which shows its details).
func newSearchScreen(l *app.Library, onOpen, onSelect func(store.Document)) *searchScreen {
	s := &searchScreen{l: l}
	s.summary = widget.NewLabel("Gõ từ khóa vào ô tìm kiếm ở trên rồi bấm Enter.")
	s.summary.Wrapping = fyne.TextWrapWord
	s.list = widget.NewList(
		func() int { return len(s.docs) },
		func() fyne.CanvasObject {
			t := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			t.Truncation = fyne.TextTruncateEllipsis
			f := mutedText("")
			f.Truncation = fyne.TextTruncateEllipsis
			return container.New(tightVBox{}, t, f)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(s.docs) {
				return
			}
			d := s.docs[id]
			c := o.(*fyne.Container)
			title := d.Title
			if title == "" {
				title = d.FileName
			}
			c.Objects[0].(*widget.Label).SetText(title)
			setMuted(c.Objects[1].(*widget.RichText), docSubtitle(d))
		})
	s.list.OnSelected = func(id widget.ListItemID) {
		if id < len(s.docs) {
			d := s.docs[id]
			s.list.UnselectAll()
			onSelect(d)
			onOpen(d)
		}
	}
	note := mutedText(searchComing)
	note.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(heading("Tìm kiếm"), s.summary)
	s.content = container.NewPadded(container.NewBorder(top, note, nil, nil, s.list))
	return s
}

// run searches for q off the UI thread and shows the results; onCount gets
// their number. The channel closes once they are shown (or superseded).
func (s *searchScreen) run(q string, onCount func(int)) <-chan struct{} {
	done := make(chan struct{})
	q = strings.TrimSpace(norm.NFC.String(q))
	s.seq++
	seq := s.seq
	s.query = q
	if q == "" {
		s.docs = nil
		s.summary.SetText("Gõ từ khóa vào ô tìm kiếm ở trên rồi bấm Enter.")
		s.list.Refresh()
		close(done)
		return done
	}
	s.summary.SetText("Đang tìm «" + q + "»…")
	go func() {
		ds, err := s.l.Search(context.Background(), q, searchLimit)
		fyne.Do(func() {
			defer close(done)
			if seq != s.seq {
				return
			}
			s.docs = ds
			switch {
			case err != nil:
				s.summary.SetText("Không tìm được: " + app.Reason(err))
			case len(ds) == 0:
				s.summary.SetText("Không tìm thấy văn bản nào có «" + q + "».")
			default:
				s.summary.SetText(fmt.Sprintf("%d văn bản có «%s» — bấm vào tên để mở.", len(ds), q))
			}
			s.list.Refresh()
			s.list.ScrollToTop()
			onCount(len(ds))
		})
	}()
	return done
}
