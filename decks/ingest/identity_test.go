package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/cards/markdown"
	"github.com/mnemo-app/mnemo/decks/store"
	"github.com/mnemo-app/mnemo/decks/store/storetest"
)

const bioNote = "# Cells\n\nPowerhouse of the cell::the mitochondrion\n\nWhat do ribosomes make?::proteins\n\nLargest organ of the human body::the skin\n"

// reviewAll gives every card one review, so tests can see history survive.
func reviewAll(t *testing.T, st *store.Store) map[string]cards.Card {
	t.Helper()
	for _, c := range allCards(t, st) {
		review(t, st, c.ID)
	}
	return allCards(t, st)
}

// sameCards checks that the collection holds before's cards (by question;
// renamed maps an old question to its new wording) with the same IDs, one
// review each and not orphaned, and besides them only the questions in
// added.
func sameCards(t *testing.T, st *store.Store, before map[string]cards.Card, renamed map[string]string, added ...string) {
	t.Helper()
	after := allCards(t, st)
	if len(after) != len(before)+len(added) {
		t.Errorf("%d cards after, want %d: %q", len(after), len(before)+len(added), keys(after))
	}
	for _, q := range added {
		if _, ok := after[q]; !ok {
			t.Errorf("new card %q missing", q)
		}
	}
	for q, b := range before {
		if r, ok := renamed[q]; ok {
			q = r
		}
		a, ok := after[q]
		switch {
		case !ok:
			t.Errorf("card %q is gone", q)
		case a.ID != b.ID:
			t.Errorf("card %q: ID %s, was %s", q, a.ID, b.ID)
		case a.Orphaned:
			t.Errorf("card %q is orphaned", q)
		case a.Schedule.Reps != b.Schedule.Reps:
			t.Errorf("card %q: %d reps, was %d", q, a.Schedule.Reps, b.Schedule.Reps)
		}
	}
	_ = st.View(func(tx *store.Tx) error {
		for _, b := range before {
			if revs, _ := tx.ReviewsOf(b.ID); len(revs) != 1 {
				t.Errorf("card %s has %d reviews, want 1", b.ID, len(revs))
			}
		}
		return nil
	})
}

func keys(m map[string]cards.Card) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func mustRename(t *testing.T, from, to string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(from, to); err != nil {
		t.Fatal(err)
	}
}

func renames(rep *Report) map[string]string {
	out := map[string]string{}
	for _, f := range rep.Files {
		if f.Status == StatusRenamed {
			out[f.From] = f.Path
		}
	}
	return out
}

