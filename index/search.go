package index

import (
	"context"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
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
//	donvi:"Sở Nội vụ"       a unit the clause assigns work to, as words
//	trangthai:quahan        the clause's tasks (tt: for short): quahan (quá
//	                        hạn: an open task due before Today), chuatrienkhai,
//	                        dangthuchien, hoanthanh, tamdung, khongthuchien,
//	                        conhiemvu (any task); with or without diacritics,
//	                        spaces or underscores ("quá hạn", qua_han)
//
// With a field name the language does not know ("ghi:chú"), the name and
// the value are plain words. Field names may be written with diacritics (số:, loại:, năm:, điều:,
// đơnvị:, trạngthái:). A field alone is a query: trangthai:quahan lists every
// overdue clause. An unknown trangthai: value is a *QueryError.
//
// A word typed without diacritics also finds accented text; a word with
// them finds its exact spelling first, then the same letters with other
// marks. When the query finds fewer than a page of hits, a word of 5 letters
// or more also finds words one edit away, ranked last; the last word, while
// not followed by a space, also finds the most frequent words it begins.
// Words typed side by side answer first with the clauses where they stand
// side by side, when there are a page of those (see Search).
type Query struct {
	Text                  string   // the user's query string
	Kinds, Years, Issuers []string // facet filters: AND across facets, OR within one
	Units                 []string // unit names (the "unit" facet): clauses assigning work to one of them
	Sort                  string   // "" relevance, "date" newest first, "date_asc" oldest first
	From, Size            int      // paging; Size 0 means 20
	GroupByDocument       bool     // at most one hit (the best) per document; Total counts documents
	Facets                bool     // compute facet counts
	// Statuses are task statuses (the "status" facet's values: StatusNotStarted
	// … StatusDropped, StatusOverdue; any spelling trangthai: takes is read
	// too): clauses with a task of one of them, or overdue. An unknown value
	// is a *QueryError.
	Statuses []string
	// Today is the day trangthai:quahan, the StatusOverdue filter and the
	// overdue count of the "status" facet compare due dates with, in its
	// location; zero means time.Now().
	Today time.Time
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

// Result is the answer to a Query. Its Facets are "kind", "year" and
// "issuer" (the documents' values; clauses counted, documents when grouped),
// "unit" and "status" (clauses counted, also when grouped). The status
// facet's values are task statuses, a clause counting under each status of
// its tasks, and StatusOverdue, the clauses with an open task due before
// Query.Today; in StatusFacetOrder (see StatusLabel for their names).
type Result struct {
	Total  uint64
	Hits   []Hit
	Facets map[string][]FacetCount // "kind", "year", "issuer", "unit", "status"
	Took   time.Duration
}

// facetSize is how many values each facet lists.
const facetSize = 50

// minStageHits is the fewest hits with which a stage of a plan answers (see
// Search), when a page is smaller.
const minStageHits = 20

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

// docFreq is the number of docs with term in field, from the dictionary.
func (ix *Index) docFreq(field, term string) uint64 {
	d, err := ix.b.FieldDictRange(field, []byte(term), []byte(term))
	if err != nil {
		return 0
	}
	defer d.Close()
	e, err := d.Next()
	if err != nil || e == nil || e.Term != term {
		return 0
	}
	return e.Count
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
// gives no hits and no error; a mistake the user must fix (an unknown
// trangthai: value or Statuses value) is a *QueryError.
//
// It runs the stages of the query's plan (see compilePlan) in turn, from
// the narrowest, and the first stage that finds a page of hits (Size, at
// least 20; documents when grouping; From does not count, so that every page
// of a query comes from the same stage) answers, with its own Total and
// facets; the last stage answers whatever it finds. So a query of two words
// or more, when enough clauses hold its adjacent words side by side ("tuyển
// dụng" then "công chức"), answers with those clauses only: Total and the
// facets count the clauses where the words stand together, not every clause
// where they appear somewhere. When too few do, the words are looked for
// anywhere in the clause (AND), and typo alternatives of the long words
// (one edit) only when even that finds too few.
//
// Each stage works in two passes: the first scores every match without term
// locations or stored fields and picks the page; the second loads the
// page's stored fields, and the highlights are found in the stored text
// (see marker).
func (ix *Index) Search(ctx context.Context, q Query) (Result, error) {
	start := time.Now()
	n := parseQuery(q.Text)
	if err := checkQuery(n); err != nil {
		return Result{}, err
	}
	for _, v := range q.Statuses {
		if _, ok := taskStatus(v); !ok && v != "" {
			return Result{}, statusError(v)
		}
	}
	p := compilePlan(n, ix.completions, ix.docFreq, dayNumber(q.Today))
	res, _, err := ix.search(ctx, q, p)
	res.Took = time.Since(start)
	return res, err
}

// search runs a plan; it also returns the name of the stage that answered.
func (ix *Index) search(ctx context.Context, q Query, p plan) (Result, string, error) {
	var res Result
	if len(p.stages) == 0 {
		return res, "", nil
	}
	bonus := p.bonus
	if q.Sort != "" {
		bonus = nil // ordered by date: no reranking
	}
	size := q.Size
	if size <= 0 {
		size = 20
	}
	from := max(q.From, 0)
	need := from + size
	// A stage answers when it finds at least a page of hits: never fewer
	// than minStageHits, and whatever From is, so that the pages of a query
	// all come from the same stage.
	enough := max(size, minStageHits)
	f := filters(q)

	var (
		picks []pick
		st    stage
	)
	for i, s := range p.stages {
		last := i == len(p.stages)-1
		full := s.match
		var only []query.Query
		for _, x := range []query.Query{s.filter, f} {
			if x != nil {
				only = append(only, x)
			}
		}
		if len(only) > 0 {
			bq := query.NewBooleanQuery([]query.Query{s.match}, nil, nil)
			bq.AddFilter(conjunction(only))
			full = bq
		}
		b := bonus
		if !s.rerank {
			b = nil
		}
		var err error
		picks, res, err = ix.pass1(ctx, q, full, b, need, enough, last)
		if err != nil {
			return res, s.name, err
		}
		st = s
		if last || res.Total >= uint64(enough) {
			break
		}
	}
	if from >= len(picks) {
		picks = nil
	} else {
		picks = picks[from:min(len(picks), need)]
	}
	if len(picks) == 0 {
		return res, st.name, nil
	}

	// Pass 2: stored fields of the page; highlights from the stored text.
	keys := make([]string, len(picks))
	for i, p := range picks {
		keys[i] = p.key
	}
	req := bleve.NewSearchRequestOptions(query.NewDocIDQuery(keys), len(keys), 0, false)
	req.Score = "none"
	req.Fields = storedFields
	r, err := ix.b.SearchInContext(ctx, req)
	if err != nil {
		return res, st.name, err
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
		res.Hits = append(res.Hits, makeHit(h, p.score, st.marks))
	}
	return res, st.name, nil
}

// pass1 finds the best candidates of one stage: their ids and scores
// (reranked with the bonus query), the total (documents when grouping) and
// the facets. When the stage finds fewer than enough hits and is not the
// last, it returns only the total. need candidates are taken for the page
// after reranking and, when grouping, after keeping one per document.
func (ix *Index) pass1(ctx context.Context, q Query, full, bonus query.Query, need, enough int, last bool) (picks []pick, res Result, err error) {
	window := need
	if bonus != nil {
		window = max(need, rerankWindow)
	}
	if q.GroupByDocument {
		window = max(need*4, rerankWindow)
	}
	for first := true; ; first = false {
		req := bleve.NewSearchRequestOptions(full, window, 0, false)
		setSort(req, q.Sort)
		if first && q.Facets {
			// Units are per clause, not per document: bleve's own facet over
			// the unit field's doc values counts them (clauses, also when grouping).
			req.AddFacet(fUnit, bleve.NewFacetRequest(fUnit, facetSize))
		}
		sctx := ctx
		var (
			t  tally
			tt *taskTally
		)
		if first && (q.GroupByDocument || q.Facets) {
			t = tally{}
			if q.Facets {
				tt = &taskTally{today: dayNumber(q.Today)}
			}
			sctx = ix.withTally(ctx, t, tt)
		}
		r, err := ix.b.SearchInContext(sctx, req)
		if err != nil {
			return nil, res, err
		}
		if first {
			res.Total = r.Total
			if q.GroupByDocument {
				res.Total = uint64(len(t))
			}
			if !last && res.Total < uint64(enough) {
				return nil, res, nil // too few: the next stage answers
			}
			if q.Facets {
				if res.Facets, err = ix.facets(t, q.GroupByDocument); err != nil {
					return nil, res, err
				}
				if fr := r.Facets[fUnit]; fr != nil && fr.Terms != nil {
					var units []FacetCount
					for _, tf := range fr.Terms.Terms() {
						units = append(units, FacetCount{Value: tf.Term, Count: tf.Count})
					}
					if len(units) > 0 {
						res.Facets["unit"] = units
					}
				}
				if st := tt.facet(); len(st) > 0 {
					res.Facets["status"] = st
				}
			}
		}
		picks = picks[:0]
		for _, h := range r.Hits {
			picks = append(picks, pick{h.ID, h.Score})
		}
		if bonus != nil {
			if err := ix.rerank(ctx, bonus, picks); err != nil {
				return nil, res, err
			}
		}
		if q.GroupByDocument {
			picks = onePerDocument(picks)
		}
		if len(picks) >= need || uint64(len(r.Hits)) >= r.Total || window >= 1<<20 {
			return picks, res, nil
		}
		window *= 4
	}
}

// tally counts the hits of a search by document.
type tally map[int64]int

// withTally makes the searches run with ctx count their hits into t, by the
// document their id names ("c<doc>/<seq>", "d<doc>"), and into tt (unless
// nil) by the statuses of their tasks, besides collecting the best as usual.
// Facets come from these counts and the documents' metadata: far cheaper
// than bleve's facets, which read doc-value fields of every hit (most of the
// time of a query matching 100,000 clauses). A doc's document is read once
// from its stored record, then remembered, and its tasks are read once per
// segment from the task fields' postings (see docOwners).
func (ix *Index) withTally(ctx context.Context, t tally, tt *taskTally) context.Context {
	mk := func(sctx *search.SearchContext) (search.DocumentMatchHandler, bool, error) {
		next, loadID, err := collector.MakeTopNDocumentMatchHandler(sctx)
		if err != nil {
			return nil, false, err
		}
		owner, err := ix.owners.reader(sctx.IndexReader, tt != nil)
		if err != nil {
			return nil, false, err
		}
		return func(d *search.DocumentMatch) error {
			if d != nil {
				doc, tasks, err := owner(d)
				if err != nil {
					return err
				}
				if doc >= 0 {
					t[doc]++
				}
				if tasks != 0 {
					tt.add(tasks)
				}
			}
			return next(d) // after: next may recycle d
		}, loadID, nil
	}
	return context.WithValue(ctx, search.MakeDocumentMatchHandlerKey, search.MakeDocumentMatchHandler(mk))
}

// docOwners remembers, for each doc of the index's segments, the document
// it belongs to and its tasks: segments never change once written, and a
// doc's number in its segment is its index in a table, filled as hits come
// (owners) or read whole the first time a search asks (tasks).
type docOwners struct {
	mu   sync.Mutex
	segs map[uint64]*segTables // by segment id
}

// segTables are the tables of one segment.
type segTables struct {
	owners    []atomic.Int64 // doc number → document id+1; 0: unread, -1: none
	tasks     []uint32       // doc number → packed tasks (see segTasks); nil when none
	tasksRead bool
}

// ownerFunc gives the document of a hit (-1 when its id names none) and
// its packed tasks (0 for none, or when not asked for).
type ownerFunc func(*search.DocumentMatch) (doc int64, tasks uint32, err error)

// reader returns the ownerFunc of the hits of r; with tasks, it reads the
// tasks of the segments it has not read yet.
func (o *docOwners) reader(r bindex.IndexReader, tasks bool) (ownerFunc, error) {
	byID := func(d *search.DocumentMatch) (int64, uint32, error) {
		id := d.ID
		if id == "" {
			var err error
			if id, err = r.ExternalID(d.IndexInternalID); err != nil {
				return -1, 0, err
			}
		}
		if doc, _, _, ok := parseKey(id); ok {
			return doc, 0, nil
		}
		return -1, 0, nil
	}
	is, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return byID, nil // no segments to read tasks from: no status facet
	}
	segs := is.Segments()
	offsets := make([]uint64, len(segs))
	tabs := make([]*segTables, len(segs))
	tks := make([][]uint32, len(segs))
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.segs == nil {
		o.segs = map[uint64]*segTables{}
	}
	var running uint64
	live := make(map[uint64]bool, len(segs))
	for i, s := range segs {
		offsets[i] = running
		n := uint64(s.FullSize())
		running += n
		live[s.Id()] = true
		tab, ok := o.segs[s.Id()]
		if !ok || uint64(len(tab.owners)) != n {
			tab = &segTables{owners: make([]atomic.Int64, n)}
			o.segs[s.Id()] = tab
		}
		if tasks && !tab.tasksRead {
			t, err := segTasks(s)
			if err != nil {
				return nil, err
			}
			tab.tasks, tab.tasksRead = t, true
		}
		tabs[i] = tab
		if tasks {
			tks[i] = tab.tasks
		}
	}
	for id := range o.segs {
		if !live[id] {
			delete(o.segs, id) // merged away
		}
	}
	return func(d *search.DocumentMatch) (int64, uint32, error) {
		n := d.IndexInternalID.Value()
		i := sort.Search(len(offsets), func(x int) bool { return offsets[x] > n }) - 1
		if i < 0 || n-offsets[i] >= uint64(len(tabs[i].owners)) {
			return byID(d)
		}
		local := n - offsets[i]
		var tk uint32
		if local < uint64(len(tks[i])) {
			tk = tks[i][local]
		}
		v := tabs[i].owners[local].Load()
		if v == 0 {
			id, err := segs[i].DocID(local)
			if err != nil {
				return -1, 0, err
			}
			v = -1
			if doc, _, _, ok := parseKey(string(id)); ok {
				v = doc + 1
			}
			tabs[i].owners[local].Store(v)
		}
		if v < 0 {
			return -1, tk, nil
		}
		return v - 1, tk, nil
	}, nil
}

// docFacets is what the facets read of a document (and all its clauses).
type docFacets struct{ kind, year, issuer string }

// docMeta returns the facet values of the given documents, read from their
// document docs' doc values on first need and remembered until they change
// (see forgetMeta).
func (ix *Index) docMeta(t tally) (map[int64]docFacets, error) {
	ix.metaMu.Lock()
	defer ix.metaMu.Unlock()
	if ix.meta == nil {
		ix.meta = map[int64]docFacets{}
	}
	var missing []int64
	for doc := range t {
		if _, ok := ix.meta[doc]; !ok {
			missing = append(missing, doc)
		}
	}
	if len(missing) == 0 {
		return ix.meta, nil
	}
	a, err := ix.b.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := a.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	dv, err := r.DocValueReader([]string{fKind, fYear, fIssuer})
	if err != nil {
		return nil, err
	}
	// In index order, so that each chunk of doc values is read once.
	type at struct {
		doc int64
		iid bindex.IndexInternalID
	}
	list := make([]at, 0, len(missing))
	for _, doc := range missing {
		iid, err := r.InternalID(docKey(doc))
		if err != nil {
			return nil, err
		}
		list = append(list, at{doc, iid})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].iid.Compare(list[j].iid) < 0 })
	for _, x := range list {
		doc, iid := x.doc, x.iid
		var m docFacets
		if iid != nil {
			err := dv.VisitDocValues(iid, func(field string, term []byte) {
				switch field {
				case fKind:
					m.kind = string(term)
				case fYear:
					m.year = string(term)
				case fIssuer:
					m.issuer = string(term)
				}
			})
			if err != nil {
				return nil, err
			}
		}
		ix.meta[doc] = m // none when absent: put later, forgetMeta drops it
	}
	return ix.meta, nil
}

