package ui

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"chidao/app"
	"chidao/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// newSessionUI builds the main window the way Run does, on the test driver,
// for library dir: a session that settings may reopen or move. It does not
// start the background work.
func newSessionUI(t *testing.T, dir string) *session {
	t.Helper()
	a := fyne.CurrentApp()
	l, err := openLibrary(dir, a.Preferences())
	if err != nil {
		t.Fatal(err)
	}
	w := test.NewWindow(nil)
	s := &session{a: a, w: w}
	s.attach(l)
	wait(t, s.u.loaded, "the library list")
	w.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(func() {
		if !s.moving {
			s.detach()
		}
		w.Close()
	})
	return s
}

// TestSettingsPersist: what is set in «Cài đặt» is in the preferences, and a
// settings dialog opened later shows it.
func TestSettingsPersist(t *testing.T) {
	u, _ := newTestUI(t)
	p := fyne.CurrentApp().Preferences()
	s := u.showSettings()
	if s.user.Text != "" || s.language.Selected != "Tiếng Việt" || s.theme.Selected != "Theo hệ thống" {
		t.Errorf("fresh settings: user %q, language %q, theme %q", s.user.Text, s.language.Selected, s.theme.Selected)
	}
	if s.library.Text != u.l.Dir {
		t.Errorf("the library shown is %q, want %q", s.library.Text, u.l.Dir)
	}
	if s.langNote.Visible() {
		t.Errorf("the restart note shows before the language changed")
	}
	test.Type(s.user, "  Nguyễn Thị Lan ")
	s.language.SetSelected("English")
	s.theme.SetSelected("Tối")

	if got := p.String(prefUserName); got != "Nguyễn Thị Lan" {
		t.Errorf("user name kept as %q", got)
	}
	if got := p.String(prefLanguage); got != LangEnglish {
		t.Errorf("language kept as %q", got)
	}
	if got := p.String(prefTheme); got != themeDark {
		t.Errorf("theme kept as %q", got)
	}
	if !s.langNote.Visible() || !hasText(s.langNote, "lần khởi động sau") {
		t.Errorf("changing the language does not say it applies at the next start")
	}
	s.d.Hide()

	again := u.showSettings()
	if again.user.Text != "Nguyễn Thị Lan" || again.language.Selected != "English" || again.theme.Selected != "Tối" {
		t.Errorf("settings read back: user %q, language %q, theme %q", again.user.Text, again.language.Selected, again.theme.Selected)
	}
	again.d.Hide()
}

// TestThemeApplies: choosing Sáng or Tối forces Fyne's variant at once;
// Theo hệ thống gives the system's back.
func TestThemeApplies(t *testing.T) {
	u, _ := newTestUI(t)
	a := fyne.CurrentApp()
	light := theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantLight)
	dark := theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark)
	s := u.showSettings()
	for _, c := range []struct {
		choice string
		want   any
	}{{"Tối", dark}, {"Sáng", light}} {
		s.theme.SetSelected(c.choice)
		th := a.Settings().Theme()
		// Whatever variant the system asks for, the colour is the chosen one.
		for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
			if got := th.Color(theme.ColorNameBackground, v); got != c.want {
				t.Errorf("%s: background for system variant %d is %v, want %v", c.choice, v, got, c.want)
			}
		}
	}
	s.theme.SetSelected("Theo hệ thống")
	if _, forced := a.Settings().Theme().(variantTheme); forced {
		t.Errorf("Theo hệ thống still forces a variant")
	}
	if got := themeFor(themeSystem).Color(theme.ColorNameBackground, theme.VariantDark); got != dark {
		t.Errorf("the system theme does not follow the system's variant")
	}
	if themePref(a.Preferences()) != themeSystem {
		t.Errorf("theme preference %q", a.Preferences().String(prefTheme))
	}
}

// TestLanguagePreference: the language read at start is the preference's,
// Vietnamese unless it says English.
func TestLanguagePreference(t *testing.T) {
	a := test.NewTempApp(t)
	p := a.Preferences()
	if got := languagePref(p); got != LangVietnamese {
		t.Errorf("fresh preferences give %q", got)
	}
	p.SetString(prefLanguage, LangEnglish)
	if got := languagePref(p); got != LangEnglish {
		t.Errorf("English preference gives %q", got)
	}
	p.SetString(prefLanguage, "fr")
	if got := languagePref(p); got != LangVietnamese {
		t.Errorf("an unknown language gives %q", got)
	}
	if got := languagePref(nil); got != LangVietnamese {
		t.Errorf("no preferences give %q", got)
	}
	files := translationFiles(LangEnglish)
	if len(files) == 0 {
		t.Errorf("no English files")
	}
	for _, f := range files {
		if !strings.HasPrefix(f, "en") {
			t.Errorf("English files: %v", files)
		}
	}
}

