package anki

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/mnemo-app/mnemo/cards"
)

// dayClock numbers Anki days: a day starts at the rollover hour in the
// user's time zone, and day 0 is the day of the collection's crt.
type dayClock struct {
	loc      *time.Location
	rollover int
	d0       int64 // civil day number (days since 1970-01-01) of crt
}

// civil is the number of days from 1970-01-01 to the given date.
func civil(y int, m time.Month, d int) int64 {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

// day returns the civil day number of the study day t falls in.
func (k dayClock) day(t time.Time) int64 {
	lt := t.In(k.loc)
	y, m, d := lt.Date()
	n := civil(y, m, d)
	if lt.Hour() < k.rollover {
		n--
	}
	return n
}

// dayStart is the time study day n (a civil day number) starts.
func (k dayClock) dayStart(n int64) time.Time {
	y, m, d := time.Unix(n*86400, 0).UTC().Date()
	return time.Date(y, m, d, k.rollover, 0, 0, 0, k.loc)
}

// newDayClock puts crt at the rollover hour of the study day base falls in.
func newDayClock(loc *time.Location, rollover int, base time.Time) dayClock {
	k := dayClock{loc: loc, rollover: rollover}
	k.d0 = k.day(base)
	return k
}

// crt is the collection creation time Anki derives day numbers from.
func (k dayClock) crt() time.Time { return k.dayStart(k.d0) }

// due is t as an Anki day number (days since crt's day).
func (k dayClock) due(t time.Time) int64 { return k.day(t) - k.d0 }

// creationOffset is Anki's conf.creationOffset: minutes west of UTC at crt.
func (k dayClock) creationOffset() int {
	_, off := k.crt().Zone()
	return -off / 60
}

// fsrsFactor is the revlog factor Anki writes under FSRS: difficulty
// mapped to 100-1100 as ((d-1)/9 + 0.1) * 1000.
func fsrsFactor(d float64) int64 {
	if d <= 0 || math.IsNaN(d) {
		return 0
	}
	f := math.Round(((d-1)/9 + 0.1) * 1000)
	return int64(math.Min(math.Max(f, 100), 1100))
}

// revlogType is the revlog type for an answer given in state s.
func revlogType(s cards.State) int64 {
	switch s {
	case cards.StateReview:
		return 1
	case cards.StateRelearning:
		return 2
	default:
		return 0
	}
}

// intervalOf is the revlog interval of a schedule: days for a review card,
// negative seconds for a learning step, 0 for a new card.
func intervalOf(s cards.Schedule, from time.Time) int64 {
	switch s.State {
	case cards.StateReview:
		if s.ScheduledDays > 0 {
			return int64(min(s.ScheduledDays, math.MaxInt32))
		}
		d := int64(math.Round(s.Due.Sub(from).Hours() / 24))
		return max(d, 1)
	case cards.StateLearning, cards.StateRelearning:
		sec := int64(math.Round(s.Due.Sub(from).Seconds()))
		if sec < 1 {
			sec = 1
		}
		return -min(sec, math.MaxInt32)
	default:
		return 0
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// round rounds x to n decimal places.
func round(x float64, n int) float64 {
	p := math.Pow(10, float64(n))
	return math.Round(x*p) / p
}

// allocIDs turns desired ids into unique ids: sorted by desire, each is at
// least one more than the previous; ids above limit are pulled down below
// it (keeping them unique), so none is in the future. The result is
// parallel to desired.
func allocIDs(desired []int64, limit int64) []int64 {
	n := len(desired)
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	sortIdx(idx, desired)
	out := make([]int64, n)
	var prev int64 = math.MinInt64
	for _, i := range idx {
		id := desired[i]
		if id <= prev {
			id = prev + 1
		}
		out[i] = id
		prev = id
	}
	next := limit + 1
	for j := n - 1; j >= 0; j-- {
		i := idx[j]
		if out[i] >= next {
			out[i] = next - 1
		}
		next = out[i]
	}
	return out
}

// sortIdx sorts idx by key[idx], ties by index, so the order is stable.
func sortIdx(idx []int, key []int64) {
	slices.SortFunc(idx, func(a, b int) int {
		if c := cmp.Compare(key[a], key[b]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
}
