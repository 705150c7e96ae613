package index

import (
	"context"
	"sort"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// Query is one search as the UI asks it. Text is in this language:
//
//	tinh giản biên chế      words: every word must match (AND)
//	"biên chế"              a phrase
//	-word  -"a phrase"      must not match
//	a OR b                  either; OR binds tighter than the implicit AND
//	(a b) OR c              parentheses group
//	so:74-KL/TW             document number (any spelling: 74/KL-TW, KL74, "kl 74")
//	loai:"kế hoạch"         kind, case and diacritics ignored
//	nam:2020  nam:2019-2021 year of issue
//	coquan:"Bộ Chính trị"   issuing body, as words
//	dieu:B.II               clause address and everything under it
//
// With a field name the language does not know ("ghi:chú"), the name and
// the value are plain words. Field names may be written with diacritics (số:, loại:, năm:, điều:).
//
// A word typed without diacritics also finds accented text; a word with
// them finds its exact spelling first, then the same letters with other
// marks. A word of 5 letters or more also finds words one edit away, ranked
// last; the last word, while not followed by a space, also finds the most
// frequent words it begins.
type Query struct {
	Text                  string   // the user's query string
	Kinds, Years, Issuers []string // facet filters: AND across facets, OR within one
	Sort                  string   // "" relevance, "date" newest first, "date_asc" oldest first
	From, Size            int      // paging; Size 0 means 20
	GroupByDocument       bool     // at most one hit (the best) per document; Total counts documents
	Facets                bool     // compute facet counts
}

// Fragment is a piece of a hit's text with the matched words marked.
type Fragment struct {
	Text       string
	Highlights [][2]int // byte ranges into Text
}

// Hit is one search result: a clause, or a document matched by its title or
// metadata (IsDocument).
type Hit struct {
	DocumentID                        int64
	Address, Heading                  string
	Title, Number, Kind, Date, Issuer string
	Page                              int
	Score                             float64
	Fragments                         []Fragment
	IsDocument                        bool
}

// FacetCount is one value of a facet and how many hits (documents when
// grouped) have it.
type FacetCount struct {
	Value string
	Count int
}

// Result is the answer to a Query.
type Result struct {
	Total  uint64
	Hits   []Hit
	Facets map[string][]FacetCount // "kind", "year", "issuer"
	Took   time.Duration
}

// facetSize is how many values each facet lists.
const facetSize = 50

// completions lists the most frequent folded words of the text that start
// with prefix (the prefix itself excluded), at most maxCompletions.
func (ix *Index) completions(prefix string) []string {
	d, err := ix.b.FieldDictPrefix(fTextF, []byte(prefix))
	if err != nil {
		return nil
	}
	defer d.Close()
	var all []bindex.DictEntry
	for {
		e, err := d.Next()
		if err != nil || e == nil {
			break
		}
		if e.Term != prefix {
			all = append(all, *e)
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Count > all[j].Count })
	out := make([]string, 0, min(len(all), maxCompletions))
	for _, e := range all[:min(len(all), maxCompletions)] {
		out = append(out, e.Term)
	}
	return out
}

// rerankWindow is how many of the best candidates get the adjacency bonus.
const rerankWindow = 300

type pick struct {
	key   string
	score float64
}

// rerank adds to each candidate's score its score on the bonus query (words
// adjacent as typed) and sorts the candidates again, best first.
func (ix *Index) rerank(ctx context.Context, bonus query.Query, picks []pick) error {
	if len(picks) < 2 {
		return nil
	}
	keys := make([]string, len(picks))
	for i, p := range picks {
		keys[i] = p.key
	}
	only := query.NewDocIDQuery(keys)
	only.SetBoost(0) // the conjunction's score is then the bonus alone
	req := bleve.NewSearchRequestOptions(query.NewConjunctionQuery([]query.Query{bonus, only}), len(keys), 0, false)
	r, err := ix.b.SearchInContext(ctx, req)
	if err != nil {
		return err
	}
	if len(r.Hits) == 0 {
		return nil
	}
	extra := make(map[string]float64, len(r.Hits))
	for _, h := range r.Hits {
		extra[h.ID] = h.Score
	}
	for i := range picks {
		picks[i].score += extra[picks[i].key]
	}
	sort.SliceStable(picks, func(i, j int) bool { return picks[i].score > picks[j].score })
	return nil
}

// onePerDocument keeps the first (best) candidate of each document.
func onePerDocument(picks []pick) []pick {
	seen := map[int64]bool{}
	out := picks[:0]
	for _, p := range picks {
		id, _, _, ok := parseKey(p.key)
		if !ok || seen[id] {
			continue
		}
		seen[id] = true
		out = append(out, p)
	}
	return out
}

// storedFields are those a hit reads.
var storedFields = []string{fText, fTitle, fAddress, fHeading, fNumber, fKind, fDate, fIssuer, fPage}

// Search runs a query. An empty or blank query, or one with only negations,
// gives no hits and no error.
//
// It works in two passes: the first scores every match without term
// locations or stored fields (cheap even when a common word matches most of
// the index) and picks the page; the second loads the page's stored fields
// and term locations, for fragments.
func (ix *Index) Search(ctx context.Context, q Query) (Result, error) {
	start := time.Now()
	var res Result
	main, bonus := compileRanked(parseQuery(q.Text), ix.completions)
	if main == nil {
		res.Took = time.Since(start)
		return res, nil
	}
	if q.Sort != "" {
		bonus = nil // ordered by date: no reranking
	}
	size := q.Size
	if size <= 0 {
		size = 20
	}
	from := max(q.From, 0)
	need := from + size
	full := main
	if f := filters(q); f != nil {
		bq := query.NewBooleanQuery([]query.Query{main}, nil, nil)
		bq.AddFilter(f)
		full = bq
	}

	// Pass 1: the best candidates' ids and scores, the total and the facets.
	// Enough candidates are taken for the page after reranking and, when
	// grouping, after keeping one per document.
	window := need
	if bonus != nil {
		window = max(need, rerankWindow)
	}
	if q.GroupByDocument {
		window = max(need*4, rerankWindow)
	}
	var (
		picks []pick
		docs  []string // grouped: matched document ids, for the total and facets
	)
	for first := true; ; first = false {
		req := bleve.NewSearchRequestOptions(full, window, 0, false)
		setSort(req, q.Sort)
		if first && q.GroupByDocument {
			req.AddFacet(fDocID, bleve.NewFacetRequest(fDocID, 1<<30))
		} else if first && q.Facets {
			addFacets(req)
		}
		r, err := ix.b.SearchInContext(ctx, req)
		if err != nil {
			return res, err
		}
		if first {
			res.Total = r.Total
			if q.GroupByDocument {
				docs = []string{}
				if fr := r.Facets[fDocID]; fr != nil && fr.Terms != nil {
					for _, t := range fr.Terms.Terms() {
						docs = append(docs, t.Term)
					}
				}
				res.Total = uint64(len(docs))
			} else if q.Facets {
				res.Facets = facetCounts(r.Facets)
			}
		}
		picks = picks[:0]
		for _, h := range r.Hits {
			picks = append(picks, pick{h.ID, h.Score})
		}
		if bonus != nil {
			if err := ix.rerank(ctx, bonus, picks); err != nil {
				return res, err
			}
		}
		if q.GroupByDocument {
			picks = onePerDocument(picks)
		}
		if len(picks) >= need || uint64(len(r.Hits)) >= r.Total || window >= 1<<20 {
			break
		}
		window *= 4
	}
	if from >= len(picks) {
		picks = nil
	} else {
		picks = picks[from:min(len(picks), need)]
	}
	if q.GroupByDocument && q.Facets && len(docs) > 0 {
		// Count documents: the same facets over the matched documents' own docs.
		keys := make([]string, len(docs))
		for i, d := range docs {
			keys[i] = "d" + d
		}
		req := bleve.NewSearchRequestOptions(query.NewDocIDQuery(keys), 0, 0, false)
		req.Score = "none"
		addFacets(req)
		r, err := ix.b.SearchInContext(ctx, req)
		if err != nil {
			return res, err
		}
		res.Facets = facetCounts(r.Facets)
	}
	if q.Facets && res.Facets == nil {
		res.Facets = map[string][]FacetCount{"kind": {}, "year": {}, "issuer": {}}
	}
	if len(picks) == 0 {
		res.Took = time.Since(start)
		return res, nil
	}

	// Pass 2: stored fields and term locations of the page.
	keys := make([]string, len(picks))
	for i, p := range picks {
		keys[i] = p.key
	}
	req := bleve.NewSearchRequestOptions(query.NewConjunctionQuery([]query.Query{main, query.NewDocIDQuery(keys)}), len(keys), 0, false)
	req.Fields = storedFields
	req.IncludeLocations = true
	r, err := ix.b.SearchInContext(ctx, req)
	if err != nil {
		return res, err
	}
	byKey := make(map[string]*search.DocumentMatch, len(r.Hits))
	for _, h := range r.Hits {
		byKey[h.ID] = h
	}
	for _, p := range picks {
		h := byKey[p.key]
		if h == nil {
			continue // deleted between the passes
		}
		res.Hits = append(res.Hits, makeHit(h, p.score))
	}
	res.Took = time.Since(start)
	return res, nil
}

// filters is the facet filter of q: AND across facets, OR within one.
func filters(q Query) query.Query {
	var and []query.Query
	for _, f := range []struct {
		field  string
		values []string
	}{{fKind, q.Kinds}, {fYear, q.Years}, {fIssuer, q.Issuers}} {
		var or []query.Query
		for _, v := range f.values {
			if v != "" {
				or = append(or, termQ(v, f.field, 1))
			}
		}
		if len(or) > 0 {
			and = append(and, query.NewDisjunctionQuery(or))
		}
	}
	if len(and) == 0 {
		return nil
	}
	return query.NewConjunctionQuery(and)
}

func setSort(req *bleve.SearchRequest, s string) {
	switch s {
	case "date", "date_asc":
		req.SortByCustom(search.SortOrder{
			&search.SortField{Field: fDate, Desc: s == "date", Type: search.SortFieldAsString, Missing: search.SortFieldMissingLast},
			&search.SortScore{Desc: true},
		})
	}
}

func addFacets(req *bleve.SearchRequest) {
	req.AddFacet("kind", bleve.NewFacetRequest(fKind, facetSize))
	req.AddFacet("year", bleve.NewFacetRequest(fYear, facetSize))
	req.AddFacet("issuer", bleve.NewFacetRequest(fIssuer, facetSize))
}

// facetCounts turns bleve's facets into counts, most frequent first (years
// newest first).
func facetCounts(fs search.FacetResults) map[string][]FacetCount {
	out := map[string][]FacetCount{}
	for _, name := range []string{"kind", "year", "issuer"} {
		list := []FacetCount{}
		if fr := fs[name]; fr != nil && fr.Terms != nil {
			for _, t := range fr.Terms.Terms() {
				list = append(list, FacetCount{Value: t.Term, Count: t.Count})
			}
		}
		if name == "year" {
			sort.SliceStable(list, func(i, j int) bool { return list[i].Value > list[j].Value })
		} else {
			sort.SliceStable(list, func(i, j int) bool {
				if list[i].Count != list[j].Count {
					return list[i].Count > list[j].Count
				}
				return list[i].Value < list[j].Value
			})
		}
		out[name] = list
	}
	return out
}

func makeHit(h *search.DocumentMatch, score float64) Hit {
	id, _, isDoc, _ := parseKey(h.ID)
	str := func(f string) string { s, _ := h.Fields[f].(string); return s }
	hit := Hit{
		DocumentID: id,
		Address:    str(fAddress),
		Heading:    str(fHeading),
		Title:      str(fTitle),
		Number:     str(fNumber),
		Kind:       str(fKind),
		Date:       str(fDate),
		Issuer:     str(fIssuer),
		Score:      score,
		IsDocument: isDoc,
	}
	if p, ok := h.Fields[fPage].(float64); ok {
		hit.Page = int(p)
	}
	text := str(fText) // a document doc: its title
	hit.Fragments = fragments(text, spans(h.Locations, text, fText, fTextF), fragmentRunes, maxFragments)
	return hit
}

// spans gathers the byte ranges of matched terms in the given fields (exact
// and folded twins share offsets into the same original text).
func spans(locs search.FieldTermLocationMap, text string, fields ...string) [][2]int {
	var out [][2]int
	for _, f := range fields {
		for _, ls := range locs[f] {
			for _, l := range ls {
				s, e := int(l.Start), int(l.End)
				if s >= 0 && s < e && e <= len(text) {
					out = append(out, [2]int{s, e})
				}
			}
		}
	}
	return out
}
