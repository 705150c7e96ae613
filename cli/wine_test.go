package cli_test

// Tests of the Windows build that `make windows` leaves in bin/ (chidao.exe,
// the GUI, and chidao-cli.exe, the console program): their PE headers, and
// their headless sub-commands run under Wine beside the same commands run here
// natively. `make test-windows` builds the programs, installs Wine and runs
// these; elsewhere they skip when the programs or Wine are absent, or with
// -short. CHIDAO_WINDOWS_BIN names another folder holding the programs;
// CHIDAO_WINEPREFIX another Wine prefix (default bin/wine-prefix, ~700 MB,
// made once).

import (
	"bytes"
	"chidao/internal/testcorpus"
	"context"
	"debug/pe"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"chidao/app"
	"chidao/cli"
)

var wineCorpus = testcorpus.Dir()

// winBinDir is where the Windows programs are looked for.
func winBinDir() string {
	if d := os.Getenv("CHIDAO_WINDOWS_BIN"); d != "" {
		return d
	}
	return "../bin"
}

// windowsExe returns the absolute path of bin/NAME, skipping the test when it
// has not been built.
func windowsExe(t *testing.T, name string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join(winBinDir(), name))
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(p)
	if err != nil {
		t.Skipf("%s is not built (make windows)", p)
	}
	t.Logf("%s: %.1f MB, built %s", p, float64(st.Size())/(1<<20), st.ModTime().Format(time.DateTime))
	return p
}

// TestWindowsExeHeaders checks what Windows reads before running a line of
// chidao: the subsystem of each program, the resources (icon, version,
// manifest), and that every DLL it imports comes with Windows — a MinGW runtime
// DLL such as libssp-0.dll (what -lssp alone links) would stop it at start.
func TestWindowsExeHeaders(t *testing.T) {
	for _, c := range []struct {
		name      string
		subsystem uint16
	}{
		{"chidao.exe", pe.IMAGE_SUBSYSTEM_WINDOWS_GUI},
		{"chidao-cli.exe", pe.IMAGE_SUBSYSTEM_WINDOWS_CUI},
	} {
		t.Run(c.name, func(t *testing.T) {
			f, err := pe.Open(windowsExe(t, c.name))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if f.Machine != pe.IMAGE_FILE_MACHINE_AMD64 {
				t.Errorf("machine %#x, want amd64", f.Machine)
			}
			oh, ok := f.OptionalHeader.(*pe.OptionalHeader64)
			if !ok {
				t.Fatalf("not a 64-bit PE file")
			}
			if oh.Subsystem != c.subsystem {
				t.Errorf("subsystem %d, want %d", oh.Subsystem, c.subsystem)
			}
			if f.Section(".rsrc") == nil {
				t.Errorf("no .rsrc section: the icon, version and manifest are missing")
			}
			// debug/pe's ImportedLibraries returns nothing; the DLLs are
			// named after the colon of each imported symbol.
			syms, err := f.ImportedSymbols()
			if err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			var dlls []string
			for _, s := range syms {
				if _, d, ok := strings.Cut(s, ":"); ok && !seen[strings.ToLower(d)] {
					seen[strings.ToLower(d)] = true
					dlls = append(dlls, d)
				}
			}
			t.Logf("imports %s", strings.Join(dlls, " "))
			if !seen["kernel32.dll"] {
				t.Errorf("no import of KERNEL32.dll read: the import table was not understood")
			}
			for _, d := range dlls {
				if strings.HasPrefix(strings.ToLower(d), "lib") {
					t.Errorf("imports %s, a MinGW runtime DLL that Windows does not have", d)
				}
			}
		})
	}
}

// newestSource returns the time and path of the newest Go source, go.mod,
// go.sum or embedded asset under root.
func newestSource(t *testing.T, root string) (time.Time, string) {
	t.Helper()
	var newest time.Time
	var at string
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if p != root && (name == "bin" || name == "dist" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		if strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") || name == "go.mod" || name == "go.sum" ||
			strings.HasPrefix(rel, "assets"+string(filepath.Separator)) {
			if info, err := d.Info(); err == nil && info.ModTime().After(newest) {
				newest, at = info.ModTime(), rel
			}
		}
		return nil
	})
	return newest, at
}

