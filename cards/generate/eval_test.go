package generate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"text/tabwriter"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/cards/markdown"
)

// The evaluation corpus (testdata/eval) holds notes in the shapes real
// study notes take, each with the cards a careful person wrote from it
// before any rule was tuned on it. It is split in two halves:
//
//   - tune/: rules may be changed while looking at these notes; the test
//     enforces floors on them.
//   - frozen/: measured only once the rules are final; the test prints the
//     scores and never fails on them, so a low score cannot be "fixed" by
//     tuning against the test half.
//
// Matching rule (strict, one to one): a generated card matches an
// expected card when
//
//  1. the expected card's line lies within the generated card's source
//     lines widened by one line on each side, and
//  2. at least half of the expected answer's content stems appear in the
//     generated card's answer (for a cloze card: its deleted text), and
//  3. the Dice coefficient of the content stems of question+answer of the
//     two cards is at least evalMinDice.
//
// Pairs are made best score first; each card is used at most once.
// Content stems are the Porter stems of the words outside stopWords (the
// same ones Check and Dedupe use) and outside evalStopWords, the function
// words of the corpus's other languages, so a German or Spanish card is
// scored on its content words as an English one is.
const evalMinDice = 0.4

// evalStopWords are German, Spanish and French function and question
// words.
var evalStopWords = setOf("der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem",
	"einer", "und", "oder", "ist", "sind", "wird", "werden", "was", "wer", "wie", "wo", "wann",
	"warum", "welche", "welcher", "welches", "wofür", "mit", "von", "zu", "zum", "zur", "im", "in",
	"bei", "auf", "für", "nicht", "es", "sich", "man", "dass", "el", "la", "los", "las", "un", "una",
	"y", "o", "es", "son", "que", "qué", "quién", "quiénes", "cuál", "cuáles", "cómo", "cuándo",
	"dónde", "por", "para", "con", "del", "al", "se", "lo", "su", "sus", "en", "significa",
	"significan", "le", "les", "des", "et", "est", "une", "du", "dans", "qui", "pour", "quoi", "quel",
	"quelle", "quels", "quelles")

// evalStems is contentStems without evalStopWords.
func evalStems(s string) []string {
	all := contentStems(s)
	out := all[:0]
	for _, w := range all {
		if !evalStopWords[w] {
			out = append(out, w)
		}
	}
	return out
}

// evalFile is one NAME.cards.json of the corpus.
type evalFile struct {
	Note     string        `json:"note"`
	Field    string        `json:"field"`
	Lang     string        `json:"lang"`
	Shapes   []string      `json:"shapes"`
	Cards    []evalCard    `json:"cards"`
	NonCards []evalNonCard `json:"non_cards"`
}

type evalCard struct {
	Question string `json:"question"`
	Answer   string `json:"answer"`
	Line     int    `json:"line"`
}

type evalNonCard struct {
	Line int    `json:"line"`
	Why  string `json:"why"`
}

// Floors on the tuning half (auto cards, the ones that enter reviews
// unasked): regression guards just under what the rules reach on it, which
// is in-sample (the rules were tuned on these notes). The target
// recall is 0.6 on the frozen half; the rules reach about 0.4 on this
// one. The frozen half has no floors: it is reported as measured.
//
// Round 5 (genprec) traded auto recall for what a strict reader keeps:
// fourteen auto cards that this lenient matcher counts as hits ("What is
// group 18?", "What is De Morgan?" -> a law in symbols, "What is request
// equal to?", "MRSA -> ?", "What is IPA?" beside "What does IPA stand
// for?") became suggestions, so the floor went from 0.38 to 0.36; recall
// of auto and suggested cards did not change.
const (
	tuneMinPrecision = 0.9
	tuneMinRecall    = 0.36
)

// cardText is what a card asks and tells, for matching: a cloze card's
// question with its deletion filled in.
func cardText(c cards.Card) (all, answer string) {
	if c.Kind == cards.KindCloze {
		return strings.Replace(c.Question, clozeGap, c.Answer, 1), c.Answer
	}
	return c.Question + " " + c.Answer, c.Answer
}

