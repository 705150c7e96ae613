package index

import (
	"chidao/internal/testcorpus"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The benchmarks index a synthetic library made of real paragraphs of the
// corpus (testdata/corpus/text/*.txt split on blank lines), reused with
// their words rotated when more clauses are asked for than the corpus has.
// One clause in five has a task. CHIDAO_BENCH_CLAUSES sets the size
// (default 20,000; the target library is 300,000); CHIDAO_BENCH_DIR keeps
// BenchmarkSearch's index between runs.

var corpusDir = testcorpus.Path("text")

func benchClauses() int {
	if n, err := strconv.Atoi(os.Getenv("CHIDAO_BENCH_CLAUSES")); err == nil && n > 0 {
		return n
	}
	return 20000
}

var (
	paraOnce sync.Once
	paras    []string
)

func corpusParagraphs(tb testing.TB) []string {
	paraOnce.Do(func() {
		files, _ := filepath.Glob(filepath.Join(corpusDir, "*.txt"))
		sort.Strings(files)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				continue
			}
			for _, p := range strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n\n") {
				if p = strings.TrimSpace(p); len(p) > 20 {
					paras = append(paras, p)
				}
			}
		}
	})
	if len(paras) == 0 {
		tb.Skip("corpus absent: " + corpusDir)
	}
	return paras
}

// synthDoc is one synthetic document: its metadata and clauses.
type synthDoc struct {
	doc     Document
	clauses []Clause
}

func synthLibrary(tb testing.TB, nClauses int) []synthDoc {
	ps := corpusParagraphs(tb)
	kinds := []string{"Kế hoạch", "Nghị quyết", "Kết luận", "Chỉ thị", "Quyết định", "Thông báo", "Hướng dẫn", "Công văn"}
	codes := []string{"KH", "NQ", "KL", "CT", "QĐ", "TB", "HD", "CV"}
	issuers := []string{"Bộ Chính trị", "Ban Bí thư", "Tỉnh ủy Tuyên Quang", "Ủy ban nhân dân tỉnh", "Ban Tổ chức Trung ương", "Văn phòng Trung ương Đảng"}
	const perDoc = 30
	var out []synthDoc
	for i := 0; i < nClauses; i += perDoc {
		id := int64(len(out) + 1)
		k := int(id) % len(kinds)
		y := 2010 + int(id)%16
		d := Document{
			ID: id, Kind: kinds[k], Number: fmt.Sprintf("%d-%s/TW", id, codes[k]),
			Date: fmt.Sprintf("%d-%02d-%02d", y, 1+int(id)%12, 1+int(id)%28), Issuer: issuers[int(id)%len(issuers)],
			Format: "pdf", File: fmt.Sprintf("vb-%d.pdf", id),
		}
		d.Subject = firstWords(ps[(i*7)%len(ps)], 14)
		d.Title = d.Kind + " " + d.Subject
		sd := synthDoc{doc: d}
		for s := 0; s < perDoc && i+s < nClauses; s++ {
			n := i + s
			text := ps[n%len(ps)]
			if r := n / len(ps); r > 0 {
				text = rotateWords(text, r*7)
			}
			c := Clause{
				DocumentID: id, Seq: s + 1, Address: fmt.Sprintf("B.II.%d", s+1),
				HeadingPath: "NHIỆM VỤ VÀ GIẢI PHÁP › " + firstWords(ps[(n+1)%len(ps)], 8),
				Text:        text, Page: 1 + s/5,
			}
			if n%5 == 0 { // a task from one clause in five
				st := taskStatuses[(n/5)%len(taskStatuses)]
				c.TaskStatuses = []string{st}
				if isOpen(st) {
					c.TaskDue = fmt.Sprintf("%d-%02d-%02d", 2024+n%4, 1+n%12, 1+n%28)
				}
			}
			sd.clauses = append(sd.clauses, c)
		}
		out = append(out, sd)
	}
	return out
}

func firstWords(s string, n int) string {
	f := strings.Fields(s)
	return strings.Join(f[:min(n, len(f))], " ")
}

func rotateWords(s string, k int) string {
	f := strings.Fields(s)
	if len(f) < 2 {
		return s
	}
	k %= len(f)
	return strings.Join(append(f[k:], f[:k]...), " ")
}

func buildLibrary(tb testing.TB, dir string, lib []synthDoc) {
	ix, err := Open(dir, time.Second, false)
	if err != nil {
		tb.Fatal(err)
	}
	defer ix.Close()
	const docsPerBatch = 100 // as app/ does
	b := ix.NewBatch()
	for i, d := range lib {
		if err := b.PutDocument(d.doc, d.clauses); err != nil {
			tb.Fatal(err)
		}
		if (i+1)%docsPerBatch == 0 || i == len(lib)-1 {
			if err := ix.Apply(b); err != nil {
				tb.Fatal(err)
			}
			b = ix.NewBatch()
		}
	}
	if err := ix.Compact(context.Background()); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkIndexBuild indexes the synthetic library into a new index, 100
// documents per batch, then compacts it, and reports clauses per second.
func BenchmarkIndexBuild(b *testing.B) {
	lib := synthLibrary(b, benchClauses())
	n := 0
	for _, d := range lib {
		n += len(d.clauses)
	}
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		buildLibrary(b, filepath.Join(b.TempDir(), "index"+strconv.Itoa(i)), lib)
	}
	b.ReportMetric(float64(n*b.N)/time.Since(start).Seconds(), "clauses/s")
}

var benchQueries = []struct{ name, q string }{
	{"folded", "tinh gian bien che"},
	{"accented", "tinh giản biên chế"},
	{"phrase", `"tổ chức bộ máy"`},
	{"common", "của các"},
	{"number", "74-KL/TW"},
	{"field", `loai:"kế hoạch" chuyển đổi số`},
	{"minus-or", "cán bộ OR công chức -đảng viên"},
	{"typo", "chuyenn doi so"},
	{"long", "Ban Thường vụ Tỉnh ủy lãnh đạo chỉ đạo thực hiện"},
	{"overdue", "trangthai:quahan"},
	{"status-words", "tinh gian bien che tt:dangthuchien"},
}

// BenchmarkSearch runs each kind of query over the synthetic library (built
// once), grouped by document with facets as the search screen asks, and
// reports the 95th percentile besides ns/op.
func BenchmarkSearch(b *testing.B) {
	// CHIDAO_BENCH_DIR keeps the built index between runs (built when absent).
	dir := os.Getenv("CHIDAO_BENCH_DIR")
	if dir == "" {
		dir = filepath.Join(b.TempDir(), "index")
	}
	if _, err := os.Stat(dir); err != nil {
		buildLibrary(b, dir, synthLibrary(b, benchClauses()))
	}
	ix, err := Open(dir, time.Second, true)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	for _, mode := range []struct {
		name string
		q    Query
	}{
		{"grouped", Query{GroupByDocument: true, Facets: true}},
		{"clauses", Query{}},
	} {
		for _, bq := range benchQueries {
			b.Run(mode.name+"/"+bq.name, func(b *testing.B) {
				q := mode.q
				q.Text = bq.q
				times := make([]time.Duration, 0, b.N)
				for i := 0; i < b.N; i++ {
					t0 := time.Now()
					if _, err := ix.Search(ctx, q); err != nil {
						b.Fatal(err)
					}
					times = append(times, time.Since(t0))
				}
				sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
				b.ReportMetric(float64(times[len(times)*95/100].Microseconds())/1000, "p95-ms")
			})
		}
	}
}
