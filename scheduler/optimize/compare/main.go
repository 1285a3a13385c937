// Command compare checks mnemo's FSRS optimizer against the reference,
// fsrs-rs, on the same simulated review log.
//
// It simulates a learner whose memory follows FSRS-5 with known weights,
// splits the items chronologically (training before -split, testing
// after), trains mnemo's optimizer, prints the held-out log loss and
// RMSE(bins) of the trained, true and default weights, and writes the
// split items and the weights as JSON for compare.mjs, which trains fsrs-rs
// (npm @open-spaced-repetition/binding, FSRS-6) on the same training items
// and evaluates both on the same test items:
//
//	cd scheduler/optimize/compare
//	go run . -out data.json
//	npm install && node compare.mjs data.json
//
// go test never needs node: this program only writes the data.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"

	"github.com/mnemo-app/mnemo/scheduler/optimize"
)

// data is what compare.mjs reads: items as [rating, delta_t] pairs.
type data struct {
	Train       [][][2]int `json:"train"`
	Test        [][][2]int `json:"test"`
	TrueWeights []float64  `json:"true_weights"`
	GoWeights   []float64  `json:"go_weights"`
	GoSeconds   float64    `json:"go_seconds"`
	Reviews     int        `json:"reviews"`
}

// trueWeights are the simulated learner's, away from the defaults.
var trueWeights = fsrs.Weights{0.6, 1.8, 4.5, 12.0, 6.8, 0.45, 1.9, 0.02, 1.35, 0.18, 0.95,
	1.7, 0.08, 0.35, 1.9, 0.35, 2.5, 0.6, 0.4}

func main() {
	out := flag.String("out", "data.json", "write the split items and weights to `FILE`")
	cardsN := flag.Int("cards", 5000, "simulated cards")
	days := flag.Int("days", 365, "simulated days")
	split := flag.Int("split", 300, "first test `DAY`")
	seed := flag.Uint64("seed", 1, "simulation seed")
	flag.Parse()
	if err := run(*out, *cardsN, *days, *split, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(1)
	}
}

func run(out string, cardsN, days, split int, seed uint64) error {
	sim := optimize.Simulate(optimize.SimConfig{Weights: trueWeights, Cards: cardsN, NewPerDay: 20,
		Days: days, Retention: 0.9, Seed: seed})
	reviews := 0
	for _, c := range sim {
		reviews += len(c.Reviews)
	}
	train, test := optimize.SplitItems(sim, split)
	start := time.Now()
	res, err := optimize.Train(context.Background(), train, optimize.Options{})
	if err != nil {
		return err
	}
	took := time.Since(start)
	fmt.Printf("simulated %d cards, %d reviews; %d training items (before day %d), %d test items\n",
		len(sim), reviews, len(train), split, len(test))
	fmt.Printf("mnemo optimizer: %s in %v\n", res.Stage, took.Round(time.Millisecond))
	for _, row := range []struct {
		name string
		w    fsrs.Weights
	}{{"true weights", trueWeights}, {"mnemo (FSRS-5)", res.Weights}, {"defaults", fsrs.DefaultWeights()}} {
		m := optimize.Evaluate(test, row.w)
		fmt.Printf("  %-16s held-out log loss %.5f  RMSE(bins) %.4f\n", row.name, m.LogLoss, m.RMSEBins)
	}
	d := data{Train: pairs(train), Test: pairs(test), TrueWeights: trueWeights[:], GoWeights: res.Weights[:],
		GoSeconds: took.Seconds(), Reviews: reviews}
	b, err := json.Marshal(d)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, b, 0o644); err != nil {
		return err
	}
	fmt.Printf("wrote %s: run 'node compare.mjs %s' for fsrs-rs on the same split\n", out, out)
	return nil
}

func pairs(items []optimize.Item) [][][2]int {
	out := make([][][2]int, len(items))
	for i, it := range items {
		out[i] = make([][2]int, len(it.Reviews))
		for j, r := range it.Reviews {
			out[i][j] = [2]int{r.Rating, r.DeltaT}
		}
	}
	return out
}
