package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// Garbage collector settings for a command-line process. Most mnemo
// commands are short and keep a small live heap, for which Go's default
// (GOGC=100, from a 4 MB heap) collects every few milliseconds: `mnemo
// due` on 100,000 cards ran seven collections. So the first collection
// waits until the heap reaches firstGC (`due` and the first card of a
// review allocate less, and run none: on two cores a collection's
// background and idle workers cost 5-10 ms of CPU there), and later ones
// run at 5x the live heap. Commands that build a big heap (add, export)
// get the default back once their live heap passes bigHeap, so their
// peak memory stays what GOGC=100 gives. A GOGC or GOMEMLIMIT set in the
// environment wins.
const (
	firstGC            = 48 << 20
	smallHeapGCPercent = 400
	bigHeap            = 32 << 20
)

func tuneGC(getenv func(string) string) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return
	}
	// Collection off, bounded by a soft memory limit: the runtime collects
	// when the heap nears the limit, as a GOGC would, only later.
	limitMu.Lock()
	defer limitMu.Unlock()
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(firstGC)
	firstLimit = true
	watchHeap(true)
}

// limitMu guards firstLimit, which is set while tuneGC's memory limit is
// in force (until the first collection).
var (
	limitMu    sync.Mutex
	firstLimit bool
)

// lowerMemoryLimit sets a soft memory limit for a phase that needs one (a
// fresh restore) unless a lower one, the environment's, is in force; it
// returns the function that puts back what was there. tuneGC's limit
// before the first collection does not count as a lower one.
func lowerMemoryLimit(limit int64) (restore func()) {
	limitMu.Lock()
	defer limitMu.Unlock()
	prev := debug.SetMemoryLimit(-1)
	if firstLimit {
		prev, firstLimit = math.MaxInt64, false
	}
	if prev <= limit {
		debug.SetMemoryLimit(prev)
		return func() {}
	}
	debug.SetMemoryLimit(limit)
	return func() { debug.SetMemoryLimit(prev) }
}

// liftFirstLimit ends tuneGC's memory limit, unless something else set
// one meanwhile.
func liftFirstLimit() {
	limitMu.Lock()
	defer limitMu.Unlock()
	if firstLimit {
		debug.SetMemoryLimit(math.MaxInt64)
		firstLimit = false
	}
}

// watchHeap checks the live heap after each collection (a finalizer runs
// once per cycle that frees its object): after the first it lifts the
// memory limit and turns GOGC back on, and it restores GOGC=100 when the
// heap has grown big.
func watchHeap(first bool) {
	sentinel := new([16]byte)
	runtime.SetFinalizer(sentinel, func(*[16]byte) {
		if first {
			debug.SetGCPercent(smallHeapGCPercent)
			liftFirstLimit()
		}
		if liveHeap() > bigHeap {
			debug.SetGCPercent(100)
			return
		}
		watchHeap(false)
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
