package ui

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"

	"chidao/assets"
	"chidao/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// shouldWelcome says whether the welcome shows at start: until the user
// closes it with «Đừng hiện lại» ticked (the default), that is on the first
// start only unless the box is cleared.
func shouldWelcome(p fyne.Preferences) bool {
	return p != nil && !p.Bool(prefWelcomeDone)
}

// welcomeDialog is the welcome: the three jobs chidao does and a first step
// with the sample plan. It shows at the first start and from Trợ giúp →
// Màn hình chào.
type welcomeDialog struct {
	u        *mainUI
	d        *dialog.CustomDialog
	content  fyne.CanvasObject
	open     *widget.Button // «Mở kế hoạch mẫu»
	propose  *widget.Button // «Đề xuất nhiệm vụ từ kế hoạch mẫu»
	importBt *widget.Button // «Nhập văn bản của tôi…»
	hide     *widget.Check  // «Đừng hiện lại»
	start    *widget.Button
	problem  *widget.Label
	work     <-chan struct{} // closes once a button's action started
}

// showWelcome shows the welcome over the window.
func (u *mainUI) showWelcome() *welcomeDialog {
	wd := &welcomeDialog{u: u}
	job := func(icon fyne.Resource, title, text string) fyne.CanvasObject {
		t := widget.NewLabel(title)
		t.TextStyle.Bold = true
		body := widget.NewLabel(text)
		body.Wrapping = fyne.TextWrapWord
		return container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(icon)), nil,
			container.New(tightVBox{}, t, body))
	}
	title := widget.NewLabel(lang.L("Chào mừng đến với chidao"))
	title.TextStyle.Bold = true
	title.SizeName = theme.SizeNameSubHeadingText
	intro := widget.NewLabel(lang.L("chidao giữ mọi văn bản chỉ đạo của cơ quan ở một chỗ và giúp văn phòng làm ba việc:"))
	intro.Wrapping = fyne.TextWrapWord

	jobs := container.NewVBox(
		job(theme.SearchIcon(), lang.L("Tìm"), lang.L("Tìm bất kỳ văn bản chỉ đạo nào trong vài giây: gõ vài từ, có dấu hay không dấu, số hiệu (74-KL/TW), cơ quan hay năm ban hành, kết quả hiện ngay khi gõ.")),
		job(theme.ListIcon(), lang.L("Giao và theo dõi"), lang.L("Xem đơn vị nào phải thực hiện từng điều, khoản; đề xuất nhiệm vụ từ kế hoạch; ghi chú tiến độ khi đơn vị báo cáo; theo dõi thời hạn — số nhiệm vụ quá hạn hiện ngay trên thanh bên trái.")),
		job(theme.DocumentPrintIcon(), lang.L("Báo cáo"), lang.L("Lập báo cáo tổng hợp kết quả thực hiện trình Ban Thường vụ, đúng thể thức (HD 36-HD/VPTW, NĐ 30/2020/NĐ-CP); in, hoặc lưu ra PDF, Word, Excel.")),
	)

	sample := widget.NewLabel(lang.L("Thư viện đã có sẵn một văn bản mẫu: Kế hoạch của Tỉnh ủy thực hiện Kết luận 74-KL/TW. Hãy bắt đầu với nó:"))
	sample.Wrapping = fyne.TextWrapWord
	wd.open = widget.NewButtonWithIcon(lang.L("Mở kế hoạch mẫu"), theme.DocumentIcon(), func() { wd.work = wd.openSample() })
	wd.propose = widget.NewButtonWithIcon(lang.L("Đề xuất nhiệm vụ từ kế hoạch mẫu"), theme.ContentAddIcon(), func() { wd.work = wd.proposeSample() })
	wd.importBt = widget.NewButtonWithIcon(lang.L("Nhập văn bản của tôi…"), theme.FileIcon(), func() {
		wd.close()
		u.importFileDialog()
	})
	wd.problem = widget.NewLabel("")
	wd.problem.Wrapping = fyne.TextWrapWord
	wd.problem.Importance = widget.WarningImportance
	wd.problem.Hide()

	wd.hide = widget.NewCheck(lang.L("Đừng hiện lại"), nil)
	wd.hide.SetChecked(true)
	again := widget.NewLabel(lang.L("Xem lại màn hình này: Trợ giúp → Màn hình chào."))
	again.Importance = widget.LowImportance
	wd.start = widget.NewButton(lang.L("Bắt đầu"), wd.close)
	wd.start.Importance = widget.HighImportance

	body := container.NewVBox(title, intro, jobs, widget.NewSeparator(), sample,
		container.NewGridWithColumns(3, wd.open, wd.propose, wd.importBt), wd.problem)
	bottom := container.NewVBox(widget.NewSeparator(),
		container.NewHBox(wd.hide, again, layout.NewSpacer(), wd.start))
	wd.content = container.NewBorder(nil, bottom, nil, nil, container.NewVScroll(body))
	// A library that already held the office's documents is not given the
	// sample: then the welcome does not offer it.
	started := u.started
	go func() {
		if started != nil {
			<-started
		}
		if _, ok := findSample(u); ok {
			return
		}
		fyne.Do(func() {
			sample.SetText(lang.L("Thư viện này đã có văn bản của cơ quan, nên không thêm kế hoạch mẫu. Hãy bắt đầu từ danh sách văn bản, hoặc nhập thêm:"))
			wd.open.Hide()
			wd.propose.Hide()
		})
	}()
	wd.d = dialog.NewCustomWithoutButtons("chidao", container.NewPadded(wd.content), u.w)
	size := u.w.Canvas().Size()
	wd.d.Resize(fyne.NewSize(min(860, max(size.Width*0.85, 600)), min(620, max(size.Height*0.9, 480))))
	wd.d.Show()
	u.welcome = wd
	return wd
}

