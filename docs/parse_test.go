package docs

import (
	"chidao/internal/testcorpus"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
)

var parseCorpus = testcorpus.Dir()

// parseLoad reads a document as the app would: a .txt through ExtractLocal, a
// Word 97 file through msdoc, a go-fitz page dump (JSON) as a PDF or DOCX.
func parseLoad(t testing.TB, path string) []Paragraph {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("test corpus missing: %v", err)
	}
	var r Raw
	switch filepath.Ext(path) {
	case ".json":
		var pages []string
		if err := json.Unmarshal(b, &pages); err != nil {
			t.Fatal(err)
		}
		r = Raw{Format: FormatPDF, Pages: pages}
	case ".doc":
		if r, err = ExtractLocal(b, FormatDOC); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	default:
		if r, err = ExtractLocal(b, FormatTXT); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	return Finish(r).Paragraphs
}

// parseFind returns the clause at address, or nil.
func parseFind(ps Parsed, address string) *Clause {
	var found *Clause
	Walk(ps.Clauses, func(c *Clause, _ int) {
		if c.Address == address {
			found = c
		}
	})
	return found
}

// parseChildren lists the addresses of a clause's labelled children.
func parseChildren(c *Clause) []string {
	var out []string
	for _, k := range c.Children {
		if k.Label != "" && k.Level != "bullet" {
			out = append(out, k.Address)
		}
	}
	return out
}

// parseCheckAddresses fails on an empty or repeated address.
func parseCheckAddresses(t testing.TB, name string, ps Parsed) {
	t.Helper()
	seen := map[string]bool{}
	Walk(ps.Clauses, func(c *Clause, _ int) {
		if c.Address == "" {
			t.Errorf("%s: clause without address: %+v", name, c)
		}
		if seen[c.Address] {
			t.Errorf("%s: address %q twice", name, c.Address)
		}
		seen[c.Address] = true
	})
}

// parseFormula are the words Parse may drop: the motto, the "Số", "ngày …
// tháng … năm" and "Nơi nhận" of the header and closing.
var parseFormula = map[string]bool{}

func init() {
	for _, w := range strings.Fields("cộng hòa hoà xã hội chủ nghĩa việt nam độc lập tự do hạnh phúc đảng sản số ngày tháng năm nơi nhận") {
		parseFormula[w] = true
	}
}

// parseWordList splits s into lower-case words, also where capitals run into
// lower case ("NAMĐộc", "THƯvề"), numbers without leading zeros.
func parseWordList(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		for _, w := range parseSplitCase(f) {
			for _, x := range strings.Fields(parseUnglue(w)) {
				x = strings.ToLower(x)
				if t := strings.TrimLeft(x, "0"); t != "" && parseDigits(x) {
					x = t
				}
				out = append(out, x)
			}
		}
	}
	return out
}

// parseLost returns the words of the input paragraphs that appear nowhere in
// the parse (clauses, metadata, footnotes), but for the formula words.
func parseLost(paras []Paragraph, ps Parsed) []string {
	var all []string
	Walk(ps.Clauses, func(c *Clause, _ int) { all = append(all, c.Label, c.Heading, c.Text) })
	m := ps.Metadata
	all = append(all, m.Kind, m.Number, m.Date, m.Place, m.Issuer, m.Title, m.Subject, m.SignerName, m.SignerTitle)
	all = append(all, m.Recipients...)
	for _, f := range ps.Footnotes {
		all = append(all, f.Mark, f.Text)
	}
	have := map[string]bool{}
	for _, s := range all {
		for _, w := range parseWordList(s) {
			have[w] = true
		}
	}
	var blob string // for words the parse cut apart: "LUẬTCÁN" → "Luật Cán"
	var lost []string
	for _, p := range paras {
		for _, w := range parseWordList(p.Text) {
			if have[w] || parseFormula[w] {
				continue
			}
			if blob == "" {
				blob = strings.ToLower(strings.Join(strings.Fields(strings.Join(all, "")), ""))
			}
			if !strings.Contains(blob, w) {
				lost = append(lost, w)
			}
		}
	}
	return lost
}

// parseAddresses lists every address in document order.
func parseAddresses(ps Parsed) []string {
	var out []string
	Walk(ps.Clauses, func(c *Clause, _ int) { out = append(out, c.Address) })
	return out
}

// parseCheck runs the checks every document must pass: unique addresses,
// nothing lost, the same result twice.
func parseCheck(t *testing.T, name string, paras []Paragraph) Parsed {
	t.Helper()
	ps := Parse(paras)
	parseCheckAddresses(t, name, ps)
	if lost := parseLost(paras, ps); len(lost) > 0 {
		t.Errorf("%s: %d words lost: %q", name, len(lost), lost[:min(len(lost), 20)])
	}
	if again := Parse(paras); !slices.Equal(parseAddresses(ps), parseAddresses(again)) || again.Metadata.Title != ps.Metadata.Title {
		t.Errorf("%s: a second parse differs", name)
	}
	return ps
}

