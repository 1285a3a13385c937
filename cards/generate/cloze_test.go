package generate

import (
	"strings"
	"testing"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/cards/markdown"
)

// TestClozeDeletionOutsideSentence: a deletion the tagger joins across a
// closing parenthesis is not text of the sentence; it gives no cloze
// instead of a crash (a blind test note made `mnemo add` panic here).
func TestClozeDeletionOutsideSentence(t *testing.T) {
	notes := []string{
		"# Reading\n\nLoss aversion (Smith & Jones, 1982) explains choices relative to a baseline rather than totals.\n",
		"Anchoring (Ray, 2004) shifts estimates toward an arbitrary first number given.\n",
	}
	for _, note := range notes {
		for _, c := range Rules(markdown.ParseDocument("n.md", []byte(note))) {
			if c.Kind == cards.KindCloze && !strings.Contains(note, c.Answer) {
				t.Errorf("cloze hides %q, which the note does not say", c.Answer)
			}
		}
	}
}
