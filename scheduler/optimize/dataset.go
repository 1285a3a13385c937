package optimize

import (
	"cmp"
	"slices"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/scheduler"
)

// Dataset is a review log turned into training items.
type Dataset struct {
	// Items are in the time order of their target reviews.
	Items []Item
	// Reviews counts the reviews the items were built from: each card's
	// history since its last start as a new card. Cards is the number of
	// cards with such a history.
	Reviews, Cards int
}

// FromReviews builds the training items of a review log, as fsrs-rs does
// from Anki's: per card, reviews in time order from the last one given
// while the card was new (a card reset with Forget starts over; a history
// that never starts from new is skipped), delta_t in calendar days of
// clock (the collection's time zone and rollover hour), the first review
// at delta_t 0. Reviews may come in any order; ratings outside 1-4 are
// ignored.
func FromReviews(reviews []cards.Review, clock scheduler.Clock) Dataset {
	byCard := map[cards.ID][]cards.Review{}
	for _, r := range reviews {
		if r.Rating >= cards.Again && r.Rating <= cards.Easy {
			byCard[r.CardID] = append(byCard[r.CardID], r)
		}
	}
	type timed struct {
		at   time.Time
		card cards.ID
		it   Item
	}
	var all []timed
	var ds Dataset
	days := clock.Memo()
	for id, rs := range byCard {
		slices.SortStableFunc(rs, func(a, b cards.Review) int { return a.Time.Compare(b.Time) })
		start := -1
		for i, r := range rs {
			if r.StateBefore == cards.StateNew {
				start = i
			}
		}
		if start < 0 {
			continue
		}
		rs = rs[start:]
		ds.Cards++
		ds.Reviews += len(rs)
		h := make([]Review, len(rs))
		prevDay := 0
		for i, r := range rs {
			day := days.DayNumber(r.Time)
			h[i].Rating = int(r.Rating)
			if i > 0 {
				h[i].DeltaT = day - prevDay
			}
			prevDay = day
		}
		for _, it := range ItemsFromHistory(h) {
			all = append(all, timed{rs[len(it.Reviews)-1].Time, id, it})
		}
	}
	slices.SortFunc(all, func(a, b timed) int {
		if c := a.at.Compare(b.at); c != 0 {
			return c
		}
		return cmp.Compare(a.card, b.card)
	})
	ds.Items = make([]Item, len(all))
	for i, t := range all {
		ds.Items[i] = t.it
	}
	return ds
}
