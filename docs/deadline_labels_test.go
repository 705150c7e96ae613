package docs

// TestDeadlineLabels scores FindDeadlines against testdata/deadlines.tsv, a
// set of corpus sentences whose time expressions were labelled by reading
// them against the readings documented on Deadline, not by running the code.
//
// The file has three tab-separated columns:
//
//	file      the document under the corpus, e.g. "text/kh-tu-2020-thuc-hien-kl74-tw.txt"
//	sentence  a sentence or a fragment of one (at most 400 characters), as it
//	          stands in the file once every run of white space is one space
//	expected  every expression the sentence must yield, as dlRow prints it
//	          ("text|from|due|recurrence|period", dates ISO, "-" when zero),
//	          joined by " ; "; empty when the sentence holds a time phrase
//	          that is not a deadline (a citation, a baseline, a name, a
//	          duration, a date without a year)
//
// Lines starting with "#" are comments; the first other line is the header.

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

const dlLabelsFile = "testdata/deadlines.tsv"

// dlLabel is one labelled sentence.
type dlLabel struct {
	line     int
	file     string
	sentence string
	want     []string // dlRow renderings; empty for a negative
}

var dlSpaceRe = regexp.MustCompile(`\s+`)

// dlNormSpace is the NFC text with every run of white space made one space.
func dlNormSpace(s string) string {
	return strings.TrimSpace(dlSpaceRe.ReplaceAllString(norm.NFC.String(s), " "))
}

// dlLoadLabels reads a labelled TSV in the deadlines.tsv format from path.
func dlLoadLabels(t *testing.T, path string) []dlLabel {
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

// dlExactKey is the part of a dlRow rendering that must match for an
// expression to count as exact: text, from, due and recurrence.
func dlExactKey(row string) string {
	if i := strings.LastIndex(row, "|"); i >= 0 {
		return row[:i]
	}
	return row
}

func TestDeadlineLabels(t *testing.T) {
	labels := dlLoadLabels(t, dlLabelsFile)

	// The set itself: the size the issue asks for.
	files, nPos, nNeg, nExpr := dlSetSize(labels)
	if len(labels) < 60 || len(files) < 10 || nNeg < 8 || nExpr < 40 {
		t.Errorf("labelled set too small: %d sentences from %d files, %d negatives, %d expressions (want ≥60, ≥10, ≥8, ≥40)",
			len(labels), len(files), nNeg, nExpr)
	}

	t.Run("occurs", func(t *testing.T) { dlCheckOccurs(t, dlLabelsFile, labels) })
	sc := dlScore(t, labels)
	exact, periodOK, found, extra, negHits := sc.exact, sc.periodOK, sc.found, sc.extra, sc.negHits

	acc := float64(exact) / float64(max(nExpr, 1))
	prec := float64(found-extra) / float64(max(found, 1))
	t.Logf("%d sentences from %d files (%d with deadlines, %d negatives): %d/%d expressions exact (%.1f%%), %d with the period too; %d found, %d extra: precision %.1f%%",
		len(labels), len(files), nPos, nNeg, exact, nExpr, 100*acc, periodOK, found, extra, 100*prec)
	if acc < 0.95 {
		t.Errorf("exact-date accuracy %.1f%% (%d/%d), want at least 95%%", 100*acc, exact, nExpr)
	}
	if negHits > 0 {
		t.Errorf("%d negative sentences yield deadlines", negHits)
	}
}

// dlCheckOccurs checks that each labelled sentence of src stands in its
// corpus file (white space runs made one space, NFC).
func dlCheckOccurs(t *testing.T, src string, labels []dlLabel) {
	if _, err := os.Stat(parseCorpus); err != nil {
		t.Fatalf("test corpus missing: %v", err)
	}
	texts := map[string]string{}
	for _, l := range labels {
		text, ok := texts[l.file]
		if !ok {
			if filepath.Ext(l.file) != ".txt" {
				t.Fatalf("%s:%d: %s is not a text file of the corpus", src, l.line, l.file)
			}
			b, err := os.ReadFile(filepath.Join(parseCorpus, filepath.FromSlash(l.file)))
			if err != nil {
				t.Fatalf("%s:%d: %v", src, l.line, err)
			}
			text = dlNormSpace(string(b))
			texts[l.file] = text
		}
		if !strings.Contains(text, l.sentence) {
			t.Errorf("%s:%d: sentence not in %s: %q", src, l.line, l.file, l.sentence)
		}
	}
}

// dlScores counts how FindDeadlines does on a labelled set.
type dlScores struct {
	exact    int // expected expressions found with text, from, due and recurrence right
	periodOK int // of those, with the period right too
	found    int // expressions found
	extra    int // found but not expected
	negHits  int // negative sentences that yield a deadline (each an error)
}

// dlScore runs FindDeadlines over every labelled sentence, logs each miss
// and extra, and reports a negative that yields a deadline as an error.
func dlScore(t *testing.T, labels []dlLabel) dlScores {
	var sc dlScores
	for _, l := range labels {
		got := FindDeadlines(l.sentence)
		checkDeadlineOffsets(t, l.sentence, got)
		rows := make([]string, len(got))
		used := make([]bool, len(got))
		for i, d := range got {
			rows[i] = dlRow(d)
		}
		sc.found += len(got)
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
			sc.exact++
			if rows[hit] == w {
				sc.periodOK++
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
		sc.extra += len(extras)
		if len(l.want) == 0 && len(got) > 0 {
			sc.negHits++
			t.Errorf("%s:%d: negative yields %q\n  in %q", l.file, l.line, rows, l.sentence)
			continue
		}
		if len(missed) > 0 || len(extras) > 0 {
			t.Logf("%s:%d: missed %q, got %q (extra %q)\n  in %q", l.file, l.line, missed, rows, extras, l.sentence)
		}
	}
	return sc
}

// dlSetSize counts a labelled set: its files, sentences with and without
// deadlines, and expected expressions.
func dlSetSize(labels []dlLabel) (files map[string]bool, nPos, nNeg, nExpr int) {
	files = map[string]bool{}
	for _, l := range labels {
		files[l.file] = true
		if len(l.want) == 0 {
			nNeg++
		} else {
			nPos++
			nExpr += len(l.want)
		}
	}
	return files, nPos, nNeg, nExpr
}
