package scheduler_test

import (
	"fmt"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks"
	"github.com/mnemo-app/mnemo/scheduler"
)

func ExampleFormatInterval() {
	for _, d := range []time.Duration{time.Minute, 10 * time.Minute, 3 * 24 * time.Hour, 64 * 24 * time.Hour, 548 * 24 * time.Hour} {
		fmt.Println(scheduler.FormatInterval(d))
	}
	// Output:
	// 1m
	// 10m
	// 3d
	// 2.1mo
	// 1.5y
}

func ExampleScheduler_Answer() {
	opts := decks.DefaultOptions()
	opts.Fuzz = false
	s := scheduler.New(opts)
	now := time.Date(2025, 3, 5, 10, 0, 0, 0, time.UTC)
	c := cards.Card{ID: "abcdefghij", Schedule: cards.Schedule{State: cards.StateNew}}

	for i, d := range s.Preview(c, now) {
		fmt.Printf("%s: %s\n", cards.Rating(i+1), scheduler.FormatInterval(d))
	}
	rev, _ := s.Answer(&c, cards.Good, now, 4*time.Second)
	fmt.Println(rev.StateBefore, "->", rev.StateAfter, "due", c.Schedule.Due.Format(time.Kitchen))

	scheduler.Undo(&c, rev)
	fmt.Println("after undo:", c.Schedule.State)
	// Output:
	// again: 1m
	// hard: 5m
	// good: 10m
	// easy: 16d
	// new -> learning due 10:10AM
	// after undo: new
}

func ExampleBuild() {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	now := time.Date(2025, 6, 2, 20, 0, 0, 0, berlin)
	due := cards.Card{ID: "review0001", Deck: "bio", Schedule: cards.Schedule{
		State: cards.StateReview, Stability: 5, Difficulty: 5,
		LastReview: now.AddDate(0, 0, -5), Due: now.Add(-time.Hour),
	}}
	fresh := cards.Card{ID: "new0000001", Deck: "bio", Position: 1}

	q := scheduler.Build(scheduler.QueueInput{
		Now:   now,
		Clock: scheduler.Clock{Location: berlin, RolloverHour: 4},
		Due:   []cards.Card{due},
		New:   []cards.Card{fresh},
	})
	n, l, r := q.Counts()
	fmt.Printf("new %d, learning %d, review %d; day ends %s\n", n, l, r, q.DayEnd().Format("Jan 2 15:04"))
	c, _ := q.Next(now)
	fmt.Println("first:", c.ID)
	// Output:
	// new 1, learning 0, review 1; day ends Jun 3 04:00
	// first: review0001
}
