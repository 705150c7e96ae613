package docs

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Proposal is one task chidao proposes from a directive of a document: the
// office reviews it, then keeps it as a task, edits it or drops it.
type Proposal struct {
	// Title is the directive tidied for a task list: first letter capitalised,
	// footnote marks and emphasis marks left out, trailing '.', ';', ',' and
	// "./." dropped, at most 200 runes, cut at a word boundary with "…".
	Title string `json:"title"`
	// Clause is the address of the clause the directive is read from
	// ("B.II.2.3/¶1").
	Clause string `json:"clause"`
	// Text is the directive's full words as in the clause: Text ==
	// string([]rune(clause.Text)[Start:End]). When Heading is true it is the
	// clause's heading instead, and Start == End == 0.
	Text  string `json:"text"`
	Start int    `json:"start"` // rune offsets of Text in the clause's Text
	End   int    `json:"end"`
	// Heading is true when the directive is the clause's heading: an item
	// whose heading names the work and whose body only lists its fields
	// ("Cơ quan thực hiện: ...", "Thời gian thực hiện: ...").
	Heading bool `json:"heading,omitempty"`
	// Lead and Support are the units that must carry the task out and those
	// that help (report_to units are not task units). A mention printed in
	// the directive has rune offsets in the clause's Text; one taken from the
	// clause's tree context or from a field paragraph has Start == End == 0.
	Lead    []UnitMention `json:"lead"`
	Support []UnitMention `json:"support"`
	// Deadline is the directive's first time expression with a Due date; nil
	// when none. Its offsets are byte offsets in the clause's Text, or zero
	// when it was read from a field paragraph or an ancestor's heading.
	Deadline *Deadline `json:"deadline"`
	// Recurrence is the directive's reporting cycle or standing duty; "" when
	// none.
	Recurrence Recurrence `json:"recurrence"`
	// Target is the first measurable goal set in the directive's words; nil
	// when none. Its offsets are byte offsets in the clause's Text.
	Target *Target `json:"target"`
}

// tpMaxTitle is the longest title, in runes, before it is cut.
const tpMaxTitle = 200

// ProposeTasks proposes the follow-up tasks of a parsed plan, in document
// order. It reads only the clause tree; cat resolves unit names (nil reads
// units by their generic patterns alone). Nothing is stored: the office
// reviews the proposals.
//
// Which clauses give tasks (decisions, read from the corpus plans):
//   - task sections only: a clause whose own heading, or an ancestor's,
//     opens an assessment, purpose or goal section gives nothing, nor do its
//     children. Those headings start (case, tone placement and a leading
//     "Về" ignored) with: khái quát, tình hình, thực trạng, kết quả, đánh giá
//     tình hình | kết quả | chung | thực trạng | việc thực hiện | tổng quát |
//     khái quát, mục đích, mục tiêu, quan điểm, tầm nhìn, tồn tại, hạn chế,
//     những hạn chế, nguyên nhân, bài học, ưu điểm, khuyết điểm, sự cần
//     thiết, căn cứ, phạm vi, đối tượng, giải thích từ ngữ; or they are
//     exactly "yêu cầu" or "yêu cầu chung". Goals (MỤC TIÊU) are not tasks:
//     the tasks that reach them are listed under NHIỆM VỤ. Such a heading
//     printed as a paragraph of its own ("Yêu cầu") skips the bullets and
//     paragraphs after it up to the next labelled sibling. Appendices give
//     nothing: their task tables reach the parser as flattened rows ("Bộ Nội
//     vụ 9 Đồng Nai Đề nghị ...") whose cells cannot be told apart;
//   - the preamble gives nothing: the unlabelled paragraphs before the first
//     labelled top-level clause ("Căn cứ ...", "Thực hiện ..., UBND tỉnh ban
//     hành Kế hoạch ... như sau:"), when the document has labelled clauses;
//   - headings give nothing by themselves: the Heading field, and an
//     unlabelled line without closing punctuation that heads what follows
//     ("Sở Nông nghiệp và Môi trường", "Công tác quán triệt, tuyên truyền"),
//     nor does the one-sentence text of a labelled item that only titles the
//     items under it (no unit, time or target of its own; children that give
//     tasks: "5. Nghiên cứu giải pháp thu hút, tuyển dụng; ...");
//   - a sentence ending with ':' introduces what follows and gives nothing;
//     a sentence that opens with a basis ("Căn cứ", "Thực hiện", "Để", "Nhằm",
//     "Trên cơ sở", "Theo", "Kính gửi") and ends with ';' or says "như sau" /
//     "sau đây" only cites the basis and gives nothing;
//   - a sentence is a directive when, after leading subordinate phrases
//     ("Căn cứ ..., ", "Trên cơ sở ..., ", "Đối với ..., ", "Trường hợp ...,
//     ", "Trong đó, ", "Đồng thời") it starts with an action verb of tpVerbs
//     ("Triển khai", "Thành lập", "Giao", "Đề nghị", "Không mở rộng" ...); or
//     when the unit extractor reads a lead in it (a unit subject: "Ban Tổ
//     chức Tỉnh ủy chủ trì ...", "Các địa phương ... tiến hành rà soát") that
//     is not acknowledged or praised ("Bộ Chính trị, Ban Bí thư ghi nhận
//     ...", "... đã ..."); or when it starts with "Người đứng đầu" or "Thủ
//     trưởng", or gives its subject a duty ("... có trách nhiệm lập kế hoạch
//     ..."); or when it sets a target with a deadline ("Đến năm 2030, 100%
//     các khu vực ... được xác định"). Other sentences are descriptive and
//     give nothing. "Về <topic>: <verb> ..." is a directive; a heading glued
//     to its text by the parser ("Về cơ sở vật chất ... Tiếp tục rà soát
//     ...") is read from its capitalised verb;
//   - one proposal per directive sentence, split at ';' into one proposal
//     per part when every part after a ';' starts with an action verb (after
//     an optional "đồng thời") or with a lead unit, and has at least six
//     words (tpMinPart). When one part is a noun phrase or a short item, the
//     ';' list is an enumeration of objects and the sentence stays whole
//     ("Dừng triển khai ... Đề án ...; việc hợp nhất ...; Văn phòng cấp ủy
//     với ..."). A ';' inside parentheses or after an enumeration colon ("ưu
//     tiên các lĩnh vực: tài chính; đất đai; ...") does not split, and a part
//     opening with "trong đó" stays with the part before it.
//
// What each proposal carries:
//   - units: those the extractor reads in the directive's own words (its
//     ';' part, extracted with the whole sentence for context); a part
//     without a lead takes the leads of its sentence ("Sở X chủ trì ...;
//     tham mưu ..."), then those of the clause from ExtractTreeUnits, which
//     passes leads down from unit-headed items ("1. Công an tỉnh" → its
//     bullets), then those of an introduction above that ends with ':'
//     ("Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, tổ chức đảng ... những công
//     việc sau đây:" → the items after it; the body that asks is not a
//     lead). Support follows the same source unless the part names its own.
//     Lead = RoleLead, Support = RoleSupport; report_to units are left out;
//   - deadline and recurrence: the time expressions FindDeadlines reads in
//     the clause that fall inside the directive's part. Deadline is the first
//     with a Due date, passing over a closed range "từ X đến Y" (a past
//     period the plan builds on: "trên cơ sở kết quả tinh giản biên chế từ
//     năm 2015 đến năm 2019") and a date before the document's own, unless
//     nothing else is dated. The recurrence is the first periodic one
//     (monthly, quarterly, semiannual, annual), else "continuous". A deadline
//     of one sentence does not bind another sentence of the clause (the plans
//     write each task's time in its own sentence; "xong trong tháng 12/2025.
//     Định kỳ báo cáo ... hằng năm" are two different times), so there is no
//     clause-wide fallback; a directive without a dated deadline takes one
//     from the nearest ancestor heading that has one ("Về nhiệm vụ trọng tâm
//     từ nay đến tháng 6/2027");
//   - target: the first of FindTargets over the clause that falls inside the
//     part;
//   - field paragraphs: plans in table style follow a task with "Đơn vị chủ
//     trì (thực hiện): X", "Đơn vị phối hợp: Y", "Thời gian thực hiện: Z"
//     (also "Cơ quan ...", one paragraph each or lines of one clause). They
//     give no task; they set the lead, the support, the deadline and the
//     recurrence of the tasks read since the previous fields among their
//     siblings (with their sub-items), or of their parent's own text,
//     overriding what the words gave. When no task precedes them, the
//     parent's heading is the task (Heading true). A time field without a cue
//     ("Năm 2025", "Giai đoạn 2026-2030") is read as "trong ..."; "và các năm
//     tiếp theo" makes it annual. "Nội dung (thực hiện):" is a label: the
//     directive starts after it.
func ProposeTasks(p Parsed, cat *Catalog) []Proposal {
	st := &tpState{cat: cat, units: ExtractTreeUnits(p.Clauses, cat)}
	st.date, _ = time.Parse("2006-01-02", p.Metadata.Date)
	for _, c := range p.Clauses {
		if tpLabelled(c) {
			st.preamble = true
			break
		}
	}
	st.list(p.Clauses, nil, nil, nil, nil)
	out := make([]Proposal, 0, len(st.out))
	for i, pr := range st.out {
		if !st.dead[i] {
			out = append(out, pr)
		}
	}
	return out
}

