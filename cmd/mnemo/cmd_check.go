package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/mnemo-app/mnemo/decks/store"
	"github.com/mnemo-app/mnemo/internal/fsync"
	"github.com/urfave/cli/v2"
)

func checkCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "check",
		Usage: "verify the collection file (pages, indexes, every record); --repair salvages a damaged one",
		Description: "Like Anki's Check Database. mnemo check reads every page of the collection with\n" +
			"bounds checks, decodes every record and compares the indexes with the cards, then\n" +
			"runs BoltDB's own check. With --repair a damaged collection is rebuilt: every card,\n" +
			"review, source and setting that still reads is written into a new file with fresh\n" +
			"indexes, which takes the collection's place; the damaged file is kept beside it\n" +
			"as .bak. Exit 0 when the collection is sound (or was repaired), 1 when it is damaged.",
		Flags: []cli.Flag{&cli.BoolFlag{Name: "repair", Usage: "salvage every readable record into a new collection file"}},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usageError("check takes no arguments", "pick the collection with --db PATH")
			}
			path, err := dbPath(c, e)
			if err != nil {
				return err
			}
			if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
				return fail(fmt.Sprintf("no collection at %s", path), "pass --db PATH to check another file")
			}
			removeStaleTemporaries(path)
			// A shared lock while checking (bbolt's own check takes one too),
			// made exclusive for a repair.
			relock, unlock, err := lockFile(c.Context, path, 1500*time.Millisecond)
			if err != nil {
				return err
			}
			defer unlock()
			rep, err := store.Verify(path)
			if err != nil {
				return err
			}
			printCheck(e.stdout, path, rep)
			if rep.OK() {
				if c.Bool("repair") {
					fmt.Fprintln(e.stdout, "nothing to repair")
				}
				return nil
			}
			if !c.Bool("repair") {
				return fail(fmt.Sprintf("the collection has %d problems", len(rep.Problems)),
					"run 'mnemo check --repair' to salvage every readable card into a new file (the damaged one is kept as a .bak)")
			}
			if err := relock(true); err != nil {
				return err
			}
			return repair(e, path)
		},
	}
}

func printCheck(w io.Writer, path string, rep store.CheckReport) {
	printf(w, "checked %s: %d pages, %d cards, %d reviews\n", path, rep.Pages, rep.Cards, rep.Reviews)
	for _, p := range rep.Problems {
		printf(w, "problem: %s\n", p)
	}
	if rep.OK() {
		fmt.Fprintln(w, "ok: no problems found")
	}
}

// repair salvages path into a new file that then takes its place; the
// damaged file stays as a .bak (a hard link, so at no moment is there no
// collection at path).
func repair(e *env, path string) error {
	removeStaleRepairs(path)
	tmp := fmt.Sprintf("%s.repair-%d", path, os.Getpid())
	rep, err := store.Salvage(path, tmp)
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("repair: %w", err)
	}
	bak := freeName(path + ".bak")
	if err := keepCopy(path, bak); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("repair: keep the damaged file as %s: %w", bak, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("repair: %w", err)
	}
	if err := fsync.Dir(filepath.Dir(path)); err != nil { // the repaired file's name, and the .bak's
		return fmt.Errorf("repair: %w", err)
	}
	printf(e.stdout, "repaired %s: kept %d cards, %d reviews, %d note files, %d added paths, %d deck option sets, %d dropped cards",
		path, rep.Cards, rep.Reviews, rep.Sources, rep.Paths, rep.Decks, rep.Drops)
	if rep.Loose > 0 {
		printf(e.stdout, " (%d records found in pages cut off from the tree)", rep.Loose)
	}
	fmt.Fprintln(e.stdout)
	printf(e.stdout, "lost: %d\n", len(rep.Lost))
	for _, l := range rep.Lost {
		printf(e.stdout, "lost: %s\n", l)
	}
	printf(e.stdout, "the damaged file is kept as %s\n", bak)
	if rep.Paths == 0 && rep.Cards > 0 {
		fmt.Fprintln(e.stdout, "hint: no added folder survived: run 'mnemo add' on your notes again (cards keep their history)")
	}
	after, err := store.Verify(path)
	if err != nil {
		return err
	}
	if !after.OK() {
		return fail(fmt.Sprintf("the repaired collection still has problems: %s", strings.Join(after.Problems, "; ")))
	}
	return nil
}

// keepCopy makes bak name the same bytes as path: a hard link, or a copy
// where links are not possible.
func keepCopy(path, bak string) error {
	if os.Link(path, bak) == nil {
		return nil
	}
	src, err := os.Open(path)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.OpenFile(bak, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		os.Remove(bak)
		return err
	}
	return dst.Close()
}

// freeName returns name, or name.2, name.3 ... whichever does not exist.
func freeName(name string) string {
	for i := 1; ; i++ {
		n := name
		if i > 1 {
			n += "." + strconv.Itoa(i)
		}
		if _, err := os.Lstat(n); errors.Is(err, os.ErrNotExist) {
			return n
		}
	}
}

// removeStaleRepairs deletes the half-written files of a repair that was
// killed (the repair holds the collection's lock, so none is in use).
func removeStaleRepairs(path string) {
	matches, _ := filepath.Glob(path + ".repair-*")
	for _, m := range matches {
		os.Remove(m)
	}
}
