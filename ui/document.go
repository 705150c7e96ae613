package ui

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"chidao/app"
	"chidao/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ocrNote is shown on a scanned document without a text layer.
//
// i18n: keys in ocrNote
const ocrNote = "Bản quét chưa có lớp chữ: cần nhận dạng (OCR)"

// pageColumn is the width of the discreet page marks ("tr. 3") right of the text.
const pageColumn = 44

// indentStep is how far each level of the clause tree is indented, and
// maxIndent the deepest indentation, so that narrow windows keep their text.
const (
	indentStep = 14
	maxIndent  = 5
)

// docData is everything the document view shows, read off the UI thread.
type docData struct {
	doc       store.Document
	clauses   []store.Clause
	footnotes []store.Footnote
	citations []store.Citation
	citedBy   []store.CitedBy
	paras     []store.Paragraph // only when the document has no clause tree
	links     []store.UnitLink  // the units its clauses name
	err       error
}

// loadDocument reads document id and its structure.
func loadDocument(ctx context.Context, l *app.Library, id int64) docData {
	var dd docData
	if dd.doc, dd.err = l.Document(ctx, id); dd.err != nil {
		return dd
	}
	if dd.clauses, dd.err = l.Clauses(ctx, id); dd.err != nil {
		return dd
	}
	if len(dd.clauses) == 0 {
		dd.paras, dd.err = l.Paragraphs(ctx, id)
		return dd
	}
	if dd.footnotes, dd.err = l.Footnotes(ctx, id); dd.err != nil {
		return dd
	}
	if dd.citations, dd.err = l.Citations(ctx, id); dd.err != nil {
		return dd
	}
	if dd.citedBy, dd.err = l.CitedBy(ctx, id); dd.err != nil {
		return dd
	}
	dd.links, dd.err = l.DocumentLinks(ctx, id)
	return dd
}

// textRow is one row of the document text: a clause with its footnotes, or
// a heading or footnote after the body.
type textRow struct {
	clause int // index in documentView.clauses; -1 for none
	blocks []textBlock
	page   int // shown when the row starts a page; 0 for none
}

// documentView is an open document: its header on top, the outline of its
// clauses on the left of the text, the selected clause described in the
// window's detail panel.
type documentView struct {
	u       *mainUI
	content *fyne.Container
	loaded  chan struct{} // closed once the text is shown

	doc          store.Document
	clauses      []store.Clause
	byAddr       map[string]int // clause address → row
	cites        map[string][]store.Citation
	subjectCites []store.Citation
	allCites     []store.Citation
	notes        map[string][]store.Footnote
	citedBy      []store.CitedBy
	links        []store.UnitLink // the units its clauses name, removed ones too

	linkRows []*linkRow      // the selected clause's links as drawn in the panel
	acted    <-chan struct{} // closes once the last change to a link shows
	adding   *addDialog      // the last "Thêm đơn vị" dialog opened

	rows     []textRow
	text     *clauseList
	outline  *widget.List
	entries  []string          // the outlined clauses' addresses, in order
	entryAt  map[string]int    // outlined address → its entry
	depthOf  map[string]int    // outlined address → its depth in the outline
	entryOf  map[string]string // clause address → its nearest outline entry
	current  int               // the outline entry of the selected clause, -1 for none
	selected int               // the selected row, -1 for none
	marks    []string          // the words of the search it was opened from, marked in the text
}

// newDocumentView returns an empty document view; load fills it.
func newDocumentView(u *mainUI) *documentView {
	v := &documentView{u: u, loaded: make(chan struct{}), selected: -1, current: -1}
	wait := widget.NewLabel(lang.L("Đang mở văn bản…"))
	wait.Importance = widget.LowImportance
	v.content = container.NewStack(container.NewCenter(wait))
	return v
}

// load reads document id off the UI thread, shows its text, then goes to
// clause address (none for ""); loaded closes once that is done.
func (v *documentView) load(id int64, address string) {
	u := v.u
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		dd := loadDocument(u.ctx, u.l, id)
		fyne.Do(func() {
			defer close(v.loaded)
			v.fill(dd)
			if address != "" {
				v.goTo(address)
			}
		})
	}()
}

