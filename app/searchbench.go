package app

import (
	"context"
	"crypto/sha256"
	"database/sql"
	_ "embed" // the benchmark's query set and quality set
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"chidao/docs"
	"chidao/index"
	"chidao/store"

	"golang.org/x/text/unicode/norm"
)

// BenchCorpusDir is the folder of corpus texts (*.txt) the synthetic benchmark
// library recombines and the quality set is judged on: the corpus kept in the
// repository (testdata/corpus), as seen from the repository's root. Tests (run from app/)
// and `chidao bench search --corpus DIR` set it.
var BenchCorpusDir = filepath.Join("testdata", "corpus", "text")

// benchSeed makes the synthetic library the same on every run.
const benchSeed = 20250522

// BenchBuild is what building a synthetic benchmark library took.
type BenchBuild struct {
	Documents int           `json:"documents"`
	Clauses   int           `json:"clauses"`
	DBTime    time.Duration `json:"db_ns"`    // storing documents, paragraphs and clauses in SQLite
	IndexTime time.Duration `json:"index_ns"` // sending them to the index (FlushIndex)
	// ClausesPerSecond is the index build rate: Clauses / IndexTime.
	ClausesPerSecond float64 `json:"clauses_per_second"`
}

// benchPool is the material the synthetic documents are made of: the real
// clauses and document shapes of the corpus.
type benchPool struct {
	headings []string   // clause headings ("MỤC ĐÍCH, YÊU CẦU", "Công tác tuyên truyền, giáo dục")
	texts    []string   // clause texts of at least a few words
	shapes   []benchDoc // metadata of the corpus documents
	real     []benchDoc // documents known by number, given to the first synthetic documents
	subjects []string   // subject lines
}

type benchDoc struct {
	kind, number, issuer, place string
}

// benchDefaults give a number shape and an issuer to a corpus document whose
// header the parser did not read (body-only files).
var benchDefaults = []benchDoc{
	{"Kế hoạch", "1-KH/TU", "Tỉnh ủy Kiên Giang", "Rạch Giá"},
	{"Kết luận", "1-KL/TW", "Bộ Chính trị", "Hà Nội"},
	{"Nghị quyết", "1-NQ/TW", "Bộ Chính trị", "Hà Nội"},
	{"Quyết định", "1/2024/QĐ-UBND", "Ủy ban nhân dân tỉnh Bình Dương", "Thủ Dầu Một"},
	{"Công văn", "1/UBND-NC", "Ủy ban nhân dân thành phố Hồ Chí Minh", "Thành phố Hồ Chí Minh"},
	{"Thông tư", "1/2025/TT-BNV", "Bộ Nội vụ", "Hà Nội"},
}

// benchCentral are central documents the corpus cites most: the first
// synthetic documents carry their numbers, so that number queries (so:74-KL/TW)
// find their document as in a real library.
var benchCentral = []benchDoc{
	{"Kết luận", "74-KL/TW", "Bộ Chính trị", "Hà Nội"},
	{"Nghị quyết", "18-NQ/TW", "Ban Chấp hành Trung ương", "Hà Nội"},
	{"Nghị quyết", "19-NQ/TW", "Ban Chấp hành Trung ương", "Hà Nội"},
	{"Nghị quyết", "39-NQ/TW", "Bộ Chính trị", "Hà Nội"},
	{"Kết luận", "210-KL/TW", "Ban Chấp hành Trung ương", "Hà Nội"},
	{"Chỉ thị", "32/CT-TTg", "Thủ tướng Chính phủ", "Hà Nội"},
}

