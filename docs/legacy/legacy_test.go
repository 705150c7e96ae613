package legacy

import (
	"chidao/internal/testcorpus"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

var corpusDir = testcorpus.Dir()

// fixtureNames lists the documents of corpus/legacy, skipping the test when
// the corpus is absent.
func fixtureNames(t testing.TB) []string {
	t.Helper()
	dir := filepath.Join(corpusDir, "legacy")
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("test corpus missing: %v", err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.tcvn3.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures in %s: %v", dir, err)
	}
	var names []string
	for _, f := range files {
		names = append(names, strings.TrimSuffix(filepath.Base(f), ".tcvn3.txt"))
	}
	return names
}

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(corpusDir, "legacy", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// sameText fails with the first differing line when got != want.
func sameText(t *testing.T, got, want string) {
	t.Helper()
	if got == want {
		return
	}
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < max(len(g), len(w)); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			t.Errorf("line %d differs:\n got: %q\nwant: %q", i+1, gl, wl)
			return
		}
	}
	t.Errorf("texts differ (%d vs %d bytes)", len(got), len(want))
}

// cp1252String reads b as Windows-1252, the way extraction reads legacy fonts.
func cp1252String(b []byte) string {
	rs := make([]rune, len(b))
	for i, c := range b {
		rs[i] = cp1252Rune(c)
	}
	return string(rs)
}

// TestTablesAreNFC checks that no table holds a combining mark or a character
// NFC would change, so decoded text needs no normalising.
func TestTablesAreNFC(t *testing.T) {
	for _, tb := range []*table{tcvn3Table, visciiTable, cp1252Table} {
		for i, r := range tb {
			if s := string(r); unicode.Is(unicode.Mn, r) || !norm.NFC.IsNormalString(s) {
				t.Errorf("byte %#x: %U", i, r)
			}
		}
	}
}

func TestDecodeFixtures(t *testing.T) {
	for _, name := range fixtureNames(t) {
		cases := []struct {
			in, want string
			enc      Encoding
		}{
			{name + ".tcvn3.txt", name + ".tcvn3-expected.txt", TCVN3},
			{name + ".tcvn3-extracted.txt", name + ".tcvn3-expected.txt", TCVN3},
			{name + ".vni.txt", name + ".vni-expected.txt", VNI},
			{name + ".tcvn3-expected.txt", name + ".tcvn3-expected.txt", UTF8},
			{name + ".vni-expected.txt", name + ".vni-expected.txt", UTF8},
		}
		for _, c := range cases {
			t.Run(c.in, func(t *testing.T) {
				got, enc, err := Decode(readFile(t, c.in))
				if err != nil {
					t.Fatal(err)
				}
				if enc != c.enc {
					t.Errorf("encoding = %q, want %q", enc, c.enc)
				}
				sameText(t, got, string(readFile(t, c.want)))
			})
		}
	}
}

func TestFixMojibakeFixtures(t *testing.T) {
	for _, name := range fixtureNames(t) {
		cases := []struct {
			label, in, want string
			enc             Encoding
		}{
			{name + " tcvn3-extracted", string(readFile(t, name+".tcvn3-extracted.txt")), name + ".tcvn3-expected.txt", TCVN3},
			{name + " tcvn3 as cp1252", cp1252String(readFile(t, name+".tcvn3.txt")), name + ".tcvn3-expected.txt", TCVN3},
			{name + " vni as cp1252", cp1252String(readFile(t, name+".vni.txt")), name + ".vni-expected.txt", VNI},
		}
		for _, c := range cases {
			t.Run(c.label, func(t *testing.T) {
				got, enc, ok := FixMojibake(c.in)
				if !ok || enc != c.enc {
					t.Fatalf("FixMojibake ok=%v enc=%q, want true %q", ok, enc, c.enc)
				}
				sameText(t, got, string(readFile(t, c.want)))
			})
		}
	}
}

