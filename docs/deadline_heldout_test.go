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
	"testing"
)

const dlHeldOutFile = "testdata/deadlines-heldout.tsv"

func TestDeadlineHeldOut(t *testing.T) {
	labels := dlLoadLabels(t, dlHeldOutFile)

	// The set itself: the size it was built to, and held out from deadlines.tsv.
	files, nPos, nNeg, nExpr := dlSetSize(labels)
	if nExpr < 45 || len(files) < 8 || nNeg < 8 {
		t.Errorf("held-out set too small: %d expressions from %d files, %d negatives (want ≥45, ≥8, ≥8)",
			nExpr, len(files), nNeg)
	}
	seen := map[string]bool{}
	for _, l := range dlLoadLabels(t, dlLabelsFile) {
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
