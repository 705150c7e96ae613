package report

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gen2brain/go-fitz"
	"golang.org/x/text/unicode/norm"
)

// oxSampleReport is a follow-up report as a Party (or State) office writes
// it: headings, paragraphs with characters XML must escape, a 40-row table
// of tasks with group rows and multi-line cells, a table without caption,
// blank lines for the clerk, recipients and the signature block. One cell
// is given decomposed (NFD) as text pasted from another program may be.
func oxSampleReport(format Format) *Report {
	office := Office{
		Format:    Party,
		Parent:    "ĐẢNG BỘ TỈNH KIÊN GIANG",
		Name:      "TỈNH ỦY",
		Code:      "TU",
		Place:     "Kiên Giang",
		Authority: "T/M BAN THƯỜNG VỤ",
		Title:     "PHÓ BÍ THƯ THƯỜNG TRỰC",
		Signer:    "Nguyễn Văn A",
		Recipients: []string{
			"Ban Bí thư Trung ương Đảng (báo cáo),",
			"Văn phòng Trung ương Đảng,",
			"Các đồng chí Tỉnh ủy viên,",
		},
	}
	var date time.Time
	if format == State {
		office = Office{
			Format:    State,
			Parent:    "UBND TỈNH KIÊN GIANG",
			Name:      "SỞ NỘI VỤ",
			Code:      "SNV",
			Place:     "Kiên Giang",
			Authority: "KT. GIÁM ĐỐC",
			Title:     "PHÓ GIÁM ĐỐC",
			Signer:    "Trần Thị B",
			Recipients: []string{
				"Bộ Nội vụ (báo cáo);",
				"UBND tỉnh (báo cáo);",
				"- Lưu: VT, TCCB.",
			},
		}
		date = time.Date(2026, time.March, 5, 9, 0, 0, 0, time.UTC)
	}

	units := []string{"Ban Tổ chức Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy", "Ban Tuyên giáo và Dân vận", "Văn phòng Tỉnh ủy", "Đảng ủy Khối các cơ quan"}
	results := []string{"Đã hoàn thành", "Đang thực hiện", "Chưa thực hiện", "Hoàn thành trễ hạn"}
	groups := []string{"A. CÔNG TÁC XÂY DỰNG ĐẢNG", "B. CÔNG TÁC KIỂM TRA, GIÁM SÁT", "C. CÔNG TÁC DÂN VẬN", "D. CÁC NHIỆM VỤ KHÁC"}
	tasks := &Table{
		Caption: "Bảng 1. Kết quả thực hiện các nhiệm vụ [trọng tâm]: 6 tháng/2026?",
		Columns: []Column{
			{Title: "TT", Weight: 0.6, Center: true},
			{Title: "Nhiệm vụ", Weight: 4},
			{Title: "Cơ quan chủ trì", Weight: 2},
			{Title: "Thời hạn", Weight: 1.6, Center: true},
			{Title: "Kết quả thực hiện", Weight: 3},
		},
	}
	for i := range 40 {
		if i%10 == 0 {
			tasks.Rows = append(tasks.Rows, Row{Group: true, Cells: []string{groups[i/10]}})
		}
		task := fmt.Sprintf("Triển khai nội dung %d của Kế hoạch số 12-KH/TU về củng cố, kiện toàn tổ chức cơ sở đảng", i+1)
		result := results[i%len(results)]
		if i%3 == 0 {
			result += fmt.Sprintf("\nBáo cáo số %d-BC/TU ngày %02d/%02d/2026", 100+i, 1+i%28, 1+i%6)
		}
		deadline := fmt.Sprintf("%02d/%02d/2026", 1+i%28, 1+i%12)
		if i == 7 {
			deadline = norm.NFD.String("Quý III/2026") // pasted decomposed
		}
		if i == 13 {
			task = `Rà soát chỉ tiêu "đảng viên mới" > 3% & <5% (so với đầu kỳ)`
		}
		tasks.Rows = append(tasks.Rows, Row{Cells: []string{fmt.Sprint(i + 1), task, units[i%len(units)], deadline, result}})
	}
	unnamed := &Table{
		Columns: []Column{{Title: "Chỉ tiêu", Weight: 3}, {Title: "Kế hoạch", Weight: 1, Center: true}, {Title: "Thực hiện", Weight: 1, Center: true}},
		Rows: []Row{
			{Cells: []string{"Kết nạp đảng viên mới", "1.200", "640"}},
			{Cells: []string{"Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ", "≥ 85%", "Đánh giá\ncuối năm"}},
		},
	}
	return &Report{
		Office:  office,
		Date:    date,
		Year:    2026,
		Kind:    "BÁO CÁO",
		Subject: "Kết quả thực hiện Kế hoạch số 12-KH/TU của Ban Thường vụ Tỉnh ủy\n(6 tháng đầu năm 2026)",
		Blocks: []Block{
			{Heading: "I. TÌNH HÌNH CHUNG"},
			{Paragraph: "Thực hiện Kế hoạch số 12-KH/TU ngày 15/01/2026 của Ban Thường vụ Tỉnh ủy, các cơ quan, đơn vị đã chủ động xây dựng kế hoạch, phân công nhiệm vụ cụ thể và tổ chức thực hiện nghiêm túc, đạt nhiều kết quả quan trọng."},
			{Heading: "1. Kết quả đạt được"},
			{Paragraph: "Tỷ lệ nhiệm vụ hoàn thành đúng hạn đạt > 80% & không có nhiệm vụ <quá hạn> kéo dài; chi tiết tại bảng dưới đây."},
			{Table: tasks},
			{Heading: "2. Hạn chế, nguyên nhân"},
			{Blank: 3},
			{Table: unnamed},
			{Heading: "II. NHIỆM VỤ TRỌNG TÂM 6 THÁNG CUỐI NĂM"},
			{Paragraph: "Tiếp tục quán triệt, triển khai thực hiện nghiêm túc các nghị quyết, chỉ thị của Trung ương và của Tỉnh ủy.\nTập trung hoàn thành các nhiệm vụ còn chậm tiến độ."},
		},
	}
}

