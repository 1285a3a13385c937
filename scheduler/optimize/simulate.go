package optimize

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"
)

// SimConfig describes a simulated learner whose memory follows FSRS-5
// with known weights: the ground truth for checking the optimizer.
type SimConfig struct {
	Weights fsrs.Weights
	// Cards are introduced NewPerDay a day from day 0; the simulation
	// stops at day Days.
	Cards, NewPerDay, Days int
	// Retention is the desired retention intervals are scheduled for.
	Retention float64
	Seed      uint64
}

// SimReview is one simulated answer: on day Day, Minute minutes after
// midnight.
type SimReview struct {
	Day, Minute, Rating int
}

// SimCard is one simulated card's reviews in time order.
type SimCard struct {
	Reviews []SimReview
}

// Simulate generates review histories. The first answer is Again, Hard,
// Good or Easy with fixed odds; a card not answered Easy goes through
// same-day learning steps until Good or Easy, as does a forgotten card.
// Each later review comes at the interval FSRS schedules for Retention,
// often late and sometimes early, and is recalled with the probability
// the true weights predict; a recalled card is rated Hard, Good or Easy
// with fixed odds.
func Simulate(cfg SimConfig) []SimCard {
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x51a1))
	m := newModel(cfg.Weights)
	ivlFactor := (math.Pow(cfg.Retention, 1/decay) - 1) / factor
	pick := func(odds [4]float64) int {
		u := rng.Float64()
		for i, p := range odds {
			if u < p {
				return i + 1
			}
			u -= p
		}
		return 4
	}
	firstOdds := [4]float64{0.2, 0.15, 0.5, 0.15}
	stepOdds := [4]float64{0.12, 0.1, 0.73, 0.05}
	passOdds := [4]float64{0, 0.15, 0.75, 0.10}

	out := make([]SimCard, 0, cfg.Cards)
	for c := 0; c < cfg.Cards; c++ {
		day := c / max(cfg.NewPerDay, 1)
		if day >= cfg.Days {
			break
		}
		var card SimCard
		minute := 8*60 + rng.IntN(12*60)
		r := pick(firstOdds)
		st := m.first(r)
		card.Reviews = append(card.Reviews, SimReview{day, minute, r})
		sameDaySteps := func(r int) {
			for k := 0; r < 3 && k < 5; k++ {
				minute += 5 + rng.IntN(10)
				r = pick(stepOdds)
				st = m.next(st, 0, r)
				card.Reviews = append(card.Reviews, SimReview{day, min(minute, 24*60-1), r})
			}
		}
		if r != 4 {
			sameDaySteps(r)
		}
		for {
			ivl := max(1, int(math.Round(st.S*ivlFactor)))
			actual := ivl
			switch u := rng.Float64(); {
			case u < 0.55:
			case u < 0.85:
				actual += rng.IntN(ivl/2 + 2)
			default:
				actual = max(1, ivl-rng.IntN(ivl/3+1))
			}
			day += actual
			if day >= cfg.Days {
				break
			}
			minute = 8*60 + rng.IntN(12*60)
			r := 1
			if rng.Float64() < Retrievability(float64(actual), st.S) {
				r = pick(passOdds)
			}
			st = m.next(st, float64(actual), r)
			card.Reviews = append(card.Reviews, SimReview{day, minute, r})
			if r == 1 {
				sameDaySteps(r)
			}
		}
		out = append(out, card)
	}
	return out
}

// History converts the card's reviews to the optimizer's form.
func (c SimCard) History() []Review {
	h := make([]Review, len(c.Reviews))
	for i, r := range c.Reviews {
		h[i].Rating = r.Rating
		if i > 0 {
			h[i].DeltaT = r.Day - c.Reviews[i-1].Day
		}
	}
	return h
}

// SplitItems makes the items of the simulated cards in time order of their
// targets and splits them chronologically: items predicting a review
// before day splitDay train, the rest test (with their full history).
func SplitItems(cards []SimCard, splitDay int) (train, test []Item) {
	type timed struct {
		day, minute, card int
		it                Item
	}
	var all []timed
	for ci, c := range cards {
		items := ItemsFromHistory(c.History())
		for _, it := range items {
			r := c.Reviews[len(it.Reviews)-1]
			all = append(all, timed{r.Day, r.Minute, ci, it})
		}
	}
	slices.SortStableFunc(all, func(a, b timed) int {
		if c := cmp.Compare(a.day, b.day); c != 0 {
			return c
		}
		if c := cmp.Compare(a.minute, b.minute); c != 0 {
			return c
		}
		return cmp.Compare(a.card, b.card)
	})
	for _, t := range all {
		if t.day < splitDay {
			train = append(train, t.it)
		} else {
			test = append(test, t.it)
		}
	}
	return train, test
}
