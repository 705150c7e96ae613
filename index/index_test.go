package index

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// fixture documents: sentences from the corpus (kh-tu-2020-thuc-hien-kl74-tw.txt
// and others), one typed without diacritics as clerks sometimes do.
var fixture = []struct {
	doc     Document
	clauses []Clause
}{
	{Document{ID: 1, Kind: "Kết luận", Number: "74-KL/TW", Date: "2020-05-22", Issuer: "Bộ Chính trị",
		Title:   "Kết luận về kết quả 02 năm thực hiện Nghị quyết số 18-NQ/TW và số 19-NQ/TW",
		Subject: "về kết quả 02 năm thực hiện Nghị quyết số 18-NQ/TW và số 19-NQ/TW", File: "kl74.pdf", Format: "pdf"},
		[]Clause{
			{Seq: 1, Address: "1", HeadingPath: "Đánh giá kết quả", Heading: "Đánh giá kết quả", Text: "Tổ chức bộ máy của hệ thống chính trị các cấp từng bước được kiện toàn, sắp xếp lại theo hướng tinh gọn.", Page: 1},
			{Seq: 2, Address: "2", HeadingPath: "Nhiệm vụ", Heading: "Nhiệm vụ", Text: "Tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động hiệu lực, hiệu quả.", Page: 2},
		}},
	{Document{ID: 2, Kind: "Kế hoạch", Number: "185-KH/TU", Date: "2020-08-10", Issuer: "Tỉnh ủy Tuyên Quang",
		Title: "Kế hoạch thực hiện Kết luận số 74-KL/TW của Bộ Chính trị", File: "kh-tu-2020-thuc-hien-kl74-tw.txt", Format: "txt"},
		[]Clause{
			{Seq: 1, Address: "A", HeadingPath: "KHÁI QUÁT TÌNH HÌNH", Text: "Thực hiện Nghị quyết số 18, 19-NQ/TW của Ban Chấp hành Trung ương Đảng khóa XII và Nghị quyết số 39-NQ/TW của Bộ Chính trị khóa XI về đổi mới tổ chức bộ máy, tinh giản biên chế gắn với cơ cấu lại đội ngũ cán bộ, công chức, viên chức; Ban Thường vụ Tỉnh ủy đã tập trung lãnh đạo, chỉ đạo thực hiện đạt được nhiều kết quả quan trọng.", Page: 1},
			{Seq: 2, Address: "B.II", HeadingPath: "NHIỆM VỤ VÀ GIẢI PHÁP › Về thực hiện Nghị quyết số 39-NQ/TW", Heading: "Về thực hiện Nghị quyết số 39-NQ/TW", Text: "Việc tinh giản biên chế cơ bản thực hiện theo đúng lộ trình, kế hoạch đề ra.", Page: 3},
			{Seq: 3, Address: "B.II.1", HeadingPath: "NHIỆM VỤ VÀ GIẢI PHÁP › Về thực hiện Nghị quyết số 39-NQ/TW", Text: "Giao cho Ban Tổ chức Tỉnh ủy chủ trì phối hợp với Sở Nội vụ tham mưu; đến cuối năm 2021 giảm tối thiểu 10% biên chế của tỉnh so với năm 2015.", Page: 3},
			{Seq: 4, Address: "B.III", HeadingPath: "NHIỆM VỤ VÀ GIẢI PHÁP › Chế độ báo cáo", Heading: "Chế độ báo cáo", Text: "Các cơ quan, đơn vị định kỳ 6 tháng, năm báo cáo kết quả thực hiện về Ban Thường vụ Tỉnh ủy.", Page: 4},
		}},
	{Document{ID: 3, Kind: "Chỉ thị", Number: "05/CT-UBND", Date: "2019-03-01", Issuer: "Ủy ban nhân dân tỉnh",
		Title: "Chỉ thị về đẩy mạnh chuyển đổi số", Format: "docx"},
		[]Clause{
			{Seq: 1, Address: "1", Text: "Thuc hien tinh gian bien che theo dung lo trinh, ke hoach de ra.", Page: 1}, // typed without marks
			{Seq: 2, Address: "2", Text: "Các sở, ban, ngành đẩy mạnh chuyển đổi số trong hoạt động của cơ quan nhà nước.", Page: 1},
			{Seq: 3, Address: "3", Text: "Sở Thông tin và Truyền thông chủ trì, phối hợp với các đơn vị triển khai nền tảng số.", Page: 2},
		}},
	{Document{ID: 4, Kind: "Quyết định", Number: "09/2010/QĐ-UBND", Date: "2010-04-15", Issuer: "Ủy ban nhân dân tỉnh",
		Title: "Quyết định ban hành Quy chế làm việc", Format: "pdf"},
		[]Clause{
			{Seq: 1, Address: "Điều 1", Text: "Ban hành kèm theo Quyết định này Quy chế làm việc của Ủy ban nhân dân tỉnh.", Page: 1},
			{Seq: 2, Address: "Điều 2", Text: "Quyết định có hiệu lực kể từ ngày ký.", Page: 1},
		}},
}

