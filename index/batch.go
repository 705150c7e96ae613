package index

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"

	"chidao/index/analysis"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Clause is one clause of a document as the index holds it.
type Clause struct {
	DocumentID  int64
	Seq         int    // position in the document, unique within it
	Address     string // "B.II.2.1"
	HeadingPath string // "NHIỆM VỤ VÀ GIẢI PHÁP › Lãnh đạo rà soát… › Về thực hiện Nghị quyết số 18-NQ/TW"
	Heading     string // the clause's own heading, "" when none
	Text        string
	Page        int
	Units       []string // names of the units the clause assigns work to (any role)
	// TaskStatuses are the statuses of the tasks that come from the clause
	// (StatusNotStarted … StatusDropped), repeats allowed; none when it has
	// no task.
	TaskStatuses []string
	// TaskDue is the earliest due date (ISO "2026-06-30") among the clause's
	// open tasks (not started or in progress; a recurring task's next
	// occurrence), "" when none: the clause is overdue from the day after.
	TaskDue string
}

// Document is what the index holds of a document's metadata.
type Document struct {
	ID      int64
	Title   string // kind and subject: "Kế hoạch thực hiện Kết luận số 74-KL/TW ..."
	Subject string
	Kind    string // "Kế hoạch"
	Number  string // "74-KL/TW"
	Date    string // ISO "2020-05-22" or ""
	Issuer  string
	File    string
	Format  string
}

// Batch gathers changes to apply together: far cheaper than one at a time,
// since each apply writes a segment that must later be merged.
//
// A batch is kept as one bleve batch per processor, each document's changes
// all in the same one (chosen by its id): Apply sends them concurrently, so
// that bleve's segment building, which takes one core per batch and follows
// the (parallel) analysis, keeps every core busy.
type Batch struct {
	subs []*bleve.Batch
	// put and del name the documents whose earlier clause docs Apply must
	// look up: put keeps the seqs just written, del (seqs not given) drops all.
	put map[int64]map[int]bool
	del map[int64]bool
	// Fresh says that none of the documents put was in the index before (a
	// rebuild into an empty index): Apply then skips looking up their earlier
	// clause docs.
	Fresh bool

	ix    *Index
	bytes int // text put since the bleve batches were last sent
}

// flushBytes bounds the text a batch holds before its bleve batches are sent
// to the index: analysis and segment building take some hundred times the
// text in memory, so a large document (a 30 MB text is one document) or a
// batch of many goes in slices of this size, keeping memory independent of
// what is imported.
const flushBytes = 1 << 20

// maxSubBatches bounds the bleve batches applied at once.
const maxSubBatches = 4

// NewBatch starts an empty batch.
func (ix *Index) NewBatch() *Batch {
	n := min(max(runtime.GOMAXPROCS(0), 1), maxSubBatches)
	b := &Batch{subs: make([]*bleve.Batch, n), put: map[int64]map[int]bool{}, del: map[int64]bool{}, ix: ix}
	for i := range b.subs {
		b.subs[i] = ix.b.NewBatch()
	}
	return b
}

// sub is the bleve batch that holds the changes of document id.
func (b *Batch) sub(id int64) *bleve.Batch {
	i := id % int64(len(b.subs))
	if i < 0 {
		i = -i
	}
	return b.subs[i]
}

func docKey(id int64) string { return "d" + strconv.FormatInt(id, 10) }

func clauseKey(id int64, seq int) string {
	return "c" + strconv.FormatInt(id, 10) + "/" + strconv.Itoa(seq)
}

// parseKey takes apart "d12" and "c12/3".
func parseKey(k string) (id int64, seq int, isDoc bool, ok bool) {
	if len(k) < 2 {
		return 0, 0, false, false
	}
	switch k[0] {
	case 'd':
		id, err := strconv.ParseInt(k[1:], 10, 64)
		return id, 0, true, err == nil
	case 'c':
		a, b, found := strings.Cut(k[1:], "/")
		if !found {
			return 0, 0, false, false
		}
		id, err1 := strconv.ParseInt(a, 10, 64)
		seq, err2 := strconv.Atoi(b)
		return id, seq, false, err1 == nil && err2 == nil
	}
	return 0, 0, false, false
}

// year is the year of an ISO date, "" when none.
func year(date string) string {
	if len(date) >= 4 {
		y := date[:4]
		if _, err := strconv.Atoi(y); err == nil {
			return y
		}
	}
	return ""
}

// setNonEmpty adds a field only when it has a value, so that keyword fields
// hold no empty term.
func setNonEmpty(m map[string]interface{}, k, v string) {
	if v != "" {
		m[k] = v
	}
}

