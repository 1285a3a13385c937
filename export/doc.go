// Package export holds what mnemo's exporters and importers share: the
// Collection handed over by the caller (cards, review log, deck options and
// the clock) and the grouping of sibling cards into notes.
//
// The formats live in sub-packages: export/anki (.apkg packages for Anki,
// writer, validator and importer), export/csvexport (Anki's text-import
// CSV) and export/jsonbackup (mnemo's own versioned JSON backup). None of
// them opens mnemo's database: they take and return plain data.
package export
