package export_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks"
	"github.com/mnemo-app/mnemo/decks/store"
	"github.com/mnemo-app/mnemo/decks/store/storetest"
	"github.com/mnemo-app/mnemo/export"
	"github.com/mnemo-app/mnemo/scheduler"
)

var t0 = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

// answered returns card after answering it with ratings one day apart,
// and the log, as a review session would.
func answered(c cards.Card, start time.Time, ratings ...cards.Rating) (cards.Card, []cards.Review) {
	s := scheduler.New(decks.DefaultOptions())
	var log []cards.Review
	at := start
	for _, r := range ratings {
		rev, _ := s.Answer(&c, r, at, 3*time.Second)
		log = append(log, rev)
		at = at.AddDate(0, 0, 1)
	}
	c.Modified = at
	return c, log
}

func basic(id, q string) cards.Card {
	return cards.Card{ID: cards.ID(id), Note: cards.ID(id), Kind: cards.KindBasic, Deck: "d", Question: q, Answer: "a",
		Source: cards.Source{Path: "/n/a.md", Line: 1, EndLine: 1}, Added: t0, Modified: t0}
}

func merge(t *testing.T, st *store.Store, cs []cards.Card, rs []cards.Review) (export.MergeReport, error) {
	t.Helper()
	var rep export.MergeReport
	err := st.Update(func(tx *store.Tx) error {
		m, err := export.NewMerger(context.Background(), tx)
		if err != nil {
			return err
		}
		for _, c := range cs {
			if err := m.Card(c, t0); err != nil {
				return err
			}
		}
		for _, r := range rs {
			if err := m.Review(r); err != nil {
				return err
			}
		}
		err = m.Finish(context.Background())
		rep = m.Report
		return err
	})
	return rep, err
}

func TestMerger(t *testing.T) {
	base := basic("aaaaaaaaaa", "q1")
	studied, log := answered(base, t0, cards.Good, cards.Good, cards.Again)
	more, moreLog := answered(studied, t0.AddDate(0, 0, 10), cards.Good, cards.Easy)
	for _, tc := range []struct {
		name       string
		have       []cards.Card
		haveLog    []cards.Review
		in         []cards.Card
		inLog      []cards.Review
		want       export.MergeReport
		wantReps   uint64
		wantErr    error
		wantQ      string
		wantReplay bool
	}{
		{name: "new card keeps its schedule", in: []cards.Card{studied}, inLog: log,
			want: export.MergeReport{Cards: 1, Added: 1, Reviews: 3, ReviewsAdded: 3}, wantReps: 3, wantQ: "q1"},
		{name: "same again changes nothing", have: []cards.Card{studied}, haveLog: log, in: []cards.Card{studied}, inLog: log,
			want: export.MergeReport{Cards: 1, Unchanged: 1, Reviews: 3, ReviewsSkipped: 3}, wantReps: 3, wantQ: "q1"},
		{name: "times within a second are the same answer", have: []cards.Card{studied}, haveLog: log,
			in: []cards.Card{studied}, inLog: shift(log, 400*time.Millisecond),
			want: export.MergeReport{Cards: 1, Unchanged: 1, Reviews: 3, ReviewsSkipped: 3}, wantReps: 3, wantQ: "q1"},
		{name: "older copy adds nothing", have: []cards.Card{more}, haveLog: append(append([]cards.Review{}, log...), moreLog...),
			in: []cards.Card{studied}, inLog: log,
			want: export.MergeReport{Cards: 1, Unchanged: 1, Reviews: 3, ReviewsSkipped: 3}, wantReps: 5, wantQ: "q1"},
		{name: "newer copy is replayed", have: []cards.Card{studied}, haveLog: log,
			in: []cards.Card{more}, inLog: append(append([]cards.Review{}, log...), moreLog...),
			want:     export.MergeReport{Cards: 1, Updated: 1, Reviews: 5, ReviewsAdded: 2, ReviewsSkipped: 3, Replayed: 1},
			wantReps: 5, wantQ: "q1", wantReplay: true},
		{name: "another card claiming the ID gets its own", have: []cards.Card{studied}, haveLog: log,
			in: []cards.Card{func() cards.Card {
				c := basic("aaaaaaaaaa", "evil")
				c.Note = "zzzzzzzzzz"
				c.Modified = t0.AddDate(1, 0, 0)
				return c
			}()},
			want: export.MergeReport{Cards: 1, Added: 1, Renamed: 1}, wantReps: 3, wantQ: "q1"},
		{name: "bad rating refused", in: []cards.Card{base},
			inLog: []cards.Review{{CardID: base.ID, Time: t0, Rating: 9}}, wantErr: export.ErrInvalid},
		{name: "review of a missing card refused", in: []cards.Card{base},
			inLog: []cards.Review{{CardID: "nosuchcard", Time: t0, Rating: cards.Good}}, wantErr: export.ErrInvalid},
		{name: "negative stability refused",
			in: []cards.Card{func() cards.Card { c := base; c.Schedule.Stability = -1; return c }()}, wantErr: export.ErrInvalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := storetest.Open(t)
			if len(tc.have) > 0 {
				if _, err := merge(t, st, tc.have, tc.haveLog); err != nil {
					t.Fatal(err)
				}
			}
			rep, err := merge(t, st, tc.in, tc.inLog)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want %v", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if rep != tc.want {
				t.Errorf("report = %+v, want %+v", rep, tc.want)
			}
			_ = st.View(func(tx *store.Tx) error {
				c, _, _ := tx.Card(base.ID)
				if c.Schedule.Reps != tc.wantReps || c.Question != tc.wantQ {
					t.Errorf("card reps %d question %q, want %d %q", c.Schedule.Reps, c.Question, tc.wantReps, tc.wantQ)
				}
				if tc.wantReplay {
					rs, _ := tx.ReviewsOf(base.ID)
					want, _ := export.Replay(&c, rs, decks.Resolve(c.Deck, nil))
					if want != c.Schedule || want != more.Schedule {
						t.Errorf("schedule %+v, replay %+v, live %+v", c.Schedule, want, more.Schedule)
					}
				}
				return nil
			})
		})
	}
}

func shift(log []cards.Review, d time.Duration) []cards.Review {
	out := make([]cards.Review, len(log))
	for i, r := range log {
		r.Time = r.Time.Add(d)
		out[i] = r
	}
	return out
}

// BenchmarkReplay replays a card's log of 30 answers.
func BenchmarkReplay(b *testing.B) {
	ratings := make([]cards.Rating, 30)
	for i := range ratings {
		ratings[i] = cards.Rating(1 + (i*7)%4)
	}
	c, log := answered(basic("aaaaaaaaaa", "q"), t0, ratings...)
	opts := decks.DefaultOptions()
	b.ReportAllocs()
	for b.Loop() {
		export.Replay(&c, log, opts)
	}
}
