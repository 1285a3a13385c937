package scheduler

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks"
)

// The queue tests run in New York on 2025-03-05 at 10:00 (EST) with the
// 04:00 rollover: the study day ends on 2025-03-06 at 04:00.
var (
	qzone  = loadZone("America/New_York")
	qclock = Clock{Location: qzone, RolloverHour: 4}
	qnow   = time.Date(2025, 3, 5, 10, 0, 0, 0, qzone)
)

func loadZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err) // time/tzdata is linked in: cannot happen
	}
	return loc
}

func rv(id, deck string, due time.Time) cards.Card {
	c := cards.Card{ID: cards.ID(id), Note: cards.ID(id), Deck: deck}
	c.Schedule = cards.Schedule{State: cards.StateReview, Due: due, Stability: 10, Difficulty: 5,
		LastReview: due.Add(-10 * 24 * time.Hour), ScheduledDays: 10, Reps: 3}
	return c
}

// rvRisk is a review card due at qnow whose retrievability at qnow is that
// of days elapsed with stability s.
func rvRisk(id, deck string, s float64, days float64) cards.Card {
	c := rv(id, deck, qnow)
	c.Schedule.Stability = s
	c.Schedule.LastReview = qnow.Add(-time.Duration(days * float64(24*time.Hour)))
	return c
}

func nw(id, deck string, pos uint64) cards.Card {
	return cards.Card{ID: cards.ID(id), Note: cards.ID(id), Deck: deck, Position: pos,
		Schedule: cards.Schedule{State: cards.StateNew}}
}

func lr(id, deck string, due time.Time) cards.Card {
	c := cards.Card{ID: cards.ID(id), Note: cards.ID(id), Deck: deck}
	c.Schedule = cards.Schedule{State: cards.StateLearning, Due: due, Stability: 1, Difficulty: 5,
		LastReview: due.Add(-10 * time.Minute), Reps: 1}
	return c
}

func sibling(c cards.Card, note string) cards.Card {
	c.Note = cards.ID(note)
	return c
}

// limitsOf gives deck options: defaults with fuzz off, changed per deck.
func limitsOf(set map[string]func(*decks.Effective)) func(string) decks.Effective {
	return func(deck string) decks.Effective {
		o := noFuzz()
		if f, ok := set[deck]; ok {
			f(&o)
		}
		return o
	}
}

func perDay(newN, revN int) func(*decks.Effective) {
	return func(o *decks.Effective) { o.NewPerDay, o.ReviewsPerDay = newN, revN }
}

func newPerDay(n int) func(*decks.Effective) {
	return func(o *decks.Effective) { o.NewPerDay = n }
}

func noBury(o *decks.Effective) { o.BurySiblings = false }

