package main

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks/store"
)

// BenchmarkDue measures `mnemo due`'s work on a collection of 100,000
// cards in 500 decks, 5,000 of them due today (target: <= 50 ms).
func BenchmarkDue(b *testing.B) {
	st, err := store.Open(filepath.Join(b.TempDir(), "c.db"), store.OpenOptions{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	err = st.Update(func(tx *store.Tx) error {
		for i := range 100000 {
			c := cards.Card{ID: cards.NewID(cards.KindBasic, fmt.Sprint(i), 0, ""), Kind: cards.KindBasic,
				Deck: fmt.Sprintf("topic%02d::note%03d", i%50, i%500), Question: fmt.Sprint("question ", i), Answer: "answer",
				Position: uint64(i + 1)}
			if i%4 != 0 { // three in four reviewed, one in twenty due today
				c.Schedule = cards.Schedule{State: cards.StateReview, Stability: 10, Difficulty: 5, Reps: 3,
					LastReview: now.Add(-240 * time.Hour), Due: now.Add(time.Duration(i%15-1) * 24 * time.Hour)}
			}
			if err := tx.PutCard(&c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		var rows []deckDue
		err := st.View(func(tx *store.Tx) error {
			_, rows, err = dueByDeck(tx, now)
			return err
		})
		if err != nil || len(rows) == 0 {
			b.Fatal(err, len(rows))
		}
	}
}
