// Package anki writes, checks and reads Anki packages (.apkg).
//
// Export writes a legacy package: a zip holding collection.anki2 (a
// schema-11 SQLite database built with modernc.org/sqlite in a temporary
// file, journal_mode=DELETE, closed cleanly), the JSON media map and the
// images the notes use. Export streams: each note is rendered on a
// goroutine of its own and inserted as soon as it is ready, the card and
// review columns are computed as their rows are written, and the finished
// file is zipped through a fixed buffer, so beyond its input it holds
// small per-card and per-review records only. mnemo's note types have
// fixed ids and their own names ("Basic (mnemo)", "Basic and reversed
// (mnemo)", "Cloze (mnemo)"); note GUIDs are genanki's guid_for("mnemo",
// note ID), so exporting again updates notes instead of duplicating them.
// A ":::" card's two mnemo cards become one note of the reversed type; the
// clozes of one text become one cloze note. Fields are HTML rendered from
// Markdown with goldmark (raw HTML escaped, $..$ and $$..$$ turned into
// MathJax). With Options.Scheduling each card keeps its FSRS state (type,
// queue, due, interval, cards.data) and its reviews become revlog rows;
// people must tick "Import any learning progress" in Anki's import dialog
// to keep them.
//
// Validate checks a package against the rules Anki and other importers
// enforce. Import reads a package back into an export.Collection,
// replaying the review log through go-fsrs; cards mnemo exported keep
// their IDs, which the Source field carries.
//
// The format is described in docs/anki-apkg.md.
package anki
