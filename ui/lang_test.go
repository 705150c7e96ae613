package ui

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"chidao/assets"

	"golang.org/x/text/unicode/norm"
)

// The permanent i18n test. Every user-facing string of package ui is written
// in Vietnamese and goes through lang.L (or lang.X, lang.N, lang.XN), its
// English in assets/translations/en*.json. So, in every non-test ui/*.go:
//
//	(a) a string literal holding a Vietnamese letter is the direct argument
//	    of lang.L / lang.X / lang.N / lang.XN; or it is inside a composite
//	    literal or a const block preceded by a comment line starting
//	    "// i18n:" (it is then translated where it is shown, and must be a
//	    key of the English files); or it is in allowlist below, with a reason;
//	(b) every literal key of lang.L (lang.X …) is a key of some en*.json;
//	(c) every en*.json is valid JSON with NFC keys and non-empty values, no
//	    key twice in a file, and no key in two files with different values.
//
// Each failure names its file and line.

// allowlist are the Vietnamese literals of package ui that are not
// translated, with the reason: by file and either the literal's text or the
// name of the var or const whose value holds it.
var allowlist = map[[2]string]string{
	{"ui.go", "chidao: không có màn hình (DISPLAY chưa đặt) nên không mở được cửa sổ: hãy chạy trong phiên đồ họa, hoặc dùng các lệnh dòng lệnh (chidao help)."}: "printed to the terminal before the app (and so the language setting) exists, like the command line's messages",
	{"settings.go", "Tiếng Việt"}:     "a language's own name, shown the same in every interface language",
	{"office.go", "partyAuthorities"}: "signature-block wording printed in the Vietnamese report (HD 36), offered as typed",
	{"office.go", "stateAuthorities"}: "signature-block wording printed in the Vietnamese report (NĐ 30), offered as typed",
	{"office.go", "partyTitles"}:      "signers' titles printed in the Vietnamese report, offered as typed",
	{"office.go", "stateTitles"}:      "signers' titles printed in the Vietnamese report, offered as typed",
	{"office.go", "Thường trực Tỉnh ủy (b/c)\nCác đồng chí Ủy viên Ban Thường vụ Tỉnh ủy\nLưu Văn phòng"}: "example of the «Nơi nhận» list as it prints in the Vietnamese report",
	{"tasks.go", "Ấg"}:        "a sample measured for the line height, never shown",
	{"reports.go", "từ ngày"}: "compared with the period label app writes (Vietnamese report text)",
	{"reports.go", "BÁO CÁO"}: "stripped from a saved report's title, as app writes it (Vietnamese report text)",
}

// langFuncs are the functions of fyne.io/fyne/v2/lang that translate, with
// the index of their key argument.
var langFuncs = map[string]int{"L": 0, "N": 0, "X": 0, "XN": 0}

// vietnameseMarks are the combining marks of Vietnamese letters: the five
// tones and the breve, circumflex and horn.
var vietnameseMarks = map[rune]bool{0x0300: true, 0x0301: true, 0x0303: true, 0x0309: true, 0x0323: true, 0x0302: true, 0x0306: true, 0x031B: true}

// hasVietnamese says whether s holds a Vietnamese letter: đ, or a Latin
// vowel with a tone, breve, circumflex or horn.
func hasVietnamese(s string) bool {
	for _, r := range s {
		if r == 'đ' || r == 'Đ' {
			return true
		}
		if r < 0xC0 || !unicode.IsLetter(r) {
			continue
		}
		d := []rune(norm.NFD.String(string(r)))
		if len(d) > 1 && d[0] < 0x80 {
			for _, m := range d[1:] {
				if vietnameseMarks[m] {
					return true
				}
			}
		}
	}
	return false
}

func TestHasVietnamese(t *testing.T) {
	for s, want := range map[string]bool{
		"Văn bản": true, "đ": true, "Tìm": true, "Sở Nội vụ": true, "ỨNG": true,
		"Search": false, "«»—…": false, "Ctrl+F": false, "%d/%d": false, "⌘": false,
	} {
		if got := hasVietnamese(s); got != want {
			t.Errorf("hasVietnamese(%q) = %v", s, got)
		}
	}
}

// englishEntry is a key of the English files: its value and where it is.
type englishEntry struct {
	value string
	file  string
}

