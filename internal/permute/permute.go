// Package permute reorders big slices in place.
package permute

// Apply reorders list so that list[i] holds what list[from[i]] held,
// moving each element once and keeping just one aside: sorting a slice of
// big elements through small keys and then moving the elements this way
// allocates no second slice. from must be a permutation of the indexes
// of list; Apply uses it up (its entries end as -1).
func Apply[T any](list []T, from []int32) {
	for i := range list {
		if from[i] < 0 {
			continue // moved with an earlier cycle
		}
		held := list[i]
		j := i
		for {
			k := int(from[j])
			from[j] = -1
			if k == i {
				list[j] = held
				break
			}
			list[j] = list[k]
			j = k
		}
	}
}
