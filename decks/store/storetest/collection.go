package storetest

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks/store"
)

// CollectionSpec describes a synthetic collection for benchmarks: Cards
// cards, two per note (basic and reversed), in Decks leaf decks of the form "topicNN::deckNNN"
// (ten leaves per topic), with realistic text. The first Due cards are
// review cards due at Now, the next New are new, the rest are reviews due
// in the coming months. Reviews adds that many review-log entries, spread
// over the cards that are not new.
type CollectionSpec struct {
	Cards, Due, New, Decks, Reviews int
	Now                             time.Time
}

// WriteCollection creates the collection of spec at path (which must not
// exist yet), in one write transaction as `mnemo add` would.
func WriteCollection(path string, spec CollectionSpec) error {
	st, err := store.Open(path, store.OpenOptions{})
	if err != nil {
		return err
	}
	err = st.Update(func(tx *store.Tx) error { return fill(tx, spec) })
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	return err
}

func fill(tx *store.Tx, spec CollectionSpec) error {
	rng := rand.New(rand.NewPCG(1, 2))
	deckNames := make([]string, max(spec.Decks, 1))
	for i := range deckNames {
		deckNames[i] = fmt.Sprintf("topic%02d::deck%03d", i/10, i)
	}
	now := spec.Now
	reviewed := max(spec.Cards-spec.New, 1)
	for i := range spec.Cards {
		// Each note is a basic card and its reverse, as "Q :: A" notes give.
		note := i / 2
		q := fmt.Sprintf("What does the attention mechanism compute in layer %d, and why is it scaled?", note)
		ans := "A weighted sum of value vectors, weights from softmax(QK^T / sqrt(d_k)); the scaling keeps the softmax from saturating."
		kind := cards.KindBasic
		if i%2 == 1 {
			q, ans, kind = ans+fmt.Sprintf(" (layer %d)", note), q, cards.KindReversed
		}
		c := cards.Card{
			ID: cards.NewID(kind, fmt.Sprint("note ", note), 0, ""), Kind: kind,
			Note: cards.ID(fmt.Sprintf("n%08d", note)), Deck: deckNames[note%len(deckNames)],
			Question: q, Answer: ans,
			Tags: []string{"ml", "transformers"}, Context: []string{"Transformers", "Attention"},
			Source:   cards.Source{Path: fmt.Sprintf("/home/me/notes/ml/note%05d.md", note), Line: 3 + i%2*4, EndLine: 5 + i%2*4},
			Position: uint64(i + 1), Added: now.AddDate(-1, 0, 0), Modified: now.AddDate(-1, 0, 0),
		}
		switch {
		case i < spec.Due:
			s := 1 + rng.Float64()*100
			c.Schedule = cards.Schedule{State: cards.StateReview, Stability: s, Difficulty: 5, Reps: 6,
				LastReview: now.Add(-time.Duration(s*24) * time.Hour), Due: now.Add(-time.Duration(rng.IntN(72*60)) * time.Minute),
				ScheduledDays: uint64(s)}
		case i < spec.Due+spec.New:
			// new
		default:
			c.Schedule = cards.Schedule{State: cards.StateReview, Stability: 30, Difficulty: 5, Reps: 6,
				LastReview: now.AddDate(0, 0, -5), Due: now.AddDate(0, 0, 2+rng.IntN(300)), ScheduledDays: 30}
		}
		if err := tx.PutCard(&c); err != nil {
			return err
		}
		if c.Schedule.State == cards.StateNew {
			continue
		}
		// This card's share of the review log, oldest first.
		n := spec.Reviews / reviewed
		if i%reviewed < spec.Reviews%reviewed {
			n++
		}
		for k := range n {
			r := cards.Review{CardID: c.ID, Time: now.AddDate(0, 0, -400+k*7).Add(time.Duration(i%3600) * time.Second),
				Rating: cards.Rating(2 + k%3), StateBefore: cards.StateReview, StateAfter: cards.StateReview,
				ElapsedDays: 7, ScheduledDays: 7, Stability: 10 + float64(k), Difficulty: 5, DurationMS: 4000}
			if k == 0 {
				r.StateBefore, r.Rating = cards.StateNew, cards.Good
			}
			if err := tx.AddReview(r); err != nil {
				return err
			}
		}
	}
	return nil
}
