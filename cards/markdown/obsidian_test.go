package markdown

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/mnemo-app/mnemo/cards"
)

// conformance is one row of the Obsidian Spaced Repetition conformance
// table: a note and the cards the plugin makes from it at its default
// settings ("::", ":::", "?", "??", "==highlight==" clozes), written as
// "kind | front | back", or the warnings mnemo gives instead of a card.
// differs names the README difference a row shows where mnemo is
// deliberately stricter than the plugin; it is empty when mnemo and the
// plugin agree card for card.
type conformance struct {
	name    string
	note    string
	cards   []string
	warn    []string // "line: message prefix"
	differs string
}

// The rows follow the plugin's own parser tests and grammar (one card per
// block of non-blank lines, tried in the order inline, "??", "?", cloze)
// with notes of our own.
var conformanceRows = []conformance{
	// Inline cards.
	{name: "inline", note: "Capital of Peru::Lima", cards: []string{"basic | Capital of Peru | Lima"}},
	{name: "inline spaces trimmed", note: "  Capital of Peru :: Lima  ", cards: []string{"basic | Capital of Peru | Lima"}},
	{name: "inline reversed", note: "gato:::cat", cards: []string{"basic | gato | cat", "reversed | cat | gato"}},
	{name: "triple colon wins over an earlier double", note: "a::b:::c", cards: []string{"basic | a::b | c", "reversed | c | a::b"}},
	{name: "first double colon splits", note: "std::map::find", cards: []string{"basic | std | map::find"}},
	{name: "inline after text", note: "Some words first\nRiver through Cairo::Nile", cards: []string{"basic | River through Cairo | Nile"}},
	{name: "inline one per line", note: "Q1::A1\nQ2:: A2", cards: []string{"basic | Q1 | A1", "basic | Q2 | A2"}},
	{name: "inline in a list item", note: "- Largest planet::Jupiter", cards: []string{"basic | Largest planet | Jupiter"}},
	{name: "inline in a nested list", note: "- Planets\n  - Smallest planet::Mercury", cards: []string{"basic | Smallest planet | Mercury"}},
	{name: "inline in a callout", note: "> [!tip] Spanish\n> Por::reason or cause", cards: []string{"basic | Por | reason or cause"}},
	{name: "inline on a heading line", note: "## Pods::smallest deployable unit", cards: []string{"basic | Pods | smallest deployable unit"}},
	{name: "inline with code in it", note: "Go's `len` of a nil slice::`0`", cards: []string{"basic | Go's `len` of a nil slice | `0`"}},
	{name: "inline with a leading flashcards tag", note: "#flashcards/science Photosynthesis makes::glucose", cards: []string{"basic | Photosynthesis makes | glucose"}},
	{name: "inline with a leading plain tag", note: "#vocab perro::dog", cards: []string{"basic | perro | dog"}},
	{name: "inline in a code span", note: "`Inline::Code`", differs: "code"},
	{name: "inline in a fenced block", note: "```\nKey::Value\n```"},
	{name: "inline in an HTML comment", note: "<!--\nhidden::card\n-->\n\nshown::card", cards: []string{"basic | shown | card"}},
	{name: "line above a definition", note: "Apple::fruit\n: a red one", cards: []string{"basic | Apple | fruit"}},
	{name: "byte-order mark", note: "\ufeffCapital of Peru::Lima", cards: []string{"basic | Capital of Peru | Lima"}},
	{name: "block identifier at the end", note: "Capital of Chile::Santiago ^capital-cl", cards: []string{"basic | Capital of Chile | Santiago"}},
	{name: "schedule then block identifier", note: "A::B <!--SR:!2023-09-03,1,230--> ^d7cee0", cards: []string{"basic | A | B"}},
	{name: "tag at the end stays in the answer", note: "What year?::2BC #flashcards", cards: []string{"basic | What year? | 2BC #flashcards"}},
	{name: "inline empty question", note: "::answer", warn: []string{`1: "::" with an empty question`}},
	{name: "inline empty answer", note: "question::", warn: []string{`1: "::" with an empty answer`}, differs: "empty side"},
	{name: "four colons", note: "a::::b", warn: []string{"1: a run of four or more colons"}, differs: "colons"},

	// Multi-line cards.
	{name: "multi-line", note: "Largest ocean\n?\nPacific", cards: []string{"basic | Largest ocean | Pacific"}},
	{name: "separator with spaces around", note: "Largest ocean\n  ?  \nPacific", cards: []string{"basic | Largest ocean | Pacific"}},
	{name: "multi-line question and answer lines", note: "Two lines\nof question\n?\nTwo lines\nof answer\n\nafter", cards: []string{"basic | Two lines\nof question | Two lines\nof answer"}},
	{name: "question starts after a blank line", note: "# Title\n\nLine0\nQ1\n?\nA1\nMore of A1\n\nQ2\n?\nA2", cards: []string{"basic | Line0\nQ1 | A1\nMore of A1", "basic | Q2 | A2"}},
	{name: "multi-line reversed", note: "perro\n??\ndog", cards: []string{"basic | perro | dog", "reversed | dog | perro"}},
	{name: "reversed question holds a ? line", note: "Q\n?\nmid\n??\nA", cards: []string{"basic | Q\n?\nmid | A", "reversed | A | Q\n?\nmid"}},
	{name: "heading as the question", note: "### Capital of France\n?\nParis", cards: []string{"basic | Capital of France | Paris"}},
	{name: "paragraph and list items as the question", note: "Which are the two kinds?\n- first\n- second\n?\nProkaryotic and eukaryotic", cards: []string{"basic | Which are the two kinds?\n- first\n- second | Prokaryotic and eukaryotic"}},
	{name: "list item question, list answer", note: "- **Two kinds?**\n?\n- prokaryotic\n- eukaryotic", cards: []string{"basic | **Two kinds?** | - prokaryotic\n- eukaryotic"}},
	{name: "list item question, indented separator", note: "- Q\n  ?\n  A\n- more::x\n\n- c::d", cards: []string{"basic | Q | A\n- more::x", "basic | c | d"}},
	{name: "answer with a fenced block holding a blank line", note: "Print twice?\n?\n```go\nfmt.Println(1)\n\nfmt.Println(2)\n```\nafter\n\nnext::card", cards: []string{"basic | Print twice? | ```go\nfmt.Println(1)\n\nfmt.Println(2)\n```\nafter", "basic | next | card"}},
	{name: "answer with a ~~~ fence", note: "Tilde?\n?\n~~~\na\n\nb\n~~~", cards: []string{"basic | Tilde? | ~~~\na\n\nb\n~~~"}},
	{name: "answer holds a second ? line", note: "Q\n?\nA\n?\nB", cards: []string{"basic | Q | A\n?\nB"}},
	{name: "inline line ends, next line starts a card", note: "A::B\nC\n?\nD", cards: []string{"basic | A | B", "basic | C | D"}},
	{name: "inline markup inside a question is text", note: "Intro\nx::y\nQ\n?\nA", cards: []string{"basic | Intro\nx::y\nQ | A"}},
	{name: "dollar sign in a question", note: "Cost in US$?\n?\nAbout 2 US$", cards: []string{"basic | Cost in US$? | About 2 US$"}},
	{name: "dollar math in question and answer", note: "How do A$_{T}$, B and C relate?\n?\nA$_{T} \\leq$ B", cards: []string{"basic | How do A$_{T}$, B and C relate? | A$_{T} \\leq$ B"}},
	{name: "Windows line endings", note: "Q\r\n?\r\nA\r\n\r\nx::y\r\n", cards: []string{"basic | Q | A", "basic | x | y"}},
	{name: "leading flashcards tag line", note: "#flashcards/bio\nCell\n?\nUnit of life", cards: []string{"basic | Cell | Unit of life"}},
	{name: "no question above", note: "?\nanswer", warn: []string{`1: "?" has no question above it`}},
	{name: "empty answer", note: "Question\n?\n\nlater", warn: []string{"2: card has an empty answer"}},
	{name: "separator in a callout", note: "> [!note]\n> Q\n> ?\n> A", warn: []string{`3: a "?" inside a quote or callout`}},
	{name: "separator in code", note: "```\nQ\n?\nA\n```"},
	{name: "thematic break above a question", note: "text\n\n***\nQ\n?\nA", cards: []string{"basic | Q | A"}, differs: "thematic break"},
	{name: "answer opening with a heading", note: "Q\n?\n## Mitosis\nfour phases", cards: []string{"basic | Q | Mitosis\nfour phases"}},
	{name: "comment lines inside a card are hidden", note: "Q\n<!-- why -->\n?\nA1\n<!--\nnote\n-->\nA2", cards: []string{"basic | Q | A1\nA2"}},
	{name: "heading right after an answer", note: "Q\n?\nA\n## Next", cards: []string{"basic | Q | A"}, differs: "heading after an answer"},

	{name: "separators with a space before", note: "Question::Answer\n\nMultiline question\n ?\nMultiline answer\n\nMultiline question2\n ??\nMultiline answer2", cards: []string{
		"basic | Question | Answer", "basic | Multiline question | Multiline answer", "basic | Multiline question2 | Multiline answer2", "reversed | Multiline answer2 | Multiline question2"}},
	{name: "separator right below front matter", note: "---\ntags:\n  - flashcards\n---\n?\nA1\n\nQ2\n?\nA2", cards: []string{"basic | Q2 | A2"}, warn: []string{`5: "?" has no question above it`}},
	{name: "question right below front matter", note: "---\ncreated: 2024-03-11\n---\n**What is a Heap?**\n?\nA tree-based structure.", cards: []string{"basic | **What is a Heap?** | A tree-based structure."}},
	{name: "multi-line answer ending in a block identifier", note: "Q\n?\nA line\nlast line ^b-1", cards: []string{"basic | Q | A line\nlast line"}},

	// Clozes.
	{name: "cloze under a tag line and heading", note: "#flashcards/English\n\n## taunting\n\nStop trying ==to milk the crowd== for sympathy. // доить толпу", cards: []string{
		"cloze | Stop trying [...] for sympathy. // доить толпу | to milk the crowd"}},
	{name: "cloze block identifier", note: "The ==x== y ^blk", cards: []string{"cloze | The [...] y | x"}},
	{name: "highlight", note: "The PM was ==Julia Gillard==.", cards: []string{"cloze | The PM was [...]. | Julia Gillard"}},
	{name: "two highlights", note: "==this== is a ==deletion==", cards: []string{"cloze | [...] is a deletion | this", "cloze | this is a [...] | deletion"}},
	{name: "highlight with a space before the closing marks", note: "Its ==name == is here", cards: []string{"cloze | Its [...] is here | name"}},
	{name: "highlight on the second line of a block", note: "a deletion on\nsuch ==wow==\n\nHmm", cards: []string{"cloze | a deletion on\nsuch [...] | wow"}},
	{name: "lead line and list items", note: "Properties:\n- Reflexive: ==ones on the diagonal==\n- Symmetric: ==equals its transpose==", cards: []string{
		"cloze | Properties:\n- Reflexive: [...]\n- Symmetric: equals its transpose | ones on the diagonal",
		"cloze | Properties:\n- Reflexive: ones on the diagonal\n- Symmetric: [...] | equals its transpose"}},
	{name: "cloze block takes the lines after it", note: "The ==x== here\nfoo::bar", cards: []string{"cloze | The [...] here\nfoo::bar | x"}},
	{name: "inline line then cloze line", note: "foo::bar\nThe ==x== here", cards: []string{"basic | foo | bar", "cloze | The [...] here | x"}},
	{name: "hint after ;;", note: "Brazilians speak ==Portuguese;;language==", cards: []string{"cloze | Brazilians speak [language] | Portuguese"}},
	{name: "numbered highlights", note: "==1;;Lima== is in ==2;;Peru==, ==1;;Quito== in Ecuador", cards: []string{
		"cloze | [...] is in Peru, [...] in Ecuador | Lima, Quito", "cloze | Lima is in [...], Quito in Ecuador | Peru"}},
	{name: "highlight and Anki cloze in one paragraph", note: "The ==capital== of {{c1::Peru}} is Lima", cards: []string{
		"cloze | The capital of [...] is Lima | Peru", "cloze | The [...] of Peru is Lima | capital"}},
	{name: "highlight with code inside", note: "this has some ==`inline`== code", cards: []string{"cloze | this has some [...] code | `inline`"}},
	{name: "highlight in a code block", note: "# Title\n\n```markdown\nsome ==highlighted text==!\n```\n\nmore!"},
	{name: "unclosed highlight", note: "srdf =="},
	{name: "highlight across lines", note: "lorem ipsum ==p\ndolor won==", warn: []string{`1: unterminated highlight "=="`}},
	{name: "four equal signs", note: "x ====text== y", warn: []string{`1: highlight "====text==" touches a third "="`}, differs: "equal signs"},
	{name: "three equal signs", note: "with ===secret=== text", warn: []string{`1: highlight "===secret==" touches a third "="`}, differs: "equal signs"},
	{name: "comparison, not a highlight", note: "if a == b and c == d", warn: []string{`1: "== b and c ==" has spaces inside both`}, differs: "spaced"},

	// Schedules, duplicates.
	{name: "schedule on the next line", note: "Q::A\n<!--SR:!2021-08-11,4,270-->", cards: []string{"basic | Q | A"}},
	{name: "legacy schedule", note: "Q::A <!--SR:2021-08-11,4,270-->", cards: []string{"basic | Q | A"}},
	{name: "schedule after a multi-line answer", note: "Q\n?\nA\n<!--SR:!2021-08-11,4,270-->\nnext::x", cards: []string{"basic | Q | A", "basic | next | x"}},
	{name: "different punctuation, two cards", note: "What does \"=\" mean?::equals\nWhat does \"|\" mean?::or", cards: []string{
		"basic | What does \"=\" mean? | equals", "basic | What does \"|\" mean? | or"}},
	{name: "different math, two cards", note: "$A \\vdash B$::provable\n$A \\vDash B$::true in every model", cards: []string{
		"basic | $A \\vdash B$ | provable", "basic | $A \\vDash B$ | true in every model"}},
	{name: "same question, different answers", note: "Capital::Lima\n\nCapital::Quito", cards: []string{"basic | Capital | Lima", "basic | Capital | Quito"}},
	{name: "exact repeat", note: "Capital::Lima\n\nCapital::Lima", cards: []string{"basic | Capital | Lima"}, warn: []string{"3: duplicate card"}, differs: "repeat"},
}

