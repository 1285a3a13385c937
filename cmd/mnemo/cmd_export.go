package main

import (
	"context"
	"errors"
	"fmt"
	"io"
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
				Usage:     "write an Anki .apkg with scheduling, review history and images",
				ArgsUsage: "OUT.apkg",
				Description: "Writes a package Anki, AnkiDroid and AnkiMobile import. IMPORTANT: in Anki's import\n" +
					"dialog tick \"Import any learning progress\", or Anki drops the scheduling and history.\n" +
					"Re-exporting updates the notes in Anki instead of duplicating them. Images come from\n" +
					"inside the note's added folder or the collection's media folder; others are left out.",
				Flags: []cli.Flag{deckFlag, &cli.BoolFlag{Name: "no-scheduling", Usage: "export every card as new, without history"}, jsonFlag()},
				Action: func(c *cli.Context) error {
					err := runExport(c, e, ".apkg", func(ctx context.Context, st *store.Store, out string, now time.Time) (int, int, error) {
						col, err := gatherCollection(st, c.String("deck"), now, false)
						if err != nil {
							return 0, 0, err
						}
						roots, err := addedRoots(st)
						if err != nil {
							return 0, 0, err
						}
						bar := newProgress(c, e, "exporting")
						defer bar.Done()
						warnings, err := anki.WriteFile(ctx, out, col, anki.Options{Scheduling: !c.Bool("no-scheduling"),
							Progress: bar.Update, MediaRoots: roots, MediaStore: mediaDirOf(st.Path())})
						bar.Done()
						printWarnings(e, warnings)
						return len(col.Cards), len(col.Reviews), err
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
					return runExport(c, e, ".csv", func(ctx context.Context, st *store.Store, out string, now time.Time) (int, int, error) {
						col, err := gatherCollection(st, c.String("deck"), now, false)
						if err != nil {
							return 0, 0, err
						}
						return len(col.Cards), 0, writeAtomically(ctx, out, func(f *os.File) error { return csvexport.Write(f, col) })
					})
				},
			},
			{
				Name:  "json",
				Usage: "write everything (every card, orphaned and suspended ones too, deck options, the whole review log) as a versioned JSON backup",
				Description: "The backup is streamed card by card. 'mnemo import json' on another machine merges it\n" +
					"into that collection (cards by ID, review logs united, schedules replayed).",
				ArgsUsage: "OUT.json",
				Flags:     []cli.Flag{deckFlag, jsonFlag()},
				Action: func(c *cli.Context) error {
					return runExport(c, e, ".json", func(ctx context.Context, st *store.Store, out string, now time.Time) (n, nr int, err error) {
						err = writeAtomically(ctx, out, func(f *os.File) error {
							n, nr, err = streamBackup(ctx, st, c.String("deck"), now, f)
							return err
						})
						return n, nr, err
					})
				},
			},
		},
	}
}

func printWarnings(e *env, warnings []string) {
	for _, w := range warnings {
		printf(e.stderr, "warning: %s\n", w)
	}
}

// tempPrefix names the temporary files exports write beside their target;
// removeStaleTemps deletes the ones an earlier, killed export left.
const tempPrefix = ".mnemo-export-"

// removeStaleTemps removes what killed exports and imports left in dir
// and in the system's temporary folder (see export.CleanTemp).
func removeStaleTemps(dir string, now time.Time) {
	export.CleanTemp(dir, now)
	export.CleanTemp(os.TempDir(), now)
}

// writeAtomically writes path through a temporary file renamed into place,
// so a failed or interrupted export never leaves half a file behind.
func writeAtomically(ctx context.Context, path string, write func(f *os.File) error) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), tempPrefix+"*")
	if err != nil {
		return err
	}
	export.LockTemp(f)
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
	if err = ctx.Err(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

func runExport(c *cli.Context, e *env, ext string, write func(ctx context.Context, st *store.Store, out string, now time.Time) (int, int, error)) error {
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
	removeStaleTemps(filepath.Dir(out), time.Now())
	st, now, err := openAt(c, e, false)
	if err != nil {
		return err
	}
	defer st.Close()
	var found bool
	if err := st.View(func(tx *store.Tx) error {
		found = hasCards(tx, c.String("deck"))
		return nil
	}); err != nil {
		return err
	}
	if !found {
		if d := c.String("deck"); d != "" {
			return fail(fmt.Sprintf("no cards in deck %q", d), "see the decks with 'mnemo decks'")
		}
		return fail("the collection has no cards to export", "add notes first: mnemo add ~/notes")
	}
	nc, nr, err := write(c.Context, st, out, now)
	if err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return &userError{msg: fmt.Sprintf("interrupted; %s was not written", c.Args().First()), code: 130}
		}
		return fmt.Errorf("export: %w", err)
	}
	if c.Bool("json") {
		return writeJSON(e.stdout, exportJSON{Format: c.Command.Name, File: out, Cards: nc, Reviews: nr})
	}
	printf(e.stdout, "exported %d cards and %d reviews to %s\n", nc, nr, c.Args().First())
	return nil
}

