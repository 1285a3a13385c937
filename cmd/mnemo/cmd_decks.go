package main

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks"
	"github.com/mnemo-app/mnemo/decks/store"
	"github.com/mnemo-app/mnemo/scheduler"
	"github.com/urfave/cli/v2"
)

// studyClock is the collection's day boundary: its time zone and rollover.
func studyClock(tx *store.Tx) (scheduler.Clock, error) {
	s, err := tx.Settings()
	if err != nil {
		return scheduler.Clock{}, err
	}
	loc, err := s.Location()
	if err != nil {
		return scheduler.Clock{}, fmt.Errorf("the collection's time zone %q: %w", s.TimeZone, err)
	}
	return scheduler.Clock{Location: loc, RolloverHour: s.RolloverHour}, nil
}

// deckCounts are the numbers shown per deck.
type deckCounts struct {
	Deck      string `json:"deck"`
	New       int    `json:"new"`
	Learning  int    `json:"learning"`
	Due       int    `json:"due_today"`
	Total     int    `json:"total"`
	Suspended int    `json:"suspended"`
	Orphaned  int    `json:"orphaned"`
}

func decksCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "decks",
		Usage: "show the deck tree with new, learning and due counts; set deck options",
		Flags: []cli.Flag{&cli.BoolFlag{Name: "json", Usage: "print JSON"}},
		Action: func(c *cli.Context) error {
			st, now, err := openAt(c, e, false)
			if err != nil {
				return err
			}
			defer st.Close()
			counts := map[string]*deckCounts{}
			err = st.View(func(tx *store.Tx) error {
				clk, err := studyClock(tx)
				if err != nil {
					return err
				}
				end := clk.NextDayStart(now)
				return tx.ForEachCard(func(cd *cards.Card) error {
					for _, d := range decks.Lineage(cd.Deck) {
						dc := counts[d]
						if dc == nil {
							dc = &deckCounts{Deck: d}
							counts[d] = dc
						}
						dc.Total++
						switch {
						case cd.Orphaned:
							dc.Orphaned++
						case cd.Suspended:
							dc.Suspended++
						case cd.Schedule.State == cards.StateNew:
							dc.New++
						case cd.Schedule.Due.Before(end):
							if cd.Schedule.State == cards.StateReview {
								dc.Due++
							} else {
								dc.Learning++
							}
						}
					}
					return nil
				})
			})
			if err != nil {
				return err
			}
			names := make([]string, 0, len(counts))
			for n := range counts {
				names = append(names, n)
			}
			sort.Strings(names)
			if c.Bool("json") {
				out := make([]deckCounts, 0, len(names))
				for _, n := range names {
					out = append(out, *counts[n])
				}
				return writeJSON(e.stdout, out)
			}
			if len(names) == 0 {
				fmt.Fprintln(e.stdout, "no decks yet: add notes with 'mnemo add PATH'")
				return nil
			}
			out, page := pagedOutput(e)
			t := newTable(out)
			t.row("DECK", "NEW", "LEARN", "DUE", "TOTAL")
			for _, n := range names {
				dc := counts[n]
				depth := strings.Count(n, decks.Separator)
				leaf := n
				if i := strings.LastIndex(n, decks.Separator); i >= 0 {
					leaf = n[i+len(decks.Separator):]
				}
				label := strings.Repeat("  ", depth) + leaf
				t.row(label, dc.New, dc.Learning, dc.Due, dc.Total)
			}
			t.flush()
			st.Close()
			return page()
		},
		Subcommands: []*cli.Command{decksSetCommand(e), decksShowCommand(e)},
	}
}

