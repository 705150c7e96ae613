package app_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chidao/app"
	"chidao/index"
	"chidao/store"
)

func planLinks(t *testing.T) (*app.Library, int64, []store.UnitLink) {
	t.Helper()
	needCorpus(t)
	l := openLib(t, app.Options{UserName: "van-thu"})
	r := importPaths(t, l, filepath.Join(corpus, "text", "kh-tu-2020-thuc-hien-kl74-tw.txt"))[0]
	links, err := l.DocumentLinks(context.Background(), r.DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	return l, r.DocumentID, links
}

func findLink(links []store.UnitLink, clause, unitID, role string) *store.UnitLink {
	for i := range links {
		if links[i].Clause == clause && links[i].UnitID == unitID && links[i].Role == role {
			return &links[i]
		}
	}
	return nil
}

// TestPlanLinks: the sample's assignment sentence gives its lead, support and
// the body it advises, as automatic proposals.
func TestPlanLinks(t *testing.T) {
	_, _, links := planLinks(t)
	for _, w := range []struct{ clause, unit, role string }{
		{"B.II.2.1/-1", "btc-tinh-uy", "lead"},
		{"B.II.2.1/-1", "so-noi-vu", "support"},
		{"B.II.2.1/-1", "btv-tinh-uy", "report_to"},
		{"B.III.3", "btc-tinh-uy", "lead"},
	} {
		lk := findLink(links, w.clause, w.unit, w.role)
		if lk == nil {
			t.Errorf("no %s link of %s at %s (have %d links)", w.role, w.unit, w.clause, len(links))
			continue
		}
		if lk.Origin != "auto" || lk.State != "proposed" {
			t.Errorf("%s/%s: origin %s state %s", w.clause, w.unit, lk.Origin, lk.State)
		}
	}
}

// TestConfirmationSurvivesReextraction: what a person confirmed, corrected,
// removed or added stays as they left it when extraction runs again.
func TestConfirmationSurvivesReextraction(t *testing.T) {
	l, doc, links := planLinks(t)
	ctx := context.Background()
	lead := findLink(links, "B.II.2.1/-1", "btc-tinh-uy", "lead")
	support := findLink(links, "B.II.2.1/-1", "so-noi-vu", "support")
	advised := findLink(links, "B.II.2.1/-1", "btv-tinh-uy", "report_to")
	if lead == nil || support == nil || advised == nil {
		t.Fatal("sample links missing")
	}
	if err := l.ConfirmLink(ctx, lead.ID); err != nil {
		t.Fatal(err)
	}
	if err := l.RemoveLink(ctx, support.ID); err != nil {
		t.Fatal(err)
	}
	if err := l.SetLinkRole(ctx, advised.ID, "support"); err != nil {
		t.Fatal(err)
	}
	added, err := l.AddLink(ctx, doc, "B.II.2.1/-1", "so-tai-chinh", "support")
	if err != nil {
		t.Fatal(err)
	}
	if err := l.ExtractLinks(ctx, doc); err != nil {
		t.Fatal(err)
	}
	after, _ := l.DocumentLinks(ctx, doc)
	if k := findLink(after, "B.II.2.1/-1", "btc-tinh-uy", "lead"); k == nil || k.State != "confirmed" || k.ChangedBy != "van-thu" {
		t.Errorf("confirmed lead after re-extraction: %+v", k)
	}
	if k := findLink(after, "B.II.2.1/-1", "so-noi-vu", "support"); k == nil || k.State != "removed" {
		t.Errorf("removed support came back: %+v", k)
	}
	if k := findLink(after, "B.II.2.1/-1", "btv-tinh-uy", "support"); k == nil || k.State != "confirmed" {
		t.Errorf("corrected role lost: %+v", k)
	}
	if k := findLink(after, "B.II.2.1/-1", "btv-tinh-uy", "report_to"); k != nil && k.State != "removed" {
		// The extractor proposes report_to again; the person's correction stands beside it.
		t.Logf("extractor proposes report_to again beside the corrected support (state %s)", k.State)
	}
	if k := findLink(after, "B.II.2.1/-1", "so-tai-chinh", "support"); k == nil || k.ID != added || k.Origin != "manual" {
		t.Errorf("manual link lost: %+v", k)
	}
	// What Sở Nội vụ owes: its removed link is not listed.
	owes, _ := l.UnitLinks(ctx, "so-noi-vu")
	for _, k := range owes {
		if k.State == "removed" {
			t.Errorf("removed link listed for the unit: %+v", k)
		}
	}
}

// TestCatalogRoundTrip: the catalog comes back unchanged through CSV and XLSX.
func TestCatalogRoundTrip(t *testing.T) {
	ctx := context.Background()
	l := openLib(t, app.Options{})
	dir := t.TempDir()
	csv1, xlsx := filepath.Join(dir, "units.csv"), filepath.Join(dir, "units.xlsx")
	if err := l.ExportCatalog(ctx, csv1); err != nil {
		t.Fatal(err)
	}
	if err := l.ExportCatalog(ctx, xlsx); err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{csv1, xlsx} {
		m := openLib(t, app.Options{})
		n, err := m.ImportCatalog(ctx, src)
		if err != nil || n < 50 {
			t.Fatalf("import %s: %d %v", src, n, err)
		}
		back := filepath.Join(t.TempDir(), "back.csv")
		if err := m.ExportCatalog(ctx, back); err != nil {
			t.Fatal(err)
		}
		a, _ := os.ReadFile(csv1)
		b, _ := os.ReadFile(back)
		if !bytes.Equal(a, b) {
			t.Errorf("catalog changed through %s", filepath.Ext(src))
		}
	}
}

// TestCatalogMalformed: a bad CSV is refused with its line named and leaves
// the catalog as it was.
func TestCatalogMalformed(t *testing.T) {
	ctx := context.Background()
	l := openLib(t, app.Options{})
	before, _ := l.Units(ctx)
	bad := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(bad, []byte("id,name,aliases,kind,level,parent\nso-noi-vu,Sở Nội vụ,,state_agency,tinh,\nso-tai-chinh,,,state_agency,tinh,\n"), 0o644)
	_, err := l.ImportCatalog(ctx, bad)
	if err == nil || !strings.Contains(err.Error(), "dòng 3") {
		t.Fatalf("malformed CSV: %v", err)
	}
	after, _ := l.Units(ctx)
	if len(after) != len(before) {
		t.Errorf("catalog half-imported: %d units, was %d", len(after), len(before))
	}
}

// TestMergeKeepsLinks: merging a unit into another moves its links.
func TestMergeKeepsLinks(t *testing.T) {
	l, doc, _ := planLinks(t)
	ctx := context.Background()
	before, _ := l.UnitLinks(ctx, "so-noi-vu")
	if len(before) == 0 {
		t.Fatal("no links for Sở Nội vụ")
	}
	if err := l.MergeUnits(ctx, "btc-tinh-uy", "so-noi-vu"); err != nil {
		t.Fatal(err)
	}
	if left, _ := l.UnitLinks(ctx, "so-noi-vu"); len(left) != 0 {
		t.Errorf("%d links left on the merged unit", len(left))
	}
	links, _ := l.DocumentLinks(ctx, doc)
	if findLink(links, "B.II.2.1/-1", "btc-tinh-uy", "support") == nil {
		t.Error("the support link did not move to the kept unit")
	}
	us, _ := l.Units(ctx)
	for _, u := range us {
		if u.ID == "so-noi-vu" {
			t.Error("merged unit still in the catalog")
		}
		if u.ID == "btc-tinh-uy" && !strings.Contains(strings.Join(u.Aliases, ";"), "Sở Nội vụ") {
			t.Errorf("kept unit lacks the merged name as alias: %v", u.Aliases)
		}
	}
}

// TestSearchByUnit: donvi: and the unit facet find the clauses that assign
// work to a unit, and follow the clerk's corrections.
func TestSearchByUnit(t *testing.T) {
	l, doc, links := planLinks(t)
	ctx := context.Background()
	has := func(res index.Result, addr string) bool {
		for _, h := range res.Hits {
			if h.DocumentID == doc && h.Address == addr {
				return true
			}
		}
		return false
	}
	res, err := l.SearchClauses(ctx, index.Query{Text: `donvi:"Sở Nội vụ"`, Facets: true})
	if err != nil {
		t.Fatal(err)
	}
	if !has(res, "B.II.2.1/-1") {
		t.Fatalf("donvi:\"Sở Nội vụ\" misses B.II.2.1/-1: %+v", res.Hits)
	}
	res, _ = l.SearchClauses(ctx, index.Query{Text: "to chuc thuc hien", Units: []string{"Ban Tổ chức Tỉnh ủy"}, Facets: true})
	if !has(res, "B.III.3") {
		t.Errorf("unit filter misses B.III.3: %+v", res.Hits)
	}
	found := false
	for _, f := range res.Facets["unit"] {
		if f.Value == "Ban Tổ chức Tỉnh ủy" && f.Count > 0 {
			found = true
		}
	}
	if !found {
		t.Errorf("unit facet: %+v", res.Facets["unit"])
	}
	if err := l.RemoveLink(ctx, findLink(links, "B.II.2.1/-1", "so-noi-vu", "support").ID); err != nil {
		t.Fatal(err)
	}
	res, _ = l.SearchClauses(ctx, index.Query{Text: `donvi:"Sở Nội vụ"`})
	if has(res, "B.II.2.1/-1") {
		t.Error("a removed link still finds the clause")
	}
}
