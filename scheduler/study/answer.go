package study

import (
	"errors"
	"fmt"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks/store"
	"github.com/mnemo-app/mnemo/scheduler"
)

// ErrInactive is returned by Rate for a suspended or orphaned card.
var ErrInactive = errors.New("the card is suspended or orphaned")

// answerTx is the one answer path, for a review and for Rate: the card is
// re-read in the transaction (it may have changed in another terminal),
// scheduled, logged, and its siblings buried until dayEnd. shown is the
// card on a review's screen (nil for Rate): when the stored card no longer
// matches it, the answer is refused with a *cardChanged.
func answerTx(tx *store.Tx, id cards.ID, shown *cards.Card, schedFor func(deck string) *scheduler.Scheduler, r cards.Rating,
	now time.Time, took time.Duration, siblings []cards.ID, dayEnd time.Time) (card cards.Card, rev cards.Review, ev scheduler.Event, bur []buried, err error) {
	c, ok, err := tx.Card(id)
	if err != nil {
		return card, rev, ev, nil, err
	}
	if shown != nil {
		if err := changed(*shown, c, ok, now); err != nil {
			return card, rev, ev, nil, err
		}
	}
	if !ok {
		return card, rev, ev, nil, fmt.Errorf("card %s: %w", id, errGone)
	}
	if c.Suspended || c.Orphaned {
		return card, rev, ev, nil, fmt.Errorf("card %s: %w", id, ErrInactive)
	}
	rev, ev = schedFor(c.Deck).Answer(&c, r, now, took)
	if err := tx.PutCard(&c); err != nil {
		return card, rev, ev, nil, err
	}
	if err := tx.AddReview(rev); err != nil {
		return card, rev, ev, nil, err
	}
	if bur, err = buryCards(tx, siblings, dayEnd); err != nil {
		return card, rev, ev, nil, err
	}
	return c, rev, ev, bur, nil
}

// Rate answers one card outside a review session (`mnemo rate`), through
// the review's own answer path: the same scheduler options, review log
// entry and sibling burying (the card's new siblings and review siblings
// due today, when its deck buries siblings).
func Rate(st *store.Store, id cards.ID, r cards.Rating, now time.Time, took time.Duration) (cards.Card, scheduler.Event, error) {
	if r < cards.Again || r > cards.Easy {
		return cards.Card{}, scheduler.Event{}, fmt.Errorf("invalid rating %d (want 1-4)", int(r))
	}
	var (
		card cards.Card
		ev   scheduler.Event
	)
	err := st.Update(func(tx *store.Tx) error {
		c, ok, err := tx.Card(id)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("card %s: %w", id, errGone)
		}
		if c.Suspended || c.Orphaned {
			return fmt.Errorf("card %s: %w", id, ErrInactive)
		}
		t, err := readDay(tx)
		if err != nil {
			return err
		}
		var siblings []cards.ID
		if c.Note != "" && t.options(c.Deck).BurySiblings {
			if siblings, err = siblingsOf(tx, c, t.clock.NextDayStart(now)); err != nil {
				return err
			}
		}
		schedFor := func(deck string) *scheduler.Scheduler { return scheduler.New(t.options(deck)) }
		card, _, ev, _, err = answerTx(tx, id, nil, schedFor, r, now, took, siblings, t.clock.NextDayStart(now))
		return err
	})
	return card, ev, err
}

// siblingsOf lists c's new siblings and review siblings due before dayEnd,
// from the study indexes (which carry each card's note).
func siblingsOf(tx *store.Tx, c cards.Card, dayEnd time.Time) ([]cards.ID, error) {
	var out []cards.ID
	collect := func(e store.IndexEntry) bool {
		if e.Note == c.Note && e.ID != c.ID && (e.State == cards.StateNew || e.State == cards.StateReview) {
			out = append(out, e.ID)
		}
		return true
	}
	if err := tx.ScanDue(dayEnd, collect); err != nil {
		return nil, err
	}
	return out, tx.ScanNew(collect)
}
