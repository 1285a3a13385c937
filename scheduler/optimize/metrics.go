package optimize

import (
	"math"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"
)

// Metrics measure how well weights predict recall on a set of items.
type Metrics struct {
	// LogLoss is the mean binary cross-entropy of the predicted recall
	// against the outcome (Again or not), every item weighing the same.
	LogLoss float64 `json:"log_loss"`
	// RMSEBins is the FSRS benchmark's RMSE(bins): items are binned by
	// delta_t, number of long-term reviews and lapses (fsrs-rs's bins), and
	// the gap between mean prediction and mean outcome per bin is averaged
	// as a root mean square weighted by bin size.
	RMSEBins float64 `json:"rmse_bins"`
	// Items is the number of items measured.
	Items int `json:"items"`
}

// Evaluate measures w on items. It returns zero Metrics for no items.
func Evaluate(items []Item, w fsrs.Weights) Metrics {
	if len(items) == 0 {
		return Metrics{}
	}
	m := newModel(w)
	type bin struct{ pred, real, n float64 }
	bins := map[[3]int]*bin{}
	var loss float64
	for i, p := range m.predictAll(items) {
		it := items[i]
		y := 0.0
		if it.recalled() {
			y = 1
			loss -= math.Log(p)
		} else {
			loss -= math.Log(1 - p)
		}
		k := binOf(it)
		b := bins[k]
		if b == nil {
			b = &bin{}
			bins[k] = b
		}
		b.pred += p
		b.real += y
		b.n++
	}
	var se, n float64
	for _, b := range bins {
		d := b.pred/b.n - b.real/b.n
		se += d * d * b.n
		n += b.n
	}
	return Metrics{LogLoss: loss / float64(len(items)), RMSEBins: math.Sqrt(se / n), Items: len(items)}
}

// binOf is fsrs-rs's RMSE bin of an item: delta_t, review count and lapse
// count, each on a logarithmic scale.
func binOf(it Item) [3]int {
	logBin := func(x, scale, base float64) int {
		return int(math.Round(scale * math.Pow(base, math.Floor(math.Log(x)/math.Log(base)))))
	}
	dt := float64(it.target().DeltaT)
	length := float64(it.longTermCount() + 1)
	lapses := 0
	for _, r := range it.Reviews[:len(it.Reviews)-1] {
		if r.Rating == 1 && r.DeltaT > 0 {
			lapses++
		}
	}
	k := [3]int{int(math.Round(2.48 * math.Pow(3.62, math.Floor(math.Log(dt)/math.Log(3.62))) * 100)), logBin(length, 1.99, 1.89), 0}
	if lapses > 0 {
		k[2] = logBin(float64(lapses), 1.65, 1.73)
	}
	return k
}