// oxExpected is the text of r in reading order, one paragraph (or table
// cell line) an entry, as every writer must print it.
func oxExpected(r *Report) []string {
	var want []string
	o := r.Office
	if o.IsState() {
		want = append(want, "UBND TỈNH KIÊN GIANG", "SỞ NỘI VỤ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
			"Số:      /BC-SNV", "Kiên Giang, ngày 05 tháng 3 năm 2026")
	} else {
		want = append(want, "ĐẢNG BỘ TỈNH KIÊN GIANG", "TỈNH ỦY", "*", "ĐẢNG CỘNG SẢN VIỆT NAM",
			"Số      -BC/TU", "Kiên Giang, ngày       tháng       năm 2026")
	}
	want = append(want, r.Kind)
	want = append(want, strings.Split(r.Subject, "\n")...)
	for _, b := range r.Blocks {
		switch {
		case b.Heading != "":
			want = append(want, b.Heading)
		case b.Paragraph != "":
			want = append(want, strings.Split(b.Paragraph, "\n")...)
		case b.Table != nil:
			if b.Table.Caption != "" {
				want = append(want, b.Table.Caption)
			}
			for _, c := range b.Table.Columns {
				want = append(want, c.Title)
			}
			for _, row := range b.Table.Rows {
				for _, c := range row.Cells {
					want = append(want, strings.Split(norm.NFC.String(c), "\n")...)
				}
			}
		}
	}
	want = append(want, "Nơi nhận:")
	if o.IsState() {
		want = append(want, "- Bộ Nội vụ (báo cáo);", "- UBND tỉnh (báo cáo);", "- Lưu: VT, TCCB.")
	} else {
		want = append(want, "- Ban Bí thư Trung ương Đảng (báo cáo),", "- Văn phòng Trung ương Đảng,", "- Các đồng chí Tỉnh ủy viên,", "- Lưu VT.")
	}
	want = append(want, o.Authority, o.Title, o.Signer)
	return want
}

func oxWriteDOCX(t *testing.T, r *Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteDOCX(&buf, r); err != nil {
		t.Fatalf("WriteDOCX: %v", err)
	}
	return buf.Bytes()
}

// oxParts reads every part of an OOXML package and checks that each XML
// part is well-formed by decoding it to the end.
func oxParts(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip package: %v", err)
	}
	parts := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		parts[f.Name] = b
		if strings.HasSuffix(f.Name, ".xml") || strings.HasSuffix(f.Name, ".rels") {
			d := xml.NewDecoder(bytes.NewReader(b))
			for {
				_, err := d.Token()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatalf("%s is not well-formed XML: %v", f.Name, err)
				}
			}
		}
	}
	return parts
}

