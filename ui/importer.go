package ui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"chidao/app"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// importExtensions are the files the "Nhập tệp…" dialog offers.
var importExtensions = []string{".pdf", ".doc", ".docx", ".txt", ".html", ".htm", ".epub"}

// maxResultRows bounds the rows of the import result panel; the rest are counted.
const maxResultRows = 500

// importFileDialog asks for one file and imports it.
func (u *mainUI) importFileDialog() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		p := r.URI().Path()
		r.Close()
		rememberFolder(filepath.Dir(p))
		u.importPaths([]string{p})
	}, u.w)
	d.SetFilter(storage.NewExtensionFileFilter(importExtensions))
	startIn(d)
	d.SetConfirmText(lang.L("Nhập"))
	d.SetTitleText(lang.L("Chọn tệp để nhập (PDF, Word, TXT, HTML, EPUB)"))
	d.SetDismissText(lang.L("Hủy"))
	d.Resize(dialogSize(u.w))
	d.Show()
}

// importFolderDialog asks for a folder and imports everything in it.
func (u *mainUI) importFolderDialog() {
	d := dialog.NewFolderOpen(func(lu fyne.ListableURI, err error) {
		if err != nil || lu == nil {
			return
		}
		rememberFolder(filepath.Dir(lu.Path()))
		u.importPaths([]string{lu.Path()})
	}, u.w)
	startIn(d)
	d.SetConfirmText(lang.L("Nhập thư mục này"))
	d.SetTitleText(lang.L("Chọn thư mục để nhập (mọi tệp bên trong, kể cả thư mục con)"))
	d.SetDismissText(lang.L("Hủy"))
	d.Resize(dialogSize(u.w))
	d.Show()
}

// lastFolderKey is the preference keeping the folder last imported from.
const lastFolderKey = "lastImportFolder"

// rememberFolder keeps dir for the next import dialog.
func rememberFolder(dir string) {
	fyne.CurrentApp().Preferences().SetString(lastFolderKey, dir)
}

// startIn opens a file dialog in the folder last imported from, if it still exists.
func startIn(d *dialog.FileDialog) {
	dir := fyne.CurrentApp().Preferences().String(lastFolderKey)
	if dir == "" {
		return
	}
	if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
		d.SetLocation(l)
	}
}

// dialogSize is a file dialog's size: most of the window.
func dialogSize(w fyne.Window) fyne.Size {
	s := w.Canvas().Size()
	return fyne.NewSize(min(900, s.Width*0.9), min(640, s.Height*0.9))
}

// dropped imports the files and folders dropped on the window.
func (u *mainUI) dropped(_ fyne.Position, uris []fyne.URI) {
	var paths []string
	for _, x := range uris {
		if x.Scheme() == "file" {
			paths = append(paths, x.Path())
		}
	}
	if len(paths) > 0 {
		u.importPaths(paths)
	}
}

// importPaths imports files and folders in the background, showing progress
// in the status line (Hủy cancels), then the result panel, then the refreshed
// library. The channel closes when all of that is shown, or at once when
// another job is under way. Call it on the UI thread.
func (u *mainUI) importPaths(paths []string) <-chan struct{} {
	done := make(chan struct{})
	ctx, ok := u.beginJob(fmt.Sprintf(lang.L("Đang nhập %d mục…"), len(paths)))
	if !ok {
		close(done)
		return done
	}
	go func() {
		defer u.jobs.Done()
		res, err := u.l.Import(ctx, paths, func(p app.Progress) {
			fyne.Do(func() { u.status.progress(p.Done, p.Total, baseName(p.Last.Path)) })
		})
		select {
		case <-u.library.reload():
		case <-u.ctx.Done():
		}
		select {
		case <-u.units.reload():
		case <-u.ctx.Done():
		}
		fyne.Do(func() {
			defer close(done)
			u.endJob()
			u.showImportResults(res, err)
		})
	}()
	return done
}

// showImportResults puts the result panel under the current screen, replacing
// an earlier one.
func (u *mainUI) showImportResults(res []app.ImportResult, err error) {
	u.bottom.Objects = []fyne.CanvasObject{newImportPanel(res, err, func() {
		u.bottom.Objects = nil
		u.bottom.Refresh()
	})}
	u.bottom.Refresh()
}

// newImportPanel lists every file of an import with its status in Vietnamese,
// the counts on top; it stays until "Đóng" (onClose) is pressed.
func newImportPanel(res []app.ImportResult, err error, onClose func()) fyne.CanvasObject {
	summary := widget.NewLabelWithStyle(importSummary(res), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	summary.Wrapping = fyne.TextWrapWord
	head := []fyne.CanvasObject{summary}
	switch {
	case errors.Is(err, context.Canceled):
		l := widget.NewLabel(lang.L("Đã hủy: các tệp chưa kịp nhập được ghi «lỗi», có thể nhập lại sau."))
		l.Importance = widget.WarningImportance
		head = append(head, l)
	case errors.Is(err, app.ErrIndexBehind):
		l := widget.NewLabel(app.Reason(err))
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.WarningImportance
		head = append(head, l)
	case err != nil:
		l := widget.NewLabel(fmt.Sprintf(lang.L("Không nhập được: %s"), app.Reason(err)))
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.DangerImportance
		head = append(head, l)
	}
	closeBtn := widget.NewButtonWithIcon(lang.L("Đóng"), theme.CancelIcon(), onClose)
	top := container.NewBorder(nil, nil, nil, container.NewVBox(closeBtn), container.NewVBox(head...))

	rows := container.NewVBox()
	for i, r := range res {
		if i == maxResultRows {
			more := widget.NewLabel(fmt.Sprintf(lang.L("… và %d tệp khác."), len(res)-maxResultRows))
			more.Importance = widget.LowImportance
			rows.Add(more)
			break
		}
		rows.Add(resultRow(r))
	}
	list := container.NewVScroll(rows)
	body := container.NewBorder(top, nil, nil, nil, container.New(&cappedHeight{inner: rows, max: 220}, list))
	return container.NewVBox(widget.NewSeparator(), container.NewPadded(body))
}

// resultRow is one file of an import: an icon, its name and its status.
func resultRow(r app.ImportResult) fyne.CanvasObject {
	icon := theme.ConfirmIcon()
	imp := widget.SuccessImportance
	switch {
	case r.Status == app.Duplicate:
		icon, imp = theme.InfoIcon(), widget.MediumImportance
	case r.Status != app.Imported:
		icon, imp = theme.ErrorIcon(), widget.DangerImportance
	case r.NeedsOCR:
		icon, imp = theme.WarningIcon(), widget.WarningImportance
	}
	name := widget.NewLabel(baseName(r.Path))
	name.Truncation = fyne.TextTruncateEllipsis
	status := widget.NewLabel(statusText(r))
	status.Importance = imp
	status.Wrapping = fyne.TextWrapWord
	return container.NewBorder(nil, nil, widget.NewIcon(icon), nil,
		container.NewGridWithColumns(2, name, status))
}

// cappedHeight gives its objects the minimum height of inner, at most max.
type cappedHeight struct {
	inner fyne.CanvasObject
	max   float32
}

func (c *cappedHeight) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (c *cappedHeight) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(0, min(c.inner.MinSize().Height, c.max))
}
