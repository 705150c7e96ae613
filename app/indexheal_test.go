package app_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"chidao/app"
	"chidao/index"
)

// healLibrary makes a library of three corpus texts in dir, closed, and
// returns the number of documents.
func healLibrary(t *testing.T, dir string) int {
	t.Helper()
	l, err := app.Open(context.Background(), dir, app.Options{})
	if err != nil {
		t.Fatal(err)
	}
	importPaths(t, l, filepath.Join(corpus, "text", "kh-tu-2020-thuc-hien-kl74-tw.txt"),
		filepath.Join(corpus, "text", "kl221-tw-2025-bo-may-htct-chinh-quyen-2-cap.txt"),
		filepath.Join(corpus, "text", "kh141-2025-ubnd-bacninh-nang-luc-cbcc-nq66.txt"))
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return 3
}

// reopenHealed opens dir, which must succeed, and returns the rebuild reason
// Open reported ("" when none) and the documents a search finds.
func reopenHealed(t *testing.T, dir string) (string, int) {
	t.Helper()
	reason := ""
	last := -1
	l, err := app.Open(context.Background(), dir, app.Options{OnRebuild: func(r string, done, total int) {
		reason, last = r, done
	}})
	if err != nil {
		t.Fatalf("open after damage: %v", err)
	}
	defer l.Close()
	if reason != "" && last < 1 {
		t.Errorf("rebuild reported no progress (last %d)", last)
	}
	res, err := l.SearchClauses(context.Background(), index.Query{Text: "cán bộ", Size: 50, GroupByDocument: true})
	if err != nil {
		t.Fatalf("search after damage: %v", err)
	}
	docs := map[int64]bool{}
	for _, h := range res.Hits {
		docs[h.DocumentID] = true
	}
	rep, err := l.Check(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK {
		t.Errorf("check after healing: %v", rep.Problems)
	}
	if _, err := os.Stat(filepath.Join(dir, "index.rebuilding")); err == nil {
		t.Error("rebuild marker left behind")
	}
	return reason, len(docs)
}

// segments lists the index's .zap files, largest first.
func segments(t *testing.T, dir string) []string {
	t.Helper()
	zs, _ := filepath.Glob(filepath.Join(dir, "index", "store", "*.zap"))
	sort.Slice(zs, func(i, j int) bool {
		a, _ := os.Stat(zs[i])
		b, _ := os.Stat(zs[j])
		return a.Size() > b.Size()
	})
	if len(zs) == 0 {
		t.Fatal("no index segment")
	}
	return zs
}

// TestIndexHealsAtOpen: whatever is wrong with the index — the derived part
// of a library — Open detects it, rebuilds it with progress and the library
// works: search finds every document and check is clean.
func TestIndexHealsAtOpen(t *testing.T) {
	needCorpus(t)
	cases := []struct {
		name   string
		damage func(t *testing.T, dir string)
		want   string // words of the reason, alternatives split by |; "" when no rebuild is needed
	}{
		{"intact", func(*testing.T, string) {}, ""},
		{"root.bolt emptied", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, "index", "store", "root.bolt"), nil, 0o644)
		}, "hỏng"},
		{"root.bolt garbage", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, "index", "store", "root.bolt"), []byte("not a bolt file at all, sorry"), 0o644)
		}, "hỏng"},
		{"segment truncated", func(t *testing.T, dir string) {
			z := segments(t, dir)[0]
			os.Truncate(z, 100)
		}, "không khớp|hỏng"},
		{"segment overwritten", func(t *testing.T, dir string) {
			z := segments(t, dir)[0]
			b, _ := os.ReadFile(z)
			for i := len(b) / 3; i < len(b); i += 7 {
				b[i] ^= 0x5a
			}
			os.WriteFile(z, b, 0o644)
		}, ""},
		{"segment deleted", func(t *testing.T, dir string) {
			// bleve falls back to an older snapshot, which lacks documents.
			os.Remove(segments(t, dir)[0])
		}, "không khớp|hỏng"},
		{"index_meta.json garbage", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, "index", "index_meta.json"), []byte("{"), 0o644)
		}, "hỏng"},
		{"index folder gone", func(t *testing.T, dir string) {
			os.RemoveAll(filepath.Join(dir, "index"))
		}, "Chưa có"},
		{"index folder is a file", func(t *testing.T, dir string) {
			os.RemoveAll(filepath.Join(dir, "index"))
			os.WriteFile(filepath.Join(dir, "index"), []byte("x"), 0o644)
		}, "hỏng"},
		{"rebuild interrupted", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, "index.rebuilding"), nil, 0o644)
		}, "chưa xong"},
		{"index of another library", func(t *testing.T, dir string) {
			other := t.TempDir()
			l, err := app.Open(context.Background(), other, app.Options{})
			if err != nil {
				t.Fatal(err)
			}
			importPaths(t, l, filepath.Join(corpus, "text", "kh-tu-2020-thuc-hien-kl74-tw.txt"))
			l.Close()
			os.RemoveAll(filepath.Join(dir, "index"))
			if err := os.Rename(filepath.Join(other, "index"), filepath.Join(dir, "index")); err != nil {
				t.Fatal(err)
			}
		}, "không khớp"},
		{"index of another version", func(t *testing.T, dir string) {
			l, err := app.Open(context.Background(), dir, app.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if err := app.SetMetaForTest(l, "index_version", strconv.Itoa(index.Version-1)); err != nil {
				t.Fatal(err)
			}
			l.Close()
		}, "phiên bản"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			n := healLibrary(t, dir)
			tc.damage(t, dir)
			reason, found := reopenHealed(t, dir)
			t.Logf("reason: %q", reason)
			if tc.want != "" && !slices.ContainsFunc(strings.Split(tc.want, "|"), func(w string) bool { return strings.Contains(reason, w) }) {
				t.Errorf("rebuild reason %q, want one saying %q", reason, tc.want)
			}
			if tc.want == "" && tc.name == "intact" && reason != "" {
				t.Errorf("an intact index was rebuilt: %q", reason)
			}
			if found != n {
				t.Errorf("search finds %d documents after healing, want %d", found, n)
			}
			// And it stays healed.
			if reason, _ := reopenHealed(t, dir); reason != "" {
				t.Errorf("second open rebuilt again: %q", reason)
			}
		})
	}
}
