package anki

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/export"
)

// TestExportReadsImagesOnlyInsideAddedFolders feeds a note that points at
// files outside its added folder, a device, a FIFO and a file:// URL: none
// is read (a FIFO or /dev/zero would hang the export), each is left out
// with a warning, and the image inside the folder is packed.
func TestExportReadsImagesOnlyInsideAddedFolders(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "notes")
	if err := os.MkdirAll(filepath.Join(root, "img"), 0o755); err != nil {
		t.Fatal(err)
	}
	for p, body := range map[string]string{
		filepath.Join(root, "img", "ok.png"): "fine",
		filepath.Join(dir, "secret.png"):     "private",
	} {
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(root, "img", "pipe.png"), 0o644); err != nil {
		t.Fatal(err)
	}
	answer := "![a](/etc/passwd) ![b](../secret.png) ![c](file:///etc/hosts) ![d](/dev/zero) " +
		"![e](img/pipe.png) ![f](img/ok.png) ![g](img/../../secret.png)"
	c := cards.Card{ID: "aaaaaaaaaa", Note: "aaaaaaaaaa", Kind: cards.KindBasic, Deck: "d", Question: "q", Answer: answer,
		Source: cards.Source{Path: filepath.Join(root, "n.md"), Line: 1, EndLine: 1}, Added: testCreated}
	for name, roots := range map[string][]string{"with added folders": {root}, "note folder only": nil} {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "x.apkg")
			col := export.Collection{Cards: []cards.Card{c}, Now: testNow, Created: testCreated}
			warnings, err := WriteFile(context.Background(), out, col, Options{MediaRoots: roots})
			if err != nil {
				t.Fatal(err)
			}
			entries, _ := zipEntries(t, out)
			var media map[string]string
			if err := json.Unmarshal(entries["media"], &media); err != nil {
				t.Fatal(err)
			}
			if len(media) != 1 || media["0"] != "ok.png" || string(entries["0"]) != "fine" {
				t.Errorf("media = %v", media)
			}
			all := strings.Join(warnings, "\n")
			for _, dest := range []string{"/etc/passwd", "../secret.png", "file:///etc/hosts", "/dev/zero", "img/pipe.png", "img/../../secret.png"} {
				if !strings.Contains(all, `"`+dest+`"`) {
					t.Errorf("no warning for %s in:\n%s", dest, all)
				}
			}
			for _, b := range entries {
				if strings.Contains(string(b), "private") || strings.Contains(string(b), "root:") {
					t.Errorf("a file outside the folder was packed")
				}
			}
		})
	}
}
