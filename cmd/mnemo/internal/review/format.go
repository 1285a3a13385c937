package review

import (
	"fmt"
	"github.com/mnemo-app/mnemo/scheduler/study"
	"math"
	"strconv"
	"time"
)

const day = 24 * time.Hour

// formatInterval writes an interval the way Anki labels its answer
// buttons: "<1m", "10m", "3h", "16d", "1.5mo", "2.3y". Minutes, hours and
// days are rounded to whole units; months (30 days) and years (365 days)
// keep one decimal, dropped when it is zero.
func formatInterval(d time.Duration) string {
	switch {
	case d < 0:
		return "now"
	case d < time.Minute:
		return "<1m"
	case d < time.Hour:
		return wholeUnit(d, time.Minute, "m", time.Hour, "h")
	case d < day:
		return wholeUnit(d, time.Hour, "h", day, "d")
	case d < 30*day && math.Round(float64(d)/float64(day)) < 30:
		return strconv.Itoa(int(math.Round(float64(d)/float64(day)))) + "d"
	case d < 365*day:
		return decimalUnit(float64(d)/float64(30*day), "mo")
	default:
		return decimalUnit(float64(d)/float64(365*day), "y")
	}
}

// wholeUnit rounds d to a whole number of unit; a value that rounds up to
// the next unit is written in that unit ("59.6m" is "1h", not "60m").
func wholeUnit(d, unit time.Duration, name string, next time.Duration, nextName string) string {
	n := int64(math.Round(float64(d) / float64(unit)))
	if time.Duration(n)*unit >= next {
		return "1" + nextName
	}
	return strconv.FormatInt(n, 10) + name
}

func decimalUnit(v float64, name string) string {
	v = math.Round(v*10) / 10
	return strconv.FormatFloat(v, 'f', -1, 64) + name
}

// formatElapsed writes a session's length: "45s", "3m 05s", "1h 02m".
func formatElapsed(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	d = d.Round(time.Second)
	h, m, s := int(d/time.Hour), int(d%time.Hour/time.Minute), int(d%time.Minute/time.Second)
	switch {
	case h > 0:
		return fmt.Sprintf("%dh %02dm", h, m)
	case m > 0:
		return fmt.Sprintf("%dm %02ds", m, s)
	default:
		return fmt.Sprintf("%ds", s)
	}
}

// againPercent is the share of answers rated Again, in whole percent.
func againPercent(s study.Summary) int {
	if s.Reviewed <= 0 {
		return 0
	}
	return int(math.Round(100 * float64(s.Again) / float64(s.Reviewed)))
}