func TestParseSamplePlan(t *testing.T) {
	for _, src := range []string{
		parseCorpus + "/text/kh-tu-2020-thuc-hien-kl74-tw.txt",
		"testdata/fitz-kh-tu-2020-pdf.json",
		"testdata/fitz-kh-tu-2020-docx.json",
	} {
		t.Run(filepath.Base(src), func(t *testing.T) {
			ps := parseCheck(t, src, parseLoad(t, src))
			m := ps.Metadata
			if m.Kind != "Kế hoạch" {
				t.Errorf("Kind = %q", m.Kind)
			}
			if !strings.HasPrefix(m.Subject, "thực hiện Kết luận số 74-KL/TW của Bộ Chính trị") ||
				!strings.HasPrefix(m.Title, "Kế hoạch thực hiện Kết luận số 74-KL/TW") {
				t.Errorf("Subject = %q, Title = %q", m.Subject, m.Title)
			}
			if m.SignerName != "Đỗ Thanh Bình" || !strings.Contains(m.SignerTitle, "T/M BAN THƯỜNG VỤ") || !strings.Contains(m.SignerTitle, "BÍ THƯ") {
				t.Errorf("signer = %q / %q", m.SignerTitle, m.SignerName)
			}
			if len(m.Recipients) != 9 || m.Recipients[0] != "TT Ban Bí thư (đề b/c)" || m.Recipients[8] != "Lưu Văn phòng Tỉnh ủy" {
				t.Errorf("Recipients = %q", m.Recipients)
			}
			var top []string
			for _, c := range ps.Clauses {
				if c.Label != "" {
					top = append(top, c.Address)
				}
			}
			if !slices.Equal(top, []string{"A", "B"}) {
				t.Errorf("top-level parts = %q", top)
			}
			for _, tc := range []struct {
				addr     string
				children []string
				heading  string
			}{
				{"A", nil, "KHÁI QUÁT TÌNH HÌNH, KẾT QUẢ 02 NĂM THỰC HIỆN NGHỊ QUYẾT SỐ 18, 19-NQ/TW CỦA BAN CHẤP HÀNH TRUNG ƯƠNG KHÓA XII VÀ 04 NĂM THỰC HIỆN NGHỊ QUYẾT SỐ 39-NQ/TW CỦA BỘ CHÍNH TRỊ KHÓA XI"},
				{"B", []string{"B.I", "B.II", "B.III"}, "NHIỆM VỤ VÀ GIẢI PHÁP TIẾP TỤC THỰC HIỆN TRONG THỜI GIAN TỚI"},
				{"B.I", []string{"B.I.1", "B.I.2", "B.I.3"}, "MỤC ĐÍCH, YÊU CẦU"},
				{"B.II", []string{"B.II.1", "B.II.2"}, "NHIỆM VỤ VÀ GIẢI PHÁP"},
				{"B.II.1", nil, "Công tác tuyên truyền, giáo dục"},
				{"B.II.2", []string{"B.II.2.1", "B.II.2.2", "B.II.2.3", "B.II.2.4"}, "Lãnh đạo rà soát, sắp xếp, kiện toàn tổ chức bộ máy, thực hiện tinh giản biên chế theo đúng lộ trình"},
				{"B.II.2.1", nil, "Về thực hiện Nghị quyết số 18-NQ/TW của Ban Chấp hành Trung ương"},
				{"B.II.2.4", nil, "Tăng cường công tác kiểm tra, giám sát việc thực hiện Nghị quyết"},
				{"B.III", []string{"B.III.1", "B.III.2", "B.III.3"}, "TỔ CHỨC THỰC HIỆN"},
			} {
				c := parseFind(ps, tc.addr)
				if c == nil {
					t.Errorf("no clause %s", tc.addr)
					continue
				}
				if got := parseChildren(c); tc.children != nil && !slices.Equal(got, tc.children) {
					t.Errorf("%s children = %q, want %q", tc.addr, got, tc.children)
				}
				if c.Heading != tc.heading || c.Text != "" {
					t.Errorf("%s heading = %q, text = %.40q", tc.addr, c.Heading, c.Text)
				}
			}
			if c := parseFind(ps, "B.I.1"); c == nil || c.Heading != "" || !strings.HasPrefix(c.Text, "Các cấp ủy, tổ chức đảng phải quán triệt") {
				t.Errorf("B.I.1 = %+v", c)
			}
			if c := parseFind(ps, "B.II.2.1/-3"); c == nil || c.Level != "bullet" || !strings.HasPrefix(c.Text, "Không mở rộng thực hiện thí điểm") {
				t.Errorf("B.II.2.1/-3 = %+v", c)
			}
			if c := parseFind(ps, "A/-2"); c == nil || !strings.HasPrefix(c.Text, "Các cấp ủy, chính quyền đã tích cực") {
				t.Errorf("A/-2 = %+v", c)
			}
			if c := parseFind(ps, "B.II.2.3/¶2"); c == nil || !strings.HasPrefix(c.Text, "Chú trọng cơ cấu lại") || !strings.Contains(c.Text, "hệ thống chính trị. Thực hiện kịp thời") {
				t.Errorf("B.II.2.3/¶2 (joined across the footnote) = %+v", c)
			}
			// The footnote's mark "⁽¹⁾" (text) or "¹" (PDF) is in B.II.2.2's paragraph.
			if len(ps.Footnotes) != 1 || ps.Footnotes[0].Mark != "1" || ps.Footnotes[0].Clause != "B.II.2.2" ||
				ps.Footnotes[0].Text != "Thực hiện thí điểm tại huyện tân Hiệp và huyện Gò Quao." {
				t.Errorf("Footnotes = %+v", ps.Footnotes)
			}
			cited := map[string]bool{}
			for _, r := range ps.References {
				cited[r.Number] = true
				if r.Clause == "" && !strings.Contains(m.Subject, r.Text) {
					t.Errorf("reference without clause outside the subject: %+v", r)
				}
			}
			for _, n := range []string{"18-NQ/TW", "19-NQ/TW", "39-NQ/TW", "74-KL/TW", "1398-TB/TU", "38-CTr/TU"} {
				if !cited[n] {
					t.Errorf("no reference to %s", n)
				}
			}
			if !slices.ContainsFunc(ps.References, func(r Reference) bool {
				return r.Number == "1398-TB/TU" && r.Clause == "B.II.2.1/-3"
			}) {
				t.Errorf("1398-TB/TU not cited from B.II.2.1/-3")
			}
		})
	}
}

