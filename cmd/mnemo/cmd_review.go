package main

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"runtime"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/cards/markdown"
	"github.com/mnemo-app/mnemo/cmd/mnemo/internal/review"
	"github.com/mnemo-app/mnemo/decks"
	"github.com/mnemo-app/mnemo/decks/ingest"
	"github.com/mnemo-app/mnemo/decks/store"
	"github.com/mnemo-app/mnemo/scheduler"
	"github.com/mnemo-app/mnemo/scheduler/study"
	"github.com/urfave/cli/v2"
)

// sessionClock is the clock of a long-running command: the real clock, or
// with --now a clock that starts there and runs at real speed, so learning
// steps still come due during a review.
func sessionClock(c *cli.Context) (func() time.Time, error) {
	base, err := clock(c)
	if err != nil {
		return nil, err
	}
	if c.String("now") == "" {
		return time.Now, nil
	}
	start := time.Now()
	return func() time.Time { return base.Add(time.Since(start)) }, nil
}

func reviewCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "review",
		Usage:     "review what is due today (syncing PATHs first, when given)",
		ArgsUsage: "[PATH...]",
		Description: "Runs today's review in a full-screen terminal UI, or in the plain line mode when\n" +
			"input or output is not a terminal (or with --plain). With PATHs, those notes are\n" +
			"added or re-read first, so 'mnemo review ~/notes' is all a day needs.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "deck", Usage: "only this `DECK` and its subdecks"},
			&cli.IntFlag{Name: "limit", Usage: "stop after `N` cards"},
			&cli.BoolFlag{Name: "plain", Usage: "use the plain line protocol (for scripts and screen readers)"},
		},
		Action: func(c *cli.Context) error {
			if c.Int("limit") < 0 {
				return usageError("--limit must be 0 or more")
			}
			now, err := sessionClock(c)
			if err != nil {
				return err
			}
			st, err := openStore(c, e, true)
			if err != nil {
				return err
			}
			defer st.Close()
			if c.NArg() > 0 {
				var paths []store.AddedPath
				for _, p := range c.Args().Slice() {
					paths = append(paths, store.AddedPath{Path: absPath(p), Generate: markdown.GenerateAuto})
				}
				if err := ingest.Check(paths); err != nil {
					return fail(err.Error())
				}
				gens := newGenerators(c, e, st)
				bar := newProgress(c, e, "reading notes")
				cfg := gens.config(now())
				cfg.Progress = bar.Update
				rep, err := ingest.Add(c.Context, st, keepGenerateModes(st, paths), cfg)
				bar.Done()
				if err == nil {
					err = gens.save(false)
				}
				if err != nil {
					return err
				}
				if gens.err != nil {
					warnf(e, "%v (the review goes on with the other cards)", gens.err)
				}
				for _, s := range rep.Skipped {
					warnf(e, "%s: %s", relPath(s.Path), s.Reason)
				}
				for _, f := range rep.Files {
					for _, w := range f.Warnings {
						warnf(e, "%s:%d: %s", relPath(f.Path), w.Line, w.Message)
					}
				}
				printIdentity(e.stderr, rep)
				fmt.Fprintln(e.stderr, rep.Summary())
			}
			if d := c.String("deck"); d != "" {
				if err := checkDeck(st, d); err != nil {
					return err
				}
			}
			sess, err := study.Open(st, study.Config{
				Deck: c.String("deck"), Limit: c.Int("limit"), Now: now,
				Reread: func(string) error {
					gens := newGenerators(c, e, st)
					_, err := ingest.Sync(c.Context, st, gens.config(now()), nil)
					if err == nil {
						err = gens.save(false)
					}
					return err
				},
			})
			if err != nil {
				return err
			}
			if _, ok := sess.Current(); !ok {
				fmt.Fprintln(e.stdout, "nothing due now: come back tomorrow, or add notes with 'mnemo add PATH'")
				sum := sess.Summary()
				if sum.DueTomorrow > 0 || sum.NewTomorrow > 0 {
					fmt.Fprintf(e.stdout, "tomorrow: %d due, %d new\n", sum.DueTomorrow, sum.NewTomorrow)
				}
				return nil
			}
			roots, err := noteRoots(st)
			if err != nil {
				return err
			}
			// From here on the collection is locked only while an answer is
			// saved, so other mnemo commands work during a long review.
			if err := st.Release(); err != nil {
				return err
			}
			plain := c.Bool("plain") || !isTerminal(e.stdin) || !isTerminal(e.stdout)
			if plain {
				_, err = review.RunPlain(c.Context, sess, e.stdin, e.stdout, review.WithClock(now))
				if errors.Is(err, context.Canceled) {
					return review.ErrInterrupted // answers so far are saved, as in the TUI
				}
				return err
			}
			editor := e.getenv("VISUAL")
			if editor == "" {
				editor = e.getenv("EDITOR")
			}
			_, err = review.RunTUI(c.Context, sess, review.TUIOptions{
				In: e.stdin, Out: e.stdout, Deck: c.String("deck"), NoColor: e.getenv("NO_COLOR") != "",
				Editor: editor, NoteRoots: roots, Now: now, MediaDir: mediaDirOf(st.Path()), Viewer: systemViewer(),
			})
			return err
		},
	}
}