// fill builds the view from what was read.
func (v *documentView) fill(dd docData) {
	back := widget.NewButtonWithIcon(lang.L("Quay lại"), theme.NavigateBackIcon(), v.u.back)
	if dd.err != nil {
		msg := widget.NewLabel(fmt.Sprintf(lang.L("Không mở được văn bản: %s"), app.Reason(dd.err)))
		msg.Wrapping = fyne.TextWrapWord
		v.content.Objects = []fyne.CanvasObject{container.NewBorder(container.NewPadded(container.NewHBox(back)), nil, nil, nil,
			container.NewPadded(container.NewVBox(msg)))}
		v.content.Refresh()
		return
	}
	v.doc = dd.doc
	v.clauses = dd.clauses
	v.citedBy = dd.citedBy
	v.links = dd.links
	v.index(dd)
	if len(v.clauses) > 0 {
		v.rows = v.clauseRows(dd.footnotes)
	} else {
		v.rows = paragraphRows(dd.paras)
	}
	if len(v.marks) > 0 {
		for i := range v.rows {
			for j := range v.rows[i].blocks {
				v.rows[i].blocks[j].runs = markRuns(v.rows[i].blocks[j].runs, v.marks)
			}
		}
	}
	top := v.header(back)

	var centre fyne.CanvasObject
	switch {
	case len(v.rows) == 0:
		msg := widget.NewLabel(lang.L("Văn bản không có đoạn chữ nào để hiển thị."))
		msg.Importance = widget.LowImportance
		centre = container.NewVBox(msg)
	default:
		v.text = newClauseList(v.rows, v.follow)
		v.text.list.OnSelected = v.selectRow
		v.text.list.OnUnselected = func(widget.ListItemID) { v.selected = -1 }
		centre = v.text
		if outline := v.buildOutline(); outline != nil {
			split := container.NewHSplit(container.NewBorder(outlineCaption(), nil, nil, nil, outline), v.text)
			split.SetOffset(0.3)
			centre = split
		}
	}
	v.content.Objects = []fyne.CanvasObject{container.NewBorder(top, nil, nil, nil, container.NewPadded(centre))}
	v.content.Refresh()
	v.showDetails()
}

func outlineCaption() fyne.CanvasObject {
	return mutedText(lang.L("Mục lục"))
}

// index sorts the citations and footnotes by clause.
func (v *documentView) index(dd docData) {
	v.byAddr = map[string]int{}
	v.cites = map[string][]store.Citation{}
	v.notes = map[string][]store.Footnote{}
	v.allCites = dd.citations
	for _, c := range dd.citations {
		if c.Clause == "" {
			v.subjectCites = append(v.subjectCites, c)
		} else {
			v.cites[c.Clause] = append(v.cites[c.Clause], c)
		}
	}
	for i, c := range v.clauses {
		v.byAddr[c.Address] = i
	}
	for _, f := range dd.footnotes {
		v.notes[f.Clause] = append(v.notes[f.Clause], f)
	}
}

// clauseRows is one row per clause, in document order, each with its
// footnotes; footnotes of no known clause come last under "Chú thích".
func (v *documentView) clauseRows(notes []store.Footnote) []textRow {
	rows := make([]textRow, 0, len(v.clauses)+1)
	lastPage := 0
	for i, c := range v.clauses {
		r := textRow{clause: i, blocks: clauseBlocks(c, v.cites[c.Address], v.notes[c.Address])}
		if v.doc.Pages > 0 && c.Page > 0 && c.Page != lastPage { // a text file has no pages
			r.page, lastPage = c.Page, c.Page
		}
		rows = append(rows, r)
	}
	var orphans []store.Footnote
	for _, f := range notes {
		if _, ok := v.byAddr[f.Clause]; !ok {
			orphans = append(orphans, f)
		}
	}
	if len(orphans) > 0 {
		rows = append(rows, textRow{clause: -1, blocks: []textBlock{{runs: []textRun{{text: lang.L("Chú thích"), bold: true}}, muted: true}}})
		for _, f := range orphans {
			rows = append(rows, textRow{clause: -1, blocks: []textBlock{footnoteBlock(f, 0)}})
		}
	}
	return rows
}

