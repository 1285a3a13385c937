// Package stats computes study statistics from a collection's cards and
// review log: today's work, true retention, reviews per day, the forecast
// of due cards, card states, memory-state distributions, streaks and cards
// added. It is pure: the caller passes cards, reviews and the clock, and
// days are study days of that clock (the collection's time zone and
// rollover hour), as in the queue.
package stats

import (
	"math"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks"
	"github.com/mnemo-app/mnemo/scheduler"
)

// MatureDays is the interval from which a card counts as mature, as in
// Anki: reviews of cards with a shorter interval are young.
const MatureDays = 21

// Input is what Compute needs.
type Input struct {
	Now   time.Time
	Clock scheduler.Clock
	// Cards are the cards in scope (a deck and its subdecks, or all).
	Cards []cards.Card
	// Reviews are the reviews of those cards, in any order.
	Reviews []cards.Review
	// Days is the period of ReviewsPerDay and AddedPerDay, today included;
	// 0 means 30.
	Days int
	// DesiredRetention is the deck's retention target, shown next to the
	// true retention.
	DesiredRetention float64
}

// Stats are the figures of `mnemo stats`; the JSON keys are stable.
type Stats struct {
	Today            Today               `json:"today"`
	DesiredRetention float64             `json:"desired_retention"`
	Retention        map[string]Windowed `json:"retention"`
	ReviewsPerDay    []DayReviews        `json:"reviews_per_day"`
	Calendar         []DayCount          `json:"calendar"`
	Forecast         []DayDue            `json:"forecast"`
	Due7             int                 `json:"due_7d"`
	Due30            int                 `json:"due_30d"`
	States           States              `json:"states"`
	Stability        []Bucket            `json:"stability"`
	Difficulty       []Bucket            `json:"difficulty"`
	Retrievability   []Bucket            `json:"retrievability"`
	// AverageRetrievability is the mean recall probability now of the cards
	// with a memory state (not new, not orphaned); 0 without any.
	AverageRetrievability float64    `json:"average_retrievability"`
	Streak                Streak     `json:"streak"`
	AddedPerDay           []DayCount `json:"added_per_day"`
}

// Today is the work of the current study day.
type Today struct {
	Date    string `json:"date"`
	Reviews int    `json:"reviews"`
	Again   int    `json:"again"`
	// AgainRate is Again/Reviews; 0 without reviews.
	AgainRate float64 `json:"again_rate"`
	// TimeMS is the answering time recorded, in milliseconds.
	TimeMS int64 `json:"time_ms"`
	// NewCards is the number of cards seen for the first time.
	NewCards int `json:"new_cards"`
}

// Windowed is the true retention over one window, young and mature cards
// apart and together.
type Windowed struct {
	Young  Retention `json:"young"`
	Mature Retention `json:"mature"`
	All    Retention `json:"all"`
}

// Retention is the share of review-state answers that were not Again.
type Retention struct {
	// TrueRetention is 0 without reviews.
	TrueRetention float64 `json:"true_retention"`
	Reviews       int     `json:"reviews"`
}

// DayReviews counts one day's answers.
type DayReviews struct {
	Date    string `json:"date"`
	Reviews int    `json:"reviews"`
	Again   int    `json:"again"`
}

// DayCount is a count for one day.
type DayCount struct {
	Date  string `json:"date"`
	Count int    `json:"count"`
}

// DayDue is the number of cards due on one day.
type DayDue struct {
	Date string `json:"date"`
	Due  int    `json:"due"`
}

// States counts cards by state; a suspended or orphaned card counts only
// there.
type States struct {
	New        int `json:"new"`
	Learning   int `json:"learning"`
	Review     int `json:"review"`
	Relearning int `json:"relearning"`
	Suspended  int `json:"suspended"`
	Orphaned   int `json:"orphaned"`
}

