package scheduler

import (
	"fmt"
	"math"
	"slices"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks"
)

// LeechTag is the tag a card gets when it becomes a leech.
const LeechTag = "leech"

// Scheduler applies answers to cards with FSRS-5 under one deck's options.
//
// A Scheduler is not safe for concurrent use: go-fsrs writes its fuzz seed
// into the shared parameters on every answer and preview. Give each
// goroutine its own Scheduler (New is cheap).
type Scheduler struct {
	f    *fsrs.FSRS
	opts decks.Effective
}

// New returns a Scheduler for a deck's effective options: Retention becomes
// FSRS's requested retention, MaxInterval its maximum interval (days), Fuzz
// enables interval fuzz, and short-term (same-day) scheduling is on. A
// retention outside (0, 1) falls back to 0.9 and a maximum interval outside
// [1, 36500] to 36500. Params, when set, replace FSRS's default weights.
func New(o decks.Effective) *Scheduler {
	p := fsrs.DefaultParam()
	if o.Params != nil {
		p.W = fsrs.Weights(*o.Params)
	}
	if o.Retention > 0 && o.Retention < 1 {
		p.RequestRetention = o.Retention
	}
	if o.MaxInterval >= 1 && o.MaxInterval <= 36500 {
		p.MaximumInterval = float64(o.MaxInterval)
	}
	p.EnableFuzz = o.Fuzz
	p.EnableShortTerm = true
	return &Scheduler{f: fsrs.NewFSRS(p), opts: o}
}

// Options returns the options the Scheduler was made with.
func (s *Scheduler) Options() decks.Effective { return s.opts }

// Event reports what else an answer did besides rescheduling the card.
type Event struct {
	// Leech is set when this answer made the card a leech: it was tagged
	// LeechTag and suspended.
	Leech bool
	// Message says in words what happened; empty when nothing did.
	Message string
}

// toFSRS converts a schedule to go-fsrs's card; the states share values.
func toFSRS(s cards.Schedule) fsrs.Card {
	return fsrs.Card{
		Due:           s.Due,
		Stability:     s.Stability,
		Difficulty:    s.Difficulty,
		ElapsedDays:   s.ElapsedDays,
		ScheduledDays: s.ScheduledDays,
		Reps:          s.Reps,
		Lapses:        s.Lapses,
		State:         fsrs.State(s.State),
		LastReview:    s.LastReview,
	}
}

// fromFSRS converts go-fsrs's card back to a schedule.
func fromFSRS(c fsrs.Card) cards.Schedule {
	return cards.Schedule{
		State:         cards.State(c.State),
		Due:           c.Due,
		Stability:     c.Stability,
		Difficulty:    c.Difficulty,
		ElapsedDays:   c.ElapsedDays,
		ScheduledDays: c.ScheduledDays,
		Reps:          c.Reps,
		Lapses:        c.Lapses,
		LastReview:    c.LastReview,
	}
}

// usable returns the go-fsrs card to schedule from. A schedule that FSRS
// cannot work with (unknown state, or a studied card without a memory
// state) restarts as a new card, keeping its counters.
func usable(s cards.Schedule) fsrs.Card {
	c := toFSRS(s)
	valid := s.State == cards.StateNew ||
		(s.State >= cards.StateLearning && s.State <= cards.StateRelearning &&
			s.Stability > 0 && s.Difficulty > 0 &&
			!math.IsInf(s.Stability, 0) && !math.IsNaN(s.Difficulty))
	if !valid {
		c = fsrs.Card{State: fsrs.New, Reps: s.Reps, Lapses: s.Lapses}
	}
	return c
}

func validRating(r cards.Rating) bool { return r >= cards.Again && r <= cards.Easy }

