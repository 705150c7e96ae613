package app

import "context"

// SetMetaForTest sets a meta value of the library's database, for tests that
// fake an older library.
func SetMetaForTest(l *Library, key, value string) error {
	return l.store.SetMeta(context.Background(), key, value)
}
