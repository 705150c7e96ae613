package docs

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Recurrence is how often a task comes back: a reporting cycle ("định kỳ 6
// tháng, năm báo cáo") or a standing duty ("thường xuyên theo dõi").
type Recurrence string

// The recurrences FindDeadlines recognises; "" is a one-off.
const (
	RecurNone       Recurrence = ""
	RecurMonthly    Recurrence = "monthly"    // "hằng tháng", "hàng tháng"
	RecurQuarterly  Recurrence = "quarterly"  // "hằng quý", "hàng quý"
	RecurSemiannual Recurrence = "semiannual" // "định kỳ 6 tháng"; "định kỳ 6 tháng, năm" too: the yearly report falls on the second half-year's end
	RecurAnnual     Recurrence = "annual"     // "hằng năm", "hàng năm", "định kỳ hằng năm"
	RecurContinuous Recurrence = "continuous" // "thường xuyên"
)

// Deadline is one time expression of a clause: a date, a period, a term of
// office, a range, or a recurrence.
//
// Readings (decisions):
//   - a date is due on that day, with or without "trước"/"chậm nhất"
//     ("trước ngày 30/6/2026" → Due 2026-06-30), the administrative reading;
//   - a period (month, quarter, half-year, year, term) is due at its last day
//     ("đến cuối năm 2021", "trong quý I/2026", "6 tháng đầu năm 2026");
//   - "trước" + a period means before the period begins: "trước tháng 6/2026"
//     → Due 2026-05-31, "trước năm 2030" → Due 2029-12-31;
//   - "trong", "vào" or no cue + a period sets From to its first day; "đến",
//     "chậm nhất", "từ nay đến" leave From zero (open on the left);
//   - "từ"/"kể từ" + a date or period sets From and leaves Due zero: "từ
//     nhiệm kỳ 2021-2026" starts with the term and has no end, so Due is zero;
//     "từ X đến Y" is one range: From X's first day, Due Y's last day;
//   - a range whose first end borrows the month or the year of the second
//     ("ngày 16-20/11/2025", "từ ngày 04/5 đến ngày 14/5/2025", "tháng 6 đến
//     tháng 12/2025", "quý II và quý III năm 2026") is one range too, From
//     its first day, Due its last, whatever the cue; its Period is "", as for
//     every range but one of years;
//   - a bare year ("Luật Cán bộ, công chức năm 2025", "so với năm 2015") and a
//     bare term ("Tỉnh ủy nhiệm kỳ 2025-2030") are names or baselines, not
//     deadlines: a year or term needs a cue ("trong", "vào", "đến", "tới",
//     "từ", "cuối", "hết", "trước", "chậm nhất"). One exception, from the
//     corpus: a year that opens its sentence before a comma is a milestone
//     ("Năm 2027, hoàn thành việc sửa đổi ..." in Nghị quyết 66-NQ/TW sets the
//     year as firmly as "trong năm 2027"), read as a period without a cue;
//   - a date that belongs to a citation ("Kết luận số 74-KL/TW, ngày
//     22-5-2020", "ban hành ngày ...", "ngày ... của Bộ Chính trị") is
//     skipped; a document named by its kind ("Căn cứ Luật ... ngày ...")
//     cites its date only when no cue stands before it: in "... của Hiến pháp
//     chậm nhất ngày 30/6/2025" the date is a deadline;
//   - the date a meeting is or was held is skipped like a citation ("Tại
//     phiên họp ngày 28/2/2025", "tại cuộc họp Bộ Chính trị ngày 14/11/2025",
//     "Hội nghị ... tổ chức ngày 26/11/2025"), and so is a date that opens
//     its sentence before a comma without a cue: it narrates ("Ngày
//     24/11/2025, tại Trụ sở Trung ương Đảng, đồng chí ... đã có buổi làm
//     việc ...");
//   - a recurrence is named by "hằng/hàng" + period, "định kỳ" + period, or
//     "N tháng một lần" ("họp thường lệ sáu tháng một lần" is six-monthly);
//   - dates and months without a year ("trước ngày 15 tháng 11", "chậm nhất
//     tháng 6", "trong Quý I") and durations ("trong thời hạn 30 ngày") are
//     not read: their date depends on something outside the sentence (but for
//     the first end of a range, above);
//   - Text keeps the preposition ("trước ngày 30/6/2026"), and a weekday
//     between it and the date ("trước Thứ Tư ngày 03/12/2025"), but not the
//     verb ("hoàn thành", "xong").
type Deadline struct {
	Text       string     `json:"text"`  // the source words as written: "đến cuối năm 2021"
	Start      int        `json:"start"` // byte offsets of Text in the sentence
	End        int        `json:"end"`
	From       time.Time  `json:"from"` // zero when open-ended on the left
	Due        time.Time  `json:"due"`  // last day by which it must be done; zero when none
	Recurrence Recurrence `json:"recurrence,omitempty"`
	// Period names the period of the expression: "2021", "Q1/2026",
	// "H1/2026", "12/2025", "2021-2026"; "" for a single date, a recurrence
	// or a range other than one of years.
	Period string `json:"period,omitempty"`
}

// dlKind is what a core expression names.
type dlKind int

const (
	dlDate dlKind = iota
	dlMonth
	dlQuarter
	dlHalf
	dlYear
	dlTerm
	dlRange
	dlRecur
)

// dlQuarters numbers the quarters as written in Roman or Arabic numerals.
var dlQuarters = map[string]int{"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}

// dlCore is one expression found before its cue is read.
type dlCore struct {
	kind       dlKind
	start, end int
	first      time.Time // first day of the period (the day itself for a date)
	last       time.Time // last day of the period
	period     string
	recur      Recurrence
}

const (
	dlNum   = `(\d{1,2})\s?[/.-]\s?(\d{1,2})\s?[/.-]\s?(\d{4})`
	dlWords = `(\d{1,2})\s+tháng\s+(\d{1,2}),?\s+năm\s+(\d{4})`
)

var (
	dlDateRe    = regexp.MustCompile(`(?i)(?:ngày\s+)?(?:` + dlNum + `|` + dlWords + `)`)
	dlMonthRe   = regexp.MustCompile(`(?i)tháng\s+(\d{1,2})(?:\s*/\s*|\s+năm\s+)(\d{4})`)
	dlQuarterRe = regexp.MustCompile(`(?i)quý\s+(IV|III|II|I|[1-4])(?:\s*/\s*|\s+năm\s+)(\d{4})`)
	dlHalfRe    = regexp.MustCompile(`(?i)(?:06|6|sáu)\s+tháng\s+(đầu|cuối)\s+năm\s+(\d{4})`)
	dlYearRe    = regexp.MustCompile(`(?i)năm\s+(\d{4})`)
	dlTermRe    = regexp.MustCompile(`(?i)(?:nhiệm\s+kỳ|giai\s+đoạn|thời\s+kỳ)\s+(\d{4})\s*[-–—]\s*(\d{4})`)
	// dlRangeRes read ranges whose first end borrows the month and year, or
	// the year, of the second: "ngày 16-20/11/2025", "ngày 04/5 đến ngày
	// 14/5/2025", "tháng 6 đến tháng 12/2025". Groups: day1, month1, day2,
	// month2, year ("" for a day or a month the range does not name).
	dlRangeRes = []*regexp.Regexp{
		regexp.MustCompile(`(?i)(?:ngày\s+)?(\d{1,2})()\s*[-–]\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})`),
		regexp.MustCompile(`(?i)(?:ngày\s+)?(\d{1,2})\s*/\s*(\d{1,2})\s+(?:đến|tới|[-–])\s+(?:hết\s+)?(?:ngày\s+)?(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})`),
		regexp.MustCompile(`(?i)()tháng\s+(\d{1,2})\s+(?:đến|tới|[-–])\s+(?:hết\s+)?()tháng\s+(\d{1,2})(?:\s*/\s*|\s+năm\s+)(\d{4})`),
	}
	// dlQuarterRangeRe reads two quarters sharing one year: "quý II và quý
	// III năm 2026", "quý I - II/2026".
	dlQuarterRangeRe = regexp.MustCompile(`(?i)quý\s+(IV|III|II|I|[1-4])\s*(?:,|và|đến|tới|[-–])\s*(?:hết\s+)?(?:quý\s+)?(IV|III|II|I|[1-4])(?:\s*/\s*|\s+năm\s+)(\d{4})`)
	// dlFrontYearBefore and dlFrontYearAfter find a year standing first in
	// its sentence, before a comma: "Năm 2027, hoàn thành việc sửa đổi ..."
	// needs no other cue.
	dlFrontYearBefore = regexp.MustCompile(`(?:^|[.;:!?,)+–-])\s*$`)
	dlFrontYearAfter  = regexp.MustCompile(`^\s*,`)
	// dlRecurRes read recurrences; key and key2 are words one of which the
	// lower-cased text must hold for the expression to be tried.
	dlRecurRes = []struct {
		re        *regexp.Regexp
		r         Recurrence
		key, key2 string
	}{
		{regexp.MustCompile(`(?i)định\s+kỳ\s+(?:06|6|sáu)\s+tháng\s*(?:,\s*|\s+và\s+|\s*/\s*)(?:(?:hằng|hàng|cả)\s+)?năm`), RecurSemiannual, "định", "định"},
		{regexp.MustCompile(`(?i)(?:định\s+kỳ\s+(?:06|6|sáu)\s+tháng(?:\s+(?:một|1)\s+lần)?|(?:06|6|sáu)\s+tháng\s+(?:một|1)\s+lần)`), RecurSemiannual, "tháng", "tháng"},
		{regexp.MustCompile(`(?i)(?:định\s+kỳ\s+)?(?:hằng|hàng)\s+năm`), RecurAnnual, "hằng", "hàng"},
		{regexp.MustCompile(`(?i)(?:định\s+kỳ\s+)?(?:hằng|hàng)\s+quý`), RecurQuarterly, "hằng", "hàng"},
		{regexp.MustCompile(`(?i)(?:định\s+kỳ\s+)?(?:hằng|hàng)\s+tháng`), RecurMonthly, "hằng", "hàng"},
		{regexp.MustCompile(`thường\s+xuyên|Thường\s+xuyên`), RecurContinuous, "xuyên", "xuyên"},
	}
	// dlCueRe reads the preposition before a core, at the end of the text
	// before it.
	// A weekday may stand between the cue and a date: "trước Thứ Tư ngày
	// 03/12/2025".
	dlCueRe = regexp.MustCompile(`(?i)(?:^|[^\p{L}\p{N}])((?:từ\s+nay\s+)?(?:đến|tới)(?:\s+(?:hết|cuối|trước))?|chậm\s+nhất(?:\s+là)?(?:\s+(?:vào|đến|trong|trước))?|(?:ngay\s+)?trong|trước|cuối|hết|kể\s+từ|từ|vào)\s+(?:(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật),?\s+)?$`)
	// dlCiteBefore marks a citation date: after a document number or a
	// verb of issuing.
	dlCiteBefore = regexp.MustCompile(`(?i)(?:(?:ban\s+hành|ký|thông\s+qua|số)\s*|\d+[/-]\p{Lu}[\p{Lu}Đ/-]*,?\s*)$`)
	// dlCiteKind marks the date of a document named by its kind and title
	// ("Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025") and the
	// place and date of a header ("Hà Nội, ngày 24 tháng 6 năm 2025").
	dlCiteKind = regexp.MustCompile(`(?:(?:Luật|Bộ\s+luật|Hiến\s+pháp|Pháp\s+lệnh|Nghị\s+định|Nghị\s+quyết|Quyết\s+định|Thông\s+tư|Chỉ\s+thị|Kết\s+luận|Công\s+văn|Thông\s+báo|Quy\s+định|Căn\s+cứ)\s[^;.:()]*|^\s*\p{Lu}[\p{L} ]*,\s*|[|]\s*\p{Lu}[\p{L} ]*,\s*)$`)
	// dlSelfKind is a document naming itself ("Nghị định này có hiệu lực
	// thi hành kể từ ngày ..."): its dates are not citations.
	dlSelfKind = regexp.MustCompile(`\s+này\s`)
	// dlEventBefore marks the date a meeting is or was held: "Tại phiên họp
	// ngày 28/2/2025", "tại cuộc họp Bộ Chính trị ngày 14/11/2025", "Hội nghị
	// ... tổ chức ngày 26/11/2025".
	dlEventBefore = regexp.MustCompile(`(?i)(?:(?:(?:phiên|cuộc|kỳ|buổi)\s+họp|buổi\s+làm\s+việc)(?:\s+[^,;.:()\d]{1,60}?)?|(?:^|[^\p{L}])tổ\s+chức)\s+$`)
	// dlSentenceStart: only a sentence's start (or nothing) before a date.
	dlSentenceStart = regexp.MustCompile(`(?:^|[.!?;:\n]\s*)$`)
	// dlCiteAfter marks a citation date by what follows: "của Bộ Chính trị".
	dlCiteAfter = regexp.MustCompile(`^,?\s+(?:của|về\s+việc)\s+\p{Lu}`)
	// dlNotContinuous are the words before "thường xuyên" where it names a
	// kind of spending or a negation, not a standing duty.
	dlNotContinuous = regexp.MustCompile(`(?i)(?:chi|hoạt\s+động|không|chưa\s+được|chưa|trực\s+tiếp,?)\s+$`)
)

// FindDeadlines returns every time expression of one clause's text, in order
// of their offsets, which are byte offsets in s. See Deadline for how each
// form is read.
func FindDeadlines(s string) []Deadline {
	cores := dlFindCores(s)
	if len(cores) == 0 {
		return nil
	}
	refs := FindReferences(s)
	out := make([]Deadline, 0, len(cores))
	var prevCue string
	for _, c := range cores {
		if c.kind == dlRecur {
			out = append(out, Deadline{Text: s[c.start:c.end], Start: c.start, End: c.end, Recurrence: c.recur})
			prevCue = ""
			continue
		}
		cueStart, cue := dlCue(s, c.start)
		if c.kind == dlDate && dlCitation(s, c, refs, cue) {
			continue
		}
		if cue == "" && (c.kind == dlDate || c.kind == dlMonth) && dlEventBefore.MatchString(dlTail(s, c.start, 120)) {
			continue
		}
		if cue == "" && c.kind == dlDate && dlSentenceStart.MatchString(dlTail(s, c.start, 8)) && strings.HasPrefix(s[c.end:], ",") {
			continue // "Ngày 24/11/2025, tại Trụ sở ..., đồng chí ... đã có buổi làm việc": narration
		}
		if cue == "" && (c.kind == dlTerm || c.kind == dlYear && !dlFrontYear(s, c)) {
			continue
		}
		d := dlBuild(c, cue)
		d.Start = cueStart
		d.End = c.end
		if c.kind == dlRange {
			d.Text = s[d.Start:d.End]
			out = append(out, d)
			prevCue = ""
			continue
		}
		// "từ X đến Y" is one range.
		if n := len(out); n > 0 && strings.HasPrefix(cue, "đến") && !strings.HasPrefix(cue, "đến trước") &&
			(prevCue == "từ" || prevCue == "kể từ") && strings.TrimSpace(s[out[n-1].End:cueStart]) == "" &&
			out[n-1].Recurrence == "" {
			p := out[n-1]
			p.End = c.end
			p.Due = d.Due
			if p.Period != "" && d.Period != "" && c.kind == dlYear && strings.Count(p.Period, "-") == 0 {
				p.Period = p.Period + "-" + d.Period
			} else {
				p.Period = ""
			}
			p.Text = s[p.Start:p.End]
			out[n-1] = p
			prevCue = ""
			continue
		}
		d.Text = s[d.Start:d.End]
		out = append(out, d)
		prevCue = cue
	}
	return out
}

// dlFindCores finds the core expressions, longest first where they overlap.
func dlFindCores(s string) []dlCore {
	var cs []dlCore
	for _, m := range dlDateRe.FindAllStringSubmatchIndex(s, -1) {
		g := dlGroups(s, m)
		d, mo, y := g[1], g[2], g[3]
		if mo == "" {
			d, mo, y = g[4], g[5], g[6]
		}
		if t, ok := dlDay(y, mo, d); ok {
			cs = append(cs, dlCore{kind: dlDate, start: m[0], end: m[1], first: t, last: t})
		}
	}
	for _, m := range dlMonthRe.FindAllStringSubmatchIndex(s, -1) {
		g := dlGroups(s, m)
		if t, ok := dlDay(g[2], g[1], "1"); ok {
			cs = append(cs, dlCore{kind: dlMonth, start: m[0], end: m[1], first: t, last: t.AddDate(0, 1, -1),
				period: strconv.Itoa(int(t.Month())) + "/" + g[2]})
		}
	}
	for _, m := range dlQuarterRe.FindAllStringSubmatchIndex(s, -1) {
		g := dlGroups(s, m)
		q := dlQuarters[strings.ToUpper(g[1])]
		if t, ok := dlDay(g[2], strconv.Itoa(3*q-2), "1"); ok {
			cs = append(cs, dlCore{kind: dlQuarter, start: m[0], end: m[1], first: t, last: t.AddDate(0, 3, -1),
				period: "Q" + strconv.Itoa(q) + "/" + g[2]})
		}
	}
	for _, m := range dlHalfRe.FindAllStringSubmatchIndex(s, -1) {
		g := dlGroups(s, m)
		h, mo := 1, "1"
		if strings.EqualFold(g[1], "cuối") {
			h, mo = 2, "7"
		}
		if t, ok := dlDay(g[2], mo, "1"); ok {
			cs = append(cs, dlCore{kind: dlHalf, start: m[0], end: m[1], first: t, last: t.AddDate(0, 6, -1),
				period: "H" + strconv.Itoa(h) + "/" + g[2]})
		}
	}
	for _, m := range dlYearRe.FindAllStringSubmatchIndex(s, -1) {
		g := dlGroups(s, m)
		if t, ok := dlDay(g[1], "1", "1"); ok {
			cs = append(cs, dlCore{kind: dlYear, start: m[0], end: m[1], first: t, last: t.AddDate(1, 0, -1), period: g[1]})
		}
	}
	for _, m := range dlTermRe.FindAllStringSubmatchIndex(s, -1) {
		g := dlGroups(s, m)
		a, okA := dlDay(g[1], "1", "1")
		b, okB := dlDay(g[2], "12", "31")
		if okA && okB && !b.Before(a) {
			cs = append(cs, dlCore{kind: dlTerm, start: m[0], end: m[1], first: a, last: b, period: g[1] + "-" + g[2]})
		}
	}
	for _, re := range dlRangeRes {
		for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
			g := dlGroups(s, m)
			d1, m1, d2, m2, y := g[1], g[2], g[3], g[4], g[5]
			months := d1 == ""
			if months {
				d1, d2 = "1", "1"
			}
			if m1 == "" {
				m1 = m2
			}
			a, okA := dlDay(y, m1, d1)
			b, okB := dlDay(y, m2, d2)
			if months {
				b = b.AddDate(0, 1, -1)
			}
			if okA && okB && a.Before(b) {
				cs = append(cs, dlCore{kind: dlRange, start: m[0], end: m[1], first: a, last: b})
			}
		}
	}
	for _, m := range dlQuarterRangeRe.FindAllStringSubmatchIndex(s, -1) {
		g := dlGroups(s, m)
		q1, q2 := dlQuarters[strings.ToUpper(g[1])], dlQuarters[strings.ToUpper(g[2])]
		a, okA := dlDay(g[3], strconv.Itoa(3*q1-2), "1")
		b, okB := dlDay(g[3], strconv.Itoa(3*q2-2), "1")
		if okA && okB && q1 < q2 {
			cs = append(cs, dlCore{kind: dlRange, start: m[0], end: m[1], first: a, last: b.AddDate(0, 3, -1)})
		}
	}
	lower := strings.ToLower(s)
	for _, rr := range dlRecurRes {
		if !strings.Contains(lower, rr.key) && !strings.Contains(lower, rr.key2) {
			continue
		}
		for _, m := range rr.re.FindAllStringIndex(s, -1) {
			if rr.r == RecurContinuous && (dlNotContinuous.MatchString(dlTail(s, m[0], 48)) || dlUpperRun(s[m[0]:m[1]])) {
				continue
			}
			cs = append(cs, dlCore{kind: dlRecur, start: m[0], end: m[1], recur: rr.r})
		}
	}
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].start != cs[j].start {
			return cs[i].start < cs[j].start
		}
		return cs[i].end > cs[j].end
	})
	out := cs[:0]
	last := 0
	for _, c := range cs {
		if c.start < last || !dlBoundary(s, c.start, c.end) {
			continue
		}
		out = append(out, c)
		last = c.end
	}
	return out
}

