package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/scheduler"
	"github.com/mnemo-app/mnemo/scheduler/stats"
)

// history is a collection studied with `mnemo rate` over several weeks,
// with the log of what was answered kept by the test.
type history struct {
	c     *cliT
	start time.Time
	days  int
	// perDay counts answers and Agains by study date; reviewOK and
	// reviewN count answers to cards in the review state.
	perDay             map[string][2]int
	reviewOK, reviewN  int
	todayNew           map[string]bool
	studiedDays        map[string]bool
	answers            int
	keepNew            string // a card never answered
	lastDate, lastTime string
}

type cardState struct {
	ID    string     `json:"id"`
	Deck  string     `json:"deck"`
	State string     `json:"state"`
	Due   *time.Time `json:"due"`
	S     float64    `json:"stability"`
	// Suspended is set for leeches (a third of the answers are Again).
	Suspended bool `json:"suspended"`
}

func (h *history) cards() []cardState {
	var cs []cardState
	out := h.c.ok("cards", "--json")
	if err := json.Unmarshal([]byte(out), &cs); err != nil {
		h.c.t.Fatalf("cards --json: %v", err)
	}
	return cs
}

// rating answers Again about a third of the time, deterministically:
// far more forgetting than FSRS's defaults expect, so training must
// change the parameters.
func rating(id string, day, step int) string {
	f := fnv.New32a()
	fmt.Fprintf(f, "%s/%d/%d", id, day, step)
	switch x := f.Sum32() % 10; {
	case x < 3:
		return "again"
	case x < 4:
		return "hard"
	case x < 9:
		return "good"
	default:
		return "easy"
	}
}

// buildHistory adds nCards cards (and one more never answered),
// introduces perDay a day and answers every card
// due each day, in two passes (learning steps come back the same day),
// for the given number of days in UTC with the 04:00 rollover.
func buildHistory(t *testing.T, days, nCards, perDay int) *history {
	c := newCLI(t)
	var b strings.Builder
	for i := range nCards + 1 {
		fmt.Fprintf(&b, "Question %d::Answer %d\n\n", i, i)
	}
	c.note("deck.md", b.String())
	c.ok("add", filepath.Join(c.dir, "notes"), "--generate", "off")
	c.ok("settings", "--time-zone", "UTC", "--rollover-hour", "4")
	h := &history{c: c, start: time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC), days: days,
		perDay: map[string][2]int{}, studiedDays: map[string]bool{}}
	all := h.cards()
	h.keepNew = all[len(all)-1].ID
	introduced := map[string]bool{}
	for day := range days {
		date := h.start.AddDate(0, 0, day).Format(time.DateOnly)
		h.todayNew = map[string]bool{}
		for pass := range 2 {
			now := h.start.AddDate(0, 0, day).Add(time.Duration(pass) * 20 * time.Minute)
			c.now = now.Format(time.RFC3339)
			newToday := 0
			for _, cd := range h.cards() {
				if cd.ID == h.keepNew || cd.Suspended {
					continue
				}
				switch {
				case cd.State == "new" && !introduced[cd.ID] && newToday < perDay && pass == 0:
					introduced[cd.ID] = true
					newToday++
					h.todayNew[cd.ID] = true
				case cd.State != "new" && cd.Due != nil && !cd.Due.After(now):
				default:
					continue
				}
				r := rating(cd.ID, day, pass)
				c.ok("rate", cd.ID, r, "--took", "2s")
				d := h.perDay[date]
				d[0]++
				if r == "again" {
					d[1]++
				}
				h.perDay[date] = d
				h.studiedDays[date] = true
				h.answers++
				if cd.State == "review" {
					h.reviewN++
					if r != "again" {
						h.reviewOK++
					}
				}
				h.lastDate, h.lastTime = date, c.now
			}
		}
	}
	return h
}

// TestRatedHistory builds one history with mnemo rate (slow: every
// answer is a committed transaction) for the stats and optimize checks.
func TestRatedHistory(t *testing.T) {
	h := buildHistory(t, 35, 70, 6)
	t.Run("stats agree with the review log", func(t *testing.T) { checkStats(t, h) })
	t.Run("optimize lowers log loss and the scheduler uses the result", func(t *testing.T) { checkOptimize(t, h) })
}

