package msdoc

import (
	"archive/zip"
	"bytes"
	"chidao/internal/testcorpus"
	"encoding/binary"
	"errors"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

var corpusDir = testcorpus.Path("word")

// corpusFile reads one corpus file, skipping the test when the corpus is missing.
func corpusFile(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(corpusDir, name))
	if errors.Is(err, os.ErrNotExist) {
		tb.Skipf("corpus file %s missing", name)
	}
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func textOf(b []byte) (string, error) { return Text(bytes.NewReader(b), int64(len(b))) }

// checkClean fails when s is not valid NFC UTF-8 or holds control characters
// other than \n, \t and \f.
func checkClean(t *testing.T, name, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Errorf("%s: invalid UTF-8", name)
	}
	if !norm.NFC.IsNormalString(s) {
		t.Errorf("%s: text is not NFC", name)
	}
	for i, r := range s {
		if (r < 0x20 && r != '\n' && r != '\t' && r != '\f') || (r >= 0x7F && r < 0xA0) {
			t.Errorf("%s: control character %U at byte %d", name, r, i)
			return
		}
	}
}

// Opening lines of each corpus document, read from the PDF of the same document.
var corpus = []struct {
	file  string
	lines []string
}{
	{"ct09-2009-ct-ubnd.doc", []string{
		"ỦY BAN NHÂN DÂN",
		"Số: 09/2009/CT-UBND",
		"Về việc đẩy mạnh hoạt động khoa học và công nghệ cấp cơ sở",
		"Trong thời gian qua, hoạt động khoa học và công nghệ cấp sở, ban, ngành,",
	}},
	{"luat-thanh-tra-2010.doc", []string{
		"Luật số: 56/2010/QH12",
		"LUẬT\nTHANH TRA",
		"Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 1992",
	}},
	{"nd37-2007-minh-bach-tai-san.doc", []string{
		"CỦA CHÍNH PHỦ SỐ 37/2007/NĐ-CP NGÀY 09 THÁNG 3 NĂM 2007",
		"VỀ MINH BẠCH TÀI SẢN, THU NHẬP",
		"Căn cứ Luật Phòng, chống tham nhũng ngày 29 tháng 11 năm 2005;",
	}},
	{"nd86-2011-huong-dan-luat-thanh-tra.doc", []string{
		"Số: 86/2011/NĐ-CP",
		"QUY ĐỊNH CHI TIẾT VÀ HƯỚNG DẪN THI HÀNH MỘT SỐ ĐIỀU CỦA LUẬT THANH TRA",
		"Căn cứ Luật Thanh tra ngày 15 tháng 11 năm 2010;",
	}},
	{"qd09-2010-qd-ubnd-cantho-quy-dinh-kem-theo.doc", []string{
		"THÀNH PHỐ CẦN THƠ",
		"Việc tuyển chọn, xét chọn tổ chức, cá nhân chủ trì",
		"(Ban hành kèm theo Quyết định số 09/2010/QĐ-UBND ngày 21 tháng 01năm 2010",
	}},
	{"qd09-2010-qd-ubnd-cantho.doc", []string{
		"Số:09/2010/QĐ-UBND",
		"Ban hành Quy định tuyển chọn, xét chọn tổ chức, cá nhân chủ trì thực hiện nhiệm vụ khoa học và công nghệ cấp thành phố",
		"Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26 tháng 11 năm 2003;",
	}},
	{"qd93-2007-qd-ttg-mot-cua.doc", []string{
		"Số: 93/2007/QĐ-TTg",
		"Ban hành Quy chế thực hiện cơ chế một cửa, cơ chế một cửa liên thông",
		"Căn cứ Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001;",
	}},
	{"tt01-2011-tt-bnv-the-thuc-van-ban.doc", []string{
		"Số: 01/2011/TT-BNV\tHà Nội, ngày 19 tháng 01 năm 2011",
		"Hướng dẫn thể thức và kỹ thuật trình bày văn bản hành chính",
		"Căn cứ Nghị định số 110/2004/NĐ-CP ngày 08 tháng 4 năm 2004 của Chính phủ về công tác văn thư;",
	}},
	{"tt2442-ttcp.doc", []string{
		"THANH TRA CHÍNH PHỦ",
		"Số: 2442/2007/TT-TTCP",
		"Hướng dẫn thi hành một số điều của Nghị định số 37/2007/NĐ-CP ngày 09 tháng 3 năm 2007",
	}},
}