// drain shows and answers every card the queue offers at now, each answer
// sending the card away for days; it returns the IDs in the order shown.
func drain(q *Queue, now time.Time) []string {
	var out []string
	for range 10000 {
		c, ok := q.Next(now)
		if !ok {
			break
		}
		out = append(out, string(c.ID))
		c.Schedule.State = cards.StateReview
		c.Schedule.Due = now.Add(10 * 24 * time.Hour)
		q.Answered(c, now)
	}
	return out
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

func n(k int, f func(i int) cards.Card) []cards.Card {
	out := make([]cards.Card, k)
	for i := range out {
		out[i] = f(i)
	}
	return out
}

func idf(prefix string, i int) string { return prefix + string(rune('a'+i)) }

func TestBuildFilters(t *testing.T) {
	dayEnd := qclock.NextDayStart(qnow) // 2025-03-06 04:00 EST
	tests := []struct {
		name string
		deck string
		due  []cards.Card
		new  []cards.Card
		want []string
	}{
		{
			name: "suspended orphaned and buried never show",
			due: []cards.Card{
				rv("ok", "d", qnow),
				func() cards.Card { c := rv("susp", "d", qnow); c.Suspended = true; return c }(),
				func() cards.Card { c := rv("orph", "d", qnow); c.Orphaned = true; return c }(),
				func() cards.Card { c := rv("bur", "d", qnow); c.BuriedUntil = qnow.Add(time.Hour); return c }(),
				func() cards.Card { c := rv("unbur", "d", qnow); c.BuriedUntil = qnow.Add(-time.Hour); return c }(),
			},
			new: []cards.Card{
				func() cards.Card { c := nw("nsusp", "d", 1); c.Suspended = true; return c }(),
				nw("nok", "d", 2),
			},
			want: []string{"nok", "ok", "unbur"},
		},
		{
			name: "selected deck includes its subdecks only",
			deck: "a",
			due:  []cards.Card{rv("a", "a", qnow), rv("ab", "a::b", qnow), rv("abc", "a::b::c", qnow), rv("other", "ab", qnow), rv("b", "b", qnow)},
			new:  []cards.Card{nw("na", "a::x", 1), nw("nb", "b::a", 2)},
			want: []string{"a", "ab", "abc", "na"},
		},
		{
			name: "reviews due before the rollover show, later ones do not",
			due: []cards.Card{
				rv("past", "d", qnow.Add(-72*time.Hour)),
				rv("tonight", "d", time.Date(2025, 3, 5, 23, 0, 0, 0, qzone)),
				rv("0330", "d", time.Date(2025, 3, 6, 3, 30, 0, 0, qzone)),
				rv("0400", "d", dayEnd),
				rv("0430", "d", time.Date(2025, 3, 6, 4, 30, 0, 0, qzone)),
			},
			want: []string{"0330", "past", "tonight"},
		},
		{
			name: "learning cards due up to learn-ahead past the rollover are kept",
			due:  []cards.Card{lr("l1", "d", dayEnd.Add(10*time.Minute)), lr("l2", "d", dayEnd.Add(25*time.Minute))},
			want: []string{"l1"},
		},
		{
			name: "cards in the wrong list are ignored, duplicates kept once",
			due:  []cards.Card{nw("new-in-due", "d", 1), rv("r", "d", qnow), rv("r", "d", qnow), {ID: "bad", Deck: "d", Schedule: cards.Schedule{State: 7}}},
			new:  []cards.Card{rv("rev-in-new", "d", qnow), nw("n", "d", 2), nw("n", "d", 2)},
			want: []string{"n", "r"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := Build(QueueInput{Now: qnow, Clock: qclock, Deck: tt.deck, Options: limitsOf(nil), Due: tt.due, New: tt.new})
			// Learning cards far ahead are held, not shown: drain late.
			if got := sorted(drain(q, dayEnd)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("queue holds %v, want %v", got, tt.want)
			}
		})
	}
}

func TestBuildOnDSTDay(t *testing.T) {
	berlin := mustZone(t, "Europe/Berlin")
	tests := []struct {
		name    string
		clock   Clock
		now     time.Time
		due     []cards.Card
		want    []string
		wantEnd time.Time
	}{
		{
			name:  "new york spring forward",
			clock: qclock,
			now:   time.Date(2025, 3, 8, 22, 0, 0, 0, qzone),
			due: []cards.Card{
				rv("0330edt", "d", time.Date(2025, 3, 9, 3, 30, 0, 0, qzone)),
				rv("0430edt", "d", time.Date(2025, 3, 9, 4, 30, 0, 0, qzone)),
			},
			want:    []string{"0330edt"},
			wantEnd: time.Date(2025, 3, 9, 8, 0, 0, 0, time.UTC),
		},
		{
			name:  "berlin fall back",
			clock: Clock{Location: berlin, RolloverHour: 4},
			now:   time.Date(2025, 10, 25, 20, 0, 0, 0, berlin),
			due: []cards.Card{
				rv("0230cet", "d", time.Date(2025, 10, 26, 1, 30, 0, 0, time.UTC)),
				rv("0359cet", "d", time.Date(2025, 10, 26, 3, 59, 0, 0, berlin)),
				rv("0400cet", "d", time.Date(2025, 10, 26, 4, 0, 0, 0, berlin)),
			},
			want:    []string{"0230cet", "0359cet"},
			wantEnd: time.Date(2025, 10, 26, 3, 0, 0, 0, time.UTC),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := Build(QueueInput{Now: tt.now, Clock: tt.clock, Due: tt.due})
			if !q.DayEnd().Equal(tt.wantEnd) {
				t.Errorf("DayEnd = %v, want %v", q.DayEnd(), tt.wantEnd)
			}
			if got := sorted(drain(q, tt.now)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("queue holds %v, want %v", got, tt.want)
			}
		})
	}
}