func decksSetCommand(e *env) *cli.Command {
	def := decks.DefaultOptions()
	return &cli.Command{
		Name:      "set",
		Usage:     "set study options on a deck (its subdecks inherit them)",
		ArgsUsage: "DECK",
		Description: "Only the options given change; the others keep what the deck has, or inherit\n" +
			"from the parent deck, or take the defaults shown below.",
		Flags: []cli.Flag{
			// Values are the built-in defaults, for --help; an option
			// not given on the command line is left as it is.
			&cli.IntFlag{Name: "new-per-day", Usage: "new cards introduced per day", Value: def.NewPerDay},
			&cli.IntFlag{Name: "reviews-per-day", Usage: "reviews shown per day", Value: def.ReviewsPerDay},
			&cli.Float64Flag{Name: "retention", Usage: "desired retention, 0.70-0.99", Value: def.Retention},
			&cli.IntFlag{Name: "max-interval", Usage: "longest interval in days", Value: def.MaxInterval},
			&cli.BoolFlag{Name: "fuzz", Usage: "spread intervals a little (--fuzz=false to turn off)", Value: def.Fuzz},
			&cli.IntFlag{Name: "leech-threshold", Usage: "lapses that make a card a leech", Value: def.LeechThreshold},
			&cli.BoolFlag{Name: "bury-siblings", Usage: "hide a card's siblings until tomorrow once one is seen (--bury-siblings=false to turn off)", Value: def.BurySiblings},
			&cli.BoolFlag{Name: "create", Usage: "set options on a deck that has no cards yet"},
			&cli.StringFlag{Name: "params", Usage: "FSRS weights `W0,...,W18` (as mnemo optimize prints them), or 'default' to drop the deck's own"},
			jsonFlag(),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageError("decks set takes one deck name", "mnemo decks set physics --new-per-day 10")
			}
			deck := c.Args().First()
			var o decks.Options
			if c.IsSet("new-per-day") {
				o.NewPerDay = ptr(c.Int("new-per-day"))
			}
			if c.IsSet("reviews-per-day") {
				o.ReviewsPerDay = ptr(c.Int("reviews-per-day"))
			}
			if c.IsSet("retention") {
				o.Retention = ptr(c.Float64("retention"))
			}
			if c.IsSet("max-interval") {
				o.MaxInterval = ptr(c.Int("max-interval"))
			}
			if c.IsSet("fuzz") {
				o.Fuzz = ptr(c.Bool("fuzz"))
			}
			if c.IsSet("leech-threshold") {
				o.LeechThreshold = ptr(c.Int("leech-threshold"))
			}
			if c.IsSet("bury-siblings") {
				o.BurySiblings = ptr(c.Bool("bury-siblings"))
			}
			var resetParams bool
			if c.IsSet("params") {
				p, reset, err := parseParams(c.String("params"))
				if err != nil {
					return usageError(err.Error(), "mnemo decks set physics --params default")
				}
				o.Params, resetParams = p, reset
			}
			if o == (decks.Options{}) && !resetParams {
				return usageError("decks set needs at least one option", "see 'mnemo decks set --help'")
			}
			if err := o.Validate(); err != nil {
				return usageError(err.Error())
			}
			st, err := openStore(c, e, true)
			if err != nil {
				return err
			}
			defer st.Close()
			if !c.Bool("create") {
				if err := checkDeckOrOptions(st, deck); err != nil {
					return err
				}
			}
			var eff decks.Effective
			err = st.Update(func(tx *store.Tx) error {
				all, err := tx.DeckOptions()
				if err != nil {
					return err
				}
				merged := all[deck].Merge(o)
				if resetParams {
					merged.Params = nil
				}
				all[deck] = merged
				eff = decks.Resolve(deck, all)
				return tx.PutDeckOptions(deck, all[deck])
			})
			if err != nil {
				return err
			}
			if c.Bool("json") {
				return writeOptionsJSON(e, deck, eff)
			}
			printOptions(e, deck, eff)
			return nil
		},
	}
}

func ptr[T any](v T) *T { return &v }

func decksShowCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "show",
		Usage:     "show a deck's effective options and where each comes from",
		ArgsUsage: "DECK",
		Flags:     []cli.Flag{&cli.BoolFlag{Name: "json", Usage: "print JSON"}},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageError("decks show takes one deck name")
			}
			deck := c.Args().First()
			st, err := openStore(c, e, false)
			if err != nil {
				return err
			}
			defer st.Close()
			if err := checkDeckOrOptions(st, deck); err != nil {
				return err
			}
			var eff decks.Effective
			err = st.View(func(tx *store.Tx) error {
				all, err := tx.DeckOptions()
				eff = decks.Resolve(deck, all)
				return err
			})
			if err != nil {
				return err
			}
			if c.Bool("json") {
				return writeOptionsJSON(e, deck, eff)
			}
			printOptions(e, deck, eff)
			return nil
		},
	}
}

func writeOptionsJSON(e *env, deck string, eff decks.Effective) error {
	return writeJSON(e.stdout, struct {
		Deck string `json:"deck"`
		decks.Effective
	}{deck, eff})
}

// checkDeckOrOptions fails for a deck that has neither cards nor options
// of its own (a typo), with a hint to --create it on purpose.
func checkDeckOrOptions(st *store.Store, deck string) error {
	var set bool
	err := st.View(func(tx *store.Tx) error {
		all, err := tx.DeckOptions()
		_, set = all[deck]
		return err
	})
	if err != nil || set {
		return err
	}
	err = checkDeck(st, deck)
	var ue *userError
	if errors.As(err, &ue) {
		ue.hints = append(ue.hints, fmt.Sprintf("to set options before the deck has cards: mnemo decks set %s --create ...", deck))
	}
	return err
}