// readEnglish reads every en*.json; problems are (c)'s failures.
func readEnglish() (map[string]englishEntry, []string) {
	keys := map[string]englishEntry{}
	var problems []string
	names, _ := fs.Glob(assets.Translations, "translations/en*.json")
	if len(names) == 0 {
		problems = append(problems, "no assets/translations/en*.json")
	}
	for _, n := range names {
		file := "assets/" + n
		data, err := fs.ReadFile(assets.Translations, n)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", file, err))
			continue
		}
		if !json.Valid(data) {
			var v any
			err := json.Unmarshal(data, &v)
			problems = append(problems, fmt.Sprintf("%s: not valid JSON: %v", file, err))
			continue
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
			problems = append(problems, file+": not a JSON object")
			continue
		}
		seen := map[string]bool{}
		for dec.More() {
			line := 1 + bytes.Count(data[:dec.InputOffset()], []byte("\n"))
			tok, err := dec.Token()
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s:%d: %v", file, line, err))
				break
			}
			key := tok.(string)
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				problems = append(problems, fmt.Sprintf("%s:%d: %v", file, line, err))
				break
			}
			where := fmt.Sprintf("%s:%d", file, line)
			if seen[key] {
				problems = append(problems, fmt.Sprintf("%s: key %q twice in the file", where, key))
			}
			seen[key] = true
			if !norm.NFC.IsNormalString(key) {
				problems = append(problems, fmt.Sprintf("%s: key %q is not NFC", where, key))
			}
			value, ok := translationValue(raw)
			if !ok {
				problems = append(problems, fmt.Sprintf("%s: key %q has an empty or malformed value", where, key))
				continue
			}
			if !norm.NFC.IsNormalString(value) {
				problems = append(problems, fmt.Sprintf("%s: the value of %q is not NFC", where, key))
			}
			if prev, ok := keys[key]; ok && prev.value != value && prev.file != where {
				problems = append(problems, fmt.Sprintf("%s: key %q is %q here but %q in %s", where, key, value, prev.value, prev.file))
			}
			keys[key] = englishEntry{value: value, file: where}
		}
	}
	return keys, problems
}

// translationValue is a translation's text: a non-empty string, or the
// plural forms of go-i18n (an object of non-empty strings, "other" among
// them), joined.
func translationValue(raw json.RawMessage) (string, bool) {
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, strings.TrimSpace(s) != ""
	}
	var forms map[string]string
	if err := json.Unmarshal(raw, &forms); err != nil || strings.TrimSpace(forms["other"]) == "" {
		return "", false
	}
	var ks []string
	for k, v := range forms {
		if strings.TrimSpace(v) == "" {
			return "", false
		}
		ks = append(ks, k)
	}
	sort.Strings(ks)
	var b strings.Builder
	for _, k := range ks {
		b.WriteString(k + "=" + forms[k] + ";")
	}
	return b.String(), true
}

// TestEnglishFiles is (c).
func TestEnglishFiles(t *testing.T) {
	_, problems := readEnglish()
	for _, p := range problems {
		t.Error(p)
	}
}

// uiLiteral is a string literal of a ui source file.
type uiLiteral struct {
	pos       token.Position
	text      string
	direct    bool     // the argument of a lang function
	key       bool     // and its key
	i18n      bool     // inside a composite literal or const block marked "// i18n:"
	constLike bool     // inside a composite literal or a const block at all
	names     []string // the vars or consts whose value holds it
}

// uiLiterals parses the non-test ui/*.go files and lists their string
// literals.
func uiLiterals(t *testing.T) []uiLiteral {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var out []uiLiteral
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		out = append(out, fileLiterals(fset, f)...)
	}
	return out
}

