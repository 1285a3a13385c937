package fsync

import (
	"os"
	"path/filepath"
	"testing"
)

// TestDir: a folder with a fresh rename in it syncs without error; a folder
// that cannot be opened is not an error (see Dir).
func TestDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.tmp"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(dir, "a.tmp"), filepath.Join(dir, "a")); err != nil {
		t.Fatal(err)
	}
	if err := Dir(dir); err != nil {
		t.Errorf("Dir(%s) = %v", dir, err)
	}
	if err := Dir(filepath.Join(dir, "missing")); err != nil {
		t.Errorf("Dir of a missing folder = %v, want nil", err)
	}
}