// paragraphRows shows a document the parser found no clause in: its clean
// paragraphs, footnotes last.
func paragraphRows(ps []store.Paragraph) []textRow {
	var body, notes []textRow
	lastPage := 0
	for _, p := range ps {
		if p.Footnote {
			notes = append(notes, textRow{clause: -1, blocks: []textBlock{{runs: []textRun{{text: p.Text}}, small: true, italic: true, muted: true}}})
			continue
		}
		r := textRow{clause: -1, blocks: []textBlock{{runs: []textRun{{text: p.Text}}}}}
		if p.Page > 0 && p.Page != lastPage {
			r.page, lastPage = p.Page, p.Page
		}
		body = append(body, r)
	}
	if len(notes) > 0 {
		body = append(body, textRow{clause: -1, blocks: []textBlock{{runs: []textRun{{text: lang.L("Chú thích"), bold: true}}, muted: true}}})
		body = append(body, notes...)
	}
	return body
}

// labelText is a clause's label as it is written before its text: "B.",
// "2.1.", "a)", "-", "Điều 3.".
func labelText(c store.Clause) string {
	switch {
	case c.Label == "":
		return ""
	case c.Level == "bullet":
		return c.Label
	case c.Level == "point":
		return c.Label + ")"
	case strings.HasSuffix(c.Label, ".") || strings.HasSuffix(c.Label, ")"):
		return c.Label
	}
	return c.Label + "."
}

// clauseIndent is how far a clause is indented: by its depth, an unlabelled
// paragraph at its parent's.
func clauseIndent(c store.Clause) float32 {
	d := c.Depth
	if c.Label == "" && d > 0 {
		d--
	}
	return float32(min(d, maxIndent)) * indentStep
}

// span is a citation placed in a string.
type span struct {
	start, end int
	cite       *store.Citation
}

// placeCitations finds where each citation is written in the heading or the
// text of its clause: at its offsets when they hold its text, else where its
// text first occurs.
func placeCitations(heading, text string, cs []store.Citation) (inHeading, inText []span) {
	for i := range cs {
		c := &cs[i]
		if c.Text == "" {
			continue
		}
		switch {
		case c.Start >= 0 && c.End <= len(text) && c.Start < c.End && text[c.Start:c.End] == c.Text:
			inText = append(inText, span{c.Start, c.End, c})
		case c.Start >= 0 && c.End <= len(heading) && c.Start < c.End && heading[c.Start:c.End] == c.Text:
			inHeading = append(inHeading, span{c.Start, c.End, c})
		default:
			if k := strings.Index(text, c.Text); k >= 0 {
				inText = append(inText, span{k, k + len(c.Text), c})
			} else if k := strings.Index(heading, c.Text); k >= 0 {
				inHeading = append(inHeading, span{k, k + len(c.Text), c})
			}
		}
	}
	return tidySpans(inHeading), tidySpans(inText)
}

// tidySpans orders spans and drops those overlapping an earlier one.
func tidySpans(ss []span) []span {
	sort.SliceStable(ss, func(i, j int) bool { return ss[i].start < ss[j].start })
	var out []span
	end := 0
	for _, s := range ss {
		if s.start >= end {
			out = append(out, s)
			end = s.end
		}
	}
	return out
}

// linkRuns cuts s into plain runs and citation runs.
func linkRuns(s string, spans []span, bold bool) []textRun {
	var out []textRun
	at := 0
	for _, sp := range spans {
		if sp.start > at {
			out = append(out, textRun{text: s[at:sp.start], bold: bold})
		}
		out = append(out, textRun{text: s[sp.start:sp.end], bold: bold, cite: sp.cite})
		at = sp.end
	}
	if at < len(s) {
		out = append(out, textRun{text: s[at:], bold: bold})
	}
	return out
}

