package main

import (
	"fmt"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/cards/generate"
	"github.com/mnemo-app/mnemo/decks/ingest"
	"github.com/mnemo-app/mnemo/decks/store"
	"github.com/urfave/cli/v2"
)

// suggestionsCommand lists the generated cards held back for their low
// confidence, and accepts or rejects them.
func suggestionsCommand(e *env) *cli.Command {
	jsonFlag := &cli.BoolFlag{Name: "json", Usage: "print JSON"}
	return &cli.Command{
		Name:  "suggestions",
		Usage: "generated cards waiting for you to accept or reject them",
		Description: fmt.Sprintf("Generated cards with a confidence below %.2f are not added on their own:\n"+
			"they wait here. 'mnemo suggestions' lists them; accept adds them as new cards,\n"+
			"reject drops them so no later sync offers them again.", generate.AutoThreshold),
		Flags:  []cli.Flag{jsonFlag},
		Action: func(c *cli.Context) error { return listSuggestions(c, e) },
		Subcommands: []*cli.Command{
			{Name: "list", Usage: "list pending suggestions", Flags: []cli.Flag{jsonFlag},
				Action: func(c *cli.Context) error { return listSuggestions(c, e) }},
			{Name: "accept", Usage: "add suggestions as cards", ArgsUsage: "ID...", Flags: []cli.Flag{jsonFlag},
				Action: func(c *cli.Context) error { return decideSuggestions(c, e, "accepted", ingest.Accept) }},
			{Name: "reject", Usage: "drop suggestions for good", ArgsUsage: "ID...", Flags: []cli.Flag{jsonFlag},
				Action: func(c *cli.Context) error { return decideSuggestions(c, e, "rejected", ingest.Reject) }},
		},
	}
}

func listSuggestions(c *cli.Context, e *env) error {
	if c.NArg() > 0 {
		return usageError(fmt.Sprintf("unknown suggestions command %q", c.Args().First()), "use list, accept ID or reject ID")
	}
	st, _, err := openAt(c, e, false)
	if err != nil {
		return err
	}
	defer st.Close()
	var list []cards.Card
	err = st.View(func(tx *store.Tx) error {
		list, err = tx.Suggestions()
		return err
	})
	if err != nil {
		return err
	}
	if c.Bool("json") {
		return writeJSON(e.stdout, suggestionsJSON(list))
	}
	if len(list) == 0 {
		fmt.Fprintln(e.stdout, "no suggestions pending")
		return nil
	}
	t := newTable(e.stdout)
	t.row("ID", "SOURCE", "RULE", "SCORE", "QUESTION", "ANSWER")
	for _, s := range list {
		t.row(s.ID, fmt.Sprintf("%s:%d", relPath(s.Source.Path), s.Source.Line), s.Origin,
			fmt.Sprintf("%.2f", s.Confidence), shorten(s.Question, 60), shorten(s.Answer, 40))
	}
	t.flush()
	fmt.Fprintf(e.stdout, "%d suggestions · mnemo suggestions accept ID... / reject ID...\n", len(list))
	return nil
}

// suggestionJSON is a suggestion as printed by --json.
type suggestionJSON struct {
	cardJSON
	Confidence float64 `json:"confidence"`
}

func suggestionsJSON(list []cards.Card) []suggestionJSON {
	out := make([]suggestionJSON, 0, len(list))
	for i := range list {
		out = append(out, suggestionJSON{toJSON(&list[i]), list[i].Confidence})
	}
	return out
}

func decideSuggestions(c *cli.Context, e *env, verb string, decide func(*store.Tx, string, time.Time) (cards.Card, error)) error {
	if c.NArg() == 0 {
		return usageError("give the IDs of the suggestions", "list them with 'mnemo suggestions'")
	}
	st, now, err := openAt(c, e, true)
	if err != nil {
		return err
	}
	defer st.Close()
	var done []cards.Card
	err = st.Update(func(tx *store.Tx) error {
		for _, id := range c.Args().Slice() {
			cd, err := decide(tx, id, now)
			if err != nil {
				return fail(err.Error(), "nothing was changed; list pending suggestions with 'mnemo suggestions'")
			}
			done = append(done, cd)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if c.Bool("json") {
		return writeJSON(e.stdout, suggestionsJSON(done))
	}
	for _, d := range done {
		printf(e.stdout, "%s %s  %s\n", verb, d.ID, shorten(d.Question, 60))
	}
	return nil
}