// exportJSON is what `export --json` prints (README "JSON shapes").
type exportJSON struct {
	Format  string `json:"format"`
	File    string `json:"file"`
	Cards   int    `json:"cards"`
	Reviews int    `json:"reviews"`
}

// errFound stops a scan at the first match.
var errFound = errors.New("found")

// hasCards reports whether deck (all decks when empty) has a card,
// orphans included. It stops at the first one: counting a big collection
// would read (and keep resident) every card page before the export does.
func hasCards(tx *store.Tx, deck string) bool {
	n := 0
	err := tx.ForEachCard(func(cd *cards.Card) error {
		if n++; n%4096 == 0 {
			tx.ReleaseMapped()
		}
		if deck == "" || decks.IsUnder(cd.Deck, deck) {
			return errFound
		}
		return nil
	})
	tx.ReleaseMapped()
	return errors.Is(err, errFound)
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

// streamBackup writes the JSON backup of deck (everything when empty)
// straight from the collection, card by card and review by review, in
// one read transaction: memory does not grow with the collection.
func streamBackup(ctx context.Context, st *store.Store, deck string, now time.Time, w io.Writer) (nc, nr int, err error) {
	err = st.View(func(tx *store.Tx) error {
		col := export.Collection{Now: now}
		opts, err := tx.DeckOptions()
		if err != nil {
			return err
		}
		col.Options = opts
		s, err := tx.Settings()
		if err != nil {
			return err
		}
		col.Created, col.RolloverHour = s.Created, export.Hour(s.RolloverHour)
		if col.Location, err = s.Location(); err != nil {
			return err
		}
		enc, err := jsonbackup.NewEncoder(w, jsonbackup.HeaderOf(&col))
		if err != nil {
			return err
		}
		in := map[cards.ID]struct{}{}
		err = tx.ForEachCard(func(cd *cards.Card) error {
			if deck != "" && !decks.IsUnder(cd.Deck, deck) {
				return nil
			}
			in[cd.ID] = struct{}{}
			if nc++; nc%1024 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			if nc%4096 == 0 {
				tx.ReleaseMapped()
			}
			return enc.Card(cd)
		})
		if err != nil {
			return err
		}
		err = tx.ReviewsSince(time.Time{}, func(r cards.Review) error {
			if _, ok := in[r.CardID]; !ok {
				return nil
			}
			if nr++; nr%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			if nr%16384 == 0 {
				tx.ReleaseMapped()
			}
			return enc.Review(&r)
		})
		if err != nil {
			return err
		}
		return enc.Close()
	})
	return nc, nr, err
}

// gatherCollection reads what an exporter needs: the cards (of deck and
// its subdecks; orphans only when withOrphans), their review log, options
// and settings.
func gatherCollection(st *store.Store, deck string, now time.Time, withOrphans bool) (export.Collection, error) {
	col := export.Collection{Now: now}
	err := st.View(func(tx *store.Tx) error {
		// Sized up front: growing slices of 100,000 cards and half a million
		// reviews cost more than reading them.
		col.Cards = make([]cards.Card, 0, tx.CardCount())
		col.Reviews = make([]cards.Review, 0, tx.ReviewCount())
		in := make(map[cards.ID]bool, cap(col.Cards))
		err := tx.ForEachCard(func(cd *cards.Card) error {
			if (withOrphans || !cd.Orphaned) && (deck == "" || decks.IsUnder(cd.Deck, deck)) {
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
		col.Created, col.RolloverHour = s.Created, export.Hour(s.RolloverHour)
		col.Location, err = s.Location()
		return err
	})
	return col, err
}

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
				Action: func(c *cli.Context) error {
					return runImport(c, e, func(ctx context.Context, path string, now time.Time, m *importer) error {
						col, media, warnings, err := anki.ImportFile(ctx, path, now, anki.ImportOptions{MediaDir: m.mediaDir})
						m.warn(warnings)
						if err != nil {
							return err
						}
						m.media = media
						return m.collection(ctx, col)
					})
				},
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
					return runImport(c, e, func(ctx context.Context, path string, now time.Time, m *importer) error {
						return m.backup(ctx, path)
					})
				},
			},
		},
	}
}

// errImportDryRun rolls back a dry-run import.
var errImportDryRun = errors.New("dry run")

// importer feeds what a file holds into the collection's Merger, inside
// one write transaction.
type importer struct {
	tx       *store.Tx
	m        *export.Merger
	now      time.Time
	empty    bool // the collection had no cards before
	mediaDir string
	media    *anki.Media // staged until the cards are stored
	warnings []string
	progress func(done, total int)
}

var _ export.Target = (*store.Tx)(nil)

func (im *importer) warn(ws []string) { im.warnings = append(im.warnings, ws...) }

