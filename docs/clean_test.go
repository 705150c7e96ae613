package docs

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

func TestSplitPages(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", []string{""}},
		{"một trang", []string{"một trang"}},
		{"trang 1\ftrang 2", []string{"trang 1", "trang 2"}},
		{"trang 1\ftrang 2\f", []string{"trang 1", "trang 2"}},
		{"trang 1\f\ftrang 3", []string{"trang 1", "", "trang 3"}},
	}
	for _, tt := range tests {
		if got := SplitPages(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("SplitPages(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// body makes the paragraphs of one page.
func body(page int, texts ...string) []Paragraph {
	var ps []Paragraph
	for _, s := range texts {
		ps = append(ps, Paragraph{Text: s, Page: page})
	}
	return ps
}

func TestRebuildRules(t *testing.T) {
	tests := []struct {
		name  string
		pages []string
		want  []Paragraph
	}{
		{
			name: "wrapped lines join",
			pages: []string{"Nhìn chung, qua sắp xếp, tổ chức bộ máy của các cơ quan, đơn vị tiếp tục được củng \n" +
				"cố, kiện toàn theo hướng tinh gọn, thực hiện tốt chức năng, nhiệm vụ được giao; nhiều \n" +
				"cơ quan, đơn vị được sắp xếp đi vào hoạt động ổn định."},
			want: body(1, "Nhìn chung, qua sắp xếp, tổ chức bộ máy của các cơ quan, đơn vị tiếp tục được củng cố, "+
				"kiện toàn theo hướng tinh gọn, thực hiện tốt chức năng, nhiệm vụ được giao; nhiều cơ quan, đơn vị "+
				"được sắp xếp đi vào hoạt động ổn định."),
		},
		{
			name: "a sentence ending a full line goes on",
			pages: []string{"Chú trọng cơ cấu lại và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức khi tiến hành tinh giản biên chế. \n" +
				"Hoàn thiện hệ thống danh mục, vị trí việc làm, khung năng lực của cán bộ, công chức, viên chức trong hệ thống chính trị."},
			want: body(1, "Chú trọng cơ cấu lại và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức khi tiến hành tinh giản biên chế. "+
				"Hoàn thiện hệ thống danh mục, vị trí việc làm, khung năng lực của cán bộ, công chức, viên chức trong hệ thống chính trị."),
		},
		{
			name: "hyphen glued to a word joins without a space before lower case",
			pages: []string{"Hệ thống cung ứng dịch vụ sự nghiệp công; mạng lưới y tế, giáo dục, văn hóa-\n" +
				"thể dục-thể thao được hình thành và phân bố rộng khắp."},
			want: body(1, "Hệ thống cung ứng dịch vụ sự nghiệp công; mạng lưới y tế, giáo dục, văn hóa-thể dục-thể thao "+
				"được hình thành và phân bố rộng khắp."),
		},
		{
			name: "a spaced hyphen keeps its space",
			pages: []string{"góp phần thúc đẩy sự phát triển kinh tế -\n" +
				"xã hội của tỉnh."},
			want: body(1, "góp phần thúc đẩy sự phát triển kinh tế - xã hội của tỉnh."),
		},
		{
			name: "a document number cut at its hyphen or slash is glued",
			pages: []string{"thực hiện Kết luận số 74-KL/TW của Bộ Chính trị về kết quả 02 năm thực hiện Nghị quyết số 18-NQ/TW và số 19-\n" +
				"NQ/TW của Ban Chấp hành Trung ương khóa XII và 04 năm thực hiện Nghị quyết số 39-NQ/\n" +
				"TW của Bộ Chính trị khóa XI"},
			want: body(1, "thực hiện Kết luận số 74-KL/TW của Bộ Chính trị về kết quả 02 năm thực hiện Nghị quyết số 18-NQ/TW "+
				"và số 19-NQ/TW của Ban Chấp hành Trung ương khóa XII và 04 năm thực hiện Nghị quyết số 39-NQ/TW của Bộ Chính trị khóa XI"),
		},
		{
			name: "a code wrapped onto its own line stays in the sentence",
			pages: []string{"- Về đối tượng và thành phần tham dự kiểm điểm: thực hiện theo điểm 2.6 khoản 2 Mục I Hướng dẫn số\n" +
				"01-HD/BTCTU."},
			want: body(1, "- Về đối tượng và thành phần tham dự kiểm điểm: thực hiện theo điểm 2.6 khoản 2 Mục I Hướng dẫn số 01-HD/BTCTU."),
		},
		{
			name: "a dash that wraps inside a sentence is not a list item",
			pages: []string{"góp phần thúc đẩy sự phát triển kinh tế\n" +
				"- xã hội của tỉnh."},
			want: body(1, "góp phần thúc đẩy sự phát triển kinh tế - xã hội của tỉnh."),
		},
		{
			name: "headings and list items start paragraphs",
			pages: []string{"Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, tổ chức đảng lãnh đạo triển khai thực hiện tốt những công việc sau đây\n" +
				"1. Công tác tuyên truyền, giáo dục\n" +
				"2.1. Về thực hiện Nghị quyết số 18-NQ/TW của Ban Chấp hành Trung ương\n" +
				"2.1.1. Về tổ chức bộ máy\n" +
				"a) Thanh tra Chính phủ\n" +
				"đ) Thanh tra huyện, quận, thị xã, thành phố thuộc tỉnh\n" +
				"I- MỤC ĐÍCH, YÊU CẦU\n" +
				"II. NHIỆM VỤ VÀ GIẢI PHÁP\n" +
				"A. KHÁI QUÁT TÌNH HÌNH\n" +
				"- Tổ chức bộ máy của hệ thống chính trị các cấp trong tỉnh từng bước được kiện toàn\n" +
				"+ Sở Nội vụ chủ trì\n" +
				"Điều 3. Giải thích từ ngữ\n" +
				"Chương II\n" +
				"Mục 1. Thanh tra Chính phủ\n" +
				"Phần thứ nhất"},
			want: body(1,
				"Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, tổ chức đảng lãnh đạo triển khai thực hiện tốt những công việc sau đây",
				"1. Công tác tuyên truyền, giáo dục",
				"2.1. Về thực hiện Nghị quyết số 18-NQ/TW của Ban Chấp hành Trung ương",
				"2.1.1. Về tổ chức bộ máy",
				"a) Thanh tra Chính phủ",
				"đ) Thanh tra huyện, quận, thị xã, thành phố thuộc tỉnh",
				"I- MỤC ĐÍCH, YÊU CẦU",
				"II. NHIỆM VỤ VÀ GIẢI PHÁP",
				"A. KHÁI QUÁT TÌNH HÌNH",
				"- Tổ chức bộ máy của hệ thống chính trị các cấp trong tỉnh từng bước được kiện toàn",
				"+ Sở Nội vụ chủ trì",
				"Điều 3. Giải thích từ ngữ",
				"Chương II",
				"Mục 1. Thanh tra Chính phủ",
				"Phần thứ nhất"),
		},
		{
			name:  "an all-caps title is its own paragraph",
			pages: []string{"KẾ HOẠCH\nthực hiện Kết luận số 74-KL/TW của Bộ Chính trị\n\nNƠI NHẬN\n- Như trên;"},
			want:  body(1, "KẾ HOẠCH", "thực hiện Kết luận số 74-KL/TW của Bộ Chính trị", "NƠI NHẬN", "- Như trên;"),
		},
		{
			name: "a capital title wrapped over two lines joins",
			pages: []string{"A. KHÁI QUÁT TÌNH HÌNH, KẾT QUẢ 02 NĂM THỰC HIỆN NGHỊ QUYẾT SỐ 18, 19-NQ/TW CỦA BAN \n" +
				"CHẤP HÀNH TRUNG ƯƠNG KHÓA XII VÀ 04 NĂM THỰC HIỆN NGHỊ QUYẾT SỐ 39-NQ/TW CỦA BỘ \n" +
				"CHÍNH TRỊ KHÓA XI\n\n" +
				"CƠ QUAN ĐƯỢC GIAO THỰC HIỆN CHỨC NĂNG THANH TRA CHUYÊN\n\nNGÀNH"},
			want: body(1, "A. KHÁI QUÁT TÌNH HÌNH, KẾT QUẢ 02 NĂM THỰC HIỆN NGHỊ QUYẾT SỐ 18, 19-NQ/TW CỦA BAN CHẤP HÀNH "+
				"TRUNG ƯƠNG KHÓA XII VÀ 04 NĂM THỰC HIỆN NGHỊ QUYẾT SỐ 39-NQ/TW CỦA BỘ CHÍNH TRỊ KHÓA XI",
				"CƠ QUAN ĐƯỢC GIAO THỰC HIỆN CHỨC NĂNG THANH TRA CHUYÊN NGÀNH"),
		},
		{
			name: "two-column header lines stay apart",
			pages: []string{"ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nTỈNH BÌNH DƯƠNG\nĐộc lập - Tự do - Hạnh phúc\n\n" +
				"Số: 09/2009/CT-UBND\nThủ Dầu Một, ngày 15  tháng 4  năm 2009\n\n \n\nCHỈ THỊ \n\n" +
				"Về việc đẩy mạnh hoạt động khoa học và công nghệ cấp cơ sở \n\n" +
				"Trong thời gian qua, hoạt động khoa học và công nghệ cấp sở, ban, ngành,\n\nhuyện, thị xã được tỉnh quan tâm, chỉ đạo."},
			want: body(1, "ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "TỈNH BÌNH DƯƠNG", "Độc lập - Tự do - Hạnh phúc",
				"Số: 09/2009/CT-UBND", "Thủ Dầu Một, ngày 15 tháng 4 năm 2009", "CHỈ THỊ",
				"Về việc đẩy mạnh hoạt động khoa học và công nghệ cấp cơ sở",
				"Trong thời gian qua, hoạt động khoa học và công nghệ cấp sở, ban, ngành, huyện, thị xã được tỉnh quan tâm, chỉ đạo."),
		},
		{
			name: "a spurious blank line inside a sentence is dropped",
			pages: []string{"b) Các sở, ban, ngành, huyện, thị xã xây dựng kế hoạch hoạt động khoa học\n\n" +
				"và công nghệ hàng năm phục vụ kế hoạch phát triển kinh tế - xã hội.\n\n" +
				"Các sở, ban, ngành, huyện, thị xã có sự phối kết hợp với Sở Khoa học và\n\n" +
				"Công nghệ trong công tác quản lý.\n\n" +
				"Để góp phần đẩy mạnh hoạt động khoa học và công nghệ trên địa bàn tỉnh,\n\n" +
				"Ủy ban nhân dân tỉnh yêu cầu lãnh đạo các sở, ban, ngành thực hiện tốt các nội dung sau đây:"},
			want: body(1,
				"b) Các sở, ban, ngành, huyện, thị xã xây dựng kế hoạch hoạt động khoa học và công nghệ hàng năm phục vụ kế hoạch phát triển kinh tế - xã hội.",
				"Các sở, ban, ngành, huyện, thị xã có sự phối kết hợp với Sở Khoa học và Công nghệ trong công tác quản lý.",
				"Để góp phần đẩy mạnh hoạt động khoa học và công nghệ trên địa bàn tỉnh, Ủy ban nhân dân tỉnh yêu cầu lãnh đạo các sở, ban, ngành thực hiện tốt các nội dung sau đây:"),
		},
		{
			name: "a blank line after a finished sentence or a heading separates",
			pages: []string{"Công tác kiểm tra, giám sát, đôn đốc việc thực hiện chưa được thường xuyên.\n\n" +
				"tiếp tục theo dõi.\n\n" +
				"1. Công tác tuyên truyền, giáo dục\n\n" +
				"Triển khai, quán triệt trong nội bộ và lãnh đạo tổ chức thực hiện có hiệu quả."},
			want: body(1, "Công tác kiểm tra, giám sát, đôn đốc việc thực hiện chưa được thường xuyên.",
				"tiếp tục theo dõi.",
				"1. Công tác tuyên truyền, giáo dục",
				"Triển khai, quán triệt trong nội bộ và lãnh đạo tổ chức thực hiện có hiệu quả."),
		},
		{
			name: "emphasis closing a line does not end the sentence",
			pages: []string{"- Không mở rộng thực hiện thí điểm mô hình tổ chức mới (*mô hình cơ quan tham mưu, giúp việc chung khối Mặt trận Tổ quốc và các đoàn thể chính trị-xã hội*\n\n" +
				"cấp huyện, ...) và kiêm nhiệm một số chức danh cán bộ lãnh đạo cấp huyện."},
			want: body(1, "- Không mở rộng thực hiện thí điểm mô hình tổ chức mới (*mô hình cơ quan tham mưu, giúp việc chung khối Mặt trận Tổ quốc và các đoàn thể chính trị-xã hội* "+
				"cấp huyện, ...) và kiêm nhiệm một số chức danh cán bộ lãnh đạo cấp huyện."),
		},
		{
			name: "recipients stay apart",
			pages: []string{"Nơi nhận:\n- TT Ban Bí thư (đề b/c),\n- Các ban đảng Trung ương,\n- Các đ/c Nguyễn Đức Cung, Vũ Anh Tuấn, Nguyễn Văn Hải,\nNguyễn Trịnh Hoàn,\n- Lưu Văn phòng Tỉnh ủy.\n\n" +
				"**T/M BAN THƯỜNG VỤ\nBÍ THƯ**\n\nĐỗ Thanh Bình"},
			want: body(1, "Nơi nhận:", "- TT Ban Bí thư (đề b/c),", "- Các ban đảng Trung ương,",
				"- Các đ/c Nguyễn Đức Cung, Vũ Anh Tuấn, Nguyễn Văn Hải, Nguyễn Trịnh Hoàn,", "- Lưu Văn phòng Tỉnh ủy.",
				"**T/M BAN THƯỜNG VỤ", "BÍ THƯ**", "Đỗ Thanh Bình"),
		},
		{
			name:  "a signature note and a name stay apart",
			pages: []string{"- CT, PCT UBND tỉnh;\n(Đã ký)\nNguyễn Văn Hiệp"},
			want:  body(1, "- CT, PCT UBND tỉnh;", "(Đã ký)", "Nguyễn Văn Hiệp"),
		},
		{
			name: "a paragraph goes on across a page break",
			pages: []string{
				"Đẩy mạnh xã hội hóa các dịch vụ công ở những nơi có đủ điều \n\n",
				"kiện, nhất là ở các đô thị.\n\n2.3. Về thực hiện Nghị quyết số 39-NQ/TW",
				"Phát huy sức mạnh của cả hệ thống chính trị từ năm 2015 đến năm\n",
				"2019, tiến hành rà soát.",
			},
			want: []Paragraph{
				{Text: "Đẩy mạnh xã hội hóa các dịch vụ công ở những nơi có đủ điều kiện, nhất là ở các đô thị.", Page: 1},
				{Text: "2.3. Về thực hiện Nghị quyết số 39-NQ/TW", Page: 2},
				{Text: "Phát huy sức mạnh của cả hệ thống chính trị từ năm 2015 đến năm 2019, tiến hành rà soát.", Page: 3},
			},
		},
		{
			name: "a finished paragraph ends at a page break",
			pages: []string{
				"1. Các cấp ủy thực hiện Nghị quyết số 39 của Bộ Chính trị \nkhóa XI.\n\n",
				"2. Sắp xếp, kiện toàn tổ chức bộ máy.",
			},
			want: []Paragraph{
				{Text: "1. Các cấp ủy thực hiện Nghị quyết số 39 của Bộ Chính trị khóa XI.", Page: 1},
				{Text: "2. Sắp xếp, kiện toàn tổ chức bộ máy.", Page: 2},
			},
		},
		{
			name: "page numbers are dropped",
			pages: []string{
				"Trang 1\nHoàn thành quy hoạch mạng lưới các đơn vị sự nghiệp\n",
				"- 2 -\ncông lập.\n\n2",
				"3\nb) Thanh tra bộ;\n3/5",
				"Trang 4\nc) Thanh tra tỉnh;",
			},
			want: []Paragraph{
				{Text: "Hoàn thành quy hoạch mạng lưới các đơn vị sự nghiệp công lập.", Page: 1},
				{Text: "b) Thanh tra bộ;", Page: 3},
				{Text: "c) Thanh tra tỉnh;", Page: 4},
			},
		},
		{
			name: "running headers and footers are dropped",
			pages: []string{
				"CÔNG BÁO/Số 245 + 246/Ngày 25-4-2011\n\nĐiều 1. Phạm vi điều chỉnh\n\nThông tư này hướng dẫn về thể thức văn bản\n\nwww.congbao.vn",
				"CÔNG BÁO/Số 247 + 248/Ngày 26-4-2011\n\nvà kỹ thuật trình bày văn bản hành chính.\n\nwww.congbao.vn",
				"CÔNG BÁO/Số 249 + 250/Ngày 27-4-2011\n\nĐiều 2. Đối tượng áp dụng\n\nwww.congbao.vn",
			},
			want: []Paragraph{
				{Text: "Điều 1. Phạm vi điều chỉnh", Page: 1},
				{Text: "Thông tư này hướng dẫn về thể thức văn bản và kỹ thuật trình bày văn bản hành chính.", Page: 1},
				{Text: "Điều 2. Đối tượng áp dụng", Page: 3},
			},
		},
		{
			name:  "decorative rules are dropped, whitespace collapsed",
			pages: []string{"QUỐC HỘI\n\n-------\n\nLuật  số:\t56/2010/QH12\u00a0\n--------------"},
			want:  body(1, "QUỐC HỘI", "Luật số: 56/2010/QH12"),
		},
		{
			name: "a footnote in plain text is set apart and the sentence joins over it",
			pages: []string{"Hoàn thiện hệ thống danh mục, vị trí việc làm, khung năng lực của cán bộ, công chức, viên chức trong hệ thống chính\n\n" +
				"¹ Thực hiện thí điểm tại huyện tân Hiệp và huyện Gò Quao.\n\n" +
				"trị. Thực hiện kịp thời các chế độ, chính sách."},
			want: []Paragraph{
				{Text: "Hoàn thiện hệ thống danh mục, vị trí việc làm, khung năng lực của cán bộ, công chức, viên chức trong hệ thống chính trị. Thực hiện kịp thời các chế độ, chính sách.", Page: 1},
				{Text: "¹ Thực hiện thí điểm tại huyện tân Hiệp và huyện Gò Quao.", Page: 1, Footnote: true},
			},
		},
		{
			name: "a footnote at the bottom of a page",
			pages: []string{
				"Thành lập Trung tâm dịch vụ nông nghiệp trực thuộc Ủy ban nhân dân cấp huyện⁽¹⁾; tiến hành sáp nhập xã Hòn Thơm vào thị trấn An Thới của huyện Phú Quốc để thành lập\n\n" +
					"⁽¹⁾ Thực hiện thí điểm tại huyện tân Hiệp\nvà huyện Gò Quao.\n²Xem Kết luận số 74-KL/TW.\n\n4",
				"phường An Thới, thuộc thành phố Phú Quốc.",
			},
			want: []Paragraph{
				{Text: "Thành lập Trung tâm dịch vụ nông nghiệp trực thuộc Ủy ban nhân dân cấp huyện⁽¹⁾; tiến hành sáp nhập xã Hòn Thơm vào thị trấn An Thới của huyện Phú Quốc để thành lập phường An Thới, thuộc thành phố Phú Quốc.", Page: 1},
				{Text: "⁽¹⁾ Thực hiện thí điểm tại huyện tân Hiệp và huyện Gò Quao.", Page: 1, Footnote: true},
				{Text: "²Xem Kết luận số 74-KL/TW.", Page: 1, Footnote: true},
			},
		},
		{
			name: "a (1) note that interrupts a sentence is a footnote",
			pages: []string{
				"Thành lập Trung tâm dịch vụ nông nghiệp trực thuộc Ủy ban nhân dân cấp\n\n" +
					"(1) Thực hiện thí điểm tại huyện tân Hiệp và huyện Gò Quao.",
				"huyện; tiến hành sáp nhập xã Hòn Thơm vào thị trấn An Thới.",
			},
			want: []Paragraph{
				{Text: "Thành lập Trung tâm dịch vụ nông nghiệp trực thuộc Ủy ban nhân dân cấp huyện; tiến hành sáp nhập xã Hòn Thơm vào thị trấn An Thới.", Page: 1},
				{Text: "(1) Thực hiện thí điểm tại huyện tân Hiệp và huyện Gò Quao.", Page: 1, Footnote: true},
			},
		},
		{
			name:  "a (1) list item is body text",
			pages: []string{"Một số vấn đề lưu ý:\n\n(1) Người đứng đầu cơ\nquan chuyên môn xem xét, quyết định.\n\n(2) Chủ tịch Ủy ban\nnhân dân xã xem xét."},
			want: body(1, "Một số vấn đề lưu ý:", "(1) Người đứng đầu cơ quan chuyên môn xem xét, quyết định.",
				"(2) Chủ tịch Ủy ban nhân dân xã xem xét."),
		},
		{
			name:  "text is NFC",
			pages: []string{norm.NFD.String("Thực hiện Kết luận số 74-KL/TW của Bộ Chính trị.")},
			want:  body(1, "Thực hiện Kết luận số 74-KL/TW của Bộ Chính trị."),
		},
		{
			name:  "Windows line ends and form feeds",
			pages: []string{"Điều 1. Phạm vi điều chỉnh\r\n\r\nLuật này quy định về tổ chức,\r\nhoạt động thanh tra.\f"},
			want:  body(1, "Điều 1. Phạm vi điều chỉnh", "Luật này quy định về tổ chức, hoạt động thanh tra."),
		},
		{
			name:  "empty",
			pages: []string{"", " \n\n "},
			want:  nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Rebuild(tt.pages)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Rebuild:\n got %s\nwant %s", dumpParas(got), dumpParas(tt.want))
			}
			checkWords(t, tt.pages)
		})
	}
}

func dumpParas(ps []Paragraph) string {
	b, _ := json.MarshalIndent(ps, "", "  ")
	return string(b)
}

// words splits text into the words the tests count: whitespace-separated,
// with hyphens and slashes apart, since joining a line cut at "19-" and
// "NQ/TW" makes one word of two.
func words(s string) []string {
	s = strings.NewReplacer("-", " - ", "/", " / ").Replace(s)
	return strings.Fields(s)
}

// checkWords checks that Rebuild kept every word of its input except those
// of the lines it dropped, and invented none.
func checkWords(t *testing.T, pages []string) {
	t.Helper()
	paras, dropped := rebuild(pages)
	count := map[string]int{}
	for _, p := range pages {
		for _, w := range words(norm.NFC.String(strings.ToValidUTF8(p, "\uFFFD"))) {
			count[w]++
		}
	}
	for _, d := range dropped {
		for _, w := range words(d) {
			count[w]--
		}
	}
	for _, p := range paras {
		if !norm.NFC.IsNormalString(p.Text) {
			t.Errorf("paragraph not NFC: %q", p.Text)
		}
		if p.Text == "" || p.Text != strings.Join(strings.Fields(p.Text), " ") {
			t.Errorf("paragraph whitespace not collapsed: %q", p.Text)
		}
		if p.Page < 1 || p.Page > len(pages) {
			t.Errorf("paragraph page %d out of 1..%d: %q", p.Page, len(pages), p.Text)
		}
		for _, w := range words(p.Text) {
			count[w]--
		}
	}
	for w, n := range count {
		switch {
		case n > 0:
			t.Errorf("word %q lost %d times", w, n)
		case n < 0:
			t.Errorf("word %q invented %d times", w, -n)
		}
	}
}

func readPages(t testing.TB, name string) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasSuffix(name, ".json") {
		var pages []string
		if err := json.Unmarshal(b, &pages); err != nil {
			t.Fatal(err)
		}
		return pages
	}
	return SplitPages(string(b))
}

