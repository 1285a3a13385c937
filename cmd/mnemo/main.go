// Command mnemo turns Markdown notes into flashcards, schedules them with
// FSRS and runs the daily review in the terminal.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	tuneGC(os.Getenv)
	os.Exit(runMain())
}

// runMain is the process around run: signals become the context, the
// process's streams and environment are the command's. Transcript tests
// (testdata/script) run it in-process as the mnemo command.
func runMain() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// The first Ctrl-C asks the command to stop cleanly (exit 130); once it
	// is asked, a second one kills the process as usual.
	go func() {
		<-ctx.Done()
		stop()
	}()
	return run(ctx, os.Args, os.Stdin, os.Stdout, os.Stderr, os.Getenv)
}
