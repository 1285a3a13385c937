package scheduler

import "time"

// DefaultRolloverHour is the local hour at which a new study day starts, as
// in Anki.
const DefaultRolloverHour = 4

// Clock turns instants into study days: a study day runs from the rollover
// hour of one calendar day in Location to the rollover hour of the next, so
// with the default 04:00 a card due at 03:30 belongs to the previous day.
//
// The zero Clock uses the local zone and a midnight rollover; DefaultClock
// gives Anki's 04:00.
type Clock struct {
	// Location is the user's time zone; nil means time.Local.
	Location *time.Location
	// RolloverHour is the local hour (0-23) a study day starts at; other
	// values are taken modulo 24.
	RolloverHour int
}

// DefaultClock returns a Clock in the local zone with the 04:00 rollover.
func DefaultClock() Clock {
	return Clock{Location: time.Local, RolloverHour: DefaultRolloverHour}
}

func (c Clock) loc() *time.Location {
	if c.Location == nil {
		return time.Local
	}
	return c.Location
}

func (c Clock) hour() int {
	h := c.RolloverHour % 24
	if h < 0 {
		h += 24
	}
	return h
}

// DayStart returns the start of the study day that contains now: the last
// rollover at or before now. On a day whose rollover hour does not exist
// (clocks jump over it) the day starts at the jump; on a day where it occurs
// twice (clocks turned back) it starts at the first occurrence.
func (c Clock) DayStart(now time.Time) time.Time {
	y, m, d := c.studyDate(now)
	return c.rolloverOn(y, m, d)
}

// NextDayStart returns the end of the study day that contains now: the
// first rollover after now.
func (c Clock) NextDayStart(now time.Time) time.Time {
	y, m, d := c.studyDate(now)
	return c.rolloverOn(y, m, d+1)
}

// DayNumber numbers study days: the study day containing t as a count of
// calendar days since 1970-01-01. Consecutive study days get consecutive
// numbers whatever their length (23 or 25 hours across a DST change).
func (c Clock) DayNumber(t time.Time) int {
	y, m, d := c.studyDate(t)
	return civilDays(y, m, d)
}

// studyDate returns the calendar date (in Location) on which the study day
// containing now started.
func (c Clock) studyDate(now time.Time) (int, time.Month, int) {
	y, m, d := now.In(c.loc()).Date()
	if c.rolloverOn(y, m, d).After(now) {
		y, m, d = normDate(y, m, d-1)
	}
	return y, m, d
}

// rolloverOn returns the first instant whose local wall clock reads the
// rollover hour of the given date or later.
func (c Clock) rolloverOn(y int, m time.Month, d int) time.Time {
	y, m, d = normDate(y, m, d)
	loc, h := c.loc(), c.hour()
	target := civilDays(y, m, d)*24 + h
	reached := func(t time.Time) bool { return wallHours(t.In(loc)) >= target }

	t := time.Date(y, m, d, h, 0, 0, 0, loc)
	if reached(t) && !reached(t.Add(-time.Second)) {
		return t // the usual case: h:00 exists once
	}
	// A zone transition is near: the hour was skipped, or it repeats and
	// time.Date chose its second occurrence. Wall hours only move forward
	// across the window apart from such a repeat, so search it by bisection
	// at one-second resolution.
	lo, hi := t.Add(-3*time.Hour), t.Add(3*time.Hour)
	if reached(lo) || !reached(hi) {
		return t // a zone change far larger than any real one
	}
	for hi.Sub(lo) > time.Second {
		mid := lo.Add(hi.Sub(lo) / 2).Truncate(time.Second)
		if mid.Equal(lo) {
			mid = lo.Add(time.Second)
		}
		if reached(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

// wallHours is t's local wall clock truncated to the hour, counted from
// 1970-01-01 00:00 in t's own location.
func wallHours(t time.Time) int {
	y, m, d := t.Date()
	return civilDays(y, m, d)*24 + t.Hour()
}

// normDate normalises a date whose day may be out of range (d-1, d+1).
func normDate(y int, m time.Month, d int) (int, time.Month, int) {
	return time.Date(y, m, d, 12, 0, 0, 0, time.UTC).Date()
}

// civilDays counts calendar days from 1970-01-01 to the given date.
func civilDays(y int, m time.Month, d int) int {
	u := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix()
	if u >= 0 {
		return int(u / 86400)
	}
	return int((u - 86399) / 86400)
}

// DayMemo numbers study days as Clock.DayNumber does, remembering the
// answer per quarter hour: loops over many reviews (statistics, the
// optimizer) then pay for the zone arithmetic once per quarter hour seen.
// Zone offsets and their changes fall on quarter hours in every zone
// today, and the rollover is on the hour, so a quarter hour never spans
// two study days. Not safe for concurrent use.
type DayMemo struct {
	clock Clock
	memo  map[int64]int
}

// Memo returns a DayMemo for c.
func (c Clock) Memo() *DayMemo { return &DayMemo{clock: c, memo: map[int64]int{}} }

// DayNumber is Clock.DayNumber(t).
func (m *DayMemo) DayNumber(t time.Time) int {
	slot := t.Unix()
	if slot < 0 {
		slot -= 899 // floor division for times before 1970
	}
	slot /= 900
	d, ok := m.memo[slot]
	if !ok {
		d = m.clock.DayNumber(time.Unix(slot*900, 0))
		m.memo[slot] = d
	}
	return d
}