// Answer applies rating r to c at now and returns the review log entry.
//
// c.Schedule becomes the new schedule. The entry records the card, time,
// rating, states before and after, elapsed and scheduled days, the new
// stability and difficulty, took in milliseconds, and the card as it was
// (Prev, PrevSuspended, PrevTags) so Undo restores it exactly.
//
// Answering Again on a review card is a lapse. When the card's lapses reach
// the leech threshold, and again every half threshold (rounded up) after
// that, as in Anki, the card is tagged LeechTag, suspended, and Event.Leech
// is set.
//
// A nil card or a rating outside Again..Easy changes nothing: the entry is
// the zero Review and Event.Message says why. A card whose schedule FSRS
// cannot use (unknown state, missing memory state) is answered as new.
func (s *Scheduler) Answer(c *cards.Card, r cards.Rating, now time.Time, took time.Duration) (cards.Review, Event) {
	switch {
	case c == nil:
		return cards.Review{}, Event{Message: "no card to answer"}
	case !validRating(r):
		return cards.Review{}, Event{Message: fmt.Sprintf("invalid rating %d (want 1-4)", int(r))}
	}
	now = now.Round(0) // drop the monotonic reading so stored times compare equal
	prev := c.Schedule
	in := usable(prev)
	info := s.f.Next(in, now, fsrs.Rating(r))
	next := fromFSRS(info.Card)

	rev := cards.Review{
		CardID:        c.ID,
		Time:          now,
		Rating:        r,
		StateBefore:   prev.State,
		StateAfter:    next.State,
		ElapsedDays:   next.ElapsedDays,
		ScheduledDays: next.ScheduledDays,
		Stability:     next.Stability,
		Difficulty:    next.Difficulty,
		DurationMS:    max(took.Milliseconds(), 0),
		Prev:          prev,
		PrevSuspended: c.Suspended,
		PrevTags:      slices.Clone(c.Tags),
	}
	c.Schedule = next

	var ev Event
	if r == cards.Again && in.State == fsrs.Review && leechThresholdMet(next.Lapses, s.opts.LeechThreshold) {
		if !c.HasTag(LeechTag) {
			c.Tags = append(slices.Clip(c.Tags), LeechTag)
		}
		c.Suspended = true
		ev = Event{
			Leech:   true,
			Message: fmt.Sprintf("leech: forgotten %d times; tagged %q and suspended", next.Lapses, LeechTag),
		}
	}
	return rev, ev
}

// leechThresholdMet reports whether a card with this many lapses is a leech
// under threshold: at the threshold and every half threshold (rounded up)
// after it. A threshold below 1 disables leeches.
func leechThresholdMet(lapses uint64, threshold int) bool {
	if threshold < 1 {
		return false
	}
	t := uint64(threshold)
	half := max((t+1)/2, 1)
	return lapses >= t && (lapses-t)%half == 0
}

// Undo reverts the answer rev recorded on c: its schedule, suspension and
// tags become exactly what they were before. It reports false, changing
// nothing, when c is nil or rev belongs to another card.
func Undo(c *cards.Card, rev cards.Review) bool {
	if c == nil || rev.CardID != c.ID {
		return false
	}
	c.Schedule = rev.Prev
	c.Suspended = rev.PrevSuspended
	c.Tags = slices.Clone(rev.PrevTags)
	return true
}

// Preview returns, for each rating (index 0 = Again ... 3 = Easy), how long
// after now the card would be due if answered so at now. With fuzz on the
// preview matches the answer given at the same instant.
func (s *Scheduler) Preview(c cards.Card, now time.Time) [4]time.Duration {
	now = now.Round(0)
	log := s.f.Repeat(usable(c.Schedule), now)
	var out [4]time.Duration
	for r := cards.Again; r <= cards.Easy; r++ {
		out[r-1] = log[fsrs.Rating(r)].Card.Due.Sub(now)
	}
	return out
}

// Forget puts c back among the new cards, like Anki's Forget with "reset
// repetition and lapse counts" off: the memory state, due date and last
// review are cleared and the state becomes new, while Reps and Lapses are
// kept (they count the card's history, which the caller keeps too). Due is
// set to now; the card's Position, suspension and tags are untouched.
func Forget(c *cards.Card, now time.Time) {
	if c == nil {
		return
	}
	c.Schedule = cards.Schedule{
		State:  cards.StateNew,
		Due:    now.Round(0),
		Reps:   c.Schedule.Reps,
		Lapses: c.Schedule.Lapses,
	}
}

// Retrievability returns the probability that the card is recalled at now
// according to its memory state, from 0 to 1; 0 for a new card or one
// without a memory state.
func (s *Scheduler) Retrievability(c cards.Card, now time.Time) float64 {
	return retrievability(&s.f.Parameters, c.Schedule, now)
}

// retrievability is FSRS's forgetting curve with fractional elapsed days,
// as go-fsrs's GetRetrievability, guarded against a zero stability and a
// clock before the last review.
func retrievability(p *fsrs.Parameters, s cards.Schedule, now time.Time) float64 {
	if s.State == cards.StateNew || !(s.Stability > 0) || s.LastReview.IsZero() {
		return 0
	}
	days := max(now.Sub(s.LastReview).Hours()/24, 0)
	r := math.Pow(1+p.Factor*days/s.Stability, p.Decay)
	if math.IsNaN(r) {
		return 0
	}
	return r
}