func TestBuildLimits(t *testing.T) {
	earlier := qnow.Add(-3 * time.Hour)
	yesterday := qnow.Add(-7 * time.Hour) // 03:00: the previous study day
	reviews := func(prefix, deck string, k int) []cards.Card {
		return n(k, func(i int) cards.Card { return rv(idf(prefix, i), deck, qnow.Add(-time.Duration(i)*time.Minute)) })
	}
	news := func(prefix, deck string, k int, pos uint64) []cards.Card {
		return n(k, func(i int) cards.Card { return nw(idf(prefix, i), deck, pos+uint64(i)) })
	}
	learning := func(prefix, deck string, k int) []cards.Card {
		return n(k, func(i int) cards.Card { return lr(idf(prefix, i), deck, qnow.Add(-time.Duration(k-i)*time.Minute)) })
	}
	studied := func(deck string, wasNew bool, at time.Time, ids ...string) []Studied {
		var out []Studied
		for _, id := range ids {
			out = append(out, Studied{CardID: cards.ID(id), Note: cards.ID(id), Deck: deck, WasNew: wasNew, Time: at})
		}
		return out
	}
	tests := []struct {
		name          string
		in            QueueInput
		set           map[string]func(*decks.Effective)
		wantNew       int
		wantLearn     int
		wantRev       int
		wantIDsPrefix map[string]int // cards shown per ID prefix, when checked
	}{
		{
			name: "new per day", set: map[string]func(*decks.Effective){"d": perDay(3, 200)},
			in:      QueueInput{New: news("n", "d", 10, 1)},
			wantNew: 3,
		},
		{
			name: "zero new per day", set: map[string]func(*decks.Effective){"d": perDay(0, 200)},
			in:      QueueInput{Due: reviews("r", "d", 2), New: news("n", "d", 10, 1)},
			wantRev: 2,
		},
		{
			name: "reviews per day", set: map[string]func(*decks.Effective){"d": perDay(20, 5)},
			in:      QueueInput{Due: reviews("r", "d", 10)},
			wantRev: 5,
		},
		{
			name: "new cards count against the review limit", set: map[string]func(*decks.Effective){"d": perDay(20, 5)},
			in:      QueueInput{Due: reviews("r", "d", 3), New: news("n", "d", 10, 1)},
			wantNew: 2, wantRev: 3,
		},
		{
			name: "a full review limit shows no new cards", set: map[string]func(*decks.Effective){"d": perDay(20, 3)},
			in:      QueueInput{Due: reviews("r", "d", 5), New: news("n", "d", 10, 1)},
			wantRev: 3,
		},
		{
			name: "earlier sessions today count",
			set:  map[string]func(*decks.Effective){"d": perDay(5, 20)},
			in: QueueInput{
				Due: reviews("r", "d", 5), New: news("n", "d", 10, 1),
				Studied: slices.Concat(
					studied("d", true, earlier, "s1", "s2", "s3"),
					studied("d", false, earlier.Add(time.Minute), "s3"), // s3's learning step: still one new card
					studied("d", false, earlier, "s4", "s4"),            // one review, answered twice
				),
			},
			// new: 5-3 = 2; reviews: 20 - 1 - 3 = 16 is enough for 5 + 2.
			wantNew: 2, wantRev: 5,
		},
		{
			name: "earlier sessions fill the review limit",
			set:  map[string]func(*decks.Effective){"d": perDay(20, 6)},
			in: QueueInput{
				Due: reviews("r", "d", 5), New: news("n", "d", 10, 1),
				Studied: slices.Concat(studied("d", false, earlier, "s1", "s2"), studied("d", true, earlier, "s3")),
			},
			wantRev: 3,
		},
		{
			name: "answers from the previous study day do not count",
			set:  map[string]func(*decks.Effective){"d": perDay(2, 200)},
			in:   QueueInput{New: news("n", "d", 10, 1), Studied: studied("d", true, yesterday, "s1", "s2")},
			// and future ones neither
			wantNew: 2,
		},
		{
			name: "parent deck limit caps its subdecks together",
			set: map[string]func(*decks.Effective){
				"a": newPerDay(4), "a::b": newPerDay(3), "a::c": newPerDay(3),
			},
			in:            QueueInput{Deck: "a", New: slices.Concat(news("b", "a::b", 5, 1), news("c", "a::c", 5, 6))},
			wantNew:       4,
			wantIDsPrefix: map[string]int{"b": 3, "c": 1},
		},
		{
			name: "limits above the selected deck do not apply",
			set:  map[string]func(*decks.Effective){"a": newPerDay(1), "a::b": newPerDay(3)},
			in:   QueueInput{Deck: "a::b", New: news("b", "a::b", 5, 1)},
			// as in Anki, unless limits start from the top
			wantNew: 3,
		},
		{
			name:    "limits start from the top",
			set:     map[string]func(*decks.Effective){"a": newPerDay(1), "a::b": newPerDay(3)},
			in:      QueueInput{Deck: "a::b", LimitsFromTop: true, New: news("b", "a::b", 5, 1)},
			wantNew: 1,
		},
		{
			name: "cards studied in a subdeck count against its parent",
			set:  map[string]func(*decks.Effective){"a": newPerDay(4), "a::b": newPerDay(10), "a::c": newPerDay(10)},
			in: QueueInput{Deck: "a", New: news("b", "a::b", 5, 1),
				Studied: studied("a::c", true, earlier, "s1", "s2", "s3")},
			wantNew: 1,
		},
		{
			name: "a subdeck's own limit holds under an open parent",
			set:  map[string]func(*decks.Effective){"a": newPerDay(100), "a::b": newPerDay(2)},
			in: QueueInput{Deck: "a", New: slices.Concat(news("b", "a::b", 5, 1), news("x", "a", 5, 10)),
				Studied: studied("a::b", true, earlier, "s1")},
			wantNew:       6,
			wantIDsPrefix: map[string]int{"b": 1, "x": 5},
		},
		{
			name:          "all decks: each top-level deck has its limit",
			set:           map[string]func(*decks.Effective){"x": newPerDay(2), "y": newPerDay(3)},
			in:            QueueInput{New: slices.Concat(news("x", "x", 5, 1), news("y", "y::z", 5, 6))},
			wantNew:       5,
			wantIDsPrefix: map[string]int{"x": 2, "y": 3},
		},
		{
			name: "--limit takes learning, then reviews, then new",
			in: QueueInput{Limit: 4, Due: slices.Concat(learning("l", "d", 2), reviews("r", "d", 3)),
				New: news("n", "d", 3, 1)},
			wantLearn: 2, wantRev: 2,
		},
		{
			name: "--limit larger than the queue",
			in: QueueInput{Limit: 100, Due: slices.Concat(learning("l", "d", 2), reviews("r", "d", 3)),
				New: news("n", "d", 3, 1)},
			wantNew: 3, wantLearn: 2, wantRev: 3,
		},
		{
			name:      "learning cards are not limited per day",
			set:       map[string]func(*decks.Effective){"d": perDay(0, 0)},
			in:        QueueInput{Due: slices.Concat(learning("l", "d", 3), reviews("r", "d", 3))},
			wantLearn: 3,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			in.Now, in.Clock, in.Options = qnow, qclock, limitsOf(tt.set)
			q := Build(in)
			nn, ln, rn := q.Counts()
			if nn != tt.wantNew || ln != tt.wantLearn || rn != tt.wantRev {
				t.Errorf("Counts() = new %d, learning %d, review %d; want %d, %d, %d", nn, ln, rn, tt.wantNew, tt.wantLearn, tt.wantRev)
			}
			shown := drain(q, qnow)
			if len(shown) != tt.wantNew+tt.wantLearn+tt.wantRev {
				t.Errorf("showed %d cards %v, counts promised %d", len(shown), shown, tt.wantNew+tt.wantLearn+tt.wantRev)
			}
			if tt.wantIDsPrefix != nil {
				got := map[string]int{}
				for _, id := range shown {
					got[id[:1]]++
				}
				if !reflect.DeepEqual(got, tt.wantIDsPrefix) {
					t.Errorf("cards per deck %v, want %v (shown %v)", got, tt.wantIDsPrefix, shown)
				}
			}
		})
	}
}

