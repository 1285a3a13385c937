package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks/store"
	"github.com/mnemo-app/mnemo/export"
	"github.com/mnemo-app/mnemo/export/jsonbackup"
	"github.com/mnemo-app/mnemo/internal/fsync"
	"github.com/urfave/cli/v2"
)

// restoreBatch is how many cards or reviews one transaction of a fresh
// restore writes. Each transaction rewrites every page of the by-card
// review index it touches, so the pages one batch maps and the nodes it
// builds grow with the batch: measured on 100,000 cards + 600,000 reviews,
// 20,000 gave a 290-310 MB peak, 5,000 235 MB, 2,000 (with restoreMemory)
// 132 MB. Tests lower it.
var restoreBatch = 2_000

// restoreMemory is the Go heap size a fresh restore asks the runtime to
// stay near (a soft limit: the collector runs more often and hands freed
// memory back sooner). Without it the garbage of committed batches kept
// the process 100 MB bigger than what it used.
const restoreMemory = 80 << 20

// restoresFresh reports whether `import json` restores into a collection
// that does not exist yet (a new machine): then the backup is written into
// a new file beside it, in batches, and linked into place only when whole.
func restoresFresh(c *cli.Context, e *env) (bool, error) {
	if c.Bool("dry-run") || c.NArg() != 1 {
		return false, nil
	}
	path, err := dbPath(c, e)
	if err != nil {
		return false, err
	}
	_, err = os.Lstat(path)
	return errors.Is(err, os.ErrNotExist), nil
}

// backupItem is one element of a backup on its way from the decoder to
// the writer.
type backupItem struct {
	header *jsonbackup.Header
	card   *cards.Card
	review *cards.Review
}

// restoreFresh writes a backup into a collection that does not exist yet.
// Memory stays that of one batch however big the backup: the collection
// is built under a temporary name in several transactions, and only the
// complete file is linked to the collection's name (a link never replaces
// a collection another mnemo created meanwhile). Interrupted or failed,
// it leaves no collection behind, and a later run removes the temporary
// file a killed one left.
func restoreFresh(c *cli.Context, e *env) error {
	src := c.Args().First()
	if fi, err := os.Stat(src); err != nil || fi.IsDir() {
		return fail(fmt.Sprintf("%s: no such file", src))
	}
	now, err := clock(c)
	if err != nil {
		return err
	}
	target, err := dbPath(c, e)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o700); err != nil {
		return err
	}
	removeStaleTemps(time.Now(), filepath.Dir(target))
	tmp, err := os.CreateTemp(filepath.Dir(target), export.TempPattern(".mnemo-import-")+".db")
	if err != nil {
		return err
	}
	tmp.Close()
	defer os.Remove(tmp.Name())
	st, err := store.Open(tmp.Name(), store.OpenOptions{FreshFile: true})
	if err != nil {
		return err
	}
	defer lowerMemoryLimit(restoreMemory)()
	bar := newProgress(c, e, "importing")
	rep, warnings, err := fillFresh(c.Context, st, src, now, bar.Update)
	bar.Done()
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	printWarnings(e, warnings)
	if err != nil {
		return importFailed(src, err)
	}
	if err := os.Link(tmp.Name(), target); err != nil {
		if errors.Is(err, os.ErrExist) {
			return fail(fmt.Sprintf("cannot import %s: a collection appeared at %s meanwhile", src, target),
				"run the import again: it merges into that collection")
		}
		// a file system without hard links: rename, having checked (not
		// atomically) that no collection appeared
		if _, serr := os.Lstat(target); !errors.Is(serr, os.ErrNotExist) {
			return fail(fmt.Sprintf("cannot import %s: %v", src, err), "nothing was imported")
		}
		if err := os.Rename(tmp.Name(), target); err != nil {
			return fail(fmt.Sprintf("cannot import %s: %v", src, err), "nothing was imported")
		}
	}
	if err := fsync.Dir(filepath.Dir(target)); err != nil { // the new collection's name
		return fmt.Errorf("import %s: %w", src, err)
	}
	return printImportReport(c, e, src, rep)
}

// fillFresh streams the backup at src into st in batches of restoreBatch
// elements, one transaction each, through one Merger.
func fillFresh(ctx context.Context, st *store.Store, src string, now time.Time, progress func(done, total int)) (export.MergeReport, []string, error) {
	f, err := os.Open(src)
	if err != nil {
		return export.MergeReport{}, nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return export.MergeReport{}, nil, err
	}
	var read atomic.Int64 // bytes the decoder has read, for progress
	items := make(chan backupItem, 256)
	decodeErr := make(chan error, 1)
	dctx, stop := context.WithCancel(ctx)
	defer stop()
	go func() {
		defer close(items)
		decodeErr <- decodeBackup(dctx, &countingReader{r: f, n: &read}, items)
	}()
	var im *export.Importer
	more := true
	for n := 0; more; {
		err := st.Update(func(tx *store.Tx) error {
			if im == nil {
				var err error
				if im, err = startFresh(ctx, tx, now); err != nil {
					return err
				}
			}
			im.Use(tx)
			for k := 0; k < restoreBatch; k++ {
				it, ok := <-items
				if !ok {
					more = false
					if err := <-decodeErr; err != nil {
						return err
					}
					return im.Finish(ctx)
				}
				if n++; n%1024 == 0 {
					progress(int(min(read.Load(), fi.Size())), int(fi.Size()))
					if err := ctx.Err(); err != nil {
						return err
					}
				}
				if err := it.mergeInto(im); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return export.MergeReport{}, nil, err
		}
		// the pages the batch read stay in the page cache, not in this
		// process's memory
		_ = st.View(func(tx *store.Tx) error { tx.ReleaseMapped(); return nil })
	}
	return im.Report(), nil, nil
}

// startFresh dates the new collection now and starts the import into it.
func startFresh(ctx context.Context, tx *store.Tx, now time.Time) (*export.Importer, error) {
	s, err := tx.Settings()
	if err != nil {
		return nil, err
	}
	s.Created = now
	if err := tx.PutSettings(s); err != nil {
		return nil, err
	}
	return export.NewImporter(ctx, tx, now, true)
}

// decodeBackup sends the backup r holds, element by element, to items
// until ctx ends.
func decodeBackup(ctx context.Context, r io.Reader, items chan<- backupItem) error {
	send := func(it backupItem) error {
		select {
		case items <- it:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return jsonbackup.Decode(r, jsonbackup.Handler{
		Header: func(h jsonbackup.Header, _ *time.Location) error { return send(backupItem{header: &h}) },
		Card:   func(c cards.Card) error { return send(backupItem{card: &c}) },
		Review: func(r cards.Review) error { return send(backupItem{review: &r}) },
	})
}

// mergeInto merges the element into im.
func (it backupItem) mergeInto(im *export.Importer) error {
	switch {
	case it.header != nil:
		h := it.header
		return im.Header(h.DeckOptions, h.Created, h.TimeZone, h.RolloverHour)
	case it.card != nil:
		return im.Card(*it.card)
	case it.review != nil:
		return im.Review(*it.review)
	}
	return nil
}

// countingReader counts the bytes read through it; the restore's decoder
// runs on its own goroutine, so the count is atomic.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}
