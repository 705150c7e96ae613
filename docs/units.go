package docs

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Role is what a clause asks of a unit.
type Role string

// The roles a unit can have in a clause.
const (
	RoleLead     Role = "lead"      // chủ trì, thực hiện: the unit that must act
	RoleSupport  Role = "support"   // phối hợp: the units that help
	RoleReportTo Role = "report_to" // báo cáo về, tham mưu, trình: the unit the work goes to
)

// UnitMention is one unit a clause gives a role to.
type UnitMention struct {
	// Name is the catalog's canonical name, or the words as printed (spaces
	// tidied) when the unit is not in the catalog.
	Name string `json:"name"`
	// UnitID is the catalog ID; "" for a unit the catalog does not know.
	UnitID string `json:"unit_id"`
	Role   Role   `json:"role"`
	// Start and End are rune offsets of the unit as printed in the clause's
	// text. A lead inherited from a unit-headed parent or taken from the
	// clause's heading is not printed in the text: Start == End == 0.
	Start int `json:"start"`
	End   int `json:"end"`
	// New is true when the unit is not in the catalog (UnitID == "").
	New bool `json:"new"`
	// Collective is true for a name that stands for many units ("Các sở,
	// ban, ngành", "Ủy ban nhân dân các xã, phường").
	Collective bool `json:"collective"`
}

// Inherited reports whether the mention is not printed in the clause's text
// (a lead inherited from a unit-headed item or read from the heading).
func (m UnitMention) Inherited() bool { return m.Start == m.End }

// ExtractUnits finds the units that one clause's text gives a role to.
//
// Units are recognised by the catalog's names and aliases (longest match,
// whole words, insensitive to case and tone placement) and by generic
// patterns for names the catalog lacks: "Sở <Tên>", "Bộ <Tên>", "Cục/Vụ/Chi
// cục/Văn phòng <Tên>", "Ban <…> Tỉnh ủy", "Đảng ủy <…>", "UBND/Ủy ban nhân
// dân (tỉnh|huyện|xã|các …) [Tên]", "Các Bộ: Quốc phòng, Công an". A name
// ends at a lower-case function word ("chủ trì", "phối hợp", "và", ",").
//
// Roles come from cue words around a unit or a list of units joined by ",",
// "và", "hoặc":
//
//	lead       Giao (cho) X; Đề nghị X; Yêu cầu X; X chủ trì; X có/chịu trách
//	           nhiệm; X là (cơ quan) đầu mối; "Đơn vị chủ trì: X"; X at the
//	           start of a sentence followed by what X must do ("X lãnh đạo …",
//	           "Căn cứ Kế hoạch này, X xây dựng …", "X:")
//	support    phối hợp (với) X, Y và Z; "Đơn vị phối hợp: X"
//	report_to  báo cáo (kết quả …) (về|cho|lên) X; tham mưu (cho) X; trình X;
//	           gửi (về) X; đề xuất X; "(qua X)" after one of these
//
// Units named without a cue — the issuer of a cited document ("Kết luận số
// 74-KL/TW của Bộ Chính trị"), the object of "đôn đốc", "hướng dẫn" — are not
// returned. A unit appears once per role, at its first mention with that
// role, in text order.
func ExtractUnits(text string, cat *Catalog) []UnitMention {
	x := newUnitExtractor(text, cat)
	x.find()
	x.roles()
	return x.result()
}

// ExtractClauseUnits is ExtractUnits for a clause of a parsed document, with
// the context of its place in the tree. A heading that names units ("Sở Nội
// vụ") makes them lead. When the clause names no lead of its own, the leads
// its unit-headed parent passes down (parentLead, see ChildLeads) become its
// leads, with Start == End == 0.
func ExtractClauseUnits(c *Clause, parentLead []UnitMention, cat *Catalog) []UnitMention {
	if c == nil {
		return nil
	}
	ms := ExtractUnits(c.Text, cat)
	if hasLead(ms) {
		return ms
	}
	if hl := headingLeads(c.Heading, cat); len(hl) > 0 {
		return dedupeMentions(append(hl, ms...))
	}
	if len(parentLead) == 0 {
		return ms
	}
	in := make([]UnitMention, 0, len(parentLead)+len(ms))
	for _, m := range parentLead {
		if m.Role == RoleLead {
			m.Start, m.End = 0, 0
			in = append(in, m)
		}
	}
	return dedupeMentions(append(in, ms...))
}

// ChildLeads returns the leads a clause passes to its children, given what
// ExtractClauseUnits returned for it (ms) and what it received (parentLead).
// A unit-headed clause — "Sở Nội vụ:", "2. Các sở, ban, ngành:", a heading
// naming the unit, or a clause whose text ends with ":" after naming its lead
// ("Sở Tài chính có trách nhiệm:") — passes its own leads; any other clause
// passes on what it received.
func ChildLeads(c *Clause, ms []UnitMention, parentLead []UnitMention) []UnitMention {
	if c == nil || !hasLead(ms) {
		return parentLead
	}
	t := strings.TrimSpace(c.Text)
	headed := strings.HasSuffix(t, ":") || t == ""
	if c.Heading != "" {
		// Leads read from the heading are not printed and not received.
		got := map[string]bool{}
		for _, m := range parentLead {
			got[m.UnitID+"\x00"+m.Name] = true
		}
		for _, m := range ms {
			if m.Role == RoleLead && m.Inherited() && !got[m.UnitID+"\x00"+m.Name] {
				headed = true
			}
		}
	}
	if !headed {
		headed = unitsOnly(t, ms)
	}
	if !headed {
		// "Sở Nội vụ: rà soát …": a lead printed first and followed by ":".
		for _, m := range ms {
			if m.Role == RoleLead && !m.Inherited() {
				rs := []rune(t)
				rest := strings.TrimLeft(string(rs[min(m.End, len(rs)):]), " ")
				if m.Start == 0 && strings.HasPrefix(rest, ":") {
					headed = true
				}
				break
			}
		}
	}
	if !headed {
		return parentLead
	}
	var out []UnitMention
	for _, m := range ms {
		if m.Role == RoleLead {
			m.Start, m.End = 0, 0
			out = append(out, m)
		}
	}
	return out
}