// dlBuild reads a core under its cue.
func dlBuild(c dlCore, cue string) Deadline {
	d := Deadline{Period: c.period}
	switch {
	case c.kind == dlRange: // a range names both its ends
		d.From, d.Due = c.first, c.last
	case cue == "từ" || cue == "kể từ":
		d.From = c.first
	case strings.HasSuffix(cue, "trước") || cue == "trước":
		if c.kind == dlDate {
			d.Due = c.last
		} else {
			d.Due = c.first.AddDate(0, 0, -1)
		}
	case cue == "" || cue == "trong" || cue == "ngay trong" || cue == "vào" || strings.HasSuffix(cue, "trong"):
		if c.kind != dlDate {
			d.From = c.first
		}
		d.Due = c.last
	default: // đến, tới, hết, cuối, chậm nhất, từ nay đến
		d.Due = c.last
	}
	return d
}

// dlCue returns the start and the normalized words of the preposition before
// a core at i ("đến cuối", "từ nay đến", "trước"), or i and "".
func dlCue(s string, i int) (int, string) {
	lo := max(0, i-64)
	for lo > 0 && !utf8.RuneStart(s[lo]) {
		lo--
	}
	m := dlCueRe.FindStringSubmatchIndex(s[lo:i])
	if m == nil {
		return i, ""
	}
	w := strings.ToLower(strings.Join(strings.Fields(s[lo+m[2]:lo+m[3]]), " "))
	return lo + m[2], w
}

