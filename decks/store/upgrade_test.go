package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/cards/markdown"
	"github.com/mnemo-app/mnemo/decks/ingest"
	"github.com/mnemo-app/mnemo/decks/store"
)

// TestUpgradedCollectionKeepsIdentity opens a collection as an older mnemo
// left it (absolute paths; a repeated question's ID salted with the
// absolute path) and syncs edited notes: every card keeps its ID, nothing
// is added or orphaned.
func TestUpgradedCollectionKeepsIdentity(t *testing.T) {
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes")
	one, two := filepath.Join(notes, "one.md"), filepath.Join(notes, "two.md")
	for p, text := range map[string]string{one: "Definition?::first\n", two: "Definition?::second\n\nOther::card\n"} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	card := func(q, a, path, salt string) cards.Card {
		id := cards.NewID(cards.KindBasic, q, 0, salt)
		return cards.Card{ID: id, Note: id, Kind: cards.KindBasic, Deck: "d", Question: q, Answer: a, Tags: []string{},
			Source: cards.Source{Path: path, Line: 1, EndLine: 1}, Position: 1}
	}
	first := card("Definition?", "first", one, "")
	salted := card("Definition?", "second", two, two+"#0") // the old salt: the absolute path
	other := card("Other", "card", two, "")
	old := []cards.Card{first, salted, other}
	path := filepath.Join(dir, "collection.db")
	store.WriteSchema1(t, path, []store.AddedPath{{Path: notes, Generate: markdown.GenerateOff}},
		[]store.Source{{Path: one, Root: notes, Cards: []cards.ID{first.ID}}, {Path: two, Root: notes, Cards: []cards.ID{salted.ID, other.ID}}},
		old)

	st, err := store.Open(path, store.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// The records hold no size or hash: the sync re-reads both notes.
	rep, err := ingest.Sync(context.Background(), st, ingest.Config{Now: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.New != 0 || rep.Orphaned != 0 || rep.FilesSeen != 2 {
		t.Errorf("sync after the upgrade: %+v", rep)
	}
	_ = st.View(func(tx *store.Tx) error {
		if n := tx.CardCount(); n != 3 {
			t.Errorf("%d cards, want 3", n)
		}
		for _, want := range old {
			c, ok, err := tx.Card(want.ID)
			if err != nil || !ok || c.Orphaned || c.Answer != want.Answer || c.Source.Root != notes {
				t.Errorf("card %s (%q): %+v ok=%v err=%v", want.ID, want.Answer, c, ok, err)
			}
		}
		return nil
	})
	if err := st.Check(); err != nil {
		t.Error(err)
	}
}
