// Package analysis holds chidao's Vietnamese text analysis for bleve, in the
// style of bleve's own analysis packages: each part is a small type registered
// in bleve's registry under a name, and the analyzers are built from those
// names.
//
// Token filters:
//
//	vi_nfc         NFC-normalizes each token (offsets keep pointing into the original text)
//	vi_fold        removes every combining mark and folds đ→d, Đ→D ("Biên chế" → "Bien che")
//	vi_number_key  replaces a whole-field token with docs.NumberKey ("74/KL-TW" → "74-kl"), dropping non-numbers
//	vi_bigram      replaces the tokens by the pairs of adjacent ones: [tuyen dung cong chuc] → [tuyen_dung dung_cong cong_chuc]
//
// Analyzers:
//
//	vi_exact           unicode tokenizer, vi_nfc, to_lower: "Biên chế" → [biên chế]
//	vi_folded          vi_exact then vi_fold: "Biên chế" → [bien che]
//	vi_keyword_folded  whole value as one token, vi_nfc, to_lower, vi_fold: "Kế hoạch" → [ke hoach]
//	vi_number          whole value as one token, vi_number_key: "Số 74-KL/TW" → [74-kl]
//	vi_bigram_folded   vi_folded then vi_bigram: "Tuyển dụng công chức" → [tuyen_dung dung_cong cong_chuc]
//
// None of them removes stop words or stems: Vietnamese syllables such as "và",
// "các", "của" are kept, and no English rule touches them.
//
// Every filter only rewrites Term: Start and End stay the byte offsets of the
// token in the text given to the analyzer, so highlights computed from the
// folded field land on the accented original.
package analysis

import (
	"unicode"
	"unicode/utf8"

	"chidao/docs"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	bleveunicode "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
	"golang.org/x/text/unicode/norm"
)

// Names under which the parts are registered.
const (
	NFCName         = "vi_nfc"
	FoldName        = "vi_fold"
	NumberKeyName   = "vi_number_key"
	ExactName       = "vi_exact"
	FoldedName      = "vi_folded"
	KeywordFoldName = "vi_keyword_folded"
	NumberName      = "vi_number"
	BigramName      = "vi_bigram"
	BigramFoldName  = "vi_bigram_folded"
)

// BigramSeparator joins the two syllables of a bigram term: "tuyen_dung".
const BigramSeparator = "_"

// NFCFilter normalizes each token's term to Unicode NFC, so that text typed
// with combining marks ("e" + U+0302 + U+0301) meets precomposed text ("ế").
type NFCFilter struct{}

// Filter implements analysis.TokenFilter.
func (NFCFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		if !isASCII(t.Term) && !norm.NFC.IsNormal(t.Term) {
			t.Term = norm.NFC.Bytes(t.Term)
		}
	}
	return in
}

// FoldFilter removes all diacritics from each token's term and folds đ to d
// and Đ to D. A token left empty (a stray combining mark) is dropped.
type FoldFilter struct{}

// Filter implements analysis.TokenFilter.
func (FoldFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	out := in[:0]
	for _, t := range in {
		if !isASCII(t.Term) {
			t.Term = foldAppend(make([]byte, 0, len(t.Term)), t.Term)
		}
		if len(t.Term) > 0 {
			out = append(out, t)
		}
	}
	return out
}

// NumberKeyFilter replaces each token with its docs.NumberKey and drops the
// tokens that hold no document number. It is meant to follow a tokenizer that
// keeps the whole value as one token.
type NumberKeyFilter struct{}

// Filter implements analysis.TokenFilter.
func (NumberKeyFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	out := in[:0]
	for _, t := range in {
		if k := docs.NumberKey(string(t.Term)); k != "" {
			t.Term = []byte(k)
			out = append(out, t)
		}
	}
	return out
}

// BigramFilter replaces the token stream by its syllable bigrams: each pair
// of adjacent tokens becomes one token "a_b", spanning both (Start of the
// first, End of the second), at the position of the first. A stream of one
// token gives none. Vietnamese words are mostly two syllables, each of them
// very common ("công", "chức"): a bigram term is rare where its syllables are
// not, so a query of adjacent words can meet on short posting lists.
type BigramFilter struct{}

// Filter implements analysis.TokenFilter.
func (BigramFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	if len(in) < 2 {
		return in[:0]
	}
	out := make(analysis.TokenStream, len(in)-1)
	toks := make([]analysis.Token, len(in)-1)
	for i := range toks {
		a, b := in[i], in[i+1]
		term := make([]byte, 0, len(a.Term)+len(BigramSeparator)+len(b.Term))
		term = append(append(append(term, a.Term...), BigramSeparator...), b.Term...)
		toks[i] = analysis.Token{Term: term, Start: a.Start, End: b.End, Position: i + 1, Type: analysis.Shingle}
		out[i] = &toks[i]
	}
	return out
}

// Fold returns s without diacritics, đ→d and Đ→D; case is kept.
func Fold(s string) string {
	if isASCII([]byte(s)) {
		return s
	}
	return string(foldAppend(make([]byte, 0, len(s)), []byte(s)))
}

// HasMarks reports whether s holds a letter with a diacritic (or đ/Đ).
func HasMarks(s string) bool { return Fold(s) != s }

