//go:build unix

package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/decks/store"
)

// TestCtrlCWhileWaitingForTheLock interrupts commands that wait for a
// collection another process holds: each stops with exit 130 ("interrupted"),
// not after the lock timeout with "in use" (exit 1).
func TestCtrlCWhileWaitingForTheLock(t *testing.T) {
	c := newCLI(t)
	c.note("a.md", "Q? :: A\n")
	c.ok("add", filepath.Join(c.dir, "notes"))
	held, err := store.Open(c.db, store.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	for _, args := range [][]string{
		{"due"},
		{"cards"},
		{"add", filepath.Join(c.dir, "notes")},
		{"export", "json", filepath.Join(c.dir, "b.json")},
		{"check"},
	} {
		t.Run(args[0], func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			time.AfterFunc(100*time.Millisecond, cancel) // the command is waiting by then
			start := time.Now()
			_, errOut, code := c.runCtx(ctx, args...)
			if code != 130 || !strings.Contains(errOut, "interrupted") {
				t.Errorf("mnemo %s, Ctrl-C while waiting for the lock: exit %d, %q; want 130, interrupted", strings.Join(args, " "), code, errOut)
			}
			t.Logf("returned %v after the start, the Ctrl-C at 100ms", time.Since(start).Round(time.Millisecond))
		})
	}
}
