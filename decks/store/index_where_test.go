package store

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards"
)

// ScanDueWhere and ScanNewWhere pass fn exactly the entries keep accepts,
// with their IDs and notes, in index order.
func TestScanWhere(t *testing.T) {
	st, err := Open(filepath.Join(t.TempDir(), "c.db"), OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	t0 := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	err = st.Update(func(tx *Tx) error {
		for i := range 12 {
			c := cards.Card{ID: cards.ID(fmt.Sprintf("c%02d", i)), Note: cards.ID(fmt.Sprintf("n%02d", i/2)), Kind: cards.KindBasic,
				Deck: []string{"a", "b", "a::x"}[i%3], Question: "q", Answer: "a", Position: uint64(i + 1)}
			if i%2 == 0 {
				c.Schedule = cards.Schedule{State: cards.StateReview, Stability: 3, LastReview: t0.Add(-72 * time.Hour),
					Due: t0.Add(time.Duration(i) * time.Hour)}
			}
			if err := tx.PutCard(&c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name               string
		keep               func(e *IndexEntry) bool
		wantDue, wantFresh []string // "ID/note"
	}{
		{name: "all", keep: nil,
			wantDue:   []string{"c00/n00", "c02/n01", "c04/n02", "c06/n03", "c08/n04", "c10/n05"},
			wantFresh: []string{"c01/n00", "c03/n01", "c05/n02", "c07/n03", "c09/n04", "c11/n05"}},
		{name: "one deck", keep: func(e *IndexEntry) bool { return e.Deck == "a" },
			wantDue: []string{"c00/n00", "c06/n03"}, wantFresh: []string{"c03/n01", "c09/n04"}},
		{name: "none", keep: func(*IndexEntry) bool { return false }},
	}
	// Each case is scanned one index after the other, and with the two
	// scans at once on two goroutines (what the due counts do).
	modes := []struct {
		name       string
		concurrent bool
	}{{"in turn", false}, {"at once", true}}
	for _, tt := range tests {
		for _, m := range modes {
			t.Run(tt.name+"/"+m.name, func(t *testing.T) {
				var due, fresh []string
				err := st.View(func(tx *Tx) error {
					var dueErr error
					var wg sync.WaitGroup
					scanDue := func() {
						dueErr = tx.ScanDueWhere(t0.Add(24*time.Hour), tt.keep, func(e IndexEntry) bool {
							due = append(due, string(e.ID)+"/"+string(e.Note))
							return true
						})
					}
					if m.concurrent {
						wg.Go(scanDue)
					} else {
						scanDue()
					}
					err := tx.ScanNewWhere(tt.keep, func(e IndexEntry) bool {
						fresh = append(fresh, string(e.ID)+"/"+string(e.Note))
						return true
					})
					wg.Wait()
					return errors.Join(dueErr, err)
				})
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(due, tt.wantDue) || !slices.Equal(fresh, tt.wantFresh) {
					t.Errorf("due %v, new %v; want %v, %v", due, fresh, tt.wantDue, tt.wantFresh)
				}
			})
		}
	}
}