func TestRenamesAndMovesKeepIdentity(t *testing.T) {
	// Two added folders, a and b; bio.md in a is changed by each case.
	type change struct {
		from, to string            // the rename the report must show (relative to the temp dir)
		reworded map[string]string // old question -> new one
		added    []string          // questions added on purpose
	}
	cases := []struct {
		name string
		do   func(t *testing.T, a, b string) change
	}{
		{"rename in one folder", func(t *testing.T, a, b string) change {
			mustRename(t, filepath.Join(a, "bio.md"), filepath.Join(a, "biology.md"))
			return change{from: "a/bio.md", to: "a/biology.md"}
		}},
		{"move into a subfolder", func(t *testing.T, a, b string) change {
			mustRename(t, filepath.Join(a, "bio.md"), filepath.Join(a, "science", "bio.md"))
			return change{from: "a/bio.md", to: "a/science/bio.md"}
		}},
		{"move across added folders", func(t *testing.T, a, b string) change {
			mustRename(t, filepath.Join(a, "bio.md"), filepath.Join(b, "cells.md"))
			return change{from: "a/bio.md", to: "b/cells.md"}
		}},
		{"rename and edit at once", func(t *testing.T, a, b string) change {
			edited := strings.Replace(bioNote, "What do ribosomes make?::proteins", "What do the ribosomes make?::proteins", 1)
			write(t, filepath.Join(a, "cells.md"), edited+"\nSmallest unit of life::the cell\n")
			os.Remove(filepath.Join(a, "bio.md"))
			return change{from: "a/bio.md", to: "a/cells.md",
				reworded: map[string]string{"What do ribosomes make?": "What do the ribosomes make?"},
				added:    []string{"Smallest unit of life"}}
		}},
		{"move and edit every card", func(t *testing.T, a, b string) change {
			write(t, filepath.Join(b, "bio.md"), "# Cells\n\nPowerhouse of the cell::mitochondria\n\nWhat do ribosomes make?::protein\n\nLargest organ of the human body::skin\n")
			os.Remove(filepath.Join(a, "bio.md"))
			return change{from: "a/bio.md", to: "b/bio.md"}
		}},
		{"split in two", func(t *testing.T, a, b string) change {
			write(t, filepath.Join(a, "cells.md"), "Powerhouse of the cell::the mitochondrion\n\nWhat do ribosomes make?::proteins\n")
			write(t, filepath.Join(a, "skin.md"), "Largest organ of the human body::the skin\n")
			os.Remove(filepath.Join(a, "bio.md"))
			return change{from: "a/bio.md", to: "a/cells.md"}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
			write(t, filepath.Join(a, "bio.md"), bioNote)
			write(t, filepath.Join(b, "other.md"), "Speed of light::299,792 km/s\n")
			st := storetest.Open(t)
			add(t, st, a)
			add(t, st, b)
			before := reviewAll(t, st)
			ch := tc.do(t, a, b)
			from, to := filepath.Join(dir, ch.from), filepath.Join(dir, ch.to)
			rep := resync(t, st)
			if got := renames(rep); got[from] != to || len(got) != 1 {
				t.Errorf("renames reported: %v, want %s -> %s", got, from, to)
			}
			if rep.New != len(ch.added) || rep.Orphaned != 0 || len(rep.Orphans) != 0 {
				t.Errorf("report: %d new (want %d), %d orphaned %v", rep.New, len(ch.added), rep.Orphaned, rep.Orphans)
			}
			for _, f := range rep.Files {
				if f.Status == StatusDeleted {
					t.Errorf("file reported deleted: %s", f.Path)
				}
			}
			sameCards(t, st, before, ch.reworded, ch.added...)
			if rep := resync(t, st); rep.New+rep.Updated+rep.Orphaned != 0 || len(rep.Files) != 0 {
				t.Errorf("second sync changed something: %+v", rep)
			}
			_ = st.View(func(tx *store.Tx) error {
				if _, ok, _ := tx.Source(from); ok {
					t.Errorf("record of %s is still there", from)
				}
				if s, ok, _ := tx.Source(to); !ok || cards.RelTo(to, s.Root) == "" {
					t.Errorf("record of %s: %+v", to, s)
				}
				return nil
			})
			for _, c := range allCards(t, st) {
				if c.Source.Rel() == "" {
					t.Errorf("card %q has no path below its root: %+v", c.Question, c.Source)
				}
			}
		})
	}
}

// TestAddOfMovedFolder: the notes moved to a new folder, and the user adds
// the new folder instead of syncing; the cards follow them.
func TestAddOfMovedFolder(t *testing.T) {
	dir := t.TempDir()
	a, c := filepath.Join(dir, "a"), filepath.Join(dir, "c")
	write(t, filepath.Join(a, "bio.md"), bioNote)
	st := storetest.Open(t)
	add(t, st, a)
	before := reviewAll(t, st)
	mustRename(t, a, c)
	rep := add(t, st, c)
	if got := renames(rep); got[filepath.Join(a, "bio.md")] != filepath.Join(c, "bio.md") {
		t.Errorf("renames: %v", got)
	}
	sameCards(t, st, before, nil)
	// The old folder's sync reports it missing but orphans nothing.
	rep = resync(t, st)
	if rep.Orphaned != 0 || len(rep.Skipped) != 1 {
		t.Errorf("sync after the move: %+v", rep)
	}
	sameCards(t, st, before, nil)
}

