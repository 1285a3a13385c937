package optimize

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"
)

// Training settings of fsrs-rs.
const (
	defaultEpochs    = 5
	defaultBatchSize = 512
	learningRate     = 4e-2
	maxSeqLen        = 64
	gamma            = 1.0
	// minItems is the least number of items worth training on; below it
	// the defaults are returned. Below minFullItems only the initial
	// stabilities are fitted.
	minItems     = 8
	minFullItems = 64
	// maxGradNorm bounds the norm of a batch's mean gradient: a guard
	// against a freak item throwing Adam's moments off, far above the
	// norms seen in normal training.
	maxGradNorm = 100.0
)

// Options tune Train; the zero value trains as fsrs-rs does.
type Options struct {
	// Epochs and BatchSize default to 5 and 512.
	Epochs    int
	BatchSize int
	// Seed makes the batch order reproducible; 0 uses fsrs-rs's 2023.
	Seed uint64
	// Workers is the number of goroutines computing gradients; 0 uses
	// GOMAXPROCS.
	Workers int
	// Progress, when set, is called after every batch with the batches
	// done and the total.
	Progress func(done, total int)
}

// Stage says how far training went.
type Stage string

// The stages of Result.
const (
	// StageDefaults: too few items; the default weights are returned.
	StageDefaults Stage = "defaults"
	// StagePretrained: only the initial stabilities were fitted.
	StagePretrained Stage = "pretrained"
	// StageTrained: every weight was trained.
	StageTrained Stage = "trained"
)

// Result is what Train found.
type Result struct {
	Weights fsrs.Weights
	Stage   Stage
	// Items is the number of items trained on after the outlier filter.
	Items int
	// Message explains a result other than StageTrained; empty otherwise.
	Message string
	// Epoch is the epoch whose weights were kept (1-based; 0 when not
	// trained) and Loss its weighted training loss per item.
	Epoch int
	Loss  float64
}

// Train fits FSRS-5 weights to items, which must be in the time order of
// their target reviews (recent items weigh more). It follows fsrs-rs:
// outlier filter on first long-term reviews, pretraining of w0-w3,
// recency-weighted cross-entropy with an L2 pull toward the pretrained
// weights, Adam (learning rate 0.04 with cosine decay) over 5 epochs of
// batches of 512, every weight clamped to fsrs-rs's bounds after each
// step, and the epoch with the lowest loss kept. With fewer than 8 items it
// returns the default weights, with fewer than 64 only pretrained initial
// stabilities. It stops with ctx's error when ctx is done.
func Train(ctx context.Context, items []Item, opt Options) (Result, error) {
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	def := fsrs.DefaultWeights()
	tooFew := func(n int) Result {
		return Result{Weights: def, Stage: StageDefaults, Items: n,
			Message: fmt.Sprintf("usable items: %d (reviews on a later day than the card's previous one; at least %d needed): keeping the default parameters", n, minItems)}
	}
	if len(items) < minItems {
		return tooFew(len(items)), nil
	}
	averageRecall := averageRecall(items)
	pre, train := filterOutliers(items)
	if len(train) < minItems {
		r := tooFew(len(train))
		r.Message = fmt.Sprintf("usable items: %d of %d after leaving out rare first intervals (fewer than 6 cards with the same first rating and interval, or over 100 days; at least %d needed): keeping the default parameters", len(train), len(items), minItems)
		return r, nil
	}
	s0, counts, ok := pretrain(pre, averageRecall)
	if !ok {
		// Every first long-term review fell to the outlier filter.
		return Result{Weights: def, Stage: StageDefaults, Items: len(train),
			Message: "too few cards reviewed again after their first day to estimate the initial stabilities: keeping the default parameters"}, nil
	}
	start := def
	copy(start[:4], s0[:])
	if len(train) == len(pre) || len(train) < minFullItems {
		return Result{Weights: start, Stage: StagePretrained, Items: len(train),
			Message: fmt.Sprintf("usable items: %d; only the initial stabilities were fitted (full training needs %d)", len(train), minFullItems)}, nil
	}
	// As fsrs-rs: recency weights over all items, then the longest
	// histories left out.
	all := recencyWeights(len(train))
	var weights []float64
	var kept []Item
	for i, it := range train {
		if len(it.Reviews) <= maxSeqLen {
			kept = append(kept, it)
			weights = append(weights, all[i])
		}
	}
	train = kept

	tr := newTrainer(train, weights, start, opt)
	best, epoch, loss, err := tr.run(ctx)
	if err != nil {
		return Result{}, err
	}
	// As fsrs-rs: the trained initial stabilities are made monotone again.
	found := map[int]float64{}
	for r := 1; r <= 4; r++ {
		if counts[r] > 0 {
			found[r] = best[r-1]
		}
	}
	if s, _, ok := smoothAndFill(found, counts); ok {
		copy(best[:4], s[:])
	}
	return Result{Weights: best, Stage: StageTrained, Items: len(train), Epoch: epoch, Loss: loss}, nil
}