// tpState carries one ProposeTasks run.
type tpState struct {
	cat      *Catalog
	units    map[string][]UnitMention
	out      []Proposal
	dead     []bool    // proposals withdrawn (an item's text that titles its children)
	preamble bool      // the document has labelled top-level clauses
	date     time.Time // the document's date; zero when unknown
	// The time expressions and targets of the last text read (a clause's
	// text, read once for all its parts).
	timesOf   string
	times     []Deadline
	targets   []Target
	timesDone bool
}

// timesIn returns the time expressions and the targets of text.
func (st *tpState) timesIn(text string) ([]Deadline, []Target) {
	if !st.timesDone || st.timesOf != text {
		st.timesOf, st.times, st.targets, st.timesDone = text, FindDeadlines(text), FindTargets(text), true
	}
	return st.times, st.targets
}

// tpLabelled reports whether c is a numbered or lettered clause (not a
// paragraph or a bullet).
func tpLabelled(c *Clause) bool {
	return c.Label != "" && c.Label != "-" && c.Label != "+"
}

// list reads one list of siblings under parent (nil at the top); anc are the
// ancestors, group0 the proposals of the parent's own text (fields under the
// parent apply to them), inh the leads an introduction above passes down
// ("... yêu cầu các cấp ủy, tổ chức đảng ... những công việc sau đây:"). It
// returns the indices of every proposal read in the list and below.
func (st *tpState) list(cs []*Clause, parent *Clause, anc []*Clause, group0 []int, inh []UnitMention) []int {
	var all []int
	group := append([]int(nil), group0...)
	afterField := false
	skipRun := false
	seenLabelled := false
	for i, c := range cs {
		if tpLabelled(c) {
			seenLabelled = true
			skipRun = false
		}
		if parent == nil && st.preamble && !seenLabelled {
			if intro := st.introLeads(c); len(intro) > 0 {
				inh = intro // "... yêu cầu Chủ tịch UBND các tỉnh ... nội dung sau:"
			}
			continue
		}
		if tpSkipHeading(c.Heading) || c.Level == "appendix" {
			continue
		}
		var next *Clause
		if i+1 < len(cs) {
			next = cs[i+1]
		}
		if c.Label == "" && c.Heading == "" && len(c.Children) == 0 && tpHeadingLine(c.Text) && tpSkipHeading(c.Text) {
			skipRun = true
			continue
		}
		if skipRun && !tpLabelled(c) {
			continue
		}
		own, fieldsOnly := st.clause(c, parent, anc, next, &group, len(all) == 0, inh)
		if fieldsOnly {
			afterField = true
			all = append(all, own...)
			continue
		}
		if afterField {
			group = nil
			afterField = false
		}
		title := st.titlesChildren(c, own)
		down := inh
		if intro := st.introLeads(c); len(intro) > 0 {
			down = intro
			if !tpLabelled(c) {
				inh = intro // an unlabelled introduction heads its next siblings
			}
		}
		kids := st.list(c.Children, c, append(anc[:len(anc):len(anc)], c), own, down)
		if len(kids) > 0 && title {
			for _, k := range own {
				st.dead[k] = true
			}
		}
		group = append(group, own...)
		group = append(group, kids...)
		all = append(all, own...)
		all = append(all, kids...)
	}
	return all
}

