package ui

import (
	"chidao/internal/testcorpus"
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"chidao/index"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

var nd170 = testcorpus.Path("text", "nd170-2025-tuyen-dung-su-dung-cong-chuc.txt")

// uiQueue makes the search screen hand its UI updates to the test's
// goroutine, which runs them in settle: the test driver would run them on the
// search goroutine, racing with the test.
func uiQueue(u *mainUI) chan func() {
	q := make(chan func(), 16)
	u.results.do = func(f func()) { q <- f }
	return q
}

// settle runs the search screen's UI updates until ch closes.
func settle(t *testing.T, q chan func(), ch <-chan struct{}, what string) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case f := <-q:
			f()
		case <-ch:
			return
		case <-deadline:
			t.Fatalf("%s did not finish in 10 s", what)
		}
	}
}

// searchUI is a test window with a library of files whose search screen
// updates on the test's goroutine.
func searchUI(t *testing.T, files ...string) (*mainUI, chan func()) {
	t.Helper()
	u, _ := newTestUI(t)
	importFiles(t, u, files...)
	return u, uiQueue(u)
}

// countSearches wraps the screen's search to count the queries run.
func countSearches(u *mainUI) *atomic.Int32 {
	var n atomic.Int32
	inner := u.results.search
	u.results.search = func(ctx context.Context, q index.Query) (index.Result, error) {
		n.Add(1)
		return inner(ctx, q)
	}
	return &n
}

// resultCards are the cards the Tìm kiếm screen shows.
func resultCards(u *mainUI) []*resultCard {
	var out []*resultCard
	for _, o := range u.results.results.Objects {
		if c, ok := o.(*resultCard); ok {
			out = append(out, c)
		}
	}
	return out
}

// highlighted is the text of the highlighted segments drawn under o.
func highlighted(o fyne.CanvasObject) []string {
	var out []string
	for _, x := range allObjects(o) {
		r, ok := x.(*widget.RichText)
		if !ok {
			continue
		}
		// consecutive highlighted segments (one per word) make one phrase
		phrase := ""
		for _, sg := range r.Segments {
			if t, ok := sg.(*widget.TextSegment); ok && t.Style.ColorName == theme.ColorNamePrimary && t.Style.TextStyle.Bold {
				phrase += t.Text
				if !t.Style.Inline { // the line ends: a space in the text
					phrase += " "
				}
				continue
			}
			if phrase != "" {
				out = append(out, strings.TrimSpace(phrase))
			}
			phrase = ""
		}
		if phrase != "" {
			out = append(out, strings.TrimSpace(phrase))
		}
	}
	return out
}

// facetCheck is the facet check box whose label starts with prefix.
func facetCheck(t *testing.T, u *mainUI, prefix string) *widget.Check {
	t.Helper()
	for _, x := range allObjects(u.results.facetBox) {
		if c, ok := x.(*widget.Check); ok && strings.HasPrefix(c.Text, prefix) {
			return c
		}
	}
	t.Fatalf("no facet %q in %q", prefix, texts(u.results.facetBox))
	return nil
}

