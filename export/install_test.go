package export

import (
	"os"
	"path/filepath"
	"testing"
)

func TestInstallReplacesTheTarget(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "deck.apkg")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := CreateTemp(dir, ".mnemo-export-", ".apkg")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("new"); err != nil {
		t.Fatal(err)
	}
	if err := Install(f, path); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != "new" {
		t.Fatalf("target = %q, %v; want the new content", b, err)
	}
	if _, err := os.Stat(f.Name()); !os.IsNotExist(err) {
		t.Errorf("temporary file still there: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("folder holds %d entries, want only the target", len(entries))
	}
}

func TestInstallIntoAMissingFolderFails(t *testing.T) {
	dir := t.TempDir()
	f, err := CreateTemp(dir, ".mnemo-export-", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := Install(f, filepath.Join(dir, "no", "such", "out.json")); err == nil {
		t.Fatal("Install into a missing folder succeeded")
	}
}
