package docs

// Tests of ProposeTasks on the corpus plans and the real unit catalog.
//
// Run: go test ./docs -run ProposeTasks -v (the proposals of each plan are
// logged with -v).

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

const tpSample = "kh-tu-2020-thuc-hien-kl74-tw.txt"

// tpPropose parses a corpus text file as the app does and proposes its tasks
// with the real catalog.
func tpPropose(t *testing.T, name string) (Parsed, []Proposal) {
	t.Helper()
	ps := Parse(parseLoad(t, filepath.Join(parseCorpus, "text", name)))
	props := ProposeTasks(ps, ugoldLoadCatalog(t))
	tpCheck(t, name, ps, props)
	if testing.Verbose() {
		t.Logf("%s: %d proposals\n%s", name, len(props), tpDump(props))
	}
	return ps, props
}

// tpDump prints proposals one a line for reading.
func tpDump(props []Proposal) string {
	var b strings.Builder
	for _, p := range props {
		var lead, sup []string
		for _, m := range p.Lead {
			lead = append(lead, m.Name)
		}
		for _, m := range p.Support {
			sup = append(sup, m.Name)
		}
		due := ""
		if p.Deadline != nil {
			due = p.Deadline.Due.Format("2006-01-02")
		}
		tg := ""
		if p.Target != nil {
			tg = p.Target.Text
		}
		fmt.Fprintf(&b, "  %-12s %s\n      lead=%q support=%q due=%s recur=%s target=%q\n",
			p.Clause, tpShort(p.Title, 100), lead, sup, due, p.Recurrence, tg)
	}
	return b.String()
}

// tpShort cuts s to n runes.
func tpShort(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// tpCheck checks what must hold of every proposal: its clause exists, Text is
// the clause's text between Start and End (or its heading), the title is
// tidy NFC text, the units have their roles.
func tpCheck(t testing.TB, name string, ps Parsed, props []Proposal) {
	t.Helper()
	clauses := map[string]*Clause{}
	Walk(ps.Clauses, func(c *Clause, _ int) { clauses[c.Address] = c })
	for i, p := range props {
		c := clauses[p.Clause]
		if c == nil {
			t.Errorf("%s #%d: clause %q not in the document", name, i, p.Clause)
			continue
		}
		if p.Heading {
			if p.Text != c.Heading || p.Start != 0 || p.End != 0 {
				t.Errorf("%s %s: heading proposal Text %q [%d:%d], heading %q", name, p.Clause, p.Text, p.Start, p.End, c.Heading)
			}
		} else {
			rs := []rune(c.Text)
			if p.Start < 0 || p.Start >= p.End || p.End > len(rs) {
				t.Errorf("%s %s: bad span [%d:%d] of %d runes", name, p.Clause, p.Start, p.End, len(rs))
			} else if got := string(rs[p.Start:p.End]); got != p.Text {
				t.Errorf("%s %s: Text %q is not the clause's text [%d:%d] %q", name, p.Clause, p.Text, p.Start, p.End, got)
			}
		}
		if p.Title == "" || utf8.RuneCountInString(p.Title) > tpMaxTitle+1 {
			t.Errorf("%s %s: title %q (%d runes)", name, p.Clause, p.Title, utf8.RuneCountInString(p.Title))
		}
		if !norm.NFC.IsNormalString(p.Title) || !norm.NFC.IsNormalString(p.Text) {
			t.Errorf("%s %s: title or text not NFC", name, p.Clause)
		}
		if strings.ContainsAny(p.Title, "⁽⁾*\n") || strings.HasSuffix(p.Title, ".") || strings.HasSuffix(p.Title, ";") {
			t.Errorf("%s %s: untidy title %q", name, p.Clause, p.Title)
		}
		for _, m := range p.Lead {
			if m.Role != RoleLead {
				t.Errorf("%s %s: lead %q has role %s", name, p.Clause, m.Name, m.Role)
			}
		}
		for _, m := range p.Support {
			if m.Role != RoleSupport {
				t.Errorf("%s %s: support %q has role %s", name, p.Clause, m.Name, m.Role)
			}
		}
		if p.Deadline != nil && p.Deadline.Due.IsZero() {
			t.Errorf("%s %s: deadline %q without a Due date", name, p.Clause, p.Deadline.Text)
		}
		if p.Deadline != nil && p.Deadline.End > 0 && (p.Deadline.End > len(c.Text) || c.Text[p.Deadline.Start:p.Deadline.End] != p.Deadline.Text) {
			t.Errorf("%s %s: deadline %q not at its offsets", name, p.Clause, p.Deadline.Text)
		}
		if p.Target != nil && (p.Target.End > len(c.Text) || c.Text[p.Target.Start:p.Target.End] != p.Target.Text) {
			t.Errorf("%s %s: target %q not at its offsets", name, p.Clause, p.Target.Text)
		}
	}
}

// tpFind returns the proposals whose title starts with prefix.
func tpFind(props []Proposal, prefix string) []Proposal {
	var out []Proposal
	for _, p := range props {
		if strings.HasPrefix(p.Title, prefix) {
			out = append(out, p)
		}
	}
	return out
}

// tpOne returns the one proposal whose title starts with prefix.
func tpOne(t *testing.T, props []Proposal, prefix string) Proposal {
	t.Helper()
	ps := tpFind(props, prefix)
	if len(ps) != 1 {
		t.Fatalf("%d proposals titled %q…, want 1", len(ps), prefix)
	}
	return ps[0]
}

// tpHasUnit reports whether ms holds the unit named name (catalog name).
func tpHasUnit(ms []UnitMention, name string) bool {
	for _, m := range ms {
		if m.Name == name {
			return true
		}
	}
	return false
}

func tpNames(ms []UnitMention) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Name)
	}
	return out
}

