package ui

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"chidao/app"
	"chidao/report"
	"chidao/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The zoom choices of the preview: the whole page in view, or a scale of
// the page printed on A4 at 96 dots per inch. zoomFitText is translated
// where shown.
//
// i18n: keys in en-tasks.json
const zoomFitText = "Vừa trang"

var zoomLevels = []float64{0.5, 0.75, 1, 1.5}

// The formats of «Mở bằng ứng dụng khác».
var openFormats = []struct{ label, ext string }{
	{"PDF", app.FormatPDF},
	{"Word (.docx)", app.FormatDOCX},
	{"Excel (.xlsx)", app.FormatXLSX},
}

const (
	pageGap        = 16        // around and between the pages
	previewBudget  = 160 << 20 // bytes of page images kept for a preview
	maxPreviewDPI  = 300
	minPreviewDPI  = 36
	a4WidthInches  = 8.27
	a4HeightInches = 11.69
)

// previewPages is a report ready to show: what it was built from, its PDF
// and the pages drawn from that at dpi. savedAt is set for a saved report
// reopened, which prints again exactly as it was made.
type previewPages struct {
	data    *app.ReportData
	pdf     []byte
	images  []image.Image
	dpi     float64
	savedAt time.Time
}

// preview shows the pages of a report as they print, with the page and zoom
// controls and the commands In, Lưu… and Mở bằng ứng dụng khác.
type preview struct {
	previewPages
	u *mainUI
	s *reportsScreen

	content   fyne.CanvasObject
	banner    *widget.Label
	bannerBg  *canvas.Rectangle
	bannerBox fyne.CanvasObject
	pages     *fyne.Container
	scroll    *container.Scroll
	empty     fyne.CanvasObject
	pageLbl   *widget.Label
	prevBt    *widget.Button
	nextBt    *widget.Button
	zoomSel   *widget.Select
	printBt   *widget.Button
	saveBt    *widget.Button
	openBt    *widget.Button

	base     fyne.Size // a page at 100%
	zoom     float64   // 0 fits the page in view
	page     int       // the page in view, from 0
	gen      int       // the latest rendering asked for
	resized  int       // the latest resize waiting to render sharper
	quiet    bool      // the zoom select is being set by the program
	saveDlg  *dialog.FileDialog
	lastPath string          // the file last written by «Mở bằng ứng dụng khác» or «In»
	work     <-chan struct{} // closes once the latest rendering shows
}

