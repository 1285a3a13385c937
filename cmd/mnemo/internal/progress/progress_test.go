package progress

import (
	"strings"
	"testing"
	"time"
)

// fakeClock advances by step on every call.
func fakeClock(step time.Duration) func() time.Time {
	t := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	return func() time.Time { t = t.Add(step); return t }
}

func TestBarLine(t *testing.T) {
	tests := []struct {
		name        string
		done, total int
		elapsed     time.Duration
		want        string
	}{
		{"start", 0, 100, time.Second, "adding  ........  0/100"},
		{"half, rate and time left", 50, 100, 10 * time.Second, "adding  ####....  50/100  5.0/s  10s left"},
		{"fast, minutes left", 1000, 100000, 10 * time.Second, "adding  ........  1000/100000  100/s  16m30s left"},
		{"slow", 1, 100, time.Minute, "adding  ........  1/100  1.0/min  1h39m left"},
		{"almost done", 99, 100, 10 * time.Second, "adding  ########  99/100  9.9/s  <1s left"},
		{"finished, no time left", 100, 100, 4 * time.Second, "adding  ########  100/100  25/s"},
		{"done beyond total is clamped", 120, 100, time.Second, "adding  ########  100/100  100/s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := New(nil, "adding", Options{Width: 8})
			if got := b.line(tt.done, tt.total, tt.elapsed); got != tt.want {
				t.Errorf("line = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestBarWaitsForDelayAndClears(t *testing.T) {
	var out strings.Builder
	b := New(&out, "exporting", Options{Now: fakeClock(100 * time.Millisecond), Width: 4})
	b.Update(1, 10) // 100 ms in: too early
	if out.Len() != 0 {
		t.Fatalf("drew before the delay: %q", out.String())
	}
	for i := 2; i <= 10; i++ {
		b.Update(i, 10)
	}
	if !strings.Contains(out.String(), "exporting  ####  10/10") {
		t.Errorf("final state not drawn: %q", out.String())
	}
	b.Done()
	if !strings.HasSuffix(out.String(), "\r\x1b[K") {
		t.Errorf("Done did not clear the line: %q", out.String())
	}
}

func TestNilBarIsSilent(t *testing.T) {
	var b *Bar
	b.Update(1, 2)
	b.Done()
}

func BenchmarkUpdate(b *testing.B) {
	var out strings.Builder
	bar := New(&out, "adding", Options{})
	for i := 0; b.Loop(); i++ {
		bar.Update(i%1000, 1000)
	}
}
