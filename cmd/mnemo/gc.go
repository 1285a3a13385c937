package main

import "runtime/debug"

// Garbage collector settings for a command-line process. mnemo's commands
// are short and most keep a small live heap, for which Go's default
// (GOGC=100, from a 4 MB heap) runs a collection every few milliseconds:
// `mnemo due` on 100,000 cards ran seven. Collecting at 5x the live heap
// cuts the collector's CPU by about a third; the soft memory limit keeps a
// big add or export from growing past what GOGC=100 would reach. GOGC and
// GOMEMLIMIT in the environment still win.
const (
	gcPercent   = 400
	memoryLimit = 200 << 20
)

func tuneGC(getenv func(string) string) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
}
