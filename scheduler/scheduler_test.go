package scheduler

import (
	"reflect"
	"sync"
	"testing"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks"
)

// t0 is the fixed clock of the tests.
var t0 = time.Date(2025, 3, 5, 10, 0, 0, 0, time.UTC)

// noFuzz are the default options with fuzz off, so intervals are exact.
func noFuzz() decks.Effective {
	o := decks.DefaultOptions()
	o.Fuzz = false
	return o
}

func newTestCard(id string) cards.Card {
	return cards.Card{ID: cards.ID(id), Note: cards.ID(id), Deck: "d", Kind: cards.KindBasic, Question: "q " + id, Answer: "a " + id}
}

// reviewed returns a review card last seen days ago with stability s, due
// at its scheduled interval.
func reviewed(id string, s float64, daysAgo int, now time.Time) cards.Card {
	c := newTestCard(id)
	last := now.Add(-time.Duration(daysAgo) * 24 * time.Hour)
	ivl := uint64(s + 0.5)
	c.Schedule = cards.Schedule{
		State: cards.StateReview, Stability: s, Difficulty: 5, Reps: 5,
		ScheduledDays: ivl, LastReview: last, Due: last.Add(time.Duration(ivl) * 24 * time.Hour),
	}
	return c
}

func TestNewMapsOptions(t *testing.T) {
	tests := []struct {
		name      string
		opts      decks.Effective
		retention float64
		maxIvl    float64
		fuzz      bool
	}{
		{"defaults", decks.DefaultOptions(), 0.9, 36500, true},
		{"custom", decks.Effective{Retention: 0.85, MaxInterval: 180, Fuzz: false}, 0.85, 180, false},
		{"out of range falls back", decks.Effective{Retention: 1.5, MaxInterval: 100000}, 0.9, 36500, false},
		{"zero falls back", decks.Effective{}, 0.9, 36500, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := New(tt.opts).f.Parameters
			if p.RequestRetention != tt.retention || p.MaximumInterval != tt.maxIvl || p.EnableFuzz != tt.fuzz || !p.EnableShortTerm {
				t.Errorf("parameters = retention %v max %v fuzz %v short-term %v; want %v %v %v true",
					p.RequestRetention, p.MaximumInterval, p.EnableFuzz, p.EnableShortTerm, tt.retention, tt.maxIvl, tt.fuzz)
			}
		})
	}
}

func TestConversionRoundTrip(t *testing.T) {
	s := cards.Schedule{
		State: cards.StateRelearning, Due: t0, Stability: 3.25, Difficulty: 6.5,
		ElapsedDays: 4, ScheduledDays: 7, Reps: 9, Lapses: 2, LastReview: t0.Add(-time.Hour),
	}
	if got := fromFSRS(toFSRS(s)); !reflect.DeepEqual(got, s) {
		t.Errorf("round trip = %+v, want %+v", got, s)
	}
	for st := cards.StateNew; st <= cards.StateRelearning; st++ {
		if got := toFSRS(cards.Schedule{State: st}).State; int(got) != int(st) {
			t.Errorf("state %v converts to fsrs state %d", st, got)
		}
	}
}

func TestFirstAnswerIntervals(t *testing.T) {
	tests := []struct {
		rating    cards.Rating
		want      time.Duration
		wantState cards.State
		label     string
	}{
		{cards.Again, time.Minute, cards.StateLearning, "1m"},
		{cards.Hard, 5 * time.Minute, cards.StateLearning, "5m"},
		{cards.Good, 10 * time.Minute, cards.StateLearning, "10m"},
		{cards.Easy, 16 * 24 * time.Hour, cards.StateReview, "16d"},
	}
	s := New(noFuzz())
	preview := s.Preview(newTestCard("a"), t0)
	for _, tt := range tests {
		t.Run(tt.rating.String(), func(t *testing.T) {
			c := newTestCard("a")
			rev, ev := s.Answer(&c, tt.rating, t0, 3*time.Second)
			if got := c.Schedule.Due.Sub(t0); got != tt.want {
				t.Errorf("due in %v, want %v", got, tt.want)
			}
			if c.Schedule.State != tt.wantState {
				t.Errorf("state %v, want %v", c.Schedule.State, tt.wantState)
			}
			if got := preview[tt.rating-1]; got != tt.want {
				t.Errorf("preview %v, want %v", got, tt.want)
			}
			if got := FormatInterval(preview[tt.rating-1]); got != tt.label {
				t.Errorf("label %q, want %q", got, tt.label)
			}
			if ev != (Event{}) {
				t.Errorf("event %+v, want none", ev)
			}
			if rev.StateBefore != cards.StateNew || rev.StateAfter != tt.wantState || rev.DurationMS != 3000 || rev.Rating != tt.rating {
				t.Errorf("review %+v", rev)
			}
		})
	}
}

