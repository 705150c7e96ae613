package ui

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"chidao/app"
	"chidao/index"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/unicode/norm"
)

const (
	// searchDebounce is how long after the last keystroke a search starts.
	searchDebounce = 150 * time.Millisecond
	// searchPage is how many results a page ("Xem thêm") adds.
	searchPage = 20
)

// searchHelp lists the query language, in one line.
//
// i18n: keys in searchHelp
const searchHelp = `Cú pháp: "cụm từ" tìm đúng cụm · -từ để loại trừ · OR (hoặc) · so:74-KL/TW · loai:"kế hoạch" · nam:2020 · coquan:"Bộ Chính trị" · donvi:"Sở Nội vụ" · trangthai:quahan (nhiệm vụ quá hạn) · gõ có dấu hay không dấu đều được.`

// sortChoices are the orders of the results, as shown (translated) and as
// asked of the index.
//
// i18n: keys in sortChoices
var sortChoices = []struct{ label, key string }{
	{"Liên quan nhất", ""},
	{"Mới nhất", "date"},
	{"Cũ nhất", "date_asc"},
}

// facetNames are the facets shown, in order.
//
// i18n: keys in facetNames
var facetNames = []struct{ key, label string }{
	{"kind", "Loại"},
	{"year", "Năm"},
	{"issuer", "Cơ quan"},
	{"unit", "Đơn vị"},
	{"status", "Tình trạng nhiệm vụ"},
}

// searchScreen is the Tìm kiếm screen: the clauses and documents matching the
// query typed in the search field, with their matched words highlighted,
// facets to narrow them, an order and paging.
type searchScreen struct {
	content fyne.CanvasObject

	// search runs a query: the library's SearchClauses (tests wrap it).
	search  func(context.Context, index.Query) (index.Result, error)
	do      func(func())    // runs a UI update on the UI thread: fyne.Do (tests queue them)
	ctx     context.Context // the window's: cancelled at shutdown
	jobs    *sync.WaitGroup
	onOpen  func(index.Hit)
	onCount func(int)

	// what is asked
	text    string
	picked  map[string]map[string]bool // facet → ticked values
	sortKey string
	group   bool

	// what was answered
	query  index.Query // the query of the hits shown
	hits   []index.Hit
	total  uint64
	took   time.Duration
	facets map[string][]index.FacetCount
	wide   map[string][]index.FacetCount // a filtered facet's counts without its own filter
	failed bool

	seq    int                // the latest request: older answers are dropped
	cancel context.CancelFunc // cancels the request under way
	done   chan struct{}      // closes once the latest request is shown or dropped

	summary  *widget.Label
	results  *fyne.Container // the result cards, or the empty state
	scroll   *container.Scroll
	more     *widget.Button
	facetBox *fyne.Container
	sortSel  *widget.Select
	groupChk *widget.Check
}

// newSearchScreen builds the Tìm kiếm screen. search runs the queries, in
// goroutines counted in jobs and cancelled with ctx; onOpen opens a clicked
// hit and onCount gets the number of results.
func newSearchScreen(ctx context.Context, jobs *sync.WaitGroup,
	search func(context.Context, index.Query) (index.Result, error),
	onOpen func(index.Hit), onCount func(int)) *searchScreen {
	s := &searchScreen{search: search, do: fyne.Do, ctx: ctx, jobs: jobs, onOpen: onOpen, onCount: onCount,
		picked: map[string]map[string]bool{}, wide: map[string][]index.FacetCount{}}

	s.summary = widget.NewLabel("")
	s.summary.Truncation = fyne.TextTruncateEllipsis
	var labels []string
	for _, c := range sortChoices {
		labels = append(labels, lang.L(c.label))
	}
	s.sortSel = widget.NewSelect(labels, func(label string) {
		for _, c := range sortChoices {
			if lang.L(c.label) == label && c.key != s.sortKey {
				s.sortKey = c.key
				s.request(0, false)
			}
		}
	})
	s.sortSel.SetSelectedIndex(0)
	s.groupChk = widget.NewCheck(lang.L("Gộp theo văn bản"), func(on bool) {
		if on != s.group {
			s.group = on
			s.request(0, false)
		}
	})
	s.more = widget.NewButtonWithIcon(lang.L("Xem thêm"), theme.MoreVerticalIcon(), func() { s.request(0, true) })
	s.more.Hide()

	s.results = container.NewVBox()
	s.scroll = container.NewVScroll(container.NewVBox(s.results, container.NewCenter(s.more)))
	s.facetBox = container.New(&facetGroups{})
	facets := container.NewVScroll(s.facetBox)

	help := mutedText(lang.L(searchHelp))
	help.Wrapping = fyne.TextWrapWord
	options := container.NewBorder(nil, nil,
		container.NewHBox(widget.NewLabel(lang.L("Sắp xếp:")), container.New(fixedWidth(150), s.sortSel), s.groupChk), nil, s.summary)
	top := container.New(tightVBox{}, options, help)
	body := container.New(&sideOrTop{groups: s.facetBox.Layout.(*facetGroups)}, facets, widget.NewSeparator(), s.scroll)
	s.content = container.NewPadded(container.NewBorder(container.NewVBox(top, widget.NewSeparator()), nil, nil, nil, body))
	s.showEmpty()
	s.showFacets()
	return s
}