// splitParagraphs cuts runs at line breaks into paragraphs.
func splitParagraphs(runs []textRun) [][]textRun {
	out := [][]textRun{nil}
	for _, r := range runs {
		parts := strings.Split(r.text, "\n")
		for i, p := range parts {
			if i > 0 {
				out = append(out, nil)
			}
			if p != "" {
				rr := r
				rr.text = p
				out[len(out)-1] = append(out[len(out)-1], rr)
			}
		}
	}
	var kept [][]textRun
	for _, p := range out {
		if len(p) > 0 {
			kept = append(kept, p)
		}
	}
	return kept
}

// clauseBlocks draws a clause: its label and heading in bold, its text with
// citations as links, its footnotes small and italic.
func clauseBlocks(c store.Clause, cs []store.Citation, notes []store.Footnote) []textBlock {
	indent := clauseIndent(c)
	inHeading, inText := placeCitations(c.Heading, c.Text, cs)
	label := labelText(c)
	var blocks []textBlock
	paras := splitParagraphs(linkRuns(c.Text, inText, false))
	if c.Heading != "" {
		runs := linkRuns(c.Heading, inHeading, true)
		if label != "" {
			runs = append([]textRun{{text: label + " ", bold: true}}, runs...)
		}
		blocks = append(blocks, textBlock{runs: runs, indent: indent})
	} else if label != "" {
		lead := textRun{text: label + " ", bold: c.Level != "bullet" && c.Level != "point"}
		if len(paras) == 0 {
			paras = [][]textRun{{lead}}
		} else {
			paras[0] = append([]textRun{lead}, paras[0]...)
		}
	}
	for _, p := range paras {
		blocks = append(blocks, textBlock{runs: p, indent: indent})
	}
	for _, f := range notes {
		blocks = append(blocks, footnoteBlock(f, indent))
	}
	if len(blocks) == 0 {
		blocks = append(blocks, textBlock{runs: []textRun{{text: " "}}, indent: indent})
	}
	return blocks
}

// footnoteBlock is a footnote under its clause: small, italic, muted.
func footnoteBlock(f store.Footnote, indent float32) textBlock {
	text := f.Text
	if f.Mark != "" {
		text = "(" + f.Mark + ") " + text
	}
	return textBlock{runs: []textRun{{text: text}}, small: true, italic: true, muted: true, indent: indent + indentStep}
}

// outlined says whether a clause has an entry in the outline: the labelled
// or headed parts, sections, items, points and articles, not every bullet
// or paragraph.
func outlined(c store.Clause) bool {
	if c.Level == "bullet" || c.Level == "paragraph" {
		return false
	}
	return c.Label != "" || c.Heading != ""
}

// outlineText is an outline entry: label and heading, or the start of the text.
func outlineText(c store.Clause) string {
	s := c.Heading
	if s == "" {
		s = c.Text
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			s = s[:i]
		}
	}
	s = shorten(s, 90)
	if l := labelText(c); l != "" {
		s = l + " " + s
	}
	return s
}

// shorten cuts s to at most n runes, with an ellipsis.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// outlineIndent is how far each level of the outline is indented.
const outlineIndent = 12

// buildOutline makes the outline: the outlined clauses in document order,
// indented by level; nil when no clause is outlined.
func (v *documentView) buildOutline() *widget.List {
	v.entries = nil
	v.entryAt = map[string]int{}
	v.depthOf = map[string]int{}
	v.entryOf = map[string]string{}
	for _, c := range v.clauses {
		parent := v.entryOf[c.Parent] // "" for a top clause or one under no entry
		if !outlined(c) {
			v.entryOf[c.Address] = parent
			continue
		}
		v.entryOf[c.Address] = c.Address
		v.entryAt[c.Address] = len(v.entries)
		v.entries = append(v.entries, c.Address)
		if parent != "" {
			v.depthOf[c.Address] = v.depthOf[parent] + 1
		}
	}
	if len(v.entries) == 0 {
		return nil
	}
	l := widget.NewList(func() int { return len(v.entries) },
		func() fyne.CanvasObject { return newOutlineRow(v.jumpTo) },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(v.entries) {
				return
			}
			a := v.entries[id]
			c := v.clauses[v.byAddr[a]]
			o.(*outlineRow).set(v.byAddr[a], outlineText(c), float32(min(v.depthOf[a], maxIndent))*outlineIndent,
				c.Depth == 0 && c.Heading != "", id == v.current)
		})
	l.HideSeparators = true
	v.outline = l
	return l
}

