package anki

import (
	"bytes"
	"context"
	"fmt"
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
