package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// gcPercent returns the GC percent in force without changing it.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

func TestTuneGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	t.Run("GOGC set", func(t *testing.T) {
		debug.SetGCPercent(100)
		tuneGC(func(k string) string { return map[string]string{"GOGC": "50"}[k] })
		if got := debug.SetGCPercent(100); got != 100 {
			t.Fatalf("GC percent %d, want the environment's to stay in force", got)
		}
	})
	t.Run("GOMEMLIMIT set", func(t *testing.T) {
		debug.SetGCPercent(100)
		tuneGC(func(k string) string { return map[string]string{"GOMEMLIMIT": "1GiB"}[k] })
		if got := debug.SetGCPercent(100); got != 100 {
			t.Fatalf("GC percent %d, want the environment's settings to stay in force", got)
		}
	})
	t.Run("first collection late, then 5x, big heap restores the default", func(t *testing.T) {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
		debug.SetGCPercent(100)
		tuneGC(func(string) string { return "" })
		if got, limit := gcPercent(), debug.SetMemoryLimit(-1); got != -1 || limit != firstGC {
			t.Fatalf("GC percent %d, memory limit %d before the first collection, want off and %d", got, limit, firstGC)
		}
		waitPercent := func(want int) int {
			got := 0
			for range 200 { // finalizers run after a cycle, on their own goroutine
				runtime.GC()
				time.Sleep(time.Millisecond)
				if got = gcPercent(); got == want {
					break
				}
			}
			return got
		}
		if got := waitPercent(smallHeapGCPercent); got != smallHeapGCPercent {
			t.Fatalf("GC percent %d after the first collection, want %d for a small heap", got, smallHeapGCPercent)
		}
		if limit := debug.SetMemoryLimit(-1); limit != math.MaxInt64 {
			t.Fatalf("memory limit %d after the first collection, want none", limit)
		}
		big := make([][]byte, 0, 100)
		for range 100 {
			big = append(big, make([]byte, 1<<20))
		}
		got := waitPercent(100)
		runtime.KeepAlive(big)
		if got != 100 {
			t.Fatalf("GC percent %d with a %d MB live heap, want 100", got, liveHeap()>>20)
		}
	})
}

// A fresh restore's memory limit (lowerMemoryLimit) holds even when it
// starts before the first collection, and stays below an environment's
// higher limit, never above a lower one.
func TestLowerMemoryLimit(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	const want = 80 << 20
	tests := []struct {
		name      string
		setup     func()
		during    int64
		afterward int64
	}{
		{"before the first collection", func() { tuneGC(func(string) string { return "" }) }, want, math.MaxInt64},
		{"no limit", func() { debug.SetMemoryLimit(math.MaxInt64) }, want, math.MaxInt64},
		{"a higher limit", func() { debug.SetMemoryLimit(1 << 30) }, want, 1 << 30},
		{"a lower limit", func() { debug.SetMemoryLimit(40 << 20) }, 40 << 20, 40 << 20},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.setup()
			restore := lowerMemoryLimit(want)
			if got := debug.SetMemoryLimit(-1); got != tc.during {
				t.Errorf("limit during the phase %d, want %d", got, tc.during)
			}
			liftFirstLimit() // the first collection's finalizer must not lift it
			if got := debug.SetMemoryLimit(-1); got != tc.during {
				t.Errorf("limit after the first collection %d, want %d", got, tc.during)
			}
			restore()
			if got := debug.SetMemoryLimit(-1); got != tc.afterward {
				t.Errorf("limit afterwards %d, want %d", got, tc.afterward)
			}
			runtime.GC() // let a pending finalizer of tuneGC run before the next case
		})
	}
}