// close hides the welcome and keeps «Đừng hiện lại».
func (wd *welcomeDialog) close() {
	if p := currentPrefs(); p != nil {
		p.SetBool(prefWelcomeDone, wd.hide.Checked)
	}
	wd.d.Hide()
}

// openSample opens the sample plan in the Văn bản screen.
func (wd *welcomeDialog) openSample() <-chan struct{} {
	return wd.withSample(func(d store.Document) {
		u := wd.u
		u.show(navLibrary)
		u.openDocument(d)
	})
}

// proposeSample opens the proposals of the sample plan, on the Nhiệm vụ
// screen.
func (wd *welcomeDialog) proposeSample() <-chan struct{} {
	return wd.withSample(func(d store.Document) {
		u := wd.u
		u.show(navTasks)
		u.tasks.proposeDialog(d.ID)
	})
}

// withSample finds the sample plan in the library, off the UI thread, then
// closes the welcome and runs then with it; when the library does not hold
// it (the sample is still being prepared, or was deleted) the welcome says
// so and stays.
func (wd *welcomeDialog) withSample(then func(store.Document)) <-chan struct{} {
	u := wd.u
	done := make(chan struct{})
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		d, ok := findSample(u)
		fyne.Do(func() {
			defer close(done)
			if !ok {
				wd.problem.SetText(lang.L("Kế hoạch mẫu chưa có trong thư viện (đang được chuẩn bị, hoặc đã bị xóa): chờ dòng trạng thái ở cuối cửa sổ xong rồi bấm lại."))
				wd.problem.Show()
				return
			}
			wd.close()
			then(d)
		})
	}()
	return done
}

// sampleHashes are the SHA-256 of the sample documents, as the library
// names their originals.
func sampleHashes() map[string]bool {
	out := map[string]bool{}
	names, _ := fs.Glob(assets.Sample, "sample/*")
	for _, n := range names {
		b, err := assets.Sample.ReadFile(n)
		if err != nil {
			continue
		}
		h := sha256.Sum256(b)
		out[hex.EncodeToString(h[:])] = true
	}
	return out
}

// findSample is the sample plan in u's library.
func findSample(u *mainUI) (store.Document, bool) {
	ds, err := u.l.Documents(u.ctx)
	if err != nil {
		return store.Document{}, false
	}
	hs := sampleHashes()
	for _, d := range ds {
		if hs[d.SHA256] {
			return d, true
		}
	}
	return store.Document{}, false
}