func openFixture(t testing.TB) *Index {
	t.Helper()
	ix, err := Open(filepath.Join(t.TempDir(), "index"), time.Second, false)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	b := ix.NewBatch()
	for _, f := range fixture {
		cs := slices.Clone(f.clauses)
		for i := range cs {
			cs[i].DocumentID = f.doc.ID
		}
		if err := b.PutDocument(f.doc, cs); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.Apply(b); err != nil {
		t.Fatal(err)
	}
	return ix
}

func run(t *testing.T, ix *Index, q Query) Result {
	t.Helper()
	r, err := ix.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("search %q: %v", q.Text, err)
	}
	return r
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

func keys(r Result) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.keyString())
	}
	return out
}

// TestSearchFinds: which clauses (c<doc>:<address>) and documents (d<doc>)
// each query finds, in rank order where order matters.
func TestSearchFinds(t *testing.T) {
	ix := openFixture(t)
	for _, tc := range []struct {
		name, q string
		want    []string // exactly these, in this order
		set     []string // exactly these, in any order (ties)
		first   string   // or: this one first
		has     []string // and these among the hits
		hasNot  []string
	}{
		{name: "folded query finds accented text", q: "tinh gian bien che",
			has: []string{"c2:A", "c2:B.II", "c3:1"}, hasNot: []string{"c2:B.II.1"}},
		{name: "accented query ranks exact above folded-only", q: "tinh giản biên chế",
			first: "c2:B.II", has: []string{"c3:1"}},
		{name: "exact before folded, whatever the length", q: "biên chế",
			has: []string{"c2:A", "c2:B.II", "c2:B.II.1", "c3:1"}},
		{name: "unaccented query prefers unaccented text", q: "tinh gian bien che theo dung lo trinh",
			first: "c3:1", has: []string{"c2:B.II"}},
		{name: "phrase", q: `"tổ chức bộ máy"`,
			set: []string{"c1:1", "c1:2", "c2:A"}},
		{name: "phrase without marks also folded", q: `"to chuc bo may"`,
			has: []string{"c1:1", "c1:2", "c2:A"}},
		{name: "phrase with marks: exact only", q: `"tố chức bộ máy"`, want: nil},
		{name: "minus word", q: "biên chế -lộ", has: []string{"c2:A", "c2:B.II.1"}, hasNot: []string{"c2:B.II"}},
		// An accented word is excluded as written: "lo" without marks stays.
		{name: "minus accented word is narrow", q: "biên chế -lộ", has: []string{"c3:1"}},
		{name: "minus bare word is folded", q: "biên chế -lo", hasNot: []string{"c2:B.II", "c3:1"}, has: []string{"c2:A"}},
		{name: "minus phrase", q: `tinh giản -"đổi mới"`, has: []string{"c2:B.II"}, hasNot: []string{"c2:A"}},
		{name: "OR", q: "chuyển OR Nội", has: []string{"c3:2", "c2:B.II.1", "d3"}, hasNot: []string{"c1:1"}},
		{name: "OR binds tighter than AND", q: "sở chuyển OR Nội", has: []string{"c3:2", "c2:B.II.1"}, hasNot: []string{"c3:3"}},
		{name: "parentheses", q: "(Sở Nội) OR (nền tảng)", has: []string{"c2:B.II.1", "c3:3"}, hasNot: []string{"c3:2"}},
		{name: "kind field, any case and marks", q: `loai:"ke hoach" biên chế`, has: []string{"c2:A", "c2:B.II"}, hasNot: []string{"c3:1"}},
		{name: "kind field accented", q: `loại:"KẾ HOẠCH" biên chế`, has: []string{"c2:A"}, hasNot: []string{"c3:1"}},
		{name: "year field", q: "nam:2019 tinh gian", want: []string{"c3:1"}},
		{name: "year range", q: "nam:2019-2020 hiệu lực", has: []string{"c1:2"}, hasNot: []string{"c4:Điều 2"}},
		{name: "issuer field as words", q: `coquan:"bo chinh tri" tinh gọn`, set: []string{"c1:1", "c1:2"}},
		{name: "issuer field accented", q: `coquan:"Bộ Chính trị"`, has: []string{"d1", "c1:1"}, hasNot: []string{"d2"}},
		{name: "address prefix", q: "dieu:B.II", want: nil, has: []string{"c2:B.II", "c2:B.II.1"}, hasNot: []string{"c2:B.III"}},
		{name: "article address", q: "dieu:2 hiệu lực", has: []string{"c4:Điều 2", "c1:2"}},
		{name: "article address in full", q: `dieu:"Điều 2"`, want: []string{"c4:Điều 2"}},
		{name: "unknown field is words", q: "lộ:trình", has: []string{"c2:B.II"}},
		{name: "title search gives the document first", q: "chuyển đổi số", first: "d3", has: []string{"c3:2"}},
		{name: "heading path", q: "giải pháp lộ trình", want: []string{"c2:B.II"}},
		{name: "typo on a long word (one edit)", q: "chuyenn doi so", has: []string{"c3:2"}},
		{name: "typo: accented neighbour", q: "bieen chế", has: []string{"c2:B.II", "c2:A"}},
		{name: "no typo tolerance under 5 letters", q: "bien chee", want: nil},
		{name: "mixed marks", q: "tinh gian bien chế", has: []string{"c2:A", "c2:B.II"}},
		{name: "last word being typed", q: "phối hợp với sở nộ", want: []string{"c2:B.II.1"}},
		{name: "last word typed to its end", q: "phối hợp với sở nộ ", want: nil},
		{name: "only a negation", q: "-biên", want: nil},
		{name: "blank", q: "   \t", want: nil},
		{name: "punctuation only", q: "… ; ,", want: nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, ix, Query{Text: tc.q, Size: 50})
			got := keys(r)
			if tc.set != nil {
				if !slices.Equal(sorted(got), sorted(tc.set)) {
					t.Errorf("%q: got %q, want %q in any order", tc.q, got, tc.set)
				}
			} else if tc.want != nil || (tc.first == "" && tc.has == nil) {
				if !slices.Equal(got, tc.want) {
					t.Errorf("%q: got %q, want %q", tc.q, got, tc.want)
				}
			}
			if tc.first != "" && (len(got) == 0 || got[0] != tc.first) {
				t.Errorf("%q: got %q, want %s first", tc.q, got, tc.first)
			}
			for _, h := range tc.has {
				if !slices.Contains(got, h) {
					t.Errorf("%q: got %q, missing %s", tc.q, got, h)
				}
			}
			for _, h := range tc.hasNot {
				if slices.Contains(got, h) {
					t.Errorf("%q: got %q, should not have %s", tc.q, got, h)
				}
			}
			if int(r.Total) < len(r.Hits) {
				t.Errorf("total %d < %d hits", r.Total, len(r.Hits))
			}
		})
	}
}

