package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"chidao/store"
)

// Why a move is refused before anything is copied.
var (
	// ErrMoveNoLibrary: the source folder holds no library (no chidao.db).
	ErrMoveNoLibrary = errors.New("move: the source folder holds no library")
	// ErrMoveInside: the destination is the source or inside it.
	ErrMoveInside = errors.New("move: the destination is inside the library")
	// ErrMoveNotEmpty: the destination exists and is not an empty folder.
	ErrMoveNotEmpty = errors.New("move: the destination is not an empty folder")
	// ErrMoveDamaged: a file of the source library does not match its
	// SHA-256 (or its copy did not): nothing is switched.
	ErrMoveDamaged = errors.New("move: a file does not match its SHA-256")
)

// moveMarker is written into the ".partial" folder while a move fills it, so
// that a later move may remove a folder left by an interrupted one (and never
// a folder of the user's that happens to have the same name).
const moveMarker = ".chidao-move-partial"

// MoveLibrary copies the library in src to the new folder dst, verifies the
// copy and only then gives it the name dst; src is left in place, untouched
// (the user deletes it once satisfied). It is copy-verify-switch: until the
// last step everything is written to dst+".partial", removed again when the
// move fails or ctx is cancelled, so an interrupted move leaves src whole and
// no dst.
//
// The library must be closed: MoveLibrary takes its lock for the whole move
// and fails with ErrBusy when another process (or this one) holds it. dst
// must not exist or be an empty folder, and must not be src or inside it.
//
// What is copied: the database through VACUUM INTO (a consistent copy); every
// file of originals/ (imported files and note attachments), each checked to
// hash to its name both when read and once written; any other file of the
// folder as is. The index is not copied: it is rebuilt in the copy, which is
// then opened and checked (Check) before the switch. progress is told how
// many of total steps are done (one per file, one for the database, one for
// the index and the check); it may be nil.
func MoveLibrary(ctx context.Context, src, dst string, progress func(done, total int)) (err error) {
	if progress == nil {
		progress = func(int, int) {}
	}
	src, dst, err = movePaths(src, dst)
	if err != nil {
		return err
	}

	// Hold the source's lock: nothing may write to it while it is copied.
	lf, err := os.OpenFile(filepath.Join(src, "chidao.lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return err
	}
	defer lf.Close()
	if err := lockFile(lf); err != nil {
		return fmt.Errorf("%w (%s)", ErrBusy, src)
	}

	partial := dst + ".partial"
	if err := clearPartial(partial); err != nil {
		return err
	}
	if err := os.MkdirAll(partial, 0o755); err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(partial)
		}
	}()
	if err := os.WriteFile(filepath.Join(partial, moveMarker), nil, 0o644); err != nil {
		return err
	}

	originals, others, err := moveFiles(src)
	if err != nil {
		return err
	}
	total := 1 + len(originals) + len(others) + 1
	done := 0
	step := func() {
		done++
		progress(done, total)
	}
	progress(0, total)

	// The database, consistent.
	srcStore, err := store.Open(ctx, filepath.Join(src, "chidao.db"))
	if err != nil {
		return fmt.Errorf("open the database: %w", err)
	}
	attached, err := attachmentHashes(ctx, srcStore)
	if err == nil {
		err = srcStore.VacuumInto(ctx, filepath.Join(partial, "chidao.db"))
	}
	srcDocs, derr := srcStore.DocumentIDs(ctx)
	srcStore.Close()
	if err != nil {
		return fmt.Errorf("copy the database: %w", err)
	}
	if derr != nil {
		return derr
	}
	step()

	// The originals, each verified against its name twice: as read from
	// the source and as written to the copy.
	if err := os.MkdirAll(filepath.Join(partial, "originals"), 0o755); err != nil {
		return err
	}
	for _, name := range originals {
		if err := ctx.Err(); err != nil {
			return err
		}
		from, to := filepath.Join(src, "originals", name), filepath.Join(partial, "originals", name)
		want := ""
		if isSHA256(name) {
			want = name
		}
		if err := copyVerified(from, to, want, 0o444); err != nil {
			return err
		}
		step()
	}
	// Everything else the folder holds, as it is.
	for _, rel := range others {
		if err := ctx.Err(); err != nil {
			return err
		}
		from, to := filepath.Join(src, rel), filepath.Join(partial, rel)
		info, err := os.Stat(from)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		if err := copyVerified(from, to, "", info.Mode().Perm()); err != nil {
			return err
		}
		step()
	}
	for sha := range attached {
		if _, err := os.Stat(filepath.Join(partial, "originals", sha)); err != nil {
			return fmt.Errorf("%w: the attachment %s is missing from the library's originals", ErrMoveDamaged, sha)
		}
	}

	// Open the copy: it rebuilds its index; then check it whole.
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := checkCopy(ctx, partial, len(srcDocs)); err != nil {
		return err
	}
	step()

	// Switch: the copy takes its name.
	if err := os.Remove(filepath.Join(partial, moveMarker)); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if _, serr := os.Stat(dst); serr == nil {
		if err := os.Remove(dst); err != nil { // empty, as checked
			return err
		}
	}
	if err := os.Rename(partial, dst); err != nil {
		return err
	}
	syncDir(filepath.Dir(dst))
	return nil
}

