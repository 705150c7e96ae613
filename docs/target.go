package docs

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Target is a measurable goal a clause sets: "giảm tối thiểu 10% biên chế
// của tỉnh so với năm 2015", "giảm còn 01 phó chủ tịch hội đồng nhân dân cấp
// huyện", "diện tích rừng ngập mặn ... đạt 1.700 ha".
//
// Readings (decisions):
//   - Direction is "decrease" or "increase" when the amount is the change
//     ("giảm 10%", "tăng thêm 5%"), and "reach" when it is the level to arrive
//     at ("giảm còn 01", "giảm xuống 5%", "tăng ... lên 80%", "đạt 100%",
//     "phấn đấu có ít nhất 10% ...");
//   - Minimum is set by "tối thiểu", "ít nhất", "không dưới" and also by
//     "trên" (more than) before the amount;
//   - the metric is the noun phrase after the amount ("10% biên chế của
//     tỉnh"), else the subject before the verb ("diện tích rừng ngập mặn ...
//     đạt 1.700 ha"), else, for "tăng X lên Y", X; it stops at punctuation,
//     at a time expression and at "so với", "phù hợp", "để", "nhằm" ...;
//   - "đạt" is a target only in a sentence that also carries a deadline or
//     speaks of a goal ("phấn đấu", "mục tiêu", "chỉ tiêu"), so conditions
//     such as "phải đạt trên 50% số phiếu giới thiệu" are not targets;
//     budget formulas ("được tính tăng thêm 10% so với định mức", "cứ ...
//     tăng thêm") are not targets either;
//   - Unit is "%", a measure ("ha", "km2", "tỷ đồng", ...) or "" for a count.
type Target struct {
	Text      string    `json:"text"`  // the words as written: "giảm tối thiểu 10% biên chế của tỉnh"
	Start     int       `json:"start"` // byte offsets of Text in the sentence
	End       int       `json:"end"`
	Metric    string    `json:"metric"`    // "biên chế của tỉnh", "phó chủ tịch hội đồng nhân dân cấp huyện"
	Direction string    `json:"direction"` // "decrease", "increase", "reach"
	Amount    float64   `json:"amount"`    // 10, 1, 1700
	Unit      string    `json:"unit"`      // "%", "ha", "" for a count
	Minimum   bool      `json:"minimum"`   // "tối thiểu", "ít nhất"
	Baseline  int       `json:"baseline"`  // baseline year ("so với năm 2015" → 2015); 0 when none
	Deadline  *Deadline `json:"deadline"`  // the nearest time expression of the same sentence; nil when none
}

// The directions of a Target.
const (
	TargetDecrease = "decrease"
	TargetIncrease = "increase"
	TargetReach    = "reach"
)

const (
	tgMin    = `(?:(tối\s+thiểu|ít\s+nhất|không\s+dưới|trên)(?:\s+là)?\s+)?`
	tgAmount = `(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?`
	tgUnit   = `(?:\s*(%)|\s+(ha|km2|km|tỷ\s+đồng|triệu\s+đồng|đồng)(?:[^\p{L}\p{N}]|$))?`
)

