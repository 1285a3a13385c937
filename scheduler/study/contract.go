package study

import (
	"errors"
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

// ErrCardChanged marks an action refused because the card on screen changed
// in the collection since it was shown (suspended, dropped, edited or
// answered from another terminal or by a sync). Nothing was written; the
// session has moved on, so the caller shows Current afresh before any
// further key can act on it. Its message says what happened.
var ErrCardChanged = errors.New("the card on screen changed in the collection")

// ErrFatal marks a Session error after which the session cannot go on (the
// collection was closed, the disk is full, the database is corrupt). A
// Session wraps it, e.g. fmt.Errorf("%w: %w", study.ErrFatal, err);
// RunTUI and RunPlain then stop and return the error. Any other Session
// error is shown to the person, the card stays on screen, and they may try
// again, go on with other cards or quit.
var ErrFatal = errors.New("the review session cannot continue")
