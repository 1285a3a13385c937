package markdown

import "github.com/mnemo-app/mnemo/cards"

// GenerateMode picks which cards come from plain prose (docs §3).
type GenerateMode string

// The generation modes.
const (
	GenerateAuto  GenerateMode = "auto"  // generate only for files without explicit cards
	GenerateRules GenerateMode = "rules" // rule-based generation everywhere, plus explicit cards
	GenerateLLM   GenerateMode = "llm"   // rules plus the language-model generator
	GenerateOff   GenerateMode = "off"   // explicit cards only
)

// Generator makes cards from a parsed note. It fills Kind, Question,
// Answer, Origin, Source and Context; Read fills in ID, Note, Deck and Tags
// (adding the tag "generated").
type Generator func(doc *Document) []cards.Card

// Warning is a problem in a note that cost a card, not the whole file.
type Warning struct {
	Line    int    `json:"line"`
	Message string `json:"message"`
}

// ReadOptions says how to read one note.
type ReadOptions struct {
	// Path is the note's path as stored in the collection.
	Path string
	// Root is the folder that was added; the deck falls back to Path
	// relative to Root, folders and file name joined by "::".
	Root string
	// Deck is the --deck flag; it loses to front matter and #flashcards tags.
	Deck string
	// Mode and Generators control cards generated from prose. Generators
	// run in order; with GenerateAuto only when the note has no explicit cards.
	Mode       GenerateMode
	Generators []Generator
}

// Result is what Read found in one note.
type Result struct {
	Deck     string
	Tags     []string
	Cards    []cards.Card
	Warnings []Warning
}
