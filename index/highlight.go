package index

import (
	"unicode/utf8"

	"chidao/docs"
	"chidao/index/analysis"
)

// marker finds a query's words in a hit's text, for its highlights: what the
// term locations of the query's text and text_f terms would give, computed
// from the stored text of the page's hits instead of read from the index
// (which would walk the posting list of every common word of the query).
//
// A word is marked wherever it stands, folded (which takes in its exact
// spelling), with the completions of the last word while typed and, in the
// typos stage, the words one edit away from a long one; a phrase, or a word
// that analyzes to several tokens ("74-KL/TW"), where its tokens stand in a
// row, exactly or, typed without marks, folded. Negated parts mark nothing,
// nor do fields that are not text (loai:, coquan:, dieu:, donvi:,
// trangthai:, a number).
type marker struct {
	words map[string]bool // folded words
	fuzzy []string        // folded words matched within one edit
	seqs  []markSeq
}

type markSeq struct {
	terms  []string
	folded bool // compare folded tokens; else exact ones
}

// newMarker gathers the marks of a parse tree; completions lists the
// completions of the last word (nil for none), fuzzy adds typo matches.
func newMarker(n *node, completions []string, fuzzy bool) *marker {
	m := &marker{words: map[string]bool{}}
	for _, c := range completions {
		m.words[c] = true
	}
	m.add(n, fuzzy)
	return m
}

func (m *marker) add(n *node, fuzzy bool) {
	if n == nil || n.neg {
		return
	}
	switch n.kind {
	case nWord:
		m.word(n.text, fuzzy)
	case nPhrase:
		exact := analysis.Terms(analysis.Exact(), n.text)
		if len(exact) == 0 {
			return
		}
		folded := foldTerms(exact)
		if equal(exact, folded) {
			m.seqs = append(m.seqs, markSeq{folded, true})
		} else {
			m.seqs = append(m.seqs, markSeq{exact, false})
		}
	case nField:
		switch n.field {
		case "so":
			if docs.NumberKey(n.text) == "" {
				m.word(n.text, fuzzy)
			}
		case "nam":
			if _, _, ok := yearRange(n.text); !ok {
				m.word(n.text, fuzzy)
			}
		case "loai", "coquan", "dieu", "donvi", "trangthai":
		default:
			m.word(n.text, fuzzy)
		}
	case nOr, nAnd:
		for _, k := range n.kids {
			m.add(k, fuzzy)
		}
	}
}

func (m *marker) word(w string, fuzzy bool) {
	exact := analysis.Terms(analysis.Exact(), w)
	switch {
	case len(exact) == 0:
	case len(exact) > 1:
		m.seqs = append(m.seqs, markSeq{foldTerms(exact), true})
	default:
		f := analysis.Fold(exact[0])
		m.words[f] = true
		if fuzzy && isTypoCandidate(f) {
			m.fuzzy = append(m.fuzzy, f)
		}
	}
}

// spans returns the byte ranges of the marked words in text.
func (m *marker) spans(text string) [][2]int {
	if m == nil || text == "" {
		return nil
	}
	toks := analysis.Exact().Analyze([]byte(text))
	if len(toks) == 0 {
		return nil
	}
	exact := make([]string, len(toks))
	folded := make([]string, len(toks))
	for i, t := range toks {
		exact[i] = string(t.Term)
		folded[i] = analysis.Fold(exact[i])
	}
	var out [][2]int
	for i, t := range toks {
		f := folded[i]
		hit := m.words[f]
		for _, w := range m.fuzzy {
			if !hit && withinOneEdit(f, w) {
				hit = true
			}
		}
		if hit {
			out = append(out, [2]int{t.Start, t.End})
		}
	}
	for _, s := range m.seqs {
		have := exact
		if s.folded {
			have = folded
		}
		for i := 0; i+len(s.terms) <= len(have); i++ {
			if equal(have[i:i+len(s.terms)], s.terms) {
				for _, t := range toks[i : i+len(s.terms)] {
					out = append(out, [2]int{t.Start, t.End})
				}
			}
		}
	}
	return out
}

// withinOneEdit reports whether a and b are at most one insertion, deletion
// or substitution of a letter apart (Levenshtein distance ≤ 1, as bleve's
// fuzzy query with fuzziness 1).
func withinOneEdit(a, b string) bool {
	if a == b {
		return true
	}
	la, lb := utf8.RuneCountInString(a), utf8.RuneCountInString(b)
	if la-lb > 1 || lb-la > 1 {
		return false
	}
	ra, rb := []rune(a), []rune(b)
	i := 0
	for i < len(ra) && i < len(rb) && ra[i] == rb[i] {
		i++
	}
	switch {
	case la == lb: // one substitution
		return string(ra[i+1:]) == string(rb[i+1:])
	case la > lb: // one deletion from a
		return string(ra[i+1:]) == string(rb[i:])
	default:
		return string(ra[i:]) == string(rb[i+1:])
	}
}
