// Package ui is the chidao desktop window, built with Fyne: a navigation rail
// (Văn bản, Tìm kiếm, Đơn vị, Nhiệm vụ, Báo cáo), a search field on top, the
// current screen in the centre, a detail panel on the right and a status line
// for long work at the bottom. It is a thin face of package app: every screen
// asks the library service for its data and never touches storage directly.
package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"time"

	"chidao/app"
	"chidao/assets"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// AppID is the application identifier Fyne keeps preferences under.
const AppID = "vn.chidao.desk"

// Run opens the library in libraryDir (when "", CHIDAO_LIBRARY, else the
// folder chosen in the settings, else app.DefaultDir) and shows the main
// window until it is closed. It returns the process exit status: 0 after a
// normal close, non-zero when the library could not be opened.
func Run(libraryDir string) int {
	if runtime.GOOS == "linux" && os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		fmt.Fprintln(os.Stderr, "chidao: không có màn hình (DISPLAY chưa đặt) nên không mở được cửa sổ: hãy chạy trong phiên đồ họa, hoặc dùng các lệnh dòng lệnh (chidao help).")
		return 1
	}
	a := fyneapp.NewWithID(AppID)
	p := a.Preferences()
	// The language first: every string of the window goes through lang.L.
	setLanguage(languagePref(p))
	if name := p.String(prefTheme); name == themeLight || name == themeDark {
		applyTheme(a, name)
	}
	a.SetIcon(fyne.NewStaticResource("chidao.png", assets.Icon))

	choice, err := chooseLibrary(libraryDir, os.Getenv("CHIDAO_LIBRARY"), p)
	var l *app.Library
	if err == nil {
		l, err = openLibrary(choice.dir, p)
	}
	if err != nil {
		showOpenError(a, openReason(choice.dir, err))
		return 1
	}

	w := a.NewWindow("chidao")
	w.SetMaster()
	s := &session{a: a, w: w, source: choice.source}
	s.attach(l)
	restoreWindowSize(w, p)
	w.SetCloseIntercept(func() {
		s.saveWindow()
		w.Close()
	})
	a.Lifecycle().SetOnStopped(s.saveWindow)
	a.Lifecycle().SetOnStarted(func() {
		probeStartup(a, s.u)
		if choice.missing != "" {
			dialogInfo(w, lang.L("Không tìm thấy thư viện đã chọn"), fmt.Sprintf(lang.L("Thư mục thư viện «%s» đã chọn trong Cài đặt không còn (có thể ổ đĩa chưa cắm): đã mở thư viện mặc định. Cắm lại ổ đĩa rồi chọn lại trong Cài đặt → «Mở thư viện khác…»."), choice.missing))
		}
		if shouldWelcome(p) {
			s.u.showWelcome()
		}
	})
	s.u.start()
	w.ShowAndRun()
	s.close()
	if s.restart {
		return relaunch()
	}
	return 0
}

// libraryChoice is the library folder a start opens and what chose it.
type libraryChoice struct {
	dir     string
	source  string // "--library", "CHIDAO_LIBRARY" or "" (the settings, the default)
	missing string // the folder of the settings, when it has no library any more
}

// chooseLibrary picks the library to open: --library, then CHIDAO_LIBRARY,
// then the folder chosen in the settings (when it still holds a library),
// then app.DefaultDir.
func chooseLibrary(flag, env string, p fyne.Preferences) (libraryChoice, error) {
	switch {
	case flag != "":
		return libraryChoice{dir: flag, source: "--library"}, nil
	case env != "":
		return libraryChoice{dir: env, source: "CHIDAO_LIBRARY"}, nil
	}
	var c libraryChoice
	if dir := p.String(prefLibrary); dir != "" {
		if isLibrary(dir) {
			c.dir = dir
			return c, nil
		}
		c.missing = dir
	}
	dir, err := app.DefaultDir()
	c.dir = dir
	return c, err
}

// isLibrary says whether dir holds a library (its database).
func isLibrary(dir string) bool {
	st, err := os.Stat(filepath.Join(dir, "chidao.db"))
	return err == nil && st.Mode().IsRegular()
}

// openLibrary opens the library in dir for the window, naming the user of
// the settings in its audit log.
func openLibrary(dir string, p fyne.Preferences) (*app.Library, error) {
	return app.Open(context.Background(), dir, app.Options{UserName: userName(p)})
}