// oxParagraphs is the text of every w:p of a WordprocessingML part in
// document order, table cells included: w:t text, w:tab as "\t", w:br as
// "\n".
func oxParagraphs(t *testing.T, part []byte) []string {
	t.Helper()
	var paras []string
	var cur strings.Builder
	inText := false
	d := xml.NewDecoder(bytes.NewReader(part))
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return paras
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch tok.Name.Local {
			case "p":
				cur.Reset()
			case "t":
				inText = true
			case "tab":
				if !inText {
					cur.WriteString("\t")
				}
			case "br":
				cur.WriteString("\n")
			}
		case xml.EndElement:
			switch tok.Name.Local {
			case "p":
				paras = append(paras, cur.String())
			case "t":
				inText = false
			}
		case xml.CharData:
			if inText {
				cur.Write(tok)
			}
		}
	}
}

// oxInOrder checks that each wanted text is one of paras, in order.
func oxInOrder(t *testing.T, paras, want []string) {
	t.Helper()
	at := 0
	for _, w := range want {
		found := false
		for i := at; i < len(paras); i++ {
			if paras[i] == w {
				at, found = i+1, true
				break
			}
		}
		if !found {
			t.Errorf("%q not found as a paragraph after position %d", w, at)
		}
	}
}

// WordprocessingML read back with encoding/xml (names are matched without
// namespace, attributes by local name).
type (
	oxDocument struct {
		Body struct {
			Paras  []oxPara  `xml:"p"`
			Tables []oxTable `xml:"tbl"`
			SectPr oxSectPr  `xml:"sectPr"`
		} `xml:"body"`
	}
	oxTable struct {
		Style oxVal   `xml:"tblPr>tblStyle"`
		Width oxWidth `xml:"tblPr>tblW"`
		Grid  []struct {
			W int `xml:"w,attr"`
		} `xml:"tblGrid>gridCol"`
		Rows []oxRow `xml:"tr"`
	}
	oxRow struct {
		Header    *struct{} `xml:"trPr>tblHeader"`
		CantSplit *struct{} `xml:"trPr>cantSplit"`
		Cells     []struct {
			Span  *oxVal   `xml:"tcPr>gridSpan"`
			Paras []oxPara `xml:"p"`
		} `xml:"tc"`
	}
	oxPara struct {
		Style oxVal `xml:"pPr>pStyle"`
		Align oxVal `xml:"pPr>jc"`
		Ind   struct {
			FirstLine int `xml:"firstLine,attr"`
		} `xml:"pPr>ind"`
		Spacing struct {
			After int `xml:"after,attr"`
		} `xml:"pPr>spacing"`
		Tab struct {
			Val    string `xml:"val,attr"`
			Leader string `xml:"leader,attr"`
			Pos    int    `xml:"pos,attr"`
		} `xml:"pPr>tabs>tab"`
		Runs []struct {
			Bold *struct{} `xml:"rPr>b"`
			Size oxVal     `xml:"rPr>sz"`
			Text string    `xml:"t"`
		} `xml:"r"`
	}
	oxSectPr struct {
		Headers []struct {
			Type string `xml:"type,attr"`
			ID   string `xml:"id,attr"`
		} `xml:"headerReference"`
		PgSz struct {
			W int `xml:"w,attr"`
			H int `xml:"h,attr"`
		} `xml:"pgSz"`
		PgMar struct {
			Top    int `xml:"top,attr"`
			Bottom int `xml:"bottom,attr"`
			Left   int `xml:"left,attr"`
			Right  int `xml:"right,attr"`
		} `xml:"pgMar"`
		TitlePg *struct{} `xml:"titlePg"`
	}
	oxVal struct {
		Val string `xml:"val,attr"`
	}
	oxWidth struct {
		W int `xml:"w,attr"`
	}
)

func (p oxPara) text() string {
	var b strings.Builder
	for _, r := range p.Runs {
		b.WriteString(r.Text)
	}
	return b.String()
}

func TestDOCXContentInOrder(t *testing.T) {
	for _, format := range []Format{Party, State} {
		t.Run(string(format), func(t *testing.T) {
			r := oxSampleReport(format)
			parts := oxParts(t, oxWriteDOCX(t, r))
			doc := parts["word/document.xml"]
			if doc == nil {
				t.Fatal("no word/document.xml")
			}
			paras := oxParagraphs(t, doc)
			oxInOrder(t, paras, oxExpected(r))
			for _, p := range paras {
				if !norm.NFC.IsNormalString(p) {
					t.Errorf("paragraph not NFC: %q", p)
				}
			}
		})
	}
}

