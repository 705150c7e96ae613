// Package index is chidao's full-text search index (bleve, scorch). It is
// derived data: everything in it can be rebuilt from the library database, and
// it follows the database through the store's outbox.
package index

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/standard"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Version is stamped in the library database when the index is built; a
// different number in a new binary means the mapping changed and the index must
// be rebuilt.
const Version = 1

// ErrLocked is returned when another process has the index open.
var ErrLocked = errors.New("index: in use by another process")

// Index is an open search index.
type Index struct {
	b bleve.Index
}

// Doc is what the index holds for one document.
type Doc struct {
	ID     int64
	Title  string
	File   string
	Format string
	Text   string
}

// Open opens the index in dir, creating it when absent. It waits at most
// timeout for a lock held by another process, then returns ErrLocked.
func Open(dir string, timeout time.Duration, readOnly bool) (*Index, error) {
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

func buildMapping() mapping.IndexMapping {
	text := bleve.NewTextFieldMapping()
	text.Analyzer = standard.Name
	text.Store = false
	text.IncludeTermVectors = false
	title := bleve.NewTextFieldMapping()
	title.Analyzer = standard.Name
	kw := bleve.NewTextFieldMapping()
	kw.Analyzer = keyword.Name

	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt("title", title)
	dm.AddFieldMappingsAt("text", text)
	dm.AddFieldMappingsAt("file", kw)
	dm.AddFieldMappingsAt("format", kw)

	im := bleve.NewIndexMapping()
	im.DefaultMapping = dm
	im.DefaultAnalyzer = standard.Name
	return im
}

func key(id int64) string { return "d" + strconv.FormatInt(id, 10) }

// Put adds or replaces a document.
func (ix *Index) Put(d Doc) error {
	return ix.b.Index(key(d.ID), fields(d))
}

func fields(d Doc) map[string]interface{} {
	return map[string]interface{}{"title": d.Title, "file": d.File, "format": d.Format, "text": d.Text}
}

// Batch gathers changes to apply together: far cheaper than one at a time,
// since each apply writes a segment that must later be merged.
type Batch struct {
	b *bleve.Batch
}

// NewBatch starts an empty batch.
func (ix *Index) NewBatch() *Batch { return &Batch{b: ix.b.NewBatch()} }

// Put adds or replaces a document in the batch.
func (b *Batch) Put(d Doc) error { return b.b.Index(key(d.ID), fields(d)) }

// Delete removes a document in the batch.
func (b *Batch) Delete(id int64) { b.b.Delete(key(id)) }

// Size is the number of changes in the batch.
func (b *Batch) Size() int { return b.b.Size() }

// Apply writes a batch to the index.
func (ix *Index) Apply(b *Batch) error { return ix.b.Batch(b.b) }

// Delete removes a document.
func (ix *Index) Delete(id int64) error { return ix.b.Delete(key(id)) }

// IDs returns the id of every document in the index.
func (ix *Index) IDs() (map[int64]bool, error) {
	n, err := ix.b.DocCount()
	if err != nil {
		return nil, err
	}
	ids := make(map[int64]bool, n)
	const page = 1000
	for from := 0; ; from += page {
		req := bleve.NewSearchRequestOptions(query.NewMatchAllQuery(), page, from, false)
		res, err := ix.b.Search(req)
		if err != nil {
			return nil, err
		}
		for _, h := range res.Hits {
			if id, err := strconv.ParseInt(strings.TrimPrefix(h.ID, "d"), 10, 64); err == nil {
				ids[id] = true
			}
		}
		if len(res.Hits) < page {
			return ids, nil
		}
	}
}

// Search runs a plain query string and returns matching document ids, best first.
func (ix *Index) Search(q string, size int) ([]int64, error) {
	res, err := ix.b.Search(bleve.NewSearchRequestOptions(bleve.NewQueryStringQuery(q), size, 0, false))
	if err != nil {
		return nil, err
	}
	out := make([]int64, 0, len(res.Hits))
	for _, h := range res.Hits {
		if id, err := strconv.ParseInt(strings.TrimPrefix(h.ID, "d"), 10, 64); err == nil {
			out = append(out, id)
		}
	}
	return out, nil
}

// Close closes the index.
func (ix *Index) Close() error { return ix.b.Close() }
