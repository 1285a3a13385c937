package review

import (
	"time"

	"github.com/mnemo-app/mnemo/cards"
)

// Counts are what is left in today's queue.
type Counts struct {
	New      int
	Learning int
	Review   int
}

// Total is the number of cards left.
func (c Counts) Total() int { return c.New + c.Learning + c.Review }

// Outcome is what happened when a card was answered.
type Outcome struct {
	// Next is the card's new schedule.
	Next cards.Schedule
	// Leech is set when this answer made the card a leech (tagged and
	// suspended); Message says so in words.
	Leech   bool
	Message string
}

// Summary describes a finished session.
type Summary struct {
	Reviewed      int
	Again         int           // answers rated Again
	Elapsed       time.Duration // time spent in the session
	DueTomorrow   int           // cards due by the end of tomorrow
	NewTomorrow   int           // new cards tomorrow's limit will show
	StudiedByDeck map[string]int
}

// Session is today's queue over a collection. Every method that changes a
// card commits it at once, so a crash loses at most the card on screen.
type Session interface {
	// Current returns the card to show, or ok=false when nothing is left.
	Current() (card cards.Card, ok bool)
	// Counts returns what is left, the current card included.
	Counts() Counts
	// Intervals returns, for each rating (index 0 = Again ... 3 = Easy), how
	// long until the current card would be due again.
	Intervals() [4]time.Duration
	// Answer rates the current card; took is the time spent on it.
	Answer(r cards.Rating, took time.Duration) (Outcome, error)
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
	Summary() Summary
}