// newPreview builds the empty preview.
func newPreview(u *mainUI, s *reportsScreen) *preview {
	p := &preview{u: u, s: s, base: a4Size()}
	p.printBt = widget.NewButtonWithIcon(lang.L("In"), theme.DocumentPrintIcon(), func() { p.work = p.print() })
	p.printBt.Importance = widget.HighImportance
	p.saveBt = widget.NewButtonWithIcon(lang.L("Lưu…"), theme.DocumentSaveIcon(), p.saveDialog)
	p.openBt = widget.NewButtonWithIcon(lang.L("Mở bằng ứng dụng khác…"), theme.ComputerIcon(), p.openMenu)

	p.prevBt = widget.NewButtonWithIcon(lang.L("Trang trước"), theme.NavigateBackIcon(), func() { p.goTo(p.page - 1) })
	p.nextBt = widget.NewButtonWithIcon(lang.L("Trang sau"), theme.NavigateNextIcon(), func() { p.goTo(p.page + 1) })
	p.nextBt.IconPlacement = widget.ButtonIconTrailingText
	p.pageLbl = widget.NewLabel("")
	p.pageLbl.Alignment = fyne.TextAlignCenter
	zooms := []string{lang.L(zoomFitText)}
	for _, z := range zoomLevels {
		zooms = append(zooms, zoomText(z))
	}
	p.zoomSel = widget.NewSelect(zooms, func(v string) {
		if !p.quiet {
			p.setZoom(zoomValue(v))
		}
	})
	p.zoomSel.Selected = lang.L(zoomFitText)

	p.pages = container.New(&pagesLayout{p: p})
	p.scroll = container.NewScroll(p.pages)
	p.scroll.OnScrolled = func(fyne.Position) { p.scrolled() }
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))

	p.banner = widget.NewLabel("")
	p.banner.Wrapping = fyne.TextWrapWord
	p.bannerBg = canvas.NewRectangle(theme.Color(theme.ColorNameHover))
	p.bannerBox = container.NewStack(p.bannerBg, container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), nil, p.banner))
	p.bannerBox.Hide()

	msg := widget.NewLabel(lang.L("Chọn phạm vi và kỳ báo cáo ở bên trái rồi bấm «Xem trước»: các trang báo cáo hiện ở đây, đúng như khi in (thể thức HD 36-HD/VPTW hoặc NĐ 30/2020/NĐ-CP, khổ A4)."))
	msg.Wrapping = fyne.TextWrapWord
	msg.Alignment = fyne.TextAlignCenter
	msg.Importance = widget.LowImportance
	icon := widget.NewIcon(theme.DocumentPrintIcon())
	p.empty = container.NewCenter(container.New(fixedWidth(380), container.NewVBox(
		container.NewCenter(container.New(layout.NewGridWrapLayout(fyne.NewSize(48, 48)), icon)), msg)))

	actions := container.NewHBox(p.printBt, p.saveBt, p.openBt)
	nav := container.NewBorder(nil, nil, container.NewHBox(p.prevBt, p.pageLbl, p.nextBt), nil)
	zoom := container.New(fixedWidth(112), p.zoomSel)
	bar := container.NewVBox(actions, container.NewBorder(nil, nil, nil, zoom, nav))
	// A narrow window scrolls the bar rather than widening the window.
	top := container.NewVBox(container.NewPadded(container.NewHScroll(bar)), p.bannerBox)
	p.content = container.NewBorder(top, nil, nil, nil, container.NewStack(bg, p.scroll, p.empty))
	p.updateControls()
	return p
}

// a4Size is an A4 page at 100%.
func a4Size() fyne.Size {
	return fyne.NewSize(a4WidthInches*96, a4HeightInches*96)
}

func zoomText(z float64) string { return strconv.Itoa(int(math.Round(z*100))) + "%" }

// zoomValue reads a zoom choice; 0 is Vừa trang.
func zoomValue(s string) float64 {
	for _, z := range zoomLevels {
		if zoomText(z) == s {
			return z
		}
	}
	return 0
}

// reprint says whether the preview shows a saved report reopened.
func (p *preview) reprint() bool { return p.data != nil && !p.savedAt.IsZero() }

// show shows a new report from its first page.
func (p *preview) show(pp previewPages) {
	p.previewPages = pp
	p.gen++ // a rendering under way is for the report shown before
	p.page = 0
	p.setImages(pp.images, pp.dpi)
	switch {
	case p.reprint():
		p.banner.SetText(fmt.Sprintf(lang.L("Bản đã lưu ngày %s — in lại đúng như khi lập"), p.savedAt.Local().Format("02/01/2006")))
		p.bannerBg.FillColor = theme.Color(theme.ColorNameSelection)
	default:
		p.banner.SetText(fmt.Sprintf(lang.L("Bản xem trước, lập lúc %s — chưa lưu: bấm «Lưu…» để lưu ra tệp và giữ bản này trong thư viện."),
			p.data.MadeAt.Format("15:04 02/01/2006")))
		p.bannerBg.FillColor = theme.Color(theme.ColorNameHover)
	}
	p.bannerBg.Refresh()
	p.bannerBox.Show()
	p.empty.Hide()
	p.scroll.ScrollToOffset(fyne.Position{})
	p.updateControls()
}

// markSaved notes that the report shown was saved into the library.
func (p *preview) markSaved(id int64) {
	p.data.SavedID = id
	if !p.reprint() {
		p.banner.SetText(fmt.Sprintf(lang.L("Đã lưu vào thư viện (mã %d), lập lúc %s — bấm «In» để in, hoặc «Lưu…» để lưu thêm định dạng khác."),
			id, p.data.MadeAt.Format("15:04 02/01/2006")))
	}
}

