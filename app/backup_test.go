package app_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"chidao/app"
)

// TestBackupAppearsWhole: a backup appears under its name only complete and
// verified; one that fails or is stopped leaves neither dest nor a partial
// copy beside it, so check can never certify an empty copy.
func TestBackupAppearsWhole(t *testing.T) {
	needCorpus(t)
	l := openLib(t, app.Options{})
	importPaths(t, l, filepath.Join(corpus, "text", "kh-tu-2020-thuc-hien-kl74-tw.txt"),
		filepath.Join(corpus, "text", "kl221-tw-2025-bo-may-htct-chinh-quyen-2-cap.txt"))
	parent := t.TempDir()

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	stopped := filepath.Join(parent, "stopped")
	if err := l.Backup(ctx, stopped); err == nil {
		t.Fatal("a stopped backup reported success")
	}
	if _, err := os.Stat(stopped); err == nil {
		t.Error("a stopped backup left its folder")
	}
	if left, _ := os.ReadDir(parent); len(left) != 0 {
		t.Errorf("a stopped backup left %d entries beside it", len(left))
	}

	dest := filepath.Join(parent, "ok")
	if err := l.Backup(context.Background(), dest); err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir(parent); len(left) != 1 {
		t.Errorf("after a backup the folder holds %d entries, want only the backup", len(left))
	}
	b, err := app.Open(context.Background(), dest, app.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	rep, err := b.Check(context.Background())
	if err != nil || !rep.OK || rep.Documents != 2 || rep.Originals != 2 {
		t.Errorf("backup check: %+v %v", rep, err)
	}
}
