package docs

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Unit is one body of the political system that directives assign work to: a
// Party committee or board, a State agency, a Front or mass organisation, a
// locality, or a collective ("Các sở, ban, ngành") that stands for many.
type Unit struct {
	ID      string   // stable slug: "so-noi-vu"
	Name    string   // canonical name: "Sở Nội vụ"
	Aliases []string // other names and abbreviations: "SNV", "Sở Nội vụ tỉnh"
	Kind    string   // one of UnitKinds
	Level   string   // one of UnitLevels
	Parent  string   // the parent unit's ID, or ""
}

// UnitKinds are the kinds a Unit may have.
var UnitKinds = []string{"party_committee", "party_board", "state_agency", "front_mass", "locality", "collective", "other"}

// UnitLevels are the levels a Unit may have.
var UnitLevels = []string{"trung_uong", "tinh", "huyen", "xa"}

// Catalog is the list of units a library knows, with an index from every
// name and alias (see UnitKey) to its unit. It is pure data: reading and
// writing it is the caller's business (ReadCatalogCSV, WriteCSV).
//
// A Catalog built by ReadCatalogCSV or NewCatalog is indexed; after changing
// Units directly, call Reindex. Lookups may run concurrently; Merge and
// Reindex must not run concurrently with them.
type Catalog struct {
	Units []Unit
	idx   atomic.Pointer[catIndex]
}

// catIndex is what lookups use: unit by key, unit by ID, and the word trie
// that ExtractUnits walks.
type catIndex struct {
	byKey map[string]int
	byID  map[string]int
	trie  *unitTrie
}

// unitTrie maps sequences of word keys (commas and hyphens dropped) to a unit.
type unitTrie struct {
	next map[string]*unitTrie
	unit int // index into Units, -1 when no name ends here
}

// catalogHeader is the first line of a catalog CSV file.
var catalogHeader = []string{"id", "name", "aliases", "kind", "level", "parent"}

// CatalogError is a problem in a catalog: Line is the 1-based line of the CSV
// file (0 when the catalog did not come from a file).
type CatalogError struct {
	Line int
	Msg  string
}

func (e *CatalogError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("dòng %d: %s", e.Line, e.Msg)
	}
	return e.Msg
}

// ReadCatalogCSV reads a catalog: a header line "id,name,aliases,kind,level,
// parent", then one unit a line, aliases separated by ";". Every problem is
// reported with its line ("dòng 7: thiếu tên đơn vị") and nothing is returned
// then: a catalog is read whole or not at all.
func ReadCatalogCSV(r io.Reader) (*Catalog, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err == io.EOF {
		return nil, &CatalogError{Line: 1, Msg: "tệp danh mục đơn vị trống"}
	}
	if err != nil {
		return nil, csvError(err)
	}
	if len(head) > 0 {
		head[0] = strings.TrimPrefix(head[0], "\uFEFF")
	}
	if !equalFold(head, catalogHeader) {
		return nil, &CatalogError{Line: 1, Msg: fmt.Sprintf("dòng tiêu đề phải là %q", strings.Join(catalogHeader, ","))}
	}
	var units []Unit
	var lines []int
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != len(catalogHeader) {
			return nil, &CatalogError{Line: line, Msg: fmt.Sprintf("cần %d cột, có %d", len(catalogHeader), len(rec))}
		}
		u := Unit{ID: rec[0], Name: rec[1], Kind: rec[3], Level: rec[4], Parent: rec[5]}
		if rec[2] != "" {
			u.Aliases = strings.Split(rec[2], ";")
		}
		units = append(units, u)
		lines = append(lines, line)
	}
	return newCatalog(units, lines)
}

// csvError turns an encoding/csv error into a CatalogError naming its line.
func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &CatalogError{Line: pe.Line, Msg: "CSV không hợp lệ: " + pe.Err.Error()}
	}
	return err
}

func equalFold(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !strings.EqualFold(strings.TrimSpace(a[i]), b[i]) {
			return false
		}
	}
	return true
}

// NewCatalog checks units and indexes them. The checks are those of
// ReadCatalogCSV; errors name the unit's position (its CSV line would be
// position+1).
func NewCatalog(units []Unit) (*Catalog, error) {
	lines := make([]int, len(units))
	for i := range lines {
		lines[i] = i + 2
	}
	return newCatalog(units, lines)
}

func newCatalog(units []Unit, lines []int) (*Catalog, error) {
	c := &Catalog{Units: units}
	if err := c.check(lines); err != nil {
		return nil, err
	}
	c.Reindex()
	return c, nil
}