// unitsOnly reports whether text t is nothing but the leads in ms and
// separators: "Sở Nông nghiệp và Môi trường", "Sở Tài chính, Sở Nội vụ."
func unitsOnly(t string, ms []UnitMention) bool {
	rs := []rune(t)
	covered := make([]bool, len(rs))
	any := false
	for _, m := range ms {
		if m.Role != RoleLead || m.Inherited() || m.End > len(rs) {
			continue
		}
		any = true
		for i := m.Start; i < m.End; i++ {
			covered[i] = true
		}
	}
	if !any {
		return false
	}
	rest := make([]rune, 0, len(rs))
	for i, r := range rs {
		if !covered[i] {
			rest = append(rest, r)
		}
	}
	for _, w := range strings.FieldsFunc(string(rest), func(r rune) bool { return !unitWordRune(r) }) {
		if !unitSeparator[wordKey(w)] {
			return false
		}
	}
	return true
}

// ExtractTreeUnits runs ExtractClauseUnits over a parsed document's clauses,
// passing leads down from unit-headed items (ChildLeads), and returns the
// mentions by clause address; clauses without units are left out.
func ExtractTreeUnits(cs []*Clause, cat *Catalog) map[string][]UnitMention {
	out := map[string][]UnitMention{}
	var walk func(cs []*Clause, lead []UnitMention)
	walk = func(cs []*Clause, lead []UnitMention) {
		// A paragraph that only names a unit ("Sở Xây dựng") heads the
		// bullets and paragraphs that follow it, up to the next labelled item.
		sib := lead
		for _, c := range cs {
			in := lead
			if c.Label == "" || c.Label == "-" || c.Label == "+" {
				in = sib
			} else {
				sib = lead
			}
			ms := ExtractClauseUnits(c, in, cat)
			if len(ms) > 0 {
				out[c.Address] = ms
			}
			down := ChildLeads(c, ms, in)
			if c.Label == "" && len(c.Children) == 0 && unitsOnly(strings.TrimSpace(c.Text), ms) {
				sib = down
			}
			walk(c.Children, down)
		}
	}
	walk(cs, nil)
	return out
}

func hasLead(ms []UnitMention) bool {
	for _, m := range ms {
		if m.Role == RoleLead {
			return true
		}
	}
	return false
}

// headingLeads reads a heading that is nothing but units ("Sở Nội vụ",
// "Sở Tài chính, Sở Kế hoạch và Đầu tư:") as their leads.
func headingLeads(h string, cat *Catalog) []UnitMention {
	h = strings.TrimSpace(h)
	if h == "" {
		return nil
	}
	x := newUnitExtractor(h, cat)
	x.find()
	if len(x.ms) == 0 {
		return nil
	}
	// Every word must belong to a unit or be a separator.
	covered := make([]bool, len(x.toks))
	for _, m := range x.ms {
		for i := m.li; i < m.tj; i++ {
			covered[i] = true
		}
	}
	for i, t := range x.toks {
		if !covered[i] && t.word && !unitSeparator[t.key] {
			return nil
		}
	}
	var out []UnitMention
	for _, m := range x.ms {
		u := m.public()
		u.Role, u.Start, u.End = RoleLead, 0, 0
		out = append(out, u)
	}
	return dedupeMentions(out)
}

// dedupeMentions keeps the first mention of each unit in each role.
func dedupeMentions(ms []UnitMention) []UnitMention {
	seen := map[string]bool{}
	out := ms[:0]
	for _, m := range ms {
		k := string(m.Role) + "\x00" + m.UnitID + "\x00" + UnitKey(m.Name)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, m)
	}
	return out
}

// utok is one token of a clause: a word, or a punctuation mark that bounds
// names and lists. Hyphens, "&" and quotes are not tokens: "LĐ-TB&XH" reads
// as three words.
type utok struct {
	start, end int    // rune offsets
	key        string // wordKey for a word; the mark itself otherwise ("\n" for a line break)
	word       bool
	upper      bool // a word whose first letter is upper case
}

// umention is a mention while roles are being worked out.
type umention struct {
	ti, tj int // tokens of the name as printed
	li     int // token where the mention starts as a list item ("Các Bộ: Quốc phòng" starts at "Các")
	start  int // rune offsets
	end    int
	name   string
	id     string
	coll   bool
	role   Role
}

func (m umention) public() UnitMention {
	return UnitMention{Name: m.name, UnitID: m.id, Role: m.role, Start: m.start, End: m.end, New: m.id == "", Collective: m.coll}
}

type unitExtractor struct {
	runes []rune
	toks  []utok
	ix    *catIndex
	cat   *Catalog
	ms    []umention
	at    []int // at[t] = index in ms of the mention covering token t, or -1
}

func newUnitExtractor(text string, cat *Catalog) *unitExtractor {
	x := &unitExtractor{runes: []rune(text), cat: cat, ix: cat.index()}
	x.tokenize()
	return x
}

// unitSkip are the marks that are not tokens.
func unitSkip(r rune) bool {
	switch r {
	case '-', '–', '—', '‐', '‑', '&', '"', '\'', '“', '”', '‘', '’', '*', '_':
		return true
	}
	return false
}

func (x *unitExtractor) tokenize() {
	rs := x.runes
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unitWordRune(r):
			j := i
			for j < len(rs) && unitWordRune(rs[j]) {
				j++
			}
			w := string(rs[i:j])
			x.toks = append(x.toks, utok{start: i, end: j, key: wordKey(w), word: true, upper: unicode.IsUpper(rs[i])})
			i = j
		case r == '\n' || r == '\r':
			x.toks = append(x.toks, utok{start: i, end: i + 1, key: "\n"})
			i++
		case unicode.IsSpace(r) || unitSkip(r):
			i++
		default:
			x.toks = append(x.toks, utok{start: i, end: i + 1, key: string(r)})
			i++
		}
	}
}

// key returns token i's key, or "" past the end.
func (x *unitExtractor) key(i int) string {
	if i < 0 || i >= len(x.toks) {
		return ""
	}
	return x.toks[i].key
}

// keysAt reports whether the tokens from i have the given keys.
func (x *unitExtractor) keysAt(i int, keys ...string) bool {
	for k, want := range keys {
		if x.key(i+k) != want {
			return false
		}
	}
	return true
}

