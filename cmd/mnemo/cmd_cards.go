package main

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks"
	"github.com/mnemo-app/mnemo/decks/store"
	"github.com/mnemo-app/mnemo/export"
	"github.com/urfave/cli/v2"
)

func cardsCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "cards",
		Usage: "list cards",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "deck", Usage: "only this `DECK` and its subdecks"},
			&cli.StringFlag{Name: "state", Usage: "only cards in `STATE`: new|learning|review|relearning|suspended|orphaned|due"},
			&cli.StringFlag{Name: "tag", Usage: "only cards tagged `TAG`"},
			&cli.StringFlag{Name: "file", Usage: "only cards read from `PATH`"},
			&cli.BoolFlag{Name: "json", Usage: "print JSON"},
		},
		Action: func(c *cli.Context) error {
			now, err := clock(c)
			if err != nil {
				return err
			}
			keep, err := cardFilter(c, now)
			if err != nil {
				return err
			}
			st, err := openStore(c, e, false)
			if err != nil {
				return err
			}
			defer st.Close()
			out, page := pagedOutput(e)
			err = st.View(func(tx *store.Tx) error {
				if c.Bool("json") {
					list, err := listCards(tx, keep, nil)
					if err != nil {
						return err
					}
					arr := newJSONArray(e.stdout)
					if err := eachListed(tx, list, func(cd *cards.Card) error { return arr.add(toJSON(cd)) }); err != nil {
						return err
					}
					return arr.close()
				}
				// Widths are measured while listing, so rows stream out
				// without the table held in memory.
				header := []string{"ID", "DECK", "DUE", "QUESTION", "SOURCE"}
				wd, _ := os.Getwd()
				row := func(cd *cards.Card) []string {
					return []string{string(cd.ID), cd.Deck, dueLabel(cd, now), shorten(cd.Question, 50),
						fmt.Sprintf("%s:%d", relPathFrom(wd, cd.Source.Path), cd.Source.Line)}
				}
				widths := fitWidths(nil, header...)
				list, err := listCards(tx, keep, func(cd *cards.Card) { widths = fitWidths(widths, row(cd)...) })
				if err != nil {
					return err
				}
				if len(list) == 0 {
					fmt.Fprintln(e.stderr, "no cards match")
					return nil
				}
				t := newStreamingTable(out, widths)
				t.row(header[0], header[1], header[2], header[3], header[4])
				return eachListed(tx, list, func(cd *cards.Card) error {
					r := row(cd)
					t.row(r[0], r[1], r[2], r[3], r[4])
					return nil
				})
			})
			if err != nil {
				return err
			}
			st.Close()
			return page()
		},
	}
}

// listedCard is what the cards listing keeps of a card: its sort key.
// Each card is read again by ID as it is printed, so a listing of 100,000
// cards holds keys in memory, not cards (README "Performance").
type listedCard struct {
	id         cards.ID
	deck, path string // shared between the cards of a deck and a file
	line       int
}

// listCards returns the cards keep accepts, ordered by deck, file and
// line; visit, when not nil, sees each of them (unordered) on the way.
func listCards(tx *store.Tx, keep func(*cards.Card) bool, visit func(*cards.Card)) ([]listedCard, error) {
	list := make([]listedCard, 0, tx.CardCount())
	names := map[string]string{}
	intern := func(s string) string {
		if v, ok := names[s]; ok {
			return v
		}
		names[s] = s
		return s
	}
	err := tx.ForEachCard(func(cd *cards.Card) error {
		if keep(cd) {
			if visit != nil {
				visit(cd)
			}
			list = append(list, listedCard{id: cd.ID, deck: intern(cd.Deck), path: intern(cd.Source.Path), line: cd.Source.Line})
		}
		return nil
	})
	slices.SortFunc(list, func(a, b listedCard) int {
		return cmp.Or(strings.Compare(a.deck, b.deck), strings.Compare(a.path, b.path),
			cmp.Compare(a.line, b.line), strings.Compare(string(a.id), string(b.id)))
	})
	return list, err
}