// check validates the catalog: IDs present and unique, names present, kinds
// and levels known, parents known and not circular, no name or alias shared
// by two units.
func (c *Catalog) check(lines []int) error {
	line := func(i int) int {
		if i < len(lines) {
			return lines[i]
		}
		return 0
	}
	ids := map[string]int{}
	keys := map[string]int{}
	for i, u := range c.Units {
		switch {
		case strings.TrimSpace(u.ID) == "":
			return &CatalogError{line(i), "thiếu mã đơn vị (cột id)"}
		case strings.TrimSpace(u.Name) == "":
			return &CatalogError{line(i), fmt.Sprintf("thiếu tên đơn vị %q (cột name)", u.ID)}
		case !oneOf(u.Kind, UnitKinds):
			return &CatalogError{line(i), fmt.Sprintf("loại đơn vị %q không hợp lệ (cần một trong %s)", u.Kind, strings.Join(UnitKinds, ", "))}
		case !oneOf(u.Level, UnitLevels):
			return &CatalogError{line(i), fmt.Sprintf("cấp %q không hợp lệ (cần một trong %s)", u.Level, strings.Join(UnitLevels, ", "))}
		}
		if j, dup := ids[u.ID]; dup {
			return &CatalogError{line(i), fmt.Sprintf("mã %q trùng với dòng %d", u.ID, line(j))}
		}
		ids[u.ID] = i
		for _, n := range append([]string{u.Name}, u.Aliases...) {
			k := UnitKey(n)
			if k == "" {
				return &CatalogError{line(i), fmt.Sprintf("tên gọi khác rỗng ở đơn vị %q", u.ID)}
			}
			if j, dup := keys[k]; dup && j != i {
				return &CatalogError{line(i), fmt.Sprintf("tên %q đã dùng cho đơn vị %q (dòng %d)", n, c.Units[j].ID, line(j))}
			}
			keys[k] = i
		}
	}
	for i, u := range c.Units {
		if u.Parent == "" {
			continue
		}
		if _, ok := ids[u.Parent]; !ok {
			return &CatalogError{line(i), fmt.Sprintf("đơn vị cha %q không có trong danh mục", u.Parent)}
		}
		// Walk up: a chain longer than the catalog is a cycle.
		p, n := u.Parent, 0
		for p != "" && n <= len(c.Units) {
			if p == u.ID {
				return &CatalogError{line(i), fmt.Sprintf("đơn vị %q là cha của chính nó", u.ID)}
			}
			p = c.Units[ids[p]].Parent
			n++
		}
	}
	return nil
}

func oneOf(s string, set []string) bool {
	for _, x := range set {
		if s == x {
			return true
		}
	}
	return false
}

