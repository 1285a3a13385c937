// Package scheduler decides when cards come back and what to study today.
//
// It wraps go-fsrs v3 (FSRS-5): Scheduler applies an answer to a card
// (Answer), previews the four intervals (Preview), reverts an answer
// exactly from its review log entry (Undo), resets a card (Forget) and
// estimates recall (Retrievability). Cards that lapse too often become
// leeches: tagged and suspended.
//
// Clock maps instants to study days in the user's time zone with a rollover
// hour (Anki's 04:00), and Build makes today's Queue from the cards the
// store found due: learning cards first, reviews most at risk first, new
// cards spread among them, under per-deck daily limits with Anki v3's
// semantics, with siblings buried for the day. MakePlan is the one home of
// those rules: it admits Candidates (the facts the store's indexes hold,
// no card text), NewQueue turns its Plan into a Queue, and Counter counts
// many plans for `mnemo due`.
//
// The package is pure: no storage, no I/O, and the clock is always a
// parameter.
package scheduler
