package docs

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// SplitPages splits a text at its form feeds ("\f"), the page breaks Word and
// pdftotext write. A trailing form feed does not make an empty last page.
func SplitPages(s string) []string {
	pages := strings.Split(s, "\f")
	if len(pages) > 1 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	return pages
}

// Rebuild turns the text of each page, as an extractor laid it out, into
// paragraphs of clean NFC text with collapsed whitespace. Wrapped lines are
// joined (also across spurious blank lines and page breaks when a sentence
// obviously goes on); headings, list items and all-caps lines start paragraphs;
// page numbers, running headers and footers and decorative rules are dropped;
// footnotes become separate paragraphs marked Footnote, and the body text they
// interrupted is joined as if they were absent. Each paragraph carries the
// 1-based page it starts on. No body word is lost.
func Rebuild(pages []string) []Paragraph {
	paras, _ := rebuild(pages)
	return paras
}

// cleanLine is one non-blank line of body or footnote text.
type cleanLine struct {
	text  string
	page  int // 1-based
	block int // index of its block (lines between blank lines), global
}

// cleanBoundary says what separates two consecutive lines.
type cleanBoundary int

const (
	boundSoft  cleanBoundary = iota // a line break inside a block
	boundBlock                      // a blank line
	boundPage                       // a page break
)

// rebuild does the work of Rebuild and also returns the lines it dropped (page
// numbers, running headers, rules), so tests can account for every word.
func rebuild(pages []string) ([]Paragraph, []string) {
	var dropped []string
	// 1. Lines of each page, normalised; blank lines kept as "".
	lines := make([][]string, len(pages))
	for i, p := range pages {
		p = norm.NFC.String(strings.ToValidUTF8(p, "\uFFFD"))
		p = cleanNewlines.Replace(p)
		ls := strings.Split(p, "\n")
		for j, l := range ls {
			l = strings.TrimSpace(l)
			if l != "" && cleanIsNoise(l) {
				dropped = append(dropped, l)
				l = ""
			}
			ls[j] = l
		}
		lines[i] = ls
	}
	// 2. Page numbers, then running headers and footers, then page numbers
	// again (a number may sit outside a running header).
	dropped = cleanDropPageNumbers(lines, dropped)
	dropped = cleanDropRunning(lines, dropped)
	dropped = cleanDropPageNumbers(lines, dropped)

	// 3. Blocks, and footnotes among them.
	type block struct {
		lines    []cleanLine
		footnote bool
	}
	var blocks []*block
	for i, ls := range lines {
		var cur *block
		for _, l := range ls {
			if l == "" {
				cur = nil
				continue
			}
			// A superscript-marked line starts a footnote that runs to the
			// end of its block; a new marker starts another.
			fn := cleanSuperNote(l)
			if cur == nil || fn {
				cur = &block{footnote: fn}
				blocks = append(blocks, cur)
			}
			cur.lines = append(cur.lines, cleanLine{text: l, page: i + 1, block: len(blocks) - 1})
		}
	}
	// "(1) ..." blocks are footnotes only when they interrupt a sentence: the
	// body before them does not end a sentence and the body after them goes on
	// in lower case.
	paren := make([]bool, len(blocks))
	for i, b := range blocks {
		paren[i] = !b.footnote && cleanParenNote.MatchString(b.lines[0].text)
	}
	nextBody := make([]*block, len(blocks)) // the next block that is plain body
	var next *block
	for i := len(blocks) - 1; i >= 0; i-- {
		nextBody[i] = next
		if !blocks[i].footnote && !paren[i] {
			next = blocks[i]
		}
	}
	var prev *block
	for i, b := range blocks {
		if paren[i] && prev != nil && nextBody[i] != nil &&
			!cleanTerminal(prev.lines[len(prev.lines)-1].text) &&
			cleanStartsLower(nextBody[i].lines[0].text) {
			b.footnote = true
		}
		if !b.footnote {
			prev = b
		}
	}

	// 4. Line width: most body lines of wrapped text are about this long.
	var lens []int
	for _, b := range blocks {
		for _, l := range b.lines {
			lens = append(lens, utf8.RuneCountInString(l.text))
		}
	}
	width := 30
	if len(lens) > 0 {
		sort.Ints(lens)
		if w := lens[len(lens)*9/10]; w > width {
			width = w
		}
	}

	// 5. Join.
	var out []Paragraph
	var pending []Paragraph // footnotes waiting for the body paragraph to end
	var cur *cleanParaBuilder
	var last *cleanLine
	flush := func() {
		if cur != nil {
			if t := cur.text(); t != "" {
				out = append(out, Paragraph{Text: t, Page: cur.page})
			}
			cur = nil
		}
		out = append(out, pending...)
		pending = nil
	}
	for _, b := range blocks {
		if b.footnote {
			var fb *cleanParaBuilder
			for _, l := range b.lines {
				if fb == nil || cleanSuperNote(l.text) || cleanParenNote.MatchString(l.text) {
					if fb != nil {
						pending = append(pending, Paragraph{Text: fb.text(), Page: fb.page, Footnote: true})
					}
					fb = &cleanParaBuilder{page: l.page}
					fb.add(l.text, false)
					continue
				}
				fb.add(l.text, cleanGlue(fb.lastLine, l.text))
			}
			pending = append(pending, Paragraph{Text: fb.text(), Page: fb.page, Footnote: true})
			if cur == nil {
				out = append(out, pending...)
				pending = nil
			}
			continue
		}
		for i := range b.lines {
			l := &b.lines[i]
			if cur != nil && last != nil {
				kind := boundSoft
				switch {
				case l.page != last.page:
					kind = boundPage
				case l.block != last.block:
					kind = boundBlock
				}
				if cleanJoins(last.text, l.text, kind, width) {
					cur.add(l.text, cleanGlue(last.text, l.text))
					last = l
					continue
				}
				flush()
			}
			cur = &cleanParaBuilder{page: l.page}
			cur.add(l.text, false)
			last = l
		}
	}
	flush()
	return out, dropped
}

