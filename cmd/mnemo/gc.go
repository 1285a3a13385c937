package main

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// Garbage collector settings for a command-line process. Most mnemo
// commands are short and keep a small live heap, for which Go's default
// (GOGC=100, from a 4 MB heap) collects every few milliseconds: `mnemo
// due` on 100,000 cards ran seven collections. Collecting at 5x the live
// heap cuts the collector's CPU there by about a third. Commands that
// build a big heap (add, export) get the default back once their live heap
// passes bigHeap, so their peak memory stays what GOGC=100 gives. A GOGC
// set in the environment wins.
const (
	smallHeapGCPercent = 400
	bigHeap            = 32 << 20
)

func tuneGC(getenv func(string) string) {
	if getenv("GOGC") != "" {
		return
	}
	debug.SetGCPercent(smallHeapGCPercent)
	watchHeap()
}

// watchHeap checks the live heap after each collection (a finalizer runs
// once per cycle that frees its object) and restores GOGC=100 when it has
// grown big.
func watchHeap() {
	sentinel := new([16]byte)
	runtime.SetFinalizer(sentinel, func(*[16]byte) {
		if liveHeap() > bigHeap {
			debug.SetGCPercent(100)
			return
		}
		watchHeap()
	})
}

func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
