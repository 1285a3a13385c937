package optimize

import (
	"reflect"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/scheduler"
)

func TestFromReviews(t *testing.T) {
	clock := scheduler.Clock{Location: time.UTC, RolloverHour: 4}
	day := func(d, hour int) time.Time { return time.Date(2026, 3, 1+d, hour, 0, 0, 0, time.UTC) }
	rev := func(id cards.ID, t time.Time, r cards.Rating, before cards.State) cards.Review {
		return cards.Review{CardID: id, Time: t, Rating: r, StateBefore: before}
	}
	type want struct {
		items          [][]Review
		reviews, cards int
	}
	tests := []struct {
		name    string
		reviews []cards.Review
		want    want
	}{
		{
			name: "same-day steps stay in the history but are not targets",
			reviews: []cards.Review{
				rev("a", day(0, 10), cards.Again, cards.StateNew),
				rev("a", day(0, 11), cards.Good, cards.StateLearning),
				rev("a", day(2, 10), cards.Good, cards.StateReview),
				rev("a", day(2, 12), cards.Again, cards.StateReview),
				rev("a", day(7, 9), cards.Hard, cards.StateRelearning),
			},
			want: want{items: [][]Review{
				{{1, 0}, {3, 0}, {3, 2}},
				{{1, 0}, {3, 0}, {3, 2}, {1, 0}, {2, 5}},
			}, reviews: 5, cards: 1},
		},
		{
			name: "days follow the rollover hour, not midnight",
			reviews: []cards.Review{
				rev("a", day(0, 23), cards.Good, cards.StateNew),
				rev("a", day(1, 3), cards.Good, cards.StateLearning), // 03:00: still day 0
				rev("a", day(1, 5), cards.Good, cards.StateReview),
			},
			want: want{items: [][]Review{{{3, 0}, {3, 0}, {3, 1}}}, reviews: 3, cards: 1},
		},
		{
			name: "a reset card starts over; unordered input is sorted",
			reviews: []cards.Review{
				rev("a", day(9, 10), cards.Good, cards.StateReview),
				rev("a", day(0, 10), cards.Good, cards.StateNew),
				rev("a", day(3, 10), cards.Good, cards.StateReview),
				rev("a", day(5, 10), cards.Easy, cards.StateNew), // after Forget
			},
			want: want{items: [][]Review{{{4, 0}, {3, 4}}}, reviews: 2, cards: 1},
		},
		{
			name: "a history that never starts from new is skipped; bad ratings ignored",
			reviews: []cards.Review{
				rev("b", day(0, 10), cards.Good, cards.StateReview),
				rev("b", day(4, 10), cards.Good, cards.StateReview),
				rev("c", day(0, 10), cards.Good, cards.StateNew),
				rev("c", day(1, 10), cards.Rating(9), cards.StateLearning),
				rev("c", day(3, 10), cards.Again, cards.StateReview),
			},
			want: want{items: [][]Review{{{3, 0}, {1, 3}}}, reviews: 2, cards: 1},
		},
		{
			name: "items come in the time order of their targets across cards",
			reviews: []cards.Review{
				rev("x", day(0, 10), cards.Good, cards.StateNew),
				rev("x", day(5, 10), cards.Good, cards.StateReview),
				rev("y", day(1, 10), cards.Hard, cards.StateNew),
				rev("y", day(2, 10), cards.Good, cards.StateReview),
			},
			want: want{items: [][]Review{{{2, 0}, {3, 1}}, {{3, 0}, {3, 5}}}, reviews: 4, cards: 2},
		},
	}
	for _, tt := range tests {
		ds := FromReviews(tt.reviews, clock)
		var got [][]Review
		for _, it := range ds.Items {
			got = append(got, it.Reviews)
		}
		if !reflect.DeepEqual(got, tt.want.items) || ds.Reviews != tt.want.reviews || ds.Cards != tt.want.cards {
			t.Errorf("%s:\n got %v (%d reviews, %d cards)\nwant %v (%d reviews, %d cards)",
				tt.name, got, ds.Reviews, ds.Cards, tt.want.items, tt.want.reviews, tt.want.cards)
		}
	}
}

