package main

import (
	"bufio"
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
		},
		Action: func(c *cli.Context) error {
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
			if len(orphans) == 0 {
				fmt.Fprintln(e.stdout, "no orphaned cards")
				return nil
			}
			t := newTable(e.stdout)
			for i := range orphans {
				o := &orphans[i]
				t.row(o.ID, o.Deck, fmt.Sprintf("%d reviews", o.Schedule.Reps), shorten(o.Question, 60))
			}
			t.flush()
			if !c.Bool("yes") {
				if !isTerminal(e.stdin) {
					return usageError(fmt.Sprintf("prune would delete %d cards; confirmation needs a terminal", len(orphans)), "run 'mnemo prune --yes' to delete them")
				}
				if !confirm(e, fmt.Sprintf("Delete these %d cards and their review history? [y/N] ", len(orphans))) {
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
			fmt.Fprintf(e.stdout, "deleted %d orphaned cards\n", len(orphans))
			return nil
		},
	}
}

func confirm(e *env, prompt string) bool {
	fmt.Fprint(e.stdout, prompt)
	line, _ := bufio.NewReader(e.stdin).ReadString('\n')
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return true
	}
	return false
}

func dropCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "drop",
		Usage:     "delete cards and remember them, so no later sync brings them back",
		ArgsUsage: "CARD_ID...",
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
			for _, d := range dropped {
				printf(e.stdout, "dropped %s  %s\n", d.ID, shorten(d.Question, 60))
			}
			return nil
		},
	}
}
