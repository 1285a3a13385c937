package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mnemo-app/mnemo/decks/store"
	"github.com/mnemo-app/mnemo/export/anki/ankitest"
)

// modernPackage builds a package as current Anki exports it (meta
// version 3, collection.anki21b, zstd media list and files) holding a
// basic note with an image and tags, a cloze note, a nested deck with its
// preset, two answers, and a media list with one hostile name.
func modernPackage(t *testing.T, path string) {
	t.Helper()
	ankitest.ModernPackage(t, path, ankitest.ModernOptions{HostileMedia: true})
}

func TestImportModernPackageAndColpkg(t *testing.T) {
	for _, name := range []string{"deck.apkg", "collection.colpkg"} {
		t.Run(name, func(t *testing.T) {
			c := newCLI(t)
			c.now = "2026-12-01T12:00:00Z"
			pkg := filepath.Join(c.dir, name)
			modernPackage(t, pkg)
			out, errOut, code := c.run("", "import", "anki", pkg)
			if code != 0 {
				t.Fatalf("exit %d: %s %s", code, out, errOut)
			}
			if !strings.Contains(out, "2 cards: 2 added") || !strings.Contains(out, "2 reviews: 2 added") || !strings.Contains(out, "1 media files") {
				t.Errorf("import = %q", out)
			}
			if !strings.Contains(errOut, `refused`) || !strings.Contains(errOut, `../evil.png`) {
				t.Errorf("hostile media name not reported: %q", errOut)
			}
			var list []struct {
				Kind, Deck, Question, Answer, State string
				Tags                                []string
				Reps                                int
			}
			if err := json.Unmarshal([]byte(c.ok("cards", "--json")), &list); err != nil {
				t.Fatal(err)
			}
			if len(list) != 2 {
				t.Fatalf("cards = %+v", list)
			}
			for _, cd := range list {
				if cd.Deck != "Lang::Spanish" {
					t.Errorf("deck = %q", cd.Deck)
				}
				switch cd.Kind {
				case "basic":
					if cd.Question != "hola" || !strings.Contains(cd.Answer, "![](cat.png)") || cd.State != "review" ||
						strings.Join(cd.Tags, " ") != "spanish animals" {
						t.Errorf("basic card = %+v", cd)
					}
				case "cloze":
					if !strings.Contains(cd.Question, "[...] is the capital") || cd.Answer != "Madrid" || cd.State != "new" {
						t.Errorf("cloze card = %+v", cd)
					}
				}
			}
			mediaDir := mediaDirOf(c.db)
			if got, err := os.ReadFile(filepath.Join(mediaDir, "cat.png")); err != nil || !bytes.Equal(got, []byte("\x89PNG not really")) {
				t.Errorf("media not stored beside the collection: %v", err)
			}
			assertNoEvil(t, c.dir)
			st, err := store.Open(c.db, store.OpenOptions{ReadOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			err = st.View(func(tx *store.Tx) error {
				opts, err := tx.DeckOptions()
				o := opts["Lang::Spanish"]
				if err != nil || o.NewPerDay == nil || *o.NewPerDay != 15 || o.Retention == nil || *o.Retention != 0.85 {
					t.Errorf("deck preset not imported: %+v %v", o, err)
				}
				s, err := tx.Settings()
				if s.RolloverHour != 0 {
					t.Errorf("rollover hour %d, want the package's 0", s.RolloverHour)
				}
				return err
			})
			st.Close()
			if err != nil {
				t.Fatal(err)
			}
			if out := c.ok("import", "anki", pkg); !strings.Contains(out, "2 reviews: 0 added, 2 already there") {
				t.Errorf("second import = %q", out)
			}
			// show lists the image, in the media folder
			var cid string
			for q, id := range c.ids() {
				if q == "hola" {
					cid = id
				}
			}
			if out := c.ok("show", cid); !strings.Contains(out, "media     "+filepath.Join(mediaDir, "cat.png")) {
				t.Errorf("show does not list the media:\n%s", out)
			}
			// the image goes out again with the card
			again := filepath.Join(c.dir, "again.apkg")
			c.ok("export", "anki", again)
			_, entries := readZip(t, again)
			if !strings.Contains(string(entries["media"]), "cat.png") || string(entries["0"]) != "\x89PNG not really" {
				t.Errorf("exported media = %s", entries["media"])
			}
		})
	}
}

// assertNoEvil checks that no file named evil.png exists anywhere under
// dir or next to it.
func assertNoEvil(t *testing.T, dir string) {
	t.Helper()
	for _, d := range []string{dir, filepath.Dir(dir), os.TempDir()} {
		_ = filepath.Walk(d, func(p string, fi os.FileInfo, err error) error {
			if err == nil && fi.Name() == "evil.png" {
				t.Errorf("hostile media written to %s", p)
			}
			if err == nil && fi.IsDir() && p != d && d != dir {
				return filepath.SkipDir
			}
			return nil
		})
	}
}

func TestImportRefusesHostileMediaNames(t *testing.T) {
	c, _ := studied(t)
	apkg := filepath.Join(c.dir, "x.apkg")
	c.ok("export", "anki", apkg)
	order, entries := readZip(t, apkg)
	names := []string{"../evil.png", "/tmp/evil.png", "..", ".hidden", "sub/evil.png", `..\evil.png`, "ok.png"}
	m := map[string]string{}
	for i, n := range names {
		k := "1" + string(rune('0'+i))
		m[k] = n
		entries[k] = []byte("data " + n)
		order = append(order, k)
	}
	b, _ := json.Marshal(m)
	entries["media"] = b
	writeZip(t, apkg, order, entries)
	out, errOut, code := c.run("", "import", "anki", apkg)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "6 media files refused") {
		t.Errorf("stderr = %q", errOut)
	}
	if !strings.Contains(out, "1 media files added") {
		t.Errorf("stdout = %q", out)
	}
	got, err := os.ReadDir(mediaDirOf(c.db))
	if err != nil || len(got) != 1 || got[0].Name() != "ok.png" {
		t.Errorf("media folder holds %v (%v), want only ok.png", got, err)
	}
	assertNoEvil(t, c.dir)
}