// setImages shows pages drawn at dpi.
func (p *preview) setImages(imgs []image.Image, dpi float64) {
	p.images, p.dpi = imgs, dpi
	if len(imgs) > 0 && dpi > 0 {
		b := imgs[0].Bounds()
		p.base = fyne.NewSize(float32(float64(b.Dx())*96/dpi), float32(float64(b.Dy())*96/dpi))
	}
	objs := make([]fyne.CanvasObject, 0, len(imgs))
	for _, im := range imgs {
		paper := canvas.NewRectangle(color.White)
		paper.StrokeColor = color.NRGBA{0x99, 0x99, 0x99, 0xff}
		paper.StrokeWidth = 1
		img := canvas.NewImageFromImage(im)
		img.FillMode = canvas.ImageFillContain
		img.ScaleMode = canvas.ImageScaleSmooth
		objs = append(objs, container.NewStack(paper, img))
	}
	p.pages.Objects = objs
	p.pages.Refresh()
	p.scroll.Refresh()
}

// updateControls enables what applies to the report shown and says which
// page is in view.
func (p *preview) updateControls() {
	n := len(p.images)
	has := p.data != nil && n > 0
	for _, b := range []*widget.Button{p.printBt, p.saveBt, p.openBt} {
		if has {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	if has {
		p.zoomSel.Enable()
	} else {
		p.zoomSel.Disable()
	}
	if n == 0 {
		p.pageLbl.SetText(lang.L("Trang –/–"))
	} else {
		p.pageLbl.SetText(fmt.Sprintf(lang.L("Trang %d/%d"), p.page+1, n))
	}
	enable(p.prevBt, has && p.page > 0)
	enable(p.nextBt, has && p.page < n-1)
}

func enable(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// pageSize is a page as shown.
func (p *preview) pageSize() fyne.Size {
	z := float32(p.effectiveZoom())
	return fyne.NewSize(float32(int(p.base.Width*z)), float32(int(p.base.Height*z)))
}

// effectiveZoom is the zoom chosen, or the one that fits a whole page in
// view.
func (p *preview) effectiveZoom() float64 {
	if p.zoom > 0 {
		return p.zoom
	}
	v := p.scroll.Size()
	if v.Width <= 2*pageGap || v.Height <= 2*pageGap || p.base.Width <= 0 {
		return 0.6
	}
	z := min((v.Width-2*pageGap-theme.ScrollBarSize())/p.base.Width, (v.Height-2*pageGap)/p.base.Height)
	return float64(max(0.2, min(3, z)))
}

// renderPlan is what rendering needs from the UI thread: the zoom and the
// screen's scale.
type renderPlan struct {
	zoom  float64
	scale float32
}

func (p *preview) renderPlan() renderPlan {
	scale := float32(1)
	if c := p.u.w.Canvas(); c != nil && c.Scale() > 0 {
		scale = c.Scale()
	}
	return renderPlan{zoom: p.effectiveZoom(), scale: scale}
}

// dpi is the resolution to draw n pages at: sharp at the zoom on this
// screen, but no more than the preview's memory allows.
func (r renderPlan) dpi(n int) float64 {
	d := 96 * r.zoom * float64(r.scale)
	n = max(n, 1)
	budget := math.Sqrt(previewBudget / (4 * a4WidthInches * a4HeightInches * float64(n)))
	d = min(d, budget, maxPreviewDPI)
	return math.Round(max(d, minPreviewDPI))
}

// pdfCount finds the page count fpdf writes in the page tree.
var pdfCount = regexp.MustCompile(`/Type /Pages\s*/Kids \[[^\]]*\]\s*/Count (\d+)`)

// pdfPageCount is the number of pages of a PDF chidao wrote, 0 if unknown.
func pdfPageCount(pdf []byte) int {
	if m := pdfCount.FindSubmatch(pdf); m != nil {
		n, _ := strconv.Atoi(string(m[1]))
		return n
	}
	return bytes.Count(pdf, []byte("/Type /Page\n"))
}

// reportPDF lays a report out as PDF.
func reportPDF(r *report.Report) ([]byte, error) {
	var buf bytes.Buffer
	if err := app.WriteReport(&buf, r, app.FormatPDF); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// setZoom shows the pages at zoom z (0: fit the page), at once scaled, then
// drawn again sharp at the new size.
func (p *preview) setZoom(z float64) <-chan struct{} {
	p.zoom = z
	p.quiet = true
	if z == 0 {
		p.zoomSel.SetSelected(lang.L(zoomFitText))
	} else {
		p.zoomSel.SetSelected(zoomText(z))
	}
	p.quiet = false
	page := p.page
	p.pages.Refresh()
	p.scroll.Refresh()
	p.goTo(page)
	p.work = p.render()
	return p.work
}

// render draws the pages again at the resolution the zoom needs, unless
// they are near enough already; the channel closes once they show.
func (p *preview) render() <-chan struct{} {
	done := make(chan struct{})
	if p.pdf == nil {
		close(done)
		return done
	}
	plan := p.renderPlan()
	dpi := plan.dpi(len(p.images))
	if p.dpi > 0 && math.Abs(dpi-p.dpi)/p.dpi < 0.2 {
		close(done)
		return done
	}
	p.gen++
	gen, pdf := p.gen, p.pdf
	u := p.u
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		imgs, err := app.RenderPDF(pdf, dpi)
		fyne.Do(func() {
			defer close(done)
			if gen != p.gen || err != nil { // superseded; or keep the pages shown
				return
			}
			page := p.page
			p.setImages(imgs, dpi)
			p.goTo(page)
		})
	}()
	return done
}

// scrolled notes the page in view as the pages scroll.
func (p *preview) scrolled() {
	n := len(p.images)
	if n == 0 {
		return
	}
	ps := p.pageSize()
	mid := p.scroll.Offset.Y + p.scroll.Size().Height*0.4
	k := int((mid - pageGap/2) / (ps.Height + pageGap))
	k = max(0, min(n-1, k))
	if k != p.page {
		p.page = k
		p.updateControls()
	}
}

// goTo scrolls to the top of page k (from 0).
func (p *preview) goTo(k int) {
	n := len(p.images)
	if n == 0 {
		return
	}
	k = max(0, min(n-1, k))
	ps := p.pageSize()
	y := float32(k) * (ps.Height + pageGap)
	if k > 0 {
		y += pageGap / 2
	}
	p.scroll.ScrollToOffset(fyne.NewPos(p.scroll.Offset.X, y))
	p.page = k
	p.updateControls()
}

// resizedView draws the pages again, sharp, once the window stops changing
// size with the page fitted in view.
func (p *preview) resizedView() {
	if p.zoom != 0 || p.pdf == nil {
		return
	}
	want := p.renderPlan().dpi(len(p.images))
	if p.dpi > 0 && math.Abs(want-p.dpi)/p.dpi < 0.25 {
		return
	}
	p.resized++
	n := p.resized
	u := p.u
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		select {
		case <-u.ctx.Done():
		case <-time.After(400 * time.Millisecond):
			fyne.Do(func() {
				if n == p.resized {
					p.work = p.render()
				}
			})
		}
	}()
}

// pagesLayout stacks the pages down the middle at the zoom shown.
type pagesLayout struct {
	p    *preview
	last fyne.Size
}

func (l *pagesLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	ps := l.p.pageSize()
	x := max(pageGap, (size.Width-ps.Width)/2)
	for i, o := range objs {
		o.Move(fyne.NewPos(x, pageGap+float32(i)*(ps.Height+pageGap)))
		o.Resize(ps)
	}
	if v := l.p.scroll.Size(); v != l.last {
		l.last = v
		l.p.resizedView()
		l.p.updateControls()
	}
}

func (l *pagesLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	if len(objs) == 0 {
		return fyne.NewSize(0, 0)
	}
	ps := l.p.pageSize()
	return fyne.NewSize(ps.Width+2*pageGap, float32(len(objs))*(ps.Height+pageGap)+pageGap)
}

// fileBase is the report's file name without extension:
// "bao-cao-6-thang-dau-nam-2026".
func (p *preview) fileBase() string {
	if p.data == nil {
		return "bao-cao"
	}
	if s := slug(p.data.Label); s != "" {
		return "bao-cao-" + s
	}
	return "bao-cao-" + p.data.MadeAt.Format(time.DateOnly)
}

// slug is s folded to ASCII words joined by hyphens.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range foldKey(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	return b.String()
}

// openMenu offers the formats to open the report in with another
// application.
func (p *preview) openMenu() {
	var items []*fyne.MenuItem
	for _, f := range openFormats {
		items = append(items, fyne.NewMenuItem(f.label, func() { p.work = p.openWith(f.ext) }))
	}
	c := p.u.w.Canvas()
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(p.openBt).Add(fyne.NewPos(0, p.openBt.Size().Height))
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), c, pos)
}

