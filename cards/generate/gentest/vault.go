// Package gentest holds test material shared by the benchmarks of
// cards/generate and decks/ingest.
package gentest

import (
	"fmt"
	"strings"
)

// VaultNote is note i of the benchmark vault: ~10 explicit cards (a
// definition item, a labelled list, one is-a sentence among them) and some
// prose.
func VaultNote(i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntags: [bench, topic%d]\n---\n# Note %d\n\nSome prose about subject %d, with a [link](https://example.com/%d) and `code`.\n\n", i%50, i, i, i)
	for j := range 4 {
		fmt.Fprintf(&b, "Term %d-%d::definition number %d of note %d\n\n", i, j, j, i)
	}
	fmt.Fprintf(&b, "## Details %d\n\nword %d:::mot %d\n\n", i, i, i)
	fmt.Fprintf(&b, "The capital of region %d is ==City %d== and it has {{c2::%d}} people.\n\n", i, i, i*1000)
	fmt.Fprintf(&b, "Q: What is item %d?\nA: It is the %dth item.\n\n", i, i)
	fmt.Fprintf(&b, "A longer question about %d\n?\nthe answer spans\ntwo lines\n\n", i)
	fmt.Fprintf(&b, "- **Widget %d**: a small part that holds the frame of machine %d together\n- Spare parts: bolts, nuts and washers\n\n", i, i)
	fmt.Fprintf(&b, "The regulator of line %d is a device that keeps the pressure steady. It was fitted in %d.\n\n", i, 1900+i%100)
	b.WriteString("Plain paragraph closing the note, with no cards in it at all.\n")
	return b.String()
}
