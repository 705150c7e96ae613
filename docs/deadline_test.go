package docs

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// dlRow prints a deadline as "text|from|due|recurrence|period" for comparison,
// dates as ISO and "-" when zero.
func dlRow(d Deadline) string {
	return fmt.Sprintf("%s|%s|%s|%s|%s", d.Text, dlISO(d.From), dlISO(d.Due), d.Recurrence, d.Period)
}

func dlISO(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format("2006-01-02")
}

func TestFindDeadlines(t *testing.T) {
	for _, tc := range []struct {
		src, text string
		want      []string
	}{
		{"kh-tu-2020 B.II.2.3",
			"Phát huy sức mạnh của cả hệ thống chính trị nhằm thực hiện đạt mục tiêu đến cuối năm 2021 giảm tối thiểu 10% biên chế của tỉnh so với năm 2015.",
			[]string{"đến cuối năm 2021|-|2021-12-31||2021"}},
		{"kh-tu-2020 B.II.2.3 (a past range, then an open-left period)",
			"Các địa phương, cơ quan, đơn vị căn cứ vào các Nghị quyết của Trung ương, văn bản chỉ đạo của tỉnh và trên cơ sở kết quả tinh giản biên chế từ năm 2015 đến năm 2019, tiến hành rà soát, điều chỉnh, bổ sung kế hoạch tinh giản biên chế từ nay đến cuối năm 2021 bảo đảm chặt chẽ.",
			[]string{
				"từ năm 2015 đến năm 2019|2015-01-01|2019-12-31||2015-2019",
				"từ nay đến cuối năm 2021|-|2021-12-31||2021",
			}},
		{"kh-tu-2020 B.II.2.1/-2 (từ nhiệm kỳ: a start, no end)",
			"Thực hiện giảm còn 01 phó chủ tịch hội đồng nhân dân cấp huyện phù hợp với chức năng, nhiệm vụ, gắn với nâng cao chất lượng, hiệu quả hoạt động để triển khai thực hiện từ nhiệm kỳ 2021-2026.",
			[]string{"từ nhiệm kỳ 2021-2026|2021-01-01|-||2021-2026"}},
		{"kh-tu-2020 B.III.3 (reporting cycle, standing duty)",
			"Ban Tổ chức Tỉnh ủy chủ trì, phối hợp với các ban của Tỉnh ủy và cơ quan liên quan thường xuyên theo dõi, hướng dẫn, kiểm tra, đôn đốc việc thực hiện, định kỳ 6 tháng, năm báo cáo kết quả thực hiện về Ban Thường vụ Tỉnh ủy.",
			[]string{
				"thường xuyên|-|-|continuous|",
				"định kỳ 6 tháng, năm|-|-|semiannual|",
			}},
		{"kh-tu-2020 B.II/¶1 (a citation date is not a deadline)",
			"Để lãnh đạo thực hiện tốt Kết luận số 74-KL/TW, ngày 22-5-2020 của Bộ Chính trị, Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, tổ chức đảng lãnh đạo triển khai thực hiện tốt những công việc sau đây:",
			nil},
		{"kh-tu-2020 B.II.2.1/-3 (citation date)",
			"Văn phòng cấp ủy với Văn phòng Hội đồng nhân dân-Ủy ban nhân dân ở những nơi chưa thực hiện theo Thông báo kết luận số 1398-TB/TU, ngày 18-6-2018 của Ban Thường vụ Tỉnh ủy.",
			nil},
		{"kh-tu-2020 B.II.2.4 (yearly)",
			"Thực hiện tốt việc đánh giá, phân loại cán bộ, công chức hằng năm, bảo đảm khách quan, trung thực về kết quả thực hiện nhiệm vụ.",
			[]string{"hằng năm|-|-|annual|"}},
		{"kh-tu-2020 A (chưa được thường xuyên is a finding, not a duty)",
			"Công tác kiểm tra, giám sát, đôn đốc việc thực hiện chưa được thường xuyên.",
			nil},
		{"cv171 (chậm nhất ngày)",
			"Các tỉnh ủy, thành ủy báo cáo kết quả thực hiện, hoàn thành chậm nhất ngày 25/12/2025.",
			[]string{"chậm nhất ngày 25/12/2025|-|2025-12-25||"}},
		{"kl127 (trước ngày, dd/mm/yyyy)",
			"Đảng ủy Quốc hội lãnh đạo hoàn thiện đề án, báo cáo Bộ Chính trị, Ban Bí thư trước ngày 27/3/2025.",
			[]string{"trước ngày 27/3/2025|-|2025-03-27||"}},
		{"trước ngày with zero-padded month",
			"Sở Nội vụ tổng hợp, báo cáo Ủy ban nhân dân tỉnh trước ngày 30/06/2026.",
			[]string{"trước ngày 30/06/2026|-|2026-06-30||"}},
		{"trước ngày in words (kh172)",
			"Các cơ quan, đơn vị gửi báo cáo về Sở Nội vụ trước ngày 05 tháng 12 năm 2025.",
			[]string{"trước ngày 05 tháng 12 năm 2025|-|2025-12-05||"}},
		{"trước ngày with dashes",
			"Ban Tổ chức Tỉnh ủy hoàn thành việc rà soát trước ngày 30-6-2026.",
			[]string{"trước ngày 30-6-2026|-|2026-06-30||"}},
		{"hoàn thành trước a bare date",
			"Các sở, ngành hoàn thành trước 31-12-2025 việc sắp xếp các phòng chuyên môn.",
			[]string{"trước 31-12-2025|-|2025-12-31||"}},
		{"kl127 (từ nay đến ngày)",
			"Bộ Chính trị, Ban Bí thư thống nhất những công việc cần tập trung thực hiện từ nay đến ngày 30/6/2025 để bảo đảm thực hiện thành công.",
			[]string{"từ nay đến ngày 30/6/2025|-|2025-06-30||"}},
		{"luật 80/2025 (chậm nhất đến ngày in words)",
			"Chậm nhất đến ngày 01 tháng 7 năm 2027, các Bộ, ngành, cơ quan hoàn thành việc xác định vị trí việc làm.",
			[]string{"Chậm nhất đến ngày 01 tháng 7 năm 2027|-|2027-07-01||"}},
		{"nđ170 (kể từ ngày: a start)",
			"Nghị định này có hiệu lực thi hành kể từ ngày 01 tháng 7 năm 2025.",
			[]string{"kể từ ngày 01 tháng 7 năm 2025|2025-07-01|-||"}},
		{"quarter with slash",
			"Sở Tư pháp chủ trì xây dựng đề án, trình Ủy ban nhân dân tỉnh trong quý I/2026.",
			[]string{"trong quý I/2026|2026-01-01|2026-03-31||Q1/2026"}},
		{"quarter in words",
			"Hoàn thành việc sắp xếp các đơn vị sự nghiệp công lập trong Quý III năm 2026.",
			[]string{"trong Quý III năm 2026|2026-07-01|2026-09-30||Q3/2026"}},
		{"quarter IV",
			"Tổ chức sơ kết trong quý IV/2025.",
			[]string{"trong quý IV/2025|2025-10-01|2025-12-31||Q4/2025"}},
		{"kl127 (trong năm)",
			"Sửa đổi, bổ sung các quy định, pháp luật có liên quan trong năm 2025.",
			[]string{"trong năm 2025|2025-01-01|2025-12-31||2025"}},
		{"kh172 (xong trong tháng)",
			"Rà soát chức năng, nhiệm vụ của từng cơ quan, đơn vị, địa phương xong trong tháng 12/2025.",
			[]string{"trong tháng 12/2025|2025-12-01|2025-12-31||12/2025"}},
		{"month in words",
			"Ban hành quy chế làm việc trong tháng 12 năm 2025.",
			[]string{"trong tháng 12 năm 2025|2025-12-01|2025-12-31||12/2025"}},
		{"trước tháng: before the month begins",
			"Các huyện ủy xong trước tháng 6/2026 việc kiện toàn tổ chức bộ máy.",
			[]string{"trước tháng 6/2026|-|2026-05-31||6/2026"}},
		{"kl07 (từ nay đến tháng)",
			"Văn phòng Tỉnh ủy tập trung thực hiện các nhiệm vụ trọng tâm từ nay đến tháng 6/2027.",
			[]string{"từ nay đến tháng 6/2027|-|2027-06-30||6/2027"}},
		{"kl127 (từ nay đến hết tháng)",
			"Các bộ phận thường trực hoạt động từ nay đến hết tháng 10/2025.",
			[]string{"từ nay đến hết tháng 10/2025|-|2025-10-31||10/2025"}},
		{"first half of a year",
			"Phấn đấu hoàn thành việc số hóa hồ sơ trong 6 tháng đầu năm 2026.",
			[]string{"trong 6 tháng đầu năm 2026|2026-01-01|2026-06-30||H1/2026"}},
		{"second half of a year",
			"Tổ chức hội nghị sơ kết 6 tháng cuối năm 2025.",
			[]string{"6 tháng cuối năm 2025|2025-07-01|2025-12-31||H2/2025"}},
		{"kh556 (đến năm: a vision year)",
			"Phấn đấu đến năm 2030 diện tích rừng ngập mặn ven biển của tỉnh đạt 1.700 ha.",
			[]string{"đến năm 2030|-|2030-12-31||2030"}},
		{"term in words (trong nhiệm kỳ)",
			"Thực hiện việc bố trí bí thư cấp ủy không là người địa phương trong nhiệm kỳ 2021 - 2026.",
			[]string{"trong nhiệm kỳ 2021 - 2026|2021-01-01|2026-12-31||2021-2026"}},
		{"hd45 (a term in a title is a name)",
			"Ủy viên Ban Thường vụ Tỉnh ủy A nhiệm kỳ 2025-2030, nếu được giới thiệu quy hoạch.",
			nil},
		{"luật 80 (a year in a name is not a deadline)",
			"Công chức được tuyển dụng trước ngày Luật Cán bộ, công chức năm 2025 có hiệu lực thi hành.",
			nil},
		{"hd45 (định kỳ hằng năm)",
			"Ban thường vụ cấp ủy rà soát, bổ sung quy hoạch nhiệm kỳ 2025-2030, 2026-2031 định kỳ hằng năm theo quy định.",
			[]string{"định kỳ hằng năm|-|-|annual|"}},
		{"kh556 (định kỳ hàng năm across a line break)",
			"Định kỳ hàng\nnăm, tổng hợp, báo cáo kết quả thực hiện Kế hoạch này.",
			[]string{"Định kỳ hàng\nnăm|-|-|annual|"}},
		{"hd37 (hằng tháng)",
			"Chỉ đạo các chi bộ sinh hoạt đúng ngày mồng 3 hằng tháng theo quy định.",
			[]string{"hằng tháng|-|-|monthly|"}},
		{"quarterly",
			"Các đơn vị báo cáo tiến độ hằng quý về Sở Nội vụ; Sở Tài chính tổng hợp hàng quý.",
			[]string{"hằng quý|-|-|quarterly|", "hàng quý|-|-|quarterly|"}},
		{"half-yearly",
			"Định kỳ 6 tháng báo cáo Ban Thường vụ Tỉnh ủy.",
			[]string{"Định kỳ 6 tháng|-|-|semiannual|"}},
		{"nq48 (chi thường xuyên is spending, not a duty)",
			"Các cơ quan, đơn vị bố trí kinh phí chi thường xuyên theo quy định.",
			nil},
		{"nq48 (a baseline year)",
			"Được tính tăng thêm 10% so với năm 2015.",
			nil},
		{"kh556 (citation date after a number without a comma)",
			"Thực hiện Nghị quyết số 26/NQ-CP ngày 05/3/2020 của Chính phủ.",
			nil},
		{"citation by the verb of issuing",
			"Thực hiện Kế hoạch ban hành ngày 15/7/2025, các sở báo cáo chậm nhất ngày 15/7/2026.",
			[]string{"chậm nhất ngày 15/7/2026|-|2026-07-15||"}},
		{"nđ170 preamble (a law's date is a citation)",
			"Căn cứ Luật Cán bộ, công chức ngày 24 tháng 6 năm 2025;",
			nil},
		{"luật 80 header (place and date)",
			"Luật số: 80/2025/QH15 | Hà Nội, ngày 24 tháng 6 năm 2025 |",
			nil},
		// Edge cases: quarters, half-years, ranges, date forms.
		{"quarter IV in words",
			"Tổ chức tổng kết trong quý IV năm 2025.",
			[]string{"trong quý IV năm 2025|2025-10-01|2025-12-31||Q4/2025"}},
		{"quarter with an Arabic numeral",
			"Hoàn thành việc chuyển đổi dữ liệu trong quý 3/2026.",
			[]string{"trong quý 3/2026|2026-07-01|2026-09-30||Q3/2026"}},
		{"quarter without a cue",
			"Thời gian thực hiện: quý I/2026.",
			[]string{"quý I/2026|2026-01-01|2026-03-31||Q1/2026"}},
		{"trước a quarter: before it begins",
			"Hoàn thành trước quý III/2026.",
			[]string{"trước quý III/2026|-|2026-06-30||Q3/2026"}},
		{"two quarters sharing a year are one range",
			"Tổ chức thí điểm trong quý II và quý III năm 2026.",
			[]string{"trong quý II và quý III năm 2026|2026-04-01|2026-09-30||"}},
		{"two quarters, the second without quý",
			"Sơ kết việc thực hiện trong quý I - II/2026.",
			[]string{"trong quý I - II/2026|2026-01-01|2026-06-30||"}},
		{"hd45 (quarters and a month without a year are not read)",
			"Hằng năm, tiến hành rà soát, bổ sung quy hoạch trong Quý I và báo cáo cấp trên trực tiếp trong Quý II, chậm nhất tháng 6.",
			[]string{"Hằng năm|-|-|annual|"}},
		{"first half-year without a cue",
			"Triển khai thí điểm 6 tháng đầu năm 2026.",
			[]string{"6 tháng đầu năm 2026|2026-01-01|2026-06-30||H1/2026"}},
		{"half-year, zero-padded, under đến hết",
			"Hoàn thành đến hết 06 tháng đầu năm 2026.",
			[]string{"đến hết 06 tháng đầu năm 2026|-|2026-06-30||H1/2026"}},
		{"half-year without a year",
			"Xây dựng kế hoạch công tác 6 tháng cuối năm.",
			nil},
		{"range of years",
			"Thực hiện tinh giản biên chế từ năm 2021 đến năm 2025.",
			[]string{"từ năm 2021 đến năm 2025|2021-01-01|2025-12-31||2021-2025"}},
		{"a bare giai đoạn is a name",
			"Chương trình chuyển đổi số giai đoạn 2021-2025 đã hoàn thành.",
			nil},
		{"trong giai đoạn with an en dash",
			"Sắp xếp các đơn vị sự nghiệp trong giai đoạn 2021–2025.",
			[]string{"trong giai đoạn 2021–2025|2021-01-01|2025-12-31||2021-2025"}},
		{"range of dates",
			"Thực hiện thí điểm từ ngày 01/7/2025 đến ngày 31/12/2025.",
			[]string{"từ ngày 01/7/2025 đến ngày 31/12/2025|2025-07-01|2025-12-31||"}},
		{"kl155 (the first date of a range borrows the year)",
			"Nghị quyết Hội nghị Trung ương 11 khoá XIII (từ ngày 04/5 đến ngày 14/5/2025) do Ban Tổ chức Trung ương trình.",
			[]string{"từ ngày 04/5 đến ngày 14/5/2025|2025-05-04|2025-05-14||"}},
		{"cd217 (a range of days in one month)",
			"Từ ngày 16-20/11/2025, trên các sông từ Hà Tĩnh đến Khánh Hòa xuất hiện một đợt lũ.",
			[]string{"Từ ngày 16-20/11/2025|2025-11-16|2025-11-20||"}},
		{"range of months sharing a year",
			"Tổ chức lấy ý kiến từ tháng 6 đến tháng 9/2025.",
			[]string{"từ tháng 6 đến tháng 9/2025|2025-06-01|2025-09-30||"}},
		{"trước ngày, plain",
			"Các sở báo cáo kết quả trước ngày 30/6/2026.",
			[]string{"trước ngày 30/6/2026|-|2026-06-30||"}},
		{"dotted date",
			"Gửi báo cáo về Sở Nội vụ trước ngày 30.6.2026.",
			[]string{"trước ngày 30.6.2026|-|2026-06-30||"}},
		{"date in words under chậm nhất",
			"Các đơn vị hoàn thành chậm nhất ngày 15 tháng 8 năm 2025.",
			[]string{"chậm nhất ngày 15 tháng 8 năm 2025|-|2025-08-15||"}},
		{"leap day",
			"Nộp hồ sơ trước ngày 29/02/2028.",
			[]string{"trước ngày 29/02/2028|-|2028-02-29||"}},
		{"no leap day in 2026",
			"Nộp hồ sơ trước ngày 29/02/2026.",
			nil},
		{"từ nhiệm kỳ with spaces",
			"Áp dụng từ nhiệm kỳ 2026 - 2031.",
			[]string{"từ nhiệm kỳ 2026 - 2031|2026-01-01|-||2026-2031"}},
		{"kh556 (vào năm)",
			"Đạt mức phát thải ròng bằng 0 vào năm 2050.",
			[]string{"vào năm 2050|2050-01-01|2050-12-31||2050"}},
		{"cv174 (a weekday between the cue and the date)",
			"Báo cáo kết quả thực hiện về Ban Chỉ đạo của Chính phủ (qua Bộ Nội vụ) trước Thứ Tư ngày 03/12/2025.",
			[]string{"trước Thứ Tư ngày 03/12/2025|-|2025-12-03||"}},
		{"kl127 (the date a meeting was held)",
			"Tại phiên họp ngày 28/2/2025, Bộ Chính trị, Ban Bí thư có ý kiến như sau:",
			nil},
		{"cv171 (a meeting named before its date)",
			"Thực hiện ý kiến chỉ đạo của Đồng chí Tổng Bí thư tại cuộc họp Bộ Chính trị ngày 14/11/2025.",
			nil},
		{"kl07 (tổ chức ngày: when a conference was held)",
			"Hội nghị toàn quốc công tác văn phòng tỉnh uỷ, thành uỷ năm 2025 tổ chức ngày 26/11/2025 đã thống nhất đánh giá kết quả hoạt động.",
			nil},
		{"nq66 (a year opening its sentence before a comma)",
			"Năm 2027, hoàn thành việc sửa đổi, bổ sung, ban hành mới văn bản pháp luật.",
			[]string{"Năm 2027|2027-01-01|2027-12-31||2027"}},
		{"kh172 (a year opening a sentence without a comma stays a name)",
			"Năm 2025 và các năm tiếp theo.",
			nil},
		{"kl127 (a document's kind before a cue does not make a citation)",
			"Thời gian hoàn thành việc sửa đổi, bổ sung một số điều của Hiến pháp chậm nhất ngày 30/6/2025.",
			[]string{"chậm nhất ngày 30/6/2025|-|2025-06-30||"}},
		{"cv-hcm (a decision's number, then the deadline)",
			"Thực hiện theo Quyết định số 4970/QĐ-UBND và Quyết định số 2907/QĐ-UBND và hoàn thành trước ngày 05 tháng 12 năm 2025.",
			[]string{"trước ngày 05 tháng 12 năm 2025|-|2025-12-05||"}},
		{"invalid date",
			"Hoàn thành trước ngày 31/2/2026.",
			nil},
	} {
		got := FindDeadlines(tc.text)
		rows := make([]string, 0, len(got))
		for _, d := range got {
			rows = append(rows, dlRow(d))
			if tc.text[d.Start:d.End] != d.Text {
				t.Errorf("%s: offsets %d:%d give %q, not %q", tc.src, d.Start, d.End, tc.text[d.Start:d.End], d.Text)
			}
		}
		if strings.Join(rows, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("%s\n got  %q\n want %q", tc.src, rows, tc.want)
		}
	}
}