// wineEnv is a Wine prefix ready to run chidao.
type wineEnv struct {
	wine string   // the wine command
	env  []string // the environment, WINEPREFIX included
	dir  string   // working folder
}

// bcryptShim is a stand-in for bcryptprimitives.dll, which Go 1.22 and later
// programs load at start for ProcessPrng (Windows 10 and later have it; Wine
// 8 does not). It is put into the test's own Wine prefix only, never shipped.
const bcryptShim = `#include <windows.h>
#include <bcrypt.h>
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T n) {
  while (n > 0) {
    ULONG k = n > 0x40000000 ? 0x40000000 : (ULONG)n;
    if (BCryptGenRandom(NULL, data, k, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0) return FALSE;
    data += k; n -= k;
  }
  return TRUE;
}
`

// newWine finds Wine and readies the prefix, or skips the test.
func newWine(t *testing.T) *wineEnv {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: no Wine run")
	}
	w := &wineEnv{dir: t.TempDir()}
	for _, name := range []string{"wine64", "wine"} {
		if p, err := exec.LookPath(name); err == nil {
			w.wine = p
			break
		}
	}
	if w.wine == "" {
		t.Skip("Wine is not installed (scripts/setup.sh wine, or make test-windows)")
	}
	prefix := os.Getenv("CHIDAO_WINEPREFIX")
	if prefix == "" {
		prefix = filepath.Join(winBinDir(), "wine-prefix")
	}
	prefix, err := filepath.Abs(prefix)
	if err != nil {
		t.Fatal(err)
	}
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "WINEPREFIX", "WINEDEBUG", "WINEDLLOVERRIDES", "DISPLAY", "WAYLAND_DISPLAY":
			continue // headless, quiet, and in our own prefix
		}
		w.env = append(w.env, kv)
	}
	// mscoree and mshtml disabled: no offer to install Mono or Gecko.
	w.env = append(w.env, "WINEPREFIX="+prefix, "WINEDEBUG=-all", "WINEDLLOVERRIDES=mscoree,mshtml=")

	if out, err := exec.Command(w.wine, "--version").Output(); err == nil {
		t.Logf("%s, prefix %s", strings.TrimSpace(string(out)), prefix)
	}
	sys32 := filepath.Join(prefix, "drive_c", "windows", "system32")
	if _, err := os.Stat(filepath.Join(sys32, "kernel32.dll")); err != nil {
		start := time.Now()
		if out, code := w.run(t, 10*time.Minute, "wineboot", "--init"); code != 0 {
			t.Fatalf("wineboot --init: exit %d\n%s", code, out)
		}
		t.Logf("made the Wine prefix in %s", time.Since(start).Round(time.Second))
	}
	if _, err := os.Stat(filepath.Join(sys32, "bcryptprimitives.dll")); err != nil {
		cc, err := exec.LookPath("x86_64-w64-mingw32-gcc")
		if err != nil {
			t.Skip("this Wine lacks bcryptprimitives.dll, which Go programs need, and MinGW-w64 is not here to build a stand-in (scripts/setup.sh windows)")
		}
		src := filepath.Join(w.dir, "bcryptprimitives.c")
		if err := os.WriteFile(src, []byte(bcryptShim), 0o644); err != nil {
			t.Fatal(err)
		}
		dll := filepath.Join(sys32, "bcryptprimitives.dll")
		if out, err := exec.Command(cc, "-shared", "-O2", "-s", "-o", dll, src, "-lbcrypt").CombinedOutput(); err != nil {
			t.Fatalf("building the bcryptprimitives.dll stand-in: %v\n%s", err, out)
		}
		t.Logf("this Wine lacks bcryptprimitives.dll: put a stand-in exporting ProcessPrng into the prefix")
	}
	return w
}

// run runs a Windows program under Wine and returns its output (stdout, then
// stderr) and exit status.
func (w *wineEnv) run(t *testing.T, timeout time.Duration, args ...string) (string, int) {
	t.Helper()
	out, errs, code := w.run2(t, timeout, args...)
	return out + errs, code
}