func averageRecall(items []Item) float64 {
	ok := 0
	for _, it := range items {
		if it.recalled() {
			ok++
		}
	}
	return float64(ok) / float64(len(items))
}

// filterOutliers splits items into the pretraining set (items predicting a
// card's first long-term review) and the training set, dropping from both
// the rare (first rating, delta_t) groups as fsrs-rs does: per first
// rating, the smallest groups (shortest delta_t first among equals) up to
// 5% of the items (at least 20), and groups of fewer than 6 items or with
// delta_t over 100 days (365 for Easy). Order is kept.
func filterOutliers(items []Item) (pre, train []Item) {
	type group struct {
		dt    int
		items []int
	}
	byRating := map[int]map[int]*group{}
	for i, it := range items {
		if it.longTermCount() != 1 {
			continue
		}
		r, dt := it.Reviews[0].Rating, it.target().DeltaT
		if byRating[r] == nil {
			byRating[r] = map[int]*group{}
		}
		g := byRating[r][dt]
		if g == nil {
			g = &group{dt: dt}
			byRating[r][dt] = g
		}
		g.items = append(g.items, i)
	}
	removed := map[[2]int]bool{}
	keep := make([]bool, len(items))
	for r, groups := range byRating {
		list := make([]*group, 0, len(groups))
		total := 0
		for _, g := range groups {
			list = append(list, g)
			total += len(g.items)
		}
		// Smallest first; among equals, the shortest delta_t first.
		slices.SortFunc(list, func(a, b *group) int {
			if c := cmp.Compare(len(a.items), len(b.items)); c != 0 {
				return c
			}
			return cmp.Compare(a.dt, b.dt)
		})
		limit := max(20, total/20)
		maxDT := 100
		if r == 4 {
			maxDT = 365
		}
		dropped := 0
		for _, g := range list {
			if dropped+len(g.items) >= limit {
				if len(g.items) >= 6 && g.dt <= maxDT {
					for _, i := range g.items {
						keep[i] = true
					}
					continue
				}
			} else {
				dropped += len(g.items)
			}
			removed[[2]int{r, g.dt}] = true
		}
	}
	for i, it := range items {
		if it.longTermCount() == 1 && keep[i] {
			pre = append(pre, it)
		}
		if !removed[[2]int{it.Reviews[0].Rating, it.firstLongTerm().DeltaT}] {
			train = append(train, it)
		}
	}
	return pre, train
}

// recencyWeights are fsrs-rs's: from 0.25 for the oldest item to 1 for
// the newest, rising with the cube of the position.
func recencyWeights(n int) []float64 {
	w := make([]float64, n)
	length := max(float64(n-1), 1)
	for i := range w {
		x := float64(i) / length
		w[i] = 0.25 + 0.75*x*x*x
	}
	return w
}