func TestCorpus(t *testing.T) {
	for _, tc := range corpus {
		t.Run(tc.file, func(t *testing.T) {
			b := corpusFile(t, tc.file)
			got, err := textOf(b)
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range tc.lines {
				if !strings.Contains(got, l) {
					t.Errorf("text lacks %q; starts with:\n%.600s", l, got)
				}
			}
			checkClean(t, tc.file, got)
		})
	}
}

// TestTables checks cell and row marks on a document with a real table.
func TestTables(t *testing.T) {
	b := corpusFile(t, "nd37-2007-minh-bach-tai-san.doc")
	got, err := textOf(b)
	if err != nil {
		t.Fatal(err)
	}
	row := "\nTT\tLoại tài sản\tThông tin mô tả về tài sản\tThông tin về biến động tài sản\n"
	if !strings.Contains(got, row) {
		t.Errorf("table row %q not found", row)
	}
}

// TestPageBreaks checks that page and section breaks survive as form feeds.
func TestPageBreaks(t *testing.T) {
	b := corpusFile(t, "nd37-2007-minh-bach-tai-san.doc")
	got, err := textOf(b)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(got, "\f"); n == 0 {
		t.Error("no form feed in a document with page breaks")
	}
}

// fibOffset finds the WordDocument stream (the FIB) in a compound file image.
func fibOffset(t *testing.T, b []byte) int {
	t.Helper()
	for off := 512; off+512 <= len(b); off += 512 {
		if binary.LittleEndian.Uint16(b[off:]) == wIdentWord && binary.LittleEndian.Uint16(b[off+2:]) >= nFibWord97 {
			return off
		}
	}
	t.Fatal("FIB not found")
	return 0
}

func makeDocx(t *testing.T) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(`<w:document><w:body><w:p><w:r><w:t>Xin chào</w:t></w:r></w:p></w:body></w:document>`))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestBadInput(t *testing.T) {
	doc := corpusFile(t, "qd09-2010-qd-ubnd-cantho.doc")
	random := make([]byte, 4096)
	rand.New(rand.NewSource(1)).Read(random)
	docx := makeDocx(t)
	if real, err := os.ReadFile(filepath.Join(corpusDir, "kh-tu-2020-thuc-hien-kl74-tw.docx")); err == nil {
		docx = real
	}

	mutate := func(f func(b []byte)) []byte {
		b := bytes.Clone(doc)
		f(b)
		return b
	}
	fib := fibOffset(t, doc)
	put32 := func(b []byte, off int, v uint32) { binary.LittleEndian.PutUint32(b[off:], v) }

	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrNotWord},
		{"random", random, ErrNotWord},
		{"docx", docx, ErrNotWord},
		{"text", []byte("Đây không phải là tệp Word\n"), ErrNotWord},
		{"signature only", bytes.Clone(cfbSignature), ErrCorrupt},
		{"truncated", doc[:len(doc)/2], ErrCorrupt},
		{"header only", doc[:512], ErrCorrupt},
		{"no WordDocument", mutate(func(b []byte) {
			name := []byte("W\x00o\x00r\x00d\x00D\x00o\x00c\x00")
			i := bytes.Index(b, name)
			b[i] = 'X'
		}), ErrNotWord},
		{"encrypted", mutate(func(b []byte) { b[fib+0x0B] |= fEncrypted >> 8 }), ErrEncrypted},
		{"Word 95", mutate(func(b []byte) { binary.LittleEndian.PutUint16(b[fib+2:], 0x0068) }), ErrNotWord},
		{"bad CLX offset", mutate(func(b []byte) { put32(b, fib+0x1A2, 0x7FFFFFF0) }), ErrCorrupt},
		{"bad CLX size", mutate(func(b []byte) { put32(b, fib+0x1A6, 3) }), ErrCorrupt},
		{"ccpText beyond pieces", mutate(func(b []byte) { put32(b, fib+0x4C, 10_000_000) }), ErrCorrupt},
		{"huge ccpText", mutate(func(b []byte) { put32(b, fib+0x4C, 0x7FFFFFFF) }), ErrTooLarge},
		{"negative ccpText", mutate(func(b []byte) { put32(b, fib+0x4C, 0xFFFFFFFF) }), ErrCorrupt},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := textOf(tc.data)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			if s != "" {
				t.Errorf("text %q returned with error", s)
			}
		})
	}
}