// dlCitation reports whether the date core c, read under cue, belongs to a
// citation. A document named by its kind and title cites its date only
// without a cue: in "... của Hiến pháp chậm nhất ngày 30/6/2025" and
// "... Quyết định số 2907/QĐ-UBND và hoàn thành trước ngày 05 tháng 12 năm
// 2025" the cue makes the date a deadline.
func dlCitation(s string, c dlCore, refs []Reference, cue string) bool {
	for _, r := range refs {
		if r.Start < c.end && c.start < r.End {
			return true
		}
	}
	if dlCiteBefore.MatchString(dlTail(s, c.start, 48)) {
		return true
	}
	if t := dlTail(s, c.start, 120); cue == "" && dlCiteKind.MatchString(t) && !dlSelfKind.MatchString(t) {
		return true
	}
	rest := s[c.end:]
	if len(rest) > 48 {
		rest = rest[:48]
	}
	return dlCiteAfter.MatchString(rest)
}

// dlFrontYear reports whether the year core c opens its sentence and is
// followed by a comma, written "Năm" ("Năm 2027, hoàn thành ..."): a time
// set at the head of the sentence, not a name.
func dlFrontYear(s string, c dlCore) bool {
	return strings.HasPrefix(s[c.start:], "Năm") &&
		dlFrontYearBefore.MatchString(dlTail(s, c.start, 16)) &&
		dlFrontYearAfter.MatchString(s[c.end:])
}