// evalMatch pairs generated and expected cards by the matching rule above.
func evalMatch(got []cards.Card, want []evalCard) (genHit []bool, wantHit []bool) {
	wantAll := make([][]string, len(want))
	wantAns := make([][]string, len(want))
	for j, w := range want {
		wantAll[j] = evalStems(w.Question + " " + w.Answer)
		wantAns[j] = evalStems(w.Answer)
	}
	var pairs []scoredPair
	for i, c := range got {
		all, ans := cardText(c)
		gAll, gAns := evalStems(all), evalStems(ans)
		for j, w := range want {
			if w.Line < c.Source.Line-1 || w.Line > c.Source.EndLine+1 {
				continue
			}
			if len(wantAns[j]) > 0 && 2*overlap(wantAns[j], gAns) < len(wantAns[j]) {
				continue
			}
			d := dice(gAll, wantAll[j])
			if d >= evalMinDice {
				pairs = append(pairs, scoredPair{i, j, d})
			}
		}
	}
	return pairBest(len(got), len(want), pairs)
}

func overlap(a, b []string) int {
	n := 0
	for _, s := range a {
		if containsSorted(b, s) {
			n++
		}
	}
	return n
}

func dice(a, b []string) float64 {
	if len(a)+len(b) == 0 {
		return 0
	}
	return 2 * float64(overlap(a, b)) / float64(len(a)+len(b))
}

// evalHalf scores one half of the corpus and logs per note and per rule
// tables. auto restricts the generated cards to those at or above
// AutoThreshold.
func evalHalf(t *testing.T, dir string, verbose bool) (auto, all tally, notes int) {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*.cards.json"))
	if err != nil {
		t.Fatal(err)
	}
	perRule := map[string]*tally{}
	var rules []string
	var buf bytes.Buffer
	w := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "note\tlang\tauto\tsuggested\twant\tmatched(auto)\tP(auto)\tR(auto)\tP(all)\tR(all)")
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var ef evalFile
		if err := json.Unmarshal(b, &ef); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		note := ef.Note
		if note == "" {
			note = strings.TrimSuffix(filepath.Base(p), ".cards.json") + ".md"
		}
		src, err := os.ReadFile(filepath.Join(dir, note))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		doc := markdown.ParseDocument(note, src)
		got := Rules(doc)
		var autoCards []cards.Card
		for _, c := range got {
			if c.Confidence >= AutoThreshold {
				autoCards = append(autoCards, c)
			}
		}
		aHit, aWant := evalMatch(autoCards, ef.Cards)
		gHit, gWant := evalMatch(got, ef.Cards)
		na := tally{gen: len(autoCards), genHit: count(aHit), gold: len(ef.Cards), goldHit: count(aWant)}
		ng := tally{gen: len(got), genHit: count(gHit), gold: len(ef.Cards), goldHit: count(gWant)}
		auto.add(na)
		all.add(ng)
		notes++
		fmt.Fprintf(w, "%s\t%s\t%d\t%d\t%d\t%d\t%.2f\t%.2f\t%.2f\t%.2f\n", note, ef.Lang, len(autoCards), len(got)-len(autoCards),
			len(ef.Cards), na.genHit, na.precision(), na.recall(), ng.precision(), ng.recall())
		for i, c := range got {
			r := perRule[c.Origin]
			if r == nil {
				r = &tally{}
				perRule[c.Origin] = r
				rules = append(rules, c.Origin)
			}
			r.gen++
			if gHit[i] {
				r.genHit++
			}
			if verbose && !gHit[i] {
				t.Logf("%s:%d unmatched [%s %.2f] %q -> %q", note, c.Source.Line, c.Origin, c.Confidence, c.Question, c.Answer)
			}
		}
		if verbose {
			for j, c := range ef.Cards {
				if !gWant[j] {
					t.Logf("%s:%d missed %q -> %q", note, c.Line, c.Question, c.Answer)
				}
			}
		}
	}
	w.Flush()
	sort.Strings(rules)
	var rb bytes.Buffer
	rw := tabwriter.NewWriter(&rb, 0, 0, 2, ' ', 0)
	fmt.Fprintln(rw, "rule\tgenerated\tmatched\tprecision")
	for _, r := range rules {
		s := perRule[r]
		fmt.Fprintf(rw, "%s\t%d\t%d\t%.2f\n", r, s.gen, s.genHit, s.precision())
	}
	rw.Flush()
	t.Logf("%s per note:\n%s", dir, buf.String())
	t.Logf("%s per rule (auto and suggested cards):\n%s", dir, rb.String())
	return auto, all, notes
}