func TestDOCXPackageParts(t *testing.T) {
	parts := oxParts(t, oxWriteDOCX(t, oxSampleReport(Party)))
	for _, name := range []string{
		"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
		"word/settings.xml", "word/header1.xml", "word/header2.xml", "word/fontTable.xml",
		"word/_rels/document.xml.rels", "docProps/core.xml", "docProps/app.xml",
	} {
		if parts[name] == nil {
			t.Errorf("part %s missing", name)
		}
	}
	// Every part but the relationships has its content type override.
	var types struct {
		Overrides []struct {
			PartName string `xml:"PartName,attr"`
		} `xml:"Override"`
	}
	if err := xml.Unmarshal(parts["[Content_Types].xml"], &types); err != nil {
		t.Fatal(err)
	}
	declared := map[string]bool{}
	for _, o := range types.Overrides {
		declared[strings.TrimPrefix(o.PartName, "/")] = true
		if parts[strings.TrimPrefix(o.PartName, "/")] == nil {
			t.Errorf("content type declared for missing part %s", o.PartName)
		}
	}
	for name := range parts {
		if !strings.HasSuffix(name, ".rels") && name != "[Content_Types].xml" && !declared[name] {
			t.Errorf("part %s has no content type override", name)
		}
	}
	// Every relationship points at a part of the package.
	for _, rels := range []struct{ name, dir string }{{"_rels/.rels", ""}, {"word/_rels/document.xml.rels", "word/"}} {
		var rs struct {
			Rel []struct {
				Target string `xml:"Target,attr"`
			} `xml:"Relationship"`
		}
		if err := xml.Unmarshal(parts[rels.name], &rs); err != nil {
			t.Fatal(err)
		}
		for _, rel := range rs.Rel {
			if parts[rels.dir+rel.Target] == nil {
				t.Errorf("%s: target %s missing", rels.name, rel.Target)
			}
		}
	}
	core := string(parts["docProps/core.xml"])
	if !strings.Contains(core, "<dc:title>BÁO CÁO Kết quả thực hiện Kế hoạch số 12-KH/TU") {
		t.Errorf("core.xml has no title: %s", core)
	}
}

func TestDOCXPageSetup(t *testing.T) {
	parts := oxParts(t, oxWriteDOCX(t, oxSampleReport(Party)))
	var doc oxDocument
	if err := xml.Unmarshal(parts["word/document.xml"], &doc); err != nil {
		t.Fatal(err)
	}
	s := doc.Body.SectPr
	if s.PgSz.W != 11906 || s.PgSz.H != 16838 {
		t.Errorf("page size %d×%d twips, want A4 11906×16838", s.PgSz.W, s.PgSz.H)
	}
	// 20 mm, 20 mm, 30 mm, 15 mm at 56.7 twips a millimetre.
	if m := s.PgMar; m.Top != 1134 || m.Bottom != 1134 || m.Left != 1701 || m.Right != 851 {
		t.Errorf("margins %+v, want top 1134 bottom 1134 left 1701 right 851", m)
	}
	if s.TitlePg == nil {
		t.Error("no titlePg: page 1 would carry a page number")
	}
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal(parts["word/_rels/document.xml.rels"], &rels); err != nil {
		t.Fatal(err)
	}
	target := map[string]string{}
	for _, r := range rels.Rel {
		target[r.ID] = "word/" + r.Target
	}
	headers := map[string]string{}
	for _, h := range s.Headers {
		headers[h.Type] = target[h.ID]
	}
	def, first := parts[headers["default"]], parts[headers["first"]]
	if def == nil || first == nil {
		t.Fatalf("headers %v: want a default and a first-page header", headers)
	}
	// A complex field (fldChar/instrText, as Word writes it) or a simple one.
	instr := regexp.MustCompile(`<w:instrText[^>]*>\s*PAGE\s*</w:instrText>|<w:fldSimple w:instr="\s*PAGE\s*"`)
	if !instr.Match(def) {
		t.Errorf("default header has no PAGE field: %s", def)
	}
	if !strings.Contains(string(def), `<w:jc w:val="center"/>`) {
		t.Error("page number not centred")
	}
	if strings.Contains(string(first), "PAGE") || strings.Join(oxParagraphs(t, first), "") != "" {
		t.Errorf("first-page header not empty: %s", first)
	}
}