// movePaths makes src and dst absolute and refuses a move that cannot be
// made: no library in src, dst equal to src or inside it, dst not empty.
func movePaths(src, dst string) (string, string, error) {
	var err error
	if src, err = filepath.Abs(src); err != nil {
		return "", "", err
	}
	if dst, err = filepath.Abs(dst); err != nil {
		return "", "", err
	}
	if st, err := os.Stat(filepath.Join(src, "chidao.db")); err != nil || !st.Mode().IsRegular() {
		return "", "", fmt.Errorf("%w (%s)", ErrMoveNoLibrary, src)
	}
	realSrc, err := filepath.EvalSymlinks(src)
	if err != nil {
		return "", "", err
	}
	if within(realSrc, resolveExisting(dst)) || within(src, dst) {
		return "", "", fmt.Errorf("%w (%s in %s)", ErrMoveInside, dst, src)
	}
	if st, err := os.Stat(dst); err == nil {
		if !st.IsDir() {
			return "", "", fmt.Errorf("%w (%s)", ErrMoveNotEmpty, dst)
		}
		if ents, err := os.ReadDir(dst); err != nil || len(ents) > 0 {
			return "", "", fmt.Errorf("%w (%s)", ErrMoveNotEmpty, dst)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", "", err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return "", "", err
	}
	return src, dst, nil
}

// within reports whether path is dir or inside it.
func within(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	if err != nil {
		return false
	}
	return rel == "." || (rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel))
}

// resolveExisting resolves the symbolic links of the longest existing
// ancestor of path and appends the rest.
func resolveExisting(path string) string {
	rest := ""
	for p := path; ; {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(r, rest)
		}
		parent := filepath.Dir(p)
		if parent == p {
			return path
		}
		rest = filepath.Join(filepath.Base(p), rest)
		p = parent
	}
}

// clearPartial removes a ".partial" folder left by an interrupted move (it
// holds the marker); any other file or folder of that name is refused.
func clearPartial(partial string) error {
	if _, err := os.Lstat(partial); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if _, err := os.Stat(filepath.Join(partial, moveMarker)); err != nil {
		return fmt.Errorf("%w (%s is in the way of the move)", ErrMoveNotEmpty, partial)
	}
	return os.RemoveAll(partial)
}

// moveFiles lists what a move copies besides the database: the names of
// the files of originals/, and the paths (relative to src) of any other
// file, leaving out the database and its journals, the lock, the index and
// an import's staging files.
func moveFiles(src string) (originals, others []string, err error) {
	ents, err := os.ReadDir(filepath.Join(src, "originals"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, nil, err
	}
	for _, e := range ents {
		if e.Type().IsRegular() && !strings.HasPrefix(e.Name(), ".import-") {
			originals = append(originals, e.Name())
		}
	}
	err = filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		switch {
		case rel == ".":
			return nil
		case d.IsDir() && (rel == "index" || rel == "originals"):
			return filepath.SkipDir
		case rel == "chidao.lock" || rel == "chidao.db" || strings.HasPrefix(rel, "chidao.db-"):
			return nil
		case d.Type().IsRegular():
			others = append(others, rel)
		}
		return nil
	})
	return originals, others, err
}

// attachmentHashes lists the files note attachments name.
func attachmentHashes(ctx context.Context, s *store.Store) (map[string]bool, error) {
	rows, err := s.DB().QueryContext(ctx, "SELECT DISTINCT sha256 FROM note_attachments")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var sha string
		if err := rows.Scan(&sha); err != nil {
			return nil, err
		}
		// Keep the name only: some rows hold the original's whole path
		// where its hash belongs.
		out[filepath.Base(sha)] = true
	}
	return out, rows.Err()
}

// copyVerified copies from to the new file to, hashing what it reads; the
// copy is then read back and must hash the same, and to want when want is
// not "" (an original's name).
func copyVerified(from, to, want string, perm fs.FileMode) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	h := sha256.New()
	_, err = io.Copy(out, io.TeeReader(in, h))
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	read := hex.EncodeToString(h.Sum(nil))
	if want != "" && read != want {
		return fmt.Errorf("%w: %s in the library hashes to %s (run: chidao check)", ErrMoveDamaged, from, read)
	}
	written, err := hashFile(to)
	if err != nil {
		return err
	}
	if written != read {
		return fmt.Errorf("%w: the copy %s differs from %s", ErrMoveDamaged, to, from)
	}
	return os.Chmod(to, perm)
}

func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func isSHA256(name string) bool {
	if len(name) != 64 {
		return false
	}
	_, err := hex.DecodeString(name)
	return err == nil && strings.ToLower(name) == name
}

// checkCopy opens the copied library (which builds its index), runs Check
// and compares its documents with the source's.
func checkCopy(ctx context.Context, dir string, docs int) error {
	l, err := Open(ctx, dir, Options{})
	if err != nil {
		return fmt.Errorf("open the copy: %w", err)
	}
	defer l.Close()
	r, err := l.Check(ctx)
	if err != nil {
		return fmt.Errorf("check the copy: %w", err)
	}
	if !r.OK {
		return fmt.Errorf("%w: the copy does not pass the check: %s", ErrMoveDamaged, strings.Join(r.Problems, "; "))
	}
	if r.Documents != docs {
		return fmt.Errorf("%w: the copy has %d documents, the library %d", ErrMoveDamaged, r.Documents, docs)
	}
	return l.Close()
}

// syncDir flushes a folder's entries (the rename) where the system allows.
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		f.Sync()
		f.Close()
	}
}
