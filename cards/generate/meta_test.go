package generate

import "testing"

// The sentences here are written for these tests, not taken from any note.

func TestMetaLabel(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Hint for the midterm", true},
		{"Bis Donnerstag", true},
		{"Para el viernes", true},
		{"À revoir avant samedi", true},
		{"Our open question", true},
		{"Your turn", true},
		{"Nota", true},
		{"Klausurrelevant", false}, // one compound word: not in the vocabulary, and not guessed
		{"Type I error", false},
		{"Willenserklärung (WE)", false},
		{"US Constitution", false},
		{"Beta sheet", false},
		{"Root tip", false},
		{"Aufgabe der Leber", false},
		{"Check constraint", false},
		{"Photosynthesis", false},
	}
	for _, tt := range tests {
		if got := metaLabel(tt.in); got != tt.want {
			t.Errorf("metaLabel(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestMetaText(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"I still mix these two up.", true},
		{"We skipped this part in class.", true},
		{"Then I redid the derivation.", true},
		{"Keine Ahnung, nachfragen.", true},
		{"No estoy seguro, preguntar en clase.", false}, // "no estoy seguro": the negation is not next to the word
		{"not sure about the sign here", true},
		{"Ask the tutor on Friday.", true},
		{"This comes up on every quiz :)", true},
		{"wow!!", true},
		{"Nous verrons cela demain.", true},
		{"The liver stores glycogen.", false},
		{"Due to the drop in pressure, the valve closes.", false},
		{"World War I ended in November 1918.", false},
		{"Type I collagen forms the tendon.", false},
	}
	for _, tt := range tests {
		if got := metaText(tt.in); got != tt.want {
			t.Errorf("metaText(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestAsideParen(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"?!", true},
		{"", true},
		{"i guess", true},
		{"so cool", true},
		{"see next page", true},
		{"cf. chapter on enzymes", true},
		{"wird in der Übung besprochen", true},
		{"hopefully", true},
		{"ATP", false},
		{"1848", false},
		{"in the mitochondria", false},
		{"made by Neuronpedia", false},
	}
	for _, tt := range tests {
		if got := asideParen(tt.in); got != tt.want {
			t.Errorf("asideParen(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestDropAsidesGeneral(t *testing.T) {
	got := dropAsides("Kidneys filter about 180 L of plasma a day (not sure of the figure) (180 L/day)")
	if want := "Kidneys filter about 180 L of plasma a day (180 L/day)"; got != want {
		t.Errorf("dropAsides = %q, want %q", got, want)
	}
}

func TestCountedNoun(t *testing.T) {
	for w, want := range map[string]bool{"ribs": true, "provinces": true, "is": false, "has": false,
		"this": false, "bus": false, "glass": false, "Kings": false, "makes": false} {
		if got := countedNoun(w); got != want {
			t.Errorf("countedNoun(%q) = %v, want %v", w, got, want)
		}
	}
}

func TestIsGenericAllFacetWords(t *testing.T) {
	for term, want := range map[string]bool{"key steps": true, "main risk factors": false,
		"common side effects": false, "member types": true, "type class": false, "main types": true} {
		if got := isGeneric(term); got != want {
			t.Errorf("isGeneric(%q) = %v, want %v", term, got, want)
		}
	}
}

func TestCreditedEntry(t *testing.T) {
	tests := []struct{ seg, work, who string }{
		{"Structure and Interpretation Book (Harold Abelson): ", "the book “Structure and Interpretation”", "Harold Abelson"},
		{"- Deep Residual Learning (He et al., 2016):", "“Deep Residual Learning”", "He et al."},
		{"Growing Pains of Cells (J. B. Haldane)", "“Growing Pains of Cells”", "J. B. Haldane"},
		{"Remote Procedure Call (RPC):", "", ""},
		{"Some notes (2019):", "", ""},
		{"the cell cycle (Paul Nurse):", "", ""},
	}
	for _, tt := range tests {
		work, who, ok := creditedEntry(tt.seg)
		if ok != (tt.work != "") || work != tt.work || who != tt.who {
			t.Errorf("creditedEntry(%q) = %q, %q, %v; want %q, %q", tt.seg, work, who, ok, tt.work, tt.who)
		}
	}
}

func TestSectionPointer(t *testing.T) {
	for title, want := range map[string]bool{"Operating Systems chapter 9": true, "Networks, p. 112": true,
		"Networks, pp 112-120": true, "Attention Is All You Need": false, "Gray's Anatomy section 4": true} {
		if got := sectionPointer(title); got != want {
			t.Errorf("sectionPointer(%q) = %v, want %v", title, got, want)
		}
	}
}

func TestStudyQuestion(t *testing.T) {
	for q, want := range map[string]bool{"What are the formulas to memorize?": true, "What are the cases we covered?": true,
		"What are the stages of mitosis?": false, "What are the types of I/O scheduling?": false} {
		if got := studyQuestion(q); got != want {
			t.Errorf("studyQuestion(%q) = %v, want %v", q, got, want)
		}
	}
}

func TestUnboundVariables(t *testing.T) {
	tests := []struct {
		q, a string
		want bool
	}{
		{"What is a partial order?", "R is reflexive, antisymmetric and transitive on S", true},
		{"What is the sum rule?", "P(A or B) = P(A) + P(B) for disjoint events", false},
		{"What does transitivity say?", "if A implies B and B implies C, then A implies C", false},
		{"What is a P wave?", "atrial depolarisation, before the QRS complex", false},
	}
	for _, tt := range tests {
		if got := unboundVariables(tt.q, tt.a); got != tt.want {
			t.Errorf("unboundVariables(%q, %q) = %v, want %v", tt.q, tt.a, got, tt.want)
		}
	}
}