// paraWith returns the paragraphs that contain s.
func paraWith(ps []Paragraph, s string) []Paragraph {
	var out []Paragraph
	for _, p := range ps {
		if strings.Contains(p.Text, s) {
			out = append(out, p)
		}
	}
	return out
}

func TestRebuildPlainTextFootnote(t *testing.T) {
	pages := readPages(t, "clean-kh-tu-2020.txt")
	ps := Rebuild(pages)
	for _, s := range []string{
		"trong hệ thống chính trị. Thực hiện kịp thời",
		"đi vào hoạt động ổn định. Thực hiện khá tốt việc thí điểm",
		"các đoàn thể chính trị-xã hội* cấp huyện, ...) và kiêm nhiệm",
		"Giao cho Ban Tổ chức Tỉnh ủy chủ trì phối hợp với Sở Nội vụ và các cơ quan có liên quan tham mưu Ban Thường vụ Tỉnh ủy",
	} {
		if got := paraWith(ps, s); len(got) != 1 || got[0].Footnote {
			t.Errorf("want one body paragraph with %q, got %s", s, dumpParas(got))
		}
	}
	var notes []Paragraph
	for _, p := range ps {
		if p.Footnote {
			notes = append(notes, p)
		}
		if p.Page != 1 {
			t.Errorf("single page input gave page %d: %q", p.Page, p.Text)
		}
	}
	want := []Paragraph{{Text: "¹ Thực hiện thí điểm tại huyện tân Hiệp và huyện Gò Quao.", Page: 1, Footnote: true}}
	if !reflect.DeepEqual(notes, want) {
		t.Errorf("footnotes = %s", dumpParas(notes))
	}
	checkWords(t, pages)
}

