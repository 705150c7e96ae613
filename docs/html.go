package docs

import (
	"bytes"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"
)

// HTMLText returns the readable text of an HTML page saved from a legal portal:
// the main content (an article, main, or a content block such as
// id="noidung" or class="toanvan"), without scripts, styles, menus,
// breadcrumbs, sidebars, footers, forms and the like. Block elements end
// paragraphs, which are separated by blank lines so that Rebuild can work on
// the result; <br> ends a line; the cells of a table row are separated by " | ".
// The bytes are read as UTF-8 when they are valid UTF-8, else in the charset
// the page declares, else as windows-1258. The text is NFC.
func HTMLText(b []byte) (string, error) {
	s, err := htmlDecode(b)
	if err != nil {
		return "", err
	}
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		// Too deeply nested to build a tree: read the tokens instead.
		return norm.NFC.String(htmlTidy(htmlTokenText(s))), nil
	}
	body := htmlFind(doc, func(n *html.Node) bool { return n.DataAtom == atom.Body })
	if body == nil {
		body = doc
	}
	m := &htmlMeasure{raw: map[*html.Node]int{}, clean: map[*html.Node]int{}}
	m.measure(body)
	top, root := m.mainContent(body)
	w := &htmlWriter{m: m, rootLen: m.raw[root]}
	// A title left outside the narrowed content ("<article><header><h1>")
	// comes first.
	if h1 := htmlFind(top, func(n *html.Node) bool { return n.DataAtom == atom.H1 }); h1 != nil && !htmlInside(h1, root) {
		w.render(h1)
	}
	w.render(root)
	return norm.NFC.String(htmlTidy(w.b.String())), nil
}

var htmlMetaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_.:\-]+)`)

// htmlDecode turns the page's bytes into a string.
func htmlDecode(b []byte) (string, error) {
	var enc encoding.Encoding
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return string(b[3:]), nil
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		enc = xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM)
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		enc = xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM)
	case utf8.Valid(b):
		// Also when a meta says otherwise: the page was converted already.
		return string(b), nil
	default:
		head := b
		if len(head) > 64<<10 {
			head = head[:64<<10]
		}
		if m := htmlMetaCharset.FindSubmatch(head); m != nil {
			if e, name := charset.Lookup(string(m[1])); e != nil && name != "utf-8" {
				enc = e
			}
		}
		if enc == nil {
			enc = charmap.Windows1258 // Vietnamese pages that are not UTF-8
		}
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return "", err
	}
	return string(out), nil
}

// htmlFind returns the first node under n (n included) that f accepts.
func htmlFind(n *html.Node, f func(*html.Node) bool) *html.Node {
	if f(n) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if r := htmlFind(c, f); r != nil {
			return r
		}
	}
	return nil
}

// htmlDropTags are never text.
var htmlDropTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Nav: true, atom.Aside: true,
	atom.Iframe: true, atom.Svg: true, atom.Button: true, atom.Select: true, atom.Template: true,
	atom.Object: true, atom.Embed: true, atom.Canvas: true, atom.Textarea: true, atom.Input: true,
	atom.Head: true, atom.Title: true, atom.Meta: true, atom.Link: true, atom.Footer: true,
	atom.Map: true, atom.Audio: true, atom.Video: true,
}

// htmlBoilerplate matches the class or id of page furniture.
var htmlBoilerplate = regexp.MustCompile(`(?i)menu|nav|breadcrumb|footer|header|sidebar|banner|advert|cookie|social|share|comment|related`)

// htmlContent matches the class or id of a page's main text.
var htmlContent = regexp.MustCompile(`(?i)content|noidung|noi-dung|toanvan|toan-van|fulltext|full-text`)

func htmlAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// htmlHidden tells an element the page does not show.
func htmlHidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "style":
			st := strings.ToLower(strings.ReplaceAll(a.Val, " ", ""))
			if strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// htmlDropped tells an element whose text is never shown: a script, a style,
// a menu, a hidden block. A <header> inside an article or main is its title
// and stays.
func htmlDropped(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return n.Type == html.CommentNode
	}
	if n.DataAtom == atom.Header {
		for p := n.Parent; p != nil; p = p.Parent {
			if p.DataAtom == atom.Article || p.DataAtom == atom.Main {
				return false
			}
		}
		return true
	}
	return htmlDropTags[n.DataAtom] || htmlHidden(n)
}

// htmlFurniture tells an element that looks like page furniture by its class
// or id, or a form: dropped unless it holds most of the text (ASP.NET pages
// wrap everything in one form, some themes put "has-sidebar" on the body).
func htmlFurniture(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if n.DataAtom == atom.Form {
		return true
	}
	return htmlBoilerplate.MatchString(htmlAttr(n, "class")) || htmlBoilerplate.MatchString(htmlAttr(n, "id"))
}

// htmlMeasure counts the text under each element: raw leaves out what is
// never shown, clean also leaves out page furniture.
type htmlMeasure struct {
	raw, clean map[*html.Node]int
}

func (m *htmlMeasure) measure(n *html.Node) (raw, clean int) {
	if htmlDropped(n) {
		return 0, 0
	}
	if n.Type == html.TextNode {
		k := len(strings.Fields(n.Data))
		for _, f := range strings.Fields(n.Data) {
			k += utf8.RuneCountInString(f)
		}
		return k, k
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r, k := m.measure(c)
		raw += r
		clean += k
	}
	if htmlFurniture(n) {
		clean = 0
	}
	m.raw[n], m.clean[n] = raw, clean
	return raw, clean
}

// htmlIsCandidate tells an element that may hold the page's main text.
func htmlIsCandidate(n *html.Node) bool {
	if n.Type != html.ElementNode || htmlFurniture(n) {
		return false
	}
	switch n.DataAtom {
	case atom.Article, atom.Main:
		return true
	}
	return htmlAttr(n, "role") == "main" ||
		htmlContent.MatchString(htmlAttr(n, "id")) || htmlContent.MatchString(htmlAttr(n, "class"))
}

// mainContent picks the candidate with the most text (top), then narrows
// down to a candidate inside it that holds most of that text. With no good
// candidate both are the body.
func (m *htmlMeasure) mainContent(body *html.Node) (top, best *html.Node) {
	best = m.bestCandidate(body, 0)
	if best == nil || m.clean[best] < 100 || m.clean[best]*10 < m.clean[body]*3 {
		return body, body
	}
	top = best
	for {
		inner := m.bestCandidate(best, m.clean[best]*7/10)
		if inner == nil {
			return top, best
		}
		best = inner
	}
}

// htmlInside tells whether n is under (or is) root.
func htmlInside(n, root *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == root {
			return true
		}
	}
	return false
}

// bestCandidate returns the candidate strictly under n with the most clean
// text, at least min; among equals, the deepest.
func (m *htmlMeasure) bestCandidate(n *html.Node, min int) *html.Node {
	var best *html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if htmlDropped(c) {
				continue
			}
			if htmlIsCandidate(c) && m.clean[c] >= min && m.clean[c] > 0 && (best == nil || m.clean[c] >= m.clean[best]) {
				best = c
			}
			walk(c)
		}
	}
	walk(n)
	return best
}

// htmlBlocks end a paragraph.
var htmlBlocks = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true, atom.Body: true,
	atom.Caption: true, atom.Center: true, atom.Dd: true, atom.Details: true, atom.Dialog: true,
	atom.Dir: true, atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Fieldset: true,
	atom.Figcaption: true, atom.Figure: true, atom.Footer: true, atom.Form: true, atom.H1: true,
	atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Header: true,
	atom.Hgroup: true, atom.Hr: true, atom.Legend: true, atom.Li: true, atom.Main: true,
	atom.Menu: true, atom.Nav: true, atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true,
	atom.Summary: true, atom.Table: true, atom.Tbody: true, atom.Thead: true, atom.Tfoot: true,
	atom.Tr: true, atom.Ul: true,
}

// htmlWriter renders text with pending breaks, so that empty elements leave
// no blank lines.
type htmlWriter struct {
	m       *htmlMeasure
	rootLen int
	b       strings.Builder
	brk     int  // pending break: 1 a line, 2 a paragraph
	space   bool // pending space
	cellSep bool // pending " | " between the cells of a row
	pre     int  // inside <pre>
}

func (w *htmlWriter) breakAt(n int) {
	if n > w.brk {
		w.brk = n
	}
	w.space = false
}

func (w *htmlWriter) write(s string) {
	switch {
	case w.b.Len() == 0:
	case w.cellSep:
		w.b.WriteString(" | ")
	case w.brk == 1:
		w.b.WriteString("\n")
	case w.brk >= 2:
		w.b.WriteString("\n\n")
	case w.space:
		w.b.WriteByte(' ')
	}
	w.brk, w.space, w.cellSep = 0, false, false
	w.b.WriteString(s)
}

func (w *htmlWriter) text(s string) {
	if w.pre > 0 {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
		for i, line := range strings.Split(s, "\n") {
			if i > 0 {
				w.breakAt(1)
			}
			if strings.TrimSpace(line) != "" {
				w.write(strings.TrimRight(line, " \t"))
			}
		}
		return
	}
	f := strings.Fields(s)
	if len(f) == 0 {
		if s != "" {
			w.space = true
		}
		return
	}
	if first, _ := utf8.DecodeRuneInString(s); unicode.IsSpace(first) {
		w.space = true
	}
	w.write(strings.Join(f, " "))
	if last, _ := utf8.DecodeLastRuneInString(s); unicode.IsSpace(last) {
		w.space = true
	}
}

// htmlBlockCell tells a table cell laid out with blocks: its blocks become
// paragraphs rather than one cell of a row.
func htmlBlockCell(n *html.Node) bool {
	return htmlFind(n, func(c *html.Node) bool {
		return c != n && c.Type == html.ElementNode && (htmlBlocks[c.DataAtom] || c.DataAtom == atom.Br)
	}) != nil
}

func (w *htmlWriter) render(n *html.Node) {
	if htmlDropped(n) {
		return
	}
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.ElementNode:
	default:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.render(c)
		}
		return
	}
	if htmlFurniture(n) && w.m.raw[n]*2 < w.rootLen {
		return
	}
	switch n.DataAtom {
	case atom.Br:
		w.breakAt(1)
		return
	case atom.Td, atom.Th:
		if htmlBlockCell(n) {
			w.breakAt(2)
			w.renderChildren(n)
			w.breakAt(2)
			return
		}
		before := w.b.Len()
		if w.brk == 0 && w.b.Len() > 0 {
			w.cellSep = true // after a cell of the same row
		}
		w.renderChildren(n)
		if w.b.Len() == before {
			w.cellSep = false // an empty cell
		}
		return
	case atom.Sup:
		// Note marks: "huyện<sup>(1)</sup>" reads "huyện⁽¹⁾".
		if t := strings.TrimSpace(htmlInnerText(n)); t != "" && strings.Trim(t, "0123456789()") == "" {
			w.space = false
			w.write(htmlSuper.Replace(t))
			return
		}
	case atom.Pre:
		w.breakAt(2)
		w.pre++
		w.renderChildren(n)
		w.pre--
		w.breakAt(2)
		return
	}
	if htmlBlocks[n.DataAtom] {
		w.breakAt(2)
		w.renderChildren(n)
		w.breakAt(2)
		return
	}
	w.renderChildren(n)
}

func (w *htmlWriter) renderChildren(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.render(c)
	}
}

var htmlSuper = strings.NewReplacer("0", "⁰", "1", "¹", "2", "²", "3", "³", "4", "⁴", "5", "⁵",
	"6", "⁶", "7", "⁷", "8", "⁸", "9", "⁹", "(", "⁽", ")", "⁾")

// htmlInnerText is the text of the text nodes under n.
func htmlInnerText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// htmlTokenText is the fallback for pages html.Parse refuses: the text
// outside elements that are never shown, blocks giving blank lines.
func htmlTokenText(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	w := &htmlWriter{}
	skip := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return w.b.String()
		case html.TextToken:
			if skip == 0 {
				w.text(string(z.Text()))
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch {
			case a == atom.Script || a == atom.Style || a == atom.Noscript || a == atom.Svg ||
				a == atom.Head || a == atom.Select || a == atom.Button || a == atom.Textarea:
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
			case a == atom.Br:
				w.breakAt(1)
			case htmlBlocks[a] || a == atom.Td || a == atom.Th:
				w.breakAt(2)
			}
		}
	}
}

// htmlTidy trims the lines and keeps one blank line between paragraphs.
func htmlTidy(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\u00a0", " "), "\n")
	var out []string
	blank := false
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			blank = len(out) > 0
			continue
		}
		if blank {
			out = append(out, "")
			blank = false
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}