// TestExactAboveFolded: the same sentence typed with and without marks; an
// accented query ranks the accented clause first, and a typo match ranks
// below both.
func TestExactAboveFolded(t *testing.T) {
	ix := openFixture(t)
	b := ix.NewBatch()
	b.PutDocument(Document{ID: 9, Title: "Thử"}, []Clause{
		{DocumentID: 9, Seq: 1, Address: "x", Text: "Thực hiện tinh giản biên chế theo lộ trình."},
		{DocumentID: 9, Seq: 2, Address: "y", Text: "Thuc hien tinh gian bien che theo lo trinh."},
		{DocumentID: 9, Seq: 3, Address: "z", Text: "Thực hiện tinh giản biêên chế theo lộ trình."}, // a typo in the text
	})
	if err := ix.Apply(b); err != nil {
		t.Fatal(err)
	}
	r := run(t, ix, Query{Text: "thực hiện biên chế", Size: 50})
	pos := map[string]int{}
	for i, k := range keys(r) {
		pos[k] = i
	}
	x, okx := pos["c9:x"]
	y, oky := pos["c9:y"]
	if !okx || !oky || x > y {
		t.Fatalf("accented clause should rank above the unaccented one: %q", keys(r))
	}
	r = run(t, ix, Query{Text: "thực hiện biênn chế", Size: 50}) // typo in the query: biênn → biên (fold "bienn", 5 letters)
	got := keys(r)
	if !slices.Contains(got, "c9:x") {
		t.Errorf("typo query: %q", got)
	}
}