func checkStats(t *testing.T, h *history) {
	c := h.c
	var s struct {
		Today struct {
			Date      string  `json:"date"`
			Reviews   int     `json:"reviews"`
			Again     int     `json:"again"`
			AgainRate float64 `json:"again_rate"`
			TimeMS    int64   `json:"time_ms"`
			NewCards  int     `json:"new_cards"`
		} `json:"today"`
		Retention map[string]map[string]struct {
			TrueRetention float64 `json:"true_retention"`
			Reviews       int     `json:"reviews"`
		} `json:"retention"`
		ReviewsPerDay []struct {
			Date    string `json:"date"`
			Reviews int    `json:"reviews"`
			Again   int    `json:"again"`
		} `json:"reviews_per_day"`
		Forecast []struct {
			Date string `json:"date"`
			Due  int    `json:"due"`
		} `json:"forecast"`
		Due30  int            `json:"due_30d"`
		States map[string]int `json:"states"`
		Streak struct {
			Current int `json:"current"`
		} `json:"streak"`
		AddedPerDay []struct {
			Count int `json:"count"`
		} `json:"added_per_day"`
	}
	// The day after the last answers, before any study.
	c.now = h.start.AddDate(0, 0, h.days).Add(-8 * time.Hour).Format(time.RFC3339)
	out := c.ok("stats", "--json", "--days", fmt.Sprint(h.days+5))
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("stats --json: %v\n%s", err, out)
	}
	if len(s.ReviewsPerDay) != h.days+5 {
		t.Fatalf("reviews_per_day has %d days, want %d", len(s.ReviewsPerDay), h.days+5)
	}
	total := 0
	for _, d := range s.ReviewsPerDay {
		want := h.perDay[d.Date]
		if d.Reviews != want[0] || d.Again != want[1] {
			t.Errorf("%s: %d reviews, %d again; the log says %d, %d", d.Date, d.Reviews, d.Again, want[0], want[1])
		}
		total += d.Reviews
	}
	if total != h.answers {
		t.Errorf("reviews per day add up to %d, %d answers given", total, h.answers)
	}
	if s.Today.Date != h.lastDate || s.Today.Reviews != h.perDay[h.lastDate][0] || s.Today.Again != h.perDay[h.lastDate][1] ||
		s.Today.TimeMS != int64(2000*h.perDay[h.lastDate][0]) || s.Today.NewCards != len(h.todayNew) {
		t.Errorf("today = %+v; the log says %s: %v, %d new", s.Today, h.lastDate, h.perDay[h.lastDate], len(h.todayNew))
	}
	if r := s.Retention["365d"]["all"]; r.Reviews != h.reviewN || math.Abs(r.TrueRetention-float64(h.reviewOK)/float64(h.reviewN)) > 1e-9 {
		t.Errorf("true retention over a year = %+v; the log says %d of %d", r, h.reviewOK, h.reviewN)
	}
	// Young and mature from each card's history: the interval an answer
	// was given at is the one scheduled by the answer before it.
	young, mature := [2]int{}, [2]int{} // answers, not Again
	for _, cd := range h.cards() {
		var shown struct {
			History []struct {
				Rating    string `json:"rating"`
				Before    string `json:"state_before"`
				Scheduled int    `json:"scheduled_days"`
			} `json:"history"`
		}
		if err := json.Unmarshal([]byte(c.ok("show", cd.ID, "--json")), &shown); err != nil {
			t.Fatal(err)
		}
		for i, r := range shown.History {
			if r.Before != "review" {
				continue
			}
			k := &young
			if shown.History[i-1].Scheduled >= 21 {
				k = &mature
			}
			k[0]++
			if r.Rating != "again" {
				k[1]++
			}
		}
	}
	for _, tt := range []struct {
		kind string
		log  [2]int
	}{{"young", young}, {"mature", mature}} {
		r := s.Retention["365d"][tt.kind]
		if r.Reviews != tt.log[0] || (tt.log[0] > 0 && math.Abs(r.TrueRetention-float64(tt.log[1])/float64(tt.log[0])) > 1e-9) {
			t.Errorf("%s retention over a year = %+v; the histories say %d of %d", tt.kind, r, tt.log[1], tt.log[0])
		}
	}
	if mature[0] == 0 {
		t.Error("the history has no mature reviews to check")
	}
	if s.Streak.Current != len(h.studiedDays) {
		t.Errorf("streak %d, studied on %d days", s.Streak.Current, len(h.studiedDays))
	}
	// States and the forecast agree with the cards.
	states := map[string]int{}
	due30 := 0
	now, _ := time.Parse(time.RFC3339, c.now)
	dayEnd := time.Date(now.Year(), now.Month(), now.Day(), 4, 0, 0, 0, time.UTC)
	for _, cd := range h.cards() {
		if cd.Suspended {
			states["suspended"]++
			continue
		}
		states[cd.State]++
		if cd.State != "new" && cd.Due.Before(dayEnd.AddDate(0, 0, 30)) {
			due30++
		}
	}
	for _, k := range []string{"new", "learning", "review", "relearning", "suspended"} {
		if s.States[k] != states[k] {
			t.Errorf("states[%s] = %d, cards say %d", k, s.States[k], states[k])
		}
	}
	if s.Due30 != due30 {
		t.Errorf("due in 30 days = %d, cards say %d", s.Due30, due30)
	}
	added := 0
	for _, d := range s.AddedPerDay {
		added += d.Count
	}
	if added != 0 {
		t.Errorf("cards added in the period: %d, want 0 (all were added before --now's first day)", added)
	}

	// The text view: every section, no escape codes when piped.
	text := c.ok("stats")
	for _, want := range []string{"Today", "True retention (desired 90%)", "Reviews per day, last 30 days",
		"Calendar", "Forecast:", "Stability", "Difficulty", "Retrievability now: average", "Streak", "Cards added"} {
		if !strings.Contains(text, want) {
			t.Errorf("stats lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "\x1b[") {
		t.Errorf("piped stats has escape codes:\n%q", text)
	}
	if _, errOut, code := c.run("", "stats", "--deck", "nosuch"); code != 1 || !strings.Contains(errOut, "no cards in deck") {
		t.Errorf("stats --deck nosuch: %d %q", code, errOut)
	}
	if _, _, code := c.run("", "stats", "--days", "0"); code != 2 {
		t.Errorf("stats --days 0: exit %d, want 2", code)
	}
}

func checkOptimize(t *testing.T, h *history) {
	c := h.c
	var rep struct {
		Items          int       `json:"items"`
		Reviews        int       `json:"reviews"`
		LogLossBefore  float64   `json:"log_loss_before"`
		LogLossAfter   float64   `json:"log_loss_after"`
		RMSEBinsBefore float64   `json:"rmse_bins_before"`
		RMSEBinsAfter  float64   `json:"rmse_bins_after"`
		Params         []float64 `json:"params"`
		Stage          string    `json:"stage"`
		Saved          bool      `json:"saved"`
	}
	out := c.ok("optimize", "--json", "--dry-run")
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("optimize --json: %v\n%s", err, out)
	}
	t.Logf("optimize --dry-run on %d answers: %+v", h.answers, rep)
	if rep.Reviews != h.answers || rep.Items < 64 || rep.Stage != "trained" || len(rep.Params) != 19 || rep.Saved {
		t.Fatalf("optimize --dry-run = %+v; %d answers given", rep, h.answers)
	}
	if !(rep.LogLossAfter < rep.LogLossBefore) {
		t.Errorf("log loss %.4f -> %.4f: not lower", rep.LogLossBefore, rep.LogLossAfter)
	}
	if show := c.ok("decks", "show", "deck"); !regexp.MustCompile(`FSRS parameters +FSRS-5 +\(default\)`).MatchString(show) {
		t.Errorf("dry run saved parameters:\n%s", show)
	}
	// Ctrl-C: exit 130, nothing saved.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	getenv := func(k string) string {
		return map[string]string{"MNEMO_DB": c.db, "MNEMO_NOW": c.now, "HOME": c.dir}[k]
	}
	if code := run(ctx, []string{"mnemo", "optimize", "--deck", "deck"}, strings.NewReader(""), &stdout, &stderr, getenv); code != 130 {
		t.Errorf("interrupted optimize: exit %d, want 130\n%s", code, stderr.String())
	}
	if show := c.ok("decks", "show", "deck"); !regexp.MustCompile(`FSRS parameters +FSRS-5 +\(default\)`).MatchString(show) {
		t.Errorf("interrupted optimize saved parameters:\n%s", show)
	}

	out = c.ok("optimize", "--deck", "deck")
	for _, want := range []string{"reviews", "items used", "LOG LOSS", "current", "optimized", "saved on deck deck"} {
		if !strings.Contains(out, want) {
			t.Errorf("optimize output lacks %q:\n%s", want, out)
		}
	}
	var show struct {
		Params []float64         `json:"params"`
		From   map[string]string `json:"from"`
	}
	if err := json.Unmarshal([]byte(c.ok("decks", "show", "deck", "--json")), &show); err != nil {
		t.Fatal(err)
	}
	if len(show.Params) != 19 || show.From["params"] != "deck" {
		t.Fatalf("decks show after optimize: params %v from %q", show.Params, show.From["params"])
	}
	for i := range show.Params {
		if math.Abs(show.Params[i]-rep.Params[i]) > 1e-9 {
			t.Errorf("saved w%d = %v, the dry run found %v", i, show.Params[i], rep.Params[i])
		}
	}
	// A new card answered Easy starts at stability w3: the deck's own.
	var after cardState
	if err := json.Unmarshal([]byte(c.ok("rate", h.keepNew, "easy", "--json")), &after); err != nil {
		t.Fatal(err)
	}
	if math.Abs(after.S-show.Params[3]) > 1e-9 {
		t.Errorf("stability after Easy = %v, want the trained w3 %v", after.S, show.Params[3])
	}

	// By hand, and back to the defaults.
	params := "0.5,1.5,4,12,7,0.5,1.5,0.01,1.5,0.1,1,2,0.1,0.3,2,0.2,3,0.5,0.6"
	if out := c.ok("decks", "set", "deck", "--params", params); !strings.Contains(out, "0.5000,1.5000,4.0000,12.0000") {
		t.Errorf("decks set --params:\n%s", out)
	}
	if out := c.ok("decks", "set", "deck", "--params", "default"); !regexp.MustCompile(`FSRS parameters +FSRS-5 +\(default\)`).MatchString(out) {
		t.Errorf("decks set --params default:\n%s", out)
	}
	// Without --deck: trained on everything, saved for the whole collection.
	if out := c.ok("optimize"); !strings.Contains(out, "saved for the whole collection") {
		t.Errorf("optimize without --deck:\n%s", out)
	}
	if out := c.ok("decks", "show", "deck"); !strings.Contains(out, "(set for the whole collection)") {
		t.Errorf("decks show after optimizing the collection:\n%s", out)
	}
	for _, bad := range []string{"1,2,3", "0.5,1.5,4,12,7,0.5,1.5,0.01,1.5,0.9,1,2,0.1,0.3,2,0.2,3,0.5,0.6", "a,b"} {
		if _, errOut, code := c.run("", "decks", "set", "deck", "--params", bad); code != 2 || !strings.Contains(errOut, "--params") {
			t.Errorf("--params %q: exit %d, %q", bad, code, errOut)
		}
	}
}

