package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"chidao/app"
)

// ImportRun is one timed import of a folder into a fresh library.
type ImportRun struct {
	Files, Pages, Failed int
	Elapsed              time.Duration
}

// BenchImport imports paths into a new library in a temporary folder and times
// it, extraction, parsing, storing and indexing included.
func BenchImport(ctx context.Context, paths []string, opts app.Options) (ImportRun, error) {
	dir, err := os.MkdirTemp("", "chidao-bench-")
	if err != nil {
		return ImportRun{}, err
	}
	defer os.RemoveAll(dir)
	l, err := app.Open(ctx, dir, opts)
	if err != nil {
		return ImportRun{}, err
	}
	defer l.Close()
	start := time.Now()
	res, err := l.Import(ctx, paths, nil)
	run := ImportRun{Elapsed: time.Since(start)}
	for _, r := range res {
		switch r.Status {
		case app.Imported:
			run.Files++
			run.Pages += r.Pages
		case app.Failed:
			run.Failed++
		}
	}
	return run, err
}

// peerPDFToText times poppler's pdftotext (the extractor desktop indexers such
// as Recoll use for PDF) over the same PDFs, as the peer baseline.
func peerPDFToText(ctx context.Context, paths []string) (time.Duration, int, error) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		return 0, 0, err
	}
	files, _, _ := app.Collect(paths)
	start := time.Now()
	n := 0
	for _, f := range files {
		if !strings.EqualFold(filepath.Ext(f), ".pdf") {
			continue
		}
		if err := exec.CommandContext(ctx, "pdftotext", "-q", f, os.DevNull).Run(); err == nil {
			n++
		}
	}
	return time.Since(start), n, nil
}

func median(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

func cmdBench(ctx context.Context, g Globals, args []string, out, errw io.Writer) error {
	if len(args) > 0 && args[0] == "search" {
		return cmdBenchSearch(ctx, g, args[1:], out, errw)
	}
	if len(args) > 0 && args[0] == "start" {
		return cmdBenchStart(ctx, g, args[1:], out, errw)
	}
	repeat := 5
	pos, err := subFlags("bench", &g, args, func(fs *flag.FlagSet) { fs.IntVar(&repeat, "repeat", repeat, "") })
	if err != nil {
		return err
	}
	if len(pos) < 2 || pos[0] != "import" {
		return usageError{"bench: cách dùng: chidao bench import THƯ_MỤC... [--repeat N] | chidao bench search [--docs N] [--rounds N] [--corpus DIR] [--keep DIR] | chidao --library DIR bench start [--runs N] [--drop-caches]"}
	}
	if repeat < 1 {
		repeat = 1
	}
	var times, peer []time.Duration
	var last ImportRun
	peerFiles := 0
	for i := 0; i < repeat; i++ {
		run, err := BenchImport(ctx, pos[1:], app.Options{})
		if err != nil {
			return err
		}
		last = run
		times = append(times, run.Elapsed)
		if d, n, err := peerPDFToText(ctx, pos[1:]); err == nil {
			peer = append(peer, d)
			peerFiles = n
		}
	}
	m := median(times)
	res := map[string]any{
		"files": last.Files, "pages": last.Pages, "failed": last.Failed, "runs": repeat,
		"median_seconds":   m.Seconds(),
		"files_per_second": float64(last.Files) / m.Seconds(),
		"pages_per_second": float64(last.Pages) / m.Seconds(),
	}
	if len(peer) > 0 {
		res["peer"] = "pdftotext (poppler), PDFs only, extraction only"
		res["peer_files"] = peerFiles
		res["peer_median_seconds"] = median(peer).Seconds()
	}
	if g.JSON {
		return writeJSON(out, res)
	}
	fmt.Fprintf(out, "chidao import: %d tệp, %d trang, %d lỗi; trung vị %d lần: %.2f s — %.1f tệp/s, %.1f trang/s\n",
		last.Files, last.Pages, last.Failed, repeat, m.Seconds(), res["files_per_second"], res["pages_per_second"])
	if len(peer) > 0 {
		fmt.Fprintf(out, "đối chứng pdftotext: %d PDF, trung vị %.2f s\n", peerFiles, median(peer).Seconds())
	}
	return nil
}
