package main

import (
	"github.com/mnemo-app/mnemo/cmd/mnemo/internal/progress"
	"github.com/urfave/cli/v2"
)

// newProgress returns the progress bar of a long operation (label says
// what it does: "reading notes", "exporting"), drawn on stderr with rate
// and time left. It is nil, and silent, when stderr is not a terminal or
// the command prints JSON or was asked to be quiet. Pass its Update as the
// operation's progress callback and call Done before printing the result.
func newProgress(c *cli.Context, e *env, label string) *progress.Bar {
	if !isTerminal(e.stderr) || c.Bool("json") || c.Bool("quiet") {
		return nil
	}
	return progress.New(e.stderr, label,
		progress.Options{Color: e.getenv("NO_COLOR") == ""})
}