func TestReviewOrderMostAtRiskFirst(t *testing.T) {
	due := []cards.Card{
		rvRisk("sure", "d", 100, 5),     // R ≈ 0.99
		rvRisk("ninety", "d", 10, 10),   // R = 0.90
		rvRisk("weak", "d", 2, 6),       // R ≈ 0.77
		rvRisk("forgotten", "d", 1, 30), // R ≈ 0.5
		func() cards.Card { // R = 0.90 as well, but due earlier
			c := rvRisk("ninety-early", "d", 20, 20)
			c.Schedule.Due = qnow.Add(-time.Hour)
			return c
		}(),
	}
	s := New(noFuzz())
	want := []string{"forgotten", "weak", "ninety-early", "ninety", "sure"}
	for i := 1; i < len(want); i++ {
		find := func(id string) cards.Card {
			return due[slices.IndexFunc(due, func(c cards.Card) bool { return string(c.ID) == id })]
		}
		if a, b := s.Retrievability(find(want[i-1]), qnow), s.Retrievability(find(want[i]), qnow); a > b {
			t.Fatalf("test setup: R(%s)=%v > R(%s)=%v", want[i-1], a, want[i], b)
		}
	}
	for _, order := range [][]int{{0, 1, 2, 3, 4}, {4, 3, 2, 1, 0}, {2, 0, 4, 1, 3}} {
		in := make([]cards.Card, len(order))
		for i, k := range order {
			in[i] = due[k]
		}
		q := Build(QueueInput{Now: qnow, Clock: qclock, Due: in})
		if got := drain(q, qnow); !reflect.DeepEqual(got, want) {
			t.Errorf("input order %v: shown %v, want %v", order, got, want)
		}
	}
}