// outlineRow is one entry of the outline; a tap goes to its clause, even
// when it is already the current one.
type outlineRow struct {
	widget.BaseWidget
	bg     *canvas.Rectangle
	label  *widget.Label
	indent float32
	row    int
	onTap  func(row int)
}

func newOutlineRow(onTap func(int)) *outlineRow {
	r := &outlineRow{bg: canvas.NewRectangle(theme.Color(theme.ColorNameSelection)), label: widget.NewLabel(""), onTap: onTap}
	r.label.Truncation = fyne.TextTruncateEllipsis
	r.bg.CornerRadius = theme.SelectionRadiusSize()
	r.ExtendBaseWidget(r)
	return r
}

func (r *outlineRow) set(row int, text string, indent float32, bold, current bool) {
	r.row, r.indent = row, indent
	r.label.TextStyle.Bold = bold
	r.label.Text = text
	r.label.Refresh()
	r.bg.FillColor = theme.Color(theme.ColorNameSelection)
	r.bg.Hidden = !current
	r.bg.Refresh()
	r.Refresh()
}

// Tapped goes to the entry's clause.
func (r *outlineRow) Tapped(*fyne.PointEvent) { r.onTap(r.row) }

// Cursor is a pointing hand.
func (r *outlineRow) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (r *outlineRow) CreateRenderer() fyne.WidgetRenderer {
	return &outlineRenderer{r: r}
}

type outlineRenderer struct{ r *outlineRow }

func (o *outlineRenderer) Destroy() {}
func (o *outlineRenderer) Layout(s fyne.Size) {
	o.r.bg.Move(fyne.NewPos(0, 0))
	o.r.bg.Resize(s)
	o.r.label.Move(fyne.NewPos(o.r.indent, 0))
	o.r.label.Resize(fyne.NewSize(max(s.Width-o.r.indent, 20), s.Height))
}
func (o *outlineRenderer) MinSize() fyne.Size {
	m := o.r.label.MinSize()
	return fyne.NewSize(40, m.Height)
}
func (o *outlineRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{o.r.bg, o.r.label}
}
func (o *outlineRenderer) Refresh() { o.Layout(o.r.Size()) }

// goTo selects the clause at address, or the nearest one above it.
func (v *documentView) goTo(address string) {
	for a := address; a != ""; a = parentAddress(a) {
		if i, ok := v.byAddr[a]; ok {
			v.jumpTo(i)
			return
		}
	}
}

// parentAddress drops an address's last step: "B.II.2.1/-3" → "B.II.2.1",
// "B.II.2.1" → "B.II.2"; "" at the top.
func parentAddress(a string) string {
	if i := strings.LastIndexAny(a, "/."); i >= 0 {
		return a[:i]
	}
	return ""
}

// jumpTo scrolls row i to the top of the text and selects it.
func (v *documentView) jumpTo(i int) {
	if v.text == nil || i < 0 || i >= len(v.rows) {
		return
	}
	v.text.scrollToTop(i)
	v.text.list.Select(i)
	if v.selected != i { // already selected: Select does nothing
		v.selectRow(i)
	}
}

// selectRow shows row i's clause in the detail panel and the outline.
func (v *documentView) selectRow(i widget.ListItemID) {
	v.selected = i
	if v.outline != nil {
		cur := -1
		if i < len(v.rows) && v.rows[i].clause >= 0 {
			if e := v.entryOf[v.clauses[v.rows[i].clause].Address]; e != "" {
				cur = v.entryAt[e]
			}
		}
		if cur != v.current {
			v.current = cur
			v.outline.Refresh()
			if cur >= 0 {
				v.outline.ScrollTo(cur)
			}
		}
	}
	v.showDetails()
}