var (
	// tgDirectRe: a verb, then the amount.
	tgDirectRe = regexp.MustCompile(`(?i)(giảm\s+xuống\s+còn|giảm\s+còn|giảm\s+xuống|tăng\s+lên|tăng\s+thêm|giảm|tăng|đạt|phấn\s+đấu\s+có|phấn\s+đấu)\s+` + tgMin + tgAmount + tgUnit)
	// tgUpRe: "tăng X lên Y", "giảm X xuống (còn) Y".
	tgUpRe = regexp.MustCompile(`(?i)(tăng|nâng|giảm)\s+([^,;:.()\n]{1,120}?)\s+(lên|xuống\s+còn|xuống)\s+(?:mức\s+)?` + tgMin + tgAmount + tgUnit)
	// tgAfterDeadlineRe: "Đến năm 2030, 100% các xã ..." read right after a
	// time expression.
	tgAfterDeadlineRe = regexp.MustCompile(`^,?\s+` + tgMin + tgAmount + `\s*(%)`)
	// tgFormulaRe marks a budget formula or an entitlement before the verb:
	// "được tính tăng thêm 10%", "cứ ... tăng thêm", "được giảm 15% định mức".
	tgFormulaRe = regexp.MustCompile(`(?i)(?:tính|cứ|định\s+mức|hệ\s+số|được)\s+(?:được\s+)?$`)
	// tgAchievedRe marks a result already reached, not a target: "đến nay
	// mới đạt 39,5%", "đã đạt".
	tgAchievedRe = regexp.MustCompile(`(?i)(?:mới|đã|chỉ|vẫn|chưa)\s+$`)
	// tgGoalRe marks a sentence that speaks of a goal.
	tgGoalRe = regexp.MustCompile(`(?i)phấn\s+đấu|mục\s+tiêu|chỉ\s+tiêu`)
	// tgStopRe ends a metric after the amount.
	tgStopRe = regexp.MustCompile(`(?i)^(?:so\s+với|đến|tới|trong|từ|vào|phù\s+hợp|gắn\s+với|để|nhằm|theo|trở\s+lên|tại|bảo\s+đảm|đảm\s+bảo|trước|chậm\s+nhất|(?:hằng|hàng)\s+(?:năm|quý|tháng|tuần|ngày)|định\s+kỳ|thường\s+xuyên|khi|nếu|sau|và\s+(?:tăng|giảm|đạt|phấn|ít\s+nhất|tối\s+thiểu|\d))(?:[^\p{L}\p{N}]|$)`)
	// tgPairRe continues a metric over a comma into the usual pairs "cán
	// bộ, công chức, viên chức".
	tgPairRe = regexp.MustCompile(`^,\s*(?:cán\s+bộ|công\s+chức|viên\s+chức|người\s+lao\s+động)(?:[^\p{L}\p{N}]|$)`)
	// tgLeadRe is the verb phrase to drop from the start of a metric read
	// before the verb.
	tgLeadRe = regexp.MustCompile(`(?i)^(?:(?:phấn\s+đấu|thực\s+hiện|mục\s+tiêu|nhằm|bảo\s+đảm|đảm\s+bảo|có|là|thì|phải|cần|sẽ)(?:\s+|$))+`)
	// tgBaselineRe reads the baseline year.
	tgBaselineRe = regexp.MustCompile(`(?i)so\s+với\s+(?:cùng\s+kỳ\s+)?(?:năm\s+)?(\d{4})`)
)

// FindTargets returns the targets set in s, in order; offsets are byte
// offsets in s. See Target for how each is read.
func FindTargets(s string) []Target {
	ds := FindDeadlines(s)
	var out []Target
	for _, sen := range tgSentences(s) {
		text := s[sen[0]:sen[1]]
		var found []Target
		for _, m := range tgUpRe.FindAllStringSubmatchIndex(text, -1) {
			if t, ok := tgUp(s, sen, m); ok {
				found = append(found, t)
			}
		}
		for _, m := range tgDirectRe.FindAllStringSubmatchIndex(text, -1) {
			if t, ok := tgDirect(s, sen, ds, m); ok {
				found = append(found, t)
			}
		}
		for _, d := range ds {
			if d.End < sen[0] || d.End > sen[1] || d.Recurrence != "" {
				continue
			}
			if m := tgAfterDeadlineRe.FindStringSubmatchIndex(s[d.End:sen[1]]); m != nil {
				for k := range m {
					if m[k] >= 0 {
						m[k] += d.End - sen[0]
					}
				}
				t := Target{Direction: TargetReach}
				if !tgFill(&t, s, sen, ds, m, 1, 2, 3, 4) {
					continue
				}
				t.Start = sen[0] + m[4]
				if m[2] >= 0 {
					t.Start = sen[0] + m[2]
				}
				t.Text = s[t.Start:t.End]
				if t.Metric != "" {
					found = append(found, t)
				}
			}
		}
		// keep the first of overlapping readings, in order
		sortTargets(found)
		last := -1
		for _, t := range found {
			if t.Start < last {
				continue
			}
			t.Deadline = tgDeadline(ds, sen, t)
			t.Baseline = tgBaseline(s, sen, t)
			out = append(out, t)
			last = t.End
		}
	}
	return out
}

// tgDirect reads a "verb amount metric" match m of the sentence sen.
func tgDirect(s string, sen [2]int, ds []Deadline, m []int) (Target, bool) {
	off := sen[0]
	text := s[sen[0]:sen[1]]
	vs := off + m[2]
	if !tgWordStart(s, vs) || tgFormulaRe.MatchString(dlTail(s, vs, 40)) {
		return Target{}, false
	}
	verb := strings.ToLower(strings.Join(strings.Fields(text[m[2]:m[3]]), " "))
	t := Target{Start: vs}
	switch verb {
	case "giảm":
		t.Direction = TargetDecrease
	case "tăng", "tăng thêm":
		t.Direction = TargetIncrease
	default:
		t.Direction = TargetReach
	}
	if verb == "đạt" || strings.HasPrefix(verb, "phấn") {
		if !tgGoalRe.MatchString(text) && !tgHasDeadline(ds, sen) || tgAchievedRe.MatchString(dlTail(s, vs, 16)) {
			return Target{}, false
		}
	}
	if !tgFill(&t, s, sen, ds, m, 2, 3, 4, 5) {
		return Target{}, false
	}
	if t.Metric == "" {
		ms, metric := tgMetricBefore(s, sen, ds, vs)
		if metric == "" {
			return Target{}, false
		}
		t.Metric = metric
		t.Start = ms
	}
	t.Text = s[t.Start:t.End]
	return t, true
}