// session is the main window and the library it shows, which the settings
// may replace (another library, the same one moved) while the window stays.
type session struct {
	a       fyne.App
	w       fyne.Window
	l       *app.Library
	u       *mainUI
	user    string // the user name the library was opened with
	source  string // what chose the library at start: "--library", "CHIDAO_LIBRARY" or ""
	restart bool   // start again once the window is closed (a new language)

	moving     bool
	moveCancel context.CancelFunc
	moveDone   chan struct{}
}

// attach shows library l in the window: a new main UI, its menu and title.
func (s *session) attach(l *app.Library) {
	s.l = l
	s.user = userName(prefsOf(s.a))
	s.u = newMainUI(s.w, l)
	s.u.sess = s
	s.w.SetTitle("chidao — " + l.Dir)
	s.w.SetContent(s.u.content)
	s.w.SetMainMenu(s.u.menu())
}

// detach stops the window's background work and closes its library.
func (s *session) detach() {
	s.u.detach()
	s.u.shutdown()
	if err := s.l.Close(); err != nil {
		fyne.LogError("chidao: close library", err)
	}
}

// reopen replaces the window's library with the one in dir (the same folder
// to apply a new user name). When dir cannot be opened, the library shown
// before is opened again and the error returned.
func (s *session) reopen(dir string) error {
	if s.u.busy || s.moving {
		return errBusyWindow
	}
	old := s.l.Dir
	s.detach()
	l, err := openLibrary(dir, prefsOf(s.a))
	if err != nil {
		back, err2 := openLibrary(old, prefsOf(s.a))
		if err2 != nil {
			s.w.SetContent(container.NewCenter(widget.NewLabel(openReason(old, err2))))
			return err
		}
		l = back
	}
	s.attach(l)
	s.u.start()
	return err
}

// errBusyWindow: a long job or a move is under way.
var errBusyWindow = errors.New("ui: a job is under way")

// saveWindow remembers the window's size in the preferences.
func (s *session) saveWindow() {
	saveWindowSize(s.w, prefsOf(s.a))
}

// close stops what the window still runs once it is closed: a move under
// way is cancelled (and cleans up after itself), the library closed.
func (s *session) close() {
	if s.moving && s.moveCancel != nil {
		s.moveCancel()
		select {
		case <-s.moveDone:
		case <-time.After(30 * time.Second):
		}
		return // the library was closed for the move
	}
	s.detach()
}

// restartApp quits and starts chidao again (a new interface language is read
// at start only).
func (s *session) restartApp() error {
	if s.u.busy || s.moving {
		return errBusyWindow
	}
	s.restart = true
	s.saveWindow()
	s.a.Quit()
	return nil
}

// relaunch starts this program again with the same arguments, once the
// library is closed, and returns the exit status of this process.
func relaunch() int {
	exe, err := os.Executable()
	if err != nil {
		fyne.LogError("chidao: restart", err)
		return 1
	}
	cmd := exec.Command(exe, os.Args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		fyne.LogError("chidao: restart", err)
		return 1
	}
	return 0
}

// openReason says why the library in dir could not be opened: app.Reason's
// sentence, naming the library unless another chidao holds it.
func openReason(dir string, err error) string {
	if errors.Is(err, app.ErrBusy) {
		return app.Reason(err)
	}
	if dir == "" {
		return lang.L("Không tìm được thư mục để giữ thư viện: ") + app.Reason(err)
	}
	return fmt.Sprintf(lang.L("Không mở được thư viện ở «%s»: "), dir) + app.Reason(err)
}

// showOpenError shows why the library could not be opened in a small window
// with one "Đóng" button, and returns when it is closed.
func showOpenError(a fyne.App, reason string) {
	w := a.NewWindow(lang.L("chidao — không mở được thư viện"))
	w.SetContent(openErrorContent(reason, a.Quit))
	w.SetFixedSize(true)
	w.CenterOnScreen()
	w.ShowAndRun()
}

// openErrorContent is the body of the error window: the reason and a "Đóng"
// button calling onClose.
func openErrorContent(reason string, onClose func()) fyne.CanvasObject {
	msg := widget.NewLabel(reason)
	msg.Wrapping = fyne.TextWrapWord
	text := container.New(fixedWidth(420), msg)
	icon := widget.NewIcon(theme.ErrorIcon())
	closeBtn := widget.NewButton(lang.L("Đóng"), onClose)
	closeBtn.Importance = widget.HighImportance
	return container.NewPadded(container.NewBorder(nil,
		container.NewHBox(layout.NewSpacer(), closeBtn), container.NewVBox(icon), nil, text))
}
