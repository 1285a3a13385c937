package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/NimbleMarkets/ntcharts/barchart"
	"github.com/NimbleMarkets/ntcharts/canvas"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/cmd/mnemo/internal/termtext"
	"github.com/mnemo-app/mnemo/decks"
	"github.com/mnemo-app/mnemo/decks/store"
	"github.com/mnemo-app/mnemo/scheduler/stats"
)

func statsCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "stats",
		Usage: "show retention, reviews per day, the forecast and more, as charts",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "deck", Usage: "only `DECK` and its subdecks"},
			&cli.IntFlag{Name: "days", Value: 30, Usage: "`N` days of history in the per-day charts"},
			jsonFlag(),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usageError("stats takes no arguments", "mnemo stats --deck physics")
			}
			days := c.Int("days")
			if days < 1 || days > 3650 {
				return usageError(fmt.Sprintf("--days %d is out of range", days), "use 1 to 3650")
			}
			deck := c.String("deck")
			st, now, err := openAt(c, e, false)
			if err != nil {
				return err
			}
			defer st.Close()
			in := stats.Input{Now: now, Days: days}
			err = st.View(func(tx *store.Tx) error {
				if in.Clock, err = studyClock(tx); err != nil {
					return err
				}
				all, err := tx.DeckOptions()
				if err != nil {
					return err
				}
				in.DesiredRetention = decks.Resolve(deck, all).Retention
				ids := map[cards.ID]bool{}
				err = tx.ForEachCard(func(cd *cards.Card) error {
					if deck == "" || decks.IsUnder(cd.Deck, deck) {
						in.Cards = append(in.Cards, *cd)
						ids[cd.ID] = true
					}
					return nil
				})
				if err != nil {
					return err
				}
				return tx.ReviewsSince(time.Time{}, func(r cards.Review) error {
					if ids[r.CardID] {
						in.Reviews = append(in.Reviews, r)
					}
					return nil
				})
			})
			if err != nil {
				return err
			}
			// Everything is read: a pager left open must not hold the lock.
			if err := st.Close(); err != nil {
				return err
			}
			if deck != "" && len(in.Cards) == 0 {
				return fail(fmt.Sprintf("no cards in deck %q", deck), "list the decks with 'mnemo decks'")
			}
			s := stats.Compute(in)
			if c.Bool("json") {
				return writeJSON(e.stdout, struct {
					Deck string `json:"deck"`
					Days int    `json:"days"`
					stats.Stats
				}{deck, days, s})
			}
			width, colour := outputShape(e)
			w, page := pagedOutput(e)
			newStatsView(w, width, colour).render(deck, s)
			return page()
		},
	}
}

// outputShape returns the width to draw in and whether to use colour:
// the terminal's width (80 when piped, COLUMNS if set), colour only on a
// terminal and without NO_COLOR.
func outputShape(e *env) (width int, colour bool) {
	width = 80
	if f, ok := e.stdout.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
			width = w
		}
		colour = e.getenv("NO_COLOR") == ""
	} else if n, err := strconv.Atoi(e.getenv("COLUMNS")); err == nil && n > 0 {
		width = n
	}
	return min(max(width, 40), 160), colour
}

// statsView draws Stats as text and charts.
type statsView struct {
	w     io.Writer
	width int
	// Styles: headings, the main bar colour, Again, and the calendar.
	head, bar, again, faint lipgloss.Style
	// colour is off when piped or with NO_COLOR: stacked segments would
	// not be told apart, so bars show totals.
	colour bool
}

func newStatsView(w io.Writer, width int, colour bool) *statsView {
	// The charts use the 16 basic colours, so ANSI is all a terminal needs.
	r := lipgloss.NewRenderer(w)
	r.SetColorProfile(termenv.Ascii)
	if colour {
		r.SetColorProfile(termenv.ANSI)
	}
	return &statsView{
		w: w, width: width, colour: colour,
		head:  r.NewStyle().Bold(true),
		bar:   r.NewStyle().Foreground(lipgloss.Color("4")),
		again: r.NewStyle().Foreground(lipgloss.Color("1")),
		faint: r.NewStyle().Faint(true),
	}
}

