package app_test

import (
	"context"
	"path/filepath"
	"testing"

	"chidao/app"
)

// TestSeedSample: a new library gets the sample plan once; a library that
// already holds documents gets nothing added.
func TestSeedSample(t *testing.T) {
	ctx := context.Background()
	l := openLib(t, app.Options{})
	res, err := l.SeedSample(ctx)
	if err != nil || len(res) != 1 || res[0].Status != app.Imported {
		t.Fatalf("first seeding: %+v %v", res, err)
	}
	if again, err := l.SeedSample(ctx); err != nil || len(again) != 0 {
		t.Errorf("second seeding: %+v %v", again, err)
	}
	needCorpus(t)
	office := openLib(t, app.Options{})
	importPaths(t, office, filepath.Join(corpus, "text", "kl221-tw-2025-bo-may-htct-chinh-quyen-2-cap.txt"))
	if res, err := office.SeedSample(ctx); err != nil || len(res) != 0 {
		t.Errorf("seeding a library with documents: %+v %v", res, err)
	}
	if ds, _ := office.Documents(ctx); len(ds) != 1 {
		t.Errorf("%d documents after seeding a working library", len(ds))
	}
}