// loadBenchPool parses every *.txt of dir.
func loadBenchPool(dir string) (*benchPool, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no corpus texts (*.txt) in %s: name the folder with --corpus", dir)
	}
	sort.Strings(files)
	p := &benchPool{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		parsed := docs.ParseText(norm.NFC.String(string(b)))
		m := parsed.Metadata
		if m.Kind != "" && m.Number != "" && m.Issuer != "" {
			p.shapes = append(p.shapes, benchDoc{m.Kind, m.Number, m.Issuer, m.Place})
		}
		if m.Subject != "" {
			p.subjects = append(p.subjects, m.Subject)
		}
		docs.Walk(parsed.Clauses, func(c *docs.Clause, depth int) {
			if h := strings.TrimSpace(c.Heading); h != "" && len([]rune(h)) <= 160 {
				p.headings = append(p.headings, h)
			}
			if t := strings.TrimSpace(c.Text); len(strings.Fields(t)) >= 5 {
				p.texts = append(p.texts, t)
			}
		})
	}
	p.real = append(append(p.real, p.shapes...), benchCentral...)
	p.shapes = append(p.shapes, benchDefaults...)
	if len(p.texts) < 100 || len(p.headings) < 10 {
		return nil, fmt.Errorf("too few clauses in %s (%d texts, %d headings) to build a benchmark library", dir, len(p.texts), len(p.headings))
	}
	if len(p.subjects) == 0 {
		p.subjects = p.headings
	}
	return p, nil
}

var (
	benchLeadingNumber = regexp.MustCompile(`^\d+`)
	benchYear          = regexp.MustCompile(`/(19|20)\d\d/`)
)

// benchNumber gives a document the number shape of a real one with its own
// serial (unique in the library) and year: "74-KL/TW" → "5123-KL/TW",
// "212/2025/QĐ-UBND" → "5123/2019/QĐ-UBND".
func benchNumber(shape string, serial, year int) string {
	n := benchLeadingNumber.ReplaceAllString(shape, strconv.Itoa(serial))
	return benchYear.ReplaceAllString(n, "/"+strconv.Itoa(year)+"/")
}

var benchRoman = []string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"}

// benchDocument makes the i-th synthetic document: a real document's shape (the
// first ones carry the numbers of real documents, the others numbers of their
// own), a date in 2015–2025 and 30–40 clauses drawn from the pool, laid out as Party
// plans are (sections I, II, ..., items 1, 2, ..., bullets), their addresses
// rebuilt from the labels ("I", "I.1", "I.1/-1").
func (p *benchPool) benchDocument(rng *rand.Rand, i int) (store.Document, []store.Paragraph, *store.Structure) {
	shape := p.shapes[rng.Intn(len(p.shapes))]
	date := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.Intn(11*365))
	var number string
	if i < len(p.real) {
		shape = p.real[i]
		number = shape.number
		if y := benchYear.FindString(number); y != "" {
			year, _ := strconv.Atoi(y[1:5])
			date = time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, date.YearDay()%360)
		}
	} else {
		number = benchNumber(shape.number, 5000+i, date.Year()) // above the corpus's own numbers
	}
	subject := p.subjects[rng.Intn(len(p.subjects))]
	sum := sha256.Sum256([]byte(fmt.Sprintf("chidao-synthetic-%d-%d", benchSeed, i)))
	d := store.Document{
		SHA256: hex.EncodeToString(sum[:]), FileName: fmt.Sprintf("synthetic-%05d.txt", i+1),
		Title: shape.kind + " " + subject, Kind: shape.kind, Number: number, Date: date.Format("2006-01-02"),
		Place: shape.place, Issuer: shape.issuer, Subject: subject, ImportedAt: time.Now(),
	}
	st := &store.Structure{NumberKey: docs.NumberKey(number)}
	var paras []store.Paragraph
	add := func(c store.Clause, written string) {
		c.Seq = len(st.Clauses) + 1
		c.Page = 1 + len(st.Clauses)/12
		st.Clauses = append(st.Clauses, c)
		paras = append(paras, store.Paragraph{Seq: len(paras) + 1, Page: c.Page, Text: written})
	}
	paras = append(paras, store.Paragraph{Seq: 1, Page: 1, Text: strings.ToUpper(shape.kind)},
		store.Paragraph{Seq: 2, Page: 1, Text: subject})
	want := 30 + rng.Intn(11)
	text := func() string { return p.texts[rng.Intn(len(p.texts))] }
	for s := 0; len(st.Clauses) < want && s < len(benchRoman); s++ {
		sec := benchRoman[s]
		h := p.headings[rng.Intn(len(p.headings))]
		add(store.Clause{Address: sec, Label: sec, Level: "section", Heading: h}, sec+". "+h)
		items := 2 + rng.Intn(5)
		for it := 1; it <= items && len(st.Clauses) < want; it++ {
			addr := sec + "." + strconv.Itoa(it)
			c := store.Clause{Address: addr, Parent: sec, Depth: 1, Label: strconv.Itoa(it), Level: "item", Text: text()}
			written := strconv.Itoa(it) + ". " + c.Text
			if rng.Intn(3) == 0 {
				c.Heading = p.headings[rng.Intn(len(p.headings))]
				written = strconv.Itoa(it) + ". " + c.Heading + "\n" + c.Text
			}
			add(c, written)
			if rng.Intn(2) == 0 {
				for b := 1; b <= 1+rng.Intn(4) && len(st.Clauses) < want; b++ {
					t := text()
					add(store.Clause{Address: addr + "/-" + strconv.Itoa(b), Parent: addr, Depth: 2, Label: "-", Level: "bullet", Text: t}, "- "+t)
				}
			}
		}
	}
	return d, paras, st
}