func printOptions(e *env, deck string, o decks.Effective) {
	printf(e.stdout, "deck %s\n", deck)
	t := newTable(e.stdout)
	from := func(k string) string {
		switch o.From[k] {
		case "default":
			return "(default)"
		case decks.Collection:
			return "(set for the whole collection)"
		}
		return "(set on " + o.From[k] + ")"
	}
	t.row("  new per day", o.NewPerDay, from("new_per_day"))
	t.row("  reviews per day", o.ReviewsPerDay, from("reviews_per_day"))
	t.row("  desired retention", o.Retention, from("retention"))
	t.row("  maximum interval", fmt.Sprintf("%dd", o.MaxInterval), from("max_interval"))
	t.row("  fuzz", o.Fuzz, from("fuzz"))
	t.row("  leech threshold", o.LeechThreshold, from("leech_threshold"))
	t.row("  bury siblings", o.BurySiblings, from("bury_siblings"))
	params := "FSRS-5"
	if o.Params != nil {
		params = "custom"
	}
	t.row("  FSRS parameters", params, from("params"))
	t.flush()
	if o.Params != nil { // too wide for the table
		fmt.Fprintf(e.stdout, "    %s\n", formatParams(o.Params[:]))
	}
}

// settingsJSON is what `settings --json` prints (README "JSON shapes").
type settingsJSON struct {
	RolloverHour int    `json:"rollover_hour"`
	TimeZone     string `json:"time_zone"`
}

func settingsCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "settings",
		Usage: "show or set collection-wide settings (day rollover hour, time zone)",
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "rollover-hour", Usage: "local `HOUR` (0-23) a new study day starts; Anki uses 4"},
			&cli.StringFlag{Name: "time-zone", Usage: "IANA `ZONE` such as Europe/Berlin; 'local' for the machine's"},
			jsonFlag(),
		},
		Action: func(c *cli.Context) error {
			change, err := settingsChange(c)
			if err != nil {
				return err
			}
			s, err := applySettings(c, e, change)
			if err != nil {
				return err
			}
			if c.Bool("json") {
				return writeJSON(e.stdout, settingsJSON{RolloverHour: s.RolloverHour, TimeZone: cmp.Or(s.TimeZone, "local")})
			}
			zone := s.TimeZone
			if zone == "" {
				zone = "local (" + time.Local.String() + ")"
			}
			printf(e.stdout, "rollover hour  %d\ntime zone      %s\n", s.RolloverHour, zone)
			return nil
		},
	}
}

// settingsChange validates the flags of `mnemo settings` before the
// collection is opened; it returns nil when they change nothing.
func settingsChange(c *cli.Context) (func(*store.Settings), error) {
	var steps []func(*store.Settings)
	if c.IsSet("rollover-hour") {
		h := c.Int("rollover-hour")
		if h < 0 || h > 23 {
			return nil, usageError(fmt.Sprintf("--rollover-hour %d is not an hour", h), "use 0-23")
		}
		steps = append(steps, func(s *store.Settings) { s.RolloverHour = h })
	}
	if c.IsSet("time-zone") {
		z := c.String("time-zone")
		if z == "local" {
			z = ""
		}
		if _, err := time.LoadLocation(z); err != nil {
			return nil, usageError(fmt.Sprintf("--time-zone %q is not a known zone", z), "use an IANA name such as Europe/Berlin or America/New_York")
		}
		steps = append(steps, func(s *store.Settings) { s.TimeZone = z })
	}
	if steps == nil {
		return nil, nil
	}
	return func(s *store.Settings) {
		for _, step := range steps {
			step(s)
		}
	}, nil
}

// applySettings stores change (creating the collection if need be) and
// returns the settings in force. Without a change it only reads: showing
// the settings never creates a collection, and a missing one shows the
// settings a new collection starts with.
func applySettings(c *cli.Context, e *env, change func(*store.Settings)) (store.Settings, error) {
	if change == nil {
		path, err := dbPath(c, e)
		if err != nil {
			return store.Settings{}, err
		}
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return store.DefaultSettings(), nil
		}
	}
	st, err := openStore(c, e, change != nil)
	if err != nil {
		return store.Settings{}, err
	}
	defer st.Close()
	var s store.Settings
	read := func(tx *store.Tx) error {
		s, err = tx.Settings()
		return err
	}
	if change == nil {
		return s, st.View(read)
	}
	return s, st.Update(func(tx *store.Tx) error {
		if err := read(tx); err != nil {
			return err
		}
		change(&s)
		return tx.PutSettings(s)
	})
}
