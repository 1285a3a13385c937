// Package store is the collection: mnemo's BoltDB store of cards, deck
// options, sources, the review log and their indexes. Deck names, the deck
// tree and option inheritance are package store (standard library only).
//
// The bucket tree (schema version 2):
//
//	meta        "schema" -> uint32 BE; "settings" -> JSON Settings;
//	            "position" -> uint64 BE, the next new-card position
//	cards       card ID -> cards.Card in the binary codec (codec.go); its
//	            source path is stored relative to its root, the added folder
//	decks       deck name -> JSON Options (only decks with options set)
//	sources     file path -> JSON Source (size, mtime, hash, root, card IDs)
//	paths       added path -> JSON AddedPath (how it is re-read by sync)
//	reviews     time ns BE ‖ card ID -> JSON cards.Review (the review log)
//	reviewcard  card ID ‖ time ns BE -> nil (the log by card)
//	due         due ns BE ‖ card ID -> deck name: cards that are not new,
//	            not suspended and not orphaned
//	new         position BE ‖ card ID -> deck name: new cards, likewise
//	dropped     card ID -> JSON Drop (cards a user dropped; never re-added)
//	llmcache    section hash -> cached generator reply
//
// Index entries are written in the same transaction as the card they
// point to (Tx.PutCard and Tx.DeleteCard keep them in step).
package store