func tpDate(s string) time.Time {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestProposeTasksSamplePlan(t *testing.T) {
	_, props := tpPropose(t, tpSample)
	if len(props) < 25 || len(props) > 60 {
		t.Errorf("%d proposals, want 25..60", len(props))
	}

	// Nothing from the assessment part, the purpose section, the basis and
	// the introductions.
	for _, p := range props {
		if strings.HasPrefix(p.Clause, "A") || strings.HasPrefix(p.Clause, "B.I.") || strings.HasPrefix(p.Clause, "B.I/") ||
			p.Clause == "B.I" || p.Clause == "B/¶1" || p.Clause == "B.II/¶1" || p.Clause == "B" || p.Clause == "B.II" {
			t.Errorf("proposal from %s: %q", p.Clause, p.Title)
		}
	}

	// B.II.2.3: the target and its deadline.
	var got *Proposal
	for i, p := range props {
		if strings.HasPrefix(p.Clause, "B.II.2.3") && p.Target != nil && strings.Contains(p.Target.Text, "10% biên chế") {
			got = &props[i]
			break
		}
	}
	if got == nil {
		t.Fatal("no proposal in B.II.2.3 with the target of 10% biên chế")
	}
	tg := got.Target
	if tg.Text != "giảm tối thiểu 10% biên chế của tỉnh" || tg.Amount != 10 || tg.Unit != "%" || tg.Baseline != 2015 ||
		tg.Direction != TargetDecrease || !tg.Minimum {
		t.Errorf("B.II.2.3 target = %+v", *tg)
	}
	if got.Deadline == nil || !got.Deadline.Due.Equal(tpDate("2021-12-31")) {
		t.Errorf("B.II.2.3 deadline = %+v, want Due 2021-12-31", got.Deadline)
	}
	if !strings.HasPrefix(got.Title, "Phát huy sức mạnh của cả hệ thống chính trị") {
		t.Errorf("B.II.2.3 target title = %q", got.Title)
	}
	// The first sentence of B.II.2.3 is due at the end of 2021 too, not at
	// the end of the 2015-2019 period it builds on.
	first := tpOne(t, props, "Các địa phương, cơ quan, đơn vị căn cứ vào các Nghị quyết")
	if first.Deadline == nil || !first.Deadline.Due.Equal(tpDate("2021-12-31")) {
		t.Errorf("B.II.2.3/¶1 first sentence deadline = %+v, want 2021-12-31", first.Deadline)
	}
	if !tpHasUnit(first.Lead, "Các cơ quan, đơn vị, địa phương") {
		t.Errorf("B.II.2.3/¶1 lead = %q", tpNames(first.Lead))
	}

	// B.III.3: the reporting cycle and the lead.
	var b3 []Proposal
	for _, p := range props {
		if p.Clause == "B.III.3" {
			b3 = append(b3, p)
		}
	}
	if len(b3) != 1 {
		t.Fatalf("B.III.3 gives %d proposals, want 1", len(b3))
	}
	if b3[0].Recurrence != RecurSemiannual {
		t.Errorf("B.III.3 recurrence = %q, want semiannual", b3[0].Recurrence)
	}
	if len(b3[0].Lead) != 1 || b3[0].Lead[0].Name != "Ban Tổ chức Tỉnh ủy" || b3[0].Lead[0].UnitID != "btc-tinh-uy" {
		t.Errorf("B.III.3 lead = %+v, want Ban Tổ chức Tỉnh ủy", b3[0].Lead)
	}
	if !tpHasUnit(b3[0].Support, "Các ban đảng Tỉnh ủy") {
		t.Errorf("B.III.3 support = %q", tpNames(b3[0].Support))
	}
	for _, m := range append(b3[0].Lead, b3[0].Support...) {
		if m.Name == "Ban Thường vụ Tỉnh ủy" {
			t.Errorf("B.III.3: the body reported to is a task unit")
		}
	}

	// B.II.2.2: one sentence, two tasks split at ';'.
	tt := tpOne(t, props, "Thành lập Trung tâm dịch vụ nông nghiệp")
	sn := tpOne(t, props, "Tiến hành sáp nhập xã Hòn Thơm")
	if tt.Clause != "B.II.2.2/¶1" || sn.Clause != "B.II.2.2/¶1" {
		t.Errorf("split proposals in %s and %s, want B.II.2.2/¶1", tt.Clause, sn.Clause)
	}
	if tt.End >= sn.Start {
		t.Errorf("split proposals overlap: [%d:%d] [%d:%d]", tt.Start, tt.End, sn.Start, sn.End)
	}
	if tt.Title != "Thành lập Trung tâm dịch vụ nông nghiệp trực thuộc Ủy ban nhân dân cấp huyện" {
		t.Errorf("title = %q (the footnote mark stays out)", tt.Title)
	}
	if !strings.Contains(tt.Text, "⁽¹⁾") {
		t.Errorf("Text %q lost the footnote mark of the clause", tt.Text)
	}
	if !strings.HasPrefix(sn.Text, "tiến hành sáp nhập") {
		t.Errorf("second part Text = %q", sn.Text)
	}
	// An enumeration after ';' is not split; a refinement ("trong đó")
	// stays with its part.
	tpOne(t, props, "Dừng triển khai thực hiện Đề án sắp xếp, tổ chức lại Văn phòng Tỉnh ủy")
	if ps := tpFind(props, "Trong đó"); len(ps) != 0 {
		t.Errorf("a \"trong đó\" part was split off: %q", ps[0].Title)
	}
	// A unit named in an introduction is the lead of the items after it:
	// "Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, tổ chức đảng ... những công
	// việc sau đây:".
	tr := tpOne(t, props, "Triển khai, quán triệt trong nội bộ")
	if tr.Clause != "B.II.1/¶1" || !tpHasUnit(tr.Lead, "Các cấp ủy, tổ chức đảng") {
		t.Errorf("B.II.1/¶1 lead = %q", tpNames(tr.Lead))
	}
	// Order is document order.
	for i := 1; i < len(props); i++ {
		if props[i].Clause == props[i-1].Clause && props[i].Start < props[i-1].End {
			t.Errorf("proposals out of order in %s", props[i].Clause)
		}
	}
}

// TestProposeTasksParseText reads the sample through ParseText: the same
// proposals.
func TestProposeTasksParseText(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(parseCorpus, "text", tpSample))
	if err != nil {
		t.Fatalf("test corpus missing: %v", err)
	}
	cat := ugoldLoadCatalog(t)
	a := ProposeTasks(ParseText(string(b)), cat)
	c := ProposeTasks(Parse(parseLoad(t, filepath.Join(parseCorpus, "text", tpSample))), cat)
	if !reflect.DeepEqual(a, c) {
		t.Errorf("ParseText gives %d proposals, the corpus loader %d", len(a), len(c))
	}
	if again := ProposeTasks(ParseText(string(b)), cat); !reflect.DeepEqual(a, again) {
		t.Errorf("a second run differs")
	}
}