// Bucket is one bar of a distribution: cards with a value in [From, To).
type Bucket struct {
	Label string  `json:"label"`
	From  float64 `json:"from"`
	To    float64 `json:"-"`
	Cards int     `json:"cards"`
}

// Streak counts consecutive study days with at least one review. Current
// ends today, or yesterday when nothing was studied yet today.
type Streak struct {
	Current int `json:"current"`
	Longest int `json:"longest"`
}

// Windows are the retention windows in days, by JSON key.
var Windows = []struct {
	Key  string
	Days int
}{{"7d", 7}, {"30d", 30}, {"365d", 365}}

// ForecastDays is the length of the forecast, today included.
const ForecastDays = 30

// CalendarDays is the length of the heatmap, today included.
const CalendarDays = 365

// Compute works out the statistics.
func Compute(in Input) Stats {
	days := in.Days
	if days <= 0 {
		days = 30
	}
	today := in.Clock.DayNumber(in.Now)
	st := Stats{
		DesiredRetention: in.DesiredRetention,
		Retention:        map[string]Windowed{},
		Today:            Today{Date: Date(today)},
	}
	st.reviews(in, today, days)
	st.cards(in, today, days)
	return st
}

// reviews fills the figures that come from the review log.
func (st *Stats) reviews(in Input, today, days int) {
	dayOf := in.Clock.Memo()
	perDay := map[int]*DayReviews{}
	newToday := map[cards.ID]bool{}
	type acc struct{ ok, n int }
	ret := make([][3]acc, len(Windows)) // young, mature, all
	for _, r := range in.Reviews {
		day := dayOf.DayNumber(r.Time)
		if day > today {
			continue // after now: a clock set back
		}
		again := r.Rating == cards.Again
		d := perDay[day]
		if d == nil {
			d = &DayReviews{}
			perDay[day] = d
		}
		d.Reviews++
		if again {
			d.Again++
		}
		if day == today {
			st.Today.Reviews++
			st.Today.TimeMS += max(r.DurationMS, 0)
			if again {
				st.Today.Again++
			}
			if r.StateBefore == cards.StateNew {
				newToday[r.CardID] = true
			}
		}
		if r.StateBefore != cards.StateReview {
			continue
		}
		kind := 0
		if r.Prev.ScheduledDays >= MatureDays {
			kind = 1
		}
		for w, win := range Windows {
			if day > today-win.Days {
				for _, k := range []int{kind, 2} {
					ret[w][k].n++
					if !again {
						ret[w][k].ok++
					}
				}
			}
		}
	}
	st.Today.NewCards = len(newToday)
	if st.Today.Reviews > 0 {
		st.Today.AgainRate = float64(st.Today.Again) / float64(st.Today.Reviews)
	}
	rate := func(a acc) Retention {
		r := Retention{Reviews: a.n}
		if a.n > 0 {
			r.TrueRetention = float64(a.ok) / float64(a.n)
		}
		return r
	}
	for w, win := range Windows {
		st.Retention[win.Key] = Windowed{Young: rate(ret[w][0]), Mature: rate(ret[w][1]), All: rate(ret[w][2])}
	}
	st.ReviewsPerDay = make([]DayReviews, days)
	for i := range days {
		day := today - days + 1 + i
		st.ReviewsPerDay[i] = DayReviews{Date: Date(day)}
		if d := perDay[day]; d != nil {
			st.ReviewsPerDay[i].Reviews, st.ReviewsPerDay[i].Again = d.Reviews, d.Again
		}
	}
	st.Calendar = make([]DayCount, CalendarDays)
	for i := range CalendarDays {
		day := today - CalendarDays + 1 + i
		st.Calendar[i] = DayCount{Date: Date(day)}
		if d := perDay[day]; d != nil {
			st.Calendar[i].Count = d.Reviews
		}
	}
	st.Streak = streak(perDay, today)
}

