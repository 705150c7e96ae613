package store

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Originals is the folder of imported files, each named by the SHA-256 of its
// bytes and made read-only. A file there is never changed.
type Originals struct {
	Dir string
}

// Path returns where the original with this hash is kept.
func (o Originals) Path(sha string) string { return filepath.Join(o.Dir, sha) }

// Staged is a file copied into the originals folder under a temporary name,
// waiting to be kept (Keep) or dropped (Discard).
type Staged struct {
	o      Originals
	tmp    string
	SHA256 string
	Size   int64
}

// Stage copies r into the originals folder while hashing it, reading at most
// limit bytes (a larger input fails with ErrTooLarge and leaves nothing behind).
func (o Originals) Stage(r io.Reader, limit int64) (*Staged, error) {
	if err := os.MkdirAll(o.Dir, 0o755); err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(o.Dir, ".import-*")
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(f, h), io.LimitReader(r, limit+1))
	if err == nil && n > limit {
		err = ErrTooLarge
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return nil, err
	}
	return &Staged{o: o, tmp: f.Name(), SHA256: hex.EncodeToString(h.Sum(nil)), Size: n}, nil
}

// ErrTooLarge is returned by Stage when the input exceeds the limit.
var ErrTooLarge = errors.New("store: file too large")

// TempPath is where the staged bytes are until Keep or Discard.
func (s *Staged) TempPath() string { return s.tmp }

// Keep moves the staged file to its content address, read-only. If an identical
// original is already there, the staged copy is dropped.
func (s *Staged) Keep() (string, error) {
	dst := s.o.Path(s.SHA256)
	if _, err := os.Stat(dst); err == nil {
		return dst, os.Remove(s.tmp)
	}
	if err := os.Chmod(s.tmp, 0o444); err != nil {
		return "", err
	}
	if err := os.Rename(s.tmp, dst); err != nil {
		return "", err
	}
	return dst, nil
}

// Discard removes the staged file.
func (s *Staged) Discard() { os.Remove(s.tmp) }

// Verify re-hashes the original with this hash and reports whether it is
// present and unchanged.
func (o Originals) Verify(sha string) error {
	f, err := os.Open(o.Path(sha))
	if err != nil {
		return err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return err
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != sha {
		return fmt.Errorf("original %s has changed (its bytes now hash to %s)", sha, got)
	}
	return nil
}

// CleanStaging removes temporary files left by an import that was interrupted.
func (o Originals) CleanStaging() {
	matches, _ := filepath.Glob(filepath.Join(o.Dir, ".import-*"))
	for _, m := range matches {
		os.Remove(m)
	}
}