// TestCardMovedBetweenNotes: a card cut from one note and pasted into
// another in the same sync keeps its ID and history and is not reported
// orphaned, whichever of the two notes is read first.
func TestCardMovedBetweenNotes(t *testing.T) {
	for _, tc := range []struct{ name, from, to string }{
		{"into a new note read later", "a.md", "z.md"},
		{"into a new note read first", "m.md", "b.md"},
		{"into an existing note read first", "m.md", "a.md"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			from, to := filepath.Join(dir, tc.from), filepath.Join(dir, tc.to)
			write(t, from, bioNote)
			if tc.to == "a.md" {
				write(t, to, "Speed of light::299,792 km/s\n")
			}
			st := storetest.Open(t)
			add(t, st, dir)
			before := reviewAll(t, st)
			write(t, from, "Powerhouse of the cell::the mitochondrion\n\nWhat do ribosomes make?::proteins\n")
			touch(t, from, time.Second)
			prev, _ := os.ReadFile(to)
			write(t, to, string(prev)+"\n# Organs\n\nLargest organ of the human body::the skin\n\nA brand new card::yes\n")
			touch(t, to, time.Second)
			rep, err := Sync(t.Context(), st, Config{Now: t0, KeepCards: true}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Orphaned != 0 || len(rep.Orphans) != 0 || rep.New != 1 {
				t.Errorf("report: %d new, %d orphaned %v", rep.New, rep.Orphaned, rep.Orphans)
			}
			sameCards(t, st, before, nil, "A brand new card")
			moved := before["Largest organ of the human body"].ID
			_ = st.View(func(tx *store.Tx) error {
				if s, _, _ := tx.Source(to); !slices.Contains(s.Cards, moved) {
					t.Errorf("%s's record lacks the moved card: %v", tc.to, s.Cards)
				}
				if s, _, _ := tx.Source(from); slices.Contains(s.Cards, moved) {
					t.Errorf("%s's record still has the moved card", tc.from)
				}
				c, _, _ := tx.Card(moved)
				if c.Source.Path != to || c.Deck != strings.TrimSuffix(tc.to, ".md") {
					t.Errorf("moved card: %+v", c)
				}
				return nil
			})
			for _, f := range rep.Files {
				for _, c := range f.Cards {
					if c.Question == "Largest organ of the human body" && c.ID != moved {
						t.Errorf("report lists the moved card as %s, want %s", c.ID, moved)
					}
				}
			}
			if rep := resync(t, st); rep.New+rep.Updated+rep.Orphaned != 0 {
				t.Errorf("next sync: %+v", rep)
			}
		})
	}
}

// TestRestoredCollectionAdoptsNotes: the cards came from a backup (no file
// records), the notes sit under another folder, one card was edited since
// the backup and two notes share a question (the second card's ID is
// salted with its path); adding the new folder takes every card back,
// nothing is duplicated.
func TestRestoredCollectionAdoptsNotes(t *testing.T) {
	t.Run("backup with roots", func(t *testing.T) { testRestore(t, false) })
	// A backup written before cards recorded their root: absolute paths
	// only, and the second "Definition?" salted with the absolute path.
	t.Run("backup without roots", func(t *testing.T) { testRestore(t, true) })
}

