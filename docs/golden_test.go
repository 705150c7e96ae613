package docs

// Golden tests of the directive parser (Parse) and the reference finder.
//
// The goldens in testdata/golden/*.json were written by reading the corpus
// documents, not by running the parser. Each names its file under the corpus
// and holds only what the document shows:
//
//	"metadata":   kind, number, date, place, issuer, signer_name, signer_title,
//	              recipients_count, recipients_first (and title, subject when
//	              given). A value may be a list of strings: any one of them is
//	              accepted (used where the document is honestly ambiguous).
//	"top_level":  the labelled top-level clauses in order: {"label", "heading"};
//	              an entry without "heading" checks the label only.
//	"sections":   address → number of labelled children (Label not "", "-", "+").
//	"references": every distinct number the document cites (own number excluded).
//	"references_optional": numbers that may be reported or not without penalty
//	              (example numbers in a text about numbering, say).
//
// Run: go test ./docs -run Golden -v

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
)

// Thresholds (tune once the parser has landed).
const (
	goldenMinRefRecall     = 0.95 // micro-averaged over all goldens
	goldenMinRefPrecision  = 0.95 // micro-averaged over all goldens
	goldenMinMetadataShare = 0.90 // share of golden metadata fields that match exactly
	goldenMinTopLevelShare = 0.90 // share of documents whose top level matches
)

var goldenCorpus = parseCorpus

const (
	goldenDir    = "testdata/golden"
	goldenSample = "kh-tu-2020-thuc-hien-kl74-tw" // must match in every respect
)

// goldenMetaFields is the order metadata fields are reported in.
var goldenMetaFields = []string{"kind", "number", "date", "place", "issuer", "title", "subject",
	"signer_name", "signer_title", "recipients_count", "recipients_first"}

type goldenTop struct {
	Label   string  `json:"label"`
	Heading *string `json:"heading"`
}

type goldenDoc struct {
	Name       string                     `json:"-"`
	File       string                     `json:"file"`
	Metadata   map[string]json.RawMessage `json:"metadata"`
	TopLevel   []goldenTop                `json:"top_level"`
	Sections   map[string]int             `json:"sections"`
	References *[]string                  `json:"references"`
	Optional   []string                   `json:"references_optional"`
}

// goldenResult is what one document scored.
type goldenResult struct {
	Name     string
	Err      string          // extraction failure or parser panic
	Meta     map[string]bool // field → matched
	TopOK    *bool           // nil when the golden has no top_level
	SecTotal int
	SecOK    int
	RefGold  int
	RefGot   int // reported, optional ones excluded
	RefTP    int
	HasRefs  bool
	Problems []string // readable mismatches
}

func (r *goldenResult) problem(format string, args ...any) {
	r.Problems = append(r.Problems, fmt.Sprintf(format, args...))
}

var (
	goldenOnce    sync.Once
	goldenResults []*goldenResult
	goldenSkip    string
	goldenLoadErr error
)

func goldenRun(t *testing.T) []*goldenResult {
	t.Helper()
	goldenOnce.Do(func() {
		if _, err := os.Stat(goldenCorpus); err != nil {
			goldenSkip = "test corpus missing at " + goldenCorpus
			return
		}
		docs, err := goldenLoad()
		if err != nil {
			goldenLoadErr = err
			return
		}
		for _, g := range docs {
			goldenResults = append(goldenResults, goldenCheck(g))
		}
	})
	if goldenSkip != "" {
		t.Fatal(goldenSkip)
	}
	if goldenLoadErr != nil {
		t.Fatal(goldenLoadErr)
	}
	return goldenResults
}

func goldenLoad() ([]*goldenDoc, error) {
	names, err := filepath.Glob(filepath.Join(goldenDir, "*.json"))
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no goldens in %s", goldenDir)
	}
	sort.Strings(names)
	var out []*goldenDoc
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			return nil, err
		}
		g := &goldenDoc{Name: strings.TrimSuffix(filepath.Base(n), ".json")}
		dec := json.NewDecoder(strings.NewReader(string(b)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(g); err != nil {
			return nil, fmt.Errorf("%s: %v", n, err)
		}
		for k := range g.Metadata {
			if !goldenKnownField(k) {
				return nil, fmt.Errorf("%s: unknown metadata field %q", n, k)
			}
		}
		out = append(out, g)
	}
	return out, nil
}

