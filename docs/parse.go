package docs

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Parse understands a document from its clean paragraphs: metadata, clause
// tree, footnotes, references. It never fails and never loses text: whatever it
// does not understand stays in the tree as a paragraph clause.
//
// The document is read in four parts. The header (issuing body, motto, number,
// place and date, kind and subject) goes to Metadata; header text it cannot
// place becomes leading "¶" paragraphs. The body becomes the clause tree (see
// parseBuilder for the heading and paragraph rules). The closing (the "Nơi
// nhận:" list and the signature block, in either column order) goes to
// Metadata. What follows the closing — appendices ("PHỤ LỤC") and attached
// texts ("QUY CHẾ ...", "QUY ĐỊNH ...") — becomes top-level clauses of level
// "appendix" with their own trees. Only the fixed formulas are dropped: the
// motto, the words "Số", "ngày … tháng … năm" of the dated line, "Nơi nhận"
// and decorative lines without letters or digits.
func Parse(paras []Paragraph) Parsed {
	var p parser
	out := p.run(paras)
	if out.Metadata.Title == "" && out.Metadata.Kind != "" {
		out.Metadata.Title = titleFromBody(out.Metadata.Kind, out.Clauses)
	}
	return out
}

// titleFromBody names a document that has a kind but no subject line (a
// letter copied without its "V/v" line): the kind and the first sentence of
// its body, past the "Kính gửi" lines, e.g. "Công văn: Thực hiện Kết luận số
// 210-KL/TW ngày 12/11/2025 của Ban Chấp hành Trung ương …".
func titleFromBody(kind string, cs []*Clause) string {
	var first string
	Walk(cs, func(c *Clause, _ int) {
		t := strings.TrimSpace(c.Text)
		if first != "" || t == "" || c.Label == "-" || c.Label == "+" {
			return
		}
		if strings.HasPrefix(t, "Kính gửi") {
			// The addressees, often run into the letter's opening words.
			t = ""
			for _, w := range []string{"Thực hiện ", "Căn cứ ", "Theo ", "Để ", "Trong thời gian", "Ngày "} {
				if i := strings.Index(c.Text, w); i > 0 && (t == "" || i < len(c.Text)-len(t)) {
					t = c.Text[i:]
				}
			}
			if t == "" {
				return
			}
		}
		first = t
	})
	if first == "" {
		return kind
	}
	if i := strings.IndexAny(first, ".;:"); i > 0 {
		first = first[:i]
	}
	if r := []rune(first); len(r) > 160 {
		cut := string(r[:160])
		if j := strings.LastIndex(cut, " "); j > 80 {
			cut = cut[:j]
		}
		first = cut + " …"
	}
	return kind + ": " + first
}

// ParseText is Parse over plain text (paragraphs separated by blank lines),
// for tests and tools. The text goes through Finish first, as a .txt file
// would.
func ParseText(s string) Parsed {
	e := Finish(Raw{Format: FormatTXT, Pages: SplitPages(s)})
	return Parse(e.Paragraphs)
}

// Walk visits every clause depth-first in document order.
func Walk(cs []*Clause, fn func(c *Clause, depth int)) {
	var walk func(cs []*Clause, depth int)
	walk = func(cs []*Clause, depth int) {
		for _, c := range cs {
			fn(c, depth)
			walk(c.Children, depth+1)
		}
	}
	walk(cs, 0)
}

// parsePara is one body paragraph as the parser reads it.
type parsePara struct {
	text string // trimmed, bold markers ("**") removed
	page int
}

// parseNote is a footnote waiting for its clause: after is the number of body
// paragraphs that precede it.
type parseNote struct {
	Footnote
	after int
}

type parser struct {
	meta  Metadata
	notes []parseNote
}