func TestParseLegal(t *testing.T) {
	for _, tc := range []struct {
		file                      string
		kind, number, date, place string
		issuer, subject           string
		chapters                  []string
		articles                  int
		signer                    string
		clauses                   map[string]string // address → start of heading or text
	}{
		{
			file: "nd171-2025-dao-tao-boi-duong-cong-chuc.txt", kind: "Nghị định", number: "171/2025/NĐ-CP",
			date: "2025-06-30", place: "Hà Nội", issuer: "Chính phủ", subject: "Quy định về đào tạo, bồi dưỡng công chức",
			chapters: []string{"Chương I", "Chương II", "Chương III", "Chương IV", "Chương V", "Chương VI", "Chương VII"}, articles: 42,
			clauses: map[string]string{
				"Chương I":   "NHỮNG QUY ĐỊNH CHUNG",
				"Điều 1":     "Phạm vi điều chỉnh và đối tượng áp dụng",
				"Điều 1.1":   "Nghị định này quy định về nguyên tắc",
				"Điều 2.5":   "Bảo đảm công khai, minh bạch, hiệu quả.",
				"Điều 7.2.a": "Đối với trường hợp quy định tại các khoản 1",
				"Điều 6/¶1":  "Công chức được cử đi đào tạo sau đại học bằng nguồn",
				"Chương II":  "ĐÀO TẠO CÔNG CHỨC",
				"Điều 8.1":   "Điều kiện không phải đền bù",
				"Điều 42/¶1": "Các Bộ trưởng, Thủ trưởng cơ quan Nhà nước",
			},
		},
		{
			file: "luat-can-bo-cong-chuc-80-2025-qh15.txt", kind: "Luật", number: "80/2025/QH15",
			date: "2025-06-24", place: "Hà Nội", issuer: "Quốc hội", subject: "Cán bộ, công chức",
			chapters: []string{"Chương I", "Chương II", "Chương III", "Chương IV", "Chương V", "Chương VI", "Chương VII"}, articles: 45,
			signer: "Trần Thanh Mẫn",
			clauses: map[string]string{
				"Điều 1":   "Cán bộ, công chức",
				"Điều 1.1": "Cán bộ là công dân Việt Nam",
				"Điều 2.1": "Tuân thủ Hiến pháp và pháp luật.",
			},
		},
	} {
		t.Run(tc.file, func(t *testing.T) {
			ps := parseCheck(t, tc.file, parseLoad(t, parseCorpus+"/text/"+tc.file))
			m := ps.Metadata
			if m.Kind != tc.kind || m.Number != tc.number || m.Date != tc.date || m.Place != tc.place || m.Issuer != tc.issuer || m.Subject != tc.subject {
				t.Errorf("metadata = %q %q %q %q %q %q", m.Kind, m.Number, m.Date, m.Place, m.Issuer, m.Subject)
			}
			if tc.signer != "" && m.SignerName != tc.signer {
				t.Errorf("SignerName = %q", m.SignerName)
			}
			var chapters []string
			articles := 0
			for _, c := range ps.Clauses {
				if c.Level == "chapter" {
					chapters = append(chapters, c.Address)
				}
			}
			Walk(ps.Clauses, func(c *Clause, _ int) {
				if c.Level == "article" {
					articles++
					if c.Address != c.Label {
						t.Errorf("article %q has address %q", c.Label, c.Address)
					}
				}
			})
			if !slices.Equal(chapters, tc.chapters) || articles != tc.articles {
				t.Errorf("chapters = %q, %d articles", chapters, articles)
			}
			for addr, want := range tc.clauses {
				c := parseFind(ps, addr)
				if c == nil {
					t.Errorf("no clause %s", addr)
					continue
				}
				if got := c.Heading + c.Text; !strings.HasPrefix(got, want) {
					t.Errorf("%s = %.60q, want %q…", addr, got, want)
				}
			}
		})
	}
}

