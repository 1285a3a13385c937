// Output rules of the mnemo command (this file and output.go implement them):
//
//   - stdout carries the result and only the result: listings, reports,
//     "exported N cards ..." lines, or with --json exactly one JSON value
//     (writeJSON: indented, HTML not escaped). Long listings stream their
//     array element by element (jsonArray) with the same bytes writeJSON
//     would print, so a pipe sees valid JSON only once the command ends.
//     With --json, anything else a command wants to say goes to stderr.
//   - stderr carries everything about the run: progress bars (only on a
//     terminal, never with --json or --quiet), summaries of side work,
//     "warning: ..." lines (warnf/printWarnings: the command goes on and
//     exits 0), and the one error message. Text that comes from notes,
//     packages or the network goes through printf/termtext.Clean, so it
//     cannot move the cursor or change the terminal.
//   - An error is printed once, by report, as "mnemo: <message>" followed by
//     zero or more "hint: <what to do>" lines; commands return errors and
//     never print them themselves.
//   - Exit codes: 0 success (warnings included); 1 the command failed
//     (fail, or any other error); 2 the command line is wrong (usageError:
//     unknown command or flag, missing argument, bad --now); 130 the user
//     interrupted (Ctrl-C cancels the context; the command stops at its next
//     check, leaves nothing half-written, and returns context.Canceled or a
//     userError with code 130). A second Ctrl-C kills the process (main.go).
//   - The interactive review's own prompts and "hint:" lines belong to its
//     screen (cmd/mnemo/internal/review), not to these rules.

package main

import (
	"context"
	"errors"
	"io"
	"strings"

	"github.com/mnemo-app/mnemo/cmd/mnemo/internal/review"
	"github.com/mnemo-app/mnemo/decks/store"
)

// userError is an error meant for people: a short message, optional hints
// saying what to do, and the exit code.
type userError struct {
	msg   string
	hints []string
	code  int
}

func (e *userError) Error() string { return e.msg }

// fail makes a user error with exit code 1.
func fail(msg string, hints ...string) error { return &userError{msg: msg, hints: hints, code: 1} }

// usageError is a mistake in the command line (exit code 2).
func usageError(msg string, hints ...string) error {
	return &userError{msg: msg, hints: hints, code: 2}
}

// report prints err as "mnemo: ..." with its hints and returns the exit code.
// It is the one place that maps errors to messages and codes.
func report(w io.Writer, err error) int {
	if err == nil {
		return 0
	}
	var ue *userError
	switch {
	case errors.As(err, &ue):
	case errors.Is(err, store.ErrLocked):
		ue = &userError{msg: store.ErrLocked.Error(), code: 1,
			hints: []string{"wait for the other mnemo (a review in another terminal?) to finish, then try again"}}
	case errors.Is(err, store.ErrCorrupt):
		ue = &userError{msg: err.Error(), code: 1, hints: []string{
			"run 'mnemo check' to see what is damaged, then 'mnemo check --repair' to salvage every readable card into a new file (the damaged one is kept as a .bak)"}}
	case errors.Is(err, store.ErrNotCollection):
		ue = &userError{msg: err.Error(), code: 1, hints: []string{
			"mnemo never overwrites a file that is not its collection: move it away, or pass --db PATH to use another file"}}
	case errors.Is(err, review.ErrInterrupted):
		ue = &userError{msg: "review interrupted; the answers given so far are saved", code: 130}
	case errors.Is(err, context.Canceled):
		ue = &userError{msg: "interrupted; nothing was changed by the unfinished command", code: 130}
	default:
		ue = &userError{msg: err.Error(), code: 1}
	}
	printf(w, "mnemo: %s\n", strings.TrimSpace(ue.msg))
	for _, h := range ue.hints {
		printf(w, "hint: %s\n", h)
	}
	return ue.code
}

// warnf prints one "warning: " line on stderr: something the user should
// know that does not stop the command.
func warnf(e *env, format string, args ...any) {
	printf(e.stderr, "warning: "+format+"\n", args...)
}
