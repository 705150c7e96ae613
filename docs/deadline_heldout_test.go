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

	t.Run("occurs", func(t *testing.T) { dlCheckOccurs(t, dlHeldOutFile, labels) })
	sc := dlScore(t, labels)
	exact, periodOK, found, extra, negHits := sc.exact, sc.periodOK, sc.found, sc.extra, sc.negHits

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
