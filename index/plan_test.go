package index

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

func stageNames(p plan) []string {
	var out []string
	for _, s := range p.stages {
		out = append(out, s.name)
	}
	return out
}

// bigramTerms lists the bigram conditions of a plan's bigrams stage: terms,
// and prefixes with a trailing "*".
func bigramTerms(p plan) []string {
	if len(p.stages) == 0 || p.stages[0].name != "bigrams" {
		return nil
	}
	var qs []query.Query
	switch m := p.stages[0].match.(type) {
	case *query.ConjunctionQuery:
		qs = m.Conjuncts
	default:
		qs = []query.Query{m}
	}
	var out []string
	for _, q := range qs {
		switch q := q.(type) {
		case *query.TermQuery:
			out = append(out, q.Term)
		case *query.PrefixQuery:
			out = append(out, q.Prefix+"*")
		}
	}
	return out
}

func TestCompilePlan(t *testing.T) {
	for _, tc := range []struct {
		q       string
		stages  []string
		bigrams []string
	}{
		{"tuyển dụng công chức ", []string{"bigrams", "words", "typos"}, []string{"tuyen_dung", "dung_cong", "cong_chuc"}},
		{"tuyen dung cong chuc ", []string{"bigrams", "words", "typos"}, []string{"tuyen_dung", "dung_cong", "cong_chuc"}},
		// The last word while typed: its bigram is a prefix; a one-letter one is a word.
		{"tuyển dụng công ch", []string{"bigrams", "words", "typos"}, []string{"tuyen_dung", "dung_cong", "cong_ch*"}},
		{"bien c", []string{"bigrams", "words"}, []string{"bien_c"}},
		// Long words have typo alternatives, in a stage of their own.
		{"chuyenn doi so ", []string{"bigrams", "words", "typos"}, []string{"chuyenn_doi", "doi_so"}},
		{"đào tạo, bồi dưỡng ", []string{"bigrams", "words", "typos"}, []string{"dao_tao", "tao_boi", "boi_duong"}},
		// Only runs of plain words give bigrams.
		{`loai:"kế hoạch" bảo vệ bí mật `, []string{"bigrams", "words"}, []string{"bao_ve", "ve_bi", "bi_mat"}},
		{`"người đứng đầu" trách nhiệm `, []string{"bigrams", "words", "typos"}, []string{"trach_nhiem"}},
		{"bí mật nhà nước -Nghệ ", []string{"bigrams", "words"}, []string{"bi_mat", "mat_nha", "nha_nuoc"}},
		{"chuyen doi so OR du lieu -ngan ", []string{"bigrams", "words", "typos"}, []string{"chuyen_doi"}},
		{"giảm 10% biên chế ", []string{"bigrams", "words"}, []string{"giam_10", "10_bien", "bien_che"}},
		{"phan cap phan cap ", []string{"bigrams", "words"}, []string{"phan_cap", "cap_phan"}},
		{`"tổ chức bộ máy"`, []string{"words"}, nil},
		{"thi tuyển OR xét tuyển ", []string{"words", "typos"}, nil},
		{"biên", []string{"words"}, nil},
		{"kl 74", []string{"words"}, nil},
		{"so:74-KL/TW tinh gọn ", []string{"bigrams", "words"}, []string{"tinh_gon"}},
		{"bien che ", []string{"bigrams", "words"}, []string{"bien_che"}},
		{"-biên", nil, nil},
	} {
		p := compilePlan(parseQuery(tc.q), nil, nil, dayNumber(time.Time{}))
		if got := stageNames(p); !slices.Equal(got, tc.stages) {
			t.Errorf("%q: stages %q, want %q", tc.q, got, tc.stages)
		}
		if got := bigramTerms(p); !slices.Equal(got, tc.bigrams) {
			t.Errorf("%q: bigrams %q, want %q", tc.q, got, tc.bigrams)
		}
	}
}

// addClauses puts a document of the given clause texts into ix.
func addClauses(t *testing.T, ix *Index, id int64, kind string, texts ...string) {
	t.Helper()
	b := ix.NewBatch()
	var cs []Clause
	for i, s := range texts {
		cs = append(cs, Clause{DocumentID: id, Seq: i + 1, Address: fmt.Sprint(i + 1), Text: s})
	}
	if err := b.PutDocument(Document{ID: id, Kind: kind, Title: "Văn bản " + fmt.Sprint(id), Date: "2025-01-02"}, cs); err != nil {
		t.Fatal(err)
	}
	if err := ix.Apply(b); err != nil {
		t.Fatal(err)
	}
}

func searchStage(t *testing.T, ix *Index, q Query) (Result, string) {
	t.Helper()
	r, st, err := ix.search(context.Background(), q, compilePlan(parseQuery(q.Text), ix.completions, ix.docFreq, dayNumber(q.Today)))
	if err != nil {
		t.Fatal(err)
	}
	return r, st
}