func goldenKnownField(k string) bool {
	for _, f := range goldenMetaFields {
		if f == k {
			return true
		}
	}
	return false
}

// goldenParse extracts and parses one corpus file, turning a panic into an error.
func goldenParse(path string) (p Parsed, err error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return p, err
	}
	f := FormatTXT
	switch strings.ToLower(filepath.Ext(path)) {
	case ".doc":
		f = FormatDOC
	case ".html", ".htm":
		f = FormatHTML
	}
	raw, err := ExtractLocal(b, f)
	if err != nil {
		return p, fmt.Errorf("extract: %v", err)
	}
	paras := Finish(raw).Paragraphs
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("Parse panicked: %v", r)
		}
	}()
	return Parse(paras), nil
}

func goldenCheck(g *goldenDoc) *goldenResult {
	r := &goldenResult{Name: g.Name, Meta: map[string]bool{}, HasRefs: g.References != nil}
	p, err := goldenParse(filepath.Join(goldenCorpus, filepath.FromSlash(g.File)))
	if err != nil {
		// Everything the golden asks for counts as missed.
		r.Err = err.Error()
		r.problem("ERROR: %v", err)
		for k := range g.Metadata {
			r.Meta[k] = false
		}
		if g.TopLevel != nil {
			f := false
			r.TopOK = &f
		}
		r.SecTotal = len(g.Sections)
		if g.References != nil {
			r.RefGold = len(*g.References)
		}
		return r
	}
	goldenCheckMeta(g, p.Metadata, r)
	goldenCheckTop(g, p.Clauses, r)
	goldenCheckSections(g, p.Clauses, r)
	goldenCheckRefs(g, p.References, r)
	return r
}

func goldenCheckMeta(g *goldenDoc, m Metadata, r *goldenResult) {
	first := ""
	if len(m.Recipients) > 0 {
		first = m.Recipients[0]
	}
	got := map[string]string{
		"kind": m.Kind, "number": m.Number, "date": m.Date, "place": m.Place, "issuer": m.Issuer,
		"title": m.Title, "subject": m.Subject, "signer_name": m.SignerName, "signer_title": m.SignerTitle,
		"recipients_count": fmt.Sprint(len(m.Recipients)), "recipients_first": first,
	}
	for _, k := range goldenMetaFields {
		raw, ok := g.Metadata[k]
		if !ok {
			continue
		}
		want, err := goldenAlternatives(raw)
		if err != nil {
			r.Meta[k] = false
			r.problem("metadata.%s: bad golden value %s: %v", k, raw, err)
			continue
		}
		match := false
		for _, w := range want {
			if got[k] == w {
				match = true
			}
		}
		r.Meta[k] = match
		if !match {
			w := fmt.Sprintf("%q", want[0])
			if len(want) > 1 {
				w = fmt.Sprintf("one of %q", want)
			}
			extra := ""
			if k == "recipients_count" && len(m.Recipients) > 0 {
				extra = fmt.Sprintf("\n        got recipients: %q", m.Recipients)
			}
			r.problem("metadata.%s:\n        want %s\n        got  %q%s", k, w, got[k], extra)
		}
	}
}

// goldenAlternatives reads a golden value: a string, a list of strings or a number.
func goldenAlternatives(raw json.RawMessage) ([]string, error) {
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return []string{s}, nil
	}
	var l []string
	if err := json.Unmarshal(raw, &l); err == nil {
		if len(l) == 0 {
			return nil, fmt.Errorf("empty list")
		}
		return l, nil
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err == nil {
		return []string{n.String()}, nil
	}
	return nil, fmt.Errorf("neither string, list of strings nor number")
}

func goldenLabelled(c *Clause) bool {
	return c.Label != "" && c.Label != "-" && c.Label != "+"
}

// goldenHeadingNorm compares headings case-insensitively, ignoring runs of
// spaces and trailing punctuation.
func goldenHeadingNorm(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.TrimRight(s, ".:;, ")
	return strings.ToLower(s)
}