// trainer runs Adam over batches of items.
type trainer struct {
	items   []Item
	weights []float64
	start   fsrs.Weights
	opt     Options
	batches [][]int // indices into items, sorted by length as fsrs-rs
	workers int
}

func newTrainer(items []Item, weights []float64, start fsrs.Weights, opt Options) *trainer {
	if opt.Epochs <= 0 {
		opt.Epochs = defaultEpochs
	}
	if opt.BatchSize <= 0 {
		opt.BatchSize = defaultBatchSize
	}
	if opt.Seed == 0 {
		opt.Seed = 2023
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	// fsrs-rs batches items of similar length together and shuffles the
	// order of the batches, not their contents.
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(len(items[a].Reviews), len(items[b].Reviews)) })
	var batches [][]int
	for i := 0; i < len(order); i += opt.BatchSize {
		batches = append(batches, order[i:min(i+opt.BatchSize, len(order))])
	}
	return &trainer{items: items, weights: weights, start: start, opt: opt, batches: batches, workers: workers}
}

func (t *trainer) run(ctx context.Context) (best fsrs.Weights, bestEpoch int, bestLoss float64, err error) {
	w := t.start
	var m, v grad
	const beta1, beta2, eps = 0.9, 0.999, 1e-8
	total := len(t.items)
	steps := (total/t.opt.BatchSize + 1) * t.opt.Epochs
	step := 0
	rng := rand.New(rand.NewPCG(t.opt.Seed, 0x6d6e656d6f))
	bestLoss = math.Inf(1)
	order := make([]int, len(t.batches))
	for i := range order {
		order[i] = i
	}
	for epoch := 1; epoch <= t.opt.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, b := range order {
			if err := ctx.Err(); err != nil {
				return best, 0, 0, err
			}
			batch := t.batches[b]
			g, _ := t.gradient(w, batch)
			// The L2 pull toward the starting weights, scaled to the
			// batch's share of the items.
			scale := gamma * float64(len(batch)) / float64(total)
			for i := range g {
				g[i] += scale * 2 * (w[i] - t.start[i]) / (stddev[i] * stddev[i])
			}
			clipNorm(&g, maxGradNorm*float64(len(batch)))
			step++
			lr := learningRate * (1 + math.Cos(math.Pi*float64(step)/float64(steps))) / 2
			c1 := 1 - math.Pow(beta1, float64(step))
			c2 := 1 - math.Pow(beta2, float64(step))
			for i := range w {
				m[i] = beta1*m[i] + (1-beta1)*g[i]
				v[i] = beta2*v[i] + (1-beta2)*g[i]*g[i]
				w[i] -= lr * (m[i] / c1) / (math.Sqrt(v[i]/c2) + eps)
			}
			w = Clamp(w)
			if t.opt.Progress != nil {
				t.opt.Progress(step, steps)
			}
		}
		loss := t.loss(w)
		if loss < bestLoss {
			best, bestEpoch, bestLoss = w, epoch, loss
		}
	}
	return best, bestEpoch, bestLoss, nil
}

// clipNorm scales g down to norm at most limit; a gradient that is not
// finite is dropped.
func clipNorm(g *grad, limit float64) {
	var n float64
	for _, x := range g {
		n += x * x
	}
	n = math.Sqrt(n)
	switch {
	case math.IsNaN(n) || math.IsInf(n, 0):
		*g = grad{}
	case n > limit:
		for i := range g {
			g[i] *= limit / n
		}
	}
}

// chunk is the number of items whose gradient is summed together; chunks
// are added in order, so the result does not depend on the number of
// workers.
const chunk = 64