// TestWindowStateRestored: the window's size and the screen shown last come
// back at the next start.
func TestWindowStateRestored(t *testing.T) {
	test.NewTempApp(t)
	p := fyne.CurrentApp().Preferences()
	if got := savedWindowSize(p); got != defaultWindowSize {
		t.Errorf("first start size %v", got)
	}
	first := newSessionUI(t, t.TempDir())
	if first.u.current != navLibrary {
		t.Errorf("first start shows %q", first.u.current)
	}
	first.w.Resize(fyne.NewSize(1100, 700))
	first.u.show(navTasks)
	first.saveWindow()
	if p.String(prefScreen) != navTasks {
		t.Errorf("the screen kept is %q", p.String(prefScreen))
	}

	w := test.NewWindow(nil)
	defer w.Close()
	restoreWindowSize(w, p)
	if got := w.Canvas().Size(); got.Width != 1100 || got.Height != 700 {
		t.Errorf("restored size %v, want 1100×700", got)
	}
	second := newSessionUI(t, t.TempDir())
	if second.u.current != navTasks {
		t.Errorf("the next start shows %q, want %q", second.u.current, navTasks)
	}

	// A tiny or unknown saved state falls back to something usable.
	p.SetFloat(prefWinWidth, 200)
	p.SetFloat(prefWinHeight, 100)
	if got := savedWindowSize(p); got != minWindowSize {
		t.Errorf("tiny saved size gives %v", got)
	}
	p.SetString(prefScreen, "nowhere")
	if lastScreen(p) != navLibrary {
		t.Errorf("an unknown screen gives %q", lastScreen(p))
	}
}

// TestWelcomeFirstRunOnly: the welcome shows at the first start; closed with
// «Đừng hiện lại» ticked (the default) it does not come back, untick it and
// it does.
func TestWelcomeFirstRunOnly(t *testing.T) {
	u, _ := newTestUI(t)
	p := fyne.CurrentApp().Preferences()
	if !shouldWelcome(p) {
		t.Fatal("no welcome at the first start")
	}
	wd := u.showWelcome()
	for _, want := range []string{"Tìm", "Giao và theo dõi", "Báo cáo", "Mở kế hoạch mẫu", "Đề xuất nhiệm vụ từ kế hoạch mẫu", "Nhập văn bản của tôi…"} {
		if !hasText(wd.content, want) {
			t.Errorf("the welcome does not show %q", want)
		}
	}
	if !wd.hide.Checked {
		t.Errorf("«Đừng hiện lại» is not ticked by default")
	}
	test.Tap(wd.start)
	if shouldWelcome(p) {
		t.Errorf("the welcome would show at the second start")
	}

	again := u.showWelcome() // Trợ giúp → Màn hình chào
	again.hide.SetChecked(false)
	test.Tap(again.start)
	if !shouldWelcome(p) {
		t.Errorf("unticked «Đừng hiện lại» but the welcome would not show again")
	}
}

// TestWelcomeOpensTheSample: «Mở kế hoạch mẫu» opens the seeded sample plan;
// before it is there the welcome says so and stays.
func TestWelcomeOpensTheSample(t *testing.T) {
	u, _ := newTestUI(t)
	wd := u.showWelcome()
	wait(t, wd.openSample(), "looking for the sample")
	if !wd.problem.Visible() || u.docView != nil {
		t.Fatalf("no sample yet, but the welcome did not say so")
	}
	if _, err := u.l.SeedSample(context.Background()); err != nil {
		t.Fatal(err)
	}
	test.Tap(wd.open)
	wait(t, wd.work, "looking for the sample")
	if u.docView == nil {
		t.Fatal("the sample plan did not open")
	}
	wait(t, u.docView.loaded, "the sample plan")
	if !sampleHashes()[u.docView.doc.SHA256] {
		t.Errorf("opened %q, not the sample", u.docView.doc.FileName)
	}
	if shouldWelcome(fyne.CurrentApp().Preferences()) {
		t.Errorf("the welcome stays on after a first step")
	}
}

