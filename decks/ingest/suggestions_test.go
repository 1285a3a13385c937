package ingest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/cards/markdown"
	"github.com/mnemo-app/mnemo/decks/store"
	"github.com/mnemo-app/mnemo/decks/store/storetest"
)

// confident generates one sure and one unsure card per note.
func confident(doc *markdown.Document) []cards.Card {
	src := cards.Source{Path: doc.Path, Line: 1, EndLine: 1}
	return []cards.Card{
		{Kind: cards.KindBasic, Question: "What is sure?", Answer: "certain", Origin: "rule", Confidence: 0.9, Source: src},
		{Kind: cards.KindBasic, Question: "What is unsure?", Answer: "doubtful", Origin: "rule", Confidence: 0.5, Source: src},
	}
}

func suggestCfg(review func(string, []cards.Card) ([]cards.Card, []cards.Card, error)) Config {
	return Config{Now: t0, Force: true, SuggestBelow: 0.7, Review: review,
		Generators: func(markdown.GenerateMode) []markdown.Generator { return []markdown.Generator{confident} }}
}

func pendingSuggestions(t *testing.T, st *store.Store) []cards.Card {
	t.Helper()
	var out []cards.Card
	err := st.View(func(tx *store.Tx) error {
		var err error
		out, err = tx.Suggestions()
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestLowConfidenceCardsBecomeSuggestions(t *testing.T) {
	dir := t.TempDir()
	note := filepath.Join(dir, "n.md")
	write(t, note, "plain prose\n")
	st := storetest.Open(t)
	paths := []store.AddedPath{{Path: dir, Generate: markdown.GenerateAuto}}
	rep, err := Add(context.Background(), st, paths, suggestCfg(nil))
	if err != nil {
		t.Fatal(err)
	}
	got := allCards(t, st)
	if _, ok := got["What is sure?"]; !ok || len(got) != 1 || rep.Suggested != 1 {
		t.Fatalf("cards %v, report %+v: want only the sure card added and one suggestion", got, rep)
	}
	sug := pendingSuggestions(t, st)
	if len(sug) != 1 || sug[0].Question != "What is unsure?" || sug[0].ID == "" {
		t.Fatalf("suggestions %+v", sug)
	}

	// Accepted, it is a card and stays one on the next sync.
	err = st.Update(func(tx *store.Tx) error {
		_, err := Accept(tx, string(sug[0].ID[:4]), t0)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Sync(context.Background(), st, suggestCfg(nil), nil); err != nil {
		t.Fatal(err)
	}
	got = allCards(t, st)
	if c, ok := got["What is unsure?"]; !ok || c.Orphaned || len(pendingSuggestions(t, st)) != 0 {
		t.Errorf("after accept and sync: cards %v, suggestions %v", got, pendingSuggestions(t, st))
	}
}

func TestRejectedSuggestionIsNotOfferedAgain(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "n.md"), "plain prose\n")
	st := storetest.Open(t)
	paths := []store.AddedPath{{Path: dir, Generate: markdown.GenerateAuto}}
	if _, err := Add(context.Background(), st, paths, suggestCfg(nil)); err != nil {
		t.Fatal(err)
	}
	sug := pendingSuggestions(t, st)
	err := st.Update(func(tx *store.Tx) error {
		if _, err := Accept(tx, "nope", t0); err == nil {
			t.Errorf("accepting an unknown suggestion succeeded")
		}
		_, err := Reject(tx, string(sug[0].ID), t0.Add(time.Hour))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Sync(context.Background(), st, suggestCfg(nil), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(pendingSuggestions(t, st)) != 0 || rep.Suggested != 0 {
		t.Errorf("rejected suggestion offered again: %+v", pendingSuggestions(t, st))
	}
	if _, ok := allCards(t, st)["What is unsure?"]; ok {
		t.Errorf("rejected suggestion became a card")
	}
}

func TestInteractiveReviewDecidesEveryCard(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "n.md"), "plain prose\n")
	st := storetest.Open(t)
	var shown int
	keepAll := func(_ string, fresh []cards.Card) ([]cards.Card, []cards.Card, error) {
		shown = len(fresh)
		return fresh, nil, nil
	}
	paths := []store.AddedPath{{Path: dir, Generate: markdown.GenerateAuto}}
	rep, err := Add(context.Background(), st, paths, suggestCfg(keepAll))
	if err != nil {
		t.Fatal(err)
	}
	if shown != 2 || len(allCards(t, st)) != 2 || rep.Suggested != 0 || len(pendingSuggestions(t, st)) != 0 {
		t.Errorf("shown %d, cards %d, suggested %d: want both cards shown and added", shown, len(allCards(t, st)), rep.Suggested)
	}
}

// Prepare sees every note that will be read with a mode that asks for it,
// before the write transaction, and no unchanged note.
func TestPrepareRunsBeforeTheWriteForChangedNotes(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.md")
	write(t, a, "alpha prose\n")
	write(t, filepath.Join(dir, "b.md"), "beta prose\n")
	st := storetest.Open(t)
	var seen []string
	cfg := Config{Now: t0, Prepare: func(mode markdown.GenerateMode) func(*markdown.Document) {
		if mode != markdown.GenerateLLM {
			return nil
		}
		return func(doc *markdown.Document) { seen = append(seen, filepath.Base(doc.Path)) }
	}}
	paths := []store.AddedPath{{Path: dir, Generate: markdown.GenerateLLM}}
	if _, err := Add(context.Background(), st, paths, cfg); err != nil {
		t.Fatal(err)
	}
	if len(seen) != 2 {
		t.Fatalf("prepared %v, want both notes", seen)
	}
	seen = nil
	write(t, a, "alpha prose, edited\n")
	touch(t, a, time.Minute)
	if _, err := Sync(context.Background(), st, cfg, nil); err != nil {
		t.Fatal(err)
	}
	if len(seen) != 1 || seen[0] != "a.md" {
		t.Errorf("sync prepared %v, want only the edited a.md", seen)
	}
	seen = nil
	off := func(p *store.AddedPath) { p.Generate = markdown.GenerateOff }
	touch(t, a, 2*time.Minute)
	cfg.Force = true
	if _, err := Sync(context.Background(), st, cfg, off); err != nil {
		t.Fatal(err)
	}
	if len(seen) != 0 {
		t.Errorf("a sync switched to --generate off prepared %v", seen)
	}
}
