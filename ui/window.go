package ui

import (
	"context"
	"slices"
	"sync"
	"time"

	"chidao/app"
	"chidao/index"
	"chidao/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The screens of the navigation rail.
const (
	navLibrary = "library"
	navSearch  = "search"
	navUnits   = "units"
	navTasks   = "tasks"
	navReports = "reports"
)

// detailWidth is the width of the right-hand detail panel.
const detailWidth = 268

// mainUI is the main window's content and the state shared by its parts: which
// screen is shown, which document is selected and the long job under way.
// Its methods run on the UI thread unless they say otherwise.
type mainUI struct {
	w fyne.Window
	l *app.Library

	content fyne.CanvasObject
	search  *searchEntry
	nav     *navRail
	centre  *fyne.Container // the current screen
	bottom  *fyne.Container // holds the import result panel when there is one
	details *detailPanel
	status  *statusLine

	library  *libraryScreen
	results  *searchScreen
	units    *unitsScreen
	tasks    *tasksScreen
	reports  *reportsScreen
	screens  map[string]fyne.CanvasObject
	current  string            // the rail entry shown
	document fyne.CanvasObject // the open document view, if any
	docView  *documentView     // and its state
	history  []place           // the documents left by following links, for "Quay lại"
	work     <-chan struct{}   // closes when the latest link followed has opened
	known    dialog.Dialog     // the last known-document dialog shown
	marks    []string          // the searched words to mark in the next document opened
	loaded   <-chan struct{}   // closed once the library list first shows
	started  <-chan struct{}   // closed once start's work is done

	ctx       context.Context // cancelled at shutdown
	stop      context.CancelFunc
	jobs      sync.WaitGroup
	busy      bool               // a long job (import) is under way
	cancelJob context.CancelFunc // cancels it

	sess     *session          // the window's session, nil in tests
	settings *settingsDialog   // the last settings dialog opened
	welcome  *welcomeDialog    // the last welcome shown
	help     fyne.CanvasObject // the content of the last help dialog shown
}

// newMainUI builds the main window's content for library l. It does not start
// any background work: start does.
func newMainUI(w fyne.Window, l *app.Library) *mainUI {
	u := &mainUI{w: w, l: l}
	u.ctx, u.stop = context.WithCancel(context.Background())

	u.details = newDetailPanel(u.openDocument)
	u.status = newStatusLine(u.cancel)
	u.library = newLibraryScreen(l, w, libraryCallbacks{
		onSelect: u.details.show,
		onOpen:   u.openDocument,
		onCount:  func(n int) { u.nav.setCount(navLibrary, n) },
		onImport: u.importFileDialog,
		onClear: func() {
			if u.docView == nil {
				u.details.clear()
			}
		},
	})
	u.results = newSearchScreen(u.ctx, &u.jobs, l.SearchClauses, func(h index.Hit) { u.openHit(h) },
		func(n int) { u.nav.setCount(navSearch, n) })
	u.units = newUnitsScreen(u)
	u.tasks = newTasksScreen(u)
	u.reports = newReportsScreen(u)
	u.screens = map[string]fyne.CanvasObject{
		navLibrary: u.library.content,
		navSearch:  u.results.content,
		navUnits:   u.units.content,
		navTasks:   u.tasks.content,
		navReports: u.reports.content,
	}
	u.nav = newNavRail([]navItem{
		{navLibrary, lang.L("Văn bản"), theme.DocumentIcon()},
		{navSearch, lang.L("Tìm kiếm"), theme.SearchIcon()},
		{navUnits, lang.L("Đơn vị"), theme.AccountIcon()},
		{navTasks, lang.L("Nhiệm vụ"), theme.ListIcon()},
		{navReports, lang.L("Báo cáo"), theme.DocumentPrintIcon()},
	}, u.show)

	u.search = newSearchEntry()
	u.search.SetPlaceHolder(lang.L("Tìm trong văn bản: gõ từ khóa, có dấu hoặc không dấu (Ctrl+F)"))
	u.search.OnChanged = func(q string) { u.typed(q) }
	u.search.OnSubmitted = func(q string) { u.runSearch(q) }
	searchBtn := widget.NewButtonWithIcon(lang.L("Tìm"), theme.SearchIcon(), func() { u.runSearch(u.search.Text) })
	importBtn := widget.NewButtonWithIcon(lang.L("Nhập tệp…"), theme.FileIcon(), u.importFileDialog)
	folderBtn := widget.NewButtonWithIcon(lang.L("Nhập thư mục…"), theme.FolderOpenIcon(), u.importFolderDialog)
	top := container.NewBorder(nil, nil, container.NewHBox(importBtn, folderBtn), searchBtn, u.search)

	u.centre = container.NewStack()
	u.bottom = container.NewStack()
	centre := container.NewBorder(nil, u.bottom, nil, nil, u.centre)
	left := container.NewHBox(u.nav.content, widget.NewSeparator())
	right := container.NewHBox(widget.NewSeparator(), container.New(fixedWidth(detailWidth), u.details.content))
	body := container.NewBorder(nil, nil, left, right, centre)
	u.content = container.NewBorder(
		container.NewVBox(container.NewPadded(top), widget.NewSeparator()),
		u.status.content, nil, nil, body)

	u.show(lastScreen(currentPrefs()))
	u.shortcuts()
	w.SetOnDropped(u.dropped)
	u.loaded = u.library.reload()
	return u
}

// menu is the window's main menu: Tệp (import, find, settings), Nhiệm vụ,
// Báo cáo and Trợ giúp.
func (u *mainUI) menu() *fyne.MainMenu {
	importFile := fyne.NewMenuItem(lang.L("Nhập tệp…"), u.importFileDialog)
	importFile.Shortcut = ctrl(fyne.KeyO)
	importFile.Icon = theme.FileIcon()
	importFolder := fyne.NewMenuItem(lang.L("Nhập thư mục…"), u.importFolderDialog)
	importFolder.Icon = theme.FolderOpenIcon()
	find := fyne.NewMenuItem(lang.L("Tìm văn bản…"), u.focusSearch)
	find.Shortcut = ctrl(fyne.KeyF)
	find.Icon = theme.SearchIcon()
	settings := fyne.NewMenuItem(lang.L("Cài đặt…"), func() { u.showSettings() })
	settings.Shortcut = ctrl(fyne.KeyComma)
	settings.Icon = theme.SettingsIcon()
	quit := fyne.NewMenuItem(lang.L("Thoát"), u.quit)
	quit.IsQuit = true
	quit.Icon = theme.LogoutIcon()
	propose := fyne.NewMenuItem(lang.L("Đề xuất nhiệm vụ…"), u.proposeFromMenu)
	propose.Icon = theme.ContentAddIcon()
	tasks := fyne.NewMenuItem(lang.L("Danh sách nhiệm vụ"), func() {
		u.show(navTasks)
		u.tasks.showList()
	})
	tasks.Icon = theme.ListIcon()
	addNote := fyne.NewMenuItem(lang.L("Thêm ghi chú…"), func() { u.addNote() })
	addNote.Shortcut = ctrl(fyne.KeyN)
	addNote.Icon = theme.DocumentCreateIcon()
	coverage := fyne.NewMenuItem(lang.L("Bao phủ văn bản Trung ương…"), func() { u.tasks.showCoverage() })
	coverage.Icon = theme.ViewFullScreenIcon()
	export := fyne.NewMenuItem(lang.L("Xuất danh sách nhiệm vụ (Excel)…"), u.tasks.exportDialog)
	export.Icon = theme.DocumentSaveIcon()
	newReport := fyne.NewMenuItem(lang.L("Lập báo cáo"), func() {
		u.show(navReports)
		u.reports.tabs.SelectIndex(0)
	})
	newReport.Icon = theme.DocumentCreateIcon()
	printItem := fyne.NewMenuItem(lang.L("In báo cáo đang xem"), u.printReport)
	printItem.Shortcut = ctrl(fyne.KeyP)
	printItem.Icon = theme.DocumentPrintIcon()
	saved := fyne.NewMenuItem(lang.L("Báo cáo đã lưu"), func() {
		u.show(navReports)
		u.reports.tabs.Select(u.reports.savedTab)
	})
	saved.Icon = theme.HistoryIcon()
	office := fyne.NewMenuItem(lang.L("Cơ quan ban hành báo cáo…"), func() { u.reports.offDlg = u.reports.officeDialog() })
	office.Icon = theme.SettingsIcon()
	return fyne.NewMainMenu(fyne.NewMenu(lang.L("Tệp"), importFile, importFolder, fyne.NewMenuItemSeparator(), find,
		fyne.NewMenuItemSeparator(), settings, fyne.NewMenuItemSeparator(), quit),
		fyne.NewMenu(lang.L("Nhiệm vụ"), tasks, addNote, propose, coverage, fyne.NewMenuItemSeparator(), export),
		fyne.NewMenu(lang.L("Báo cáo"), newReport, saved, fyne.NewMenuItemSeparator(), printItem, fyne.NewMenuItemSeparator(), office),
		u.helpMenu())
}

// quit is Tệp → Thoát: the window's size is kept first.
func (u *mainUI) quit() {
	if u.sess != nil {
		u.sess.saveWindow()
	}
	fyne.CurrentApp().Quit()
}

// addNote is Ctrl+N: on the Nhiệm vụ screen, with a task selected and shown
// in the detail panel, it opens «Thêm ghi chú» for that task. The dialog, nil
// when there is no such task.
func (u *mainUI) addNote() *noteDialog {
	s := u.tasks
	if u.current != navTasks || u.docView != nil || s.selected == 0 || s.detail.data.task.ID != s.selected || !s.detail.visible() {
		return nil
	}
	return s.detail.noteDialog(nil)
}

// printReport prints the report previewed on the Báo cáo screen (Ctrl+P).
func (u *mainUI) printReport() {
	u.reports.preview.work = u.reports.preview.print()
}

// proposeFromMenu proposes the tasks of the open document, or asks for one.
func (u *mainUI) proposeFromMenu() {
	if v := u.docView; v != nil && v.doc.ID != 0 {
		u.tasks.proposeDialog(v.doc.ID)
		return
	}
	u.tasks.proposeDialog(0)
}

func ctrl(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

// windowKeys are the keys of the window's Ctrl shortcuts, which the search
// field passes on.
var windowKeys = []fyne.KeyName{fyne.KeyF, fyne.KeyO, fyne.KeyP, fyne.KeyN, fyne.KeyComma}

// shortcuts registers Ctrl+F, Ctrl+O, Ctrl+P, Ctrl+N and Ctrl+, on the canvas
// too, for when the menu is not shown (and for the search field, which
// forwards them here).
func (u *mainUI) shortcuts() {
	c := u.w.Canvas()
	c.AddShortcut(ctrl(fyne.KeyF).(*desktop.CustomShortcut), func(fyne.Shortcut) { u.focusSearch() })
	c.AddShortcut(ctrl(fyne.KeyO).(*desktop.CustomShortcut), func(fyne.Shortcut) { u.importFileDialog() })
	c.AddShortcut(ctrl(fyne.KeyP).(*desktop.CustomShortcut), func(fyne.Shortcut) { u.printReport() })
	c.AddShortcut(ctrl(fyne.KeyN).(*desktop.CustomShortcut), func(fyne.Shortcut) { u.addNote() })
	c.AddShortcut(ctrl(fyne.KeyComma).(*desktop.CustomShortcut), func(fyne.Shortcut) { u.showSettings() })
}

// detach unhooks the window from this UI before its library closes: no
// shortcut or dropped file reaches it any more.
func (u *mainUI) detach() {
	c := u.w.Canvas()
	for _, k := range windowKeys {
		c.RemoveShortcut(ctrl(k))
	}
	u.w.SetOnDropped(nil)
}

func (u *mainUI) focusSearch() {
	u.w.Canvas().Focus(u.search)
	u.search.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// show switches the centre to a rail entry, closing an open document.
func (u *mainUI) show(key string) {
	from := u.current
	u.current = key
	if u.docView != nil || from == navUnits || from == navTasks || from == navReports { // the panel described the document's clauses, a unit, a task or a report
		if d, ok := u.library.selectedDoc(); ok && key == navLibrary {
			u.details.show(d)
		} else {
			u.details.clear()
		}
	}
	u.document, u.docView, u.history = nil, nil, nil
	u.nav.setActive(key)
	if p := currentPrefs(); p != nil && p.String(prefScreen) != key {
		p.SetString(prefScreen, key)
	}
	u.centre.Objects = []fyne.CanvasObject{u.screens[key]}
	u.centre.Refresh()
	if key == navUnits {
		u.units.showDetails()
		if u.units.dirty {
			u.units.work = u.units.reload()
		}
	}
	if key == navTasks {
		u.tasks.showDetails()
		if u.tasks.dirty {
			u.tasks.reload()
		}
	}
	if key == navReports {
		u.reports.shown()
	}
}

// openDocument shows a document from a list (the library, search results)
// in the centre, its details on the right; "← Quay lại" returns to the list.
func (u *mainUI) openDocument(d store.Document) {
	u.details.show(d)
	u.openDocumentAt(d.ID, "")
}

// openDocumentAt opens document id from a list, at the clause with address
// (the top for ""). The channel closes once the text shows.
func (u *mainUI) openDocumentAt(id int64, address string) <-chan struct{} {
	u.history = nil
	u.work = u.openAt(id, address)
	return u.work
}

// visit opens document id at a clause from a link in the open document;
// "Quay lại" comes back to where the link was.
func (u *mainUI) visit(id int64, address string) <-chan struct{} {
	u.work = u.follow(id, address)
	return u.work
}

// follow is visit without noting the channel in u.work, for a caller that
// already noted its own.
func (u *mainUI) follow(id int64, address string) <-chan struct{} {
	if v := u.docView; v != nil && v.doc.ID != 0 {
		p := place{id: v.doc.ID}
		if c, ok := v.selectedClause(); ok {
			p.address = c.Address
		}
		u.history = append(u.history, p)
	}
	return u.openAt(id, address)
}

// openAt shows a new document view, then starts reading the document.
func (u *mainUI) openAt(id int64, address string) <-chan struct{} {
	v := newDocumentView(u)
	v.marks, u.marks = u.marks, nil
	u.docView, u.document = v, v.content
	u.centre.Objects = []fyne.CanvasObject{v.content}
	u.centre.Refresh()
	v.load(id, address)
	return v.loaded
}

// back returns to the document a link was followed from, or to the screen
// the document was opened from.
func (u *mainUI) back() {
	if n := len(u.history); n > 0 {
		p := u.history[n-1]
		u.history = u.history[:n-1]
		u.work = u.openAt(p.id, p.address)
		return
	}
	u.show(u.current)
}

// runSearch shows the Tìm kiếm screen with the results for q at once (Enter,
// the Tìm button); the channel closes once they are shown.
func (u *mainUI) runSearch(q string) <-chan struct{} {
	u.showSearch()
	return u.results.setText(q, 0)
}

// typed searches for what is in the search field once the typing pauses;
// the channel closes once the results are shown or superseded.
func (u *mainUI) typed(q string) <-chan struct{} {
	u.showSearch()
	return u.results.setText(q, searchDebounce)
}

// showSearch switches to the Tìm kiếm screen unless it shows.
func (u *mainUI) showSearch() {
	if u.current != navSearch || u.docView != nil {
		u.show(navSearch)
	}
}

// openHit opens a search result's document at its clause, the searched words
// marked in the text.
func (u *mainUI) openHit(h index.Hit) <-chan struct{} {
	address := h.Address
	if h.IsDocument {
		address = ""
	}
	u.marks = hitWords(h)
	return u.openDocumentAt(h.DocumentID, address)
}

// start begins the background work of a new window: seeding the sample plan
// into a library that never had it. The channel (also u.started) closes once
// the sample is there.
func (u *mainUI) start() <-chan struct{} {
	done := make(chan struct{})
	u.started = done
	ctx, ok := u.beginJob(lang.L("Đang chuẩn bị văn bản mẫu…"))
	if !ok {
		close(done)
		return done
	}
	go func() {
		defer u.jobs.Done()
		res, _ := u.l.SeedSample(ctx)
		fyne.Do(func() {
			defer close(done)
			u.endJob()
			if len(res) > 0 {
				u.library.reload()
			}
			u.units.reload()
			u.tasks.reload()
			u.reports.reload()
			u.remind()
			u.watchReminders(10 * time.Minute)
		})
	}()
	return done
}

// beginJob marks a long job as started and shows the status line; it reports
// false, after telling the user, when another job is under way.
func (u *mainUI) beginJob(label string) (context.Context, bool) {
	if u.busy {
		dialogInfo(u.w, lang.L("Đang bận"), lang.L("Đang có việc chưa xong (xem dòng trạng thái ở cuối cửa sổ): hãy chờ xong hoặc bấm «Hủy» rồi thử lại."))
		return nil, false
	}
	u.reports.clearNotice() // the progress bar replaces a report's confirmation
	ctx, cancel := context.WithCancel(u.ctx)
	u.busy, u.cancelJob = true, cancel
	u.jobs.Add(1)
	u.status.begin(label)
	return ctx, true
}

// endJob hides the status line after a job.
func (u *mainUI) endJob() {
	if u.cancelJob != nil {
		u.cancelJob()
	}
	u.busy, u.cancelJob = false, nil
	u.status.end()
}

// cancel is the status line's Hủy button.
func (u *mainUI) cancel() {
	if u.cancelJob != nil {
		u.cancelJob()
		u.status.cancelling()
	}
}

// shutdown cancels the job under way and waits, boundedly, for it to stop so
// that the library can be closed cleanly.
func (u *mainUI) shutdown() {
	u.stop()
	done := make(chan struct{})
	go func() { u.jobs.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
	}
}

// fixedWidth lays out its objects stacked at a fixed width and their own
// minimum height. Objects are given that width before being measured, so that
// wrapped text knows how many lines it needs.
type fixedWidth float32

func (f fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (f fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := fyne.NewSize(float32(f), 0)
	for _, o := range objs {
		if o.Size().Width != float32(f) {
			o.Resize(fyne.NewSize(float32(f), o.Size().Height))
		}
		s.Height = max(s.Height, o.MinSize().Height)
	}
	return s
}

// searchEntry is the search field; it passes the window's shortcuts (Ctrl+O,
// Ctrl+F, Ctrl+P, Ctrl+N, Ctrl+,) on to the canvas instead of swallowing them.
type searchEntry struct {
	widget.Entry
}

func newSearchEntry() *searchEntry {
	e := &searchEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedShortcut handles the entry's own shortcuts and forwards the others.
func (e *searchEntry) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok && cs.Modifier == fyne.KeyModifierShortcutDefault && slices.Contains(windowKeys, cs.KeyName) {
		if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
			if h, ok := c.(fyne.Shortcutable); ok {
				h.TypedShortcut(s)
				return
			}
		}
	}
	e.Entry.TypedShortcut(s)
}
