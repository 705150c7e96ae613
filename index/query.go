package index

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"chidao/docs"
	"chidao/index/analysis"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
	"golang.org/x/text/unicode/norm"
)

// The query language is described on Query.

// nodeKind is what a node of a parsed query is.
type nodeKind int

const (
	nWord   nodeKind = iota // one word as typed; it may analyze to several tokens ("74-KL/TW")
	nPhrase                 // "quoted words"
	nField                  // name:value
	nNumber                 // a document number key, from adjacent words ("kl 74")
	nAnd
	nOr
)

// node is one node of a parsed query.
type node struct {
	kind  nodeKind
	text  string // word, phrase or field value; number key
	field string // nField: canonical name ("so", "loai", "nam", "coquan", "dieu", "donvi", "trangthai")
	neg   bool
	kids  []*node
	run   bool // an AND made of a number run: not searched for runs again
	open  bool // the last word, not yet followed by a space: maybe still being typed
}

// String renders the parse tree compactly, for tests and debugging:
// words bare, phrases quoted, "-" for negation, (a b) for AND, (a OR b), #key
// for a number.
func (n *node) String() string {
	if n == nil {
		return "<nil>"
	}
	var b strings.Builder
	if n.neg {
		b.WriteByte('-')
	}
	switch n.kind {
	case nWord:
		b.WriteString(n.text)
	case nPhrase:
		b.WriteString(strconv.Quote(n.text))
	case nField:
		b.WriteString(n.field + ":" + strconv.Quote(n.text))
	case nNumber:
		b.WriteString("#" + n.text)
	case nAnd, nOr:
		sep := " "
		if n.kind == nOr {
			sep = " OR "
		}
		b.WriteByte('(')
		for i, k := range n.kids {
			if i > 0 {
				b.WriteString(sep)
			}
			b.WriteString(k.String())
		}
		b.WriteByte(')')
	}
	return b.String()
}

// Limits that keep a pasted page from becoming a query of thousands of
// clauses, and a run of parentheses from overflowing the stack.
const (
	maxLeaves = 48
	maxDepth  = 16
)

var fieldNames = map[string]string{
	"so": "so", "loai": "loai", "nam": "nam", "coquan": "coquan", "cq": "coquan", "dieu": "dieu", "donvi": "donvi", "dv": "donvi",
	"trangthai": "trangthai", "tt": "trangthai",
}

// lexeme kinds.
const (
	lWord = iota
	lPhrase
	lField // text holds the value; field the name
	lLParen
	lRParen
	lOr
)

type lexeme struct {
	kind  int
	text  string
	field string
	neg   bool
	open  bool
}

// lex splits the query into lexemes. It never fails: an unclosed quote runs
// to the end, stray characters are words.
func lex(s string) []lexeme {
	var out []lexeme
	i := 0
	neg := false
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += n
			neg = false
			continue
		case r == '(':
			out = append(out, lexeme{kind: lLParen, neg: neg})
			i += n
			neg = false
			continue
		case r == ')':
			out = append(out, lexeme{kind: lRParen})
			i += n
			neg = false
			continue
		case r == '"' || r == '“' || r == '”':
			j := i + n
			end := strings.IndexFunc(s[j:], isQuote)
			var text string
			if end < 0 {
				text, i = s[j:], len(s)
			} else {
				text = s[j : j+end]
				_, qn := utf8.DecodeRuneInString(s[j+end:])
				i = j + end + qn
			}
			out = append(out, lexeme{kind: lPhrase, text: text, neg: neg})
			neg = false
			continue
		case (r == '-' || r == '+') && !neg:
			// A leading sign: "-" negates what follows directly; "+" is ignored.
			if i+n < len(s) {
				next, _ := utf8.DecodeRuneInString(s[i+n:])
				if !unicode.IsSpace(next) && next != '-' && next != '+' {
					neg = r == '-'
					i += n
					continue
				}
			}
			i += n
			continue
		}
		j := i
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if unicode.IsSpace(r) || r == '(' || r == ')' || isQuote(r) {
				break
			}
			j += n
		}
		w := s[i:j]
		i = j
		if w == "OR" || w == "||" {
			out = append(out, lexeme{kind: lOr})
			neg = false
			continue
		}
		if k := strings.IndexByte(w, ':'); k > 0 {
			if name, ok := fieldNames[strings.ToLower(analysis.Fold(w[:k]))]; ok {
				val := w[k+1:]
				if val == "" && i < len(s) {
					if r, n := utf8.DecodeRuneInString(s[i:]); isQuote(r) {
						j := i + n
						end := strings.IndexFunc(s[j:], isQuote)
						if end < 0 {
							val, i = s[j:], len(s)
						} else {
							val = s[j : j+end]
							_, qn := utf8.DecodeRuneInString(s[j+end:])
							i = j + end + qn
						}
					}
				}
				if name == "trangthai" && val != "" && w[k+1:] != "" {
					val, i = statusWords(s, i, val)
				}
				out = append(out, lexeme{kind: lField, field: name, text: val, neg: neg})
				neg = false
				continue
			}
		}
		if k := strings.IndexByte(w, ':'); k > 0 && k < len(w)-1 {
			// An unknown field: its name and value are plain words.
			out = append(out, lexeme{kind: lWord, text: w[:k], neg: neg}, lexeme{kind: lWord, text: w[k+1:], neg: neg})
			neg = false
			continue
		}
		out = append(out, lexeme{kind: lWord, text: w, neg: neg})
		neg = false
	}
	return out
}

