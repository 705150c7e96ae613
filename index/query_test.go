package index

import (
	"testing"
	"time"
	"unicode/utf8"
)

func TestParseQuery(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", "<nil>"},
		{"   \t\n", "<nil>"},
		{"tinh giản biên chế", "(tinh giản biên chế)"},
		{"biên", "biên"},
		{`"tổ chức bộ máy" tinh gọn`, `("tổ chức bộ máy" tinh gọn)`},
		{`“tổ chức bộ máy”`, `"tổ chức bộ máy"`}, // typographic quotes from Word
		{`"chưa đóng`, `"chưa đóng"`},
		{"biên chế -lộ", "(biên chế -lộ)"},
		{`tinh giản -"đổi mới"`, `(tinh giản -"đổi mới")`},
		{"-biên", "-biên"},
		{"a OR b", "(a OR b)"},
		{"a b OR c d", "(a (b OR c) d)"},
		{"a OR b OR c", "(a OR b OR c)"},
		{"a or b", "(a or b)"}, // lower-case "or" is a word
		{"OR a OR", "a"},
		{"a OR -b", "a"},
		{"(sở nội) OR (nền tảng)", "((sở nội) OR (nền tảng))"},
		{"-(a b) c", "(-(a b) c)"},
		{"((a))", "a"},
		{"a ) b (", "(a b)"},
		{"so:74-KL/TW", `so:"74-KL/TW"`},
		{"số:74/KL-TW kinh phí", `(so:"74/KL-TW" kinh phí)`},
		{`loai:"kế hoạch"`, `loai:"kế hoạch"`},
		{`LOẠI:"kế hoạch" năm:2020`, `(loai:"kế hoạch" nam:"2020")`},
		{`coquan:"Bộ Chính trị"`, `coquan:"Bộ Chính trị"`},
		{"cq:UBND", `coquan:"UBND"`},
		{"dieu:B.II", `dieu:"B.II"`},
		{"-nam:2019", `-nam:"2019"`},
		{"so:", "<nil>"},
		{"ghi:chú", "(ghi chú)"},
		{"trangthai:quahan", `trangthai:"quahan"`},
		{"tt:qua_han biên chế", `(trangthai:"qua_han" biên chế)`},
		{"trạngthái:quá hạn biên chế", `(trangthai:"quá hạn" biên chế)`}, // the words that complete a status
		{"trangthai:chưa triển khai", `trangthai:"chưa triển khai"`},
		{`-trangthai:"hoàn thành" x`, `(-trangthai:"hoàn thành" x)`},
		{"trangthai:quá hạ", `(trangthai:"quá" hạ)`},     // no status: the words stay words
		{"trangthai:hoàn hạn", `(trangthai:"hoàn" hạn)`}, // idem
		{"trangthai:quahan hạn", `(trangthai:"quahan" hạn)`},
		{"tt 74", "((tt 74) OR #74-tt)"}, // without a colon, still a number code
		{"74-KL/TW", "(74-KL/TW OR #74-kl)"},
		{"KL74", "(KL74 OR #74-kl)"},
		{"kl 74", "((kl 74) OR #74-kl)"},
		{"74 KL TW", "((74 KL TW) OR #74-kl)"},
		{"kết luận 74 về biên chế", "(((kết luận 74) OR #74-kl) về biên chế)"},
		{"năm 2020", "(năm 2020)"}, // not a number
		{"-74-KL/TW", "-74-KL/TW"},
		{"+biên chế", "(biên chế)"},
		{"a - b", "(a b)"},
		{"--a", "-a"},
	} {
		if got := parseQuery(tc.in).String(); got != tc.want {
			t.Errorf("parseQuery(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestParseQueryLimits(t *testing.T) {
	deep := ""
	for i := 0; i < 1000; i++ {
		deep += "("
	}
	if got := parseQuery(deep + "a").String(); got != "a" {
		t.Errorf("deep: %s", got)
	}
	long := ""
	for i := 0; i < 500; i++ {
		long += "từ "
	}
	n := parseQuery(long)
	if n == nil || len(n.kids) != maxLeaves {
		t.Errorf("long query: %d words kept", len(n.kids))
	}
}

func TestYearRange(t *testing.T) {
	for _, tc := range []struct {
		in     string
		lo, hi int
		ok     bool
	}{
		{"2020", 2020, 2020, true},
		{"2019-2021", 2019, 2021, true},
		{"2019..2021", 2019, 2021, true},
		{"2021-2019", 0, 0, false},
		{"20", 0, 0, false},
		{"năm", 0, 0, false},
	} {
		lo, hi, ok := yearRange(tc.in)
		if lo != tc.lo || hi != tc.hi || ok != tc.ok {
			t.Errorf("yearRange(%q) = %d %d %v", tc.in, lo, hi, ok)
		}
	}
}

func TestFragments(t *testing.T) {
	long := "Tổ chức bộ máy của hệ thống chính trị các cấp trong tỉnh từng bước được kiện toàn, sắp xếp lại theo hướng tinh gọn, nâng cao chất lượng, hiệu quả hoạt động; chức năng, nhiệm vụ, mối quan hệ công tác của từng tổ chức được điều chỉnh, bổ sung, cơ bản khắc phục sự chồng chéo về chức năng, nhiệm vụ. Hệ thống chính trị của tỉnh tiếp tục giữ vững ổn định, bảo đảm vai trò lãnh đạo của cấp ủy, quản lý của chính quyền và phát huy quyền làm chủ của nhân dân."
	at := func(s string) [2]int {
		i := indexOf(long, s)
		return [2]int{i, i + len(s)}
	}
	frs := fragments(long, [][2]int{at("chồng chéo"), at("nhân dân"), at("Tổ chức")}, 80, 2)
	if len(frs) != 2 {
		t.Fatalf("fragments: %+v", frs)
	}
	for _, f := range frs {
		if n := utf8.RuneCountInString(f.Text); n > 80 {
			t.Errorf("fragment of %d characters: %q", n, f.Text)
		}
		if indexOf(long, f.Text) < 0 {
			t.Errorf("fragment is not a piece of the text: %q", f.Text)
		}
		i := indexOf(long, f.Text)
		if i > 0 && long[i-1] != ' ' || i+len(f.Text) < len(long) && long[i+len(f.Text)] != ' ' && long[i+len(f.Text)] != ',' && long[i+len(f.Text)] != ';' {
			t.Errorf("fragment cuts a word: %q", f.Text)
		}
		for _, h := range f.Highlights {
			w := f.Text[h[0]:h[1]]
			if w != "chồng chéo" && w != "nhân dân" && w != "Tổ chức" {
				t.Errorf("highlight %q", w)
			}
		}
	}
	// Adjacent words join; no match gives the start of the text.
	frs = fragments("tinh giản biên chế", [][2]int{{0, 4}, {5, 11}, {12, 17}}, 200, 2)
	if len(frs) != 1 || len(frs[0].Highlights) != 1 || frs[0].Highlights[0] != [2]int{0, 17} {
		t.Errorf("joined: %+v", frs)
	}
	frs = fragments(long, nil, 50, 2)
	if len(frs) != 1 || frs[0].Highlights != nil || frs[0].Text[:4] != "Tổ" {
		t.Errorf("no match: %+v", frs)
	}
	if frs := fragments("  ", nil, 50, 2); frs != nil {
		t.Errorf("blank: %+v", frs)
	}
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

// FuzzParseQuery: any input parses and compiles without panicking, and an
// empty parse compiles to nothing.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"", "tinh giản biên chế", `"tổ chức`, "a OR (b -c)", "so:74-KL/TW", `loai:"kế`, "((((", "-", "- -", "dieu:", "nam:2019-2021", "kl 74 kl", "\xff\xfe", "OR OR", ":::", "a:b:c", "cq:\"", "74 KL TW QĐ", "trangthai:quá hạn", "tt:chưa triển", "tt:"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := parseQuery(s)
		q := compile(n)
		if n == nil && q != nil {
			t.Errorf("nil parse compiled to %v", q)
		}
		_ = n.String()
		p := compilePlan(n, nil, nil, dayNumber(time.Time{}))
		if q == nil && len(p.stages) > 0 {
			t.Errorf("nil query planned %d stages", len(p.stages))
		}
		newMarker(n, nil, true).spans("Tổ chức bộ máy 74-KL/TW, tinh giản biên chế")
	})
}