// TestFindDeadlinesCorpus runs over the corpus: offsets are valid and in order,
// and the sample plan's reporting cycle is found.
func TestFindDeadlinesCorpus(t *testing.T) {
	n := 0
	for _, path := range parseCorpusFiles(t) {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		ps := ParseText(string(b))
		Walk(ps.Clauses, func(c *Clause, _ int) {
			ds := FindDeadlines(c.Text)
			n += len(ds)
			checkDeadlineOffsets(t, c.Text, ds)
		})
	}
	if n < 50 {
		t.Errorf("only %d time expressions in the corpus", n)
	}
}

func checkDeadlineOffsets(t *testing.T, s string, ds []Deadline) {
	t.Helper()
	last := 0
	for _, d := range ds {
		if d.Start < last || d.End < d.Start || d.End > len(s) || s[d.Start:d.End] != d.Text {
			t.Fatalf("bad offsets %d:%d (last %d) in %q", d.Start, d.End, last, s)
		}
		if !utf8.ValidString(s) {
			continue
		}
		if !utf8.RuneStart(s[d.Start]) || (d.End < len(s) && !utf8.RuneStart(s[d.End])) {
			t.Fatalf("offsets %d:%d cut a rune in %q", d.Start, d.End, s)
		}
		last = d.End
	}
}

