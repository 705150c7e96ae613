package app_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"chidao/app"
	"chidao/index"
	"chidao/store"
)

func init() {
	// Tests run in app/: the corpus is beside the repository.
	app.BenchCorpusDir = filepath.Join(corpus, "text")
}

// TestBenchQueries: the benchmark's query set is exactly 100 queries and has
// each kind a clerk types.
func TestBenchQueries(t *testing.T) {
	qs := app.BenchQueries()
	if len(qs) != 100 {
		t.Fatalf("%d benchmark queries, want 100", len(qs))
	}
	has := func(what string, ok func(string) bool) {
		for _, q := range qs {
			if ok(q) {
				return
			}
		}
		t.Errorf("no %s query", what)
	}
	has("phrase", func(q string) bool { return strings.HasPrefix(q, `"`) })
	has("so: field", func(q string) bool { return strings.HasPrefix(q, "so:") })
	has("loai: field", func(q string) bool { return strings.HasPrefix(q, "loai:") })
	has("nam: field", func(q string) bool { return strings.HasPrefix(q, "nam:") })
	has("coquan: field", func(q string) bool { return strings.HasPrefix(q, "coquan:") })
	has("minus word", func(q string) bool { return strings.Contains(q, " -") })
	has("OR", func(q string) bool { return strings.Contains(q, " OR ") })
	has("without diacritics", func(q string) bool { return q == "tinh gian bien che" })
	has("with diacritics", func(q string) bool { return q == "tinh giản biên chế" })
	has("half-typed", func(q string) bool { return q == "tinh gi" })
}

// TestFTS5Translation: the baseline reads the same query strings as fairly as
// FTS5 allows.
func TestFTS5Translation(t *testing.T) {
	f := &app.FTS5{PrefixLast: true}
	for _, c := range []struct{ q, want string }{
		{"tinh gian bien che", `"tinh" AND "gian" AND "bien" AND "che"*`},
		{"tinh giản biên chế", `"tinh" AND "giản" AND "biên" AND "chế"*`},
		{"đảng viên", `"dảng" AND "viên"*`}, // unicode61 removes the rest
		{`"sắp xếp tổ chức bộ máy"`, `"sắp xếp tổ chức bộ máy"`},
		{"74-KL/TW", `"74 KL TW"`},
		{"kl 74", `"kl" AND "74"*`},
		{"bien che -tinh", `("bien" AND "che") NOT "tinh"`},
		{"thi tuyển OR xét tuyển", `"thi" AND ("tuyển" OR "xét") AND "tuyển"*`}, // OR binds tighter, as in chidao
		{"chuyen doi so OR du lieu -ngan", `("chuyen" AND "doi" AND ("so" OR "du") AND "lieu") NOT "ngan"`},
		{"nam:2019-2021 bien c", `"bien" AND "c"*`},
		{`loai:"kế hoạch" bảo vệ bí mật`, `"bảo" AND "vệ" AND "bí" AND "mật"*`},
		{"so:74-KL/TW", ``},
		{"nam:2025 chuyen doi so", `"chuyen" AND "doi" AND "so"*`},
	} {
		if got := f.FTS5Match(c.q); got != c.want {
			t.Errorf("%q → %s, want %s", c.q, got, c.want)
		}
	}
}

