package optimize

import (
	"fmt"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/scheduler"
)

// BenchmarkFromReviews turns the simulated year (50,121 reviews) into
// items from a review log, as mnemo optimize does.
func BenchmarkFromReviews(b *testing.B) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var log []cards.Review
	for ci, c := range Simulate(SimConfig{Weights: trueWeights, Cards: 5000, NewPerDay: 20, Days: 365, Retention: 0.9, Seed: 1}) {
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
	clock := scheduler.Clock{Location: time.UTC, RolloverHour: 4}
	b.ResetTimer()
	var ds Dataset
	for b.Loop() {
		ds = FromReviews(log, clock)
	}
	b.ReportMetric(float64(len(ds.Items)), "items")
}
