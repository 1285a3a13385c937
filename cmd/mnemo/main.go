// Command mnemo turns Markdown notes into flashcards and schedules them
// with FSRS.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "mnemo: not wired yet")
	os.Exit(1)
}
