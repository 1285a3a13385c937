package export_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks"
	"github.com/mnemo-app/mnemo/decks/store"
	"github.com/mnemo-app/mnemo/decks/store/storetest"
	"github.com/mnemo-app/mnemo/export"
	"github.com/mnemo-app/mnemo/export/jsonbackup"
)

// threeDecks stores a card in a, one in a::b (with two reviews), an
// orphaned one in a and one in c, with settings and options.
func threeDecks(t *testing.T) *store.Store {
	t.Helper()
	st := storetest.Open(t)
	inAB, log := answered(basic("ab", "q ab"), t0, cards.Good, cards.Good)
	inAB.Deck = "a::b"
	cs := []cards.Card{basic("a1", "q a1"), inAB, basic("or", "q or"), basic("c1", "q c1")}
	cs[0].Deck, cs[2].Deck, cs[3].Deck = "a", "a", "c"
	cs[2].Orphaned = true
	err := st.Update(func(tx *store.Tx) error {
		for i := range cs {
			if err := tx.PutCard(&cs[i]); err != nil {
				return err
			}
		}
		for _, r := range log {
			if err := tx.AddReview(r); err != nil {
				return err
			}
		}
		if err := tx.PutDeckOptions("a", decks.Options{}); err != nil {
			return err
		}
		return tx.PutSettings(decks.Settings{RolloverHour: 6, TimeZone: "Europe/Berlin", Created: t0})
	})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestGather(t *testing.T) {
	st := threeDecks(t)
	for _, tc := range []struct {
		name        string
		deck        string
		orphans     bool
		wantCards   int
		wantReviews int
	}{
		{"everything but orphans", "", false, 3, 2},
		{"with orphans", "", true, 4, 2},
		{"deck and subdecks", "a", false, 2, 2},
		{"subdeck", "a::b", false, 1, 2},
		{"deck without reviews", "c", false, 1, 0},
		{"no such deck", "zzz", true, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var col export.Collection
			err := st.View(func(tx *store.Tx) (err error) {
				col, err = export.Gather(tx, tc.deck, t0, tc.orphans)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(col.Cards) != tc.wantCards || len(col.Reviews) != tc.wantReviews {
				t.Errorf("got %d cards, %d reviews; want %d, %d", len(col.Cards), len(col.Reviews), tc.wantCards, tc.wantReviews)
			}
			if col.Rollover() != 6 || col.Zone().String() != "Europe/Berlin" || !col.Created.Equal(t0) || !col.Now.Equal(t0) {
				t.Errorf("clock: rollover %d zone %s created %v now %v", col.Rollover(), col.Zone(), col.Created, col.Now)
			}
			if _, ok := col.Options["a"]; !ok {
				t.Errorf("options of deck a missing: %v", col.Options)
			}
		})
	}
}

func TestHasCards(t *testing.T) {
	st := threeDecks(t)
	empty := storetest.Open(t)
	for _, tc := range []struct {
		name string
		st   *store.Store
		deck string
		want bool
	}{
		{"any", st, "", true},
		{"subdeck", st, "a::b", true},
		{"missing deck", st, "b", false},
		{"empty collection", empty, "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got bool
			err := tc.st.View(func(tx *store.Tx) (err error) {
				got, err = export.HasCards(tx, tc.deck)
				return err
			})
			if err != nil || got != tc.want {
				t.Errorf("HasCards(%q) = %v, %v; want %v", tc.deck, got, err, tc.want)
			}
		})
	}
}

// TestBackupStreamRoundTrip writes a backup from one collection and
// merges it into an empty one through the Importer: cards, reviews and
// the clock arrive, and a second merge changes nothing.
func TestBackupStreamRoundTrip(t *testing.T) {
	src := threeDecks(t)
	var buf bytes.Buffer
	var nc, nr int
	err := src.View(func(tx *store.Tx) (err error) {
		nc, nr, err = jsonbackup.WriteFrom(context.Background(), tx, "", t0, &buf)
		return err
	})
	if err != nil || nc != 4 || nr != 2 {
		t.Fatalf("WriteFrom: %d cards, %d reviews, %v; want 4, 2", nc, nr, err)
	}
	dst := storetest.Open(t)
	for i, want := range []export.MergeReport{
		{Cards: 4, Added: 4, Reviews: 2, ReviewsAdded: 2},
		{Cards: 4, Unchanged: 4, Reviews: 2, ReviewsSkipped: 2},
	} {
		var got export.MergeReport
		err := dst.Update(func(tx *store.Tx) error {
			im, err := export.NewImporter(context.Background(), tx, t0.Add(time.Hour), tx.CardCount() == 0)
			if err != nil {
				return err
			}
			if err := jsonbackup.Merge(context.Background(), bytes.NewReader(buf.Bytes()), im, nil); err != nil {
				return err
			}
			err = im.Finish(context.Background())
			got = im.Report()
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("merge %d: %+v, want %+v", i+1, got, want)
		}
	}
	err = dst.View(func(tx *store.Tx) error {
		s, err := tx.Settings()
		if s.RolloverHour != 6 || s.TimeZone != "Europe/Berlin" || !s.Created.Equal(t0) {
			t.Errorf("settings after restore: %+v", s)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestImporterKeepsClockOfNonEmpty: a collection that had cards keeps its
// time zone and rollover hour, and only gets older.
func TestImporterKeepsClockOfNonEmpty(t *testing.T) {
	st := threeDecks(t)
	older, newer := t0.AddDate(-1, 0, 0), t0.AddDate(1, 0, 0)
	for _, tc := range []struct {
		name    string
		created time.Time
		want    time.Time
	}{
		{"newer file keeps created", newer, t0},
		{"older file dates back", older, older},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := st.Update(func(tx *store.Tx) error {
				im, err := export.NewImporter(context.Background(), tx, t0, false)
				if err != nil {
					return err
				}
				if err := im.Header(nil, tc.created, "Asia/Tokyo", 2); err != nil {
					return err
				}
				s, err := tx.Settings()
				if s.RolloverHour != 6 || s.TimeZone != "Europe/Berlin" || !s.Created.Equal(tc.want) {
					t.Errorf("settings: %+v", s)
				}
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestImporterCollectionStopsOnCancel: a cancelled context stops an
// in-memory merge at the next check.
func TestImporterCollectionStopsOnCancel(t *testing.T) {
	st := storetest.Open(t)
	col := export.Collection{Now: t0}
	for i := range 3000 {
		c := basic(fmt.Sprintf("c%05d", i), "q")
		col.Cards = append(col.Cards, c)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := st.Update(func(tx *store.Tx) error {
		im, err := export.NewImporter(context.Background(), tx, t0, true)
		if err != nil {
			return err
		}
		return im.Collection(ctx, col)
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

// TestGatherStream checks that GatherStream gives Gather's cards and, from
// its stream, Gather's reviews, their count and their earliest time, also
// with reviews before 1970 (which the store cannot order by time) and
// reviews of cards outside the deck earlier than the deck's.
func TestGatherStream(t *testing.T) {
	st := threeDecks(t)
	err := st.Update(func(tx *store.Tx) error {
		for _, r := range []cards.Review{
			{CardID: "ab", Time: time.Date(1960, 1, 2, 3, 4, 5, 0, time.UTC), Rating: cards.Good},
			{CardID: "a1", Time: time.Date(1965, 1, 2, 3, 4, 5, 0, time.UTC), Rating: cards.Good}, // stored before ab's 1960 one
			{CardID: "c1", Time: t0.Add(-48 * time.Hour), Rating: cards.Again},
			{CardID: "a1", Time: t0.Add(-time.Hour), Rating: cards.Hard},
		} {
			if err := tx.AddReview(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		deck    string
		orphans bool
	}{{"", false}, {"", true}, {"a", false}, {"a::b", false}, {"c", false}, {"zzz", true}} {
		t.Run(fmt.Sprintf("%q orphans %v", tc.deck, tc.orphans), func(t *testing.T) {
			err := st.View(func(tx *store.Tx) error {
				want, err := export.Gather(tx, tc.deck, t0, tc.orphans)
				if err != nil {
					return err
				}
				n := -1
				got, err := export.GatherStream(tx, tc.deck, t0, tc.orphans, &n)
				if err != nil {
					return err
				}
				if len(got.Cards) != len(want.Cards) || got.Reviews != nil {
					t.Errorf("%d cards and %d reviews in a slice, want %d and none", len(got.Cards), len(got.Reviews), len(want.Cards))
				}
				var streamed []cards.Review
				err = got.EachReview(func(card int, r *cards.Review) error {
					if card < 0 || card >= len(got.Cards) || got.Cards[card].ID != r.CardID {
						t.Errorf("review of card %s streamed with card index %d", r.CardID, card)
					}
					streamed = append(streamed, *r)
					return nil
				})
				if err != nil {
					return err
				}
				if fmt.Sprint(streamed) != fmt.Sprint(want.Reviews) || n != len(want.Reviews) {
					t.Errorf("streamed %d reviews (counted %d), want %d: %v", len(streamed), n, len(want.Reviews), streamed)
				}
				var first time.Time
				for _, r := range want.Reviews {
					if first.IsZero() || r.Time.Before(first) {
						first = r.Time
					}
				}
				f, err := got.FirstReview()
				if err != nil {
					return err
				}
				if !f.Equal(first) {
					t.Errorf("FirstReview = %v, want %v", f, first)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}