func testRestore(t *testing.T, oldBackup bool) {
	dir := t.TempDir()
	old, fresh := filepath.Join(dir, "old", "notes"), filepath.Join(dir, "new", "vault")
	notes := map[string]string{
		"bio/cells.md": bioNote,
		"dup/one.md":   "Definition?::first\n",
		"dup/two.md":   "Definition?::second\n",
	}
	for rel, text := range notes {
		write(t, filepath.Join(old, rel), text)
	}
	first := storetest.Open(t)
	add(t, first, old)
	reviewAll(t, first)
	before := cardList(t, first)
	if len(before) != 5 {
		t.Fatalf("%d cards on the first machine, want 5", len(before))
	}
	if oldBackup {
		for i := range before {
			c := &before[i]
			c.Source.Root = ""
			if c.ID != cards.NewID(c.Kind, c.Question, c.Ord, "") {
				c.ID = cards.NewID(c.Kind, c.Question, c.Ord, c.Source.Path+"#0")
				c.Note = c.ID
			}
		}
		slices.SortFunc(before, func(a, b cards.Card) int { return strings.Compare(string(a.ID), string(b.ID)) })
	}

	// "Another machine": a collection holding the same cards and reviews,
	// as a backup brings them, and the notes somewhere else.
	st := storetest.Open(t)
	err := st.Update(func(tx *store.Tx) error {
		for _, c := range before {
			if err := tx.PutCard(&c); err != nil {
				return err
			}
			if err := tx.AddReview(cards.Review{CardID: c.ID, Time: t0, Rating: cards.Good}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for rel, text := range notes {
		if rel == "bio/cells.md" {
			text = strings.Replace(text, "the skin", "skin", 1)
		}
		write(t, filepath.Join(fresh, rel), text)
	}
	rep := add(t, st, fresh)
	if rep.New != 0 || rep.Orphaned != 0 {
		t.Errorf("adding the notes on the new machine: %+v", rep)
	}
	after := cardList(t, st)
	if len(after) != len(before) {
		t.Errorf("%d cards after, want %d", len(after), len(before))
	}
	for i := range after {
		a, b := after[i], before[i]
		if a.ID != b.ID || a.Orphaned || a.Schedule.Reps != b.Schedule.Reps || a.Source.Root != fresh || cards.RelTo(a.Source.Path, fresh) != cards.RelTo(b.Source.Path, old) {
			t.Errorf("card %s %q after adoption: %+v", b.ID, b.Question, a)
		}
	}
	if rep := resync(t, st); rep.New+rep.Updated+rep.Orphaned != 0 {
		t.Errorf("sync after adoption: %+v", rep)
	}
}

// cardList returns every card, in ID order.
func cardList(t *testing.T, st *store.Store) []cards.Card {
	t.Helper()
	var out []cards.Card
	err := st.View(func(tx *store.Tx) error {
		return tx.ForEachCard(func(c *cards.Card) error {
			out = append(out, *c)
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// fakeFacts is a generator: each "FACT: X is Y." line makes "What is X?".
func fakeFacts(doc *markdown.Document) []cards.Card {
	var out []cards.Card
	for i, line := range strings.Split(string(doc.Src), "\n") {
		rest, ok := strings.CutPrefix(line, "FACT: ")
		if !ok {
			continue
		}
		x, y, ok := strings.Cut(strings.TrimSuffix(rest, "."), " is ")
		if !ok {
			continue
		}
		out = append(out, cards.Card{Kind: cards.KindBasic, Question: "What is " + x + "?", Answer: y,
			Origin: "fact", Source: cards.Source{Path: doc.Path, Line: i + 1, EndLine: i + 1}})
	}
	return out
}

func TestAutoKeepsStudiedGeneratedCards(t *testing.T) {
	dir := t.TempDir()
	note := filepath.Join(dir, "prose.md")
	write(t, note, "FACT: ATP is the energy currency.\n\nFACT: DNA is the genetic code.\n")
	st := storetest.Open(t)
	cfg := Config{Now: t0, Generators: func(markdown.GenerateMode) []markdown.Generator { return []markdown.Generator{fakeFacts} }}
	if _, err := Add(t.Context(), st, []store.AddedPath{{Path: dir, Generate: markdown.GenerateAuto}}, cfg); err != nil {
		t.Fatal(err)
	}
	gen := allCards(t, st)
	if len(gen) != 2 {
		t.Fatalf("generated: %q", keys(gen))
	}
	review(t, st, gen["What is ATP?"].ID) // studied; DNA is not
	write(t, note, "FACT: ATP is the energy currency.\n\nFACT: DNA is the genetic code.\n\nRNA::ribonucleic acid\n")
	touch(t, note, time.Second)
	rep, err := Sync(t.Context(), st, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	after := allCards(t, st)
	if c := after["What is ATP?"]; c.ID != gen["What is ATP?"].ID || c.Orphaned || c.Schedule.Reps != 1 {
		t.Errorf("studied generated card: %+v", c)
	}
	if c := after["What is DNA?"]; !c.Orphaned {
		t.Errorf("unstudied generated card not orphaned: %+v", c)
	}
	if len(rep.Orphans) != 1 || rep.Orphans[0].ID != gen["What is DNA?"].ID ||
		!strings.Contains(rep.Orphans[0].Reason, "explicit cards") || !strings.Contains(rep.Orphans[0].Hint, "--generate rules") ||
		rep.Orphans[0].Path != note {
		t.Errorf("orphans: %+v", rep.Orphans)
	}
	// Editing the studied card's prose keeps it (an edit, by similarity).
	write(t, note, "FACT: ATP is the cell's energy currency.\n\nRNA::ribonucleic acid\n")
	touch(t, note, 2*time.Second)
	if _, err := Sync(t.Context(), st, cfg, nil); err != nil {
		t.Fatal(err)
	}
	if c := allCards(t, st)["What is ATP?"]; c.ID != gen["What is ATP?"].ID || c.Orphaned || c.Answer != "the cell's energy currency" {
		t.Errorf("edited studied generated card: %+v", c)
	}
	// Once the prose is gone, the card is orphaned like any other.
	write(t, note, "RNA::ribonucleic acid\n")
	touch(t, note, 3*time.Second)
	rep, err = Sync(t.Context(), st, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Orphans) != 1 || rep.Orphans[0].ID != gen["What is ATP?"].ID || !strings.Contains(rep.Orphans[0].Reason, "no longer in the note") {
		t.Errorf("orphans once the prose is gone: %+v", rep.Orphans)
	}
}

func TestOrphansSayWhy(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "keep.md"), "Stays::yes\n\nGoes away::no\n")
	write(t, filepath.Join(dir, "gone.md"), "In a deleted note::x\n")
	st := storetest.Open(t)
	add(t, st, dir)
	write(t, filepath.Join(dir, "keep.md"), "Stays::yes\n")
	touch(t, filepath.Join(dir, "keep.md"), time.Second)
	os.Remove(filepath.Join(dir, "gone.md"))
	rep := resync(t, st)
	why := map[string]Orphan{}
	for _, o := range rep.Orphans {
		why[o.Question] = o
	}
	for q, want := range map[string]struct{ file, reason string }{
		"Goes away":         {"keep.md", "no longer in the note"},
		"In a deleted note": {"gone.md", "deleted"},
	} {
		o, ok := why[q]
		if !ok || filepath.Base(o.Path) != want.file || !strings.Contains(o.Reason, want.reason) || o.Hint == "" || o.Line == 0 {
			t.Errorf("%q: %+v, want file %s and a reason with %q", q, o, want.file, want.reason)
		}
	}
	if rep.Orphaned != 2 || len(rep.Orphans) != 2 {
		t.Errorf("report: %+v", rep)
	}
}

func TestMoveAndRemovePaths(t *testing.T) {
	dir := t.TempDir()
	a, moved := filepath.Join(dir, "a"), filepath.Join(dir, "elsewhere", "a2")
	write(t, filepath.Join(a, "bio.md"), bioNote)
	st := storetest.Open(t)
	add(t, st, a)
	before := reviewAll(t, st)
	mustRename(t, a, moved)

	err := st.Update(func(tx *store.Tx) error {
		if _, err := MovePath(tx, filepath.Join(dir, "nope"), moved); !errors.Is(err, ErrNotAdded) {
			t.Errorf("move of a path never added: %v", err)
		}
		if _, err := MovePath(tx, a, filepath.Join(dir, "missing")); err == nil {
			t.Error("move to a missing folder: no error")
		}
		m, err := MovePath(tx, a, moved)
		if m.Files != 1 || m.Cards != 3 {
			t.Errorf("moved: %+v", m)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	rep := resync(t, st)
	if rep.FilesUnchanged != 1 || rep.New+rep.Orphaned+rep.Updated != 0 || len(rep.Skipped) != 0 {
		t.Errorf("sync after paths move: %+v", rep)
	}
	sameCards(t, st, before, nil)
	var infos []PathInfo
	_ = st.View(func(tx *store.Tx) error {
		infos, _, err = ListPaths(tx)
		return err
	})
	if len(infos) != 1 || infos[0].Path != moved || infos[0].Files != 1 || infos[0].Cards != 3 || infos[0].Missing {
		t.Errorf("paths: %+v", infos)
	}

	var removed Removed
	err = st.Update(func(tx *store.Tx) error {
		removed, err = RemovePath(tx, moved, t0)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if removed.Files != 1 || len(removed.Orphans) != 3 || !strings.Contains(removed.Orphans[0].Reason, "removed") {
		t.Errorf("removed: %+v", removed)
	}
	for q, c := range allCards(t, st) {
		if !c.Orphaned || c.Schedule.Reps != 1 {
			t.Errorf("%q after remove: %+v", q, c)
		}
	}
	var elsewhere []Elsewhere
	_ = st.View(func(tx *store.Tx) error {
		infos, elsewhere, err = ListPaths(tx)
		return err
	})
	if len(infos) != 0 || len(elsewhere) != 1 || elsewhere[0].Root != moved || elsewhere[0].Orphaned != 3 {
		t.Errorf("after remove: paths %+v, elsewhere %+v", infos, elsewhere)
	}
	// Adding it again brings the cards back with their history.
	if rep := add(t, st, moved); rep.New != 0 {
		t.Errorf("re-add: %+v", rep)
	}
	sameCards(t, st, before, nil)
}

// TestMissingAddedPathKeepsCards: an added folder that is not there (a
// drive not mounted) is reported, and its cards are left alone.
func TestMissingAddedPathKeepsCards(t *testing.T) {
	dir := t.TempDir()
	drive := filepath.Join(dir, "usb")
	write(t, filepath.Join(drive, "bio.md"), bioNote)
	st := storetest.Open(t)
	add(t, st, drive)
	before := reviewAll(t, st)
	mustRename(t, drive, filepath.Join(dir, "unmounted"))
	rep := resync(t, st)
	if rep.Orphaned != 0 || len(rep.Skipped) != 1 || !strings.Contains(rep.Skipped[0].Reason, "paths move") {
		t.Errorf("sync with the folder missing: %+v", rep)
	}
	sameCards(t, st, before, nil)
	mustRename(t, filepath.Join(dir, "unmounted"), drive)
	if rep := resync(t, st); rep.FilesUnchanged != 1 || rep.New+rep.Orphaned != 0 {
		t.Errorf("sync with the folder back: %+v", rep)
	}
	sameCards(t, st, before, nil)
}

func TestMovedPath(t *testing.T) {
	for _, tc := range []struct{ p, from, to, want string }{
		{"/n/a.md", "/n", "/m", "/m/a.md"},
		{"/n/sub/a.md", "/n", "/x/y", "/x/y/sub/a.md"},
		{"/n", "/n", "/m", "/m"},
		{"/notes/a.md", "/n", "/m", ""}, // only a prefix of the name
		{"/in/todo.md", "/in/todo.md", "/out/todo2.md", "/out/todo2.md"},
	} {
		got, ok := movedPath(tc.p, tc.from, tc.to)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("movedPath(%s, %s, %s) = %q, %v; want %q", tc.p, tc.from, tc.to, got, ok, tc.want)
		}
	}
}

// TestMoveAddedFile: a note added by itself and moved keeps its cards, and
// their root becomes its new folder.
func TestMoveAddedFile(t *testing.T) {
	dir := t.TempDir()
	from, to := filepath.Join(dir, "in", "todo.md"), filepath.Join(dir, "out", "later.md")
	write(t, from, bioNote)
	st := storetest.Open(t)
	add(t, st, from)
	before := reviewAll(t, st)
	mustRename(t, from, to)
	err := st.Update(func(tx *store.Tx) error {
		_, err := MovePath(tx, from, to)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if rep := resync(t, st); rep.New+rep.Orphaned != 0 || len(rep.Skipped) != 0 {
		t.Errorf("sync after moving an added file: %+v", rep)
	}
	sameCards(t, st, before, nil)
	for q, c := range allCards(t, st) {
		if c.Source.Path != to || c.Source.Root != filepath.Dir(to) {
			t.Errorf("%q: source %+v", q, c.Source)
		}
	}
}

// TestRenamedNoteGainingExplicitCards: renamed and given a markup card in
// one sync, a prose note keeps its studied generated cards too.
func TestRenamedNoteGainingExplicitCards(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "prose.md"), "FACT: ATP is the energy currency.\n\nFACT: DNA is the genetic code.\n")
	st := storetest.Open(t)
	cfg := Config{Now: t0, Generators: func(markdown.GenerateMode) []markdown.Generator { return []markdown.Generator{fakeFacts} }}
	if _, err := Add(t.Context(), st, []store.AddedPath{{Path: dir, Generate: markdown.GenerateAuto}}, cfg); err != nil {
		t.Fatal(err)
	}
	gen := allCards(t, st)
	review(t, st, gen["What is ATP?"].ID)
	os.Remove(filepath.Join(dir, "prose.md"))
	write(t, filepath.Join(dir, "biochem.md"), "FACT: ATP is the energy currency.\n\nFACT: DNA is the genetic code.\n\nRNA::ribonucleic acid\n")
	rep, err := Sync(t.Context(), st, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(renames(rep)) != 1 {
		t.Errorf("rename not found: %+v", rep.Files)
	}
	if c := allCards(t, st)["What is ATP?"]; c.ID != gen["What is ATP?"].ID || c.Orphaned || c.Schedule.Reps != 1 {
		t.Errorf("studied generated card: %+v", c)
	}
	if len(rep.Orphans) != 1 || rep.Orphans[0].ID != gen["What is DNA?"].ID || !strings.Contains(rep.Orphans[0].Reason, "explicit cards") {
		t.Errorf("orphans: %+v", rep.Orphans)
	}
}

// TestSuggestionsFollowTheirNote: a note's pending suggestions move with it
// (renamed, or its added path moved) and go with its removed path.
func TestSuggestionsFollowTheirNote(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a")
	write(t, filepath.Join(a, "prose.md"), "FACT: ATP is the energy currency.\n\nKeep::me\n")
	unsure := func(doc *markdown.Document) []cards.Card {
		cs := fakeFacts(doc)
		for i := range cs {
			cs[i].Confidence = 0.5
		}
		return cs
	}
	cfg := Config{Now: t0, SuggestBelow: 0.7, Generators: func(markdown.GenerateMode) []markdown.Generator { return []markdown.Generator{unsure} }}
	st := storetest.Open(t)
	if _, err := Add(t.Context(), st, []store.AddedPath{{Path: a, Generate: markdown.GenerateRules}}, cfg); err != nil {
		t.Fatal(err)
	}
	pending := func(path string) int {
		var n int
		_ = st.View(func(tx *store.Tx) error {
			s, err := tx.SuggestionsOf(path)
			n = len(s)
			return err
		})
		return n
	}
	if pending(filepath.Join(a, "prose.md")) != 1 {
		t.Fatalf("no suggestion to start with")
	}
	mustRename(t, filepath.Join(a, "prose.md"), filepath.Join(a, "energy.md"))
	if _, err := Sync(t.Context(), st, cfg, nil); err != nil {
		t.Fatal(err)
	}
	if pending(filepath.Join(a, "prose.md")) != 0 || pending(filepath.Join(a, "energy.md")) != 1 {
		t.Errorf("after the rename: %d at the old path, %d at the new", pending(filepath.Join(a, "prose.md")), pending(filepath.Join(a, "energy.md")))
	}
	b := filepath.Join(dir, "b")
	mustRename(t, a, b)
	err := st.Update(func(tx *store.Tx) error {
		_, err := MovePath(tx, a, b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if pending(filepath.Join(b, "energy.md")) != 1 {
		t.Errorf("suggestion did not follow paths move")
	}
	err = st.Update(func(tx *store.Tx) error {
		_, err := RemovePath(tx, b, t0)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if pending(filepath.Join(b, "energy.md")) != 0 {
		t.Errorf("suggestion left after paths remove")
	}
}

// TestEditedUnsureCardStaysACard: a generated card in the collection whose
// prose changed a little stays a card (same ID, history kept) even when its
// new wording is below the suggestion threshold.
func TestEditedUnsureCardStaysACard(t *testing.T) {
	dir := t.TempDir()
	note := filepath.Join(dir, "prose.md")
	write(t, note, "FACT: ATP is the energy currency.\n")
	unsure := func(doc *markdown.Document) []cards.Card {
		cs := fakeFacts(doc)
		for i := range cs {
			cs[i].Confidence = 0.5
		}
		return cs
	}
	gens := func(markdown.GenerateMode) []markdown.Generator { return []markdown.Generator{unsure} }
	st := storetest.Open(t)
	// Added while nothing was held back (or accepted from the suggestions).
	if _, err := Add(t.Context(), st, []store.AddedPath{{Path: dir, Generate: markdown.GenerateRules}}, Config{Now: t0, Generators: gens}); err != nil {
		t.Fatal(err)
	}
	before := allCards(t, st)["What is ATP?"]
	review(t, st, before.ID)
	write(t, note, "FACT: ATPs is the energy currency.\n") // a new question: a new content ID
	touch(t, note, time.Second)
	rep, err := Sync(t.Context(), st, Config{Now: t0, SuggestBelow: 0.7, Generators: gens}, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := allCards(t, st)["What is ATPs?"]
	if c.ID != before.ID || c.Orphaned || c.Schedule.Reps != 1 || rep.Suggested != 0 || rep.Orphaned != 0 {
		t.Errorf("edited card: %+v (report: %d suggested, %d orphaned)", c, rep.Suggested, rep.Orphaned)
	}
}
