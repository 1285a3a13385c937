package review

import (
	"github.com/mnemo-app/mnemo/scheduler/study"
	"testing"
	"time"
)

func TestFormatInterval(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{-time.Second, "now"},
		{0, "<1m"},
		{59 * time.Second, "<1m"},
		{time.Minute, "1m"},
		{5 * time.Minute, "5m"},
		{10 * time.Minute, "10m"},
		{59*time.Minute + 40*time.Second, "1h"},
		{90 * time.Minute, "2h"},
		{23 * time.Hour, "23h"},
		{23*time.Hour + 40*time.Minute, "1d"},
		{day, "1d"},
		{16 * day, "16d"},
		{29 * day, "29d"},
		{29*day + 20*time.Hour, "30d"},
		{30*day + 20*time.Hour, "1mo"},
		{45 * day, "1.5mo"},
		{364 * day, "12mo"},
		{365 * day, "1y"},
		{2*365*day + 120*day, "2.3y"},
		{36500 * day, "100y"},
	}
	for _, tt := range tests {
		t.Run(tt.want+"/"+tt.d.String(), func(t *testing.T) {
			if got := formatInterval(tt.d); got != tt.want {
				t.Errorf("formatInterval(%v) = %q, want %q", tt.d, got, tt.want)
			}
		})
	}
}

func TestFormatElapsed(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{-time.Second, "0s"},
		{0, "0s"},
		{45*time.Second + 400*time.Millisecond, "45s"},
		{3*time.Minute + 5*time.Second, "3m 05s"},
		{time.Hour + 2*time.Minute + 30*time.Second, "1h 02m"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := formatElapsed(tt.d); got != tt.want {
				t.Errorf("formatElapsed(%v) = %q, want %q", tt.d, got, tt.want)
			}
		})
	}
}

func TestAgainPercent(t *testing.T) {
	tests := []struct {
		name string
		s    study.Summary
		want int
	}{
		{"none", study.Summary{}, 0},
		{"third", study.Summary{Reviewed: 3, Again: 1}, 33},
		{"two thirds", study.Summary{Reviewed: 3, Again: 2}, 67},
		{"all", study.Summary{Reviewed: 4, Again: 4}, 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := againPercent(tt.s); got != tt.want {
				t.Errorf("againPercent = %d, want %d", got, tt.want)
			}
		})
	}
}
