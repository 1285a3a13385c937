package generate

import (
	"os"
	"testing"

	"github.com/mnemo-app/mnemo/cards/markdown"
)

func TestExplainFile(t *testing.T) {
	p := os.Getenv("EXPLAIN")
	if p == "" {
		t.Skip()
	}
	src, _ := os.ReadFile(p)
	kept, rej := Explain(markdown.ParseDocument(p, src))
	for _, c := range kept {
		t.Logf("KEEP %d [%s %.2f] %q -> %q", c.Source.Line, c.Origin, c.Confidence, c.Question, c.Answer)
	}
	for _, r := range rej {
		t.Logf("REJ %d [%s] %q -> %q: %s", r.Card.Source.Line, r.Card.Origin, r.Card.Question, r.Card.Answer, r.Reason)
	}
}