func (v *statsView) render(deck string, s stats.Stats) {
	scope := "all decks"
	if deck != "" {
		scope = "deck " + termtext.Line(deck)
	}
	fmt.Fprintf(v.w, "%s · %s · %s\n", v.head.Render("mnemo stats"), scope, s.Today.Date)

	v.section("Today")
	t := s.Today
	v.items(plural(t.Reviews, "review"), fmt.Sprintf("%d again (%s)", t.Again, pct(t.AgainRate, t.Reviews)),
		formatMS(t.TimeMS), plural(t.NewCards, "new card"))

	v.section(fmt.Sprintf("True retention (desired %.0f%%)", 100*s.DesiredRetention))
	v.retention(s.Retention)

	total, again := 0, 0
	var revVals [][2]float64
	var dates []string
	for _, d := range s.ReviewsPerDay {
		total += d.Reviews
		again += d.Again
		revVals = append(revVals, [2]float64{float64(d.Reviews - d.Again), float64(d.Again)})
		dates = append(dates, d.Date)
	}
	v.section(fmt.Sprintf("Reviews per day, last %d days:", len(s.ReviewsPerDay)), plural(total, "review"), fmt.Sprintf("%d again", again))
	v.columns(revVals, dates)

	v.calendar(s.Calendar)

	v.section("Forecast:", fmt.Sprintf("%d due in the next 7 days", s.Due7), fmt.Sprintf("%d in 30", s.Due30))
	var dueVals [][2]float64
	dates = dates[:0]
	for _, d := range s.Forecast {
		dueVals = append(dueVals, [2]float64{float64(d.Due), 0})
		dates = append(dates, d.Date)
	}
	v.columns(dueVals, dates)

	st := s.States
	v.section("Cards")
	v.items(fmt.Sprintf("%d new", st.New), fmt.Sprintf("%d learning", st.Learning), fmt.Sprintf("%d review", st.Review),
		fmt.Sprintf("%d relearning", st.Relearning), fmt.Sprintf("%d suspended", st.Suspended), fmt.Sprintf("%d orphaned", st.Orphaned))

	v.section("Stability", "(days until recall falls to 90%)")
	v.rows(s.Stability)
	v.section("Difficulty", "(1 easy - 10 hard)")
	v.rows(s.Difficulty)
	withState := 0
	for _, b := range s.Retrievability {
		withState += b.Cards
	}
	v.section("Retrievability now:", "average "+pct(s.AverageRetrievability, withState))
	v.rows(s.Retrievability)

	v.section("Streak")
	v.items(plural(s.Streak.Current, "day"), "longest "+plural(s.Streak.Longest, "day"))

	added := 0
	var addVals [][2]float64
	dates = dates[:0]
	for _, d := range s.AddedPerDay {
		added += d.Count
		addVals = append(addVals, [2]float64{float64(d.Count), 0})
		dates = append(dates, d.Date)
	}
	v.section(fmt.Sprintf("Cards added per day, last %d days:", len(s.AddedPerDay)), strconv.Itoa(added))
	v.columns(addVals, dates)
}

// retention prints the true retention per window: a table, or one
// wrapped line per window where the table does not fit.
func (v *statsView) retention(ret map[string]stats.Windowed) {
	cell := func(x stats.Retention) string {
		if x.Reviews == 0 {
			return "-"
		}
		return fmt.Sprintf("%s of %d", pct(x.TrueRetention, x.Reviews), x.Reviews)
	}
	var b strings.Builder
	tb := newTable(&b)
	tb.row("", "YOUNG", "MATURE", "ALL")
	for _, win := range stats.Windows {
		r := ret[win.Key]
		tb.row(fmt.Sprintf("  last %d days", win.Days), cell(r.Young), cell(r.Mature), cell(r.All))
	}
	tb.flush()
	table := b.String()
	fits := true
	for _, l := range strings.Split(table, "\n") {
		fits = fits && ansi.StringWidth(l) <= v.width
	}
	if fits {
		fmt.Fprint(v.w, table)
		return
	}
	for _, win := range stats.Windows {
		r := ret[win.Key]
		v.items(fmt.Sprintf("%d days: young %s", win.Days, cell(r.Young)), "mature "+cell(r.Mature), "all "+cell(r.All))
	}
}

