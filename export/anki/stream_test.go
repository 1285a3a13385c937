package anki

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/export"
)

// TestExportRevlogSameMillisecond checks that reviews of one card at the
// same instant keep their input order, get consecutive ids and export the
// same way every time.
func TestExportRevlogSameMillisecond(t *testing.T) {
	at := testNow.Add(-24 * time.Hour)
	card := cards.Card{ID: "c", Kind: cards.KindBasic, Deck: "d", Question: "q", Answer: "a", Added: at.Add(-time.Hour),
		Schedule: cards.Schedule{State: cards.StateLearning, Due: at.Add(10 * time.Minute), Reps: 3, LastReview: at, Stability: 2, Difficulty: 5}}
	var rs []cards.Review
	for _, r := range []cards.Rating{cards.Hard, cards.Again, cards.Good} {
		rs = append(rs, cards.Review{CardID: "c", Time: at, Rating: r, StateBefore: cards.StateLearning, StateAfter: cards.StateLearning})
	}
	col := export.Collection{Cards: []cards.Card{card}, Reviews: rs, Now: testNow, Created: testCreated}
	var first []byte
	for i := range 3 {
		var b bytes.Buffer
		if _, err := Export(context.Background(), &b, col, Options{Scheduling: true}); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = b.Bytes()
		} else if !bytes.Equal(first, b.Bytes()) {
			t.Fatal("exports of the same collection differ")
		}
	}
	path, _ := exportFile(t, col, Options{Scheduling: true})
	db := openCollection(t, path)
	got := queryString(t, db, "SELECT group_concat((id - ?) || ':' || ease) FROM (SELECT id, ease FROM revlog ORDER BY id)", at.UnixMilli())
	if got != "0:2,1:1,2:3" {
		t.Errorf("revlog (ms after the review:ease) = %s, want 0:2,1:1,2:3", got)
	}
}

