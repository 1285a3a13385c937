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
	Rules(docs[0])
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		Rules(docs[i%100])
		i++
	}
}