// section starts a section: the title and the figures after it (joined
// by commas) in bold, wrapped to the width.
func (v *statsView) section(title string, more ...string) {
	fmt.Fprintln(v.w)
	words := strings.Fields(title + " " + strings.Join(more, ", "))
	for _, l := range wrap(words, " ", v.width) {
		fmt.Fprintln(v.w, v.head.Render(l))
	}
}

// items prints figures joined by " · ", wrapped to the width.
func (v *statsView) items(parts ...string) {
	for _, l := range wrap(parts, " · ", v.width-2) {
		fmt.Fprintln(v.w, "  "+l)
	}
}

// wrap joins parts with sep into lines of at most width cells, breaking
// only between parts.
func wrap(parts []string, sep string, width int) []string {
	var lines []string
	cur := ""
	for _, p := range parts {
		switch {
		case cur == "":
			cur = p
		case ansi.StringWidth(cur+sep+p) <= width:
			cur += sep + p
		default:
			lines = append(lines, cur)
			cur = p
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// columns draws one bar per day (two stacked values: the main one and
// Again), with the highest value at the top left and the first and last
// dates under the axis.
func (v *statsView) columns(vals [][2]float64, dates []string) {
	peak := 0.0
	for _, x := range vals {
		peak = max(peak, x[0]+x[1])
	}
	if peak == 0 {
		fmt.Fprintln(v.w, "  none")
		return
	}
	label := strconv.Itoa(int(peak))
	gutter := 2 + len(label) + 2 // "  21 ┤"
	chartW := v.width - gutter
	if len(vals) > chartW { // more days than cells: the most recent ones
		fmt.Fprintf(v.w, "  (the last %d days fit the width; --json has all %d)\n", chartW, len(vals))
		vals, dates = vals[len(vals)-chartW:], dates[len(dates)-chartW:]
	}
	// Whole columns per day: as wide as fits with a one-cell gap, or one
	// cell without gap when the days do not fit that way.
	barW, gap := max((chartW+1)/len(vals)-1, 1), 1
	if barW*len(vals)+len(vals)-1 > chartW {
		barW, gap = 1, 0
	}
	w := len(vals)*(barW+gap) - gap
	data := make([]barchart.BarData, len(vals))
	for i, x := range vals {
		if !v.colour {
			x = [2]float64{x[0] + x[1], 0}
		}
		data[i] = barchart.BarData{Values: []barchart.BarValue{
			{Name: "main", Value: x[0], Style: v.bar},
			{Name: "again", Value: x[1], Style: v.again},
		}}
	}
	const h = 7
	m := barchart.New(w, h, barchart.WithNoAxis(), barchart.WithNoAutoBarWidth(), barchart.WithBarWidth(barW),
		barchart.WithBarGap(gap), barchart.WithMaxValue(peak), barchart.WithNoAutoMaxValue(), barchart.WithDataSet(data))
	m.Draw()
	blank := strings.Repeat(" ", len(label))
	for i, l := range strings.Split(m.View(), "\n") {
		axis := blank + " │"
		if i == 0 {
			axis = label + " ┤"
		}
		fmt.Fprintf(v.w, "  %s%s\n", axis, strings.TrimRight(l, " "))
	}
	fmt.Fprintf(v.w, "  %s └%s\n", blank, strings.Repeat("─", w))
	first, last := dates[0], dates[len(dates)-1]
	space := max(w-len(first)-len(last), 1)
	fmt.Fprintf(v.w, "%s%s%s%s\n", strings.Repeat(" ", gutter), first, strings.Repeat(" ", space), last)
}

// rows draws a distribution as one horizontal bar per bucket.
func (v *statsView) rows(bs []stats.Bucket) {
	peak, labelW, total := 0, 0, 0
	for _, b := range bs {
		peak = max(peak, b.Cards)
		labelW = max(labelW, len(b.Label))
		total += b.Cards
	}
	if total == 0 {
		fmt.Fprintln(v.w, "  no cards with a memory state")
		return
	}
	countW := len(strconv.Itoa(peak))
	barW := max(v.width-labelW-countW-8, 10)
	data := make([]barchart.BarData, len(bs))
	for i, b := range bs {
		data[i] = barchart.BarData{Values: []barchart.BarValue{{Name: b.Label, Value: float64(b.Cards), Style: v.bar}}}
	}
	m := barchart.New(barW, len(bs), barchart.WithHorizontalBars(), barchart.WithNoAxis(), barchart.WithNoAutoBarWidth(),
		barchart.WithBarWidth(1), barchart.WithBarGap(0), barchart.WithMaxValue(float64(peak)), barchart.WithNoAutoMaxValue(),
		barchart.WithDataSet(data))
	m.Draw()
	lines := strings.Split(m.View(), "\n")
	for i, b := range bs {
		bar := ""
		if i < len(lines) {
			bar = strings.TrimRight(lines[i], " ")
		}
		fmt.Fprintf(v.w, "  %*s │%s %d\n", labelW, b.Label, bar, b.Cards)
	}
}

// calendar draws the last year's reviews per day as a heatmap: one row
// per weekday, one column per week, shade by quartile of the busy days.
func (v *statsView) calendar(days []stats.DayCount) {
	weeks := min(v.width-6, 53)
	v.section(fmt.Sprintf("Calendar, last %d weeks", weeks), "(darker: more reviews)")
	if len(days) == 0 {
		return
	}
	// The last column is the current week; rows run Monday to Sunday.
	lastDate, _ := time.Parse(time.DateOnly, days[len(days)-1].Date)
	lastRow := (int(lastDate.Weekday()) + 6) % 7
	var counts []int
	for _, d := range days {
		if d.Count > 0 {
			counts = append(counts, d.Count)
		}
	}
	if len(counts) == 0 {
		fmt.Fprintln(v.w, "  no reviews in the last year")
		return
	}
	q := quartiles(counts)
	shades := []rune{'·', '░', '▒', '▓', '█'}
	cv := canvas.New(weeks, 7)
	for i := len(days) - 1; i >= 0; i-- {
		back := len(days) - 1 - i // days before the last
		col := weeks - 1 - (back+6-lastRow)/7
		row := (lastRow - back%7 + 7) % 7
		if col < 0 {
			break
		}
		level := 0
		for level < 4 && days[i].Count > 0 && days[i].Count > q[level] {
			level++
		}
		style := v.faint
		if level > 0 {
			style = v.bar
		}
		cv.SetCell(canvas.Point{X: col, Y: row}, canvas.NewCellWithStyle(shades[level], style))
	}
	names := []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}
	for i, l := range strings.Split(cv.View(), "\n") {
		if i < len(names) {
			fmt.Fprintf(v.w, "  %s %s\n", names[i], strings.TrimRight(l, " "))
		}
	}
	// A shade whose bound equals the one below it is never drawn.
	legend := []string{fmt.Sprintf("%c none", shades[0]), fmt.Sprintf("%c up to %d", shades[1], q[1])}
	for k := 2; k <= 3; k++ {
		if q[k] > q[k-1] {
			legend = append(legend, fmt.Sprintf("%c up to %d", shades[k], q[k]))
		}
	}
	legend = append(legend, fmt.Sprintf("%c more", shades[4]))
	for _, l := range wrap(legend, "  ", v.width-6) {
		fmt.Fprintln(v.w, "      "+l)
	}
}

// quartiles returns the 0th to 3rd quartile boundaries of counts, for
// shading: level k holds counts up to q[k].
func quartiles(counts []int) [4]int {
	s := slices.Clone(counts)
	slices.Sort(s)
	at := func(f float64) int { return s[min(int(f*float64(len(s))), len(s)-1)] }
	return [4]int{0, at(0.25), at(0.5), at(0.75)}
}

func pct(x float64, n int) string {
	if n == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*x)
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

func formatMS(ms int64) string {
	d := time.Duration(ms) * time.Millisecond
	if d < time.Minute {
		return fmt.Sprintf("%ds", int(d.Seconds()))
	}
	return fmt.Sprintf("%dm %02ds", int(d.Minutes()), int(d.Seconds())%60)
}
