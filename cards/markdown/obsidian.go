package markdown

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/mnemo-app/mnemo/cards"
)

// srPrefix starts an Obsidian Spaced Repetition schedule comment.
const srPrefix = "<!--SR:"

// schedule looks for the Obsidian Spaced Repetition comment right after a
// card: on its last line (at or after offset from, if from >= 0) or alone
// on the next line. It returns one imported schedule per "!date,ivl,ease"
// group, for the block's cards in order; nil if there is none or it is
// malformed (then with a warning: the cards start as new).
func (r *reader) schedule(last, from int) []cards.Schedule {
	src := r.doc.Src
	s, e := r.lineRange(last)
	if from > s {
		s = from
	}
	for _, c := range r.comments[r.firstComment(s):] {
		if c.start >= e {
			break
		}
		if c.start >= s && hasPrefixAt(src, c.start, srPrefix) {
			return r.parseSR(last, string(src[c.start:c.stop]))
		}
	}
	if last >= r.doc.LineCount() {
		return nil
	}
	ns, ne := r.lineRange(last + 1)
	t := strings.TrimSpace(string(src[ns:ne]))
	if !strings.HasPrefix(t, srPrefix) {
		return nil
	}
	if end := strings.Index(t, "-->"); end >= 0 {
		t = t[:end+3]
	}
	return r.parseSR(last+1, t)
}

// parseSR reads "<!--SR:!2025-08-21,130,303!...-->", one "!" group per
// card, and the plugin's older single-card form "<!--SR:2025-08-21,130,303-->".
// A group dated 2000-01-01 is the plugin's placeholder for a card not yet
// reviewed: that card starts as new.
func (r *reader) parseSR(line int, comment string) []cards.Schedule {
	body, ok := strings.CutSuffix(strings.TrimPrefix(comment, srPrefix), "-->")
	var out []cards.Schedule
	switch {
	case ok && strings.HasPrefix(body, "!"):
		for _, g := range strings.Split(body[1:], "!") {
			s, good := parseSRGroup(g)
			if !good {
				ok = false
				break
			}
			out = append(out, s)
		}
	case ok:
		s, good := parseSRGroup(body)
		ok = good
		out = append(out, s)
	}
	if !ok {
		r.warn(line, "malformed spaced-repetition comment %q: write <!--SR:!YYYY-MM-DD,interval,ease--> (one !group per card); the card starts as new", comment)
		return nil
	}
	return out
}

// srNewCard is the due date Obsidian SR writes for a sibling card that
// has no schedule yet.
const srNewCard = "2000-01-01"

// parseSRGroup reads one "date,interval,ease" group.
func parseSRGroup(g string) (cards.Schedule, bool) {
	f := strings.Split(g, ",")
	if len(f) != 3 {
		return cards.Schedule{}, false
	}
	if strings.TrimSpace(f[0]) == srNewCard {
		return cards.Schedule{}, true
	}
	due, err := time.Parse("2006-01-02", strings.TrimSpace(f[0]))
	if err != nil {
		return cards.Schedule{}, false
	}
	ivl, err1 := strconv.ParseFloat(strings.TrimSpace(f[1]), 64)
	ease, err2 := strconv.ParseFloat(strings.TrimSpace(f[2]), 64)
	if err1 != nil || err2 != nil || !(ivl >= 0 && ivl <= 100000) || !(ease > 0 && ease <= 100000) {
		return cards.Schedule{}, false
	}
	return importSR(due, ivl, ease), true
}

// importSR converts an Obsidian Spaced Repetition (SM-2) schedule to FSRS
// memory state: the card is in review, due at midnight UTC of the date as
// written, last reviewed interval days before.
//
// Stability is the interval (at least 0.1 day): FSRS-5 defines S as the
// interval at which recall falls to 90%, and SM-2 schedules aim at about
// that retention. Difficulty comes from the ease (250 is SM-2's starting
// ease, 130 its floor): D = 5 + (250 − ease)/24, clamped to [1, 10], so
// 250 → 5, 130 → 10 and 346 or more → 1. Reps is 1: the card was reviewed
// at least once, the real count is unknown.
func importSR(due time.Time, interval, ease float64) cards.Schedule {
	days := math.Round(interval)
	y, m, d := due.Date()
	due = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return cards.Schedule{
		State:         cards.StateReview,
		Due:           due,
		Stability:     math.Max(interval, 0.1),
		Difficulty:    math.Min(10, math.Max(1, 5+(250-ease)/24)),
		ScheduledDays: uint64(days),
		Reps:          1,
		LastReview:    due.AddDate(0, 0, -int(days)),
	}
}