// BuildBenchLibrary makes a new library in dir (which must not hold one) of
// nDocs synthetic documents recombined deterministically from the clauses of
// the corpus in BenchCorpusDir: 10,000 documents give about 350,000 clauses.
// Each document is stored in its own transaction; the index is fed every 500
// documents. progress, when not nil, is called after each document.
func BuildBenchLibrary(ctx context.Context, dir string, nDocs int, progress func(done, total int)) (BenchBuild, error) {
	var bb BenchBuild
	if _, err := os.Stat(filepath.Join(dir, "chidao.db")); err == nil {
		return bb, fmt.Errorf("%s already holds a library: the benchmark builds a new one", dir)
	}
	pool, err := loadBenchPool(BenchCorpusDir)
	if err != nil {
		return bb, err
	}
	l, err := Open(ctx, dir, Options{})
	if err != nil {
		return bb, err
	}
	defer l.Close()
	rng := rand.New(rand.NewSource(benchSeed))
	flush := func() error {
		start := time.Now()
		err := l.FlushIndex(ctx)
		bb.IndexTime += time.Since(start)
		return err
	}
	for i := 0; i < nDocs; i++ {
		if err := ctx.Err(); err != nil {
			return bb, err
		}
		d, paras, st := pool.benchDocument(rng, i)
		start := time.Now()
		if _, err := l.InsertSynthetic(ctx, d, paras, st); err != nil {
			return bb, fmt.Errorf("store synthetic document %d: %w", i+1, err)
		}
		bb.DBTime += time.Since(start)
		bb.Documents++
		bb.Clauses += len(st.Clauses)
		if (i+1)%500 == 0 {
			if err := flush(); err != nil {
				return bb, err
			}
		}
		if progress != nil {
			progress(i+1, nDocs)
		}
	}
	if err := flush(); err != nil {
		return bb, err
	}
	// As after a large import: merge the segments (counted in the build time).
	start := time.Now()
	if err := l.CompactIndex(ctx); err != nil {
		return bb, err
	}
	bb.IndexTime += time.Since(start)
	if bb.IndexTime > 0 {
		bb.ClausesPerSecond = float64(bb.Clauses) / bb.IndexTime.Seconds()
	}
	return bb, l.Close()
}

//go:embed testdata/search-queries.txt
var benchQueriesText string

// BenchQueries returns the benchmark's fixed set of 100 queries
// (testdata/search-queries.txt): words with and without diacritics, phrases,
// document numbers, field queries, minus words, OR, words being typed and long
// queries.
func BenchQueries() []string {
	var qs []string
	for _, line := range strings.Split(benchQueriesText, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		qs = append(qs, line)
	}
	return qs
}

// BenchQuery is the request the benchmark sends for each query string: what the
// search screen asks for (a page of clause hits with their facet counts).
var BenchQuery = index.Query{Size: 20, Facets: true}

