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