func TestLearnAhead(t *testing.T) {
	tests := []struct {
		name string
		due  []cards.Card
		at   []time.Duration // offsets from qnow of successive Next calls
		want []string        // "" = nothing to show
	}{
		{
			name: "due learning card comes before reviews",
			due:  []cards.Card{rv("r", "d", qnow), lr("l", "d", qnow.Add(-time.Minute))},
			at:   []time.Duration{0, 0, 0},
			want: []string{"l", "r", ""},
		},
		{
			name: "15 minutes ahead shown only when nothing else is left",
			due:  []cards.Card{rv("r", "d", qnow), lr("l", "d", qnow.Add(15*time.Minute))},
			at:   []time.Duration{0, 0, 0},
			want: []string{"r", "l", ""},
		},
		{
			name: "25 minutes ahead not shown until 5 minutes later",
			due:  []cards.Card{lr("l", "d", qnow.Add(25*time.Minute))},
			at:   []time.Duration{0, 4 * time.Minute, 5 * time.Minute, 5 * time.Minute},
			want: []string{"", "", "l", ""},
		},
		{
			name: "a learning card falling due interrupts the reviews",
			due:  []cards.Card{rvRisk("r1", "d", 1, 30), rvRisk("r2", "d", 10, 10), lr("l", "d", qnow.Add(5*time.Minute))},
			at:   []time.Duration{0, 6 * time.Minute, 6 * time.Minute, 6 * time.Minute},
			want: []string{"r1", "l", "r2", ""},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := Build(QueueInput{Now: qnow, Clock: qclock, Due: tt.due})
			var got []string
			for _, off := range tt.at {
				now := qnow.Add(off)
				c, ok := q.Next(now)
				if !ok {
					got = append(got, "")
					continue
				}
				got = append(got, string(c.ID))
				c.Schedule.State = cards.StateReview
				c.Schedule.Due = now.Add(48 * time.Hour)
				q.Answered(c, now)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("shown %q, want %q", got, tt.want)
			}
		})
	}
	t.Run("counts include learning cards not yet shown", func(t *testing.T) {
		q := Build(QueueInput{Now: qnow, Clock: qclock, Due: []cards.Card{lr("l", "d", qnow.Add(25*time.Minute))}})
		if _, ok := q.Next(qnow); ok {
			t.Fatal("a card 25 minutes ahead was shown")
		}
		if _, l, _ := q.Counts(); l != 1 {
			t.Errorf("learning count %d, want 1", l)
		}
	})
}

func TestNewCardsSpreadAmongReviews(t *testing.T) {
	tests := []struct {
		reviews, news int
		want          string
	}{
		{10, 2, "rrrnrrrrrnrr"},
		{4, 4, "rnrnrnrn"},
		{1, 5, "nnrnnn"},
		{6, 3, "rnrrnrrnr"},
		{3, 0, "rrr"},
		{0, 3, "nnn"},
	}
	for _, tt := range tests {
		t.Run(strings.Repeat("r", tt.reviews)+"+"+strings.Repeat("n", tt.news), func(t *testing.T) {
			due := n(tt.reviews, func(i int) cards.Card { return rvRisk(idf("r", i), "d", 10, float64(30-i)) })
			nws := n(tt.news, func(i int) cards.Card { return nw(idf("n", i), "d", uint64(i)) })
			q := Build(QueueInput{Now: qnow, Clock: qclock, Options: limitsOf(nil), Due: due, New: nws})
			var kinds []byte
			shown := drain(q, qnow)
			for _, id := range shown {
				kinds = append(kinds, id[0])
			}
			if string(kinds) != tt.want {
				t.Errorf("order %s (%v), want %s", kinds, shown, tt.want)
			}
			// Within their kind, cards keep their order.
			var rs, ns []string
			for _, id := range shown {
				if id[0] == 'r' {
					rs = append(rs, id)
				} else {
					ns = append(ns, id)
				}
			}
			if !slices.IsSorted(rs) || !slices.IsSorted(ns) {
				t.Errorf("reviews %v or new %v out of order", rs, ns)
			}
		})
	}
}

