package docs

import "testing"

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
