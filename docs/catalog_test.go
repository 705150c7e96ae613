package docs

import (
	"bytes"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// loadCatalog reads the default catalog shipped in assets/.
func loadCatalog(t testing.TB) *Catalog {
	t.Helper()
	b, err := os.ReadFile("../assets/units.csv")
	if err != nil {
		t.Fatal(err)
	}
	cat, err := ReadCatalogCSV(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("assets/units.csv: %v", err)
	}
	return cat
}

func TestCatalogDefault(t *testing.T) {
	b, err := os.ReadFile("../assets/units.csv")
	if err != nil {
		t.Fatal(err)
	}
	cat, err := ReadCatalogCSV(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(cat.Units); n < 80 || n > 120 {
		t.Errorf("default catalog has %d units, want 80–120", n)
	}
	var out bytes.Buffer
	if err := cat.WriteCSV(&out); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), b) {
		t.Errorf("WriteCSV does not give back assets/units.csv byte for byte:\n%s", firstDiff(b, out.Bytes()))
	}
	// A second round trip through a fresh catalog is stable too.
	again, err := ReadCatalogCSV(bytes.NewReader(out.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.EqualFunc(again.Units, cat.Units, func(a, b Unit) bool {
		return a.ID == b.ID && a.Name == b.Name && slices.Equal(a.Aliases, b.Aliases) && a.Kind == b.Kind && a.Level == b.Level && a.Parent == b.Parent
	}) {
		t.Errorf("units differ after a round trip")
	}
	for _, u := range cat.Units {
		if !norm.NFC.IsNormalString(u.Name) {
			t.Errorf("%s: name not in NFC", u.ID)
		}
	}
}

func firstDiff(a, b []byte) string {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return "line " + itoa(i+1) + ":\n file  " + la[i] + "\n wrote " + lb[i]
		}
	}
	return "lengths differ"
}

func itoa(n int) string { return parseItoa(n) }

func TestReadCatalogCSVErrors(t *testing.T) {
	const head = "id,name,aliases,kind,level,parent\n"
	const ok1 = "tinh-uy,Tỉnh ủy,TU,party_committee,tinh,\n"
	const ok2 = "so-noi-vu,Sở Nội vụ,SNV,state_agency,tinh,\n"
	for _, tc := range []struct {
		name, csv, want string
	}{
		{"empty file", "", "dòng 1"},
		{"wrong header", "ma,ten\n" + ok1, "dòng 1"},
		{"too few columns", head + ok1 + "so-tu-phap,Sở Tư pháp,state_agency,tinh\n", "dòng 3: cần 6 cột, có 4"},
		{"too many columns", head + ok1 + ok2 + "x,X,,other,tinh,,thừa\n", "dòng 4: cần 6 cột, có 7"},
		{"empty name", head + ok1 + "so-y-te,  ,,state_agency,tinh,\n", "dòng 3: thiếu tên"},
		{"empty id", head + ",Sở Y tế,,state_agency,tinh,\n", "dòng 2: thiếu mã"},
		{"unknown parent", head + ok1 + ok2 + "so-y-te,Sở Y tế,,state_agency,tinh,ubnd-tinh\n", "dòng 4: đơn vị cha \"ubnd-tinh\""},
		{"duplicate id", head + ok1 + ok2 + "so-noi-vu,Sở Nội vụ mới,,state_agency,tinh,\n", "dòng 4: mã \"so-noi-vu\" trùng với dòng 3"},
		{"duplicate name across units", head + ok1 + ok2 + "snv,Sở Nội Vụ,,state_agency,tinh,\n", "dòng 4: tên"},
		{"alias taken", head + ok1 + ok2 + "x,Sở X,Tỉnh uỷ,state_agency,tinh,\n", "dòng 4: tên \"Tỉnh uỷ\" đã dùng cho đơn vị \"tinh-uy\" (dòng 2)"},
		{"unknown kind", head + ok1 + "x,X,,agency,tinh,\n", "dòng 3: loại đơn vị"},
		{"unknown level", head + ok1 + "x,X,,other,province,\n", "dòng 3: cấp"},
		{"self parent", head + "x,X,,other,tinh,x\n", "dòng 2: đơn vị \"x\" là cha của chính nó"},
		{"parent cycle", head + "a,A,,other,tinh,b\nb,B,,other,tinh,a\n", "là cha của chính nó"},
		{"bad quoting", head + ok1 + "x,\"X,,other,tinh,\n", "dòng 3"},
		{"multi-line field", head + "x,\"X\nY\",,other,tinh,\ny,Y,,other,tinh,z\n", "dòng 4: đơn vị cha \"z\""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cat, err := ReadCatalogCSV(strings.NewReader(tc.csv))
			if err == nil {
				t.Fatalf("no error; want %q", tc.want)
			}
			if cat != nil {
				t.Errorf("a catalog was returned with the error")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want it to contain %q", err, tc.want)
			}
			var ce *CatalogError
			if !errors.As(err, &ce) {
				t.Errorf("error %T is not a *CatalogError", err)
			}
		})
	}
}