// formatOf is the report format a saved file's name asks for, and the name
// with ".pdf" added when it names none.
func formatOf(path string) (string, string) {
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".pdf", ".docx", ".xlsx":
		return ext[1:], path
	}
	return app.FormatPDF, path + ".pdf"
}

// formatLabel names a format for the clerk.
func formatLabel(f string) string {
	switch f {
	case app.FormatDOCX:
		return "Word"
	case app.FormatXLSX:
		return "Excel"
	}
	return "PDF"
}

// saveDialog asks where to save the report; the extension typed chooses the
// format.
func (p *preview) saveDialog() {
	if p.data == nil {
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		p.work = p.saveTo(path)
	}, p.u.w)
	d.SetFileName(p.fileBase() + ".pdf")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".pdf", ".docx", ".xlsx"}))
	d.SetTitleText(lang.L("Lưu báo cáo: gõ tên tệp đuôi .pdf, .docx (Word) hoặc .xlsx (Excel)"))
	d.SetConfirmText(lang.L("Lưu"))
	d.SetDismissText(lang.L("Hủy"))
	d.Resize(dialogSize(p.u.w))
	p.saveDlg = d
	d.Show()
}

// saveTo writes the report shown to path in the format its extension names
// and, unless it is a saved report printed again, keeps it in the library;
// the channel closes once the result shows.
func (p *preview) saveTo(path string) <-chan struct{} {
	u, s := p.u, p.s
	done := make(chan struct{})
	if p.data == nil {
		close(done)
		return done
	}
	format, path := formatOf(path)
	orig := p.data
	data := *orig // the goroutine's copy: SaveReport sets its SavedID
	keep := data.SavedID == 0
	s.clearNotice()
	p.saveBt.Disable()
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		err := app.WriteReportFile(&data.Report, format, path)
		var id int64
		var keepErr error
		var saved []store.SavedReport
		if err == nil && keep {
			id, keepErr = u.l.SaveReport(u.ctx, &data)
			if keepErr == nil {
				saved, _ = u.l.SavedReports(u.ctx)
			}
		}
		fyne.Do(func() {
			defer close(done)
			p.saveBt.Enable()
			if err != nil {
				dialogInfo(u.w, lang.L("Không lưu được báo cáo"), fmt.Sprintf(lang.L("Không ghi được «%s»: %s"), filepath.Base(path), reportReason(err)))
				return
			}
			msg := fmt.Sprintf(lang.L("Đã lưu báo cáo (%s) vào «%s»."), formatLabel(format), path)
			switch {
			case keepErr != nil:
				dialogInfo(u.w, lang.L("Chưa giữ được báo cáo trong thư viện"), msg+" "+fmt.Sprintf(lang.L("Nhưng chưa giữ được bản này trong thư viện: %s"), reportReason(keepErr)))
				return
			case keep:
				if p.data == orig {
					p.markSaved(id)
				}
				msg += " " + fmt.Sprintf(lang.L("Bản báo cáo được giữ trong thư viện (mã %d) để in lại đúng như khi lập."), id)
				if saved != nil {
					s.setSaved(saved)
				}
				s.showDetails()
			case p.reprint():
				msg = fmt.Sprintf(lang.L("Đã lưu bản in lại của báo cáo đã lưu (%s) vào «%s»."), formatLabel(format), path)
			}
			s.notice(msg)
		})
	}()
	return done
}

