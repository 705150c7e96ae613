package ui

import (
	"fmt"
	"strconv"
	"strings"

	"chidao/app"
	"chidao/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// notInLibrary says that a cited document's text is not in the library.
//
// i18n: keys in notInLibrary
const notInLibrary = "Chưa có toàn văn trong thư viện"

// place is a document and clause the user was reading, for "Quay lại".
type place struct {
	id      int64
	address string
}

// followCitation opens the document a citation cites when its text is in the
// library, or else says what is known of it. Whether the text is in the
// library is asked again, as a file imported since may hold it. The channel
// closes once the document or the dialog shows.
func (u *mainUI) followCitation(c store.Citation) <-chan struct{} {
	done := make(chan struct{})
	u.work = done
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		k := store.KnownDocument{Number: c.Number, Kind: c.Kind, Date: c.Date, Issuer: c.Issuer, DocumentID: c.DocumentID}
		var err error
		if c.KnownID != 0 {
			var kd store.KnownDocument
			if kd, err = u.l.KnownDocument(u.ctx, c.KnownID); err == nil {
				k = mergeKnown(kd, c)
			}
		}
		fyne.Do(func() {
			if k.DocumentID != 0 {
				opened := u.follow(k.DocumentID, "")
				go func() { <-opened; close(done) }()
				return
			}
			defer close(done)
			u.showKnownDialog(k, c, err)
		})
	}()
	return done
}

// mergeKnown fills what the known-document record lacks from the citation.
func mergeKnown(k store.KnownDocument, c store.Citation) store.KnownDocument {
	if k.Number == "" {
		k.Number = c.Number
	}
	if k.Kind == "" {
		k.Kind = c.Kind
	}
	if k.Date == "" {
		k.Date = c.Date
	}
	if k.Issuer == "" {
		k.Issuer = c.Issuer
	}
	if k.DocumentID == 0 {
		k.DocumentID = c.DocumentID
	}
	return k
}

// showKnownDialog says what is known of a cited document whose text is not
// in the library, with a button to import it.
func (u *mainUI) showKnownDialog(k store.KnownDocument, c store.Citation, err error) {
	var rows []fyne.CanvasObject
	add := func(cap, val string) {
		if val != "" {
			rows = append(rows, field(cap, val))
		}
	}
	add(lang.L("Số, ký hiệu"), k.Number)
	add(lang.L("Loại văn bản"), k.Kind)
	add(lang.L("Ngày ban hành"), formatISODate(k.Date))
	add(lang.L("Cơ quan ban hành"), k.Issuer)
	add(lang.L("Trích yếu"), k.Title)
	if c.Text != "" && !strings.Contains(c.Text, k.Number) {
		add(lang.L("Được dẫn chiếu là"), "«"+c.Text+"»")
	}
	if c.Uncertain {
		l := widget.NewLabel(lang.L("Dẫn chiếu chưa chắc chắn: chương trình đã đoán số hiệu từ cách viết tắt hoặc có lỗi gõ."))
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.WarningImportance
		rows = append(rows, l)
	}
	if err != nil {
		l := widget.NewLabel(fmt.Sprintf(lang.L("Không đọc được thông tin văn bản: %s"), app.Reason(err)))
		l.Wrapping = fyne.TextWrapWord
		rows = append(rows, l)
	}
	note := widget.NewLabelWithStyle(lang.L(notInLibrary), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	note.Importance = widget.WarningImportance
	hint := widget.NewLabel(lang.L("Nhập tệp văn bản này để đọc toàn văn và xem các điều khoản dẫn chiếu đến nó."))
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	rows = append(rows, widget.NewSeparator(), container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), nil, note), hint)

	var d dialog.Dialog
	importBtn := widget.NewButtonWithIcon(lang.L("Nhập tệp…"), theme.FileIcon(), func() {
		d.Hide()
		u.importFileDialog()
	})
	importBtn.Importance = widget.HighImportance
	closeBtn := widget.NewButtonWithIcon(lang.L("Đóng"), theme.CancelIcon(), func() { d.Hide() })
	buttons := container.NewHBox(layout.NewSpacer(), closeBtn, importBtn)
	body := container.NewBorder(nil, buttons, nil, nil, container.New(fixedWidth(440), container.NewVBox(rows...)))
	title := lang.L("Văn bản được dẫn chiếu")
	if k.Number != "" {
		title = fmt.Sprintf(lang.L("Văn bản được dẫn chiếu: %s"), k.Number)
	}
	d = dialog.NewCustomWithoutButtons(title, body, u.w)
	d.Show()
	u.known = d
}

