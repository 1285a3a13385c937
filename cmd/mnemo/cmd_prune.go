package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks"
	"github.com/mnemo-app/mnemo/decks/store"
	"github.com/urfave/cli/v2"
)

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

func pruneCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "prune",
		Usage: "delete orphaned cards (cards whose note text is gone) and their history",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "yes", Aliases: []string{"y"}, Usage: "do not ask for confirmation"},
			&cli.StringFlag{Name: "deck", Usage: "only orphans in `DECK`"},
			&cli.BoolFlag{Name: "json", Usage: "print the deleted cards as JSON (needs --yes)"},
		},
		Action: func(c *cli.Context) error {
			if c.Bool("json") && !c.Bool("yes") {
				return usageError("prune --json cannot ask for confirmation", "add --yes: mnemo prune --yes --json")
			}
			st, err := openStore(c, e, true)
			if err != nil {
				return err
			}
			defer st.Close()
			var orphans []cards.Card
			err = st.View(func(tx *store.Tx) error {
				return tx.ForEachCard(func(cd *cards.Card) error {
					if cd.Orphaned && (c.String("deck") == "" || decks.IsUnder(cd.Deck, c.String("deck"))) {
						orphans = append(orphans, *cd)
					}
					return nil
				})
			})
			if err != nil {
				return err
			}
			if len(orphans) == 0 && !c.Bool("json") {
				fmt.Fprintln(e.stdout, "no orphaned cards")
				return nil
			}
			if !c.Bool("json") {
				t := newTable(e.stdout)
				for i := range orphans {
					o := &orphans[i]
					t.row(o.ID, o.Deck, fmt.Sprintf("%d reviews", o.Schedule.Reps), shorten(o.Question, 60))
				}
				t.flush()
			}
			if !c.Bool("yes") {
				if !isTerminal(e.stdin) {
					return usageError(fmt.Sprintf("prune would delete %d cards; confirmation needs a terminal", len(orphans)), "run 'mnemo prune --yes' to delete them")
				}
				ok, err := confirm(c.Context, e, fmt.Sprintf("Delete these %d cards and their review history? [y/N] ", len(orphans)))
				if err != nil {
					return err
				}
				if !ok {
					fmt.Fprintln(e.stdout, "nothing deleted")
					return nil
				}
			}
			err = st.Update(func(tx *store.Tx) error {
				for _, o := range orphans {
					if err := tx.DeleteCard(o.ID); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				return err
			}
			if c.Bool("json") {
				return writeCardListJSON(e, "deleted", orphans)
			}
			fmt.Fprintf(e.stdout, "deleted %d orphaned cards\n", len(orphans))
			return nil
		},
	}
}

// confirm asks a yes/no question on the terminal; Ctrl-C while it waits
// is an interrupt like anywhere else.
func confirm(ctx context.Context, e *env, prompt string) (bool, error) {
	fmt.Fprint(e.stdout, prompt)
	line, err := readLine(ctx, bufio.NewReader(e.stdin))
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(e.stdout) // end the prompt's line
		return false, err
	}
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return true, nil
	}
	return false, nil
}

// readLine reads one line, or gives up with ctx's error when ctx ends
// first: a prompt must not swallow Ctrl-C. (The read goroutine then ends
// with the process.)
func readLine(ctx context.Context, in *bufio.Reader) (string, error) {
	type result struct {
		line string
		err  error
	}
	done := make(chan result, 1)
	go func() {
		line, err := in.ReadString('\n')
		done <- result{line, err}
	}()
	select {
	case r := <-done:
		return r.line, r.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func dropCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "drop",
		Usage:     "delete cards and remember them, so no later sync brings them back",
		ArgsUsage: "CARD_ID...",
		Flags:     []cli.Flag{&cli.BoolFlag{Name: "json", Usage: "print the dropped cards as JSON"}},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usageError("drop needs card IDs", "list IDs with 'mnemo cards'")
			}
			st, now, err := openAt(c, e, true)
			if err != nil {
				return err
			}
			defer st.Close()
			var dropped []cards.Card
			err = st.Update(func(tx *store.Tx) error {
				for _, arg := range c.Args().Slice() {
					cd, err := findCard(tx, arg)
					if err != nil {
						return err
					}
					// Remember the stored ID and the ID the card's current text
					// derives to (they differ once an edit was matched).
					for _, id := range []cards.ID{cd.ID, cards.NewID(cd.Kind, cd.Question, cd.Ord, "")} {
						if err := tx.PutDrop(store.Drop{ID: id, Question: cd.Question, Source: cd.Source.Path, Time: now}); err != nil {
							return err
						}
					}
					if err := tx.DeleteCard(cd.ID); err != nil {
						return err
					}
					dropped = append(dropped, cd)
				}
				return nil
			})
			if err != nil {
				return err
			}
			if c.Bool("json") {
				return writeCardListJSON(e, "dropped", dropped)
			}
			for _, d := range dropped {
				printf(e.stdout, "dropped %s  %s\n", d.ID, shorten(d.Question, 60))
			}
			return nil
		},
	}
}

// writeCardListJSON prints {"<key>": [card, ...], ...}, the cards
// streamed one at a time (README "JSON shapes").
func writeCardListJSON(e *env, key string, list []cards.Card, more ...cardGroup) error {
	obj := newJSONObject(e.stdout)
	for _, g := range append([]cardGroup{{key, list}}, more...) {
		obj.array(g.key, len(g.cards), func(i int) any { return toJSON(&g.cards[i]) })
	}
	return obj.close()
}

// cardGroup is one named list of cards in a JSON object.
type cardGroup struct {
	key   string
	cards []cards.Card
}
