package stats

import (
	"math"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks"
	"github.com/mnemo-app/mnemo/scheduler"
)

var (
	clock = scheduler.Clock{Location: time.UTC, RolloverHour: 4}
	now   = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
)

// at is a time daysAgo study days before today, at hour (UTC).
func at(daysAgo, hour int) time.Time {
	return time.Date(2026, 11, 27-daysAgo, hour, 0, 0, 0, time.UTC)
}

func review(card cards.ID, t time.Time, r cards.Rating, before cards.State, ivl uint64) cards.Review {
	return cards.Review{CardID: card, Time: t, Rating: r, StateBefore: before, DurationMS: 1000,
		Prev: cards.Schedule{ScheduledDays: ivl}}
}

func card(id cards.ID, state cards.State, due time.Time, s, d float64) cards.Card {
	return cards.Card{ID: id, Added: at(2, 10), Schedule: cards.Schedule{State: state, Due: due, Stability: s,
		Difficulty: d, LastReview: now.Add(-24 * time.Hour)}}
}

func TestCompute(t *testing.T) {
	reviews := []cards.Review{
		// Today (the study day began at 04:00): a new card twice, a review.
		review("a", at(0, 5), cards.Again, cards.StateNew, 0),
		review("a", at(0, 6), cards.Good, cards.StateLearning, 0),
		review("b", at(0, 7), cards.Good, cards.StateReview, 30),
		// 03:00 today is still yesterday's study day.
		review("c", at(0, 3), cards.Again, cards.StateReview, 5),
		review("c", at(2, 12), cards.Hard, cards.StateReview, 4),
		// Ten and a hundred days ago, then a run of five days.
		review("d", at(10, 12), cards.Again, cards.StateReview, 40),
		review("d", at(100, 12), cards.Good, cards.StateReview, 3),
		review("e", at(20, 12), cards.Good, cards.StateNew, 0),
		review("e", at(21, 12), cards.Good, cards.StateNew, 0),
		review("e", at(22, 12), cards.Good, cards.StateNew, 0),
		review("e", at(23, 12), cards.Good, cards.StateNew, 0),
		review("e", at(24, 12), cards.Good, cards.StateNew, 0),
		// A review after now (clock set back) is ignored.
		review("e", at(-1, 12), cards.Good, cards.StateReview, 3),
	}
	orphan := card("o", cards.StateReview, at(1, 12), 5, 5)
	orphan.Orphaned = true
	susp := card("s", cards.StateReview, at(1, 12), 5, 5)
	susp.Suspended = true
	cs := []cards.Card{
		card("a", cards.StateLearning, at(0, 9).Add(10*time.Minute), 0.5, 6),
		card("b", cards.StateReview, at(-3, 12), 10, 2.5),
		card("c", cards.StateRelearning, at(1, 12), 2, 9.5), // overdue: due today
		card("d", cards.StateReview, at(-40, 12), 200, 4),   // beyond the forecast
		card("n", cards.StateNew, time.Time{}, 0, 0),
		orphan, susp,
	}
	st := Compute(Input{Now: now, Clock: clock, Cards: cs, Reviews: reviews, Days: 7, DesiredRetention: 0.9})

	checks := []struct {
		name      string
		got, want any
	}{
		{"today date", st.Today.Date, "2026-11-27"},
		{"today reviews", st.Today.Reviews, 3},
		{"today again", st.Today.Again, 1},
		{"today again rate", st.Today.AgainRate, 1.0 / 3},
		{"today time", st.Today.TimeMS, int64(3000)},
		{"today new cards", st.Today.NewCards, 1},
		{"7d young", st.Retention["7d"].Young, Retention{TrueRetention: 0.5, Reviews: 2}},
		{"7d mature", st.Retention["7d"].Mature, Retention{TrueRetention: 1, Reviews: 1}},
		{"30d mature", st.Retention["30d"].Mature, Retention{TrueRetention: 0.5, Reviews: 2}},
		{"365d all", st.Retention["365d"].All, Retention{TrueRetention: 0.6, Reviews: 5}},
		{"desired", st.DesiredRetention, 0.9},
		{"days", len(st.ReviewsPerDay), 7},
		{"today per day", st.ReviewsPerDay[6], DayReviews{Date: "2026-11-27", Reviews: 3, Again: 1}},
		{"yesterday per day", st.ReviewsPerDay[5], DayReviews{Date: "2026-11-26", Reviews: 1, Again: 1}},
		{"calendar length", len(st.Calendar), CalendarDays},
		{"calendar 100 days ago", st.Calendar[CalendarDays-101], DayCount{Date: "2026-08-19", Count: 1}},
		{"forecast today", st.Forecast[0], DayDue{Date: "2026-11-27", Due: 2}},
		{"forecast +3", st.Forecast[3], DayDue{Date: "2026-11-30", Due: 1}},
		{"due 7", st.Due7, 3},
		{"due 30", st.Due30, 3},
		{"states", st.States, States{New: 1, Learning: 1, Review: 2, Relearning: 1, Suspended: 1, Orphaned: 1}},
		{"stability <1d", st.Stability[0].Cards, 1},
		{"stability 1w-1m", st.Stability[2].Cards, 1},
		{"stability 6m-1y", st.Stability[5].Cards, 1},
		{"difficulty 9-10", st.Difficulty[8].Cards, 1},
		{"streak", st.Streak, Streak{Current: 3, Longest: 5}},
		{"added 2 days ago", st.AddedPerDay[4], DayCount{Date: "2026-11-25", Count: len(cs)}},
	}
	for _, c := range checks {
		if g, ok := c.got.(float64); ok {
			if math.Abs(g-c.want.(float64)) > 1e-12 {
				t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
			}
			continue
		}
		if c.got != c.want {
			t.Errorf("%s = %+v, want %+v", c.name, c.got, c.want)
		}
	}
	// Retrievability: the five cards with a memory state that are not
	// orphaned, each reviewed a day ago.
	total, sum := 0, 0.0
	for _, b := range st.Retrievability {
		total += b.Cards
	}
	for _, c := range cs[:4] {
		sum += scheduler.New(decks.DefaultOptions()).Retrievability(c, now)
	}
	sum += scheduler.New(decks.DefaultOptions()).Retrievability(susp, now)
	if total != 5 || math.Abs(st.AverageRetrievability-sum/5) > 1e-12 {
		t.Errorf("retrievability over %d cards, mean %v; want 5 cards, mean %v", total, st.AverageRetrievability, sum/5)
	}
}