func TestCatalogResolve(t *testing.T) {
	cat := loadCatalog(t)
	for _, tc := range []struct{ name, id string }{
		{"Tỉnh ủy", "tinh-uy"},
		{"Tỉnh uỷ", "tinh-uy"},
		{"TỈNH ỦY", "tinh-uy"},
		{"tỉnh ủy", "tinh-uy"},
		{"Ban Thường vụ Tỉnh uỷ", "btv-tinh-uy"},
		{"BTV Tỉnh ủy", "btv-tinh-uy"},
		{"BTC Tỉnh ủy", "btc-tinh-uy"},
		{"  Ban   Tổ chức\tTỉnh uỷ ", "btc-tinh-uy"},
		{"UBND tỉnh", "ubnd-tinh"},
		{"Uỷ ban nhân dân tỉnh", "ubnd-tinh"},
		{"HĐND tỉnh", "hdnd-tinh"},
		{norm.NFD.String("Sở Nội vụ"), "so-noi-vu"},
		{norm.NFD.String("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"), "ubmttq-tinh"},
		{"MTTQ", "ubmttq-tinh"},
		{"Sở Văn hoá, Thể thao và Du lịch", "so-vh-tt-dl"},
		{"Sở Văn hóa Thể thao và Du lịch", "so-vh-tt-dl"},
		{"Sở LĐ-TB&XH", "so-ld-tbxh"},
		{"các sở, ban, ngành tỉnh", "cac-so-ban-nganh"},
		{"các cơ quan có liên quan", "cac-co-quan-lien-quan"},
		{"các huyện, thành ủy, đảng ủy", "cac-huyen-thanh-uy-dutt"},
		{"ĐUTT", "cac-huyen-thanh-uy-dutt"},
		{"Bộ Chính trị", "bo-chinh-tri"},
	} {
		u, ok := cat.Resolve(tc.name)
		if !ok || u.ID != tc.id {
			t.Errorf("Resolve(%q) = %q, %v; want %q", tc.name, u.ID, ok, tc.id)
		}
	}
	for _, name := range []string{"", "Sở", "Ban", "Sở Nội vụ tỉnh Bắc Ninh", "Ủy ban"} {
		if u, ok := cat.Resolve(name); ok {
			t.Errorf("Resolve(%q) = %q, want nothing", name, u.ID)
		}
	}
	var nilCat *Catalog
	if _, ok := nilCat.Resolve("Sở Nội vụ"); ok {
		t.Errorf("a nil catalog resolved a name")
	}
}