// TestSaltedIDsFollowTheCard checks that cards whose questions normalise
// alike keep their IDs when they swap places, so neither takes the
// other's history.
func TestSaltedIDsFollowTheCard(t *testing.T) {
	a := read(t, "Capital::Lima\n\ncapital?::Quito\n\nplain::x", ReadOptions{})
	b := read(t, "capital?::Quito\n\nCapital::Lima\n\nplain::x", ReadOptions{})
	ids := map[string]cards.ID{}
	for _, c := range a.Cards {
		ids[c.Answer] = c.ID
	}
	for _, c := range b.Cards {
		if ids[c.Answer] != c.ID {
			t.Errorf("card %s: ID %s after the swap, %s before", show(c), c.ID, ids[c.Answer])
		}
	}
	if ids["Lima"] == ids["Quito"] || ids["x"] != cards.NewID(cards.KindBasic, "plain", 0, "") {
		t.Errorf("IDs %v", ids)
	}
}

func TestObsidianConformance(t *testing.T) {
	for _, row := range conformanceRows {
		t.Run(row.name, func(t *testing.T) {
			res := read(t, row.note, ReadOptions{Path: "/v/n.md", Root: "/v"})
			got := []string{}
			for _, c := range res.Cards {
				got = append(got, fmt.Sprintf("%s | %s | %s", c.Kind, c.Question, c.Answer))
			}
			want := row.cards
			if want == nil {
				want = []string{}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("cards\n got %q\nwant %q", got, want)
			}
			ws := showWarnings(res.Warnings)
			if len(ws) != len(row.warn) {
				t.Fatalf("warnings\n got %q\nwant %q", ws, row.warn)
			}
			for i := range ws {
				if !strings.HasPrefix(ws[i], row.warn[i]) {
					t.Errorf("warning %d: got %q, want prefix %q", i, ws[i], row.warn[i])
				}
			}
		})
	}
}