func TestStreak(t *testing.T) {
	tests := []struct {
		name string
		days []int // days ago with reviews
		want Streak
	}{
		{"nothing", nil, Streak{}},
		{"today only", []int{0}, Streak{1, 1}},
		{"not yet today", []int{1, 2}, Streak{2, 2}},
		{"broken yesterday", []int{0, 2, 3, 4}, Streak{1, 3}},
		{"two days ago", []int{2}, Streak{0, 1}},
	}
	for _, tt := range tests {
		var rs []cards.Review
		for _, d := range tt.days {
			rs = append(rs, review("x", at(d, 12), cards.Good, cards.StateReview, 1))
		}
		if got := Compute(Input{Now: now, Clock: clock, Reviews: rs}).Streak; got != tt.want {
			t.Errorf("%s: streak %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func TestRolloverInTimeZone(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no tz data")
	}
	clk := scheduler.Clock{Location: ny, RolloverHour: 4}
	// 2026-11-27 08:30 UTC is 03:30 in New York: still the 26th's study day.
	rs := []cards.Review{review("x", time.Date(2026, 11, 27, 8, 30, 0, 0, time.UTC), cards.Good, cards.StateReview, 1)}
	st := Compute(Input{Now: time.Date(2026, 11, 27, 15, 0, 0, 0, time.UTC), Clock: clk, Reviews: rs, Days: 2})
	if st.Today.Reviews != 0 || st.ReviewsPerDay[0] != (DayReviews{Date: "2026-11-26", Reviews: 1}) {
		t.Errorf("today %+v, per day %+v; want the review on 2026-11-26", st.Today, st.ReviewsPerDay)
	}
}