// TestBenchLibrarySmall builds a 50-document synthetic library: at least 30
// clauses a document, a sound library, the same on every build, and searchable.
func TestBenchLibrarySmall(t *testing.T) {
	needCorpus(t)
	ctx := context.Background()
	dir := t.TempDir()
	calls := 0
	bb, err := app.BuildBenchLibrary(ctx, dir, 50, func(done, total int) { calls++ })
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v", bb)
	if bb.Documents != 50 || bb.Clauses < 1500 || calls != 50 {
		t.Fatalf("built %d documents, %d clauses, %d progress calls; want 50, ≥ 1500, 50", bb.Documents, bb.Clauses, calls)
	}
	if _, err := app.BuildBenchLibrary(ctx, dir, 1, nil); err == nil {
		t.Error("a second build into the same folder did not fail")
	}
	l, err := app.Open(ctx, dir, app.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	r, err := l.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK || r.Documents != 50 {
		t.Fatalf("check: %+v", r)
	}
	n := 0
	if err := l.AllClauses(ctx, func(_ store.Document, _ store.Clause) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	if n != bb.Clauses {
		t.Errorf("library holds %d clauses, build said %d", n, bb.Clauses)
	}
	res, err := l.SearchClauses(ctx, index.Query{Text: "tinh giản biên chế", Size: 10})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total == 0 || len(res.Hits) == 0 {
		t.Error("no hit for tinh giản biên chế in the synthetic library")
	}

	// The same seed gives the same library.
	dir2 := t.TempDir()
	if _, err := app.BuildBenchLibrary(ctx, dir2, 3, nil); err != nil {
		t.Fatal(err)
	}
	l2, err := app.Open(ctx, dir2, app.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l2.Close()
	a, _ := l.Clauses(ctx, 2)
	b, _ := l2.Clauses(ctx, 2)
	if len(a) == 0 || len(a) != len(b) || a[len(a)-1] != b[len(b)-1] {
		t.Error("two builds differ")
	}
	sb, err := app.RunSearchBench(ctx, l, app.BenchQueries()[:10], 1)
	if err != nil {
		t.Fatal(err)
	}
	if sb.Runs != 10 || sb.P95 <= 0 || sb.HeapInUse == 0 {
		t.Errorf("search bench: %+v", sb)
	}
}

// TestSearchQuality judges chidao's clause search and the FTS5 baseline on the
// quality set, over the corpus texts: recall@10 and MRR. chidao must do at
// least as well as the baseline.
func TestSearchQuality(t *testing.T) {
	needCorpus(t)
	ctx := context.Background()
	l, err := app.OpenQualityLibrary(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	set, err := app.QualitySet()
	if err != nil {
		t.Fatal(err)
	}
	if len(set) < 40 {
		t.Fatalf("only %d quality queries", len(set))
	}
	f, took, err := app.BuildFTS5Baseline(ctx, l, filepath.Join(t.TempDir(), "fts5.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	t.Logf("FTS5 baseline built in %v", took)
	ours, err := app.EvalChidao(ctx, l, set)
	if err != nil {
		t.Fatal(err)
	}
	peer, err := app.EvalFTS5(ctx, l, f, set)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("chidao: recall@10 %.3f, MRR %.3f over %d queries", ours.Recall10, ours.MRR, ours.Queries)
	t.Logf("FTS5:   recall@10 %.3f, MRR %.3f", peer.Recall10, peer.MRR)
	for i, s := range ours.PerQuery {
		p := peer.PerQuery[i]
		if s.Recall < 1 || s.RR < 1 {
			t.Logf("%-55q chidao R@10 %.2f RR %.2f | FTS5 R@10 %.2f RR %.2f; missed %v; chidao top %v",
				s.Query, s.Recall, s.RR, p.Recall, p.RR, s.Missed, firstRefs(s.Top, 3))
		}
	}
	if ours.Recall10 < peer.Recall10 {
		t.Errorf("chidao recall@10 %.3f below FTS5's %.3f", ours.Recall10, peer.Recall10)
	}
	if ours.MRR < peer.MRR {
		t.Errorf("chidao MRR %.3f below FTS5's %.3f", ours.MRR, peer.MRR)
	}
}

func firstRefs(rs []app.QualityRef, n int) []app.QualityRef {
	return rs[:min(n, len(rs))]
}

// benchLib is the synthetic library the search benchmarks share, built once
// per process.
type benchLib struct {
	once  sync.Once
	docs  int
	dir   string
	build app.BenchBuild
	err   error
}

var (
	bench1k  = &benchLib{docs: 1000}
	bench10k = &benchLib{docs: 10000}
)

func (bl *benchLib) get(b *testing.B) (string, app.BenchBuild) {
	b.Helper()
	needCorpus(b)
	bl.once.Do(func() {
		bl.dir, bl.err = os.MkdirTemp("", "chidao-searchbench-")
		if bl.err == nil {
			bl.build, bl.err = app.BuildBenchLibrary(context.Background(), bl.dir, bl.docs, nil)
		}
	})
	if bl.err != nil {
		b.Fatal(bl.err)
	}
	return bl.dir, bl.build
}

// removeSearchBenchLibraries deletes the libraries the benchmarks built; for
// TestMain, after m.Run.
func removeSearchBenchLibraries() {
	for _, bl := range []*benchLib{bench1k, bench10k} {
		if bl.dir != "" {
			os.RemoveAll(bl.dir)
		}
	}
}

// benchmarkSearch runs the benchmark queries in turn, chidao and FTS5 side by
// side, reporting the 95th percentile latency in milliseconds.
func benchmarkSearch(b *testing.B, bl *benchLib) {
	dir, bb := bl.get(b)
	ctx := context.Background()
	l, err := app.Open(ctx, dir, app.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	b.Logf("%d documents, %d clauses; index built at %.0f clauses/s", bb.Documents, bb.Clauses, bb.ClausesPerSecond)
	queries := app.BenchQueries()
	run := func(b *testing.B, search func(q string) error) {
		var lat []time.Duration
		i := 0
		for b.Loop() {
			q := queries[i%len(queries)]
			i++
			start := time.Now()
			if err := search(q); err != nil {
				b.Fatal(err)
			}
			lat = append(lat, time.Since(start))
		}
		b.ReportMetric(float64(app.Percentile(lat, 95).Microseconds())/1000, "p95-ms")
		b.ReportMetric(float64(app.Percentile(lat, 50).Microseconds())/1000, "p50-ms")
	}
	b.Run("chidao", func(b *testing.B) {
		run(b, func(q string) error {
			req := app.BenchQuery
			req.Text = q
			_, err := l.SearchClauses(ctx, req)
			return err
		})
	})
	f, _, err := app.BuildFTS5Baseline(ctx, l, filepath.Join(b.TempDir(), "fts5.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	b.Run("fts5", func(b *testing.B) {
		run(b, func(q string) error {
			_, _, err := f.Search(q, app.BenchQuery.Size)
			return err
		})
	})
}

// BenchmarkSearch measures search over a 1,000-document synthetic library
// (about 35,000 clauses).
func BenchmarkSearch(b *testing.B) { benchmarkSearch(b, bench1k) }

// BenchmarkSearch300k measures search at the design's target size, 10,000
// documents and about 350,000 clauses. Building that library takes minutes:
// it runs only with CHIDAO_BENCH_FULL=1 and never with -short.
func BenchmarkSearch300k(b *testing.B) {
	if os.Getenv("CHIDAO_BENCH_FULL") != "1" || testing.Short() {
		b.Skip("set CHIDAO_BENCH_FULL=1 to build the 10,000-document library")
	}
	benchmarkSearch(b, bench10k)
}
