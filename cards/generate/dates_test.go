package generate

import (
	"slices"
	"testing"

	"github.com/mnemo-app/mnemo/cards/markdown"
)

// onlyOrigin keeps the cards of one rule.
func onlyOrigin(cs []qa, origin string) []qa {
	var out []qa
	for _, c := range cs {
		if c.origin == origin {
			out = append(out, c)
		}
	}
	return out
}

func TestDateRule(t *testing.T) {
	tests := []struct {
		name string
		md   string
		want []qa
	}{
		{"timeline item with a present-tense verb", "## Timeline\n\n- 1687 Newton publishes the Principia\n- 1905 Einstein proposes special relativity\n",
			[]qa{{OriginDate, "When did Newton publish the Principia?", "1687"},
				{OriginDate, "When did Einstein propose special relativity?", "1905"}}},
		{"timeline item with a past verb and a colon", "Space race, the dates for the exam:\n\n- 1969: Apollo 11 landed on the Moon\n",
			[]qa{{OriginDate, "When did Apollo 11 land on the Moon?", "1969"}}},
		{"sentence ending in its date", "The city of Rome was sacked by the Visigoths in 410 AD. Charlemagne was crowned emperor in December 800.\nThe printing press spread quickly after Gutenberg built it in 1450.\n",
			nil},
		{"passive clause with a full date", "The treaty was signed in June 1919, after months of talks.\n",
			[]qa{{OriginDate, "When was the treaty signed?", "June 1919"}}},
		{"second clause after and", "Sweden joined the union in January 1995 and the euro was introduced in January 2002.\n",
			[]qa{{OriginDate, "When did Sweden join the union?", "January 1995"},
				{OriginDate, "When was the euro introduced?", "January 2002"}}},
		{"opening date", "On 20 July 1969 two astronauts walked on the Moon.\n",
			[]qa{{OriginDate, "When did two astronauts walk on the Moon?", "20 July 1969"}}},
		{"date inside the subject", "Floods in 1953 destroyed much of the coast.\n", nil},
		{"pronoun subject", "It was rebuilt in March 1950.\n", nil},
		{"spanish timeline", "# Historia de América\n\nLos apuntes de la clase, con las fechas que hay que saber para el examen.\n\n- 1492: llegada de Colón a América\n- 1521: caída de Tenochtitlan (Cortés)\n- 1810: se forma la primera junta\n",
			[]qa{{OriginDate, "¿Cuándo fue la llegada de Colón a América?", "1492"},
				{OriginDate, "¿Cuándo fue la caída de Tenochtitlan?", "1521 (Cortés)"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := onlyOrigin(rulesOn(tc.md), OriginDate)
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v\nwant %v", got, tc.want)
			}
		})
	}
}

func TestDateCardReplacesItsCloze(t *testing.T) {
	got := rulesOn("The old bridge was opened in May 1887, a year after the new road.\n")
	for _, c := range got {
		if c.origin == OriginCloze && c.a == "May 1887" {
			t.Errorf("cloze repeats the date card: %v", got)
		}
	}
	if len(onlyOrigin(got, OriginDate)) != 1 {
		t.Errorf("want one date card, got %v", got)
	}
}

func TestBaseVerb(t *testing.T) {
	for w, want := range map[string]string{"published": "publish", "declared": "declare", "proposed": "propose",
		"stopped": "stop", "occupied": "occupy", "executed": "execute", "discovered": "discover", "called": "call",
		"invaded": "invade", "seized": "seize", "created": "create", "defeated": "defeat", "visited": "visit",
		"named": "name", "crossed": "cross", "died": "die", "changed": "change", "described": "describe",
		"raised": "raise", "caused": "cause", "released": "release", "contained": "contain"} {
		if got, _ := baseVerb(w, "VBD"); got != want {
			t.Errorf("baseVerb(%q) = %q, want %q", w, got, want)
		}
	}
	for w, want := range map[string]string{"publishes": "publish", "reclassifies": "reclassify", "discovers": "discover", "crosses": "cross"} {
		if got, _ := baseVerb(w, "VBZ"); got != want {
			t.Errorf("baseVerb(%q) = %q, want %q", w, got, want)
		}
	}
}

func TestSuperlativeTableCards(t *testing.T) {
	md := "# Rivers\n\nNotes for the geography quiz.\n\n| River | Length | Notes |\n|---|---|---|\n| Nile | 6650 km | longest river, flows north |\n| Amazon | 6400 km | largest discharge (~209,000 m³/s) because of the rainforest |\n| Thames | 346 km | runs through London |\n"
	var got []qa
	for _, c := range onlyOrigin(rulesOn(md), OriginTable) {
		if len(c.q) > 5 && c.q[:5] == "Which" {
			got = append(got, c)
		}
	}
	want := []qa{{OriginTable, "Which is the longest river?", "Nile (flows north)"},
		{OriginTable, "Which river has the largest discharge?", "Amazon (~209,000 m³/s, because of the rainforest)"}}
	if !slices.Equal(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
}

func TestConditionColumnsTable(t *testing.T) {
	md := "# German prepositions\n\nNotes from the grammar class, the two-way prepositions.\n\n| Word | with dative | with accusative |\n|---|---|---|\n| in | location (where?) | direction (where to?) |\n| auf | on top of, resting | onto |\n"
	got := onlyOrigin(rulesOn(md), OriginTable)
	want := []qa{{OriginTable, "What does \u201cin\u201d mean with dative and with accusative?", "With dative: location (where?); with accusative: direction (where to?)"},
		{OriginTable, "What does \u201cauf\u201d mean with dative and with accusative?", "With dative: on top of, resting; with accusative: onto"}}
	if !slices.Equal(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
}

// TestTimelineUnderADatedHeading: timeline items dated by day and month
// take the year of their heading ("When did ...?" -> "5-6 July 1914");
// with no year above them, a day and a month are no term to define.
func TestTimelineUnderADatedHeading(t *testing.T) {
	md := "# Europe\n\n## Crisis of summer 1914\n\n- 28 June: an archduke is shot in Sarajevo\n- 5-6 July: Germany promises Austria unconditional support\n"
	var got []string
	for _, c := range Rules(markdown.ParseDocument("n.md", []byte(md))) {
		got = append(got, c.Question+" -> "+c.Answer)
	}
	want := []string{"When was an archduke shot in Sarajevo? -> 28 June 1914",
		"When did Germany promise Austria unconditional support? -> 5-6 July 1914"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	for _, c := range Rules(markdown.ParseDocument("n.md", []byte("# Europe\n\n- 5-6 July: Germany promises Austria unconditional support\n"))) {
		if c.Origin == OriginDefinition {
			t.Errorf("a date became a term: %q", c.Question)
		}
	}
}
