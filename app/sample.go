package app

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"

	"chidao/assets"
)

// SeedSample imports the bundled sample documents into a new, empty library
// that has never been seeded, so that a new user sees a real plan at first
// start. It does nothing on a library seeded before, even if the user removed
// the sample since, nor on one that already holds the office's documents
// (made with chidao import, or moved): nothing is added to those unasked.
func (l *Library) SeedSample(ctx context.Context) ([]ImportResult, error) {
	if v, err := l.store.Meta(ctx, "sample_seeded"); err != nil || v != "" {
		return nil, err
	}
	if ids, err := l.store.DocumentIDs(ctx); err != nil || len(ids) > 0 {
		if err != nil {
			return nil, err
		}
		return nil, l.store.SetMeta(ctx, "sample_seeded", "0")
	}
	tmp, err := os.MkdirTemp("", "chidao-sample-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	names, err := fs.Glob(assets.Sample, "sample/*")
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		b, err := assets.Sample.ReadFile(n)
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(tmp, filepath.Base(n)), b, 0o644); err != nil {
			return nil, err
		}
	}
	res, err := l.Import(ctx, []string{tmp}, nil)
	if err != nil {
		return res, err
	}
	return res, l.store.SetMeta(ctx, "sample_seeded", "1")
}