func TestSiblings(t *testing.T) {
	earlier := qnow.Add(-time.Hour)
	tests := []struct {
		name       string
		set        map[string]func(*decks.Effective)
		due        []cards.Card
		new        []cards.Card
		studied    []Studied
		wantShown  []string
		wantBuried []string // by Build
		wantOnAns  map[string][]string
	}{
		{
			name:       "siblings of a card studied earlier are buried at build, learning ones are not",
			studied:    []Studied{{CardID: "s1", Note: "N", Deck: "d", Time: earlier, WasNew: true}},
			due:        []cards.Card{sibling(rv("s2", "d", qnow), "N"), sibling(lr("s3", "d", qnow), "N"), rv("x", "d", qnow)},
			new:        []cards.Card{sibling(nw("s4", "d", 1), "N"), nw("y", "d", 2)},
			wantShown:  []string{"s3", "x", "y"},
			wantBuried: []string{"s2", "s4"},
		},
		{
			name:      "bury off keeps siblings",
			set:       map[string]func(*decks.Effective){"d": noBury},
			studied:   []Studied{{CardID: "s1", Note: "N", Deck: "d", Time: earlier}},
			due:       []cards.Card{sibling(rv("s2", "d", qnow), "N")},
			new:       []cards.Card{sibling(nw("s4", "d", 1), "N")},
			wantShown: []string{"s2", "s4"},
		},
		{
			name:      "one card per note; the other is buried when it is answered",
			set:       map[string]func(*decks.Effective){"d": newPerDay(1)},
			due:       []cards.Card{sibling(rv("m1", "d", qnow), "M")},
			new:       []cards.Card{sibling(nw("m2", "d", 1), "M"), nw("p", "d", 2)},
			wantShown: []string{"m1", "p"}, // m2 does not take the only new place
			wantOnAns: map[string][]string{"m1": {"m2"}},
		},
		{
			name:      "a learning card holds back its siblings",
			due:       []cards.Card{sibling(lr("l1", "d", qnow), "L"), sibling(rv("l2", "d", qnow), "L")},
			new:       []cards.Card{sibling(nw("l3", "d", 1), "L")},
			wantShown: []string{"l1"},
			wantOnAns: map[string][]string{"l1": {"l2", "l3"}},
		},
		{
			name:      "siblings without bury show one after the other",
			set:       map[string]func(*decks.Effective){"d": noBury},
			new:       []cards.Card{sibling(nw("c1", "d", 1), "C"), sibling(nw("c2", "d", 2), "C")},
			wantShown: []string{"c1", "c2"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := Build(QueueInput{Now: qnow, Clock: qclock, Options: limitsOf(tt.set), Due: tt.due, New: tt.new, Studied: tt.studied})
			var gotBuried []string
			for _, id := range q.Buried() {
				gotBuried = append(gotBuried, string(id))
			}
			if !reflect.DeepEqual(sorted(gotBuried), sorted(tt.wantBuried)) {
				t.Errorf("Buried() = %v, want %v", gotBuried, tt.wantBuried)
			}
			var shown []string
			onAns := map[string][]string{}
			now := qnow.Add(30 * time.Minute) // every learning card is due
			for range 20 {
				c, ok := q.Next(now)
				if !ok {
					break
				}
				shown = append(shown, string(c.ID))
				c.Schedule.State = cards.StateReview
				c.Schedule.Due = now.Add(48 * time.Hour)
				peek := q.Siblings(c)
				b := q.Answered(c, now)
				if !reflect.DeepEqual(peek, b) {
					t.Errorf("Siblings(%s) = %v, Answered buried %v", c.ID, peek, b)
				}
				if len(b) > 0 {
					for _, id := range b {
						onAns[string(c.ID)] = append(onAns[string(c.ID)], string(id))
					}
				}
			}
			if !reflect.DeepEqual(shown, tt.wantShown) {
				t.Errorf("shown %v, want %v", shown, tt.wantShown)
			}
			want := tt.wantOnAns
			if want == nil {
				want = map[string][]string{}
			}
			for k := range onAns {
				slices.Sort(onAns[k])
			}
			if !reflect.DeepEqual(onAns, want) {
				t.Errorf("Answered buried %v, want %v", onAns, want)
			}
		})
	}
}