// titlesChildren reports whether the proposals read from a labelled item's
// own text are only a title for its children: one sentence, no unit, no
// time, no target of its own.
func (st *tpState) titlesChildren(c *Clause, own []int) bool {
	if len(own) != 1 || !tpLabelled(c) {
		return false
	}
	p := st.out[own[0]]
	if p.Heading || p.Deadline != nil || p.Recurrence != "" || p.Target != nil {
		return false
	}
	for _, m := range append(append([]UnitMention(nil), p.Lead...), p.Support...) {
		if !m.Inherited() {
			return false
		}
	}
	t := strings.TrimSpace(c.Text)
	if len(tpSentences(t)) != 1 || strings.Contains(t, "\n") {
		return false
	}
	return len(strings.Fields(t)) <= 40
}

// clause reads one clause's own text. Field lines apply to the proposals of
// the clause read so far, else to *group (the siblings' since the last
// fields, or the parent's), else to a proposal made from the parent's heading
// when first is true (nothing read yet in the list). It returns the indices
// of its proposals and whether the clause held only fields.
func (st *tpState) clause(c, parent *Clause, anc []*Clause, next *Clause, group *[]int, first bool, inh []UnitMention) (own []int, fieldsOnly bool) {
	text := c.Text
	if strings.TrimSpace(text) == "" {
		return nil, false
	}
	if tpHeadingLine(text) && (c.Label == "" || len(c.Children) > 0) && (len(c.Children) > 0 || next != nil) {
		return nil, false
	}
	fieldsOnly = true
	hadField := false
	lineStart := 0
	for lineStart <= len(text) {
		lineEnd := strings.IndexByte(text[lineStart:], '\n')
		if lineEnd < 0 {
			lineEnd = len(text)
		} else {
			lineEnd += lineStart
		}
		line := text[lineStart:lineEnd]
		if kind, value := tpField(line); kind != tpNoField {
			if kind == tpFieldLead || kind == tpFieldSupport {
				value = line // the extractor reads roles from the label
			}
			hadField = true
			targets := own
			if len(targets) == 0 {
				targets = *group
			}
			if len(targets) == 0 && first && parent != nil {
				if k, ok := st.headingTask(parent, anc, inh); ok {
					targets = []int{k}
					*group = append(*group, k)
				}
			}
			st.applyField(targets, kind, value)
		} else if strings.TrimSpace(line) != "" {
			fieldsOnly = false
			own = append(own, st.line(c, anc, lineStart, lineEnd, inh)...)
		}
		lineStart = lineEnd + 1
	}
	return own, fieldsOnly && hadField
}

// headingTask makes the parent's heading a task when it reads as one.
func (st *tpState) headingTask(parent *Clause, anc []*Clause, inh []UnitMention) (int, bool) {
	h := strings.TrimSpace(parent.Heading)
	if h == "" || !tpVerbAt(h, 0) {
		return 0, false
	}
	p := Proposal{Title: tpTitle(h), Clause: parent.Address, Text: parent.Heading, Heading: true}
	st.fillUnits(&p, parent, nil, [2]int{}, false, inh)
	st.fillTime(&p, h, 0, len(h), anc)
	if p.Deadline != nil {
		p.Deadline.Start, p.Deadline.End = 0, 0
	}
	p.Target = nil // its offsets would not be in the clause's text
	st.add(p)
	return len(st.out) - 1, true
}

// add appends a proposal.
func (st *tpState) add(p Proposal) {
	st.out = append(st.out, p)
	st.dead = append(st.dead, false)
}

// line reads the sentences of one line [lo, hi) of a clause's text.
func (st *tpState) line(c *Clause, anc []*Clause, lo, hi int, inh []UnitMention) []int {
	text := c.Text
	var own []int
	if m := tpContentLabel.FindStringIndex(text[lo:hi]); m != nil {
		lo += m[1]
	}
	for _, sen := range tpSentences(text[lo:hi]) {
		s0, s1 := lo+sen[0], lo+sen[1]
		_, targets := st.timesIn(text)
		start, ok := tpDirectiveStart(text, s0, s1, st.cat, targets)
		if !ok {
			continue
		}
		parts := tpSplit(text, s0, s1, start, st.cat)
		var senUnits []UnitMention
		if len(parts) > 0 {
			senUnits = st.unitsIn(text, s0, s1)
		}
		for _, pt := range parts {
			p := st.proposal(c, anc, pt[0], pt[1], senUnits, inh)
			st.add(p)
			own = append(own, len(st.out)-1)
		}
	}
	return own
}

// unitsIn runs the extractor over text[s0:s1] and returns the mentions with
// offsets in runes of the whole text.
func (st *tpState) unitsIn(text string, s0, s1 int) []UnitMention {
	ms := ExtractUnits(text[s0:s1], st.cat)
	shift := utf8.RuneCountInString(text[:s0])
	for i := range ms {
		ms[i].Start += shift
		ms[i].End += shift
	}
	return ms
}

// proposal builds the proposal of the part [a, b) of a sentence whose
// mentions are senUnits.
func (st *tpState) proposal(c *Clause, anc []*Clause, a, b int, senUnits []UnitMention, inh []UnitMention) Proposal {
	text := c.Text
	ra := utf8.RuneCountInString(text[:a])
	rb := ra + utf8.RuneCountInString(text[a:b])
	p := Proposal{Title: tpTitle(text[a:b]), Clause: c.Address, Text: text[a:b], Start: ra, End: rb}
	st.fillUnits(&p, c, senUnits, [2]int{ra, rb}, true, inh)
	st.fillTime(&p, text, a, b, anc)
	return p
}

// fillUnits sets Lead and Support: the mentions inside the part's rune
// span sp (when inPart), then the sentence's, then the clause's, then the
// leads inh an introduction passed down.
func (st *tpState) fillUnits(p *Proposal, c *Clause, senUnits []UnitMention, sp [2]int, inPart bool, inh []UnitMention) {
	var partLead, partSup []UnitMention
	if inPart {
		for _, m := range senUnits {
			if m.Start < sp[0] || m.End > sp[1] {
				continue
			}
			switch m.Role {
			case RoleLead:
				partLead = append(partLead, m)
			case RoleSupport:
				partSup = append(partSup, m)
			}
		}
	}
	var senLead, senSup []UnitMention
	for _, m := range senUnits {
		switch m.Role {
		case RoleLead:
			senLead = append(senLead, m)
		case RoleSupport:
			senSup = append(senSup, m)
		}
	}
	var clLead, clSup []UnitMention
	for _, m := range st.units[c.Address] {
		switch m.Role {
		case RoleLead:
			clLead = append(clLead, m)
		case RoleSupport:
			clSup = append(clSup, m)
		}
	}
	switch {
	case len(partLead) > 0:
		p.Lead, p.Support = partLead, partSup
	case len(senLead) > 0:
		p.Lead, p.Support = senLead, partSup
		if len(partSup) == 0 {
			p.Support = senSup
		}
	default:
		p.Lead, p.Support = clLead, partSup
		if len(partSup) == 0 {
			p.Support = senSup
		}
		if len(p.Support) == 0 {
			p.Support = clSup
		}
		if len(p.Lead) == 0 {
			p.Lead = inh
		}
	}
	p.Lead = tpCopy(p.Lead)
	p.Support = tpCopy(p.Support)
}

