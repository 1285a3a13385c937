package scheduler

import (
	"math"
	"testing"
	"time"
)

func TestFormatInterval(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "0s"},
		{30 * time.Second, "30s"},
		{59 * time.Second, "59s"},
		{time.Minute, "1m"},
		{5 * time.Minute, "5m"},
		{10 * time.Minute, "10m"},
		{90 * time.Second, "2m"}, // 1.5 rounds half away from zero
		{59*time.Minute + 29*time.Second, "59m"},
		{59*time.Second + 600*time.Millisecond, "1m"},
		{59*time.Minute + 40*time.Second, "1h"},
		{23*time.Hour + 40*time.Minute, "1d"},
		{30*24*time.Hour + 20*time.Hour, "1mo"},
		{time.Hour, "1h"},
		{23 * time.Hour, "23h"},
		{24 * time.Hour, "1d"},
		{3 * 24 * time.Hour, "3d"},
		{30 * 24 * time.Hour, "30d"},
		{31 * 24 * time.Hour, "1mo"},
		{64 * 24 * time.Hour, "2.1mo"},
		{45 * 24 * time.Hour, "1.5mo"},
		{364 * 24 * time.Hour, "12mo"},
		{365 * 24 * time.Hour, "1y"},
		{548 * 24 * time.Hour, "1.5y"},
		{36500 * 24 * time.Hour, "100y"},
		{-10 * time.Minute, "-10m"},
		{-3 * 24 * time.Hour, "-3d"},
		{math.MinInt64, "-292.5y"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := FormatInterval(tt.d); got != tt.want {
				t.Errorf("FormatInterval(%v) = %q, want %q", tt.d, got, tt.want)
			}
		})
	}
}

func FuzzFormatInterval(f *testing.F) {
	f.Add(int64(0))
	f.Add(int64(time.Hour))
	f.Add(int64(math.MinInt64))
	f.Fuzz(func(t *testing.T, n int64) {
		s := FormatInterval(time.Duration(n))
		if s == "" || s[len(s)-1] < 'a' || s[len(s)-1] > 'z' {
			t.Fatalf("FormatInterval(%d) = %q", n, s)
		}
	})
}