func (x *unitExtractor) isWord(i int) bool  { return i >= 0 && i < len(x.toks) && x.toks[i].word }
func (x *unitExtractor) isUpper(i int) bool { return x.isWord(i) && x.toks[i].upper }

// unitKeyCache memoizes k.
var unitKeyCache sync.Map

// k folds a literal the way tokens are keyed.
func k(s string) string {
	if v, ok := unitKeyCache.Load(s); ok {
		return v.(string)
	}
	v := UnitKey(s)
	unitKeyCache.Store(s, v)
	return v
}

// ---- finding units ----

// find lists every unit mention, left to right, longest first.
func (x *unitExtractor) find() {
	x.at = make([]int, len(x.toks))
	for i := range x.at {
		x.at[i] = -1
	}
	for i := 0; i < len(x.toks); {
		if !x.toks[i].word {
			i++
			continue
		}
		if ms := x.ministryList(i); len(ms) > 0 {
			for _, m := range ms {
				x.add(m)
			}
			i = ms[len(ms)-1].tj
			continue
		}
		ce, cu := x.catalogAt(i, nil)
		ge, gcoll := x.genericAt(i)
		switch {
		case ge > ce && (ce == 0 || x.anyUpper(ce, ge)):
			x.add(x.titled(x.mention(i, ge, -1, gcoll)))
			i = ge
		case ce > 0:
			x.add(x.titled(x.mention(i, ce, cu, false)))
			i = ce
		default:
			i++
		}
	}
}

// unitTitles are the titles of a unit's head that stand for the unit when
// they are printed before it ("Chủ tịch Ủy ban nhân dân tỉnh", "Giám đốc
// các Sở", "lãnh đạo các Bộ, ngành"), and the forms of address that may
// precede them ("các đồng chí Bí thư Tỉnh ủy"), as keys.
var unitTitles, unitHonorifics [][]string

func init() {
	for _, s := range []string{"chủ tịch", "phó chủ tịch", "giám đốc", "phó giám đốc", "tổng giám đốc", "thủ trưởng", "lãnh đạo",
		"người đứng đầu", "bí thư", "phó bí thư", "bộ trưởng", "trưởng ban", "chánh", "chánh văn phòng", "cục trưởng", "vụ trưởng",
		"viện trưởng", "chánh án", "tổng cục trưởng", "tập thể lãnh đạo", "ban giám đốc"} {
		unitTitles = append(unitTitles, keysOf(s))
	}
	for _, s := range []string{"các đồng chí", "đồng chí", "các"} {
		unitHonorifics = append(unitHonorifics, keysOf(s))
	}
}

func keysOf(s string) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		out = append(out, k(w))
	}
	return out
}

// phraseBefore returns the length of the longest phrase of ps whose words
// end right before token i, none of them part of a mention; 0 when none.
func (x *unitExtractor) phraseBefore(i int, ps [][]string) int {
	best := 0
	for _, p := range ps {
		n := len(p)
		if n <= best || i-n < 0 {
			continue
		}
		ok := true
		for j, w := range p {
			t := i - n + j
			if !x.isWord(t) || x.toks[t].key != w || x.at[t] >= 0 {
				ok = false
				break
			}
		}
		if ok {
			best = n
		}
	}
	return best
}

// phraseAt returns the length of the longest phrase of ps starting at token i.
func (x *unitExtractor) phraseAt(i int, ps [][]string) int {
	best := 0
	for _, p := range ps {
		if len(p) > best && x.keysAt(i, p...) {
			best = len(p)
		}
	}
	return best
}

// titled widens a mention to the head's title printed before it ("Giám đốc
// các Sở", "các đồng chí Bộ trưởng, Thủ trưởng cơ quan ngang Bộ"): the unit
// is the same, and the name is kept as printed, title included, since it
// says who is addressed.
func (x *unitExtractor) titled(m umention) umention {
	s := m.ti
	if n := x.phraseBefore(s, unitTitles); n > 0 {
		s -= n
	}
	if s < m.ti || x.phraseAt(m.ti, unitTitles) > 0 {
		if n := x.phraseBefore(s, unitHonorifics); n > 0 && (s < m.ti || n > 1) {
			s -= n
		}
	}
	if s == m.ti && x.phraseAt(m.ti, unitTitles) == 0 {
		return m
	}
	m.ti, m.li = s, s
	m.start = x.toks[s].start
	m.name = norm.NFC.String(strings.Join(strings.Fields(string(x.runes[m.start:m.end])), " "))
	return m
}

func (x *unitExtractor) add(m umention) {
	for t := m.li; t < m.tj && t < len(x.at); t++ {
		x.at[t] = len(x.ms)
	}
	x.ms = append(x.ms, m)
}

func (x *unitExtractor) anyUpper(i, j int) bool {
	for ; i < j; i++ {
		if x.isUpper(i) {
			return true
		}
	}
	return false
}

// mention builds the mention of tokens [i, j): unit u of the catalog, or a
// new unit named as printed.
func (x *unitExtractor) mention(i, j, u int, coll bool) umention {
	m := umention{ti: i, tj: j, li: i, start: x.toks[i].start, end: x.toks[j-1].end}
	if u >= 0 {
		cu := x.cat.Units[u]
		m.name, m.id, m.coll = cu.Name, cu.ID, cu.Kind == "collective"
		return m
	}
	m.name = norm.NFC.String(strings.Join(strings.Fields(string(x.runes[m.start:m.end])), " "))
	m.coll = coll
	if cu, ok := x.cat.Resolve(m.name); ok {
		m.name, m.id, m.coll = cu.Name, cu.ID, cu.Kind == "collective"
	}
	return m
}

// catalogAt walks the catalog's trie from token i (prefix, when given, is
// walked first) and returns the end of the longest name and its unit.
// Commas inside the walk are passed over: "các sở ban ngành" and "các sở,
// ban, ngành" are one name.
func (x *unitExtractor) catalogAt(i int, prefix []string) (end, unit int) {
	if x.ix == nil {
		return 0, -1
	}
	n := x.ix.trie
	for _, p := range prefix {
		if n = n.next[p]; n == nil {
			return 0, -1
		}
	}
	end, unit = 0, -1
	for j := i; j < len(x.toks); j++ {
		t := x.toks[j]
		if t.key == "," && j > i {
			continue
		}
		if !t.word {
			break
		}
		if n = n.next[t.key]; n == nil {
			break
		}
		if n.unit >= 0 {
			end, unit = j+1, n.unit
		}
	}
	return end, unit
}

