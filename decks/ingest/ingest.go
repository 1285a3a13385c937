// Package ingest reads note files into the collection: it walks added
// files and folders, skips unchanged files, reads the rest into cards and
// reconciles them with the stored ones so an edited card keeps its ID and
// history (docs/notes-to-cards.md §4). One call is one write transaction.
package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/cards/markdown"
	"github.com/mnemo-app/mnemo/decks/store"
)

// Config says how to run an add or a sync.
type Config struct {
	// Now is the clock for Added/Modified times.
	Now time.Time
	// DryRun reads and reconciles everything but writes nothing.
	DryRun bool
	// Force re-reads files even when size and mtime are unchanged.
	Force bool
	// Generators returns the generators to run for a generation mode.
	Generators func(mode markdown.GenerateMode) []markdown.Generator
	// Review, when set, sees the cards of each file read before they are
	// stored and returns the ones to keep (edited ones marked Edited) and
	// the ones rejected, which are remembered as dropped (add --interactive).
	Review func(file string, fresh []cards.Card) (kept, rejected []cards.Card, err error)
	// Prepare, when set, returns the preparation a note of a generation
	// mode needs before the write transaction opens (nil: none). Add and
	// Sync call it for every note they will read, outside any transaction,
	// so a slow generator (the language model) runs with the collection
	// unlocked and, inside the transaction, only replays what it prepared.
	Prepare func(mode markdown.GenerateMode) func(doc *markdown.Document)
	// SuggestBelow, when above 0, turns generated cards whose Confidence is
	// below it into pending suggestions (store.Tx.PutSuggestion) instead of
	// cards, unless Review is set (then the user decides on every card) or
	// the card is already in the collection (accepted before).
	SuggestBelow float64
	// Progress, when set, is called after each file.
	Progress func(done, total int)
	// Workers is the number of files read in parallel (default GOMAXPROCS).
	Workers int
	// KeepCards keeps every file's cards in the Report (for --json and
	// --dry-run listings); otherwise only the counts are kept, which bounds
	// memory on big vaults.
	KeepCards bool
}

// readAhead bounds how many files may be read but not yet applied, so
// memory stays flat however big the vault is.
const readAhead = 64

// Skip is a file or folder that could not be read at all.
type Skip struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

// File statuses in a Report.
const (
	StatusNew       = "new"
	StatusChanged   = "changed"
	StatusUnchanged = "unchanged"
	StatusDeleted   = "deleted"
	// StatusRenamed is a file found at a new path (renamed, or moved within
	// or across added folders) whose cards kept their IDs and history;
	// FileReport.From says where it was.
	StatusRenamed = "renamed"
)

// FileReport is what happened to one note file.
type FileReport struct {
	Path     string             `json:"path"`
	Status   string             `json:"status"`
	From     string             `json:"from,omitempty"`
	Cards    []cards.Card       `json:"cards"`
	Warnings []markdown.Warning `json:"warnings"`
}

// Report sums up an add or a sync.
type Report struct {
	Files   []FileReport `json:"files"`
	Skipped []Skip       `json:"skipped"`
	// Orphans lists every card the run took out of the queue, and why.
	Orphans []Orphan `json:"orphans"`

	FilesSeen      int `json:"files_seen"`
	FilesUnchanged int `json:"files_unchanged"`
	Cards          int `json:"cards"` // cards in the files read
	New            int `json:"new"`
	Updated        int `json:"updated"`
	Unchanged      int `json:"unchanged"`
	Orphaned       int `json:"orphaned"`
	Dropped        int `json:"dropped"`   // cards left out because the user dropped them
	Suggested      int `json:"suggested"` // generated cards offered as suggestions, not added
}

// Summary is the one line add and sync end with.
func (r *Report) Summary() string {
	s := fmt.Sprintf("%d files read (%d unchanged) · %d cards: %d new, %d updated, %d orphaned",
		r.FilesSeen, r.FilesUnchanged, r.Cards, r.New, r.Updated, r.Orphaned)
	if r.Suggested > 0 {
		s += fmt.Sprintf(" · %d suggestions to review (mnemo suggestions)", r.Suggested)
	}
	if n := len(r.Skipped); n > 0 {
		s += fmt.Sprintf(" · %d skipped", n)
	}
	return s
}

// errDryRun rolls back a dry run's transaction.
var errDryRun = errors.New("dry run")

// Check verifies that every path exists and can be added, before anything
// is written: a missing path or a named non-Markdown file is an error.
func Check(paths []store.AddedPath) error {
	for _, p := range paths {
		info, err := os.Stat(p.Path)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("%s: no such file or folder", p.Path)
			}
			return fmt.Errorf("%s: %w", p.Path, unwrapPath(err))
		}
		if !info.IsDir() && !IsMarkdown(p.Path) {
			return fmt.Errorf("%s is not a Markdown file (.md or .markdown)", p.Path)
		}
		if !info.IsDir() && !info.Mode().IsRegular() {
			return fmt.Errorf("%s is not a regular file (a pipe, device or socket): mnemo reads notes only from regular files", p.Path)
		}
	}
	return nil
}