func (p *parser) run(in []Paragraph) Parsed {
	body := make([]parsePara, 0, len(in))
	for _, q := range in {
		t := parseTidy(q.Text)
		if q.Footnote {
			p.notes = append(p.notes, parseNote{Footnote: parseFootnote(t, q.Page), after: len(body)})
			continue
		}
		if t == "" {
			continue
		}
		body = append(body, parsePara{text: t, page: q.Page})
	}

	b := newParseBuilder()
	clauseOf := make([]*Clause, len(body)) // the clause each body paragraph went to

	// Header.
	h := p.header(body)
	for _, l := range h.leftovers {
		b.forceTop(l)
	}
	// Closing, and what follows it.
	cl := p.closing(body, h.start)
	from := h.start
	if cl.ok {
		from = cl.end
	}
	tail := p.trailingNotes(body, from)
	end := tail
	if cl.ok {
		end = cl.start
	}
	for i := h.start; i < end; i++ {
		clauseOf[i] = b.add(body[i], false)
	}
	if cl.ok {
		for _, l := range cl.leftovers {
			b.forceTop(l)
		}
		for i := cl.end; i < tail; i++ {
			clauseOf[i] = b.add(body[i], true)
		}
	}
	for i := range clauseOf {
		if clauseOf[i] == nil && i > 0 {
			clauseOf[i] = clauseOf[i-1]
		}
	}
	roots := b.finish()

	out := Parsed{Metadata: p.meta, Clauses: roots}
	if out.Clauses == nil {
		out.Clauses = []*Clause{}
	}
	out.Footnotes = p.attachNotes(roots, clauseOf)
	out.References = p.references(roots)
	if out.Metadata.Recipients == nil {
		out.Metadata.Recipients = []string{}
	}
	return out
}

// parseTidy trims a paragraph and drops the bold markers that text copied from
// web pages carries.
func parseTidy(s string) string {
	s = strings.ReplaceAll(s, "**", "")
	s = strings.TrimSpace(s)
	if !parseHasWord(s) {
		return "" // "* *", "-----": decoration
	}
	return s
}

// parseHasWord reports whether s has a letter or a digit.
func parseHasWord(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// trailingNotes turns the "[1] ..." paragraphs that end a web page copy into
// footnotes and returns where the body stops.
func (p *parser) trailingNotes(body []parsePara, from int) int {
	end := len(body)
	for end > from && end > len(body)-200 {
		m, rest, ok := parseBracketMark(body[end-1].text)
		if !ok || rest == "" || !parseMarkedBefore(body[:end-1], "["+m+"]") {
			break
		}
		end--
	}
	for i := end; i < len(body); i++ {
		m, rest, _ := parseBracketMark(body[i].text)
		p.notes = append(p.notes, parseNote{Footnote: Footnote{Mark: m, Text: rest, Page: body[i].page}, after: i})
	}
	return end
}

// parseMarkedBefore reports whether some paragraph carries mark after its start.
func parseMarkedBefore(ps []parsePara, mark string) bool {
	for _, q := range ps {
		if i := strings.Index(q.text, mark); i > 0 {
			return true
		}
	}
	return false
}

// parseBracketMark reads a leading "[12] " mark.
func parseBracketMark(s string) (mark, rest string, ok bool) {
	if !strings.HasPrefix(s, "[") {
		return "", s, false
	}
	j := strings.IndexByte(s, ']')
	if j < 2 || j > 4 || !parseDigits(s[1:j]) {
		return "", s, false
	}
	return s[1:j], strings.TrimSpace(s[j+1:]), true
}

func parseDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseSupers maps superscript digits to digits.
var parseSupers = map[rune]byte{'⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9'}

// parseFootnote splits a footnote paragraph into its mark and its text: "¹ ...",
// "⁽¹⁾ ...", "(1) ...", "[1] ...", "1 ...".
func parseFootnote(s string, page int) Footnote {
	f := Footnote{Text: s, Page: page}
	var mark []byte
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if d, ok := parseSupers[r]; ok {
			mark = append(mark, d)
		} else if r != '⁽' && r != '⁾' {
			break
		}
		i += n
	}
	if len(mark) > 0 {
		f.Mark, f.Text = string(mark), strings.TrimSpace(s[i:])
		return f
	}
	if m, rest, ok := parseBracketMark(s); ok {
		f.Mark, f.Text = m, rest
		return f
	}
	if strings.HasPrefix(s, "(") {
		if j := strings.IndexByte(s, ')'); j > 1 && j < 5 && parseDigits(s[1:j]) {
			f.Mark, f.Text = s[1:j], strings.TrimSpace(s[j+1:])
			return f
		}
	}
	j := 0
	for j < len(s) && j < 3 && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j > 0 && j < len(s) && (s[j] == ' ' || s[j] == '.') {
		f.Mark, f.Text = s[:j], strings.TrimSpace(s[j+1:])
	}
	return f
}