// tpCopy copies a slice of mentions (nil for none).
func tpCopy(ms []UnitMention) []UnitMention {
	if len(ms) == 0 {
		return nil
	}
	return append([]UnitMention(nil), ms...)
}

// fillTime sets Deadline, Recurrence and Target from the clause's time
// expressions and targets inside [a, b), then from the ancestors' headings.
func (st *tpState) fillTime(p *Proposal, text string, a, b int, anc []*Clause) {
	ds, ts := st.timesIn(text)
	var in []Deadline
	for _, d := range ds {
		if d.Start >= a && d.End <= b {
			in = append(in, d)
		}
	}
	p.Deadline, p.Recurrence = tpChooseTime(in, st.date)
	for _, t := range ts {
		if t.Start >= a && t.End <= b {
			t := t
			p.Target = &t
			break
		}
	}
	if p.Deadline != nil {
		return
	}
	for i := len(anc) - 1; i >= 0; i-- {
		h := anc[i].Heading
		if h == "" {
			continue
		}
		if d, _ := tpChooseTime(FindDeadlines(h), st.date); d != nil {
			d.Start, d.End = 0, 0
			p.Deadline = d
			return
		}
	}
}

// tpChooseTime picks the deadline and the recurrence of a directive's time
// expressions. The deadline is the first with a Due date that is neither a
// closed range "từ X đến Y" (a past period the plan builds on: "trên cơ sở
// kết quả tinh giản biên chế từ năm 2015 đến năm 2019") nor due before the
// document's date (date, when known); else the first with a Due date. The
// recurrence is the first periodic one, else continuous.
func tpChooseTime(ds []Deadline, date time.Time) (*Deadline, Recurrence) {
	var dl *Deadline
	for pass := 0; pass < 2 && dl == nil; pass++ {
		for _, d := range ds {
			if d.Due.IsZero() {
				continue
			}
			if pass == 0 && (tpClosedRange(d) || !date.IsZero() && d.Due.Before(date)) {
				continue
			}
			d := d
			dl = &d
			break
		}
	}
	var rec Recurrence
	for _, d := range ds {
		switch d.Recurrence {
		case RecurMonthly, RecurQuarterly, RecurSemiannual, RecurAnnual:
			if rec == RecurNone || rec == RecurContinuous {
				rec = d.Recurrence
			}
		case RecurContinuous:
			if rec == RecurNone {
				rec = RecurContinuous
			}
		}
	}
	return dl, rec
}

// tpClosedRange reports a range "từ X đến Y" with both ends.
func tpClosedRange(d Deadline) bool {
	t := strings.ToLower(d.Text)
	return !d.From.IsZero() && !d.Due.IsZero() && (strings.HasPrefix(t, "từ ") || strings.HasPrefix(t, "kể từ ")) &&
		!strings.HasPrefix(t, "từ nay")
}

// introLeads returns the leads an introduction gives the items after it: a
// clause whose text ends with ':' and names a lead that is not the body
// giving the instruction ("Ban Thường vụ Tỉnh ủy yêu cầu ...", "... đề ra Kế
// hoạch ... như sau:").
func (st *tpState) introLeads(c *Clause) []UnitMention {
	t := strings.TrimSpace(c.Text)
	if !strings.HasSuffix(t, ":") {
		return nil
	}
	ms := st.units[c.Address]
	var out []UnitMention
	for _, m := range ms {
		if m.Role != RoleLead || m.Inherited() {
			continue
		}
		if tpInstructs.match(tpWordsAt(c.Text, tpAfterMentions(c.Text, ms, m), 3)) > 0 {
			continue
		}
		m.Start, m.End = 0, 0
		out = append(out, m)
	}
	return out
}

// The kinds of field paragraph.
const (
	tpNoField = iota
	tpFieldLead
	tpFieldSupport
	tpFieldTime
	tpFieldOther
)

var (
	tpFieldLeadRe    = regexp.MustCompile(`(?i)^\s*(?:[-+*]\s*)?(?:(?:đơn\s+vị|cơ\s+quan|bộ\s+phận)\s+(?:chủ\s+trì|thực\s+hiện|đầu\s+mối|chịu\s+trách\s+nhiệm|tham\s+mưu|được\s+giao)[^:\n]{0,40}|chủ\s+trì|trách\s+nhiệm\s+thực\s+hiện|phân\s+công\s+thực\s+hiện)\s*:`)
	tpFieldSupportRe = regexp.MustCompile(`(?i)^\s*(?:[-+*]\s*)?(?:(?:đơn\s+vị|cơ\s+quan)\s+phối\s+hợp[^:\n]{0,30}|phối\s+hợp)\s*:`)
	tpFieldTimeRe    = regexp.MustCompile(`(?i)^\s*(?:[-+*]\s*)?(?:thời\s+gian|thời\s+hạn|tiến\s+độ|thời\s+điểm)(?:\s+(?:thực\s+hiện|hoàn\s+thành|triển\s+khai|báo\s+cáo))?[^:\n]{0,20}:`)
	tpFieldOtherRe   = regexp.MustCompile(`(?i)^\s*(?:[-+*]\s*)?(?:sản\s+phẩm|kết\s+quả(?:\s+đầu\s+ra)?(?:\s*/\s*sản\s+phẩm)?|hình\s+thức(?:\s+văn\s+bản)?|kinh\s+phí(?:\s+thực\s+hiện)?|nguồn\s+kinh\s+phí|ghi\s+chú|cấp\s+trình)\s*:`)
	// tpContentLabel is the label before a directive in table-style plans.
	tpContentLabel = regexp.MustCompile(`(?i)^\s*(?:nội\s+dung(?:\s+(?:thực\s+hiện|công\s+việc|nhiệm\s+vụ))?|nhiệm\s+vụ(?:\s+cụ\s+thể)?)\s*:\s*`)
	// tpYearsOn marks a time that goes on year after year.
	tpYearsOn = regexp.MustCompile(`(?i)(?:và|,)\s+(?:các|những)\s+năm\s+tiếp\s+theo`)
)

