// Package deckstest opens throw-away collections for tests. It lives apart
// from decks so the mnemo binary does not link the testing package.
package deckstest

import (
	"path/filepath"
	"testing"

	"github.com/mnemo-app/mnemo/decks"
)

// Open opens a collection in a temporary folder for a test and checks its
// consistency (bbolt pages and mnemo's indexes) when the test ends.
func Open(t testing.TB) *decks.Store {
	t.Helper()
	st, err := decks.Open(filepath.Join(t.TempDir(), "collection.db"), decks.OpenOptions{})
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