func TestSearchAsYouType(t *testing.T) {
	u, q := searchUI(t, planKL74, kl221, nd170)
	calls := countSearches(u)
	test.Type(u.search, "tinh gian bien che")
	if u.current != navSearch {
		t.Error("typing in the search field did not show the Tìm kiếm screen")
	}
	settle(t, q, u.results.settled(), "the search as you type")
	if n := calls.Load(); n != 1 {
		t.Errorf("%d searches ran while typing, want 1 after the pause", n)
	}
	cards := resultCards(u)
	if len(cards) == 0 {
		t.Fatalf("no result for «tinh gian bien che»: %q", texts(u.results.content))
	}
	var plan *resultCard
	for _, c := range cards {
		if strings.HasPrefix(c.hit.Address, "B.II.2.3") && strings.HasPrefix(c.hit.Title, "Kế hoạch") {
			plan = c
			break
		}
	}
	if plan == nil {
		t.Fatalf("the results do not include the plan's clause B.II.2.3")
	}
	if !hasText(plan, "B.II.2.3") {
		t.Errorf("the plan's card does not show its address: %q", texts(plan))
	}
	var tinh, bien bool
	for _, h := range highlighted(plan) {
		l := strings.ToLower(h)
		tinh = tinh || strings.Contains(l, "tinh giản")
		bien = bien || strings.Contains(l, "biên chế")
	}
	if !tinh || !bien {
		t.Errorf("highlighted in the plan's card: %q, want «tinh giản» and «biên chế»", highlighted(plan))
	}
	if !strings.Contains(u.results.summary.Text, "kết quả ·") || !strings.HasSuffix(u.results.summary.Text, "ms") &&
		!strings.Contains(u.results.summary.Text, "ms ·") {
		t.Errorf("summary = %q, want «N kết quả · T ms»", u.results.summary.Text)
	}
	if got := u.nav.buttons[navSearch].Text; !strings.HasPrefix(got, "Tìm kiếm (") {
		t.Errorf("rail entry = %q, want the count of results", got)
	}
}

