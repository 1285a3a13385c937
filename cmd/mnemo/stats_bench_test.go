package main

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks/store"
	"github.com/mnemo-app/mnemo/scheduler/optimize"
)

// simulatedCollection writes a collection of 10,000 cards with a year of
// simulated reviews and returns its path, the day after and the number
// of reviews.
func simulatedCollection(b *testing.B) (string, time.Time, int) {
	path := filepath.Join(b.TempDir(), "c.db")
	st, err := store.Open(path, store.OpenOptions{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	start := time.Date(2025, 11, 27, 0, 0, 0, 0, time.UTC)
	sim := optimize.Simulate(optimize.SimConfig{Weights: fsrs.DefaultWeights(), Cards: 10000, NewPerDay: 40,
		Days: 365, Retention: 0.9, Seed: 3})
	reviews := 0
	for _, c := range sim {
		reviews += len(c.Reviews)
	}
	err = st.Update(func(tx *store.Tx) error {
		s, err := tx.Settings()
		if err != nil {
			return err
		}
		s.TimeZone, s.RolloverHour = "UTC", 4
		if err := tx.PutSettings(s); err != nil {
			return err
		}
		for i, sc := range sim {
			c := cards.Card{ID: cards.NewID(cards.KindBasic, fmt.Sprint(i), 0, ""), Kind: cards.KindBasic,
				Deck: fmt.Sprintf("topic%02d", i%20), Question: fmt.Sprint("question ", i), Answer: "answer",
				Position: uint64(i + 1), Added: start}
			for k, r := range sc.Reviews {
				at := start.Add(time.Duration(r.Day)*24*time.Hour + time.Duration(r.Minute)*time.Minute)
				before := cards.StateReview
				if k == 0 {
					before = cards.StateNew
				}
				if err := tx.AddReview(cards.Review{CardID: c.ID, Time: at, Rating: cards.Rating(r.Rating), StateBefore: before}); err != nil {
					return err
				}
				c.Schedule = cards.Schedule{State: cards.StateReview, Stability: 10, Difficulty: 5, LastReview: at,
					Due: at.Add(10 * 24 * time.Hour)}
			}
			if err := tx.PutCard(&c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return path, start.AddDate(0, 0, 365).Add(9 * time.Hour), reviews
}

func benchCommand(b *testing.B, args ...string) {
	path, now, reviews := simulatedCollection(b)
	getenv := func(k string) string {
		return map[string]string{"MNEMO_DB": path, "MNEMO_NOW": now.Format(time.RFC3339)}[k]
	}
	b.ResetTimer()
	for b.Loop() {
		var out, errOut bytes.Buffer
		if code := run(context.Background(), append([]string{"mnemo"}, args...), strings.NewReader(""), &out, &errOut, getenv); code != 0 {
			b.Fatalf("exit %d: %s", code, errOut.String())
		}
	}
	b.ReportMetric(float64(reviews), "reviews")
}

// BenchmarkStatsCommand: `mnemo stats --json` on 10,000 cards and a year
// of reviews.
func BenchmarkStatsCommand(b *testing.B) { benchCommand(b, "stats", "--json") }

// BenchmarkOptimizeCommand: `mnemo optimize --dry-run --json` on the same.
func BenchmarkOptimizeCommand(b *testing.B) { benchCommand(b, "optimize", "--dry-run", "--json") }
