package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mnemo-app/mnemo/decks/store"
	"github.com/urfave/cli/v2"
	"golang.org/x/term"
)

// env is what a command may touch of the outside world: injected so tests
// run commands in-process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

// isTerminal reports whether the stream is an interactive terminal.
func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// run is mnemo without the process: it parses args, runs the command and
// returns the exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv}
	app := newApp(e)
	err := app.RunContext(ctx, reorderArgs(app, args))
	return report(stderr, err)
}

func newApp(e *env) *cli.App {
	app := &cli.App{
		Name:    "mnemo",
		Usage:   "turn Markdown notes into flashcards and review them with FSRS",
		Version: readBuildInfo(debug.ReadBuildInfo).String(),
		// --version prints what `mnemo version` prints (the root action).
		HideVersion: true,
		Description: "mnemo reads cards from your Markdown notes (Q::A, cloze, Q:/A: and more, " +
			"plus cards generated from plain prose), keeps them in a collection with their review " +
			"history, and runs the daily review in the terminal.\n\n" +
			"Start with:  mnemo review ~/notes",
		Reader:    e.stdin,
		Writer:    e.stdout,
		ErrWriter: e.stderr,
		// Errors go back to run(), which prints them once; never os.Exit here,
		// so deferred closes of the collection always run.
		ExitErrHandler: func(*cli.Context, error) {},
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "db", Usage: "collection file `PATH` (default $XDG_DATA_HOME/mnemo/collection.db) [$MNEMO_DB]"},
			&cli.StringFlag{Name: "now", Usage: "pretend the time is `RFC3339` (for scripts and tests) [$MNEMO_NOW]"},
			&cli.BoolFlag{Name: "version", Aliases: []string{"v"}, Usage: "print the version"},
		},
		Action: func(c *cli.Context) error {
			if c.Bool("version") {
				_, err := fmt.Fprintln(e.stdout, "mnemo", c.App.Version)
				return err
			}
			return cli.ShowAppHelp(c)
		},
		Commands: commands(e),
	}
	app.Before = func(c *cli.Context) error {
		// The environment comes from env, not os, so tests can inject it.
		for flag, name := range map[string]string{"db": "MNEMO_DB", "now": "MNEMO_NOW"} {
			if v := e.getenv(name); v != "" && !c.IsSet(flag) {
				if err := c.Set(flag, v); err != nil {
					return err
				}
			}
		}
		return nil
	}
	checkUsage(app)
	return app
}

func commandPath(c *cli.Context) string {
	names := []string{}
	for _, l := range c.Lineage() {
		// The root context's command is the app itself.
		if l.Command != nil && l.Command.Name != "" && l.Command.Name != c.App.Name {
			names = append([]string{l.Command.Name}, names...)
		}
	}
	return strings.Join(names, " ")
}

// reorderArgs moves flags written after positional arguments in front of
// them, per command level, since urfave/cli v2 stops parsing flags at the
// first positional argument but people type `mnemo add notes/ --dry-run`.
// Global flags (--db, --now) written after the command move to the front,
// where urfave/cli looks for them: `mnemo cards --db x.db`.
func reorderArgs(app *cli.App, args []string) []string {
	if len(args) < 2 {
		return args
	}
	var global, out []string
	flags := app.Flags
	subs := app.Commands
	rest := args[1:]
	root := true
	for {
		var fl, pos []string
		i := 0
		next := -1
		for ; i < len(rest); i++ {
			a := rest[i]
			if a == "--" {
				pos = append(pos, rest[i:]...)
				break
			}
			if strings.HasPrefix(a, "-") && len(a) > 1 {
				name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
				dest := &fl
				// --help belongs to the command it follows.
				isGlobal := !root && hasFlag(app.Flags, name) && !hasFlag(flags, name) &&
					!hasFlag([]cli.Flag{cli.HelpFlag}, name)
				if isGlobal {
					dest, flags = &global, app.Flags
				}
				*dest = append(*dest, a)
				if !hasValue && takesValue(flags, name) && i+1 < len(rest) {
					i++
					*dest = append(*dest, rest[i])
				}
				if isGlobal {
					flags = flagsAt(app, out)
				}
				continue
			}
			if len(pos) == 0 && findCommand(subs, a) != nil {
				next = i
				break
			}
			pos = append(pos, a)
		}
		out = append(out, fl...)
		out = append(out, pos...)
		if next < 0 {
			return append(append([]string{args[0]}, global...), out...)
		}
		cmd := findCommand(subs, rest[next])
		out = append(out, rest[next])
		flags, subs, rest, root = cmd.Flags, cmd.Subcommands, rest[next+1:], false
	}
}

// flagsAt returns the flags of the command the words so far lead to.
func flagsAt(app *cli.App, words []string) []cli.Flag {
	flags, subs := app.Flags, app.Commands
	for _, w := range words {
		if c := findCommand(subs, w); c != nil {
			flags, subs = c.Flags, c.Subcommands
		}
	}
	return flags
}

