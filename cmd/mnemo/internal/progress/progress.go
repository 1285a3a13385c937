// Package progress draws one line of progress for long work (adding a
// vault, syncing, importing, exporting, restoring): a bar from
// bubbles/progress, the count, the rate and the time left. It is meant for
// stderr on a terminal; callers that print to a pipe or print JSON use a
// nil *Bar, whose methods do nothing.
package progress

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	bar "github.com/charmbracelet/bubbles/progress"
	"github.com/muesli/termenv"
)

// Options tune a Bar; the zero value is fine.
type Options struct {
	// Now is the clock (time.Now when nil); tests pass a fake one.
	Now func() time.Time
	// Delay is how long work must run before the bar shows, so quick runs
	// stay quiet (300 ms when zero).
	Delay time.Duration
	// Color draws the bar in colour (off for NO_COLOR).
	Color bool
	// Width is the bar's width in cells (24 when zero).
	Width int
}

// Bar is one progress line. Update may be called from several goroutines.
type Bar struct {
	w     io.Writer
	label string
	opt   Options
	model bar.Model

	mu    sync.Mutex
	start time.Time
	last  time.Time
	shown bool
}

// New returns a bar that writes to w (a terminal) with label in front.
func New(w io.Writer, label string, opt Options) *Bar {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Delay == 0 {
		opt.Delay = 300 * time.Millisecond
	}
	if opt.Width == 0 {
		opt.Width = 24
	}
	opts := []bar.Option{bar.WithWidth(opt.Width), bar.WithoutPercentage()}
	if opt.Color {
		opts = append(opts, bar.WithDefaultGradient())
	} else {
		opts = append(opts, bar.WithColorProfile(termenv.Ascii), bar.WithFillCharacters('#', '.'))
	}
	return &Bar{w: w, label: label, opt: opt, model: bar.New(opts...), start: opt.Now()}
}

// Update reports done of total units. It redraws at most ten times a
// second, and not before the delay has passed.
func (b *Bar) Update(done, total int) {
	if b == nil || total <= 0 {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	now := b.opt.Now()
	elapsed := now.Sub(b.start)
	if elapsed < b.opt.Delay || (now.Sub(b.last) < 100*time.Millisecond && done < total) {
		return
	}
	b.last, b.shown = now, true
	fmt.Fprintf(b.w, "\r%s\x1b[K", b.line(done, total, elapsed))
}

// line is the text of the bar for done of total after elapsed.
func (b *Bar) line(done, total int, elapsed time.Duration) string {
	done = min(max(done, 0), total)
	parts := []string{b.label, b.model.ViewAs(float64(done) / float64(total)), fmt.Sprintf("%d/%d", done, total)}
	if secs := elapsed.Seconds(); secs > 0 && done > 0 {
		rate := float64(done) / secs
		parts = append(parts, formatRate(rate))
		if done < total {
			left := time.Duration(float64(total-done) / rate * float64(time.Second))
			parts = append(parts, formatLeft(left)+" left")
		}
	}
	return strings.Join(parts, "  ")
}

// Done clears the line, if one was drawn, so the command's own output
// starts on a clean line.
func (b *Bar) Done() {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.shown {
		fmt.Fprint(b.w, "\r\x1b[K")
		b.shown = false
	}
}

func formatRate(perSec float64) string {
	switch {
	case perSec >= 10:
		return fmt.Sprintf("%.0f/s", perSec)
	case perSec >= 1:
		return fmt.Sprintf("%.1f/s", perSec)
	default:
		return fmt.Sprintf("%.1f/min", perSec*60)
	}
}

// formatLeft rounds a time left the way people say it: 42s, 3m10s, 1h05m.
func formatLeft(d time.Duration) string {
	switch {
	case d < time.Second:
		return "<1s"
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()+0.5))
	case d < time.Hour:
		return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
	default:
		return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
	}
}
