package docs

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// unitRows prints mentions as "role|name|as printed" for comparison.
func unitRows(text string, ms []UnitMention) []string {
	rs := []rune(text)
	out := make([]string, 0, len(ms))
	for _, m := range ms {
		printed := ""
		if m.Start >= 0 && m.End <= len(rs) && m.Start <= m.End {
			printed = string(rs[m.Start:m.End])
		}
		row := fmt.Sprintf("%s|%s|%s", m.Role, m.Name, printed)
		if m.New {
			row += "|new"
		}
		if m.Collective {
			row += "|các"
		}
		out = append(out, row)
	}
	return out
}

func checkRows(t *testing.T, text string, got []UnitMention, want []string) {
	t.Helper()
	rows := unitRows(text, got)
	if strings.Join(rows, "\n") != strings.Join(want, "\n") {
		t.Errorf("%.90s…\n got  %q\n want %q", text, rows, want)
	}
}

func TestExtractUnits(t *testing.T) {
	cat := loadCatalog(t)
	for _, tc := range []struct {
		src, text string
		want      []string
	}{
		{"kh-tu-2020 B.II.2.1/-1",
			"Thực hiện thống nhất chủ trương Ban Thường vụ Tỉnh ủy trực tiếp lãnh đạo xây dựng và quản lý tổ chức bộ máy, biên chế trong hệ thống chính trị của tỉnh. Giao cho Ban Tổ chức Tỉnh ủy chủ trì phối hợp với Sở Nội vụ và các cơ quan có liên quan tham mưu Ban Thường vụ Tỉnh ủy lãnh đạo thực hiện công tác này; đồng thời đề xuất điều chỉnh, bổ sung, sửa đổi một số nội dung trong các chương trình, kế hoạch của Tỉnh ủy thực hiện Nghị quyết số 18-NQ/TW, số 19-NQ/TW của Ban Chấp hành Trung ương khóa XII cho phù hợp.",
			[]string{
				"lead|Ban Tổ chức Tỉnh ủy|Ban Tổ chức Tỉnh ủy",
				"support|Sở Nội vụ|Sở Nội vụ",
				"support|Các cơ quan, đơn vị liên quan|các cơ quan có liên quan|các",
				"report_to|Ban Thường vụ Tỉnh ủy|Ban Thường vụ Tỉnh ủy",
			}},
		{"kh-tu-2020 B.III.3",
			"Ban Tổ chức Tỉnh ủy chủ trì, phối hợp với các ban của Tỉnh ủy và cơ quan liên quan thường xuyên theo dõi, hướng dẫn, kiểm tra, đôn đốc việc thực hiện, định kỳ 6 tháng, năm báo cáo kết quả thực hiện về Ban Thường vụ Tỉnh ủy.",
			[]string{
				"lead|Ban Tổ chức Tỉnh ủy|Ban Tổ chức Tỉnh ủy",
				"support|Các ban đảng Tỉnh ủy|các ban của Tỉnh ủy|các",
				"support|Các cơ quan, đơn vị liên quan|cơ quan liên quan|các",
				"report_to|Ban Thường vụ Tỉnh ủy|Ban Thường vụ Tỉnh ủy",
			}},
		{"kh-tu-2020 B.III.1 (issuers of the cited documents are not units to act)",
			"Các huyện, thành ủy, đảng ủy tiếp tục chỉ đạo quán triệt và tổ chức thực hiện có hiệu quả Nghị quyết số 18-NQ/T, số 19-NQ/TW của Ban Chấp hành Trung ương khóa XII, Nghị quyết số 39-NQ/TW và Kết luận số 74-KL/TW của Bộ Chính trị và các nhiệm vụ, giải pháp nêu trong Kế hoạch này.",
			[]string{"lead|Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc|Các huyện, thành ủy, đảng ủy|các"}},
		{"kh-tu-2020 B.III.2",
			"Ban cán sự đảng Ủy ban nhân dân tỉnh lãnh đạo, chỉ đạo các cơ quan chức năng triển khai thực hiện, hoàn thành đúng tiến độ các mục tiêu, nhiệm vụ theo các chương trình, kế hoạch của Tỉnh ủy về thực hiện các nghị quyết, kết luận nêu trên.",
			[]string{"lead|Ban cán sự đảng Ủy ban nhân dân tỉnh|Ban cán sự đảng Ủy ban nhân dân tỉnh"}},
		{"kh-tu-2020 B.II/¶1 (the requester is not the lead)",
			"Để lãnh đạo thực hiện tốt Kết luận số 74-KL/TW, ngày 22-5-2020 của Bộ Chính trị, Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, tổ chức đảng lãnh đạo triển khai thực hiện tốt những công việc sau đây:",
			[]string{"lead|Các cấp ủy, tổ chức đảng|các cấp ủy, tổ chức đảng|các"}},
		{"kh1026 IV.1",
			"Căn cứ kế hoạch này, Giám đốc các Sở, Thủ trưởng các ngành, cơ quan cấp tỉnh, UBND các xã, phường, các cơ quan, đơn vị có liên quan xây dựng kế hoạch cụ thể để triển khai thực hiện; kết quả thực hiện báo cáo về Công an tỉnh (qua Phòng An ninh chính trị nội bộ).",
			[]string{
				"lead|Giám đốc các Sở|Giám đốc các Sở|các",
				"lead|Ủy ban nhân dân các xã, phường, thị trấn|UBND các xã, phường|các",
				"lead|Các cơ quan, đơn vị liên quan|các cơ quan, đơn vị có liên quan|các",
				"report_to|Công an tỉnh|Công an tỉnh",
			}},
		{"kh1026 IV.2",
			"Giao Công an tỉnh chủ trì, phối hợp với Văn phòng UBND tỉnh theo dõi, hướng dẫn, kiểm tra, đôn đốc việc triển khai thực hiện Kế hoạch này; định kỳ báo cáo kết quả thực hiện về Bộ Công an, UBND tỉnh theo quy định./.",
			[]string{
				"lead|Công an tỉnh|Công an tỉnh",
				"support|Văn phòng Ủy ban nhân dân tỉnh|Văn phòng UBND tỉnh",
				"report_to|Bộ Công an|Bộ Công an",
				"report_to|Ủy ban nhân dân tỉnh|UBND tỉnh",
			}},
		{"kh1026 III.6 (a long list after Đề nghị; names not in the catalog kept as printed)",
			"Đề nghị Văn phòng Tỉnh ủy và các Ban Xây dựng Đảng và Ủy ban Kiểm tra Tỉnh ủy, Văn phòng Đoàn đại biểu Quốc hội và HĐND tỉnh, Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, Viện kiểm sát nhân dân tỉnh, Tòa án nhân dân tỉnh, Thuế tỉnh, Kiểm toán nhà nước khu vực II, Kho bạc nhà nước khu vực XI, Ngân hàng nhà nước khu vực 8, Chi cục Hải quan khu vực XI tăng cường công tác bảo vệ bí mật nhà nước theo quy định của pháp luật hiện hành.",
			[]string{
				"lead|Văn phòng Tỉnh ủy|Văn phòng Tỉnh ủy",
				"lead|Các ban đảng Tỉnh ủy|các Ban Xây dựng Đảng|các",
				"lead|Ủy ban Kiểm tra Tỉnh ủy|Ủy ban Kiểm tra Tỉnh ủy",
				"lead|Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh|Văn phòng Đoàn đại biểu Quốc hội và HĐND tỉnh",
				"lead|Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh|Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
				"lead|Viện kiểm sát nhân dân tỉnh|Viện kiểm sát nhân dân tỉnh|new",
				"lead|Tòa án nhân dân tỉnh|Tòa án nhân dân tỉnh|new",
				"lead|Thuế tỉnh|Thuế tỉnh",
				"lead|Kiểm toán nhà nước khu vực II|Kiểm toán nhà nước khu vực II|new",
				"lead|Kho bạc nhà nước khu vực XI|Kho bạc nhà nước khu vực XI|new",
				"lead|Ngân hàng nhà nước khu vực 8|Ngân hàng nhà nước khu vực 8|new",
				"lead|Chi cục Hải quan khu vực XI|Chi cục Hải quan khu vực XI|new",
			}},
		{"kh141 IV.1 (báo cáo X (qua Y))",
			"Các cơ quan, đơn vị, địa phương xây dựng Kế hoạch triển khai thực hiện phù hợp với chức năng, nhiệm vụ, điều kiện thực tế của từng cơ quan, đơn vị, địa phương xong trong tháng 12/2025. Định kỳ báo cáo UBND tỉnh (qua Sở Tư pháp) kết quả thực hiện Kế hoạch hằng năm (trước ngày 15 tháng 11) hoặc theo đề nghị để tổng hợp, báo cáo theo quy định.",
			[]string{
				"lead|Các cơ quan, đơn vị, địa phương|Các cơ quan, đơn vị, địa phương|các",
				"report_to|Ủy ban nhân dân tỉnh|UBND tỉnh",
				"report_to|Sở Tư pháp|Sở Tư pháp",
			}},
		{"kh141 IV.2",
			"Sở Tài chính chủ trì, phối hợp với các Sở, ban, ngành, đơn vị và UBND cấp xã bố trí kinh phí chi thường xuyên trong dự toán ngân sách nhà nước hàng năm cho các cơ quan, đơn vị để triển khai thực hiện các nhiệm vụ, giải pháp của Kế hoạch này theo Luật Ngân sách nhà nước; Nghị quyết số 197/2025/QH15 của Quốc hội về một số cơ chế, chính sách đặc biệt tạo đột phá trong xây dựng và tổ chức thi hành pháp luật và các quy định liên quan khác.",
			[]string{
				"lead|Sở Tài chính|Sở Tài chính",
				"support|Các sở, ban, ngành|các Sở, ban, ngành, đơn vị|các",
				"support|Ủy ban nhân dân các xã, phường, thị trấn|UBND cấp xã|các",
			}},
		{"kh141 IV.6",
			"Giao Sở Tư pháp theo dõi, đôn đốc các cơ quan, đơn vị, địa phương triển khai thực hiện Kế hoạch này; tham mưu sơ kết, tổng kết và định kỳ báo cáo UBND tỉnh theo quy định./.",
			[]string{"lead|Sở Tư pháp|Sở Tư pháp", "report_to|Ủy ban nhân dân tỉnh|UBND tỉnh"}},
		{"kh141 III.1 (labelled lines of a plan set out as a table)",
			"Đơn vị chủ trì thực hiện: Các Sở, ngành, đơn vị, UBND cấp xã.",
			[]string{"lead|Các sở, ban, ngành|Các Sở, ngành, đơn vị|các", "lead|Ủy ban nhân dân các xã, phường, thị trấn|UBND cấp xã|các"}},
		{"kh141 III.1", "Đơn vị phối hợp: Sở Nội vụ, Sở Tư pháp.",
			[]string{"support|Sở Nội vụ|Sở Nội vụ", "support|Sở Tư pháp|Sở Tư pháp"}},
		{"kh141 III.4", "Đơn vị phối hợp: Sở Tư pháp; các cơ quan, đơn vị, địa phương liên quan.",
			[]string{"support|Sở Tư pháp|Sở Tư pháp", "support|Các cơ quan, đơn vị liên quan|các cơ quan, đơn vị, địa phương liên quan|các"}},
		{"kh172 II.2/-2", "Cơ quan chủ trì: Sở Nội vụ, Sở Giáo dục và Đào tạo, Sở Tài chính.",
			[]string{"lead|Sở Nội vụ|Sở Nội vụ", "lead|Sở Giáo dục và Đào tạo|Sở Giáo dục và Đào tạo", "lead|Sở Tài chính|Sở Tài chính"}},
		{"kh172 IV.1",
			"Sở Nội vụ chịu trách nhiệm về việc báo cáo, đề nghị ban hành và nội dung Kế hoạch này. Tham mưu Ủy ban nhân dân Thành phố theo dõi, kiểm tra, đôn đốc các sở, ban, ngành và Ủy ban nhân dân phường, xã, đặc khu triển khai thực hiện nhiệm vụ được nêu trong Kế hoạch.",
			[]string{"lead|Sở Nội vụ|Sở Nội vụ", "report_to|Ủy ban nhân dân Thành phố|Ủy ban nhân dân Thành phố|new"}},
		{"kh172 IV.3",
			"Thủ trưởng các sở, ban, ngành và Ủy ban nhân dân phường, xã, đặc khu chịu trách nhiệm triển khai, thực hiện Kế hoạch này và báo cáo kết quả thực hiện về Ủy ban nhân dân Thành phố (thông qua Sở Nội vụ để tổng hợp).",
			[]string{
				"lead|Thủ trưởng các sở, ban, ngành|Thủ trưởng các sở, ban, ngành|các",
				"lead|Ủy ban nhân dân các xã, phường, thị trấn|Ủy ban nhân dân phường, xã, đặc khu|các",
				"report_to|Ủy ban nhân dân Thành phố|Ủy ban nhân dân Thành phố|new",
				"report_to|Sở Nội vụ|Sở Nội vụ",
			}},
		{"kh556 VI.3",
			"Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các Đoàn thể tỉnh bằng nhiều hình thức và phương pháp thích hợp, tổ chức tuyên truyền và vận động đoàn viên, hội viên và Nhân dân tích cực tham gia thực hiện Kế hoạch này.",
			[]string{"lead|Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh|Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "lead|Các đoàn thể chính trị - xã hội tỉnh|các Đoàn thể tỉnh|các"}},
		{"kh556 VI.5 (đôn đốc X gives X no role)",
			"Giao Sở Nông nghiệp và Môi trường chủ trì phối hợp với các sở, ban, ngành tỉnh và Ủy ban nhân dân các xã, phường tổ chức triển khai thực hiện Kế hoạch này; Đồng thời theo dõi kiểm tra, đôn đốc các sở, ban, ngành tỉnh có liên quan và Ủy ban nhân dân các xã, phường trong việc thực hiện kế hoạch; Tổ chức sơ, tổng kết, báo cáo kịp thời về Bộ Nông nghiệp và Môi trường, Ủy ban nhân dân tỉnh.",
			[]string{
				"lead|Sở Nông nghiệp và Môi trường|Sở Nông nghiệp và Môi trường",
				"support|Các sở, ban, ngành|các sở, ban, ngành tỉnh|các",
				"support|Ủy ban nhân dân các xã, phường, thị trấn|Ủy ban nhân dân các xã, phường|các",
				"report_to|Bộ Nông nghiệp và Môi trường|Bộ Nông nghiệp và Môi trường",
				"report_to|Ủy ban nhân dân tỉnh|Ủy ban nhân dân tỉnh",
			}},
		{"kh556 VI.4",
			"Các đơn vị, địa phương tăng cường kiểm tra, đôn đốc triển khai, thực hiện Kế hoạch này, định kỳ hàng năm báo cáo kết quả thực hiện về Sở Nông nghiệp và Môi trường chậm nhất ngày 17 tháng 12.",
			[]string{"lead|Các cơ quan, đơn vị, địa phương|Các đơn vị, địa phương|các", "report_to|Sở Nông nghiệp và Môi trường|Sở Nông nghiệp và Môi trường"}},
		{"ct09 2.a",
			"Tiêu chuẩn - đo lường - chất lượng: Ủy ban nhân dân huyện, thị xã chủ động và phối hợp với Sở Khoa học và Công nghệ trong công tác tuyên truyền, phổ biến và tổ chức thực hiện pháp luật về tiêu chuẩn, đo lường, chất lượng.",
			[]string{"lead|Ủy ban nhân dân các huyện, thị xã, thành phố|Ủy ban nhân dân huyện, thị xã|các", "support|Sở Khoa học và Công nghệ|Sở Khoa học và Công nghệ"}},
		{"ct09 6.c", "Sở Khoa học và Công nghệ:", []string{"lead|Sở Khoa học và Công nghệ|Sở Khoa học và Công nghệ"}},
		{"ct09 6.e/¶1 (Uỷ spelling)",
			"Giao Sở Khoa học và Công nghệ theo dõi, đôn đốc, kiểm tra và định kỳ sáu tháng báo cáo Uỷ ban nhân dân tỉnh về kết quả triển khai thực hiện Chỉ thị này.",
			[]string{"lead|Sở Khoa học và Công nghệ|Sở Khoa học và Công nghệ", "report_to|Ủy ban nhân dân tỉnh|Uỷ ban nhân dân tỉnh"}},
		{"cd217 2", "Bộ Nông nghiệp và Môi trường:", []string{"lead|Bộ Nông nghiệp và Môi trường|Bộ Nông nghiệp và Môi trường"}},
		{"cd217 3",
			"Bộ Xây dựng chỉ đạo triển khai các giải pháp bảo đảm an toàn giao thông, hoạt động xây dựng; kịp thời huy động lực lượng, phương tiện, vật tư khẩn trương khắc phục, sửa chữa kịp thời các vị trí bị sạt lở, hư hỏng.",
			[]string{"lead|Bộ Xây dựng|Bộ Xây dựng"}},
		{"cd217 5 (Các Bộ: …)",
			"Các Bộ: Quốc phòng, Công an chủ động chỉ đạo các đơn vị đóng trên địa bàn rà soát kịch bản, phương án, bố trí lực lượng, phương tiện sẵn sàng hỗ trợ địa phương triển khai công tác sơ tán.",
			[]string{"lead|Bộ Quốc phòng|Quốc phòng", "lead|Bộ Công an|Công an"}},
		{"cd217 6",
			"Các Bộ: Giáo dục và Đào tạo, Y tế, Khoa học và Công nghệ, Văn hóa, Thể thao và Du lịch theo chức năng, nhiệm vụ, thẩm quyền chủ động phối hợp với địa phương chỉ đạo các cơ quan chức năng triển khai công tác phòng, chống, ứng phó với mưa lũ.",
			[]string{"lead|Bộ Giáo dục và Đào tạo|Giáo dục và Đào tạo", "lead|Bộ Y tế|Y tế", "lead|Bộ Khoa học và Công nghệ|Khoa học và Công nghệ", "lead|Bộ Văn hóa, Thể thao và Du lịch|Văn hóa, Thể thao và Du lịch"}},
		{"cd217 9",
			"Văn phòng Chính phủ theo dõi, đôn đốc thực hiện nghiêm túc Công điện theo chức năng, nhiệm vụ được giao; kịp thời báo cáo Thủ tướng Chính phủ và Phó Thủ tướng phụ trách lĩnh vực những vấn đề đột xuất, phát sinh./.",
			[]string{"lead|Văn phòng Chính phủ|Văn phòng Chính phủ", "report_to|Thủ tướng Chính phủ|Thủ tướng Chính phủ"}},
		{"tb624 (a lead also named in phối hợp of another sentence)",
			"Bộ Tài chính chủ trì, phối hợp với Bộ Khoa học và Công nghệ và Ủy ban nhân dân TP. Hà Nội chỉ đạo Trung tâm Đổi mới sáng tạo Quốc gia (NIC) rà soát.",
			[]string{"lead|Bộ Tài chính|Bộ Tài chính", "support|Bộ Khoa học và Công nghệ|Bộ Khoa học và Công nghệ"}},
		{"same unit, two roles",
			"Sở Nội vụ chủ trì, phối hợp với Sở Tài chính tham mưu UBND tỉnh. Sở Tài chính chủ trì bố trí kinh phí.",
			[]string{"lead|Sở Nội vụ|Sở Nội vụ", "support|Sở Tài chính|Sở Tài chính", "report_to|Ủy ban nhân dân tỉnh|UBND tỉnh", "lead|Sở Tài chính|Sở Tài chính"}},
		{"generic Sở not in the catalog",
			"Giao Sở Du lịch chủ trì, phối hợp với Sở Ngoại vụ và Ban Dân vận Thành ủy tổ chức thực hiện.",
			[]string{"lead|Sở Du lịch|Sở Du lịch|new", "support|Sở Ngoại vụ|Sở Ngoại vụ", "support|Ban Dân vận Thành ủy|Ban Dân vận Thành ủy|new"}},
		{"generic UBND with a place name",
			"Đề nghị Ủy ban nhân dân tỉnh Tiền Giang và Bộ Tư pháp phối hợp thực hiện.",
			[]string{"lead|Ủy ban nhân dân tỉnh Tiền Giang|Ủy ban nhân dân tỉnh Tiền Giang|new", "lead|Bộ Tư pháp|Bộ Tư pháp"}},

		{"a head's title stands for the unit and is kept in the name",
			"Thủ tướng Chính phủ yêu cầu Chủ tịch Ủy ban nhân dân các tỉnh, thành phố nêu trên và lãnh đạo các Bộ, ngành có liên quan, nhất là các Bộ: Quốc phòng, Công an tập trung chỉ đạo.",
			[]string{
				"lead|Chủ tịch Ủy ban nhân dân các tỉnh, thành phố|Chủ tịch Ủy ban nhân dân các tỉnh, thành phố|các",
				"lead|lãnh đạo các Bộ, ngành có liên quan|lãnh đạo các Bộ, ngành có liên quan|các",
				"lead|Bộ Quốc phòng|Quốc phòng",
				"lead|Bộ Công an|Công an",
			}},
		{"a subject that names whom it works with leads",
			"Yêu cầu các cấp ủy, cơ quan, đơn vị, địa phương khẩn trương sắp xếp. Các tỉnh ủy, thành ủy phối hợp Bộ Y tế khẩn trương sắp xếp các cơ sở giáo dục.",
			[]string{
				"lead|Các cơ quan, đơn vị, địa phương|các cấp ủy, cơ quan, đơn vị, địa phương|các",
				"lead|Các tỉnh ủy, thành ủy, đảng ủy trực thuộc Trung ương|Các tỉnh ủy, thành ủy|các",
				"support|Bộ Y tế|Bộ Y tế",
			}},

		// Negatives: units named without a role cue.
		{"subject line: issuers of cited documents",
			"thực hiện Kết luận số 74-KL/TW của Bộ Chính trị về kết quả 02 năm thực hiện Nghị quyết số 18-NQ/TW và số 19-NQ/TW của Ban Chấp hành Trung ương khóa XII và 04 năm thực hiện Nghị quyết số 39-NQ/TW của Bộ Chính trị khóa XI", nil},
		{"kh-tu-2020 B.I.3", "Việc triển khai thực hiện Kết luận số 74-KL/TW của Bộ Chính trị phải tiến hành chặt chẽ, thận trọng đặt dưới sự chỉ đạo thống nhất của cấp ủy, ban thường vụ cấp ủy các cấp.", nil},
		{"kh-tu-2020 B (the issuer drawing up the plan)",
			"Căn cứ Kết luận số 74-KL/TW, ngày 22-5-2020 của Bộ Chính trị về kết quả 02 năm thực hiện Nghị quyết số 18-NQ/TW và số 19-NQ/TW của Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XII, Ban Thường vụ Tỉnh ủy đề ra Kế hoạch chỉ đạo thực hiện như sau:", nil},
		{"kh-tu-2020 A (what was done, not what is asked)",
			"Thực hiện Nghị quyết số 18, 19-NQ/TW của Ban Chấp hành Trung ương Đảng khóa XII và Nghị quyết số 39-NQ/TW của Bộ Chính trị khóa XI về đổi mới tổ chức bộ máy; Ban Thường vụ Tỉnh ủy đã tập trung lãnh đạo, chỉ đạo thực hiện đạt được nhiều kết quả quan trọng:", nil},
		{"kh-tu-2020 B.II.2.2", "Trên cơ sở các văn bản chỉ đạo của Chính phủ và kế hoạch này, tiến hành rà soát, điều chỉnh, sửa đổi một số nội dung Chương trình hành động số 38-CTr/TU, ngày 11-4-2018 của Tỉnh ủy về thực hiện Nghị quyết số 19-NQ/TW.", nil},
		{"theo hướng dẫn của", "Thực hiện thống kê, báo cáo và thông tin khoa học và công nghệ theo hướng dẫn của Sở Khoa học và Công nghệ.", nil},
		{"cd217 ¶1 (the sender)", "THỦ TƯỚNG CHÍNH PHỦ điện:", nil},
		{"kh1026 ¶1 (the issuer)", "Thực hiện Chỉ thị số 32/CT-TTg ngày 21/10/2025 của Thủ tướng Chính phủ về tăng cường công tác bảo vệ bí mật nhà nước trong tình hình mới, UBND tỉnh ban hành Kế hoạch thực hiện như sau:", nil},
		{"nothing", "", nil},
	} {
		t.Run(tc.src, func(t *testing.T) {
			checkRows(t, tc.text, ExtractUnits(tc.text, cat), tc.want)
		})
	}
}

func TestExtractUnitsNormalization(t *testing.T) {
	cat := loadCatalog(t)
	// NFD text, "uỷ" spelling, extra spaces inside a name: offsets are runes
	// of the text as given.
	text := norm.NFD.String("Giao cho Ban Tổ chức Tỉnh uỷ chủ trì, phối hợp với Sở  Nội\tvụ; báo cáo về Ban Thường vụ Tỉnh uỷ.")
	ms := ExtractUnits(text, cat)
	want := []string{
		"lead|Ban Tổ chức Tỉnh ủy|" + norm.NFD.String("Ban Tổ chức Tỉnh uỷ"),
		"support|Sở Nội vụ|" + norm.NFD.String("Sở  Nội\tvụ"),
		"report_to|Ban Thường vụ Tỉnh ủy|" + norm.NFD.String("Ban Thường vụ Tỉnh uỷ"),
	}
	checkRows(t, text, ms, want)

	// Without a catalog only the generic patterns remain.
	ms = ExtractUnits("Giao Sở Nội vụ chủ trì, phối hợp với UBND các huyện, thị xã.", nil)
	checkRows(t, "Giao Sở Nội vụ chủ trì, phối hợp với UBND các huyện, thị xã.", ms,
		[]string{"lead|Sở Nội vụ|Sở Nội vụ|new", "support|UBND các huyện, thị xã|UBND các huyện, thị xã|new|các"})
}

func TestExtractClauseUnits(t *testing.T) {
	cat := loadCatalog(t)
	// A unit-headed item: the unit leads the item and its children.
	ps := Parse(parseLoad(t, parseCorpus+"/word/ct09-2009-ct-ubnd.doc"))
	got := ExtractTreeUnits(ps.Clauses, cat)
	for _, tc := range []struct {
		addr string
		want []string
	}{
		{"6.c", []string{"lead|Sở Khoa học và Công nghệ|Sở Khoa học và Công nghệ"}},
		{"6.c/-1", []string{"lead|Sở Khoa học và Công nghệ|"}},
		{"6.c/-2", []string{"lead|Sở Khoa học và Công nghệ|", "report_to|Ủy ban nhân dân tỉnh|Ủy ban nhân dân tỉnh"}},
		{"6.d/¶1", []string{"lead|Sở Nội vụ|"}},
		{"6.e/-1", []string{"lead|Sở Tài chính|"}},
		// Its own "Giao" overrides the heading item's unit.
		{"6.e/¶1", []string{"lead|Sở Khoa học và Công nghệ|Sở Khoa học và Công nghệ", "report_to|Ủy ban nhân dân tỉnh|Uỷ ban nhân dân tỉnh"}},
		{"6.b", []string{"lead|Ủy ban nhân dân các huyện, thị xã, thành phố|Ủy ban nhân dân các huyện, thị xã|các", "support|Sở Khoa học và Công nghệ|Sở Khoa học và Công nghệ", "support|Các sở, ban, ngành|các sở, ban, ngành cấp tỉnh|các"}},
	} {
		c := parseFind(ps, tc.addr)
		if c == nil {
			t.Errorf("ct09: no clause %s", tc.addr)
			continue
		}
		checkRows(t, c.Text, got[tc.addr], tc.want)
	}

	// A paragraph that only names the unit heads the bullets after it
	// (kh556 section IV), and a heading naming units makes them lead.
	ps = Parse(parseLoad(t, parseCorpus+"/text/kh556-2025-ubnd-dongthap-nq48-cp.txt"))
	got = ExtractTreeUnits(ps.Clauses, cat)
	for _, tc := range []struct {
		addr string
		want []string
	}{
		{"IV/-4", []string{"lead|Sở Nông nghiệp và Môi trường|", "support|Các cơ quan, đơn vị, địa phương|các sở, ngành, địa phương có liên quan|các", "report_to|Ủy ban nhân dân tỉnh|Ủy ban nhân dân tỉnh"}},
		{"IV.4/-2", []string{"lead|Sở Xây dựng|", "report_to|Ủy ban nhân dân tỉnh|Ủy ban nhân dân tỉnh", "support|Các bộ ngành Trung ương|các bộ, ngành Trung ương|các"}},
		{"IV.13/¶1", []string{"lead|Các sở, ban, ngành||các", "lead|Ủy ban nhân dân các xã, phường, thị trấn||các"}},
	} {
		c := parseFind(ps, tc.addr)
		if c == nil {
			t.Errorf("kh556: no clause %s", tc.addr)
			continue
		}
		checkRows(t, c.Text, got[tc.addr], tc.want)
	}

	// The API by hand: a heading, and a parent's lead.
	c := &Clause{Heading: "Sở Nội vụ", Text: "Rà soát, bổ sung và kiện toàn cơ cấu tổ chức; báo cáo UBND tỉnh."}
	ms := ExtractClauseUnits(c, nil, cat)
	checkRows(t, c.Text, ms, []string{"lead|Sở Nội vụ|", "report_to|Ủy ban nhân dân tỉnh|UBND tỉnh"})
	down := ChildLeads(c, ms, nil)
	if len(down) != 1 || down[0].UnitID != "so-noi-vu" {
		t.Errorf("ChildLeads of a unit heading = %+v", down)
	}
	child := &Clause{Label: "-", Text: "Hướng dẫn các sở, ban, ngành thực hiện."}
	checkRows(t, child.Text, ExtractClauseUnits(child, down, cat), []string{"lead|Sở Nội vụ|"})
	// A clause that is not unit-headed passes on what it received.
	if got := ChildLeads(child, ExtractClauseUnits(child, down, cat), down); len(got) != 1 || got[0].UnitID != "so-noi-vu" {
		t.Errorf("ChildLeads passes %+v", got)
	}
	plain := &Clause{Text: "Giao Sở Tư pháp theo dõi."}
	if got := ChildLeads(plain, ExtractClauseUnits(plain, nil, cat), nil); len(got) != 0 {
		t.Errorf("a clause that is not unit-headed passes its lead down: %+v", got)
	}
	if ExtractClauseUnits(nil, nil, cat) != nil {
		t.Errorf("nil clause gave mentions")
	}
}

// TestExtractUnitsCorpus runs the extractor over every corpus document and
// checks the invariants: offsets in range, the printed words are a name, the
// catalog units resolve.
func TestExtractUnitsCorpus(t *testing.T) {
	cat := loadCatalog(t)
	total, inherited, newUnits := 0, 0, 0
	for _, f := range parseCorpusFiles(t) {
		ps := Parse(parseLoad(t, f))
		res := ExtractTreeUnits(ps.Clauses, cat)
		Walk(ps.Clauses, func(c *Clause, _ int) {
			n := utf8.RuneCountInString(c.Text)
			for _, m := range res[c.Address] {
				total++
				if m.Start < 0 || m.End > n || m.Start > m.End {
					t.Errorf("%s %s: offsets %d..%d outside 0..%d", filepath.Base(f), c.Address, m.Start, m.End, n)
					continue
				}
				if m.Inherited() {
					inherited++
					if m.Role != RoleLead {
						t.Errorf("%s %s: unprinted mention with role %s", filepath.Base(f), c.Address, m.Role)
					}
					continue
				}
				printed := string([]rune(c.Text)[m.Start:m.End])
				if UnitKey(printed) == "" {
					t.Errorf("%s %s: empty unit %q", filepath.Base(f), c.Address, printed)
				}
				if m.New {
					newUnits++
					if m.UnitID != "" {
						t.Errorf("%s %s: new unit with an ID", filepath.Base(f), c.Address)
					}
				} else if _, ok := cat.Unit(m.UnitID); !ok {
					t.Errorf("%s %s: unknown ID %q", filepath.Base(f), c.Address, m.UnitID)
				}
			}
		})
	}
	t.Logf("%d mentions, %d inherited, %d not in the catalog", total, inherited, newUnits)
	if total < 300 {
		t.Errorf("only %d mentions over the corpus", total)
	}
}

func FuzzExtractUnits(f *testing.F) {
	for _, s := range []string{
		"Giao cho Ban Tổ chức Tỉnh ủy chủ trì phối hợp với Sở Nội vụ và các cơ quan có liên quan tham mưu Ban Thường vụ Tỉnh ủy",
		"Các Bộ: Quốc phòng, Công an chủ động",
		"Đơn vị chủ trì thực hiện: Các Sở, ngành, đơn vị, UBND cấp xã.",
		"báo cáo UBND tỉnh (qua Sở Tư pháp",
		"Ủy ban nhân dân các xã, phường, , và",
		"Sở\u0301 Nội vụ:\n(",
		"Các Bộ: ",
		"\xff\xfeSở",
	} {
		f.Add(s)
	}
	cat := loadCatalog(f)
	f.Fuzz(func(t *testing.T, s string) {
		n := utf8.RuneCountInString(s)
		for _, c := range []*Catalog{cat, nil} {
			for _, m := range ExtractUnits(s, c) {
				if m.Start < 0 || m.End > n || m.Start >= m.End {
					t.Fatalf("offsets %d..%d outside 0..%d in %q", m.Start, m.End, n, s)
				}
				if m.Name == "" || m.Role == "" {
					t.Fatalf("empty mention %+v", m)
				}
			}
		}
		cl := &Clause{Heading: s, Text: s}
		ms := ExtractClauseUnits(cl, []UnitMention{{Name: "Sở Nội vụ", UnitID: "so-noi-vu", Role: RoleLead, Start: 3, End: 9}}, cat)
		for _, m := range ms {
			if m.Start < 0 || m.End > n || m.Start > m.End {
				t.Fatalf("clause offsets %d..%d outside 0..%d", m.Start, m.End, n)
			}
		}
		ChildLeads(cl, ms, nil)
	})
}

func BenchmarkExtractUnits(b *testing.B) {
	cat := loadCatalog(b)
	files := parseCorpusFiles(b)
	var docs []Parsed
	size := 0
	for _, f := range files {
		ps := Parse(parseLoad(b, f))
		Walk(ps.Clauses, func(c *Clause, _ int) { size += len(c.Text) })
		docs = append(docs, ps)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for b.Loop() {
		for _, ps := range docs {
			ExtractTreeUnits(ps.Clauses, cat)
		}
	}
}

// BenchmarkExtractUnitsParse includes parsing, as an import does.
func BenchmarkExtractUnitsParse(b *testing.B) {
	cat := loadCatalog(b)
	var docs [][]Paragraph
	size := 0
	for _, f := range parseCorpusFiles(b) {
		paras := parseLoad(b, f)
		for _, p := range paras {
			size += len(p.Text)
		}
		docs = append(docs, paras)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			ExtractTreeUnits(Parse(d).Clauses, cat)
		}
	}
}
