package docs

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalizeNumber(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
		ok   bool
	}{
		{"74-KL/TW", "74-KL/TW", true},
		{"74/KL-TW", "74-KL/TW", true},
		{"74 - KL/TW", "74-KL/TW", true},
		{"74-kl/tw", "74-KL/TW", true},
		{"74 – KL/TW", "74-KL/TW", true},
		{"Số 74-KL/TW", "74-KL/TW", true},
		{"1398-TB/TU", "1398-TB/TU", true},
		{"38-CTr/TU", "38-CTr/TU", true},
		{"38-ctr/tu", "38-CTr/TU", true},
		{"01-HD/BTCTU", "01-HD/BTCTU", true},
		{"Số 45-HD/BTCTW", "45-HD/BTCTW", true},
		{"11-QĐi/TW", "11-QĐi/TW", true},
		{"27-TB/TGV", "27-TB/TGV", true},
		{"188- KL/TW", "188-KL/TW", true},
		{"Số: 09/2010/QĐ-UBND", "09/2010/QĐ-UBND", true},
		{"số: 09/2010/qđ-ubnd", "09/2010/QĐ-UBND", true},
		{"Số: 1026/KH-UBND", "1026/KH-UBND", true},
		{"số 217/CĐ-TTg", "217/CĐ-TTg", true},
		{"217/CĐ-TTG", "217/CĐ-TTg", true},
		{"56/2010/QH12", "56/2010/QH12", true},
		{"37/2007/NĐ-CP", "37/2007/NĐ-CP", true},
		{"37/2007/nđ-cp", "37/2007/NĐ-CP", true},
		{"4169/UBND-VX", "4169/UBND-VX", true},
		{"01/KHPH-BCA-NHNNVN", "01/KHPH-BCA-NHNNVN", true},
		{"428/TTr-UBND", "428/TTr-UBND", true},
		{"74-KH/UBND", "74/KH-UBND", true}, // a State issuer: State style
		// not numbers
		{"18-NQ/T", "18-NQ/T", false}, // cut issuer code
		{"22-5-2020", "22-5-2020", false},
		{"22/10/2025", "22/10/2025", false},
		{"74-KL", "74-KL", false},
		{"KL 74", "KL74", false},
		{"1/1/I", "1/1/I", false},
		{"10%", "10%", false},
		{"", "", false},
	} {
		got, ok := NormalizeNumber(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("NormalizeNumber(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestNumberKey(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"74-KL/TW", "74-kl"},
		{"74/KL-TW", "74-kl"},
		{"KL 74", "74-kl"},
		{"kl74", "74-kl"},
		{"74 KL TW", "74-kl"},
		{"Kết luận 74", "74-kl"},
		{"Kết luận số 74", "74-kl"},
		{"01-HD/BTCTU", "1-hd"},
		{"Số: 09/2010/QĐ-UBND", "9-qd-2010"},
		{"09/2010/QD-UBND", "9-qd-2010"},
		{"số 217/CĐ-TTg", "217-cd"},
		{"CĐ 217", "217-cd"},
		{"56/2010/QH12", "56-qh12-2010"},
		{"Nghị quyết 18", "18-nq"},
		{"", ""},
		{"Kết luận", ""},
		{"74", ""},
	} {
		if got := NumberKey(tc.in); got != tc.want {
			t.Errorf("NumberKey(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

// refRow is what a test expects of one reference: Number, Kind, Date,
// Issuer, Text and Uncertain.
type refRow struct {
	Number, Kind, Date, Issuer, Text string
	Uncertain                        bool
}

func refRows(refs []Reference) []refRow {
	var out []refRow
	for _, r := range refs {
		out = append(out, refRow{r.Number, r.Kind, r.Date, r.Issuer, r.Text, r.Uncertain})
	}
	return out
}

func TestFindReferences(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []refRow
	}{
		{"Căn cứ Kết luận số 74-KL/TW, ngày 22-5-2020 của Bộ Chính trị về kết quả 02 năm thực hiện", []refRow{
			{"74-KL/TW", "Kết luận", "2020-05-22", "Bộ Chính trị", "Kết luận số 74-KL/TW, ngày 22-5-2020", false},
		}},
		{"Thực hiện Nghị quyết số 18, 19-NQ/TW của Ban Chấp hành Trung ương Đảng khóa XII và Nghị quyết số 39-NQ/TW của Bộ Chính trị khóa XI về đổi mới tổ chức bộ máy", []refRow{
			{"18-NQ/TW", "Nghị quyết", "", "Ban Chấp hành Trung ương", "Nghị quyết số 18", false},
			{"19-NQ/TW", "Nghị quyết", "", "Ban Chấp hành Trung ương", "19-NQ/TW", false},
			{"39-NQ/TW", "Nghị quyết", "", "Bộ Chính trị", "Nghị quyết số 39-NQ/TW", false},
		}},
		{"A. KHÁI QUÁT TÌNH HÌNH, KẾT QUẢ 02 NĂM THỰC HIỆN NGHỊ QUYẾT SỐ 18, 19-NQ/TW CỦA BAN CHẤP HÀNH TRUNG ƯƠNG KHÓA XII", []refRow{
			{"18-NQ/TW", "Nghị quyết", "", "BAN CHẤP HÀNH TRUNG ƯƠNG", "NGHỊ QUYẾT SỐ 18", false},
			{"19-NQ/TW", "Nghị quyết", "", "BAN CHẤP HÀNH TRUNG ƯƠNG", "19-NQ/TW", false},
		}},
		{"về thực hiện Nghị quyết số 18-NQ/TW, số 19-NQ/TW của Ban Chấp hành Trung ương khóa XII và Nghị quyết số 39 của Bộ Chính trị khóa XI.", []refRow{
			{"18-NQ/TW", "Nghị quyết", "", "Ban Chấp hành Trung ương", "Nghị quyết số 18-NQ/TW", false},
			{"19-NQ/TW", "Nghị quyết", "", "Ban Chấp hành Trung ương", "số 19-NQ/TW", false},
			{"", "Nghị quyết", "", "Bộ Chính trị", "Nghị quyết số 39", true},
		}},
		{"thực hiện Nghị quyết số 18-NQ/TW và số 19-NQ/TW của Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XII", []refRow{
			{"18-NQ/TW", "Nghị quyết", "", "Ban Chấp hành Trung ương", "Nghị quyết số 18-NQ/TW", false},
			{"19-NQ/TW", "Nghị quyết", "", "Ban Chấp hành Trung ương", "số 19-NQ/TW", false},
		}},
		{"tổ chức thực hiện có hiệu quả Nghị quyết số 18-NQ/T, số 19-NQ/TW của Ban Chấp hành Trung ương khóa XII, Nghị quyết số 39-NQ/TW và Kết luận số 74-KL/TW của Bộ Chính trị", []refRow{
			{"18-NQ/TW", "Nghị quyết", "", "Ban Chấp hành Trung ương", "Nghị quyết số 18-NQ/T", true},
			{"19-NQ/TW", "Nghị quyết", "", "Ban Chấp hành Trung ương", "số 19-NQ/TW", false},
			{"39-NQ/TW", "Nghị quyết", "", "", "Nghị quyết số 39-NQ/TW", false},
			{"74-KL/TW", "Kết luận", "", "Bộ Chính trị", "Kết luận số 74-KL/TW", false},
		}},
		{"ở những nơi chưa thực hiện theo Thông báo kết luận số 1398-TB/TU, ngày 18-6-2018 của Ban Thường vụ Tỉnh ủy. Tiến hành sơ, tổng kết", []refRow{
			{"1398-TB/TU", "Thông báo kết luận", "2018-06-18", "Ban Thường vụ Tỉnh ủy", "Thông báo kết luận số 1398-TB/TU, ngày 18-6-2018", false},
		}},
		{"một số nội dung Chương trình hành động số 38-CTr/TU, ngày 11-4-2018 của Tỉnh ủy về thực hiện Nghị quyết số 19-NQ/TW của Ban Chấp hành Trung ương khóa XII cho phù hợp.", []refRow{
			{"38-CTr/TU", "Chương trình hành động", "2018-04-11", "Tỉnh ủy", "Chương trình hành động số 38-CTr/TU, ngày 11-4-2018", false},
			{"19-NQ/TW", "Nghị quyết", "", "Ban Chấp hành Trung ương", "Nghị quyết số 19-NQ/TW", false},
		}},
		{"Quyết định số 93/2007/QĐ-TTg ngày 22 tháng 6 năm 2007 của Thủ tướng Chính phủ ban hành Quy chế thực hiện cơ chế một cửa", []refRow{
			{"93/2007/QĐ-TTg", "Quyết định", "2007-06-22", "Thủ tướng Chính phủ", "Quyết định số 93/2007/QĐ-TTg ngày 22 tháng 6 năm 2007", false},
		}},
		{"Thực hiện Chỉ thị số 32/CT-TTg ngày 21/10/2025 của Thủ tướng\nChính phủ “về tăng cường công tác bảo vệ bí mật nhà nước”", []refRow{
			{"32/CT-TTg", "Chỉ thị", "2025-10-21", "Thủ tướng Chính phủ", "Chỉ thị số 32/CT-TTg ngày 21/10/2025", false},
		}},
		{"CHỈ THỊ SỐ 32/CT-TTG NGÀY 21/10/2025 CỦA THỦ TƯỚNG CHÍNH PHỦ “VỀ TĂNG CƯỜNG", []refRow{
			{"32/CT-TTg", "Chỉ thị", "2025-10-21", "THỦ TƯỚNG CHÍNH PHỦ", "CHỈ THỊ SỐ 32/CT-TTG NGÀY 21/10/2025", false},
		}},
		{"Căn cứ Nghị định số 37/2007/NĐ-CP; Luật số 56/2010/QH12; Thông tư số 01/2011/TT-BNV; Công văn số 4169/UBND-VX; Kế hoạch số 1026/KH-UBND.", []refRow{
			{"37/2007/NĐ-CP", "Nghị định", "", "", "Nghị định số 37/2007/NĐ-CP", false},
			{"56/2010/QH12", "Luật", "", "", "Luật số 56/2010/QH12", false},
			{"01/2011/TT-BNV", "Thông tư", "", "", "Thông tư số 01/2011/TT-BNV", false},
			{"4169/UBND-VX", "Công văn", "", "", "Công văn số 4169/UBND-VX", false},
			{"1026/KH-UBND", "Kế hoạch", "", "", "Kế hoạch số 1026/KH-UBND", false},
		}},
		{"Quyết định này thay thế Quyết định số 09/2010/QĐ-UBND của Ủy ban nhân dân tỉnh Bình Dương.", []refRow{
			{"09/2010/QĐ-UBND", "Quyết định", "", "Ủy ban nhân dân tỉnh Bình Dương", "Quyết định số 09/2010/QĐ-UBND", false},
		}},
		{"Số: 217/CĐ-TTg", []refRow{
			{"217/CĐ-TTg", "Công điện", "", "", "Số: 217/CĐ-TTg", false},
		}},
		{"Căn cứ Quy định số 377-QĐ/TW ngày 08/10/2025 của Bộ Chính trị về phân cấp quản lý cán bộ", []refRow{
			{"377-QĐ/TW", "Quy định", "2025-10-08", "Bộ Chính trị", "Quy định số 377-QĐ/TW ngày 08/10/2025", false},
		}},
		{"Hướng dẫn số 45-HD/BTCTW của Ban Tổ chức Trung ương", []refRow{
			{"45-HD/BTCTW", "Hướng dẫn", "", "Ban Tổ chức Trung ương", "Hướng dẫn số 45-HD/BTCTW", false},
		}},
		{"tiếp tục thực hiện Kết luận số 127-KL/TW, 155-KL/TW của Bộ Chính trị, Ban Bí thư", []refRow{
			{"127-KL/TW", "Kết luận", "", "Bộ Chính trị", "Kết luận số 127-KL/TW", false},
			{"155-KL/TW", "Kết luận", "", "Bộ Chính trị", "155-KL/TW", false},
		}},
		{"các Kết luận số 187, 188- KL/TW ngày 29/8/2025 của Bộ\nChính trị, Ban Bí thư", []refRow{
			{"187-KL/TW", "Kết luận", "", "Bộ Chính trị", "Kết luận số 187", false},
			{"188-KL/TW", "Kết luận", "2025-08-29", "Bộ Chính trị", "188- KL/TW ngày 29/8/2025", false},
		}},
		{"quán triệt Nghị quyết 18-NQ/TW trong toàn Đảng bộ", []refRow{
			{"18-NQ/TW", "Nghị quyết", "", "", "Nghị quyết 18-NQ/TW", false},
		}},
		{"triển khai theo 74-KL/TW và 1398-TB/TU.", []refRow{
			{"74-KL/TW", "Kết luận", "", "", "74-KL/TW", false},
			{"1398-TB/TU", "Thông báo", "", "", "1398-TB/TU", false},
		}},
		{"theo văn bản số 1552/BTTTT-TTH của Bộ Thông tin và Truyền thông", []refRow{
			{"1552/BTTTT-TTH", "Công văn", "", "Bộ Thông tin và Truyền thông", "văn bản số 1552/BTTTT-TTH", false},
		}},
		{"(Kèm theo Nghị định số 170/2025/NĐ-CP ngày 30 tháng 6 năm 2025 của Chính phủ)", []refRow{
			{"170/2025/NĐ-CP", "Nghị định", "2025-06-30", "Chính phủ", "Nghị định số 170/2025/NĐ-CP ngày 30 tháng 6 năm 2025", false},
		}},
		{"Luật Cán bộ, công chức số 22/2008/QH12 đã được sửa đổi, bổ sung một số điều theo Luật số 52/2019/QH14", []refRow{
			{"22/2008/QH12", "Luật", "", "", "số 22/2008/QH12", false},
			{"52/2019/QH14", "Luật", "", "", "Luật số 52/2019/QH14", false},
		}},
		{"Đồng chí Tổng Bí thư đã chỉ đạo tại Chỉ thị số 45 và các kết luận", []refRow{
			{"", "Chỉ thị", "", "", "Chỉ thị số 45", true},
		}},
	} {
		got := refRows(FindReferences(tc.text))
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("FindReferences(%q)\n got %+v\nwant %+v", tc.text, got, tc.want)
		}
	}
}

func TestFindReferencesNone(t *testing.T) {
	for _, text := range []string{
		"Căn cứ Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001;",
		"ngày 22-5-2020 của Bộ Chính trị",
		"giảm tối thiểu 10% biên chế của tỉnh so với năm 2015.",
		"Điện thoại: 0297.3862.456; Fax: 0297-3862-457",
		"Điều 3. Quyết định này có hiệu lực; khoản 2 Điều 5",
		"2.1. Về thực hiện Nghị quyết của Ban Chấp hành Trung ương",
		"từ nhiệm kỳ 2021-2026, giai đoạn 2020 - 2025",
		"xem trang 12/45, tiểu mục 14.1/14/I/ phụ lục",
		"Căn cứ Nghị định số ..../2025/NĐ-CP ngày ... tháng... năm 2025 của Chính phủ",
		"Mẫu 01/BC kèm theo",
		"Đề án 06 của Chính phủ",
		"COVID-19, F0/F1",
		"số 18",
	} {
		if got := FindReferences(text); len(got) != 0 {
			t.Errorf("FindReferences(%q) = %+v; want none", text, refRows(got))
		}
	}
}

func TestFindReferencesOffsets(t *testing.T) {
	text := "Căn cứ Kết luận số 74-KL/TW, ngày 22-5-2020 của Bộ Chính trị"
	refs := FindReferences(text)
	if len(refs) != 1 {
		t.Fatalf("got %d references", len(refs))
	}
	r := refs[0]
	if r.Start != strings.Index(text, "Kết luận") || r.End != strings.Index(text, " của") || text[r.Start:r.End] != r.Text || r.Clause != "" {
		t.Errorf("got %+v", r)
	}
}

func TestResolveReferences(t *testing.T) {
	refs := func(texts ...string) []Reference {
		var out []Reference
		for _, s := range texts {
			out = append(out, FindReferences(s)...)
		}
		return out
	}
	for _, tc := range []struct {
		name  string
		texts []string
		want  []string // Number of each reference, "?" for uncertain
	}{
		{"short form after", []string{"Nghị quyết số 39 của Bộ Chính trị", "Nghị quyết số 39-NQ/TW"}, []string{"39-NQ/TW?", "39-NQ/TW"}},
		{"short form before", []string{"Nghị quyết số 39-NQ/TW", "Nghị quyết số 39"}, []string{"39-NQ/TW", "39-NQ/TW?"}},
		{"kind must agree", []string{"Kết luận số 39", "Nghị quyết số 39-NQ/TW"}, []string{"?", "39-NQ/TW"}},
		{"ambiguous", []string{"Nghị quyết số 39", "Nghị quyết số 39-NQ/TW", "Nghị quyết số 39/NQ-CP"}, []string{"?", "39-NQ/TW", "39/NQ-CP"}},
		{"no candidate", []string{"Chỉ thị số 45"}, []string{"?"}},
		{"cut code, same document", []string{"Nghị quyết số 18-NQ/T", "Nghị quyết số 19-NQ/TU"}, []string{"18-NQ/TU?", "19-NQ/TU"}},
		{"cut code, well known", []string{"Nghị định số 37/2007/NĐ-C"}, []string{"37/2007/NĐ-CP?"}},
		{"cut code, ambiguous", []string{"Nghị quyết số 18-NQ/T"}, []string{"18-NQ/T?"}},
	} {
		got := ResolveReferences(refs(tc.texts...))
		var nums []string
		for _, r := range got {
			n := r.Number
			if r.Uncertain {
				n += "?"
			}
			nums = append(nums, n)
		}
		if !reflect.DeepEqual(nums, tc.want) {
			t.Errorf("%s: got %q, want %q", tc.name, nums, tc.want)
		}
	}
}

// refParagraphs splits a corpus text into paragraphs at blank lines.
func refParagraphs(t testing.TB, name string) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(string(b), "\n\n")
}

func TestReferencesKHTU2020(t *testing.T) {
	var all []Reference
	for _, p := range refParagraphs(t, "refs-kh-tu-2020-thuc-hien-kl74-tw.txt") {
		all = append(all, FindReferences(p)...)
	}
	all = ResolveReferences(all)
	distinct := map[string]bool{}
	short := false
	for _, r := range all {
		distinct[r.Number] = true
		if r.Text == "Nghị quyết số 39" {
			short = true
			if r.Number != "39-NQ/TW" || !r.Uncertain || r.Issuer != "Bộ Chính trị" {
				t.Errorf("short form: %+v", r)
			}
		}
		if r.Text == "Nghị quyết số 18-NQ/T" && (r.Number != "18-NQ/TW" || !r.Uncertain) {
			t.Errorf("cut code: %+v", r)
		}
	}
	want := map[string]bool{"18-NQ/TW": true, "19-NQ/TW": true, "39-NQ/TW": true, "74-KL/TW": true, "1398-TB/TU": true, "38-CTr/TU": true}
	if !reflect.DeepEqual(distinct, want) {
		t.Errorf("distinct numbers %v; want %v", distinct, want)
	}
	if !short {
		t.Error(`"Nghị quyết số 39" not found`)
	}
}

func FuzzFindReferences(f *testing.F) {
	for _, s := range []string{
		"Kết luận số 74-KL/TW, ngày 22-5-2020 của Bộ Chính trị",
		"Nghị quyết số 18, 19-NQ/TW của Ban Chấp hành Trung ương khóa XII",
		"Nghị quyết số 18-NQ/T, số 19-NQ/TW và Nghị quyết số 39",
		"Quyết định số 93/2007/QĐ-TTg ngày 22 tháng 6 năm 2007 của Thủ tướng\nChính phủ",
		"CHỈ THỊ SỐ 32/CT-TTG NGÀY 21/10/2025 CỦA THỦ TƯỚNG",
		"188- KL/TW, 1 – TW/Ǆ, 5/2020/",
		"số 1, 2, 3 và 4",
		"0/A-SỐ 0/A0",                            // "SỐ" inside the number before
		"0/Đ-A ngàY 1 tháng 1 năm 2000/2000/A00", // a date running into the next number
		"0000 00-A0/A\x91",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		refs := FindReferences(s)
		prev := 0
		for _, r := range refs {
			if r.Start < prev || r.End <= r.Start || r.End > len(s) {
				t.Fatalf("bad offsets %d..%d (prev %d) in %q", r.Start, r.End, prev, s)
			}
			// Text is valid UTF-8 in chidao; on invalid input only no panic counts.
			if utf8.ValidString(s) && (!utf8.RuneStart(s[r.Start]) || (r.End < len(s) && !utf8.RuneStart(s[r.End]))) {
				t.Fatalf("offsets %d..%d not on rune boundaries in %q", r.Start, r.End, s)
			}
			if s[r.Start:r.End] != r.Text {
				t.Fatalf("Text %q != slice %q", r.Text, s[r.Start:r.End])
			}
			prev = r.End
		}
		ResolveReferences(refs)
	})
}

func BenchmarkFindReferences(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "refs-nd170-2025-tuyen-dung-su-dung-cong-chuc.txt"))
	if err != nil {
		b.Fatal(err)
	}
	text := string(data)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		FindReferences(text)
	}
}
