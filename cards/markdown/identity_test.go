package markdown

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/mnemo-app/mnemo/cards"
)

func basic(q, a string, ctx ...string) cards.Card {
	return cards.Card{Kind: cards.KindBasic, Question: q, Answer: a, Context: ctx}
}

func TestReconcile(t *testing.T) {
	long := strings.Repeat("the quick brown fox jumps over the lazy dog and keeps running ", 20)
	tests := []struct {
		name       string
		old, fresh []cards.Card
		want       map[int]int
	}{
		{"empty", nil, []cards.Card{basic("a", "b")}, map[int]int{}},
		{"reworded question",
			[]cards.Card{basic("What is the capital of Kenya?", "Nairobi")},
			[]cards.Card{basic("What's the capital of Kenya?", "Nairobi")},
			map[int]int{0: 0}},
		{"punctuation and case only",
			[]cards.Card{basic("What is *Go*?", "A language")},
			[]cards.Card{basic("what is go", "a language!")},
			map[int]int{0: 0}},
		{"unrelated",
			[]cards.Card{basic("What is the capital of Kenya?", "Nairobi")},
			[]cards.Card{basic("Longest river in Africa", "Nile")},
			map[int]int{}},
		{"just below threshold",
			[]cards.Card{basic("abcdefghij", "")},
			[]cards.Card{basic("abcdefxyz", "")}, // distance 4 of 10: 0.6
			map[int]int{}},
		{"kind must match",
			[]cards.Card{{Kind: cards.KindReversed, Question: "Nairobi", Answer: "Capital of Kenya"}},
			[]cards.Card{basic("Nairobi", "Capital of Kenya")},
			map[int]int{}},
		{"best first",
			[]cards.Card{basic("capital of kenya is", "nairobi city"), basic("capital of kenya", "nairobi")},
			[]cards.Card{basic("capital of kenya", "nairobi!")},
			map[int]int{0: 1}},
		{"one to one",
			[]cards.Card{basic("capital of kenya", "nairobi")},
			[]cards.Card{basic("capital of kenya", "nairobi."), basic("capital of kenya?", "nairobi")},
			map[int]int{0: 0}},
		{"same heading first",
			[]cards.Card{basic("capital of kenya", "nairobi", "Africa"), basic("capital of kenya", "nairobi", "Quiz")},
			[]cards.Card{basic("the capital of kenya", "nairobi", "Quiz")},
			map[int]int{0: 1}},
		{"other heading when alone",
			[]cards.Card{basic("capital of kenya", "nairobi", "Africa")},
			[]cards.Card{basic("the capital of kenya", "nairobi", "Moved")},
			map[int]int{0: 0}},
		{"same cloze number breaks ties",
			[]cards.Card{{Kind: cards.KindCloze, Ord: 1, Question: "x [...]", Answer: "y"}, {Kind: cards.KindCloze, Ord: 2, Question: "x [...]", Answer: "y"}},
			[]cards.Card{{Kind: cards.KindCloze, Ord: 2, Question: "x [...]", Answer: "y"}},
			map[int]int{0: 1}},
		{"long texts by words",
			[]cards.Card{basic("Explain", long)},
			[]cards.Card{basic("Explain", long+" and then stops")},
			map[int]int{0: 0}},
		{"long text against short",
			[]cards.Card{basic("Explain", long)},
			[]cards.Card{basic("Explain", "briefly")},
			map[int]int{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Reconcile(tt.old, tt.fresh); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// levenshtein is the plain O(n·m) edit distance.
func levenshtein(a, b []uint32) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			cur[j] = min(prev[j-1]+c, prev[j]+1, cur[j-1]+1)
		}
		prev = cur
	}
	return prev[len(b)]
}

func TestPatternDistance(t *testing.T) {
	tests := []struct {
		name    string
		maxLen  int
		symbols []uint32
	}{
		{"short ascii", 30, []uint32{'a', 'b', 'c', 'd'}},
		{"two blocks", 140, []uint32{'a', 'b', 'c'}},
		{"three blocks non-ascii", 200, []uint32{'a', 'é', 0x4e2d, 1 << 30}},
	}
	var scratch []uint64
	var shared pattern
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(1, uint64(tt.maxLen)))
			gen := func() []uint32 {
				s := make([]uint32, rng.IntN(tt.maxLen))
				for i := range s {
					s[i] = tt.symbols[rng.IntN(len(tt.symbols))]
				}
				return s
			}
			for i := range 600 {
				a, b := gen(), gen()
				if i%3 == 0 && len(a) > 0 { // near-duplicates too
					b = append(append([]uint32(nil), a[:len(a)/2]...), a[len(a)/2+1:]...)
				}
				k := rng.IntN(tt.maxLen/2 + 1)
				want := levenshtein(a, b)
				if len(a) == 0 {
					continue
				}
				shared.reset(a) // reused, as Reconcile does
				got := shared.distance(b, k, &scratch)
				var one pattern
				one.reset(a)
				if fresh := one.distance(b, k, &scratch); fresh != got {
					t.Fatalf("case %d: reused pattern gives %d, fresh one %d", i, got, fresh)
				}
				if want <= k && got != want || want > k && got <= k {
					t.Fatalf("case %d: distance(%v, %v, %d) = %d, want %d", i, a, b, k, got, want)
				}
			}
		})
	}
}

// reconcileCards makes n realistic cards under a few headings; edited
// rewords every third question.
func reconcileCards(n int, edited bool) []cards.Card {
	subjects := []string{"capital", "largest city", "official language", "currency", "highest mountain", "longest river"}
	places := []string{"Kenya", "Ghana", "Peru", "Chile", "Norway", "Japan", "Canada", "Egypt", "Nepal", "Spain"}
	out := make([]cards.Card, n)
	for i := range out {
		q := fmt.Sprintf("What is the %s of %s (%d)?", subjects[i%len(subjects)], places[(i/len(subjects))%len(places)], i)
		if edited && i%3 == 0 {
			q = strings.Replace(q, "What is", "What's", 1)
		}
		out[i] = basic(q, fmt.Sprintf("Answer number %d with some words", i), "Geography", places[i%len(places)])
	}
	return out
}

func TestReconcileMany(t *testing.T) {
	const n = 150
	old, fresh := reconcileCards(n, false), reconcileCards(n, true)
	got := Reconcile(old, fresh)
	for f, o := range got {
		if f != o {
			t.Errorf("fresh %d paired with old %d", f, o)
		}
	}
	if len(got) != n {
		t.Errorf("paired %d of %d", len(got), n)
	}
}

func BenchmarkReconcile(b *testing.B) {
	for _, n := range []int{10, 100, 300} {
		old, fresh := reconcileCards(n, false), reconcileCards(n, true)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if len(Reconcile(old, fresh)) != n {
					b.Fatal("not all paired")
				}
			}
		})
	}
}
