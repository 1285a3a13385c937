package study

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
	_ "time/tzdata"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks"
	"github.com/mnemo-app/mnemo/decks/store"
	"github.com/mnemo-app/mnemo/decks/store/storetest"
	"github.com/mnemo-app/mnemo/scheduler"
)

var ny = func() *time.Location {
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		panic(err) // time/tzdata is linked in
	}
	return loc
}()

// t0 is 2025-03-05 10:00 in New York; the study day ends on 2025-03-06 at
// 04:00 (the collection's rollover).
var (
	t0     = time.Date(2025, 3, 5, 10, 0, 0, 0, ny)
	dayEnd = time.Date(2025, 3, 6, 4, 0, 0, 0, ny)
)

// clock is a settable clock.
type clock struct{ now time.Time }

func (c *clock) Now() time.Time          { return c.now }
func (c *clock) advance(d time.Duration) { c.now = c.now.Add(d) }
func newClock(t time.Time) *clock        { return &clock{now: t} }
func ptr[T any](v T) *T                  { return &v }

func reviewCard(id, deck string, due time.Time, s float64) cards.Card {
	last := due.Add(-time.Duration(s) * 24 * time.Hour)
	return cards.Card{ID: cards.ID(id), Note: cards.ID(id), Kind: cards.KindBasic, Deck: deck,
		Question: "q " + id, Answer: "a " + id, Tags: []string{"t"},
		Schedule: cards.Schedule{State: cards.StateReview, Due: due, Stability: s, Difficulty: 5,
			ScheduledDays: uint64(s), LastReview: last, Reps: 4}}
}

func newCard(id, deck string, pos uint64) cards.Card {
	return cards.Card{ID: cards.ID(id), Note: cards.ID(id), Kind: cards.KindBasic, Deck: deck,
		Question: "q " + id, Answer: "a " + id, Position: pos, Schedule: cards.Schedule{State: cards.StateNew}}
}

func learningCard(id, deck string, due time.Time) cards.Card {
	return cards.Card{ID: cards.ID(id), Note: cards.ID(id), Kind: cards.KindBasic, Deck: deck,
		Question: "q " + id, Answer: "a " + id,
		Schedule: cards.Schedule{State: cards.StateLearning, Due: due, Stability: 3, Difficulty: 5,
			LastReview: due.Add(-10 * time.Minute), Reps: 1}}
}