func TestFixMojibakeLeavesGenuineText(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "text", "*.txt"))
	if len(files) == 0 {
		t.Fatal("test corpus missing: testdata/corpus/text")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			s := string(b)
			got, enc, ok := FixMojibake(s)
			if ok || enc != "" || got != s {
				t.Errorf("FixMojibake changed genuine text: ok=%v enc=%q", ok, enc)
			}
			dec, enc, err := Decode(b)
			if err != nil || enc != UTF8 || dec != norm.NFC.String(s) {
				t.Errorf("Decode = enc %q err %v, changed=%v", enc, err, dec != norm.NFC.String(s))
			}
		})
	}
}

// encodeTable encodes s with a single-byte table, writing '?' for characters
// the table lacks; it returns the bytes and the text they stand for.
func encodeTable(s string, tb *table) ([]byte, string) {
	rev := make(map[rune]byte)
	for i := 255; i >= 0; i-- {
		rev[tb[i]] = byte(i)
	}
	var out []byte
	var kept strings.Builder
	for _, r := range s {
		b, ok := rev[r]
		if !ok || (r < 0x80 && b != byte(r)) {
			b, r = '?', '?'
		}
		out = append(out, b)
		kept.WriteRune(r)
	}
	return out, kept.String()
}

func TestVISCIIRoundTrip(t *testing.T) {
	for _, name := range fixtureNames(t) {
		t.Run(name, func(t *testing.T) {
			raw, want := encodeTable(string(readFile(t, name+".vni-expected.txt")), visciiTable)
			got, enc, err := Decode(raw)
			if err != nil || enc != VISCII {
				t.Fatalf("Decode: enc %q err %v, want viscii", enc, err)
			}
			sameText(t, got, want)
		})
	}
}

func TestVISCIIWords(t *testing.T) {
	cases := []struct {
		raw  []byte
		want string
	}{
		{[]byte("Vi\xAEt Nam"), "Việt Nam"},
		{[]byte("ng\xDF\xB6i"), "người"},
		{[]byte("\xD0\xE4ng"), "Đảng"},
		{[]byte("ti\xAAng"), "tiếng"},
		{[]byte("\x80\x02\xBF\xB4"), "ẠẲƯƠ"},
		{[]byte("\xF0\xFE\xFF"), "đợỮ"},
	}
	for _, c := range cases {
		if got := decodeTable(c.raw, visciiTable); got != c.want {
			t.Errorf("viscii % x = %q, want %q", c.raw, got, c.want)
		}
	}
}

func TestSmallWords(t *testing.T) {
	cases := []struct {
		raw  []byte
		enc  Encoding
		want string
	}{
		{[]byte("th\xF9c hi\xD6n K\xD5t lu\xCBn s\xE8"), TCVN3, "thực hiện Kết luận số"},
		{[]byte("Trung \xAD\xACng \xA7\xB6ng"), TCVN3, "Trung ương Đảng"},
		{[]byte("th\xF6\xEFc hie\xE4n Ke\xE1t lua\xE4n so\xE1"), VNI, "thực hiện Kết luận số"},
		{[]byte("\xD1\xF6\xF4\xF8ng KHA\xC9C PHU\xCFC kh\xF3a"), VNI, "Đường KHẮC PHỤC khĩa"},
	}
	for _, c := range cases {
		if got := decodeAs(c.raw, c.enc); got != c.want {
			t.Errorf("%s % x = %q, want %q", c.enc, c.raw, got, c.want)
		}
	}
}