// TestRebuildSameDocument rebuilds the 2020 plan from its PDF and its DOCX,
// as MuPDF gives their pages, and finds the paragraphs of its plain text.
func TestRebuildSameDocument(t *testing.T) {
	want := Rebuild(readPages(t, "clean-kh-tu-2020.txt"))
	for _, tt := range []struct {
		file      string
		pages     int
		page23    int // page of "2.3. Về thực hiện Nghị quyết số 39-NQ/TW"
		footnotes int
	}{
		{"fitz-kh-tu-2020-pdf.json", 4, 3, 1},
		{"fitz-kh-tu-2020-docx.json", 8, 6, 1},
	} {
		t.Run(tt.file, func(t *testing.T) {
			pages := readPages(t, tt.file)
			if len(pages) != tt.pages {
				t.Fatalf("%d pages, want %d", len(pages), tt.pages)
			}
			ps := Rebuild(pages)
			got := map[string]bool{}
			notes := 0
			last := 0
			for _, p := range ps {
				got[p.Text] = true
				if p.Footnote {
					notes++
				}
				if cleanPageNumber.MatchString(p.Text) {
					t.Errorf("page number left as a paragraph: %q", p.Text)
				}
				if p.Page < last {
					t.Errorf("page goes back from %d to %d at %q", last, p.Page, p.Text)
				}
				last = p.Page
			}
			if notes != tt.footnotes {
				t.Errorf("%d footnotes, want %d", notes, tt.footnotes)
			}
			for _, p := range want {
				// The PDF sets the note mark apart ("huyện ¹ ;"): skip it.
				if !got[p.Text] && !strings.ContainsAny(p.Text, cleanSuperDigits) {
					t.Errorf("paragraph of the text version missing: %q", p.Text)
				}
			}
			for _, s := range []string{
				"Giao cho Ban Tổ chức Tỉnh ủy chủ trì phối hợp với Sở Nội vụ và các cơ quan có liên quan tham mưu Ban Thường vụ Tỉnh ủy",
				"đến cuối năm 2021 giảm tối thiểu 10% biên chế của tỉnh so với năm 2015.",
				"trong hệ thống chính trị. Thực hiện kịp thời",
				"đi vào hoạt động ổn định. Thực hiện khá tốt việc thí điểm",
			} {
				if got := paraWith(ps, s); len(got) != 1 {
					t.Errorf("want one paragraph with %q, got %s", s, dumpParas(got))
				}
			}
			if got := paraWith(ps, "2.3. Về thực hiện Nghị quyết số 39-NQ/TW"); len(got) != 1 || got[0].Page != tt.page23 {
				t.Errorf("heading 2.3: %s, want page %d", dumpParas(got), tt.page23)
			}
			checkWords(t, pages)
		})
	}
}