// tpField reads a field line: its kind and the value after the colon.
func tpField(line string) (int, string) {
	for _, f := range []struct {
		re   *regexp.Regexp
		kind int
	}{{tpFieldSupportRe, tpFieldSupport}, {tpFieldLeadRe, tpFieldLead}, {tpFieldTimeRe, tpFieldTime}, {tpFieldOtherRe, tpFieldOther}} {
		if m := f.re.FindStringIndex(line); m != nil {
			return f.kind, line[m[1]:]
		}
	}
	return tpNoField, ""
}

// applyField sets what a field says on the proposals at idx.
func (st *tpState) applyField(idx []int, kind int, value string) {
	if len(idx) == 0 {
		return
	}
	switch kind {
	case tpFieldLead, tpFieldSupport:
		var lead, sup []UnitMention
		for _, m := range ExtractUnits(value, st.cat) {
			m.Start, m.End = 0, 0
			switch {
			case m.Role == RoleReportTo:
			case kind == tpFieldSupport || m.Role == RoleSupport:
				sup = append(sup, m)
			default:
				m.Role = RoleLead
				lead = append(lead, m)
			}
		}
		lead, sup = dedupeMentions(lead), dedupeMentions(sup)
		for _, k := range idx {
			p := &st.out[k]
			if len(lead) > 0 {
				p.Lead = tpCopy(lead)
			}
			if len(sup) > 0 {
				p.Support = tpCopy(sup)
			}
		}
	case tpFieldTime:
		dl, rec := tpChooseTime(FindDeadlines(value), st.date)
		if dl == nil && rec == RecurNone {
			dl, rec = tpChooseTime(FindDeadlines("trong "+strings.TrimSpace(value)), st.date)
		}
		if rec == RecurNone && tpYearsOn.MatchString(value) {
			rec = RecurAnnual
		}
		if dl != nil {
			dl.Start, dl.End = 0, 0
		}
		for _, k := range idx {
			p := &st.out[k]
			if dl != nil {
				d := *dl
				p.Deadline = &d
			}
			if rec != RecurNone {
				p.Recurrence = rec
			}
		}
	}
}

// tpSkipWords are the openings of the headings of sections that assess,
// explain or set goals, not tasks (keys compared with UnitKey).
var tpSkipWords = tpKeys(
	"khái quát", "tình hình", "thực trạng", "kết quả",
	"đánh giá tình hình", "đánh giá kết quả", "đánh giá chung", "đánh giá thực trạng",
	"đánh giá việc thực hiện", "đánh giá tổng quát", "đánh giá khái quát",
	"mục đích", "mục tiêu", "quan điểm", "tầm nhìn", "tồn tại", "hạn chế", "những hạn chế",
	"nguyên nhân", "bài học", "ưu điểm", "khuyết điểm", "sự cần thiết", "căn cứ",
	"phạm vi", "đối tượng", "giải thích từ ngữ",
)

// tpVe is the key of "về", which opens headings ("Về kết quả đạt được").
var tpVe = UnitKey("về")

// tpSkipExact are headings skipped when they are the whole heading.
var tpSkipExact = tpKeys("yêu cầu", "yêu cầu chung")

// tpKeys folds phrases with UnitKey.
func tpKeys(ss ...string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = UnitKey(s)
	}
	return out
}

// tpSkipHeading reports whether a heading opens a section that gives no
// task.
func tpSkipHeading(h string) bool {
	k := UnitKey(h)
	if k == "" {
		return false
	}
	k = strings.TrimPrefix(k, tpVe+" ")
	for _, e := range tpSkipExact {
		if k == e {
			return true
		}
	}
	for _, w := range tpSkipWords {
		if k == w || strings.HasPrefix(k, w+" ") {
			return true
		}
	}
	return false
}

// tpHeadingLine reports whether a text is a heading printed as a paragraph:
// one line, no closing punctuation, at most 30 words.
func tpHeadingLine(t string) bool {
	t = strings.TrimSpace(t)
	if t == "" || strings.Contains(t, "\n") {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(t)
	if strings.ContainsRune(".;:!?…,", r) {
		return false
	}
	return len(strings.Fields(t)) <= 30
}

// tpSentences splits s into sentences: at a line break, and at '.', '!',
// '?' or '…' followed by a space and an upper-case letter, a digit, a quote
// or a bullet (or by the end), outside parentheses and not after a common
// abbreviation. Offsets are byte offsets of the trimmed sentences.
func tpSentences(s string) [][2]int {
	var out [][2]int
	start := 0
	depth := 0
	flush := func(end int) {
		a, b := start, end
		for a < b && tpSpace(s[a]) {
			a++
		}
		for b > a && tpSpace(s[b-1]) {
			b--
		}
		if a < b {
			out = append(out, [2]int{a, b})
		}
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '(', '[':
			depth++
		case ')', ']':
			if depth > 0 {
				depth--
			}
		case '\n':
			flush(i)
			start, depth = i+n, 0
		case '.', '!', '?', '…':
			j := i + n
			for j < len(s) && (s[j] == '.' || s[j] == '/') { // "./."
				j++
			}
			if depth == 0 && tpSentenceEnd(s, i, j) {
				flush(j)
				start = j
			}
			i = j
			continue
		}
		i += n
	}
	flush(len(s))
	return out
}

// tpSpace reports an ASCII space.
func tpSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\r' || b == '\n' }

// tpAbbrev are words after which '.' does not end a sentence.
var tpAbbrev = map[string]bool{"TP": true, "Tp": true, "tp": true, "TS": true, "ThS": true, "GS": true, "PGS": true, "v.v": true, "St": true, "Q": true, "P": true, "TX": true}

// tpSentenceEnd reports whether the stop at s[i:j] ends a sentence.
func tpSentenceEnd(s string, i, j int) bool {
	if j >= len(s) {
		return true
	}
	if !tpSpace(s[j]) {
		return false
	}
	k := j
	for k < len(s) && tpSpace(s[k]) {
		k++
	}
	if k >= len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[k:])
	if !(unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"“'(-+*", r)) {
		return false
	}
	w := i
	for w > 0 {
		q, n := utf8.DecodeLastRuneInString(s[:w])
		if !unicode.IsLetter(q) && q != '.' {
			break
		}
		w -= n
	}
	return !tpAbbrev[s[w:i]]
}

// tpWord is one word of a text: its key (wordKey) and byte span.
type tpWord struct {
	key        string
	start, end int
}