// forgetMeta drops the remembered facet values of documents just put or
// deleted.
func (ix *Index) forgetMeta(ids []int64) {
	ix.metaMu.Lock()
	for _, id := range ids {
		delete(ix.meta, id)
	}
	ix.metaMu.Unlock()
}

// facets counts the hits of t by kind, year and issuer, each at most
// facetSize values, the most frequent (ties by value); grouped counts
// documents.
func (ix *Index) facets(t tally, grouped bool) (map[string][]FacetCount, error) {
	meta, err := ix.docMeta(t)
	if err != nil {
		return nil, err
	}
	counts := map[string]map[string]int{"kind": {}, "year": {}, "issuer": {}}
	for doc, n := range t {
		m := meta[doc]
		if grouped {
			n = 1
		}
		for name, v := range map[string]string{"kind": m.kind, "year": m.year, "issuer": m.issuer} {
			if v != "" {
				counts[name][v] += n
			}
		}
	}
	out := map[string][]FacetCount{}
	for name, c := range counts {
		list := make([]FacetCount, 0, len(c))
		for v, n := range c {
			list = append(list, FacetCount{Value: v, Count: n})
		}
		sort.Slice(list, func(i, j int) bool {
			if list[i].Count != list[j].Count {
				return list[i].Count > list[j].Count
			}
			return list[i].Value < list[j].Value
		})
		list = list[:min(len(list), facetSize)]
		if name == "year" {
			sort.SliceStable(list, func(i, j int) bool { return list[i].Value > list[j].Value })
		}
		out[name] = list
	}
	return out, nil
}

// filters is the facet filter of q: AND across facets, OR within one.
func filters(q Query) query.Query {
	var and []query.Query
	for _, f := range []struct {
		field  string
		values []string
	}{{fKind, q.Kinds}, {fYear, q.Years}, {fIssuer, q.Issuers}, {fUnit, q.Units}} {
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
	var or []query.Query
	for _, v := range q.Statuses {
		if code, ok := taskStatus(v); ok {
			or = append(or, statusQuery(code, dayNumber(q.Today)))
		}
	}
	if len(or) > 0 {
		and = append(and, query.NewDisjunctionQuery(or))
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

func makeHit(h *search.DocumentMatch, score float64, marks *marker) Hit {
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
	hit.Fragments = fragments(text, marks.spans(text), fragmentRunes, maxFragments)
	return hit
}