// tempDir is where files for printing and for other applications go; files
// older than a day are removed from it.
func tempDir() (string, error) {
	dir := filepath.Join(os.TempDir(), "chidao-bao-cao")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	if es, err := os.ReadDir(dir); err == nil {
		for _, e := range es {
			if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > 24*time.Hour {
				os.Remove(filepath.Join(dir, e.Name()))
			}
		}
	}
	return dir, nil
}

// writeTemp writes the report in format to the temporary folder, named for
// the report; a name held open by another application gets a new one.
func writeTemp(r *report.Report, pdf []byte, base, format string) (string, error) {
	dir, err := tempDir()
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, base+"."+format)
	write := func(path string) error {
		if format == app.FormatPDF && pdf != nil {
			return os.WriteFile(path, pdf, 0o600)
		}
		return app.WriteReportFile(r, format, path)
	}
	if err := write(path); err == nil {
		return path, nil
	}
	f, err := os.CreateTemp(dir, base+"-*."+format)
	if err != nil {
		return "", err
	}
	path = f.Name()
	f.Close()
	return path, write(path)
}

// print sends the report's PDF to the default printer; the channel closes
// once the result shows.
func (p *preview) print() <-chan struct{} {
	u, s := p.u, p.s
	done := make(chan struct{})
	if p.data == nil || p.pdf == nil {
		dialogInfo(u.w, lang.L("In báo cáo"), lang.L("Chưa có báo cáo để in: ở màn hình Báo cáo, chọn phạm vi và kỳ báo cáo rồi bấm «Xem trước»."))
		close(done)
		return done
	}
	r, pdf, base := p.data.Report, p.pdf, p.fileBase()
	p.printBt.Disable()
	if !u.busy {
		s.notice(lang.L("Đang gửi báo cáo đến máy in…"))
	}
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		path, err := writeTemp(&r, pdf, base, app.FormatPDF)
		if err == nil {
			err = app.PrintFile(u.ctx, path)
		}
		fyne.Do(func() {
			defer close(done)
			p.printBt.Enable()
			p.lastPath = path
			if err != nil {
				s.clearNotice()
				dialogInfo(u.w, lang.L("Không in được"), reportReason(err))
				return
			}
			s.notice(fmt.Sprintf(lang.L("Đã gửi báo cáo (%d trang) đến máy in mặc định."), len(p.images)))
		})
	}()
	return done
}

