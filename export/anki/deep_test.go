package anki

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/export"
	"github.com/mnemo-app/mnemo/export/ankitext"
)

// deepFields are fields nested far past markdown.MaxNesting: the Markdown
// parser takes about a minute on each, so they must not reach it.
var deepFields = map[string]string{
	"list markers": strings.Repeat("- ", 100_000) + "x <b>",
	"quotes":       strings.Repeat(">", 100_000) + " x <b>",
	"ordered":      "intro\n\n" + strings.Repeat("1. ", 100_000) + "x",
}

// TestExportDeeplyNestedCard: a card nested deeper than the note reader
// allows is exported as escaped plain text, with a warning naming it; its
// neighbours are rendered as usual.
func TestExportDeeplyNestedCard(t *testing.T) {
	at := testNow.Add(-time.Hour)
	cs := []cards.Card{{ID: "plain", Note: "n0", Kind: cards.KindBasic, Deck: "d", Question: "**Q**?", Answer: "a", Added: at}}
	for name, f := range deepFields {
		id := cards.ID("deep-" + strings.ReplaceAll(name, " ", "-"))
		cs = append(cs, cards.Card{ID: id, Note: "n" + id, Kind: cards.KindBasic, Deck: "d", Question: "q " + name, Answer: f, Added: at})
	}
	path, warnings := exportFile(t, export.Collection{Cards: cs, Now: testNow, Created: testCreated}, Options{})
	db := openCollection(t, path)
	for _, c := range cs[1:] {
		flds := queryString(t, db, "SELECT flds FROM notes WHERE sfld = ?", c.Question)
		back := strings.Split(flds, "\x1f")[1]
		if back != ankitext.PlainHTML(c.Answer) {
			t.Errorf("%s: back field %.60q..., want the escaped text", c.ID, back)
		}
		if !hasWarning(warnings, "card "+string(c.ID)+": ", "exported as plain text") {
			t.Errorf("%s: no warning naming it in %q", c.ID, warnings)
		}
	}
	if got := queryString(t, db, "SELECT flds FROM notes WHERE sfld = 'Q?'"); !strings.HasPrefix(got, "<strong>Q</strong>?") {
		t.Errorf("the plain card's front = %q, want rendered Markdown", got)
	}
}

func hasWarning(ws []string, parts ...string) bool {
	for _, w := range ws {
		ok := true
		for _, p := range parts {
			ok = ok && strings.Contains(w, p)
		}
		if ok {
			return true
		}
	}
	return false
}

// BenchmarkMarkdownToHTMLDeep is the cost of a field 100,000 levels deep:
// one linear scan, no parse.
func BenchmarkMarkdownToHTMLDeep(b *testing.B) {
	for name, f := range deepFields {
		b.Run(strings.ReplaceAll(name, " ", "_"), func(b *testing.B) {
			b.SetBytes(int64(len(f)))
			for b.Loop() {
				if _, err := ankitext.MarkdownToHTML(f, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestExportDeepWarningsAreBounded: past maxDeepWarnings fields, one
// summary instead of a line each.
func TestExportDeepWarningsAreBounded(t *testing.T) {
	at := testNow.Add(-time.Hour)
	var cs []cards.Card
	for i := range maxDeepWarnings + 3 {
		id := cards.ID(fmt.Sprintf("c%02d", i))
		cs = append(cs, cards.Card{ID: id, Note: "n" + id, Kind: cards.KindBasic, Deck: "d", Question: fmt.Sprintf("q%d", i),
			Answer: strings.Repeat("> ", 65) + "a", Added: at})
	}
	_, warnings := exportFile(t, export.Collection{Cards: cs, Now: testNow, Created: testCreated}, Options{})
	named := 0
	for _, w := range warnings {
		if strings.HasPrefix(w, "card c") && strings.HasSuffix(w, "exported as plain text") {
			named++
		}
	}
	if named != maxDeepWarnings || !hasWarning(warnings, "3 more fields nested too deep") {
		t.Errorf("%d cards named, warnings %q; want %d and a summary of 3 more", named, warnings, maxDeepWarnings)
	}
}
