package app_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"chidao/app"
	"chidao/report"
)

// TestPrintWithoutPrinter: on a machine with no printer (CI), printing says
// so clearly instead of failing silently; a fake lp on PATH receives the file.
func TestPrintWithoutPrinter(t *testing.T) {
	dir := t.TempDir()
	pdf := filepath.Join(dir, "r.pdf")
	os.WriteFile(pdf, []byte("%PDF-1.4\n"), 0o644)
	t.Setenv("PATH", dir)
	err := app.PrintFile(context.Background(), pdf)
	if !errors.Is(err, app.ErrNoPrinter) {
		t.Fatalf("no lp, no lpr: err = %v, want ErrNoPrinter", err)
	}
	if r := app.Reason(err); r == "" || !bytes.Contains([]byte(r), []byte("máy in")) {
		t.Errorf("reason %q", r)
	}
	got := filepath.Join(dir, "printed")
	os.WriteFile(filepath.Join(dir, "lpstat"), []byte("#!/bin/sh\necho 'system default destination: office'\n"), 0o755)
	os.WriteFile(filepath.Join(dir, "lp"), []byte("#!/bin/sh\necho \"$1\" > "+got+"\n"), 0o755)
	if err := app.PrintFile(context.Background(), pdf); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(got); string(bytes.TrimSpace(b)) != pdf {
		t.Errorf("lp received %q", b)
	}
}

// TestRenderPreview: a report's pages render to images of A4 proportions.
func TestRenderPreview(t *testing.T) {
	r := report.Report{Office: app.DefaultOffice(), Kind: "BÁO CÁO", Subject: "Thử", Year: 2026,
		Blocks: []report.Block{{Paragraph: "Nội dung."}}}
	var buf bytes.Buffer
	if err := report.WritePDF(&buf, &r); err != nil {
		t.Fatal(err)
	}
	imgs, err := app.RenderPDF(buf.Bytes(), 50)
	if err != nil || len(imgs) != 1 {
		t.Fatalf("%d pages, %v", len(imgs), err)
	}
	b := imgs[0].Bounds()
	if ratio := float64(b.Dy()) / float64(b.Dx()); ratio < 1.40 || ratio > 1.43 {
		t.Errorf("page %v is not A4", b)
	}
}