func FuzzFindDeadlines(f *testing.F) {
	for _, s := range []string{
		"đến cuối năm 2021 giảm tối thiểu 10% biên chế",
		"từ nay đến cuối năm 2021",
		"trước ngày 30 tháng 6 năm 2026",
		"trong quý IV/2025; hằng quý; định kỳ 6 tháng, năm",
		"Kết luận số 74-KL/TW, ngày 22-5-2020",
		"từ năm 2015 đến năm 2019",
		"từ nhiệm kỳ 2021-2026",
		"6 tháng đầu năm 2026",
		"ngày 99/99/9999",
		"\xffđến\xff năm 2021",
		"Từ ngày 16-20/11/2025",
		"từ ngày 04/5 đến ngày 14/5/2025",
		"trong quý II và quý III năm 2026",
		"Năm 2027, hoàn thành",
		"trước Thứ Tư ngày 03/12/2025",
		"từ tháng 6 đến tháng 9/2025",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkDeadlineOffsets(t, s, FindDeadlines(s))
	})
}

func BenchmarkFindDeadlines(b *testing.B) {
	s := strings.Repeat("Phát huy sức mạnh nhằm thực hiện đạt mục tiêu đến cuối năm 2021 giảm tối thiểu 10% biên chế của tỉnh so với năm 2015; định kỳ 6 tháng, năm báo cáo. ", 20)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		FindDeadlines(s)
	}
}
