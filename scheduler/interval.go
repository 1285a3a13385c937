package scheduler

import (
	"math"
	"strconv"
	"time"
)

// Units of FormatInterval, as in Anki: a month is a twelfth of a year.
const (
	day   = 24 * time.Hour
	year  = 365 * day
	month = year / 12
)

// FormatInterval writes d the way Anki labels its answer buttons: whole
// seconds, minutes, hours or days ("45s", "10m", "1h", "3d"), and months or
// years with one decimal ("2.1mo", "1.5y", "1mo"). The unit is the largest
// one d reaches, or the next one when d rounds up to it ("59m40s" is "1h",
// not "60m"); a negative d gets a leading "-". It is the one formatter of
// intervals: the review's buttons and `mnemo rate` both use it.
func FormatInterval(d time.Duration) string {
	sign := ""
	if d < 0 {
		sign = "-"
		d = -d
		if d < 0 { // math.MinInt64
			d = time.Duration(1<<63 - 1)
		}
	}
	secs := d.Seconds()
	var unit string
	var amount float64
	decimals := false
	switch {
	case d < time.Minute:
		unit, amount = "s", secs
	case d < time.Hour:
		unit, amount = "m", secs/60
	case d < day:
		unit, amount = "h", secs/3600
	case d < month:
		unit, amount = "d", secs/day.Seconds()
	case d < year:
		unit, amount, decimals = "mo", secs/month.Seconds(), true
	default:
		unit, amount, decimals = "y", secs/year.Seconds(), true
	}
	if !decimals { // rounding may reach the next unit: 59.6m is 1h
		switch next := math.Round(amount); {
		case unit == "s" && next >= 60:
			unit, amount = "m", 1
		case unit == "m" && next >= 60:
			unit, amount = "h", 1
		case unit == "h" && next >= 24:
			unit, amount = "d", 1
		case unit == "d" && next*day.Seconds() >= month.Seconds():
			unit, amount, decimals = "mo", secs/month.Seconds(), true
		}
	}
	prec := 0
	if decimals {
		prec = 1
		amount = math.Round(amount*10) / 10
	} else {
		amount = math.Round(amount)
	}
	s := strconv.FormatFloat(amount, 'f', prec, 64)
	if decimals && len(s) > 2 && s[len(s)-2:] == ".0" {
		s = s[:len(s)-2]
	}
	return sign + s + unit
}
