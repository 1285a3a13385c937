package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks"
	"github.com/mnemo-app/mnemo/decks/store"
	"github.com/mnemo-app/mnemo/export"
	"github.com/mnemo-app/mnemo/export/anki"
	"github.com/mnemo-app/mnemo/export/csvexport"
	"github.com/mnemo-app/mnemo/export/jsonbackup"
	"github.com/urfave/cli/v2"
)

const ankiProgressHint = "in Anki's import dialog, tick \"Import any learning progress\" to keep scheduling and review history"

func exportCommand(e *env) *cli.Command {
	deckFlag := &cli.StringFlag{Name: "deck", Usage: "only this `DECK` and its subdecks"}
	return &cli.Command{
		Name:  "export",
		Usage: "write the collection (or a deck) to an Anki package, CSV or a JSON backup",
		Subcommands: []*cli.Command{
			{
				Name:      "anki",
				Usage:     "write an Anki .apkg with scheduling and review history",
				ArgsUsage: "OUT.apkg",
				Description: "Writes a package Anki, AnkiDroid and AnkiMobile import. IMPORTANT: in Anki's import\n" +
					"dialog tick \"Import any learning progress\", or Anki drops the scheduling and history.\n" +
					"Re-exporting updates the notes in Anki instead of duplicating them.",
				Flags: []cli.Flag{deckFlag, &cli.BoolFlag{Name: "no-scheduling", Usage: "export every card as new, without history"}, jsonFlag()},
				Action: func(c *cli.Context) error {
					err := runExport(c, e, ".apkg", func(out string, col export.Collection) ([]string, error) {
						bar := newProgress(c, e, "exporting")
						defer bar.Done()
						return anki.WriteFile(out, col, anki.Options{Scheduling: !c.Bool("no-scheduling"), Progress: bar.Update})
					})
					if err == nil && !c.Bool("no-scheduling") {
						hintOut := e.stdout
						if c.Bool("json") {
							hintOut = e.stderr // stdout is JSON only
						}
						fmt.Fprintln(hintOut, ankiProgressHint)
					}
					return err
				},
			},
			{
				Name:      "csv",
				Usage:     "write Anki's text-import format (notes only, no scheduling)",
				ArgsUsage: "OUT.csv",
				Flags:     []cli.Flag{deckFlag, jsonFlag()},
				Action: func(c *cli.Context) error {
					return runExport(c, e, ".csv", func(out string, col export.Collection) ([]string, error) {
						return nil, writeAtomically(out, func(f *os.File) error { return csvexport.Write(f, col) })
					})
				},
			},
			{
				Name:      "json",
				Usage:     "write everything (cards, deck options, review log) as a versioned JSON backup",
				ArgsUsage: "OUT.json",
				Flags:     []cli.Flag{deckFlag, jsonFlag()},
				Action: func(c *cli.Context) error {
					return runExport(c, e, ".json", func(out string, col export.Collection) ([]string, error) {
						return nil, writeAtomically(out, func(f *os.File) error { return jsonbackup.Write(f, col) })
					})
				},
			},
		},
	}
}