func TestRebuildDirective(t *testing.T) {
	pages := readPages(t, "fitz-ct09-2009-pdf.json")
	ps, dropped := rebuild(pages)
	if want := []string{"2", "3", "4"}; !reflect.DeepEqual(dropped, want) {
		t.Errorf("dropped %q, want %q", dropped, want)
	}
	if got, want := ps[:8], body(1, "ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "TỈNH BÌNH DƯƠNG",
		"Độc lập - Tự do - Hạnh phúc", "Số: 09/2009/CT-UBND", "Thủ Dầu Một, ngày 15 tháng 4 năm 2009", "CHỈ THỊ",
		"Về việc đẩy mạnh hoạt động khoa học và công nghệ cấp cơ sở"); !reflect.DeepEqual(got, want) {
		t.Errorf("header: %s", dumpParas(got))
	}
	for _, s := range []string{
		"b) Các sở, ban, ngành, huyện, thị xã xây dựng kế hoạch hoạt động khoa học và công nghệ hàng năm phục vụ",
		"Các sở, ban, ngành, huyện, thị xã có sự phối kết hợp với Sở Khoa học và Công nghệ trong công tác quản lý",
		"trên địa bàn tỉnh, Ủy ban nhân dân tỉnh yêu cầu",
		"huyện, thị xã về phương hướng, nhiệm vụ phát triển khoa học và công nghệ, các biện pháp", // across pages 1 and 2
		"tổ chức đánh giá nghiệm thu kết quả thực hiện đề tài",                                    // across pages 3 and 4
	} {
		if got := paraWith(ps, s); len(got) != 1 {
			t.Errorf("want one paragraph with %q, got %s", s, dumpParas(got))
		}
	}
	if got := paraWith(ps, "nghiệm thu kết quả thực hiện đề tài"); len(got) != 1 || got[0].Page != 3 {
		t.Errorf("paragraph across pages 3-4 should start on page 3: %s", dumpParas(got))
	}
	tail := ps[len(ps)-5:]
	if want := body(4, "- UBND các huyện, thị xã;", "Nguyễn Văn Hiệp", "- LĐVP, P, TH;",
		"- TT Công báo tỉnh, Website tỉnh;", "- Lưu VT."); !reflect.DeepEqual(tail, want) {
		t.Errorf("signature: %s", dumpParas(tail))
	}
	checkWords(t, pages)
}

