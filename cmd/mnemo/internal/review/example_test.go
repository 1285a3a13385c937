package review_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/cmd/mnemo/internal/review"
	"github.com/mnemo-app/mnemo/scheduler/study"
)

// listSession is a minimal Session: it shows each card once and forgets
// the answers. The real one schedules with FSRS and stores every answer.
type listSession struct {
	queue []cards.Card
	sum   study.Summary
}

func (l *listSession) Current() (cards.Card, bool) {
	if len(l.queue) == 0 {
		return cards.Card{}, false
	}
	return l.queue[0], true
}

func (l *listSession) Counts() study.Counts { return study.Counts{New: len(l.queue)} }

func (l *listSession) Intervals() [4]time.Duration {
	return [4]time.Duration{time.Minute, 5 * time.Minute, 10 * time.Minute, 16 * 24 * time.Hour}
}

func (l *listSession) Answer(r cards.Rating, took time.Duration) (study.Outcome, error) {
	l.queue = l.queue[1:]
	l.sum.Reviewed++
	if r == cards.Again {
		l.sum.Again++
	}
	return study.Outcome{}, nil
}

func (l *listSession) Undo() (cards.Card, bool, error) { return cards.Card{}, false, nil }
func (l *listSession) Suspend() error                  { l.queue = l.queue[1:]; return nil }
func (l *listSession) Bury() error                     { l.queue = l.queue[1:]; return nil }
func (l *listSession) Reload() error                   { return nil }
func (l *listSession) Summary() study.Summary          { return l.sum }

func ExampleRunPlain() {
	s := &listSession{queue: []cards.Card{
		{ID: "kenyacapit", Deck: "geo", Question: "Capital of **Kenya**?", Answer: "Nairobi", Context: []string{"Africa"}},
		{ID: "juliagilla", Deck: "geo", Question: "The first female PM of Australia was [...].", Answer: "Julia Gillard"},
	}}
	// Show the answer, rate it Good; show the next one, rate it Again.
	input := strings.NewReader("\n3\n\nagain\n")
	sum, err := review.RunPlain(context.Background(), s, input, os.Stdout)
	if err != nil {
		fmt.Println(err)
	}
	fmt.Println(sum.Reviewed, "reviewed")
	// Output:
	// card kenyacapit · geo · 2 new · 0 learning · 0 review
	// context: Africa
	// Q: Capital of Kenya?
	// [enter] show answer
	// A: Nairobi
	// rate: 1 again (1m) · 2 hard (5m) · 3 good (10m) · 4 easy (16d)
	// rated good · next in 10m
	// card juliagilla · geo · 1 new · 0 learning · 0 review
	// Q: The first female PM of Australia was [...].
	// [enter] show answer
	// A: Julia Gillard
	// rate: 1 again (1m) · 2 hard (5m) · 3 good (10m) · 4 easy (16d)
	// rated again · next in 1m
	// done: no more cards due
	// summary: 2 reviewed · 1 again (50%) · 0s · 0 due tomorrow · 0 new tomorrow
	// 2 reviewed
}