// writeAtomically writes path through a temporary file renamed into place,
// so a failed export never leaves half a file behind.
func writeAtomically(path string, write func(f *os.File) error) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), ".mnemo-export-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.Remove(f.Name())
		}
	}()
	if err = write(f); err != nil {
		f.Close()
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

func runExport(c *cli.Context, e *env, ext string, write func(out string, col export.Collection) ([]string, error)) error {
	if c.NArg() != 1 {
		return usageError("export needs one output file", fmt.Sprintf("mnemo export %s deck%s", c.Command.Name, ext))
	}
	out := absPath(c.Args().First())
	if !strings.EqualFold(filepath.Ext(out), ext) {
		return usageError(fmt.Sprintf("%s should end in %s", c.Args().First(), ext))
	}
	if fi, err := os.Stat(filepath.Dir(out)); err != nil || !fi.IsDir() {
		return fail(fmt.Sprintf("cannot write %s: folder %s does not exist", c.Args().First(), filepath.Dir(out)))
	}
	st, now, err := openAt(c, e, false)
	if err != nil {
		return err
	}
	defer st.Close()
	col, err := gatherCollection(st, c.String("deck"), now)
	if err != nil {
		return err
	}
	if len(col.Cards) == 0 {
		if d := c.String("deck"); d != "" {
			return fail(fmt.Sprintf("no cards in deck %q", d), "see the decks with 'mnemo decks'")
		}
		return fail("the collection has no cards to export", "add notes first: mnemo add ~/notes")
	}
	warnings, err := write(out, col)
	for _, w := range warnings {
		fmt.Fprintf(e.stderr, "warning: %s\n", w)
	}
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if c.Bool("json") {
		return writeJSON(e.stdout, exportJSON{Format: c.Command.Name, File: out, Cards: len(col.Cards), Reviews: len(col.Reviews)})
	}
	fmt.Fprintf(e.stdout, "exported %d cards and %d reviews to %s\n", len(col.Cards), len(col.Reviews), c.Args().First())
	return nil
}

// exportJSON is what `export --json` prints (README "JSON shapes").
type exportJSON struct {
	Format  string `json:"format"`
	File    string `json:"file"`
	Cards   int    `json:"cards"`
	Reviews int    `json:"reviews"`
}

// importJSON is what `import --json` prints (README "JSON shapes").
type importJSON struct {
	Cards     int  `json:"cards"`
	New       int  `json:"new"`
	Updated   int  `json:"updated"`
	Unchanged int  `json:"unchanged"`
	Reviews   int  `json:"reviews_added"`
	DryRun    bool `json:"dry_run"`
}

// gatherCollection reads what an exporter needs: the cards (of deck and
// its subdecks, orphans left out), their review log, options and settings.
func gatherCollection(st *store.Store, deck string, now time.Time) (export.Collection, error) {
	col := export.Collection{Now: now}
	err := st.View(func(tx *store.Tx) error {
		// Sized up front: growing slices of 100,000 cards and half a million
		// reviews cost more than reading them.
		col.Cards = make([]cards.Card, 0, tx.CardCount())
		col.Reviews = make([]cards.Review, 0, tx.ReviewCount())
		in := make(map[cards.ID]bool, cap(col.Cards))
		err := tx.ForEachCard(func(cd *cards.Card) error {
			if !cd.Orphaned && (deck == "" || decks.IsUnder(cd.Deck, deck)) {
				col.Cards = append(col.Cards, *cd)
				in[cd.ID] = true
			}
			return nil
		})
		if err != nil {
			return err
		}
		err = tx.ReviewsSince(time.Time{}, func(r cards.Review) error {
			if in[r.CardID] {
				col.Reviews = append(col.Reviews, r)
			}
			return nil
		})
		if err != nil {
			return err
		}
		if col.Options, err = tx.DeckOptions(); err != nil {
			return err
		}
		s, err := tx.Settings()
		if err != nil {
			return err
		}
		col.Created, col.RolloverHour = s.Created, s.RolloverHour
		col.Location, err = s.Location()
		return err
	})
	return col, err
}

func importCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "import",
		Usage: "bring cards in from an Anki package or a mnemo JSON backup",
		Subcommands: []*cli.Command{
			{
				Name:      "anki",
				Usage:     "import the notes of an .apkg (basic and cloze types), decks, tags and review history",
				ArgsUsage: "FILE.apkg",
				Flags:     []cli.Flag{&cli.BoolFlag{Name: "dry-run", Usage: "show what would be imported, write nothing"}, jsonFlag()},
				Action: func(c *cli.Context) error {
					return runImport(c, e, func(path string, now time.Time) (export.Collection, []string, error) {
						return anki.ImportFile(path, now)
					})
				},
			},
			{
				Name:      "json",
				Usage:     "restore a JSON backup written by 'mnemo export json'",
				ArgsUsage: "FILE.json",
				Flags:     []cli.Flag{&cli.BoolFlag{Name: "dry-run", Usage: "show what would be imported, write nothing"}, jsonFlag()},
				Action: func(c *cli.Context) error {
					return runImport(c, e, func(path string, _ time.Time) (export.Collection, []string, error) {
						f, err := os.Open(path)
						if err != nil {
							return export.Collection{}, nil, err
						}
						defer f.Close()
						col, err := jsonbackup.Read(f)
						return col, nil, err
					})
				},
			},
		},
	}
}

// errImportDryRun rolls back a dry-run import.
var errImportDryRun = errors.New("dry run")