func TestParseInterleavedHeader(t *testing.T) {
	for _, src := range []string{"testdata/fitz-ct09-2009-pdf.json", parseCorpus + "/word/ct09-2009-ct-ubnd.doc"} {
		t.Run(filepath.Base(src), func(t *testing.T) {
			ps := parseCheck(t, src, parseLoad(t, src))
			want := Metadata{
				Kind: "Chỉ thị", Number: "09/2009/CT-UBND", Date: "2009-04-15", Place: "Thủ Dầu Một",
				Issuer:      "Ủy ban nhân dân tỉnh Bình Dương",
				Title:       "Chỉ thị về việc đẩy mạnh hoạt động khoa học và công nghệ cấp cơ sở",
				Subject:     "Về việc đẩy mạnh hoạt động khoa học và công nghệ cấp cơ sở",
				SignerName:  "Nguyễn Văn Hiệp",
				SignerTitle: "TM. UỶ BAN NHÂN DÂN KT.CHỦ TỊCH PHÓ CHỦ TỊCH",
			}
			got := ps.Metadata
			rec := got.Recipients
			got.Recipients = nil
			if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
				t.Errorf("metadata\n got %+v\nwant %+v", got, want)
			}
			if len(rec) != 12 || rec[0] != "Bộ Khoa học và Công nghệ" || rec[11] != "Lưu VT" {
				t.Errorf("Recipients = %q", rec)
			}
			if c := parseFind(ps, "2.b"); c == nil || !strings.HasPrefix(c.Text, "Thanh tra khoa học và công nghệ:") {
				t.Errorf("2.b = %+v", c)
			}
			if c := parseFind(ps, "6.d"); c == nil {
				t.Errorf("no point 6.d")
			}
		})
	}
}

// parseText builds paragraphs from lines; a line starting "^" is a footnote.
func parseText(lines ...string) []Paragraph {
	ps := make([]Paragraph, 0, len(lines))
	for _, l := range lines {
		p := Paragraph{Text: l, Page: 1}
		if strings.HasPrefix(l, "^") {
			p = Paragraph{Text: l[1:], Page: 1, Footnote: true}
		}
		ps = append(ps, p)
	}
	return ps
}