// selectedClause is the selected clause, if any.
func (v *documentView) selectedClause() (store.Clause, bool) {
	if v.selected < 0 || v.selected >= len(v.rows) || v.rows[v.selected].clause < 0 {
		return store.Clause{}, false
	}
	return v.clauses[v.rows[v.selected].clause], true
}

// follow opens what a citation cites.
func (v *documentView) follow(c store.Citation) {
	v.u.followCitation(c)
}

// header is the document's title (its citations as links) and what its
// header and closing say: kind, number, place and date, issuer, signer and
// recipients.
func (v *documentView) header(back *widget.Button) fyne.CanvasObject {
	d := v.doc
	name := d.Title
	if name == "" {
		name = d.FileName
	}
	_, spans := placeCitations("", name, v.subjectCites)
	title := newFlowText(v.follow)
	title.setBlocks([]textBlock{{runs: linkRuns(name, spans, true), large: true}})

	lines := []fyne.CanvasObject{title}
	if meta := metaLine(d); len(meta) > 0 {
		r := widget.NewRichText(meta...)
		r.Wrapping = fyne.TextWrapWord
		lines = append(lines, r)
	}
	if s := signerText(d); s != "" {
		r := widget.NewRichText(caption(lang.L("Người ký: ")), plain(s))
		r.Wrapping = fyne.TextWrapWord
		lines = append(lines, r)
	}
	if d.NeedsOCR {
		note := widget.NewLabelWithStyle(lang.L(ocrNote), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		note.Importance = widget.WarningImportance
		note.Wrapping = fyne.TextWrapWord
		lines = append(lines, container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, note))
	}
	info := mutedText(docSubtitle(d))
	info.Truncation = fyne.TextTruncateEllipsis
	lines = append(lines, info)
	body := container.New(tightVBox{}, lines...)
	top := []fyne.CanvasObject{container.NewBorder(nil, nil, container.NewVBox(back), nil, body)}
	if len(d.Recipients) > 0 {
		r := widget.NewLabel("- " + strings.Join(d.Recipients, "\n- "))
		r.Wrapping = fyne.TextWrapWord
		acc := widget.NewAccordion(widget.NewAccordionItem(fmt.Sprintf(lang.L("Nơi nhận (%d)"), len(d.Recipients)),
			container.New(&cappedHeight{inner: r, max: 140}, container.NewVScroll(r))))
		top = append(top, acc)
	}
	top = append(top, widget.NewSeparator())
	return container.NewPadded(container.NewVBox(top...))
}

// metaLine is "Kế hoạch · Số 74-KL/TW · Rạch Giá, 22/05/2020 · Tỉnh ủy Kiên Giang".
func metaLine(d store.Document) []widget.RichTextSegment {
	var segs []widget.RichTextSegment
	add := func(cap, val string, bold bool) {
		if val == "" {
			return
		}
		if len(segs) > 0 {
			segs = append(segs, caption("  ·  "))
		}
		if cap != "" {
			segs = append(segs, caption(cap))
		}
		s := plain(val)
		s.Style.TextStyle.Bold = bold
		segs = append(segs, s)
	}
	add("", d.Kind, true)
	add(lang.L("Số "), d.Number, false)
	when := formatISODate(d.Date)
	if when == "" {
		when = ""
	}
	switch {
	case d.Place != "" && when != "":
		add("", fmt.Sprintf(lang.L("%s, ngày %s"), d.Place, when), false)
	case when != "":
		add(lang.L("Ngày "), when, false)
	case d.Place != "":
		add("", d.Place, false)
	}
	add("", d.Issuer, false)
	return segs
}

// signerText is the signer's title and name on one line.
func signerText(d store.Document) string {
	t := strings.Join(strings.Fields(d.SignerTitle), " ")
	switch {
	case t != "" && d.SignerName != "":
		return t + " — " + d.SignerName
	case t != "":
		return t
	}
	return d.SignerName
}

func caption(s string) *widget.TextSegment {
	return &widget.TextSegment{Text: s, Style: widget.RichTextStyle{ColorName: theme.ColorNamePlaceHolder, Inline: true}}
}