func count(b []bool) int {
	n := 0
	for _, x := range b {
		if x {
			n++
		}
	}
	return n
}

// TestGoldEval reports precision and recall on each part of the
// evaluation corpus (tune, frozen, heldout), one subtest per part (run only the tuning half with
// -run 'GoldEval/tune'). -v prints the tables, and for tune every unmatched
// and missed card; MNEMO_EVAL_VERBOSE=PART lists them for another part too
// (which makes that part in-sample for whoever reads the list).
func TestGoldEval(t *testing.T) {
	halves := []struct {
		name   string
		floors bool
	}{
		{"tune", true},
		{"frozen", false},
		// Written in round 3, after round 2's frozen half had been
		// measured several times: held out in the same way.
		{"heldout", false},
		// Written in round 6 by a helper who read only this corpus's
		// README (no code, no other notes), before any rule of that round
		// was run on them. blind2 was judged card by card once, on the
		// rules before round 6's topic naming; the topic naming and the
		// line-shape checks were then made from those verdicts, so on
		// blind2 they are in-sample. blind3 was written while they were
		// being made and was run only once they were final.
		{"blind2", false},
		{"blind3", false},
		// Written later in round 6 under the same rules, while the rules
		// were changed from blind3's verdicts (acronyms, equations, the
		// note's own questions and short list labels naming their topic),
		// and run once they were final.
		{"blind4", false},
	}
	// MNEMO_EVAL_DIR measures one more folder in the same format, such as
	// a set of real notes kept outside the repository.
	if dir := os.Getenv("MNEMO_EVAL_DIR"); dir != "" {
		halves = append(halves, struct {
			name   string
			floors bool
		}{dir, false})
	}
	var summary bytes.Buffer
	w := tabwriter.NewWriter(&summary, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "half\tnotes\tP(auto)\tR(auto)\tP(auto+suggested)\tR(auto+suggested)")
	for _, h := range halves {
		t.Run(h.name, func(t *testing.T) {
			dir := filepath.Join("testdata", "eval", h.name)
			if filepath.IsAbs(h.name) {
				dir = h.name
			}
			if _, err := os.Stat(dir); err != nil {
				t.Skipf("%s: not present", dir)
			}
			auto, all, n := evalHalf(t, dir, testing.Verbose() && (h.floors || os.Getenv("MNEMO_EVAL_VERBOSE") == h.name))
			if n == 0 {
				t.Fatalf("%s: no notes", dir)
			}
			fmt.Fprintf(w, "%s\t%d\t%.2f\t%.2f\t%.2f\t%.2f\n", h.name, n, auto.precision(), auto.recall(), all.precision(), all.recall())
			if h.floors {
				if p := auto.precision(); p < tuneMinPrecision {
					t.Errorf("%s: auto precision %.2f < %.2f", dir, p, tuneMinPrecision)
				}
				if r := auto.recall(); r < tuneMinRecall {
					t.Errorf("%s: auto recall %.2f < %.2f", dir, r, tuneMinRecall)
				}
			}
		})
	}
	w.Flush()
	t.Logf("evaluation corpus (tune is in-sample, frozen and heldout are held out; auto = confidence >= %.2f):\n%s", AutoThreshold, summary.String())
}
