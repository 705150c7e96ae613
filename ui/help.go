package ui

import (
	"net/url"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// appVersion is chidao's version, as FyneApp.toml says (a test keeps them
// equal). Fyne's app metadata has it only in builds made by the fyne tool,
// and says 0.0.1 otherwise.
const appVersion = "0.1.0"

// helpMenu is Trợ giúp: the guide, the shortcuts, the welcome and About.
func (u *mainUI) helpMenu() *fyne.Menu {
	guide := fyne.NewMenuItem(lang.L("Hướng dẫn sử dụng"), func() { u.showGuide() })
	guide.Icon = theme.HelpIcon()
	keys := fyne.NewMenuItem(lang.L("Phím tắt"), func() { u.showShortcuts() })
	keys.Icon = theme.ComputerIcon()
	welcome := fyne.NewMenuItem(lang.L("Màn hình chào"), func() { u.showWelcome() })
	welcome.Icon = theme.HomeIcon()
	about := fyne.NewMenuItem(lang.L("Giới thiệu"), func() { u.showAbout() })
	about.Icon = theme.InfoIcon()
	return fyne.NewMenu(lang.L("Trợ giúp"), guide, keys, welcome, fyne.NewMenuItemSeparator(), about)
}

// i18n: the user's guide, one Markdown paragraph per entry.
var guideParagraphs = []string{
	"# Hướng dẫn sử dụng chidao",
	"## Nhập văn bản",
	"Bấm **Nhập tệp…** (Ctrl+O) hoặc **Nhập thư mục…**, hoặc kéo thả tệp vào cửa sổ. chidao nhận PDF, Word (DOC, DOCX), EPUB, HTML và TXT; văn bản cũ gõ bằng TCVN3 (ABC), VNI hay VISCII được chuyển sang Unicode. Mỗi văn bản được tách thành phần, mục, điều, khoản, điểm, mỗi phần có một địa chỉ như B.II.2.1. Bản quét chưa có lớp chữ vẫn được nhập và đánh dấu cần nhận dạng (OCR).",
	"## Tìm kiếm",
	"Gõ vào ô tìm kiếm trên cùng (Ctrl+F): kết quả hiện ngay khi gõ, có dấu hay không dấu đều được. Ví dụ:",
	"- `tinh gian bien che` — các điều khoản nói về tinh giản biên chế;\n- `\"sắp xếp tổ chức bộ máy\"` — đúng cụm từ này;\n- `biên chế -hợp đồng` — có «biên chế» nhưng không có «hợp đồng»;\n- `so:74-KL/TW` — theo số hiệu; `loai:\"kế hoạch\" nam:2020` — các kế hoạch năm 2020;\n- `coquan:\"Bộ Chính trị\"`, `donvi:\"Sở Nội vụ\"` — theo cơ quan ban hành, theo đơn vị được giao việc;\n- `trangthai:quahan` — các điều khoản có nhiệm vụ quá hạn.",
	"## Đơn vị và vai trò",
	"Màn hình **Đơn vị** cho biết mỗi đơn vị phải làm gì theo từng điều khoản, với vai trò **Chủ trì**, **Phối hợp** hoặc **Báo cáo, tham mưu**. chidao tự nhận ra đơn vị trong câu giao việc («Giao Ban Tổ chức Tỉnh ủy chủ trì, phối hợp với Sở Nội vụ…»); khi nhận sai, sửa vai trò hoặc thêm đơn vị ở khung chi tiết bên phải.",
	"## Nhiệm vụ và ghi chú",
	"Mở một kế hoạch rồi chọn **Nhiệm vụ → Đề xuất nhiệm vụ…**: chidao đề xuất nhiệm vụ từ các câu giao việc, kèm đơn vị chủ trì, thời hạn và chỉ tiêu; xem lại, sửa rồi tạo. Khi đơn vị báo cáo, chọn nhiệm vụ trên màn hình **Nhiệm vụ** rồi bấm **Thêm ghi chú…** (Ctrl+N): ngày, nội dung, tiến độ, số văn bản báo cáo và tệp đính kèm. Ghi chú sửa lại vẫn giữ bản cũ trong nhật ký thay đổi.",
	"## Quá hạn",
	"Nhiệm vụ đã quá thời hạn mà chưa hoàn thành được đánh dấu đỏ; số nhiệm vụ quá hạn hiện trên mục **Nhiệm vụ** ở thanh bên trái, và chidao nhắc khi có nhiệm vụ quá hạn hoặc sắp đến hạn. Lọc danh sách theo trạng thái, đơn vị hoặc văn bản để xem nhanh.",
	"## Báo cáo và in",
	"Trên màn hình **Báo cáo**, chọn phạm vi (một kế hoạch, một văn bản Trung ương, một đơn vị hay tất cả), kỳ báo cáo và cách nhóm, rồi bấm **Xem trước**: các trang hiện đúng như khi in. **In** (Ctrl+P) gửi ra máy in; **Lưu…** lưu ra PDF, Word hoặc Excel. Tên cơ quan, thể thức (Đảng — HD 36, Nhà nước — NĐ 30) và người ký đặt ở **Cơ quan ban hành báo cáo…** (menu Báo cáo, hoặc Cài đặt).",
	"## Sao lưu",
	"Thư viện là một thư mục (xem **Tệp → Cài đặt…**): `chidao.db` giữ mọi dữ liệu, `originals` giữ các tệp gốc và tệp đính kèm, `index` là chỉ mục tìm kiếm (tự dựng lại được). Hãy sao lưu định kỳ: đóng chidao rồi chép cả thư mục thư viện sang ổ khác. Để đưa thư viện sang ổ khác, dùng **Cài đặt → Chuyển thư viện sang thư mục khác…**: thư viện cũ được giữ nguyên cho đến khi bạn tự xóa.",
}

// guideMarkdown is the guide in the interface language.
func guideMarkdown() string {
	out := make([]string, len(guideParagraphs))
	for i, p := range guideParagraphs {
		out[i] = lang.L(p)
	}
	return strings.Join(out, "\n\n")
}

// showGuide opens «Hướng dẫn sử dụng».
func (u *mainUI) showGuide() *widget.RichText {
	text := widget.NewRichTextFromMarkdown(guideMarkdown())
	text.Wrapping = fyne.TextWrapWord
	u.help = text
	d := dialog.NewCustom(lang.L("Hướng dẫn sử dụng"), lang.L("Đóng"), container.NewVScroll(text), u.w)
	size := u.w.Canvas().Size()
	d.Resize(fyne.NewSize(min(820, max(size.Width*0.8, 560)), min(700, max(size.Height*0.9, 420))))
	d.Show()
	return text
}

// shortcutKey is the modifier of the window's shortcuts as the keyboard
// names it.
func shortcutKey() string {
	if runtime.GOOS == "darwin" {
		return "⌘"
	}
	return "Ctrl"
}

// i18n: what each shortcut does.
var shortcutList = []struct{ key, what string }{
	{"F", "Tìm trong văn bản (về ô tìm kiếm)"},
	{"O", "Nhập tệp"},
	{"P", "In báo cáo đang xem"},
	{"N", "Thêm ghi chú cho nhiệm vụ đang chọn (màn hình Nhiệm vụ)"},
	{",", "Cài đặt"},
}

// showShortcuts opens «Phím tắt».
func (u *mainUI) showShortcuts() fyne.CanvasObject {
	grid := container.New(layout.NewFormLayout())
	add := func(key, what string) {
		k := widget.NewLabel(key)
		k.TextStyle.Monospace = true
		w := widget.NewLabel(what)
		w.Wrapping = fyne.TextWrapWord
		grid.Add(k)
		grid.Add(w)
	}
	for _, s := range shortcutList {
		add(shortcutKey()+"+"+s.key, lang.L(s.what))
	}
	add("Enter", lang.L("Tìm ngay (trong ô tìm kiếm)"))
	content := container.New(fixedWidth(520), grid)
	u.help = content
	dialog.NewCustom(lang.L("Phím tắt"), lang.L("Đóng"), content, u.w).Show()
	return content
}

// showAbout opens «Giới thiệu»: version, licence and the notices of the
// components.
func (u *mainUI) showAbout() fyne.CanvasObject {
	name := widget.NewLabel("chidao " + appVersion)
	name.TextStyle.Bold = true
	name.SizeName = theme.SizeNameSubHeadingText
	para := func(s string) *widget.Label {
		l := widget.NewLabel(s)
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	content := container.NewVBox(
		container.NewHBox(widget.NewIcon(fyne.CurrentApp().Icon()), name),
		para(lang.L("Theo dõi văn bản chỉ đạo: tìm văn bản, giao việc cho đơn vị, theo dõi tiến độ và lập báo cáo.")),
		para(lang.L("Phần mềm tự do theo Giấy phép Công cộng Affero GNU, phiên bản 3 (AGPL-3.0): bạn được dùng, sửa đổi và phân phối lại chương trình, kèm mã nguồn, theo các điều khoản của giấy phép. Chương trình được cung cấp mà không kèm bất kỳ bảo đảm nào.")),
		para(lang.L("Đọc PDF, Word, EPUB và hiển thị trang gốc bằng MuPDF (© Artifex Software, Inc., giấy phép AGPL-3.0) qua thư viện go-fitz.")),
		para(lang.L("Dùng thêm: Fyne (BSD-3-Clause), Bleve (Apache-2.0), SQLite (phạm vi công cộng) qua modernc.org/sqlite (BSD-3-Clause), fpdf (MIT), phông chữ Liberation (SIL OFL 1.1), excelize (BSD-3-Clause).")),
		widget.NewHyperlink("https://chidao.vn", parseURL("https://chidao.vn")),
	)
	box := container.New(fixedWidth(520), content)
	u.help = box
	dialog.NewCustom(lang.L("Giới thiệu"), lang.L("Đóng"), box, u.w).Show()
	return box
}

// parseURL is u parsed, nil when it does not parse.
func parseURL(u string) *url.URL {
	p, err := url.Parse(u)
	if err != nil {
		return nil
	}
	return p
}