// TestHighlights: highlights come from term locations of the exact or folded
// field and land on the accented words of the stored text.
func TestHighlights(t *testing.T) {
	ix := openFixture(t)
	for _, tc := range []struct {
		q, hit string
		want   []string
	}{
		{"tinh gian", "c2:B.II", []string{"tinh giản"}},
		{"biên chế", "c2:B.II", []string{"biên chế"}},
		{"tinh gian bien che", "c2:A", []string{"tinh giản biên chế", "Tỉnh"}}, // "tinh" also folds "Tỉnh"
		{"so noi vu tham muu", "c2:B.II.1", []string{"Sở Nội vụ tham mưu", "so"}},
		{"nội vụ biên chế", "c2:B.II.1", []string{"Nội vụ", "biên chế"}},
		{`"đổi mới" chính trị`, "c1:2", []string{"đổi mới", "chính trị"}},
		{"chuyenn", "c3:2", []string{"chuyển"}},
		{"chuyển đổi số", "d3", []string{"chuyển đổi số"}},
	} {
		r := run(t, ix, Query{Text: tc.q, Size: 50})
		var h *Hit
		for i := range r.Hits {
			if r.Hits[i].keyString() == tc.hit {
				h = &r.Hits[i]
			}
		}
		if h == nil {
			t.Errorf("%q: no hit %s in %q", tc.q, tc.hit, keys(r))
			continue
		}
		var got []string
		for _, f := range h.Fragments {
			for _, hl := range f.Highlights {
				got = append(got, f.Text[hl[0]:hl[1]])
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q on %s: highlighted %q, want %q (fragments %+v)", tc.q, tc.hit, got, tc.want, h.Fragments)
		}
	}
}

// TestNumberVariants: every way clerks write a number finds the document.
func TestNumberVariants(t *testing.T) {
	ix := openFixture(t)
	for _, q := range []string{"74-KL/TW", "74/KL-TW", "kl 74", "74 KL TW", "KL74", "so:74-KL/TW", "số:74/KL-TW", "kết luận 74", "Kết luận số 74-KL/TW"} {
		r := run(t, ix, Query{Text: q, GroupByDocument: true})
		if len(r.Hits) == 0 || r.Hits[0].DocumentID != 1 || !r.Hits[0].IsDocument {
			t.Errorf("%q: got %q, want d1 first", q, keys(r))
		}
	}
	for _, q := range []string{"09/2010/QĐ-UBND", "so:09/2010/QD-UBND"} {
		r := run(t, ix, Query{Text: q, GroupByDocument: true})
		if len(r.Hits) == 0 || r.Hits[0].DocumentID != 4 {
			t.Errorf("%q: got %q, want document 4 first", q, keys(r))
		}
	}
	// A number with words: the document's clauses with those words.
	r := run(t, ix, Query{Text: "so:74-KL/TW tinh gọn"})
	if got := sorted(keys(r)); !slices.Equal(got, []string{"c1:1", "c1:2"}) {
		t.Errorf("so: with words: %q", got)
	}
}

func TestHitFields(t *testing.T) {
	ix := openFixture(t)
	r := run(t, ix, Query{Text: "Sở Nội vụ"})
	if len(r.Hits) == 0 {
		t.Fatal("no hits")
	}
	h := r.Hits[0]
	want := Hit{DocumentID: 2, Address: "B.II.1", Title: "Kế hoạch thực hiện Kết luận số 74-KL/TW của Bộ Chính trị", Number: "185-KH/TU", Kind: "Kế hoạch", Date: "2020-08-10", Issuer: "Tỉnh ủy Tuyên Quang", Page: 3}
	h.Score, h.Fragments = 0, nil
	if !reflect.DeepEqual(h, want) {
		t.Errorf("hit\n got %+v\nwant %+v", h, want)
	}
}

func TestFacetsAndGrouping(t *testing.T) {
	ix := openFixture(t)
	r := run(t, ix, Query{Text: "tinh gian bien che", Facets: true, Size: 50})
	if r.Total != 4 { // c2:A, c2:B.II, c3:1 and... the title? no: count hits
		t.Logf("hits %q", keys(r))
	}
	kinds := map[string]int{}
	for _, f := range r.Facets["kind"] {
		kinds[f.Value] = f.Count
	}
	if kinds["Kế hoạch"] != 2 || kinds["Chỉ thị"] != 1 || len(kinds) != 2 {
		t.Errorf("kind facet (clauses): %v; hits %q", r.Facets["kind"], keys(r))
	}
	if y := r.Facets["year"]; len(y) != 2 || y[0] != (FacetCount{"2020", 2}) || y[1] != (FacetCount{"2019", 1}) {
		t.Errorf("year facet: %v", y)
	}

	g := run(t, ix, Query{Text: "tinh gian bien che", Facets: true, GroupByDocument: true})
	if g.Total != 2 || len(g.Hits) != 2 {
		t.Errorf("grouped: total %d, hits %q", g.Total, keys(g))
	}
	seen := map[int64]bool{}
	for _, h := range g.Hits {
		if seen[h.DocumentID] {
			t.Errorf("document %d twice: %q", h.DocumentID, keys(g))
		}
		seen[h.DocumentID] = true
	}
	kinds = map[string]int{}
	for _, f := range g.Facets["kind"] {
		kinds[f.Value] = f.Count
	}
	if kinds["Kế hoạch"] != 1 || kinds["Chỉ thị"] != 1 {
		t.Errorf("kind facet (documents): %v", g.Facets["kind"])
	}

	// Facet filters: OR within a facet, AND across.
	for _, tc := range []struct {
		q    Query
		docs []int64
	}{
		{Query{Text: "tinh gian", Kinds: []string{"Chỉ thị"}}, []int64{3}},
		{Query{Text: "tinh gian", Kinds: []string{"Chỉ thị", "Kế hoạch"}}, []int64{2, 3}},
		{Query{Text: "tinh gian", Kinds: []string{"Chỉ thị", "Kế hoạch"}, Years: []string{"2020"}}, []int64{2}},
		{Query{Text: "tinh", Issuers: []string{"Bộ Chính trị"}}, []int64{1}},
	} {
		tc.q.GroupByDocument = true
		r := run(t, ix, tc.q)
		var got []int64
		for _, h := range r.Hits {
			got = append(got, h.DocumentID)
		}
		slices.Sort(got)
		if !slices.Equal(got, tc.docs) {
			t.Errorf("%+v: documents %v, want %v", tc.q, got, tc.docs)
		}
	}

	// Paging over groups.
	all := run(t, ix, Query{Text: "thực hiện", GroupByDocument: true})
	p2 := run(t, ix, Query{Text: "thực hiện", GroupByDocument: true, From: 1, Size: 1})
	if len(all.Hits) < 2 || len(p2.Hits) != 1 || p2.Hits[0].DocumentID != all.Hits[1].DocumentID || p2.Total != all.Total {
		t.Errorf("paging: all %q, page 2 %q", keys(all), keys(p2))
	}
}

func TestSortByDate(t *testing.T) {
	ix := openFixture(t)
	for _, tc := range []struct {
		sort string
		want []int64
	}{
		{"date", []int64{2, 1, 3, 4}},
		{"date_asc", []int64{4, 3, 1, 2}},
	} {
		r := run(t, ix, Query{Text: "của", Sort: tc.sort, GroupByDocument: true})
		var got []int64
		for _, h := range r.Hits {
			got = append(got, h.DocumentID)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("sort %s: %v, want %v", tc.sort, got, tc.want)
		}
	}
	r := run(t, ix, Query{Text: "tinh gian", Sort: "date", Size: 50})
	for i := 1; i < len(r.Hits); i++ {
		if r.Hits[i].Date > r.Hits[i-1].Date {
			t.Errorf("clauses not newest first: %q", keys(r))
		}
	}
}

func TestPutDeleteCounts(t *testing.T) {
	ix := openFixture(t)
	ids, err := ix.DocumentIDs()
	if err != nil || len(ids) != 4 || !ids[1] || !ids[4] {
		t.Fatalf("ids %v %v", ids, err)
	}
	if n, err := ix.ClauseCount(2); err != nil || n != 4 {
		t.Fatalf("clause count of 2: %d %v", n, err)
	}
	// A new version of document 2 with fewer clauses: the old extra ones go.
	b := ix.NewBatch()
	if err := b.PutDocument(fixture[1].doc, []Clause{{DocumentID: 2, Seq: 1, Address: "A", Text: "Nội dung mới về chuyển đổi số"}}); err != nil {
		t.Fatal(err)
	}
	if err := ix.Apply(b); err != nil {
		t.Fatal(err)
	}
	if n, _ := ix.ClauseCount(2); n != 1 {
		t.Errorf("after replace: %d clauses", n)
	}
	if r := run(t, ix, Query{Text: "Sở Nội vụ"}); len(r.Hits) != 0 {
		t.Errorf("old clause still found: %q", keys(r))
	}
	// Delete with the seqs given, and without.
	b = ix.NewBatch()
	b.DeleteDocument(1, []int{1, 2})
	b.DeleteDocument(3, nil)
	if b.Size() < 3 {
		t.Errorf("batch size %d", b.Size())
	}
	if err := ix.Apply(b); err != nil {
		t.Fatal(err)
	}
	ids, _ = ix.DocumentIDs()
	if len(ids) != 2 || !ids[2] || !ids[4] {
		t.Errorf("after delete: %v", ids)
	}
	for _, id := range []int64{1, 3} {
		if n, _ := ix.ClauseCount(id); n != 0 {
			t.Errorf("document %d: %d clauses left", id, n)
		}
	}
}

// TestLockedByAnother: a second open of the same index fails within the
// timeout instead of hanging.
func TestLockedByAnother(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ix, err := Open(dir, time.Second, false)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	start := time.Now()
	_, err = Open(dir, 500*time.Millisecond, false)
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second open: %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("second open took %s", d)
	}
}