// citationLink is a citation in the detail panel: the citation as written,
// and whether its text is in the library.
func (u *mainUI) citationLink(c store.Citation) fyne.CanvasObject {
	text := c.Text
	if text == "" {
		text = c.Number
	}
	link := widget.NewHyperlink(text, nil)
	link.Wrapping = fyne.TextWrapWord
	cc := c
	link.OnTapped = func() { u.followCitation(cc) }
	state := lang.L("có toàn văn trong thư viện")
	if c.DocumentID == 0 {
		state = lang.L("chưa có toàn văn")
	}
	if c.Number != "" && c.Number != text {
		state = c.Number + " · " + state
	}
	if c.Uncertain {
		state += " · " + lang.L(uncertainTip)
	}
	s := mutedText(state)
	s.Wrapping = fyne.TextWrapWord
	return container.New(tightVBox{}, link, s)
}

// citedByGroups are the clauses of other documents citing this one, one
// group per citing document: its title, then a link per clause address that
// opens that document at that clause.
func (u *mainUI) citedByGroups(cs []store.CitedBy) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for i := 0; i < len(cs); {
		j := i
		for j < len(cs) && cs[j].DocumentID == cs[i].DocumentID {
			j++
		}
		title := cs[i].Title
		if title == "" {
			title = cs[i].Number
		}
		name := widget.NewLabel(shorten(title, 90))
		name.Wrapping = fyne.TextWrapWord
		var ls []fyne.CanvasObject
		seen := map[string]bool{}
		cell := fyne.NewSize(0, 0)
		for _, c := range cs[i:j] {
			if seen[c.Clause] {
				continue
			}
			seen[c.Clause] = true
			where := c.Clause
			if where == "" {
				where = lang.L("trích yếu")
			}
			cc := c
			l := widget.NewHyperlink(where, nil)
			l.Truncation = fyne.TextTruncateEllipsis
			l.OnTapped = func() { u.visit(cc.DocumentID, cc.Clause) }
			cell = cell.Max(fyne.MeasureText(where, theme.TextSize(), fyne.TextStyle{}).
				AddWidthHeight(2*theme.InnerPadding()+2, 2*theme.InnerPadding()))
			ls = append(ls, l)
		}
		cell.Width = min(cell.Width, detailWidth-2*theme.Padding())
		links := container.NewGridWrap(cell, ls...)
		out = append(out, container.New(tightVBox{}, name, links))
		i = j
	}
	return out
}

// citingDocuments counts the documents among cs.
func citingDocuments(cs []store.CitedBy) int {
	seen := map[int64]bool{}
	for _, c := range cs {
		seen[c.DocumentID] = true
	}
	return len(seen)
}

// uniqueCitations keeps one citation per cited document, in order.
func uniqueCitations(cs []store.Citation) []store.Citation {
	seen := map[string]bool{}
	var out []store.Citation
	for _, c := range cs {
		key := c.Number
		if c.KnownID != 0 {
			key = strconv.FormatInt(c.KnownID, 10)
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, c)
	}
	return out
}

