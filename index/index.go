// Package index is chidao's full-text search index (bleve, scorch). It is
// derived data: everything in it can be rebuilt from the library database, and
// it follows the database through the store's outbox.
//
// The index holds one bleve document per clause ("c<docID>/<seq>", type
// "clause") and one per document ("d<docID>", type "document") for title and
// metadata search. Text is indexed twice, by the analyzers of package
// chidao/index/analysis: exactly (NFC, lower case) and folded (no diacritics,
// đ→d), so that a query typed without marks finds accented text while
// accented queries rank exact matches first. Document numbers meet through
// docs.NumberKey ("74-KL/TW", "74/KL-TW", "KL 74" → "74-kl"). The text's
// folded syllable bigrams ("tuyen_dung", "dung_cong", "cong_chuc") are a third
// field, text_b2, on which a query of adjacent words first looks for the
// clauses where they stand together (see Search).
//
// Search takes the query language described on Query, facet filters, sort
// and paging, and returns hits with highlight fragments built from term
// locations.
package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"chidao/index/analysis"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"github.com/blevesearch/bleve/v2/mapping"
)

// Version is stamped in the library database when the index is built; a
// different number in a new binary means the mapping changed and the index must
// be rebuilt. 5: clause docs carry their tasks' statuses and due date.
const Version = 5

// ErrLocked is returned when another process has the index open.
var ErrLocked = errors.New("index: in use by another process")

// ErrDamaged is returned when the index cannot be read: it must be rebuilt.
var ErrDamaged = errors.New("index: damaged")

// Index is an open search index.
type Index struct {
	b bleve.Index

	metaMu sync.Mutex
	meta   map[int64]docFacets // the facet values of the documents read so far
	owners docOwners           // the document of each doc, for facets
}

// Open opens the index in dir, creating it when absent. It waits at most
// timeout for a lock held by another process, then returns ErrLocked.
func Open(dir string, timeout time.Duration, readOnly bool) (ix *Index, err error) {
	// A damaged segment can make bleve panic while it opens the index: that
	// is an error like any other, which the library answers by rebuilding.
	defer func() {
		if r := recover(); r != nil {
			ix, err = nil, fmt.Errorf("%w: %v", ErrDamaged, r)
		}
	}()
	cfg := map[string]interface{}{"bolt_timeout": timeout.String()}
	if readOnly {
		cfg["read_only"] = true
	}
	b, err := bleve.OpenUsing(dir, cfg)
	if errors.Is(err, bleve.ErrorIndexPathDoesNotExist) && !readOnly {
		b, err = bleve.NewUsing(dir, buildMapping(), scorch.Name, scorch.Name, cfg)
	}
	if err != nil {
		if strings.Contains(err.Error(), "timeout") {
			return nil, fmt.Errorf("%w: %v", ErrLocked, err)
		}
		return nil, err
	}
	return &Index{b: b}, nil
}

// Remove deletes the index folder, for a rebuild.
func Remove(dir string) error { return os.RemoveAll(dir) }

// Close closes the index.
func (ix *Index) Close() error { return ix.b.Close() }

// Field names. A "_f" field is the folded twin of the field without it, fed
// the same value.
const (
	fType       = "type"        // "clause" or "document"
	fDocID      = "document_id" // the document's id, decimal
	fAddress    = "address"     // stored: "B.II.2.1"
	fAddressKey = "address_key" // folded lower case, for dieu: prefixes
	fPath       = "path"        // heading path: ancestors' headings and the clause's own
	fPathF      = "path_f"      // indexed folded only
	fHeading    = "heading"     // stored: the clause's own heading
	fText       = "text"        // stored, term vectors: the clause text; a document doc's title (and subject)
	fTextF      = "text_f"
	fTextB2     = "text_b2" // folded syllable bigrams of text ("tuyen_dung"), indexed only, no term vectors
	fKind       = "kind"    // keyword facet: "Kế hoạch"
	fKindKey    = "kind_key"
	fNumber     = "number"     // stored: "74-KL/TW"
	fNumberKey  = "number_key" // "74-kl"
	fDate       = "date"       // keyword "2020-05-22", sortable
	fYear       = "year"       // keyword facet "2020"
	fIssuer     = "issuer"     // keyword facet: "Tỉnh ủy Tuyên Quang"
	fIssuerF    = "issuer_f"   // folded text
	fTitle      = "title"      // document docs: stored, term vectors: title (and subject when not in it)
	fTitleF     = "title_f"
	fDocTitle   = "doc_title"   // clause docs: the document's title, stored only
	fPage       = "page"        // stored
	fUnit       = "unit"        // keyword facet: names of the units the clause assigns work to
	fUnitF      = "unit_f"      // folded text of those names, for donvi:
	fTask       = "task_status" // keyword: the distinct statuses of the clause's tasks (facet read from postings)
	fTaskDue    = "task_due"    // number yyyymmdd: the earliest due date of its open tasks
	fFile       = "file"        // folded text: the file name
	fFormat     = "format"      // keyword
)