// TestProposeTasksTablePlan: a plan that follows each task with "Đơn vị chủ
// trì", "Đơn vị phối hợp" and "Thời gian thực hiện" paragraphs.
func TestProposeTasksTablePlan(t *testing.T) {
	_, props := tpPropose(t, "kh141-2025-ubnd-bacninh-nang-luc-cbcc-nq66.txt")
	if len(props) < 20 || len(props) > 45 {
		t.Errorf("%d proposals, want 20..45", len(props))
	}
	for _, p := range props {
		if strings.HasPrefix(p.Clause, "I.") || strings.HasPrefix(p.Clause, "II.") || p.Clause == "¶1" {
			t.Errorf("proposal from a purpose/goal section or the basis: %s %q", p.Clause, p.Title)
		}
		for _, w := range []string{"Đơn vị", "Thời gian"} {
			if strings.HasPrefix(p.Title, w) {
				t.Errorf("a field paragraph gave a task: %s %q", p.Clause, p.Title)
			}
		}
	}
	ai := tpOne(t, props, "Ra mắt AI pháp luật hỗ trợ cho cán bộ")
	if !tpHasUnit(ai.Lead, "Sở Khoa học và Công nghệ") || !tpHasUnit(ai.Support, "Sở Tư pháp") {
		t.Errorf("%s lead %q support %q", ai.Clause, tpNames(ai.Lead), tpNames(ai.Support))
	}
	if ai.Deadline == nil || !ai.Deadline.Due.Equal(tpDate("2025-12-31")) {
		t.Errorf("%s deadline %+v, want 2025-12-31 (Thời gian thực hiện: Tháng 12/2025)", ai.Clause, ai.Deadline)
	}
	hn := tpOne(t, props, "Tổ chức hội nghị, hội thảo trao đổi nghiệp vụ")
	if !tpHasUnit(hn.Lead, "Sở Tư pháp") || hn.Recurrence != RecurAnnual {
		t.Errorf("%s lead %q recurrence %q, want Sở Tư pháp, annual", hn.Clause, tpNames(hn.Lead), hn.Recurrence)
	}
	// A fields block after two tasks sets both.
	for _, prefix := range []string{"Các cơ quan, đơn vị, địa phương tiếp tục nâng cao nhận thức", "Đề nghị người đứng đầu cấp ủy"} {
		p := tpOne(t, props, prefix)
		if !tpHasUnit(p.Lead, "Các sở, ban, ngành") || !tpHasUnit(p.Support, "Sở Tư pháp") || p.Recurrence != RecurContinuous {
			t.Errorf("%s lead %q support %q recurrence %q", p.Clause, tpNames(p.Lead), tpNames(p.Support), p.Recurrence)
		}
	}
	// The heading-like item "5. Nghiên cứu giải pháp ..." only titles its
	// bullets.
	if ps := tpFind(props, "Nghiên cứu giải pháp thu hút"); len(ps) != 0 {
		t.Errorf("an item that titles its bullets gave a task: %s", ps[0].Clause)
	}
	tc := tpOne(t, props, "Sở Tài chính chủ trì, phối hợp với các Sở, ban, ngành")
	if len(tc.Lead) != 1 || tc.Lead[0].Name != "Sở Tài chính" {
		t.Errorf("%s lead %q", tc.Clause, tpNames(tc.Lead))
	}
	kh := tpOne(t, props, "Các cơ quan, đơn vị, địa phương xây dựng Kế hoạch triển khai")
	if kh.Deadline == nil || !kh.Deadline.Due.Equal(tpDate("2025-12-31")) {
		t.Errorf("%s deadline %+v, want 2025-12-31", kh.Clause, kh.Deadline)
	}
	bc := tpOne(t, props, "Định kỳ báo cáo UBND tỉnh (qua Sở Tư pháp)")
	if bc.Recurrence != RecurAnnual || bc.Deadline != nil {
		t.Errorf("%s recurrence %q deadline %+v: the other sentence's date must not bind it", bc.Clause, bc.Recurrence, bc.Deadline)
	}
}

