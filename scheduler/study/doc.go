// Package study runs today's study session over a collection: it
// keeps the queue over the BoltDB store (package decks/store) and
// the FSRS scheduler and queue (package scheduler).
//
// Open loads today's queue through the store's indexes, never a full scan:
// the due index up to the next rollover (plus the learn-ahead margin), the
// new-card index in position order only as far as the daily limits can
// use, and the review log since the day started (for the limits and sibling
// burying). Every action that changes a card is one write transaction: an
// answer commits the card, its review log entry and its siblings' burials
// together. Answers, suspensions and burials can be undone several steps
// back; undoing an answer deletes its review log entry.
package study
