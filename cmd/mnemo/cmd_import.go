package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mnemo-app/mnemo/cmd/mnemo/internal/progress"
	"github.com/mnemo-app/mnemo/decks/store"
	"github.com/mnemo-app/mnemo/export"
	"github.com/mnemo-app/mnemo/export/anki"
	"github.com/mnemo-app/mnemo/export/jsonbackup"
	"github.com/urfave/cli/v2"
)

func importCommand(e *env) *cli.Command {
	flags := func() []cli.Flag {
		return []cli.Flag{
			&cli.BoolFlag{Name: "dry-run", Usage: "show what would be imported, write nothing"},
			jsonFlag(),
		}
	}
	return &cli.Command{
		Name:  "import",
		Usage: "merge cards and review history from an Anki package or a mnemo JSON backup",
		Description: "Imports merge: cards are matched by ID, reviews by card and time, so importing the\n" +
			"same file twice changes nothing. Reviews made elsewhere are added and the card's schedule\n" +
			"is replayed from its whole history; an older file never moves a card backwards.",
		Subcommands: []*cli.Command{
			{
				Name:      "anki",
				Usage:     "import an .apkg or .colpkg (basic and cloze types): decks, tags, review history and media",
				ArgsUsage: "FILE.apkg",
				Flags:     flags(),
				Action:    func(c *cli.Context) error { return importAction(c, e) },
			},
			{
				Name:      "json",
				Usage:     "merge a JSON backup written by 'mnemo export json' (from this or another machine)",
				ArgsUsage: "FILE.json",
				Flags:     flags(),
				Action: func(c *cli.Context) error {
					if fresh, err := restoresFresh(c, e); err != nil || fresh {
						if err != nil {
							return err
						}
						return restoreFresh(c, e)
					}
					return importAction(c, e)
				},
			},
		},
	}
}

// importOptions is what an import command line asks for.
type importOptions struct {
	Format string // anki or json (the subcommand)
	Path   string // the file to import
	DryRun bool   // merge, report, and roll back
}

// importResult is what an import did.
type importResult struct {
	Report   export.MergeReport
	Media    []string // media files added to MediaDir
	MediaDir string
}

// importAction is an import command: parse the command line, open the
// collection, runImport, print.
func importAction(c *cli.Context, e *env) error {
	if c.NArg() != 1 {
		return usageError("import needs one file")
	}
	opts := importOptions{Format: c.Command.Name, Path: c.Args().First(), DryRun: c.Bool("dry-run")}
	if fi, err := os.Stat(opts.Path); err != nil || fi.IsDir() {
		return fail(fmt.Sprintf("%s: no such file", opts.Path))
	}
	open := func() (*store.Store, time.Time, func(), error) {
		st, now, err := openAt(c, e, true)
		return st, now, func() {}, err
	}
	if opts.DryRun { // a dry run never creates the collection
		open = func() (*store.Store, time.Time, func(), error) { return openForDryRun(c, e) }
	}
	st, now, cleanup, err := open()
	if err != nil {
		return err
	}
	defer cleanup()
	defer st.Close()
	removeStaleTemps(time.Now(), mediaDirOf(st.Path()), filepath.Dir(st.Path()))
	if opts.Format == "json" {
		// a merge reads the whole backup and collection: collect its
		// garbage before the heap doubles (as a fresh restore does)
		defer lowerMemoryLimit(restoreMemory)()
	}
	bar := newProgress(c, e, "importing")
	res, warnings, err := runImport(c.Context, opts, st, now, bar)
	bar.Done()
	printWarnings(e, warnings)
	if err != nil {
		return importFailed(opts.Path, err)
	}
	if n := len(res.Media); n > 0 && !c.Bool("json") {
		printf(e.stdout, "%d media files added to %s\n", n, res.MediaDir)
	}
	return printImportReport(c, e, opts.Path, res.Report)
}

// importFailed is the error of an import of path that failed or was
// interrupted: either way nothing was imported.
func importFailed(path string, err error) error {
	if isInterrupt(err) {
		return &userError{msg: "interrupted; nothing was imported", code: 130}
	}
	return fail(fmt.Sprintf("cannot import %s: %v", path, err), "nothing was imported")
}

// errImportDryRun rolls back a dry-run import.
var errImportDryRun = errors.New("dry run")

// runImport merges the file opts names into st in one write transaction
// (rolled back on a dry run or any error, so nothing is half-imported).
// Media files an Anki package brings are staged and moved into the
// collection's media folder only once the cards are stored.
func runImport(ctx context.Context, opts importOptions, st *store.Store, now time.Time, bar *progress.Bar) (importResult, []string, error) {
	var res importResult
	var warnings []string
	var media *anki.Media
	if !opts.DryRun {
		res.MediaDir = mediaDirOf(st.Path())
	}
	err := st.Update(func(tx *store.Tx) error {
		im, err := export.NewImporter(ctx, tx, now, !tx.HasCards())
		if err != nil {
			return err
		}
		im.Progress = bar.Update
		switch opts.Format {
		case "anki":
			var col export.Collection
			var ws []string
			col, media, ws, err = anki.ImportFile(ctx, opts.Path, now, anki.ImportOptions{MediaDir: res.MediaDir})
			warnings = append(warnings, ws...)
			if err == nil {
				err = im.Collection(ctx, col)
			}
		case "json":
			err = mergeBackup(ctx, opts.Path, im, bar)
		default:
			err = fmt.Errorf("unknown import format %q", opts.Format)
		}
		if err != nil {
			return err
		}
		if err := im.Finish(ctx); err != nil {
			return err
		}
		res.Report = im.Report()
		if err := ctx.Err(); err != nil {
			return err
		}
		if opts.DryRun {
			return errImportDryRun
		}
		return nil
	})
	if errors.Is(err, errImportDryRun) {
		err = nil
	} else if err == nil {
		if merr := media.Commit(); merr != nil {
			warnings = append(warnings, fmt.Sprintf("the cards were imported but some media files were not: %v", merr))
		}
		res.Media = media.Files()
		return res, warnings, nil
	}
	media.Discard()
	return res, warnings, err
}

// mergeBackup streams the JSON backup at path into im.
func mergeBackup(ctx context.Context, path string, im *export.Importer, bar *progress.Bar) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	return jsonbackup.Merge(ctx, f, im, func(read int64) { bar.Update(int(min(read, fi.Size())), int(fi.Size())) })
}

// mediaDirOf is where a collection keeps its media: beside the collection
// file, named after it (collection.db -> collection.media), as Anki does.
func mediaDirOf(dbPath string) string {
	return strings.TrimSuffix(dbPath, filepath.Ext(dbPath)) + ".media"
}

// printImportReport prints what an import did, as text or JSON.
func printImportReport(c *cli.Context, e *env, path string, r export.MergeReport) error {
	if c.Bool("json") {
		return writeJSON(e.stdout, struct {
			File   string `json:"file"`
			DryRun bool   `json:"dry_run"`
			export.MergeReport
		}{path, c.Bool("dry-run"), r})
	}
	msg := fmt.Sprintf("%d cards: %d added, %d updated, %d unchanged · %d reviews: %d added, %d already there",
		r.Cards, r.Added, r.Updated, r.Unchanged, r.Reviews, r.ReviewsAdded, r.ReviewsSkipped)
	if r.Renamed > 0 {
		msg += fmt.Sprintf(" · %d cards claimed the ID of another card and were added under a new ID", r.Renamed)
	}
	if c.Bool("dry-run") {
		msg += " (dry run: nothing written)"
	}
	fmt.Fprintln(e.stdout, msg)
	return nil
}