// TestProposeTasksUnitHeadedPlan: a plan whose tasks sit under paragraphs
// naming their lead unit.
func TestProposeTasksUnitHeadedPlan(t *testing.T) {
	_, props := tpPropose(t, "kh556-2025-ubnd-dongthap-nq48-cp.txt")
	if len(props) < 60 || len(props) > 180 {
		t.Errorf("%d proposals, want 60..180", len(props))
	}
	for _, p := range props {
		if strings.HasPrefix(p.Clause, "I") && !strings.HasPrefix(p.Clause, "III") && !strings.HasPrefix(p.Clause, "IV") {
			t.Errorf("proposal from the purpose or goal section: %s %q", p.Clause, p.Title)
		}
		if p.Title == "Sở Nông nghiệp và Môi trường" {
			t.Errorf("a unit heading gave a task: %s", p.Clause)
		}
	}
	for _, c := range []struct{ prefix, lead string }{
		{"Chủ trì, theo dõi, kiểm tra, đôn đốc việc thực hiện các nhiệm vụ đã đề ra", "Sở Nông nghiệp và Môi trường"},
		{"Chủ trì, phối hợp với các sở, ngành, địa phương có liên quan xây dựng, tham mưu triển khai các nhiệm vụ khoa học", "Sở Khoa học và Công nghệ"},
		{"Chủ trì, phối hợp với các sở, ngành, địa phương có liên quan tổ chức thực hiện việc xác định, công bố ranh giới", "Sở Nội vụ"},
		{"Giao Sở Nông nghiệp và Môi trường chủ trì phối hợp", "Sở Nông nghiệp và Môi trường"},
		{"Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"},
	} {
		p := tpOne(t, props, c.prefix)
		if !tpHasUnit(p.Lead, c.lead) {
			t.Errorf("%s %q: lead %q, want %s", p.Clause, tpShort(p.Title, 40), tpNames(p.Lead), c.lead)
		}
	}
	rn := tpOne(t, props, "Phục hồi và phát triển rừng ngập mặn")
	if rn.Target == nil || rn.Target.Amount != 1700 || rn.Target.Unit != "ha" {
		t.Errorf("%s target %+v", rn.Clause, rn.Target)
	}
	if rn.Deadline == nil || !rn.Deadline.Due.Equal(tpDate("2030-12-31")) {
		t.Errorf("%s deadline %+v", rn.Clause, rn.Deadline)
	}
	// A dated target without a verb is a task.
	tpOne(t, props, "Đến năm 2030, 100% các khu vực bảo vệ nguồn lợi thủy sản")
	bc := tpOne(t, props, "Các đơn vị, địa phương tăng cường kiểm tra, đôn đốc triển khai")
	if bc.Recurrence != RecurAnnual {
		t.Errorf("%s recurrence %q, want annual", bc.Clause, bc.Recurrence)
	}
}

