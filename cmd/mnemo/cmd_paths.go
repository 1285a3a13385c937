package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/mnemo-app/mnemo/decks/ingest"
	"github.com/mnemo-app/mnemo/decks/store"
	"github.com/urfave/cli/v2"
)

// printIdentity prints what an add or sync did to notes and cards beyond
// the counts: files found renamed or moved, and every card it orphaned,
// with why and, once per reason, what to do.
func printIdentity(w io.Writer, r *ingest.Report) {
	for _, f := range r.Files {
		if f.Status == ingest.StatusRenamed {
			fmt.Fprintf(w, "renamed %s -> %s\n", relPath(f.From), relPath(f.Path))
		}
	}
	printOrphans(w, r.Orphans)
}

func printOrphans(w io.Writer, orphans []ingest.Orphan) {
	var hints []string
	seen := map[string]bool{}
	for _, o := range orphans {
		fmt.Fprintf(w, "orphaned %s %s:%d %q (%s): %s\n", o.ID, relPath(o.Path), o.Line, shorten(o.Question, 50), plural(int(o.Reviews), "review"), o.Reason)
		if !seen[o.Hint] {
			seen[o.Hint] = true
			hints = append(hints, o.Hint)
		}
	}
	for _, h := range hints {
		fmt.Fprintf(w, "hint: %s\n", h)
	}
}

func pathsCommand(e *env) *cli.Command {
	jsonFlag := &cli.BoolFlag{Name: "json", Usage: "print JSON"}
	list := func(c *cli.Context) error { return listPaths(c, e) }
	return &cli.Command{
		Name:  "paths",
		Usage: "list the files and folders added (re-read by sync); move or remove them",
		Description: "Cards remember their note relative to the added folder, so a folder that moved\n" +
			"(or a collection restored on another machine) needs only 'mnemo paths move OLD NEW'\n" +
			"or 'mnemo add NEW' to find its notes again, with every card's history.",
		Flags:  []cli.Flag{jsonFlag},
		Action: list,
		Subcommands: []*cli.Command{
			{Name: "list", Usage: "list the added paths", Flags: []cli.Flag{jsonFlag}, Action: list},
			{
				Name:      "move",
				Usage:     "tell mnemo an added file or folder now lives elsewhere",
				ArgsUsage: "OLD NEW",
				Flags:     []cli.Flag{jsonFlag},
				Action: func(c *cli.Context) error {
					if c.NArg() != 2 {
						return usageError("paths move takes the old and the new path", "mnemo paths move ~/notes ~/Documents/notes")
					}
					from, to := absPath(c.Args().Get(0)), absPath(c.Args().Get(1))
					return movePath(c, e, from, to)
				},
			},
			{
				Name:      "remove",
				Usage:     "stop reading an added path; its cards are orphaned (kept with their history)",
				ArgsUsage: "PATH",
				Flags:     []cli.Flag{jsonFlag},
				Action: func(c *cli.Context) error {
					if c.NArg() != 1 {
						return usageError("paths remove takes one added path", "see them with 'mnemo paths'")
					}
					return removePath(c, e, absPath(c.Args().First()))
				},
			},
		},
	}
}

type pathsJSON struct {
	Paths     []ingest.PathInfo  `json:"paths"`
	Elsewhere []ingest.Elsewhere `json:"elsewhere"`
}

func listPaths(c *cli.Context, e *env) error {
	st, err := openStore(c, e, false)
	if err != nil {
		return err
	}
	defer st.Close()
	var out pathsJSON
	err = st.View(func(tx *store.Tx) error {
		out.Paths, out.Elsewhere, err = ingest.ListPaths(tx)
		return err
	})
	if err != nil {
		return err
	}
	if c.Bool("json") {
		if out.Paths == nil {
			out.Paths = []ingest.PathInfo{}
		}
		return writeJSON(e.stdout, out)
	}
	if len(out.Paths) == 0 {
		fmt.Fprintln(e.stdout, "no paths added: add notes with 'mnemo add PATH'")
	} else {
		t := newTable(e.stdout)
		t.row("PATH", "FILES", "CARDS", "GENERATE", "DECK")
		for _, p := range out.Paths {
			path := relPath(p.Path)
			if p.Missing {
				path += " (missing)"
			}
			t.row(path, p.Files, p.Cards, p.Generate, p.Deck)
		}
		t.flush()
	}
	for _, x := range out.Elsewhere {
		fmt.Fprintf(e.stdout, "%s read under %s, which is not an added path (%d orphaned)\n",
			plural(x.Cards, "card"), relPath(x.Root), x.Orphaned)
	}
	if len(out.Elsewhere) > 0 {
		fmt.Fprintln(e.stdout, "hint: if those notes now live in another folder (another machine, a restored backup), 'mnemo add FOLDER' takes the cards back with their history")
	}
	return nil
}

func movePath(c *cli.Context, e *env, from, to string) error {
	st, err := openStore(c, e, true)
	if err != nil {
		return err
	}
	defer st.Close()
	var m ingest.Moved
	err = st.Update(func(tx *store.Tx) error {
		m, err = ingest.MovePath(tx, from, to)
		return err
	})
	if errors.Is(err, ingest.ErrNotAdded) {
		return fail(fmt.Sprintf("%s is not an added path", from), "see the added paths with 'mnemo paths'",
			"for cards restored from another machine, 'mnemo add "+to+"' takes them back")
	}
	if err != nil {
		return fail(fmt.Sprintf("cannot move %s: %v", from, err), "nothing was changed")
	}
	if c.Bool("json") {
		return writeJSON(e.stdout, m)
	}
	fmt.Fprintf(e.stdout, "moved %s -> %s: %s, %s now read from there; run 'mnemo sync' to re-read them\n",
		relPath(m.From), relPath(m.To), plural(m.Files, "file"), plural(m.Cards, "card"))
	return nil
}

func removePath(c *cli.Context, e *env, path string) error {
	st, now, err := openAt(c, e, true)
	if err != nil {
		return err
	}
	defer st.Close()
	var r ingest.Removed
	err = st.Update(func(tx *store.Tx) error {
		r, err = ingest.RemovePath(tx, path, now)
		return err
	})
	if errors.Is(err, ingest.ErrNotAdded) {
		return fail(fmt.Sprintf("%s is not an added path", path), "see the added paths with 'mnemo paths'")
	}
	if err != nil {
		return err
	}
	if c.Bool("json") {
		return writeJSON(e.stdout, r)
	}
	printOrphans(e.stdout, r.Orphans)
	line := fmt.Sprintf("removed %s: %s forgotten, %s orphaned (kept with their history until 'mnemo prune')",
		relPath(r.Path), plural(r.Files, "file"), plural(len(r.Orphans), "card"))
	if r.Kept > 0 {
		line += fmt.Sprintf("; %s still read through another added path", plural(r.Kept, "file"))
	}
	fmt.Fprintln(e.stdout, line)
	return nil
}
