package scheduler

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks"
)

// benchInput is today's queue input for a collection of 100,000 cards of
// which the store's indexes hand over due (learning and review cards due
// today) and newN new cards; the rest stay in the store. Cards live in 60
// decks three levels deep with options resolved as the store would.
func benchInput(due, newN int) QueueInput {
	rng := rand.New(rand.NewPCG(1, 2))
	deckNames := make([]string, 0, 60)
	for a := range 3 {
		for b := range 4 {
			for c := range 5 {
				deckNames = append(deckNames, fmt.Sprintf("top%d::mid%d::leaf%d", a, b, c))
			}
		}
	}
	n200 := 200
	set := map[string]decks.Options{"top0": {NewPerDay: &n200}, "top1::mid2": {ReviewsPerDay: &n200}}
	opts := func(deck string) decks.Effective { return decks.Resolve(deck, set) }

	in := QueueInput{Now: qnow, Clock: qclock, Options: opts}
	in.Due = make([]cards.Card, due)
	for i := range in.Due {
		id := cards.ID(fmt.Sprintf("c%09d", i))
		c := cards.Card{ID: id, Note: cards.ID(fmt.Sprintf("n%08d", i/2)), Deck: deckNames[rng.IntN(len(deckNames))],
			Tags: []string{"t"}, Context: []string{"A", "B"}, Question: "q", Answer: "a"}
		if i%50 == 0 {
			c.Schedule = cards.Schedule{State: cards.StateLearning, Stability: 1, Difficulty: 5,
				Due: qnow.Add(time.Duration(rng.IntN(40)-20) * time.Minute), LastReview: qnow.Add(-time.Hour), Reps: 1}
		} else {
			s := 1 + rng.Float64()*200
			elapsed := s * (0.8 + rng.Float64())
			last := qnow.Add(-time.Duration(elapsed * float64(24*time.Hour)))
			c.Schedule = cards.Schedule{State: cards.StateReview, Stability: s, Difficulty: 1 + rng.Float64()*9,
				LastReview: last, Due: last.Add(time.Duration(s) * 24 * time.Hour), Reps: 5}
		}
		if i%97 == 0 {
			c.Suspended = true
		}
		in.Due[i] = c
	}
	in.New = make([]cards.Card, newN)
	for i := range in.New {
		in.New[i] = cards.Card{ID: cards.ID(fmt.Sprintf("x%09d", i)), Note: cards.ID(fmt.Sprintf("m%08d", i/3)),
			Deck: deckNames[i%len(deckNames)], Position: uint64(i), Schedule: cards.Schedule{State: cards.StateNew}}
	}
	for i := range 150 {
		in.Studied = append(in.Studied, Studied{CardID: in.Due[i].ID, Note: in.Due[i].Note, Deck: in.Due[i].Deck,
			WasNew: i%5 == 0, Time: qnow.Add(-time.Duration(i) * time.Minute)})
	}
	return in
}

// BenchmarkBuildQueue measures building today's queue and showing its
// first card in a 100,000-card collection.
func BenchmarkBuildQueue(b *testing.B) {
	for _, size := range []struct{ due, new int }{{5000, 100}, {20000, 1000}} {
		in := benchInput(size.due, size.new)
		b.Run(fmt.Sprintf("due=%d,new=%d", size.due, size.new), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				q := Build(in)
				if _, ok := q.Next(qnow); !ok {
					b.Fatal("empty queue")
				}
			}
		})
	}
}

// BenchmarkSession works through a whole day's queue: Next, Answer and
// Answered for every card.
func BenchmarkSession(b *testing.B) {
	in := benchInput(20000, 1000)
	s := New(decks.DefaultOptions())
	b.ReportAllocs()
	for b.Loop() {
		q := Build(in)
		now := qnow
		for {
			c, ok := q.Next(now)
			if !ok {
				break
			}
			s.Answer(&c, cards.Good, now, time.Second)
			q.Answered(c, now)
			now = now.Add(10 * time.Second)
		}
	}
}

func BenchmarkAnswer(b *testing.B) {
	s := New(decks.DefaultOptions())
	c := reviewed("b", 20, 21, t0)
	b.ReportAllocs()
	for b.Loop() {
		cc := c
		s.Answer(&cc, cards.Good, t0, time.Second)
	}
}

func BenchmarkPreview(b *testing.B) {
	s := New(decks.DefaultOptions())
	c := reviewed("b", 20, 21, t0)
	b.ReportAllocs()
	for b.Loop() {
		s.Preview(c, t0)
	}
}

func BenchmarkDayNumber(b *testing.B) {
	c := Clock{Location: qzone, RolloverHour: 4}
	b.ReportAllocs()
	for b.Loop() {
		c.DayNumber(qnow)
	}
}
