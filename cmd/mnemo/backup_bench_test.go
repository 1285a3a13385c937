package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks/store"
)

// peakRSS is the process's peak resident set size in MB (Linux), or 0.
func peakRSS() float64 { return statusMB("VmHWM:") }

// rss is the process's resident set size in MB (Linux), or 0.
func rss() float64 { return statusMB("VmRSS:") }

// statusMB reads a kB figure from /proc/self/status, in MB.
func statusMB(field string) float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if rest, ok := strings.CutPrefix(s.Text(), field); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}

// cpuTime is the CPU time the process used so far: wall time on a shared
// machine mostly measures the neighbours.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// resetPeak returns freed memory to the system and restarts the peak RSS
// counter, so the next peakRSS covers what follows only.
func resetPeak() {
	runtime.GC()
	debug.FreeOSMemory()
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// bigStore writes a collection of n cards with perCard reviews each, in
// batches of a few thousand cards per transaction.
func bigStore(tb testing.TB, path string, n, perCard int) {
	tb.Helper()
	st, err := store.Open(path, store.OpenOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	defer st.Close()
	t0 := time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC)
	const batch = 5000
	for lo := 0; lo < n; lo += batch {
		err := st.Update(func(tx *store.Tx) error {
			for i := lo; i < min(lo+batch, n); i++ {
				q := fmt.Sprintf("What is concept %d in the *attention* literature?", i)
				id := cards.NewID(cards.KindBasic, q, 0, "")
				c := cards.Card{ID: id, Note: id, Kind: cards.KindBasic, Deck: fmt.Sprintf("big::part%d", i%7),
					Question: q, Answer: fmt.Sprintf("Concept %d maps tokens, see `code%d`.", i, i), Tags: []string{"big"},
					Context: []string{"Part", "Chapter"}, Source: cards.Source{Path: fmt.Sprintf("/vault/f%d.md", i%500), Line: i%200 + 1, EndLine: i%200 + 1},
					Position: uint64(i + 1), Added: t0, Modified: t0}
				at := t0.Add(time.Duration(i) * time.Second)
				var prev cards.Schedule
				for k := range perCard {
					s := cards.Schedule{State: cards.StateReview, Due: at.AddDate(0, 0, 3), Stability: 3 + float64(k), Difficulty: 5,
						ScheduledDays: 3, Reps: uint64(k + 1), LastReview: at}
					if err := tx.AddReview(cards.Review{CardID: id, Time: at, Rating: cards.Good, StateBefore: prev.State,
						StateAfter: s.State, ScheduledDays: 3, Stability: s.Stability, Difficulty: 5, DurationMS: 4000, Prev: prev}); err != nil {
						return err
					}
					prev = s
					at = at.AddDate(0, 0, 3)
				}
				c.Schedule = prev
				if err := tx.PutCard(&c); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
}

// BenchmarkBackup100k streams `export json` out of, then `import json`
// into an empty collection, then merges it into the collection it was made
// from (a second machine that has the same cards), 100,000 cards and
// 600,000 reviews (target: each under 150 MB peak RSS). The peak is reset before each step, so it
// covers that step alone (the process's baseline included).
func BenchmarkBackup100k(b *testing.B) {
	if testing.Short() {
		b.Skip("100k-card backup skipped in -short")
	}
	dir := b.TempDir()
	src := filepath.Join(dir, "src.db")
	bigStore(b, src, 100_000, 6)
	backup := filepath.Join(dir, "backup.json")
	for b.Loop() {
		dst := filepath.Join(dir, fmt.Sprintf("dst%d.db", time.Now().UnixNano()))
		resetPeak()
		b.ReportMetric(rss(), "baseline-MB-RSS")
		start, cpu := time.Now(), cpuTime()
		code := run(context.Background(), []string{"mnemo", "--db", src, "--now", "2026-01-01T00:00:00Z", "export", "json", backup},
			strings.NewReader(""), os.Stdout, os.Stderr, func(string) string { return "" })
		if code != 0 {
			b.Fatalf("export json: exit %d", code)
		}
		b.ReportMetric(time.Since(start).Seconds(), "export-s")
		b.ReportMetric((cpuTime() - cpu).Seconds(), "export-cpu-s")
		b.ReportMetric(peakRSS(), "export-MB-peak-RSS")
		resetPeak()
		start, cpu = time.Now(), cpuTime()
		code = run(context.Background(), []string{"mnemo", "--db", dst, "--now", "2026-01-01T00:00:00Z", "import", "json", backup},
			strings.NewReader(""), os.Stdout, os.Stderr, func(string) string { return "" })
		if code != 0 {
			b.Fatalf("import json: exit %d", code)
		}
		b.ReportMetric(time.Since(start).Seconds(), "import-s")
		b.ReportMetric((cpuTime() - cpu).Seconds(), "import-cpu-s")
		b.ReportMetric(peakRSS(), "import-MB-peak-RSS")
		if fi, err := os.Stat(backup); err == nil {
			b.ReportMetric(float64(fi.Size())/(1<<20), "backup-MB")
		}
		os.Remove(dst)
		// the second-machine merge: the backup into an existing collection
		// that has all its cards (the one it was made from)
		resetPeak()
		start, cpu = time.Now(), cpuTime()
		code = run(context.Background(), []string{"mnemo", "--db", src, "--now", "2026-01-01T00:00:00Z", "import", "json", backup},
			strings.NewReader(""), os.Stdout, os.Stderr, func(string) string { return "" })
		if code != 0 {
			b.Fatalf("import json into the existing collection: exit %d", code)
		}
		b.ReportMetric(time.Since(start).Seconds(), "merge-s")
		b.ReportMetric((cpuTime() - cpu).Seconds(), "merge-cpu-s")
		peak := peakRSS()
		b.ReportMetric(peak, "merge-MB-peak-RSS")
		if peak > 150 {
			b.Errorf("import json into the existing collection peaked at %.0f MB, want <= 150", peak)
		}
	}
}