func goldenCheckTop(g *goldenDoc, cs []*Clause, r *goldenResult) {
	if g.TopLevel == nil {
		return
	}
	var got []*Clause
	for _, c := range cs {
		if goldenLabelled(c) && c.Level != "appendix" {
			got = append(got, c)
		}
	}
	ok := len(got) == len(g.TopLevel)
	for i := 0; ok && i < len(got); i++ {
		w := g.TopLevel[i]
		if got[i].Label != w.Label {
			ok = false
		}
		if w.Heading != nil && goldenHeadingNorm(got[i].Heading) != goldenHeadingNorm(*w.Heading) {
			ok = false
		}
	}
	r.TopOK = &ok
	if ok {
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "top level (want %d, got %d labelled non-appendix top-level clauses):", len(g.TopLevel), len(got))
	for i := 0; i < len(got) || i < len(g.TopLevel); i++ {
		want, have := "—", "—"
		mark := "  "
		if i < len(g.TopLevel) {
			w := g.TopLevel[i]
			want = w.Label
			if w.Heading != nil {
				want += " | " + *w.Heading
			}
		}
		if i < len(got) {
			have = got[i].Label + " | " + got[i].Heading + "  [" + got[i].Level + "]"
		}
		if i >= len(got) || i >= len(g.TopLevel) || got[i].Label != g.TopLevel[i].Label ||
			(g.TopLevel[i].Heading != nil && goldenHeadingNorm(got[i].Heading) != goldenHeadingNorm(*g.TopLevel[i].Heading)) {
			mark = "✗ "
		}
		fmt.Fprintf(&b, "\n      %swant %s\n        got  %s", mark, want, have)
	}
	r.Problems = append(r.Problems, b.String())
}

// goldenFind finds the clause with an address: exactly, or else the only clause
// whose address ends with ".addr" (a parser may prefix articles with their chapter).
func goldenFind(cs []*Clause, addr string) (*Clause, string) {
	var exact *Clause
	var suffix []*Clause
	var walk func([]*Clause)
	walk = func(cs []*Clause) {
		for _, c := range cs {
			if c.Address == addr && exact == nil {
				exact = c
			} else if strings.HasSuffix(c.Address, "."+addr) {
				suffix = append(suffix, c)
			}
			walk(c.Children)
		}
	}
	walk(cs)
	if exact != nil {
		return exact, ""
	}
	if len(suffix) == 1 {
		return suffix[0], " (found as " + suffix[0].Address + ")"
	}
	return nil, ""
}

func goldenCheckSections(g *goldenDoc, cs []*Clause, r *goldenResult) {
	addrs := make([]string, 0, len(g.Sections))
	for a := range g.Sections {
		addrs = append(addrs, a)
	}
	sort.Strings(addrs)
	for _, a := range addrs {
		want := g.Sections[a]
		r.SecTotal++
		c, note := goldenFind(cs, a)
		if c == nil {
			r.problem("sections[%s]: want %d labelled children, clause not found (top-level addresses: %s)", a, want, goldenTopAddrs(cs))
			continue
		}
		n := 0
		var labels []string
		for _, k := range c.Children {
			if goldenLabelled(k) {
				n++
				labels = append(labels, k.Label)
			}
		}
		if n == want {
			r.SecOK++
			continue
		}
		r.problem("sections[%s]%s: want %d labelled children, got %d %q", a, note, want, n, labels)
	}
}

func goldenTopAddrs(cs []*Clause) string {
	var s []string
	for _, c := range cs {
		s = append(s, fmt.Sprintf("%q", c.Address))
		if len(s) == 12 {
			s = append(s, "…")
			break
		}
	}
	return strings.Join(s, " ")
}