// TestChooseLibrary: --library, then CHIDAO_LIBRARY, then the settings' folder
// while it holds a library, then the default.
func TestChooseLibrary(t *testing.T) {
	a := test.NewTempApp(t)
	p := a.Preferences()
	t.Setenv("CHIDAO_LIBRARY", "")
	lib := t.TempDir()
	if err := os.WriteFile(filepath.Join(lib, "chidao.db"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	p.SetString(prefLibrary, lib)
	for _, c := range []struct {
		flag, env, dir, source string
	}{
		{"/a", "/b", "/a", "--library"},
		{"", "/b", "/b", "CHIDAO_LIBRARY"},
		{"", "", lib, ""},
	} {
		got, err := chooseLibrary(c.flag, c.env, p)
		if err != nil || got.dir != c.dir || got.source != c.source || got.missing != "" {
			t.Errorf("chooseLibrary(%q, %q) = %+v, %v; want %s from %q", c.flag, c.env, got, err, c.dir, c.source)
		}
	}
	gone := filepath.Join(t.TempDir(), "usb", "chidao")
	p.SetString(prefLibrary, gone)
	got, err := chooseLibrary("", "", p)
	def, _ := app.DefaultDir()
	if err != nil || got.dir != def || got.missing != gone {
		t.Errorf("with the chosen library gone: %+v, %v; want the default %s and the gone one named", got, err, def)
	}
}

// TestUserNameInTheAuditLog: the user name of the settings is who the audit
// log names, from the time it is set (the library is opened again).
func TestUserNameInTheAuditLog(t *testing.T) {
	test.NewTempApp(t)
	s := newSessionUI(t, t.TempDir())
	d := s.u.showSettings()
	test.Type(d.user, "Trần Văn Bình")
	d.d.Hide() // closing applies it
	if s.user != "Trần Văn Bình" {
		t.Fatalf("the library is still opened as %q", s.user)
	}
	wait(t, s.u.started, "the reopened library's start")
	ctx := context.Background()
	f := filepath.Join(t.TempDir(), "cv-15.txt")
	os.WriteFile(f, []byte("UBND TỈNH KIÊN GIANG\nSố: 15/CV-UBND\n\nCÔNG VĂN\nvề việc rà soát biên chế\n\nĐề nghị các sở rà soát biên chế.\n"), 0o644)
	importFiles(t, s.u, f)
	docs, err := s.l.Documents(ctx)
	if err != nil || len(docs) == 0 {
		t.Fatal(err)
	}
	ids, err := s.l.CreateTasks(ctx, []store.Task{{DocumentID: docs[0].ID, Title: "Rà soát biên chế các sở"}})
	if err != nil {
		t.Fatal(err)
	}
	audit, err := s.l.Audit(ctx, store.EntityTask, ids[0])
	if err != nil || len(audit) == 0 || audit[0].By != "Trần Văn Bình" {
		t.Errorf("audit %+v (%v), want by Trần Văn Bình", audit, err)
	}
}

// TestOpenAndMoveLibraryFromSettings: «Mở thư viện khác…» shows another
// library in the window and remembers it; «Chuyển thư viện…» moves it,
// switches the window and the preference to the new folder and leaves the
// old folder in place.
func TestOpenAndMoveLibraryFromSettings(t *testing.T) {
	test.NewTempApp(t)
	p := fyne.CurrentApp().Preferences()
	first := t.TempDir()
	s := newSessionUI(t, first)

	other := t.TempDir()
	s.u.switchLibrary(other)
	if s.l.Dir != other || s.u.l != s.l || p.String(prefLibrary) != other {
		t.Fatalf("after opening another library: window on %s, preference %q", s.l.Dir, p.String(prefLibrary))
	}
	wait(t, s.u.loaded, "the other library's list")
	wait(t, s.u.started, "the sample of the other library")
	f := filepath.Join(t.TempDir(), "cv-15.txt")
	os.WriteFile(f, []byte("UBND TỈNH KIÊN GIANG\nSố: 15/CV-UBND\n\nCÔNG VĂN\nvề việc rà soát biên chế\n\nĐề nghị các sở rà soát biên chế.\n"), 0o644)
	importFiles(t, s.u, f)
	before, _ := s.l.Documents(context.Background())

	dst := filepath.Join(t.TempDir(), "Thư viện")
	wait(t, s.u.moveLibrary(dst), "the move")
	if s.l.Dir != dst || p.String(prefLibrary) != dst {
		t.Fatalf("after the move: window on %s, preference %q; want %s", s.l.Dir, p.String(prefLibrary), dst)
	}
	wait(t, s.u.loaded, "the moved library's list")
	wait(t, s.u.started, "the moved library's start")
	ds, err := s.l.Documents(context.Background())
	if err != nil || len(ds) != len(before) || len(ds) < 2 {
		t.Errorf("the moved library has %d documents (%v), the old one %d", len(ds), err, len(before))
	}
	if !isLibrary(other) {
		t.Errorf("the old library was removed")
	}
	s.u.shutdown()

	// A refused move leaves the window on its library and says why.
	if got := moveReason(app.MoveLibrary(context.Background(), dst, filepath.Join(dst, "x"), nil)); !strings.Contains(got, "bên trong") {
		t.Errorf("inside move reason %q", got)
	}
}

// TestAddNoteShortcut: Ctrl+N opens «Thêm ghi chú» for the task selected on
// the Nhiệm vụ screen, and does nothing elsewhere.
func TestAddNoteShortcut(t *testing.T) {
	u := newTaskUI(t, spring2022)
	importFiles(t, u, planKL74)
	acceptAll(t, u, docNamed(t, u, "kh-tu-2020"))
	if u.addNote() != nil {
		t.Errorf("Ctrl+N on the library screen opened a note")
	}
	s := showTasks(t, u)
	if u.addNote() != nil {
		t.Errorf("Ctrl+N with no task selected opened a note")
	}
	s.tapRow(0)
	wait(t, s.detail.work, "the task detail")
	u.w.Canvas().(fyne.Shortcutable).TypedShortcut(ctrl(fyne.KeyN))
	nd := s.detail.noteDlg
	if nd == nil {
		t.Fatal("Ctrl+N did not open the note dialog")
	}
	wait(t, nd.loaded, "the note dialog")
	nd.d.Hide()
}

// TestHelp: the guide covers the clerk's work, the shortcuts list Ctrl+N,
// About names the licence and MuPDF.
func TestHelp(t *testing.T) {
	u, _ := newTestUI(t)
	text := u.showGuide()
	guide := text.String()
	for _, want := range []string{"Nhập văn bản", "Chủ trì", "Thêm ghi chú", "Quá hạn", "Ctrl+P", "Sao lưu"} {
		if !strings.Contains(guide, want) {
			t.Errorf("the guide does not mention %q", want)
		}
	}
	// The search examples are a list (which String leaves out).
	lists := 0
	for _, seg := range text.Segments {
		if _, ok := seg.(*widget.ListSegment); ok {
			lists++
		}
	}
	if lists != 1 || !strings.Contains(guideMarkdown(), "`so:74-KL/TW`") {
		t.Errorf("the guide has %d lists of search examples", lists)
	}
	keys := u.showShortcuts()
	for _, want := range []string{"+F", "+O", "+P", "+N", "Thêm ghi chú cho nhiệm vụ đang chọn"} {
		if !hasText(keys, want) {
			t.Errorf("the shortcuts do not list %q", want)
		}
	}
	about := u.showAbout()
	for _, want := range []string{"chidao " + appVersion, "AGPL-3.0", "MuPDF"} {
		if !hasText(about, want) {
			t.Errorf("About does not say %q", want)
		}
	}
	var menus []string
	for _, m := range u.menu().Items {
		menus = append(menus, m.Label)
		if m.Label == "Trợ giúp" && len(m.Items) < 4 {
			t.Errorf("the help menu has %d items", len(m.Items))
		}
	}
	if strings.Join(menus, ",") != "Tệp,Nhiệm vụ,Báo cáo,Trợ giúp" {
		t.Errorf("menus %v", menus)
	}
}

// TestVersionMatchesFyneApp: the About version is FyneApp.toml's.
func TestVersionMatchesFyneApp(t *testing.T) {
	b, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*Version\s*=\s*"([^"]+)"`).FindSubmatch(b)
	if m == nil || string(m[1]) != appVersion {
		t.Errorf("FyneApp.toml version %q, appVersion %q", m, appVersion)
	}
}
