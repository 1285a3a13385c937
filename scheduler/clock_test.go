package scheduler

import (
	"testing"
	"time"
	_ "time/tzdata" // the tests must not depend on the machine's zoneinfo
)

func mustZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("load zone %s: %v", name, err)
	}
	return loc
}

func TestClockDayStart(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	berlin := mustZone(t, "Europe/Berlin")
	utc := time.UTC
	at := func(loc *time.Location, y int, m time.Month, d, h, min int) time.Time {
		return time.Date(y, m, d, h, min, 0, 0, loc)
	}
	tests := []struct {
		name      string
		clock     Clock
		now       time.Time
		wantStart time.Time // compared as instants
		wantNext  time.Time
		wantHours float64 // length of the study day
	}{
		{
			name:      "new york afternoon",
			clock:     Clock{Location: ny, RolloverHour: 4},
			now:       at(ny, 2025, 3, 5, 15, 0),
			wantStart: at(ny, 2025, 3, 5, 4, 0),
			wantNext:  at(ny, 2025, 3, 6, 4, 0),
			wantHours: 24,
		},
		{
			name:      "new york before rollover belongs to yesterday",
			clock:     Clock{Location: ny, RolloverHour: 4},
			now:       at(ny, 2025, 3, 5, 3, 59),
			wantStart: at(ny, 2025, 3, 4, 4, 0),
			wantNext:  at(ny, 2025, 3, 5, 4, 0),
			wantHours: 24,
		},
		{
			name:      "exactly at rollover starts the day",
			clock:     Clock{Location: ny, RolloverHour: 4},
			now:       at(ny, 2025, 3, 5, 4, 0),
			wantStart: at(ny, 2025, 3, 5, 4, 0),
			wantNext:  at(ny, 2025, 3, 6, 4, 0),
			wantHours: 24,
		},
		{
			name:      "instant given in utc is read in the clock's zone",
			clock:     Clock{Location: ny, RolloverHour: 4},
			now:       at(utc, 2025, 3, 5, 8, 30), // 03:30 EST
			wantStart: at(ny, 2025, 3, 4, 4, 0),
			wantNext:  at(ny, 2025, 3, 5, 4, 0),
			wantHours: 24,
		},
		{
			name:      "new york spring forward 03:30 EDT is still the previous day",
			clock:     Clock{Location: ny, RolloverHour: 4},
			now:       at(ny, 2025, 3, 9, 3, 30),
			wantStart: at(ny, 2025, 3, 8, 4, 0),
			wantNext:  at(ny, 2025, 3, 9, 4, 0),
			wantHours: 23,
		},
		{
			name:      "new york fall back day has 25 hours",
			clock:     Clock{Location: ny, RolloverHour: 4},
			now:       at(ny, 2025, 11, 2, 1, 30),
			wantStart: at(ny, 2025, 11, 1, 4, 0),
			wantNext:  at(ny, 2025, 11, 2, 4, 0),
			wantHours: 25,
		},
		{
			name:      "berlin spring forward",
			clock:     Clock{Location: berlin, RolloverHour: 4},
			now:       at(berlin, 2025, 3, 30, 3, 15),
			wantStart: at(berlin, 2025, 3, 29, 4, 0),
			wantNext:  at(berlin, 2025, 3, 30, 4, 0),
			wantHours: 23,
		},
		{
			name:      "berlin fall back",
			clock:     Clock{Location: berlin, RolloverHour: 4},
			now:       at(berlin, 2025, 10, 26, 12, 0),
			wantStart: at(berlin, 2025, 10, 26, 4, 0),
			wantNext:  at(berlin, 2025, 10, 27, 4, 0),
			wantHours: 24,
		},
		{
			name:      "berlin rollover hour skipped starts at the jump",
			clock:     Clock{Location: berlin, RolloverHour: 2},
			now:       at(berlin, 2025, 3, 30, 5, 0),
			wantStart: at(utc, 2025, 3, 30, 1, 0), // 02:00 CET = 03:00 CEST
			wantNext:  at(berlin, 2025, 3, 31, 2, 0),
			wantHours: 23,
		},
		{
			name:      "new york rollover hour skipped starts at the jump",
			clock:     Clock{Location: ny, RolloverHour: 2},
			now:       at(ny, 2025, 3, 9, 12, 0),
			wantStart: at(utc, 2025, 3, 9, 7, 0), // 03:00 EDT
			wantNext:  at(ny, 2025, 3, 10, 2, 0),
			wantHours: 23,
		},
		{
			name:      "berlin rollover hour repeated starts at the first",
			clock:     Clock{Location: berlin, RolloverHour: 2},
			now:       at(utc, 2025, 10, 26, 0, 30), // 02:30 CEST, the first 02:30
			wantStart: at(utc, 2025, 10, 26, 0, 0),  // 02:00 CEST
			wantNext:  at(berlin, 2025, 10, 27, 2, 0),
			wantHours: 25,
		},
		{
			name:      "new york rollover hour repeated starts at the first",
			clock:     Clock{Location: ny, RolloverHour: 1},
			now:       at(ny, 2025, 11, 2, 12, 0),
			wantStart: at(utc, 2025, 11, 2, 5, 0), // 01:00 EDT
			wantNext:  at(ny, 2025, 11, 3, 1, 0),
			wantHours: 25,
		},
		{
			name:      "midnight rollover",
			clock:     Clock{Location: berlin, RolloverHour: 0},
			now:       at(berlin, 2025, 6, 1, 0, 10),
			wantStart: at(berlin, 2025, 6, 1, 0, 0),
			wantNext:  at(berlin, 2025, 6, 2, 0, 0),
			wantHours: 24,
		},
		{
			name:      "late rollover",
			clock:     Clock{Location: berlin, RolloverHour: 23},
			now:       at(berlin, 2025, 6, 1, 22, 59),
			wantStart: at(berlin, 2025, 5, 31, 23, 0),
			wantNext:  at(berlin, 2025, 6, 1, 23, 0),
			wantHours: 24,
		},
		{
			name:      "hour out of range is taken modulo 24",
			clock:     Clock{Location: berlin, RolloverHour: -1},
			now:       at(berlin, 2025, 6, 1, 23, 30),
			wantStart: at(berlin, 2025, 6, 1, 23, 0),
			wantNext:  at(berlin, 2025, 6, 2, 23, 0),
			wantHours: 24,
		},
		{
			name:      "year boundary",
			clock:     Clock{Location: utc, RolloverHour: 4},
			now:       at(utc, 2026, 1, 1, 2, 0),
			wantStart: at(utc, 2025, 12, 31, 4, 0),
			wantNext:  at(utc, 2026, 1, 1, 4, 0),
			wantHours: 24,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start, next := tt.clock.DayStart(tt.now), tt.clock.NextDayStart(tt.now)
			if !start.Equal(tt.wantStart) {
				t.Errorf("DayStart(%v) = %v, want %v", tt.now, start, tt.wantStart.In(start.Location()))
			}
			if !next.Equal(tt.wantNext) {
				t.Errorf("NextDayStart(%v) = %v, want %v", tt.now, next, tt.wantNext.In(next.Location()))
			}
			if h := next.Sub(start).Hours(); h != tt.wantHours {
				t.Errorf("study day lasts %vh, want %vh", h, tt.wantHours)
			}
			if start.After(tt.now) || !next.After(tt.now) {
				t.Errorf("now %v not in [%v, %v)", tt.now, start, next)
			}
		})
	}
}

