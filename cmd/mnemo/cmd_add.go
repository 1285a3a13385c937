package main

import (
	"fmt"
	"path/filepath"
	"time"

	"github.com/mnemo-app/mnemo/cards/markdown"
	"github.com/mnemo-app/mnemo/decks/ingest"
	"github.com/mnemo-app/mnemo/decks/store"
	"github.com/urfave/cli/v2"
)

func readFlags() []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "dry-run", Aliases: []string{"n"}, Usage: "show what would change, write nothing"},
		&cli.BoolFlag{Name: "json", Usage: "print the files and cards as JSON"},
		&cli.StringFlag{Name: "generate", Usage: "cards from plain prose: `MODE` auto|rules|llm|off (remembered per path)"},
		&cli.StringFlag{Name: "llm-url", Usage: "OpenAI-compatible API `URL` for --generate llm", Value: "http://localhost:11434/v1"},
		&cli.StringFlag{Name: "llm-model", Usage: "model `NAME` for --generate llm"},
		&cli.BoolFlag{Name: "force", Usage: "re-read files even when they look unchanged"},
		&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print only the summary line"},
	}
}

func addCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "add",
		Usage:     "read notes (files or folders) into the collection",
		ArgsUsage: "PATH...",
		Description: "Reads every .md/.markdown file below each PATH. Paths are remembered: 'mnemo sync'\n" +
			"re-reads them. Editing a note keeps each card's ID and review history.",
		Flags: append(readFlags(),
			&cli.StringFlag{Name: "deck", Usage: "deck `NAME` for notes that name none (front matter and #flashcards tags win)"},
			&cli.BoolFlag{Name: "interactive", Aliases: []string{"i"}, Usage: "accept, reject or edit each generated card before saving"},
		),
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usageError("add needs at least one file or folder", "mnemo add ~/notes")
			}
			mode, err := generateMode(c.String("generate"))
			if err != nil {
				return err
			}
			if mode == "" {
				mode = markdown.GenerateAuto
			}
			var paths []store.AddedPath
			for _, p := range c.Args().Slice() {
				abs, err := filepath.Abs(p)
				if err != nil {
					return fail(err.Error())
				}
				paths = append(paths, store.AddedPath{Path: abs, Deck: c.String("deck"), Generate: mode})
			}
			if err := ingest.Check(paths); err != nil {
				return fail(err.Error(), "mnemo add takes Markdown files and folders that contain them")
			}
			return runRead(c, e, func(st *store.Store, cfg ingest.Config) (*ingest.Report, error) {
				now := cfg.Now
				for i := range paths {
					paths[i].Added = now
				}
				return ingest.Add(c.Context, st, paths, cfg)
			})
		},
	}
}

func syncCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "sync",
		Usage: "re-read every file and folder added before",
		Flags: readFlags(),
		Action: func(c *cli.Context) error {
			mode, err := generateMode(c.String("generate"))
			if err != nil {
				return err
			}
			return runRead(c, e, func(st *store.Store, cfg ingest.Config) (*ingest.Report, error) {
				var override func(*store.AddedPath)
				if mode != "" {
					override = func(p *store.AddedPath) { p.Generate = mode }
				}
				return ingest.Sync(c.Context, st, cfg, override)
			})
		},
	}
}

func generateMode(s string) (markdown.GenerateMode, error) {
	switch m := markdown.GenerateMode(s); m {
	case "", markdown.GenerateAuto, markdown.GenerateRules, markdown.GenerateLLM, markdown.GenerateOff:
		return m, nil
	}
	return "", usageError(fmt.Sprintf("--generate %q is not a mode", s), "use auto, rules, llm or off")
}

