package optimize

import (
	"context"
	"sync"
	"testing"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"
)

// trueWeights are the simulated learner's: plausible FSRS-5 weights well
// away from the defaults.
var trueWeights = fsrs.Weights{0.6, 1.8, 4.5, 12.0, 6.8, 0.45, 1.9, 0.02, 1.35, 0.18, 0.95,
	1.7, 0.08, 0.35, 1.9, 0.35, 2.5, 0.6, 0.4}

// simulated is a year of reviews of 5,000 cards (about 50,000 reviews),
// split at day 300: items before train, items after test.
var simulated = sync.OnceValues(func() (train, test []Item) {
	cards := Simulate(SimConfig{Weights: trueWeights, Cards: 5000, NewPerDay: 20, Days: 365, Retention: 0.9, Seed: 1})
	return SplitItems(cards, 300)
})

// TestRecoversKnownWeights trains on the first 300 days of a simulated
// learner and checks that the held-out log loss of the trained weights is
// within 0.002 of the true weights' (and clearly better than the
// defaults').
func TestRecoversKnownWeights(t *testing.T) {
	if testing.Short() {
		t.Skip("trains on 50,000 simulated reviews")
	}
	train, test := simulated()
	res, err := Train(context.Background(), train, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Stage != StageTrained {
		t.Fatalf("stage %s: %s", res.Stage, res.Message)
	}
	truth, fit, def := Evaluate(test, trueWeights), Evaluate(test, res.Weights), Evaluate(test, fsrs.DefaultWeights())
	t.Logf("held-out items %d: log loss true %.5f, trained %.5f, default %.5f; RMSE(bins) %.4f / %.4f / %.4f",
		fit.Items, truth.LogLoss, fit.LogLoss, def.LogLoss, truth.RMSEBins, fit.RMSEBins, def.RMSEBins)
	if gap := fit.LogLoss - truth.LogLoss; gap > 0.002 {
		t.Errorf("held-out log loss %.5f is %.5f above the true weights' %.5f (limit 0.002)", fit.LogLoss, gap, truth.LogLoss)
	}
	if fit.LogLoss >= def.LogLoss {
		t.Errorf("trained log loss %.5f not below the defaults' %.5f", fit.LogLoss, def.LogLoss)
	}
	if err := CheckBounds(res.Weights); err != nil {
		t.Errorf("trained weights out of bounds: %v", err)
	}
}

// BenchmarkTrain trains on the simulated year (about 50,000 reviews) and
// reports the held-out log loss gap to the true weights.
func BenchmarkTrain(b *testing.B) {
	train, test := simulated()
	reviews := 0
	for _, c := range Simulate(SimConfig{Weights: trueWeights, Cards: 5000, NewPerDay: 20, Days: 365, Retention: 0.9, Seed: 1}) {
		reviews += len(c.Reviews)
	}
	truth := Evaluate(test, trueWeights)
	b.ResetTimer()
	var res Result
	for b.Loop() {
		var err error
		if res, err = Train(context.Background(), train, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(reviews), "reviews")
	b.ReportMetric(float64(len(train)), "items")
	b.ReportMetric(Evaluate(test, res.Weights).LogLoss-truth.LogLoss, "logloss-gap")
}

// BenchmarkEvaluate measures the metrics pass over the held-out items.
func BenchmarkEvaluate(b *testing.B) {
	_, test := simulated()
	for b.Loop() {
		Evaluate(test, trueWeights)
	}
}