// dlTail is the text of up to n bytes just before i, cut at a rune start.
func dlTail(s string, i, n int) string {
	lo := max(0, i-n)
	for lo > 0 && !utf8.RuneStart(s[lo]) {
		lo--
	}
	return s[lo:i]
}

// dlBoundary reports whether s[i:j] stands as whole words.
func dlBoundary(s string, i, j int) bool {
	if i > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:i])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	if j < len(s) {
		r, _ := utf8.DecodeRuneInString(s[j:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// dlUpperRun reports whether w is written in capitals, as a heading or a
// table caption ("CHI THƯỜNG XUYÊN").
func dlUpperRun(w string) bool {
	return strings.IndexFunc(w, unicode.IsLower) < 0
}

// dlGroups returns the submatches of m, "" for those absent.
func dlGroups(s string, m []int) []string {
	g := make([]string, len(m)/2)
	for k := range g {
		if m[2*k] >= 0 {
			g[k] = s[m[2*k]:m[2*k+1]]
		}
	}
	return g
}

// dlDay builds a valid date from its digits.
func dlDay(y, m, d string) (time.Time, bool) {
	yy, err1 := strconv.Atoi(y)
	mm, err2 := strconv.Atoi(m)
	dd, err3 := strconv.Atoi(d)
	if err1 != nil || err2 != nil || err3 != nil || yy < 1945 || yy > 2200 || mm < 1 || mm > 12 || dd < 1 || dd > 31 {
		return time.Time{}, false
	}
	t := time.Date(yy, time.Month(mm), dd, 0, 0, 0, 0, time.UTC)
	if t.Day() != dd {
		return time.Time{}, false
	}
	return t, true
}
