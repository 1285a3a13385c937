package main

import (
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
	t.Run("big heap restores the default", func(t *testing.T) {
		debug.SetGCPercent(100)
		tuneGC(func(string) string { return "" })
		if got := debug.SetGCPercent(smallHeapGCPercent); got != smallHeapGCPercent {
			t.Fatalf("GC percent %d, want %d for a small heap", got, smallHeapGCPercent)
		}
		big := make([][]byte, 0, 100)
		for range 100 {
			big = append(big, make([]byte, 1<<20))
		}
		got := 0
		for range 200 { // finalizers run after a cycle, on their own goroutine
			runtime.GC()
			time.Sleep(time.Millisecond)
			if got = gcPercent(); got == 100 {
				break
			}
		}
		runtime.KeepAlive(big)
		if got != 100 {
			t.Fatalf("GC percent %d with a %d MB live heap, want 100", got, liveHeap()>>20)
		}
	})
}