// parseSuper writes a mark in superscript digits.
func parseSuper(mark string) string {
	const sup = "⁰¹²³⁴⁵⁶⁷⁸⁹"
	supers := []rune(sup)
	var b strings.Builder
	for i := 0; i < len(mark); i++ {
		b.WriteRune(supers[mark[i]-'0'])
	}
	return b.String()
}

// attachNotes gives every footnote the address of the clause whose text
// carries its mark, looking back from the clause it interrupts, then forward;
// else the clause it interrupts.
func (p *parser) attachNotes(roots []*Clause, clauseOf []*Clause) []Footnote {
	out := make([]Footnote, 0, len(p.notes))
	if len(p.notes) == 0 {
		return out
	}
	var flat []*Clause
	pos := map[*Clause]int{}
	Walk(roots, func(c *Clause, _ int) {
		pos[c] = len(flat)
		flat = append(flat, c)
	})
	for _, n := range p.notes {
		var anchor *Clause
		if n.after > 0 && n.after-1 < len(clauseOf) {
			anchor = clauseOf[n.after-1]
		} else if n.after == 0 && len(clauseOf) > 0 {
			anchor = clauseOf[0]
		}
		at := -1
		if anchor != nil {
			at = pos[anchor]
		}
		f := n.Footnote
		if parseDigits(f.Mark) {
			marks := []string{parseSuper(f.Mark), "[" + f.Mark + "]"}
			has := func(c *Clause) bool {
				for _, m := range marks {
					if parseHasMark(c.Text, m) || parseHasMark(c.Heading, m) {
						return true
					}
				}
				return false
			}
			found := -1
			for i := min(at, len(flat)-1); i >= 0 && i > at-300; i-- {
				if has(flat[i]) {
					found = i
					break
				}
			}
			if found < 0 {
				for i := at + 1; i < len(flat) && i < at+100; i++ {
					if has(flat[i]) {
						found = i
						break
					}
				}
			}
			if found >= 0 {
				anchor = flat[found]
			}
		}
		if anchor != nil {
			// The note belongs to the labelled clause: "B.II.2.2", not the
			// positional "B.II.2.2/¶1" of the paragraph carrying the mark.
			f.Clause = anchor.Address
			if i := strings.Index(f.Clause, "/"); i > 0 {
				f.Clause = f.Clause[:i]
			}
		}
		out = append(out, f)
	}
	return out
}

// parseHasMark reports whether text carries mark not as part of a longer
// superscript number.
func parseHasMark(text, mark string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], mark)
		if j < 0 {
			return false
		}
		k := i + j + len(mark)
		r, _ := utf8.DecodeRuneInString(text[k:])
		if _, sup := parseSupers[r]; !sup {
			return true
		}
		i = k
	}
}

// references finds the citations in every clause and in the subject, resolves
// them over the document and drops those of the document itself.
func (p *parser) references(roots []*Clause) []Reference {
	var all []Reference
	if p.meta.Subject != "" {
		all = append(all, FindReferences(p.meta.Subject)...)
	}
	Walk(roots, func(c *Clause, _ int) {
		for _, s := range []string{c.Heading, c.Text} {
			if s == "" {
				continue
			}
			for _, r := range FindReferences(s) {
				r.Clause = c.Address
				all = append(all, r)
			}
		}
	})
	all = ResolveReferences(all)
	own := ""
	if p.meta.Number != "" {
		own = NumberKey(p.meta.Number)
	}
	out := make([]Reference, 0, len(all))
	for _, r := range all {
		if own != "" && r.Number != "" && NumberKey(r.Number) == own {
			continue
		}
		out = append(out, r)
	}
	return out
}

// parseWords counts the words of s.
func parseWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		sp := unicode.IsSpace(r)
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}

// parseIsCaps reports whether s is written in capitals: at least two letters,
// none of them lower case.
func parseIsCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

// parseTerminal reports whether s ends a sentence (or introduces a list).
func parseTerminal(s string) bool {
	s = strings.TrimRight(s, " \"'”’»)]*_")
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '.', ';', ':', '!', '?', '…':
		return true
	}
	return false
}

func parseItoa(n int) string { return strconv.Itoa(n) }