// SearchBench is a latency measurement over a query set. Percentiles are taken
// over every execution (queries × rounds), after one warm-up pass.
type SearchBench struct {
	Engine  string        `json:"engine"`
	Queries int           `json:"queries"`
	Rounds  int           `json:"rounds"`
	Runs    int           `json:"runs"`
	P50     time.Duration `json:"p50_ns"`
	P95     time.Duration `json:"p95_ns"`
	P99     time.Duration `json:"p99_ns"`
	Mean    time.Duration `json:"mean_ns"`
	Max     time.Duration `json:"max_ns"`
	// Hits is each query's number of hits (the index's total for chidao, the
	// rows returned for FTS5), in query order; NoHits counts the queries with
	// none.
	Hits   []uint64 `json:"hits"`
	NoHits int      `json:"no_hits"`
	// Slowest are the five queries with the highest median latency.
	Slowest []QueryTime `json:"slowest"`
	// HeapInUse (Go heap) and RSS (resident set, Linux only; 0 elsewhere) are
	// read after the runs.
	HeapInUse uint64 `json:"heap_in_use"`
	RSS       uint64 `json:"rss"`
}

// QueryTime is one query's median latency.
type QueryTime struct {
	Query  string        `json:"query"`
	Median time.Duration `json:"median_ns"`
}

// RunSearchBench runs every query rounds times through the library's clause
// search (BenchQuery with the query's text), after one warm-up pass, and
// records the latencies.
func RunSearchBench(ctx context.Context, l *Library, queries []string, rounds int) (SearchBench, error) {
	return runBench(ctx, "chidao", queries, rounds, func(q string) (uint64, error) {
		req := BenchQuery
		req.Text = q
		res, err := l.SearchClauses(ctx, req)
		return res.Total, err
	})
}

// RunFTS5Bench is RunSearchBench for the FTS5 baseline, asking it for as many
// hits as BenchQuery.
func RunFTS5Bench(ctx context.Context, f *FTS5, queries []string, rounds int) (SearchBench, error) {
	return runBench(ctx, "sqlite-fts5", queries, rounds, func(q string) (uint64, error) {
		hits, _, err := f.Search(q, BenchQuery.Size)
		return uint64(len(hits)), err
	})
}

func runBench(ctx context.Context, engine string, queries []string, rounds int, search func(q string) (uint64, error)) (SearchBench, error) {
	if rounds < 1 {
		rounds = 1
	}
	sb := SearchBench{Engine: engine, Queries: len(queries), Rounds: rounds, Hits: make([]uint64, len(queries))}
	for i, q := range queries { // warm-up
		n, err := search(q)
		if err != nil {
			return sb, fmt.Errorf("%s: query %q: %w", engine, q, err)
		}
		sb.Hits[i] = n
		if n == 0 {
			sb.NoHits++
		}
	}
	all := make([]time.Duration, 0, len(queries)*rounds)
	per := make([][]time.Duration, len(queries))
	for r := 0; r < rounds; r++ {
		for i, q := range queries {
			if err := ctx.Err(); err != nil {
				return sb, err
			}
			start := time.Now()
			if _, err := search(q); err != nil {
				return sb, fmt.Errorf("%s: query %q: %w", engine, q, err)
			}
			d := time.Since(start)
			all = append(all, d)
			per[i] = append(per[i], d)
		}
	}
	sb.Runs = len(all)
	sb.P50, sb.P95, sb.P99 = Percentile(all, 50), Percentile(all, 95), Percentile(all, 99)
	var sum time.Duration
	for _, d := range all {
		sum += d
		sb.Max = max(sb.Max, d)
	}
	if len(all) > 0 {
		sb.Mean = sum / time.Duration(len(all))
	}
	for i, ds := range per {
		sb.Slowest = append(sb.Slowest, QueryTime{queries[i], Percentile(ds, 50)})
	}
	sort.SliceStable(sb.Slowest, func(i, j int) bool { return sb.Slowest[i].Median > sb.Slowest[j].Median })
	sb.Slowest = sb.Slowest[:min(5, len(sb.Slowest))]
	sb.HeapInUse, sb.RSS = MemoryInUse()
	return sb, nil
}