func TestClockDayNumber(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	c := Clock{Location: ny, RolloverHour: 4}
	tests := []struct {
		name string
		a, b time.Time
		diff int // DayNumber(b) - DayNumber(a)
	}{
		{"same study day across midnight", time.Date(2025, 3, 5, 23, 0, 0, 0, ny), time.Date(2025, 3, 6, 3, 59, 0, 0, ny), 0},
		{"rollover starts the next number", time.Date(2025, 3, 6, 3, 59, 0, 0, ny), time.Date(2025, 3, 6, 4, 0, 0, 0, ny), 1},
		{"card due 03:30 EDT on the DST day belongs to the previous day", time.Date(2025, 3, 8, 12, 0, 0, 0, ny), time.Date(2025, 3, 9, 3, 30, 0, 0, ny), 0},
		{"spring forward day is one day", time.Date(2025, 3, 8, 12, 0, 0, 0, ny), time.Date(2025, 3, 9, 12, 0, 0, 0, ny), 1},
		{"fall back day is one day", time.Date(2025, 11, 1, 12, 0, 0, 0, ny), time.Date(2025, 11, 2, 12, 0, 0, 0, ny), 1},
		{"a week across the change", time.Date(2025, 3, 5, 4, 0, 0, 0, ny), time.Date(2025, 3, 12, 4, 0, 0, 0, ny), 7},
		{"a year", time.Date(2025, 1, 1, 12, 0, 0, 0, ny), time.Date(2026, 1, 1, 12, 0, 0, 0, ny), 365},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.DayNumber(tt.b) - c.DayNumber(tt.a); got != tt.diff {
				t.Errorf("DayNumber(%v) - DayNumber(%v) = %d, want %d", tt.b, tt.a, got, tt.diff)
			}
		})
	}
	if got, want := (Clock{Location: time.UTC}).DayNumber(time.Date(1970, 1, 2, 0, 0, 0, 0, time.UTC)), 1; got != want {
		t.Errorf("DayNumber(1970-01-02) = %d, want %d", got, want)
	}
	if got, want := (Clock{Location: time.UTC}).DayNumber(time.Date(1969, 12, 31, 12, 0, 0, 0, time.UTC)), -1; got != want {
		t.Errorf("DayNumber(1969-12-31) = %d, want %d", got, want)
	}
}