// collection opens a test store in New York time holding cs, with options
// set per deck.
func collection(t *testing.T, opts map[string]decks.Options, cs ...cards.Card) *store.Store {
	t.Helper()
	st := storetest.Open(t)
	err := st.Update(func(tx *store.Tx) error {
		if err := tx.PutSettings(store.Settings{RolloverHour: 4, TimeZone: "America/New_York"}); err != nil {
			return err
		}
		for deck, o := range opts {
			if err := tx.PutDeckOptions(deck, o); err != nil {
				return err
			}
		}
		for i := range cs {
			if err := tx.PutCard(&cs[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// noFuzz turns fuzz off on deck d so intervals are exact.
func noFuzz() decks.Options { return decks.Options{Fuzz: ptr(false)} }

func stored(t *testing.T, st *store.Store, id cards.ID) cards.Card {
	t.Helper()
	var c cards.Card
	err := st.View(func(tx *store.Tx) error {
		var ok bool
		var err error
		c, ok, err = tx.Card(id)
		if err == nil && !ok {
			err = errors.New("missing")
		}
		return err
	})
	if err != nil {
		t.Fatalf("card %s: %v", id, err)
	}
	return c
}

func allCards(t *testing.T, st *store.Store) map[cards.ID]cards.Card {
	t.Helper()
	out := map[cards.ID]cards.Card{}
	if err := st.View(func(tx *store.Tx) error {
		return tx.ForEachCard(func(c *cards.Card) error { out[c.ID] = *c; return nil })
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func reviewCount(t *testing.T, st *store.Store) int {
	t.Helper()
	var n int
	_ = st.View(func(tx *store.Tx) error { n = tx.ReviewCount(); return nil })
	return n
}

func open(t *testing.T, st *store.Store, clk *clock, cfg Config) *Session {
	t.Helper()
	cfg.Now = clk.Now
	s, err := Open(st, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestOpenLoadsToday(t *testing.T) {
	susp := reviewCard("susp", "bio", t0.Add(-time.Hour), 5)
	susp.Suspended = true
	buried := reviewCard("buried", "bio", t0.Add(-time.Hour), 5)
	buried.BuriedUntil = dayEnd
	st := collection(t, nil,
		reviewCard("r1", "bio", t0.Add(-48*time.Hour), 5),
		reviewCard("r2", "bio::cells", time.Date(2025, 3, 6, 3, 30, 0, 0, ny), 5), // before the rollover
		reviewCard("r3", "bio", time.Date(2025, 3, 6, 4, 30, 0, 0, ny), 5),        // tomorrow
		reviewCard("r4", "chem", t0, 5),
		susp, buried,
		learningCard("l1", "bio", t0.Add(-time.Minute)),
		newCard("n1", "bio", 1), newCard("n2", "bio::cells", 2), newCard("n3", "chem", 3),
	)
	tests := []struct {
		deck string
		want Counts
	}{
		{"", Counts{New: 3, Learning: 1, Review: 3}},
		{"bio", Counts{New: 2, Learning: 1, Review: 2}},
		{"bio::cells", Counts{New: 1, Review: 1}},
		{"physics", Counts{}},
	}
	for _, tt := range tests {
		t.Run("deck "+tt.deck, func(t *testing.T) {
			s := open(t, st, newClock(t0), Config{Deck: tt.deck})
			if got := s.Counts(); got != tt.want {
				t.Errorf("Counts() = %+v, want %+v", got, tt.want)
			}
			c, ok := s.Current()
			if ok != (tt.want.Total() > 0) {
				t.Fatalf("Current ok = %v", ok)
			}
			if ok && tt.want.Learning > 0 && c.ID != "l1" {
				t.Errorf("first card %s, want the due learning card", c.ID)
			}
		})
	}
}

func TestAnswerCommitsCardLogAndBurials(t *testing.T) {
	r1 := reviewCard("r1", "d", t0.Add(-time.Hour), 5)
	n1 := newCard("n1", "d", 1)
	n1.Note = "r1" // sibling of r1
	st := collection(t, map[string]decks.Options{"d": noFuzz()}, r1, n1, newCard("n2", "d", 2))
	clk := newClock(t0)
	s := open(t, st, clk, Config{})
	if got := s.Counts(); got != (Counts{New: 1, Review: 1}) {
		t.Fatalf("Counts() = %+v: one card per note, n1 held back", got)
	}
	cur, _ := s.Current()
	if cur.ID != "r1" {
		t.Fatalf("current %s, want r1", cur.ID)
	}
	iv := s.Intervals()
	want := scheduler.New(decks.Resolve("d", map[string]decks.Options{"d": noFuzz()})).Preview(cur, t0)
	if iv != want {
		t.Errorf("Intervals() = %v, want %v", iv, want)
	}
	out, err := s.Answer(cards.Good, 1500*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	got := stored(t, st, "r1")
	if !sameSchedule(got.Schedule, out.Next) || got.Schedule.Reps != 5 || !got.Schedule.Due.Equal(t0.Add(iv[2])) {
		t.Errorf("stored schedule %+v, outcome %+v, preview said %v", got.Schedule, out.Next, iv[2])
	}
	var log []cards.Review
	_ = st.View(func(tx *store.Tx) (err error) { log, err = tx.ReviewsOf("r1"); return err })
	if len(log) != 1 || log[0].Rating != cards.Good || log[0].DurationMS != 1500 || !log[0].Time.Equal(t0) ||
		!reflect.DeepEqual(log[0].Prev, r1Stored(t, r1)) {
		t.Errorf("review log %+v", log)
	}
	if b := stored(t, st, "n1").BuriedUntil; !b.Equal(dayEnd) {
		t.Errorf("sibling n1 buried until %v, want %v", b, dayEnd)
	}
	if next, _ := s.Current(); next.ID != "n2" {
		t.Errorf("next card %s, want n2", next.ID)
	}
}

// edit returns a change to card id, made as another terminal would.
func edit(id cards.ID, f func(c *cards.Card)) func(tx *store.Tx) error {
	return func(tx *store.Tx) error {
		c, _, err := tx.Card(id)
		if err != nil {
			return err
		}
		f(&c)
		return tx.PutCard(&c)
	}
}

// sameSchedule compares schedules with times as instants: the store
// keeps a time's offset, not its zone.
func sameSchedule(a, b cards.Schedule) bool {
	a.Due, a.LastReview = a.Due.UTC(), a.LastReview.UTC()
	b.Due, b.LastReview = b.Due.UTC(), b.LastReview.UTC()
	return a == b
}

// r1Stored is the schedule r1 has once stored (times as JSON keeps them).
func r1Stored(t *testing.T, c cards.Card) cards.Schedule {
	st := collection(t, nil, c)
	return stored(t, st, c.ID).Schedule
}

func TestUndoSeveralSteps(t *testing.T) {
	leech := reviewCard("leech", "d", t0.Add(-time.Hour), 3)
	leech.Schedule.Lapses = 7
	sib := newCard("sib", "d", 9)
	sib.Note = "a"
	st := collection(t, nil,
		reviewCard("a", "d", t0.Add(-3*time.Hour), 2), sib, leech,
		reviewCard("b", "d", t0.Add(-2*time.Hour), 20), reviewCard("c", "d", t0.Add(-time.Hour), 40),
		newCard("n", "d", 1),
	)
	before := allCards(t, st)
	clk := newClock(t0)
	s := open(t, st, clk, Config{})
	counts := s.Counts()
	var order []cards.ID
	// Three answers (one makes a leech), a burial and a suspension.
	for i, r := range []cards.Rating{cards.Good, cards.Again, cards.Hard} {
		c, ok := s.Current()
		if !ok {
			t.Fatalf("step %d: nothing to study", i)
		}
		order = append(order, c.ID)
		if _, err := s.Answer(r, time.Second); err != nil {
			t.Fatal(err)
		}
		clk.advance(20 * time.Second)
	}
	for _, hide := range []func() error{s.Bury, s.Suspend} {
		c, _ := s.Current()
		order = append(order, c.ID)
		if err := hide(); err != nil {
			t.Fatal(err)
		}
	}
	if reviewCount(t, st) != 3 {
		t.Fatalf("review log has %d entries, want 3", reviewCount(t, st))
	}
	if reflect.DeepEqual(allCards(t, st), before) {
		t.Fatal("nothing changed")
	}
	for i := len(order) - 1; i >= 0; i-- {
		c, ok, err := s.Undo()
		if err != nil || !ok {
			t.Fatalf("undo %d: %v %v", i, ok, err)
		}
		if c.ID != order[i] {
			t.Errorf("undo %d reverted %s, want %s", i, c.ID, order[i])
		}
		if cur, _ := s.Current(); cur.ID != order[i] {
			t.Errorf("after undo %d current is %s, want %s", i, cur.ID, order[i])
		}
	}
	if _, ok, err := s.Undo(); ok || err != nil {
		t.Errorf("undo with nothing left: %v %v", ok, err)
	}
	if after := allCards(t, st); !reflect.DeepEqual(after, before) {
		for id := range before {
			if !reflect.DeepEqual(after[id], before[id]) {
				t.Errorf("card %s after undo\n%+v\nwant\n%+v", id, after[id], before[id])
			}
		}
	}
	if n := reviewCount(t, st); n != 0 {
		t.Errorf("review log has %d entries after undoing every answer", n)
	}
	if got := s.Counts(); got != counts {
		t.Errorf("Counts() = %+v, want %+v as at the start", got, counts)
	}
	if sum := s.Summary(); sum.Reviewed != 0 || sum.Again != 0 || len(sum.StudiedByDeck) != 0 {
		t.Errorf("summary after undoing everything: %+v", sum)
	}
}

func TestLeechIsSuspendedInTheStore(t *testing.T) {
	leech := reviewCard("leech", "d", t0.Add(-time.Hour), 3)
	leech.Schedule.Lapses = 7
	st := collection(t, nil, leech)
	s := open(t, st, newClock(t0), Config{})
	out, err := s.Answer(cards.Again, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if !out.Leech || out.Message == "" {
		t.Errorf("outcome %+v, want a leech", out)
	}
	if c := stored(t, st, "leech"); !c.Suspended || !c.HasTag("leech") {
		t.Errorf("stored %+v, want suspended and tagged", c)
	}
	if _, ok := s.Current(); ok {
		t.Error("the leech is still in the queue")
	}
}

func TestLimitsAcrossSessions(t *testing.T) {
	st := collection(t, map[string]decks.Options{"d": {NewPerDay: ptr(3), Fuzz: ptr(false)}},
		newCard("n1", "d", 1), newCard("n2", "d", 2), newCard("n3", "d", 3), newCard("n4", "d", 4), newCard("n5", "d", 5))
	clk := newClock(t0)
	s := open(t, st, clk, Config{})
	if got := s.Counts(); got.New != 3 {
		t.Fatalf("Counts() = %+v, want 3 new", got)
	}
	for range 2 {
		if _, err := s.Answer(cards.Good, time.Second); err != nil {
			t.Fatal(err)
		}
	}
	clk.advance(2 * time.Hour)
	s2 := open(t, st, clk, Config{})
	if got := s2.Counts(); got != (Counts{New: 1, Learning: 2}) {
		t.Errorf("later session Counts() = %+v, want 1 new and 2 learning", got)
	}
	clk.now = dayEnd.Add(time.Hour)
	s3 := open(t, st, clk, Config{})
	if got := s3.Counts(); got.New != 3 {
		t.Errorf("next day Counts() = %+v, want 3 new again", got)
	}
}

func TestSiblingsOfEarlierAnswersAreBuriedOnOpen(t *testing.T) {
	a, b := newCard("a", "d", 1), newCard("b", "d", 2)
	b.Note = "a"
	st := collection(t, nil, a, b, newCard("c", "d", 3))
	// An answer to a, given earlier today by another session.
	err := st.Update(func(tx *store.Tx) error {
		c, _, _ := tx.Card("a")
		rev, _ := scheduler.New(decks.DefaultOptions()).Answer(&c, cards.Good, t0.Add(-time.Hour), time.Second)
		if err := tx.PutCard(&c); err != nil {
			return err
		}
		return tx.AddReview(rev)
	})
	if err != nil {
		t.Fatal(err)
	}
	s := open(t, st, newClock(t0), Config{})
	if got := stored(t, st, "b").BuriedUntil; !got.Equal(dayEnd) {
		t.Errorf("b buried until %v, want %v", got, dayEnd)
	}
	if got := s.Counts(); got != (Counts{New: 1, Learning: 1}) {
		t.Errorf("Counts() = %+v, want c and a's learning step", got)
	}
}

func TestSuspendAndBury(t *testing.T) {
	st := collection(t, nil, reviewCard("r1", "d", t0.Add(-2*time.Hour), 1), reviewCard("r2", "d", t0.Add(-time.Hour), 50))
	s := open(t, st, newClock(t0), Config{})
	first, _ := s.Current()
	if err := s.Suspend(); err != nil {
		t.Fatal(err)
	}
	if !stored(t, st, first.ID).Suspended {
		t.Error("not suspended in the store")
	}
	second, _ := s.Current()
	if second.ID == first.ID {
		t.Fatal("the suspended card is still current")
	}
	if err := s.Bury(); err != nil {
		t.Fatal(err)
	}
	if got := stored(t, st, second.ID).BuriedUntil; !got.Equal(dayEnd) {
		t.Errorf("buried until %v, want %v", got, dayEnd)
	}
	if _, ok := s.Current(); ok {
		t.Error("queue not empty")
	}
	if err := s.Bury(); !errors.Is(err, ErrNothingToStudy) || errors.Is(err, ErrFatal) {
		t.Errorf("Bury on an empty queue: %v", err)
	}
	// A new session today does not show either.
	if got := open(t, st, newClock(t0.Add(time.Minute)), Config{}).Counts(); got.Total() != 0 {
		t.Errorf("new session shows %+v", got)
	}
}

func TestPinnedCurrentCard(t *testing.T) {
	st := collection(t, nil, reviewCard("r", "d", t0.Add(-time.Hour), 5), learningCard("l", "d", t0.Add(5*time.Minute)))
	clk := newClock(t0)
	s := open(t, st, clk, Config{})
	c, _ := s.Current()
	if c.ID != "r" {
		t.Fatalf("current %s, want r", c.ID)
	}
	clk.advance(6 * time.Minute) // l falls due while r is on screen
	if c2, _ := s.Current(); c2.ID != "r" {
		t.Errorf("current changed to %s while on screen", c2.ID)
	}
	if _, err := s.Answer(cards.Good, time.Second); err != nil {
		t.Fatal(err)
	}
	if stored(t, st, "r").Schedule.Reps != 5 || stored(t, st, "l").Schedule.Reps != 1 {
		t.Error("the answer went to the wrong card")
	}
	if c3, _ := s.Current(); c3.ID != "l" {
		t.Errorf("next %s, want l", c3.ID)
	}
}

func TestReload(t *testing.T) {
	c := reviewCard("r", "d", t0.Add(-time.Hour), 5)
	c.Source = cards.Source{Path: "/notes/bio.md", Line: 3, EndLine: 4}
	st := collection(t, nil, c, reviewCard("x", "d", t0.Add(-time.Minute), 50))
	var reread []string
	clk := newClock(t0)
	cfg := Config{Reread: func(path string) error {
		reread = append(reread, path)
		return st.Update(func(tx *store.Tx) error {
			c, _, _ := tx.Card("r")
			c.Question = "edited"
			return tx.PutCard(&c)
		})
	}}
	s := open(t, st, clk, cfg)
	if cur, _ := s.Current(); cur.ID != "r" {
		t.Fatalf("current %s, want r", cur.ID)
	}
	if err := s.Reload(); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(reread, []string{"/notes/bio.md"}) {
		t.Errorf("re-read %v", reread)
	}
	if cur, _ := s.Current(); cur.ID != "r" || cur.Question != "edited" {
		t.Errorf("after reload current %s %q", cur.ID, cur.Question)
	}
	failing := Config{Reread: func(string) error { return errors.New("parse error") }}
	s = open(t, st, clk, failing)
	if err := s.Reload(); err == nil || errors.Is(err, ErrFatal) {
		t.Errorf("Reload with a failing re-read: %v", err)
	}
}

func TestSummary(t *testing.T) {
	st := collection(t, map[string]decks.Options{"d": {NewPerDay: ptr(2)}},
		reviewCard("r1", "d", t0.Add(-time.Hour), 5),
		reviewCard("r2", "d", t0.Add(-time.Hour), 5),
		reviewCard("soon", "d", time.Date(2025, 3, 7, 3, 0, 0, 0, ny), 5),  // due tomorrow (study day)
		reviewCard("later", "d", time.Date(2025, 3, 7, 5, 0, 0, 0, ny), 5), // the day after
		reviewCard("other", "e", t0, 5),
		newCard("n1", "d", 1), newCard("n2", "d", 2), newCard("n3", "d", 3), newCard("n4", "d", 4),
	)
	clk := newClock(t0)
	s := open(t, st, clk, Config{Deck: "d"})
	for _, r := range []cards.Rating{cards.Again, cards.Good, cards.Easy} {
		if _, err := s.Answer(r, time.Second); err != nil {
			t.Fatal(err)
		}
		clk.advance(time.Minute)
	}
	sum := s.Summary()
	if sum.Reviewed != 3 || sum.Again != 1 || sum.Elapsed != 3*time.Minute || !reflect.DeepEqual(sum.StudiedByDeck, map[string]int{"d": 3}) {
		t.Errorf("summary %+v", sum)
	}
	// Due by the end of tomorrow: everything in d not new and not pushed
	// past it (later, and the card rated Easy).
	var want int
	_ = st.View(func(tx *store.Tx) error {
		end := time.Date(2025, 3, 7, 4, 0, 0, 0, ny)
		return tx.ForEachCard(func(c *cards.Card) error {
			if c.Deck == "d" && c.Schedule.State != cards.StateNew && c.Schedule.Due.Before(end) {
				want++
			}
			return nil
		})
	})
	if sum.DueTomorrow != want || want < 3 {
		t.Errorf("DueTomorrow = %d, want %d", sum.DueTomorrow, want)
	}
	if sum.NewTomorrow != 2 {
		t.Errorf("NewTomorrow = %d, want 2", sum.NewTomorrow)
	}
}

func TestErrors(t *testing.T) {
	t.Run("open needs a store and a clock", func(t *testing.T) {
		if _, err := Open(nil, Config{Now: time.Now}); err == nil {
			t.Error("Open(nil) succeeded")
		}
		if _, err := Open(storetest.Open(t), Config{}); err == nil {
			t.Error("Open without a clock succeeded")
		}
	})
	t.Run("nothing to study", func(t *testing.T) {
		s := open(t, collection(t, nil), newClock(t0), Config{})
		if _, err := s.Answer(cards.Good, 0); !errors.Is(err, ErrNothingToStudy) || errors.Is(err, ErrFatal) {
			t.Errorf("Answer: %v", err)
		}
		if iv := s.Intervals(); iv != ([4]time.Duration{}) {
			t.Errorf("Intervals() = %v", iv)
		}
	})
	t.Run("invalid rating", func(t *testing.T) {
		s := open(t, collection(t, nil, newCard("n", "d", 1)), newClock(t0), Config{})
		if _, err := s.Answer(0, 0); err == nil || errors.Is(err, ErrFatal) {
			t.Errorf("Answer(0): %v", err)
		}
	})
	// The card on screen changed behind the session: the answer is
	// refused with ErrCardChanged (not fatal, nothing logged) and the
	// session moves on to the next card, or shows an edited one again.
	for _, tt := range []struct {
		name    string
		change  func(tx *store.Tx) error
		message string
		next    cards.ID
	}{
		{"suspended", edit("n", func(c *cards.Card) { c.Suspended = true }), "card n was suspended meanwhile", "m"},
		{"orphaned", edit("n", func(c *cards.Card) { c.Orphaned = true }), "card n lost its note text", "m"},
		{"buried", edit("n", func(c *cards.Card) { c.BuriedUntil = t0.Add(48 * time.Hour) }), "card n was buried meanwhile", "m"},
		{"dropped", func(tx *store.Tx) error { return tx.DeleteCard("n") }, "card n was dropped or deleted meanwhile", "m"},
		{"answered", edit("n", func(c *cards.Card) {
			c.Schedule.State, c.Schedule.Reps, c.Schedule.Due = cards.StateReview, 1, t0.Add(72*time.Hour)
		}), "card n was answered meanwhile", "m"},
		{"edited", edit("n", func(c *cards.Card) { c.Answer = "a new answer" }), "card n was edited meanwhile, so it was not rated; showing it as it reads now", "n"},
	} {
		t.Run("card "+tt.name+" behind the session", func(t *testing.T) {
			st := collection(t, nil, newCard("n", "d", 1), newCard("m", "d", 2))
			s := open(t, st, newClock(t0), Config{})
			if c, _ := s.Current(); c.ID != "n" {
				t.Fatalf("current %s, want n", c.ID)
			}
			if err := st.Update(tt.change); err != nil {
				t.Fatal(err)
			}
			_, err := s.Answer(cards.Good, 0)
			if !errors.Is(err, ErrCardChanged) || errors.Is(err, ErrFatal) || !strings.Contains(err.Error(), tt.message) {
				t.Fatalf("Answer: %v, want ErrCardChanged saying %q", err, tt.message)
			}
			var revs int
			_ = st.View(func(tx *store.Tx) error { revs = tx.ReviewCount(); return nil })
			if revs != 0 {
				t.Errorf("%d reviews logged for a card that changed", revs)
			}
			c, _ := s.Current()
			if c.ID != tt.next {
				t.Fatalf("current %s, want %s", c.ID, tt.next)
			}
			if tt.name == "edited" && c.Answer != "a new answer" {
				t.Errorf("the edited card is shown as it was: %q", c.Answer)
			}
			// The next answer rates the card now current, and only it.
			if _, err := s.Answer(cards.Good, 0); err != nil {
				t.Fatalf("answer after the change: %v", err)
			}
			var log []cards.Review
			_ = st.View(func(tx *store.Tx) error {
				log, err = tx.ReviewsOf(tt.next)
				return err
			})
			if len(log) != 1 {
				t.Errorf("%s has %d reviews after one answer", tt.next, len(log))
			}
		})
	}
	t.Run("closed collection is fatal", func(t *testing.T) {
		st, err := store.Open(t.TempDir()+"/c.db", store.OpenOptions{})
		if err != nil {
			t.Fatal(err)
		}
		c := newCard("n", "d", 1)
		if err := st.Update(func(tx *store.Tx) error { return tx.PutCard(&c) }); err != nil {
			t.Fatal(err)
		}
		s := open(t, st, newClock(t0), Config{})
		st.Close()
		if _, err := s.Answer(cards.Good, 0); !errors.Is(err, ErrFatal) {
			t.Errorf("Answer on a closed collection: %v", err)
		}
	})
}
