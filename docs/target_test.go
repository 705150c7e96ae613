package docs

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tgRow prints a target as
// "text|direction|amount unit|metric|min|baseline|deadline text|due".
func tgRow(t Target) string {
	dl, due := "", ""
	if t.Deadline != nil {
		dl, due = t.Deadline.Text, dlISO(t.Deadline.Due)
	}
	min := ""
	if t.Minimum {
		min = "min"
	}
	return fmt.Sprintf("%s|%s|%g%s|%s|%s|%d|%s|%s", t.Text, t.Direction, t.Amount, t.Unit, t.Metric, min, t.Baseline, dl, due)
}

func TestFindTargets(t *testing.T) {
	for _, tc := range []struct {
		src, text string
		want      []string
	}{
		{"kh-tu-2020 B.II.2.3",
			"Phát huy sức mạnh của cả hệ thống chính trị nhằm thực hiện đạt mục tiêu đến cuối năm 2021 giảm tối thiểu 10% biên chế của tỉnh so với năm 2015.",
			[]string{"giảm tối thiểu 10% biên chế của tỉnh|decrease|10%|biên chế của tỉnh|min|2015|đến cuối năm 2021|2021-12-31"}},
		{"kh-tu-2020 B.II.2.1/-2 (giảm còn: down to)",
			"Tiếp tục hoàn thiện chức năng, nhiệm vụ, vị trí việc làm; sắp xếp, kiện toàn tổ chức bộ máy bên trong của các cơ quan, đơn vị theo hướng giảm đầu mối trực thuộc, giảm tối đa cấp trung gian, giảm số lượng cấp phó và tinh giản biên chế theo đúng lộ trình. Thực hiện giảm còn 01 phó chủ tịch hội đồng nhân dân cấp huyện phù hợp với chức năng, nhiệm vụ, gắn với nâng cao chất lượng, hiệu quả hoạt động để triển khai thực hiện từ nhiệm kỳ 2021-2026.",
			[]string{"giảm còn 01 phó chủ tịch hội đồng nhân dân cấp huyện|reach|1|phó chủ tịch hội đồng nhân dân cấp huyện||0|từ nhiệm kỳ 2021-2026|-"}},
		{"kh556 (subject before đạt, a time expression between)",
			"Phấn đấu đến năm 2030 diện tích rừng ngập mặn ven biển của tỉnh đạt 1.700 ha.",
			[]string{"diện tích rừng ngập mặn ven biển của tỉnh đạt 1.700 ha|reach|1700ha|diện tích rừng ngập mặn ven biển của tỉnh||0|đến năm 2030|2030-12-31"}},
		{"kh556 (subject before the time expression)",
			"Phục hồi và phát triển rừng ngập mặn, diện tích rừng ngập mặn đến năm 2030 đạt 1.700 ha.",
			[]string{"diện tích rừng ngập mặn đến năm 2030 đạt 1.700 ha|reach|1700ha|diện tích rừng ngập mặn||0|đến năm 2030|2030-12-31"}},
		{"kh556 (a percentage right after the time expression)",
			"Đến năm 2030, 100% các khu du lịch biển, khu đô thị ven biển được thu gom, xử lý rác thải.",
			[]string{"100% các khu du lịch biển|reach|100%|các khu du lịch biển||0|Đến năm 2030|2030-12-31"}},
		{"kh141 4 as extracted (a line break ends the sentence: no deadline)",
			"Trong giai đoạn 2026\n- 2030 phấn đấu có ít nhất 10% đội ngũ cán bộ, công chức xây dựng chính sách, pháp luật từ nguồn thu hút, tuyển dụng.",
			[]string{"phấn đấu có ít nhất 10% đội ngũ cán bộ, công chức xây dựng chính sách|reach|10%|đội ngũ cán bộ, công chức xây dựng chính sách|min|0||"}},
		{"phấn đấu ... đạt ít nhất",
			"Phấn đấu đến hết năm 2026, tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng đạt ít nhất 90%.",
			[]string{"tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng đạt ít nhất 90%|reach|90%|tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng|min|0|đến hết năm 2026|2026-12-31"}},
		{"tăng ... lên",
			"Đến năm 2030, tăng tỷ lệ người dân sử dụng dịch vụ công trực tuyến toàn trình lên 80%.",
			[]string{"tăng tỷ lệ người dân sử dụng dịch vụ công trực tuyến toàn trình lên 80%|reach|80%|tỷ lệ người dân sử dụng dịch vụ công trực tuyến toàn trình||0|Đến năm 2030|2030-12-31"}},
		{"giảm ít nhất (a change)",
			"Trong năm 2026, giảm ít nhất 5% số đơn vị sự nghiệp công lập so với năm 2021.",
			[]string{"giảm ít nhất 5% số đơn vị sự nghiệp công lập|decrease|5%|số đơn vị sự nghiệp công lập|min|2021|Trong năm 2026|2026-12-31"}},
		{"tăng thêm (a change), decimal comma",
			"Phấn đấu trong năm 2026 tăng thêm 2,5% thu ngân sách so với năm 2025.",
			[]string{"tăng thêm 2,5% thu ngân sách|increase|2.5%|thu ngân sách||2025|trong năm 2026|2026-12-31"}},
		{"kh556 (đạt 100% with the subject after the time expression)",
			"Đến năm 2030, tỷ lệ thu gom, xử lý rác thải nhựa tại các bãi biển, khu du lịch biển đạt 100%.",
			[]string{"tỷ lệ thu gom, xử lý rác thải nhựa tại các bãi biển, khu du lịch biển đạt 100%|reach|100%|tỷ lệ thu gom, xử lý rác thải nhựa tại các bãi biển, khu du lịch biển||0|Đến năm 2030|2030-12-31"}},
		{"kh141 4 (phấn đấu có ít nhất)",
			"Trong giai đoạn 2026 - 2030 phấn đấu có ít nhất 10% đội ngũ cán bộ, công chức xây dựng chính sách, pháp luật từ nguồn thu hút, tuyển dụng.",
			[]string{"phấn đấu có ít nhất 10% đội ngũ cán bộ, công chức xây dựng chính sách|reach|10%|đội ngũ cán bộ, công chức xây dựng chính sách|min|0|Trong giai đoạn 2026 - 2030|2030-12-31"}},
		{"nq71 (nâng ... lên tối thiểu; the rest of the list has no verb of its own)",
			"Có chính sách ưu đãi đặc thù, vượt trội cho đội ngũ nhà giáo; nâng phụ cấp ưu đãi nghề đối với cơ sở giáo dục mầm non và phổ thông lên tối thiểu 70% cho giáo viên, tối thiểu 30% cho nhân viên.",
			[]string{"nâng phụ cấp ưu đãi nghề đối với cơ sở giáo dục mầm non và phổ thông lên tối thiểu 70%|reach|70%|phụ cấp ưu đãi nghề đối với cơ sở giáo dục mầm non và phổ thông|min|0||"}},
		{"nq71 (Phấn đấu ít nhất: a count)",
			"Phấn đấu ít nhất 8 cơ sở giáo dục đại học thuộc nhóm 200 đại học hàng đầu châu Á.",
			[]string{"Phấn đấu ít nhất 8 cơ sở giáo dục đại học thuộc nhóm 200 đại học hàng đầu châu Á|reach|8|cơ sở giáo dục đại học thuộc nhóm 200 đại học hàng đầu châu Á|min|0||"}},
		{"tb624 (phải đạt: the subject is before the comma; the result so far is not a target)",
			"(4) đôn đốc các doanh nghiệp viễn thông phủ sóng 5G trên phạm vi toàn quốc, phải đạt 90% trong năm 2025 (đến nay mới đạt 39,5%).",
			[]string{"đôn đốc các doanh nghiệp viễn thông phủ sóng 5G trên phạm vi toàn quốc, phải đạt 90%|reach|90%|đôn đốc các doanh nghiệp viễn thông phủ sóng 5G trên phạm vi toàn quốc||0|trong năm 2025|2025-12-31"}},
		{"tb624 (phấn đấu đạt a count)",
			"Phối hợp với các bộ, ngành tháo gỡ các khó khăn liên quan đến dự án Starlink để có thể triển khai trong năm 2026 (phấn đấu đạt 500.000 thuê bao).",
			[]string{"đạt 500.000 thuê bao|reach|500000|thuê bao||0|trong năm 2026|2026-12-31"}},
		{"qd1147 (an entitlement, not a target)",
			"Giảng viên nữ có con nhỏ dưới 12 tháng được giảm 15% định mức, trên 12 tháng đến dưới 36 tháng được giảm 10% định mức.",
			nil},
		{"nd170 (a condition, not a target)",
			"Người được đề nghị bổ nhiệm phải đạt trên 50% số phiếu giới thiệu (tính trên tổng số người được triệu tập).",
			nil},
		{"nq48 (a budget formula, not a target)",
			"Các xã vùng đồng bào dân tộc thiểu số và miền núi được tính tăng thêm 10% so với định mức phân bổ nêu trên.",
			nil},
		{"nq48 (a budget table row)",
			"Chi sự nghiệp giáo dục: 20%; chi sự nghiệp y tế: 8,5%; chi quản lý hành chính: 12%.",
			nil},
		{"kh556 (a percentage heads the sentence; the metric is cut at 15 words)",
			"Đến năm 2030, 100% các khu vực bảo vệ nguồn lợi thủy sản được xác định và quản lý hiệu quả.",
			[]string{"100% các khu vực bảo vệ nguồn lợi thủy sản được xác định và quản lý|reach|100%|các khu vực bảo vệ nguồn lợi thủy sản được xác định và quản lý||0|Đến năm 2030|2030-12-31"}},
		{"kh-tu-2020 (đạt mục tiêu without an amount)",
			"Xử lý nghiêm những trường hợp không đạt mục tiêu tinh gọn bộ máy, tinh giản biên chế.",
			nil},
	} {
		got := FindTargets(tc.text)
		rows := make([]string, 0, len(got))
		for _, tg := range got {
			rows = append(rows, tgRow(tg))
			if tc.text[tg.Start:tg.End] != tg.Text {
				t.Errorf("%s: offsets %d:%d give %q, not %q", tc.src, tg.Start, tg.End, tc.text[tg.Start:tg.End], tg.Text)
			}
		}
		if strings.Join(rows, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("%s\n got  %q\n want %q", tc.src, rows, tc.want)
		}
	}
}