// TestExportWarningOrder checks that notes rendered while the review log
// is computed still report in the order of a sequential export: splits,
// notes, new-card positions, then reviews.
func TestExportWarningOrder(t *testing.T) {
	at := testNow.Add(-time.Hour)
	var cs []cards.Card
	for i := range 200 {
		id := cards.ID(fmt.Sprintf("c%03d", i))
		cs = append(cs, cards.Card{ID: id, Note: "n" + id, Kind: cards.KindBasic, Deck: "d", Question: fmt.Sprintf("q %d", i),
			Answer: "a", Added: at})
	}
	cs[150].Answer = "![x](missing-150.png)"
	cs[20].Answer = "![x](missing-20.png)"
	cs[199].Note = cs[198].Note // two forward cards: one is split off
	rs := []cards.Review{{CardID: "gone", Time: at, Rating: cards.Good}, {CardID: "c001", Time: at, Rating: 9}}
	col := export.Collection{Cards: cs, Reviews: rs, Now: testNow, Created: testCreated}
	warnings, err := Export(context.Background(), &bytes.Buffer{}, col, Options{Scheduling: true, TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"card c199 could not share", "missing-20.png", "missing-150.png", "belong to cards that are not exported",
		"have no valid rating"}
	if len(warnings) != len(want) {
		t.Fatalf("warnings %q, want %d", warnings, len(want))
	}
	for i, w := range want {
		if !strings.Contains(warnings[i], w) {
			t.Errorf("warning %d = %q, want one about %q", i, warnings[i], w)
		}
	}
}

// TestExportStopsAtRenderError checks that a note that cannot be
// rendered ends the export with the warnings of the notes before it only:
// the renderer stops there (after.png is never looked at).
func TestExportStopsAtRenderError(t *testing.T) {
	var cs []cards.Card
	for i := range 500 {
		id := cards.ID(fmt.Sprintf("c%03d", i))
		cs = append(cs, cards.Card{ID: id, Kind: cards.KindBasic, Deck: "d", Question: fmt.Sprintf("q %d", i), Answer: "a"})
	}
	cs[10].Answer = "![x](before.png)"
	cs[300].Answer = "a\x1fb"
	cs[400].Answer = "![x](after.png)"
	col := export.Collection{Cards: cs, Reviews: []cards.Review{{CardID: "gone", Time: testNow, Rating: cards.Good}}, Now: testNow}
	warnings, err := Export(context.Background(), &bytes.Buffer{}, col, Options{Scheduling: true, TempDir: t.TempDir()})
	if err == nil || !strings.Contains(err.Error(), "card c300 contains the control character U+001F") {
		t.Fatalf("err = %v", err)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "before.png") {
		t.Errorf("warnings %q, want only the one about before.png", warnings)
	}
}

// streamed returns col with its review log behind EachReview instead of
// in Reviews, as export.GatherStream hands it over: with the index of each
// review's card when it is in col.Cards, as GatherStream passes it, and -1
// (look it up) for the others, which GatherStream leaves out.
func streamed(col export.Collection) export.Collection {
	rs := col.Reviews
	col.Reviews = nil
	index := make(map[cards.ID]int, len(col.Cards))
	for i := range col.Cards {
		index[col.Cards[i].ID] = i
	}
	col.EachReview = func(fn func(card int, r *cards.Review) error) error {
		for i := range rs {
			card, ok := index[rs[i].CardID]
			if !ok {
				card = -1
			}
			if err := fn(card, &rs[i]); err != nil {
				return err
			}
		}
		return nil
	}
	return col
}

// TestExportStreamedReviewsSamePackage checks that a streamed review log
// gives byte for byte the package the same log in a slice gives, with
// and without scheduling and with and without a creation time (which
// makes the exporter read the log for its day 0).
func TestExportStreamedReviewsSamePackage(t *testing.T) {
	big := bigCollection(3000)
	// some reviews the exporter leaves out, so the warnings are compared too
	extra := []cards.Review{{CardID: "gone", Time: testNow.Add(-time.Hour), Rating: cards.Good},
		{CardID: big.Cards[0].ID, Time: testNow.Add(time.Hour), Rating: cards.Good},
		{CardID: big.Cards[1].ID, Time: testNow.Add(-time.Hour), Rating: 7}}
	big.Reviews = append(big.Reviews, extra...)
	noCreated := big
	noCreated.Created = time.Time{}
	if len(big.Reviews) < 3000 {
		t.Fatalf("only %d reviews: the test needs a history", len(big.Reviews))
	}
	for _, tc := range []struct {
		name string
		col  export.Collection
		opts Options
	}{
		{"scheduling", big, Options{Scheduling: true}},
		{"no scheduling", big, Options{}},
		{"no creation time", noCreated, Options{Scheduling: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.TempDir = t.TempDir()
			var slice, stream bytes.Buffer
			wantW, err := Export(context.Background(), &slice, tc.col, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			gotW, err := Export(context.Background(), &stream, streamed(tc.col), tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(slice.Bytes(), stream.Bytes()) {
				t.Error("the streamed export differs from the slice export")
			}
			if strings.Join(gotW, "\n") != strings.Join(wantW, "\n") {
				t.Errorf("warnings %q, want %q", gotW, wantW)
			}
		})
	}
}

// TestExportStreamErrors checks that a review stream that fails or a
// context cancelled while it is read ends the export with that error.
func TestExportStreamErrors(t *testing.T) {
	col := streamed(bigCollection(300))
	each := col.EachReview
	broken := errors.New("disk gone")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for _, tc := range []struct {
		name string
		ctx  context.Context
		each func(fn func(card int, r *cards.Review) error) error
		want error
	}{
		{"stream fails", context.Background(), func(fn func(card int, r *cards.Review) error) error {
			if err := each(fn); err != nil {
				return err
			}
			return broken
		}, broken},
		{"cancelled while streaming", ctx, func(fn func(card int, r *cards.Review) error) error {
			cancel()
			for range 5000 { // past the exporter's next context check
				if err := fn(-1, &cards.Review{CardID: "gone", Time: testNow.Add(-time.Hour), Rating: cards.Good}); err != nil {
					return err
				}
			}
			return each(fn)
		}, context.Canceled},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := col
			c.EachReview = tc.each
			path := filepath.Join(t.TempDir(), "out.apkg")
			_, err := WriteFile(tc.ctx, path, c, Options{Scheduling: true, TempDir: t.TempDir()})
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			if _, serr := os.Stat(path); !os.IsNotExist(serr) {
				t.Errorf("a failed export left %s (stat: %v)", path, serr)
			}
		})
	}
}

// TestExportFailureStopsRevlog checks that an export failing while the
// review log is being read (here: a note that cannot be written) returns
// its error without waiting for the rest of the log or leaving the reader
// running, even when the log never ends.
func TestExportFailureStopsRevlog(t *testing.T) {
	col := streamed(bigCollection(300))
	col.Cards[0].Answer = "a\x1fb"
	each := col.EachReview
	col.EachReview = func(fn func(card int, r *cards.Review) error) error {
		for {
			if err := each(fn); err != nil {
				return err
			}
		}
	}
	col.FirstReview = func() (time.Time, error) { return time.Time{}, nil }
	before := runtime.NumGoroutine()
	_, err := Export(context.Background(), io.Discard, col, Options{Scheduling: true, TempDir: t.TempDir()})
	if err == nil || !strings.Contains(err.Error(), "control character U+001F") {
		t.Fatalf("err = %v, want the note's", err)
	}
	// goroutines that were told to end (database/sql's) may take a moment
	n := runtime.NumGoroutine()
	for deadline := time.Now().Add(2 * time.Second); n > before && time.Now().Before(deadline); n = runtime.NumGoroutine() {
		time.Sleep(10 * time.Millisecond)
	}
	if n > before {
		buf := make([]byte, 1<<16)
		t.Errorf("%d goroutines after the export, %d before:\n%s", n, before, buf[:runtime.Stack(buf, true)])
	}
}
