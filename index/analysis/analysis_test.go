package analysis

import (
	"reflect"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

func tokens(terms ...string) analysis.TokenStream {
	ts := make(analysis.TokenStream, len(terms))
	for i, t := range terms {
		ts[i] = &analysis.Token{Term: []byte(t), Start: i * 10, End: i*10 + len(t), Position: i + 1}
	}
	return ts
}

func terms(ts analysis.TokenStream) []string {
	out := []string{}
	for _, t := range ts {
		out = append(out, string(t.Term))
	}
	return out
}

func TestNFCFilter(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"chế", "chế"},
		{"che\u0302\u0301", "chế"},           // NFD: e + circumflex + acute
		{"Đa\u0309ng", "Đảng"},               // a + hook above
		{"tinh", "tinh"},                     // ASCII untouched
		{"ngu\u031bo\u031b\u0300i", "người"}, // u + horn, o + horn + grave
	} {
		got := terms(NFCFilter{}.Filter(tokens(tc.in)))
		if !reflect.DeepEqual(got, []string{tc.want}) {
			t.Errorf("NFC(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestFoldFilter(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		want []string
	}{
		{[]string{"tinh", "giản", "biên", "chế"}, []string{"tinh", "gian", "bien", "che"}},
		{[]string{"Đảng", "đoàn", "ĐỊNH"}, []string{"Dang", "doan", "DINH"}},
		{[]string{"người", "ưu", "tiên", "ở"}, []string{"nguoi", "uu", "tien", "o"}},
		{[]string{"che\u0302\u0301"}, []string{"che"}}, // NFD input folds too
		{[]string{"\u0301", "74"}, []string{"74"}},     // a lone mark leaves nothing: dropped
		{[]string{"café", "naïve"}, []string{"cafe", "naive"}},
	} {
		in := tokens(tc.in...)
		got := terms(FoldFilter{}.Filter(in))
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestNumberKeyFilter(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"74-KL/TW", []string{"74-kl"}},
		{"74/KL-TW", []string{"74-kl"}},
		{"Số: 09/2010/QĐ-UBND", []string{"9-qd-2010"}},
		{"1026/KH-UBND", []string{"1026-kh"}},
		{"", []string{}},
		{"không số", []string{}},
	} {
		got := terms(NumberKeyFilter{}.Filter(tokens(tc.in)))
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("numberKey(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

type tok struct {
	Term       string
	Start, End int
}

func analyze(a analysis.Analyzer, s string) []tok {
	out := []tok{}
	for _, t := range a.Analyze([]byte(s)) {
		out = append(out, tok{string(t.Term), t.Start, t.End})
	}
	return out
}

// TestAnalyzers runs each analyzer, as registered in bleve's registry, over
// sentences of the corpus. Offsets are byte offsets into the input: folding
// must not move them.
func TestAnalyzers(t *testing.T) {
	const s1 = "đến cuối năm 2021 giảm tối thiểu 10% biên chế"
	const s2 = "Thực hiện Kết luận số 74-KL/TW"
	for _, tc := range []struct {
		analyzer, in string
		want         []tok
	}{
		{ExactName, s1, []tok{{"đến", 0, 6}, {"cuối", 7, 13}, {"năm", 14, 18}, {"2021", 19, 23}, {"giảm", 24, 30}, {"tối", 31, 36}, {"thiểu", 37, 44}, {"10", 45, 47}, {"biên", 49, 54}, {"chế", 55, 60}}},
		{FoldedName, s1, []tok{{"den", 0, 6}, {"cuoi", 7, 13}, {"nam", 14, 18}, {"2021", 19, 23}, {"giam", 24, 30}, {"toi", 31, 36}, {"thieu", 37, 44}, {"10", 45, 47}, {"bien", 49, 54}, {"che", 55, 60}}},
		{ExactName, s2, []tok{{"thực", 0, 6}, {"hiện", 7, 13}, {"kết", 14, 19}, {"luận", 20, 26}, {"số", 27, 31}, {"74", 32, 34}, {"kl", 35, 37}, {"tw", 38, 40}}},
		{FoldedName, "Ban Tổ chức Tỉnh ủy và các đơn vị", []tok{{"ban", 0, 3}, {"to", 4, 8}, {"chuc", 9, 15}, {"tinh", 16, 22}, {"uy", 23, 27}, {"va", 28, 31}, {"cac", 32, 36}, {"don", 37, 42}, {"vi", 43, 47}}},
		// No English stop words, no stemming.
		{ExactName, "the plans are", []tok{{"the", 0, 3}, {"plans", 4, 9}, {"are", 10, 13}}},
		{KeywordFoldName, "KẾ HOẠCH", []tok{{"ke hoach", 0, 12}}},
		{KeywordFoldName, "B.II.2.1/¶2", []tok{{"b.ii.2.1/¶2", 0, 12}}},
		{NumberName, "74/KL-TW", []tok{{"74-kl", 0, 8}}},
		{NumberName, "Kết luận", []tok{}},
	} {
		a, err := registry.NewCache().AnalyzerNamed(tc.analyzer)
		if err != nil {
			t.Fatal(err)
		}
		got := analyze(a, tc.in)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s(%q)\n got %v\nwant %v", tc.analyzer, tc.in, got, tc.want)
		}
		for _, g := range got {
			if g.Start < 0 || g.End > len(tc.in) || g.Start >= g.End {
				t.Errorf("%s(%q): bad offsets %v", tc.analyzer, tc.in, g)
			}
		}
	}
}

// TestFoldedOffsetsPointAtOriginal: the slice of the input under each folded
// token is the accented word it came from.
func TestFoldedOffsetsPointAtOriginal(t *testing.T) {
	in := "Giao cho Ban Tổ chức Tỉnh ủy chủ trì phối hợp với Sở Nội vụ tinh giản biên chế"
	want := []string{"Giao", "cho", "Ban", "Tổ", "chức", "Tỉnh", "ủy", "chủ", "trì", "phối", "hợp", "với", "Sở", "Nội", "vụ", "tinh", "giản", "biên", "chế"}
	var got []string
	for _, tk := range Folded().Analyze([]byte(in)) {
		got = append(got, in[tk.Start:tk.End])
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("originals under folded tokens: %q", got)
	}
}

func TestFold(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Bộ Chính trị", "Bo Chinh tri"},
		{"ĐẢNG CỘNG SẢN VIỆT NAM", "DANG CONG SAN VIET NAM"},
		{"QĐ-UBND", "QD-UBND"},
		{"plain", "plain"},
	} {
		if got := Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if !HasMarks("biên") || HasMarks("bien") || !HasMarks("đi") {
		t.Error("HasMarks")
	}
}

func TestBigramFilter(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		want []string
	}{
		{[]string{"tuyen", "dung", "cong", "chuc"}, []string{"tuyen_dung", "dung_cong", "cong_chuc"}},
		{[]string{"bien", "che"}, []string{"bien_che"}},
		{[]string{"chuc"}, []string{}},
		{[]string{}, []string{}},
	} {
		got := terms(BigramFilter{}.Filter(tokens(tc.in...)))
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("bigram(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// Offsets span both tokens; positions count the bigrams.
	out := BigramFilter{}.Filter(tokens("tinh", "gian", "bien"))
	if len(out) != 2 || out[0].Start != 0 || out[0].End != 14 || out[1].Start != 10 || out[1].End != 24 || out[0].Position != 1 || out[1].Position != 2 {
		t.Errorf("bigram offsets/positions: %v", out)
	}
}

func TestBigramAnalyzer(t *testing.T) {
	a, err := registry.NewCache().AnalyzerNamed(BigramFoldName)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"Tuyển dụng công chức", []string{"tuyen_dung", "dung_cong", "cong_chuc"}},
		// Punctuation is no boundary: the unicode tokenizer drops it, as the phrase queries do.
		{"đào tạo, bồi dưỡng công chức", []string{"dao_tao", "tao_boi", "boi_duong", "duong_cong", "cong_chuc"}},
		{"Đảng", []string{}},
		{"giảm 10% biên chế", []string{"giam_10", "10_bien", "bien_che"}},
	} {
		got := Terms(a, tc.in)
		if !reflect.DeepEqual(got, tc.want) && !(len(got) == 0 && len(tc.want) == 0) {
			t.Errorf("%s(%q) = %q, want %q", BigramFoldName, tc.in, got, tc.want)
		}
		if got2 := Terms(BigramFolded(), tc.in); !reflect.DeepEqual(got, got2) {
			t.Errorf("registered and built analyzers differ on %q: %q, %q", tc.in, got, got2)
		}
	}
	// Offsets: the slice of the text under a bigram is the two accented words.
	in := "Tuyển dụng công chức"
	var got []string
	for _, tk := range a.Analyze([]byte(in)) {
		got = append(got, in[tk.Start:tk.End])
	}
	if want := []string{"Tuyển dụng", "dụng công", "công chức"}; !reflect.DeepEqual(got, want) {
		t.Errorf("originals under bigrams: %q", got)
	}
}