func TestRebuildLaw(t *testing.T) {
	pages := readPages(t, "fitz-luat-thanh-tra-2010-pdf.json")
	ps := Rebuild(pages)
	for _, s := range []string{
		"Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 1992 đã được sửa đổi, bổ sung một số điều theo Nghị quyết số 51/2001/QH10;",
		"Điều 9. Trách nhiệm của Thủ trưởng cơ quan thanh tra nhà nước, Thủ trưởng cơ quan được giao thực hiện chức năng thanh tra chuyên ngành, Trưởng đoàn thanh tra, Thanh tra viên",
		"Luật này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XII, kỳ họp thứ 8 thông qua ngày 15 tháng 11 năm 2010.",
	} {
		if got := paraWith(ps, s); len(got) != 1 {
			t.Errorf("want one paragraph with %q, got %s", s, dumpParas(got))
		}
	}
	for _, s := range []string{"Chương 1.", "NHỮNG QUY ĐỊNH CHUNG", "Điều 1. Phạm vi điều chỉnh", "MỤC 1. THANH TRA CHÍNH PHỦ",
		"CƠ QUAN ĐƯỢC GIAO THỰC HIỆN CHỨC NĂNG THANH TRA CHUYÊN NGÀNH"} {
		found := false
		for _, p := range ps {
			found = found || p.Text == s
			if strings.HasPrefix(p.Text, "---") {
				t.Errorf("rule left: %q", p.Text)
			}
		}
		if !found {
			t.Errorf("no paragraph %q", s)
		}
	}
	checkWords(t, pages)
}

