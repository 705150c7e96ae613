package ui

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"strings"

	"chidao/app"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The preferences chidao keeps (Fyne's, under AppID).
const (
	prefUserName    = "user.name"      // who the audit log names; "" for the system user
	prefLanguage    = "ui.language"    // LangVietnamese or LangEnglish, read at start
	prefTheme       = "ui.theme"       // themeLight, themeDark or themeSystem
	prefLibrary     = "library.dir"    // the library folder chosen in the settings
	prefWinWidth    = "window.width"   // the window's size at the last close
	prefWinHeight   = "window.height"  //
	prefScreen      = "window.screen"  // the rail entry shown last (navLibrary …)
	prefWelcomeDone = "welcome.hidden" // the welcome is not shown at start
)

// The theme choices.
const (
	themeLight  = "light"
	themeDark   = "dark"
	themeSystem = "system"
)

// The window's default and smallest sizes.
var (
	defaultWindowSize = fyne.NewSize(1280, 800)
	minWindowSize     = fyne.NewSize(800, 560)
)

// prefsOf is a's preferences, nil without an app.
func prefsOf(a fyne.App) fyne.Preferences {
	if a == nil {
		return nil
	}
	return a.Preferences()
}

// currentPrefs is the running app's preferences, nil when none runs.
func currentPrefs() fyne.Preferences { return prefsOf(fyne.CurrentApp()) }

// languagePref is the interface language the preferences choose.
func languagePref(p fyne.Preferences) string {
	if p != nil && p.String(prefLanguage) == LangEnglish {
		return LangEnglish
	}
	return LangVietnamese
}

// userName is the user name of the settings, "" for the system user.
func userName(p fyne.Preferences) string {
	if p == nil {
		return ""
	}
	return strings.TrimSpace(p.String(prefUserName))
}

// themePref is the theme choice of the preferences.
func themePref(p fyne.Preferences) string {
	if p != nil {
		if t := p.String(prefTheme); t == themeLight || t == themeDark {
			return t
		}
	}
	return themeSystem
}

// variantTheme is Fyne's theme in one variant whatever the system's.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

// Color gives the colour of the forced variant.
func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.variant)
}

// themeFor is the theme of a choice: light or dark forced, or the system's.
func themeFor(name string) fyne.Theme {
	switch name {
	case themeLight:
		return variantTheme{theme.DefaultTheme(), theme.VariantLight}
	case themeDark:
		return variantTheme{theme.DefaultTheme(), theme.VariantDark}
	}
	return theme.DefaultTheme()
}

// applyTheme shows the app in the theme of a choice, at once.
func applyTheme(a fyne.App, name string) {
	a.Settings().SetTheme(themeFor(name))
}

// restoreWindowSize gives w the size it had when last closed (at least the
// smallest usable size), or the default size.
func restoreWindowSize(w fyne.Window, p fyne.Preferences) {
	w.Resize(savedWindowSize(p))
}

// savedWindowSize is the window size the preferences remember.
func savedWindowSize(p fyne.Preferences) fyne.Size {
	if p == nil {
		return defaultWindowSize
	}
	wd, ht := p.Float(prefWinWidth), p.Float(prefWinHeight)
	if wd <= 0 || ht <= 0 {
		return defaultWindowSize
	}
	return fyne.NewSize(max(float32(wd), minWindowSize.Width), max(float32(ht), minWindowSize.Height))
}

// saveWindowSize remembers w's size.
func saveWindowSize(w fyne.Window, p fyne.Preferences) {
	s := w.Canvas().Size()
	if p == nil || s.Width < 1 || s.Height < 1 {
		return
	}
	p.SetFloat(prefWinWidth, float64(s.Width))
	p.SetFloat(prefWinHeight, float64(s.Height))
}

// lastScreen is the rail entry the preferences remember, the library list
// when none or an unknown one.
func lastScreen(p fyne.Preferences) string {
	if p == nil {
		return navLibrary
	}
	switch k := p.String(prefScreen); k {
	case navLibrary, navSearch, navUnits, navTasks, navReports:
		return k
	}
	return navLibrary
}

