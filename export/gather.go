package export

import (
	"errors"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks"
)

// Source is what exporters read from a collection. The store's read
// transaction (*store.Tx) satisfies it; the exporters never name the
// store, so they do not link BoltDB.
type Source interface {
	ForEachCard(fn func(c *cards.Card) error) error
	ReviewsSince(since time.Time, fn func(r cards.Review) error) error
	DeckOptions() (map[string]decks.Options, error)
	Settings() (decks.Settings, error)
	CardCount() int
	ReviewCount() int
	// ReleaseMapped lets the operating system reclaim the pages read so
	// far; a long scan calls it now and then so its memory stays flat.
	ReleaseMapped()
}

// InDeck reports whether a card of deck belongs to an export of only
// (every deck when only is empty).
func InDeck(deck, only string) bool { return only == "" || decks.IsUnder(deck, only) }

// errFound stops a scan at the first match.
var errFound = errors.New("found")

// HasCards reports whether deck (all decks when empty) has a card, orphans
// included. It stops at the first one: counting a big collection would
// read (and keep resident) every card page before the export does.
func HasCards(src Source, deck string) (bool, error) {
	n := 0
	err := src.ForEachCard(func(cd *cards.Card) error {
		if n++; n%4096 == 0 {
			src.ReleaseMapped()
		}
		if InDeck(cd.Deck, deck) {
			return errFound
		}
		return nil
	})
	src.ReleaseMapped()
	if errors.Is(err, errFound) {
		return true, nil
	}
	return false, err
}

// Gather reads what an in-memory exporter needs: the cards of deck and its
// subdecks (every deck when empty; orphans only when withOrphans), their
// review log, the deck options and the collection's clock settings.
func Gather(src Source, deck string, now time.Time, withOrphans bool) (Collection, error) {
	col := Collection{Now: now}
	// Sized up front: growing slices of 100,000 cards and half a million
	// reviews cost more than reading them.
	col.Cards = make([]cards.Card, 0, src.CardCount())
	col.Reviews = make([]cards.Review, 0, src.ReviewCount())
	in := make(map[cards.ID]bool, cap(col.Cards))
	err := src.ForEachCard(func(cd *cards.Card) error {
		if (withOrphans || !cd.Orphaned) && InDeck(cd.Deck, deck) {
			col.Cards = append(col.Cards, *cd)
			in[cd.ID] = true
		}
		return nil
	})
	if err != nil {
		return Collection{}, err
	}
	err = src.ReviewsSince(time.Time{}, func(r cards.Review) error {
		if in[r.CardID] {
			col.Reviews = append(col.Reviews, r)
		}
		return nil
	})
	if err != nil {
		return Collection{}, err
	}
	if err := GatherSettings(src, &col); err != nil {
		return Collection{}, err
	}
	return col, nil
}

// GatherSettings fills col's deck options, creation time, time zone and
// rollover hour from src.
func GatherSettings(src Source, col *Collection) error {
	opts, err := src.DeckOptions()
	if err != nil {
		return err
	}
	s, err := src.Settings()
	if err != nil {
		return err
	}
	loc, err := s.Location()
	if err != nil {
		return err
	}
	col.Options, col.Created, col.RolloverHour, col.Location = opts, s.Created, Hour(s.RolloverHour), loc
	return nil
}
