package optimize

// Review is one answer in a card's history as the optimizer sees it.
type Review struct {
	// Rating is 1 (again) to 4 (easy).
	Rating int
	// DeltaT is the number of calendar days since the card's previous
	// review; 0 for the first review and for reviews on the same day.
	DeltaT int
}

// Item is one training example: a card's reviews up to and including the
// one to predict, which is the last and always on a later day than the
// review before it (DeltaT > 0). Items of one card share memory.
type Item struct {
	Reviews []Review
}

// target is the review the item predicts.
func (it Item) target() Review { return it.Reviews[len(it.Reviews)-1] }

// recalled reports whether the target review was not Again.
func (it Item) recalled() bool { return it.target().Rating > 1 }

// longTermCount counts the reviews on a later day than the one before.
func (it Item) longTermCount() int {
	n := 0
	for _, r := range it.Reviews {
		if r.DeltaT > 0 {
			n++
		}
	}
	return n
}

// firstLongTerm returns the first review on a later day than the one
// before; every item has one (its target, at the latest).
func (it Item) firstLongTerm() Review {
	for _, r := range it.Reviews {
		if r.DeltaT > 0 {
			return r
		}
	}
	return it.target()
}

// ItemsFromHistory makes the training items of one card from its reviews
// in time order (each review's rating and calendar days since the one
// before). The history must start with the card's first review as a new
// card; the first review's DeltaT is ignored and taken as 0. Every later
// review on a later day than the one before becomes an item; same-day
// reviews stay in the histories but are never predicted, as in fsrs-rs.
func ItemsFromHistory(history []Review) []Item {
	if len(history) < 2 {
		return nil
	}
	h := make([]Review, len(history))
	copy(h, history)
	h[0].DeltaT = 0
	var items []Item
	for i := 1; i < len(h); i++ {
		if h[i].DeltaT > 0 {
			items = append(items, Item{Reviews: h[: i+1 : i+1]})
		}
	}
	return items
}