func TestCatalogMerge(t *testing.T) {
	cat := loadCatalog(t)
	n := len(cat.Units)
	// The department renamed in 2025: the old name becomes an alias.
	if err := cat.Merge("so-nn-mt", "so-nn-ptnt"); err != nil {
		t.Fatal(err)
	}
	if len(cat.Units) != n-1 {
		t.Errorf("%d units after merge, want %d", len(cat.Units), n-1)
	}
	if _, ok := cat.Unit("so-nn-ptnt"); ok {
		t.Errorf("dropped unit still in the catalog")
	}
	for _, name := range []string{"Sở Nông nghiệp và Phát triển nông thôn", "Sở NN&PTNT", "Sở NN&MT", "Sở Nông nghiệp và Môi trường"} {
		if u, ok := cat.Resolve(name); !ok || u.ID != "so-nn-mt" {
			t.Errorf("after merge Resolve(%q) = %q, %v", name, u.ID, ok)
		}
	}
	keep, _ := cat.Unit("so-nn-mt")
	if !slices.Contains(keep.Aliases, "Sở Nông nghiệp và Phát triển nông thôn") || !slices.Contains(keep.Aliases, "Sở NN&MT") {
		t.Errorf("aliases after merge = %q", keep.Aliases)
	}
	ms := ExtractUnits("Giao Sở Nông nghiệp và Phát triển nông thôn chủ trì.", cat)
	if len(ms) != 1 || ms[0].UnitID != "so-nn-mt" || ms[0].Name != "Sở Nông nghiệp và Môi trường" {
		t.Errorf("extraction after merge = %+v", ms)
	}

	// Children move to the unit kept; a merged catalog still round-trips.
	if err := cat.Merge("ubnd-tinh", "hdnd-tinh"); err != nil {
		t.Fatal(err)
	}
	if u, _ := cat.Unit("tt-hdnd-tinh"); u.Parent != "ubnd-tinh" {
		t.Errorf("child's parent = %q, want ubnd-tinh", u.Parent)
	}
	var buf bytes.Buffer
	if err := cat.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadCatalogCSV(&buf); err != nil {
		t.Errorf("merged catalog does not read back: %v", err)
	}

	for _, tc := range [][2]string{{"so-noi-vu", "so-noi-vu"}, {"khong-co", "so-noi-vu"}, {"so-noi-vu", "khong-co"}} {
		if err := cat.Merge(tc[0], tc[1]); err == nil {
			t.Errorf("Merge(%q, %q) did not fail", tc[0], tc[1])
		}
	}
}

func TestCatalogMergeParent(t *testing.T) {
	cat, err := NewCatalog([]Unit{
		{ID: "a", Name: "Cơ quan A", Kind: "other", Level: "tinh"},
		{ID: "b", Name: "Cơ quan B", Kind: "other", Level: "tinh", Parent: "a"},
		{ID: "c", Name: "Phòng C", Aliases: []string{"PC"}, Kind: "other", Level: "tinh", Parent: "b"},
	})
	if err != nil {
		t.Fatal(err)
	}
	// Keep a child of the dropped unit: it takes the dropped unit's parent.
	if err := cat.Merge("c", "b"); err != nil {
		t.Fatal(err)
	}
	c, _ := cat.Unit("c")
	if c.Parent != "a" || !slices.Equal(c.Aliases, []string{"PC", "Cơ quan B"}) {
		t.Errorf("c = %+v", c)
	}
}

func TestUnitKey(t *testing.T) {
	for _, tc := range [][2]string{
		{"Tỉnh uỷ", "Tỉnh ủy"},
		{"hoà bình", "hòa bình"},
		{"Thuỷ lợi", "thủy lợi"},
		{norm.NFD.String("Khánh Hoà"), "khánh hòa"},
		{"Sở Lao động - Thương binh và Xã hội", "sở lao động thương binh và xã hội"},
	} {
		if a, b := UnitKey(tc[0]), UnitKey(tc[1]); a != b {
			t.Errorf("UnitKey(%q) = %q, UnitKey(%q) = %q", tc[0], a, tc[1], b)
		}
	}
	if UnitKey("sổ") == UnitKey("sở") || UnitKey("Bộ") == UnitKey("bổ") {
		t.Errorf("UnitKey folds distinct words together")
	}
}

// TestWordKeyFast checks the table path of wordKey against the NFD path on
// every word of a corpus document, and that the cue sets were keyed with
// the table filled.
func TestWordKeyFast(t *testing.T) {
	b, err := os.ReadFile(parseCorpus + "/text/kh-tu-2020-thuc-hien-kl74-tw.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range strings.FieldsFunc(string(b), func(r rune) bool { return !unitWordRune(r) }) {
		if fast, ok := wordKeyFast(w); ok && fast != wordKeySlow(w) {
			t.Errorf("wordKeyFast(%q) = %q, slow path %q", w, fast, wordKeySlow(w))
		}
	}
	for _, w := range []string{"phối", "chủ", "trình", "giao", "báo"} {
		if !unitCueFirst[wordKeySlow(w)] {
			t.Errorf("cue %q keyed wrongly", w)
		}
	}
	if !unitBarrierWord[wordKeySlow("của")] {
		t.Errorf("barrier words keyed wrongly")
	}
}
