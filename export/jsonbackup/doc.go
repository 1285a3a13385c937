// Package jsonbackup writes and reads mnemo's own backup format: one
// versioned JSON document ({"format":"mnemo-backup","version":1,...}) with
// every card, the review log and the deck options. The output is
// deterministic (cards sorted by ID, reviews by time, keys in a fixed
// order), so writing what was read gives back the same bytes.
//
// Both directions stream: Encoder writes one card or review at a time and
// Decode hands them over one at a time, so a backup of any size needs the
// memory of one card. Write and Read are the in-memory forms.
package jsonbackup