// tpWordsAt reads up to n words from i, separated by spaces only; it stops
// at any other character.
func tpWordsAt(s string, i, n int) []tpWord {
	var out []tpWord
	for len(out) < n {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		j := i
		for j < len(s) {
			r, m := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) {
				break
			}
			j += m
		}
		if j == i {
			break
		}
		out = append(out, tpWord{wordKey(s[i:j]), i, j})
		i = j
	}
	return out
}

// tpAllWords reads up to n words from i across punctuation.
func tpAllWords(s string, i, n int) []tpWord {
	var out []tpWord
	for i < len(s) && len(out) < n {
		ws := tpWordsAt(s, i, n-len(out))
		if len(ws) == 0 {
			_, m := utf8.DecodeRuneInString(s[i:])
			i += m
			continue
		}
		out = append(out, ws...)
		i = ws[len(ws)-1].end
	}
	return out
}

// tpPhrases indexes phrases by the key of their first word.
type tpPhrases map[string][][]string

// tpPhraseSet builds a tpPhrases.
func tpPhraseSet(ss ...string) tpPhrases {
	m := tpPhrases{}
	for _, s := range ss {
		ks := strings.Fields(UnitKey(s))
		if len(ks) > 0 {
			m[ks[0]] = append(m[ks[0]], ks)
		}
	}
	return m
}

// match returns the number of words of the longest phrase at ws, or 0.
func (m tpPhrases) match(ws []tpWord) int {
	if len(ws) == 0 {
		return 0
	}
	best := 0
	for _, ph := range m[ws[0].key] {
		if len(ph) > len(ws) || len(ph) <= best {
			continue
		}
		ok := true
		for i, k := range ph {
			if ws[i].key != k {
				ok = false
				break
			}
		}
		if ok {
			best = len(ph)
		}
	}
	return best
}

// tpVerbs are the action verbs (and the adverbs of manner that open an
// instruction: "Tiếp tục", "Khẩn trương", "Thường xuyên") a directive
// starts with, read from the corpus plans.
var tpVerbs = tpPhraseSet(
	// leading an instruction
	"giao", "giao cho", "đề nghị", "yêu cầu", "phân công", "chỉ đạo", "lãnh đạo", "chủ trì", "phối hợp", "tham mưu",
	"tiếp tục", "khẩn trương", "chủ động", "tập trung", "thường xuyên", "kịp thời", "định kỳ", "sớm", "từng bước",
	"tích cực", "nghiêm túc", "quyết liệt", "kiên quyết", "cương quyết", "nghiêm", "ưu tiên", "quan tâm", "chú trọng",
	"tăng cường", "đẩy mạnh", "nâng cao", "phát huy", "làm tốt", "thực hiện", "thực hiện tốt", "tiến hành",
	"triển khai", "tổ chức", "quán triệt", "tuyên truyền", "phổ biến", "giáo dục", "vận động", "nghiên cứu",
	// building, changing
	"xây dựng", "hoàn thiện", "hoàn thành", "hoàn chỉnh", "ban hành", "thành lập", "sáp nhập", "hợp nhất", "giải thể",
	"sắp xếp", "kiện toàn", "củng cố", "rà soát", "sửa đổi", "bổ sung", "điều chỉnh", "thay thế", "cập nhật",
	"lập", "trình", "gửi", "báo cáo", "đề xuất", "kiến nghị", "tổng hợp", "thống kê", "đánh giá", "sơ kết", "tổng kết",
	"theo dõi", "kiểm tra", "giám sát", "thanh tra", "đôn đốc", "hướng dẫn", "kiểm soát", "kiểm định",
	"xử lý", "giải quyết", "tháo gỡ", "khắc phục", "chấn chỉnh", "phát hiện", "ngăn chặn", "ngăn ngừa", "phòng ngừa",
	"phòng chống", "phòng, chống", "đấu tranh", "bảo vệ", "bảo tồn", "bảo đảm", "đảm bảo", "bố trí", "phân bổ", "cân đối",
	"huy động", "đầu tư", "mời gọi", "kêu gọi", "thu hút", "khuyến khích", "thúc đẩy", "hỗ trợ", "tạo", "hình thành",
	"phát triển", "mở rộng", "nhân rộng", "ứng dụng", "áp dụng", "chuyển", "chuyển đổi", "số hóa", "vận hành", "duy trì",
	"khai thác", "sử dụng", "quản lý", "cung cấp", "cung ứng", "tham gia", "tìm kiếm", "tranh thủ", "tích hợp", "kết nối",
	"chia sẻ", "chuẩn hóa", "cắt giảm", "đơn giản hóa", "xác định", "xác lập", "phân loại", "phân cấp", "phân vùng",
	"đào tạo", "bồi dưỡng", "tập huấn", "tuyển dụng", "luân chuyển", "điều động", "biểu dương", "khen thưởng",
	"tăng", "giảm", "dừng", "chấm dứt", "cải cách", "đổi mới", "cải tạo", "mua sắm", "lồng ghép", "phấn đấu",
	"làm rõ", "ra mắt", "công bố", "công khai", "chấp hành", "tuân thủ", "ứng phó", "phục hồi", "trồng", "điều tra",
	"khảo sát", "thẩm định", "phê duyệt", "tiếp nhận", "bàn giao", "rút kinh nghiệm", "thí điểm", "nắm", "nắm chắc",
	"chuẩn bị", "dự thảo", "soạn thảo", "trao đổi", "lấy ý kiến", "giữ vững", "bám sát", "kết hợp", "gắn",
	"có cơ chế", "có giải pháp", "có kế hoạch", "có biện pháp", "có phương án", "có văn bản", "có chính sách",
	"không mở rộng", "không để", "không thực hiện", "không bố trí", "không tổ chức", "không ban hành",
)

// tpNounAfter are the words after "tổ chức", "công tác" ... that make them
// nouns ("tổ chức bộ máy", "tổ chức đảng"), not verbs.
var tpNounAfter = map[string]map[string]bool{
	UnitKey("tổ chức"): tpKeySet("bộ", "đảng", "chính", "cơ", "xã", "kinh", "quốc", "và", "cá", "khoa", "tín", "hành"),
	UnitKey("quản lý"): tpKeySet("nhà", "của"),
	UnitKey("đầu tư"):  tpKeySet("công", "nước", "của"),
}

// tpKeySet builds a set of word keys.
func tpKeySet(ss ...string) map[string]bool {
	m := map[string]bool{}
	for _, s := range ss {
		m[UnitKey(s)] = true
	}
	return m
}

