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
	"runtime"

	"chidao/app"
	"chidao/assets"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// AppID is the application identifier Fyne keeps preferences under.
const AppID = "vn.chidao.desk"

// Run opens the library in libraryDir ("" for app.DefaultDir) and shows the
// main window until it is closed. It returns the process exit status: 0 after
// a normal close, non-zero when the library could not be opened.
func Run(libraryDir string) int {
	if runtime.GOOS == "linux" && os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		fmt.Fprintln(os.Stderr, "chidao: không có màn hình (DISPLAY chưa đặt) nên không mở được cửa sổ: hãy chạy trong phiên đồ họa, hoặc dùng các lệnh dòng lệnh (chidao help).")
		return 1
	}
	useVietnamese()
	a := fyneapp.NewWithID(AppID)
	a.SetIcon(fyne.NewStaticResource("chidao.png", assets.Icon))

	dir := libraryDir
	var err error
	if dir == "" {
		dir, err = app.DefaultDir()
	}
	var l *app.Library
	if err == nil {
		l, err = app.Open(context.Background(), dir, app.Options{})
	}
	if err != nil {
		showOpenError(a, openReason(dir, err))
		return 1
	}
	defer l.Close()

	w := a.NewWindow("chidao — " + dir)
	w.SetMaster()
	u := newMainUI(w, l)
	w.SetContent(u.content)
	w.SetMainMenu(u.menu())
	w.Resize(fyne.NewSize(1280, 800))
	u.start()
	w.ShowAndRun()
	u.shutdown()
	return 0
}

// openReason says why the library in dir could not be opened: app.Reason's
// sentence, naming the library unless another chidao holds it.
func openReason(dir string, err error) string {
	if errors.Is(err, app.ErrBusy) {
		return app.Reason(err)
	}
	if dir == "" {
		return "Không tìm được thư mục để giữ thư viện: " + app.Reason(err)
	}
	return "Không mở được thư viện ở «" + dir + "»: " + app.Reason(err)
}

// showOpenError shows why the library could not be opened in a small window
// with one "Đóng" button, and returns when it is closed.
func showOpenError(a fyne.App, reason string) {
	w := a.NewWindow("chidao — không mở được thư viện")
	w.SetContent(openErrorContent(reason, a.Quit))
	w.SetFixedSize(true)
	w.CenterOnScreen()
	w.ShowAndRun()
}

// openErrorContent is the body of the error window: the reason, in Vietnamese,
// and a "Đóng" button calling onClose.
func openErrorContent(reason string, onClose func()) fyne.CanvasObject {
	msg := widget.NewLabel(reason)
	msg.Wrapping = fyne.TextWrapWord
	text := container.New(fixedWidth(420), msg)
	icon := widget.NewIcon(theme.ErrorIcon())
	closeBtn := widget.NewButton("Đóng", onClose)
	closeBtn.Importance = widget.HighImportance
	return container.NewPadded(container.NewBorder(nil,
		container.NewHBox(layout.NewSpacer(), closeBtn), container.NewVBox(icon), nil, text))
}