// foldBase maps a precomposed Latin letter to its base letter; built from
// the canonical decompositions of the Latin blocks Vietnamese uses.
var foldBase = map[rune]rune{}

func init() {
	add := func(lo, hi rune) {
		for r := lo; r <= hi; r++ {
			d := norm.NFD.String(string(r))
			base, n := utf8.DecodeRuneInString(d)
			if n == len(d) || base >= utf8.RuneSelf {
				continue
			}
			ok := true
			for _, m := range d[n:] {
				if !unicode.Is(unicode.Mn, m) {
					ok = false
				}
			}
			if ok {
				foldBase[r] = base
			}
		}
	}
	add(0x00C0, 0x024F) // Latin-1 Supplement, Extended-A and -B
	add(0x1E00, 0x1EFF) // Latin Extended Additional: ạ ả ấ ầ ẩ ẫ ậ ...
	foldBase['đ'] = 'd'
	foldBase['Đ'] = 'D'
}

func foldAppend(dst, src []byte) []byte {
	for len(src) > 0 {
		r, n := utf8.DecodeRune(src)
		src = src[n:]
		switch {
		case r < utf8.RuneSelf:
			dst = append(dst, byte(r))
			continue
		case unicode.Is(unicode.Mn, r):
			continue
		}
		if b, ok := foldBase[r]; ok {
			dst = append(dst, byte(b))
			continue
		}
		if d := norm.NFD.String(string(r)); d != string(r) {
			// Outside the table (Greek, Cyrillic...): drop the marks of its decomposition.
			for _, x := range d {
				if !unicode.Is(unicode.Mn, x) {
					dst = utf8.AppendRune(dst, x)
				}
			}
			continue
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Analyzers built directly, for use outside an index (the query parser and
// tests); the index builds the same ones from the registry.
var (
	exact       = &analysis.DefaultAnalyzer{Tokenizer: bleveunicode.NewUnicodeTokenizer(), TokenFilters: []analysis.TokenFilter{NFCFilter{}, lowercase.NewLowerCaseFilter()}}
	folded      = &analysis.DefaultAnalyzer{Tokenizer: bleveunicode.NewUnicodeTokenizer(), TokenFilters: []analysis.TokenFilter{NFCFilter{}, lowercase.NewLowerCaseFilter(), FoldFilter{}}}
	keywordFold = &analysis.DefaultAnalyzer{Tokenizer: single.NewSingleTokenTokenizer(), TokenFilters: []analysis.TokenFilter{NFCFilter{}, lowercase.NewLowerCaseFilter(), FoldFilter{}}}
	number      = &analysis.DefaultAnalyzer{Tokenizer: single.NewSingleTokenTokenizer(), TokenFilters: []analysis.TokenFilter{NumberKeyFilter{}}}
	bigram      = &analysis.DefaultAnalyzer{Tokenizer: bleveunicode.NewUnicodeTokenizer(), TokenFilters: []analysis.TokenFilter{NFCFilter{}, lowercase.NewLowerCaseFilter(), FoldFilter{}, BigramFilter{}}}
)

// Exact returns the vi_exact analyzer.
func Exact() analysis.Analyzer { return exact }

// Folded returns the vi_folded analyzer.
func Folded() analysis.Analyzer { return folded }

// KeywordFolded returns the vi_keyword_folded analyzer.
func KeywordFolded() analysis.Analyzer { return keywordFold }

// Number returns the vi_number analyzer.
func Number() analysis.Analyzer { return number }

// BigramFolded returns the vi_bigram_folded analyzer.
func BigramFolded() analysis.Analyzer { return bigram }

// Terms runs an analyzer over s and returns the terms in order.
func Terms(a analysis.Analyzer, s string) []string {
	ts := a.Analyze([]byte(s))
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = string(t.Term)
	}
	return out
}

func init() {
	filters := map[string]analysis.TokenFilter{NFCName: NFCFilter{}, FoldName: FoldFilter{}, NumberKeyName: NumberKeyFilter{}, BigramName: BigramFilter{}}
	for name, f := range filters {
		f := f
		must(registry.RegisterTokenFilter(name, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
			return f, nil
		}))
	}
	analyzers := map[string]struct {
		tokenizer string
		filters   []string
	}{
		ExactName:       {bleveunicode.Name, []string{NFCName, lowercase.Name}},
		FoldedName:      {bleveunicode.Name, []string{NFCName, lowercase.Name, FoldName}},
		KeywordFoldName: {single.Name, []string{NFCName, lowercase.Name, FoldName}},
		NumberName:      {single.Name, []string{NumberKeyName}},
		BigramFoldName:  {bleveunicode.Name, []string{NFCName, lowercase.Name, FoldName, BigramName}},
	}
	for name, def := range analyzers {
		def := def
		must(registry.RegisterAnalyzer(name, func(_ map[string]interface{}, c *registry.Cache) (analysis.Analyzer, error) {
			tok, err := c.TokenizerNamed(def.tokenizer)
			if err != nil {
				return nil, err
			}
			a := &analysis.DefaultAnalyzer{Tokenizer: tok}
			for _, fn := range def.filters {
				f, err := c.TokenFilterNamed(fn)
				if err != nil {
					return nil, err
				}
				a.TokenFilters = append(a.TokenFilters, f)
			}
			return a, nil
		}))
	}
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}
