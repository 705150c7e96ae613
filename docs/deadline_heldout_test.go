package docs

// TestDeadlineHeldOut scores FindDeadlines against testdata/deadlines-heldout.tsv,
// a second, held-out set of corpus sentences labelled by reading them against
// the readings documented on Deadline (and its recurrence constants) without
// running the code. None of its sentences is in testdata/deadlines.tsv, so it
// measures the documented behaviour on text the code was not tuned against.
//
// The file has the same three tab-separated columns as deadlines.tsv (see
// deadline_labels_test.go): file, sentence, expected. Lines starting with "#"
// are comments; the first other line is the header.

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

const dlHeldOutFile = "testdata/deadlines-heldout.tsv"

// dlLoadHeldOut reads a labelled TSV in the deadlines.tsv format from path.
func dlLoadHeldOut(t *testing.T, path string) []dlLabel {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []dlLabel
	header := false
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if !header {
			if strings.Join(cols, ",") != "file,sentence,expected" {
				t.Fatalf("%s:%d: header %q, want file, sentence, expected", path, n, cols)
			}
			header = true
			continue
		}
		if len(cols) != 3 {
			t.Fatalf("%s:%d: %d columns, want 3", path, n, len(cols))
		}
		l := dlLabel{line: n, file: cols[0], sentence: cols[1]}
		if e := strings.TrimSpace(cols[2]); e != "" {
			l.want = strings.Split(e, " ; ")
		}
		if !norm.NFC.IsNormalString(line) {
			t.Errorf("%s:%d: not NFC", path, n)
		}
		if c := utf8.RuneCountInString(l.sentence); c > 400 {
			t.Errorf("%s:%d: sentence of %d characters, at most 400", path, n, c)
		}
		if l.sentence != dlNormSpace(l.sentence) {
			t.Errorf("%s:%d: sentence with white space other than single spaces", path, n)
		}
		for _, w := range l.want {
			if strings.Count(w, "|") != 4 {
				t.Errorf("%s:%d: expected %q is not text|from|due|recurrence|period", path, n, w)
			}
		}
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if !header {
		t.Fatalf("%s: no header", path)
	}
	return out
}

func TestDeadlineHeldOut(t *testing.T) {
	labels := dlLoadHeldOut(t, dlHeldOutFile)

	// The set itself: the size it was built to, and held out from deadlines.tsv.
	files := map[string]bool{}
	nPos, nNeg, nExpr := 0, 0, 0
	for _, l := range labels {
		files[l.file] = true
		if len(l.want) == 0 {
			nNeg++
		} else {
			nPos++
			nExpr += len(l.want)
		}
	}
	if nExpr < 45 || len(files) < 8 || nNeg < 8 {
		t.Errorf("held-out set too small: %d expressions from %d files, %d negatives (want ≥45, ≥8, ≥8)",
			nExpr, len(files), nNeg)
	}
	seen := map[string]bool{}
	for _, l := range dlLoadHeldOut(t, dlLabelsFile) {
		seen[l.sentence] = true
	}
	for _, l := range labels {
		if seen[l.sentence] {
			t.Errorf("%s:%d: sentence also in %s, not held out: %q", dlHeldOutFile, l.line, dlLabelsFile, l.sentence)
		}
		seen[l.sentence] = true
	}

	t.Run("occurs", func(t *testing.T) {
		if _, err := os.Stat(parseCorpus); err != nil {
			t.Skipf("corpus not available: %v", err)
		}
		texts := map[string]string{}
		for _, l := range labels {
			text, ok := texts[l.file]
			if !ok {
				if filepath.Ext(l.file) != ".txt" {
					t.Fatalf("%s:%d: %s is not a text file of the corpus", dlHeldOutFile, l.line, l.file)
				}
				b, err := os.ReadFile(filepath.Join(parseCorpus, filepath.FromSlash(l.file)))
				if err != nil {
					t.Fatalf("%s:%d: %v", dlHeldOutFile, l.line, err)
				}
				text = dlNormSpace(string(b))
				texts[l.file] = text
			}
			if !strings.Contains(text, l.sentence) {
				t.Errorf("%s:%d: sentence not in %s: %q", dlHeldOutFile, l.line, l.file, l.sentence)
			}
		}
	})

	exact, periodOK, found, extra, negHits := 0, 0, 0, 0, 0
	for _, l := range labels {
		got := FindDeadlines(l.sentence)
		checkDeadlineOffsets(t, l.sentence, got)
		rows := make([]string, len(got))
		used := make([]bool, len(got))
		for i, d := range got {
			rows[i] = dlRow(d)
		}
		found += len(got)
		var missed []string
		for _, w := range l.want {
			hit := -1
			for i, r := range rows {
				if !used[i] && r == w {
					hit = i
					break
				}
			}
			if hit < 0 {
				for i, r := range rows {
					if !used[i] && dlExactKey(r) == dlExactKey(w) {
						hit = i
						break
					}
				}
			}
			if hit < 0 {
				missed = append(missed, w)
				continue
			}
			used[hit] = true
			exact++
			if rows[hit] == w {
				periodOK++
			} else {
				t.Logf("%s:%d: period differs: got %q, want %q", l.file, l.line, rows[hit], w)
			}
		}
		var extras []string
		for i, r := range rows {
			if !used[i] {
				extras = append(extras, r)
			}
		}
		extra += len(extras)
		if len(l.want) == 0 && len(got) > 0 {
			negHits++
			t.Errorf("%s:%d: negative yields %q\n  in %q", l.file, l.line, rows, l.sentence)
			continue
		}
		if len(missed) > 0 || len(extras) > 0 {
			t.Logf("%s:%d: MISS expected %q, got %q (extra %q)\n  in %q", l.file, l.line, missed, rows, extras, l.sentence)
		}
	}

	acc := float64(exact) / float64(max(nExpr, 1))
	prec := float64(found-extra) / float64(max(found, 1))
	t.Logf("held out: %d sentences from %d files (%d with deadlines, %d negatives): %d/%d expressions exact (%.1f%%), %d with the period too; %d found, %d extra: precision %.1f%%",
		len(labels), len(files), nPos, nNeg, exact, nExpr, 100*acc, periodOK, found, extra, 100*prec)
	if acc < 0.95 {
		t.Errorf("held-out exact accuracy %.1f%% (%d/%d), want at least 95%%", 100*acc, exact, nExpr)
	}
	if negHits > 0 {
		t.Errorf("%d held-out negative sentences yield deadlines", negHits)
	}
}
