package decks

import (
	"fmt"
	"strings"
)

// Limits on deck names. Every command walks a card's deck lineage (the
// deck and each ancestor), so its cost grows with the square of the depth:
// deck names thousands of levels deep made review, due and decks take
// minutes and gigabytes. Real deck trees are a few levels deep.
const (
	// MaxDepth is the most levels a deck name may have ("a::b::c" has 3).
	MaxDepth = 32
	// MaxNameLength is the longest deck name, in bytes.
	MaxNameLength = 1000
)

// CheckName reports a deck name over MaxDepth or MaxNameLength. It counts
// without splitting the name, so checking costs nothing however long it is.
func CheckName(name string) error {
	if len(name) > MaxNameLength {
		return fmt.Errorf("deck name of %d bytes, over the limit of %d", len(name), MaxNameLength)
	}
	if d := strings.Count(name, Separator) + 1; d > MaxDepth {
		return fmt.Errorf("deck name %d levels deep, over the limit of %d", d, MaxDepth)
	}
	return nil
}