// TestObsidianDecks checks the deck of each card the way the plugin picks
// a card's topic from #flashcards tags.
func TestObsidianDecks(t *testing.T) {
	tests := []struct {
		name, note string
		want       []string
	}{
		{"tag opening the card", "#flashcards/geo Capital of Peru::Lima\nplain::x", []string{"geo", "n"}},
		{"nearest tag above", "#flashcards/es\n\nperro::dog\n\n#flashcards/fr\n\nchien::dog", []string{"es", "fr"}},
		{"first tag for cards above every tag", "early::card\n\n#flashcards/late", []string{"late"}},
		{"front matter tag below a text tag", "---\ntags: [flashcards/fm]\n---\nfirst::x\n\n#flashcards/text\n\nsecond::y", []string{"fm", "text"}},
		{"bare tag means the note's deck", "#flashcards/a\n\none::x\n\n#flashcards\n\ntwo::y", []string{"a", "n"}},
		{"front matter deck wins", "---\ndeck: Fixed\n---\n#flashcards/geo Capital::Lima", []string{"Fixed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := read(t, tt.note, ReadOptions{Path: "/v/n.md", Root: "/v"})
			got := []string{}
			for _, c := range res.Cards {
				if c.Kind != cards.KindReversed {
					got = append(got, c.Deck)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("decks %q, want %q (cards %q)", got, tt.want, showAll(res.Cards))
			}
		})
	}
}