// openWith writes the report in format to a temporary file and opens it in
// the system's application for that format; the channel closes once that
// is done.
func (p *preview) openWith(format string) <-chan struct{} {
	u, s := p.u, p.s
	done := make(chan struct{})
	if p.data == nil {
		close(done)
		return done
	}
	r, pdf, base := p.data.Report, p.pdf, p.fileBase()
	p.openBt.Disable()
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		path, err := writeTemp(&r, pdf, base, format)
		var openErr error
		if err == nil {
			openErr = app.OpenWithDefault(path)
		}
		fyne.Do(func() {
			defer close(done)
			p.openBt.Enable()
			p.lastPath = path
			switch {
			case err != nil:
				dialogInfo(u.w, lang.L("Không mở được"), fmt.Sprintf(lang.L("Không ghi được tệp tạm để mở: %s"), reportReason(err)))
				return
			case openErr != nil:
				dialogInfo(u.w, lang.L("Không mở được"), fmt.Sprintf(lang.L("Máy chưa có ứng dụng mở tệp %s (hoặc không gọi được nó): hãy bấm «Lưu…» để lưu tệp rồi mở tệp đó, hoặc cài ứng dụng đọc %s."),
					formatLabel(format), formatLabel(format)))
				return
			}
			s.notice(fmt.Sprintf(lang.L("Đã mở «%s» bằng ứng dụng mặc định của máy."), filepath.Base(path)))
		})
	}()
	return done
}
