// Package export holds what mnemo's exporters and importers share: the
// Collection handed over by the caller (cards, review log, deck options and
// the clock), the grouping of sibling cards into notes, the checks every
// imported value passes (CheckCard, CheckReview), the media a card refers
// to, Gather and HasCards: how an export reads the collection, and the
// Merger and Importer: how an import meets the collection (cards by ID,
// reviews by card and time, schedules replayed from the merged log, the
// file's clock merged into the collection's settings).
//
// The formats live in sub-packages: export/anki (.apkg packages for Anki,
// writer, validator and importer), export/csvexport (Anki's text-import
// CSV) and export/jsonbackup (mnemo's own versioned JSON backup). None of
// them opens mnemo's database: they take and return plain data, read
// through the small Source interface and write through Target and
// ImportTarget, which the store's transaction implements, so no exporter
// links BoltDB.
package export