func TestReopenKeepsAnalyzers(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ix, err := Open(dir, time.Second, false)
	if err != nil {
		t.Fatal(err)
	}
	b := ix.NewBatch()
	b.PutDocument(fixture[1].doc, []Clause{{DocumentID: 2, Seq: 1, Text: "tinh giản biên chế"}})
	if err := ix.Apply(b); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	ix, err = Open(dir, time.Second, true)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if r := run(t, ix, Query{Text: "TINH GIAN"}); len(r.Hits) != 1 || !strings.Contains(r.Hits[0].Fragments[0].Text, "tinh giản") {
		t.Errorf("after reopen: %+v", r.Hits)
	}
}

func TestCompact(t *testing.T) {
	ix := openFixture(t)
	b := ix.NewBatch()
	b.PutDocument(Document{ID: 7, Title: "Thông báo"}, []Clause{{DocumentID: 7, Seq: 1, Text: "tinh giản biên chế"}})
	if err := ix.Apply(b); err != nil {
		t.Fatal(err)
	}
	if err := ix.Compact(context.Background()); err != nil {
		t.Fatal(err)
	}
	if r := run(t, ix, Query{Text: "tinh gian bien che", GroupByDocument: true}); r.Total != 3 {
		t.Errorf("after compact: %d documents, %q", r.Total, keys(r))
	}
}

