package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/cmd/mnemo/internal/progress"
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
				Usage:     "write an Anki .apkg with scheduling, review history and images",
				ArgsUsage: "OUT.apkg",
				Description: "Writes a package Anki, AnkiDroid and AnkiMobile import. IMPORTANT: in Anki's import\n" +
					"dialog tick \"Import any learning progress\", or Anki drops the scheduling and history.\n" +
					"Re-exporting updates the notes in Anki instead of duplicating them. Images come from\n" +
					"inside the note's added folder or the collection's media folder; others are left out.",
				Flags:  []cli.Flag{deckFlag, &cli.BoolFlag{Name: "no-scheduling", Usage: "export every card as new, without history"}, jsonFlag()},
				Action: func(c *cli.Context) error { return exportAction(c, e, ".apkg") },
			},
			{
				Name:      "csv",
				Usage:     "write Anki's text-import format (notes only, no scheduling)",
				ArgsUsage: "OUT.csv",
				Flags:     []cli.Flag{deckFlag, jsonFlag()},
				Action:    func(c *cli.Context) error { return exportAction(c, e, ".csv") },
			},
			{
				Name:  "json",
				Usage: "write everything (every card, orphaned and suspended ones too, deck options, the whole review log) as a versioned JSON backup",
				Description: "The backup is streamed card by card. 'mnemo import json' on another machine merges it\n" +
					"into that collection (cards by ID, review logs united, schedules replayed).",
				ArgsUsage: "OUT.json",
				Flags:     []cli.Flag{deckFlag, jsonFlag()},
				Action:    func(c *cli.Context) error { return exportAction(c, e, ".json") },
			},
		},
	}
}

// exportOptions is what an export command line asks for.
type exportOptions struct {
	Format       string // anki, csv or json (the subcommand)
	Out          string // the absolute path of the file to write
	Deck         string // only this deck and its subdecks; empty for all
	NoScheduling bool   // anki: every card as new, without history
}

// exportAction is an export command: parse the command line, open the
// collection, runExport, print.
func exportAction(c *cli.Context, e *env, ext string) error {
	opts, err := parseExport(c, ext)
	if err != nil {
		return err
	}
	removeStaleTemps(time.Now(), filepath.Dir(opts.Out))
	st, now, err := openAt(c, e, false)
	if err != nil {
		return err
	}
	defer st.Close()
	bar := newProgress(c, e, "exporting")
	res, warnings, err := runExport(c.Context, opts, st, now, bar)
	bar.Done()
	printWarnings(e, warnings)
	if err != nil {
		if isInterrupt(err) {
			return &userError{msg: fmt.Sprintf("interrupted; %s was not written", c.Args().First()), code: 130}
		}
		return err
	}
	if c.Bool("json") {
		err = writeJSON(e.stdout, res)
	} else {
		printf(e.stdout, "exported %d cards and %d reviews to %s\n", res.Cards, res.Reviews, c.Args().First())
	}
	if err == nil && opts.Format == "anki" && !opts.NoScheduling {
		hintOut := e.stdout
		if c.Bool("json") {
			hintOut = e.stderr // stdout is JSON only
		}
		fmt.Fprintln(hintOut, ankiProgressHint)
	}
	return err
}

// parseExport checks an export command line: one output file with the
// format's extension, in a folder that exists.
func parseExport(c *cli.Context, ext string) (exportOptions, error) {
	if c.NArg() != 1 {
		return exportOptions{}, usageError("export needs one output file", fmt.Sprintf("mnemo export %s deck%s", c.Command.Name, ext))
	}
	out := absPath(c.Args().First())
	if !strings.EqualFold(filepath.Ext(out), ext) {
		return exportOptions{}, usageError(fmt.Sprintf("%s should end in %s", c.Args().First(), ext))
	}
	if fi, err := os.Stat(filepath.Dir(out)); err != nil || !fi.IsDir() {
		return exportOptions{}, fail(fmt.Sprintf("cannot write %s: folder %s does not exist", c.Args().First(), filepath.Dir(out)))
	}
	return exportOptions{Format: c.Command.Name, Out: out, Deck: c.String("deck"), NoScheduling: c.Bool("no-scheduling")}, nil
}