// eachListed reads the listed cards in order and hands each to f.
func eachListed(tx *store.Tx, list []listedCard, f func(*cards.Card) error) error {
	for _, l := range list {
		cd, ok, err := tx.Card(l.id)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if err := f(&cd); err != nil {
			return err
		}
	}
	return nil
}

// cardFilter builds the predicate of the cards command's flags.
func cardFilter(c *cli.Context, now time.Time) (func(*cards.Card) bool, error) {
	deck, tag, file := c.String("deck"), c.String("tag"), c.String("file")
	if file != "" {
		file = absPath(file)
	}
	state := c.String("state")
	var stateTest func(*cards.Card) bool
	switch state {
	case "":
		stateTest = func(*cards.Card) bool { return true }
	case "suspended":
		stateTest = func(cd *cards.Card) bool { return cd.Suspended }
	case "orphaned":
		stateTest = func(cd *cards.Card) bool { return cd.Orphaned }
	case "due":
		stateTest = func(cd *cards.Card) bool {
			return !cd.Suspended && !cd.Orphaned && cd.Schedule.State != cards.StateNew && !cd.Schedule.Due.After(now)
		}
	default:
		s, err := cards.ParseState(state)
		if err != nil {
			return nil, usageError(fmt.Sprintf("--state %q is not a state", state), "use new, learning, review, relearning, suspended, orphaned or due")
		}
		stateTest = func(cd *cards.Card) bool { return cd.Schedule.State == s && !cd.Orphaned }
	}
	return func(cd *cards.Card) bool {
		return (deck == "" || decks.IsUnder(cd.Deck, deck)) &&
			(tag == "" || cd.HasTag(tag)) &&
			(file == "" || cd.Source.Path == file) &&
			stateTest(cd)
	}, nil
}

func showCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "show",
		Usage:     "show a card, its schedule and its review history",
		ArgsUsage: "CARD_ID",
		Flags:     []cli.Flag{&cli.BoolFlag{Name: "json", Usage: "print JSON"}},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageError("show takes one card ID", "list IDs with 'mnemo cards'")
			}
			st, now, err := openAt(c, e, false)
			if err != nil {
				return err
			}
			defer st.Close()
			var cd cards.Card
			var history []cards.Review
			err = st.View(func(tx *store.Tx) error {
				var err error
				if cd, err = findCard(tx, c.Args().First()); err != nil {
					return err
				}
				history, err = tx.ReviewsOf(cd.ID)
				return err
			})
			if err != nil {
				return err
			}
			if c.Bool("json") {
				type reviewJSON struct {
					Time          time.Time   `json:"time"`
					Rating        string      `json:"rating"`
					StateBefore   cards.State `json:"state_before"`
					StateAfter    cards.State `json:"state_after"`
					ElapsedDays   uint64      `json:"elapsed_days"`
					ScheduledDays uint64      `json:"scheduled_days"`
					Stability     float64     `json:"stability"`
					Difficulty    float64     `json:"difficulty"`
					DurationMS    int64       `json:"duration_ms"`
				}
				out := struct {
					cardJSON
					Media   []mediaJSON  `json:"media"`
					History []reviewJSON `json:"history"`
				}{cardJSON: toJSON(&cd), Media: cardMedia(st, &cd), History: []reviewJSON{}}
				for _, r := range history {
					out.History = append(out.History, reviewJSON{r.Time, r.Rating.String(), r.StateBefore, r.StateAfter,
						r.ElapsedDays, r.ScheduledDays, r.Stability, r.Difficulty, r.DurationMS})
				}
				return writeJSON(e.stdout, out)
			}
			// A long review history goes through the pager.
			out, page := pagedOutput(e)
			paged := *e
			paged.stdout = out
			printCard(&paged, &cd, history, now)
			for _, m := range cardMedia(st, &cd) {
				if m.Path == "" {
					printf(out, "media     %s (missing: not in %s nor beside the note)\n", m.Name, mediaDirOf(st.Path()))
				} else {
					printf(out, "media     %s\n", m.Path)
				}
			}
			st.Close()
			return page()
		},
	}
}

