package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/cards/markdown"
	"github.com/mnemo-app/mnemo/decks/store"
	"github.com/mnemo-app/mnemo/decks/store/storetest"
)

var t0 = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

func write(t testing.TB, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// touch moves a file's mtime forward so a sync re-reads it.
func touch(t testing.TB, path string, d time.Duration) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, fi.ModTime().Add(d), fi.ModTime().Add(d)); err != nil {
		t.Fatal(err)
	}
}

func add(t testing.TB, st *store.Store, path string) *Report {
	t.Helper()
	rep, err := Add(context.Background(), st, []store.AddedPath{{Path: path, Generate: markdown.GenerateOff}}, Config{Now: t0})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func resync(t testing.TB, st *store.Store) *Report {
	t.Helper()
	rep, err := Sync(context.Background(), st, Config{Now: t0}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func allCards(t testing.TB, st *store.Store) map[string]cards.Card {
	t.Helper()
	out := map[string]cards.Card{}
	err := st.View(func(tx *store.Tx) error {
		return tx.ForEachCard(func(c *cards.Card) error {
			out[c.Question] = *c
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestAddThenSyncUnchanged(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "physics", "optics.md"), "# Light\n\nSpeed of light::299,792 km/s\n\nuno:::one\n")
	write(t, filepath.Join(dir, "notes.txt"), "not markdown::ignored\n")
	st := storetest.Open(t)
	rep := add(t, st, dir)
	if rep.New != 3 || rep.FilesSeen != 1 || rep.Cards != 3 {
		t.Fatalf("first add: %+v", rep)
	}
	cs := allCards(t, st)
	c := cs["Speed of light"]
	if c.Deck != "physics::optics" || c.ContextString() != "Light" || c.Source.Line != 3 || c.Position == 0 {
		t.Errorf("card = %+v", c)
	}
	if one, uno := cs["one"], cs["uno"]; one.Note != uno.Note || one.Kind != cards.KindReversed {
		t.Errorf("siblings: uno %+v / one %+v", uno, one)
	}
	rep = resync(t, st)
	if rep.FilesUnchanged != 1 || rep.New != 0 || rep.Updated != 0 || len(rep.Files) != 0 {
		t.Errorf("sync of unchanged vault: %+v", rep)
	}
	if want := "1 files read (1 unchanged) · 0 cards: 0 new, 0 updated, 0 orphaned"; rep.Summary() != want {
		t.Errorf("summary = %q, want %q", rep.Summary(), want)
	}
}

// review gives a card some history so identity tests can see it survive.
func review(t testing.TB, st *store.Store, id cards.ID) {
	t.Helper()
	err := st.Update(func(tx *store.Tx) error {
		c, ok, err := tx.Card(id)
		if err != nil || !ok {
			return errors.Join(err, errors.New("card missing"))
		}
		c.Schedule = cards.Schedule{State: cards.StateReview, Due: t0.Add(72 * time.Hour), Stability: 3, Difficulty: 5, Reps: 1, LastReview: t0}
		if err := tx.PutCard(&c); err != nil {
			return err
		}
		return tx.AddReview(cards.Review{CardID: id, Time: t0, Rating: cards.Good})
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestIdentityAcrossEdits(t *testing.T) {
	dir := t.TempDir()
	note := filepath.Join(dir, "bio.md")
	write(t, note, "Powerhouse of the cell::the mitochondrion\n\nWhat do ribosomes make?::proteins\n\nLargest organ of the human body::the skin\n")
	st := storetest.Open(t)
	add(t, st, dir)
	before := allCards(t, st)
	for _, c := range before {
		review(t, st, c.ID)
	}
	cases := []struct {
		name, content string
		check         func(t *testing.T, rep *Report, after map[string]cards.Card)
	}{
		{"answer edited keeps ID and history",
			"Powerhouse of the cell::mitochondria\n\nWhat do ribosomes make?::proteins\n\nLargest organ of the human body::the skin\n",
			func(t *testing.T, rep *Report, after map[string]cards.Card) {
				c := after["Powerhouse of the cell"]
				if c.ID != before["Powerhouse of the cell"].ID || c.Answer != "mitochondria" || c.Schedule.Reps != 1 {
					t.Errorf("card = %+v", c)
				}
				if rep.Updated != 1 || rep.New != 0 || rep.Orphaned != 0 {
					t.Errorf("report = %+v", rep)
				}
			}},
		{"question reworded keeps ID",
			"Powerhouse of the cell::mitochondria\n\nWhat do the ribosomes make?::proteins\n\nLargest organ of the human body::the skin\n",
			func(t *testing.T, rep *Report, after map[string]cards.Card) {
				c := after["What do the ribosomes make?"]
				if c.ID != before["What do ribosomes make?"].ID || c.Schedule.Reps != 1 {
					t.Errorf("reworded card = %+v, want ID %s", c, before["What do ribosomes make?"].ID)
				}
				if rep.New != 0 || rep.Orphaned != 0 {
					t.Errorf("report = %+v", rep)
				}
			}},
		{"card removed is orphaned",
			"Powerhouse of the cell::mitochondria\n\nWhat do the ribosomes make?::proteins\n",
			func(t *testing.T, rep *Report, after map[string]cards.Card) {
				c := after["Largest organ of the human body"]
				if !c.Orphaned || c.Schedule.Reps != 1 {
					t.Errorf("removed card = %+v, want orphaned with history", c)
				}
				if rep.Orphaned != 1 {
					t.Errorf("report = %+v", rep)
				}
			}},
		{"card back again is adopted",
			"Powerhouse of the cell::mitochondria\n\nWhat do the ribosomes make?::proteins\n\nLargest organ of the human body::the skin\n",
			func(t *testing.T, rep *Report, after map[string]cards.Card) {
				c := after["Largest organ of the human body"]
				if c.Orphaned || c.ID != before["Largest organ of the human body"].ID {
					t.Errorf("restored card = %+v", c)
				}
			}},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			write(t, note, tc.content)
			touch(t, note, time.Duration(i+1)*time.Second)
			rep := resync(t, st)
			tc.check(t, rep, allCards(t, st))
		})
	}
	t.Run("file deleted orphans its cards", func(t *testing.T) {
		if err := os.Remove(note); err != nil {
			t.Fatal(err)
		}
		rep := resync(t, st)
		if rep.Orphaned != 3 {
			t.Errorf("report = %+v", rep)
		}
		for q, c := range allCards(t, st) {
			if !c.Orphaned {
				t.Errorf("%q not orphaned", q)
			}
		}
		err := st.View(func(tx *store.Tx) error {
			for _, c := range before {
				if revs, _ := tx.ReviewsOf(c.ID); len(revs) != 1 {
					t.Errorf("card %s lost its history", c.ID)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

func TestBadInputIsSkippedWithWarnings(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "good.md"), "a::b\n")
	write(t, filepath.Join(dir, "binary.md"), "a::b\x00\x01\x02")
	write(t, filepath.Join(dir, "latin1.md"), "caf\xe9::coffee\n")
	write(t, filepath.Join(dir, "big.md"), strings.Repeat("x", MaxFileSize+1))
	write(t, filepath.Join(dir, "locked.md"), "c::d\n")
	if err := os.Chmod(filepath.Join(dir, "locked.md"), 0); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(dir, filepath.Join(dir, "loop")); err != nil {
		t.Fatal(err)
	}
	st := storetest.Open(t)
	rep := add(t, st, dir)
	reasons := map[string]string{}
	for _, s := range rep.Skipped {
		reasons[filepath.Base(s.Path)] = s.Reason
	}
	for name, want := range map[string]string{
		"binary.md": "", "latin1.md": "", "big.md": "limit", "loop": "loop",
	} {
		r, ok := reasons[name]
		if !ok || !strings.Contains(r, want) {
			t.Errorf("%s: skip reason %q (present %v), want it to mention %q", name, r, ok, want)
		}
	}
	if os.Geteuid() != 0 { // root reads any file
		if _, ok := reasons["locked.md"]; !ok {
			t.Errorf("unreadable file not reported: %+v", rep.Skipped)
		}
	}
	if rep.New < 1 {
		t.Errorf("good file's card not added: %+v", rep)
	}
}

func TestExcalidrawDrawingsAreNotNotes(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "note.md"), "a::b\n")
	write(t, filepath.Join(dir, "Drawing 2024.excalidraw.md"), "# Text Elements\nlabel::x ==y==\n")
	write(t, filepath.Join(dir, "sub", "Sketch.Excalidraw.md"), "q::r\n")
	st := storetest.Open(t)
	rep := add(t, st, dir)
	got := allCards(t, st)
	if len(got) != 1 || rep.New != 1 {
		t.Errorf("got %d cards (%+v), want only note.md's", len(got), rep)
	}
	if _, ok := got["a"]; !ok {
		t.Errorf("note.md's card missing: %v", got)
	}
}

func TestMissingPathAndNonMarkdown(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "x.txt"), "a::b")
	st := storetest.Open(t)
	for _, p := range []string{filepath.Join(dir, "nope"), filepath.Join(dir, "x.txt")} {
		if _, err := Add(context.Background(), st, []store.AddedPath{{Path: p}}, Config{Now: t0}); err == nil {
			t.Errorf("add %s: no error", p)
		}
	}
}

func TestDryRunAndCancelWriteNothing(t *testing.T) {
	dir := t.TempDir()
	for i := range 50 {
		write(t, filepath.Join(dir, "n", string(rune('a'+i%26))+strings.Repeat("x", i/26)+".md"), "q::a\n\nother question::b\n")
	}
	st := storetest.Open(t)
	rep, err := Add(context.Background(), st, []store.AddedPath{{Path: dir}}, Config{Now: t0, DryRun: true})
	if err != nil || rep.New == 0 {
		t.Fatalf("dry run: %+v, %v", rep, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	_, err = Add(ctx, st, []store.AddedPath{{Path: dir}}, Config{Now: t0, Progress: func(done, total int) {
		n++
		if n == 10 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled add: err = %v", err)
	}
	_ = st.View(func(tx *store.Tx) error {
		if c := tx.CardCount(); c != 0 {
			t.Errorf("%d cards written by a dry run and a cancelled add, want 0", c)
		}
		if p, _ := tx.Paths(); len(p) != 0 {
			t.Errorf("paths remembered: %v", p)
		}
		return nil
	})
}

func TestDroppedCardsStayDropped(t *testing.T) {
	dir := t.TempDir()
	note := filepath.Join(dir, "n.md")
	write(t, note, "keep me::yes\n\ndrop me::no\n")
	st := storetest.Open(t)
	add(t, st, dir)
	id := allCards(t, st)["drop me"].ID
	err := st.Update(func(tx *store.Tx) error {
		if err := tx.PutDrop(store.Drop{ID: id}); err != nil {
			return err
		}
		return tx.DeleteCard(id)
	})
	if err != nil {
		t.Fatal(err)
	}
	touch(t, note, time.Second)
	rep, err := Sync(context.Background(), st, Config{Now: t0, Force: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, back := allCards(t, st)["drop me"]; back || rep.Dropped != 1 {
		t.Errorf("dropped card came back (report %+v)", rep)
	}
}