func isQuote(r rune) bool { return r == '"' || r == '“' || r == '”' }

// maxStatusWords is the most words a status has ("chưa triển khai").
const maxStatusWords = 3

// statusWords reads a trangthai: value typed without quotes in several words
// ("trangthai:quá hạn"): when val, which ends at s[i], is not a status but
// the start of one, the words after it that complete it are taken. It
// returns the value and where the rest of s starts; val and i unchanged when
// no words complete a status.
func statusWords(s string, i int, val string) (string, int) {
	if _, ok := taskStatus(val); ok || !statusPrefix(val) {
		return val, i
	}
	cand, j := val, i
	for range maxStatusWords - 1 {
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsSpace(r) {
				break
			}
			j += n
		}
		start := j
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if unicode.IsSpace(r) || r == '(' || r == ')' || isQuote(r) {
				break
			}
			j += n
		}
		if j == start {
			break
		}
		cand += " " + s[start:j]
		if _, ok := taskStatus(cand); ok {
			return cand, j
		}
		if !statusPrefix(cand) {
			break
		}
	}
	return val, i
}

type parser struct {
	lx     []lexeme
	pos    int
	leaves int
}

// parseQuery parses a query string into its tree; an empty or blank string
// gives nil. It never fails: anything it cannot read as an operator is a
// word.
func parseQuery(s string) *node {
	s = norm.NFC.String(strings.ToValidUTF8(s, " "))
	lx := lex(s)
	if n := len(lx); n > 0 && lx[n-1].kind == lWord {
		if r, _ := utf8.DecodeLastRuneInString(s); !unicode.IsSpace(r) {
			lx[n-1].open = true
		}
	}
	p := &parser{lx: lx}
	n := p.seq(0)
	return simplify(n)
}

// seq reads items up to a ")" or the end: an AND of OR-groups.
func (p *parser) seq(depth int) *node {
	and := &node{kind: nAnd}
	for p.pos < len(p.lx) {
		if p.lx[p.pos].kind == lRParen {
			if depth > 0 {
				return and
			}
			p.pos++ // a stray ")": skip
			continue
		}
		if p.lx[p.pos].kind == lOr {
			p.pos++ // a leading or doubled OR: skip
			continue
		}
		item := p.unary(depth)
		if item == nil {
			continue
		}
		// OR chain
		for p.pos < len(p.lx) && p.lx[p.pos].kind == lOr {
			p.pos++
			for p.pos < len(p.lx) && p.lx[p.pos].kind == lOr {
				p.pos++
			}
			if p.pos >= len(p.lx) || p.lx[p.pos].kind == lRParen {
				break
			}
			next := p.unary(depth)
			if next == nil {
				continue
			}
			if item.kind != nOr || item.neg {
				item = &node{kind: nOr, kids: []*node{item}}
			}
			item.kids = append(item.kids, next)
		}
		and.kids = append(and.kids, item)
	}
	return and
}

