package generate

import (
	"errors"
	"strings"
	"testing"

	"github.com/mnemo-app/mnemo/cards"
)

func basic(q, a string) cards.Card { return cards.Card{Kind: cards.KindBasic, Question: q, Answer: a} }

func TestCheck(t *testing.T) {
	tests := []struct {
		name string
		card cards.Card
		want error // nil: accepted
	}{
		{"good card", basic("What is a semaphore?", "An integer variable with atomic wait and signal."), nil},
		{"conjunction inside a noun phrase", basic("What do the value and output matrices combine into?", "A combined low-rank map."), nil},
		{"pronoun that is not the subject", basic("Why do we need a scheduler?", "More threads than CPUs."), nil},
		{"code span that looks like a pronoun", basic("What does `this` refer to in JavaScript?", "The receiver of the call."), nil},
		{"semicolon inside code", basic("What does `a; b` do in a shell?", "Runs a, then b."), nil},
		{"twenty words", basic("Why?", strings.TrimSpace(strings.Repeat("word ", 20))), nil},
		{"code block answer", basic("How do I list files?", "```sh\nls -la\n```"), nil},
		{"empty question", basic("  ", "Nairobi"), ErrEmpty},
		{"punctuation-only question", basic("??", "Nairobi"), ErrEmpty},
		{"empty answer", basic("What is the capital of Kenya?", ""), ErrEmpty},
		{"answer inside the question", basic("What is gradient descent?", "Gradient descent"), ErrLeak},
		{"answer's content words in the question", basic("What does the cache store for the CPU?", "The cache stores it"), ErrLeak},
		{"and why", basic("What is a mutex and why does it matter?", "A lock."), ErrCompound},
		{"and is it", basic("What is a mutex and is it fair?", "A lock."), ErrCompound},
		{"two question marks", basic("What is a mutex? What is a semaphore?", "Locks."), ErrCompound},
		{"semicolon", basic("Name a lock; name a queue", "Mutex, FIFO."), ErrCompound},
		{"twenty-one words", basic("Why?", strings.TrimSpace(strings.Repeat("word ", 21))), ErrTooLong},
		{"it", basic("What is it?", "A lock."), ErrDangling},
		{"how does this", basic("How does this work?", "By locking."), ErrDangling},
		{"they", basic("What do they combine into?", "A map."), ErrDangling},
		{"these as a determiner", basic("Why are these methods slow?", "They copy."), ErrDangling},
		{"pronoun first", basic("It stores what?", "Facts."), ErrDangling},
		{"cloze cards skip the leak check", cards.Card{Kind: cards.KindCloze, Question: "[...] is the capital of Kenya", Answer: "Nairobi"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Check(tt.card)
			if tt.want == nil {
				if err != nil {
					t.Errorf("Check = %v, want nil", err)
				}
				return
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("Check = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestDedupe(t *testing.T) {
	latency := basic("What is latency?", "The time a request waits before work starts.")
	tests := []struct {
		name      string
		cands     []cards.Card
		existing  []cards.Card
		kept      []string // questions
		dropped   []string
		reasonHas string
	}{
		{"distinct cards are kept in order",
			[]cards.Card{basic("What is jitter?", "Variation in latency."), latency}, nil,
			[]string{"What is jitter?", "What is latency?"}, nil, ""},
		{"same question",
			[]cards.Card{latency, basic("What is Latency?", "Delay before service.")}, nil,
			[]string{"What is latency?"}, []string{"What is Latency?"}, "same question"},
		{"inflections of the same card",
			[]cards.Card{basic("What is a semaphore?", "An integer variable with atomic wait and signal operations."),
				basic("What are semaphores?", "Integer variables with atomic waits and signalling operations.")}, nil,
			[]string{"What is a semaphore?"}, []string{"What are semaphores?"}, "near-duplicate"},
		{"two terms are never merged",
			[]cards.Card{basic("What is a blocking send?", "The calling process sleeps until the kernel has copied the message through the channel buffer."),
				basic("What is a blocking receive?", "The calling process sleeps until the kernel has copied the message through the channel buffer.")}, nil,
			[]string{"What is a blocking send?", "What is a blocking receive?"}, nil, ""},
		{"duplicate of an existing card",
			[]cards.Card{basic("What is the capital of Kenya?", "Nairobi")},
			[]cards.Card{basic("Capital of Kenya", "Nairobi")},
			nil, []string{"What is the capital of Kenya?"}, "Capital of Kenya"},
		{"shared topic, different facts",
			[]cards.Card{basic("What is turnaround time?", "The time from a job's arrival until it completes."),
				basic("What is response time?", "The time from a job's arrival until it is first scheduled.")}, nil,
			[]string{"What is turnaround time?", "What is response time?"}, nil, ""},
		{"different kinds with the same question",
			[]cards.Card{{Kind: cards.KindReversed, Question: "uno", Answer: "one"}, {Kind: cards.KindBasic, Question: "uno", Answer: "one number"}}, nil,
			[]string{"uno", "uno"}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kept, dropped := Dedupe(tt.cands, tt.existing)
			if got := questions(kept); strings.Join(got, "|") != strings.Join(tt.kept, "|") {
				t.Errorf("kept %q, want %q", got, tt.kept)
			}
			var dq []string
			for _, r := range dropped {
				dq = append(dq, r.Card.Question)
				if !strings.Contains(r.Reason, tt.reasonHas) {
					t.Errorf("reason %q, want it to mention %q", r.Reason, tt.reasonHas)
				}
			}
			if strings.Join(dq, "|") != strings.Join(tt.dropped, "|") {
				t.Errorf("dropped %q, want %q", dq, tt.dropped)
			}
		})
	}
}

func questions(cs []cards.Card) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Question)
	}
	return out
}

func TestJaccard(t *testing.T) {
	tests := []struct {
		name string
		a, b []string
		want float64
	}{
		{"both empty", nil, nil, 0},
		{"one empty", []string{"a"}, nil, 0},
		{"equal", []string{"a", "b"}, []string{"a", "b"}, 1},
		{"half", []string{"a", "b", "c"}, []string{"b", "c", "d"}, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := jaccard(tt.a, tt.b); got != tt.want {
				t.Errorf("jaccard = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestContentStems(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"What is the capital of Kenya?", "capit kenya"},
		{"Combined, combines and combining", "combin"},
		{"The low-rank map", "low map rank"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := strings.Join(contentStems(tt.in), " "); got != tt.want {
				t.Errorf("contentStems(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNormalizeMatchesCards(t *testing.T) {
	for _, s := range []string{"", "What is  *Go*?", "ÉLAN vital — naïve", "a\xffb", "x_y-z 3.14", "İstanbul ǅ", "  lead and trail  "} {
		t.Run(s, func(t *testing.T) {
			if got, want := normalize(s), cards.Normalize(s); got != want {
				t.Errorf("normalize(%q) = %q, cards.Normalize = %q", s, got, want)
			}
		})
	}
}

func TestUnionMatchesJoinedStems(t *testing.T) {
	tests := []struct{ q, a string }{
		{"What is a semaphore?", "An integer variable with wait and signal."},
		{"", "Nairobi"},
		{"Capital of Kenya", ""},
		{"Combining", "combined combines"},
	}
	for _, tt := range tests {
		t.Run(tt.q+"|"+tt.a, func(t *testing.T) {
			got := strings.Join(union(contentStems(tt.q), contentStems(tt.a)), " ")
			want := strings.Join(contentStems(tt.q+" "+tt.a), " ")
			if got != want {
				t.Errorf("union = %q, want %q", got, want)
			}
		})
	}
}

func TestContainsAfterSpace(t *testing.T) {
	for _, s := range []string{"", " ", "a", " a", "aa a", " ab ab", "xab ab", " xab", "ab", " b a", "  aa"} {
		for _, sub := range []string{"", "a", "ab", "b", "aa", "x"} {
			if got, want := containsAfterSpace(s, sub), strings.Contains(s, " "+sub); got != want {
				t.Errorf("containsAfterSpace(%q, %q) = %v, want %v", s, sub, got, want)
			}
		}
	}
}