func TestAnsweredLearningCardComesBack(t *testing.T) {
	s := New(noFuzz())
	q := Build(QueueInput{Now: qnow, Clock: qclock, Due: []cards.Card{rvRisk("r", "d", 10, 12)}, New: []cards.Card{nw("n", "d", 1)}})
	c, _ := q.Next(qnow)
	if c.ID != "r" {
		t.Fatalf("first card %s, want the review", c.ID)
	}
	s.Answer(&c, cards.Good, qnow, 0)
	q.Answered(c, qnow)
	c, _ = q.Next(qnow)
	if c.ID != "n" {
		t.Fatalf("second card %s, want the new card", c.ID)
	}
	s.Answer(&c, cards.Again, qnow, 0) // learning, due in 1 minute
	q.Answered(c, qnow)
	if nn, ln, rn := q.Counts(); nn != 0 || ln != 1 || rn != 0 {
		t.Errorf("Counts() = %d %d %d, want 0 1 0", nn, ln, rn)
	}
	next, ok := q.Next(qnow)
	if !ok || next.ID != "n" {
		t.Fatalf("Next = %v %v; with nothing else left the card is learned ahead", next.ID, ok)
	}
	s.Answer(&next, cards.Good, qnow.Add(2*time.Minute), 0) // graduates to review
	q.Answered(next, qnow.Add(2*time.Minute))
	if _, ok := q.Next(qnow.Add(2 * time.Minute)); ok {
		t.Error("a graduated card came back today")
	}
}

func TestLeechLeavesTheQueue(t *testing.T) {
	s := New(noFuzz())
	c := rvRisk("l", "d", 3, 5)
	c.Schedule.Lapses = 7
	q := Build(QueueInput{Now: qnow, Clock: qclock, Due: []cards.Card{c}})
	c, _ = q.Next(qnow)
	if _, ev := s.Answer(&c, cards.Again, qnow, 0); !ev.Leech {
		t.Fatal("no leech")
	}
	q.Answered(c, qnow)
	if _, ok := q.Next(qnow.Add(time.Hour)); ok {
		t.Error("a suspended leech came back")
	}
}

// TestUndoThreeAnswers answers three cards through the queue, undoes the
// three answers, and finds cards and queue exactly as before.
func TestUndoThreeAnswers(t *testing.T) {
	s := New(decks.DefaultOptions())
	due := []cards.Card{rvRisk("r1", "d", 4, 6), rvRisk("r2", "d", 30, 31)}
	due[1].Schedule.Lapses = 7 // its Again makes a leech
	nws := []cards.Card{nw("n1", "d", 1)}
	nws[0].Tags = []string{"t"}
	q := Build(QueueInput{Now: qnow, Clock: qclock, Due: due, New: nws})
	n0, l0, r0 := q.Counts()
	first, _ := q.Next(qnow)

	var shown []cards.Card
	var log []cards.Review
	ratings := []cards.Rating{cards.Good, cards.Hard, cards.Again}
	now := qnow
	for i := range 3 {
		c, ok := q.Next(now)
		if !ok {
			t.Fatalf("step %d: queue empty", i)
		}
		shown = append(shown, c)
		rev, _ := s.Answer(&c, ratings[i], now, time.Second)
		q.Answered(c, now)
		log = append(log, rev)
		shown[i] = c // the answered card, as the caller would store it
		now = now.Add(30 * time.Second)
	}
	if !shown[2].Suspended && shown[2].ID == "r2" {
		t.Fatal("r2 should be a suspended leech")
	}
	for i := 2; i >= 0; i-- {
		c := shown[i]
		if !Undo(&c, log[i]) {
			t.Fatalf("undo %d refused", i)
		}
		q.Push(c)
		got, ok := q.Next(now)
		if !ok || !reflect.DeepEqual(got, c) {
			t.Fatalf("after undo %d Next = %+v, want %+v", i, got, c)
		}
		shown[i] = c
	}
	byID := map[cards.ID]cards.Card{}
	for _, c := range slices.Concat(due, nws) {
		byID[c.ID] = c
	}
	for _, c := range shown {
		if !reflect.DeepEqual(c, byID[c.ID]) {
			t.Errorf("card %s after undo\n%+v\nwant\n%+v", c.ID, c, byID[c.ID])
		}
	}
	if n, l, r := q.Counts(); n != n0 || l != l0 || r != r0 {
		t.Errorf("Counts() = %d %d %d, want %d %d %d", n, l, r, n0, l0, r0)
	}
	if got, _ := q.Next(now); !reflect.DeepEqual(got, first) {
		t.Errorf("Next = %s, want the first card %s again", got.ID, first.ID)
	}
}