// TestStages: a query of adjacent words answers with the clauses where they
// stand together when there are a page of them, else with every clause that
// has the words; typo alternatives only when even that finds too few.
func TestStages(t *testing.T) {
	ix := openFixture(t)
	var together, apart []string
	for i := range 25 {
		together = append(together, fmt.Sprintf("Kế hoạch %d về tuyển dụng công chức cấp xã.", i))
	}
	for i := range 5 {
		apart = append(apart, fmt.Sprintf("Công chức được tuyển qua thi, không qua dụng cụ %d.", i))
	}
	addClauses(t, ix, 10, "Kế hoạch", together...)
	addClauses(t, ix, 11, "Công văn", apart...)

	r, st := searchStage(t, ix, Query{Text: "tuyen dung cong chuc", Size: 20, Facets: true})
	if st != "bigrams" || r.Total != 25 || len(r.Hits) != 20 {
		t.Fatalf("stage %s, total %d, %d hits; want bigrams, 25, 20", st, r.Total, len(r.Hits))
	}
	if k := r.Facets["kind"]; len(k) != 1 || k[0] != (FacetCount{"Kế hoạch", 25}) {
		t.Errorf("facets of the bigrams stage: %v", k)
	}
	// Highlights come from the words, wherever they stand.
	if f := r.Hits[0].Fragments; len(f) == 0 || len(f[0].Highlights) != 1 || f[0].Text[f[0].Highlights[0][0]:f[0].Highlights[0][1]] != "tuyển dụng công chức" {
		t.Errorf("highlights: %+v", f)
	}
	// The next page comes from the same stage.
	r, st = searchStage(t, ix, Query{Text: "tuyen dung cong chuc", From: 20, Size: 20})
	if st != "bigrams" || r.Total != 25 || len(r.Hits) != 5 {
		t.Errorf("page 2: stage %s, total %d, %d hits", st, r.Total, len(r.Hits))
	}
	// A larger page than the bigrams find: every clause with the words.
	r, st = searchStage(t, ix, Query{Text: "tuyen dung cong chuc", Size: 30})
	if st != "words" || r.Total != 30 {
		t.Errorf("size 30: stage %s, total %d; want words, 30", st, r.Total)
	}
	for i, h := range r.Hits[:25] {
		if h.DocumentID != 10 {
			t.Errorf("hit %d is %s: the clauses with the words together should come first", i, h.keyString())
		}
	}
	// Grouped: a stage needs a page of documents; the last answers anyway.
	r, st = searchStage(t, ix, Query{Text: "tuyen dung cong chuc", GroupByDocument: true, Facets: true})
	if st != "typos" || r.Total != 2 {
		t.Errorf("grouped: stage %s, total %d", st, r.Total)
	}

	// Typos: only when the words find too few.
	var typo []string
	for i := range 22 {
		typo = append(typo, fmt.Sprintf("Đẩy mạnh chuyển đổi số lần %d.", i))
	}
	addClauses(t, ix, 12, "Chỉ thị", typo...)
	addClauses(t, ix, 13, "Chỉ thị", "Đẩy mạnh chuyểnn đổi số (gõ sai).")
	r, st = searchStage(t, ix, Query{Text: "chuyển", Size: 20})
	if st != "words" || slices.ContainsFunc(r.Hits, func(h Hit) bool { return h.DocumentID == 13 }) {
		t.Errorf("chuyển: stage %s, hits %q: the typo should not be looked for", st, keys(r))
	}
	r, st = searchStage(t, ix, Query{Text: "chuyenn", Size: 20})
	if st != "typos" || r.Total < 20 {
		t.Errorf("chuyenn: stage %s, total %d; want typos, ≥ 20", st, r.Total)
	}
	r, st = searchStage(t, ix, Query{Text: "chuyểnn đổi số", Size: 50})
	if st != "typos" || len(r.Hits) == 0 || r.Hits[0].DocumentID != 13 {
		t.Errorf("chuyểnn đổi số: stage %s, hits %q; want typos, c13 first", st, keys(r))
	}
}

// TestCheapScoring: when a word is too common to score, the words stage
// matches the same clauses, scored by the other words and the bigrams.
func TestCheapScoring(t *testing.T) {
	ix := openFixture(t)
	common := func(field, term string) uint64 {
		if term == "tinh" || term == "bien" {
			return maxScoredPostings + 1
		}
		return ix.docFreq(field, term)
	}
	for _, q := range []string{"tinh gian bien che", "biên chế -lộ", "tinh gian OR noi vu", `loai:"ke hoach" bien che`, "ke hoach bien"} {
		n := parseQuery(q)
		whole := compilePlan(n, ix.completions, ix.docFreq, dayNumber(time.Time{}))
		cheap := compilePlan(n, ix.completions, common, dayNumber(time.Time{}))
		w, c := whole.stages[len(whole.stages)-1], cheap.stages[len(cheap.stages)-1]
		if _, ok := c.match.(*query.BooleanQuery); !ok || c.rerank {
			t.Errorf("%q: words stage %T, rerank %v; want a boolean query, no rerank", q, c.match, c.rerank)
		}
		if !w.rerank {
			t.Errorf("%q: the whole words stage should rerank", q)
		}
		rw, _, err := ix.search(context.Background(), Query{Text: q, Size: 100}, plan{stages: []stage{w}, bonus: whole.bonus})
		if err != nil {
			t.Fatal(err)
		}
		rc, _, err := ix.search(context.Background(), Query{Text: q, Size: 100}, plan{stages: []stage{c}, bonus: cheap.bonus})
		if err != nil {
			t.Fatal(err)
		}
		if rw.Total != rc.Total || !slices.Equal(sorted(keys(rw)), sorted(keys(rc))) {
			t.Errorf("%q: scored %d %q, cheaply %d %q", q, rw.Total, keys(rw), rc.Total, keys(rc))
		}
	}
}

