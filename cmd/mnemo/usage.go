package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"
)

// This file makes every mistake on the command line a usage error (exit 2),
// for every command the app has, including ones added later: unknown
// commands and subcommands, arguments to commands that take none, unknown
// flags and `help` on something that does not exist. Nothing here names a
// command; it all derives from the command tree.

// checkUsage walks the command tree and installs the checks. It runs once,
// after every command is in place.
func checkUsage(app *cli.App) {
	app.HideHelpCommand = true
	// urfave/cli adds --help only when it adds its own help command.
	app.Flags = append(app.Flags, cli.HelpFlag)
	app.Commands = append(app.Commands, helpCommand())
	app.OnUsageError = flagUsageError(app.Flags)
	app.Action = parentAction(nil, app.Action)
	for _, cmd := range app.Commands {
		checkCommandUsage(cmd)
	}
}

func checkCommandUsage(cmd *cli.Command) {
	cmd.HideHelpCommand = true
	switch {
	case len(cmd.Subcommands) > 0:
		cmd.Action = parentAction(cmd, cmd.Action)
	case cmd.ArgsUsage == "" && cmd.Action != nil:
		cmd.Action = noArgsAction(cmd.Action)
	}
	cmd.OnUsageError = flagUsageError(cmd.Flags)
	for _, sub := range cmd.Subcommands {
		checkCommandUsage(sub)
	}
}

// parentAction handles a command that has subcommands when the word after
// it is not one of them: `mnemo import csv x.csv`, `mnemo decks bogus`.
// A parent with an action of its own and no arguments still runs it.
func parentAction(cmd *cli.Command, action cli.ActionFunc) cli.ActionFunc {
	return func(c *cli.Context) error {
		subs := c.App.Commands
		if cmd != nil {
			subs = cmd.Subcommands
		}
		path := "mnemo"
		if p := commandPath(c); p != "" {
			path += " " + p
		}
		if !c.Args().Present() {
			if action != nil {
				return action(c)
			}
			if cmd == nil {
				return cli.ShowAppHelp(c)
			}
			return usageError(fmt.Sprintf("'%s' needs a subcommand: %s", path, strings.Join(commandNames(subs), ", ")),
				"see '"+path+" --help'")
		}
		word := c.Args().First()
		if word == "help" {
			return showHelp(c, append(strings.Fields(commandPath(c)), c.Args().Tail()...))
		}
		what := "command"
		if cmd != nil {
			what = "subcommand"
		}
		msg := fmt.Sprintf("unknown %s %q for '%s'", what, word, path)
		if cmd == nil {
			msg = fmt.Sprintf("unknown command %q", word)
		}
		if s := suggest(word, commandNames(subs)); s != "" {
			return usageError(msg, fmt.Sprintf("did you mean '%s %s'?", path, s))
		}
		if cmd == nil {
			return usageError(msg, "see 'mnemo --help' for the commands")
		}
		return usageError(msg, fmt.Sprintf("'%s' has: %s", path, strings.Join(commandNames(subs), ", ")))
	}
}

// noArgsAction rejects arguments to a command that declares none
// (its ArgsUsage is empty): `mnemo settings extra` must not run settings.
func noArgsAction(action cli.ActionFunc) cli.ActionFunc {
	return func(c *cli.Context) error {
		if c.Args().Present() {
			path := "mnemo " + commandPath(c)
			return usageError(fmt.Sprintf("'%s' takes no arguments, got %q", path, c.Args().First()),
				"see '"+path+" --help'")
		}
		return action(c)
	}
}

