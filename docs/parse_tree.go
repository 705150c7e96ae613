package docs

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Ranks order the labelled levels: a new clause closes every open clause of
// equal or higher rank and becomes the child of the one left on top.
const (
	rankRoot     = -1
	rankAppendix = 0
	rankPart     = 10 // "Phần thứ nhất", "A."
	rankChapter  = 20 // "Chương I"
	rankMuc      = 30 // "Mục 1"
	rankSection  = 40 // "I.", "II-"
	rankArticle  = 50 // "Điều 1."
	rankItem     = 60 // "1." is 61, "2.1." 62 …
	rankPoint    = 80 // "a)"
	rankBullet   = 90 // "-"
	rankPlus     = 95 // "+"
)

// parseLabel is what a paragraph's label says.
type parseLabel struct {
	level string // Clause.Level
	label string // Clause.Label
	comp  string // address component
	rank  int
	rest  string // the text after the label
}

// parseNode is a clause while the tree is built.
type parseNode struct {
	c        *Clause
	rank     int
	comp     string // address component ("" for paragraphs and bullets)
	sign     string // "¶", "-" or "+" for unlabelled children, "" when labelled
	n        int    // index among the parent's children of the same sign
	appended int    // heading lines appended
	parent   *parseNode
	children []*parseNode
	count    map[string]int
}

// parseBuilder builds the clause tree from body paragraphs in order.
//
// Rules. A labelled paragraph opens a clause. Its text after the label is a
// heading (Heading set, Text "") when it is empty, in capitals, or short (at
// most 40 words) without a final ".;:!?…"; otherwise it is the clause's Text.
// A heading in capitals goes on over following unlabelled lines in capitals
// ("I. MỤC ĐÍCH," / "YÊU CẦU"); a chapter, part, section or appendix label
// alone takes the next line as its heading ("Chương I" / "NHỮNG QUY ĐỊNH
// CHUNG"). Every other unlabelled paragraph becomes a "¶n" child of the
// nearest open labelled clause — heading or not — or a top-level "¶n".
// Bullets ("-", "+") are children of the open clause ("-n"), "+" under the
// last "-" ("-1/+1"); a paragraph after bullets closes them. Addresses join the
// labels of the path with "." and unlabelled children with "/"; an item
// "2.1" under "2" adds only "1"; articles start fresh from the document (or
// their appendix); repeated addresses get "#2", "#3".
type parseBuilder struct {
	root  *parseNode
	stack []*parseNode
	forms bool // an appendix or form has opened
	roman int  // the last section number
}

func newParseBuilder() *parseBuilder {
	r := &parseNode{rank: rankRoot}
	return &parseBuilder{root: r, stack: []*parseNode{r}}
}

func (b *parseBuilder) top() *parseNode { return b.stack[len(b.stack)-1] }

func (b *parseBuilder) pop(rank int) {
	for len(b.stack) > 1 && b.top().rank >= rank {
		b.stack = b.stack[:len(b.stack)-1]
	}
}

func (b *parseBuilder) child(parent *parseNode, n *parseNode) {
	n.parent = parent
	if n.sign != "" {
		if parent.count == nil {
			parent.count = map[string]int{}
		}
		parent.count[n.sign]++
		n.n = parent.count[n.sign]
	}
	parent.children = append(parent.children, n)
}

// forceTop adds a top-level paragraph and closes every open clause.
func (b *parseBuilder) forceTop(p parsePara) *Clause {
	b.stack = b.stack[:1]
	n := &parseNode{c: &Clause{Level: "paragraph", Text: p.text, Page: p.page}, rank: rankBullet, sign: "¶"}
	b.child(b.root, n)
	return n.c
}

