//go:build unix

package ingest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards/markdown"
	"github.com/mnemo-app/mnemo/decks/store"
	"github.com/mnemo-app/mnemo/decks/store/storetest"
)

// withinHangGuard runs f and fails the test if it has not returned after
// a generous while: the guard catches a hang, it does not time anything.
func withinHangGuard(t *testing.T, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("hung")
	}
}

// TestAddNeverBlocksOnSpecialFiles: a FIFO (no writer), a socket and a
// symlink to /dev/zero named like notes neither block add nor get read; a
// FIFO named directly is refused with a message.
func TestAddNeverBlocksOnSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "real.md"), "Q :: A\n")
	fifo := filepath.Join(dir, "fifo.md")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	if l, err := net.Listen("unix", filepath.Join(dir, "sock.md")); err == nil {
		defer l.Close()
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.md")); err != nil {
		t.Fatal(err)
	}
	st := storetest.Open(t)
	var rep *Report
	withinHangGuard(t, func() { rep = add(t, st, dir) })
	if rep.New != 1 || len(allCards(t, st)) != 1 {
		t.Fatalf("new %d, cards %d; want the one real note", rep.New, len(allCards(t, st)))
	}
	withinHangGuard(t, func() { rep = resync(t, st) })
	var err error
	withinHangGuard(t, func() {
		_, err = Add(context.Background(), st, []store.AddedPath{{Path: fifo, Generate: markdown.GenerateOff}}, Config{Now: t0})
	})
	if err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Fatalf("adding a FIFO: %v", err)
	}
}

// TestInterruptedAddWritesNothing: the context ending midway (Ctrl-C,
// SIGTERM) rolls the whole add back and returns context.Canceled.
func TestInterruptedAddWritesNothing(t *testing.T) {
	dir := t.TempDir()
	for i := range 40 {
		write(t, filepath.Join(dir, fmt.Sprintf("n%02d.md", i)), fmt.Sprintf("Q%d :: A%d\n", i, i))
	}
	st := storetest.Open(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cfg := Config{Now: t0, Progress: func(done, _ int) {
		if done == 5 {
			cancel()
		}
	}}
	_, err := Add(ctx, st, []store.AddedPath{{Path: dir, Generate: markdown.GenerateOff}}, cfg)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Add: %v, want context.Canceled", err)
	}
	var cardsN, pathsN int
	_ = st.View(func(tx *store.Tx) error {
		cardsN = tx.CardCount()
		p, err := tx.Paths()
		pathsN = len(p)
		return err
	})
	if cardsN != 0 || pathsN != 0 {
		t.Fatalf("an interrupted add wrote %d cards and %d paths", cardsN, pathsN)
	}
}
