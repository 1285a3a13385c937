package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"
	"github.com/urfave/cli/v2"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks"
	"github.com/mnemo-app/mnemo/decks/store"
	"github.com/mnemo-app/mnemo/scheduler"
	"github.com/mnemo-app/mnemo/scheduler/optimize"
)

// optimizeReport is the JSON shape of mnemo optimize (README: "JSON shapes").
type optimizeReport struct {
	Deck           string    `json:"deck"`
	Items          int       `json:"items"`
	Reviews        int       `json:"reviews"`
	LogLossBefore  float64   `json:"log_loss_before"`
	LogLossAfter   float64   `json:"log_loss_after"`
	RMSEBinsBefore float64   `json:"rmse_bins_before"`
	RMSEBinsAfter  float64   `json:"rmse_bins_after"`
	Params         []float64 `json:"params"`
	Stage          string    `json:"stage"`
	Saved          bool      `json:"saved"`
	Message        string    `json:"message,omitempty"`
}

func optimizeCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "optimize",
		Usage: "train FSRS parameters on your review history and save them in the deck's options",
		Description: "Fits the 19 FSRS-5 weights to the review log of the deck and its subdecks (of the whole\n" +
			"collection without --deck), reports how well the current and the new weights predict\n" +
			"your answers (log loss and RMSE(bins), lower is better) and saves the new weights on\n" +
			"the deck, from where its subdecks inherit them. The new weights are kept only if they\n" +
			"predict better than the current ones. Undo with 'mnemo decks set DECK --params default'.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "deck", Usage: "train on `DECK` and its subdecks and save there"},
			&cli.BoolFlag{Name: "dry-run", Usage: "report without saving"},
			jsonFlag(),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usageError("optimize takes no arguments", "mnemo optimize --deck physics")
			}
			deck := c.String("deck")
			dry := c.Bool("dry-run")
			st, err := openStore(c, e, false)
			if err != nil {
				return err
			}
			defer st.Close()
			var (
				reviews []cards.Review
				clk     scheduler.Clock
				current fsrs.Weights
				found   bool
			)
			err = st.View(func(tx *store.Tx) error {
				if clk, err = studyClock(tx); err != nil {
					return err
				}
				all, err := tx.DeckOptions()
				if err != nil {
					return err
				}
				current = weightsOf(decks.Resolve(deck, all))
				inScope := map[cards.ID]bool{}
				err = tx.ForEachCard(func(cd *cards.Card) error {
					if deck == "" || decks.IsUnder(cd.Deck, deck) {
						inScope[cd.ID] = true
						found = true
					}
					return nil
				})
				if err != nil {
					return err
				}
				return tx.ReviewsSince(time.Time{}, func(r cards.Review) error {
					if inScope[r.CardID] {
						reviews = append(reviews, r)
					}
					return nil
				})
			})
			if err != nil {
				return err
			}
			if deck != "" && !found {
				return fail(fmt.Sprintf("no cards in deck %q", deck), "list the decks with 'mnemo decks'")
			}
			// Reading is done: let other mnemo commands in while training.
			if err := st.Release(); err != nil {
				return err
			}
			rep, newW, err := runOptimize(c, reviews, clk, current)
			if err != nil {
				return err
			}
			rep.Deck = deck
			if rep.Saved && !dry {
				if err := saveParams(c, e, deck, newW); err != nil {
					return err
				}
			} else {
				rep.Saved = false
			}
			if c.Bool("json") {
				return writeJSON(e.stdout, rep)
			}
			printOptimize(e, rep, dry)
			return nil
		},
	}
}

