package generate

import (
	"testing"

	"github.com/mnemo-app/mnemo/cards/markdown"
)

// Notes here are written for these tests, not taken from the evaluation
// corpus. Each case states the added cards (confidence >= AutoThreshold)
// a strict reader keeps, and which shapes must stay suggestions or give
// nothing.

// addedOn is rulesOn restricted to the cards added unasked.
func addedOn(md string) []qa {
	doc := markdown.ParseDocument("note.md", []byte(md))
	var out []qa
	for _, c := range Rules(doc) {
		if c.Confidence >= AutoThreshold {
			out = append(out, qa{c.Origin, c.Question, c.Answer})
		}
	}
	return out
}

func TestAddedCardsStrict(t *testing.T) {
	tests := []struct {
		name string
		md   string
		want []qa
	}{
		// reading lists credit their works
		{"credited book in a reading list", "## Further reading\n\n- Gödel, Escher, Bach Book (Douglas Hofstadter): [link](https://example.org/geb)\n",
			[]qa{{OriginAttribution, "Who is the author of the book “Gödel, Escher, Bach”?", "Douglas Hofstadter"}}},
		{"two credited talks on one line", "Talks: The Humble Programmer (Edsger Dijkstra): [video](https://example.org/a)  You and Your Research Talk (Richard Hamming): [video](https://example.org/b)\n",
			[]qa{{OriginAttribution, "Who is the author of “Talks: The Humble Programmer”?", "Edsger Dijkstra"},
				{OriginAttribution, "Who is the author of the talk “You and Your Research”?", "Richard Hamming"}}},
		{"an acronym in parentheses is no author", "- Remote Procedure Call (RPC): [spec](https://example.org/rpc)\n",
			[]qa{{OriginAbbreviation, "What does RPC stand for?", "Remote Procedure Call"}}},
		{"who offered a list of links is trivia", "Some extra resources on compilers, offered by Ada Byron\n\n- https://example.org/c1\n", nil},
		{"chapter pointer is a suggestion", "- **virtual memory** : Operating Systems Book chapter 9 : https://example.org/os.pdf\n", nil},

		// linked titles are not questions
		{"linked talk title", "### What makes a good API | Talk 3 [Link](https://example.org/v)\n\nA tour of naming, errors and versioning.\n", nil},

		// definitions a strict reader rejects
		{"term with a plus", "- BCNF + no multivalued dependency: 4NF\n", nil},
		{"right side with its own subject", "Heart sounds\n\n- First sound: the closure of the AV valves is heard at the apex\n", nil},
		{"a rule is defined by a statement", "- Golden rule: the words of a statute are given their plain meaning\n",
			[]qa{{OriginDefinition, "What is the golden rule?", "the words of a statute are given their plain meaning"}}},
		{"answer about unbound variables", "- transitive dependency: X determines Y and Y determines Z\n", nil},
		{"study list label", "Reactions to know:\n- combustion\n- neutralisation\n- hydrolysis\n", nil},
		{"first person label", "Proofs we skipped:\n- Cantor's diagonal argument\n- the halting problem\n- Gödel's theorem\n", nil},
		{"comma label", "Kidney functions, 4 main ones:\n- filtration\n- reabsorption\n- secretion\n- excretion\n", nil},

		// right sides that are no definition
		{"a predicate item is no definition", "- Krebs cycle: takes place in the mitochondrial matrix\n", nil},
		{"a law in symbols is no definition", "Laws\n\n- identity: fmap id = id\n", nil},
		{"an item that says what its subject does", "- B cells: make antibodies\n- Troponin: rises 3-6 h after onset\n- Active transport: transport of ions against their gradient\n",
			[]qa{{OriginDefinition, "What is an active transport?", "transport of ions against their gradient"}}},
		{"a test under its findings heading", "# Gout\n\n## Investigations\n\n- Joint aspiration: needle-shaped crystals under polarised light\n", nil},
		{"an arrow between dated events", "APUSH\n\n- Fort Sumter attacked April 12, 1861 -> war starts\n", nil},
		{"a declension is not defined by where it applies", "## Adjektivdeklination\n\nStarke Deklination - ohne Artikel\n", nil},
		{"a case label is no term", "# Offer\n\nCase: Carlill v Carbolic Smoke Ball Co (1893) — unilateral offer to the world\n", nil},
		{"a lower-case German word is no term", "# Perfekt\n\nDas Perfekt ist eine Zeitform der Vergangenheit und wird mit haben oder sein gebildet.\n\n- sein: Verben der Bewegung (gehen, fahren) und der Zustandsänderung\n", nil},
		{"an either-or heading answered by neither", "# Perfekt mit haben oder sein?\n\nDas Perfekt ist eine Zeitform der Vergangenheit.\n", nil},
		{"an either-or heading answered", "# Is light a wave or a particle?\n\nLight behaves as both a wave and a particle.\n",
			[]qa{{OriginQuestionHeading, "Is light a wave or a particle?", "Light behaves as both a wave and a particle."}}},
		{"a formula run into a prose answer", "## GANs\n\n- D outputs the probability that its input is real\ntraining = minimax game between G and D\n", nil},
		{"a facet in shorthand is no term", "Gout\n\n- Tx: allopurinol long term, NSAIDs for flares\n", nil},
		{"an arrow from an abstract word lacks its subject", "# Congestion control\n\n- detection -> three duplicate ACKs\n- recovery = halve the window\n", nil},
		{"limiting factors take their topic", "# Enzyme activity\n\nLimiting factors:\n- temperature\n- pH\n- substrate concentration\n",
			[]qa{{OriginLabelledList, "What are the limiting factors of enzyme activity?", "temperature; pH; substrate concentration"}}},

		// questions read well
		{"the kind of note is no part of its topic", "# Reading: BERT (Devlin et al. 2018)\n\n**Main idea:** pretrain a bidirectional encoder on unlabeled text, then fine-tune.\n",
			[]qa{{OriginDefinition, "What is the main idea of BERT?", "pretrain a bidirectional encoder on unlabeled text, then fine-tune."}}},
		{"an institution's name takes the", "# Cold War\n\n- 1955: Warsaw Pact formed\n",
			[]qa{{OriginDate, "When was the Warsaw Pact formed?", "1955"}}},
		{"head noun before a preposition", "- Duty to mitigate losses: the injured party must take reasonable steps to limit its loss\n",
			[]qa{{OriginDefinition, "What is a duty to mitigate losses?", "the injured party must take reasonable steps to limit its loss"}}},
		{"letter names keep their case", "- U wave = small deflection after the T wave, seen in hypokalaemia\n",
			[]qa{{OriginEquation, "What is a U wave?", "small deflection after the T wave, seen in hypokalaemia"}}},
		{"counted term takes its topic", "## Planetary motion\n\n- two laws: equal areas in equal times, period squared ~ axis cubed\n",
			[]qa{{OriginDefinition, "What are the two laws of planetary motion?", "equal areas in equal times, period squared ~ axis cubed"}}},
		{"course prefix cut from the topic", "## PHYS 2 wk 4: optics\n\nGoal: predict where images form\n",
			[]qa{{OriginDefinition, "What is the goal of optics?", "predict where images form"}}},
		{"German symbol sentence", "# Mechanik\n\nDie kinetische Energie ist E = m · v² / 2, gemessen in Joule. Sie ist die Energie, die ein Körper wegen seiner Bewegung hat, und sie wächst mit dem Quadrat der Geschwindigkeit.\n",
			[]qa{{OriginEquation, "Was ist die kinetische Energie?", "E = m · v² / 2, gemessen in Joule."}}},
		{"Spanish example sentences are no definition", "## Usos de ESTAR\n\nEl verbo estar se usa para los estados y para la ubicación de las cosas y de las personas.\n\n- Estado de ánimo: Estoy contento. Estás triste.\n", nil},
		{"equation under a singular parent", "Die Schaltungen sind in der Physik wichtig, und wir sehen uns die Regeln an.\n\n- Parallelschaltung\n    - Gesamtstrom = Summe der Teilströme\n", nil},
		{"equation under an acronym parent", "Das Theorem ist für verteilte Systeme wichtig, und es hat drei Eigenschaften.\n\n- CAP\n    - Consistency = alle Knoten sehen dieselben Daten\n",
			[]qa{{OriginEquation, "Was ist Consistency (CAP)?", "alle Knoten sehen dieselben Daten"}}},

		// shapes of lecture notes, briefs and book notes
		{"first-person wh-title", "## What we tried first\n\nA lookup table, then a trie.\n", nil},
		{"inverted wh-heading with first person", "## Why do we sleep\n\nSleep clears metabolic waste from the brain.\n",
			[]qa{{OriginQuestionHeading, "Why do we sleep?", "Sleep clears metabolic waste from the brain."}}},
		{"course code before the topic", "# Neuro L7 – Epilepsy (Dr. Okafor)\n\n## Triggers\n- sleep deprivation\n- flashing lights\n- alcohol withdrawal\n",
			[]qa{{OriginTopicChildren, "What are the triggers of epilepsy?", "sleep deprivation; flashing lights; alcohol withdrawal"}}},
		{"two members are no definition", "- statins: atorvastatin, simvastatin\n", nil},
		{"a name is no definition", "- Composer: Johann Pachelbel\n", nil},
		{"parts of a case brief need the case", "# Carlill v Carbolic Smoke Ball Co [1893]\n\n**Held:** the advert was a unilateral offer, accepted by performance.\n**Ratio:** an advert can be an offer if it shows a clear intention to be bound.\n", nil},
		{"a year ends no term", "- Townshend Acts 1767 = duties on glass, paper and tea\n", nil},

		{"a comparison is no term", "- mitosis vs meiosis: two identical cells vs four different ones\n", nil},
		{"a description with an example is no list", "Bases: pH > 7, e.g. ammonia, soap\n", nil},
		{"question item answered after an arrow", "- Why is the sky blue? -> shorter wavelengths scatter more\n",
			[]qa{{OriginQuestionItem, "Why is the sky blue?", "shorter wavelengths scatter more"}}},

		{"an exclamation is an example", "# Modalverben\n\nDie Modalverben drücken aus, ob man etwas kann, darf oder muss, und sie stehen mit dem Infinitiv.\n\n- Erlaubnis: Darf ich das Fenster öffnen?\n- Bitte: Hilf mir doch!\n", nil},
		{"a ranking is no definition", "Neutron stars are the densest stars.\n", nil},

		// clozes
		{"dated event", "The Treaty of Westphalia was signed in October 1648 and ended the Thirty Years' War.\n",
			[]qa{{OriginCloze, "The Treaty of Westphalia was signed in [...] and ended the Thirty Years' War.", "October 1648"}}},
		{"dated schedule is no event", "Group revision session on 14 March 2027 in the library annex.\n", nil},
		{"meta sentence gives no cloze", "I think the Congress of Vienna opened in September 1814 but check the date.\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := addedOn(tt.md)
			if !sameQA(got, tt.want) {
				t.Errorf("got %d added cards:\n%s\nwant %d:\n%s", len(got), listQA(got), len(tt.want), listQA(tt.want))
			}
		})
	}
}