// flagUsageError turns urfave/cli's flag parse errors into usage errors
// that name the command and the flag as it is written, and suggest a
// close flag.
func flagUsageError(flags []cli.Flag) cli.OnUsageErrorFunc {
	return func(c *cli.Context, err error, _ bool) error {
		path := strings.TrimSpace("mnemo " + commandPath(c))
		msg := err.Error()
		if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
			msg = fmt.Sprintf("unknown flag %s for '%s'", dashed(name), path)
			if s := suggest(strings.TrimLeft(name, "-"), flagNames(flags)); s != "" {
				return usageError(msg, "did you mean "+dashed(s)+"?")
			}
		} else if name, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
			msg = fmt.Sprintf("%s needs a value", dashed(name))
		} else if rest, ok := strings.CutPrefix(msg, "invalid value "); ok {
			// invalid value "abc" for flag -limit: parse error
			if value, flag, ok := strings.Cut(rest, " for flag "); ok {
				flag, _, _ = strings.Cut(flag, ":")
				msg = fmt.Sprintf("%s %s is not a valid value", dashed(flag), value)
			}
		}
		return usageError(msg, "see '"+path+" --help'")
	}
}

// dashed writes a flag name as people type it: -n, --dry-run.
func dashed(name string) string {
	name = strings.TrimLeft(name, "-")
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// helpCommand replaces urfave/cli's, which prints nothing and succeeds for
// a topic that does not exist (`mnemo help stats`).
func helpCommand() *cli.Command {
	return &cli.Command{
		Name:      "help",
		Usage:     "show the commands, or the help of one command",
		ArgsUsage: "[COMMAND [SUBCOMMAND]]",
		Action: func(c *cli.Context) error {
			return showHelp(c, c.Args().Slice())
		},
	}
}

// showHelp prints the help of the command named by path (a list of command
// names from the top), or a usage error naming the first unknown word.
func showHelp(c *cli.Context, path []string) error {
	app := c.App
	if len(path) == 0 {
		return cli.ShowAppHelp(c)
	}
	subs := app.Commands
	var cmd *cli.Command
	for i, name := range path {
		cmd = findCommand(subs, name)
		if cmd == nil || name == "help" {
			where := "mnemo"
			if i > 0 {
				where += " " + strings.Join(path[:i], " ")
			}
			msg := fmt.Sprintf("no help for %q: '%s' has no such command", name, where)
			if s := suggest(name, commandNames(subs)); s != "" {
				return usageError(msg, fmt.Sprintf("did you mean 'mnemo help %s'?", strings.TrimSpace(strings.Join(path[:i], " ")+" "+s)))
			}
			return usageError(msg, "see '"+where+" --help' for its commands")
		}
		subs = cmd.Subcommands
	}
	// Running the command line `mnemo PATH --help` prints exactly what
	// --help prints.
	return app.RunContext(c.Context, append(append([]string{app.Name}, path...), "--help"))
}

func commandNames(cmds []*cli.Command) []string {
	var names []string
	for _, c := range cmds {
		if !c.Hidden && c.Name != "help" {
			names = append(names, c.Name)
		}
	}
	return names
}

func flagNames(flags []cli.Flag) []string {
	var names []string
	for _, f := range flags {
		names = append(names, f.Names()...)
	}
	return append(names, "help")
}

// suggest returns the candidate closest to word when it is close enough to
// be a typo (a few edits, fewer for short words, or a unique prefix), and
// "" otherwise: a suggestion that has nothing to do with the word misleads.
func suggest(word string, candidates []string) string {
	best, bestDist := "", 1<<30
	for _, c := range candidates {
		if d := editDistance(strings.ToLower(word), c); d < bestDist {
			best, bestDist = c, d
		}
	}
	if best != "" && bestDist <= typoBudget(word) {
		return best
	}
	var prefixed []string
	for _, c := range candidates {
		if len(word) >= 3 && strings.HasPrefix(c, strings.ToLower(word)) {
			prefixed = append(prefixed, c)
		}
	}
	if len(prefixed) == 1 {
		return prefixed[0]
	}
	return ""
}

// typoBudget is how many edits still count as a typo of word.
func typoBudget(word string) int {
	switch n := len(word); {
	case n <= 2:
		return 0
	case n <= 5:
		return 1
	default:
		return 2
	}
}

// editDistance is the optimal-string-alignment distance: insertions,
// deletions, substitutions and swaps of neighbours each cost one.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
