// Package jsonbackup writes and reads mnemo's own backup format: one
// versioned JSON document ({"format":"mnemo-backup","version":1,...}) with
// every card, the review log and the deck options. The output is
// deterministic (cards sorted by ID, reviews by time, keys in a fixed
// order), so writing what was read gives back the same bytes.
package jsonbackup