// Add remembers paths (absolute) for later syncs and reads them.
func Add(ctx context.Context, st *store.Store, paths []store.AddedPath, cfg Config) (*Report, error) {
	if err := Check(paths); err != nil {
		return nil, err
	}
	if err := prepare(ctx, st, cfg, paths, nil); err != nil {
		return nil, err
	}
	return run(ctx, st, cfg, func(tx *store.Tx) ([]store.AddedPath, error) {
		stored, err := tx.Paths()
		if err != nil {
			return nil, err
		}
		for _, p := range paths {
			if i := slices.IndexFunc(stored, func(s store.AddedPath) bool { return s.Path == p.Path }); i >= 0 {
				p.Added = stored[i].Added
			}
			if err := tx.PutPath(p); err != nil {
				return nil, err
			}
		}
		return paths, nil
	})
}

// Sync re-reads every path added before. Paths that vanished are reported
// as skipped and their cards left as they are (a drive not mounted, a
// folder moved: 'mnemo paths' handles both); files that vanished from a
// path that is there orphan their cards, unless found renamed.
func Sync(ctx context.Context, st *store.Store, cfg Config, override func(p *store.AddedPath)) (*Report, error) {
	if err := prepare(ctx, st, cfg, nil, override); err != nil {
		return nil, err
	}
	return run(ctx, st, cfg, func(tx *store.Tx) ([]store.AddedPath, error) {
		paths, err := tx.Paths()
		if err != nil {
			return nil, err
		}
		if override != nil {
			for i := range paths {
				override(&paths[i])
				if err := tx.PutPath(paths[i]); err != nil {
					return nil, err
				}
			}
		}
		return paths, nil
	})
}

// job is one file to read, and what reading it gave.
type job struct {
	f      found
	added  store.AddedPath
	root   string        // the folder its cards' paths are relative to
	stored *store.Source // nil for a file never read here before

	// results, filled by a worker (or at once, for a file that stat shows
	// unchanged)
	unchanged bool
	hash      string
	res       *markdown.Result
	// generated holds, for a note in auto mode that has gained explicit
	// cards, the cards the rules still make from its prose: the applier
	// keeps those that were studied (see keepStudiedGenerated).
	generated []cards.Card
	// src is the text of a new file with explicit cards in auto mode,
	// kept until applied in case it is a renamed note that had generated
	// cards (then read as rules would, like generated above).
	src  []byte
	err  error
	done chan struct{}
}