// TestRebuildPortalText checks text copied from a legal portal: lines broken
// short where the page had markup, blank lines between paragraphs.
func TestRebuildPortalText(t *testing.T) {
	pages := readPages(t, "clean-cv-2025-ubnd-hcm.txt")
	ps := Rebuild(pages)
	for _, s := range []string{
		"(1) Người đứng đầu cơ quan chuyên môn, cơ quan hành chính khác, thuộc Ủy ban nhân dân Thành phố",
		"Chủ tịch Ủy ban nhân dân Thành phố có ý kiến chỉ đạo như sau:",
		"c) Đối với tập thể Thường trực Hội đồng nhân dân cấp xã:",
		"thực hiện theo điểm 2.6 khoản 2 Mục I Hướng dẫn số 01-HD/BTCTU.",
	} {
		if got := paraWith(ps, s); len(got) != 1 || got[0].Footnote {
			t.Errorf("want one body paragraph with %q, got %s", s, dumpParas(got))
		}
	}
	checkWords(t, pages)
}

// TestRebuildCorpusWords runs over the shared corpus when it is there.
func TestRebuildCorpusWords(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(parseCorpus, "text", "*.txt"))
	if len(files) == 0 {
		t.Fatal("test corpus missing: testdata/corpus")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(filepath.Base(f), func(t *testing.T) {
			pages := SplitPages(string(b))
			ps := Rebuild(pages)
			if len(ps) == 0 {
				t.Fatal("no paragraphs")
			}
			checkWords(t, pages)
		})
	}
}