// add places one body paragraph; after says it follows the closing, where
// attached texts ("QUY CHẾ ...") start appendices.
func (b *parseBuilder) add(p parsePara, after bool) *Clause {
	if t := b.top(); after && t.c != nil && t.sign == "" && t.rank < rankArticle && t.c.Heading == "" && t.c.Text == "" &&
		len(t.children) == 0 && parseIsCaps(p.text) && !strings.HasPrefix(p.text, "PHỤ LỤC") {
		return b.paragraph(p) // "PHỤ LỤC I" / "DANH MỤC BIỂU MẪU", "Chương I" / "QUY ĐỊNH CHUNG": its heading
	}
	// Attached texts open by their kind only until the first appendix or
	// form: the kind lines of a form ("KẾ HOẠCH BỒI DƯỠNG") are its content.
	l, ok := parseLabelOf(p.text, after, after && !b.forms)
	if ok && l.level == "appendix" && (strings.HasPrefix(l.label, "Phụ lục") || strings.HasPrefix(l.label, "Mẫu")) {
		b.forms = true
	}
	if ok && l.rank == rankSection {
		// Sections run I, II, III …: "XVII." alone is a wrapped line ("khóa
		// XVII."), not the seventeenth section after the second.
		v := parseRomanValue(l.label)
		if v != 1 && v > b.roman+2 {
			ok = false
		} else {
			b.roman = v
		}
	}
	if !ok {
		return b.paragraph(p)
	}
	c := &Clause{Label: l.label, Level: l.level, Page: p.page}
	n := &parseNode{c: c, rank: l.rank, comp: l.comp}
	switch l.level {
	case "bullet":
		c.Text = l.rest
		n.sign = "-"
		if l.rank == rankPlus {
			n.sign = "+"
			for len(b.stack) > 1 && b.top().rank >= rankPlus {
				b.stack = b.stack[:len(b.stack)-1]
			}
		} else {
			b.pop(rankBullet)
		}
	default:
		switch r := l.rest; {
		case r == "":
		case parseIsCaps(r) || (!parseTerminal(r) && parseWords(r) <= 40):
			c.Heading = r
		default:
			c.Text = r
		}
		b.pop(l.rank)
	}
	b.child(b.top(), n)
	b.stack = append(b.stack, n)
	return c
}

// paragraph places an unlabelled paragraph: the rest of a heading, or a "¶"
// child of the open clause.
func (b *parseBuilder) paragraph(p parsePara) *Clause {
	t := b.top()
	if t != b.root && t.sign == "" && len(t.children) == 0 && t.c.Text == "" {
		c := t.c
		switch {
		case c.Heading == "" && (t.rank < rankArticle) && !strings.HasPrefix(p.text, "(") &&
			(parseIsCaps(p.text) || (!parseTerminal(p.text) && parseWords(p.text) <= 25)):
			c.Heading = p.text
			t.appended++
			return c
		case c.Heading != "" && t.appended < 3 && parseIsCaps(c.Heading) && !parseTerminal(c.Heading) &&
			parseIsCaps(p.text) && parseWords(p.text) <= 40:
			c.Heading += " " + p.text
			t.appended++
			return c
		}
	}
	for len(b.stack) > 1 && b.top().rank >= rankBullet {
		b.stack = b.stack[:len(b.stack)-1]
	}
	n := &parseNode{c: &Clause{Level: "paragraph", Text: p.text, Page: p.page}, rank: rankBullet, sign: "¶"}
	b.child(b.top(), n)
	return n.c
}

// finish gives every clause its address and returns the top-level clauses.
func (b *parseBuilder) finish() []*Clause {
	seen := map[string]bool{}
	next := map[string]int{} // the next "#k" to try for an address
	var assign func(n *parseNode, parent, scope string)
	assign = func(n *parseNode, parent, scope string) {
		var addr string
		switch {
		case n.sign != "":
			addr = n.sign + parseItoa(n.n)
			if parent != "" {
				addr = parent + "/" + addr
			}
		default:
			base := parent
			if n.c.Level == "article" {
				base = scope
			}
			comp := n.comp
			if n.c.Level == "item" && n.parent != nil && n.parent.c != nil && n.parent.c.Level == "item" &&
				strings.HasPrefix(n.c.Label, n.parent.c.Label+".") {
				comp = n.c.Label[len(n.parent.c.Label)+1:]
			}
			addr = comp
			if base != "" {
				addr = base + "." + comp
			}
		}
		if seen[addr] {
			k := max(next[addr], 2)
			for seen[addr+"#"+parseItoa(k)] {
				k++
			}
			next[addr] = k + 1
			addr += "#" + parseItoa(k)
		}
		seen[addr] = true
		n.c.Address = addr
		if n.c.Level == "appendix" {
			scope = addr
		}
		n.c.Children = make([]*Clause, 0, len(n.children))
		for _, k := range n.children {
			assign(k, addr, scope)
			n.c.Children = append(n.c.Children, k.c)
		}
	}
	out := make([]*Clause, 0, len(b.root.children))
	for _, k := range b.root.children {
		assign(k, "", "")
		out = append(out, k.c)
	}
	return out
}