// setText searches for q after delay (0: at once); the channel closes once
// the results are shown or superseded.
func (s *searchScreen) setText(q string, delay time.Duration) <-chan struct{} {
	s.text = q
	return s.request(delay, false)
}

// settled closes once the latest search has been shown (or dropped).
func (s *searchScreen) settled() <-chan struct{} {
	if s.done == nil {
		ch := make(chan struct{})
		close(ch)
		return ch
	}
	return s.done
}

// queryNow is the query the screen's state asks.
func (s *searchScreen) queryNow() index.Query {
	q := index.Query{Text: strings.TrimSpace(norm.NFC.String(s.text)), Sort: s.sortKey, Size: searchPage,
		GroupByDocument: s.group, Facets: true}
	for _, f := range facetNames {
		*facetFilter(&q, f.key) = s.pickedValues(f.key)
	}
	return q
}

func (s *searchScreen) pickedValues(facet string) []string {
	var out []string
	for _, fc := range s.facetValues(facet) {
		if s.picked[facet][fc.Value] {
			out = append(out, fc.Value)
		}
	}
	return out
}

// request starts the search the screen's state asks, after delay; more asks
// the next page of the current results. The previous request is cancelled
// and its answer dropped.
func (s *searchScreen) request(delay time.Duration, more bool) <-chan struct{} {
	s.seq++
	seq := s.seq
	if s.cancel != nil {
		s.cancel()
		s.cancel = nil
	}
	do := s.do
	done := make(chan struct{})
	s.done = done
	q := s.queryNow()
	if more {
		q = s.query
		q.From, q.Facets = len(s.hits), false
	}
	if q.Text == "" {
		s.clearResults()
		close(done)
		return done
	}
	if more {
		s.more.Disable()
		s.more.SetText(lang.L("Đang tải…"))
	}
	ctx, cancel := context.WithCancel(s.ctx)
	s.cancel = cancel
	s.jobs.Add(1)
	go func() {
		defer s.jobs.Done()
		defer cancel()
		if delay > 0 {
			t := time.NewTimer(delay)
			select {
			case <-t.C:
			case <-ctx.Done():
				t.Stop()
				close(done)
				return
			}
		}
		res, err := s.search(ctx, q)
		if ctx.Err() != nil { // superseded, or the window closes
			close(done)
			return
		}
		own := ownFacetQueries(q)
		if more || err != nil {
			own = nil
		}
		do(func() {
			if len(own) == 0 {
				defer close(done)
			}
			if seq != s.seq {
				return
			}
			s.apply(q, res, err, more)
		})
		if len(own) == 0 {
			return
		}
		// Then the counts of each filtered facet without its own filter:
		// what ticking one more of its values would add.
		wide := map[string][]index.FacetCount{}
		for facet, fq := range own {
			r, err := s.search(ctx, fq)
			if err != nil {
				break
			}
			wide[facet] = r.Facets[facet]
		}
		if ctx.Err() != nil {
			close(done)
			return
		}
		do(func() {
			defer close(done)
			if seq != s.seq {
				return
			}
			s.wide = wide
			s.showFacets()
		})
	}()
	return done
}

// facetFilter is the filter of q that a facet's ticks set.
func facetFilter(q *index.Query, facet string) *[]string {
	switch facet {
	case "kind":
		return &q.Kinds
	case "year":
		return &q.Years
	case "issuer":
		return &q.Issuers
	case "unit":
		return &q.Units
	case "status":
		return &q.Statuses
	}
	return nil
}