// settingsDialog is «Cài đặt»: the user name, the interface language and
// theme, the library folder and the report office.
type settingsDialog struct {
	u        *mainUI
	d        *dialog.CustomDialog
	user     *widget.Entry
	language *widget.RadioGroup
	langNote *fyne.Container // "from the next start" and «Khởi động lại»
	restart  *widget.Button
	theme    *widget.RadioGroup
	library  *widget.Label
	openBt   *widget.Button
	moveBt   *widget.Button
	officeBt *widget.Button
	replaced bool // the window's library is being replaced: closing applies nothing
}

// The language choices: each language's own name, in every interface.
var languageNames = map[string]string{LangVietnamese: "Tiếng Việt", LangEnglish: "English"}

// The theme choices as the settings name them, in themeChoices' order.
var themeChoices = []string{themeLight, themeDark, themeSystem}

// i18n: the names of the theme choices.
var themeNames = map[string]string{themeLight: "Sáng", themeDark: "Tối", themeSystem: "Theo hệ thống"}

// showSettings opens «Cài đặt».
func (u *mainUI) showSettings() *settingsDialog {
	p := currentPrefs()
	s := &settingsDialog{u: u}

	s.user = widget.NewEntry()
	s.user.SetPlaceHolder(lang.L("để trống: tên người dùng của máy"))
	s.user.SetText(userName(p))
	s.user.OnChanged = func(v string) {
		if p != nil {
			p.SetString(prefUserName, strings.TrimSpace(v))
		}
	}

	s.language = widget.NewRadioGroup([]string{languageNames[LangVietnamese], languageNames[LangEnglish]}, nil)
	s.language.Horizontal = true
	s.language.Required = true
	s.language.SetSelected(languageNames[languagePref(p)])
	s.restart = widget.NewButtonWithIcon(lang.L("Khởi động lại"), theme.ViewRefreshIcon(), s.restartNow)
	if u.sess == nil {
		s.restart.Hide()
	}
	note := widget.NewLabel(lang.L("Ngôn ngữ mới được dùng từ lần khởi động sau."))
	note.Importance = widget.WarningImportance
	s.langNote = container.NewHBox(note, s.restart)
	s.language.OnChanged = func(v string) {
		code := LangVietnamese
		if v == languageNames[LangEnglish] {
			code = LangEnglish
		}
		if p != nil {
			p.SetString(prefLanguage, code)
		}
		s.langNote.Hidden = code == langUsed
		s.langNote.Refresh()
	}
	s.langNote.Hidden = languagePref(p) == langUsed

	var names []string
	for _, t := range themeChoices {
		names = append(names, lang.L(themeNames[t]))
	}
	s.theme = widget.NewRadioGroup(names, nil)
	s.theme.Horizontal = true
	s.theme.Required = true
	s.theme.SetSelected(lang.L(themeNames[themePref(p)]))
	s.theme.OnChanged = func(v string) {
		for _, t := range themeChoices {
			if lang.L(themeNames[t]) == v {
				s.setTheme(t)
			}
		}
	}

	s.library = widget.NewLabel(u.l.Dir)
	s.library.Wrapping = fyne.TextWrapBreak
	s.library.TextStyle.Monospace = true
	s.openBt = widget.NewButtonWithIcon(lang.L("Mở thư viện khác…"), theme.FolderOpenIcon(), u.openOtherLibrary)
	s.moveBt = widget.NewButtonWithIcon(lang.L("Chuyển thư viện sang thư mục khác…"), theme.MailForwardIcon(), u.moveLibraryDialog)
	if u.sess == nil {
		s.openBt.Disable()
		s.moveBt.Disable()
	}
	libBox := container.NewVBox(s.library, container.NewHBox(s.openBt, s.moveBt))
	if u.sess != nil && u.sess.source != "" {
		n := widget.NewLabel(fmt.Sprintf(lang.L("Thư viện này do %s chỉ định: lần khởi động sau vẫn mở thư viện đó, dù chọn thư viện khác ở đây."), u.sess.source))
		n.Wrapping = fyne.TextWrapWord
		n.Importance = widget.LowImportance
		libBox.Add(n)
	}

	s.officeBt = widget.NewButtonWithIcon(lang.L("Cơ quan ban hành báo cáo…"), theme.SettingsIcon(), func() {
		u.reports.offDlg = u.reports.officeDialog()
	})

	userItem := widget.NewFormItem(lang.L("Tên người dùng"), s.user)
	userItem.HintText = lang.L("Ghi vào nhật ký thay đổi của nhiệm vụ và ghi chú.")
	form := widget.NewForm(
		userItem,
		widget.NewFormItem(lang.L("Ngôn ngữ"), container.NewVBox(s.language, s.langNote)),
		widget.NewFormItem(lang.L("Giao diện"), s.theme),
		widget.NewFormItem(lang.L("Thư viện"), libBox),
		widget.NewFormItem(lang.L("Báo cáo"), container.NewHBox(s.officeBt)),
	)
	s.d = dialog.NewCustom(lang.L("Cài đặt"), lang.L("Đóng"), container.NewPadded(form), u.w)
	s.d.SetOnClosed(s.closed)
	s.d.Resize(fyne.NewSize(min(720, max(u.w.Canvas().Size().Width*0.8, 560)), 0))
	s.d.Show()
	u.settings = s
	return s
}