func TestParseHeaders(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lines []string
		want  Metadata
	}{
		{"party, interleaved", []string{
			"TỈNH ỦY KIÊN GIANG", "ĐẢNG CỘNG SẢN VIỆT NAM", "*", "Số 212-KH/TU", "Rạch Giá, ngày 22-7-2020",
			"KẾ HOẠCH", "thực hiện Kết luận số 74-KL/TW của Bộ Chính trị", "I- MỤC ĐÍCH, YÊU CẦU"},
			Metadata{Kind: "Kế hoạch", Number: "212-KH/TU", Date: "2020-07-22", Place: "Rạch Giá", Issuer: "Tỉnh ủy Kiên Giang",
				Subject: "thực hiện Kết luận số 74-KL/TW của Bộ Chính trị", Title: "Kế hoạch thực hiện Kết luận số 74-KL/TW của Bộ Chính trị"}},
		{"party sub-body", []string{
			"TỈNH ỦY KIÊN GIANG", "BAN THƯỜNG VỤ", "* ĐẢNG CỘNG SẢN VIỆT NAM", "Số 38-CTr/TU", "Rạch Giá, ngày 11 tháng 4 năm 2018",
			"CHƯƠNG TRÌNH", "HÀNH ĐỘNG", "THỰC HIỆN NGHỊ QUYẾT SỐ 19-NQ/TW CỦA BAN CHẤP HÀNH TRUNG ƯƠNG", "I- MỤC ĐÍCH"},
			Metadata{Kind: "Chương trình hành động", Number: "38-CTr/TU", Date: "2018-04-11", Place: "Rạch Giá",
				Issuer:  "Ban Thường vụ Tỉnh ủy Kiên Giang",
				Subject: "thực hiện Nghị quyết số 19-NQ/TW của Ban Chấp hành Trung ương",
				Title:   "Chương trình hành động thực hiện Nghị quyết số 19-NQ/TW của Ban Chấp hành Trung ương"}},
		{"state, double spaces and split motto", []string{
			"ỦY BAN NHÂN DÂN", "TỈNH BÌNH DƯƠNG", "CỘNG HÒA XÃ HỘI", "CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
			"Số: 09/2009/CT-UBND", "Thủ Dầu Một, ngày 15  tháng 4  năm 2009", "CHỈ THỊ", "Về việc đẩy mạnh hoạt động khoa học",
			"Trong thời gian qua, hoạt động khoa học và công nghệ được tỉnh quan tâm."},
			Metadata{Kind: "Chỉ thị", Number: "09/2009/CT-UBND", Date: "2009-04-15", Place: "Thủ Dầu Một",
				Issuer: "Ủy ban nhân dân tỉnh Bình Dương", Subject: "Về việc đẩy mạnh hoạt động khoa học",
				Title: "Chỉ thị về việc đẩy mạnh hoạt động khoa học"}},
		{"portal cells", []string{
			"QUỐC HỘI ------- | Độc lập - Tự do - Hạnh phúc --------------- | Luật số: 80/2025/QH15 | Hà Nội, ngày 24 tháng 6 năm 2025 |",
			"LUẬTCÁN BỘ, CÔNG CHỨC", "CÁN BỘ, CÔNG CHỨC", "Căn cứ Hiến pháp;"},
			Metadata{Kind: "Luật", Number: "80/2025/QH15", Date: "2025-06-24", Place: "Hà Nội", Issuer: "Quốc hội",
				Subject: "Cán bộ, công chức", Title: "Luật Cán bộ, công chức"}},
		{"prime minister, name split", []string{
			"THỦ TƯỚNG CHÍNH", "PHỦ", "CỘNG HÒA XÃ HỘI", "CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
			"Số: 217/CĐ-TTg", "Hà Nội, ngày 16", "tháng 11 năm 2025", "CÔNG ĐIỆN", "V/V CHỦ ĐỘNG PHÒNG,", "TRÁNH, ỨNG PHÓ MƯA LŨ TẠI KHU VỰC TRUNG BỘ",
			"THỦ TƯỚNG CHÍNH PHỦ điện:"},
			Metadata{Kind: "Công điện", Number: "217/CĐ-TTg", Date: "2025-11-16", Place: "Hà Nội", Issuer: "Thủ tướng Chính phủ",
				Subject: "V/v chủ động phòng, tránh, ứng phó mưa lũ tại khu vực Trung Bộ",
				Title:   "Công điện V/v chủ động phòng, tránh, ứng phó mưa lũ tại khu vực Trung Bộ"}},
		{"central organ", []string{
			"BAN CHẤP HÀNH", "TRUNG ƯƠNG", "BAN TỔ CHỨC * ĐẢNG CỘNG SẢN", "VIỆT NAM", "Số 45-HD/BTCTW", "Hà Nội, ngày 21 tháng 11 năm 2025",
			"HƯỚNG DẪN", "MỘT SỐ NỘI DUNG QUY ĐỊNH SỐ 377-QĐ/TW NGÀY 08/10/2025 CỦA BỘ CHÍNH TRỊ", "Thực hiện Quy định số 377-QĐ/TW."},
			Metadata{Kind: "Hướng dẫn", Number: "45-HD/BTCTW", Date: "2025-11-21", Place: "Hà Nội", Issuer: "Ban Tổ chức Trung ương",
				Subject: "một số nội dung Quy định số 377-QĐ/TW ngày 08/10/2025 của Bộ Chính trị",
				Title:   "Hướng dẫn một số nội dung Quy định số 377-QĐ/TW ngày 08/10/2025 của Bộ Chính trị"}},
		{"glued kind", []string{
			"KẾT LUẬNCỦA BỘ CHÍNH TRỊ, BAN BÍ THƯvề một số nhiệm vụ trọng tâm", "Tại phiên họp ngày 16/5/2025, Bộ Chính trị kết luận:"},
			Metadata{Kind: "Kết luận", Subject: "của Bộ Chính trị, Ban Bí thư về một số nhiệm vụ trọng tâm",
				Title: "Kết luận của Bộ Chính trị, Ban Bí thư về một số nhiệm vụ trọng tâm"}},
		{"letter without kind line", []string{
			"BỘ NỘI VỤ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 7415/BNV-CCVC", "V/v hướng dẫn thực hiện chính sách",
			"Hà Nội, ngày 31 tháng 8 năm 2025", "Kính gửi: Ủy ban nhân dân các tỉnh."},
			Metadata{Kind: "Công văn", Number: "7415/BNV-CCVC", Date: "2025-08-31", Place: "Hà Nội", Issuer: "Bộ Nội vụ",
				Subject: "V/v hướng dẫn thực hiện chính sách", Title: "Công văn V/v hướng dẫn thực hiện chính sách"}},
		{"kind from number", []string{
			"ỦY BAN NHÂN DÂN", "TỈNH NGHỆ AN", "Số: 1026/KH-UBND", "Nghệ An, ngày 26 tháng 11 năm 2025", "I. MỤC ĐÍCH, YÊU CẦU"},
			Metadata{Kind: "Kế hoạch", Number: "1026/KH-UBND", Date: "2025-11-26", Place: "Nghệ An", Issuer: "Ủy ban nhân dân tỉnh Nghệ An", Title: "Kế hoạch"}},
		{"no header", []string{"Tại phiên họp ngày 28/2/2025, Bộ Chính trị có ý kiến như sau:", "1. Bảo đảm các nguyên tắc."},
			Metadata{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			paras := parseText(tc.lines...)
			ps := parseCheck(t, tc.name, paras)
			got := ps.Metadata
			got.Recipients = nil
			if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", tc.want) {
				t.Errorf("\n got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestParseTree(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lines []string
		want  []string // "address level heading|text"
	}{
		{"party numbering", []string{
			"A. KHÁI QUÁT TÌNH HÌNH", "Thực hiện Nghị quyết, Ban Thường vụ đã lãnh đạo:", "- Tổ chức bộ máy được kiện toàn.",
			"+ Cấp tỉnh giảm 5 đầu mối.", "- Các cấp ủy đã triển khai.", "Nhìn chung, kết quả tốt.",
			"B. NHIỆM VỤ", "I- MỤC ĐÍCH, YÊU CẦU", "1. Các cấp ủy phải quán triệt đầy đủ.",
			"II. NHIỆM VỤ VÀ GIẢI PHÁP", "2. Lãnh đạo rà soát, sắp xếp", "2.1. Về thực hiện Nghị quyết số 18-NQ/TW",
			"a) Rà soát chức năng, nhiệm vụ;", "2.1.1. Cấp tỉnh", "Giảm đầu mối.", "2.2 Về thực hiện Nghị quyết số 19-NQ/TW"},
			[]string{
				"A part H KHÁI QUÁT TÌNH HÌNH", "A/¶1 paragraph T Thực hiện Nghị quyết, Ban Thường vụ đã lãnh đạo:",
				"A/-1 bullet T Tổ chức bộ máy được kiện toàn.", "A/-1/+1 bullet T Cấp tỉnh giảm 5 đầu mối.",
				"A/-2 bullet T Các cấp ủy đã triển khai.", "A/¶2 paragraph T Nhìn chung, kết quả tốt.",
				"B part H NHIỆM VỤ", "B.I section H MỤC ĐÍCH, YÊU CẦU", "B.I.1 item T Các cấp ủy phải quán triệt đầy đủ.",
				"B.II section H NHIỆM VỤ VÀ GIẢI PHÁP", "B.II.2 item H Lãnh đạo rà soát, sắp xếp",
				"B.II.2.1 item H Về thực hiện Nghị quyết số 18-NQ/TW", "B.II.2.1.a point T Rà soát chức năng, nhiệm vụ;",
				"B.II.2.1.1 item H Cấp tỉnh", "B.II.2.1.1/¶1 paragraph T Giảm đầu mối.",
				"B.II.2.2 item H Về thực hiện Nghị quyết số 19-NQ/TW",
			}},
		{"legal numbering", []string{
			"Căn cứ Luật Tổ chức Chính phủ;", "Phần thứ nhất", "QUY ĐỊNH CHUNG", "Chương I", "NHỮNG QUY ĐỊNH CHUNG",
			"Mục 1. TUYỂN DỤNG", "Điều 1. Phạm vi điều chỉnh", "Nghị định này quy định về tuyển dụng.",
			"Điều 2. Đối tượng áp dụng", "1. Công chức.", "2. Cơ quan quản lý công chức, bao gồm:",
			"a) Bộ, cơ quan ngang bộ;", "đ) Ủy ban nhân dân cấp tỉnh.", "Chương II", "ĐÀO TẠO", "Điều 3. Yêu cầu", "Điều 3. Yêu cầu khác"},
			[]string{
				"¶1 paragraph T Căn cứ Luật Tổ chức Chính phủ;", "Phần thứ nhất part H QUY ĐỊNH CHUNG",
				"Phần thứ nhất.Chương I chapter H NHỮNG QUY ĐỊNH CHUNG", "Phần thứ nhất.Chương I.Mục 1 section H TUYỂN DỤNG",
				"Điều 1 article H Phạm vi điều chỉnh", "Điều 1/¶1 paragraph T Nghị định này quy định về tuyển dụng.",
				"Điều 2 article H Đối tượng áp dụng", "Điều 2.1 item T Công chức.", "Điều 2.2 item T Cơ quan quản lý công chức, bao gồm:",
				"Điều 2.2.a point T Bộ, cơ quan ngang bộ;", "Điều 2.2.đ point T Ủy ban nhân dân cấp tỉnh.",
				"Phần thứ nhất.Chương II chapter H ĐÀO TẠO", "Điều 3 article H Yêu cầu", "Điều 3#2 article H Yêu cầu khác",
			}},
		{"appendix", []string{
			"Điều 1. Ban hành kèm theo Quyết định này Quy chế.", "Nơi nhận:", "- Như Điều 1;", "- Lưu: VT.",
			"KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An", "QUY CHẾ", "BỒI DƯỠNG, GIẢNG DẠY",
			"(Ban hành kèm theo Quyết định số 1147-QĐ/BTGDVTW)", "Điều 1. Phạm vi", "PHỤ LỤC I", "DANH MỤC BIỂU MẪU", "1. Mẫu số 01"},
			[]string{
				"Điều 1 article T Ban hành kèm theo Quyết định này Quy chế.",
				"Quy chế appendix H BỒI DƯỠNG, GIẢNG DẠY", "Quy chế/¶1 paragraph T (Ban hành kèm theo Quyết định số 1147-QĐ/BTGDVTW)",
				"Quy chế.Điều 1 article H Phạm vi", "Phụ lục I appendix H DANH MỤC BIỂU MẪU", "Phụ lục I.1 item H Mẫu số 01",
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps := parseCheck(t, tc.name, parseText(tc.lines...))
			var got []string
			Walk(ps.Clauses, func(c *Clause, _ int) {
				s := c.Address + " " + c.Level + " "
				if c.Heading != "" {
					s += "H " + c.Heading
				} else {
					s += "T " + c.Text
				}
				got = append(got, s)
			})
			if !slices.Equal(got, tc.want) {
				t.Errorf("\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestParseClosing(t *testing.T) {
	body := []string{"I. TỔ CHỨC THỰC HIỆN", "1. Sở Nội vụ theo dõi, báo cáo."}
	for _, tc := range []struct {
		name          string
		lines         []string
		title, signer string
		recipients    []string
	}{
		{"list then signature", []string{"Nơi nhận:", "- Bộ Nội vụ;", "- Lưu: VT.", "TM. ỦY BAN NHÂN", "DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Bùi Thanh An"},
			"TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH", "Bùi Thanh An", []string{"Bộ Nội vụ", "Lưu: VT"}},
		{"two columns interleaved", []string{"Nơi nhận:", "TM. UỶ BAN NHÂN DÂN", "- Bộ Khoa học và Công nghệ;", "KT.CHỦ TỊCH",
			"- Thường trực Tỉnh ủy;", "PHÓ CHỦ TỊCH", "(Đã ký)", "- UBND các huyện;", "Nguyễn Văn Hiệp", "- Lưu VT."},
			"TM. UỶ BAN NHÂN DÂN KT.CHỦ TỊCH PHÓ CHỦ TỊCH", "Nguyễn Văn Hiệp", []string{"Bộ Khoa học và Công nghệ", "Thường trực Tỉnh ủy", "UBND các huyện", "Lưu VT"}},
		{"two columns on one line", []string{"Nơi nhận: TM. UỶ BAN NHÂN DÂN", "- Bộ Khoa học và Công nghệ; KT.CHỦ TỊCH",
			"- Cục Kiểm tra VB QPPL (Bộ Tư pháp); PHÓ CHỦ TỊCH", "- CT, PCT UBND tỉnh; (Đã ký)", "- UBND các huyện, thị xã; Nguyễn Văn Hiệp", "- Lưu VT."},
			"TM. UỶ BAN NHÂN DÂN KT.CHỦ TỊCH PHÓ CHỦ TỊCH", "Nguyễn Văn Hiệp",
			[]string{"Bộ Khoa học và Công nghệ", "Cục Kiểm tra VB QPPL (Bộ Tư pháp)", "CT, PCT UBND tỉnh", "UBND các huyện, thị xã", "Lưu VT"}},
		{"signature first, bold", []string{"**T/M BAN THƯỜNG VỤ", "BÍ THƯ**", "Đỗ Thanh Bình", "Nơi nhận:", "- TT Ban Bí thư (đề b/c),", "- Lưu Văn phòng Tỉnh ủy."},
			"T/M BAN THƯỜNG VỤ BÍ THƯ", "Đỗ Thanh Bình", []string{"TT Ban Bí thư (đề b/c)", "Lưu Văn phòng Tỉnh ủy"}},
		{"list without its label", []string{"- Các tỉnh uỷ, thành uỷ,", "- Lưu Văn phòng Trung ương Đảng.", "K/T CHÁNH", "VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Lâm Thị Phương Thanh"},
			"K/T CHÁNH VĂN PHÒNG PHÓ CHÁNH VĂN PHÒNG", "Lâm Thị Phương Thanh", []string{"Các tỉnh uỷ, thành uỷ", "Lưu Văn phòng Trung ương Đảng"}},
		{"law", []string{"Luật này đã được Quốc hội thông qua ngày 15 tháng 11 năm 2010.", "CHỦ TỊCH QUỐC HỘI", "Nguyễn Phú Trọng"},
			"CHỦ TỊCH QUỐC HỘI", "Nguyễn Phú Trọng", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps := parseCheck(t, tc.name, parseText(append(slices.Clone(body), tc.lines...)...))
			m := ps.Metadata
			if m.SignerTitle != tc.title || m.SignerName != tc.signer || !slices.Equal(m.Recipients, tc.recipients) && len(tc.recipients)+len(m.Recipients) > 0 {
				t.Errorf("got %q / %q / %q", m.SignerTitle, m.SignerName, m.Recipients)
			}
			if c := parseFind(ps, "I.1"); c == nil || c.Text != "Sở Nội vụ theo dõi, báo cáo." || len(c.Children) > 1 {
				t.Errorf("the body does not end where the closing starts: %+v", c)
			}
		})
	}
}

func TestParseFootnotes(t *testing.T) {
	ps := parseCheck(t, "footnotes", parseText(
		"1. Thành lập Trung tâm dịch vụ nông nghiệp cấp huyện⁽¹⁾; sáp nhập xã Hòn Thơm²", "2. Tiếp tục rà soát",
		"^¹ Thực hiện thí điểm tại huyện Tân Hiệp.", "^² Theo đề án.", "^Ghi chú không có dấu.", "3. Giao Sở Nội vụ."))
	want := []Footnote{
		{Mark: "1", Text: "Thực hiện thí điểm tại huyện Tân Hiệp.", Clause: "1", Page: 1},
		{Mark: "2", Text: "Theo đề án.", Clause: "1", Page: 1},
		{Mark: "", Text: "Ghi chú không có dấu.", Clause: "2", Page: 1},
	}
	if !slices.Equal(ps.Footnotes, want) {
		t.Errorf("\n got %+v\nwant %+v", ps.Footnotes, want)
	}
}

func TestParseReferences(t *testing.T) {
	ps := parseCheck(t, "refs", parseText(
		"BAN CHẤP HÀNH TRUNG ƯƠNG", "Số 74-KL/TW", "Hà Nội, ngày 22 tháng 5 năm 2020", "KẾT LUẬN", "CỦA BỘ CHÍNH TRỊ",
		"Thực hiện Nghị quyết số 18-NQ/TW và Kết luận số 74-KL/TW, Bộ Chính trị kết luận:",
		"1. Tiếp tục thực hiện Nghị quyết số 39-NQ/TW của Bộ Chính trị."))
	var got []string
	for _, r := range ps.References {
		got = append(got, r.Number+"@"+r.Clause)
	}
	if want := []string{"18-NQ/TW@¶1", "39-NQ/TW@1"}; !slices.Equal(got, want) {
		t.Errorf("references = %q, want %q (the document's own number dropped)", got, want)
	}
}

// parseCorpusFiles lists the corpus text and Word 97 files.
func parseCorpusFiles(t testing.TB) []string {
	txt, _ := filepath.Glob(parseCorpus + "/text/*.txt")
	doc, _ := filepath.Glob(parseCorpus + "/word/*.doc")
	if len(txt) == 0 {
		t.Fatal("test corpus missing: testdata/corpus")
	}
	return append(txt, doc...)
}

func TestParseCorpus(t *testing.T) {
	files := append(parseCorpusFiles(t), "testdata/fitz-kh-tu-2020-pdf.json", "testdata/fitz-kh-tu-2020-docx.json",
		"testdata/fitz-ct09-2009-pdf.json", "testdata/fitz-luat-thanh-tra-2010-pdf.json")
	for _, f := range files {
		paras := parseLoad(t, f)
		ps := parseCheck(t, filepath.Base(f), paras)
		if testing.Verbose() && os.Getenv("PARSE_OUTLINE") != "" && strings.Contains(f, os.Getenv("PARSE_OUTLINE")) {
			t.Logf("%s\n%s", f, parseOutline(ps))
		}
	}
}

// parseOutline prints a parse for reading: metadata, then one line a clause.
func parseOutline(ps Parsed) string {
	var b strings.Builder
	m := ps.Metadata
	fmt.Fprintf(&b, "Kind %q Number %q Date %q Place %q\nIssuer %q\nTitle %q\nSigner %q / %q\nRecipients %q\n",
		m.Kind, m.Number, m.Date, m.Place, m.Issuer, m.Title, m.SignerTitle, m.SignerName, m.Recipients)
	Walk(ps.Clauses, func(c *Clause, d int) {
		s := c.Heading
		if s == "" {
			s = c.Text
		}
		if r := []rune(s); len(r) > 60 {
			s = string(r[:60]) + "…"
		}
		fmt.Fprintf(&b, "%s%s  %s\n", strings.Repeat("  ", d), c.Address, s)
	})
	for _, f := range ps.Footnotes {
		fmt.Fprintf(&b, "footnote %s → %s\n", f.Mark, f.Clause)
	}
	return b.String()
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"KẾ HOẠCH\nthực hiện Kết luận\nA. TÌNH HÌNH\n- Một\n+ hai\nB. NHIỆM VỤ\nI- MỤC ĐÍCH\n1. Một.\n2.1. Hai\na) Ba\nNơi nhận:\n- Lưu.\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\nĐỗ Thanh Bình",
		"Chương I\nĐiều 1. Phạm vi\n1. Khoản.\nđ) Điểm\nĐiều 1. Lại\nPHỤ LỤC\nĐiều 1.\n^¹ Ghi chú",
		"ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 09/2009/CT-UBND Thủ Dầu Một, ngày 15 tháng 4 năm 2009\nCHỈ THỊ\nVề việc",
		"Nơi nhận: TM. UỶ BAN\n- A; KT.CHỦ TỊCH\n- B; Nguyễn Văn Hiệp\n[1] x\nPhạm Thị Thanh Trà [1] Công văn",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var paras []Paragraph
		for _, l := range strings.Split(s, "\n") {
			p := Paragraph{Text: l, Page: 1}
			if strings.HasPrefix(l, "^") {
				p = Paragraph{Text: l[1:], Footnote: true}
			}
			paras = append(paras, p)
		}
		ps := Parse(paras)
		parseCheckAddresses(t, "fuzz", ps)
		if again := Parse(paras); !slices.Equal(parseAddresses(ps), parseAddresses(again)) {
			t.Errorf("a second parse differs")
		}
	})
}

func BenchmarkParseCorpus(b *testing.B) {
	files, _ := filepath.Glob(parseCorpus + "/text/*.txt")
	if len(files) == 0 {
		b.Fatal("test corpus missing: testdata/corpus")
	}
	var docs [][]Paragraph
	size := 0
	for _, f := range files {
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
			Parse(d)
		}
	}
}

func TestParseRomanValue(t *testing.T) {
	for s, want := range map[string]int{"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "IX": 9, "XIV": 14, "XVII": 17, "XXXIX": 39} {
		if got := parseRomanValue(s); got != want {
			t.Errorf("parseRomanValue(%q) = %d, want %d", s, got, want)
		}
	}
}
