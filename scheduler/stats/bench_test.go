package stats

import (
	"fmt"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards"
)

// BenchmarkCompute: 100,000 cards with 500,000 reviews over a year, the
// size of the export benchmark's collection.
func BenchmarkCompute(b *testing.B) {
	const nCards, perCard = 100_000, 5
	cs := make([]cards.Card, nCards)
	rs := make([]cards.Review, 0, nCards*perCard)
	for i := range cs {
		id := cards.ID(fmt.Sprintf("c%09d", i))
		cs[i] = card(id, cards.State(i%4), now.Add(time.Duration(i%60)*24*time.Hour), float64(1+i%400), float64(1+i%10))
		for k := range perCard {
			rs = append(rs, review(id, now.Add(-time.Duration((i*7+k*31)%365)*24*time.Hour), cards.Rating(1+(i+k)%4), cards.State(k%4), uint64(k*10)))
		}
	}
	in := Input{Now: now, Clock: clock, Cards: cs, Reviews: rs, Days: 30, DesiredRetention: 0.9}
	b.ResetTimer()
	for b.Loop() {
		Compute(in)
	}
}