// tpVerbAt reports whether an action verb starts at byte i of s.
func tpVerbAt(s string, i int) bool {
	ws := tpWordsAt(s, i, 5)
	n := tpVerbs.match(ws)
	if n == 0 {
		return false
	}
	if nouns, ok := tpNounAfter[strings.Join(keysOfWords(ws[:n]), " ")]; ok && n < len(ws) && nouns[ws[n].key] {
		return false
	}
	return true
}

// keysOfWords lists the keys of words.
func keysOfWords(ws []tpWord) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.key
	}
	return out
}

// tpOpeners open a subordinate phrase that comes before a directive's verb.
var tpOpeners = tpPhraseSet("căn cứ", "trên cơ sở", "đối với", "trường hợp", "trong quá trình", "quá trình", "sau khi", "khi",
	"nếu", "để", "nhằm", "theo", "ngoài ra", "bên cạnh đó", "tại", "với", "qua", "thông qua", "cùng với", "đồng thời",
	"mặt khác", "trong đó", "từ nay", "đến", "trong", "từ", "chậm nhất", "trước", "hằng năm", "hàng năm", "sau đó")

// tpLinkers are words that may come before a verb without a comma.
var tpLinkers = tpPhraseSet("đồng thời", "ngoài ra", "bên cạnh đó", "mặt khác", "sau đó", "trong đó")

// tpBasis open a sentence that only cites the basis of the document.
var tpBasis = tpPhraseSet("căn cứ", "thực hiện", "để", "nhằm", "trên cơ sở", "theo", "kính gửi", "tại phiên họp", "sau khi")

// tpAckWords follow a unit subject that acknowledges, not instructs.
var tpAckWords = tpPhraseSet("ghi nhận", "biểu dương", "đánh giá cao", "cơ bản thống nhất", "thống nhất", "kết luận",
	"nhấn mạnh", "đồng ý", "đã", "vừa", "luôn", "ban hành kế hoạch", "đề ra", "xin", "trân trọng")

// tpInstructs follow the body that gives an instruction.
var tpInstructs = tpPhraseSet("yêu cầu", "giao", "đề nghị", "đề ra", "ban hành", "chỉ đạo", "kết luận", "quyết định",
	"thông báo", "hướng dẫn", "xây dựng kế hoạch")

// tpDuty marks a sentence that gives a duty to its subject within its first
// words.
var tpDuty = regexp.MustCompile(`^(?:\S+\s+){1,20}?(?:có|chịu)\s+trách\s+nhiệm\s+\p{Ll}`)

// tpSubjects open a sentence whose subject is a person in office.
var tpSubjects = tpPhraseSet("người đứng đầu", "thủ trưởng")

// tpDirectiveStart reports whether the sentence [s0, s1) of text is a
// directive, and where the words that make it one start; targets are those
// of text.
func tpDirectiveStart(text string, s0, s1 int, cat *Catalog, targets []Target) (int, bool) {
	sen := text[s0:s1]
	last, _ := utf8.DecodeLastRuneInString(sen)
	if last == ':' {
		return 0, false
	}
	i := tpSkipLead(sen, 0)
	ws := tpWordsAt(sen, i, 4)
	if tpBasis.match(ws) > 0 && (last == ';' || strings.Contains(strings.ToLower(sen), "như sau") || strings.Contains(strings.ToLower(sen), "sau đây")) {
		return 0, false
	}
	// A topic before a colon: "Về đối tượng ...: thực hiện theo ...". A
	// heading glued to its text: "Về cơ sở vật chất ... Tiếp tục rà soát",
	// read from the capitalised verb after a lower-case word.
	if len(ws) > 0 && ws[0].key == tpVe {
		if c := strings.IndexByte(sen, ':'); c > 0 && tpVerbAt(sen, tpSkipLead(sen, c+1)) {
			return s0, true
		}
		all := tpAllWords(sen, i, 40)
		for k := 1; k < len(all); k++ {
			w := all[k]
			r, _ := utf8.DecodeRuneInString(sen[w.start:])
			p, _ := utf8.DecodeRuneInString(sen[all[k-1].start:])
			if unicode.IsUpper(r) && unicode.IsLower(p) && strings.TrimSpace(sen[all[k-1].end:w.start]) == "" && tpVerbAt(sen, w.start) {
				return s0 + w.start, true
			}
		}
		return 0, false
	}
	// Leading subordinate phrases up to a comma.
	pos := i
	for k := 0; k < 6; k++ {
		p := tpSkipLinkers(sen, pos)
		if tpVerbAt(sen, p) {
			return s0, true
		}
		if k == 0 && tpSubjects.match(tpWordsAt(sen, p, 3)) > 0 {
			return s0, true
		}
		if k == 0 && tpOpeners.match(tpWordsAt(sen, p, 4)) == 0 {
			break
		}
		c := tpNextComma(sen, p)
		if c < 0 {
			break
		}
		pos = c + 1
	}
	// A unit subject, or any lead the extractor reads, not acknowledged.
	ms := ExtractUnits(sen, cat)
	for _, m := range ms {
		if m.Role != RoleLead {
			continue
		}
		after := tpAfterMentions(sen, ms, m)
		if tpAckWords.match(tpWordsAt(sen, after, 4)) > 0 {
			return 0, false
		}
		return s0, true
	}
	// "X có trách nhiệm ...", "X chịu trách nhiệm ...".
	if tpDuty.MatchString(sen) {
		return s0, true
	}
	// A dated target.
	for _, t := range targets {
		if t.Start >= s0 && t.End <= s1 && t.Deadline != nil && !t.Deadline.Due.IsZero() {
			return s0, true
		}
	}
	return 0, false
}

// tpSkipLead skips bullets, quotes and spaces at the start of a sentence.
func tpSkipLead(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !strings.ContainsRune(" \t-+*•“\"'", r) {
			break
		}
		i += n
	}
	return i
}

// tpSkipLinkers skips "Đồng thời", "Trong đó," ... before a verb.
func tpSkipLinkers(s string, i int) int {
	ws := tpWordsAt(s, i, 3)
	if n := tpLinkers.match(ws); n > 0 {
		j := ws[n-1].end
		for j < len(s) && (s[j] == ' ' || s[j] == ',') {
			j++
		}
		return j
	}
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i
}

// tpNextComma returns the byte index of the next ',' at depth 0 after i, or
// -1 when a ';' or ':' comes first.
func tpNextComma(s string, i int) int {
	depth := 0
	for j := i; j < len(s); j++ {
		switch s[j] {
		case '(':
			depth++
		case ')':
			if depth > 0 {
				depth--
			}
		case ',':
			if depth == 0 {
				return j
			}
		case ';', ':':
			if depth == 0 {
				return -1
			}
		}
	}
	return -1
}