// ownFacetQueries are, for each facet q filters, q without that filter,
// asking only facet counts.
func ownFacetQueries(q index.Query) map[string]index.Query {
	out := map[string]index.Query{}
	base := q
	base.From, base.Size, base.Facets = 0, 1, true
	for _, f := range facetNames {
		if len(*facetFilter(&q, f.key)) > 0 {
			fq := base
			*facetFilter(&fq, f.key) = nil
			out[f.key] = fq
		}
	}
	return out
}

// clearResults shows the empty state.
func (s *searchScreen) clearResults() {
	s.query, s.hits, s.total, s.took, s.failed = index.Query{}, nil, 0, 0, false
	s.facets = nil
	s.showEmpty()
	s.showFacets()
	s.onCount(0)
}

// apply shows the answer to q.
func (s *searchScreen) apply(q index.Query, res index.Result, err error, more bool) {
	if err != nil {
		s.failed = true
		s.summary.SetText(fmt.Sprintf(lang.L("Không tìm được: %s"), app.Reason(err)))
		s.more.Enable()
		s.more.SetText(lang.L("Xem thêm"))
		return
	}
	s.failed = false
	if more {
		s.hits = append(s.hits, res.Hits...)
		s.addCards(res.Hits)
	} else {
		s.query, s.hits, s.total, s.took, s.facets = q, res.Hits, res.Total, res.Took, res.Facets
		for _, f := range facetNames {
			if len(s.picked[f.key]) == 0 {
				delete(s.wide, f.key)
			}
		}
		s.results.Objects = nil
		if len(res.Hits) == 0 {
			s.showNone()
		} else {
			s.addCards(res.Hits)
		}
		s.scroll.ScrollToTop()
		s.showFacets()
		s.onCount(int(res.Total))
	}
	s.more.Enable()
	s.more.SetText(lang.L("Xem thêm"))
	s.more.Hidden = uint64(len(s.hits)) >= s.total || len(res.Hits) == 0
	s.results.Refresh()
	s.scroll.Content.Refresh()
	s.showSummary()
}

// showSummary says how many results and how fast: "123 kết quả · 12 ms".
func (s *searchScreen) showSummary() {
	format := lang.L("%s kết quả · %s")
	if s.query.GroupByDocument {
		format = lang.L("%s văn bản · %s")
	}
	text := fmt.Sprintf(format, formatCount(s.total), formatTook(s.took))
	if n := uint64(len(s.hits)); n < s.total {
		text = fmt.Sprintf(lang.L("%s · đang xem %s"), text, formatCount(n))
	}
	s.summary.SetText(text)
}

// addCards appends a card per hit.
func (s *searchScreen) addCards(hits []index.Hit) {
	for _, h := range hits {
		if len(s.results.Objects) > 0 {
			s.results.Objects = append(s.results.Objects, widget.NewSeparator())
		}
		s.results.Objects = append(s.results.Objects, newResultCard(h, s.onOpen))
	}
}

// showEmpty is the screen before a query: how to search.
func (s *searchScreen) showEmpty() {
	s.summary.SetText("")
	s.more.Hide()
	intro := widget.NewLabel(lang.L("Gõ từ khóa vào ô tìm kiếm ở trên: kết quả hiện ngay khi gõ (Enter để tìm ngay, Ctrl+F để về ô tìm kiếm)."))
	intro.Wrapping = fyne.TextWrapWord
	lines := []fyne.CanvasObject{intro}
	// i18n: keys in the examples below, translated where they are shown; the
	// example queries search Vietnamese documents, so their English is
	// themselves.
	for _, l := range [][2]string{
		{`"tinh giản biên chế"`, "tìm đúng cụm từ trong ngoặc kép"},
		{"sắp xếp -huyện", "dấu trừ: loại các kết quả có từ đó"},
		{"biên chế OR vị trí việc làm", "OR: có một trong hai"},
		{"so:74-KL/TW", "theo số, ký hiệu văn bản"},
		{`loai:"kế hoạch"`, "theo loại văn bản"},
		{"nam:2020", "theo năm ban hành"},
		{`coquan:"Bộ Chính trị"`, "theo cơ quan ban hành"},
		{`donvi:"Sở Nội vụ"`, "điều khoản giao việc cho đơn vị"},
		{"tinh gian bien che", "gõ không dấu cũng tìm được chữ có dấu"},
	} {
		r := widget.NewRichText(
			&widget.TextSegment{Text: lang.L(l[0]), Style: widget.RichTextStyle{Inline: true, TextStyle: fyne.TextStyle{Monospace: true}}},
			&widget.TextSegment{Text: "  —  " + lang.L(l[1]), Style: widget.RichTextStyle{Inline: true, ColorName: theme.ColorNamePlaceHolder}})
		r.Wrapping = fyne.TextWrapWord
		lines = append(lines, r)
	}
	s.results.Objects = []fyne.CanvasObject{container.New(tightVBox{}, lines...)}
	s.results.Refresh()
}