// runExport writes the export opts asks for from st, returning what it
// wrote and the exporter's warnings. The target is written whole or not
// at all.
func runExport(ctx context.Context, opts exportOptions, st *store.Store, now time.Time, bar *progress.Bar) (exportJSON, []string, error) {
	res := exportJSON{Format: opts.Format, File: opts.Out}
	var found bool
	err := st.View(func(tx *store.Tx) (err error) {
		found, err = export.HasCards(tx, opts.Deck)
		return err
	})
	if err != nil {
		return res, nil, err
	}
	if !found {
		if opts.Deck != "" {
			return res, nil, fail(fmt.Sprintf("no cards in deck %q", opts.Deck), "see the decks with 'mnemo decks'")
		}
		return res, nil, fail("the collection has no cards to export", "add notes first: mnemo add ~/notes")
	}
	var warnings []string
	switch opts.Format {
	case "json":
		err = writeAtomically(ctx, opts.Out, func(f *os.File) error {
			return st.View(func(tx *store.Tx) (err error) {
				res.Cards, res.Reviews, err = jsonbackup.WriteFrom(ctx, tx, opts.Deck, now, f)
				return err
			})
		})
	case "csv":
		var col export.Collection
		if col, err = gather(st, opts.Deck, now); err == nil {
			res.Cards = len(col.Cards)
			err = writeAtomically(ctx, opts.Out, func(f *os.File) error { return csvexport.Write(f, col) })
		}
	case "anki":
		warnings, err = exportAnki(ctx, opts, st, now, bar, &res)
	default:
		return res, nil, fmt.Errorf("unknown export format %q", opts.Format)
	}
	if err != nil && !isInterrupt(err) {
		err = fmt.Errorf("export: %w", err)
	}
	return res, warnings, err
}

// exportAnki writes an Anki package with the images found under the
// folders notes were added from and in the collection's media folder.
func exportAnki(ctx context.Context, opts exportOptions, st *store.Store, now time.Time, bar *progress.Bar, res *exportJSON) (warnings []string, err error) {
	roots, err := addedRoots(st)
	if err != nil {
		return nil, err
	}
	// the review log is streamed from the read transaction into the
	// package instead of being loaded whole, so the export runs inside it
	err = st.View(func(tx *store.Tx) error {
		col, err := export.GatherStream(tx, opts.Deck, now, false, &res.Reviews)
		if err != nil {
			return err
		}
		res.Cards = len(col.Cards)
		if opts.NoScheduling {
			// the log is not exported then, but the summary counts it
			if err := col.EachReview(func(int, *cards.Review) error { return nil }); err != nil {
				return err
			}
		}
		warnings, err = anki.WriteFile(ctx, opts.Out, col, anki.Options{Scheduling: !opts.NoScheduling,
			Progress: bar.Update, MediaRoots: roots, MediaStore: mediaDirOf(st.Path())})
		return err
	})
	return warnings, err
}

// gather reads the cards of deck (no orphans) with their reviews, options
// and settings in one read transaction.
func gather(st *store.Store, deck string, now time.Time) (col export.Collection, err error) {
	err = st.View(func(tx *store.Tx) error {
		col, err = export.Gather(tx, deck, now, false)
		return err
	})
	return col, err
}

// isInterrupt reports whether err is the command's context ending (Ctrl-C).
func isInterrupt(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// printWarnings prints each warning as a "warning: " line on stderr. Every
// command's warnings go through here (see output.go).
func printWarnings(e *env, warnings []string) {
	for _, w := range warnings {
		warnf(e, "%s", w)
	}
}

// tempPrefix names the temporary files exports write beside their target;
// removeStaleTemps deletes the ones an earlier, killed export left.
const tempPrefix = ".mnemo-export-"

// removeStaleTemps removes what killed exports and imports left in dirs
// and in the system's temporary folder (see export.CleanTemp).
func removeStaleTemps(now time.Time, dirs ...string) {
	for _, dir := range dirs {
		export.CleanTemp(dir, now)
	}
	export.CleanTemp(os.TempDir(), now)
}

// writeAtomically writes path through a temporary file renamed into place,
// so a failed or interrupted export never leaves half a file behind, and
// a power cut never leaves an empty one.
func writeAtomically(ctx context.Context, path string, write func(f *os.File) error) (err error) {
	f, err := export.CreateTemp(filepath.Dir(path), tempPrefix, "")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.Remove(f.Name())
		}
	}()
	if err = write(f); err == nil {
		err = ctx.Err()
	}
	if err != nil {
		f.Close()
		return err
	}
	return export.Install(f, path)
}

// exportJSON is what `export --json` prints (README "JSON shapes").
type exportJSON struct {
	Format  string `json:"format"`
	File    string `json:"file"`
	Cards   int    `json:"cards"`
	Reviews int    `json:"reviews"`
}

// addedRoots lists the folders notes were added from: images are exported
// only from inside them.
func addedRoots(st *store.Store) ([]string, error) {
	var roots []string
	err := st.View(func(tx *store.Tx) error {
		ps, err := tx.Paths()
		for _, p := range ps {
			roots = append(roots, p.Path)
		}
		return err
	})
	return roots, err
}
