package store

import (
	"path/filepath"
	"testing"
)

// openTest opens a collection in a temporary folder for a test and checks
// its consistency (bbolt pages and mnemo's indexes) when the test ends.
func openTest(t testing.TB) *Store {
	t.Helper()
	st, err := Open(filepath.Join(t.TempDir(), "collection.db"), OpenOptions{})
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