func TestFilterOutliers(t *testing.T) {
	item := func(first, dt int) Item { return Item{Reviews: []Review{{first, 0}, {3, dt}}} }
	var items []Item
	add := func(n, first, dt int) {
		for range n {
			items = append(items, item(first, dt))
		}
	}
	// Rating 3: 75 items, so the smallest groups are removed until the
	// next would bring the removed to 20.
	add(30, 3, 1)   // kept
	add(12, 3, 3)   // kept: 3+5+10 removed before it, 18+12 >= 20
	add(10, 3, 2)   // removed: 18 so far
	add(5, 3, 200)  // removed
	add(3, 3, 9)    // removed: the smallest
	add(15, 3, 150) // removed though past the budget: over 100 days
	add(40, 4, 300)
	add(25, 4, 400) // over 365 days for Easy: removed
	// A longer history whose first long-term review falls in a removed
	// group is dropped from training too.
	items = append(items, Item{Reviews: []Review{{3, 0}, {3, 9}, {3, 20}}})
	pre, train := filterOutliers(items)
	count := func(list []Item, first, dt int) int {
		n := 0
		for _, it := range list {
			if it.Reviews[0].Rating == first && it.firstLongTerm().DeltaT == dt {
				n++
			}
		}
		return n
	}
	tests := []struct {
		first, dt, pre, train int
	}{
		{3, 1, 30, 30}, {3, 3, 12, 12}, {3, 2, 0, 0}, {3, 200, 0, 0}, {3, 9, 0, 0}, {3, 150, 0, 0}, {4, 300, 40, 40}, {4, 400, 0, 0},
	}
	for _, tt := range tests {
		if p, tr := count(pre, tt.first, tt.dt), count(train, tt.first, tt.dt); p != tt.pre || tr != tt.train {
			t.Errorf("first %d, delta_t %d: %d pretraining and %d training items, want %d and %d", tt.first, tt.dt, p, tr, tt.pre, tt.train)
		}
	}
}

func TestSmoothAndFill(t *testing.T) {
	tests := []struct {
		name   string
		found  map[int]float64
		counts map[int]int
		want   [4]float64
	}{
		// fsrs-rs's test_smooth_and_fill: Hard interpolated from Again and Good.
		{"missing hard", map[int]float64{1: 0.4, 3: 2.3, 4: 10.9}, map[int]int{1: 1, 2: 1, 3: 1, 4: 1}, [4]float64{0.4, 0.8052433, 2.3, 10.9}},
		{"not monotone: the better-supported wins", map[int]float64{1: 3, 2: 2, 3: 4, 4: 9}, map[int]int{1: 5, 2: 50, 3: 9, 4: 9}, [4]float64{2, 2, 4, 9}},
		{"clamped to 0.1..100", map[int]float64{1: 0.01, 2: 1, 3: 5, 4: 500}, map[int]int{1: 1, 2: 1, 3: 1, 4: 1}, [4]float64{0.1, 1, 5, 100}},
	}
	for _, tt := range tests {
		got, _, ok := smoothAndFill(tt.found, tt.counts)
		for i := range got {
			if !ok || got[i] < tt.want[i]-1e-6 || got[i] > tt.want[i]+1e-6 {
				t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
				break
			}
		}
	}
	if _, _, ok := smoothAndFill(map[int]float64{}, nil); ok {
		t.Error("no ratings: ok")
	}
}

func TestSearchStabilityMinimisesTheLoss(t *testing.T) {
	pts := []recallPoint{{1, 0.9, 30}, {2, 0.8181818, 30}, {3, 0.75, 30}, {4, 0.6923077, 30}}
	s := searchStability(pts, 0.9, 15.69105)
	best := pretrainLoss(pts, 0.9, s, 15.69105)
	for x := minInitS; x <= maxInitS; x += 0.01 {
		if l := pretrainLoss(pts, 0.9, x, 15.69105); l < best-1e-9 {
			t.Fatalf("search found S=%.4f (loss %.6f) but S=%.2f has loss %.6f", s, best, x, l)
		}
	}
}
