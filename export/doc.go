// Package export holds what mnemo's exporters and importers share: the
// Collection handed over by the caller (cards, review log, deck options and
// the clock), the grouping of sibling cards into notes, the checks every
// imported value passes (CheckCard, CheckReview), the media a card refers
// to, and the Merger: how an import meets the collection (cards by ID,
// reviews by card and time, schedules replayed from the merged log).
//
// The formats live in sub-packages: export/anki (.apkg packages for Anki,
// writer, validator and importer), export/csvexport (Anki's text-import
// CSV) and export/jsonbackup (mnemo's own versioned JSON backup). None of
// them opens mnemo's database: they take and return plain data, and the
// Merger writes through the small Target interface the store implements.
package export