// TestFindTargetsSamplePlan finds the two targets of the sample plan and no
// other.
func TestFindTargetsSamplePlan(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(parseCorpus, "text", "kh-tu-2020-thuc-hien-kl74-tw.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	Walk(ParseText(string(b)).Clauses, func(c *Clause, _ int) {
		for _, tg := range FindTargets(c.Text) {
			rows = append(rows, tg.Direction+"|"+tg.Metric)
		}
	})
	want := []string{"reach|phó chủ tịch hội đồng nhân dân cấp huyện", "decrease|biên chế của tỉnh"}
	if strings.Join(rows, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %q, want %q", rows, want)
	}
}

func TestFindTargetsCorpus(t *testing.T) {
	for _, path := range parseCorpusFiles(t) {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		Walk(ParseText(string(b)).Clauses, func(c *Clause, _ int) {
			checkTargetOffsets(t, c.Text, FindTargets(c.Text))
		})
	}
}

func checkTargetOffsets(t *testing.T, s string, ts []Target) {
	t.Helper()
	last := 0
	for _, tg := range ts {
		if tg.Start < last || tg.End < tg.Start || tg.End > len(s) || s[tg.Start:tg.End] != tg.Text {
			t.Fatalf("bad offsets %d:%d (last %d) in %q", tg.Start, tg.End, last, s)
		}
		if tg.Deadline != nil && (tg.Deadline.End > len(s) || s[tg.Deadline.Start:tg.Deadline.End] != tg.Deadline.Text) {
			t.Fatalf("bad deadline offsets in %q", s)
		}
		last = tg.End
	}
}

func FuzzFindTargets(f *testing.F) {
	for _, s := range []string{
		"thực hiện đạt mục tiêu đến cuối năm 2021 giảm tối thiểu 10% biên chế của tỉnh so với năm 2015.",
		"Thực hiện giảm còn 01 phó chủ tịch hội đồng nhân dân cấp huyện từ nhiệm kỳ 2021-2026.",
		"Đến năm 2030, 100% các xã; tăng tỷ lệ lên 80%; đạt 1.700 ha.",
		"tăng  lên 5%, giảm 0,5",
		"\xffgiảm 9\xff%",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkTargetOffsets(t, s, FindTargets(s))
	})
}