// parseLabelOf reads the label that starts a paragraph, if any; after the
// closing forms ("Mẫu số 01") open appendices, and with kinds so do attached
// texts ("QUY CHẾ ...").
func parseLabelOf(s string, after, kinds bool) (parseLabel, bool) {
	if s == "" {
		return parseLabel{}, false
	}
	if l, ok := parseAppendixLabel(s, after, kinds); ok {
		return l, true
	}
	r0, n0 := utf8.DecodeRuneInString(s)
	switch {
	case r0 == '-' || r0 == '–' || r0 == '—' || r0 == '•' || r0 == '+':
		next, _ := utf8.DecodeRuneInString(s[n0:])
		if unicode.IsDigit(next) || next == r0 {
			return parseLabel{}, false
		}
		l := parseLabel{level: "bullet", label: string(r0), rank: rankBullet, rest: strings.TrimSpace(s[n0:])}
		if r0 == '+' {
			l.rank = rankPlus
		}
		return l, true
	case r0 >= '0' && r0 <= '9':
		return parseItemLabel(s)
	}
	if l, ok := parseLegalLabel(s); ok {
		return l, true
	}
	if l, ok := parseRomanLabel(s); ok {
		return l, true
	}
	// Part letter "A." / "B-", point "a)".
	if len(s) >= 2 {
		c := s[0]
		switch {
		case c >= 'A' && c <= 'H' && (s[1] == '.' || s[1] == '-' || s[1] == ')'):
			rest := s[2:]
			if len(rest) > 1 && rest[0] == ' ' {
				r, _ := utf8.DecodeRuneInString(strings.TrimLeft(rest, " "))
				if unicode.IsLetter(r) {
					return parseLabel{level: "part", label: s[:1], comp: s[:1], rank: rankPart, rest: strings.TrimSpace(rest)}, true
				}
			}
		case c >= 'a' && c <= 'z' && s[1] == ')':
			return parseLabel{level: "point", label: s[:1], comp: s[:1], rank: rankPoint, rest: strings.TrimSpace(s[2:])}, true
		}
	}
	if strings.HasPrefix(s, "đ)") {
		return parseLabel{level: "point", label: "đ", comp: "đ", rank: rankPoint, rest: strings.TrimSpace(s[len("đ)"):])}, true
	}
	return parseLabel{}, false
}

// parseItemLabel reads "1.", "2.1.", "2.1", "3)".
func parseItemLabel(s string) (parseLabel, bool) {
	i, groups := 0, 0
	for {
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		d := j - i
		if d == 0 || (groups == 0 && d > 3) || (groups > 0 && d > 2) {
			return parseLabel{}, false
		}
		groups++
		i = j
		if groups < 5 && i+1 < len(s) && s[i] == '.' && s[i+1] >= '0' && s[i+1] <= '9' {
			i++
			continue
		}
		break
	}
	label := s[:i]
	if groups == 1 {
		if n := len(label); n == 3 && label > "200" {
			return parseLabel{}, false
		}
	}
	rest := s[i:]
	switch {
	case strings.HasPrefix(rest, ".") || strings.HasPrefix(rest, ")"):
		rest = rest[1:]
	case groups > 1 && strings.HasPrefix(rest, " "):
	default:
		return parseLabel{}, false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	if rest != "" && !unicode.IsSpace(r) && !unicode.IsLetter(r) && r != '(' && r != '"' && r != '“' {
		return parseLabel{}, false
	}
	return parseLabel{level: "item", label: label, comp: label, rank: rankItem + groups, rest: strings.TrimSpace(rest)}, true
}

// parseRoman holds the valid Roman numerals up to XXXIX.
var parseRoman = func() map[string]bool {
	m := map[string]bool{}
	ones := []string{"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"}
	for _, t := range []string{"", "X", "XX", "XXX"} {
		for _, o := range ones {
			if t+o != "" {
				m[t+o] = true
			}
		}
	}
	return m
}()

// parseRomanValue is the value of a valid Roman numeral up to XXXIX.
func parseRomanValue(s string) int {
	v := 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == 'X':
			v += 10
		case s[i] == 'V':
			v += 5
		case i+1 < len(s) && s[i+1] != 'I':
			v-- // IV, IX
		default:
			v++
		}
	}
	return v
}