// unary reads one operand: a word, phrase, field or parenthesized group.
func (p *parser) unary(depth int) *node {
	l := p.lx[p.pos]
	p.pos++
	switch l.kind {
	case lLParen:
		if depth >= maxDepth {
			return nil // too deep: the parenthesis is ignored, its content read in place
		}
		g := p.seq(depth + 1)
		if p.pos < len(p.lx) && p.lx[p.pos].kind == lRParen {
			p.pos++
		}
		g.neg = l.neg
		return g
	case lRParen, lOr:
		return nil
	}
	if p.leaves >= maxLeaves {
		return nil
	}
	p.leaves++
	switch l.kind {
	case lPhrase:
		return &node{kind: nPhrase, text: strings.TrimSpace(l.text), neg: l.neg}
	case lField:
		return &node{kind: nField, field: l.field, text: strings.TrimSpace(l.text), neg: l.neg}
	}
	return &node{kind: nWord, text: l.text, neg: l.neg, open: l.open}
}

// simplify drops empty groups, unwraps single-child groups and, in each AND,
// turns runs of adjacent words that spell a document number ("kl 74",
// "74 KL TW", "Kết luận 74") into (words OR #key).
func simplify(n *node) *node {
	if n == nil {
		return nil
	}
	switch n.kind {
	case nPhrase, nField:
		if n.text == "" {
			return nil
		}
		return n
	case nWord:
		if n.text == "" {
			return nil
		}
		if !n.neg {
			if k := wordNumberKey(n.text); k != "" {
				return &node{kind: nOr, kids: []*node{n, {kind: nNumber, text: k}}}
			}
		}
		return n
	case nNumber:
		return n
	}
	var kids []*node
	if n.kind == nAnd && !n.run {
		kids = numberRuns(n.kids)
	} else {
		kids = n.kids
	}
	out := kids[:0:0]
	for _, k := range kids {
		if k = simplify(k); k == nil {
			continue
		}
		if n.kind == nOr && k.neg {
			continue // "a OR -b" has no meaning here: the negated side is dropped
		}
		if k.kind == n.kind && !k.neg {
			out = append(out, k.kids...) // ((a b) c) → (a b c)
			continue
		}
		out = append(out, k)
	}
	if len(out) == 0 {
		return nil
	}
	if len(out) == 1 && !n.neg {
		return out[0]
	}
	if len(out) == 1 && n.neg && !out[0].neg {
		c := *out[0]
		c.neg = true
		return &c
	}
	return &node{kind: n.kind, kids: out, neg: n.neg, run: n.run}
}

// wordNumberKey is the number key of a single word that spells a document
// number with its code ("74-KL/TW", "KL74", "09/2010/QĐ-UBND"); "" for a word
// without both digits and letters.
func wordNumberKey(w string) string {
	var digits, letters bool
	for _, r := range w {
		switch {
		case r >= '0' && r <= '9':
			digits = true
		case unicode.IsLetter(r):
			letters = true
		}
	}
	if !digits || !letters {
		return ""
	}
	return docs.NumberKey(w)
}

// kindCodes are the codes that, next to a bare number, make it a document
// number ("kl 74", "74 KL TW"), folded lower case.
var kindCodes = map[string]bool{
	"nq": true, "kl": true, "ct": true, "kh": true, "qd": true, "hd": true, "tb": true, "cv": true,
	"nd": true, "tt": true, "bc": true, "ctr": true, "ttr": true, "cd": true, "qc": true, "qđ": true,
	"ql": true, "nqlt": true, "ttlt": true, "da": true, "tw": true, "tu": true, "ubnd": true, "hu": true,
}

// kindWords are kind names that may stand before a number ("kết luận 74").
var kindWords = [][]string{
	{"nghi", "quyet"}, {"ket", "luan"}, {"chi", "thi"}, {"ke", "hoach"}, {"quyet", "dinh"},
	{"huong", "dan"}, {"thong", "bao"}, {"cong", "van"}, {"nghi", "dinh"}, {"thong", "tu"},
	{"quy", "dinh"}, {"bao", "cao"}, {"cong", "dien"},
}

