package generate

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/cards/markdown"
)

// TestZZDump writes every generated card of DUMP_DIR's notes to DUMP_OUT (scratch tool).
func TestZZDump(t *testing.T) {
	dir, out := os.Getenv("DUMP_DIR"), os.Getenv("DUMP_OUT")
	if dir == "" || out == "" {
		t.Skip("DUMP_DIR, DUMP_OUT")
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "*.cards.json"))
	var b strings.Builder
	for _, p := range paths {
		raw, _ := os.ReadFile(p)
		var ef evalFile
		json.Unmarshal(raw, &ef)
		note := strings.TrimSuffix(filepath.Base(p), ".cards.json") + ".md"
		src, _ := os.ReadFile(filepath.Join(dir, note))
		got := Rules(markdown.ParseDocument(note, src))
		var autoCards []cards.Card
		for _, c := range got {
			if c.Confidence >= AutoThreshold {
				autoCards = append(autoCards, c)
			}
		}
		hit, _ := evalMatch(autoCards, ef.Cards)
		for i, c := range got {
			mode := "suggested"
			if c.Confidence >= AutoThreshold {
				mode = "auto"
			}
			_ = i
			fmt.Fprintf(&b, "%s\t%d\t%s\t%s\t%.2f\t%q\t%q\n", note, c.Source.Line, mode, c.Origin, c.Confidence, c.Question, c.Answer)
		}
		_ = hit
	}
	os.WriteFile(out, []byte(b.String()), 0o644)
}