func TestAnswerReviewEntry(t *testing.T) {
	s := New(noFuzz())
	c := reviewed("r", 10, 12, t0)
	c.Tags = []string{"x"}
	before := c
	rev, _ := s.Answer(&c, cards.Good, t0, 2500*time.Millisecond)
	want := cards.Review{
		CardID: "r", Time: t0, Rating: cards.Good,
		StateBefore: cards.StateReview, StateAfter: cards.StateReview,
		ElapsedDays: 12, ScheduledDays: c.Schedule.ScheduledDays,
		Stability: c.Schedule.Stability, Difficulty: c.Schedule.Difficulty,
		DurationMS: 2500, Prev: before.Schedule, PrevSuspended: false, PrevTags: []string{"x"},
	}
	if !reflect.DeepEqual(rev, want) {
		t.Errorf("review =\n%+v\nwant\n%+v", rev, want)
	}
	if c.Schedule.Reps != 6 || !c.Schedule.LastReview.Equal(t0) || c.Schedule.ElapsedDays != 12 {
		t.Errorf("schedule after = %+v", c.Schedule)
	}
	if c.Schedule.Stability <= before.Schedule.Stability || c.Schedule.ScheduledDays <= 10 {
		t.Errorf("a late Good should grow stability and interval: %+v", c.Schedule)
	}
	if !c.Schedule.Due.Equal(t0.Add(time.Duration(c.Schedule.ScheduledDays) * 24 * time.Hour)) {
		t.Errorf("due %v does not match %d scheduled days", c.Schedule.Due, c.Schedule.ScheduledDays)
	}
	rev.PrevTags[0] = "changed"
	if c.Tags[0] != "x" {
		t.Error("PrevTags shares memory with the card's tags")
	}
}

func TestAnswerRejectsBadInput(t *testing.T) {
	s := New(noFuzz())
	for _, r := range []cards.Rating{0, 5, -1} {
		t.Run(r.String(), func(t *testing.T) {
			c := reviewed("r", 10, 12, t0)
			before := c
			rev, ev := s.Answer(&c, r, t0, time.Second)
			if !reflect.DeepEqual(c, before) || !reflect.DeepEqual(rev, cards.Review{}) || ev.Message == "" || ev.Leech {
				t.Errorf("Answer(rating %d) changed the card or logged: %+v %+v", r, rev, ev)
			}
		})
	}
	t.Run("nil card", func(t *testing.T) {
		if rev, ev := s.Answer(nil, cards.Good, t0, 0); rev.CardID != "" || ev.Message == "" {
			t.Errorf("Answer(nil) = %+v, %+v", rev, ev)
		}
	})
}

func TestAnswerUnusableScheduleRestartsAsNew(t *testing.T) {
	tests := []struct {
		name  string
		sched cards.Schedule
	}{
		{"unknown state", cards.Schedule{State: 9, Stability: 3, Difficulty: 5, Reps: 4}},
		{"review without stability", cards.Schedule{State: cards.StateReview, Reps: 4, LastReview: t0.Add(-48 * time.Hour)}},
		{"learning without difficulty", cards.Schedule{State: cards.StateLearning, Stability: 1, Reps: 4}},
	}
	s := New(noFuzz())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newTestCard("x")
			c.Schedule = tt.sched
			s.Answer(&c, cards.Good, t0, 0)
			if c.Schedule.State != cards.StateLearning || c.Schedule.Due.Sub(t0) != 10*time.Minute || c.Schedule.Reps != 5 {
				t.Errorf("schedule = %+v, want a first Good answer", c.Schedule)
			}
		})
	}
}

