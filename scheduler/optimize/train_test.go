package optimize

import (
	"context"
	"errors"
	"math"
	"testing"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"
)

// histories makes n cards' items with ratings and intervals from gen.
func histories(n, length int, gen func(card, i int) Review) []Item {
	var items []Item
	for c := range n {
		h := []Review{gen(c, 0)}
		for i := 1; i < length; i++ {
			h = append(h, gen(c, i))
		}
		items = append(items, ItemsFromHistory(h)...)
	}
	return items
}

// firstThen is first for the second review (the first long-term one) and
// then later.
func firstThen(i, first, later int) int {
	if i == 1 {
		return first
	}
	return later
}

func TestTrainOnOddLogs(t *testing.T) {
	rng := newTestRand(3)
	tests := []struct {
		name  string
		items []Item
		stage Stage
	}{
		{"nothing", nil, StageDefaults},
		{"seven items", histories(7, 2, func(c, i int) Review { return Review{3, i * 3} }), StageDefaults},
		// Ten cards each at 1, 2 and 3 days: the first ten fall to the
		// outlier filter (at least 20 are left out per rating).
		{"rare first intervals", histories(30, 2, func(c, i int) Review { return Review{1 + c%4, i * (1 + c%5)} }), StageDefaults},
		{"thirty items", histories(30, 2, func(c, i int) Review { return Review{3, i * (1 + c%3)} }), StagePretrained},
		{"always forgotten", histories(300, 6, func(c, i int) Review { return Review{1, 1 + c%7} }), StageTrained},
		{"always easy, years apart", histories(300, 6, func(c, i int) Review { return Review{4, firstThen(i, 30, 400+300*i+c)} }), StageTrained},
		{"one rating only", histories(200, 5, func(c, i int) Review { return Review{3, 1 + (c+i)%30} }), StageTrained},
		{"long histories (over 64 reviews)", histories(40, 90, func(c, i int) Review { return Review{3, firstThen(i, 2, rng.IntN(20))} }), StageTrained},
		{"random", histories(400, 12, func(c, i int) Review { return Review{1 + rng.IntN(4), firstThen(i, 1+c%3, rng.IntN(3)*rng.IntN(100))} }), StageTrained},
	}
	for _, tt := range tests {
		res, err := Train(context.Background(), tt.items, Options{})
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if res.Stage != tt.stage {
			t.Errorf("%s: stage %s (%s), want %s", tt.name, res.Stage, res.Message, tt.stage)
		}
		if res.Stage != StageTrained && res.Message == "" {
			t.Errorf("%s: stage %s without a message", tt.name, res.Stage)
		}
		if err := CheckBounds(res.Weights); err != nil {
			t.Errorf("%s: %v", tt.name, err)
		}
		m := Evaluate(tt.items, res.Weights)
		if math.IsNaN(m.LogLoss) || math.IsInf(m.LogLoss, 0) || math.IsNaN(m.RMSEBins) {
			t.Errorf("%s: metrics %+v", tt.name, m)
		}
	}
}

func TestTrainStopsWhenCancelled(t *testing.T) {
	train, _ := simulated()
	ctx, cancel := context.WithCancel(context.Background())
	batches := 0
	_, err := Train(ctx, train, Options{Progress: func(done, total int) {
		if batches++; batches == 3 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) || batches != 3 {
		t.Errorf("err %v after %d batches; want context.Canceled after 3", err, batches)
	}
}

func TestTrainIsDeterministic(t *testing.T) {
	items := histories(600, 8, func(c, i int) Review { return Review{1 + (c*7+i*3)%4, firstThen(i, 1+c%3, (c+i*5)%17)} })
	a, _ := Train(context.Background(), items, Options{Workers: 3})
	b, _ := Train(context.Background(), items, Options{Workers: 1})
	if a.Stage != StageTrained {
		t.Fatalf("stage %s: %s", a.Stage, a.Message)
	}
	if a.Weights != b.Weights {
		t.Errorf("two runs differ:\n%v\n%v", a.Weights, b.Weights)
	}
	if a.Weights == fsrs.DefaultWeights() {
		t.Error("training left the defaults unchanged")
	}
}