func TestDOCXFontsAndStyles(t *testing.T) {
	r := oxSampleReport(Party)
	parts := oxParts(t, oxWriteDOCX(t, r))
	var styles struct {
		Defaults struct {
			Fonts struct {
				ASCII string `xml:"ascii,attr"`
				HAnsi string `xml:"hAnsi,attr"`
				CS    string `xml:"cs,attr"`
			} `xml:"rPrDefault>rPr>rFonts"`
			Size oxVal `xml:"rPrDefault>rPr>sz"`
		} `xml:"docDefaults"`
		Styles []struct {
			Type  string `xml:"type,attr"`
			ID    string `xml:"styleId,attr"`
			Name  oxVal  `xml:"name"`
			Level *oxVal `xml:"pPr>outlineLvl"`
			Bord  []struct {
				Val string `xml:"val,attr"`
			} `xml:"tblPr>tblBorders>insideH"`
		} `xml:"style"`
	}
	if err := xml.Unmarshal(parts["word/styles.xml"], &styles); err != nil {
		t.Fatal(err)
	}
	f := styles.Defaults.Fonts
	if f.ASCII != "Times New Roman" || f.HAnsi != "Times New Roman" || f.CS != "Times New Roman" {
		t.Errorf("default fonts %+v, want Times New Roman", f)
	}
	if styles.Defaults.Size.Val != "28" {
		t.Errorf("default size %s half-points, want 28 (14 pt)", styles.Defaults.Size.Val)
	}
	// No other font anywhere.
	fonts := regexp.MustCompile(`<w:(?:rFonts|font) [^>]*>`)
	font := regexp.MustCompile(`w:(?:ascii|hAnsi|cs|eastAsia|name)="([^"]*)"`)
	for _, name := range []string{"word/styles.xml", "word/document.xml", "word/fontTable.xml", "word/header1.xml"} {
		for _, elem := range fonts.FindAllString(string(parts[name]), -1) {
			for _, m := range font.FindAllStringSubmatch(elem, -1) {
				if m[1] != "Times New Roman" {
					t.Errorf("%s: font %q in %s", name, m[1], elem)
				}
			}
		}
	}
	byID := map[string]int{}
	for i, s := range styles.Styles {
		byID[s.ID] = i
	}
	for id, want := range map[string]string{"Heading1": "heading 1", "Heading2": "heading 2"} {
		i, ok := byID[id]
		if !ok {
			t.Errorf("no %s style", id)
			continue
		}
		if styles.Styles[i].Name.Val != want || styles.Styles[i].Level == nil {
			t.Errorf("%s: name %q, outline level %v; want the built-in %q with an outline level", id, styles.Styles[i].Name.Val, styles.Styles[i].Level, want)
		}
	}
	if i, ok := byID["TableGrid"]; !ok || len(styles.Styles[i].Bord) == 0 || styles.Styles[i].Bord[0].Val != "single" {
		t.Error("no table style with borders")
	}

	var doc oxDocument
	if err := xml.Unmarshal(parts["word/document.xml"], &doc); err != nil {
		t.Fatal(err)
	}
	headings := map[string]string{}
	var body []oxPara
	for _, p := range doc.Body.Paras {
		if p.Style.Val != "" {
			headings[p.text()] = p.Style.Val
		}
		body = append(body, p)
	}
	for h, want := range map[string]string{
		"I. TÌNH HÌNH CHUNG": "Heading1", "1. Kết quả đạt được": "Heading2",
		"2. Hạn chế, nguyên nhân": "Heading2", "II. NHIỆM VỤ TRỌNG TÂM 6 THÁNG CUỐI NĂM": "Heading1",
	} {
		if headings[h] != want {
			t.Errorf("heading %q has style %q, want %q", h, headings[h], want)
		}
	}
	// Body paragraphs: justified, first line 1.27 cm, 6 pt after.
	para := r.Blocks[1].Paragraph
	found := false
	for _, p := range body {
		if p.text() == para {
			found = true
			if p.Align.Val != "both" || p.Ind.FirstLine != 720 || p.Spacing.After != 120 {
				t.Errorf("body paragraph: align %q, first line %d, after %d; want both, 720, 120", p.Align.Val, p.Ind.FirstLine, p.Spacing.After)
			}
		}
	}
	if !found {
		t.Error("body paragraph not found")
	}
	// The kind: bold, centred, 15 pt.
	for _, p := range body {
		if p.text() == "BÁO CÁO" {
			if p.Align.Val != "center" || p.Runs[0].Bold == nil || p.Runs[0].Size.Val != "30" {
				t.Errorf("kind: align %q bold %v size %s", p.Align.Val, p.Runs[0].Bold != nil, p.Runs[0].Size.Val)
			}
		}
	}
	// Blank lines: three paragraphs of a dotted tab leader across the text width.
	dotted := 0
	for _, p := range body {
		if p.Tab.Leader == "dot" && p.Tab.Val == "right" && p.Tab.Pos == docxTextWidth {
			dotted++
		}
	}
	if dotted != 3 {
		t.Errorf("%d dotted lines, want 3", dotted)
	}
}