// settings merges the file's clock: the collection is as old as the
// oldest data it holds, and a collection restored from nothing takes the
// backup's time zone and rollover hour.
func (im *importer) settings(created time.Time, zone string, rollover int) error {
	s, err := im.tx.Settings()
	if err != nil {
		return err
	}
	if !created.IsZero() && (s.Created.IsZero() || created.Before(s.Created)) {
		s.Created = created
	}
	if im.empty && rollover >= 0 && rollover <= 23 {
		s.RolloverHour = rollover
		if zone != "" {
			if zone == "Local" {
				zone = ""
			}
			s.TimeZone = zone
		}
	}
	return im.tx.PutSettings(s)
}

// collection merges a whole collection read into memory (an Anki package).
func (im *importer) collection(ctx context.Context, col export.Collection) error {
	if err := im.m.Options(col.Options); err != nil {
		return err
	}
	total := len(col.Cards) + len(col.Reviews)
	done := 0
	step := func() error {
		done++
		if done%1024 == 0 {
			im.progress(done, total)
			return ctx.Err()
		}
		return nil
	}
	for _, cd := range col.Cards {
		if err := im.m.Card(cd, im.now); err != nil {
			return err
		}
		if err := step(); err != nil {
			return err
		}
	}
	for _, r := range col.Reviews {
		if err := im.m.Review(r); err != nil {
			return err
		}
		if err := step(); err != nil {
			return err
		}
	}
	zone := ""
	if col.Location != nil && col.Location != time.UTC {
		zone = col.Location.String()
	}
	if _, err := time.LoadLocation(zone); err != nil {
		zone = "" // a fixed offset from a package has no IANA name
	}
	// an Anki collection's crt is the start of a study day, not when the
	// data began: it dates only a collection that had nothing yet
	created := col.Created
	if !im.empty {
		created = time.Time{}
	}
	return im.settings(created, zone, col.Rollover())
}

// backup streams a JSON backup into the merge, card by card.
func (im *importer) backup(ctx context.Context, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	cr := &countingReader{r: f}
	n := 0
	step := func() error {
		if n++; n%1024 == 0 {
			im.progress(int(min(cr.n, st.Size())), int(st.Size()))
			return ctx.Err()
		}
		return nil
	}
	return jsonbackup.Decode(cr, jsonbackup.Handler{
		Header: func(h jsonbackup.Header, _ *time.Location) error {
			if err := im.m.Options(h.DeckOptions); err != nil {
				return err
			}
			return im.settings(h.Created, h.TimeZone, h.RolloverHour)
		},
		Card: func(c cards.Card) error {
			if err := im.m.Card(c, im.now); err != nil {
				return err
			}
			return step()
		},
		Review: func(r cards.Review) error {
			if err := im.m.Review(r); err != nil {
				return err
			}
			return step()
		},
	})
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// mediaDirOf is where a collection keeps its media: beside the collection
// file, named after it (collection.db -> collection.media), as Anki does.
func mediaDirOf(dbPath string) string {
	return strings.TrimSuffix(dbPath, filepath.Ext(dbPath)) + ".media"
}

func runImport(c *cli.Context, e *env, read func(ctx context.Context, path string, now time.Time, im *importer) error) error {
	if c.NArg() != 1 {
		return usageError("import needs one file")
	}
	path := c.Args().First()
	if fi, err := os.Stat(path); err != nil || fi.IsDir() {
		return fail(fmt.Sprintf("%s: no such file", path))
	}
	now, err := clock(c)
	if err != nil {
		return err
	}
	st, err := openStore(c, e, true)
	if err != nil {
		return err
	}
	defer st.Close()
	removeStaleTemps(mediaDirOf(st.Path()), time.Now())
	removeStaleTemps(filepath.Dir(st.Path()), time.Now())
	ctx := c.Context
	bar := newProgress(c, e, "importing")
	defer bar.Done()
	im := &importer{now: now, progress: bar.Update}
	if !c.Bool("dry-run") {
		im.mediaDir = mediaDirOf(st.Path())
	}
	err = st.Update(func(tx *store.Tx) error {
		im.tx = tx
		im.empty = tx.CardCount() == 0
		m, err := export.NewMerger(ctx, tx)
		if err != nil {
			return err
		}
		im.m = m
		if err := read(ctx, path, now, im); err != nil {
			return err
		}
		if err := m.Finish(ctx); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if c.Bool("dry-run") {
			return errImportDryRun
		}
		return nil
	})
	bar.Done()
	if err == nil {
		if merr := im.media.Commit(); merr != nil {
			im.warnings = append(im.warnings, fmt.Sprintf("the cards were imported but some media files were not: %v", merr))
		}
	} else {
		im.media.Discard()
	}
	printWarnings(e, im.warnings)
	if err != nil && !errors.Is(err, errImportDryRun) {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return &userError{msg: "interrupted; nothing was imported", code: 130}
		}
		return fail(fmt.Sprintf("cannot import %s: %v", path, err), "nothing was imported")
	}
	if n := len(im.media.Files()); n > 0 && !c.Bool("json") {
		printf(e.stdout, "%d media files added to %s\n", n, im.mediaDir)
	}
	return printImportReport(c, e, path, im.m.Report)
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
