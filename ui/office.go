package ui

import (
	"fmt"
	"strings"

	"chidao/report"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/unicode/norm"
)

// The two presentation rules, as the Thể thức choice names them; translated
// where shown.
//
// i18n: keys in en-tasks.json
const (
	officePartyText = "Đảng — HD 36-HD/VPTW"
	officeStateText = "Nhà nước — NĐ 30/2020/NĐ-CP"
)

// What each rule usually writes above the signature, offered in the
// Quyền hạn ký and Chức vụ fields (the clerk may type another). They are
// printed in the report, which is in Vietnamese: not translated.
var (
	partyAuthorities = []string{"T/M BAN THƯỜNG VỤ", "T/M TỈNH ỦY", "T/M ĐẢNG ĐOÀN", "T/M BAN CÁN SỰ ĐẢNG", "K/T TRƯỞNG BAN", "K/T BÍ THƯ", "T/L BAN THƯỜNG VỤ", "T/UQ BAN THƯỜNG VỤ"}
	stateAuthorities = []string{"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "KT. GIÁM ĐỐC", "TL. CHỦ TỊCH", "TUQ. CHỦ TỊCH", "Q. GIÁM ĐỐC"}
	partyTitles      = []string{"BÍ THƯ", "PHÓ BÍ THƯ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"}
	stateTitles      = []string{"CHỦ TỊCH", "PHÓ CHỦ TỊCH", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"}
)

// officeDialog is «Cơ quan ban hành báo cáo…»: the body a library's reports
// are issued in the name of, their presentation rule and signature block.
type officeDialog struct {
	s          *reportsScreen
	d          dialog.Dialog
	format     *widget.RadioGroup
	parent     *widget.Entry
	name       *widget.Entry
	code       *widget.Entry
	place      *widget.Entry
	authority  *widget.SelectEntry
	title      *widget.SelectEntry
	signer     *widget.Entry
	recipients *widget.Entry
	sample     *widget.Label // the number and date lines as they print
	problem    *widget.Label
	saveBt     *widget.Button
	loaded     chan struct{} // closes once the office shows
	saved      chan struct{} // closes once a save finished
}

// officeDialog opens the office settings, filled from the library.
func (s *reportsScreen) officeDialog() *officeDialog {
	u := s.u
	o := &officeDialog{s: s, loaded: make(chan struct{}), saved: make(chan struct{})}
	o.format = widget.NewRadioGroup([]string{lang.L(officePartyText), lang.L(officeStateText)}, func(string) { o.formatChanged() })
	o.format.Horizontal = true
	o.format.Required = true
	entry := func(placeholder string) *widget.Entry {
		e := widget.NewEntry()
		e.SetPlaceHolder(placeholder)
		e.OnChanged = func(string) { o.changed() }
		return e
	}
	o.parent = entry("")
	o.name = entry("")
	o.code = entry("")
	o.place = entry(lang.L("ví dụ: Kiên Giang"))
	o.authority = widget.NewSelectEntry(nil)
	o.authority.OnChanged = func(string) { o.changed() }
	o.title = widget.NewSelectEntry(nil)
	o.title.OnChanged = func(string) { o.changed() }
	o.signer = entry(lang.L("ví dụ: Nguyễn Văn A"))
	o.recipients = widget.NewMultiLineEntry()
	// Recipients as they print in the report: in Vietnamese whatever the
	// interface language.
	o.recipients.SetPlaceHolder("Thường trực Tỉnh ủy (b/c)\nCác đồng chí Ủy viên Ban Thường vụ Tỉnh ủy\nLưu Văn phòng")
	o.recipients.SetMinRowsVisible(4)
	o.recipients.Wrapping = fyne.TextWrapOff
	o.sample = widget.NewLabel("")
	o.sample.Importance = widget.LowImportance
	o.sample.Wrapping = fyne.TextWrapWord
	o.problem = widget.NewLabel("")
	o.problem.Importance = widget.DangerImportance
	o.problem.Wrapping = fyne.TextWrapWord
	o.problem.Hide()

	form := widget.NewForm(
		widget.NewFormItem(lang.L("Thể thức"), o.format),
		&widget.FormItem{Text: lang.L("Cơ quan cấp trên"), Widget: o.parent, HintText: lang.L("Dòng trên tên cơ quan; để trống nếu không có")},
		widget.NewFormItem(lang.L("Tên cơ quan"), o.name),
		&widget.FormItem{Text: lang.L("Ký hiệu"), Widget: o.code, HintText: lang.L("Viết tắt tên cơ quan trong số báo cáo")},
		widget.NewFormItem(lang.L("Địa danh"), o.place),
		&widget.FormItem{Text: lang.L("Quyền hạn ký"), Widget: o.authority, HintText: lang.L("Để trống khi người đứng đầu ký trực tiếp")},
		widget.NewFormItem(lang.L("Chức vụ"), o.title),
		&widget.FormItem{Text: lang.L("Người ký"), Widget: o.signer, HintText: lang.L("Để trống để ghi tay khi ký")},
		&widget.FormItem{Text: lang.L("Nơi nhận"), Widget: o.recipients, HintText: lang.L("Mỗi dòng một nơi nhận; «Lưu VT» được thêm khi thiếu")},
	)
	o.saveBt = widget.NewButtonWithIcon(lang.L("Lưu"), theme.DocumentSaveIcon(), func() { o.save() })
	o.saveBt.Importance = widget.HighImportance
	o.saveBt.Disable()
	cancel := widget.NewButtonWithIcon(lang.L("Hủy"), theme.CancelIcon(), func() { o.d.Hide() })
	intro := widget.NewLabel(lang.L("Báo cáo được trình bày theo thể thức của cơ quan ban hành: phần đầu (tên cơ quan, quốc hiệu), số, địa danh và ngày, khối chữ ký và nơi nhận."))
	intro.Wrapping = fyne.TextWrapWord
	body := container.NewBorder(intro,
		container.NewVBox(o.sample, o.problem, container.NewHBox(layout.NewSpacer(), cancel, o.saveBt)), nil, nil,
		container.NewVScroll(form))
	o.d = dialog.NewCustomWithoutButtons(lang.L("Cơ quan ban hành báo cáo"), body, u.w)
	c := u.w.Canvas().Size()
	o.d.Resize(fyne.NewSize(min(720, max(480, c.Width*0.9)), min(740, max(420, c.Height*0.94))))
	o.d.Show()

	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		off, err := u.l.ReportOffice(u.ctx)
		fyne.Do(func() {
			defer close(o.loaded)
			if err != nil {
				o.d.Hide()
				dialogInfo(u.w, lang.L("Không đọc được thư viện"), reportReason(err))
				return
			}
			o.fill(off)
			o.saveBt.Enable()
		})
	}()
	return o
}

// fill shows an office in the fields.
func (o *officeDialog) fill(off report.Office) {
	if off.Format == report.State {
		o.format.SetSelected(lang.L(officeStateText))
	} else {
		o.format.SetSelected(lang.L(officePartyText))
	}
	o.parent.SetText(off.Parent)
	o.name.SetText(off.Name)
	o.code.SetText(off.Code)
	o.place.SetText(off.Place)
	o.authority.SetText(off.Authority)
	o.title.SetText(off.Title)
	o.signer.SetText(off.Signer)
	o.recipients.SetText(strings.Join(off.Recipients, "\n"))
	o.changed()
}

// formatChanged offers the signature words and examples of the rule chosen.
func (o *officeDialog) formatChanged() {
	if o.format.Selected == lang.L(officeStateText) {
		o.authority.SetOptions(stateAuthorities)
		o.title.SetOptions(stateTitles)
		o.parent.SetPlaceHolder(lang.L("ví dụ: UBND TỈNH KIÊN GIANG"))
		o.name.SetPlaceHolder(lang.L("ví dụ: SỞ NỘI VỤ"))
		o.code.SetPlaceHolder(lang.L("ví dụ: SNV"))
		o.authority.SetPlaceHolder(lang.L("ví dụ: KT. GIÁM ĐỐC"))
		o.title.SetPlaceHolder(lang.L("ví dụ: PHÓ GIÁM ĐỐC"))
	} else {
		o.authority.SetOptions(partyAuthorities)
		o.title.SetOptions(partyTitles)
		o.parent.SetPlaceHolder(lang.L("ví dụ: TỈNH ỦY KIÊN GIANG"))
		o.name.SetPlaceHolder(lang.L("ví dụ: BAN TỔ CHỨC"))
		o.code.SetPlaceHolder(lang.L("ví dụ: BTCTU"))
		o.authority.SetPlaceHolder(lang.L("ví dụ: T/M BAN THƯỜNG VỤ"))
		o.title.SetPlaceHolder(lang.L("ví dụ: PHÓ BÍ THƯ THƯỜNG TRỰC"))
	}
	o.changed()
}

// office is the office the fields describe, in NFC.
func (o *officeDialog) office() report.Office {
	t := func(s string) string { return strings.TrimSpace(norm.NFC.String(s)) }
	off := report.Office{Format: report.Party, Parent: t(o.parent.Text), Name: t(o.name.Text), Code: t(o.code.Text),
		Place: t(o.place.Text), Authority: t(o.authority.Text), Title: t(o.title.Text), Signer: t(o.signer.Text)}
	if o.format.Selected == lang.L(officeStateText) {
		off.Format = report.State
	}
	for _, line := range strings.Split(o.recipients.Text, "\n") {
		line = strings.TrimSpace(strings.TrimLeft(t(line), "-–+•"))
		line = strings.TrimSpace(strings.TrimRight(line, ";,"))
		if line != "" {
			off.Recipients = append(off.Recipients, line)
		}
	}
	return off
}

// changed shows how the number and date lines will print.
func (o *officeDialog) changed() {
	if o.sample == nil {
		return
	}
	r := report.Report{Office: o.office(), Year: o.s.u.l.Today().Year()}
	o.sample.SetText(fmt.Sprintf(lang.L("Sẽ in: «%s»   «%s»"), r.NumberLine(), r.DateLine()))
	o.problem.Hide()
}

// save keeps the office in the library; the report previewed is built again
// with it (a saved report keeps the office it was made with). The dialog's
// saved channel closes once that is done.
func (o *officeDialog) save() {
	s, u := o.s, o.s.u
	off := o.office()
	if off.Name == "" {
		o.problem.SetText(lang.L("Hãy điền tên cơ quan ban hành (ví dụ BAN TỔ CHỨC, SỞ NỘI VỤ)."))
		o.problem.Show()
		return
	}
	o.saveBt.Disable()
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		err := u.l.SetReportOffice(u.ctx, off)
		fyne.Do(func() {
			defer close(o.saved)
			if err != nil {
				o.saveBt.Enable()
				o.problem.SetText(fmt.Sprintf(lang.L("Không lưu được: %s"), reportReason(err)))
				o.problem.Show()
				return
			}
			o.d.Hide()
			s.office = off
			s.showDetails()
			switch p := s.preview; {
			case p.data != nil && !p.reprint():
				rebuilt := s.rebuild()
				s.work = rebuilt
				u.jobs.Add(1)
				go func() {
					defer u.jobs.Done()
					<-rebuilt
					fyne.Do(func() {
						s.notice(lang.L("Đã lưu cơ quan ban hành báo cáo; bản xem trước đã được lập lại theo thông tin mới."))
					})
				}()
			case p.reprint():
				s.notice(lang.L("Đã lưu cơ quan ban hành báo cáo. Bản đã lưu đang xem giữ nguyên như khi lập; các báo cáo lập mới dùng thông tin vừa lưu."))
			default:
				s.notice(lang.L("Đã lưu cơ quan ban hành báo cáo."))
			}
		})
	}()
}