// showNone says that nothing matched.
func (s *searchScreen) showNone() {
	msg := fmt.Sprintf(lang.L("Không tìm thấy điều khoản hay văn bản nào có «%s»."), s.query.Text)
	if s.filtered() {
		msg = fmt.Sprintf(lang.L("Không tìm thấy điều khoản hay văn bản nào có «%s» với các bộ lọc đã chọn — hãy bỏ bớt lọc."), s.query.Text)
	}
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.LowImportance
	s.results.Objects = []fyne.CanvasObject{l}
}

// filtered says whether some facet value is ticked.
func (s *searchScreen) filtered() bool {
	for _, vs := range s.picked {
		if len(vs) > 0 {
			return true
		}
	}
	return false
}

// facetValues are the values a facet lists with their counts: those of the
// last answer or, while the facet is filtered, those it has without its own
// filter (ticking another value adds its count); ticked values are always
// listed.
func (s *searchScreen) facetValues(facet string) []index.FacetCount {
	list := s.facets[facet]
	if w, ok := s.wide[facet]; ok && len(s.picked[facet]) > 0 {
		list = w
	}
	out := append([]index.FacetCount(nil), list...)
	seen := map[string]bool{}
	for _, fc := range list {
		seen[fc.Value] = true
	}
	var missing []string
	for v := range s.picked[facet] {
		if !seen[v] {
			missing = append(missing, v)
		}
	}
	sort.Strings(missing)
	for _, v := range missing {
		out = append(out, index.FacetCount{Value: v})
	}
	return out
}

