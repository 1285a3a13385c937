package review

import (
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/scheduler/study"
)

// Session is today's queue over a collection. Every method that changes a
// card commits it at once, so a crash loses at most the card on screen.
type Session interface {
	// Current returns the card to show, or ok=false when nothing is left.
	Current() (card cards.Card, ok bool)
	// Counts returns what is left, the current card included.
	Counts() study.Counts
	// Intervals returns, for each rating (index 0 = Again ... 3 = Easy), how
	// long until the current card would be due again.
	Intervals() [4]time.Duration
	// Answer rates the current card; took is the time spent on it.
	Answer(r cards.Rating, took time.Duration) (study.Outcome, error)
	// Undo reverts the last answer (several steps back); ok=false when
	// there is nothing to undo. The reverted card becomes current again.
	Undo() (card cards.Card, ok bool, err error)
	// Suspend suspends the current card; Bury hides it until tomorrow.
	Suspend() error
	Bury() error
	// Reload re-reads the current card's note (after editing it) and
	// rebuilds the queue.
	Reload() error
	// Summary describes the session so far.
	Summary() study.Summary
}