// Keys used by the generic patterns.
var (
	unitHeadStop = map[string]bool{} // upper-case words that start another unit
	unitAdmin    = map[string]bool{} // words of "UBND các huyện, thị xã …"
	unitTail     = map[string]bool{} // lower-case words allowed at the end of a name: "nhân dân tỉnh"
	unitTail2    = map[string]bool{} // two-word lower-case tails, as "a b"
)

func init() {
	for _, s := range []string{"sở", "bộ", "ban", "ubnd", "hđnd", "cục", "đài", "mttq"} {
		unitHeadStop[k(s)] = true
	}
	for _, s := range []string{"các", "cấp", "tỉnh", "huyện", "xã", "phường", "thị", "trấn", "thành", "phố", "quận", "đặc", "khu", ",", "và"} {
		unitAdmin[k(s)] = true
		if s == "," {
			unitAdmin[","] = true
		}
	}
	for _, s := range []string{"tỉnh", "huyện"} {
		unitTail[k(s)] = true
	}
	for _, s := range []string{"nhân dân", "nhà nước", "xã hội", "quốc gia", "trung ương", "thành phố", "khu vực", "nông thôn", "cấp tỉnh", "cấp huyện", "cấp xã", "thị xã", "dân sự"} {
		unitTail2[k(s)] = true
	}
}

// nameRun reads a proper name from token i: upper-case words, each followed
// by at most one lower-case word ("Khoa học", "Công nghệ"), joined by "và"
// ("Giáo dục và Đào tạo"), ending in place words ("nhân dân tỉnh"). With
// lowerStart the name may begin with such place words ("Tòa án nhân dân
// tỉnh"). It returns the end of the name (i when there is none).
func (x *unitExtractor) nameRun(i int, lowerStart bool) int {
	end := i
	lc := 1 // lower-case words since the last upper-case one
	if lowerStart {
		lc = 0
	}
	for j := i; j < len(x.toks) && j-i < 14; {
		t := x.toks[j]
		if !t.word {
			break
		}
		digit := unicode.IsDigit(x.runes[t.start])
		if digit && x.key(j-1) != k("vực") && x.key(j-1) != k("số") {
			break // "Bộ Tư pháp 27 Quảng Ninh": a table's next cell
		}
		if t.upper || digit {
			if unitHeadStop[t.key] || end > i && unitUpperStop[t.key] || x.keysAt(j, k("ủy"), k("ban")) || x.keysAt(j, k("văn"), k("phòng")) || x.keysAt(j, k("đảng"), k("ủy")) {
				break
			}
			j++
			end, lc = j, 0
			if x.allCaps(j - 1) {
				lc = 1 // "khu vực XI tăng cường": no lower-case word after a code
			}
			continue
		}
		if j+1 < len(x.toks) && unitTail2[t.key+" "+x.key(j+1)] {
			j += 2
			end, lc = j, 1
			continue
		}
		if unitTail[t.key] {
			j++
			end, lc = j, 1
			continue
		}
		if t.key == k("và") && x.isUpper(j+1) && !unitHeadStop[x.key(j+1)] && end > i {
			j++
			continue
		}
		if lc == 0 && end > i && !unitStopWord[t.key] {
			j++
			end, lc = j, 1
			continue
		}
		break
	}
	return end
}

