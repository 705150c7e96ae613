// Package testcorpus locates the real documents the tests read: the corpus
// kept in the repository under testdata/corpus (with its SOURCES.md), so that
// a clone with nothing beside it runs every test.
package testcorpus

import (
	"os"
	"path/filepath"
	"runtime"
)

// Dir is the absolute path of the repository's testdata/corpus folder.
func Dir() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return filepath.Join("testdata", "corpus")
	}
	// file is <repo>/internal/testcorpus/testcorpus.go.
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata", "corpus")
}

// Path joins parts below the corpus folder.
func Path(parts ...string) string {
	return filepath.Join(append([]string{Dir()}, parts...)...)
}

// T is the part of testing.TB the checks need.
type T interface {
	Helper()
	Fatalf(format string, args ...any)
}

// Require fails the test when the corpus (or one of the named files below
// it) is missing: a missing fixture is a defect, never a reason to skip.
func Require(t T, parts ...string) {
	t.Helper()
	p := Path(parts...)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("test corpus missing: %v (it is part of the repository: testdata/corpus)", err)
	}
}