func TestMixedText(t *testing.T) {
	in := "thùc hiÖn KÕt luËn sè 74 cña Bé ChÝnh trÞ\n" +
		"Dòng này là Unicode thật: thực hiện Kết luận.\n" +
		"Ban ChÊp hµnh Trung ­¬ng khãa XII vµ Việt Nam\n"
	want := "thực hiện Kết luận số 74 của Bộ Chính trị\n" +
		"Dòng này là Unicode thật: thực hiện Kết luận.\n" +
		"Ban Chấp hành Trung ương khóa XII và Việt Nam\n"
	got, enc, ok := FixMojibake(in)
	if !ok || enc != TCVN3 {
		t.Fatalf("ok=%v enc=%q", ok, enc)
	}
	sameText(t, got, want)

	vni := "Ñaûng boä vaø chính quyeàn\nGenuine line: Đảng bộ và chính quyền\n"
	got, enc, ok = FixMojibake(vni)
	if !ok || enc != VNI {
		t.Fatalf("vni: ok=%v enc=%q", ok, enc)
	}
	sameText(t, got, "Đảng bộ và chính quyền\nGenuine line: Đảng bộ và chính quyền\n")
}

func TestFixMojibakeLeavesOtherText(t *testing.T) {
	for _, s := range []string{
		"", "hello world", "Café au lait, naïve façade — “quoted” text…",
		"Đảng bộ và chính quyền các cấp", "có và là các bà", "Genève, São Paulo, Zürich",
	} {
		if got, enc, ok := FixMojibake(s); ok || got != s || enc != "" {
			t.Errorf("FixMojibake(%q) = %q, %q, %v", s, got, enc, ok)
		}
	}
}

func TestDecodeUTF16AndBOM(t *testing.T) {
	text := "Kết luận số 221 của Bộ Chính trị"
	le := []byte{0xFF, 0xFE}
	be := []byte{0xFE, 0xFF}
	var bare []byte
	for _, r := range text {
		le = append(le, byte(r), byte(r>>8))
		be = append(be, byte(r>>8), byte(r))
		bare = append(bare, byte(r), byte(r>>8))
	}
	cases := []struct {
		in  []byte
		enc Encoding
	}{
		{le, UTF16LE}, {be, UTF16BE}, {bare, UTF16LE},
		{append([]byte{0xEF, 0xBB, 0xBF}, text...), UTF8},
		{[]byte(norm.NFD.String(text)), UTF8},
	}
	for _, c := range cases {
		got, enc, err := Decode(c.in)
		if err != nil || enc != c.enc || got != text {
			t.Errorf("Decode(% x) = %q, %q, %v; want %q", c.in[:6], got, enc, err, c.enc)
		}
	}
	if _, _, err := Decode([]byte{0xFF, 0xFE, 'a'}); err == nil {
		t.Error("odd-length UTF-16: want error")
	}
	if s, enc, err := Decode([]byte("Caf\xe9 cr\xe8me")); err != nil || enc != CP1252 || s != "Café crème" {
		t.Errorf("Latin-1 text: %q %q %v", s, enc, err)
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte("thùc hiÖn KÕt luËn sè"))
	f.Add([]byte("th\xF6\xEFc hie\xE4n"))
	f.Add([]byte("\xFF\xFEa\x00"))
	f.Add([]byte("Việt Nam"))
	f.Add([]byte{0xD1, 0xE1, 0x80, 0x02})
	f.Fuzz(func(t *testing.T, b []byte) {
		s, _, err := Decode(b)
		if err == nil && (!utf8.ValidString(s) || !norm.NFC.IsNormalString(s)) {
			t.Fatalf("Decode(%q) = %q: not valid NFC", b, s)
		}
		in := string(b)
		got, _, ok := FixMojibake(in)
		if ok && (!utf8.ValidString(got) || !norm.NFC.IsNormalString(got)) {
			t.Fatalf("FixMojibake(%q) = %q: not valid NFC", in, got)
		}
		if !ok && got != in {
			t.Fatalf("FixMojibake(%q) changed text without ok", in)
		}
	})
}

func BenchmarkDecode(b *testing.B) {
	names := fixtureNames(b)
	raw := readFile(b, names[0]+".tcvn3.txt")
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if _, _, err := Decode(raw); err != nil {
			b.Fatal(err)
		}
	}
}
