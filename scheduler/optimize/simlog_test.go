package optimize

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/scheduler"
)

// simulatedLog is the simulated year as a review log in UTC.
func simulatedLog(sim []SimCard) []cards.Review {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var log []cards.Review
	for ci, c := range sim {
		id := cards.ID(fmt.Sprintf("c%05d", ci))
		for i, r := range c.Reviews {
			st := cards.StateReview
			if i == 0 {
				st = cards.StateNew
			}
			log = append(log, cards.Review{CardID: id, Rating: cards.Rating(r.Rating), StateBefore: st,
				Time: start.Add(time.Duration(r.Day)*24*time.Hour + time.Duration(r.Minute)*time.Minute)})
		}
	}
	return log
}

// TestFromReviewsMatchesTheSimulation: the items built from the review log
// (times, rollover, per-card grouping) are the simulation's own.
func TestFromReviewsMatchesTheSimulation(t *testing.T) {
	sim := Simulate(SimConfig{Weights: trueWeights, Cards: 500, NewPerDay: 20, Days: 120, Retention: 0.9, Seed: 5})
	want, _ := SplitItems(sim, 1<<30)
	got := FromReviews(simulatedLog(sim), scheduler.Clock{Location: time.UTC, RolloverHour: 4}).Items
	if len(got) != len(want) {
		t.Fatalf("%d items from the log, %d simulated", len(got), len(want))
	}
	for i := range got {
		if !slices.Equal(got[i].Reviews, want[i].Reviews) {
			t.Fatalf("item %d: %v from the log, %v simulated", i, got[i].Reviews, want[i].Reviews)
		}
	}
}

// BenchmarkFromReviews turns the simulated year (50,121 reviews) into
// items from a review log, as mnemo optimize does.
func BenchmarkFromReviews(b *testing.B) {
	log := simulatedLog(Simulate(SimConfig{Weights: trueWeights, Cards: 5000, NewPerDay: 20, Days: 365, Retention: 0.9, Seed: 1}))
	clock := scheduler.Clock{Location: time.UTC, RolloverHour: 4}
	b.ResetTimer()
	var ds Dataset
	for b.Loop() {
		ds = FromReviews(log, clock)
	}
	b.ReportMetric(float64(len(ds.Items)), "items")
}