// TestHeadingClause: a clause that is a heading is found by its heading's
// words before the clauses under it, which match the same words through
// their heading path.
func TestHeadingClause(t *testing.T) {
	ix := openFixture(t)
	const h = "Luân chuyển công chức lãnh đạo, quản lý"
	b := ix.NewBatch()
	b.PutDocument(Document{ID: 8, Title: "Nghị định về tuyển dụng, sử dụng và quản lý công chức"}, []Clause{
		{DocumentID: 8, Seq: 1, Address: "Chương III.Mục 5", HeadingPath: "Chương III › " + h, Heading: h},
		{DocumentID: 8, Seq: 2, Address: "Điều 44.1", HeadingPath: "Chương III › " + h + " › Điều 44", Text: "Việc luân chuyển công chức giữ chức vụ lãnh đạo, quản lý được thực hiện theo quy định của cấp có thẩm quyền."},
	})
	if err := ix.Apply(b); err != nil {
		t.Fatal(err)
	}
	r := run(t, ix, Query{Text: "luan chuyen cong chuc lanh dao quan ly"})
	if got := keys(r); len(got) < 2 || got[0] != "c8:Chương III.Mục 5" {
		t.Errorf("got %q, want the heading first", got)
	}
	if len(r.Hits) > 0 && (r.Hits[0].Heading != h || len(r.Hits[0].Fragments) != 1 || r.Hits[0].Fragments[0].Text != h) {
		t.Errorf("heading hit: %+v", r.Hits[0])
	}
}

// keyString helps tests name hits: "d12" or "c12:B.II.1".
func (h Hit) keyString() string {
	if h.IsDocument {
		return "d" + strconv.FormatInt(h.DocumentID, 10)
	}
	return "c" + strconv.FormatInt(h.DocumentID, 10) + ":" + strings.TrimSpace(h.Address)
}
