package generate

import (
	"testing"

	"github.com/mnemo-app/mnemo/cards/generate/gentest"
	"github.com/mnemo-app/mnemo/cards/markdown"
)

// BenchmarkVaultNote is the rules' share of decks/ingest's BenchmarkAddVault,
// per note.
func BenchmarkVaultNote(b *testing.B) {
	docs := make([]*markdown.Document, 100)
	for i := range docs {
		docs[i] = markdown.ParseDocument("n.md", []byte(gentest.VaultNote(i)))
	}
	benchRules(b, docs)
}

// benchRules runs Rules on docs in turn.
func benchRules(b *testing.B, docs []*markdown.Document) {
	Rules(docs[0])
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		Rules(docs[i%len(docs)])
		i++
	}
}

// BenchmarkVaultNoteExplicit is BenchmarkVaultNote with each note's
// explicit cards in doc.Explicit, as markdown.Read passes them to the
// generators in `mnemo add`: Dedupe then compares every candidate with
// them.
func BenchmarkVaultNoteExplicit(b *testing.B) {
	docs := make([]*markdown.Document, 100)
	for i := range docs {
		src := []byte(gentest.VaultNote(i))
		res, err := markdown.Read(src, markdown.ReadOptions{Path: "n.md", Mode: markdown.GenerateOff})
		if err != nil {
			b.Fatal(err)
		}
		docs[i] = markdown.ParseDocument("n.md", src)
		docs[i].Explicit = res.Cards
	}
	benchRules(b, docs)
}