// tpAfterMentions returns the byte offset after the list of mentions that
// starts with m (mentions joined by ',' or "và").
func tpAfterMentions(s string, ms []UnitMention, m UnitMention) int {
	end := tpByteAt(s, m.End)
	for _, o := range ms {
		if o.Start < m.End {
			continue
		}
		gap := strings.TrimSpace(s[end:tpByteAt(s, o.Start)])
		if gap == "," || gap == "và" || gap == "" {
			end = tpByteAt(s, o.End)
		} else {
			break
		}
	}
	return end
}

// tpByteAt converts a rune offset of s to a byte offset.
func tpByteAt(s string, r int) int {
	for i := range s {
		if r == 0 {
			return i
		}
		r--
	}
	return len(s)
}

// tpMinPart is the fewest words a part after ';' has to be split off: the
// items of an enumeration are shorter ("giải pháp thu hút, tuyển dụng; đào
// tạo, đào tạo lại; sử dụng, ...").
const tpMinPart = 6

// tpSplit splits a directive sentence [s0, s1) at the ';' that start a new
// directive; from is where its directive words start. The parts are trimmed
// of spaces and of the ';' that separates them.
func tpSplit(text string, s0, s1, from int, cat *Catalog) [][2]int {
	sen := text[s0:s1]
	var ms []UnitMention
	msDone := false
	var cuts []int
	depth := 0
	listColon := false
	for j := from - s0; j < len(sen); j++ {
		switch sen[j] {
		case '(':
			depth++
		case ')':
			if depth > 0 {
				depth--
			}
		case ':':
			if depth == 0 {
				k := j + 1
				for k < len(sen) && sen[k] == ' ' {
					k++
				}
				listColon = !tpVerbAt(sen, k) // "Phát triển ...: Tiếp tục mời gọi" is a topic
			}
		case ';':
			if depth > 0 || listColon {
				continue
			}
			k := j + 1
			for k < len(sen) && sen[k] == ' ' {
				k++
			}
			if ws := tpWordsAt(sen, k, 2); len(ws) == 2 && ws[0].key == tpDongThoi[0] && ws[1].key == tpDongThoi[1] {
				k = ws[1].end
				for k < len(sen) && (sen[k] == ' ' || sen[k] == ',') {
					k++
				}
			}
			if ws := tpWordsAt(sen, k, 2); len(ws) == 2 && ws[0].key == tpTrongDo[0] && ws[1].key == tpTrongDo[1] {
				continue // "...; trong đó, chú trọng ..." refines the part before
			}
			partEnd := len(sen)
			if e := strings.IndexByte(sen[k:], ';'); e >= 0 {
				partEnd = k + e
			}
			ok := len(tpAllWords(sen[:partEnd], k, tpMinPart)) == tpMinPart && tpVerbAt(sen, k)
			if !ok {
				if !msDone {
					ms, msDone = ExtractUnits(sen, cat), true
				}
				rk := utf8.RuneCountInString(sen[:k])
				for _, m := range ms {
					if m.Role == RoleLead && m.Start == rk {
						ok = true
					}
				}
			}
			if !ok {
				return tpTrimParts(text, [][2]int{{from, s1}}) // an enumeration
			}
			cuts = append(cuts, j)
		}
	}
	var parts [][2]int
	a := from
	for _, c := range append(cuts, len(sen)) {
		parts = append(parts, [2]int{a, s0 + c})
		a = s0 + c + 1
	}
	return tpTrimParts(text, parts)
}

// tpTrimParts trims the parts of spaces and of a closing ';', dropping the
// empty ones.
func tpTrimParts(text string, parts [][2]int) [][2]int {
	var out [][2]int
	for _, p := range parts {
		x, y := p[0], p[1]
		for x < y && tpSpace(text[x]) {
			x++
		}
		for y > x && (tpSpace(text[y-1]) || text[y-1] == ';') {
			y--
		}
		if x < y {
			out = append(out, [2]int{x, y})
		}
	}
	return out
}

// tpDongThoi is the key of "đồng thời", the one linker a split part may
// start with.
var tpDongThoi = strings.Fields(UnitKey("đồng thời"))

// tpTrongDo is the key of "trong đó", which opens a part that refines the
// part before it.
var tpTrongDo = strings.Fields(UnitKey("trong đó"))

var (
	// tpFootnoteRe matches footnote marks: "⁽¹⁾", "¹", "[1]" after a word.
	tpFootnoteRe = regexp.MustCompile(`⁽[⁰¹²³⁴⁵⁶⁷⁸⁹0-9]+⁾|[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\[\d{1,3}\]`)
	tpSpacesRe   = regexp.MustCompile(`\s+`)
	// tpEnumRe matches an item mark written in the text: "(2) ", "(i) ".
	tpEnumRe = regexp.MustCompile(`^\((?:\d{1,2}|[a-zđ]|[ivx]{1,4})\)\s*`)
)

// tpTitle tidies a directive into a title.
func tpTitle(s string) string {
	s = tpFootnoteRe.ReplaceAllString(s, "")
	s = strings.ReplaceAll(s, "*", "")
	s = tpSpacesRe.ReplaceAllString(s, " ")
	s = strings.TrimSpace(s)
	s = strings.TrimLeft(s, "-+•– ")
	s = tpEnumRe.ReplaceAllString(s, "")
	if ws := tpWordsAt(s, 0, 2); len(ws) == 2 && ws[0].key == tpDongThoi[0] && ws[1].key == tpDongThoi[1] {
		s = strings.TrimLeft(s[ws[1].end:], " ,")
	}
	for {
		t := strings.TrimRight(s, " .;,:/")
		if t == s {
			break
		}
		s = t
	}
	s = strings.ReplaceAll(s, "( ", "(")
	s = strings.ReplaceAll(s, " )", ")")
	if r, n := utf8.DecodeRuneInString(s); n > 0 && unicode.IsLower(r) {
		s = string(unicode.ToUpper(r)) + s[n:]
	}
	rs := []rune(s)
	if len(rs) <= tpMaxTitle {
		return s
	}
	cut := tpMaxTitle - 1
	for cut > tpMaxTitle/2 && !unicode.IsSpace(rs[cut]) {
		cut--
	}
	if !unicode.IsSpace(rs[cut]) {
		cut = tpMaxTitle - 1
	}
	return strings.TrimRight(string(rs[:cut]), " ,;:.-") + "…"
}