// parseRomanLabel reads a section label "I.", "II-", "III –", "IV:".
func parseRomanLabel(s string) (parseLabel, bool) {
	i := 0
	for i < len(s) && (s[i] == 'I' || s[i] == 'V' || s[i] == 'X') {
		i++
	}
	if i == 0 || !parseRoman[s[:i]] {
		return parseLabel{}, false
	}
	rest := strings.TrimLeft(s[i:], " ")
	r, n := utf8.DecodeRuneInString(rest)
	switch r {
	case '.', '-', '–', ':', ')':
	default:
		return parseLabel{}, false
	}
	rest = rest[n:]
	next, _ := utf8.DecodeRuneInString(rest)
	if rest != "" && !unicode.IsSpace(next) && !unicode.IsUpper(next) {
		return parseLabel{}, false
	}
	return parseLabel{level: "section", label: s[:i], comp: s[:i], rank: rankSection, rest: strings.TrimSpace(rest)}, true
}

// parseLegalLabel reads "Phần thứ nhất", "Phần I", "Chương II", "Mục 1",
// "Điều 3.".
func parseLegalLabel(s string) (parseLabel, bool) {
	word, rest, ok := strings.Cut(s, " ")
	if !ok {
		return parseLabel{}, false
	}
	var level, name string
	var rank int
	switch word {
	case "Phần", "PHẦN":
		level, name, rank = "part", "Phần", rankPart
	case "Chương", "CHƯƠNG":
		level, name, rank = "chapter", "Chương", rankChapter
	case "Mục", "MỤC":
		level, name, rank = "section", "Mục", rankMuc
	case "Điều", "ĐIỀU":
		level, name, rank = "article", "Điều", rankArticle
	default:
		return parseLabel{}, false
	}
	rest = strings.TrimLeft(rest, " ")
	num, tail := parseLegalNumber(rest, level)
	if num == "" {
		return parseLabel{}, false
	}
	tail = strings.TrimLeft(tail, " ")
	r, n := utf8.DecodeRuneInString(tail)
	switch r {
	case '.', ':', '-', '–':
		tail = strings.TrimSpace(tail[n:])
	case utf8.RuneError:
	default:
		if level == "article" {
			return parseLabel{}, false
		}
		if level == "section" && !parseIsCaps(tail) && (parseTerminal(tail) || parseWords(tail) > 20) {
			return parseLabel{}, false
		}
	}
	label := name + " " + num
	return parseLabel{level: level, label: label, comp: label, rank: rank, rest: tail}, true
}