// tgUp reads a "tăng X lên Y" match m of the sentence sen.
func tgUp(s string, sen [2]int, m []int) (Target, bool) {
	off := sen[0]
	vs := off + m[2]
	if !tgWordStart(s, vs) || tgFormulaRe.MatchString(dlTail(s, vs, 40)) {
		return Target{}, false
	}
	t := Target{Start: vs, Direction: TargetReach}
	t.Metric = tgClean(s[off+m[4] : off+m[5]])
	if t.Metric == "" {
		return Target{}, false
	}
	amt, frac, unit := s[off+m[10]:off+m[11]], "", ""
	t.Minimum = m[8] >= 0
	t.End = off + m[11]
	if m[12] >= 0 {
		frac = s[off+m[12] : off+m[13]]
		t.End = off + m[13]
	}
	switch {
	case m[14] >= 0:
		unit = "%"
		t.End = off + m[15]
	case m[16] >= 0:
		unit = strings.Join(strings.Fields(s[off+m[16]:off+m[17]]), " ")
		t.End = off + m[17]
	}
	t.Amount, t.Unit = tgNumber(amt, frac), unit
	t.Text = s[t.Start:t.End]
	return t, true
}

// tgFill reads the minimum, the amount, the unit and the metric after them
// from the submatches of m (relative to sen) at groups gMin, gAmt (amount
// and fraction follow), gUnit (the "%" group; the measure group follows when
// gUnit+1 exists).
func tgFill(t *Target, s string, sen [2]int, ds []Deadline, m []int, gMin, gAmt, gFrac, gUnit int) bool {
	off := sen[0]
	g := func(k int) (int, int, bool) {
		if 2*k+1 >= len(m) || m[2*k] < 0 {
			return 0, 0, false
		}
		return off + m[2*k], off + m[2*k+1], true
	}
	if _, _, ok := g(gMin); ok {
		t.Minimum = true
	}
	a0, a1, ok := g(gAmt)
	if !ok {
		return false
	}
	frac := ""
	t.End = a1
	if f0, f1, ok := g(gFrac); ok {
		frac = s[f0:f1]
		t.End = f1
	}
	if _, u1, ok := g(gUnit); ok {
		t.Unit = "%"
		t.End = u1
	} else if u0, u1, ok := g(gUnit + 1); ok {
		t.Unit = strings.Join(strings.Fields(s[u0:u1]), " ")
		t.End = u1
	}
	t.Amount = tgNumber(s[a0:a1], frac)
	if ms, me := tgMetricAfter(s, sen, ds, t.End); me > ms {
		t.Metric = tgClean(s[ms:me])
		t.End = me
	}
	return true
}

// tgMetricAfter returns the span of the noun phrase at i, up to a stop.
func tgMetricAfter(s string, sen [2]int, ds []Deadline, i int) (int, int) {
	j := i
	for j < sen[1] && (s[j] == ' ' || s[j] == '\t') {
		j++
	}
	start, end, words := j, j, 0
	for j < sen[1] && words < 15 {
		r, _ := utf8.DecodeRuneInString(s[j:])
		if r == ',' && words > 0 && tgPairRe.MatchString(s[j:sen[1]]) {
			j++
			for j < sen[1] && (s[j] == ' ' || s[j] == '\t') {
				j++
			}
			continue
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' {
			break
		}
		if tgStopRe.MatchString(s[j:sen[1]]) || tgInDeadline(ds, j) {
			break
		}
		k := j
		for k < sen[1] {
			r, n := utf8.DecodeRuneInString(s[k:])
			if unicode.IsSpace(r) || strings.ContainsRune(",;:.()\"“”", r) {
				break
			}
			k += n
		}
		end = k
		words++
		j = k
		for j < sen[1] && (s[j] == ' ' || s[j] == '\t') {
			j++
		}
	}
	return start, end
}

