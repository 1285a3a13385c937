// Package csvexport writes cards in Anki's text-import format: a CSV file
// (RFC 4180 quoting, comma separated) whose header lines tell Anki the
// separator, that fields are HTML, and which columns hold the note type,
// deck, tags and GUID. Notes use Anki's stock note types ("Basic", "Basic
// (and reversed card)", "Cloze"), so the file imports into any collection.
package csvexport