// Percentile is the p-th percentile (nearest rank) of ds; 0 when empty.
func Percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	k := int(p/100*float64(len(s))+0.999999) - 1
	return s[min(max(k, 0), len(s)-1)]
}

// MemoryInUse returns the Go heap in use and the process's resident set size
// (from /proc/self/statm; 0 where there is none), in bytes.
func MemoryInUse() (heap, rss uint64) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	heap = ms.HeapInuse
	if b, err := os.ReadFile("/proc/self/statm"); err == nil {
		if f := strings.Fields(string(b)); len(f) >= 2 {
			if pages, err := strconv.ParseUint(f[1], 10, 64); err == nil {
				rss = pages * uint64(os.Getpagesize())
			}
		}
	}
	return heap, rss
}

// FTS5 is the peer baseline: the same clauses in a SQLite FTS5 table
// (unicode61, diacritics removed, đ folded by hand), ranked by bm25.
type FTS5 struct {
	db *sql.DB
	// PrefixLast makes the last plain word of a query a prefix ("tinh gi" →
	// tinh gi*), as chidao does for results while typing. On by default.
	PrefixLast bool
}

// FTSHit is one clause found by the FTS5 baseline.
type FTSHit struct {
	DocumentID int64
	Address    string
	Score      float64
}

// BuildFTS5Baseline copies every clause of the library (heading and text, with
// its document's title, number, kind, year and issuer) into a new SQLite file
// at path and returns it open, with the time the copy and the FTS5 index took.
func BuildFTS5Baseline(ctx context.Context, l *Library, path string) (*FTS5, time.Duration, error) {
	os.Remove(path)
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "synchronous(OFF)", "busy_timeout(10000)"} {
		q.Add("_pragma", p)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, 0, err
	}
	f := &FTS5{db: db, PrefixLast: true}
	start := time.Now()
	if err := f.fill(ctx, l); err != nil {
		db.Close()
		return nil, 0, err
	}
	return f, time.Since(start), nil
}

