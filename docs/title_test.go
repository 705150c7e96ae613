package docs

import (
	"strings"
	"testing"
)

func TestTitle(t *testing.T) {
	cases := []struct {
		name  string
		paras []string
		want  string
	}{
		{"plan", []string{"KẾ HOẠCH", "thực hiện Kết luận số 74-KL/TW của Bộ Chính trị", "A. KHÁI QUÁT TÌNH HÌNH"},
			"Kế hoạch thực hiện Kết luận số 74-KL/TW của Bộ Chính trị"},
		{"law after its number line", []string{"QUỐC HỘI", "Luật số: 56/2010/QH12", "Hà Nội, ngày 15 tháng 11 năm 2010", "LUẬT", "THANH TRA", "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 1992;"},
			"Luật thanh tra"},
		{"decree in capitals, body after", []string{"NGHỊ ĐỊNH", "CỦA CHÍNH PHỦ SỐ 37/2007/NĐ-CP NGÀY 09 THÁNG 3 NĂM 2007", "VỀ MINH BẠCH TÀI SẢN, THU NHẬP", "CHÍNH PHỦ", "Căn cứ Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001;"},
			"Nghị định của chính phủ số 37/2007/NĐ-CP ngày 09 tháng 3 năm 2007 về minh bạch tài sản, thu nhập"},
		{"plan subject over two lines", []string{"KẾ HOẠCH", "TRIỂN KHAI THỰC HIỆN", "CHỈ THỊ SỐ 32/CT-TTG NGÀY 21/10/2025 CỦA THỦ TƯỚNG CHÍNH PHỦ", "Thực hiện Chỉ thị số 32/CT-TTg ngày 21/10/2025 của Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh ban hành Kế hoạch."},
			"Kế hoạch triển khai thực hiện chỉ thị số 32/CT-TTG ngày 21/10/2025 của thủ tướng chính phủ"},
		{"mixed-case subject", []string{"NGHỊ ĐỊNH", "Quy định về đào tạo, bồi dưỡng công chức", "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;"},
			"Nghị định Quy định về đào tạo, bồi dưỡng công chức"},
		{"directive on one line", []string{"CHỈ THỊ Về việc đẩy mạnh hoạt động khoa học và công nghệ cấp cơ sở"},
			"Chỉ thị Về việc đẩy mạnh hoạt động khoa học và công nghệ cấp cơ sở"},
		{"no kind word", []string{"Kính gửi: Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương."},
			"Kính gửi: Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương."},
		{"empty", nil, ""},
	}
	for _, c := range cases {
		var ps []Paragraph
		for _, p := range c.paras {
			ps = append(ps, Paragraph{Text: p})
		}
		if got := Title(ps); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

// TestTitleFromBody: a letter copied without its "V/v" line is named by its
// kind and the first sentence after "Kính gửi".
func TestTitleFromBody(t *testing.T) {
	p := ParseText("Kính gửi: Các đồng chí Bộ trưởng, Thủ trưởng cơ quan ngang Bộ Thực hiện Kết luận số 192-KL/TW, ngày 19/9/2025 của Bộ Chính trị, Ban Chỉ đạo đề nghị các Bộ khẩn trương ban hành văn bản.\n\n1. Rà soát các nhiệm vụ.\n\nNơi nhận:\n\n- Như trên;\n\n- Lưu: VT.\n\nKT. TRƯỞNG BAN\n\nPHÓ TRƯỞNG BAN\n\nPhạm Thị Thanh Trà\n")
	if p.Metadata.Kind != "Công văn" || !strings.HasPrefix(p.Metadata.Title, "Công văn: Thực hiện Kết luận số 192-KL/TW, ngày 19/9/2025") {
		t.Errorf("kind %q, title %q", p.Metadata.Kind, p.Metadata.Title)
	}
}
