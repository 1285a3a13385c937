package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/decks/store"
)

// runExport and runImport are called directly, without the command line
// (restic's runX shape): the cases the command line tests do not reach.
func TestRunExportAndImport(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src.db")
	bigStore(t, src, 50, 2)
	st, err := store.Open(src, store.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tc := range []struct {
		name        string
		ctx         context.Context
		opts        exportOptions
		wantCards   int
		wantReviews int
		wantCode    int  // a userError's exit code, 0 when none is wanted
		interrupted bool // the error is the context's
	}{
		{"json", context.Background(), exportOptions{Format: "json"}, 50, 100, 0, false},
		{"csv", context.Background(), exportOptions{Format: "csv"}, 50, 0, 0, false},
		{"anki", context.Background(), exportOptions{Format: "anki"}, 50, 100, 0, false},
		{"missing deck", context.Background(), exportOptions{Format: "json", Deck: "no::such"}, 0, 0, 1, false},
		{"cancelled json", canceled, exportOptions{Format: "json"}, 0, 0, 0, true},
		{"cancelled anki", canceled, exportOptions{Format: "anki"}, 0, 0, 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ext := map[string]string{"json": ".json", "csv": ".csv", "anki": ".apkg"}[tc.opts.Format]
			tc.opts.Out = filepath.Join(t.TempDir(), "out"+ext)
			res, _, err := runExport(tc.ctx, tc.opts, st, now, nil)
			var ue *userError
			switch {
			case tc.interrupted:
				if !isInterrupt(err) {
					t.Fatalf("err = %v, want the context's", err)
				}
			case tc.wantCode != 0:
				if !errors.As(err, &ue) || ue.code != tc.wantCode {
					t.Fatalf("err = %v, want a user error with code %d", err, tc.wantCode)
				}
			case err != nil:
				t.Fatal(err)
			}
			_, statErr := os.Stat(tc.opts.Out)
			if wrote := statErr == nil; wrote != (err == nil) {
				t.Errorf("target written: %v, error: %v", wrote, err)
			}
			if err == nil && (res.Cards != tc.wantCards || res.Reviews != tc.wantReviews) {
				t.Errorf("exported %d cards, %d reviews; want %d, %d", res.Cards, res.Reviews, tc.wantCards, tc.wantReviews)
			}
			if err != nil {
				return
			}
			if tc.opts.Format == "csv" {
				return // no import for CSV
			}
			// the export merges into an empty collection; a dry run first
			// writes nothing
			dst, err := store.Open(filepath.Join(t.TempDir(), "dst.db"), store.OpenOptions{})
			if err != nil {
				t.Fatal(err)
			}
			defer dst.Close()
			for _, dry := range []bool{true, false} {
				r, _, err := runImport(context.Background(), importOptions{Format: tc.opts.Format, Path: tc.opts.Out, DryRun: dry}, dst, now, nil)
				if err != nil {
					t.Fatalf("import (dry run %v): %v", dry, err)
				}
				if r.Report.Cards != tc.wantCards || r.Report.Added != tc.wantCards {
					t.Errorf("import (dry run %v): %+v", dry, r.Report)
				}
				var n int
				_ = dst.View(func(tx *store.Tx) error { n = tx.CardCount(); return nil })
				if want := map[bool]int{true: 0, false: tc.wantCards}[dry]; n != want {
					t.Errorf("after import (dry run %v): %d cards stored, want %d", dry, n, want)
				}
			}
		})
	}
}