func TestProposeTasksOtherPlans(t *testing.T) {
	t.Run("kh1026", func(t *testing.T) {
		_, props := tpPropose(t, "kh1026-2025-ubnd-nghean-ct32-ttg.txt")
		if len(props) < 25 || len(props) > 70 {
			t.Errorf("%d proposals, want 25..70", len(props))
		}
		p := tpOne(t, props, "Chủ trì, phối hợp với các cơ quan, đơn vị có liên quan tham mưu Chủ tịch UBND tỉnh kiện toàn")
		if p.Clause != "III.1/-1" || !tpHasUnit(p.Lead, "Công an tỉnh") {
			t.Errorf("%s lead %q, want Công an tỉnh (the item's heading)", p.Clause, tpNames(p.Lead))
		}
		g := tpOne(t, props, "Giao Công an tỉnh chủ trì, phối hợp với Văn phòng UBND tỉnh")
		if !tpHasUnit(g.Lead, "Công an tỉnh") || !tpHasUnit(g.Support, "Văn phòng Ủy ban nhân dân tỉnh") {
			t.Errorf("%s lead %q support %q", g.Clause, tpNames(g.Lead), tpNames(g.Support))
		}
		for _, p := range props {
			if strings.HasPrefix(p.Clause, "I.") {
				t.Errorf("proposal from MỤC ĐÍCH, YÊU CẦU: %s", p.Clause)
			}
		}
	})
	t.Run("kh172", func(t *testing.T) {
		_, props := tpPropose(t, "kh172-2025-ubnd-hcm-luat-viec-lam.txt")
		// "4. Tổ chức kiểm tra việc thi hành Luật Việc làm ..." has only
		// fields under it: the heading is the task.
		var h []Proposal
		for _, p := range props {
			if p.Heading {
				h = append(h, p)
			}
		}
		if len(h) != 1 || h[0].Clause != "II.4" || !strings.HasPrefix(h[0].Title, "Tổ chức kiểm tra việc thi hành Luật Việc làm") {
			t.Fatalf("heading proposals %+v, want II.4", h)
		}
		if !tpHasUnit(h[0].Lead, "Sở Nội vụ") || h[0].Deadline == nil || !h[0].Deadline.Due.Equal(tpDate("2026-12-31")) {
			t.Errorf("II.4 lead %q deadline %+v", tpNames(h[0].Lead), h[0].Deadline)
		}
		// "Nội dung thực hiện:" is a label, not the task's words.
		p := tpOne(t, props, "Tổ chức phổ biến, giáo dục Luật Việc làm")
		if strings.HasPrefix(p.Text, "Nội dung") || !tpHasUnit(p.Lead, "Sở Nội vụ") {
			t.Errorf("%s Text %q lead %q", p.Clause, tpShort(p.Text, 30), tpNames(p.Lead))
		}
	})
	t.Run("cv171", func(t *testing.T) {
		_, props := tpPropose(t, "cv171-bcd-2025-thuc-hien-kl210-to-chuc-bo-may.txt")
		// The letter's opening asks the chairmen of the provinces: they lead
		// every item that names no one.
		p := tpOne(t, props, "Khẩn trương chỉ đạo hoàn thiện tổ chức bộ máy")
		if !tpHasUnit(p.Lead, "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương") {
			t.Errorf("%s lead %q", p.Clause, tpNames(p.Lead))
		}
		// A heading glued to its text ("Về cơ sở vật chất ... Tiếp tục rà
		// soát ...") is read from its verb.
		tpOne(t, props, "Tiếp tục rà soát, thống kê, sắp xếp, bố trí, xử lý trụ sở")
	})
	t.Run("kl221", func(t *testing.T) {
		_, props := tpPropose(t, "kl221-tw-2025-bo-may-htct-chinh-quyen-2-cap.txt")
		for _, p := range props {
			if p.Clause == "1" || p.Clause == "¶1" {
				t.Errorf("acknowledgement or basis gave a task: %s %q", p.Clause, tpShort(p.Title, 50))
			}
		}
		p := tpOne(t, props, "Giao Ban Tổ chức Trung ương tiếp tục chủ trì")
		if !tpHasUnit(p.Lead, "Ban Tổ chức Trung ương") {
			t.Errorf("%s lead %q", p.Clause, tpNames(p.Lead))
		}
		// "ưu tiên các lĩnh vực: ...; ...; cải cách hành chính ..." is one
		// enumeration.
		if ps := tpFind(props, "Cải cách hành chính"); len(ps) != 0 {
			t.Errorf("an enumeration after ':' was split at ';'")
		}
	})
}