// setTheme keeps and applies a theme choice.
func (s *settingsDialog) setTheme(name string) {
	if p := currentPrefs(); p != nil {
		p.SetString(prefTheme, name)
	}
	if a := fyne.CurrentApp(); a != nil {
		applyTheme(a, name)
	}
}

// restartNow is «Khởi động lại»: chidao starts again in the new language.
func (s *settingsDialog) restartNow() {
	if s.u.sess == nil {
		return
	}
	if err := s.u.sess.restartApp(); err != nil {
		dialogInfo(s.u.w, lang.L("Đang bận"), lang.L("Đang có việc chưa xong (xem dòng trạng thái ở cuối cửa sổ): hãy chờ xong hoặc bấm «Hủy» rồi thử lại."))
	}
}

// closed applies a new user name: the library is opened again under it, so
// that the audit log names the user from now on.
func (s *settingsDialog) closed() {
	u := s.u
	if s.replaced || u.sess == nil || u.sess.u != u || userName(currentPrefs()) == u.sess.user {
		return
	}
	if err := u.sess.reopen(u.l.Dir); err != nil {
		dialogInfo(u.w, lang.L("Tên người dùng"), lang.L("Tên người dùng mới được ghi vào nhật ký từ lần mở thư viện sau (đang có việc chưa xong)."))
	}
}

// openOtherLibrary is «Mở thư viện khác…»: a folder is chosen and its
// library (a new one when it has none) replaces the window's.
func (u *mainUI) openOtherLibrary() {
	if u.sess == nil {
		return
	}
	d := dialog.NewFolderOpen(func(lu fyne.ListableURI, err error) {
		if err != nil || lu == nil {
			return
		}
		dir := filepath.Clean(lu.Path())
		if isLibrary(dir) {
			u.switchLibrary(dir)
			return
		}
		dialog.ShowConfirm(lang.L("Tạo thư viện mới?"),
			fmt.Sprintf(lang.L("Thư mục «%s» chưa có thư viện chidao. Tạo thư viện mới trong thư mục này?"), dir),
			func(ok bool) {
				if ok {
					u.switchLibrary(dir)
				}
			}, u.w)
	}, u.w)
	d.SetConfirmText(lang.L("Mở thư viện này"))
	d.SetTitleText(lang.L("Chọn thư mục thư viện"))
	d.SetDismissText(lang.L("Hủy"))
	d.Resize(dialogSize(u.w))
	d.Show()
}

// closeSettings closes the settings dialog before the window's library is
// replaced (which applies a new user name anyway).
func (u *mainUI) closeSettings() {
	if d := u.settings; d != nil {
		d.replaced = true
		d.d.Hide()
	}
}

// switchLibrary shows the library in dir in the window and remembers it.
func (u *mainUI) switchLibrary(dir string) {
	s := u.sess
	if s.l.Dir == dir {
		return
	}
	if s.u.busy {
		dialogInfo(u.w, lang.L("Đang bận"), lang.L("Đang có việc chưa xong (xem dòng trạng thái ở cuối cửa sổ): hãy chờ xong hoặc bấm «Hủy» rồi thử lại."))
		return
	}
	u.closeSettings()
	if err := s.reopen(dir); err != nil {
		if errors.Is(err, errBusyWindow) {
			dialogInfo(u.w, lang.L("Đang bận"), lang.L("Đang có việc chưa xong (xem dòng trạng thái ở cuối cửa sổ): hãy chờ xong hoặc bấm «Hủy» rồi thử lại."))
			return
		}
		dialogInfo(s.w, lang.L("Không mở được thư viện"), openReason(dir, err))
		return
	}
	if p := prefsOf(s.a); p != nil {
		p.SetString(prefLibrary, dir)
	}
}