// fileLiterals lists the string literals of one parsed file.
func fileLiterals(fset *token.FileSet, f *ast.File) []uiLiteral {
	langName := ""
	for _, imp := range f.Imports {
		if p, _ := strconv.Unquote(imp.Path.Value); p == "fyne.io/fyne/v2/lang" {
			langName = "lang"
			if imp.Name != nil {
				langName = imp.Name.Name
			}
		}
	}
	// The arguments of lang functions.
	direct := map[*ast.BasicLit]bool{}
	keys := map[*ast.BasicLit]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || langName == "" {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if id, ok := sel.X.(*ast.Ident); !ok || id.Name != langName {
			return true
		}
		keyArg, ok := langFuncs[sel.Sel.Name]
		if !ok {
			return true
		}
		for i, a := range call.Args {
			if lit, ok := a.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if i == keyArg {
					keys[lit] = true
					direct[lit] = true
				}
				if (sel.Sel.Name == "X" || sel.Sel.Name == "XN") && i == 1 { // the fallback
					direct[lit] = true
				}
			}
		}
		return true
	})

	// The lines right after a "// i18n:" comment.
	marked := map[int]bool{}
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(c.Text, "//")), "i18n:") {
				marked[fset.Position(cg.End()).Line+1] = true
			}
		}
	}
	// The regions the marks cover: the outermost node starting on a marked
	// line.
	type region struct{ from, to token.Pos }
	var regions []region
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil {
			return false
		}
		if _, ok := n.(*ast.File); ok {
			return true
		}
		if marked[fset.Position(n.Pos()).Line] {
			regions = append(regions, region{n.Pos(), n.End()})
			return false
		}
		return true
	})
	inRegion := func(p token.Pos) bool {
		for _, r := range regions {
			if p >= r.from && p < r.to {
				return true
			}
		}
		return false
	}

	var out []uiLiteral
	var stack []ast.Node
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		lit, ok := n.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return true
		}
		text, err := strconv.Unquote(lit.Value)
		if err != nil {
			return true
		}
		constLike := false
		var names []string
		for _, a := range stack {
			switch a := a.(type) {
			case *ast.ValueSpec:
				for _, n := range a.Names {
					names = append(names, n.Name)
				}
			case *ast.CompositeLit:
				constLike = true
			case *ast.GenDecl:
				if a.Tok == token.CONST {
					constLike = true
				}
			case *ast.ImportSpec:
				return true
			}
		}
		out = append(out, uiLiteral{pos: fset.Position(lit.Pos()), text: text, direct: direct[lit], key: keys[lit],
			i18n: constLike && inRegion(lit.Pos()), constLike: constLike, names: names})
		return true
	})
	return out
}

// TestStringsTranslated is (a): every Vietnamese literal goes through
// lang.L, or is marked "// i18n:" and has its English, or is allowed.
func TestStringsTranslated(t *testing.T) {
	english, _ := readEnglish()
	used := map[[2]string]bool{}
	for _, l := range uiLiterals(t) {
		if !hasVietnamese(l.text) {
			continue
		}
		where := fmt.Sprintf("ui/%s:%d", l.pos.Filename, l.pos.Line)
		if !norm.NFC.IsNormalString(l.text) {
			t.Errorf("%s: %q is not NFC", where, l.text)
		}
		switch {
		case l.direct:
		case l.i18n:
			if _, ok := english[l.text]; !ok {
				t.Errorf("%s: %q is marked i18n but no assets/translations/en*.json has it", where, l.text)
			}
		case allowed(l, used):
		default:
			t.Errorf("%s: %q is not translated: write lang.L(%q) (English in assets/translations/en*.json), or mark its composite literal or const block \"// i18n:\"", where, l.text, l.text)
		}
	}
	for k := range allowlist {
		if !used[k] {
			t.Errorf("allowlist: %q is no longer in ui/%s: remove the entry", k[1], k[0])
		}
	}
}

// allowed says whether the allowlist has l (by its text or the name of its
// var or const), noting the entry used.
func allowed(l uiLiteral, used map[[2]string]bool) bool {
	for _, k := range append([]string{l.text}, l.names...) {
		key := [2]string{l.pos.Filename, k}
		if allowlist[key] != "" {
			used[key] = true
			return true
		}
	}
	return false
}

// TestLangKeysTranslated is (b): every literal key of lang.L has its
// English.
func TestLangKeysTranslated(t *testing.T) {
	english, _ := readEnglish()
	for _, l := range uiLiterals(t) {
		if !l.key {
			continue
		}
		if _, ok := english[l.text]; !ok {
			t.Errorf("ui/%s:%d: lang key %q is in no assets/translations/en*.json", l.pos.Filename, l.pos.Line, l.text)
		}
	}
}

// TestVietnameseKnowsEveryKey: in Vietnamese, every key of the English files
// is registered as itself (so lang.L stays quiet) and Fyne's own strings
// keep their Vietnamese.
func TestVietnameseKnowsEveryKey(t *testing.T) {
	files := translationData(LangVietnamese)
	var same map[string]any
	if err := json.Unmarshal(files["vi-chidao.json"], &same); err != nil {
		t.Fatal(err)
	}
	english, _ := readEnglish()
	for k := range english {
		if v, ok := same[k]; !ok || (v != k && fmt.Sprint(v) != fmt.Sprint(map[string]any{"other": k})) {
			t.Errorf("Vietnamese: %q is registered as %v", k, v)
		}
	}
	if _, ok := same["Cancel"]; ok {
		t.Errorf("Fyne's «Cancel» is registered as itself, over vi.json's «Hủy»")
	}
	if files["vi.json"] == nil {
		t.Errorf("vi.json is not registered")
	}
}