// allCaps reports whether token i is a code or number: "XI", "UBND", "8".
func (x *unitExtractor) allCaps(i int) bool {
	rs := x.runes[x.toks[i].start:x.toks[i].end]
	if unicode.IsDigit(rs[0]) {
		return true
	}
	if len(rs) < 2 {
		return false
	}
	for _, r := range rs {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// unitStopWord are lower-case words that never continue a name.
var unitStopWord = map[string]bool{}

// unitUpperStop are capitalised words that start a sentence or a table cell
// rather than continue a name ("Bộ Công an Đã hoàn thành").
var unitUpperStop = map[string]bool{}

// unitNotMinistry are the words after "Bộ" that make it a set, not a
// ministry: "Bộ Hồ sơ", "Bộ Luật", "Bộ Tiêu chí".
var unitNotMinistry = map[string]bool{}

func init() {
	for _, s := range []string{"và", "với", "các", "của", "theo", "để", "về", "trong", "tại", "có", "chủ", "phối", "thực", "tham",
		"báo", "chịu", "là", "làm", "được", "đã", "cho", "trình", "gửi", "khẩn", "kịp", "thường", "chỉ", "triển", "tổ", "rà",
		"xây", "hướng", "bố", "nghiên", "tiếp", "đề", "giao", "yêu", "cùng", "từ", "đến", "nêu", "này", "thuộc", "qua", "ở"} {
		unitStopWord[k(s)] = true
	}
	unitWordSet(unitStopWord, "xem", "xét", "phê", "sớm", "quyết", "ban", "đang", "chưa")
	unitWordSet(unitUpperStop, "đã", "đang", "chưa", "đề", "cơ", "giao", "yêu", "hoàn", "thời", "kết", "nhiệm", "tổng", "chủ")
	unitWordSet(unitNotMinistry, "hồ", "luật", "quy", "tiêu", "chỉ", "câu", "mẫu", "sách", "tài", "đề", "dữ")
	delete(unitNotMinistry, k("tài"))
}

// genericAt recognises a unit name the catalog may not hold, starting at
// token i; it returns the end token (0 when none) and whether the name
// stands for many units.
func (x *unitExtractor) genericAt(i int) (end int, coll bool) {
	t := x.toks[i]
	if !t.upper || !unitGenericHead[t.key] {
		return 0, false
	}
	key := t.key
	next := x.key(i + 1)
	if x.allCaps(i) && key != k("ubnd") && key != k("hđnd") || x.allCaps(i) && x.isWord(i+1) && x.allCaps(i+1) {
		// "BỘ TRƯỞNG", "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ", "UBND TỈNH":
		// headers and signatures, not names in running text.
		return 0, false
	}
	if key == k("bộ") && unitNotMinistry[next] {
		return 0, false
	}
	switch {
	case key == k("ubnd") || key == k("hđnd"):
		return x.adminRun(i + 1)
	case (key == k("ủy") && next == k("ban") || key == k("hội") && next == k("đồng")) && x.keysAt(i+2, k("nhân"), k("dân")):
		return x.adminRun(i + 4)
	case key == k("đảng") && next == k("ủy"):
		if x.isUpper(i + 2) {
			if e := x.nameRun(i+2, false); e > i+2 {
				return e, false
			}
		}
		return x.adminRun(i + 2)
	case key == k("sở") || key == k("cục") || key == k("vụ") || key == k("bộ") || key == k("đài"):
		if x.isUpper(i+1) && !unitHeadStop[next] {
			if e := x.nameRun(i+1, false); e > i+1 {
				return e, false
			}
		}
	case key == k("chi") && next == k("cục") || key == k("tổng") && next == k("cục") || key == k("văn") && next == k("phòng") || key == k("trung") && next == k("tâm"):
		if x.isUpper(i + 2) {
			if e := x.nameRun(i+2, false); e > i+2 {
				return e, false
			}
		}
	case key == k("tòa") && next == k("án") || key == k("viện") && next == k("kiểm") || key == k("kho") && next == k("bạc") ||
		key == k("ngân") && next == k("hàng") || key == k("kiểm") && next == k("toán") || key == k("bảo") && next == k("hiểm"):
		s := i + 2
		if key == k("viện") && x.key(i+2) == k("sát") {
			s = i + 3
		}
		if key == k("bảo") && x.keysAt(i+2, k("xã"), k("hội")) {
			s = i + 4
		}
		if e := x.nameRun(s, true); e > s {
			return e, false
		}
	case key == k("ban"):
		if !x.isUpper(i + 1) {
			return 0, false
		}
		e := x.nameRun(i+1, false)
		for _, tail := range [][]string{{"tỉnh", "ủy"}, {"thành", "ủy"}, {"huyện", "ủy"}, {"quận", "ủy"}, {"thị", "ủy"}, {"trung", "ương"}} {
			if e-2 > i && x.key(e-2) == k(tail[0]) && x.key(e-1) == k(tail[1]) {
				return e, false
			}
		}
	}
	return 0, false
}

// adminRun reads the place words after "UBND", "Ủy ban nhân dân",
// "Đảng ủy": "tỉnh", "các xã, phường", "cấp huyện", then an optional proper
// name ("tỉnh Đồng Tháp"). It returns the end (0 when there are no place
// words) and whether the name is collective ("các", "cấp" or several places).
func (x *unitExtractor) adminRun(i int) (int, bool) {
	j := i
	places := 0
	coll := false
	last := 0
	for j < len(x.toks) && unitAdmin[x.key(j)] {
		switch x.key(j) {
		case ",", k("và"), k("thị"), k("thành"), k("đặc"):
		case k("các"), k("cấp"):
			coll = true
		default:
			places++
			last = j + 1
		}
		if x.key(j) == k("thị") || x.key(j) == k("thành") || x.key(j) == k("đặc") {
			if x.key(j+1) == k("xã") || x.key(j+1) == k("trấn") || x.key(j+1) == k("phố") || x.key(j+1) == k("khu") {
				places++
				j += 2
				last = j
				continue
			}
			break
		}
		j++
	}
	if places == 0 {
		return 0, false
	}
	if places > 1 {
		coll = true
	}
	if x.isUpper(last) && !unitHeadStop[x.key(last)] && !coll {
		if e := x.nameRun(last, false); e > last {
			last = e
		}
	}
	return last, coll
}

// ministryList expands "Các Bộ: Quốc phòng, Công an, Nông nghiệp và Môi
// trường" into one mention a ministry, each printed as its short name.
func (x *unitExtractor) ministryList(i int) []umention {
	if x.key(i) != k("các") || x.key(i+1) != k("bộ") || x.key(i+2) != ":" || !x.isUpper(i+3) {
		return nil
	}
	var out []umention
	j := i + 3
	for x.isUpper(j) {
		ce, cu := x.catalogAt(j, []string{k("bộ")})
		e := x.nameRun(j, false)
		var m umention
		if ce >= e && ce > j {
			m = x.mention(j, ce, cu, false)
			e = ce
		} else if e > j {
			m = x.mention(j, e, -1, false)
			m.name = "Bộ " + m.name
			if cu, ok := x.cat.Resolve(m.name); ok {
				m.name, m.id, m.coll = cu.Name, cu.ID, cu.Kind == "collective"
			}
		} else {
			break
		}
		if len(out) == 0 {
			m.li = i
		}
		out = append(out, m)
		j = e
		if x.key(j) == "," || x.key(j) == ";" || x.key(j) == k("và") {
			j++
			continue
		}
		break
	}
	return out
}

// ---- roles ----

// Cue and gap word sets, as keys.
var (
	unitSeparator  = map[string]bool{} // join the units of a list
	unitPerson     = map[string]bool{} // titles before a unit: "Giám đốc", "Chủ tịch"
	unitLeadGap    = map[string]bool{} // between "Giao", "Đề nghị" and the unit
	unitSupportGap = map[string]bool{} // between "phối hợp" and the unit
	unitReportGap  = map[string]bool{} // between "báo cáo" and the unit
	unitReportTo   = map[string]bool{} // "về", "cho", "lên" right before the unit
	unitGuard      = map[string]bool{} // after a sentence-initial unit: not an assignment
	unitGuard2     = map[string]bool{} // two-word guards: "yêu cầu", "đề nghị"
	unitFiller     = map[string]bool{} // nouns that may sit in a subject list: "cơ quan cấp tỉnh"
	unitIntro2     = map[string]bool{} // introductory phrases ending at a comma: "căn cứ", "đồng thời"
)

// unitWordSet adds the words of ss to m, as keys.
func unitWordSet(m map[string]bool, ss ...string) {
	for _, s := range ss {
		for _, w := range strings.Fields(s) {
			m[k(w)] = true
		}
	}
}

func init() {
	unitSeparator[","] = true
	unitWordSet(unitSeparator, "và", "hoặc")
	unitWordSet(unitPerson, "chủ tịch", "phó", "giám đốc", "thủ trưởng", "bộ trưởng", "lãnh đạo", "người đứng đầu", "đồng chí", "trưởng", "chánh", "bí thư", "ban giám đốc", "tập thể")
	unitWordSet(unitLeadGap, "cho", "nhiệm vụ")
	unitWordSet(unitSupportGap, "với", "cùng", "chặt chẽ", "thường xuyên", "tốt", "kịp thời", "hiệu quả", "tích cực", "chủ động")
	unitWordSet(unitReportGap, "kết quả", "thực hiện", "kịp thời", "định kỳ", "tình hình", "về", "cho", "lên", "tới", "đến", "gửi", "đề xuất", "giúp", "hằng năm", "hàng năm", "tháng", "quý", "với", "và")
	unitReportGap[","] = true
	unitWordSet(unitReportTo, "về", "cho", "lên", "tới", "đến", "với")
	unitWordSet(unitGuard, "đã", "đang", "vừa", "được", "bị", "của", "thuộc", "cũng", "chưa", "trong", "tại", "ở", "nêu", "này", "gồm", "về", "cho", "với", "có", "nhằm", "để", "khi", "sau", "trước", "giao", "ban", "kết", "nhất", "trực", "đều", "điện")
	// A body that acknowledges is not assigned work: "Bộ Chính trị, Ban Bí thư ghi nhận …".
	for _, s := range []string{"yêu cầu", "đề nghị", "đề ra", "chỉ thị", "thông qua", "thông báo", "quyết định", "quyết nghị", "ghi nhận", "biểu dương", "hoan nghênh", "đánh giá", "khen ngợi", "cơ bản", "thống nhất"} {
		unitGuard2[k(s)] = true
	}
	unitWordSet(unitFiller, "các", "ngành", "cơ quan", "đơn vị", "cấp", "tỉnh", "huyện", "xã", "phường", "địa phương", "đoàn thể", "liên quan", "có", "thành phố", "đặc khu", "trung ương")
	for _, s := range []string{"căn cứ", "thực hiện", "trên cơ", "trong quá", "trong thời", "sau khi", "ngoài ra", "đồng thời", "bên cạnh", "đối với", "trường hợp", "trong đó", "để", "theo", "nhằm", "qua", "từ", "về"} {
		unitIntro2[k(s)] = true
	}
}

// roles gives every mention its role, or none.
func (x *unitExtractor) roles() {
	if len(x.ms) == 0 {
		return
	}
	x.labelCues()
	n := len(x.toks)
	// Cues before the unit.
	for i := 0; i < n; i++ {
		if !unitCueFirst[x.toks[i].key] {
			continue
		}
		switch {
		case x.keysAt(i, k("giao")) && x.key(i-1) != k("được") && x.key(i-1) != k("đã") && x.key(i-1) != k("nhiệm"):
			x.forward(i+1, RoleLead, unitLeadGap, false)
		case x.keysAt(i, k("đề"), k("nghị")) && x.key(i-1) != k("theo"), x.keysAt(i, k("yêu"), k("cầu")) && x.key(i-1) != k("theo"):
			x.forward(i+2, RoleLead, unitLeadGap, false)
		case x.keysAt(i, k("phối"), k("hợp")):
			x.forward(i+2, RoleSupport, unitSupportGap, false)
		case x.keysAt(i, k("báo"), k("cáo")) || x.keysAt(i, k("phản"), k("ánh")) || x.keysAt(i, k("đề"), k("xuất")):
			x.forward(i+2, RoleReportTo, unitReportGap, true)
		case x.keysAt(i, k("tham"), k("mưu")):
			x.forward(i+2, RoleReportTo, unitReportGap, false)
		case x.keysAt(i, k("trình")) && !unitTrinhNoun[x.key(i-1)], x.keysAt(i, k("gửi")):
			x.forward(i+1, RoleReportTo, unitReportGap, false)
		}
	}
	// Cues after the unit.
	for i := 0; i < n; i++ {
		if !unitCueFirst[x.toks[i].key] {
			continue
		}
		switch {
		case x.keysAt(i, k("chủ"), k("trì")), x.keysAt(i, k("có"), k("trách"), k("nhiệm")), x.keysAt(i, k("chịu"), k("trách"), k("nhiệm")),
			x.keysAt(i, k("là"), k("đầu"), k("mối")), x.keysAt(i, k("làm"), k("đầu"), k("mối")), x.keysAt(i, k("là"), k("cơ"), k("quan"), k("chủ")),
			x.keysAt(i, k("là"), k("cơ"), k("quan"), k("đầu")), x.keysAt(i, k("là"), k("cơ"), k("quan"), k("thường")):
			x.backward(i, RoleLead)
		}
	}
	x.subjects()
	x.viaReport()
}

// unitCueFirst are the first words of the role cues.
var unitCueFirst = map[string]bool{}

// unitGenericHead are the first words of the generic name patterns.
var unitGenericHead = map[string]bool{}

func init() {
	unitWordSet(unitCueFirst, "giao", "đề", "yêu", "phối", "báo", "phản", "tham", "trình", "gửi", "chủ", "có", "chịu", "là", "làm")
	unitWordSet(unitGenericHead, "ubnd", "hđnd", "ủy", "hội", "đảng", "sở", "cục", "vụ", "bộ", "đài", "chi", "tổng", "văn", "trung", "tòa", "viện", "kho", "ngân", "kiểm", "bảo", "ban")
}

// unitTrinhNoun are the words that make "trình" part of a noun: "chương
// trình", "quá trình", "tờ trình", "lộ trình".
var unitTrinhNoun = map[string]bool{k("chương"): true, k("quá"): true, k("tờ"): true, k("lộ"): true, k("công"): true, k("hành"): true, k("giáo"): true}

// setRole gives mention mi role r unless it has one.
func (x *unitExtractor) setRole(mi int, r Role) {
	if x.ms[mi].role == "" {
		x.ms[mi].role = r
	}
}

// mentionAt returns the mention whose list item starts at token i, or -1.
func (x *unitExtractor) mentionAt(i int) int {
	if i < 0 || i >= len(x.at) {
		return -1
	}
	if mi := x.at[i]; mi >= 0 && x.ms[mi].li == i {
		return mi
	}
	return -1
}

// skipParen returns the token after a parenthesis opening at i ("(qua Sở Tư
// pháp)", "(VTV)"), or i when there is none.
func (x *unitExtractor) skipParen(i int) int {
	if x.key(i) != "(" {
		return i
	}
	for j := i + 1; j < len(x.toks) && j < i+16; j++ {
		switch x.key(j) {
		case ")":
			return j + 1
		case "(", "\n", ".", ";":
			return i
		}
	}
	return i
}

// nextInList returns the mention that continues mi's list, or -1: the next
// mention after separators, titles and parentheses only. semicolon lets ";"
// join the list too ("Sở Tư pháp; các cơ quan, đơn vị liên quan").
func (x *unitExtractor) nextInList(mi int, semicolon bool) int {
	j := x.ms[mi].tj
	for j < len(x.toks) {
		if nj := x.skipParen(j); nj != j {
			j = nj
			continue
		}
		kk := x.key(j)
		if unitSeparator[kk] || semicolon && kk == ";" {
			j++
			continue
		}
		if p := x.skipPerson(j); p != j {
			j = p
			continue
		}
		if n := x.phraseAt(j, unitListLink); n > 0 && x.mentionAt(j) < 0 {
			j += n
			continue
		}
		break
	}
	if j == x.ms[mi].tj {
		return -1
	}
	return x.mentionAt(j)
}

// unitListLink are words that continue a list of units: a qualifier after
// a unit ("Ủy ban nhân dân các tỉnh nêu trên và …") or a phrase singling
// out some of them ("…, nhất là các Bộ: Quốc phòng, Công an").
var unitListLink [][]string

func init() {
	for _, s := range []string{"nêu trên", "nói trên", "trên đây", "nhất là", "đặc biệt là", "trong đó có", "trước hết là"} {
		unitListLink = append(unitListLink, keysOf(s))
	}
}

// forward handles a cue ending before token i: the first mention after it,
// past gap words, and the rest of its list get role r. With loose, a gap of
// other words is allowed when it ends with "về", "cho", "lên" ("báo cáo kết
// quả thực hiện Kế hoạch về Sở Tư pháp").
func (x *unitExtractor) forward(i int, r Role, gap map[string]bool, loose bool) {
	j := i
	for ; j < len(x.toks) && j < i+10; j++ {
		if x.mentionAt(j) >= 0 {
			break
		}
		kk := x.key(j)
		if gap[kk] || unitPerson[kk] {
			continue
		}
		if loose && x.toks[j].word && !unitBarrierWord[kk] {
			continue
		}
		return
	}
	mi := x.mentionAt(j)
	if mi < 0 {
		return
	}
	if loose && j > i {
		// A loose gap must end with "về/cho/lên …" or hold only gap words.
		ok := true
		for t := i; t < j; t++ {
			if !gap[x.key(t)] && !unitPerson[x.key(t)] {
				ok = false
			}
		}
		if !ok && !unitReportTo[x.key(j-1)] {
			return
		}
	}
	for mi >= 0 {
		x.setRole(mi, r)
		mi = x.nextInList(mi, false)
	}
}

// unitBarrierWord are words a loose gap never crosses: another cue, or the
// issuer of a citation ("của").
var unitBarrierWord = map[string]bool{k("của"): true, k("phối"): true, k("chủ"): true, k("giao"): true, k("số"): true, k("trình"): true}

// backward handles a cue starting at token i that follows its unit ("X chủ
// trì", "X có trách nhiệm"): that mention and the list before it get role r.
func (x *unitExtractor) backward(i int, r Role) {
	mi := x.endingAt(i)
	if mi < 0 {
		return
	}
	for _, m := range x.listBefore(mi) {
		x.setRole(m, r)
	}
}

// endingAt returns the mention that ends right before token i (a
// parenthesis between them is allowed), or -1.
func (x *unitExtractor) endingAt(i int) int {
	for mi := range x.ms {
		e := x.ms[mi].tj
		if e == i || x.skipParen(e) == i && e != i {
			return mi
		}
	}
	return -1
}

// listBefore returns mi and the mentions before it in the same list.
func (x *unitExtractor) listBefore(mi int) []int {
	out := []int{mi}
	for p := mi - 1; p >= 0; p-- {
		if x.nextInList(p, false) != out[len(out)-1] {
			break
		}
		out = append(out, p)
	}
	return out
}

// labelCues handles the labelled lines of plans set out as tables: "Đơn vị
// chủ trì (thực hiện): X." gives lead, "Đơn vị phối hợp: Y; Z." support, to
// every unit up to the end of the sentence.
func (x *unitExtractor) labelCues() {
	for i := 0; i < len(x.toks); i++ {
		if !(x.keysAt(i, k("đơn"), k("vị")) || x.keysAt(i, k("cơ"), k("quan"))) || !x.toks[i].upper {
			continue
		}
		var r Role
		j := i + 2
		for ; j < len(x.toks) && j < i+8 && x.toks[j].word; j++ {
			switch {
			case x.keysAt(j, k("phối"), k("hợp")):
				r = RoleSupport
			case r == "" && (x.keysAt(j, k("chủ"), k("trì")) || x.keysAt(j, k("thực"), k("hiện"))):
				r = RoleLead
			}
		}
		if r == "" || x.key(j) != ":" {
			continue
		}
		for t := j + 1; t < len(x.toks); t++ {
			kk := x.key(t)
			if kk == "." || kk == "\n" {
				break
			}
			if mi := x.mentionAt(t); mi >= 0 {
				x.setRole(mi, r)
				t = x.ms[mi].tj - 1
			} else if x.toks[t].word && !x.toks[t].upper && unitLabelStop[kk] {
				// "Sở Nội vụ chủ trì tham mưu UBND …": past the first list,
				// the other cues decide.
				break
			}
		}
		i = j
	}
}

// unitLabelStop are the words that end the list after a label: the start of
// another cue.
var unitLabelStop = map[string]bool{}

func init() {
	unitWordSet(unitLabelStop, "chủ", "tham", "báo", "phối", "chịu", "trình", "gửi", "giao", "đề", "yêu", "làm", "là")
	unitLabelStop[k("có")] = true
}

// subjects gives lead to the units a sentence opens with when what follows
// them is what they must do: "Ban cán sự đảng Ủy ban nhân dân tỉnh lãnh
// đạo, chỉ đạo …", "Căn cứ Kế hoạch này, các sở, ban, ngành xây dựng …",
// "Sở Khoa học và Công nghệ:". A unit followed by "đã", "được", "yêu cầu",
// "đề nghị" … is not given a role.
func (x *unitExtractor) subjects() {
	starts := []int{0}
	for i, t := range x.toks {
		switch t.key {
		case ".", ";", ":", "\n", "!", "?":
			starts = append(starts, i+1)
		}
	}
	anyLead := false
	for _, m := range x.ms {
		if m.role == RoleLead {
			anyLead = true
		}
	}
	for _, s := range starts {
		s = x.skipNumbering(s)
		if x.introAt(s) {
			// "Căn cứ …, X làm": try after each comma of the sentence.
			for j := s; j < len(x.toks) && !unitSentenceEnd[x.key(j)]; j++ {
				if x.key(j) == "," && x.subjectAt(j+1, anyLead) {
					break
				}
			}
			continue
		}
		x.subjectAt(s, anyLead)
	}
}

var unitSentenceEnd = map[string]bool{".": true, ";": true, ":": true, "\n": true, "!": true, "?": true}

// skipNumbering passes over "(1)", "a)", "1." opening a sentence.
func (x *unitExtractor) skipNumbering(i int) int {
	if x.key(i) == "(" && x.key(i+2) == ")" {
		return i + 3
	}
	if x.isWord(i) && x.key(i+1) == ")" && len([]rune(x.key(i))) <= 2 {
		return i + 2
	}
	return i
}

// introAt reports whether the sentence at i opens with an introductory
// phrase that ends at a comma ("Căn cứ Kế hoạch này,", "Đồng thời,").
func (x *unitExtractor) introAt(i int) bool {
	if !x.isWord(i) {
		return false
	}
	if unitIntro2[x.key(i)+" "+x.key(i+1)] {
		return true
	}
	return unitIntro2[x.key(i)] && x.mentionAt(i) < 0
}

// subjectAt tries the units opening a sentence at token i.
func (x *unitExtractor) subjectAt(i int, anyLead bool) bool {
	var found []int
	j := i
	lastWasItem := false
	for j < len(x.toks) {
		if mi := x.mentionAt(j); mi >= 0 {
			found = append(found, mi)
			j = x.ms[mi].tj
			lastWasItem = true
			continue
		}
		if nj := x.skipParen(j); nj != j && len(found) > 0 {
			j = nj
			continue
		}
		kk := x.key(j)
		if unitSeparator[kk] {
			j++
			lastWasItem = false
			continue
		}
		if p := x.skipPerson(j); p != j {
			j = p
			lastWasItem = false
			continue
		}
		if len(found) > 0 && !lastWasItem && unitPerson[kk] && (unitPerson[x.key(j+1)] || unitFiller[x.key(j+1)]) {
			// "…, Thủ trưởng các ngành, cơ quan cấp tỉnh, …"
			j++
			lastWasItem = false
			continue
		}
		if len(found) > 0 && unitFiller[kk] {
			j++
			lastWasItem = true
			continue
		}
		break
	}
	if len(found) == 0 || !lastWasItem {
		return false
	}
	var r Role
	switch {
	case j >= len(x.toks) || x.key(j) == ":":
		if x.allCaps(x.ms[found[0]].ti) && x.isWord(x.ms[found[0]].ti+1) && x.allCaps(x.ms[found[0]].ti+1) {
			return false // a header line: "TRUNG TÂM CHÍNH TRỊ"
		}
		r = RoleLead
	case !x.isWord(j) || x.toks[j].upper:
		return false
	case unitGuard[x.key(j)] || unitGuard2[x.key(j)+" "+x.key(j+1)]:
		return false
	case x.keysAt(j, k("phối"), k("hợp")) || x.keysAt(j, k("tham"), k("gia")) || x.keysAt(j, k("cùng")):
		r = RoleLead
		if anyLead && !x.coordinates(j) {
			r = RoleSupport
		}
	default:
		r = RoleLead
	}
	for _, mi := range found {
		x.setRole(mi, r)
	}
	return true
}

// coordinates reports whether "phối hợp (với)" at token j names the units
// it works with ("Các tỉnh ủy phối hợp Bộ Y tế …"): the subject then acts,
// helped by them, rather than helping another lead.
func (x *unitExtractor) coordinates(j int) bool {
	if !x.keysAt(j, k("phối"), k("hợp")) {
		return false
	}
	j += 2
	for j < len(x.toks) && unitSupportGap[x.key(j)] {
		j++
	}
	return x.mentionAt(j) >= 0
}

// skipPerson passes over a title that stands before a unit ("Giám đốc các
// Sở", "Chủ tịch Ủy ban nhân dân …"); it returns i when no unit follows.
func (x *unitExtractor) skipPerson(i int) int {
	j := i
	for j < len(x.toks) && x.isWord(j) && unitPerson[x.key(j)] && x.mentionAt(j) < 0 {
		j++
	}
	if j > i && x.mentionAt(j) >= 0 {
		return j
	}
	return i
}

// viaReport gives report_to to "(qua X)", "(thông qua X)" right after a unit
// that reports are sent to.
func (x *unitExtractor) viaReport() {
	for mi := range x.ms {
		if x.ms[mi].role != RoleReportTo {
			continue
		}
		j := x.ms[mi].tj
		if x.key(j) != "(" {
			continue
		}
		j++
		if x.key(j) == k("thông") {
			j++
		}
		if x.key(j) != k("qua") {
			continue
		}
		if m2 := x.mentionAt(j + 1); m2 >= 0 {
			x.setRole(m2, RoleReportTo)
		}
	}
}

// result lists the mentions that have a role, once per unit and role.
func (x *unitExtractor) result() []UnitMention {
	var out []UnitMention
	for _, m := range x.ms {
		if m.role != "" {
			out = append(out, m.public())
		}
	}
	return dedupeMentions(out)
}
