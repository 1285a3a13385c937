package generate

import (
	"slices"
	"testing"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/cards/markdown"
)

// The notes here are written for these tests (not taken from the
// evaluation corpus). Each case gives the cards added unasked
// (confidence >= AutoThreshold) and the questions that must stay
// suggestions; a line that makes no card at all has neither.

// suggestedOn is the questions of the cards below AutoThreshold.
func suggestedOn(md string) []string {
	doc := markdown.ParseDocument("note.md", []byte(md))
	var out []string
	for _, c := range Rules(doc) {
		if c.Confidence < AutoThreshold {
			out = append(out, c.Question)
		}
	}
	return out
}

func TestPrecisionCriteria(t *testing.T) {
	tests := []struct {
		name      string
		md        string
		added     []qa
		suggested []string
	}{
		// German and Spanish need an article the template cannot choose:
		// the question quotes the term.
		{"German count noun is quoted", "# Recht\n\n- Kaufvertrag: ein Vertrag über den Erwerb einer Sache gegen Geld.\n\nDer Kaufvertrag wird durch Angebot und Annahme geschlossen.\n",
			[]qa{{OriginDefinition, "Was bedeutet „Kaufvertrag“ (Recht)?", "ein Vertrag über den Erwerb einer Sache gegen Geld."}}, nil},
		{"German sentence subject without article is quoted", "# Physik\n\nStrom ist die gerichtete Bewegung von Ladungsträgern in einem Leiter.\n\nDie Spannung wird in Volt gemessen.\n",
			[]qa{{OriginSentence, "Was bedeutet „Strom“?", "Die gerichtete Bewegung von Ladungsträgern in einem Leiter."}}, nil},
		{"German abstract noun keeps Was ist", "# Recht\n\n- Rechtsfähigkeit: die Fähigkeit, Träger von Rechten und Pflichten zu sein.\n\nSie beginnt mit der Vollendung der Geburt.\n",
			[]qa{{OriginDefinition, "Was ist Rechtsfähigkeit?", "die Fähigkeit, Träger von Rechten und Pflichten zu sein."}}, nil},
		{"Spanish noun capitalised at the line start is quoted", "# Armonía\n\nCadencia: sucesión de acordes que cierra una frase musical.\n\nUna cadencia perfecta termina en la tónica.\n",
			[]qa{{OriginDefinition, "¿Qué significa «cadencia» (Armonía)?", "sucesión de acordes que cierra una frase musical."}}, nil},
		{"two coordinated terms stay a suggestion", "# Música\n\nArmonía y melodía: la combinación de sonidos simultáneos y sucesivos.\n\nLa armonía y la melodía.\n",
			nil, []string{"¿Qué significa «armonía y melodía»?"}},

		// terms that are no thing to ask "What is ...?" about
		{"one of a numbered series", "# Oncology\n\nStage 3 - the tumour has spread to nearby lymph nodes\n\nStage 4 - the tumour has spread to distant organs\n",
			nil, []string{"What is Stage 3 (Oncology)?", "What is Stage 4 (Oncology)?"}},
		{"a person is no term", "# Chemistry\n\n- Le Chatelier: a system at equilibrium shifts to counteract a change\n",
			nil, []string{"What is Le Chatelier (Chemistry)?"}},
		{"a bare gerund shown by an example needs its field", "# Graphics\n\n- blending: Photoshop mixes the two layers with the multiply mode\n",
			nil, []string{"What is blending (Graphics)?"}},
		{"a bare gerund with a paraphrase stays", "# Drawing\n\n- shading: darkening parts of a drawing to show depth and volume\n",
			[]qa{{OriginDefinition, "What is shading (Drawing)?", "darkening parts of a drawing to show depth and volume"}}, nil},
		{"a notice of a change", "# Course\n\n- new grading scheme: coursework counts for forty percent of the mark\n",
			nil, []string{"What is a new grading scheme?"}},
		{"a plan with its condition makes no card", "# Revision\n\n- appendix proofs unless asked: not examined this year\n\nCentrifuge until clear: spin the sample at 3000 rpm for ten minutes\n",
			nil, nil},

		// a common word takes the context the note gives it
		{"a synonym in parentheses stays in the question", "# Botany\n\n- runner (stolon): a stem that grows along the ground and roots at its nodes\n",
			[]qa{{OriginDefinition, "What is a runner (stolon)?", "a stem that grows along the ground and roots at its nodes"}}, nil},

		// "the king" points back to a name the card does not carry
		{"an event whose only participant is the and a common noun", "# English Civil War\n\n## Timeline\n- 1642 Parliament raised an army against Charles I\n- 1649 the king was beheaded\n",
			[]qa{{OriginDate, "When did Parliament raise an army against Charles I?", "1642"}}, []string{"When was the king beheaded?"}},

		// technical adjectives: what they mean, not "What is a ...?"
		{"adjective defined by what it does", "# Chemistry\n\n- hydrophobic = repels water and mixes with oils\n- catalytic: speeds up a reaction without being consumed\n",
			[]qa{{OriginEquation, "What does hydrophobic mean?", "repels water and mixes with oils"},
				{OriginDefinition, "What does catalytic mean?", "speeds up a reaction without being consumed"}}, nil},
		{"a nominalised adjective that names a kind stays", "# Phonetics\n\n- plosive: a complete closure of the vocal tract, then a sudden release\n",
			[]qa{{OriginDefinition, "What is a plosive (Phonetics)?", "a complete closure of the vocal tract, then a sudden release"}}, nil},

		{"a past participle is no term", "# Food safety\n\n- pasteurised: heated briefly to kill most microbes\n",
			nil, []string{"What is a pasteurised (Food safety)?"}},
		{"a list label without its subject", "Plant defences\n- barriers: bark, wax, thorns\n",
			nil, []string{"What are the barriers?"}},
		{"a person credited with a dated work", "# Microbiology\n\n- Louis Pasteur: rabies vaccine 1885\n",
			nil, []string{"What is Louis Pasteur (Microbiology)?"}},
		{"Spanish noun phrase capitalised only at the line start", "# Biología\n\nRetículo endoplasmático: red de membranas que fabrica proteínas y lípidos.\n\nEl aparato de Golgi empaqueta las proteínas.\n",
			[]qa{{OriginDefinition, "¿Qué significa «retículo endoplasmático» (Biología)?", "red de membranas que fabrica proteínas y lípidos."}}, nil},
		{"an identifier takes no article", "# Postgres\n\n- max_connections: the largest number of clients the server accepts at once\n",
			[]qa{{OriginDefinition, "What is max_connections (Postgres)?", "the largest number of clients the server accepts at once"}}, nil},

		// right sides that do not define the term
		{"a predicate of the term", "# Chemistry\n\n- catalyst: lowers the activation energy of a reaction\n- enzyme: a protein that speeds up a reaction\n",
			[]qa{{OriginDefinition, "What is an enzyme (Chemistry)?", "a protein that speeds up a reaction"}}, []string{"What is a catalyst (Chemistry)?"}},
		{"a law in symbols", "# Logic\n\n- absorption: p ∨ (p ∧ q) ≡ p\n",
			nil, []string{"What is absorption (Logic)?"}},
		{"an example instead of a definition", "# Economics\n\n- Fallacy of composition: e.g. one person standing at a concert sees better, but not if all stand\n",
			nil, []string{"What is the fallacy of composition?"}},

		// arrows and equations whose sides are not both meaningful
		{"bare word on the left of an equation", "# Pay\n\n- salary = base pay + bonus + allowances\n",
			nil, []string{"What is salary (Pay) equal to?"}},
		{"a sentence on the right of an arrow", "# Lungs\n\n- COPD -> smoking is the main cause\n",
			nil, []string{"Lungs: COPD -> ?"}},
		{"an acronym answered by its expansion repeats the abbreviation card", "# Networking\n\n- DNS = Domain Name System, turns host names into IP addresses\n",
			[]qa{{OriginAbbreviation, "What does DNS (Networking) stand for?", "Domain Name System"}}, []string{"What is DNS (Networking)?"}},
		{"an acronym equation stays", "# Economics\n\n- GDP = total value of the goods and services a country produces in a year\n",
			[]qa{{OriginEquation, "What is GDP (Economics)?", "total value of the goods and services a country produces in a year"}}, nil},

		// the question agrees with the term
		{"a plural in -ics", "# Startups\n\n- vanity metrics: numbers that look good but do not inform decisions\n",
			[]qa{{OriginDefinition, "What are vanity metrics (Startups)?", "numbers that look good but do not inform decisions"}}, nil},
		{"a field in -ics stays singular", "# Science\n\n- biophysics: the study of living things with the methods of physics\n",
			[]qa{{OriginDefinition, "What is biophysics (Science)?", "the study of living things with the methods of physics"}}, nil},
		{"a term defined by an action", "# Startups\n\n**Persevere:** keep the current strategy because the data supports it.\n",
			[]qa{{OriginDefinition, "What does it mean to persevere?", "keep the current strategy because the data supports it."}}, nil},
		{"a noun defined by its parts is not an action", "# Phonetics\n\n- affricate: stop + fricative together\n",
			[]qa{{OriginDefinition, "What is an affricate (Phonetics)?", "stop + fricative together"}}, nil},
		{"a glossary line that makes no card does not end the glossary", "# Storage\n\nload = some disks get more requests than others\nhot spot = a disk with disproportionately high load\n",
			[]qa{{OriginEquation, "What is a hot spot (Storage)?", "a disk with disproportionately high load"}}, nil},
		{"an adjective and its complement is not a term", "# Storage\n\n- proportional to disks: a fixed number of stripes per disk\n",
			nil, nil},
		{"a word in another script and its meaning", "# Japanese, lesson 4\n\n- 出る - to leave\n- 公園を散歩する。 - to stroll through the park\n",
			[]qa{{OriginDefinition, "What does “出る” mean?", "to leave"}}, []string{"What does “公園を散歩する。” mean?"}},
		{"a heading spells out an abbreviation and a paragraph defines it", "# Operating systems\n\n### Process Control Block (PCB)\nA repository for information about a process.\n",
			[]qa{{OriginAbbreviation, "What does PCB (Operating systems) stand for?", "Process Control Block"},
				{OriginTopicDefinition, "What is a process control block (PCB)?", "A repository for information about a process."}}, nil},
		{"a relative clause's verb is no fact of the heading", "# Cells\n\n## Ribosome\nA particle that builds proteins from amino acids.\n",
			[]qa{{OriginTopicDefinition, "What is a ribosome (Cells)?", "A particle that builds proteins from amino acids."}}, nil},
		{"a German preposition is no article", "# Grammatik\n\n## Wechselpräpositionen (two-way prepositions)\nAn, auf, hinter, in, neben\n",
			nil, nil},
		{"facets of a drug over their items", "# Beta blockers\n\n### Non selective beta blockers\n- indications\n    + angina\n    + chronic heart failure\n",
			[]qa{{OriginTopicChildren, "What are the indications of non selective beta blockers?", "angina; chronic heart failure"}}, nil},
		{"a member of a plural label is named with its kind", "# OS\n\nProcess States:\n- Waiting: for some event to occur\n- Ready: waiting to be assigned a processor\n",
			[]qa{{OriginDefinition, "What is the waiting process state?", "for some event to occur"}}, []string{"What is the ready process state?"}},
		{"a bold label in title case is lowered whole, and a section heading gives way", "# MapReduce\n\n## Important ideas\n\nThe notes use fault in many places.\n\n- **Fault Tolerance**: the master pings each worker periodically\n",
			[]qa{{OriginDefinition, "What is fault tolerance (MapReduce)?", "the master pings each worker periodically"}}, nil},
		{"a theorem's name takes the", "# Statistics\n\n* Central Limit Theorem: sample means are nearly normal for large samples\n",
			[]qa{{OriginDefinition, "What is the Central Limit Theorem?", "sample means are nearly normal for large samples"}}, nil},
		{"an item in bold is a heading: its first fact does not define it", "# Cold War\n\n* **Premonitions of Antagonism**\n    - FDR expected US, USSR to remain allies\n",
			nil, nil},
		{"a section title is no subject of its items' facts", "# Cold War\n\n* **Truman's Rise to Power**\n    - Largely unexpected\n    - Chosen by party officials due to his connections\n",
			nil, []string{"What is Truman's Rise to Power chosen by?"}},
		{"a long first sentence is the whole definition", "# Statistics\n\n* standard error: the standard deviation of the sampling distribution of a statistic, which shrinks as the sample grows and tells how far estimates stray from the truth. use it to build confidence intervals and to test a sample mean against a value known in advance.\n",
			[]qa{{OriginDefinition, "What is a standard error (Statistics)?", "the standard deviation of the sampling distribution of a statistic, which shrinks as the sample grows and tells how far estimates stray from the truth."}}, nil},
		{"a German noun phrase without article is quoted", "# Grammatik\n\nDer Konjunktiv II drückt Wünsche und Bedingungen aus, die nicht wirklich sind.\n\n- Irreale Wünsche: Wünsche, die sich nicht erfüllen lassen\n",
			[]qa{{OriginDefinition, "Was bedeutet „Irreale Wünsche“ (Grammatik)?", "Wünsche, die sich nicht erfüllen lassen"}}, nil},
		{"a condition is not a definition", "# Graphs\n\nA graph is a tree if it is connected and acyclic.\n",
			nil, []string{"What is a graph?"}},
		{"a hint is not an answer", "# French Revolution\n\n- What were the causes of the French Revolution? Think about political, economic and social factors.\n",
			nil, []string{"What were the causes of the French Revolution?"}},
		{"the first kind under its group label defines nothing", "# Kant\n\n* Judgements:\n    * Analytic judgements\n        * true by definition\n",
			[]qa{{OriginTopicDefinition, "What are analytic judgements?", "True by definition."}}, nil},
		{"vocabulary in a language note", "# Learning Spanish\n\n- hablar con alguien : to speak with someone\n- despacio : slowly; gently\n- caja : till\n",
			[]qa{{OriginDefinition, "What does “hablar con alguien” mean?", "to speak with someone"}, {OriginDefinition, "What does “despacio” mean?", "slowly; gently"},
				{OriginDefinition, "What does “caja” mean?", "till"}}, nil},
		{"a quoted question inside a statement is no question", "# Learning German\n\n- When someone asks for a town with the question Wohin …? the answer uses nach + the town\n",
			nil, []string{"When someone asks for a town with the question Wohin …?"}},
		{"an adverbial before the German verb is no subject", "# Recht\n\nGrundsätzlich gilt die Formfreiheit für Verträge. Bei einigen Ausnahmen ist die Schriftform notwendig.\n",
			nil, nil},
		{"a purpose is asked with 'used for'", "# Computer organisation\n\n### Data Transfer Instructions\n- Used to move data from one location to another within a computer system.\n",
			[]qa{{OriginTopicFact, "What are data transfer instructions used for?", "To move data from one location to another within a computer system"}}, nil},
		{"a lecture number is no topic", "# Macroeconomics\n\n## Lecture 20\n\n- **national income**: the total income earned by a country's residents\n",
			[]qa{{OriginDefinition, "What is national income (Macroeconomics)?", "the total income earned by a country's residents"}}, nil},
		{"an adjective under its kind names the kind", "# Ethics\n\nAristotle names two types of goods:\n- Intrinsic: good for its own sake, not for something else\n",
			[]qa{{OriginDefinition, "What is an intrinsic good?", "good for its own sake, not for something else"}}, nil},
		{"a sentence introducing a list is no topic", "# Obligaciones\n\nLa obligación es un vínculo jurídico entre el deudor y el acreedor de la relación.\n\n## Imputabilidad\n\nExisten tres causas:\n- **Dolo**: intención de engañar o de dañar al acreedor\n",
			[]qa{{OriginSentence, "¿Qué es la obligación?", "Un vínculo jurídico entre el deudor y el acreedor de la relación."},
				{OriginDefinition, "¿Qué significa «dolo» (Imputabilidad)?", "intención de engañar o de dañar al acreedor"}}, nil},
		{"the first part under a label is no definition of it", "# GDP\n\n* national income:\n\t* compensation of employees\n\t* corporate profits\n",
			nil, nil},
		{"an emphasised term over its definition still defines", "# Memory\n\n## Encoding\n* _automatic processing_\n  * unconscious encoding of incidental information\n",
			[]qa{{OriginTopicDefinition, "What is automatic processing?", "Unconscious encoding of incidental information."}}, nil},
		{"a common word defined in prose names the note's subject", "## Week 7 - Communication\n\n### Voice\n- Voice is the constructive expression of disagreement about work practices\n",
			[]qa{{OriginSentence, "What is voice (Communication)?", "The constructive expression of disagreement about work practices."}}, nil},
		{"an adverb is no term", "# Determinants\n\n- Geometrically: the area scaling factor of the linear map\n",
			nil, nil},
		{"a numbered part of a text is no term", "# Constitución\n\n- Segunda parte: autoridades de la Nación y gobierno federal\n",
			nil, nil},
		{"a link is no definition", "# Dativ\n\n- Artikel: [[Bestimmte Artikel]]\n", nil, nil},
		{"a label waiting for its object is no topic", "# Constitución\n\n## Preámbulo\n\nHabla de:\n- Soberanía popular: forma de gobierno republicana en la que el pueblo elige\n",
			[]qa{{OriginDefinition, "¿Qué significa «soberanía popular» (Preámbulo)?", "forma de gobierno republicana en la que el pueblo elige"}}, nil},
		{"a drug card's facet takes the drug's name", "# Atenolol\n\n- brands:\n    + Tenormin, Noten, Tenlol\n",
			[]qa{{OriginMemberList, "What are the brands of atenolol?", "Tenormin; Noten; Tenlol"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := addedOn(tt.md); !slices.Equal(got, tt.added) {
				t.Errorf("added:\n got %v\nwant %v", got, tt.added)
			}
			if got := suggestedOn(tt.md); !slices.Equal(got, tt.suggested) {
				t.Errorf("suggested:\n got %q\nwant %q", got, tt.suggested)
			}
		})
	}
}

// A definite facet word alone ("What are the triggers?") points to a
// subject the question does not name: a suggestion, whatever rule made it.
// With its subject, or indefinite, it stays.
func TestGenericBareQuestion(t *testing.T) {
	g := &gen{lang: langEnglish, src: []byte("x")}
	for _, tt := range []struct {
		q    string
		auto bool
	}{
		{"What are the triggers?", false},
		{"What is the mechanism?", false},
		{"What are the triggers of migraine?", true},
		{"What is a general method?", true},
	} {
		c := cards.Card{Origin: OriginLabelledList, Question: tt.q, Answer: "bright light; missed meals; poor sleep", Confidence: 0.8}
		if got := g.confidence(c) >= AutoThreshold; got != tt.auto {
			t.Errorf("%q: auto = %v, want %v", tt.q, got, tt.auto)
		}
	}
}

// Under an acronym, a one-word member takes the acronym into its question:
// "consistency" means one thing under CAP and another under ACID.
func TestAcronymMemberQuestion(t *testing.T) {
	md := "# Distributed systems\n\n- CAP\n    - Consistency = every read sees the most recent write\n" +
		"    - Availability = the share of requests that get a reply\n" +
		"    - Partition tolerance = the system keeps working when messages between nodes are lost\n"
	want := []qa{{OriginEquation, "What is availability (CAP)?", "the share of requests that get a reply"},
		{OriginEquation, "What is partition tolerance (CAP)?", "the system keeps working when messages between nodes are lost"}}
	got := addedOn(md)
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("missing %v in %v", w, got)
		}
	}
}

func TestConditionTerm(t *testing.T) {
	for term, want := range map[string]bool{
		"skip unless time":           true,
		"re-read chapter if unclear": true,
		"modus ponens (if p then q)": false,
		"conditional probability":    false,
		"if statement":               false, // the conjunction is the term's own first word
	} {
		if got := conditionTerm(term); got != want {
			t.Errorf("conditionTerm(%q) = %v, want %v", term, got, want)
		}
	}
}
