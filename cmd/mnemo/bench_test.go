package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks/store"
)

// benchNow is the clock of the benchmark collections.
var benchNow = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

// buildBenchCollection writes the 100,000-card benchmark collection to
// path: 500 decks, three in four cards reviewed (one in twenty due today),
// note-sized text, and reviewsPerCard log entries per reviewed card
// (8 gives the ~600,000 reviews of a heavy user).
func buildBenchCollection(tb testing.TB, path string, reviewsPerCard int) {
	tb.Helper()
	st, err := store.Open(path, store.OpenOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	defer st.Close()
	filler := strings.Repeat("the quick brown fox jumps over the lazy dog ", 3)
	err = st.Update(func(tx *store.Tx) error {
		for i := range 100000 {
			c := cards.Card{ID: cards.NewID(cards.KindBasic, fmt.Sprint(i), 0, ""), Kind: cards.KindBasic,
				Deck: fmt.Sprintf("topic%02d::note%03d", i%50, i%500), Question: fmt.Sprint("question ", i, " about ", filler[:60]),
				Answer: fmt.Sprint("answer ", i, ": ", filler), Tags: []string{"bench", fmt.Sprintf("t%d", i%20)},
				Source:   cards.Source{Path: fmt.Sprintf("/home/me/notes/topic%02d/note%03d.md", i%50, i%500), Line: i % 200, EndLine: i%200 + 2},
				Position: uint64(i + 1)}
			if i%4 != 0 { // three in four reviewed, one in twenty due today
				c.Schedule = cards.Schedule{State: cards.StateReview, Stability: 10, Difficulty: 5, Reps: 3,
					LastReview: benchNow.Add(-240 * time.Hour), Due: benchNow.Add(time.Duration(i%15-1) * 24 * time.Hour)}
				for r := range reviewsPerCard {
					err := tx.AddReview(cards.Review{CardID: c.ID, Time: benchNow.Add(-time.Duration(r+1) * 240 * time.Hour),
						Rating: cards.Good, StateBefore: cards.StateReview, StateAfter: cards.StateReview,
						ElapsedDays: 10, ScheduledDays: 10, Stability: 10, Difficulty: 5, DurationMS: 4000})
					if err != nil {
						return err
					}
				}
			}
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

// BenchmarkDue measures `mnemo due`'s work on a collection of 100,000
// cards in 500 decks, 5,000 of them due today. Target: the whole process
// (BenchmarkProcess/due) <= 20 ms.
func BenchmarkDue(b *testing.B) {
	path := filepath.Join(b.TempDir(), "c.db")
	buildBenchCollection(b, path, 0)
	st, err := store.Open(path, store.OpenOptions{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	for b.Loop() {
		var rows []deckDue
		err := st.View(func(tx *store.Tx) error {
			_, rows, err = dueByDeck(tx, benchNow)
			return err
		})
		if err != nil || len(rows) == 0 {
			b.Fatal(err, len(rows))
		}
	}
}

// BenchmarkCardsJSON runs `mnemo cards --json` on the 100,000-card
// collection in a child process and reports its peak resident memory
// (target: < 150 MB; README "Performance").
func BenchmarkCardsJSON(b *testing.B) {
	db := filepath.Join(b.TempDir(), "c.db")
	buildBenchCollection(b, db, 0)
	benchPeakRSS(b, db, 150, "cards", "--json")
}

// childPeakFile names the file a child writes its peak RSS to. A child's
// rusage is no good here: it counts the parent's memory at fork time.
const childPeakFile = "MNEMO_TEST_PEAK_FILE"

// writePeakRSS writes the process's VmHWM (peak resident set, KiB) from
// /proc/self/status to file.
func writePeakRSS(file string) {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return
	}
	for _, line := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			os.WriteFile(file, []byte(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB"))), 0o644)
		}
	}
}

func readPeakRSS(file string) (int64, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return 0, fmt.Errorf("the child reported no peak RSS (Linux /proc needed): %w", err)
	}
	return strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
}

// benchPeakRSS runs mnemo ARGS on the collection db in a child process per
// iteration, its output thrown away, and reports the largest peak RSS;
// above limitMB it fails.
func benchPeakRSS(b *testing.B, db string, limitMB float64, args ...string) {
	b.Helper()
	var peak int64
	for b.Loop() {
		cmd := exec.Command(os.Args[0], args...)
		peakFile := filepath.Join(b.TempDir(), "peak")
		cmd.Env = append(os.Environ(), childRunMain+"=1", childPeakFile+"="+peakFile,
			"MNEMO_DB="+db, "MNEMO_NOW="+benchNow.Format(time.RFC3339))
		cmd.Stdout = io.Discard
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			b.Fatalf("mnemo %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
		}
		kb, err := readPeakRSS(peakFile)
		if err != nil {
			b.Fatal(err)
		}
		peak = max(peak, kb)
	}
	mb := float64(peak) / 1024
	b.ReportMetric(mb, "peak-RSS-MB")
	if mb > limitMB {
		b.Errorf("mnemo %s: peak RSS %.0f MB, above the %.0f MB target", strings.Join(args, " "), mb, limitMB)
	}
}

// BenchmarkJSONArrayAdd measures one card of a streamed --json listing.
func BenchmarkJSONArrayAdd(b *testing.B) {
	cd := cards.Card{ID: "aaaaaaaaaa", Kind: cards.KindBasic, Deck: "topic01::note001",
		Question: "question 1 about the quick brown fox", Answer: strings.Repeat("the answer ", 10),
		Tags: []string{"bench"}, Source: cards.Source{Path: "/home/me/notes/topic01/note001.md", Line: 3, EndLine: 4}}
	arr := newJSONArray(io.Discard)
	for b.Loop() {
		if err := arr.add(toJSON(&cd)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStreamingTableRow measures one row of the cards table.
func BenchmarkStreamingTableRow(b *testing.B) {
	t := newStreamingTable(io.Discard, []int{10, 20, 9, 50, 40})
	for b.Loop() {
		t.row("aaaaaaaaaa", "topic01::note001", "in 3d", "question 1 about the quick brown fox 漢字", "notes/topic01/note001.md:3")
	}
}