// moveTarget is the folder a library moved to a chosen folder becomes: the
// folder itself when empty, else a new "chidao" folder inside it.
func moveTarget(chosen string) string {
	ents, err := os.ReadDir(chosen)
	if err == nil && len(ents) == 0 {
		return chosen
	}
	return filepath.Join(chosen, "chidao")
}

// moveLibraryDialog is «Chuyển thư viện sang thư mục khác…»: a folder is
// chosen, the move confirmed, then done with its progress shown.
func (u *mainUI) moveLibraryDialog() {
	if u.sess == nil {
		return
	}
	if u.busy {
		dialogInfo(u.w, lang.L("Đang bận"), lang.L("Đang có việc chưa xong (xem dòng trạng thái ở cuối cửa sổ): hãy chờ xong hoặc bấm «Hủy» rồi thử lại."))
		return
	}
	d := dialog.NewFolderOpen(func(lu fyne.ListableURI, err error) {
		if err != nil || lu == nil {
			return
		}
		src, dst := u.l.Dir, moveTarget(filepath.Clean(lu.Path()))
		msg := widget.NewLabel(fmt.Sprintf(lang.L("Chuyển thư viện\n  từ «%s»\n  sang «%s»?\n\nTrong lúc chuyển, thư viện tạm đóng. Mỗi tệp được kiểm tra lại sau khi chép; chỉ khi mọi thứ đều đúng, chidao mới dùng thư viện ở thư mục mới. Thư viện cũ vẫn để nguyên ở «%s»: sau khi xem thư viện mới đủ văn bản và nhiệm vụ, bạn tự xóa thư mục cũ."), src, dst, src))
		msg.Wrapping = fyne.TextWrapWord
		c := dialog.NewCustomConfirm(lang.L("Chuyển thư viện"), lang.L("Chuyển"), lang.L("Hủy"), msg, func(ok bool) {
			if ok {
				u.moveLibrary(dst)
			}
		}, u.w)
		c.Resize(fyne.NewSize(560, 0))
		c.Show()
	}, u.w)
	d.SetConfirmText(lang.L("Chuyển vào thư mục này"))
	d.SetTitleText(lang.L("Chọn thư mục mới cho thư viện (một thư mục trống)"))
	d.SetDismissText(lang.L("Hủy"))
	d.Resize(dialogSize(u.w))
	d.Show()
}

// moveLibrary closes the window's library, moves it to dst while the window
// shows the progress, then opens the library at dst (or again at its old
// place when the move failed or was cancelled). The channel closes once the
// window shows a library again.
func (u *mainUI) moveLibrary(dst string) <-chan struct{} {
	s := u.sess
	done := make(chan struct{})
	if s.moving || u.busy {
		close(done)
		return done
	}
	u.closeSettings()
	src := s.l.Dir
	s.detach()
	ctx, cancel := context.WithCancel(context.Background())
	s.moving, s.moveCancel, s.moveDone = true, cancel, make(chan struct{})
	page := newMovePage(src, dst, cancel)
	s.w.SetMainMenu(nil)
	s.w.SetContent(page.content)
	go func() {
		err := app.MoveLibrary(ctx, src, dst, func(n, total int) {
			fyne.Do(func() { page.progress(n, total) })
		})
		close(s.moveDone)
		fyne.Do(func() {
			defer close(done)
			defer cancel()
			s.moving = false
			if ctx.Err() != nil && err == nil {
				err = ctx.Err()
			}
			open := dst
			if err != nil {
				open = src
			}
			l, oerr := openLibrary(open, prefsOf(s.a))
			if oerr != nil && err == nil { // the copy is there but does not open: back to the old place
				open, err = src, oerr
				l, oerr = openLibrary(src, prefsOf(s.a))
			}
			if oerr != nil {
				s.w.SetContent(container.NewCenter(widget.NewLabel(openReason(open, oerr))))
				return
			}
			s.attach(l)
			s.u.start()
			if err != nil {
				dialogInfo(s.w, lang.L("Chưa chuyển thư viện"), moveReason(err))
				return
			}
			if p := prefsOf(s.a); p != nil {
				p.SetString(prefLibrary, dst)
			}
			text := fmt.Sprintf(lang.L("Đã chuyển thư viện sang «%s» và kiểm tra xong: từ nay chidao mở thư viện ở đó.\n\nThư viện cũ vẫn còn ở «%s». Khi đã xem thư viện mới đủ văn bản, nhiệm vụ và ghi chú, bạn có thể tự xóa thư mục cũ."), dst, src)
			if s.source != "" {
				text += "\n\n" + fmt.Sprintf(lang.L("Lưu ý: %s vẫn chỉ thư mục cũ; hãy sửa lại để lần khởi động sau mở thư viện mới."), s.source)
			}
			dialogInfo(s.w, lang.L("Đã chuyển thư viện"), text)
		})
	}()
	return done
}

