package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"strings"

	"chidao/assets"
	"chidao/docs"
	"chidao/store"

	"github.com/xuri/excelize/v2"
)

// Link roles and states, as stored.
const (
	RoleLead     = string(docs.RoleLead)
	RoleSupport  = string(docs.RoleSupport)
	RoleReportTo = string(docs.RoleReportTo)
)

// newUnitPrefix marks the unit id of a name the catalog does not have.
const newUnitPrefix = "new:"

// DefaultCatalog is the unit catalog chidao ships with.
func DefaultCatalog() (*docs.Catalog, error) {
	return docs.ReadCatalogCSV(bytes.NewReader(assets.Units))
}

// catalog returns the library's unit catalog, seeding it with the default one
// the first time.
func (l *Library) catalog(ctx context.Context) (*docs.Catalog, error) {
	l.catMu.Lock()
	defer l.catMu.Unlock()
	if l.cat != nil {
		return l.cat, nil
	}
	us, err := l.store.Units(ctx)
	if err != nil {
		return nil, err
	}
	var cat *docs.Catalog
	if len(us) == 0 {
		if cat, err = DefaultCatalog(); err != nil {
			return nil, err
		}
		if !l.opts.ReadOnly { // keep it
			if err := l.store.ReplaceUnits(ctx, fromCatalog(cat)); err != nil {
				return nil, err
			}
		}
	} else if cat, err = docs.NewCatalog(toCatalog(us)); err != nil {
		return nil, fmt.Errorf("the library's unit catalog is damaged: %w", err)
	}
	l.cat = cat
	return cat, nil
}

func fromCatalog(c *docs.Catalog) []store.Unit {
	out := make([]store.Unit, len(c.Units))
	for i, u := range c.Units {
		out[i] = store.Unit{ID: u.ID, Name: u.Name, Aliases: u.Aliases, Kind: u.Kind, Level: u.Level, Parent: u.Parent}
	}
	return out
}

func toCatalog(us []store.Unit) []docs.Unit {
	out := make([]docs.Unit, len(us))
	for i, u := range us {
		out[i] = docs.Unit{ID: u.ID, Name: u.Name, Aliases: u.Aliases, Kind: u.Kind, Level: u.Level, Parent: u.Parent}
	}
	return out
}

// unitLinks turns the units the extractor found in a document's clauses into
// links; a name outside the catalog gets a "new:" id, so it is proposed, not
// added to the catalog.
func unitLinks(p docs.Parsed, cat *docs.Catalog) []store.UnitLink {
	if cat == nil {
		return nil
	}
	var out []store.UnitLink
	found := docs.ExtractTreeUnits(p.Clauses, cat)
	docs.Walk(p.Clauses, func(c *docs.Clause, _ int) {
		for _, m := range found[c.Address] {
			id := m.UnitID
			if id == "" {
				id = newUnitPrefix + docs.UnitKey(m.Name)
			}
			out = append(out, store.UnitLink{Clause: c.Address, UnitID: id, UnitName: m.Name, Role: string(m.Role), Start: m.Start, End: m.End})
		}
	})
	return out
}

// Units returns the library's unit catalog.
func (l *Library) Units(ctx context.Context) ([]store.Unit, error) {
	if _, err := l.catalog(ctx); err != nil {
		return nil, err
	}
	return l.store.Units(ctx)
}

// UnitLinkCounts returns, per unit id, how many clauses name the unit.
func (l *Library) UnitLinkCounts(ctx context.Context) (map[string]int, error) {
	return l.store.UnitLinkCounts(ctx)
}

// UnitLinks returns every clause that names a unit, across documents: "what
// does Sở Nội vụ owe us?".
func (l *Library) UnitLinks(ctx context.Context, unitID string) ([]store.UnitLink, error) {
	return l.store.UnitLinks(ctx, unitID)
}

// DocumentLinks returns the unit links of a document's clauses.
func (l *Library) DocumentLinks(ctx context.Context, docID int64) ([]store.UnitLink, error) {
	return l.store.DocumentLinks(ctx, docID)
}

// userName is who the audit fields name for changes made in this process.
func (l *Library) userName() string {
	if l.opts.UserName != "" {
		return l.opts.UserName
	}
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return ""
}

// ConfirmLink marks a link as checked by a person; re-extraction keeps it.
func (l *Library) ConfirmLink(ctx context.Context, id int64) error {
	return l.afterLinks(ctx, l.store.SetLinkState(ctx, id, "confirmed", "", l.userName()))
}

// RemoveLink marks a link as wrong; re-extraction does not bring it back.
func (l *Library) RemoveLink(ctx context.Context, id int64) error {
	return l.afterLinks(ctx, l.store.SetLinkState(ctx, id, "removed", "", l.userName()))
}

// afterLinks sends the documents whose links changed to the index (each
// clause's units are searchable), when the change itself succeeded.
func (l *Library) afterLinks(ctx context.Context, err error) error {
	if err != nil || l.index == nil {
		return err
	}
	return l.flushIndex(ctx)
}

// SetLinkRole corrects a link's role (and confirms it).
func (l *Library) SetLinkRole(ctx context.Context, id int64, role string) error {
	if role != RoleLead && role != RoleSupport && role != RoleReportTo {
		return fmt.Errorf("unknown role %q", role)
	}
	return l.afterLinks(ctx, l.store.SetLinkState(ctx, id, "confirmed", role, l.userName()))
}