// TestFacetsAsBleve: facets counted from the hits' documents are bleve's
// facets over the same hits.
func TestFacetsAsBleve(t *testing.T) {
	ix := openFixture(t)
	addClauses(t, ix, 10, "Kế hoạch", "tinh giản biên chế năm 2025", "của các cơ quan")
	for _, text := range []string{"tinh gian", "của", "thực hiện", "số", `"tổ chức bộ máy"`, "biên chế -lộ"} {
		p := compilePlan(parseQuery(text), ix.completions, ix.docFreq, dayNumber(time.Time{}))
		s := p.stages[len(p.stages)-1]
		got, _, err := ix.search(context.Background(), Query{Text: text, Facets: true}, plan{stages: []stage{s}})
		if err != nil {
			t.Fatal(err)
		}
		req := bleve.NewSearchRequestOptions(s.match, 0, 0, false)
		req.AddFacet("kind", bleve.NewFacetRequest(fKind, facetSize))
		req.AddFacet("year", bleve.NewFacetRequest(fYear, facetSize))
		req.AddFacet("issuer", bleve.NewFacetRequest(fIssuer, facetSize))
		r, err := ix.b.Search(req)
		if err != nil {
			t.Fatal(err)
		}
		if got.Total != r.Total {
			t.Errorf("%q: total %d, bleve %d", text, got.Total, r.Total)
		}
		for _, name := range []string{"kind", "year", "issuer"} {
			want := map[string]int{}
			for _, tf := range r.Facets[name].Terms.Terms() {
				want[tf.Term] = tf.Count
			}
			have := map[string]int{}
			for _, fc := range got.Facets[name] {
				have[fc.Value] = fc.Count
			}
			if !reflect.DeepEqual(have, want) {
				t.Errorf("%q: %s facet %v, bleve %v", text, name, have, want)
			}
		}
	}
	// After a change, the new document counts.
	addClauses(t, ix, 11, "Tờ trình", "tinh gian bo may")
	r := run(t, ix, Query{Text: "tinh gian", Facets: true})
	found := false
	for _, fc := range r.Facets["kind"] {
		found = found || fc.Value == "Tờ trình"
	}
	if !found {
		t.Errorf("kind facet after a change: %v", r.Facets["kind"])
	}
}

func TestMarker(t *testing.T) {
	const text = "Thực hiện tinh giản biên chế; Tỉnh ủy chỉ đạo, không tinh gọn bộ máy, 74-KL/TW, chuyểnn đổi số"
	for _, tc := range []struct {
		q     string
		fuzzy bool
		want  []string
	}{
		{"tinh gian", false, []string{"tinh", "giản", "Tỉnh", "tinh"}},
		{`"tinh giản" -gọn`, false, []string{"tinh", "giản"}},
		{`"tinh gian"`, false, []string{"tinh", "giản"}},
		{`"tính giản"`, false, nil},
		{"bien -che", false, []string{"biên"}},
		{"74-KL/TW", false, []string{"74", "KL", "TW"}},
		{`loai:"tinh" coquan:bien so:74-KL/TW nam:2020`, false, nil},
		{"nam:chỉ", false, []string{"chỉ"}},
		{"chuyen", false, nil},
		{"chuyen", true, []string{"chuyểnn"}},
		{"(tinh OR máy) đạo", false, []string{"tinh", "Tỉnh", "đạo", "tinh", "máy"}},
	} {
		m := newMarker(parseQuery(tc.q+" "), nil, tc.fuzzy)
		var got []string
		for _, s := range m.spans(text) {
			got = append(got, text[s[0]:s[1]])
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q: marked %q, want %q", tc.q, got, tc.want)
		}
	}
	for _, tc := range []struct {
		a, b string
		ok   bool
	}{
		{"chuyen", "chuyen", true}, {"chuyen", "chuyenn", true}, {"chuyenn", "chuyen", true},
		{"chuyen", "chuyan", true}, {"chuyen", "huyen", true}, {"chuyen", "chuyne", false},
		{"chuyen", "chuyenns", false}, {"bien", "bienn", true}, {"", "a", true}, {"ab", "", false},
	} {
		if got := withinOneEdit(tc.a, tc.b); got != tc.ok {
			t.Errorf("withinOneEdit(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
}