// showFacets lists the facets as check lists, with "Bỏ lọc", and the facets
// to come.
func (s *searchScreen) showFacets() {
	clear := widget.NewButtonWithIcon(lang.L("Bỏ lọc"), theme.ContentClearIcon(), s.clearFilters)
	clear.Importance = widget.LowImportance
	if !s.filtered() {
		clear.Disable()
	}
	groups := []fyne.CanvasObject{container.NewBorder(nil, nil, widget.NewLabelWithStyle(lang.L("Lọc"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), clear)}
	for _, f := range facetNames {
		objs := []fyne.CanvasObject{mutedText(lang.L(f.label))}
		vals := s.facetValues(f.key)
		for _, fc := range vals {
			facet, value := f.key, fc.Value
			label := shorten(facetLabel(facet, value), 19) + " (" + formatCount(uint64(fc.Count)) + ")"
			c := widget.NewCheck(label, nil)
			c.Checked = s.picked[facet][value]
			c.OnChanged = func(on bool) { s.tick(facet, value, on) }
			objs = append(objs, c)
		}
		if len(vals) == 0 {
			objs = append(objs, hintText("—"))
		}
		groups = append(groups, container.NewVBox(objs...))
	}
	s.facetBox.Objects = groups
	s.facetBox.Refresh()
}

// facetLabel is how a facet value is shown.
func facetLabel(facet, value string) string {
	if value == "" {
		return lang.L("(không rõ)")
	}
	if facet == "status" {
		return index.StatusLabel(value)
	}
	return value
}

// hintText is small greyed italic text.
func hintText(s string) *widget.RichText {
	return widget.NewRichText(&widget.TextSegment{Text: s, Style: widget.RichTextStyle{
		ColorName: theme.ColorNamePlaceHolder, SizeName: theme.SizeNameCaptionText, Inline: true,
		TextStyle: fyne.TextStyle{Italic: true}}})
}

// tick narrows (on) or widens the results by one facet value.
func (s *searchScreen) tick(facet, value string, on bool) <-chan struct{} {
	if s.picked[facet] == nil {
		s.picked[facet] = map[string]bool{}
	}
	if on {
		s.picked[facet][value] = true
	} else {
		delete(s.picked[facet], value)
	}
	return s.request(0, false)
}

// clearFilters unticks every facet value.
func (s *searchScreen) clearFilters() {
	s.picked = map[string]map[string]bool{}
	s.showFacets()
	s.request(0, false)
}

// formatCount is a count with dots between thousands: 12.345.
func formatCount(n uint64) string {
	s := strconv.FormatUint(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	return s
}

// formatTook is a search time in milliseconds.
func formatTook(d time.Duration) string {
	if d < time.Millisecond {
		return "< 1 ms"
	}
	return strconv.FormatInt(d.Milliseconds(), 10) + " ms"
}

// sideOrTop lays the facets (objs[0]) on the left of the results (objs[2])
// when the screen is wide enough, above them in columns otherwise; objs[1]
// is the separator between them.
type sideOrTop struct {
	groups *facetGroups
}

const (
	facetSide    = 220 // width of the facet column
	facetWideMin = 700 // from this width the facets go on the left
	facetTopMax  = 150 // height of the facet band above the results
)

func (l *sideOrTop) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	facets, sep, results := objs[0], objs[1], objs[2]
	pad := theme.Padding()
	if size.Width >= facetWideMin {
		l.groups.columns = 1
		facets.Move(fyne.NewPos(0, 0))
		facets.Resize(fyne.NewSize(facetSide, size.Height))
		sep.Move(fyne.NewPos(facetSide+pad, 0))
		sep.Resize(fyne.NewSize(theme.SeparatorThicknessSize(), size.Height))
		x := facetSide + 2*pad + theme.SeparatorThicknessSize()
		results.Move(fyne.NewPos(x, 0))
		results.Resize(fyne.NewSize(size.Width-x, size.Height))
		return
	}
	l.groups.columns = max(1, min(3, int(size.Width/170)))
	inner := facets.(*container.Scroll).Content
	inner.Resize(fyne.NewSize(size.Width-theme.ScrollBarSize(), inner.Size().Height))
	h := min(inner.MinSize().Height, facetTopMax)
	facets.Move(fyne.NewPos(0, 0))
	facets.Resize(fyne.NewSize(size.Width, h))
	sep.Move(fyne.NewPos(0, h+pad))
	sep.Resize(fyne.NewSize(size.Width, theme.SeparatorThicknessSize()))
	y := h + 2*pad + theme.SeparatorThicknessSize()
	results.Move(fyne.NewPos(0, y))
	results.Resize(fyne.NewSize(size.Width, size.Height-y))
}

func (l *sideOrTop) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(300, 200)
}

// facetGroups stacks the facet groups in one column, or, above the results,
// in a few columns: the first group (the "Lọc" header) spans them all.
type facetGroups struct {
	columns int
}

func (g *facetGroups) cols() int { return max(1, g.columns) }

func (g *facetGroups) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	n := g.cols()
	colW := size.Width / float32(n)
	y := float32(0)
	for i := 0; i < len(objs); {
		if i == 0 || n == 1 {
			h := objs[i].MinSize().Height
			objs[i].Move(fyne.NewPos(0, y))
			objs[i].Resize(fyne.NewSize(size.Width, h))
			y += h
			i++
			continue
		}
		rowH := float32(0)
		for j := 0; j < n && i+j < len(objs); j++ {
			rowH = max(rowH, objs[i+j].MinSize().Height)
		}
		for j := 0; j < n && i < len(objs); j, i = j+1, i+1 {
			objs[i].Move(fyne.NewPos(float32(j)*colW, y))
			objs[i].Resize(fyne.NewSize(colW-theme.Padding(), rowH))
		}
		y += rowH
	}
}

func (g *facetGroups) MinSize(objs []fyne.CanvasObject) fyne.Size {
	n := g.cols()
	var s fyne.Size
	for i := 0; i < len(objs); {
		if i == 0 || n == 1 {
			m := objs[i].MinSize()
			s.Width = max(s.Width, m.Width)
			s.Height += m.Height
			i++
			continue
		}
		rowH, rowW := float32(0), float32(0)
		for j := 0; j < n && i < len(objs); j, i = j+1, i+1 {
			m := objs[i].MinSize()
			rowH = max(rowH, m.Height)
			rowW += m.Width
		}
		s.Width = max(s.Width, rowW)
		s.Height += rowH
	}
	s.Width = 0 // the facets take the width they are given: they never scroll sideways
	return s
}
