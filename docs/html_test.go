package docs

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"
)

func readHTML(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func htmlMustText(t *testing.T, b []byte) string {
	t.Helper()
	s, err := HTMLText(b)
	if err != nil {
		t.Fatal(err)
	}
	if !norm.NFC.IsNormalString(s) {
		t.Error("text is not NFC")
	}
	return s
}

func checkAbsent(t *testing.T, s string, junk []string) {
	t.Helper()
	for _, j := range junk {
		if strings.Contains(s, j) {
			t.Errorf("page furniture %q left in the text", j)
		}
	}
}

// TestHTMLTextPortal reads a page saved from a legal portal (an ASP.NET form
// around everything, header menu, breadcrumb, tabs, related documents,
// comments, sidebar, footer, scripts) holding the first paragraphs of the
// 2020 plan, and finds them as the plain text version gives them.
func TestHTMLTextPortal(t *testing.T) {
	s := htmlMustText(t, readHTML(t, "html-thuvienphapluat.html"))
	checkAbsent(t, s, []string{"Trang chủ", "Đăng nhập", "Tìm kiếm", "Nhập từ khóa", "Bộ máy hành chính",
		"Loại văn bản", "Lược đồ", "Tải về", "Văn bản liên quan", "Nghị quyết 39-NQ/TW năm 2015", "Bình luận",
		"Văn bản mới", "Nghị định 170", "Quảng cáo", "Chủ quản", "Facebook", "cookie", "JavaScript",
		"dataLayer", "ga(", "VIEWSTATE", "Thư Viện Pháp Luật", "THƯ VIỆN PHÁP LUẬT"})
	if !strings.HasPrefix(s, "KẾ HOẠCH\n\nthực hiện Kết luận số 74-KL/TW") {
		t.Errorf("text starts %q", s[:min(len(s), 80)])
	}
	if strings.Contains(s, "\n\n\n") {
		t.Error("more than one blank line between paragraphs")
	}

	got := Rebuild(SplitPages(s))
	txt := map[string]Paragraph{}
	for _, p := range Rebuild(readPages(t, "clean-kh-tu-2020.txt")) {
		p.Text = strings.ReplaceAll(p.Text, "*", "") // the text file marks italics
		txt[p.Text] = p
	}
	if len(got) < 20 {
		t.Errorf("only %d paragraphs", len(got))
	}
	for _, p := range got {
		w, ok := txt[p.Text]
		if !ok {
			t.Errorf("paragraph not in the text version: %q", p.Text)
			continue
		}
		if w.Footnote != p.Footnote {
			t.Errorf("footnote %v, want %v: %q", p.Footnote, w.Footnote, p.Text)
		}
	}
	for _, want := range []string{
		"Nhìn chung, qua sắp xếp, tổ chức bộ máy của các cơ quan, đơn vị tiếp tục được củng cố",
		"Thành lập Trung tâm dịch vụ nông nghiệp trực thuộc Ủy ban nhân dân cấp huyện⁽¹⁾; tiến hành",
		"trong hệ thống chính trị. Thực hiện kịp thời",
		"- Lưu Văn phòng Tỉnh ủy.",
		"Đỗ Thanh Bình",
	} {
		if len(paraWith(got, want)) != 1 {
			t.Errorf("no paragraph with %q", want)
		}
	}
	if notes := paraWith(got, "Thực hiện thí điểm tại huyện tân Hiệp"); len(notes) != 1 || !notes[0].Footnote {
		t.Errorf("footnote: %s", dumpParas(notes))
	}
}

// TestHTMLTextArticle reads a page built on HTML5 elements: a site header
// and nav, an article with its own header (title, share tools), related news,
// an aside, a footer, an iframe and an svg.
func TestHTMLTextArticle(t *testing.T) {
	s := htmlMustText(t, readHTML(t, "html-chinhphu.html"))
	checkAbsent(t, s, []string{"CỔNG THÔNG TIN", "Trang chủ", "Chính sách mới", "Chia sẻ", "In bài", "Gửi email",
		"Tin liên quan", "Sắp xếp tổ chức bộ máy: kết quả", "Từ khóa", "Đọc nhiều", "Bản quyền", "Nội dung ẩn",
		"Bình luận HTML", "adsbygoogle", "biểu tượng", "youtube", "Cổng thông tin"})
	for _, want := range []string{
		"KẾ HOẠCH\n\nthực hiện Kết luận số 74-KL/TW",
		"\n\nTổ chức bộ máy của hệ thống chính trị các cấp trong tỉnh",
		"\n\nSTT | Nội dung | Thời hạn\n\n1 | Giảm tối thiểu 10% biên chế của tỉnh so với năm 2015 | Cuối năm 2021\n\n2 | Nhiệm kỳ 2021-2026\n\n",
		"\n\nNơi nhận:\n- TT Ban Bí thư (đề b/c),\n- Lưu Văn phòng Tỉnh ủy.",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	ps := Rebuild(SplitPages(s))
	if ps[0].Text != "KẾ HOẠCH" {
		t.Errorf("first paragraph %q", ps[0].Text)
	}
	if len(paraWith(ps, "STT | Nội dung | Thời hạn")) != 1 || len(paraWith(ps, "1 | Giảm tối thiểu")) != 1 ||
		len(paraWith(ps, "Thời hạn 1 |")) != 0 {
		t.Errorf("table rows joined: %s", dumpParas(ps))
	}
}

func TestHTMLTextElements(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"paragraphs", "<p>Điều 1. Phạm vi điều chỉnh</p><p>Luật này quy định về tổ chức thanh tra.</p>",
			"Điều 1. Phạm vi điều chỉnh\n\nLuật này quy định về tổ chức thanh tra."},
		{"inline elements keep their spaces", "<p><b>Điều</b> 1. <i>Phạm vi</i>&nbsp;điều <span>chỉnh</span></p>",
			"Điều 1. Phạm vi điều chỉnh"},
		{"no space inside a word", "<p>Thanh <b>tra</b>viên; <a href=x>Ch</a>ính phủ</p>", "Thanh traviên; Chính phủ"},
		{"source line breaks are spaces", "<p>Căn cứ Luật Tổ chức\n   Chính phủ ngày\n19 tháng 6 năm 2015;</p>",
			"Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;"},
		{"br ends a line", "<p>Nơi nhận:<br>- Như trên;<br/>- Lưu VT.</p>", "Nơi nhận:\n- Như trên;\n- Lưu VT."},
		{"nested blocks give one blank line", "<div><div><p>KẾ HOẠCH</p></div><div></div><p></p><div><h2>I- MỤC ĐÍCH</h2></div></div>",
			"KẾ HOẠCH\n\nI- MỤC ĐÍCH"},
		{"lists", "<ul><li>Các ban đảng Trung ương,</li><li>Lưu VT.</li></ul>", "Các ban đảng Trung ương,\n\nLưu VT."},
		{"table cells", "<table><tr><th>STT</th><th>Đơn vị</th></tr><tr><td>1</td><td> Sở Nội vụ </td></tr></table>",
			"STT | Đơn vị\n\n1 | Sở Nội vụ"},
		{"empty cells leave no separator", "<table><tr><td></td><td>Sở Nội vụ</td><td>&nbsp;</td><td>10%</td></tr></table>",
			"Sở Nội vụ | 10%"},
		{"cells laid out with blocks are paragraphs",
			"<table><tr><td><p><b>ỦY BAN NHÂN DÂN</b></p><p>TỈNH BÌNH DƯƠNG</p></td><td><p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</p></td></tr></table>",
			"ỦY BAN NHÂN DÂN\n\nTỈNH BÌNH DƯƠNG\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"},
		{"note marks", "<p>cấp huyện<sup>(1)</sup>; tiến hành</p><p><sup>1</sup> Thực hiện thí điểm.</p><p>m<sup>2</sup> đất; x<sup>n</sup></p>",
			"cấp huyện⁽¹⁾; tiến hành\n\n¹ Thực hiện thí điểm.\n\nm² đất; xn"},
		{"hidden and never shown", `<p>Hiện</p><p style="display: none">Ẩn</p><div hidden>Ẩn</div><!-- Ẩn --><script>Ẩn</script><style>p{}</style><noscript>Ẩn</noscript><select><option>Ẩn</option></select><button>Ẩn</button><p>Hiện</p>`,
			"Hiện\n\nHiện"},
		{"entities", "<p>Độc lập &ndash; Tự do &#8211; Hạnh phúc &amp; &quot;ấm no&quot;</p>", "Độc lập – Tự do – Hạnh phúc & \"ấm no\""},
		{"pre keeps its lines", "<pre>Nơi nhận:\n- Như trên;\n\n- Lưu VT.</pre>", "Nơi nhận:\n- Như trên;\n- Lưu VT."},
		{"decomposed text comes back NFC", "<p>" + norm.NFD.String("Thực hiện Kết luận") + "</p>", "Thực hiện Kết luận"},
		{"no body", "Chỉ có chữ", "Chỉ có chữ"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := htmlMustText(t, []byte(tt.in)); got != tt.want {
				t.Errorf("HTMLText(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

// longText is enough body text for a block to count as the page's content.
var longText = strings.Repeat("Các cấp ủy, tổ chức đảng phải quán triệt đầy đủ, sâu sắc nội dung Kết luận số 74-KL/TW. ", 4)

func TestHTMLTextMainContent(t *testing.T) {
	tests := []struct {
		name, in   string
		want, junk []string
	}{
		{
			name: "the content block wins over a long menu",
			in: `<body><div class="topmenu">` + strings.Repeat("<a>Văn bản pháp luật</a> ", 30) + `</div>
				<div id="noidung"><p>` + longText + `</p></div><div class="box">Tin khác</div></body>`,
			want: []string{longText[:40]},
			junk: []string{"Văn bản pháp luật", "Tin khác"},
		},
		{
			name: "the candidate with most text is chosen",
			in: `<div class="content-box"><p>Tin vắn ngắn trong ngày.</p></div>
				<div id="toanvan"><p>` + longText + `</p></div>`,
			want: []string{longText[:40]},
			junk: []string{"Tin vắn"},
		},
		{
			name: "furniture inside the content is dropped",
			in: `<article><p>` + longText + `</p><div class="social-share">Chia sẻ</div>
				<div id="breadcrumb-bottom">Trang chủ</div><div class="comments">Bình luận</div></article>`,
			want: []string{longText[:40]},
			junk: []string{"Chia sẻ", "Trang chủ", "Bình luận"},
		},
		{
			name: "a furniture class on the wrapper of everything does not drop everything",
			in:   `<body class="layout-with-sidebar"><div class="page-header-wrap"><p>` + longText + `</p></div><div class="sidebar">Đọc nhiều</div></body>`,
			want: []string{longText[:40]},
			junk: []string{"Đọc nhiều"},
		},
		{
			name: "a search form is dropped, a form around the page is not",
			in: `<form id="aspnetForm"><form class="search"><label>Từ khóa</label></form>
				<div class="fulltext"><p>` + longText + `</p></div></form>`,
			want: []string{longText[:40]},
			junk: []string{"Từ khóa"},
		},
		{
			name: "without a content block the body is read",
			in:   `<body><nav>Trang chủ</nav><h1>KẾ HOẠCH</h1><p>` + longText + `</p><footer>Bản quyền</footer></body>`,
			want: []string{"KẾ HOẠCH\n\n" + longText[:40]},
			junk: []string{"Trang chủ", "Bản quyền"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := htmlMustText(t, []byte(tt.in))
			for _, w := range tt.want {
				if !strings.Contains(s, w) {
					t.Errorf("text lacks %q:\n%s", w, s)
				}
			}
			checkAbsent(t, s, tt.junk)
		})
	}
}

// enc1258 encodes Vietnamese text in windows-1258 as Vietnamese Windows did:
// a base letter (precomposed with its circumflex, breve or horn when the code
// page has it) followed by a combining tone mark.
func enc1258(t *testing.T, s string) []byte {
	t.Helper()
	enc := charmap.Windows1258.NewEncoder()
	var out []byte
	for _, r := range norm.NFC.String(s) {
		if b, err := enc.Bytes([]byte(string(r))); err == nil {
			out = append(out, b...)
			continue
		}
		d := []rune(norm.NFD.String(string(r)))
		base, marks := string(d[0]), d[1:]
		for i, m := range marks {
			if c := norm.NFC.String(base + string(m)); len([]rune(c)) == 1 {
				if _, err := enc.Bytes([]byte(c)); err == nil {
					base = c
					marks = append(append([]rune{}, marks[:i]...), marks[i+1:]...)
					break
				}
			}
		}
		b, err := enc.Bytes([]byte(base + string(marks)))
		if err != nil {
			t.Fatalf("cannot encode %q in windows-1258: %v", r, err)
		}
		out = append(out, b...)
	}
	return out
}

func TestHTMLTextCharset(t *testing.T) {
	const text = "Thực hiện Kết luận số 74-KL/TW của Bộ Chính trị; Ủy ban nhân dân tỉnh, Đảng ủy, người đứng đầu."
	page := func(meta string) string {
		return "<html><head>" + meta + "<title>Văn bản</title></head><body><p>" + text + "</p></body></html>"
	}
	utf16 := func(s string) []byte {
		b, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	tests := []struct {
		name string
		in   []byte
	}{
		{"utf-8", []byte(page(`<meta charset="utf-8">`))},
		{"utf-8 without meta", []byte(page(""))},
		{"utf-8 with a BOM", append([]byte{0xEF, 0xBB, 0xBF}, page("")...)},
		{"utf-8 though the meta says windows-1258 (converted already)", []byte(page(`<meta charset="windows-1258">`))},
		{"windows-1258 meta charset", enc1258(t, page(`<meta charset="windows-1258">`))},
		{"windows-1258 http-equiv", enc1258(t, page(`<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">`))},
		{"windows-1258 without meta", enc1258(t, page(""))},
		{"utf-16 with a BOM", utf16(page(""))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := htmlMustText(t, tt.in); got != text {
				t.Errorf("got %q", got)
			}
		})
	}
	// A declared single-byte charset other than windows-1258 is honoured.
	latin := []byte("<meta charset=\"iso-8859-1\"><p>Caf\xe9</p>")
	if got := htmlMustText(t, latin); got != "Café" {
		t.Errorf("iso-8859-1: got %q", got)
	}
}

// TestHTMLTextDeep reads a page nested deeper than html.Parse accepts.
func TestHTMLTextDeep(t *testing.T) {
	page := "<html><head><script>var x = '<p>Ẩn</p>';</script></head><body>" +
		strings.Repeat("<div class=content><table><tr><td><p>Điều 1.</p></td><td>Phạm vi<br>điều chỉnh</td></tr></table>", 600) +
		strings.Repeat("</div>", 600) + "</body></html>"
	s := htmlMustText(t, []byte(page))
	if want := strings.TrimSuffix(strings.Repeat("Điều 1.\n\nPhạm vi\nđiều chỉnh\n\n", 600), "\n\n"); s != want {
		t.Errorf("got %q...", s[:min(len(s), 200)])
	}
}

func FuzzHTMLText(f *testing.F) {
	f.Add([]byte("<p>Điều 1.<br>a) <b>Thanh</b> tra</p><table><tr><td>1</td><td><p>x</p></td></tr></table>"))
	f.Add([]byte("<article><header><h1>KẾ HOẠCH</h1></header><div class=content><sup>(1)</sup></div></article>"))
	f.Add([]byte("<pre>\r\n a \r b</pre><form><div class=menu>x</div></form>\xff\xfe"))
	f.Add(bytes.Repeat([]byte("<div class=noidung>"), 50))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := HTMLText(b)
		if err != nil {
			return
		}
		if !norm.NFC.IsNormalString(s) {
			t.Errorf("not NFC: %q", s)
		}
		if strings.Contains(s, "\n\n\n") || s != strings.TrimSpace(s) {
			t.Errorf("untidy: %q", s)
		}
		Rebuild(SplitPages(s))
	})
}

func BenchmarkHTMLText(b *testing.B) {
	page := readHTML(b, "html-thuvienphapluat.html")
	for b.Loop() {
		if _, err := HTMLText(page); err != nil {
			b.Fatal(err)
		}
	}
}