// parseLegalNumber reads the number after Phần/Chương/Mục/Điều: digits (an
// article may add a letter, "12a"), a Roman numeral, or for a part "thứ nhất".
func parseLegalNumber(s, level string) (num, rest string) {
	if level == "part" {
		if w, r, ok := strings.Cut(s, " "); ok && (w == "thứ" || w == "THỨ") {
			n, r2, _ := strings.Cut(r, " ")
			n = strings.TrimRight(n, ".:")
			if n != "" {
				return "thứ " + strings.ToLower(n), r2
			}
		}
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i <= 3 {
		if level == "article" && i < len(s) && s[i] >= 'a' && s[i] <= 'z' && (i+1 == len(s) || s[i+1] == '.' || s[i+1] == ' ') {
			i++
		}
		if i < len(s) && (unicode.IsLetter(rune(s[i])) || unicode.IsDigit(rune(s[i]))) {
			return "", s
		}
		return s[:i], s[i:]
	}
	if level == "article" {
		return "", s
	}
	j := 0
	for j < len(s) && (s[j] == 'I' || s[j] == 'V' || s[j] == 'X') {
		j++
	}
	if j > 0 && parseRoman[s[:j]] && (j == len(s) || !unicode.IsLetter(rune(s[j]))) {
		return s[:j], s[j:]
	}
	return "", s
}

// parseAppendixLabel reads "PHỤ LỤC", "Phụ lục I", "PHỤ LỤC 01 …" and, after
// the closing, "Mẫu số 01" and attached texts ("QUY CHẾ …", "QUY ĐỊNH …").
func parseAppendixLabel(s string, after, kinds bool) (parseLabel, bool) {
	var caps bool
	var rest string
	if after {
		if l, ok := parseFormLabel(s); ok {
			return l, true
		}
	}
	switch {
	case strings.HasPrefix(s, "PHỤ LỤC"):
		caps, rest = true, s[len("PHỤ LỤC"):]
	case strings.HasPrefix(s, "Phụ lục"):
		rest = s[len("Phụ lục"):]
	case strings.HasPrefix(s, "Phụ Lục"):
		rest = s[len("Phụ Lục"):]
	default:
		if kinds {
			return parseAttachmentLabel(s)
		}
		return parseLabel{}, false
	}
	if r, _ := utf8.DecodeRuneInString(rest); rest != "" && unicode.IsLetter(r) {
		return parseLabel{}, false
	}
	rest = strings.TrimLeft(rest, " ")
	if strings.HasPrefix(rest, "số ") || strings.HasPrefix(rest, "SỐ ") {
		rest = strings.TrimLeft(rest[len("số "):], " ")
	}
	num := ""
	if w, _, _ := strings.Cut(rest, " "); w != "" {
		w = strings.TrimRight(w, ".:-–")
		if parseRoman[w] || (w != "" && w[0] >= '0' && w[0] <= '9' && len(w) <= 4) {
			num = w
			rest = strings.TrimLeft(rest[len(w):], " ")
		}
	}
	rest = strings.TrimSpace(strings.TrimLeft(rest, ".:-– "))
	if !caps && rest != "" && !parseIsCaps(rest) && !strings.HasPrefix(rest, "(") {
		return parseLabel{}, false
	}
	label := "Phụ lục"
	if num != "" {
		label += " " + num
	}
	return parseLabel{level: "appendix", label: label, comp: label, rank: rankAppendix, rest: rest}, true
}

// parseAttachmentLabel reads the first line of a text attached after the
// signature: a kind in capitals, or a form "Mẫu số 01".
func parseAttachmentLabel(s string) (parseLabel, bool) {
	if !parseIsCaps(s) && !parseIsCaps(parseFirstWords(s, 2)) {
		return parseLabel{}, false
	}
	k, rest, ok := parseKindPrefix(s)
	if !ok {
		return parseLabel{}, false
	}
	label := parseSentence(k)
	return parseLabel{level: "appendix", label: label, comp: label, rank: rankAppendix, rest: rest}, true
}

// parseFormLabel reads the first line of a form after the signature: "Mẫu
// số 01", "Mẫu 1".
func parseFormLabel(s string) (parseLabel, bool) {
	for _, p := range []string{"Mẫu số ", "MẪU SỐ ", "Mẫu ", "MẪU "} {
		if strings.HasPrefix(s, p) {
			w, rest, _ := strings.Cut(s[len(p):], " ")
			w = strings.TrimRight(w, ".:")
			if w == "" || w[0] < '0' || w[0] > '9' {
				return parseLabel{}, false
			}
			label := "Mẫu " + w
			if strings.Contains(strings.ToLower(p), "số") {
				label = "Mẫu số " + w
			}
			return parseLabel{level: "appendix", label: label, comp: label, rank: rankAppendix, rest: strings.TrimSpace(rest)}, true
		}
	}
	return parseLabel{}, false
}

// parseFirstWords returns the first n words of s.
func parseFirstWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) > n {
		f = f[:n]
	}
	return strings.Join(f, " ")
}