func (f *FTS5) fill(ctx context.Context, l *Library) error {
	for _, s := range []string{
		`CREATE TABLE docs (id INTEGER PRIMARY KEY, number_key TEXT NOT NULL, kind TEXT NOT NULL, year TEXT NOT NULL, issuer TEXT NOT NULL)`,
		`CREATE VIRTUAL TABLE fts USING fts5(text, title, document_id UNINDEXED, address UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')`,
	} {
		if _, err := f.db.ExecContext(ctx, s); err != nil {
			if strings.Contains(err.Error(), "fts5") {
				return fmt.Errorf("this SQLite has no FTS5: %w", err)
			}
			return err
		}
	}
	tx, err := f.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	insDoc, err := tx.PrepareContext(ctx, `INSERT INTO docs (id, number_key, kind, year, issuer) VALUES (?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	insClause, err := tx.PrepareContext(ctx, `INSERT INTO fts (text, title, document_id, address) VALUES (?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	var last int64 = -1
	err = l.AllClauses(ctx, func(d store.Document, c store.Clause) error {
		if d.ID != last {
			last = d.ID
			year := ""
			if len(d.Date) >= 4 {
				year = d.Date[:4]
			}
			key := ""
			if d.Number != "" {
				key = docs.NumberKey(d.Number)
			}
			if _, err := insDoc.ExecContext(ctx, d.ID, key, foldVN(d.Kind), year, foldVN(d.Issuer)); err != nil {
				return err
			}
		}
		text := c.Text
		if c.Heading != "" {
			text = c.Heading + "\n" + text
		}
		_, err := insClause.ExecContext(ctx, foldD(text), foldD(d.Title), d.ID, c.Address)
		return err
	})
	if err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	_, err = f.db.ExecContext(ctx, `INSERT INTO fts(fts) VALUES ('optimize')`)
	return err
}

// Close closes the baseline's database.
func (f *FTS5) Close() error { return f.db.Close() }

// Search translates a chidao query string into FTS5 (see FTS5Match) and returns
// the n best clauses by bm25 (text weighted 1, document title 0.5), with the
// time it took.
func (f *FTS5) Search(q string, n int) ([]FTSHit, time.Duration, error) {
	start := time.Now()
	match, where, args := f.translate(q)
	var query string
	if match != "" {
		query = `SELECT fts.document_id, fts.address, bm25(fts, 1.0, 0.5) AS score FROM fts JOIN docs d ON d.id = fts.document_id
			WHERE fts MATCH ?` + where + ` ORDER BY score LIMIT ?`
		args = append([]any{match}, args...)
	} else if where != "" {
		query = `SELECT fts.document_id, fts.address, 0 FROM fts JOIN docs d ON d.id = fts.document_id WHERE 1` + where + ` ORDER BY fts.rowid LIMIT ?`
	} else {
		return nil, time.Since(start), nil
	}
	args = append(args, n)
	rows, err := f.db.Query(query, args...)
	if err != nil {
		return nil, time.Since(start), fmt.Errorf("fts5 %q: %w", match, err)
	}
	defer rows.Close()
	var hits []FTSHit
	for rows.Next() {
		var h FTSHit
		if err := rows.Scan(&h.DocumentID, &h.Address, &h.Score); err != nil {
			return nil, time.Since(start), err
		}
		hits = append(hits, h)
	}
	return hits, time.Since(start), rows.Err()
}

// FTS5Match is the FTS5 MATCH expression a chidao query string becomes ("" when
// it has no words, only fields), for tests and the report.
func (f *FTS5) FTS5Match(q string) string {
	m, _, _ := f.translate(q)
	return m
}

// translate turns a chidao query string into an FTS5 MATCH expression and SQL
// filters, read as chidao reads it: words are ANDed, "phrases" kept, -word
// becomes NOT, OR binds tighter than the implicit AND, so:/loai:/nam:/coquan:
// filter the document's number key, kind, year (or years) and issuer, dieu:
// the clause address and those under it, and the last plain word is a prefix
// when PrefixLast.
func (f *FTS5) translate(q string) (match, where string, args []any) {
	toks := splitQuery(norm.NFC.String(q))
	var pos, neg []string
	typing := false  // the query ends in a plain word, perhaps half typed
	afterOr := false // the previous token was OR
	push := func(e string) {
		if afterOr && len(pos) > 0 { // chidao's OR binds tighter than the implicit AND
			pos[len(pos)-1] = "(" + strings.TrimSuffix(pos[len(pos)-1], "*") + " OR " + e + ")"
			return
		}
		pos = append(pos, e)
	}
	for _, t := range toks {
		grouped := afterOr && len(pos) > 0
		typing = false
		switch {
		case t.field != "":
			switch t.field {
			case "so", "số":
				where += " AND d.number_key = ?"
				args = append(args, docs.NumberKey(t.text))
			case "loai", "loại":
				where += " AND d.kind = ?"
				args = append(args, foldVN(t.text))
			case "nam", "năm":
				lo, hi, ok := strings.Cut(strings.ReplaceAll(t.text, "..", "-"), "-")
				if !ok {
					hi = lo
				}
				where += " AND d.year BETWEEN ? AND ?"
				args = append(args, lo, hi)
			case "coquan", "cơquan", "cq":
				where += " AND d.issuer LIKE ?"
				args = append(args, "%"+foldVN(t.text)+"%")
			case "dieu", "điều":
				where += " AND (fts.address = ? OR fts.address LIKE ? OR fts.address LIKE ?)"
				args = append(args, t.text, t.text+".%", t.text+"/%")
			default: // a field the language does not know: its words
				if e := ftsTerms(t.field + " " + t.text); e != "" {
					push(e)
				}
			}
		case t.text == "OR" && !t.quoted:
			afterOr = len(pos) > 0
			continue
		case t.neg:
			if e := ftsTerms(t.text); e != "" {
				neg = append(neg, e)
			}
		default:
			if e := ftsTerms(t.text); e != "" {
				push(e)
				typing = !grouped && !t.quoted && !strings.Contains(e, " ")
			}
		}
		afterOr = false
	}
	if f.PrefixLast && typing && !strings.HasSuffix(q, " ") {
		pos[len(pos)-1] += "*"
	}
	if len(pos) == 0 {
		return "", where, args
	}
	match = strings.Join(pos, " AND ") // FTS5 wants AND spelled out next to parentheses
	if len(neg) > 0 {
		match = "(" + match + ")"
		for _, n := range neg {
			match += " NOT " + n
		}
	}
	return match, where, args
}

// ftsTerms turns one word or phrase into an FTS5 string: its letter-and-digit
// runs, folded đ→d, quoted together; several runs make a phrase ("74-KL/TW" →
// "74 kl tw").
func ftsTerms(s string) string {
	runs := strings.FieldsFunc(foldD(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(runs) == 0 {
		return ""
	}
	return `"` + strings.Join(runs, " ") + `"`
}

type queryToken struct {
	field  string
	text   string
	quoted bool
	neg    bool
}

// splitQuery splits a query string into words, "phrases", -words and
// field:value / field:"value" pairs.
func splitQuery(q string) []queryToken {
	var out []queryToken
	rs := []rune(q)
	for i := 0; i < len(rs); {
		if unicode.IsSpace(rs[i]) {
			i++
			continue
		}
		var t queryToken
		if rs[i] == '-' && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) {
			t.neg = true
			i++
		}
		// field:
		j := i
		for j < len(rs) && (unicode.IsLetter(rs[j])) {
			j++
		}
		if j > i && j < len(rs) && rs[j] == ':' && j+1 < len(rs) && !unicode.IsSpace(rs[j+1]) {
			t.field = strings.ToLower(string(rs[i:j]))
			i = j + 1
		}
		if isQuoteRune(rs[i]) {
			end := i + 1
			for end < len(rs) && !isQuoteRune(rs[end]) {
				end++
			}
			t.text, t.quoted = string(rs[i+1:min(end, len(rs))]), true
			i = end + 1
		} else {
			end := i
			for end < len(rs) && !unicode.IsSpace(rs[end]) {
				end++
			}
			t.text = string(rs[i:end])
			i = end
		}
		out = append(out, t)
	}
	return out
}

func isQuoteRune(r rune) bool { return r == '"' || r == '“' || r == '”' }

// foldD folds đ and Đ to d and D, which unicode61's remove_diacritics leaves.
func foldD(s string) string {
	return strings.NewReplacer("đ", "d", "Đ", "D").Replace(s)
}

// foldVN lowercases s and removes its diacritics (đ → d), for comparing
// metadata such as kinds and issuers.
func foldVN(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(foldD(s))) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(r)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// QualityQuery is one query of the quality set and the clauses it should find,
// named by corpus file and clause address.
type QualityQuery struct {
	Query    string       `json:"query"`
	Relevant []QualityRef `json:"relevant"`
}

// QualityRef names a clause of a corpus file.
type QualityRef struct {
	File    string `json:"file"`
	Address string `json:"address"`
}

//go:embed testdata/search-quality.json
var qualityJSON []byte

// QualitySet returns the quality set (testdata/search-quality.json), written by
// reading the corpus in BenchCorpusDir.
func QualitySet() ([]QualityQuery, error) {
	var qs []QualityQuery
	if err := json.Unmarshal(qualityJSON, &qs); err != nil {
		return nil, fmt.Errorf("search-quality.json: %w", err)
	}
	return qs, nil
}

// QualityResult is how well an engine did on the quality set: mean recall@10
// (share of a query's relevant clauses among its first 10 clause hits) and mean
// reciprocal rank of the first relevant hit.
type QualityResult struct {
	Engine   string         `json:"engine"`
	Queries  int            `json:"queries"`
	Recall10 float64        `json:"recall_at_10"`
	MRR      float64        `json:"mrr"`
	PerQuery []QualityScore `json:"per_query"`
}

// QualityScore is one query's result.
type QualityScore struct {
	Query  string       `json:"query"`
	Recall float64      `json:"recall_at_10"`
	RR     float64      `json:"reciprocal_rank"`
	Missed []QualityRef `json:"missed,omitempty"`
	Top    []QualityRef `json:"top"` // the first clause hits, for reading failures
}

// EvalChidao runs the quality set through the library's clause search (10 hits,
// clause hits only) and scores it.
func EvalChidao(ctx context.Context, l *Library, set []QualityQuery) (QualityResult, error) {
	return evalQuality(ctx, l, "chidao", set, func(q string) ([]int64, []string, error) {
		res, err := l.SearchClauses(ctx, index.Query{Text: q, Size: 10})
		if err != nil {
			return nil, nil, err
		}
		var ids []int64
		var addrs []string
		for _, h := range res.Hits {
			if h.IsDocument {
				continue
			}
			ids, addrs = append(ids, h.DocumentID), append(addrs, h.Address)
		}
		return ids, addrs, nil
	})
}

// EvalFTS5 runs the quality set through the FTS5 baseline built over the same
// library and scores it.
func EvalFTS5(ctx context.Context, l *Library, f *FTS5, set []QualityQuery) (QualityResult, error) {
	return evalQuality(ctx, l, "sqlite-fts5", set, func(q string) ([]int64, []string, error) {
		hits, _, err := f.Search(q, 10)
		if err != nil {
			return nil, nil, err
		}
		var ids []int64
		var addrs []string
		for _, h := range hits {
			ids, addrs = append(ids, h.DocumentID), append(addrs, h.Address)
		}
		return ids, addrs, nil
	})
}

func evalQuality(ctx context.Context, l *Library, engine string, set []QualityQuery, search func(q string) ([]int64, []string, error)) (QualityResult, error) {
	r := QualityResult{Engine: engine, Queries: len(set)}
	files := map[int64]string{}
	fileOf := func(id int64) string {
		if f, ok := files[id]; ok {
			return f
		}
		d, err := l.Document(ctx, id)
		if err != nil {
			files[id] = ""
			return ""
		}
		files[id] = d.FileName
		return d.FileName
	}
	for _, q := range set {
		ids, addrs, err := search(q.Query)
		if err != nil {
			return r, fmt.Errorf("%s: query %q: %w", engine, q.Query, err)
		}
		if len(ids) > 10 {
			ids, addrs = ids[:10], addrs[:10]
		}
		s := QualityScore{Query: q.Query}
		want := map[QualityRef]bool{}
		for _, ref := range q.Relevant {
			want[ref] = true
		}
		found := map[QualityRef]bool{}
		for i := range ids {
			ref := QualityRef{fileOf(ids[i]), addrs[i]}
			s.Top = append(s.Top, ref)
			if want[ref] {
				if s.RR == 0 {
					s.RR = 1 / float64(i+1)
				}
				found[ref] = true
			}
		}
		for _, ref := range q.Relevant {
			if !found[ref] {
				s.Missed = append(s.Missed, ref)
			}
		}
		if len(want) > 0 {
			s.Recall = float64(len(found)) / float64(len(want))
		}
		r.Recall10 += s.Recall
		r.MRR += s.RR
		r.PerQuery = append(r.PerQuery, s)
	}
	if len(set) > 0 {
		r.Recall10 /= float64(len(set))
		r.MRR /= float64(len(set))
	}
	return r, nil
}

// OpenQualityLibrary opens the library in dir, importing the corpus texts of
// BenchCorpusDir into it when it holds no document yet: the library the
// quality set is judged on.
func OpenQualityLibrary(ctx context.Context, dir string) (*Library, error) {
	l, err := Open(ctx, dir, Options{})
	if err != nil {
		return nil, err
	}
	ids, err := l.store.DocumentIDs(ctx)
	if err != nil {
		l.Close()
		return nil, err
	}
	if len(ids) > 0 {
		return l, nil
	}
	res, err := l.Import(ctx, []string{BenchCorpusDir}, nil)
	if err != nil {
		l.Close()
		return nil, err
	}
	var failed []string
	for _, r := range res {
		if r.Status == Failed {
			failed = append(failed, filepath.Base(r.Path)+": "+r.Reason)
		}
	}
	if len(failed) > 0 {
		l.Close()
		return nil, errors.New("corpus import failed: " + strings.Join(failed, "; "))
	}
	return l, nil
}