// runRead opens the collection, runs an add or sync and prints its report.
func runRead(c *cli.Context, e *env, do func(*store.Store, ingest.Config) (*ingest.Report, error)) error {
	var (
		st      *store.Store
		now     time.Time
		cleanup = func() {}
		err     error
	)
	if c.Bool("dry-run") {
		st, now, cleanup, err = openForDryRun(c, e)
	} else {
		st, now, err = openAt(c, e, true)
	}
	if err != nil {
		return err
	}
	defer cleanup()
	defer st.Close()
	gens := newGenerators(c, e, st)
	cfg := gens.config(now)
	cfg.DryRun, cfg.Force, cfg.KeepCards = c.Bool("dry-run"), c.Bool("force"), c.Bool("json") || c.Bool("dry-run")
	if c.Bool("interactive") {
		if !isTerminal(e.stdin) || !isTerminal(e.stdout) {
			return usageError("--interactive needs a terminal", "run it in a terminal, or drop generated cards later with 'mnemo drop ID'")
		}
		cfg.Review = interactiveReview(c.Context, e)
	}
	bar := newProgress(c, e, "reading notes")
	cfg.Progress = bar.Update
	// From here each transaction locks the collection only while it runs:
	// the language model is asked before the write transaction opens, and
	// other mnemo commands are not kept waiting meanwhile.
	if err := st.Release(); err != nil {
		return err
	}
	rep, err := do(st, cfg)
	bar.Done()
	if err := gens.save(cfg.DryRun); err != nil {
		printf(e.stderr, "mnemo: could not save the language-model cache: %v\n", err)
	}
	if err != nil {
		return err
	}
	if c.Bool("json") {
		err = writeReportJSON(e, rep)
	} else {
		printReport(e, rep, c.Bool("quiet"), cfg.DryRun)
	}
	if err == nil && gens.err != nil {
		// Everything else was saved; the exit code still tells scripts
		// that the language model did not run.
		saved := "rule-based and explicit cards were saved"
		if cfg.DryRun {
			saved = "dry run: nothing was written"
		}
		return fail(gens.err.Error(), saved+"; the next sync asks the model again (sections it already answered are cached)")
	}
	return err
}

type fileJSON struct {
	Path     string             `json:"path"`
	Status   string             `json:"status"`
	From     string             `json:"from,omitempty"`
	Cards    []cardJSON         `json:"cards"`
	Warnings []markdown.Warning `json:"warnings"`
}

// writeReportJSON prints the add/sync report (README "JSON shapes"),
// streamed card by card: a first add of a big vault lists every card.
func writeReportJSON(e *env, r *ingest.Report) error {
	obj := newJSONObject(e.stdout)
	obj.array("files", len(r.Files), func(i int) any {
		f := &r.Files[i]
		return fileJSON{Path: f.Path, Status: f.Status, From: f.From, Cards: cardsJSON(f.Cards), Warnings: nonNil(f.Warnings)}
	})
	obj.field("skipped", nonNil(r.Skipped))
	obj.field("orphans", nonNil(r.Orphans))
	obj.field("new", r.New)
	obj.field("updated", r.Updated)
	obj.field("unchanged", r.Unchanged)
	obj.field("orphaned", r.Orphaned)
	obj.field("suggested", r.Suggested)
	return obj.close()
}

// nonNil makes a nil slice print as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func printReport(e *env, r *ingest.Report, quiet, dryRun bool) {
	if !quiet {
		for _, s := range r.Skipped {
			printf(e.stderr, "warning: %s: %s\n", relPath(s.Path), s.Reason)
		}
		for _, f := range r.Files {
			for _, w := range f.Warnings {
				printf(e.stderr, "warning: %s:%d: %s\n", relPath(f.Path), w.Line, w.Message)
			}
		}
		if dryRun {
			t := newTable(e.stdout)
			for _, f := range r.Files {
				for i := range f.Cards {
					c := &f.Cards[i]
					t.row(c.ID, fmt.Sprintf("%s:%d", relPath(f.Path), c.Source.Line), shorten(c.Question, 60), shorten(c.Answer, 40))
				}
			}
			t.flush()
		}
	}
	if !quiet {
		printIdentity(e.stdout, r)
	}
	line := r.Summary()
	if dryRun {
		line += " (dry run: nothing written)"
	}
	fmt.Fprintln(e.stdout, line)
}