func printCard(e *env, cd *cards.Card, history []cards.Review, now time.Time) {
	w := e.stdout
	printf(w, "card      %s (%s)\n", cd.ID, cd.Kind)
	printf(w, "deck      %s\n", cd.Deck)
	if ctx := cd.ContextString(); ctx != "" {
		printf(w, "context   %s\n", ctx)
	}
	printf(w, "source    %s:%d-%d\n", relPath(cd.Source.Path), cd.Source.Line, cd.Source.EndLine)
	if cd.Origin != "" {
		printf(w, "origin    generated (rule %s, confidence %.2f)\n", cd.Origin, cd.Confidence)
	}
	if len(cd.Tags) > 0 {
		printf(w, "tags      %s\n", strings.Join(cd.Tags, " "))
	}
	printf(w, "\nQ: %s\nA: %s\n\n", indentLines(cd.Question), indentLines(cd.Answer))
	s := cd.Schedule
	if l := dueLabel(cd, now); l != s.State.String() {
		fmt.Fprintf(w, "state     %s, %s\n", s.State, l)
	} else {
		fmt.Fprintf(w, "state     %s\n", s.State)
	}
	if s.State != cards.StateNew {
		fmt.Fprintf(w, "due       %s\n", s.Due.In(time.Local).Format("2006-01-02 15:04"))
		fmt.Fprintf(w, "memory    stability %.2f days, difficulty %.2f\n", s.Stability, s.Difficulty)
	}
	fmt.Fprintf(w, "reviews   %d (%d lapses)\n", s.Reps, s.Lapses)
	if len(history) > 0 {
		fmt.Fprintln(w)
		t := newTable(w)
		t.row("WHEN", "RATING", "STATE", "INTERVAL", "STABILITY", "TIME")
		for _, r := range history {
			t.row(r.Time.In(time.Local).Format("2006-01-02 15:04"), r.Rating, r.StateBefore.String()+"→"+r.StateAfter.String(),
				fmt.Sprintf("%dd", r.ScheduledDays), fmt.Sprintf("%.2f", r.Stability), fmt.Sprintf("%.1fs", float64(r.DurationMS)/1000))
		}
		t.flush()
	}
}

func indentLines(s string) string { return strings.ReplaceAll(s, "\n", "\n   ") }

// findCard finds a card by ID or unique ID prefix.
func findCard(tx *store.Tx, arg string) (cards.Card, error) {
	arg = strings.ToLower(strings.TrimSpace(arg))
	if cd, ok, err := tx.Card(cards.ID(arg)); err != nil || ok {
		return cd, err
	}
	var hits []cards.Card
	if len(arg) >= 4 {
		err := tx.ForEachCard(func(cd *cards.Card) error {
			if strings.HasPrefix(string(cd.ID), arg) {
				hits = append(hits, *cd)
			}
			return nil
		})
		if err != nil {
			return cards.Card{}, err
		}
	}
	switch len(hits) {
	case 1:
		return hits[0], nil
	case 0:
		return cards.Card{}, fail(fmt.Sprintf("no card %q", arg), "list IDs with 'mnemo cards'")
	}
	return cards.Card{}, fail(fmt.Sprintf("%q matches %d cards", arg, len(hits)), "give more of the ID")
}

// mediaJSON is a media file a card refers to; Path is empty when the
// collection's media folder does not have it.
type mediaJSON struct {
	Name string `json:"name"`
	Path string `json:"path,omitempty"`
}

// cardMedia lists the media files (images, sounds that came with imported
// packages) the card refers to, found in the collection's media folder.
func cardMedia(st *store.Store, cd *cards.Card) []mediaJSON {
	out := []mediaJSON{}
	for _, name := range export.MediaNames(cd) {
		p, ok := export.MediaFile(mediaDirOf(st.Path()), name)
		if !ok && filepath.IsAbs(cd.Source.Path) { // an image beside the note
			p, _ = export.MediaFile(filepath.Dir(cd.Source.Path), name)
		}
		out = append(out, mediaJSON{Name: name, Path: p})
	}
	return out
}
