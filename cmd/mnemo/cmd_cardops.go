package main

import (
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks/store"
	"github.com/mnemo-app/mnemo/scheduler"
	"github.com/urfave/cli/v2"
)

// cardOpCommand builds a command that changes each named card in one
// transaction (suspend, unsuspend, forget).
func cardOpCommand(e *env, name, usage, done string, op func(c *cards.Card, now time.Time) bool) *cli.Command {
	return &cli.Command{
		Name:      name,
		Usage:     usage,
		ArgsUsage: "CARD_ID...",
		Flags:     []cli.Flag{&cli.BoolFlag{Name: "json", Usage: "print the changed and unchanged cards as JSON"}},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usageError(name+" needs card IDs", "list IDs with 'mnemo cards'")
			}
			st, now, err := openAt(c, e, true)
			if err != nil {
				return err
			}
			defer st.Close()
			var changed, same []cards.Card
			err = st.Update(func(tx *store.Tx) error {
				for _, arg := range c.Args().Slice() {
					cd, err := findCard(tx, arg)
					if err != nil {
						return err
					}
					if !op(&cd, now) {
						same = append(same, cd)
						continue
					}
					cd.Modified = now
					if err := tx.PutCard(&cd); err != nil {
						return err
					}
					changed = append(changed, cd)
				}
				return nil
			})
			if err != nil {
				return err
			}
			if c.Bool("json") {
				return writeCardListJSON(e, done, changed, cardGroup{"unchanged", same})
			}
			for _, cd := range changed {
				printf(e.stdout, "%s %s  %s\n", done, cd.ID, shorten(cd.Question, 60))
			}
			for _, cd := range same {
				printf(e.stdout, "unchanged %s (already %s)\n", cd.ID, done)
			}
			return nil
		},
	}
}

func suspendCommand(e *env) *cli.Command {
	return cardOpCommand(e, "suspend", "hide cards from reviews until unsuspended", "suspended",
		func(c *cards.Card, _ time.Time) bool {
			if c.Suspended {
				return false
			}
			c.Suspended = true
			return true
		})
}

func unsuspendCommand(e *env) *cli.Command {
	return cardOpCommand(e, "unsuspend", "bring suspended cards back into reviews", "unsuspended",
		func(c *cards.Card, _ time.Time) bool {
			if !c.Suspended {
				return false
			}
			c.Suspended = false
			return true
		})
}

func forgetCommand(e *env) *cli.Command {
	return cardOpCommand(e, "forget", "reset cards to new (their review history is kept)", "forgotten",
		func(c *cards.Card, now time.Time) bool {
			if c.Schedule.State == cards.StateNew {
				return false
			}
			scheduler.Forget(c, now)
			return true
		})
}