func TestNilReader(t *testing.T) {
	if _, err := Text(nil, 100); !errors.Is(err, ErrNotWord) {
		t.Fatalf("err = %v", err)
	}
}

// TestRead checks that Read agrees with Text on the main story.
func TestRead(t *testing.T) {
	b := corpusFile(t, "ct09-2009-ct-ubnd.doc")
	d, err := Read(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	s, _ := textOf(b)
	if d.Text != s || d.Footnotes != "" {
		t.Errorf("Read differs from Text or has footnotes: %d vs %d bytes, %q", len(d.Text), len(s), d.Footnotes)
	}
}

func utf16le(s string) []byte {
	var b []byte
	for _, r := range s {
		if r > 0xFFFF {
			r1, r2 := rune(0xD800+((r-0x10000)>>10)), rune(0xDC00+((r-0x10000)&0x3FF))
			b = binary.LittleEndian.AppendUint16(b, uint16(r1))
			b = binary.LittleEndian.AppendUint16(b, uint16(r2))
			continue
		}
		b = binary.LittleEndian.AppendUint16(b, uint16(r))
	}
	return b
}

// TestSpecialChars runs synthetic pieces through the converter.
func TestSpecialChars(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"paragraphs", "Một\rhai\vba", "Một\nhai\nba"},
		{"page break", "trang 1\ftrang 2", "trang 1\ftrang 2"},
		{"field", "Xem \x13 PAGEREF _Toc1 \\h \x14trang 5\x15 nhé", "Xem trang 5 nhé"},
		{"field without result", "a\x13 TOC \x15b", "ab"},
		{"nested field", "\x13 IF \x13 PAGE \x142\x15 = 2 \x14có\x15!", "có!"},
		{"stray field marks", "\x14a\x15b", "ab"},
		{"hyphens and spaces", "tự\x1edo\x1fnhé\u00a0x", "tự-donhé x"},
		{"anchors", "a\x01b\x08c\x02d\x05e", "abcde"},
		{"cells guessed", "a\x07b\x07\x07c\x07", "a\tb\nc\t"},
		{"astral", "x😀y", "x😀y"},
		{"NFC", "Vie\u0302\u0323t", "Việt"},
		{"C1 controls", "a\u0085b\u009fc", "abc"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wd := utf16le(tc.in)
			n := len(wd) / 2
			got, err := extract(wd, []piece{{cp: 0, cpEnd: n, fc: 0}}, 0, n, nil, false)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestCompressedPieces covers 8-bit (cp1252) pieces mixed with UTF-16 pieces
// and a legacy-font byte string, which must come back as faithful cp1252.
func TestCompressedPieces(t *testing.T) {
	ansi := []byte("C\xB8c \x80 \x93q\x94 \x81\r") // TCVN3 "Các", euro, curly quotes, undefined 0x81
	uni := utf16le("Việt\r")
	wd := append(bytes.Clone(ansi), uni...)
	pieces := []piece{
		{cp: 0, cpEnd: len(ansi), fc: 0, compressed: true},
		{cp: len(ansi), cpEnd: len(ansi) + len(uni)/2, fc: len(ansi)},
	}
	got, err := extract(wd, pieces, 0, len(ansi)+len(uni)/2, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	if want := "C¸c € “q” \nViệt\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	// A piece reaching past the stream is corrupt.
	_, err = extract(wd[:5], pieces, 0, 3+len(ansi), nil, false)
	if !errors.Is(err, ErrCorrupt) {
		t.Errorf("short stream: err = %v", err)
	}
}

// TestParsePieces builds a Clx with a Prc before the piece table.
func TestParsePieces(t *testing.T) {
	var clx []byte
	clx = append(clx, clxtPrc, 2, 0, 0xAA, 0xBB) // Prc with a 2-byte grpprl
	plc := binary.LittleEndian.AppendUint32(nil, 0)
	plc = binary.LittleEndian.AppendUint32(plc, 10)
	plc = binary.LittleEndian.AppendUint32(plc, 15)
	pcd := func(fc uint32) []byte {
		b := []byte{0, 0}
		b = binary.LittleEndian.AppendUint32(b, fc)
		return append(b, 0, 0)
	}
	plc = append(plc, pcd(0x40000000|2048)...)
	plc = append(plc, pcd(4096)...)
	clx = append(clx, clxtPcdt)
	clx = binary.LittleEndian.AppendUint32(clx, uint32(len(plc)))
	clx = append(clx, plc...)
	ps, err := parsePieces(clx)
	if err != nil {
		t.Fatal(err)
	}
	want := []piece{{0, 10, 1024, true}, {10, 15, 4096, false}}
	if len(ps) != 2 || ps[0] != want[0] || ps[1] != want[1] {
		t.Errorf("got %+v, want %+v", ps, want)
	}
	for _, bad := range [][]byte{nil, {0x03}, {clxtPrc, 0xFF, 0xFF}, {clxtPcdt, 0xFF, 0, 0, 0}, clx[:len(clx)-1]} {
		if _, err := parsePieces(bad); !errors.Is(err, ErrCorrupt) {
			t.Errorf("parsePieces(% x) err = %v", bad, err)
		}
	}
}

func TestHasTTP(t *testing.T) {
	tests := []struct {
		g    []byte
		want bool
	}{
		{[]byte{0x17, 0x24, 0x01}, true},
		{[]byte{0x16, 0x24, 0x01, 0x17, 0x24, 0x01}, true},
		{[]byte{0x17, 0x24, 0x00}, false},
		{[]byte{0x08, 0xD6, 0x03, 0x00, 0x17, 0x24, 0x17, 0x24, 0x01}, true}, // TDefTable swallows 2 bytes
		{[]byte{0x15, 0xC6, 0xFF, 0x00, 0x01, 0x11, 0x11, 0x22, 0x17, 0x24, 0x01}, true},
		{[]byte{0x17, 0x24}, false},
		{[]byte{0x08, 0xD6}, false},
	}
	for _, tc := range tests {
		if got := hasTTP(tc.g); got != tc.want {
			t.Errorf("hasTTP(% x) = %v, want %v", tc.g, got, tc.want)
		}
	}
}

func FuzzText(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join(corpusDir, "qd09-2010-qd-ubnd-cantho.doc")); err == nil {
		f.Add(b)
	}
	f.Add([]byte{})
	f.Add(bytes.Clone(cfbSignature))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := textOf(b)
		if err != nil {
			if !errors.Is(err, ErrNotWord) && !errors.Is(err, ErrEncrypted) &&
				!errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("error is no sentinel: %v", err)
			}
			return
		}
		if !utf8.ValidString(s) {
			t.Fatal("invalid UTF-8")
		}
	})
}

func BenchmarkText(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.doc"))
	var data []byte
	for _, f := range files {
		if d, err := os.ReadFile(f); err == nil && len(d) > len(data) {
			data = d
		}
	}
	if data == nil {
		b.Skip("corpus missing")
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := textOf(data); err != nil {
			b.Fatal(err)
		}
	}
}

// TestPageCount reads the page count Word saved, and drops a stale one.
func TestPageCount(t *testing.T) {
	for name, want := range map[string]int{
		"luat-thanh-tra-2010.doc":               34, // the PDF printed from it has 34 pages
		"tt01-2011-tt-bnv-the-thuc-van-ban.doc": 16,
		"nd37-2007-minh-bach-tai-san.doc":       0, // saved as 1 page for 25 pages of text
	} {
		b, err := os.ReadFile(filepath.Join(corpusDir, name))
		if err != nil {
			t.Fatalf("test corpus missing: %v", err)
		}
		d, err := Read(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatal(err)
		}
		if d.Pages != want {
			t.Errorf("%s: %d pages, want %d", name, d.Pages, want)
		}
	}
}