func (w *wineEnv) run2(t *testing.T, timeout time.Duration, args ...string) (string, string, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, w.wine, args...)
	cmd.Env = w.env
	cmd.Dir = w.dir
	var out, errs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errs
	cmd.WaitDelay = 10 * time.Second // wineserver may keep our pipes a moment
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("wine %s: no answer in %s\n%s%s", strings.Join(args, " "), timeout, out.String(), errs.String())
	}
	var ee *exec.ExitError
	switch {
	case err == nil:
		return out.String(), errs.String(), 0
	case errors.As(err, &ee):
		return out.String(), errs.String(), ee.ExitCode()
	default:
		t.Fatalf("wine %s: %v", strings.Join(args, " "), err)
	}
	return "", "", -1
}

type importJSON struct {
	Results []struct {
		Path       string `json:"path"`
		Status     string `json:"status"`
		DocumentID int64  `json:"document_id"`
		Format     string `json:"format"`
		Pages      int    `json:"pages"`
		Reason     string `json:"reason"`
	} `json:"results"`
}

type searchJSON struct {
	Total int `json:"total"`
	Hits  []struct {
		DocumentID int64  `json:"document_id"`
		Address    string `json:"address"`
	} `json:"hits"`
}

func mustJSON(t *testing.T, what, s string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(s), v); err != nil {
		t.Fatalf("%s: not JSON (%v):\n%.2000s", what, err, s)
	}
}

