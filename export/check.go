package export

import (
	"errors"
	"fmt"
	"math"
	"time"
	"unicode"

	"github.com/mnemo-app/mnemo/cards"
)

// Limits on imported values: anything outside them is refused, so a
// hostile backup or package cannot plant a card that breaks later commands
// (a due date that overflows, a position that wraps the new-card counter,
// an ID too long for a database key).
const (
	// MaxIDLength is the longest card ID an import accepts.
	MaxIDLength = 64
	// MaxPosition is the largest new-card position an import accepts.
	MaxPosition = 1 << 40
	// MaxOrd is the largest cloze number an import accepts.
	MaxOrd = 10_000
	// MaxStability is the largest stability (days) an import accepts.
	MaxStability = 1e6
	// MaxCount is the largest repetition or lapse count an import accepts.
	MaxCount = 1 << 32
)

// earliest and latest bound every imported time: before 1970 nothing was
// studied with mnemo or Anki, and after 9999 times no longer round-trip.
var (
	earliest = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	latest   = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
)

// ErrInvalid is wrapped by every error about an imported value.
var ErrInvalid = errors.New("invalid value")

func invalid(record, format string, args ...any) error {
	return fmt.Errorf("%w: %s: %s", ErrInvalid, record, fmt.Sprintf(format, args...))
}

// ValidID reports why id cannot be a card ID, or nil.
func ValidID(id cards.ID) error {
	switch {
	case id == "":
		return errors.New("the ID is empty")
	case len(id) > MaxIDLength:
		return fmt.Errorf("the ID is %d bytes long (at most %d)", len(id), MaxIDLength)
	}
	for _, r := range id {
		if !unicode.IsPrint(r) || unicode.IsSpace(r) {
			return fmt.Errorf("the ID %q holds a space or control character", id)
		}
	}
	return nil
}

func validTime(t time.Time) bool {
	return t.IsZero() || (!t.Before(earliest) && !t.After(latest))
}

func validFloat(f, lo, hi float64) bool {
	return !math.IsNaN(f) && !math.IsInf(f, 0) && f >= lo && f <= hi
}

func checkSchedule(record, what string, s *cards.Schedule) error {
	switch {
	case s.State < cards.StateNew || s.State > cards.StateRelearning:
		return invalid(record, "%sstate %d is not new, learning, review or relearning", what, int(s.State))
	case !validTime(s.Due):
		return invalid(record, "%sdue date %s is out of range", what, s.Due.Format(time.RFC3339))
	case !validTime(s.LastReview):
		return invalid(record, "%slast review %s is out of range", what, s.LastReview.Format(time.RFC3339))
	case !validFloat(s.Stability, 0, MaxStability):
		return invalid(record, "%sstability %g is negative or too large", what, s.Stability)
	case !validFloat(s.Difficulty, 0, 10):
		return invalid(record, "%sdifficulty %g is outside 0-10", what, s.Difficulty)
	case s.Reps > MaxCount || s.Lapses > MaxCount || s.ElapsedDays > MaxCount || s.ScheduledDays > MaxCount:
		return invalid(record, "%srepetition, lapse or day counts are too large", what)
	}
	return nil
}

// CheckCard reports the first value of c an import must refuse, naming
// the card.
func CheckCard(c *cards.Card) error {
	record := fmt.Sprintf("card %q", c.ID)
	if len(c.ID) > MaxIDLength {
		record = fmt.Sprintf("card %.20q...", c.ID)
	}
	if err := ValidID(c.ID); err != nil {
		return invalid(record, "%v", err)
	}
	if c.Note != "" {
		if err := ValidID(c.Note); err != nil {
			return invalid(record, "note %v", err)
		}
	}
	switch c.Kind {
	case cards.KindBasic, cards.KindReversed, cards.KindCloze:
	default:
		return invalid(record, "kind %q is not basic, reversed or cloze", c.Kind)
	}
	switch {
	case c.Ord < 0 || c.Ord > MaxOrd:
		return invalid(record, "ord %d is outside 0-%d", c.Ord, MaxOrd)
	case c.Position > MaxPosition:
		return invalid(record, "position %d is larger than %d", c.Position, uint64(MaxPosition))
	case !validTime(c.Added) || !validTime(c.Modified) || !validTime(c.BuriedUntil):
		return invalid(record, "added, modified or buried-until time is out of range")
	case c.Source.Line < 0 || c.Source.EndLine < 0:
		return invalid(record, "source line %d-%d is negative", c.Source.Line, c.Source.EndLine)
	}
	return checkSchedule(record, "", &c.Schedule)
}

// CheckReview reports the first value of r an import must refuse, naming
// the review by card and time.
func CheckReview(r *cards.Review) error {
	record := fmt.Sprintf("review of card %q at %s", r.CardID, r.Time.Format(time.RFC3339))
	if len(r.CardID) > MaxIDLength {
		record = fmt.Sprintf("review of card %.20q...", r.CardID)
	}
	if err := ValidID(r.CardID); err != nil {
		return invalid(record, "%v", err)
	}
	switch {
	case r.Time.IsZero() || !validTime(r.Time):
		return invalid(record, "the time is missing or out of range")
	case r.Rating < cards.Again || r.Rating > cards.Easy:
		return invalid(record, "rating %d is not 1-4 (again, hard, good, easy)", int(r.Rating))
	case r.StateBefore < cards.StateNew || r.StateBefore > cards.StateRelearning ||
		r.StateAfter < cards.StateNew || r.StateAfter > cards.StateRelearning:
		return invalid(record, "state %d -> %d is not a card state", int(r.StateBefore), int(r.StateAfter))
	case r.DurationMS < 0 || r.DurationMS > 24*3600*1000:
		return invalid(record, "duration %d ms is negative or longer than a day", r.DurationMS)
	case !validFloat(r.Stability, 0, MaxStability) || !validFloat(r.Difficulty, 0, 10):
		return invalid(record, "stability %g or difficulty %g is out of range", r.Stability, r.Difficulty)
	case r.ElapsedDays > MaxCount || r.ScheduledDays > MaxCount:
		return invalid(record, "elapsed or scheduled days are too large")
	}
	return checkSchedule(record, "previous ", &r.Prev)
}