func run(ctx context.Context, st *store.Store, cfg Config, paths func(*store.Tx) ([]store.AddedPath, error)) (*Report, error) {
	rep := &Report{}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // on any early return, stop the readers
	err := st.Update(func(tx *store.Tx) error {
		added, err := paths(tx)
		if err != nil {
			return err
		}
		sources, err := tx.Sources()
		if err != nil {
			return err
		}
		byPath := make(map[string]*store.Source, len(sources))
		for i := range sources {
			byPath[sources[i].Path] = &sources[i]
		}
		var jobs, toRead []*job
		seen := map[string]bool{}
		newFiles := false
		var present []store.AddedPath // the added paths that are there
		for _, a := range added {
			files, skips, err := walk(a.Path)
			if err != nil {
				reason := unwrapPath(err).Error()
				if errors.Is(err, os.ErrNotExist) {
					// An unmounted drive, or a folder that moved: its cards
					// stay as they are rather than all being orphaned.
					reason = "added path is missing; its cards are kept as they are (if it moved: mnemo paths move OLD NEW; to stop reading it: mnemo paths remove PATH)"
				} else {
					present = append(present, a)
				}
				rep.Skipped = append(rep.Skipped, Skip{Path: a.Path, Reason: reason})
			} else {
				present = append(present, a)
			}
			rep.Skipped = append(rep.Skipped, skips...)
			for _, f := range files {
				if seen[f.path] {
					continue
				}
				seen[f.path] = true
				j := &job{f: f, added: a, root: rootFolder(f), stored: byPath[f.path]}
				if j.unchangedByStat(cfg.Force) {
					j.unchanged, j.done = true, settled
				} else {
					j.done = make(chan struct{})
					toRead = append(toRead, j)
				}
				newFiles = newFiles || j.stored == nil
				jobs = append(jobs, j)
			}
		}
		a := newApplier(tx, cfg, rep, seen)
		// Files read before that are gone: a new file may be one of them
		// renamed or moved, and their cards wait for it until the end.
		for i := range sources {
			s := &sources[i]
			if seen[s.Path] {
				continue
			}
			inScope := underAny(s.Path, present)
			if !inScope && !newFiles {
				continue // nothing could adopt it, and it is not this run's to orphan
			}
			if _, err := os.Lstat(s.Path); err == nil {
				continue // still there, but skipped this time (e.g. unreadable)
			}
			a.gone.add(s, inScope)
		}
		if newFiles {
			if err := a.indexLoose(sources); err != nil {
				return err
			}
		}
		window := make(chan struct{}, readAhead)
		read(ctx, toRead, cfg, window)
		for i, j := range jobs {
			select {
			case <-j.done:
			case <-ctx.Done(): // Ctrl-C: roll back at once, readers or not
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			err := a.apply(j)
			j.res, j.generated, j.src = nil, nil, nil // applied: let the garbage collector have them
			if j.done != settled {
				<-window // a read job's place in the window
			}
			if err != nil {
				return fmt.Errorf("%s: %w", j.f.path, err)
			}
			if cfg.Progress != nil {
				cfg.Progress(i+1, len(jobs))
			}
		}
		if err := a.finish(); err != nil {
			return err
		}
		if cfg.DryRun {
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	if err != nil {
		return nil, err
	}
	return rep, nil
}

// rootFolder is the folder a found file's cards are stored relative to:
// the added folder, or the folder of a file added by itself.
func rootFolder(f found) string {
	if f.root == f.path {
		return filepath.Dir(f.path)
	}
	return f.root
}

func underAny(path string, added []store.AddedPath) bool {
	for _, a := range added {
		if path == a.Path || strings.HasPrefix(path, a.Path+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// read reads and parses the jobs' files on cfg.Workers goroutines; each
// job's done channel closes when it is ready, so the caller applies them in
// order while later files are still being read.
func read(ctx context.Context, jobs []*job, cfg Config, window chan struct{}) {
	workers := cfg.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	next := make(chan *job)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				readOne(j, cfg)
				close(j.done)
			}
		}()
	}
	go func() {
		defer close(next)
		for i, j := range jobs {
			select {
			case window <- struct{}{}: // released by the applier
			case <-ctx.Done():
				for _, rest := range jobs[i:] {
					close(rest.done)
				}
				return
			}
			select {
			case next <- j:
			case <-ctx.Done():
				// Jobs from i on were never handed out: mark them done so the
				// applier wakes up, sees the cancellation and rolls back.
				for _, rest := range jobs[i:] {
					close(rest.done)
				}
				return
			}
		}
	}()
}

// settled is the done channel of the jobs decided without reading their
// file: a file that stat shows unchanged needs no reader goroutine, no
// handoff and no wake-up of the applier for a comparison of two numbers.
var settled = func() chan struct{} {
	c := make(chan struct{})
	close(c)
	return c
}()

// unchangedByStat reports whether the walk's stat shows j's file as it was
// last read: same size and modification time.
func (j *job) unchangedByStat(force bool) bool {
	info := j.f.info
	return j.stored != nil && !force && info.Size() == j.stored.Size && info.ModTime().Equal(j.stored.ModTime)
}

func readOne(j *job, cfg Config) {
	info := j.f.info
	if info.Size() > MaxFileSize {
		j.err = fmt.Errorf("file is %d MiB, over the %d MiB limit for a note: skipped", info.Size()>>20, MaxFileSize>>20)
		return
	}
	src, err := readNote(j.f.path)
	if err != nil {
		j.err = unwrapPath(err)
		return
	}
	if len(src) > MaxFileSize {
		j.err = fmt.Errorf("file is over the %d MiB limit for a note: skipped", MaxFileSize>>20)
		return
	}
	sum := sha256.Sum256(src)
	j.hash = hex.EncodeToString(sum[:])
	if j.stored != nil && !cfg.Force && j.hash == j.stored.Hash {
		j.unchanged = true
		return
	}
	mode := modeOf(j.added)
	var gens []markdown.Generator
	if cfg.Generators != nil && mode != markdown.GenerateOff {
		gens = cfg.Generators(mode)
	}
	opts := markdown.ReadOptions{Path: j.f.path, Root: j.root, Deck: j.added.Deck, Mode: mode, Generators: gens}
	j.res, j.err = markdown.Read(src, opts)
	if j.err != nil || mode != markdown.GenerateAuto || hasGenerated(j.res.Cards) {
		return
	}
	switch {
	case j.stored != nil && j.stored.Generated > 0:
		// The note had generated cards and auto mode made none this time:
		// it has explicit cards now. Read it again as rules would, so
		// studied generated cards can stay (docs/notes-to-cards.md §4).
		j.generated = generatedCards(src, opts)
	case j.stored == nil && len(j.res.Cards) > 0:
		// A new file might be a renamed note that had generated cards;
		// only the applier can tell, so keep the text until then.
		j.src = src
	}
}

// generatedCards reads a note as --generate rules would and returns the
// generated cards alone.
func generatedCards(src []byte, opts markdown.ReadOptions) []cards.Card {
	opts.Mode = markdown.GenerateRules
	res, err := markdown.Read(src, opts)
	if err != nil {
		return nil
	}
	var out []cards.Card
	for _, c := range res.Cards {
		if c.Origin != "" {
			out = append(out, c)
		}
	}
	return out
}

func hasGenerated(cs []cards.Card) bool {
	for i := range cs {
		if cs[i].Origin != "" {
			return true
		}
	}
	return false
}