// moveReason says why a move did not happen, in a sentence a clerk can act on.
func moveReason(err error) string {
	switch {
	case errors.Is(err, context.Canceled):
		return lang.L("Đã hủy việc chuyển: thư viện vẫn ở chỗ cũ, không mất gì; thư mục mới không được tạo.")
	case errors.Is(err, app.ErrMoveInside):
		return lang.L("Không chuyển được thư viện vào chính nó hay vào một thư mục bên trong nó: hãy chọn một thư mục ở chỗ khác.")
	case errors.Is(err, app.ErrMoveNotEmpty):
		return lang.L("Thư mục mới đã có tệp: hãy chọn (hoặc tạo) một thư mục trống.")
	case errors.Is(err, app.ErrMoveDamaged):
		return lang.L("Có tệp của thư viện không khớp với mã kiểm tra của nó nên chưa chuyển (thư viện vẫn ở chỗ cũ, không mất gì): hãy chạy «chidao check» để xem tệp nào.") + "\n\n" + err.Error()
	case errors.Is(err, app.ErrBusy):
		return lang.L("Thư viện đang mở trong một cửa sổ chidao khác: hãy đóng cửa sổ đó rồi thử lại.")
	}
	return lang.L("Chưa chuyển được thư viện (thư viện vẫn ở chỗ cũ, không mất gì): ") + app.Reason(err)
}

// movePage is what the window shows while its library moves.
type movePage struct {
	content fyne.CanvasObject
	label   *widget.Label
	bar     *widget.ProgressBar
	cancel  *widget.Button
}

func newMovePage(src, dst string, cancel func()) *movePage {
	m := &movePage{label: widget.NewLabel(lang.L("Đang chép cơ sở dữ liệu…")), bar: widget.NewProgressBar()}
	m.cancel = widget.NewButtonWithIcon(lang.L("Hủy"), theme.CancelIcon(), func() {
		m.cancel.Disable()
		m.label.SetText(lang.L("Đang hủy: xóa bản chép dở…"))
		cancel()
	})
	what := widget.NewLabel(fmt.Sprintf(lang.L("Từ «%s»\nsang «%s»"), src, dst))
	what.Wrapping = fyne.TextWrapWord
	m.content = container.NewCenter(container.New(fixedWidth(560), container.NewVBox(
		heading(lang.L("Đang chuyển thư viện")), what, m.bar, m.label,
		container.NewHBox(layout.NewSpacer(), m.cancel))))
	return m
}

// progress shows done of total steps.
func (m *movePage) progress(done, total int) {
	m.bar.Max = float64(max(total, 1))
	m.bar.SetValue(float64(done))
	switch {
	case done == 0:
		m.label.SetText(lang.L("Đang chép cơ sở dữ liệu…"))
	case done < total-1:
		m.label.SetText(fmt.Sprintf(lang.L("Đang chép và kiểm tra tệp %d/%d…"), done-1, total-2))
	default:
		m.label.SetText(lang.L("Đang dựng lại chỉ mục tìm kiếm và kiểm tra thư viện mới…"))
	}
}