// TestWindowsUnderWine runs chidao-cli.exe's headless sub-commands under Wine
// on the sample plan, as text and as PDF (the PDF is read by MuPDF in a child
// process of the same .exe), and compares what they print with the same
// commands run natively in this test binary: import, show --text, search,
// tasks propose --accept-all, report to PDF, a damaged PDF, and chidao.exe
// (the GUI program) answering a sub-command with its output and exit status.
func TestWindowsUnderWine(t *testing.T) {
	cliExe := windowsExe(t, "chidao-cli.exe")
	guiExe := windowsExe(t, "chidao.exe")
	// The programs are compared with this tree's code: a build older than the
	// sources would differ for no fault of Windows.
	if src, at := newestSource(t, ".."); !src.IsZero() {
		for _, exe := range []string{cliExe, guiExe} {
			if st, err := os.Stat(exe); err == nil && st.ModTime().Before(src) {
				t.Skipf("%s is older than %s: make windows (or make test-windows) first", exe, at)
			}
		}
	}
	plan := filepath.Join(wineCorpus, "text", "kh-tu-2020-thuc-hien-kl74-tw.txt")
	planPDF := filepath.Join(wineCorpus, "pdf", "kh-tu-2020-thuc-hien-kl74-tw.pdf")
	for _, p := range []string{plan, planPDF} {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("test corpus missing: %v", err)
		}
	}
	plan, _ = filepath.Abs(plan)
	planPDF, _ = filepath.Abs(planPDF)
	w := newWine(t)
	const long = 5 * time.Minute

	// A damaged PDF: the first half of the sample. MuPDF throws (longjmp) on
	// the missing xref and catches it to repair; a wrong setjmp would crash.
	pdfBytes, err := os.ReadFile(planPDF)
	if err != nil {
		t.Fatal(err)
	}
	damaged := filepath.Join(w.dir, "damaged.pdf")
	if err := os.WriteFile(damaged, pdfBytes[:len(pdfBytes)/2], 0o644); err != nil {
		t.Fatal(err)
	}

	winLib := filepath.Join(w.dir, "lib-wine")
	natLib := filepath.Join(w.dir, "lib-native")
	win := func(args ...string) (string, string, int) {
		t.Helper()
		return w.run2(t, long, append([]string{cliExe, "--library", winLib}, args...)...)
	}
	nat := func(args ...string) (string, string, int) {
		t.Helper()
		var out, errw bytes.Buffer
		code := cli.Run(append([]string{"--library", natLib}, args...), &out, &errw)
		return out.String(), errw.String(), code
	}
	both := func(args ...string) (wo, no string) {
		t.Helper()
		wo, we, wc := win(args...)
		if wc != 0 {
			t.Fatalf("under Wine, %s: exit %d\n%s%s", strings.Join(args, " "), wc, wo, we)
		}
		no, ne, nc := nat(args...)
		if nc != 0 {
			t.Fatalf("natively, %s: exit %d\n%s%s", strings.Join(args, " "), nc, no, ne)
		}
		return wo, no
	}

	// 1. Import. Wine 8 cannot make a new library: Go's os.RemoveAll (the
	// index is rebuilt when a library is made) deletes with
	// NtSetInformationFile(FileDispositionInformationEx), which Windows 10 1607
	// and later have and Wine 8 answers with STATUS_NOT_IMPLEMENTED ("Invalid
	// function"). Then the empty library is made natively, the rest under Wine.
	args := []string{"import", "--json", plan, planPDF}
	wo, we, wc := win(args...)
	if wc != 0 && strings.Contains(we, "unlinkat") {
		t.Logf("Wine could not make the library (%s); made natively instead, the rest runs under Wine", strings.TrimSpace(we))
		l, err := app.Open(context.Background(), winLib, app.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
		wo, we, wc = win(args...)
	}
	if wc != 0 {
		t.Fatalf("import under Wine: exit %d\n%s%s", wc, wo, we)
	}
	no, ne, nc := nat(args...)
	if nc != 0 {
		t.Fatalf("native import: exit %d\n%s", nc, ne)
	}
	var wImp, nImp importJSON
	mustJSON(t, "import", wo, &wImp)
	mustJSON(t, "native import", no, &nImp)
	ids := map[string]int64{}
	for _, r := range wImp.Results {
		if r.Status != "imported" {
			t.Fatalf("under Wine, %s: %s (%s)", r.Path, r.Status, r.Reason)
		}
		ids[r.Format] = r.DocumentID
		if r.Format == "pdf" {
			t.Logf("PDF read under Wine: %d pages", r.Pages)
		}
	}
	if ids["txt"] == 0 || ids["pdf"] == 0 || len(wImp.Results) != 2 {
		t.Fatalf("under Wine, want a txt and a pdf imported, got %+v", wImp.Results)
	}
	natIDs := map[string]int64{}
	natPages := map[string]int{}
	for _, r := range nImp.Results {
		natIDs[r.Format] = r.DocumentID
		natPages[r.Format] = r.Pages
	}
	for _, r := range wImp.Results {
		if r.Pages != natPages[r.Format] {
			t.Errorf("%s: %d pages under Wine, %d natively", r.Format, r.Pages, natPages[r.Format])
		}
	}

	// 2. The PDF's clean text: MuPDF on Windows reads what it reads here.
	wText, _, wc := win("show", fmt.Sprint(ids["pdf"]), "--text")
	nText, _, nc := nat("show", fmt.Sprint(natIDs["pdf"]), "--text")
	if wc != 0 || nc != 0 || len(wText) < 1000 {
		t.Fatalf("show --text: exit %d under Wine (%d bytes), %d natively", wc, len(wText), nc)
	}
	if wText != nText {
		t.Errorf("the PDF's text differs under Wine (%d bytes) from here (%d bytes)", len(wText), len(nText))
	}

	// 3. Search.
	wo, no = both("search", "tinh giản biên chế", "--json")
	var wS, nS searchJSON
	mustJSON(t, "search", wo, &wS)
	mustJSON(t, "native search", no, &nS)
	if wS.Total == 0 || len(wS.Hits) == 0 {
		t.Fatalf("search under Wine found nothing:\n%s", wo)
	}
	if wS.Total != nS.Total {
		t.Errorf("search: %d hits under Wine, %d natively", wS.Total, nS.Total)
	}
	t.Logf("search under Wine: %d hits, first %s of document %d", wS.Total, wS.Hits[0].Address, wS.Hits[0].DocumentID)

	// 4. Tasks from the plan (the text document).
	wo, _, wc = win("tasks", "propose", fmt.Sprint(ids["txt"]), "--accept-all", "--json")
	no, _, nc = nat("tasks", "propose", fmt.Sprint(natIDs["txt"]), "--accept-all", "--json")
	if wc != 0 || nc != 0 {
		t.Fatalf("tasks propose: exit %d under Wine, %d natively\n%s", wc, nc, wo)
	}
	var wT, nT struct {
		Created []int64 `json:"created"`
	}
	mustJSON(t, "tasks propose", wo, &wT)
	mustJSON(t, "native tasks propose", no, &nT)
	if len(wT.Created) == 0 || len(wT.Created) != len(nT.Created) {
		t.Errorf("tasks propose: %d tasks under Wine, %d natively", len(wT.Created), len(nT.Created))
	}
	t.Logf("tasks under Wine: %d", len(wT.Created))

	// 5. The report, as PDF.
	out := filepath.Join(w.dir, "bao-cao.pdf")
	wo, we, wc = win("report", "--scope", fmt.Sprintf("plan:%d", ids["txt"]), "--period", "2026", "--out", out)
	if wc != 0 {
		t.Fatalf("report under Wine: exit %d\n%s%s", wc, wo, we)
	}
	b, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Fatalf("report under Wine: %v, starts %q", err, b[:min(len(b), 8)])
	}
	t.Logf("report under Wine: %d bytes", len(b))

	// 6. The damaged PDF fails alone, with the reason it has here.
	wo, no = both("import", "--json", damaged)
	mustJSON(t, "import damaged", wo, &wImp)
	mustJSON(t, "native import damaged", no, &nImp)
	if len(wImp.Results) != 1 || wImp.Results[0].Status != "failed" {
		t.Fatalf("damaged PDF under Wine: %+v", wImp.Results)
	}
	if len(nImp.Results) != 1 || wImp.Results[0].Reason != nImp.Results[0].Reason {
		t.Errorf("damaged PDF: %q under Wine, %q natively", wImp.Results[0].Reason, nImp.Results[0].Reason)
	}
	// The extraction child itself: MuPDF's error, sent back (exit 3), not a crash.
	co, _, cc := w.run2(t, long, cliExe, app.ChildCommand, "pdf", damaged)
	if cc != 3 || !strings.Contains(co, `"kind":"corrupt"`) {
		t.Errorf("extraction child on the damaged PDF under Wine: exit %d, %s", cc, co)
	}

	// 7. chidao.exe, the GUI program, answers sub-commands too, with their
	// output and exit status.
	lo, _, gc := w.run2(t, long, guiExe, "--library", winLib, "list", "--json")
	var docs struct {
		Documents []struct{ ID int64 } `json:"documents"`
	}
	if gc != 0 {
		t.Fatalf("chidao.exe list: exit %d\n%s", gc, lo)
	}
	mustJSON(t, "chidao.exe list", lo, &docs)
	if len(docs.Documents) != 2 {
		t.Errorf("chidao.exe list: %d documents, want 2", len(docs.Documents))
	}
	_, ge, gc := w.run2(t, long, guiExe, "no-such-command")
	if gc != 2 || !strings.Contains(ge, "no-such-command") {
		t.Errorf("chidao.exe no-such-command: exit %d, stderr %q; want 2 and the error", gc, ge)
	}

	// 8. Started with no standard handles from a console (start /wait in
	// cmd.exe, as Windows starts a GUI program), chidao.exe attaches to that
	// console to print (internal/winconsole). script(1) gives Wine's cmd a
	// terminal, so that it has a console.
	scr, err := exec.LookPath("script")
	if err != nil {
		t.Log("no script(1) here: the console attach is not checked")
		return
	}
	winPath := "Z:" + strings.ReplaceAll(guiExe, "/", `\`)
	line := fmt.Sprintf("'%s' cmd /c start /wait '%s' no-such-command", w.wine, winPath)
	ctx, cancel := context.WithTimeout(context.Background(), long)
	defer cancel()
	cmd := exec.CommandContext(ctx, scr, "-qec", line, "/dev/null")
	cmd.Env, cmd.Dir = w.env, w.dir
	cmd.WaitDelay = 10 * time.Second
	tty, err := cmd.Output()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("script: %v", err)
	}
	if code != 2 || !strings.Contains(string(tty), `"no-such-command"`) {
		t.Errorf("start /wait chidao.exe no-such-command in Wine's cmd: exit %d, console showed %q; want 2 and the error", code, tty)
	}
}