// PutDocument adds or replaces a document: its document doc and one doc per
// clause. Clause docs carry the document's kind, number, date, year, issuer
// and title (stored only: a title is searched through the document doc, whose
// text it is, so that a title word does not make every clause of the
// document match). Clause docs of an earlier version that this one lacks are removed
// when the batch is applied. A clause's tasks (TaskStatuses, TaskDue) are
// checked first: an unknown status, a malformed date or a due date without an
// open task is an error, and nothing of the document is added.
func (b *Batch) PutDocument(d Document, clauses []Clause) error {
	id := strconv.FormatInt(d.ID, 10)
	common := func(typ string) map[string]interface{} {
		m := map[string]interface{}{fType: typ, fDocID: id}
		setNonEmpty(m, fKind, d.Kind)
		setNonEmpty(m, fNumber, d.Number)
		setNonEmpty(m, fDate, d.Date)
		setNonEmpty(m, fYear, year(d.Date))
		setNonEmpty(m, fIssuer, d.Issuer)
		setNonEmpty(m, fTitle, d.Title)
		return m
	}
	// Task fields are checked first: a mistake leaves the batch untouched.
	tasks := make([]clauseTasks, len(clauses))
	for i, c := range clauses {
		t, err := taskValues(c)
		if err != nil {
			return fmt.Errorf("index clause %d/%d: %w", d.ID, c.Seq, err)
		}
		tasks[i] = t
	}
	bb := b.sub(d.ID)
	dm := common(typeDocument)
	title := d.Title
	if d.Subject != "" && !strings.Contains(strings.ToLower(analysis.Fold(title)), strings.ToLower(analysis.Fold(d.Subject))) {
		if title != "" {
			title += " — "
		}
		title += d.Subject
	}
	setNonEmpty(dm, fText, title)
	setNonEmpty(dm, fFile, d.File)
	setNonEmpty(dm, fFormat, d.Format)
	if err := bb.Index(docKey(d.ID), dm); err != nil {
		return fmt.Errorf("index document %d: %w", d.ID, err)
	}
	seqs := b.put[d.ID]
	if seqs == nil {
		seqs = make(map[int]bool, len(clauses))
	}
	// Known before any slice is sent, so that Apply keeps what is sent.
	b.put[d.ID] = seqs
	delete(b.del, d.ID)
	for i, c := range clauses {
		m := common(typeClause)
		setNonEmpty(m, fAddress, c.Address)
		setNonEmpty(m, fPath, c.HeadingPath)
		setNonEmpty(m, fHeading, c.Heading)
		setNonEmpty(m, fText, clauseText(c))
		if len(c.Units) > 0 {
			m[fUnit] = c.Units
			m[fUnitF] = strings.Join(c.Units, " ; ")
		}
		if c.Page > 0 {
			m[fPage] = c.Page
		}
		tasks[i].set(m)
		if err := bb.Index(clauseKey(d.ID, c.Seq), m); err != nil {
			return fmt.Errorf("index clause %d/%d: %w", d.ID, c.Seq, err)
		}
		seqs[c.Seq] = true
		if b.bytes += len(c.Text) + len(c.HeadingPath); b.bytes >= flushBytes {
			if err := b.send(); err != nil {
				return fmt.Errorf("index clause %d/%d: %w", d.ID, c.Seq, err)
			}
		}
	}
	return nil
}

// send writes the bleve batches gathered so far to the index and empties
// them, keeping what Apply needs to remove earlier clause docs (put, del):
// the clause docs sent are in put, so Apply keeps them.
func (b *Batch) send() error {
	b.bytes = 0
	if b.ix == nil {
		return nil
	}
	defer bulkGC()()
	err := b.ix.sendSubs(b.subs)
	for _, s := range b.subs {
		s.Reset()
	}
	return err
}

// clauseText is what a clause docs's text holds: the clause's own heading,
// then its text, so that a heading clause ("Mục 5. Luân chuyển công chức
// lãnh đạo, quản lý") is found, and highlighted, by its words.
func clauseText(c Clause) string {
	switch {
	case c.Heading == "" || strings.Contains(c.Text, c.Heading):
		return c.Text
	case c.Text == "":
		return c.Heading
	}
	return c.Heading + "\n" + c.Text
}

// DeleteDocument removes the document doc "d<id>" and the clause docs
// "c<id>/<seq>" for each seq given. With clauseSeqs nil, Apply looks up the
// document's clause docs in the index and removes them all.
func (b *Batch) DeleteDocument(id int64, clauseSeqs []int) {
	bb := b.sub(id)
	bb.Delete(docKey(id))
	for _, s := range clauseSeqs {
		bb.Delete(clauseKey(id, s))
	}
	delete(b.put, id)
	if clauseSeqs == nil {
		b.del[id] = true
	}
}

// Size is the number of changes in the batch.
func (b *Batch) Size() int {
	n := 0
	for _, s := range b.subs {
		n += s.Size()
	}
	return n
}

// Apply writes a batch to the index.
func (ix *Index) Apply(b *Batch) error {
	defer bulkGC()()
	ids := make([]int64, 0, len(b.put)+len(b.del))
	for id := range b.put {
		ids = append(ids, id)
	}
	for id := range b.del {
		ids = append(ids, id)
	}
	look := ids
	if b.Fresh {
		look = look[len(b.put):] // only the deleted documents
	}
	if len(look) > 0 {
		have, err := ix.clauseKeys(look)
		if err != nil {
			return err
		}
		for _, k := range have {
			id, seq, _, ok := parseKey(k)
			if !ok {
				continue
			}
			if keep, ok := b.put[id]; ok && keep[seq] {
				continue
			}
			b.sub(id).Delete(k)
		}
	}
	err := ix.sendSubs(b.subs)
	ix.forgetMeta(ids)
	for _, s := range b.subs {
		s.Reset()
	}
	clear(b.put)
	clear(b.del)
	b.bytes = 0
	return err
}

