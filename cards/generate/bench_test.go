package generate

import (
	"strings"
	"testing"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/cards/markdown"
)

// The benchmark notes: a realistic 1-2 KB note with definitions, lists,
// code and links but no candidate sentence (the tagger never runs), and
// prose notes that do run it.
var benchNotes = []struct{ name, file string }{
	{"no-candidate-sentence", "bench/plain-note.md"},
	{"tagger", "bitter-lesson-summary.md"},
	{"example-note", "transformers-reading-notes.md"},
}

func TestBenchNoteHasNoCandidateSentence(t *testing.T) {
	doc := parseNote(t, "bench/plain-note.md")
	if n := len(doc.Src); n < 1024 || n > 2048 {
		t.Errorf("bench note is %d bytes, want 1-2 KB", n)
	}
	for _, b := range []string{"Namespaces we run", "Usually the liveness", "Open question"} {
		i := strings.Index(string(doc.Src), b)
		if i < 0 {
			t.Fatalf("bench note lost %q", b)
		}
		line := string(doc.Line(doc.LineOf(i)))
		if hasTrigger(line) {
			t.Errorf("bench note line %q triggers the tagger", line)
		}
	}
	if hasTrigger(string(doc.Src)) {
		t.Errorf("bench note has a candidate sentence; the benchmark would measure the tagger")
	}
	if got := Rules(doc); len(got) < 5 {
		t.Errorf("bench note yields %d cards, want a realistic note with at least 5", len(got))
	}
}

func BenchmarkRules(b *testing.B) {
	if _, err := nlp(); err != nil {
		b.Fatal(err)
	}
	for _, n := range benchNotes {
		doc := parseNote(b, n.file)
		b.Run(n.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(doc.Src)))
			for b.Loop() {
				Rules(doc)
			}
		})
	}
}

// BenchmarkParseAndRules includes goldmark parsing, for scale: Rules runs
// on a document the reader has already parsed.
func BenchmarkParseAndRules(b *testing.B) {
	doc := parseNote(b, "bench/plain-note.md")
	src := string(doc.Src)
	b.ReportAllocs()
	for b.Loop() {
		Rules(markdown.ParseDocument("n.md", []byte(src)))
	}
}

func BenchmarkDedupe(b *testing.B) {
	doc := parseNote(b, "os-lecture-scheduling.md")
	cs := Rules(doc)
	existing := append([]cards.Card(nil), cs...)
	b.ReportAllocs()
	for b.Loop() {
		Dedupe(cs, existing)
	}
}