// TestProposeTasksCorpus runs over every corpus text: the invariants hold,
// nothing comes from an appendix, and two runs agree.
func TestProposeTasksCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(parseCorpus, "text", "*.txt"))
	if len(files) == 0 {
		t.Fatal("test corpus missing: testdata/corpus")
	}
	cat := ugoldLoadCatalog(t)
	for _, f := range files {
		ps := Parse(parseLoad(t, f))
		props := ProposeTasks(ps, cat)
		tpCheck(t, filepath.Base(f), ps, props)
		if again := ProposeTasks(ps, cat); !reflect.DeepEqual(props, again) {
			t.Errorf("%s: a second run differs", filepath.Base(f))
		}
		for _, p := range props {
			if strings.HasPrefix(p.Clause, "Phụ lục") {
				t.Errorf("%s: proposal from an appendix %s", filepath.Base(f), p.Clause)
			}
		}
		if testing.Verbose() {
			t.Logf("%-60s %3d proposals", filepath.Base(f), len(props))
		}
	}
}

func TestProposeTasksRules(t *testing.T) {
	cat := tpTestCatalog(t)
	doc := strings.Join([]string{
		"KẾ HOẠCH",
		"thực hiện Nghị quyết",
		"Căn cứ Nghị quyết số 18-NQ/TW, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:",
		"I. MỤC ĐÍCH, YÊU CẦU",
		"1. Triển khai kịp thời Nghị quyết.",
		"II. NHIỆM VỤ",
		"1. Tổ chức tuyên truyền sâu rộng trong toàn tỉnh; xây dựng kế hoạch thực hiện năm 2026; nâng cao nhận thức của cán bộ, đảng viên.",
		"2. Công tác cán bộ",
		"- Rà soát đội ngũ cán bộ, công chức.",
		"Đơn vị chủ trì: Sở Nội vụ.",
		"Đơn vị phối hợp: Sở Tư pháp.",
		"Thời gian thực hiện: Quý II/2026.",
		"3. Sở Tài chính chủ trì bố trí kinh phí; hướng dẫn các đơn vị lập dự toán hằng năm.",
		"4. Kinh phí thực hiện Kế hoạch được bảo đảm từ ngân sách nhà nước.",
		"5. Ưu tiên các lĩnh vực: giáo dục; y tế; bảo vệ môi trường và phát triển nông thôn.",
		"III. TỔ CHỨC THỰC HIỆN",
		"Giao Sở Nội vụ theo dõi, đôn đốc; định kỳ 6 tháng, hằng năm báo cáo kết quả về Ủy ban nhân dân tỉnh./.",
	}, "\n\n")
	ps := ParseText(doc)
	props := ProposeTasks(ps, cat)
	tpCheck(t, "rules", ps, props)
	var titles []string
	for _, p := range props {
		titles = append(titles, p.Title)
	}
	want := []string{
		"Tổ chức tuyên truyền sâu rộng trong toàn tỉnh",
		"Xây dựng kế hoạch thực hiện năm 2026",
		"Nâng cao nhận thức của cán bộ, đảng viên",
		"Rà soát đội ngũ cán bộ, công chức",
		"Sở Tài chính chủ trì bố trí kinh phí",
		"Hướng dẫn các đơn vị lập dự toán hằng năm",
		"Ưu tiên các lĩnh vực: giáo dục; y tế; bảo vệ môi trường và phát triển nông thôn",
		"Giao Sở Nội vụ theo dõi, đôn đốc",
		"Định kỳ 6 tháng, hằng năm báo cáo kết quả về Ủy ban nhân dân tỉnh",
	}
	if !reflect.DeepEqual(titles, want) {
		t.Fatalf("titles:\n%q\nwant\n%q\n%s", titles, want, tpDump(props))
	}
	rs := props[3]
	if len(rs.Lead) != 1 || rs.Lead[0].Name != "Sở Nội vụ" || len(rs.Support) != 1 || rs.Support[0].Name != "Sở Tư pháp" {
		t.Errorf("fields: lead %q support %q", tpNames(rs.Lead), tpNames(rs.Support))
	}
	if rs.Deadline == nil || !rs.Deadline.Due.Equal(tpDate("2026-06-30")) || rs.Deadline.Start != 0 || rs.Deadline.End != 0 {
		t.Errorf("fields: deadline %+v, want Due 2026-06-30 read from the field", rs.Deadline)
	}
	// "hướng dẫn ..." after ';' keeps the sentence's lead.
	if hd := props[5]; len(hd.Lead) != 1 || hd.Lead[0].Name != "Sở Tài chính" || hd.Recurrence != RecurAnnual {
		t.Errorf("second part: lead %q recurrence %q", tpNames(hd.Lead), hd.Recurrence)
	}
	if p := props[1]; p.Deadline != nil {
		t.Errorf("a bare year is not a deadline: %+v", p.Deadline)
	}
	if p := props[8]; p.Recurrence != RecurSemiannual || len(p.Lead) != 1 || p.Lead[0].Name != "Sở Nội vụ" {
		t.Errorf("last: recurrence %q lead %q", p.Recurrence, tpNames(p.Lead))
	}
}