// cleanParaBuilder gathers the lines of one paragraph.
type cleanParaBuilder struct {
	page     int
	b        strings.Builder
	lastLine string
}

func (p *cleanParaBuilder) add(line string, glue bool) {
	if p.b.Len() > 0 && !glue {
		p.b.WriteByte(' ')
	}
	p.b.WriteString(line)
	p.lastLine = line
}

func (p *cleanParaBuilder) text() string {
	return norm.NFC.String(strings.Join(strings.Fields(p.b.String()), " "))
}

var cleanNewlines = strings.NewReplacer(
	"\r\n", "\n", "\r", "\n", "\f", "\n", "\v", "\n", "\u2028", "\n", "\u2029", "\n\n",
)

// cleanIsNoise tells a line that carries no text: a rule of dashes or
// underscores, or stray superscript marks the layout tore from their line.
func cleanIsNoise(l string) bool {
	rule, super := 0, 0
	for _, r := range l {
		switch {
		case strings.ContainsRune("-–—_=~*", r):
			rule++
		case strings.ContainsRune("⁽⁾", r):
			super++
		case unicode.IsSpace(r):
		default:
			return false
		}
	}
	return (rule >= 3 && super == 0) || (super > 0 && rule == 0)
}

var cleanPageNumber = regexp.MustCompile(`^(?:` +
	`\d{1,3}` + // 2
	`|[-–—]\s*\d{1,3}\s*[-–—]` + // - 2 -
	`|(?i:trang|page)\s*\d{1,3}(?:\s*(?:/|trên|of)\s*\d{1,3})?` + // Trang 2, Trang 2/5
	`|\d{1,3}\s*/\s*\d{1,3}` + // 2/5
	`)$`)

// cleanDropPageNumbers drops a page number standing as the first or the last
// line of a page.
func cleanDropPageNumbers(lines [][]string, dropped []string) []string {
	for _, ls := range lines {
		if i := cleanFirst(ls); i >= 0 && cleanPageNumber.MatchString(ls[i]) {
			dropped = append(dropped, ls[i])
			ls[i] = ""
		}
		if i := cleanLast(ls); i >= 0 && cleanPageNumber.MatchString(ls[i]) {
			dropped = append(dropped, ls[i])
			ls[i] = ""
		}
	}
	return dropped
}

// cleanDropRunning drops a short line that stands at the top (or the bottom)
// of at least half of the pages, and of two at least, digits aside.
func cleanDropRunning(lines [][]string, dropped []string) []string {
	nonEmpty := 0
	for _, ls := range lines {
		if cleanFirst(ls) >= 0 {
			nonEmpty++
		}
	}
	if nonEmpty < 2 {
		return dropped
	}
	for _, pos := range []func([]string) int{cleanFirst, cleanLast} {
		count := map[string]int{}
		for _, ls := range lines {
			if i := pos(ls); i >= 0 {
				count[cleanRunningKey(ls[i])]++
			}
		}
		for _, ls := range lines {
			i := pos(ls)
			if i < 0 {
				continue
			}
			k := cleanRunningKey(ls[i])
			if n := count[k]; n >= 2 && 2*n >= nonEmpty && utf8.RuneCountInString(ls[i]) <= 100 &&
				strings.IndexFunc(ls[i], unicode.IsLetter) >= 0 {
				dropped = append(dropped, ls[i])
				ls[i] = ""
			}
		}
	}
	return dropped
}

