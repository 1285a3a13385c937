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

// GatherStream is Gather without the review log in memory: the returned
// Collection's EachReview reads the reviews of its cards from src each
// time it is called, so it may only be used while src (its read
// transaction) is open. It reports in *reviews how many reviews the last
// complete pass read.
func GatherStream(src Source, deck string, now time.Time, withOrphans bool, reviews *int) (Collection, error) {
	col := Collection{Now: now}
	col.Cards = make([]cards.Card, 0, src.CardCount())
	// in maps the ID of a card in col.Cards to its index there
	in := make(map[cards.ID]int, cap(col.Cards))
	n := 0
	err := src.ForEachCard(func(cd *cards.Card) error {
		// the transaction stays open for the whole export: let the pages
		// of the cards already copied go
		if n++; n%4096 == 0 {
			src.ReleaseMapped()
		}
		if (withOrphans || !cd.Orphaned) && InDeck(cd.Deck, deck) {
			in[cd.ID] = len(col.Cards)
			col.Cards = append(col.Cards, *cd)
		}
		return nil
	})
	src.ReleaseMapped()
	if err != nil {
		return Collection{}, err
	}
	col.EachReview = func(fn func(card int, r *cards.Review) error) error {
		n, read := 0, 0
		// one Review for the whole pass: passing the callback's own
		// parameter on by pointer would allocate each review on the heap
		var cur cards.Review
		err := src.ReviewsSince(time.Time{}, func(r cards.Review) error {
			// the log's pages are not needed again once read
			if read++; read%4096 == 0 {
				src.ReleaseMapped()
			}
			card, ok := in[r.CardID]
			if !ok {
				return nil
			}
			n++
			cur = r
			return fn(card, &cur)
		})
		src.ReleaseMapped()
		if err == nil && reviews != nil {
			*reviews = n
		}
		return err
	}
	col.FirstReview = func() (time.Time, error) { return firstReview(src, in) }
	if err := GatherSettings(src, &col); err != nil {
		return Collection{}, err
	}
	return col, nil
}

// firstReview is the earliest non-zero time of a review of a card in in.
// ReviewsSince yields the log oldest first, keyed by Unix nanoseconds, with
// zero and pre-1970 times (which have no such key) first: so once a
// review between 1970 and 2262 is seen, no later one is earlier and the
// scan stops, usually at the first review.
func firstReview(src Source, in map[cards.ID]int) (time.Time, error) {
	var first time.Time
	err := src.ReviewsSince(time.Time{}, func(r cards.Review) error {
		if _, ok := in[r.CardID]; !ok || r.Time.IsZero() {
			return nil
		}
		if first.IsZero() || r.Time.Before(first) {
			first = r.Time
		}
		if r.Time.UnixNano() > 0 && r.Time.Year() < 2262 {
			return errFound
		}
		return nil
	})
	src.ReleaseMapped()
	if err != nil && !errors.Is(err, errFound) {
		return time.Time{}, err
	}
	return first, nil
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
