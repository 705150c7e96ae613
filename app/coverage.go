package app

import (
	"context"
	"math"
	"sort"
	"unicode/utf8"

	"chidao/docs"
	"chidao/index/analysis"
	"chidao/store"
)

// Suggestion thresholds: a central clause is suggested for a local clause
// when their similarity reaches minSimilarity and half the best candidate's.
const (
	minSimilarity  = 0.12
	citationBonus  = 0.15 // the local clause cites the central document itself
	maxSuggestions = 3
)

// SuggestImplements proposes, for each directive clause of a local document,
// the clauses of the central documents it cites (those in the library) that
// it implements: candidates are ranked by the similarity of their words
// (syllable pairs folded as the search index folds them, weighted by
// rarity), with a bonus when the local clause cites that document itself.
// The suggestions replace the earlier automatic ones; links a person
// confirmed, removed or added stay.
func (l *Library) SuggestImplements(ctx context.Context, localID int64) ([]store.Implements, error) {
	cits, err := l.store.Citations(ctx, localID)
	if err != nil {
		return nil, err
	}
	citing := map[int64]map[string]bool{} // central doc → local clauses citing it
	var centrals []int64
	for _, c := range cits {
		if c.DocumentID == 0 || c.DocumentID == localID {
			continue
		}
		if citing[c.DocumentID] == nil {
			citing[c.DocumentID] = map[string]bool{}
			centrals = append(centrals, c.DocumentID)
		}
		citing[c.DocumentID][c.Clause] = true
	}
	locals, err := l.directiveClauses(ctx, localID)
	if err != nil {
		return nil, err
	}
	var out []store.Implements
	for _, cid := range centrals {
		cs, err := l.store.Clauses(ctx, cid)
		if err != nil {
			return nil, err
		}
		var central []store.Clause
		for _, c := range cs {
			if utf8.RuneCountInString(c.Text) >= 30 {
				central = append(central, c)
			}
		}
		if len(central) == 0 {
			continue
		}
		vs := newVectors(append(textsOf(central), textsOf(locals)...))
		cv, lv := vs[:len(central)], vs[len(central):]
		for i, lc := range locals {
			type cand struct {
				c     store.Clause
				score float64
			}
			var cands []cand
			for j, c := range central {
				s := lv[i].cosine(cv[j])
				if citing[cid][lc.Address] || citing[cid][parentOf(lc.Address, locals)] {
					s += citationBonus * math.Min(1, s/minSimilarity)
				}
				if s >= minSimilarity {
					cands = append(cands, cand{c, s})
				}
			}
			sort.SliceStable(cands, func(a, b int) bool { return cands[a].score > cands[b].score })
			for k, cd := range cands {
				if k == maxSuggestions || cd.score < cands[0].score/2 {
					break
				}
				out = append(out, store.Implements{LocalDocumentID: localID, LocalClause: lc.Address,
					CentralDocumentID: cid, CentralClause: cd.c.Address, Score: math.Round(cd.score*1000) / 1000})
			}
		}
	}
	if err := l.store.ReplaceAutoImplements(ctx, localID, out); err != nil {
		return nil, err
	}
	return l.store.ImplementsOfLocal(ctx, localID)
}

// directiveClauses are the clauses of a document that give tasks (its task
// sections), in document order.
func (l *Library) directiveClauses(ctx context.Context, id int64) ([]store.Clause, error) {
	paras, err := l.store.Paragraphs(ctx, id)
	if err != nil {
		return nil, err
	}
	cat, err := l.catalog(ctx)
	if err != nil {
		return nil, err
	}
	want := map[string]bool{}
	for _, p := range docs.ProposeTasks(docs.Parse(toDocsParagraphs(paras)), cat) {
		want[p.Clause] = true
	}
	cs, err := l.store.Clauses(ctx, id)
	if err != nil {
		return nil, err
	}
	var out []store.Clause
	for _, c := range cs {
		if want[c.Address] {
			out = append(out, c)
		}
	}
	return out, nil
}