// showDetails fills the detail panel for the open document: the selected
// clause (its address, page, what it cites), who cites the document, what
// the document cites, and its file.
func (v *documentView) showDetails() {
	u := v.u
	if u.docView != v {
		return
	}
	d := v.doc
	objs := []fyne.CanvasObject{heading(lang.L("Chi tiết"))}
	if c, ok := v.selectedClause(); ok {
		objs = append(objs, v.clauseDetails(c)...)
		objs = append(objs, widget.NewSeparator())
	}

	citedBy := lang.L("Được dẫn chiếu bởi")
	if n := citingDocuments(v.citedBy); n > 0 {
		citedBy = fmt.Sprintf(lang.L("Được dẫn chiếu bởi (%d văn bản)"), n)
	}
	objs = append(objs, section(citedBy))
	if len(v.citedBy) == 0 {
		objs = append(objs, hint(lang.L("Chưa có văn bản nào trong thư viện dẫn chiếu văn bản này.")))
	}
	objs = append(objs, u.citedByGroups(v.citedBy)...)

	cited := uniqueCitations(v.allCites)
	if len(cited) > 0 {
		objs = append(objs, widget.NewSeparator(), section(fmt.Sprintf(lang.L("Văn bản này dẫn chiếu (%d)"), len(cited))))
		for _, c := range cited {
			objs = append(objs, u.citationLink(c))
		}
	}

	objs = append(objs, widget.NewSeparator(), section(lang.L("Tệp")))
	objs = append(objs,
		field(lang.L("Tệp"), d.FileName),
		field(lang.L("Định dạng · Số trang"), formatName(d.Format)+" · "+formatPages(d.Pages)),
		field(lang.L("Ngày nhập"), formatDate(d.ImportedAt)),
	)
	if enc := encodingName(d.Encoding); enc != "" {
		objs = append(objs, field(lang.L("Chuyển mã từ"), enc))
	}
	u.details.set(&d, objs)
}

// clauseDetails describes the selected clause.
func (v *documentView) clauseDetails(c store.Clause) []fyne.CanvasObject {
	addr := widget.NewLabelWithStyle(c.Address, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	addr.Wrapping = fyne.TextWrapBreak
	copyAddr := widget.NewButtonWithIcon(lang.L("Sao chép địa chỉ"), theme.ContentCopyIcon(), func() {
		fyne.CurrentApp().Clipboard().SetContent(c.Address)
	})
	copyText := widget.NewButtonWithIcon(lang.L("Sao chép nội dung"), theme.ContentCopyIcon(), func() {
		fyne.CurrentApp().Clipboard().SetContent(clausePlain(c))
	})
	copyText.Importance = widget.LowImportance
	objs := []fyne.CanvasObject{section(lang.L("Điều khoản")), container.New(tightVBox{}, mutedText(lang.L("Địa chỉ")), addr), copyAddr, copyText}
	if lv := levelName(c.Level); lv != "" {
		objs = append(objs, field(lang.L("Cấp"), lv))
	}
	if c.Page > 0 && v.doc.Pages > 0 {
		objs = append(objs, field(lang.L("Trang"), strconv.Itoa(c.Page)))
	}
	objs = append(objs, v.unitSection(c)...)
	cs := v.cites[c.Address]
	if len(cs) > 0 {
		objs = append(objs, section(lang.L("Văn bản được dẫn chiếu")))
		for _, x := range cs {
			objs = append(objs, v.u.citationLink(x))
		}
	}
	return objs
}

// clausePlain is a clause as text: label, heading and text.
func clausePlain(c store.Clause) string {
	s := labelText(c)
	if c.Heading != "" {
		s += " " + c.Heading
		if c.Text != "" {
			s += "\n" + c.Text
		}
	} else if c.Text != "" {
		s += " " + c.Text
	}
	return s
}

// levelName names a clause level in the interface's language.
func levelName(l string) string {
	switch l {
	case "part":
		return lang.L("Phần")
	case "chapter":
		return lang.L("Chương")
	case "section":
		return lang.L("Mục")
	case "article":
		return lang.L("Điều")
	case "item":
		return lang.L("Khoản")
	case "point":
		return lang.L("Điểm")
	case "bullet":
		return lang.L("Gạch đầu dòng")
	case "paragraph":
		return lang.L("Đoạn")
	case "appendix":
		return lang.L("Phụ lục")
	}
	return ""
}

// section is a bold caption inside the detail panel.
func section(s string) fyne.CanvasObject {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// hint is a muted wrapped sentence.
func hint(s string) fyne.CanvasObject {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.LowImportance
	return l
}