// WriteCSV writes the catalog in the form ReadCatalogCSV reads; a file
// written by WriteCSV is read back and written again byte for byte.
func (c *Catalog) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(catalogHeader); err != nil {
		return err
	}
	for _, u := range c.Units {
		if err := cw.Write([]string{u.ID, u.Name, strings.Join(u.Aliases, ";"), u.Kind, u.Level, u.Parent}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Reindex rebuilds the lookup index after Units changed.
func (c *Catalog) Reindex() {
	ix := &catIndex{byKey: map[string]int{}, byID: map[string]int{}, trie: &unitTrie{unit: -1}}
	for i, u := range c.Units {
		ix.byID[u.ID] = i
		for _, n := range append([]string{u.Name}, u.Aliases...) {
			k := UnitKey(n)
			if k == "" {
				continue
			}
			if _, dup := ix.byKey[k]; !dup {
				ix.byKey[k] = i
			}
			ix.trie.add(strings.Fields(k), i)
		}
	}
	c.idx.Store(ix)
}

func (t *unitTrie) add(words []string, unit int) {
	for _, w := range words {
		if t.next == nil {
			t.next = map[string]*unitTrie{}
		}
		n := t.next[w]
		if n == nil {
			n = &unitTrie{unit: -1}
			t.next[w] = n
		}
		t = n
	}
	if t.unit < 0 {
		t.unit = unit
	}
}

// index returns the lookup index, building it when Units was set directly.
func (c *Catalog) index() *catIndex {
	if c == nil {
		return nil
	}
	if ix := c.idx.Load(); ix != nil {
		return ix
	}
	c.Reindex()
	return c.idx.Load()
}

// Resolve finds a unit by its name or one of its aliases. The match ignores
// case, Unicode normalization (NFC or NFD), where the tone mark sits ("Tỉnh
// uỷ" = "Tỉnh ủy", "hoà" = "hòa"), punctuation and extra spaces.
func (c *Catalog) Resolve(name string) (Unit, bool) {
	ix := c.index()
	if ix == nil {
		return Unit{}, false
	}
	i, ok := ix.byKey[UnitKey(name)]
	if !ok {
		return Unit{}, false
	}
	return c.Units[i], true
}

// Unit returns the unit with the given ID.
func (c *Catalog) Unit(id string) (Unit, bool) {
	ix := c.index()
	if ix == nil {
		return Unit{}, false
	}
	i, ok := ix.byID[id]
	if !ok {
		return Unit{}, false
	}
	return c.Units[i], true
}

// Merge folds unit drop into unit keep: drop's name and aliases become
// aliases of keep (those keep already answers to are not repeated), drop's
// children become keep's, and drop leaves the catalog. Used when the same
// body was entered twice, or was renamed ("Sở Nông nghiệp và Phát triển nông
// thôn" into "Sở Nông nghiệp và Môi trường").
func (c *Catalog) Merge(keep, drop string) error {
	if keep == drop {
		return fmt.Errorf("không thể gộp đơn vị %q vào chính nó", keep)
	}
	ki, di := -1, -1
	for i, u := range c.Units {
		switch u.ID {
		case keep:
			ki = i
		case drop:
			di = i
		}
	}
	if ki < 0 {
		return fmt.Errorf("không có đơn vị %q trong danh mục", keep)
	}
	if di < 0 {
		return fmt.Errorf("không có đơn vị %q trong danh mục", drop)
	}
	k, d := c.Units[ki], c.Units[di]
	seen := map[string]bool{UnitKey(k.Name): true}
	aliases := make([]string, 0, len(k.Aliases)+len(d.Aliases)+1)
	for _, a := range append(append(append([]string{}, k.Aliases...), d.Name), d.Aliases...) {
		if key := UnitKey(a); key != "" && !seen[key] {
			seen[key] = true
			aliases = append(aliases, a)
		}
	}
	k.Aliases = aliases
	if k.Parent == drop {
		k.Parent = d.Parent
	}
	units := make([]Unit, 0, len(c.Units)-1)
	for i, u := range c.Units {
		switch {
		case i == di:
			continue
		case i == ki:
			u = k
		case u.Parent == drop:
			u.Parent = keep
		}
		units = append(units, u)
	}
	c.Units = units
	c.Reindex()
	return nil
}

// UnitKey is the form names are compared in: NFC, lower case, tone mark
// moved to the end of each syllable (so "uỷ" and "ủy", "hoà" and "hòa" agree),
// punctuation dropped, words separated by one space.
func UnitKey(s string) string {
	var b strings.Builder
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(wordKey(s[start:end]))
		start = -1
	}
	for i, r := range s {
		if unitWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(s))
	return b.String()
}

// unitWordRune reports whether r belongs to a word: letters, digits and
// combining marks (text in NFD keeps its marks inside the word).
func unitWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// toneMarks are the five Vietnamese tone marks as combining characters.
var toneMarks = map[rune]byte{0x0300: '2', 0x0301: '1', 0x0303: '4', 0x0309: '3', 0x0323: '5'}

// wordKey folds one word: lower case, NFC, tone mark taken off its vowel and
// written as a digit at the end ("ủy" and "uỷ" both give "uy3").
func wordKey(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(w)
	}
	if key, ok := wordKeyFast(w); ok {
		return key
	}
	return wordKeySlow(w)
}

// wordKeySlow is wordKey through NFD, for any input.
func wordKeySlow(w string) string {
	d := norm.NFD.String(strings.ToLower(w))
	var tone byte
	var b strings.Builder
	for _, r := range d {
		if t, ok := toneMarks[r]; ok {
			tone = t
			continue
		}
		b.WriteRune(r)
	}
	out := norm.NFC.String(b.String())
	if tone != 0 {
		out += string(tone)
	}
	return out
}

// vnFold maps a precomposed lower-case letter with a tone mark to the letter
// without it and the tone's digit: 'ủ' → 'u', '3'; 'ố' → 'ô', '1'. It is a
// variable initialised by a function so that package variables built with
// UnitKey (cue word sets) see it filled.
var vnFold = buildVNFold()

type vnFolded struct {
	base rune
	tone byte
}

func buildVNFold() map[rune]vnFolded {
	m := map[rune]vnFolded{}
	for r := rune(0xC0); r <= 0x1EFF; r++ {
		if !unicode.IsLower(r) {
			continue
		}
		var tone byte
		var rest []rune
		for _, c := range norm.NFD.String(string(r)) {
			if t, ok := toneMarks[c]; ok {
				tone = t
				continue
			}
			rest = append(rest, c)
		}
		if tone == 0 {
			continue
		}
		if base := []rune(norm.NFC.String(string(rest))); len(base) == 1 {
			m[r] = vnFolded{base[0], tone}
		}
	}
	return m
}

// wordKeyFast is wordKey for a word in NFC with no combining marks: one
// table look-up a letter. ok is false when the word needs the slow path.
func wordKeyFast(w string) (string, bool) {
	var b strings.Builder
	b.Grow(len(w) + 1)
	var tone byte
	for _, r := range w {
		if unicode.Is(unicode.Mn, r) {
			return "", false
		}
		r = unicode.ToLower(r)
		if f, ok := vnFold[r]; ok {
			if tone != 0 {
				return "", false
			}
			r, tone = f.base, f.tone
		}
		b.WriteRune(r)
	}
	if tone != 0 {
		b.WriteByte(tone)
	}
	return b.String(), true
}