// tpTestCatalog is a small catalog for the rule tests.
func tpTestCatalog(t *testing.T) *Catalog {
	t.Helper()
	cat, err := NewCatalog([]Unit{
		{ID: "ubnd-tinh", Name: "Ủy ban nhân dân tỉnh", Aliases: []string{"UBND tỉnh"}, Kind: "state_agency", Level: "tinh"},
		{ID: "so-noi-vu", Name: "Sở Nội vụ", Kind: "state_agency", Level: "tinh", Parent: "ubnd-tinh"},
		{ID: "so-tu-phap", Name: "Sở Tư pháp", Kind: "state_agency", Level: "tinh", Parent: "ubnd-tinh"},
		{ID: "so-tai-chinh", Name: "Sở Tài chính", Kind: "state_agency", Level: "tinh", Parent: "ubnd-tinh"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

func TestTpSkipHeading(t *testing.T) {
	for h, want := range map[string]bool{
		"KHÁI QUÁT TÌNH HÌNH, KẾT QUẢ 02 NĂM THỰC HIỆN": true,
		"MỤC ĐÍCH, YÊU CẦU":                             true,
		"MỤC ĐÍCH, YÊU CẦU 1.":                          true,
		"Mục đích":                                      true,
		"Yêu cầu":                                       true,
		"MỤC TIÊU CHỦ YẾU":                              true,
		"QUAN ĐIỂM CHỈ ĐẠO":                             true,
		"VỀ KẾT QUẢ ĐẠT ĐƯỢC":                           true,
		"Về đánh giá tình hình hoạt động":               true,
		"VỀ TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN":            true,
		"ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN":                  true,
		"Tình hình thực hiện":                           true,
		"NHIỆM VỤ VÀ GIẢI PHÁP":                         false,
		"TỔ CHỨC THỰC HIỆN":                             false,
		"Yêu cầu các sở, ngành":                         false,
		"Đánh giá, phân loại cán bộ":                    false,
		"Kinh phí thực hiện":                            false,
		"":                                              false,
		"Công tác tuyên truyền, giáo dục":               false,
		"Về nhiệm vụ trọng tâm từ nay đến 2027":         false,
	} {
		if got := tpSkipHeading(h); got != want {
			t.Errorf("tpSkipHeading(%q) = %v, want %v", h, got, want)
		}
	}
}

func TestTpSentences(t *testing.T) {
	s := "Một câu. Hai là 1.700 ha (xem TP. Hồ Chí Minh. Ghi chú). Ba\nBốn./. năm"
	var got []string
	for _, sp := range tpSentences(s) {
		got = append(got, s[sp[0]:sp[1]])
	}
	want := []string{"Một câu.", "Hai là 1.700 ha (xem TP. Hồ Chí Minh. Ghi chú).", "Ba", "Bốn./. năm"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tpSentences = %q, want %q", got, want)
	}
}

func TestTpTitle(t *testing.T) {
	for in, want := range map[string]string{
		"tiến hành sáp nhập xã⁽¹⁾ (*thực hiện đồng thời*);": "Tiến hành sáp nhập xã (thực hiện đồng thời)",
		"đồng thời đề xuất điều chỉnh./.":                   "Đề xuất điều chỉnh",
		"Chủ động bố trí[2] lực lượng\nvà phương tiện.":     "Chủ động bố trí lực lượng và phương tiện",
		"(2) Chủ tịch Ủy ban nhân dân xã xem xét;":          "Chủ tịch Ủy ban nhân dân xã xem xét",
		"(ii) chỉ đạo Đảng uỷ Bộ Giáo dục và Đào tạo.":      "Chỉ đạo Đảng uỷ Bộ Giáo dục và Đào tạo",
	} {
		if got := tpTitle(in); got != want {
			t.Errorf("tpTitle(%q) = %q, want %q", in, got, want)
		}
	}
	long := strings.Repeat("rà soát kiện toàn ", 30)
	got := tpTitle(long)
	cut := strings.TrimSuffix(got, "…")
	capital := "Rà" + strings.TrimPrefix(long, "rà")
	if n := utf8.RuneCountInString(got); n > tpMaxTitle+1 || cut == got || !strings.HasPrefix(capital, cut) || capital[len(cut)] != ' ' {
		t.Errorf("long title %q (%d runes) not cut at a word boundary", got, n)
	}
}

var (
	tpFuzzCatOnce sync.Once
	tpFuzzCat     *Catalog
)

func FuzzProposeTasks(f *testing.F) {
	for _, s := range []string{
		"KẾ HOẠCH\n\nthực hiện\n\nA. KHÁI QUÁT TÌNH HÌNH\n\nĐã làm.\n\nB. NHIỆM VỤ\n\n1. Thành lập Trung tâm⁽¹⁾; tiến hành sáp nhập xã Hòn Thơm.\n\n2. Ban Tổ chức Tỉnh ủy chủ trì, định kỳ 6 tháng, năm báo cáo.",
		"II. NHIỆM VỤ\n\n1. Rà soát\n\n- Tổ chức tập huấn.\n\nĐơn vị chủ trì: Sở Tư pháp.\n\nThời gian thực hiện: Tháng 12/2025.",
		"1. Về cơ sở vật chất Tiếp tục rà soát; (a; b: c;) đến cuối năm 2021 giảm tối thiểu 10% biên chế so với năm 2015.",
		"Nội dung thực hiện: ;\n\nThời gian: \n\n: ; . ./. …",
		"1.\n\n- Đồng thời\n\n+ trong đó, ;",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tpFuzzCatOnce.Do(func() {
			if fh, err := os.Open(ugoldCatalog); err == nil {
				tpFuzzCat, _ = ReadCatalogCSV(fh)
				fh.Close()
			}
		})
		ps := ParseText(s)
		props := ProposeTasks(ps, tpFuzzCat)
		clauses := map[string]*Clause{}
		Walk(ps.Clauses, func(c *Clause, _ int) { clauses[c.Address] = c })
		for _, p := range props {
			c := clauses[p.Clause]
			if c == nil {
				t.Fatalf("clause %q not in the document", p.Clause)
			}
			if p.Heading {
				if p.Text != c.Heading {
					t.Fatalf("%s: heading text %q, heading %q", p.Clause, p.Text, c.Heading)
				}
				continue
			}
			rs := []rune(c.Text)
			if p.Start < 0 || p.Start >= p.End || p.End > len(rs) || string(rs[p.Start:p.End]) != p.Text {
				t.Fatalf("%s: Text %q not at [%d:%d] of %q", p.Clause, p.Text, p.Start, p.End, c.Text)
			}
			if p.Title == "" {
				t.Fatalf("%s: empty title", p.Clause)
			}
		}
	})
}

func BenchmarkProposeTasksCorpus(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(parseCorpus, "text", "*.txt"))
	if len(files) == 0 {
		b.Fatal("test corpus missing: testdata/corpus")
	}
	fh, err := os.Open(ugoldCatalog)
	if err != nil {
		b.Skip("catalog not available")
	}
	cat, err := ReadCatalogCSV(fh)
	fh.Close()
	if err != nil {
		b.Fatal(err)
	}
	var docs []Parsed
	for _, f := range files {
		docs = append(docs, Parse(parseLoad(b, f)))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, ps := range docs {
			ProposeTasks(ps, cat)
		}
	}
}
