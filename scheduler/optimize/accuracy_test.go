package optimize

import (
	"context"
	"testing"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"
)

// trueWeights are the simulated learner's: plausible FSRS-5 weights well
// away from the defaults.
var trueWeights = fsrs.Weights{0.6, 1.8, 4.5, 12.0, 6.8, 0.45, 1.9, 0.02, 1.35, 0.18, 0.95,
	1.7, 0.08, 0.35, 1.9, 0.35, 2.5, 0.6, 0.4}

func TestExperiment(t *testing.T) {
	cards := Simulate(SimConfig{Weights: trueWeights, Cards: 5000, NewPerDay: 20, Days: 365, Retention: 0.9, Seed: 1})
	n := 0
	for _, c := range cards {
		n += len(c.Reviews)
	}
	train, test := SplitItems(cards, 300)
	t0 := time.Now()
	res, err := Train(context.Background(), train, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("reviews %d train %d test %d time %v res %+v", n, len(train), len(test), time.Since(t0), res)
	t.Logf("true: %+v", Evaluate(test, trueWeights))
	t.Logf("fit:  %+v", Evaluate(test, res.Weights))
	t.Logf("def:  %+v", Evaluate(test, fsrs.DefaultWeights()))
}
