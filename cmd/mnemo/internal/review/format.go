package review

import (
	"fmt"
	"math"
	"time"

	"github.com/mnemo-app/mnemo/scheduler"
	"github.com/mnemo-app/mnemo/scheduler/study"
)

const day = 24 * time.Hour

// formatInterval writes an interval on an answer button as Anki does:
// scheduler.FormatInterval, with "<1m" for less than a minute and "now"
// for a time already past.
func formatInterval(d time.Duration) string {
	switch {
	case d < 0:
		return "now"
	case d < time.Minute:
		return "<1m"
	}
	return scheduler.FormatInterval(d)
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