func runImport(c *cli.Context, e *env, read func(path string, now time.Time) (export.Collection, []string, error)) error {
	if c.NArg() != 1 {
		return usageError("import needs one file")
	}
	path := c.Args().First()
	if _, err := os.Stat(path); err != nil {
		return fail(fmt.Sprintf("%s: no such file", path))
	}
	now, err := clock(c)
	if err != nil {
		return err
	}
	col, warnings, err := read(path, now)
	for _, w := range warnings {
		fmt.Fprintf(e.stderr, "warning: %s\n", w)
	}
	if err != nil {
		return fail(fmt.Sprintf("cannot import %s: %v", path, err), "nothing was imported")
	}
	st, err := openStore(c, e, true)
	if err != nil {
		return err
	}
	defer st.Close()
	var added, updated, same, reviews int
	err = st.Update(func(tx *store.Tx) error {
		// New cards keep their order: a backup's positions are kept (and the
		// collection's counter moved past them); cards without one get fresh
		// positions at the end.
		fresh := 0
		var maxPos uint64
		for i := range col.Cards {
			if !tx.HasCard(col.Cards[i].ID) && col.Cards[i].Schedule.State == cards.StateNew {
				fresh++
			}
			maxPos = max(maxPos, col.Cards[i].Position)
		}
		next, err := tx.NextPositions(0)
		if err != nil {
			return err
		}
		if maxPos >= next {
			if _, err := tx.NextPositions(int(maxPos - next + 1)); err != nil {
				return err
			}
		}
		pos, err := tx.NextPositions(fresh)
		if err != nil {
			return err
		}
		bar := newProgress(c, e, "importing")
		defer bar.Done()
		for i := range col.Cards {
			bar.Update(i, len(col.Cards))
			cd := col.Cards[i]
			old, exists, err := tx.Card(cd.ID)
			if err != nil {
				return err
			}
			switch {
			case exists && sameCard(old, cd):
				same++
				continue
			case exists:
				cd.Position = old.Position
				updated++
			default:
				if cd.Schedule.State == cards.StateNew && cd.Position == 0 {
					cd.Position = pos
					pos++
				}
				if cd.Added.IsZero() {
					cd.Added = now
				}
				added++
			}
			if err := tx.PutCard(&cd); err != nil {
				return err
			}
		}
		for _, r := range col.Reviews {
			if tx.HasReview(r) {
				continue
			}
			if err := tx.AddReview(r); err != nil {
				return err
			}
			reviews++
		}
		set, err := tx.DeckOptions()
		if err != nil {
			return err
		}
		for d, o := range col.Options {
			if _, ok := set[d]; !ok {
				if err := tx.PutDeckOptions(d, o); err != nil {
					return err
				}
			}
		}
		// The collection is as old as the oldest data it holds.
		if settings, err := tx.Settings(); err != nil {
			return err
		} else if !col.Created.IsZero() && (settings.Created.IsZero() || col.Created.Before(settings.Created)) {
			settings.Created = col.Created
			if err := tx.PutSettings(settings); err != nil {
				return err
			}
		}
		if c.Bool("dry-run") {
			return errImportDryRun
		}
		return nil
	})
	if err != nil && !errors.Is(err, errImportDryRun) {
		return err
	}
	if c.Bool("json") {
		return writeJSON(e.stdout, importJSON{Cards: len(col.Cards), New: added, Updated: updated, Unchanged: same,
			Reviews: reviews, DryRun: c.Bool("dry-run")})
	}
	msg := fmt.Sprintf("%d cards: %d new, %d updated, %d unchanged · %d reviews added", len(col.Cards), added, updated, same, reviews)
	if c.Bool("dry-run") {
		msg += " (dry run: nothing written)"
	}
	fmt.Fprintln(e.stdout, msg)
	return nil
}

// sameCard reports whether an import would change nothing the user sees.
func sameCard(a, b cards.Card) bool {
	return a.Question == b.Question && a.Answer == b.Answer && a.Text == b.Text && a.Deck == b.Deck &&
		strings.Join(a.Tags, " ") == strings.Join(b.Tags, " ") && a.Suspended == b.Suspended &&
		a.Schedule.State == b.Schedule.State && a.Schedule.Due.Equal(b.Schedule.Due) && a.Schedule.Reps == b.Schedule.Reps
}