// streak counts runs of study days with reviews.
func streak(perDay map[int]*DayReviews, today int) Streak {
	var s Streak
	studied := func(day int) bool { return perDay[day] != nil }
	end := today
	if !studied(today) {
		end = today - 1
	}
	for d := end; studied(d); d-- {
		s.Current++
	}
	for day := range perDay {
		if day > today || studied(day-1) {
			continue // not the start of a run
		}
		n := 0
		for d := day; studied(d) && d <= today; d++ {
			n++
		}
		s.Longest = max(s.Longest, n)
	}
	return s
}

// cards fills the figures that come from the cards' current state.
func (st *Stats) cards(in Input, today, days int) {
	st.Stability = buckets([]float64{0, 1, 7, 30, 90, 180, 365, 3650, math.Inf(1)},
		[]string{"<1d", "1-7d", "1w-1m", "1-3m", "3-6m", "6m-1y", "1-10y", "10y+"})
	st.Difficulty = buckets([]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10.0000001},
		[]string{"1", "2", "3", "4", "5", "6", "7", "8", "9-10"})
	st.Retrievability = buckets([]float64{0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0000001},
		[]string{"0-10%", "10-20%", "20-30%", "30-40%", "40-50%", "50-60%", "60-70%", "70-80%", "80-90%", "90-100%"})
	dayOf := in.Clock.Memo()
	due := make([]int, ForecastDays)
	added := map[int]int{}
	sched := scheduler.New(decks.DefaultOptions())
	var rSum float64
	var rN int
	for i := range in.Cards {
		c := &in.Cards[i]
		if !c.Added.IsZero() {
			added[dayOf.DayNumber(c.Added)]++
		}
		s := c.Schedule
		switch {
		case c.Orphaned:
			st.States.Orphaned++
			continue
		case c.Suspended:
			st.States.Suspended++
		case s.State == cards.StateNew:
			st.States.New++
		case s.State == cards.StateLearning:
			st.States.Learning++
		case s.State == cards.StateReview:
			st.States.Review++
		case s.State == cards.StateRelearning:
			st.States.Relearning++
		}
		if s.State == cards.StateNew {
			continue
		}
		if !c.Suspended {
			if d := dayOf.DayNumber(s.Due) - today; d < ForecastDays {
				due[max(d, 0)]++ // overdue cards are due today
			}
		}
		if s.Stability > 0 {
			add(st.Stability, s.Stability)
			add(st.Difficulty, s.Difficulty)
			r := sched.Retrievability(*c, in.Now)
			add(st.Retrievability, r)
			rSum += r
			rN++
		}
	}
	if rN > 0 {
		st.AverageRetrievability = rSum / float64(rN)
	}
	st.Forecast = make([]DayDue, ForecastDays)
	for i := range due {
		st.Forecast[i] = DayDue{Date: Date(today + i), Due: due[i]}
		if i < 7 {
			st.Due7 += due[i]
		}
		st.Due30 += due[i]
	}
	st.AddedPerDay = make([]DayCount, days)
	for i := range days {
		day := today - days + 1 + i
		st.AddedPerDay[i] = DayCount{Date: Date(day), Count: added[day]}
	}
}

func buckets(edges []float64, labels []string) []Bucket {
	out := make([]Bucket, len(labels))
	for i := range labels {
		out[i] = Bucket{Label: labels[i], From: edges[i], To: edges[i+1]}
	}
	return out
}

// add counts v in the bucket holding it; values below the first bucket go
// to the first, above the last to the last.
func add(bs []Bucket, v float64) {
	for i := range bs {
		if v < bs[i].To || i == len(bs)-1 {
			bs[i].Cards++
			return
		}
	}
}

// Date formats a study day number (scheduler.Clock.DayNumber) as the
// calendar date the study day starts on, YYYY-MM-DD.
func Date(day int) string {
	return time.Unix(int64(day)*86400, 0).UTC().Format(time.DateOnly)
}
