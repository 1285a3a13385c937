package permute

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestApply(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 3, 10, 257} {
		for range 20 {
			list := make([]int, n)
			for i := range list {
				list[i] = 100 + i
			}
			perm := r.Perm(n)
			from := make([]int32, n)
			want := make([]int, n)
			for i, p := range perm {
				from[i] = int32(p)
				want[i] = list[p]
			}
			Apply(list, from)
			if !slices.Equal(list, want) {
				t.Fatalf("n=%d perm %v: got %v, want %v", n, perm, list, want)
			}
			for i, f := range from {
				if f != -1 {
					t.Fatalf("from[%d] = %d after Apply, want -1", i, f)
				}
			}
		}
	}
}
