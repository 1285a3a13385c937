package optimize

import (
	"math"
	"testing"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"
)

// fsrsRSBatch is the batch of fsrs-rs's test_loss_and_grad (training.rs):
// four histories, their target delta_t and outcome.
func fsrsRSBatch() []Item {
	cols := []struct {
		t, r []int
		dt   int
		ok   bool
	}{
		{[]int{0, 0, 0, 0, 1, 3}, []int{1, 3, 1, 4, 3, 2}, 4, true},
		{[]int{0, 0, 0, 1, 3, 6}, []int{2, 4, 4, 3, 1, 3}, 11, true},
		{[]int{0, 0, 0, 1, 3, 6}, []int{3, 2, 4, 3, 3, 3}, 12, true},
		{[]int{0, 0, 1, 3, 5, 12}, []int{4, 4, 3, 3, 3, 4}, 23, false},
	}
	var items []Item
	for _, c := range cols {
		var rs []Review
		for i := range c.t {
			rs = append(rs, Review{Rating: c.r[i], DeltaT: c.t[i]})
		}
		rating := 1
		if c.ok {
			rating = 3
		}
		items = append(items, Item{Reviews: append(rs, Review{Rating: rating, DeltaT: c.dt})})
	}
	return items
}

func batchLoss(items []Item, w fsrs.Weights) float64 {
	m := newModel(w)
	var loss float64
	for _, it := range items {
		p := m.predict(it)
		if it.recalled() {
			loss -= math.Log(p)
		} else {
			loss -= math.Log(1 - p)
		}
	}
	return loss
}

func TestLossAndGradientMatchFsrsRS(t *testing.T) {
	items := fsrsRSBatch()
	ones := []float64{1, 1, 1, 1}
	tr := &trainer{items: items, weights: ones, workers: 1}
	g, loss := tr.gradient(fsrs.DefaultWeights(), []int{0, 1, 2, 3})
	if math.Abs(loss-4.4467363) > 1e-5 {
		t.Errorf("loss = %.7f, fsrs-rs 4.4467363", loss)
	}
	want := grad{-0.05832, -0.00682, -0.00255, 0.010539, -0.05128, 1.364291, 0.083658, -0.95023,
		0.534472, -2.89288, 0.514163, -0.01306, 0.041905, -0.11830, -0.00092, -0.14452,
		0.202374, 0.214104, 0.032307}
	for i := range want {
		if math.Abs(g[i]-want[i]) > 1e-4+1e-4*math.Abs(want[i]) {
			t.Errorf("dloss/dw%d = %.6f, fsrs-rs %.6f", i, g[i], want[i])
		}
	}
}

// TestGradientMatchesFiniteDifferences checks the hand-derived gradient
// against central differences on random histories and weights, covering
// the short-term, success, lapse and lapse-floor formulas.
func TestGradientMatchesFiniteDifferences(t *testing.T) {
	rng := newTestRand(7)
	for trial := range 40 {
		var w fsrs.Weights
		for i := range w {
			lo, hi := bounds[i][0], bounds[i][1]
			if i < 4 {
				lo, hi = 0.2, 30
			}
			w[i] = lo + (hi-lo)*(0.1+0.8*rng.Float64())
		}
		var items []Item
		for range 6 {
			n := 2 + rng.IntN(10)
			rs := []Review{{Rating: 1 + rng.IntN(4)}}
			for len(rs) < n {
				dt := 0
				if rng.Float64() < 0.7 {
					dt = 1 + rng.IntN(40)
				}
				rs = append(rs, Review{Rating: 1 + rng.IntN(4), DeltaT: dt})
			}
			rs = append(rs, Review{Rating: 1 + rng.IntN(4), DeltaT: 1 + rng.IntN(60)})
			items = append(items, Item{Reviews: rs})
		}
		idx := make([]int, len(items))
		ones := make([]float64, len(items))
		for i := range idx {
			idx[i], ones[i] = i, 1
		}
		tr := &trainer{items: items, weights: ones, workers: 1}
		g, _ := tr.gradient(w, idx)
		for i := range w {
			h := 1e-6 * max(1, math.Abs(w[i]))
			up, down := w, w
			up[i] += h
			down[i] -= h
			fd := (batchLoss(items, up) - batchLoss(items, down)) / (2 * h)
			if math.Abs(fd-g[i]) > 1e-4*max(1, math.Abs(fd)) {
				t.Errorf("trial %d: dloss/dw%d = %.8f, finite difference %.8f", trial, i, g[i], fd)
			}
		}
	}
}