// sendSubs writes the non-empty bleve batches, concurrently.
func (ix *Index) sendSubs(subs []*bleve.Batch) error {
	var err error
	var used []*bleve.Batch
	for _, s := range subs {
		if s.Size() > 0 {
			used = append(used, s)
		}
	}
	switch len(used) {
	case 0:
	case 1:
		err = ix.b.Batch(used[0])
	default:
		errs := make([]error, len(used))
		var wg sync.WaitGroup
		for i, s := range used {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = ix.b.Batch(s)
			}()
		}
		wg.Wait()
		for _, e := range errs {
			if e != nil {
				err = e
				break
			}
		}
	}
	return err
}

// clauseKeys lists the clause docs in the index of the given documents.
func (ix *Index) clauseKeys(ids []int64) ([]string, error) {
	var out []string
	const chunk = 256
	for len(ids) > 0 {
		n := min(len(ids), chunk)
		qs := make([]query.Query, n)
		for i, id := range ids[:n] {
			qs[i] = termQ(strconv.FormatInt(id, 10), fDocID, 1)
		}
		ids = ids[n:]
		q := query.NewConjunctionQuery([]query.Query{query.NewDisjunctionQuery(qs), termQ(typeClause, fType, 1)})
		keys, err := ix.allKeys(q)
		if err != nil {
			return nil, err
		}
		out = append(out, keys...)
	}
	return out, nil
}

// allKeys returns the ids of every doc matching q, unscored.
func (ix *Index) allKeys(q query.Query) ([]string, error) {
	const page = 10000
	var out []string
	for from := 0; ; from += page {
		req := bleve.NewSearchRequestOptions(q, page, from, false)
		req.Score = "none"
		req.SortBy([]string{"_id"})
		res, err := ix.b.Search(req)
		if err != nil {
			return nil, err
		}
		for _, h := range res.Hits {
			out = append(out, h.ID)
		}
		if len(res.Hits) < page {
			return out, nil
		}
	}
}

// DocumentIDs returns the id of every document in the index.
func (ix *Index) DocumentIDs() (map[int64]bool, error) {
	keys, err := ix.allKeys(termQ(typeDocument, fType, 1))
	if err != nil {
		return nil, err
	}
	ids := make(map[int64]bool, len(keys))
	for _, k := range keys {
		if id, _, isDoc, ok := parseKey(k); ok && isDoc {
			ids[id] = true
		}
	}
	return ids, nil
}

// ClauseCount returns the number of clause docs of a document.
func (ix *Index) ClauseCount(docID int64) (int, error) {
	q := query.NewConjunctionQuery([]query.Query{termQ(strconv.FormatInt(docID, 10), fDocID, 1), termQ(typeClause, fType, 1)})
	req := bleve.NewSearchRequestOptions(q, 0, 0, false)
	req.Score = "none"
	res, err := ix.b.Search(req)
	if err != nil {
		return 0, err
	}
	return int(res.Total), nil
}

func termQ(term, field string, boost float64) *query.TermQuery {
	q := query.NewTermQuery(term)
	q.SetField(field)
	if boost != 1 {
		q.SetBoost(boost)
	}
	return q
}

// applyGCPercent is the garbage collector's target while batches are
// applied: analysis and segment building allocate a great deal of short-lived
// memory, and collecting it at the default pace takes a fifth of the
// indexing time.
const applyGCPercent = 200

// applyMemoryLimit is the soft memory limit while batches are applied: past
// it the collector runs as often as it must, whatever applyGCPercent says,
// so that a large import stays within an office computer's memory.
const applyMemoryLimit = 320 << 20

var (
	gcMu    sync.Mutex
	gcUsers int
	gcOld   int
	limOld  int64
)

// bulkGC raises the garbage collector's target for the time of an Apply (of
// any index) and returns the function that restores it.
func bulkGC() func() {
	gcMu.Lock()
	if gcUsers == 0 {
		gcOld = debug.SetGCPercent(applyGCPercent)
		if gcOld < 0 || gcOld > applyGCPercent {
			debug.SetGCPercent(gcOld) // off, or already higher: leave it
		}
		limOld = debug.SetMemoryLimit(-1)
		if limOld > applyMemoryLimit {
			debug.SetMemoryLimit(applyMemoryLimit)
		}
	}
	gcUsers++
	gcMu.Unlock()
	return func() {
		gcMu.Lock()
		gcUsers--
		if gcUsers == 0 {
			debug.SetGCPercent(gcOld)
			debug.SetMemoryLimit(limOld)
		}
		gcMu.Unlock()
	}
}