func TestLeechThresholdMet(t *testing.T) {
	tests := []struct {
		threshold int
		leeches   []uint64 // lapses 0..20 that are leeches
	}{
		{8, []uint64{8, 12, 16, 20}},
		{3, []uint64{3, 5, 7, 9, 11, 13, 15, 17, 19}},
		{1, []uint64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}},
		{0, nil},
		{-4, nil},
	}
	for _, tt := range tests {
		t.Run(time.Duration(tt.threshold).String(), func(t *testing.T) {
			var got []uint64
			for l := uint64(0); l <= 20; l++ {
				if leechThresholdMet(l, tt.threshold) {
					got = append(got, l)
				}
			}
			if !reflect.DeepEqual(got, tt.leeches) {
				t.Errorf("threshold %d: leeches at %v, want %v", tt.threshold, got, tt.leeches)
			}
		})
	}
}

func TestLeech(t *testing.T) {
	tests := []struct {
		name      string
		lapses    uint64
		state     cards.State
		rating    cards.Rating
		tags      []string
		wantLeech bool
		wantTags  []string
	}{
		{"8th lapse suspends and tags", 7, cards.StateReview, cards.Again, nil, true, []string{"leech"}},
		{"keeps other tags", 7, cards.StateReview, cards.Again, []string{"ml"}, true, []string{"ml", "leech"}},
		{"already tagged is not tagged twice", 11, cards.StateReview, cards.Again, []string{"leech"}, true, []string{"leech"}},
		{"7th lapse is not a leech", 6, cards.StateReview, cards.Again, nil, false, nil},
		{"9th lapse is not a leech", 8, cards.StateReview, cards.Again, nil, false, nil},
		{"12th lapse is a leech again", 11, cards.StateReview, cards.Again, nil, true, []string{"leech"}},
		{"again in relearning is no lapse", 7, cards.StateRelearning, cards.Again, nil, false, nil},
		{"good is no lapse", 7, cards.StateReview, cards.Good, nil, false, nil},
	}
	s := New(noFuzz())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := reviewed("l", 4, 5, t0)
			c.Schedule.State = tt.state
			c.Schedule.Lapses = tt.lapses
			c.Tags = tt.tags
			before := c
			before.Tags = append([]string(nil), tt.tags...)
			if tt.tags == nil {
				before.Tags = nil
			}
			rev, ev := s.Answer(&c, tt.rating, t0, time.Second)
			if ev.Leech != tt.wantLeech || c.Suspended != tt.wantLeech || (ev.Message != "") != tt.wantLeech {
				t.Errorf("event %+v, suspended %v; want leech %v", ev, c.Suspended, tt.wantLeech)
			}
			if !reflect.DeepEqual(c.Tags, tt.wantTags) {
				t.Errorf("tags %q, want %q", c.Tags, tt.wantTags)
			}
			if !Undo(&c, rev) {
				t.Fatal("Undo refused its own review")
			}
			if !reflect.DeepEqual(c, before) {
				t.Errorf("after undo\n%+v\nwant\n%+v", c, before)
			}
		})
	}
}