func TestDOCXTables(t *testing.T) {
	r := oxSampleReport(Party)
	parts := oxParts(t, oxWriteDOCX(t, r))
	var doc oxDocument
	if err := xml.Unmarshal(parts["word/document.xml"], &doc); err != nil {
		t.Fatal(err)
	}
	tables := doc.Body.Tables
	// Header blocks, the two data tables, the closing block.
	if len(tables) != 4 {
		t.Fatalf("%d tables, want 4", len(tables))
	}
	for _, i := range []int{0, 3} {
		if tables[i].Style.Val == "TableGrid" {
			t.Errorf("table %d (header or closing block) has borders", i)
		}
	}
	src := r.Blocks[4].Table
	tbl := tables[1]
	if tbl.Style.Val != "TableGrid" {
		t.Errorf("data table style %q, want TableGrid", tbl.Style.Val)
	}
	if len(tbl.Rows) != len(src.Rows)+1 {
		t.Fatalf("%d w:tr, want %d rows + the header row", len(tbl.Rows), len(src.Rows))
	}
	if tbl.Rows[0].Header == nil {
		t.Error("first row not marked w:tblHeader")
	}
	for i, row := range tbl.Rows[1:] {
		if row.Header != nil {
			t.Errorf("row %d marked as header", i+1)
		}
		if row.CantSplit != nil {
			t.Errorf("row %d may not break across pages", i+1)
		}
	}
	// Grid widths follow the weights and fill the text width.
	sum, total := 0, 0.0
	for _, c := range src.Columns {
		total += c.Weight
	}
	if len(tbl.Grid) != len(src.Columns) {
		t.Fatalf("%d grid columns, want %d", len(tbl.Grid), len(src.Columns))
	}
	for i, g := range tbl.Grid {
		sum += g.W
		want := float64(docxTextWidth) * src.Columns[i].Weight / total
		if d := float64(g.W) - want; d < -1 || d > 1 {
			t.Errorf("column %d width %d, want %.0f", i, g.W, want)
		}
	}
	if sum != docxTextWidth || tbl.Width.W != docxTextWidth {
		t.Errorf("grid sums to %d, table width %d; want %d", sum, tbl.Width.W, docxTextWidth)
	}
	// Group rows are one bold cell across the table; other rows one cell a
	// column, centred where the column is, 12 pt.
	for i, row := range src.Rows {
		tr := tbl.Rows[i+1]
		if row.Group {
			if len(tr.Cells) != 1 || tr.Cells[0].Span == nil || tr.Cells[0].Span.Val != fmt.Sprint(len(src.Columns)) {
				t.Errorf("group row %d: %d cells, want one spanning %d columns", i, len(tr.Cells), len(src.Columns))
				continue
			}
			if p := tr.Cells[0].Paras[0]; p.Runs[0].Bold == nil || p.text() != row.Cells[0] {
				t.Errorf("group row %d: %q not bold", i, p.text())
			}
			continue
		}
		if len(tr.Cells) != len(src.Columns) {
			t.Errorf("row %d: %d cells", i, len(tr.Cells))
			continue
		}
		for j, cell := range tr.Cells {
			lines := strings.Split(norm.NFC.String(row.Cells[j]), "\n")
			if len(cell.Paras) != len(lines) {
				t.Errorf("row %d cell %d: %d paragraphs for %d lines", i, j, len(cell.Paras), len(lines))
				continue
			}
			for k, p := range cell.Paras {
				if p.text() != lines[k] {
					t.Errorf("row %d cell %d: %q, want %q", i, j, p.text(), lines[k])
				}
				wantAlign := "left"
				if src.Columns[j].Center {
					wantAlign = "center"
				}
				if p.Align.Val != wantAlign {
					t.Errorf("row %d cell %d aligned %q, want %q", i, j, p.Align.Val, wantAlign)
				}
				if len(p.Runs) > 0 && p.Runs[0].Size.Val != "24" {
					t.Errorf("row %d cell %d: size %s half-points, want 24", i, j, p.Runs[0].Size.Val)
				}
			}
		}
	}
	if n := len(tables[2].Rows); n != len(r.Blocks[7].Table.Rows)+1 {
		t.Errorf("second table: %d rows", n)
	}
}