const (
	typeClause   = "clause"
	typeDocument = "document"
)

// buildMapping is the static mapping shared by clause and document docs:
// nothing dynamic, no _all field, term vectors only on the field that feeds
// highlights and phrases (text, exact and folded), doc values only on facet
// and sort fields. A document doc puts its title in "text": title search and
// clause search are then one field, one query, and a title's highlights
// come from the same locations.
func buildMapping() mapping.IndexMapping {
	kw := func(store, docValues bool) *mapping.FieldMapping {
		m := bleve.NewKeywordFieldMapping()
		m.Analyzer = keyword.Name
		m.Store = store
		m.DocValues = docValues
		m.IncludeInAll = false
		m.IncludeTermVectors = false
		return m
	}
	storedOnly := func() *mapping.FieldMapping {
		m := bleve.NewTextFieldMapping()
		m.Index = false
		m.Store = true
		m.IncludeInAll = false
		m.IncludeTermVectors = false
		m.DocValues = false
		return m
	}
	text := func(name, analyzer string, store, vectors bool) *mapping.FieldMapping {
		m := bleve.NewTextFieldMapping()
		m.Name = name
		m.Analyzer = analyzer
		m.Store = store
		m.IncludeTermVectors = vectors
		m.IncludeInAll = false
		m.DocValues = false
		return m
	}

	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(fType, kw(false, false))
	docID := kw(false, true)
	docID.SkipFreqNorm = true // only filtered on, never scored
	dm.AddFieldMappingsAt(fDocID, docID)
	dm.AddFieldMappingsAt(fAddress, storedOnly(), text(fAddressKey, analysis.KeywordFoldName, false, false))
	dm.AddFieldMappingsAt(fPath, text(fPathF, analysis.FoldedName, false, false))
	dm.AddFieldMappingsAt(fHeading, storedOnly())
	dm.AddFieldMappingsAt(fText, text(fText, analysis.ExactName, true, true), text(fTextF, analysis.FoldedName, false, true),
		text(fTextB2, analysis.BigramFoldName, false, false))
	dm.AddFieldMappingsAt(fKind, kw(true, true), text(fKindKey, analysis.KeywordFoldName, false, false))
	dm.AddFieldMappingsAt(fNumber, storedOnly(), text(fNumberKey, analysis.NumberName, false, false))
	dm.AddFieldMappingsAt(fDate, kw(true, true))
	dm.AddFieldMappingsAt(fYear, kw(false, true))
	dm.AddFieldMappingsAt(fIssuer, kw(true, true), text(fIssuerF, analysis.FoldedName, false, false))
	dm.AddFieldMappingsAt(fTitle, storedOnly())
	page := bleve.NewNumericFieldMapping()
	page.Index = false
	page.Store = true
	page.IncludeInAll = false
	page.DocValues = false
	dm.AddFieldMappingsAt(fPage, page)
	dm.AddFieldMappingsAt(fUnit, kw(false, true), text(fUnitF, analysis.FoldedName, false, false))
	// The status facet reads the task fields' postings (see segTasks), not
	// doc values.
	dm.AddFieldMappingsAt(fTask, kw(false, false))
	due := bleve.NewNumericFieldMapping()
	due.Store = false
	due.IncludeInAll = false
	due.DocValues = false
	dm.AddFieldMappingsAt(fTaskDue, due)
	dm.AddFieldMappingsAt(fFile, text(fFile, analysis.FoldedName, false, false))
	dm.AddFieldMappingsAt(fFormat, kw(false, false))

	im := bleve.NewIndexMapping()
	im.DefaultMapping = dm
	im.DefaultAnalyzer = analysis.ExactName
	im.TypeField = "_type" // every doc uses the default mapping; our "type" is a plain field
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false
	return im
}

// Compact merges the index's segments into as few as possible. A rebuild
// leaves a dozen or more segments, and every query pays for each; call it
// after Reindex or a large import (it takes a few seconds for 300,000
// clauses, and searches keep working meanwhile).
func (ix *Index) Compact(ctx context.Context) error {
	a, err := ix.b.Advanced()
	if err != nil {
		return err
	}
	s, ok := a.(*scorch.Scorch)
	if !ok {
		return nil
	}
	mo := mergeplan.DefaultMergePlanOptions
	mo.MaxSegmentsPerTier = 1
	mo.SegmentsPerMergeTask = 64
	mo.MaxSegmentSize = 1 << 30
	return s.ForceMerge(ctx, &mo)
}