func TestUndoSeveralSteps(t *testing.T) {
	s := New(decks.DefaultOptions()) // fuzz on: undo must not depend on it
	lapsing := reviewed("c", 3, 4, t0)
	lapsing.Schedule.Lapses = 7
	lapsing.Tags = []string{}
	orig := []cards.Card{newTestCard("a"), reviewed("b", 20, 25, t0), lapsing}
	work := make([]cards.Card, len(orig))
	for i := range orig {
		work[i] = orig[i]
		work[i].Tags = append([]string(nil), orig[i].Tags...)
		if orig[i].Tags != nil && len(orig[i].Tags) == 0 {
			work[i].Tags = []string{}
		}
	}
	var log []cards.Review
	ratings := []cards.Rating{cards.Good, cards.Hard, cards.Again}
	for i := range work {
		rev, _ := s.Answer(&work[i], ratings[i], t0.Add(time.Duration(i)*time.Minute), time.Second)
		log = append(log, rev)
	}
	if !work[2].Suspended {
		t.Fatal("the 8th lapse should have suspended card c")
	}
	for i := len(log) - 1; i >= 0; i-- {
		if Undo(&work[0], log[i]) && i != 0 {
			t.Fatalf("Undo applied review of %s to card a", log[i].CardID)
		}
		if i != 0 && !Undo(&work[i], log[i]) {
			t.Fatalf("Undo of step %d refused", i)
		}
	}
	if !reflect.DeepEqual(work, orig) {
		t.Errorf("after undoing 3 answers\n%+v\nwant\n%+v", work, orig)
	}
	if Undo(nil, log[0]) {
		t.Error("Undo(nil) reported success")
	}
}

func TestForget(t *testing.T) {
	c := reviewed("f", 30, 10, t0)
	c.Schedule.Lapses = 2
	c.Tags = []string{"t"}
	c.Position = 7
	Forget(&c, t0)
	want := cards.Schedule{State: cards.StateNew, Due: t0, Reps: 5, Lapses: 2}
	if !reflect.DeepEqual(c.Schedule, want) {
		t.Errorf("schedule = %+v, want %+v", c.Schedule, want)
	}
	if c.Position != 7 || c.Tags[0] != "t" {
		t.Errorf("Forget changed more than the schedule: %+v", c)
	}
	if r := New(noFuzz()).Retrievability(c, t0); r != 0 {
		t.Errorf("retrievability of a forgotten card = %v", r)
	}
	s := New(noFuzz())
	s.Answer(&c, cards.Good, t0, 0)
	if c.Schedule.State != cards.StateLearning || c.Schedule.Due.Sub(t0) != 10*time.Minute {
		t.Errorf("a forgotten card is not answered as new: %+v", c.Schedule)
	}
	Forget(nil, t0) // must not panic
}

func TestRetrievability(t *testing.T) {
	s := New(noFuzz())
	tests := []struct {
		name string
		card cards.Card
		now  time.Time
		want float64
	}{
		{"new card", newTestCard("n"), t0, 0},
		{"just reviewed", reviewed("a", 10, 0, t0), t0, 1},
		{"after stability days recall is 90%", reviewed("a", 10, 10, t0), t0, 0.9},
		{"clock before last review", reviewed("a", 10, 0, t0), t0.Add(-time.Hour), 1},
		{"no stability", func() cards.Card { c := reviewed("a", 10, 3, t0); c.Schedule.Stability = 0; return c }(), t0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := s.Retrievability(tt.card, tt.now); abs(got-tt.want) > 1e-9 {
				t.Errorf("Retrievability = %v, want %v", got, tt.want)
			}
		})
	}
	// go-fsrs agrees where it is defined.
	c := reviewed("a", 7, 3, t0)
	if got, want := s.Retrievability(c, t0), s.f.GetRetrievability(toFSRS(c.Schedule), t0); abs(got-want) > 1e-12 {
		t.Errorf("Retrievability = %v, go-fsrs says %v", got, want)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func TestPreviewMatchesAnswerWithFuzz(t *testing.T) {
	s := New(decks.DefaultOptions())
	for _, days := range []int{3, 10, 40, 200} {
		c := reviewed("p", float64(days), days, t0)
		p := s.Preview(c, t0)
		for r := cards.Again; r <= cards.Easy; r++ {
			cc := c
			s.Answer(&cc, r, t0, 0)
			if got := cc.Schedule.Due.Sub(t0); got != p[r-1] {
				t.Errorf("S=%d %v: answer due in %v, preview said %v", days, r, got, p[r-1])
			}
		}
		if !(p[0] < p[1] && p[1] < p[2] && p[2] < p[3]) {
			t.Errorf("S=%d: preview not increasing: %v", days, p)
		}
	}
}

func TestMaxIntervalCaps(t *testing.T) {
	o := noFuzz()
	o.MaxInterval = 30
	s := New(o)
	c := reviewed("m", 100, 100, t0)
	s.Answer(&c, cards.Good, t0, 0)
	// go-fsrs keeps hard < good < easy, so good may pass the cap by a day.
	if c.Schedule.ScheduledDays > 31 {
		t.Errorf("scheduled %d days past a 30-day maximum", c.Schedule.ScheduledDays)
	}
}

// TestSchedulersInGoroutines is meant for the race detector: each
// goroutine owns its Scheduler, as the package documents.
func TestSchedulersInGoroutines(t *testing.T) {
	var wg sync.WaitGroup
	results := make([][]cards.Schedule, 2)
	for g := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := New(decks.DefaultOptions())
			c := newTestCard("g")
			now := t0
			for range 50 {
				s.Answer(&c, cards.Good, now, 0)
				results[g] = append(results[g], c.Schedule)
				now = c.Schedule.Due
			}
		}()
	}
	wg.Wait()
	if !reflect.DeepEqual(results[0], results[1]) {
		t.Error("the same answers gave different schedules in two goroutines")
	}
}

