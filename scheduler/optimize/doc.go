// Package optimize trains the 19 FSRS-5 weights that go-fsrs v3 schedules
// with on a user's review log, following fsrs-rs (the optimizer inside
// Anki) step by step:
//
//   - FromReviews turns the log into items: per card, the reviews since it
//     was last new, delta_t in calendar days of the collection's clock; each
//     review on a later day than the one before is an item (the history up
//     to it, the review as the target). Same-day reviews stay in the
//     histories, where FSRS-5's short-term formula applies, but are never
//     targets.
//   - Train filters outliers among the first long-term reviews, pretrains
//     the initial stabilities w0-w3 per first rating, then minimises the
//     recency-weighted cross-entropy of predicted recall (plus an L2 pull
//     toward the pretrained weights scaled by fsrs-rs's per-weight spread)
//     with Adam: learning rate 0.04 with cosine decay, 5 epochs of
//     length-sorted batches of 512 in shuffled order, every weight clamped
//     to fsrs-rs's bounds after each step, the epoch with the lowest loss
//     kept. Gradients are exact: forward-mode differentiation through each
//     history with hand-derived local partials (checked against finite
//     differences and fsrs-rs's own test values).
//   - Evaluate gives the FSRS benchmark's metrics: log loss and RMSE(bins).
//
// The memory model is fsrs-rs's FSRS-5 (stability clamped to 0.01-36500,
// same-day reviews by calendar day) with go-fsrs's clamped mean-reversion
// target; go-fsrs itself tells same-day reviews by card state and elapsed
// 24-hour periods, so a scheduled card's memory state can differ slightly
// from the trained model's view of it. Metrics weigh every item the same,
// where fsrs-rs's evaluate weighs recent items more.
//
// Simulate generates review logs from known weights, for tests,
// benchmarks and the comparison with fsrs-rs in compare/.
package optimize