func cleanRunningKey(l string) string {
	var b strings.Builder
	digit := false
	for _, r := range strings.ToLower(strings.Join(strings.Fields(l), " ")) {
		if unicode.IsDigit(r) {
			if !digit {
				b.WriteByte('#')
			}
			digit = true
			continue
		}
		digit = false
		b.WriteRune(r)
	}
	return b.String()
}

func cleanFirst(ls []string) int {
	for i, l := range ls {
		if l != "" {
			return i
		}
	}
	return -1
}

func cleanLast(ls []string) int {
	for i := len(ls) - 1; i >= 0; i-- {
		if ls[i] != "" {
			return i
		}
	}
	return -1
}

const cleanSuperDigits = "⁰¹²³⁴⁵⁶⁷⁸⁹"

// cleanSuperNote tells a line that begins with a superscript footnote marker
// ("¹ Thực hiện ...", "⁽²⁾ Xem ...") followed by text.
func cleanSuperNote(l string) bool {
	digits := 0
	for i, r := range l {
		switch {
		case strings.ContainsRune(cleanSuperDigits, r):
			digits++
		case r == '⁽' || r == '⁾':
		default:
			return digits > 0 && strings.IndexFunc(l[i:], func(r rune) bool {
				return unicode.IsLetter(r) || unicode.IsDigit(r)
			}) >= 0
		}
	}
	return false
}

// cleanParenNote matches a "(1) text" marker, a footnote when it interrupts a
// sentence and otherwise a list item.
var cleanParenNote = regexp.MustCompile(`^\(\d{1,3}\)\s*\S`)

type cleanLabelKind int

const (
	labelNone  cleanLabelKind = iota
	labelDash                 // "- ", "+ ", "• "
	labelOther                // "1.", "a)", "II-", "Điều 3.", "Chương II"
)

var cleanLabel = regexp.MustCompile(`^(?:` +
	`\d{1,3}(?:\.\d{1,3})*[.)]\s*[\pL("“*]` + // 1. 2.1. 2.1.1. 1)
	`|\(\d{1,3}\)\s` + // (1)
	`|\(?[a-zđ]\)\s` + // a) (b)
	`|[IVXLC]{1,6}\s?[.\-–)]\s` + // I- II. IV)
	`|[A-ZĐ]\.\s` + // A. B.
	`|(?:Điều|ĐIỀU)\s+\d{1,3}[a-zđ]?\s*[.:]` + // Điều 3.
	`|(?:Chương|CHƯƠNG|Phần|PHẦN|Mục|MỤC)\s+(?:[IVXLC]+\b|\d+|thứ|THỨ)` + // Chương II, Mục 1
	`)`)

func cleanLabelOf(l string) cleanLabelKind {
	l = strings.TrimLeft(l, "*")
	if r, size := utf8.DecodeRuneInString(l); strings.ContainsRune("-+•–—", r) && size < len(l) && l[size] == ' ' {
		return labelDash
	}
	if cleanLabel.MatchString(l) {
		return labelOther
	}
	return labelNone
}

// cleanClosers may follow the punctuation that ends a sentence.
const cleanClosers = "\"'”’»)]}*_"

// cleanTerminal tells a line that ends a sentence: . : ; ! ? … maybe followed
// by a closing quote, parenthesis or emphasis mark.
func cleanTerminal(l string) bool {
	l = strings.TrimRight(l, " "+cleanClosers)
	r, _ := utf8.DecodeLastRuneInString(l)
	return strings.ContainsRune(".:;!?…", r)
}

func cleanEndsComma(l string) bool {
	l = strings.TrimRight(l, " *")
	return strings.HasSuffix(l, ",")
}

// cleanConnectors are words a Vietnamese sentence cannot end on.
var cleanConnectors = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`và của các với cho về trong theo để tại từ những là có được bị do
		đến số hoặc hay nhưng mà thì khi nếu như bằng vào trên dưới sau trước giữa qua bởi vì nên
		cũng đã sẽ đang phải cần một mọi mỗi người ngày tháng năm gồm thuộc đối`) {
		cleanConnectors[w] = true
	}
}

func cleanEndsConnector(l string) bool {
	f := strings.Fields(l)
	if len(f) == 0 {
		return false
	}
	return cleanConnectors[strings.ToLower(strings.Trim(f[len(f)-1], "*_"))]
}

// cleanFirstRune is the first letter or digit of a line, skipping opening
// punctuation and emphasis marks.
func cleanFirstRune(l string) rune {
	for _, r := range l {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
	}
	return 0
}

// cleanStartsLower tells a line that goes on a sentence: it starts in lower case.
func cleanStartsLower(l string) bool {
	return unicode.IsLower(cleanFirstRune(l))
}

