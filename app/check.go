package app

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// CheckReport is what Check found. OK is true when Problems is empty; Notes are
// harmless findings (such as originals no document refers to).
type CheckReport struct {
	Documents int      `json:"documents"`
	Originals int      `json:"originals"`
	Indexed   int      `json:"indexed"`
	Problems  []string `json:"problems"`
	Notes     []string `json:"notes,omitempty"`
	OK        bool     `json:"ok"`
}

// Check verifies the library: SQLite integrity and foreign keys, every
// document's original present with the right hash, and the index holding
// exactly the documents of the database.
func (l *Library) Check(ctx context.Context) (CheckReport, error) {
	var r CheckReport
	problems, err := l.store.IntegrityCheck(ctx)
	if err != nil {
		return r, err
	}
	r.Problems = append(r.Problems, problems...)
	ds, err := l.store.Documents(ctx)
	if err != nil {
		return r, err
	}
	r.Documents = len(ds)
	known := map[string]bool{}
	for _, d := range ds {
		known[d.SHA256] = true
		if err := ctx.Err(); err != nil {
			return r, err
		}
		if d.Format == FormatSynthetic {
			continue // a benchmark document: it never had a file
		}
		if err := l.originals.Verify(d.SHA256); err != nil {
			r.Problems = append(r.Problems, fmt.Sprintf("document %d (%s): original missing or changed: %v", d.ID, d.FileName, err))
			continue
		}
		r.Originals++
	}
	atts, err := l.store.AttachmentSHAs(ctx)
	if err != nil {
		return r, err
	}
	for _, sha := range atts {
		known[sha] = true
		if err := l.originals.Verify(sha); err != nil {
			r.Problems = append(r.Problems, fmt.Sprintf("attachment %s: file missing or changed: %v", sha, err))
		}
	}
	entries, _ := os.ReadDir(l.originals.Dir)
	for _, e := range entries {
		if !known[e.Name()] {
			r.Notes = append(r.Notes, "original with no document (left by an interrupted import; harmless): "+e.Name())
		}
	}
	if l.index != nil {
		ids, err := l.index.DocumentIDs()
		if err != nil {
			return r, err
		}
		r.Indexed = len(ids)
		inDB := map[int64]bool{}
		for _, d := range ds {
			inDB[d.ID] = true
			if !ids[d.ID] {
				r.Problems = append(r.Problems, fmt.Sprintf("document %d (%s) is not in the search index (run: chidao reindex)", d.ID, d.FileName))
			}
		}
		for id := range ids {
			if !inDB[id] {
				r.Problems = append(r.Problems, fmt.Sprintf("the search index has document %d, which the database does not (run: chidao reindex)", id))
			}
		}
	}
	r.OK = len(r.Problems) == 0
	return r, nil
}

// Backup writes a consistent copy of the library to dest, a folder that must
// not exist or be empty: the database through VACUUM INTO (safe while the app
// writes) and every original. The index is not copied: it is rebuilt on open.
func (l *Library) Backup(ctx context.Context, dest string) error {
	if entries, err := os.ReadDir(dest); err == nil && len(entries) > 0 {
		return fmt.Errorf("the backup folder %s is not empty: choose a new or empty folder", dest)
	}
	if err := os.MkdirAll(filepath.Join(dest, "originals"), 0o755); err != nil {
		return err
	}
	if err := l.store.VacuumInto(ctx, filepath.Join(dest, "chidao.db")); err != nil {
		return fmt.Errorf("copy the database: %w", err)
	}
	ds, err := l.store.Documents(ctx)
	if err != nil {
		return err
	}
	copied := map[string]bool{}
	for _, d := range ds {
		if err := ctx.Err(); err != nil {
			return err
		}
		if d.Format == FormatSynthetic || copied[d.SHA256] {
			continue
		}
		copied[d.SHA256] = true
		if err := copyFile(l.originals.Path(d.SHA256), filepath.Join(dest, "originals", d.SHA256)); err != nil {
			return fmt.Errorf("copy original of document %d: %w", d.ID, err)
		}
	}
	// The files attached to notes are kept with the originals too.
	atts, err := l.store.AttachmentSHAs(ctx)
	if err != nil {
		return err
	}
	for _, sha := range atts {
		if copied[sha] {
			continue
		}
		copied[sha] = true
		if err := copyFile(l.originals.Path(sha), filepath.Join(dest, "originals", sha)); err != nil {
			return fmt.Errorf("copy attachment %s: %w", sha, err)
		}
	}
	return nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o444)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
