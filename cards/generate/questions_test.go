package generate

import (
	"testing"

	"github.com/mnemo-app/mnemo/cards/markdown"
)

func TestTermQuestion(t *testing.T) {
	note := "A process runs; the kernel schedules it. We deploy to Kubernetes daily.\n"
	tests := []struct{ term, topic, want string }{
		{"Process", "", "What is a process?"},
		{"User threads", "", "What are user threads?"},
		{"TCP", "", "What is TCP?"},
		{"Kubernetes", "", "What is Kubernetes?"}, // written capitalised mid-sentence: a name
		{"photosynthesis", "", "What is photosynthesis?"},
		{"inflation", "", "What is inflation?"},
		{"hour hand", "", "What is an hour hand?"},
		{"unit vector", "", "What is a unit vector?"},
		{"mitochondria", "", "What are mitochondria?"},
		{"triggers", "asthma", "What are the triggers of asthma?"},
		{"model", "", ""}, // generic without a topic: no card
		{"Goal", "database normalization", "What is the goal of database normalization?"},
		{"many-to-one", "multithreading models", "What is the many-to-one multithreading model?"},
		{"end-to-end", "", "What is end-to-end?"},
		{"Golgi apparatus", "", "What is the Golgi apparatus?"}, // a name as modifier keeps its capital
		{"Context switch", "", "What is a context switch?"},
		{"Neighbour principle", "", "What is the neighbour principle?"}, // one of its kind
		{"sunk cost fallacy", "", "What is the sunk cost fallacy?"},
		{"hold and wait", "", "What is hold and wait?"}, // a named condition
		{"T helper cells", "", "What are T helper cells?"},
		{"orphan rule", "", "What is the orphan rule?"},
		{"convoy effect", "", "What is the convoy effect?"},
		{"Mendel's law of segregation", "", "What is Mendel's law of segregation?"},
		{"side effect", "", "What is a side effect?"},
		{"Committee of Public Safety", "", "What is the Committee of Public Safety?"},
		{"Marshall Plan", "", "What is the Marshall Plan?"},
		{"Warsaw Pact", "", "What is the Warsaw Pact?"},
		{"Social Security Act", "", "What is the Social Security Act?"},
		{"Visual Studio Code", "", "What is Visual Studio Code?"}, // a name without an institution's head
	}
	doc := markdown.ParseDocument("n.md", []byte(note))
	for _, tt := range tests {
		g := &gen{doc: doc, src: doc.Src, lang: langEnglish}
		q, _, ok := g.termQuestion(tt.term, tt.topic)
		if !ok {
			q = ""
		}
		if q != tt.want {
			t.Errorf("termQuestion(%q, %q) = %q, want %q", tt.term, tt.topic, q, tt.want)
		}
	}
}

func TestIsAbbreviationOf(t *testing.T) {
	tests := []struct {
		abbr, long string
		want       bool
	}{
		{"RPC", "remote procedure call", true},
		{"TLB", "translation lookaside buffer", true},
		{"DDL", "Data Definition Language", true},
		{"WAL", "write-ahead log", true},
		{"CoA", "coenzyme A", true},
		{"Ok", "of kin", false}, // one capital: not read as an abbreviation
		{"AF", "atrial fibrillation", true},
		{"MI", "the heart", false},
		{"USA", "United States of America", true},
		{"X", "x ray", false},
		{"RPC", "remote call", false},
	}
	for _, tt := range tests {
		if got := isAbbreviationOf(tt.abbr, tt.long); got != tt.want {
			t.Errorf("isAbbreviationOf(%q, %q) = %v, want %v", tt.abbr, tt.long, got, tt.want)
		}
	}
}

func TestDetectLanguage(t *testing.T) {
	tests := []struct{ text, want string }{
		{"The cell is the basic unit of life and it has a membrane.", langEnglish},
		{"Die Zellatmung ist der Abbau von Glucose und sie findet in den Mitochondrien statt, nicht im Kern.", langGerman},
		{"La fotosíntesis es el proceso por el que las plantas producen glucosa con la luz del sol y el agua.", langSpanish},
		{"Descartes est un philosophe et il écrit les Méditations dans une langue pour les savants.", langFrench},
		{"TCP/IP", langEnglish}, // too short to tell: English, the tagger's language
	}
	for _, tt := range tests {
		if got := detectLanguage([]byte(tt.text)); got != tt.want {
			t.Errorf("detectLanguage(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestSplitQuestion(t *testing.T) {
	tests := []struct {
		text, q, rest string
		ok            bool
	}{
		{"What is heat? Energy in transfer.", "What is heat?", "Energy in transfer.", true},
		{"why threads? cheaper to create", "Why threads?", "cheaper to create", true},
		{"Absolute zero in kelvin?", "Absolute zero in kelvin?", "", true},
		{"First law?", "First law?", "", true},            // two words, no question word: only with its answer below (a suggestion)
		{"First law? energy is conserved", "", "", false}, // not a question word: only with the answer below
		{"what's the difference between A and B??", "What's the difference between A and B?", "", true},
		{"¿Qué es un refuerzo? Una consecuencia.", "¿Qué es un refuerzo?", "Una consecuencia.", true},
		{"No question here.", "", "", false},
	}
	for _, tt := range tests {
		q, rest, ok := splitQuestion(tt.text)
		if ok != tt.ok || ok && (q != tt.q || rest != tt.rest) {
			t.Errorf("splitQuestion(%q) = %q, %q, %v; want %q, %q, %v", tt.text, q, rest, ok, tt.q, tt.rest, tt.ok)
		}
	}
}

func TestDropAsides(t *testing.T) {
	tests := []struct{ in, want string }{
		{"the core of the OS (haha) that manages hardware", "the core of the OS that manages hardware"},
		{"stored under oil (I think)", "stored under oil"},
		{"the 12-lead ECG (6 limb + 6 chest leads)", "the 12-lead ECG (6 limb + 6 chest leads)"},
		{"a value (?)", "a value"},
	}
	for _, tt := range tests {
		if got := dropAsides(tt.in); got != tt.want {
			t.Errorf("dropAsides(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSentenceSpansLineBreaks(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{"Short line one\nShort line two", 2},                                           // a new line starts a new sentence
		{"A long hard-wrapped sentence that runs over the edge of\nthe line and on", 1}, // lower case: same sentence
		{"Ends with a comma,\nThen continues", 1},
	}
	for _, tt := range tests {
		if got := len(sentenceSpans(tt.text)); got != tt.want {
			t.Errorf("sentenceSpans(%q): %d sentences, want %d", tt.text, got, tt.want)
		}
	}
}