// noteRoots lists the files and folders added with mnemo add: the review's
// editor key opens only notes inside them.
func noteRoots(st *store.Store) ([]string, error) {
	var roots []string
	err := st.View(func(tx *store.Tx) error {
		paths, err := tx.Paths()
		for _, p := range paths {
			roots = append(roots, p.Path)
		}
		return err
	})
	return roots, err
}

// checkDeck fails when no card is in deck or below it, so a typo in --deck
// is not mistaken for "nothing due".
func checkDeck(st *store.Store, deck string) error {
	found := false
	errFound := errors.New("found")
	err := st.View(func(tx *store.Tx) error {
		seen := func(e store.IndexEntry) bool {
			found = found || decks.IsUnder(e.Deck, deck)
			return !found
		}
		if err := tx.ScanNew(seen); err != nil {
			return err
		}
		if !found {
			if err := tx.ScanDue(time.Unix(1<<40, 0), seen); err != nil {
				return err
			}
		}
		if found {
			return nil
		}
		err := tx.ForEachCard(func(cd *cards.Card) error {
			if decks.IsUnder(cd.Deck, deck) {
				found = true
				return errFound
			}
			return nil
		})
		if errors.Is(err, errFound) {
			return nil
		}
		return err
	})
	if err == nil && !found {
		return fail(fmt.Sprintf("no deck %q", deck), "see the decks with 'mnemo decks'")
	}
	return err
}

// keepGenerateModes keeps the --generate mode remembered for paths that
// were added before, so 'mnemo review PATH' does not reset it to auto.
func keepGenerateModes(st *store.Store, paths []store.AddedPath) []store.AddedPath {
	_ = st.View(func(tx *store.Tx) error {
		stored, err := tx.Paths()
		for i := range paths {
			for _, s := range stored {
				if s.Path == paths[i].Path {
					paths[i].Generate, paths[i].Deck = s.Generate, s.Deck
				}
			}
		}
		return err
	})
	return paths
}

// deckDue is one row of mnemo due: what `mnemo review --deck Deck` starts
// with (subdecks included), from the review's own queue rules.
type deckDue struct {
	Deck     string `json:"deck"`
	Due      int    `json:"due"` // learning + review
	New      int    `json:"new"`
	Learning int    `json:"learning"`
	Review   int    `json:"review"`
}

func toDeckDue(deck string, c study.Counts) deckDue {
	return deckDue{Deck: deck, Due: c.Learning + c.Review, New: c.New, Learning: c.Learning, Review: c.Review}
}

