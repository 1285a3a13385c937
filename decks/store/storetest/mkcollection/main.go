// Command mkcollection writes a synthetic collection for timing mnemo
// as a whole process (see the README's performance table):
//
//	go run ./decks/store/storetest/mkcollection -o /tmp/due.db -due 5000 -new 25000
//	hyperfine 'mnemo --db /tmp/due.db --now 2026-11-27T09:00:00Z due'
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/mnemo-app/mnemo/decks/store/storetest"
)

func main() {
	var spec storetest.CollectionSpec
	out := flag.String("o", "", "collection file to create")
	flag.IntVar(&spec.Cards, "cards", 100000, "cards")
	flag.IntVar(&spec.Due, "due", 5000, "review cards due now")
	flag.IntVar(&spec.New, "new", 25000, "new cards")
	flag.IntVar(&spec.Decks, "decks", 500, "leaf decks")
	flag.IntVar(&spec.Reviews, "reviews", 0, "review-log entries")
	now := flag.String("now", "2026-11-27T09:00:00Z", "the time the collection is due at (RFC 3339)")
	flag.Parse()
	var err error
	spec.Now, err = time.Parse(time.RFC3339, *now)
	if err == nil && *out == "" {
		err = fmt.Errorf("-o is required")
	}
	if err == nil {
		err = storetest.WriteCollection(*out, spec)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "mkcollection:", err)
		os.Exit(1)
	}
}
