package ankitest

import (
	"fmt"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/export"
)

// GenankiDeck is the deck of the genanki-js comparison
// (export/anki/bench/genanki) and of BenchmarkExport10k: n basic cards
// with some Markdown, in 20 decks, no history.
func GenankiDeck(n int) export.Collection {
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	cs := make([]cards.Card, n)
	for i := range cs {
		q := fmt.Sprintf("What does the *attention* mechanism compute in layer %d?", i)
		id := cards.NewID(cards.KindBasic, q, 0, "")
		cs[i] = cards.Card{ID: id, Note: id, Kind: cards.KindBasic, Deck: fmt.Sprintf("ml::part%02d", i%20),
			Question: q, Answer: fmt.Sprintf("A weighted sum of **value** vectors; see `layer%d`.", i),
			Tags: []string{"ml", "attention"}, Position: uint64(i + 1), Added: now,
			Source: cards.Source{Path: fmt.Sprintf("/notes/ml/%d.md", i%500), Line: 3, EndLine: 4}}
	}
	return export.Collection{Cards: cs, Created: now.AddDate(-1, 0, 0), Now: now, Location: time.UTC}
}