func parentOf(addr string, cs []store.Clause) string {
	for _, c := range cs {
		if c.Address == addr {
			return c.Parent
		}
	}
	return ""
}

func textsOf(cs []store.Clause) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Heading + " " + c.Text
	}
	return out
}

// vector is a text's folded syllable pairs weighted by tf·idf, normalised.
type vector map[string]float64

func newVectors(texts []string) []vector {
	tfs := make([]map[string]int, len(texts))
	df := map[string]int{}
	for i, t := range texts {
		tf := map[string]int{}
		for _, term := range analysis.Terms(analysis.BigramFolded(), t) {
			tf[term]++
		}
		for term := range tf {
			df[term]++
		}
		tfs[i] = tf
	}
	n := float64(len(texts))
	out := make([]vector, len(texts))
	for i, tf := range tfs {
		v := vector{}
		var norm2 float64
		for term, c := range tf {
			w := (1 + math.Log(float64(c))) * math.Log(1+n/float64(df[term]))
			v[term] = w
			norm2 += w * w
		}
		if norm2 > 0 {
			k := 1 / math.Sqrt(norm2)
			for term := range v {
				v[term] *= k
			}
		}
		out[i] = v
	}
	return out
}

func (v vector) cosine(o vector) float64 {
	if len(o) < len(v) {
		v, o = o, v
	}
	var s float64
	for term, w := range v {
		s += w * o[term]
	}
	return s
}

// CoverageLink is one local clause implementing a central clause, with the
// tasks that follow it.
type CoverageLink struct {
	store.Implements
	LocalNumber string     `json:"local_number"`
	LocalTitle  string     `json:"local_title"`
	LocalText   string     `json:"local_text"`
	Tasks       []TaskView `json:"tasks"`
}

// CoverageClause is one clause of a central document and what implements it;
// Gap is true when nothing does (no link other than removed ones).
type CoverageClause struct {
	store.Clause
	Links []CoverageLink `json:"links"`
	Gap   bool           `json:"gap"`
}

// Coverage is, clause by clause, how a central document is implemented.
type Coverage struct {
	Document    store.Document   `json:"document"`
	Clauses     []CoverageClause `json:"clauses"`
	Implemented int              `json:"implemented"`
	Gaps        int              `json:"gaps"`
}

// Coverage lists the clauses of a central document with the local clauses
// that implement them (suggested or confirmed) and those clauses' tasks, and
// the clauses nothing implements yet. Only clauses that direct something are
// listed (as the task proposer reads them), and any clause with a link.
func (l *Library) Coverage(ctx context.Context, centralID int64) (Coverage, error) {
	d, err := l.store.Document(ctx, centralID)
	if err != nil {
		return Coverage{}, err
	}
	cov := Coverage{Document: d}
	cs, err := l.store.Clauses(ctx, centralID)
	if err != nil {
		return cov, err
	}
	links, err := l.store.ImplementsOfCentral(ctx, centralID)
	if err != nil {
		return cov, err
	}
	byClause := map[string][]store.Implements{}
	localDocs := map[int64]store.Document{}
	localClauses := map[int64]map[string]store.Clause{}
	localTasks := map[int64]map[string][]TaskView{}
	for _, k := range links {
		if k.State == "removed" {
			continue
		}
		byClause[k.CentralClause] = append(byClause[k.CentralClause], k)
		if _, ok := localDocs[k.LocalDocumentID]; ok {
			continue
		}
		ld, err := l.store.Document(ctx, k.LocalDocumentID)
		if err != nil {
			return cov, err
		}
		localDocs[k.LocalDocumentID] = ld
		lcs, err := l.store.Clauses(ctx, k.LocalDocumentID)
		if err != nil {
			return cov, err
		}
		m := map[string]store.Clause{}
		for _, c := range lcs {
			m[c.Address] = c
		}
		localClauses[k.LocalDocumentID] = m
		ts, err := l.Tasks(ctx, TaskQuery{DocumentID: k.LocalDocumentID})
		if err != nil {
			return cov, err
		}
		tm := map[string][]TaskView{}
		for _, t := range ts {
			for _, c := range t.Clauses {
				tm[c.Clause] = append(tm[c.Clause], t)
			}
		}
		localTasks[k.LocalDocumentID] = tm
	}
	// The clauses that direct something; all clauses with text when the
	// document gives no directive the proposer recognises.
	directive := map[string]bool{}
	if dcs, err := l.directiveClauses(ctx, centralID); err == nil {
		for _, c := range dcs {
			directive[c.Address] = true
		}
	}
	for _, c := range cs {
		keep := directive[c.Address] || (len(directive) == 0 && utf8.RuneCountInString(c.Text) >= 30)
		if !keep && len(byClause[c.Address]) == 0 {
			continue
		}
		cc := CoverageClause{Clause: c}
		ks := byClause[c.Address]
		sort.SliceStable(ks, func(i, j int) bool {
			if (ks[i].State == "confirmed") != (ks[j].State == "confirmed") {
				return ks[i].State == "confirmed"
			}
			return ks[i].Score > ks[j].Score
		})
		for _, k := range ks {
			ld := localDocs[k.LocalDocumentID]
			cc.Links = append(cc.Links, CoverageLink{Implements: k, LocalNumber: ld.Number, LocalTitle: ld.Title,
				LocalText: localClauses[k.LocalDocumentID][k.LocalClause].Text, Tasks: localTasks[k.LocalDocumentID][k.LocalClause]})
		}
		cc.Gap = len(cc.Links) == 0
		if cc.Gap {
			cov.Gaps++
		} else {
			cov.Implemented++
		}
		cov.Clauses = append(cov.Clauses, cc)
	}
	return cov, nil
}