func TestDOCXEdgeCases(t *testing.T) {
	cases := map[string]*Report{
		"empty":       {},
		"no columns":  {Blocks: []Block{{Table: &Table{Rows: []Row{{Cells: []string{"a", "b"}}, {Group: true}}}}}},
		"empty table": {Blocks: []Block{{Table: &Table{}}}},
		"control characters": {Kind: "BÁO\x01CÁO", Subject: "a\x00b\tc", Blocks: []Block{
			{Paragraph: "x\x1fy ]]> </w:t>"},
			{Table: &Table{Columns: []Column{{Title: "&"}}, Rows: []Row{{Cells: []string{"<", ">", "\"'"}}}}},
		}},
		"state without signer": {Office: Office{Format: State, Name: "SỞ NỘI VỤ"}},
	}
	for name, r := range cases {
		t.Run(name, func(t *testing.T) {
			parts := oxParts(t, oxWriteDOCX(t, r))
			paras := oxParagraphs(t, parts["word/document.xml"])
			all := strings.Join(paras, "\n")
			if name == "control characters" {
				for _, want := range []string{"]]> </w:t>", "<", ">", "\"'", "&"} {
					if !strings.Contains(all, want) {
						t.Errorf("%q lost", want)
					}
				}
			}
		})
	}
	if err := WriteDOCX(io.Discard, nil); err == nil {
		t.Error("nil report written")
	}
}

func TestDOCXDeterministic(t *testing.T) {
	a := oxWriteDOCX(t, oxSampleReport(State))
	b := oxWriteDOCX(t, oxSampleReport(State))
	if !bytes.Equal(a, b) {
		t.Error("two writes of the same report differ")
	}
}

func TestDOCXSplitWidth(t *testing.T) {
	for _, tc := range []struct {
		total   int
		weights []float64
		want    []int
	}{
		{100, []float64{1, 1}, []int{50, 50}},
		{100, []float64{1, 1, 1}, []int{34, 33, 33}},
		{9354, []float64{1, 3}, []int{2339, 7015}},
		{100, []float64{0, 0}, []int{50, 50}},
		{100, []float64{2, 0, 2}, []int{34, 33, 33}},
		{10, nil, nil},
	} {
		got := splitWidth(tc.total, tc.weights)
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("splitWidth(%d, %v) = %v, want %v", tc.total, tc.weights, got, tc.want)
		}
	}
}

// oxCollapse is text with every run of white space made one space, for
// comparing with text extracted from a laid-out page.
func oxCollapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// oxPDFText is the text of every page of a PDF (or any document MuPDF
// opens), white space collapsed.
func oxPDFText(t *testing.T, data []byte) string {
	t.Helper()
	doc, err := fitz.NewFromMemory(data)
	if err != nil {
		t.Fatalf("MuPDF cannot open it: %v", err)
	}
	defer doc.Close()
	var b strings.Builder
	for i := range doc.NumPage() {
		s, err := doc.Text(i)
		if err != nil {
			t.Fatalf("page %d: %v", i+1, err)
		}
		b.WriteString(s)
		b.WriteString("\n")
	}
	return norm.NFC.String(oxCollapse(b.String()))
}

// oxInText checks that every wanted text appears in text (white space
// collapsed); in order when ordered is set.
func oxInText(t *testing.T, text string, want []string, ordered bool) {
	t.Helper()
	at := 0
	for _, w := range want {
		w = oxCollapse(w)
		if w == "" || w == "*" {
			continue
		}
		from := 0
		if ordered {
			from = at
		}
		i := strings.Index(text[from:], w)
		if i < 0 {
			t.Errorf("%q not found", w)
			continue
		}
		at = from + i + len(w)
	}
}

// oxWordsInText checks that the words of every wanted text appear in text
// in their order (other words may come between them: a line or page break
// inside a cell). A word LibreOffice broke inside a narrow cell ("TT" as
// "T T") is found with the spaces taken out.
func oxWordsInText(t *testing.T, text string, want []string) {
	t.Helper()
	words := strings.Fields(text)
	joined := strings.Join(words, "")
	for _, w := range want {
		ws := strings.Fields(w)
		if len(ws) == 0 || w == "*" {
			continue
		}
		best := 0
		for j := range words {
			if words[j] != ws[0] {
				continue
			}
			// At most 60 other words (a page number and the repeated
			// header row, the other cells' lines) between them.
			i, end := 0, min(len(words), j+len(ws)+60)
			for _, x := range words[j:end] {
				if i < len(ws) && x == ws[i] {
					i++
				}
			}
			best = max(best, i)
		}
		if best < len(ws) && !strings.Contains(joined, strings.Join(ws, "")) {
			t.Errorf("%q not found (at best %d of %d words in order)", oxCollapse(w), best, len(ws))
		}
	}
}

