package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readNote returns the whole file, whatever its size, and stops one byte
// past the limit.
func TestReadNote(t *testing.T) {
	dir := t.TempDir()
	for name, size := range map[string]int{"empty": 0, "one": 1, "note": 4321, "at limit": MaxFileSize, "over": MaxFileSize + 5000} {
		t.Run(name, func(t *testing.T) {
			want := strings.Repeat("ab\n", size/3+1)[:size]
			path := filepath.Join(dir, strings.ReplaceAll(name, " ", "_")+".md")
			write(t, path, want)
			got, err := readNote(path)
			if err != nil {
				t.Fatal(err)
			}
			if size > MaxFileSize {
				want = want[:MaxFileSize+1]
			}
			if string(got) != want {
				t.Errorf("read %d bytes, want %d", len(got), len(want))
			}
		})
	}
	t.Run("not regular", func(t *testing.T) {
		if _, err := readNote(dir); err == nil {
			t.Error("no error reading a folder")
		}
	})
	t.Run("grown since opened", func(t *testing.T) {
		// /proc files stat as empty but have content: the read goes on past
		// the size the open file had.
		got, err := readNote("/proc/self/status")
		if os.IsNotExist(err) {
			t.Skip("no /proc")
		}
		if err != nil || !strings.Contains(string(got), "Name:") {
			t.Errorf("read %q, %v", got, err)
		}
	})
}