func TestRemoveAndInsert(t *testing.T) {
	due := []cards.Card{rvRisk("r1", "d", 1, 30), rvRisk("r2", "d", 10, 10), rvRisk("r3", "d", 100, 5), lr("l1", "d", qnow.Add(time.Minute))}
	nws := []cards.Card{nw("n1", "d", 1), nw("n2", "d", 5), nw("n3", "d", 9)}
	build := func() *Queue {
		return Build(QueueInput{Now: qnow, Clock: qclock, Options: limitsOf(nil), Due: due, New: nws})
	}
	want := drain(build(), qnow.Add(time.Hour))
	for _, c := range slices.Concat(due, nws) {
		t.Run(string(c.ID), func(t *testing.T) {
			q := build()
			q.Remove(c.ID)
			got := drain(q, qnow.Add(time.Hour))
			if slices.Contains(got, string(c.ID)) || len(got) != len(want)-1 {
				t.Errorf("after Remove: %v", got)
			}
			q = build()
			q.Remove(c.ID)
			q.Insert(c)
			if got := drain(q, qnow.Add(time.Hour)); !reflect.DeepEqual(got, want) {
				t.Errorf("after Remove and Insert: %v, want %v", got, want)
			}
		})
	}
	t.Run("unknown id", func(t *testing.T) {
		q := build()
		q.Remove("nope")
		q.Answered(cards.Card{ID: "nope"}, qnow)
		if got := drain(q, qnow.Add(time.Hour)); !reflect.DeepEqual(got, want) {
			t.Errorf("queue changed: %v", got)
		}
	})
}

func TestNextReturnsACopy(t *testing.T) {
	c := rv("r", "d", qnow)
	c.Tags = []string{"a"}
	c.Context = []string{"h"}
	q := Build(QueueInput{Now: qnow, Clock: qclock, Due: []cards.Card{c}})
	got, _ := q.Next(qnow)
	got.Tags[0], got.Context[0] = "x", "x"
	again, _ := q.Next(qnow)
	if again.Tags[0] != "a" || again.Context[0] != "h" {
		t.Error("changing the returned card changed the queue")
	}
	c.Tags[0] = "y"
	if again, _ = q.Next(qnow); again.Tags[0] != "a" {
		t.Error("the queue shares the input's memory")
	}
}

func TestEmptyQueue(t *testing.T) {
	q := Build(QueueInput{Now: qnow, Clock: qclock})
	if _, ok := q.Next(qnow); ok {
		t.Error("an empty queue showed a card")
	}
	if n, l, r := q.Counts(); n+l+r != 0 {
		t.Errorf("Counts() = %d %d %d", n, l, r)
	}
}

func TestUndoneSiblingIsHeldBackAgain(t *testing.T) {
	m1 := sibling(rv("m1", "d", qnow), "M")
	m2 := sibling(nw("m2", "d", 1), "M")
	q := Build(QueueInput{Now: qnow, Clock: qclock, Due: []cards.Card{m1}, New: []cards.Card{m2, nw("p", "d", 2)}})
	c, _ := q.Next(qnow)
	answered := c
	answered.Schedule.Due = qnow.Add(72 * time.Hour)
	if b := q.Answered(answered, qnow); !reflect.DeepEqual(b, []cards.ID{"m2"}) {
		t.Fatalf("Answered buried %v, want [m2]", b)
	}
	// Undo: the card goes to the front, then its sibling comes back.
	q.Push(c)
	q.Insert(m2)
	if n, _, r := q.Counts(); n != 1 || r != 1 {
		t.Errorf("Counts() = %d new %d review; m2 should be held back behind m1", n, r)
	}
	if b := q.Answered(answered, qnow); !reflect.DeepEqual(b, []cards.ID{"m2"}) {
		t.Errorf("second answer buried %v, want [m2]", b)
	}
	// Without the sibling queued, an inserted card takes its own place.
	q.Insert(m2)
	if n, _, _ := q.Counts(); n != 2 {
		t.Errorf("Counts() new = %d, want 2", n)
	}
}