func FuzzAnswer(f *testing.F) {
	f.Add(uint8(2), int8(3), 10.0, 5.0, int64(86400*12), uint64(3), uint64(1), int64(0))
	f.Add(uint8(0), int8(1), 0.0, 0.0, int64(0), uint64(0), uint64(0), int64(0))
	f.Add(uint8(3), int8(1), 1e9, 11.0, int64(-5), uint64(1<<63), uint64(7), int64(-1))
	s := New(decks.DefaultOptions())
	f.Fuzz(func(t *testing.T, state uint8, rating int8, stab, diff float64, sinceLast int64, reps, lapses uint64, took int64) {
		c := newTestCard("z")
		c.Schedule = cards.Schedule{
			State: cards.State(state % 6), Stability: stab, Difficulty: diff,
			Reps: reps, Lapses: lapses,
			LastReview: t0.Add(-time.Duration(sinceLast%(1<<40)) * time.Second),
		}
		before := c
		p := s.Preview(c, t0)
		rev, ev := s.Answer(&c, cards.Rating(rating), t0, time.Duration(took))
		if !validRating(cards.Rating(rating)) {
			if !reflect.DeepEqual(c, before) {
				t.Fatal("invalid rating changed the card")
			}
			return
		}
		if c.Schedule.State < cards.StateLearning || c.Schedule.State > cards.StateRelearning {
			t.Fatalf("state after answer %v", c.Schedule.State)
		}
		if c.Schedule.Due.Before(t0) || c.Schedule.Due.Sub(t0) != p[rating-1] {
			t.Fatalf("due %v, preview %v", c.Schedule.Due.Sub(t0), p[rating-1])
		}
		if rev.DurationMS < 0 || ev.Leech != c.Suspended {
			t.Fatalf("review %+v event %+v", rev, ev)
		}
		Undo(&c, rev)
		if !reflect.DeepEqual(c, before) {
			t.Fatalf("undo: %+v, want %+v", c, before)
		}
	})
}

// TestDeckParamsReplaceWeights: a deck's FSRS parameters are the weights
// every answer uses (a first Easy starts at stability w3).
func TestDeckParamsReplaceWeights(t *testing.T) {
	p := decks.Params(fsrs.DefaultWeights())
	p[3] = 42
	tests := []struct {
		name   string
		params *decks.Params
		wantS  float64
	}{
		{"default weights", nil, fsrs.DefaultWeights()[3]},
		{"deck params", &p, 42},
	}
	for _, tt := range tests {
		c := &cards.Card{ID: "x"}
		New(decks.Effective{Params: tt.params}).Answer(c, cards.Easy, time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC), 0)
		if c.Schedule.Stability != tt.wantS {
			t.Errorf("%s: stability after Easy = %v, want %v", tt.name, c.Schedule.Stability, tt.wantS)
		}
	}
}