// tgMetricBefore returns the start and the text of the subject before the
// verb at vs: back to punctuation, the sentence start or a time expression
// (stepping over a time expression right before the verb).
func tgMetricBefore(s string, sen [2]int, ds []Deadline, vs int) (int, string) {
	end := vs
	for range 2 {
		lo := sen[0]
		var dl *Deadline
		for i := range ds {
			if ds[i].End <= end && ds[i].End > lo && ds[i].Start >= sen[0] && ds[i].Recurrence == "" {
				dl = &ds[i]
				lo = ds[i].End
			}
		}
		// a time expression heads the subject ("Đến năm 2030, tỷ lệ thu
		// gom, xử lý ... đạt 100%"); without one, the subject starts after
		// the last punctuation.
		if dl == nil || strings.TrimLeft(s[lo:end], " \t\n,") == "" {
			if k := strings.LastIndexAny(s[lo:end], ",;:()"); k >= 0 {
				lo += k + 1
			}
		} else {
			lo += len(s[lo:end]) - len(strings.TrimLeft(s[lo:end], " \t\n,"))
		}
		seg := s[lo:end]
		lead := tgLeadRe.FindString(strings.TrimLeft(seg, " \t\n"))
		seg = strings.TrimLeft(seg, " \t\n")
		start := end - len(seg) + len(lead)
		if metric := tgClean(s[start:end]); metric != "" {
			return start, metric
		}
		switch {
		case dl != nil:
			end = dl.Start
		case lo > sen[0] && s[lo-1] == ',':
			// "phủ sóng 5G trên phạm vi toàn quốc, phải đạt 90%"
			end = lo - 1
		default:
			return vs, ""
		}
	}
	return vs, ""
}

// tgDeadline picks the time expression of the sentence nearest to t.
func tgDeadline(ds []Deadline, sen [2]int, t Target) *Deadline {
	best, dist := -1, 0
	for i, d := range ds {
		if d.Start < sen[0] || d.End > sen[1] || d.Recurrence != "" {
			continue
		}
		dd := 0
		switch {
		case d.End <= t.Start:
			dd = t.Start - d.End
		case d.Start >= t.End:
			dd = d.Start - t.End
		}
		if best < 0 || dd < dist {
			best, dist = i, dd
		}
	}
	if best < 0 {
		return nil
	}
	d := ds[best]
	return &d
}

// tgBaseline reads "so với năm 2015" after the target, else anywhere in its
// sentence.
func tgBaseline(s string, sen [2]int, t Target) int {
	m := tgBaselineRe.FindStringSubmatch(s[t.End:sen[1]])
	if m == nil {
		m = tgBaselineRe.FindStringSubmatch(s[sen[0]:sen[1]])
	}
	if m == nil {
		return 0
	}
	y, _ := strconv.Atoi(m[1])
	return y
}

func tgHasDeadline(ds []Deadline, sen [2]int) bool {
	for _, d := range ds {
		if d.Start >= sen[0] && d.End <= sen[1] && d.Recurrence == "" {
			return true
		}
	}
	return false
}

func tgInDeadline(ds []Deadline, i int) bool {
	for _, d := range ds {
		if d.Start <= i && i < d.End {
			return true
		}
	}
	return false
}

// tgSentences splits s at ";", line breaks and a "." that ends a sentence
// (not one between digits: "1.700").
func tgSentences(s string) [][2]int {
	var out [][2]int
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		end := c == ';' || c == '\n' || c == '!' || c == '?'
		if c == '.' && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\n') {
			end = true
		}
		if end {
			if i > start {
				out = append(out, [2]int{start, i})
			}
			start = i + 1
		}
	}
	if start < len(s) {
		out = append(out, [2]int{start, len(s)})
	}
	return out
}

// tgNumber reads "1.700" as 1700, "10" and "," "5" as 10.5, "01" as 1.
func tgNumber(whole, frac string) float64 {
	v := strings.ReplaceAll(whole, ".", "")
	if frac != "" {
		v += "." + frac
	}
	f, _ := strconv.ParseFloat(v, 64)
	return f
}

// tgClean trims and joins the words of a metric.
func tgClean(s string) string {
	return strings.Join(strings.Fields(strings.Trim(s, " \t\n,;:.")), " ")
}

// tgWordStart reports whether a word begins at i.
func tgWordStart(s string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// sortTargets orders targets by start, longer first.
func sortTargets(ts []Target) {
	for i := 1; i < len(ts); i++ {
		for j := i; j > 0 && (ts[j].Start < ts[j-1].Start || ts[j].Start == ts[j-1].Start && ts[j].End > ts[j-1].End); j-- {
			ts[j], ts[j-1] = ts[j-1], ts[j]
		}
	}
}