func hasFlag(flags []cli.Flag, name string) bool {
	for _, f := range flags {
		if slices.Contains(f.Names(), name) {
			return true
		}
	}
	return false
}

func findCommand(cmds []*cli.Command, name string) *cli.Command {
	for _, c := range cmds {
		if c.HasName(name) {
			return c
		}
	}
	return nil
}

// takesValue reports whether the named flag expects a value argument.
func takesValue(flags []cli.Flag, name string) bool {
	for _, f := range flags {
		for _, n := range f.Names() {
			if n == name {
				if _, ok := f.(*cli.BoolFlag); ok {
					return false
				}
				return true
			}
		}
	}
	if name == "db" || name == "now" {
		return true
	}
	return false
}

// clock returns the command's notion of now: --now/MNEMO_NOW or the real
// clock. It is the only place mnemo reads the real time.
func clock(c *cli.Context) (time.Time, error) {
	s := c.String("now")
	if s == "" {
		return time.Now(), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, usageError(fmt.Sprintf("--now %q is not an RFC3339 time", s), "write it like 2026-11-27T09:30:00+01:00")
	}
	return t, nil
}

// dbPath resolves the collection file: --db, MNEMO_DB, then XDG.
func dbPath(c *cli.Context, e *env) (string, error) {
	if p := c.String("db"); p != "" {
		return filepath.Abs(p)
	}
	if x := e.getenv("XDG_DATA_HOME"); x != "" {
		return filepath.Join(x, "mnemo", "collection.db"), nil
	}
	home := e.getenv("HOME")
	if home == "" {
		var err error
		if home, err = os.UserHomeDir(); err != nil {
			return "", fail("cannot find the collection: $HOME is not set", "pass --db PATH or set MNEMO_DB")
		}
	}
	return filepath.Join(home, ".local", "share", "mnemo", "collection.db"), nil
}

// openAt reads the command's clock and opens the collection, the first
// steps of most commands.
func openAt(c *cli.Context, e *env, write bool) (*store.Store, time.Time, error) {
	now, err := clock(c)
	if err != nil {
		return nil, now, err
	}
	st, err := openStore(c, e, write)
	return st, now, err
}

// openForDryRun opens the collection for a dry run: the real one when it
// exists, else a throwaway one in a temporary folder that is removed when
// cleanup removes (call it after closing the store), so a dry run never
// creates the user's collection.
func openForDryRun(c *cli.Context, e *env) (st *store.Store, now time.Time, cleanup func(), err error) {
	cleanup = func() {}
	path, err := dbPath(c, e)
	if err != nil {
		return nil, now, cleanup, err
	}
	if _, err := os.Stat(path); err == nil || !errors.Is(err, os.ErrNotExist) {
		st, now, err = openAt(c, e, true)
		return st, now, cleanup, err
	}
	if now, err = clock(c); err != nil {
		return nil, now, cleanup, err
	}
	dir, err := os.MkdirTemp("", "mnemo-dry-run-*")
	if err != nil {
		return nil, now, cleanup, err
	}
	cleanup = func() { os.RemoveAll(dir) }
	st, err = store.Open(filepath.Join(dir, "collection.db"), store.OpenOptions{Context: c.Context})
	if err != nil {
		cleanup()
		return nil, now, func() {}, err
	}
	return st, now, cleanup, nil
}

// openStore opens the collection for writing (creating it) or reading.
func openStore(c *cli.Context, e *env, write bool) (*store.Store, error) {
	path, err := dbPath(c, e)
	if err != nil {
		return nil, err
	}
	if !write {
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return nil, &userError{code: 1, msg: fmt.Sprintf("no collection at %s yet", path),
				hints: []string{"add notes first: mnemo add ~/notes"}}
		}
	}
	removeStaleTemporaries(path)
	st, err := store.Open(path, store.OpenOptions{ReadOnly: !write, Context: c.Context, Warn: func(msg string) {
		printf(e.stderr, "warning: %s\n", msg)
	}})
	if err != nil {
		return nil, err
	}
	if write {
		err = st.Update(func(tx *store.Tx) error {
			s, err := tx.Settings()
			if err != nil || !s.Created.IsZero() {
				return err
			}
			now, err := clock(c)
			if err != nil {
				return err
			}
			s.Created = now
			return tx.PutSettings(s)
		})
		if err != nil {
			st.Close()
			return nil, err
		}
	}
	return st, nil
}

// removeStaleTemporaries deletes what commands killed with kill -9 left
// beside the collection: a half-created collection (.new-PID) or a
// half-written repair (.repair-PID), once the process that wrote it is
// gone (or, where that cannot be told, once it is an hour old).
func removeStaleTemporaries(path string) {
	repairs, _ := filepath.Glob(path + ".repair-*")
	for _, f := range append(store.StaleTemporaries(path), repairs...) {
		pid, err := strconv.Atoi(f[strings.LastIndexByte(f, '-')+1:])
		info, serr := os.Stat(f)
		if serr != nil {
			continue
		}
		if (err == nil && !processAlive(pid)) || time.Since(info.ModTime()) > time.Hour {
			os.Remove(f)
		}
	}
}