// dueByDeck returns the whole collection's counts and each deck's.
func dueByDeck(tx *store.Tx, now time.Time) (total deckDue, rows []deckDue, err error) {
	all, byDeck, err := study.DueCounts(tx, now, false)
	if err != nil {
		return deckDue{}, nil, err
	}
	rows = make([]deckDue, len(byDeck))
	for i, d := range byDeck {
		rows[i] = toDeckDue(d.Deck, d.Counts)
	}
	return toDeckDue("total", all), rows, nil
}

func dueCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "due",
		Usage: "how many cards are due today, per deck (fast enough for a shell prompt)",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "json", Usage: "print JSON"},
			&cli.BoolFlag{Name: "total", Usage: "print only the total (for a shell prompt)"},
		},
		Action: func(c *cli.Context) error {
			st, now, err := openAt(c, e, false)
			if err != nil {
				return err
			}
			defer st.Close()
			var total deckDue
			var rows []deckDue
			err = st.View(func(tx *store.Tx) error {
				total, rows, err = dueByDeck(tx, now)
				return err
			})
			if err != nil {
				return err
			}
			switch {
			case c.Bool("json"):
				if rows == nil {
					rows = []deckDue{}
				}
				return writeJSON(e.stdout, struct {
					Decks []deckDue `json:"decks"`
					Due   int       `json:"due"`
					New   int       `json:"new"`
				}{rows, total.Due, total.New})
			case c.Bool("total"):
				fmt.Fprintln(e.stdout, total.Due+total.New)
				return nil
			}
			if len(rows) == 0 {
				fmt.Fprintln(e.stdout, "nothing due today")
				return nil
			}
			t := newTable(e.stdout)
			t.row("DECK", "DUE", "NEW")
			for _, r := range rows {
				t.row(r.Deck, r.Due, r.New)
			}
			t.row("total", total.Due, total.New)
			t.flush()
			return nil
		},
	}
}

func rateCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "rate",
		Usage:     "answer one card (for editor integrations and scripts)",
		ArgsUsage: "CARD_ID again|hard|good|easy",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "json", Usage: "print the card after the answer as JSON"},
			&cli.DurationFlag{Name: "took", Usage: "time spent answering, e.g. 8s (for the review log)"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 2 {
				return usageError("rate takes a card ID and a rating", "mnemo rate abc123defg good")
			}
			r, err := cards.ParseRating(c.Args().Get(1))
			if err != nil {
				return usageError(err.Error())
			}
			st, now, err := openAt(c, e, true)
			if err != nil {
				return err
			}
			defer st.Close()
			var cd cards.Card
			err = st.View(func(tx *store.Tx) (err error) {
				cd, err = findCard(tx, c.Args().First())
				return err
			})
			if err != nil {
				return err
			}
			rated, ev, err := study.Rate(st, cd.ID, r, now, c.Duration("took"))
			switch {
			case errors.Is(err, study.ErrInactive) && cd.Orphaned:
				return fail(fmt.Sprintf("card %s is orphaned: its note text is gone", cd.ID), "restore the text in "+filepath.Base(cd.Source.Path)+" and run 'mnemo sync', or 'mnemo prune'")
			case errors.Is(err, study.ErrInactive):
				return fail(fmt.Sprintf("card %s is suspended", cd.ID), "mnemo unsuspend "+string(cd.ID))
			case err != nil:
				return err
			}
			cd = rated
			if c.Bool("json") {
				return writeJSON(e.stdout, toJSON(&cd))
			}
			printf(e.stdout, "rated %s %s · next %s (%s)\n", cd.ID, r, cd.Schedule.Due.In(time.Local).Format("2006-01-02 15:04"),
				scheduler.FormatInterval(cd.Schedule.Due.Sub(now)))
			if ev.Leech {
				printf(e.stdout, "%s\n", ev.Message)
			}
			return nil
		},
	}
}

var _ review.Session = (*study.Session)(nil) // the study session is what the review UI drives

// systemViewer is the program that opens a file with the user's default
// application: open on macOS, xdg-open elsewhere; empty when missing.
func systemViewer() string {
	name := "xdg-open"
	if runtime.GOOS == "darwin" {
		name = "open"
	}
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	return ""
}