// AddLink links a clause to a catalog unit by hand.
func (l *Library) AddLink(ctx context.Context, docID int64, clause, unitID, role string) (int64, error) {
	cat, err := l.catalog(ctx)
	if err != nil {
		return 0, err
	}
	u, ok := cat.Unit(unitID)
	if !ok {
		return 0, fmt.Errorf("no unit %q in the catalog", unitID)
	}
	if role != RoleLead && role != RoleSupport && role != RoleReportTo {
		return 0, fmt.Errorf("unknown role %q", role)
	}
	id, err := l.store.AddLink(ctx, store.UnitLink{DocumentID: docID, Clause: clause, UnitID: u.ID, UnitName: u.Name, Role: role}, l.userName())
	return id, l.afterLinks(ctx, err)
}

// ExtractLinks runs unit extraction again over a stored document (after the
// catalog changed); links a person confirmed, removed or added stay as they are.
func (l *Library) ExtractLinks(ctx context.Context, docID int64) error {
	cat, err := l.catalog(ctx)
	if err != nil {
		return err
	}
	paras, err := l.store.Paragraphs(ctx, docID)
	if err != nil {
		return err
	}
	return l.afterLinks(ctx, l.store.ReplaceAutoLinks(ctx, docID, unitLinks(docs.Parse(toDocsParagraphs(paras)), cat)))
}

// SetCatalog replaces the unit catalog (checked first: nothing is written when
// it is invalid).
func (l *Library) SetCatalog(ctx context.Context, cat *docs.Catalog) error {
	if cat == nil || len(cat.Units) == 0 {
		return errors.New("the catalog is empty")
	}
	if _, err := docs.NewCatalog(cat.Units); err != nil {
		return err
	}
	l.catMu.Lock()
	defer l.catMu.Unlock()
	if err := l.store.ReplaceUnits(ctx, fromCatalog(cat)); err != nil {
		return err
	}
	l.cat = cat
	return nil
}

// MergeUnits merges unit drop into unit keep: drop's name and aliases become
// keep's aliases, its children move under keep, and every link moves to keep.
func (l *Library) MergeUnits(ctx context.Context, keep, drop string) error {
	cat, err := l.catalog(ctx)
	if err != nil {
		return err
	}
	next, err := docs.NewCatalog(append([]docs.Unit(nil), cat.Units...))
	if err != nil {
		return err
	}
	if err := next.Merge(keep, drop); err != nil {
		return err
	}
	u, _ := next.Unit(keep)
	if err := l.store.MergeUnitLinksBy(ctx, keep, drop, u.Name, l.userName()); err != nil {
		return err
	}
	if err := l.SetCatalog(ctx, next); err != nil {
		return err
	}
	return l.afterLinks(ctx, nil)
}

// ReadCatalogFile reads a catalog from a CSV or XLSX file (by its extension).
// A malformed file fails whole, with the line named.
func ReadCatalogFile(path string) (*docs.Catalog, error) {
	if strings.EqualFold(filepath.Ext(path), ".xlsx") {
		f, err := excelize.OpenFile(path)
		if err != nil {
			return nil, fmt.Errorf("không đọc được tệp Excel: %w", err)
		}
		defer f.Close()
		sheet := f.GetSheetName(0)
		rows, err := f.GetRows(sheet)
		if err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		w := csvWriter(&buf)
		for _, r := range rows {
			for len(r) < 6 && len(r) > 0 {
				r = append(r, "")
			}
			if err := w.Write(r); err != nil {
				return nil, err
			}
		}
		w.Flush()
		return docs.ReadCatalogCSV(&buf)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return docs.ReadCatalogCSV(f)
}

// WriteCatalogFile writes a catalog as CSV or XLSX (by the extension): one
// sheet, header row frozen, filters, column widths.
func WriteCatalogFile(cat *docs.Catalog, path string) error {
	var buf bytes.Buffer
	if err := cat.WriteCSV(&buf); err != nil {
		return err
	}
	if !strings.EqualFold(filepath.Ext(path), ".xlsx") {
		return os.WriteFile(path, buf.Bytes(), 0o644)
	}
	rows, err := csvReader(&buf).ReadAll()
	if err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	sheet := "Đơn vị"
	f.SetSheetName("Sheet1", sheet)
	for i, r := range rows {
		for j, v := range r {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if err := f.SetCellStr(sheet, cell, v); err != nil {
				return err
			}
		}
	}
	last, _ := excelize.CoordinatesToCellName(6, len(rows))
	f.AutoFilter(sheet, "A1:"+last, nil)
	f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	for col, w := range map[string]float64{"A": 22, "B": 44, "C": 50, "D": 16, "E": 12, "F": 22} {
		f.SetColWidth(sheet, col, col, w)
	}
	return f.SaveAs(path)
}

// ExportCatalog writes the library's catalog to a CSV or XLSX file.
func (l *Library) ExportCatalog(ctx context.Context, path string) error {
	cat, err := l.catalog(ctx)
	if err != nil {
		return err
	}
	return WriteCatalogFile(cat, path)
}

// ImportCatalog replaces the library's catalog with a CSV or XLSX file's; a
// malformed file changes nothing.
func (l *Library) ImportCatalog(ctx context.Context, path string) (int, error) {
	cat, err := ReadCatalogFile(path)
	if err != nil {
		return 0, err
	}
	if err := l.SetCatalog(ctx, cat); err != nil {
		return 0, err
	}
	return len(cat.Units), nil
}