// TestDOCXReadByMuPDF opens the DOCX with a second, independent OOXML
// reader (MuPDF's, through go-fitz) and finds every text in order.
func TestDOCXReadByMuPDF(t *testing.T) {
	r := oxSampleReport(Party)
	text := oxPDFText(t, oxWriteDOCX(t, r))
	oxInText(t, text, oxExpected(r), true)
}

// oxSoffice is LibreOffice's command, "" when it is not installed.
func oxSoffice() string {
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// oxConvertPDF converts a DOCX file to PDF with LibreOffice and returns the
// PDF's path.
func oxConvertPDF(t *testing.T, soffice, docx string) string {
	t.Helper()
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	start := time.Now()
	cmd := exec.CommandContext(ctx, soffice, "--headless",
		"-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "pdf", "--outdir", dir, docx)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	t.Logf("LibreOffice converted %s in %v", filepath.Base(docx), time.Since(start).Round(time.Millisecond))
	pdf := filepath.Join(dir, strings.TrimSuffix(filepath.Base(docx), ".docx")+".pdf")
	if _, err := os.Stat(pdf); err != nil {
		t.Fatalf("no PDF: %v", err)
	}
	return pdf
}

// TestDOCXLibreOffice converts the DOCX to PDF with LibreOffice, when it
// is installed, and finds every text on the pages.
func TestDOCXLibreOffice(t *testing.T) {
	soffice := oxSoffice()
	if soffice == "" {
		t.Skip("LibreOffice (soffice) not installed")
	}
	for _, format := range []Format{Party, State} {
		t.Run(string(format), func(t *testing.T) {
			r := oxSampleReport(format)
			file := filepath.Join(t.TempDir(), "report.docx")
			if err := os.WriteFile(file, oxWriteDOCX(t, r), 0o644); err != nil {
				t.Fatal(err)
			}
			pdf, err := os.ReadFile(oxConvertPDF(t, soffice, file))
			if err != nil {
				t.Fatal(err)
			}
			doc, err := fitz.NewFromMemory(pdf)
			if err != nil {
				t.Fatal(err)
			}
			if doc.NumPage() < 2 {
				t.Errorf("%d pages; the 40-row table should run onto page 2", doc.NumPage())
			}
			doc.Close()
			// Table cells wrap inside their column, and a row that runs
			// over a page break has the page number and the repeated header
			// row in the middle of its text: each text's words must appear
			// in order, with anything between them.
			oxWordsInText(t, oxPDFText(t, pdf), oxExpected(r))
		})
	}
}

// TestDOCXXLSXSamples writes the sample reports as DOCX and XLSX into the
// directory named by CHIDAO_REPORT_SAMPLES — report-sample.docx and .xlsx
// (Party), report-sample-state.docx and .xlsx (State) and, when
// LibreOffice is installed, the PDF of each DOCX — for a person to open.
func TestDOCXXLSXSamples(t *testing.T) {
	dir := os.Getenv("CHIDAO_REPORT_SAMPLES")
	if dir == "" {
		t.Skip("CHIDAO_REPORT_SAMPLES not set")
	}
	for format, name := range map[Format]string{Party: "report-sample", State: "report-sample-state"} {
		r := oxSampleReport(format)
		docx := filepath.Join(dir, name+".docx")
		if err := os.WriteFile(docx, oxWriteDOCX(t, r), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".xlsx"), oxWriteXLSX(t, r), 0o644); err != nil {
			t.Fatal(err)
		}
		if soffice := oxSoffice(); soffice != "" {
			pdf, err := os.ReadFile(oxConvertPDF(t, soffice, docx))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, name+".pdf"), pdf, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// BenchmarkWriteDOCX1000 writes a report of 1,000 tasks.
func BenchmarkWriteDOCX1000(b *testing.B) {
	r := oxBigReport(1000)
	for b.Loop() {
		if err := WriteDOCX(io.Discard, r); err != nil {
			b.Fatal(err)
		}
	}
}

// oxBigReport is the sample report with its task table grown to n rows.
func oxBigReport(n int) *Report {
	r := oxSampleReport(Party)
	t := r.Blocks[4].Table
	rows := t.Rows
	for len(t.Rows) < n {
		t.Rows = append(t.Rows, rows...)
	}
	t.Rows = t.Rows[:n]
	return r
}
