package optimize

import (
	"cmp"
	"math"
	"slices"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"
)

// Initial stabilities found by pretraining stay in [minInitS, maxInitS].
const (
	minInitS = 0.1
	maxInitS = 100.0
)

// recallPoint is the observed recall of one (first rating, delta_t) group.
type recallPoint struct {
	deltaT float64
	recall float64 // share recalled
	count  float64
}

// groupFirstReviews groups the items whose target is the card's first
// review on a later day (pretraining items) by first rating, then by the
// target's delta_t, sorted by delta_t.
func groupFirstReviews(items []Item) map[int][]recallPoint {
	type key struct{ rating, dt int }
	type acc struct{ n, ok int }
	groups := map[key]*acc{}
	for _, it := range items {
		k := key{it.Reviews[0].Rating, it.target().DeltaT}
		a := groups[k]
		if a == nil {
			a = &acc{}
			groups[k] = a
		}
		a.n++
		if it.recalled() {
			a.ok++
		}
	}
	out := map[int][]recallPoint{}
	for k, a := range groups {
		out[k.rating] = append(out[k.rating], recallPoint{
			deltaT: float64(k.dt), recall: float64(a.ok) / float64(a.n), count: float64(a.n),
		})
	}
	for r := range out {
		slices.SortFunc(out[r], func(a, b recallPoint) int { return cmp.Compare(a.deltaT, b.deltaT) })
	}
	return out
}

// pretrain finds the initial stabilities w0-w3 as fsrs-rs does: per first
// rating, the stability whose forgetting curve best fits the observed
// recall at the first long-term review (Laplace-smoothed toward the
// average recall, groups weighted by the square root of their size, an L1
// pull toward the default), then made monotone in the rating and filled
// in for ratings without data. It also returns the number of items per
// first rating. ok is false when no item has a first rating.
func pretrain(items []Item, averageRecall float64) (s0 [4]float64, counts map[int]int, ok bool) {
	groups := groupFirstReviews(items)
	def := fsrs.DefaultWeights()
	found := map[int]float64{}
	counts = map[int]int{}
	for r, pts := range groups {
		found[r] = searchStability(pts, averageRecall, def[r-1])
		for _, p := range pts {
			counts[r] += int(p.count)
		}
	}
	return smoothAndFill(found, counts)
}

// pretrainLoss is the loss the initial stability search minimises.
func pretrainLoss(pts []recallPoint, averageRecall, s, defaultS float64) float64 {
	var loss float64
	for _, p := range pts {
		y := (p.recall*p.count + averageRecall) / (p.count + 1)
		pred := Retrievability(p.deltaT, s)
		loss -= (y*math.Log(pred) + (1-y)*math.Log(1-pred)) * math.Sqrt(p.count)
	}
	return loss + math.Abs(s-defaultS)/16
}

// searchStability is a ternary search of pretrainLoss over
// [minInitS, maxInitS].
func searchStability(pts []recallPoint, averageRecall, defaultS float64) float64 {
	lo, hi := minInitS, maxInitS
	for i := 0; i < 1000 && hi-lo > 1e-7; i++ {
		m1 := lo + (hi-lo)/3
		m2 := hi - (hi-lo)/3
		if pretrainLoss(pts, averageRecall, m1, defaultS) < pretrainLoss(pts, averageRecall, m2, defaultS) {
			hi = m2
		} else {
			lo = m1
		}
	}
	return (lo + hi) / 2
}

// smoothAndFill makes the found stabilities monotone in the rating (the
// better-supported one wins) and fills the missing ratings by fsrs-rs's
// geometric interpolation.
func smoothAndFill(found map[int]float64, counts map[int]int) (s0 [4]float64, _ map[int]int, ok bool) {
	for _, pair := range [][2]int{{1, 2}, {2, 3}, {3, 4}, {1, 3}, {2, 4}, {1, 4}} {
		small, big := pair[0], pair[1]
		sv, ok1 := found[small]
		bv, ok2 := found[big]
		if ok1 && ok2 && sv > bv {
			if counts[small] > counts[big] {
				found[big] = sv
			} else {
				found[small] = bv
			}
		}
	}
	const w1, w2 = 3.0 / 5.0, 3.0 / 5.0
	pw := math.Pow
	var r [5]float64 // 1-based; 0 is missing
	for k, v := range found {
		r[k] = v
	}
	has := func(k int) bool { return r[k] > 0 }
	switch len(found) {
	case 0:
		return s0, counts, false
	case 1:
		def := fsrs.DefaultWeights()
		for k := range found {
			f := found[k] / def[k-1]
			for i := 1; i <= 4; i++ {
				r[i] = def[i-1] * f
			}
		}
	case 2:
		switch {
		case !has(1) && !has(2):
			r[2] = pw(r[3], 1/(1-w2)) * pw(r[4], 1-1/(1-w2))
			r[1] = pw(r[2], 1/w1) * pw(r[3], 1-1/w1)
		case !has(1) && !has(3):
			r[3] = pw(r[2], 1-w2) * pw(r[4], w2)
			r[1] = pw(r[2], 1/w1) * pw(r[3], 1-1/w1)
		case !has(1) && !has(4):
			r[4] = pw(r[2], 1-1/w2) * pw(r[3], 1/w2)
			r[1] = pw(r[2], 1/w1) * pw(r[3], 1-1/w1)
		case !has(2) && !has(3):
			k := w1 + w2 - w1*w2
			r[2] = pw(r[1], w1/k) * pw(r[4], 1-w1/k)
			r[3] = pw(r[1], 1-w2/k) * pw(r[4], w2/k)
		case !has(2) && !has(4):
			r[2] = pw(r[1], w1) * pw(r[3], 1-w1)
			r[4] = pw(r[2], 1-1/w2) * pw(r[3], 1/w2)
		case !has(3) && !has(4):
			r[3] = pw(r[1], 1-1/(1-w1)) * pw(r[2], 1/(1-w1))
			r[4] = pw(r[2], 1-1/w2) * pw(r[3], 1/w2)
		}
	case 3:
		switch {
		case !has(1):
			r[1] = pw(r[2], 1/w1) * pw(r[3], 1-1/w1)
		case !has(2):
			r[2] = pw(r[1], w1) * pw(r[3], 1-w1)
		case !has(3):
			r[3] = pw(r[2], 1-w2) * pw(r[4], w2)
		case !has(4):
			r[4] = pw(r[2], 1-1/w2) * pw(r[3], 1/w2)
		}
	}
	for i := range s0 {
		v := r[i+1]
		if math.IsNaN(v) || v <= 0 {
			v = minInitS
		}
		s0[i] = min(max(v, minInitS), maxInitS)
	}
	return s0, counts, true
}