// cleanIsUpper tells a line written in capitals only: two letters at least,
// no lower-case letter, and letters for half its characters at least (so that
// "51/2001/QH10;" is not a capital line).
func cleanIsUpper(l string) bool {
	letters, other := 0, 0
	for _, r := range l {
		switch {
		case unicode.IsLetter(r):
			if unicode.IsLower(r) {
				return false
			}
			letters++
		case !unicode.IsSpace(r):
			other++
		}
	}
	return letters >= 2 && letters >= other
}

// cleanIsTitle tells a capital line that is a title or a header line, not a
// document code such as "01-HD/BTCTU." that a sentence wrapped onto a line.
func cleanIsTitle(l string) bool {
	return cleanIsUpper(l) && (!unicode.IsDigit(cleanFirstRune(l)) || cleanLabelOf(l) != labelNone)
}

// cleanPlaceDate matches the place and date line of a document header.
var cleanPlaceDate = regexp.MustCompile(`^\pL[\pL .]*, ngày\s`)

// cleanParenthesised tells a line that is one parenthesised note.
func cleanParenthesised(l string) bool {
	return strings.HasPrefix(l, "(") && strings.HasSuffix(l, ")") && strings.Count(l, "(") == 1
}

// cleanHasLower tells a line with a lower-case letter.
func cleanHasLower(l string) bool { return strings.IndexFunc(l, unicode.IsLower) >= 0 }

// cleanJoins decides whether next continues the paragraph that prev ends.
func cleanJoins(prev, next string, kind cleanBoundary, width int) bool {
	term := cleanTerminal(prev)
	prevLen := utf8.RuneCountInString(prev)
	switch cleanLabelOf(next) {
	case labelDash:
		// "kinh tế\n- xã hội": a dash that wraps inside a sentence.
		return kind == boundSoft && !term && !cleanEndsComma(prev) && !cleanLabelStarts(prev) &&
			cleanStartsLower(next)
	case labelOther:
		// "tại khoản\n1. Điều 5" is rare; a connector says so.
		return kind == boundSoft && !term && cleanEndsConnector(prev)
	}
	if kind != boundSoft && (strings.Contains(prev, " | ") || strings.Contains(next, " | ")) {
		return false // table rows, as HTMLText writes them
	}
	up, un := cleanIsTitle(prev), cleanIsTitle(next)
	if up && cleanHasLower(next) {
		return false // a title, a header line or a signature never joins text
	}
	if un && cleanHasLower(prev) && (term || !(cleanEndsComma(prev) || cleanEndsConnector(prev))) {
		return false // text never runs on into a title, unless unfinished
	}
	if up && un {
		// Two capital lines join only as one title wrapped: after a long
		// line, or a connector, or when a word or two hang over.
		if term {
			return false
		}
		if cleanEndsConnector(prev) {
			return true
		}
		long := len(strings.Fields(prev)) >= 8
		if kind == boundSoft {
			return long || prevLen*10 >= width*6
		}
		return kind == boundBlock && long && len(strings.Fields(next)) <= 2
	}
	if kind == boundSoft {
		if cleanStartsLower(next) {
			return true
		}
		if term {
			// A sentence that ends a full line goes on; one that ends short
			// ends its paragraph.
			return prevLen*10 >= width*7
		}
		// Header lines stay apart: a number then a place and date, a
		// parenthesised note ("(Đã ký)") then a name.
		if cleanPlaceDate.MatchString(next) || cleanParenthesised(prev) {
			return false
		}
		return true
	}
	// Across a blank line or a page break only an unfinished sentence goes on.
	if term {
		return false
	}
	if cleanStartsLower(next) || unicode.IsDigit(cleanFirstRune(next)) {
		return true
	}
	return cleanEndsComma(prev) || cleanEndsConnector(prev)
}

// cleanLabelStarts tells a line that is itself a dash item.
func cleanLabelStarts(l string) bool { return cleanLabelOf(l) == labelDash }

// cleanGlue tells whether next is glued to prev without a space: a word cut
// at a hyphen ("văn hóa-" + "thể thao"), a number code ("19-" + "NQ/TW") or a
// slash ("19-NQ/" + "TW").
func cleanGlue(prev, next string) bool {
	prev = strings.TrimRight(prev, " ")
	last, size := utf8.DecodeLastRuneInString(prev)
	before, _ := utf8.DecodeLastRuneInString(prev[:len(prev)-size])
	first, _ := utf8.DecodeRuneInString(next)
	if !(unicode.IsLetter(before) || unicode.IsDigit(before)) {
		return false
	}
	switch last {
	case '-':
		if unicode.IsLower(first) {
			return true
		}
		if unicode.IsDigit(before) && (unicode.IsUpper(first) || unicode.IsDigit(first)) {
			tok := strings.Fields(next)[0]
			return strings.IndexFunc(tok, unicode.IsLower) < 0
		}
	case '/':
		return unicode.IsLetter(first) || unicode.IsDigit(first)
	}
	return false
}
