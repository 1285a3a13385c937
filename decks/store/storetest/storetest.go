// Package storetest opens throw-away collections for tests. It lives apart
// from decks so the mnemo binary does not link the testing package.
package storetest

import (
	"path/filepath"
	"testing"

	"github.com/mnemo-app/mnemo/decks/store"
)

// Open opens a collection in a temporary folder for a test and checks its
// consistency (bbolt pages and mnemo's indexes) when the test ends.
func Open(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "collection.db"), store.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := st.Check(); err != nil {
			t.Errorf("collection check: %v", err)
		}
		st.Close()
	})
	return st
}
