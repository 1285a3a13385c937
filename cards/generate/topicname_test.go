package generate

import (
	"testing"
	"unicode/utf8"

	"github.com/mnemo-app/mnemo/cards/markdown"
)

// TestNamedTopic: a short term and an arrow's left side name the topic
// they are read under; a term that holds its topic, a long term, a long
// topic and a list of terms ("Glossary") do not.
func TestNamedTopic(t *testing.T) {
	tests := []struct {
		name, md string
		want     []string // questions, in order
	}{
		{"short term under a subject heading", "# Sailing\n\n## Points of sail\n\n- tack: a turn that brings the bow through the wind\n",
			[]string{"What is a tack (Points of sail)?"}},
		{"a glossary heading gives way to the subject above", "# Beekeeping\n\n## Glossary\n\n- brood: the eggs, larvae and pupae of a colony\n",
			[]string{"What is a brood (Beekeeping)?"}},
		{"a term that holds its topic", "# Volcanoes\n\n- shield volcano: a broad, gently sloping volcano built by fluid lava flows\n",
			[]string{"What is a shield volcano?"}},
		{"a word shared with the topic", "# Glaciers and ice sheets\n\n- glacier: a persistent body of dense ice that moves under its own weight\n",
			[]string{"What is a glacier?"}},
		{"an arrow names its heading", "# Baking\n\n## Oven temperature\n\n- too hot -> crust burns before the crumb sets\n",
			[]string{"Oven temperature: too hot -> ?"}},
		{"German keeps the heading's capital", "# Seefahrt\n\n- Wende: ein Richtungswechsel, bei dem der Bug durch den Wind geht.\n",
			[]string{"Was bedeutet „Wende“ (Seefahrt)?"}},
		{"an equation names its topic after the term", "# Circuits\n\n## Series circuits\n\n- Rt = R1 + R2 + R3\n",
			[]string{"What is Rt (Series circuits) equal to?"}},
		{"a short acronym names its heading", "# Aviation\n\n## Instruments\n\n- AOA = angle of attack\n",
			[]string{"What does AOA (Instruments) stand for?"}},
		{"a longer acronym does not", "# Aviation\n\n## Instruments\n\n- VSTOL = vertical and short take-off and landing\n",
			[]string{"What does VSTOL stand for?"}},
		{"a cross-reference label gives no card", "# Cells\n\n- Compare: the structure of plant cell walls\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, c := range Rules(markdown.ParseDocument("n.md", []byte(tt.md))) {
				got = append(got, c.Question)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("got %q, want %q", got[i], tt.want[i])
				}
			}
		})
	}
}

// TestLineShapesThatAreNoTerms: a label cut at a comma, a line of notes
// before " = " and an answer in symbols give no added card; "v." in a case
// name does not end the sentence.
func TestLineShapesThatAreNoTerms(t *testing.T) {
	tests := []struct {
		name, md string
		noAdded  bool
		answer   string // when set: the one added card's answer
	}{
		{"names listed before a colon", "# Brief\n\n## Dissent\n\n- Kent, Ruiz, Okafor (dissenting): the statute does not require a warning\n", true, ""},
		{"a line of notes before =", "# Course\n\nProf. Lind, 3 lectures. final = essay + oral exam\n", true, ""},
		{"a consequence in symbols", "# Markets\n\n- luxury good: income ↑ -> demand ↑↑\n", true, ""},
		{"v. inside a case name", "# Torts\n\n- Duty of care -> Established in Donoghue v. Stevenson (1932)\n", false, "Established in Donoghue v. Stevenson (1932)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var added []string
			for _, c := range Rules(markdown.ParseDocument("n.md", []byte(tt.md))) {
				if c.Confidence >= AutoThreshold {
					added = append(added, c.Answer)
				}
			}
			switch {
			case tt.noAdded && len(added) > 0:
				t.Errorf("added %q, want none", added)
			case !tt.noAdded && (len(added) != 1 || added[0] != tt.answer):
				t.Errorf("added %q, want [%q]", added, tt.answer)
			}
		})
	}
}

// TestNonASCIICapital: a term or topic that starts with a capital outside
// ASCII is lower-cased by rune, not cut in the middle of its first letter
// (the byte slice made "What is a \xc3\xa9lasticité"-like text).
func TestNonASCIICapital(t *testing.T) {
	g := &gen{lang: langEnglish}
	for _, term := range []string{"Évolution", "Überblick", "Ørsted effect"} {
		p, _ := g.nounPhrase(term)
		if !utf8.ValidString(p) {
			t.Errorf("nounPhrase(%q) = %q: not valid UTF-8", term, p)
		}
		if tp := g.topicPhrase(term); !utf8.ValidString(tp) {
			t.Errorf("topicPhrase(%q) = %q: not valid UTF-8", term, tp)
		}
	}
}
