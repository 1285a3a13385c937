// Package store is the collection: mnemo's BoltDB store of cards, deck
// options, sources, the review log and their indexes. Deck names, the deck
// tree and option inheritance are package decks (standard library only).
//
// The bucket tree (schema version 4):
//
//	meta        "schema" -> uint32 BE; "settings" -> JSON Settings;
//	            "position" -> uint64 BE, the next new-card position
//	cards       card ID -> card record (binary, codec.go); its source path
//	            is stored relative to its root, the added folder
//	decks       deck name -> JSON decks.Options (only decks with options set)
//	sources     file path -> JSON Source (size, mtime, hash, root, card IDs)
//	paths       added path -> JSON AddedPath (how it is re-read by sync)
//	reviews     time ns BE ‖ card ID -> review record (binary, codec.go)
//	reviewcard  card ID ‖ time ns BE -> nil (the log by card)
//	due         due ns BE ‖ card ID -> index entry (index.go): cards that
//	            are not new, not suspended and not orphaned
//	new         position BE ‖ card ID -> index entry: new cards, likewise
//	dropped     card ID -> JSON Drop (cards a user dropped; never re-added)
//	llmcache    section hash -> cached generator reply
//	suggestions source path ‖ NUL ‖ card ID -> JSON cards.Card: generated
//	            cards held back for the user to accept (suggestions.go)
//
// Index entries are written in the same transaction as the card they
// point to (Tx.PutCard and Tx.DeleteCard keep them in step) and carry what
// the queue builder plans with (deck, note, state, stability, last review,
// burial), so planning today's queue decodes no card.
//
// # Record formats and their versions
//
// Card, review and index records start with a format version byte. The
// policy: a change to a record's layout bumps its version byte AND the
// schema version, with a migration in migrate.go that rewrites every
// record of that kind, and a test that opens a collection written in the
// old layout (see TestMigrationIndexCandidates). Decoders refuse versions
// they do not know rather than guess. JSON values (settings, options,
// sources, paths, drops) only ever gain optional fields, which older
// records lack and decode as zero.
//
// # Damage
//
// Open never lets bbolt map a file it would crash on: boltfile.go checks
// the meta pages and that the file is as long as they say, refuses empty
// and foreign files, and View and Update turn a bbolt panic or memory
// fault into a *CorruptError (ErrCorrupt). A card or review record that
// does not decode is skipped by the readers that list many (ForEachCard,
// ReviewsOf, ReviewsSince, and the study session through SkipCorrupt) with
// one OpenOptions.Warn each. Verify (mnemo check) walks every page with
// bounds-checked reads; Salvage (mnemo check --repair) copies every
// readable record, also from pages cut off from the tree, into a new file.
//
// Schema history: 1 created the buckets (cards and reviews binary, version
// 1); 2 gave index entries the planning fields (index entry version 1); 3
// created the suggestions bucket (card version 2 appends the generator's
// confidence); 4 stored card paths relative to their added folder (card
// version 3, every card rewritten; see TestMigrationToRootRelativePaths)
// and counted each file's generated cards.
package store
