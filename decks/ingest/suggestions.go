package ingest

import (
	"fmt"
	"slices"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks/store"
)

// Accept turns the pending suggestion whose ID is (or starts with) id into
// a new card, listed under its note so later syncs keep it as a card.
func Accept(tx *store.Tx, id string, now time.Time) (cards.Card, error) {
	c, err := pending(tx, id)
	if err != nil {
		return c, err
	}
	if tx.HasCard(c.ID) {
		return c, fmt.Errorf("suggestion %s: a card with this ID is already in the collection", c.ID)
	}
	pos, err := tx.NextPositions(1)
	if err != nil {
		return c, err
	}
	c.Position = pos
	c.Added, c.Modified = now, now
	c.Schedule = cards.Schedule{}
	if err := tx.PutCard(&c); err != nil {
		return c, err
	}
	src, ok, err := tx.Source(c.Source.Path)
	if err != nil {
		return c, err
	}
	if ok && !slices.Contains(src.Cards, c.ID) {
		src.Cards = append(src.Cards, c.ID)
		if err := tx.PutSource(src); err != nil {
			return c, err
		}
	}
	return c, tx.DeleteSuggestion(c.Source.Path, c.ID)
}

// Reject forgets the pending suggestion whose ID is (or starts with) id
// and remembers it as dropped, so no later sync offers it again.
func Reject(tx *store.Tx, id string, now time.Time) (cards.Card, error) {
	c, err := pending(tx, id)
	if err != nil {
		return c, err
	}
	if err := tx.PutDrop(store.Drop{ID: c.ID, Question: c.Question, Source: c.Source.Path, Time: now}); err != nil {
		return c, err
	}
	return c, tx.DeleteSuggestion(c.Source.Path, c.ID)
}

func pending(tx *store.Tx, id string) (cards.Card, error) {
	c, ok, err := tx.Suggestion(id)
	if err != nil {
		return c, err
	}
	if !ok {
		return c, fmt.Errorf("no pending suggestion %q (list them with mnemo suggestions)", id)
	}
	return c, nil
}
