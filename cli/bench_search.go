package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"chidao/app"
)

// SearchBenchReport is what `bench search` measured: the synthetic library's
// build, the latency of chidao and of the FTS5 baseline over the benchmark
// queries, and the quality set's scores on the corpus.
type SearchBenchReport struct {
	Library      string            `json:"library"`
	Reused       bool              `json:"reused"`
	Build        app.BenchBuild    `json:"build"`
	FTS5Build    time.Duration     `json:"fts5_build_ns"`
	Chidao       app.SearchBench   `json:"chidao"`
	FTS5         app.SearchBench   `json:"fts5"`
	Quality      app.QualityResult `json:"quality_chidao"`
	QualityFTS5  app.QualityResult `json:"quality_fts5"`
	QualityError string            `json:"quality_error,omitempty"`
}

// cmdBenchSearch is `chidao bench search [--docs N] [--rounds N] [--corpus DIR]
// [--keep DIR]`: it builds a synthetic library of N documents from the corpus
// clauses (or reuses the one in --keep DIR), measures chidao's clause search
// and the FTS5 baseline over the same 100 queries, and scores both on the
// quality set over the corpus itself.
func cmdBenchSearch(ctx context.Context, g Globals, args []string, out, errw io.Writer) error {
	docs, rounds := 10000, 3
	corpus, keep := app.BenchCorpusDir, ""
	pos, err := subFlags("bench search", &g, args, func(fs *flag.FlagSet) {
		fs.IntVar(&docs, "docs", docs, "")
		fs.IntVar(&rounds, "rounds", rounds, "")
		fs.StringVar(&corpus, "corpus", corpus, "")
		fs.StringVar(&keep, "keep", keep, "")
	})
	if err != nil {
		return err
	}
	if len(pos) > 0 && pos[0] == "search" {
		pos = pos[1:]
	}
	if len(pos) > 0 || docs < 1 || rounds < 1 {
		return usageError{"bench search: cách dùng: chidao bench search [--docs 10000] [--rounds 3] [--corpus THƯ_MỤC] [--keep THƯ_MỤC]"}
	}
	app.BenchCorpusDir = corpus
	work, err := os.MkdirTemp("", "chidao-bench-search-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	rep := SearchBenchReport{Library: keep}
	if keep == "" {
		rep.Library = filepath.Join(work, "synthetic")
	}
	say := func(format string, a ...any) {
		if !g.JSON {
			fmt.Fprintf(out, format, a...)
		}
	}

	if _, err := os.Stat(filepath.Join(rep.Library, "chidao.db")); err == nil {
		rep.Reused = true
		say("Dùng lại thư viện tổng hợp %s.\n", rep.Library)
	} else {
		say("Tạo thư viện tổng hợp %d văn bản từ %s ...\n", docs, corpus)
		last := time.Now()
		rep.Build, err = app.BuildBenchLibrary(ctx, rep.Library, docs, func(done, total int) {
			if time.Since(last) > 5*time.Second || done == total {
				last = time.Now()
				fmt.Fprintf(errw, "\r%d/%d văn bản", done, total)
				if done == total {
					fmt.Fprintln(errw)
				}
			}
		})
		if err != nil {
			return fmt.Errorf("không tạo được thư viện tổng hợp: %w", err)
		}
		b := rep.Build
		say("%d văn bản, %d điều khoản; ghi CSDL %.1f s, lập chỉ mục %.1f s — %.0f điều khoản/s\n",
			b.Documents, b.Clauses, b.DBTime.Seconds(), b.IndexTime.Seconds(), b.ClausesPerSecond)
	}

	l, err := app.Open(ctx, rep.Library, app.Options{})
	if err != nil {
		return fmt.Errorf("không mở được thư viện tổng hợp %s: %w", rep.Library, err)
	}
	defer l.Close()
	queries := app.BenchQueries()
	if rep.Chidao, err = app.RunSearchBench(ctx, l, queries, rounds); err != nil {
		return err
	}
	f, took, err := app.BuildFTS5Baseline(ctx, l, filepath.Join(work, "fts5.db"))
	if err != nil {
		return fmt.Errorf("không tạo được đối chứng FTS5: %w", err)
	}
	defer f.Close()
	rep.FTS5Build = took
	if rep.FTS5, err = app.RunFTS5Bench(ctx, f, queries, rounds); err != nil {
		return err
	}
	if err := l.Close(); err != nil {
		return err
	}

	// The quality set is judged on the corpus itself, not on the recombined clauses.
	if err := benchQuality(ctx, &rep, filepath.Join(work, "corpus")); err != nil {
		rep.QualityError = err.Error()
	}

	if g.JSON {
		return writeJSON(out, rep)
	}
	ms := func(d time.Duration) string { return fmt.Sprintf("%7.2f ms", float64(d.Microseconds())/1000) }
	say("\n%d truy vấn × %d lượt (sau 1 lượt khởi động):\n", len(queries), rounds)
	say("%-14s %10s %10s %10s %10s %10s %8s\n", "", "p50", "p95", "p99", "trung bình", "lớn nhất", "0 kết quả")
	for _, s := range []app.SearchBench{rep.Chidao, rep.FTS5} {
		say("%-14s %10s %10s %10s %10s %10s %8d\n", s.Engine, ms(s.P50), ms(s.P95), ms(s.P99), ms(s.Mean), ms(s.Max), s.NoHits)
	}
	say("đối chứng FTS5 tạo trong %.1f s\n", rep.FTS5Build.Seconds())
	say("chậm nhất (chidao, trung vị):")
	for _, q := range rep.Chidao.Slowest {
		say(" %q %.1f ms;", q.Query, float64(q.Median.Microseconds())/1000)
	}
	mb := func(n uint64) float64 { return float64(n) / (1 << 20) }
	say("\nbộ nhớ sau khi đo chidao: heap Go %.0f MB, RSS %.0f MB; sau khi đo cả FTS5: heap Go %.0f MB, RSS %.0f MB\n",
		mb(rep.Chidao.HeapInUse), mb(rep.Chidao.RSS), mb(rep.FTS5.HeapInUse), mb(rep.FTS5.RSS))
	if rep.QualityError != "" {
		say("chất lượng: không đo được (%s)\n", rep.QualityError)
		return nil
	}
	say("\nchất lượng (%d truy vấn trên kho văn bản):\n", rep.Quality.Queries)
	for _, q := range []app.QualityResult{rep.Quality, rep.QualityFTS5} {
		say("%-14s recall@10 %.3f   MRR %.3f\n", q.Engine, q.Recall10, q.MRR)
	}
	return nil
}

// benchQuality imports the corpus into a library in dir and scores chidao and
// the FTS5 baseline on the quality set there.
func benchQuality(ctx context.Context, rep *SearchBenchReport, dir string) error {
	set, err := app.QualitySet()
	if err != nil {
		return err
	}
	l, err := app.OpenQualityLibrary(ctx, dir)
	if err != nil {
		return err
	}
	defer l.Close()
	f, _, err := app.BuildFTS5Baseline(ctx, l, filepath.Join(dir, "fts5.db"))
	if err != nil {
		return err
	}
	defer f.Close()
	if rep.Quality, err = app.EvalChidao(ctx, l, set); err != nil {
		return err
	}
	rep.QualityFTS5, err = app.EvalFTS5(ctx, l, f, set)
	return err
}
