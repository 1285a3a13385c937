package export

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards"
)

func TestMediaNamesAndFiles(t *testing.T) {
	dir := t.TempDir()
	media := filepath.Join(dir, "collection.media")
	if err := os.MkdirAll(media, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(media, "cat.png"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "secret"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "secret"), filepath.Join(media, "link.png")); err != nil {
		t.Fatal(err)
	}
	c := &cards.Card{Question: "![](cat.png) ![a](../secret) ![b](/etc/passwd) ![c](https://x/y.png)",
		Answer: "[sound:hi.mp3] ![](link.png) ![](cat.png) ![](.hidden) [sound:\x1b]52;c;aGk=\x07.mp3]"}
	got := MediaNames(c)
	if want := []string{"cat.png", "hi.mp3", "link.png"}; !slices.Equal(got, want) {
		t.Errorf("MediaNames = %v, want %v", got, want)
	}
	for _, tc := range []struct {
		name string
		ok   bool
	}{{"cat.png", true}, {"hi.mp3", false}, {"link.png", false}, {"../secret", false}, {"", false}, {"-rf", false}} {
		p, ok := MediaFile(media, tc.name)
		if ok != tc.ok || (ok && p != filepath.Join(media, tc.name)) {
			t.Errorf("MediaFile(%q) = %q, %v; want ok=%v", tc.name, p, ok, tc.ok)
		}
	}
}

func TestCleanTempLeavesFilesInUse(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-2 * time.Hour)
	mk := func(name string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
		return p
	}
	stale, busy, other := mk(".mnemo-export-1.apkg"), mk(".mnemo-import-2.db"), mk("notes.md")
	f, err := os.Open(busy)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	LockTemp(f)
	CleanTemp(dir, time.Now())
	for p, want := range map[string]bool{stale: false, busy: true, other: true} {
		if _, err := os.Stat(p); (err == nil) != want {
			t.Errorf("%s: exists %v, want %v", filepath.Base(p), err == nil, want)
		}
	}
}