func plain(s string) *widget.TextSegment {
	return &widget.TextSegment{Text: s, Style: widget.RichTextStyle{Inline: true}}
}

// clauseList is a long document's text as a list of clauses, each measured
// at the list's width so that only visible ones are drawn.
type clauseList struct {
	widget.BaseWidget
	rows    []textRow
	list    *widget.List
	width   float32
	heights []float32
	onLink  func(store.Citation)
	pages   bool // some row is marked with its page: the page column shows
	quiet   bool // the list shows no row while it is told many heights
}

func newClauseList(rows []textRow, onLink func(store.Citation)) *clauseList {
	t := &clauseList{rows: rows, heights: make([]float32, len(rows)), onLink: onLink}
	for _, r := range rows {
		t.pages = t.pages || r.page > 0
	}
	t.list = widget.NewList(func() int {
		if t.quiet {
			return 0
		}
		return len(t.rows)
	}, t.createRow, t.updateRow)
	t.list.HideSeparators = true
	t.ExtendBaseWidget(t)
	return t
}

func (t *clauseList) createRow() fyne.CanvasObject {
	page := canvas.NewText("", theme.Color(theme.ColorNamePlaceHolder))
	page.TextSize = theme.CaptionTextSize()
	page.Alignment = fyne.TextAlignTrailing
	text := newFlowText(t.onLink)
	pages := container.New(fixedWidth(pageColumn), container.NewPadded(container.NewVBox(page)))
	if !t.pages {
		pages.Hide()
	}
	return container.NewBorder(nil, nil, nil, pages, text)
}

func (t *clauseList) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(t.rows) {
		return
	}
	r := t.rows[id]
	c := o.(*fyne.Container)
	text := c.Objects[0].(*flowText)
	page := c.Objects[1].(*fyne.Container).Objects[0].(*fyne.Container).Objects[0].(*fyne.Container).Objects[0].(*canvas.Text)
	text.wrap = t.textWidth()
	text.setBlocks(r.blocks)
	page.Text = ""
	if r.page > 0 {
		page.Text = fmt.Sprintf(lang.L("tr. %d"), r.page)
	}
	page.Refresh()
	t.list.SetItemHeight(id, t.height(id))
}

// textWidth is the width the text of a row wraps at.
func (t *clauseList) textWidth() float32 {
	if !t.pages {
		return t.width
	}
	return t.width - pageColumn - theme.Padding()
}

// height is row id's height at the current width.
func (t *clauseList) height(id int) float32 {
	if h := t.heights[id]; h > 0 {
		return h
	}
	if t.width <= 0 { // not laid out yet: measured once the width is known
		return theme.TextSize() * 2
	}
	h := flowHeight(t.rows[id].blocks, t.textWidth())
	t.heights[id] = h
	return h
}

// scrollToTop scrolls row i to the top of the text.
func (t *clauseList) scrollToTop(i int) {
	if t.width <= 0 {
		t.list.ScrollTo(i)
		return
	}
	// every row is measured: the list clamps the offset to the height of
	// its content, which it guesses for rows it has not been told
	y := float32(0)
	sep := theme.Padding()
	// Each new height refreshes the list: with no row to lay out meanwhile
	// that stays cheap, then one refresh shows the rows.
	t.quiet = true
	for j := range t.rows {
		h := t.height(j)
		t.list.SetItemHeight(j, h)
		if j < i {
			y += h + sep
		}
	}
	t.quiet = false
	t.list.Refresh()
	t.list.ScrollToOffset(y)
}

// CreateRenderer lays the list out and re-measures rows when the width changes.
func (t *clauseList) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.New(&remeasure{t: t}, t.list))
}

// remeasure resizes the list, forgetting row heights when its width changes.
type remeasure struct{ t *clauseList }

func (r *remeasure) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if size.Width != r.t.width && size.Width > 0 {
		r.t.width = size.Width
		clear(r.t.heights)
		r.t.list.Refresh()
	}
	layout.NewStackLayout().Layout(objs, size)
}

func (r *remeasure) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(200, 100)
}