func TestSecondKeystrokeCancelsFirst(t *testing.T) {
	u, q := searchUI(t, planKL74)
	var (
		mu      sync.Mutex
		queries []string
	)
	started := make(chan struct{})
	slowDone := make(chan error, 1)
	inner := u.results.search
	u.results.search = func(ctx context.Context, q index.Query) (index.Result, error) {
		mu.Lock()
		queries = append(queries, q.Text)
		mu.Unlock()
		if q.Text == "chậm" { // a slow search, still running when the user types on
			close(started)
			<-ctx.Done()
			slowDone <- ctx.Err()
			return index.Result{Total: 99}, nil
		}
		return inner(ctx, q)
	}
	u.runSearch("chậm")
	wait(t, started, "the slow search")
	test.Type(u.search, "bien")
	test.Type(u.search, " che")
	select {
	case err := <-slowDone:
		if err == nil {
			t.Error("the slow search's context was not cancelled")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("typing did not cancel the search under way")
	}
	settle(t, q, u.results.settled(), "the search as you type")
	mu.Lock()
	defer mu.Unlock()
	if len(queries) != 2 || queries[1] != "bien che" {
		t.Errorf("queries run: %q, want the slow one then only «bien che»", queries)
	}
	if u.results.total == 99 || len(resultCards(u)) == 0 {
		t.Errorf("results show %d hits of %d: the cancelled search's answer won or «bien che» found nothing", len(u.results.hits), u.results.total)
	}
}

func TestFacetNarrowsAndWidens(t *testing.T) {
	u, q := searchUI(t, planKL74, kl221, nd170)
	settle(t, q, u.runSearch("biên chế"), "the search")
	all := u.results.total
	if all == 0 {
		t.Fatal("no result for «biên chế»")
	}
	test.Tap(facetCheck(t, u, "Nghị định"))
	settle(t, q, u.results.settled(), "the narrowed search")
	if q := u.results.query; len(q.Kinds) != 1 || q.Kinds[0] != "Nghị định" {
		t.Fatalf("query after ticking Nghị định: %+v", q)
	}
	narrowed := u.results.total
	if narrowed == 0 || narrowed >= all {
		t.Errorf("ticking Nghị định: %d results, want fewer than %d but some", narrowed, all)
	}
	for _, h := range u.results.hits {
		if h.Kind != "Nghị định" {
			t.Errorf("hit of kind %q after ticking Nghị định", h.Kind)
		}
	}
	if !facetCheck(t, u, "Nghị định").Checked {
		t.Error("the ticked facet is not shown ticked")
	}
	if c := facetCheck(t, u, "Kế hoạch"); c.Checked || strings.HasSuffix(c.Text, "(0)") {
		t.Errorf("facet %q while Nghị định is ticked: want it unticked, with the count it would add", c.Text)
	}
	if b := findButton(u.results.facetBox, "Bỏ lọc"); b == nil || b.Disabled() {
		t.Error("no active «Bỏ lọc» button while filtered")
	}
	test.Tap(facetCheck(t, u, "Nghị định"))
	settle(t, q, u.results.settled(), "the widened search")
	if got := u.results.total; got != all {
		t.Errorf("unticking: %d results, want %d again", got, all)
	}
	// Bỏ lọc clears every filter.
	test.Tap(facetCheck(t, u, "Kế hoạch"))
	settle(t, q, u.results.settled(), "the narrowed search")
	test.Tap(findButton(u.results.facetBox, "Bỏ lọc"))
	settle(t, q, u.results.settled(), "the unfiltered search")
	if got := u.results.total; got != all || u.results.filtered() {
		t.Errorf("after «Bỏ lọc»: %d results (filtered %v), want %d", got, u.results.filtered(), all)
	}
	for _, later := range []string{"Đơn vị", "Tình trạng nhiệm vụ"} {
		if !hasText(u.results.facetBox, later) {
			t.Errorf("no placeholder for the %s facet", later)
		}
	}
}

func TestResultOpensClause(t *testing.T) {
	u, q := searchUI(t, planKL74, kl221)
	settle(t, q, u.runSearch("tinh gian bien che"), "the search")
	var card *resultCard
	for _, c := range resultCards(u) {
		if strings.HasPrefix(c.hit.Address, "B.II.2.3") {
			card = c
			break
		}
	}
	if card == nil {
		t.Fatal("no result for the plan's clause B.II.2.3")
	}
	test.Tap(card)
	wait(t, u.work, "opening the result")
	if u.docView == nil || u.docView.doc.ID != card.hit.DocumentID {
		t.Fatal("clicking the result did not open its document")
	}
	c, ok := u.docView.selectedClause()
	if !ok || !strings.HasPrefix(c.Address, "B.II.2.3") {
		t.Errorf("the selected clause is %q, want B.II.2.3…", c.Address)
	}
	if !hasText(u.details.content, "B.II.2.3") {
		t.Errorf("the detail panel does not show the address: %q", texts(u.details.content))
	}
	marked := false
	for _, r := range u.docView.rows {
		for _, b := range r.blocks {
			for _, run := range b.runs {
				if run.mark && strings.EqualFold(run.text, "tinh giản biên chế") {
					marked = true
				}
			}
		}
	}
	if !marked {
		t.Errorf("the searched words are not marked in the text (marks %q)", u.docView.marks)
	}
	// Quay lại comes back to the results.
	u.back()
	if u.current != navSearch || len(resultCards(u)) == 0 {
		t.Error("«Quay lại» did not come back to the results")
	}
}

func TestEmptyQueryClears(t *testing.T) {
	u, q := searchUI(t, planKL74)
	settle(t, q, u.runSearch("biên chế"), "the search")
	if len(resultCards(u)) == 0 {
		t.Fatal("no result for «biên chế»")
	}
	calls := countSearches(u)
	settle(t, q, u.typed("   "), "the empty search")
	if len(u.results.hits) != 0 || len(resultCards(u)) != 0 || u.results.failed {
		t.Errorf("after an empty query: %d hits, %d cards, failed %v", len(u.results.hits), len(resultCards(u)), u.results.failed)
	}
	if calls.Load() != 0 {
		t.Error("an empty query ran a search")
	}
	if !hasText(u.results.results, "so:74-KL/TW") || !hasText(u.results.results, "không dấu") {
		t.Errorf("the empty state does not explain the query language: %q", texts(u.results.results))
	}
	if got := u.nav.buttons[navSearch].Text; got != "Tìm kiếm (0)" {
		t.Errorf("rail entry = %q", got)
	}
}

func TestSortGroupAndMore(t *testing.T) {
	u, q := searchUI(t, planKL74, kl221, nd170)
	settle(t, q, u.runSearch("cán bộ"), "the search")
	if u.results.total <= searchPage {
		t.Fatalf("«cán bộ»: %d results, want more than a page", u.results.total)
	}
	if u.results.more.Hidden {
		t.Fatal("no «Xem thêm» with more results than shown")
	}
	test.Tap(u.results.more)
	settle(t, q, u.results.settled(), "the next page")
	if len(u.results.hits) != 2*searchPage || len(resultCards(u)) != 2*searchPage {
		t.Errorf("after «Xem thêm»: %d hits, %d cards, want %d", len(u.results.hits), len(resultCards(u)), 2*searchPage)
	}
	u.results.sortSel.SetSelected("Mới nhất")
	settle(t, q, u.results.settled(), "the sorted search")
	if u.results.query.Sort != "date" {
		t.Errorf("sort = %q after «Mới nhất»", u.results.query.Sort)
	}
	for i := 1; i < len(u.results.hits); i++ {
		if a, b := u.results.hits[i-1].Date, u.results.hits[i].Date; b != "" && a < b {
			t.Errorf("«Mới nhất»: %s before %s", a, b)
			break
		}
	}
	u.results.groupChk.SetChecked(true)
	settle(t, q, u.results.settled(), "the grouped search")
	seen := map[int64]bool{}
	for _, h := range u.results.hits {
		if seen[h.DocumentID] {
			t.Errorf("document %d twice with «Gộp theo văn bản»", h.DocumentID)
		}
		seen[h.DocumentID] = true
	}
	if !strings.Contains(u.results.summary.Text, "văn bản") {
		t.Errorf("grouped summary = %q", u.results.summary.Text)
	}
}

func TestFragmentSegments(t *testing.T) {
	text := "kế hoạch tinh giản biên chế\ncủa tỉnh"
	f := index.Fragment{Text: text, Highlights: [][2]int{
		{len("kế hoạch "), len("kế hoạch tinh giản")},               // tinh giản
		{len("kế hoạch tinh giản "), len(text) - len("\ncủa tỉnh")}, // biên chế: one highlight with it
		{1, 3},   // inside «ế»: dropped
		{-1, 4},  // out of range
		{30, 99}, // past the end
		{14, 16}, // overlaps the first
	}}
	hl := newHLText(fragmentPieces(f, false), false)
	test.NewTempApp(t)
	for _, width := range []float32{800, 120} { // one line, then several
		hl.Resize(fyne.NewSize(width, hl.MinSize().Height))
		got := highlighted(hl)
		if strings.Join(got, "|") != "tinh giản biên chế" {
			t.Errorf("at width %v highlighted %q, want tinh giản|biên chế", width, got)
		}
		var all []string
		for _, s := range hl.rich.Segments {
			all = append(all, s.Textual())
		}
		if w := strings.Join(strings.Fields(strings.Join(all, " ")), " "); w != "…kế hoạch tinh giản biên chế của tỉnh…" {
			t.Errorf("at width %v fragment = %q", width, all)
		}
	}
	if hl.MinSize().Height <= newHLText(fragmentPieces(f, false), false).MinSize().Height {
		t.Error("the narrow fragment is no taller than the wide one")
	}
	if got := formatCount(1234567); got != "1.234.567" {
		t.Errorf("formatCount = %q", got)
	}
	runs := markRuns([]textRun{{text: "Tỉnh ủy tinh giản biên chế; tinh giảnx"}}, []string{"tinh giản", "Tỉnh"})
	var marked []string
	for _, r := range runs {
		if r.mark {
			marked = append(marked, r.text)
		}
	}
	if strings.Join(marked, "|") != "Tỉnh|tinh giản" {
		t.Errorf("marked %q", marked)
	}
}
