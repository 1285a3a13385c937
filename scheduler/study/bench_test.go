package study

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks/store"
)

// benchCollection writes a 100,000-card collection: due cards due today,
// newN new cards, the rest reviews due later. Cards are spread over 60
// decks and carry realistic text.
func benchCollection(b *testing.B, due, newN int) *store.Store {
	b.Helper()
	st, err := store.Open(filepath.Join(b.TempDir(), "c.db"), store.OpenOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	rng := rand.New(rand.NewPCG(3, 4))
	var deckNames []string
	for a := range 3 {
		for m := range 4 {
			for l := range 5 {
				deckNames = append(deckNames, fmt.Sprintf("top%d::mid%d::leaf%d", a, m, l))
			}
		}
	}
	const total = 100000
	err = st.Update(func(tx *store.Tx) error {
		if err := tx.PutSettings(store.Settings{RolloverHour: 4, TimeZone: "America/New_York"}); err != nil {
			return err
		}
		for i := range total {
			c := cards.Card{
				ID: cards.ID(fmt.Sprintf("c%09d", i)), Note: cards.ID(fmt.Sprintf("n%08d", i/2)), Kind: cards.KindBasic,
				Deck:     deckNames[rng.IntN(len(deckNames))],
				Question: "What does the attention mechanism compute in a transformer layer, and why is it scaled?",
				Answer:   "A weighted sum of value vectors, weights from softmax(QK^T / sqrt(d_k)); the scaling keeps the softmax from saturating.",
				Tags:     []string{"ml", "transformers"}, Context: []string{"Transformers", "Attention"},
				Source:   cards.Source{Path: "/home/me/notes/ml/transformers.md", Line: i % 500, EndLine: i%500 + 2},
				Position: uint64(i), Added: t0.AddDate(-1, 0, 0), Modified: t0.AddDate(-1, 0, 0),
			}
			switch {
			case i < due:
				s := 1 + rng.Float64()*100
				last := t0.Add(-time.Duration(s*(1+rng.Float64())*24) * time.Hour)
				c.Schedule = cards.Schedule{State: cards.StateReview, Stability: s, Difficulty: 5, Reps: 6,
					LastReview: last, Due: t0.Add(-time.Duration(rng.IntN(72*60)) * time.Minute), ScheduledDays: uint64(s)}
			case i < due+newN:
				c.Schedule = cards.Schedule{State: cards.StateNew}
			default:
				c.Schedule = cards.Schedule{State: cards.StateReview, Stability: 30, Difficulty: 5, Reps: 6,
					LastReview: t0.AddDate(0, 0, -5), Due: t0.AddDate(0, 0, 2+rng.IntN(300)), ScheduledDays: 30}
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
	return st
}

// BenchmarkOpen measures loading today's queue from a 100,000-card
// collection and showing the first card.
func BenchmarkOpen(b *testing.B) {
	for _, size := range []struct{ due, new int }{{5000, 15000}, {20000, 1000}} {
		b.Run(fmt.Sprintf("due=%d,new=%d", size.due, size.new), func(b *testing.B) {
			st := benchCollection(b, size.due, size.new)
			for _, deck := range []string{"", "top1"} {
				b.Run("deck="+deck, func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						s, err := Open(st, Config{Deck: deck, Now: func() time.Time { return t0 }})
						if err != nil {
							b.Fatal(err)
						}
						if _, ok := s.Current(); !ok {
							b.Fatal("nothing to study")
						}
					}
				})
			}
		})
	}
}

// BenchmarkAnswer measures one answer: the write transaction with the
// card and its review log entry (bbolt fsyncs each commit).
func BenchmarkAnswer(b *testing.B) {
	st := benchCollection(b, 5000, 1000)
	now := t0
	s, err := Open(st, Config{Now: func() time.Time { return now }})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Answer(cards.Good, time.Second); err != nil {
			b.Fatal(err)
		}
		if _, _, err := s.Undo(); err != nil {
			b.Fatal(err)
		}
		now = now.Add(time.Second)
	}
}