// runOptimize trains on reviews and compares the new weights with the
// current ones. rep.Saved says whether the new ones should be saved.
func runOptimize(c *cli.Context, reviews []cards.Review, clk scheduler.Clock, current fsrs.Weights) (optimizeReport, fsrs.Weights, error) {
	ds := optimize.FromReviews(reviews, clk)
	res, err := optimize.Train(c.Context, ds.Items, optimize.Options{})
	if err != nil {
		return optimizeReport{}, current, err
	}
	before := optimize.Evaluate(ds.Items, current)
	after := optimize.Evaluate(ds.Items, res.Weights)
	rep := optimizeReport{
		Items: res.Items, Reviews: ds.Reviews,
		LogLossBefore: before.LogLoss, LogLossAfter: after.LogLoss,
		RMSEBinsBefore: before.RMSEBins, RMSEBinsAfter: after.RMSEBins,
		Params: res.Weights[:], Stage: string(res.Stage), Message: res.Message,
	}
	switch {
	case res.Stage == optimize.StageDefaults:
		rep.Params = current[:]
		rep.LogLossAfter, rep.RMSEBinsAfter = before.LogLoss, before.RMSEBins
	case after.LogLoss >= before.LogLoss:
		rep.Message = strings.TrimSpace(rep.Message + " The current parameters predict your reviews at least as well; they are kept.")
	default:
		rep.Saved = true
	}
	return rep, res.Weights, nil
}

// weightsOf returns a deck's FSRS weights: its own, inherited or default.
func weightsOf(o decks.Effective) fsrs.Weights {
	if o.Params != nil {
		return fsrs.Weights(*o.Params)
	}
	return fsrs.DefaultWeights()
}

// saveParams stores w as deck's parameters.
func saveParams(c *cli.Context, e *env, deck string, w fsrs.Weights) error {
	st, err := openStore(c, e, true)
	if err != nil {
		return err
	}
	defer st.Close()
	p := decks.Params(w)
	return st.Update(func(tx *store.Tx) error {
		all, err := tx.DeckOptions()
		if err != nil {
			return err
		}
		o := all[deck]
		o.Params = &p
		return tx.PutDeckOptions(deck, o)
	})
}

func printOptimize(e *env, rep optimizeReport, dry bool) {
	scope := "the whole collection"
	if rep.Deck != "" {
		scope = "deck " + rep.Deck + " and its subdecks"
	}
	printf(e.stdout, "%s: %s, %s used for training\n", scope, plural(rep.Reviews, "review"), plural(rep.Items, "item"))
	if rep.Stage == string(optimize.StageDefaults) {
		fmt.Fprintf(e.stdout, "%s\nnothing saved\n", rep.Message)
		return
	}
	t := newTable(e.stdout)
	t.row("", "LOG LOSS", "RMSE(BINS)")
	t.row("current", fmt.Sprintf("%.4f", rep.LogLossBefore), fmt.Sprintf("%.2f%%", 100*rep.RMSEBinsBefore))
	t.row("optimized", fmt.Sprintf("%.4f", rep.LogLossAfter), fmt.Sprintf("%.2f%%", 100*rep.RMSEBinsAfter))
	t.flush()
	fmt.Fprintf(e.stdout, "parameters: %s\n", formatParams(rep.Params))
	if rep.Message != "" {
		fmt.Fprintln(e.stdout, rep.Message)
	}
	where := decks.Collection
	if rep.Deck != "" {
		where = rep.Deck
	}
	switch {
	case dry:
		fmt.Fprintln(e.stdout, "dry run: nothing saved")
	case rep.Saved && where == decks.Collection:
		fmt.Fprintln(e.stdout, "saved for the whole collection; decks with their own parameters keep them")
	case rep.Saved:
		printf(e.stdout, "saved on deck %s (see 'mnemo decks show %s')\n", where, where)
	}
}

// formatParams writes weights as decks set --params reads them.
func formatParams(w []float64) string {
	parts := make([]string, len(w))
	for i, x := range w {
		parts[i] = strconv.FormatFloat(x, 'f', 4, 64)
	}
	return strings.Join(parts, ",")
}

// parseParams reads --params: "default" or 19 comma-separated weights
// within the optimizer's bounds. reset reports "default".
func parseParams(s string) (p *decks.Params, reset bool, err error) {
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, "default") {
		return nil, true, nil
	}
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' })
	if len(fields) != decks.NumParams {
		return nil, false, fmt.Errorf("--params needs %d comma-separated weights w0..w18, not %d", decks.NumParams, len(fields))
	}
	var w fsrs.Weights
	for i, f := range fields {
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			return nil, false, fmt.Errorf("--params: w%d %q is not a number", i, f)
		}
		w[i] = v
	}
	if err := optimize.CheckBounds(w); err != nil {
		return nil, false, fmt.Errorf("--params: %w", err)
	}
	out := decks.Params(w)
	return &out, false, nil
}