func goldenCheckRefs(g *goldenDoc, refs []Reference, r *goldenResult) {
	if g.References == nil {
		return
	}
	gold := map[string]string{} // key → golden number
	for _, n := range *g.References {
		gold[NumberKey(n)] = n
	}
	optional := map[string]bool{}
	for _, n := range g.Optional {
		optional[NumberKey(n)] = true
	}
	got := map[string]string{} // key → first reported number
	where := map[string]string{}
	for _, ref := range refs {
		k := NumberKey(ref.Number)
		if _, seen := got[k]; !seen {
			got[k] = ref.Number
			where[k] = ref.Clause + ": " + ref.Text
		}
	}
	r.RefGold = len(gold)
	var missing, extra []string
	for k, n := range got {
		if _, ok := gold[k]; ok {
			r.RefTP++
			r.RefGot++
		} else if !optional[k] {
			r.RefGot++
			extra = append(extra, fmt.Sprintf("%s  (at %s)", n, where[k]))
		}
	}
	for k, n := range gold {
		if _, ok := got[k]; !ok {
			missing = append(missing, n)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing) > 0 {
		r.problem("references missing (%d of %d): %s", len(missing), len(gold), strings.Join(missing, ", "))
	}
	if len(extra) > 0 {
		r.problem("references not in the golden (%d):\n        %s", len(extra), strings.Join(extra, "\n        "))
	}
}

func goldenShare(ok, total int) float64 {
	if total == 0 {
		return 1
	}
	return float64(ok) / float64(total)
}

// TestGolden reports each document's mismatches and requires the sample plan
// to match in every respect.
func TestGolden(t *testing.T) {
	results := goldenRun(t)
	sampleSeen := false
	for _, r := range results {
		r := r
		t.Run(r.Name, func(t *testing.T) {
			metaOK := 0
			for _, ok := range r.Meta {
				if ok {
					metaOK++
				}
			}
			top := "n/a"
			if r.TopOK != nil {
				top = fmt.Sprint(*r.TopOK)
			}
			refs := "n/a"
			if r.HasRefs {
				refs = fmt.Sprintf("%d/%d found, %d reported", r.RefTP, r.RefGold, r.RefGot)
			}
			t.Logf("metadata %d/%d  top-level %s  sections %d/%d  references %s",
				metaOK, len(r.Meta), top, r.SecOK, r.SecTotal, refs)
			for _, p := range r.Problems {
				t.Logf("  %s", p)
			}
			if r.Name == goldenSample {
				sampleSeen = true
				if len(r.Problems) > 0 {
					t.Errorf("the sample plan %s must match the golden exactly (%d mismatches above)", goldenSample, len(r.Problems))
				}
			}
		})
	}
	if !sampleSeen {
		t.Errorf("golden for the sample plan %s is missing", goldenSample)
	}
}

// TestGoldenSummary aggregates over all goldens and applies the thresholds.
func TestGoldenSummary(t *testing.T) {
	results := goldenRun(t)
	fieldOK := map[string]int{}
	fieldN := map[string]int{}
	metaOK, metaN := 0, 0
	topOK, topN := 0, 0
	secOK, secN := 0, 0
	tp, gold, got := 0, 0, 0
	var topFailed []string
	for _, r := range results {
		for k, ok := range r.Meta {
			fieldN[k]++
			metaN++
			if ok {
				fieldOK[k]++
				metaOK++
			}
		}
		if r.TopOK != nil {
			topN++
			if *r.TopOK {
				topOK++
			} else {
				topFailed = append(topFailed, r.Name)
			}
		}
		secOK += r.SecOK
		secN += r.SecTotal
		if r.HasRefs {
			tp += r.RefTP
			gold += r.RefGold
			got += r.RefGot
		}
	}
	t.Logf("goldens: %d documents", len(results))
	for _, k := range goldenMetaFields {
		if fieldN[k] > 0 {
			t.Logf("  metadata %-17s %3d/%-3d  %.2f", k, fieldOK[k], fieldN[k], goldenShare(fieldOK[k], fieldN[k]))
		}
	}
	meta := goldenShare(metaOK, metaN)
	top := goldenShare(topOK, topN)
	sec := goldenShare(secOK, secN)
	recall := goldenShare(tp, gold)
	precision := goldenShare(tp, got)
	if len(topFailed) > 0 {
		t.Logf("  top level wrong in: %s", strings.Join(topFailed, ", "))
	}
	t.Logf("SUMMARY metadata %.3f (%d/%d)  top-level %.3f (%d/%d docs)  sections %.3f (%d/%d)  references recall %.3f (%d/%d) precision %.3f (%d/%d)",
		meta, metaOK, metaN, top, topOK, topN, sec, secOK, secN, recall, tp, gold, precision, tp, got)

	if meta < goldenMinMetadataShare {
		t.Errorf("metadata share %.3f < %.2f", meta, goldenMinMetadataShare)
	}
	if top < goldenMinTopLevelShare {
		t.Errorf("top-level match %.3f of documents < %.2f", top, goldenMinTopLevelShare)
	}
	if recall < goldenMinRefRecall {
		t.Errorf("reference recall %.3f < %.2f", recall, goldenMinRefRecall)
	}
	if precision < goldenMinRefPrecision {
		t.Errorf("reference precision %.3f < %.2f", precision, goldenMinRefPrecision)
	}
}