// CentralDocuments are the library's documents that local clauses implement
// or that documents with tasks cite: the choices of the coverage view.
func (l *Library) CentralDocuments(ctx context.Context) ([]store.Document, error) {
	ts, err := l.store.Tasks(ctx, store.TaskFilter{})
	if err != nil {
		return nil, err
	}
	seen := map[int64]bool{}
	var ids []int64
	add := func(id int64) {
		if id != 0 && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	locals := map[int64]bool{}
	for _, t := range ts {
		locals[t.DocumentID] = true
	}
	for id := range locals {
		ims, err := l.store.ImplementsOfLocal(ctx, id)
		if err != nil {
			return nil, err
		}
		for _, k := range ims {
			if k.State != "removed" {
				add(k.CentralDocumentID)
			}
		}
		cits, err := l.store.Citations(ctx, id)
		if err != nil {
			return nil, err
		}
		for _, c := range cits {
			if c.DocumentID != id {
				add(c.DocumentID)
			}
		}
	}
	var out []store.Document
	for _, id := range ids {
		d, err := l.store.Document(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	SortDocuments(out, "title", true)
	return out, nil
}

// ConfirmImplements, RemoveImplements and AddImplements are the clerk's
// decisions on implements-links; each goes to the audit log.
func (l *Library) ConfirmImplements(ctx context.Context, id int64) error {
	return l.store.SetImplementsState(ctx, id, "confirmed", l.userName())
}

// RemoveImplements marks a suggested or confirmed implements-link as wrong.
func (l *Library) RemoveImplements(ctx context.Context, id int64) error {
	return l.store.SetImplementsState(ctx, id, "removed", l.userName())
}

// AddImplements marks by hand a local clause as implementing a central one.
func (l *Library) AddImplements(ctx context.Context, localID int64, localClause string, centralID int64, centralClause string) (int64, error) {
	return l.store.AddImplements(ctx, store.Implements{LocalDocumentID: localID, LocalClause: localClause,
		CentralDocumentID: centralID, CentralClause: centralClause}, l.userName())
}

// ImplementsOfLocal lists the implements-links of a local document.
func (l *Library) ImplementsOfLocal(ctx context.Context, localID int64) ([]store.Implements, error) {
	return l.store.ImplementsOfLocal(ctx, localID)
}