func TestDefaultClock(t *testing.T) {
	c := DefaultClock()
	if c.Location != time.Local || c.RolloverHour != 4 {
		t.Errorf("DefaultClock() = %+v, want local zone and hour 4", c)
	}
	var zero Clock
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.Local)
	if got, want := zero.DayStart(now), time.Date(2025, 6, 1, 0, 0, 0, 0, time.Local); !got.Equal(want) {
		t.Errorf("zero Clock DayStart = %v, want local midnight %v", got, want)
	}
}

// checkClockInvariants checks what must hold for every instant.
func checkClockInvariants(t *testing.T, c Clock, now time.Time) {
	t.Helper()
	start, next := c.DayStart(now), c.NextDayStart(now)
	if start.After(now) || !next.After(now) {
		t.Fatalf("%v (zone %v, hour %d): not in [%v, %v)", now, c.loc(), c.RolloverHour, start, next)
	}
	if l := next.Sub(start); l < 20*time.Hour || l > 28*time.Hour {
		t.Fatalf("%v: study day of %v", now, l)
	}
	n := c.DayNumber(now)
	if c.DayNumber(start) != n || c.DayNumber(next) != n+1 || c.DayNumber(start.Add(-time.Nanosecond)) != n-1 {
		t.Fatalf("%v: day numbers start %d now %d next %d before %d", now,
			c.DayNumber(start), n, c.DayNumber(next), c.DayNumber(start.Add(-time.Nanosecond)))
	}
	if !c.NextDayStart(start).Equal(next) || !c.DayStart(next.Add(-time.Nanosecond)).Equal(start) {
		t.Fatalf("%v: day [%v, %v) not stable at its edges", now, start, next)
	}
}

func TestClockInvariantsAcrossAYear(t *testing.T) {
	zones := []string{"America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "America/Santiago", "Asia/Kolkata", "UTC"}
	hours := []int{0, 1, 2, 3, 4, 23}
	step := 47 * time.Minute
	if testing.Short() {
		step = 3 * time.Hour
	}
	for _, z := range zones {
		loc := mustZone(t, z)
		for _, h := range hours {
			c := Clock{Location: loc, RolloverHour: h}
			t.Run(z+"/"+time.Duration(h*int(time.Hour)).String(), func(t *testing.T) {
				start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
				for now := start; now.Before(start.AddDate(1, 0, 0)); now = now.Add(step) {
					checkClockInvariants(t, c, now)
				}
			})
		}
	}
}

func FuzzClock(f *testing.F) {
	zones := []string{"America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "America/Santiago", "Pacific/Apia", "UTC"}
	locs := make([]*time.Location, len(zones))
	for i, z := range zones {
		locs[i] = mustZone(f, z)
	}
	f.Add(int64(1741505400), int8(4), uint8(0))
	f.Add(int64(1761436800), int8(2), uint8(1))
	f.Add(int64(0), int8(-3), uint8(5))
	f.Fuzz(func(t *testing.T, unix int64, hour int8, zone uint8) {
		// Keep to years time.Date handles without overflow.
		unix %= 200 * 365 * 86400
		c := Clock{Location: locs[int(zone)%len(locs)], RolloverHour: int(hour)}
		checkClockInvariants(t, c, time.Unix(unix, 0))
	})
}

// TestDayMemoAgreesWithDayNumber walks two years in 7-minute steps through
// zones with DST changes and a half-hour offset.
func TestDayMemoAgreesWithDayNumber(t *testing.T) {
	for _, zone := range []string{"UTC", "America/New_York", "Europe/Berlin", "Australia/Adelaide", "Asia/Kolkata"} {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Skipf("no tz data for %s", zone)
		}
		for _, hour := range []int{0, 2, 4} {
			c := Clock{Location: loc, RolloverHour: hour}
			m := c.Memo()
			start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
			for tm := start; tm.Before(start.AddDate(2, 0, 0)); tm = tm.Add(7*time.Minute + 13*time.Second) {
				if got, want := m.DayNumber(tm), c.DayNumber(tm); got != want {
					t.Fatalf("%s rollover %d at %v: memo %d, DayNumber %d", zone, hour, tm, got, want)
				}
			}
		}
	}
}
