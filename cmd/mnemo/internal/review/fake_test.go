package review

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/scheduler/study"
)

// fakeIntervals are the fake session's fixed intervals, the FSRS ones of a
// new card.
var fakeIntervals = [4]time.Duration{time.Minute, 5 * time.Minute, 10 * time.Minute, 16 * 24 * time.Hour}

// fakeSession is a Session over a fixed queue with fixed intervals: Again
// and Hard put the card back at the end of the queue as learning, Good
// and Easy take it out; suspend and bury take it out too. Every change can
// be undone. errs makes the next call of a method ("answer", "undo",
// "suspend", "bury", "reload") fail once.
type fakeSession struct {
	queue   []cards.Card
	leeches map[cards.ID]bool // Again makes these a leech (and suspends them)
	errs    map[string]error
	history []fakeState
	sum     study.Summary
	calls   []string        // "answer good", "suspend <id>", ...
	tooks   []time.Duration // per answer
	reloads int
	// reload, when set, replaces the queue on Reload (an edited note).
	reload []cards.Card
}

type fakeState struct {
	queue []cards.Card
	sum   study.Summary
}

func newFake(cs ...cards.Card) *fakeSession {
	return &fakeSession{
		queue:   slices.Clone(cs),
		leeches: map[cards.ID]bool{},
		errs:    map[string]error{},
		sum:     study.Summary{StudiedByDeck: map[string]int{}},
	}
}

func (f *fakeSession) fail(method string) error {
	if err, ok := f.errs[method]; ok {
		delete(f.errs, method)
		return err
	}
	return nil
}

func (f *fakeSession) save() {
	s := f.sum
	s.StudiedByDeck = maps.Clone(f.sum.StudiedByDeck)
	f.history = append(f.history, fakeState{queue: slices.Clone(f.queue), sum: s})
}

func (f *fakeSession) Current() (cards.Card, bool) {
	if len(f.queue) == 0 {
		return cards.Card{}, false
	}
	return f.queue[0], true
}

func (f *fakeSession) Counts() study.Counts {
	var c study.Counts
	for _, x := range f.queue {
		switch x.Schedule.State {
		case cards.StateNew:
			c.New++
		case cards.StateReview:
			c.Review++
		default:
			c.Learning++
		}
	}
	return c
}

func (f *fakeSession) Intervals() [4]time.Duration { return fakeIntervals }

func (f *fakeSession) Answer(r cards.Rating, took time.Duration) (study.Outcome, error) {
	f.calls = append(f.calls, "answer "+r.String())
	if err := f.fail("answer"); err != nil {
		return study.Outcome{}, err
	}
	if len(f.queue) == 0 {
		return study.Outcome{}, fmt.Errorf("no card to answer")
	}
	f.save()
	f.tooks = append(f.tooks, took)
	c := f.queue[0]
	f.queue = f.queue[1:]
	f.sum.Reviewed++
	f.sum.Elapsed += took
	f.sum.StudiedByDeck[c.Deck]++
	var out study.Outcome
	switch r {
	case cards.Again, cards.Hard:
		if r == cards.Again {
			f.sum.Again++
		}
		if r == cards.Again && f.leeches[c.ID] {
			out.Leech = true
			out.Message = "card " + string(c.ID) + " is a leech: tagged leech and suspended"
			break
		}
		c.Schedule.State = cards.StateLearning
		f.queue = append(f.queue, c)
	default:
		f.sum.DueTomorrow++
	}
	out.Next = c.Schedule
	out.Next.Due = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(fakeIntervals[r-1])
	return out, nil
}

func (f *fakeSession) Undo() (cards.Card, bool, error) {
	f.calls = append(f.calls, "undo")
	if err := f.fail("undo"); err != nil {
		return cards.Card{}, false, err
	}
	if len(f.history) == 0 {
		return cards.Card{}, false, nil
	}
	last := f.history[len(f.history)-1]
	f.history = f.history[:len(f.history)-1]
	f.queue, f.sum = last.queue, last.sum
	return f.queue[0], true, nil
}

func (f *fakeSession) hide(method string) error {
	if len(f.queue) == 0 {
		return fmt.Errorf("no card to %s", method)
	}
	f.calls = append(f.calls, method+" "+string(f.queue[0].ID))
	if err := f.fail(method); err != nil {
		return err
	}
	f.save()
	f.queue = f.queue[1:]
	return nil
}

func (f *fakeSession) Suspend() error { return f.hide("suspend") }
func (f *fakeSession) Bury() error    { return f.hide("bury") }

func (f *fakeSession) Reload() error {
	f.calls = append(f.calls, "reload")
	if err := f.fail("reload"); err != nil {
		return err
	}
	f.reloads++
	if f.reload != nil {
		f.queue = slices.Clone(f.reload)
	}
	return nil
}

func (f *fakeSession) Summary() study.Summary {
	s := f.sum
	s.StudiedByDeck = maps.Clone(f.sum.StudiedByDeck)
	s.NewTomorrow = 20
	return s
}

// Test cards: a basic card with Markdown and context, a cloze, a card
// with a code block, a reversed card without context.
var (
	cardBasic = cards.Card{
		ID: "kenyacapit", Kind: cards.KindBasic, Deck: "geo",
		Question: "What is the capital of **Kenya**?", Answer: "Nairobi",
		Context: []string{"Geography", "Africa"},
		Source:  cards.Source{Path: "/notes/geo.md", Line: 12, EndLine: 12},
	}
	cardCloze = cards.Card{
		ID: "juliagilla", Kind: cards.KindCloze, Deck: "geo::australia", Ord: 1,
		Question: "The first female PM of Australia was [...].", Answer: "Julia Gillard",
		Text:     "The first female PM of Australia was {{c1::Julia Gillard}}, from {{c2::2010}}.",
		Context:  []string{"Australia", "Politics"},
		Source:   cards.Source{Path: "/notes/au.md", Line: 3, EndLine: 3},
		Schedule: cards.Schedule{State: cards.StateReview},
	}
	cardCode = cards.Card{
		ID: "gosumprint", Kind: cards.KindBasic, Deck: "geo",
		Question: "What does this print?\n\n```go\nfmt.Println(1 + 2)\n```",
		Answer:   "`3`, then a newline.",
		Source:   cards.Source{Path: "/notes/go.md", Line: 40, EndLine: 44},
		Schedule: cards.Schedule{State: cards.StateLearning},
	}
	cardReversed = cards.Card{
		ID: "unoreverse", Kind: cards.KindReversed, Deck: "geo",
		Question: "one", Answer: "uno",
	}
)
