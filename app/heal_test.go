package app_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"chidao/app"
	"chidao/internal/testcorpus"
)

// TestReimportHealsOriginal: importing the genuine file again puts its bytes
// back under originals/, whether the original there was removed or changed
// (its content no longer matching its SHA-256 name), and Check is clean again.
func TestReimportHealsOriginal(t *testing.T) {
	needCorpus(t)
	src := testcorpus.Path("text", "kh-tu-2020-thuc-hien-kl74-tw.txt")
	want, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, damage := range []string{"changed", "missing"} {
		t.Run(damage, func(t *testing.T) {
			ctx := context.Background()
			l := openLib(t, app.Options{})
			res := importPaths(t, l, src)
			if res[0].Status != app.Imported {
				t.Fatalf("first import: %+v", res[0])
			}
			d, err := l.Document(ctx, res[0].DocumentID)
			if err != nil {
				t.Fatal(err)
			}
			orig := filepath.Join(l.Dir, "originals", d.SHA256)
			if damage == "changed" {
				os.Chmod(orig, 0o644)
				if err := os.WriteFile(orig, []byte("nội dung khác hẳn"), 0o644); err != nil {
					t.Fatal(err)
				}
			} else {
				os.Remove(orig)
			}
			rep, err := l.Check(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if rep.OK || len(rep.Problems) != 1 || !strings.Contains(rep.Problems[0], "tệp gốc") || !strings.Contains(rep.Problems[0], d.FileName) {
				t.Fatalf("check of the damaged original: %+v", rep)
			}

			res = importPaths(t, l, src)
			if res[0].Status != app.Duplicate || res[0].DocumentID != d.ID {
				t.Fatalf("re-import: %+v", res[0])
			}
			if rep, err := l.Check(ctx); err != nil || !rep.OK || len(rep.Problems) != 0 {
				t.Errorf("check after re-import: %+v %v", rep, err)
			}
			got, err := os.ReadFile(orig)
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("original after re-import: %d bytes (want %d), %v", len(got), len(want), err)
			}
			if fi, err := os.Stat(orig); err == nil && runtime.GOOS != "windows" && fi.Mode().Perm() != 0o444 {
				t.Errorf("original mode %v, want read-only", fi.Mode().Perm())
			}
			if left, _ := filepath.Glob(filepath.Join(l.Dir, "originals", ".import-*")); len(left) != 0 {
				t.Errorf("staged copies left: %v", left)
			}
		})
	}
}