func FuzzRebuild(f *testing.F) {
	for _, s := range []string{
		"",
		"KẾ HOẠCH\n\nthực hiện Kết luận số 74-KL/TW\n",
		"trong hệ thống chính\n\n¹ Thực hiện thí điểm.\n\ntrị. Thực hiện",
		"văn hóa-\nthể thao\f- 2 -\nsố 19-\nNQ/TW\f2/5",
		"(1) a\n\n(2)\n⁽ ⁾\n-----\n\u00a0\r\n\v\u2028x",
		"a-\n\u0301b\n/\n-\n¹\n⁽¹⁾x",
	} {
		f.Add(s)
	}
	// Small seeds keep minimising fast: the ends of real pages.
	for _, name := range []string{"fitz-kh-tu-2020-pdf.json", "fitz-ct09-2009-pdf.json"} {
		var cut []string
		for _, p := range readPages(f, name) {
			if r := []rune(p); len(r) > 300 {
				p = string(r[:150]) + string(r[len(r)-150:])
			}
			cut = append(cut, p)
		}
		f.Add(strings.Join(cut, "\f"))
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkWords(t, SplitPages(s))
		for _, p := range Rebuild(SplitPages(s)) {
			if strings.IndexFunc(p.Text, func(r rune) bool { return r == '\n' || r == '\f' }) >= 0 {
				t.Errorf("line break left in %q", p.Text)
			}
			if strings.TrimFunc(p.Text, unicode.IsSpace) != p.Text {
				t.Errorf("untrimmed %q", p.Text)
			}
		}
	})
}

func BenchmarkRebuild(b *testing.B) {
	pages := readPages(b, "fitz-luat-thanh-tra-2010-pdf.json")
	for b.Loop() {
		Rebuild(pages)
	}
}