func TestOptimizeWithTooFewReviewsKeepsDefaults(t *testing.T) {
	h := buildHistory(t, 2, 5, 2)
	out := h.c.ok("optimize")
	if !strings.Contains(out, "keeping the default parameters") || !strings.Contains(out, "nothing saved") {
		t.Errorf("optimize on two days:\n%s", out)
	}
}

func TestStatsViewColourAndWidth(t *testing.T) {
	s := stats.Compute(stats.Input{Now: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC),
		Clock: scheduler.Clock{Location: time.UTC, RolloverHour: 4}, DesiredRetention: 0.9,
		Reviews: []cards.Review{
			{CardID: "a", Time: time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC), Rating: cards.Good, StateBefore: cards.StateReview},
			{CardID: "b", Time: time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC), Rating: cards.Again, StateBefore: cards.StateReview,
				Prev: cards.Schedule{ScheduledDays: 30}},
			{CardID: "b", Time: time.Date(2026, 10, 26, 8, 0, 0, 0, time.UTC), Rating: cards.Hard, StateBefore: cards.StateReview,
				Prev: cards.Schedule{ScheduledDays: 1000}},
		}})
	tests := []struct {
		width  int
		colour bool
	}{{40, false}, {80, false}, {120, true}}
	for _, tt := range tests {
		var b bytes.Buffer
		newStatsView(&b, tt.width, tt.colour).render("", s)
		out := b.String()
		if got := strings.Contains(out, "\x1b["); got != tt.colour {
			t.Errorf("width %d colour %v: escape codes %v", tt.width, tt.colour, got)
		}
		plain := ansi.Strip(out)
		for _, l := range strings.Split(plain, "\n") {
			if w := ansi.StringWidth(l); w > tt.width {
				t.Errorf("width %d: line of %d cells: %q", tt.width, w, l)
			}
		}
	}
}