func isNum(w string) bool {
	if len(w) == 0 || len(w) > 5 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

func foldLower(w string) string { return strings.ToLower(analysis.Fold(w)) }

// numberRuns finds, among the items of an AND, runs of plain words that spell
// a number and replaces each run by (AND of the words) OR #key.
func numberRuns(items []*node) []*node {
	plain := func(i int) (string, bool) {
		if i < 0 || i >= len(items) || items[i].kind != nWord || items[i].neg {
			return "", false
		}
		return items[i].text, true
	}
	var out []*node
	for i := 0; i < len(items); i++ {
		w, ok := plain(i)
		start, end := i, i // the run is items[start..end]
		found := false
		if ok && isNum(w) {
			// codes after: 74 KL [TW]
			if c, ok := plain(i + 1); ok && kindCodes[foldLower(c)] {
				end = i + 1
				if c2, ok := plain(i + 2); ok && kindCodes[foldLower(c2)] {
					end = i + 2
				}
				found = true
			}
		} else if ok && kindCodes[foldLower(w)] {
			// code before: kl 74
			if n, ok := plain(i + 1); ok && isNum(n) {
				end = i + 1
				found = true
			}
		} else if ok {
			// kind words before: kết luận 74
			for _, kw := range kindWords {
				a, ok1 := plain(i)
				b, ok2 := plain(i + 1)
				n, ok3 := plain(i + 2)
				if ok1 && ok2 && ok3 && foldLower(a) == kw[0] && foldLower(b) == kw[1] && isNum(n) {
					end = i + 2
					found = true
					break
				}
			}
		}
		if !found {
			out = append(out, items[i])
			continue
		}
		var words []string
		for _, it := range items[start : end+1] {
			words = append(words, it.text)
		}
		key := docs.NumberKey(strings.Join(words, " "))
		if key == "" {
			out = append(out, items[i])
			continue
		}
		and := &node{kind: nAnd, kids: append([]*node(nil), items[start:end+1]...), run: true}
		out = append(out, &node{kind: nOr, kids: []*node{and, {kind: nNumber, text: key}}})
		i = end
	}
	return out
}

// Boosts. Ranking is bleve's TF-IDF with these query-time weights; a
// disjunction also multiplies its sum by the share of its clauses that
// matched, so a word found both exactly and folded outranks one found folded
// only, which outranks a typo (fuzzy) match.
const (
	boostText       = 1.0  // text, exact (clause text; a document doc's title)
	boostTextFolded = 0.5  // text_f
	boostPathF      = 0.3  // heading path, folded
	boostFile       = 0.2  // file name, folded
	boostFuzzy      = 0.08 // one edit, on text_f, words of ≥5 letters
	boostAdjacent   = 1.5  // adjacent query words found as typed, with marks (exact)
	boostAdjacentF  = 0.75 // adjacent query words typed without marks, folded
	boostNumber     = 4.0  // number_key
	boostNumberDoc  = 2.0  // extra for the document doc itself on a number match
	boostBigram     = 0.3  // text_b2: a bigram of adjacent query words, folded (bigrams stage)
	fuzzyMinLetters = 5
	boostPrefix     = 0.1 // a completion of the last word, being typed
	// prefixMinLetters and maxCompletions bound the completions of the last
	// word: the most frequent few indexed words it starts.
	prefixMinLetters = 2
	maxCompletions   = 12
)

// compile turns a parse tree into a bleve query; nil when nothing is left to
// search for (only negations, or only punctuation). It is the widest query of
// the plan: every word anywhere, typos included.
func compile(n *node) query.Query {
	c := compiler{fuzzy: true, today: dayNumber(time.Time{})}
	if n == nil || n.neg {
		return nil
	}
	return c.positive(n, false)
}

// expander lists the indexed folded words that start with a prefix, most
// frequent first; nil when no index is at hand.
type expander func(prefix string) []string

// stage is one query of a plan. Pass 1 counts, facets and scores the
// matches of match that also match filter (unscored: nil for none); marks
// finds the highlights in the page's hits.
type stage struct {
	name          string // "bigrams", "words", "typos": for tests and debugging
	match, filter query.Query
	marks         *marker
	rerank        bool // the plan's bonus reorders the best candidates
}

// plan is how Search runs a parsed query: stages from the narrowest and
// cheapest to the widest; the first that finds enough hits for the page
// answers. bonus holds the adjacency phrases of the query's top-level words,
// which Search scores only on the best candidates (a phrase is costly to
// check on every match of common words).
type plan struct {
	stages []stage
	bonus  query.Query
}

// compilePlan builds the stages of a query:
//
//	bigrams  the words query, restricted to the clauses where each pair of
//	         adjacent plain words stands together (their folded bigram is in
//	         text_b2): for a query of two words or more
//	words    every word anywhere (AND), exactly, folded, in the heading path
//	         or the file name, and the completions of the last word
//	typos    words as above, plus the words one edit away from the long ones:
//	         only when the query has such words
//
// today (yyyymmdd) is the day trangthai:quahan compares due dates with.
// The plan is empty when nothing is left to search for.
func compilePlan(n *node, expand expander, df docFreq, today int) plan {
	var p plan
	if n == nil || n.neg {
		return p // a lone negation matches nothing worth showing
	}
	if expand != nil {
		memo := map[string][]string{}
		inner := expand
		expand = func(prefix string) []string {
			if c, ok := memo[prefix]; ok {
				return c
			}
			c := inner(prefix)
			memo[prefix] = c
			return c
		}
	}
	c := compiler{expand: expand, today: today}
	words := c.positive(n, false)
	if words == nil {
		return p
	}
	items := []*node{n}
	if n.kind == nAnd {
		items = n.kids
	}
	marks := newMarker(n, c.completed, false)
	bg := bigrams(items)
	if len(bg) > 0 {
		// Scored on the bigrams alone: their posting lists are short, where
		// scoring the words would walk the whole list of each common
		// syllable (and so would the adjacency bonus, which the bigrams
		// mostly stand for already). The words, unscored, only filter:
		// bleve then merges their posting lists as bitmaps.
		p.stages = append(p.stages, stage{name: "bigrams", match: conjunction(bg), filter: words, marks: marks})
	}
	p.stages = append(p.stages, cheaply("words", words, &c, items, bg, df, marks))
	if c.typos {
		f := compiler{expand: expand, fuzzy: true, today: today}
		if typos := f.positive(n, false); typos != nil {
			p.stages = append(p.stages, cheaply("typos", typos, &f, items, bg, df, newMarker(n, f.completed, true)))
		}
	}
	if adj := adjacent(items); adj != nil {
		p.bonus = disjunction(adj)
	}
	return p
}

// docFreq is the number of docs holding a term in a field (deleted ones
// perhaps included); nil when no index is at hand.
type docFreq func(field, term string) uint64

// maxScoredPostings bounds the posting lists a stage scores when the query
// has other parts to rank by: scoring a term walks its whole list (bleve
// reads every frequency on the way to the next match), about a millisecond
// for 100,000 clauses, where an unscored list is skipped along as a bitmap.
// Libraries under this many clauses score every word.
const maxScoredPostings = 20000

// cheaply is the stage that matches q (the query of items, compiled by c).
// When q has two items or more and some of them match too many clauses to
// be scored cheaply, it matches q unscored and scores only by the cheap
// items and the bigrams bg (adjacent words, as in the bigrams stage); a
// frequent word weighs little in TF-IDF anyway. Otherwise it scores q
// itself, and reranks the best by the adjacency bonus.
func cheaply(name string, q query.Query, c *compiler, items []*node, bg []query.Query, df docFreq, marks *marker) stage {
	whole := stage{name: name, match: q, marks: marks, rerank: true}
	if df == nil {
		return whole
	}
	var pos []*node
	for _, it := range items {
		if !it.neg {
			pos = append(pos, it)
		}
	}
	if len(pos) < 2 {
		return whole
	}
	var scored []query.Query
	costly := false
	for _, it := range pos {
		if it.kind == nPhrase || it.kind == nField {
			continue // the same for every hit, or nearly: not worth scoring, nor a reason not to
		}
		if !c.cheap(it, df) {
			costly = true
			continue
		}
		if sq := c.positive(it, false); sq != nil {
			scored = append(scored, sq)
		}
	}
	if !costly {
		return whole
	}
	scored = append(scored, bg...)
	if len(scored) == 0 {
		return whole
	}
	return stage{name: name, match: query.NewBooleanQuery([]query.Query{unscored{q}}, scored, nil), marks: marks}
}

// cheap reports whether scoring n walks only short posting lists: a word
// whose folded form (and completions, while typed) is in at most
// maxScoredPostings clause texts and heading paths, a number, or a group of
// such.
func (c *compiler) cheap(n *node, df docFreq) bool {
	switch n.kind {
	case nNumber:
		return true
	case nWord:
		exact := analysis.Terms(analysis.Exact(), n.text)
		if len(exact) == 0 {
			return true
		}
		folded := foldTerms(exact)
		var sum uint64
		for _, f := range folded {
			sum += df(fTextF, f) + df(fPathF, f)
		}
		if n.open && c.expand != nil && len(folded) == 1 && utf8.RuneCountInString(folded[0]) >= prefixMinLetters {
			for _, w := range c.expand(folded[0]) {
				sum += df(fTextF, w)
			}
		}
		return sum <= maxScoredPostings
	case nOr, nAnd:
		for _, k := range n.kids {
			if !k.neg && !c.cheap(k, df) {
				return false
			}
		}
		return true
	}
	return false
}

// unscored matches what q matches, with no score and without reading term
// frequencies: bleve then merges the posting lists of its terms as bitmaps,
// and skips along a list instead of walking it.
type unscored struct{ q query.Query }

// Searcher implements query.Query.
func (u unscored) Searcher(ctx context.Context, i bindex.IndexReader, m mapping.IndexMapping, o search.SearcherOptions) (search.Searcher, error) {
	o.Score = "none"
	o.IncludeTermVectors = false
	o.Explain = false
	return u.q.Searcher(ctx, i, m, o)
}

func conjunction(qs []query.Query) query.Query {
	if len(qs) == 1 {
		return qs[0]
	}
	return query.NewConjunctionQuery(qs)
}

// compiler compiles a parse tree. fuzzy adds the typo alternatives of long
// words; without it, typos records whether there were any to add. completed
// gathers the completions of the last word. today (yyyymmdd) is the day
// trangthai:quahan compares due dates with.
type compiler struct {
	expand    expander
	fuzzy     bool
	typos     bool
	completed []string
	today     int
}

// positive compiles n without its sign; forNot builds the narrower query
// used under a negation (no typo alternatives).
func (c *compiler) positive(n *node, forNot bool) query.Query {
	switch n.kind {
	case nWord:
		var completions []string
		if n.open && !forNot && c.expand != nil {
			if t := analysis.Terms(analysis.Folded(), n.text); len(t) == 1 && utf8.RuneCountInString(t[0]) >= prefixMinLetters {
				completions = c.expand(t[0])
				c.completed = append(c.completed, completions...)
			}
		}
		return c.word(n.text, forNot, completions...)
	case nPhrase:
		return phraseQuery(n.text, forNot)
	case nField:
		return c.field(n.field, n.text, forNot)
	case nNumber:
		return numberQuery(n.text)
	case nOr:
		var qs []query.Query
		for _, k := range n.kids {
			if q := c.positive(k, forNot); q != nil {
				qs = append(qs, q)
			}
		}
		if len(qs) == 0 {
			return nil
		}
		if len(qs) == 1 {
			return qs[0]
		}
		return query.NewDisjunctionQuery(qs)
	case nAnd:
		var must, not []query.Query
		for _, k := range n.kids {
			q := c.positive(k, forNot || k.neg)
			if q == nil {
				continue
			}
			if k.neg {
				not = append(not, q)
			} else {
				must = append(must, q)
			}
		}
		if len(must) == 0 {
			return nil
		}
		if len(not) == 0 {
			if len(must) == 1 {
				return must[0]
			}
			return query.NewConjunctionQuery(must)
		}
		return query.NewBooleanQuery(must, nil, not)
	}
	return nil
}

// word compiles one typed word (see wordQuery), noting whether it has typo
// alternatives.
func (c *compiler) word(w string, forNot bool, completions ...string) query.Query {
	if !forNot && !c.fuzzy && hasTypoAlternatives(w) {
		c.typos = true
	}
	return wordQuery(w, forNot, c.fuzzy, completions...)
}

func phraseQ(terms []string, field string, boost float64) query.Query {
	if len(terms) == 1 {
		return termQ(terms[0], field, boost)
	}
	q := query.NewPhraseQuery(terms, field)
	q.SetBoost(boost)
	return q
}

// wordQuery: one typed word. Found exactly in text (clause text, document
// title), or folded in text_f, the heading path and the file name; with
// fuzzy, a long word also within one edit.
//
// completions are longer words the last word of the query may be the start
// of, while the user is still typing ("nha nu" → "nuoc"): found at a low boost.
func wordQuery(w string, forNot, fuzzy bool, completions ...string) query.Query {
	exact := analysis.Terms(analysis.Exact(), w)
	if len(exact) == 0 {
		return nil
	}
	folded := foldTerms(exact)
	marks := !equal(exact, folded)
	if len(exact) > 1 {
		// "74-KL/TW", "covid-19": its parts in order.
		var qs []query.Query
		if !forNot || marks {
			qs = append(qs, phraseQ(exact, fText, boostText))
		}
		if !forNot || !marks {
			qs = append(qs, phraseQ(folded, fTextF, boostTextFolded))
		}
		return disjunction(qs)
	}
	t, f := exact[0], folded[0]
	if forNot {
		// Exclude narrowly: an accented word only as written, a bare one folded.
		if marks {
			return termQ(t, fText, 1)
		}
		return disjunction([]query.Query{termQ(f, fTextF, 1), termQ(f, fPathF, 1)})
	}
	qs := []query.Query{
		termQ(t, fText, boostText), termQ(f, fTextF, boostTextFolded),
		termQ(f, fPathF, boostPathF), termQ(f, fFile, boostFile),
	}
	if fuzzy && isTypoCandidate(f) {
		qs = append(qs, fuzzyQ(f, fTextF, boostFuzzy))
	}
	for _, c := range completions {
		if c != f {
			qs = append(qs, termQ(c, fTextF, boostPrefix))
		}
	}
	return disjunction(qs)
}

// isTypoCandidate: a folded word long enough to be looked up within one
// edit.
func isTypoCandidate(f string) bool {
	return utf8.RuneCountInString(f) >= fuzzyMinLetters && !isDigits(f)
}

// hasTypoAlternatives reports whether wordQuery(w, false, true) holds a
// fuzzy alternative.
func hasTypoAlternatives(w string) bool {
	exact := analysis.Terms(analysis.Exact(), w)
	return len(exact) == 1 && isTypoCandidate(analysis.Fold(exact[0]))
}

func disjunction(qs []query.Query) query.Query {
	if len(qs) == 1 {
		return qs[0]
	}
	return query.NewDisjunctionQuery(qs)
}

func fuzzyQ(term, field string, boost float64) query.Query {
	q := query.NewFuzzyQuery(term)
	q.SetField(field)
	q.SetFuzziness(1)
	q.SetBoost(boost)
	return q
}

// phraseQuery: a quoted phrase, exact; folded too when typed without marks.
func phraseQuery(s string, forNot bool) query.Query {
	exact := analysis.Terms(analysis.Exact(), s)
	if len(exact) == 0 {
		return nil
	}
	folded := foldTerms(exact)
	qs := []query.Query{phraseQ(exact, fText, boostText)}
	if equal(exact, folded) {
		qs = append(qs, phraseQ(folded, fTextF, boostTextFolded))
	}
	return disjunction(qs)
}

// adjacent rewards clauses where two or more adjacent query words stand next
// to each other, as typed: Vietnamese words are syllables, and "biên chế" is
// one word of two. It returns the optional (should) queries, nil when the
// AND has no run of two plain words.
func adjacent(items []*node) []query.Query {
	var out []query.Query
	var run []string
	flush := func() {
		if len(run) >= 2 {
			exact := analysis.Terms(analysis.Exact(), strings.Join(run, " "))
			if folded := foldTerms(exact); len(exact) >= 2 && equal(exact, folded) {
				out = append(out, phraseQ(folded, fTextF, boostAdjacentF))
			} else if len(exact) >= 2 {
				out = append(out, phraseQ(exact, fText, boostAdjacent))
			}
		}
		run = run[:0]
	}
	for _, it := range items {
		if it.kind == nWord && !it.neg {
			run = append(run, it.text)
			continue
		}
		flush()
	}
	flush()
	if len(out) == 0 {
		return nil
	}
	return out
}

// bigrams returns the conditions of the bigrams stage: for each run of two
// or more adjacent plain words among items (a top-level AND's items), each
// folded bigram of adjacent words must be in text_b2 ("tuyen dung cong chuc"
// → tuyen_dung, dung_cong, cong_chuc). The last word of the query, while
// still being typed, meets its bigram as a prefix ("cong ch" → cong_ch*).
// Nil when there is no such run.
func bigrams(items []*node) []query.Query {
	var out []query.Query
	seen := map[string]bool{}
	var run []*node
	flush := func() {
		defer func() { run = run[:0] }()
		if len(run) < 2 {
			return
		}
		words := make([]string, len(run))
		for i, it := range run {
			words[i] = it.text
		}
		terms := analysis.Terms(analysis.BigramFolded(), strings.Join(words, " "))
		prefix := ""
		if last := run[len(run)-1]; last.open && len(terms) > 0 {
			if t := analysis.Terms(analysis.Folded(), last.text); len(t) == 1 && utf8.RuneCountInString(t[0]) >= prefixMinLetters {
				prefix, terms = terms[len(terms)-1], terms[:len(terms)-1]
			}
		}
		for _, t := range terms {
			if !seen[t] {
				seen[t] = true
				out = append(out, termQ(t, fTextB2, boostBigram))
			}
		}
		if prefix != "" {
			q := query.NewPrefixQuery(prefix)
			q.SetField(fTextB2)
			q.SetBoost(boostBigram)
			out = append(out, q)
		}
	}
	for _, it := range items {
		if it.kind == nWord && !it.neg {
			run = append(run, it)
			continue
		}
		flush()
	}
	flush()
	return out
}

// field compiles name:value.
func (c *compiler) field(name, v string, forNot bool) query.Query {
	switch name {
	case "so":
		if k := docs.NumberKey(v); k != "" {
			return numberQuery(k)
		}
		return c.word(v, forNot)
	case "loai":
		k := analysis.Terms(analysis.KeywordFolded(), v)
		if len(k) == 0 {
			return nil
		}
		return termQ(k[0], fKindKey, 1)
	case "nam":
		if lo, hi, ok := yearRange(v); ok {
			var qs []query.Query
			for y := lo; y <= hi; y++ {
				qs = append(qs, termQ(strconv.Itoa(y), fYear, 1))
			}
			if len(qs) == 1 {
				return qs[0]
			}
			return query.NewDisjunctionQuery(qs)
		}
		return c.word(v, forNot)
	case "coquan", "donvi":
		terms := analysis.Terms(analysis.Folded(), v)
		if len(terms) == 0 {
			return nil
		}
		f := fIssuerF
		if name == "donvi" {
			f = fUnitF
		}
		qs := make([]query.Query, len(terms))
		for i, t := range terms {
			qs[i] = termQ(t, f, 1)
		}
		if len(qs) == 1 {
			return qs[0]
		}
		return query.NewConjunctionQuery(qs)
	case "dieu":
		k := analysis.Terms(analysis.KeywordFolded(), v)
		if len(k) == 0 {
			return nil
		}
		keys := []string{k[0]}
		if k[0][0] >= '0' && k[0][0] <= '9' {
			keys = append(keys, "dieu "+k[0]) // dieu:3.2 → "Điều 3.2"
		}
		var qs []query.Query
		for _, key := range keys {
			qs = append(qs, termQ(key, fAddressKey, 1))
			for _, sep := range []string{".", "/"} {
				p := query.NewPrefixQuery(key + sep)
				p.SetField(fAddressKey)
				qs = append(qs, p)
			}
		}
		return query.NewDisjunctionQuery(qs)
	case "trangthai":
		code, ok := taskStatus(v)
		if !ok {
			return query.NewMatchNoneQuery() // Search reports it first (checkQuery)
		}
		return statusQuery(code, c.today)
	}
	return c.word(v, forNot)
}

// numberQuery matches a document number key, and the document doc a little
// more than its clauses.
func numberQuery(key string) query.Query {
	return query.NewDisjunctionQuery([]query.Query{
		termQ(key, fNumberKey, boostNumber),
		query.NewConjunctionQuery([]query.Query{termQ(key, fNumberKey, boostNumberDoc), termQ(typeDocument, fType, boostNumberDoc)}),
	})
}

// yearRange reads "2020", "2019-2021" or "2019..2021".
func yearRange(v string) (lo, hi int, ok bool) {
	a, b, found := strings.Cut(v, "..")
	if !found {
		a, b, found = strings.Cut(v, "-")
	}
	if !found {
		b = a
	}
	lo, err1 := strconv.Atoi(strings.TrimSpace(a))
	hi, err2 := strconv.Atoi(strings.TrimSpace(b))
	if err1 != nil || err2 != nil || lo < 1900 || hi > 2200 || lo > hi || hi-lo > 100 {
		return 0, 0, false
	}
	return lo, hi, true
}

func foldTerms(ts []string) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = analysis.Fold(t)
	}
	return out
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