// gradient returns the weighted cross-entropy of the batch and its
// gradient, computed in chunks spread over the workers.
func (t *trainer) gradient(w fsrs.Weights, batch []int) (grad, float64) {
	m := newModel(w)
	n := (len(batch) + chunk - 1) / chunk
	parts := make([]grad, n)
	losses := make([]float64, n)
	do := func(k int) {
		losses[k] = t.accumulate(m, batch[k*chunk:min((k+1)*chunk, len(batch))], &parts[k])
	}
	if workers := min(t.workers, n); workers <= 1 {
		for k := range n {
			do(k)
		}
	} else {
		var wg sync.WaitGroup
		for wk := range workers {
			wg.Go(func() {
				for k := wk; k < n; k += workers {
					do(k)
				}
			})
		}
		wg.Wait()
	}
	var g grad
	var loss float64
	for k := range parts {
		for i := range g {
			g[i] += parts[k][i]
		}
		loss += losses[k]
	}
	return g, loss
}

// accumulate adds the batch's weighted cross-entropy gradient to g.
func (t *trainer) accumulate(m *model, batch []int, g *grad) float64 {
	var loss float64
	var tr tracked
	for _, idx := range batch {
		it := t.items[idx]
		n := len(it.Reviews)
		m.firstTracked(it.Reviews[0].Rating, &tr)
		for _, r := range it.Reviews[1 : n-1] {
			m.nextTracked(&tr, float64(r.DeltaT), r.Rating)
		}
		dt := float64(it.target().DeltaT)
		base := 1 + factor*dt/tr.s
		p := math.Pow(base, decay)
		dpdS := -decay * factor * dt / (tr.s * tr.s) * p / base
		p = min(max(p, 1e-9), 1-1e-9)
		wt := t.weights[idx]
		var dLdp float64
		if it.recalled() {
			loss -= wt * math.Log(p)
			dLdp = -wt / p
		} else {
			loss -= wt * math.Log(1-p)
			dLdp = wt / (1 - p)
		}
		c := dLdp * dpdS
		for i := range g {
			g[i] += c * tr.gs[i]
		}
	}
	return loss
}

// loss is fsrs-rs's per-epoch score: weighted cross-entropy plus the L2
// pull, per item.
func (t *trainer) loss(w fsrs.Weights) float64 {
	var sum float64
	for i, p := range newModel(w).predictAll(t.items) {
		if t.items[i].recalled() {
			sum -= t.weights[i] * math.Log(p)
		} else {
			sum -= t.weights[i] * math.Log(1-p)
		}
	}
	var pen float64
	for i := range w {
		d := w[i] - t.start[i]
		pen += d * d / (stddev[i] * stddev[i])
	}
	return (sum + gamma*pen) / float64(len(t.items))
}

// predict returns the predicted probability of recall at the item's
// target review.
func (m *model) predict(it Item) float64 {
	st := m.first(it.Reviews[0].Rating)
	n := len(it.Reviews)
	for _, r := range it.Reviews[1 : n-1] {
		st = m.next(st, float64(r.DeltaT), r.Rating)
	}
	return recallAt(it, st)
}

func recallAt(it Item, st State) float64 {
	p := Retrievability(float64(it.target().DeltaT), st.S)
	return min(max(p, 1e-9), 1-1e-9)
}

// predictAll returns every item's predicted recall. Items of one card
// share their history's memory (ItemsFromHistory), so each card's history
// is run through the model once, not once per item.
func (m *model) predictAll(items []Item) []float64 {
	out := make([]float64, len(items))
	groups := map[*Review][]int{}
	for i, it := range items {
		groups[&it.Reviews[0]] = append(groups[&it.Reviews[0]], i)
	}
	for _, g := range groups {
		// Shortest first: each history is a prefix of the next (same
		// memory, same start).
		slices.SortFunc(g, func(a, b int) int { return cmp.Compare(len(items[a].Reviews), len(items[b].Reviews)) })
		st := m.first(items[g[0]].Reviews[0].Rating)
		done := 1 // reviews applied to st
		for _, i := range g {
			it := items[i]
			for ; done < len(it.Reviews)-1; done++ {
				r := it.Reviews[done]
				st = m.next(st, float64(r.DeltaT), r.Rating)
			}
			out[i] = recallAt(it, st)
		}
	}
	return out
}
